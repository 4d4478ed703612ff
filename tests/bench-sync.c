/* bench-sync.c: how long syncing 100,000 users takes, against the floor
 *
 * Not a test: prints figures. Run it from a release build without
 * sanitizers:  meson setup build-rel --buildtype=release
 *              ninja -C build-rel tests/bench-sync src/seats-server
 *              build-rel/tests/bench-sync
 *
 * It measures twice: with the server in this process, on the same main
 * loop as the client, and with `seats-server` as a process of its own, as
 * a real server is (found next to this program, or at $SEATS_SERVER).
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "seats-server.h"
#include "seats-sync-engine.h"
#include "seats-test.h"
#include "sync-test-helper.h"

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
                  const char *db_path,
                  double     *work_ms)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint inserted = 0, total = G_MAXUINT;
  gint64 commit_start;

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
      gint64 start = g_get_monotonic_time ();

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
      *work_ms += ms_since (start);
    }

  commit_start = g_get_monotonic_time ();
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("commit: %s", sqlite3_errmsg (db));
  *work_ms += ms_since (commit_start);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return inserted;
}

/* CPU time of this process, the client's share when the server is
 * another process */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

/* CPU time of the server process, from /proc; 0 where there is none */
static double
process_cpu_ms (const char *pid)
{
  g_autofree char *path = NULL;
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *end;

  if (pid == NULL)
    return 0;

  path = g_strdup_printf ("/proc/%s/stat", pid);
  if (!g_file_get_contents (path, &stat, NULL, NULL) || (end = strrchr (stat, ')')) == NULL)
    return 0;

  /* After the name: state, then fields 4 on; utime and stime are 14 and 15. */
  fields = g_strsplit (end + 2, " ", -1);
  if (g_strv_length (fields) < 13)
    return 0;

  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) * 1000.0 /
         sysconf (_SC_CLK_TCK);
}

typedef struct
{
  double full_ms;
  double full_cpu_ms;
  double server_cpu_ms;
  double resync_ms;
  guint  requests;
  double floor_ms;
  double floor_work_ms;
} Figures;

/* (a), (b) and (c) against the server at @uri, into fresh files in @dir. */
static void
measure (const char *uri,
         const char *token,
         const char *server_pid,
         const char *dir,
         const char *label,
         guint       n_users,
         Figures    *figures)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsSyncEngine) engine = NULL;
  g_autofree char *engine_name = g_strdup_printf ("engine-%s.db", label);
  g_autofree char *floor_name = g_strdup_printf ("floor-%s.db", label);
  g_autofree char *engine_db = g_build_filename (dir, engine_name, NULL);
  g_autofree char *floor_db = g_build_filename (dir, floor_name, NULL);
  guint inserted;
  gint64 start;
  double cpu_start, server_cpu_start;

  engine = sync_test_open_engine (uri, token, engine_db, SEATS_SYNC_LOAD_DEFAULT);

  /* (a) a full sync into a fresh local copy */
  start = g_get_monotonic_time ();
  cpu_start = cpu_ms ();
  server_cpu_start = process_cpu_ms (server_pid);
  run_sync (engine, TRUE);
  figures->full_ms = ms_since (start);
  figures->full_cpu_ms = cpu_ms () - cpu_start;
  figures->server_cpu_ms = process_cpu_ms (server_pid) - server_cpu_start;
  g_assert_cmpuint (g_list_model_get_n_items (seats_sync_engine_get_users (engine)), ==, n_users);

  /* (b) nothing changed */
  figures->requests = seats_sync_engine_get_request_count (engine);
  start = g_get_monotonic_time ();
  run_sync (engine, FALSE);
  figures->resync_ms = ms_since (start);
  figures->requests = seats_sync_engine_get_request_count (engine) - figures->requests;

  /* (c) the floor: the same pages, parsed and bulk-inserted */
  figures->floor_work_ms = 0;
  start = g_get_monotonic_time ();
  inserted = parse_and_insert (uri, token, floor_db, &figures->floor_work_ms);
  figures->floor_ms = ms_since (start);
  g_assert_cmpuint (inserted, ==, n_users);
}

static char *
find_server (const char *argv0)
{
  g_autofree char *here = NULL;

  if (g_getenv ("SEATS_SERVER") != NULL)
    return g_strdup (g_getenv ("SEATS_SERVER"));

  here = g_path_get_dirname (argv0);
  return g_build_filename (here, "..", "src", "seats-server", NULL);
}

/* Starts `seats-server --seed-users`; returns its address and the admin
 * token of "scale" once it listens. */
static GSubprocess *
spawn_server (const char  *exe,
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

static void
print_row (const char *what,
           double      in_process,
           double      separate)
{
  g_print ("%-46s %9.0f ms %9.0f ms\n", what, in_process, separate);
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
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *server_db = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *exe = find_server (argv[0]);
  g_autofree char *process_uri = NULL;
  g_autofree char *process_token = NULL;
  const char *token = NULL;
  guint n_users = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  Figures in_process, separate;

  setlocale (LC_ALL, "");

  dir = g_dir_make_tmp ("seats-bench-sync-XXXXXX", &error);
  g_assert_no_error (error);
  server_db = g_build_filename (dir, "server.db", NULL);

  /* The server in this process, on this thread's main loop */
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

  measure (uri, token, NULL, dir, "in-process", n_users, &in_process);
  seats_server_disconnect (server);
  g_clear_object (&server);

  /* seats-server as a process of its own, seeded the same way */
  g_print ("Seeding %u users in %s...\n", n_users, exe);
  process = spawn_server (exe, dir, n_users, &process_uri, &process_token);
  measure (process_uri, process_token, g_subprocess_get_identifier (process), dir, "process",
           n_users, &separate);
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);

  g_print ("\nSyncing %u users from seats-server on loopback.\n", n_users);
  g_print ("In process: the server runs on the client's main loop, so its time counts in\n"
           "(a) and (c) alike. Own process: seats-server serves from the other core.\n\n");
  g_print ("%-46s %12s %12s\n", "", "in process", "own process");
  print_row ("(a) full sync, engine into a fresh local copy", in_process.full_ms, separate.full_ms);
  g_print ("%-46s %9.1f ms %9.1f ms  (%u/%u request%s)\n", "(b) unchanged re-sync",
           in_process.resync_ms, separate.resync_ms, in_process.requests, separate.requests,
           in_process.requests == 1 && separate.requests == 1 ? "" : "s");
  print_row ("    CPU time of this process in (a)", in_process.full_cpu_ms, separate.full_cpu_ms);
  g_print ("%-46s %12s %9.0f ms\n", "    CPU time of seats-server in (a)", "", separate.server_cpu_ms);
  print_row ("(c) fetch, parse and bulk-insert, nothing else", in_process.floor_ms, separate.floor_ms);
  print_row ("    of which parsing and inserting", in_process.floor_work_ms, separate.floor_work_ms);
  g_print ("%-46s %11.2fx %11.2fx\n", "    (a) / (c)", in_process.full_ms / in_process.floor_ms,
           separate.full_ms / separate.floor_ms);
  g_print ("\nTargets: (a) under 2000 ms and within 2x of (c); (b) one request under 50 ms.\n");

  remove_tree (dir);

  return 0;
}
