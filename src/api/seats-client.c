/* seats-client.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "seats-api-error-private.h"
#include "seats-api-request-private.h"
#include "seats-client.h"
#include "seats-clock.h"
#include "seats-json-private.h"

/* A page of 1,000 SCIM users is about half a megabyte; nothing the API
 * sends comes near this, so anything larger is refused unread. */
#define DEFAULT_MAX_ANSWER_SIZE  (16 * 1024 * 1024)
#define READ_CHUNK_SIZE          (64 * 1024)
#define DEFAULT_MAX_ATTEMPTS     4
#define DEFAULT_MAX_WAIT_MS      (10 * 1000)
#define REQUEST_TIMEOUT_S        8
/* However the server dribbles its answer, a request (with its retries) is
 * over after this long. */
#define DEFAULT_DEADLINE_MS      (60 * 1000)
/* Redirects within the account's own address, such as a trailing slash. */
#define MAX_REDIRECTS            5

struct _SeatsClient
{
  GObject      parent_instance;

  SoupSession *session;
  GUri        *base_uri;
  char        *base_uri_string;
  /* Held in memory only, sent in a header, never logged or written. */
  char        *token;
  /* With a user name, the token is the password of HTTP Basic. */
  char        *user_name;
  const char  *body_type;
  SeatsApiPeer peer;
  GHashTable  *extra_headers;

  gsize        max_answer_size;
  guint        max_attempts;
  guint        max_wait_ms;
  guint        deadline_ms;
};

G_DEFINE_FINAL_TYPE (SeatsClient, seats_client, G_TYPE_OBJECT)

typedef struct
{
  char         *method;
  GUri         *uri;
  GBytes       *body;
  char         *if_match;
  char         *if_none_match;
  char         *idempotency_key;

  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *buffer;

  guint         attempt;
  guint         waited_ms;
  guint         redirects;
  char         *problem_code;

  /* Cancelled by the caller's cancellable or by the deadline. */
  GCancellable *cancellable;
  GCancellable *caller;
  gulong        caller_handler;
  GSource      *deadline;
  gboolean      timed_out;

  /* For seats_client_get_decoded_async() */
  SeatsDecodeFunc  decode;
  GDestroyNotify   decoded_free;
} Request;

static void request_start (GTask *task);

static void
request_free (gpointer data)
{
  Request *request = data;

  g_free (request->method);
  g_clear_pointer (&request->uri, g_uri_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->if_match);
  g_free (request->if_none_match);
  g_free (request->idempotency_key);
  g_clear_object (&request->message);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->buffer, g_byte_array_unref);
  g_free (request->problem_code);
  if (request->caller != NULL)
    g_cancellable_disconnect (request->caller, request->caller_handler);
  g_clear_object (&request->caller);
  if (request->deadline != NULL)
    g_source_destroy (request->deadline);
  g_clear_pointer (&request->deadline, g_source_unref);
  g_clear_object (&request->cancellable);
  g_free (request);
}

/* Ends the request after its I/O was cancelled: by the caller, silently,
 * or by the deadline, as a server too slow to answer. */
static void
request_return_cancelled (GTask  *task,
                          GError *error)
{
  Request *request = g_task_get_task_data (task);

  if (request->timed_out)
    {
      g_autoptr(GError) timed_out = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "deadline");

      g_clear_error (&error);
      error = seats_api_error_from_transport_for (timed_out, SEATS_CLIENT (g_task_get_source_object (task))->peer);
    }

  g_task_return_error (task, error);
  g_object_unref (task);
}

void
seats_response_free (SeatsResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->etag);
  g_clear_pointer (&response->root, json_node_unref);
  if (response->decoded != NULL && response->decoded_free != NULL)
    response->decoded_free (response->decoded);
  g_free (response);
}

static gboolean
content_type_is (SoupMessage *message,
                 const char  *first,
                 ...)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  const char *expected = first;
  va_list args;
  gboolean found = FALSE;

  if (content_type == NULL)
    return FALSE;

  va_start (args, first);
  while (expected != NULL && !found)
    {
      found = g_ascii_strcasecmp (content_type, expected) == 0;
      expected = va_arg (args, const char *);
    }
  va_end (args);

  return found;
}

/* The server is not there to answer, or not known: a connection refused,
 * no route to it, no such name. */
static gboolean
nobody_there (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND) ||
         g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);
}

static gboolean
retry_wait_cb (gpointer data)
{
  GTask *task = data;

  Request *request = g_task_get_task_data (task);

  if (g_cancellable_is_cancelled (request->cancellable))
    {
      request_return_cancelled (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                           "cancelled"));
      return G_SOURCE_REMOVE;
    }

  request_start (task);
  return G_SOURCE_REMOVE;
}

/* Tries again after a transient failure when the policy allows it.
 * Returns FALSE if the failure is final. */
static gboolean
request_maybe_retry (GTask        *task,
                     const GError *error,
                     gint64        retry_after_ms)
{
  SeatsClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GSource) source = NULL;
  g_autoptr(GSource) cancel_source = NULL;
  guint delay;

  if (!seats_api_error_is_transient (error) || request->attempt >= self->max_attempts)
    return FALSE;

  /* A server that did not answer in time was waited for already. */
  if (g_error_matches (error, SEATS_API_ERROR, SEATS_API_ERROR_TIMEOUT))
    return FALSE;

  delay = seats_api_retry_delay_ms (request->attempt, retry_after_ms);
  if (request->waited_ms + delay > self->max_wait_ms)
    return FALSE;

  g_debug ("%s %s failed (%s); trying again in %u ms",
           request->method, g_uri_get_path (request->uri), error->message, delay);

  request->waited_ms += delay;

  source = g_timeout_source_new (delay);
  /* Cancelling, or the deadline, wakes the wait at once. */
  cancel_source = g_cancellable_source_new (request->cancellable);
  g_source_set_dummy_callback (cancel_source);
  g_source_add_child_source (source, cancel_source);
  g_source_set_callback (source, retry_wait_cb, task, NULL);
  g_source_set_name (source, "[seats] retry request");
  g_source_attach (source, g_task_get_context (task));

  return TRUE;
}

static void
request_fail (GTask  *task,
              GError *error,
              gint64  retry_after_ms)
{
  if (request_maybe_retry (task, error, retry_after_ms))
    {
      g_error_free (error);
      return;
    }

  g_task_return_error (task, error);
  g_object_unref (task);
}

/* A page of a thousand users takes json-glib longer to parse than a frame
 * lasts: it is parsed, decoded and freed in one thread of its own, so
 * that the main loop keeps drawing and receiving the next pages on the
 * other core. One thread for all: the tree never leaves it, and decoders
 * running side by side would only contend for GLib's locks. The session
 * and its I/O stay on the main context. */
typedef struct
{
  GTask         *task;
  SeatsResponse *response;
  GBytes        *bytes;
  GError        *error;
} DecodeJob;

/* Back on the request's context */
static gboolean
decode_done_cb (gpointer data)
{
  DecodeJob *job = data;
  GTask *task = job->task;
  g_autoptr(SeatsResponse) response = job->response;
  GError *error = job->error;

  g_bytes_unref (job->bytes);
  g_free (job);

  if (g_task_return_error_if_cancelled (task))
    {
      g_clear_error (&error);
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  if (response->decoded == NULL)
    {
      request_fail (task, error, -1);
      return G_SOURCE_REMOVE;
    }

  g_task_return_pointer (task, g_steal_pointer (&response), (GDestroyNotify) seats_response_free);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
decode_thread (gpointer data,
               gpointer user_data)
{
  DecodeJob *job = data;
  Request *request = g_task_get_task_data (job->task);
  g_autoptr(JsonNode) root = seats_json_parse (job->bytes, &job->error);

  if (root != NULL)
    {
      job->response->decoded = request->decode (root, &job->error);
      job->response->decoded_free = request->decoded_free;
    }

  g_main_context_invoke (g_task_get_context (job->task), decode_done_cb, job);
}

static void
request_decode (GTask         *task,
                SeatsResponse *response,
                GBytes        *bytes)
{
  static GThreadPool *pool;
  DecodeJob *job;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (decode_thread, NULL, 1, FALSE, NULL));

  job = g_new0 (DecodeJob, 1);
  job->task = task;
  job->response = response;
  job->bytes = g_bytes_ref (bytes);
  g_thread_pool_push (pool, job, NULL);
}

static void
request_complete (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  SoupMessage *message = request->message;
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  guint status = soup_message_get_status (message);
  g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&request->buffer));
  g_autoptr(SeatsResponse) response = NULL;
  g_autoptr(GDateTime) now = NULL;
  GError *error = NULL;

  if (status >= 400)
    {
      g_autoptr(JsonNode) root = NULL;
      SeatsApiProblem problem = { NULL, };
      SeatsRuleFigures figures = { 0, };
      gint64 retry_after;

      /* The problem document says why; SCIM errors carry it as detail. */
      if (g_bytes_get_size (bytes) > 0 &&
          content_type_is (message, "application/problem+json", "application/scim+json",
                           "application/json", NULL))
        {
          root = seats_json_parse (bytes, NULL);
          if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
            seats_api_problem_read (json_node_get_object (root), &problem, &figures);
        }

      g_free (request->problem_code);
      request->problem_code = g_strdup (problem.code);

      now = seats_clock_get_now (seats_clock_get_default ());
      retry_after = seats_api_parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"),
                                                 now);
      request_fail (task, seats_api_error_from_status_for (status, &problem,
                                                           SEATS_CLIENT (g_task_get_source_object (task))->peer),
                    retry_after);
      return;
    }

  response = g_new0 (SeatsResponse, 1);
  response->status = status;
  response->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));

  if (status == SOUP_STATUS_NOT_MODIFIED || status == SOUP_STATUS_NO_CONTENT)
    {
      g_task_return_pointer (task, g_steal_pointer (&response), (GDestroyNotify) seats_response_free);
      g_object_unref (task);
      return;
    }

  if (status < 200 || status >= 300)
    {
      request_fail (task, seats_json_malformed ("", NULL, "unexpected status"), -1);
      return;
    }

  if (!content_type_is (message, "application/json", "application/scim+json", NULL))
    {
      request_fail (task, seats_json_malformed ("", NULL, "not JSON"), -1);
      return;
    }

  if (request->decode != NULL)
    {
      request_decode (task, g_steal_pointer (&response), bytes);
      return;
    }

  response->root = seats_json_parse (bytes, &error);
  if (response->root == NULL)
    {
      request_fail (task, error, -1);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&response), (GDestroyNotify) seats_response_free);
  g_object_unref (task);
}

static void
request_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  SeatsClient *self = g_task_get_source_object (task);

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        request_return_cancelled (task, g_steal_pointer (&error));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
        request_fail (task, seats_json_malformed ("", NULL, "the answer was cut off"), -1);
      else
        request_fail (task, seats_api_error_from_transport_for (error, SEATS_CLIENT (g_task_get_source_object (task))->peer), -1);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_input_stream_close_async (request->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      request_complete (task);
      return;
    }

  if (request->buffer->len + g_bytes_get_size (chunk) > self->max_answer_size)
    {
      g_input_stream_close_async (request->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_error (task, seats_json_malformed ("", NULL, "the answer is too large"));
      g_object_unref (task);
      return;
    }

  g_byte_array_append (request->buffer,
                       g_bytes_get_data (chunk, NULL),
                       g_bytes_get_size (chunk));

  g_input_stream_read_bytes_async (request->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   request->cancellable,
                                   request_read_cb, task);
}

static int
port_of (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return port;

  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         port_of (a) == port_of (b);
}

/* A redirect is followed only within the account's own address and to an
 * address Seats would connect to anyway: a token is never sent elsewhere,
 * and nothing from elsewhere is read as the server's answer. Returns TRUE
 * if the request was sent again. */
static gboolean
request_follow_redirect (GTask *task)
{
  SeatsClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessage *message = request->message;
  guint status = soup_message_get_status (message);
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                       "Location");
  gboolean keeps_method = status == SOUP_STATUS_TEMPORARY_REDIRECT ||
                          status == SOUP_STATUS_PERMANENT_REDIRECT;
  g_autoptr(GUri) target = NULL;
  g_autofree char *target_text = NULL;
  GError *error = NULL;

  if (location != NULL)
    target = g_uri_parse_relative (request->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (target == NULL)
    {
      request_fail (task, seats_json_malformed ("", NULL, "a redirect without a valid Location"), -1);
      return FALSE;
    }

  target_text = g_uri_to_string_partial (target, G_URI_HIDE_USERINFO | G_URI_HIDE_QUERY |
                                                 G_URI_HIDE_FRAGMENT);
  if (!seats_api_check_base_uri (target_text, &error) || !same_origin (target, self->base_uri))
    {
      g_clear_error (&error);
      /* Translators: %s is the address the server sent Seats to */
      g_task_return_new_error (task, SEATS_API_ERROR, SEATS_API_ERROR_INSECURE,
                               _("The license server sent Seats on to another address, %s. Seats "
                                 "only talks to the account’s own address, so nothing was sent "
                                 "there and nothing was changed. Check the address with the vendor."),
                               target_text);
      g_object_unref (task);
      return FALSE;
    }

  if (request->redirects >= MAX_REDIRECTS ||
      (!keeps_method && g_strcmp0 (request->method, "GET") != 0))
    {
      request_fail (task, seats_json_malformed ("", NULL, "redirected too often or away from a change"), -1);
      return FALSE;
    }

  request->redirects++;
  request->attempt--;
  g_clear_pointer (&request->uri, g_uri_unref);
  request->uri = g_steal_pointer (&target);
  request_start (task);
  return TRUE;
}

static void
request_send_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  SeatsClient *self = g_task_get_source_object (task);
  goffset length;

  g_clear_object (&request->stream);
  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (request->stream == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          request_return_cancelled (task, g_steal_pointer (&error));
          return;
        }
      /* Nobody there: known at once, and trying again within seconds
       * rarely finds anybody. The engine tries again later. */
      if (nobody_there (error))
        {
          g_task_return_error (task, seats_api_error_from_transport_for (error, SEATS_CLIENT (g_task_get_source_object (task))->peer));
          g_object_unref (task);
          return;
        }
      request_fail (task, seats_api_error_from_transport_for (error, SEATS_CLIENT (g_task_get_source_object (task))->peer), -1);
      return;
    }

  if (SOUP_STATUS_IS_REDIRECTION (soup_message_get_status (request->message)) &&
      soup_message_get_status (request->message) != SOUP_STATUS_NOT_MODIFIED)
    {
      g_input_stream_close_async (request->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      request_follow_redirect (task);
      return;
    }

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (request->message));
  if (length > 0 && (gsize) length > self->max_answer_size)
    {
      g_input_stream_close_async (request->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_error (task, seats_json_malformed ("", NULL, "the answer is too large"));
      g_object_unref (task);
      return;
    }

  g_clear_pointer (&request->buffer, g_byte_array_unref);
  request->buffer = g_byte_array_sized_new (length > 0 ? (guint) length : 0);

  g_input_stream_read_bytes_async (request->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   request->cancellable,
                                   request_read_cb, task);
}

static void
request_start (GTask *task)
{
  SeatsClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  g_autofree char *authorization = NULL;
  GHashTableIter iter;
  gpointer key, value;

  request->attempt++;

  g_clear_object (&request->message);
  request->message = soup_message_new_from_uri (request->method, request->uri);
  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (request->message);

  if (self->user_name != NULL)
    {
      g_autofree char *credentials = g_strconcat (self->user_name, ":", self->token, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));

      memset (credentials, 0, strlen (credentials));
      authorization = g_strdup_printf ("Basic %s", encoded);
    }
  else
    authorization = g_strdup_printf ("Bearer %s", self->token);
  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "Accept",
                                "application/json, application/scim+json, application/problem+json");
  if (request->if_match != NULL)
    soup_message_headers_replace (headers, "If-Match", request->if_match);
  if (request->if_none_match != NULL)
    soup_message_headers_replace (headers, "If-None-Match", request->if_none_match);
  if (request->idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", request->idempotency_key);

  g_hash_table_iter_init (&iter, self->extra_headers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    soup_message_headers_replace (headers, key, value);

  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (request->message, self->body_type, request->body);

  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT,
                           request->cancellable,
                           request_send_cb, task);
}

static void
clear_token (SeatsClient *self)
{
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_clear_pointer (&self->token, g_free);
}

static void
seats_client_finalize (GObject *object)
{
  SeatsClient *self = (SeatsClient *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_pointer (&self->base_uri_string, g_free);
  clear_token (self);
  g_clear_pointer (&self->user_name, g_free);
  g_clear_pointer (&self->extra_headers, g_hash_table_unref);

  G_OBJECT_CLASS (seats_client_parent_class)->finalize (object);
}

static void
seats_client_class_init (SeatsClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = seats_client_finalize;
}

static void
seats_client_init (SeatsClient *self)
{
  self->max_answer_size = DEFAULT_MAX_ANSWER_SIZE;
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
  self->max_wait_ms = DEFAULT_MAX_WAIT_MS;
  self->deadline_ms = DEFAULT_DEADLINE_MS;
  self->body_type = "application/json";
  self->extra_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->session = g_object_new (SOUP_TYPE_SESSION,
                                "user-agent", "Seats/" PACKAGE_VERSION " ",
                                /* The server answers in the person's language where it can. */
                                "accept-language-auto", TRUE,
                                "timeout", REQUEST_TIMEOUT_S,
                                "idle-timeout", 60,
                                NULL);
}

/**
 * seats_client_new:
 * @base_uri: the address of the account's license server
 * @token: (nullable): the account's access token, or %NULL while it is
 *   read from the keyring: see seats_client_set_token()
 * @error: why @base_uri cannot be used
 *
 * Creates the client of one account: one #SoupSession for all its requests.
 *
 * Returns: (transfer full) (nullable): a new #SeatsClient
 */
SeatsClient *
seats_client_new (const char  *base_uri,
                  const char  *token,
                  GError     **error)
{
  g_autoptr(SeatsClient) self = NULL;
  g_autofree char *with_slash = NULL;

  g_return_val_if_fail (base_uri != NULL, NULL);

  if (!seats_api_check_base_uri (base_uri, error))
    return NULL;

  /* Paths are resolved against the base, so it must end with a slash. */
  with_slash = g_str_has_suffix (base_uri, "/") ? g_strdup (base_uri) : g_strconcat (base_uri, "/", NULL);

  self = g_object_new (SEATS_TYPE_CLIENT, NULL);
  self->base_uri = g_uri_parse (with_slash, SOUP_HTTP_URI_FLAGS, error);
  if (self->base_uri == NULL)
    return NULL;
  self->base_uri_string = g_steal_pointer (&with_slash);
  self->token = g_strdup (token);

  return g_steal_pointer (&self);
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *own)
{
  g_cancellable_cancel (own);
}

static gboolean
deadline_cb (gpointer data)
{
  Request *request = data;

  request->timed_out = TRUE;
  g_clear_pointer (&request->deadline, g_source_unref);
  g_cancellable_cancel (request->cancellable);

  return G_SOURCE_REMOVE;
}

/**
 * seats_client_set_deadline:
 * @self: a #SeatsClient
 * @deadline_ms: how long a request may take in all, its retries included
 *
 * A server that answers a byte at a time is given up on after this long,
 * with %SEATS_API_ERROR_TIMEOUT. Decoding a page that has come is not
 * counted.
 */
void
seats_client_set_deadline (SeatsClient *self,
                           guint        deadline_ms)
{
  g_return_if_fail (SEATS_IS_CLIENT (self));
  g_return_if_fail (deadline_ms > 0);

  self->deadline_ms = deadline_ms;
}

/**
 * seats_client_set_token:
 * @self: a #SeatsClient
 * @token: the account's access token
 *
 * Gives the client its token once it is read; requests before that are
 * refused as unauthorized without being sent.
 */
void
seats_client_set_token (SeatsClient *self,
                        const char  *token)
{
  g_return_if_fail (SEATS_IS_CLIENT (self));
  g_return_if_fail (token != NULL);

  clear_token (self);
  self->token = g_strdup (token);
}

/**
 * seats_client_set_user_name:
 * @self: a #SeatsClient
 * @user_name: (nullable): the user name of HTTP Basic, or %NULL for a
 *   Bearer token
 *
 * With a user name, the client authenticates with HTTP Basic, its token
 * being the password.
 */
void
seats_client_set_user_name (SeatsClient *self,
                            const char  *user_name)
{
  g_return_if_fail (SEATS_IS_CLIENT (self));

  g_free (self->user_name);
  self->user_name = g_strdup (user_name);
}

/**
 * seats_client_set_scim:
 * @self: a #SeatsClient
 *
 * The client sends bodies as `application/scim+json`, which a SCIM
 * service expects (RFC 7644 3.1).
 */
void
seats_client_set_scim (SeatsClient *self)
{
  g_return_if_fail (SEATS_IS_CLIENT (self));

  self->body_type = "application/scim+json";
  self->peer = SEATS_API_PEER_SCIM;
}

/**
 * seats_client_has_token:
 * @self: a #SeatsClient
 * @error: why nothing can be sent yet, for the person
 *
 * Returns: %TRUE once the client has its token
 */
gboolean
seats_client_has_token (SeatsClient  *self,
                        GError      **error)
{
  g_return_val_if_fail (SEATS_IS_CLIENT (self), FALSE);

  if (self->token == NULL)
    {
      g_set_error_literal (error, SEATS_API_ERROR, SEATS_API_ERROR_UNAUTHORIZED,
                           _("The access token of this account is still being read from the keyring."));
      return FALSE;
    }

  return TRUE;
}

const char *
seats_client_get_base_uri (SeatsClient *self)
{
  g_return_val_if_fail (SEATS_IS_CLIENT (self), NULL);

  return self->base_uri_string;
}

/**
 * seats_client_set_retry_policy:
 * @self: a #SeatsClient
 * @max_attempts: how often a request is tried at most, 1 or more
 * @max_wait_ms: how long one request may wait between its attempts in all
 *
 * Transient failures (offline, time-out, 429, 5xx) are retried within one
 * request up to this bound; longer waits are the sync engine's to schedule.
 */
void
seats_client_set_retry_policy (SeatsClient *self,
                               guint        max_attempts,
                               guint        max_wait_ms)
{
  g_return_if_fail (SEATS_IS_CLIENT (self));
  g_return_if_fail (max_attempts >= 1);

  self->max_attempts = max_attempts;
  self->max_wait_ms = max_wait_ms;
}

void
seats_client_set_max_answer_size (SeatsClient *self,
                                  gsize        max_size)
{
  g_return_if_fail (SEATS_IS_CLIENT (self));
  g_return_if_fail (max_size > 0);

  self->max_answer_size = max_size;
}

/**
 * seats_client_add_header:
 * @self: a #SeatsClient
 * @name: a header name
 * @value: its value
 *
 * Adds a header to every request, such as Accept-Language.
 */
void
seats_client_add_header (SeatsClient *self,
                         const char  *name,
                         const char  *value)
{
  g_return_if_fail (SEATS_IS_CLIENT (self));
  g_return_if_fail (name != NULL && value != NULL);
  g_return_if_fail (g_ascii_strcasecmp (name, "Authorization") != 0);

  g_hash_table_replace (self->extra_headers, g_strdup (name), g_strdup (value));
}

/**
 * seats_client_send_async:
 * @self: a #SeatsClient
 * @method: the HTTP method
 * @path: the path relative to the base address, with its query
 * @body: (nullable): a JSON body
 * @if_match: (nullable): the ETag the change is based on
 * @if_none_match: (nullable): the ETag of what is cached
 * @idempotency_key: (nullable): the key that makes a retry safe
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server answered or the request failed
 * @user_data: data for @callback
 *
 * Sends one request, retrying transient failures within the retry policy.
 */
static void
send_async (SeatsClient         *self,
            const char          *method,
            const char          *path,
            JsonNode            *body,
            const char          *if_match,
            const char          *if_none_match,
            const char          *idempotency_key,
            SeatsDecodeFunc      decode,
            GDestroyNotify       decoded_free,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Request *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, seats_client_send_async);

  request = g_new0 (Request, 1);
  request->decode = decode;
  request->decoded_free = decoded_free;
  request->method = g_strdup (method);
  request->if_match = g_strdup (if_match);
  request->if_none_match = g_strdup (if_none_match);
  request->idempotency_key = g_strdup (idempotency_key);
  request->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, request, request_free);

  if (cancellable != NULL)
    {
      request->caller = g_object_ref (cancellable);
      request->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                       g_object_ref (request->cancellable),
                                                       g_object_unref);
    }

  request->deadline = g_timeout_source_new (self->deadline_ms);
  g_source_set_callback (request->deadline, deadline_cb, request, NULL);
  g_source_set_static_name (request->deadline, "[seats] request deadline");
  g_source_attach (request->deadline, g_task_get_context (task));

  if (!seats_client_has_token (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  request->uri = g_uri_parse_relative (self->base_uri, path, SOUP_HTTP_URI_FLAGS, &error);
  if (request->uri == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (body != NULL)
    {
      g_autofree char *text = json_to_string (body, FALSE);
      gsize len = strlen (text);

      request->body = g_bytes_new_take (g_steal_pointer (&text), len);
    }

  request_start (g_steal_pointer (&task));
}

void
seats_client_send_async (SeatsClient         *self,
                         const char          *method,
                         const char          *path,
                         JsonNode            *body,
                         const char          *if_match,
                         const char          *if_none_match,
                         const char          *idempotency_key,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (SEATS_IS_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL && path[0] != '/');

  send_async (self, method, path, body, if_match, if_none_match, idempotency_key, NULL, NULL,
              cancellable, callback, user_data);
}

/**
 * seats_client_get_decoded_async:
 * @self: a #SeatsClient
 * @path: the path relative to the base address, with its query
 * @decode: (scope forever): turns the answer into what the caller keeps,
 *   in the client's decoding thread
 * @decoded_free: frees what @decode returns
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer was decoded or the request failed
 * @user_data: data for @callback
 *
 * GETs a large answer, such as a page of users, and parses and decodes it
 * off the main context. Finish with seats_client_send_finish(): the
 * response has @decoded set and no @root.
 */
void
seats_client_get_decoded_async (SeatsClient         *self,
                                const char          *path,
                                SeatsDecodeFunc      decode,
                                GDestroyNotify       decoded_free,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (SEATS_IS_CLIENT (self));
  g_return_if_fail (path != NULL && path[0] != '/');
  g_return_if_fail (decode != NULL);

  send_async (self, "GET", path, NULL, NULL, NULL, NULL, decode, decoded_free,
              cancellable, callback, user_data);
}

/**
 * seats_client_send_request_async:
 * @self: a #SeatsClient
 * @request: a change for the server
 * @idempotency_key: (nullable): the key kept with @request in the outbox,
 *   required when @request creates something
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server answered or the request failed
 * @user_data: data for @callback
 *
 * Sends a change; finish with seats_client_send_finish().
 */
void
seats_client_send_request_async (SeatsClient         *self,
                                 SeatsApiRequest     *request,
                                 const char          *idempotency_key,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (SEATS_IS_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (!seats_api_request_needs_key (request) || idempotency_key != NULL);

  seats_client_send_async (self,
                           seats_api_request_get_method (request),
                           seats_api_request_get_path (request),
                           seats_api_request_get_body (request),
                           seats_api_request_get_if_match (request),
                           NULL,
                           seats_api_request_needs_key (request) ? idempotency_key : NULL,
                           cancellable, callback, user_data);
}

/**
 * seats_client_send_finish:
 * @self: a #SeatsClient
 * @result: the result given to the callback
 * @problem_code: (out) (optional) (transfer full): the stable code of the
 *   server's refusal, if it gave one
 * @error: a #SEATS_API_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the answer
 */
SeatsResponse *
seats_client_send_finish (SeatsClient   *self,
                          GAsyncResult  *result,
                          char         **problem_code,
                          GError       **error)
{
  Request *request;

  g_return_val_if_fail (SEATS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  request = g_task_get_task_data (G_TASK (result));
  if (problem_code != NULL)
    *problem_code = g_strdup (request->problem_code);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
seats_client_remove_header (SeatsClient *self,
                            const char  *name)
{
  g_return_if_fail (SEATS_IS_CLIENT (self));
  g_return_if_fail (name != NULL);

  g_hash_table_remove (self->extra_headers, name);
}
