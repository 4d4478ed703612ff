/* seats-billing-page.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-billing-page"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-action-text.h"
#include "seats-api-error.h"
#include "seats-banner.h"
#include "seats-billing-page.h"
#include "seats-format.h"
#include "seats-licenses-util.h"
#include "seats-rules.h"
#include "seats-source-text.h"
#include "seats-sync-engine.h"
#include "seats-user-filter.h"
#include "seats-window.h"

/* The histories show this many rows until the person asks for all. */
#define HISTORY_ROWS 10

/* The contact combo's first item: "another e-mail address". */
#define OTHER_CONTACT "other"

typedef struct
{
  GtkWidget         *row;
  AdwPreferencesRow *error_row;
  GtkLabel          *error_label;
} FieldWidgets;

struct _SeatsBillingPage
{
  AdwBin               parent_instance;

  SeatsSyncEngine     *engine;
  GSignalGroup        *engine_signals;
  GSignalGroup        *features_signals;
  GCancellable        *cancellable;

  /* The billing details the form was filled from: edits are what differs. */
  SeatsBillingDetails *baseline;
  gboolean             saving;
  gboolean             updating_features;
  GHashTable          *feature_rows;
  GHashTable          *switching;

  GListStore          *contact_other;
  GtkSortListModel    *contact_sorted;
  GtkFilterListModel  *contact_users;
  GtkFlattenListModel *contact_model;
  GtkFilterListModel  *contact_found;
  /* The Users page's search, with its words and its folded text kept
   * with each user. */
  SeatsUserFilter     *contact_search_filter;
  /* The contact chosen in the form: a user, or NULL for an e-mail address. */
  SeatsUser           *contact_user;
  GtkSortListModel    *orders_sorted;
  GtkSliceListModel   *orders_slice;
  GtkSortListModel    *invoices_sorted;
  GtkSliceListModel   *invoices_slice;
  GtkSortListModel    *actions_sorted;
  GtkSliceListModel   *actions_slice;

  FieldWidgets         fields[SEATS_BILLING_FIELD_LAST + 1];

  /* Template widgets */
  GtkStack            *content_stack;
  AdwStatusPage       *service_page;
  SeatsBanner         *changed_banner;
  AdwActionRow        *reseller_row;
  GtkButton           *reseller_button;
  GtkLabel            *current_period_label;
  GtkLabel            *next_period_label;
  AdwActionRow        *edition_row;
  GtkWidget           *features_group;
  GtkWidget           *billing_group;
  GtkWidget           *address_group;
  GtkWidget           *einvoice_group;
  GtkWidget           *invoices_group;
  GtkLabel            *edition_label;
  AdwActionRow        *serial_row;
  GtkLabel            *serial_label;
  AdwActionRow        *owner_row;
  GtkLabel            *owner_label;
  AdwActionRow        *storage_row;
  GtkLevelBar         *storage_bar;
  GtkLabel            *seats_label;
  AdwActionRow        *monthly_price_row;
  GtkLabel            *monthly_price_label;
  AdwActionRow        *total_price_row;
  GtkLabel            *total_price_label;
  GtkListBox          *features_list;
  GtkButton           *save_button;
  GtkButton           *revert_button;
  AdwActionRow        *company_row;
  AdwActionRow        *vat_row;
  AdwActionRow        *contact_row;
  GtkMenuButton       *contact_button;
  GtkLabel            *contact_label;
  GtkPopover          *contact_popover;
  GtkSearchEntry      *contact_search;
  GtkListView         *contact_list;
  AdwEntryRow         *contact_email_row;
  AdwPreferencesRow   *contact_error_row;
  GtkLabel            *contact_error_label;
  AdwEntryRow         *street_row;
  AdwPreferencesRow   *street_error_row;
  GtkLabel            *street_error_label;
  AdwEntryRow         *postal_code_row;
  AdwPreferencesRow   *postal_code_error_row;
  GtkLabel            *postal_code_error_label;
  AdwEntryRow         *city_row;
  AdwPreferencesRow   *city_error_row;
  GtkLabel            *city_error_label;
  AdwEntryRow         *country_row;
  AdwPreferencesRow   *country_error_row;
  GtkLabel            *country_error_label;
  AdwExpanderRow      *einvoice_row;
  AdwEntryRow         *einvoice_address_row;
  AdwPreferencesRow   *einvoice_address_error_row;
  GtkLabel            *einvoice_address_error_label;
  AdwEntryRow         *einvoice_operator_row;
  AdwPreferencesRow   *einvoice_operator_error_row;
  GtkLabel            *einvoice_operator_error_label;
  GtkListBox          *orders_list;
  GtkToggleButton     *orders_all_button;
  GtkListBox          *invoices_list;
  GtkToggleButton     *invoices_all_button;
  GtkListBox          *actions_list;
  GtkToggleButton     *actions_all_button;
};

G_DEFINE_FINAL_TYPE (SeatsBillingPage, seats_billing_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ENGINE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void seats_billing_page_update_actions (SeatsBillingPage *self);
static void switch_feature                    (SeatsBillingPage *self,
                                               const char       *feature_id,
                                               gboolean          enabled);
static void update_features                   (SeatsBillingPage *self);

/* Helpers */

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static void
add_toast (SeatsBillingPage *self,
           AdwToast         *toast)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), SEATS_TYPE_WINDOW);

  if (window != NULL)
    seats_window_add_toast (SEATS_WINDOW (window), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static SeatsAccount *
get_account (SeatsBillingPage *self)
{
  return self->engine != NULL ? seats_sync_engine_get_account (self->engine) : NULL;
}

static SeatsPolicy *
get_policy (SeatsBillingPage *self)
{
  SeatsAccount *account = get_account (self);

  return account != NULL ? seats_account_get_policy (account) : NULL;
}

static gboolean
is_resold (SeatsBillingPage *self)
{
  SeatsPolicy *policy = get_policy (self);

  return policy != NULL && seats_policy_is_resold (policy);
}

static guint32
julian_of_unix (gint64 unix_time)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (unix_time);

  if (local == NULL)
    return 0;

  return seats_julian_from_ymd (g_date_time_get_year (local),
                                g_date_time_get_month (local),
                                g_date_time_get_day_of_month (local));
}

static char *
format_date_time (gint64 unix_time)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (unix_time);
  g_autofree char *date = seats_format_date_short (julian_of_unix (unix_time));
  g_autofree char *time = NULL;

  if (local == NULL)
    return g_strdup ("");

  /* Translators: the time of day in the action log, see the GDateTime format codes */
  time = g_date_time_format (local, C_("time of day", "%H:%M"));

  /* Translators: a date, then a time of day, in the action log */
  return g_strdup_printf (C_("date and time", "%s, %s"), date, time);
}

/* The subscription (R11) */

static void
update_subscription (SeatsBillingPage *self)
{
  SeatsSubscription *subscription = self->engine != NULL ? seats_sync_engine_get_subscription (self->engine) : NULL;
  SeatsProduct *seats = self->engine != NULL ? seats_sync_engine_find_user_seats (self->engine) : NULL;
  SeatsPolicy *policy = get_policy (self);
  g_autofree char *current = NULL;
  g_autofree char *next = NULL;
  g_autofree char *storage = NULL;
  g_autofree char *monthly = NULL;
  g_autofree char *total = NULL;
  g_autofree char *per_period = NULL;
  g_autofree char *seat_text = NULL;
  g_autofree char *monthly_sum = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->reseller_row), is_resold (self));
  if (is_resold (self))
    {
      g_autofree char *title = g_strdup_printf (_("Bought Through %s"),
                                                seats_policy_get_reseller_name (policy));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reseller_row), title);
      seats_widget_set_tooltip (GTK_WIDGET (self->reseller_button),
                                seats_policy_get_reseller_url (policy));
    }

  if (subscription != NULL)
    {
      guint32 start = seats_subscription_get_period_start_julian (subscription);
      guint32 end = seats_subscription_get_period_end_julian (subscription);
      guint months = seats_subscription_get_period_months (subscription);
      const char *currency = seats_subscription_get_currency (subscription);
      gint64 used = seats_subscription_get_storage_used (subscription);
      gint64 included = seats_subscription_get_storage_included (subscription);
      GDate next_start, next_end;

      /* The period end is exclusive: the last day is the day before. */
      if (start != 0 && end > start)
        {
          g_autofree char *first = seats_format_date_short (start);
          g_autofree char *last = seats_format_date_short (end - 1);

          /* Translators: the first and the last day of a billing period */
          current = g_strdup_printf (_("%s – %s"), first, last);
        }

      if (end != 0 && seats_julian_to_date (end, &next_start) &&
          seats_rules_period_end (&next_start, MAX (months, 1), &next_end, NULL))
        {
          g_autofree char *first = seats_format_date_short (end);
          g_autofree char *last = seats_format_date_short (seats_julian_from_date (&next_end) - 1);

          next = g_strdup_printf (_("%s – %s"), first, last);
        }

      gtk_label_set_label (self->edition_label, seats_subscription_get_edition (subscription));

      /* What registering a trial brought (R18). */
      {
        SeatsAccount *account = get_account (self);
        const char *serial = account != NULL ? seats_account_get_serial_number (account) : NULL;
        const char *owner = account != NULL ? seats_account_get_license_owner (account) : NULL;

        gtk_widget_set_visible (GTK_WIDGET (self->serial_row), serial != NULL && *serial != '\0');
        gtk_label_set_label (self->serial_label, serial != NULL ? serial : "");
        gtk_widget_set_visible (GTK_WIDGET (self->owner_row), owner != NULL && *owner != '\0');
        gtk_label_set_label (self->owner_label, owner != NULL ? owner : "");
      }

      {
        g_autofree char *used_text = g_format_size ((guint64) MAX (used, 0));
        g_autofree char *included_text = g_format_size ((guint64) MAX (included, 0));
        double fraction = included > 0 ? (double) used / (double) included : 0.0;

        if (included > 0 && used > included)
          /* Translators: storage used and included, when more is used than included */
          storage = g_strdup_printf (_("%s of %s: more than included"), used_text, included_text);
        else if (fraction >= 0.9)
          /* Translators: storage used and included, when almost all is used */
          storage = g_strdup_printf (_("%s of %s: almost full"), used_text, included_text);
        else
          /* Translators: storage used of the storage included, "12.3 GB of 50 GB" */
          storage = g_strdup_printf (_("%s of %s"), used_text, included_text);

        gtk_level_bar_set_value (self->storage_bar, CLAMP (fraction, 0.0, 1.0));
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->storage_bar),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("File storage used"),
                                        GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, storage,
                                        -1);
      }

      monthly = seats_format_money (seats_subscription_get_monthly_price (subscription), currency);
      total = seats_format_money (seats_subscription_get_total_price (subscription), currency);

      /* How the monthly price adds up, where the products say the same. */
      if (seats_subscription_has_prices (subscription))
        monthly_sum = seats_products_explain_monthly_price (seats_sync_engine_get_products (self->engine),
                                                            seats_subscription_get_monthly_price (subscription),
                                                            currency);
      per_period = g_strdup_printf (ngettext ("For a billing period of %u month",
                                              "For a billing period of %u months", months),
                                    months);
    }

  if (seats != NULL)
    {
      g_autofree char *purchased = seats_format_count (seats_product_get_purchased (seats));
      g_autofree char *next_count = seats_format_count (seats_product_get_next_period (seats));

      /* Translators: licenses bought for this billing period and for the next one */
      seat_text = g_strdup_printf (_("%s this period, %s next period"), purchased, next_count);
    }

  gtk_label_set_label (self->current_period_label, current != NULL ? current : "");
  gtk_label_set_label (self->next_period_label, next != NULL ? next : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->storage_row), storage != NULL ? storage : "");
  gtk_label_set_label (self->seats_label, seat_text != NULL ? seat_text : "");
  gtk_label_set_label (self->monthly_price_label, monthly != NULL ? monthly : "");
  adw_action_row_set_subtitle (self->monthly_price_row, monthly_sum != NULL ? monthly_sum : "");
  gtk_label_set_label (self->total_price_label, total != NULL ? total : "");
  adw_action_row_set_subtitle (self->total_price_row, per_period != NULL ? per_period : "");
}

/* Features and integrations (R12) */

/* An integration with a fee changes the monthly price. */
static gboolean
has_fee (SeatsFeature *feature)
{
  return seats_feature_get_kind (feature) == SEATS_FEATURE_KIND_INTEGRATION &&
         seats_feature_get_monthly_fee (feature) > 0;
}

static void
switch_on_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       SeatsBillingPage *self)
{
  const char *feature_id = g_object_get_data (G_OBJECT (dialog), "feature-id");

  if (g_strcmp0 (response, "switch-on") == 0)
    switch_feature (self, feature_id, TRUE);
  else
    /* Not switched on: the switch goes back to what the server holds. */
    update_features (self);
}

/* R12: switching on an integration that costs money says what it costs
 * and what the monthly price becomes, before it is on. */
static void
confirm_switch_on (SeatsBillingPage *self,
                   SeatsFeature     *feature)
{
  SeatsSubscription *subscription = seats_sync_engine_get_subscription (self->engine);
  const char *currency = seats_feature_get_currency (feature);
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *fee = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AdwMessageDialog *dialog;
  gint64 monthly = subscription != NULL ? seats_subscription_get_monthly_price (subscription) : 0;
  gint64 new_monthly = 0;

  if (!seats_rules_monthly_price_after_switch (monthly, seats_feature_get_monthly_fee (feature),
                                               FALSE, TRUE, &new_monthly, &error))
    {
      update_features (self);
      add_toast (self, adw_toast_new (error->message));
      return;
    }

  fee = seats_format_money (seats_feature_get_monthly_fee (feature), currency);
  before = seats_format_money (monthly, currency);
  after = seats_format_money (new_monthly, currency);

  /* Translators: %s is the name of an integration */
  heading = g_strdup_printf (_("Switch On “%s”?"), seats_feature_get_name (feature));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       heading, NULL));
  /* Translators: an integration's monthly fee, then the subscription's
   * monthly price before and after switching it on */
  adw_message_dialog_format_body (dialog,
                                  _("It costs %s per month, for the whole organization. The "
                                    "monthly price of the subscription goes from %s to %s."),
                                  fee, before, after);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "switch-on", _("_Switch On"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "switch-on", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "feature-id",
                          g_strdup (seats_feature_get_id (feature)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (switch_on_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
feature_state_set_cb (GtkSwitch        *toggle,
                      gboolean          state,
                      SeatsBillingPage *self)
{
  const char *feature_id = g_object_get_data (G_OBJECT (toggle), "feature-id");
  SeatsFeature *feature;

  /* The page itself shows the server's state: let that through. */
  if (self->updating_features)
    return FALSE;

  feature = self->engine != NULL ? seats_sync_engine_find_feature (self->engine, feature_id) : NULL;
  if (state && feature != NULL && has_fee (feature))
    confirm_switch_on (self, feature);
  else
    switch_feature (self, feature_id, state);

  /* The switch keeps its old state until the server answers. */
  return TRUE;
}

static GtkWidget *
create_feature_row (SeatsBillingPage *self,
                    const char       *feature_id)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *fee = gtk_label_new (NULL);

  /* An integration's fee stands beside its description, never inside it:
   * the vendor's description may name the fee already. */
  gtk_widget_add_css_class (fee, "numeric");
  gtk_widget_add_css_class (fee, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), fee);
  g_object_set_data (G_OBJECT (row), "fee", fee);

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (toggle), "feature-id", g_strdup (feature_id), g_free);
  g_signal_connect_object (toggle, "state-set", G_CALLBACK (feature_state_set_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), "switch", toggle);

  return row;
}

static void
update_feature_row (SeatsBillingPage *self,
                    GtkWidget        *row,
                    SeatsFeature     *feature)
{
  GtkSwitch *toggle = g_object_get_data (G_OBJECT (row), "switch");
  GtkLabel *fee_label = g_object_get_data (G_OBJECT (row), "fee");
  const char *description = seats_feature_get_description (feature);
  gboolean integration = seats_feature_get_kind (feature) == SEATS_FEATURE_KIND_INTEGRATION;
  g_autofree char *fee_text = NULL;
  g_autofree char *accessible = NULL;

  if (integration)
    {
      g_autofree char *fee = seats_format_money (seats_feature_get_monthly_fee (feature),
                                                 seats_feature_get_currency (feature));

      /* Translators: an integration's monthly fee */
      fee_text = g_strdup_printf (_("%s per month"), fee);
    }
  gtk_label_set_text (fee_label, fee_text);
  gtk_widget_set_visible (GTK_WIDGET (fee_label), integration);

  if (integration && nonempty (description))
    /* Translators: what a screen reader says of an integration's switch:
     * the vendor's description of it (which may end in a full stop), then
     * its monthly fee ("… — € 9,00 per month") */
    accessible = g_strdup_printf (_("%s — %s"), description, fee_text);
  else
    accessible = g_strdup (integration ? fee_text : (description != NULL ? description : ""));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), seats_feature_get_name (feature));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description != NULL ? description : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, seats_feature_get_name (feature),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible,
                                  -1);

  self->updating_features = TRUE;
  gtk_switch_set_active (toggle, seats_feature_get_enabled (feature));
  gtk_switch_set_state (toggle, seats_feature_get_enabled (feature));
  self->updating_features = FALSE;
}

/* Rows are kept by feature and updated in place, so that a switch keeps
 * the keyboard focus through the sync that follows its change. */
static void
update_features (SeatsBillingPage *self)
{
  GListModel *features = self->engine != NULL ? seats_sync_engine_get_features (self->engine) : NULL;
  guint n = features != NULL ? g_list_model_get_n_items (features) : 0;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;
  GtkListBoxRow *at;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeatsFeature) feature = g_list_model_get_item (features, i);
      const char *id = seats_feature_get_id (feature);
      GtkWidget *row = g_hash_table_lookup (self->feature_rows, id);

      if (row == NULL)
        {
          row = create_feature_row (self, id);
          g_hash_table_insert (self->feature_rows, g_strdup (id), row);
        }

      update_feature_row (self, row, feature);
      g_hash_table_add (seen, (gpointer) id);

      /* Keep the server's order; move a row only when it is out of place. */
      at = gtk_list_box_get_row_at_index (self->features_list, (int) i);
      if (at != GTK_LIST_BOX_ROW (row))
        {
          g_object_ref (row);
          if (gtk_widget_get_parent (row) != NULL)
            gtk_list_box_remove (self->features_list, row);
          gtk_list_box_insert (self->features_list, row, (int) i);
          g_object_unref (row);
        }
    }

  g_hash_table_iter_init (&iter, self->feature_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (seen, key))
      {
        gtk_list_box_remove (self->features_list, value);
        g_hash_table_iter_remove (&iter);
      }

  seats_billing_page_update_actions (self);
}

typedef struct
{
  SeatsBillingPage *self;
  char             *feature_id;
  gboolean          enabled;
} FeatureChange;

static void
feature_change_free (FeatureChange *change)
{
  g_clear_object (&change->self);
  g_free (change->feature_id);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FeatureChange, feature_change_free)

static void
undo_feature_cb (AdwToast      *toast,
                 FeatureChange *change)
{
  switch_feature (change->self, change->feature_id, !change->enabled);
}

static void
feature_switched_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(FeatureChange) change = user_data;
  SeatsBillingPage *self = change->self;
  g_autoptr(GError) error = NULL;
  SeatsSubscription *subscription;
  SeatsFeature *feature;
  AdwToast *toast;
  g_autofree char *title = NULL;

  g_hash_table_remove (self->switching, change->feature_id);

  if (!seats_sync_engine_submit_finish (SEATS_SYNC_ENGINE (object), result, NULL, &error))
    {
      /* Back to what the server holds, whatever happened. */
      update_features (self);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_toast (self, adw_toast_new (error->message));
      return;
    }

  update_features (self);

  feature = self->engine ? seats_sync_engine_find_feature (self->engine, change->feature_id) : NULL;
  if (feature == NULL)
    return;

  subscription = seats_sync_engine_get_subscription (self->engine);
  if (has_fee (feature) && subscription != NULL)
    {
      g_autofree char *monthly = seats_format_money (seats_subscription_get_monthly_price (subscription),
                                                     seats_subscription_get_currency (subscription));

      /* Translators: an integration's name, and the subscription's monthly
       * price now that it is on or off */
      if (change->enabled)
        title = g_strdup_printf (_("“%s” switched on; the monthly price is now %s"),
                                 seats_feature_get_name (feature), monthly);
      else
        title = g_strdup_printf (_("“%s” switched off; the monthly price is now %s"),
                                 seats_feature_get_name (feature), monthly);
    }
  else if (change->enabled)
    title = g_strdup_printf (_("“%s” switched on for the whole organization"),
                             seats_feature_get_name (feature));
  else
    title = g_strdup_printf (_("“%s” switched off for the whole organization"),
                             seats_feature_get_name (feature));

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_feature_cb),
                         g_steal_pointer (&change), (GClosureNotify) (void (*) (void)) feature_change_free, 0);
  add_toast (self, toast);
}

static void
switch_feature (SeatsBillingPage *self,
                const char       *feature_id,
                gboolean          enabled)
{
  g_autoptr(SeatsChange) feature_change = NULL;
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(GError) error = NULL;
  FeatureChange *change;

  if (self->engine == NULL || feature_id == NULL)
    return;

  feature_change = seats_change_new_feature (feature_id, enabled);
  checked = seats_sync_engine_check (self->engine, feature_change, NULL, &error);
  if (checked == NULL)
    {
      update_features (self);
      add_toast (self, adw_toast_new (error->message));
      return;
    }

  change = g_new0 (FeatureChange, 1);
  change->self = g_object_ref (self);
  change->feature_id = g_strdup (feature_id);
  change->enabled = enabled;

  g_hash_table_add (self->switching, g_strdup (feature_id));
  seats_billing_page_update_actions (self);

  seats_sync_engine_submit_async (self->engine, checked, self->cancellable,
                                  feature_switched_cb, change);
}

/* Billing details (R13) */

static SeatsUser *
selected_contact_user (SeatsBillingPage *self)
{
  return self->contact_user;
}

static gboolean
other_contact_selected (SeatsBillingPage *self)
{
  return selected_contact_user (self) == NULL;
}

/* What the form holds now, as the rules read it. The strings are the
 * widgets' own and hold until the next edit. */
static void
read_form (SeatsBillingPage        *self,
           SeatsRuleBillingDetails *details)
{
  SeatsUser *user = selected_contact_user (self);

  memset (details, 0, sizeof *details);
  if (user != NULL)
    details->contact_user_id = seats_user_get_id (user);
  else
    details->contact_email = gtk_editable_get_text (GTK_EDITABLE (self->contact_email_row));
  details->street = gtk_editable_get_text (GTK_EDITABLE (self->street_row));
  details->postal_code = gtk_editable_get_text (GTK_EDITABLE (self->postal_code_row));
  details->city = gtk_editable_get_text (GTK_EDITABLE (self->city_row));
  details->country = gtk_editable_get_text (GTK_EDITABLE (self->country_row));
  details->einvoice_enabled = adw_expander_row_get_enable_expansion (self->einvoice_row);
  details->einvoice_address = gtk_editable_get_text (GTK_EDITABLE (self->einvoice_address_row));
  details->einvoice_operator = gtk_editable_get_text (GTK_EDITABLE (self->einvoice_operator_row));
}

static gboolean
details_equal (SeatsBillingDetails *a,
               SeatsBillingDetails *b)
{
  return same_text (seats_billing_details_get_company_name (a), seats_billing_details_get_company_name (b)) &&
         same_text (seats_billing_details_get_vat_number (a), seats_billing_details_get_vat_number (b)) &&
         same_text (seats_billing_details_get_contact_user_id (a), seats_billing_details_get_contact_user_id (b)) &&
         same_text (seats_billing_details_get_contact_email (a), seats_billing_details_get_contact_email (b)) &&
         same_text (seats_billing_details_get_street (a), seats_billing_details_get_street (b)) &&
         same_text (seats_billing_details_get_postal_code (a), seats_billing_details_get_postal_code (b)) &&
         same_text (seats_billing_details_get_city (a), seats_billing_details_get_city (b)) &&
         same_text (seats_billing_details_get_country (a), seats_billing_details_get_country (b)) &&
         seats_billing_details_get_e_invoicing (a) == seats_billing_details_get_e_invoicing (b) &&
         same_text (seats_billing_details_get_e_invoice_address (a), seats_billing_details_get_e_invoice_address (b)) &&
         same_text (seats_billing_details_get_operator_code (a), seats_billing_details_get_operator_code (b));
}

static char *
stripped (const char *text)
{
  char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);

  return copy;
}

static SeatsBillingDetails *
form_details (SeatsBillingPage *self)
{
  SeatsBillingDetails *details = seats_billing_details_new ();
  SeatsRuleBillingDetails form;
  g_autofree char *contact_email = NULL;
  g_autofree char *street = NULL;
  g_autofree char *postal_code = NULL;
  g_autofree char *city = NULL;
  g_autofree char *country = NULL;
  g_autofree char *address = NULL;
  g_autofree char *operator_code = NULL;

  read_form (self, &form);
  contact_email = stripped (form.contact_email);
  street = stripped (form.street);
  postal_code = stripped (form.postal_code);
  city = stripped (form.city);
  country = stripped (form.country);
  address = stripped (form.einvoice_address);
  operator_code = stripped (form.einvoice_operator);

  if (self->baseline != NULL)
    {
      seats_billing_details_set_company_name (details, seats_billing_details_get_company_name (self->baseline));
      seats_billing_details_set_vat_number (details, seats_billing_details_get_vat_number (self->baseline));
    }
  seats_billing_details_set_contact_user_id (details, form.contact_user_id);
  seats_billing_details_set_contact_email (details, contact_email);
  seats_billing_details_set_street (details, street);
  seats_billing_details_set_postal_code (details, postal_code);
  seats_billing_details_set_city (details, city);
  seats_billing_details_set_country (details, country);
  seats_billing_details_set_e_invoicing (details, form.einvoice_enabled);
  seats_billing_details_set_e_invoice_address (details, address);
  seats_billing_details_set_operator_code (details, operator_code);

  return details;
}

static gboolean
form_is_dirty (SeatsBillingPage *self)
{
  g_autoptr(SeatsBillingDetails) details = NULL;

  if (self->baseline == NULL)
    return FALSE;

  details = form_details (self);
  return !details_equal (details, self->baseline);
}

static gboolean
form_is_valid (SeatsBillingPage *self)
{
  SeatsRuleBillingDetails form;

  read_form (self, &form);
  return seats_rules_check_billing_details (&form, NULL, NULL);
}

/* Puts each rule's message under the field it is about, once the person
 * has changed something: the server's own details are never shown wrong. */
static void
validate_form (SeatsBillingPage *self)
{
  SeatsRuleBillingDetails form;
  gboolean dirty = form_is_dirty (self);

  read_form (self, &form);
  self->fields[SEATS_BILLING_FIELD_CONTACT].row = other_contact_selected (self)
                                                  ? GTK_WIDGET (self->contact_email_row)
                                                  : GTK_WIDGET (self->contact_row);

  for (guint field = SEATS_BILLING_FIELD_CONTACT; field <= SEATS_BILLING_FIELD_LAST; field++)
    {
      FieldWidgets *widgets = &self->fields[field];
      g_autoptr(GError) error = NULL;
      gboolean wrong = dirty && !seats_rules_check_billing_field (&form, field, &error);

      gtk_label_set_label (widgets->error_label, wrong ? error->message : "");
      gtk_widget_set_visible (GTK_WIDGET (widgets->error_row), wrong);

      if (wrong)
        {
          gtk_widget_add_css_class (widgets->row, "error");
          gtk_accessible_update_state (GTK_ACCESSIBLE (widgets->row),
                                       GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                       -1);
          gtk_accessible_update_property (GTK_ACCESSIBLE (widgets->row),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message,
                                          -1);
        }
      else
        {
          gtk_widget_remove_css_class (widgets->row, "error");
          gtk_accessible_reset_state (GTK_ACCESSIBLE (widgets->row), GTK_ACCESSIBLE_STATE_INVALID);
          gtk_accessible_reset_property (GTK_ACCESSIBLE (widgets->row),
                                         GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
        }
    }

  /* The contact's e-mail row is not the field when a user is chosen. */
  if (!other_contact_selected (self))
    gtk_widget_remove_css_class (GTK_WIDGET (self->contact_email_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->contact_row), "error");
}

static void
update_contact_subtitle (SeatsBillingPage *self)
{
  SeatsUser *user = selected_contact_user (self);
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->contact_email_row), user == NULL);

  if (user != NULL && nonempty (seats_user_get_email (user)))
    subtitle = g_strdup_printf (_("Invoices sent by e-mail go to %s"), seats_user_get_email (user));
  else if (user != NULL)
    subtitle = g_strdup (_("This user has no e-mail address: invoices cannot be sent by e-mail"));
  else
    subtitle = g_strdup (_("Invoices sent by e-mail go to the address typed below"));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->contact_row), subtitle);
}

static void
form_changed (SeatsBillingPage *self)
{
  update_contact_subtitle (self);
  validate_form (self);
  seats_billing_page_update_actions (self);
}

static gboolean contact_candidate (gpointer item,
                                   gpointer user_data);
static char *contact_name (GObject *item);

/* The user @user_id among those who may be the contact, or NULL. */
static SeatsUser *
find_contact_user (SeatsBillingPage *self,
                   const char       *user_id)
{
  GListModel *sorted = G_LIST_MODEL (self->contact_sorted);
  guint n = g_list_model_get_n_items (sorted);

  for (guint i = 0; user_id != NULL && i < n; i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (sorted, i);

      if (g_strcmp0 (seats_user_get_id (user), user_id) == 0)
        return contact_candidate (user, self) ? g_steal_pointer (&user) : NULL;
    }

  return NULL;
}

/* Takes @user (or NULL: an e-mail address typed in) as the contact of the
 * form, and says so on the button. */
static void
set_contact (SeatsBillingPage *self,
             SeatsUser        *user)
{
  g_autofree char *name = contact_name (user != NULL ? G_OBJECT (user) : NULL);

  g_set_object (&self->contact_user, user);
  gtk_label_set_label (self->contact_label, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->contact_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Billing Contact"),
                                  -1);
  form_changed (self);
}

static void
fill_form (SeatsBillingPage *self)
{
  SeatsBillingDetails *details = self->baseline;
  const char *user_id = details != NULL ? nonempty (seats_billing_details_get_contact_user_id (details)) : NULL;
  const char *email = details != NULL ? seats_billing_details_get_contact_email (details) : NULL;

#define TEXT_OR_EMPTY(getter) (details != NULL && getter (details) != NULL ? getter (details) : "")

  /* Who may be the contact depends on the baseline: refilter first. */
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->contact_users), GTK_FILTER_CHANGE_DIFFERENT);

  adw_action_row_set_subtitle (self->company_row, TEXT_OR_EMPTY (seats_billing_details_get_company_name));
  adw_action_row_set_subtitle (self->vat_row, TEXT_OR_EMPTY (seats_billing_details_get_vat_number));
  {
    g_autoptr(SeatsUser) user = find_contact_user (self, user_id);

    set_contact (self, user);
  }
  gtk_editable_set_text (GTK_EDITABLE (self->contact_email_row), user_id == NULL && email != NULL ? email : "");
  gtk_editable_set_text (GTK_EDITABLE (self->street_row), TEXT_OR_EMPTY (seats_billing_details_get_street));
  gtk_editable_set_text (GTK_EDITABLE (self->postal_code_row), TEXT_OR_EMPTY (seats_billing_details_get_postal_code));
  gtk_editable_set_text (GTK_EDITABLE (self->city_row), TEXT_OR_EMPTY (seats_billing_details_get_city));
  gtk_editable_set_text (GTK_EDITABLE (self->country_row), TEXT_OR_EMPTY (seats_billing_details_get_country));
  adw_expander_row_set_enable_expansion (self->einvoice_row,
                                         details != NULL && seats_billing_details_get_e_invoicing (details));
  gtk_editable_set_text (GTK_EDITABLE (self->einvoice_address_row),
                         TEXT_OR_EMPTY (seats_billing_details_get_e_invoice_address));
  gtk_editable_set_text (GTK_EDITABLE (self->einvoice_operator_row),
                         TEXT_OR_EMPTY (seats_billing_details_get_operator_code));

#undef TEXT_OR_EMPTY

  seats_banner_set_revealed (self->changed_banner, FALSE);
  form_changed (self);
}

static void
reload_form (SeatsBillingPage *self)
{
  SeatsBillingDetails *details = self->engine != NULL ? seats_sync_engine_get_billing_details (self->engine) : NULL;

  g_set_object (&self->baseline, details);
  fill_form (self);
}

/* After a sync: the new details replace the form unless the person is
 * editing it; then their edits stay and a banner offers the new ones. */
static void
billing_details_changed (SeatsBillingPage *self)
{
  SeatsBillingDetails *details = self->engine != NULL ? seats_sync_engine_get_billing_details (self->engine) : NULL;

  if (self->saving)
    return;

  if (details == NULL || self->baseline == NULL || !form_is_dirty (self))
    {
      reload_form (self);
      return;
    }

  if (!details_equal (details, self->baseline))
    seats_banner_set_revealed (self->changed_banner, TRUE);
}

static void
billing_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SeatsBillingPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;

  if (seats_sync_engine_submit_finish (SEATS_SYNC_ENGINE (object), result, NULL, &error))
    {
      reload_form (self);
      add_toast (self, adw_toast_new (_("Billing details saved")));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, SEATS_API_ERROR, SEATS_API_ERROR_STALE))
    {
      /* The engine synced before it answered: the fresh details are there. */
      reload_form (self);
      add_toast (self, adw_toast_new (_("Someone else changed the billing details first. "
                                        "The form now shows their version: make your change again if it is still needed.")));
      return;
    }

  add_toast (self, adw_toast_new (error->message));
  form_changed (self);
}

/* History (R14) */

static int
compare_orders (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  gint64 ta = seats_order_get_created ((SeatsOrder *) a);
  gint64 tb = seats_order_get_created ((SeatsOrder *) b);

  return ta < tb ? 1 : ta > tb ? -1 : 0;
}

static int
compare_invoices (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  guint32 ta = seats_invoice_get_issued_julian ((SeatsInvoice *) a);
  guint32 tb = seats_invoice_get_issued_julian ((SeatsInvoice *) b);

  return ta < tb ? 1 : ta > tb ? -1 : g_strcmp0 (seats_invoice_get_number ((SeatsInvoice *) b),
                                                 seats_invoice_get_number ((SeatsInvoice *) a));
}

static int
compare_actions (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  gint64 ta = seats_action_entry_get_timestamp ((SeatsActionEntry *) a);
  gint64 tb = seats_action_entry_get_timestamp ((SeatsActionEntry *) b);

  return ta < tb ? 1 : ta > tb ? -1 : 0;
}

static GtkWidget *
create_history_row (const char *title,
                    const char *subtitle,
                    const char *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  return row;
}

static GtkWidget *
create_order_row (gpointer item,
                  gpointer user_data)
{
  SeatsBillingPage *self = user_data;
  SeatsOrder *order = item;
  guint quantity = seats_order_get_quantity (order);
  const char *product = seats_order_get_product_name (order);
  SeatsProduct *known = self->engine != NULL ? seats_sync_engine_find_product (self->engine, seats_order_get_product_id (order)) : NULL;
  g_autofree char *amount = seats_format_money (seats_order_get_amount (order), seats_order_get_currency (order));
  g_autofree char *count = seats_format_count (quantity);
  g_autofree char *what = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = seats_format_date (julian_of_unix (seats_order_get_created (order)));
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (!nonempty (product))
    product = known != NULL ? seats_product_get_name (known) : seats_order_get_product_id (order);

  /* Translators: an order: the product, then how many licenses of it */
  what = g_strdup_printf (ngettext ("%s: %s license", "%s: %s licenses", quantity), product, count);
  /* Translators: an order, then its amount: "5 licenses of Users — € 123,45" */
  title = g_strdup_printf (_("%s — %s"), what, amount);

  if (g_strcmp0 (seats_order_get_actor (order), SEATS_LOCAL_ACTOR) == 0)
    /* Translators: %s is the day an order was recorded */
    subtitle = g_strdup_printf (_("Recorded on %s on this computer"), date);
  else if (nonempty (seats_order_get_actor (order)))
    /* Translators: when an order was made, then by whom */
    subtitle = g_strdup_printf (_("Ordered on %s by %s"), date,
                                seats_action_text_actor (self->engine, seats_order_get_actor (order)));
  else
    subtitle = g_strdup_printf (_("Ordered on %s"), date);

  row = create_history_row (title, subtitle, NULL);

  /* Orders kept on this computer are corrected here. */
  if (self->engine != NULL && seats_sync_engine_supports (self->engine, SEATS_CHANGE_ORDERS_PUT))
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("document-edit-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Correct Order…"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Correct Order…"),
                                      -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "billing.correct-order");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", seats_order_get_id (order));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  return row;
}

/* Correcting an order kept on this computer. */

static void
order_submitted_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SeatsBillingPage) self = user_data;
  g_autoptr(SeatsChange) undo = NULL;
  g_autoptr(GError) error = NULL;

  if (!seats_sync_engine_submit_finish (SEATS_SYNC_ENGINE (object), result, &undo, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_toast (self, adw_toast_new (error->message));
      return;
    }

  add_toast (self, seats_undo_toast_new (_("Order corrected"), SEATS_SYNC_ENGINE (object),
                                         g_steal_pointer (&undo)));
}

/* Checked by the domain's rules, then sent; a refusal is said at once. */
static void
submit_orders (SeatsBillingPage *self,
               SeatsChange      *change)
{
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(GError) error = NULL;

  if (self->engine == NULL)
    return;

  if (!seats_sync_engine_can_change (self->engine, SEATS_CHANGE_ORDERS_PUT, &error) ||
      !(checked = seats_sync_engine_check (self->engine, change, NULL, &error)))
    {
      add_toast (self, adw_toast_new (error->message));
      return;
    }

  seats_sync_engine_submit_async (self->engine, checked, NULL, order_submitted_cb, g_object_ref (self));
}

static void
correct_order_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           SeatsBillingPage *self)
{
  SeatsOrder *order = g_object_get_data (G_OBJECT (dialog), "seats-order");
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SeatsChange) change = NULL;

  if (g_str_equal (response, "remove"))
    {
      const char *removed[] = { seats_order_get_id (order), NULL };

      change = seats_change_new_orders_put (orders, removed);
    }
  else if (g_str_equal (response, "save"))
    {
      GtkSpinButton *quantity = g_object_get_data (G_OBJECT (dialog), "seats-quantity");
      GtkEditable *amount = g_object_get_data (G_OBJECT (dialog), "seats-amount");
      g_autoptr(SeatsOrder) corrected = seats_object_dup (order);
      gint64 value = 0;

      if (!seats_parse_money (gtk_editable_get_text (amount), seats_order_get_currency (order), &value))
        {
          add_toast (self, adw_toast_new (_("Enter the amount as a number, such as 12.50.")));
          return;
        }
      seats_order_set_quantity (corrected, (guint) gtk_spin_button_get_value_as_int (quantity));
      seats_order_set_amount (corrected, value);
      g_ptr_array_add (orders, g_steal_pointer (&corrected));
      change = seats_change_new_orders_put (orders, NULL);
    }
  else
    return;

  submit_orders (self, change);
}

static void
correct_order_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SeatsBillingPage *self = SEATS_BILLING_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(SeatsOrder) order = NULL;
  g_autofree char *amount = NULL;
  GListModel *orders;
  AdwMessageDialog *dialog;
  GtkWidget *list, *quantity_row, *spin, *amount_row;
  guint digits;

  if (self->engine == NULL)
    return;

  orders = seats_sync_engine_get_orders (self->engine);
  for (guint i = 0; i < g_list_model_get_n_items (orders) && order == NULL; i++)
    {
      g_autoptr(SeatsOrder) item = g_list_model_get_item (orders, i);

      if (g_strcmp0 (seats_order_get_id (item), id) == 0)
        order = g_steal_pointer (&item);
    }
  if (order == NULL)
    return;

  /* The amount as it is written to correct it: "123.45". */
  digits = seats_currency_digits (seats_order_get_currency (order));
  {
    gint64 whole = seats_order_get_amount (order);
    gint64 unit = 1;

    for (guint i = 0; i < digits; i++)
      unit *= 10;
    amount = digits > 0
             ? g_strdup_printf ("%" G_GINT64_FORMAT ".%0*" G_GINT64_FORMAT, whole / unit, (int) digits,
                                whole % unit)
             : g_strdup_printf ("%" G_GINT64_FORMAT, whole);
  }

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  spin = gtk_spin_button_new_with_range (1, 1000000, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), seats_order_get_quantity (order));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  quantity_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (quantity_row), _("_Licenses"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (quantity_row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (quantity_row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (quantity_row), spin);
  gtk_list_box_append (GTK_LIST_BOX (list), quantity_row);

  amount_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (amount_row), _("_Amount Paid"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (amount_row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (amount_row), amount);
  gtk_list_box_append (GTK_LIST_BOX (list), amount_row);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Correct Order"),
                                                       _("Put right what was recorded, or remove an order "
                                                         "recorded by mistake. The licenses bought stay "
                                                         "what the subscription’s terms say.")));
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove Order"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "seats-order", g_steal_pointer (&order), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "seats-quantity", spin);
  g_object_set_data (G_OBJECT (dialog), "seats-amount", amount_row);
  g_signal_connect_object (dialog, "response", G_CALLBACK (correct_order_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
create_invoice_row (gpointer item,
                    gpointer user_data)
{
  SeatsBillingPage *self = user_data;
  SeatsInvoice *invoice = item;
  guint32 today = self->engine != NULL ? seats_clock_get_today_julian (seats_sync_engine_get_clock (self->engine)) : 0;
  gboolean overdue = today != 0 && seats_invoice_is_overdue (invoice, today);
  g_autofree char *amount = seats_format_money (seats_invoice_get_amount (invoice), seats_invoice_get_currency (invoice));
  g_autofree char *issued = seats_format_date (seats_invoice_get_issued_julian (invoice));
  g_autofree char *due = seats_format_date (seats_invoice_get_due_julian (invoice));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *status = seats_invoice_get_status (invoice);
  const char *status_text;
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *label;

  /* Translators: an invoice's number, then its amount */
  title = g_strdup_printf (_("Invoice %s — %s"), seats_invoice_get_number (invoice), amount);
  if (overdue)
    /* Translators: when an invoice was issued and when it was due, now past */
    subtitle = g_strdup_printf (_("Issued on %s, was due on %s"), issued, due);
  else
    /* Translators: when an invoice was issued and when it is due */
    subtitle = g_strdup_printf (_("Issued on %s, due on %s"), issued, due);

  if (overdue)
    status_text = C_("invoice status", "Overdue");
  else if (g_strcmp0 (status, "paid") == 0)
    status_text = C_("invoice status", "Paid");
  else if (g_strcmp0 (status, "open") == 0)
    status_text = C_("invoice status", "Open");
  else
    status_text = status != NULL ? status : "";

  row = create_history_row (title, subtitle, NULL);

  /* A marker and a word, not colour alone. */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box),
                  gtk_image_new_from_icon_name (overdue ? "dialog-warning-symbolic"
                                                : g_strcmp0 (status, "paid") == 0
                                                ? "object-select-symbolic"
                                                : "mail-unread-symbolic"));
  label = gtk_label_new (status_text);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, overdue ? "error"
                                 : g_strcmp0 (status, "paid") == 0 ? "dim-label"
                                 : "billing-invoice-open");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  return row;
}

static GtkWidget *
create_action_row (gpointer item,
                   gpointer user_data)
{
  SeatsBillingPage *self = user_data;
  SeatsActionEntry *entry = item;
  g_autofree char *title = seats_action_text_entry_title (self->engine, entry);
  g_autofree char *change = seats_action_text_entry_change (self->engine, entry);
  g_autofree char *when = format_date_time (seats_action_entry_get_timestamp (entry));
  g_autofree char *subtitle = NULL;
  const char *who = seats_action_text_actor (self->engine, seats_action_entry_get_actor (entry));

  if (change != NULL)
    /* Translators: in the action log: when, who, and the change ("10 → 12") */
    subtitle = g_strdup_printf (_("%s · %s · %s"), when, who, change);
  else
    /* Translators: in the action log: when, and who */
    subtitle = g_strdup_printf (_("%s · %s"), when, who);

  return create_history_row (title, subtitle, NULL);
}

static GtkWidget *
create_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "billing-placeholder");

  return label;
}

static void
update_show_all (GtkToggleButton   *button,
                 GtkSortListModel  *sorted,
                 GtkSliceListModel *slice)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (sorted));
  gboolean all = gtk_toggle_button_get_active (button);

  gtk_widget_set_visible (GTK_WIDGET (button), n > HISTORY_ROWS);
  gtk_slice_list_model_set_size (slice, all ? G_MAXUINT : HISTORY_ROWS);
  gtk_button_set_label (GTK_BUTTON (button), all ? _("Show Fewer") : _("Show All"));
}

static void
history_changed_cb (SeatsBillingPage *self)
{
  update_show_all (self->orders_all_button, self->orders_sorted, self->orders_slice);
  update_show_all (self->invoices_all_button, self->invoices_sorted, self->invoices_slice);
  update_show_all (self->actions_all_button, self->actions_sorted, self->actions_slice);
}

/* State */

static void
seats_billing_page_update_actions (SeatsBillingPage *self)
{
  g_autoptr(GError) why = NULL;
  gboolean can_change = self->engine != NULL && seats_sync_engine_can_change (self->engine,
                                                                          SEATS_CHANGE_BILLING_DETAILS, &why);
  /* The contact is one of the users: the form waits until they are read. */
  gboolean loading = self->engine != NULL && seats_sync_engine_get_loading (self->engine);
  gboolean dirty = form_is_dirty (self);
  gboolean valid = form_is_valid (self);
  const char *save_tooltip = NULL;
  const char *form_tooltip = can_change ? NULL : why != NULL ? why->message : NULL;
  GtkWidget *form_rows[] = {
    GTK_WIDGET (self->contact_row), GTK_WIDGET (self->contact_email_row),
    GTK_WIDGET (self->street_row), GTK_WIDGET (self->postal_code_row),
    GTK_WIDGET (self->city_row), GTK_WIDGET (self->country_row),
    GTK_WIDGET (self->einvoice_row),
  };
  GHashTableIter iter;
  gpointer key, value;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "billing.save",
                                 can_change && !loading && !self->saving && dirty && valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "billing.revert", !self->saving && dirty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "billing.reload", !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "billing.open-reseller", is_resold (self));

  if (!can_change)
    save_tooltip = form_tooltip;
  else if (self->saving)
    save_tooltip = _("Saving the billing details…");
  else if (!dirty)
    save_tooltip = _("Nothing has changed yet");
  else if (!valid)
    save_tooltip = _("Correct the fields marked below first");
  seats_widget_set_tooltip (GTK_WIDGET (self->save_button), save_tooltip);

  for (guint i = 0; i < G_N_ELEMENTS (form_rows); i++)
    {
      gtk_widget_set_sensitive (form_rows[i], can_change && !loading && !self->saving);
      seats_widget_set_tooltip (form_rows[i], form_tooltip);
    }

  g_hash_table_iter_init (&iter, self->feature_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GtkWidget *toggle = g_object_get_data (value, "switch");
      gboolean in_flight = g_hash_table_contains (self->switching, key);

      gtk_widget_set_sensitive (toggle, can_change && !in_flight);
      seats_widget_set_tooltip (value, form_tooltip);
    }
}

static void
update_page (SeatsBillingPage *self)
{
  SeatsAccount *account = get_account (self);
  const char *page = "content";

  if (self->engine == NULL)
    page = "empty";
  else if (account != NULL && seats_account_get_source (account) == SEATS_ACCOUNT_SOURCE_SCIM &&
           !seats_snapshot_terms_kept_here (seats_sync_engine_get_snapshot (self->engine)))
    page = "service";
  /* R15: a viewer's token gets no billing data at all. */
  else if (account != NULL && seats_account_get_role (account) != SEATS_ROLE_ADMIN)
    page = "viewer";

  gtk_stack_set_visible_child_name (self->content_stack, page);

  /* A subscription kept by hand has its terms, its orders and its log:
   * nothing of the vendor's edition, storage, features, invoices or who
   * is billed is kept here. */
  {
    gboolean vendors = self->engine == NULL ||
                       !seats_snapshot_terms_kept_here (seats_sync_engine_get_snapshot (self->engine));

    gtk_widget_set_visible (GTK_WIDGET (self->edition_row), vendors);
    gtk_widget_set_visible (GTK_WIDGET (self->storage_row), vendors);
    gtk_widget_set_visible (self->features_group, vendors);
    gtk_widget_set_visible (self->billing_group, vendors);
    gtk_widget_set_visible (self->address_group, vendors);
    gtk_widget_set_visible (self->einvoice_group, vendors);
    gtk_widget_set_visible (self->invoices_group, vendors);
  }
}

static void
account_changed_cb (SeatsBillingPage *self)
{
  update_page (self);
  update_subscription (self);
  seats_billing_page_update_actions (self);
}

static void
status_changed_cb (SeatsBillingPage *self)
{
  seats_billing_page_update_actions (self);
}

static void
billing_details_changed_cb (SeatsBillingPage *self)
{
  billing_details_changed (self);
  seats_billing_page_update_actions (self);
}

static void
engine_changed_cb (SeatsBillingPage *self)
{
  update_subscription (self);
  seats_billing_page_update_actions (self);
}

/* The contact can be any of the users, sorted by name: with many users
 * that takes a moment, spent when the page is first shown rather than
 * when the window opens. */
static void
bind_contact_users (SeatsBillingPage *self)
{
  GListModel *users = NULL;

  if (self->engine != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    users = seats_sync_engine_get_users (self->engine);

  if (gtk_sort_list_model_get_model (self->contact_sorted) == users)
    return;

  gtk_sort_list_model_set_model (self->contact_sorted, users);
}

static void
seats_billing_page_map (GtkWidget *widget)
{
  SeatsBillingPage *self = SEATS_BILLING_PAGE (widget);
  gboolean unbound = gtk_sort_list_model_get_model (self->contact_sorted) == NULL;

  GTK_WIDGET_CLASS (seats_billing_page_parent_class)->map (widget);

  /* Nothing could be edited before the page was shown. */
  bind_contact_users (self);
  if (unbound && gtk_sort_list_model_get_model (self->contact_sorted) != NULL)
    reload_form (self);
}

static void
set_engine (SeatsBillingPage *self,
            SeatsSyncEngine  *engine)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->saving = FALSE;
  g_hash_table_remove_all (self->switching);

  g_set_object (&self->engine, engine);
  g_signal_group_set_target (self->engine_signals, engine);
  g_signal_group_set_target (self->features_signals,
                             engine != NULL ? seats_sync_engine_get_features (engine) : NULL);

  bind_contact_users (self);
  gtk_sort_list_model_set_model (self->orders_sorted,
                                 engine != NULL ? seats_sync_engine_get_orders (engine) : NULL);
  gtk_sort_list_model_set_model (self->invoices_sorted,
                                 engine != NULL ? seats_sync_engine_get_invoices (engine) : NULL);
  gtk_sort_list_model_set_model (self->actions_sorted,
                                 engine != NULL ? seats_sync_engine_get_actions (engine) : NULL);

  update_page (self);
  update_subscription (self);
  update_features (self);
  reload_form (self);
  history_changed_cb (self);
  seats_billing_page_update_actions (self);
}

/* Actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SeatsBillingPage *self = SEATS_BILLING_PAGE (widget);
  g_autoptr(SeatsBillingDetails) details = NULL;
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(GError) error = NULL;

  if (self->engine == NULL || self->saving)
    return;

  details = form_details (self);
  change = seats_change_new_billing_details (details);
  checked = seats_sync_engine_check (self->engine, change, NULL, &error);
  if (checked == NULL)
    {
      validate_form (self);
      add_toast (self, adw_toast_new (error->message));
      return;
    }

  /* The fields wait while it is saved: the focus leaves them first, as
   * when the button is clicked (Ctrl+S comes from a field). */
  gtk_widget_grab_focus (GTK_WIDGET (self->save_button));
  self->saving = TRUE;
  seats_billing_page_update_actions (self);
  seats_sync_engine_submit_async (self->engine, checked, self->cancellable,
                                  billing_saved_cb, g_object_ref (self));
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  reload_form (SEATS_BILLING_PAGE (widget));
}

static void
open_reseller_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  SeatsBillingPage *self = SEATS_BILLING_PAGE (widget);
  SeatsPolicy *policy = get_policy (self);

  if (policy != NULL && nonempty (seats_policy_get_reseller_url (policy)))
    seats_open_address (widget, seats_policy_get_reseller_url (policy));
}

/* The contact picker */

static char *
contact_name (GObject *item)
{
  if (item != NULL && SEATS_IS_USER (item))
    return g_strdup (seats_user_get_display_name (SEATS_USER (item)));

  return g_strdup (_("Another E-Mail Address"));
}

static gboolean
contact_candidate (gpointer item,
                   gpointer user_data)
{
  SeatsBillingPage *self = user_data;
  SeatsUser *user = item;

  /* Active users, and whoever is the contact now even if no longer active. */
  return seats_user_get_active (user) ||
         (self->baseline != NULL &&
          g_strcmp0 (seats_user_get_id (user), seats_billing_details_get_contact_user_id (self->baseline)) == 0);
}

static void
contact_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *email = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (email), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (email), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (email, "dim-label");
  gtk_widget_add_css_class (email, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), email);
  gtk_list_item_set_child (list_item, box);
}

static void
contact_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *email = gtk_widget_get_next_sibling (name);
  GObject *item = gtk_list_item_get_item (list_item);
  g_autofree char *text = contact_name (item);

  gtk_label_set_label (GTK_LABEL (name), text);
  if (SEATS_IS_USER (item))
    gtk_label_set_label (GTK_LABEL (email), seats_user_get_email (SEATS_USER (item)));
  else
    gtk_label_set_label (GTK_LABEL (email), _("Typed in below"));
}

/* What was searched for is in the name, user name or e-mail address, as
 * on the Users page; "another e-mail address" is found by its own words. */
static gboolean
contact_matches (gpointer item,
                 gpointer user_data)
{
  SeatsBillingPage *self = user_data;
  const char *search = seats_user_filter_get_search (self->contact_search_filter);
  g_autofree char *name = NULL;
  g_autofree char *folded = NULL;

  if (SEATS_IS_USER (item))
    return gtk_filter_match (GTK_FILTER (self->contact_search_filter), item);

  name = contact_name (item);
  folded = seats_user_filter_fold (name);
  return strstr (folded, search) != NULL;
}

static void
contact_search_changed_cb (SeatsBillingPage *self)
{
  seats_user_filter_set_search (self->contact_search_filter,
                                gtk_editable_get_text (GTK_EDITABLE (self->contact_search)));
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->contact_found), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
choose_contact (SeatsBillingPage *self,
                guint             position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->contact_found), position);

  if (item == NULL)
    return;

  set_contact (self, SEATS_IS_USER (item) ? SEATS_USER (item) : NULL);
  /* The focus leaves the search before its popover goes: back to the
   * button, or on to typing the address when that was the choice. */
  gtk_widget_grab_focus (SEATS_IS_USER (item) ? GTK_WIDGET (self->contact_button)
                                              : GTK_WIDGET (self->contact_email_row));
  gtk_popover_popdown (self->contact_popover);
}

static void
contact_activated_cb (SeatsBillingPage *self,
                      guint             position)
{
  choose_contact (self, position);
}

/* Enter takes the first of what was found. */
static void
contact_search_activate_cb (SeatsBillingPage *self)
{
  choose_contact (self, 0);
}

static void
contact_popover_show_cb (SeatsBillingPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->contact_search), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->contact_search));
}

/* GObject */

static void
seats_billing_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SeatsBillingPage *self = SEATS_BILLING_PAGE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seats_billing_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SeatsBillingPage *self = SEATS_BILLING_PAGE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      if (self->engine != g_value_get_object (value))
        {
          set_engine (self, g_value_get_object (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seats_billing_page_dispose (GObject *object)
{
  SeatsBillingPage *self = SEATS_BILLING_PAGE (object);

  /* AdwBin unparents its child, the template's root, itself. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->engine_signals != NULL)
    g_signal_group_set_target (self->engine_signals, NULL);
  if (self->features_signals != NULL)
    g_signal_group_set_target (self->features_signals, NULL);
  g_clear_object (&self->engine_signals);
  g_clear_object (&self->features_signals);
  g_clear_object (&self->engine);
  g_clear_object (&self->baseline);
  g_clear_pointer (&self->feature_rows, g_hash_table_unref);
  g_clear_pointer (&self->switching, g_hash_table_unref);
  g_clear_object (&self->contact_other);
  g_clear_object (&self->contact_users);
  g_clear_object (&self->contact_sorted);
  g_clear_object (&self->contact_model);
  g_clear_object (&self->contact_found);
  g_clear_object (&self->contact_user);
  g_clear_object (&self->contact_search_filter);
  g_clear_object (&self->orders_sorted);
  g_clear_object (&self->orders_slice);
  g_clear_object (&self->invoices_sorted);
  g_clear_object (&self->invoices_slice);
  g_clear_object (&self->actions_sorted);
  g_clear_object (&self->actions_slice);

  G_OBJECT_CLASS (seats_billing_page_parent_class)->dispose (object);
}

static void
seats_billing_page_class_init (SeatsBillingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seats_billing_page_dispose;
  object_class->get_property = seats_billing_page_get_property;
  object_class->set_property = seats_billing_page_set_property;

  widget_class->map = seats_billing_page_map;

  properties [PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL,
                         SEATS_TYPE_SYNC_ENGINE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SEATS_TYPE_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/seats-billing-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, service_page);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, changed_banner);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, reseller_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, reseller_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, current_period_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, next_period_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, edition_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, features_group);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, billing_group);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, address_group);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, einvoice_group);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, invoices_group);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, edition_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, serial_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, serial_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, owner_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, owner_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, storage_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, storage_bar);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, seats_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, monthly_price_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, monthly_price_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, total_price_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, total_price_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, features_list);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, revert_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, company_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, vat_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, contact_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, contact_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, contact_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, contact_popover);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, contact_search);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, contact_list);
  gtk_widget_class_bind_template_callback (widget_class, contact_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, contact_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, contact_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, contact_popover_show_cb);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, contact_email_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, contact_error_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, contact_error_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, street_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, street_error_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, street_error_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, postal_code_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, postal_code_error_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, postal_code_error_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, city_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, city_error_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, city_error_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, country_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, country_error_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, country_error_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, einvoice_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, einvoice_address_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, einvoice_address_error_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, einvoice_address_error_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, einvoice_operator_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, einvoice_operator_error_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, einvoice_operator_error_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, orders_list);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, orders_all_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, invoices_list);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, invoices_all_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, actions_list);
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, actions_all_button);

  gtk_widget_class_install_action (widget_class, "billing.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "billing.correct-order", "s", correct_order_action);
  gtk_widget_class_install_action (widget_class, "billing.revert", NULL, revert_action);
  gtk_widget_class_install_action (widget_class, "billing.reload", NULL, revert_action);
  gtk_widget_class_install_action (widget_class, "billing.open-reseller", NULL, open_reseller_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "billing.save", NULL);
}

static GtkSliceListModel *
newest_first (GtkSortListModel **sorted,
              GCompareDataFunc   compare,
              GtkListBox        *list,
              GtkListBoxCreateWidgetFunc create_row,
              gpointer           user_data)
{
  GtkSliceListModel *slice;

  *sorted = gtk_sort_list_model_new (NULL, GTK_SORTER (gtk_custom_sorter_new (compare, NULL, NULL)));
  slice = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (*sorted)), 0, HISTORY_ROWS);
  gtk_list_box_bind_model (list, G_LIST_MODEL (slice), create_row, user_data, NULL);

  return slice;
}

static void
seats_billing_page_init (SeatsBillingPage *self)
{
  GListStore *parts;
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_status_page_set_description (self->service_page, seats_source_text_billing ());

  self->cancellable = g_cancellable_new ();
  self->feature_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->switching = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->fields[SEATS_BILLING_FIELD_CONTACT] = (FieldWidgets) {
    GTK_WIDGET (self->contact_row), self->contact_error_row, self->contact_error_label };
  self->fields[SEATS_BILLING_FIELD_STREET] = (FieldWidgets) {
    GTK_WIDGET (self->street_row), self->street_error_row, self->street_error_label };
  self->fields[SEATS_BILLING_FIELD_POSTAL_CODE] = (FieldWidgets) {
    GTK_WIDGET (self->postal_code_row), self->postal_code_error_row, self->postal_code_error_label };
  self->fields[SEATS_BILLING_FIELD_CITY] = (FieldWidgets) {
    GTK_WIDGET (self->city_row), self->city_error_row, self->city_error_label };
  self->fields[SEATS_BILLING_FIELD_COUNTRY] = (FieldWidgets) {
    GTK_WIDGET (self->country_row), self->country_error_row, self->country_error_label };
  self->fields[SEATS_BILLING_FIELD_EINVOICE_ADDRESS] = (FieldWidgets) {
    GTK_WIDGET (self->einvoice_address_row), self->einvoice_address_error_row,
    self->einvoice_address_error_label };
  self->fields[SEATS_BILLING_FIELD_EINVOICE_OPERATOR] = (FieldWidgets) {
    GTK_WIDGET (self->einvoice_operator_row), self->einvoice_operator_error_row,
    self->einvoice_operator_error_label };

  for (guint field = SEATS_BILLING_FIELD_CONTACT; field <= SEATS_BILLING_FIELD_LAST; field++)
    gtk_widget_add_css_class (GTK_WIDGET (self->fields[field].error_label), "error");

  /* Storage fills with the accent colour and warns when almost full. */
  gtk_level_bar_remove_offset_value (self->storage_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->storage_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->storage_bar, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_add_offset_value (self->storage_bar, "storage-normal", 0.9);
  gtk_level_bar_add_offset_value (self->storage_bar, "storage-almost-full", 1.0);

  /* The billing contact: another e-mail address, or one of the users. */
  self->contact_other = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  {
    g_autoptr(GtkStringObject) other = gtk_string_object_new (OTHER_CONTACT);

    g_list_store_append (self->contact_other, other);
  }
  self->contact_sorted =
    gtk_sort_list_model_new (NULL,
                             GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (SEATS_TYPE_USER,
                                                                                             NULL,
                                                                                             "display-name"))));
  self->contact_users = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->contact_sorted)),
                                                   GTK_FILTER (gtk_custom_filter_new (contact_candidate, self, NULL)));
  parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (parts, self->contact_other);
  g_list_store_append (parts, self->contact_users);
  self->contact_model = gtk_flatten_list_model_new (G_LIST_MODEL (parts));
  self->contact_search_filter = seats_user_filter_new ();
  self->contact_found = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->contact_model)),
                                                   GTK_FILTER (gtk_custom_filter_new (contact_matches, self, NULL)));
  gtk_filter_list_model_set_incremental (self->contact_found, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (contact_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (contact_bind_cb), NULL);
  gtk_list_view_set_factory (self->contact_list, factory);
  g_object_unref (factory);
  {
    g_autoptr(GtkNoSelection) found = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->contact_found)));

    gtk_list_view_set_model (self->contact_list, GTK_SELECTION_MODEL (found));
  }
  gtk_label_set_label (self->contact_label, _("Another E-Mail Address"));
  g_signal_connect_object (self->einvoice_row, "notify::enable-expansion",
                           G_CALLBACK (form_changed), self, G_CONNECT_SWAPPED);
  {
    AdwEntryRow *entries[] = {
      self->contact_email_row, self->street_row, self->postal_code_row, self->city_row,
      self->country_row, self->einvoice_address_row, self->einvoice_operator_row,
    };

    for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
      g_signal_connect_object (entries[i], "changed", G_CALLBACK (form_changed), self, G_CONNECT_SWAPPED);
  }

  /* Features */
  gtk_list_box_set_placeholder (self->features_list,
                                create_placeholder (_("This subscription has no features or integrations to switch.")));

  /* History, newest first */
  self->orders_slice = newest_first (&self->orders_sorted, compare_orders, self->orders_list,
                                     create_order_row, self);
  self->invoices_slice = newest_first (&self->invoices_sorted, compare_invoices, self->invoices_list,
                                       create_invoice_row, self);
  self->actions_slice = newest_first (&self->actions_sorted, compare_actions, self->actions_list,
                                      create_action_row, self);
  gtk_list_box_set_placeholder (self->orders_list, create_placeholder (_("No orders yet.")));
  gtk_list_box_set_placeholder (self->invoices_list, create_placeholder (_("No invoices yet.")));
  gtk_list_box_set_placeholder (self->actions_list, create_placeholder (_("Nothing has been changed yet.")));

  g_signal_connect_object (self->orders_sorted, "items-changed",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->invoices_sorted, "items-changed",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->actions_sorted, "items-changed",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->orders_all_button, "toggled",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->invoices_all_button, "toggled",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->actions_all_button, "toggled",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);

  /* The engine */
  self->engine_signals = g_signal_group_new (SEATS_TYPE_SYNC_ENGINE);
  g_signal_group_connect_object (self->engine_signals, "notify::account",
                                 G_CALLBACK (account_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->engine_signals, "notify::subscription",
                                 G_CALLBACK (engine_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->engine_signals, "notify::billing-details",
                                 G_CALLBACK (billing_details_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->engine_signals, "notify::status",
                                 G_CALLBACK (status_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->engine_signals, "changed",
                                 G_CALLBACK (engine_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->engine_signals, "notify::loading",
                                 G_CALLBACK (reload_form), self, G_CONNECT_SWAPPED);

  self->features_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->features_signals, "items-changed",
                                 G_CALLBACK (update_features), self, G_CONNECT_SWAPPED);

  set_engine (self, NULL);
}
