/* sync-test-helper.h: the sync engine and its source, as tests drive them
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seats-client.h"
#include "seats-license-server-source.h"
#include "seats-store.h"
#include "seats-sync-engine.h"

G_BEGIN_DECLS

SeatsSyncEngine *sync_test_open_engine  (const char          *uri,
                                         const char          *token,
                                         const char          *db_path,
                                         SeatsSyncLoadFlags   flags);
SeatsClient     *sync_test_client       (SeatsSyncEngine     *engine);
SeatsChange     *sync_test_check        (SeatsSyncEngine     *engine,
                                         SeatsChange         *change,
                                         GError             **error);
SeatsChange     *sync_test_check_import (SeatsSyncEngine     *engine,
                                         const char          *license_file,
                                         GError             **error);
gboolean         sync_test_quote        (SeatsSyncEngine     *engine,
                                         const char          *product_id,
                                         guint                quantity,
                                         SeatsPurchaseQuote  *quote,
                                         GError             **error);
gboolean         sync_test_submit       (SeatsSyncEngine     *engine,
                                         SeatsChange         *change,
                                         GError             **error);

G_END_DECLS
