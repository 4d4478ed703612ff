/* test-window.c: the main window, driven as a person would
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libical/ical.h>
#include <string.h>

#include "seats-api-error.h"
#include "seats-billing-page.h"
#include "seats-buy-dialog.h"
#include "seats-connect-dialog.h"
#include "seats-format.h"
#include "seats-import-dialog.h"
#include "seats-next-period-dialog.h"
#include "seats-store.h"
#include "seats-terms-dialog.h"
#include "seats-user-dialog.h"
#include "ui-test-helper.h"

/* What a person reads, in the language under test. */
static const struct {
  const char *language;
  const char *titles[3];
  const char *welcome;
  const char *connect;
  const char *demo;
} expected_texts[] = {
  { "en", { "Licenses", "Users", "Billing" }, "Welcome to Seats", "Connect Account…", "Try the Demo" },
  { "nl", { "Licenties", "Gebruikers", "Facturering" }, "Welkom bij Seats", "Account koppelen…", "Demo proberen" },
  { "sv", { "Licenser", "Användare", "Fakturering" }, "Välkommen till Seats", "Anslut konto…", "Prova demon" },
};

static const char *page_names[] = { "licenses", "users", "billing" };

static guint expected_index;

#define EXPECTED (expected_texts[expected_index])

/* Activates the shortcut the window has for @accelerator, as a key press would. */
static gboolean
press_shortcut (GtkWidget  *widget,
                const char *accelerator)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint n = g_list_model_get_n_items (controllers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      guint n_shortcuts;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      n_shortcuts = g_list_model_get_n_items (G_LIST_MODEL (controller));
      for (guint j = 0; j < n_shortcuts; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = NULL;

          trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          if (g_strcmp0 (trigger, accelerator) != 0)
            continue;

          return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                               0, widget,
                                               gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

static void
fixture_set_up (UiFixture     *fixture,
                gconstpointer  user_data)
{
  ui_fixture_set_up (fixture, "demolen", FALSE);
}

static void
fixture_tear_down (UiFixture     *fixture,
                   gconstpointer  user_data)
{
  ui_fixture_tear_down (fixture);
}

static void
test_window_welcome (void)
{
  SeatsWindow *window = seats_window_new (ui_test_get_application ());
  GtkWidget *connect;

  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  ui_iterate ();

  /* No account yet: a welcome, a way to connect one, and a demo. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Seats");
  g_assert_true (ui_shows_text (GTK_WIDGET (window), EXPECTED.welcome));
  connect = ui_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, EXPECTED.connect);
  g_assert_nonnull (connect);
  g_assert_nonnull (ui_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, EXPECTED.demo));
  /* Nothing to switch between yet. */
  g_assert_null (ui_find (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, EXPECTED.titles[0]));

  ui_assert_access_keys_unique (GTK_WIDGET (window));

  /* Connecting asks for the server and the token. */
  ui_click (connect);
  g_assert_nonnull (ui_find_dialog (GTK_TYPE_WINDOW));

  gtk_window_destroy (GTK_WINDOW (window));
  ui_iterate ();
  {
    GList *windows;

    while ((windows = gtk_application_get_windows (GTK_APPLICATION (ui_test_get_application ()))))
      gtk_window_destroy (windows->data);
  }
  ui_iterate ();
}

static void
test_window_pages (UiFixture     *fixture,
                   gconstpointer  user_data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);

  /* Every page is on the switcher under its name in the person's language. */
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      g_test_message ("looking for the page switcher button “%s”", EXPECTED.titles[i]);
      g_assert_nonnull (ui_find (root, GTK_TYPE_TOGGLE_BUTTON, EXPECTED.titles[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      seats_window_set_visible_page (fixture->window, page_names[i]);
      ui_iterate ();
      g_assert_cmpstr (seats_window_get_visible_page (fixture->window), ==, page_names[i]);
      /* Each page with the header it shares the window with. */
      ui_assert_access_keys_unique (root);
    }
}

/* GNOME's phone width: every page fits a window 360 pixels wide, in
 * every language. */
static void
test_window_narrow (UiFixture     *fixture,
                    gconstpointer  user_data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);

  /* GNOME's window buttons: only Close. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      int minimum;

      seats_window_set_visible_page (fixture->window, page_names[i]);
      ui_iterate ();
      gtk_widget_measure (root, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_test_message ("%s: at least %d px wide", page_names[i], minimum);
      g_assert_cmpint (minimum, <=, 360);
    }
}

/* The Connect Account dialog, from the main menu: its access keys differ
 * in every language, and so do the welcome page's. */
static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
test_window_connect_dialog (UiFixture     *fixture,
                            gconstpointer  user_data)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.connect-account", NULL));
  ui_iterate ();
  dialog = ui_find_dialog (SEATS_TYPE_CONNECT_DIALOG);
  g_assert_nonnull (dialog);

  /* Nobody listens at the address: the reason comes at once, whole, and
   * goes as soon as the person puts the fields right. */
  {
    GtkWidget *server = ui_find_by_id (GTK_WIDGET (dialog), "server_row");
    GtkWidget *token = ui_find_by_id (GTK_WIDGET (dialog), "token_row");
    GtkWidget *message = ui_find_by_id (GTK_WIDGET (dialog), "error_label");
    graphene_rect_t bounds;
    int needed;

    gtk_editable_set_text (GTK_EDITABLE (server), "http://127.0.0.1:1");
    gtk_editable_set_text (GTK_EDITABLE (token), "not-a-token");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.connect", NULL));
    g_assert_true (ui_wait_for (widget_is_mapped, message, 10000));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), !=, "");

    /* The dialog grew to show all of it. */
    ui_iterate ();
    gtk_widget_measure (message, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (message),
                        &needed, NULL, NULL, NULL);
    g_assert_cmpint (gtk_widget_get_height (message), >=, needed);
    g_assert_true (gtk_widget_compute_bounds (message, GTK_WIDGET (dialog), &bounds));
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (dialog)));

    gtk_editable_set_text (GTK_EDITABLE (token), "another-token");
    g_assert_false (gtk_widget_get_visible (message));
  }

  gtk_window_destroy (dialog);
  ui_iterate ();
}

static void
test_window_switcher (UiFixture     *fixture,
                      gconstpointer  user_data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);

  /* Go backwards so that every click changes the page. */
  for (int i = G_N_ELEMENTS (page_names) - 1; i >= 0; i--)
    {
      GtkWidget *button = ui_find (root, GTK_TYPE_TOGGLE_BUTTON, EXPECTED.titles[i]);

      g_assert_nonnull (button);
      ui_click (button);

      g_assert_cmpstr (seats_window_get_visible_page (fixture->window), ==, page_names[i]);
      g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
    }
}

static void
test_window_shortcuts (UiFixture     *fixture,
                       gconstpointer  user_data)
{
  static const char *order[] = { "<Control>3", "<Control>1", "<Control>2", "<Control>3" };
  static const char *expected[] = { "billing", "licenses", "users", "billing" };
  g_auto(GStrv) quit_accels = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_assert_true (press_shortcut (GTK_WIDGET (fixture->window), order[i]));
      ui_iterate ();
      g_assert_cmpstr (seats_window_get_visible_page (fixture->window), ==, expected[i]);
    }

  quit_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (ui_test_get_application ()),
                                                       "app.quit");
  g_assert_cmpstr (quit_accels[0], ==, "<Control>q");
}

static void
test_window_sync_state (UiFixture     *fixture,
                        gconstpointer  user_data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  g_autofree char *synced = g_strdup_printf (_("Synced %s"), _("just now"));

  /* Synced a moment ago, and the header says so in the person's words. */
  g_assert_true (ui_shows_text (root, synced));

  /* The server goes away: the header and a banner say offline, with the
   * local copy still shown. A refused connection is known at once, with
   * the client's own retries as they are. */
  seats_server_disconnect (fixture->vendor->server);
  g_assert_false (ui_fixture_sync (fixture));
  g_assert_cmpint (seats_sync_engine_get_status (fixture->engine), ==, SEATS_SYNC_STATUS_OFFLINE);
  g_assert_true (ui_shows_text (root, _("Offline")));
  g_assert_nonnull (ui_wait_for_widget (root, GTK_TYPE_BUTTON, _("Try A_gain")));

  /* Nothing can be changed offline, and the banner says so rather than
   * promising to send changes later. */
  {
    g_autofree char *banner = g_strdup_printf (_("The license server cannot be reached. Shown is the copy "
                                                 "synced %s; nothing can be changed until the connection "
                                                 "returns."), _("just now"));
    g_autoptr(GError) error = NULL;

    g_assert_true (ui_shows_text (root, banner));
    g_assert_false (seats_sync_engine_can_change (fixture->engine, SEATS_CHANGE_USERS_ACTIVE, &error));
    g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_OFFLINE);
  }
}

static void
test_window_menu (UiFixture     *fixture,
                  gconstpointer  user_data)
{
  GtkWidget *menu_button;
  GMenuModel *menu;
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);

  menu_button = ui_find (GTK_WIDGET (fixture->window), GTK_TYPE_MENU_BUTTON, NULL);
  g_assert_nonnull (menu_button);
  g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (menu_button)));

  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          char *action = NULL;

          if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action))
            g_ptr_array_add (actions, action);
        }
    }

  for (guint i = 0; i < 6; i++)
    {
      static const char *wanted[] = { "win.show-help-overlay", "app.about", "win.connect-account",
                                      "win.sync", "win.load-license", "win.export-users" };

      g_test_message ("menu item for %s", wanted[i]);
      g_assert_true (g_ptr_array_find_with_equal_func (actions, wanted[i], g_str_equal, NULL));
    }


  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.show-help-overlay", NULL));
  ui_iterate ();
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window)));
}

static void
test_window_remembers_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 700);
  g_settings_set_int (settings, "window-height", 500);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = GTK_WINDOW (seats_window_new (ui_test_get_application ()));
  gtk_window_get_default_size (window, &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 500);

  gtk_window_present (window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);

  /* What the person resized to is what the next start opens with. */
  gtk_window_set_default_size (window, 820, 610);
  ui_iterate ();
  gtk_window_close (window);
  ui_iterate ();

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

static gboolean
dialog_closed (gpointer data)
{
  return ui_find_dialog ((GType) GPOINTER_TO_SIZE (data)) == NULL;
}

/* The message dialog with @heading, among the windows open. */
static GtkWindow *
find_message_dialog (const char *heading)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      return l->data;

  return NULL;
}

static gboolean
order_is_corrected (gpointer data)
{
  g_autoptr(SeatsOrder) order = g_list_model_get_item (seats_sync_engine_get_orders (data), 0);

  return order != NULL && seats_order_get_amount (order) == 65000;
}

static gboolean
next_period_is_eight (gpointer data)
{
  SeatsProduct *seats = seats_sync_engine_find_user_seats (data);

  return seats != NULL && seats_product_get_next_period (seats) == 8;
}

static void
set_row (GtkWidget  *dialog,
         const char *id,
         const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (ui_find_by_id (dialog, id)), text);
}

/* A subscription kept by hand, added and changed in the window. A term
 * that breaks a rule is refused beside its field before anything is
 * saved, the message goes as the field is put right, and the new
 * account's pages show its terms. The clock is November 16, 2026. */
static void
test_window_kept_by_hand (UiFixture     *fixture,
                          gconstpointer  user_data)
{
  SeatsApplication *app = ui_test_get_application ();
  GListModel *sessions = seats_application_get_sessions (app);
  guint n_sessions = g_list_model_get_n_items (sessions);
  g_autofree char *too_long = NULL;
  g_autoptr(SeatsSession) session = NULL;
  GtkWidget *dialog, *message, *price, *notice;
  SeatsSyncEngine *engine;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-subscription", NULL));
  ui_iterate ();
  dialog = GTK_WIDGET (ui_find_dialog (SEATS_TYPE_TERMS_DIALOG));
  g_assert_nonnull (dialog);
  ui_assert_access_keys_unique (dialog);
  message = ui_find_by_id (dialog, "error_label");
  price = ui_find_by_id (dialog, "price_row");
  notice = ui_find_by_id (dialog, "notice_row");

  set_row (dialog, "vendor_row", "TimeLog");
  set_row (dialog, "product_row", "TimeLog PSA");
  set_row (dialog, "currency_row", "dkk");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (ui_find_by_id (dialog, "purchased_spin")), 12);
  set_row (dialog, "price_row", "twelve");
  set_row (dialog, "start_row", "2026-11-01");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (ui_find_by_id (dialog, "notice_spin")), 40);

  /* Not a price: said beside the price, and nothing is added. */
  g_assert_true (gtk_widget_activate_action (dialog, "terms.save", NULL));
  ui_iterate ();
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==,
                   _("Enter the price of one license a month as a number, such as 12.50."));
  g_assert_true (gtk_widget_has_css_class (price, "error"));
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, n_sessions);

  /* Put right, the message goes; a notice longer than the month is the
   * next thing refused, by the domain's rule. */
  set_row (dialog, "price_row", "349,00");
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_false (gtk_widget_has_css_class (price, "error"));
  g_assert_true (gtk_widget_activate_action (dialog, "terms.save", NULL));
  ui_iterate ();
  too_long = g_strdup_printf (ngettext ("The notice must be shorter than the billing period, which is %u day long.",
                                        "The notice must be shorter than the billing period, which is %u days long.",
                                        30), 30);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==, too_long);
  g_assert_true (gtk_widget_has_css_class (notice, "error"));
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, n_sessions);

  /* Added: the window shows it, with the twelve licenses bought. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (ui_find_by_id (dialog, "notice_spin")), 14);
  set_row (dialog, "portal_row", "https://portal.timelog.example");
  g_assert_true (gtk_widget_activate_action (dialog, "terms.save", NULL));
  g_assert_true (ui_wait_for (dialog_closed, GSIZE_TO_POINTER (SEATS_TYPE_TERMS_DIALOG), 5000));
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, n_sessions + 1);
  session = g_list_model_get_item (sessions, n_sessions);
  g_assert_true (seats_window_get_session (fixture->window) == session);
  engine = seats_session_get_engine (session);
  g_assert_nonnull (engine);
  g_assert_cmpint (seats_account_get_source (seats_sync_engine_get_account (engine)), ==,
                   SEATS_ACCOUNT_SOURCE_MANUAL);
  g_assert_cmpuint (seats_product_get_purchased (seats_sync_engine_find_user_seats (engine)), ==, 12);
  g_assert_cmpint (seats_product_get_price (seats_sync_engine_find_user_seats (engine)), ==, 34900);
  g_assert_nonnull (ui_wait_for_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, "TimeLog"));

  /* The notice date is tomorrow and twelve licenses stand against no user
   * who counts: the desktop is told once, and the notification opens the
   * Change Next Period dialog of this account. */
  {
    GPtrArray *sent = ui_test_get_notifications ();
    g_autofree char *id = g_strdup_printf ("%s-notice-%u", seats_session_get_id (session),
                                           seats_julian_from_ymd (2026, 11, 17));
    GtkWindow *next;

    g_assert_true (g_ptr_array_find_with_equal_func (sent, id, g_str_equal, NULL));
    g_action_group_activate_action (G_ACTION_GROUP (app), "change-next-period",
                                    g_variant_new_string (seats_session_get_id (session)));
    ui_iterate ();
    next = ui_find_dialog (SEATS_TYPE_NEXT_PERIOD_DIALOG);
    g_assert_nonnull (next);
    gtk_window_destroy (next);
    ui_iterate ();
  }

  /* Bought by hand: the order is recorded at the quoted price, and the
   * vendor's portal, where they are really bought, is opened. */
  {
    GtkWidget *licenses = ui_find_by_id (GTK_WIDGET (fixture->window), "licenses_page");
    g_autofree char *recorded = g_strdup_printf (ngettext ("Recorded %u license bought. Buy it in the vendor’s portal too.",
                                                           "Recorded %u licenses bought. Buy them in the vendor’s portal too.",
                                                           2), 2);
    GtkWindow *buy;

    g_assert_cmpstr (seats_account_get_shop_url (seats_sync_engine_get_account (engine)), ==,
                     "https://portal.timelog.example");
    g_assert_true (gtk_widget_activate_action (licenses, "licenses.buy", NULL));
    ui_iterate ();
    buy = ui_find_dialog (SEATS_TYPE_BUY_DIALOG);
    g_assert_nonnull (buy);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (ui_find (GTK_WIDGET (buy), GTK_TYPE_SPIN_BUTTON, NULL)), 2);
    ui_iterate ();
    /* The quote: 2 licenses for the 15 of 30 days left (R2). */
    g_assert_true (ui_shows_text_containing (GTK_WIDGET (buy), "15/30"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (buy), "buy.confirm", NULL));
    g_assert_true (ui_wait_for (dialog_closed, GSIZE_TO_POINTER (SEATS_TYPE_BUY_DIALOG), 5000));
    g_assert_nonnull (ui_wait_for_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, recorded));
    g_assert_cmpuint (g_list_model_get_n_items (seats_sync_engine_get_orders (engine)), ==, 1);
    g_assert_cmpuint (seats_product_get_purchased (seats_sync_engine_find_user_seats (engine)), ==, 14);
  }

  /* The order as recorded, corrected on the Billing page: a wrong amount
   * is said and nothing changes; the right one is kept. */
  {
    g_autoptr(SeatsOrder) order = g_list_model_get_item (seats_sync_engine_get_orders (engine), 0);
    g_autofree char *id = g_strdup (seats_order_get_id (order));
    GtkWidget *billing;
    GtkWindow *correct;

    seats_window_set_visible_page (fixture->window, "billing");
    ui_iterate ();
    billing = GTK_WIDGET (ui_find (GTK_WIDGET (fixture->window), SEATS_TYPE_BILLING_PAGE, NULL));
    g_assert_nonnull (billing);
    g_assert_nonnull (ui_wait_for_widget (billing, GTK_TYPE_BUTTON, NULL));

    g_assert_true (gtk_widget_activate_action (billing, "billing.correct-order", "s", id));
    ui_iterate ();
    correct = find_message_dialog (_("Correct Order"));
    g_assert_nonnull (correct);
    gtk_editable_set_text (GTK_EDITABLE (ui_find (GTK_WIDGET (correct), ADW_TYPE_ENTRY_ROW, NULL)), "a lot");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (correct), "save");
    g_assert_nonnull (ui_wait_for_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL,
                                          _("Enter the amount as a number, such as 12.50.")));

    g_assert_true (gtk_widget_activate_action (billing, "billing.correct-order", "s", id));
    ui_iterate ();
    correct = find_message_dialog (_("Correct Order"));
    g_assert_nonnull (correct);
    gtk_editable_set_text (GTK_EDITABLE (ui_find (GTK_WIDGET (correct), ADW_TYPE_ENTRY_ROW, NULL)), "650,00");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (correct), "save");
    g_assert_true (ui_wait_for (order_is_corrected, engine, 5000));
    g_assert_cmpuint (seats_product_get_purchased (seats_sync_engine_find_user_seats (engine)), ==, 14);
    seats_window_set_visible_page (fixture->window, "licenses");
    ui_iterate ();
  }

  /* Its terms, changed in place: the dialog has them as they were. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit-terms", NULL));
  ui_iterate ();
  dialog = GTK_WIDGET (ui_find_dialog (SEATS_TYPE_TERMS_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find_by_id (dialog, "vendor_row"))), ==, "TimeLog");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find_by_id (dialog, "price_row"))), ==, "349.00");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (ui_find_by_id (dialog, "next_spin")), 8);
  g_assert_true (gtk_widget_activate_action (dialog, "terms.save", NULL));
  g_assert_true (ui_wait_for (next_period_is_eight, engine, 5000));
  g_assert_cmpuint (seats_product_get_purchased (seats_sync_engine_find_user_seats (engine)), ==, 14);

  /* Users from the vendor's export: what each column holds, what
   * importing changes and the row left out are shown before anything is
   * imported; without a column of names nothing can be. */
  {
    const char *text = "Naam;E-mailadres;Status\r\n"
                       "J\xf6rg Berg;jorg@example.test;Actief\r\n"
                       "Anna Ek;anna@example.test;actief\r\n"
                       "Bo;bo@example.test;gek\r\n";
    g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
    g_autoptr(GError) error = NULL;
    SeatsUserTable *table = seats_user_table_read (bytes, "timelog.csv", &error);
    GtkWidget *import, *added, *problems, *columns, *name_row;

    g_assert_no_error (error);
    import = GTK_WIDGET (seats_import_dialog_new (GTK_WINDOW (fixture->window), engine, table));
    gtk_window_present (GTK_WINDOW (import));
    ui_iterate ();
    ui_assert_access_keys_unique (import);
    added = ui_find_by_id (import, "added_label");
    problems = ui_find_by_id (import, "problems_group");
    columns = ui_find_by_id (import, "columns_group");
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (added)), ==, "2");
    g_assert_true (gtk_widget_get_visible (problems));
    g_assert_true (ui_shows_text_containing (problems, "gek"));
    g_assert_true (ui_shows_text (columns, "Jörg Berg"));
    g_assert_cmpuint (g_list_model_get_n_items (seats_sync_engine_get_users (engine)), ==, 0);

    /* Neither names nor addresses: refused, and Import cannot be pressed. */
    name_row = gtk_widget_get_ancestor (ui_find (columns, GTK_TYPE_LABEL, "Naam"), ADW_TYPE_COMBO_ROW);
    adw_combo_row_set_selected (ADW_COMBO_ROW (name_row), SEATS_IMPORT_COLUMN_IGNORE);
    adw_combo_row_set_selected (ADW_COMBO_ROW (gtk_widget_get_ancestor (ui_find (columns, GTK_TYPE_LABEL, "E-mailadres"),
                                                                        ADW_TYPE_COMBO_ROW)),
                                SEATS_IMPORT_COLUMN_IGNORE);
    g_assert_true (gtk_widget_get_visible (ui_find_by_id (import, "error_label")));
    g_assert_false (gtk_widget_get_sensitive (ui_find_by_id (import, "import_button")));
    adw_combo_row_set_selected (ADW_COMBO_ROW (name_row), SEATS_IMPORT_COLUMN_NAME);
    g_assert_false (gtk_widget_get_visible (ui_find_by_id (import, "error_label")));
    g_assert_true (gtk_widget_get_sensitive (ui_find_by_id (import, "import_button")));

    g_assert_true (gtk_widget_activate_action (import, "import.import", NULL));
    g_assert_true (ui_wait_for (dialog_closed, GSIZE_TO_POINTER (SEATS_TYPE_IMPORT_DIALOG), 5000));
    g_assert_cmpuint (g_list_model_get_n_items (seats_sync_engine_get_users (engine)), ==, 2);
    g_assert_cmpuint (seats_product_get_in_use (seats_sync_engine_find_user_seats (engine)), ==, 2);
  }

  /* One user by hand, on the Users page: refused beside the field when the
   * rules say no, then added; changed later in the same dialog. */
  {
    GtkWidget *users_page, *user_dialog, *error_label, *email, *end;
    SeatsUser *nina = NULL;
    g_autofree char *taken = NULL;

    seats_window_set_visible_page (fixture->window, "users");
    ui_iterate ();
    users_page = ui_find_by_id (GTK_WIDGET (fixture->window), "add_user_button");
    g_assert_true (gtk_widget_get_visible (users_page));
    g_assert_true (gtk_widget_activate_action (users_page, "users.add-user", NULL));
    ui_iterate ();
    user_dialog = GTK_WIDGET (ui_find_dialog (SEATS_TYPE_USER_DIALOG));
    g_assert_nonnull (user_dialog);
    ui_assert_access_keys_unique (user_dialog);
    error_label = ui_find_by_id (user_dialog, "error_label");
    email = ui_find_by_id (user_dialog, "email_row");
    end = ui_find_by_id (user_dialog, "end_row");

    /* Jörg Berg, imported above without an address, already. */
    set_row (user_dialog, "name_row", "JÖRG BERG");
    g_assert_true (gtk_widget_activate_action (user_dialog, "user.save", NULL));
    ui_iterate ();
    taken = g_strdup_printf (_("%s is a user already, with the same e-mail address or name."), "Jörg Berg");
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==, taken);

    set_row (user_dialog, "name_row", "Nina Berg");
    g_assert_false (gtk_widget_get_visible (error_label));
    set_row (user_dialog, "email_row", "nina(at)example.test");
    g_assert_true (gtk_widget_activate_action (user_dialog, "user.save", NULL));
    ui_iterate ();
    g_assert_true (gtk_widget_get_visible (error_label));
    g_assert_true (gtk_widget_has_css_class (email, "error"));

    set_row (user_dialog, "email_row", "nina@example.test");
    set_row (user_dialog, "start_row", "01-11-2026");
    set_row (user_dialog, "end_row", "2026-10-31");
    g_assert_true (gtk_widget_activate_action (user_dialog, "user.save", NULL));
    ui_iterate ();
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==, _("The end date is before the start date."));
    g_assert_true (gtk_widget_has_css_class (end, "error"));
    set_row (user_dialog, "end_row", "");
    g_assert_true (gtk_widget_activate_action (user_dialog, "user.save", NULL));
    g_assert_true (ui_wait_for (dialog_closed, GSIZE_TO_POINTER (SEATS_TYPE_USER_DIALOG), 5000));
    g_assert_cmpuint (g_list_model_get_n_items (seats_sync_engine_get_users (engine)), ==, 3);
    g_assert_cmpuint (seats_product_get_in_use (seats_sync_engine_find_user_seats (engine)), ==, 3);

    for (guint i = 0; i < 3 && nina == NULL; i++)
      {
        g_autoptr(SeatsUser) user = g_list_model_get_item (seats_sync_engine_get_users (engine), i);

        if (g_strcmp0 (seats_user_get_email (user), "nina@example.test") == 0)
          nina = user;
      }
    g_assert_nonnull (nina);
    g_assert_cmpuint (seats_user_get_start_date_julian (nina), ==, seats_julian_from_ymd (2026, 11, 1));

    /* She leaves: an end date, and she no longer counts. */
    user_dialog = GTK_WIDGET (seats_user_dialog_new (GTK_WINDOW (fixture->window), engine, nina));
    gtk_window_present (GTK_WINDOW (user_dialog));
    ui_iterate ();
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find_by_id (user_dialog, "start_row"))), ==,
                     "2026-11-01");
    set_row (user_dialog, "end_row", "2026-11-15");
    g_assert_true (gtk_widget_activate_action (user_dialog, "user.save", NULL));
    g_assert_true (ui_wait_for (dialog_closed, GSIZE_TO_POINTER (SEATS_TYPE_USER_DIALOG), 5000));
    g_assert_cmpuint (g_list_model_get_n_items (seats_sync_engine_get_users (engine)), ==, 3);
    g_assert_cmpuint (seats_product_get_in_use (seats_sync_engine_find_user_seats (engine)), ==, 2);
  }

  /* The account is the test's alone. */
  seats_application_remove_session (app, session);
  ui_iterate ();
}

static SeatsSession *
add_kept_by_hand (const char *vendor,
                  const char *currency,
                  guint       purchased,
                  gint64      price)
{
  SeatsApplication *app = ui_test_get_application ();
  g_autoptr(SeatsTerms) terms = seats_terms_new ();
  g_autoptr(SeatsAccountInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  SeatsSession *session;

  terms->vendor = g_strdup (vendor);
  terms->product = g_strdup (vendor);
  g_free (terms->currency);
  terms->currency = g_strdup (currency);
  terms->purchased = terms->next_period = purchased;
  terms->price = price;
  terms->period_start = seats_julian_from_ymd (2026, 11, 1);
  terms->notice_days = 14;
  info = seats_accounts_add_manual (seats_application_get_settings (app), terms, &error);
  g_assert_no_error (error);
  seats_application_open_account (app, info);
  session = seats_application_find_session (app, info->id);
  g_assert_nonnull (session);
  g_assert_nonnull (seats_session_get_engine (session));

  return session;
}

static GtkWidget *
sidebar_row_of (SeatsWindow *window,
                const char  *text)
{
  GtkWidget *label = ui_find (ui_find_by_id (GTK_WIDGET (window), "sidebar_list"), GTK_TYPE_LABEL, text);

  return label != NULL ? gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW) : NULL;
}

static gboolean
accounts_menu_lists_overview (GMenuModel *section)
{
  for (int i = 0; i < g_menu_model_get_n_items (section); i++)
    {
      g_autofree char *action = NULL;

      if (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
          g_str_equal (action, "win.show-overview"))
        return TRUE;
    }

  return FALSE;
}

static GMenuModel *
accounts_section (GtkWidget *window)
{
  GtkWidget *button = ui_find_by_id (window, "primary_menu_button");

  return g_menu_model_get_item_link (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)),
                                     0, G_MENU_LINK_SECTION);
}

static gboolean
leaflet_folded (gpointer data)
{
  return adw_leaflet_get_folded (ADW_LEAFLET (data));
}

static gboolean
leaflet_unfolded (gpointer data)
{
  return !adw_leaflet_get_folded (ADW_LEAFLET (data));
}

/* Every account at a glance: the Dutch practice in euros, a subscription
 * kept by hand in euros and one in kronor. The euros of two accounts add
 * up, kronor never join them; the sidebar lists each account with its
 * licenses in use of bought, and a narrow window lists them in its menu. */
static void
test_window_overview (UiFixture     *fixture,
                      gconstpointer  user_data)
{
  SeatsApplication *app = ui_test_get_application ();
  SeatsSession *severa = add_kept_by_hand ("Visma Severa", "EUR", 5, 1250);
  SeatsSession *quinyx = add_kept_by_hand ("Quinyx", "SEK", 10, 9500);
  SeatsProduct *seats = seats_sync_engine_find_user_seats (fixture->engine);
  const char *currency = seats_product_get_currency (seats);
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *overview, *leaflet, *row;
  GMenuModel *accounts;
  g_autofree char *euros = NULL;
  g_autofree char *euros_monthly = NULL;
  g_autofree char *euros_text = NULL;
  g_autofree char *kronor = NULL;
  g_autofree char *kronor_monthly = NULL;
  g_autofree char *kronor_text = NULL;
  g_autofree char *quinyx_caption = NULL;
  gint64 monthly;

  g_assert_cmpstr (currency, ==, "EUR");
  monthly = seats_subscription_get_monthly_price (seats_sync_engine_get_subscription (fixture->engine));

  seats_window_show_overview (fixture->window);
  ui_iterate ();
  g_assert_true (seats_window_get_overview_shown (fixture->window));
  overview = ui_find_by_id (window, "overview_page");
  g_assert_true (gtk_widget_get_mapped (overview));

  /* Totals per currency, each in its own. */
  euros = g_strdup_printf (ngettext ("%s, %u subscription", "%s, %u subscriptions", 2), "EUR", 2);
  euros_monthly = seats_format_money (monthly + 5 * 1250, "EUR");
  euros_text = g_strdup_printf (_("%s a month"), euros_monthly);
  kronor = g_strdup_printf (ngettext ("%s, %u subscription", "%s, %u subscriptions", 1), "SEK", 1);
  kronor_monthly = seats_format_money (10 * 9500, "SEK");
  kronor_text = g_strdup_printf (_("%s a month"), kronor_monthly);
  g_assert_true (ui_shows_text (overview, euros));
  g_assert_true (ui_shows_text (overview, euros_text));
  g_assert_true (ui_shows_text (overview, kronor));
  g_assert_true (ui_shows_text (overview, kronor_text));
  g_assert_true (ui_shows_text (overview, "Quinyx"));

  /* The sidebar: the overview, then each account with its licenses. */
  quinyx_caption = g_strdup_printf (ngettext ("%s of %s in use", "%s of %s in use", 10), "0", "10");
  row = sidebar_row_of (fixture->window, "Quinyx");
  g_assert_nonnull (row);
  g_assert_true (ui_shows_text (row, quinyx_caption));
  g_assert_true (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (sidebar_row_of (fixture->window,
                                                                                  _("All Subscriptions")))));

  /* Bought from elsewhere: the account's rows change in place, so that a
   * person on them keeps the focus, and say what changed. */
  {
    SeatsSyncEngine *engine = seats_session_get_engine (quinyx);
    g_autoptr(SeatsChange) buy = seats_change_new_buy (SEATS_TERMS_PRODUCT_ID, 2);
    g_autoptr(SeatsChange) checked = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *bought = g_strdup_printf (ngettext ("%s of %s in use", "%s of %s in use", 12),
                                               "0", "12");
    GtkWidget *before = sidebar_row_of (fixture->window, "Quinyx");
    GtkWidget *overview_row = gtk_widget_get_ancestor (ui_find (overview, GTK_TYPE_LABEL, "Quinyx"),
                                                       GTK_TYPE_LIST_BOX_ROW);

    checked = seats_sync_engine_check (engine, buy, NULL, &error);
    g_assert_no_error (error);
    seats_sync_engine_submit_async (engine, checked, NULL, seats_test_done_cb, &result);
    seats_test_wait_for (&result);
    g_assert_true (seats_sync_engine_submit_finish (engine, result, NULL, &error));
    g_assert_no_error (error);
    g_assert_nonnull (ui_wait_for_widget (before, GTK_TYPE_LABEL, bought));
    g_assert_true (sidebar_row_of (fixture->window, "Quinyx") == before);
    g_assert_true (gtk_widget_get_ancestor (ui_find (overview, GTK_TYPE_LABEL, "Quinyx"),
                                            GTK_TYPE_LIST_BOX_ROW) == overview_row);
  }

  /* An account opened from the overview, and the overview again from the
   * sidebar. */
  row = gtk_widget_get_ancestor (ui_find (overview, GTK_TYPE_LABEL, "Quinyx"), GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  ui_iterate ();
  g_assert_false (seats_window_get_overview_shown (fixture->window));
  g_assert_true (seats_window_get_session (fixture->window) == quinyx);
  g_assert_true (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (sidebar_row_of (fixture->window, "Quinyx"))));
  gtk_list_box_select_row (GTK_LIST_BOX (ui_find_by_id (window, "sidebar_list")),
                           GTK_LIST_BOX_ROW (sidebar_row_of (fixture->window, _("All Subscriptions"))));
  ui_iterate ();
  g_assert_true (seats_window_get_overview_shown (fixture->window));

  /* Narrow, the account fills the window and the menu lists the
   * accounts; wide again, the sidebar does. */
  leaflet = ui_find_by_id (window, "leaflet");
  g_assert_false (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));
  accounts = accounts_section (window);
  g_assert_false (accounts_menu_lists_overview (accounts));
  g_clear_object (&accounts);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 600);
  g_assert_true (ui_wait_for (leaflet_folded, leaflet, 5000));
  accounts = accounts_section (window);
  g_assert_true (accounts_menu_lists_overview (accounts));
  g_clear_object (&accounts);
  g_assert_true (gtk_widget_get_child_visible (ui_find_by_id (window, "content_box")));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_assert_true (ui_wait_for (leaflet_unfolded, leaflet, 5000));

  /* Every account's last day to change, as a calendar file, read back. */
  {
    g_autofree char *dir = seats_test_make_dir ("calendar");
    g_autofree char *path = g_build_filename (dir, "notice-dates.ics", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *saved = g_strdup_printf (_("Saved the last days to change the subscriptions to “%s”"),
                                              "notice-dates.ics");
    g_autofree char *text = NULL;
    icalcomponent *calendar, *event;
    guint n_events = 0;
    gboolean quinyx_seen = FALSE;

    seats_window_export_calendar_to_file (fixture->window, file);
    g_assert_nonnull (ui_wait_for_widget (window, GTK_TYPE_LABEL, saved));
    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    calendar = icalparser_parse_string (text);
    g_assert_nonnull (calendar);
    for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
         event != NULL;
         event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
      {
        n_events++;
        quinyx_seen |= strstr (icalcomponent_get_summary (event), "Quinyx") != NULL;
      }
    icalcomponent_free (calendar);
    g_assert_cmpuint (n_events, ==, 3);
    g_assert_true (quinyx_seen);
    seats_test_remove_tree (dir);
  }

  /* The accounts are the test's alone. */
  seats_window_show_account (fixture->window, seats_session_get_id (fixture->session));
  seats_application_remove_session (app, severa);
  seats_application_remove_session (app, quinyx);
  ui_iterate ();
}

static gboolean
setting_is (gpointer data)
{
  SeatsApplication *app = ui_test_get_application ();

  return g_settings_get_boolean (seats_application_get_settings (app), "remind-at-login") ==
         GPOINTER_TO_INT (data);
}

static gboolean
has_requests (gpointer data)
{
  GPtrArray *requests = ((gpointer *) data)[0];

  return requests->len >= GPOINTER_TO_UINT (((gpointer *) data)[1]);
}

static void
wait_for_requests (GPtrArray *requests,
                   guint      n)
{
  gpointer data[2] = { requests, GUINT_TO_POINTER (n) };

  g_assert_true (ui_wait_for (has_requests, data, 5000));
}

static gboolean
subprocess_done (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
subprocess_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Reminding at login: the person is asked through the desktop's Background
 * portal, and only what they allowed is kept; a desktop without the portal
 * is said to be so. Started at login, `seats --remind` sends the reminders
 * that are due from the local copies, without a window, and quits. */
static void
test_window_remind_at_login (UiFixture     *fixture,
                             gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GPtrArray *requests = ui_test_serve_portal (TRUE, FALSE);
  GVariant *options;
  g_autofree char *seats_dir = NULL;
  g_autofree const char **commandline = NULL;
  gboolean autostart = FALSE, activatable = FALSE;

  g_assert_true (setting_is (GINT_TO_POINTER (FALSE)));
  g_assert_true (gtk_widget_activate_action (window, "win.remind-at-login", NULL));
  g_assert_true (ui_wait_for (setting_is, GINT_TO_POINTER (TRUE), 5000));
  options = g_ptr_array_index (requests, 0);
  g_assert_true (g_variant_lookup (options, "autostart", "b", &autostart));
  g_assert_true (autostart);
  g_assert_true (g_variant_lookup (options, "dbus-activatable", "b", &activatable));
  g_assert_true (activatable);
  g_assert_true (g_variant_lookup (options, "commandline", "^a&s", &commandline));
  g_assert_cmpstr (commandline[0], ==, "seats");
  g_assert_cmpstr (commandline[1], ==, "--remind");
  g_assert_null (commandline[2]);
  g_assert_nonnull (ui_wait_for_widget (window, GTK_TYPE_LABEL,
                                        _("Seats will start when you log in and remind you in time")));

  /* Turned off: the desktop is told not to start Seats. */
  g_assert_true (gtk_widget_activate_action (window, "win.remind-at-login", NULL));
  g_assert_true (ui_wait_for (setting_is, GINT_TO_POINTER (FALSE), 5000));
  wait_for_requests (requests, 2);
  g_assert_true (g_variant_lookup (g_ptr_array_index (requests, 1), "autostart", "b", &autostart));
  g_assert_false (autostart);

  /* Refused by the person, or the question closed: nothing is kept, and
   * the window says where to allow it. */
  ui_test_serve_portal (FALSE, FALSE);
  g_assert_true (gtk_widget_activate_action (window, "win.remind-at-login", NULL));
  wait_for_requests (requests, 3);
  g_assert_nonnull (ui_wait_for_widget (window, GTK_TYPE_LABEL,
                                        _("Seats may not start at login. You can allow it in the "
                                          "Settings of the desktop, under Apps.")));
  g_assert_true (setting_is (GINT_TO_POINTER (FALSE)));
  ui_test_serve_portal (FALSE, TRUE);
  g_assert_true (gtk_widget_activate_action (window, "win.remind-at-login", NULL));
  wait_for_requests (requests, 4);
  ui_iterate ();
  g_assert_true (setting_is (GINT_TO_POINTER (FALSE)));
  {
    g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (window), "remind-at-login");

    g_assert_false (g_variant_get_boolean (state));
  }

  /* No portal at all. */
  ui_test_stop_portal ();
  g_assert_true (gtk_widget_activate_action (window, "win.remind-at-login", NULL));
  g_assert_nonnull (ui_wait_for_widget (window, GTK_TYPE_LABEL,
                                        _("The desktop could not be asked to start Seats at login")));
  g_assert_true (setting_is (GINT_TO_POINTER (FALSE)));

  /* At login: a subscription kept by hand whose last day to change is
   * tomorrow, with twelve licenses and nobody who counts. */
  seats_dir = seats_test_make_dir ("remind");
  {
    g_autofree char *keyfile = g_build_filename (seats_dir, "config", "glib-2.0", "settings", "keyfile", NULL);
    g_autofree char *config_env = g_strconcat ("XDG_CONFIG_HOME=", seats_dir, "/config", NULL);
    g_autofree char *clock_env = seats_test_clock_env ();
    g_autofree char *expected = NULL;
    g_autofree char *store = NULL;
    g_autoptr(GSettingsBackend) backend = g_keyfile_settings_backend_new (keyfile, "/", NULL);
    g_autoptr(GSettings) settings = g_settings_new_with_backend (APPLICATION_ID, backend);
    g_autoptr(SeatsTerms) terms = seats_terms_new ();
    g_autoptr(SeatsAccountInfo) info = NULL;
    g_autoptr(GSubprocessLauncher) launcher = NULL;
    g_autoptr(GSubprocess) child = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    GPtrArray *sent = ui_test_get_notifications ();
    guint before = sent->len;

    terms->vendor = g_strdup ("TimeLog");
    terms->product = g_strdup ("TimeLog PSA");
    terms->purchased = terms->next_period = 12;
    terms->price = 34900;
    terms->period_start = seats_julian_from_ymd (2026, 11, 1);
    terms->notice_days = 14;
    info = seats_accounts_add_manual (settings, terms, &error);
    g_assert_no_error (error);
    g_settings_sync ();

    launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
    g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
    g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_env + strlen ("XDG_CONFIG_HOME="), TRUE);
    g_subprocess_launcher_setenv (launcher, "SEATS_CLOCK", clock_env + strlen ("SEATS_CLOCK="), TRUE);
    child = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("SEATS_APP"), "--remind", NULL);
    g_assert_no_error (error);
    g_subprocess_wait_async (child, NULL, subprocess_done_cb, &result);
    /* It quits by itself: no window keeps it. */
    g_assert_true (ui_wait_for (subprocess_done, &result, 60000));
    g_assert_true (g_subprocess_wait_finish (child, result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);

    expected = g_strdup_printf ("%s-notice-%u", info->id, seats_julian_from_ymd (2026, 11, 17));
    g_assert_cmpuint (sent->len, ==, before + 1);
    g_assert_cmpstr (g_ptr_array_index (sent, before), ==, expected);

    store = seats_store_dup_default_path (info->id);
    g_unlink (store);
  }
  seats_test_remove_tree (seats_dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *language = g_getenv ("SEATS_TEST_LANGUAGE");

  gtk_test_init (&argc, &argv, NULL);
  ui_test_init ();

  for (expected_index = 0; expected_index < G_N_ELEMENTS (expected_texts); expected_index++)
    if (g_strcmp0 (expected_texts[expected_index].language, language ? language : "en") == 0)
      break;
  g_assert_cmpuint (expected_index, <, G_N_ELEMENTS (expected_texts));

  g_test_add_func ("/window/welcome", test_window_welcome);
  g_test_add ("/window/pages", UiFixture, NULL, fixture_set_up, test_window_pages, fixture_tear_down);
  g_test_add ("/window/connect-dialog", UiFixture, NULL, fixture_set_up, test_window_connect_dialog,
              fixture_tear_down);
  g_test_add ("/window/narrow", UiFixture, NULL, fixture_set_up, test_window_narrow, fixture_tear_down);
  g_test_add ("/window/switcher", UiFixture, NULL, fixture_set_up, test_window_switcher, fixture_tear_down);
  g_test_add ("/window/shortcuts", UiFixture, NULL, fixture_set_up, test_window_shortcuts, fixture_tear_down);
  g_test_add ("/window/menu", UiFixture, NULL, fixture_set_up, test_window_menu, fixture_tear_down);
  g_test_add ("/window/sync-state", UiFixture, NULL, fixture_set_up, test_window_sync_state, fixture_tear_down);
  g_test_add_func ("/window/remembers-size", test_window_remembers_size);
  g_test_add ("/window/overview", UiFixture, NULL, fixture_set_up, test_window_overview, fixture_tear_down);
  g_test_add ("/window/remind-at-login", UiFixture, NULL, fixture_set_up, test_window_remind_at_login,
              fixture_tear_down);
  g_test_add ("/window/kept-by-hand", UiFixture, NULL, fixture_set_up, test_window_kept_by_hand,
              fixture_tear_down);

  return g_test_run ();
}
