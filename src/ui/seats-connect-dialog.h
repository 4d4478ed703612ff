/* seats-connect-dialog.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SEATS_TYPE_CONNECT_DIALOG (seats_connect_dialog_get_type())

G_DECLARE_FINAL_TYPE (SeatsConnectDialog, seats_connect_dialog, SEATS, CONNECT_DIALOG, AdwWindow)

SeatsConnectDialog *seats_connect_dialog_new (GtkWindow *parent,
                                              GSettings *settings);

G_END_DECLS
