/* seats-overview.c: every subscription at a glance, and its totals
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "seats-overview.h"
#include "seats-product.h"
#include "seats-reminder.h"
#include "seats-subscription.h"
#include "seats-user.h"

/* A product's price, times a count, or the largest amount there is. */
static gint64
times (guint  count,
       gint64 price)
{
  guint64 amount;

  if (!g_uint64_checked_mul (&amount, count, (guint64) MAX (price, 0)) || amount > G_MAXINT64)
    return G_MAXINT64;

  return (gint64) amount;
}

static gint64
plus (gint64 a,
      gint64 b)
{
  guint64 sum;

  if (!g_uint64_checked_add (&sum, (guint64) MAX (a, 0), (guint64) MAX (b, 0)) || sum > G_MAXINT64)
    return G_MAXINT64;

  return (gint64) sum;
}

/**
 * seats_overview_line_compute:
 * @snapshot: an account as it is known
 * @today: today, from the one clock
 * @days_ahead: how many days before a notice date it needs attention
 * @line: (out caller-allocates): the account at a glance; cleared with
 *   seats_overview_line_clear()
 *
 * What the overview of all accounts shows of one: the user licenses
 * bought, those in use (R1) and those free, what the subscription and its
 * free licenses cost a month, the next period whose count can still be
 * changed and the last day to change it, and what needs attention.
 */
void
seats_overview_line_compute (const SeatsSnapshot *snapshot,
                             const GDate         *today,
                             guint                days_ahead,
                             SeatsOverviewLine   *line)
{
  g_auto(SeatsReminder) reminder = { 0 };
  SeatsProduct *seats;
  GListModel *users;

  g_return_if_fail (snapshot != NULL);
  g_return_if_fail (today != NULL && g_date_valid (today));
  g_return_if_fail (line != NULL);

  memset (line, 0, sizeof *line);

  users = G_LIST_MODEL (snapshot->users);
  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      if (seats_user_get_active (user) &&
          seats_user_get_grace_deadline_julian (user) != SEATS_JULIAN_NONE)
        line->attention |= SEATS_ATTENTION_GRACE;
    }

  if (snapshot->pending_license != NULL)
    line->attention |= SEATS_ATTENTION_NEW_LICENSE;

  seats = seats_products_find_user_seats (G_LIST_MODEL (snapshot->products));
  if (seats == NULL || snapshot->subscription == NULL)
    {
      line->in_use = seats_users_count_counted (users, today);
      return;
    }

  line->has_terms = TRUE;
  line->bought = seats_product_get_purchased (seats);
  line->in_use = seats_product_get_in_use (seats);
  line->free = seats_product_get_free (seats);
  line->monthly = MAX (seats_subscription_get_monthly_price (snapshot->subscription), 0);
  line->free_monthly = times (line->free, seats_product_get_price (seats));
  line->currency = g_strdup (seats_subscription_get_currency (snapshot->subscription) != NULL
                             ? seats_subscription_get_currency (snapshot->subscription)
                             : seats_product_get_currency (seats));

  if (line->in_use > line->bought)
    line->attention |= SEATS_ATTENTION_OVER;

  if (seats_reminder_compute (snapshot, today, days_ahead, &reminder))
    {
      line->next_period = reminder.period_end;
      line->change_by = reminder.notice_date;
      if (reminder.due)
        line->attention |= SEATS_ATTENTION_NOTICE;
    }
}

void
seats_overview_line_clear (SeatsOverviewLine *line)
{
  g_clear_pointer (&line->currency, g_free);
}

static void
total_clear (gpointer data)
{
  SeatsOverviewTotal *total = data;

  g_clear_pointer (&total->currency, g_free);
}

static int
compare_totals (gconstpointer a,
                gconstpointer b)
{
  return g_strcmp0 (((const SeatsOverviewTotal *) a)->currency,
                    ((const SeatsOverviewTotal *) b)->currency);
}

/**
 * seats_overview_totals:
 * @lines: (array length=n_lines): the subscriptions at a glance
 * @n_lines: how many
 *
 * Adds up the subscriptions whose terms are known, one total per
 * currency: euros and kronor are never added together. An amount too
 * large to hold stays at the largest there is.
 *
 * Returns: (transfer full) (element-type SeatsOverviewTotal): the totals,
 *   by currency code
 */
GArray *
seats_overview_totals (const SeatsOverviewLine *lines,
                       guint                    n_lines)
{
  GArray *totals = g_array_new (FALSE, TRUE, sizeof (SeatsOverviewTotal));

  g_array_set_clear_func (totals, total_clear);

  for (guint i = 0; i < n_lines; i++)
    {
      const SeatsOverviewLine *line = &lines[i];
      SeatsOverviewTotal *total = NULL;

      if (!line->has_terms || line->currency == NULL)
        continue;

      for (guint j = 0; j < totals->len && total == NULL; j++)
        if (g_str_equal (g_array_index (totals, SeatsOverviewTotal, j).currency, line->currency))
          total = &g_array_index (totals, SeatsOverviewTotal, j);

      if (total == NULL)
        {
          SeatsOverviewTotal added = { g_strdup (line->currency), 0 };

          g_array_append_val (totals, added);
          total = &g_array_index (totals, SeatsOverviewTotal, totals->len - 1);
        }

      total->subscriptions++;
      total->bought = line->bought > G_MAXUINT - total->bought ? G_MAXUINT : total->bought + line->bought;
      total->in_use = line->in_use > G_MAXUINT - total->in_use ? G_MAXUINT : total->in_use + line->in_use;
      total->free = line->free > G_MAXUINT - total->free ? G_MAXUINT : total->free + line->free;
      total->monthly = plus (total->monthly, line->monthly);
      total->free_monthly = plus (total->free_monthly, line->free_monthly);
    }

  g_array_sort (totals, compare_totals);

  return totals;
}

/**
 * seats_attention_text:
 * @attention: what needs the administrator
 *
 * Returns: (transfer full) (nullable): why a subscription needs attention,
 *   one reason a line, or %NULL when nothing does
 */
char *
seats_attention_text (SeatsAttention attention)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_null_terminated (4, NULL, TRUE);

  if (attention & SEATS_ATTENTION_OVER)
    g_ptr_array_add (reasons, _("More licenses are in use than were bought."));
  if (attention & SEATS_ATTENTION_GRACE)
    g_ptr_array_add (reasons, _("Users over the count lose their license when the grace period ends."));
  if (attention & SEATS_ATTENTION_NEW_LICENSE)
    g_ptr_array_add (reasons, _("A new license from the vendor is waiting to be activated."));
  if (attention & SEATS_ATTENTION_NOTICE)
    g_ptr_array_add (reasons, _("The next period’s licenses can be lowered, and the last day to change them is near."));

  if (reasons->len == 0)
    return NULL;

  return g_strjoinv ("\n", (char **) reasons->pdata);
}
