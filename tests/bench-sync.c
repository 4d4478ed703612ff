/* bench-sync.c: how long syncing 100,000 users takes, against the floor
 *
 * Not a test: prints figures. Run it from a release build without
 * sanitizers:  meson setup build-rel --buildtype=release
 *              ninja -C build-rel tests/bench-sync && build-rel/tests/bench-sync
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "seats-server.h"
#include "seats-sync-engine.h"

#define PAGE_SIZE 1000

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
run_sync (SeatsSyncEngine *engine,
          gboolean         full)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  seats_sync_engine_sync_async (engine, full, NULL, done_cb, &result);
  if (!seats_sync_engine_sync_finish (engine, wait_for (&result), &error))
    g_error ("sync failed: %s", error->message);
}

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
  body = soup_session_send_and_read_finish (session, wait_for (&result), &error);
  if (body == NULL || soup_message_get_status (message) != 200)
    g_error ("fetching %s failed: %s", uri, error ? error->message : "status");

  return body;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

/* The least a sync must do: fetch the pages, parse them and write every
 * user in one transaction, with nothing else. */
static guint
parse_and_insert (const char *base_uri,
                  const char *token,
                  const char *db_path)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint inserted = 0, total = G_MAXUINT;

  if (sqlite3_open (db_path, &db) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                        "CREATE TABLE users (id TEXT PRIMARY KEY, user_name TEXT, name TEXT,"
                        " email TEXT, active INTEGER, start_date TEXT, end_date TEXT,"
                        " modules TEXT, created TEXT, modified TEXT)", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO users VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1,
                          &stmt, NULL) != SQLITE_OK)
    g_error ("sqlite: %s", sqlite3_errmsg (db));

  while (inserted < total)
    {
      g_autofree char *uri = g_strdup_printf ("%s/scim/v2/Users?startIndex=%u&count=%u",
                                              base_uri, inserted + 1, PAGE_SIZE);
      g_autoptr(GBytes) body = fetch (session, uri, token);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *root;
      JsonArray *resources;
      gsize size;
      const char *data = g_bytes_get_data (body, &size);

      if (!json_parser_load_from_data (parser, data, size, &error))
        g_error ("parse: %s", error->message);

      root = json_node_get_object (json_parser_get_root (parser));
      total = json_object_get_int_member (root, "totalResults");
      resources = json_object_get_array_member (root, "Resources");
      if (json_array_get_length (resources) == 0)
        break;

      for (guint i = 0; i < json_array_get_length (resources); i++)
        {
          JsonObject *user = json_array_get_object_element (resources, i);
          JsonObject *meta = json_object_get_object_member (user, "meta");
          JsonObject *extension = json_object_get_object_member (user,
            "urn:ietf:params:scim:schemas:extension:seats:2.0:User");
          JsonArray *emails = json_object_get_array_member (user, "emails");
          JsonNode *modules = json_object_get_member (extension, "modules");
          g_autofree char *modules_text = json_to_string (modules, FALSE);

          sqlite3_bind_text (stmt, 1, string_member (user, "id"), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, string_member (user, "userName"), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, string_member (user, "displayName"), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, json_array_get_length (emails) > 0
                               ? string_member (json_array_get_object_element (emails, 0), "value")
                               : NULL, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 5, json_object_get_boolean_member (user, "active"));
          sqlite3_bind_text (stmt, 6, string_member (extension, "startDate"), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 7, string_member (extension, "endDate"), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 8, modules_text, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 9, string_member (meta, "created"), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 10, string_member (meta, "lastModified"), -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            g_error ("insert: %s", sqlite3_errmsg (db));
          sqlite3_reset (stmt);
          inserted++;
        }
    }

  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("commit: %s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return inserted;
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
  g_autoptr(SeatsClient) client = NULL;
  g_autoptr(SeatsStore) store = NULL;
  g_autoptr(SeatsSyncEngine) engine = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *server_db = NULL;
  g_autofree char *engine_db = NULL;
  g_autofree char *floor_db = NULL;
  g_autofree char *uri = NULL;
  const char *token = NULL;
  guint n_users = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  guint requests, inserted;
  double full_ms, resync_ms, floor_ms;
  gint64 start;

  setlocale (LC_ALL, "");

  dir = g_dir_make_tmp ("seats-bench-sync-XXXXXX", &error);
  g_assert_no_error (error);
  server_db = g_build_filename (dir, "server.db", NULL);
  engine_db = g_build_filename (dir, "engine.db", NULL);
  floor_db = g_build_filename (dir, "floor.db", NULL);

  server = seats_server_new (server_db, SEATS_SERVER_FLAGS_NONE, &error);
  g_assert_no_error (error);
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

  client = seats_client_new (uri, token, &error);
  g_assert_no_error (error);
  store = seats_store_new (engine_db, &error);
  g_assert_no_error (error);
  engine = seats_sync_engine_new (client, store);

  /* (a) a full sync into a fresh local copy */
  start = g_get_monotonic_time ();
  run_sync (engine, TRUE);
  full_ms = ms_since (start);
  g_assert_cmpuint (g_list_model_get_n_items (seats_sync_engine_get_users (engine)), ==, n_users);

  /* (b) nothing changed */
  requests = seats_sync_engine_get_request_count (engine);
  start = g_get_monotonic_time ();
  run_sync (engine, FALSE);
  resync_ms = ms_since (start);
  requests = seats_sync_engine_get_request_count (engine) - requests;

  /* (c) the floor: the same pages, parsed and bulk-inserted */
  start = g_get_monotonic_time ();
  inserted = parse_and_insert (uri, token, floor_db);
  floor_ms = ms_since (start);
  g_assert_cmpuint (inserted, ==, n_users);

  g_print ("\nSyncing %u users from seats-server on loopback.\n", n_users);
  g_print ("The server runs in this process: its time counts in (a) and (c) alike.\n\n");
  g_print ("(a) full sync, engine into a fresh local copy   %8.0f ms\n", full_ms);
  g_print ("(b) unchanged re-sync                           %8.1f ms  (%u request%s)\n",
           resync_ms, requests, requests == 1 ? "" : "s");
  g_print ("(c) fetch, parse and bulk-insert the same pages %8.0f ms\n", floor_ms);
  g_print ("    (a) / (c)                                   %8.2fx\n", full_ms / floor_ms);
  g_print ("\nTargets: (a) under 2000 ms and within 2x of (c); (b) one request under 50 ms.\n");

  g_clear_object (&engine);
  g_clear_object (&store);
  seats_server_disconnect (server);
  g_clear_object (&server);
  remove_tree (dir);

  return 0;
}
