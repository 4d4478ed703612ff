/* test-local.c: a subscription kept on this computer changes by the rules
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "seats-domain.h"
#include "seats-format.h"

typedef struct
{
  SeatsSnapshot snapshot;
  SeatsTerms   *terms;
  GDate         today;
} Fixture;

static void
add_user (Fixture    *fixture,
          const char *id,
          gint64      created,
          gboolean    active)
{
  g_autoptr(SeatsUser) user = seats_user_new ();
  g_autofree char *email = g_strdup_printf ("%s@example.test", id);

  seats_user_set_id (user, id);
  seats_user_set_display_name (user, id);
  seats_user_set_email (user, email);
  seats_user_set_active (user, active);
  seats_user_set_created (user, created);
  seats_user_list_append (fixture->snapshot.users, user);
}

/* TimeLog, 12 licenses at DKK 349.00 a month, the period November 2026;
 * ten users, of whom eight are active. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SeatsAccount) account = seats_account_new ();
  g_autoptr(SeatsPull) counted = NULL;
  g_autoptr(GError) error = NULL;

  seats_snapshot_init (&fixture->snapshot);
  seats_account_set_id (account, "timelog");
  seats_account_set_source (account, SEATS_ACCOUNT_SOURCE_MANUAL);
  fixture->snapshot.account = g_steal_pointer (&account);

  fixture->terms = seats_terms_new ();
  fixture->terms->vendor = g_strdup ("TimeLog");
  fixture->terms->product = g_strdup ("TimeLog PSA");
  g_free (fixture->terms->currency);
  fixture->terms->currency = g_strdup ("DKK");
  fixture->terms->purchased = 12;
  fixture->terms->next_period = 12;
  fixture->terms->price = 34900;
  fixture->terms->period_start = seats_julian_from_ymd (2026, 11, 1);
  fixture->terms->notice_days = 14;
  seats_terms_apply (fixture->terms, &fixture->snapshot);

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("user-%u", i);

      add_user (fixture, id, 1000 + i, i < 8);
    }

  g_date_set_dmy (&fixture->today, 16, G_DATE_NOVEMBER, 2026);

  /* The licenses in use are counted by the same terms, changed to none. */
  {
    g_autoptr(SeatsChange) same = seats_change_new_terms (fixture->terms);

    counted = seats_local_apply (same, &fixture->snapshot, &fixture->today, 1, &error);
    g_assert_no_error (error);
    seats_snapshot_clear (&fixture->snapshot);
    fixture->snapshot = counted->snapshot;
    seats_snapshot_init (&counted->snapshot);
  }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  seats_snapshot_clear (&fixture->snapshot);
  seats_terms_free (fixture->terms);
}

static SeatsProduct *
user_seats (const SeatsSnapshot *snapshot)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (snapshot->products)); i++)
    {
      g_autoptr(SeatsProduct) product = g_list_model_get_item (G_LIST_MODEL (snapshot->products), i);

      if (seats_product_get_kind (product) == SEATS_PRODUCT_KIND_USER_SEATS)
        return product;
    }

  g_assert_not_reached ();
}

static SeatsUser *
user_of (const SeatsSnapshot *snapshot,
         const char          *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (snapshot->users)); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (G_LIST_MODEL (snapshot->users), i);

      if (g_strcmp0 (seats_user_get_id (user), id) == 0)
        return user;
    }

  return NULL;
}

static SeatsActionEntry *
newest_action (const SeatsSnapshot *snapshot)
{
  g_autoptr(SeatsActionEntry) entry = g_list_model_get_item (G_LIST_MODEL (snapshot->actions), 0);

  g_assert_nonnull (entry);
  return entry;
}

/* Replaces the fixture's account by @pull's, as the engine does. */
static void
take (Fixture   *fixture,
      SeatsPull *pull)
{
  g_assert_nonnull (pull);
  g_assert_cmpint (pull->kind, ==, SEATS_PULL_FULL);
  g_assert_cmpint (pull->parts, ==, SEATS_PULL_PARTS_ALL);
  seats_snapshot_clear (&fixture->snapshot);
  fixture->snapshot = pull->snapshot;
  seats_snapshot_init (&pull->snapshot);
  seats_pull_free (pull);
}

/* Eight active users hold a license of the twelve, the chart has November. */
static void
test_counted (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(SeatsHistoryPoint) point = NULL;

  g_assert_cmpuint (seats_product_get_in_use (user_seats (&fixture->snapshot)), ==, 8);
  g_assert_cmpint (seats_subscription_get_monthly_price (fixture->snapshot.subscription), ==,
                   12 * 34900);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->snapshot.history)), ==, 1);
  point = g_list_model_get_item (G_LIST_MODEL (fixture->snapshot.history), 0);
  g_assert_cmpuint (seats_history_point_get_month_julian (point), ==,
                    seats_julian_from_ymd (2026, 11, 1));
  g_assert_cmpuint (seats_history_point_get_purchased (point), ==, 12);
  g_assert_cmpuint (seats_history_point_get_used (point), ==, 8);
  g_assert_cmpstr (seats_action_entry_get_action (newest_action (&fixture->snapshot)), ==,
                   "terms-changed");
  g_assert_cmpstr (seats_action_entry_get_actor (newest_action (&fixture->snapshot)), ==,
                   SEATS_LOCAL_ACTOR);
}

/* Buying on November 16 of a 30-day period: 3 licenses for 15 days at the
 * quoted price, the next period raised with them (R2, R4), the order and
 * the log, the monthly price and the chart's month. */
static void
test_buy (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(SeatsChange) change = seats_change_new_buy (SEATS_TERMS_PRODUCT_ID, 3);
  g_autoptr(SeatsOrder) order = NULL;
  g_autoptr(SeatsHistoryPoint) point = NULL;
  g_autoptr(GError) error = NULL;
  SeatsChangeOutcome outcome = { 0 };
  g_autoptr(SeatsChange) checked = NULL;

  checked = seats_change_check (change, &fixture->snapshot, &fixture->today, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome.quote.amount, ==, 3 * 34900 * 15 / 30);

  take (fixture, seats_local_apply (change, &fixture->snapshot, &fixture->today, 5000, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seats_product_get_purchased (user_seats (&fixture->snapshot)), ==, 15);
  g_assert_cmpuint (seats_product_get_next_period (user_seats (&fixture->snapshot)), ==, 15);
  g_assert_cmpint (seats_subscription_get_monthly_price (fixture->snapshot.subscription), ==,
                   15 * 34900);

  order = g_list_model_get_item (G_LIST_MODEL (fixture->snapshot.orders), 0);
  g_assert_cmpuint (seats_order_get_quantity (order), ==, 3);
  g_assert_cmpint (seats_order_get_amount (order), ==, outcome.quote.amount);
  g_assert_cmpstr (seats_order_get_currency (order), ==, "DKK");
  g_assert_cmpint (seats_order_get_created (order), ==, 5000);
  g_assert_cmpstr (seats_action_entry_get_action (newest_action (&fixture->snapshot)), ==, "order");
  g_assert_cmpstr (seats_action_entry_get_after (newest_action (&fixture->snapshot)), ==, "15");

  point = g_list_model_get_item (G_LIST_MODEL (fixture->snapshot.history), 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->snapshot.history)), ==, 1);
  g_assert_cmpuint (seats_history_point_get_purchased (point), ==, 15);

  /* Lowering the next period afterwards leaves what was bought this one,
   * and the log has the count it was lowered from. */
  {
    g_autoptr(SeatsChange) lower = seats_change_new_next_period (SEATS_TERMS_PRODUCT_ID, 8);

    take (fixture, seats_local_apply (lower, &fixture->snapshot, &fixture->today, 5001, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (seats_product_get_purchased (user_seats (&fixture->snapshot)), ==, 15);
    g_assert_cmpuint (seats_product_get_next_period (user_seats (&fixture->snapshot)), ==, 8);
    g_assert_cmpstr (seats_action_entry_get_before (newest_action (&fixture->snapshot)), ==, "15");
  }
}

/* The next period may not go below the users who count (R3, R5); a
 * refusal changes nothing. */
static void
test_next_period_refused (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(SeatsChange) change = seats_change_new_next_period (SEATS_TERMS_PRODUCT_ID, 7);
  g_autoptr(GError) error = NULL;
  SeatsPull *pull;

  pull = seats_local_apply (change, &fixture->snapshot, &fixture->today, 5000, &error);
  g_assert_null (pull);
  g_assert_error (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_BELOW_COUNTED_USERS);
  g_assert_cmpuint (seats_product_get_next_period (user_seats (&fixture->snapshot)), ==, 12);

  /* What a subscription kept by hand has no setting for is refused. */
  {
    g_autoptr(SeatsChange) feature = seats_change_new_feature ("sso", TRUE);

    g_clear_error (&error);
    g_assert_null (seats_local_apply (feature, &fixture->snapshot, &fixture->today, 1, &error));
    g_assert_nonnull (error);
  }
}

/* Users added, changed and removed by hand, counted again (R1); a user
 * whose end date has passed holds no license. */
static void
test_users_put (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SeatsUser) added = seats_user_new ();
  g_autoptr(SeatsUser) left = seats_object_dup (user_of (&fixture->snapshot, "user-0"));
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(SeatsChange) undo = NULL;
  g_autoptr(GError) error = NULL;
  const char *removed[] = { "user-1", NULL };

  seats_user_set_id (added, "new");
  seats_user_set_display_name (added, "Nina");
  seats_user_set_active (added, TRUE);
  seats_user_set_end_date_julian (left, seats_julian_from_ymd (2026, 11, 10));
  g_ptr_array_add (users, g_object_ref (added));
  g_ptr_array_add (users, g_object_ref (left));
  change = seats_change_new_users_put (users, removed, NULL);
  undo = seats_change_invert (change, &fixture->snapshot);

  take (fixture, seats_local_apply (change, &fixture->snapshot, &fixture->today, 7000, &error));
  g_assert_no_error (error);
  /* 8, Nina added, user-0 left, user-1 removed. */
  g_assert_cmpuint (seats_product_get_in_use (user_seats (&fixture->snapshot)), ==, 7);
  g_assert_cmpint (seats_user_get_created (user_of (&fixture->snapshot, "new")), ==, 7000);
  g_assert_cmpint (seats_user_get_created (user_of (&fixture->snapshot, "user-0")), ==, 1000);
  g_assert_null (user_of (&fixture->snapshot, "user-1"));
  g_assert_cmpstr (seats_action_entry_get_action (newest_action (&fixture->snapshot)), ==,
                   "user-removed-here");

  /* Undo: as it was. */
  take (fixture, seats_local_apply (undo, &fixture->snapshot, &fixture->today, 7001, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seats_product_get_in_use (user_seats (&fixture->snapshot)), ==, 8);
  g_assert_null (user_of (&fixture->snapshot, "new"));
  g_assert_nonnull (user_of (&fixture->snapshot, "user-1"));
  g_assert_cmpuint (seats_user_get_end_date_julian (user_of (&fixture->snapshot, "user-0")), ==, 0);

  /* An import says so once, with the file's name. */
  {
    g_autoptr(SeatsChange) import = seats_change_new_users_put (users, NULL, "timelog.csv");

    take (fixture, seats_local_apply (import, &fixture->snapshot, &fixture->today, 7002, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (seats_action_entry_get_action (newest_action (&fixture->snapshot)), ==,
                     "users-imported");
    g_assert_cmpstr (seats_action_entry_get_subject (newest_action (&fixture->snapshot)), ==,
                     "timelog.csv");
  }
}

/* Activating past the free licenses: refused where the count is a floor,
 * with a deadline under the grace policy (R6), and the deadline's passing
 * takes the license. */
static void
test_activate (Fixture       *fixture,
               gconstpointer  data)
{
  const char *both[] = { "user-8", "user-9", NULL };
  g_autoptr(SeatsChange) change = seats_change_new_users_active (both, TRUE);
  g_autoptr(SeatsTerms) grace = seats_terms_copy (fixture->terms);
  g_autoptr(GError) error = NULL;
  GDate later;

  /* Four free: both get a license. */
  take (fixture, seats_local_apply (change, &fixture->snapshot, &fixture->today, 8000, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seats_product_get_in_use (user_seats (&fixture->snapshot)), ==, 10);
  g_assert_cmpuint (seats_user_get_grace_deadline_julian (user_of (&fixture->snapshot, "user-9")), ==, 0);

  /* Deactivate two, and nine licenses under a grace of 5 days: activated
   * again with one license free, the second waits for its deadline. */
  grace->purchased = 9;
  grace->next_period = 9;
  grace->seat_floor = SEATS_SEAT_FLOOR_GRACE;
  grace->grace_days = 5;
  {
    g_autoptr(SeatsChange) terms = seats_change_new_terms (grace);
    g_autoptr(SeatsChange) off = seats_change_new_users_active (both, FALSE);

    take (fixture, seats_local_apply (off, &fixture->snapshot, &fixture->today, 8001, &error));
    g_assert_no_error (error);
    take (fixture, seats_local_apply (terms, &fixture->snapshot, &fixture->today, 8002, &error));
    g_assert_no_error (error);
  }
  take (fixture, seats_local_apply (change, &fixture->snapshot, &fixture->today, 8003, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seats_user_get_grace_deadline_julian (user_of (&fixture->snapshot, "user-8")), ==, 0);
  g_assert_cmpuint (seats_user_get_grace_deadline_julian (user_of (&fixture->snapshot, "user-9")), !=, 0);

  /* Nothing turns before the deadline; after it, user-9 is deactivated. */
  g_assert_null (seats_local_turn (&fixture->snapshot, &fixture->today, 8004));
  seats_julian_to_date (seats_user_get_grace_deadline_julian (user_of (&fixture->snapshot, "user-9")),
                        &later);
  g_assert_null (seats_local_turn (&fixture->snapshot, &later, 8005));
  g_date_add_days (&later, 1);
  take (fixture, seats_local_turn (&fixture->snapshot, &later, 8006));
  g_assert_false (seats_user_get_active (user_of (&fixture->snapshot, "user-9")));
  g_assert_true (seats_user_get_active (user_of (&fixture->snapshot, "user-8")));
  g_assert_cmpstr (seats_action_entry_get_action (newest_action (&fixture->snapshot)), ==,
                   "deactivated-at-deadline");
}

/* The period turns with the count set for the next one (R3): not on its
 * last day, on the first of the next, and every period missed at once. */
static void
test_turn (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(SeatsChange) lower = seats_change_new_next_period (SEATS_TERMS_PRODUCT_ID, 9);
  g_autoptr(GError) error = NULL;
  GDate day;

  take (fixture, seats_local_apply (lower, &fixture->snapshot, &fixture->today, 9000, &error));
  g_assert_no_error (error);

  g_date_set_dmy (&day, 30, G_DATE_NOVEMBER, 2026);
  g_assert_null (seats_local_turn (&fixture->snapshot, &day, 9001));

  g_date_set_dmy (&day, 1, G_DATE_DECEMBER, 2026);
  take (fixture, seats_local_turn (&fixture->snapshot, &day, 9002));
  g_assert_cmpuint (seats_product_get_purchased (user_seats (&fixture->snapshot)), ==, 9);
  g_assert_cmpuint (seats_subscription_get_period_start_julian (fixture->snapshot.subscription), ==,
                    seats_julian_from_ymd (2026, 12, 1));
  g_assert_cmpuint (seats_subscription_get_period_end_julian (fixture->snapshot.subscription), ==,
                    seats_julian_from_ymd (2027, 1, 1));
  g_assert_cmpint (seats_subscription_get_monthly_price (fixture->snapshot.subscription), ==,
                   9 * 34900);
  g_assert_cmpstr (seats_action_entry_get_action (newest_action (&fixture->snapshot)), ==,
                   "period-turned");
  g_assert_cmpstr (seats_action_entry_get_after (newest_action (&fixture->snapshot)), ==,
                   "2026-12-01");
  /* December's point of the chart follows November's. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->snapshot.history)), ==, 2);
  g_assert_null (seats_local_turn (&fixture->snapshot, &day, 9003));

  g_date_set_dmy (&day, 10, G_DATE_MARCH, 2027);
  take (fixture, seats_local_turn (&fixture->snapshot, &day, 9004));
  g_assert_cmpuint (seats_subscription_get_period_start_julian (fixture->snapshot.subscription), ==,
                    seats_julian_from_ymd (2027, 3, 1));
  {
    guint turned = 0;

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (fixture->snapshot.actions)); i++)
      {
        g_autoptr(SeatsActionEntry) entry = g_list_model_get_item (G_LIST_MODEL (fixture->snapshot.actions), i);

        if (g_strcmp0 (seats_action_entry_get_action (entry), "period-turned") == 0)
          turned++;
      }
    g_assert_cmpuint (turned, ==, 4);
  }
}

/* Under the grace policy a period that starts below the users who count
 * gives the newest of them a deadline (R5). */
static void
test_turn_grace (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SeatsTerms) grace = seats_terms_copy (fixture->terms);
  g_autoptr(SeatsChange) terms = NULL;
  g_autoptr(GError) error = NULL;
  GDate day, deadline;

  grace->seat_floor = SEATS_SEAT_FLOOR_GRACE;
  grace->grace_days = 7;
  grace->next_period = 6;
  terms = seats_change_new_terms (grace);
  take (fixture, seats_local_apply (terms, &fixture->snapshot, &fixture->today, 1, &error));
  g_assert_no_error (error);

  g_date_set_dmy (&day, 2, G_DATE_DECEMBER, 2026);
  take (fixture, seats_local_turn (&fixture->snapshot, &day, 2));
  /* Eight count, six bought: user-7 and user-6, the newest. */
  g_assert_cmpuint (seats_user_get_grace_deadline_julian (user_of (&fixture->snapshot, "user-7")), !=, 0);
  g_assert_cmpuint (seats_user_get_grace_deadline_julian (user_of (&fixture->snapshot, "user-6")), !=, 0);
  g_assert_cmpuint (seats_user_get_grace_deadline_julian (user_of (&fixture->snapshot, "user-5")), ==, 0);
  g_date_set_dmy (&day, 1, G_DATE_DECEMBER, 2026);
  seats_rules_grace_deadline (&day, 7, &deadline);
  g_assert_cmpuint (seats_user_get_grace_deadline_julian (user_of (&fixture->snapshot, "user-7")), ==,
                    seats_julian_from_date (&deadline));
}

/* The reminder before a notice date: its day and what lowering saves,
 * due within the days asked and only with something to do; after the
 * notice date, the next period's. Notice 14 before December 1: November 17. */
static void
test_reminder (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(SeatsReminder) reminder = { 0 };
  GDate day;

  /* Ten days ahead: not due with 7, due with 10. */
  g_date_set_dmy (&day, 7, G_DATE_NOVEMBER, 2026);
  g_assert_true (seats_reminder_compute (&fixture->snapshot, &day, 7, &reminder));
  g_assert_cmpuint (reminder.notice_date, ==, seats_julian_from_ymd (2026, 11, 17));
  g_assert_cmpuint (reminder.period_end, ==, seats_julian_from_ymd (2026, 12, 1));
  g_assert_cmpuint (reminder.days_left, ==, 10);
  g_assert_false (reminder.due);
  seats_reminder_clear (&reminder);
  g_assert_true (seats_reminder_compute (&fixture->snapshot, &day, 10, &reminder));
  g_assert_true (reminder.due);
  /* 12 for the next period, 8 count: 4 × DKK 349.00 a month. */
  g_assert_cmpuint (reminder.target, ==, 8);
  g_assert_cmpint (reminder.saving, ==, 4 * 34900);
  g_assert_cmpstr (reminder.currency, ==, "DKK");
  seats_reminder_clear (&reminder);

  /* On the notice date itself, still due; the day after, the next one. */
  g_date_set_dmy (&day, 17, G_DATE_NOVEMBER, 2026);
  g_assert_true (seats_reminder_compute (&fixture->snapshot, &day, 0, &reminder));
  g_assert_true (reminder.due);
  g_assert_cmpuint (reminder.days_left, ==, 0);
  seats_reminder_clear (&reminder);
  g_date_set_dmy (&day, 18, G_DATE_NOVEMBER, 2026);
  g_assert_true (seats_reminder_compute (&fixture->snapshot, &day, 7, &reminder));
  g_assert_cmpuint (reminder.notice_date, ==, seats_julian_from_ymd (2026, 12, 18));
  g_assert_false (reminder.due);
  seats_reminder_clear (&reminder);

  /* Lowered to the users who count: nothing to do, unless one has left. */
  {
    g_autoptr(SeatsChange) lower = seats_change_new_next_period (SEATS_TERMS_PRODUCT_ID, 8);
    g_autoptr(GError) error = NULL;

    take (fixture, seats_local_apply (lower, &fixture->snapshot, &fixture->today, 1, &error));
    g_assert_no_error (error);
  }
  g_date_set_dmy (&day, 16, G_DATE_NOVEMBER, 2026);
  g_assert_true (seats_reminder_compute (&fixture->snapshot, &day, 7, &reminder));
  g_assert_false (reminder.due);
  g_assert_cmpint (reminder.saving, ==, 0);
  seats_reminder_clear (&reminder);
  {
    g_autoptr(SeatsUser) left = seats_object_dup (user_of (&fixture->snapshot, "user-0"));
    g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(SeatsChange) put = NULL;
    g_autoptr(GError) error = NULL;

    seats_user_set_end_date_julian (left, seats_julian_from_ymd (2026, 11, 10));
    g_ptr_array_add (users, g_object_ref (left));
    put = seats_change_new_users_put (users, NULL, NULL);
    take (fixture, seats_local_apply (put, &fixture->snapshot, &fixture->today, 2, &error));
    g_assert_no_error (error);
  }
  g_assert_true (seats_reminder_compute (&fixture->snapshot, &day, 7, &reminder));
  g_assert_cmpuint (reminder.left, ==, 1);
  g_assert_true (reminder.due);
  /* Seven count now: the eighth license is one to lower. */
  g_assert_cmpuint (reminder.target, ==, 7);
  g_assert_cmpint (reminder.saving, ==, 34900);
}

/* One subscription at a glance: 12 bought, 8 in use, 4 free at DKK 349.00
 * a month each; the notice date a day away. */
static void
test_overview (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(SeatsOverviewLine) line = { 0 };

  seats_overview_line_compute (&fixture->snapshot, &fixture->today, 7, &line);
  g_assert_true (line.synced);
  g_assert_true (line.has_terms);
  g_assert_true (line.has_prices);
  g_assert_cmpuint (line.bought, ==, 12);
  g_assert_cmpuint (line.in_use, ==, 8);
  g_assert_cmpuint (line.free, ==, 4);
  g_assert_cmpint (line.monthly, ==, 12 * 34900);
  g_assert_cmpint (line.free_monthly, ==, 4 * 34900);
  g_assert_cmpstr (line.currency, ==, "DKK");
  g_assert_cmpuint (line.next_period, ==, seats_julian_from_ymd (2026, 12, 1));
  g_assert_cmpuint (line.change_by, ==, seats_julian_from_ymd (2026, 11, 17));
  g_assert_cmpint (line.attention, ==, SEATS_ATTENTION_NOTICE);

  /* What the overview says of it, and the sidebar. */
  {
    g_autofree char *cost = seats_format_money (4 * 34900, "DKK");
    g_autofree char *next = seats_format_date (seats_julian_from_ymd (2026, 12, 1));
    g_autofree char *change_by = seats_format_date (seats_julian_from_ymd (2026, 11, 17));
    g_autofree char *expected = g_strdup_printf ("8 of 12 licenses in use. 4 are available.\n"
                                                 "The licenses nobody holds cost %s a month.\n"
                                                 "Next period from %s; change it by %s.\n"
                                                 "The next period’s licenses can be lowered, and the "
                                                 "last day to change them is near.",
                                                 cost, next, change_by);
    g_autofree char *described = seats_overview_line_describe (&line);
    g_autofree char *caption = seats_overview_line_caption (&line);

    g_assert_cmpstr (described, ==, expected);
    g_assert_cmpstr (caption, ==, "8 of 12 in use");
  }
  seats_overview_line_clear (&line);

  /* The notice date not yet within the days asked: nothing to do. */
  seats_overview_line_compute (&fixture->snapshot, &fixture->today, 0, &line);
  g_assert_cmpint (line.attention, ==, SEATS_ATTENTION_NONE);
  seats_overview_line_clear (&line);

  /* More in use than bought, a user in grace, a new license waiting. */
  {
    SeatsProduct *seats = user_seats (&fixture->snapshot);

    seats_product_set_in_use (seats, 13);
    seats_user_set_grace_deadline_julian (user_of (&fixture->snapshot, "user-7"),
                                          seats_julian_from_ymd (2026, 11, 30));
    fixture->snapshot.pending_license = seats_pending_license_new ();
  }
  seats_overview_line_compute (&fixture->snapshot, &fixture->today, 0, &line);
  g_assert_cmpuint (line.free, ==, 0);
  g_assert_cmpint (line.free_monthly, ==, 0);
  g_assert_cmpint (line.attention, ==,
                   SEATS_ATTENTION_OVER | SEATS_ATTENTION_GRACE | SEATS_ATTENTION_NEW_LICENSE);
  {
    g_autofree char *reasons = seats_attention_text (line.attention);

    g_assert_cmpstr (reasons, ==,
                     "More licenses are in use than were bought.\n"
                     "Users over the count lose their license when the grace period ends.\n"
                     "A new license from the vendor is waiting to be activated.");
    g_assert_null (seats_attention_text (SEATS_ATTENTION_NONE));
    g_assert_cmpstr (seats_attention_to_string (SEATS_ATTENTION_GRACE), ==, "grace");
  }
  seats_overview_line_clear (&line);

  /* A viewer is not told the prices (R15): the counts, and no amounts. */
  seats_product_set_price (user_seats (&fixture->snapshot), SEATS_PRICE_NOT_SHARED);
  seats_overview_line_compute (&fixture->snapshot, &fixture->today, 0, &line);
  g_assert_true (line.has_terms);
  g_assert_false (line.has_prices);
  g_assert_cmpuint (line.bought, ==, 12);
  g_assert_cmpint (line.monthly, ==, SEATS_PRICE_NOT_SHARED);
  g_assert_cmpint (line.free_monthly, ==, SEATS_PRICE_NOT_SHARED);
  g_assert_null (seats_overview_monthly_text (line.monthly, line.currency));
  seats_overview_line_clear (&line);

  /* Users only, as a SCIM service gives them: the users who count. */
  g_clear_object (&fixture->snapshot.subscription);
  seats_overview_line_compute (&fixture->snapshot, &fixture->today, 7, &line);
  g_assert_false (line.has_terms);
  g_assert_cmpuint (line.in_use, ==, 8);
  g_assert_cmpuint (line.change_by, ==, 0);
  {
    g_autofree char *described = seats_overview_line_describe (&line);
    g_autofree char *caption = seats_overview_line_caption (&line);

    g_assert_true (g_str_has_prefix (described, "8 users hold a license; nobody keeps the terms"));
    g_assert_cmpstr (caption, ==, "8 users");
  }
  seats_overview_line_clear (&line);

  /* Nothing known yet: a license server not synced with. */
  g_clear_object (&fixture->snapshot.account);
  seats_overview_line_compute (&fixture->snapshot, &fixture->today, 7, &line);
  g_assert_false (line.synced);
  {
    g_autofree char *described = seats_overview_line_describe (&line);

    g_assert_cmpstr (described, ==, "Not synced yet.");
  }
}

/* Totals per currency: euros and kronor are never added together, a
 * subscription without terms adds nothing, and one without prices adds
 * its licenses but no amounts. */
static void
test_overview_totals (void)
{
  SeatsOverviewLine lines[] = {
    { TRUE, TRUE, TRUE, 10, 8, 2, 10000, 2000, (char *) "SEK", 0, 0, 0 },
    { TRUE, TRUE, TRUE, 5, 5, 0, 5000, 0, (char *) "EUR", 0, 0, 0 },
    { TRUE, FALSE, FALSE, 0, 40, 0, SEATS_PRICE_NOT_SHARED, SEATS_PRICE_NOT_SHARED, (char *) "EUR", 0, 0, 0 },
    { TRUE, TRUE, TRUE, 20, 12, 8, 40000, 16000, (char *) "SEK", 0, 0, 0 },
    { TRUE, TRUE, FALSE, 3, 1, 2, SEATS_PRICE_NOT_SHARED, SEATS_PRICE_NOT_SHARED, (char *) "SEK", 0, 0, 0 },
    { TRUE, TRUE, TRUE, 1, 0, 1, G_MAXINT64, G_MAXINT64, (char *) "EUR", 0, 0, 0 },
  };
  g_autoptr(GArray) totals = seats_overview_totals (lines, 4);
  SeatsOverviewTotal *total;

  g_assert_cmpuint (totals->len, ==, 2);
  total = &g_array_index (totals, SeatsOverviewTotal, 0);
  g_assert_cmpstr (total->currency, ==, "EUR");
  g_assert_cmpuint (total->subscriptions, ==, 1);
  g_assert_cmpint (total->monthly, ==, 5000);
  total = &g_array_index (totals, SeatsOverviewTotal, 1);
  g_assert_cmpstr (total->currency, ==, "SEK");
  g_assert_cmpuint (total->subscriptions, ==, 2);
  g_assert_cmpuint (total->bought, ==, 30);
  g_assert_cmpuint (total->in_use, ==, 20);
  g_assert_cmpuint (total->free, ==, 10);
  g_assert_cmpint (total->monthly, ==, 50000);
  g_assert_cmpint (total->free_monthly, ==, 18000);
  {
    g_autofree char *title = seats_overview_total_title (total);
    g_autofree char *cost = seats_format_money (18000, "SEK");
    g_autofree char *expected = g_strdup_printf ("20 of 30 licenses in use. 10 are available.\n"
                                                 "The licenses nobody holds cost %s a month.", cost);
    g_autofree char *described = seats_overview_total_describe (total);

    g_assert_cmpstr (title, ==, "SEK, 2 subscriptions");
    g_assert_cmpstr (described, ==, expected);
  }
  g_clear_pointer (&totals, g_array_unref);

  /* An amount too large to hold stays at the largest there is; the
   * licenses of a subscription without prices count, its amounts cannot. */
  totals = seats_overview_totals (lines, G_N_ELEMENTS (lines));
  total = &g_array_index (totals, SeatsOverviewTotal, 0);
  g_assert_cmpuint (total->subscriptions, ==, 2);
  g_assert_cmpint (total->monthly, ==, G_MAXINT64);
  g_assert_cmpint (total->free_monthly, ==, G_MAXINT64);
  g_assert_cmpuint (total->free, ==, 1);
  total = &g_array_index (totals, SeatsOverviewTotal, 1);
  g_assert_cmpuint (total->subscriptions, ==, 3);
  g_assert_cmpuint (total->unpriced, ==, 1);
  g_assert_cmpuint (total->bought, ==, 33);
  g_assert_cmpint (total->monthly, ==, 50000);
  {
    g_autofree char *described = seats_overview_total_describe (total);

    g_assert_true (g_str_has_suffix (described, "\nThe prices of 1 subscription are not shared with "
                                                "you, so the amounts leave it out."));
  }

  /* Nothing to add up. */
  g_clear_pointer (&totals, g_array_unref);
  totals = seats_overview_totals (NULL, 0);
  g_assert_cmpuint (totals->len, ==, 0);
}

static GError *
put_refused (Fixture   *fixture,
             SeatsUser *user)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(SeatsPull) pull = NULL;
  GError *error = NULL;

  g_ptr_array_add (users, g_object_ref (user));
  change = seats_change_new_users_put (users, NULL, NULL);
  pull = seats_local_apply (change, &fixture->snapshot, &fixture->today, 8000, &error);
  g_assert_true ((pull == NULL) == (error != NULL));

  return error;
}

/* One user added or changed by hand: a name or an e-mail address, an
 * address that is one, no end before the start, and nobody twice. */
static void
test_user_by_hand (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SeatsUser) user = seats_user_new ();
  g_autoptr(SeatsUser) changed = seats_object_dup (user_of (&fixture->snapshot, "user-3"));
  g_autoptr(GError) error = NULL;
  SeatsUserField field = SEATS_USER_FIELD_NONE;

  seats_user_set_id (user, "hand-1");
  seats_user_set_active (user, TRUE);

  /* Neither name nor address, even in blanks. */
  seats_user_set_display_name (user, "  ");
  g_assert_false (seats_user_check (user, &field, &error));
  g_assert_cmpint (field, ==, SEATS_USER_FIELD_NAME);
  g_assert_cmpstr (error->message, ==, "Enter the user’s name or e-mail address.");
  g_clear_error (&error);
  error = put_refused (fixture, user);
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE);
  g_clear_error (&error);

  /* An address that is not one. */
  seats_user_set_display_name (user, "Nina Berg");
  seats_user_set_email (user, "nina at example.test");
  g_assert_false (seats_user_check (user, &field, &error));
  g_assert_cmpint (field, ==, SEATS_USER_FIELD_EMAIL);
  g_assert_cmpstr (error->message, ==, "“nina at example.test” is not an e-mail address.");
  g_clear_error (&error);

  /* An end before the start; the same day is fine. */
  seats_user_set_email (user, "nina@example.test");
  seats_user_set_start_date_julian (user, seats_julian_from_ymd (2026, 11, 10));
  seats_user_set_end_date_julian (user, seats_julian_from_ymd (2026, 11, 9));
  g_assert_false (seats_user_check (user, &field, &error));
  g_assert_cmpint (field, ==, SEATS_USER_FIELD_END);
  g_clear_error (&error);
  error = put_refused (fixture, user);
  g_assert_nonnull (error);
  g_clear_error (&error);
  seats_user_set_end_date_julian (user, seats_julian_from_ymd (2026, 11, 10));
  g_assert_true (seats_user_check (user, &field, &error));
  g_assert_cmpint (field, ==, SEATS_USER_FIELD_NONE);
  g_assert_no_error (error);

  /* Somebody's address already, in other letters: refused. */
  seats_user_set_email (user, "User-4@Example.test");
  error = put_refused (fixture, user);
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE);
  g_assert_cmpstr (error->message, ==, "user-4 is a user already, with the same e-mail address or name.");
  g_clear_error (&error);

  /* Added, and a user changed in place keeps the address that is hers. */
  seats_user_set_email (user, "nina@example.test");
  seats_user_set_end_date_julian (user, SEATS_JULIAN_NONE);
  g_assert_null ((error = put_refused (fixture, user)));
  seats_user_set_display_name (changed, "User Three");
  g_assert_null ((error = put_refused (fixture, changed)));
  {
    g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(SeatsChange) change = NULL;

    g_ptr_array_add (users, g_object_ref (user));
    g_ptr_array_add (users, g_object_ref (changed));
    change = seats_change_new_users_put (users, NULL, NULL);
    take (fixture, seats_local_apply (change, &fixture->snapshot, &fixture->today, 8001, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpstr (seats_user_get_display_name (user_of (&fixture->snapshot, "user-3")), ==, "User Three");
  g_assert_nonnull (user_of (&fixture->snapshot, "hand-1"));
  /* 8 active, and Nina. */
  g_assert_cmpuint (seats_product_get_in_use (user_seats (&fixture->snapshot)), ==, 9);

  /* Signed in as her address, which follows it when it changes. */
  g_assert_cmpstr (seats_user_get_user_name (user_of (&fixture->snapshot, "hand-1")), ==, "nina@example.test");
  {
    g_autoptr(SeatsUser) moved = seats_object_dup (user_of (&fixture->snapshot, "hand-1"));
    g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(SeatsChange) change = NULL;

    seats_user_set_email (moved, "nina.berg@example.test");
    g_ptr_array_add (users, g_object_ref (moved));
    change = seats_change_new_users_put (users, NULL, NULL);
    take (fixture, seats_local_apply (change, &fixture->snapshot, &fixture->today, 8002, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpstr (seats_user_get_user_name (user_of (&fixture->snapshot, "hand-1")), ==,
                   "nina.berg@example.test");
}

/* A monthly period begun on January 31 turns on the last day of shorter
 * months and on the 31st again after, however many turns there are; the
 * anchor stays while the terms change in other ways. */
static void
test_turn_31st (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SeatsTerms) terms = seats_terms_copy (fixture->terms);
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(SeatsReminder) reminder = { 0 };
  GDate day;

  terms->period_start = seats_julian_from_ymd (2027, 1, 31);
  change = seats_change_new_terms (terms);
  g_date_set_dmy (&day, 31, G_DATE_JANUARY, 2027);
  take (fixture, seats_local_apply (change, &fixture->snapshot, &day, 9000, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seats_subscription_get_anchor_julian (fixture->snapshot.subscription), ==,
                    seats_julian_from_ymd (2027, 1, 31));
  g_assert_cmpuint (seats_subscription_get_period_end_julian (fixture->snapshot.subscription), ==,
                    seats_julian_from_ymd (2027, 2, 28));
  g_assert_cmpuint (seats_subscription_period_after (fixture->snapshot.subscription,
                                                     seats_julian_from_ymd (2027, 2, 28)), ==,
                    seats_julian_from_ymd (2027, 3, 31));

  /* Turned three times: February 28, March 31, April 30. */
  g_date_set_dmy (&day, 15, G_DATE_MAY, 2027);
  take (fixture, seats_local_turn (&fixture->snapshot, &day, 9001));
  g_assert_cmpuint (seats_subscription_get_period_start_julian (fixture->snapshot.subscription), ==,
                    seats_julian_from_ymd (2027, 4, 30));
  g_assert_cmpuint (seats_subscription_get_period_end_julian (fixture->snapshot.subscription), ==,
                    seats_julian_from_ymd (2027, 5, 31));

  /* The price changed: the anchor stays, and so does the 31st. */
  g_clear_pointer (&change, seats_change_unref);
  g_clear_pointer (&terms, seats_terms_free);
  terms = seats_terms_from_snapshot (&fixture->snapshot);
  terms->price = 39900;
  change = seats_change_new_terms (terms);
  take (fixture, seats_local_apply (change, &fixture->snapshot, &day, 9002, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seats_subscription_get_anchor_julian (fixture->snapshot.subscription), ==,
                    seats_julian_from_ymd (2027, 1, 31));
  g_assert_cmpuint (seats_subscription_get_period_end_julian (fixture->snapshot.subscription), ==,
                    seats_julian_from_ymd (2027, 5, 31));

  /* Quarterly from April 30, counted from January 31: then July 31; and
   * undone, monthly from the 31st again. */
  {
    g_autoptr(SeatsTerms) quarterly = seats_terms_from_snapshot (&fixture->snapshot);
    g_autoptr(SeatsChange) longer = NULL;
    g_autoptr(SeatsChange) undo = NULL;

    quarterly->period_months = 3;
    longer = seats_change_new_terms (quarterly);
    undo = seats_change_invert (longer, &fixture->snapshot);
    take (fixture, seats_local_apply (longer, &fixture->snapshot, &day, 9003, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (seats_subscription_get_period_end_julian (fixture->snapshot.subscription), ==,
                      seats_julian_from_ymd (2027, 7, 31));
    take (fixture, seats_local_apply (undo, &fixture->snapshot, &day, 9004, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (seats_subscription_get_anchor_julian (fixture->snapshot.subscription), ==,
                      seats_julian_from_ymd (2027, 1, 31));
    g_assert_cmpuint (seats_subscription_get_period_end_julian (fixture->snapshot.subscription), ==,
                      seats_julian_from_ymd (2027, 5, 31));
  }

  /* The reminder after the notice date looks at the period after: June 30,
   * whose notice of 14 days ends June 16. */
  g_date_set_dmy (&day, 20, G_DATE_MAY, 2027);
  g_assert_true (seats_reminder_compute (&fixture->snapshot, &day, 7, &reminder));
  g_assert_cmpuint (reminder.period_end, ==, seats_julian_from_ymd (2027, 6, 30));
  g_assert_cmpuint (reminder.notice_date, ==, seats_julian_from_ymd (2027, 6, 16));
}

/* The users of a service merged into terms kept here: a delta stays a
 * delta of the users that changed, so that a later full pull still finds
 * who was deleted; a full pull stays full; nothing new, nothing written. */
static void
test_merge_users (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(SeatsAccount) scim = seats_object_dup (fixture->snapshot.account);
  g_autoptr(SeatsPull) delta = seats_pull_new (SEATS_PULL_DELTA);
  g_autoptr(SeatsPull) unchanged = seats_pull_new (SEATS_PULL_UNCHANGED);
  g_autoptr(SeatsPull) full = seats_pull_new (SEATS_PULL_FULL);
  g_autoptr(SeatsPull) merged = NULL;
  g_autoptr(SeatsUser) left = seats_object_dup (user_of (&fixture->snapshot, "user-0"));
  const char *deleted[] = { "user-9", NULL };

  seats_account_set_source (scim, SEATS_ACCOUNT_SOURCE_SCIM);
  g_set_object (&fixture->snapshot.account, scim);

  g_assert_null (seats_local_merge_users (&fixture->snapshot, unchanged, &fixture->today, 9100));

  seats_user_set_active (left, FALSE);
  delta->parts = SEATS_PULL_PART_USERS;
  seats_user_list_append (delta->snapshot.users, left);
  delta->deleted_ids = g_strdupv ((char **) deleted);
  merged = seats_local_merge_users (&fixture->snapshot, delta, &fixture->today, 9101);
  g_assert_nonnull (merged);
  g_assert_cmpint (merged->kind, ==, SEATS_PULL_DELTA);
  g_assert_true (merged->parts & SEATS_PULL_PART_PRODUCTS);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (merged->snapshot.users)), ==, 1);
  g_assert_cmpstr (merged->deleted_ids[0], ==, "user-9");
  g_assert_null (merged->deleted_ids[1]);
  /* Eight counted, user-0 no longer. */
  g_assert_cmpuint (seats_product_get_in_use (user_seats (&merged->snapshot)), ==, 7);
  g_clear_pointer (&merged, seats_pull_free);

  full->parts = SEATS_PULL_PART_ACCOUNT | SEATS_PULL_PART_USERS;
  seats_user_list_append (full->snapshot.users, left);
  merged = seats_local_merge_users (&fixture->snapshot, full, &fixture->today, 9102);
  g_assert_cmpint (merged->kind, ==, SEATS_PULL_FULL);
  g_assert_cmpint (merged->parts, ==, SEATS_PULL_PARTS_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (merged->snapshot.users)), ==, 1);
  g_assert_cmpuint (seats_product_get_in_use (user_seats (&merged->snapshot)), ==, 0);
}

/* The history of orders kept here, corrected: an amount put right, an
 * order removed and added back by Undo; an order of no licenses, or one
 * that a license server keeps, is refused. */
static void
test_orders_put (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SeatsChange) buy = seats_change_new_buy (SEATS_TERMS_PRODUCT_ID, 2);
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(SeatsChange) undo = NULL;
  g_autoptr(SeatsOrder) corrected = NULL;
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  GListModel *list;

  take (fixture, seats_local_apply (buy, &fixture->snapshot, &fixture->today, 9200, &error));
  g_assert_no_error (error);
  list = G_LIST_MODEL (fixture->snapshot.orders);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  {
    g_autoptr(SeatsOrder) first = g_list_model_get_item (list, 0);

    id = g_strdup (seats_order_get_id (first));
    corrected = seats_object_dup (first);
  }

  /* An amount put right: the licenses bought stay what the terms say. */
  seats_order_set_amount (corrected, 65000);
  g_ptr_array_add (orders, g_object_ref (corrected));
  change = seats_change_new_orders_put (orders, NULL);
  take (fixture, seats_local_apply (change, &fixture->snapshot, &fixture->today, 9201, &error));
  g_assert_no_error (error);
  list = G_LIST_MODEL (fixture->snapshot.orders);
  {
    g_autoptr(SeatsOrder) order = g_list_model_get_item (list, 0);

    g_assert_cmpint (seats_order_get_amount (order), ==, 65000);
  }
  g_assert_cmpuint (seats_product_get_purchased (user_seats (&fixture->snapshot)), ==, 14);
  g_assert_cmpstr (seats_action_entry_get_action (newest_action (&fixture->snapshot)), ==,
                   "orders-corrected-here");
  g_clear_pointer (&change, seats_change_unref);

  /* Removed, and back with Undo. */
  {
    const char *removed[] = { id, NULL };
    g_autoptr(GPtrArray) none = g_ptr_array_new ();

    change = seats_change_new_orders_put (none, removed);
    undo = seats_change_invert (change, &fixture->snapshot);
    take (fixture, seats_local_apply (change, &fixture->snapshot, &fixture->today, 9202, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->snapshot.orders)), ==, 0);
    take (fixture, seats_local_apply (undo, &fixture->snapshot, &fixture->today, 9203, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->snapshot.orders)), ==, 1);
    g_clear_pointer (&change, seats_change_unref);
  }

  /* An order of no licenses. */
  seats_order_set_quantity (corrected, 0);
  change = seats_change_new_orders_put (orders, NULL);
  g_assert_null (seats_local_apply (change, &fixture->snapshot, &fixture->today, 9204, &error));
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE);
  g_assert_cmpstr (error->message, ==, "An order is of one license or more.");
  g_clear_error (&error);

  /* A license server keeps its own orders. */
  seats_order_set_quantity (corrected, 2);
  seats_account_set_source (fixture->snapshot.account, SEATS_ACCOUNT_SOURCE_LICENSE_SERVER);
  g_assert_null (seats_change_check (change, &fixture->snapshot, &fixture->today, NULL, &error));
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

  ADD ("/local/counted", test_counted);
  ADD ("/local/buy", test_buy);
  ADD ("/local/next-period-refused", test_next_period_refused);
  ADD ("/local/users-put", test_users_put);
  ADD ("/local/user-by-hand", test_user_by_hand);
  ADD ("/local/activate", test_activate);
  ADD ("/local/turn", test_turn);
  ADD ("/local/turn-grace", test_turn_grace);
  ADD ("/local/turn-31st", test_turn_31st);
  ADD ("/local/merge-users", test_merge_users);
  ADD ("/local/orders-put", test_orders_put);
  ADD ("/local/reminder", test_reminder);
  ADD ("/local/overview", test_overview);
  g_test_add_func ("/local/overview-totals", test_overview_totals);

  return g_test_run ();
}
