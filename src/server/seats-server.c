/* seats-server.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-server"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "seats-json-reader.h"
#include "seats-license.h"
#include "seats-server-private.h"

/* The largest body any endpoint but SCIM Bulk takes (a license file); each
 * endpoint then applies its own, smaller bound. A Bulk may be as large as
 * its maxPayloadSize. */
#define EARLY_MAX_BODY        SEATS_LICENSE_MAX_FILE_SIZE
#define SLOW_FAULT_SECONDS    2
#define HUGE_FAULT_SIZE       (50 * 1024 * 1024)

G_DEFINE_FINAL_TYPE (SeatsServer, seats_server, G_TYPE_OBJECT)

G_DEFINE_QUARK (seats-server-error-quark, seats_server_error)

static const char *server_error_codes[] = {
  [SEATS_SERVER_ERROR_INTERNAL] = "internal-error",
  [SEATS_SERVER_ERROR_NOT_FOUND] = "not-found",
  [SEATS_SERVER_ERROR_MANAGED_BY_RESELLER] = "managed-by-reseller",
  [SEATS_SERVER_ERROR_EDITION_READ_ONLY] = "edition-read-only",
  [SEATS_SERVER_ERROR_READ_ONLY] = "read-only",
  [SEATS_SERVER_ERROR_NOT_COUNTABLE] = "not-countable",
  [SEATS_SERVER_ERROR_NOT_A_MODULE] = "not-a-module",
  [SEATS_SERVER_ERROR_NOT_A_TRIAL] = "not-a-trial",
};

G_STATIC_ASSERT (G_N_ELEMENTS (server_error_codes) == SEATS_SERVER_ERROR_NOT_A_TRIAL + 1);

/* An answer held back by the `slow` fault. */
typedef struct
{
  SeatsServer       *server;
  SoupServerMessage *msg;
  guint              source_id;
} DelayedAnswer;

static void
delayed_answer_free (gpointer data)
{
  DelayedAnswer *delayed = data;

  g_clear_handle_id (&delayed->source_id, g_source_remove);
  g_object_unref (delayed->msg);
  g_free (delayed);
}

void
seats_server_organization_free (SeatsServerOrganization *organization)
{
  if (organization == NULL)
    return;

  g_free (organization->slug);
  g_free (organization->name);
  g_free (organization->admin_token);
  g_free (organization->viewer_token);
  g_free (organization);
}

const char *
seats_server_error_to_code (SeatsServerError error)
{
  g_return_val_if_fail (error <= SEATS_SERVER_ERROR_NOT_A_TRIAL, "internal-error");

  return server_error_codes[error];
}

/* R10: a reseller's subscription is changed at the reseller. */
gboolean
seats_server_check_not_resold (SeatsOrg  *org,
                               GError   **error)
{
  if (org->reseller_name == NULL)
    return TRUE;

  g_set_error (error, SEATS_SERVER_ERROR, SEATS_SERVER_ERROR_MANAGED_BY_RESELLER,
               _("This subscription is managed by %s. Change it there."), org->reseller_name);
  return FALSE;
}

static void
request_free (SeatsRequest *req)
{
  g_strfreev (req->segments);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_clear_pointer (&req->org, seats_org_free);
  g_free (req->actor);
  g_clear_pointer (&req->body_root, json_node_unref);
  g_free (req->content_type);
  g_clear_pointer (&req->answer, g_bytes_unref);
  g_free (req->etag);
  g_free (req->retry_after);
  g_free (req);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsRequest, request_free)

static void
set_answer (SeatsRequest *req,
            guint         status,
            const char   *content_type,
            GBytes       *answer,
            const char   *etag)
{
  req->status = status;
  g_free (req->content_type);
  req->content_type = g_strdup (content_type);
  g_clear_pointer (&req->answer, g_bytes_unref);
  req->answer = answer ? g_bytes_ref (answer) : NULL;
  g_free (req->etag);
  req->etag = g_strdup (etag);
}

void
seats_request_reply_node (SeatsRequest *req,
                          guint         status,
                          JsonNode     *node,
                          const char   *etag)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) bytes = NULL;
  char *data;
  gsize length;

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (data, length);

  set_answer (req, status, req->scim ? "application/scim+json" : "application/json", bytes, etag);
}

/**
 * seats_request_reply_json:
 * @json: (transfer full): a JSON document written by hand
 *
 * Answers with @json as it is, for the answers too large to build as a tree.
 */
void
seats_request_reply_json (SeatsRequest *req,
                          guint         status,
                          GString      *json,
                          const char   *etag)
{
  g_autoptr(GBytes) bytes = g_string_free_to_bytes (json);

  seats_request_reply_bytes (req, status, bytes, etag);
}

void
seats_request_reply_bytes (SeatsRequest *req,
                           guint         status,
                           GBytes       *json,
                           const char   *etag)
{
  set_answer (req, status, req->scim ? "application/scim+json" : "application/json", json, etag);
}

void
seats_request_reply_builder (SeatsRequest *req,
                             guint         status,
                             JsonBuilder  *builder,
                             const char   *etag)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  seats_request_reply_node (req, status, root, etag);
}

static const char *
scim_type_for_code (const char *code)
{
  if (g_str_equal (code, "read-only"))
    return "mutability";
  if (g_str_equal (code, "invalid-filter"))
    return "invalidFilter";
  if (g_str_equal (code, "malformed-request") || g_str_equal (code, "unknown-field"))
    return "invalidSyntax";
  if (g_str_equal (code, "invalid-path"))
    return "invalidPath";
  if (g_str_equal (code, "invalid-parameter"))
    return "invalidValue";
  return NULL;
}

/**
 * seats_request_reply_problem:
 * @field: (nullable): the field of the body the problem is about
 *
 * Answers with an RFC 9457 problem, or a SCIM error on the SCIM endpoints.
 */
static void reply_problem (SeatsRequest           *req,
                           guint                   status,
                           const char             *code,
                           const char             *scim_type,
                           const char             *detail,
                           const char             *field,
                           const SeatsRuleFigures *figures);

void
seats_request_reply_problem (SeatsRequest *req,
                             guint         status,
                             const char   *code,
                             const char   *detail,
                             const char   *field)
{
  reply_problem (req, status, code, NULL, detail, field, NULL);
}

/**
 * seats_request_reply_invalid_path:
 *
 * A SCIM path that names nothing there is (RFC 7644 3.12, invalidPath):
 * to a client, a request it got wrong, code malformed-request.
 */
void
seats_request_reply_invalid_path (SeatsRequest *req,
                                  const char   *detail)
{
  reply_problem (req, 400, "malformed-request", "invalidPath", detail, "path", NULL);
}

/* A refusal's figures go along with its code, so that a client can say it
 * in its own words (the API document's RuleFigures). */
static void
add_figures (JsonBuilder            *builder,
             const SeatsRuleFigures *figures)
{
  g_autoptr(GEnumClass) floors = g_type_class_ref (SEATS_TYPE_SEAT_FLOOR);
  GEnumValue *floor = g_enum_get_value (floors, figures->seat_floor);

  json_builder_set_member_name (builder, "figures");
  json_builder_begin_object (builder);
  if (floor != NULL)
    seats_json_add_string (builder, "seat_floor", floor->value_nick);
  seats_json_add_int (builder, "requested", figures->requested);
  seats_json_add_int (builder, "counted", figures->counted);
  seats_json_add_int (builder, "minimum", figures->minimum);
  seats_json_add_int (builder, "products", figures->products);
  seats_json_add_int (builder, "surplus", figures->surplus);
  if (figures->name != NULL)
    seats_json_add_string (builder, "name", figures->name);
  json_builder_end_object (builder);
}

static void
reply_problem (SeatsRequest           *req,
               guint                   status,
               const char             *code,
               const char             *scim_type,
               const char             *detail,
               const char             *field,
               const SeatsRuleFigures *figures)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) bytes = NULL;
  char *data;
  gsize length;

  json_builder_begin_object (builder);
  if (req->scim)
    {
      g_autofree char *status_text = g_strdup_printf ("%u", status);

      if (scim_type == NULL)
        scim_type = scim_type_for_code (code);

      json_builder_set_member_name (builder, "schemas");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, SEATS_SCIM_ERROR_SCHEMA);
      json_builder_end_array (builder);
      seats_json_add_string (builder, "status", status_text);
      /* Rule refusals are values the rule does not take. */
      if (scim_type == NULL && status == 422)
        scim_type = "invalidValue";
      if (scim_type != NULL)
        seats_json_add_string (builder, "scimType", scim_type);
      seats_json_add_string (builder, "detail", detail);
      seats_json_add_string (builder, "code", code);
      if (figures != NULL)
        add_figures (builder, figures);
    }
  else
    {
      g_autofree char *type = g_strconcat ("urn:seats:problem:", code, NULL);

      seats_json_add_string (builder, "type", type);
      seats_json_add_string (builder, "title", soup_status_get_phrase (status));
      seats_json_add_int (builder, "status", status);
      seats_json_add_string (builder, "detail", detail);
      seats_json_add_string (builder, "code", code);
      if (field != NULL)
        seats_json_add_string (builder, "field", field);
      if (figures != NULL)
        add_figures (builder, figures);
      if (g_str_equal (code, "managed-by-reseller") && req->org && req->org->reseller_name)
        {
          json_builder_set_member_name (builder, "reseller");
          json_builder_begin_object (builder);
          seats_json_add_string (builder, "name", req->org->reseller_name);
          seats_json_add_string (builder, "url", req->org->reseller_url);
          json_builder_end_object (builder);
        }
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (data, length);
  set_answer (req, status, req->scim ? "application/scim+json" : "application/problem+json",
              bytes, NULL);
}

/* Rule refusals are 422 with the rule's stable code: the request was
 * understood, and the rule said no. */
void
seats_request_reply_rule_error (SeatsRequest *req,
                                const GError *error,
                                const char   *field)
{
  const char *code = "internal-error";
  guint status = 422;

  if (error->domain == SEATS_RULE_ERROR)
    code = seats_rule_error_to_code (error->code);
  else if (error->domain == SEATS_LICENSE_ERROR)
    code = seats_license_error_to_code (error->code);
  else if (error->domain == SEATS_SERVER_ERROR)
    {
      code = seats_server_error_to_code (error->code);
      if (error->code == SEATS_SERVER_ERROR_NOT_FOUND)
        status = 404;
      else if (error->code == SEATS_SERVER_ERROR_INTERNAL)
        status = 500;
    }
  else
    status = 500;

  if (status == 500)
    g_warning ("%s", error->message);

  reply_problem (req, status, code, NULL, error->message, field,
                 seats_rule_error_get_figures (error));
}

void
seats_request_reply_db_error (SeatsRequest *req,
                              const GError *error)
{
  g_warning ("%s", error->message);
  seats_request_reply_problem (req, 500, "internal-error",
                               _("The server could not complete the request. Try again later."), NULL);
}

/* Whether @header holds @etag: a comma-separated list, or "*". With @weak,
 * W/ prefixes are ignored (weak comparison, as SCIM uses it). */
static gboolean
etag_list_matches (const char *header,
                   const char *etag,
                   gboolean    weak)
{
  g_auto(GStrv) items = NULL;
  const char *want = etag;

  if (weak && g_str_has_prefix (want, "W/"))
    want += 2;

  items = g_strsplit (header, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = g_strstrip (items[i]);

      if (g_str_equal (item, "*"))
        return TRUE;
      if (weak && g_str_has_prefix (item, "W/"))
        item += 2;
      if (g_str_equal (item, want))
        return TRUE;
    }

  return FALSE;
}

gboolean
seats_request_not_modified (SeatsRequest *req,
                            const char   *etag)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *header = soup_message_headers_get_one (headers, "If-None-Match");

  if (header == NULL || !etag_list_matches (header, etag, TRUE))
    return FALSE;

  set_answer (req, 304, NULL, NULL, etag);
  return TRUE;
}

char *
seats_request_collection_etag (SeatsRequest *req)
{
  return g_strdup_printf ("\"r%" G_GINT64_FORMAT "-%s\"", req->org->revision,
                          seats_role_to_string (req->role));
}

/* What is not there: an address nothing answers at, or a resource that
 * does not exist. */
void
seats_request_reply_not_found (SeatsRequest *req)
{
  seats_request_reply_problem (req, 404, "not-found", _("There is nothing at this address."),
                               NULL);
}

/**
 * seats_request_base:
 *
 * Returns: (transfer full): the scheme, host and port the request was made
 *   to, for the locations of resources
 */
char *
seats_request_base (SeatsRequest *req)
{
  GUri *uri = soup_server_message_get_uri (req->msg);

  return g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri),
                          g_uri_get_port (uri));
}

/**
 * seats_request_init_operation:
 * @op: the operation's request, to fill in
 * @bulk: the Bulk it is an operation of
 * @method: its method: "POST", "PUT", "PATCH" or "DELETE"
 * @path: its path under /scim/v2, such as "/Users/2819c223"
 * @data: (nullable): its data: the body of the request it stands for
 * @version: (nullable): its version: the If-Match of that request
 *
 * An operation of a SCIM Bulk (RFC 7644 3.7) as a request of its own, so
 * that it goes exactly the way the request it stands for would: with the
 * Bulk's connection, organization and token, in the Bulk's transaction,
 * and with an answer of its own. Cleared with
 * seats_request_clear_operation().
 */
void
seats_request_init_operation (SeatsRequest *op,
                              SeatsRequest *bulk,
                              const char   *method,
                              const char   *path,
                              JsonObject   *data,
                              const char   *version)
{
  g_autofree char *full = g_strconcat ("scim/v2", path, NULL);

  g_assert (bulk->bulk == NULL);

  memset (op, 0, sizeof *op);
  op->server = bulk->server;
  op->msg = bulk->msg;
  op->method = method;
  op->segments = g_strsplit (full, "/", 16);
  op->n_segments = g_strv_length (op->segments);
  op->scim = TRUE;
  op->org = bulk->org;
  op->role = bulk->role;
  op->actor = bulk->actor;
  op->body = data;
  op->language = bulk->language;
  op->bulk = bulk;
  op->version = version;
}

void
seats_request_clear_operation (SeatsRequest *op)
{
  g_strfreev (op->segments);
  g_free (op->content_type);
  g_clear_pointer (&op->answer, g_bytes_unref);
  g_free (op->etag);
  g_free (op->retry_after);
  memset (op, 0, sizeof *op);
}

gboolean
seats_request_require_admin (SeatsRequest *req)
{
  if (req->role == SEATS_ROLE_ADMIN)
    return TRUE;

  seats_request_reply_problem (req, 403, "forbidden",
                               _("This token may only read. Ask an administrator of the organization."),
                               NULL);
  return FALSE;
}

gboolean
seats_request_check_if_match (SeatsRequest *req,
                              const char   *current_etag)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *header = soup_message_headers_get_one (headers, "If-Match");

  if (header == NULL)
    {
      seats_request_reply_problem (req, 428, "precondition-required",
                                   _("Send If-Match with the ETag of what you read, so that no one else's change is overwritten."),
                                   NULL);
      return FALSE;
    }

  return seats_request_check_precondition (req, header, current_etag);
}

/**
 * seats_request_check_precondition:
 * @if_match: (nullable): what the client read, as If-Match says it: ETags
 *   or "*"; %NULL for no condition
 *
 * Refuses with 412 when @if_match does not hold @current_etag. SCIM
 * compares weakly (RFC 7644 3.14).
 */
gboolean
seats_request_check_precondition (SeatsRequest *req,
                                  const char   *if_match,
                                  const char   *current_etag)
{
  if (if_match == NULL || etag_list_matches (if_match, current_etag, req->scim))
    return TRUE;

  seats_request_reply_problem (req, 412, "stale",
                               _("Someone changed this since you read it. "
                                 "Read it again and retry."),
                               NULL);
  return FALSE;
}

/**
 * seats_request_get_idempotency_key:
 * @key: (out) (nullable): the request's Idempotency-Key, or %NULL without one
 *
 * Returns: %FALSE, answered with 400, when the key is not 1 to 200
 *   characters
 */
gboolean
seats_request_get_idempotency_key (SeatsRequest  *req,
                                   const char   **key)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);

  *key = soup_message_headers_get_one (headers, "Idempotency-Key");
  if (*key == NULL || (**key != '\0' && strlen (*key) <= SEATS_SERVER_IDEMPOTENCY_KEY_MAX))
    return TRUE;

  seats_request_reply_problem (req, 400, "malformed-request",
                               "An Idempotency-Key has 1 to 200 characters.", "Idempotency-Key");
  return FALSE;
}

/**
 * seats_request_replay:
 * @key: the request's Idempotency-Key
 * @request_hash: what the request asks, as it was kept with the key
 * @reused: what to say when the key was used for another request
 *
 * Answers a request whose key the server kept an answer for as it
 * answered the first time, status, body and ETag; a key kept for another
 * request is refused with 422, code idempotency-key-reused.
 *
 * Returns: %TRUE when the request is answered
 */
gboolean
seats_request_replay (SeatsRequest *req,
                      const char   *key,
                      const char   *request_hash,
                      const char   *reused)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (req->server,
    "SELECT request_hash, status, body, etag FROM idempotency WHERE org_id = ? AND key = ?");
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *etag = NULL;
  gboolean same;
  guint status;

  sqlite3_bind_int64 (stmt, 1, req->org->id);
  seats_server_db_bind_text (stmt, 2, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return FALSE;
    }

  same = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), request_hash) == 0;
  status = sqlite3_column_int (stmt, 1);
  answer = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
  etag = seats_server_db_column_text (stmt, 3);
  sqlite3_reset (stmt);

  if (!same)
    seats_request_reply_problem (req, 422, "idempotency-key-reused", reused, NULL);
  else
    seats_request_reply_bytes (req, status, answer, etag);

  return TRUE;
}

gboolean
seats_request_parse_body (SeatsRequest *req,
                          gsize         max_size)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  const char *data;
  gsize length;

  if (body->length > (goffset) max_size)
    {
      g_autofree char *detail = g_strdup_printf ("The body may be at most %" G_GSIZE_FORMAT " bytes.",
                                                 max_size);
      seats_request_reply_problem (req, 413, "body-too-large", detail, NULL);
      return FALSE;
    }

  if (content_type == NULL ||
      (g_ascii_strcasecmp (content_type, "application/json") != 0 &&
       g_ascii_strcasecmp (content_type, "application/scim+json") != 0))
    {
      seats_request_reply_problem (req, 415, "unsupported-media-type",
                                   "The body must be application/json.", NULL);
      return FALSE;
    }

  bytes = soup_message_body_flatten (body);
  data = g_bytes_get_data (bytes, &length);

  req->body_root = seats_json_read (data, length, &error);
  if (req->body_root == NULL)
    {
      g_autofree char *detail = NULL;

      if (g_error_matches (error, SEATS_JSON_READ_ERROR, SEATS_JSON_READ_ERROR_EMPTY) ||
          g_error_matches (error, SEATS_JSON_READ_ERROR, SEATS_JSON_READ_ERROR_NOT_UTF8))
        detail = g_strdup ("The body is empty or not UTF-8 JSON.");
      else
        detail = g_strdup_printf ("The body is not valid JSON: %s.", error->message);
      seats_request_reply_problem (req, 400, "malformed-request", detail, NULL);
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (req->body_root))
    {
      seats_request_reply_problem (req, 400, "malformed-request",
                                   "The body must be a JSON object.", NULL);
      return FALSE;
    }

  req->body = json_node_get_object (req->body_root);
  return TRUE;
}

static const char *
field_type_name (SeatsFieldType type)
{
  switch (type)
    {
    case SEATS_FIELD_STRING: return "a string";
    case SEATS_FIELD_INT: return "an integer";
    case SEATS_FIELD_BOOL: return "true or false";
    case SEATS_FIELD_OBJECT: return "an object";
    case SEATS_FIELD_ARRAY: return "an array";
    case SEATS_FIELD_ANY:
    default: return "a value";
    }
}

static gboolean
field_has_type (JsonNode       *node,
                SeatsFieldType  type)
{
  switch (type)
    {
    case SEATS_FIELD_STRING:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
             g_utf8_strlen (json_node_get_string (node), -1) <= SEATS_SERVER_MAX_STRING;
    case SEATS_FIELD_INT:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
    case SEATS_FIELD_BOOL:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
    case SEATS_FIELD_OBJECT:
      return JSON_NODE_HOLDS_OBJECT (node);
    case SEATS_FIELD_ARRAY:
      return JSON_NODE_HOLDS_ARRAY (node);
    case SEATS_FIELD_ANY:
    default:
      return TRUE;
    }
}

/**
 * seats_request_check_fields:
 * @where: (nullable): the path of @object in the body, for messages
 *
 * Checks a change's object against its fields: unknown fields, missing
 * ones and wrong types are refused with 400 before anything is read.
 */
gboolean
seats_request_check_fields (SeatsRequest         *req,
                            JsonObject           *object,
                            const char           *where,
                            const SeatsFieldSpec *specs,
                            guint                 n_specs)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      gboolean known = FALSE;

      for (guint i = 0; i < n_specs && !known; i++)
        known = g_str_equal (specs[i].name, name);

      if (!known)
        {
          g_autofree char *path = where ? g_strdup_printf ("%s.%s", where, name) : g_strdup (name);
          g_autofree char *detail = g_strdup_printf ("The field \"%s\" is not known here.", path);

          seats_request_reply_problem (req, 400, "unknown-field", detail, path);
          return FALSE;
        }
    }

  for (guint i = 0; i < n_specs; i++)
    {
      g_autofree char *path = where ? g_strdup_printf ("%s.%s", where, specs[i].name)
                                    : g_strdup (specs[i].name);

      node = json_object_get_member (object, specs[i].name);
      if (node == NULL)
        {
          if (specs[i].required)
            {
              g_autofree char *detail = g_strdup_printf ("The field \"%s\" is missing.", path);

              seats_request_reply_problem (req, 400, "malformed-request", detail, path);
              return FALSE;
            }
          continue;
        }

      if (JSON_NODE_HOLDS_NULL (node) && specs[i].nullable)
        continue;

      if (!field_has_type (node, specs[i].type))
        {
          g_autofree char *detail = NULL;

          if (specs[i].type == SEATS_FIELD_STRING)
            detail = g_strdup_printf ("The field \"%s\" must be a string of at most %d characters.",
                                      path, SEATS_SERVER_MAX_STRING);
          else
            detail = g_strdup_printf ("The field \"%s\" must be %s.", path,
                                      field_type_name (specs[i].type));
          seats_request_reply_problem (req, 400, "malformed-request", detail, path);
          return FALSE;
        }
    }

  return TRUE;
}

const char *
seats_json_get_string (JsonObject *object,
                       const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gboolean
seats_request_query_uint (SeatsRequest *req,
                          const char   *name,
                          guint         fallback,
                          guint         min,
                          guint         max,
                          guint        *value)
{
  const char *text = req->query ? g_hash_table_lookup (req->query, name) : NULL;
  guint64 number;

  if (text == NULL)
    {
      *value = fallback;
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (text, 10, min, max, &number, NULL))
    {
      g_autofree char *detail = g_strdup_printf ("The parameter \"%s\" must be a number from %u to %u.",
                                                 name, min, max);
      seats_request_reply_problem (req, 400, "invalid-parameter", detail, name);
      return FALSE;
    }

  *value = (guint) number;
  return TRUE;
}

static gboolean
authenticate (SeatsServer  *self,
              SeatsRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  gint64 org_id = 0;

  if (authorization != NULL && g_ascii_strncasecmp (authorization, "Bearer ", 7) == 0 &&
      strlen (authorization) < 512)
    {
      hash = seats_server_hash_token (authorization + 7);
      stmt = seats_server_db_prepare (self, "SELECT org_id, role, label FROM tokens WHERE hash = ?");
      seats_server_db_bind_text (stmt, 1, hash);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          org_id = sqlite3_column_int64 (stmt, 0);
          seats_role_from_string ((const char *) sqlite3_column_text (stmt, 1), &req->role);
          req->actor = seats_server_db_column_text (stmt, 2);
        }
      sqlite3_reset (stmt);
    }

  if (org_id != 0)
    req->org = seats_server_db_load_org (self, org_id);

  if (req->org == NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                    "WWW-Authenticate", "Bearer realm=\"seats\"");
      seats_request_reply_problem (req, 401, "unauthorized",
                                   _("A valid token is needed: send Authorization: Bearer <token>."),
                                   NULL);
      return FALSE;
    }

  return TRUE;
}

/* The faults that answer before anything is applied. */
static gboolean
inject_early_fault (SeatsRequest *req)
{
  if (req->fault == NULL)
    return FALSE;

  if (g_str_equal (req->fault, "status-500"))
    seats_request_reply_problem (req, 500, "internal-error", "Injected fault: internal error.", NULL);
  else if (g_str_equal (req->fault, "status-429"))
    seats_request_reply_problem (req, 429, "rate-limited", "Injected fault: too many requests. Retry later.", NULL);
  else if (g_str_equal (req->fault, "status-503"))
    seats_request_reply_problem (req, 503, "unavailable", "Injected fault: the service is unavailable. Retry later.", NULL);
  else
    return FALSE;

  if (req->status == 429 || req->status == 503)
    req->retry_after = g_strdup ("1");

  return TRUE;
}

static void
write_answer (SeatsRequest *req)
{
  SoupServerMessage *msg = req->msg;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *fault = req->fault ? req->fault : "";
  const char *content_type = req->content_type;
  g_autoptr(GBytes) answer = req->answer ? g_bytes_ref (req->answer) : NULL;

  soup_server_message_set_status (msg, req->status, NULL);
  if (req->etag != NULL)
    soup_message_headers_replace (headers, "ETag", req->etag);
  if (req->retry_after != NULL)
    soup_message_headers_replace (headers, "Retry-After", req->retry_after);
  if (req->allow != NULL && req->status == 405)
    soup_message_headers_replace (headers, "Allow", req->allow);
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");

  if (g_str_equal (fault, "truncate") && answer != NULL)
    {
      g_autoptr(GBytes) half = g_bytes_new_from_bytes (answer, 0, g_bytes_get_size (answer) / 2);

      g_clear_pointer (&answer, g_bytes_unref);
      answer = g_steal_pointer (&half);
    }
  else if (g_str_equal (fault, "wrong-content-type"))
    content_type = "text/html";
  else if (g_str_equal (fault, "huge"))
    {
      char *data = g_malloc (HUGE_FAULT_SIZE);

      memset (data, ' ', HUGE_FAULT_SIZE);
      data[0] = '[';
      data[HUGE_FAULT_SIZE - 1] = ']';
      g_clear_pointer (&answer, g_bytes_unref);
      answer = g_bytes_new_take (data, HUGE_FAULT_SIZE);
    }

  if (answer != NULL && req->status != 304)
    {
      soup_message_headers_set_content_type (headers, content_type, NULL);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), answer);
    }
}

static gboolean
slow_answer_cb (gpointer user_data)
{
  DelayedAnswer *delayed = user_data;

  delayed->source_id = 0;
  soup_server_message_unpause (delayed->msg);
  g_ptr_array_remove_fast (delayed->server->delayed, delayed);

  return G_SOURCE_REMOVE;
}

static void
free_locale (gpointer data)
{
  if (data != NULL)
    freelocale ((locale_t) data);
}

static gboolean
has_catalogue (const char *language)
{
  const char *dir = bindtextdomain (GETTEXT_PACKAGE, NULL);
  g_autofree char *mo = g_strconcat (GETTEXT_PACKAGE, ".mo", NULL);
  g_autofree char *path = NULL;

  if (dir == NULL)
    return FALSE;

  path = g_build_filename (dir, language, "LC_MESSAGES", mo, NULL);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* Where a language is mostly spoken, for the name of its locale when
 * Accept-Language names no region: nl_NL, but sv_SE and da_DK. */
static char *
usual_region (const char *language)
{
  static const char * const regions[][2] = {
    { "ca", "ES" }, { "cs", "CZ" }, { "da", "DK" }, { "el", "GR" }, { "et", "EE" },
    { "eu", "ES" }, { "gl", "ES" }, { "he", "IL" }, { "ja", "JP" }, { "ko", "KR" },
    { "nb", "NO" }, { "nn", "NO" }, { "sl", "SI" }, { "sv", "SE" }, { "uk", "UA" },
    { "vi", "VN" }, { "zh", "CN" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    if (g_str_equal (language, regions[i][0]))
      return g_strdup (regions[i][1]);

  return g_ascii_strup (language, -1);
}

/* The locale for a language tag of Accept-Language ("nl", "sv-FI"), or
 * NULL where Seats has no translation for it or the system no locale. */
static locale_t
language_locale (SeatsServer *self,
                 const char  *tag,
                 const char **language)
{
  g_autofree char *lower = g_ascii_strdown (tag, -1);
  g_auto(GStrv) subtags = g_strsplit (lower, "-", 3);
  const char *primary = subtags[0];
  gpointer key = NULL;
  gpointer cached = NULL;
  locale_t locale = (locale_t) 0;

  if (primary == NULL || *primary == '\0' || strlen (primary) > 8)
    return (locale_t) 0;
  for (const char *c = primary; *c != '\0'; c++)
    if (!g_ascii_isalpha (*c))
      return (locale_t) 0;

  if (!g_hash_table_lookup_extended (self->locales, primary, &key, &cached))
    {
      if (g_str_equal (primary, "en"))
        locale = newlocale (LC_ALL_MASK, "C.UTF-8", (locale_t) 0);
      else if (has_catalogue (primary))
        {
          g_autofree char *region = subtags[1] != NULL ? g_ascii_strup (subtags[1], -1) : NULL;
          g_autofree char *region_of_language = usual_region (primary);
          g_autofree char *regional = region ? g_strdup_printf ("%s_%s.UTF-8", primary, region) : NULL;
          g_autofree char *usual = g_strdup_printf ("%s_%s.UTF-8", primary, region_of_language);

          if (regional != NULL)
            locale = newlocale (LC_ALL_MASK, regional, (locale_t) 0);
          if (locale == (locale_t) 0)
            locale = newlocale (LC_ALL_MASK, usual, (locale_t) 0);
        }

      key = g_strdup (primary);
      cached = locale;
      g_hash_table_insert (self->locales, key, cached);
    }

  if (cached != NULL)
    *language = key;

  return (locale_t) cached;
}

/* A request is answered in the first language of its Accept-Language that
 * the server has, English included; otherwise in the server's own. */
static locale_t
request_locale (SeatsServer  *self,
                SeatsRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *accept = soup_message_headers_get_list (headers, "Accept-Language");
  locale_t locale = (locale_t) 0;
  GSList *tags;

  if (accept == NULL || strlen (accept) > 1024)
    return (locale_t) 0;

  tags = soup_header_parse_quality_list (accept, NULL);
  for (GSList *l = tags; l != NULL && locale == (locale_t) 0; l = l->next)
    locale = language_locale (self, l->data, &req->language);
  soup_header_free_list (tags);

  return locale;
}

static void
route (SeatsServer  *self,
       SeatsRequest *req)
{
  if (req->n_segments >= 2 && g_str_equal (req->segments[0], "scim") &&
      g_str_equal (req->segments[1], "v2"))
    {
      req->scim = TRUE;
      seats_server_scim_dispatch (self, req);
    }
  else if (req->n_segments >= 2 && g_str_equal (req->segments[0], "api") &&
           g_str_equal (req->segments[1], "v1"))
    seats_server_api_dispatch (self, req);

  if (req->status == 0)
    seats_request_reply_not_found (req);
}

static void
server_handler_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  SeatsServer *self = SEATS_SERVER (user_data);
  g_autoptr(SeatsRequest) req = g_new0 (SeatsRequest, 1);
  g_autoptr(GError) error = NULL;
  locale_t previous_locale = (locale_t) 0;
  locale_t locale;

  req->server = self;
  req->msg = msg;
  req->method = soup_server_message_get_method (msg);
  req->segments = g_strsplit (path + (path[0] == '/'), "/", 16);
  req->n_segments = g_strv_length (req->segments);
  if (req->n_segments > 0 && *req->segments[req->n_segments - 1] == '\0')
    {
      g_clear_pointer (&req->segments[req->n_segments - 1], g_free);
      req->n_segments--;
    }
  req->query = query ? g_hash_table_ref (query) : NULL;
  /* SCIM endpoints answer SCIM errors, a missing token included (RFC 7644 3.12). */
  req->scim = req->n_segments >= 2 && g_str_equal (req->segments[0], "scim") &&
              g_str_equal (req->segments[1], "v2");

  if (self->flags & SEATS_SERVER_FLAGS_ALLOW_FAULTS)
    req->fault = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                               "X-Seats-Fault");

  /* Periods turn and deadlines pass on the server's clock, before anyone
   * reads the state of the day. */
  if (!seats_server_maintain (self, FALSE, &error))
    g_warning ("Could not turn periods: %s", error->message);

  /* What the server says, in the rules' words, is said in the language
   * the request asks for. */
  locale = request_locale (self, req);
  if (locale != (locale_t) 0)
    previous_locale = uselocale (locale);

  if (authenticate (self, req) && !inject_early_fault (req))
    route (self, req);

  if (locale != (locale_t) 0)
    uselocale (previous_locale);

  write_answer (req);
  if (req->language != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Content-Language", req->language);
  soup_message_headers_append (soup_server_message_get_response_headers (msg),
                               "Vary", "Accept-Language");

  if (req->fault != NULL && g_str_equal (req->fault, "drop-after-commit"))
    {
      g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

      if (stream != NULL)
        g_io_stream_close (stream, NULL, NULL);
    }
  else if (req->fault != NULL && g_str_equal (req->fault, "slow"))
    {
      DelayedAnswer *delayed = g_new0 (DelayedAnswer, 1);

      delayed->server = self;
      delayed->msg = g_object_ref (msg);
      /* Not g_timeout_add_seconds(): it is aligned to whole seconds and can
       * answer up to a second early; a slow answer is never early. */
      delayed->source_id = g_timeout_add (SLOW_FAULT_SECONDS * 1000, slow_answer_cb, delayed);
      g_ptr_array_add (self->delayed, delayed);
      soup_server_message_pause (msg);
    }
}

static const char too_large_body[] =
  "{\"type\":\"urn:seats:problem:body-too-large\",\"title\":\"Request Entity Too Large\","
  "\"status\":413,\"detail\":\"The body is too large.\",\"code\":\"body-too-large\"}";

/* The same as a SCIM error, for the SCIM endpoints (RFC 7644 3.12); for a
 * Bulk it names the limit (3.7.4). */
static const char too_large_scim_body[] =
  "{\"schemas\":[\"" SEATS_SCIM_ERROR_SCHEMA "\"],\"status\":\"413\","
  "\"detail\":\"The body is too large.\",\"code\":\"body-too-large\"}";
static const char too_large_bulk_body[] =
  "{\"schemas\":[\"" SEATS_SCIM_ERROR_SCHEMA "\"],\"status\":\"413\","
  "\"detail\":\"The bulk request is larger than maxPayloadSize ("
  G_STRINGIFY (SEATS_SERVER_BULK_MAX_PAYLOAD) " bytes).\",\"code\":\"body-too-large\"}";

/* Where a body goes decides how large it may be and how that is said. */
typedef enum
{
  BODY_API,
  BODY_SCIM,
  BODY_BULK,
} BodyKind;

/* After an answer written on a connection of its own: what the client is
 * still sending is read and dropped for a moment (at most a megabyte, two
 * seconds), so that closing does not reset the connection before the
 * client has read the answer. */
#define DRAIN_MAX_BYTES (1024 * 1024)
#define DRAIN_MAX_MS    2000

typedef struct
{
  GIOStream    *stream;
  GCancellable *cancellable;
  guint         timeout;
  gsize         drained;
} Drain;

static void
drain_finish (Drain *drain)
{
  g_clear_handle_id (&drain->timeout, g_source_remove);
  g_io_stream_close (drain->stream, NULL, NULL);
  g_object_unref (drain->stream);
  g_object_unref (drain->cancellable);
  g_free (drain);
}

static gboolean
drain_timeout_cb (gpointer data)
{
  Drain *drain = data;

  drain->timeout = 0;
  g_cancellable_cancel (drain->cancellable);

  return G_SOURCE_REMOVE;
}

static void
drain_skipped_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  Drain *drain = data;
  gssize skipped = g_input_stream_skip_finish (G_INPUT_STREAM (object), result, NULL);

  if (skipped <= 0 || (drain->drained += skipped) >= DRAIN_MAX_BYTES)
    {
      drain_finish (drain);
      return;
    }

  g_input_stream_skip_async (G_INPUT_STREAM (object), 64 * 1024, G_PRIORITY_DEFAULT,
                             drain->cancellable, drain_skipped_cb, drain);
}

/* Answers and closes the connection at once, without reading (more of) the
 * body: libsoup would otherwise read all of it before answering. */
static void
answer_and_close (SoupServerMessage *msg,
                  guint              status,
                  const char        *extra_header,
                  const char        *content_type,
                  const char        *body,
                  gsize              length)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  g_autofree char *head = NULL;
  GOutputStream *out;
  Drain *drain;

  if (stream == NULL)
    return;

  head = g_strdup_printf ("HTTP/1.1 %u %s\r\n%s%sContent-Type: %s\r\nContent-Length: %zu\r\n"
                          "Cache-Control: no-cache\r\nConnection: close\r\n\r\n",
                          status, soup_status_get_phrase (status),
                          extra_header ? extra_header : "", extra_header ? "\r\n" : "",
                          content_type, length);
  out = g_io_stream_get_output_stream (stream);
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, body, length, NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  if (G_IS_SOCKET_CONNECTION (stream))
    g_socket_shutdown (g_socket_connection_get_socket (G_SOCKET_CONNECTION (stream)), FALSE, TRUE, NULL);

  drain = g_new0 (Drain, 1);
  drain->stream = g_steal_pointer (&stream);
  drain->cancellable = g_cancellable_new ();
  drain->timeout = g_timeout_add (DRAIN_MAX_MS, drain_timeout_cb, drain);
  g_input_stream_skip_async (g_io_stream_get_input_stream (drain->stream), 64 * 1024, G_PRIORITY_DEFAULT,
                             drain->cancellable, drain_skipped_cb, drain);
}

static goffset
max_body (BodyKind kind)
{
  return kind == BODY_BULK ? SEATS_SERVER_BULK_MAX_PAYLOAD : EARLY_MAX_BODY;
}

static void
answer_too_large (SoupServerMessage *msg,
                  BodyKind           kind)
{
  const char *body = kind == BODY_BULK ? too_large_bulk_body
                     : kind == BODY_SCIM ? too_large_scim_body : too_large_body;

  answer_and_close (msg, 413, NULL,
                    kind == BODY_API ? "application/problem+json" : "application/scim+json",
                    body, strlen (body));
}

/* A chunked body is counted as it comes; once it is too large the
 * connection is answered and closed, and nothing more of it is read.
 * @user_data is the BodyKind. */
static void
request_chunk_cb (SoupServerMessage *msg,
                  GBytes            *chunk,
                  gpointer           user_data)
{
  if (soup_server_message_get_request_body (msg)->length <= max_body (GPOINTER_TO_INT (user_data)))
    return;

  g_signal_handlers_disconnect_by_func (msg, request_chunk_cb, user_data);
  answer_too_large (msg, GPOINTER_TO_INT (user_data));
}

/* Before any body is read: whoever sends one must have a valid token, and
 * a body is refused when its Content-Length is too large, or as soon as a
 * chunked one grows too large. */
static void
early_handler_cb (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  SeatsServer *self = SEATS_SERVER (user_data);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);
  gboolean has_body = encoding == SOUP_ENCODING_CHUNKED || encoding == SOUP_ENCODING_EOF ||
                      (encoding == SOUP_ENCODING_CONTENT_LENGTH &&
                       soup_message_headers_get_content_length (headers) > 0);
  /* SCIM endpoints answer SCIM errors, these early ones too (RFC 7644 3.12). */
  gboolean scim = g_str_equal (path, "/scim/v2") || g_str_has_prefix (path, "/scim/v2/");
  BodyKind kind = g_str_equal (path, "/scim/v2/Bulk") ? BODY_BULK : scim ? BODY_SCIM : BODY_API;

  if (!has_body)
    return;

  {
    g_autoptr(SeatsRequest) req = g_new0 (SeatsRequest, 1);

    req->server = self;
    req->msg = msg;
    req->method = soup_server_message_get_method (msg);
    req->scim = scim;
    if (!authenticate (self, req))
      {
        gsize length = 0;
        const char *body = req->answer ? g_bytes_get_data (req->answer, &length) : "";

        answer_and_close (msg, req->status, "WWW-Authenticate: Bearer realm=\"seats\"",
                          req->content_type, body, length);
        return;
      }
  }

  if (encoding == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > max_body (kind))
    {
      answer_too_large (msg, kind);
      return;
    }

  if (encoding != SOUP_ENCODING_CONTENT_LENGTH)
    g_signal_connect (msg, "got-chunk", G_CALLBACK (request_chunk_cb), GINT_TO_POINTER (kind));
}

static void
seats_server_dispose (GObject *object)
{
  SeatsServer *self = (SeatsServer *)object;

  seats_server_disconnect (self);
  g_clear_pointer (&self->delayed, g_ptr_array_unref);

  G_OBJECT_CLASS (seats_server_parent_class)->dispose (object);
}

static void
seats_server_finalize (GObject *object)
{
  SeatsServer *self = (SeatsServer *)object;

  seats_server_db_close (self);
  g_clear_pointer (&self->organizations, g_ptr_array_unref);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->secret_key, g_free);
  g_clear_pointer (&self->public_key, g_free);
  g_clear_pointer (&self->maintained_days, g_hash_table_unref);
  g_clear_pointer (&self->locales, g_hash_table_unref);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (seats_server_parent_class)->finalize (object);
}

static void
seats_server_class_init (SeatsServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seats_server_dispose;
  object_class->finalize = seats_server_finalize;
}

static void
seats_server_init (SeatsServer *self)
{
  self->organizations = g_ptr_array_new_with_free_func ((GDestroyNotify) seats_server_organization_free);
  self->delayed = g_ptr_array_new_with_free_func (delayed_answer_free);
  self->clock = g_object_ref (seats_clock_get_default ());
  self->maintained_days = g_hash_table_new (NULL, NULL);
  self->locales = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_locale);
}

/**
 * seats_server_new:
 * @db_path: the server's database file, created when missing
 * @flags: the test facilities to allow
 *
 * Returns: (transfer full): a server, not yet listening
 */
SeatsServer *
seats_server_new (const char        *db_path,
                  SeatsServerFlags   flags,
                  GError           **error)
{
  g_autoptr(SeatsServer) self = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SEATS_TYPE_SERVER, NULL);
  self->db_path = g_strdup (db_path);
  self->flags = flags;

  if (!seats_server_db_open (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * seats_server_listen:
 * @address: a loopback address ("127.0.0.1", "::1" or "localhost")
 * @port: the port, 0 for a free one
 *
 * Serves in the thread-default main context. Plain HTTP is only ever
 * served on loopback.
 *
 * Returns: (transfer full): the base URI, `http://127.0.0.1:PORT`
 */
char *
seats_server_listen (SeatsServer  *self,
                     const char   *address,
                     guint         port,
                     GError      **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *host = NULL;

  g_return_val_if_fail (SEATS_IS_SERVER (self), NULL);
  g_return_val_if_fail (address != NULL, NULL);
  g_return_val_if_fail (port <= G_MAXUINT16, NULL);

  if (g_str_equal (address, "localhost"))
    address = "127.0.0.1";

  inet = g_inet_address_new_from_string (address);
  if (inet == NULL || !g_inet_address_get_is_loopback (inet))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Refusing to serve plain HTTP on %s: only a loopback address "
                   "(127.0.0.1 or ::1) may be used without TLS", address);
      return NULL;
    }

  if (self->soup == NULL)
    {
      self->soup = soup_server_new ("server-header", "seats-server/" PACKAGE_VERSION, NULL);
      soup_server_add_early_handler (self->soup, NULL, early_handler_cb, self, NULL);
      soup_server_add_handler (self->soup, NULL, server_handler_cb, self, NULL);
    }

  socket_address = g_inet_socket_address_new (inet, port);
  if (!soup_server_listen (self->soup, socket_address, 0, error))
    return NULL;

  uris = soup_server_get_uris (self->soup);
  for (GSList *l = uris; l != NULL; l = l->next)
    port = g_uri_get_port (l->data);

  host = g_inet_address_to_string (inet);
  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("http://[%s]:%u", host, port);
  return g_strdup_printf ("http://%s:%u", host, port);
}

/**
 * seats_server_disconnect:
 *
 * Stops listening and drops held-back answers.
 */
void
seats_server_disconnect (SeatsServer *self)
{
  g_return_if_fail (SEATS_IS_SERVER (self));

  if (self->delayed != NULL)
    g_ptr_array_set_size (self->delayed, 0);

  if (self->soup != NULL)
    {
      soup_server_disconnect (self->soup);
      g_clear_object (&self->soup);
    }
}

/**
 * seats_server_get_organizations:
 *
 * Returns: (transfer container) (element-type SeatsServerOrganization): the
 *   organizations seeded in this run, with their tokens
 */
GPtrArray *
seats_server_get_organizations (SeatsServer *self)
{
  g_return_val_if_fail (SEATS_IS_SERVER (self), NULL);

  return g_ptr_array_ref (self->organizations);
}

/**
 * seats_server_export_license:
 * @slug: the organization
 *
 * Returns: (transfer full): the organization's pending license as a signed
 *   license file
 */
char *
seats_server_export_license (SeatsServer  *self,
                             const char   *slug,
                             GError      **error)
{
  g_autoptr(SeatsOrg) org = NULL;
  gint64 org_id;
  GDate today;

  g_return_val_if_fail (SEATS_IS_SERVER (self), NULL);
  g_return_val_if_fail (slug != NULL, NULL);

  org_id = seats_server_db_find_org (self, slug);
  if (org_id == 0 || (org = seats_server_db_load_org (self, org_id)) == NULL)
    {
      g_set_error (error, SEATS_SERVER_ERROR, SEATS_SERVER_ERROR_NOT_FOUND,
                   "There is no organization \"%s\"", slug);
      return NULL;
    }

  seats_server_org_today (self, org, &today);
  return seats_server_license_file (self, org, &today, error);
}
