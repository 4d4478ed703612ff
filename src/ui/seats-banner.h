/* seats-banner.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SEATS_TYPE_BANNER (seats_banner_get_type())

G_DECLARE_FINAL_TYPE (SeatsBanner, seats_banner, SEATS, BANNER, GtkWidget)

const char *seats_banner_get_title        (SeatsBanner *self);
void        seats_banner_set_title        (SeatsBanner *self,
                                           const char  *title);
const char *seats_banner_get_button_label (SeatsBanner *self);
void        seats_banner_set_button_label (SeatsBanner *self,
                                           const char  *label);
gboolean    seats_banner_get_revealed     (SeatsBanner *self);
void        seats_banner_set_revealed     (SeatsBanner *self,
                                           gboolean     revealed);

G_END_DECLS
