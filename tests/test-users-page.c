/* test-users-page.c: the Users page, driven as a person would
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "seats-format.h"
#include "seats-rules.h"
#include "seats-terms-dialog.h"
#include "seats-user-status.h"
#include "seats-users-page.h"
#include "sync-test-helper.h"
#include "ui-test-helper.h"

/* A translated "... %s ..." with its one %s filled in. */
static char *
fill (const char *format,
      const char *value)
{
  GString *text = g_string_new (format);

  if (value != NULL)
    g_string_replace (text, "%s", value, 1);
  return g_string_free (text, FALSE);
}

static gboolean
is_english (void)
{
  return g_strcmp0 (g_getenv ("SEATS_TEST_LANGUAGE"), "nl") != 0 &&
         g_strcmp0 (g_getenv ("SEATS_TEST_LANGUAGE"), "sv") != 0;
}

/* The fixture's day (SEATS_TEST_NOW is the same day in UTC and in the
 * organizations' zones). */
static void
get_today (GDate *date)
{
  seats_clock_get_today (seats_clock_get_default (), date);
}

/* R1, written out here apart from the page's own status function. */
static gboolean
counts_today (SeatsUser *user)
{
  GDate today, end;
  gboolean has_end = seats_user_get_end_date (user, &end);

  get_today (&today);
  return seats_rules_user_counts (seats_user_get_active (user), has_end ? &end : NULL, &today);
}

typedef struct
{
  UiFixture       fixture;
  SeatsUsersPage *page;
  GtkColumnView  *column_view;
  GListModel     *rows;
  GtkEditable    *search;
  GtkDropDown    *filter;
} PageFixture;

static gboolean
rows_settled (gpointer data)
{
  PageFixture *f = data;
  GtkFilterListModel *filtered = GTK_FILTER_LIST_MODEL (gtk_multi_selection_get_model (GTK_MULTI_SELECTION (f->rows)));
  GtkSortListModel *sorted = GTK_SORT_LIST_MODEL (gtk_filter_list_model_get_model (filtered));

  return gtk_filter_list_model_get_pending (filtered) == 0 && gtk_sort_list_model_get_pending (sorted) == 0;
}

static void
settle (PageFixture *f)
{
  /* The search entry waits a moment after the last key before it searches. */
  g_usleep (250 * 1000);
  ui_iterate ();
  g_assert_true (ui_wait_for (rows_settled, f, 10000));
}

static void
page_set_up (PageFixture *f,
             const char  *slug,
             gboolean     viewer,
             gboolean     scim)
{
  GtkWidget *root;

  if (scim)
    ui_fixture_set_up_scim (&f->fixture, slug);
  else
    ui_fixture_set_up (&f->fixture, slug, viewer);
  seats_window_set_visible_page (f->fixture.window, "users");
  ui_iterate ();
  ui_assert_access_keys_unique (GTK_WIDGET (f->fixture.window));

  root = GTK_WIDGET (f->fixture.window);
  f->page = SEATS_USERS_PAGE (ui_find (root, SEATS_TYPE_USERS_PAGE, NULL));
  g_assert_nonnull (f->page);
  f->column_view = GTK_COLUMN_VIEW (ui_find (GTK_WIDGET (f->page), GTK_TYPE_COLUMN_VIEW, NULL));
  g_assert_nonnull (f->column_view);
  f->rows = G_LIST_MODEL (gtk_column_view_get_model (f->column_view));
  f->search = GTK_EDITABLE (ui_find (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_ENTRY, NULL));
  g_assert_nonnull (f->search);
  f->filter = GTK_DROP_DOWN (ui_find (GTK_WIDGET (f->page), GTK_TYPE_DROP_DOWN, NULL));
  g_assert_nonnull (f->filter);
  settle (f);
}

static void
admin_set_up (PageFixture   *f,
              gconstpointer  user_data)
{
  page_set_up (f, "demolen", FALSE, FALSE);
}

static void
grace_set_up (PageFixture   *f,
              gconstpointer  user_data)
{
  page_set_up (f, "fjallgarden", FALSE, FALSE);
}

static void
viewer_set_up (PageFixture   *f,
               gconstpointer  user_data)
{
  page_set_up (f, "demolen", TRUE, FALSE);
}

static void
reseller_set_up (PageFixture   *f,
                 gconstpointer  user_data)
{
  page_set_up (f, "bergstrom", FALSE, FALSE);
}

static void
scim_set_up (PageFixture   *f,
             gconstpointer  user_data)
{
  page_set_up (f, "demolen", FALSE, TRUE);
}

static void
page_tear_down (PageFixture   *f,
                gconstpointer  user_data)
{
  ui_fixture_tear_down (&f->fixture);
}

static SeatsUser *
row_user (PageFixture *f,
          guint        position)
{
  g_autoptr(SeatsUser) user = g_list_model_get_item (f->rows, position);

  return user;
}

static void
search_for (PageFixture *f,
            const char  *text)
{
  gtk_editable_set_text (f->search, text);
  settle (f);
}

/* The first user of the account for whom @predicate holds. */
static SeatsUser *
find_user (PageFixture *f,
           gboolean   (*predicate) (SeatsUser *user))
{
  GListModel *users = seats_sync_engine_get_users (f->fixture.engine);

  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      if (predicate (user))
        return user;
    }

  g_assert_not_reached ();
}

static gboolean
starts_later (SeatsUser *user)
{
  GDate today, start;

  get_today (&today);
  return seats_user_get_active (user) && seats_user_get_start_date (user, &start) &&
         g_date_compare (&start, &today) > 0 && seats_user_get_end_date_julian (user) == 0;
}

static gboolean
has_left (SeatsUser *user)
{
  return seats_user_get_active (user) && seats_user_get_end_date_julian (user) != 0 && !counts_today (user);
}

static gboolean
is_inactive (SeatsUser *user)
{
  return !seats_user_get_active (user);
}

static gboolean
plain_counted (SeatsUser *user)
{
  return counts_today (user) && seats_user_get_start_date_julian (user) == 0 &&
         seats_user_get_end_date_julian (user) == 0;
}

static GtkWidget *
find_css_class (GtkWidget  *root,
                const char *css_class)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (gtk_widget_has_css_class (root, css_class))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_css_class (child, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Inscriptions are not labels: look for their text too. */
static GtkWidget *
find_inscription (GtkWidget  *root,
                  const char *text)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (GTK_IS_INSCRIPTION (root) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_inscription (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
shows_inscription (GtkWidget  *root,
                   const char *text)
{
  return find_inscription (root, text) != NULL;
}

static void
send_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* What the server itself says about a user, through a client of its own. */
static gboolean
server_user_active (PageFixture *f,
                    const char  *user_id)
{
  const SeatsServerOrganization *organization = seats_test_server_find (f->fixture.vendor, "demolen");
  g_autoptr(SeatsClient) client = seats_client_new (f->fixture.vendor->uri, organization->admin_token, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SeatsResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("scim/v2/Users/%s", user_id);

  seats_client_send_async (client, "GET", path, NULL, NULL, NULL, NULL, NULL, send_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  response = seats_client_send_finish (client, result, NULL, &error);
  g_assert_no_error (error);

  return json_object_get_boolean_member (json_node_get_object (response->root), "active");
}

typedef struct
{
  PageFixture *f;
  const char  *user_id;
  gboolean     active;
} UserState;

static gboolean
user_is (gpointer data)
{
  UserState *state = data;
  SeatsUser *user = seats_sync_engine_find_user (state->f->fixture.engine, state->user_id);

  return user != NULL && seats_user_get_active (user) == state->active &&
         seats_sync_engine_get_status (state->f->fixture.engine) == SEATS_SYNC_STATUS_IDLE;
}

static guint
seats_in_use (PageFixture *f)
{
  return seats_product_get_in_use (seats_sync_engine_find_user_seats (f->fixture.engine));
}

static void
test_users_shown (PageFixture   *f,
                  gconstpointer  user_data)
{
  guint n = g_list_model_get_n_items (seats_sync_engine_get_users (f->fixture.engine));
  g_autofree char *count = seats_format_count (n);
  g_autofree char *label = g_strdup_printf (ngettext ("%s user", "%s users", n), count);
  GtkWidget *page = GTK_WIDGET (f->page);
  SeatsAccount *account = seats_sync_engine_get_account (f->fixture.engine);

  /* Every user of the account, counted as the model counts them. */
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (f->rows), ==, n);
  g_assert_true (ui_shows_text (page, label));

  /* Sorted by name, whatever the case. */
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *before = g_utf8_casefold (seats_user_get_display_name (row_user (f, i - 1)), -1);
      g_autofree char *after = g_utf8_casefold (seats_user_get_display_name (row_user (f, i)), -1);

      g_assert_cmpint (g_utf8_collate (before, after), <=, 0);
    }

  /* R16: where names and addresses come from, by the account's own name for it. */
  g_assert_true (ui_shows_text_containing (page, seats_account_get_upstream_system (account)));

  /* The columns a person sorts and reads by. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (f->column_view)), ==, 6);
}

static void
test_users_search (PageFixture   *f,
                   gconstpointer  user_data)
{
  GListModel *users = seats_sync_engine_get_users (f->fixture.engine);
  SeatsUser *wanted = find_user (f, plain_counted);
  const char *name = seats_user_get_display_name (wanted);
  g_autofree char *shouting = g_utf8_strup (name, -1);
  guint same_name = 0;
  g_autofree char *shown = NULL;
  g_autofree char *total = NULL;
  g_autofree char *label = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      if (g_str_equal (seats_user_get_display_name (user), name))
        same_name++;
    }

  /* A name, whatever its case, finds the users of that name. */
  search_for (f, shouting);
  g_assert_cmpuint (g_list_model_get_n_items (f->rows), ==, same_name);
  for (guint i = 0; i < same_name; i++)
    g_assert_cmpstr (seats_user_get_display_name (row_user (f, i)), ==, name);

  shown = seats_format_count (same_name);
  total = seats_format_count (g_list_model_get_n_items (users));
  label = g_strdup_printf (ngettext ("%s of %s user", "%s of %s users", g_list_model_get_n_items (users)),
                           shown, total);
  g_assert_true (ui_shows_text (GTK_WIDGET (f->page), label));

  /* An e-mail address finds exactly that user. */
  search_for (f, seats_user_get_email (wanted));
  g_assert_cmpuint (g_list_model_get_n_items (f->rows), ==, 1);
  g_assert_cmpstr (seats_user_get_id (row_user (f, 0)), ==, seats_user_get_id (wanted));

  /* Nobody: the page says so. */
  search_for (f, "zzzz-nobody-zzzz");
  g_assert_cmpuint (g_list_model_get_n_items (f->rows), ==, 0);
  g_assert_true (ui_shows_text (GTK_WIDGET (f->page), _("No Users Found")));

  search_for (f, "");
  g_assert_cmpuint (g_list_model_get_n_items (f->rows), ==, g_list_model_get_n_items (users));
}

static void
test_users_filter (PageFixture   *f,
                   gconstpointer  user_data)
{
  GListModel *users = seats_sync_engine_get_users (f->fixture.engine);
  guint counted = 0, inactive = 0, with_scheduling = 0;
  g_autofree char *with_module = NULL;
  GListModel *entries = gtk_drop_down_get_model (f->filter);
  guint module_entry = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      if (counts_today (user))
        counted++;
      else
        inactive++;
      if (seats_user_has_module (user, "scheduling"))
        with_scheduling++;
    }
  g_assert_cmpuint (inactive, >, 0);

  /* Counted: exactly the users R1 counts. */
  gtk_drop_down_set_selected (f->filter, 1);
  settle (f);
  g_assert_cmpuint (g_list_model_get_n_items (f->rows), ==, counted);
  for (guint i = 0; i < counted; i++)
    g_assert_true (counts_today (row_user (f, i)));

  gtk_drop_down_set_selected (f->filter, 2);
  settle (f);
  g_assert_cmpuint (g_list_model_get_n_items (f->rows), ==, inactive);

  /* One entry per add-on module, by its name. */
  with_module = g_strdup_printf (_("With %s"),
                                 seats_product_get_name (seats_sync_engine_find_product (f->fixture.engine,
                                                                                         "scheduling")));
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (entries), i), with_module))
      module_entry = i;
  g_assert_cmpuint (module_entry, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (f->filter, module_entry);
  settle (f);
  g_assert_cmpuint (g_list_model_get_n_items (f->rows), ==, with_scheduling);

  /* Search and filter together. */
  search_for (f, "zzzz-nobody-zzzz");
  g_assert_cmpuint (g_list_model_get_n_items (f->rows), ==, 0);
  search_for (f, "");
  gtk_drop_down_set_selected (f->filter, 0);
  settle (f);
  g_assert_cmpuint (g_list_model_get_n_items (f->rows), ==, g_list_model_get_n_items (users));
}

static void
check_status_shown (PageFixture *f,
                    SeatsUser   *user,
                    const char  *format,
                    guint32      julian,
                    const char  *marker)
{
  g_autofree char *date = julian ? seats_format_date_short (julian) : NULL;
  g_autofree char *text = fill (format, date);
  GtkWidget *marker_widget;

  search_for (f, seats_user_get_email (user));
  g_assert_cmpuint (g_list_model_get_n_items (f->rows), ==, 1);
  g_test_message ("looking for the status “%s”", text);
  g_assert_true (shows_inscription (GTK_WIDGET (f->column_view), text));

  marker_widget = find_css_class (GTK_WIDGET (f->column_view), "users-marker");
  g_assert_nonnull (marker_widget);
  g_assert_true (gtk_widget_has_css_class (marker_widget, marker));
}

static void
test_users_status (PageFixture   *f,
                   gconstpointer  user_data)
{
  SeatsUser *later = find_user (f, starts_later);
  SeatsUser *left = find_user (f, has_left);
  SeatsUser *inactive = find_user (f, is_inactive);
  SeatsUser *active = find_user (f, plain_counted);

  /* R17: the words, and a filled or hollow marker. */
  check_status_shown (f, later, _("Starts %s"), seats_user_get_start_date_julian (later), "counted");
  check_status_shown (f, left, _("Left %s"), seats_user_get_end_date_julian (left), "former");
  check_status_shown (f, inactive, C_("user status", "Inactive"), 0, "former");
  check_status_shown (f, active, C_("user status", "Active"), 0, "counted");
}

static void
select_rows (PageFixture *f,
             guint        n)
{
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (f->rows);

  gtk_selection_model_unselect_all (selection);
  for (guint i = 0; i < n; i++)
    gtk_selection_model_select_item (selection, i, FALSE);
  ui_iterate ();
}

static void
test_users_deactivate_undo (PageFixture   *f,
                            gconstpointer  user_data)
{
  GtkWidget *root = GTK_WIDGET (f->fixture.window);
  g_autofree char *id = g_strdup (seats_user_get_id (find_user (f, plain_counted)));
  g_autofree char *name = NULL;
  g_autofree char *toast = NULL;
  guint in_use = seats_in_use (f);
  guint free_now;
  UserState inactive = { f, id, FALSE };
  UserState active = { f, id, TRUE };
  GtkWidget *button;

  /* Nothing selected: nothing to deactivate, and the button says why. */
  g_assert_false (gtk_widget_is_sensitive (ui_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, _("_Deactivate"))));

  name = g_strdup (seats_user_get_display_name (seats_sync_engine_find_user (f->fixture.engine, id)));
  search_for (f, seats_user_get_email (seats_sync_engine_find_user (f->fixture.engine, id)));
  select_rows (f, 1);
  button = ui_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, _("_Deactivate"));
  ui_click (button);

  /* Done at once: the server has them inactive, a license is free, and
   * the toast says so with an Undo. */
  g_assert_true (ui_wait_for (user_is, &inactive, 20000));
  g_assert_false (server_user_active (f, id));
  g_assert_cmpuint (seats_in_use (f), ==, in_use - 1);
  /* The toast counts the licenses free now, not the one this freed. */
  free_now = seats_product_get_purchased (seats_sync_engine_find_user_seats (f->fixture.engine)) - (in_use - 1);
  g_assert_cmpuint (free_now, >, 1);
  toast = g_strdup_printf (ngettext ("%s deactivated — %u license free now",
                                     "%s deactivated — %u licenses free now", free_now),
                           name, free_now);
  g_assert_true (ui_shows_text (root, toast));

  ui_click (ui_find (root, GTK_TYPE_BUTTON, _("_Undo")));
  g_assert_true (ui_wait_for (user_is, &active, 20000));
  g_assert_true (server_user_active (f, id));
  g_assert_cmpuint (seats_in_use (f), ==, in_use);
}

static gboolean
text_shown (gpointer data)
{
  gpointer *args = data;

  return ui_shows_text (args[0], args[1]);
}

static gboolean
wait_for_text (GtkWidget  *root,
               const char *text)
{
  gpointer args[2] = { root, (gpointer) text };

  return ui_wait_for (text_shown, args, 10000);
}

/* An account synced with a SCIM 2.0 service (the demo server's own SCIM
 * endpoint): its users as any account's, changed and undone the same way;
 * what it cannot know is said rather than shown empty. */
static gboolean
no_terms_dialog (gpointer data)
{
  return ui_find_dialog (SEATS_TYPE_TERMS_DIALOG) == NULL;
}

static void
test_users_scim (PageFixture   *f,
                 gconstpointer  user_data)
{
  GtkWidget *root = GTK_WIDGET (f->fixture.window);
  GListModel *users = seats_sync_engine_get_users (f->fixture.engine);
  g_autofree char *id = g_strdup (seats_user_get_id (find_user (f, plain_counted)));
  g_autofree char *name = g_strdup (seats_user_get_display_name (seats_sync_engine_find_user (f->fixture.engine, id)));
  g_autofree char *toast = g_strdup_printf (_("%s deactivated"), name);
  UserState inactive = { f, id, FALSE };
  UserState active = { f, id, TRUE };
  GDate today;

  /* Every user, and no Modules column or filter: a SCIM service has none. */
  g_assert_cmpuint (g_list_model_get_n_items (users), >, 10);
  g_assert_nonnull (ui_find (GTK_WIDGET (f->page), GTK_TYPE_COLUMN_VIEW, NULL));
  g_assert_false (ui_shows_text (GTK_WIDGET (f->page), _("Modules")));

  /* Deactivated at the service, with an Undo; no count of free licenses,
   * which the service does not know. */
  search_for (f, seats_user_get_email (seats_sync_engine_find_user (f->fixture.engine, id)));
  select_rows (f, 1);
  ui_click (ui_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, _("_Deactivate")));
  g_assert_true (ui_wait_for (user_is, &inactive, 20000));
  g_assert_false (server_user_active (f, id));
  g_assert_true (wait_for_text (root, toast));
  ui_click (ui_find (root, GTK_TYPE_BUTTON, _("_Undo")));
  g_assert_true (ui_wait_for (user_is, &active, 20000));
  g_assert_true (server_user_active (f, id));

  /* A selection: the confirmation says what the service does, and no
   * counts of licenses it does not know. */
  search_for (f, "");
  select_rows (f, 2);
  ui_click (ui_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, _("_Deactivate")));
  {
    GtkWindow *dialog = ui_find_dialog (ADW_TYPE_MESSAGE_DIALOG);
    guint n_counted = 0;

    g_assert_nonnull (dialog);
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(SeatsUser) user = g_list_model_get_item (f->rows, i);

        n_counted += counts_today (user);
      }
    g_assert_cmpuint (n_counted, >, 0);
    {
      g_autofree char *body = g_strdup_printf (ngettext ("%u of them holds a license now and will no "
                                                         "longer hold one.",
                                                         "%u of them hold a license now and will no "
                                                         "longer hold one.",
                                                         n_counted),
                                               n_counted);

      g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, body);
    }
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    ui_iterate ();
  }

  /* Licenses: who holds one, and that what was bought is not known. */
  seats_window_set_visible_page (f->fixture.window, "licenses");
  ui_iterate ();
  get_today (&today);
  {
    guint n = g_list_model_get_n_items (users);
    g_autofree char *counted = seats_format_count (seats_users_count_counted (users, &today));
    g_autofree char *total = seats_format_count (n);
    g_autofree char *description = g_strdup_printf (ngettext ("%s of %s user holds a license. This account syncs "
                                                              "with a SCIM 2.0 service, which gives its users and "
                                                              "their status: the licenses bought and their prices "
                                                              "are not known from it.",
                                                              "%s of %s users hold a license. This account syncs "
                                                              "with a SCIM 2.0 service, which gives its users and "
                                                              "their status: the licenses bought and their prices "
                                                              "are not known from it.",
                                                              n),
                                                    counted, total);

    g_assert_true (ui_shows_text (root, description));
  }
  ui_assert_access_keys_unique (root);
  ui_click (ui_find (root, GTK_TYPE_BUTTON, _("Show Use_rs")));
  g_assert_cmpstr (seats_window_get_visible_page (f->fixture.window), ==, "users");

  /* Billing: why it is empty. */
  seats_window_set_visible_page (f->fixture.window, "billing");
  ui_iterate ();
  g_assert_true (ui_shows_text (root, _("This account syncs with a SCIM 2.0 service, which gives its users "
                                        "and their status. The subscription, its prices, invoices and "
                                        "billing details are not known from it: they are in the vendor’s "
                                        "portal.")));

  /* A license file is the license server's: not in the main menu. */
  {
    GtkWidget *menu_button = ui_find_by_id (root, "primary_menu_button");

    g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (menu_button)));
    gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
    g_assert_nonnull (ui_wait_for_widget (root, GTK_TYPE_LABEL, _("_Export Active Users…")));
    g_assert_null (ui_find (root, GTK_TYPE_LABEL, _("_Load License From File…")));
    gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
  }

  /* The terms entered for it on this computer: the Licenses and Billing
   * pages count the service's users against them. */
  {
    GtkWidget *dialog;
    guint counted = seats_users_count_counted (users, &today);

    g_assert_true (gtk_widget_activate_action (root, "win.edit-terms", NULL));
    ui_iterate ();
    dialog = GTK_WIDGET (ui_find_dialog (SEATS_TYPE_TERMS_DIALOG));
    g_assert_nonnull (dialog);
    gtk_editable_set_text (GTK_EDITABLE (ui_find_by_id (dialog, "vendor_row")), "Demolen");
    gtk_editable_set_text (GTK_EDITABLE (ui_find_by_id (dialog, "product_row")), "Practice software");
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (ui_find_by_id (dialog, "purchased_spin")), counted + 5);
    gtk_editable_set_text (GTK_EDITABLE (ui_find_by_id (dialog, "price_row")), "12,50");
    gtk_editable_set_text (GTK_EDITABLE (ui_find_by_id (dialog, "start_row")), "2026-11-01");
    g_assert_true (gtk_widget_activate_action (dialog, "terms.save", NULL));
    g_assert_true (ui_wait_for (no_terms_dialog, NULL, 10000));
    g_assert_nonnull (seats_sync_engine_find_user_seats (f->fixture.engine));
    g_assert_cmpuint (seats_product_get_in_use (seats_sync_engine_find_user_seats (f->fixture.engine)), ==,
                      counted);
    seats_window_set_visible_page (f->fixture.window, "licenses");
    ui_iterate ();
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (ui_find_by_id (root, "content_stack"))), ==,
                     "content");
    seats_window_set_visible_page (f->fixture.window, "billing");
    ui_iterate ();
    g_assert_false (ui_shows_text (root, _("This account syncs with a SCIM 2.0 service, which gives its users "
                                           "and their status. The subscription, its prices, invoices and "
                                           "billing details are not known from it: they are in the vendor’s "
                                           "portal.")));
  }

  /* Out of reach: the banner names the service, not a license server. */
  seats_server_disconnect (f->fixture.vendor->server);
  g_assert_false (ui_fixture_sync (&f->fixture));
  {
    g_autofree char *banner = g_strdup_printf (_("The service cannot be reached. Shown is the copy synced %s; "
                                                 "nothing can be changed until the connection returns."),
                                               _("just now"));

    g_assert_true (ui_shows_text (root, banner));
  }
}

/* R10: a subscription bought through a reseller is changed there, but its
 * users are the organization's: deactivated and activated here. */
static void
test_users_reseller (PageFixture   *f,
                     gconstpointer  user_data)
{
  SeatsPolicy *policy = seats_account_get_policy (seats_sync_engine_get_account (f->fixture.engine));
  g_autofree char *id = g_strdup (seats_user_get_id (find_user (f, plain_counted)));
  UserState inactive = { f, id, FALSE };

  g_assert_true (seats_policy_is_resold (policy));
  search_for (f, seats_user_get_email (seats_sync_engine_find_user (f->fixture.engine, id)));
  select_rows (f, 1);
  ui_click (ui_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, _("_Deactivate")));
  g_assert_true (ui_wait_for (user_is, &inactive, 20000));
}

/* Deactivates the counted user @id from the page, as a person does. */
static void
deactivate_one (PageFixture *f,
                const char  *id)
{
  UserState inactive = { f, id, FALSE };

  search_for (f, seats_user_get_email (seats_sync_engine_find_user (f->fixture.engine, id)));
  select_rows (f, 1);
  ui_click (ui_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, _("_Deactivate")));
  g_assert_true (ui_wait_for (user_is, &inactive, 20000));
}

static char *
deactivated_toast (PageFixture *f,
                   const char  *id)
{
  SeatsProduct *seats = seats_sync_engine_find_user_seats (f->fixture.engine);
  guint free_now = seats_product_get_purchased (seats) - seats_product_get_in_use (seats);

  return g_strdup_printf (ngettext ("%s deactivated — %u license free now",
                                    "%s deactivated — %u licenses free now", free_now),
                          seats_user_get_display_name (seats_sync_engine_find_user (f->fixture.engine, id)),
                          free_now);
}

typedef struct
{
  GtkWidget  *root;
  const char *newest;
  const char *older;
  gboolean    older_seen;
} NewestToast;

/* Until the newest toast is shown, watching that the older one is not. */
static gboolean
newest_toast_shown (gpointer data)
{
  NewestToast *watch = data;

  watch->older_seen |= ui_shows_text (watch->root, watch->older);
  return ui_shows_text (watch->root, watch->newest);
}

/* The newest toast is the one shown: an older one, which tells a state
 * that is no longer true, never comes back after it. */
static void
test_users_newest_toast (PageFixture   *f,
                         gconstpointer  user_data)
{
  GtkWidget *root = GTK_WIDGET (f->fixture.window);
  GListModel *users = seats_sync_engine_get_users (f->fixture.engine);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *first_toast = NULL;
  g_autofree char *second_toast = NULL;
  g_autofree char *undone = NULL;
  UserState active;

  for (guint i = 0; i < g_list_model_get_n_items (users) && ids->len < 2; i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      if (plain_counted (user))
        g_ptr_array_add (ids, g_strdup (seats_user_get_id (user)));
    }
  g_assert_cmpuint (ids->len, ==, 2);

  deactivate_one (f, g_ptr_array_index (ids, 0));
  first_toast = deactivated_toast (f, g_ptr_array_index (ids, 0));
  g_assert_true (ui_shows_text (root, first_toast));

  /* A second change: its toast at once, the first one gone. */
  deactivate_one (f, g_ptr_array_index (ids, 1));
  second_toast = deactivated_toast (f, g_ptr_array_index (ids, 1));
  g_assert_true (wait_for_text (root, second_toast));
  g_assert_false (ui_shows_text (root, first_toast));

  /* Undoing the second: its own toast follows, and the first, which
   * counts one license less free than is true now, stays away. */
  ui_click (ui_find (root, GTK_TYPE_BUTTON, _("_Undo")));
  active = (UserState) { f, g_ptr_array_index (ids, 1), TRUE };
  g_assert_true (ui_wait_for (user_is, &active, 20000));
  undone = g_strdup_printf (_("%s activated — 1 more license in use"),
                            seats_user_get_display_name (seats_sync_engine_find_user (f->fixture.engine,
                                                                                      g_ptr_array_index (ids, 1))));
  {
    NewestToast watch = { root, undone, first_toast, FALSE };

    g_assert_true (ui_wait_for (newest_toast_shown, &watch, 15000));
    g_assert_false (watch.older_seen);
  }
  g_assert_false (ui_shows_text (root, second_toast));
}

typedef struct
{
  PageFixture *f;
  GPtrArray   *ids;
  gboolean     holds;
} ModuleState;

static gboolean
module_state_is (gpointer data)
{
  ModuleState *state = data;

  if (seats_sync_engine_get_status (state->f->fixture.engine) == SEATS_SYNC_STATUS_SYNCING)
    return FALSE;

  for (guint i = 0; i < state->ids->len; i++)
    {
      SeatsUser *user = seats_sync_engine_find_user (state->f->fixture.engine,
                                                     g_ptr_array_index (state->ids, i));

      if (user == NULL || seats_user_has_module (user, "imaging") != state->holds)
        return FALSE;
    }

  return TRUE;
}

/* Selects the first @n rows for whom @holds is whether they hold the X-ray
 * module (and who count, when they do not), and gives their ids. */
static GPtrArray *
select_for_module (PageFixture *f,
                   gboolean     holds,
                   guint        n)
{
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (f->rows);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  gtk_selection_model_unselect_all (selection);
  for (guint i = 0; i < g_list_model_get_n_items (f->rows) && ids->len < n; i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (f->rows, i);

      if (seats_user_has_module (user, "imaging") == holds && (holds || plain_counted (user)))
        {
          gtk_selection_model_select_item (selection, i, FALSE);
          g_ptr_array_add (ids, g_strdup (seats_user_get_id (user)));
        }
    }
  g_assert_cmpuint (ids->len, ==, n);
  ui_iterate ();

  return ids;
}

static void
wait_for_modules (PageFixture *f,
                  GPtrArray   *ids,
                  gboolean     holds)
{
  ModuleState state = { f, ids, holds };

  g_assert_true (ui_wait_for (module_state_is, &state, 30000));
  ui_iterate ();
}

/* R7 from the Users page: a module for a selection, all or none, with the
 * seat effect before, the toast after, and Undo both ways. */
static void
test_users_modules (PageFixture   *f,
                    gconstpointer  user_data)
{
  GtkWidget *root = GTK_WIDGET (f->fixture.window);
  SeatsProduct *imaging = seats_sync_engine_find_product (f->fixture.engine, "imaging");
  g_autofree char *name = g_strdup (seats_product_get_name (imaging));
  guint purchased = seats_product_get_purchased (imaging);
  guint in_use = seats_product_get_in_use (imaging);
  g_autoptr(GPtrArray) two = NULL;
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(GPtrArray) holders = NULL;
  g_autoptr(GError) refusal = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *toast = NULL;
  GtkWindow *dialog;

  g_assert_cmpuint (purchased - in_use, ==, 1);

  /* Two users for one free license: refused, with the figures. */
  two = select_for_module (f, FALSE, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "users.assign-module", "s", "imaging"));
  ui_iterate ();
  dialog = ui_find_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  heading = g_strdup_printf (_("Cannot Assign “%s”"), name);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  g_assert_false (seats_rules_check_module_assignments (name, purchased, in_use, 2, &refusal));
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, refusal->message);
  ui_click (ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("_Close")));
  ui_iterate ();
  g_assert_true (module_state_is (&(ModuleState) { f, two, FALSE }));

  /* One user: given at once, the toast says what is free now, and Undo
   * takes it back. */
  one = select_for_module (f, FALSE, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "users.assign-module", "s", "imaging"));
  wait_for_modules (f, one, TRUE);
  toast = g_strdup_printf (ngettext ("“%s” assigned to %s — %u free now",
                                     "“%s” assigned to %s — %u free now", 0),
                           name,
                           seats_user_get_display_name (seats_sync_engine_find_user (f->fixture.engine,
                                                                                     g_ptr_array_index (one, 0))),
                           0);
  g_assert_true (wait_for_text (root, toast));
  ui_click (ui_find (root, GTK_TYPE_BUTTON, _("_Undo")));
  wait_for_modules (f, one, FALSE);

  /* Taken from two holders: asked first, with the effect. */
  holders = select_for_module (f, TRUE, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "users.remove-module", "s", "imaging"));
  ui_iterate ();
  dialog = ui_find_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_clear_pointer (&heading, g_free);
  heading = g_strdup_printf (ngettext ("Remove “%s” From %u User?", "Remove “%s” From %u Users?", 2),
                             name, 2);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  ui_click (ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("_Remove")));
  wait_for_modules (f, holders, FALSE);
  g_clear_pointer (&toast, g_free);
  toast = g_strdup_printf (ngettext ("“%s” taken from %u user", "“%s” taken from %u users", 2), name, 2);
  g_assert_true (wait_for_text (root, toast));
  ui_click (ui_find (root, GTK_TYPE_BUTTON, _("_Undo")));
  wait_for_modules (f, holders, TRUE);
  g_assert_cmpuint (seats_product_get_in_use (seats_sync_engine_find_product (f->fixture.engine, "imaging")),
                    ==, in_use);
}

static gboolean
holds_a_module (SeatsUser *user)
{
  return plain_counted (user) && seats_user_get_modules (user) != NULL && seats_user_get_modules (user)[0] != NULL;
}

/* A person opens a user's details and reads what they hold, their dates,
 * and where the name comes from (R1, R7, R16). */
static void
test_users_details (PageFixture   *f,
                    gconstpointer  user_data)
{
  SeatsUser *holder = find_user (f, holds_a_module);
  SeatsUser *left = find_user (f, has_left);
  SeatsProduct *module = seats_sync_engine_find_product (f->fixture.engine, seats_user_get_modules (holder)[0]);
  GtkWindow *dialog;

  search_for (f, seats_user_get_email (holder));
  select_rows (f, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "users.details", NULL));
  ui_iterate ();
  dialog = ui_find_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (ui_shows_text (GTK_WIDGET (dialog), _("Holds a user license")));
  g_assert_true (ui_shows_text_containing (GTK_WIDGET (dialog), seats_product_get_name (module)));
  g_assert_true (ui_shows_text (GTK_WIDGET (dialog), _("No end date")));
  g_assert_true (ui_shows_text (GTK_WIDGET (dialog),
                                gtk_label_get_text (GTK_LABEL (ui_find_by_id (GTK_WIDGET (f->page), "upstream_label")))));
  ui_click (ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("_Close")));

  /* Someone who left: why they hold no license, and since when. */
  search_for (f, seats_user_get_email (left));
  select_rows (f, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "users.details", NULL));
  ui_iterate ();
  dialog = ui_find_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (ui_shows_text (GTK_WIDGET (dialog), _("Holds no license: the end date has passed")));
  {
    g_autofree char *end = seats_format_date (seats_user_get_end_date_julian (left));

    g_assert_true (ui_shows_text (GTK_WIDGET (dialog), end));
  }
  ui_click (ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("_Close")));
}

/* Activating a selection leaves out the users whose end date has passed,
 * and says so before anything is sent (R1). */
static void
test_users_activate_leaver (PageFixture   *f,
                            gconstpointer  user_data)
{
  g_autofree char *leaver = g_strdup (seats_user_get_id (find_user (f, has_left)));
  g_autofree char *heading = NULL;
  g_autofree char *left_out = NULL;
  UserState gone = { f, leaver, FALSE };
  UserState back = { f, NULL, TRUE };
  g_autofree char *returning = NULL;
  GtkWindow *dialog;
  guint n_activated = 0, n_left = 0;
  GDate today;

  /* The person first deactivates someone who has left, by hand. */
  search_for (f, seats_user_get_email (seats_sync_engine_find_user (f->fixture.engine, leaver)));
  select_rows (f, 1);
  ui_click (ui_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, _("_Deactivate")));
  g_assert_true (ui_wait_for (user_is, &gone, 30000));

  /* Alone, activating them is refused with the reason. */
  select_rows (f, 1);
  ui_click (ui_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, _("_Activate")));
  ui_iterate ();
  g_assert_null (ui_find_dialog (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (ui_shows_text (GTK_WIDGET (f->fixture.window),
                                ngettext ("Not activated: the end date has passed, so the user "
                                          "would hold no license",
                                          "Not activated: the end dates have passed, so the users "
                                          "would hold no license", 1)));

  /* Then every inactive user at once. */
  search_for (f, "");
  gtk_drop_down_set_selected (f->filter, 2);
  settle (f);
  select_rows (f, g_list_model_get_n_items (f->rows));
  get_today (&today);
  for (guint i = 0; i < g_list_model_get_n_items (f->rows); i++)
    {
      SeatsUser *user = row_user (f, i);
      GDate end;

      if (seats_user_get_active (user))
        continue;
      if (seats_user_get_end_date (user, &end) && g_date_compare (&end, &today) < 0)
        n_left++;
      else if (n_activated++ == 0)
        returning = g_strdup (seats_user_get_id (user));
    }
  g_assert_cmpuint (n_left, ==, 1);
  g_assert_cmpuint (n_activated, >=, 1);

  ui_click (ui_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, _("_Activate")));
  dialog = ui_find_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  heading = g_strdup_printf (ngettext ("Activate %u User?", "Activate %u Users?", n_activated), n_activated);
  left_out = g_strdup_printf (ngettext ("%u selected user is left out: the end date has "
                                        "passed, so activating would give no license.",
                                        "%u selected users are left out: their end dates "
                                        "have passed, so activating would give them no "
                                        "license.", 1), 1);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), left_out));

  ui_click (ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("_Activate")));
  back.user_id = returning;
  g_assert_true (ui_wait_for (user_is, &back, 30000));
  g_assert_true (server_user_active (f, returning));
  g_assert_false (server_user_active (f, leaver));
}

static void
test_users_deactivate_selection (PageFixture   *f,
                                 gconstpointer  user_data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  guint in_use = seats_in_use (f);
  g_autofree char *heading = g_strdup_printf (ngettext ("Deactivate %u User?", "Deactivate %u Users?", 2), 2);
  GtkWindow *dialog;
  UserState states[2];

  gtk_drop_down_set_selected (f->filter, 1);
  settle (f);
  first = g_strdup (seats_user_get_id (row_user (f, 0)));
  second = g_strdup (seats_user_get_id (row_user (f, 1)));
  select_rows (f, 2);

  ui_click (ui_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, _("_Deactivate")));

  /* Two users: asked first, with what it means for the licenses. */
  dialog = ui_find_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "cancel"));

  /* Cancel changes nothing. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  ui_iterate ();
  g_assert_true (server_user_active (f, first));

  ui_click (ui_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, _("_Deactivate")));
  dialog = ui_find_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "deactivate");

  states[0] = (UserState) { f, first, FALSE };
  states[1] = (UserState) { f, second, FALSE };
  g_assert_true (ui_wait_for (user_is, &states[1], 30000));
  g_assert_true (user_is (&states[0]));
  g_assert_false (server_user_active (f, first));
  g_assert_false (server_user_active (f, second));
  g_assert_cmpuint (seats_in_use (f), ==, in_use - 2);
}

/* R20: the window exports the active users report, the one seatsctl
 * users --counted --csv writes, in the person's language, as a whole,
 * and says how many it holds. */
static void
test_users_csv (PageFixture   *f,
                gconstpointer  user_data)
{
  GListModel *users = seats_sync_engine_get_users (f->fixture.engine);
  g_autofree char *path = g_build_filename (f->fixture.dir, "report.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *count = NULL;
  g_autofree char *toast = NULL;
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GString) header = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  const char *header_cells[] = {
    _("ID"), _("User name"), _("Name"), _("E-mail"), _("Active"), _("Start date"), _("End date"),
    _("Modules"), NULL
  };
  guint counted = 0;
  GDate today;

  get_today (&today);
  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      if (counts_today (user))
        counted++;
    }
  g_assert_cmpuint (counted, >, 0);

  seats_users_page_export_to_file (f->page, file);
  count = seats_format_count (counted);
  toast = g_strdup_printf (ngettext ("Exported %s active user", "Exported %s active users", counted), count);
  g_assert_true (wait_for_text (GTK_WIDGET (f->fixture.window), toast));

  /* A header in the person's words and one row per user who counts (R1). */
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  lines = g_strsplit (written, "\r\n", -1);
  seats_rules_csv_append_row (header, header_cells);
  g_string_truncate (header, header->len - 2);
  g_assert_cmpstr (lines[0], ==, header->str);
  g_assert_cmpuint (g_strv_length (lines), ==, counted + 2);
  g_assert_cmpstr (lines[counted + 1], ==, "");
  for (guint i = 1; i <= counted; i++)
    g_assert_true (strstr (lines[i], ",true,") != NULL);

  expected = seats_report_users_csv (users, seats_sync_engine_get_products (f->fixture.engine), &today,
                                     SEATS_REPORT_USERS_COUNTED, SEATS_REPORT_FLAGS_NONE, NULL);
  g_assert_cmpstr (written, ==, expected);
  g_unlink (path);
}

static void
test_users_viewer (PageFixture   *f,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *activate = ui_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, _("_Activate"));
  GtkWidget *deactivate = ui_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, _("_Deactivate"));

  g_assert_false (seats_sync_engine_can_change (f->fixture.engine, SEATS_CHANGE_USERS_ACTIVE, &error));

  /* A viewer selects users and reads why nothing can be changed (R15). */
  gtk_drop_down_set_selected (f->filter, 0);
  settle (f);
  select_rows (f, g_list_model_get_n_items (f->rows));
  g_assert_false (gtk_widget_is_sensitive (activate));
  g_assert_false (gtk_widget_is_sensitive (deactivate));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (activate), ==, error->message);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (deactivate), ==, error->message);

  /* ... and exports the report without asking anyone (R20). */
  g_assert_true (gtk_widget_is_sensitive (ui_find_by_id (GTK_WIDGET (f->page), "export_button")));
  {
    g_autofree char *path = g_build_filename (f->fixture.dir, "viewer.csv", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    seats_users_page_export_to_file (f->page, file);
    for (guint i = 0; i < 200 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
      ui_iterate ();
    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    g_unlink (path);
  }
}

static gboolean
in_grace_ahead (SeatsUser *user)
{
  GDate today;

  get_today (&today);
  return seats_user_get_status (user, &today) == SEATS_USER_STATUS_GRACE &&
         seats_user_get_grace_deadline_julian (user) >= g_date_get_julian (&today);
}

/* R5: a user over the count reads when they go, in full, at the window's
 * first width; the tooltip and a screen reader say what keeps them. */
static void
test_users_grace_status (PageFixture   *f,
                         gconstpointer  user_data)
{
  SeatsUser *user = find_user (f, in_grace_ahead);
  GtkWidget *cell;
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  g_autofree char *full = NULL;
  GDate deadline, day;
  int text_width;

  seats_julian_to_date (seats_user_get_grace_deadline_julian (user), &deadline);
  seats_rules_deactivation_day (&deadline, &day);
  date = seats_format_date_short (g_date_get_julian (&day));
  text = fill (_("Will be deactivated on %s"), date);
  full = fill (_("Will be deactivated on %s unless licenses are bought"), date);

  gtk_window_set_default_size (GTK_WINDOW (f->fixture.window), 960, 680);
  search_for (f, seats_user_get_email (user));
  g_assert_cmpuint (g_list_model_get_n_items (f->rows), ==, 1);
  ui_iterate ();

  cell = find_inscription (GTK_WIDGET (f->column_view), text);
  g_assert_nonnull (cell);
  layout = gtk_widget_create_pango_layout (cell, text);
  pango_layout_get_pixel_size (layout, &text_width, NULL);
  g_test_message ("“%s”: %d px of text in %d px", text, text_width, gtk_widget_get_width (cell));
  g_assert_cmpint (text_width, <=, gtk_widget_get_width (cell));
  g_assert_cmpstr (g_object_get_data (G_OBJECT (cell), "seats-status-explanation"), ==, full);
  g_assert_true (gtk_widget_has_css_class (cell, "error"));
}

/* The status words, for every branch, apart from any window. */
static void
test_status_text (void)
{
  g_autoptr(SeatsUser) user = seats_user_new ();
  guint32 today_j = seats_julian_from_ymd (2026, 11, 15);
  GDate today;
  /* Days from today; NO is no date. */
  enum { NO = G_MININT };
  struct {
    gboolean        active;
    int             start, end, grace;
    SeatsUserStatus status;
    const char     *format;
    int             date;
    const char     *english;
  } cases[] = {
    { TRUE, NO, NO, NO, SEATS_USER_STATUS_ACTIVE, "Active", NO, "Active" },
    { TRUE, -30, NO, NO, SEATS_USER_STATUS_ACTIVE, "Active", NO, "Active" },
    { TRUE, 0, 1, NO, SEATS_USER_STATUS_ACTIVE, "Active", NO, "Active" },
    /* The end date itself still counts (R1). */
    { TRUE, NO, 0, NO, SEATS_USER_STATUS_ACTIVE, "Active", NO, "Active" },
    { TRUE, 16, NO, NO, SEATS_USER_STATUS_STARTS, "Starts %s", 16, "Starts Dec 1, 2026" },
    { TRUE, 1, 30, NO, SEATS_USER_STATUS_STARTS, "Starts %s", 1, "Starts Nov 16, 2026" },
    { TRUE, NO, -1, NO, SEATS_USER_STATUS_LEFT, "Left %s", -1, "Left Nov 14, 2026" },
    /* A past end date outweighs a start ahead and a grace deadline. */
    { TRUE, 16, -1, 3, SEATS_USER_STATUS_LEFT, "Left %s", -1, "Left Nov 14, 2026" },
    /* A deadline is the last day of grace: the user goes the day after. */
    { TRUE, NO, NO, 3, SEATS_USER_STATUS_GRACE, "Will be deactivated on %s", 4,
      "Will be deactivated on Nov 19, 2026" },
    { TRUE, 16, NO, 3, SEATS_USER_STATUS_GRACE, "Will be deactivated on %s", 4,
      "Will be deactivated on Nov 19, 2026" },
    { TRUE, NO, NO, 0, SEATS_USER_STATUS_GRACE, "Will be deactivated on %s", 1,
      "Will be deactivated on Nov 16, 2026" },
    /* Past the deadline, until the server has deactivated the user. */
    { TRUE, NO, NO, -1, SEATS_USER_STATUS_GRACE, "Deactivated on %s", 0, "Deactivated on Nov 15, 2026" },
    { TRUE, NO, NO, -5, SEATS_USER_STATUS_GRACE, "Deactivated on %s", -4, "Deactivated on Nov 11, 2026" },
    { FALSE, NO, NO, NO, SEATS_USER_STATUS_INACTIVE, "Inactive", NO, "Inactive" },
    { FALSE, 16, -1, 3, SEATS_USER_STATUS_INACTIVE, "Inactive", NO, "Inactive" },
  };

  seats_julian_to_date (today_j, &today);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *date = NULL;
      g_autofree char *expected = NULL;
      const char *format;

      seats_user_set_active (user, cases[i].active);
      seats_user_set_start_date_julian (user, cases[i].start != NO ? today_j + cases[i].start : 0);
      seats_user_set_end_date_julian (user, cases[i].end != NO ? today_j + cases[i].end : 0);
      seats_user_set_grace_deadline_julian (user, cases[i].grace != NO ? today_j + cases[i].grace : 0);

      g_test_message ("case %u", i);
      g_assert_cmpint (seats_user_get_status (user, &today), ==, cases[i].status);
      g_assert_cmpint (seats_user_status_counts (cases[i].status), ==,
                       cases[i].status != SEATS_USER_STATUS_LEFT && cases[i].status != SEATS_USER_STATUS_INACTIVE);

      text = seats_user_status_describe (user, &today);

      /* Only a deactivation ahead has more to say: what keeps the license. */
      {
        g_autofree char *explanation = seats_user_status_explain (user, &today);

        if (g_str_equal (cases[i].format, "Will be deactivated on %s"))
          {
            g_autofree char *day = seats_format_date_short (today_j + cases[i].date);
            g_autofree char *full = fill (_("Will be deactivated on %s unless licenses are bought"), day);

            g_assert_cmpstr (explanation, ==, full);
          }
        else
          g_assert_null (explanation);
      }

      if (is_english ())
        {
          g_assert_cmpstr (text, ==, cases[i].english);
          continue;
        }

      if (cases[i].status == SEATS_USER_STATUS_ACTIVE)
        format = C_("user status", "Active");
      else if (cases[i].status == SEATS_USER_STATUS_INACTIVE)
        format = C_("user status", "Inactive");
      else
        format = gettext (cases[i].format);
      g_assert_cmpstr (format, !=, cases[i].format);
      date = cases[i].date != NO ? seats_format_date_short (today_j + cases[i].date) : NULL;
      expected = fill (format, date);
      g_assert_cmpstr (text, ==, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  ui_test_init ();

  g_test_add_func ("/users-page/status-text", test_status_text);
  g_test_add ("/users-page/shown", PageFixture, NULL, admin_set_up, test_users_shown, page_tear_down);
  g_test_add ("/users-page/search", PageFixture, NULL, admin_set_up, test_users_search, page_tear_down);
  g_test_add ("/users-page/filter", PageFixture, NULL, admin_set_up, test_users_filter, page_tear_down);
  g_test_add ("/users-page/status", PageFixture, NULL, admin_set_up, test_users_status, page_tear_down);
  g_test_add ("/users-page/grace-status", PageFixture, NULL, grace_set_up, test_users_grace_status,
              page_tear_down);
  g_test_add ("/users-page/deactivate-undo", PageFixture, NULL, admin_set_up, test_users_deactivate_undo,
              page_tear_down);
  g_test_add ("/users-page/deactivate-selection", PageFixture, NULL, admin_set_up,
              test_users_deactivate_selection, page_tear_down);
  g_test_add ("/users-page/newest-toast", PageFixture, NULL, admin_set_up, test_users_newest_toast,
              page_tear_down);
  g_test_add ("/users-page/modules", PageFixture, NULL, admin_set_up, test_users_modules, page_tear_down);
  g_test_add ("/users-page/activate-leaver", PageFixture, NULL, admin_set_up, test_users_activate_leaver,
              page_tear_down);
  g_test_add ("/users-page/details", PageFixture, NULL, admin_set_up, test_users_details, page_tear_down);
  g_test_add ("/users-page/csv", PageFixture, NULL, admin_set_up, test_users_csv, page_tear_down);
  g_test_add ("/users-page/scim", PageFixture, NULL, scim_set_up, test_users_scim, page_tear_down);
  g_test_add ("/users-page/reseller", PageFixture, NULL, reseller_set_up, test_users_reseller,
              page_tear_down);
  g_test_add ("/users-page/viewer", PageFixture, NULL, viewer_set_up, test_users_viewer, page_tear_down);

  return g_test_run ();
}
