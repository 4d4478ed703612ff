/* seats-trial-dialog.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seats-sync-engine.h"

G_BEGIN_DECLS

#define SEATS_TYPE_TRIAL_DIALOG (seats_trial_dialog_get_type())

G_DECLARE_FINAL_TYPE (SeatsTrialDialog, seats_trial_dialog, SEATS, TRIAL_DIALOG, AdwWindow)

SeatsTrialDialog *seats_trial_dialog_new (GtkWindow       *parent,
                                          SeatsSyncEngine *engine);

G_END_DECLS
