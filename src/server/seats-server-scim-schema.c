/* seats-server-scim-schema.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-server"

#include "config.h"

#include <string.h>

#include "seats-server-private.h"

/* What a SCIM user has, written down once: /Schemas describes it from this
 * table, and the names in filters, PATCH paths and the attributes
 * parameters (RFC 7644 3.10) are looked up in it, so that what the service
 * says it has and what it understands cannot drift apart. */

#define SEATS_SCIM_SCHEMA_SCHEMA        "urn:ietf:params:scim:schemas:core:2.0:Schema"
#define SEATS_SCIM_RESOURCE_TYPE_SCHEMA "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
#define SEATS_SCIM_CONFIG_SCHEMA \
  "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"

/* The descriptions do not change while the server runs. */
#define CONFIG_ETAG         "\"spc2\""
#define SCHEMAS_ETAG        "\"schemas1\""
#define RESOURCE_TYPES_ETAG "\"types1\""

typedef enum
{
  ATTRIBUTE_MULTI_VALUED = 1 << 0,
  ATTRIBUTE_REQUIRED     = 1 << 1,
  ATTRIBUTE_CASE_EXACT   = 1 << 2,
  ATTRIBUTE_READ_WRITE   = 1 << 3,
  ATTRIBUTE_UNIQUE       = 1 << 4,
} AttributeFlags;

typedef struct _ScimAttribute ScimAttribute;

struct _ScimAttribute
{
  const char          *name;
  const char          *type;
  AttributeFlags       flags;
  const char          *description;
  guint                mask;
  const ScimAttribute *sub_attributes;
};

static const ScimAttribute name_attributes[] = {
  { "formatted", "string", 0, "The full name, given name first.", SEATS_SCIM_ATTR_NAME_FORMATTED,
    NULL },
  { "givenName", "string", 0, "The given name.", SEATS_SCIM_ATTR_GIVEN_NAME, NULL },
  { "familyName", "string", 0, "The family name.", SEATS_SCIM_ATTR_FAMILY_NAME, NULL },
  { NULL },
};

static const ScimAttribute email_attributes[] = {
  { "value", "string", 0, "The e-mail address.", SEATS_SCIM_ATTR_EMAIL_VALUE, NULL },
  { "primary", "boolean", 0, "Always true: a user has the one address.",
    SEATS_SCIM_ATTR_EMAIL_PRIMARY, NULL },
  { NULL },
};

/* Everything but active comes from the organization's own source system
 * (R16): read-only here, changed there. */
static const ScimAttribute core_attributes[] = {
  { "userName", "string", ATTRIBUTE_REQUIRED | ATTRIBUTE_UNIQUE,
    "The name the user signs in with, from the organization's source system; not "
    "case-sensitive.", SEATS_SCIM_ATTR_USER_NAME, NULL },
  { "name", "complex", 0, "The user's name, from the organization's source system.",
    SEATS_SCIM_ATTR_NAME, name_attributes },
  { "displayName", "string", 0, "The given and family name, as shown.",
    SEATS_SCIM_ATTR_DISPLAY_NAME, NULL },
  { "emails", "complex", ATTRIBUTE_MULTI_VALUED,
    "The user's e-mail address, from the organization's source system.",
    SEATS_SCIM_ATTR_EMAILS, email_attributes },
  { "active", "boolean", ATTRIBUTE_READ_WRITE,
    "Whether the user may use the product. Activating takes a free license, and is "
    "refused without one unless the subscription allows a grace period; deactivating gives "
    "the license back.", SEATS_SCIM_ATTR_ACTIVE, NULL },
  { NULL },
};

/* Dates are calendar days, YYYY-MM-DD, not SCIM dateTime instants: a
 * license starts and ends on a day of the organization's calendar. No
 * value is null. */
static const ScimAttribute extension_attributes[] = {
  { "startDate", "string", ATTRIBUTE_CASE_EXACT,
    "The first day of the user's license, a calendar date (YYYY-MM-DD), or no value. A "
    "start in the future still counts.", SEATS_SCIM_ATTR_START_DATE, NULL },
  { "endDate", "string", ATTRIBUTE_CASE_EXACT,
    "The last day of the user's license, inclusive, a calendar date (YYYY-MM-DD), or no "
    "value when it has no end.", SEATS_SCIM_ATTR_END_DATE, NULL },
  { "modules", "string", ATTRIBUTE_MULTI_VALUED | ATTRIBUTE_CASE_EXACT,
    "The ids of the add-on modules assigned to the user, changed at "
    "/api/v1/products/{id}/assignments.", SEATS_SCIM_ATTR_MODULES, NULL },
  { "graceDeadline", "string", ATTRIBUTE_CASE_EXACT,
    "For a user over the license count under the grace policy, the last day before the user "
    "is deactivated, a calendar date (YYYY-MM-DD); otherwise no value.",
    SEATS_SCIM_ATTR_GRACE_DEADLINE, NULL },
  { "counts", "boolean", 0,
    "Whether the user holds a license today: active, and the end date not passed.",
    SEATS_SCIM_ATTR_COUNTS, NULL },
  { NULL },
};

/* The common attributes of every resource (RFC 7643 3.1): not part of a
 * schema, but named in filters and the attributes parameters all the same. */
static const ScimAttribute meta_attributes[] = {
  { "resourceType", "string", 0, NULL, SEATS_SCIM_ATTR_META_RESOURCE_TYPE, NULL },
  { "created", "dateTime", 0, NULL, SEATS_SCIM_ATTR_META_CREATED, NULL },
  { "lastModified", "dateTime", 0, NULL, SEATS_SCIM_ATTR_META_LAST_MODIFIED, NULL },
  { "version", "string", 0, NULL, SEATS_SCIM_ATTR_META_VERSION, NULL },
  { "location", "reference", 0, NULL, SEATS_SCIM_ATTR_META_LOCATION, NULL },
  { NULL },
};

static const ScimAttribute common_attributes[] = {
  { "id", "string", 0, NULL, SEATS_SCIM_ATTR_ID, NULL },
  { "meta", "complex", 0, NULL, SEATS_SCIM_ATTR_META, meta_attributes },
  { NULL },
};

typedef struct
{
  const char          *id;
  const char          *name;
  const char          *description;
  const ScimAttribute *attributes;
} ScimSchema;

static const ScimSchema schemas[] = {
  { SEATS_SCIM_USER_SCHEMA, "User", "A user of the organization, who may hold a license.",
    core_attributes },
  { SEATS_SCIM_EXT_SCHEMA, "Seats user",
    "What decides whether a user holds a license: the dates, the grace deadline and the "
    "add-on modules.", extension_attributes },
};

/* The attribute @path names in @attributes: "name", or "name.givenName". */
static guint
resolve_in (const ScimAttribute *attributes,
            const char          *path)
{
  const char *dot = strchr (path, '.');
  gsize length = dot != NULL ? (gsize) (dot - path) : strlen (path);

  for (const ScimAttribute *attribute = attributes; attribute->name != NULL; attribute++)
    {
      if (strlen (attribute->name) != length ||
          g_ascii_strncasecmp (attribute->name, path, length) != 0)
        continue;

      if (dot == NULL)
        return attribute->mask;

      return attribute->sub_attributes != NULL ? resolve_in (attribute->sub_attributes, dot + 1)
                                               : 0;
    }

  return 0;
}

/* Whether @path begins with the schema URN @urn, and where the rest starts. */
static gboolean
has_schema_prefix (const char  *path,
                   const char  *urn,
                   const char **rest)
{
  gsize length = strlen (urn);

  if (g_ascii_strncasecmp (path, urn, length) != 0 ||
      (path[length] != '\0' && path[length] != ':'))
    return FALSE;

  *rest = path[length] == ':' ? path + length + 1 : NULL;
  return TRUE;
}

/**
 * seats_server_scim_resolve_attribute:
 * @path: an attribute's name in RFC 7644 3.10 notation: "userName",
 *   "name.givenName", "meta.lastModified", fully qualified
 *   ("urn:ietf:params:scim:schemas:core:2.0:User:active",
 *   "urn:ietf:params:scim:schemas:extension:seats:2.0:User:modules"), or a
 *   schema's URN alone for all of its attributes
 *
 * Attribute names are not case-sensitive (RFC 7643 2.1). An extension's
 * attributes are named with its URN; a name without one is the core
 * schema's, or a common attribute.
 *
 * Returns: the #SeatsScimAttr bits of what @path names, 0 for nothing a
 *   user has
 */
guint
seats_server_scim_resolve_attribute (const char *path)
{
  const char *rest = path;

  g_return_val_if_fail (path != NULL, 0);

  if (has_schema_prefix (path, SEATS_SCIM_EXT_SCHEMA, &rest))
    return rest == NULL ? SEATS_SCIM_ATTR_EXTENSION : resolve_in (extension_attributes, rest);

  if (has_schema_prefix (path, SEATS_SCIM_USER_SCHEMA, &rest) && rest == NULL)
    return SEATS_SCIM_ATTR_CORE;

  if (rest == NULL || *rest == '\0')
    return 0;

  return resolve_in (core_attributes, rest) | resolve_in (common_attributes, rest);
}

/* RFC 7644 4: the discovery endpoints take no filter, lest a client
 * believe that what it asked for was matched. */
static gboolean
refuse_filter (SeatsRequest *req)
{
  if (req->query == NULL || !g_hash_table_contains (req->query, "filter"))
    return FALSE;

  seats_request_reply_problem (req, 403, "invalid-filter",
                               "This endpoint takes no filter (RFC 7644 4).", "filter");
  return TRUE;
}

static void
add_meta (JsonBuilder  *builder,
          SeatsRequest *req,
          const char   *resource_type,
          const char   *path)
{
  g_autofree char *base = seats_request_base (req);
  g_autofree char *location = g_strconcat (base, "/scim/v2/", path, NULL);

  json_builder_set_member_name (builder, "meta");
  json_builder_begin_object (builder);
  seats_json_add_string (builder, "resourceType", resource_type);
  seats_json_add_string (builder, "location", location);
  json_builder_end_object (builder);
}

static void
begin_list (JsonBuilder *builder,
            guint        total)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schemas");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, SEATS_SCIM_LIST_SCHEMA);
  json_builder_end_array (builder);
  seats_json_add_int (builder, "totalResults", total);
  seats_json_add_int (builder, "itemsPerPage", total);
  seats_json_add_int (builder, "startIndex", 1);
  json_builder_set_member_name (builder, "Resources");
  json_builder_begin_array (builder);
}

static void
end_list (JsonBuilder *builder)
{
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

void
seats_server_scim_reply_config (SeatsServer  *self,
                                SeatsRequest *req)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (refuse_filter (req) || seats_request_not_modified (req, CONFIG_ETAG))
    return;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schemas");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, SEATS_SCIM_CONFIG_SCHEMA);
  json_builder_end_array (builder);
  seats_json_add_string (builder, "documentationUri", "https://github.com/seatsapp/seats");
  json_builder_set_member_name (builder, "patch");
  json_builder_begin_object (builder);
  seats_json_add_bool (builder, "supported", TRUE);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "bulk");
  json_builder_begin_object (builder);
  seats_json_add_bool (builder, "supported", TRUE);
  seats_json_add_int (builder, "maxOperations", SEATS_SERVER_BULK_MAX_OPERATIONS);
  seats_json_add_int (builder, "maxPayloadSize", SEATS_SERVER_BULK_MAX_PAYLOAD);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "filter");
  json_builder_begin_object (builder);
  seats_json_add_bool (builder, "supported", TRUE);
  seats_json_add_int (builder, "maxResults", SEATS_SERVER_SCIM_MAX_COUNT);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "changePassword");
  json_builder_begin_object (builder);
  seats_json_add_bool (builder, "supported", FALSE);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "sort");
  json_builder_begin_object (builder);
  seats_json_add_bool (builder, "supported", FALSE);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "etag");
  json_builder_begin_object (builder);
  seats_json_add_bool (builder, "supported", TRUE);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "authenticationSchemes");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  seats_json_add_string (builder, "type", "oauthbearertoken");
  seats_json_add_string (builder, "name", "Bearer token");
  seats_json_add_string (builder, "description", "A token of the organization, admin or viewer.");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  add_meta (builder, req, "ServiceProviderConfig", "ServiceProviderConfig");
  json_builder_end_object (builder);

  seats_request_reply_builder (req, 200, builder, CONFIG_ETAG);
}

/* An attribute's characteristics (RFC 7643 2.2, 7): caseExact and
 * uniqueness only where they mean something, for strings. */
static void
add_attributes (JsonBuilder         *builder,
                const ScimAttribute *attributes)
{
  json_builder_begin_array (builder);
  for (const ScimAttribute *attribute = attributes; attribute->name != NULL; attribute++)
    {
      gboolean string = g_str_equal (attribute->type, "string");

      json_builder_begin_object (builder);
      seats_json_add_string (builder, "name", attribute->name);
      seats_json_add_string (builder, "type", attribute->type);
      seats_json_add_bool (builder, "multiValued",
                           (attribute->flags & ATTRIBUTE_MULTI_VALUED) != 0);
      seats_json_add_string (builder, "description", attribute->description);
      seats_json_add_bool (builder, "required", (attribute->flags & ATTRIBUTE_REQUIRED) != 0);
      if (string)
        seats_json_add_bool (builder, "caseExact", (attribute->flags & ATTRIBUTE_CASE_EXACT) != 0);
      seats_json_add_string (builder, "mutability",
                             attribute->flags & ATTRIBUTE_READ_WRITE ? "readWrite" : "readOnly");
      seats_json_add_string (builder, "returned", "default");
      if (string)
        seats_json_add_string (builder, "uniqueness",
                               attribute->flags & ATTRIBUTE_UNIQUE ? "server" : "none");
      if (attribute->sub_attributes != NULL)
        {
          json_builder_set_member_name (builder, "subAttributes");
          add_attributes (builder, attribute->sub_attributes);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_schema (JsonBuilder      *builder,
            SeatsRequest     *req,
            const ScimSchema *schema)
{
  g_autofree char *path = g_strconcat ("Schemas/", schema->id, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schemas");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, SEATS_SCIM_SCHEMA_SCHEMA);
  json_builder_end_array (builder);
  seats_json_add_string (builder, "id", schema->id);
  seats_json_add_string (builder, "name", schema->name);
  seats_json_add_string (builder, "description", schema->description);
  json_builder_set_member_name (builder, "attributes");
  add_attributes (builder, schema->attributes);
  add_meta (builder, req, "Schema", path);
  json_builder_end_object (builder);
}

/**
 * seats_server_scim_reply_schemas:
 * @id: (nullable): a schema's URN, or %NULL for all of them
 *
 * RFC 7644 4, RFC 7643 7: the schemas of a user, as a list or one.
 */
void
seats_server_scim_reply_schemas (SeatsServer  *self,
                                 SeatsRequest *req,
                                 const char   *id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *urn = id != NULL ? g_uri_unescape_string (id, NULL) : NULL;
  const ScimSchema *found = NULL;

  if (id != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (schemas) && found == NULL; i++)
        if (urn != NULL && g_ascii_strcasecmp (schemas[i].id, urn) == 0)
          found = &schemas[i];

      if (found == NULL)
        {
          seats_request_reply_not_found (req);
          return;
        }
    }

  if (refuse_filter (req) || seats_request_not_modified (req, SCHEMAS_ETAG))
    return;

  if (found != NULL)
    add_schema (builder, req, found);
  else
    {
      begin_list (builder, G_N_ELEMENTS (schemas));
      for (guint i = 0; i < G_N_ELEMENTS (schemas); i++)
        add_schema (builder, req, &schemas[i]);
      end_list (builder);
    }

  seats_request_reply_builder (req, 200, builder, SCHEMAS_ETAG);
}

static void
add_user_type (JsonBuilder  *builder,
               SeatsRequest *req)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schemas");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, SEATS_SCIM_RESOURCE_TYPE_SCHEMA);
  json_builder_end_array (builder);
  seats_json_add_string (builder, "id", "User");
  seats_json_add_string (builder, "name", "User");
  seats_json_add_string (builder, "endpoint", "/Users");
  seats_json_add_string (builder, "description",
                         "The users of the organization and their licenses.");
  seats_json_add_string (builder, "schema", SEATS_SCIM_USER_SCHEMA);
  /* Every user has the extension: it says whether they hold a license. */
  json_builder_set_member_name (builder, "schemaExtensions");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  seats_json_add_string (builder, "schema", SEATS_SCIM_EXT_SCHEMA);
  seats_json_add_bool (builder, "required", TRUE);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  add_meta (builder, req, "ResourceType", "ResourceTypes/User");
  json_builder_end_object (builder);
}

/**
 * seats_server_scim_reply_resource_types:
 * @id: (nullable): a resource type's id, or %NULL for all of them
 *
 * RFC 7644 4, RFC 7643 6: the one resource type, User.
 */
void
seats_server_scim_reply_resource_types (SeatsServer  *self,
                                        SeatsRequest *req,
                                        const char   *id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (id != NULL && !g_str_equal (id, "User"))
    {
      seats_request_reply_not_found (req);
      return;
    }

  if (refuse_filter (req) || seats_request_not_modified (req, RESOURCE_TYPES_ETAG))
    return;

  if (id != NULL)
    add_user_type (builder, req);
  else
    {
      begin_list (builder, 1);
      add_user_type (builder, req);
      end_list (builder);
    }

  seats_request_reply_builder (req, 200, builder, RESOURCE_TYPES_ETAG);
}
