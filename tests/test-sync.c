/* test-sync.c: the client against the reference server, over real HTTP
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>

#include "seats-api-error.h"
#include "seats-license.h"
#include "seats-rules.h"
#include "seats-server.h"
#include "seats-sync-engine.h"
#include "seats-test.h"
#include "seats-test-server.h"
#include "sync-test-helper.h"

typedef struct
{
  char            *dir;
  SeatsTestServer *vendor;
  SeatsSyncEngine *engine;
  char            *db_path;
} Fixture;

static const SeatsServerOrganization *
find_organization (Fixture    *fixture,
                   const char *slug)
{
  return seats_test_server_find (fixture->vendor, slug);
}

static SeatsSyncEngine *
open_engine_with (Fixture            *fixture,
                  const char         *token,
                  const char         *db_path,
                  SeatsSyncLoadFlags  flags)
{
  return sync_test_open_engine (fixture->vendor->uri, token, db_path, flags);
}

static SeatsSyncEngine *
open_engine (Fixture    *fixture,
             const char *token,
             const char *db_path)
{
  return open_engine_with (fixture, token, db_path, SEATS_SYNC_LOAD_DEFAULT);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  const char *slug = user_data != NULL ? user_data : "demolen";

  /* Mid-period, so that the demo's periods, trials and deadlines are the
   * ones these tests are written for, whatever day they run. */
  seats_test_set_clock (SEATS_TEST_NOW);

  fixture->dir = seats_test_make_dir ("test-sync");
  fixture->vendor = seats_test_server_new (SEATS_SERVER_FLAGS_ALLOW_CLOCK |
                                           SEATS_SERVER_FLAGS_ALLOW_FAULTS);
  fixture->db_path = g_build_filename (fixture->dir, "account.db", NULL);
  fixture->engine = open_engine (fixture, find_organization (fixture, slug)->admin_token,
                                 fixture->db_path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->engine);
  g_clear_pointer (&fixture->vendor, seats_test_server_free);
  seats_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
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

static gboolean
run_submit (SeatsSyncEngine  *engine,
            SeatsChange      *change,
            GError          **error)
{
  return sync_test_submit (engine, change, error);
}

static gboolean
run_flush (SeatsSyncEngine  *engine,
           GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  seats_sync_engine_flush_outbox_async (engine, NULL, seats_test_done_cb, &result);
  return seats_sync_engine_flush_outbox_finish (engine, seats_test_wait_for (&result), error);
}

/* Asks the server directly, as a second party would. */
static JsonNode *
server_request (Fixture    *fixture,
                const char *token,
                const char *method,
                const char *path,
                const char *body,
                GError    **error)
{
  g_autoptr(SeatsClient) client = seats_client_new (fixture->vendor->uri, token, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SeatsResponse) response = NULL;
  g_autoptr(JsonNode) node = body != NULL ? json_from_string (body, NULL) : NULL;
  g_autofree char *key = g_str_equal (method, "POST") ? g_uuid_string_random () : NULL;

  seats_client_send_async (client, method, path, node, method[0] == 'G' ? NULL : "*", NULL, key,
                           NULL, seats_test_done_cb, &result);
  response = seats_client_send_finish (client, seats_test_wait_for (&result), NULL, error);
  if (response == NULL)
    return NULL;

  return response->root != NULL ? json_node_ref (response->root) : NULL;
}

static guint
server_order_count (Fixture    *fixture,
                    const char *token)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = server_request (fixture, token, "GET", "api/v1/orders?limit=500",
                                             NULL, &error);

  g_assert_no_error (error);
  return (guint) json_object_get_int_member (json_node_get_object (root), "total");
}

static guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

static SeatsUser *
first_user (SeatsSyncEngine *engine,
            gboolean         active)
{
  GListModel *users = seats_sync_engine_get_users (engine);

  for (guint i = 0; i < n_items (users); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      if (seats_user_get_active (user) == active && seats_user_get_end_date_julian (user) == 0)
        return user;
    }

  g_assert_not_reached ();
}

static void
test_full_then_unchanged (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  SeatsProduct *seats;
  guint requests;

  /* Nothing cached yet. */
  g_assert_null (seats_sync_engine_get_account (fixture->engine));
  g_assert_cmpuint (n_items (seats_sync_engine_get_users (fixture->engine)), ==, 0);

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (seats_account_get_name (seats_sync_engine_get_account (fixture->engine)), ==,
                   "Tandartspraktijk De Molen B.V.");
  g_assert_cmpint (seats_sync_engine_get_status (fixture->engine), ==, SEATS_SYNC_STATUS_IDLE);
  g_assert_cmpint (seats_sync_engine_get_last_synced (fixture->engine), >, 0);
  g_assert_cmpuint (n_items (seats_sync_engine_get_users (fixture->engine)), >, 10);
  g_assert_cmpuint (n_items (seats_sync_engine_get_orders (fixture->engine)), >, 0);
  g_assert_cmpuint (n_items (seats_sync_engine_get_history (fixture->engine)), >=, 12);
  g_assert_nonnull (seats_sync_engine_get_billing_details (fixture->engine));
  seats = seats_sync_engine_find_user_seats (fixture->engine);
  g_assert_nonnull (seats);
  g_assert_cmpuint (seats_product_get_purchased (seats), >=, seats_product_get_in_use (seats));

  /* An unchanged account re-syncs in one request. */
  requests = seats_sync_engine_get_request_count (fixture->engine);
  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seats_sync_engine_get_request_count (fixture->engine) - requests, ==, 1);
}

/* Every order and log entry in @engine lies in the past year of @now_time:
 * the demo's history is the twelve months before this one. */
static void
assert_dated_past_year (SeatsSyncEngine *engine,
                        GDateTime       *now_time)
{
  GListModel *orders = seats_sync_engine_get_orders (engine);
  GListModel *actions = seats_sync_engine_get_actions (engine);
  g_autoptr(GDateTime) year_ago_time = g_date_time_new_utc (g_date_time_get_year (now_time) - 1,
                                                            g_date_time_get_month (now_time),
                                                            1, 0, 0, 0);
  gint64 year_ago = g_date_time_to_unix (year_ago_time);
  gint64 now = g_date_time_to_unix (now_time);

  g_assert_cmpuint (g_list_model_get_n_items (orders), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (actions), >, 0);

  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(SeatsOrder) order = g_list_model_get_item (orders, i);

      g_assert_cmpint (seats_order_get_created (order), >=, year_ago);
      g_assert_cmpint (seats_order_get_created (order), <=, now);
    }

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(SeatsActionEntry) entry = g_list_model_get_item (actions, i);

      g_assert_cmpint (seats_action_entry_get_timestamp (entry), >=, year_ago);
      g_assert_cmpint (seats_action_entry_get_timestamp (entry), <=, now);
    }
}

/* The demo's history is dated in the server's past year, as synced and as
 * read back from the local copy: no unit is mixed up on the way. */
static void
test_demo_dates (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(SeatsSyncEngine) reopened = NULL;
  g_autoptr(GDateTime) now = seats_server_get_now (fixture->vendor->server);
  g_autoptr(GError) error = NULL;
  const char *token = find_organization (fixture, "demolen")->admin_token;

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_assert_no_error (error);
  assert_dated_past_year (fixture->engine, now);

  g_clear_object (&fixture->engine);
  reopened = open_engine (fixture, token, fixture->db_path);
  assert_dated_past_year (reopened, now);
}

/* A full sync of several pages asks for them a few at a time and keeps the
 * server's order, with every user once. */
static void
test_many_pages (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(SeatsSyncEngine) engine = NULL;
  g_autoptr(SeatsSyncEngine) reopened = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (fixture->dir, "scale.db", NULL);
  g_autoptr(GPtrArray) organizations = NULL;
  const char *token = NULL;
  GListModel *users;
  gint64 previous = 0;

  g_assert_true (seats_server_seed_users (fixture->vendor->server, 4321, &error));
  g_assert_no_error (error);
  organizations = seats_server_get_organizations (fixture->vendor->server);
  for (guint i = 0; i < organizations->len; i++)
    {
      SeatsServerOrganization *organization = g_ptr_array_index (organizations, i);

      if (g_str_equal (organization->slug, "scale"))
        token = organization->admin_token;
    }
  g_assert_nonnull (token);

  engine = open_engine (fixture, token, db_path);
  g_assert_true (run_sync (engine, TRUE, &error));
  g_assert_no_error (error);

  /* The seed creates users one after the other: the server's order. */
  users = seats_sync_engine_get_users (engine);
  g_assert_cmpuint (n_items (users), ==, 4321);
  for (guint i = 0; i < n_items (users); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      g_assert_true (g_hash_table_add (seen, g_strdup (seats_user_get_id (user))));
      g_assert_cmpint (seats_user_get_created (user), >=, previous);
      previous = seats_user_get_created (user);
    }

  g_clear_object (&engine);
  reopened = open_engine (fixture, token, db_path);
  g_assert_cmpuint (n_items (seats_sync_engine_get_users (reopened)), ==, 4321);
}

static void
test_cache_opens_offline (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(SeatsSyncEngine) reopened = NULL;
  g_autoptr(GError) error = NULL;
  const char *token = find_organization (fixture, "demolen")->admin_token;
  guint n_users;

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  n_users = n_items (seats_sync_engine_get_users (fixture->engine));
  g_clear_object (&fixture->engine);

  /* The server is gone: the local copy still opens, complete. */
  seats_server_disconnect (fixture->vendor->server);
  reopened = open_engine (fixture, token, fixture->db_path);
  g_assert_cmpuint (n_items (seats_sync_engine_get_users (reopened)), ==, n_users);
  g_assert_nonnull (seats_sync_engine_get_subscription (reopened));

  g_assert_false (run_sync (reopened, FALSE, &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_OFFLINE);
  g_clear_error (&error);
  g_assert_cmpint (seats_sync_engine_get_status (reopened), ==, SEATS_SYNC_STATUS_OFFLINE);
  g_assert_cmpuint (n_items (seats_sync_engine_get_users (reopened)), ==, n_users);

  /* Offline, nothing is queued silently: the change is refused at once. */
  g_assert_null (sync_test_check (reopened, seats_change_new_buy ("seats", 1), &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_OFFLINE);
}

static gboolean
engine_is_offline (gpointer data)
{
  return seats_sync_engine_get_status (data) == SEATS_SYNC_STATUS_OFFLINE;
}

static gboolean
engine_is_idle (gpointer data)
{
  return seats_sync_engine_get_status (data) == SEATS_SYNC_STATUS_IDLE;
}

/* Offline, a started engine tries again by itself: once the server is
 * back, the window is synced without anyone pressing anything, long
 * before the periodic sync of five minutes. */
static void
test_back_by_itself (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GUri) uri = g_uri_parse (fixture->vendor->uri, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *back = NULL;
  gint64 offline_since;

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  seats_server_disconnect (fixture->vendor->server);
  seats_sync_engine_start (fixture->engine);
  g_assert_true (seats_test_wait_until (engine_is_offline, fixture->engine, 10000));
  offline_since = g_get_monotonic_time ();

  back = seats_server_listen (fixture->vendor->server, "127.0.0.1", g_uri_get_port (uri), &error);
  g_assert_no_error (error);
  g_assert_true (seats_test_wait_until (engine_is_idle, fixture->engine, 60000));
  g_test_message ("back in sync %.1f s after going offline",
                  (double) (g_get_monotonic_time () - offline_since) / G_USEC_PER_SEC);
  seats_sync_engine_stop (fixture->engine);
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* The window opens on the rest of the account while the users are read
 * on a thread of their own; a sync asked for meanwhile waits for them. */
static void
test_users_read_later (Fixture       *fixture,
                       gconstpointer  user_data)
{
  const char *token = find_organization (fixture, "demolen")->admin_token;
  g_autoptr(SeatsSyncEngine) reopened = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *users;
  guint n_users, n_products, changes = 0;

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  n_users = n_items (seats_sync_engine_get_users (fixture->engine));
  n_products = n_items (seats_sync_engine_get_products (fixture->engine));
  g_assert_cmpuint (n_users, >, 0);
  g_clear_object (&fixture->engine);

  reopened = open_engine_with (fixture, token, fixture->db_path, SEATS_SYNC_LOAD_USERS_LATER);
  users = seats_sync_engine_get_users (reopened);
  g_signal_connect (users, "items-changed", G_CALLBACK (count_changes_cb), &changes);

  /* At once: everything but the users. */
  g_assert_true (seats_sync_engine_get_loading (reopened));
  g_assert_nonnull (seats_sync_engine_get_account (reopened));
  g_assert_nonnull (seats_sync_engine_get_subscription (reopened));
  g_assert_cmpuint (n_items (seats_sync_engine_get_products (reopened)), ==, n_products);
  g_assert_cmpuint (n_items (users), ==, 0);

  /* A sync asked for now sends nothing until the users are there. */
  seats_sync_engine_sync_async (reopened, FALSE, NULL, seats_test_done_cb, &result);
  g_assert_cmpint (seats_sync_engine_get_status (reopened), ==, SEATS_SYNC_STATUS_SYNCING);
  g_assert_cmpuint (seats_sync_engine_get_request_count (reopened), ==, 0);

  g_assert_true (seats_sync_engine_sync_finish (reopened, seats_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_false (seats_sync_engine_get_loading (reopened));
  g_assert_cmpuint (seats_sync_engine_get_request_count (reopened), >, 0);

  /* They came in one change, and the unchanged sync changed nothing. */
  g_assert_cmpuint (n_items (users), ==, n_users);
  g_assert_cmpuint (changes, ==, 1);

  g_signal_handlers_disconnect_by_func (users, count_changes_cb, &changes);
}

/* An engine let go while its users are still read goes away once they
 * are, with nothing left behind. */
static void
test_users_read_later_released (Fixture       *fixture,
                                gconstpointer  user_data)
{
  const char *token = find_organization (fixture, "demolen")->admin_token;
  g_autoptr(GError) error = NULL;
  SeatsSyncEngine *engine;

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_clear_object (&fixture->engine);

  engine = open_engine_with (fixture, token, fixture->db_path, SEATS_SYNC_LOAD_USERS_LATER);
  g_assert_true (seats_sync_engine_get_loading (engine));
  g_object_add_weak_pointer (G_OBJECT (engine), (gpointer *) &engine);
  seats_sync_engine_stop (engine);
  g_object_unref (engine);

  while (engine != NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_delta_and_deletion (Fixture       *fixture,
                         gconstpointer  user_data)
{
  const char *token = find_organization (fixture, "demolen")->admin_token;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) added = NULL;
  g_autofree char *path = NULL;
  g_autofree char *new_id = NULL;
  guint n_users, requests;

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  n_users = n_items (seats_sync_engine_get_users (fixture->engine));

  /* A person appears in the organization's own system. */
  added = server_request (fixture, token, "POST", "api/v1/_upstream/users",
                          "{\"userName\": \"noor.jansen\", \"givenName\": \"Noor\","
                          " \"familyName\": \"Jansen\", \"email\": \"noor@demolen.example\"}",
                          &error);
  g_assert_no_error (error);
  new_id = g_strdup (json_object_get_string_member (json_node_get_object (added), "id"));

  requests = seats_sync_engine_get_request_count (fixture->engine);
  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (seats_sync_engine_get_users (fixture->engine)), ==, n_users + 1);
  g_assert_nonnull (seats_sync_engine_find_user (fixture->engine, new_id));
  /* A delta, not all the users again: one page of changes. */
  g_assert_cmpuint (seats_sync_engine_get_request_count (fixture->engine) - requests, <=, 12);

  /* Removed upstream: gone after the next sync. */
  path = g_strdup_printf ("api/v1/_upstream/users/%s", new_id);
  g_clear_pointer (&added, json_node_unref);
  server_request (fixture, token, "DELETE", path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_assert_no_error (error);
  g_assert_null (seats_sync_engine_find_user (fixture->engine, new_id));
  g_assert_cmpuint (n_items (seats_sync_engine_get_users (fixture->engine)), ==, n_users);

  /* A full reconcile agrees. */
  g_assert_true (run_sync (fixture->engine, TRUE, &error));
  g_assert_cmpuint (n_items (seats_sync_engine_get_users (fixture->engine)), ==, n_users);
}

static void
test_buy_and_next_period (Fixture       *fixture,
                          gconstpointer  user_data)
{
  const char *token = find_organization (fixture, "demolen")->admin_token;
  g_autoptr(SeatsChange) buy = NULL;
  g_autoptr(SeatsChange) lower = NULL;
  g_autoptr(SeatsChange) too_low = NULL;
  g_autoptr(GError) error = NULL;
  SeatsProduct *seats;
  guint purchased, in_use, orders;

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  seats = seats_sync_engine_find_user_seats (fixture->engine);
  purchased = seats_product_get_purchased (seats);
  in_use = seats_product_get_in_use (seats);
  orders = server_order_count (fixture, token);

  buy = sync_test_check (fixture->engine, seats_change_new_buy (seats_product_get_id (seats), 5), &error);
  g_assert_no_error (error);
  g_assert_true (run_submit (fixture->engine, buy, &error));
  g_assert_no_error (error);

  seats = seats_sync_engine_find_user_seats (fixture->engine);
  g_assert_cmpuint (seats_product_get_purchased (seats), ==, purchased + 5);
  g_assert_cmpuint (server_order_count (fixture, token), ==, orders + 1);
  g_assert_cmpuint (n_items (seats_sync_engine_get_orders (fixture->engine)), >, 0);

  /* Below the users who count: refused before anything is sent (R5). */
  too_low = sync_test_check (fixture->engine, seats_change_new_next_period (seats_product_get_id (seats), in_use - 1), &error);
  g_assert_null (too_low);
  g_assert_error (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_BELOW_COUNTED_USERS);
  g_clear_error (&error);

  lower = sync_test_check (fixture->engine, seats_change_new_next_period (seats_product_get_id (seats), in_use), &error);
  g_assert_no_error (error);
  g_assert_true (run_submit (fixture->engine, lower, &error));
  g_assert_no_error (error);
  seats = seats_sync_engine_find_user_seats (fixture->engine);
  g_assert_cmpuint (seats_product_get_next_period (seats), ==, in_use);
}

/* The price shown before buying is the price the server invoices (R2, R4). */
static void
test_quote_matches_order (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(SeatsChange) buy = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *orders;
  SeatsProduct *seats;
  SeatsPurchaseQuote quote;
  gint64 amount = -1, invoiced = -1, newest = 0;
  guint new_purchased = 0, new_next = 0;

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  seats = seats_sync_engine_find_user_seats (fixture->engine);

  g_assert_false (sync_test_quote (fixture->engine, "seats", 0, &quote, &error));
  g_assert_error (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_NOTHING_TO_BUY);
  g_clear_error (&error);
  g_assert_false (sync_test_quote (fixture->engine, "no-such-product", 1, &quote, &error));
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (sync_test_quote (fixture->engine, "seats", 3, &quote, &error));
  g_assert_no_error (error);
  amount = quote.amount;
  g_assert_cmpint (amount, >, 0);
  g_assert_cmpint (amount, <=, 3 * seats_product_get_price (seats));
  g_assert_cmpuint (quote.purchased_before, ==, seats_product_get_purchased (seats));
  g_assert_cmpuint (quote.purchased_after, ==, seats_product_get_purchased (seats) + 3);
  g_assert_cmpuint (quote.next_before, ==, seats_product_get_next_period (seats));
  new_purchased = quote.purchased_after;
  new_next = quote.next_after;

  buy = sync_test_check (fixture->engine, seats_change_new_buy ("seats", 3), &error);
  g_assert_no_error (error);
  g_assert_true (run_submit (fixture->engine, buy, &error));
  g_assert_no_error (error);

  seats = seats_sync_engine_find_user_seats (fixture->engine);
  g_assert_cmpuint (seats_product_get_purchased (seats), ==, new_purchased);
  g_assert_cmpuint (seats_product_get_next_period (seats), ==, new_next);

  orders = seats_sync_engine_get_orders (fixture->engine);
  for (guint i = 0; i < n_items (orders); i++)
    {
      g_autoptr(SeatsOrder) order = g_list_model_get_item (orders, i);

      if (seats_order_get_created (order) >= newest && seats_order_get_quantity (order) == 3)
        {
          newest = seats_order_get_created (order);
          invoiced = seats_order_get_amount (order);
        }
    }
  g_assert_cmpint (invoiced, ==, amount);
}

static void
test_user_activation (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(SeatsChange) off = NULL;
  g_autoptr(SeatsChange) on = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  guint in_use;

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  id = g_strdup (seats_user_get_id (first_user (fixture->engine, TRUE)));
  in_use = seats_product_get_in_use (seats_sync_engine_find_user_seats (fixture->engine));

  off = sync_test_check (fixture->engine, seats_change_new_users_active ((const char *[]) { id, NULL }, FALSE), &error);
  g_assert_no_error (error);
  g_assert_true (run_submit (fixture->engine, off, &error));
  g_assert_no_error (error);
  g_assert_false (seats_user_get_active (seats_sync_engine_find_user (fixture->engine, id)));
  g_assert_cmpuint (seats_product_get_in_use (seats_sync_engine_find_user_seats (fixture->engine)),
                    ==, in_use - 1);

  on = sync_test_check (fixture->engine, seats_change_new_users_active ((const char *[]) { id, NULL }, TRUE), &error);
  g_assert_no_error (error);
  g_assert_true (run_submit (fixture->engine, on, &error));
  g_assert_no_error (error);
  g_assert_true (seats_user_get_active (seats_sync_engine_find_user (fixture->engine, id)));
}

/* A change costs its own request and one delta, never a sync: a
 * selection of three users is one Bulk and the delta that brings the
 * counts and the log; its Undo the same. */
static void
test_selection_costs_its_requests (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SeatsChange) off = NULL;
  g_autoptr(SeatsChange) undo = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *users = seats_sync_engine_get_users (fixture->engine);
  guint in_use, actions, requests;
  gint64 last_synced;
  GDate today;

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  seats_clock_get_today (seats_sync_engine_get_clock (fixture->engine), &today);
  for (guint i = 0; i < n_items (users) && ids->len < 3; i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      if (seats_user_get_status (user, &today) == SEATS_USER_STATUS_ACTIVE)
        g_ptr_array_add (ids, g_strdup (seats_user_get_id (user)));
    }
  g_assert_cmpuint (ids->len, ==, 3);
  g_ptr_array_add (ids, NULL);

  in_use = seats_product_get_in_use (seats_sync_engine_find_user_seats (fixture->engine));
  actions = n_items (seats_sync_engine_get_actions (fixture->engine));
  last_synced = seats_sync_engine_get_last_synced (fixture->engine);
  requests = seats_sync_engine_get_request_count (fixture->engine);

  off = seats_change_new_users_active ((const char * const *) ids->pdata, FALSE);
  seats_sync_engine_submit_async (fixture->engine, off, NULL, seats_test_done_cb, &result);
  g_assert_true (seats_sync_engine_submit_finish (fixture->engine, seats_test_wait_for (&result),
                                                  &undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seats_sync_engine_get_request_count (fixture->engine) - requests, ==, 1 + 1);

  /* The answer is in the local copy: the users, the count, the log. */
  for (guint i = 0; i < 3; i++)
    g_assert_false (seats_user_get_active (seats_sync_engine_find_user (fixture->engine, ids->pdata[i])));
  g_assert_cmpuint (seats_product_get_in_use (seats_sync_engine_find_user_seats (fixture->engine)),
                    ==, in_use - 3);
  g_assert_cmpuint (n_items (seats_sync_engine_get_actions (fixture->engine)), ==, actions + 3);
  /* Not a sync: when it last synced stays. */
  g_assert_cmpint (seats_sync_engine_get_last_synced (fixture->engine), ==, last_synced);
  g_assert_cmpuint (seats_sync_engine_count_waiting (fixture->engine), ==, 0);

  /* Undo: the inverse, exactly those three. */
  g_assert_nonnull (undo);
  g_assert_true (seats_change_get_on (undo));
  g_assert_cmpstrv (seats_change_get_user_ids (undo), (const char * const *) ids->pdata);
  requests = seats_sync_engine_get_request_count (fixture->engine);
  g_assert_true (run_submit (fixture->engine, undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seats_sync_engine_get_request_count (fixture->engine) - requests, ==, 1 + 1);
  for (guint i = 0; i < 3; i++)
    g_assert_true (seats_user_get_active (seats_sync_engine_find_user (fixture->engine, ids->pdata[i])));
  g_assert_cmpuint (seats_product_get_in_use (seats_sync_engine_find_user_seats (fixture->engine)),
                    ==, in_use);

  /* The local copy holds it all: a restart shows the same. */
  {
    g_autofree char *copy = g_build_filename (fixture->dir, "account.db", NULL);
    g_autoptr(SeatsSyncEngine) reopened = open_engine (fixture,
                                                        find_organization (fixture, "demolen")->admin_token,
                                                        copy);

    g_assert_cmpuint (n_items (seats_sync_engine_get_actions (reopened)), ==, actions + 6);
    g_assert_true (seats_user_get_active (seats_sync_engine_find_user (reopened, ids->pdata[0])));
  }

  /* And the next sync finds nothing new. */
  requests = seats_sync_engine_get_request_count (fixture->engine);
  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_assert_cmpuint (seats_sync_engine_get_request_count (fixture->engine) - requests, ==, 1);
}

/* One of a selection changed by somebody else first: the others are made,
 * the refusal is said, and the Undo is for the part that was made. */
static void
test_selection_partly_refused (Fixture       *fixture,
                               gconstpointer  user_data)
{
  const char *token = find_organization (fixture, "demolen")->admin_token;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SeatsChange) off = NULL;
  g_autoptr(SeatsChange) undo = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) theirs = NULL;
  g_autofree char *path = NULL;
  GListModel *users = seats_sync_engine_get_users (fixture->engine);
  GDate today;

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  seats_clock_get_today (seats_sync_engine_get_clock (fixture->engine), &today);
  for (guint i = 0; i < n_items (users) && ids->len < 3; i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      if (seats_user_get_status (user, &today) == SEATS_USER_STATUS_ACTIVE)
        g_ptr_array_add (ids, g_strdup (seats_user_get_id (user)));
    }
  g_assert_cmpuint (ids->len, ==, 3);
  g_ptr_array_add (ids, NULL);

  /* Somebody else deactivates and activates the second one: its version moves on. */
  path = g_strdup_printf ("scim/v2/Users/%s", (const char *) ids->pdata[1]);
  theirs = server_request (fixture, token, "PATCH", path,
                           "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                           "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}",
                           &error);
  g_assert_no_error (error);
  g_clear_pointer (&theirs, json_node_unref);
  theirs = server_request (fixture, token, "PATCH", path,
                           "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                           "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":true}]}",
                           &error);
  g_assert_no_error (error);

  off = seats_change_new_users_active ((const char * const *) ids->pdata, FALSE);
  seats_sync_engine_submit_async (fixture->engine, off, NULL, seats_test_done_cb, &result);
  g_assert_false (seats_sync_engine_submit_finish (fixture->engine, seats_test_wait_for (&result),
                                                   &undo, &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_STALE);
  g_clear_error (&error);

  /* The two made are shown, and the fresh state of the third. */
  g_assert_false (seats_user_get_active (seats_sync_engine_find_user (fixture->engine, ids->pdata[0])));
  g_assert_true (seats_user_get_active (seats_sync_engine_find_user (fixture->engine, ids->pdata[1])));
  g_assert_false (seats_user_get_active (seats_sync_engine_find_user (fixture->engine, ids->pdata[2])));
  g_assert_cmpuint (seats_sync_engine_count_waiting (fixture->engine), ==, 0);

  g_assert_nonnull (undo);
  g_assert_cmpstrv (seats_change_get_user_ids (undo),
                    ((const char * const []) { ids->pdata[0], ids->pdata[2], NULL }));
  g_assert_true (run_submit (fixture->engine, undo, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    g_assert_true (seats_user_get_active (seats_sync_engine_find_user (fixture->engine, ids->pdata[i])));
}

static void
test_stale_change_shows_fresh_state (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  const char *token = find_organization (fixture, "demolen")->admin_token;
  g_autoptr(SeatsChange) mine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) theirs = NULL;
  g_autofree char *path = NULL;
  SeatsProduct *seats;
  guint next;

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  seats = seats_sync_engine_find_user_seats (fixture->engine);
  next = seats_product_get_purchased (seats) + 3;

  /* Somebody else changes the next period first... */
  path = g_strdup_printf ("api/v1/products/%s/next-period", seats_product_get_id (seats));
  theirs = server_request (fixture, token, "PUT", path,
                           "{\"count\": 40}", &error);
  g_assert_no_error (error);

  /* ...so this change, made on the old state, is refused, and the fresh
   * state is what the models show afterwards. */
  mine = sync_test_check (fixture->engine, seats_change_new_next_period (seats_product_get_id (seats), next), &error);
  g_assert_no_error (error);
  g_assert_false (run_submit (fixture->engine, mine, &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_STALE);
  g_assert_cmpuint (seats_product_get_next_period (seats_sync_engine_find_user_seats (fixture->engine)),
                    ==, 40);
}

static void
test_billing_and_features (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(SeatsBillingDetails) details = NULL;
  g_autoptr(SeatsChange) bad = NULL;
  g_autoptr(SeatsChange) good = NULL;
  g_autoptr(SeatsChange) feature_switch = NULL;
  g_autoptr(SeatsFeature) feature = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *feature_id = NULL;
  gboolean enabled;

  g_assert_true (run_sync (fixture->engine, FALSE, &error));

  details = seats_billing_details_new ();
  g_object_set (details,
                "contact-email", "facturen@@demolen",
                "street", "Molenweg 12",
                "postal-code", "1234 AB",
                "city", "Molenaarsgraaf",
                "country", "NL",
                NULL);
  bad = sync_test_check (fixture->engine, seats_change_new_billing_details (details), &error);
  g_assert_null (bad);
  g_assert_error (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_INVALID_EMAIL);
  g_clear_error (&error);

  seats_billing_details_set_contact_email (details, "facturen@demolen.example");
  good = sync_test_check (fixture->engine, seats_change_new_billing_details (details), &error);
  g_assert_no_error (error);
  g_assert_true (run_submit (fixture->engine, good, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seats_billing_details_get_contact_email (seats_sync_engine_get_billing_details (fixture->engine)),
                   ==, "facturen@demolen.example");
  g_assert_cmpstr (seats_billing_details_get_city (seats_sync_engine_get_billing_details (fixture->engine)),
                   ==, "Molenaarsgraaf");

  feature = g_list_model_get_item (seats_sync_engine_get_features (fixture->engine), 0);
  feature_id = g_strdup (seats_feature_get_id (feature));
  enabled = seats_feature_get_enabled (feature);
  g_clear_object (&feature);

  feature_switch = sync_test_check (fixture->engine, seats_change_new_feature (feature_id, !enabled), &error);
  g_assert_no_error (error);
  g_assert_true (run_submit (fixture->engine, feature_switch, &error));
  g_assert_no_error (error);
  feature = g_list_model_get_item (seats_sync_engine_get_features (fixture->engine), 0);
  g_assert_cmpint (seats_feature_get_enabled (feature), ==, !enabled);
}

static void
test_pending_license (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(SeatsChange) activation = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsPendingLicense) pending = NULL;
  GListModel *changes;

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  /* Kept: each sync after a change replaces the engine's objects. */
  pending = g_object_ref (seats_sync_engine_get_pending_license (fixture->engine));
  g_assert_nonnull (pending);

  /* A product below what is in use blocks activation (R8). */
  activation = sync_test_check (fixture->engine, seats_change_new_activate_license (), &error);
  g_assert_null (activation);
  g_assert_error (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_LICENSE_BELOW_IN_USE);
  g_clear_error (&error);

  /* Remove the surplus holders of each short product, then activate. */
  changes = seats_pending_license_get_changes (pending);
  for (guint i = 0; i < n_items (changes); i++)
    {
      g_autoptr(SeatsLicenseChange) change = g_list_model_get_item (changes, i);
      const char *product_id = seats_license_change_get_product_id (change);
      SeatsProduct *product = seats_sync_engine_find_product (fixture->engine, product_id);
      GListModel *users = seats_sync_engine_get_users (fixture->engine);
      guint surplus = seats_rules_license_surplus (seats_license_change_get_new_count (change),
                                                   seats_license_change_get_in_use (change));
      SeatsProductKind kind;

      g_assert_nonnull (product);
      /* A sync after each change replaces the objects: keep what is needed. */
      kind = seats_product_get_kind (product);
      for (guint j = 0; surplus > 0 && j < n_items (users); j++)
        {
          g_autoptr(SeatsUser) user = g_list_model_get_item (users, j);
          g_autoptr(SeatsChange) request = NULL;

          if (kind == SEATS_PRODUCT_KIND_MODULE && seats_user_has_module (user, product_id))
            request = sync_test_check (fixture->engine, seats_change_new_module (product_id, (const char *[]) { seats_user_get_id (user), NULL }, FALSE), &error);
          else if (kind == SEATS_PRODUCT_KIND_USER_SEATS && seats_user_get_active (user))
            request = sync_test_check (fixture->engine, seats_change_new_users_active ((const char *[]) { seats_user_get_id (user), NULL }, FALSE), &error);
          else
            continue;

          g_assert_no_error (error);
          g_assert_true (run_submit (fixture->engine, request, &error));
          g_assert_no_error (error);
          surplus--;
          /* The models were replaced by the sync after the change. */
          users = seats_sync_engine_get_users (fixture->engine);
        }
      g_assert_cmpuint (surplus, ==, 0);
    }

  activation = sync_test_check (fixture->engine, seats_change_new_activate_license (), &error);
  g_assert_no_error (error);
  g_assert_true (run_submit (fixture->engine, activation, &error));
  g_assert_no_error (error);
  g_assert_null (seats_sync_engine_get_pending_license (fixture->engine));
}

static void
test_license_file (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *tampered = NULL;
  g_autoptr(SeatsPendingLicense) license = NULL;
  g_autoptr(SeatsChange) refused = NULL;
  g_autoptr(SeatsChange) import = NULL;
  char *digit;
  guint requests;

  g_assert_true (run_sync (fixture->engine, FALSE, &error));

  mine = seats_server_export_license (fixture->vendor->server, "demolen", &error);
  g_assert_no_error (error);

  /* Checked offline, before anything is shown (R9). */
  license = seats_sync_engine_check_license_file (fixture->engine, mine, strlen (mine), &error);
  g_assert_no_error (error);
  g_assert_nonnull (license);
  g_assert_cmpuint (g_list_model_get_n_items (seats_pending_license_get_changes (license)), >, 0);
  g_clear_object (&license);

  /* Another organization's file is not for this one. */
  {
    g_autofree char *path = g_build_filename (fixture->dir, "other.db", NULL);
    g_autoptr(SeatsSyncEngine) other = open_engine (fixture,
                                                     find_organization (fixture, "hetbaken")->admin_token,
                                                     path);

    g_assert_true (run_sync (other, FALSE, &error));
    license = seats_sync_engine_check_license_file (other, mine, strlen (mine), &error);
    g_assert_null (license);
    g_assert_error (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_WRONG_ORGANIZATION);
    g_clear_error (&error);

    requests = seats_sync_engine_get_request_count (other);
    refused = sync_test_check_import (other, mine, &error);
    g_assert_null (refused);
    g_clear_error (&error);
    /* A bad file is refused before anything is sent. */
    g_assert_cmpuint (seats_sync_engine_get_request_count (other), ==, requests);
  }

  /* One changed character and the vendor's signature no longer holds. */
  tampered = g_strdup (mine);
  digit = strpbrk (tampered, "0123456789");
  g_assert_nonnull (digit);
  *digit = *digit == '9' ? '8' : *digit + 1;
  license = seats_sync_engine_check_license_file (fixture->engine, tampered, strlen (tampered), &error);
  g_assert_null (license);
  g_assert_nonnull (error);
  g_clear_error (&error);

  license = seats_sync_engine_check_license_file (fixture->engine, "not a license", 13, &error);
  g_assert_null (license);
  g_assert_error (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_MALFORMED);
  g_clear_error (&error);

  import = sync_test_check_import (fixture->engine, mine, &error);
  g_assert_no_error (error);
  g_assert_true (run_submit (fixture->engine, import, &error));
  g_assert_no_error (error);
}

static void
test_lost_answer_is_retried_once (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  const char *token = find_organization (fixture, "demolen")->admin_token;
  g_autoptr(SeatsChange) buy = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  SeatsClient *client = sync_test_client (fixture->engine);
  SeatsProduct *seats;
  guint orders, purchased;

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  seats = seats_sync_engine_find_user_seats (fixture->engine);
  purchased = seats_product_get_purchased (seats);
  orders = server_order_count (fixture, token);

  /* The server takes the order, then the connection is cut. */
  seats_client_set_retry_policy (client, 1, 0);
  seats_client_add_header (client, "X-Seats-Fault", "drop-after-commit");
  buy = sync_test_check (fixture->engine, seats_change_new_buy (seats_product_get_id (seats), 2), &error);
  g_assert_no_error (error);
  g_assert_false (run_submit (fixture->engine, buy, &error));
  g_assert_true (seats_api_error_is_transient (error));
  g_clear_error (&error);
  g_assert_cmpuint (server_order_count (fixture, token), ==, orders + 1);

  /* Still in the outbox, with its key... */
  pending = seats_store_outbox_list_pending (seats_sync_engine_get_store (fixture->engine), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);

  /* ...and sent again: the server answers with the first order. */
  seats_client_remove_header (client, "X-Seats-Fault");
  g_assert_true (run_flush (fixture->engine, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (server_order_count (fixture, token), ==, orders + 1);

  g_clear_pointer (&pending, g_ptr_array_unref);
  pending = seats_store_outbox_list_pending (seats_sync_engine_get_store (fixture->engine), &error);
  g_assert_cmpuint (pending->len, ==, 0);

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_assert_cmpuint (seats_product_get_purchased (seats_sync_engine_find_user_seats (fixture->engine)),
                    ==, purchased + 2);
}

/* A full sync that brings the users the local copy has says nothing to
 * the views: the same users stay, so the Users page keeps its rows, its
 * selection and its place; one user changed is one change. */
static void
test_full_resync_keeps_users (Fixture       *fixture,
                              gconstpointer  user_data)
{
  const char *token = find_organization (fixture, "demolen")->admin_token;
  GListModel *users = seats_sync_engine_get_users (fixture->engine);
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsUser) first = NULL;
  g_autoptr(SeatsUser) second = NULL;
  g_autoptr(SeatsUser) third = NULL;
  g_autofree char *path = NULL;
  guint changes = 0;

  g_assert_true (run_sync (fixture->engine, TRUE, &error));
  first = g_list_model_get_item (users, 0);
  second = g_list_model_get_item (users, 1);
  third = g_list_model_get_item (users, 2);
  g_signal_connect (users, "items-changed", G_CALLBACK (count_changes_cb), &changes);

  g_assert_true (run_sync (fixture->engine, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 0);
  {
    g_autoptr(SeatsUser) again = g_list_model_get_item (users, 0);

    g_assert_true (again == first);
  }

  /* Someone else deactivates the second user. */
  path = g_strdup_printf ("scim/v2/Users/%s", seats_user_get_id (second));
  {
    g_autoptr(JsonNode) answer = server_request (fixture, token, "PATCH", path,
                                                 "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                                                 "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\","
                                                 "\"value\":false}]}", &error);

    g_assert_no_error (error);
  }
  g_assert_true (run_sync (fixture->engine, TRUE, &error));
  g_assert_cmpuint (changes, ==, 1);
  {
    g_autoptr(SeatsUser) again = g_list_model_get_item (users, 0);
    g_autoptr(SeatsUser) changed = g_list_model_get_item (users, 1);

    g_assert_true (again == first);
    g_assert_false (seats_user_get_active (changed));
  }

  /* A change made here, and the delta after it: that user alone. */
  {
    const char *ids[] = { seats_user_get_id (first), NULL };
    g_autoptr(SeatsChange) change = sync_test_check (fixture->engine,
                                                     seats_change_new_users_active (ids, FALSE), &error);

    g_assert_no_error (error);
    changes = 0;
    g_assert_true (run_submit (fixture->engine, change, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (changes, ==, 1);
  }
  {
    g_autoptr(SeatsUser) changed = g_list_model_get_item (users, 0);
    g_autoptr(SeatsUser) unchanged = g_list_model_get_item (users, 2);

    g_assert_false (seats_user_get_active (changed));
    g_assert_true (unchanged == third);
  }
  g_signal_handlers_disconnect_by_func (users, count_changes_cb, &changes);
}

static void
test_outbox_survives_restart (Fixture       *fixture,
                              gconstpointer  user_data)
{
  const char *token = find_organization (fixture, "demolen")->admin_token;
  g_autoptr(SeatsChange) buy = NULL;
  g_autoptr(SeatsSyncEngine) restarted = NULL;
  g_autoptr(GError) error = NULL;
  SeatsClient *client = sync_test_client (fixture->engine);
  guint orders;

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  orders = server_order_count (fixture, token);

  seats_client_set_retry_policy (client, 1, 0);
  seats_client_add_header (client, "X-Seats-Fault", "drop-after-commit");
  buy = sync_test_check (fixture->engine, seats_change_new_buy ("seats", 1), &error);
  g_assert_no_error (error);
  g_assert_false (run_submit (fixture->engine, buy, &error));
  g_clear_error (&error);
  g_clear_object (&fixture->engine);

  /* A new start sends what the outbox kept, and no order is doubled. */
  restarted = open_engine (fixture, token, fixture->db_path);
  g_assert_true (run_sync (restarted, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (server_order_count (fixture, token), ==, orders + 1);
}

/* Changes that waited in the outbox of Seats 0.1, which kept requests
 * rather than changes, are still sent after the update, against the
 * versions they were made against; one that is no change at all is put
 * aside with the reason, and the others still go. */
static void
test_outbox_kept_by_earlier_version (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  const char *token = find_organization (fixture, "demolen")->admin_token;
  g_autoptr(SeatsSyncEngine) restarted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *deactivate = NULL;
  g_autofree char *next_period = NULL;
  SeatsProduct *seats;
  guint orders, purchased, next;

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  orders = server_order_count (fixture, token);
  seats = seats_sync_engine_find_user_seats (fixture->engine);
  purchased = seats_product_get_purchased (seats);
  next = seats_product_get_next_period (seats);
  {
    SeatsUser *user = first_user (fixture->engine, TRUE);
    g_autofree char *escaped = g_uri_escape_string (seats_user_get_id (user), NULL, FALSE);
    g_autoptr(JsonNode) etag = json_node_init_string (json_node_alloc (), seats_user_get_version (user));
    g_autofree char *etag_json = json_to_string (etag, FALSE);

    user_id = g_strdup (seats_user_get_id (user));
    /* As Seats 0.1 wrote them. */
    deactivate = g_strdup_printf ("{\"kind\":\"deactivate-user\",\"method\":\"PATCH\","
                                  "\"path\":\"scim/v2/Users/%s\",\"if_match\":%s,\"needs_key\":false,"
                                  "\"body\":{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                                  "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}}",
                                  escaped, etag_json);
  }
  next_period = g_strdup_printf ("{\"kind\":\"next-period\",\"method\":\"PUT\","
                                 "\"path\":\"api/v1/products/seats/next-period\",\"if_match\":\"*\","
                                 "\"needs_key\":false,\"body\":{\"count\":%u}}", next + 1);
  g_clear_object (&fixture->engine);

  {
    g_autoptr(SeatsStore) store = seats_store_new (fixture->db_path, &error);
    const char *kept[][2] = {
      { "buy", "{\"kind\":\"buy\",\"method\":\"POST\",\"path\":\"api/v1/orders\",\"if_match\":\"*\","
               "\"needs_key\":true,\"body\":{\"product_id\":\"seats\",\"quantity\":2}}" },
      { "deactivate-user", deactivate },
      { "next-period", next_period },
      { "mystery", "{\"kind\":\"mystery\",\"method\":\"POST\",\"path\":\"api/v1/mystery\","
                   "\"needs_key\":false,\"body\":null}" },
    };

    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
      {
        g_autoptr(SeatsOutboxEntry) entry = seats_store_outbox_enqueue (store, kept[i][0], kept[i][1], &error);

        g_assert_no_error (error);
      }
  }

  restarted = open_engine (fixture, token, fixture->db_path);
  g_assert_cmpuint (seats_sync_engine_count_waiting (restarted), ==, 4);
  g_assert_false (run_flush (restarted, &error));
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_UNREADABLE);
  g_assert_cmpstr (error->message, ==, _("This change was kept by an earlier version of Seats and cannot "
                                         "be read, so it was not sent."));
  g_clear_error (&error);
  g_assert_cmpuint (seats_sync_engine_count_waiting (restarted), ==, 0);

  g_assert_true (run_sync (restarted, FALSE, &error));
  g_assert_no_error (error);
  seats = seats_sync_engine_find_user_seats (restarted);
  g_assert_cmpuint (server_order_count (fixture, token), ==, orders + 1);
  g_assert_cmpuint (seats_product_get_purchased (seats), ==, purchased + 2);
  g_assert_cmpuint (seats_product_get_next_period (seats), ==, next + 1);
  g_assert_false (seats_user_get_active (seats_sync_engine_find_user (restarted, user_id)));
}

/* A change made against a version the server has moved past, kept by
 * Seats 0.1: refused as stale, not applied over the newer state. */
static void
test_outbox_kept_stale (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *token = find_organization (fixture, "demolen")->admin_token;
  g_autoptr(SeatsSyncEngine) restarted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *payload = NULL;

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  user_id = g_strdup (seats_user_get_id (first_user (fixture->engine, TRUE)));
  payload = g_strdup_printf ("{\"kind\":\"deactivate-user\",\"method\":\"PATCH\","
                             "\"path\":\"scim/v2/Users/%s\",\"if_match\":\"W/\\\"1\\\"\",\"needs_key\":false,"
                             "\"body\":null}", user_id);
  g_clear_object (&fixture->engine);

  /* Someone else deactivated and activated the user since. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = g_strdup_printf ("scim/v2/Users/%s", user_id);
      g_autofree char *body = g_strdup_printf ("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                                               "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\","
                                               "\"value\":%s}]}", i == 0 ? "false" : "true");
      g_autoptr(JsonNode) changed = server_request (fixture, token, "PATCH", path, body, &error);

      g_assert_no_error (error);
    }
  {
    g_autoptr(SeatsStore) store = seats_store_new (fixture->db_path, &error);
    g_autoptr(SeatsOutboxEntry) entry = seats_store_outbox_enqueue (store, "deactivate-user", payload, &error);

    g_assert_no_error (error);
  }

  restarted = open_engine (fixture, token, fixture->db_path);
  g_assert_false (run_flush (restarted, &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_STALE);
  g_clear_error (&error);
  g_assert_true (run_sync (restarted, FALSE, &error));
  g_assert_true (seats_user_get_active (seats_sync_engine_find_user (restarted, user_id)));
}

static void
assert_fault_changes_nothing (Fixture       *fixture,
                              const char    *fault,
                              SeatsApiError  expected)
{
  g_autoptr(GError) error = NULL;
  SeatsClient *client = sync_test_client (fixture->engine);
  gint64 last_synced;
  guint n_users;

  g_test_message ("fault %s", fault);

  g_assert_true (run_sync (fixture->engine, TRUE, &error));
  last_synced = seats_sync_engine_get_last_synced (fixture->engine);
  n_users = n_items (seats_sync_engine_get_users (fixture->engine));

  seats_client_set_retry_policy (client, 2, 5000);
  seats_client_add_header (client, "X-Seats-Fault", fault);
  g_assert_false (run_sync (fixture->engine, TRUE, &error));
  g_assert_error (error, SEATS_API_ERROR, (int) expected);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpstr (seats_sync_engine_get_error_message (fixture->engine), ==, error->message);
  seats_client_remove_header (client, "X-Seats-Fault");

  /* The models and the local copy are as they were. */
  g_assert_cmpuint (n_items (seats_sync_engine_get_users (fixture->engine)), ==, n_users);
  g_assert_cmpint (seats_sync_engine_get_last_synced (fixture->engine), ==, last_synced);
  {
    g_autoptr(SeatsSyncEngine) reopened = open_engine (fixture,
                                                        find_organization (fixture, "demolen")->admin_token,
                                                        fixture->db_path);

    g_assert_cmpuint (n_items (seats_sync_engine_get_users (reopened)), ==, n_users);
    g_assert_cmpint (seats_sync_engine_get_last_synced (reopened), ==, last_synced);
  }
}

static void
test_bad_answers (Fixture       *fixture,
                  gconstpointer  user_data)
{
  gint64 start;

  assert_fault_changes_nothing (fixture, "status-500", SEATS_API_ERROR_SERVER);
  assert_fault_changes_nothing (fixture, "truncate", SEATS_API_ERROR_MALFORMED);
  assert_fault_changes_nothing (fixture, "wrong-content-type", SEATS_API_ERROR_MALFORMED);
  assert_fault_changes_nothing (fixture, "huge", SEATS_API_ERROR_MALFORMED);

  /* 429 with Retry-After: 1 is tried again after a second, then given up. */
  start = g_get_monotonic_time ();
  assert_fault_changes_nothing (fixture, "status-429", SEATS_API_ERROR_RATE_LIMITED);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
}

static void
test_viewer_changes_nothing (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(SeatsSyncEngine) viewer = NULL;
  g_autoptr(SeatsChange) buy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "viewer.db", NULL);
  guint requests;

  viewer = open_engine (fixture, find_organization (fixture, "demolen")->viewer_token, path);
  g_assert_true (run_sync (viewer, FALSE, &error));
  g_assert_no_error (error);

  /* A viewer sees licenses and users, not billing (R15). */
  g_assert_cmpuint (n_items (seats_sync_engine_get_users (viewer)), >, 0);
  g_assert_null (seats_sync_engine_get_billing_details (viewer));
  g_assert_cmpuint (n_items (seats_sync_engine_get_orders (viewer)), ==, 0);

  requests = seats_sync_engine_get_request_count (viewer);
  buy = sync_test_check (viewer, seats_change_new_buy ("seats", 1), &error);
  g_assert_null (buy);
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_ALLOWED);
  g_assert_false (seats_sync_engine_can_change (viewer, SEATS_CHANGE_USERS_ACTIVE, NULL));
  g_assert_cmpuint (seats_sync_engine_get_request_count (viewer), ==, requests);
}

static void
test_reseller_points_elsewhere (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_assert_false (seats_sync_engine_can_change (fixture->engine, SEATS_CHANGE_BUY, &error));
  g_assert_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "http"));
  g_clear_error (&error);

  /* Its users are the organization's own to activate and deactivate. */
  g_assert_true (seats_sync_engine_can_change (fixture->engine, SEATS_CHANGE_USERS_ACTIVE, &error));
  g_assert_true (seats_sync_engine_can_change (fixture->engine, SEATS_CHANGE_MODULE, &error));
  g_assert_no_error (error);
  {
    g_autofree char *id = g_strdup (seats_user_get_id (first_user (fixture->engine, TRUE)));
    const char *ids[] = { id, NULL };
    g_autoptr(SeatsChange) change = sync_test_check (fixture->engine,
                                                     seats_change_new_users_active (ids, FALSE), &error);

    g_assert_no_error (error);
    g_assert_true (run_submit (fixture->engine, change, &error));
    g_assert_no_error (error);
    g_assert_false (seats_user_get_active (seats_sync_engine_find_user (fixture->engine, id)));
  }
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;

  for (gsize i = 0; i + strlen (needle) <= len; i++)
    if (memcmp (contents + i, needle, strlen (needle)) == 0)
      return TRUE;

  return FALSE;
}

static void
test_token_never_written (Fixture       *fixture,
                          gconstpointer  user_data)
{
  const char *token = find_organization (fixture, "demolen")->admin_token;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (fixture->db_path, "-wal", NULL);

  g_assert_true (run_sync (fixture->engine, FALSE, &error));
  g_clear_object (&fixture->engine);

  g_assert_true (g_file_test (fixture->db_path, G_FILE_TEST_EXISTS));
  g_assert_false (file_contains (fixture->db_path, token));
  g_assert_false (file_contains (wal, token));
}

static int
child_sync_forever (const char *uri,
                    const char *token,
                    const char *db_path)
{
  g_autoptr(SeatsClient) client = seats_client_new (uri, token, NULL);
  g_autoptr(SeatsSource) source = seats_license_server_source_new (client);
  g_autoptr(SeatsStore) store = seats_store_new (db_path, NULL);
  g_autoptr(SeatsSyncEngine) engine = seats_sync_engine_new (source, store);

  for (guint round = 0; ; round++)
    {
      g_autoptr(GError) error = NULL;

      if (!run_sync (engine, TRUE, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print ("synced %u\n", round);
    }
}

static void
test_kill_during_sync (Fixture       *fixture,
                       gconstpointer  user_data)
{
  const char *token = find_organization (fixture, "demolen")->admin_token;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsSyncEngine) engine = NULL;
  g_autofree char *self_path = g_test_build_filename (G_TEST_BUILT, "test-sync", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint expected_users;

  g_assert_true (run_sync (fixture->engine, TRUE, &error));
  expected_users = n_items (seats_sync_engine_get_users (fixture->engine));
  g_clear_object (&fixture->engine);

  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
    g_autofree char *now = seats_test_clock_text ();

    /* The child keeps the test's time. */
    g_subprocess_launcher_setenv (launcher, "SEATS_CLOCK", now, TRUE);
    child = g_subprocess_launcher_spawn (launcher, &error, self_path, "--sync-forever",
                                         fixture->vendor->uri, token, fixture->db_path, NULL);
  }
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));

  /* Let it complete a few syncs, then kill it in the middle of the next. */
  for (guint synced = 0; synced < 3;)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autofree char *line = NULL;

      g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, seats_test_done_cb, &result);
      line = g_data_input_stream_read_line_finish (lines, seats_test_wait_for (&result), NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (g_str_has_prefix (line, "synced"))
        synced++;
    }
  for (guint i = 0; i < (guint) g_test_rand_int_range (1, 40); i++)
    g_main_context_iteration (NULL, FALSE);
  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (fixture->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* A complete state, never half of one. */
  engine = open_engine (fixture, token, fixture->db_path);
  g_assert_cmpuint (n_items (seats_sync_engine_get_users (engine)), ==, expected_users);
  g_assert_nonnull (seats_sync_engine_get_subscription (engine));
}

static GHashTable *
server_user_ids (Fixture    *fixture,
                 const char *token)
{
  g_autoptr(SeatsClient) client = seats_client_new (fixture->vendor->uri, token, NULL);
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint start = 1;; start += 1000)
    {
      g_autofree char *path = g_strdup_printf ("scim/v2/Users?startIndex=%u&count=1000", start);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(SeatsResponse) response = NULL;
      g_autoptr(GError) error = NULL;
      JsonArray *resources;

      seats_client_send_async (client, "GET", path, NULL, NULL, NULL, NULL, NULL, seats_test_done_cb,
                               &result);
      response = seats_client_send_finish (client, seats_test_wait_for (&result), NULL, &error);
      g_assert_no_error (error);
      resources = json_object_get_array_member (json_node_get_object (response->root), "Resources");
      for (guint i = 0; i < json_array_get_length (resources); i++)
        g_hash_table_add (ids, g_strdup (json_object_get_string_member (
                                           json_array_get_object_element (resources, i), "id")));
      if (json_array_get_length (resources) < 1000)
        return ids;
    }
}

static const char *
scale_token (Fixture *fixture,
             guint    n_users)
{
  g_autoptr(GPtrArray) organizations = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (seats_server_seed_users (fixture->vendor->server, n_users, &error));
  g_assert_no_error (error);
  organizations = seats_server_get_organizations (fixture->vendor->server);
  for (guint i = 0; i < organizations->len; i++)
    {
      SeatsServerOrganization *organization = g_ptr_array_index (organizations, i);

      /* The server keeps the organizations, and their tokens, for its life. */
      if (g_str_equal (organization->slug, "scale"))
        return g_intern_string (organization->admin_token);
    }

  g_assert_not_reached ();
}

/* People who leave upstream while a full sync reads the pages shift the
 * pages after them: the sync notices, reads them again, and the local copy
 * holds exactly the users there are (R1, R20 count on it). */
static void
test_users_leave_during_sync (Fixture       *fixture,
                              gconstpointer  user_data)
{
  const char *token = scale_token (fixture, 3500);
  g_autofree char *db_path = g_build_filename (fixture->dir, "scale.db", NULL);
  g_autoptr(SeatsSyncEngine) engine = open_engine (fixture, token, db_path);
  g_autoptr(GHashTable) there = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *users;

  seats_client_add_header (sync_test_client (engine), "X-Seats-Fault", "users-leave");
  g_assert_true (run_sync (engine, TRUE, &error));
  g_assert_no_error (error);
  seats_client_remove_header (sync_test_client (engine), "X-Seats-Fault");

  there = server_user_ids (fixture, token);
  g_assert_cmpuint (g_hash_table_size (there), ==, 3495);
  users = seats_sync_engine_get_users (engine);
  g_assert_cmpuint (n_items (users), ==, 3495);
  for (guint i = 0; i < n_items (users); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      g_assert_true (g_hash_table_contains (there, seats_user_get_id (user)));
    }
}

/* Totals that disagree with what came back are not believed: the sync
 * fails, few requests are spent on it, and the local copy is as it was. */
static void
test_totals_not_believed (Fixture       *fixture,
                          gconstpointer  user_data)
{
  const char *faults[] = { "inflated-total", "enormous-total" };
  g_autoptr(GError) error = NULL;
  guint n_users;

  g_assert_true (run_sync (fixture->engine, TRUE, &error));
  n_users = n_items (seats_sync_engine_get_users (fixture->engine));

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      SeatsClient *client = sync_test_client (fixture->engine);
      guint requests = seats_sync_engine_get_request_count (fixture->engine);

      g_test_message ("%s", faults[i]);
      seats_client_add_header (client, "X-Seats-Fault", faults[i]);
      g_assert_false (run_sync (fixture->engine, TRUE, &error));
      seats_client_remove_header (client, "X-Seats-Fault");
      g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, i == 0 ? "counted" : "10000000"));
      g_clear_error (&error);
      g_assert_cmpuint (seats_sync_engine_get_request_count (fixture->engine) - requests, <, 30);
      g_assert_cmpuint (n_items (seats_sync_engine_get_users (fixture->engine)), ==, n_users);
    }

  /* And the next sync is whole again. */
  g_assert_true (run_sync (fixture->engine, TRUE, &error));
  g_assert_cmpuint (n_items (seats_sync_engine_get_users (fixture->engine)), ==, n_users);
}

/* A server that never finishes an answer: the whole sync is given up in
 * time, the person is told the server is too slow, and the local copy is
 * as it was. */
static void
test_slow_server (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(SeatsTestSlowServer) slow = seats_test_slow_server_new (FALSE);
  g_autofree char *db_path = g_build_filename (fixture->dir, "slow.db", NULL);
  g_autoptr(SeatsSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;

  engine = sync_test_open_engine (seats_test_slow_server_get_uri (slow), "seats_test-token", db_path,
                                  SEATS_SYNC_LOAD_DEFAULT);
  /* Shorter than the real one (and than a request's own), for a quick test. */
  seats_sync_engine_set_deadline (engine, 1500);

  g_assert_false (run_sync (engine, FALSE, &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_TIMEOUT);
  g_assert_cmpint (seats_sync_engine_get_status (engine), ==, SEATS_SYNC_STATUS_OFFLINE);
  g_assert_nonnull (strstr (seats_sync_engine_get_error_message (engine), "too slow"));
  g_assert_null (seats_sync_engine_get_account (engine));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  /* The child of the kill test: sync over and over until killed. */
  if (argc == 5 && g_str_equal (argv[1], "--sync-forever"))
    return child_sync_forever (argv[2], argv[3], argv[4]);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, slug) \
  g_test_add (path, Fixture, slug, fixture_set_up, func, fixture_tear_down)

  ADD ("/sync/full-then-unchanged", test_full_then_unchanged, NULL);
  ADD ("/sync/demo-dates", test_demo_dates, NULL);
  ADD ("/sync/many-pages", test_many_pages, NULL);
  ADD ("/sync/cache-opens-offline", test_cache_opens_offline, NULL);
  ADD ("/sync/back-by-itself", test_back_by_itself, NULL);
  ADD ("/sync/slow-server", test_slow_server, NULL);
  ADD ("/sync/users-leave-during-sync", test_users_leave_during_sync, NULL);
  ADD ("/sync/totals-not-believed", test_totals_not_believed, NULL);
  ADD ("/sync/users-read-later", test_users_read_later, NULL);
  ADD ("/sync/users-read-later-released", test_users_read_later_released, NULL);
  ADD ("/sync/delta-and-deletion", test_delta_and_deletion, NULL);
  ADD ("/sync/buy-and-next-period", test_buy_and_next_period, NULL);
  ADD ("/sync/quote-matches-order", test_quote_matches_order, NULL);
  ADD ("/sync/user-activation", test_user_activation, NULL);
  ADD ("/sync/selection-costs-its-requests", test_selection_costs_its_requests, NULL);
  ADD ("/sync/selection-partly-refused", test_selection_partly_refused, NULL);
  ADD ("/sync/stale-change", test_stale_change_shows_fresh_state, NULL);
  ADD ("/sync/billing-and-features", test_billing_and_features, NULL);
  ADD ("/sync/pending-license", test_pending_license, NULL);
  ADD ("/sync/license-file", test_license_file, NULL);
  ADD ("/sync/lost-answer-retried-once", test_lost_answer_is_retried_once, NULL);
  ADD ("/sync/outbox-survives-restart", test_outbox_survives_restart, NULL);
  ADD ("/sync/full-resync-keeps-users", test_full_resync_keeps_users, NULL);
  ADD ("/sync/outbox-kept-by-earlier-version", test_outbox_kept_by_earlier_version, NULL);
  ADD ("/sync/outbox-kept-stale", test_outbox_kept_stale, NULL);
  ADD ("/sync/bad-answers", test_bad_answers, NULL);
  ADD ("/sync/viewer-changes-nothing", test_viewer_changes_nothing, NULL);
  ADD ("/sync/reseller", test_reseller_points_elsewhere, "bergstrom");
  ADD ("/sync/token-never-written", test_token_never_written, NULL);
  ADD ("/sync/kill-during-sync", test_kill_during_sync, NULL);

#undef ADD

  return g_test_run ();
}
