/* seats-user-dialog.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seats-sync-engine.h"

G_BEGIN_DECLS

#define SEATS_TYPE_USER_DIALOG (seats_user_dialog_get_type())

G_DECLARE_FINAL_TYPE (SeatsUserDialog, seats_user_dialog, SEATS, USER_DIALOG, AdwWindow)

SeatsUserDialog *seats_user_dialog_new (GtkWindow       *parent,
                                        SeatsSyncEngine *engine,
                                        SeatsUser       *user);

G_END_DECLS
