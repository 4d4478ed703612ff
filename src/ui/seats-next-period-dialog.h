/* seats-next-period-dialog.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seats-sync-engine.h"

G_BEGIN_DECLS

#define SEATS_TYPE_NEXT_PERIOD_DIALOG (seats_next_period_dialog_get_type())

G_DECLARE_FINAL_TYPE (SeatsNextPeriodDialog, seats_next_period_dialog, SEATS, NEXT_PERIOD_DIALOG, AdwWindow)

SeatsNextPeriodDialog *seats_next_period_dialog_new (GtkWindow       *parent,
                                                     SeatsSyncEngine *engine,
                                                     const char      *product_id);

G_END_DECLS
