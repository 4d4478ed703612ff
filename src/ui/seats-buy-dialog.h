/* seats-buy-dialog.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seats-sync-engine.h"

G_BEGIN_DECLS

#define SEATS_TYPE_BUY_DIALOG (seats_buy_dialog_get_type())

G_DECLARE_FINAL_TYPE (SeatsBuyDialog, seats_buy_dialog, SEATS, BUY_DIALOG, AdwWindow)

SeatsBuyDialog *seats_buy_dialog_new (GtkWindow       *parent,
                                      SeatsSyncEngine *engine,
                                      const char      *product_id);

G_END_DECLS
