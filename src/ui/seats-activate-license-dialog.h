/* seats-activate-license-dialog.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seats-sync-engine.h"

G_BEGIN_DECLS

#define SEATS_TYPE_ACTIVATE_LICENSE_DIALOG (seats_activate_license_dialog_get_type())

G_DECLARE_FINAL_TYPE (SeatsActivateLicenseDialog, seats_activate_license_dialog, SEATS, ACTIVATE_LICENSE_DIALOG, AdwWindow)

SeatsActivateLicenseDialog *seats_activate_license_dialog_new        (GtkWindow          *parent,
                                                                  SeatsSyncEngine    *engine);
SeatsActivateLicenseDialog *seats_activate_license_dialog_new_import (GtkWindow          *parent,
                                                                  SeatsSyncEngine    *engine,
                                                                  const char         *license_file,
                                                                  SeatsPendingLicense *license);

G_END_DECLS
