/* test-format.c: money, dates and counts in the person's locale
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "seats-format.h"
#include "seats-types.h"

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

static gboolean
use_locale (const char *language,
            const char *locale)
{
  /* LANGUAGE first: setlocale() makes gettext forget what it cached. */
  g_setenv ("LANGUAGE", language, TRUE);
  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_test_skip_printf ("the locale %s is not installed", locale);
      return FALSE;
    }

  return TRUE;
}

static void
assert_money (gint64      amount,
              const char *currency,
              const char *expected)
{
  g_autofree char *text = seats_format_money (amount, currency);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_money_dutch (void)
{
  if (!use_locale ("nl", "nl_NL.UTF-8"))
    return;

  assert_money (123456, "EUR", "€" NBSP "1.234,56");
  assert_money (5, "EUR", "€" NBSP "0,05");
  assert_money (0, "EUR", "€" NBSP "0,00");
  assert_money (-500, "EUR", "€" NBSP "-5,00");
  assert_money (123456789, "EUR", "€" NBSP "1.234.567,89");
  /* Another currency keeps its code. */
  assert_money (123456, "SEK", "SEK" NBSP "1.234,56");
}

static void
test_money_swedish (void)
{
  if (!use_locale ("sv", "sv_SE.UTF-8"))
    return;

  assert_money (123456, "SEK", "1" NNBSP "234,56" NBSP "kr");
  assert_money (99900, "SEK", "999,00" NBSP "kr");
  assert_money (123456, "EUR", "1" NNBSP "234,56" NBSP "EUR");
}

static void
test_money_plain (void)
{
  if (!use_locale ("en", "C.UTF-8"))
    return;

  assert_money (123456, "EUR", "EUR" NBSP "1234.56");
  /* Yen have no minor unit, dinars three digits. */
  assert_money (1500, "JPY", "JPY" NBSP "1500");
  assert_money (1500, "BHD", "BHD" NBSP "1.500");
  assert_money (G_MININT64, "EUR", "EUR" NBSP "-92233720368547758.08");
  g_assert_cmpuint (seats_currency_digits ("EUR"), ==, 2);
}

static void
test_dates (void)
{
  guint32 day = seats_julian_from_ymd (2026, 11, 22);
  g_autofree char *en = NULL;
  g_autofree char *none = NULL;

  if (!use_locale ("en", "C.UTF-8"))
    return;

  en = seats_format_date (day);
  g_assert_cmpstr (en, ==, "November 22, 2026");
  none = seats_format_date (SEATS_JULIAN_NONE);
  g_assert_cmpstr (none, ==, "");

  if (use_locale ("nl", "nl_NL.UTF-8"))
    {
      g_autofree char *nl = seats_format_date (day);
      g_autofree char *nl_short = seats_format_date_short (seats_julian_from_ymd (2027, 3, 5));

      g_assert_cmpstr (nl, ==, "22 november 2026");
      g_assert_cmpstr (nl_short, ==, "5 mrt 2027");
    }

  if (use_locale ("sv", "sv_SE.UTF-8"))
    {
      g_autofree char *sv = seats_format_date (day);

      g_assert_cmpstr (sv, ==, "22 november 2026");
    }
}

static void
test_counts (void)
{
  g_autofree char *plain = NULL;

  if (!use_locale ("en", "C.UTF-8"))
    return;

  plain = seats_format_count (100000);
  g_assert_cmpstr (plain, ==, "100000");

  if (use_locale ("nl", "nl_NL.UTF-8"))
    {
      g_autofree char *nl = seats_format_count (100000);
      g_autofree char *small = seats_format_count (999);

      g_assert_cmpstr (nl, ==, "100.000");
      g_assert_cmpstr (small, ==, "999");
    }

  if (use_locale ("sv", "sv_SE.UTF-8"))
    {
      g_autofree char *sv = seats_format_count (1234567);

      g_assert_cmpstr (sv, ==, "1" NNBSP "234" NNBSP "567");
    }
}

static void
test_since (void)
{
  static const struct {
    gint64      seconds;
    const char *en;
    const char *nl;
  } cases[] = {
    { 0, "just now", "zojuist" },
    { 59, "just now", "zojuist" },
    { 60, "1 minute ago", "1 minuut geleden" },
    { 119, "1 minute ago", "1 minuut geleden" },
    { 120, "2 minutes ago", "2 minuten geleden" },
    { 3600, "1 hour ago", "1 uur geleden" },
    { 7200, "2 hours ago", "2 uur geleden" },
    { 86400, "1 day ago", "1 dag geleden" },
    { 86400 * 3, "3 days ago", "3 dagen geleden" },
    /* A clock that went back is "just now", not the future. */
    { -300, "just now", "zojuist" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *en = NULL;

      if (!use_locale ("en", "C.UTF-8"))
        return;
      en = seats_format_since (1000000, 1000000 + cases[i].seconds);
      g_assert_cmpstr (en, ==, cases[i].en);

      if (use_locale ("nl", "nl_NL.UTF-8"))
        {
          g_autofree char *nl = seats_format_since (1000000, 1000000 + cases[i].seconds);

          g_assert_cmpstr (nl, ==, cases[i].nl);
        }
    }
}

/* How the price of buying now is reached, R2, as the Buy dialog and
 * seatsctl buy show it. */
static void
test_proration (void)
{
  SeatsPurchaseQuote quote = {
    .quantity = 3, .price_per_period = 2950, .remaining_days = 29, .period_days = 31,
    .amount = 8279,
  };
  SeatsPurchaseQuote one_day = {
    .quantity = 1, .price_per_period = 34900, .remaining_days = 1, .period_days = 1,
    .amount = 34900,
  };
  g_autofree char *plain = NULL;
  g_autofree char *dutch = NULL;
  g_autofree char *swedish = NULL;
  g_autofree char *singular = NULL;
  g_autofree char *restored = NULL;
  SeatsPurchaseQuote lowered = {
    .quantity = 3, .purchased_before = 1200, .purchased_after = 1203,
    .next_before = 1000, .next_after = 1203,
  };

  if (!use_locale ("en", "C.UTF-8"))
    return;
  plain = seats_format_proration (&quote, "EUR");
  g_assert_cmpstr (plain, ==, "3 × EUR" NBSP "29.50 × 29/31 days = EUR" NBSP "82.79");
  singular = seats_format_proration (&one_day, "EUR");
  g_assert_cmpstr (singular, ==, "1 × EUR" NBSP "349.00 × 1/1 day = EUR" NBSP "349.00");

  /* R4: only a lowered next period is mentioned, in the counts' words. */
  g_assert_null (seats_format_restored_next (&quote));
  restored = seats_format_restored_next (&lowered);
  g_assert_cmpstr (restored, ==, "The next period had been lowered to 1000 licenses. Buying "
                   "raises it to 1203, the new total; lower it again afterwards if you still "
                   "want to.");

  if (!use_locale ("nl", "nl_NL.UTF-8"))
    return;
  dutch = seats_format_proration (&quote, "EUR");
  g_assert_cmpstr (dutch, ==, "3 × €" NBSP "29,50 × 29/31 dagen = €" NBSP "82,79");
  g_clear_pointer (&restored, g_free);
  restored = seats_format_restored_next (&lowered);
  g_assert_cmpstr (restored, ==, "Het aantal voor de volgende periode was verlaagd naar 1.000 "
                   "licenties. Door te kopen wordt het weer verhoogd naar 1.203, het nieuwe "
                   "totaal; verlaag het daarna opnieuw als u dat nog steeds wilt.");

  if (!use_locale ("sv", "sv_SE.UTF-8"))
    return;
  quote.price_per_period = 34900;
  quote.amount = 97914;
  swedish = seats_format_proration (&quote, "SEK");
  g_assert_cmpstr (swedish, ==, "3 × 349,00" NBSP "kr × 29/31 dagar = 979,14" NBSP "kr");
}

/* How the monthly price adds up: licenses times their price, and the fee
 * of each integration that is on; one that is off and licenses nobody
 * bought are left out. */
static void
test_monthly_sum (void)
{
  const SeatsRulePriceLine lines[] = {
    { SEATS_PRODUCT_KIND_USER_SEATS, 22, 2950, TRUE },
    { SEATS_PRODUCT_KIND_MODULE, 6, 737, TRUE },
    { SEATS_PRODUCT_KIND_MODULE, 0, 1475, TRUE },
    { SEATS_PRODUCT_KIND_INTEGRATION, 1, 1500, TRUE },
    { SEATS_PRODUCT_KIND_INTEGRATION, 1, 900, FALSE },
  };
  const SeatsRulePriceLine too_much[] = {
    { SEATS_PRODUCT_KIND_USER_SEATS, G_MAXUINT, G_MAXINT64 / 2, TRUE },
  };
  g_autofree char *plain = NULL;
  g_autofree char *dutch = NULL;
  g_autofree char *nothing = NULL;

  g_assert_null (seats_format_monthly_sum (too_much, G_N_ELEMENTS (too_much), "EUR"));

  if (!use_locale ("en", "C.UTF-8"))
    return;
  plain = seats_format_monthly_sum (lines, G_N_ELEMENTS (lines), "EUR");
  g_assert_cmpstr (plain, ==, "22 × EUR" NBSP "29.50 + 6 × EUR" NBSP "7.37 + EUR" NBSP "15.00 = EUR" NBSP "708.22");
  nothing = seats_format_monthly_sum (lines, 0, "EUR");
  g_assert_cmpstr (nothing, ==, "EUR" NBSP "0.00 = EUR" NBSP "0.00");

  if (!use_locale ("nl", "nl_NL.UTF-8"))
    return;
  dutch = seats_format_monthly_sum (lines, G_N_ELEMENTS (lines), "EUR");
  g_assert_cmpstr (dutch, ==, "22 × €" NBSP "29,50 + 6 × €" NBSP "7,37 + €" NBSP "15,00 = €" NBSP "708,22");
}

/* An amount as a person types it, with a point or a comma, and no more
 * decimals than the currency has. */
/* A day as ISO writes it, as Dutch and Swedish spreadsheets export it with
 * the day first, or not a day at all. */
static void
test_parse_day (void)
{
  guint32 julian = 0;

  g_assert_true (seats_parse_day ("2026-12-31", &julian));
  g_assert_cmpuint (julian, ==, seats_julian_from_ymd (2026, 12, 31));
  g_assert_true (seats_parse_day (" 31-12-2026 ", &julian));
  g_assert_cmpuint (julian, ==, seats_julian_from_ymd (2026, 12, 31));
  g_assert_true (seats_parse_day ("1.2.2027", &julian));
  g_assert_cmpuint (julian, ==, seats_julian_from_ymd (2027, 2, 1));
  g_assert_true (seats_parse_day ("29.02.2028", &julian));
  g_assert_cmpuint (julian, ==, seats_julian_from_ymd (2028, 2, 29));

  g_assert_false (seats_parse_day ("2026-02-30", &julian));
  g_assert_false (seats_parse_day ("29.02.2027", &julian));
  g_assert_false (seats_parse_day ("someday", &julian));
  g_assert_false (seats_parse_day ("", &julian));
  g_assert_false (seats_parse_day (NULL, &julian));
}

static void
test_parse_money (void)
{
  static const struct {
    const char *text;
    const char *currency;
    gboolean    ok;
    gint64      amount;
  } cases[] = {
    { "12.50", "EUR", TRUE, 1250 },
    { "12,5", "SEK", TRUE, 1250 },
    { " 349 ", "DKK", TRUE, 34900 },
    { "0", "EUR", TRUE, 0 },
    { "0,01", "EUR", TRUE, 1 },
    { "1.234", "EUR", FALSE, 0 },
    { "1.234", "KWD", TRUE, 1234 },
    { "100", "JPY", TRUE, 100 },
    { "100.5", "JPY", FALSE, 0 },
    { "-1", "EUR", FALSE, 0 },
    { "+1", "EUR", FALSE, 0 },
    { "", "EUR", FALSE, 0 },
    { ",50", "EUR", FALSE, 0 },
    { "12 kr", "SEK", FALSE, 0 },
    { "1.000,00", "EUR", FALSE, 0 },
    { "92233720368547758.07", "EUR", TRUE, G_MAXINT64 },
    { "92233720368547758.08", "EUR", FALSE, 0 },
    { "99999999999999999999", "EUR", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 amount = -1;

      g_test_message ("%s %s", cases[i].text, cases[i].currency);
      g_assert_cmpint (seats_parse_money (cases[i].text, cases[i].currency, &amount), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpint (amount, ==, cases[i].amount);
    }
}

int
main (int   argc,
      char *argv[])
{
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/money/dutch", test_money_dutch);
  g_test_add_func ("/format/monthly-sum", test_monthly_sum);
  g_test_add_func ("/format/parse-money", test_parse_money);
  g_test_add_func ("/format/parse-day", test_parse_day);
  g_test_add_func ("/format/money/swedish", test_money_swedish);
  g_test_add_func ("/format/money/plain", test_money_plain);
  g_test_add_func ("/format/dates", test_dates);
  g_test_add_func ("/format/counts", test_counts);
  g_test_add_func ("/format/since", test_since);
  g_test_add_func ("/format/proration", test_proration);

  return g_test_run ();
}
