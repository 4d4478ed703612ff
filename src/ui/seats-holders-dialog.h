/* seats-holders-dialog.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seats-sync-engine.h"

G_BEGIN_DECLS

#define SEATS_TYPE_HOLDERS_DIALOG (seats_holders_dialog_get_type())

G_DECLARE_FINAL_TYPE (SeatsHoldersDialog, seats_holders_dialog, SEATS, HOLDERS_DIALOG, AdwWindow)

SeatsHoldersDialog *seats_holders_dialog_new         (GtkWindow       *parent,
                                                      SeatsSyncEngine *engine,
                                                      const char      *module_id);
SeatsHoldersDialog *seats_holders_dialog_new_surplus (GtkWindow       *parent,
                                                      SeatsSyncEngine *engine,
                                                      const char      *product_id,
                                                      guint            new_count);

G_END_DECLS
