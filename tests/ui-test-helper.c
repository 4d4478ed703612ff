/* ui-test-helper.c: the real window against the reference server, for tests
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "ui-test-helper.h"

static SeatsApplication *application;

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>

typedef struct
{
  guintptr start;
  guintptr end;
  gboolean glib;
} Mapping;

static GArray *
readable_mappings (void)
{
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *mappings = g_array_new (FALSE, FALSE, sizeof (Mapping));

  if (!g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL))
    return mappings;

  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      Mapping mapping = { 0 };
      char perms[5] = { 0 };

      if (sscanf (lines[i], "%" G_GINTPTR_MODIFIER "x-%" G_GINTPTR_MODIFIER "x %4s",
                  &mapping.start, &mapping.end, perms) != 3 || perms[0] != 'r')
        continue;

      mapping.glib = perms[1] == 'w' && strstr (lines[i], "/libglib-2.0.so") != NULL;
      g_array_append_val (mappings, mapping);
    }

  return mappings;
}

__attribute__((no_sanitize_address)) static gboolean
is_readable (GArray   *mappings,
             guintptr  address,
             gsize     size)
{
  for (guint i = 0; i < mappings->len; i++)
    {
      Mapping *mapping = &g_array_index (mappings, Mapping, i);

      if (address >= mapping->start && address + size <= mapping->end)
        return TRUE;
    }

  return FALSE;
}

/* GLib keeps the strings of its quarks in a block that it replaces, on
 * purpose without freeing the old one (gquark.c: lookups stay lock-free),
 * when the 2049th quark is made. A GTK program goes past that, and
 * LeakSanitizer cannot tell that block from a leak of ours: libglib has no
 * frame pointers, so the report ends at g_malloc. Suppressing leaks through
 * libglib would hide every leak there is; instead the one block is marked,
 * found through GLib's own pointer to it: the word in GLib's data that points
 * at NULL followed by the strings of quarks 1, 2 and 3. */
/* Probing candidate pointers reads memory that is not ours: not instrumented. */
__attribute__((no_sanitize_address)) static const char * const *
find_quark_block (GArray     *mappings,
                  const char *quark1,
                  const char *quark2,
                  const char *quark3)
{
  for (guint i = 0; i < mappings->len; i++)
    {
      Mapping *mapping = &((Mapping *) (gpointer) mappings->data)[i];

      if (!mapping->glib)
        continue;

      for (guintptr slot = mapping->start; slot + sizeof (gpointer) <= mapping->end;
           slot += sizeof (gpointer))
        {
          const char * const *block = *(const char * const **) slot;

          if ((guintptr) block % G_ALIGNOF (gpointer) == 0 &&
              is_readable (mappings, (guintptr) block, 4 * sizeof (gpointer)) &&
              block[0] == NULL && block[1] == quark1 && block[2] == quark2 && block[3] == quark3)
            return block;
        }
    }

  return NULL;
}

static void
ignore_glib_quark_block (void)
{
  g_autoptr(GArray) mappings = readable_mappings ();
  const char * const *block;

  block = find_quark_block (mappings, g_quark_to_string (1), g_quark_to_string (2),
                            g_quark_to_string (3));
  if (block != NULL)
    {
      __lsan_ignore_object (block);
      return;
    }

  g_warning ("GLib's quark block was not found; LeakSanitizer may report it");
}
#endif
static GPtrArray *notifications;

/* A desktop notification server of our own on the test's private bus, so
 * that the notifications the window sends can be checked. GLib talks to
 * it as to GNOME Shell's org.gtk.Notifications. */
static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
notifications_method_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *object_path,
                         const char            *interface_name,
                         const char            *method_name,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  if (g_str_equal (method_name, "AddNotification"))
    {
      const char *id = NULL;

      g_variant_get_child (parameters, 1, "&s", &id);
      g_ptr_array_add (notifications, g_strdup (id));
    }

  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
serve_notifications (void)
{
  static const GDBusInterfaceVTable vtable = { notifications_method_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  notifications = g_ptr_array_new_with_free_func (g_free);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/gtk/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Owned before the application looks for a notification server. */
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.gtk.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
}

/* The desktop's Background portal, as xdg-desktop-portal serves it: asked
 * whether Seats may start at login, it answers as the test says the person
 * did, and keeps what it was asked. */
static const char portal_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Background'>"
  "    <method name='RequestBackground'>"
  "      <arg type='s' direction='in'/><arg type='a{sv}' direction='in'/>"
  "      <arg type='o' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static GPtrArray *portal_requests;
static gboolean portal_allows;
static guint portal_response;
static guint portal_object;

static void
portal_method_cb (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  g_autoptr(GVariant) options = NULL;
  g_autofree char *caller = g_strdup (sender + 1);
  g_autofree char *handle = NULL;
  GVariantBuilder results;
  const char *parent = NULL;
  const char *token = "";
  gboolean autostart = FALSE;

  g_variant_get (parameters, "(&s@a{sv})", &parent, &options);
  g_ptr_array_add (portal_requests, g_variant_ref (options));
  g_variant_lookup (options, "handle_token", "&s", &token);
  g_variant_lookup (options, "autostart", "b", &autostart);

  /* The request's object, where the answer comes from. */
  g_strdelimit (caller, ".", '_');
  handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", caller, token);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", handle));

  g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&results, "{sv}", "background", g_variant_new_boolean (portal_allows));
  g_variant_builder_add (&results, "{sv}", "autostart", g_variant_new_boolean (portal_allows && autostart));
  g_dbus_connection_emit_signal (connection, sender, handle, "org.freedesktop.portal.Request", "Response",
                                 g_variant_new ("(ua{sv})", portal_response, &results), NULL);
}

static GVariant *
call_bus (const char *method,
          GVariant   *parameters)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", method, parameters,
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);

  return reply;
}

/**
 * ui_test_serve_portal:
 * @allow: what the person answers
 * @closed: whether the person closes the question instead, which the
 *   portal answers as cancelled
 *
 * Serves the Background portal on the test's bus, until
 * ui_test_stop_portal(); called again, changes only the answer.
 *
 * Returns: (transfer none): the options of the requests so far
 */
GPtrArray *
ui_test_serve_portal (gboolean allow,
                      gboolean closed)
{
  static const GDBusInterfaceVTable vtable = { portal_method_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  portal_allows = allow;
  portal_response = closed ? 1 : 0;
  if (portal_object != 0)
    return portal_requests;

  if (portal_requests == NULL)
    portal_requests = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (portal_xml, &error);
  g_assert_no_error (error);
  portal_object = g_dbus_connection_register_object (bus, "/org/freedesktop/portal/desktop",
                                                     info->interfaces[0], &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  reply = call_bus ("RequestName", g_variant_new ("(su)", "org.freedesktop.portal.Desktop", 4));

  return portal_requests;
}

/* The portal gone, as on a desktop that has none. */
void
ui_test_stop_portal (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;

  if (portal_object == 0)
    return;

  reply = call_bus ("ReleaseName", g_variant_new ("(s)", "org.freedesktop.portal.Desktop"));
  g_dbus_connection_unregister_object (bus, portal_object);
  portal_object = 0;
  g_clear_pointer (&portal_requests, g_ptr_array_unref);
}

/* The ids of the desktop notifications sent so far. */
GPtrArray *
ui_test_get_notifications (void)
{
  return notifications;
}

void
ui_test_init (void)
{
  g_autoptr(GError) error = NULL;

  /* tests/meson.build runs each UI test on a D-Bus session of its own: the
   * UI tests run side by side, and each needs its own notification server
   * and application name. */
  g_assert_nonnull (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));

#ifdef __SANITIZE_ADDRESS__
  ignore_glib_quark_block ();
#endif

  setlocale (LC_ALL, "");

  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  adw_init ();
  serve_notifications ();

  /* No timers that run on their own: a blinking cursor's checks whether
   * its field still has the focus when windows come and go in one go. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  application = seats_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
}

SeatsApplication *
ui_test_get_application (void)
{
  return application;
}

void
ui_iterate (void)
{
  /* Let the frame clock lay out and draw what changed. */
  for (guint i = 0; i < 5; i++)
    {
      g_usleep (2000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

gboolean
ui_wait_for (gboolean (*condition) (gpointer data),
             gpointer   data,
             guint      timeout_ms)
{
  seats_test_wait_until (condition, data, timeout_ms);
  ui_iterate ();

  return condition (data);
}

static gboolean
synced (gpointer data)
{
  SeatsSyncEngine *engine = data;

  return seats_sync_engine_get_status (engine) != SEATS_SYNC_STATUS_SYNCING &&
         seats_sync_engine_get_last_synced (engine) > 0;
}

gboolean
ui_wait_for_sync (UiFixture *fixture)
{
  return ui_wait_for (synced, fixture->engine, 30000);
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

gboolean
ui_fixture_sync (UiFixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  seats_sync_engine_sync_async (fixture->engine, FALSE, NULL, sync_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  ok = seats_sync_engine_sync_finish (fixture->engine, result, &error);
  ui_iterate ();
  return ok;
}

void
ui_fixture_set_up (UiFixture  *fixture,
                   const char *slug,
                   gboolean    viewer)
{
  /* Mid-period: the demo's periods, trials and deadlines as the tests
   * know them, whatever day the tests run. */
  ui_fixture_set_up_at (fixture, slug, viewer, SEATS_TEST_NOW);
}

static void
open_account_info (UiFixture        *fixture,
                   SeatsAccountInfo *info,
                   const char       *token)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *account_db = NULL;

  account_db = g_build_filename (fixture->dir, "account.db", NULL);
  fixture->engine = seats_accounts_open_at (info, token, account_db,
                                            SEATS_SYNC_LOAD_USERS_LATER, &error);
  g_assert_no_error (error);

  fixture->session = seats_session_new (info, TRUE);
  seats_session_set_engine (fixture->session, fixture->engine);
  seats_application_add_session (application, fixture->session);

  fixture->window = seats_window_new (application);
  gtk_window_present (GTK_WINDOW (fixture->window));
  seats_window_show_account (fixture->window, seats_session_get_id (fixture->session));

  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->window)))
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (ui_wait_for_sync (fixture));
}

static void
open_account (UiFixture  *fixture,
              const char *uri,
              const char *slug,
              const char *name,
              const char *token)
{
  g_autoptr(SeatsAccountInfo) info = seats_account_info_new (uri, slug, name);

  open_account_info (fixture, info, token);
}

void
ui_fixture_set_up_at (UiFixture  *fixture,
                      const char *slug,
                      gboolean    viewer,
                      const char *now)
{
  const SeatsServerOrganization *organization;

  seats_test_set_clock (now);
  fixture->dir = seats_test_make_dir ("ui-test");
  fixture->vendor = seats_test_server_new (SEATS_SERVER_FLAGS_ALLOW_CLOCK |
                                           SEATS_SERVER_FLAGS_ALLOW_FAULTS);

  organization = seats_test_server_find (fixture->vendor, slug);
  open_account (fixture, fixture->vendor->uri, organization->slug, organization->name,
                viewer ? organization->viewer_token : organization->admin_token);
}

void
ui_fixture_set_up_remote (UiFixture  *fixture,
                          const char *uri,
                          const char *slug,
                          const char *token)
{
  fixture->dir = seats_test_make_dir ("ui-test");
  open_account (fixture, uri, slug, slug, token);
}

void
ui_fixture_set_up_scim (UiFixture  *fixture,
                        const char *slug)
{
  g_autoptr(SeatsAccountInfo) info = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  const char *token;

  seats_test_set_clock (SEATS_TEST_NOW);
  fixture->dir = seats_test_make_dir ("ui-test");
  fixture->vendor = seats_test_server_new (SEATS_SERVER_FLAGS_ALLOW_CLOCK |
                                           SEATS_SERVER_FLAGS_ALLOW_FAULTS);
  token = seats_test_server_find (fixture->vendor, slug)->admin_token;

  /* The connect dialog's check of the SCIM endpoint's address. */
  base = g_strconcat (fixture->vendor->uri, "/scim/v2", NULL);
  seats_accounts_check_async (base, NULL, token, NULL, seats_test_done_cb, &result);
  info = seats_accounts_check_finish (seats_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->source, ==, SEATS_ACCOUNT_SOURCE_SCIM);

  open_account_info (fixture, info, token);
}

void
ui_fixture_tear_down (UiFixture *fixture)
{
  GList *windows;

  /* Dialogs first, then the window. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (application))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
  ui_iterate ();

  seats_application_remove_session (application, fixture->session);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->engine);
  g_clear_pointer (&fixture->vendor, seats_test_server_free);
  ui_iterate ();

  seats_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static const char *
widget_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (GTK_IS_EDITABLE (widget))
    return gtk_editable_get_text (GTK_EDITABLE (widget));

  return NULL;
}

/* A button's label may carry a mnemonic underline: compare without it. */
static gboolean
text_matches (const char *shown,
              const char *wanted)
{
  g_autoptr(GString) plain_shown = NULL;
  g_autoptr(GString) plain_wanted = NULL;

  if (shown == NULL)
    return FALSE;
  if (g_str_equal (shown, wanted))
    return TRUE;

  plain_shown = g_string_new (shown);
  g_string_replace (plain_shown, "_", "", 0);
  plain_wanted = g_string_new (wanted);
  g_string_replace (plain_wanted, "_", "", 0);
  return g_str_equal (plain_shown->str, plain_wanted->str);
}

static gboolean
matches (GtkWidget  *widget,
         GType       type,
         const char *text)
{
  g_autoptr(GtkWidget) child = NULL;

  if (!G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return FALSE;

  if (text == NULL || text_matches (widget_text (widget), text))
    return TRUE;

  /* A button whose child shows the text. */
  if (GTK_IS_BUTTON (widget) || GTK_IS_LIST_BOX_ROW (widget) || ADW_IS_PREFERENCES_ROW (widget))
    return ui_find (widget, GTK_TYPE_LABEL, text) != NULL;

  return FALSE;
}

GtkWidget *
ui_find (GtkWidget  *root,
         GType       type,
         const char *text)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find (child, type, text);

      if (found != NULL)
        return found;
    }

  if (matches (root, type, text))
    return root;

  return NULL;
}

GtkWidget *
ui_find_by_id (GtkWidget  *root,
               const char *buildable_id)
{
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (root));

  if (g_strcmp0 (id, buildable_id) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find_by_id (child, buildable_id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
shows (GtkWidget  *root,
       const char *text,
       gboolean    whole)
{
  const char *shown;

  if (!gtk_widget_get_mapped (root))
    return FALSE;

  shown = GTK_IS_LABEL (root) ? gtk_label_get_text (GTK_LABEL (root)) : NULL;
  if (shown != NULL && (whole ? g_str_equal (shown, text) : strstr (shown, text) != NULL))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows (child, text, whole))
      return TRUE;

  return FALSE;
}

gboolean
ui_shows_text (GtkWidget  *root,
               const char *text)
{
  return shows (root, text, TRUE);
}

gboolean
ui_shows_text_containing (GtkWidget  *root,
                          const char *text)
{
  return shows (root, text, FALSE);
}

void
ui_click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));

  if (GTK_IS_BUTTON (button))
    g_signal_emit_by_name (button, "clicked");
  else
    gtk_widget_activate (button);

  ui_iterate ();
}

/* The newest open window of @type, such as a dialog. */
/* The control a mnemonic label activates: its mnemonic widget, or the
 * button or row it is part of. */
static GtkWidget *
label_control (GtkWidget *label)
{
  GtkWidget *target = gtk_label_get_mnemonic_widget (GTK_LABEL (label));

  for (GtkWidget *w = target ? target : label; w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_BUTTON (w) || ADW_IS_PREFERENCES_ROW (w) || GTK_IS_MENU_BUTTON (w) ||
        GTK_IS_CHECK_BUTTON (w))
      return w;

  return target ? target : label;
}

static void
collect_access_keys (GtkWidget  *widget,
                     GHashTable *keys,
                     GString    *clashes)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)))
    {
      guint keyval = gtk_label_get_mnemonic_keyval (GTK_LABEL (widget));
      const char *text = gtk_label_get_label (GTK_LABEL (widget));

      if (keyval != GDK_KEY_VoidSymbol)
        {
          gpointer key = GUINT_TO_POINTER (gdk_keyval_to_lower (keyval));
          GtkWidget *control = label_control (widget);
          GtkWidget *other = g_hash_table_lookup (keys, key);

          /* A row shows its title twice (as a title and floating over
           * its entry): one control, one access key. */
          if (other != NULL && other != control)
            g_string_append_printf (clashes, " “%s” and “%s”;",
                                    (const char *) g_object_get_data (G_OBJECT (other), "ui-test-label"),
                                    text);
          else if (other == NULL)
            {
              g_object_set_data (G_OBJECT (control), "ui-test-label", (gpointer) text);
              g_hash_table_insert (keys, key, control);
            }
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_access_keys (child, keys, clashes);
}

/**
 * ui_assert_access_keys_unique:
 * @root: a window, or a part of one that is shown
 *
 * Fails when two controls that are shown share an access key (the letter
 * after the underline), in the language under test.
 */
void
ui_assert_access_keys_unique (GtkWidget *root)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) clashes = g_string_new (NULL);

  collect_access_keys (root, keys, clashes);
  if (clashes->len > 0)
    g_error ("These share an access key in %s:%s", G_OBJECT_TYPE_NAME (root), clashes->str);
}

GtkWindow *
ui_find_dialog (GType type)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (application));
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Every dialog a test finds has its access keys checked. */
  for (GList *l = windows; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      {
        ui_assert_access_keys_unique (l->data);
        return l->data;
      }

  /* Dialogs not added to the application. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          ui_assert_access_keys_unique (GTK_WIDGET (window));
          return window;
        }
    }

  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  GType       type;
  const char *text;
} FindData;

static gboolean
found_cb (gpointer data)
{
  FindData *find = data;

  return ui_find (find->root, find->type, find->text) != NULL;
}

/* Waits for a widget to be shown: animations and syncs take their time. */
GtkWidget *
ui_wait_for_widget (GtkWidget  *root,
                    GType       type,
                    const char *text)
{
  FindData find = { root, type, text };

  ui_wait_for (found_cb, &find, 10000);
  return ui_find (root, type, text);
}
