/* seats-json.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-api"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-api-error.h"
#include "seats-json-private.h"
#include "seats-json-reader.h"
#include "seats-types.h"

GError *
seats_json_malformed (const char *where,
                      const char *member,
                      const char *what)
{
  g_autofree char *location = NULL;

  if (member != NULL)
    location = g_strdup_printf ("%s%s%s", where ? where : "", where && *where ? "." : "", member);
  else
    location = g_strdup (where ? where : "");

  /* Translators: the first %s is where in the answer (such as
   * "users[3].emails"), the second what is wrong with it (in English). */
  return g_error_new (SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED,
                      _("The license server sent an answer Seats cannot read (%s: %s). "
                        "Nothing was changed; try again later or contact the vendor."),
                      location, what);
}

/**
 * seats_json_parse:
 * @bytes: a JSON document
 * @error: why it is not one
 *
 * Returns: (transfer full): the root node
 */
JsonNode *
seats_json_parse (GBytes  *bytes,
                  GError **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  const char *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  root = seats_json_read (data, len, &local_error);
  if (root == NULL)
    g_propagate_error (error, seats_json_malformed ("", NULL,
                                                    g_error_matches (local_error, SEATS_JSON_READ_ERROR,
                                                                     SEATS_JSON_READ_ERROR_EMPTY)
                                                    ? "empty answer" : local_error->message));

  return root;
}

gboolean
seats_json_object (JsonNode    *node,
                   const char  *where,
                   JsonObject **object,
                   GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, seats_json_malformed (where, NULL, "expected an object"));
      return FALSE;
    }

  *object = json_node_get_object (node);
  return TRUE;
}

/* Finds @member; a JSON null counts as absent. */
static gboolean
lookup (JsonObject      *object,
        const char      *where,
        const char      *member,
        SeatsJsonFlags   flags,
        JsonNodeType     type,
        const char      *type_name,
        JsonNode       **node,
        GError         **error)
{
  JsonNode *found = json_object_get_member (object, member);

  *node = NULL;

  if (found == NULL || JSON_NODE_HOLDS_NULL (found))
    {
      if (flags & SEATS_JSON_REQUIRED)
        {
          g_propagate_error (error, seats_json_malformed (where, member, "missing"));
          return FALSE;
        }
      return TRUE;
    }

  if (json_node_get_node_type (found) != type)
    {
      g_autofree char *what = g_strdup_printf ("expected %s", type_name);

      g_propagate_error (error, seats_json_malformed (where, member, what));
      return FALSE;
    }

  *node = found;
  return TRUE;
}

gboolean
seats_json_string (JsonObject      *object,
                   const char      *where,
                   const char      *member,
                   SeatsJsonFlags   flags,
                   const char     **value,
                   GError         **error)
{
  JsonNode *node;
  const char *str;

  if (!lookup (object, where, member, flags, JSON_NODE_VALUE, "a string", &node, error))
    return FALSE;

  if (node == NULL)
    {
      *value = NULL;
      return TRUE;
    }

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_propagate_error (error, seats_json_malformed (where, member, "expected a string"));
      return FALSE;
    }

  str = json_node_get_string (node);
  if (strlen (str) > SEATS_JSON_MAX_STRING)
    {
      g_propagate_error (error, seats_json_malformed (where, member, "too long"));
      return FALSE;
    }

  *value = str;
  return TRUE;
}

gboolean
seats_json_int (JsonObject      *object,
                const char      *where,
                const char      *member,
                SeatsJsonFlags   flags,
                gint64           min,
                gint64           max,
                gint64          *value,
                GError         **error)
{
  JsonNode *node;
  gint64 v;

  if (!lookup (object, where, member, flags, JSON_NODE_VALUE, "a whole number", &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  /* 12.0 or 1e3 are not whole numbers in this API: money never is a float. */
  if (json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_propagate_error (error, seats_json_malformed (where, member, "expected a whole number"));
      return FALSE;
    }

  v = json_node_get_int (node);
  if (v < min || v > max)
    {
      g_propagate_error (error, seats_json_malformed (where, member, "out of range"));
      return FALSE;
    }

  *value = v;
  return TRUE;
}

gboolean
seats_json_boolean (JsonObject      *object,
                    const char      *where,
                    const char      *member,
                    SeatsJsonFlags   flags,
                    gboolean        *value,
                    GError         **error)
{
  JsonNode *node;

  if (!lookup (object, where, member, flags, JSON_NODE_VALUE, "true or false", &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_propagate_error (error, seats_json_malformed (where, member, "expected true or false"));
      return FALSE;
    }

  *value = json_node_get_boolean (node);
  return TRUE;
}

/* Exactly YYYY-MM-DD, digits only: no signs, spaces or times. */
static gboolean
parse_date (const char *str,
            guint      *year,
            guint      *month,
            guint      *day)
{
  guint fields[3] = { 0, 0, 0 };
  guint field = 0;

  if (strlen (str) != 10 || str[4] != '-' || str[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        {
          field++;
          continue;
        }
      if (!g_ascii_isdigit (str[i]))
        return FALSE;
      fields[field] = fields[field] * 10 + (guint) (str[i] - '0');
    }

  *year = fields[0];
  *month = fields[1];
  *day = fields[2];

  return *year >= 1;
}

gboolean
seats_json_date (JsonObject      *object,
                 const char      *where,
                 const char      *member,
                 SeatsJsonFlags   flags,
                 guint32         *julian,
                 GError         **error)
{
  const char *str = NULL;
  guint year, month, day;

  if (!seats_json_string (object, where, member, flags, &str, error))
    return FALSE;

  if (str == NULL)
    {
      *julian = SEATS_JULIAN_NONE;
      return TRUE;
    }

  if (!parse_date (str, &year, &month, &day) ||
      !g_date_valid_dmy (day, month, year))
    {
      g_propagate_error (error, seats_json_malformed (where, member, "expected a date"));
      return FALSE;
    }

  *julian = seats_julian_from_ymd (year, month, day);
  return TRUE;
}

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar. */
static gint64
days_from_civil (gint64 year,
                 guint  month,
                 guint  day)
{
  gint64 era;
  guint yoe, doy, doe;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  yoe = (guint) (year - era * 400);
  doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + (gint64) doe - 719468;
}

static gboolean
read_digits (const char *str,
             guint       n,
             guint      *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (str[i]))
        return FALSE;
      *value = *value * 10 + (guint) (str[i] - '0');
    }

  return TRUE;
}

/* The shape the server writes, YYYY-MM-DDTHH:MM:SS[.fff]Z, without a
 * GDateTime: a user page has two thousand of them. Anything else is left
 * to g_date_time_new_from_iso8601(). */
static gboolean
parse_utc_timestamp (const char *str,
                     gint64     *unix_time)
{
  guint year, month, day, hour, minute, second, fraction;
  gsize length = strlen (str);

  if (length < 20 || str[4] != '-' || str[7] != '-' || str[10] != 'T' ||
      str[13] != ':' || str[16] != ':' || str[length - 1] != 'Z' ||
      !read_digits (str, 4, &year) || !read_digits (str + 5, 2, &month) ||
      !read_digits (str + 8, 2, &day) || !read_digits (str + 11, 2, &hour) ||
      !read_digits (str + 14, 2, &minute) || !read_digits (str + 17, 2, &second))
    return FALSE;

  if (length > 20 &&
      (str[19] != '.' || length < 22 || length - 21 > 9 || !read_digits (str + 20, (guint) (length - 21), &fraction)))
    return FALSE;

  if (year < 1 || !g_date_valid_dmy (day, month, year) || hour > 23 || minute > 59 || second > 59)
    return FALSE;

  *unix_time = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return TRUE;
}

gboolean
seats_json_timestamp (JsonObject      *object,
                      const char      *where,
                      const char      *member,
                      SeatsJsonFlags   flags,
                      gint64          *unix_time,
                      GError         **error)
{
  g_autoptr(GDateTime) parsed = NULL;
  const char *str = NULL;

  if (!seats_json_string (object, where, member, flags, &str, error))
    return FALSE;

  if (str == NULL)
    {
      *unix_time = 0;
      return TRUE;
    }

  if (parse_utc_timestamp (str, unix_time))
    return TRUE;

  parsed = g_date_time_new_from_iso8601 (str, NULL);
  if (parsed == NULL)
    {
      g_propagate_error (error, seats_json_malformed (where, member, "expected a time"));
      return FALSE;
    }

  *unix_time = g_date_time_to_unix (parsed);
  return TRUE;
}

gboolean
seats_json_member_object (JsonObject      *object,
                          const char      *where,
                          const char      *member,
                          SeatsJsonFlags   flags,
                          JsonObject     **value,
                          GError         **error)
{
  JsonNode *node;

  if (!lookup (object, where, member, flags, JSON_NODE_OBJECT, "an object", &node, error))
    return FALSE;

  *value = node != NULL ? json_node_get_object (node) : NULL;
  return TRUE;
}

gboolean
seats_json_array (JsonObject      *object,
                  const char      *where,
                  const char      *member,
                  SeatsJsonFlags   flags,
                  guint            max_length,
                  JsonArray      **value,
                  GError         **error)
{
  JsonNode *node;

  if (!lookup (object, where, member, flags, JSON_NODE_ARRAY, "a list", &node, error))
    return FALSE;

  if (node != NULL && json_array_get_length (json_node_get_array (node)) > max_length)
    {
      g_propagate_error (error, seats_json_malformed (where, member, "too many items"));
      return FALSE;
    }

  *value = node != NULL ? json_node_get_array (node) : NULL;
  return TRUE;
}
