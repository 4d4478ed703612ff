/* test-scim.c: a SCIM account, against a SCIM 2.0 service not written for
 * Seats (SCIMMY, from the npm registry) and against seats-server's own
 * SCIM endpoint, over real HTTP
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <signal.h>

#include "seats-accounts.h"
#include "seats-domain.h"
#include "seats-api-error.h"
#include "seats-server.h"
#include "seats-source.h"
#include "seats-store.h"
#include "seats-test.h"
#include "seats-test-server.h"
#include "sync-test-helper.h"

#define TOKEN     "scim-test-token"
#define READ_ONLY "scim-read-only-token"

/* The SCIM service: scimmy behind tests/scim-peer/server.js, started with
 * the options a test is about. */
typedef struct
{
  GSubprocess *process;
  char        *root;
  char        *base;
} Peer;

typedef struct
{
  char            *dir;
  Peer            *peer;
  SeatsSyncEngine *engine;
  SoupSession     *session;
} Fixture;

static void
peer_free (Peer *peer)
{
  if (peer == NULL)
    return;

  g_subprocess_send_signal (peer->process, SIGTERM);
  g_subprocess_wait (peer->process, NULL, NULL);
  g_object_unref (peer->process);
  g_free (peer->root);
  g_free (peer->base);
  g_free (peer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Peer, peer_free)

/* Starts the service with @options (NULL-terminated) and waits until it
 * listens. */
static Peer *
peer_start (const char *first_option,
            ...)
{
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "scim-peer", "server.js", NULL);
  g_autofree char *modules = g_test_build_filename (G_TEST_DIST, "scim-peer", "node_modules", "scimmy", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  Peer *peer = g_new0 (Peer, 1);
  const char *option;
  const char *url;
  va_list args;

  /* Without them this test proves nothing: it fails, and says why. */
  if (node == NULL)
    g_error ("Node.js is not installed: build-aux/run-tests.sh installs it");
  if (!g_file_test (modules, G_FILE_TEST_IS_DIR))
    g_error ("tests/scim-peer has no node_modules: run “npm ci” there, as build-aux/run-tests.sh does");

  g_ptr_array_add (argv, node);
  g_ptr_array_add (argv, script);
  va_start (args, first_option);
  for (option = first_option; option != NULL; option = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) option);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  peer->process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                     &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (peer->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Listening on "));

  url = line + strlen ("Listening on ");
  peer->base = g_strdup (url);
  {
    g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, &error);

    g_assert_no_error (error);
    peer->root = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uri));
  }

  return peer;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  seats_test_set_clock (SEATS_TEST_NOW);
  fixture->dir = seats_test_make_dir ("test-scim");
  fixture->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->engine);
  g_clear_pointer (&fixture->peer, peer_free);
  g_clear_object (&fixture->session);
  seats_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* The service's own view, through its control API: no SCIM, no Seats. */
static JsonNode *
control (Fixture    *fixture,
         const char *method,
         const char *path,
         const char *body)
{
  g_autofree char *url = g_strconcat (fixture->peer->root, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }

  answer = soup_session_send_and_read (fixture->session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), <, 300);
  if (g_bytes_get_size (answer) == 0)
    return NULL;

  node = json_from_string (g_bytes_get_data (answer, NULL), &error);
  g_assert_no_error (error);

  return node;
}

/* The user the service holds, by user name. */
static JsonObject *
service_user (JsonNode   *users,
              const char *user_name)
{
  JsonArray *array = json_node_get_array (users);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *user = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (user, "userName"), user_name) == 0)
        return user;
    }

  g_assert_not_reached ();
}

static gboolean
service_active (Fixture    *fixture,
                const char *user_name)
{
  g_autoptr(JsonNode) users = control (fixture, "GET", "/_control/users", NULL);
  JsonObject *user = service_user (users, user_name);

  /* Without "active", a user is active (RFC 7643 4.1.1). */
  return !json_object_has_member (user, "active") || json_object_get_boolean_member (user, "active");
}

static guint
service_requests (Fixture *fixture)
{
  g_autoptr(JsonNode) requests = control (fixture, "GET", "/_control/requests", NULL);

  return json_array_get_length (json_node_get_array (requests));
}

/* The method and URL of the service's request @index from the end. */
static char *
service_request (Fixture *fixture,
                 guint    from_end)
{
  g_autoptr(JsonNode) requests = control (fixture, "GET", "/_control/requests", NULL);
  JsonArray *array = json_node_get_array (requests);
  JsonObject *request = json_array_get_object_element (array, json_array_get_length (array) - 1 - from_end);

  return g_strdup_printf ("%s %s %" G_GINT64_FORMAT, json_object_get_string_member (request, "method"),
                          json_object_get_string_member (request, "url"),
                          json_object_get_int_member (request, "status"));
}

/* Connects as the window does: what is at @address, then the account. */
static SeatsAccountInfo *
check (const char  *address,
       const char  *user_name,
       const char  *secret,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  seats_accounts_check_async (address, user_name, secret, NULL, seats_test_done_cb, &result);

  return seats_accounts_check_finish (seats_test_wait_for (&result), error);
}

static void
open_account (Fixture    *fixture,
              const char *address,
              const char *user_name,
              const char *secret)
{
  g_autoptr(SeatsAccountInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "account.db", NULL);

  info = check (address, user_name, secret, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->source, ==, SEATS_ACCOUNT_SOURCE_SCIM);

  g_clear_object (&fixture->engine);
  fixture->engine = seats_accounts_open_at (info, secret, path, SEATS_SYNC_LOAD_DEFAULT, &error);
  g_assert_no_error (error);
}

static gboolean
run_sync (SeatsSyncEngine  *engine,
          gboolean          full,
          GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  seats_sync_engine_sync_async (engine, full, NULL, seats_test_done_cb, &result);
  return seats_sync_engine_sync_finish (engine, seats_test_wait_for (&result), error);
}

static SeatsUser *
find_user_named (SeatsSyncEngine *engine,
                 const char      *user_name)
{
  GListModel *users = seats_sync_engine_get_users (engine);

  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      if (g_strcmp0 (seats_user_get_user_name (user), user_name) == 0)
        return user;
    }

  return NULL;
}

static char *
user_name_of (guint i)
{
  return g_strdup_printf ("user%05u@example.test", i);
}

/* Submits a change of @n users, named by number, and returns its Undo. */
static SeatsChange *
change_users (Fixture      *fixture,
              const guint  *numbers,
              guint         n,
              gboolean      active,
              GError      **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  SeatsChange *undo = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = user_name_of (numbers[i]);
      SeatsUser *user = find_user_named (fixture->engine, name);

      g_assert_nonnull (user);
      g_ptr_array_add (ids, (gpointer) seats_user_get_id (user));
    }
  g_ptr_array_add (ids, NULL);

  change = seats_change_new_users_active ((const char * const *) ids->pdata, active);
  seats_sync_engine_submit_async (fixture->engine, change, NULL, seats_test_done_cb, &result);
  if (!seats_sync_engine_submit_finish (fixture->engine, seats_test_wait_for (&result), &undo, error))
    g_clear_pointer (&undo, seats_change_unref);

  return undo;
}

/* Every user with the right status, in pages of what the service gives:
 * 137 users at most 100 a page, so the second page is short. */
static void
test_discover_and_pull (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GListModel *users;
  guint n_active = 0;
  GDate today;

  fixture->peer = peer_start ("--auth", "bearer:" TOKEN, "--users", "137", "--max-results", "100", NULL);

  /* The address a person has, without /scim/v2: found below it. */
  open_account (fixture, fixture->peer->root, NULL, TOKEN);

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_assert_no_error (error);

  users = seats_sync_engine_get_users (fixture->engine);
  g_assert_cmpuint (g_list_model_get_n_items (users), ==, 137);
  g_assert_cmpint (seats_account_get_source (seats_sync_engine_get_account (fixture->engine)), ==,
                   SEATS_ACCOUNT_SOURCE_SCIM);

  /* Every 7th is inactive; every 11th has no "active" and is active; the
   * 77th is both, and so active. */
  seats_clock_get_today (seats_sync_engine_get_clock (fixture->engine), &today);
  for (guint i = 1; i <= 137; i++)
    {
      g_autofree char *name = user_name_of (i);
      SeatsUser *user = find_user_named (fixture->engine, name);

      g_assert_nonnull (user);
      g_assert_cmpint (seats_user_get_active (user), ==, i % 7 != 0 || i % 11 == 0);
      /* Versions are the service's own, opaque. */
      g_assert_true (g_str_has_prefix (seats_user_get_version (user), "W/\""));
      n_active += seats_user_counts (user, &today);
    }
  g_assert_cmpuint (n_active, ==, 137 - 19 + 1);
  g_assert_cmpuint (seats_users_count_counted (users, &today), ==, n_active);

  /* The second page began after what the first held. */
  {
    g_autofree char *last = service_request (fixture, 0);

    g_assert_nonnull (strstr (last, "startIndex=101&count=100"));
  }

  /* Nothing of a subscription is there to change. */
  g_assert_false (seats_sync_engine_supports (fixture->engine, SEATS_CHANGE_BUY));
  g_assert_false (seats_sync_engine_supports (fixture->engine, SEATS_CHANGE_MODULE));
  g_assert_true (seats_sync_engine_supports (fixture->engine, SEATS_CHANGE_USERS_ACTIVE));
  g_assert_cmpuint (g_list_model_get_n_items (seats_sync_engine_get_products (fixture->engine)), ==, 0);

  /* The local copy opens offline with all of it. */
  {
    g_autofree char *path = g_build_filename (fixture->dir, "account.db", NULL);
    g_autoptr(SeatsSyncEngine) reopened = sync_test_open_engine (fixture->peer->base, NULL, path,
                                                                 SEATS_SYNC_LOAD_DEFAULT);

    g_assert_cmpuint (g_list_model_get_n_items (seats_sync_engine_get_users (reopened)), ==, 137);
    g_assert_cmpint (seats_account_get_source (seats_sync_engine_get_account (reopened)), ==,
                     SEATS_ACCOUNT_SOURCE_SCIM);
  }
}

/* A service that leaves totalResults out is read to its first empty page. */
static void
test_no_totals (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->peer = peer_start ("--auth", "bearer:" TOKEN, "--users", "25", "--max-results", "10",
                              "--no-total", NULL);
  open_account (fixture, fixture->peer->base, NULL, TOKEN);

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (seats_sync_engine_get_users (fixture->engine)), ==, 25);
}

/* Deltas by meta.lastModified: an unchanged re-sync is one request; a
 * change comes with the next one; a deletion with the next full pull. */
static void
test_delta (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) users = NULL;
  g_autoptr(JsonNode) touched = NULL;
  g_autofree char *path = NULL;
  g_autofree char *deleted_path = NULL;
  g_autofree char *name_5 = user_name_of (5);
  g_autofree char *name_6 = user_name_of (6);
  guint requests;

  fixture->peer = peer_start ("--auth", "bearer:" TOKEN, "--users", "30", NULL);
  open_account (fixture, fixture->peer->base, NULL, TOKEN);
  g_assert_true (run_sync (fixture->engine, FALSE, &error));

  requests = seats_sync_engine_get_request_count (fixture->engine);
  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seats_sync_engine_get_request_count (fixture->engine) - requests, ==, 1);
  {
    g_autofree char *last = service_request (fixture, 0);

    g_assert_nonnull (strstr (last, "filter=meta.lastModified%20gt"));
  }

  users = control (fixture, "GET", "/_control/users", NULL);
  path = g_strdup_printf ("/_control/users/%s/touch",
                          json_object_get_string_member (service_user (users, name_5), "id"));
  touched = control (fixture, "POST", path, "{\"name\":{\"givenName\":\"Renamed\",\"familyName\":\"Upstream\"},"
                                             "\"displayName\":\"Renamed Upstream\"}");
  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seats_user_get_display_name (find_user_named (fixture->engine, name_5)), ==,
                   "Renamed Upstream");

  /* Deleted upstream: a delta does not see it, a reconcile does. */
  deleted_path = g_strdup_printf ("/_control/users/%s",
                                  json_object_get_string_member (service_user (users, name_6), "id"));
  control (fixture, "DELETE", deleted_path, NULL);
  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_assert_nonnull (find_user_named (fixture->engine, name_6));
  g_assert_true (run_sync (fixture->engine, TRUE, &error));
  g_assert_no_error (error);
  g_assert_null (find_user_named (fixture->engine, name_6));
  g_assert_cmpuint (g_list_model_get_n_items (seats_sync_engine_get_users (fixture->engine)), ==, 29);
}

/* A service that does not filter is read whole each time, and works. */
static void
test_no_filter (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  guint requests;

  fixture->peer = peer_start ("--auth", "bearer:" TOKEN, "--users", "12", "--max-results", "5",
                              "--no-filter", NULL);
  open_account (fixture, fixture->peer->base, NULL, TOKEN);
  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_assert_no_error (error);

  requests = seats_sync_engine_get_request_count (fixture->engine);
  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_assert_no_error (error);
  /* Three pages of at most five: no filter was sent, none refused. */
  g_assert_cmpuint (seats_sync_engine_get_request_count (fixture->engine) - requests, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (seats_sync_engine_get_users (fixture->engine)), ==, 12);
}

/* Deactivating and reactivating a selection with PATCH: one request a user
 * and no sync; the service agrees; the Undo reverses exactly that. */
static void
test_patch_and_undo (Fixture       *fixture,
                     gconstpointer  user_data)
{
  const guint chosen[] = { 1, 2, 3 };
  g_autoptr(SeatsChange) undo = NULL;
  g_autoptr(SeatsChange) again = NULL;
  g_autoptr(GError) error = NULL;
  guint requests;

  fixture->peer = peer_start ("--auth", "bearer:" TOKEN, "--users", "20", NULL);
  open_account (fixture, fixture->peer->base, NULL, TOKEN);
  g_assert_true (run_sync (fixture->engine, FALSE, &error));

  requests = service_requests (fixture);
  undo = change_users (fixture, chosen, G_N_ELEMENTS (chosen), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (service_requests (fixture) - requests, ==, 3);
  {
    g_autofree char *last = service_request (fixture, 0);

    g_assert_true (g_str_has_prefix (last, "PATCH "));
    g_assert_true (g_str_has_suffix (last, " 200"));
  }

  for (guint i = 0; i < G_N_ELEMENTS (chosen); i++)
    {
      g_autofree char *name = user_name_of (chosen[i]);

      g_assert_false (service_active (fixture, name));
      g_assert_false (seats_user_get_active (find_user_named (fixture->engine, name)));
    }

  g_assert_nonnull (undo);
  g_assert_cmpuint (g_strv_length ((char **) seats_change_get_user_ids (undo)), ==, 3);
  {
    g_autoptr(GAsyncResult) result = NULL;

    seats_sync_engine_submit_async (fixture->engine, undo, NULL, seats_test_done_cb, &result);
    g_assert_true (seats_sync_engine_submit_finish (fixture->engine, seats_test_wait_for (&result),
                                                    &again, &error));
    g_assert_no_error (error);
  }

  for (guint i = 0; i < G_N_ELEMENTS (chosen); i++)
    {
      g_autofree char *name = user_name_of (chosen[i]);

      g_assert_true (service_active (fixture, name));
      g_assert_true (seats_user_get_active (find_user_named (fixture->engine, name)));
    }
}

/* Where the service has Bulk, a selection is one request. */
static void
test_bulk (Fixture       *fixture,
           gconstpointer  user_data)
{
  const guint chosen[] = { 2, 3, 4, 5 };
  g_autoptr(SeatsChange) undo = NULL;
  g_autoptr(GError) error = NULL;
  guint requests;

  fixture->peer = peer_start ("--auth", "bearer:" TOKEN, "--users", "20", "--bulk", "10", NULL);
  open_account (fixture, fixture->peer->base, NULL, TOKEN);
  g_assert_true (run_sync (fixture->engine, FALSE, &error));

  requests = service_requests (fixture);
  undo = change_users (fixture, chosen, G_N_ELEMENTS (chosen), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (service_requests (fixture) - requests, ==, 1);
  {
    g_autofree char *last = service_request (fixture, 0);

    g_assert_true (g_str_has_prefix (last, "POST "));
    g_assert_nonnull (strstr (last, "/Bulk"));
  }

  for (guint i = 0; i < G_N_ELEMENTS (chosen); i++)
    {
      g_autofree char *name = user_name_of (chosen[i]);

      g_assert_false (service_active (fixture, name));
      g_assert_false (seats_user_get_active (find_user_named (fixture->engine, name)));
    }
  g_assert_nonnull (undo);
}

/* Without PATCH a user is read and put back whole: nothing but "active"
 * changes. */
static void
test_put (Fixture       *fixture,
          gconstpointer  user_data)
{
  const guint chosen[] = { 4 };
  g_autofree char *name = user_name_of (4);
  g_autoptr(SeatsChange) undo = NULL;
  g_autoptr(JsonNode) users = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *user;

  fixture->peer = peer_start ("--auth", "bearer:" TOKEN, "--users", "8", "--no-patch", NULL);
  open_account (fixture, fixture->peer->base, NULL, TOKEN);
  g_assert_true (run_sync (fixture->engine, FALSE, &error));

  undo = change_users (fixture, chosen, 1, FALSE, &error);
  g_assert_no_error (error);
  {
    g_autofree char *get = service_request (fixture, 1);
    g_autofree char *put = service_request (fixture, 0);

    g_assert_true (g_str_has_prefix (get, "GET "));
    g_assert_true (g_str_has_prefix (put, "PUT "));
  }

  users = control (fixture, "GET", "/_control/users", NULL);
  user = service_user (users, name);
  g_assert_false (json_object_get_boolean_member (user, "active"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (user, "name"), "givenName"),
                   ==, "Given00004");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (user, "emails")), ==, 1);
  g_assert_false (seats_user_get_active (find_user_named (fixture->engine, name)));
}

/* HTTP Basic: a user name and a password, kept like a token. */
static void
test_basic (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(SeatsAccountInfo) wrong = NULL;
  g_autoptr(GError) error = NULL;

  fixture->peer = peer_start ("--auth", "basic:beheer:geheim wachtwoord", "--users", "5", NULL);

  wrong = check (fixture->peer->base, "beheer", "verkeerd", &error);
  g_assert_null (wrong);
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "user name and password"));
  g_clear_error (&error);

  open_account (fixture, fixture->peer->base, "beheer", "geheim wachtwoord");
  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (seats_sync_engine_get_users (fixture->engine)), ==, 5);
}

/* What the service refuses is said, naming the service; what is busy is
 * tried again after the time it asks for. */
static void
test_errors (Fixture       *fixture,
             gconstpointer  user_data)
{
  const guint first[] = { 1 };
  const guint second[] = { 2 };
  g_autofree char *path = g_build_filename (fixture->dir, "read-only.db", NULL);
  g_autoptr(SeatsAccountInfo) info = NULL;
  g_autoptr(SeatsSyncEngine) read_only = NULL;
  g_autoptr(SeatsChange) undo = NULL;
  g_autoptr(JsonNode) users = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *name_2 = user_name_of (2);

  fixture->peer = peer_start ("--auth", "bearer:" TOKEN, "--readonly-token", READ_ONLY,
                              "--users", "6", NULL);

  /* 401 */
  g_assert_null (check (fixture->peer->base, NULL, "wrong", &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "service"));
  g_clear_error (&error);

  /* Neither a license server nor a SCIM service. */
  {
    g_autofree char *nowhere = g_strconcat (fixture->peer->root, "/_control", NULL);

    g_assert_null (check (nowhere, NULL, TOKEN, &error));
    g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "neither"));
    g_clear_error (&error);
  }

  /* 403: credentials that may read, not change. */
  info = check (fixture->peer->base, NULL, READ_ONLY, &error);
  g_assert_no_error (error);
  read_only = seats_accounts_open_at (info, READ_ONLY, path, SEATS_SYNC_LOAD_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (run_sync (read_only, FALSE, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->engine);
  fixture->engine = g_steal_pointer (&read_only);
  undo = change_users (fixture, first, 1, FALSE, &error);
  g_assert_null (undo);
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "service"));
  g_clear_error (&error);
  g_assert_cmpuint (seats_sync_engine_count_waiting (fixture->engine), ==, 0);

  /* 404: deleted upstream after the last sync. */
  open_account (fixture, fixture->peer->base, NULL, TOKEN);
  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  users = control (fixture, "GET", "/_control/users", NULL);
  deleted = g_strdup_printf ("/_control/users/%s",
                             json_object_get_string_member (service_user (users, name_2), "id"));
  control (fixture, "DELETE", deleted, NULL);
  undo = change_users (fixture, second, 1, FALSE, &error);
  g_assert_null (undo);
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* 429 with Retry-After: the sync waits a second and goes on. */
  g_clear_pointer (&users, json_node_unref);
  users = control (fixture, "POST", "/_control/fault", "{\"status\":429,\"retryAfter\":1,\"count\":1}");
  g_assert_true (run_sync (fixture->engine, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (seats_sync_engine_get_users (fixture->engine)), ==, 5);
}

/* A change made, its answer lost, sent again: the service refuses the old
 * version, Seats reads the user, and it is as asked. Made once, not twice,
 * and not reported as refused. */
static void
test_made_before_answer_lost (Fixture       *fixture,
                              gconstpointer  user_data)
{
  const guint chosen[] = { 3 };
  g_autofree char *name = user_name_of (3);
  g_autoptr(SeatsChange) undo = NULL;
  g_autoptr(JsonNode) users = NULL;
  g_autoptr(JsonNode) touched = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->peer = peer_start ("--auth", "bearer:" TOKEN, "--users", "6", NULL);
  open_account (fixture, fixture->peer->base, NULL, TOKEN);
  g_assert_true (run_sync (fixture->engine, FALSE, &error));

  /* As the first attempt left it: inactive, with a new version. */
  users = control (fixture, "GET", "/_control/users", NULL);
  path = g_strdup_printf ("/_control/users/%s/touch",
                          json_object_get_string_member (service_user (users, name), "id"));
  touched = control (fixture, "POST", path, "{\"active\":false}");

  undo = change_users (fixture, chosen, 1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  {
    g_autofree char *patch = service_request (fixture, 1);
    g_autofree char *get = service_request (fixture, 0);

    g_assert_true (g_str_has_prefix (patch, "PATCH "));
    g_assert_true (g_str_has_suffix (patch, " 412"));
    g_assert_true (g_str_has_prefix (get, "GET "));
  }
  g_assert_false (seats_user_get_active (find_user_named (fixture->engine, name)));
  g_assert_false (service_active (fixture, name));
}

/* Killed after the change was kept and before it was sent: the next start
 * sends it, once. */
static void
test_outbox_after_kill (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *name = user_name_of (2);
  g_autofree char *db = g_build_filename (fixture->dir, "account.db", NULL);
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint requests;

  fixture->peer = peer_start ("--auth", "bearer:" TOKEN, "--users", "6", NULL);
  open_account (fixture, fixture->peer->base, NULL, TOKEN);
  g_assert_true (run_sync (fixture->engine, FALSE, &error));

  /* What submitting writes before anything is sent. */
  change = seats_change_new_users_active ((const char *[]) {
                                            seats_user_get_id (find_user_named (fixture->engine, name)),
                                            NULL },
                                          FALSE);
  seats_change_record_basis (change, seats_sync_engine_get_snapshot (fixture->engine));
  text = seats_change_serialize (change);
  g_clear_object (&fixture->engine);
  {
    g_autoptr(SeatsStore) store = seats_store_new (db, &error);
    g_autoptr(SeatsOutboxEntry) entry = NULL;

    g_assert_no_error (error);
    entry = seats_store_outbox_enqueue (store, seats_change_get_kind_name (change), text, &error);
    g_assert_no_error (error);
  }

  open_account (fixture, fixture->peer->base, NULL, TOKEN);
  g_assert_cmpuint (seats_sync_engine_count_waiting (fixture->engine), ==, 1);
  requests = service_requests (fixture);
  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (service_active (fixture, name));
  g_assert_false (seats_user_get_active (find_user_named (fixture->engine, name)));
  g_assert_cmpuint (seats_sync_engine_count_waiting (fixture->engine), ==, 0);
  /* One PATCH and the delta. */
  g_assert_cmpuint (service_requests (fixture) - requests, ==, 2);

  /* Nothing is sent again at the next sync. */
  requests = service_requests (fixture);
  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_assert_cmpuint (service_requests (fixture) - requests, ==, 1);
}

/* seats-server's own SCIM endpoint, as a SCIM account: Bulk for a
 * selection, and the server agrees. */
static void
test_seats_server (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(SeatsTestServer) vendor = seats_test_server_new (SEATS_SERVER_FLAGS_NONE);
  const char *token = seats_test_server_find (vendor, "demolen")->admin_token;
  g_autofree char *base = g_strconcat (vendor->uri, "/scim/v2", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "seats-server.db", NULL);
  g_autoptr(SeatsAccountInfo) info = NULL;
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(SeatsChange) undo = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GListModel *users;
  guint requests;
  GDate today;

  info = check (base, NULL, token, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->source, ==, SEATS_ACCOUNT_SOURCE_SCIM);
  fixture->engine = seats_accounts_open_at (info, token, path, SEATS_SYNC_LOAD_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_assert_no_error (error);

  users = seats_sync_engine_get_users (fixture->engine);
  g_assert_cmpuint (g_list_model_get_n_items (users), >, 10);
  seats_clock_get_today (seats_sync_engine_get_clock (fixture->engine), &today);
  for (guint i = 0; i < g_list_model_get_n_items (users) && ids->len < 3; i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      if (seats_user_get_status (user, &today) == SEATS_USER_STATUS_ACTIVE)
        g_ptr_array_add (ids, g_strdup (seats_user_get_id (user)));
    }
  g_ptr_array_add (ids, NULL);

  requests = seats_sync_engine_get_request_count (fixture->engine);
  change = seats_change_new_users_active ((const char * const *) ids->pdata, FALSE);
  seats_sync_engine_submit_async (fixture->engine, change, NULL, seats_test_done_cb, &result);
  g_assert_true (seats_sync_engine_submit_finish (fixture->engine, seats_test_wait_for (&result),
                                                  &undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seats_sync_engine_get_request_count (fixture->engine) - requests, ==, 1);

  /* The server agrees, as its own license server API says. */
  {
    g_autofree char *other = g_build_filename (fixture->dir, "license-server.db", NULL);
    g_autoptr(SeatsSyncEngine) license_server = sync_test_open_engine (vendor->uri, token, other,
                                                                       SEATS_SYNC_LOAD_DEFAULT);

    g_assert_true (run_sync (license_server, FALSE, &error));
    for (guint i = 0; i < 3; i++)
      g_assert_false (seats_user_get_active (seats_sync_engine_find_user (license_server, ids->pdata[i])));
  }
  g_assert_nonnull (undo);
}

static SeatsPull *
submit (SeatsSyncEngine *engine,
        SeatsChange     *change,
        GError         **error)
{
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  if (!(checked = seats_sync_engine_check (engine, change, NULL, error)))
    return NULL;
  seats_sync_engine_submit_async (engine, checked, NULL, seats_test_done_cb, &result);

  return seats_sync_engine_submit_finish (engine, seats_test_wait_for (&result), NULL, error)
         ? (SeatsPull *) engine : NULL;
}

/* A SCIM service gives users, not what was bought: the terms are kept on
 * this computer, and the service's users are counted against them after
 * every change and sync, full or delta. The clock is November 16, 2026. */
static void
test_terms_kept_here (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(SeatsTestServer) vendor = seats_test_server_new (SEATS_SERVER_FLAGS_NONE);
  const char *token = seats_test_server_find (vendor, "demolen")->admin_token;
  g_autofree char *base = g_strconcat (vendor->uri, "/scim/v2", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "scim-terms.db", NULL);
  g_autoptr(SeatsAccountInfo) info = NULL;
  g_autoptr(SeatsTerms) terms = seats_terms_new ();
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *one_id = NULL;
  SeatsProduct *seats;
  GListModel *users;
  guint counted;
  GDate today;

  info = check (base, NULL, token, &error);
  g_assert_no_error (error);
  fixture->engine = seats_accounts_open_at (info, token, path, SEATS_SYNC_LOAD_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (seats_sync_engine_supports (fixture->engine, SEATS_CHANGE_TERMS));
  g_assert_false (seats_sync_engine_supports (fixture->engine, SEATS_CHANGE_USERS_PUT));
  g_assert_null (seats_sync_engine_find_user_seats (fixture->engine));

  seats_clock_get_today (seats_sync_engine_get_clock (fixture->engine), &today);
  users = seats_sync_engine_get_users (fixture->engine);
  counted = seats_users_count_counted (users, &today);
  g_assert_cmpuint (counted, >, 3);
  for (guint i = 0; i < g_list_model_get_n_items (users) && one_id == NULL; i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      if (seats_user_counts (user, &today))
        one_id = g_strdup (seats_user_get_id (user));
    }

  /* The terms: five more than count, and the vendor's portal. */
  terms->vendor = g_strdup ("Demolen");
  terms->product = g_strdup ("Practice software");
  terms->purchased = terms->next_period = counted + 5;
  terms->price = 1250;
  terms->period_start = seats_julian_from_ymd (2026, 11, 1);
  terms->notice_days = 14;
  terms->portal_url = g_strdup ("https://portal.example");
  change = seats_change_new_terms (terms);
  g_assert_nonnull (submit (fixture->engine, change, &error));
  g_assert_no_error (error);
  g_clear_pointer (&change, seats_change_unref);
  seats = seats_sync_engine_find_user_seats (fixture->engine);
  g_assert_nonnull (seats);
  g_assert_cmpuint (seats_product_get_purchased (seats), ==, counted + 5);
  g_assert_cmpuint (seats_product_get_in_use (seats), ==, counted);
  g_assert_cmpint (seats_subscription_get_monthly_price (seats_sync_engine_get_subscription (fixture->engine)),
                   ==, (gint64) (counted + 5) * 1250);

  /* One user deactivated at the service: counted at once. */
  {
    const char *ids[] = { one_id, NULL };

    change = seats_change_new_users_active (ids, FALSE);
    g_assert_nonnull (submit (fixture->engine, change, &error));
    g_assert_no_error (error);
    g_clear_pointer (&change, seats_change_unref);
  }
  seats = seats_sync_engine_find_user_seats (fixture->engine);
  g_assert_cmpuint (seats_product_get_in_use (seats), ==, counted - 1);

  /* Synced again, delta and full: the terms stay, the count with them. */
  for (guint full = 0; full < 2; full++)
    {
      g_assert_true (run_sync (fixture->engine, full, &error));
      g_assert_no_error (error);
      seats = seats_sync_engine_find_user_seats (fixture->engine);
      g_assert_nonnull (seats);
      g_assert_cmpuint (seats_product_get_purchased (seats), ==, counted + 5);
      g_assert_cmpuint (seats_product_get_in_use (seats), ==, counted - 1);
      g_assert_cmpstr (seats_account_get_shop_url (seats_sync_engine_get_account (fixture->engine)), ==,
                       "https://portal.example");
      g_assert_cmpint (seats_account_get_source (seats_sync_engine_get_account (fixture->engine)), ==,
                       SEATS_ACCOUNT_SOURCE_SCIM);
    }

  /* Bought under the terms: recorded here, at the prorated price. */
  change = seats_change_new_buy (SEATS_TERMS_PRODUCT_ID, 2);
  g_assert_nonnull (submit (fixture->engine, change, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seats_product_get_purchased (seats_sync_engine_find_user_seats (fixture->engine)), ==,
                    counted + 7);
  g_assert_cmpuint (g_list_model_get_n_items (seats_sync_engine_get_orders (fixture->engine)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/scim/discover-and-pull", test_discover_and_pull);
  ADD ("/scim/no-totals", test_no_totals);
  ADD ("/scim/delta", test_delta);
  ADD ("/scim/no-filter", test_no_filter);
  ADD ("/scim/patch-and-undo", test_patch_and_undo);
  ADD ("/scim/bulk", test_bulk);
  ADD ("/scim/put", test_put);
  ADD ("/scim/terms-kept-here", test_terms_kept_here);
  ADD ("/scim/basic", test_basic);
  ADD ("/scim/errors", test_errors);
  ADD ("/scim/made-before-answer-lost", test_made_before_answer_lost);
  ADD ("/scim/outbox-after-kill", test_outbox_after_kill);
  ADD ("/scim/seats-server", test_seats_server);

#undef ADD

  return g_test_run ();
}
