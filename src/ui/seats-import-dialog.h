/* seats-import-dialog.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seats-sync-engine.h"
#include "seats-user-import.h"

G_BEGIN_DECLS

#define SEATS_TYPE_IMPORT_DIALOG (seats_import_dialog_get_type())

G_DECLARE_FINAL_TYPE (SeatsImportDialog, seats_import_dialog, SEATS, IMPORT_DIALOG, AdwWindow)

SeatsImportDialog *seats_import_dialog_new         (GtkWindow       *parent,
                                                    SeatsSyncEngine *engine,
                                                    SeatsUserTable  *table);
void               seats_import_dialog_choose_file (GtkWindow       *parent,
                                                    SeatsSyncEngine *engine);

G_END_DECLS
