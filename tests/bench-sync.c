/* bench-sync.c: how long syncing 100,000 users takes, against the floor,
 * and what changing some of them costs
 *
 * Not a test: prints figures. Run it from a release build without
 * sanitizers:  meson setup build-rel --buildtype=release
 *              ninja -C build-rel tests/bench-sync src/seats-server
 *              build-rel/tests/bench-sync
 *
 * It syncs twice as a license server account: with the server in this
 * process, on the same main loop as the client, and with `seats-server` as
 * a process of its own, as a real server is (found next to this program,
 * or at $SEATS_SERVER). Then, against that process, as a SCIM account of
 * its SCIM endpoint. For both kinds of account it deactivates one user and
 * fifty selected users, and undoes each, counting the requests.
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

#include "seats-accounts.h"
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

/* A SCIM account of the SCIM endpoint at @base, as the connect dialog
 * opens one. */
static SeatsSyncEngine *
open_scim_engine (const char *base,
                  const char *token,
                  const char *db_path)
{
  g_autoptr(SeatsAccountInfo) info = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SeatsSyncEngine *engine;

  seats_accounts_check_async (base, NULL, token, NULL, done_cb, &result);
  info = seats_accounts_check_finish (wait_for (&result), &error);
  if (info == NULL)
    g_error ("%s: %s", base, error->message);
  g_assert_cmpint (info->source, ==, SEATS_ACCOUNT_SOURCE_SCIM);

  engine = seats_accounts_open_at (info, token, db_path, SEATS_SYNC_LOAD_DEFAULT, &error);
  if (engine == NULL)
    g_error ("%s: %s", db_path, error->message);

  return engine;
}

/* (a), (b) and, with @floor, (c) against the server at @uri, into fresh
 * files in @dir; @scim syncs as a SCIM account of its SCIM endpoint. The
 * engine stays open for what comes next. */
static SeatsSyncEngine *
measure (const char *uri,
         const char *token,
         const char *server_pid,
         const char *dir,
         const char *label,
         guint       n_users,
         gboolean    scim,
         gboolean    floor,
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

  if (scim)
    {
      g_autofree char *base = g_strconcat (uri, "/scim/v2", NULL);

      engine = open_scim_engine (base, token, engine_db);
    }
  else
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
  if (floor)
    {
      figures->floor_work_ms = 0;
      start = g_get_monotonic_time ();
      inserted = parse_and_insert (uri, token, floor_db, &figures->floor_work_ms);
      figures->floor_ms = ms_since (start);
      g_assert_cmpuint (inserted, ==, n_users);
    }

  return g_steal_pointer (&engine);
}

typedef struct
{
  guint  requests;
  double ms;
} Cost;

/* What one change costs until the local copy shows it: requests, time. */
static SeatsChange *
submit (SeatsSyncEngine *engine,
        SeatsChange     *change,
        Cost            *cost)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SeatsChange *undo = NULL;
  guint requests = seats_sync_engine_get_request_count (engine);
  gint64 start = g_get_monotonic_time ();

  seats_sync_engine_submit_async (engine, change, NULL, done_cb, &result);
  if (!seats_sync_engine_submit_finish (engine, wait_for (&result), &undo, &error))
    g_error ("change refused: %s", error->message);

  cost->ms = ms_since (start);
  cost->requests = seats_sync_engine_get_request_count (engine) - requests;

  return undo;
}

/* Deactivates the first @n users who hold a license, as a selection on
 * the Users page, then undoes it: costs[0] and costs[1]. */
static void
measure_deactivation (SeatsSyncEngine *engine,
                      guint            n,
                      Cost             costs[2])
{
  GListModel *users = seats_sync_engine_get_users (engine);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(SeatsChange) undo = NULL;
  g_autoptr(SeatsChange) redo = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  seats_clock_get_today (seats_sync_engine_get_clock (engine), &today);
  for (guint i = 0; i < g_list_model_get_n_items (users) && ids->len < n; i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      if (seats_user_get_status (user, &today) == SEATS_USER_STATUS_ACTIVE)
        g_ptr_array_add (ids, g_strdup (seats_user_get_id (user)));
    }
  g_assert_cmpuint (ids->len, ==, n);
  g_ptr_array_add (ids, NULL);

  change = seats_change_new_users_active ((const char * const *) ids->pdata, FALSE);
  checked = seats_sync_engine_check (engine, change, NULL, &error);
  if (checked == NULL)
    g_error ("deactivating %u users refused: %s", n, error->message);

  undo = submit (engine, checked, &costs[0]);
  g_assert_nonnull (undo);
  redo = submit (engine, undo, &costs[1]);
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
  g_autofree char *exe = seats_test_find_server (argv[0]);
  g_autofree char *process_uri = NULL;
  g_autofree char *process_token = NULL;
  const char *token = NULL;
  guint n_users = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autoptr(SeatsSyncEngine) engine = NULL;
  Figures in_process = { 0 }, separate = { 0 }, scim = { 0 };
  Cost license_server[4], scim_costs[4];

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

  engine = measure (uri, token, NULL, dir, "in-process", n_users, FALSE, TRUE, &in_process);
  g_clear_object (&engine);
  seats_server_disconnect (server);
  g_clear_object (&server);

  /* seats-server as a process of its own, seeded the same way */
  g_print ("Seeding %u users in %s...\n", n_users, exe);
  process = seats_test_spawn_seeded_server (exe, dir, n_users, &process_uri, &process_token);
  engine = measure (process_uri, process_token, g_subprocess_get_identifier (process), dir, "process",
                    n_users, FALSE, TRUE, &separate);
  measure_deactivation (engine, 1, &license_server[0]);
  measure_deactivation (engine, 50, &license_server[2]);
  g_clear_object (&engine);

  /* The same server's SCIM endpoint, as a SCIM account */
  engine = measure (process_uri, process_token, g_subprocess_get_identifier (process), dir, "scim",
                    n_users, TRUE, FALSE, &scim);
  measure_deactivation (engine, 1, &scim_costs[0]);
  measure_deactivation (engine, 50, &scim_costs[2]);
  g_clear_object (&engine);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);

  g_print ("\nSyncing %u users from seats-server on loopback.\n", n_users);
  g_print ("In process: the server runs on the client's main loop, so its time counts in\n"
           "(a) and (c) alike. Own process: seats-server serves from the other core.\n\n");
  g_print ("%-46s %12s %12s %12s\n", "", "in process", "own process", "SCIM account");
  g_print ("%-46s %9.0f ms %9.0f ms %9.0f ms\n", "(a) full sync, engine into a fresh local copy",
           in_process.full_ms, separate.full_ms, scim.full_ms);
  g_print ("%-46s %9.1f ms %9.1f ms %9.1f ms\n", "(b) unchanged re-sync",
           in_process.resync_ms, separate.resync_ms, scim.resync_ms);
  g_print ("%-46s %12u %12u %12u\n", "    requests of (b)", in_process.requests, separate.requests,
           scim.requests);
  g_print ("%-46s %9.0f ms %9.0f ms %9.0f ms\n", "    CPU time of this process in (a)",
           in_process.full_cpu_ms, separate.full_cpu_ms, scim.full_cpu_ms);
  g_print ("%-46s %12s %9.0f ms %9.0f ms\n", "    CPU time of seats-server in (a)", "",
           separate.server_cpu_ms, scim.server_cpu_ms);
  print_row ("(c) fetch, parse and bulk-insert, nothing else", in_process.floor_ms, separate.floor_ms);
  print_row ("    of which parsing and inserting", in_process.floor_work_ms, separate.floor_work_ms);
  g_print ("%-46s %11.2fx %11.2fx %11.2fx\n", "    (a) / (c)", in_process.full_ms / in_process.floor_ms,
           separate.full_ms / separate.floor_ms, scim.full_ms / separate.floor_ms);
  g_print ("\nTargets: (a) under 2000 ms and within 2x of (c); (b) one request under 50 ms.\n");

  g_print ("\nChanging users of the %u, until the local copy shows it (own process):\n\n", n_users);
  g_print ("%-46s %21s %21s\n", "", "license server", "SCIM account");
  {
    const char *what[] = {
      "deactivate 1 user", "    Undo", "deactivate 50 selected users", "    Undo"
    };

    for (guint i = 0; i < G_N_ELEMENTS (what); i++)
      g_print ("%-46s %3u request%s %7.1f ms %3u request%s %7.1f ms\n", what[i],
               license_server[i].requests, license_server[i].requests == 1 ? " " : "s",
               license_server[i].ms,
               scim_costs[i].requests, scim_costs[i].requests == 1 ? " " : "s", scim_costs[i].ms);
  }
  g_print ("\nTargets: 1 request for one user; one batch, or 50 requests and no re-sync, for fifty.\n"
           "A request is the change or the one delta after it.\n");

  remove_tree (dir);

  return 0;
}
