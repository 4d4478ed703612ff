/* seats-wrap-box.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SEATS_TYPE_WRAP_BOX (seats_wrap_box_get_type())

G_DECLARE_FINAL_TYPE (SeatsWrapBox, seats_wrap_box, SEATS, WRAP_BOX, GtkWidget)

GtkWidget *seats_wrap_box_new (void);

G_END_DECLS
