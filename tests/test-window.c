/* test-window.c: the main window, driven as a person would
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "seats-application.h"
#include "seats-window.h"

/* What a person reads on the page switcher, in the language under test. */
static const struct {
  const char *language;
  const char *titles[3];
  const char *empty_title;
} expected_texts[] = {
  { "en", { "Licenses", "Users", "Billing" }, "No Account Connected" },
  { "nl", { "Licenties", "Gebruikers", "Facturering" }, "Geen account gekoppeld" },
  { "sv", { "Licenser", "Användare", "Fakturering" }, "Inget konto anslutet" },
};

static const char *page_names[] = { "licenses", "users", "billing" };

static guint expected_index;

/* One application per process, as in the product; each test opens its own window. */
static SeatsApplication *app;

typedef struct
{
  SeatsWindow *window;
} Fixture;

static void
iterate_until_idle (void)
{
  /* Let the frame clock lay out and draw what changed. */
  for (guint i = 0; i < 5; i++)
    {
      g_usleep (2000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkWindow *window;

  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_application_activate (G_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (SEATS_IS_WINDOW (window));
  fixture->window = SEATS_WINDOW (window);

  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  iterate_until_idle ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  iterate_until_idle ();
}

static void
collect_label_texts (GtkWidget *widget,
                     GPtrArray *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, texts);
}

static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_label_texts (root, texts);

  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;

  return FALSE;
}

static GtkWidget *
find_descendant (GtkWidget  *widget,
                 GType       type,
                 const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget) &&
      (label == NULL || shows_text (widget, label)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

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
test_window_title (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Seats");
}

static void
test_window_pages (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);

  /* Every page is on the switcher under its name in the person's language. */
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      const char *title = expected_texts[expected_index].titles[i];

      g_test_message ("looking for the page switcher button “%s”", title);
      g_assert_nonnull (find_descendant (root, GTK_TYPE_TOGGLE_BUTTON, title));
    }

  /* With no account, each page says so rather than showing anything invented. */
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      seats_window_set_visible_page (fixture->window, page_names[i]);
      iterate_until_idle ();

      g_assert_cmpstr (seats_window_get_visible_page (fixture->window), ==, page_names[i]);
      g_assert_nonnull (find_descendant (root, ADW_TYPE_STATUS_PAGE,
                                         expected_texts[expected_index].empty_title));
    }
}

static void
test_window_switcher (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);

  /* Go backwards so that every click changes the page. */
  for (int i = G_N_ELEMENTS (page_names) - 1; i >= 0; i--)
    {
      const char *title = expected_texts[expected_index].titles[i];
      GtkWidget *button = find_descendant (root, GTK_TYPE_TOGGLE_BUTTON, title);

      g_assert_nonnull (button);
      g_signal_emit_by_name (button, "clicked");
      iterate_until_idle ();

      g_assert_cmpstr (seats_window_get_visible_page (fixture->window), ==, page_names[i]);
      g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
    }
}

static void
test_window_shortcuts (Fixture       *fixture,
                       gconstpointer  user_data)
{
  static const char *order[] = { "<Control>3", "<Control>1", "<Control>2", "<Control>3" };
  static const char *expected[] = { "billing", "licenses", "users", "billing" };
  g_auto(GStrv) quit_accels = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_assert_true (press_shortcut (GTK_WIDGET (fixture->window), order[i]));
      iterate_until_idle ();
      g_assert_cmpstr (seats_window_get_visible_page (fixture->window), ==, expected[i]);
    }

  quit_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                       "app.quit");
  g_assert_cmpstr (quit_accels[0], ==, "<Control>q");
}

static void
test_window_menu (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GActionGroup *actions_of_app = G_ACTION_GROUP (app);
  GtkWidget *menu_button;
  GMenuModel *menu;
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);

  menu_button = find_descendant (GTK_WIDGET (fixture->window), GTK_TYPE_MENU_BUTTON, NULL);
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

  g_assert_true (g_ptr_array_find_with_equal_func (actions, "win.show-help-overlay",
                                                   g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (actions, "app.about", g_str_equal, NULL));
  g_assert_true (g_action_group_has_action (actions_of_app, "about"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.show-help-overlay", NULL));
  iterate_until_idle ();
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window)));
  gtk_window_close (GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window))));
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

  window = GTK_WINDOW (seats_window_new (app));
  gtk_window_get_default_size (window, &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 500);

  gtk_window_present (window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);

  /* What the person resized to is what the next start opens with. */
  gtk_window_set_default_size (window, 820, 610);
  iterate_until_idle ();
  gtk_window_close (window);
  iterate_until_idle ();

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

int
main (int   argc,
      char *argv[])
{
  const char *language = g_getenv ("SEATS_TEST_LANGUAGE");
  g_autoptr(GError) error = NULL;
  int ret;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (expected_index = 0; expected_index < G_N_ELEMENTS (expected_texts); expected_index++)
    if (g_strcmp0 (expected_texts[expected_index].language, language ? language : "en") == 0)
      break;
  g_assert_cmpuint (expected_index, <, G_N_ELEMENTS (expected_texts));

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/window/title", Fixture, NULL, fixture_set_up, test_window_title, fixture_tear_down);
  g_test_add ("/window/pages", Fixture, NULL, fixture_set_up, test_window_pages, fixture_tear_down);
  g_test_add ("/window/switcher", Fixture, NULL, fixture_set_up, test_window_switcher, fixture_tear_down);
  g_test_add ("/window/shortcuts", Fixture, NULL, fixture_set_up, test_window_shortcuts, fixture_tear_down);
  g_test_add ("/window/menu", Fixture, NULL, fixture_set_up, test_window_menu, fixture_tear_down);
  g_test_add_func ("/window/remembers-size", test_window_remembers_size);

  app = seats_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
