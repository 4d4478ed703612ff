/* seats-window.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <libportal-gtk4/portal-gtk4.h>

#include "seats-banner.h"
#include "seats-billing-page.h"
#include "seats-calendar.h"
#include "seats-connect-dialog.h"
#include "seats-import-dialog.h"
#include "seats-terms-dialog.h"
#include "seats-format.h"
#include "seats-licenses-page.h"
#include "seats-licenses-util.h"
#include "seats-overview-page.h"
#include "seats-users-page.h"
#include "seats-window.h"

/* "Synced 2 minutes ago" stays true by being written again now and then. */
#define RELABEL_INTERVAL_S 30

struct _SeatsWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  SeatsSession         *session;
  GSignalGroup         *session_signals;
  GSignalGroup         *engine_signals;
  guint                 relabel_source;
  /* The overview shows every account; the sidebar lists them. */
  gboolean              overview_shown;
  gboolean              selecting;
  GPtrArray            *watches;
  GHashTable           *sidebar_rows;
  GHashTable           *lines;
  GHashTable           *changed;
  gboolean              refresh_all;
  guint                 refresh_source;
  /* Starting at login to remind, through the Background portal. */
  XdpPortal            *portal;
  GSimpleAction        *remind_at_login;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  AdwHeaderBar         *header_bar;
  GtkWidget            *sidebar_box;
  GtkWidget            *sidebar_separator;
  GtkListBox           *sidebar_list;
  GtkWidget            *content_box;
  AdwWindowTitle       *window_title;
  SeatsOverviewPage    *overview_page;
  AdwViewStack         *stack;
  GtkStack             *main_stack;
  GtkStack             *title_stack;
  AdwViewSwitcherTitle *switcher_title;
  GtkButton            *sync_button;
  GtkStack             *sync_icon_stack;
  GtkSpinner           *sync_spinner;
  GtkLabel             *sync_label;
  GtkRevealer          *progress_revealer;
  GtkProgressBar       *sync_progress;
  SeatsBanner          *sync_banner;
  AdwStatusPage        *failed_page;
  AdwStatusPage        *opening_page;
  GMenu                *accounts_section;
  SeatsLicensesPage    *licenses_page;
  /* The pages not shown first are built after the window's first frame,
   * or when they are asked for, whichever comes first. */
  AdwBin               *users_bin;
  AdwBin               *billing_bin;
  SeatsUsersPage       *users_page;
  SeatsBillingPage     *billing_page;
  guint                 build_pages_source;
};

G_DEFINE_FINAL_TYPE (SeatsWindow, seats_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_VISIBLE_PAGE,
  PROP_ACCOUNT_ID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void seats_window_select_in_sidebar (SeatsWindow *self);
static void seats_window_queue_refresh     (SeatsWindow *self);
static void seats_window_refresh           (SeatsWindow *self);

static SeatsApplication *
get_application (SeatsWindow *self)
{
  return SEATS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static SeatsSyncEngine *
get_engine (SeatsWindow *self)
{
  return self->session != NULL ? seats_session_get_engine (self->session) : NULL;
}

static void
seats_window_update_actions (SeatsWindow *self)
{
  SeatsApplication *app = get_application (self);
  /* The overview is of every account: what acts on one waits for it. */
  SeatsSyncEngine *engine = self->overview_shown ? NULL : get_engine (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync",
                                 engine != NULL &&
                                 seats_sync_engine_get_status (engine) != SEATS_SYNC_STATUS_SYNCING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-account",
                                 self->session != NULL && !self->overview_shown &&
                                 !seats_session_is_demo (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-overview", self->session != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-calendar", self->session != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.try-demo",
                                 app != NULL && !seats_application_is_demo (app));
  /* Loading a file is checked against the account's organization and key;
   * exporting reads the users: both need an account shown. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-license",
                                 engine != NULL &&
                                 seats_sync_engine_supports (engine, SEATS_CHANGE_IMPORT_LICENSE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-users", engine != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-users",
                                 engine != NULL && seats_sync_engine_supports (engine, SEATS_CHANGE_USERS_PUT));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-terms",
                                 engine != NULL && seats_sync_engine_supports (engine, SEATS_CHANGE_TERMS));
}

static void
seats_window_update_sync_state (SeatsWindow *self)
{
  SeatsSyncEngine *engine = get_engine (self);
  g_autofree char *label = NULL;
  g_autofree char *banner = NULL;
  g_autofree char *since = NULL;
  g_autofree char *tooltip = NULL;
  const char *icon = "idle";
  gint64 last_synced;
  gint64 now;
  SeatsSyncStatus status;
  SeatsAccount *account;
  gboolean scim;

  /* A subscription kept by hand has nothing to sync with, and the overview
   * is of every account. */
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button),
                          engine != NULL && !self->overview_shown &&
                          (seats_sync_engine_get_account (engine) == NULL ||
                           seats_account_get_source (seats_sync_engine_get_account (engine)) !=
                           SEATS_ACCOUNT_SOURCE_MANUAL));
  gtk_widget_remove_css_class (GTK_WIDGET (self->sync_button), "offline");
  gtk_widget_remove_css_class (GTK_WIDGET (self->sync_button), "failed");

  if (engine == NULL)
    {
      gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
      seats_banner_set_revealed (self->sync_banner, FALSE);
      return;
    }

  status = seats_sync_engine_get_status (engine);
  account = seats_sync_engine_get_account (engine);
  scim = account != NULL && seats_account_get_source (account) == SEATS_ACCOUNT_SOURCE_SCIM;
  last_synced = seats_sync_engine_get_last_synced (engine);
  now = seats_clock_get_unix_time (seats_sync_engine_get_clock (engine));
  if (last_synced > 0)
    since = seats_format_since (last_synced, now);

  switch (status)
    {
    case SEATS_SYNC_STATUS_SYNCING:
      icon = "syncing";
      label = g_strdup (_("Syncing…"));
      tooltip = g_strdup (scim ? _("Seats is fetching the users from the service")
                               : _("Seats is fetching the subscription from the license server"));
      break;

    case SEATS_SYNC_STATUS_OFFLINE:
      icon = "offline";
      label = g_strdup (_("Offline"));
      gtk_widget_add_css_class (GTK_WIDGET (self->sync_button), "offline");
      if (since != NULL && scim)
        /* Translators: %s is how long ago, such as "5 minutes ago" */
        banner = g_strdup_printf (_("The service cannot be reached. Shown is the copy synced %s; "
                                    "nothing can be changed until the connection returns."), since);
      else if (since != NULL)
        /* Translators: %s is how long ago, such as "5 minutes ago" */
        banner = g_strdup_printf (_("The license server cannot be reached. Shown is the copy synced %s; "
                                    "nothing can be changed until the connection returns."), since);
      else if (scim)
        banner = g_strdup (_("The service cannot be reached. Nothing can be changed until the "
                             "connection returns."));
      else
        banner = g_strdup (_("The license server cannot be reached. Nothing can be changed until "
                             "the connection returns."));
      tooltip = g_strdup (_("Try to sync again"));
      break;

    case SEATS_SYNC_STATUS_ERROR:
      icon = "failed";
      label = g_strdup (_("Sync failed"));
      gtk_widget_add_css_class (GTK_WIDGET (self->sync_button), "failed");
      banner = g_strdup (seats_sync_engine_get_error_message (engine));
      tooltip = g_strdup (_("Try to sync again"));
      break;

    case SEATS_SYNC_STATUS_IDLE:
    default:
      if (since != NULL)
        /* Translators: %s is how long ago, such as "2 minutes ago" */
        label = g_strdup_printf (_("Synced %s"), since);
      else
        label = g_strdup (_("Not synced yet"));
      tooltip = g_strdup (_("Sync now"));
      break;
    }

  gtk_stack_set_visible_child_name (self->sync_icon_stack, icon);
  gtk_spinner_set_spinning (self->sync_spinner, status == SEATS_SYNC_STATUS_SYNCING);
  gtk_label_set_label (self->sync_label, label);
  seats_widget_set_tooltip (GTK_WIDGET (self->sync_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sync_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);

  gtk_revealer_set_reveal_child (self->progress_revealer, status == SEATS_SYNC_STATUS_SYNCING);
  gtk_progress_bar_set_fraction (self->sync_progress, seats_sync_engine_get_progress (engine));

  if (banner != NULL)
    seats_banner_set_title (self->sync_banner, banner);
  seats_banner_set_revealed (self->sync_banner, banner != NULL && !self->overview_shown);

  seats_window_update_actions (self);
}

static SeatsUsersPage *
ensure_users_page (SeatsWindow *self)
{
  if (self->users_page == NULL)
    {
      self->users_page = g_object_new (SEATS_TYPE_USERS_PAGE,
                                       "engine", get_engine (self),
                                       NULL);
      adw_bin_set_child (self->users_bin, GTK_WIDGET (self->users_page));
    }

  return self->users_page;
}

static SeatsBillingPage *
ensure_billing_page (SeatsWindow *self)
{
  if (self->billing_page == NULL)
    {
      self->billing_page = g_object_new (SEATS_TYPE_BILLING_PAGE,
                                         "engine", get_engine (self),
                                         NULL);
      adw_bin_set_child (self->billing_bin, GTK_WIDGET (self->billing_page));
    }

  return self->billing_page;
}

/* The window's buttons at the start belong to the sidebar's header,
 * unless the sidebar is folded away or hidden. */
static void
seats_window_update_title_buttons (SeatsWindow *self)
{
  adw_header_bar_set_show_start_title_buttons (self->header_bar,
                                               adw_leaflet_get_folded (self->leaflet) ||
                                               !gtk_widget_get_visible (self->sidebar_box));
}

static void
seats_window_update_view (SeatsWindow *self)
{
  SeatsSyncEngine *engine = get_engine (self);
  const char *page;

  if (self->session == NULL)
    page = "welcome";
  else if (self->overview_shown)
    page = "overview";
  else if (engine != NULL)
    page = "main";
  else if (seats_session_get_error (self->session) != NULL)
    page = "failed";
  else
    page = "opening";

  gtk_stack_set_visible_child_name (self->main_stack, page);
  gtk_stack_set_visible_child_name (self->title_stack, g_str_equal (page, "main") ? "switcher" : "title");
  adw_window_title_set_title (self->window_title, g_str_equal (page, "overview") ? _("All Subscriptions")
                                                                                 : _("Seats"));
  /* Without an account there is nothing to list beside the welcome. */
  gtk_widget_set_visible (self->sidebar_box, self->session != NULL);
  gtk_widget_set_visible (self->sidebar_separator, self->session != NULL);
  seats_window_update_title_buttons (self);

  if (self->session != NULL)
    {
      adw_view_switcher_title_set_title (self->switcher_title, seats_session_get_title (self->session));
      adw_status_page_set_description (self->failed_page, seats_session_get_error (self->session));
    }

  g_object_set (self->licenses_page, "engine", engine, NULL);
  if (self->users_page != NULL)
    g_object_set (self->users_page, "engine", engine, NULL);
  if (self->billing_page != NULL)
    g_object_set (self->billing_page, "engine", engine, NULL);

  g_signal_group_set_target (self->engine_signals, engine);

  seats_window_update_sync_state (self);
  seats_window_update_actions (self);
}

static gboolean
relabel_cb (gpointer user_data)
{
  seats_window_update_sync_state (SEATS_WINDOW (user_data));

  return G_SOURCE_CONTINUE;
}

static void
seats_window_rebuild_accounts_menu (SeatsWindow *self)
{
  SeatsApplication *app = get_application (self);
  GListModel *sessions;
  guint n;

  g_menu_remove_all (self->accounts_section);

  /* Beside the sidebar the menu need not list the accounts again: only a
   * window too narrow for both has them here. */
  if (app == NULL || !adw_leaflet_get_folded (self->leaflet))
    return;

  sessions = seats_application_get_sessions (app);
  n = g_list_model_get_n_items (sessions);

  /* The overview, then the accounts, the one shown checked. */
  if (n > 0)
    g_menu_append (self->accounts_section, _("All Subscriptions"), "win.show-overview");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeatsSession) session = g_list_model_get_item (sessions, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (seats_session_get_title (session), NULL);

      g_menu_item_set_action_and_target (item, "win.account-id", "s", seats_session_get_id (session));
      g_menu_append_item (self->accounts_section, item);
    }
}

/* The sidebar: the overview first, then each account with its licenses in
 * use of bought and a marker when something needs attention. Its rows are
 * changed in place, so that a sync does not move the focus. */
static GtkWidget *
sidebar_row (const char *id)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *caption = gtk_label_new (NULL);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                  "icon-name", "dialog-warning-symbolic",
                                  "visible", FALSE,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  NULL);

  if (id == NULL)
    gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_IMAGE,
                                                 "icon-name", "view-grid-symbolic",
                                                 "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                                 NULL));

  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (caption), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_widget_set_visible (caption, FALSE);
  gtk_widget_add_css_class (icon, "warning");
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), caption);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "account-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (row), "title-label", title);
  g_object_set_data (G_OBJECT (row), "caption-label", caption);
  g_object_set_data (G_OBJECT (row), "attention-icon", icon);

  return row;
}

static void
sidebar_row_update (GtkWidget  *row,
                    const char *title,
                    const char *caption,
                    const char *reasons)
{
  GtkWidget *caption_label = g_object_get_data (G_OBJECT (row), "caption-label");
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "attention-icon");
  g_autofree char *description = NULL;

  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "title-label"), title);
  gtk_label_set_label (GTK_LABEL (caption_label), caption != NULL ? caption : "");
  gtk_widget_set_visible (caption_label, caption != NULL);
  gtk_widget_set_visible (icon, reasons != NULL);
  gtk_widget_set_tooltip_text (icon, reasons);

  /* A screen reader hears the name, then the caption and what needs
   * attention. */
  description = reasons != NULL ? g_strjoin ("\n", caption != NULL ? caption : "", reasons, NULL)
                                : g_strdup (caption);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : "",
                                  -1);
}

static void
overview_line_free (gpointer data)
{
  SeatsOverviewLine *line = data;

  seats_overview_line_clear (line);
  g_free (line);
}

/* One account, at a glance, in the sidebar and in the overview. */
static void
seats_window_update_account (SeatsWindow  *self,
                             SeatsSession *session)
{
  SeatsSyncEngine *engine = seats_session_get_engine (session);
  const char *id = seats_session_get_id (session);
  const char *error = seats_session_get_error (session);
  SeatsOverviewLine *line = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *reasons = NULL;
  GtkWidget *row;

  if (engine != NULL)
    {
      GDate today;

      line = g_new0 (SeatsOverviewLine, 1);
      seats_clock_get_today (seats_sync_engine_get_clock (engine), &today);
      seats_overview_line_compute (seats_sync_engine_get_snapshot (engine), &today,
                                   g_settings_get_uint (self->settings, "reminder-days"), line);
      g_hash_table_replace (self->lines, g_strdup (id), line);
      caption = seats_overview_line_caption (line);
      reasons = seats_attention_text (line->attention);
    }
  else
    {
      g_hash_table_remove (self->lines, id);
      caption = g_strdup (error != NULL ? _("Could not be opened") : _("Opening…"));
      reasons = g_strdup (error);
    }

  if ((row = g_hash_table_lookup (self->sidebar_rows, id)) != NULL)
    sidebar_row_update (row, seats_session_get_title (session), caption, reasons);

  seats_overview_page_update_account (self->overview_page, id, seats_session_get_title (session), line,
                                      error != NULL ? error : _("Opening…"));
}

/* The totals per currency, of the accounts whose terms are known. */
static void
seats_window_update_totals (SeatsWindow *self)
{
  GListModel *sessions = seats_application_get_sessions (get_application (self));
  guint n = g_list_model_get_n_items (sessions);
  g_autofree SeatsOverviewLine *lines = g_new0 (SeatsOverviewLine, MAX (n, 1));
  g_autoptr(GArray) totals = NULL;
  guint n_lines = 0, left_out = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeatsSession) session = g_list_model_get_item (sessions, i);
      SeatsOverviewLine *line = g_hash_table_lookup (self->lines, seats_session_get_id (session));

      /* A shallow copy: the lines keep what they point to. */
      if (line != NULL && line->has_terms && line->currency != NULL)
        lines[n_lines++] = *line;
      else
        left_out++;
    }

  totals = seats_overview_totals (lines, n_lines);
  seats_overview_page_set_totals (self->overview_page, totals, left_out);
}

typedef struct
{
  SeatsWindow *self;
  char        *id;
} Watch;

static void
watch_free (gpointer data,
            GClosure *closure)
{
  Watch *watch = data;

  g_free (watch->id);
  g_free (watch);
}

static gboolean
refresh_cb (gpointer user_data)
{
  SeatsWindow *self = SEATS_WINDOW (user_data);
  SeatsApplication *app = get_application (self);
  GHashTableIter iter;
  gpointer id;

  self->refresh_source = 0;

  if (self->refresh_all)
    {
      seats_window_refresh (self);
      return G_SOURCE_REMOVE;
    }

  g_hash_table_iter_init (&iter, self->changed);
  while (app != NULL && g_hash_table_iter_next (&iter, &id, NULL))
    {
      SeatsSession *session = seats_application_find_session (app, id);

      if (session != NULL)
        seats_window_update_account (self, session);
    }
  g_hash_table_remove_all (self->changed);
  seats_window_update_totals (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (SeatsWindow *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_cb, self);
}

/* An account's copy changed: only its line is computed again. */
static void
engine_changed_cb (SeatsSyncEngine *engine,
                   Watch           *watch)
{
  g_hash_table_add (watch->self->changed, g_strdup (watch->id));
  queue_refresh (watch->self);
}

/* An account opened, or could not be: everything is looked at again. */
static void
seats_window_queue_refresh (SeatsWindow *self)
{
  self->refresh_all = TRUE;
  queue_refresh (self);
}

/* Every account at a glance, in the sidebar and the overview, and a watch
 * on each for what changes it. */
static void
seats_window_refresh (SeatsWindow *self)
{
  SeatsApplication *app = get_application (self);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_null_terminated (1, g_free, TRUE);
  GListModel *sessions;
  GtkWidget *child;
  guint n;

  self->refresh_all = FALSE;
  g_hash_table_remove_all (self->changed);

  if (app == NULL)
    return;

  sessions = seats_application_get_sessions (app);
  n = g_list_model_get_n_items (sessions);

  g_ptr_array_set_size (self->watches, 0);
  g_hash_table_remove_all (self->sidebar_rows);
  self->selecting = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list))) != NULL)
    gtk_list_box_remove (self->sidebar_list, child);
  child = sidebar_row (NULL);
  sidebar_row_update (child, _("All Subscriptions"), NULL, NULL);
  gtk_list_box_append (self->sidebar_list, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeatsSession) session = g_list_model_get_item (sessions, i);
      SeatsSyncEngine *engine = seats_session_get_engine (session);
      const char *id = seats_session_get_id (session);
      GSignalGroup *watch = g_signal_group_new (SEATS_TYPE_SESSION);

      g_signal_group_connect_object (watch, "notify::engine", G_CALLBACK (seats_window_queue_refresh),
                                     self, G_CONNECT_SWAPPED);
      g_signal_group_connect_object (watch, "notify::error", G_CALLBACK (seats_window_queue_refresh),
                                     self, G_CONNECT_SWAPPED);
      g_signal_group_set_target (watch, session);
      g_ptr_array_add (self->watches, watch);

      if (engine != NULL)
        {
          Watch *data = g_new0 (Watch, 1);

          data->self = self;
          data->id = g_strdup (id);
          watch = g_signal_group_new (SEATS_TYPE_SYNC_ENGINE);
          g_signal_group_connect_data (watch, "changed", G_CALLBACK (engine_changed_cb), data,
                                       watch_free, 0);
          g_signal_group_set_target (watch, engine);
          g_ptr_array_add (self->watches, watch);
        }

      child = sidebar_row (id);
      g_hash_table_insert (self->sidebar_rows, g_strdup (id), child);
      gtk_list_box_append (self->sidebar_list, child);
      g_ptr_array_add (ids, g_strdup (id));
    }
  self->selecting = FALSE;

  seats_overview_page_set_accounts (self->overview_page, (const char * const *) ids->pdata);
  g_hash_table_remove_all (self->lines);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeatsSession) session = g_list_model_get_item (sessions, i);

      seats_window_update_account (self, session);
    }
  seats_window_update_totals (self);

  seats_window_select_in_sidebar (self);
}

static void
seats_window_select_in_sidebar (SeatsWindow *self)
{
  const char *id = self->session != NULL && !self->overview_shown ? seats_session_get_id (self->session)
                                                                   : NULL;
  GtkWidget *child;

  self->selecting = TRUE;
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "account-id"), id) == 0)
      {
        gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (child));
        break;
      }
  self->selecting = FALSE;
}

static void
seats_window_sidebar_row_selected_cb (SeatsWindow   *self,
                                      GtkListBoxRow *row,
                                      GtkListBox    *list)
{
  const char *id;

  if (self->selecting || row == NULL)
    return;

  id = g_object_get_data (G_OBJECT (row), "account-id");
  if (id == NULL)
    seats_window_show_overview (self);
  else
    seats_window_show_account (self, id);
}

static void
seats_window_overview_account_activated_cb (SeatsWindow       *self,
                                            const char        *id,
                                            SeatsOverviewPage *page)
{
  seats_window_show_account (self, id);
}

static void
seats_window_leaflet_notify_folded_cb (SeatsWindow *self,
                                       GParamSpec  *pspec,
                                       AdwLeaflet  *leaflet)
{
  /* Folded, the account shown fills the window and the main menu lists
   * the accounts instead of the sidebar. */
  if (adw_leaflet_get_folded (leaflet))
    adw_leaflet_set_visible_child (leaflet, self->content_box);

  seats_window_update_title_buttons (self);
  seats_window_rebuild_accounts_menu (self);
}

static void
seats_window_show_overview_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  seats_window_show_overview (SEATS_WINDOW (widget));
}

/* Reminding at login: the desktop asks the person, through the Background
 * portal, whether Seats may start then; only what was allowed is kept. */
typedef struct
{
  SeatsWindow *self;
  gboolean     enable;
} BackgroundRequest;

static void
background_requested_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  BackgroundRequest *request = user_data;
  g_autoptr(SeatsWindow) self = request->self;
  g_autoptr(GError) error = NULL;
  gboolean enable = request->enable;
  gboolean allowed;

  g_free (request);

  allowed = xdp_portal_request_background_finish (XDP_PORTAL (object), result, &error);
  if (error != NULL)
    g_debug ("The Background portal did not allow it: %s", error->message);

  /* Turned off, Seats no longer starts at login whatever the desktop says;
   * turned on, only when it allowed it. A person who closes the desktop's
   * question refuses it. */
  if (!enable || allowed)
    {
      g_simple_action_set_state (self->remind_at_login, g_variant_new_boolean (enable));
      g_settings_set_boolean (self->settings, "remind-at-login", enable);
    }

  if (enable && allowed)
    seats_window_add_toast (self, adw_toast_new (_("Seats will start when you log in and remind you in time")));
  else if (enable && (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    seats_window_add_toast (self, adw_toast_new (_("Seats may not start at login. You can allow it in the "
                                                   "Settings of the desktop, under Apps.")));
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    seats_window_add_toast (self, adw_toast_new (_("The desktop could not be asked to start Seats at login")));
}

static void
remind_at_login_change_state_cb (SeatsWindow   *self,
                                 GVariant      *state,
                                 GSimpleAction *action)
{
  g_autoptr(GPtrArray) commandline = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *reason = NULL;
  BackgroundRequest *request;
  XdpParent *parent;
  gboolean enable = g_variant_get_boolean (state);

  if (self->portal == NULL)
    self->portal = xdp_portal_new ();

  g_ptr_array_add (commandline, g_strdup ("seats"));
  g_ptr_array_add (commandline, g_strdup ("--remind"));
  reason = g_strdup (_("Seats starts when you log in to remind you before the last day to change a "
                       "subscription."));
  request = g_new0 (BackgroundRequest, 1);
  request->self = g_object_ref (self);
  request->enable = enable;

  parent = xdp_parent_new_gtk (GTK_WINDOW (self));
  xdp_portal_request_background (self->portal, parent, reason, commandline,
                                 enable ? XDP_BACKGROUND_FLAG_AUTOSTART | XDP_BACKGROUND_FLAG_ACTIVATABLE
                                        : XDP_BACKGROUND_FLAG_NONE,
                                 NULL, background_requested_cb, request);
  xdp_parent_free (parent);
}

static void
seats_window_set_session (SeatsWindow  *self,
                          SeatsSession *session)
{
  SeatsApplication *app = get_application (self);

  if (self->session == session && !self->overview_shown)
    return;

  self->overview_shown = FALSE;
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);

  if (session != NULL && app != NULL && !seats_application_is_demo (app))
    {
      g_settings_set_string (self->settings, "active-account", seats_session_get_id (session));
      g_settings_set_boolean (self->settings, "show-overview", FALSE);
    }

  seats_window_update_view (self);
  seats_window_select_in_sidebar (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACCOUNT_ID]);
}

/* Keeps an account shown: the one asked for, else the last one shown, else the first. */
static void
seats_window_pick_session (SeatsWindow *self)
{
  SeatsApplication *app = get_application (self);
  GListModel *sessions;
  g_autoptr(SeatsSession) first = NULL;
  g_autofree char *wanted = NULL;
  SeatsSession *found;

  if (app == NULL)
    return;

  sessions = seats_application_get_sessions (app);

  if (self->session != NULL &&
      seats_application_find_session (app, seats_session_get_id (self->session)) != NULL)
    return;

  wanted = g_settings_get_string (self->settings, "active-account");
  found = seats_application_find_session (app, wanted);
  if (found == NULL && g_list_model_get_n_items (sessions) > 0)
    found = first = g_list_model_get_item (sessions, 0);

  seats_window_set_session (self, found);

  /* Where the person left Seats: the overview of all accounts. */
  if (found != NULL && g_settings_get_boolean (self->settings, "show-overview"))
    seats_window_show_overview (self);
}

static void
sessions_changed_cb (SeatsWindow *self,
                     guint        position,
                     guint        removed,
                     guint        added,
                     GListModel  *sessions)
{
  g_assert (SEATS_IS_WINDOW (self));

  seats_window_rebuild_accounts_menu (self);
  seats_window_pick_session (self);
  seats_window_update_actions (self);
  seats_window_queue_refresh (self);
}

static void
session_notify_cb (SeatsWindow  *self,
                   GParamSpec   *pspec,
                   SeatsSession *session)
{
  seats_window_update_view (self);
}

static void
engine_notify_cb (SeatsWindow     *self,
                  GParamSpec      *pspec,
                  SeatsSyncEngine *engine)
{
  seats_window_update_sync_state (self);
}

static void
seats_window_show_page_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  seats_window_set_visible_page (SEATS_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The header and the banner say how it went. */
  if (!seats_sync_engine_sync_finish (SEATS_SYNC_ENGINE (object), result, &error))
    g_debug ("Sync failed: %s", error->message);
}

static void
seats_window_sync_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  SeatsSyncEngine *engine = get_engine (SEATS_WINDOW (widget));

  if (engine != NULL)
    seats_sync_engine_sync_async (engine, FALSE, NULL, sync_done_cb, NULL);
}

static void
seats_window_connect_account_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  SeatsWindow *self = SEATS_WINDOW (widget);
  SeatsConnectDialog *dialog = seats_connect_dialog_new (GTK_WINDOW (self), self->settings);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
seats_window_add_subscription_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  SeatsWindow *self = SEATS_WINDOW (widget);
  SeatsTermsDialog *dialog = seats_terms_dialog_new (GTK_WINDOW (self), self->settings, NULL);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
seats_window_edit_terms_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  SeatsWindow *self = SEATS_WINDOW (widget);
  SeatsSyncEngine *engine = get_engine (self);
  SeatsTermsDialog *dialog;

  if (engine == NULL || !seats_sync_engine_supports (engine, SEATS_CHANGE_TERMS))
    return;

  dialog = seats_terms_dialog_new (GTK_WINDOW (self), self->settings, engine);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
seats_window_import_users_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  SeatsWindow *self = SEATS_WINDOW (widget);
  SeatsSyncEngine *engine = get_engine (self);

  if (engine != NULL && seats_sync_engine_supports (engine, SEATS_CHANGE_USERS_PUT))
    seats_import_dialog_choose_file (GTK_WINDOW (self), engine);
}

static void
seats_window_load_license_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  SeatsWindow *self = SEATS_WINDOW (widget);

  seats_window_set_visible_page (self, "licenses");
  seats_licenses_page_load_license_file (self->licenses_page);
}

static void
seats_window_export_users_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  SeatsWindow *self = SEATS_WINDOW (widget);

  seats_users_page_export_counted (ensure_users_page (self));
}

/* The notice dates of every account, as an iCalendar file for GNOME
 * Calendar or Outlook. */

static void
calendar_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SeatsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  g_autofree char *title = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    /* Translators: a toast; %s says why the file could not be written */
    title = g_strdup_printf (_("Could not save the notice dates: %s. Choose another folder and try "
                               "again."), error->message);
  else
    /* Translators: a toast; %s is a file name */
    title = g_strdup_printf (_("Saved the last days to change the subscriptions to “%s”"), name);

  seats_window_add_toast (self, adw_toast_new (title));
}

/**
 * seats_window_export_calendar_to_file:
 * @self: a #SeatsWindow
 * @file: where to write
 *
 * Writes the last day to change each account's next period to @file as
 * iCalendar, in one replace, so that a failure leaves no half-written file.
 */
void
seats_window_export_calendar_to_file (SeatsWindow *self,
                                      GFile       *file)
{
  GListModel *sessions;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  SeatsClock *clock = seats_clock_get_default ();
  char *text;
  GDate today;

  g_return_if_fail (SEATS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  sessions = seats_application_get_sessions (get_application (self));
  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(SeatsSession) session = g_list_model_get_item (sessions, i);
      SeatsSyncEngine *engine = seats_session_get_engine (session);

      if (engine == NULL)
        continue;
      g_ptr_array_add (names, (gpointer) seats_session_get_title (session));
      g_ptr_array_add (snapshots, (gpointer) seats_sync_engine_get_snapshot (engine));
    }

  seats_clock_get_today (clock, &today);
  text = seats_calendar_of_notice_dates ((const char * const *) names->pdata,
                                         (const SeatsSnapshot **) snapshots->pdata, snapshots->len,
                                         &today, seats_clock_get_unix_time (clock));
  bytes = g_bytes_new_take (text, strlen (text));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, calendar_written_cb, g_object_ref (self));
}

static void
calendar_response_cb (SeatsWindow     *self,
                      int              response,
                      GtkNativeDialog *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      seats_window_export_calendar_to_file (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
seats_window_export_calendar_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  SeatsWindow *self = SEATS_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Save Notice Dates"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  /* Translators: the suggested file name of the calendar of notice dates;
   * keep it free of spaces and of / */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), C_("file name", "notice-dates.ics"));
  gtk_file_filter_set_name (filter, _("Calendar Files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_pattern (filter, "*.ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect_object (native, "response", G_CALLBACK (calendar_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
seats_window_try_demo_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  SeatsWindow *self = SEATS_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!seats_application_start_demo (get_application (self), &error))
    {
      AdwToast *toast = adw_toast_new (error->message);

      seats_window_add_toast (self, toast);
    }
}

static void
account_removed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SeatsWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!seats_accounts_remove_finish (result, &error))
    seats_window_add_toast (self, adw_toast_new (error->message));
}

static void
remove_response_cb (SeatsWindow     *self,
                    const char      *response,
                    AdwMessageDialog *dialog)
{
  g_autoptr(SeatsSession) session = NULL;

  if (g_strcmp0 (response, "remove") != 0 || self->session == NULL)
    return;

  session = g_object_ref (self->session);
  seats_application_remove_session (get_application (self), session);
  seats_accounts_remove_async (self->settings, seats_session_get_info (session), NULL,
                               account_removed_cb, g_object_ref (self));
}

static void
seats_window_remove_account_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  SeatsWindow *self = SEATS_WINDOW (widget);
  AdwMessageDialog *dialog;

  if (self->session == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Remove Account?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("Seats forgets %s: its access token and the local copy of its "
                                    "licenses. Nothing changes on the license server, and you can "
                                    "connect the account again later."),
                                  seats_session_get_title (self->session));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
seats_window_stack_notify_visible_child_cb (SeatsWindow  *self,
                                            GParamSpec   *pspec,
                                            AdwViewStack *stack)
{
  const char *name = adw_view_stack_get_visible_child_name (stack);

  g_assert (SEATS_IS_WINDOW (self));

  if (g_strcmp0 (name, "users") == 0)
    ensure_users_page (self);
  else if (g_strcmp0 (name, "billing") == 0)
    ensure_billing_page (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VISIBLE_PAGE]);
}

static void
seats_window_restore_state (SeatsWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
seats_window_save_state (SeatsWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width;
  int height;

  g_settings_delay (self->settings);

  /* The size of a maximized window is the screen's; keep the size the
   * window had before so that unmaximizing after a restart feels right. */
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  g_settings_apply (self->settings);
}

static gboolean
seats_window_close_request (GtkWindow *window)
{
  seats_window_save_state (SEATS_WINDOW (window));

  return GTK_WINDOW_CLASS (seats_window_parent_class)->close_request (window);
}

static gboolean
build_pages_cb (gpointer user_data)
{
  SeatsWindow *self = SEATS_WINDOW (user_data);

  self->build_pages_source = 0;
  ensure_users_page (self);
  ensure_billing_page (self);

  return G_SOURCE_REMOVE;
}

static void
first_frame_cb (SeatsWindow   *self,
                GdkFrameClock *clock)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);

  if (self->build_pages_source == 0 && (self->users_page == NULL || self->billing_page == NULL))
    self->build_pages_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, build_pages_cb, self, NULL);
}

static void
seats_window_realize (GtkWidget *widget)
{
  SeatsWindow *self = SEATS_WINDOW (widget);
  SeatsApplication *app = get_application (self);

  GTK_WIDGET_CLASS (seats_window_parent_class)->realize (widget);

  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (first_frame_cb), self, G_CONNECT_SWAPPED);

  if (app != NULL)
    {
      g_signal_connect_object (seats_application_get_sessions (app), "items-changed",
                               G_CALLBACK (sessions_changed_cb), self, G_CONNECT_SWAPPED);
      seats_window_rebuild_accounts_menu (self);
      seats_window_pick_session (self);
      seats_window_refresh (self);
    }

  seats_window_update_view (self);
}

static void
seats_window_dispose (GObject *object)
{
  SeatsWindow *self = (SeatsWindow *)object;

  g_clear_handle_id (&self->relabel_source, g_source_remove);
  g_clear_handle_id (&self->build_pages_source, g_source_remove);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_pointer (&self->watches, g_ptr_array_unref);
  g_clear_pointer (&self->sidebar_rows, g_hash_table_unref);
  g_clear_pointer (&self->lines, g_hash_table_unref);
  g_clear_pointer (&self->changed, g_hash_table_unref);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  if (self->engine_signals != NULL)
    g_signal_group_set_target (self->engine_signals, NULL);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), SEATS_TYPE_WINDOW);

  G_OBJECT_CLASS (seats_window_parent_class)->dispose (object);
}

static void
seats_window_finalize (GObject *object)
{
  SeatsWindow *self = (SeatsWindow *)object;

  g_clear_object (&self->session_signals);
  g_clear_object (&self->engine_signals);
  g_clear_object (&self->remind_at_login);
  g_clear_object (&self->portal);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (seats_window_parent_class)->finalize (object);
}

static void
seats_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SeatsWindow *self = SEATS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VISIBLE_PAGE:
      g_value_set_string (value, seats_window_get_visible_page (self));
      break;

    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->session != NULL && !self->overview_shown
                                 ? seats_session_get_id (self->session) : "");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seats_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SeatsWindow *self = SEATS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VISIBLE_PAGE:
      seats_window_set_visible_page (self, g_value_get_string (value));
      break;

    case PROP_ACCOUNT_ID:
      {
        SeatsApplication *app = get_application (self);
        SeatsSession *session = app ? seats_application_find_session (app, g_value_get_string (value)) : NULL;

        if (session != NULL)
          seats_window_set_session (self, session);
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seats_window_class_init (SeatsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  static const struct {
    guint       keyval;
    const char *page;
  } page_keys[] = {
    { GDK_KEY_1, "licenses" },
    { GDK_KEY_2, "users" },
    { GDK_KEY_3, "billing" },
  };

  object_class->dispose = seats_window_dispose;
  object_class->finalize = seats_window_finalize;
  object_class->get_property = seats_window_get_property;
  object_class->set_property = seats_window_set_property;

  widget_class->realize = seats_window_realize;

  window_class->close_request = seats_window_close_request;

  /**
   * SeatsWindow:visible-page:
   *
   * The name of the page shown: "licenses", "users" or "billing".
   */
  properties [PROP_VISIBLE_PAGE] =
    g_param_spec_string ("visible-page", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * SeatsWindow:account-id:
   *
   * The key of the account shown.
   */
  properties [PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SEATS_TYPE_BANNER);
  g_type_ensure (SEATS_TYPE_BILLING_PAGE);
  g_type_ensure (SEATS_TYPE_LICENSES_PAGE);
  g_type_ensure (SEATS_TYPE_OVERVIEW_PAGE);
  g_type_ensure (SEATS_TYPE_USERS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/seats-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, sidebar_separator);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, sync_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, sync_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, sync_progress);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, sync_banner);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, failed_page);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, opening_page);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, accounts_section);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, licenses_page);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, users_bin);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, billing_bin);
  gtk_widget_class_bind_template_callback (widget_class, seats_window_stack_notify_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, seats_window_sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, seats_window_overview_account_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, seats_window_leaflet_notify_folded_cb);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", seats_window_show_page_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, seats_window_sync_action);
  gtk_widget_class_install_action (widget_class, "win.show-overview", NULL,
                                   seats_window_show_overview_action);
  gtk_widget_class_install_action (widget_class, "win.connect-account", NULL,
                                   seats_window_connect_account_action);
  gtk_widget_class_install_action (widget_class, "win.add-subscription", NULL,
                                   seats_window_add_subscription_action);
  gtk_widget_class_install_action (widget_class, "win.edit-terms", NULL,
                                   seats_window_edit_terms_action);
  gtk_widget_class_install_action (widget_class, "win.import-users", NULL,
                                   seats_window_import_users_action);
  gtk_widget_class_install_action (widget_class, "win.remove-account", NULL,
                                   seats_window_remove_account_action);
  gtk_widget_class_install_action (widget_class, "win.try-demo", NULL, seats_window_try_demo_action);
  gtk_widget_class_install_action (widget_class, "win.load-license", NULL,
                                   seats_window_load_license_action);
  gtk_widget_class_install_action (widget_class, "win.export-users", NULL,
                                   seats_window_export_users_action);
  gtk_widget_class_install_action (widget_class, "win.export-calendar", NULL,
                                   seats_window_export_calendar_action);
  gtk_widget_class_install_property_action (widget_class, "win.account-id", "account-id");

  for (guint i = 0; i < G_N_ELEMENTS (page_keys); i++)
    gtk_widget_class_add_binding_action (widget_class,
                                         page_keys[i].keyval, GDK_CONTROL_MASK,
                                         "win.show-page", "s", page_keys[i].page);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.load-license", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-users", NULL);
}

static void
seats_window_init (SeatsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->watches = g_ptr_array_new_with_free_func (g_object_unref);
  self->sidebar_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, overview_line_free);
  self->changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->remind_at_login = g_simple_action_new_stateful ("remind-at-login", NULL,
                                                        g_variant_new_boolean (FALSE));
  g_signal_connect_object (self->remind_at_login, "change-state",
                           G_CALLBACK (remind_at_login_change_state_cb), self, G_CONNECT_SWAPPED);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (self->remind_at_login));
  self->session_signals = g_signal_group_new (SEATS_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::engine",
                                 G_CALLBACK (session_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::error",
                                 G_CALLBACK (session_notify_cb), self, G_CONNECT_SWAPPED);

  self->engine_signals = g_signal_group_new (SEATS_TYPE_SYNC_ENGINE);
  g_signal_group_connect_object (self->engine_signals, "notify::status",
                                 G_CALLBACK (engine_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->engine_signals, "notify::progress",
                                 G_CALLBACK (engine_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->engine_signals, "notify::last-synced",
                                 G_CALLBACK (engine_notify_cb), self, G_CONNECT_SWAPPED);

  self->relabel_source = g_timeout_add_seconds (RELABEL_INTERVAL_S, relabel_cb, self);
}

SeatsWindow *
seats_window_new (SeatsApplication *application)
{
  SeatsWindow *self;

  g_return_val_if_fail (SEATS_IS_APPLICATION (application), NULL);

  self = g_object_new (SEATS_TYPE_WINDOW,
                       "application", application,
                       NULL);

  /* The application's settings: in a demo they live in memory only.
   * GtkWindow:application is set after construction, so they are taken here. */
  self->settings = g_object_ref (seats_application_get_settings (application));
  seats_window_restore_state (self);

  /* A demo writes nothing outside its temporary directory, and starts
   * nothing at login. */
  g_simple_action_set_state (self->remind_at_login,
                             g_variant_new_boolean (g_settings_get_boolean (self->settings, "remind-at-login")));
  g_simple_action_set_enabled (self->remind_at_login, !seats_application_is_demo (application));

  return self;
}

/**
 * seats_window_get_visible_page:
 * @self: a #SeatsWindow
 *
 * Returns: the name of the page shown ("licenses", "users" or "billing")
 */
const char *
seats_window_get_visible_page (SeatsWindow *self)
{
  g_return_val_if_fail (SEATS_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

void
seats_window_set_visible_page (SeatsWindow *self,
                               const char  *name)
{
  g_return_if_fail (SEATS_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) == NULL)
    {
      g_warning ("No page named “%s”", name);
      return;
    }

  adw_view_stack_set_visible_child_name (self->stack, name);
}

/**
 * seats_window_add_toast:
 * @self: a #SeatsWindow
 * @toast: (transfer full): the toast to show
 */
void
seats_window_add_toast (SeatsWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (SEATS_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  seats_toast_overlay_show (self->toast_overlay, toast);
}

/**
 * seats_window_get_session:
 * @self: a #SeatsWindow
 *
 * Returns: (transfer none) (nullable): the account shown
 */
SeatsSession *
seats_window_get_session (SeatsWindow *self)
{
  g_return_val_if_fail (SEATS_IS_WINDOW (self), NULL);

  return self->session;
}

/**
 * seats_window_change_next_period:
 * @self: a #SeatsWindow
 * @id: the key of an account of the application
 *
 * Shows the account's Licenses page with its Change Next Period dialog:
 * what a reminder of a notice date opens.
 */
void
seats_window_change_next_period (SeatsWindow *self,
                                 const char  *id)
{
  g_return_if_fail (SEATS_IS_WINDOW (self));

  seats_window_show_account (self, id);
  seats_window_set_visible_page (self, "licenses");
  gtk_widget_activate_action (GTK_WIDGET (self->licenses_page), "licenses.change-next-period", NULL);
}

/**
 * seats_window_show_account:
 * @self: a #SeatsWindow
 * @id: the key of an account of the application
 */
void
seats_window_show_account (SeatsWindow *self,
                           const char  *id)
{
  SeatsSession *session;

  g_return_if_fail (SEATS_IS_WINDOW (self));

  session = seats_application_find_session (get_application (self), id);
  if (session != NULL)
    seats_window_set_session (self, session);
}

/**
 * seats_window_show_overview:
 * @self: a #SeatsWindow
 *
 * Shows every account at a glance, with the totals per currency.
 */
void
seats_window_show_overview (SeatsWindow *self)
{
  SeatsApplication *app;

  g_return_if_fail (SEATS_IS_WINDOW (self));

  app = get_application (self);
  if (self->session == NULL || self->overview_shown)
    return;

  self->overview_shown = TRUE;
  if (app != NULL && !seats_application_is_demo (app))
    g_settings_set_boolean (self->settings, "show-overview", TRUE);

  seats_window_update_view (self);
  seats_window_select_in_sidebar (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACCOUNT_ID]);
}

/**
 * seats_window_get_overview_shown:
 * @self: a #SeatsWindow
 *
 * Returns: whether the overview of all accounts is shown
 */
gboolean
seats_window_get_overview_shown (SeatsWindow *self)
{
  g_return_val_if_fail (SEATS_IS_WINDOW (self), FALSE);

  return self->overview_shown;
}
