/* test-licenses-page.c: the Licenses page, driven as an administrator would
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seats-activate-license-dialog.h"
#include "seats-banner.h"
#include "seats-billing-page.h"
#include "seats-buy-dialog.h"
#include "seats-format.h"
#include "seats-holders-dialog.h"
#include "seats-licenses-page.h"
#include "seats-next-period-dialog.h"
#include "seats-rules.h"
#include "seats-seat-chart.h"
#include "seats-trial-dialog.h"
#include "server-test-helper.h"
#include "sync-test-helper.h"
#include "ui-test-helper.h"

/* What a person reads, in the language under test: the words are written
 * out here, not taken from the catalogue, so that a missing translation
 * fails. */
static const struct {
  const char *language;
  const char *user_licenses;
  const char *modules;
  const char *euro;
  const char *server_refusal;
} expected_texts[] = {
  { "en", "User Licenses", "Add-on Modules", "EUR",
    "The number of licenses cannot be lower than the number of active users. "
    "Deactivate 1 user first, or keep at least 21 licenses." },
  { "nl", "Gebruikerslicenties", "Aanvullende modules", "€\u00a0",
    "Het aantal licenties kan niet lager zijn dan het aantal actieve gebruikers. "
    "Deactiveer eerst 1 gebruiker, of houd minstens 21 licenties." },
  { "sv", "Användarlicenser", "Tilläggsmoduler", "EUR",
    "Antalet licenser kan inte vara lägre än antalet aktiva användare. "
    "Inaktivera först 1 användare, eller behåll minst 21 licenser." },
};

static guint expected_index;

#define EXPECTED (expected_texts[expected_index])

static void
demolen_set_up (UiFixture     *fixture,
                gconstpointer  user_data)
{
  ui_fixture_set_up (fixture, user_data != NULL ? user_data : "demolen", FALSE);
}

static void
viewer_set_up (UiFixture     *fixture,
               gconstpointer  user_data)
{
  ui_fixture_set_up (fixture, "demolen", TRUE);
}

static void
fixture_tear_down (UiFixture     *fixture,
                   gconstpointer  user_data)
{
  ui_fixture_tear_down (fixture);
}

static SeatsLicensesPage *
get_page (UiFixture *fixture)
{
  GtkWidget *page;

  seats_window_set_visible_page (fixture->window, "licenses");
  ui_iterate ();
  ui_assert_access_keys_unique (GTK_WIDGET (fixture->window));
  page = ui_find (GTK_WIDGET (fixture->window), SEATS_TYPE_LICENSES_PAGE, NULL);
  g_assert_nonnull (page);

  return SEATS_LICENSES_PAGE (page);
}

static const char *
label_text (GtkWidget  *root,
            const char *id)
{
  GtkWidget *label = ui_find_by_id (root, id);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static gboolean
no_dialog (gpointer data)
{
  return ui_find_dialog (GPOINTER_TO_SIZE (data)) == NULL;
}

static gboolean
engine_idle (gpointer data)
{
  return seats_sync_engine_get_status (SEATS_SYNC_ENGINE (data)) != SEATS_SYNC_STATUS_SYNCING;
}

static void
assert_no_dialog_opens (SeatsLicensesPage *page,
                        const char        *action,
                        GType              dialog_type)
{
  g_test_message ("%s must not open anything", action);
  gtk_widget_activate_action (GTK_WIDGET (page), action, NULL);
  ui_iterate ();
  g_assert_null (ui_find_dialog (dialog_type));
}

static SeatsHistoryPoint *
newest_point (GListModel *history)
{
  SeatsHistoryPoint *last = NULL;
  guint32 newest = 0;

  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(SeatsHistoryPoint) point = g_list_model_get_item (history, i);

      if (seats_history_point_get_month_julian (point) > newest)
        {
          newest = seats_history_point_get_month_julian (point);
          g_set_object (&last, point);
        }
    }

  g_assert_nonnull (last);
  return last;
}

static void
test_licenses_summary (UiFixture     *fixture,
                       gconstpointer  user_data)
{
  SeatsLicensesPage *page = get_page (fixture);
  GtkWidget *root = GTK_WIDGET (page);
  SeatsProduct *seats = seats_sync_engine_find_user_seats (fixture->engine);
  SeatsAccount *account = seats_sync_engine_get_account (fixture->engine);
  g_autofree char *purchased = seats_format_count (seats_product_get_purchased (seats));
  g_autofree char *in_use = seats_format_count (seats_product_get_in_use (seats));
  g_autofree char *available = seats_format_count (seats_product_get_purchased (seats) -
                                                   seats_product_get_in_use (seats));
  g_autofree char *next = seats_format_count (seats_product_get_next_period (seats));
  g_autofree char *description = NULL;
  g_autofree char *price = NULL;

  /* The organization heads the page; the counts are the engine's. */
  g_assert_true (ui_shows_text (root, seats_account_get_name (account)));
  g_assert_cmpstr (label_text (root, "purchased_value"), ==, purchased);
  g_assert_cmpstr (label_text (root, "in_use_value"), ==, in_use);
  g_assert_cmpstr (label_text (root, "available_value"), ==, available);
  g_assert_cmpstr (label_text (root, "next_period_value"), ==, next);

  /* The groups, in the person's language, and money as the locale writes it. */
  g_assert_true (ui_shows_text (root, EXPECTED.user_licenses));
  g_assert_true (ui_shows_text (root, EXPECTED.modules));
  price = seats_format_money (seats_product_get_price (seats), seats_product_get_currency (seats));
  g_assert_nonnull (strstr (price, EXPECTED.euro));
  g_assert_true (ui_shows_text_containing (root, price));

  /* The chart says in words what it shows. */
  g_assert_cmpuint (g_list_model_get_n_items (seats_sync_engine_get_history (fixture->engine)), >, 0);
  description = seats_seat_chart_describe (seats_sync_engine_get_history (fixture->engine));
  {
    g_autoptr(SeatsHistoryPoint) last = newest_point (seats_sync_engine_get_history (fixture->engine));
    g_autofree char *used = seats_format_count (seats_history_point_get_used (last));

    g_assert_nonnull (strstr (description, used));
  }

  /* The pending license of demolen is announced. */
  g_assert_true (seats_banner_get_revealed (SEATS_BANNER (ui_find_by_id (root, "pending_banner"))));
}

static void
test_licenses_buy (UiFixture     *fixture,
                   gconstpointer  user_data)
{
  SeatsLicensesPage *page = get_page (fixture);
  SeatsProduct *seats = seats_sync_engine_find_user_seats (fixture->engine);
  g_autofree char *product_id = g_strdup (seats_product_get_id (seats));
  guint purchased = seats_product_get_purchased (seats);
  guint orders = g_list_model_get_n_items (seats_sync_engine_get_orders (fixture->engine));
  g_autofree char *price = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *lowered = NULL;
  g_autofree char *total = NULL;
  g_autofree char *restores = NULL;
  g_autoptr(SeatsChange) request = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SeatsPurchaseQuote quote;
  GtkWindow *dialog;
  GtkWidget *spin;

  /* The next period lowered to the users who count, as an administrator
   * does before the period turns. */
  g_assert_cmpuint (seats_product_get_in_use (seats), <, purchased);
  request = sync_test_check (fixture->engine, seats_change_new_next_period (product_id, seats_product_get_in_use (seats)), &error);
  g_assert_no_error (error);
  seats_sync_engine_submit_async (fixture->engine, request, NULL, seats_test_done_cb, &result);
  g_assert_true (seats_sync_engine_submit_finish (fixture->engine, seats_test_wait_for (&result), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ui_fixture_sync (fixture));
  seats = seats_sync_engine_find_user_seats (fixture->engine);
  g_assert_cmpuint (seats_product_get_next_period (seats), <, purchased);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "licenses.buy", NULL));
  ui_iterate ();
  dialog = ui_find_dialog (SEATS_TYPE_BUY_DIALOG);
  g_assert_nonnull (dialog);

  /* The number to add has the focus; the price follows it. */
  spin = ui_find (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, NULL);
  g_assert_nonnull (spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 5);
  ui_iterate ();

  g_assert_true (sync_test_quote (fixture->engine, product_id, 5, &quote, &error));
  g_assert_no_error (error);
  price = seats_format_money (quote.amount, seats_product_get_currency (seats));
  g_assert_true (ui_shows_text (GTK_WIDGET (dialog), price));

  /* How the price is reached (R2): November 16 is day 16 of 30, so 15 days
   * are paid for, today included: 5 × EUR 29.50 × 15/30 = EUR 73.75. */
  g_assert_cmpuint (quote.remaining_days, ==, 15);
  g_assert_cmpuint (quote.period_days, ==, 30);
  g_assert_cmpint (quote.amount, ==, 5 * seats_product_get_price (seats) / 2);
  sum = seats_format_proration (&quote, seats_product_get_currency (seats));
  g_assert_true (ui_shows_text (GTK_WIDGET (dialog), sum));

  /* R4: De Molen had lowered its next period below what it bought; the
   * dialog says before buying that the purchase raises it to the total. */
  g_assert_cmpuint (quote.next_before, <, purchased);
  lowered = seats_format_count (quote.next_before);
  total = seats_format_count (purchased + 5);
  restores = seats_format_restored_next (&quote);
  g_assert_nonnull (restores);
  g_assert_nonnull (strstr (restores, lowered));
  g_assert_nonnull (strstr (restores, total));
  g_assert_true (ui_shows_text (GTK_WIDGET (dialog), restores));

  ui_click (ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("_Buy")));
  g_assert_true (ui_wait_for (no_dialog, GSIZE_TO_POINTER (SEATS_TYPE_BUY_DIALOG), 30000));
  g_assert_true (ui_wait_for (engine_idle, fixture->engine, 30000));

  /* Bought at once: the summary and the orders show it. */
  seats = seats_sync_engine_find_user_seats (fixture->engine);
  g_assert_cmpuint (seats_product_get_purchased (seats), ==, purchased + 5);
  after = seats_format_count (purchased + 5);
  g_assert_cmpstr (label_text (GTK_WIDGET (page), "purchased_value"), ==, after);
  g_assert_cmpuint (g_list_model_get_n_items (seats_sync_engine_get_orders (fixture->engine)), ==,
                    orders + 1);
  g_assert_cmpuint (seats_product_get_next_period (seats), ==, purchased + 5);

  /* Now the next period is the total: buying more says nothing about it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "licenses.buy", NULL));
  ui_iterate ();
  dialog = ui_find_dialog (SEATS_TYPE_BUY_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_false (gtk_widget_get_visible (ui_find_by_id (GTK_WIDGET (dialog), "restores_label")));
  g_assert_nonnull (adw_action_row_get_subtitle (ADW_ACTION_ROW (ui_find_by_id (GTK_WIDGET (dialog),
                                                                             "proration_row"))));
  gtk_window_close (dialog);
  g_assert_true (ui_wait_for (no_dialog, GSIZE_TO_POINTER (SEATS_TYPE_BUY_DIALOG), 30000));

  /* The chart ends with this month, the purchase of today in it, and says
   * so to a screen reader. */
  {
    g_autoptr(SeatsHistoryPoint) last = newest_point (seats_sync_engine_get_history (fixture->engine));
    g_autofree char *description = NULL;
    GDate today;
    GDate month;

    seats_clock_get_today (seats_sync_engine_get_clock (fixture->engine), &today);
    g_date_clear (&month, 1);
    g_date_set_julian (&month, seats_history_point_get_month_julian (last));
    g_assert_cmpuint (g_date_get_year (&month), ==, g_date_get_year (&today));
    g_assert_cmpuint (g_date_get_month (&month), ==, g_date_get_month (&today));
    g_assert_cmpuint (seats_history_point_get_purchased (last), ==, purchased + 5);

    description = seats_seat_chart_describe (seats_sync_engine_get_history (fixture->engine));
    g_assert_nonnull (strstr (description, after));
  }
}

static void
test_licenses_next_period_refused (UiFixture     *fixture,
                                   gconstpointer  user_data)
{
  SeatsLicensesPage *page = get_page (fixture);
  SeatsProduct *seats = seats_sync_engine_find_user_seats (fixture->engine);
  SeatsPolicy *policy = seats_account_get_policy (seats_sync_engine_get_account (fixture->engine));
  guint next = seats_product_get_next_period (seats);
  guint in_use = seats_product_get_in_use (seats);
  g_autoptr(GError) expected = NULL;
  SeatsRulePolicy rule_policy;
  GtkWindow *dialog;
  GtkWidget *spin;
  GtkWidget *save;
  guint over = 0;

  g_assert_cmpuint (in_use, >, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "licenses.change-next-period", NULL));
  ui_iterate ();
  dialog = ui_find_dialog (SEATS_TYPE_NEXT_PERIOD_DIALOG);
  g_assert_nonnull (dialog);
  spin = ui_find (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, NULL);
  save = ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("_Save"));
  g_assert_nonnull (save);
  g_assert_true (gtk_widget_is_sensitive (save));

  /* Below the users who count (at_least_active): the rule's answer, at once. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), in_use - 2);
  ui_iterate ();

  seats_rule_policy_init (&rule_policy);
  rule_policy.seat_floor = seats_policy_get_seat_floor (policy);
  rule_policy.min_seats = seats_policy_get_min_seats (policy);
  g_assert_false (seats_rules_check_next_period (&rule_policy, in_use - 2, in_use, &over, &expected));
  g_assert_true (ui_shows_text (GTK_WIDGET (dialog), expected->message));
  g_assert_false (gtk_widget_is_sensitive (save));

  /* Enter does nothing either, and nothing reaches the server. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "next-period.save", NULL);
  gtk_window_destroy (dialog);
  g_assert_true (ui_fixture_sync (fixture));
  seats = seats_sync_engine_find_user_seats (fixture->engine);
  g_assert_cmpuint (seats_product_get_next_period (seats), ==, next);
}

/* R5 grace: fewer licenses than users who count is allowed, and the dialog
 * names the day the users over the count are deactivated: the policy's
 * grace days after the next period starts, whatever they are. */
static void
test_licenses_next_period_grace (UiFixture     *fixture,
                                 gconstpointer  user_data)
{
  SeatsLicensesPage *page = get_page (fixture);
  SeatsProduct *seats = seats_sync_engine_find_user_seats (fixture->engine);
  SeatsPolicy *policy = seats_account_get_policy (seats_sync_engine_get_account (fixture->engine));
  SeatsSubscription *subscription = seats_sync_engine_get_subscription (fixture->engine);
  guint in_use = seats_product_get_in_use (seats);
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  GtkWindow *dialog;
  GtkWidget *spin;
  GDate deadline;

  g_assert_cmpint (seats_policy_get_seat_floor (policy), ==, SEATS_SEAT_FLOOR_GRACE);
  g_assert_cmpuint (in_use, >, 2);

  /* The period's end is the next period's first day; the deadline is the
   * last day of grace, and the users go the day after. */
  seats_julian_to_date (seats_subscription_get_period_end_julian (subscription) +
                        seats_policy_get_grace_days (policy) + 1, &deadline);
  date = seats_format_date (g_date_get_julian (&deadline));
  text = g_strdup_printf (ngettext ("%u user over the count will be deactivated on %s, unless "
                                    "licenses are bought or users deactivated first.",
                                    "%u users over the count will be deactivated on %s, unless "
                                    "licenses are bought or users deactivated first.",
                                    2),
                          2, date);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "licenses.change-next-period", NULL));
  ui_iterate ();
  dialog = ui_find_dialog (SEATS_TYPE_NEXT_PERIOD_DIALOG);
  g_assert_nonnull (dialog);
  spin = ui_find (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), in_use - 2);
  ui_iterate ();

  g_assert_true (ui_shows_text (GTK_WIDGET (dialog), text));
  g_assert_true (gtk_widget_is_sensitive (ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("_Save"))));
  gtk_window_destroy (dialog);
}

typedef struct
{
  TestServer *server;
  const char *token;
  GtkWindow  *dialog;
} ServerRefusal;

static void
activate_one_user (gpointer data)
{
  ServerRefusal *refusal = data;

  test_server_activate_one_user (refusal->server, refusal->token);
}

static gboolean
dialog_shows_refusal (gpointer data)
{
  ServerRefusal *refusal = data;

  return ui_shows_text (GTK_WIDGET (refusal->dialog), EXPECTED.server_refusal);
}

/* A license server elsewhere, a process in the C locale that answers in
 * English, refuses a count the local copy still allowed: somebody else
 * activated a user meanwhile. The window says why in the person's
 * language, with the server's figures, and keeps the dialog open. */
static void
test_licenses_next_period_refused_by_server (void)
{
  const char *args[] = { "--seed", "demo", NULL };
  g_autoptr(TestServer) server = NULL;
  g_autoptr(TestProxy) proxy = NULL;
  UiFixture fixture = { NULL, };
  ServerRefusal refusal = { NULL, };
  SeatsLicensesPage *page;
  SeatsProduct *seats;
  GtkWidget *spin;
  guint in_use;

  seats_test_set_clock (SEATS_TEST_NOW);
  server = test_server_start (args);
  proxy = test_proxy_new (server->base);
  refusal.server = server;
  refusal.token = g_hash_table_lookup (server->admin, "demolen");
  ui_fixture_set_up_remote (&fixture, test_proxy_get_uri (proxy), "demolen", refusal.token);

  test_proxy_set_forward_language (proxy, FALSE);
  test_proxy_set_before (proxy, "PUT", "/api/v1/products/seats/next-period",
                         activate_one_user, &refusal);

  page = get_page (&fixture);
  seats = seats_sync_engine_find_user_seats (fixture.engine);
  in_use = seats_product_get_in_use (seats);
  g_assert_cmpuint (in_use, ==, 20);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "licenses.change-next-period", NULL));
  ui_iterate ();
  refusal.dialog = ui_find_dialog (SEATS_TYPE_NEXT_PERIOD_DIALOG);
  g_assert_nonnull (refusal.dialog);
  spin = ui_find (GTK_WIDGET (refusal.dialog), GTK_TYPE_SPIN_BUTTON, NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), in_use);
  ui_iterate ();

  gtk_widget_activate_action (GTK_WIDGET (refusal.dialog), "next-period.save", NULL);
  g_assert_true (ui_wait_for (dialog_shows_refusal, &refusal, 30000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (refusal.dialog)));
  g_assert_cmpstr (test_json_string (test_proxy_get_last_problem (proxy), "code"), ==,
                   "below-counted-users");

  ui_fixture_tear_down (&fixture);
}

static gboolean
module_in_use_is (gpointer data)
{
  UiFixture *fixture = data;
  SeatsProduct *product = seats_sync_engine_find_product (fixture->engine, "scheduling");

  return seats_sync_engine_get_status (fixture->engine) != SEATS_SYNC_STATUS_SYNCING &&
         seats_product_get_in_use (product) == GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (fixture->engine),
                                                                                    "wanted"));
}

static gboolean
no_pending (gpointer data)
{
  UiFixture *fixture = data;

  return seats_sync_engine_get_pending_license (fixture->engine) == NULL &&
         seats_sync_engine_get_status (fixture->engine) != SEATS_SYNC_STATUS_SYNCING;
}

static void
test_licenses_activate (UiFixture     *fixture,
                        gconstpointer  user_data)
{
  SeatsLicensesPage *page = get_page (fixture);
  SeatsProduct *scheduling = seats_sync_engine_find_product (fixture->engine, "scheduling");
  guint in_use = seats_product_get_in_use (scheduling);
  g_autofree char *short_text = NULL;
  g_autofree char *surplus_count = NULL;
  GtkWindow *dialog;
  GtkWindow *surplus;
  GtkWidget *activate;
  guint new_count = 0;

  /* demolen's new license has fewer scheduling licenses than are in use. */
  {
    GListModel *changes = seats_pending_license_get_changes (seats_sync_engine_get_pending_license (fixture->engine));

    for (guint i = 0; i < g_list_model_get_n_items (changes); i++)
      {
        g_autoptr(SeatsLicenseChange) change = g_list_model_get_item (changes, i);

        if (g_str_equal (seats_license_change_get_product_id (change), "scheduling"))
          new_count = seats_license_change_get_new_count (change);
      }
  }
  g_assert_cmpuint (new_count, <, in_use);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "licenses.activate-license", NULL));
  ui_iterate ();
  dialog = ui_find_dialog (SEATS_TYPE_ACTIVATE_LICENSE_DIALOG);
  g_assert_nonnull (dialog);

  /* The short product, in words; Activate waits. */
  surplus_count = seats_format_count (in_use - new_count);
  short_text = g_strdup_printf (ngettext ("%s too many in use", "%s too many in use", in_use - new_count),
                                surplus_count);
  g_assert_true (ui_shows_text (GTK_WIDGET (dialog), short_text));
  g_assert_true (ui_shows_text (GTK_WIDGET (dialog), seats_product_get_name (scheduling)));
  activate = ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("_Activate"));
  g_assert_nonnull (activate);
  g_assert_false (gtk_widget_is_sensitive (activate));

  /* Remove the surplus from its holders. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "license.remove-surplus", "s", "scheduling"));
  ui_iterate ();
  surplus = ui_find_dialog (SEATS_TYPE_HOLDERS_DIALOG);
  g_assert_nonnull (surplus);

  while (in_use > new_count)
    {
      GtkWidget *remove = ui_find (GTK_WIDGET (surplus), GTK_TYPE_BUTTON, _("Remove"));

      g_assert_nonnull (remove);
      ui_click (remove);
      in_use--;
      g_object_set_data (G_OBJECT (fixture->engine), "wanted", GUINT_TO_POINTER (in_use));
      g_assert_true (ui_wait_for (module_in_use_is, fixture, 30000));
    }
  gtk_window_destroy (surplus);
  ui_iterate ();

  /* Nothing short: the license can be activated, and the banner goes. */
  g_assert_true (gtk_widget_is_sensitive (activate));
  ui_click (activate);
  g_assert_true (ui_wait_for (no_pending, fixture, 30000));
  g_assert_true (ui_wait_for (no_dialog, GSIZE_TO_POINTER (SEATS_TYPE_ACTIVATE_LICENSE_DIALOG), 30000));
  g_assert_false (seats_banner_get_revealed (SEATS_BANNER (ui_find_by_id (GTK_WIDGET (page),
                                                                          "pending_banner"))));
}

typedef struct
{
  UiFixture  *fixture;
  const char *user_id;
  gboolean    holds;
} Holding;

static gboolean
holding_is (gpointer data)
{
  Holding *holding = data;
  SeatsUser *user = seats_sync_engine_find_user (holding->fixture->engine, holding->user_id);

  return seats_sync_engine_get_status (holding->fixture->engine) != SEATS_SYNC_STATUS_SYNCING &&
         user != NULL && seats_user_has_module (user, "imaging") == holding->holds;
}

/* A person who counts and does not hold the X-ray module, other than @not. */
static SeatsUser *
find_non_holder (UiFixture  *fixture,
                 const char *not)
{
  GListModel *users = seats_sync_engine_get_users (fixture->engine);

  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      if (seats_user_get_active (user) && seats_user_get_end_date_julian (user) == 0 &&
          !seats_user_has_module (user, "imaging") && g_strcmp0 (seats_user_get_id (user), not) != 0)
        return user;
    }

  g_assert_not_reached ();
}

static const char *
holders_status (GtkWindow *dialog)
{
  return gtk_label_get_text (GTK_LABEL (ui_find_by_id (GTK_WIDGET (dialog), "module_status_label")));
}

static void
search_holders (GtkWindow  *dialog,
                const char *text)
{
  GtkWidget *entry = ui_find (GTK_WIDGET (dialog), GTK_TYPE_SEARCH_ENTRY, NULL);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* The entry waits a moment before it searches. */
  g_signal_emit_by_name (entry, "activate");
  ui_iterate ();
}

static void
wait_for_holding (UiFixture  *fixture,
                  const char *user_id,
                  gboolean    holds)
{
  Holding holding = { fixture, user_id, holds };

  g_assert_true (ui_wait_for (holding_is, &holding, 30000));
  ui_iterate ();
}

/* R7: a module's seat is given from its holders dialog with a search, and
 * taken, both undone from the toast; no seat free refuses it with the way
 * out; a holder whose end date has passed is pointed out. */
static void
test_licenses_module_holders (UiFixture     *fixture,
                              gconstpointer  user_data)
{
  SeatsLicensesPage *page = get_page (fixture);
  SeatsProduct *imaging = seats_sync_engine_find_product (fixture->engine, "imaging");
  g_autofree char *name = g_strdup (seats_product_get_name (imaging));
  guint purchased = seats_product_get_purchased (imaging);
  guint in_use = seats_product_get_in_use (imaging);
  g_autofree char *in_use_text = seats_format_count (in_use);
  g_autofree char *purchased_text = seats_format_count (purchased);
  g_autofree char *free_text = seats_format_count (purchased - in_use);
  g_autofree char *status = NULL;
  g_autofree char *assigned = NULL;
  g_autofree char *taken = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *first_name = NULL;
  g_autofree char *last_day = NULL;
  g_autofree char *left = NULL;
  g_autoptr(GError) refusal = NULL;
  SeatsUser *leaver = NULL;
  GtkWindow *dialog;
  GtkWidget *assign;
  SeatsUser *user;

  g_assert_cmpuint (purchased - in_use, ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "licenses.show-holders", "s", "imaging"));
  ui_iterate ();
  dialog = ui_find_dialog (SEATS_TYPE_HOLDERS_DIALOG);
  g_assert_nonnull (dialog);

  /* The seats of the module, in words, and only its holders listed. */
  status = g_strdup_printf (ngettext ("%s of %s in use, %s free: search for someone to give it to.",
                                      "%s of %s in use, %s free: search for someone to give it to.",
                                      purchased - in_use),
                            in_use_text, purchased_text, free_text);
  {
    GListModel *users = seats_sync_engine_get_users (fixture->engine);
    g_autofree char *with_left = NULL;
    g_autofree char *left_status = NULL;
    guint n_left = 0;
    GDate today, end;

    seats_clock_get_today (seats_sync_engine_get_clock (fixture->engine), &today);
    for (guint i = 0; i < g_list_model_get_n_items (users); i++)
      {
        g_autoptr(SeatsUser) item = g_list_model_get_item (users, i);

        g_date_clear (&end, 1);
        if (seats_user_has_module (item, "imaging") &&
            seats_julian_to_date (seats_user_get_end_date_julian (item), &end) &&
            seats_rules_user_has_left (&end, &today))
          {
            leaver = item;
            n_left++;
          }
      }
    /* Translators' words, as the dialog writes them */
    if (n_left > 0)
      {
        left_status = g_strdup_printf (ngettext ("%u holder has left: remove the module from them to free "
                                                 "the license.",
                                                 "%u holders have left: remove the module from them to free "
                                                 "their licenses.", n_left), n_left);
        with_left = g_strdup_printf ("%s %s", status, left_status);
        g_free (status);
        status = g_steal_pointer (&with_left);
      }
  }
  g_assert_cmpstr (holders_status (dialog), ==, status);
  g_assert_null (ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("Assign")));

  /* A holder whose last day has passed still holds the module: the row
   * says so, and the dialog how to free the license. */
  g_assert_nonnull (leaver);
  last_day = seats_format_date (seats_user_get_end_date_julian (leaver));
  left = g_strdup_printf (_("Left on %s and still holds this module"), last_day);
  g_assert_true (ui_shows_text (GTK_WIDGET (dialog), left));

  /* Searching finds somebody who does not hold it, to give it to. */
  user = find_non_holder (fixture, NULL);
  first_id = g_strdup (seats_user_get_id (user));
  first_name = g_strdup (seats_user_get_display_name (user));
  search_holders (dialog, seats_user_get_email (user));
  assign = ui_wait_for_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("Assign"));
  g_assert_nonnull (assign);
  g_assert_true (gtk_widget_is_sensitive (assign));
  ui_click (assign);
  wait_for_holding (fixture, first_id, TRUE);
  g_assert_cmpuint (seats_product_get_in_use (seats_sync_engine_find_product (fixture->engine, "imaging")),
                    ==, in_use + 1);
  assigned = g_strdup_printf (ngettext ("“%s” assigned to %s — %u free now",
                                        "“%s” assigned to %s — %u free now", 0), name, first_name, 0);
  g_assert_true (ui_shows_text (GTK_WIDGET (fixture->window), assigned));

  /* Now none is free: nobody else can be given it, and the dialog says
   * why and offers to buy more. */
  g_assert_false (seats_rules_check_module_assignment (name, purchased, in_use + 1, &refusal));
  g_assert_true (g_str_has_prefix (holders_status (dialog), refusal->message));
  g_assert_true (gtk_widget_get_visible (ui_find_by_id (GTK_WIDGET (dialog), "buy_button")));
  search_holders (dialog, seats_user_get_email (find_non_holder (fixture, first_id)));
  assign = ui_wait_for_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("Assign"));
  g_assert_nonnull (assign);
  g_assert_false (gtk_widget_is_sensitive (assign));

  /* Undo takes it back. */
  ui_click (ui_find (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, _("_Undo")));
  wait_for_holding (fixture, first_id, FALSE);
  g_assert_cmpuint (seats_product_get_in_use (seats_sync_engine_find_product (fixture->engine, "imaging")),
                    ==, in_use);
  g_assert_cmpstr (holders_status (dialog), ==, status);

  /* Taking it from a holder is undone the same way. */
  {
    GListModel *users = seats_sync_engine_get_users (fixture->engine);
    g_autofree char *holder_id = NULL;
    g_autofree char *holder_name = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (users) && holder_id == NULL; i++)
      {
        g_autoptr(SeatsUser) item = g_list_model_get_item (users, i);

        if (seats_user_has_module (item, "imaging"))
          {
            holder_id = g_strdup (seats_user_get_id (item));
            holder_name = g_strdup (seats_user_get_display_name (item));
            search_holders (dialog, seats_user_get_email (item));
          }
      }
    g_assert_nonnull (holder_id);
    ui_click (ui_wait_for_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("Remove")));
    wait_for_holding (fixture, holder_id, FALSE);
    taken = g_strdup_printf (ngettext ("“%s” taken from %s — %u free now",
                                       "“%s” taken from %s — %u free now", purchased - in_use + 1),
                             name, holder_name, purchased - in_use + 1);
    g_assert_true (ui_shows_text (GTK_WIDGET (fixture->window), taken));
    ui_click (ui_find (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, _("_Undo")));
    wait_for_holding (fixture, holder_id, TRUE);
  }
}

static void
test_licenses_file (UiFixture     *fixture,
                    gconstpointer  user_data)
{
  SeatsLicensesPage *page = get_page (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) expected = NULL;
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GBytes) bad = NULL;
  g_autoptr(SeatsPendingLicense) none = NULL;
  g_autofree char *text = seats_server_export_license (fixture->vendor->server, "demolen", &error);
  g_autofree char *tampered = NULL;
  guint purchased = seats_product_get_purchased (seats_sync_engine_find_user_seats (fixture->engine));
  GtkWindow *dialog;
  char *count;

  g_assert_no_error (error);
  g_assert_nonnull (text);

  /* One count changed after signing, the signature kept. */
  {
    const char *start = strstr (text, "\"payload\":\"") + strlen ("\"payload\":\"");
    const char *end = strchr (start, '"');
    g_autofree char *encoded = g_strndup (start, end - start);
    g_autofree guchar *payload = NULL;
    g_autofree char *payload_text = NULL;
    g_autofree char *reencoded = NULL;
    gsize length = 0;

    payload = g_base64_decode (encoded, &length);
    payload_text = g_strndup ((const char *) payload, length);
    count = strstr (payload_text, "\"count\"");
    if (count == NULL)
      g_error ("The license file carries no count");
    while (!g_ascii_isdigit (*count))
      count++;
    *count = *count == '9' ? '8' : *count + 1;
    reencoded = g_base64_encode ((const guchar *) payload_text, length);
    tampered = g_strdup_printf ("%.*s%s%s", (int) (start - text), text, reencoded, end);
  }

  none = seats_sync_engine_check_license_file (fixture->engine, tampered, strlen (tampered), &expected);
  g_assert_null (none);
  g_assert_nonnull (expected);

  bad = g_bytes_new (tampered, strlen (tampered));
  dialog = seats_licenses_page_load_license_bytes (page, bad, NULL);
  ui_iterate ();
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), expected->message));
  gtk_window_destroy (dialog);

  /* Nothing changed. */
  g_assert_true (ui_fixture_sync (fixture));
  g_assert_cmpuint (seats_product_get_purchased (seats_sync_engine_find_user_seats (fixture->engine)), ==,
                    purchased);
  g_assert_nonnull (seats_sync_engine_get_pending_license (fixture->engine));

  /* The vendor's own file shows what it changes, to import. */
  good = g_bytes_new (text, strlen (text));
  dialog = seats_licenses_page_load_license_bytes (page, good, NULL);
  ui_iterate ();
  g_assert_true (SEATS_IS_ACTIVATE_LICENSE_DIALOG (dialog));
  g_assert_nonnull (ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("_Import")));
  g_assert_true (ui_shows_text (GTK_WIDGET (dialog),
                                seats_product_get_name (seats_sync_engine_find_product (fixture->engine,
                                                                                        "scheduling"))));
  gtk_window_destroy (dialog);
}

/* Whether any label under @root, shown, has @needle in its text next to
 * a figure. */
static gboolean
shows_part (GtkWidget  *root,
            const char *needle)
{
  const char *text = GTK_IS_LABEL (root) ? gtk_label_get_text (GTK_LABEL (root)) : NULL;

  if (!gtk_widget_get_mapped (root))
    return FALSE;
  if (text != NULL && strstr (text, needle) != NULL && strpbrk (text, "0123456789") != NULL)
    {
      g_test_message ("shown: “%s”", gtk_label_get_text (GTK_LABEL (root)));
      return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (shows_part (child, needle))
      return TRUE;

  return FALSE;
}

static void
test_licenses_viewer (UiFixture     *fixture,
                      gconstpointer  user_data)
{
  SeatsLicensesPage *page = get_page (fixture);
  g_autofree char *zero = seats_format_money (0, "EUR");
  GString *symbol = g_string_new (NULL);

  /* R15: as the Billing page says, the server shares no prices with a
   * viewer, and the page shows none: no amount of euros anywhere. */
  for (const char *p = zero; *p; p = g_utf8_next_char (p))
    if (!g_ascii_isdigit (*p) && *p != '.' && *p != ',' && !g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (symbol, g_utf8_get_char (p));
  g_assert_cmpuint (symbol->len, >, 0);
  g_assert_false (shows_part (GTK_WIDGET (page), symbol->str));
  g_string_free (symbol, TRUE);
  {
    g_auto(GStrv) around = g_strsplit (_("%s per month"), "%s", 2);

    for (guint i = 0; around[i] != NULL; i++)
      if (g_strstrip (around[i])[0] != '\0')
        g_assert_false (shows_part (GTK_WIDGET (page), around[i]));
  }

  /* A viewer sees the counts but no way to change them. */
  g_assert_true (ui_shows_text (GTK_WIDGET (page), EXPECTED.user_licenses));
  g_assert_null (ui_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, _("Bu_y Licenses…")));
  g_assert_null (ui_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, _("Change _Next Period…")));

  assert_no_dialog_opens (page, "licenses.buy", SEATS_TYPE_BUY_DIALOG);
  assert_no_dialog_opens (page, "licenses.change-next-period", SEATS_TYPE_NEXT_PERIOD_DIALOG);
  assert_no_dialog_opens (page, "licenses.activate-license", SEATS_TYPE_ACTIVATE_LICENSE_DIALOG);
}

static void
test_licenses_reseller (UiFixture     *fixture,
                        gconstpointer  user_data)
{
  SeatsLicensesPage *page = get_page (fixture);
  SeatsPolicy *policy = seats_account_get_policy (seats_sync_engine_get_account (fixture->engine));
  g_autofree char *managed = g_strdup_printf (_("Managed by %s"), seats_policy_get_reseller_name (policy));
  GtkWidget *buy;
  const char *tooltip;

  /* Where to change it, by name; the buttons say why they are off. */
  g_assert_true (seats_policy_is_resold (policy));
  g_assert_true (ui_shows_text (GTK_WIDGET (page), managed));
  buy = ui_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, _("Bu_y Licenses…"));
  g_assert_nonnull (buy);
  g_assert_false (gtk_widget_is_sensitive (buy));
  tooltip = gtk_widget_get_tooltip_text (buy);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, seats_policy_get_reseller_name (policy)));

  assert_no_dialog_opens (page, "licenses.buy", SEATS_TYPE_BUY_DIALOG);
  assert_no_dialog_opens (page, "licenses.change-next-period", SEATS_TYPE_NEXT_PERIOD_DIALOG);
}

static gboolean
address_dialog_shown (gpointer data)
{
  return ui_find_dialog (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(char **) user_data = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
}

static gboolean
text_read (gpointer data)
{
  return *(char **) data != NULL;
}

/* Without a web browser, "Buy New License Types…" shows the shop's
 * address to copy, not a bare "Operation not supported". */
static void
test_licenses_shop_address (UiFixture     *fixture,
                            gconstpointer  user_data)
{
  SeatsLicensesPage *page = get_page (fixture);
  const char *shop = seats_account_get_shop_url (seats_sync_engine_get_account (fixture->engine));
  g_autoptr(GAppInfo) browser = g_app_info_get_default_for_uri_scheme ("https");
  g_autofree char *copied = NULL;
  GtkWindow *dialog;

  if (browser != NULL)
    {
      g_test_skip ("a web browser is installed here");
      return;
    }

  g_assert_nonnull (shop);
  ui_click (ui_find_by_id (GTK_WIDGET (page), "shop_row"));
  g_assert_true (ui_wait_for (address_dialog_shown, NULL, 10000));
  dialog = ui_find_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), shop));

  ui_click (ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("C_opy Address")));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (page)), NULL, read_text_cb, &copied);
  g_assert_true (ui_wait_for (text_read, &copied, 10000));
  g_assert_cmpstr (copied, ==, shop);
}

/* Submits @request and syncs, as the window does after a change. */
static void
submit_and_sync (UiFixture   *fixture,
                 SeatsChange *request)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (request);
  seats_sync_engine_submit_async (fixture->engine, request, NULL, seats_test_done_cb, &result);
  g_assert_true (seats_sync_engine_submit_finish (fixture->engine, seats_test_wait_for (&result), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ui_fixture_sync (fixture));
}

/* R5 in words on the page, and where the counts go against it: Het Baken
 * must have as many licenses as users who count. A license bought ahead
 * of the user it is for says to activate one, and the next period that
 * followed the purchase says to lower it again; each with its button. */
static void
test_licenses_policy_advice (UiFixture     *fixture,
                             gconstpointer  user_data)
{
  SeatsLicensesPage *page = get_page (fixture);
  SeatsProduct *seats = seats_sync_engine_find_user_seats (fixture->engine);
  g_autofree char *product_id = g_strdup (seats_product_get_id (seats));
  guint purchased = seats_product_get_purchased (seats);
  guint in_use = seats_product_get_in_use (seats);
  g_autoptr(SeatsChange) buy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;
  g_autofree char *next = NULL;
  SeatsRulePolicy rule;
  SeatsSeatAction action;
  GtkWidget *row;

  seats_policy_to_rule (seats_account_get_policy (seats_sync_engine_get_account (fixture->engine)), &rule);
  g_assert_cmpint (rule.seat_floor, ==, SEATS_SEAT_FLOOR_EQUAL_ACTIVE);
  g_assert_cmpuint (purchased, ==, in_use);
  g_assert_true (ui_shows_text (GTK_WIDGET (page), _("Licenses must equal the users who count")));
  g_assert_null (ui_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, _("Show Users")));

  buy = sync_test_check (fixture->engine, seats_change_new_buy (product_id, 1), &error);
  g_assert_no_error (error);
  submit_and_sync (fixture, buy);

  now = seats_rules_advise_now (&rule, purchased + 1, in_use, &action);
  g_assert_cmpint (action, ==, SEATS_SEAT_ACTION_ACTIVATE);
  next = seats_rules_advise_next (&rule, purchased + 1, in_use, &action);
  g_assert_cmpint (action, ==, SEATS_SEAT_ACTION_CHANGE_NEXT_PERIOD);
  g_assert_true (ui_shows_text (GTK_WIDGET (page), now));
  g_assert_true (ui_shows_text (GTK_WIDGET (page), next));

  /* Each says what resolves it, and its button goes there. */
  row = ui_find (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, next);
  g_assert_nonnull (row);
  ui_click (ui_find (row, GTK_TYPE_BUTTON, _("Change Next Period…")));
  ui_iterate ();
  g_assert_nonnull (ui_find_dialog (SEATS_TYPE_NEXT_PERIOD_DIALOG));
  gtk_window_destroy (ui_find_dialog (SEATS_TYPE_NEXT_PERIOD_DIALOG));
  ui_iterate ();

  row = ui_find (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, now);
  g_assert_nonnull (row);
  ui_click (ui_find (row, GTK_TYPE_BUTTON, _("Show Users")));
  ui_iterate ();
  g_assert_cmpstr (seats_window_get_visible_page (fixture->window), ==, "users");
}

/* The trial is registered, and the window has had the answer. */
static gboolean
trial_registered (gpointer data)
{
  UiFixture *fixture = data;
  SeatsSubscription *subscription = seats_sync_engine_get_subscription (fixture->engine);

  return !seats_account_get_is_trial (seats_sync_engine_get_account (fixture->engine)) &&
         subscription != NULL &&
         g_strcmp0 (seats_subscription_get_edition (subscription), "Standard") == 0;
}

static void
test_licenses_trial (UiFixture     *fixture,
                     gconstpointer  user_data)
{
  SeatsLicensesPage *page = get_page (fixture);
  SeatsAccount *account = seats_sync_engine_get_account (fixture->engine);
  g_autoptr(GError) expected = NULL;
  g_autoptr(SeatsChange) none = NULL;
  g_autofree char *days_text = NULL;
  GtkWindow *dialog;
  GtkWidget *serial;
  GtkWidget *owner;
  GDate end, today;
  guint days;

  g_assert_true (seats_account_get_is_trial (account));
  g_date_clear (&end, 1);
  g_date_clear (&today, 1);
  g_assert_true (seats_julian_to_date (seats_account_get_trial_end_julian (account), &end));
  seats_clock_get_today (seats_sync_engine_get_clock (fixture->engine), &today);
  days = seats_rules_trial_days_left (&end, &today);
  /* The demo's bakery began its 12-day trial today. */
  g_assert_cmpuint (days, ==, 12);
  days_text = g_strdup_printf (ngettext ("%u day left in the trial", "%u days left in the trial", days), days);
  g_assert_true (ui_shows_text (GTK_WIDGET (page), days_text));

  /* A serial number in the wrong form is refused where it was typed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "licenses.enter-serial", NULL));
  ui_iterate ();
  dialog = ui_find_dialog (SEATS_TYPE_TRIAL_DIALOG);
  g_assert_nonnull (dialog);
  serial = ui_find_by_id (GTK_WIDGET (dialog), "serial_row");
  owner = ui_find_by_id (GTK_WIDGET (dialog), "owner_row");
  gtk_editable_set_text (GTK_EDITABLE (serial), "12345");
  gtk_editable_set_text (GTK_EDITABLE (owner), "Bakkerij Van Dijk");

  none = sync_test_check (fixture->engine, seats_change_new_convert_trial ("12345", "Bakkerij Van Dijk"), &expected);
  g_assert_null (none);

  ui_click (ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("_Register")));
  g_assert_true (ui_shows_text (GTK_WIDGET (dialog), expected->message));
  g_assert_true (ui_find_dialog (SEATS_TYPE_TRIAL_DIALOG) == dialog);
  g_assert_true (seats_account_get_is_trial (seats_sync_engine_get_account (fixture->engine)));

  /* The vendor's serial number, typed as people do: the trial becomes
   * what was bought, its banner goes, and the Billing page keeps the
   * serial number and the owner. */
  gtk_editable_set_text (GTK_EDITABLE (serial), " abcd-1234-efgh-5678");
  ui_click (ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("_Register")));
  g_assert_true (ui_wait_for (trial_registered, fixture, 10000));
  g_assert_null (ui_find_dialog (SEATS_TYPE_TRIAL_DIALOG));
  {
    g_autofree char *edition = g_strdup_printf (_("%s edition"), "Standard");
    g_autofree char *price = seats_format_money (1450, "EUR");
    GtkWidget *billing;

    g_assert_false (ui_shows_text (GTK_WIDGET (page), days_text));
    g_assert_null (ui_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, _("Enter _Serial Number…")));
    g_assert_true (ui_shows_text (GTK_WIDGET (page), edition));
    g_assert_true (ui_shows_text_containing (GTK_WIDGET (page), price));

    seats_window_set_visible_page (fixture->window, "billing");
    ui_iterate ();
    billing = ui_find (GTK_WIDGET (fixture->window), SEATS_TYPE_BILLING_PAGE, NULL);
    g_assert_true (ui_shows_text (billing, _("Serial Number")));
    g_assert_true (ui_shows_text (billing, "ABCD-1234-EFGH-5678"));
    g_assert_true (ui_shows_text (billing, _("License Owner")));
    g_assert_true (ui_shows_text (billing, "Bakkerij Van Dijk"));
    g_assert_true (ui_shows_text (billing, "Standard"));
  }
}

/* The days the tests of the calendar are about. */
typedef struct
{
  const char *name;
  const char *now;
} CalendarDay;

static const CalendarDay calendar_days[] = {
  { "last-day-of-period", "2026-11-30T12:00:00+01:00" },
  /* Already December in Amsterdam, still November in UTC. */
  { "first-day-of-period", "2026-12-01T00:30:00+01:00" },
  { "february-29", "2028-02-29T12:00:00+01:00" },
  { "new-year", "2026-12-31T23:30:00+01:00" },
};

static void
calendar_set_up (UiFixture     *fixture,
                 gconstpointer  user_data)
{
  const CalendarDay *day = user_data;

  /* The day the test is named after, for the window and the server. */
  ui_fixture_set_up_at (fixture, "vandijk", FALSE, day->now);
}

static char *
trial_text (guint days)
{
  return g_strdup_printf (ngettext ("%u day left in the trial", "%u days left in the trial", days), days);
}

static gboolean
shows_text (gpointer data)
{
  gpointer *args = data;

  return ui_shows_text (args[0], args[1]);
}

/* The page on the days that break calendars, in the organization's zone,
 * and again just after its midnight, without anyone touching it. */
static void
test_licenses_calendar (UiFixture     *fixture,
                        gconstpointer  user_data)
{
  const CalendarDay *day = user_data;
  SeatsLicensesPage *page = get_page (fixture);
  g_autoptr(GDateTime) when = seats_test_parse_time (day->now);
  g_autoptr(GTimeZone) amsterdam = g_time_zone_new_identifier ("Europe/Amsterdam");
  g_autoptr(GDateTime) local = g_date_time_to_timezone (when, amsterdam);
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) before_midnight = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *period = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *twelve = trial_text (12);
  g_autofree char *eleven = trial_text (11);
  gpointer args[2] = { page, eleven };
  guint32 start, end;

  /* The billing period is the month of the organization's today. */
  start = seats_julian_from_ymd (g_date_time_get_year (local), g_date_time_get_month (local), 1);
  end = g_date_time_get_month (local) == 12
        ? seats_julian_from_ymd (g_date_time_get_year (local) + 1, 1, 1)
        : seats_julian_from_ymd (g_date_time_get_year (local), g_date_time_get_month (local) + 1, 1);
  first = seats_format_date (start);
  last = seats_format_date (end - 1);
  /* Translators' words, as the page writes them */
  period = g_strdup_printf (_("%s – %s"), first, last);
  period_text = g_strdup_printf (_("Billing period %s"), period);
  g_assert_true (ui_shows_text (GTK_WIDGET (page), period_text));

  /* The bakery began its 12-day trial today; the window counts as the
   * server and seatsctl do. */
  g_assert_true (ui_shows_text (GTK_WIDGET (page), twelve));

  /* Three seconds before the organization's midnight (a loaded machine
   * takes a while to lay the page out); then it turns by itself. */
  midnight = g_date_time_new (amsterdam, g_date_time_get_year (local), g_date_time_get_month (local),
                              g_date_time_get_day_of_month (local), 0, 0, 0);
  {
    g_autoptr(GDateTime) next = g_date_time_add_days (midnight, 1);

    before_midnight = g_date_time_add_seconds (next, -3);
  }
  seats_clock_set_now (seats_clock_get_default (), before_midnight);
  ui_iterate ();
  {
    g_autoptr(GDateTime) now = seats_clock_get_now (seats_clock_get_default ());
    g_autoptr(GDateTime) next = g_date_time_add_days (midnight, 1);

    /* Not a day early: while it is still before midnight, the page says
     * twelve (a machine too slow to get here in time proves nothing). */
    if (g_date_time_compare (now, next) < 0)
      g_assert_true (ui_shows_text (GTK_WIDGET (page), twelve));
  }
  g_assert_true (ui_wait_for (shows_text, args, 15000));
  g_assert_false (ui_shows_text (GTK_WIDGET (page), twelve));
}

static void
clinic_set_up (UiFixture     *fixture,
               gconstpointer  user_data)
{
  ui_fixture_set_up (fixture, "fjallgarden", FALSE);
}

static const char *
grace_title (SeatsLicensesPage *page)
{
  SeatsBanner *banner = SEATS_BANNER (ui_find_by_id (GTK_WIDGET (page), "grace_banner"));

  return seats_banner_get_revealed (banner) ? seats_banner_get_title (banner) : NULL;
}

static gboolean
grace_gone (gpointer data)
{
  return grace_title (data) == NULL;
}

/* R5, R6: users over the count with two deadlines are named with both; a
 * day past every deadline, none is left in grace. */
static void
test_licenses_grace_deadlines (UiFixture     *fixture,
                               gconstpointer  user_data)
{
  SeatsLicensesPage *page = get_page (fixture);
  GListModel *users = seats_sync_engine_get_users (fixture->engine);
  g_autoptr(SeatsChange) request = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *expected = NULL;
  SeatsUser *inactive = NULL;
  guint32 today = seats_clock_get_today_julian (seats_sync_engine_get_clock (fixture->engine));
  guint graced = 0;

  /* The demo's clinic started its period short of licenses: its newest
   * users are deactivated the day after their deadline, three days ahead. */
  first = seats_format_date (today + 4);
  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      graced += seats_user_get_grace_deadline_julian (user) != SEATS_JULIAN_NONE;
      if (inactive == NULL && !seats_user_get_active (user) && seats_user_get_end_date_julian (user) == 0)
        inactive = user;
    }
  g_assert_nonnull (inactive);
  g_assert_cmpuint (graced, >, 0);
  expected = g_strdup_printf (ngettext ("%u user will be deactivated on %s unless licenses are bought",
                                        "%u users will be deactivated on %s unless licenses are bought",
                                        graced), graced, first);
  g_assert_cmpstr (grace_title (page), ==, expected);

  /* One more over the count today: a deadline of its own, 7 days ahead. */
  request = sync_test_check (fixture->engine, seats_change_new_users_active ((const char *[]) { seats_user_get_id (inactive), NULL }, TRUE), &error);
  g_assert_no_error (error);
  seats_sync_engine_submit_async (fixture->engine, request, NULL, seats_test_done_cb, &result);
  g_assert_true (seats_sync_engine_submit_finish (fixture->engine, seats_test_wait_for (&result), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ui_fixture_sync (fixture));

  last = seats_format_date (today + 8);
  g_clear_pointer (&expected, g_free);
  /* Translators' words, as the banner writes them */
  expected = g_strdup_printf (ngettext ("%u user will be deactivated unless licenses are bought: "
                                        "the first on %s, the last on %s",
                                        "%u users will be deactivated unless licenses are bought: "
                                        "the first on %s, the last on %s",
                                        graced + 1),
                              graced + 1, first, last);
  g_assert_cmpstr (grace_title (page), ==, expected);

  /* A day past the last deadline the server has deactivated them. */
  later = g_date_time_add_days (seats_clock_get_now (seats_clock_get_default ()), 9);
  g_assert_true (seats_server_set_now (fixture->vendor->server, later, &error));
  g_assert_no_error (error);
  g_assert_true (ui_fixture_sync (fixture));
  g_assert_true (ui_wait_for (grace_gone, page, 10000));
}

int
main (int   argc,
      char *argv[])
{
  const char *language = g_getenv ("SEATS_TEST_LANGUAGE");

  gtk_test_init (&argc, &argv, NULL);
  ui_test_init ();

  /* Without a window manager, windows lose focus without telling the
   * text fields, and a blinking cursor would warn about it. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (expected_texts); i++)
    if (g_strcmp0 (language, expected_texts[i].language) == 0)
      expected_index = i;

  g_test_add ("/licenses/summary", UiFixture, NULL, demolen_set_up, test_licenses_summary,
              fixture_tear_down);
  g_test_add ("/licenses/buy", UiFixture, NULL, demolen_set_up, test_licenses_buy, fixture_tear_down);
  g_test_add ("/licenses/next-period-refused", UiFixture, NULL, demolen_set_up,
              test_licenses_next_period_refused, fixture_tear_down);
  g_test_add_func ("/licenses/next-period-refused-by-server",
                   test_licenses_next_period_refused_by_server);
  g_test_add ("/licenses/activate", UiFixture, NULL, demolen_set_up, test_licenses_activate,
              fixture_tear_down);
  g_test_add ("/licenses/file", UiFixture, NULL, demolen_set_up, test_licenses_file, fixture_tear_down);
  g_test_add ("/licenses/module-holders", UiFixture, NULL, demolen_set_up, test_licenses_module_holders,
              fixture_tear_down);
  g_test_add ("/licenses/viewer", UiFixture, NULL, viewer_set_up, test_licenses_viewer,
              fixture_tear_down);
  g_test_add ("/licenses/shop-address", UiFixture, NULL, demolen_set_up, test_licenses_shop_address,
              fixture_tear_down);
  g_test_add ("/licenses/reseller", UiFixture, "bergstrom", demolen_set_up, test_licenses_reseller,
              fixture_tear_down);
  g_test_add ("/licenses/policy-advice", UiFixture, "hetbaken", demolen_set_up,
              test_licenses_policy_advice, fixture_tear_down);
  g_test_add ("/licenses/trial", UiFixture, "vandijk", demolen_set_up, test_licenses_trial,
              fixture_tear_down);
  g_test_add ("/licenses/next-period-grace", UiFixture, NULL, clinic_set_up,
              test_licenses_next_period_grace, fixture_tear_down);
  g_test_add ("/licenses/grace-deadlines", UiFixture, NULL, clinic_set_up,
              test_licenses_grace_deadlines, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (calendar_days); i++)
    {
      g_autofree char *path = g_strdup_printf ("/licenses/calendar/%s", calendar_days[i].name);

      g_test_add (path, UiFixture, &calendar_days[i], calendar_set_up, test_licenses_calendar,
                  fixture_tear_down);
    }

  return g_test_run ();
}
