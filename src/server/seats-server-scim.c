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

#include "seats-json-reader.h"
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
user_etag (gint64 version)
{
  return g_strdup_printf ("W/\"%" G_GINT64_FORMAT "\"", version);
}

/* Begins a member of an object, @key quoted with its colon, after a comma
 * unless it is the object's first. */
static void
append_key (GString    *out,
            gboolean   *first,
            const char *key)
{
  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;
  g_string_append (out, key);
}

static void
append_full_name (GString    *out,
                  const char *given,
                  const char *family)
{
  g_string_append_c (out, '"');
  seats_json_append_escaped (out, given, -1);
  g_string_append_c (out, ' ');
  seats_json_append_escaped (out, family, -1);
  g_string_append_c (out, '"');
}

/* A comma-separated list of module ids, which have no commas. */
static void
append_modules (GString    *out,
                const char *modules)
{
  g_string_append_c (out, '[');
  if (modules != NULL && *modules != '\0')
    {
      const char *p = modules;

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
  g_string_append_c (out, ']');
}

/**
 * seats_server_scim_append_user:
 * @parts: the #SeatsScimAttr parts to write (RFC 7644 3.9); the id is
 *   always written
 *
 * Writes the user by hand rather than through a JsonBuilder: a list page
 * holds up to 1000 of them, and this is most of a full sync's time.
 */
void
seats_server_scim_append_user (SeatsServer  *self,
                               GString      *out,
                               sqlite3_stmt *stmt,
                               const GDate  *today,
                               const char   *base,
                               guint         parts)
{
  const char *id = (const char *) sqlite3_column_text (stmt, 0);
  const char *given = (const char *) sqlite3_column_text (stmt, 2);
  const char *family = (const char *) sqlite3_column_text (stmt, 3);
  gboolean active = sqlite3_column_int (stmt, 5);
  guint32 end_julian = sqlite3_column_int (stmt, 7);
  gboolean first;
  GDate end;

  seats_date_from_julian (&end, end_julian);

  g_string_append (out, "{\"schemas\":[\"" SEATS_SCIM_USER_SCHEMA "\"");
  if (parts & SEATS_SCIM_ATTR_EXTENSION)
    g_string_append (out, ",\"" SEATS_SCIM_EXT_SCHEMA "\"");
  g_string_append (out, "],\"id\":");
  seats_json_append_string (out, id);

  if (parts & SEATS_SCIM_ATTR_USER_NAME)
    {
      g_string_append (out, ",\"userName\":");
      seats_json_append_string (out, (const char *) sqlite3_column_text (stmt, 1));
    }

  if (parts & SEATS_SCIM_ATTR_NAME)
    {
      g_string_append (out, ",\"name\":{");
      first = TRUE;
      if (parts & SEATS_SCIM_ATTR_NAME_FORMATTED)
        {
          append_key (out, &first, "\"formatted\":");
          append_full_name (out, given, family);
        }
      if (parts & SEATS_SCIM_ATTR_GIVEN_NAME)
        {
          append_key (out, &first, "\"givenName\":");
          seats_json_append_string (out, given);
        }
      if (parts & SEATS_SCIM_ATTR_FAMILY_NAME)
        {
          append_key (out, &first, "\"familyName\":");
          seats_json_append_string (out, family);
        }
      g_string_append_c (out, '}');
    }

  if (parts & SEATS_SCIM_ATTR_DISPLAY_NAME)
    {
      g_string_append (out, ",\"displayName\":");
      append_full_name (out, given, family);
    }

  if (parts & SEATS_SCIM_ATTR_EMAILS)
    {
      g_string_append (out, ",\"emails\":[{");
      first = TRUE;
      if (parts & SEATS_SCIM_ATTR_EMAIL_VALUE)
        {
          append_key (out, &first, "\"value\":");
          seats_json_append_string (out, (const char *) sqlite3_column_text (stmt, 4));
        }
      if (parts & SEATS_SCIM_ATTR_EMAIL_PRIMARY)
        append_key (out, &first, "\"primary\":true");
      g_string_append (out, "}]");
    }

  if (parts & SEATS_SCIM_ATTR_ACTIVE)
    g_string_append (out, active ? ",\"active\":true" : ",\"active\":false");

  if (parts & SEATS_SCIM_ATTR_META)
    {
      g_string_append (out, ",\"meta\":{");
      first = TRUE;
      if (parts & SEATS_SCIM_ATTR_META_RESOURCE_TYPE)
        append_key (out, &first, "\"resourceType\":\"User\"");
      if (parts & SEATS_SCIM_ATTR_META_CREATED)
        {
          append_key (out, &first, "\"created\":");
          seats_json_append_timestamp (out, sqlite3_column_int64 (stmt, 9));
        }
      if (parts & SEATS_SCIM_ATTR_META_LAST_MODIFIED)
        {
          append_key (out, &first, "\"lastModified\":");
          seats_json_append_timestamp (out, sqlite3_column_int64 (stmt, 10));
        }
      if (parts & SEATS_SCIM_ATTR_META_VERSION)
        {
          append_key (out, &first, "\"version\":");
          g_string_append_printf (out, "\"W/\\\"%" G_GINT64_FORMAT "\\\"\"",
                                  (gint64) sqlite3_column_int64 (stmt, 11));
        }
      if (parts & SEATS_SCIM_ATTR_META_LOCATION)
        {
          append_key (out, &first, "\"location\":\"");
          seats_json_append_escaped (out, base, -1);
          g_string_append (out, "/scim/v2/Users/");
          seats_json_append_escaped (out, id, -1);
          g_string_append_c (out, '"');
        }
      g_string_append_c (out, '}');
    }

  if (parts & SEATS_SCIM_ATTR_EXTENSION)
    {
      g_string_append (out, ",\"" SEATS_SCIM_EXT_SCHEMA "\":{");
      first = TRUE;
      if (parts & SEATS_SCIM_ATTR_START_DATE)
        {
          append_key (out, &first, "\"startDate\":");
          seats_json_append_date (out, sqlite3_column_int (stmt, 6));
        }
      if (parts & SEATS_SCIM_ATTR_END_DATE)
        {
          append_key (out, &first, "\"endDate\":");
          seats_json_append_date (out, end_julian);
        }
      if (parts & SEATS_SCIM_ATTR_MODULES)
        {
          append_key (out, &first, "\"modules\":");
          append_modules (out, (const char *) sqlite3_column_text (stmt, 12));
        }
      if (parts & SEATS_SCIM_ATTR_GRACE_DEADLINE)
        {
          append_key (out, &first, "\"graceDeadline\":");
          seats_json_append_date (out, sqlite3_column_int (stmt, 8));
        }
      if (parts & SEATS_SCIM_ATTR_COUNTS)
        {
          append_key (out, &first, "\"counts\":");
          g_string_append (out, seats_rules_user_counts (active, g_date_valid (&end) ? &end : NULL,
                                                         today) ? "true" : "false");
        }
      g_string_append_c (out, '}');
    }

  g_string_append_c (out, '}');
}

/* The parts of a user an answer writes (RFC 7644 3.9): attributes names
 * them, excludedAttributes takes them from all; names a user does not have
 * are passed over, as a client may ask several services alike. The id is
 * always written (RFC 7643 3.1). */
static gboolean
read_parts (SeatsRequest *req,
            guint        *parts)
{
  const char *attributes = req->query ? g_hash_table_lookup (req->query, "attributes") : NULL;
  const char *excluded = req->query ? g_hash_table_lookup (req->query, "excludedAttributes")
                                    : NULL;
  g_auto(GStrv) names = NULL;

  if (attributes != NULL && excluded != NULL)
    {
      seats_request_reply_problem (req, 400, "invalid-parameter",
                                   "Send attributes or excludedAttributes, not both "
                                   "(RFC 7644 3.9).",
                                   "excludedAttributes");
      return FALSE;
    }

  *parts = SEATS_SCIM_ATTR_ALL;
  if (attributes == NULL && excluded == NULL)
    return TRUE;

  names = g_strsplit (attributes != NULL ? attributes : excluded, ",", 64);
  *parts = attributes != NULL ? 0 : SEATS_SCIM_ATTR_ALL;
  for (guint i = 0; names[i] != NULL; i++)
    {
      guint named = seats_server_scim_resolve_attribute (g_strstrip (names[i]));

      if (attributes != NULL)
        *parts |= named;
      else
        *parts &= ~named;
    }
  *parts |= SEATS_SCIM_ATTR_ID;

  return TRUE;
}

/* The next word of a filter, after any spaces; NULL at the end. */
static char *
next_word (const char **text)
{
  const char *start = *text;
  const char *end;

  while (*start == ' ')
    start++;
  end = strchr (start, ' ');
  if (end == NULL || end == start)
    return NULL;

  *text = end + 1;
  return g_strndup (start, end - start);
}

/* `attrPath SP compareOp SP compValue` (RFC 7644 3.4.2.2), for the three
 * attributes a client needs: the attribute however it is named (3.10),
 * the operator in any case, the value as JSON writes it. */
static gboolean
parse_filter (const char *text,
              UserFilter *filter)
{
  g_autofree char *name = NULL;
  g_autofree char *operator = NULL;
  g_autoptr(JsonNode) value = NULL;
  gboolean is_string;
  guint attribute;

  filter->active = -1;
  if (text == NULL)
    return TRUE;

  if (strlen (text) > 256 || (name = next_word (&text)) == NULL ||
      (operator = next_word (&text)) == NULL ||
      (value = seats_json_read (text, strlen (text), NULL)) == NULL ||
      !JSON_NODE_HOLDS_VALUE (value))
    return FALSE;

  attribute = seats_server_scim_resolve_attribute (name);
  is_string = json_node_get_value_type (value) == G_TYPE_STRING;

  if (attribute == SEATS_SCIM_ATTR_META_LAST_MODIFIED && is_string &&
      (g_ascii_strcasecmp (operator, "gt") == 0 || g_ascii_strcasecmp (operator, "ge") == 0))
    {
      filter->has_modified = TRUE;
      filter->inclusive = g_ascii_strcasecmp (operator, "ge") == 0;
      return seats_parse_timestamp (json_node_get_string (value), &filter->modified);
    }

  /* userName is not case-exact (RFC 7643 4.1.1): see FILTER_SQL. */
  if (attribute == SEATS_SCIM_ATTR_USER_NAME && is_string &&
      g_ascii_strcasecmp (operator, "eq") == 0)
    {
      filter->user_name = g_strdup (json_node_get_string (value));
      return TRUE;
    }

  if (attribute == SEATS_SCIM_ATTR_ACTIVE && json_node_get_value_type (value) == G_TYPE_BOOLEAN &&
      g_ascii_strcasecmp (operator, "eq") == 0)
    {
      filter->active = json_node_get_boolean (value);
      return TRUE;
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

/* SEATS_FOLD compares user names case-folded (see seats-server-db.c). */
#define FILTER_SQL \
  "org_id = ?1 AND (?4 IS NULL OR user_name = ?4 COLLATE SEATS_FOLD) AND (?5 IS NULL OR active = ?5)"

/* With a time, as a range: SQLite reads a delta off the index on
 * (org_id, modified) rather than every user of the organization. */
#define TIME_FILTER_SQL \
  FILTER_SQL " AND modified > ifnull (?2, -9223372036854775808) " \
  "AND modified >= ifnull (?3, -9223372036854775808)"

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

  /* Static strings all: the statements are kept by their text. */
  if (count && filter->has_modified)
    stmt = seats_server_db_prepare (self, "SELECT count(*) FROM users WHERE " TIME_FILTER_SQL);
  else if (count)
    stmt = seats_server_db_prepare (self, filtered
      ? "SELECT count(*) FROM users WHERE " FILTER_SQL
      : "SELECT count(*) FROM users WHERE " UNFILTERED_SQL);
  else if (filter->has_modified)
    stmt = seats_server_db_prepare (self, "SELECT " USER_COLUMNS " FROM users WHERE " TIME_FILTER_SQL
                                          " ORDER BY seq LIMIT ?6 OFFSET ?7");
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

/* startIndex and count as RFC 7644 3.4.2.4 reads them: a startIndex below 1
 * is 1, a negative count 0, and a count over maxResults gives at most
 * maxResults. Only what is not an integer at all is refused. */
static gboolean
query_page_bound (SeatsRequest *req,
                  const char   *name,
                  guint         fallback,
                  guint         min,
                  guint         max,
                  guint        *value)
{
  const char *text = req->query ? g_hash_table_lookup (req->query, name) : NULL;
  g_autoptr(GError) error = NULL;
  gint64 number;

  if (text == NULL)
    {
      *value = fallback;
      return TRUE;
    }

  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, &error))
    {
      g_autofree char *detail = NULL;

      if (g_error_matches (error, G_NUMBER_PARSER_ERROR, G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS))
        {
          *value = text[0] == '-' ? min : max;
          return TRUE;
        }

      detail = g_strdup_printf ("The parameter \"%s\" must be an integer.", name);
      seats_request_reply_problem (req, 400, "invalid-parameter", detail, name);
      return FALSE;
    }

  *value = (guint) CLAMP (number, (gint64) min, (gint64) max);
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
  guint parts;
  GDate today;

  if (!query_page_bound (req, "startIndex", 1, 1, G_MAXINT32, &start_index) ||
      !query_page_bound (req, "count", SEATS_SERVER_SCIM_DEFAULT, 0,
                         SEATS_SERVER_SCIM_MAX_COUNT, &count) ||
      !read_parts (req, &parts))
    return;

  if (!parse_filter (req->query ? g_hash_table_lookup (req->query, "filter") : NULL, &filter))
    {
      g_free (filter.user_name);
      seats_request_reply_problem (req, 400, "invalid-filter",
                                   "Supported filters: meta.lastModified gt|ge \"<RFC 3339>\", "
                                   "userName eq \"<name>\", active eq true|false; attribute "
                                   "names may be fully qualified.", "filter");
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
  base = seats_request_base (req);

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
      seats_server_scim_append_user (self, out, stmt, &today, base, parts);
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
            guint         parts)
{
  g_autofree char *base = seats_request_base (req);
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
  if (g_str_equal (req->method, "GET") && seats_request_not_modified (req, etag))
    {
      sqlite3_reset (stmt);
      return;
    }

  out = g_string_sized_new (1024);
  seats_server_scim_append_user (self, out, stmt, &today, base, parts);
  sqlite3_reset (stmt);
  seats_request_reply_json (req, 200, out, etag);
}

static void
get_user (SeatsServer  *self,
          SeatsRequest *req,
          const char   *user_id)
{
  guint parts;

  if (read_parts (req, &parts))
    reply_user (self, req, user_id, parts);
}

/**
 * seats_server_set_user_active:
 *
 * Activates or deactivates a user in the current transaction, checked by
 * seats_change_check() against the user and the user licenses (R6): a
 * license must be free, or under `grace` the user gets the deadline of
 * the over-allocated. A user who is as asked already, or who has left
 * (R1) and is to be activated, is left as they are.
 */
gboolean
seats_server_set_user_active (SeatsServer   *self,
                              SeatsRequest  *req,
                              const char    *user_id,
                              gboolean       active,
                              GError       **error)
{
  const char *user_ids[] = { user_id, NULL };
  g_auto(SeatsSnapshot) snapshot = { 0, };
  g_autoptr(SeatsChange) change = seats_change_new_users_active (user_ids, active);
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(GError) refusal = NULL;
  SeatsChangeOutcome outcome;
  sqlite3_stmt *stmt;
  GDate today;

  /* The user alone, not the organization's users; and for an activation
   * the licenses, with the users who count as the server counts them. A
   * deactivation needs no free license, and counting the users who count
   * a thousand times over would double the time of a Bulk at 100,000
   * users for figures the server does not use. */
  seats_server_org_today (self, req->org, &today);
  seats_server_snapshot_init (&snapshot, req->org, req->role);
  if (active)
    seats_server_snapshot_add_user_seats (self, &snapshot, req->org, &today);
  seats_server_snapshot_add_users (self, &snapshot, req->org, user_ids);
  checked = seats_server_check_change (change, &snapshot, &today, &outcome, &refusal);

  if (g_error_matches (refusal, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOTHING_TO_DO))
    return TRUE;

  if (checked == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&refusal));
      return FALSE;
    }

  stmt = seats_server_db_prepare (self,
    "UPDATE users SET active = ?, grace_deadline = ?, version = version + 1, modified = ? "
    "WHERE org_id = ? AND id = ?");
  sqlite3_bind_int (stmt, 1, active);
  sqlite3_bind_int64 (stmt, 2, outcome.over_allocated ? outcome.deadline : 0);
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

/* Refuses a change to the attribute @path names, which is not active:
 * everything else a user has is upstream data (R16) or changed elsewhere. */
static void
refuse_attribute (SeatsRequest *req,
                  const char   *path)
{
  guint attribute = seats_server_scim_resolve_attribute (path);
  g_autofree char *detail = NULL;

  if (attribute == 0)
    {
      detail = g_strdup_printf ("\"%s\" is not an attribute of a user. "
                                "Only \"active\" can be changed.",
                                path);
      seats_request_reply_invalid_path (req, detail);
      return;
    }

  if (attribute & SEATS_SCIM_ATTR_CORE)
    detail = g_strdup_printf (
      "\"%s\" cannot be changed here. Names and e-mail addresses come from %s: change them there; "
      "the change appears after the next sync. Only \"active\" can be changed.",
      path, req->org->upstream_system);
  else
    detail = g_strdup_printf ("\"%s\" cannot be changed here. Only \"active\" can be changed.",
                              path);

  seats_request_reply_problem (req, 400, "read-only", detail, "path");
}

/* Reads the PatchOp in the body: only `active` may change, named as RFC
 * 7644 3.10 allows, or without a path as a member of the value (3.5.2.3).
 * Returns -1 when refused. */
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
      const char *op;
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

      op = seats_json_get_string (operation, "op");
      if (g_ascii_strcasecmp (op, "remove") == 0)
        {
          seats_request_reply_problem (req, 400, "read-only",
                                       "Users cannot be removed here: they come from the organization's own system.",
                                       "op");
          return -1;
        }

      if (g_ascii_strcasecmp (op, "replace") != 0 && g_ascii_strcasecmp (op, "add") != 0)
        {
          seats_request_reply_problem (req, 400, "malformed-request",
                                       "\"op\" must be \"add\", \"replace\" or \"remove\".", "op");
          return -1;
        }

      path = seats_json_get_string (operation, "path");
      value = json_object_get_member (operation, "value");

      /* Without a path the value is an object of attributes, each named
       * as a path would name it. */
      if (path == NULL)
        {
          JsonObjectIter iter;
          const char *name;
          JsonNode *member;

          if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value) ||
              json_object_get_size (json_node_get_object (value)) == 0)
            {
              seats_request_reply_problem (req, 400, "malformed-request",
                                           "Without a path, \"value\" must be an object "
                                           "such as {\"active\": false}.",
                                           "value");
              return -1;
            }

          json_object_iter_init (&iter, json_node_get_object (value));
          while (json_object_iter_next (&iter, &name, &member))
            {
              if (seats_server_scim_resolve_attribute (name) != SEATS_SCIM_ATTR_ACTIVE)
                {
                  refuse_attribute (req, name);
                  return -1;
                }
              path = name;
              value = member;
            }
        }

      if (seats_server_scim_resolve_attribute (path) != SEATS_SCIM_ATTR_ACTIVE)
        {
          refuse_attribute (req, path);
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

/* One PatchOp in the body on one user, in the caller's transaction, which
 * it leaves as it was when it fails. @if_match is optional (RFC 7644
 * 3.14): without it the change is made on the user as they are. Answers
 * the whole user after the change, so that a client can apply it without
 * reading it again. */
static gboolean
patch_one (SeatsServer  *self,
           SeatsRequest *req,
           const char   *user_id,
           const char   *if_match)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  sqlite3_stmt *stmt;
  guint parts;
  int active;

  stmt = find_user (self, req, user_id);
  if (stmt == NULL)
    {
      seats_request_reply_problem (req, 404, "not-found", _("There is no such user."), NULL);
      return FALSE;
    }
  etag = user_etag (sqlite3_column_int64 (stmt, 11));
  sqlite3_reset (stmt);

  if (!read_parts (req, &parts) || !seats_request_check_precondition (req, if_match, etag) ||
      (active = read_patch (req)) < 0)
    return FALSE;

  if (!seats_server_db_savepoint (self, &error))
    {
      seats_request_reply_db_error (req, error);
      return FALSE;
    }

  if (!seats_server_set_user_active (self, req, user_id, active, &error))
    {
      seats_server_db_rollback_savepoint (self);
      seats_request_reply_rule_error (req, error, "active");
      return FALSE;
    }

  if (!seats_server_db_release (self, &error))
    {
      seats_server_db_rollback_savepoint (self);
      seats_request_reply_db_error (req, error);
      return FALSE;
    }

  reply_user (self, req, user_id, parts);
  return TRUE;
}

/**
 * seats_server_scim_replay:
 * @key: (out) (nullable): the request's Idempotency-Key, or %NULL
 * @request_hash: (out) (transfer full) (nullable): what the request asks,
 *   to keep its answer under with seats_server_db_keep_answer()
 *
 * A SCIM change (a PATCH, a Bulk) sent with an Idempotency-Key is made
 * once: a retry with the same key and the same request is answered as the
 * first time, whatever changed since. What the request asks is its method,
 * its address and its body as JSON.
 *
 * Returns: %TRUE when the request is answered: replayed, or refused
 */
gboolean
seats_server_scim_replay (SeatsRequest  *req,
                          const char   **key,
                          char         **request_hash)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  GUri *uri = soup_server_message_get_uri (req->msg);
  const char *query = g_uri_get_query (uri);
  g_autofree char *body = NULL;
  g_autofree char *canonical = NULL;

  *request_hash = NULL;
  if (!seats_request_get_idempotency_key (req, key))
    return TRUE;
  if (*key == NULL)
    return FALSE;

  json_generator_set_root (generator, req->body_root);
  body = json_generator_to_data (generator, NULL);
  canonical = g_strdup_printf ("%s %s%s%s\n%s", req->method, g_uri_get_path (uri),
                               query ? "?" : "",
                               query ? query : "", body);
  *request_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);

  return seats_request_replay (req, *key, *request_hash,
                               _("This Idempotency-Key was used for another change. "
                               "Use a new key for a new change."));
}

static void
patch_user (SeatsServer  *self,
            SeatsRequest *req,
            const char   *user_id)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  g_autoptr(GError) error = NULL;
  g_autofree char *request_hash = NULL;
  const char *key;

  if (!seats_request_require_admin (req))
    return;

  /* An operation of a Bulk: its data is the body, its version If-Match,
   * and the Bulk's transaction holds it. */
  if (req->bulk != NULL)
    {
      if (req->body == NULL)
        seats_request_reply_problem (req, 400, "malformed-request",
                                     "A PATCH operation's \"data\" must be a PatchOp.", "data");
      else
        patch_one (self, req, user_id, req->version);
      return;
    }

  if (!seats_request_parse_body (req, SEATS_SERVER_MAX_BODY) ||
      seats_server_scim_replay (req, &key, &request_hash))
    return;

  if (!seats_server_db_begin (self, &error))
    {
      seats_request_reply_db_error (req, error);
      return;
    }

  if (!patch_one (self, req, user_id, soup_message_headers_get_one (headers, "If-Match")))
    {
      seats_server_db_rollback (self);
      return;
    }

  /* A refusal is not kept: it changed nothing, and a retry is asked again. */
  if ((key != NULL &&
       !seats_server_db_keep_answer (self, req->org->id, key, request_hash, req->status,
                                     req->answer,
                                     req->etag, &error)) ||
      !seats_server_db_commit (self, &error))
    {
      seats_server_db_rollback (self);
      seats_request_reply_db_error (req, error);
    }
}

/* A method the endpoint does not take: 405, with the methods it does. */
static void
reply_not_allowed (SeatsRequest *req,
                   const char   *allow)
{
  g_autofree char *detail = g_strdup_printf ("%s is not allowed here; allowed: %s.", req->method,
                                             allow);

  req->allow = allow;
  seats_request_reply_problem (req, 405, "method-not-allowed", detail, NULL);
}

/* An operation of RFC 7644 this service does not offer: 501 (3.12). To a
 * client it is a method the resource does not take, as for 405. */
static void
reply_not_implemented (SeatsRequest *req,
                       const char   *detail)
{
  seats_request_reply_problem (req, 501, "method-not-allowed", detail, NULL);
}

/* Each endpoint of RFC 7644 3.2 is served, or answers 501; a method an
 * endpoint does not take is 405 with Allow (RFC 9110 15.5.6). */
void
seats_server_scim_dispatch (SeatsServer  *self,
                            SeatsRequest *req)
{
  const char *resource = req->n_segments > 2 ? req->segments[2] : "";
  const char *id = req->n_segments == 4 ? req->segments[3] : NULL;
  const char *method = req->method;
  gboolean get = g_str_equal (method, "GET");
  guint n = req->n_segments;

  if (n == 3 && g_str_equal (resource, "ServiceProviderConfig"))
    {
      if (get)
        seats_server_scim_reply_config (self, req);
      else
        reply_not_allowed (req, "GET");
    }
  else if ((n == 3 || n == 4) && g_str_equal (resource, "Schemas"))
    {
      if (get)
        seats_server_scim_reply_schemas (self, req, id);
      else
        reply_not_allowed (req, "GET");
    }
  else if ((n == 3 || n == 4) && g_str_equal (resource, "ResourceTypes"))
    {
      if (get)
        seats_server_scim_reply_resource_types (self, req, id);
      else
        reply_not_allowed (req, "GET");
    }
  else if (n == 3 && g_str_equal (resource, "Users"))
    {
      if (get)
        reply_user_list (self, req);
      else if (g_str_equal (method, "POST"))
        reply_not_implemented (req, "Users are not created here: they come from the "
                                    "organization's own "
                                    "system, and appear here by themselves.");
      else
        reply_not_allowed (req, "GET");
    }
  else if ((n == 3 && g_str_equal (resource, ".search")) ||
           (n == 4 && g_str_equal (resource, "Users") && g_str_equal (id, ".search")))
    reply_not_implemented (req, "Searching with POST is not implemented: "
                                "GET /Users takes the filter.");
  else if (n == 4 && g_str_equal (resource, "Users"))
    {
      if (get)
        get_user (self, req, id);
      else if (g_str_equal (method, "PATCH"))
        patch_user (self, req, id);
      else if (g_str_equal (method, "PUT"))
        reply_not_implemented (req, "Replacing a user is not implemented: change \"active\" "
                                    "with PATCH.");
      else if (g_str_equal (method, "DELETE"))
        reply_not_implemented (req, "Users are not deleted here: they come from the "
                                    "organization's own "
                                    "system. Deactivate a user with PATCH.");
      else
        reply_not_allowed (req, "GET, PATCH");
    }
  else if (n >= 3 && g_str_equal (resource, "Me"))
    reply_not_implemented (req, "/Me is not implemented: a token belongs to an organization, "
                                "not to one "
                                "of its users (RFC 7644 3.11).");
  else if ((n == 3 || n == 4) && g_str_equal (resource, "Groups"))
    reply_not_implemented (req, "Groups are not implemented: licenses are held by users.");
  else if (n == 3 && g_str_equal (resource, "Bulk") && req->bulk == NULL)
    {
      if (g_str_equal (method, "POST"))
        seats_server_scim_bulk (self, req);
      else
        reply_not_allowed (req, "POST");
    }
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
  g_autofree char *base = seats_request_base (req);
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
      seats_server_scim_append_user (self, out, stmt, &today, base, SEATS_SCIM_ATTR_ALL);
    }
  sqlite3_reset (stmt);
  g_string_append_c (out, ']');
}
