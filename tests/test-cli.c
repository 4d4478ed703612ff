/* test-cli.c: seatsctl against the reference server, as a script runs it
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libical/ical.h>
#include <locale.h>

#include "cli-test-helper.h"
#include "seats-api-error.h"
#include "seats-client.h"
#include "seats-format.h"
#include "seats-rules.h"
#include "seats-server.h"
#include "seats-test.h"
#include "seats-test-server.h"
#include "seats-types.h"

typedef struct
{
  char            *dir;
  SeatsTestServer *vendor;
  const char      *admin_token;
  const char      *viewer_token;
  char            *server;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  const SeatsServerOrganization *demolen;

  /* Mid-period, so that the demo's periods, trials and deadlines are the
   * ones these tests are written for; seatsctl gets the same time. */
  seats_test_set_clock (SEATS_TEST_NOW);

  fixture->dir = seats_test_make_dir ("test-cli");
  fixture->vendor = seats_test_server_new (SEATS_SERVER_FLAGS_ALLOW_CLOCK);
  demolen = seats_test_server_find (fixture->vendor, "demolen");
  fixture->admin_token = demolen->admin_token;
  fixture->viewer_token = demolen->viewer_token;
  fixture->server = g_strdup (fixture->vendor->uri);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_pointer (&fixture->vendor, seats_test_server_free);
  g_clear_pointer (&fixture->server, g_free);
  seats_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* seatsctl --server URL (the fixture's server) with the token in SEATS_TOKEN and a private data
 * directory, in English unless @env says otherwise. */
static CliResult *
run_as_full (Fixture            *fixture,
             const char         *token,
             const char * const *env,
             const char         *input,
             CliSpawnedFunc      spawned,
             gpointer            user_data,
             const char * const *args)
{
  g_autofree char *token_env = token != NULL ? g_strconcat ("SEATS_TOKEN=", token, NULL)
                                             : g_strdup ("SEATS_TOKEN");
  g_autoptr(GStrvBuilder) extra = g_strv_builder_new ();
  g_auto(GStrv) extra_env = NULL;
  g_auto(GStrv) full_env = NULL;
  g_autoptr(GPtrArray) full_args = g_ptr_array_new ();

  g_strv_builder_add (extra, token_env);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    g_strv_builder_add (extra, env[i]);
  extra_env = g_strv_builder_end (extra);
  full_env = seats_test_child_environment (fixture->dir, (const char * const *) extra_env);

  g_ptr_array_add (full_args, "--server");
  g_ptr_array_add (full_args, fixture->server);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (full_args, (gpointer) args[i]);
  g_ptr_array_add (full_args, NULL);

  return cli_run_full ((const char * const *) full_env, input, spawned, user_data,
                       (const char * const *) full_args->pdata);
}

static CliResult *
run_as (Fixture    *fixture,
        const char *token,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, token);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return run_as_full (fixture, token, NULL, NULL, NULL, NULL, (const char * const *) args->pdata);
}

/* Asks the server directly, as a second party would. */
static JsonNode *
server_request_as (Fixture    *fixture,
                   const char *token,
                   const char *method,
                   const char *path,
                   const char *body)
{
  g_autoptr(SeatsClient) client = seats_client_new (fixture->vendor->uri, token, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SeatsResponse) response = NULL;
  g_autoptr(JsonNode) node = body != NULL ? json_from_string (body, NULL) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_str_equal (method, "POST") ? g_uuid_string_random () : NULL;

  seats_client_send_async (client, method, path, node, method[0] == 'G' ? NULL : "*", NULL, key,
                           NULL, seats_test_done_cb, &result);
  response = seats_client_send_finish (client, seats_test_wait_for (&result), NULL, &error);
  g_assert_no_error (error);

  return response->root != NULL ? json_node_ref (response->root) : NULL;
}

static JsonNode *
server_request (Fixture    *fixture,
                const char *method,
                const char *path,
                const char *body)
{
  return server_request_as (fixture, fixture->admin_token, method, path, body);
}

static JsonObject *
server_product (JsonNode   *subscription,
                const char *id)
{
  JsonArray *products = json_object_get_array_member (json_node_get_object (subscription),
                                                      "products");

  for (guint i = 0; i < json_array_get_length (products); i++)
    {
      JsonObject *product = json_array_get_object_element (products, i);

      if (g_str_equal (json_object_get_string_member (product, "id"), id))
        return product;
    }

  g_assert_not_reached ();
}

static guint
server_count (Fixture    *fixture,
              const char *path)
{
  g_autoptr(JsonNode) root = server_request (fixture, "GET", path, NULL);

  return json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                              "items"));
}

static void
assert_exit (CliResult *result,
             int        status)
{
  if (result->status != status)
    g_error ("seatsctl exited with %d, not %d:\n%s%s", result->status, status, result->out,
             result->err);
}

static void
test_help_lists_every_command (Fixture       *fixture,
                               gconstpointer  user_data)
{
  const char *commands[] = {
    "connect URL", "accounts", "use ID", "remove-account ID", "sync", "status", "licenses",
    "users", "buy N", "set-next-period N", "activate-user ID", "deactivate-user ID",
    "assign-module MODULE USER", "remove-module MODULE USER",
    "activate-license", "import-license FILE", "billing", "history", "help COMMAND",
    "add-subscription NAME=VALUE…", "set-terms NAME=VALUE…", "reminders", "calendar FILE",
    "overview", "add-user NAME=VALUE…", "edit-user USER NAME=VALUE…",
    "import-users FILE",
    "--server", "--account", "--csv", "--json", "--yes", "--product", "--counted",
    "--inactive", "SEATS_TOKEN",
  };
  g_autoptr(CliResult) help = cli_run (NULL, NULL, "--help", NULL);
  g_autoptr(CliResult) buy = cli_run (NULL, NULL, "help", "buy", NULL);

  assert_exit (help, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_true (cli_contains (help->out, commands[i]));

  assert_exit (buy, 0);
  g_assert_true (cli_contains (buy->out, "seatsctl [OPTION…] buy N"));
  g_assert_true (cli_contains (buy->out, "--yes"));
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *env[] = { "SEATS_TOKEN=x", NULL };
  const char *cases[][4] = {
    { NULL },
    { "frobnicate", NULL },
    { "--bogus", "status", NULL },
    { "buy", NULL },
    { "buy", "five", "--yes", NULL },
    { "buy", "0", "--yes", NULL },
    { "set-next-period", "-3", NULL },
    { "users", "--counted", "--inactive", NULL },
    { "status", "--csv", NULL },
    { "help", "frobnicate", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CliResult) result = cli_run_full (env, NULL, NULL, NULL, cases[i]);

      assert_exit (result, 2);
      g_assert_true (g_str_has_prefix (result->err, "seatsctl: "));
      g_assert_cmpstr (result->out, ==, "");
    }

  /* --server without a token in the environment */
  {
    g_autoptr(CliResult) result = run_as (fixture, NULL, "status", NULL);

    assert_exit (result, 2);
    g_assert_true (cli_contains (result->err, "SEATS_TOKEN"));
  }
}

static void
test_status (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(CliResult) human = run_as (fixture, fixture->admin_token, "status", NULL);
  g_autoptr(CliResult) json = run_as (fixture, fixture->admin_token, "status", "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  assert_exit (human, 0);
  g_assert_true (cli_contains (human->out, "Tandartspraktijk De Molen B.V."));
  g_assert_true (cli_contains (human->out, "Administrator"));
  g_assert_true (cli_contains (human->out, "just now"));
  g_assert_true (cli_contains (human->out, "Up to date"));

  assert_exit (json, 0);
  root = json_from_string (json->out, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "organization"), ==,
                   "Tandartspraktijk De Molen B.V.");
  g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "admin");
  g_assert_cmpint (json_object_get_int_member (object, "pending_changes"), ==, 0);
}

/* R18: seatsctl counts a trial's days as the server and the window do,
 * today included, and a day later one less. */
static void
test_trial_days (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const char *token = seats_test_server_find (fixture->vendor, "vandijk")->admin_token;
  g_autoptr(CliResult) today = run_as (fixture, token, "status", NULL);
  g_autoptr(CliResult) tomorrow = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GError) error = NULL;

  assert_exit (today, 0);
  /* The demo's bakery began its 12-day trial today. */
  g_assert_true (cli_contains (today->out, "Trial, 12 days left"));

  next = g_date_time_add_days (seats_server_get_now (fixture->vendor->server), 1);
  g_assert_true (seats_server_set_now (fixture->vendor->server, next, &error));
  g_assert_no_error (error);
  tomorrow = run_as (fixture, token, "status", NULL);
  assert_exit (tomorrow, 0);
  g_assert_true (cli_contains (tomorrow->out, "Trial, 11 days left"));

  /* Registered, the trial is gone and the serial number is there. */
  {
    g_autoptr(JsonNode) answer = server_request_as (fixture, token, "POST", "api/v1/trial/convert",
      "{\"serial_number\":\"ABCD-1234-EFGH-5678\",\"license_owner\":\"Bakkerij Van Dijk\"}");
    g_autoptr(CliResult) registered = run_as (fixture, token, "status", NULL);

    assert_exit (registered, 0);
    g_assert_false (cli_contains (registered->out, "Trial,"));
    g_assert_true (cli_contains (registered->out, "Serial number:"));
    g_assert_true (cli_contains (registered->out, "ABCD-1234-EFGH-5678"));
    g_assert_true (cli_contains (registered->out, "License owner:"));
  }
}

static void
test_licenses (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(CliResult) human = run_as (fixture, fixture->admin_token, "licenses", NULL);
  g_autoptr(CliResult) json = run_as (fixture, fixture->admin_token, "licenses", "--json", NULL);
  g_autoptr(JsonNode) subscription = server_request (fixture, "GET", "api/v1/subscription", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *products;
  JsonObject *pending;

  assert_exit (human, 0);
  g_assert_true (cli_contains (human->out, "Gebruikerslicenties"));
  g_assert_true (cli_contains (human->out, "Purchased"));
  g_assert_true (cli_contains (human->out, "A new license from the vendor is waiting"));

  assert_exit (json, 0);
  root = json_from_string (json->out, &error);
  g_assert_no_error (error);
  products = json_object_get_array_member (json_node_get_object (root), "products");
  g_assert_cmpuint (json_array_get_length (products), ==,
                    json_array_get_length (json_object_get_array_member (json_node_get_object (subscription),
                                                                         "products")));

  /* Every count is the server's. */
  for (guint i = 0; i < json_array_get_length (products); i++)
    {
      JsonObject *product = json_array_get_object_element (products, i);
      JsonObject *expected = server_product (subscription,
                                             json_object_get_string_member (product, "id"));
      const char *members[] = { "purchased", "in_use", "available", "next_period" };

      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        g_assert_cmpint (json_object_get_int_member (product, members[m]), ==,
                         json_object_get_int_member (expected, members[m]));
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (product, "price"),
                                                   "amount"), ==,
                       json_object_get_int_member (json_object_get_object_member (expected, "price"),
                                                   "amount"));
    }

  pending = json_object_get_object_member (json_node_get_object (root), "pending_license");
  g_assert_nonnull (pending);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (pending, "changes")), ==, 2);
}

/* Splits CSV lines; the cells of the test data hold no line breaks. */
static GStrv
csv_lines (const char *csv)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
  guint n = g_strv_length (lines);

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpstr (lines[n - 1], ==, "");
  g_clear_pointer (&lines[n - 1], g_free);

  return g_steal_pointer (&lines);
}

static void
test_users_counted_csv (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(JsonNode) added = NULL;
  g_autoptr(JsonNode) subscription = NULL;
  g_autoptr(CliResult) csv = NULL;
  g_autoptr(CliResult) inactive = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) inactive_lines = NULL;
  const char *new_id;
  gboolean quoted_found = FALSE;
  guint in_use;

  /* A person whose name a spreadsheet could misread. */
  added = server_request (fixture, "POST", "api/v1/_upstream/users",
                          "{\"userName\": \"jan.obrien\", \"givenName\": \"Jan \\\"JJ\\\"\","
                          " \"familyName\": \"O'Brien, jr.\", \"email\": \"jan@demolen.example\"}");
  new_id = json_object_get_string_member (json_node_get_object (added), "id");

  subscription = server_request (fixture, "GET", "api/v1/subscription", NULL);
  in_use = json_object_get_int_member (server_product (subscription, "seats"), "in_use");

  /* A script reads the columns by their stable names. */
  csv = run_as (fixture, fixture->admin_token, "users", "--counted", "--csv", "--stable-header", NULL);
  assert_exit (csv, 0);
  lines = csv_lines (csv->out);
  g_assert_cmpstr (lines[0], ==, "id,user_name,name,email,active,start_date,end_date,modules");
  /* Only the users who count (R1): as many as the server has in use. */
  g_assert_cmpuint (g_strv_length (lines) - 1, ==, in_use);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_assert_true (cli_contains (lines[i], ",true,"));
      if (g_str_has_prefix (lines[i], new_id))
        {
          g_assert_true (cli_contains (lines[i], ",\"Jan \"\"JJ\"\" O'Brien, jr.\","));
          quoted_found = TRUE;
        }
    }
  g_assert_true (quoted_found);

  /* And the others, without the ones who count. */
  inactive = run_as (fixture, fixture->admin_token, "users", "--inactive", "--csv", NULL);
  assert_exit (inactive, 0);
  inactive_lines = csv_lines (inactive->out);
  g_assert_cmpuint (g_strv_length (inactive_lines), >, 1);
  for (guint i = 1; inactive_lines[i] != NULL; i++)
    for (guint j = 1; lines[j] != NULL; j++)
      g_assert_cmpstr (inactive_lines[i], !=, lines[j]);
}

static void
test_buy (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autoptr(JsonNode) subscription = server_request (fixture, "GET", "api/v1/subscription", NULL);
  g_autoptr(JsonNode) orders = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(CliResult) asked = NULL;
  g_autoptr(CliResult) bought = NULL;
  g_autofree char *money = NULL;
  g_autofree char *sum = NULL;
  SeatsPurchaseQuote quote;
  JsonObject *period = json_object_get_object_member (json_node_get_object (subscription), "period");
  JsonObject *seats = server_product (subscription, "seats");
  guint n_orders = server_count (fixture, "api/v1/orders?limit=500");
  guint purchased = json_object_get_int_member (seats, "purchased");
  gint64 price = json_object_get_int_member (json_object_get_object_member (seats, "price"), "amount");
  gint64 amount = 0, newest = 0, invoiced = -1;
  g_autoptr(JsonNode) account = server_request (fixture, "GET", "api/v1/account", NULL);
  g_autoptr(GError) error = NULL;
  GDate start, end, today;
  JsonArray *items;

  /* Not a terminal and no --yes: nothing is bought. */
  asked = run_as (fixture, fixture->admin_token, "buy", "3", NULL);
  assert_exit (asked, 2);
  g_assert_true (cli_contains (asked->err, "--yes"));
  g_assert_cmpuint (server_count (fixture, "api/v1/orders?limit=500"), ==, n_orders);

  /* R2: the price shown is the rule's, over the server's period. */
  g_date_clear (&start, 1);
  g_date_clear (&end, 1);
  g_date_set_parse (&start, json_object_get_string_member (period, "start"));
  g_date_set_parse (&end, json_object_get_string_member (period, "end"));
  /* Today is the organization's, in its time zone. */
  g_date_clear (&today, 1);
  g_date_set_parse (&today, json_object_get_string_member (json_node_get_object (account), "today"));
  g_assert_true (seats_rules_quote_purchase (purchased, json_object_get_int_member (seats, "next_period"),
                                             3, price, json_object_get_int_member (period, "months"),
                                             &start, &end, &today, &quote, &error));
  g_assert_no_error (error);
  amount = quote.amount;
  money = seats_format_money (amount, "EUR");
  sum = seats_format_proration (&quote, "EUR");

  bought = run_as (fixture, fixture->admin_token, "buy", "3", "--yes", NULL);
  assert_exit (bought, 0);
  g_assert_true (cli_contains (bought->out, money));
  /* And how it is reached. */
  g_assert_true (cli_contains (bought->out, sum));
  g_assert_true (cli_contains (bought->out, "Gebruikerslicenties: bought 3 licenses"));

  g_assert_cmpuint (server_count (fixture, "api/v1/orders?limit=500"), ==, n_orders + 1);
  after = server_request (fixture, "GET", "api/v1/subscription", NULL);
  g_assert_cmpint (json_object_get_int_member (server_product (after, "seats"), "purchased"), ==,
                   purchased + 3);

  /* The order the server made costs what was shown. */
  orders = server_request (fixture, "GET", "api/v1/orders?limit=500", NULL);
  items = json_object_get_array_member (json_node_get_object (orders), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *order = json_array_get_object_element (items, i);
      g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 (json_object_get_string_member (order, "created"), NULL);

      if (created != NULL && g_date_time_to_unix (created) >= newest)
        {
          newest = g_date_time_to_unix (created);
          invoiced = json_object_get_int_member (json_object_get_object_member (order, "amount"),
                                                 "amount");
        }
    }
  g_assert_cmpint (invoiced, ==, amount);
}

static void
test_next_period_floor (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(JsonNode) subscription = server_request (fixture, "GET", "api/v1/subscription", NULL);
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) actions = NULL;
  g_autoptr(CliResult) refused = NULL;
  g_autoptr(CliResult) lowered = NULL;
  g_autoptr(GError) expected = NULL;
  g_autofree char *too_low = NULL;
  g_autofree char *ok = NULL;
  SeatsRulePolicy policy;
  JsonObject *seats = server_product (subscription, "seats");
  guint in_use = json_object_get_int_member (seats, "in_use");
  guint next_period = json_object_get_int_member (seats, "next_period");
  guint n_actions = server_count (fixture, "api/v1/actions?limit=500");
  guint over = 0;

  /* The message is the rule's own (R5, at_least_active for De Molen). */
  seats_rule_policy_init (&policy);
  policy.seat_floor = SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE;
  g_assert_false (seats_rules_check_next_period (&policy, in_use - 1, in_use, &over, &expected));

  too_low = g_strdup_printf ("%u", in_use - 1);
  refused = run_as (fixture, fixture->admin_token, "set-next-period", too_low, NULL);
  assert_exit (refused, 1);
  g_assert_true (cli_contains (refused->err, expected->message));

  after = server_request (fixture, "GET", "api/v1/subscription", NULL);
  g_assert_cmpint (json_object_get_int_member (server_product (after, "seats"), "next_period"), ==,
                   next_period);
  g_assert_cmpuint (server_count (fixture, "api/v1/actions?limit=500"), ==, n_actions);

  ok = g_strdup_printf ("%u", in_use);
  lowered = run_as (fixture, fixture->admin_token, "set-next-period", ok, NULL);
  assert_exit (lowered, 0);
  g_clear_pointer (&after, json_node_unref);
  after = server_request (fixture, "GET", "api/v1/subscription", NULL);
  g_assert_cmpint (json_object_get_int_member (server_product (after, "seats"), "next_period"), ==,
                   in_use);
}

static gboolean
server_user_active (Fixture    *fixture,
                    const char *id)
{
  g_autofree char *path = g_strdup_printf ("scim/v2/Users/%s", id);
  g_autoptr(JsonNode) user = server_request (fixture, "GET", path, NULL);

  return json_object_get_boolean_member (json_node_get_object (user), "active");
}

static char *
first_active_user (Fixture *fixture)
{
  g_autoptr(JsonNode) page = server_request (fixture, "GET", "scim/v2/Users?count=50", NULL);
  JsonArray *users = json_object_get_array_member (json_node_get_object (page), "Resources");

  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      JsonObject *user = json_array_get_object_element (users, i);

      if (json_object_get_boolean_member (user, "active"))
        return g_strdup (json_object_get_string_member (user, "id"));
    }

  g_assert_not_reached ();
}

static void
test_user_activation (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *id = first_active_user (fixture);
  g_autoptr(CliResult) off = NULL;
  g_autoptr(CliResult) on = NULL;
  g_autoptr(CliResult) nobody = NULL;

  off = run_as (fixture, fixture->admin_token, "deactivate-user", id, NULL);
  assert_exit (off, 0);
  g_assert_false (server_user_active (fixture, id));

  on = run_as (fixture, fixture->admin_token, "activate-user", id, NULL);
  assert_exit (on, 0);
  g_assert_true (server_user_active (fixture, id));

  nobody = run_as (fixture, fixture->admin_token, "activate-user", "nobody@nowhere.example", NULL);
  assert_exit (nobody, 1);
}

static gboolean
holds_imaging (Fixture    *fixture,
               const char *user_id)
{
  g_autoptr(JsonNode) holders = server_request (fixture, "GET", "api/v1/products/imaging/assignments", NULL);
  JsonArray *ids = json_object_get_array_member (json_node_get_object (holders), "user_ids");

  for (guint i = 0; i < json_array_get_length (ids); i++)
    if (g_str_equal (json_array_get_string_element (ids, i), user_id))
      return TRUE;

  return FALSE;
}

/* R7 from the command line: a module given and taken, by id or name, and
 * refused when none of its licenses is free. */
static void
test_modules (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(JsonNode) subscription = server_request (fixture, "GET", "api/v1/subscription", NULL);
  JsonObject *imaging = server_product (subscription, "imaging");
  guint purchased = json_object_get_int_member (imaging, "purchased");
  guint in_use = json_object_get_int_member (imaging, "in_use");
  g_autoptr(JsonNode) page = server_request (fixture, "GET", "scim/v2/Users?count=50", NULL);
  JsonArray *users = json_object_get_array_member (json_node_get_object (page), "Resources");
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  g_autoptr(CliResult) given = NULL;
  g_autoptr(CliResult) refused = NULL;
  g_autoptr(CliResult) taken = NULL;
  g_autoptr(CliResult) again = NULL;
  g_autoptr(CliResult) unknown = NULL;
  g_autoptr(GError) expected = NULL;

  g_assert_cmpuint (purchased - in_use, ==, 1);
  for (guint i = 0; i < json_array_get_length (users) && others->len < 2; i++)
    {
      JsonObject *user = json_array_get_object_element (users, i);
      const char *id = json_object_get_string_member (user, "id");

      if (json_object_get_boolean_member (user, "active") && !holds_imaging (fixture, id))
        g_ptr_array_add (others, (gpointer) id);
    }
  g_assert_cmpuint (others->len, ==, 2);

  given = run_as (fixture, fixture->admin_token, "assign-module", "imaging", g_ptr_array_index (others, 0),
                  NULL);
  assert_exit (given, 0);
  g_assert_true (cli_contains (given->out, "assigned to"));
  g_assert_true (holds_imaging (fixture, g_ptr_array_index (others, 0)));

  /* None free now: refused with the reason, by the module's name too. */
  g_assert_false (seats_rules_check_module_assignment (json_object_get_string_member (imaging, "name"),
                                                       purchased, purchased, &expected));
  refused = run_as (fixture, fixture->admin_token, "assign-module", json_object_get_string_member (imaging, "name"),
                    g_ptr_array_index (others, 1), NULL);
  assert_exit (refused, 1);
  g_assert_true (cli_contains (refused->err, expected->message));
  g_assert_false (holds_imaging (fixture, g_ptr_array_index (others, 1)));

  taken = run_as (fixture, fixture->admin_token, "remove-module", "imaging", g_ptr_array_index (others, 0),
                  NULL);
  assert_exit (taken, 0);
  g_assert_true (cli_contains (taken->out, "taken from"));
  g_assert_false (holds_imaging (fixture, g_ptr_array_index (others, 0)));

  /* Nothing to take: said, and nothing changes. */
  again = run_as (fixture, fixture->admin_token, "remove-module", "imaging", g_ptr_array_index (others, 0),
                  NULL);
  assert_exit (again, 0);
  g_assert_true (cli_contains (again->out, "does not hold"));

  unknown = run_as (fixture, fixture->admin_token, "assign-module", "payroll", g_ptr_array_index (others, 0),
                    NULL);
  assert_exit (unknown, 1);
  g_assert_true (cli_contains (unknown->err, "payroll"));
}

static void
test_license_refusals (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.seats-license", NULL);
  g_autofree char *binary = g_build_filename (fixture->dir, "binary.seats-license", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.seats-license", NULL);
  g_autofree char *nested = g_build_filename (fixture->dir, "nested.seats-license", NULL);
  g_autofree char *empty = g_build_filename (fixture->dir, "empty.seats-license", NULL);
  g_autofree char *brackets = g_strnfill (100000, '[');
  g_autoptr(CliResult) activate = NULL;
  g_autoptr(JsonNode) pending = NULL;
  guint n_actions = server_count (fixture, "api/v1/actions?limit=500");
  const char *files[] = { bad, binary, missing, nested, empty };

  /* R8: fewer scheduling licenses than are in use blocks it. */
  activate = run_as (fixture, fixture->admin_token, "activate-license", NULL);
  assert_exit (activate, 1);
  g_assert_true (cli_contains (activate->err, "Online agenda"));
  pending = server_request (fixture, "GET", "api/v1/license/pending", NULL);
  g_assert_nonnull (pending);

  /* R9: a bad file changes nothing. */
  g_assert_true (g_file_set_contents (bad, "this is not a license\n", -1, NULL));
  g_assert_true (g_file_set_contents (binary, "\x7f" "ELF\x02\x01\x00\x00", 8, NULL));
  /* Nested deeper than json-glib's recursion survives: refused, not a crash. */
  g_assert_true (g_file_set_contents (nested, brackets, -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(CliResult) import = run_as (fixture, fixture->admin_token, "import-license",
                                            files[i], NULL);

      assert_exit (import, 1);
      g_assert_true (g_str_has_prefix (import->err, "seatsctl: "));
    }
  g_assert_cmpuint (server_count (fixture, "api/v1/actions?limit=500"), ==, n_actions);
}

static void
test_viewer_changes_nothing (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *id = first_active_user (fixture);
  g_autofree char *file = g_build_filename (fixture->dir, "license.seats-license", NULL);
  g_autofree char *license = NULL;
  g_autoptr(GError) error = NULL;
  guint n_actions = server_count (fixture, "api/v1/actions?limit=500");
  guint n_orders = server_count (fixture, "api/v1/orders?limit=500");
  const char *changes[][4] = {
    { "buy", "1", "--yes", NULL },
    { "set-next-period", "30", NULL },
    { "deactivate-user", id, NULL },
    { "activate-license", NULL },
    { "import-license", file, NULL },
  };

  license = seats_server_export_license (fixture->vendor->server, "demolen", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (file, license, -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autoptr(CliResult) result = run_as_full (fixture, fixture->viewer_token, NULL, NULL,
                                                 NULL, NULL, changes[i]);

      assert_exit (result, 1);
      g_assert_true (cli_contains (result->err, "administrator"));
    }

  /* A viewer reads, and sees no billing (R15). */
  {
    g_autoptr(CliResult) users = run_as (fixture, fixture->viewer_token, "users", NULL);
    g_autoptr(CliResult) billing = run_as (fixture, fixture->viewer_token, "billing", NULL);
    g_autoptr(CliResult) licenses = run_as (fixture, fixture->viewer_token, "licenses", NULL);
    g_autoptr(CliResult) json = run_as (fixture, fixture->viewer_token, "licenses", "--json", NULL);

    assert_exit (users, 0);
    assert_exit (billing, 1);

    /* Counts, and no price: prices are billing. */
    assert_exit (licenses, 0);
    g_assert_true (cli_contains (licenses->out, "Online agenda"));
    g_assert_false (cli_contains (licenses->out, "€"));
    g_assert_false (cli_contains (licenses->out, "EUR"));
    assert_exit (json, 0);
    g_assert_true (cli_contains (json->out, "\"price\" : null"));
  }

  g_assert_cmpuint (server_count (fixture, "api/v1/actions?limit=500"), ==, n_actions);
  g_assert_cmpuint (server_count (fixture, "api/v1/orders?limit=500"), ==, n_orders);
  g_assert_true (server_user_active (fixture, id));
}

static void
test_unreachable (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(CliResult) synced = run_as (fixture, fixture->admin_token, "sync", NULL);
  g_autoptr(CliResult) offline = NULL;
  g_autoptr(CliResult) cached = NULL;
  g_autoptr(CliResult) refused = NULL;

  assert_exit (synced, 0);
  seats_server_disconnect (fixture->vendor->server);

  offline = run_as (fixture, fixture->admin_token, "sync", NULL);
  assert_exit (offline, 3);
  g_assert_true (g_str_has_prefix (offline->err, "seatsctl: "));

  refused = run_as (fixture, fixture->admin_token, "buy", "1", "--yes", NULL);
  assert_exit (refused, 3);

  cached = run_as (fixture, fixture->admin_token, "licenses", NULL);
  assert_exit (cached, 3);
}

static void
test_billing_and_history (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(CliResult) billing = run_as (fixture, fixture->admin_token, "billing", NULL);
  g_autoptr(CliResult) billing_json = run_as (fixture, fixture->admin_token, "billing", "--json", NULL);
  g_autoptr(CliResult) history = run_as (fixture, fixture->admin_token, "history", NULL);
  g_autoptr(CliResult) history_json = run_as (fixture, fixture->admin_token, "history", "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *actions;

  assert_exit (billing, 0);
  g_assert_true (cli_contains (billing->out, "Professional"));
  g_assert_true (cli_contains (billing->out, "NL812345678B01"));
  g_assert_true (cli_contains (billing->out, "Molenstraat 12"));
  assert_exit (billing_json, 0);
  root = json_from_string (billing_json->out, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (json_node_get_object (root), "features"));

  assert_exit (history, 0);
  g_assert_true (cli_contains (history->out, "Orders"));
  g_assert_true (cli_contains (history->out, "Action log"));
  assert_exit (history_json, 0);
  g_clear_pointer (&root, json_node_unref);
  root = json_from_string (history_json->out, &error);
  g_assert_no_error (error);
  actions = json_object_get_array_member (json_node_get_object (root), "actions");
  g_assert_cmpuint (json_array_get_length (actions), ==,
                    server_count (fixture, "api/v1/actions?limit=500"));
}

/* Everything a person reads is in their words: the action log as the
 * window says it, the modules by the names the server gives them, and the
 * columns of a CSV, unless a script asks for the stable names. */
static void
test_words (Fixture       *fixture,
            gconstpointer  user_data)
{
  static const struct {
    const char *language;
    const char *locale;
    const char *switched_on;
    const char *by_server;
    const char *change;
    const char *column;
  } languages[] = {
    { "en", "C.UTF-8", "Switched on “Tweestapsverificatie”", "The license server", "off → on", "User name" },
    { "nl", "nl_NL.UTF-8", "‘Tweestapsverificatie’ ingeschakeld", "De licentieserver", "uit → aan",
      "Gebruikersnaam" },
    { "sv", "sv_SE.UTF-8", "”Tweestapsverificatie” påslagen", "Licensservern", "av → på", "Användarnamn" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *language = g_strconcat ("LANGUAGE=", languages[i].language, NULL);
      g_autofree char *locale = g_strconcat ("LC_ALL=", languages[i].locale, NULL);
      const char *env[] = { language, locale, NULL };
      const char *history_args[] = { "history", NULL };
      const char *users_args[] = { "users", NULL };
      const char *csv_args[] = { "users", "--csv", NULL };
      const char *stable_args[] = { "users", "--csv", "--stable-header", NULL };
      const char *wrong_args[] = { "users", "--stable-header", NULL };
      g_autoptr(CliResult) history = run_as_full (fixture, fixture->admin_token, env, NULL, NULL, NULL,
                                                  history_args);
      g_autoptr(CliResult) users = run_as_full (fixture, fixture->admin_token, env, NULL, NULL, NULL,
                                                users_args);
      g_autoptr(CliResult) csv = run_as_full (fixture, fixture->admin_token, env, NULL, NULL, NULL,
                                              csv_args);
      g_autoptr(CliResult) stable = run_as_full (fixture, fixture->admin_token, env, NULL, NULL, NULL,
                                                 stable_args);
      g_autoptr(CliResult) wrong = run_as_full (fixture, fixture->admin_token, env, NULL, NULL, NULL,
                                                wrong_args);

      g_test_message ("%s", languages[i].language);
      assert_exit (history, 0);
      g_assert_true (cli_contains (history->out, languages[i].switched_on));
      g_assert_true (cli_contains (history->out, languages[i].by_server));
      g_assert_true (cli_contains (history->out, languages[i].change));
      /* Never the server's codes. */
      g_assert_false (cli_contains (history->out, "feature-on"));
      g_assert_false (cli_contains (history->out, "two-factor"));
      g_assert_false (cli_contains (history->out, "system"));
      g_assert_false (cli_contains (history->out, "period-turned"));

      assert_exit (users, 0);
      g_assert_true (cli_contains (users->out, "Online agenda"));
      g_assert_false (cli_contains (users->out, "scheduling"));

      assert_exit (csv, 0);
      g_assert_true (cli_contains (csv->out, languages[i].column));
      /* Values are the same in every language: the vendor's names of the
       * modules, ISO dates, true and false. */
      g_assert_true (cli_contains (csv->out, "Online agenda"));
      g_assert_true (cli_contains (csv->out, ",true,"));
      assert_exit (stable, 0);
      g_assert_true (g_str_has_prefix (stable->out, "id,user_name,name,email,active,start_date,end_date,modules"));

      assert_exit (wrong, 2);
    }
}

static void
test_dutch (Fixture       *fixture,
            gconstpointer  user_data)
{
  const char *env[] = { "LANGUAGE=nl", "LANG=nl_NL.UTF-8", "LC_ALL=nl_NL.UTF-8", NULL };
  const char *licenses_args[] = { "licenses", NULL };
  const char *buy_args[] = { "buy", "1", NULL };
  const char *usage_args[] = { "frobnicate", NULL };
  g_autoptr(CliResult) licenses = run_as_full (fixture, fixture->admin_token, env, NULL, NULL,
                                               NULL, licenses_args);
  g_autoptr(CliResult) buy = run_as_full (fixture, fixture->admin_token, env, NULL, NULL, NULL,
                                          buy_args);
  g_autoptr(CliResult) usage = run_as_full (fixture, fixture->admin_token, env, NULL, NULL,
                                            NULL, usage_args);

  assert_exit (licenses, 0);
  g_assert_true (cli_contains (licenses->out, "Gekocht"));
  g_assert_true (cli_contains (licenses->out, "Beschikbaar"));
  g_assert_true (cli_contains (licenses->out, "Volgende periode"));
  /* Money as Dutch writes it, with a no-break space. */
  g_assert_true (cli_contains (licenses->out, "€\u00a029,50"));

  assert_exit (buy, 2);
  g_assert_true (cli_contains (buy->out, "licenties"));
  g_assert_true (cli_contains (buy->out, "€\u00a0"));
  g_assert_true (cli_contains (buy->err, "--yes"));
  g_assert_true (cli_contains (buy->err, "terminal"));

  assert_exit (usage, 2);
  g_assert_true (cli_contains (usage->err, "Er is geen opdracht"));
}

typedef struct
{
  const char *token;
  gboolean    seen;
} Hygiene;

static void
check_command_line_cb (GSubprocess *process,
                       gpointer     user_data)
{
  Hygiene *hygiene = user_data;
  g_autofree char *path = g_strdup_printf ("/proc/%s/cmdline", g_subprocess_get_identifier (process));
  g_autofree char *cmdline = NULL;
  gsize len = 0;

  /* The child waits for this process's server, so it is still running. */
  g_assert_true (g_file_get_contents (path, &cmdline, &len, NULL));
  for (gsize i = 0; i < len; i++)
    if (cmdline[i] == '\0')
      cmdline[i] = ' ';
  g_assert_true (cli_contains (cmdline, "--server"));
  g_assert_false (cli_contains (cmdline, hygiene->token));
  hygiene->seen = TRUE;
}

static void
test_token_hygiene (Fixture       *fixture,
                    gconstpointer  user_data)
{
  const char *env[] = { "G_MESSAGES_DEBUG=all", NULL };
  const char *commands[][4] = {
    { "sync", NULL },
    { "status", NULL },
    { "users", "--csv", NULL },
    { "buy", "1", "--yes", NULL },
    { "set-next-period", "1", NULL },
  };
  Hygiene hygiene = { fixture->admin_token, FALSE };
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(CliResult) result = NULL;

      hygiene.seen = FALSE;
      result = run_as_full (fixture, fixture->admin_token, env, NULL, check_command_line_cb,
                            &hygiene, commands[i]);
      g_assert_true (hygiene.seen);
      g_assert_false (cli_contains (result->out, fixture->admin_token));
      g_assert_false (cli_contains (result->err, fixture->admin_token));
    }

  /* Nor in the local copy, its journal or anything else written. */
  {
    g_autofree char *seats_dir = g_build_filename (fixture->dir, "data", "seats", NULL);

    dir = g_dir_open (seats_dir, 0, NULL);
    g_assert_nonnull (dir);
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (seats_dir, name, NULL);

        g_test_message ("checking %s", name);
        g_assert_false (file_contains (path, fixture->admin_token));
        n_files++;
      }
    g_assert_cmpuint (n_files, >=, 1);
  }
}

/* A SCIM account: the users and their status, changed as with a license
 * server; what the service does not know is said, and what it does not
 * offer is refused before anything is read or sent. */
static void
test_scim_account (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *not_offered = "This account syncs with a SCIM 2.0 service, which gives its users "
                            "and their status only: this is changed in the vendor’s portal.";
  g_autofree char *license_file = g_build_filename (fixture->dir, "new.license", NULL);
  g_autoptr(CliResult) status = NULL;
  g_autoptr(CliResult) licenses = NULL;
  g_autoptr(CliResult) users = NULL;
  g_autoptr(CliResult) billing = NULL;
  g_autoptr(CliResult) history = NULL;
  g_autoptr(CliResult) deactivated = NULL;
  g_autoptr(JsonNode) counted = NULL;
  g_autoptr(JsonNode) all = NULL;
  g_autofree char *expected = NULL;
  const char *refused[][4] = {
    { "buy", "2", NULL },
    { "set-next-period", "3", NULL },
    { "assign-module", "scheduling", "lars.vos1@demolen.example", NULL },
    { "remove-module", "scheduling", "lars.vos1@demolen.example", NULL },
    { "activate-license", NULL },
    { "import-license", license_file, NULL },
  };

  g_free (fixture->server);
  fixture->server = g_strconcat (fixture->vendor->uri, "/scim/v2", NULL);
  g_assert_true (g_file_set_contents (license_file, "not a license\n", -1, NULL));

  status = run_as (fixture, fixture->admin_token, "status", NULL);
  assert_exit (status, 0);
  g_assert_true (cli_contains (status->out, "SCIM 2.0 service"));
  /* The floor of a license server's policy means nothing here. */
  g_assert_false (cli_contains (status->out, "Policy"));

  /* Who holds a license (R1), as counted by seatsctl users --counted. */
  users = run_as (fixture, fixture->admin_token, "users", "--json", NULL);
  assert_exit (users, 0);
  all = json_from_string (users->out, NULL);
  g_clear_pointer (&users, cli_result_free);
  users = run_as (fixture, fixture->admin_token, "users", "--counted", "--json", NULL);
  counted = json_from_string (users->out, NULL);
  expected = g_strdup_printf ("%u of %u users hold a license.",
                              json_array_get_length (json_node_get_array (counted)),
                              json_array_get_length (json_node_get_array (all)));
  licenses = run_as (fixture, fixture->admin_token, "licenses", NULL);
  assert_exit (licenses, 0);
  g_assert_true (g_str_has_prefix (licenses->out, expected));
  g_assert_true (cli_contains (licenses->out, "not known"));

  /* No Modules column: the service has no add-on modules. */
  g_clear_pointer (&users, cli_result_free);
  users = run_as (fixture, fixture->admin_token, "users", NULL);
  assert_exit (users, 0);
  g_assert_true (cli_contains (users->out, "lars.vos1@demolen.example"));
  g_assert_false (cli_contains (users->out, "Modules"));

  billing = run_as (fixture, fixture->admin_token, "billing", NULL);
  assert_exit (billing, 1);
  g_assert_true (cli_contains (billing->err, "vendor’s portal"));
  history = run_as (fixture, fixture->admin_token, "history", NULL);
  assert_exit (history, 1);
  g_assert_true (cli_contains (history->err, "vendor’s portal"));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(CliResult) result = NULL;
      g_autoptr(GPtrArray) args = g_ptr_array_new ();

      for (guint j = 0; refused[i][j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) refused[i][j]);
      g_ptr_array_add (args, NULL);
      result = run_as_full (fixture, fixture->admin_token, NULL, NULL, NULL, NULL,
                            (const char * const *) args->pdata);
      g_test_message ("seatsctl %s", refused[i][0]);
      assert_exit (result, 1);
      g_assert_true (cli_contains (result->err, not_offered));
    }

  /* What it does offer: the same commands as with a license server. */
  deactivated = run_as (fixture, fixture->admin_token, "deactivate-user", "lars.vos1@demolen.example", NULL);
  assert_exit (deactivated, 0);
  g_assert_true (cli_contains (deactivated->out, "Lars Vos is inactive"));
  {
    g_autoptr(JsonNode) page = server_request (fixture, "GET",
                                               "scim/v2/Users?filter=userName%20eq%20%22lars.vos1%40demolen.example%22",
                                               NULL);
    JsonObject *user = json_array_get_object_element (json_object_get_array_member (json_node_get_object (page),
                                                                                   "Resources"), 0);

    g_assert_false (json_object_get_boolean_member (user, "active"));
  }
}

/* seatsctl on this computer alone, with settings that last between runs,
 * as a person's own do. */
static CliResult *
run_here (Fixture *fixture,
          ...)
{
  const char *extra[] = { "GSETTINGS_BACKEND=keyfile", NULL };
  g_auto(GStrv) env = seats_test_child_environment (fixture->dir, extra);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, fixture);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return cli_run_full ((const char * const *) env, NULL, NULL, NULL,
                       (const char * const *) args->pdata);
}

static JsonObject *
user_seats_of (JsonNode *licenses)
{
  JsonArray *products = json_object_get_array_member (json_node_get_object (licenses), "products");

  g_assert_nonnull (products);
  return json_array_get_object_element (products, 0);
}

/* A subscription with no server: added with its terms, bought from and
 * lowered by the same rules, reminded of before its notice date, and its
 * notice date in a calendar file that an iCalendar parser reads back. The
 * clock is November 16, 2026; the period began on November 1 with 14 days
 * of notice, so the last day to change it is November 17. */
static void
test_kept_by_hand (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *calendar_path = g_build_filename (fixture->dir, "notice.ics", NULL);
  g_autofree char *csv_path = g_build_filename (fixture->dir, "users.csv", NULL);
  g_autofree char *calendar = NULL;
  g_autoptr(CliResult) result = NULL;
  g_autoptr(JsonNode) licenses = NULL;
  icalcomponent *parsed, *event;
  struct icaltimetype start;

#define RUN(...) G_STMT_START { \
    g_clear_pointer (&result, cli_result_free); \
    result = run_here (fixture, __VA_ARGS__, NULL); \
  } G_STMT_END

  RUN ("add-subscription", "vendor=TimeLog", "product=TimeLog PSA", "currency=DKK",
       "licenses=12", "price=349", "start=2026-11-01", "notice=14");
  assert_exit (result, 0);
  g_assert_true (cli_contains (result->out, "kept on this computer"));

  /* Bad terms are refused with the reason, and nothing is added. */
  RUN ("add-subscription", "vendor=Visma", "product=Severa", "licenses=3", "price=12,5",
       "start=2026-11-01", "notice=40");
  assert_exit (result, 1);
  g_assert_true (cli_contains (result->err, "notice must be shorter than the billing period"));
  RUN ("add-subscription", "vendor=Visma", "product=Severa", "price=twelve");
  assert_exit (result, 2);
  g_assert_true (cli_contains (result->err, "“twelve” is not a price"));
  RUN ("add-subscription", "vendor=Visma", "seats=3");
  assert_exit (result, 2);
  RUN ("accounts");
  g_assert_true (cli_contains (result->out, "TimeLog"));
  g_assert_false (cli_contains (result->out, "Visma"));

  RUN ("status");
  assert_exit (result, 0);
  g_assert_true (cli_contains (result->out, "Kept on this computer"));

  /* Buying on November 16: 2 licenses for 15 of 30 days (R2), recorded. */
  RUN ("buy", "2", "--yes");
  assert_exit (result, 0);
  g_assert_true (cli_contains (result->out, "15/30"));
  g_assert_true (cli_contains (result->out, "bought 2 licenses for DKK\u00a0349.00"));
  RUN ("licenses", "--json");
  assert_exit (result, 0);
  licenses = json_from_string (result->out, NULL);
  g_assert_cmpint (json_object_get_int_member (user_seats_of (licenses), "purchased"), ==, 14);
  g_assert_cmpint (json_object_get_int_member (user_seats_of (licenses), "next_period"), ==, 14);

  /* A day before the notice date, 14 licenses and nobody counts: due. */
  RUN ("reminders");
  assert_exit (result, 1);
  g_assert_true (cli_contains (result->out, "TimeLog: change the licenses of the next billing "
                                            "period by November 17, 2026, in 1 day."));

  /* Lowered to the least it can be, nothing is due. */
  RUN ("set-next-period", "1");
  assert_exit (result, 0);
  RUN ("reminders");
  assert_exit (result, 0);
  g_assert_true (cli_contains (result->out, "Nothing is due in the next 7 days."));

  /* Terms changed in place, and the log says who. */
  RUN ("set-terms", "price=1.234");
  assert_exit (result, 2);
  RUN ("set-terms", "price=399", "notice=7");
  assert_exit (result, 0);
  RUN ("history");
  assert_exit (result, 0);
  g_assert_true (cli_contains (result->out, "Changed the terms of the subscription"));
  g_assert_true (cli_contains (result->out, "You, on this computer"));
  g_assert_true (cli_contains (result->out, "TimeLog PSA: licenses bought"));

  /* The calendar: notice of 7 days before December 1. */
  RUN ("calendar", calendar_path);
  assert_exit (result, 0);
  g_assert_true (g_file_get_contents (calendar_path, &calendar, NULL, NULL));
  parsed = icalparser_parse_string (calendar);
  g_assert_nonnull (parsed);
  event = icalcomponent_get_first_component (parsed, ICAL_VEVENT_COMPONENT);
  g_assert_nonnull (event);
  start = icalcomponent_get_dtstart (event);
  g_assert_true (start.is_date);
  g_assert_cmpint (start.year, ==, 2026);
  g_assert_cmpint (start.month, ==, 11);
  g_assert_cmpint (start.day, ==, 24);
  g_assert_true (cli_contains (icalcomponent_get_summary (event), "TimeLog"));
  g_assert_nonnull (icalcomponent_get_first_component (event, ICAL_VALARM_COMPONENT));
  g_assert_null (icalcomponent_get_next_component (parsed, ICAL_VEVENT_COMPONENT));
  icalcomponent_free (parsed);

  /* Users from the vendor's export, as Excel writes it in the Netherlands:
   * asked before anything is imported, the bad row left out with its row
   * number, and those missing from a later file become former users. */
  g_assert_true (g_file_set_contents (csv_path,
                                      "Naam;E-mailadres;Status;Einddatum\r\n"
                                      "J\xf6rg Berg;jorg@example.test;Actief;\r\n"
                                      "Anna Ek;anna@example.test;actief;31-12-2026\r\n"
                                      "Bo;bo@example.test;gek;\r\n", -1, NULL));
  RUN ("import-users", csv_path);
  assert_exit (result, 2);
  RUN ("users", "--counted", "--json");
  g_assert_false (cli_contains (result->out, "jorg@example.test"));
  RUN ("import-users", csv_path, "--yes");
  assert_exit (result, 0);
  g_assert_true (cli_contains (result->out, "2 users added, 0 changed, 0 become former users"));
  g_assert_true (cli_contains (result->out, "Row 4 is left out: “gek” does not say whether the user is active."));
  RUN ("users");
  g_assert_true (cli_contains (result->out, "Jörg Berg"));
  g_assert_true (cli_contains (result->out, "2 users of 2 hold a license"));

  g_assert_true (g_file_set_contents (csv_path, "\xef\xbb\xbfName\tEmail\nJörg Berg\tjorg@example.test\n",
                                      -1, NULL));
  RUN ("import-users", csv_path, "--yes");
  assert_exit (result, 0);
  g_assert_true (cli_contains (result->out, "0 users added, 0 changed, 1 becomes a former user, 1 unchanged."));
  RUN ("users");
  g_assert_true (cli_contains (result->out, "1 user of 2 holds a license"));

  g_assert_true (g_file_set_contents (csv_path, "Name,Email\nJ\xc3\xb6rg,j@x.test\nK\xf6re,k@x.test\n",
                                      -1, NULL));
  RUN ("import-users", csv_path, "--yes");
  assert_exit (result, 1);
  g_assert_true (cli_contains (result->err, "Part of the file is written as UTF-8"));
  RUN ("history");
  g_assert_true (cli_contains (result->out, "Imported the users of “users.csv”"));

  /* One user by hand: added, refused as somebody already there or with an
   * address that is none, and given an end date when she leaves. */
  RUN ("add-user", "name=Nina Berg", "email=nina@example.test", "start=2026-11-01");
  assert_exit (result, 0);
  g_assert_true (cli_contains (result->out, "Added Nina Berg, kept on this computer."));
  RUN ("add-user", "name=Nina B", "email=NINA@example.test");
  assert_exit (result, 1);
  g_assert_true (cli_contains (result->err, "Nina Berg is a user already"));
  RUN ("add-user", "email=nina(at)example.test");
  assert_exit (result, 1);
  g_assert_true (cli_contains (result->err, "“nina(at)example.test” is not an e-mail address."));
  RUN ("add-user", "colour=red");
  assert_exit (result, 2);
  RUN ("edit-user", "nina@example.test", "end=2026-10-31");
  assert_exit (result, 1);
  g_assert_true (cli_contains (result->err, "The end date is before the start date."));
  RUN ("edit-user", "nina@example.test", "end=2026-11-30");
  assert_exit (result, 0);
  RUN ("users");
  g_assert_true (cli_contains (result->out, "Nina Berg"));
  g_assert_true (cli_contains (result->out, "2 users of 3 hold a license"));
  RUN ("history");
  g_assert_true (cli_contains (result->out, "Added Nina Berg"));
  g_assert_true (cli_contains (result->out, "Changed the details of Nina Berg"));

  /* All subscriptions at a glance: kronor of two countries are never
   * added together, and Danish kroner of two subscriptions are. */
  RUN ("add-subscription", "vendor=Quinyx", "product=Quinyx", "currency=SEK", "licenses=10",
       "price=95", "start=2026-11-01", "notice=20");
  assert_exit (result, 0);
  RUN ("add-subscription", "vendor=SuperOffice", "product=CRM", "currency=DKK", "licenses=5",
       "price=100", "start=2026-10-01", "period=3", "notice=30");
  assert_exit (result, 0);
  RUN ("overview");
  assert_exit (result, 0);
  g_assert_true (cli_contains (result->out, "SEK, 1 subscription\n  SEK\u00a0950.00 a month\n"
                                            "  0 of 10 licenses in use. 10 are available.\n"));
  g_assert_true (cli_contains (result->out, "DKK, 2 subscriptions\n"));
  g_assert_true (cli_contains (result->out, "  2 of 19 licenses in use. 17 are available.\n"));
  RUN ("overview", "--json");
  assert_exit (result, 0);
  {
    g_autoptr(JsonNode) overview = json_from_string (result->out, NULL);
    JsonObject *root = json_node_get_object (overview);
    JsonArray *subscriptions = json_object_get_array_member (root, "subscriptions");
    JsonArray *totals = json_object_get_array_member (root, "totals");
    JsonObject *timelog = json_array_get_object_element (subscriptions, 0);
    JsonObject *superoffice = json_array_get_object_element (subscriptions, 2);
    JsonObject *dkk = json_array_get_object_element (totals, 0);
    gint64 timelog_monthly = json_object_get_int_member (json_object_get_object_member (timelog, "monthly_price"), "amount");

    g_assert_cmpuint (json_array_get_length (subscriptions), ==, 3);
    g_assert_cmpuint (json_array_get_length (totals), ==, 2);
    /* 14 bought at DKK 399.00, two of them held by Jörg Berg and Nina Berg. */
    g_assert_cmpint (timelog_monthly, ==, 14 * 39900);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (timelog, "available_monthly_price"), "amount"), ==, 12 * 39900);
    g_assert_cmpstr (json_object_get_string_member (timelog, "change_by"), ==, "2026-11-24");
    /* Three months from October 1, with 30 days of notice. */
    g_assert_cmpstr (json_object_get_string_member (superoffice, "next_period"), ==, "2027-01-01");
    g_assert_cmpstr (json_object_get_string_member (superoffice, "change_by"), ==, "2026-12-02");
    g_assert_cmpstr (json_object_get_string_member (dkk, "currency"), ==, "DKK");
    g_assert_cmpint (json_object_get_int_member (dkk, "subscriptions"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (dkk, "monthly_price"), "amount"), ==,
                     timelog_monthly + 5 * 10000);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (totals, 1), "currency"), ==, "SEK");
  }

#undef RUN
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/help", test_help_lists_every_command);
  ADD ("/cli/usage-errors", test_usage_errors);
  ADD ("/cli/status", test_status);
  ADD ("/cli/words", test_words);
  ADD ("/cli/trial-days", test_trial_days);
  ADD ("/cli/licenses", test_licenses);
  ADD ("/cli/users-counted-csv", test_users_counted_csv);
  ADD ("/cli/buy", test_buy);
  ADD ("/cli/next-period-floor", test_next_period_floor);
  ADD ("/cli/user-activation", test_user_activation);
  ADD ("/cli/modules", test_modules);
  ADD ("/cli/license-refusals", test_license_refusals);
  ADD ("/cli/viewer-changes-nothing", test_viewer_changes_nothing);
  ADD ("/cli/unreachable", test_unreachable);
  ADD ("/cli/billing-and-history", test_billing_and_history);
  ADD ("/cli/dutch", test_dutch);
  ADD ("/cli/token-hygiene", test_token_hygiene);
  ADD ("/cli/scim-account", test_scim_account);
  ADD ("/cli/kept-by-hand", test_kept_by_hand);

#undef ADD

  return g_test_run ();
}
