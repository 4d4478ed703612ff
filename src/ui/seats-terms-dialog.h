/* seats-terms-dialog.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seats-sync-engine.h"

G_BEGIN_DECLS

#define SEATS_TYPE_TERMS_DIALOG (seats_terms_dialog_get_type())

G_DECLARE_FINAL_TYPE (SeatsTermsDialog, seats_terms_dialog, SEATS, TERMS_DIALOG, AdwWindow)

SeatsTermsDialog *seats_terms_dialog_new (GtkWindow       *parent,
                                          GSettings       *settings,
                                          SeatsSyncEngine *engine);

G_END_DECLS
