/* seats-licenses-page.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-licenses-page"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-activate-license-dialog.h"
#include "seats-application.h"
#include "seats-banner.h"
#include "seats-buy-dialog.h"
#include "seats-format.h"
#include "seats-holders-dialog.h"
#include "seats-licenses-page.h"
#include "seats-license.h"
#include "seats-licenses-util.h"
#include "seats-next-period-dialog.h"
#include "seats-rules.h"
#include "seats-seat-chart.h"
#include "seats-source-text.h"
#include "seats-sync-engine.h"
#include "seats-trial-dialog.h"

/* Grace deadlines this close are worth a desktop notification. */
#define DEADLINE_NOTICE_DAYS 2

struct _SeatsLicensesPage
{
  AdwBin              parent_instance;

  SeatsSyncEngine    *engine;
  GSignalGroup       *engine_signals;
  GCancellable       *cancellable;
  GtkFileChooserNative *chooser;

  GtkFilterListModel *modules;
  GtkFilterListModel *integrations;
  GtkFilterListModel *grace_users;

  /* What the person was already told on the desktop. */
  GHashTable         *notified;

  /* Template widgets */
  GtkStack           *content_stack;
  AdwStatusPage      *service_page;
  SeatsBanner        *pending_banner;
  SeatsBanner        *grace_banner;
  GtkLabel           *organization_label;
  GtkLabel           *edition_label;
  GtkLabel           *period_label;
  AdwPreferencesGroup *reseller_group;
  AdwActionRow       *reseller_row;
  GtkLabel           *purchased_value;
  GtkLabel           *in_use_value;
  GtkWidget          *available_card;
  GtkImage           *available_icon;
  GtkLabel           *available_value;
  GtkLabel           *available_caption;
  GtkLabel           *next_period_value;
  AdwPreferencesGroup *trial_group;
  AdwActionRow       *trial_row;
  GtkWidget          *serial_button;
  SeatsSeatChart     *chart;
  GtkLabel           *price_label;
  GtkWidget          *seats_buttons;
  GtkWidget          *buy_button;
  GtkWidget          *next_period_button;
  AdwPreferencesGroup *grace_group;
  GtkListBox         *grace_list;
  AdwPreferencesGroup *modules_group;
  GtkListBox         *modules_list;
  GtkWidget          *holders_button;
  AdwPreferencesGroup *seats_group;
  AdwActionRow       *advice_now_row;
  GtkButton          *advice_now_button;
  AdwActionRow       *advice_next_row;
  GtkButton          *advice_next_button;
  AdwPreferencesGroup *integrations_group;
  GtkListBox         *integrations_list;
  GtkWidget          *load_row;
  GtkWidget          *shop_row;
};

G_DEFINE_FINAL_TYPE (SeatsLicensesPage, seats_licenses_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ENGINE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GtkWindow *
get_parent_window (SeatsLicensesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static SeatsAccount *
get_account (SeatsLicensesPage *self)
{
  return self->engine != NULL ? seats_sync_engine_get_account (self->engine) : NULL;
}

static gboolean
is_viewer (SeatsLicensesPage *self)
{
  SeatsAccount *account = get_account (self);

  return account != NULL && seats_account_get_role (account) == SEATS_ROLE_VIEWER;
}

/* The actions about a subscription, which not every source has. */
static const char * const subscription_actions[] = {
  "licenses.buy", "licenses.buy-product", "licenses.change-next-period",
  "licenses.change-next-period-product", "licenses.activate-license", "licenses.enter-serial",
  "licenses.load-file", "licenses.open-shop", "licenses.show-holders",
};

static void
seats_licenses_page_update_actions (SeatsLicensesPage *self)
{
  g_autoptr(GError) error = NULL;
  SeatsAccount *account = get_account (self);
  gboolean can_change = FALSE;
  gboolean syncing = FALSE;
  gboolean viewer = is_viewer (self);
  gboolean pending = FALSE;
  gboolean trial = FALSE;
  gboolean has_seats = FALSE;
  const char *tooltip = NULL;
  const char *shop_url = NULL;

  if (self->engine != NULL)
    {
      can_change = seats_sync_engine_can_change (self->engine, SEATS_CHANGE_BUY, &error);
      syncing = seats_sync_engine_get_status (self->engine) == SEATS_SYNC_STATUS_SYNCING;
      pending = seats_sync_engine_get_pending_license (self->engine) != NULL;
      has_seats = seats_sync_engine_find_user_seats (self->engine) != NULL;
    }
  if (account != NULL)
    {
      trial = seats_account_get_is_trial (account);
      shop_url = seats_account_get_shop_url (account);
    }

  if (!can_change && error != NULL)
    tooltip = error->message;

  /* What the account's source cannot do is not offered. */
  if (self->engine != NULL && !seats_sync_engine_supports (self->engine, SEATS_CHANGE_BUY))
    {
      for (guint i = 0; i < G_N_ELEMENTS (subscription_actions); i++)
        gtk_widget_action_set_enabled (GTK_WIDGET (self), subscription_actions[i], FALSE);
      return;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "licenses.buy", can_change && has_seats);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "licenses.buy-product", can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "licenses.change-next-period",
                                 can_change && has_seats);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "licenses.change-next-period-product",
                                 can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "licenses.activate-license",
                                 can_change && pending && !syncing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "licenses.enter-serial", can_change && trial);
  /* A license file is checked offline; importing it says why when it cannot. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "licenses.load-file",
                                 self->engine != NULL && !viewer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "licenses.open-shop",
                                 shop_url != NULL && *shop_url != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "licenses.show-holders", self->engine != NULL);

  /* A viewer sees no changes at all; otherwise a disabled change says why. */
  gtk_widget_set_visible (self->seats_buttons, !viewer);
  gtk_widget_set_visible (self->serial_button, !viewer);
  gtk_widget_set_visible (self->load_row, !viewer);
  gtk_widget_set_visible (self->shop_row, shop_url != NULL && *shop_url != '\0' && !viewer);

  seats_widget_set_tooltip (self->buy_button, tooltip);
  seats_widget_set_tooltip (self->next_period_button, tooltip);
  seats_widget_set_tooltip (self->serial_button, tooltip);
  seats_widget_set_tooltip (GTK_WIDGET (self->pending_banner), tooltip);
  seats_widget_set_tooltip (GTK_WIDGET (self->grace_banner), tooltip);
}

static void
notify_once (SeatsLicensesPage *self,
             const char        *key,
             const char        *title,
             const char        *body,
             const char        *action)
{
  g_autoptr(GNotification) notification = NULL;
  GApplication *app = g_application_get_default ();
  SeatsAccount *account = get_account (self);
  g_autofree char *id = NULL;

  if (app == NULL || account == NULL)
    return;

  id = g_strdup_printf ("%s-%s", seats_account_get_id (account), key);
  if (!g_hash_table_add (self->notified, g_strdup (id)))
    return;

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  if (action != NULL)
    g_notification_set_default_action_and_target (notification, action, "s",
                                                   seats_account_get_id (account));
  g_application_send_notification (app, id, notification);
}

/* The day a user over the count loses the license: the day after the
 * deadline, which is the last day of grace (R5). */
static guint32
deactivation_julian (guint32 deadline)
{
  GDate date, day;

  if (!seats_julian_to_date (deadline, &date))
    return SEATS_JULIAN_NONE;

  seats_rules_deactivation_day (&date, &day);
  return g_date_get_julian (&day);
}

/* R5: a disagreement of the counts the policy cares about, and the
 * button that resolves it; a viewer reads it without the button. */
static void
show_advice (SeatsLicensesPage *self,
             AdwActionRow      *row,
             GtkButton         *button,
             char              *text,
             SeatsSeatAction    action)
{
  g_autofree char *owned = text;
  gboolean viewer = is_viewer (self);

  gtk_widget_set_visible (GTK_WIDGET (row), text != NULL);
  if (text == NULL)
    return;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  /* No action while the target changes: a target of the wrong type is
   * refused. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), NULL);
  switch (action)
    {
    case SEATS_SEAT_ACTION_BUY:
      gtk_button_set_label (button, _("Buy Licenses…"));
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), NULL);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "licenses.buy");
      break;
    case SEATS_SEAT_ACTION_ACTIVATE:
      gtk_button_set_label (button, _("Show Users"));
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string ("users"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-page");
      break;
    case SEATS_SEAT_ACTION_CHANGE_NEXT_PERIOD:
      gtk_button_set_label (button, _("Change Next Period…"));
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), NULL);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "licenses.change-next-period");
      break;
    case SEATS_SEAT_ACTION_NONE:
    default:
      break;
    }
  gtk_widget_set_visible (GTK_WIDGET (button), action != SEATS_SEAT_ACTION_NONE &&
                          (!viewer || action == SEATS_SEAT_ACTION_ACTIVATE));
}

/* The grace banner names every deadline there is: one date when all the
 * users over the count share it, otherwise the first and the last. */
static void
seats_licenses_page_update_grace (SeatsLicensesPage *self,
                                  guint32            today)
{
  GListModel *model = G_LIST_MODEL (self->grace_users);
  guint n = g_list_model_get_n_items (model);
  guint32 first_deadline = 0, last_deadline = 0;
  guint n_past = 0;
  g_autofree char *title = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (model, i);
      guint32 deadline = seats_user_get_grace_deadline_julian (user);

      if (first_deadline == 0 || deadline < first_deadline)
        first_deadline = deadline;
      last_deadline = MAX (last_deadline, deadline);
      n_past += deadline < today;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->grace_group), n > 0);

  if (n == 0)
    {
      seats_banner_set_revealed (self->grace_banner, FALSE);
      return;
    }

  if (n_past > 0)
    {
      g_autofree char *date = seats_format_date (first_deadline);

      title = g_strdup_printf (ngettext ("%u user is past the grace deadline of %s and will be "
                                         "deactivated unless licenses are bought",
                                         "%u users are past the grace deadline of %s and will be "
                                         "deactivated unless licenses are bought",
                                         n_past),
                               n_past, date);
    }
  else if (first_deadline == last_deadline)
    {
      g_autofree char *date = seats_format_date (deactivation_julian (first_deadline));

      /* Translators: %s is the day the users lose their licenses */
      title = g_strdup_printf (ngettext ("%u user will be deactivated on %s unless licenses are bought",
                                         "%u users will be deactivated on %s unless licenses are bought",
                                         n),
                               n, date);
    }
  else
    {
      g_autofree char *first = seats_format_date (deactivation_julian (first_deadline));
      g_autofree char *last = seats_format_date (deactivation_julian (last_deadline));

      /* Translators: the users over the count have different deadlines; the
       * first %s is the day the first of them loses the license, the second
       * the day the last of them does */
      title = g_strdup_printf (ngettext ("%u user will be deactivated unless licenses are bought: "
                                         "the first on %s, the last on %s",
                                         "%u users will be deactivated unless licenses are bought: "
                                         "the first on %s, the last on %s",
                                         n),
                               n, first, last);
    }

  seats_banner_set_title (self->grace_banner, title);
  seats_banner_set_revealed (self->grace_banner, TRUE);

  if (first_deadline >= today && first_deadline - today <= DEADLINE_NOTICE_DAYS)
    {
      g_autofree char *key = g_strdup_printf ("deadline-%u", first_deadline);

      notify_once (self, key, _("Users Will Be Deactivated Soon"), title, NULL);
    }
}

static void
seats_licenses_page_update (SeatsLicensesPage *self)
{
  SeatsAccount *account = get_account (self);
  SeatsSubscription *subscription = NULL;
  SeatsPendingLicense *pending = NULL;
  SeatsProduct *seats = NULL;
  SeatsPolicy *policy = NULL;
  g_autofree char *period = NULL;
  g_autofree char *period_text = NULL;
  guint32 today;
  guint purchased = 0, in_use = 0, next_period = 0;
  gboolean users_only;

  /* A service of users only, until its terms are kept on this computer. */
  users_only = self->engine != NULL && account != NULL &&
               seats_account_get_source (account) == SEATS_ACCOUNT_SOURCE_SCIM &&
               !seats_snapshot_terms_kept_here (seats_sync_engine_get_snapshot (self->engine));
  gtk_stack_set_visible_child_name (self->content_stack,
                                    self->engine == NULL || account == NULL ? "empty"
                                    : users_only ? "service" : "content");

  if (users_only)
    {
      g_autofree char *description = seats_source_text_licenses (self->engine);

      /* What is known of it: the users who hold a license (R1). */
      adw_status_page_set_title (self->service_page, seats_account_get_name (account));
      adw_status_page_set_description (self->service_page, description);
      seats_banner_set_revealed (self->pending_banner, FALSE);
      seats_banner_set_revealed (self->grace_banner, FALSE);
      seats_licenses_page_update_actions (self);
      return;
    }

  if (self->engine == NULL || account == NULL)
    {
      seats_banner_set_revealed (self->pending_banner, FALSE);
      seats_banner_set_revealed (self->grace_banner, FALSE);
      seats_licenses_page_update_actions (self);
      return;
    }

  today = seats_clock_get_today_julian (seats_sync_engine_get_clock (self->engine));
  subscription = seats_sync_engine_get_subscription (self->engine);
  pending = seats_sync_engine_get_pending_license (self->engine);
  seats = seats_sync_engine_find_user_seats (self->engine);
  policy = seats_account_get_policy (account);

  gtk_label_set_label (self->organization_label, seats_account_get_name (account));

  if (subscription != NULL && seats_subscription_get_edition (subscription) != NULL)
    {
      /* Translators: %s is the edition of the subscription, such as "Professional" */
      g_autofree char *edition = g_strdup_printf (_("%s edition"),
                                                  seats_subscription_get_edition (subscription));

      gtk_label_set_label (self->edition_label, edition);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->edition_label),
                          subscription != NULL && seats_subscription_get_edition (subscription) != NULL);

  period = seats_licenses_format_period (subscription);
  if (period != NULL)
    /* Translators: %s is a period, such as "1 November 2026 – 30 November 2026" */
    period_text = g_strdup_printf (_("Billing period %s"), period);
  gtk_label_set_label (self->period_label, period_text);
  gtk_widget_set_visible (GTK_WIDGET (self->period_label), period_text != NULL);

  /* R10: a reseller's subscription is changed there. */
  gtk_widget_set_visible (GTK_WIDGET (self->reseller_group), seats_policy_is_resold (policy));
  if (seats_policy_is_resold (policy))
    {
      /* Translators: %s is the name of the reseller */
      g_autofree char *title = g_strdup_printf (_("Managed by %s"),
                                                seats_policy_get_reseller_name (policy));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reseller_row), title);
      seats_widget_set_tooltip (GTK_WIDGET (self->reseller_row),
                                seats_policy_get_reseller_url (policy));
    }

  /* The summary (R1). */
  if (seats != NULL)
    {
      g_autofree char *price = NULL;
      g_autofree char *price_text = NULL;

      purchased = seats_product_get_purchased (seats);
      in_use = seats_product_get_in_use (seats);
      next_period = seats_product_get_next_period (seats);

      /* R15: a viewer is not told the prices. */
      if (seats_product_has_price (seats))
        {
          price = seats_format_money (seats_product_get_price (seats), seats_product_get_currency (seats));
          /* Translators: %s is an amount of money */
          price_text = g_strdup_printf (_("%s per month"), price);
          gtk_label_set_label (self->price_label, price_text);
        }
      gtk_widget_set_visible (GTK_WIDGET (self->price_label), seats_product_has_price (seats));
    }

  {
    g_autofree char *purchased_text = seats_format_count (purchased);
    g_autofree char *in_use_text = seats_format_count (in_use);
    g_autofree char *next_text = seats_format_count (next_period);
    g_autofree char *available_text = NULL;
    g_autofree char *over_text = NULL;
    gboolean over = in_use > purchased;

    if (over)
      {
        over_text = seats_format_count (in_use - purchased);
        /* Translators: a negative count of available licenses, such as "−3" */
        available_text = g_strdup_printf (_("−%s"), over_text);
      }
    else
      available_text = seats_format_count (purchased - in_use);

    gtk_label_set_label (self->purchased_value, purchased_text);
    gtk_label_set_label (self->in_use_value, in_use_text);
    gtk_label_set_label (self->next_period_value, next_text);
    gtk_label_set_label (self->available_value, available_text);
    gtk_label_set_label (self->available_caption,
                         over ? _("Available: more in use than purchased") : _("Available"));
    gtk_widget_set_visible (GTK_WIDGET (self->available_icon), over);
    if (over)
      gtk_widget_add_css_class (self->available_card, "licenses-over");
    else
      gtk_widget_remove_css_class (self->available_card, "licenses-over");
  }

  /* R5: the policy in words, and where the counts go against it. */
  {
    SeatsRulePolicy rule;
    g_autofree char *words = NULL;
    SeatsSeatAction now_action = SEATS_SEAT_ACTION_NONE, next_action = SEATS_SEAT_ACTION_NONE;
    char *now = NULL, *next = NULL;

    seats_policy_to_rule (policy, &rule);
    words = seats_rules_describe_policy (&rule);
    adw_preferences_group_set_description (self->seats_group, words);
    if (seats != NULL)
      {
        now = seats_rules_advise_now (&rule, purchased, in_use, &now_action);
        next = seats_rules_advise_next (&rule, next_period, in_use, &next_action);
      }
    show_advice (self, self->advice_now_row, self->advice_now_button, now, now_action);
    show_advice (self, self->advice_next_row, self->advice_next_button, next, next_action);
  }

  /* R18 */
  gtk_widget_set_visible (GTK_WIDGET (self->trial_group), seats_account_get_is_trial (account));
  if (seats_account_get_is_trial (account))
    {
      GDate end, date;
      g_autofree char *title = NULL;
      guint days;

      g_date_clear (&end, 1);
      g_date_clear (&date, 1);
      seats_julian_to_date (seats_account_get_trial_end_julian (account), &end);
      seats_julian_to_date (today, &date);
      days = g_date_valid (&end) ? seats_rules_trial_days_left (&end, &date) : 0;

      if (days > 0)
        title = g_strdup_printf (ngettext ("%u day left in the trial",
                                           "%u days left in the trial", days), days);
      else
        title = g_strdup (_("The trial has ended"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->trial_row), title);
    }

  /* R8 */
  seats_banner_set_revealed (self->pending_banner, pending != NULL);
  if (pending != NULL)
    {
      g_autofree char *key = g_strdup_printf ("license-%s", seats_pending_license_get_id (pending));

      notify_once (self, key, _("New License Waiting"),
                   _("A new license from the vendor is waiting to be activated in Seats."), NULL);
    }

  seats_licenses_page_update_grace (self, today);
  gtk_widget_set_visible (GTK_WIDGET (self->modules_group),
                          g_list_model_get_n_items (G_LIST_MODEL (self->modules)) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->integrations_group),
                          g_list_model_get_n_items (G_LIST_MODEL (self->integrations)) > 0);

  seats_licenses_page_update_actions (self);
}

static void
engine_changed_cb (SeatsLicensesPage *self)
{
  seats_licenses_page_update (self);
}

/* Filters over the engine's models. */

static gboolean
filter_kind_cb (gpointer item,
                gpointer user_data)
{
  return seats_product_get_kind (SEATS_PRODUCT (item)) == GPOINTER_TO_UINT (user_data);
}

static gboolean
filter_grace_cb (gpointer item,
                 gpointer user_data)
{
  SeatsUser *user = SEATS_USER (item);

  return seats_user_get_active (user) && seats_user_get_grace_deadline_julian (user) != 0;
}

/* Rows. */

static GtkWidget *
create_module_row_cb (gpointer item,
                      gpointer user_data)
{
  SeatsProduct *product = SEATS_PRODUCT (item);
  g_autofree char *assigned = NULL;
  g_autofree char *price = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *purchased = seats_format_count (seats_product_get_purchased (product));
  g_autofree char *in_use = seats_format_count (seats_product_get_in_use (product));
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) buy = NULL;
  g_autoptr(GMenuItem) next = NULL;
  g_autoptr(GMenuItem) holders = NULL;
  const char *id = seats_product_get_id (product);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow;
  GtkWidget *menu_button;
  g_autofree char *menu_label = NULL;

  /* Translators: "4 of 6 assigned", licenses of a module */
  assigned = g_strdup_printf (_("%s of %s assigned"), in_use, purchased);
  /* R15: a viewer is not told the prices. */
  if (seats_product_has_price (product))
    price = seats_format_money (seats_product_get_price (product), seats_product_get_currency (product));
  if (price == NULL)
    subtitle = g_steal_pointer (&assigned);
  else if (seats_product_get_next_period (product) != seats_product_get_purchased (product))
    {
      g_autofree char *next_count = seats_format_count (seats_product_get_next_period (product));

      /* Translators: the assigned licenses, the price of one, the count for the next period */
      subtitle = g_strdup_printf (_("%s · %s per license per month · next period %s"),
                                  assigned, price, next_count);
    }
  else
    /* Translators: the assigned licenses and the price of one */
    subtitle = g_strdup_printf (_("%s · %s per license per month"), assigned, price);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), seats_product_get_name (product));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* The row opens who holds the module. */
  arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "licenses.show-holders");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", id);
  seats_widget_set_tooltip (row, _("Show who holds the module"));

  buy = g_menu_item_new (_("Bu_y Licenses…"), NULL);
  g_menu_item_set_action_and_target (buy, "licenses.buy-product", "s", id);
  g_menu_append_item (menu, buy);
  next = g_menu_item_new (_("Change _Next Period…"), NULL);
  g_menu_item_set_action_and_target (next, "licenses.change-next-period-product", "s", id);
  g_menu_append_item (menu, next);

  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  /* Translators: %s is the name of an add-on module */
  menu_label = g_strdup_printf (_("Change %s"), seats_product_get_name (product));
  seats_widget_set_tooltip (menu_button, menu_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label,
                                  -1);
  gtk_widget_set_name (menu_button, "module-menu");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);

  return row;
}

static GtkWidget *
create_integration_row_cb (gpointer item,
                           gpointer user_data)
{
  SeatsProduct *product = SEATS_PRODUCT (item);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), seats_product_get_name (product));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               seats_product_get_enabled (product) ? _("Switched on") : _("Switched off"));

  /* R15: a viewer is not told the prices. */
  if (seats_product_has_price (product))
    {
      g_autofree char *price = seats_format_money (seats_product_get_price (product),
                                                   seats_product_get_currency (product));
      /* Translators: %s is an amount of money */
      g_autofree char *fee = g_strdup_printf (_("%s per month"), price);
      GtkWidget *label = gtk_label_new (fee);

      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  return row;
}

static GtkWidget *
create_grace_row_cb (gpointer item,
                     gpointer user_data)
{
  SeatsLicensesPage *self = user_data;
  SeatsUser *user = SEATS_USER (item);
  guint32 day = deactivation_julian (seats_user_get_grace_deadline_julian (user));
  g_autofree char *date = seats_format_date (day);
  g_autofree char *text = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label;
  const char *name = seats_user_get_display_name (user);
  SeatsClock *clock = self->engine ? seats_sync_engine_get_clock (self->engine) : NULL;

  if (clock != NULL && day > seats_clock_get_today_julian (clock))
    /* Translators: %s is the day ahead on which the user loses the license */
    text = g_strdup_printf (_("Will be deactivated on %s"), date);
  else
    /* Translators: %s is a date */
    text = g_strdup_printf (_("Deactivated on %s"), date);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 name != NULL && *name != '\0' ? name : seats_user_get_user_name (user));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), seats_user_get_email (user));

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"),
                                  -1);
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (box, "warning");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  return row;
}

/* Actions. */

static void
seats_licenses_page_buy_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  SeatsLicensesPage *self = SEATS_LICENSES_PAGE (widget);
  SeatsProduct *seats;
  const char *product_id;

  if (self->engine == NULL)
    return;

  if (param != NULL)
    product_id = g_variant_get_string (param, NULL);
  else if ((seats = seats_sync_engine_find_user_seats (self->engine)) != NULL)
    product_id = seats_product_get_id (seats);
  else
    return;

  gtk_window_present (GTK_WINDOW (seats_buy_dialog_new (get_parent_window (self), self->engine,
                                                        product_id)));
}

static void
seats_licenses_page_change_next_period_action (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *param)
{
  SeatsLicensesPage *self = SEATS_LICENSES_PAGE (widget);
  SeatsProduct *seats;
  const char *product_id;

  if (self->engine == NULL)
    return;

  if (param != NULL)
    product_id = g_variant_get_string (param, NULL);
  else if ((seats = seats_sync_engine_find_user_seats (self->engine)) != NULL)
    product_id = seats_product_get_id (seats);
  else
    return;

  gtk_window_present (GTK_WINDOW (seats_next_period_dialog_new (get_parent_window (self),
                                                                self->engine, product_id)));
}

static void
seats_licenses_page_activate_license_action (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *param)
{
  SeatsLicensesPage *self = SEATS_LICENSES_PAGE (widget);

  if (self->engine == NULL || seats_sync_engine_get_pending_license (self->engine) == NULL)
    return;

  gtk_window_present (GTK_WINDOW (seats_activate_license_dialog_new (get_parent_window (self),
                                                                     self->engine)));
}

static void
seats_licenses_page_enter_serial_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  SeatsLicensesPage *self = SEATS_LICENSES_PAGE (widget);

  if (self->engine != NULL)
    gtk_window_present (GTK_WINDOW (seats_trial_dialog_new (get_parent_window (self), self->engine)));
}

static void
seats_licenses_page_show_holders_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  SeatsLicensesPage *self = SEATS_LICENSES_PAGE (widget);
  const char *module_id = g_variant_get_string (param, NULL);

  if (self->engine != NULL)
    gtk_window_present (GTK_WINDOW (seats_holders_dialog_new (get_parent_window (self), self->engine,
                                                              *module_id != '\0' ? module_id : NULL)));
}

static void
seats_licenses_page_open_shop_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  SeatsLicensesPage *self = SEATS_LICENSES_PAGE (widget);
  SeatsAccount *account = get_account (self);

  if (account != NULL && seats_account_get_shop_url (account) != NULL)
    seats_open_address (widget, seats_account_get_shop_url (account));
}

static void
seats_licenses_page_open_reseller_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param)
{
  SeatsLicensesPage *self = SEATS_LICENSES_PAGE (widget);
  SeatsAccount *account = get_account (self);
  SeatsPolicy *policy = account != NULL ? seats_account_get_policy (account) : NULL;

  if (policy != NULL && seats_policy_get_reseller_url (policy) != NULL)
    seats_open_address (widget, seats_policy_get_reseller_url (policy));
}

static void
file_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SeatsLicensesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size = 0;
  char *data = NULL;

  if (!g_file_load_contents_finish (G_FILE (object), result, &data, &size, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        seats_licenses_page_load_license_bytes (self, NULL, error->message);
      return;
    }

  bytes = g_bytes_new_take (data, size);
  seats_licenses_page_load_license_bytes (self, bytes, NULL);
}

static void
file_info_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SeatsLicensesPage) self = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (info == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        seats_licenses_page_load_license_bytes (self, NULL, error->message);
      return;
    }

  /* Never read more than a license file can be. */
  if (g_file_info_get_size (info) > SEATS_LICENSE_MAX_FILE_SIZE)
    {
      seats_licenses_page_load_license_bytes (self, NULL,
                                              _("The file is too large to be a license file."));
      return;
    }

  g_file_load_contents_async (G_FILE (object), self->cancellable, file_read_cb, g_object_ref (self));
}

static void
chooser_response_cb (SeatsLicensesPage    *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, self->cancellable, file_info_cb, g_object_ref (self));
}

static void
seats_licenses_page_load_file_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  seats_licenses_page_load_license_file (SEATS_LICENSES_PAGE (widget));
}

static void
seats_licenses_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SeatsLicensesPage *self = SEATS_LICENSES_PAGE (object);

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
seats_licenses_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SeatsLicensesPage *self = SEATS_LICENSES_PAGE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      if (g_set_object (&self->engine, g_value_get_object (value)))
        {
          GListModel *products = self->engine ? seats_sync_engine_get_products (self->engine) : NULL;
          GListModel *users = self->engine ? seats_sync_engine_get_users (self->engine) : NULL;

          g_cancellable_cancel (self->cancellable);
          g_clear_object (&self->cancellable);
          self->cancellable = g_cancellable_new ();

          g_signal_group_set_target (self->engine_signals, self->engine);
          gtk_filter_list_model_set_model (self->modules, products);
          gtk_filter_list_model_set_model (self->integrations, products);
          gtk_filter_list_model_set_model (self->grace_users, users);
          seats_seat_chart_set_model (self->chart,
                                      self->engine ? seats_sync_engine_get_history (self->engine) : NULL);
          seats_licenses_page_update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seats_licenses_page_dispose (GObject *object)
{
  SeatsLicensesPage *self = SEATS_LICENSES_PAGE (object);

  /* AdwBin unparents its child, the template's root, itself. */
  g_cancellable_cancel (self->cancellable);
  if (self->engine_signals != NULL)
    g_signal_group_set_target (self->engine_signals, NULL);
  g_clear_object (&self->engine);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (seats_licenses_page_parent_class)->dispose (object);
}

static void
seats_licenses_page_finalize (GObject *object)
{
  SeatsLicensesPage *self = SEATS_LICENSES_PAGE (object);

  g_clear_object (&self->engine_signals);
  g_clear_object (&self->modules);
  g_clear_object (&self->integrations);
  g_clear_object (&self->grace_users);
  g_clear_pointer (&self->notified, g_hash_table_unref);

  G_OBJECT_CLASS (seats_licenses_page_parent_class)->finalize (object);
}

static void
seats_licenses_page_class_init (SeatsLicensesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seats_licenses_page_dispose;
  object_class->finalize = seats_licenses_page_finalize;
  object_class->get_property = seats_licenses_page_get_property;
  object_class->set_property = seats_licenses_page_set_property;

  properties [PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL,
                         SEATS_TYPE_SYNC_ENGINE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SEATS_TYPE_BANNER);
  g_type_ensure (SEATS_TYPE_SEAT_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/seats-licenses-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, service_page);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, pending_banner);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, grace_banner);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, organization_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, edition_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, reseller_group);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, reseller_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, purchased_value);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, in_use_value);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, available_card);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, available_icon);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, available_value);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, available_caption);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, next_period_value);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, trial_group);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, trial_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, serial_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, chart);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, price_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, seats_buttons);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, buy_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, next_period_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, grace_group);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, grace_list);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, modules_group);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, modules_list);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, holders_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, seats_group);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, advice_now_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, advice_now_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, advice_next_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, advice_next_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, integrations_group);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, integrations_list);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, load_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsLicensesPage, shop_row);

  gtk_widget_class_install_action (widget_class, "licenses.buy", NULL,
                                   seats_licenses_page_buy_action);
  gtk_widget_class_install_action (widget_class, "licenses.buy-product", "s",
                                   seats_licenses_page_buy_action);
  gtk_widget_class_install_action (widget_class, "licenses.change-next-period", NULL,
                                   seats_licenses_page_change_next_period_action);
  gtk_widget_class_install_action (widget_class, "licenses.change-next-period-product", "s",
                                   seats_licenses_page_change_next_period_action);
  gtk_widget_class_install_action (widget_class, "licenses.activate-license", NULL,
                                   seats_licenses_page_activate_license_action);
  gtk_widget_class_install_action (widget_class, "licenses.enter-serial", NULL,
                                   seats_licenses_page_enter_serial_action);
  gtk_widget_class_install_action (widget_class, "licenses.show-holders", "s",
                                   seats_licenses_page_show_holders_action);
  gtk_widget_class_install_action (widget_class, "licenses.load-file", NULL,
                                   seats_licenses_page_load_file_action);
  gtk_widget_class_install_action (widget_class, "licenses.open-shop", NULL,
                                   seats_licenses_page_open_shop_action);
  gtk_widget_class_install_action (widget_class, "licenses.open-reseller", NULL,
                                   seats_licenses_page_open_reseller_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK,
                                       "licenses.buy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "licenses.load-file", NULL);
}

static void
seats_licenses_page_init (SeatsLicensesPage *self)
{
  GtkCustomFilter *filter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->notified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();

  filter = gtk_custom_filter_new (filter_kind_cb, GUINT_TO_POINTER (SEATS_PRODUCT_KIND_MODULE), NULL);
  self->modules = gtk_filter_list_model_new (NULL, GTK_FILTER (filter));
  filter = gtk_custom_filter_new (filter_kind_cb, GUINT_TO_POINTER (SEATS_PRODUCT_KIND_INTEGRATION), NULL);
  self->integrations = gtk_filter_list_model_new (NULL, GTK_FILTER (filter));
  filter = gtk_custom_filter_new (filter_grace_cb, NULL, NULL);
  self->grace_users = gtk_filter_list_model_new (NULL, GTK_FILTER (filter));

  gtk_list_box_bind_model (self->modules_list, G_LIST_MODEL (self->modules),
                           create_module_row_cb, self, NULL);
  gtk_list_box_bind_model (self->integrations_list, G_LIST_MODEL (self->integrations),
                           create_integration_row_cb, self, NULL);
  gtk_list_box_bind_model (self->grace_list, G_LIST_MODEL (self->grace_users),
                           create_grace_row_cb, self, NULL);

  self->engine_signals = g_signal_group_new (SEATS_TYPE_SYNC_ENGINE);
  g_signal_group_connect_swapped (self->engine_signals, "changed",
                                  G_CALLBACK (engine_changed_cb), self);
  g_signal_group_connect_swapped (self->engine_signals, "notify::status",
                                  G_CALLBACK (engine_changed_cb), self);
  g_signal_group_connect_swapped (self->engine_signals, "notify::account",
                                  G_CALLBACK (engine_changed_cb), self);
  g_signal_group_connect_swapped (self->engine_signals, "notify::pending-license",
                                  G_CALLBACK (engine_changed_cb), self);

  seats_licenses_page_update (self);
}

/**
 * seats_licenses_page_load_license_file:
 * @self: a #SeatsLicensesPage
 *
 * Asks for a license file from the vendor (R9) and shows what it holds, or
 * why it cannot be used.
 */
void
seats_licenses_page_load_license_file (SeatsLicensesPage *self)
{
  g_autoptr(GtkFileFilter) filter = NULL;

  g_return_if_fail (SEATS_IS_LICENSES_PAGE (self));

  if (self->engine == NULL || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Load License From File"),
                                               get_parent_window (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("License Files"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/**
 * seats_licenses_page_load_license_bytes:
 * @self: a #SeatsLicensesPage
 * @bytes: (nullable): the contents of a license file
 * @read_error: (nullable): why the file could not be read, when @bytes is %NULL
 *
 * Checks a license file's contents (R9) and shows what it would change,
 * with a way to import it, or says plainly why it cannot be used.
 *
 * Returns: (transfer none): the dialog shown
 */
GtkWindow *
seats_licenses_page_load_license_bytes (SeatsLicensesPage *self,
                                        GBytes            *bytes,
                                        const char        *read_error)
{
  g_autoptr(SeatsPendingLicense) license = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AdwMessageDialog *dialog;
  gsize size = 0;
  const char *data = NULL;

  g_return_val_if_fail (SEATS_IS_LICENSES_PAGE (self), NULL);
  g_return_val_if_fail (bytes != NULL || read_error != NULL, NULL);

  if (self->engine == NULL)
    return NULL;

  if (bytes != NULL)
    {
      data = g_bytes_get_data (bytes, &size);
      if (size > SEATS_LICENSE_MAX_FILE_SIZE)
        g_set_error_literal (&error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_MALFORMED,
                             _("The file is too large to be a license file."));
      else if (memchr (data, '\0', size) != NULL || !g_utf8_validate (data, size, NULL))
        g_set_error_literal (&error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_MALFORMED,
                             _("The file is not a license file: it is not text."));
      else
        {
          text = g_strndup (data, size);
          license = seats_sync_engine_check_license_file (self->engine, text, size, &error);
        }
    }
  else
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, read_error);

  if (license != NULL)
    return GTK_WINDOW (seats_activate_license_dialog_new_import (get_parent_window (self),
                                                                 self->engine, text, license));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_parent_window (self),
                                                       _("The License File Cannot Be Used"), NULL));
  /* Translators: %s says what is wrong with the file */
  adw_message_dialog_format_body (dialog,
                                  _("%s\n\nNothing was changed. Ask the vendor for a new license "
                                    "file, or activate the license when the license server can "
                                    "be reached."),
                                  error->message);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}
