/* test-api-codec.c: the client's requests and decoders, without a server
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "seats-api-decode.h"
#include "seats-api-error.h"
#include "seats-api-request-private.h"
#include "seats-json-private.h"

#define USER_JSON(active, extra) \
  "{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\"]," \
  " \"id\": \"u-17\", \"userName\": \"anna.devries\"," \
  " \"name\": {\"formatted\": \"Anna de Vries\", \"givenName\": \"Anna\", \"familyName\": \"de Vries\"}," \
  " \"displayName\": \"Anna de Vries\"," \
  " \"emails\": [{\"value\": \"anna@work.example\", \"primary\": false}," \
  "              {\"value\": \"a.devries@molen.example\", \"primary\": true}]," \
  " \"active\": " active "," \
  " \"meta\": {\"resourceType\": \"User\", \"created\": \"2025-01-02T08:00:00Z\"," \
  "          \"lastModified\": \"2026-11-20T09:30:00Z\", \"version\": \"W/\\\"4\\\"\"," \
  "          \"location\": \"/scim/v2/Users/u-17\"}," \
  " \"urn:ietf:params:scim:schemas:extension:seats:2.0:User\": {" \
  "   \"startDate\": \"2027-01-01\", \"endDate\": null, \"modules\": [\"crm\", \"outlook\"]," \
  "   \"graceDeadline\": null, \"counts\": true}" extra "}"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  JsonNode *root = seats_json_parse (bytes, &error);

  g_assert_no_error (error);
  return root;
}

static void
test_request_round_trip (void)
{
  g_autoptr(SeatsApiRequest) buy = seats_api_request_buy ("seats", 5);
  g_autoptr(SeatsApiRequest) next = seats_api_request_set_next_period ("a/../../x", 12, "\"p3\"");
  g_autoptr(SeatsApiRequest) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;

  /* Buying creates an order: it needs an idempotency key, not an ETag. */
  g_assert_true (seats_api_request_needs_key (buy));
  g_assert_null (seats_api_request_get_if_match (buy));
  g_assert_cmpstr (seats_api_request_get_method (buy), ==, "POST");
  g_assert_cmpstr (seats_api_request_get_path (buy), ==, "api/v1/orders");

  /* An id cannot walk to another path. */
  g_assert_cmpstr (seats_api_request_get_path (next), ==,
                   "api/v1/products/a%2F..%2F..%2Fx/next-period");
  g_assert_cmpstr (seats_api_request_get_if_match (next), ==, "\"p3\"");
  g_assert_false (seats_api_request_needs_key (next));

  /* What the outbox keeps comes back the same after a restart. */
  text = seats_api_request_serialize (next);
  copy = seats_api_request_deserialize (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seats_api_request_get_kind (copy), ==, "next-period");
  g_assert_cmpstr (seats_api_request_get_method (copy), ==, "PUT");
  g_assert_cmpstr (seats_api_request_get_path (copy), ==, seats_api_request_get_path (next));
  g_assert_cmpstr (seats_api_request_get_if_match (copy), ==, "\"p3\"");
  again = seats_api_request_serialize (copy);
  g_assert_cmpstr (again, ==, text);

  g_assert_null (seats_api_request_deserialize ("{\"kind\": 3}", &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
}

/* What the outbox of Seats 0.1 kept, a request, comes back as the change
 * it made, with the version it was made against: every kind. */
static void
test_request_kept_by_earlier_version (void)
{
  g_autoptr(SeatsBillingDetails) details = seats_billing_details_new ();
  const char *one_user[] = { "u/1", NULL };
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) seats_change_unref);
  SeatsChange *change;
  gboolean is_request = FALSE;

  seats_billing_details_set_contact_email (details, "finance@example.test");
  seats_billing_details_set_street (details, "Dorpsstraat 1");
  seats_billing_details_set_postal_code (details, "1234 AB");
  seats_billing_details_set_city (details, "Zwolle");
  seats_billing_details_set_country (details, "NL");
  seats_billing_details_set_e_invoicing (details, TRUE);
  seats_billing_details_set_e_invoice_address (details, "0106:12345678");
  seats_billing_details_set_operator_code (details, "PEPPOL");

  g_ptr_array_add (changes, seats_change_new_buy ("seats", 3));
  g_ptr_array_add (changes, change = seats_change_new_next_period ("se ats", 12));
  seats_change_set_basis (change, SEATS_CHANGE_BASIS_PRODUCT "se ats", "\"p3\"");
  g_ptr_array_add (changes, change = seats_change_new_users_active (one_user, FALSE));
  seats_change_set_basis (change, SEATS_CHANGE_BASIS_USER "u/1", "W/\"7\"");
  g_ptr_array_add (changes, seats_change_new_users_active (one_user, TRUE));
  g_ptr_array_add (changes, change = seats_change_new_module ("imaging", one_user, TRUE));
  seats_change_set_basis (change, SEATS_CHANGE_BASIS_PRODUCT "imaging", "\"p9\"");
  g_ptr_array_add (changes, seats_change_new_module ("imaging", one_user, FALSE));
  g_ptr_array_add (changes, change = seats_change_new_feature ("ideal", TRUE));
  seats_change_set_basis (change, SEATS_CHANGE_BASIS_FEATURE "ideal", "\"f2\"");
  g_ptr_array_add (changes, change = seats_change_new_billing_details (details));
  seats_change_set_basis (change, SEATS_CHANGE_BASIS_BILLING, "\"b5\"");
  g_ptr_array_add (changes, change = seats_change_new_activate_license ());
  seats_change_set_basis (change, SEATS_CHANGE_BASIS_PENDING_LICENSE, "\"l1\"");
  g_ptr_array_add (changes, seats_change_new_import_license ("{\"license\":{\"id\":\"L-1\"},\"signature\":\"c2ln\"}"));
  g_ptr_array_add (changes, seats_change_new_convert_trial ("SN-1", "De Molen B.V."));

  for (guint i = 0; i < changes->len; i++)
    {
      SeatsChange *made = g_ptr_array_index (changes, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) requests = seats_api_requests_for_change (made, &error);
      g_autoptr(SeatsChange) read = NULL;
      g_autofree char *kept = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *got = NULL;

      g_test_message ("%s", seats_change_get_kind_name (made));
      g_assert_no_error (error);
      g_assert_cmpuint (requests->len, ==, 1);
      kept = seats_api_request_serialize (g_ptr_array_index (requests, 0));
      read = seats_api_change_from_outbox_request (kept, &is_request);
      g_assert_true (is_request);
      g_assert_nonnull (read);
      expected = seats_change_serialize (made);
      got = seats_change_serialize (read);
      g_assert_cmpstr (got, ==, expected);
    }

  /* Not a request, or one of no known kind: nothing. */
  g_assert_null (seats_api_change_from_outbox_request ("not json", &is_request));
  g_assert_false (is_request);
  g_assert_null (seats_api_change_from_outbox_request ("{\"kind\":\"buy\",\"method\":\"POST\","
                                                       "\"path\":\"api/v1/orders\",\"needs_key\":true,"
                                                       "\"body\":{\"product_id\":\"seats\",\"quantity\":0}}",
                                                       &is_request));
  g_assert_true (is_request);
  g_assert_null (seats_api_change_from_outbox_request ("{\"kind\":\"next-period\",\"method\":\"PUT\","
                                                       "\"path\":\"api/v1/features/x\",\"needs_key\":false,"
                                                       "\"body\":{\"count\":3}}",
                                                       NULL));
  g_assert_null (seats_api_change_from_outbox_request ("{\"kind\":\"deactivate-user\",\"method\":\"PATCH\","
                                                       "\"path\":\"scim/v2/Users/%FF\",\"needs_key\":false,"
                                                       "\"body\":null}",
                                                       NULL));
}

static void
test_request_import_license (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsApiRequest) request = NULL;

  request = seats_api_request_import_license ("this is not a license", &error);
  g_assert_null (request);
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
  g_clear_error (&error);

  request = seats_api_request_import_license ("{\"format\": \"seats-license-1\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seats_api_request_get_path (request), ==, "api/v1/license/import");
}

static void
test_decode_user (void)
{
  g_autoptr(JsonNode) root = parse (USER_JSON ("true", ""));
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsUser) user = seats_api_decode_user (root, &error);
  const char * const *modules;

  g_assert_no_error (error);
  g_assert_cmpstr (seats_user_get_id (user), ==, "u-17");
  g_assert_cmpstr (seats_user_get_display_name (user), ==, "Anna de Vries");
  /* The primary address wins over the first one. */
  g_assert_cmpstr (seats_user_get_email (user), ==, "a.devries@molen.example");
  g_assert_true (seats_user_get_active (user));
  g_assert_cmpuint (seats_user_get_start_date_julian (user), ==, seats_julian_from_ymd (2027, 1, 1));
  g_assert_cmpuint (seats_user_get_end_date_julian (user), ==, SEATS_JULIAN_NONE);
  g_assert_cmpint (seats_user_get_modified (user), ==, G_GINT64_CONSTANT (1795167000));
  modules = seats_user_get_modules (user);
  g_assert_cmpstr (modules[0], ==, "crm");
  g_assert_cmpstr (modules[1], ==, "outlook");
  g_assert_null (modules[2]);
}

static void
test_decode_user_tolerates_unknown (void)
{
  g_autoptr(JsonNode) root = parse (USER_JSON ("false", ", \"x-future\": {\"anything\": [1, 2]}"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsUser) user = seats_api_decode_user (root, &error);

  g_assert_no_error (error);
  g_assert_false (seats_user_get_active (user));
}

/* What RFC 7643 does not require of a user is optional: a service that
 * is not a Seats license server sends no extension, often no "active",
 * and versions of its own making. */
static void
test_decode_user_core_only (void)
{
  static const char *json[] = {
    "{\"id\": \"u-1\", \"userName\": \"ada@example.test\"}",
    "{\"id\": \"u-1\", \"userName\": \"ada@example.test\", \"active\": false,"
    " \"meta\": {\"version\": \"W/\\\"3694e05e9dff590\\\"\"}}",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) bare_root = parse (json[0]);
  g_autoptr(JsonNode) versioned_root = parse (json[1]);
  g_autoptr(SeatsUser) bare = seats_api_decode_user (bare_root, &error);
  g_autoptr(SeatsUser) versioned = NULL;

  g_assert_no_error (error);
  g_assert_true (seats_user_get_active (bare));
  g_assert_cmpstr (seats_user_get_display_name (bare), ==, "ada@example.test");
  g_assert_cmpuint (seats_user_get_start_date_julian (bare), ==, SEATS_JULIAN_NONE);
  g_assert_cmpuint (seats_user_get_end_date_julian (bare), ==, SEATS_JULIAN_NONE);
  g_assert_null (seats_user_get_modules (bare)[0]);
  g_assert_null (seats_user_get_version (bare));
  g_assert_cmpint (seats_user_get_modified (bare), ==, 0);

  versioned = seats_api_decode_user (versioned_root, &error);
  g_assert_no_error (error);
  g_assert_false (seats_user_get_active (versioned));
  g_assert_cmpstr (seats_user_get_version (versioned), ==, "W/\"3694e05e9dff590\"");
}

static void
test_decode_user_rejects_wrong_types (void)
{
  static const char *bad[] = {
    USER_JSON ("\"yes\"", ""),
    USER_JSON ("1", ""),
    "{\"id\": \"u-1\", \"active\": true}",
    "{\"userName\": \"x\", \"active\": true}",
    "{\"id\": \"u-1\", \"userName\": \"x\", \"meta\": {\"version\": \"W/\\\"1\\\"\\r\\nX: y\"}}",
    "{\"id\": \"u-1\", \"userName\": \"x\", \"meta\": {\"version\": 7}}",
    "[1, 2, 3]",
    "\"a string\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) root = parse (bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(SeatsUser) user = seats_api_decode_user (root, &error);

      g_assert_null (user);
      g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
    }
}

static void
test_decode_user_page (void)
{
  g_autoptr(JsonNode) root = parse ("{\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],"
                                    " \"totalResults\": 2500, \"startIndex\": 1001, \"itemsPerPage\": 1,"
                                    " \"Resources\": [" USER_JSON ("true", "") "]}");
  g_autoptr(JsonNode) lying = parse ("{\"totalResults\": 0, \"startIndex\": 1,"
                                     " \"Resources\": [" USER_JSON ("true", "") "]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsUserPage) page = seats_api_decode_user_page (root, &error);
  g_autoptr(SeatsUserPage) bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (page->total, ==, 2500);
  g_assert_cmpuint (page->start_index, ==, 1001);
  g_assert_cmpuint (page->users->len, ==, 1);

  bad = seats_api_decode_user_page (lying, &error);
  g_assert_null (bad);
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
}

static void
test_decode_subscription (void)
{
  g_autoptr(JsonNode) root = parse ("{\"period\": {\"start\": \"2026-11-01\", \"end\": \"2026-12-01\", \"months\": 1},"
                                    " \"next_period\": {\"start\": \"2026-12-01\", \"end\": \"2027-01-01\", \"months\": 1},"
                                    " \"edition\": \"Professional\", \"storage_used\": 1000, \"storage_included\": 5000,"
                                    " \"monthly_price\": {\"amount\": 123456, \"currency\": \"EUR\"},"
                                    " \"total_price\": {\"amount\": 1481472, \"currency\": \"EUR\"},"
                                    " \"managed_by_reseller\": false, \"etag\": \"\\\"r1\\\"\","
                                    " \"products\": [{\"id\": \"seats\", \"name\": \"Users\", \"kind\": \"user_seats\","
                                    "   \"purchased\": 25, \"in_use\": 23, \"available\": 2, \"next_period\": 25,"
                                    "   \"price\": {\"amount\": 1250, \"currency\": \"EUR\"}, \"enabled\": true,"
                                    "   \"etag\": \"\\\"p1\\\"\"}]}");
  g_autoptr(JsonNode) float_money = parse ("{\"period\": {\"start\": \"2026-11-01\", \"end\": \"2026-12-01\", \"months\": 1},"
                                           " \"edition\": \"x\", \"storage_used\": 0, \"storage_included\": 0,"
                                           " \"monthly_price\": {\"amount\": 12.5, \"currency\": \"EUR\"},"
                                           " \"total_price\": {\"amount\": 12, \"currency\": \"EUR\"},"
                                           " \"products\": []}");
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsSubscription) subscription = seats_api_decode_subscription (root, &products, NULL, &error);
  g_autoptr(SeatsSubscription) bad = NULL;
  SeatsProduct *product;

  g_assert_no_error (error);
  g_assert_cmpuint (seats_subscription_get_period_end_julian (subscription), ==,
                    seats_julian_from_ymd (2026, 12, 1));
  g_assert_cmpint (seats_subscription_get_monthly_price (subscription), ==, 123456);
  g_assert_cmpuint (products->len, ==, 1);
  product = g_ptr_array_index (products, 0);
  g_assert_cmpuint (seats_product_get_purchased (product), ==, 25);
  g_assert_cmpint (seats_product_get_kind (product), ==, SEATS_PRODUCT_KIND_USER_SEATS);
  g_assert_cmpint (seats_product_get_price (product), ==, 1250);

  /* Money is never a float. */
  bad = seats_api_decode_subscription (float_money, &none, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
}

/* A price below zero is not believed; an invoice below zero is a credit. */
static void
test_decode_negative_money (void)
{
  g_autoptr(JsonNode) price = parse ("{\"period\": {\"start\": \"2026-11-01\", \"end\": \"2026-12-01\", \"months\": 1},"
                                     " \"edition\": \"x\", \"storage_used\": 0, \"storage_included\": 0,"
                                     " \"monthly_price\": {\"amount\": 0, \"currency\": \"EUR\"},"
                                     " \"total_price\": {\"amount\": 0, \"currency\": \"EUR\"},"
                                     " \"products\": [{\"id\": \"seats\", \"name\": \"Users\", \"kind\": \"user_seats\","
                                     "   \"purchased\": 25, \"in_use\": 23, \"available\": 2, \"next_period\": 25,"
                                     "   \"price\": {\"amount\": -2950, \"currency\": \"EUR\"}, \"enabled\": true,"
                                     "   \"etag\": \"\\\"p1\\\"\"}]}");
  g_autoptr(JsonNode) monthly = parse ("{\"period\": {\"start\": \"2026-11-01\", \"end\": \"2026-12-01\", \"months\": 1},"
                                       " \"edition\": \"x\", \"storage_used\": 0, \"storage_included\": 0,"
                                       " \"monthly_price\": {\"amount\": -1, \"currency\": \"EUR\"},"
                                       " \"total_price\": {\"amount\": 0, \"currency\": \"EUR\"},"
                                       " \"products\": []}");
  g_autoptr(JsonNode) order = parse ("{\"items\": [{\"id\": \"o-1\", \"created\": \"2026-11-02T10:00:00Z\","
                                     " \"product_id\": \"seats\", \"quantity\": 3,"
                                     " \"amount\": {\"amount\": -8850, \"currency\": \"EUR\"},"
                                     " \"period\": {\"start\": \"2026-11-01\", \"end\": \"2026-12-01\"}}],"
                                     " \"total\": 1}");
  g_autoptr(JsonNode) credit = parse ("{\"items\": [{\"id\": \"i-1\", \"number\": \"C-1\", \"issued\": \"2026-11-02\","
                                      " \"due\": \"2026-12-02\", \"amount\": {\"amount\": -2950, \"currency\": \"EUR\"},"
                                      " \"status\": \"paid\"}], \"total\": 1}");
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) invoices = NULL;
  g_autoptr(SeatsSubscription) subscription = NULL;
  g_autoptr(GError) error = NULL;

  subscription = seats_api_decode_subscription (price, &products, NULL, &error);
  g_assert_null (subscription);
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
  g_clear_error (&error);

  subscription = seats_api_decode_subscription (monthly, &products, NULL, &error);
  g_assert_null (subscription);
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
  g_clear_error (&error);

  orders = seats_api_decode_orders (order, &error);
  g_assert_null (orders);
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
  g_clear_error (&error);

  invoices = seats_api_decode_invoices (credit, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (invoices->len, ==, 1);
  g_assert_cmpint (seats_invoice_get_amount (g_ptr_array_index (invoices, 0)), ==, -2950);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/api/request/round-trip", test_request_round_trip);
  g_test_add_func ("/api/request/import-license", test_request_import_license);
  g_test_add_func ("/api/request/kept-by-earlier-version", test_request_kept_by_earlier_version);
  g_test_add_func ("/api/decode/user", test_decode_user);
  g_test_add_func ("/api/decode/user-unknown-members", test_decode_user_tolerates_unknown);
  g_test_add_func ("/api/decode/user-core-only", test_decode_user_core_only);
  g_test_add_func ("/api/decode/user-wrong-types", test_decode_user_rejects_wrong_types);
  g_test_add_func ("/api/decode/user-page", test_decode_user_page);
  g_test_add_func ("/api/decode/subscription", test_decode_subscription);
  g_test_add_func ("/api/decode/negative-money", test_decode_negative_money);

  return g_test_run ();
}
