/* test-billing-page.c: the Billing page, driven as a person would
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "seats-action-text.h"
#include "seats-api-error.h"
#include "seats-billing-page.h"
#include "seats-client.h"
#include "seats-format.h"
#include "seats-rules.h"
#include "sync-test-helper.h"
#include "ui-test-helper.h"

static const char *language;

/* The server's own view, through a second client: what the page sent. */

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static JsonObject *
server_get (UiFixture  *fixture,
            const char *slug,
            const char *path)
{
  const SeatsServerOrganization *organization = seats_test_server_find (fixture->vendor, slug);
  g_autoptr(SeatsClient) client = seats_client_new (fixture->vendor->uri, organization->admin_token, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SeatsResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  seats_client_send_async (client, "GET", path, NULL, NULL, NULL, NULL, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  response = seats_client_send_finish (client, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (response->root);

  return json_object_ref (json_node_get_object (response->root));
}

static gboolean
server_feature_enabled (UiFixture  *fixture,
                        const char *feature_id)
{
  g_autoptr(JsonObject) features = server_get (fixture, "demolen", "api/v1/features");
  JsonArray *items = json_object_get_array_member (features, "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *feature = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (feature, "id"), feature_id))
        return json_object_get_boolean_member (feature, "enabled");
    }

  g_assert_not_reached ();
}

/* The page and its parts */

static GtkWidget *
show_billing (UiFixture *fixture)
{
  seats_window_set_visible_page (fixture->window, "billing");
  ui_iterate ();
  ui_assert_access_keys_unique (GTK_WIDGET (fixture->window));

  return ui_find (GTK_WIDGET (fixture->window), SEATS_TYPE_BILLING_PAGE, NULL);
}

static GtkWidget *
part (GtkWidget  *page,
      const char *id)
{
  GtkWidget *widget = ui_find_by_id (page, id);

  g_assert_nonnull (widget);
  return widget;
}

static GtkWidget *
feature_switch (GtkWidget  *page,
                const char *name)
{
  GtkWidget *row = ui_find (part (page, "features_list"), ADW_TYPE_ACTION_ROW, name);

  g_assert_nonnull (row);
  return ui_find (row, GTK_TYPE_SWITCH, NULL);
}

static SeatsFeature *
engine_feature (SeatsSyncEngine *engine,
                const char      *feature_id)
{
  GListModel *features = seats_sync_engine_get_features (engine);

  for (guint i = 0; i < g_list_model_get_n_items (features); i++)
    {
      g_autoptr(SeatsFeature) feature = g_list_model_get_item (features, i);

      if (g_str_equal (seats_feature_get_id (feature), feature_id))
        return feature;
    }

  g_assert_not_reached ();
}

static gboolean
shows_error (GtkWidget  *page,
             const char *field)
{
  g_autofree char *row_id = g_strdup_printf ("%s_error_row", field);

  return gtk_widget_get_visible (part (page, row_id));
}

static const char *
error_text (GtkWidget  *page,
            const char *field)
{
  g_autofree char *label_id = g_strdup_printf ("%s_error_label", field);

  return gtk_label_get_text (GTK_LABEL (part (page, label_id)));
}

/* Fixtures */

static void
admin_set_up (UiFixture     *fixture,
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
tear_down (UiFixture     *fixture,
           gconstpointer  user_data)
{
  ui_fixture_tear_down (fixture);
}

/* Tests */

static void
test_action_text (void)
{
  static const char *codes[] = {
    "feature-on", "feature-off", "next-period", "assign-module", "unassign-module", "order",
    "billing", "trial-converted", "user-added", "user-removed", "grace-deadline", "period-turned",
    "deactivated-at-deadline", "license-activated", "license-imported", "activate-user",
    "deactivate-user", "seats-bought", "next-period-changed", "user-deactivated",
    "feature-switched", "billing-changed", "terms-changed", "user-added-here",
    "user-changed-here", "user-removed-here", "users-imported",
  };
  g_autofree char *unknown = seats_action_text_describe ("frobnicated", "Anna");
  g_autofree char *bare = seats_action_text_describe ("frobnicated", NULL);
  g_autofree char *change = seats_action_text_change ("10", "12");
  g_autofree char *removed = seats_action_text_change ("10", NULL);
  g_autofree char *on = seats_action_text_value ("on");
  g_autofree char *date = seats_action_text_value ("2026-03-15");

  /* Every code the server writes reads as a sentence, with its subject. */
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *with = seats_action_text_describe (codes[i], "Tweestapsverificatie");
      g_autofree char *without = seats_action_text_describe (codes[i], NULL);

      g_autofree char *fallback = g_strdup_printf (_("%s: %s"), codes[i], "Tweestapsverificatie");

      g_test_message ("action code %s: “%s”", codes[i], with);
      g_assert_cmpstr (with, !=, fallback);
      g_assert_cmpstr (without, !=, codes[i]);
      g_assert_null (strstr (without, "%s"));
    }

  {
    g_autofree char *feature = seats_action_text_describe ("feature-off", "Sms");

    g_assert_nonnull (strstr (feature, "Sms"));
  }

  /* An unknown code still says what and to whom. */
  g_assert_nonnull (strstr (unknown, "frobnicated"));
  g_assert_nonnull (strstr (unknown, "Anna"));
  g_assert_cmpstr (bare, ==, "frobnicated");

  g_assert_nonnull (strstr (change, "10"));
  g_assert_nonnull (strstr (change, "12"));
  g_assert_nonnull (strstr (removed, "10"));
  g_assert_null (seats_action_text_change (NULL, NULL));
  g_assert_cmpstr (on, ==, C_("feature state", "on"));
  {
    g_autofree char *expected = seats_format_date_short (seats_julian_from_ymd (2026, 3, 15));

    g_assert_cmpstr (date, ==, expected);
  }
  g_assert_null (seats_action_text_value (""));
}

static void
test_subscription (UiFixture     *fixture,
                   gconstpointer  user_data)
{
  GtkWidget *page = show_billing (fixture);
  SeatsSubscription *subscription = seats_sync_engine_get_subscription (fixture->engine);
  const char *currency = seats_subscription_get_currency (subscription);
  g_autofree char *monthly = seats_format_money (seats_subscription_get_monthly_price (subscription), currency);
  g_autofree char *total = seats_format_money (seats_subscription_get_total_price (subscription), currency);
  g_autofree char *last_day = seats_format_date_short (seats_subscription_get_period_end_julian (subscription) - 1);
  GtkWidget *edition_row;

  g_assert_nonnull (page);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (page, "monthly_price_label"))), ==, monthly);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (page, "total_price_label"))), ==, total);

  /* Dutch writes euros with the sign first and a decimal comma. */
  if (g_strcmp0 (language, "nl") == 0)
    {
      g_assert_true (g_str_has_prefix (monthly, "€"));
      g_assert_nonnull (strchr (monthly, ','));
    }

  /* The period's end is exclusive: the last day shown is the day before. */
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (part (page, "current_period_label"))), last_day));

  /* R11: the edition is shown, with why it cannot be changed here. */
  edition_row = part (page, "edition_row");
  g_assert_true (ui_shows_text (edition_row, seats_subscription_get_edition (subscription)));
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (edition_row)));
  g_assert_null (ui_find (edition_row, GTK_TYPE_EDITABLE, NULL));
  g_assert_null (ui_find (edition_row, GTK_TYPE_BUTTON, NULL));
  g_assert_true (ui_shows_text (edition_row, _("The edition changes only through the vendor’s support, at a period change.")));
}

static gboolean
feature_settled (gpointer data)
{
  GtkWidget *toggle = data;

  return gtk_widget_is_sensitive (toggle) && gtk_switch_get_state (GTK_SWITCH (toggle));
}

static void
test_feature (UiFixture     *fixture,
              gconstpointer  user_data)
{
  GtkWidget *page = show_billing (fixture);
  g_autofree char *name = g_strdup (seats_feature_get_name (engine_feature (fixture->engine, "sms-reminders")));
  GListModel *actions = seats_sync_engine_get_actions (fixture->engine);
  guint n_actions = g_list_model_get_n_items (actions);
  GtkWidget *toggle;

  /* R12: the group says the switch is for everyone. */
  g_assert_true (ui_shows_text (page, _("Changes here apply to everyone in the organization; "
                                        "turning a feature off turns it off for all users.")));

  toggle = feature_switch (page, name);
  g_assert_nonnull (toggle);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_false (server_feature_enabled (fixture, "sms-reminders"));

  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  /* While the server decides, the switch cannot be flipped again. */
  g_assert_false (gtk_widget_is_sensitive (toggle));
  g_assert_true (ui_wait_for (feature_settled, toggle, 10000));

  g_assert_true (server_feature_enabled (fixture, "sms-reminders"));
  g_assert_true (seats_feature_get_enabled (engine_feature (fixture->engine, "sms-reminders")));
  g_assert_cmpuint (g_list_model_get_n_items (actions), >, n_actions);

  /* The row is the same one: the switch keeps its place and focus. */
  g_assert_true (toggle == feature_switch (page, name));
}

static gboolean
feature_off_settled (gpointer data)
{
  GtkWidget *toggle = data;

  return gtk_widget_is_sensitive (toggle) && !gtk_switch_get_state (GTK_SWITCH (toggle));
}

/* R12: an integration that costs money says so before it is on, and the
 * toast says what the monthly price is now. */
static void
test_paid_integration (UiFixture     *fixture,
                       gconstpointer  user_data)
{
  GtkWidget *page = show_billing (fixture);
  GtkWidget *root = GTK_WIDGET (fixture->window);
  SeatsFeature *payments = engine_feature (fixture->engine, "payments");
  g_autofree char *name = g_strdup (seats_feature_get_name (payments));
  const char *currency = seats_feature_get_currency (payments);
  gint64 fee = seats_feature_get_monthly_fee (payments);
  gint64 before = seats_subscription_get_monthly_price (seats_sync_engine_get_subscription (fixture->engine));
  g_autofree char *heading = g_strdup_printf (_("Switch On “%s”?"), name);
  g_autofree char *fee_text = seats_format_money (fee, currency);
  g_autofree char *before_text = seats_format_money (before, currency);
  g_autofree char *after_text = seats_format_money (before + fee, currency);
  g_autofree char *toast = NULL;
  g_autofree char *undone = NULL;
  const char *body;
  GtkWindow *dialog;
  GtkWidget *toggle;

  g_assert_cmpint (fee, >, 0);
  g_assert_false (seats_feature_get_enabled (payments));
  toggle = feature_switch (page, name);

  /* Asked first, with the fee and the monthly price before and after. */
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  ui_iterate ();
  dialog = ui_find_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, fee_text));
  g_assert_nonnull (strstr (body, before_text));
  g_assert_nonnull (strstr (body, after_text));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "cancel");

  /* Cancelled: nothing is sent, the switch is off again. */
  ui_click (ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("_Cancel")));
  ui_iterate ();
  g_assert_null (ui_find_dialog (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_false (server_feature_enabled (fixture, "payments"));

  /* Confirmed: on, at the price the dialog named, and the toast says it. */
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  ui_iterate ();
  dialog = ui_find_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  ui_click (ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("_Switch On")));
  g_assert_true (ui_wait_for (feature_settled, toggle, 10000));
  g_assert_true (server_feature_enabled (fixture, "payments"));
  g_assert_cmpint (seats_subscription_get_monthly_price (seats_sync_engine_get_subscription (fixture->engine)),
                   ==, before + fee);
  toast = g_strdup_printf (_("“%s” switched on; the monthly price is now %s"), name, after_text);
  g_assert_true (ui_shows_text (root, toast));

  /* Off again is not asked: it lowers the price, and the toast says so. */
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  ui_iterate ();
  g_assert_null (ui_find_dialog (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (ui_wait_for (feature_off_settled, toggle, 10000));
  g_assert_false (server_feature_enabled (fixture, "payments"));
  undone = g_strdup_printf (_("“%s” switched off; the monthly price is now %s"), name, before_text);
  g_assert_true (ui_shows_text (root, undone));
}

/* An integration's fee stands beside its description, never inside it,
 * in the person's words. */
static void
test_integration_fee (UiFixture     *fixture,
                      gconstpointer  user_data)
{
  GtkWidget *page = show_billing (fixture);
  SeatsFeature *integration = engine_feature (fixture->engine, "accounting");
  g_autofree char *money = seats_format_money (seats_feature_get_monthly_fee (integration),
                                               seats_feature_get_currency (integration));
  g_autofree char *fee = g_strdup_printf (_("%s per month"), money);
  GtkWidget *row = ui_find (page, ADW_TYPE_ACTION_ROW, seats_feature_get_name (integration));
  const char *subtitle;

  g_assert_nonnull (row);
  g_assert_true (ui_shows_text (row, fee));
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_cmpstr (subtitle, ==, seats_feature_get_description (integration));
  g_assert_null (strstr (subtitle, money));
}

static gboolean
save_done (gpointer data)
{
  GtkWidget *page = data;

  /* Saved: the form is the server's again, with nothing to save. */
  return !gtk_widget_is_sensitive (part (page, "save_button")) &&
         gtk_widget_is_sensitive (part (page, "street_row"));
}

typedef struct
{
  GtkWidget  *page;
  const char *title;
  const char *change;
} LogShows;

/* A row of the action log with @title, and @change in its subtitle. */
static gboolean
log_shows (gpointer data)
{
  LogShows *shows = data;
  GtkWidget *row = ui_find (shows->page, ADW_TYPE_ACTION_ROW, shows->title);
  const char *subtitle = row != NULL ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) : NULL;

  return subtitle != NULL && strstr (subtitle, shows->change) != NULL;
}

static gboolean
contacts_found (gpointer data)
{
  GtkWidget *list = data;
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  guint n = g_list_model_get_n_items (model);

  /* The incremental filter has gone through all of them. */
  return n > 0 && !gtk_filter_list_model_get_pending (
    GTK_FILTER_LIST_MODEL (gtk_no_selection_get_model (GTK_NO_SELECTION (model))));
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
is_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

static gboolean
is_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

/* @widget can be used, within its window where a person can see it. */
static gboolean
in_sight (gpointer data)
{
  GtkWidget *widget = data;
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  graphene_rect_t bounds;

  return gtk_widget_is_sensitive (widget) && gtk_widget_compute_bounds (widget, root, &bounds) &&
         bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (root);
}

/* As a person does: the button scrolled into sight, then pressed. */
static void
open_contact_picker (GtkWidget *page)
{
  /* Closed, the last time, all the way. */
  g_assert_true (ui_wait_for (is_hidden, part (page, "contact_popover"), 10000));
  gtk_widget_grab_focus (part (page, "contact_button"));
  g_assert_true (ui_wait_for (in_sight, part (page, "contact_button"), 10000));
  /* The virtual display has no window manager to give the pointer grab
   * that a popover closing on a click outside needs. */
  gtk_popover_set_autohide (GTK_POPOVER (part (page, "contact_popover")), FALSE);
  gtk_menu_button_popup (GTK_MENU_BUTTON (part (page, "contact_button")));
  g_assert_true (ui_wait_for (is_mapped, part (page, "contact_search"), 10000));
}

/* Opens the billing contact picker, searches for @query and takes the
 * first of what is found, which must be called @expected. */
static void
pick_contact (GtkWidget  *page,
              const char *query,
              const char *expected)
{
  GtkWidget *list = part (page, "contact_list");
  GListModel *model;

  open_contact_picker (page);
  gtk_editable_set_text (GTK_EDITABLE (part (page, "contact_search")), query);
  /* The search entry waits a moment before it searches. */
  g_signal_emit_by_name (part (page, "contact_search"), "search-changed");
  g_assert_true (ui_wait_for (contacts_found, list, 10000));
  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  {
    g_autoptr(GObject) first = g_list_model_get_item (model, 0);

    if (SEATS_IS_USER (first))
      g_assert_cmpstr (seats_user_get_display_name (SEATS_USER (first)), ==, expected);
    else
      g_assert_cmpstr (expected, ==, _("Another E-Mail Address"));
  }
  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 0));
  g_assert_true (ui_wait_for (is_unmapped, part (page, "contact_search"), 10000));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (page, "contact_label"))), ==, expected);
}

/* The billing contact is found by a part of the name or of the e-mail
 * address, whatever the case, among every active user; whoever is not
 * active is not offered. */
static void
test_contact_search (UiFixture     *fixture,
                     gconstpointer  user_data)
{
  GtkWidget *page = show_billing (fixture);
  GListModel *users = seats_sync_engine_get_users (fixture->engine);
  g_autoptr(SeatsUser) active = NULL;
  g_autoptr(SeatsUser) inactive = NULL;
  g_autofree char *by_email = NULL;
  g_autofree char *by_name = NULL;
  g_autofree char *sent_to = NULL;
  const char *at;

  for (guint i = 0; i < g_list_model_get_n_items (users) && (active == NULL || inactive == NULL); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      if (seats_user_get_active (user) && active == NULL && seats_user_get_email (user) != NULL)
        active = g_object_ref (user);
      else if (!seats_user_get_active (user) && inactive == NULL)
        inactive = g_object_ref (user);
    }
  g_assert_nonnull (active);
  g_assert_nonnull (inactive);

  /* Her e-mail address's part before the @, in capitals: she alone. */
  at = strchr (seats_user_get_email (active), '@');
  g_assert_nonnull (at);
  by_email = g_ascii_strup (seats_user_get_email (active), at - seats_user_get_email (active));
  pick_contact (page, by_email, seats_user_get_display_name (active));
  sent_to = g_strdup_printf (_("Invoices sent by e-mail go to %s"), seats_user_get_email (active));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (part (page, "contact_row"))), ==, sent_to);
  g_assert_true (gtk_widget_is_sensitive (part (page, "save_button")));

  /* Someone inactive is not found at all. */
  open_contact_picker (page);
  gtk_editable_set_text (GTK_EDITABLE (part (page, "contact_search")), seats_user_get_email (inactive));
  g_signal_emit_by_name (part (page, "contact_search"), "search-changed");
  ui_iterate ();
  while (gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (gtk_no_selection_get_model (
           GTK_NO_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (part (page, "contact_list"))))))) > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (
                      GTK_LIST_VIEW (part (page, "contact_list"))))), ==, 0);
  gtk_popover_popdown (GTK_POPOVER (part (page, "contact_popover")));
  ui_iterate ();

  /* By a part of the name, in small letters. */
  by_name = g_utf8_strdown (seats_user_get_display_name (active), -1);
  pick_contact (page, by_name, seats_user_get_display_name (active));
}

static void
test_billing_form (UiFixture     *fixture,
                   gconstpointer  user_data)
{
  GtkWidget *page = show_billing (fixture);
  GtkWidget *save = part (page, "save_button");
  GtkEditable *email = GTK_EDITABLE (part (page, "contact_email_row"));
  g_autofree char *before_email = NULL;
  guint requests;

  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_false (shows_error (page, "contact"));
  before_email = g_strdup (seats_billing_details_get_contact_email (seats_sync_engine_get_billing_details (fixture->engine)));
  g_assert_nonnull (before_email);

  /* Another e-mail address, typed. */
  pick_contact (page, _("Another E-Mail Address"), _("Another E-Mail Address"));
  requests = seats_sync_engine_get_request_count (fixture->engine);
  gtk_editable_set_text (email, "administratie at demolen");
  ui_iterate ();

  /* A bad address is refused where it was typed, and nothing is sent. */
  g_assert_true (shows_error (page, "contact"));
  {
    SeatsRuleBillingDetails details = { .contact_email = "administratie at demolen" };
    g_autoptr(GError) error = NULL;

    g_assert_false (seats_rules_check_billing_field (&details, SEATS_BILLING_FIELD_CONTACT, &error));
    g_assert_cmpstr (error_text (page, "contact"), ==, error->message);
  }
  g_assert_false (gtk_widget_is_sensitive (save));
  /* Ctrl+S does nothing either. */
  gtk_widget_activate_action (page, "billing.save", NULL);
  ui_iterate ();
  g_assert_cmpuint (seats_sync_engine_get_request_count (fixture->engine), ==, requests);

  /* Fixed, it saves, and the server has it. */
  gtk_editable_set_text (email, "facturen@demolen.example");
  ui_iterate ();
  g_assert_false (shows_error (page, "contact"));
  g_assert_true (gtk_widget_is_sensitive (save));
  ui_click (save);
  g_assert_true (ui_wait_for (save_done, page, 10000));
  {
    g_autoptr(JsonObject) billing = server_get (fixture, "demolen", "api/v1/billing");
    JsonObject *contact = json_object_get_object_member (billing, "contact");

    g_assert_cmpstr (json_object_get_string_member (contact, "email"), ==, "facturen@demolen.example");
  }
  g_assert_cmpstr (seats_billing_details_get_contact_email (seats_sync_engine_get_billing_details (fixture->engine)),
                   ==, "facturen@demolen.example");

  /* R14: the action log says what changed, from what to what. */
  {
    g_autofree char *change = seats_action_text_change (before_email, "facturen@demolen.example");
    LogShows shows = { page, _("Changed the billing contact"), change };

    g_assert_true (ui_wait_for (log_shows, &shows, 10000));
  }

  /* E-invoicing needs the code of the provider: said under that field. */
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (part (page, "einvoice_row")), TRUE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (part (page, "einvoice_row")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (part (page, "einvoice_address_row")), "0192:987654321");
  ui_iterate ();
  g_assert_true (shows_error (page, "einvoice_operator"));
  {
    SeatsRuleBillingDetails details = { .einvoice_enabled = TRUE, .einvoice_address = "0192:987654321" };
    g_autoptr(GError) error = NULL;

    g_assert_false (seats_rules_check_billing_field (&details, SEATS_BILLING_FIELD_EINVOICE_OPERATOR, &error));
    g_assert_cmpstr (error_text (page, "einvoice_operator"), ==, error->message);
  }
  g_assert_false (shows_error (page, "street"));
  g_assert_false (gtk_widget_is_sensitive (save));

  /* Revert puts the server's details back. */
  g_assert_true (gtk_widget_activate_action (page, "billing.revert", NULL));
  ui_iterate ();
  g_assert_false (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (part (page, "einvoice_row"))));
  g_assert_false (shows_error (page, "einvoice_operator"));
}

static void
test_history (UiFixture     *fixture,
              gconstpointer  user_data)
{
  GtkWidget *page = show_billing (fixture);
  GListModel *orders = seats_sync_engine_get_orders (fixture->engine);
  GListModel *actions = seats_sync_engine_get_actions (fixture->engine);
  GtkListBoxRow *first;
  gint64 newest = 0;
  g_autofree char *date = NULL;
  g_autoptr(GDateTime) newest_time = NULL;
  g_autofree char *newest_clock = NULL;
  guint n_rows = 0;

  g_assert_cmpuint (g_list_model_get_n_items (orders), >, 1);
  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(SeatsOrder) order = g_list_model_get_item (orders, i);

      newest = MAX (newest, seats_order_get_created (order));
    }
  newest_time = g_date_time_new_from_unix_utc (newest);
  date = seats_format_date (seats_julian_from_ymd (g_date_time_get_year (newest_time),
                                                   g_date_time_get_month (newest_time),
                                                   g_date_time_get_day_of_month (newest_time)));

  /* The newest order first. */
  first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (part (page, "orders_list")), 0);
  g_assert_nonnull (first);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (first)), date));

  /* The action log: newest first, with the time of day, and no more than
   * a screenful until asked. */
  newest = 0;
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(SeatsActionEntry) entry = g_list_model_get_item (actions, i);

      newest = MAX (newest, seats_action_entry_get_timestamp (entry));
    }
  g_clear_pointer (&newest_time, g_date_time_unref);
  newest_time = g_date_time_new_from_unix_utc (newest);
  newest_clock = g_date_time_format (newest_time, "%H:%M");
  first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (part (page, "actions_list")), 0);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (first)), newest_clock));

  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (part (page, "actions_list")), n_rows) != NULL)
    n_rows++;
  g_assert_cmpuint (n_rows, ==, MIN (10, g_list_model_get_n_items (actions)));
  g_assert_cmpuint (g_list_model_get_n_items (actions), >, 10);
  ui_click (part (page, "actions_all_button"));
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (part (page, "actions_list")),
                                                   g_list_model_get_n_items (actions) - 1));
}

/* The figures agree and explain each other: the monthly price is shown as
 * the sum of what the products cost, the invoice of this period is of that
 * price, and an invoice still open after its due date says it is overdue. */
static void
test_figures (UiFixture     *fixture,
              gconstpointer  user_data)
{
  GtkWidget *page = show_billing (fixture);
  SeatsSubscription *subscription = seats_sync_engine_get_subscription (fixture->engine);
  const char *currency = seats_subscription_get_currency (subscription);
  g_autoptr(GArray) lines = seats_products_price_lines (seats_sync_engine_get_products (fixture->engine));
  GListModel *invoices = seats_sync_engine_get_invoices (fixture->engine);
  guint32 today = seats_clock_get_today_julian (seats_sync_engine_get_clock (fixture->engine));
  guint32 period_start = seats_subscription_get_period_start_julian (subscription);
  g_autofree char *sum = NULL;
  gboolean current_seen = FALSE;
  guint overdue = 0;
  gint64 monthly;

  g_assert_nonnull (lines);
  g_assert_true (seats_rules_monthly_price ((SeatsRulePriceLine *) (gpointer) lines->data, lines->len,
                                            &monthly, NULL));
  g_assert_cmpint (monthly, ==, seats_subscription_get_monthly_price (subscription));
  sum = seats_format_monthly_sum ((SeatsRulePriceLine *) (gpointer) lines->data, lines->len, currency);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (part (page, "monthly_price_row"))), ==, sum);

  for (guint i = 0; i < g_list_model_get_n_items (invoices); i++)
    {
      g_autoptr(SeatsInvoice) invoice = g_list_model_get_item (invoices, i);

      if (seats_invoice_get_issued_julian (invoice) == period_start)
        {
          current_seen = TRUE;
          g_assert_cmpint (seats_invoice_get_amount (invoice), ==,
                           monthly * seats_subscription_get_period_months (subscription));
          g_assert_false (seats_invoice_is_overdue (invoice, today));
        }
      if (seats_invoice_is_overdue (invoice, today))
        overdue++;
    }
  g_assert_true (current_seen);

  /* Mid-November, October's invoice is still open, a fortnight late. */
  g_assert_cmpuint (overdue, ==, 1);
  g_assert_true (ui_shows_text (part (page, "invoices_list"), C_("invoice status", "Overdue")));
  g_assert_true (ui_shows_text (part (page, "invoices_list"), C_("invoice status", "Open")));
}

static void
test_viewer (UiFixture     *fixture,
             gconstpointer  user_data)
{
  GtkWidget *page = show_billing (fixture);

  /* R15: no billing data for a viewer, and the page says why. */
  g_assert_null (seats_sync_engine_get_billing_details (fixture->engine));
  g_assert_true (ui_shows_text (page, _("Billing Is for Administrators")));
  g_assert_false (gtk_widget_get_mapped (part (page, "save_button")));
  g_assert_false (gtk_widget_get_mapped (part (page, "street_row")));
}

static void
test_reseller (UiFixture     *fixture,
               gconstpointer  user_data)
{
  GtkWidget *page = show_billing (fixture);
  SeatsPolicy *policy = seats_account_get_policy (seats_sync_engine_get_account (fixture->engine));
  const char *reseller = seats_policy_get_reseller_name (policy);
  GListModel *features = seats_sync_engine_get_features (fixture->engine);
  g_autoptr(SeatsFeature) feature = g_list_model_get_item (features, 0);
  GtkWidget *toggle;

  /* R10: changed at the reseller, which the page names. */
  g_assert_nonnull (reseller);
  g_assert_true (ui_shows_text_containing (page, reseller));
  g_assert_true (gtk_widget_is_sensitive (part (page, "reseller_button")));

  toggle = feature_switch (page, seats_feature_get_name (feature));
  g_assert_false (gtk_widget_is_sensitive (toggle));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (gtk_widget_get_ancestor (toggle, ADW_TYPE_ACTION_ROW)),
                            reseller));

  gtk_editable_set_text (GTK_EDITABLE (part (page, "city_row")), "Borås");
  ui_iterate ();
  g_assert_false (gtk_widget_is_sensitive (part (page, "save_button")));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (part (page, "save_button")), reseller));
}

static void
test_offline (UiFixture     *fixture,
              gconstpointer  user_data)
{
  GtkWidget *page = show_billing (fixture);
  SeatsClient *client = sync_test_client (fixture->engine);
  SeatsFeature *feature = engine_feature (fixture->engine, "two-factor");
  g_autoptr(GError) why = NULL;
  GtkWidget *toggle = feature_switch (page, seats_feature_get_name (feature));

  g_assert_true (gtk_widget_is_sensitive (toggle));

  seats_client_set_retry_policy (client, 1, 0);
  seats_server_disconnect (fixture->vendor->server);
  g_assert_false (ui_fixture_sync (fixture));
  g_assert_false (seats_sync_engine_can_change (fixture->engine, SEATS_CHANGE_FEATURE, &why));
  g_assert_error (why, SEATS_API_ERROR, SEATS_API_ERROR_OFFLINE);

  /* The local copy stays readable; nothing can be changed, and it says why. */
  g_assert_true (ui_shows_text (page, gtk_label_get_text (GTK_LABEL (part (page, "monthly_price_label")))));
  g_assert_false (gtk_widget_is_sensitive (toggle));
  g_assert_false (gtk_widget_is_sensitive (part (page, "save_button")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (part (page, "save_button")), ==, why->message);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (gtk_widget_get_ancestor (toggle, ADW_TYPE_ACTION_ROW)),
                   ==, why->message);
}

int
main (int   argc,
      char *argv[])
{
  language = g_getenv ("SEATS_TEST_LANGUAGE");

  gtk_test_init (&argc, &argv, NULL);
  ui_test_init ();

  g_test_add_func ("/billing/action-text", test_action_text);
  g_test_add ("/billing/subscription", UiFixture, NULL, admin_set_up, test_subscription, tear_down);
  g_test_add ("/billing/feature", UiFixture, NULL, admin_set_up, test_feature, tear_down);
  g_test_add ("/billing/integration-fee", UiFixture, NULL, admin_set_up, test_integration_fee, tear_down);
  g_test_add ("/billing/paid-integration", UiFixture, NULL, admin_set_up, test_paid_integration, tear_down);
  g_test_add ("/billing/form", UiFixture, NULL, admin_set_up, test_billing_form, tear_down);
  g_test_add ("/billing/contact-search", UiFixture, NULL, admin_set_up, test_contact_search, tear_down);
  g_test_add ("/billing/history", UiFixture, NULL, admin_set_up, test_history, tear_down);
  g_test_add ("/billing/figures", UiFixture, NULL, admin_set_up, test_figures, tear_down);
  g_test_add ("/billing/viewer", UiFixture, NULL, viewer_set_up, test_viewer, tear_down);
  g_test_add ("/billing/reseller", UiFixture, "bergstrom", admin_set_up, test_reseller, tear_down);
  g_test_add ("/billing/offline", UiFixture, NULL, admin_set_up, test_offline, tear_down);

  return g_test_run ();
}
