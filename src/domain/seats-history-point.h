/* seats-history-point.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-types.h"

G_BEGIN_DECLS

#define SEATS_TYPE_HISTORY_POINT (seats_history_point_get_type ())

G_DECLARE_FINAL_TYPE (SeatsHistoryPoint, seats_history_point, SEATS, HISTORY_POINT, GObject)

/*
 * SeatsHistoryPoint: one month of the chart of user seats purchased
 * against used, on the Licenses page.
 *
 * month is the Julian day of the first day of the month. purchased is the
 * user licenses the organization had that month, used the users who
 * counted against them.
 */
SeatsHistoryPoint *seats_history_point_new              (void);
guint32            seats_history_point_get_month_julian (SeatsHistoryPoint *self);
void               seats_history_point_set_month_julian (SeatsHistoryPoint *self,
                                                         guint32            month);
guint              seats_history_point_get_purchased    (SeatsHistoryPoint *self);
void               seats_history_point_set_purchased    (SeatsHistoryPoint *self,
                                                         guint              purchased);
guint              seats_history_point_get_used         (SeatsHistoryPoint *self);
void               seats_history_point_set_used         (SeatsHistoryPoint *self,
                                                         guint              used);

G_END_DECLS
