/* seats-application.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "seats-application.h"
#include "seats-calendar.h"
#include "seats-format.h"
#include "seats-reminder.h"
#include "seats-server.h"
#include "seats-window.h"

struct _SeatsApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  GListStore     *sessions;

  /* The reminders sent, by their notification's id: each once. */
  GHashTable     *reminded;
  /* `seats --remind`: reminders only, no window, then quit. */
  gboolean        remind_only;

  /* Demo mode: the reference server in this process, and everything it
   * and the accounts write in one temporary directory. */
  SeatsServer    *demo_server;
  char           *demo_dir;
  char           *demo_first_id;
};

G_DEFINE_FINAL_TYPE (SeatsApplication, seats_application, ADW_TYPE_APPLICATION)

/* A notice date near with licenses to lower or users who have left: the
 * desktop says so once, and the notification opens the Change Next Period
 * dialog of the account. */
static void
seats_application_remind (SeatsApplication *self,
                          SeatsSession     *session)
{
  SeatsSyncEngine *engine = seats_session_get_engine (session);
  g_auto(SeatsReminder) reminder = { 0 };
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  GDate today;

  /* Not before the users are read, as until then nobody seems to count; a
   * demo's organizations are gone when it ends; a viewer cannot change the
   * next period. */
  if (engine == NULL || seats_session_is_demo (session) || seats_sync_engine_get_loading (engine) ||
      seats_sync_engine_get_account (engine) == NULL ||
      seats_account_get_role (seats_sync_engine_get_account (engine)) == SEATS_ROLE_VIEWER ||
      !seats_sync_engine_supports (engine, SEATS_CHANGE_NEXT_PERIOD))
    return;

  seats_clock_get_today (seats_sync_engine_get_clock (engine), &today);
  if (!seats_reminder_compute (seats_sync_engine_get_snapshot (engine), &today,
                               g_settings_get_uint (seats_application_get_settings (self), "reminder-days"),
                               &reminder) ||
      !reminder.due)
    return;

  id = g_strdup_printf ("%s-notice-%u", seats_session_get_id (session), reminder.notice_date);
  if (!g_hash_table_add (self->reminded, g_strdup (id)))
    return;

  date = seats_format_date (reminder.notice_date);
  /* Translators: a subscription, as its vendor is called, then a date */
  title = g_strdup_printf (_("%s: change the next period’s licenses by %s"),
                           seats_session_get_title (session), date);
  body = seats_reminder_text (&reminder);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.change-next-period", "s",
                                                seats_session_get_id (session));
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static void
seats_application_remind_all (SeatsApplication *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sessions));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeatsSession) session = g_list_model_get_item (G_LIST_MODEL (self->sessions), i);

      seats_application_remind (self, session);
    }
}

static void
engine_changed_cb (SeatsSyncEngine  *engine,
                   SeatsApplication *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sessions));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeatsSession) session = g_list_model_get_item (G_LIST_MODEL (self->sessions), i);

      if (seats_session_get_engine (session) == engine)
        seats_application_remind (self, session);
    }
}

static void
engine_loading_cb (SeatsSyncEngine  *engine,
                   GParamSpec       *pspec,
                   SeatsApplication *self)
{
  engine_changed_cb (engine, self);
}

static void
session_engine_cb (SeatsSession     *session,
                   GParamSpec       *pspec,
                   SeatsApplication *self)
{
  SeatsSyncEngine *engine = seats_session_get_engine (session);

  if (engine == NULL)
    return;

  g_signal_handlers_disconnect_by_func (engine, engine_changed_cb, self);
  g_signal_handlers_disconnect_by_func (engine, engine_loading_cb, self);
  g_signal_connect_object (engine, "changed", G_CALLBACK (engine_changed_cb), self, 0);
  g_signal_connect_object (engine, "notify::loading", G_CALLBACK (engine_loading_cb), self, 0);
  seats_application_remind (self, session);
}

static void
seats_application_activate (GApplication *app)
{
  SeatsApplication *self = SEATS_APPLICATION (app);
  GtkWindow *window;

  g_assert (SEATS_IS_APPLICATION (app));

  /* Started at login: the reminders are sent, and Seats is gone again. */
  if (self->remind_only)
    {
      GDBusConnection *bus = g_application_get_dbus_connection (app);

      seats_application_remind_all (self);
      if (bus != NULL)
        g_dbus_connection_flush_sync (bus, NULL, NULL);
      return;
    }

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (seats_window_new (SEATS_APPLICATION (app)));

  gtk_window_present (window);
}

static int
seats_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  SeatsApplication *self = SEATS_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  if (g_variant_dict_contains (options, "remind"))
    {
      /* Known before the accounts are opened, as registering does. */
      self->remind_only = TRUE;
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      /* Seats is open already: it reminds, and nothing else happens. */
      if (g_application_get_is_remote (app))
        {
          g_action_group_activate_action (G_ACTION_GROUP (app), "check-reminders", NULL);
          return 0;
        }

      return -1;
    }

  if (!g_variant_dict_contains (options, "demo"))
    return -1;

  /* A demo is its own world: it shares nothing with a running Seats. */
  g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  if (!seats_application_start_demo (self, &error))
    {
      /* Translators: %s says why */
      g_printerr (_("The demo could not start: %s\n"), error->message);
      return 1;
    }

  return -1;
}

static void
seats_application_about_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  static const char *developers[] = { "The Seats developers", NULL };
  SeatsApplication *self = user_data;
  GtkWindow *window;

  g_assert (SEATS_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("Seats"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", "The Seats developers",
                         "version", PACKAGE_VERSION,
                         "comments", _("Manage the user licenses of your organization's subscriptions"),
                         "website", "https://seatsapp.github.io/",
                         "issue-url", "https://github.com/seatsapp/seats/issues",
                         "developers", developers,
                         /* Translators: put your name and e-mail address here, one per line */
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 The Seats developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
seats_application_quit_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  SeatsApplication *self = user_data;

  g_assert (SEATS_IS_APPLICATION (self));

  g_application_quit (G_APPLICATION (self));
}

/* A reminder of a notice date, clicked: the account's next period. */
static void
seats_application_change_next_period_action (GSimpleAction *action,
                                             GVariant      *parameter,
                                             gpointer       user_data)
{
  SeatsApplication *self = user_data;
  GtkWindow *window;

  g_assert (SEATS_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (seats_window_new (self));

  gtk_window_present (window);
  if (SEATS_IS_WINDOW (window))
    seats_window_change_next_period (SEATS_WINDOW (window), g_variant_get_string (parameter, NULL));
}

static void
seats_application_check_reminders_action (GSimpleAction *action,
                                          GVariant      *parameter,
                                          gpointer       user_data)
{
  seats_application_remind_all (SEATS_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "quit", seats_application_quit_action },
  { "about", seats_application_about_action },
  { "change-next-period", seats_application_change_next_period_action, "s" },
  { "check-reminders", seats_application_check_reminders_action },
};

static void
token_looked_up_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SeatsSession) session = user_data;
  g_autoptr(GError) error = NULL;
  char *token;

  token = seats_accounts_lookup_token_finish (result, &error);
  if (token == NULL)
    {
      /* Without its token the account cannot be synced: say so instead. */
      g_warning ("Could not open %s: %s", seats_session_get_title (session), error->message);
      seats_session_set_engine (session, NULL);
      seats_session_set_error (session, error->message);
      return;
    }

  if (seats_session_get_engine (session) != NULL)
    seats_session_set_token (session, token);
  secret_password_free (token);
}

/**
 * seats_application_open_account:
 * @self: a #SeatsApplication
 * @info: a connected account
 *
 * Adds a session for @info and opens it: its local copy at once, then,
 * once its token is read from the keyring, a sync.
 */
void
seats_application_open_account (SeatsApplication       *self,
                                const SeatsAccountInfo *info)
{
  g_autoptr(SeatsSession) session = NULL;
  g_autoptr(SeatsSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SEATS_IS_APPLICATION (self));
  g_return_if_fail (info != NULL);

  if (seats_application_find_session (self, info->id) != NULL)
    return;

  session = seats_session_new (info, FALSE);
  seats_application_add_session (self, session);

  /* Reminding at login, the users are read at once: the window is not
   * waiting to be drawn. */
  engine = seats_accounts_open_cached (info, self->remind_only ? SEATS_SYNC_LOAD_DEFAULT
                                                               : SEATS_SYNC_LOAD_USERS_LATER, &error);
  if (engine == NULL)
    {
      g_warning ("Could not open %s: %s", seats_session_get_title (session), error->message);
      seats_session_set_error (session, error->message);
      return;
    }

  seats_session_set_engine (session, engine);

  /* Reminding at login reads the local copies only: no keyring, no sync. */
  if (self->remind_only)
    return;

  /* A subscription kept by hand signs in nowhere: it is brought up to
   * today at once. */
  if (info->source == SEATS_ACCOUNT_SOURCE_MANUAL)
    seats_sync_engine_start (engine);
  else
    seats_accounts_lookup_token_async (info, NULL, token_looked_up_cb, g_object_ref (session));
}

static void
seats_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  SeatsApplication *self = SEATS_APPLICATION (app);

  G_APPLICATION_CLASS (seats_application_parent_class)->startup (app);

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);

  /* A demo writes nothing outside its temporary directory, not even the
   * size of the window. */
  if (self->demo_server != NULL)
    {
      g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();

      self->settings = g_settings_new_with_backend (APPLICATION_ID, backend);
      if (self->demo_first_id != NULL)
        g_settings_set_string (self->settings, "active-account", self->demo_first_id);
    }
  else
    self->settings = g_settings_new (APPLICATION_ID);

  /* The connected accounts; a demo shows only its own. */
  if (self->demo_server == NULL)
    {
      g_autoptr(GPtrArray) accounts = seats_accounts_list (self->settings);

      for (guint i = 0; i < accounts->len; i++)
        seats_application_open_account (self, g_ptr_array_index (accounts, i));
    }
}

static void
remove_demo_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }

  g_rmdir (path);
}

static void
seats_application_shutdown (GApplication *app)
{
  SeatsApplication *self = SEATS_APPLICATION (app);

  g_list_store_remove_all (self->sessions);

  if (self->demo_server != NULL)
    seats_server_disconnect (self->demo_server);
  g_clear_object (&self->demo_server);

  if (self->demo_dir != NULL)
    remove_demo_dir (self->demo_dir);
  g_clear_pointer (&self->demo_dir, g_free);

  G_APPLICATION_CLASS (seats_application_parent_class)->shutdown (app);
}

static void
seats_application_finalize (GObject *object)
{
  SeatsApplication *self = (SeatsApplication *)object;

  g_clear_object (&self->sessions);
  g_clear_pointer (&self->reminded, g_hash_table_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->demo_server);
  g_clear_pointer (&self->demo_dir, g_free);
  g_clear_pointer (&self->demo_first_id, g_free);

  G_OBJECT_CLASS (seats_application_parent_class)->finalize (object);
}

static void
seats_application_class_init (SeatsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = seats_application_finalize;

  app_class->activate = seats_application_activate;
  app_class->startup = seats_application_startup;
  app_class->shutdown = seats_application_shutdown;
  app_class->handle_local_options = seats_application_handle_local_options;
}

static void
seats_application_init (SeatsApplication *self)
{
  static const GOptionEntry options[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show demo organizations served by the reference license server on this computer"), NULL },
    { "remind", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Remind of the subscriptions whose last day to change is near, without opening the window"),
      NULL },
    { NULL }
  };

  self->sessions = g_list_store_new (SEATS_TYPE_SESSION);
  self->reminded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
}

SeatsApplication *
seats_application_new (void)
{
  return g_object_new (SEATS_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

/**
 * seats_application_get_sessions:
 * @self: a #SeatsApplication
 *
 * Returns: (transfer none): the connected accounts, a #GListModel of #SeatsSession
 */
GListModel *
seats_application_get_sessions (SeatsApplication *self)
{
  g_return_val_if_fail (SEATS_IS_APPLICATION (self), NULL);

  return G_LIST_MODEL (self->sessions);
}

/**
 * seats_application_find_session:
 * @self: a #SeatsApplication
 * @id: the key of an account
 *
 * Returns: (transfer none) (nullable): its session
 */
SeatsSession *
seats_application_find_session (SeatsApplication *self,
                                const char       *id)
{
  guint n;

  g_return_val_if_fail (SEATS_IS_APPLICATION (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sessions));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeatsSession) session = g_list_model_get_item (G_LIST_MODEL (self->sessions), i);

      if (g_strcmp0 (seats_session_get_id (session), id) == 0)
        return session;
    }

  return NULL;
}

void
seats_application_add_session (SeatsApplication *self,
                               SeatsSession     *session)
{
  g_return_if_fail (SEATS_IS_APPLICATION (self));
  g_return_if_fail (SEATS_IS_SESSION (session));

  g_list_store_append (self->sessions, session);

  g_signal_connect_object (session, "notify::engine", G_CALLBACK (session_engine_cb), self, 0);
  session_engine_cb (session, NULL, self);
}

void
seats_application_remove_session (SeatsApplication *self,
                                  SeatsSession     *session)
{
  guint position;

  g_return_if_fail (SEATS_IS_APPLICATION (self));
  g_return_if_fail (SEATS_IS_SESSION (session));

  if (g_list_store_find (self->sessions, session, &position))
    g_list_store_remove (self->sessions, position);
}

/**
 * seats_application_get_settings:
 * @self: a #SeatsApplication
 *
 * Returns: (transfer none): the settings of the application
 */
GSettings *
seats_application_get_settings (SeatsApplication *self)
{
  g_return_val_if_fail (SEATS_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = g_settings_new (APPLICATION_ID);

  return self->settings;
}

gboolean
seats_application_is_demo (SeatsApplication *self)
{
  g_return_val_if_fail (SEATS_IS_APPLICATION (self), FALSE);

  return self->demo_server != NULL;
}

/* The demo shows an organization of the person's own country first: the
 * Swedish clinic in Swedish, the Dutch practice otherwise. */
static const char *
demo_first_slug (void)
{
  const char * const *languages = g_get_language_names ();

  if (languages[0] != NULL && g_str_has_prefix (languages[0], "sv"))
    return "fjallgarden";

  return "demolen";
}

/**
 * seats_application_start_demo:
 * @self: a #SeatsApplication
 * @error: why the demo could not start
 *
 * Starts the reference server on loopback with its demo organizations and
 * opens each as an account: nothing is written outside a temporary
 * directory, and nothing goes to the keyring.
 */
gboolean
seats_application_start_demo (SeatsApplication  *self,
                              GError           **error)
{
  g_autoptr(GPtrArray) organizations = NULL;
  g_autofree char *server_db = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (SEATS_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (self->demo_server == NULL, FALSE);

  self->demo_dir = g_dir_make_tmp ("seats-demo-XXXXXX", error);
  if (self->demo_dir == NULL)
    return FALSE;

  server_db = g_build_filename (self->demo_dir, "server.db", NULL);
  self->demo_server = seats_server_new (server_db, SEATS_SERVER_FLAGS_NONE, error);
  if (self->demo_server == NULL ||
      !seats_server_seed_demo (self->demo_server, error) ||
      !(uri = seats_server_listen (self->demo_server, "127.0.0.1", 0, error)))
    return FALSE;

  organizations = seats_server_get_organizations (self->demo_server);
  for (guint i = 0; i < organizations->len; i++)
    {
      SeatsServerOrganization *organization = g_ptr_array_index (organizations, i);
      g_autoptr(SeatsAccountInfo) info = NULL;
      g_autoptr(SeatsSession) session = NULL;
      g_autoptr(SeatsSyncEngine) engine = NULL;
      g_autofree char *file = NULL;
      g_autofree char *path = NULL;

      info = seats_account_info_new (uri, organization->slug, organization->name);
      file = g_strdup_printf ("%s.db", organization->slug);
      path = g_build_filename (self->demo_dir, file, NULL);

      engine = seats_accounts_open_at (info, organization->admin_token, path,
                                       SEATS_SYNC_LOAD_USERS_LATER, error);
      if (engine == NULL)
        return FALSE;

      session = seats_session_new (info, TRUE);
      seats_session_set_engine (session, engine);
      seats_application_add_session (self, session);

      if (g_str_equal (organization->slug, demo_first_slug ()))
        {
          g_free (self->demo_first_id);
          self->demo_first_id = g_strdup (info->id);
          if (self->settings != NULL)
            g_settings_set_string (self->settings, "active-account", info->id);
        }
    }

  /* The first organization once more, as a viewer sees it (R15): read-only. */
  if (organizations->len > 0)
    {
      SeatsServerOrganization *organization = g_ptr_array_index (organizations, 0);
      g_autoptr(SeatsAccountInfo) info = NULL;
      g_autoptr(SeatsSession) session = NULL;
      g_autoptr(SeatsSyncEngine) engine = NULL;
      g_autofree char *organization_key = g_strconcat (organization->slug, "/viewer", NULL);
      g_autofree char *file = g_strdup_printf ("%s-viewer.db", organization->slug);
      g_autofree char *path = g_build_filename (self->demo_dir, file, NULL);
      /* Translators: an account that can only look; %s is the organization */
      g_autofree char *name = g_strdup_printf (_("%s (view only)"), organization->name);

      info = seats_account_info_new (uri, organization_key, name);
      engine = seats_accounts_open_at (info, organization->viewer_token, path,
                                       SEATS_SYNC_LOAD_USERS_LATER, error);
      if (engine == NULL)
        return FALSE;

      session = seats_session_new (info, TRUE);
      seats_session_set_engine (session, engine);
      seats_application_add_session (self, session);
    }

  return TRUE;
}
