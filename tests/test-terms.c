/* test-terms.c: the terms of a subscription kept by hand
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "seats-domain.h"

static SeatsTerms *
valid_terms (void)
{
  SeatsTerms *terms = seats_terms_new ();

  terms->vendor = g_strdup ("TimeLog");
  terms->product = g_strdup ("TimeLog PSA");
  g_free (terms->currency);
  terms->currency = g_strdup ("DKK");
  terms->purchased = 12;
  terms->next_period = 12;
  terms->price = 34900;
  terms->period_months = 1;
  terms->period_start = seats_julian_from_ymd (2026, 11, 1);
  terms->notice_days = 14;

  return terms;
}

static void
assert_refused (SeatsTerms      *terms,
                guint            counted,
                SeatsTermsField  expected)
{
  g_autoptr(GError) error = NULL;
  SeatsTermsField field = SEATS_TERMS_FIELD_NONE;

  g_assert_false (seats_terms_check (terms, counted, &field, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpint (field, ==, expected);
}

/* Every term refused on its own, beside its field, and the boundaries. */
static void
test_check (void)
{
  g_autoptr(SeatsTerms) terms = valid_terms ();
  g_autoptr(GError) error = NULL;
  SeatsTermsField field = SEATS_TERMS_FIELD_PRICE;

  g_assert_true (seats_terms_check (terms, 12, &field, &error));
  g_assert_no_error (error);
  g_assert_cmpint (field, ==, SEATS_TERMS_FIELD_NONE);

#define TRY(member, value, counted, expected) \
  G_STMT_START { \
    g_autoptr(SeatsTerms) t = valid_terms (); \
    t->member = value; \
    assert_refused (t, counted, expected); \
  } G_STMT_END
#define TRY_TEXT(member, value, expected) \
  G_STMT_START { \
    g_autoptr(SeatsTerms) t = valid_terms (); \
    g_free (t->member); \
    t->member = g_strdup (value); \
    assert_refused (t, 12, expected); \
  } G_STMT_END

  TRY_TEXT (vendor, "  ", SEATS_TERMS_FIELD_VENDOR);
  TRY_TEXT (product, NULL, SEATS_TERMS_FIELD_PRODUCT);
  TRY_TEXT (currency, "eur", SEATS_TERMS_FIELD_CURRENCY);
  TRY_TEXT (currency, "EURO", SEATS_TERMS_FIELD_CURRENCY);
  TRY (price, -1, 12, SEATS_TERMS_FIELD_PRICE);
  TRY (period_months, 2, 12, SEATS_TERMS_FIELD_PERIOD);
  TRY (period_start, SEATS_JULIAN_NONE, 12, SEATS_TERMS_FIELD_PERIOD);
  /* November has 30 days: a notice of 30 is the whole period. */
  TRY (notice_days, 30, 12, SEATS_TERMS_FIELD_NOTICE);
  TRY_TEXT (reseller_name, "Partner", SEATS_TERMS_FIELD_RESELLER);
  TRY_TEXT (portal_url, "ftp://portal.example", SEATS_TERMS_FIELD_PORTAL);
  /* R3, R5: not below the users who count; 0 cancels. */
  TRY (next_period, 11, 12, SEATS_TERMS_FIELD_NEXT_PERIOD);
  TRY (next_period, 0, 0, SEATS_TERMS_FIELD_NEXT_PERIOD);
#undef TRY
#undef TRY_TEXT

  {
    g_autoptr(SeatsTerms) t = valid_terms ();

    /* The boundaries that pass. */
    t->price = 0;
    t->notice_days = 29;
    t->next_period = 12;
    t->reseller_name = g_strdup ("Partner");
    t->reseller_url = g_strdup ("https://partner.example/");
    t->portal_url = g_strdup ("https://portal.example/buy");
    g_assert_true (seats_terms_check (t, 12, NULL, NULL));

    /* A grace rule needs its days; no rule allows any count. */
    t->seat_floor = SEATS_SEAT_FLOOR_GRACE;
    t->grace_days = 0;
    assert_refused (t, 12, SEATS_TERMS_FIELD_GRACE);
    t->grace_days = 366;
    t->next_period = 3;
    g_assert_true (seats_terms_check (t, 12, NULL, NULL));
    t->seat_floor = SEATS_SEAT_FLOOR_NONE;
    g_assert_true (seats_terms_check (t, 12, NULL, NULL));
    t->seat_floor = SEATS_SEAT_FLOOR_EQUAL_ACTIVE;
    assert_refused (t, 12, SEATS_TERMS_FIELD_NEXT_PERIOD);
  }
}

/* Applied to an account, the terms are what its pages show, and read back
 * they are the same terms. */
static void
test_apply (void)
{
  g_autoptr(SeatsTerms) terms = valid_terms ();
  g_autoptr(SeatsTerms) back = NULL;
  g_autoptr(SeatsAccount) account = seats_account_new ();
  g_auto(SeatsSnapshot) snapshot = { 0 };
  g_autoptr(SeatsProduct) seats = NULL;

  seats_snapshot_init (&snapshot);
  seats_account_set_id (account, "kept-1");
  seats_account_set_source (account, SEATS_ACCOUNT_SOURCE_MANUAL);
  snapshot.account = g_object_ref (account);

  terms->seat_floor = SEATS_SEAT_FLOOR_GRACE;
  terms->grace_days = 10;
  terms->reseller_name = g_strdup ("Partner");
  terms->reseller_url = g_strdup ("https://partner.example/");
  seats_terms_apply (terms, &snapshot);

  g_assert_cmpstr (seats_account_get_id (snapshot.account), ==, "kept-1");
  g_assert_cmpint (seats_account_get_source (snapshot.account), ==, SEATS_ACCOUNT_SOURCE_MANUAL);
  g_assert_cmpstr (seats_account_get_name (snapshot.account), ==, "TimeLog");
  g_assert_cmpint (seats_account_get_role (snapshot.account), ==, SEATS_ROLE_ADMIN);
  g_assert_true (seats_policy_is_resold (seats_account_get_policy (snapshot.account)));
  g_assert_cmpuint (seats_subscription_get_period_end_julian (snapshot.subscription), ==,
                    seats_julian_from_ymd (2026, 12, 1));
  g_assert_cmpint (seats_subscription_get_monthly_price (snapshot.subscription), ==, 12 * 34900);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (snapshot.products)), ==, 1);
  seats = g_list_model_get_item (G_LIST_MODEL (snapshot.products), 0);
  g_assert_cmpstr (seats_product_get_id (seats), ==, SEATS_TERMS_PRODUCT_ID);
  g_assert_cmpstr (seats_product_get_name (seats), ==, "TimeLog PSA");
  g_assert_cmpuint (seats_product_get_purchased (seats), ==, 12);

  back = seats_terms_from_snapshot (&snapshot);
  g_assert_nonnull (back);
  g_assert_true (seats_terms_equal (terms, back));

  /* Applied again, the product is replaced, not added. */
  back->purchased = 15;
  seats_terms_apply (back, &snapshot);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (snapshot.products)), ==, 1);
}

static void
test_variant (void)
{
  g_autoptr(SeatsTerms) terms = valid_terms ();
  g_autoptr(SeatsTerms) back = NULL;
  g_autoptr(GVariant) variant = NULL;

  terms->portal_url = g_strdup ("https://portal.example/");
  variant = g_variant_ref_sink (seats_terms_to_variant (terms));
  back = seats_terms_from_variant (variant);
  g_assert_nonnull (back);
  g_assert_true (seats_terms_equal (terms, back));
  {
    g_autoptr(GVariant) other = g_variant_ref_sink (g_variant_new_string ("no terms"));

    g_assert_null (seats_terms_from_variant (other));
  }
}

/* The last day a change of the next period's count is in time: the notice
 * before the period turns, and at the latest its last day. */
static void
test_notice_date (void)
{
  g_assert_cmpuint (seats_rules_notice_date (seats_julian_from_ymd (2027, 1, 1), 0), ==,
                    seats_julian_from_ymd (2026, 12, 31));
  g_assert_cmpuint (seats_rules_notice_date (seats_julian_from_ymd (2027, 1, 1), 1), ==,
                    seats_julian_from_ymd (2026, 12, 31));
  g_assert_cmpuint (seats_rules_notice_date (seats_julian_from_ymd (2027, 1, 1), 30), ==,
                    seats_julian_from_ymd (2026, 12, 2));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/terms/check", test_check);
  g_test_add_func ("/terms/apply", test_apply);
  g_test_add_func ("/terms/variant", test_variant);
  g_test_add_func ("/terms/notice-date", test_notice_date);

  return g_test_run ();
}
