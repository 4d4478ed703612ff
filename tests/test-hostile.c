/* test-hostile.c: input from anyone, read without crashing or believing it
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "seats-api-error.h"
#include "seats-client.h"
#include "seats-json-private.h"
#include "seats-json-reader.h"
#include "seats-license.h"
#include "seats-test.h"

/* json-glib parses recursively: this many levels took the stack of every
 * reader before the depth was counted first. */
#define HOSTILE_DEPTH 150000

static char *
nested (const char *open,
        guint       depth,
        const char *close)
{
  GString *text = g_string_sized_new (depth * (strlen (open) + (close ? strlen (close) : 0)) + 1);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, open);
  for (guint i = 0; close != NULL && i < depth; i++)
    g_string_append (text, close);

  return g_string_free (text, FALSE);
}

static void
test_reader (void)
{
  static const struct {
    const char *text;
    int         code;
  } cases[] = {
    { "", SEATS_JSON_READ_ERROR_EMPTY },
    { " \n\t\r ", SEATS_JSON_READ_ERROR_EMPTY },
    { "{\"a\": \xff}", SEATS_JSON_READ_ERROR_NOT_UTF8 },
    { "{\"a\": ", SEATS_JSON_READ_ERROR_SYNTAX },
    { "[1, 2", SEATS_JSON_READ_ERROR_SYNTAX },
    { "nul", SEATS_JSON_READ_ERROR_SYNTAX },
    { "{}", -1 },
    { "[]", -1 },
    { " 42 ", -1 },
    /* Brackets in strings are not nesting. */
    { "{\"a\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"[\"}", -1 },
  };
  g_autofree char *at_limit = nested ("[", SEATS_JSON_READ_MAX_DEPTH, "]");
  g_autofree char *over_limit = nested ("[", SEATS_JSON_READ_MAX_DEPTH + 1, "]");
  g_autofree char *objects = nested ("{\"a\":", SEATS_JSON_READ_MAX_DEPTH + 1, "}");
  g_autofree char *hostile = nested ("[", HOSTILE_DEPTH, NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = seats_json_read (cases[i].text, strlen (cases[i].text), &error);

      g_test_message ("case %u", i);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (node);
        }
      else
        {
          g_assert_error (error, SEATS_JSON_READ_ERROR, cases[i].code);
          g_assert_null (node);
          g_clear_error (&error);
        }
    }

  g_assert_null (seats_json_read (NULL, 0, &error));
  g_assert_error (error, SEATS_JSON_READ_ERROR, SEATS_JSON_READ_ERROR_EMPTY);
  g_clear_error (&error);

  /* A NUL inside is not text. */
  g_assert_null (seats_json_read ("{}\0{}", 5, &error));
  g_assert_error (error, SEATS_JSON_READ_ERROR, SEATS_JSON_READ_ERROR_NOT_UTF8);
  g_clear_error (&error);

  root = seats_json_read (at_limit, strlen (at_limit), &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);

  g_assert_null (seats_json_read (over_limit, strlen (over_limit), &error));
  g_assert_error (error, SEATS_JSON_READ_ERROR, SEATS_JSON_READ_ERROR_TOO_DEEP);
  g_clear_error (&error);
  g_assert_null (seats_json_read (objects, strlen (objects), &error));
  g_assert_error (error, SEATS_JSON_READ_ERROR, SEATS_JSON_READ_ERROR_TOO_DEEP);
  g_clear_error (&error);
  g_assert_null (seats_json_read (hostile, strlen (hostile), &error));
  g_assert_error (error, SEATS_JSON_READ_ERROR, SEATS_JSON_READ_ERROR_TOO_DEEP);
}

/* The api layer's answers: the same refusals, as a malformed answer. */
static void
test_answers (void)
{
  g_autofree char *hostile = nested ("[", HOSTILE_DEPTH, NULL);
  g_autoptr(GBytes) deep = g_bytes_new (hostile, strlen (hostile));
  g_autoptr(GBytes) empty = g_bytes_new ("", 0);
  g_autoptr(GError) error = NULL;

  g_assert_null (seats_json_parse (deep, &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_null (seats_json_parse (empty, &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
}

static GDate
today (void)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 16, G_DATE_NOVEMBER, 2026);
  return date;
}

/* R9: a license file that is not one is refused with the reason, however
 * it is made, and nothing crashes: the nesting inside the file, inside the
 * signed payload, and the empty document. */
static void
test_license_files (void)
{
  g_autofree char *secret = NULL;
  g_autofree char *public = NULL;
  g_autofree char *deep_file = nested ("[", 100000, NULL);
  g_autofree char *deep_payload = nested ("[", HOSTILE_DEPTH, NULL);
  g_autofree char *signed_deep = NULL;
  g_autofree char *signed_empty = NULL;
  g_autofree char *signed_list = NULL;
  g_autoptr(GError) error = NULL;
  GDate day = today ();
  const char *not_files[] = { "", " ", "null", "[]", "{}", "\"license\"" };

  g_assert_true (seats_license_generate_key (&secret, &public, &error));
  g_assert_no_error (error);

  g_assert_null (seats_license_verify (deep_file, strlen (deep_file), public, "org-1", &day, &error));
  g_assert_error (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_MALFORMED);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (not_files); i++)
    {
      g_assert_null (seats_license_verify (not_files[i], strlen (not_files[i]), public, "org-1",
                                           &day, &error));
      g_assert_error (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_MALFORMED);
      g_clear_error (&error);
    }

  /* Signed by the vendor, and still hostile or empty inside. */
  signed_deep = seats_license_sign_payload (deep_payload, strlen (deep_payload), secret, public, &error);
  g_assert_no_error (error);
  g_assert_null (seats_license_verify (signed_deep, strlen (signed_deep), public, "org-1", &day, &error));
  g_assert_error (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_MALFORMED);
  g_clear_error (&error);

  signed_empty = seats_license_sign_payload ("", 0, secret, public, &error);
  g_assert_no_error (error);
  g_assert_null (seats_license_verify (signed_empty, strlen (signed_empty), public, "org-1", &day, &error));
  g_assert_error (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_MALFORMED);
  g_clear_error (&error);

  signed_list = seats_license_sign_payload ("[1]", 3, secret, public, &error);
  g_assert_no_error (error);
  g_assert_null (seats_license_verify (signed_list, strlen (signed_list), public, "org-1", &day, &error));
  g_assert_error (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_MALFORMED);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static SeatsResponse *
get (SeatsClient  *client,
     const char   *path,
     GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  seats_client_send_async (client, "GET", path, NULL, NULL, NULL, NULL, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return seats_client_send_finish (client, result, NULL, error);
}

static char *
listen_on (SoupServer *server,
           const char *address)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (inet, 0);
  g_autoptr(GError) error = NULL;
  GSList *uris;
  char *uri;

  g_assert_true (soup_server_listen (server, socket_address, 0, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  uri = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return uri;
}

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *location,
       const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  if (location != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
  if (json != NULL)
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
vendor_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  const char *elsewhere = user_data;

  if (g_str_equal (path, "/api/v1/elsewhere"))
    reply (msg, 302, elsewhere, NULL);
  else if (g_str_equal (path, "/api/v1/plain"))
    reply (msg, 302, "http://licenses.example.com/api/v1/account", NULL);
  else if (g_str_equal (path, "/api/v1/away"))
    reply (msg, 307, "https://licenses.example.com/api/v1/account", NULL);
  else if (g_str_equal (path, "/api/v1/moved"))
    reply (msg, 301, "/api/v1/target", NULL);
  else if (g_str_equal (path, "/api/v1/target"))
    reply (msg, 200, NULL, "{\"edition\":\"Professional\"}");
  else if (g_str_equal (path, "/api/v1/loop"))
    reply (msg, 302, "/api/v1/loop", NULL);
  else
    reply (msg, 404, NULL, NULL);
}

static void
forger_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  (*(guint *) user_data)++;
  reply (msg, 200, NULL, "{\"edition\":\"forged\"}");
}

/* A redirect never leaves the account's address: neither the token nor
 * the forged answer of another host crosses, plain HTTP or not. */
static void
test_redirects (void)
{
  g_autoptr(SoupServer) vendor = soup_server_new (NULL, NULL);
  g_autoptr(SoupServer) forger = soup_server_new (NULL, NULL);
  g_autofree char *forger_uri = listen_on (forger, "127.0.0.2");
  g_autofree char *elsewhere = g_strconcat (forger_uri, "api/v1/account", NULL);
  g_autofree char *vendor_uri = NULL;
  g_autoptr(SeatsClient) client = NULL;
  g_autoptr(SeatsResponse) moved = NULL;
  g_autoptr(GError) error = NULL;
  const char *refused[] = { "api/v1/elsewhere", "api/v1/plain", "api/v1/away" };
  guint forged = 0;

  soup_server_add_handler (vendor, NULL, vendor_cb, elsewhere, NULL);
  soup_server_add_handler (forger, NULL, forger_cb, &forged, NULL);
  vendor_uri = listen_on (vendor, "127.0.0.1");
  client = seats_client_new (vendor_uri, "seats_test-token", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(SeatsResponse) response = get (client, refused[i], &error);

      g_test_message ("%s", refused[i]);
      g_assert_null (response);
      g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_INSECURE);
      g_clear_error (&error);
    }
  g_assert_cmpuint (forged, ==, 0);

  /* Within the account's own address a redirect is followed. */
  moved = get (client, "api/v1/moved", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (moved->root), "edition"), ==,
                   "Professional");

  /* But not for ever. */
  g_assert_null (get (client, "api/v1/loop", &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
}

static void
test_slow_server (void)
{
  for (guint headers_only = 0; headers_only < 2; headers_only++)
    {
      g_autoptr(SeatsTestSlowServer) slow = seats_test_slow_server_new (headers_only);
      g_autoptr(SeatsClient) client = NULL;
      g_autoptr(GError) error = NULL;

      client = seats_client_new (seats_test_slow_server_get_uri (slow), "seats_test-token", &error);
      g_assert_no_error (error);
      /* Shorter than the real deadline, so that the test is quick; each
       * piece comes well within the session's own I/O timeout. */
      seats_client_set_deadline (client, 1500);

      g_assert_null (get (client, "api/v1/account", &error));
      g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_TIMEOUT);
      g_assert_nonnull (strstr (error->message, "Seats will try again later"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/json/reader", test_reader);
  g_test_add_func ("/hostile/json/answers", test_answers);
  g_test_add_func ("/hostile/license-files", test_license_files);
  g_test_add_func ("/hostile/redirects", test_redirects);
  g_test_add_func ("/hostile/slow-server", test_slow_server);

  return g_test_run ();
}
