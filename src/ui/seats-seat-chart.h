/* seats-seat-chart.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SEATS_TYPE_SEAT_CHART (seats_seat_chart_get_type())

G_DECLARE_FINAL_TYPE (SeatsSeatChart, seats_seat_chart, SEATS, SEAT_CHART, GtkWidget)

GtkWidget  *seats_seat_chart_new         (void);
GListModel *seats_seat_chart_get_model   (SeatsSeatChart *self);
void        seats_seat_chart_set_model   (SeatsSeatChart *self,
                                          GListModel     *model);
char       *seats_seat_chart_describe    (GListModel     *model);

G_END_DECLS
