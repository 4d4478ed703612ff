/* seats-server-scim-bulk.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-server"

#include "config.h"

#include <string.h>

#include "seats-server-private.h"

/* SCIM Bulk (RFC 7644 3.7): a selection of users changed in one request.
 * Each operation is dispatched as the request it stands for would be, so
 * that it meets the same rules, leaves the same entry in the action log
 * and changes the organization's revision as that request would. The
 * Bulk is one transaction; an operation that fails is undone on its own
 * and leaves those that succeeded (3.7.3). */

static const char * const methods[] = { "POST", "PUT", "PATCH", "DELETE" };

/* The operation's method as the request it stands for would have it, or
 * NULL for one a Bulk cannot hold. */
static const char *
operation_method (const char *method)
{
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (method != NULL && g_ascii_strcasecmp (method, methods[i]) == 0)
      return methods[i];

  return NULL;
}

/* Whether @path, relative to the SCIM root, is a resource type's
 * endpoint or a resource of one, as an operation's path must be. */
static gboolean
is_resource_path (const char *path)
{
  static const char * const endpoints[] = { "/Users", "/Groups" };

  if (strchr (path, '?') != NULL || strchr (path, '#') != NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      gsize length = strlen (endpoints[i]);

      if (strncmp (path, endpoints[i], length) == 0 &&
          (path[length] == '\0' || path[length] == '/'))
        return TRUE;
    }

  return FALSE;
}

/* What is wrong with an operation itself is its own 400, answered as the
 * request it stands for would be; the others go on. */
static gboolean
check_operation (SeatsRequest *op,
                 JsonObject   *operation,
                 const char   *method,
                 const char   *path)
{
  static const SeatsFieldSpec fields[] = {
    { "method", SEATS_FIELD_STRING, TRUE, FALSE },
    { "path", SEATS_FIELD_STRING, TRUE, FALSE },
    { "bulkId", SEATS_FIELD_STRING, FALSE, FALSE },
    { "version", SEATS_FIELD_STRING, FALSE, FALSE },
    { "data", SEATS_FIELD_ANY, FALSE, FALSE },
  };

  if (operation == NULL)
    {
      seats_request_reply_problem (op, 400, "malformed-request",
                                   "Each operation must be an object.",
                                   "Operations");
      return FALSE;
    }

  if (!seats_request_check_fields (op, operation, "Operations", fields, G_N_ELEMENTS (fields)))
    return FALSE;

  if (method == NULL)
    {
      seats_request_reply_problem (op, 400, "invalid-parameter",
                                   "An operation's method is POST, PUT, PATCH or DELETE.",
                                   "method");
      return FALSE;
    }

  if (!is_resource_path (path))
    {
      seats_request_reply_invalid_path (op, "An operation's path is a resource or its endpoint "
                                            "under the SCIM root, such as /Users/{id}.");
      return FALSE;
    }

  return TRUE;
}

static void
append_member (GString    *out,
               const char *name,
               const char *value)
{
  g_string_append_printf (out, ",\"%s\":", name);
  seats_json_append_string (out, value);
}

/* Runs one operation and writes its entry of the BulkResponse. Returns
 * whether it succeeded. */
static gboolean
run_operation (SeatsServer  *self,
               SeatsRequest *req,
               JsonNode     *node,
               const char   *base,
               GString      *out)
{
  JsonObject *operation = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *data_node = operation ? json_object_get_member (operation, "data") : NULL;
  JsonObject *data = data_node && JSON_NODE_HOLDS_OBJECT (data_node)
                     ? json_node_get_object (data_node) : NULL;
  const char *given = operation ? seats_json_get_string (operation, "method") : NULL;
  const char *method = operation_method (given);
  const char *path = operation ? seats_json_get_string (operation, "path") : NULL;
  const char *bulk_id = operation ? seats_json_get_string (operation, "bulkId") : NULL;
  gboolean success;
  SeatsRequest op;

  seats_request_init_operation (&op, req, method ? method : "PATCH", path ? path : "/", data,
                                operation ? seats_json_get_string (operation, "version") : NULL);
  if (check_operation (&op, operation, method, path))
    {
      seats_server_scim_dispatch (self, &op);
      if (op.status == 0)
        seats_request_reply_not_found (&op);
    }

  success = op.status >= 200 && op.status < 300;

  g_string_append (out, "{\"method\":");
  seats_json_append_string (out, method ? method : given ? given : "");
  if (bulk_id != NULL)
    append_member (out, "bulkId", bulk_id);
  /* Where the resource is; not for a POST that created nothing (3.7.3). */
  if (path != NULL && is_resource_path (path) && (success || g_strcmp0 (method, "POST") != 0))
    {
      g_autofree char *location = g_strconcat (base, "/scim/v2", path, NULL);

      append_member (out, "location", location);
    }
  if (success && op.etag != NULL)
    append_member (out, "version", op.etag);
  g_string_append_printf (out, ",\"status\":\"%u\"", op.status);
  /* The resource after the change, or the error (3.12). */
  if (op.answer != NULL && g_bytes_get_size (op.answer) > 0)
    {
      gsize length;
      const char *answer = g_bytes_get_data (op.answer, &length);

      g_string_append (out, ",\"response\":");
      g_string_append_len (out, answer, length);
    }
  g_string_append_c (out, '}');

  seats_request_clear_operation (&op);
  return success;
}

/**
 * seats_server_scim_bulk:
 *
 * POST /scim/v2/Bulk: the operations in order, until failOnErrors of
 * them have failed, in one transaction.
 */
void
seats_server_scim_bulk (SeatsServer  *self,
                        SeatsRequest *req)
{
  static const SeatsFieldSpec fields[] = {
    { "schemas", SEATS_FIELD_ARRAY, TRUE, FALSE },
    { "Operations", SEATS_FIELD_ARRAY, TRUE, FALSE },
    { "failOnErrors", SEATS_FIELD_INT, FALSE, FALSE },
  };
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *request_hash = NULL;
  g_autofree char *base = NULL;
  const char *key;
  JsonArray *schemas;
  JsonArray *operations;
  gint64 fail_on_errors = 0;
  gboolean is_bulk = FALSE;
  guint errors = 0;
  GString *out;

  if (!seats_request_require_admin (req))
    return;

  /* RFC 7644 3.7.4: over either limit is 413, naming the limit. */
  if (body->length > SEATS_SERVER_BULK_MAX_PAYLOAD)
    {
      seats_request_reply_problem (req, 413, "body-too-large",
                                   "The bulk request is larger than maxPayloadSize ("
                                   G_STRINGIFY (SEATS_SERVER_BULK_MAX_PAYLOAD) " bytes).", NULL);
      return;
    }

  if (!seats_request_parse_body (req, SEATS_SERVER_BULK_MAX_PAYLOAD) ||
      !seats_request_check_fields (req, req->body, NULL, fields, G_N_ELEMENTS (fields)))
    return;

  schemas = json_object_get_array_member (req->body, "schemas");
  for (guint i = 0; i < json_array_get_length (schemas); i++)
    {
      JsonNode *schema = json_array_get_element (schemas, i);

      is_bulk |= JSON_NODE_HOLDS_VALUE (schema) &&
                 json_node_get_value_type (schema) == G_TYPE_STRING &&
                 g_str_equal (json_node_get_string (schema), SEATS_SCIM_BULK_REQUEST_SCHEMA);
    }
  if (!is_bulk)
    {
      seats_request_reply_problem (req, 400, "malformed-request",
                                   "The body must be a BulkRequest ("
                                   SEATS_SCIM_BULK_REQUEST_SCHEMA ").",
                                   "schemas");
      return;
    }

  operations = json_object_get_array_member (req->body, "Operations");
  if (json_array_get_length (operations) > SEATS_SERVER_BULK_MAX_OPERATIONS)
    {
      seats_request_reply_problem (req, 413, "body-too-large",
                                   "The bulk request has more operations than maxOperations ("
                                   G_STRINGIFY (SEATS_SERVER_BULK_MAX_OPERATIONS) ").",
                                   "Operations");
      return;
    }
  if (json_array_get_length (operations) == 0)
    {
      seats_request_reply_problem (req, 400, "malformed-request", "Send at least one operation.",
                                   "Operations");
      return;
    }

  if (json_object_has_member (req->body, "failOnErrors"))
    {
      fail_on_errors = json_object_get_int_member (req->body, "failOnErrors");
      if (fail_on_errors < 1)
        {
          seats_request_reply_problem (req, 400, "malformed-request",
                                       "\"failOnErrors\" must be 1 or more.", "failOnErrors");
          return;
        }
    }

  /* A retry replays the first answer, failed operations and all. */
  if (seats_server_scim_replay (req, &key, &request_hash))
    return;

  if (!seats_server_db_begin (self, &error))
    {
      seats_request_reply_db_error (req, error);
      return;
    }

  base = seats_request_base (req);
  out = g_string_new ("{\"schemas\":[\"" SEATS_SCIM_BULK_RESPONSE_SCHEMA "\"],\"Operations\":[");
  for (guint i = 0; i < json_array_get_length (operations); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      if (!run_operation (self, req, json_array_get_element (operations, i), base, out))
        errors++;

      /* The rest are not run, and not answered (3.7.3). */
      if (fail_on_errors > 0 && errors >= fail_on_errors)
        break;
    }
  g_string_append (out, "]}");
  answer = g_string_free_to_bytes (out);

  if ((key != NULL &&
       !seats_server_db_keep_answer (self, req->org->id, key, request_hash, 200, answer, NULL,
                                     &error)) ||
      !seats_server_db_commit (self, &error))
    {
      seats_server_db_rollback (self);
      seats_request_reply_db_error (req, error);
      return;
    }

  seats_request_reply_bytes (req, 200, answer, NULL);
}
