/* seats-server-scim.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-server"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "seats-server-private.h"

#define USER_COLUMNS \
  "id, user_name, given_name, family_name, email, active, start_date, end_date, " \
  "grace_deadline, created, modified, version, modules"

/* A parsed SCIM filter: the few the client needs for delta sync. */
typedef struct
{
  gboolean  has_modified;
  gboolean  inclusive;
  gint64    modified;
  char     *user_name;
  int       active;
} UserFilter;

static char *
request_base (SeatsRequest *req)
{
  GUri *uri = soup_server_message_get_uri (req->msg);

  return g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri),
                          g_uri_get_port (uri));
}

static char *
user_etag (gint64 version)
{
  return g_strdup_printf ("W/\"%" G_GINT64_FORMAT "\"", version);
}

/* Writes the user by hand rather than through a JsonBuilder: a list page
 * holds up to 1000 of them, and this is most of a full sync's time. */
void
seats_server_scim_append_user (SeatsServer  *self,
                               GString      *out,
                               sqlite3_stmt *stmt,
                               const GDate  *today,
                               const char   *base)
{
  const char *id = (const char *) sqlite3_column_text (stmt, 0);
  const char *given = (const char *) sqlite3_column_text (stmt, 2);
  const char *family = (const char *) sqlite3_column_text (stmt, 3);
  const char *modules = (const char *) sqlite3_column_text (stmt, 12);
  gboolean active = sqlite3_column_int (stmt, 5);
  guint32 end_julian = sqlite3_column_int (stmt, 7);
  GDate end;

  seats_date_from_julian (&end, end_julian);

  g_string_append (out, "{\"schemas\":[\"" SEATS_SCIM_USER_SCHEMA "\",\"" SEATS_SCIM_EXT_SCHEMA "\"],"
                        "\"id\":");
  seats_json_append_string (out, id);
  g_string_append (out, ",\"userName\":");
  seats_json_append_string (out, (const char *) sqlite3_column_text (stmt, 1));
  g_string_append (out, ",\"name\":{\"formatted\":\"");
  seats_json_append_escaped (out, given, -1);
  g_string_append_c (out, ' ');
  seats_json_append_escaped (out, family, -1);
  g_string_append (out, "\",\"givenName\":");
  seats_json_append_string (out, given);
  g_string_append (out, ",\"familyName\":");
  seats_json_append_string (out, family);
  g_string_append (out, "},\"displayName\":\"");
  seats_json_append_escaped (out, given, -1);
  g_string_append_c (out, ' ');
  seats_json_append_escaped (out, family, -1);
  g_string_append (out, "\",\"emails\":[{\"value\":");
  seats_json_append_string (out, (const char *) sqlite3_column_text (stmt, 4));
  g_string_append (out, ",\"primary\":true}],\"active\":");
  g_string_append (out, active ? "true" : "false");
  g_string_append (out, ",\"meta\":{\"resourceType\":\"User\",\"created\":");
  seats_json_append_timestamp (out, sqlite3_column_int64 (stmt, 9));
  g_string_append (out, ",\"lastModified\":");
  seats_json_append_timestamp (out, sqlite3_column_int64 (stmt, 10));
  g_string_append_printf (out, ",\"version\":\"W/\\\"%" G_GINT64_FORMAT "\\\"\",\"location\":\"",
                          (gint64) sqlite3_column_int64 (stmt, 11));
  seats_json_append_escaped (out, base, -1);
  g_string_append (out, "/scim/v2/Users/");
  seats_json_append_escaped (out, id, -1);
  g_string_append (out, "\"},\"" SEATS_SCIM_EXT_SCHEMA "\":{\"startDate\":");
  seats_json_append_date (out, sqlite3_column_int (stmt, 6));
  g_string_append (out, ",\"endDate\":");
  seats_json_append_date (out, end_julian);
  g_string_append (out, ",\"modules\":[");
  if (modules != NULL && *modules != '\0')
    {
      const char *p = modules;

      /* A comma-separated list of module ids, which have no commas. */
      for (;;)
        {
          const char *comma = strchr (p, ',');

          g_string_append_c (out, '"');
          seats_json_append_escaped (out, p, comma != NULL ? comma - p : -1);
          g_string_append_c (out, '"');
          if (comma == NULL)
            break;
          g_string_append_c (out, ',');
          p = comma + 1;
        }
    }
  g_string_append (out, "],\"graceDeadline\":");
  seats_json_append_date (out, sqlite3_column_int (stmt, 8));
  g_string_append (out, ",\"counts\":");
  g_string_append (out, seats_rules_user_counts (active, g_date_valid (&end) ? &end : NULL, today)
                          ? "true" : "false");
  g_string_append (out, "}}");
}

static void
reply_service_provider_config (SeatsServer  *self,
                               SeatsRequest *req)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *base = request_base (req);
  g_autofree char *location = g_strconcat (base, "/scim/v2/ServiceProviderConfig", NULL);
  static const char etag[] = "\"spc1\"";

  if (seats_request_not_modified (req, etag))
    return;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schemas");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
  json_builder_end_array (builder);
  seats_json_add_string (builder, "documentationUri", "https://github.com/seatsapp/seats");
  json_builder_set_member_name (builder, "patch");
  json_builder_begin_object (builder);
  seats_json_add_bool (builder, "supported", TRUE);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "bulk");
  json_builder_begin_object (builder);
  seats_json_add_bool (builder, "supported", FALSE);
  seats_json_add_int (builder, "maxOperations", 0);
  seats_json_add_int (builder, "maxPayloadSize", 0);
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
  json_builder_set_member_name (builder, "meta");
  json_builder_begin_object (builder);
  seats_json_add_string (builder, "resourceType", "ServiceProviderConfig");
  seats_json_add_string (builder, "location", location);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  seats_request_reply_builder (req, 200, builder, etag);
}

static char *
unquote (const char *text)
{
  gsize length = strlen (text);

  if (length < 2 || text[0] != '"' || text[length - 1] != '"')
    return NULL;

  return g_strndup (text + 1, length - 2);
}

static gboolean
parse_filter (const char *text,
              UserFilter *filter)
{
  g_auto(GStrv) parts = NULL;

  filter->active = -1;
  if (text == NULL)
    return TRUE;

  if (strlen (text) > 256)
    return FALSE;

  parts = g_strsplit (text, " ", 3);
  if (g_strv_length (parts) != 3)
    return FALSE;

  if (g_ascii_strcasecmp (parts[0], "meta.lastModified") == 0 &&
      (g_ascii_strcasecmp (parts[1], "gt") == 0 || g_ascii_strcasecmp (parts[1], "ge") == 0))
    {
      g_autofree char *value = unquote (parts[2]);

      filter->has_modified = TRUE;
      filter->inclusive = g_ascii_strcasecmp (parts[1], "ge") == 0;
      return value != NULL && seats_parse_timestamp (value, &filter->modified);
    }

  if (g_ascii_strcasecmp (parts[0], "userName") == 0 && g_ascii_strcasecmp (parts[1], "eq") == 0)
    {
      filter->user_name = unquote (parts[2]);
      return filter->user_name != NULL;
    }

  if (g_ascii_strcasecmp (parts[0], "active") == 0 && g_ascii_strcasecmp (parts[1], "eq") == 0)
    {
      if (g_str_equal (parts[2], "true"))
        filter->active = 1;
      else if (g_str_equal (parts[2], "false"))
        filter->active = 0;
      return filter->active >= 0;
    }

  return FALSE;
}

static void
bind_filter (sqlite3_stmt *stmt,
             gint64        org_id,
             UserFilter   *filter)
{
  sqlite3_bind_int64 (stmt, 1, org_id);
  if (filter->has_modified)
    sqlite3_bind_int64 (stmt, filter->inclusive ? 3 : 2, filter->modified);
  seats_server_db_bind_text (stmt, 4, filter->user_name);
  if (filter->active >= 0)
    sqlite3_bind_int (stmt, 5, filter->active);
}

#define FILTER_SQL \
  "org_id = ?1 AND (?2 IS NULL OR modified > ?2) AND (?3 IS NULL OR modified >= ?3) " \
  "AND (?4 IS NULL OR user_name = ?4) AND (?5 IS NULL OR active = ?5)"

#define UNFILTERED_SQL "org_id = ?1"

/* Without a filter the statements name only the organization, so that
 * SQLite counts and skips the first startIndex - 1 users on the index
 * alone, without reading their rows. */
static sqlite3_stmt *
prepare_list (SeatsServer  *self,
              SeatsRequest *req,
              UserFilter   *filter,
              gboolean      count)
{
  gboolean filtered = filter->has_modified || filter->user_name != NULL || filter->active >= 0;
  sqlite3_stmt *stmt;

  if (count)
    stmt = seats_server_db_prepare (self, filtered
      ? "SELECT count(*) FROM users WHERE " FILTER_SQL
      : "SELECT count(*) FROM users WHERE " UNFILTERED_SQL);
  else
    stmt = seats_server_db_prepare (self, filtered
      ? "SELECT " USER_COLUMNS " FROM users WHERE " FILTER_SQL " ORDER BY seq LIMIT ?6 OFFSET ?7"
      : "SELECT " USER_COLUMNS " FROM users WHERE " UNFILTERED_SQL " ORDER BY seq LIMIT ?6 OFFSET ?7");

  if (filtered)
    bind_filter (stmt, req->org->id, filter);
  else
    sqlite3_bind_int64 (stmt, 1, req->org->id);

  return stmt;
}

/* The fault users-leave: once, while a client pages through the users, the
 * first five leave upstream, so that the pages after them shift. */
static gboolean
remove_first_users (SeatsServer  *self,
                    SeatsRequest *req)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self,
    "SELECT id FROM users WHERE org_id = ? ORDER BY seq LIMIT 5");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  self->users_left = TRUE;
  sqlite3_bind_int64 (stmt, 1, req->org->id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, seats_server_db_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (!seats_server_db_begin (self, &error))
    {
      seats_request_reply_db_error (req, error);
      return FALSE;
    }
  for (guint i = 0; i < ids->len; i++)
    if (!seats_server_db_remove_user (self, req->org->id, g_ptr_array_index (ids, i), &error))
      break;
  if (error != NULL || !seats_server_db_bump_revision (self, req->org->id, &error) ||
      !seats_server_db_commit (self, &error))
    {
      seats_server_db_rollback (self);
      seats_request_reply_db_error (req, error);
      return FALSE;
    }

  return TRUE;
}

static void
reply_user_list (SeatsServer  *self,
                 SeatsRequest *req)
{
  g_autofree char *etag = seats_request_collection_etag (req);
  g_autofree char *base = NULL;
  UserFilter filter = { 0, };
  GString *out;
  sqlite3_stmt *stmt;
  guint start_index;
  guint count;
  guint total = 0;
  guint items = 0;
  GDate today;

  if (!seats_request_query_uint (req, "startIndex", 1, 1, G_MAXINT32, &start_index) ||
      !seats_request_query_uint (req, "count", SEATS_SERVER_SCIM_DEFAULT, 0,
                                 SEATS_SERVER_SCIM_MAX_COUNT, &count))
    return;

  if (!parse_filter (req->query ? g_hash_table_lookup (req->query, "filter") : NULL, &filter))
    {
      g_free (filter.user_name);
      seats_request_reply_problem (req, 400, "invalid-filter",
                                   "Supported filters: meta.lastModified gt \"<RFC 3339>\", "
                                   "userName eq \"<name>\", active eq true|false.", "filter");
      return;
    }

  if (seats_request_not_modified (req, etag))
    {
      g_free (filter.user_name);
      return;
    }

  if (g_strcmp0 (req->fault, "users-leave") == 0 && start_index > 1 && !self->users_left &&
      !remove_first_users (self, req))
    {
      g_free (filter.user_name);
      return;
    }

  seats_server_org_today (self, req->org, &today);
  base = request_base (req);

  stmt = prepare_list (self, req, &filter, TRUE);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    total = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  /* Faults: totals that disagree with what is sent. */
  if (g_strcmp0 (req->fault, "inflated-total") == 0)
    total += 1490;
  else if (g_strcmp0 (req->fault, "enormous-total") == 0)
    total = 10000000;

  /* About 750 bytes a user: one allocation for most pages. */
  out = g_string_sized_new (256 + (gsize) MIN (count, total) * 800);
  g_string_append_printf (out, "{\"schemas\":[\"" SEATS_SCIM_LIST_SCHEMA "\"],"
                          "\"totalResults\":%u,\"startIndex\":%u,\"Resources\":[",
                          total, start_index);

  stmt = prepare_list (self, req, &filter, FALSE);
  sqlite3_bind_int (stmt, 6, count);
  sqlite3_bind_int64 (stmt, 7, start_index - 1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (items > 0)
        g_string_append_c (out, ',');
      seats_server_scim_append_user (self, out, stmt, &today, base);
      items++;
    }
  sqlite3_reset (stmt);
  g_string_append_printf (out, "],\"itemsPerPage\":%u}", items);

  g_free (filter.user_name);
  seats_request_reply_json (req, 200, out, etag);
}

/* Positions the statement on the user; the caller resets it. */
static sqlite3_stmt *
find_user (SeatsServer  *self,
           SeatsRequest *req,
           const char   *user_id)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self,
    "SELECT " USER_COLUMNS " FROM users WHERE org_id = ? AND id = ?");

  sqlite3_bind_int64 (stmt, 1, req->org->id);
  seats_server_db_bind_text (stmt, 2, user_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return NULL;
    }

  return stmt;
}

static void
reply_user (SeatsServer  *self,
            SeatsRequest *req,
            const char   *user_id,
            guint         status)
{
  g_autofree char *base = request_base (req);
  g_autofree char *etag = NULL;
  sqlite3_stmt *stmt;
  GString *out;
  GDate today;

  seats_server_org_today (self, req->org, &today);
  stmt = find_user (self, req, user_id);
  if (stmt == NULL)
    {
      seats_request_reply_problem (req, 404, "not-found", _("There is no such user."), NULL);
      return;
    }

  etag = user_etag (sqlite3_column_int64 (stmt, 11));
  if (status == 200 && g_str_equal (req->method, "GET") && seats_request_not_modified (req, etag))
    {
      sqlite3_reset (stmt);
      return;
    }

  out = g_string_sized_new (1024);
  seats_server_scim_append_user (self, out, stmt, &today, base);
  sqlite3_reset (stmt);
  seats_request_reply_json (req, status, out, etag);
}

/**
 * seats_server_set_user_active:
 *
 * Activates or deactivates a user in the current transaction. Activation
 * is R6: the rule decides whether a seat is free, and under `grace` gives
 * the deadline of an over-allocated user.
 */
gboolean
seats_server_set_user_active (SeatsServer   *self,
                              SeatsRequest  *req,
                              const char    *user_id,
                              gboolean       active,
                              GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean was_active;
  guint32 deadline_julian = 0;
  GDate today;

  seats_server_org_today (self, req->org, &today);
  stmt = find_user (self, req, user_id);
  if (stmt == NULL)
    {
      g_set_error_literal (error, SEATS_SERVER_ERROR, SEATS_SERVER_ERROR_NOT_FOUND,
                           _("There is no such user."));
      return FALSE;
    }
  was_active = sqlite3_column_int (stmt, 5);
  sqlite3_reset (stmt);

  if (was_active == active)
    return TRUE;

  if (active)
    {
      gboolean over = FALSE;
      GDate deadline;

      if (!seats_rules_check_activation (&req->org->policy,
                                         seats_server_db_user_seats (self, req->org->id),
                                         seats_server_db_count_counted (self, req->org->id, &today),
                                         &today, &over, &deadline, error))
        return FALSE;

      if (over && g_date_valid (&deadline))
        deadline_julian = g_date_get_julian (&deadline);
    }

  stmt = seats_server_db_prepare (self,
    "UPDATE users SET active = ?, grace_deadline = ?, version = version + 1, modified = ? "
    "WHERE org_id = ? AND id = ?");
  sqlite3_bind_int (stmt, 1, active);
  sqlite3_bind_int64 (stmt, 2, deadline_julian);
  sqlite3_bind_int64 (stmt, 3, seats_server_now_ms (self));
  sqlite3_bind_int64 (stmt, 4, req->org->id);
  seats_server_db_bind_text (stmt, 5, user_id);

  return seats_server_db_step_done (self, stmt, error) &&
         seats_server_db_log_action (self, req->org->id, req->actor,
                                     active ? "activate-user" : "deactivate-user", user_id,
                                     active ? "inactive" : "active",
                                     active ? "active" : "inactive", error) &&
         (active || seats_server_reconcile_grace (self, req->org, &today, error)) &&
         seats_server_db_bump_revision (self, req->org->id, error);
}

/* Reads the PatchOp: only `active` may change; everything else a user has
 * is upstream data (R16) or changed elsewhere. Returns -1 when refused. */
static int
read_patch (SeatsRequest *req)
{
  static const SeatsFieldSpec patch_fields[] = {
    { "schemas", SEATS_FIELD_ARRAY, TRUE, FALSE },
    { "Operations", SEATS_FIELD_ARRAY, TRUE, FALSE },
  };
  static const SeatsFieldSpec operation_fields[] = {
    { "op", SEATS_FIELD_STRING, TRUE, FALSE },
    { "path", SEATS_FIELD_STRING, FALSE, FALSE },
    { "value", SEATS_FIELD_ANY, FALSE, TRUE },
  };
  JsonArray *schemas;
  JsonArray *operations;
  int active = -1;

  if (!seats_request_check_fields (req, req->body, NULL, patch_fields, G_N_ELEMENTS (patch_fields)))
    return -1;

  schemas = json_object_get_array_member (req->body, "schemas");
  if (json_array_get_length (schemas) != 1 ||
      g_strcmp0 (json_node_get_string (json_array_get_element (schemas, 0)), SEATS_SCIM_PATCH_SCHEMA) != 0)
    {
      seats_request_reply_problem (req, 400, "malformed-request",
                                   "The body must be a PatchOp (" SEATS_SCIM_PATCH_SCHEMA ").", "schemas");
      return -1;
    }

  operations = json_object_get_array_member (req->body, "Operations");
  if (json_array_get_length (operations) == 0 || json_array_get_length (operations) > 10)
    {
      seats_request_reply_problem (req, 400, "malformed-request",
                                   "Send from 1 to 10 operations.", "Operations");
      return -1;
    }

  for (guint i = 0; i < json_array_get_length (operations); i++)
    {
      JsonNode *node = json_array_get_element (operations, i);
      JsonObject *operation;
      const char *path;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          seats_request_reply_problem (req, 400, "malformed-request",
                                       "Each operation must be an object.", "Operations");
          return -1;
        }

      operation = json_node_get_object (node);
      if (!seats_request_check_fields (req, operation, "Operations", operation_fields,
                                       G_N_ELEMENTS (operation_fields)))
        return -1;

      if (g_ascii_strcasecmp (seats_json_get_string (operation, "op"), "replace") != 0 &&
          g_ascii_strcasecmp (seats_json_get_string (operation, "op"), "add") != 0)
        {
          seats_request_reply_problem (req, 400, "read-only",
                                       "Users cannot be removed here: they come from the organization's own system.",
                                       "op");
          return -1;
        }

      path = seats_json_get_string (operation, "path");
      value = json_object_get_member (operation, "value");

      /* Without a path the value is an object of attributes (RFC 7644 3.5.2.3). */
      if (path == NULL && value != NULL && JSON_NODE_HOLDS_OBJECT (value) &&
          json_object_get_size (json_node_get_object (value)) == 1 &&
          json_object_has_member (json_node_get_object (value), "active"))
        {
          path = "active";
          value = json_object_get_member (json_node_get_object (value), "active");
        }

      if (path == NULL)
        {
          seats_request_reply_problem (req, 400, "read-only",
                                       "Only \"active\" can be changed here.", "path");
          return -1;
        }

      if (g_ascii_strcasecmp (path, "active") != 0)
        {
          g_autofree char *detail = g_strdup_printf (
            "\"%s\" cannot be changed here. Names and e-mail addresses come from %s: change them there; "
            "the change appears after the next sync. Only \"active\" can be changed.",
            path, req->org->upstream_system);

          seats_request_reply_problem (req, 400, "read-only", detail, "path");
          return -1;
        }

      if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
          json_node_get_value_type (value) != G_TYPE_BOOLEAN)
        {
          seats_request_reply_problem (req, 400, "malformed-request",
                                       "\"active\" must be true or false.", "value");
          return -1;
        }

      active = json_node_get_boolean (value);
    }

  return active;
}

static void
patch_user (SeatsServer  *self,
            SeatsRequest *req,
            const char   *user_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  sqlite3_stmt *stmt;
  int active;

  if (!seats_request_require_admin (req))
    return;

  stmt = find_user (self, req, user_id);
  if (stmt == NULL)
    {
      seats_request_reply_problem (req, 404, "not-found", _("There is no such user."), NULL);
      return;
    }
  etag = user_etag (sqlite3_column_int64 (stmt, 11));
  sqlite3_reset (stmt);

  if (!seats_request_check_if_match (req, etag) ||
      !seats_request_parse_body (req, SEATS_SERVER_MAX_BODY) ||
      (active = read_patch (req)) < 0)
    return;

  if (!seats_server_db_begin (self, &error))
    {
      seats_request_reply_db_error (req, error);
      return;
    }

  if (!seats_server_set_user_active (self, req, user_id, active, &error) ||
      !seats_server_db_commit (self, &error))
    {
      seats_server_db_rollback (self);
      seats_request_reply_rule_error (req, error, "active");
      return;
    }

  reply_user (self, req, user_id, 200);
}

void
seats_server_scim_dispatch (SeatsServer  *self,
                            SeatsRequest *req)
{
  const char *resource = req->n_segments > 2 ? req->segments[2] : "";
  gboolean get = g_str_equal (req->method, "GET");

  if (req->n_segments == 3 && g_str_equal (resource, "ServiceProviderConfig") && get)
    reply_service_provider_config (self, req);
  else if (req->n_segments == 3 && g_str_equal (resource, "Users") && get)
    reply_user_list (self, req);
  else if (req->n_segments == 4 && g_str_equal (resource, "Users") && get)
    reply_user (self, req, req->segments[3], 200);
  else if (req->n_segments == 4 && g_str_equal (resource, "Users") &&
           g_str_equal (req->method, "PATCH"))
    patch_user (self, req, req->segments[3]);
  else if (req->n_segments == 3 || req->n_segments == 4)
    seats_request_reply_problem (req, g_str_equal (resource, "Users") ? 405 : 404,
                                 g_str_equal (resource, "Users") ? "method-not-allowed" : "not-found",
                                 "This is not supported here.", NULL);
}

/**
 * seats_server_scim_append_changed_users:
 * @out: where the users go, as a JSON array
 * @since: the users changed at or after this moment, in milliseconds
 * @limit: at most this many
 * @more: (out): whether more users changed than @limit
 *
 * The users a delta carries, as SCIM resources, in the order they changed.
 */
void
seats_server_scim_append_changed_users (SeatsServer  *self,
                                        SeatsRequest *req,
                                        GString      *out,
                                        gint64        since,
                                        guint         limit,
                                        gboolean     *more)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self,
    "SELECT " USER_COLUMNS " FROM users WHERE org_id = ? AND modified >= ? "
    "ORDER BY modified, id LIMIT ?");
  g_autofree char *base = request_base (req);
  guint n = 0;
  GDate today;

  seats_server_org_today (self, req->org, &today);
  *more = FALSE;
  g_string_append_c (out, '[');
  sqlite3_bind_int64 (stmt, 1, req->org->id);
  sqlite3_bind_int64 (stmt, 2, since);
  sqlite3_bind_int64 (stmt, 3, (gint64) limit + 1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (n == limit)
        {
          *more = TRUE;
          break;
        }
      if (n++ > 0)
        g_string_append_c (out, ',');
      seats_server_scim_append_user (self, out, stmt, &today, base);
    }
  sqlite3_reset (stmt);
  g_string_append_c (out, ']');
}
