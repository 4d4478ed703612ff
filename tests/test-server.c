/* test-server.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "seats-license.h"
#include "seats-rules.h"
#include "seats-server-private.h"
#include "seats-test.h"
#include "server-test-helper.h"

/* The reference server over real HTTP: each rule refused and accepted,
 * roles, idempotency, ETags, paging, bad input, the clock and the faults. */

static TestServer *demo;

static const char *
admin (const char *slug)
{
  return g_hash_table_lookup (demo->admin, slug);
}

static const char *
viewer (const char *slug)
{
  return g_hash_table_lookup (demo->viewer, slug);
}

static void
assert_problem (TestAnswer *answer,
                guint       status,
                const char *code)
{
  g_assert_cmpuint (answer->status, ==, status);
  g_assert_nonnull (answer->json);
  g_assert_cmpstr (test_json_string (answer->json, "code"), ==, code);
  g_assert_nonnull (test_json_string (answer->json, "detail"));
  if (!g_str_has_prefix (answer->content_type, "application/scim+json"))
    {
      g_assert_cmpstr (answer->content_type, ==, "application/problem+json");
      g_assert_cmpint (test_json_int (answer->json, "status"), ==, status);
    }
}

/* The product of the subscription, by id. */
static JsonNode *
find_product (JsonNode   *subscription,
              const char *id)
{
  JsonArray *products = json_node_get_array (test_json_find (subscription, "products"));

  for (guint i = 0; i < json_array_get_length (products); i++)
    {
      JsonNode *product = json_array_get_element (products, i);

      if (g_strcmp0 (test_json_string (product, "id"), id) == 0)
        return product;
    }

  g_assert_not_reached ();
}

static TestAnswer *
get (const char *path,
     const char *token)
{
  return test_server_request (demo, "GET", path, token, NULL, NULL);
}

static gint64
product_field (const char *slug,
               const char *id,
               const char *field)
{
  g_autoptr(TestAnswer) answer = get ("/api/v1/subscription", admin (slug));

  g_assert_cmpuint (answer->status, ==, 200);
  return test_json_int (find_product (answer->json, id), field);
}

static char *
product_etag (const char *slug,
              const char *id)
{
  g_autofree char *path = g_strconcat ("/api/v1/products/", id, NULL);
  g_autoptr(TestAnswer) answer = get (path, admin (slug));

  g_assert_cmpuint (answer->status, ==, 200);
  return g_strdup (answer->etag);
}

static TestAnswer *
put_next_period (const char *slug,
                 const char *id,
                 const char *body)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/products/%s/next-period", id);
  g_autofree char *etag = product_etag (slug, id);

  return test_server_request (demo, "PUT", path, admin (slug), body, "If-Match", etag, NULL);
}

static void
test_cli_lines (void)
{
  g_assert_cmpuint (g_hash_table_size (demo->admin), ==, 5);
  g_assert_nonnull (admin ("demolen"));
  g_assert_nonnull (viewer ("fjallgarden"));
  g_assert_cmpstr (admin ("demolen"), !=, viewer ("demolen"));
}

static void
test_cli_bad_input (void)
{
  const char *cases[][4] = {
    { "--listen", "127.0.0.1:0", NULL },
    { "--db", "x.db", "--listen", "nonsense" },
    { "--db", "x.db", "--seed", "nothing" },
    { "--db", "x.db", "--now", "2026-01-01T00:00:00Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[6] = { g_getenv ("SEATS_SERVER"), };
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;

      for (guint j = 0; j < 4; j++)
        argv[j + 1] = cases[i][j];
      process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
      g_assert_no_error (error);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
    }
}

static void
test_cli_refuses_public_address (void)
{
  const char *argv[] = { g_getenv ("SEATS_SERVER"), "--db", "/nonexistent-dir/x.db",
                         "--listen", "0.0.0.0:0", NULL };
  g_autofree char *dir = g_dir_make_tmp ("seats-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "x.db", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *err = NULL;

  argv[2] = db;
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDERR_PIPE, NULL);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, NULL);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_nonnull (strstr (err, "loopback"));
}

static void
test_auth (void)
{
  g_autoptr(TestAnswer) none = get ("/api/v1/account", NULL);
  g_autoptr(TestAnswer) bad = get ("/api/v1/account", "seats_not-a-token");
  g_autoptr(TestAnswer) good = get ("/api/v1/account", viewer ("demolen"));

  assert_problem (none, 401, "unauthorized");
  assert_problem (bad, 401, "unauthorized");
  g_assert_cmpuint (good->status, ==, 200);
  g_assert_cmpstr (test_json_string (good->json, "role"), ==, "viewer");
  g_assert_cmpstr (test_json_string (good->json, "slug"), ==, "demolen");
}

/* R15: a viewer reads licenses and users, changes nothing, sees no billing. */
static void
test_viewer_forbidden (void)
{
  const char *reads[] = { "/api/v1/billing", "/api/v1/invoices", "/api/v1/orders",
                          "/api/v1/actions", "/api/v1/license/pending/file" };
  g_autofree char *etag = product_etag ("demolen", "seats");
  gint64 before = product_field ("demolen", "seats", "next_period");

  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    {
      g_autoptr(TestAnswer) answer = get (reads[i], viewer ("demolen"));
      assert_problem (answer, 403, "forbidden");
    }

  {
    g_autoptr(TestAnswer) order = test_server_request (demo, "POST", "/api/v1/orders", viewer ("demolen"),
                                                       "{\"product_id\":\"seats\",\"quantity\":1}",
                                                       "Idempotency-Key", "viewer-1", NULL);
    g_autoptr(TestAnswer) next = test_server_request (demo, "PUT", "/api/v1/products/seats/next-period",
                                                      viewer ("demolen"), "{\"count\":30}",
                                                      "If-Match", etag, NULL);
    g_autoptr(TestAnswer) feature = test_server_request (demo, "PUT", "/api/v1/features/two-factor",
                                                         viewer ("demolen"), "{\"enabled\":false}",
                                                         "If-Match", "*", NULL);
    g_autoptr(TestAnswer) activate = test_server_request (demo, "POST", "/api/v1/license/pending/activate",
                                                          viewer ("demolen"), NULL, NULL);
    g_autoptr(TestAnswer) scim = test_server_request (demo, "PATCH", "/scim/v2/Users/x", viewer ("demolen"),
                                                      "{}", "If-Match", "*", NULL);

    assert_problem (order, 403, "forbidden");
    assert_problem (next, 403, "forbidden");
    assert_problem (feature, 403, "forbidden");
    assert_problem (activate, 403, "forbidden");
    assert_problem (scim, 403, "forbidden");
  }

  g_assert_cmpint (product_field ("demolen", "seats", "next_period"), ==, before);

  /* R15: prices are billing: a viewer reads the counts without them. */
  {
    g_autoptr(TestAnswer) subscription = get ("/api/v1/subscription", viewer ("demolen"));
    g_autoptr(TestAnswer) product = get ("/api/v1/products/seats", viewer ("demolen"));
    g_autoptr(TestAnswer) features = get ("/api/v1/features", viewer ("demolen"));
    g_autoptr(TestAnswer) admins = get ("/api/v1/subscription", admin ("demolen"));
    JsonArray *items = json_node_get_array (test_json_find (features->json, "items"));

    g_assert_cmpuint (subscription->status, ==, 200);
    g_assert_true (JSON_NODE_HOLDS_NULL (test_json_find (subscription->json, "monthly_price")));
    g_assert_true (JSON_NODE_HOLDS_NULL (test_json_find (subscription->json, "total_price")));
    g_assert_true (JSON_NODE_HOLDS_NULL (test_json_find (find_product (subscription->json, "seats"), "price")));
    g_assert_cmpint (test_json_int (find_product (subscription->json, "seats"), "purchased"), ==,
                     test_json_int (find_product (admins->json, "seats"), "purchased"));
    g_assert_true (JSON_NODE_HOLDS_NULL (test_json_find (product->json, "price")));
    for (guint i = 0; i < json_array_get_length (items); i++)
      g_assert_true (JSON_NODE_HOLDS_NULL (test_json_find (json_array_get_element (items, i), "monthly_fee")));
    g_assert_false (JSON_NODE_HOLDS_NULL (test_json_find (find_product (admins->json, "seats"), "price")));
  }
}

/* R2 and idempotent replay: the second POST answers the first order. */
static void
test_order_idempotent (void)
{
  const char *body = "{\"product_id\":\"imaging\",\"quantity\":3}";
  g_autoptr(TestAnswer) sub = get ("/api/v1/subscription", admin ("demolen"));
  g_autoptr(TestAnswer) before = get ("/api/v1/orders", admin ("demolen"));
  g_autoptr(TestAnswer) first = NULL;
  g_autoptr(TestAnswer) second = NULL;
  g_autoptr(TestAnswer) other = NULL;
  g_autoptr(TestAnswer) after = NULL;
  g_autoptr(TestAnswer) account = get ("/api/v1/account", admin ("demolen"));
  GDate start, end, today;
  gint64 expected;
  gint64 price = test_json_int (find_product (sub->json, "imaging"), "price.amount");

  first = test_server_request (demo, "POST", "/api/v1/orders", admin ("demolen"), body,
                               "Idempotency-Key", "order-key-1", NULL);
  g_assert_cmpuint (first->status, ==, 201);

  /* The amount is R2's, computed by the same rule function. */
  g_assert_true (seats_license_parse_date (test_json_string (sub->json, "period.start"), &start));
  g_assert_true (seats_license_parse_date (test_json_string (sub->json, "period.end"), &end));
  g_assert_true (seats_license_parse_date (test_json_string (account->json, "today"), &today));
  g_assert_true (seats_rules_prorated_price (3, price, &start, &end, &today, &expected, NULL));
  g_assert_cmpint (test_json_int (first->json, "amount.amount"), ==, expected);
  g_assert_cmpint (test_json_int (first->json, "purchased"), ==, 7);

  second = test_server_request (demo, "POST", "/api/v1/orders", admin ("demolen"), body,
                                "Idempotency-Key", "order-key-1", NULL);
  g_assert_cmpuint (second->status, ==, 201);
  g_assert_true (g_bytes_equal (first->body, second->body));

  other = test_server_request (demo, "POST", "/api/v1/orders", admin ("demolen"),
                               "{\"product_id\":\"imaging\",\"quantity\":4}",
                               "Idempotency-Key", "order-key-1", NULL);
  assert_problem (other, 422, "idempotency-key-reused");

  after = get ("/api/v1/orders", admin ("demolen"));
  g_assert_cmpint (test_json_int (after->json, "total"), ==, test_json_int (before->json, "total") + 1);
  g_assert_cmpstr (test_json_string (after->json, "items.0.id"), ==, test_json_string (first->json, "id"));
  g_assert_cmpint (product_field ("demolen", "imaging", "purchased"), ==, 7);
}

static void
test_order_refusals (void)
{
  g_autoptr(TestAnswer) nothing = test_server_request (demo, "POST", "/api/v1/orders", admin ("demolen"),
                                                       "{\"product_id\":\"seats\",\"quantity\":0}",
                                                       "Idempotency-Key", "zero", NULL);
  g_autoptr(TestAnswer) no_key = test_server_request (demo, "POST", "/api/v1/orders", admin ("demolen"),
                                                      "{\"product_id\":\"seats\",\"quantity\":1}", NULL);
  g_autoptr(TestAnswer) resold = test_server_request (demo, "POST", "/api/v1/orders", admin ("bergstrom"),
                                                      "{\"product_id\":\"seats\",\"quantity\":1}",
                                                      "Idempotency-Key", "resold", NULL);
  g_autoptr(TestAnswer) integration = test_server_request (demo, "POST", "/api/v1/orders", admin ("demolen"),
                                                           "{\"product_id\":\"accounting\",\"quantity\":1}",
                                                           "Idempotency-Key", "integration", NULL);

  assert_problem (nothing, 422, "nothing-to-buy");
  assert_problem (no_key, 400, "idempotency-key-required");
  /* R10: the refusal names the reseller. */
  assert_problem (resold, 422, "managed-by-reseller");
  g_assert_cmpstr (test_json_string (resold->json, "reseller.name"), ==, "Nordisk Licenspartner AB");
  assert_problem (integration, 422, "not-countable");
  g_assert_cmpint (product_field ("bergstrom", "seats", "purchased"), ==, 12);
}

/* R3, R5 per policy and R4. */
static void
test_next_period (void)
{
  g_autoptr(TestAnswer) zero = put_next_period ("demolen", "seats", "{\"count\":0}");
  g_autoptr(TestAnswer) below = put_next_period ("demolen", "seats", "{\"count\":3}");
  g_autoptr(TestAnswer) equal = put_next_period ("hetbaken", "seats", "{\"count\":34}");
  g_autoptr(TestAnswer) minimum = NULL;
  g_autoptr(TestAnswer) grace = put_next_period ("fjallgarden", "seats", "{\"count\":10}");
  g_autoptr(TestAnswer) ok = NULL;
  g_autoptr(TestAnswer) buy = NULL;
  gint64 counted = product_field ("demolen", "seats", "in_use");
  g_autofree char *lower = g_strdup_printf ("{\"count\":%" G_GINT64_FORMAT "}", counted);

  assert_problem (zero, 422, "cancels-subscription");
  assert_problem (below, 422, "below-counted-users");
  assert_problem (equal, 422, "must-equal-counted-users");
  g_assert_cmpuint (grace->status, ==, 200);
  g_assert_cmpint (test_json_int (grace->json, "next_period"), ==, 10);

  minimum = put_next_period ("hetbaken", "seats", "{\"count\":4}");
  assert_problem (minimum, 422, "below-minimum");

  /* R4: after lowering, buying makes the next period the new total. */
  ok = put_next_period ("demolen", "seats", lower);
  g_assert_cmpuint (ok->status, ==, 200);
  g_assert_cmpint (test_json_int (ok->json, "next_period"), ==, counted);

  buy = test_server_request (demo, "POST", "/api/v1/orders", admin ("demolen"),
                             "{\"product_id\":\"seats\",\"quantity\":1}",
                             "Idempotency-Key", "after-lowering", NULL);
  g_assert_cmpuint (buy->status, ==, 201);
  g_assert_cmpint (test_json_int (buy->json, "next_period"), ==, test_json_int (buy->json, "purchased"));
}

static void
test_etags (void)
{
  g_autoptr(TestAnswer) first = get ("/api/v1/subscription", admin ("fjallgarden"));
  g_autoptr(TestAnswer) again = NULL;
  g_autoptr(TestAnswer) sync = get ("/api/v1/sync", admin ("fjallgarden"));
  g_autoptr(TestAnswer) sync_again = NULL;
  g_autoptr(TestAnswer) stale = NULL;
  g_autoptr(TestAnswer) missing = NULL;
  g_autoptr(TestAnswer) changed = NULL;
  g_autofree char *etag = product_etag ("fjallgarden", "imaging");

  g_assert_nonnull (first->etag);
  again = test_server_request (demo, "GET", "/api/v1/subscription", admin ("fjallgarden"), NULL,
                               "If-None-Match", first->etag, NULL);
  g_assert_cmpuint (again->status, ==, 304);
  g_assert_cmpuint (g_bytes_get_size (again->body), ==, 0);

  sync_again = test_server_request (demo, "GET", "/api/v1/sync", admin ("fjallgarden"), NULL,
                                    "If-None-Match", sync->etag, NULL);
  g_assert_cmpuint (sync_again->status, ==, 304);

  missing = test_server_request (demo, "PUT", "/api/v1/products/imaging/next-period",
                                 admin ("fjallgarden"), "{\"count\":7}", NULL);
  assert_problem (missing, 428, "precondition-required");

  changed = test_server_request (demo, "PUT", "/api/v1/products/imaging/next-period",
                                 admin ("fjallgarden"), "{\"count\":7}", "If-Match", etag, NULL);
  g_assert_cmpuint (changed->status, ==, 200);
  g_assert_cmpstr (changed->etag, !=, etag);

  stale = test_server_request (demo, "PUT", "/api/v1/products/imaging/next-period",
                               admin ("fjallgarden"), "{\"count\":8}", "If-Match", etag, NULL);
  assert_problem (stale, 412, "stale");
  g_assert_cmpint (product_field ("fjallgarden", "imaging", "next_period"), ==, 7);

  {
    g_autoptr(TestAnswer) after = test_server_request (demo, "GET", "/api/v1/sync", admin ("fjallgarden"),
                                                       NULL, "If-None-Match", sync->etag, NULL);
    g_assert_cmpuint (after->status, ==, 200);
  }
}

static JsonNode *
extension_member (JsonNode   *user,
                  const char *name)
{
  JsonObject *object = json_node_get_object (user);
  JsonObject *extension = json_object_get_object_member (object,
    "urn:ietf:params:scim:schemas:extension:seats:2.0:User");

  g_assert_nonnull (extension);
  return json_object_get_member (extension, name);
}

/* Finds a user of the organization whose extension matches. */
static char *
find_user (const char *slug,
           gboolean    active,
           char      **etag)
{
  g_autoptr(TestAnswer) page = get ("/scim/v2/Users?count=1000", admin (slug));
  JsonArray *users = json_node_get_array (test_json_find (page->json, "Resources"));

  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      JsonNode *user = json_array_get_element (users, i);
      JsonNode *end = extension_member (user, "endDate");

      if (json_node_get_boolean (test_json_find (user, "active")) == active && JSON_NODE_HOLDS_NULL (end))
        {
          *etag = g_strdup (test_json_string (user, "meta.version"));
          return g_strdup (test_json_string (user, "id"));
        }
    }

  g_assert_not_reached ();
}

static TestAnswer *
patch_active (const char *slug,
              const char *id,
              const char *etag,
              gboolean    active)
{
  g_autofree char *path = g_strconcat ("/scim/v2/Users/", id, NULL);
  g_autofree char *body = g_strdup_printf (
    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
    "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":%s}]}",
    active ? "true" : "false");

  return test_server_request (demo, "PATCH", path, admin (slug), body,
                              "If-Match", etag, "Content-Type", "application/scim+json", NULL);
}

/* R6 per policy, R16. */
static void
test_activation (void)
{
  g_autofree char *etag = NULL;
  g_autofree char *id = find_user ("hetbaken", FALSE, &etag);
  g_autoptr(TestAnswer) refused = patch_active ("hetbaken", id, etag, TRUE);
  g_autofree char *grace_etag = NULL;
  g_autofree char *grace_id = find_user ("fjallgarden", FALSE, &grace_etag);
  g_autoptr(TestAnswer) grace = patch_active ("fjallgarden", grace_id, grace_etag, TRUE);
  g_autofree char *path = g_strconcat ("/scim/v2/Users/", id, NULL);
  g_autoptr(TestAnswer) name = test_server_request (demo, "PATCH", path, admin ("hetbaken"),
    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
    "\"Operations\":[{\"op\":\"replace\",\"path\":\"name.familyName\",\"value\":\"X\"}]}",
    "If-Match", etag, NULL);
  g_autoptr(TestAnswer) user = get (path, admin ("hetbaken"));

  g_assert_cmpuint (refused->status, ==, 422);
  g_assert_cmpstr (test_json_string (refused->json, "code"), ==, "no-free-seat");
  g_assert_cmpstr (test_json_string (refused->json, "scimType"), ==, "invalidValue");
  g_assert_cmpstr (test_json_string (refused->json, "schemas.0"), ==,
                   "urn:ietf:params:scim:api:messages:2.0:Error");

  /* Under grace the user is activated, with a deadline. */
  g_assert_cmpuint (grace->status, ==, 200);
  g_assert_true (json_node_get_boolean (test_json_find (grace->json, "active")));
  g_assert_true (JSON_NODE_HOLDS_VALUE (extension_member (grace->json, "graceDeadline")));

  g_assert_cmpuint (name->status, ==, 400);
  g_assert_cmpstr (test_json_string (name->json, "scimType"), ==, "mutability");
  g_assert_cmpstr (test_json_string (name->json, "code"), ==, "read-only");
  g_assert_false (json_node_get_boolean (test_json_find (user->json, "active")));
}

static guint
array_length (JsonNode   *node,
              const char *path)
{
  return json_array_get_length (json_node_get_array (test_json_find (node, path)));
}

/* A client catches up in one request: what changed since a moment. */
static void
test_delta (void)
{
  g_autoptr(TestAnswer) sync = get ("/api/v1/sync", admin ("vandijk"));
  g_autofree char *since = g_strdup (test_json_string (sync->json, "now"));
  g_autofree char *escaped = g_uri_escape_string (since, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/api/v1/delta?since=", escaped, NULL);
  g_autoptr(TestAnswer) before = get (path, admin ("vandijk"));
  g_autoptr(TestAnswer) unchanged = NULL;
  g_autoptr(TestAnswer) changed = NULL;
  g_autoptr(TestAnswer) as_viewer = NULL;
  g_autoptr(TestAnswer) bad = NULL;
  g_autoptr(TestAnswer) deactivated = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *id = find_user ("vandijk", TRUE, &etag);

  /* Everything small, and nothing of the users or logs since then. */
  g_assert_cmpuint (before->status, ==, 200);
  g_assert_cmpstr (before->etag, ==, sync->etag);
  g_assert_nonnull (test_json_find (before->json, "account"));
  g_assert_nonnull (test_json_find (before->json, "subscription.products"));
  g_assert_nonnull (test_json_find (before->json, "billing"));
  g_assert_cmpuint (array_length (before->json, "users"), ==, 0);
  g_assert_cmpuint (array_length (before->json, "actions.items"), ==, 0);
  g_assert_cmpuint (array_length (before->json, "deleted"), ==, 0);
  g_assert_false (json_node_get_boolean (test_json_find (before->json, "users_more")));

  unchanged = test_server_request (demo, "GET", path, admin ("vandijk"), NULL,
                                   "If-None-Match", sync->etag, NULL);
  g_assert_cmpuint (unchanged->status, ==, 304);

  /* A deactivation: the user and its log entry come with the next delta,
   * the counts with the products. */
  deactivated = patch_active ("vandijk", id, etag, FALSE);
  g_assert_cmpuint (deactivated->status, ==, 200);
  changed = get (path, admin ("vandijk"));
  g_assert_cmpuint (changed->status, ==, 200);
  g_assert_cmpstr (changed->etag, !=, sync->etag);
  g_assert_cmpuint (array_length (changed->json, "users"), ==, 1);
  g_assert_cmpstr (test_json_string (changed->json, "users.0.id"), ==, id);
  g_assert_false (json_node_get_boolean (test_json_find (changed->json, "users.0.active")));
  g_assert_cmpuint (array_length (changed->json, "actions.items"), >=, 1);

  /* R15: a viewer's delta has no billing and no lists. */
  as_viewer = get (path, viewer ("vandijk"));
  g_assert_cmpuint (as_viewer->status, ==, 200);
  g_assert_false (json_object_has_member (json_node_get_object (as_viewer->json), "billing"));
  g_assert_false (json_object_has_member (json_node_get_object (as_viewer->json), "actions"));
  g_assert_cmpuint (array_length (as_viewer->json, "users"), ==, 1);

  bad = get ("/api/v1/delta?since=yesterday", admin ("vandijk"));
  assert_problem (bad, 400, "invalid-parameter");
}

/* R8: blocked by a product below its in-use count, then activated. */
static void
test_pending_license (void)
{
  g_autoptr(TestAnswer) pending = get ("/api/v1/license/pending", viewer ("demolen"));
  g_autoptr(TestAnswer) blocked = NULL;
  g_autoptr(TestAnswer) assignments = get ("/api/v1/products/scheduling/assignments", admin ("demolen"));
  g_autoptr(TestAnswer) activated = NULL;
  g_autoptr(TestAnswer) gone = NULL;
  JsonArray *holders = json_node_get_array (test_json_find (assignments->json, "user_ids"));

  g_assert_cmpuint (pending->status, ==, 200);
  g_assert_false (json_node_get_boolean (test_json_find (pending->json, "can_activate")));
  g_assert_cmpstr (test_json_string (pending->json, "changes.0.product_id"), ==, "scheduling");
  g_assert_cmpint (test_json_int (pending->json, "changes.0.surplus"), ==, 2);

  blocked = test_server_request (demo, "POST", "/api/v1/license/pending/activate", admin ("demolen"), NULL, NULL);
  assert_problem (blocked, 422, "license-below-in-use");

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *etag = product_etag ("demolen", "scheduling");
      g_autofree char *path = g_strdup_printf ("/api/v1/products/scheduling/assignments/%s",
                                               json_array_get_string_element (holders, i));
      g_autoptr(TestAnswer) removed = test_server_request (demo, "DELETE", path, admin ("demolen"), NULL,
                                                           "If-Match", etag, NULL);
      g_assert_cmpuint (removed->status, ==, 200);
    }

  activated = test_server_request (demo, "POST", "/api/v1/license/pending/activate", admin ("demolen"), NULL, NULL);
  g_assert_cmpuint (activated->status, ==, 200);
  g_assert_cmpint (test_json_int (find_product (activated->json, "scheduling"), "purchased"), ==, 4);

  gone = get ("/api/v1/license/pending", admin ("demolen"));
  assert_problem (gone, 404, "not-found");
}

static void
test_module_assignment (void)
{
  g_autofree char *user_etag = NULL;
  g_autofree char *user = find_user ("fjallgarden", TRUE, &user_etag);
  g_autofree char *path = g_strdup_printf ("/api/v1/products/imaging/assignments/%s", user);
  g_autofree char *seats_path = g_strdup_printf ("/api/v1/products/seats/assignments/%s", user);
  g_autofree char *etag = product_etag ("fjallgarden", "imaging");
  g_autoptr(TestAnswer) assigned = test_server_request (demo, "PUT", path, admin ("fjallgarden"), NULL,
                                                        "If-Match", etag, NULL);
  g_autoptr(TestAnswer) not_module = test_server_request (demo, "PUT", seats_path, admin ("fjallgarden"),
                                                          NULL, "If-Match", "*", NULL);

  g_assert_cmpuint (assigned->status, ==, 200);
  g_assert_cmpint (test_json_int (assigned->json, "in_use"), ==, 4);
  assert_problem (not_module, 422, "not-a-module");

  /* A module goes with a user license: one who has left, active still
   * but past the end date (R1), is not given one, free as one is, as the
   * window does not give it; and the answer says that nothing changed. */
  {
    g_autoptr(TestAnswer) page = get ("/scim/v2/Users?count=1000", admin ("fjallgarden"));
    JsonArray *users = json_node_get_array (test_json_find (page->json, "Resources"));
    g_autofree char *left_path = NULL;
    g_autofree char *user_path = NULL;
    g_autoptr(TestAnswer) freed = test_server_request (demo, "DELETE", path, admin ("fjallgarden"),
                                                       NULL, "If-Match", assigned->etag, NULL);
    g_autoptr(TestAnswer) refused = NULL;
    g_autoptr(TestAnswer) user_after = NULL;
    const char *left = NULL;
    JsonArray *modules;

    for (guint i = 0; i < json_array_get_length (users) && left == NULL; i++)
      {
        JsonNode *node = json_array_get_element (users, i);

        if (json_node_get_boolean (test_json_find (node, "active")) &&
            !json_node_get_boolean (extension_member (node, "counts")) &&
            json_array_get_length (json_node_get_array (extension_member (node, "modules"))) == 0)
          left = test_json_string (node, "id");
      }
    g_assert_nonnull (left);

    g_assert_cmpuint (freed->status, ==, 200);
    g_assert_cmpint (test_json_int (freed->json, "in_use"), ==, 3);
    left_path = g_strdup_printf ("/api/v1/products/imaging/assignments/%s", left);
    refused = test_server_request (demo, "PUT", left_path, admin ("fjallgarden"), NULL,
                                   "If-Match", freed->etag, NULL);
    user_path = g_strconcat ("/scim/v2/Users/", left, NULL);
    user_after = get (user_path, admin ("fjallgarden"));

    g_assert_cmpuint (refused->status, ==, 200);
    g_assert_cmpint (test_json_int (refused->json, "in_use"), ==, 3);
    g_assert_cmpstr (refused->etag, ==, freed->etag);
    modules = json_node_get_array (extension_member (user_after->json, "modules"));
    g_assert_cmpuint (json_array_get_length (modules), ==, 0);
  }
}

/* R12: switched, and written in the action log. */
static void
test_feature_switch (void)
{
  g_autoptr(TestAnswer) features = get ("/api/v1/features", admin ("demolen"));
  const char *etag = test_json_string (features->json, "items.1.etag");
  g_autoptr(TestAnswer) on = test_server_request (demo, "PUT", "/api/v1/features/sms-reminders",
                                                  admin ("demolen"), "{\"enabled\":true}",
                                                  "If-Match", etag, NULL);
  g_autoptr(TestAnswer) actions = get ("/api/v1/actions?limit=1", admin ("demolen"));
  g_autoptr(TestAnswer) resold = test_server_request (demo, "PUT", "/api/v1/features/document-requests",
                                                      admin ("bergstrom"), "{\"enabled\":true}",
                                                      "If-Match", "*", NULL);

  g_assert_cmpstr (test_json_string (features->json, "items.1.id"), ==, "sms-reminders");
  g_assert_cmpuint (on->status, ==, 200);
  g_assert_true (json_node_get_boolean (test_json_find (on->json, "enabled")));
  g_assert_cmpstr (test_json_string (actions->json, "items.0.action"), ==, "feature-on");
  g_assert_cmpstr (test_json_string (actions->json, "items.0.subject"), ==, "sms-reminders");
  g_assert_cmpstr (test_json_string (actions->json, "items.0.actor"), ==, "Administrator");
  assert_problem (resold, 422, "managed-by-reseller");

  /* Switched to what it is already: the feature as it is, and no switch
   * in the log, where there was none (R14). */
  {
    g_autoptr(TestAnswer) again = test_server_request (demo, "PUT",
                                                       "/api/v1/features/sms-reminders",
                                                       admin ("demolen"), "{\"enabled\":true}",
                                                       "If-Match", on->etag, NULL);
    g_autoptr(TestAnswer) log = get ("/api/v1/actions?limit=1", admin ("demolen"));

    g_assert_cmpuint (again->status, ==, 200);
    g_assert_true (json_node_get_boolean (test_json_find (again->json, "enabled")));
    g_assert_cmpstr (again->etag, ==, on->etag);
    g_assert_cmpint (test_json_int (log->json, "total"), ==,
                     test_json_int (actions->json, "total"));
  }
}

/* R11 */
/* The add-ons an organization offers, by id: its modules, integrations
 * and features, apart from the user licenses and the two-factor sign-in
 * every organization has. */
static GHashTable *
add_ons (const char *slug)
{
  g_autoptr(TestAnswer) subscription = get ("/api/v1/subscription", admin (slug));
  g_autoptr(TestAnswer) features = get ("/api/v1/features", admin (slug));
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *lists[] = {
    json_node_get_array (test_json_find (subscription->json, "products")),
    json_node_get_array (test_json_find (features->json, "items")),
  };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < json_array_get_length (lists[l]); i++)
      {
        const char *id = test_json_string (json_array_get_element (lists[l], i), "id");

        if (!g_str_equal (id, "seats") && !g_str_equal (id, "two-factor"))
          g_hash_table_add (ids, g_strdup (id));
      }

  g_assert_cmpuint (g_hash_table_size (ids), ==, 5);
  return ids;
}

/* Each demo organization offers the modules and integrations of its own
 * trade: a bakery has no X-ray archive. */
static void
test_demo_trades (void)
{
  const char *slugs[] = { "demolen", "hetbaken", "bergstrom", "vandijk" };
  g_autoptr(GHashTable) dental = add_ons ("fjallgarden");

  for (guint i = 0; i < G_N_ELEMENTS (slugs); i++)
    {
      g_autoptr(GHashTable) mine = add_ons (slugs[i]);

      for (guint j = i + 1; j < G_N_ELEMENTS (slugs); j++)
        {
          g_autoptr(GHashTable) theirs = add_ons (slugs[j]);
          GHashTableIter iter;
          gpointer id;

          g_hash_table_iter_init (&iter, mine);
          while (g_hash_table_iter_next (&iter, &id, NULL))
            {
              g_test_message ("%s and %s: %s", slugs[i], slugs[j], (const char *) id);
              g_assert_false (g_hash_table_contains (theirs, id));
            }
        }

      /* The two dental practices, in two countries, offer the same. */
      if (g_str_equal (slugs[i], "demolen"))
        {
          GHashTableIter iter;
          gpointer id;

          g_hash_table_iter_init (&iter, mine);
          while (g_hash_table_iter_next (&iter, &id, NULL))
            g_assert_true (g_hash_table_contains (dental, id));
        }
    }
}

static void
test_edition (void)
{
  g_autoptr(TestAnswer) answer = test_server_request (demo, "PUT", "/api/v1/subscription/edition",
                                                      admin ("demolen"), "{\"edition\":\"Enterprise\"}",
                                                      "If-Match", "*", NULL);

  assert_problem (answer, 422, "edition-read-only");
}

/* R13 */
static void
test_billing (void)
{
  g_autoptr(TestAnswer) billing = get ("/api/v1/billing", admin ("demolen"));
  const char *etag = billing->etag;
  g_autoptr(TestAnswer) bad_mail = test_server_request (demo, "PUT", "/api/v1/billing", admin ("demolen"),
    "{\"contact\":{\"user_id\":null,\"email\":\"not an address\"},"
    "\"postal_address\":{\"street\":\"Molenstraat 12\",\"postal_code\":\"3811 GH\",\"city\":\"Amersfoort\",\"country\":\"Nederland\"},"
    "\"e_invoicing\":{\"enabled\":false,\"address\":null,\"operator_code\":null}}", "If-Match", etag, NULL);
  g_autoptr(TestAnswer) no_street = test_server_request (demo, "PUT", "/api/v1/billing", admin ("demolen"),
    "{\"contact\":{\"user_id\":null,\"email\":\"boekhouding@demolen.example\"},"
    "\"postal_address\":{\"street\":\"\",\"postal_code\":\"3811 GH\",\"city\":\"Amersfoort\",\"country\":\"Nederland\"},"
    "\"e_invoicing\":{\"enabled\":true,\"address\":\"0106:12345678\",\"operator_code\":\"PEPPOL\"}}", "If-Match", etag, NULL);
  g_autoptr(TestAnswer) company = test_server_request (demo, "PUT", "/api/v1/billing", admin ("demolen"),
    "{\"company_name\":\"Other B.V.\",\"contact\":{\"user_id\":null,\"email\":\"boekhouding@demolen.example\"},"
    "\"postal_address\":{\"street\":\"Molenstraat 12\",\"postal_code\":\"3811 GH\",\"city\":\"Amersfoort\",\"country\":\"Nederland\"},"
    "\"e_invoicing\":{\"enabled\":false,\"address\":null,\"operator_code\":null}}", "If-Match", etag, NULL);
  g_autoptr(TestAnswer) good = test_server_request (demo, "PUT", "/api/v1/billing", admin ("demolen"),
    "{\"contact\":{\"user_id\":null,\"email\":\"boekhouding@demolen.example\"},"
    "\"postal_address\":{\"street\":\"Molenstraat 12\",\"postal_code\":\"3811 GH\",\"city\":\"Amersfoort\",\"country\":\"Nederland\"},"
    "\"e_invoicing\":{\"enabled\":true,\"address\":\"0106:12345678\",\"operator_code\":\"PEPPOL\"}}", "If-Match", etag, NULL);

  assert_problem (bad_mail, 422, "invalid-email");
  g_assert_cmpstr (test_json_string (bad_mail->json, "field"), ==, "contact");
  assert_problem (no_street, 422, "postal-address-required");
  g_assert_cmpstr (test_json_string (no_street->json, "field"), ==, "postal_address.street");
  assert_problem (company, 422, "read-only");
  g_assert_cmpuint (good->status, ==, 200);
  g_assert_cmpstr (test_json_string (good->json, "contact.email"), ==, "boekhouding@demolen.example");
  g_assert_true (json_node_get_boolean (test_json_find (good->json, "e_invoicing.enabled")));
  g_assert_cmpstr (test_json_string (good->json, "company_name"), ==, "Tandartspraktijk De Molen B.V.");

  /* R14: one entry for each field that changed, before and after; the
   * street, sent as it was, is not in the log. */
  {
    g_autoptr(TestAnswer) actions = get ("/api/v1/actions?limit=10", admin ("demolen"));
    JsonArray *items = json_node_get_array (test_json_find (actions->json, "items"));
    const char *expected[][3] = {
      { "contact", "administratie@demolen.example", "boekhouding@demolen.example" },
      { "e-invoicing", "off", "on" },
      { "e-invoice-address", NULL, "0106:12345678" },
      { "e-invoice-operator", NULL, "PEPPOL" },
    };
    guint found = 0;

    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        JsonNode *item = json_array_get_element (items, i);

        if (g_strcmp0 (test_json_string (item, "action"), "billing") != 0)
          continue;
        g_assert_cmpstr (test_json_string (item, "subject"), !=, "street");
        for (guint j = 0; j < G_N_ELEMENTS (expected); j++)
          if (g_strcmp0 (test_json_string (item, "subject"), expected[j][0]) == 0)
            {
              g_assert_cmpstr (test_json_string (item, "before"), ==, expected[j][1]);
              g_assert_cmpstr (test_json_string (item, "after"), ==, expected[j][2]);
              found++;
            }
      }
    g_assert_cmpuint (found, ==, G_N_ELEMENTS (expected));
  }
}

/* R18 */
static void
test_trial (void)
{
  g_autoptr(TestAnswer) account = get ("/api/v1/account", admin ("vandijk"));
  g_autoptr(TestAnswer) subscription = get ("/api/v1/subscription", admin ("vandijk"));
  g_autoptr(TestAnswer) bad = test_server_request (demo, "POST", "/api/v1/trial/convert", admin ("vandijk"),
    "{\"serial_number\":\"abc\",\"license_owner\":\"Bakkerij Van Dijk\"}", NULL);
  g_autoptr(TestAnswer) no_owner = test_server_request (demo, "POST", "/api/v1/trial/convert", admin ("vandijk"),
    "{\"serial_number\":\"ABCD-1234-EFGH-5678\",\"license_owner\":\"  \"}", NULL);
  g_autoptr(TestAnswer) good = test_server_request (demo, "POST", "/api/v1/trial/convert", admin ("vandijk"),
    "{\"serial_number\":\"ABCD-1234-EFGH-5678\",\"license_owner\":\"Bakkerij Van Dijk\"}", NULL);
  g_autoptr(TestAnswer) again = test_server_request (demo, "POST", "/api/v1/trial/convert", admin ("vandijk"),
    "{\"serial_number\":\"ABCD-1234-EFGH-5678\",\"license_owner\":\"Bakkerij Van Dijk\"}", NULL);

  g_assert_cmpint (test_json_int (account->json, "trial.days_left"), ==, 12);
  /* A trial costs nothing but its integrations. */
  g_assert_cmpstr (test_json_string (subscription->json, "edition"), ==, "Trial");
  g_assert_cmpint (test_json_int (find_product (subscription->json, "seats"), "price.amount"), ==, 0);
  assert_problem (bad, 422, "invalid-serial-number");
  assert_problem (no_owner, 422, "license-owner-required");
  g_assert_cmpuint (good->status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_NULL (test_json_find (good->json, "trial")));
  g_assert_cmpstr (test_json_string (good->json, "serial_number"), ==, "ABCD-1234-EFGH-5678");
  assert_problem (again, 422, "not-a-trial");

  /* Registered, it is what was bought: the edition and the prices. */
  {
    g_autoptr(TestAnswer) bought = get ("/api/v1/subscription", admin ("vandijk"));

    g_assert_cmpstr (test_json_string (bought->json, "edition"), ==, "Standard");
    g_assert_cmpint (test_json_int (find_product (bought->json, "seats"), "price.amount"), ==, 1450);
    g_assert_cmpint (test_json_int (find_product (bought->json, "till"), "price.amount"), ==, 1450 / 4);
    g_assert_cmpint (test_json_int (bought->json, "monthly_price.amount"), >,
                     test_json_int (subscription->json, "monthly_price.amount"));
  }
}

/* Bad input of every kind: 400 and nothing changed. */
static void
test_bad_input (void)
{
  struct { const char *body; const char *type; guint status; const char *code; } cases[] = {
    { "{\"count\":", NULL, 400, "malformed-request" },
    { "[1,2]", NULL, 400, "malformed-request" },
    { "{\"count\":\"30\"}", NULL, 400, "malformed-request" },
    { "{\"count\":30.5}", NULL, 400, "malformed-request" },
    { "{}", NULL, 400, "malformed-request" },
    { "{\"count\":30,\"extra\":1}", NULL, 400, "unknown-field" },
    { "{\"count\":-1}", NULL, 400, "malformed-request" },
    { "{\"count\":30}", "text/plain", 415, "unsupported-media-type" },
    { "", NULL, 400, "malformed-request" },
  };
  g_autofree char *large = NULL;
  gint64 before = product_field ("fjallgarden", "scheduling", "next_period");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *etag = product_etag ("fjallgarden", "scheduling");
      g_autoptr(TestAnswer) answer = test_server_request (demo, "PUT", "/api/v1/products/scheduling/next-period",
                                                          admin ("fjallgarden"), cases[i].body,
                                                          "If-Match", etag,
                                                          "Content-Type", cases[i].type ? cases[i].type : "application/json",
                                                          NULL);
      assert_problem (answer, cases[i].status, cases[i].code);
    }

  /* Nested deeper than json-glib's recursion survives, inside the 64 KiB. */
  {
    g_autofree char *brackets = g_strnfill (60000, '[');
    g_autofree char *body = g_strconcat ("{\"count\":", brackets, NULL);
    g_autofree char *etag = product_etag ("fjallgarden", "scheduling");
    g_autoptr(TestAnswer) deep = test_server_request (demo, "PUT", "/api/v1/products/scheduling/next-period",
                                                      admin ("fjallgarden"), body, "If-Match", etag, NULL);

    assert_problem (deep, 400, "malformed-request");
  }

  /* Bounded bodies and pages. */
  large = g_strnfill (70 * 1024, ' ');
  large[0] = '{';
  large[70 * 1024 - 1] = '}';
  {
    g_autofree char *etag = product_etag ("fjallgarden", "scheduling");
    g_autoptr(TestAnswer) too_large = test_server_request (demo, "PUT", "/api/v1/products/scheduling/next-period",
                                                           admin ("fjallgarden"), large, "If-Match", etag, NULL);
    g_autoptr(TestAnswer) page = get ("/scim/v2/Users?count=many", admin ("fjallgarden"));
    g_autoptr(TestAnswer) filter = get ("/scim/v2/Users?filter=name%20sw%20%22A%22", admin ("fjallgarden"));
    g_autoptr(TestAnswer) limit = get ("/api/v1/actions?limit=0", admin ("fjallgarden"));
    g_autoptr(TestAnswer) nowhere = get ("/api/v1/nowhere", admin ("fjallgarden"));

    assert_problem (too_large, 413, "body-too-large");
    g_assert_cmpuint (page->status, ==, 400);
    g_assert_cmpstr (test_json_string (page->json, "code"), ==, "invalid-parameter");
    g_assert_cmpuint (filter->status, ==, 400);
    g_assert_cmpstr (test_json_string (filter->json, "scimType"), ==, "invalidFilter");
    assert_problem (limit, 400, "invalid-parameter");
    assert_problem (nowhere, 404, "not-found");
  }

  g_assert_cmpint (product_field ("fjallgarden", "scheduling", "next_period"), ==, before);
}

/* R9: good, bad signature, wrong organization. */
static void
test_license_import (void)
{
  g_autoptr(TestAnswer) file = get ("/api/v1/license/pending/file", admin ("demolen"));
  g_autoptr(TestAnswer) wrong_org = NULL;
  g_autoptr(TestAnswer) tampered = NULL;
  g_autoptr(TestAnswer) garbage = NULL;
  g_autoptr(TestAnswer) good = NULL;
  g_autoptr(TestAnswer) account = get ("/api/v1/account", admin ("demolen"));
  g_autofree char *text = NULL;
  g_autofree char *changed = NULL;
  g_autoptr(SeatsLicense) license = NULL;
  GDate today;
  char *payload;

  if (file->status == 404)
    {
      /* The pending license was activated by an earlier test. */
      g_test_skip ("no pending license left");
      return;
    }

  g_assert_cmpuint (file->status, ==, 200);
  text = g_strndup (g_bytes_get_data (file->body, NULL), g_bytes_get_size (file->body));

  /* The client's check, with the public key from the account. */
  g_assert_true (seats_license_parse_date (test_json_string (account->json, "today"), &today));
  license = seats_license_verify (text, strlen (text), test_json_string (account->json, "vendor_public_key"),
                                  test_json_string (account->json, "id"), &today, NULL);
  g_assert_nonnull (license);

  wrong_org = test_server_request (demo, "POST", "/api/v1/license/import", admin ("fjallgarden"), text, NULL);
  assert_problem (wrong_org, 422, "license-wrong-organization");

  changed = g_strdup (text);
  payload = strstr (changed, "\"payload\":\"") + strlen ("\"payload\":\"");
  payload[10] = payload[10] == 'A' ? 'B' : 'A';
  tampered = test_server_request (demo, "POST", "/api/v1/license/import", admin ("demolen"), changed, NULL);
  assert_problem (tampered, 422, "license-bad-signature");

  garbage = test_server_request (demo, "POST", "/api/v1/license/import", admin ("demolen"), "{\"format\":1}", NULL);
  assert_problem (garbage, 422, "license-malformed");

  /* Nesting that took the whole server down, and an empty file: refused,
   * and the server still answers. */
  {
    g_autofree char *brackets = g_strnfill (100000, '[');
    g_autoptr(TestAnswer) deep = test_server_request (demo, "POST", "/api/v1/license/import",
                                                      admin ("demolen"), brackets, NULL);
    g_autoptr(TestAnswer) empty = test_server_request (demo, "POST", "/api/v1/license/import",
                                                       admin ("demolen"), "", NULL);
    g_autoptr(TestAnswer) alive = test_server_request (demo, "GET", "/api/v1/account", admin ("demolen"),
                                                       NULL, NULL);

    assert_problem (deep, 422, "license-malformed");
    assert_problem (empty, 422, "license-malformed");
    g_assert_cmpuint (alive->status, ==, 200);
  }

  good = test_server_request (demo, "POST", "/api/v1/license/import", admin ("demolen"), text, NULL);
  g_assert_cmpuint (good->status, ==, 200);
  g_assert_cmpstr (test_json_string (good->json, "source"), ==, "file");
}

/* R9 expiry and the clock: a period turns, a grace deadline passes. */
static void
test_clock (void)
{
  const char *args[] = { "--seed", "demo", "--allow-clock", NULL };
  g_autoptr(TestServer) server = test_server_start (args);
  const char *token = g_hash_table_lookup (server->admin, "fjallgarden");
  const char *demolen = g_hash_table_lookup (server->admin, "demolen");
  g_autoptr(TestAnswer) file = test_server_request (server, "GET", "/api/v1/license/pending/file", demolen, NULL, NULL);
  g_autoptr(TestAnswer) sub = test_server_request (server, "GET", "/api/v1/subscription", token, NULL, NULL);
  g_autoptr(TestAnswer) invoices = test_server_request (server, "GET", "/api/v1/invoices", token, NULL, NULL);
  g_autoptr(TestAnswer) in_grace = test_server_request (server, "GET",
    "/scim/v2/Users?count=1000&filter=active%20eq%20true", token, NULL, NULL);
  g_autoptr(TestAnswer) moved = NULL;
  g_autoptr(TestAnswer) sub_after = NULL;
  g_autoptr(TestAnswer) invoices_after = NULL;
  g_autoptr(TestAnswer) active_after = NULL;
  g_autoptr(TestAnswer) expired = NULL;
  g_autoptr(TestAnswer) no_clock = test_server_request (demo, "POST", "/api/v1/_clock", admin ("demolen"),
                                                        "{\"advance_days\":1}", NULL);
  g_autofree char *etag = NULL;
  gint64 seats = test_json_int (find_product (sub->json, "seats"), "purchased");
  gint64 active = test_json_int (in_grace->json, "totalResults");

  /* Without --allow-clock there is no clock to move. */
  assert_problem (no_clock, 404, "not-found");

  g_assert_cmpint (active, >, seats);

  /* The period of today was invoiced when it began, at the monthly price
   * the subscription adds up to. */
  g_assert_cmpstr (test_json_string (invoices->json, "items.0.issued"), ==,
                   test_json_string (sub->json, "period.start"));
  g_assert_cmpint (test_json_int (invoices->json, "items.0.amount.amount"), ==,
                   test_json_int (sub->json, "monthly_price.amount"));
  {
    g_autoptr(TestAnswer) product = test_server_request (server, "GET", "/api/v1/products/seats", token, NULL, NULL);
    g_autoptr(TestAnswer) lowered = NULL;

    etag = g_strdup (product->etag);
    lowered = test_server_request (server, "PUT", "/api/v1/products/seats/next-period", token,
                                   "{\"count\":20}", "If-Match", etag, NULL);
    g_assert_cmpuint (lowered->status, ==, 200);
  }

  moved = test_server_request (server, "POST", "/api/v1/_clock", token, "{\"advance_days\":62}", NULL);
  g_assert_cmpuint (moved->status, ==, 200);

  sub_after = test_server_request (server, "GET", "/api/v1/subscription", token, NULL, NULL);
  g_assert_cmpint (test_json_int (find_product (sub_after->json, "seats"), "purchased"), ==, 20);
  g_assert_cmpstr (test_json_string (sub_after->json, "period.start"), !=,
                   test_json_string (sub->json, "period.start"));

  invoices_after = test_server_request (server, "GET", "/api/v1/invoices", token, NULL, NULL);
  g_assert_cmpint (test_json_int (invoices_after->json, "total"), >=, test_json_int (invoices->json, "total") + 2);
  g_assert_cmpint (test_json_int (invoices_after->json, "items.0.amount.amount"), ==,
                   test_json_int (sub_after->json, "total_price.amount"));
  g_assert_cmpstr (test_json_string (invoices_after->json, "items.0.issued"), ==,
                   test_json_string (sub_after->json, "period.start"));

  /* The deadlines passed: the excess users are deactivated. */
  active_after = test_server_request (server, "GET", "/scim/v2/Users?count=1000&filter=active%20eq%20true",
                                      token, NULL, NULL);
  g_assert_cmpint (test_json_int (active_after->json, "totalResults"), <, active);
  {
    g_autoptr(TestAnswer) actions = test_server_request (server, "GET", "/api/v1/actions?limit=500", token, NULL, NULL);
    g_autofree char *dump = g_strndup (g_bytes_get_data (actions->body, NULL), g_bytes_get_size (actions->body));

    g_assert_nonnull (strstr (dump, "deactivated-at-deadline"));
    g_assert_nonnull (strstr (dump, "period-turned"));
  }

  /* The license file has expired by now. */
  expired = test_server_request (server, "POST", "/api/v1/license/import", demolen,
                                 g_bytes_get_data (file->body, NULL), NULL);
  assert_problem (expired, 422, "license-expired");
}

static char *
iso_date_after (const char *date,
                int         days)
{
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_parse (&day, date);
  g_assert_true (g_date_valid (&day));
  if (days > 0)
    g_date_add_days (&day, days);
  else
    g_date_subtract_days (&day, -days);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&day), g_date_get_month (&day),
                          g_date_get_day (&day));
}

static char *
first_of_month (const char *date,
                int         months)
{
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_parse (&day, date);
  g_date_set_day (&day, 1);
  g_date_add_months (&day, months);

  return g_strdup_printf ("%04u-%02u-01", g_date_get_year (&day), g_date_get_month (&day));
}

/* The demo seeded and its days turned on the dates that break calendars:
 * each organization's day is its own (Amsterdam and Stockholm, an hour
 * ahead of UTC), a period turns at the organization's midnight and is
 * invoiced then, and a day past every deadline leaves none pending. */
static void
test_calendar (gconstpointer data)
{
  const char *now = data;
  const char *args[] = { "--seed", "demo", "--allow-clock", NULL };
  g_autoptr(TestServer) server = NULL;
  g_autoptr(TestAnswer) bakery = NULL;
  g_autoptr(TestAnswer) clinic = NULL;
  g_autoptr(TestAnswer) subscription = NULL;
  g_autoptr(TestAnswer) moved = NULL;
  g_autoptr(TestAnswer) next = NULL;
  g_autoptr(TestAnswer) turned = NULL;
  g_autoptr(TestAnswer) invoices = NULL;
  g_autoptr(TestAnswer) later = NULL;
  g_autoptr(TestAnswer) ended = NULL;
  g_autoptr(TestAnswer) graced = NULL;
  g_autoptr(GDateTime) when = seats_test_parse_time (now);
  g_autoptr(GTimeZone) amsterdam = g_time_zone_new_identifier ("Europe/Amsterdam");
  g_autoptr(GDateTime) local = g_date_time_to_timezone (when, amsterdam);
  g_autofree char *today = g_date_time_format (local, "%Y-%m-%d");
  g_autofree char *tomorrow = iso_date_after (today, 1);
  g_autofree char *trial_end = iso_date_after (today, 11);
  g_autofree char *period_start = first_of_month (today, 0);
  g_autofree char *period_end = first_of_month (today, 1);
  const char *vandijk, *demolen, *fjallgarden;
  gboolean last_day;

  /* The day the test is about, for the server it starts. */
  seats_test_set_clock (now);
  server = test_server_start (args);
  vandijk = g_hash_table_lookup (server->admin, "vandijk");
  demolen = g_hash_table_lookup (server->admin, "demolen");
  fjallgarden = g_hash_table_lookup (server->admin, "fjallgarden");

  bakery = test_server_request (server, "GET", "/api/v1/account", vandijk, NULL, NULL);
  g_assert_cmpstr (test_json_string (bakery->json, "time_zone"), ==, "Europe/Amsterdam");
  g_assert_cmpstr (test_json_string (bakery->json, "today"), ==, today);
  g_assert_cmpstr (test_json_string (bakery->json, "trial.end_date"), ==, trial_end);
  g_assert_cmpint (test_json_int (bakery->json, "trial.days_left"), ==, 12);

  clinic = test_server_request (server, "GET", "/api/v1/account", fjallgarden, NULL, NULL);
  g_assert_cmpstr (test_json_string (clinic->json, "time_zone"), ==, "Europe/Stockholm");
  g_assert_cmpstr (test_json_string (clinic->json, "today"), ==, today);

  subscription = test_server_request (server, "GET", "/api/v1/subscription", demolen, NULL, NULL);
  g_assert_cmpstr (test_json_string (subscription->json, "period.start"), ==, period_start);
  g_assert_cmpstr (test_json_string (subscription->json, "period.end"), ==, period_end);

  /* A day on: the trial has a day less; the period turns if today was its last day. */
  moved = test_server_request (server, "POST", "/api/v1/_clock", demolen, "{\"advance_days\":1}", NULL);
  g_assert_cmpuint (moved->status, ==, 200);
  g_assert_cmpstr (test_json_string (moved->json, "today"), ==, tomorrow);
  next = test_server_request (server, "GET", "/api/v1/account", vandijk, NULL, NULL);
  g_assert_cmpint (test_json_int (next->json, "trial.days_left"), ==, 11);

  last_day = g_strcmp0 (tomorrow, period_end) == 0;
  turned = test_server_request (server, "GET", "/api/v1/subscription", demolen, NULL, NULL);
  g_assert_cmpstr (test_json_string (turned->json, "period.start"), ==,
                   last_day ? period_end : period_start);
  invoices = test_server_request (server, "GET", "/api/v1/invoices", demolen, NULL, NULL);
  g_assert_cmpint (test_json_int (invoices->json, "total"), >, 0);
  if (last_day)
    /* Invoiced the day the new period starts, in full (R2). */
    g_assert_cmpstr (test_json_string (invoices->json, "items.0.issued"), ==, period_end);
  else
    g_assert_cmpstr (test_json_string (invoices->json, "items.0.issued"), !=, tomorrow);

  /* A day past every deadline of the demo: the trial is over, the users
   * over the count at the clinic are gone, nobody is in grace. */
  later = test_server_request (server, "POST", "/api/v1/_clock", demolen, "{\"advance_days\":70}", NULL);
  g_assert_cmpuint (later->status, ==, 200);
  ended = test_server_request (server, "GET", "/api/v1/account", vandijk, NULL, NULL);
  g_assert_cmpint (test_json_int (ended->json, "trial.days_left"), ==, 0);
  graced = test_server_request (server, "GET",
                                "/scim/v2/Users?count=1000&filter=active%20eq%20true", fjallgarden, NULL, NULL);
  {
    JsonArray *users = json_node_get_array (test_json_find (graced->json, "Resources"));

    for (guint i = 0; i < json_array_get_length (users); i++)
      {
        JsonObject *user = json_array_get_object_element (users, i);
        JsonObject *ext = json_object_get_object_member (user, SEATS_SCIM_EXT_SCHEMA);

        g_assert_true (ext == NULL || !json_object_has_member (ext, "graceDeadline") ||
                       json_object_get_null_member (ext, "graceDeadline"));
      }
  }
}

/* Sends @head (and @chunks times a chunk of @chunk_size bytes) over a raw
 * connection to the demo server, and returns its first line of answer. */
static char *
raw_exchange (const char *head,
              guint       chunks,
              gsize       chunk_size)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GUri) uri = g_uri_parse (demo->base, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filler = g_strnfill (chunk_size, ' ');
  g_autofree char *size_line = g_strdup_printf ("%zx\r\n", chunk_size);
  GOutputStream *out;

  g_socket_client_set_timeout (client, 10);
  connection = g_socket_client_connect_to_host (client, g_uri_get_host (uri), g_uri_get_port (uri),
                                                NULL, &error);
  g_assert_no_error (error);
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, &error);
  g_assert_no_error (error);

  /* The server may close the connection midway: that is an answer too. */
  for (guint i = 0; i < chunks; i++)
    if (!g_output_stream_write_all (out, size_line, strlen (size_line), NULL, NULL, NULL) ||
        !g_output_stream_write_all (out, filler, chunk_size, NULL, NULL, NULL) ||
        !g_output_stream_write_all (out, "\r\n", 2, NULL, NULL, NULL))
      break;

  lines = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  return g_data_input_stream_read_line (lines, NULL, NULL, NULL);
}

/* Nothing of a body is read before its sender's token is checked, and a
 * chunked body is limited as a counted one is: a request without a token
 * is answered at once, and a body that grows too large is cut off. */
static void
test_bodies_bounded (void)
{
  g_autofree char *unauthenticated = NULL;
  g_autofree char *too_large = NULL;
  g_autofree char *small = NULL;
  g_autofree char *head = NULL;
  g_autoptr(TestAnswer) alive = NULL;

  /* Headers only: the body never comes, and need not. */
  unauthenticated = raw_exchange ("POST /api/v1/orders HTTP/1.1\r\nHost: localhost\r\n"
                                  "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                                  0, 0);
  g_assert_nonnull (unauthenticated);
  g_assert_true (g_str_has_prefix (unauthenticated, "HTTP/1.1 401"));

  head = g_strdup_printf ("POST /api/v1/license/import HTTP/1.1\r\nHost: localhost\r\n"
                          "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n", admin ("demolen"));
  /* 320 KiB of a body that never ends, past the 256 KiB a license file may have. */
  too_large = raw_exchange (head, 40, 8 * 1024);
  g_assert_nonnull (too_large);
  g_assert_true (g_str_has_prefix (too_large, "HTTP/1.1 413"));

  /* A small chunked body is read as any other. */
  {
    g_autofree char *whole = g_strconcat (head, "c\r\n{\"format\":1}\r\n0\r\n\r\n", NULL);

    small = raw_exchange (whole, 0, 0);
    g_assert_nonnull (small);
    g_assert_true (g_str_has_prefix (small, "HTTP/1.1 422"));
  }

  alive = test_server_request (demo, "GET", "/api/v1/account", admin ("demolen"), NULL, NULL);
  g_assert_cmpuint (alive->status, ==, 200);
}

/* SCIM paging over 2,500 users, and the delta filter. */
static void
test_scim_paging (void)
{
  const char *args[] = { "--seed-users", "2500", NULL };
  g_autoptr(TestServer) server = test_server_start (args);
  const char *token = g_hash_table_lookup (server->admin, "scale");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(TestAnswer) sync = test_server_request (server, "GET", "/api/v1/sync", token, NULL, NULL);
  g_autoptr(TestAnswer) delta = NULL;
  g_autoptr(TestAnswer) changed = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *first_etag = NULL;

  for (guint start = 1; start <= 2500; start += 700)
    {
      g_autofree char *path = g_strdup_printf ("/scim/v2/Users?startIndex=%u&count=700", start);
      g_autoptr(TestAnswer) page = test_server_request (server, "GET", path, token, NULL, NULL);
      JsonArray *users = json_node_get_array (test_json_find (page->json, "Resources"));

      g_assert_cmpuint (page->status, ==, 200);
      g_assert_cmpint (test_json_int (page->json, "totalResults"), ==, 2500);
      g_assert_cmpint (test_json_int (page->json, "startIndex"), ==, start);
      g_assert_cmpint (test_json_int (page->json, "itemsPerPage"), ==, MIN (700, 2501 - start));
      for (guint i = 0; i < json_array_get_length (users); i++)
        {
          JsonNode *user = json_array_get_element (users, i);
          g_hash_table_add (seen, g_strdup (test_json_string (user, "id")));
          if (first_id == NULL)
            {
              first_id = g_strdup (test_json_string (user, "id"));
              first_etag = g_strdup (test_json_string (user, "meta.version"));
            }
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 2500);

  /* A count over maxResults gives maxResults (RFC 7644 3.4.2.4), not 400. */
  {
    g_autoptr(TestAnswer) page = test_server_request (server, "GET", "/scim/v2/Users?count=5000", token,
                                                      NULL, NULL);
    g_autoptr(TestAnswer) config = test_server_request (server, "GET", "/scim/v2/ServiceProviderConfig",
                                                        token, NULL, NULL);

    g_assert_cmpuint (page->status, ==, 200);
    g_assert_cmpint (test_json_int (page->json, "itemsPerPage"), ==,
                     test_json_int (config->json, "filter.maxResults"));
    g_assert_cmpint (test_json_int (page->json, "itemsPerPage"), ==, 1000);
    g_assert_cmpint (test_json_int (page->json, "totalResults"), ==, 2500);
  }

  filter = g_strdup_printf ("meta.lastModified gt \"%s\"", test_json_string (sync->json, "now"));
  escaped = g_uri_escape_string (filter, NULL, FALSE);
  {
    g_autofree char *path = g_strdup_printf ("/scim/v2/Users?filter=%s", escaped);
    g_autoptr(TestAnswer) empty = test_server_request (server, "GET", path, token, NULL, NULL);
    g_autofree char *upath = g_strconcat ("/scim/v2/Users/", first_id, NULL);

    g_assert_cmpint (test_json_int (empty->json, "totalResults"), ==, 0);
    g_usleep (5000);
    changed = test_server_request (server, "PATCH", upath, token,
      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
      "\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}",
      "If-Match", first_etag, NULL);
    g_assert_cmpuint (changed->status, ==, 200);

    delta = test_server_request (server, "GET", path, token, NULL, NULL);
    g_assert_cmpint (test_json_int (delta->json, "totalResults"), ==, 1);
    g_assert_cmpstr (test_json_string (delta->json, "Resources.0.id"), ==, first_id);
  }
}

/* RFC 7644 3.4.2.4: a startIndex below 1 is 1 and a negative count 0;
 * what is not an integer is refused. */
static void
test_scim_page_bounds (void)
{
  g_autoptr(TestAnswer) first = get ("/scim/v2/Users?startIndex=1&count=1", admin ("demolen"));
  g_autoptr(TestAnswer) none = get ("/scim/v2/Users?count=-3", admin ("demolen"));
  g_autoptr(TestAnswer) zero_count = get ("/scim/v2/Users?count=0", admin ("demolen"));
  g_autoptr(TestAnswer) not_a_number = get ("/scim/v2/Users?startIndex=first", admin ("demolen"));
  const char *starts[] = { "0", "-7", "-99999999999999999999" };

  g_assert_cmpuint (first->status, ==, 200);
  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      g_autofree char *path = g_strdup_printf ("/scim/v2/Users?startIndex=%s&count=1", starts[i]);
      g_autoptr(TestAnswer) page = get (path, admin ("demolen"));

      g_assert_cmpuint (page->status, ==, 200);
      g_assert_cmpint (test_json_int (page->json, "startIndex"), ==, 1);
      g_assert_cmpint (test_json_int (page->json, "itemsPerPage"), ==, 1);
      g_assert_cmpstr (test_json_string (page->json, "Resources.0.id"), ==,
                       test_json_string (first->json, "Resources.0.id"));
    }

  /* Only the total, as a count of 0 gives. */
  g_assert_cmpuint (none->status, ==, 200);
  g_assert_cmpint (test_json_int (none->json, "itemsPerPage"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (test_json_find (none->json, "Resources"))), ==, 0);
  g_assert_cmpint (test_json_int (none->json, "totalResults"), ==, test_json_int (first->json, "totalResults"));
  g_assert_cmpint (test_json_int (none->json, "totalResults"), >, 0);
  g_assert_cmpint (test_json_int (zero_count->json, "itemsPerPage"), ==, 0);

  assert_problem (not_a_number, 400, "invalid-parameter");
  g_assert_cmpstr (test_json_string (not_a_number->json, "scimType"), ==, "invalidValue");
}

static TestAnswer *
filter_users (TestServer *server,
              const char *token,
              const char *filter)
{
  g_autofree char *escaped = g_uri_escape_string (filter, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/scim/v2/Users?filter=", escaped, NULL);

  return test_server_request (server, "GET", path, token, NULL, NULL);
}

/* Filters name attributes however RFC 7644 3.10 allows, and userName is
 * not case-sensitive (RFC 7643 4.1.1), beyond ASCII too. */
static void
test_scim_filters (void)
{
  const char *args[] = { "--seed", "demo", "--allow-clock", NULL };
  g_autoptr(TestServer) server = test_server_start (args);
  const char *token = g_hash_table_lookup (server->admin, "fjallgarden");
  g_autoptr(TestAnswer) all = test_server_request (server, "GET", "/scim/v2/Users?count=1000", token, NULL, NULL);
  g_autoptr(TestAnswer) added = test_server_request (server, "POST", "/api/v1/_upstream/users", token,
    "{\"userName\":\"\u00c5sa.\u00d6berg@fjallgarden.example\",\"givenName\":\"\u00c5sa\","
    "\"familyName\":\"\u00d6berg\",\"email\":\"asa.oberg@fjallgarden.example\"}", NULL);
  const char *first = test_json_string (all->json, "Resources.0.userName");
  g_autofree char *upper = g_ascii_strup (first, -1);
  gint64 inactive = 0;
  JsonArray *users = json_node_get_array (test_json_find (all->json, "Resources"));
  const char *matching[] = {
    "userName eq ", "USERNAME EQ ", "urn:ietf:params:scim:schemas:core:2.0:User:userName eq ",
    "urn:ietf:params:scim:schemas:core:2.0:user:username eq ",
  };

  g_assert_cmpuint (added->status, ==, 201);
  for (guint i = 0; i < json_array_get_length (users); i++)
    inactive += !json_node_get_boolean (test_json_find (json_array_get_element (users, i), "active"));
  g_assert_cmpint (inactive, >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (matching); i++)
    {
      g_autofree char *filter = g_strconcat (matching[i], "\"", upper, "\"", NULL);
      g_autoptr(TestAnswer) found = filter_users (server, token, filter);

      g_assert_cmpuint (found->status, ==, 200);
      g_assert_cmpint (test_json_int (found->json, "totalResults"), ==, 1);
      g_assert_cmpstr (test_json_string (found->json, "Resources.0.userName"), ==, first);
    }

  /* The value is a JSON string, escapes and all. */
  {
    g_autoptr(GString) escaped = g_string_new (first);
    g_autofree char *filter = NULL;
    g_autoptr(TestAnswer) found = NULL;

    g_string_replace (escaped, "@", "\\u0040", 0);
    filter = g_strdup_printf ("userName eq \"%s\"", escaped->str);
    found = filter_users (server, token, filter);
    g_assert_cmpint (test_json_int (found->json, "totalResults"), ==, 1);
  }

  /* SQLite folds only ASCII; a name is folded as Unicode does. */
  {
    g_autoptr(TestAnswer) found = filter_users (server, token,
                                                "userName eq \"\u00e5SA.\u00f6BERG@fjallgarden.example\"");
    g_autoptr(TestAnswer) other = filter_users (server, token, "userName eq \"asa.oberg@fjallgarden.example\"");

    g_assert_cmpint (test_json_int (found->json, "totalResults"), ==, 1);
    g_assert_cmpstr (test_json_string (found->json, "Resources.0.id"), ==, test_json_string (added->json, "id"));
    g_assert_cmpint (test_json_int (other->json, "totalResults"), ==, 0);
  }

  {
    g_autoptr(TestAnswer) qualified = filter_users (server, token,
                                                    "urn:ietf:params:scim:schemas:core:2.0:User:active eq false");
    g_autoptr(TestAnswer) modified = filter_users (server, token,
      "urn:ietf:params:scim:schemas:core:2.0:User:meta.lastModified ge \"2000-01-01T00:00:00Z\"");

    g_assert_cmpint (test_json_int (qualified->json, "totalResults"), ==, inactive);
    g_assert_cmpint (test_json_int (modified->json, "totalResults"), ==, json_array_get_length (users) + 1);
  }

  /* What it does not do is said, not guessed at. */
  {
    const char *unsupported[] = {
      "userName sw \"a\"", "name.familyName eq \"x\"", "userName eq \"a\" and active eq true",
      "active eq \"true\"", "urn:ietf:params:scim:schemas:extension:seats:2.0:User:userName eq \"a\"",
      "userName eq", "userName eq unquoted",
    };

    for (guint i = 0; i < G_N_ELEMENTS (unsupported); i++)
      {
        g_autoptr(TestAnswer) refused = filter_users (server, token, unsupported[i]);

        assert_problem (refused, 400, "invalid-filter");
        g_assert_cmpstr (test_json_string (refused->json, "scimType"), ==, "invalidFilter");
      }
  }
}

static TestAnswer *
patch_user (TestServer *server,
            const char *token,
            const char *id,
            const char *operation,
            const char *if_match)
{
  g_autofree char *path = g_strconcat ("/scim/v2/Users/", id, NULL);
  g_autofree char *body = g_strdup_printf (
    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[%s]}", operation);

  if (if_match == NULL)
    return test_server_request (server, "PATCH", path, token, body,
                                "Content-Type", "application/scim+json", NULL);
  return test_server_request (server, "PATCH", path, token, body, "If-Match", if_match,
                              "Content-Type", "application/scim+json", NULL);
}

/* How many entries of the action log are @action on @subject. */
static guint
count_actions (TestServer *server,
               const char *token,
               const char *action,
               const char *subject)
{
  g_autoptr(TestAnswer) log = test_server_request (server, "GET", "/api/v1/actions?limit=500", token,
                                                   NULL, NULL);
  JsonArray *items = json_node_get_array (test_json_find (log->json, "items"));
  guint n = 0;

  g_assert_cmpuint (log->status, ==, 200);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);

      n += g_strcmp0 (test_json_string (item, "action"), action) == 0 &&
           g_strcmp0 (test_json_string (item, "subject"), subject) == 0;
    }

  return n;
}

/* A PATCH names active however RFC 7644 3.10 allows, needs no If-Match
 * (3.14), and answers the whole user as a GET would give it. */
static void
test_scim_patch (void)
{
  const char *args[] = { "--seed", "demo", NULL };
  g_autoptr(TestServer) server = test_server_start (args);
  const char *token = g_hash_table_lookup (server->admin, "demolen");
  g_autoptr(TestAnswer) page = test_server_request (server, "GET",
                                                    "/scim/v2/Users?count=1&filter=active%20eq%20true",
                                                    token, NULL, NULL);
  g_autoptr(TestAnswer) sync = test_server_request (server, "GET", "/api/v1/sync", token, NULL, NULL);
  g_autofree char *id = g_strdup (test_json_string (page->json, "Resources.0.id"));
  g_autofree char *first_version = g_strdup (test_json_string (page->json, "Resources.0.meta.version"));
  g_autofree char *path = g_strconcat ("/scim/v2/Users/", id, NULL);

  /* Without If-Match, fully qualified. */
  {
    g_autoptr(TestAnswer) patched = patch_user (server, token, id,
      "{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:core:2.0:User:active\",\"value\":false}",
      NULL);
    g_autoptr(TestAnswer) read = test_server_request (server, "GET", path, token, NULL, NULL);
    g_autoptr(TestAnswer) after = test_server_request (server, "GET", "/api/v1/sync", token, NULL, NULL);

    g_assert_cmpuint (patched->status, ==, 200);
    g_assert_cmpstr (patched->content_type, ==, "application/scim+json");
    g_assert_false (json_node_get_boolean (test_json_find (patched->json, "active")));
    g_assert_cmpstr (test_json_string (patched->json, "meta.version"), !=, first_version);
    g_assert_cmpstr (patched->etag, ==, test_json_string (patched->json, "meta.version"));
    /* The whole user, as a GET gives it: nothing to read again. */
    g_assert_true (json_node_equal (patched->json, read->json));
    g_assert_cmpstr (patched->etag, ==, read->etag);
    g_assert_cmpuint (count_actions (server, token, "deactivate-user", id), ==, 1);
    g_assert_cmpint (test_json_int (after->json, "revision"), >, test_json_int (sync->json, "revision"));
  }

  /* A stale If-Match is refused as before, and changes nothing. */
  {
    g_autoptr(TestAnswer) stale = patch_user (server, token, id,
      "{\"op\":\"replace\",\"path\":\"active\",\"value\":true}", first_version);
    g_autoptr(TestAnswer) read = test_server_request (server, "GET", path, token, NULL, NULL);

    assert_problem (stale, 412, "stale");
    g_assert_false (json_node_get_boolean (test_json_find (read->json, "active")));
  }

  /* In any case, with the current version; and without a path, the
   * attribute named in the value as a path would name it. */
  {
    g_autoptr(TestAnswer) read = test_server_request (server, "GET", path, token, NULL, NULL);
    g_autoptr(TestAnswer) upper = patch_user (server, token, id,
      "{\"op\":\"Replace\",\"path\":\"ACTIVE\",\"value\":true}", read->etag);
    g_autoptr(TestAnswer) valued = patch_user (server, token, id,
      "{\"op\":\"add\",\"value\":{\"urn:ietf:params:scim:schemas:core:2.0:User:active\":false}}", NULL);

    g_assert_cmpuint (upper->status, ==, 200);
    g_assert_true (json_node_get_boolean (test_json_find (upper->json, "active")));
    g_assert_cmpuint (valued->status, ==, 200);
    g_assert_false (json_node_get_boolean (test_json_find (valued->json, "active")));
  }

  /* Nothing else changes here; what a user does not have is said so. */
  {
    g_autoptr(TestAnswer) modules = patch_user (server, token, id,
      "{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:extension:seats:2.0:User:modules\","
      "\"value\":[]}", NULL);
    g_autoptr(TestAnswer) user_name = patch_user (server, token, id,
      "{\"op\":\"replace\",\"value\":{\"active\":true,\"userName\":\"x\"}}", NULL);
    g_autoptr(TestAnswer) nick = patch_user (server, token, id,
      "{\"op\":\"replace\",\"path\":\"nickName\",\"value\":\"x\"}", NULL);
    g_autoptr(TestAnswer) move = patch_user (server, token, id,
      "{\"op\":\"move\",\"path\":\"active\",\"value\":true}", NULL);
    g_autoptr(TestAnswer) read = test_server_request (server, "GET", path, token, NULL, NULL);

    assert_problem (modules, 400, "read-only");
    g_assert_cmpstr (test_json_string (modules->json, "scimType"), ==, "mutability");
    assert_problem (user_name, 400, "read-only");
    assert_problem (nick, 400, "malformed-request");
    g_assert_cmpstr (test_json_string (nick->json, "scimType"), ==, "invalidPath");
    assert_problem (move, 400, "malformed-request");
    g_assert_false (json_node_get_boolean (test_json_find (read->json, "active")));
  }

  /* Someone who has left, past the end date (R1), is deactivated, but not
   * activated again: that gives nobody a license, as the window says. The
   * answer is the user as they are, and nothing is logged or changed. */
  {
    g_autoptr(TestAnswer) all = test_server_request (server, "GET", "/scim/v2/Users?count=1000",
                                                     token, NULL, NULL);
    JsonArray *users = json_node_get_array (test_json_find (all->json, "Resources"));
    g_autoptr(TestAnswer) off = NULL;
    g_autoptr(TestAnswer) on = NULL;
    g_autoptr(TestAnswer) before = NULL;
    g_autoptr(TestAnswer) after = NULL;
    const char *left = NULL;

    for (guint i = 0; i < json_array_get_length (users) && left == NULL; i++)
      {
        JsonNode *node = json_array_get_element (users, i);

        if (json_node_get_boolean (test_json_find (node, "active")) &&
            !json_node_get_boolean (extension_member (node, "counts")))
          left = test_json_string (node, "id");
      }
    g_assert_nonnull (left);

    off = patch_user (server, token, left,
                      "{\"op\":\"replace\",\"path\":\"active\",\"value\":false}", NULL);
    g_assert_cmpuint (off->status, ==, 200);
    g_assert_false (json_node_get_boolean (test_json_find (off->json, "active")));
    before = test_server_request (server, "GET", "/api/v1/sync", token, NULL, NULL);

    on = patch_user (server, token, left,
                     "{\"op\":\"replace\",\"path\":\"active\",\"value\":true}", NULL);
    after = test_server_request (server, "GET", "/api/v1/sync", token, NULL, NULL);
    g_assert_cmpuint (on->status, ==, 200);
    g_assert_false (json_node_get_boolean (test_json_find (on->json, "active")));
    g_assert_cmpstr (on->etag, ==, off->etag);
    g_assert_cmpuint (count_actions (server, token, "activate-user", left), ==, 0);
    g_assert_cmpint (test_json_int (after->json, "revision"), ==,
                     test_json_int (before->json, "revision"));
  }
}

/* The members of @node, sorted and joined by commas. */
static char *
member_names (JsonNode *node)
{
  g_autoptr(GList) names = json_object_get_members (json_node_get_object (node));
  g_autoptr(GString) joined = g_string_new (NULL);

  names = g_list_sort (names, (GCompareFunc) g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    g_string_append_printf (joined, "%s%s", joined->len > 0 ? "," : "", (const char *) l->data);

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* RFC 7644 3.9: attributes names what an answer carries, in RFC 7644 3.10
 * notation; excludedAttributes what it leaves out; the id always. */
static void
test_scim_attributes (void)
{
  const char *args[] = { "--seed", "demo", NULL };
  g_autoptr(TestServer) server = test_server_start (args);
  const char *token = g_hash_table_lookup (server->admin, "demolen");
  g_autoptr(TestAnswer) page = test_server_request (server, "GET",
                                                    "/scim/v2/Users?count=1&filter=active%20eq%20true",
                                                    token, NULL, NULL);
  const char *id = test_json_string (page->json, "Resources.0.id");
  static const struct {
    const char *query;
    const char *members;
    const char *extension;
  } cases[] = {
    { "attributes=userName,name.givenName", "id,name,schemas,userName", NULL },
    { "attributes=USERNAME,Meta.Version,externalId", "id,meta,schemas,userName", NULL },
    { "attributes=urn:ietf:params:scim:schemas:core:2.0:User:active,"
      "urn:ietf:params:scim:schemas:extension:seats:2.0:User:counts",
      "active,id,schemas," SEATS_SCIM_EXT_SCHEMA, "counts" },
    { "attributes=urn:ietf:params:scim:schemas:extension:seats:2.0:User",
      "id,schemas," SEATS_SCIM_EXT_SCHEMA, "counts,endDate,graceDeadline,modules,startDate" },
    { "attributes=nothing", "id,schemas", NULL },
    { "excludedAttributes=id,meta,emails.primary,urn:ietf:params:scim:schemas:extension:seats:2.0:User",
      "active,displayName,emails,id,name,schemas,userName", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/scim/v2/Users/%s?%s", id, cases[i].query);
      g_autofree char *list_path = g_strdup_printf ("/scim/v2/Users?count=3&%s", cases[i].query);
      g_autoptr(TestAnswer) user = test_server_request (server, "GET", path, token, NULL, NULL);
      g_autoptr(TestAnswer) list = test_server_request (server, "GET", list_path, token, NULL, NULL);
      g_autofree char *members = member_names (user->json);
      JsonArray *schemas = json_node_get_array (test_json_find (user->json, "schemas"));

      g_assert_cmpuint (user->status, ==, 200);
      g_assert_cmpstr (members, ==, cases[i].members);
      g_assert_cmpstr (test_json_string (user->json, "id"), ==, id);
      /* The extension's URN only where some of it is. */
      g_assert_cmpuint (json_array_get_length (schemas), ==, cases[i].extension != NULL ? 2 : 1);
      if (cases[i].extension != NULL)
        {
          g_autofree char *extension = member_names (
            json_object_get_member (json_node_get_object (user->json), SEATS_SCIM_EXT_SCHEMA));

          g_assert_cmpstr (extension, ==, cases[i].extension);
        }

      g_assert_cmpuint (list->status, ==, 200);
      g_assert_cmpint (test_json_int (list->json, "itemsPerPage"), ==, 3);
      for (guint j = 0; j < 3; j++)
        {
          g_autofree char *index = g_strdup_printf ("Resources.%u", j);
          g_autofree char *listed = member_names (test_json_find (list->json, index));

          g_assert_cmpstr (listed, ==, cases[i].members);
        }
    }

  /* Sub-attributes of a multi-valued one. */
  {
    g_autofree char *path = g_strdup_printf ("/scim/v2/Users/%s?attributes=emails.value", id);
    g_autoptr(TestAnswer) user = test_server_request (server, "GET", path, token, NULL, NULL);
    g_autofree char *email = member_names (test_json_find (user->json, "emails.0"));

    g_assert_cmpstr (email, ==, "value");
  }

  /* A PATCH answers in part too (RFC 7644 3.5.2); one that cannot be
   * answered as asked changes nothing. */
  {
    g_autofree char *both = g_strdup_printf ("/scim/v2/Users/%s?attributes=active&excludedAttributes=meta", id);
    g_autofree char *part = g_strdup_printf ("/scim/v2/Users/%s?attributes=active", id);
    g_autofree char *path = g_strconcat ("/scim/v2/Users/", id, NULL);
    const char *body = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                       "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}";
    g_autoptr(TestAnswer) refused = test_server_request (server, "PATCH", both, token, body, NULL);
    g_autoptr(TestAnswer) unchanged = test_server_request (server, "GET", path, token, NULL, NULL);
    g_autoptr(TestAnswer) patched = test_server_request (server, "PATCH", part, token, body, NULL);
    g_autofree char *members = NULL;

    assert_problem (refused, 400, "invalid-parameter");
    g_assert_true (json_node_get_boolean (test_json_find (unchanged->json, "active")));
    g_assert_cmpuint (patched->status, ==, 200);
    members = member_names (patched->json);
    g_assert_cmpstr (members, ==, "active,id,schemas");
    g_assert_false (json_node_get_boolean (test_json_find (patched->json, "active")));
  }
}

/* A SCIM error (RFC 7644 3.12), not a problem. */
static void
assert_scim_error (TestAnswer *answer,
                   guint       status,
                   const char *code)
{
  g_autofree char *status_text = g_strdup_printf ("%u", status);

  assert_problem (answer, status, code);
  g_assert_cmpstr (answer->content_type, ==, "application/scim+json");
  g_assert_cmpstr (test_json_string (answer->json, "schemas.0"), ==, "urn:ietf:params:scim:api:messages:2.0:Error");
  g_assert_cmpstr (test_json_string (answer->json, "status"), ==, status_text);
}

/* Each endpoint of RFC 7644 3.2 is served or says it is not implemented
 * (501, /Me as 3.11 asks); a method an endpoint does not take is 405 with
 * Allow; and every refusal, before a token or a body is read too, is a
 * SCIM error (3.12). */
static void
test_scim_endpoints (void)
{
  const char *token = admin ("bergstrom");
  g_autoptr(TestAnswer) page = get ("/scim/v2/Users?count=1", token);
  g_autofree char *user = g_strconcat ("/scim/v2/Users/", test_json_string (page->json, "Resources.0.id"), NULL);
  const char *body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"x\"}";
  const struct {
    const char *method;
    const char *path;
    const char *allow;
  } not_allowed[] = {
    { "DELETE", "/scim/v2/ServiceProviderConfig", "GET" },
    { "POST", "/scim/v2/Schemas", "GET" },
    { "PUT", "/scim/v2/ResourceTypes/User", "GET" },
    { "DELETE", "/scim/v2/Users", "GET" },
    { "POST", user, "GET, PATCH" },
  };
  const struct {
    const char *method;
    const char *path;
  } not_implemented[] = {
    { "POST", "/scim/v2/Users" }, { "PUT", user }, { "DELETE", user }, { "GET", "/scim/v2/Me" },
    { "PATCH", "/scim/v2/Me" }, { "GET", "/scim/v2/Groups" }, { "POST", "/scim/v2/.search" },
    { "POST", "/scim/v2/Users/.search" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (not_allowed); i++)
    {
      g_autoptr(TestAnswer) answer = test_server_request (demo, not_allowed[i].method, not_allowed[i].path,
                                                          token, body, NULL);

      assert_scim_error (answer, 405, "method-not-allowed");
      g_assert_cmpstr (soup_message_headers_get_one (answer->headers, "Allow"), ==, not_allowed[i].allow);
    }

  for (guint i = 0; i < G_N_ELEMENTS (not_implemented); i++)
    {
      g_autoptr(TestAnswer) answer = test_server_request (demo, not_implemented[i].method, not_implemented[i].path,
                                                          token, body, NULL);

      assert_scim_error (answer, 501, "method-not-allowed");
    }

  /* Nothing of it was done. */
  {
    g_autoptr(TestAnswer) still = get (user, token);
    g_autoptr(TestAnswer) nowhere = get ("/scim/v2/Nothing", token);

    g_assert_cmpuint (still->status, ==, 200);
    assert_scim_error (nowhere, 404, "not-found");
  }

  /* Without a valid token, whether or not a body is read. */
  {
    g_autoptr(TestAnswer) none = test_server_request (demo, "GET", "/scim/v2/Me", NULL, NULL, NULL);
    g_autoptr(TestAnswer) unknown = test_server_request (demo, "GET", "/scim/v2", "seats_unknown", NULL, NULL);
    g_autoptr(TestAnswer) early = test_server_request (demo, "PATCH", user, NULL, body, NULL);

    assert_scim_error (none, 401, "unauthorized");
    assert_scim_error (unknown, 401, "unauthorized");
    assert_scim_error (early, 401, "unauthorized");
    g_assert_nonnull (soup_message_headers_get_one (none->headers, "WWW-Authenticate"));
    g_assert_nonnull (soup_message_headers_get_one (early->headers, "WWW-Authenticate"));
  }

  /* Too large, read or not. */
  {
    g_autofree char *large = g_strnfill (70 * 1024, ' ');
    g_autofree char *huge = g_strnfill (300 * 1024, ' ');
    g_autoptr(TestAnswer) read = NULL;
    g_autoptr(TestAnswer) unread = NULL;

    large[0] = huge[0] = '{';
    large[70 * 1024 - 1] = huge[300 * 1024 - 1] = '}';
    read = test_server_request (demo, "PATCH", user, token, large, NULL);
    unread = test_server_request (demo, "PATCH", user, token, huge, NULL);
    assert_scim_error (read, 413, "body-too-large");
    assert_scim_error (unread, 413, "body-too-large");
  }
}

#define PATCH_OP(active) \
  "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]," \
  "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":" active "}]}"

static TestAnswer *
post_bulk (TestServer *server,
           const char *token,
           const char *operations,
           const char *extra)
{
  g_autofree char *body = g_strdup_printf (
    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],%s\"Operations\":[%s]}",
    extra ? extra : "", operations);

  return test_server_request (server, "POST", "/scim/v2/Bulk", token, body,
                              "Content-Type", "application/scim+json", NULL);
}

static JsonNode *
user_of (TestServer *server,
         const char *token,
         const char *id)
{
  g_autofree char *path = g_strconcat ("/scim/v2/Users/", id, NULL);
  g_autoptr(TestAnswer) user = test_server_request (server, "GET", path, token, NULL, NULL);

  g_assert_cmpuint (user->status, ==, 200);
  return json_node_ref (user->json);
}

static gint64
revision_of (TestServer *server,
             const char *token)
{
  g_autoptr(TestAnswer) sync = test_server_request (server, "GET", "/api/v1/sync", token, NULL, NULL);

  return test_json_int (sync->json, "revision");
}

/* The users the server counts (R1) are those whose extension says they
 * count, however the count was reached. */
static void
assert_counted_agrees (TestServer *server,
                       const char *token)
{
  g_autoptr(TestAnswer) sync = test_server_request (server, "GET", "/api/v1/sync", token, NULL, NULL);
  g_autoptr(TestAnswer) users = test_server_request (server, "GET", "/scim/v2/Users?count=1000", token,
                                                     NULL, NULL);
  JsonArray *resources = json_node_get_array (test_json_find (users->json, "Resources"));
  gint64 counted = 0;

  g_assert_cmpint (test_json_int (users->json, "totalResults"), ==, json_array_get_length (resources));
  for (guint i = 0; i < json_array_get_length (resources); i++)
    counted += json_node_get_boolean (extension_member (json_array_get_element (resources, i), "counts"));
  g_assert_cmpint (test_json_int (sync->json, "users_counted"), ==, counted);
}

/* RFC 7644 3.7: each operation of a Bulk goes as a single PATCH would, on
 * what the ones before it left: the seat rules, the action log, the
 * revision; one that fails leaves the others; each is answered with its
 * status, location, version and the user or the error. */
static void
test_scim_bulk (void)
{
  const char *args[] = { "--seed", "demo", "--allow-clock", NULL };
  g_autoptr(TestServer) server = test_server_start (args);
  const char *token = g_hash_table_lookup (server->admin, "demolen");
  g_autoptr(TestAnswer) config = test_server_request (server, "GET", "/scim/v2/ServiceProviderConfig", token,
                                                      NULL, NULL);
  g_autoptr(TestAnswer) subscription = test_server_request (server, "GET", "/api/v1/subscription", token,
                                                            NULL, NULL);
  g_autoptr(TestAnswer) added = test_server_request (server, "POST", "/api/v1/_upstream/users", token,
    "{\"userName\":\"eva.eerland@demolen.example\",\"givenName\":\"Eva\",\"familyName\":\"Eerland\","
    "\"email\":\"eva.eerland@demolen.example\"}", NULL);
  g_autoptr(TestAnswer) inactive = NULL;
  g_autoptr(TestAnswer) bulk = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) third = NULL;
  g_autofree char *operations = NULL;
  g_autofree char *first_version = NULL;
  g_autofree char *escaped_version = NULL;
  const char *ids[3];
  JsonNode *seats = find_product (subscription->json, "seats");
  JsonArray *results;
  gint64 revision;

  g_assert_true (json_node_get_boolean (test_json_find (config->json, "bulk.supported")));
  g_assert_cmpint (test_json_int (config->json, "bulk.maxOperations"), ==, 1000);
  g_assert_cmpint (test_json_int (config->json, "bulk.maxPayloadSize"), ==, 1048576);

  /* Three inactive users and two free licenses (at_least_active): the
   * third activation has no license left once the first two are made. */
  g_assert_cmpuint (added->status, ==, 201);
  assert_counted_agrees (server, token);
  {
    g_autoptr(TestAnswer) off = patch_user (server, token, test_json_string (added->json, "id"),
                                            "{\"op\":\"replace\",\"path\":\"active\",\"value\":false}", NULL);
    g_assert_cmpuint (off->status, ==, 200);
  }
  g_assert_cmpint (test_json_int (seats, "purchased") - test_json_int (seats, "in_use"), ==, 2);
  inactive = test_server_request (server, "GET", "/scim/v2/Users?filter=active%20eq%20false", token, NULL, NULL);
  g_assert_cmpint (test_json_int (inactive->json, "totalResults"), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *path = g_strdup_printf ("Resources.%u.id", i);

      ids[i] = test_json_string (inactive->json, path);
    }
  first_version = g_strdup (test_json_string (inactive->json, "Resources.0.meta.version"));
  escaped_version = g_strescape (first_version, NULL);
  revision = revision_of (server, token);

  operations = g_strdup_printf (
    "{\"method\":\"PATCH\",\"path\":\"/Users/%s\",\"bulkId\":\"first\",\"version\":\"%s\","
    "\"data\":" PATCH_OP ("true") "},"
    "{\"method\":\"PATCH\",\"path\":\"/Users/%s\",\"data\":" PATCH_OP ("true") "},"
    "{\"method\":\"PATCH\",\"path\":\"/Users/%s\",\"bulkId\":\"third\",\"data\":" PATCH_OP ("true") "},"
    "{\"method\":\"PATCH\",\"path\":\"/Users/%s\",\"version\":\"%s\",\"data\":" PATCH_OP ("false") "},"
    "{\"method\":\"PATCH\",\"path\":\"/Users/no-such-user\",\"data\":" PATCH_OP ("false") "},"
    "{\"method\":\"DELETE\",\"path\":\"/Users/%s\"},"
    "{\"method\":\"PATCH\",\"path\":\"/Users/%s\",\"data\":{\"schemas\":"
    "[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\","
    "\"path\":\"name.familyName\",\"value\":\"X\"}]}},"
    "{\"method\":\"GET\",\"path\":\"/Users/%s\"},"
    "{\"method\":\"PATCH\",\"path\":\"/Me\",\"data\":" PATCH_OP ("false") "},"
    "{\"method\":\"PATCH\",\"path\":\"/Users/%s\"}",
    ids[0], escaped_version, ids[1], ids[2], ids[0], escaped_version, ids[0], ids[0], ids[0], ids[0]);
  bulk = post_bulk (server, token, operations, NULL);

  g_assert_cmpuint (bulk->status, ==, 200);
  g_assert_cmpstr (bulk->content_type, ==, "application/scim+json");
  g_assert_cmpstr (test_json_string (bulk->json, "schemas.0"), ==,
                   "urn:ietf:params:scim:api:messages:2.0:BulkResponse");
  results = json_node_get_array (test_json_find (bulk->json, "Operations"));
  g_assert_cmpuint (json_array_get_length (results), ==, 10);
  {
    static const char * const statuses[] = { "200", "200", "422", "412", "404", "501", "400", "400", "400", "400" };

    for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
      {
        JsonNode *result = json_array_get_element (results, i);

        g_assert_cmpstr (test_json_string (result, "status"), ==, statuses[i]);
        if (statuses[i][0] != '2')
          {
            g_autofree char *status = g_strdup_printf ("%s", statuses[i]);

            g_assert_null (test_json_find (result, "version"));
            g_assert_cmpstr (test_json_string (result, "response.schemas.0"), ==,
                             "urn:ietf:params:scim:api:messages:2.0:Error");
            g_assert_cmpstr (test_json_string (result, "response.status"), ==, status);
          }
      }
  }

  /* A success: where, which version, and the user, as a PATCH answers. */
  first = user_of (server, token, ids[0]);
  second = user_of (server, token, ids[1]);
  third = user_of (server, token, ids[2]);
  {
    JsonNode *result = json_array_get_element (results, 0);
    g_autofree char *location = g_strdup_printf ("%s/scim/v2/Users/%s", server->base, ids[0]);

    g_assert_cmpstr (test_json_string (result, "method"), ==, "PATCH");
    g_assert_cmpstr (test_json_string (result, "bulkId"), ==, "first");
    g_assert_cmpstr (test_json_string (result, "location"), ==, location);
    g_assert_cmpstr (test_json_string (result, "version"), ==, test_json_string (first, "meta.version"));
    g_assert_cmpstr (test_json_string (result, "version"), !=, first_version);
    g_assert_true (json_node_equal (test_json_find (result, "response"), first));
    g_assert_null (test_json_find (json_array_get_element (results, 1), "bulkId"));
  }

  /* The seat rule, on what the operations before left (R6). */
  g_assert_cmpstr (test_json_string (json_array_get_element (results, 2), "bulkId"), ==, "third");
  g_assert_cmpstr (test_json_string (json_array_get_element (results, 2), "response.code"), ==, "no-free-seat");
  g_assert_cmpstr (test_json_string (json_array_get_element (results, 2), "response.scimType"), ==, "invalidValue");
  g_assert_cmpstr (test_json_string (json_array_get_element (results, 3), "response.code"), ==, "stale");
  g_assert_nonnull (test_json_string (json_array_get_element (results, 3), "location"));
  g_assert_cmpstr (test_json_string (json_array_get_element (results, 5), "response.code"), ==,
                   "method-not-allowed");
  g_assert_cmpstr (test_json_string (json_array_get_element (results, 6), "response.code"), ==, "read-only");
  g_assert_cmpstr (test_json_string (json_array_get_element (results, 7), "method"), ==, "GET");
  g_assert_cmpstr (test_json_string (json_array_get_element (results, 8), "response.scimType"), ==,
                   "invalidPath");
  g_assert_cmpstr (test_json_string (json_array_get_element (results, 9), "response.code"), ==,
                   "malformed-request");

  /* What failed left what succeeded; each success is logged and changed
   * the revision once, as a single PATCH does, and nothing else did. */
  g_assert_true (json_node_get_boolean (test_json_find (first, "active")));
  g_assert_true (json_node_get_boolean (test_json_find (second, "active")));
  g_assert_false (json_node_get_boolean (test_json_find (third, "active")));
  g_assert_cmpuint (count_actions (server, token, "activate-user", ids[0]), ==, 1);
  g_assert_cmpuint (count_actions (server, token, "activate-user", ids[1]), ==, 1);
  g_assert_cmpuint (count_actions (server, token, "activate-user", ids[2]), ==, 0);
  g_assert_cmpuint (count_actions (server, token, "deactivate-user", ids[0]), ==, 0);
  g_assert_cmpint (revision_of (server, token), ==, revision + 2);
  assert_counted_agrees (server, token);

  /* failOnErrors: the rest are neither run nor answered. */
  {
    g_autofree char *stop = g_strdup_printf (
      "{\"method\":\"PATCH\",\"path\":\"/Users/no-such-user\",\"data\":" PATCH_OP ("false") "},"
      "{\"method\":\"PATCH\",\"path\":\"/Users/%s\",\"data\":" PATCH_OP ("false") "}", ids[1]);
    g_autoptr(TestAnswer) stopped = post_bulk (server, token, stop, "\"failOnErrors\":1,");
    g_autoptr(JsonNode) after = user_of (server, token, ids[1]);
    g_autoptr(TestAnswer) two = NULL;

    g_assert_cmpuint (stopped->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (test_json_find (stopped->json, "Operations"))),
                      ==, 1);
    g_assert_true (json_node_get_boolean (test_json_find (after, "active")));
    two = post_bulk (server, token, stop, "\"failOnErrors\":2,");
    g_assert_cmpuint (json_array_get_length (json_node_get_array (test_json_find (two->json, "Operations"))),
                      ==, 2);
    g_assert_cmpstr (test_json_string (two->json, "Operations.1.status"), ==, "200");
  }

  /* Under grace an activation is made, with its deadline in the answer. */
  {
    const char *grace_token = g_hash_table_lookup (server->admin, "fjallgarden");
    g_autoptr(TestAnswer) off = test_server_request (server, "GET",
                                                     "/scim/v2/Users?count=1&filter=active%20eq%20false",
                                                     grace_token, NULL, NULL);
    g_autofree char *grace_operation = g_strdup_printf (
      "{\"method\":\"PATCH\",\"path\":\"/Users/%s\",\"data\":" PATCH_OP ("true") "}",
      test_json_string (off->json, "Resources.0.id"));
    g_autoptr(TestAnswer) graced = post_bulk (server, grace_token, grace_operation, NULL);
    JsonNode *response = test_json_find (graced->json, "Operations.0.response");

    g_assert_cmpstr (test_json_string (graced->json, "Operations.0.status"), ==, "200");
    g_assert_true (JSON_NODE_HOLDS_VALUE (extension_member (response, "graceDeadline")));
    assert_counted_agrees (server, grace_token);
  }

  /* An active user who leaves upstream is no longer counted. */
  {
    g_autofree char *path = g_strconcat ("/api/v1/_upstream/users/", ids[0], NULL);
    g_autoptr(TestAnswer) removed = test_server_request (server, "DELETE", path, token, NULL, NULL);

    g_assert_cmpuint (removed->status, ==, 204);
    assert_counted_agrees (server, token);
  }
}

/* RFC 7644 3.7.4: the limits, said in ServiceProviderConfig, are held
 * to, with 413 naming the limit; and a Bulk is a BulkRequest. */
static void
test_scim_bulk_limits (void)
{
  const char *token = admin ("demolen");
  g_autoptr(TestAnswer) page = get ("/scim/v2/Users?count=1&filter=active%20eq%20true", token);
  const char *id = test_json_string (page->json, "Resources.0.id");
  g_autofree char *padding = g_strnfill (190, 'x');
  g_autoptr(GString) most = g_string_new (NULL);
  g_autoptr(GString) too_many = g_string_new (NULL);
  g_autoptr(TestAnswer) answer = NULL;
  g_autoptr(TestAnswer) refused = NULL;
  gint64 revision = revision_of (demo, token);

  /* maxOperations of them, more than the 256 KiB any other body may be. */
  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (most, "%s{\"method\":\"PATCH\",\"path\":\"/Users/%s\",\"bulkId\":\"%u-%s\","
                            "\"data\":" PATCH_OP ("true") "}", i > 0 ? "," : "", id, i, padding);
  g_assert_cmpuint (most->len, >, 256 * 1024);
  answer = post_bulk (demo, token, most->str, NULL);
  g_assert_cmpuint (answer->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (test_json_find (answer->json, "Operations"))),
                    ==, 1000);
  g_assert_cmpstr (test_json_string (answer->json, "Operations.999.status"), ==, "200");
  /* Already active: nothing changed. */
  g_assert_cmpint (revision_of (demo, token), ==, revision);

  g_string_append_printf (too_many, "%s,{\"method\":\"PATCH\",\"path\":\"/Users/%s\",\"data\":"
                          PATCH_OP ("false") "}", most->str, id);
  refused = post_bulk (demo, token, too_many->str, NULL);
  assert_scim_error (refused, 413, "body-too-large");
  g_assert_nonnull (strstr (test_json_string (refused->json, "detail"), "1000"));

  /* Larger than maxPayloadSize: refused before it is read. */
  {
    g_autofree char *huge = g_strnfill (1048577, ' ');
    g_autoptr(TestAnswer) too_large = NULL;

    memcpy (huge, "{\"schemas\":[]}", strlen ("{\"schemas\":[]}"));
    too_large = test_server_request (demo, "POST", "/scim/v2/Bulk", token, huge, NULL);
    assert_scim_error (too_large, 413, "body-too-large");
    g_assert_nonnull (strstr (test_json_string (too_large->json, "detail"), "1048576"));
  }

  {
    g_autofree char *one = g_strdup_printf ("{\"method\":\"PATCH\",\"path\":\"/Users/%s\",\"data\":"
                                            PATCH_OP ("false") "}", id);
    g_autofree char *patch_body = g_strdup_printf ("{\"schemas\":[\"" SEATS_SCIM_PATCH_SCHEMA "\"],"
                                                   "\"Operations\":[%s]}", one);
    g_autoptr(TestAnswer) none = post_bulk (demo, token, "", NULL);
    g_autoptr(TestAnswer) zero = post_bulk (demo, token, one, "\"failOnErrors\":0,");
    g_autoptr(TestAnswer) not_bulk = test_server_request (demo, "POST", "/scim/v2/Bulk", token, patch_body, NULL);
    g_autoptr(TestAnswer) viewed = post_bulk (demo, viewer ("demolen"), one, NULL);
    g_autoptr(TestAnswer) got = get ("/scim/v2/Bulk", token);
    g_autoptr(TestAnswer) nobody = test_server_request (demo, "POST", "/scim/v2/Bulk", NULL, patch_body, NULL);

    assert_scim_error (none, 400, "malformed-request");
    assert_scim_error (zero, 400, "malformed-request");
    assert_scim_error (not_bulk, 400, "malformed-request");
    assert_scim_error (viewed, 403, "forbidden");
    assert_scim_error (got, 405, "method-not-allowed");
    g_assert_cmpstr (soup_message_headers_get_one (got->headers, "Allow"), ==, "POST");
    assert_scim_error (nobody, 401, "unauthorized");
  }

  /* None of them changed anything. */
  g_assert_cmpint (revision_of (demo, token), ==, revision);
}

static void
assert_same_answer (TestAnswer *first,
                    TestAnswer *again)
{
  g_assert_cmpuint (again->status, ==, first->status);
  g_assert_cmpstr (again->content_type, ==, first->content_type);
  g_assert_cmpstr (again->etag, ==, first->etag);
  g_assert_true (g_bytes_equal (again->body, first->body));
}

/* A PATCH or a Bulk sent with an Idempotency-Key is made once: a retry
 * after a lost answer gets the first answer, even where its If-Match or
 * versions are stale by then, and changes nothing again. */
static void
test_scim_idempotent (void)
{
  const char *args[] = { "--seed", "demo", "--allow-faults", NULL };
  g_autoptr(TestServer) server = test_server_start (args);
  const char *token = g_hash_table_lookup (server->admin, "demolen");
  g_autoptr(TestAnswer) page = test_server_request (server, "GET", "/scim/v2/Users?count=2&filter=active%20eq%20true",
                                                    token, NULL, NULL);
  g_autofree char *id = g_strdup (test_json_string (page->json, "Resources.0.id"));
  g_autofree char *other = g_strdup (test_json_string (page->json, "Resources.1.id"));
  g_autofree char *version = g_strdup (test_json_string (page->json, "Resources.0.meta.version"));
  g_autofree char *path = g_strconcat ("/scim/v2/Users/", id, NULL);
  gint64 revision = revision_of (server, token);

  /* Applied, but never answered; each retry is answered as the first. */
  {
    g_autoptr(TestAnswer) dropped = test_server_request (server, "PATCH", path, token, PATCH_OP ("false"),
                                                         "If-Match", version, "Idempotency-Key", "patch-1",
                                                         "X-Seats-Fault", "drop-after-commit", NULL);
    g_autoptr(TestAnswer) retry = test_server_request (server, "PATCH", path, token, PATCH_OP ("false"),
                                                       "If-Match", version, "Idempotency-Key", "patch-1", NULL);
    g_autoptr(TestAnswer) again = test_server_request (server, "PATCH", path, token, PATCH_OP ("false"),
                                                       "If-Match", version, "Idempotency-Key", "patch-1", NULL);
    g_autoptr(JsonNode) user = user_of (server, token, id);
    g_autoptr(TestAnswer) without = test_server_request (server, "PATCH", path, token, PATCH_OP ("false"),
                                                         "If-Match", version, NULL);

    g_assert_cmpuint (dropped->status, ==, 0);
    g_assert_cmpuint (retry->status, ==, 200);
    g_assert_true (json_node_equal (retry->json, user));
    g_assert_cmpstr (retry->etag, ==, test_json_string (user, "meta.version"));
    assert_same_answer (retry, again);
    g_assert_cmpuint (count_actions (server, token, "deactivate-user", id), ==, 1);
    g_assert_cmpint (revision_of (server, token), ==, revision + 1);
    /* Without the key the stale If-Match is what it is. */
    assert_problem (without, 412, "stale");
  }

  /* A key is for one change: another body, or another request, is refused. */
  {
    g_autoptr(TestAnswer) other_body = test_server_request (server, "PATCH", path, token, PATCH_OP ("true"),
                                                            "Idempotency-Key", "patch-1", NULL);
    g_autofree char *other_path = g_strconcat ("/scim/v2/Users/", other, NULL);
    g_autoptr(TestAnswer) other_user = test_server_request (server, "PATCH", other_path, token,
                                                            PATCH_OP ("false"), "Idempotency-Key", "patch-1",
                                                            NULL);
    g_autoptr(TestAnswer) order = test_server_request (server, "POST", "/api/v1/orders", token,
                                                       "{\"product_id\":\"seats\",\"quantity\":1}",
                                                       "Idempotency-Key", "order-1", NULL);
    g_autoptr(TestAnswer) as_order = test_server_request (server, "PATCH", path, token, PATCH_OP ("true"),
                                                          "Idempotency-Key", "order-1", NULL);
    g_autofree char *long_key = g_strnfill (201, 'k');
    g_autoptr(TestAnswer) too_long = test_server_request (server, "PATCH", path, token, PATCH_OP ("true"),
                                                          "Idempotency-Key", long_key, NULL);
    g_autoptr(JsonNode) user = user_of (server, token, id);
    g_autoptr(JsonNode) second = user_of (server, token, other);

    assert_scim_error (other_body, 422, "idempotency-key-reused");
    assert_scim_error (other_user, 422, "idempotency-key-reused");
    g_assert_cmpuint (order->status, ==, 201);
    assert_scim_error (as_order, 422, "idempotency-key-reused");
    assert_scim_error (too_long, 400, "malformed-request");
    g_assert_false (json_node_get_boolean (test_json_find (user, "active")));
    g_assert_true (json_node_get_boolean (test_json_find (second, "active")));
  }

  /* A refusal is not kept: the retry is asked again. */
  {
    g_autoptr(TestAnswer) missing = test_server_request (server, "PATCH", "/scim/v2/Users/no-such-user", token,
                                                         PATCH_OP ("true"), "Idempotency-Key", "patch-2", NULL);
    g_autoptr(TestAnswer) stale = test_server_request (server, "PATCH", path, token, PATCH_OP ("true"),
                                                       "If-Match", version, "Idempotency-Key", "patch-3", NULL);
    g_autoptr(TestAnswer) fresh = NULL;
    g_autoptr(JsonNode) user = user_of (server, token, id);

    assert_scim_error (missing, 404, "not-found");
    assert_scim_error (stale, 412, "stale");
    fresh = test_server_request (server, "PATCH", path, token, PATCH_OP ("true"),
                                 "If-Match", test_json_string (user, "meta.version"), "Idempotency-Key", "patch-3",
                                 NULL);
    g_assert_cmpuint (fresh->status, ==, 200);
  }

  /* A Bulk: the retry replays the first answer, failures and all, and
   * nothing is done twice. */
  {
    g_autofree char *operations = g_strdup_printf (
      "{\"method\":\"PATCH\",\"path\":\"/Users/%s\",\"data\":" PATCH_OP ("false") "},"
      "{\"method\":\"PATCH\",\"path\":\"/Users/no-such-user\",\"data\":" PATCH_OP ("false") "}", other);
    g_autofree char *body = g_strdup_printf (
      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[%s]}", operations);
    gint64 before = revision_of (server, token);
    g_autoptr(TestAnswer) dropped = test_server_request (server, "POST", "/scim/v2/Bulk", token, body,
                                                         "Idempotency-Key", "bulk-1",
                                                         "X-Seats-Fault", "drop-after-commit", NULL);
    g_autoptr(TestAnswer) retry = test_server_request (server, "POST", "/scim/v2/Bulk", token, body,
                                                       "Idempotency-Key", "bulk-1", NULL);
    g_autoptr(TestAnswer) again = test_server_request (server, "POST", "/scim/v2/Bulk", token, body,
                                                       "Idempotency-Key", "bulk-1", NULL);
    g_autoptr(TestAnswer) empty = test_server_request (server, "POST", "/scim/v2/Bulk", token,
                                                        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:"
                                                        "BulkRequest\"],\"Operations\":[]}",
                                                        "Idempotency-Key", "bulk-1", NULL);

    g_assert_cmpuint (dropped->status, ==, 0);
    g_assert_cmpuint (retry->status, ==, 200);
    g_assert_cmpstr (test_json_string (retry->json, "Operations.0.status"), ==, "200");
    g_assert_cmpstr (test_json_string (retry->json, "Operations.1.status"), ==, "404");
    assert_same_answer (retry, again);
    g_assert_cmpuint (count_actions (server, token, "deactivate-user", other), ==, 1);
    g_assert_cmpint (revision_of (server, token), ==, before + 1);
    /* What is not a Bulk is refused before its key is looked at. */
    assert_scim_error (empty, 400, "malformed-request");
  }

  /* The same key with another Bulk. */
  {
    g_autofree char *body = g_strdup_printf ("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
                                             "\"Operations\":[{\"method\":\"PATCH\",\"path\":\"/Users/%s\","
                                             "\"data\":" PATCH_OP ("true") "}]}", other);
    g_autoptr(TestAnswer) another = test_server_request (server, "POST", "/scim/v2/Bulk", token, body,
                                                         "Idempotency-Key", "bulk-1", NULL);
    g_autoptr(JsonNode) user = user_of (server, token, other);

    assert_scim_error (another, 422, "idempotency-key-reused");
    g_assert_false (json_node_get_boolean (test_json_find (user, "active")));
  }
}

static JsonObject *
find_attribute (JsonArray  *attributes,
                const char *name)
{
  for (guint i = 0; i < json_array_get_length (attributes); i++)
    {
      JsonObject *attribute = json_array_get_object_element (attributes, i);

      if (g_ascii_strcasecmp (json_object_get_string_member (attribute, "name"), name) == 0)
        return attribute;
    }

  return NULL;
}

static void assert_described (JsonArray  *attributes,
                              JsonObject *object,
                              const char *where);

/* @value is of the type its attribute says (RFC 7643 2.3); null is no value. */
static void
assert_attribute_value (JsonObject *attribute,
                        JsonNode   *value,
                        const char *where)
{
  const char *type = json_object_get_string_member (attribute, "type");

  if (JSON_NODE_HOLDS_NULL (value))
    {
      if (json_object_get_boolean_member (attribute, "required"))
        g_error ("%s: null, but required", where);
      return;
    }

  if (json_object_get_boolean_member (attribute, "multiValued"))
    {
      JsonArray *values;
      g_autoptr(JsonObject) single = json_object_new ();

      if (!JSON_NODE_HOLDS_ARRAY (value))
        g_error ("%s: multi-valued, but not an array", where);
      values = json_node_get_array (value);
      json_object_set_string_member (single, "type", type);
      json_object_set_boolean_member (single, "multiValued", FALSE);
      json_object_set_boolean_member (single, "required", TRUE);
      if (json_object_has_member (attribute, "subAttributes"))
        json_object_set_member (single, "subAttributes",
                                json_node_copy (json_object_get_member (attribute, "subAttributes")));
      for (guint i = 0; i < json_array_get_length (values); i++)
        assert_attribute_value (single, json_array_get_element (values, i), where);
      return;
    }

  if (g_str_equal (type, "string"))
    g_assert_true (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING);
  else if (g_str_equal (type, "boolean"))
    g_assert_true (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN);
  else if (g_str_equal (type, "complex"))
    {
      g_assert_true (JSON_NODE_HOLDS_OBJECT (value));
      assert_described (json_object_get_array_member (attribute, "subAttributes"),
                        json_node_get_object (value), where);
    }
  else
    g_error ("%s: a user has no attribute of type %s", where, type);
}

/* What a user has and what its schema describes are the same, member for
 * member, each of its type. */
static void
assert_described (JsonArray  *attributes,
                  JsonObject *object,
                  const char *where)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *path = g_strconcat (where, ".", name, NULL);
      JsonObject *attribute = find_attribute (attributes, name);

      if (attribute == NULL)
        g_error ("%s is not in the schema", path);
      assert_attribute_value (attribute, value, path);
    }

  for (guint i = 0; i < json_array_get_length (attributes); i++)
    {
      const char *described = json_object_get_string_member (json_array_get_object_element (attributes, i),
                                                             "name");

      if (!json_object_has_member (object, described))
        g_error ("%s.%s is in the schema, but not in a user", where, described);
    }
}

/* RFC 7644 4: /Schemas and /ResourceTypes describe what a user has, the
 * Seats extension with its real types. */
static void
test_scim_schemas (void)
{
  g_autoptr(TestAnswer) list = get ("/scim/v2/Schemas", viewer ("fjallgarden"));
  g_autoptr(TestAnswer) types = get ("/scim/v2/ResourceTypes", viewer ("fjallgarden"));
  g_autoptr(TestAnswer) type = get ("/scim/v2/ResourceTypes/User", viewer ("fjallgarden"));
  g_autoptr(TestAnswer) users = get ("/scim/v2/Users?count=1000", viewer ("fjallgarden"));
  g_autoptr(TestAnswer) core = NULL;
  g_autoptr(TestAnswer) extension = NULL;
  g_autofree char *core_path = NULL;
  g_autofree char *extension_path = NULL;
  JsonArray *core_attributes;
  JsonArray *extension_attributes;
  JsonArray *resources;
  JsonObject *attribute;

  g_assert_cmpuint (list->status, ==, 200);
  g_assert_cmpstr (list->content_type, ==, "application/scim+json");
  g_assert_cmpstr (test_json_string (list->json, "schemas.0"), ==,
                   "urn:ietf:params:scim:api:messages:2.0:ListResponse");
  g_assert_cmpint (test_json_int (list->json, "totalResults"), ==, 2);

  /* The resource type names both schemas, each served on its own. */
  g_assert_cmpuint (types->status, ==, 200);
  g_assert_cmpint (test_json_int (types->json, "totalResults"), ==, 1);
  g_assert_cmpuint (type->status, ==, 200);
  g_assert_cmpstr (test_json_string (type->json, "endpoint"), ==, "/Users");
  g_assert_cmpstr (test_json_string (types->json, "Resources.0.id"), ==, "User");
  g_assert_true (json_node_get_boolean (test_json_find (type->json, "schemaExtensions.0.required")));
  core_path = g_strconcat ("/scim/v2/Schemas/", test_json_string (type->json, "schema"), NULL);
  extension_path = g_strconcat ("/scim/v2/Schemas/", test_json_string (type->json, "schemaExtensions.0.schema"),
                                NULL);
  core = get (core_path, viewer ("fjallgarden"));
  extension = get (extension_path, viewer ("fjallgarden"));
  g_assert_cmpuint (core->status, ==, 200);
  g_assert_cmpuint (extension->status, ==, 200);
  g_assert_cmpstr (test_json_string (core->json, "id"), ==, SEATS_SCIM_USER_SCHEMA);
  g_assert_cmpstr (test_json_string (extension->json, "id"), ==, SEATS_SCIM_EXT_SCHEMA);
  g_assert_true (g_str_has_suffix (test_json_string (extension->json, "meta.location"), extension_path));
  core_attributes = json_node_get_array (test_json_find (core->json, "attributes"));
  extension_attributes = json_node_get_array (test_json_find (extension->json, "attributes"));

  /* Only active can be changed here (R16); userName is not case-exact. */
  attribute = find_attribute (core_attributes, "active");
  g_assert_cmpstr (json_object_get_string_member (attribute, "mutability"), ==, "readWrite");
  attribute = find_attribute (core_attributes, "userName");
  g_assert_cmpstr (json_object_get_string_member (attribute, "mutability"), ==, "readOnly");
  g_assert_false (json_object_get_boolean_member (attribute, "caseExact"));
  g_assert_cmpstr (json_object_get_string_member (attribute, "uniqueness"), ==, "server");

  /* Calendar dates are strings, not dateTime instants; modules many. */
  attribute = find_attribute (extension_attributes, "startDate");
  g_assert_cmpstr (json_object_get_string_member (attribute, "type"), ==, "string");
  attribute = find_attribute (extension_attributes, "modules");
  g_assert_true (json_object_get_boolean_member (attribute, "multiValued"));
  attribute = find_attribute (extension_attributes, "counts");
  g_assert_cmpstr (json_object_get_string_member (attribute, "type"), ==, "boolean");
  g_assert_cmpstr (json_object_get_string_member (attribute, "mutability"), ==, "readOnly");

  /* And every user is what the schemas say, member for member. */
  resources = json_node_get_array (test_json_find (users->json, "Resources"));
  g_assert_cmpuint (json_array_get_length (resources), >, 0);
  for (guint i = 0; i < json_array_get_length (resources); i++)
    {
      g_autoptr(JsonObject) core_part = json_object_new ();
      JsonObject *user = json_array_get_object_element (resources, i);
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, user);
      while (json_object_iter_next (&iter, &name, &value))
        if (!g_str_equal (name, "schemas") && !g_str_equal (name, "id") && !g_str_equal (name, "meta") &&
            !g_str_equal (name, SEATS_SCIM_EXT_SCHEMA))
          json_object_set_member (core_part, name, json_node_copy (value));

      assert_described (core_attributes, core_part, "user");
      assert_described (extension_attributes, json_object_get_object_member (user, SEATS_SCIM_EXT_SCHEMA),
                        "user.extension");
    }

  {
    g_autoptr(TestAnswer) missing = get ("/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group",
                                         viewer ("fjallgarden"));
    g_autoptr(TestAnswer) filtered = get ("/scim/v2/Schemas?filter=id%20eq%20%22x%22", viewer ("fjallgarden"));

    assert_problem (missing, 404, "not-found");
    assert_problem (filtered, 403, "invalid-filter");
  }
}

/* Every fault the client's tests rely on. */
static void
test_faults (void)
{
  const char *args[] = { "--seed", "demo", "--allow-faults", NULL };
  g_autoptr(TestServer) server = test_server_start (args);
  const char *token = g_hash_table_lookup (server->admin, "demolen");
  const char *statuses[][2] = { { "status-500", "500" }, { "status-429", "429" }, { "status-503", "503" } };
  g_autoptr(TestAnswer) plain = test_server_request (server, "GET", "/api/v1/subscription", token, NULL, NULL);
  g_autoptr(TestAnswer) before = test_server_request (server, "GET", "/api/v1/orders", token, NULL, NULL);
  gint64 start_time;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(TestAnswer) answer = test_server_request (server, "POST", "/api/v1/orders", token,
                                                          "{\"product_id\":\"seats\",\"quantity\":1}",
                                                          "Idempotency-Key", statuses[i][0],
                                                          "X-Seats-Fault", statuses[i][0], NULL);
      g_assert_cmpuint (answer->status, ==, g_ascii_strtoull (statuses[i][1], NULL, 10));
      if (answer->status != 500)
        g_assert_cmpstr (answer->retry_after, ==, "1");
    }

  {
    g_autoptr(TestAnswer) after = test_server_request (server, "GET", "/api/v1/orders", token, NULL, NULL);
    g_assert_cmpint (test_json_int (after->json, "total"), ==, test_json_int (before->json, "total"));
  }

  /* Applied, but never answered; the retry with the same key replays. */
  {
    g_autoptr(TestAnswer) dropped = test_server_request (server, "POST", "/api/v1/orders", token,
                                                         "{\"product_id\":\"seats\",\"quantity\":1}",
                                                         "Idempotency-Key", "dropped",
                                                         "X-Seats-Fault", "drop-after-commit", NULL);
    g_autoptr(TestAnswer) retry = test_server_request (server, "POST", "/api/v1/orders", token,
                                                       "{\"product_id\":\"seats\",\"quantity\":1}",
                                                       "Idempotency-Key", "dropped", NULL);
    g_autoptr(TestAnswer) after = test_server_request (server, "GET", "/api/v1/orders", token, NULL, NULL);

    g_assert_cmpuint (dropped->status, ==, 0);
    g_assert_cmpuint (retry->status, ==, 201);
    g_assert_cmpint (test_json_int (after->json, "total"), ==, test_json_int (before->json, "total") + 1);
  }

  {
    g_autoptr(TestAnswer) truncated = test_server_request (server, "GET", "/api/v1/subscription", token, NULL,
                                                           "X-Seats-Fault", "truncate", NULL);
    g_autoptr(TestAnswer) html = test_server_request (server, "GET", "/api/v1/subscription", token, NULL,
                                                      "X-Seats-Fault", "wrong-content-type", NULL);
    g_autoptr(TestAnswer) huge = test_server_request (server, "GET", "/api/v1/subscription", token, NULL,
                                                      "X-Seats-Fault", "huge", NULL);
    g_autoptr(TestAnswer) slow = NULL;

    g_assert_cmpuint (truncated->status, ==, 200);
    g_assert_null (truncated->json);
    g_assert_cmpuint (g_bytes_get_size (truncated->body), ==, g_bytes_get_size (plain->body) / 2);
    g_assert_cmpstr (html->content_type, ==, "text/html");
    g_assert_cmpuint (g_bytes_get_size (huge->body), ==, 50 * 1024 * 1024);

    start_time = g_get_monotonic_time ();
    slow = test_server_request (server, "GET", "/api/v1/subscription", token, NULL, "X-Seats-Fault", "slow", NULL);
    g_assert_cmpuint (slow->status, ==, 200);
    g_assert_cmpint (g_get_monotonic_time () - start_time, >=, 1900 * 1000);
  }

  /* Without --allow-faults the header is ignored. */
  {
    g_autoptr(TestAnswer) ignored = test_server_request (demo, "GET", "/api/v1/sync", admin ("demolen"), NULL,
                                                         "X-Seats-Fault", "status-500", NULL);
    g_assert_cmpuint (ignored->status, ==, 200);
  }
}

/* The one escaper of the JSON the server writes by hand: what it writes
 * parses back to the text, and bytes that are not UTF-8 become U+FFFD. */
static void
test_json_escape (void)
{
  static const struct {
    const char *text;
    gssize      length;
    const char *written;
    const char *parsed;
  } cases[] = {
    { "plain", -1, "\"plain\"", "plain" },
    { "", -1, "\"\"", "" },
    { "quote \" and back\\slash", -1, "\"quote \\\" and back\\\\slash\"", "quote \" and back\\slash" },
    { "tab\tline\nreturn\rfeed\fback\b", -1, "\"tab\\tline\\nreturn\\rfeed\\fback\\b\"",
      "tab\tline\nreturn\rfeed\fback\b" },
    { "\x01\x1f\x7f/", -1, "\"\\u0001\\u001f\x7f/\"", "\x01\x1f\x7f/" },
    { "Fjällgården \xe2\x80\xa8 \xf0\x9f\x98\x80", -1, "\"Fjällgården \xe2\x80\xa8 \xf0\x9f\x98\x80\"",
      "Fjällgården \xe2\x80\xa8 \xf0\x9f\x98\x80" },
    { "bad \xff\xfe end", -1, "\"bad \\ufffd\\ufffd end\"", "bad \xef\xbf\xbd\xef\xbf\xbd end" },
    { "cut \xc3", -1, "\"cut \\ufffd\"", "cut \xef\xbf\xbd" },
    { "surrogate \xed\xa0\x80", -1, NULL, NULL },
    { "a,b\"c", 3, "\"a,b\"", "a,b" },
    { "\xc3\xa4", 1, "\"\\ufffd\"", "\xef\xbf\xbd" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      g_string_append_c (out, '"');
      seats_json_append_escaped (out, cases[i].text, cases[i].length);
      g_string_append_c (out, '"');

      g_assert_true (g_utf8_validate (out->str, out->len, NULL));
      if (cases[i].written != NULL)
        g_assert_cmpstr (out->str, ==, cases[i].written);

      json_parser_load_from_data (parser, out->str, out->len, &error);
      g_assert_no_error (error);
      if (cases[i].parsed != NULL)
        g_assert_cmpstr (json_node_get_string (json_parser_get_root (parser)), ==, cases[i].parsed);
    }

  /* NULL is the empty string, as the JsonBuilder helpers write it. */
  {
    g_autoptr(GString) out = g_string_new (NULL);

    seats_json_append_string (out, NULL);
    g_assert_cmpstr (out->str, ==, "\"\"");
  }
}

/* Instants as the server writes them, against GDateTime. */
static void
test_timestamp_format (void)
{
  static const gint64 instants[] = {
    0, 1, 999, 1000, 86399999, 86400000, 951782400123, 1709164800000, 1795341600000,
    4102444799999, 253402300799999,
  };

  for (guint i = 0; i < G_N_ELEMENTS (instants); i++)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (instants[i] / 1000);
      g_autofree char *seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
      g_autofree char *expected = g_strdup_printf ("%s.%03dZ", seconds, (int) (instants[i] % 1000));
      g_autofree char *written = seats_format_timestamp (instants[i]);
      g_autoptr(GString) appended = g_string_new (NULL);
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", written);

      g_assert_cmpstr (written, ==, expected);
      seats_json_append_timestamp (appended, instants[i]);
      g_assert_cmpstr (appended->str, ==, quoted);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *args[] = { "--seed", "demo", NULL };
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* Mid-period: the demo as these tests know it, whatever day they run;
   * each server starts on this time (the clock tests move their own). */
  seats_test_set_clock (SEATS_TEST_NOW);
  demo = test_server_start (args);

  g_test_add_func ("/server/json/escape", test_json_escape);
  g_test_add_func ("/server/json/timestamp", test_timestamp_format);
  g_test_add_func ("/server/cli/lines", test_cli_lines);
  g_test_add_func ("/server/cli/bad-input", test_cli_bad_input);
  g_test_add_func ("/server/cli/public-address", test_cli_refuses_public_address);
  g_test_add_func ("/server/auth", test_auth);
  g_test_add_func ("/server/roles/viewer", test_viewer_forbidden);
  g_test_add_func ("/server/license/import", test_license_import);
  g_test_add_func ("/server/orders/idempotent", test_order_idempotent);
  g_test_add_func ("/server/orders/refusals", test_order_refusals);
  g_test_add_func ("/server/next-period", test_next_period);
  g_test_add_func ("/server/etags", test_etags);
  g_test_add_func ("/server/activation", test_activation);
  g_test_add_func ("/server/delta", test_delta);
  g_test_add_func ("/server/license/pending", test_pending_license);
  g_test_add_func ("/server/modules", test_module_assignment);
  g_test_add_func ("/server/features", test_feature_switch);
  g_test_add_func ("/server/edition", test_edition);
  g_test_add_func ("/server/demo-trades", test_demo_trades);
  g_test_add_func ("/server/billing", test_billing);
  g_test_add_func ("/server/trial", test_trial);
  g_test_add_func ("/server/bad-input", test_bad_input);
  g_test_add_func ("/server/bodies-bounded", test_bodies_bounded);
  g_test_add_func ("/server/clock", test_clock);
  g_test_add_data_func ("/server/calendar/last-day-of-period", "2026-11-30T12:00:00+01:00", test_calendar);
  /* Already December in Amsterdam, still November in UTC. */
  g_test_add_data_func ("/server/calendar/first-day-of-period", "2026-12-01T00:30:00+01:00", test_calendar);
  g_test_add_data_func ("/server/calendar/february-29", "2028-02-29T12:00:00+01:00", test_calendar);
  g_test_add_data_func ("/server/calendar/new-year", "2026-12-31T23:30:00+01:00", test_calendar);
  g_test_add_func ("/server/scim/paging", test_scim_paging);
  g_test_add_func ("/server/scim/page-bounds", test_scim_page_bounds);
  g_test_add_func ("/server/scim/schemas", test_scim_schemas);
  g_test_add_func ("/server/scim/filters", test_scim_filters);
  g_test_add_func ("/server/scim/patch", test_scim_patch);
  g_test_add_func ("/server/scim/attributes", test_scim_attributes);
  g_test_add_func ("/server/scim/endpoints", test_scim_endpoints);
  g_test_add_func ("/server/scim/bulk", test_scim_bulk);
  g_test_add_func ("/server/scim/bulk-limits", test_scim_bulk_limits);
  g_test_add_func ("/server/scim/idempotent", test_scim_idempotent);
  g_test_add_func ("/server/faults", test_faults);

  ret = g_test_run ();
  test_server_stop (demo);
  return ret;
}
