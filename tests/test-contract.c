/* test-contract.c: the reference server held to the API document
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "schema-check.h"
#include "seats-server.h"
#include "seats-test.h"

/* Every operation of data/api/seats-api.json is called over HTTP against an
 * in-process seats-server with the demo organizations, and every answer is
 * checked against the document: its status must be one the operation
 * documents, its content type one the response lists, its body valid under
 * the response's schema (no member the schema does not allow), its headers
 * present, and any `code` one of the document's codes. The last test fails
 * when an operation of the document was not called, or never succeeded. */

#define PATCH_BODY(active) \
  "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]," \
  "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":" active "}]}"

#define BULK_BODY(id, active) \
  "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"]," \
  "\"Operations\":[{\"method\":\"PATCH\",\"path\":\"/Users/" id "\",\"bulkId\":\"one\"," \
  "\"data\":" PATCH_BODY (active) "}]}"

#define BILLING_BODY \
  "{\"contact\":{\"user_id\":null,\"email\":\"boekhouding@demolen.example\"}," \
  "\"postal_address\":{\"street\":\"Molenstraat 12\",\"postal_code\":\"3811 GH\"," \
  "\"city\":\"Amersfoort\",\"country\":\"Nederland\"}," \
  "\"e_invoicing\":{\"enabled\":true,\"address\":\"0106:12345678\",\"operator_code\":\"PEPPOL\"}}"

#define TRIAL_BODY \
  "{\"serial_number\":\"ABCD-1234-EFGH-5678\",\"license_owner\":\"Bakkerij Van Dijk\"}"

typedef struct
{
  guint               status;
  char               *content_type;
  SoupMessageHeaders *headers;
  GBytes             *body;
  JsonNode           *json;
} Answer;

static JsonNode *document;
static SeatsServer *server;
static char *server_dir;
static char *base_uri;
static GPtrArray *organizations;
static SoupSession *session;

/* "METHOD template" -> the set of statuses seen, as "200" strings. */
static GHashTable *exercised;

/* Real ids of the demo data, for the paths' parameters. */
static char *user_id;
static char *holder_ids[2];
static char *upstream_id;
static char *license_file;

static void
answer_free (Answer *answer)
{
  g_free (answer->content_type);
  g_clear_pointer (&answer->headers, soup_message_headers_unref);
  g_clear_pointer (&answer->body, g_bytes_unref);
  g_clear_pointer (&answer->json, json_node_unref);
  g_free (answer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Answer, answer_free)

static const char *
token_of (const char *slug,
          gboolean    admin)
{
  for (guint i = 0; i < organizations->len; i++)
    {
      SeatsServerOrganization *organization = g_ptr_array_index (organizations, i);

      if (g_str_equal (organization->slug, slug))
        return admin ? organization->admin_token : organization->viewer_token;
    }

  g_assert_not_reached ();
}

#define ADMIN(slug)  token_of ((slug), TRUE)
#define VIEWER(slug) token_of ((slug), FALSE)

static JsonObject *
object_at (JsonObject *object,
           const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* A response or parameter may be a $ref into the components. */
static JsonObject *
deref (JsonObject *object)
{
  if (object != NULL && json_object_has_member (object, "$ref"))
    {
      JsonNode *target = schema_check_resolve (document, json_object_get_string_member (object, "$ref"));

      g_assert_nonnull (target);
      return json_node_get_object (target);
    }

  return object;
}

static JsonObject *
operation (const char *method,
           const char *template)
{
  g_autofree char *lower = g_ascii_strdown (method, -1);
  JsonObject *paths = object_at (json_node_get_object (document), "paths");

  return object_at (object_at (paths, template), lower);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* One request over HTTP; the server answers from the same main context. */
static Answer *
request_va (const char *method,
            const char *path,
            const char *token,
            const char *body,
            va_list     headers)
{
  g_autofree char *uri = g_strconcat (base_uri, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *request_headers;
  Answer *answer = g_new0 (Answer, 1);
  const char *content_type = "application/json";
  const char *name;

  g_assert_nonnull (message);
  request_headers = soup_message_get_request_headers (message);
  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (request_headers, "Authorization", bearer);
    }

  while ((name = va_arg (headers, const char *)) != NULL)
    {
      const char *value = va_arg (headers, const char *);

      if (g_ascii_strcasecmp (name, "Content-Type") == 0)
        content_type = value;
      else
        soup_message_headers_replace (request_headers, name, value);
    }

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, content_type, bytes);
    }

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  answer->body = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  answer->status = soup_message_get_status (message);
  answer->headers = soup_message_headers_ref (soup_message_get_response_headers (message));
  answer->content_type = g_strdup (soup_message_headers_get_content_type (answer->headers, NULL));

  if (g_bytes_get_size (answer->body) > 0 && answer->content_type != NULL &&
      g_str_has_suffix (answer->content_type, "json"))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize size;
      const char *data = g_bytes_get_data (answer->body, &size);

      json_parser_load_from_data (parser, data, size, &error);
      g_assert_no_error (error);
      answer->json = json_node_ref (json_parser_get_root (parser));
    }

  return answer;
}

static gboolean
code_is_documented (const char *code)
{
  JsonObject *root = json_node_get_object (document);
  JsonArray *protocol = json_object_get_array_member (root, "x-seats-protocol-codes");

  if (json_object_has_member (object_at (root, "x-seats-rule-codes"), code))
    return TRUE;

  for (guint i = 0; i < json_array_get_length (protocol); i++)
    if (g_str_equal (json_array_get_string_element (protocol, i), code))
      return TRUE;

  return FALSE;
}

/* Whether the query of @path names the parameter @name. */
static gboolean
has_parameter (const char *path,
               const char *name)
{
  const char *query = strchr (path, '?');
  g_autoptr(GHashTable) parameters = query ? soup_form_decode (query + 1) : NULL;

  return parameters != NULL && g_hash_table_contains (parameters, name);
}

/* The heart of it: @answer against what the document says of @template. */
static void
check_answer (const char *method,
              const char *template,
              const char *path,
              Answer     *answer)
{
  JsonObject *op = operation (method, template);
  JsonObject *responses;
  JsonObject *response;
  JsonObject *content;
  JsonObject *headers;
  g_autofree char *status = g_strdup_printf ("%u", answer->status);
  g_autofree char *key = g_strdup_printf ("%s %s", method, template);
  GHashTable *statuses;

  if (op == NULL)
    g_error ("%s is not in the document", key);

  responses = object_at (op, "responses");
  response = deref (object_at (responses, status));
  if (response == NULL)
    g_error ("%s answered %s, which the document does not list for it", key, status);

  content = object_at (response, "content");
  if (content == NULL)
    {
      if (g_bytes_get_size (answer->body) != 0)
        g_error ("%s answered %s with a body, where the document has none", key, status);
    }
  else
    {
      JsonObject *media;
      g_autoptr(GError) error = NULL;

      if (answer->content_type == NULL || !json_object_has_member (content, answer->content_type))
        g_error ("%s answered %s as %s, which the document does not list", key, status,
                 answer->content_type ? answer->content_type : "(nothing)");
      g_assert_nonnull (answer->json);

      media = object_at (content, answer->content_type);
      if (!schema_check_validate (document, json_object_get_member (media, "schema"), answer->json, &error))
        g_error ("%s answered %s against its schema: %s", key, status, error->message);

      /* A resource in part is only for who asks for part (RFC 7644 3.9). */
      if (json_object_has_member (media, "x-seats-without-attributes") &&
          !has_parameter (path, "attributes") && !has_parameter (path, "excludedAttributes") &&
          !schema_check_validate (document, json_object_get_member (media, "x-seats-without-attributes"),
                                  answer->json, &error))
        g_error ("%s answered %s, not asked for part, against its whole schema: %s", key, status,
                 error->message);
    }

  headers = object_at (response, "headers");
  if (headers != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (headers);

      for (GList *l = names; l != NULL; l = l->next)
        if (soup_message_headers_get_one (answer->headers, l->data) == NULL)
          g_error ("%s answered %s without the %s header", key, status, (const char *) l->data);
    }

  if (answer->json != NULL && JSON_NODE_HOLDS_OBJECT (answer->json))
    {
      JsonObject *object = json_node_get_object (answer->json);

      if (json_object_has_member (object, "code"))
        {
          const char *code = json_object_get_string_member (object, "code");

          if (!code_is_documented (code))
            g_error ("%s answered the code \"%s\", which the document does not list", key, code);
        }
    }

  statuses = g_hash_table_lookup (exercised, key);
  if (statuses == NULL)
    {
      statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (exercised, g_strdup (key), statuses);
    }
  g_hash_table_add (statuses, g_steal_pointer (&status));
}

/* A request to the operation @template names, checked against the document.
 * @path is the concrete path (with a query, if any); NULL for @template. */
static Answer *
call (const char *method,
      const char *template,
      const char *path,
      const char *token,
      const char *body,
      ...) G_GNUC_NULL_TERMINATED;

static Answer *
call (const char *method,
      const char *template,
      const char *path,
      const char *token,
      const char *body,
      ...)
{
  Answer *answer;
  va_list headers;

  va_start (headers, body);
  answer = request_va (method, path ? path : template, token, body, headers);
  va_end (headers);

  check_answer (method, template, path ? path : template, answer);
  return answer;
}

static const char *
json_string (JsonNode   *node,
             const char *member)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_get_string_member (json_node_get_object (node), member);
}

static void
assert_code (Answer     *answer,
             guint       status,
             const char *code)
{
  if (answer->status != status || answer->json == NULL ||
      g_strcmp0 (json_string (answer->json, "code"), code) != 0)
    g_error ("expected %u %s, got %u: %.*s", status, code, answer->status,
             (int) g_bytes_get_size (answer->body), (const char *) g_bytes_get_data (answer->body, NULL));
}

/* The operation's path with real ids for its parameters. */
static char *
concrete_path (const char *template)
{
  g_autoptr(GString) path = g_string_new (template);

  if (g_str_has_prefix (template, "/scim/v2/Users/"))
    g_string_replace (path, "{id}", user_id, 0);
  else if (g_str_has_prefix (template, "/scim/v2/Schemas/"))
    g_string_replace (path, "{id}", "urn:ietf:params:scim:schemas:extension:seats:2.0:User", 0);
  else if (g_str_has_prefix (template, "/scim/v2/ResourceTypes/"))
    g_string_replace (path, "{id}", "User", 0);
  else if (g_str_has_prefix (template, "/api/v1/products/{id}/assignments"))
    {
      g_string_replace (path, "{id}", "scheduling", 0);
      g_string_replace (path, "{userId}", holder_ids[0], 0);
    }
  else if (g_str_has_prefix (template, "/api/v1/products/"))
    g_string_replace (path, "{id}", "seats", 0);
  else if (g_str_has_prefix (template, "/api/v1/features/"))
    g_string_replace (path, "{id}", "sms-reminders", 0);
  else if (g_str_has_prefix (template, "/api/v1/_upstream/users/"))
    g_string_replace (path, "{id}", upstream_id ? upstream_id : "no-such-user", 0);

  g_assert_null (strchr (path->str, '{'));

  if (g_str_equal (template, "/api/v1/users/deletions") || g_str_equal (template, "/api/v1/delta"))
    g_string_append (path, "?since=2000-01-01T00:00:00Z");

  return g_string_free (g_steal_pointer (&path), FALSE);
}

/* Each operation of the document, in its order, as method and path. */
typedef void (*OperationFunc) (const char *method,
                               const char *template,
                               JsonObject *op);

static void
foreach_operation (OperationFunc func)
{
  JsonObject *paths = object_at (json_node_get_object (document), "paths");
  g_autoptr(GList) templates = json_object_get_members (paths);

  for (GList *t = templates; t != NULL; t = t->next)
    {
      JsonObject *item = object_at (paths, t->data);
      g_autoptr(GList) methods = json_object_get_members (item);

      for (GList *m = methods; m != NULL; m = m->next)
        {
          g_autofree char *upper = g_ascii_strup (m->data, -1);

          if (g_str_equal (m->data, "parameters"))
            continue;
          func (upper, t->data, object_at (item, m->data));
        }
    }
}

static gboolean
documents (JsonObject *op,
           guint       status)
{
  g_autofree char *text = g_strdup_printf ("%u", status);

  return json_object_has_member (object_at (op, "responses"), text);
}

/* The media type of an operation's request body, NULL without one. */
static const char *
request_media_type (JsonObject *op)
{
  JsonObject *content = object_at (deref (object_at (op, "requestBody")), "content");
  g_autoptr(GList) types = content ? json_object_get_members (content) : NULL;

  return types ? types->data : NULL;
}

static char *bulk_body;

/* A body each change accepts, for the refusals that come before a rule. */
static const char *
valid_body (const char *method,
            const char *template)
{
  if (g_str_equal (template, "/scim/v2/Users/{id}"))
    return PATCH_BODY ("true");
  if (g_str_equal (template, "/scim/v2/Bulk"))
    return bulk_body;
  if (g_str_equal (template, "/api/v1/subscription/edition"))
    return "{\"edition\":\"Enterprise\"}";
  if (g_str_equal (template, "/api/v1/products/{id}/next-period"))
    return "{\"count\":40}";
  if (g_str_equal (template, "/api/v1/orders"))
    return "{\"product_id\":\"imaging\",\"quantity\":1}";
  if (g_str_equal (template, "/api/v1/features/{id}"))
    return "{\"enabled\":true}";
  if (g_str_equal (template, "/api/v1/billing"))
    return BILLING_BODY;
  if (g_str_equal (template, "/api/v1/license/import"))
    return license_file;
  if (g_str_equal (template, "/api/v1/trial/convert"))
    return TRIAL_BODY;
  if (g_str_equal (template, "/api/v1/_clock"))
    return "{\"advance_days\":0}";
  if (g_str_equal (template, "/api/v1/_upstream/users"))
    return "{\"userName\":\"nieuw@demolen.example\",\"givenName\":\"Nina\","
           "\"familyName\":\"Nieuw\",\"email\":\"nieuw@demolen.example\"}";

  return NULL;
}

/* The validator itself: what it must refuse. */
static void
test_validator (void)
{
  static const struct { const char *schema; const char *value; gboolean valid; } cases[] = {
    { "{\"$ref\":\"#/components/schemas/Money\"}", "{\"amount\":100,\"currency\":\"EUR\"}", TRUE },
    { "{\"$ref\":\"#/components/schemas/Money\"}", "{\"amount\":100,\"currency\":\"EUR\",\"x\":1}", FALSE },
    { "{\"$ref\":\"#/components/schemas/Money\"}", "{\"amount\":100}", FALSE },
    { "{\"$ref\":\"#/components/schemas/Money\"}", "{\"amount\":1.5,\"currency\":\"EUR\"}", FALSE },
    { "{\"$ref\":\"#/components/schemas/Money\"}", "{\"amount\":100,\"currency\":\"eur\"}", FALSE },
    { "{\"$ref\":\"#/components/schemas/Period\"}", "{\"start\":\"2026-02-01\",\"end\":\"2026-03-01\",\"months\":1}", TRUE },
    { "{\"$ref\":\"#/components/schemas/Period\"}", "{\"start\":\"2026-02-30\",\"end\":\"2026-03-01\",\"months\":1}", FALSE },
    { "{\"$ref\":\"#/components/schemas/Period\"}", "{\"start\":\"2026-2-01\",\"end\":\"2026-03-01\",\"months\":1}", FALSE },
    { "{\"$ref\":\"#/components/schemas/Period\"}", "{\"start\":\"2026-02-01\",\"end\":\"2026-03-01\",\"months\":0}", FALSE },
    { "{\"$ref\":\"#/components/schemas/Clock\"}", "{\"now\":\"2026-02-01T10:00:00Z\",\"today\":\"2026-02-01\"}", TRUE },
    { "{\"$ref\":\"#/components/schemas/Clock\"}", "{\"now\":\"2026-02-01 10:00:00\",\"today\":\"2026-02-01\"}", FALSE },
    { "{\"$ref\":\"#/components/schemas/Clock\"}", "{\"now\":\"2026-02-01T10:00:00\",\"today\":\"2026-02-01\"}", FALSE },
    { "{\"$ref\":\"#/components/schemas/Contact\"}", "{\"user_id\":null,\"email\":\"a@b.example\"}", TRUE },
    { "{\"$ref\":\"#/components/schemas/Contact\"}", "{\"user_id\":3,\"email\":null}", FALSE },
    { "{\"$ref\":\"#/components/schemas/Invoice\"}", "{\"id\":\"1\",\"number\":\"1\",\"issued\":\"2026-01-01\","
      "\"due\":\"2026-01-15\",\"amount\":{\"amount\":1,\"currency\":\"EUR\"},\"status\":\"late\","
      "\"description\":\"x\"}", FALSE },
    { "{\"$ref\":\"#/components/schemas/Reseller\"}", "{\"name\":\"x\",\"url\":\"not a uri\"}", FALSE },
    { "{\"$ref\":\"#/components/schemas/TrialConversion\"}", "{\"serial_number\":\"x\",\"license_owner\":\"y\"}", TRUE },
    { "{\"anyOf\":[{\"$ref\":\"#/components/schemas/Trial\"},{\"type\":\"null\"}]}", "null", TRUE },
    { "{\"anyOf\":[{\"$ref\":\"#/components/schemas/Trial\"},{\"type\":\"null\"}]}", "{}", FALSE },
    { "{\"oneOf\":[{\"type\":\"integer\"},{\"type\":\"number\"}]}", "3", FALSE },
    { "{\"oneOf\":[{\"type\":\"integer\"},{\"type\":\"number\"}]}", "3.5", TRUE },
    { "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}", "[\"a\",2]", FALSE },
    { "{\"type\":\"string\",\"maxLength\":3}", "\"äöü\"", TRUE },
    { "{\"type\":\"string\",\"maxLength\":3}", "\"äöüx\"", FALSE },
    { "{\"type\":\"integer\",\"maximum\":10}", "11", FALSE },
    { "{\"$ref\":\"#/components/schemas/Nothing\"}", "1", FALSE },
    { "{\"type\":\"string\",\"multipleOf\":2}", "\"x\"", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) schema = json_from_string (cases[i].schema, NULL);
      g_autoptr(JsonNode) value = json_from_string (cases[i].value, NULL);
      g_autoptr(GError) error = NULL;
      gboolean valid;

      g_assert_nonnull (schema);
      g_assert_nonnull (value);
      valid = schema_check_validate (document, schema, value, &error);
      if (valid != cases[i].valid)
        g_error ("case %u: %s under %s: %s", i, cases[i].value, cases[i].schema,
                 error ? error->message : "valid");
      g_assert_true (valid == (error == NULL));
    }
}

/* 401 for every operation, without a token. */
static void
unauthorized_cb (const char *method,
                 const char *template,
                 JsonObject *op)
{
  g_autofree char *path = concrete_path (template);
  g_autoptr(Answer) answer = call (method, template, path, NULL, valid_body (method, template), NULL);

  assert_code (answer, 401, "unauthorized");
  g_assert_nonnull (soup_message_headers_get_one (answer->headers, "WWW-Authenticate"));
}

static void
test_unauthorized (void)
{
  foreach_operation (unauthorized_cb);
}

static gboolean never_succeeds (JsonObject *op);

/* Every read, and 304 with its ETag. */
static void
read_cb (const char *method,
         const char *template,
         JsonObject *op)
{
  g_autofree char *path = NULL;
  g_autoptr(Answer) answer = NULL;
  const char *etag;

  if (!g_str_equal (method, "GET") || never_succeeds (op))
    return;

  path = concrete_path (template);
  answer = call (method, template, path, ADMIN ("demolen"), NULL, NULL);
  g_assert_cmpuint (answer->status, ==, 200);

  etag = soup_message_headers_get_one (answer->headers, "ETag");
  if (documents (op, 304))
    {
      g_autoptr(Answer) again = NULL;
      g_autoptr(Answer) sync = NULL;
      const char *validator = etag;

      /* A product's ETag is its version; its description says that
       * If-None-Match takes the organization's collection ETag. */
      if (g_str_equal (template, "/api/v1/products/{id}"))
        {
          sync = call ("GET", "/api/v1/sync", NULL, ADMIN ("demolen"), NULL, NULL);
          validator = soup_message_headers_get_one (sync->headers, "ETag");
        }

      g_assert_nonnull (etag);
      again = call (method, template, path, ADMIN ("demolen"), NULL, "If-None-Match", validator, NULL);
      if (again->status != 304)
        g_error ("%s %s answered %u to If-None-Match: %s", method, path, again->status, validator);
      g_assert_cmpstr (soup_message_headers_get_one (again->headers, "ETag"), ==, etag);
    }
}

static void
test_reads (void)
{
  g_autoptr(Answer) delta = NULL;
  g_autoptr(Answer) sync = NULL;
  g_autoptr(Answer) missing = NULL;
  g_autoptr(Answer) no_user = NULL;
  g_autoptr(Answer) bad_filter = NULL;
  g_autoptr(Answer) bad_since = NULL;
  g_autoptr(Answer) bad_limit = NULL;
  g_autofree char *delta_path = NULL;
  g_autofree char *escaped = NULL;

  foreach_operation (read_cb);

  /* The delta of an unchanged organization is an empty page. */
  sync = call ("GET", "/api/v1/sync", NULL, ADMIN ("demolen"), NULL, NULL);
  escaped = g_uri_escape_string (json_string (sync->json, "now"), NULL, FALSE);
  delta_path = g_strdup_printf ("/scim/v2/Users?filter=meta.lastModified%%20gt%%20%%22%s%%22", escaped);
  delta = call ("GET", "/scim/v2/Users", delta_path, ADMIN ("demolen"), NULL, NULL);
  g_assert_cmpuint (delta->status, ==, 200);

  missing = call ("GET", "/api/v1/products/{id}", "/api/v1/products/no-such-product",
                  ADMIN ("demolen"), NULL, NULL);
  assert_code (missing, 404, "not-found");
  no_user = call ("GET", "/scim/v2/Users/{id}", "/scim/v2/Users/no-such-user", ADMIN ("demolen"), NULL, NULL);
  assert_code (no_user, 404, "not-found");

  bad_filter = call ("GET", "/scim/v2/Users", "/scim/v2/Users?filter=nonsense", ADMIN ("demolen"), NULL, NULL);
  g_assert_cmpuint (bad_filter->status, ==, 400);

  /* In part, as asked (RFC 7644 3.9). */
  {
    g_autofree char *path = g_strdup_printf ("/scim/v2/Users/%s?attributes=userName,meta.version", user_id);
    g_autoptr(Answer) part = call ("GET", "/scim/v2/Users/{id}", path, ADMIN ("demolen"), NULL, NULL);
    g_autoptr(Answer) page = call ("GET", "/scim/v2/Users",
                                   "/scim/v2/Users?count=2&excludedAttributes=urn:ietf:params:scim:schemas:extension:seats:2.0:User",
                                   ADMIN ("demolen"), NULL, NULL);
    g_autoptr(Answer) both = call ("GET", "/scim/v2/Users", "/scim/v2/Users?attributes=id&excludedAttributes=meta",
                                   ADMIN ("demolen"), NULL, NULL);

    g_assert_cmpuint (part->status, ==, 200);
    g_assert_false (json_object_has_member (json_node_get_object (part->json), "active"));
    g_assert_cmpuint (page->status, ==, 200);
    assert_code (both, 400, "invalid-parameter");
  }

  /* A fully qualified name, in another case (RFC 7644 3.10, RFC 7643 4.1.1). */
  {
    g_autoptr(Answer) all = call ("GET", "/scim/v2/Users", "/scim/v2/Users?count=1", ADMIN ("demolen"), NULL, NULL);
    g_autofree char *name = g_ascii_strup (json_object_get_string_member (
      json_array_get_object_element (json_object_get_array_member (json_node_get_object (all->json), "Resources"), 0),
      "userName"), -1);
    g_autofree char *filter = g_strdup_printf ("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"%s\"", name);
    g_autofree char *escaped_filter = g_uri_escape_string (filter, NULL, FALSE);
    g_autofree char *path = g_strconcat ("/scim/v2/Users?filter=", escaped_filter, NULL);
    g_autoptr(Answer) found = call ("GET", "/scim/v2/Users", path, ADMIN ("demolen"), NULL, NULL);

    g_assert_cmpuint (found->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (found->json), "totalResults"), ==, 1);
  }

  /* The discovery endpoints take no filter (RFC 7644 4), and know only
   * their own. */
  {
    const char *discovery[][2] = {
      { "/scim/v2/ServiceProviderConfig", "/scim/v2/ServiceProviderConfig?filter=patch.supported%20eq%20true" },
      { "/scim/v2/Schemas", "/scim/v2/Schemas?filter=name%20eq%20%22User%22" },
      { "/scim/v2/ResourceTypes", "/scim/v2/ResourceTypes?filter=name%20eq%20%22User%22" },
    };
    g_autoptr(Answer) no_schema = call ("GET", "/scim/v2/Schemas/{id}",
                                        "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group",
                                        ADMIN ("demolen"), NULL, NULL);
    g_autoptr(Answer) no_type = call ("GET", "/scim/v2/ResourceTypes/{id}", "/scim/v2/ResourceTypes/Group",
                                      ADMIN ("demolen"), NULL, NULL);

    for (guint i = 0; i < G_N_ELEMENTS (discovery); i++)
      {
        g_autoptr(Answer) filtered = call ("GET", discovery[i][0], discovery[i][1], ADMIN ("demolen"), NULL, NULL);

        assert_code (filtered, 403, "invalid-filter");
      }
    assert_code (no_schema, 404, "not-found");
    assert_code (no_type, 404, "not-found");
  }

  /* Out of range, as RFC 7644 3.4.2.4 reads it: from 1, nothing, and at
   * most maxResults. */
  {
    g_autoptr(Answer) none = call ("GET", "/scim/v2/Users", "/scim/v2/Users?startIndex=0&count=-1",
                                   ADMIN ("demolen"), NULL, NULL);
    g_autoptr(Answer) most = call ("GET", "/scim/v2/Users", "/scim/v2/Users?count=1001",
                                   ADMIN ("demolen"), NULL, NULL);
    g_autoptr(Answer) not_a_number = call ("GET", "/scim/v2/Users", "/scim/v2/Users?count=ten",
                                           ADMIN ("demolen"), NULL, NULL);

    g_assert_cmpuint (none->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (none->json), "startIndex"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (none->json), "itemsPerPage"), ==, 0);
    g_assert_cmpuint (most->status, ==, 200);
    assert_code (not_a_number, 400, "invalid-parameter");
  }
  bad_since = call ("GET", "/api/v1/users/deletions", "/api/v1/users/deletions?since=yesterday",
                    ADMIN ("demolen"), NULL, NULL);
  assert_code (bad_since, 400, "invalid-parameter");
  bad_limit = call ("GET", "/api/v1/orders", "/api/v1/orders?limit=0", ADMIN ("demolen"), NULL, NULL);
  assert_code (bad_limit, 400, "invalid-parameter");
}

/* Whether @op documents 403 for a viewer's token (R15), rather than for
 * something else. */
static gboolean
forbids_viewer (JsonObject *op)
{
  JsonObject *forbidden = object_at (object_at (op, "responses"), "403");
  const char *ref = forbidden ? json_object_get_string_member_with_default (forbidden, "$ref", "") : "";

  return g_str_equal (ref, "#/components/responses/Forbidden") ||
         g_str_equal (ref, "#/components/responses/ScimForbidden");
}

/* R15: a viewer changes nothing and reads no billing. */
static void
viewer_cb (const char *method,
           const char *template,
           JsonObject *op)
{
  g_autofree char *path = NULL;
  g_autoptr(Answer) answer = NULL;

  if (!forbids_viewer (op) || g_str_has_prefix (template, "/api/v1/_"))
    return;

  path = concrete_path (template);
  answer = call (method, template, path, VIEWER ("demolen"), valid_body (method, template),
                 "Content-Type", request_media_type (op) ? request_media_type (op) : "application/json",
                 "If-Match", "*", "Idempotency-Key", "viewer", NULL);
  assert_code (answer, 403, "forbidden");
}

static void
test_viewer (void)
{
  foreach_operation (viewer_cb);
}

/* 428 without If-Match, 412 with a stale one: nothing changes. */
static void
precondition_cb (const char *method,
                 const char *template,
                 JsonObject *op)
{
  g_autofree char *path = concrete_path (template);
  const char *body = valid_body (method, template);
  const char *media = request_media_type (op) ? request_media_type (op) : "application/json";
  const char *stale = g_str_has_prefix (template, "/scim/") ? "W/\"999999\"" : "\"x999999\"";

  if (documents (op, 428))
    {
      g_autoptr(Answer) answer = call (method, template, path, ADMIN ("demolen"), body,
                                       "Content-Type", media, NULL);

      assert_code (answer, 428, "precondition-required");
    }

  if (documents (op, 412))
    {
      g_autoptr(Answer) answer = call (method, template, path, ADMIN ("demolen"), body,
                                       "Content-Type", media, "If-Match", stale, NULL);

      assert_code (answer, 412, "stale");
    }
}

static void
test_preconditions (void)
{
  foreach_operation (precondition_cb);
}

/* 400 for a body that is not JSON, 415 for one that is not JSON's type. */
static void
bad_body_cb (const char *method,
             const char *template,
             JsonObject *op)
{
  g_autofree char *path = concrete_path (template);
  const char *media = request_media_type (op);

  if (media == NULL)
    return;

  if (documents (op, 400))
    {
      g_autoptr(Answer) answer = call (method, template, path, ADMIN ("demolen"), "{\"count\":",
                                       "Content-Type", media, "If-Match", "*",
                                       "Idempotency-Key", "bad-body", NULL);

      /* R9: a license file that is not JSON is refused with its reason. */
      if (g_str_equal (template, "/api/v1/license/import"))
        assert_code (answer, 422, "license-malformed");
      else
        assert_code (answer, 400, "malformed-request");
    }

  if (documents (op, 415))
    {
      g_autoptr(Answer) answer = call (method, template, path, ADMIN ("demolen"),
                                       valid_body (method, template), "Content-Type", "text/plain",
                                       "If-Match", "*", "Idempotency-Key", "bad-type", NULL);

      assert_code (answer, 415, "unsupported-media-type");
    }
}

static void
test_bad_input (void)
{
  g_autoptr(Answer) unknown = NULL;
  g_autoptr(Answer) no_key = NULL;
  g_autoptr(Answer) clock_bad = NULL;
  g_autoptr(Answer) upstream_bad = NULL;

  foreach_operation (bad_body_cb);

  unknown = call ("PUT", "/api/v1/features/{id}", "/api/v1/features/sms-reminders", ADMIN ("demolen"),
                  "{\"enabled\":true,\"colour\":\"red\"}", "If-Match", "*", NULL);
  assert_code (unknown, 400, "unknown-field");
  g_assert_cmpstr (json_string (unknown->json, "field"), ==, "colour");

  no_key = call ("POST", "/api/v1/orders", NULL, ADMIN ("demolen"), valid_body ("POST", "/api/v1/orders"), NULL);
  assert_code (no_key, 400, "idempotency-key-required");

  /* RFC 7644 3.7.4: over maxOperations is 413, naming it. */
  {
    g_autoptr(GString) body = g_string_new ("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
                                            "\"Operations\":[");
    g_autoptr(Answer) too_many = NULL;

    for (guint i = 0; i < 1001; i++)
      g_string_append_printf (body, "%s{\"method\":\"PATCH\",\"path\":\"/Users/%s\",\"data\":" PATCH_BODY ("true") "}",
                              i > 0 ? "," : "", user_id);
    g_string_append (body, "]}");
    too_many = call ("POST", "/scim/v2/Bulk", NULL, ADMIN ("demolen"), body->str,
                     "Content-Type", "application/scim+json", NULL);
    assert_code (too_many, 413, "body-too-large");
    g_assert_nonnull (strstr (json_string (too_many->json, "detail"), "1000"));
  }

  clock_bad = call ("POST", "/api/v1/_clock", NULL, ADMIN ("demolen"), "{\"advance_days\":-1}", NULL);
  g_assert_cmpuint (clock_bad->status, ==, 400);
  upstream_bad = call ("POST", "/api/v1/_upstream/users", NULL, ADMIN ("demolen"), "{\"userName\":1}", NULL);
  g_assert_cmpuint (upstream_bad->status, ==, 400);
}

/* 422: each rule's refusal with its code. */
static void
test_refusals (void)
{
  g_autoptr(Answer) edition = NULL;
  g_autoptr(Answer) zero = NULL;
  g_autoptr(Answer) nothing = NULL;
  g_autoptr(Answer) resold = NULL;
  g_autoptr(Answer) email = NULL;
  g_autoptr(Answer) serial = NULL;
  g_autoptr(Answer) garbage = NULL;
  g_autoptr(Answer) blocked = NULL;
  g_autoptr(Answer) not_module = NULL;
  g_autoptr(Answer) unassign_other = NULL;
  g_autoptr(Answer) no_seat = NULL;
  g_autoptr(Answer) read_only = NULL;
  g_autoptr(Answer) users = NULL;
  g_autofree char *inactive_path = NULL;
  g_autofree char *seats_path = g_strdup_printf ("/api/v1/products/seats/assignments/%s", user_id);
  JsonArray *resources;

  edition = call ("PUT", "/api/v1/subscription/edition", NULL, ADMIN ("demolen"),
                  valid_body ("PUT", "/api/v1/subscription/edition"), "If-Match", "*", NULL);
  assert_code (edition, 422, "edition-read-only");

  zero = call ("PUT", "/api/v1/products/{id}/next-period", "/api/v1/products/seats/next-period",
               ADMIN ("demolen"), "{\"count\":0}", "If-Match", "*", NULL);
  assert_code (zero, 422, "cancels-subscription");

  nothing = call ("POST", "/api/v1/orders", NULL, ADMIN ("demolen"), "{\"product_id\":\"seats\",\"quantity\":0}",
                  "Idempotency-Key", "nothing", NULL);
  assert_code (nothing, 422, "nothing-to-buy");

  /* R10: the refusal carries the reseller, as the document says. */
  resold = call ("PUT", "/api/v1/features/{id}", "/api/v1/features/document-requests", ADMIN ("bergstrom"),
                 "{\"enabled\":true}", "If-Match", "*", NULL);
  assert_code (resold, 422, "managed-by-reseller");
  g_assert_true (json_object_has_member (json_node_get_object (resold->json), "reseller"));

  email = call ("PUT", "/api/v1/billing", NULL, ADMIN ("demolen"),
                "{\"contact\":{\"user_id\":null,\"email\":\"not an address\"},"
                "\"postal_address\":{\"street\":\"Molenstraat 12\",\"postal_code\":\"3811 GH\","
                "\"city\":\"Amersfoort\",\"country\":\"Nederland\"},"
                "\"e_invoicing\":{\"enabled\":false,\"address\":null,\"operator_code\":null}}",
                "If-Match", "*", NULL);
  assert_code (email, 422, "invalid-email");

  serial = call ("POST", "/api/v1/trial/convert", NULL, ADMIN ("vandijk"),
                 "{\"serial_number\":\"abcd-1234-efgh-5678\",\"license_owner\":\"Bakkerij Van Dijk\"}", NULL);
  assert_code (serial, 422, "invalid-serial-number");

  garbage = call ("POST", "/api/v1/license/import", NULL, ADMIN ("demolen"), "{\"format\":1}", NULL);
  assert_code (garbage, 422, "license-malformed");

  blocked = call ("POST", "/api/v1/license/pending/activate", NULL, ADMIN ("demolen"), NULL, NULL);
  assert_code (blocked, 422, "license-below-in-use");

  not_module = call ("PUT", "/api/v1/products/{id}/assignments/{userId}",
                     seats_path, ADMIN ("demolen"), NULL, "If-Match", "*", NULL);
  assert_code (not_module, 422, "not-a-module");
  unassign_other = call ("DELETE", "/api/v1/products/{id}/assignments/{userId}",
                         seats_path, ADMIN ("demolen"), NULL, "If-Match", "*", NULL);
  assert_code (unassign_other, 422, "not-a-module");

  /* R6 under equal_active: no user is activated without a free license. */
  users = call ("GET", "/scim/v2/Users", "/scim/v2/Users?filter=active%20eq%20false&count=1",
                ADMIN ("hetbaken"), NULL, NULL);
  resources = json_object_get_array_member (json_node_get_object (users->json), "Resources");
  g_assert_cmpuint (json_array_get_length (resources), ==, 1);
  inactive_path = g_strconcat ("/scim/v2/Users/",
                               json_object_get_string_member (json_array_get_object_element (resources, 0), "id"),
                               NULL);
  no_seat = call ("PATCH", "/scim/v2/Users/{id}", inactive_path, ADMIN ("hetbaken"), PATCH_BODY ("true"),
                  "Content-Type", "application/scim+json", "If-Match", "*", NULL);
  assert_code (no_seat, 422, "no-free-seat");

  /* What RFC 7644 has and this service does not (3.11, 3.12). */
  {
    const char *operations[][2] = {
      { "POST", "/scim/v2/Users" }, { "PUT", "/scim/v2/Users/{id}" }, { "DELETE", "/scim/v2/Users/{id}" },
      { "GET", "/scim/v2/Me" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
      {
        g_autofree char *path = concrete_path (operations[i][1]);
        g_autoptr(Answer) answer = call (operations[i][0], operations[i][1], path, ADMIN ("demolen"), NULL, NULL);

        assert_code (answer, 501, "method-not-allowed");
      }
  }

  /* R16: names come from upstream. */
  read_only = call ("PATCH", "/scim/v2/Users/{id}", inactive_path, ADMIN ("hetbaken"),
                    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    "\"Operations\":[{\"op\":\"replace\",\"path\":\"name.familyName\",\"value\":\"X\"}]}",
                    "Content-Type", "application/scim+json", "If-Match", "*", NULL);
  assert_code (read_only, 400, "read-only");
}

static char *
etag_of (const char *template,
         const char *path,
         const char *slug)
{
  g_autoptr(Answer) answer = call ("GET", template, path, ADMIN (slug), NULL, NULL);

  g_assert_cmpuint (answer->status, ==, 200);
  return g_strdup (soup_message_headers_get_one (answer->headers, "ETag"));
}

/* Every change, succeeding. */
static void
test_changes (void)
{
  g_autofree char *user_path = g_strconcat ("/scim/v2/Users/", user_id, NULL);
  g_autofree char *user_etag = etag_of ("/scim/v2/Users/{id}", user_path, "demolen");
  g_autofree char *seats_etag = etag_of ("/api/v1/products/{id}", "/api/v1/products/seats", "demolen");
  g_autofree char *billing_etag = etag_of ("/api/v1/billing", NULL, "demolen");
  g_autoptr(Answer) product = call ("GET", "/api/v1/products/{id}", "/api/v1/products/seats",
                                    ADMIN ("demolen"), NULL, NULL);
  g_autoptr(Answer) features = call ("GET", "/api/v1/features", NULL, ADMIN ("demolen"), NULL, NULL);
  g_autoptr(Answer) patched = NULL;
  g_autoptr(Answer) next = NULL;
  g_autoptr(Answer) order = NULL;
  g_autoptr(Answer) replay = NULL;
  g_autoptr(Answer) feature = NULL;
  g_autoptr(Answer) billing = NULL;
  g_autoptr(Answer) imported = NULL;
  g_autoptr(Answer) activated = NULL;
  g_autoptr(Answer) trial = NULL;
  g_autoptr(Answer) clock = NULL;
  g_autoptr(Answer) added = NULL;
  g_autoptr(Answer) removed = NULL;
  g_autofree char *next_body = NULL;
  JsonArray *items = json_object_get_array_member (json_node_get_object (features->json), "items");
  const char *feature_etag = NULL;

  patched = call ("PATCH", "/scim/v2/Users/{id}", user_path, ADMIN ("demolen"), PATCH_BODY ("false"),
                  "Content-Type", "application/scim+json", "If-Match", user_etag, NULL);
  g_assert_cmpuint (patched->status, ==, 200);
  /* If-Match is optional on SCIM (RFC 7644 3.14). */
  {
    g_autoptr(Answer) unconditional = call ("PATCH", "/scim/v2/Users/{id}", user_path, ADMIN ("demolen"),
                                            PATCH_BODY ("true"), "Content-Type", "application/scim+json", NULL);

    g_assert_cmpuint (unconditional->status, ==, 200);
    g_assert_true (json_object_get_boolean_member (json_node_get_object (unconditional->json), "active"));
  }

  /* Made once per Idempotency-Key, a PATCH and a Bulk alike. */
  {
    g_autoptr(Answer) first = call ("PATCH", "/scim/v2/Users/{id}", user_path, ADMIN ("demolen"), PATCH_BODY ("true"),
                                    "Content-Type", "application/scim+json", "Idempotency-Key", "contract-patch", NULL);
    g_autoptr(Answer) replayed = call ("PATCH", "/scim/v2/Users/{id}", user_path, ADMIN ("demolen"),
                                       PATCH_BODY ("true"), "Content-Type", "application/scim+json",
                                       "Idempotency-Key", "contract-patch", NULL);
    g_autoptr(Answer) reused = call ("PATCH", "/scim/v2/Users/{id}", user_path, ADMIN ("demolen"),
                                     PATCH_BODY ("false"), "Content-Type", "application/scim+json",
                                     "Idempotency-Key", "contract-patch", NULL);
    g_autoptr(Answer) bulk = call ("POST", "/scim/v2/Bulk", NULL, ADMIN ("demolen"), bulk_body,
                                   "Content-Type", "application/scim+json", "Idempotency-Key", "contract-bulk", NULL);
    g_autoptr(Answer) bulk_replayed = call ("POST", "/scim/v2/Bulk", NULL, ADMIN ("demolen"), bulk_body,
                                            "Content-Type", "application/scim+json",
                                            "Idempotency-Key", "contract-bulk", NULL);
    g_autoptr(Answer) bulk_reused = call ("POST", "/scim/v2/Bulk", NULL, ADMIN ("demolen"), bulk_body,
                                          "Content-Type", "application/scim+json",
                                          "Idempotency-Key", "contract-patch", NULL);

    g_assert_cmpuint (first->status, ==, 200);
    g_assert_true (g_bytes_equal (first->body, replayed->body));
    g_assert_cmpstr (soup_message_headers_get_one (first->headers, "ETag"), ==,
                     soup_message_headers_get_one (replayed->headers, "ETag"));
    assert_code (reused, 422, "idempotency-key-reused");
    g_assert_cmpuint (bulk->status, ==, 200);
    g_assert_true (g_bytes_equal (bulk->body, bulk_replayed->body));
    assert_code (bulk_reused, 422, "idempotency-key-reused");
  }

  /* A selection as one Bulk (RFC 7644 3.7): a success, and a failure
   * that leaves it. */
  {
    g_autofree char *body = g_strdup_printf (
      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":["
      "{\"method\":\"PATCH\",\"path\":\"/Users/%s\",\"bulkId\":\"off\",\"data\":" PATCH_BODY ("false") "},"
      "{\"method\":\"PATCH\",\"path\":\"/Users/%s\",\"version\":\"W/\\\"999999\\\"\",\"data\":" PATCH_BODY ("true") "},"
      "{\"method\":\"PATCH\",\"path\":\"/Users/%s\",\"data\":" PATCH_BODY ("true") "}]}",
      user_id, user_id, user_id);
    g_autoptr(Answer) bulk = call ("POST", "/scim/v2/Bulk", NULL, ADMIN ("demolen"), body,
                                   "Content-Type", "application/scim+json", NULL);
    JsonArray *results;

    g_assert_cmpuint (bulk->status, ==, 200);
    results = json_object_get_array_member (json_node_get_object (bulk->json), "Operations");
    g_assert_cmpuint (json_array_get_length (results), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0), "status"), ==, "200");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 1), "status"), ==, "412");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 2), "status"), ==, "200");
  }

  next_body = g_strdup_printf ("{\"count\":%" G_GINT64_FORMAT "}",
                               json_object_get_int_member (json_node_get_object (product->json), "purchased"));
  next = call ("PUT", "/api/v1/products/{id}/next-period", "/api/v1/products/seats/next-period",
               ADMIN ("demolen"), next_body, "If-Match", seats_etag, NULL);
  g_assert_cmpuint (next->status, ==, 200);

  /* A holder's module taken and given back. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *etag = etag_of ("/api/v1/products/{id}", "/api/v1/products/scheduling", "demolen");
      g_autofree char *path = g_strdup_printf ("/api/v1/products/scheduling/assignments/%s", holder_ids[0]);
      g_autoptr(Answer) answer = call (i == 0 ? "DELETE" : "PUT", "/api/v1/products/{id}/assignments/{userId}",
                                       path, ADMIN ("demolen"), NULL, "If-Match", etag, NULL);

      g_assert_cmpuint (answer->status, ==, 200);
    }

  order = call ("POST", "/api/v1/orders", NULL, ADMIN ("demolen"), valid_body ("POST", "/api/v1/orders"),
                "Idempotency-Key", "contract-order", NULL);
  g_assert_cmpuint (order->status, ==, 201);
  replay = call ("POST", "/api/v1/orders", NULL, ADMIN ("demolen"), "{\"product_id\":\"imaging\",\"quantity\":2}",
                 "Idempotency-Key", "contract-order", NULL);
  assert_code (replay, 422, "idempotency-key-reused");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (item, "id"), "sms-reminders"))
        feature_etag = json_object_get_string_member (item, "etag");
    }
  g_assert_nonnull (feature_etag);
  feature = call ("PUT", "/api/v1/features/{id}", "/api/v1/features/sms-reminders", ADMIN ("demolen"),
                  "{\"enabled\":true}", "If-Match", feature_etag, NULL);
  g_assert_cmpuint (feature->status, ==, 200);

  billing = call ("PUT", "/api/v1/billing", NULL, ADMIN ("demolen"), BILLING_BODY, "If-Match", billing_etag, NULL);
  g_assert_cmpuint (billing->status, ==, 200);

  imported = call ("POST", "/api/v1/license/import", NULL, ADMIN ("demolen"), license_file, NULL);
  g_assert_cmpuint (imported->status, ==, 200);

  /* R8: the surplus removed, the license activates. */
  for (guint i = 0; i < G_N_ELEMENTS (holder_ids); i++)
    {
      g_autofree char *etag = etag_of ("/api/v1/products/{id}", "/api/v1/products/scheduling", "demolen");
      g_autofree char *path = g_strdup_printf ("/api/v1/products/scheduling/assignments/%s", holder_ids[i]);
      g_autoptr(Answer) answer = call ("DELETE", "/api/v1/products/{id}/assignments/{userId}",
                                       path, ADMIN ("demolen"), NULL, "If-Match", etag, NULL);

      g_assert_cmpuint (answer->status, ==, 200);
    }
  activated = call ("POST", "/api/v1/license/pending/activate", NULL, ADMIN ("demolen"), NULL, NULL);
  g_assert_cmpuint (activated->status, ==, 200);

  trial = call ("POST", "/api/v1/trial/convert", NULL, ADMIN ("vandijk"), TRIAL_BODY, NULL);
  g_assert_cmpuint (trial->status, ==, 200);

  clock = call ("POST", "/api/v1/_clock", NULL, ADMIN ("demolen"), "{\"advance_days\":1}", NULL);
  g_assert_cmpuint (clock->status, ==, 200);

  added = call ("POST", "/api/v1/_upstream/users", NULL, ADMIN ("demolen"),
                valid_body ("POST", "/api/v1/_upstream/users"), NULL);
  g_assert_cmpuint (added->status, ==, 201);
  upstream_id = g_strdup (json_string (added->json, "id"));
  {
    g_autofree char *path = concrete_path ("/api/v1/_upstream/users/{id}");

    removed = call ("DELETE", "/api/v1/_upstream/users/{id}", path, ADMIN ("demolen"), NULL, NULL);
    g_assert_cmpuint (removed->status, ==, 204);
  }
}

/* The document's every operation was called, and each succeeded once. */
static gboolean
never_succeeds (JsonObject *op)
{
  JsonObject *responses = object_at (op, "responses");
  g_autoptr(GList) statuses = json_object_get_members (responses);

  for (GList *l = statuses; l != NULL; l = l->next)
    {
      JsonObject *response = deref (object_at (responses, l->data));

      if (((const char *) l->data)[0] == '2' &&
          !g_str_has_prefix (json_object_get_string_member_with_default (response, "description", ""),
                             "Never"))
        return FALSE;
    }

  return TRUE;
}

static GString *missing;

static void
coverage_cb (const char *method,
             const char *template,
             JsonObject *op)
{
  g_autofree char *key = g_strdup_printf ("%s %s", method, template);
  GHashTable *statuses = g_hash_table_lookup (exercised, key);
  g_autoptr(GString) seen = g_string_new (NULL);
  gboolean succeeded = FALSE;
  GHashTableIter iter;
  const char *status;

  if (statuses == NULL)
    {
      g_string_append_printf (missing, "  %s was not called\n", key);
      return;
    }

  g_hash_table_iter_init (&iter, statuses);
  while (g_hash_table_iter_next (&iter, (gpointer *) &status, NULL))
    {
      g_string_append_printf (seen, " %s", status);
      succeeded |= status[0] == '2';
    }
  g_test_message ("%s:%s", key, seen->str);

  if (!succeeded && !never_succeeds (op))
    g_string_append_printf (missing, "  %s never succeeded\n", key);
}

static void
test_coverage (void)
{
  missing = g_string_new (NULL);
  foreach_operation (coverage_cb);
  if (missing->len > 0)
    g_error ("Operations of the document not exercised:\n%s", missing->str);
  g_string_free (g_steal_pointer (&missing), TRUE);

  /* Every call went to an operation of the document (check_answer fails
   * otherwise); and the document has no operation without a test. */
  g_assert_cmpuint (g_hash_table_size (exercised), >, 0);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *db = NULL;
  g_autoptr(Answer) users = NULL;
  g_autoptr(Answer) holders = NULL;
  g_autoptr(Answer) file = NULL;
  JsonArray *array;

  json_parser_load_from_file (parser, SEATS_API_DOCUMENT, &error);
  g_assert_no_error (error);
  document = json_node_ref (json_parser_get_root (parser));

  /* The answers held to the document are the demo's on a known day. */
  seats_test_set_clock (SEATS_TEST_NOW);
  server_dir = g_dir_make_tmp ("seats-test-contract-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (server_dir, "server.db", NULL);
  server = seats_server_new (db, SEATS_SERVER_FLAGS_ALLOW_CLOCK | SEATS_SERVER_FLAGS_ALLOW_FAULTS, &error);
  g_assert_no_error (error);
  seats_server_seed_demo (server, &error);
  g_assert_no_error (error);
  base_uri = seats_server_listen (server, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  organizations = seats_server_get_organizations (server);
  session = soup_session_new ();
  exercised = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);

  /* Ids the paths need, read through the API itself. */
  users = call ("GET", "/scim/v2/Users", "/scim/v2/Users?filter=active%20eq%20true&count=1",
                ADMIN ("demolen"), NULL, NULL);
  array = json_object_get_array_member (json_node_get_object (users->json), "Resources");
  user_id = g_strdup (json_object_get_string_member (json_array_get_object_element (array, 0), "id"));
  bulk_body = g_strdup_printf (BULK_BODY ("%s", "true"), user_id);

  holders = call ("GET", "/api/v1/products/{id}/assignments", "/api/v1/products/scheduling/assignments",
                  ADMIN ("demolen"), NULL, NULL);
  array = json_object_get_array_member (json_node_get_object (holders->json), "user_ids");
  g_assert_cmpuint (json_array_get_length (array), >=, 2);
  for (guint i = 0; i < G_N_ELEMENTS (holder_ids); i++)
    holder_ids[i] = g_strdup (json_array_get_string_element (array, i));

  file = call ("GET", "/api/v1/license/pending/file", NULL, ADMIN ("demolen"), NULL, NULL);
  g_assert_cmpuint (file->status, ==, 200);
  license_file = g_strndup (g_bytes_get_data (file->body, NULL), g_bytes_get_size (file->body));
}

static void
tear_down (void)
{
  g_clear_object (&session);
  seats_server_disconnect (server);
  g_clear_object (&server);
  g_clear_pointer (&organizations, g_ptr_array_unref);
  g_clear_pointer (&exercised, g_hash_table_unref);
  g_clear_pointer (&document, json_node_unref);
  remove_tree (server_dir);
  g_free (server_dir);
  g_free (base_uri);
  g_free (user_id);
  g_free (bulk_body);
  for (guint i = 0; i < G_N_ELEMENTS (holder_ids); i++)
    g_free (holder_ids[i]);
  g_free (upstream_id);
  g_free (license_file);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  set_up ();

  g_test_add_func ("/contract/validator", test_validator);
  g_test_add_func ("/contract/unauthorized", test_unauthorized);
  g_test_add_func ("/contract/reads", test_reads);
  g_test_add_func ("/contract/viewer", test_viewer);
  g_test_add_func ("/contract/preconditions", test_preconditions);
  g_test_add_func ("/contract/bad-input", test_bad_input);
  g_test_add_func ("/contract/refusals", test_refusals);
  g_test_add_func ("/contract/changes", test_changes);
  g_test_add_func ("/contract/coverage", test_coverage);

  ret = g_test_run ();
  tear_down ();

  return ret;
}
