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

#include "seats-format.h"
#include "seats-overview.h"
#include "seats-product.h"
#include "seats-reminder.h"
#include "seats-snapshot.h"
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
 * free licenses cost a month (unless, to a viewer, its prices are not
 * shared: R15), the next period whose count can still be changed and the
 * last day to change it, and what needs attention.
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
  line->monthly = line->free_monthly = SEATS_PRICE_NOT_SHARED;
  line->synced = snapshot->account != NULL;
  line->currency = g_strdup (seats_snapshot_get_currency (snapshot));

  users = G_LIST_MODEL (snapshot->users);
  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      if (seats_user_get_active (user) &&
          seats_user_get_grace_deadline_julian (user) != SEATS_JULIAN_NONE)
        {
          line->attention |= SEATS_ATTENTION_GRACE;
          break;
        }
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
  line->has_prices = seats_subscription_has_prices (snapshot->subscription) &&
                     seats_product_has_price (seats);
  if (line->has_prices)
    {
      line->monthly = MAX (seats_subscription_get_monthly_price (snapshot->subscription), 0);
      line->free_monthly = times (line->free, seats_product_get_price (seats));
    }

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

/* "3 of 12 licenses in use. 9 are available." */
static void
append_licenses (GString *text,
                 guint    in_use,
                 guint    bought,
                 guint    free)
{
  g_autofree char *in_use_text = seats_format_count (in_use);
  g_autofree char *bought_text = seats_format_count (bought);
  g_autofree char *free_text = seats_format_count (free);

  /* Translators: licenses in use, then bought */
  g_string_append_printf (text, ngettext ("%s of %s license in use.", "%s of %s licenses in use.", bought),
                          in_use_text, bought_text);
  g_string_append_c (text, ' ');
  /* Translators: %s is a number of licenses nobody holds */
  g_string_append_printf (text, ngettext ("%s is available.", "%s are available.", free), free_text);
}

static void
append_free_cost (GString    *text,
                  gint64      amount,
                  const char *currency)
{
  g_autofree char *cost = seats_format_money (amount, currency);

  g_string_append_c (text, '\n');
  /* Translators: %s is an amount of money */
  g_string_append_printf (text, _("The licenses nobody holds cost %s a month."), cost);
}

/**
 * seats_overview_line_describe:
 * @line: a subscription at a glance
 *
 * Returns: (transfer full): what the overview says of @line under its
 *   name, a fact a line: its licenses, what the free ones cost, the next
 *   period and the last day to change it, and what needs attention
 */
char *
seats_overview_line_describe (const SeatsOverviewLine *line)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *reasons = NULL;

  g_return_val_if_fail (line != NULL, NULL);

  if (!line->synced)
    return g_strdup (_("Not synced yet."));

  if (!line->has_terms)
    {
      g_autofree char *in_use = seats_format_count (line->in_use);

      /* Translators: %s is a number of users */
      g_string_append_printf (text, ngettext ("%s user holds a license; nobody keeps the terms of "
                                              "this subscription yet.",
                                              "%s users hold a license; nobody keeps the terms of "
                                              "this subscription yet.", line->in_use), in_use);
    }
  else
    {
      append_licenses (text, line->in_use, line->bought, line->free);
      if (line->has_prices && line->free > 0)
        append_free_cost (text, line->free_monthly, line->currency);
    }

  if (line->next_period != 0 && line->change_by != 0)
    {
      g_autofree char *next = seats_format_date (line->next_period);
      g_autofree char *change_by = seats_format_date (line->change_by);

      g_string_append_c (text, '\n');
      /* Translators: the day the next billing period begins, then the last
       * day its licenses can be changed */
      g_string_append_printf (text, _("Next period from %s; change it by %s."), next, change_by);
    }

  if ((reasons = seats_attention_text (line->attention)) != NULL)
    g_string_append_printf (text, "\n%s", reasons);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * seats_overview_line_caption:
 * @line: a subscription at a glance
 *
 * Returns: (transfer full): a few words on @line under its name in a
 *   list of accounts: its licenses in use of those bought
 */
char *
seats_overview_line_caption (const SeatsOverviewLine *line)
{
  g_autofree char *in_use = NULL;
  g_autofree char *bought = NULL;

  g_return_val_if_fail (line != NULL, NULL);

  if (!line->synced)
    return g_strdup (_("Not synced yet"));

  in_use = seats_format_count (line->in_use);
  if (!line->has_terms)
    /* Translators: %s is a number of users */
    return g_strdup_printf (ngettext ("%s user", "%s users", line->in_use), in_use);

  bought = seats_format_count (line->bought);
  /* Translators: licenses in use, then bought */
  return g_strdup_printf (ngettext ("%s of %s in use", "%s of %s in use", line->bought), in_use, bought);
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

static guint
count_plus (guint a,
            guint b)
{
  return b > G_MAXUINT - a ? G_MAXUINT : a + b;
}

/**
 * seats_overview_totals:
 * @lines: (array length=n_lines): the subscriptions at a glance
 * @n_lines: how many
 *
 * Adds up the subscriptions whose terms are known, one total per
 * currency: euros and kronor are never added together. The amounts leave
 * out the subscriptions whose prices are not shared (R15); an amount too
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
      total->bought = count_plus (total->bought, line->bought);
      total->in_use = count_plus (total->in_use, line->in_use);
      total->free = count_plus (total->free, line->free);
      if (!line->has_prices)
        {
          total->unpriced++;
          continue;
        }
      total->monthly = plus (total->monthly, line->monthly);
      total->free_monthly = plus (total->free_monthly, line->free_monthly);
    }

  g_array_sort (totals, compare_totals);

  return totals;
}

/**
 * seats_overview_total_title:
 * @total: the subscriptions in one currency
 *
 * Returns: (transfer full): its currency and how many subscriptions it has
 */
char *
seats_overview_total_title (const SeatsOverviewTotal *total)
{
  g_return_val_if_fail (total != NULL, NULL);

  /* Translators: a currency code, then how many subscriptions are in it */
  return g_strdup_printf (ngettext ("%s, %u subscription", "%s, %u subscriptions", total->subscriptions),
                          total->currency, total->subscriptions);
}

/**
 * seats_overview_total_describe:
 * @total: the subscriptions in one currency
 *
 * Returns: (transfer full): its licenses, what the free ones cost, and
 *   what the amounts leave out, a fact a line
 */
char *
seats_overview_total_describe (const SeatsOverviewTotal *total)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (total != NULL, NULL);

  append_licenses (text, total->in_use, total->bought, total->free);
  if (total->unpriced < total->subscriptions && total->free_monthly > 0)
    append_free_cost (text, total->free_monthly, total->currency);

  if (total->unpriced > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("The prices of %u subscription are not shared with you, "
                                              "so the amounts leave it out.",
                                              "The prices of %u subscriptions are not shared with you, "
                                              "so the amounts leave them out.", total->unpriced),
                              total->unpriced);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * seats_overview_monthly_text:
 * @amount: what something costs a month, in minor units, or
 *   %SEATS_PRICE_NOT_SHARED
 * @currency: (nullable): its currency
 *
 * Returns: (transfer full) (nullable): "€ 12.50 a month", or %NULL when
 *   the price is not shared
 */
char *
seats_overview_monthly_text (gint64      amount,
                             const char *currency)
{
  g_autofree char *money = NULL;

  if (amount == SEATS_PRICE_NOT_SHARED)
    return NULL;

  money = seats_format_money (amount, currency);
  /* Translators: %s is what a subscription costs a month */
  return g_strdup_printf (_("%s a month"), money);
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
    g_ptr_array_add (reasons, _("The next period’s licenses can be lowered, and the last day to "
                                "change them is near."));

  if (reasons->len == 0)
    return NULL;

  return g_strjoinv ("\n", (char **) reasons->pdata);
}

/**
 * seats_attention_to_string:
 * @attention: one reason for attention
 *
 * Returns: (nullable): its name for scripts: "over", "grace",
 *   "new-license" or "notice"
 */
const char *
seats_attention_to_string (SeatsAttention attention)
{
  switch ((int) attention)
    {
    case SEATS_ATTENTION_OVER:
      return "over";
    case SEATS_ATTENTION_GRACE:
      return "grace";
    case SEATS_ATTENTION_NEW_LICENSE:
      return "new-license";
    case SEATS_ATTENTION_NOTICE:
      return "notice";
    default:
      return NULL;
    }
}
