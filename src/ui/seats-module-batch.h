/* seats-module-batch.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-sync-engine.h"

G_BEGIN_DECLS

void       seats_module_batch_run_async  (SeatsSyncEngine      *engine,
                                          const char           *product_id,
                                          gboolean              assign,
                                          GPtrArray            *user_ids,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean   seats_module_batch_run_finish (GAsyncResult         *result,
                                          GPtrArray           **done,
                                          GError              **error);

G_END_DECLS
