/* seats-reminder.c: what the next notice date of a subscription asks
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include <string.h>

#include "seats-account.h"
#include "seats-policy.h"
#include "seats-product.h"
#include "seats-reminder.h"
#include "seats-rules.h"
#include "seats-subscription.h"
#include "seats-terms.h"
#include "seats-user.h"

/**
 * seats_reminder_compute:
 * @snapshot: an account as it is known
 * @today: today, from the one clock
 * @days_ahead: how many days before a notice date to remind
 * @reminder: (out caller-allocates): what the notice date asks; cleared
 *   with seats_reminder_clear()
 *
 * A subscription's next period has the count set for it by its notice
 * date: @notice_days before the period turns, at the latest its last day.
 * Lowering it then to the users who count saves the licenses nobody
 * holds, and users whose end date has passed hold none (R1) but may still
 * be active at the vendor. This says when the notice date is, what the
 * count could be lowered to and what that saves a period, and whether it
 * is time to remind: the date is within @days_ahead and there is
 * something to do.
 *
 * Returns: %FALSE when @snapshot has no billing period or user licenses,
 *   which a SCIM account whose terms nobody keeps has not
 */
gboolean
seats_reminder_compute (const SeatsSnapshot *snapshot,
                        const GDate         *today,
                        guint                days_ahead,
                        SeatsReminder       *reminder)
{
  SeatsProduct *seats = NULL;
  SeatsRulePolicy policy;
  guint32 today_julian, end;
  guint notice_days, months;
  guint64 saving;

  g_return_val_if_fail (snapshot != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (reminder != NULL, FALSE);

  memset (reminder, 0, sizeof *reminder);

  if (snapshot->subscription == NULL ||
      (end = seats_subscription_get_period_end_julian (snapshot->subscription)) == 0)
    return FALSE;

  if (!(seats = seats_products_find_user_seats (G_LIST_MODEL (snapshot->products))))
    return FALSE;

  seats_rule_policy_init (&policy);
  if (snapshot->account != NULL && seats_account_get_policy (snapshot->account) != NULL)
    seats_policy_to_rule (seats_account_get_policy (snapshot->account), &policy);

  /* Once this period's notice date has passed, the next one is the
   * following period's, with the counts as they are set now. */
  today_julian = seats_julian_from_date (today);
  notice_days = seats_subscription_get_notice_days (snapshot->subscription);
  months = MAX (seats_subscription_get_period_months (snapshot->subscription), 1);
  while (seats_rules_notice_date (end, notice_days) < today_julian)
    {
      guint32 after = seats_subscription_period_after (snapshot->subscription, end);

      if (after <= end)
        return FALSE;
      end = after;
    }

  reminder->period_end = end;
  reminder->notice_date = seats_rules_notice_date (end, notice_days);
  reminder->next_period = seats_product_get_next_period (seats);
  reminder->counted = seats_users_count_counted (G_LIST_MODEL (snapshot->users), today);
  reminder->currency = g_strdup (seats_snapshot_get_currency (snapshot));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (snapshot->users)); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (G_LIST_MODEL (snapshot->users), i);

      if (seats_user_get_active (user) &&
          seats_user_get_status (user, today) == SEATS_USER_STATUS_LEFT)
        reminder->left++;
    }

  reminder->target = MAX (reminder->counted, MAX (policy.min_seats, 1));
  if (reminder->next_period > reminder->target &&
      g_uint64_checked_mul (&saving, reminder->next_period - reminder->target,
                            (guint64) MAX (seats_product_get_price (seats), 0)) &&
      g_uint64_checked_mul (&saving, saving, months) &&
      saving <= G_MAXINT64)
    reminder->saving = (gint64) saving;

  reminder->days_left = reminder->notice_date - today_julian;
  reminder->due = reminder->days_left <= days_ahead &&
                  (reminder->next_period > reminder->target || reminder->left > 0);

  return TRUE;
}

void
seats_reminder_clear (SeatsReminder *reminder)
{
  g_clear_pointer (&reminder->currency, g_free);
}
