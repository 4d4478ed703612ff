/* test-api-basics.c: errors, addresses, retries and strict JSON of the client
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <json-glib/json-glib.h>

#include "seats-api-error.h"
#include "seats-json-private.h"
#include "seats-types.h"

static void
test_status_kinds (void)
{
  static const struct {
    guint         status;
    const char   *code;
    SeatsApiError expected;
    gboolean      transient;
  } cases[] = {
    { 401, NULL, SEATS_API_ERROR_UNAUTHORIZED, FALSE },
    { 403, "forbidden", SEATS_API_ERROR_FORBIDDEN, FALSE },
    { 404, NULL, SEATS_API_ERROR_NOT_FOUND, FALSE },
    { 409, NULL, SEATS_API_ERROR_CONFLICT, FALSE },
    { 409, "below-counted-users", SEATS_API_ERROR_REFUSED, FALSE },
    { 412, "stale", SEATS_API_ERROR_STALE, FALSE },
    { 428, NULL, SEATS_API_ERROR_STALE, FALSE },
    { 422, "cancels-subscription", SEATS_API_ERROR_REFUSED, FALSE },
    { 400, "malformed-request", SEATS_API_ERROR_REFUSED, FALSE },
    { 429, NULL, SEATS_API_ERROR_RATE_LIMITED, TRUE },
    { 500, NULL, SEATS_API_ERROR_SERVER, TRUE },
    { 503, NULL, SEATS_API_ERROR_SERVER, TRUE },
    { 599, NULL, SEATS_API_ERROR_SERVER, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SeatsApiProblem problem = { .code = cases[i].code, .detail = "the detail" };
      g_autoptr(GError) error = seats_api_error_from_status (cases[i].status, &problem);

      g_test_message ("status %u, code %s", cases[i].status, cases[i].code);
      g_assert_error (error, SEATS_API_ERROR, (int) cases[i].expected);
      g_assert_cmpint (seats_api_error_is_transient (error), ==, cases[i].transient);
      g_assert_cmpstr (error->message, !=, "");
    }
}

/* A refusal of the rules is said in Seats' words, with the server's
 * figures, never in the server's English. */
static void
test_refusal_in_own_words (void)
{
  SeatsRuleFigures figures = {
    .seat_floor = SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE,
    .requested = 20,
    .counted = 33,
    .minimum = 1,
  };
  SeatsApiProblem problem = {
    .code = "below-counted-users",
    .detail = "Server words: lower than the active users.",
    .figures = &figures,
  };
  g_autoptr(GError) with_figures = seats_api_error_from_status (422, &problem);
  g_autoptr(GError) without_figures = NULL;
  g_autoptr(GError) odd_figures = NULL;
  g_autofree char *expected = seats_rule_error_describe (SEATS_RULE_ERROR_BELOW_COUNTED_USERS,
                                                         &figures);
  g_autofree char *plain = seats_rule_error_describe (SEATS_RULE_ERROR_BELOW_COUNTED_USERS, NULL);

  g_assert_error (with_figures, SEATS_API_ERROR, SEATS_API_ERROR_REFUSED);
  g_assert_cmpstr (with_figures->message, ==, expected);
  g_assert_nonnull (strstr (with_figures->message, "Deactivate 13 users first"));
  g_assert_nonnull (strstr (with_figures->message, "at least 33 licenses"));
  g_assert_null (strstr (with_figures->message, "Server words"));

  /* A server that sends no figures: the same refusal, without numbers. */
  problem.figures = NULL;
  without_figures = seats_api_error_from_status (422, &problem);
  g_assert_cmpstr (without_figures->message, ==, plain);
  g_assert_null (strstr (without_figures->message, "Server words"));

  /* Figures that cannot be (more licenses than users, yet refused) are
   * not believed. */
  figures.requested = 40;
  problem.figures = &figures;
  odd_figures = seats_api_error_from_status (422, &problem);
  g_assert_cmpstr (odd_figures->message, ==, plain);
}

static void
test_refusal_known_codes (void)
{
  SeatsApiProblem resold = {
    .code = "managed-by-reseller",
    .detail = "Managed by Partner AB.",
    .reseller_name = "Partner AB",
    .reseller_url = "https://partner.example/",
  };
  SeatsApiProblem resold_unnamed = { .code = "managed-by-reseller" };
  SeatsApiProblem misunderstood = { .code = "unknown-field", .detail = "Unknown member." };
  SeatsApiProblem license = { .code = "license-expired", .detail = "Expired." };
  g_autoptr(GError) e1 = seats_api_error_from_status (422, &resold);
  g_autoptr(GError) e2 = seats_api_error_from_status (422, &resold_unnamed);
  g_autoptr(GError) e3 = seats_api_error_from_status (400, &misunderstood);
  g_autoptr(GError) e4 = seats_api_error_from_status (422, &license);

  g_assert_error (e1, SEATS_API_ERROR, SEATS_API_ERROR_REFUSED);
  g_assert_cmpstr (e1->message, ==,
                   "This subscription was bought through Partner AB. Change it there: "
                   "https://partner.example/");
  g_assert_cmpstr (e2->message, ==,
                   "This subscription was bought through a reseller. Change it there.");
  g_assert_nonnull (strstr (e3->message, "(unknown-field)"));
  g_assert_null (strstr (e3->message, "Unknown member."));
  g_assert_cmpstr (e4->message, ==, "The license file has expired. Ask the vendor for a new file.");
}

/* Only for a code Seats does not know is the server's explanation shown,
 * as the vendor's words, whole and bounded. */
static void
test_refusal_vendor_words (void)
{
  g_autofree char *long_detail = g_strnfill (2000, 'x');
  SeatsApiProblem unknown = { .code = "quota-exceeded", .detail = "The quota is used up." };
  SeatsApiProblem unknown_long = { .code = "quota-exceeded", .detail = long_detail };
  SeatsApiProblem unknown_bad = { .code = "quota-exceeded", .detail = "bad \xff bytes" };
  SeatsApiProblem uncoded = { .detail = "Conflict." };
  g_autoptr(GError) e1 = seats_api_error_from_status (422, &unknown);
  g_autoptr(GError) e2 = seats_api_error_from_status (422, &unknown_long);
  g_autoptr(GError) e3 = seats_api_error_from_status (422, &unknown_bad);
  g_autoptr(GError) e4 = seats_api_error_from_status (409, &uncoded);
  g_autoptr(GError) e5 = seats_api_error_from_status (409, NULL);
  g_autoptr(GError) e6 = seats_api_error_from_status (418, NULL);

  g_assert_error (e1, SEATS_API_ERROR, SEATS_API_ERROR_REFUSED);
  g_assert_cmpstr (e1->message, ==,
                   "The license server refused the change. Its vendor says: “The quota is used up.”");
  g_assert_cmpuint (g_utf8_strlen (e2->message, -1), <, 600);
  g_assert_nonnull (strstr (e2->message, "x…”"));
  g_assert_cmpstr (e3->message, ==, "The license server refused the request (error 422).");
  g_assert_error (e4, SEATS_API_ERROR, SEATS_API_ERROR_CONFLICT);
  g_assert_cmpstr (e4->message, ==, "The license server refused the change. Its vendor says: “Conflict.”");
  g_assert_error (e5, SEATS_API_ERROR, SEATS_API_ERROR_CONFLICT);
  g_assert_nonnull (strstr (e5->message, "conflicts with the current state"));
  g_assert_cmpstr (e6->message, ==, "The license server refused the request (error 418).");
}

/* Every code the API document names is said in Seats' own words: none
 * falls through to the server's explanation. */
static void
test_refusal_every_code (void)
{
  static const struct {
    const char *code;
    guint       status;
  } by_status[] = {
    { "unauthorized", 401 }, { "forbidden", 403 }, { "not-found", 404 }, { "stale", 412 },
    { "precondition-required", 428 }, { "rate-limited", 429 }, { "internal-error", 500 },
    { "unavailable", 503 },
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *document;
  g_autoptr(GList) rule_codes = NULL;
  JsonArray *protocol_codes;
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();

  json_parser_load_from_file (parser, SEATS_API_DOCUMENT, &error);
  g_assert_no_error (error);
  document = json_node_get_object (json_parser_get_root (parser));
  rule_codes = json_object_get_members (json_object_get_object_member (document, "x-seats-rule-codes"));
  protocol_codes = json_object_get_array_member (document, "x-seats-protocol-codes");

  for (GList *l = rule_codes; l != NULL; l = l->next)
    g_ptr_array_add (codes, l->data);
  for (guint i = 0; i < json_array_get_length (protocol_codes); i++)
    g_ptr_array_add (codes, (gpointer) json_array_get_string_element (protocol_codes, i));
  g_assert_cmpuint (codes->len, >, 40);

  for (guint i = 0; i < codes->len; i++)
    {
      SeatsApiProblem problem = { .code = codes->pdata[i], .detail = "VENDOR WORDS" };
      g_autoptr(GError) refusal = NULL;
      guint status = 422;

      for (guint j = 0; j < G_N_ELEMENTS (by_status); j++)
        if (g_str_equal (problem.code, by_status[j].code))
          status = by_status[j].status;

      refusal = seats_api_error_from_status (status, &problem);
      g_test_message ("%s: %s", problem.code, refusal->message);
      g_assert_null (strstr (refusal->message, "VENDOR WORDS"));
      g_assert_null (strstr (refusal->message, "refused the request"));
    }
}

static void
test_transport_errors (void)
{
  g_autoptr(GError) refused = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "refused");
  g_autoptr(GError) timeout = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "slow");
  g_autoptr(GError) tls = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, "bad");
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "stop");
  g_autoptr(GError) e1 = seats_api_error_from_transport (refused);
  g_autoptr(GError) e2 = seats_api_error_from_transport (timeout);
  g_autoptr(GError) e3 = seats_api_error_from_transport (tls);
  g_autoptr(GError) e4 = seats_api_error_from_transport (cancelled);

  g_assert_error (e1, SEATS_API_ERROR, SEATS_API_ERROR_OFFLINE);
  g_assert_true (seats_api_error_is_transient (e1));
  g_assert_error (e2, SEATS_API_ERROR, SEATS_API_ERROR_TIMEOUT);
  g_assert_true (seats_api_error_is_transient (e2));
  /* A bad certificate is never retried and never ignored. */
  g_assert_error (e3, SEATS_API_ERROR, SEATS_API_ERROR_TLS);
  g_assert_false (seats_api_error_is_transient (e3));
  /* Cancellation stays a cancellation, so it stays silent. */
  g_assert_error (e4, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_base_uri (void)
{
  static const struct {
    const char *uri;
    gboolean    allowed;
  } cases[] = {
    { "https://licenses.example.com/", TRUE },
    { "https://licenses.example.com:8443/vendor", TRUE },
    { "http://127.0.0.1:8080/", TRUE },
    { "http://127.1.2.3/", TRUE },
    { "http://localhost:9000", TRUE },
    { "http://[::1]:9000/", TRUE },
    { "http://licenses.example.com/", FALSE },
    { "http://192.168.1.10/", FALSE },
    { "http://127.0.0.1.example.com/", FALSE },
    { "ftp://licenses.example.com/", FALSE },
    { "licenses.example.com", FALSE },
    { "", FALSE },
    { "https://", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean allowed = seats_api_check_base_uri (cases[i].uri, &error);

      g_test_message ("%s", cases[i].uri);
      g_assert_cmpint (allowed, ==, cases[i].allowed);
      if (!allowed)
        g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_INSECURE);
    }
}

static void
test_retry_delay (void)
{
  /* Doubling from one second, bounded at a minute. */
  g_assert_cmpuint (seats_api_retry_delay_ms (1, -1), ==, 1000);
  g_assert_cmpuint (seats_api_retry_delay_ms (2, -1), ==, 2000);
  g_assert_cmpuint (seats_api_retry_delay_ms (3, -1), ==, 4000);
  g_assert_cmpuint (seats_api_retry_delay_ms (7, -1), ==, 60000);
  g_assert_cmpuint (seats_api_retry_delay_ms (1000, -1), ==, 60000);

  /* The server's Retry-After wins, within fifteen minutes. */
  g_assert_cmpuint (seats_api_retry_delay_ms (1, 0), ==, 0);
  g_assert_cmpuint (seats_api_retry_delay_ms (5, 3000), ==, 3000);
  g_assert_cmpuint (seats_api_retry_delay_ms (1, G_GINT64_CONSTANT (3600000)), ==, 900000);
}

static void
test_retry_after (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 22, 10, 0, 0);

  g_assert_cmpint (seats_api_parse_retry_after ("1", now), ==, 1000);
  g_assert_cmpint (seats_api_parse_retry_after (" 120 ", now), ==, 120000);
  g_assert_cmpint (seats_api_parse_retry_after ("0", now), ==, 0);
  g_assert_cmpint (seats_api_parse_retry_after ("Sun, 22 Nov 2026 10:00:30 GMT", now), ==, 30000);
  /* A date in the past means now. */
  g_assert_cmpint (seats_api_parse_retry_after ("Sun, 22 Nov 2026 09:00:00 GMT", now), ==, 0);
  g_assert_cmpint (seats_api_parse_retry_after (NULL, now), ==, -1);
  g_assert_cmpint (seats_api_parse_retry_after ("-5", now), ==, -1);
  g_assert_cmpint (seats_api_parse_retry_after ("12abc", now), ==, -1);
  g_assert_cmpint (seats_api_parse_retry_after ("soon", now), ==, -1);
  g_assert_cmpint (seats_api_parse_retry_after ("99999999999", now), ==, -1);
}

static JsonObject *
parse_object (const char  *text,
              JsonNode   **root)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  JsonObject *object = NULL;

  *root = seats_json_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_true (seats_json_object (*root, "", &object, &error));

  return object;
}

static void
test_json_members (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object = parse_object ("{\"name\": \"Acme\", \"count\": 12, \"price\": 12.5,"
                                     " \"on\": true, \"none\": null, \"day\": \"2024-02-29\","
                                     " \"bad_day\": \"2023-02-29\", \"spaced_day\": \" 2024-2-9\","
                                     " \"at\": \"2026-11-22T10:00:00Z\", \"list\": [1, 2, 3],"
                                     " \"future_field\": {\"x\": 1}}", &root);
  const char *str = NULL;
  gint64 number = -1;
  gboolean flag = FALSE;
  guint32 julian = 1;
  gint64 when = 0;
  JsonArray *array = NULL;

  g_assert_true (seats_json_string (object, "account", "name", SEATS_JSON_REQUIRED, &str, &error));
  g_assert_cmpstr (str, ==, "Acme");

  g_assert_true (seats_json_int (object, "", "count", SEATS_JSON_REQUIRED, 0, 100, &number, &error));
  g_assert_cmpint (number, ==, 12);

  /* Out of range, a float for a count, a number for a string: malformed. */
  g_assert_false (seats_json_int (object, "", "count", SEATS_JSON_REQUIRED, 0, 11, &number, &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_false (seats_json_int (object, "", "price", SEATS_JSON_REQUIRED, 0, 100, &number, &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_false (seats_json_string (object, "", "count", SEATS_JSON_REQUIRED, &str, &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "count"));
  g_clear_error (&error);

  /* Missing and null: fine when optional, malformed when required. */
  str = "untouched";
  g_assert_true (seats_json_string (object, "", "none", SEATS_JSON_OPTIONAL, &str, &error));
  g_assert_null (str);
  g_assert_false (seats_json_string (object, "users[3]", "absent", SEATS_JSON_REQUIRED, &str, &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "users[3].absent"));
  g_clear_error (&error);

  g_assert_true (seats_json_boolean (object, "", "on", SEATS_JSON_REQUIRED, &flag, &error));
  g_assert_true (flag);

  g_assert_true (seats_json_date (object, "", "day", SEATS_JSON_REQUIRED, &julian, &error));
  g_assert_cmpuint (julian, ==, seats_julian_from_ymd (2024, 2, 29));
  g_assert_false (seats_json_date (object, "", "bad_day", SEATS_JSON_REQUIRED, &julian, &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_false (seats_json_date (object, "", "spaced_day", SEATS_JSON_REQUIRED, &julian, &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_true (seats_json_date (object, "", "none", SEATS_JSON_OPTIONAL, &julian, &error));
  g_assert_cmpuint (julian, ==, SEATS_JULIAN_NONE);

  g_assert_true (seats_json_timestamp (object, "", "at", SEATS_JSON_REQUIRED, &when, &error));
  g_assert_cmpint (when, ==, G_GINT64_CONSTANT (1795341600));

  g_assert_true (seats_json_array (object, "", "list", SEATS_JSON_REQUIRED, 3, &array, &error));
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  g_assert_false (seats_json_array (object, "", "list", SEATS_JSON_REQUIRED, 2, &array, &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
}

/* The server's own shape is read without GDateTime; whatever is read must
 * be what g_date_time_new_from_iso8601() reads, and what it refuses stays
 * refused. */
static void
test_json_timestamps (void)
{
  static const char *texts[] = {
    "2026-11-24T02:17:49.155Z",
    "2026-11-24T02:17:49Z",
    "1970-01-01T00:00:00.000Z",
    "1969-12-31T23:59:59.999Z",
    "2024-02-29T23:59:59.5Z",
    "2000-03-01T00:00:00.123456789Z",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999Z",
    "2026-11-24T02:17:49.155+01:00",
    "2026-11-24T02:17:49.155z",
    "2023-02-29T00:00:00Z",
    "2026-13-01T00:00:00Z",
    "2026-11-24T24:00:00Z",
    "2026-11-24T23:60:00Z",
    "2026-11-24T23:59:60Z",
    "2026-11-24T02:17:49.Z",
    "2026-11-24T02:17:49.1234567890Z",
    "2026-11-24 02:17:49Z",
    "2026-1-24T02:17:49Z",
    "+026-11-24T02:17:49Z",
    "0000-01-01T00:00:00Z",
    "2026-11-24T02:17:49",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 (texts[i], NULL);
      g_autoptr(GError) error = NULL;
      gint64 when = -42;
      gboolean read;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "at");
      json_builder_add_string_value (builder, texts[i]);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);

      read = seats_json_timestamp (json_node_get_object (root), "", "at", SEATS_JSON_REQUIRED,
                                   &when, &error);
      g_test_message ("%s", texts[i]);
      if (expected != NULL)
        {
          g_assert_no_error (error);
          g_assert_true (read);
          g_assert_cmpint (when, ==, g_date_time_to_unix (expected));
        }
      else
        {
          g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
          g_assert_false (read);
        }
    }
}

static void
test_json_hostile (void)
{
  static const char *bad[] = {
    "",
    "{\"a\": ",
    "{\"a\": 1}}",
    "not json at all",
    "\xff\xfe{}",
  };
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) shallow = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (bad[i], strlen (bad[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = seats_json_parse (bytes, &error);

      g_assert_null (root);
      g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
    }

  /* Nesting that would exhaust the stack is refused before parsing; a
   * bracket inside a string does not count. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  {
    g_autoptr(GBytes) bytes = g_bytes_new (deep->str, deep->len);
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) root = seats_json_parse (bytes, &error);

    g_assert_null (root);
    g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
  }

  g_string_append (shallow, "{\"text\": \"");
  for (guint i = 0; i < 1000; i++)
    g_string_append (shallow, "[{");
  g_string_append (shallow, "\"}");
  {
    g_autoptr(GBytes) bytes = g_bytes_new (shallow->str, shallow->len);
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) root = seats_json_parse (bytes, &error);

    g_assert_no_error (error);
    g_assert_nonnull (root);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/api/error/status-kinds", test_status_kinds);
  g_test_add_func ("/api/error/refusal-own-words", test_refusal_in_own_words);
  g_test_add_func ("/api/error/refusal-known-codes", test_refusal_known_codes);
  g_test_add_func ("/api/error/refusal-vendor-words", test_refusal_vendor_words);
  g_test_add_func ("/api/error/refusal-every-code", test_refusal_every_code);
  g_test_add_func ("/api/error/transport", test_transport_errors);
  g_test_add_func ("/api/base-uri", test_base_uri);
  g_test_add_func ("/api/retry/delay", test_retry_delay);
  g_test_add_func ("/api/retry/retry-after", test_retry_after);
  g_test_add_func ("/api/json/members", test_json_members);
  g_test_add_func ("/api/json/timestamps", test_json_timestamps);
  g_test_add_func ("/api/json/hostile", test_json_hostile);

  return g_test_run ();
}
