/* test-rules.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-rules"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "seats-rules.h"

/* The dates of these tests are written day, month, year, as on an invoice. */
static GDate
dmy (GDateDay   day,
     GDateMonth month,
     GDateYear  year)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);

  return date;
}

static void
assert_date (const GDate *date,
             GDateDay     day,
             GDateMonth   month,
             GDateYear    year)
{
  g_assert_true (g_date_valid (date));
  g_assert_cmpuint (g_date_get_day (date), ==, day);
  g_assert_cmpuint (g_date_get_month (date), ==, month);
  g_assert_cmpuint (g_date_get_year (date), ==, year);
}

/* Checks the code and its stable name, which the API and the UI rely on. */
#define assert_rule_error(err, expected_code, expected_name) \
  G_STMT_START { \
    g_assert_error ((err), SEATS_RULE_ERROR, (gint) (expected_code)); \
    g_assert_cmpstr (seats_rule_error_to_code ((err)->code), ==, (expected_name)); \
    g_assert_true (g_utf8_validate ((err)->message, -1, NULL)); \
    g_assert_cmpstr ((err)->message, !=, ""); \
  } G_STMT_END

/* Error codes */

static void
test_error_codes (void)
{
  static const struct {
    SeatsRuleError code;
    const char *name;
  } codes[] = {
    { SEATS_RULE_ERROR_CANCELS_SUBSCRIPTION, "cancels-subscription" },
    { SEATS_RULE_ERROR_BELOW_MINIMUM, "below-minimum" },
    { SEATS_RULE_ERROR_BELOW_COUNTED_USERS, "below-counted-users" },
    { SEATS_RULE_ERROR_MUST_EQUAL_COUNTED_USERS, "must-equal-counted-users" },
    { SEATS_RULE_ERROR_NO_FREE_SEAT, "no-free-seat" },
    { SEATS_RULE_ERROR_LICENSE_BELOW_IN_USE, "license-below-in-use" },
    { SEATS_RULE_ERROR_NOTHING_TO_BUY, "nothing-to-buy" },
    { SEATS_RULE_ERROR_OUTSIDE_PERIOD, "outside-period" },
    { SEATS_RULE_ERROR_INVALID_PERIOD, "invalid-period" },
    { SEATS_RULE_ERROR_OVERFLOW, "overflow" },
    { SEATS_RULE_ERROR_CONTACT_REQUIRED, "contact-required" },
    { SEATS_RULE_ERROR_CONTACT_AMBIGUOUS, "contact-ambiguous" },
    { SEATS_RULE_ERROR_INVALID_EMAIL, "invalid-email" },
    { SEATS_RULE_ERROR_POSTAL_ADDRESS_REQUIRED, "postal-address-required" },
    { SEATS_RULE_ERROR_EINVOICE_ADDRESS_REQUIRED, "einvoice-address-required" },
    { SEATS_RULE_ERROR_INVALID_EINVOICE_ADDRESS, "invalid-einvoice-address" },
    { SEATS_RULE_ERROR_EINVOICE_OPERATOR_REQUIRED, "einvoice-operator-required" },
    { SEATS_RULE_ERROR_INVALID_EINVOICE_OPERATOR, "invalid-einvoice-operator" },
    { SEATS_RULE_ERROR_INVALID_SERIAL_NUMBER, "invalid-serial-number" },
    { SEATS_RULE_ERROR_LICENSE_OWNER_REQUIRED, "license-owner-required" },
  };
  SeatsRuleError code;

  /* The values are part of the ABI of the cache: appended, never reordered. */
  g_assert_cmpint (SEATS_RULE_ERROR_CANCELS_SUBSCRIPTION, ==, 0);
  g_assert_cmpint (SEATS_RULE_ERROR_INVALID_EINVOICE_OPERATOR, ==, 17);
  g_assert_cmpint (SEATS_RULE_ERROR_LICENSE_OWNER_REQUIRED, ==, G_N_ELEMENTS (codes) - 1);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_assert_cmpint (codes[i].code, ==, i);
      g_assert_cmpstr (seats_rule_error_to_code (codes[i].code), ==, codes[i].name);

      code = (SeatsRuleError) -1;
      g_assert_true (seats_rule_error_from_code (codes[i].name, &code));
      g_assert_cmpint (code, ==, codes[i].code);
    }

  code = SEATS_RULE_ERROR_OVERFLOW;
  g_assert_false (seats_rule_error_from_code ("no_free_seat", &code));
  g_assert_false (seats_rule_error_from_code ("No-Free-Seat", &code));
  g_assert_false (seats_rule_error_from_code ("", &code));
  g_assert_false (seats_rule_error_from_code (NULL, &code));
  g_assert_cmpint (code, ==, SEATS_RULE_ERROR_OVERFLOW);

  /* An extended domain: a refusal carries its figures (SeatsRuleFigures). */
  g_assert_cmpstr (g_quark_to_string (SEATS_RULE_ERROR), ==, "SeatsRuleError");
}

static void
test_policy_defaults (void)
{
  SeatsRulePolicy policy;

  memset (&policy, 0xff, sizeof policy);
  seats_rule_policy_init (&policy);

  g_assert_cmpint (policy.seat_floor, ==, SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE);
  g_assert_cmpint (policy.activation, ==, SEATS_ACTIVATION_MANUAL);
  g_assert_cmpuint (policy.min_seats, ==, 1);
  g_assert_cmpuint (policy.grace_days, ==, 7);
}

/* R1 */

static void
test_user_counts (void)
{
  GDate today = dmy (15, G_DATE_MARCH, 2025);
  GDate yesterday = dmy (14, G_DATE_MARCH, 2025);
  GDate tomorrow = dmy (16, G_DATE_MARCH, 2025);
  GDate last_year = dmy (15, G_DATE_MARCH, 2024);
  GDate no_end;

  g_date_clear (&no_end, 1);

  /* Active without an end date: counts, whether given as NULL or cleared. */
  g_assert_true (seats_rules_user_counts (TRUE, NULL, &today));
  g_assert_true (seats_rules_user_counts (TRUE, &no_end, &today));

  /* The end date is the last day: today still counts, yesterday not. */
  g_assert_true (seats_rules_user_counts (TRUE, &today, &today));
  g_assert_true (seats_rules_user_counts (TRUE, &tomorrow, &today));
  g_assert_false (seats_rules_user_counts (TRUE, &yesterday, &today));
  g_assert_false (seats_rules_user_counts (TRUE, &last_year, &today));

  /* Inactive never counts, whatever the end date. */
  g_assert_false (seats_rules_user_counts (FALSE, NULL, &today));
  g_assert_false (seats_rules_user_counts (FALSE, &tomorrow, &today));
  g_assert_false (seats_rules_user_counts (FALSE, &today, &today));
}

static void
test_user_counts_future_start (void)
{
  /* Someone who starts next month was created today with an end date a
   * year on: the start date is not an argument at all, and the user counts
   * from the day they are created. */
  GDate today = dmy (20, G_DATE_NOVEMBER, 2026);
  GDate end = dmy (30, G_DATE_NOVEMBER, 2027);

  g_assert_true (seats_rules_user_counts (TRUE, &end, &today));
  g_assert_true (seats_rules_user_counts (TRUE, NULL, &today));
}

/* Periods */

static void
test_period_end (void)
{
  g_autoptr(GError) error = NULL;
  GDate start;
  GDate end;

  /* Monthly from the 15th: same day next month. */
  start = dmy (15, G_DATE_JANUARY, 2025);
  g_assert_true (seats_rules_period_end (&start, 1, &end, &error));
  g_assert_no_error (error);
  assert_date (&end, 15, G_DATE_FEBRUARY, 2025);

  /* From January 31 the day is clamped: February 28, or 29 in a leap year. */
  start = dmy (31, G_DATE_JANUARY, 2025);
  g_assert_true (seats_rules_period_end (&start, 1, &end, &error));
  assert_date (&end, 28, G_DATE_FEBRUARY, 2025);

  start = dmy (31, G_DATE_JANUARY, 2024);
  g_assert_true (seats_rules_period_end (&start, 1, &end, &error));
  assert_date (&end, 29, G_DATE_FEBRUARY, 2024);

  /* March 31 to April 30, a 30-day month. */
  start = dmy (31, G_DATE_MARCH, 2025);
  g_assert_true (seats_rules_period_end (&start, 1, &end, &error));
  assert_date (&end, 30, G_DATE_APRIL, 2025);

  /* December into the next year. */
  start = dmy (31, G_DATE_DECEMBER, 2025);
  g_assert_true (seats_rules_period_end (&start, 1, &end, &error));
  assert_date (&end, 31, G_DATE_JANUARY, 2026);

  /* Quarterly from November 30: February 28. */
  start = dmy (30, G_DATE_NOVEMBER, 2025);
  g_assert_true (seats_rules_period_end (&start, 3, &end, &error));
  assert_date (&end, 28, G_DATE_FEBRUARY, 2026);

  /* Annual from a leap day: February 28 of the next year. */
  start = dmy (29, G_DATE_FEBRUARY, 2024);
  g_assert_true (seats_rules_period_end (&start, 12, &end, &error));
  assert_date (&end, 28, G_DATE_FEBRUARY, 2025);

  /* Annual across a leap day: 366 days. */
  start = dmy (1, G_DATE_MARCH, 2023);
  g_assert_true (seats_rules_period_end (&start, 12, &end, &error));
  assert_date (&end, 1, G_DATE_MARCH, 2024);
  g_assert_cmpint (g_date_days_between (&start, &end), ==, 366);

  /* The last representable month still works; one more is refused. */
  start = dmy (1, G_DATE_JANUARY, G_MAXUINT16);
  g_assert_true (seats_rules_period_end (&start, 11, &end, &error));
  assert_date (&end, 1, G_DATE_DECEMBER, G_MAXUINT16);
  g_assert_false (seats_rules_period_end (&start, 12, &end, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_INVALID_PERIOD, "invalid-period");
  g_clear_error (&error);

  /* A length no calendar has is refused, not wrapped. */
  start = dmy (1, G_DATE_JANUARY, 2025);
  g_assert_false (seats_rules_period_end (&start, G_MAXUINT, &end, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_INVALID_PERIOD, "invalid-period");
}

static void
assert_period (const GDate *anchor,
               guint        months,
               GDate        day,
               GDate        expected_start,
               GDate        expected_end)
{
  g_autoptr(GError) error = NULL;
  GDate start;
  GDate end;

  g_assert_true (seats_rules_period_containing (anchor, months, &day, &start, &end, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_date_compare (&start, &expected_start), ==, 0);
  g_assert_cmpint (g_date_compare (&end, &expected_end), ==, 0);
}

static void
test_period_containing (void)
{
  g_autoptr(GError) error = NULL;
  GDate anchor = dmy (31, G_DATE_JANUARY, 2024);
  GDate quarterly = dmy (15, G_DATE_JANUARY, 2024);
  GDate annual = dmy (1, G_DATE_MARCH, 2023);
  GDate day;
  GDate start;
  GDate end;

  /* Monthly from January 31, 2024 (a leap year). The anchor day itself. */
  assert_period (&anchor, 1, dmy (31, G_DATE_JANUARY, 2024),
                 dmy (31, G_DATE_JANUARY, 2024), dmy (29, G_DATE_FEBRUARY, 2024));
  /* February 15 is still in the first period, February 28 too. */
  assert_period (&anchor, 1, dmy (15, G_DATE_FEBRUARY, 2024),
                 dmy (31, G_DATE_JANUARY, 2024), dmy (29, G_DATE_FEBRUARY, 2024));
  assert_period (&anchor, 1, dmy (28, G_DATE_FEBRUARY, 2024),
                 dmy (31, G_DATE_JANUARY, 2024), dmy (29, G_DATE_FEBRUARY, 2024));
  /* The leap day starts the second period, which ends on March 31, not 29:
   * periods come from the anchor, they do not drift. */
  assert_period (&anchor, 1, dmy (29, G_DATE_FEBRUARY, 2024),
                 dmy (29, G_DATE_FEBRUARY, 2024), dmy (31, G_DATE_MARCH, 2024));
  assert_period (&anchor, 1, dmy (30, G_DATE_MARCH, 2024),
                 dmy (29, G_DATE_FEBRUARY, 2024), dmy (31, G_DATE_MARCH, 2024));
  assert_period (&anchor, 1, dmy (31, G_DATE_MARCH, 2024),
                 dmy (31, G_DATE_MARCH, 2024), dmy (30, G_DATE_APRIL, 2024));
  /* Years later, still anchored. */
  assert_period (&anchor, 1, dmy (22, G_DATE_NOVEMBER, 2026),
                 dmy (31, G_DATE_OCTOBER, 2026), dmy (30, G_DATE_NOVEMBER, 2026));

  /* Quarterly from January 15: July 14 is the last day of the second. */
  assert_period (&quarterly, 3, dmy (14, G_DATE_JULY, 2024),
                 dmy (15, G_DATE_APRIL, 2024), dmy (15, G_DATE_JULY, 2024));
  assert_period (&quarterly, 3, dmy (15, G_DATE_JULY, 2024),
                 dmy (15, G_DATE_JULY, 2024), dmy (15, G_DATE_OCTOBER, 2024));

  /* Annual from March 1, 2023: the leap day 2024 is its last day. */
  assert_period (&annual, 12, dmy (29, G_DATE_FEBRUARY, 2024),
                 dmy (1, G_DATE_MARCH, 2023), dmy (1, G_DATE_MARCH, 2024));
  assert_period (&annual, 12, dmy (1, G_DATE_MARCH, 2024),
                 dmy (1, G_DATE_MARCH, 2024), dmy (1, G_DATE_MARCH, 2025));

  /* Before the subscription started there is no period. */
  day = dmy (30, G_DATE_JANUARY, 2024);
  g_assert_false (seats_rules_period_containing (&anchor, 1, &day, &start, &end, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_OUTSIDE_PERIOD, "outside-period");
}

/* R2 */

static gint64
prorate_ok (guint  added,
            gint64 price,
            GDate  start,
            GDate  end,
            GDate  today)
{
  g_autoptr(GError) error = NULL;
  gint64 amount = -1;

  g_assert_true (seats_rules_prorated_price (added, price, &start, &end, &today, &amount, &error));
  g_assert_no_error (error);
  g_assert_cmpint (amount, >=, 0);

  return amount;
}

static void
test_prorate_31_day_month (void)
{
  GDate start = dmy (1, G_DATE_JANUARY, 2025);
  GDate end = dmy (1, G_DATE_FEBRUARY, 2025);

  /* 1 × 31.00 × 31/31 on the first day: the whole period. */
  g_assert_cmpint (prorate_ok (1, 3100, start, end, dmy (1, G_DATE_JANUARY, 2025)), ==, 3100);
  /* 1 × 31.00 × 1/31 on the last day: one day, 1.00. */
  g_assert_cmpint (prorate_ok (1, 3100, start, end, dmy (31, G_DATE_JANUARY, 2025)), ==, 100);
  /* January 16: 16 days left; 3 × 31.00 × 16/31 = 48.00. */
  g_assert_cmpint (prorate_ok (3, 3100, start, end, dmy (16, G_DATE_JANUARY, 2025)), ==, 4800);
  /* 1 × 10.00 × 10/31 = 322.58 cents -> 323 (above half). */
  g_assert_cmpint (prorate_ok (1, 1000, start, end, dmy (22, G_DATE_JANUARY, 2025)), ==, 323);
}

static void
test_prorate_30_day_month (void)
{
  GDate start = dmy (1, G_DATE_APRIL, 2025);
  GDate end = dmy (1, G_DATE_MAY, 2025);

  g_assert_cmpint (prorate_ok (1, 1000, start, end, dmy (1, G_DATE_APRIL, 2025)), ==, 1000);
  /* Last day: 1000 × 1/30 = 33.33 -> 33. */
  g_assert_cmpint (prorate_ok (1, 1000, start, end, dmy (30, G_DATE_APRIL, 2025)), ==, 33);
  /* April 16: 15 of 30 days, exactly half. */
  g_assert_cmpint (prorate_ok (1, 1000, start, end, dmy (16, G_DATE_APRIL, 2025)), ==, 500);
}

static void
test_prorate_28_day_month (void)
{
  GDate start = dmy (1, G_DATE_FEBRUARY, 2025);
  GDate end = dmy (1, G_DATE_MARCH, 2025);

  /* 2025 is no leap year: 28 days. */
  g_assert_cmpint (prorate_ok (2, 1000, start, end, dmy (1, G_DATE_FEBRUARY, 2025)), ==, 2000);
  /* February 15: 14 of 28 days: 2 × 10.00 / 2 = 10.00. */
  g_assert_cmpint (prorate_ok (2, 1000, start, end, dmy (15, G_DATE_FEBRUARY, 2025)), ==, 1000);
  /* Last day: 2000 / 28 = 71.43 -> 71. */
  g_assert_cmpint (prorate_ok (2, 1000, start, end, dmy (28, G_DATE_FEBRUARY, 2025)), ==, 71);
}

static void
test_prorate_leap_february (void)
{
  GDate start = dmy (1, G_DATE_FEBRUARY, 2024);
  GDate end = dmy (1, G_DATE_MARCH, 2024);

  /* 29 days: 2900 × 29/29, and the leap day is one day of 29. */
  g_assert_cmpint (prorate_ok (1, 2900, start, end, dmy (1, G_DATE_FEBRUARY, 2024)), ==, 2900);
  g_assert_cmpint (prorate_ok (1, 2900, start, end, dmy (29, G_DATE_FEBRUARY, 2024)), ==, 100);
  /* February 28: 2 days left: 2900 × 2/29 = 200. */
  g_assert_cmpint (prorate_ok (1, 2900, start, end, dmy (28, G_DATE_FEBRUARY, 2024)), ==, 200);
}

static void
test_prorate_annual_and_quarterly (void)
{
  /* 2024 has 366 days; March 1 leaves 306 (March-December: 31+30+31+30+31
   * +31+30+31+30+31): 366.00 × 306/366 = 306.00. */
  g_assert_cmpint (prorate_ok (1, 36600, dmy (1, G_DATE_JANUARY, 2024),
                               dmy (1, G_DATE_JANUARY, 2025),
                               dmy (1, G_DATE_MARCH, 2024)), ==, 30600);

  /* An annual period across the leap day: March 1, 2023 to March 1, 2024
   * is 366 days, and its last day is February 29: one day of 366. */
  g_assert_cmpint (prorate_ok (1, 36600, dmy (1, G_DATE_MARCH, 2023),
                               dmy (1, G_DATE_MARCH, 2024),
                               dmy (29, G_DATE_FEBRUARY, 2024)), ==, 100);
  /* Its first day pays it all. */
  g_assert_cmpint (prorate_ok (1, 36600, dmy (1, G_DATE_MARCH, 2023),
                               dmy (1, G_DATE_MARCH, 2024),
                               dmy (1, G_DATE_MARCH, 2023)), ==, 36600);

  /* 2025 has 365 days: the last day is 36500 / 365 = 100. */
  g_assert_cmpint (prorate_ok (1, 36500, dmy (1, G_DATE_JANUARY, 2025),
                               dmy (1, G_DATE_JANUARY, 2026),
                               dmy (31, G_DATE_DECEMBER, 2025)), ==, 100);

  /* A quarter, January to March 2025: 31+28+31 = 90 days. From March 2, 30
   * days left: 5 × 90.00 × 30/90 = 150.00. */
  g_assert_cmpint (prorate_ok (5, 9000, dmy (1, G_DATE_JANUARY, 2025),
                               dmy (1, G_DATE_APRIL, 2025),
                               dmy (2, G_DATE_MARCH, 2025)), ==, 15000);
}

static void
test_prorate_rounding (void)
{
  GDate start = dmy (1, G_DATE_APRIL, 2025);
  GDate end = dmy (1, G_DATE_MAY, 2025);

  /* 30 days. On the last day: 1005 / 30 = 33.5 exactly -> 34 (half up). */
  g_assert_cmpint (prorate_ok (1, 1005, start, end, dmy (30, G_DATE_APRIL, 2025)), ==, 34);
  /* 1004 / 30 = 33.47 -> 33 (just below half). */
  g_assert_cmpint (prorate_ok (1, 1004, start, end, dmy (30, G_DATE_APRIL, 2025)), ==, 33);
  /* April 28, 3 days left: 1005 × 3/30 = 100.5 -> 101; 1004 × 3/30 =
   * 100.4 -> 100. The half is in the remainder part of the split. */
  g_assert_cmpint (prorate_ok (1, 1005, start, end, dmy (28, G_DATE_APRIL, 2025)), ==, 101);
  g_assert_cmpint (prorate_ok (1, 1004, start, end, dmy (28, G_DATE_APRIL, 2025)), ==, 100);
  /* 15 / 30 = 0.5 -> 1; 14 / 30 = 0.47 -> 0. */
  g_assert_cmpint (prorate_ok (1, 15, start, end, dmy (30, G_DATE_APRIL, 2025)), ==, 1);
  g_assert_cmpint (prorate_ok (1, 14, start, end, dmy (30, G_DATE_APRIL, 2025)), ==, 0);
  /* In an odd period there is no exact half: 31 days, 15 / 31 = 0.48 -> 0,
   * 16 / 31 = 0.52 -> 1. */
  g_assert_cmpint (prorate_ok (1, 15, dmy (1, G_DATE_JANUARY, 2025), dmy (1, G_DATE_FEBRUARY, 2025),
                               dmy (31, G_DATE_JANUARY, 2025)), ==, 0);
  g_assert_cmpint (prorate_ok (1, 16, dmy (1, G_DATE_JANUARY, 2025), dmy (1, G_DATE_FEBRUARY, 2025),
                               dmy (31, G_DATE_JANUARY, 2025)), ==, 1);
  /* A free product costs nothing. */
  g_assert_cmpint (prorate_ok (7, 0, start, end, dmy (10, G_DATE_APRIL, 2025)), ==, 0);
}

static void
test_prorate_overflow (void)
{
  g_autoptr(GError) error = NULL;
  GDate start = dmy (1, G_DATE_JANUARY, 2025);
  GDate end = dmy (1, G_DATE_FEBRUARY, 2025);
  GDate first = dmy (1, G_DATE_JANUARY, 2025);
  GDate last = dmy (31, G_DATE_JANUARY, 2025);
  gint64 amount = 42;

  /* The largest total that fits is paid whole on the first day, although
   * total × 31 would not fit in 64 bits. */
  g_assert_cmpint (prorate_ok (1, G_MAXINT64, start, end, first), ==, G_MAXINT64);
  /* On the last day: 9223372036854775807 / 31 = 297528130221121800 rest 7,
   * and 7/31 is below half. */
  g_assert_cmpint (prorate_ok (1, G_MAXINT64, start, end, last), ==, G_GINT64_CONSTANT (297528130221121800));
  /* 100,000 licenses of 99,999.99 for 16 of 31 days: 999999900000 ×
   * 16/31 = 516128980645.16 -> 516128980645. */
  g_assert_cmpint (prorate_ok (100000, 9999999, start, end, dmy (16, G_DATE_JANUARY, 2025)), ==,
                   G_GINT64_CONSTANT (516128980645));

  /* One more and the product does not fit: refused, amount untouched. */
  g_assert_false (seats_rules_prorated_price (2, G_MAXINT64 / 2 + 1, &start, &end, &first,
                                              &amount, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_OVERFLOW, "overflow");
  g_assert_cmpint (amount, ==, 42);
  g_clear_error (&error);

  g_assert_false (seats_rules_prorated_price (G_MAXUINT, G_MAXINT64 / 1000, &start, &end, &first,
                                              &amount, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_OVERFLOW, "overflow");
}

static void
test_prorate_refusals (void)
{
  g_autoptr(GError) error = NULL;
  GDate start = dmy (1, G_DATE_JANUARY, 2025);
  GDate end = dmy (1, G_DATE_FEBRUARY, 2025);
  GDate today = dmy (10, G_DATE_JANUARY, 2025);
  GDate before = dmy (31, G_DATE_DECEMBER, 2024);
  gint64 amount = 42;

  /* Buying nothing is not an order. */
  g_assert_false (seats_rules_prorated_price (0, 1000, &start, &end, &today, &amount, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_NOTHING_TO_BUY, "nothing-to-buy");
  g_clear_error (&error);

  /* The day before the period, and its end, which is the next period's
   * first day, are outside. */
  g_assert_false (seats_rules_prorated_price (1, 1000, &start, &end, &before, &amount, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_OUTSIDE_PERIOD, "outside-period");
  g_clear_error (&error);
  g_assert_false (seats_rules_prorated_price (1, 1000, &start, &end, &end, &amount, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_OUTSIDE_PERIOD, "outside-period");
  g_clear_error (&error);

  /* An empty or reversed period. */
  g_assert_false (seats_rules_prorated_price (1, 1000, &start, &start, &start, &amount, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_INVALID_PERIOD, "invalid-period");
  g_clear_error (&error);
  g_assert_false (seats_rules_prorated_price (1, 1000, &end, &start, &today, &amount, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_INVALID_PERIOD, "invalid-period");

  g_assert_cmpint (amount, ==, 42);
}

/* R3, R5 */

static void
check_next (SeatsSeatFloor  floor,
            guint           min_seats,
            guint           requested,
            guint           counted,
            guint           expected_over)
{
  g_autoptr(GError) error = NULL;
  SeatsRulePolicy policy;
  guint over = 12345;

  seats_rule_policy_init (&policy);
  policy.seat_floor = floor;
  policy.min_seats = min_seats;

  g_assert_true (seats_rules_check_next_period (&policy, requested, counted, &over, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (over, ==, expected_over);
}

static GError *
refuse_next (SeatsSeatFloor floor,
             guint          min_seats,
             guint          requested,
             guint          counted)
{
  GError *error = NULL;
  SeatsRulePolicy policy;
  guint over = 12345;

  seats_rule_policy_init (&policy);
  policy.seat_floor = floor;
  policy.min_seats = min_seats;

  g_assert_false (seats_rules_check_next_period (&policy, requested, counted, &over, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (over, ==, 0);

  return error;
}

/* What a subscription costs a month: each kind of license bought times
 * its price, and the integrations that are on. */
static void
test_monthly_price (void)
{
  const SeatsRulePriceLine lines[] = {
    { SEATS_PRODUCT_KIND_USER_SEATS, 22, 2950, TRUE },
    { SEATS_PRODUCT_KIND_MODULE, 6, 737, TRUE },
    { SEATS_PRODUCT_KIND_MODULE, 4, 1475, TRUE },
    { SEATS_PRODUCT_KIND_INTEGRATION, 0, 1500, TRUE },
    { SEATS_PRODUCT_KIND_INTEGRATION, 1, 900, FALSE },
  };
  const SeatsRulePriceLine product_too_big[] = {
    { SEATS_PRODUCT_KIND_USER_SEATS, 2, G_MAXINT64 / 2 + 1, TRUE },
  };
  const SeatsRulePriceLine product_fits[] = {
    { SEATS_PRODUCT_KIND_USER_SEATS, 2, G_MAXINT64 / 2, TRUE },
  };
  const SeatsRulePriceLine sum_too_big[] = {
    { SEATS_PRODUCT_KIND_USER_SEATS, 2, G_MAXINT64 / 2, TRUE },
    { SEATS_PRODUCT_KIND_INTEGRATION, 0, 2, TRUE },
  };
  g_autoptr(GError) error = NULL;
  gint64 monthly = -1;

  /* De Molen: 22 × 29.50 + 6 × 7.37 + 4 × 14.75 + 15.00, the integration
   * that is off left out. */
  g_assert_true (seats_rules_monthly_price (lines, G_N_ELEMENTS (lines), &monthly, &error));
  g_assert_no_error (error);
  g_assert_cmpint (monthly, ==, 76722);
  g_assert_true (seats_rules_price_line_counts (&lines[3]));
  g_assert_false (seats_rules_price_line_counts (&lines[4]));

  g_assert_true (seats_rules_monthly_price (NULL, 0, &monthly, NULL));
  g_assert_cmpint (monthly, ==, 0);

  /* The largest sum that fits, and one more. */
  g_assert_true (seats_rules_monthly_price (product_fits, 1, &monthly, NULL));
  g_assert_cmpint (monthly, ==, G_MAXINT64 - 1);
  g_assert_false (seats_rules_monthly_price (product_too_big, 1, &monthly, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_OVERFLOW, "overflow");
  g_clear_error (&error);
  g_assert_false (seats_rules_monthly_price (sum_too_big, 2, &monthly, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_OVERFLOW, "overflow");
}

static SeatsRulePolicy
policy_with (SeatsSeatFloor floor,
             guint          min_seats,
             guint          grace_days)
{
  SeatsRulePolicy policy;

  seats_rule_policy_init (&policy);
  policy.seat_floor = floor;
  policy.min_seats = min_seats;
  policy.grace_days = grace_days;
  return policy;
}

/* R5 in words, for the Licenses page and seatsctl status. */
static void
test_describe_policy (void)
{
  SeatsRulePolicy at_least = policy_with (SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, 1, 7);
  SeatsRulePolicy equal = policy_with (SEATS_SEAT_FLOOR_EQUAL_ACTIVE, 1, 7);
  SeatsRulePolicy grace = policy_with (SEATS_SEAT_FLOOR_GRACE, 1, 7);
  SeatsRulePolicy one_day = policy_with (SEATS_SEAT_FLOOR_GRACE, 1, 1);
  g_autofree char *a = seats_rules_describe_policy (&at_least);
  g_autofree char *e = seats_rules_describe_policy (&equal);
  g_autofree char *g = seats_rules_describe_policy (&grace);
  g_autofree char *d = seats_rules_describe_policy (&one_day);

  g_assert_cmpstr (a, ==, "Licenses may not go below the users who count");
  g_assert_cmpstr (e, ==, "Licenses must equal the users who count");
  g_assert_cmpstr (g, ==, "Users beyond the licenses are deactivated after 7 days");
  g_assert_cmpstr (d, ==, "Users beyond the licenses are deactivated after 1 day");
}

/* Where this period's licenses and the users who count disagree in a way
 * the policy cares about, and what resolves it. */
static void
test_advise_now (void)
{
  SeatsRulePolicy at_least = policy_with (SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, 1, 7);
  SeatsRulePolicy equal = policy_with (SEATS_SEAT_FLOOR_EQUAL_ACTIVE, 1, 7);
  SeatsRulePolicy grace = policy_with (SEATS_SEAT_FLOOR_GRACE, 1, 7);
  SeatsSeatAction action = SEATS_SEAT_ACTION_BUY;
  char *text;

  /* Agreeing counts: nothing to say, under every policy. */
  g_assert_null (seats_rules_advise_now (&at_least, 22, 22, &action));
  g_assert_cmpint (action, ==, SEATS_SEAT_ACTION_NONE);
  g_assert_null (seats_rules_advise_now (&equal, 33, 33, NULL));
  g_assert_null (seats_rules_advise_now (&grace, 30, 30, NULL));

  /* Spare licenses: fine unless they must be equal. */
  g_assert_null (seats_rules_advise_now (&at_least, 22, 20, NULL));
  g_assert_null (seats_rules_advise_now (&grace, 30, 24, NULL));
  text = seats_rules_advise_now (&equal, 34, 33, &action);
  g_assert_cmpstr (text, ==, "1 license is bought that no user holds, and licenses must equal the users "
                             "who count: activate 1 user.");
  g_assert_cmpint (action, ==, SEATS_SEAT_ACTION_ACTIVATE);
  g_free (text);
  text = seats_rules_advise_now (&equal, 36, 33, NULL);
  g_assert_cmpstr (text, ==, "3 licenses are bought that no user holds, and licenses must equal the users "
                             "who count: activate 3 users.");
  g_free (text);

  /* Too few: buy or deactivate, unless the grace days see to it. */
  text = seats_rules_advise_now (&at_least, 21, 22, &action);
  g_assert_cmpstr (text, ==, "More users count than licenses were bought: buy 1 more license, or "
                             "deactivate 1 user.");
  g_assert_cmpint (action, ==, SEATS_SEAT_ACTION_BUY);
  g_free (text);
  text = seats_rules_advise_now (&equal, 30, 33, &action);
  g_assert_cmpstr (text, ==, "More users count than licenses were bought: buy 3 more licenses, or "
                             "deactivate 3 users.");
  g_assert_cmpint (action, ==, SEATS_SEAT_ACTION_BUY);
  g_free (text);
  g_assert_null (seats_rules_advise_now (&grace, 24, 30, &action));
  g_assert_cmpint (action, ==, SEATS_SEAT_ACTION_NONE);
}

/* The same for the next period, which every policy checks when it turns. */
static void
test_advise_next (void)
{
  SeatsRulePolicy at_least = policy_with (SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, 1, 7);
  SeatsRulePolicy equal = policy_with (SEATS_SEAT_FLOOR_EQUAL_ACTIVE, 1, 7);
  SeatsRulePolicy equal_five = policy_with (SEATS_SEAT_FLOOR_EQUAL_ACTIVE, 5, 7);
  SeatsRulePolicy grace = policy_with (SEATS_SEAT_FLOOR_GRACE, 1, 7);
  SeatsSeatAction action = SEATS_SEAT_ACTION_BUY;
  char *text;

  g_assert_null (seats_rules_advise_next (&at_least, 22, 22, &action));
  g_assert_cmpint (action, ==, SEATS_SEAT_ACTION_NONE);
  g_assert_null (seats_rules_advise_next (&at_least, 23, 22, NULL));
  g_assert_null (seats_rules_advise_next (&equal, 33, 33, NULL));
  g_assert_null (seats_rules_advise_next (&grace, 31, 30, NULL));

  /* Activating a 22nd user while the next period holds 21. */
  text = seats_rules_advise_next (&at_least, 21, 22, &action);
  g_assert_cmpstr (text, ==, "The next period has 1 license less than the users who count: raise it "
                             "to 22, or deactivate 1 user before it starts.");
  g_assert_cmpint (action, ==, SEATS_SEAT_ACTION_CHANGE_NEXT_PERIOD);
  g_free (text);
  text = seats_rules_advise_next (&equal, 30, 32, NULL);
  g_assert_cmpstr (text, ==, "The next period has 2 licenses less than the users who count: raise it "
                             "to 32, or deactivate 2 users before it starts.");
  g_free (text);
  text = seats_rules_advise_next (&grace, 28, 30, &action);
  g_assert_cmpstr (text, ==, "The next period has 2 licenses less than the users who count: raise it "
                             "to 30, or 2 users get a grace deadline when it starts.");
  g_assert_cmpint (action, ==, SEATS_SEAT_ACTION_CHANGE_NEXT_PERIOD);
  g_free (text);
  text = seats_rules_advise_next (&grace, 29, 30, NULL);
  g_assert_cmpstr (text, ==, "The next period has 1 license less than the users who count: raise it "
                             "to 30, or 1 user gets a grace deadline when it starts.");
  g_free (text);

  /* Too many only matters when they must be equal. */
  text = seats_rules_advise_next (&equal, 34, 32, &action);
  g_assert_cmpstr (text, ==, "The next period has 2 licenses more than the users who count, and they "
                             "must be equal: lower it to 32, or activate 2 users.");
  g_assert_cmpint (action, ==, SEATS_SEAT_ACTION_CHANGE_NEXT_PERIOD);
  g_free (text);
  g_assert_null (seats_rules_advise_next (&at_least, 34, 32, NULL));
  g_assert_null (seats_rules_advise_next (&grace, 34, 32, NULL));

  /* Below the minimum, lowering is refused: activating is the way; at the
   * minimum, lowering is fine again. */
  text = seats_rules_advise_next (&equal_five, 5, 4, &action);
  g_assert_cmpstr (text, ==, "The next period has 1 license more than the users who count, and they "
                             "must be equal: activate 1 user.");
  g_assert_cmpint (action, ==, SEATS_SEAT_ACTION_ACTIVATE);
  g_free (text);
  text = seats_rules_advise_next (&equal_five, 6, 5, &action);
  g_assert_cmpint (action, ==, SEATS_SEAT_ACTION_CHANGE_NEXT_PERIOD);
  g_assert_nonnull (strstr (text, "lower it to 5"));
  g_free (text);
}

static void
test_next_period_zero_cancels (void)
{
  static const SeatsSeatFloor floors[] = {
    SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, SEATS_SEAT_FLOOR_EQUAL_ACTIVE, SEATS_SEAT_FLOOR_GRACE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (floors); i++)
    {
      /* Even with no users at all and a minimum of 0: only support cancels. */
      g_autoptr(GError) error = refuse_next (floors[i], 0, 0, 0);

      assert_rule_error (error, SEATS_RULE_ERROR_CANCELS_SUBSCRIPTION, "cancels-subscription");
      g_assert_nonnull (strstr (error->message, "contact the vendor's support"));
    }
}

static void
test_next_period_minimum (void)
{
  g_autoptr(GError) error = NULL;

  /* The default minimum is 1: 1 is allowed with nobody active. */
  check_next (SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, 1, 1, 0, 0);
  /* A minimum of 0 means 1. */
  check_next (SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, 0, 1, 0, 0);

  /* Minimum 5: exactly 5 is fine, 4 is not, under every floor. */
  check_next (SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, 5, 5, 2, 0);
  check_next (SEATS_SEAT_FLOOR_GRACE, 5, 5, 2, 0);

  error = refuse_next (SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, 5, 4, 2);
  assert_rule_error (error, SEATS_RULE_ERROR_BELOW_MINIMUM, "below-minimum");
  g_assert_cmpstr (error->message, ==,
                   "This subscription needs at least 5 licenses in a billing period. "
                   "Enter a higher number.");
  g_clear_error (&error);

  error = refuse_next (SEATS_SEAT_FLOOR_GRACE, 5, 4, 10);
  assert_rule_error (error, SEATS_RULE_ERROR_BELOW_MINIMUM, "below-minimum");
  g_clear_error (&error);

  error = refuse_next (SEATS_SEAT_FLOOR_EQUAL_ACTIVE, 5, 4, 4);
  assert_rule_error (error, SEATS_RULE_ERROR_BELOW_MINIMUM, "below-minimum");
}

static void
test_next_period_at_least_active (void)
{
  g_autoptr(GError) error = NULL;

  /* 12 users count: 12 and 13 are fine. */
  check_next (SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, 1, 12, 12, 0);
  check_next (SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, 1, 13, 12, 0);

  /* One below. */
  error = refuse_next (SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, 1, 11, 12);
  assert_rule_error (error, SEATS_RULE_ERROR_BELOW_COUNTED_USERS, "below-counted-users");
  g_assert_cmpstr (error->message, ==,
                   "The number of licenses cannot be lower than the number of active users. "
                   "Deactivate 1 user first, or keep at least 12 licenses.");
  g_clear_error (&error);

  /* Three below. */
  error = refuse_next (SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, 1, 9, 12);
  assert_rule_error (error, SEATS_RULE_ERROR_BELOW_COUNTED_USERS, "below-counted-users");
  g_assert_cmpstr (error->message, ==,
                   "The number of licenses cannot be lower than the number of active users. "
                   "Deactivate 3 users first, or keep at least 12 licenses.");
}

static void
test_next_period_equal_active (void)
{
  g_autoptr(GError) error = NULL;

  check_next (SEATS_SEAT_FLOOR_EQUAL_ACTIVE, 1, 12, 12, 0);

  /* Below: deactivate. */
  error = refuse_next (SEATS_SEAT_FLOOR_EQUAL_ACTIVE, 1, 11, 12);
  assert_rule_error (error, SEATS_RULE_ERROR_MUST_EQUAL_COUNTED_USERS, "must-equal-counted-users");
  g_assert_cmpstr (error->message, ==,
                   "The number of licenses must equal the number of active users. "
                   "Deactivate 1 user first, or set the number of licenses to 12.");
  g_clear_error (&error);

  /* Above: a count that is not saved until users are activated. */
  error = refuse_next (SEATS_SEAT_FLOOR_EQUAL_ACTIVE, 1, 14, 12);
  assert_rule_error (error, SEATS_RULE_ERROR_MUST_EQUAL_COUNTED_USERS, "must-equal-counted-users");
  g_assert_cmpstr (error->message, ==,
                   "The number of licenses must equal the number of active users. "
                   "Activate 2 more users first, or set the number of licenses to 12.");
  g_clear_error (&error);

  /* Above, with fewer active users than the minimum: lowering is no way out. */
  error = refuse_next (SEATS_SEAT_FLOOR_EQUAL_ACTIVE, 3, 3, 2);
  assert_rule_error (error, SEATS_RULE_ERROR_MUST_EQUAL_COUNTED_USERS, "must-equal-counted-users");
  g_assert_cmpstr (error->message, ==,
                   "The number of licenses must equal the number of active users. "
                   "Activate 1 more user first.");
  g_clear_error (&error);

  error = refuse_next (SEATS_SEAT_FLOOR_EQUAL_ACTIVE, 1, 1, 0);
  assert_rule_error (error, SEATS_RULE_ERROR_MUST_EQUAL_COUNTED_USERS, "must-equal-counted-users");
  g_assert_null (strstr (error->message, "set the number"));
  g_clear_error (&error);

  /* A minimum of 0 is a minimum of 1: "set the number of licenses to 0"
   * would send the administrator to a cancellation. */
  error = refuse_next (SEATS_SEAT_FLOOR_EQUAL_ACTIVE, 0, 1, 0);
  assert_rule_error (error, SEATS_RULE_ERROR_MUST_EQUAL_COUNTED_USERS, "must-equal-counted-users");
  g_assert_cmpstr (error->message, ==,
                   "The number of licenses must equal the number of active users. "
                   "Activate 1 more user first.");
}

static void
test_next_period_grace (void)
{
  SeatsRulePolicy policy;

  /* Allowed below the users who count, with the excess reported. */
  check_next (SEATS_SEAT_FLOOR_GRACE, 1, 9, 12, 3);
  check_next (SEATS_SEAT_FLOOR_GRACE, 1, 11, 12, 1);
  check_next (SEATS_SEAT_FLOOR_GRACE, 1, 12, 12, 0);
  check_next (SEATS_SEAT_FLOOR_GRACE, 1, 15, 12, 0);

  /* The excess is optional. */
  seats_rule_policy_init (&policy);
  policy.seat_floor = SEATS_SEAT_FLOOR_GRACE;
  g_assert_true (seats_rules_check_next_period (&policy, 1, 50, NULL, NULL));
}

/* A subscription kept by hand whose vendor sets no rule: any count at or
 * above the minimum, no advice, and users are activated whatever the
 * licenses; 0 still cancels. */
static void
test_seat_floor_none (void)
{
  SeatsRulePolicy policy;
  g_autoptr(GError) error = NULL;
  g_autofree char *words = NULL;
  SeatsSeatAction action = SEATS_SEAT_ACTION_BUY;
  gboolean over = TRUE;
  GDate today, deadline;
  guint excess = 7;

  seats_rule_policy_init (&policy);
  policy.seat_floor = SEATS_SEAT_FLOOR_NONE;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_NOVEMBER, 2026);

  g_assert_true (seats_rules_check_next_period (&policy, 1, 50, &excess, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (excess, ==, 0);
  g_assert_true (seats_rules_check_next_period (&policy, 80, 50, NULL, &error));
  g_assert_false (seats_rules_check_next_period (&policy, 0, 50, NULL, &error));
  g_assert_error (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_CANCELS_SUBSCRIPTION);
  g_clear_error (&error);

  g_assert_null (seats_rules_advise_now (&policy, 3, 10, &action));
  g_assert_cmpint (action, ==, SEATS_SEAT_ACTION_NONE);
  g_assert_null (seats_rules_advise_next (&policy, 3, 10, &action));
  g_assert_null (seats_rules_advise_next (&policy, 30, 10, &action));

  g_assert_true (seats_rules_check_activation (&policy, 10, 10, &today, &over, &deadline, &error));
  g_assert_no_error (error);
  g_assert_false (over);
  g_assert_false (g_date_valid (&deadline));

  words = seats_rules_describe_policy (&policy);
  g_assert_cmpstr (words, ==, "The vendor sets no rule for the licenses and the users who count");
}

/* R4 */

static void
check_purchase (guint purchased,
                guint next_count,
                guint added,
                guint expected_purchased,
                guint expected_next)
{
  g_autoptr(GError) error = NULL;
  guint new_purchased = 0;
  guint new_next = 0;

  g_assert_true (seats_rules_apply_purchase (purchased, next_count, added,
                                             &new_purchased, &new_next, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (new_purchased, ==, expected_purchased);
  g_assert_cmpuint (new_next, ==, expected_next);
}

static void
test_purchase_next_period (void)
{
  g_autoptr(GError) error = NULL;
  guint new_purchased = 7;
  guint new_next = 7;

  /* Lowered to 6 for next period, then 2 bought: the lowering is undone,
   * the next period is the new purchased total, 12. */
  check_purchase (10, 6, 2, 12, 12);
  /* Lowered by one only: the same. */
  check_purchase (10, 9, 1, 11, 11);
  /* Not lowered: follows the purchase. */
  check_purchase (10, 10, 3, 13, 13);
  /* Raised to 20 for next period: buying 3 now leaves it at 20. */
  check_purchase (10, 20, 3, 13, 20);
  /* Raised to 11, overtaken by the purchase: 13. */
  check_purchase (10, 11, 3, 13, 13);
  /* Raised to exactly the new total. */
  check_purchase (10, 13, 3, 13, 13);

  /* The outputs are optional. */
  g_assert_true (seats_rules_apply_purchase (1, 1, 1, NULL, NULL, NULL));

  g_assert_false (seats_rules_apply_purchase (10, 6, 0, &new_purchased, &new_next, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_NOTHING_TO_BUY, "nothing-to-buy");
  g_clear_error (&error);

  check_purchase (G_MAXUINT - 1, 0, 1, G_MAXUINT, G_MAXUINT);
  g_assert_false (seats_rules_apply_purchase (G_MAXUINT, 10, 1, &new_purchased, &new_next, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_OVERFLOW, "overflow");
  g_assert_cmpuint (new_purchased, ==, 7);
  g_assert_cmpuint (new_next, ==, 7);
}

/* R2: the days a purchase pays for, as the Buy dialog shows them. */
static void
test_proration_days (void)
{
  g_autoptr(GError) error = NULL;
  GDate start = dmy (1, G_DATE_NOVEMBER, 2026);
  GDate end = dmy (1, G_DATE_DECEMBER, 2026);
  GDate day;
  guint remaining = 0, days = 0;

  /* The first day pays the whole period, the last day one day of it. */
  day = start;
  g_assert_true (seats_rules_proration_days (&start, &end, &day, &remaining, &days, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (remaining, ==, 30);
  g_assert_cmpuint (days, ==, 30);
  day = dmy (16, G_DATE_NOVEMBER, 2026);
  g_assert_true (seats_rules_proration_days (&start, &end, &day, &remaining, &days, &error));
  g_assert_cmpuint (remaining, ==, 15);
  day = dmy (30, G_DATE_NOVEMBER, 2026);
  g_assert_true (seats_rules_proration_days (&start, &end, &day, &remaining, &days, &error));
  g_assert_cmpuint (remaining, ==, 1);
  g_assert_cmpuint (days, ==, 30);
  /* The outputs are optional. */
  g_assert_true (seats_rules_proration_days (&start, &end, &day, NULL, NULL, NULL));

  /* The day after the last, and the day before the first, are outside. */
  remaining = days = 99;
  g_assert_false (seats_rules_proration_days (&start, &end, &end, &remaining, &days, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_OUTSIDE_PERIOD, "outside-period");
  g_clear_error (&error);
  day = dmy (31, G_DATE_OCTOBER, 2026);
  g_assert_false (seats_rules_proration_days (&start, &end, &day, &remaining, &days, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_OUTSIDE_PERIOD, "outside-period");
  g_clear_error (&error);
  g_assert_cmpuint (remaining, ==, 99);
  g_assert_cmpuint (days, ==, 99);

  /* An empty or reversed period is no period. */
  g_assert_false (seats_rules_proration_days (&start, &start, &start, &remaining, &days, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_INVALID_PERIOD, "invalid-period");
  g_clear_error (&error);
  g_assert_false (seats_rules_proration_days (&end, &start, &start, &remaining, &days, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_INVALID_PERIOD, "invalid-period");
}

/* R2 and R4 together: the quote the window, seatsctl and the server share. */
static void
test_quote_purchase (void)
{
  g_autoptr(GError) error = NULL;
  GDate start = dmy (1, G_DATE_NOVEMBER, 2026);
  GDate end = dmy (1, G_DATE_DECEMBER, 2026);
  GDate today = dmy (16, G_DATE_NOVEMBER, 2026);
  GDate quarter_end = dmy (1, G_DATE_FEBRUARY, 2027);
  SeatsPurchaseQuote quote = { 0, };
  SeatsPurchaseQuote untouched = { .amount = 42 };

  /* 24 bought, lowered to 22 for the next period, 5 more at EUR 29.50 on
   * day 16 of 30: 5 × 29.50 × 15/30 = 73.75, and the next period is raised
   * back to the new total. */
  g_assert_true (seats_rules_quote_purchase (24, 22, 5, 2950, 1, &start, &end, &today,
                                             &quote, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (quote.quantity, ==, 5);
  g_assert_cmpint (quote.price_per_period, ==, 2950);
  g_assert_cmpuint (quote.remaining_days, ==, 15);
  g_assert_cmpuint (quote.period_days, ==, 30);
  g_assert_cmpint (quote.amount, ==, 7375);
  g_assert_cmpuint (quote.purchased_before, ==, 24);
  g_assert_cmpuint (quote.purchased_after, ==, 29);
  g_assert_cmpuint (quote.next_before, ==, 22);
  g_assert_cmpuint (quote.next_after, ==, 29);
  g_assert_true (seats_purchase_quote_restores_next (&quote));

  /* Not lowered, or raised: nothing to warn about. */
  g_assert_true (seats_rules_quote_purchase (24, 24, 1, 2950, 1, &start, &end, &today,
                                             &quote, &error));
  g_assert_false (seats_purchase_quote_restores_next (&quote));
  g_assert_cmpuint (quote.next_after, ==, 25);
  g_assert_true (seats_rules_quote_purchase (24, 30, 1, 2950, 1, &start, &end, &today,
                                             &quote, &error));
  g_assert_false (seats_purchase_quote_restores_next (&quote));
  g_assert_cmpuint (quote.next_after, ==, 30);

  /* A quarter: the monthly price times three, over the quarter's 92 days
   * (Nov 1 – Jan 31), 77 of them left: 2 × 88.50 × 77/92 = 148.14. */
  g_assert_true (seats_rules_quote_purchase (10, 10, 2, 2950, 3, &start, &quarter_end, &today,
                                             &quote, &error));
  g_assert_cmpint (quote.price_per_period, ==, 8850);
  g_assert_cmpuint (quote.period_days, ==, 92);
  g_assert_cmpuint (quote.remaining_days, ==, 77);
  g_assert_cmpint (quote.amount, ==, 14814);
  /* 0 months is read as one. */
  g_assert_true (seats_rules_quote_purchase (10, 10, 1, 2950, 0, &start, &end, &today,
                                             &quote, &error));
  g_assert_cmpint (quote.price_per_period, ==, 2950);

  /* Refused, and the quote untouched: nothing to buy, a price that does
   * not fit a period, a negative price, a day outside the period. */
  quote = untouched;
  g_assert_false (seats_rules_quote_purchase (24, 22, 0, 2950, 1, &start, &end, &today,
                                              &quote, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_NOTHING_TO_BUY, "nothing-to-buy");
  g_clear_error (&error);
  g_assert_false (seats_rules_quote_purchase (24, 22, 1, G_MAXINT64 / 3 + 1, 3, &start,
                                              &quarter_end, &today, &quote, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_OVERFLOW, "overflow");
  g_clear_error (&error);
  g_assert_true (seats_rules_quote_purchase (24, 22, 1, G_MAXINT64 / 3, 3, &start,
                                             &quarter_end, &start, &quote, &error));
  g_assert_cmpint (quote.amount, ==, G_MAXINT64 / 3 * 3);
  quote = untouched;
  g_assert_false (seats_rules_quote_purchase (24, 22, 1, -1, 1, &start, &end, &today,
                                              &quote, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_OVERFLOW, "overflow");
  g_clear_error (&error);
  g_assert_false (seats_rules_quote_purchase (24, 22, 1, 2950, 1, &start, &end, &end,
                                              &quote, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_OUTSIDE_PERIOD, "outside-period");
  g_assert_cmpint (quote.amount, ==, 42);
}

/* R12: what an integration's switch does to the monthly price. */
static void
test_monthly_price_after_switch (void)
{
  g_autoptr(GError) error = NULL;
  gint64 after = -1;

  /* On: the fee is added; off: taken away; unchanged: nothing. */
  g_assert_true (seats_rules_monthly_price_after_switch (76722, 900, FALSE, TRUE, &after, &error));
  g_assert_no_error (error);
  g_assert_cmpint (after, ==, 77622);
  g_assert_true (seats_rules_monthly_price_after_switch (77622, 900, TRUE, FALSE, &after, &error));
  g_assert_cmpint (after, ==, 76722);
  g_assert_true (seats_rules_monthly_price_after_switch (76722, 900, TRUE, TRUE, &after, &error));
  g_assert_cmpint (after, ==, 76722);
  g_assert_true (seats_rules_monthly_price_after_switch (76722, 900, FALSE, FALSE, &after, &error));
  g_assert_cmpint (after, ==, 76722);
  /* A free integration changes nothing. */
  g_assert_true (seats_rules_monthly_price_after_switch (76722, 0, FALSE, TRUE, &after, &error));
  g_assert_cmpint (after, ==, 76722);
  /* A price that no longer holds the fee (the server's figures moved)
   * does not go below nothing. */
  g_assert_true (seats_rules_monthly_price_after_switch (500, 900, TRUE, FALSE, &after, &error));
  g_assert_cmpint (after, ==, 0);

  /* The largest sum that fits, and one more. */
  g_assert_true (seats_rules_monthly_price_after_switch (G_MAXINT64 - 900, 900, FALSE, TRUE,
                                                         &after, &error));
  g_assert_cmpint (after, ==, G_MAXINT64);
  after = 42;
  g_assert_false (seats_rules_monthly_price_after_switch (G_MAXINT64 - 899, 900, FALSE, TRUE,
                                                          &after, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_OVERFLOW, "overflow");
  g_clear_error (&error);
  g_assert_false (seats_rules_monthly_price_after_switch (-1, 900, FALSE, TRUE, &after, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_OVERFLOW, "overflow");
  g_clear_error (&error);
  g_assert_false (seats_rules_monthly_price_after_switch (100, -1, TRUE, FALSE, &after, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_OVERFLOW, "overflow");
  g_assert_cmpint (after, ==, 42);
}

/* R5: a deadline is the last day of grace; the user goes the day after,
 * which is the day the messages name and the server acts on. */
static void
test_deactivation_day (void)
{
  static const struct {
    GDateDay day; GDateMonth month; GDateYear year;
    GDateDay next_day; GDateMonth next_month; GDateYear next_year;
  } cases[] = {
    { 6, G_DATE_DECEMBER, 2026, 7, G_DATE_DECEMBER, 2026 },
    { 30, G_DATE_NOVEMBER, 2026, 1, G_DATE_DECEMBER, 2026 },
    { 31, G_DATE_DECEMBER, 2026, 1, G_DATE_JANUARY, 2027 },
    { 28, G_DATE_FEBRUARY, 2028, 29, G_DATE_FEBRUARY, 2028 },
    { 29, G_DATE_FEBRUARY, 2028, 1, G_DATE_MARCH, 2028 },
    { 28, G_DATE_FEBRUARY, 2027, 1, G_DATE_MARCH, 2027 },
  };
  GDate deadline, day, before;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      deadline = dmy (cases[i].day, cases[i].month, cases[i].year);
      seats_rules_deactivation_day (&deadline, &day);
      assert_date (&day, cases[i].next_day, cases[i].next_month, cases[i].next_year);

      /* The same day the rule says the deadline has passed, not before. */
      g_assert_true (seats_rules_deadline_passed (&deadline, &day));
      before = day;
      g_date_subtract_days (&before, 1);
      g_assert_false (seats_rules_deadline_passed (&deadline, &before));
      g_assert_true (seats_rules_user_counts (TRUE, &deadline, &before));
      g_assert_false (seats_rules_user_counts (TRUE, &deadline, &day));
    }

  /* The last day there is has no day after: it stays. */
  deadline = dmy (31, G_DATE_DECEMBER, G_MAXUINT16);
  seats_rules_deactivation_day (&deadline, &day);
  assert_date (&day, 31, G_DATE_DECEMBER, G_MAXUINT16);
}

/* The rules that take today, on the days that break calendars: the last day
 * of a period, the first of the next, February 29, and December 31 into
 * January 1. A monthly subscription that began on January 31, 2028. */
static void
test_calendar_dates (void)
{
  static const struct {
    const char *what;
    GDateDay day; GDateMonth month; GDateYear year;
    /* The period containing the day: its first day, and the next period's. */
    GDateDay start_day; GDateMonth start_month; GDateYear start_year;
    GDateDay end_day; GDateMonth end_month; GDateYear end_year;
    /* 3 licenses at 31.00 a month bought today; a trial ending that day. */
    gint64 amount;
  } cases[] = {
    { "the last day of a period", 28, G_DATE_FEBRUARY, 2028,
      31, G_DATE_JANUARY, 2028, 29, G_DATE_FEBRUARY, 2028, 321 },
    { "February 29, the first day of the next", 29, G_DATE_FEBRUARY, 2028,
      29, G_DATE_FEBRUARY, 2028, 31, G_DATE_MARCH, 2028, 9300 },
    { "the day after February 29", 1, G_DATE_MARCH, 2028,
      29, G_DATE_FEBRUARY, 2028, 31, G_DATE_MARCH, 2028, 9000 },
    { "December 31", 31, G_DATE_DECEMBER, 2028,
      31, G_DATE_DECEMBER, 2028, 31, G_DATE_JANUARY, 2029, 9300 },
    { "January 1", 1, G_DATE_JANUARY, 2029,
      31, G_DATE_DECEMBER, 2028, 31, G_DATE_JANUARY, 2029, 9000 },
    { "January 30, the last day of that period", 30, G_DATE_JANUARY, 2029,
      31, G_DATE_DECEMBER, 2028, 31, G_DATE_JANUARY, 2029, 300 },
  };
  GDate anchor = dmy (31, G_DATE_JANUARY, 2028);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate today = dmy (cases[i].day, cases[i].month, cases[i].year);
      GDate start, end, yesterday, tomorrow, deadline, day;
      gint64 amount = 0;

      g_test_message ("%s", cases[i].what);

      g_assert_true (seats_rules_period_containing (&anchor, 1, &today, &start, &end, &error));
      g_assert_no_error (error);
      assert_date (&start, cases[i].start_day, cases[i].start_month, cases[i].start_year);
      assert_date (&end, cases[i].end_day, cases[i].end_month, cases[i].end_year);

      /* R2: today is one of the days left, the period's end is not. */
      g_assert_true (seats_rules_prorated_price (3, 3100, &start, &end, &today, &amount, &error));
      g_assert_no_error (error);
      g_assert_cmpint (amount, ==, cases[i].amount);

      yesterday = today;
      g_date_subtract_days (&yesterday, 1);
      tomorrow = today;
      g_date_add_days (&tomorrow, 1);

      /* R18: a trial that ends today has one day left; yesterday's none. */
      g_assert_cmpuint (seats_rules_trial_days_left (&today, &today), ==, 1);
      g_assert_cmpuint (seats_rules_trial_days_left (&yesterday, &today), ==, 0);
      g_assert_cmpuint (seats_rules_trial_days_left (&tomorrow, &today), ==, 2);

      /* R1: an end date today still counts; yesterday's does not. */
      g_assert_true (seats_rules_user_counts (TRUE, &today, &today));
      g_assert_false (seats_rules_user_counts (TRUE, &yesterday, &today));

      /* R5: a grace deadline set today with 7 days is deactivated 8 days on. */
      seats_rules_grace_deadline (&today, 7, &deadline);
      seats_rules_deactivation_day (&deadline, &day);
      g_assert_cmpint (g_date_days_between (&today, &day), ==, 8);
      g_assert_false (seats_rules_deadline_passed (&deadline, &deadline));
      g_assert_true (seats_rules_deadline_passed (&deadline, &day));
    }
}

/* R5 */

static void
test_grace_deadline (void)
{
  GDate from = dmy (25, G_DATE_FEBRUARY, 2024);
  GDate deadline;
  GDate day;

  /* 7 days after February 25, 2024, across the leap day: March 3. */
  seats_rules_grace_deadline (&from, 7, &deadline);
  assert_date (&deadline, 3, G_DATE_MARCH, 2024);

  /* On the deadline the user still holds the license; the day after not. */
  day = dmy (2, G_DATE_MARCH, 2024);
  g_assert_false (seats_rules_deadline_passed (&deadline, &day));
  day = dmy (3, G_DATE_MARCH, 2024);
  g_assert_false (seats_rules_deadline_passed (&deadline, &day));
  day = dmy (4, G_DATE_MARCH, 2024);
  g_assert_true (seats_rules_deadline_passed (&deadline, &day));

  /* So a deadline works as an end date (R1). */
  g_assert_true (seats_rules_user_counts (TRUE, &deadline, &deadline));
  g_assert_false (seats_rules_user_counts (TRUE, &deadline, &day));

  /* No grace: the deadline is the day itself. */
  seats_rules_grace_deadline (&from, 0, &deadline);
  assert_date (&deadline, 25, G_DATE_FEBRUARY, 2024);

  /* Absurd grace is clamped to the last representable day, never wrapped. */
  from = dmy (25, G_DATE_DECEMBER, G_MAXUINT16);
  seats_rules_grace_deadline (&from, 30, &deadline);
  assert_date (&deadline, 31, G_DATE_DECEMBER, G_MAXUINT16);
  from = dmy (1, G_DATE_JANUARY, 2025);
  seats_rules_grace_deadline (&from, G_MAXUINT, &deadline);
  assert_date (&deadline, 31, G_DATE_DECEMBER, G_MAXUINT16);
}

static void
assert_grace_ids (GArray              *indices,
                  const SeatsRuleUser *users,
                  const char * const  *expected)
{
  g_assert_nonnull (indices);
  g_assert_cmpuint (indices->len, ==, g_strv_length ((char **) expected));

  for (guint i = 0; i < indices->len; i++)
    g_assert_cmpstr (users[g_array_index (indices, guint, i)].id, ==, expected[i]);
}

static void
test_grace_users (void)
{
  /* Creation times in seconds. "eve" is the most recent but inactive. */
  const SeatsRuleUser users[] = {
    { "ann", 1000, TRUE },
    { "bob", 5000, TRUE },
    { "cid", 3000, TRUE },
    { "dan", 4000, TRUE },
    { "eve", 9000, FALSE },
    { "fay", 2000, TRUE },
  };
  GDate start = dmy (1, G_DATE_MARCH, 2025);
  GDate deadline;
  g_autoptr(GArray) two = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) exact = NULL;
  g_autoptr(GArray) empty = NULL;

  /* 5 users count, 3 licenses: the two most recently created counted users,
   * bob then dan; eve does not count and is never chosen. */
  two = seats_rules_grace_users (users, G_N_ELEMENTS (users), 3, &start, 7, &deadline);
  assert_grace_ids (two, users, (const char * const[]) { "bob", "dan", NULL });
  assert_date (&deadline, 8, G_DATE_MARCH, 2025);

  /* No licenses: everyone who counts, newest first. */
  all = seats_rules_grace_users (users, G_N_ELEMENTS (users), 0, &start, 10, &deadline);
  assert_grace_ids (all, users, (const char * const[]) { "bob", "dan", "cid", "fay", "ann", NULL });
  assert_date (&deadline, 11, G_DATE_MARCH, 2025);

  /* Exactly enough, and more than enough: nobody, and no deadline. */
  exact = seats_rules_grace_users (users, G_N_ELEMENTS (users), 5, &start, 7, &deadline);
  g_assert_cmpuint (exact->len, ==, 0);
  g_assert_false (g_date_valid (&deadline));
  none = seats_rules_grace_users (users, G_N_ELEMENTS (users), 50, &start, 7, NULL);
  g_assert_cmpuint (none->len, ==, 0);

  empty = seats_rules_grace_users (NULL, 0, 0, &start, 7, NULL);
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_grace_users_ties (void)
{
  /* Three users created in the same second: the later id is the more
   * recent, whatever order the users arrive in. */
  const SeatsRuleUser forward[] = {
    { "u-001", 500, TRUE },
    { "u-010", 700, TRUE },
    { "u-011", 700, TRUE },
    { "u-012", 700, TRUE },
  };
  const SeatsRuleUser backward[] = {
    { "u-012", 700, TRUE },
    { "u-011", 700, TRUE },
    { "u-010", 700, TRUE },
    { "u-001", 500, TRUE },
  };
  const SeatsRuleUser shuffled[] = {
    { "u-011", 700, TRUE },
    { "u-001", 500, TRUE },
    { "u-012", 700, TRUE },
    { "u-010", 700, TRUE },
  };
  const SeatsRuleUser *orders[] = { forward, backward, shuffled };
  GDate start = dmy (1, G_DATE_JANUARY, 2026);

  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_autoptr(GArray) one = seats_rules_grace_users (orders[i], 4, 3, &start, 7, NULL);
      g_autoptr(GArray) two = seats_rules_grace_users (orders[i], 4, 2, &start, 7, NULL);
      g_autoptr(GArray) three = seats_rules_grace_users (orders[i], 4, 1, &start, 7, NULL);

      assert_grace_ids (one, orders[i], (const char * const[]) { "u-012", NULL });
      assert_grace_ids (two, orders[i], (const char * const[]) { "u-012", "u-011", NULL });
      assert_grace_ids (three, orders[i],
                        (const char * const[]) { "u-012", "u-011", "u-010", NULL });
    }
}

/* R6 */

static void
test_activation_free_seat (void)
{
  static const SeatsSeatFloor floors[] = {
    SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, SEATS_SEAT_FLOOR_EQUAL_ACTIVE, SEATS_SEAT_FLOOR_GRACE,
  };
  GDate today = dmy (10, G_DATE_JUNE, 2025);

  for (guint i = 0; i < G_N_ELEMENTS (floors); i++)
    {
      g_autoptr(GError) error = NULL;
      SeatsRulePolicy policy;
      gboolean over = TRUE;
      GDate deadline = today;

      seats_rule_policy_init (&policy);
      policy.seat_floor = floors[i];

      /* 9 of 10 licenses used: the last free one. */
      g_assert_true (seats_rules_check_activation (&policy, 10, 9, &today, &over, &deadline,
                                                   &error));
      g_assert_no_error (error);
      g_assert_false (over);
      g_assert_false (g_date_valid (&deadline));
    }
}

static void
test_activation_no_free_seat (void)
{
  g_autoptr(GError) error = NULL;
  SeatsRulePolicy policy;
  GDate today = dmy (28, G_DATE_JANUARY, 2025);
  GDate deadline;
  gboolean over = TRUE;

  seats_rule_policy_init (&policy);

  /* at_least_active: 10 of 10 used, refused: buy first. */
  g_assert_false (seats_rules_check_activation (&policy, 10, 10, &today, &over, &deadline,
                                                &error));
  assert_rule_error (error, SEATS_RULE_ERROR_NO_FREE_SEAT, "no-free-seat");
  g_assert_cmpstr (error->message, ==,
                   "There is no free license for this user. "
                   "Buy more licenses first, then activate the user.");
  g_assert_false (over);
  g_assert_false (g_date_valid (&deadline));
  g_clear_error (&error);

  /* equal_active: raise the count first. */
  policy.seat_floor = SEATS_SEAT_FLOOR_EQUAL_ACTIVE;
  g_assert_false (seats_rules_check_activation (&policy, 10, 10, &today, NULL, NULL, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_NO_FREE_SEAT, "no-free-seat");
  g_assert_cmpstr (error->message, ==,
                   "There is no free license for this user. "
                   "Raise the number of licenses first, then activate the user.");
  g_clear_error (&error);

  /* grace: allowed, over-allocated, deadline 10 days on: February 7. */
  policy.seat_floor = SEATS_SEAT_FLOOR_GRACE;
  policy.grace_days = 10;
  g_assert_true (seats_rules_check_activation (&policy, 10, 10, &today, &over, &deadline,
                                               &error));
  g_assert_no_error (error);
  g_assert_true (over);
  assert_date (&deadline, 7, G_DATE_FEBRUARY, 2025);

  /* Already over: still allowed under grace, with the default 7 days. */
  policy.grace_days = SEATS_RULE_DEFAULT_GRACE_DAYS;
  over = FALSE;
  g_assert_true (seats_rules_check_activation (&policy, 10, 14, &today, &over, &deadline,
                                               &error));
  g_assert_true (over);
  assert_date (&deadline, 4, G_DATE_FEBRUARY, 2025);

  /* No licenses at all. */
  policy.seat_floor = SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE;
  g_assert_false (seats_rules_check_activation (&policy, 0, 0, &today, NULL, NULL, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_NO_FREE_SEAT, "no-free-seat");
}

/* R8 */

static void
test_license_surplus (void)
{
  g_assert_cmpuint (seats_rules_license_surplus (10, 12), ==, 2);
  g_assert_cmpuint (seats_rules_license_surplus (10, 11), ==, 1);
  g_assert_cmpuint (seats_rules_license_surplus (10, 10), ==, 0);
  g_assert_cmpuint (seats_rules_license_surplus (10, 9), ==, 0);
  g_assert_cmpuint (seats_rules_license_surplus (0, 0), ==, 0);
  g_assert_cmpuint (seats_rules_license_surplus (0, G_MAXUINT), ==, G_MAXUINT);
}

static void
test_license_changed (void)
{
  const SeatsRuleLicenseLine lines[] = {
    { "User licenses", 20, 25, 18 },
    { "CRM", 5, 5, 5 },
    { "Outlook", 8, 6, 3 },
    { "Integrations", 1, 1, 0 },
  };
  guint n_changed = 0;

  g_assert_true (seats_rules_license_changed (&lines[0]));
  g_assert_false (seats_rules_license_changed (&lines[1]));
  g_assert_true (seats_rules_license_changed (&lines[2]));
  g_assert_false (seats_rules_license_changed (&lines[3]));

  /* The dialog lists only changed products. */
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    n_changed += seats_rules_license_changed (&lines[i]) ? 1 : 0;
  g_assert_cmpuint (n_changed, ==, 2);
}

static void
test_pending_license (void)
{
  g_autoptr(GError) error = NULL;
  SeatsRuleLicenseLine lines[] = {
    { "User licenses", 20, 18, 18 },
    { "CRM", 5, 5, 5 },
    { "Outlook", 8, 6, 3 },
  };
  SeatsRulePolicy automatic;
  SeatsRulePolicy manual;

  seats_rule_policy_init (&automatic);
  automatic.activation = SEATS_ACTIVATION_AUTOMATIC;
  seats_rule_policy_init (&manual);

  /* Every new count exactly covers, or exceeds, what is in use. */
  g_assert_true (seats_rules_check_pending_license (lines, G_N_ELEMENTS (lines), &error));
  g_assert_no_error (error);
  g_assert_true (seats_rules_pending_license_activates_automatically (&automatic, lines,
                                                                      G_N_ELEMENTS (lines)));
  g_assert_false (seats_rules_pending_license_activates_automatically (&manual, lines,
                                                                       G_N_ELEMENTS (lines)));

  /* One below for user licenses: blocked, named, and not automatic. */
  lines[0].new_count = 17;
  g_assert_false (seats_rules_check_pending_license (lines, G_N_ELEMENTS (lines), &error));
  assert_rule_error (error, SEATS_RULE_ERROR_LICENSE_BELOW_IN_USE, "license-below-in-use");
  g_assert_cmpstr (error->message, ==,
                   "Remove 1 surplus license of “User licenses” before activating the new "
                   "license. If the new count is wrong, contact the vendor instead of "
                   "activating it.");
  g_clear_error (&error);
  g_assert_false (seats_rules_pending_license_activates_automatically (&automatic, lines,
                                                                       G_N_ELEMENTS (lines)));

  /* Without a name. */
  lines[0].name = NULL;
  lines[0].new_count = 15;
  g_assert_false (seats_rules_check_pending_license (lines, G_N_ELEMENTS (lines), &error));
  assert_rule_error (error, SEATS_RULE_ERROR_LICENSE_BELOW_IN_USE, "license-below-in-use");
  g_assert_cmpstr (error->message, ==,
                   "Remove 3 surplus licenses before activating the new license. If the new "
                   "count is wrong, contact the vendor instead of activating it.");
  g_clear_error (&error);

  /* An unchanged product that is over its count blocks too. */
  lines[0].new_count = 18;
  lines[1].in_use = 6;
  g_assert_false (seats_rules_license_changed (&lines[1]));
  g_assert_false (seats_rules_check_pending_license (lines, G_N_ELEMENTS (lines), &error));
  assert_rule_error (error, SEATS_RULE_ERROR_LICENSE_BELOW_IN_USE, "license-below-in-use");
  g_assert_nonnull (strstr (error->message, "“CRM”"));
  g_clear_error (&error);

  /* Two products blocking. */
  lines[2].in_use = 7;
  g_assert_false (seats_rules_check_pending_license (lines, G_N_ELEMENTS (lines), &error));
  assert_rule_error (error, SEATS_RULE_ERROR_LICENSE_BELOW_IN_USE, "license-below-in-use");
  g_assert_cmpstr (error->message, ==,
                   "2 products have more licenses in use than the new license allows. "
                   "Remove the surplus licenses first. If the new counts are wrong, contact "
                   "the vendor instead of activating the license.");
  g_clear_error (&error);

  /* A license without products is harmless. */
  g_assert_true (seats_rules_check_pending_license (NULL, 0, &error));
  g_assert_true (seats_rules_pending_license_activates_automatically (&automatic, NULL, 0));
}

/* R13 */

static void
test_email (void)
{
  static const char * const valid[] = {
    "a@b.co",
    "anna.jansen@example.nl",
    "first.last+invoices@example.com",
    "o'brien@example.ie",
    "billing@sub.example.co.uk",
    "x_y-z@example-company.se",
    "åsa.öberg@exempel.se",
    "faktura@xn--exmpel-cua.se",
    "1234@123.example",
  };
  static const char * const invalid[] = {
    "",
    "plain",
    "@example.com",
    "anna@",
    "anna@@example.com",
    "anna@b@example.com",
    "anna jansen@example.com",
    "anna@exa mple.com",
    " anna@example.com",
    "anna@example.com ",
    "anna\t@example.com",
    "anna@localhost",
    ".anna@example.com",
    "anna.@example.com",
    "an..na@example.com",
    "anna@-example.com",
    "anna@example-.com",
    "anna@example..com",
    "anna@.example.com",
    "anna@example.com.",
    "anna@exa_mple.com",
    "\"anna\"@example.com",
    "anna(x)@example.com",
    "anna@[192.0.2.1]",
    "anna\xff@example.com",
  };
  g_autofree char *local64 = g_strnfill (64, 'l');
  g_autofree char *local65 = g_strnfill (65, 'l');
  g_autofree char *label63 = g_strnfill (63, 'd');
  g_autofree char *label64 = g_strnfill (64, 'd');
  g_autofree char *label57 = g_strnfill (57, 'd');
  g_autofree char *label58 = g_strnfill (58, 'd');
  g_autofree char *at_64 = g_strconcat (local64, "@example.com", NULL);
  g_autofree char *at_65 = g_strconcat (local65, "@example.com", NULL);
  g_autofree char *label_63 = g_strconcat ("a@", label63, ".com", NULL);
  g_autofree char *label_64 = g_strconcat ("a@", label64, ".com", NULL);
  /* 64 + 1 + (63 + 1 + 63 + 1 + 57 + 4) = 254 octets: the longest path. */
  g_autofree char *total_254 = g_strconcat (local64, "@", label63, ".", label63, ".", label57,
                                            ".com", NULL);
  g_autofree char *total_255 = g_strconcat (local64, "@", label63, ".", label63, ".", label58,
                                            ".com", NULL);
  const char *valid_long[] = { at_64, label_63, total_254 };
  const char *invalid_long[] = { at_65, label_64, total_255 };

  g_assert_cmpuint (strlen (total_254), ==, 254);
  g_assert_cmpuint (strlen (total_255), ==, 255);

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!seats_rules_check_email (valid[i], &error))
        g_error ("“%s” was refused: %s", valid[i], error->message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (valid_long); i++)
    g_assert_true (seats_rules_check_email (valid_long[i], NULL));

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      if (seats_rules_check_email (invalid[i], &error))
        g_error ("“%s” was accepted", invalid[i]);
      assert_rule_error (error, SEATS_RULE_ERROR_INVALID_EMAIL, "invalid-email");
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid_long); i++)
    g_assert_false (seats_rules_check_email (invalid_long[i], NULL));

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (seats_rules_check_email (NULL, &error));
    assert_rule_error (error, SEATS_RULE_ERROR_INVALID_EMAIL, "invalid-email");
    g_assert_cmpstr (error->message, ==,
                     "This is not a valid e-mail address. Enter an address like "
                     "name@example.com.");
  }
}

static SeatsRuleBillingDetails
valid_billing_details (void)
{
  SeatsRuleBillingDetails details = {
    .contact_user_id = "user-17",
    .contact_email = NULL,
    .street = "Keizersgracht 123",
    .postal_code = "1015 CJ",
    .city = "Amsterdam",
    .country = "NL",
    .einvoice_enabled = FALSE,
    .einvoice_address = NULL,
    .einvoice_operator = NULL,
  };

  return details;
}

static void
assert_billing_error (const SeatsRuleBillingDetails *details,
                      SeatsBillingField              expected_field,
                      SeatsRuleError                 expected_code,
                      const char                    *expected_name)
{
  g_autoptr(GError) field_error = NULL;
  g_autoptr(GError) error = NULL;
  SeatsBillingField field = SEATS_BILLING_FIELD_NONE;

  g_assert_false (seats_rules_check_billing_field (details, expected_field, &field_error));
  assert_rule_error (field_error, expected_code, expected_name);

  g_assert_false (seats_rules_check_billing_details (details, &field, &error));
  assert_rule_error (error, expected_code, expected_name);
  g_assert_cmpint (field, ==, expected_field);
  g_assert_cmpstr (error->message, ==, field_error->message);
}

static void
assert_billing_ok (const SeatsRuleBillingDetails *details)
{
  g_autoptr(GError) error = NULL;
  SeatsBillingField field = SEATS_BILLING_FIELD_CITY;

  g_assert_true (seats_rules_check_billing_details (details, &field, &error));
  g_assert_no_error (error);
  g_assert_cmpint (field, ==, SEATS_BILLING_FIELD_NONE);

  for (guint f = SEATS_BILLING_FIELD_NONE; f <= SEATS_BILLING_FIELD_LAST; f++)
    g_assert_true (seats_rules_check_billing_field (details, f, NULL));
}

static void
test_billing_contact (void)
{
  SeatsRuleBillingDetails details = valid_billing_details ();

  assert_billing_ok (&details);

  /* A typed address instead of a user. */
  details.contact_user_id = NULL;
  details.contact_email = "facturen@example.nl";
  assert_billing_ok (&details);
  details.contact_user_id = "";
  assert_billing_ok (&details);

  /* Both. */
  details.contact_user_id = "user-17";
  assert_billing_error (&details, SEATS_BILLING_FIELD_CONTACT,
                        SEATS_RULE_ERROR_CONTACT_AMBIGUOUS, "contact-ambiguous");

  /* Neither; blank counts as empty. */
  details.contact_user_id = NULL;
  details.contact_email = NULL;
  assert_billing_error (&details, SEATS_BILLING_FIELD_CONTACT,
                        SEATS_RULE_ERROR_CONTACT_REQUIRED, "contact-required");
  details.contact_user_id = " ";
  details.contact_email = "\t";
  assert_billing_error (&details, SEATS_BILLING_FIELD_CONTACT,
                        SEATS_RULE_ERROR_CONTACT_REQUIRED, "contact-required");

  /* A typed address that is not one. */
  details.contact_user_id = NULL;
  details.contact_email = "facturen at example.nl";
  assert_billing_error (&details, SEATS_BILLING_FIELD_CONTACT,
                        SEATS_RULE_ERROR_INVALID_EMAIL, "invalid-email");
}

static void
test_billing_postal_address (void)
{
  static const SeatsBillingField fields[] = {
    SEATS_BILLING_FIELD_STREET,
    SEATS_BILLING_FIELD_POSTAL_CODE,
    SEATS_BILLING_FIELD_CITY,
    SEATS_BILLING_FIELD_COUNTRY,
  };
  static const char * const words[] = { "street", "postal code", "city", "country" };
  static const char * const missing[] = { NULL, "", "   " };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      for (guint j = 0; j < G_N_ELEMENTS (missing); j++)
        {
          SeatsRuleBillingDetails details = valid_billing_details ();
          g_autoptr(GError) error = NULL;
          const char **values[] = {
            &details.street, &details.postal_code, &details.city, &details.country,
          };

          G_STATIC_ASSERT (G_N_ELEMENTS (values) == G_N_ELEMENTS (fields));
          *values[i] = missing[j];

          assert_billing_error (&details, fields[i], SEATS_RULE_ERROR_POSTAL_ADDRESS_REQUIRED,
                                "postal-address-required");

          /* The message names the field it is shown under. */
          g_assert_false (seats_rules_check_billing_field (&details, fields[i], &error));
          g_assert_nonnull (strstr (error->message, words[i]));

          /* E-invoicing does not make the postal address optional. */
          details.einvoice_enabled = TRUE;
          details.einvoice_address = "0007:5567321707";
          details.einvoice_operator = "PEPPOL";
          assert_billing_error (&details, fields[i], SEATS_RULE_ERROR_POSTAL_ADDRESS_REQUIRED,
                                "postal-address-required");
        }
    }
}

static void
test_billing_einvoice (void)
{
  SeatsRuleBillingDetails details = valid_billing_details ();
  g_autofree char *address70 = g_strnfill (70, '7');
  g_autofree char *address71 = g_strnfill (71, '7');
  g_autofree char *operator35 = g_strnfill (35, 'O');
  g_autofree char *operator36 = g_strnfill (36, 'O');

  /* Off: the e-invoice fields are not checked at all. */
  details.einvoice_address = "not checked while off";
  details.einvoice_operator = "!";
  assert_billing_ok (&details);

  details.einvoice_enabled = TRUE;
  details.einvoice_address = "0007:5567321707";
  details.einvoice_operator = "PEPPOL";
  assert_billing_ok (&details);

  /* Finnish OVT address and a BIC as operator. */
  details.einvoice_address = "003712345678";
  details.einvoice_operator = "BAWCFI22";
  assert_billing_ok (&details);

  /* Lengths at the limits. */
  details.einvoice_address = address70;
  details.einvoice_operator = operator35;
  assert_billing_ok (&details);
  details.einvoice_operator = "E2";
  assert_billing_ok (&details);

  details.einvoice_address = address71;
  assert_billing_error (&details, SEATS_BILLING_FIELD_EINVOICE_ADDRESS,
                        SEATS_RULE_ERROR_INVALID_EINVOICE_ADDRESS, "invalid-einvoice-address");
  details.einvoice_address = "0007 5567321707";
  assert_billing_error (&details, SEATS_BILLING_FIELD_EINVOICE_ADDRESS,
                        SEATS_RULE_ERROR_INVALID_EINVOICE_ADDRESS, "invalid-einvoice-address");
  details.einvoice_address = "0007;5567321707";
  assert_billing_error (&details, SEATS_BILLING_FIELD_EINVOICE_ADDRESS,
                        SEATS_RULE_ERROR_INVALID_EINVOICE_ADDRESS, "invalid-einvoice-address");
  details.einvoice_address = NULL;
  assert_billing_error (&details, SEATS_BILLING_FIELD_EINVOICE_ADDRESS,
                        SEATS_RULE_ERROR_EINVOICE_ADDRESS_REQUIRED, "einvoice-address-required");
  details.einvoice_address = "  ";
  assert_billing_error (&details, SEATS_BILLING_FIELD_EINVOICE_ADDRESS,
                        SEATS_RULE_ERROR_EINVOICE_ADDRESS_REQUIRED, "einvoice-address-required");

  details.einvoice_address = "0007:5567321707";
  details.einvoice_operator = NULL;
  assert_billing_error (&details, SEATS_BILLING_FIELD_EINVOICE_OPERATOR,
                        SEATS_RULE_ERROR_EINVOICE_OPERATOR_REQUIRED, "einvoice-operator-required");
  details.einvoice_operator = "";
  assert_billing_error (&details, SEATS_BILLING_FIELD_EINVOICE_OPERATOR,
                        SEATS_RULE_ERROR_EINVOICE_OPERATOR_REQUIRED, "einvoice-operator-required");
  details.einvoice_operator = "E";
  assert_billing_error (&details, SEATS_BILLING_FIELD_EINVOICE_OPERATOR,
                        SEATS_RULE_ERROR_INVALID_EINVOICE_OPERATOR, "invalid-einvoice-operator");
  details.einvoice_operator = operator36;
  assert_billing_error (&details, SEATS_BILLING_FIELD_EINVOICE_OPERATOR,
                        SEATS_RULE_ERROR_INVALID_EINVOICE_OPERATOR, "invalid-einvoice-operator");
  details.einvoice_operator = "BAWC FI22";
  assert_billing_error (&details, SEATS_BILLING_FIELD_EINVOICE_OPERATOR,
                        SEATS_RULE_ERROR_INVALID_EINVOICE_OPERATOR, "invalid-einvoice-operator");
  details.einvoice_operator = "op@example";
  assert_billing_error (&details, SEATS_BILLING_FIELD_EINVOICE_OPERATOR,
                        SEATS_RULE_ERROR_INVALID_EINVOICE_OPERATOR, "invalid-einvoice-operator");
}

static void
test_billing_field_order (void)
{
  SeatsRuleBillingDetails details = valid_billing_details ();
  g_autoptr(GError) error = NULL;
  SeatsBillingField field = SEATS_BILLING_FIELD_NONE;

  /* Everything wrong: the contact comes first, as on the form. */
  details.contact_user_id = NULL;
  details.city = NULL;
  details.einvoice_enabled = TRUE;
  g_assert_false (seats_rules_check_billing_details (&details, &field, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_CONTACT_REQUIRED, "contact-required");
  g_assert_cmpint (field, ==, SEATS_BILLING_FIELD_CONTACT);
  g_clear_error (&error);

  /* Then the city, then the e-invoice address; each field can be asked
   * for on its own. */
  details.contact_user_id = "user-1";
  g_assert_false (seats_rules_check_billing_details (&details, &field, &error));
  g_assert_cmpint (field, ==, SEATS_BILLING_FIELD_CITY);
  g_clear_error (&error);
  g_assert_false (seats_rules_check_billing_field (&details, SEATS_BILLING_FIELD_EINVOICE_ADDRESS,
                                                   NULL));
  g_assert_true (seats_rules_check_billing_field (&details, SEATS_BILLING_FIELD_STREET, NULL));

  details.city = "Göteborg";
  g_assert_false (seats_rules_check_billing_details (&details, &field, NULL));
  g_assert_cmpint (field, ==, SEATS_BILLING_FIELD_EINVOICE_ADDRESS);

  details.einvoice_address = "0007:5567321707";
  g_assert_false (seats_rules_check_billing_details (&details, NULL, NULL));
  g_assert_false (seats_rules_check_billing_details (&details, &field, NULL));
  g_assert_cmpint (field, ==, SEATS_BILLING_FIELD_EINVOICE_OPERATOR);
}

/* R18 */

static void
test_trial_days_left (void)
{
  GDate end = dmy (10, G_DATE_MARCH, 2024);
  GDate day;

  day = dmy (10, G_DATE_MARCH, 2024);
  g_assert_cmpuint (seats_rules_trial_days_left (&end, &day), ==, 1);
  day = dmy (9, G_DATE_MARCH, 2024);
  g_assert_cmpuint (seats_rules_trial_days_left (&end, &day), ==, 2);
  day = dmy (11, G_DATE_MARCH, 2024);
  g_assert_cmpuint (seats_rules_trial_days_left (&end, &day), ==, 0);
  day = dmy (1, G_DATE_JANUARY, 2025);
  g_assert_cmpuint (seats_rules_trial_days_left (&end, &day), ==, 0);
  /* February 28 and 29, then March 1 to 10: 12 days. */
  day = dmy (28, G_DATE_FEBRUARY, 2024);
  g_assert_cmpuint (seats_rules_trial_days_left (&end, &day), ==, 12);
}

static void
assert_serial_refused (const char *serial_number)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (seats_rules_check_trial_conversion (serial_number, "Bakkerij De Korenbloem",
                                                      &error));
  assert_rule_error (error, SEATS_RULE_ERROR_INVALID_SERIAL_NUMBER, "invalid-serial-number");
  g_assert_nonnull (strstr (error->message, "AB12-CD34-EF56-GH78"));
}

static void
assert_owner_refused (const char *license_owner)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (seats_rules_check_trial_conversion ("AB12-CD34-EF56-GH78", license_owner,
                                                      &error));
  assert_rule_error (error, SEATS_RULE_ERROR_LICENSE_OWNER_REQUIRED, "license-owner-required");
}

static void
test_trial_conversion (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (seats_rules_check_trial_conversion ("AB12-CD34-EF56-GH78",
                                                     "Bakkerij De Korenbloem", &error));
  g_assert_no_error (error);
  g_assert_true (seats_rules_check_trial_conversion ("0000-0000-0000-0000", "x", NULL));
  g_assert_true (seats_rules_check_trial_conversion ("ZZZZ-9999-AAAA-0000", " Bageri Lund ", NULL));

  /* Missing and empty. */
  assert_serial_refused (NULL);
  assert_serial_refused ("");
  /* One character short and one too many. */
  assert_serial_refused ("AB12-CD34-EF56-GH7");
  assert_serial_refused ("AB12-CD34-EF56-GH789");
  assert_serial_refused ("AB12CD34EF56GH78");
  /* Lower case is refused, not folded. */
  assert_serial_refused ("ab12-cd34-ef56-gh78");
  assert_serial_refused ("AB12-CD34-EF56-GH7h");
  /* Separators other than a hyphen, and a hyphen in the wrong place. */
  assert_serial_refused ("AB12 CD34 EF56 GH78");
  assert_serial_refused ("AB12_CD34-EF56-GH78");
  assert_serial_refused ("AB12-CD34-EF56–G7");
  assert_serial_refused ("AB1-2CD34-EF56-GH78");
  assert_serial_refused ("AB12-CD34-EF5--GH78");
  /* Characters outside capitals and digits. */
  assert_serial_refused ("ÅB12-CD34-EF56-GH7");
  assert_serial_refused ("AB12-CD34-EF56-GH7 ");

  /* The serial number is checked first. */
  g_clear_error (&error);
  g_assert_false (seats_rules_check_trial_conversion ("bad", NULL, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_INVALID_SERIAL_NUMBER, "invalid-serial-number");

  assert_owner_refused (NULL);
  assert_owner_refused ("");
  assert_owner_refused ("   ");
  assert_owner_refused (" \t\n");
}

/* R7 */

static void
test_module_next_period (void)
{
  g_autoptr(GError) error = NULL;

  /* 0 removes a module nobody holds: not a cancellation. */
  g_assert_true (seats_rules_check_module_next_period ("Payroll", 0, 0, &error));
  g_assert_no_error (error);
  /* Exactly the holders, and more. */
  g_assert_true (seats_rules_check_module_next_period ("Payroll", 3, 3, &error));
  g_assert_true (seats_rules_check_module_next_period ("Payroll", 10, 3, &error));
  g_assert_no_error (error);

  /* One below the holders: they are to be unassigned first. */
  g_assert_false (seats_rules_check_module_next_period ("Payroll", 2, 3, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_BELOW_COUNTED_USERS, "below-counted-users");
  g_assert_cmpstr (error->message, ==,
                   "3 users hold Payroll. Take the module from them first, "
                   "or keep at least 3 licenses.");
  g_clear_error (&error);

  g_assert_false (seats_rules_check_module_next_period ("Payroll", 0, 1, &error));
  g_assert_cmpstr (error->message, ==,
                   "1 user holds Payroll. Take the module from them first, "
                   "or keep at least 1 license.");
}

static void
test_module_assignment (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (seats_rules_check_module_assignment ("Payroll", 5, 4, &error));
  g_assert_no_error (error);
  g_assert_true (seats_rules_check_module_assignment ("Payroll", 1, 0, NULL));

  g_assert_false (seats_rules_check_module_assignment ("Payroll", 5, 5, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_NO_FREE_SEAT, "no-free-seat");
  g_assert_cmpstr (error->message, ==,
                   "All licenses of Payroll are assigned. Buy more, or take the module from "
                   "somebody first.");
  g_clear_error (&error);

  /* No licenses at all, and more holders than licenses after a lowered count. */
  g_assert_false (seats_rules_check_module_assignment ("Payroll", 0, 0, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_NO_FREE_SEAT, "no-free-seat");
  g_clear_error (&error);
  g_assert_false (seats_rules_check_module_assignment ("Payroll", 3, 7, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_NO_FREE_SEAT, "no-free-seat");
}

/* R7 for a selection: a license for each, or nobody gets the module. */
static void
test_module_assignments (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (seats_rules_check_module_assignments ("Payroll", 6, 3, 3, &error));
  g_assert_no_error (error);
  g_assert_true (seats_rules_check_module_assignments ("Payroll", 6, 3, 2, NULL));
  /* Nobody to give it to asks nothing. */
  g_assert_true (seats_rules_check_module_assignments ("Payroll", 6, 6, 0, NULL));

  /* One short: the message says how many are free and for how many. */
  g_assert_false (seats_rules_check_module_assignments ("Payroll", 6, 4, 3, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_NO_FREE_SEAT, "no-free-seat");
  g_assert_cmpstr (error->message, ==,
                   "Only 2 licenses of Payroll are free, for 3 users. Buy more, or choose "
                   "fewer users.");
  g_assert_cmpuint (seats_rule_error_get_figures (error)->added, ==, 3);
  g_clear_error (&error);
  g_assert_false (seats_rules_check_module_assignments ("Payroll", 6, 5, 2, &error));
  g_assert_cmpstr (error->message, ==,
                   "Only 1 license of Payroll is free, for 2 users. Buy more, or choose "
                   "fewer users.");
  g_clear_error (&error);

  /* None free: the message of one. */
  g_assert_false (seats_rules_check_module_assignments ("Payroll", 6, 6, 2, &error));
  g_assert_cmpstr (error->message, ==,
                   "All licenses of Payroll are assigned. Buy more, or take the module from "
                   "somebody first.");
  g_clear_error (&error);
  g_assert_false (seats_rules_check_module_assignments ("Payroll", 3, 7, 1, &error));
  assert_rule_error (error, SEATS_RULE_ERROR_NO_FREE_SEAT, "no-free-seat");
}

/* R1, R17: the end date is the last day; the day after, the user has left. */
static void
test_user_has_left (void)
{
  GDate today = dmy (1, G_DATE_DECEMBER, 2026);
  GDate yesterday = dmy (30, G_DATE_NOVEMBER, 2026);
  GDate tomorrow = dmy (2, G_DATE_DECEMBER, 2026);
  GDate no_end;

  g_date_clear (&no_end, 1);
  g_assert_true (seats_rules_user_has_left (&yesterday, &today));
  g_assert_false (seats_rules_user_has_left (&today, &today));
  g_assert_false (seats_rules_user_has_left (&tomorrow, &today));
  g_assert_false (seats_rules_user_has_left (NULL, &today));
  g_assert_false (seats_rules_user_has_left (&no_end, &today));
}

/* R20 */

static void
assert_cell (const char *text,
             const char *expected)
{
  g_autofree char *cell = seats_rules_csv_cell (text);

  g_assert_cmpstr (cell, ==, expected);
}

static void
test_csv_cell (void)
{
  assert_cell (NULL, "");
  assert_cell ("", "");
  assert_cell ("Anna de Vries", "Anna de Vries");
  assert_cell ("anna@example.nl", "anna@example.nl");
  assert_cell ("2026-11-22", "2026-11-22");
  assert_cell ("12", "12");

  /* RFC 4180 quoting. */
  assert_cell ("Vries, Anna de", "\"Vries, Anna de\"");
  assert_cell ("Anna \"Ans\" de Vries", "\"Anna \"\"Ans\"\" de Vries\"");
  assert_cell ("\"", "\"\"\"\"");
  assert_cell ("line\nbreak", "\"line\nbreak\"");
  assert_cell ("line\r\nbreak", "\"line\r\nbreak\"");
  /* Semicolons are separators in Dutch and Swedish spreadsheets. */
  assert_cell ("a;b", "\"a;b\"");

  /* Formula injection: a leading apostrophe, and quotes. */
  assert_cell ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"");
  assert_cell ("+31 20 123 4567", "\"'+31 20 123 4567\"");
  assert_cell ("-1", "\"'-1\"");
  assert_cell ("@SUM(A1:A9)", "\"'@SUM(A1:A9)\"");
  assert_cell ("\tcmd", "\"'\tcmd\"");
  assert_cell ("\rcmd", "\"'\rcmd\"");
  /* Only at the start. */
  assert_cell ("a=b", "a=b");
  assert_cell ("Jan-Erik", "Jan-Erik");
}

static void
test_csv_row (void)
{
  g_autoptr(GString) csv = g_string_new (NULL);
  const char * const header[] = { "Name", "E-mail", "Status", NULL };
  const char * const row[] = { "Vries, Anna de", "=cmd|' /C calc'!A0", "active", NULL };
  const char * const empty_cells[] = { "", NULL, };
  const char * const no_cells[] = { NULL };

  seats_rules_csv_append_row (csv, header);
  seats_rules_csv_append_row (csv, row);
  seats_rules_csv_append_row (csv, empty_cells);
  seats_rules_csv_append_row (csv, no_cells);

  g_assert_cmpstr (csv->str, ==,
                   "Name,E-mail,Status\r\n"
                   "\"Vries, Anna de\",\"'=cmd|' /C calc'!A0\",active\r\n"
                   "\r\n"
                   "\r\n");
}

/* Preconditions: programming errors are criticals, not refusals. */

static void
test_preconditions (void)
{
  GDate start = dmy (1, G_DATE_JANUARY, 2025);
  GDate end = dmy (1, G_DATE_FEBRUARY, 2025);
  GDate invalid;
  gint64 amount = 42;

  g_date_clear (&invalid, 1);

  g_test_expect_message ("seats-rules", G_LOG_LEVEL_CRITICAL, "*price_per_seat >= 0*");
  g_assert_false (seats_rules_prorated_price (1, -1, &start, &end, &start, &amount, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("seats-rules", G_LOG_LEVEL_CRITICAL, "*is_valid_date (today)*");
  g_assert_false (seats_rules_prorated_price (1, 100, &start, &end, &invalid, &amount, NULL));
  g_test_assert_expected_messages ();
  g_assert_cmpint (amount, ==, 42);

  g_test_expect_message ("seats-rules", G_LOG_LEVEL_CRITICAL, "*months > 0*");
  g_assert_false (seats_rules_period_end (&start, 0, &end, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("seats-rules", G_LOG_LEVEL_CRITICAL, "*is_valid_date (today)*");
  g_assert_false (seats_rules_user_counts (TRUE, NULL, &invalid));
  g_test_assert_expected_messages ();
}

/* Every refusal's message from its code and figures, as a client says a
 * server's refusal: each variant, the boundaries that choose it, and the
 * message without figures where they are missing or cannot be. */
static void
check_describe (SeatsRuleError          code,
                const SeatsRuleFigures *figures,
                const char             *expected)
{
  g_autofree char *message = seats_rule_error_describe (code, figures);

  g_assert_cmpstr (message, ==, expected);
}

static void
test_describe (void)
{
  const char *below_plain = "The number of licenses cannot be lower than the number of active "
                            "users. Deactivate users first, or keep more licenses.";
  const char *equal_plain = "The number of licenses must equal the number of active users. "
                            "Activate or deactivate users first, or change the number of licenses.";
  const char *surplus_plain = "More licenses are in use than the new license allows. Remove the "
                              "surplus licenses first. If the new counts are wrong, contact the "
                              "vendor instead of activating the license.";
  g_autoptr(GError) refusal = NULL;
  const SeatsRuleFigures *kept;
  SeatsRulePolicy policy;

  /* R3: the minimum, singular and plural, and 0 as no figure. */
  check_describe (SEATS_RULE_ERROR_BELOW_MINIMUM, &(SeatsRuleFigures) { .minimum = 1 },
                  "This subscription needs at least 1 license in a billing period. Enter a higher number.");
  check_describe (SEATS_RULE_ERROR_BELOW_MINIMUM, &(SeatsRuleFigures) { .minimum = 5 },
                  "This subscription needs at least 5 licenses in a billing period. Enter a higher number.");
  check_describe (SEATS_RULE_ERROR_BELOW_MINIMUM, &(SeatsRuleFigures) { .minimum = 0 },
                  "This subscription needs more licenses in a billing period. Enter a higher number.");
  check_describe (SEATS_RULE_ERROR_BELOW_MINIMUM, NULL,
                  "This subscription needs more licenses in a billing period. Enter a higher number.");

  /* R5 at_least_active: one user too many, several; counted == requested
   * and requested 0 are no refusal to describe with figures. */
  check_describe (SEATS_RULE_ERROR_BELOW_COUNTED_USERS,
                  &(SeatsRuleFigures) { .requested = 11, .counted = 12 },
                  "The number of licenses cannot be lower than the number of active users. "
                  "Deactivate 1 user first, or keep at least 12 licenses.");
  check_describe (SEATS_RULE_ERROR_BELOW_COUNTED_USERS,
                  &(SeatsRuleFigures) { .requested = 1, .counted = 3 },
                  "The number of licenses cannot be lower than the number of active users. "
                  "Deactivate 2 users first, or keep at least 3 licenses.");
  check_describe (SEATS_RULE_ERROR_BELOW_COUNTED_USERS,
                  &(SeatsRuleFigures) { .requested = 12, .counted = 12 }, below_plain);
  check_describe (SEATS_RULE_ERROR_BELOW_COUNTED_USERS,
                  &(SeatsRuleFigures) { .requested = 0, .counted = 12 }, below_plain);
  check_describe (SEATS_RULE_ERROR_BELOW_COUNTED_USERS, NULL, below_plain);

  /* R7: a module's holders, one and several; no holders is no refusal. */
  check_describe (SEATS_RULE_ERROR_BELOW_COUNTED_USERS,
                  &(SeatsRuleFigures) { .requested = 0, .counted = 1, .name = "Imaging" },
                  "1 user holds Imaging. Take the module from them first, or keep at least 1 license.");
  check_describe (SEATS_RULE_ERROR_BELOW_COUNTED_USERS,
                  &(SeatsRuleFigures) { .requested = 2, .counted = 4, .name = "Imaging" },
                  "4 users hold Imaging. Take the module from them first, or keep at least 4 licenses.");
  check_describe (SEATS_RULE_ERROR_BELOW_COUNTED_USERS,
                  &(SeatsRuleFigures) { .counted = 0, .name = "Imaging" }, below_plain);

  /* R5 equal_active: too few, too many, too many with the active users
   * below the minimum (the boundary: counted == minimum is not below). */
  check_describe (SEATS_RULE_ERROR_MUST_EQUAL_COUNTED_USERS,
                  &(SeatsRuleFigures) { .requested = 32, .counted = 33, .minimum = 1 },
                  "The number of licenses must equal the number of active users. "
                  "Deactivate 1 user first, or set the number of licenses to 33.");
  check_describe (SEATS_RULE_ERROR_MUST_EQUAL_COUNTED_USERS,
                  &(SeatsRuleFigures) { .requested = 34, .counted = 33, .minimum = 1 },
                  "The number of licenses must equal the number of active users. "
                  "Activate 1 more user first, or set the number of licenses to 33.");
  check_describe (SEATS_RULE_ERROR_MUST_EQUAL_COUNTED_USERS,
                  &(SeatsRuleFigures) { .requested = 5, .counted = 3, .minimum = 3 },
                  "The number of licenses must equal the number of active users. "
                  "Activate 2 more users first, or set the number of licenses to 3.");
  check_describe (SEATS_RULE_ERROR_MUST_EQUAL_COUNTED_USERS,
                  &(SeatsRuleFigures) { .requested = 5, .counted = 2, .minimum = 3 },
                  "The number of licenses must equal the number of active users. "
                  "Activate 3 more users first.");
  check_describe (SEATS_RULE_ERROR_MUST_EQUAL_COUNTED_USERS,
                  &(SeatsRuleFigures) { .requested = 1, .counted = 0, .minimum = 0 },
                  "The number of licenses must equal the number of active users. "
                  "Activate 1 more user first.");
  check_describe (SEATS_RULE_ERROR_MUST_EQUAL_COUNTED_USERS,
                  &(SeatsRuleFigures) { .requested = 33, .counted = 33 }, equal_plain);
  check_describe (SEATS_RULE_ERROR_MUST_EQUAL_COUNTED_USERS, NULL, equal_plain);

  /* R6 and R7: no free license, by policy, and of a module. */
  check_describe (SEATS_RULE_ERROR_NO_FREE_SEAT,
                  &(SeatsRuleFigures) { .seat_floor = SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE },
                  "There is no free license for this user. Buy more licenses first, then activate the user.");
  check_describe (SEATS_RULE_ERROR_NO_FREE_SEAT,
                  &(SeatsRuleFigures) { .seat_floor = SEATS_SEAT_FLOOR_EQUAL_ACTIVE },
                  "There is no free license for this user. Raise the number of licenses first, then "
                  "activate the user.");
  check_describe (SEATS_RULE_ERROR_NO_FREE_SEAT, NULL,
                  "There is no free license for this user. Buy more licenses first, then activate the user.");
  check_describe (SEATS_RULE_ERROR_NO_FREE_SEAT, &(SeatsRuleFigures) { .name = "Imaging" },
                  "All licenses of Imaging are assigned. Buy more, or take the module from somebody first.");

  /* R8: several products, one named, one unnamed, one without a surplus. */
  check_describe (SEATS_RULE_ERROR_LICENSE_BELOW_IN_USE, &(SeatsRuleFigures) { .products = 2 },
                  "2 products have more licenses in use than the new license allows. Remove the "
                  "surplus licenses first. If the new counts are wrong, contact the vendor instead "
                  "of activating the license.");
  check_describe (SEATS_RULE_ERROR_LICENSE_BELOW_IN_USE,
                  &(SeatsRuleFigures) { .products = 1, .surplus = 1, .name = "CRM" },
                  "Remove 1 surplus license of “CRM” before activating the new license. If the new "
                  "count is wrong, contact the vendor instead of activating it.");
  check_describe (SEATS_RULE_ERROR_LICENSE_BELOW_IN_USE,
                  &(SeatsRuleFigures) { .products = 1, .surplus = 3, .name = " " },
                  "Remove 3 surplus licenses before activating the new license. If the new count "
                  "is wrong, contact the vendor instead of activating it.");
  check_describe (SEATS_RULE_ERROR_LICENSE_BELOW_IN_USE,
                  &(SeatsRuleFigures) { .products = 1, .surplus = 0 }, surplus_plain);
  check_describe (SEATS_RULE_ERROR_LICENSE_BELOW_IN_USE, NULL, surplus_plain);

  /* Codes without figures say the same with or without them. */
  for (guint code = 0; code <= SEATS_RULE_ERROR_LICENSE_OWNER_REQUIRED; code++)
    {
      g_autofree char *message = seats_rule_error_describe (code, NULL);

      g_assert_nonnull (message);
      g_assert_cmpuint (strlen (message), >, 10);
    }

  /* A refusal keeps its figures, for the server to send along, and they
   * survive a copy. */
  seats_rule_policy_init (&policy);
  g_assert_false (seats_rules_check_next_period (&policy, 20, 33, NULL, &refusal));
  kept = seats_rule_error_get_figures (refusal);
  g_assert_nonnull (kept);
  g_assert_cmpuint (kept->requested, ==, 20);
  g_assert_cmpuint (kept->counted, ==, 33);
  g_assert_cmpuint (kept->minimum, ==, 1);
  g_assert_cmpint (kept->seat_floor, ==, SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE);
  {
    g_autoptr(GError) copy = g_error_copy (refusal);
    g_autoptr(GError) module = NULL;
    g_autoptr(GError) plain = g_error_new_literal (SEATS_RULE_ERROR, SEATS_RULE_ERROR_OVERFLOW, "x");
    g_autofree char *again = seats_rule_error_describe (refusal->code, seats_rule_error_get_figures (copy));

    g_assert_cmpstr (again, ==, refusal->message);
    g_assert_false (seats_rules_check_module_next_period ("Imaging", 1, 2, &module));
    g_assert_cmpstr (seats_rule_error_get_figures (module)->name, ==, "Imaging");
    g_assert_null (seats_rule_error_get_figures (plain));
    g_assert_null (seats_rule_error_get_figures (NULL));
  }
}

/* Translations */

static void
check_in_language (const char *language,
                   const char *locale,
                   const char *expected_one,
                   const char *expected_three)
{
  g_autoptr(GError) one = NULL;
  g_autoptr(GError) three = NULL;

  g_setenv ("LANGUAGE", language, TRUE);
  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_test_skip ("The locale of the language is not installed");
      return;
    }

  one = refuse_next (SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, 1, 11, 12);
  three = refuse_next (SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, 1, 9, 12);

  setlocale (LC_ALL, "C");
  g_unsetenv ("LANGUAGE");

  g_assert_cmpstr (one->message, ==, expected_one);
  g_assert_cmpstr (three->message, ==, expected_three);
}

static char *
serial_message_in (const char *language,
                   const char *locale)
{
  g_autoptr(GError) error = NULL;

  g_setenv ("LANGUAGE", language, TRUE);
  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_unsetenv ("LANGUAGE");
      return NULL;
    }
  seats_rules_check_trial_conversion ("ab12-cd34-ef56-gh78", "Owner", &error);
  setlocale (LC_ALL, "C");
  g_unsetenv ("LANGUAGE");

  g_assert_nonnull (error);
  return g_strdup (error->message);
}

static void
test_translation_trial (void)
{
  g_autofree char *nl = serial_message_in ("nl", "nl_NL.UTF-8");
  g_autofree char *sv = serial_message_in ("sv", "sv_SE.UTF-8");

  if (nl == NULL || sv == NULL)
    {
      g_test_skip ("The locales of the languages are not installed");
      return;
    }

  g_assert_true (g_str_has_prefix (nl, "Voer het serienummer in"));
  g_assert_true (g_str_has_prefix (sv, "Ange serienumret"));
}

static void
test_translation_nl (void)
{
  check_in_language ("nl", "nl_NL.UTF-8",
                     "Het aantal licenties kan niet lager zijn dan het aantal actieve "
                     "gebruikers. Deactiveer eerst 1 gebruiker, of houd minstens 12 licenties.",
                     "Het aantal licenties kan niet lager zijn dan het aantal actieve "
                     "gebruikers. Deactiveer eerst 3 gebruikers, of houd minstens 12 licenties.");
}

static void
test_translation_sv (void)
{
  check_in_language ("sv", "sv_SE.UTF-8",
                     "Antalet licenser kan inte vara lägre än antalet aktiva användare. "
                     "Inaktivera först 1 användare, eller behåll minst 12 licenser.",
                     "Antalet licenser kan inte vara lägre än antalet aktiva användare. "
                     "Inaktivera först 3 användare, eller behåll minst 12 licenser.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The messages are asserted in English, except in the translation tests. */
  setlocale (LC_ALL, "C");
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/rules/error-codes", test_error_codes);
  g_test_add_func ("/rules/error-describe", test_describe);
  g_test_add_func ("/rules/policy-defaults", test_policy_defaults);
  g_test_add_func ("/rules/r5/describe-policy", test_describe_policy);
  g_test_add_func ("/rules/monthly-price", test_monthly_price);
  g_test_add_func ("/rules/r5/advise-now", test_advise_now);
  g_test_add_func ("/rules/r5/advise-next", test_advise_next);
  g_test_add_func ("/rules/r1/user-counts", test_user_counts);
  g_test_add_func ("/rules/r1/future-start", test_user_counts_future_start);
  g_test_add_func ("/rules/period/end", test_period_end);
  g_test_add_func ("/rules/period/containing", test_period_containing);
  g_test_add_func ("/rules/r2/31-day-month", test_prorate_31_day_month);
  g_test_add_func ("/rules/r2/30-day-month", test_prorate_30_day_month);
  g_test_add_func ("/rules/r2/28-day-month", test_prorate_28_day_month);
  g_test_add_func ("/rules/r2/leap-february", test_prorate_leap_february);
  g_test_add_func ("/rules/r2/annual-and-quarterly", test_prorate_annual_and_quarterly);
  g_test_add_func ("/rules/r2/rounding", test_prorate_rounding);
  g_test_add_func ("/rules/r2/overflow", test_prorate_overflow);
  g_test_add_func ("/rules/r2/refusals", test_prorate_refusals);
  g_test_add_func ("/rules/r3/zero-cancels", test_next_period_zero_cancels);
  g_test_add_func ("/rules/r3/minimum", test_next_period_minimum);
  g_test_add_func ("/rules/r5/at-least-active", test_next_period_at_least_active);
  g_test_add_func ("/rules/r5/equal-active", test_next_period_equal_active);
  g_test_add_func ("/rules/r5/grace", test_next_period_grace);
  g_test_add_func ("/rules/r5/none", test_seat_floor_none);
  g_test_add_func ("/rules/r4/purchase", test_purchase_next_period);
  g_test_add_func ("/rules/r2/proration-days", test_proration_days);
  g_test_add_func ("/rules/r2-r4/quote", test_quote_purchase);
  g_test_add_func ("/rules/r7/module-assignments", test_module_assignments);
  g_test_add_func ("/rules/r1/user-has-left", test_user_has_left);
  g_test_add_func ("/rules/r12/monthly-price", test_monthly_price_after_switch);
  g_test_add_func ("/rules/r5/grace-deadline", test_grace_deadline);
  g_test_add_func ("/rules/r5/deactivation-day", test_deactivation_day);
  g_test_add_func ("/rules/calendar", test_calendar_dates);
  g_test_add_func ("/rules/r5/grace-users", test_grace_users);
  g_test_add_func ("/rules/r5/grace-users-ties", test_grace_users_ties);
  g_test_add_func ("/rules/r6/free-seat", test_activation_free_seat);
  g_test_add_func ("/rules/r6/no-free-seat", test_activation_no_free_seat);
  g_test_add_func ("/rules/r8/surplus", test_license_surplus);
  g_test_add_func ("/rules/r8/changed", test_license_changed);
  g_test_add_func ("/rules/r8/pending-license", test_pending_license);
  g_test_add_func ("/rules/r13/email", test_email);
  g_test_add_func ("/rules/r13/contact", test_billing_contact);
  g_test_add_func ("/rules/r13/postal-address", test_billing_postal_address);
  g_test_add_func ("/rules/r13/einvoice", test_billing_einvoice);
  g_test_add_func ("/rules/r13/field-order", test_billing_field_order);
  g_test_add_func ("/rules/r7/module-assignment", test_module_assignment);
  g_test_add_func ("/rules/r7/module-next-period", test_module_next_period);
  g_test_add_func ("/rules/r18/trial-days-left", test_trial_days_left);
  g_test_add_func ("/rules/r18/trial-conversion", test_trial_conversion);
  g_test_add_func ("/rules/r20/csv-cell", test_csv_cell);
  g_test_add_func ("/rules/r20/csv-row", test_csv_row);
  g_test_add_func ("/rules/preconditions", test_preconditions);
  g_test_add_func ("/rules/i18n/nl", test_translation_nl);
  g_test_add_func ("/rules/i18n/sv", test_translation_sv);
  g_test_add_func ("/rules/i18n/trial", test_translation_trial);

  return g_test_run ();
}
