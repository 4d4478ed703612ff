/* server-test-helper.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "seats-test.h"
#include "server-test-helper.h"

static const char *
server_path (void)
{
  const char *path = g_getenv ("SEATS_SERVER");

  g_assert_nonnull (path);
  return path;
}

/* A failed assertion aborts the test; the server must not outlive it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

TestServer *
test_server_start (const char * const *extra_args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *db = NULL;
  TestServer *server = g_new0 (TestServer, 1);
  g_autofree char *now = seats_test_clock_text ();
  char *line;

  server->dir = g_dir_make_tmp ("seats-server-test-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (server->dir, "server.db", NULL);

  g_ptr_array_add (argv, g_strdup (server_path ()));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (db));
  g_ptr_array_add (argv, g_strdup ("--listen"));
  g_ptr_array_add (argv, g_strdup ("127.0.0.1:0"));
  for (guint i = 0; extra_args && extra_args[i]; i++)
    g_ptr_array_add (argv, g_strdup (extra_args[i]));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  /* The server starts on the test's time, not the machine's, and in the
   * C locale, as a server does: it answers in the language a request asks
   * for, from the catalogues of the build tree. */
  g_subprocess_launcher_setenv (launcher, "SEATS_CLOCK", now, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANG", "C", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_setenv (launcher, "SEATS_LOCALEDIR", TEST_LOCALEDIR, TRUE);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  server->admin = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  server->viewer = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Listening on http://127.0.0.1:"));
  server->base = g_strdup (line + strlen ("Listening on "));
  g_free (line);

  /* The org lines follow at once; the process flushes them together. */
  while (g_buffered_input_stream_get_available (G_BUFFERED_INPUT_STREAM (lines)) > 0 &&
         (line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (line, " ", -1);

      g_assert_cmpuint (g_strv_length (parts), ==, 6);
      g_assert_cmpstr (parts[0], ==, "org");
      g_assert_cmpstr (parts[2], ==, "admin-token");
      g_assert_cmpstr (parts[4], ==, "viewer-token");
      g_hash_table_insert (server->admin, g_strdup (parts[1]), g_strdup (parts[3]));
      g_hash_table_insert (server->viewer, g_strdup (parts[1]), g_strdup (parts[5]));
      g_free (line);
    }

  server->session = soup_session_new_with_options ("timeout", 30, NULL);
  return server;
}

void
test_server_stop (TestServer *server)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, NULL);
  g_assert_true (g_subprocess_get_if_exited (server->process));
  g_assert_cmpint (g_subprocess_get_exit_status (server->process), ==, 0);

  dir = g_dir_open (server->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (server->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (server->dir);

  g_object_unref (server->process);
  g_object_unref (server->session);
  g_hash_table_unref (server->admin);
  g_hash_table_unref (server->viewer);
  g_free (server->dir);
  g_free (server->base);
  g_free (server);
}

/* Extra headers follow @body as name, value pairs, ended by NULL. */
TestAnswer *
test_server_request (TestServer *server,
                     const char *method,
                     const char *path,
                     const char *token,
                     const char *body,
                     ...)
{
  g_autofree char *uri = g_strconcat (server->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  TestAnswer *answer = g_new0 (TestAnswer, 1);
  const char *name;
  va_list args;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (headers, "Authorization", value);
    }

  va_start (args, body);
  while ((name = va_arg (args, const char *)) != NULL)
    soup_message_headers_replace (headers, name, va_arg (args, const char *));
  va_end (args);

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      g_autofree char *type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));

      soup_message_set_request_body_from_bytes (msg, type ? type : "application/json", bytes);
    }

  answer->body = soup_session_send_and_read (server->session, msg, NULL, &error);
  if (error != NULL)
    {
      answer->status = 0;
      return answer;
    }

  answer->status = soup_message_get_status (msg);
  headers = soup_message_get_response_headers (msg);
  answer->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  answer->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  answer->retry_after = g_strdup (soup_message_headers_get_one (headers, "Retry-After"));
  answer->headers = soup_message_headers_ref (headers);

  if (answer->content_type != NULL && strstr (answer->content_type, "json") != NULL &&
      g_bytes_get_size (answer->body) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, g_bytes_get_data (answer->body, NULL),
                                      g_bytes_get_size (answer->body), NULL))
        answer->json = json_node_copy (json_parser_get_root (parser));
    }

  return answer;
}

void
test_answer_free (TestAnswer *answer)
{
  g_free (answer->content_type);
  g_free (answer->etag);
  g_free (answer->retry_after);
  g_clear_pointer (&answer->body, g_bytes_unref);
  g_clear_pointer (&answer->json, json_node_unref);
  g_clear_pointer (&answer->headers, soup_message_headers_unref);
  g_free (answer);
}

/* "a.b.2.c": members and array indices. */
JsonNode *
test_json_find (JsonNode   *node,
                const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; parts[i] != NULL && node != NULL; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          guint64 index = g_ascii_strtoull (parts[i], NULL, 10);
          JsonArray *array = json_node_get_array (node);

          node = index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;
        }
      else
        node = NULL;
    }

  return node;
}

const char *
test_json_string (JsonNode   *node,
                  const char *path)
{
  JsonNode *found = test_json_find (node, path);

  if (found == NULL || !JSON_NODE_HOLDS_VALUE (found))
    return NULL;
  return json_node_get_string (found);
}

gint64
test_json_int (JsonNode   *node,
               const char *path)
{
  JsonNode *found = test_json_find (node, path);

  g_assert_nonnull (found);
  return json_node_get_int (found);
}

struct _TestProxy
{
  SoupServer    *soup;
  SoupSession   *session;
  char          *uri;
  char          *backend;
  gboolean       forward_language;
  char          *before_method;
  char          *before_path;
  TestProxyFunc  before;
  gpointer       before_data;
  JsonNode      *last_problem;
  char          *last_language;
};

static gboolean
is_hop_header (const char *name)
{
  static const char * const hop[] = {
    "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "TE",
    "Upgrade", "Proxy-Connection",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hop); i++)
    if (g_ascii_strcasecmp (name, hop[i]) == 0)
      return TRUE;

  return FALSE;
}

static void
proxy_handler_cb (SoupServer        *soup,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  TestProxy *proxy = user_data;
  const char *method = soup_server_message_get_method (msg);
  GUri *request_uri = soup_server_message_get_uri (msg);
  const char *query_text = g_uri_get_query (request_uri);
  g_autofree char *target = g_strconcat (proxy->backend, path + (path[0] == '/'),
                                         query_text ? "?" : "", query_text ? query_text : "", NULL);
  g_autoptr(SoupMessage) forward = soup_message_new (method, target);
  SoupMessageHeaders *in = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  g_assert_nonnull (forward);
  soup_message_headers_iter_init (&iter, in);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (is_hop_header (name) ||
          (!proxy->forward_language && g_ascii_strcasecmp (name, "Accept-Language") == 0))
        continue;
      soup_message_headers_append (soup_message_get_request_headers (forward), name, value);
    }
  if (body->length > 0)
    {
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

      soup_message_set_request_body_from_bytes (forward,
                                                soup_message_headers_get_content_type (in, NULL),
                                                bytes);
    }

  if (proxy->before != NULL && g_str_equal (method, proxy->before_method) &&
      g_str_equal (path, proxy->before_path))
    proxy->before (proxy->before_data);

  answer = soup_session_send_and_read (proxy->session, forward, NULL, &error);
  g_assert_no_error (error);

  soup_server_message_set_status (msg, soup_message_get_status (forward), NULL);
  soup_message_headers_iter_init (&iter, soup_message_get_response_headers (forward));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (!is_hop_header (name))
      soup_message_headers_append (soup_server_message_get_response_headers (msg), name, value);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), answer);

  if (soup_message_get_status (forward) >= 400)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      const char *language = soup_message_headers_get_one (soup_message_get_response_headers (forward),
                                                           "Content-Language");

      g_clear_pointer (&proxy->last_problem, json_node_unref);
      if (json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL),
                                      g_bytes_get_size (answer), NULL))
        proxy->last_problem = json_node_copy (json_parser_get_root (parser));
      g_free (proxy->last_language);
      proxy->last_language = g_strdup (language);
    }
}

TestProxy *
test_proxy_new (const char *backend)
{
  TestProxy *proxy = g_new0 (TestProxy, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  proxy->backend = g_str_has_suffix (backend, "/") ? g_strdup (backend)
                                                   : g_strconcat (backend, "/", NULL);
  proxy->forward_language = TRUE;
  proxy->session = soup_session_new_with_options ("timeout", 30, NULL);
  proxy->soup = soup_server_new (NULL, NULL);
  soup_server_add_handler (proxy->soup, NULL, proxy_handler_cb, proxy, NULL);
  soup_server_listen_local (proxy->soup, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (proxy->soup);
  g_assert_nonnull (uris);
  proxy->uri = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return proxy;
}

void
test_proxy_free (TestProxy *proxy)
{
  soup_server_disconnect (proxy->soup);
  g_clear_object (&proxy->soup);
  g_clear_object (&proxy->session);
  g_clear_pointer (&proxy->last_problem, json_node_unref);
  g_free (proxy->last_language);
  g_free (proxy->before_method);
  g_free (proxy->before_path);
  g_free (proxy->backend);
  g_free (proxy->uri);
  g_free (proxy);
}

const char *
test_proxy_get_uri (TestProxy *proxy)
{
  return proxy->uri;
}

void
test_proxy_set_before (TestProxy     *proxy,
                       const char    *method,
                       const char    *path,
                       TestProxyFunc  before,
                       gpointer       user_data)
{
  g_free (proxy->before_method);
  g_free (proxy->before_path);
  proxy->before_method = g_strdup (method);
  proxy->before_path = g_strdup (path);
  proxy->before = before;
  proxy->before_data = user_data;
}

void
test_proxy_set_forward_language (TestProxy *proxy,
                                 gboolean   forward)
{
  proxy->forward_language = forward;
}

JsonNode *
test_proxy_get_last_problem (TestProxy *proxy)
{
  return proxy->last_problem;
}

const char *
test_proxy_get_last_language (TestProxy *proxy)
{
  return proxy->last_language;
}

/* Somebody else activates one of the organization's inactive users. */
void
test_server_activate_one_user (TestServer *server,
                               const char *token)
{
  g_autoptr(TestAnswer) inactive = NULL;
  g_autoptr(TestAnswer) activated = NULL;
  g_autofree char *path = NULL;

  inactive = test_server_request (server, "GET", "/scim/v2/Users?count=1&filter=active%20eq%20false",
                                  token, NULL, NULL);
  g_assert_cmpuint (inactive->status, ==, 200);
  path = g_strconcat ("/scim/v2/Users/", test_json_string (inactive->json, "Resources.0.id"), NULL);

  activated = test_server_request (server, "PATCH", path, token,
    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
    "\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":true}}]}",
    "If-Match", "*", "Content-Type", "application/scim+json", NULL);
  g_assert_cmpuint (activated->status, ==, 200);
}
