/* seats-format.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "seats-format.h"
#include "seats-types.h"

/* A no-break space keeps "€ 12,50" and "12,50 kr" on one line. */
#define NO_BREAK_SPACE "\xc2\xa0"

/**
 * seats_currency_digits:
 * @currency: an ISO 4217 code
 *
 * Returns: how many digits the minor unit of @currency has
 */
guint
seats_currency_digits (const char *currency)
{
  static const char *none[] = { "CLP", "ISK", "JPY", "KRW", "VND", "XAF", "XOF" };
  static const char *three[] = { "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND" };

  for (guint i = 0; currency != NULL && i < G_N_ELEMENTS (none); i++)
    if (g_str_equal (currency, none[i]))
      return 0;

  for (guint i = 0; currency != NULL && i < G_N_ELEMENTS (three); i++)
    if (g_str_equal (currency, three[i]))
      return 3;

  return 2;
}

static void
append_grouped (GString    *out,
                guint64     value,
                const char *separator,
                int         group)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && group > 0 && group < CHAR_MAX && (len - i) % group == 0 && *separator)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
}

/**
 * seats_format_money:
 * @amount: an amount in minor units (cents, öre)
 * @currency: its ISO 4217 code
 *
 * Writes @amount as the locale writes money: "€ 1.234,56" in nl_NL,
 * "1 234,56 kr" in sv_SE. The locale's own currency gets its symbol; any
 * other currency its code, so that a Swedish price reads as SEK in the
 * Netherlands.
 *
 * Returns: (transfer full): the amount for a person
 */
char *
seats_format_money (gint64      amount,
                    const char *currency)
{
  struct lconv *conv = localeconv ();
  g_autoptr(GString) number = g_string_new (NULL);
  const char *symbol = currency != NULL ? currency : "";
  const char *decimal_point = *conv->mon_decimal_point ? conv->mon_decimal_point : ".";
  guint digits = seats_currency_digits (currency);
  guint64 magnitude = amount < 0 ? (guint64) -(amount + 1) + 1 : (guint64) amount;
  guint64 divisor = 1;
  gboolean precedes;
  gboolean space;

  for (guint i = 0; i < digits; i++)
    divisor *= 10;

  if (currency != NULL && g_str_has_prefix (conv->int_curr_symbol, currency) && *conv->currency_symbol)
    symbol = conv->currency_symbol;

  if (amount < 0)
    g_string_append_c (number, '-');

  append_grouped (number, magnitude / divisor, conv->mon_thousands_sep, conv->mon_grouping[0]);

  if (digits > 0)
    g_string_append_printf (number, "%s%0*" G_GUINT64_FORMAT, decimal_point, (int) digits,
                            magnitude % divisor);

  /* Locales without money conventions (C) write the code first. */
  precedes = conv->p_cs_precedes != 0;
  space = conv->p_sep_by_space != 0 || symbol != conv->currency_symbol;

  if (precedes)
    return g_strconcat (symbol, space ? NO_BREAK_SPACE : "", number->str, NULL);
  else
    return g_strconcat (number->str, space ? NO_BREAK_SPACE : "", symbol, NULL);
}

static GDateTime *
date_time_from_julian (guint32 julian)
{
  GDate date;

  if (!seats_julian_to_date (julian, &date))
    return NULL;

  return g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
}

static char *
format_julian (guint32     julian,
               const char *format)
{
  g_autoptr(GDateTime) date_time = date_time_from_julian (julian);

  if (date_time == NULL)
    return g_strdup ("");

  return g_date_time_format (date_time, format);
}

/**
 * seats_format_date:
 * @julian: a calendar date, or %SEATS_JULIAN_NONE
 *
 * Returns: (transfer full): the date in full ("22 november 2026"), or an
 *   empty string for no date
 */
char *
seats_format_date (guint32 julian)
{
  /* Translators: a date in full, see the GDateTime format codes.
   * English writes "November 22, 2026"; Dutch and Swedish "22 november 2026". */
  return format_julian (julian, _("%B %-d, %Y"));
}

/**
 * seats_format_date_short:
 * @julian: a calendar date, or %SEATS_JULIAN_NONE
 *
 * Returns: (transfer full): the date for a table ("22 nov 2026")
 */
char *
seats_format_date_short (guint32 julian)
{
  /* Translators: a short date for tables, see the GDateTime format codes.
   * "Nov 22, 2026" in English. */
  return format_julian (julian, _("%b %-d, %Y"));
}

/**
 * seats_format_month:
 * @julian: a day of the month
 *
 * Returns: (transfer full): the month, short, for a chart ("nov")
 */
char *
seats_format_month (guint32 julian)
{
  /* Translators: a month on the axis of a chart, see the GDateTime format codes */
  return format_julian (julian, _("%b"));
}

/**
 * seats_format_count:
 * @count: a number of licenses or users
 *
 * Returns: (transfer full): @count with the locale's thousands separator
 */
char *
seats_format_count (guint64 count)
{
  struct lconv *conv = localeconv ();
  GString *out = g_string_new (NULL);

  append_grouped (out, count, conv->thousands_sep, conv->grouping[0]);

  return g_string_free (out, FALSE);
}

/**
 * seats_format_since:
 * @then: a moment, Unix seconds
 * @now: the moment it is now
 *
 * Returns: (transfer full): how long ago @then was, for "Synced %s"
 */
char *
seats_format_since (gint64 then,
                    gint64 now)
{
  gint64 seconds = MAX (0, now - then);
  gint64 minutes = seconds / 60;
  gint64 hours = minutes / 60;
  gint64 days = hours / 24;

  if (minutes < 1)
    return g_strdup (_("just now"));

  if (hours < 1)
    return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago",
                                      (gulong) minutes),
                            (int) minutes);

  if (days < 1)
    return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago",
                                      (gulong) hours),
                            (int) hours);

  return g_strdup_printf (ngettext ("%d day ago", "%d days ago",
                                    (gulong) MIN (days, G_MAXINT)),
                          (int) MIN (days, G_MAXINT));
}

/**
 * seats_format_proration:
 * @quote: a quote from seats_rules_quote_purchase()
 * @currency: the ISO 4217 code of its prices
 *
 * How the price of buying now is reached (R2), in the person's locale:
 * "3 × € 29,50 × 29/31 dagen = € 82,79".
 *
 * Returns: (transfer full): the sum, for a person to check
 */
char *
seats_format_proration (const SeatsPurchaseQuote *quote,
                        const char               *currency)
{
  g_autofree char *quantity = NULL;
  g_autofree char *price = NULL;
  g_autofree char *remaining = NULL;
  g_autofree char *days = NULL;
  g_autofree char *amount = NULL;

  g_return_val_if_fail (quote != NULL, NULL);

  quantity = seats_format_count (quote->quantity);
  price = seats_format_money (quote->price_per_period, currency);
  remaining = seats_format_count (quote->remaining_days);
  days = seats_format_count (quote->period_days);
  amount = seats_format_money (quote->amount, currency);

  /* Translators: how the price of buying now is reached: licenses × the
   * price of one for the whole billing period × the days left of the
   * period's days = the amount, such as "3 × EUR 29.50 × 29/31 days =
   * EUR 82.79". The plural is that of the period's days. */
  return g_strdup_printf (ngettext ("%s × %s × %s/%s day = %s",
                                    "%s × %s × %s/%s days = %s",
                                    quote->period_days),
                          quantity, price, remaining, days, amount);
}

/**
 * seats_format_restored_next:
 * @quote: a quote from seats_rules_quote_purchase()
 *
 * What buying does to a next period that had been lowered (R4), said
 * before the purchase is confirmed.
 *
 * Returns: (transfer full) (nullable): the sentence, or %NULL when the
 *   purchase leaves the next period as the administrator set it
 */
char *
seats_format_restored_next (const SeatsPurchaseQuote *quote)
{
  g_autofree char *lowered = NULL;
  g_autofree char *total = NULL;

  g_return_val_if_fail (quote != NULL, NULL);

  if (!seats_purchase_quote_restores_next (quote))
    return NULL;

  lowered = seats_format_count (quote->next_before);
  total = seats_format_count (quote->next_after);

  /* Translators: the next period had been lowered to the first count;
   * buying raises it to the second, the new total */
  return g_strdup_printf (ngettext ("The next period had been lowered to %s license. "
                                    "Buying raises it to %s, the new total; lower it "
                                    "again afterwards if you still want to.",
                                    "The next period had been lowered to %s licenses. "
                                    "Buying raises it to %s, the new total; lower it "
                                    "again afterwards if you still want to.",
                                    quote->next_before),
                          lowered, total);
}

/**
 * seats_format_monthly_sum:
 * @lines: (array length=n_lines): what the subscription has
 * @n_lines: how many lines
 * @currency: the ISO 4217 code of its prices
 *
 * How the monthly price is reached, in the person's locale: the licenses
 * of each kind times the price of one, and the fee of each integration
 * that is on: "22 × € 29,50 + 6 × € 7,37 + € 15,00 = € 708,22".
 *
 * Returns: (transfer full) (nullable): the sum, or %NULL when it does not
 *   fit in an amount
 */
char *
seats_format_monthly_sum (const SeatsRulePriceLine *lines,
                          guint                     n_lines,
                          const char               *currency)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sum = NULL;
  g_autofree char *total_text = NULL;
  gint64 total;

  g_return_val_if_fail (lines != NULL || n_lines == 0, NULL);

  if (!seats_rules_monthly_price (lines, n_lines, &total, NULL))
    return NULL;

  for (guint i = 0; i < n_lines; i++)
    {
      g_autofree char *price = NULL;

      if (!seats_rules_price_line_counts (&lines[i]))
        continue;

      price = seats_format_money (lines[i].price, currency);
      if (lines[i].kind == SEATS_PRODUCT_KIND_INTEGRATION)
        g_ptr_array_add (parts, g_steal_pointer (&price));
      else
        {
          g_autofree char *count = seats_format_count (lines[i].purchased);

          /* Translators: licenses times the monthly price of one, such as
           * "22 × EUR 29.50" */
          g_ptr_array_add (parts, g_strdup_printf (_("%s × %s"), count, price));
        }
    }

  if (parts->len == 0)
    g_ptr_array_add (parts, seats_format_money (0, currency));
  g_ptr_array_add (parts, NULL);

  /* Translators: what is added up to the monthly price, such as
   * "22 × EUR 29.50 + EUR 15.00" */
  sum = g_strjoinv (C_("sum", " + "), (char **) parts->pdata);
  total_text = seats_format_money (total, currency);
  /* Translators: a sum, then its result: "22 × EUR 29.50 + EUR 15.00 = EUR 664.00" */
  return g_strdup_printf (_("%s = %s"), sum, total_text);
}

/**
 * seats_parse_money:
 * @text: an amount as a person writes it: "12.50", "12,5" or "349"
 * @currency: its ISO 4217 code, for how many decimals it has
 * @amount: (out): the amount in minor units
 *
 * Reads an amount of money written with a decimal point or a decimal
 * comma, as the Netherlands and Sweden write it, and no more decimals
 * than @currency has. Negative amounts and signs are not read.
 *
 * Returns: %TRUE with @amount set, %FALSE when @text is not such an
 *   amount or does not fit
 */
gboolean
seats_parse_money (const char *text,
                   const char *currency,
                   gint64     *amount)
{
  g_autofree char *copy = NULL;
  guint digits = seats_currency_digits (currency);
  guint64 value = 0, fraction = 0;
  guint n_fraction = 0;
  const char *p;

  g_return_val_if_fail (amount != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  copy = g_strstrip (g_strdup (text));
  for (p = copy; g_ascii_isdigit (*p); p++)
    if (!g_uint64_checked_mul (&value, value, 10) ||
        !g_uint64_checked_add (&value, value, (guint64) (*p - '0')))
      return FALSE;
  if (p == copy)
    return FALSE;

  if (*p == '.' || *p == ',')
    for (p++; g_ascii_isdigit (*p); p++, n_fraction++)
      {
        if (n_fraction >= digits)
          return FALSE;
        fraction = fraction * 10 + (guint64) (*p - '0');
      }
  if (*p != '\0')
    return FALSE;

  for (; n_fraction < digits; n_fraction++)
    fraction *= 10;
  for (guint i = 0; i < digits; i++)
    if (!g_uint64_checked_mul (&value, value, 10))
      return FALSE;
  if (!g_uint64_checked_add (&value, value, fraction) || value > G_MAXINT64)
    return FALSE;

  *amount = (gint64) value;
  return TRUE;
}

/**
 * seats_parse_day:
 * @text: a day as a person writes it: "2026-12-31", "31-12-2026",
 *   "31.12.2026", or as the locale writes it
 * @julian: (out): the day, Julian
 *
 * Reads a day as ISO 8601 writes it, as the Netherlands and Sweden write it
 * with the day first (what their spreadsheets export), or as the person's
 * locale writes it.
 *
 * Returns: %TRUE with @julian set, %FALSE when @text is not a day
 */
gboolean
seats_parse_day (const char *text,
                 guint32    *julian)
{
  g_autofree char *copy = NULL;
  int a, b, c;
  char sep1, sep2, rest;
  GDate date;

  g_return_val_if_fail (julian != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  copy = g_strstrip (g_strdup (text));
  if (sscanf (copy, "%4d-%2d-%2d%c", &a, &b, &c, &rest) == 3)
    return (*julian = seats_julian_from_ymd (a, b, c)) != 0;

  /* Day first with dashes or dots, as Dutch and Swedish spreadsheets
   * write it; with slashes the locale says which comes first. */
  if (sscanf (copy, "%2d%c%2d%c%4d%c", &a, &sep1, &b, &sep2, &c, &rest) == 5 &&
      sep1 == sep2 && (sep1 == '-' || sep1 == '.') && c >= 1000)
    return (*julian = seats_julian_from_ymd (c, b, a)) != 0;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, copy);
  if (!g_date_valid (&date))
    return FALSE;

  *julian = seats_julian_from_date (&date);
  return *julian != 0;
}
