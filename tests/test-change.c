/* test-change.c: changes as values, checked by the one domain function
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "seats-domain.h"

/* 16 November 2026, in a period of November: 15 of 30 days left. */
#define TODAY_YMD 2026, 11, 16

typedef struct
{
  SeatsSnapshot snapshot;
  GDate         today;
} Fixture;

static SeatsProduct *
add_product (Fixture          *fixture,
             const char       *id,
             SeatsProductKind  kind,
             guint            purchased,
             guint            in_use,
             guint            next_period)
{
  g_autoptr(SeatsProduct) product = seats_product_new ();

  seats_product_set_id (product, id);
  seats_product_set_name (product, id);
  seats_product_set_kind (product, kind);
  seats_product_set_purchased (product, purchased);
  seats_product_set_in_use (product, in_use);
  seats_product_set_next_period (product, next_period);
  seats_product_set_price (product, 3000);
  seats_product_set_currency (product, "EUR");
  g_list_store_append (fixture->snapshot.products, product);

  return product;
}

static SeatsUser *
add_user (Fixture    *fixture,
          const char *id,
          gboolean    active,
          int         end_in_days,
          const char *module)
{
  g_autoptr(SeatsUser) user = seats_user_new ();
  g_autofree char *version = g_strdup_printf ("W/\"v-%s\"", id);
  const char *modules[] = { module, NULL };

  seats_user_set_id (user, id);
  seats_user_set_user_name (user, id);
  seats_user_set_active (user, active);
  seats_user_set_version (user, version);
  if (end_in_days != G_MININT)
    seats_user_set_end_date_julian (user, g_date_get_julian (&fixture->today) + end_in_days);
  if (module != NULL)
    seats_user_set_modules (user, modules);
  seats_user_list_append (fixture->snapshot.users, user);

  return user;
}

static void
set_floor (Fixture        *fixture,
           SeatsSeatFloor  floor)
{
  seats_policy_set_seat_floor (seats_account_get_policy (fixture->snapshot.account), floor);
}

/* An administrator's account at least as many licenses as users who
 * count: 10 user licenses, 8 in use; a module of 3, 2 held; an integration;
 * users a (active), b (active, holds the module), c (inactive), d
 * (inactive, left yesterday), e (active, leaves today). */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SeatsPolicy) policy = seats_policy_new ();
  g_autoptr(SeatsFeature) feature = g_object_new (SEATS_TYPE_FEATURE,
                                                  "id", "ideal",
                                                  "name", "iDEAL",
                                                  "kind", SEATS_FEATURE_KIND_INTEGRATION,
                                                  "monthly-fee", (gint64) 900,
                                                  "enabled", FALSE,
                                                  NULL);
  g_autoptr(SeatsBillingDetails) billing = seats_billing_details_new ();

  g_date_clear (&fixture->today, 1);
  g_date_set_dmy (&fixture->today, 16, G_DATE_NOVEMBER, 2026);

  seats_snapshot_init (&fixture->snapshot);
  fixture->snapshot.account = seats_account_new ();
  seats_account_set_id (fixture->snapshot.account, "org-1");
  seats_account_set_role (fixture->snapshot.account, SEATS_ROLE_ADMIN);
  seats_policy_set_seat_floor (policy, SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE);
  seats_account_set_policy (fixture->snapshot.account, policy);

  fixture->snapshot.subscription = seats_subscription_new ();
  seats_subscription_set_period_start_julian (fixture->snapshot.subscription,
                                              seats_julian_from_ymd (2026, 11, 1));
  seats_subscription_set_period_end_julian (fixture->snapshot.subscription,
                                            seats_julian_from_ymd (2026, 12, 1));
  seats_subscription_set_period_months (fixture->snapshot.subscription, 1);
  seats_subscription_set_monthly_price (fixture->snapshot.subscription, 30000);

  add_product (fixture, "seats", SEATS_PRODUCT_KIND_USER_SEATS, 10, 8, 10);
  add_product (fixture, "imaging", SEATS_PRODUCT_KIND_MODULE, 3, 2, 3);
  add_product (fixture, "bank", SEATS_PRODUCT_KIND_INTEGRATION, 0, 0, 0);

  add_user (fixture, "a", TRUE, G_MININT, NULL);
  add_user (fixture, "b", TRUE, G_MININT, "imaging");
  add_user (fixture, "c", FALSE, G_MININT, NULL);
  add_user (fixture, "d", FALSE, -1, NULL);
  add_user (fixture, "e", TRUE, 0, NULL);

  g_list_store_append (fixture->snapshot.features, feature);

  seats_billing_details_set_contact_email (billing, "finance@example.test");
  seats_billing_details_set_street (billing, "Dorpsstraat 1");
  seats_billing_details_set_postal_code (billing, "1234 AB");
  seats_billing_details_set_city (billing, "Zwolle");
  seats_billing_details_set_country (billing, "NL");
  fixture->snapshot.billing_details = g_object_ref (billing);

  g_hash_table_insert (fixture->snapshot.sync.etags, g_strdup ("product:imaging"), g_strdup ("\"p7\""));
  g_hash_table_insert (fixture->snapshot.sync.etags, g_strdup ("feature:ideal"), g_strdup ("\"f2\""));
  g_hash_table_insert (fixture->snapshot.sync.etags, g_strdup ("billing"), g_strdup ("\"b5\""));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  seats_snapshot_clear (&fixture->snapshot);
}

static SeatsChange *
check (Fixture             *fixture,
       SeatsChange         *change,
       SeatsChangeOutcome  *outcome,
       GError             **error)
{
  SeatsChangeOutcome unused;

  return seats_change_check (change, &fixture->snapshot, &fixture->today,
                             outcome != NULL ? outcome : &unused, error);
}

/* Checks a change made for the purpose, and drops it. */
static SeatsChange *
check_owned (Fixture             *fixture,
             SeatsChange         *change,
             SeatsChangeOutcome  *outcome,
             GError             **error)
{
  g_autoptr(SeatsChange) owned = change;

  return check (fixture, owned, outcome, error);
}

static const char *ids_ab[] = { "a", "b", NULL };

/* R15, R10: a viewer changes nothing; a subscription bought through a
 * reseller is changed there, and its users here; an account never synced
 * cannot be checked against. */
static void
test_who_may_change (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SeatsChange) change = seats_change_new_users_active (ids_ab, FALSE);
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(GError) error = NULL;
  SeatsPolicy *policy = seats_account_get_policy (fixture->snapshot.account);
  g_autoptr(SeatsAccount) account = NULL;

  g_assert_true (seats_snapshot_can_change (&fixture->snapshot, SEATS_CHANGE_BUY, NULL));

  seats_account_set_role (fixture->snapshot.account, SEATS_ROLE_VIEWER);
  g_assert_null (check (fixture, change, NULL, &error));
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  seats_account_set_role (fixture->snapshot.account, SEATS_ROLE_ADMIN);

  seats_policy_set_reseller_name (policy, "Visma.net");
  seats_policy_set_reseller_url (policy, "https://reseller.example.test");
  {
    g_autoptr(SeatsChange) buy = seats_change_new_buy ("seats", 1);

    g_assert_null (check (fixture, buy, NULL, &error));
    g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_ALLOWED);
    g_assert_nonnull (strstr (error->message, "Visma.net"));
    g_assert_nonnull (strstr (error->message, "https://reseller.example.test"));
    g_clear_error (&error);
  }
  checked = check (fixture, change, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (checked);
  g_clear_pointer (&checked, seats_change_unref);
  for (SeatsChangeKind kind = SEATS_CHANGE_BUY; kind <= SEATS_CHANGE_CONVERT_TRIAL; kind++)
    {
      gboolean users = kind == SEATS_CHANGE_USERS_ACTIVE || kind == SEATS_CHANGE_MODULE;

      g_test_message ("kind %d", kind);
      g_assert_true (seats_change_kind_is_subscription (kind) == !users);
      g_assert_true (seats_snapshot_can_change (&fixture->snapshot, kind, NULL) == users);
    }
  seats_policy_set_reseller_name (policy, NULL);
  seats_policy_set_reseller_url (policy, NULL);

  account = g_steal_pointer (&fixture->snapshot.account);
  g_assert_null (check (fixture, change, NULL, &error));
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  fixture->snapshot.account = g_steal_pointer (&account);

  checked = check (fixture, change, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (checked);
}

/* R2, R4 through the change: the quote, and what is not for sale. */
static void
test_buy (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(SeatsChange) buy = seats_change_new_buy ("seats", 3);
  g_autoptr(SeatsChange) none = seats_change_new_buy ("seats", 0);
  g_autoptr(SeatsChange) integration = seats_change_new_buy ("bank", 1);
  g_autoptr(SeatsChange) unknown = seats_change_new_buy ("nope", 1);
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(GError) error = NULL;
  SeatsChangeOutcome outcome;

  checked = check (fixture, buy, &outcome, &error);
  g_assert_no_error (error);
  g_assert_true (checked == buy);
  g_assert_cmpuint (outcome.quote.quantity, ==, 3);
  g_assert_cmpuint (outcome.quote.remaining_days, ==, 15);
  g_assert_cmpuint (outcome.quote.period_days, ==, 30);
  /* 3 × 30.00 × 15/30 */
  g_assert_cmpint (outcome.quote.amount, ==, 4500);
  g_assert_cmpuint (outcome.quote.purchased_after, ==, 13);
  g_assert_cmpuint (outcome.quote.next_after, ==, 13);

  g_assert_null (check (fixture, none, NULL, &error));
  g_assert_error (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_NOTHING_TO_BUY);
  g_clear_error (&error);

  g_assert_null (check (fixture, integration, NULL, &error));
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE);
  g_assert_nonnull (strstr (error->message, "not licenses to buy"));
  g_clear_error (&error);

  g_assert_null (check (fixture, unknown, NULL, &error));
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Without a billing period there is no price. */
  g_clear_object (&fixture->snapshot.subscription);
  g_assert_null (check (fixture, buy, NULL, &error));
  g_assert_error (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_INVALID_PERIOD);
}

/* R3, R5, R7 through the change. */
static void
test_next_period (Fixture       *fixture,
                  gconstpointer  data)
{
  struct {
    const char     *product;
    SeatsSeatFloor  floor;
    guint           count;
    GQuark          domain;
    int             code;
    guint           over;
  } cases[] = {
    /* At the users who count: allowed; one below: refused. */
    { "seats", SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, 8, 0, 0, 0 },
    { "seats", SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, 7, SEATS_RULE_ERROR, SEATS_RULE_ERROR_BELOW_COUNTED_USERS, 0 },
    { "seats", SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, 0, SEATS_RULE_ERROR, SEATS_RULE_ERROR_CANCELS_SUBSCRIPTION, 0 },
    { "seats", SEATS_SEAT_FLOOR_EQUAL_ACTIVE, 9, SEATS_RULE_ERROR, SEATS_RULE_ERROR_MUST_EQUAL_COUNTED_USERS, 0 },
    { "seats", SEATS_SEAT_FLOOR_EQUAL_ACTIVE, 8, 0, 0, 0 },
    /* Grace allows fewer, and says how many fewer. */
    { "seats", SEATS_SEAT_FLOOR_GRACE, 6, 0, 0, 2 },
    /* A module may go to its holders, and to 0 only without them. */
    { "imaging", SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, 2, 0, 0, 0 },
    { "imaging", SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, 1, SEATS_RULE_ERROR, SEATS_RULE_ERROR_BELOW_COUNTED_USERS, 0 },
    { "bank", SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, 1, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE, 0 },
    { "nope", SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, 1, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_FOUND, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SeatsChange) change = seats_change_new_next_period (cases[i].product, cases[i].count);
      g_autoptr(SeatsChange) checked = NULL;
      g_autoptr(GError) error = NULL;
      SeatsChangeOutcome outcome;

      g_test_message ("case %u", i);
      set_floor (fixture, cases[i].floor);
      checked = check (fixture, change, &outcome, &error);
      if (cases[i].domain == 0)
        {
          g_assert_no_error (error);
          g_assert_true (checked == change);
          g_assert_cmpuint (outcome.over, ==, cases[i].over);
        }
      else
        {
          g_assert_null (checked);
          g_assert_error (error, cases[i].domain, cases[i].code);
        }
    }
}

/* R5 grace: the users over the next period's count keep their licenses
 * for the policy's grace days from the start of the next period, a server's
 * 0 days included; no deadline without users over the count or without a
 * known period. */
static void
test_next_period_deadline (Fixture       *fixture,
                           gconstpointer  data)
{
  struct {
    guint    grace_days;
    guint    count;
    gboolean subscription;
    guint32  deadline;
  } cases[] = {
    { 7, 6, TRUE, 0 },
    { 0, 6, TRUE, 0 },
    { 30, 7, TRUE, 0 },
    { 7, 8, TRUE, SEATS_JULIAN_NONE },
    { 7, 6, FALSE, SEATS_JULIAN_NONE },
  };
  g_autoptr(SeatsSubscription) subscription = g_object_ref (fixture->snapshot.subscription);
  guint32 period_end = seats_subscription_get_period_end_julian (subscription);

  /* 2026-12-01 plus the grace days: the last day of grace. */
  cases[0].deadline = period_end + 7;
  cases[1].deadline = period_end;
  cases[2].deadline = period_end + 30;

  set_floor (fixture, SEATS_SEAT_FLOOR_GRACE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SeatsChange) change = seats_change_new_next_period ("seats", cases[i].count);
      g_autoptr(SeatsChange) checked = NULL;
      g_autoptr(GError) error = NULL;
      SeatsChangeOutcome outcome;

      g_test_message ("case %u", i);
      seats_policy_set_grace_days (seats_account_get_policy (fixture->snapshot.account),
                                   cases[i].grace_days);
      g_clear_object (&fixture->snapshot.subscription);
      if (cases[i].subscription)
        fixture->snapshot.subscription = g_object_ref (subscription);

      checked = check (fixture, change, &outcome, &error);
      g_assert_no_error (error);
      g_assert_nonnull (checked);
      g_assert_cmpuint (outcome.over, ==, 8 - MIN (cases[i].count, 8));
      g_assert_cmpuint (outcome.deadline, ==, cases[i].deadline);
    }
}

/* R1, R6 for a selection: narrowed to whom it changes, refused as a whole
 * when the last of them finds no license. */
static void
test_users_active (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *all[] = { "a", "b", "c", "d", "e", NULL };
  const char *c_only[] = { "c", NULL };
  const char *c_d[] = { "c", "d", NULL };
  const char *stranger[] = { "a", "zed", NULL };
  g_autoptr(SeatsChange) activate = seats_change_new_users_active (all, TRUE);
  g_autoptr(SeatsChange) deactivate = seats_change_new_users_active (all, FALSE);
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(SeatsChange) left_only = NULL;
  g_autoptr(SeatsChange) unknown = seats_change_new_users_active (stranger, FALSE);
  g_autoptr(GError) error = NULL;
  SeatsProduct *seats = g_list_model_get_item (G_LIST_MODEL (fixture->snapshot.products), 0);
  SeatsChangeOutcome outcome;

  g_object_unref (seats);

  /* Activating all: a, b and e are active; d has left; only c remains. */
  checked = check (fixture, activate, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (seats_change_get_user_ids (checked), c_only);
  g_assert_true (seats_change_get_on (checked));
  g_assert_cmpuint (outcome.n_unchanged, ==, 3);
  g_assert_cmpuint (outcome.n_left, ==, 1);
  g_assert_cmpuint (outcome.n_counted, ==, 1);
  g_assert_false (outcome.over_allocated);
  g_assert_cmpuint (outcome.free_after, ==, 1);
  /* The narrowed change keeps what its users were checked against. */
  seats_change_record_basis (activate, &fixture->snapshot);
  g_clear_pointer (&checked, seats_change_unref);
  checked = check (fixture, activate, NULL, &error);
  g_assert_cmpstr (seats_change_get_basis (checked, "user:c"), ==, "W/\"v-c\"");
  g_assert_null (seats_change_get_basis (checked, "user:a"));
  g_clear_pointer (&checked, seats_change_unref);

  /* Deactivating all: c and d are inactive already; a, b and e count
   * today (e's end date is today: R1). */
  checked = check (fixture, deactivate, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((char **) seats_change_get_user_ids (checked)), ==, 3);
  g_assert_cmpuint (outcome.n_unchanged, ==, 2);
  g_assert_cmpuint (outcome.n_counted, ==, 3);
  g_assert_cmpuint (outcome.free_after, ==, 5);
  g_clear_pointer (&checked, seats_change_unref);

  /* Only leavers: nothing to do, and it says why. */
  left_only = seats_change_new_users_active ((const char *[]) { "d", NULL }, TRUE);
  g_assert_null (check (fixture, left_only, &outcome, &error));
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOTHING_TO_DO);
  g_assert_cmpuint (outcome.n_left, ==, 1);
  g_clear_error (&error);

  g_assert_null (check (fixture, unknown, NULL, &error));
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "zed"));
  g_clear_error (&error);

  /* The boundary of R6: with 1 free license, 1 activation passes; with
   * none, it is refused under at_least_active and allowed with a deadline
   * under grace. */
  seats_product_set_in_use (seats, 9);
  checked = check_owned (fixture, seats_change_new_users_active (c_only, TRUE), &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outcome.free_after, ==, 0);
  g_clear_pointer (&checked, seats_change_unref);

  add_user (fixture, "f", FALSE, G_MININT, NULL);
  {
    const char *c_f[] = { "c", "f", NULL };
    g_autoptr(SeatsChange) two = seats_change_new_users_active (c_f, TRUE);
    GDate deadline;

    g_assert_null (check (fixture, two, NULL, &error));
    g_assert_error (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_NO_FREE_SEAT);
    g_clear_error (&error);

    set_floor (fixture, SEATS_SEAT_FLOOR_GRACE);
    checked = check (fixture, two, &outcome, &error);
    g_assert_no_error (error);
    g_assert_true (outcome.over_allocated);
    g_date_clear (&deadline, 1);
    seats_rules_grace_deadline (&fixture->today, SEATS_RULE_DEFAULT_GRACE_DAYS, &deadline);
    g_assert_cmpuint (outcome.deadline, ==, g_date_get_julian (&deadline));
  }
  g_clear_pointer (&checked, seats_change_unref);

  /* A source that counts no licenses (SCIM): no R6 to ask. */
  set_floor (fixture, SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE);
  g_list_store_remove_all (fixture->snapshot.products);
  checked = check_owned (fixture, seats_change_new_users_active (c_d, TRUE), &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (seats_change_get_user_ids (checked), c_only);
}

/* R7 for a selection: all of them or none. */
static void
test_module (Fixture       *fixture,
             gconstpointer  data)
{
  const char *a_only[] = { "a", NULL };
  const char *a_c[] = { "a", "c", NULL };
  const char *a_d[] = { "a", "d", NULL };
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(GError) error = NULL;
  SeatsChangeOutcome outcome;

  /* a gets it, b has it: 1 of 3 left free. */
  checked = check_owned (fixture, seats_change_new_module ("imaging", ids_ab, TRUE), &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (seats_change_get_user_ids (checked), a_only);
  g_assert_cmpuint (outcome.n_unchanged, ==, 1);
  g_assert_cmpuint (outcome.free_after, ==, 0);
  g_clear_pointer (&checked, seats_change_unref);

  /* Two more than the one free: refused as a whole. */
  g_assert_null (check_owned (fixture, seats_change_new_module ("imaging", a_c, TRUE), NULL, &error));
  g_assert_error (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_NO_FREE_SEAT);
  g_clear_error (&error);

  /* Someone who left gets no module. */
  checked = check_owned (fixture, seats_change_new_module ("imaging", a_d, TRUE), &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (seats_change_get_user_ids (checked), a_only);
  g_assert_cmpuint (outcome.n_left, ==, 1);
  g_clear_pointer (&checked, seats_change_unref);

  /* Taking it: only from who holds it. */
  checked = check_owned (fixture, seats_change_new_module ("imaging", ids_ab, FALSE), &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (seats_change_get_user_ids (checked), ((const char *[]) { "b", NULL }));
  g_assert_cmpuint (outcome.free_after, ==, 2);
  g_clear_pointer (&checked, seats_change_unref);

  g_assert_null (check_owned (fixture, seats_change_new_module ("imaging", a_only, FALSE), NULL, &error));
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOTHING_TO_DO);
  g_clear_error (&error);

  g_assert_null (check_owned (fixture, seats_change_new_module ("seats", a_only, TRUE), NULL, &error));
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE);
}

/* R12: a switch says what it does to the price; R13: the field at fault. */
static void
test_feature_and_billing (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(SeatsChange) on = seats_change_new_feature ("ideal", TRUE);
  g_autoptr(SeatsChange) off = seats_change_new_feature ("ideal", FALSE);
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(SeatsBillingDetails) details = seats_billing_details_new ();
  g_autoptr(SeatsChange) billing = NULL;
  g_autoptr(GError) error = NULL;
  SeatsChangeOutcome outcome;

  checked = check (fixture, on, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome.monthly_price_after, ==, 30900);
  g_clear_pointer (&checked, seats_change_unref);

  g_assert_null (check (fixture, off, NULL, &error));
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOTHING_TO_DO);
  g_clear_error (&error);

  g_assert_null (check_owned (fixture, seats_change_new_feature ("nope", TRUE), NULL, &error));
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A viewer's copy has no prices: the price after is not known either. */
  seats_subscription_set_monthly_price (fixture->snapshot.subscription, SEATS_PRICE_NOT_SHARED);
  checked = check (fixture, on, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome.monthly_price_after, ==, SEATS_PRICE_NOT_SHARED);
  g_clear_pointer (&checked, seats_change_unref);

  seats_billing_details_set_contact_email (details, "finance@example.test");
  seats_billing_details_set_city (details, "Zwolle");
  billing = seats_change_new_billing_details (details);
  g_assert_null (check (fixture, billing, &outcome, &error));
  g_assert_error (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_POSTAL_ADDRESS_REQUIRED);
  g_assert_cmpint (outcome.field, ==, SEATS_BILLING_FIELD_STREET);
}

/* R8 and R18 through the change. */
static void
test_license_and_trial (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SeatsPendingLicense) pending = seats_pending_license_new ();
  g_autoptr(SeatsLicenseChange) line = seats_license_change_new ();
  g_autoptr(SeatsChange) activate = seats_change_new_activate_license ();
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(SeatsChange) good = seats_change_new_convert_trial ("ABCD-1234-EFGH-5678", "  Bakkerij  ");
  g_autoptr(SeatsChange) bad = seats_change_new_convert_trial ("ABCD", "Bakkerij");
  g_autoptr(GError) error = NULL;

  g_assert_null (check (fixture, activate, NULL, &error));
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  seats_license_change_set_product_id (line, "seats");
  seats_license_change_set_product_name (line, "User licenses");
  seats_license_change_set_current_count (line, 10);
  seats_license_change_set_new_count (line, 7);
  seats_license_change_set_in_use (line, 8);
  seats_pending_license_set_changes (pending, &line, 1);
  fixture->snapshot.pending_license = g_object_ref (pending);
  g_assert_null (check (fixture, activate, NULL, &error));
  g_assert_error (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_LICENSE_BELOW_IN_USE);
  g_clear_error (&error);

  seats_license_change_set_new_count (line, 8);
  seats_pending_license_set_changes (pending, &line, 1);
  checked = check (fixture, activate, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&checked, seats_change_unref);

  g_assert_null (check (fixture, good, NULL, &error));
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE);
  g_clear_error (&error);

  seats_account_set_is_trial (fixture->snapshot.account, TRUE);
  g_assert_null (check (fixture, bad, NULL, &error));
  g_assert_error (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_INVALID_SERIAL_NUMBER);
  g_clear_error (&error);
  checked = check (fixture, good, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seats_change_get_license_owner (checked), ==, "Bakkerij");
}

/* Undo is the inverse, from the state before. */
static void
test_invert (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(SeatsChange) users = seats_change_new_users_active (ids_ab, FALSE);
  g_autoptr(SeatsChange) module = seats_change_new_module ("imaging", ids_ab, TRUE);
  g_autoptr(SeatsChange) feature = seats_change_new_feature ("ideal", TRUE);
  g_autoptr(SeatsChange) next = seats_change_new_next_period ("imaging", 2);
  g_autoptr(SeatsChange) billing = seats_change_new_billing_details (fixture->snapshot.billing_details);
  g_autoptr(SeatsChange) inverse = NULL;
  g_autoptr(SeatsChange) twice = NULL;
  SeatsChange *none[] = {
    seats_change_new_buy ("seats", 1),
    seats_change_new_activate_license (),
    seats_change_new_import_license ("-----"),
    seats_change_new_convert_trial ("ABCD-1234-EFGH-5678", "x"),
  };

  inverse = seats_change_invert (users, &fixture->snapshot);
  g_assert_cmpint (seats_change_get_kind (inverse), ==, SEATS_CHANGE_USERS_ACTIVE);
  g_assert_true (seats_change_get_on (inverse));
  g_assert_cmpstrv (seats_change_get_user_ids (inverse), ids_ab);
  twice = seats_change_invert (inverse, &fixture->snapshot);
  g_assert_false (seats_change_get_on (twice));
  g_clear_pointer (&inverse, seats_change_unref);

  inverse = seats_change_invert (module, &fixture->snapshot);
  g_assert_false (seats_change_get_on (inverse));
  g_assert_cmpstr (seats_change_get_product_id (inverse), ==, "imaging");
  g_clear_pointer (&inverse, seats_change_unref);

  inverse = seats_change_invert (feature, &fixture->snapshot);
  g_assert_false (seats_change_get_on (inverse));
  g_clear_pointer (&inverse, seats_change_unref);

  /* Back to the count the next period had before: 3. */
  inverse = seats_change_invert (next, &fixture->snapshot);
  g_assert_cmpuint (seats_change_get_count (inverse), ==, 3);
  g_clear_pointer (&inverse, seats_change_unref);

  inverse = seats_change_invert (billing, &fixture->snapshot);
  g_assert_cmpstr (seats_billing_details_get_city (seats_change_get_billing_details (inverse)), ==,
                   "Zwolle");
  g_clear_pointer (&inverse, seats_change_unref);

  for (guint i = 0; i < G_N_ELEMENTS (none); i++)
    {
      g_assert_null (seats_change_invert (none[i], &fixture->snapshot));
      seats_change_unref (none[i]);
    }
}

static void
assert_round_trip (SeatsChange *change)
{
  g_autofree char *text = seats_change_serialize (change);
  g_autofree char *again = NULL;
  g_autoptr(SeatsChange) read = NULL;
  g_autoptr(GError) error = NULL;

  read = seats_change_deserialize (text, &error);
  g_assert_no_error (error);
  again = seats_change_serialize (read);
  g_assert_cmpstr (text, ==, again);
  g_assert_cmpint (seats_change_get_kind (read), ==, seats_change_get_kind (change));
  g_assert_cmpstr (seats_change_get_product_id (read), ==, seats_change_get_product_id (change));
  g_assert_cmpuint (seats_change_get_count (read), ==, seats_change_get_count (change));
  g_assert_cmpint (seats_change_get_on (read), ==, seats_change_get_on (change));
}

/* The outbox keeps a change as text, its basis included, and reads back
 * only what it wrote. */
static void
test_serialize (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SeatsChange) module = seats_change_new_module ("imaging", ids_ab, TRUE);
  g_autoptr(SeatsChange) billing = seats_change_new_billing_details (fixture->snapshot.billing_details);
  g_autoptr(SeatsChange) feature = seats_change_new_feature ("ideal", TRUE);
  g_autoptr(SeatsChange) activate = seats_change_new_activate_license ();
  g_autoptr(SeatsChange) read = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  SeatsChange *changes[] = {
    seats_change_new_buy ("seats", 3),
    seats_change_new_next_period ("imaging", 0),
    seats_change_new_users_active (ids_ab, TRUE),
    seats_change_new_import_license ("-----BEGIN SEATS LICENSE-----\n…"),
    seats_change_new_convert_trial ("ABCD-1234-EFGH-5678", "Åkesson AB"),
  };
  const char *bad[] = {
    "",
    "not a change",
    "(1, 'buy', @a{sv} {}, @a{ss} {})",
    "(2, 'buy', {'product-id': <'seats'>}, @a{ss} {})",
    "(1, 'sell', {'product-id': <'seats'>}, @a{ss} {})",
    "(1, 'users-active', {'user-ids': <@as []>}, @a{ss} {})",
    "(1, 'module', {'user-ids': <['a']>}, @a{ss} {})",
    "(1, 'billing-details', @a{sv} {}, @a{ss} {})",
    /* The wrong type of a field is not taken for a value. */
    "(1, 'buy', {'product-id': <7>}, @a{ss} {})",
  };

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      assert_round_trip (changes[i]);
      seats_change_unref (changes[i]);
    }

  /* The versions it was made against go along. */
  seats_change_record_basis (module, &fixture->snapshot);
  seats_change_record_basis (billing, &fixture->snapshot);
  seats_change_record_basis (feature, &fixture->snapshot);
  seats_change_record_basis (activate, &fixture->snapshot);
  g_assert_cmpstr (seats_change_get_basis (module, "product:imaging"), ==, "\"p7\"");
  g_assert_cmpstr (seats_change_get_basis (module, "user:b"), ==, "W/\"v-b\"");
  g_assert_cmpstr (seats_change_get_basis (billing, "billing"), ==, "\"b5\"");
  g_assert_cmpstr (seats_change_get_basis (feature, "feature:ideal"), ==, "\"f2\"");
  g_assert_null (seats_change_get_basis (activate, "pending-license"));

  text = seats_change_serialize (module);
  read = seats_change_deserialize (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (seats_change_get_user_ids (read), ids_ab);
  g_assert_cmpstr (seats_change_get_basis (read, "user:a"), ==, "W/\"v-a\"");
  g_assert_cmpstr (seats_change_get_basis (read, "product:imaging"), ==, "\"p7\"");
  g_clear_pointer (&read, seats_change_unref);
  g_clear_pointer (&text, g_free);

  text = seats_change_serialize (billing);
  read = seats_change_deserialize (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seats_billing_details_get_postal_code (seats_change_get_billing_details (read)), ==,
                   "1234 AB");
  g_assert_cmpstr (seats_change_get_basis (read, "billing"), ==, "\"b5\"");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(SeatsChange) nothing = NULL;

      g_test_message ("bad %u: %s", i, bad[i]);
      nothing = seats_change_deserialize (bad[i], &error);
      g_assert_null (nothing);
      g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_UNREADABLE);
      g_clear_error (&error);
    }
}

/* Terms and users kept by hand: only where they are kept by hand, checked
 * as the terms dialog checks them, undone to what was kept, and kept in
 * the outbox whole. */
static void
test_kept_by_hand (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SeatsTerms) terms = seats_terms_new ();
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(SeatsChange) inverse = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SeatsUser) changed_a = seats_user_new ();
  g_autoptr(SeatsUser) added = seats_user_new ();
  const char *removed[] = { "c", NULL };

  terms->vendor = g_strdup ("Qualiview");
  terms->product = g_strdup ("Qualiview Pro");
  terms->purchased = 10;
  terms->next_period = 10;
  terms->price = 1500;
  terms->period_start = seats_julian_from_ymd (2026, 11, 1);
  change = seats_change_new_terms (terms);

  /* A license server keeps its own terms. */
  g_assert_null (check (fixture, change, NULL, &error));
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE);
  g_clear_error (&error);

  seats_account_set_source (fixture->snapshot.account, SEATS_ACCOUNT_SOURCE_MANUAL);
  checked = check (fixture, change, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (checked == change);
  g_clear_pointer (&checked, seats_change_unref);

  /* Eight users count (a, b and e, and the five the fixture's products
   * count are not users here: three do): below them is refused. */
  {
    g_autoptr(SeatsTerms) low = seats_terms_copy (terms);
    g_autoptr(SeatsChange) too_low = NULL;

    low->next_period = 2;
    too_low = seats_change_new_terms (low);
    g_assert_null (check (fixture, too_low, NULL, &error));
    g_assert_error (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_BELOW_COUNTED_USERS);
    g_clear_error (&error);
  }

  /* Undone to the terms the account had. */
  inverse = seats_change_invert (change, &fixture->snapshot);
  g_assert_nonnull (inverse);
  g_assert_cmpint (seats_change_get_kind (inverse), ==, SEATS_CHANGE_TERMS);
  g_assert_cmpuint (seats_change_get_terms (inverse)->purchased, ==, 10);
  g_assert_cmpstr (seats_change_get_terms (inverse)->product, ==, "seats");
  assert_round_trip (change);
  g_clear_pointer (&inverse, seats_change_unref);
  g_clear_pointer (&change, seats_change_unref);

  /* Users: a changed, one added, c removed; undone, a as it was, the new
   * one removed and c back. */
  seats_user_set_id (changed_a, "a");
  seats_user_set_display_name (changed_a, "Anna");
  seats_user_set_active (changed_a, FALSE);
  seats_user_set_id (added, "f");
  seats_user_set_email (added, "f@example.test");
  g_ptr_array_add (users, g_object_ref (changed_a));
  g_ptr_array_add (users, g_object_ref (added));
  change = seats_change_new_users_put (users, removed, "export.csv");
  checked = check (fixture, change, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&checked, seats_change_unref);
  assert_round_trip (change);
  {
    g_autofree char *text = seats_change_serialize (change);
    g_autoptr(SeatsChange) read = seats_change_deserialize (text, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (seats_change_get_users (read)->len, ==, 2);
    g_assert_true (seats_user_equal (g_ptr_array_index (seats_change_get_users (read), 0), changed_a));
    g_assert_cmpstr (seats_change_get_removed_ids (read)[0], ==, "c");
    g_assert_cmpstr (seats_change_get_source_name (read), ==, "export.csv");
  }

  inverse = seats_change_invert (change, &fixture->snapshot);
  g_assert_cmpuint (seats_change_get_users (inverse)->len, ==, 2);
  g_assert_cmpstr (seats_user_get_id (g_ptr_array_index (seats_change_get_users (inverse), 0)), ==, "a");
  g_assert_true (seats_user_get_active (g_ptr_array_index (seats_change_get_users (inverse), 0)));
  g_assert_cmpstr (seats_user_get_id (g_ptr_array_index (seats_change_get_users (inverse), 1)), ==, "c");
  g_assert_cmpstr (seats_change_get_removed_ids (inverse)[0], ==, "f");
  g_assert_null (seats_change_get_removed_ids (inverse)[1]);

  /* The same person twice is refused; and only where users are kept. */
  g_ptr_array_add (users, g_object_ref (changed_a));
  {
    g_autoptr(SeatsChange) twice = seats_change_new_users_put (users, NULL, NULL);

    g_assert_null (check (fixture, twice, NULL, &error));
    g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE);
    g_clear_error (&error);
  }
  seats_account_set_source (fixture->snapshot.account, SEATS_ACCOUNT_SOURCE_SCIM);
  g_assert_null (check (fixture, change, NULL, &error));
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/change/who-may-change", test_who_may_change);
  ADD ("/change/buy", test_buy);
  ADD ("/change/next-period", test_next_period);
  ADD ("/change/next-period-deadline", test_next_period_deadline);
  ADD ("/change/users-active", test_users_active);
  ADD ("/change/module", test_module);
  ADD ("/change/feature-and-billing", test_feature_and_billing);
  ADD ("/change/license-and-trial", test_license_and_trial);
  ADD ("/change/invert", test_invert);
  ADD ("/change/serialize", test_serialize);
  ADD ("/change/kept-by-hand", test_kept_by_hand);

#undef ADD

  return g_test_run ();
}
