/* seats-test.c: what the test programs share
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "seats-clock.h"
#include "seats-test.h"

/**
 * seats_test_parse_time:
 * @text: an ISO 8601 time with its zone
 *
 * Returns: (transfer full): the time
 */
GDateTime *
seats_test_parse_time (const char *text)
{
  GDateTime *time = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (time);
  return time;
}

/**
 * seats_test_set_clock:
 * @now: an ISO 8601 time with its zone, such as %SEATS_TEST_NOW
 *
 * Sets the process's clock, which the application, seatsctl's library and
 * an in-process seats-server all ask for now and today. It runs on from
 * there. A caller says in a line why it needs that day.
 */
void
seats_test_set_clock (const char *now)
{
  g_autoptr(GDateTime) time = seats_test_parse_time (now);

  seats_clock_set_now (seats_clock_get_default (), time);
}

/**
 * seats_test_clock_text:
 *
 * Returns: (transfer full): the process clock's time, as ISO 8601 in UTC,
 *   for `SEATS_CLOCK` or `seats-server --now`
 */
char *
seats_test_clock_text (void)
{
  g_autoptr(GDateTime) now = seats_clock_get_now (seats_clock_get_default ());
  g_autoptr(GDateTime) utc = g_date_time_to_utc (now);

  return g_date_time_format_iso8601 (utc);
}

/**
 * seats_test_clock_env:
 *
 * Returns: (transfer full): `SEATS_CLOCK=` and the process clock's time,
 *   for a child process (seatsctl, seats-server) to start on the same time
 */
char *
seats_test_clock_env (void)
{
  g_autofree char *text = seats_test_clock_text ();

  return g_strconcat ("SEATS_CLOCK=", text, NULL);
}

/**
 * seats_test_make_dir:
 * @name: what the folder is for, part of its name
 *
 * Returns: (transfer full): a new empty folder, for seats_test_remove_tree()
 */
char *
seats_test_make_dir (const char *name)
{
  g_autofree char *template = g_strdup_printf ("seats-%s-XXXXXX", name);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

/**
 * seats_test_remove_tree:
 * @path: (nullable): a folder a test made
 *
 * Removes @path and everything in it.
 */
void
seats_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        seats_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/**
 * seats_test_child_environment:
 * @dir: a folder of the test's, for the child's data and settings
 * @extra: (nullable): further "NAME=VALUE" to set and "NAME" to unset
 *
 * The environment of a child process as a person's would be, but private:
 * its data and settings under @dir, English unless @extra says otherwise,
 * and the process's clock.
 *
 * Returns: (transfer full): "NAME=VALUE" and "NAME" strings
 */
char **
seats_test_child_environment (const char         *dir,
                              const char * const *extra)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *config = g_build_filename (dir, "config", NULL);
  g_autofree char *data_env = g_strconcat ("XDG_DATA_HOME=", data, NULL);
  g_autofree char *config_env = g_strconcat ("XDG_CONFIG_HOME=", config, NULL);
  g_autofree char *clock_env = seats_test_clock_env ();

  g_strv_builder_add (builder, data_env);
  g_strv_builder_add (builder, config_env);
  g_strv_builder_add (builder, "LANGUAGE=en");
  g_strv_builder_add (builder, "LC_ALL=C.UTF-8");
  g_strv_builder_add (builder, clock_env);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_strv_builder_add (builder, extra[i]);

  return g_strv_builder_end (builder);
}

/**
 * seats_test_done_cb:
 *
 * A #GAsyncReadyCallback that keeps the result in the #GAsyncResult
 * pointer @user_data points at, for seats_test_wait_for().
 */
void
seats_test_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/**
 * seats_test_wait_for:
 * @result: where seats_test_done_cb() puts the result
 *
 * Runs the main context until the call is done. The test's own context
 * also serves an in-process license server, so it must keep running.
 *
 * Returns: (transfer none): the result
 */
GAsyncResult *
seats_test_wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * seats_test_wait_until:
 * @condition: what to wait for
 * @data: its data
 * @timeout_ms: how long at most
 *
 * Returns: whether @condition holds, at the latest after @timeout_ms
 */
gboolean
seats_test_wait_until (gboolean (*condition) (gpointer data),
                       gpointer   data,
                       guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (source);

  return condition (data);
}

/**
 * seats_test_print_machine:
 *
 * For a benchmark: prints the machine's cores and load, so that a reader
 * can judge the figures that follow.
 */
void
seats_test_print_machine (void)
{
  g_autofree char *loadavg = NULL;
  g_auto(GStrv) parts = NULL;

  if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    parts = g_strsplit (loadavg, " ", 4);

  g_print ("machine: %u cores, load average %s %s %s (1, 5 and 15 minutes)\n",
           g_get_num_processors (),
           parts != NULL && parts[0] ? parts[0] : "?",
           parts != NULL && parts[0] && parts[1] ? parts[1] : "?",
           parts != NULL && parts[0] && parts[1] && parts[2] ? parts[2] : "?");
}

/**
 * seats_test_find_server:
 * @argv0: the benchmark's own path
 *
 * Returns: (transfer full): seats-server: $SEATS_SERVER, or the one of
 *   the build tree the benchmark is in
 */
char *
seats_test_find_server (const char *argv0)
{
  g_autofree char *here = NULL;

  if (g_getenv ("SEATS_SERVER") != NULL)
    return g_strdup (g_getenv ("SEATS_SERVER"));

  here = g_path_get_dirname (argv0);
  return g_build_filename (here, "..", "src", "seats-server", NULL);
}

/**
 * seats_test_spawn_seeded_server:
 * @exe: seats-server
 * @dir: where its database goes
 * @n_users: the users of its organization "scale"
 * @uri: (out): where it listens
 * @token: (out): the admin token of "scale"
 *
 * For a benchmark: starts `seats-server --seed-users` as a process of its
 * own, as a real server is, and waits until it listens.
 *
 * Returns: (transfer full): the server's process
 */
GSubprocess *
seats_test_spawn_seeded_server (const char  *exe,
                                const char  *dir,
                                guint        n_users,
                                char       **uri,
                                char       **token)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "process-server.db", NULL);
  g_autofree char *count = g_strdup_printf ("%u", n_users);
  g_autoptr(GDataInputStream) out = NULL;
  GSubprocess *process;
  char *line;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, exe, "--db", db,
                              "--listen", "127.0.0.1:0", "--seed-users", count, NULL);
  if (process == NULL)
    g_error ("cannot start %s: %s", exe, error->message);

  *uri = *token = NULL;
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while (*token == NULL &&
         (line = g_data_input_stream_read_line (out, NULL, NULL, &error)) != NULL)
    {
      g_auto(GStrv) words = g_strsplit (line, " ", -1);

      if (g_str_has_prefix (line, "Listening on "))
        *uri = g_strdup (line + strlen ("Listening on "));
      else if (g_strv_length (words) >= 4 && g_str_equal (words[0], "org") &&
               g_str_equal (words[1], "scale"))
        *token = g_strdup (words[3]);
      g_free (line);
    }
  if (*uri == NULL || *token == NULL)
    g_error ("%s did not say where it listens", exe);

  return process;
}

/**
 * seats_test_use_build_schemas:
 * @schema_dir: the build tree's compiled settings schemas
 *
 * For a program run straight from the build tree: finds the application's
 * settings schema there unless GSETTINGS_SCHEMA_DIR says otherwise or it
 * is installed. Children started afterwards find it too.
 *
 * Returns: %TRUE if the schema can be found, otherwise %FALSE after saying
 *   what is missing
 */
gboolean
seats_test_use_build_schemas (const char *schema_dir)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    {
      schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                                APPLICATION_ID, TRUE);
      if (schema != NULL)
        return TRUE;
      g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
    }

  source = g_settings_schema_source_new_from_directory (g_getenv ("GSETTINGS_SCHEMA_DIR"),
                                                        g_settings_schema_source_get_default (),
                                                        FALSE, &error);
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, FALSE);

  if (schema == NULL)
    {
      g_printerr ("The settings schema %s is not compiled in %s%s%s. Build the whole tree "
                  "(meson compile) or set GSETTINGS_SCHEMA_DIR to where it is.\n",
                  APPLICATION_ID, g_getenv ("GSETTINGS_SCHEMA_DIR"),
                  error != NULL ? ": " : "", error != NULL ? error->message : "");
      return FALSE;
    }

  return TRUE;
}

struct _SeatsTestSlowServer
{
  GSocketService *service;
  GPtrArray      *connections;
  gboolean        headers_only;
  guint           source;
  char           *uri;
};

static gboolean
dribble_cb (gpointer data)
{
  SeatsTestSlowServer *self = data;
  const char *piece = self->headers_only ? "X-Slow: 1\r\n" : " ";

  for (guint i = 0; i < self->connections->len; i++)
    {
      GIOStream *stream = g_ptr_array_index (self->connections, i);

      g_output_stream_write (g_io_stream_get_output_stream (stream), piece, strlen (piece), NULL, NULL);
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           data)
{
  SeatsTestSlowServer *self = data;
  const char *start = self->headers_only
    ? "HTTP/1.1 200 OK\r\n"
    : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{";

  g_ptr_array_add (self->connections, g_object_ref (connection));
  g_output_stream_write (g_io_stream_get_output_stream (G_IO_STREAM (connection)), start, strlen (start),
                         NULL, NULL);
  return TRUE;
}

/**
 * seats_test_slow_server_new:
 * @headers_only: dribble header lines for ever rather than a body
 *
 * A server on loopback that answers every request five bytes a second:
 * within any I/O timeout, and never done.
 *
 * Returns: (transfer full): the server, served by the test's main context
 */
SeatsTestSlowServer *
seats_test_slow_server_new (gboolean headers_only)
{
  SeatsTestSlowServer *self = g_new0 (SeatsTestSlowServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  self->service = g_socket_service_new ();
  self->connections = g_ptr_array_new_with_free_func (g_object_unref);
  self->headers_only = headers_only;
  g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
  g_socket_service_start (self->service);
  self->source = g_timeout_add (200, dribble_cb, self);
  self->uri = g_strdup_printf ("http://127.0.0.1:%u/",
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  return self;
}

const char *
seats_test_slow_server_get_uri (SeatsTestSlowServer *self)
{
  return self->uri;
}

void
seats_test_slow_server_free (SeatsTestSlowServer *self)
{
  if (self == NULL)
    return;

  g_source_remove (self->source);
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_ptr_array_unref (self->connections);
  g_object_unref (self->service);
  g_free (self->uri);
  g_free (self);
}
