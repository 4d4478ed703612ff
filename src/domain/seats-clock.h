/* seats-clock.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SEATS_TYPE_CLOCK (seats_clock_get_type ())

G_DECLARE_FINAL_TYPE (SeatsClock, seats_clock, SEATS, CLOCK, GObject)

SeatsClock *seats_clock_new                (void);
SeatsClock *seats_clock_new_following      (SeatsClock  *base,
                                            GTimeZone   *zone);
SeatsClock *seats_clock_get_default        (void);
GTimeZone  *seats_clock_get_time_zone      (SeatsClock  *self);
void        seats_clock_set_time_zone      (SeatsClock  *self,
                                            GTimeZone   *zone);
gint64      seats_clock_get_real_time      (SeatsClock  *self);
gint64      seats_clock_get_unix_time      (SeatsClock  *self);
GDateTime  *seats_clock_get_now            (SeatsClock  *self);
void        seats_clock_get_today          (SeatsClock  *self,
                                            GDate       *today);
guint32     seats_clock_get_today_julian   (SeatsClock  *self);
void        seats_clock_get_today_in       (SeatsClock  *self,
                                            GTimeZone   *zone,
                                            GDate       *today);
gint64      seats_clock_get_next_day_start (SeatsClock  *self,
                                            GTimeZone   *zone);
void        seats_clock_set_now            (SeatsClock  *self,
                                            GDateTime   *now);
gboolean    seats_clock_set_now_from_string (SeatsClock *self,
                                            const char  *text,
                                            GError     **error);

gboolean    seats_time_zone_id_is_valid    (const char  *identifier);
GTimeZone  *seats_time_zone_new_for_id     (const char  *identifier);

G_END_DECLS
