/* seats-reminder.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-snapshot.h"

G_BEGIN_DECLS

/* How many days ahead of a notice date Seats reminds, unless set. */
#define SEATS_REMINDER_DEFAULT_DAYS 7

/**
 * SeatsReminder:
 * @notice_date: the last day the next period's count can be changed, Julian
 * @period_end: the day the next period begins, Julian
 * @days_left: the days from today to @notice_date
 * @next_period: the user licenses the next period has
 * @counted: the users who count today (R1)
 * @left: users still active whose end date has passed
 * @target: what the next period can be lowered to: the users who count,
 *   and at least the policy's lowest count
 * @saving: what lowering the next period to @target saves a period, in
 *   minor units of @currency
 * @currency: (nullable): the subscription's currency
 * @due: whether to remind: @notice_date is today or within the days
 *   asked for, and there are licenses to lower or users who have left
 *
 * What a subscription's next notice date asks of the administrator.
 */
typedef struct
{
  guint32  notice_date;
  guint32  period_end;
  guint    days_left;
  guint    next_period;
  guint    counted;
  guint    left;
  guint    target;
  gint64   saving;
  char    *currency;
  gboolean due;
} SeatsReminder;

gboolean seats_reminder_compute (const SeatsSnapshot *snapshot,
                                 const GDate         *today,
                                 guint                days_ahead,
                                 SeatsReminder       *reminder);
void     seats_reminder_clear   (SeatsReminder       *reminder);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SeatsReminder, seats_reminder_clear)

G_END_DECLS
