/* bench-server.c: how fast seats-server serves the SCIM pages of 100,000 users
 *
 * Not a test: prints figures. Run it from a release build without
 * sanitizers:  meson setup build-rel --buildtype=release
 *              ninja -C build-rel tests/bench-server && build-rel/tests/bench-server
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdlib.h>

#include "seats-server.h"
#include "seats-test.h"

#define PAGE_SIZE 1000
#define UNCHANGED_ROUNDS 100

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* One GET over loopback; the server answers from this main context. */
static GBytes *
fetch (SoupSession *session,
       const char  *uri,
       const char  *token)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  GBytes *body;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", bearer);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  body = soup_session_send_and_read_finish (session, result, &error);
  if (body == NULL || soup_message_get_status (message) != 200)
    g_error ("fetching %s failed: %s", uri, error ? error->message : "status");

  return body;
}

static gint64
int_member (GBytes     *body,
            const char *name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (body, &size);

  if (!json_parser_load_from_data (parser, data, size, &error))
    g_error ("parse: %s", error->message);

  return json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), name);
}

static void
remove_tree (const char *path)
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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsServer) server = NULL;
  g_autoptr(GPtrArray) organizations = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GBytes) sync = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *server_db = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *delta_uri = NULL;
  g_autofree char *sync_uri = NULL;
  g_autofree char *now = NULL;
  g_autofree char *escaped = NULL;
  const char *token = NULL;
  guint n_users = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  guint served = 0;
  guint pages = 0;
  gsize bytes = 0;
  double full_ms, unchanged_ms;
  gint64 start;

  dir = g_dir_make_tmp ("seats-bench-server-XXXXXX", &error);
  g_assert_no_error (error);
  server_db = g_build_filename (dir, "server.db", NULL);

  server = seats_server_new (server_db, SEATS_SERVER_FLAGS_NONE, &error);
  g_assert_no_error (error);
  seats_test_print_machine ();
  g_print ("Seeding %u users...\n", n_users);
  seats_server_seed_users (server, n_users, &error);
  g_assert_no_error (error);
  uri = seats_server_listen (server, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  organizations = seats_server_get_organizations (server);
  for (guint i = 0; i < organizations->len; i++)
    {
      SeatsServerOrganization *organization = g_ptr_array_index (organizations, i);

      if (g_str_equal (organization->slug, "scale"))
        token = organization->admin_token;
    }
  g_assert_nonnull (token);
  session = soup_session_new ();

  /* Every page, as a full sync asks for them. */
  start = g_get_monotonic_time ();
  for (gint64 total = G_MAXINT64; served < total; pages++)
    {
      g_autofree char *page_uri = g_strdup_printf ("%s/scim/v2/Users?startIndex=%u&count=%u",
                                                   uri, served + 1, PAGE_SIZE);
      g_autoptr(GBytes) body = fetch (session, page_uri, token);
      gint64 on_page = int_member (body, "itemsPerPage");

      total = int_member (body, "totalResults");
      bytes += g_bytes_get_size (body);
      if (on_page == 0)
        break;
      served += on_page;
    }
  full_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_cmpuint (served, ==, n_users);

  /* An unchanged organization: the delta filter since the server's now
   * returns an empty page. */
  sync_uri = g_strconcat (uri, "/api/v1/sync", NULL);
  sync = fetch (session, sync_uri, token);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    json_parser_load_from_data (parser, g_bytes_get_data (sync, NULL), g_bytes_get_size (sync), &error);
    g_assert_no_error (error);
    now = g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                   "now"));
  }
  escaped = g_uri_escape_string (now, NULL, FALSE);
  delta_uri = g_strdup_printf ("%s/scim/v2/Users?count=%u&filter=meta.lastModified%%20gt%%20%%22%s%%22",
                               uri, PAGE_SIZE, escaped);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < UNCHANGED_ROUNDS; i++)
    {
      g_autoptr(GBytes) body = fetch (session, delta_uri, token);

      g_assert_cmpint (int_member (body, "totalResults"), ==, 0);
    }
  unchanged_ms = (g_get_monotonic_time () - start) / 1000.0 / UNCHANGED_ROUNDS;

  g_print ("\nseats-server, in this process, serving %u users over loopback.\n\n", n_users);
  g_print ("all SCIM pages (%u of %u, %.0f MB)   %8.0f ms  %9.0f users/s\n",
           pages, PAGE_SIZE, bytes / 1e6, full_ms, served / (full_ms / 1000.0));
  g_print ("unchanged delta page (nothing changed) %8.2f ms  (mean of %u)\n",
           unchanged_ms, UNCHANGED_ROUNDS);

  seats_server_disconnect (server);
  g_clear_object (&server);
  remove_tree (dir);

  return 0;
}
