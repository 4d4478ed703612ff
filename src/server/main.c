/* main.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-server"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seats-clock.h"
#include "seats-server.h"

#define EXIT_USAGE 2

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
usage_error (const char *message)
{
  g_printerr ("seats-server: %s\nTry \"seats-server --help\".\n", message);
  return FALSE;
}

/* "127.0.0.1:8080", "[::1]:0" or "localhost:0" */
static gboolean
parse_listen (const char  *text,
              char       **address,
              guint       *port)
{
  const char *colon = strrchr (text, ':');
  guint64 number;
  g_autofree char *host = NULL;

  if (colon == NULL || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &number, NULL))
    return FALSE;

  host = g_strndup (text, colon - text);
  if (host[0] == '[' && host[strlen (host) - 1] == ']')
    {
      char *inner = g_strndup (host + 1, strlen (host) - 2);
      g_free (host);
      host = inner;
    }

  if (*host == '\0')
    return FALSE;

  *address = g_steal_pointer (&host);
  *port = (guint) number;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db_path = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *export_slug = NULL;
  g_autofree char *now_text = NULL;
  g_autofree char *address = NULL;
  g_autofree char *uri = NULL;
  gboolean allow_clock = FALSE;
  gboolean allow_faults = FALSE;
  int seed_users = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "The server's database (created when missing)", "FILE" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, "Serve on a loopback address, port 0 for a free one (default 127.0.0.1:0)", "ADDRESS:PORT" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, "Add the demo organizations and print their tokens", "demo" },
    { "seed-users", 0, 0, G_OPTION_ARG_INT, &seed_users, "Add the organization \"scale\" with N generated users", "N" },
    { "export-license", 0, 0, G_OPTION_ARG_STRING, &export_slug, "Print the pending license of an organization as a signed license file, and exit", "SLUG" },
    { "allow-clock", 0, 0, G_OPTION_ARG_NONE, &allow_clock, "Tests only: allow moving the clock and playing the upstream system over the API", NULL },
    { "allow-faults", 0, 0, G_OPTION_ARG_NONE, &allow_faults, "Tests only: misbehave on purpose when asked by the X-Seats-Fault header", NULL },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now_text, "Tests only, with --allow-clock: start the clock at this RFC 3339 time or date", "TIME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- the reference Seats license server");
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GPtrArray) organizations = NULL;
  SeatsServerFlags flags = SEATS_SERVER_FLAGS_NONE;
  guint port = 0;
  const char *localedir = g_getenv ("SEATS_LOCALEDIR");

  /* The server runs in the C locale and answers each request in the
   * language its Accept-Language asks for, where Seats has a translation
   * (see request_locale()). LANGUAGE would override that choice, so it is
   * not kept. SEATS_LOCALEDIR runs the server from the build tree. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_unsetenv ("LANGUAGE");

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Serves the Seats license API (data/api/seats-api.json) over plain HTTP on loopback.\n"
    "On start it prints \"Listening on http://ADDRESS:PORT\" and one line per seeded\n"
    "organization: \"org SLUG admin-token TOKEN viewer-token TOKEN\".");

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message), EXIT_USAGE;

  if (argc > 1)
    return usage_error ("unexpected arguments"), EXIT_USAGE;
  if (db_path == NULL)
    return usage_error ("--db FILE is required"), EXIT_USAGE;
  if (seed != NULL && !g_str_equal (seed, "demo"))
    return usage_error ("--seed only knows \"demo\""), EXIT_USAGE;
  if (seed_users < 0 || seed_users > 10000000)
    return usage_error ("--seed-users takes a number from 0 to 10000000"), EXIT_USAGE;
  if (now_text != NULL && !allow_clock)
    return usage_error ("--now needs --allow-clock"), EXIT_USAGE;
  /* A server on another time than the real one is for tests: never
   * without saying so. */
  if (g_getenv ("SEATS_CLOCK") != NULL)
    g_printerr ("seats-server: SEATS_CLOCK is set: the clock starts at %s, not the real time\n",
                g_getenv ("SEATS_CLOCK"));
  if (!parse_listen (listen ? listen : "127.0.0.1:0", &address, &port))
    return usage_error ("--listen takes ADDRESS:PORT, like 127.0.0.1:0"), EXIT_USAGE;

  if (allow_clock)
    flags |= SEATS_SERVER_FLAGS_ALLOW_CLOCK;
  if (allow_faults)
    flags |= SEATS_SERVER_FLAGS_ALLOW_FAULTS;

  /* The clock is set before the database is opened and seeded: a test's
   * server starts on the day the test is about, which may be in the past. */
  if (now_text != NULL &&
      !seats_clock_set_now_from_string (seats_clock_get_default (), now_text, &error))
    return usage_error (error->message), EXIT_USAGE;

  server = seats_server_new (db_path, flags, &error);
  if (server == NULL)
    {
      g_printerr ("seats-server: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if ((seed != NULL && !seats_server_seed_demo (server, &error)) ||
      (seed_users > 0 && !seats_server_seed_users (server, seed_users, &error)))
    {
      g_printerr ("seats-server: cannot seed: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (export_slug != NULL)
    {
      g_autofree char *file = seats_server_export_license (server, export_slug, &error);

      if (file == NULL)
        {
          g_printerr ("seats-server: %s\n", error->message);
          return EXIT_FAILURE;
        }
      fputs (file, stdout);
      return EXIT_SUCCESS;
    }

  uri = seats_server_listen (server, address, port, &error);
  if (uri == NULL)
    {
      g_printerr ("seats-server: %s\n", error->message);
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) ? EXIT_USAGE : EXIT_FAILURE;
    }

  printf ("Listening on %s\n", uri);
  organizations = seats_server_get_organizations (server);
  for (guint i = 0; i < organizations->len; i++)
    {
      SeatsServerOrganization *organization = g_ptr_array_index (organizations, i);

      printf ("org %s admin-token %s viewer-token %s\n", organization->slug,
              organization->admin_token, organization->viewer_token);
    }
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

  seats_server_disconnect (server);
  return EXIT_SUCCESS;
}
