/* seats-api-request.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-api"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "seats-api-error.h"
#include "seats-api-request-private.h"
#include "seats-billing-details.h"
#include "seats-json-private.h"
#include "seats-scim.h"

/* What the license server takes in one Bulk request (its
 * /ServiceProviderConfig says so too). */
#define SEATS_API_BULK_MAX_OPERATIONS 1000

struct _SeatsApiRequest
{
  gatomicrefcount  ref_count;
  char            *kind;
  char            *method;
  char            *path;
  JsonNode        *body;
  char            *if_match;
  gboolean         needs_key;
};

G_DEFINE_BOXED_TYPE (SeatsApiRequest, seats_api_request, seats_api_request_ref, seats_api_request_unref)

static SeatsApiRequest *
request_new (const char *kind,
             const char *method,
             char       *path,
             JsonNode   *body,
             const char *if_match,
             gboolean    needs_key)
{
  SeatsApiRequest *self = g_new0 (SeatsApiRequest, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = g_strdup (kind);
  self->method = g_strdup (method);
  self->path = path;
  self->body = body;
  self->if_match = g_strdup (if_match != NULL ? if_match : "*");
  self->needs_key = needs_key;

  return self;
}

/* Ids become path segments: escape them so that no id can reach another path. */
static char *
escape_segment (const char *segment)
{
  return g_uri_escape_string (segment, NULL, FALSE);
}

SeatsApiRequest *
seats_api_request_ref (SeatsApiRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
seats_api_request_unref (SeatsApiRequest *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->kind);
  g_free (self->method);
  g_free (self->path);
  g_clear_pointer (&self->body, json_node_unref);
  g_free (self->if_match);
  g_free (self);
}

const char *
seats_api_request_get_kind (SeatsApiRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->kind;
}

const char *
seats_api_request_get_method (SeatsApiRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->method;
}

const char *
seats_api_request_get_path (SeatsApiRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

const char *
seats_api_request_get_if_match (SeatsApiRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->needs_key ? NULL : self->if_match;
}

JsonNode *
seats_api_request_get_body (SeatsApiRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->body;
}

/**
 * seats_api_request_needs_key:
 * @self: a #SeatsApiRequest
 *
 * Returns: %TRUE if the request creates something and so must carry an
 *   Idempotency-Key, kept with it until the server answers
 */
gboolean
seats_api_request_needs_key (SeatsApiRequest *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->needs_key;
}

/**
 * seats_api_request_serialize:
 * @self: a #SeatsApiRequest
 *
 * Returns: (transfer full): the request as text, for the outbox
 */
char *
seats_api_request_serialize (SeatsApiRequest *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, self->kind);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, self->method);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, self->path);
  json_builder_set_member_name (builder, "if_match");
  json_builder_add_string_value (builder, self->if_match);
  json_builder_set_member_name (builder, "needs_key");
  json_builder_add_boolean_value (builder, self->needs_key);
  json_builder_set_member_name (builder, "body");
  if (self->body != NULL)
    json_builder_add_value (builder, json_node_copy (self->body));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/**
 * seats_api_request_deserialize:
 * @text: what seats_api_request_serialize() wrote
 * @error: why it cannot be read
 *
 * Returns: (transfer full) (nullable): the request
 */
SeatsApiRequest *
seats_api_request_deserialize (const char  *text,
                               GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = NULL;
  JsonNode *body;
  const char *kind, *method, *path, *if_match = NULL;
  gboolean needs_key = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  bytes = g_bytes_new (text, strlen (text));
  if (!(root = seats_json_parse (bytes, error)) ||
      !seats_json_object (root, "outbox", &object, error) ||
      !seats_json_string (object, "outbox", "kind", SEATS_JSON_REQUIRED, &kind, error) ||
      !seats_json_string (object, "outbox", "method", SEATS_JSON_REQUIRED, &method, error) ||
      !seats_json_string (object, "outbox", "path", SEATS_JSON_REQUIRED, &path, error) ||
      !seats_json_string (object, "outbox", "if_match", SEATS_JSON_OPTIONAL, &if_match, error) ||
      !seats_json_boolean (object, "outbox", "needs_key", SEATS_JSON_REQUIRED, &needs_key, error))
    return NULL;

  body = json_object_get_member (object, "body");

  return request_new (kind, method, g_strdup (path),
                      body != NULL && !JSON_NODE_HOLDS_NULL (body) ? json_node_copy (body) : NULL,
                      if_match, needs_key);
}

/* Builds a JSON object from name/value pairs: a string value for "s", a
 * boolean for "b", an integer for "i", ending with NULL. */
static JsonNode *
build_object (const char *first_name,
              ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *name = first_name;
  va_list args;

  json_builder_begin_object (builder);

  va_start (args, first_name);
  while (name != NULL)
    {
      char type = *va_arg (args, const char *);

      json_builder_set_member_name (builder, name);
      switch (type)
        {
        case 's':
          {
            const char *value = va_arg (args, const char *);

            if (value != NULL)
              json_builder_add_string_value (builder, value);
            else
              json_builder_add_null_value (builder);
          }
          break;

        case 'b':
          json_builder_add_boolean_value (builder, va_arg (args, gboolean));
          break;

        case 'i':
          json_builder_add_int_value (builder, va_arg (args, gint64));
          break;

        default:
          g_assert_not_reached ();
        }

      name = va_arg (args, const char *);
    }
  va_end (args);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

SeatsApiRequest *
seats_api_request_buy (const char *product_id,
                       guint       quantity)
{
  g_return_val_if_fail (product_id != NULL, NULL);
  g_return_val_if_fail (quantity > 0, NULL);

  return request_new ("buy", "POST", g_strdup ("api/v1/orders"),
                      build_object ("product_id", "s", product_id,
                                    "quantity", "i", (gint64) quantity,
                                    NULL),
                      NULL, TRUE);
}

SeatsApiRequest *
seats_api_request_set_next_period (const char *product_id,
                                   guint       count,
                                   const char *etag)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (product_id != NULL, NULL);

  id = escape_segment (product_id);
  return request_new ("next-period", "PUT",
                      g_strdup_printf ("api/v1/products/%s/next-period", id),
                      build_object ("count", "i", (gint64) count, NULL),
                      etag, FALSE);
}

/**
 * seats_api_scim_patch_active:
 * @active: whether the user is to be active
 *
 * Returns: (transfer full): a SCIM PatchOp that sets "active" (RFC 7644
 *   3.5.2), for a license server and any SCIM service alike
 */
JsonNode *
seats_api_scim_patch_active (gboolean active)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schemas");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, SEATS_SCIM_PATCH_SCHEMA);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "Operations");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "op");
  json_builder_add_string_value (builder, "replace");
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, "active");
  json_builder_set_member_name (builder, "value");
  json_builder_add_boolean_value (builder, active);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

SeatsApiRequest *
seats_api_request_set_user_active (const char *user_id,
                                   gboolean    active,
                                   const char *etag)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (user_id != NULL, NULL);

  id = escape_segment (user_id);
  return request_new (active ? "activate-user" : "deactivate-user", "PATCH",
                      g_strdup_printf ("scim/v2/Users/%s", id),
                      seats_api_scim_patch_active (active),
                      etag, FALSE);
}

/* A selection activated or deactivated as one SCIM Bulk request (RFC
 * 7644 3.7), each operation with the version it was made against. */
static SeatsApiRequest *
request_users_active_bulk (SeatsChange *change,
                           guint        first,
                           guint        count)
{
  const char * const *ids = seats_change_get_user_ids (change);
  gboolean active = seats_change_get_on (change);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schemas");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "urn:ietf:params:scim:api:messages:2.0:BulkRequest");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "Operations");
  json_builder_begin_array (builder);
  for (guint i = first; i < first + count; i++)
    {
      g_autofree char *id = escape_segment (ids[i]);
      g_autofree char *path = g_strdup_printf ("/Users/%s", id);
      g_autofree char *key = g_strconcat (SEATS_CHANGE_BASIS_USER, ids[i], NULL);
      const char *version = seats_change_get_basis (change, key);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "method");
      json_builder_add_string_value (builder, "PATCH");
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, path);
      if (version != NULL)
        {
          json_builder_set_member_name (builder, "version");
          json_builder_add_string_value (builder, version);
        }
      json_builder_set_member_name (builder, "data");
      json_builder_add_value (builder, seats_api_scim_patch_active (active));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return request_new ("users-active", "POST", g_strdup ("scim/v2/Bulk"),
                      json_builder_get_root (builder), NULL, TRUE);
}

SeatsApiRequest *
seats_api_request_assign_module (const char *product_id,
                                 const char *user_id,
                                 gboolean    assign,
                                 const char *etag)
{
  g_autofree char *product = NULL;
  g_autofree char *user = NULL;

  g_return_val_if_fail (product_id != NULL, NULL);
  g_return_val_if_fail (user_id != NULL, NULL);

  product = escape_segment (product_id);
  user = escape_segment (user_id);
  return request_new (assign ? "assign-module" : "unassign-module",
                      assign ? "PUT" : "DELETE",
                      g_strdup_printf ("api/v1/products/%s/assignments/%s", product, user),
                      NULL, etag, FALSE);
}

SeatsApiRequest *
seats_api_request_switch_feature (const char *feature_id,
                                  gboolean    enabled,
                                  const char *etag)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (feature_id != NULL, NULL);

  id = escape_segment (feature_id);
  return request_new ("switch-feature", "PUT",
                      g_strdup_printf ("api/v1/features/%s", id),
                      build_object ("enabled", "b", enabled, NULL),
                      etag, FALSE);
}

SeatsApiRequest *
seats_api_request_update_billing (SeatsBillingDetails *details,
                                  const char          *etag)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (SEATS_IS_BILLING_DETAILS (details), NULL);

  /* Company name and VAT number are not sent: they are changed with the
   * vendor, not here (R13). */
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "contact");
  json_builder_add_value (builder,
                          build_object ("user_id", "s", seats_billing_details_get_contact_user_id (details),
                                        "email", "s", seats_billing_details_get_contact_email (details),
                                        NULL));

  json_builder_set_member_name (builder, "postal_address");
  json_builder_add_value (builder,
                          build_object ("street", "s", seats_billing_details_get_street (details),
                                        "postal_code", "s", seats_billing_details_get_postal_code (details),
                                        "city", "s", seats_billing_details_get_city (details),
                                        "country", "s", seats_billing_details_get_country (details),
                                        NULL));

  json_builder_set_member_name (builder, "e_invoicing");
  json_builder_add_value (builder,
                          build_object ("enabled", "b", seats_billing_details_get_e_invoicing (details),
                                        "address", "s", seats_billing_details_get_e_invoice_address (details),
                                        "operator_code", "s", seats_billing_details_get_operator_code (details),
                                        NULL));

  json_builder_end_object (builder);

  return request_new ("update-billing", "PUT", g_strdup ("api/v1/billing"),
                      json_builder_get_root (builder), etag, FALSE);
}

SeatsApiRequest *
seats_api_request_activate_license (const char *etag)
{
  return request_new ("activate-license", "POST", g_strdup ("api/v1/license/pending/activate"),
                      NULL, etag, FALSE);
}

/**
 * seats_api_request_import_license:
 * @license_file: the contents of a license file
 * @error: why it is not a license file at all
 *
 * Returns: (transfer full) (nullable): the request to import it
 */
SeatsApiRequest *
seats_api_request_import_license (const char  *license_file,
                                  GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = NULL;

  g_return_val_if_fail (license_file != NULL, NULL);

  bytes = g_bytes_new (license_file, strlen (license_file));
  if (!(root = seats_json_parse (bytes, error)) ||
      !seats_json_object (root, "license", &object, error))
    return NULL;

  return request_new ("import-license", "POST", g_strdup ("api/v1/license/import"),
                      g_steal_pointer (&root), NULL, FALSE);
}

SeatsApiRequest *
seats_api_request_convert_trial (const char *serial_number,
                                 const char *license_owner)
{
  g_return_val_if_fail (serial_number != NULL, NULL);
  g_return_val_if_fail (license_owner != NULL, NULL);

  return request_new ("convert-trial", "POST", g_strdup ("api/v1/trial/convert"),
                      build_object ("serial_number", "s", serial_number,
                                    "license_owner", "s", license_owner,
                                    NULL),
                      NULL, FALSE);
}

/**
 * seats_api_requests_for_change:
 * @change: a checked change, with its basis
 * @error: why it cannot be sent, such as a license file that is not one
 *
 * The requests of the license API that make @change: one, or one for each
 * user of a selection, each with the version it was made against.
 *
 * Returns: (transfer full) (element-type SeatsApiRequest) (nullable): the
 *   requests, in the order to send them
 */
GPtrArray *
seats_api_requests_for_change (SeatsChange  *change,
                               GError      **error)
{
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) seats_api_request_unref);
  const char *product_id = seats_change_get_product_id (change);
  const char * const *user_ids = seats_change_get_user_ids (change);
  g_autofree char *product_key = product_id != NULL ? g_strconcat (SEATS_CHANGE_BASIS_PRODUCT, product_id, NULL)
                                                    : NULL;
  SeatsApiRequest *request = NULL;

  switch (seats_change_get_kind (change))
    {
    case SEATS_CHANGE_BUY:
      request = seats_api_request_buy (product_id, seats_change_get_count (change));
      break;

    case SEATS_CHANGE_NEXT_PERIOD:
      request = seats_api_request_set_next_period (product_id, seats_change_get_count (change),
                                                   seats_change_get_basis (change, product_key));
      break;

    case SEATS_CHANGE_USERS_ACTIVE:
      /* A selection as SCIM Bulk, as many at a time as the server takes. */
      if (g_strv_length ((char **) user_ids) > 1)
        {
          guint n = g_strv_length ((char **) user_ids);

          for (guint first = 0; first < n; first += SEATS_API_BULK_MAX_OPERATIONS)
            g_ptr_array_add (requests,
                             request_users_active_bulk (change, first,
                                                        MIN (SEATS_API_BULK_MAX_OPERATIONS, n - first)));
          break;
        }
      for (guint i = 0; user_ids[i] != NULL; i++)
        {
          g_autofree char *key = g_strconcat (SEATS_CHANGE_BASIS_USER, user_ids[i], NULL);

          g_ptr_array_add (requests,
                           seats_api_request_set_user_active (user_ids[i], seats_change_get_on (change),
                                                              seats_change_get_basis (change, key)));
        }
      break;

    case SEATS_CHANGE_MODULE:
      for (guint i = 0; user_ids[i] != NULL; i++)
        g_ptr_array_add (requests,
                         seats_api_request_assign_module (product_id, user_ids[i],
                                                          seats_change_get_on (change),
                                                          seats_change_get_basis (change, product_key)));
      break;

    case SEATS_CHANGE_FEATURE:
      {
        g_autofree char *key = g_strconcat (SEATS_CHANGE_BASIS_FEATURE,
                                            seats_change_get_feature_id (change), NULL);

        request = seats_api_request_switch_feature (seats_change_get_feature_id (change),
                                                    seats_change_get_on (change),
                                                    seats_change_get_basis (change, key));
      }
      break;

    case SEATS_CHANGE_BILLING_DETAILS:
      request = seats_api_request_update_billing (seats_change_get_billing_details (change),
                                                  seats_change_get_basis (change, SEATS_CHANGE_BASIS_BILLING));
      break;

    case SEATS_CHANGE_ACTIVATE_LICENSE:
      request = seats_api_request_activate_license (seats_change_get_basis (change,
                                                                           SEATS_CHANGE_BASIS_PENDING_LICENSE));
      break;

    case SEATS_CHANGE_IMPORT_LICENSE:
      request = seats_api_request_import_license (seats_change_get_license_file (change), error);
      if (request == NULL)
        return NULL;
      break;

    case SEATS_CHANGE_CONVERT_TRIAL:
      request = seats_api_request_convert_trial (seats_change_get_serial_number (change),
                                                 seats_change_get_license_owner (change));
      break;

    default:
      g_assert_not_reached ();
    }

  if (request != NULL)
    g_ptr_array_add (requests, request);

  return g_steal_pointer (&requests);
}

/* The outbox of Seats 0.1 kept requests, not changes. */

/* The segments of @path after @prefix, unescaped: "api/v1/products/" and
 * "a%2Fb/next-period" give { "a/b", "next-period" }. */
static GStrv
path_segments (const char *path,
               const char *prefix)
{
  g_auto(GStrv) parts = NULL;

  if (!g_str_has_prefix (path, prefix))
    return NULL;

  parts = g_strsplit (path + strlen (prefix), "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *unescaped = g_uri_unescape_string (parts[i], NULL);

      if (unescaped == NULL || *unescaped == '\0' || !g_utf8_validate (unescaped, -1, NULL))
        {
          g_free (unescaped);
          return NULL;
        }
      g_free (parts[i]);
      parts[i] = unescaped;
    }

  return g_steal_pointer (&parts);
}

static SeatsBillingDetails *
billing_details_from_body (JsonObject  *body,
                           GError     **error)
{
  g_autoptr(SeatsBillingDetails) details = seats_billing_details_new ();
  JsonObject *contact = NULL, *address = NULL, *einvoice = NULL;
  const char *user_id = NULL, *email = NULL, *street = NULL, *postal_code = NULL, *city = NULL;
  const char *country = NULL, *einvoice_address = NULL, *operator_code = NULL;
  gboolean einvoicing = FALSE;

  if (!seats_json_member_object (body, "outbox", "contact", SEATS_JSON_REQUIRED, &contact, error) ||
      !seats_json_string (contact, "outbox.contact", "user_id", SEATS_JSON_OPTIONAL, &user_id, error) ||
      !seats_json_string (contact, "outbox.contact", "email", SEATS_JSON_OPTIONAL, &email, error) ||
      !seats_json_member_object (body, "outbox", "postal_address", SEATS_JSON_REQUIRED, &address, error) ||
      !seats_json_string (address, "outbox.postal_address", "street", SEATS_JSON_OPTIONAL, &street, error) ||
      !seats_json_string (address, "outbox.postal_address", "postal_code", SEATS_JSON_OPTIONAL,
                          &postal_code, error) ||
      !seats_json_string (address, "outbox.postal_address", "city", SEATS_JSON_OPTIONAL, &city, error) ||
      !seats_json_string (address, "outbox.postal_address", "country", SEATS_JSON_OPTIONAL, &country, error) ||
      !seats_json_member_object (body, "outbox", "e_invoicing", SEATS_JSON_REQUIRED, &einvoice, error) ||
      !seats_json_boolean (einvoice, "outbox.e_invoicing", "enabled", SEATS_JSON_REQUIRED, &einvoicing, error) ||
      !seats_json_string (einvoice, "outbox.e_invoicing", "address", SEATS_JSON_OPTIONAL,
                          &einvoice_address, error) ||
      !seats_json_string (einvoice, "outbox.e_invoicing", "operator_code", SEATS_JSON_OPTIONAL,
                          &operator_code, error))
    return NULL;

  seats_billing_details_set_contact_user_id (details, user_id);
  seats_billing_details_set_contact_email (details, email);
  seats_billing_details_set_street (details, street);
  seats_billing_details_set_postal_code (details, postal_code);
  seats_billing_details_set_city (details, city);
  seats_billing_details_set_country (details, country);
  seats_billing_details_set_e_invoicing (details, einvoicing);
  seats_billing_details_set_e_invoice_address (details, einvoice_address);
  seats_billing_details_set_operator_code (details, operator_code);

  return g_steal_pointer (&details);
}

/* The change a request of Seats 0.1 makes, and the version it was made
 * against; %NULL, without an error, for a request that is none of them. */
static SeatsChange *
request_to_change (SeatsApiRequest  *self,
                   GError          **error)
{
  JsonObject *body = self->body != NULL && JSON_NODE_HOLDS_OBJECT (self->body)
                     ? json_node_get_object (self->body) : NULL;
  const char *etag = self->if_match != NULL && !g_str_equal (self->if_match, "*") ? self->if_match : NULL;
  g_auto(GStrv) product = path_segments (self->path, "api/v1/products/");
  g_auto(GStrv) user = path_segments (self->path, "scim/v2/Users/");
  g_auto(GStrv) feature = path_segments (self->path, "api/v1/features/");
  g_autoptr(SeatsChange) change = NULL;
  g_autofree char *key = NULL;

  if (g_str_equal (self->kind, "buy") && body != NULL)
    {
      const char *product_id = NULL;
      gint64 quantity = 0;

      if (!seats_json_string (body, "outbox", "product_id", SEATS_JSON_REQUIRED, &product_id, error) ||
          !seats_json_int (body, "outbox", "quantity", SEATS_JSON_REQUIRED, 1, G_MAXINT, &quantity, error))
        return NULL;
      return seats_change_new_buy (product_id, (guint) quantity);
    }

  if (g_str_equal (self->kind, "next-period") && body != NULL && product != NULL &&
      g_strv_length (product) == 2 && g_str_equal (product[1], "next-period"))
    {
      gint64 count = 0;

      if (!seats_json_int (body, "outbox", "count", SEATS_JSON_REQUIRED, 0, G_MAXINT, &count, error))
        return NULL;
      change = seats_change_new_next_period (product[0], (guint) count);
      key = g_strconcat (SEATS_CHANGE_BASIS_PRODUCT, product[0], NULL);
    }
  else if ((g_str_equal (self->kind, "activate-user") || g_str_equal (self->kind, "deactivate-user")) &&
           user != NULL && g_strv_length (user) == 1)
    {
      const char *ids[] = { user[0], NULL };

      change = seats_change_new_users_active (ids, g_str_equal (self->kind, "activate-user"));
      key = g_strconcat (SEATS_CHANGE_BASIS_USER, user[0], NULL);
    }
  else if ((g_str_equal (self->kind, "assign-module") || g_str_equal (self->kind, "unassign-module")) &&
           product != NULL && g_strv_length (product) == 3 && g_str_equal (product[1], "assignments"))
    {
      const char *ids[] = { product[2], NULL };

      change = seats_change_new_module (product[0], ids, g_str_equal (self->kind, "assign-module"));
      key = g_strconcat (SEATS_CHANGE_BASIS_PRODUCT, product[0], NULL);
    }
  else if (g_str_equal (self->kind, "switch-feature") && body != NULL &&
           feature != NULL && g_strv_length (feature) == 1)
    {
      gboolean enabled = FALSE;

      if (!seats_json_boolean (body, "outbox", "enabled", SEATS_JSON_REQUIRED, &enabled, error))
        return NULL;
      change = seats_change_new_feature (feature[0], enabled);
      key = g_strconcat (SEATS_CHANGE_BASIS_FEATURE, feature[0], NULL);
    }
  else if (g_str_equal (self->kind, "update-billing") && body != NULL)
    {
      g_autoptr(SeatsBillingDetails) details = billing_details_from_body (body, error);

      if (details == NULL)
        return NULL;
      change = seats_change_new_billing_details (details);
      key = g_strdup (SEATS_CHANGE_BASIS_BILLING);
    }
  else if (g_str_equal (self->kind, "activate-license"))
    {
      change = seats_change_new_activate_license ();
      key = g_strdup (SEATS_CHANGE_BASIS_PENDING_LICENSE);
    }
  else if (g_str_equal (self->kind, "import-license") && body != NULL)
    {
      g_autofree char *file = json_to_string (self->body, FALSE);

      return seats_change_new_import_license (file);
    }
  else if (g_str_equal (self->kind, "convert-trial") && body != NULL)
    {
      const char *serial_number = NULL, *license_owner = NULL;

      if (!seats_json_string (body, "outbox", "serial_number", SEATS_JSON_REQUIRED, &serial_number, error) ||
          !seats_json_string (body, "outbox", "license_owner", SEATS_JSON_REQUIRED, &license_owner, error))
        return NULL;
      return seats_change_new_convert_trial (serial_number, license_owner);
    }
  else
    return NULL;

  if (etag != NULL)
    seats_change_set_basis (change, key, etag);

  return g_steal_pointer (&change);
}

/**
 * seats_api_change_from_outbox_request:
 * @text: an entry of the outbox as Seats 0.1 wrote it: a request of the
 *   license API (seats_api_request_serialize())
 *
 * Reads a change that waited in the outbox across the update to the
 * outbox of changes, so that it is still sent, checked against the same
 * version as before.
 *
 * @is_request: (out) (optional): whether @text is such a request at all,
 *   whether or not it makes a change Seats knows
 *
 * Returns: (transfer full) (nullable): the change, or %NULL when @text is
 *   not such a request or not one of a change
 */
SeatsChange *
seats_api_change_from_outbox_request (const char *text,
                                      gboolean   *is_request)
{
  g_autoptr(SeatsApiRequest) request = NULL;
  g_autoptr(GError) local_error = NULL;
  SeatsChange *change = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  request = seats_api_request_deserialize (text, &local_error);
  if (is_request != NULL)
    *is_request = request != NULL;
  if (request != NULL)
    change = request_to_change (request, &local_error);

  if (change == NULL)
    g_debug ("An outbox entry of Seats 0.1 is not a change: %s",
             local_error != NULL ? local_error->message : "a request of no known kind");

  return change;
}
