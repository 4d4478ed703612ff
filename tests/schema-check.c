/* schema-check.c: the API document's schemas, applied to real answers
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "schema-check.h"

G_DEFINE_QUARK (schema-check-error-quark, schema_check_error)

/* Keywords that only describe. */
static const char * const annotations[] = {
  "description", "title", "example", "examples", "default", "deprecated",
  "readOnly", "writeOnly", "$comment",
};

static const char * const assertions[] = {
  "$ref", "type", "required", "properties", "additionalProperties", "items",
  "enum", "const", "anyOf", "oneOf", "allOf", "minimum", "maximum",
  "minLength", "maxLength", "pattern", "format",
};

static gboolean check (JsonNode    *document,
                       JsonNode    *schema,
                       JsonNode    *value,
                       const char  *where,
                       GError     **error);

static gboolean
fail (GError     **error,
      const char  *where,
      const char  *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError     **error,
      const char  *where,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, SCHEMA_CHECK_ERROR, 0, "%s: %s", where, message);
  return FALSE;
}

static gboolean
in_list (const char         *name,
         const char * const *list,
         gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (name, list[i]))
      return TRUE;

  return FALSE;
}

/**
 * schema_check_resolve:
 * @document: the whole document
 * @ref: a reference within it, such as `#/components/schemas/Money`
 *
 * Returns: (transfer none) (nullable): the node @ref points to
 */
JsonNode *
schema_check_resolve (JsonNode   *document,
                      const char *ref)
{
  g_auto(GStrv) parts = NULL;
  JsonNode *node = document;

  if (!g_str_has_prefix (ref, "#/"))
    return NULL;

  parts = g_strsplit (ref + 2, "/", -1);
  for (guint i = 0; parts[i] != NULL && node != NULL; i++)
    {
      g_autoptr(GString) name = g_string_new (parts[i]);

      /* JSON pointer escapes (RFC 6901). */
      g_string_replace (name, "~1", "/", 0);
      g_string_replace (name, "~0", "~", 0);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      node = json_object_get_member (json_node_get_object (node), name->str);
    }

  return node;
}

static gboolean
has_type (JsonNode   *value,
          const char *type)
{
  GType value_type = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : G_TYPE_INVALID;

  if (g_str_equal (type, "object"))
    return JSON_NODE_HOLDS_OBJECT (value);
  if (g_str_equal (type, "array"))
    return JSON_NODE_HOLDS_ARRAY (value);
  if (g_str_equal (type, "null"))
    return JSON_NODE_HOLDS_NULL (value);
  if (g_str_equal (type, "string"))
    return value_type == G_TYPE_STRING;
  if (g_str_equal (type, "boolean"))
    return value_type == G_TYPE_BOOLEAN;
  if (g_str_equal (type, "integer"))
    return value_type == G_TYPE_INT64;
  if (g_str_equal (type, "number"))
    return value_type == G_TYPE_INT64 || value_type == G_TYPE_DOUBLE;

  return FALSE;
}

static const char *
describe (JsonNode *value)
{
  if (JSON_NODE_HOLDS_OBJECT (value))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (value))
    return "an array";
  if (JSON_NODE_HOLDS_NULL (value))
    return "null";
  return g_type_name (json_node_get_value_type (value));
}

static gboolean
check_type (JsonNode    *type,
            JsonNode    *value,
            const char  *where,
            GError     **error)
{
  if (JSON_NODE_HOLDS_VALUE (type))
    {
      if (has_type (value, json_node_get_string (type)))
        return TRUE;
      return fail (error, where, "%s where the document says %s", describe (value),
                   json_node_get_string (type));
    }

  if (JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *types = json_node_get_array (type);

      for (guint i = 0; i < json_array_get_length (types); i++)
        if (has_type (value, json_array_get_string_element (types, i)))
          return TRUE;
      return fail (error, where, "%s is none of the types the document allows", describe (value));
    }

  return fail (error, where, "the schema's type is neither a name nor a list");
}

static gboolean
check_date (const char *text)
{
  unsigned year, month, day;
  char end;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3)
    return FALSE;

  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  return g_date_valid_dmy (day, month, year);
}

static gboolean
check_date_time (const char *text)
{
  g_autoptr(GDateTime) parsed = NULL;
  char date[11];

  /* RFC 3339: a full date, "T", a time and an offset (which GLib requires
   * when no default time zone is given). */
  if (strlen (text) < 20 || text[10] != 'T')
    return FALSE;
  memcpy (date, text, 10);
  date[10] = '\0';
  if (!check_date (date))
    return FALSE;

  parsed = g_date_time_new_from_iso8601 (text, NULL);
  return parsed != NULL;
}

static gboolean
check_format (const char  *format,
              const char  *text,
              const char  *where,
              GError     **error)
{
  gboolean ok;

  if (g_str_equal (format, "date"))
    ok = check_date (text);
  else if (g_str_equal (format, "date-time"))
    ok = check_date_time (text);
  else if (g_str_equal (format, "uri"))
    ok = g_uri_is_valid (text, G_URI_FLAGS_NONE, NULL);
  else
    return fail (error, where, "the format \"%s\" is not known to the tests", format);

  if (!ok)
    return fail (error, where, "\"%s\" is not a %s", text, format);

  return TRUE;
}

static gboolean
check_number (JsonNode    *limit,
              JsonNode    *value,
              gboolean     is_minimum,
              const char  *where,
              GError     **error)
{
  double number, bound;

  if (!has_type (value, "number"))
    return TRUE;

  number = json_node_get_value_type (value) == G_TYPE_INT64
             ? (double) json_node_get_int (value) : json_node_get_double (value);
  bound = json_node_get_value_type (limit) == G_TYPE_INT64
            ? (double) json_node_get_int (limit) : json_node_get_double (limit);

  if (is_minimum ? number < bound : number > bound)
    return fail (error, where, "%g is %s than the document's %s %g", number,
                 is_minimum ? "less" : "more", is_minimum ? "minimum" : "maximum", bound);

  return TRUE;
}

static gboolean
check_object (JsonNode    *document,
              JsonObject  *schema,
              JsonObject  *object,
              const char  *where,
              GError     **error)
{
  JsonObject *properties = json_object_has_member (schema, "properties")
                             ? json_object_get_object_member (schema, "properties") : NULL;
  JsonNode *additional = json_object_get_member (schema, "additionalProperties");
  g_autoptr(GList) members = json_object_get_members (object);

  if (json_object_has_member (schema, "required"))
    {
      JsonArray *required = json_object_get_array_member (schema, "required");

      for (guint i = 0; i < json_array_get_length (required); i++)
        {
          const char *name = json_array_get_string_element (required, i);

          if (!json_object_has_member (object, name))
            return fail (error, where, "the required member \"%s\" is missing", name);
        }
    }

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *inner = g_strdup_printf ("%s.%s", where, name);
      JsonNode *member = json_object_get_member (object, name);

      if (properties != NULL && json_object_has_member (properties, name))
        {
          if (!check (document, json_object_get_member (properties, name), member, inner, error))
            return FALSE;
        }
      else if (additional != NULL)
        {
          if (JSON_NODE_HOLDS_VALUE (additional) &&
              json_node_get_value_type (additional) == G_TYPE_BOOLEAN &&
              !json_node_get_boolean (additional))
            return fail (error, where, "the member \"%s\" is not in the document", name);
          if (!check (document, additional, member, inner, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_alternatives (JsonNode    *document,
                    const char  *keyword,
                    JsonArray   *alternatives,
                    JsonNode    *value,
                    const char  *where,
                    GError     **error)
{
  g_autoptr(GString) reasons = g_string_new (NULL);
  guint passed = 0;
  guint n = json_array_get_length (alternatives);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) local = NULL;

      if (check (document, json_array_get_element (alternatives, i), value, where, &local))
        passed++;
      else
        g_string_append_printf (reasons, "%s(%s)", reasons->len ? ", " : "", local->message);
    }

  if (g_str_equal (keyword, "allOf") && passed != n)
    return fail (error, where, "not all of allOf: %s", reasons->str);
  if (g_str_equal (keyword, "anyOf") && passed == 0)
    return fail (error, where, "none of anyOf: %s", reasons->str);
  if (g_str_equal (keyword, "oneOf") && passed != 1)
    return fail (error, where, "%u of oneOf instead of one: %s", passed, reasons->str);

  return TRUE;
}

static gboolean
check (JsonNode    *document,
       JsonNode    *schema_node,
       JsonNode    *value,
       const char  *where,
       GError     **error)
{
  g_autoptr(GList) keywords = NULL;
  JsonObject *schema;

  /* Boolean schemas: true takes anything, false nothing. */
  if (JSON_NODE_HOLDS_VALUE (schema_node) && json_node_get_value_type (schema_node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (schema_node) || fail (error, where, "no value is allowed here");

  if (!JSON_NODE_HOLDS_OBJECT (schema_node))
    return fail (error, where, "the schema is not an object");

  schema = json_node_get_object (schema_node);
  keywords = json_object_get_members (schema);
  for (GList *l = keywords; l != NULL; l = l->next)
    {
      const char *keyword = l->data;
      JsonNode *arg = json_object_get_member (schema, keyword);

      if (in_list (keyword, annotations, G_N_ELEMENTS (annotations)) ||
          g_str_equal (keyword, "required") || g_str_equal (keyword, "properties") ||
          g_str_equal (keyword, "additionalProperties"))
        continue;

      if (!in_list (keyword, assertions, G_N_ELEMENTS (assertions)))
        return fail (error, where, "the schema keyword \"%s\" is not known to the tests", keyword);

      if (g_str_equal (keyword, "$ref"))
        {
          JsonNode *target = schema_check_resolve (document, json_node_get_string (arg));

          if (target == NULL)
            return fail (error, where, "the reference %s leads nowhere", json_node_get_string (arg));
          if (!check (document, target, value, where, error))
            return FALSE;
        }
      else if (g_str_equal (keyword, "type"))
        {
          if (!check_type (arg, value, where, error))
            return FALSE;
        }
      else if (g_str_equal (keyword, "enum"))
        {
          JsonArray *values = json_node_get_array (arg);
          gboolean found = FALSE;

          for (guint i = 0; i < json_array_get_length (values) && !found; i++)
            found = json_node_equal (json_array_get_element (values, i), value);
          if (!found)
            {
              g_autofree char *text = json_to_string (value, FALSE);
              return fail (error, where, "%s is not one of the document's values", text);
            }
        }
      else if (g_str_equal (keyword, "const"))
        {
          if (!json_node_equal (arg, value))
            return fail (error, where, "not the document's constant");
        }
      else if (g_str_equal (keyword, "anyOf") || g_str_equal (keyword, "oneOf") ||
               g_str_equal (keyword, "allOf"))
        {
          if (!check_alternatives (document, keyword, json_node_get_array (arg), value, where, error))
            return FALSE;
        }
      else if (g_str_equal (keyword, "items"))
        {
          if (JSON_NODE_HOLDS_ARRAY (value))
            {
              JsonArray *items = json_node_get_array (value);

              for (guint i = 0; i < json_array_get_length (items); i++)
                {
                  g_autofree char *inner = g_strdup_printf ("%s[%u]", where, i);

                  if (!check (document, arg, json_array_get_element (items, i), inner, error))
                    return FALSE;
                }
            }
        }
      else if (g_str_equal (keyword, "minimum") || g_str_equal (keyword, "maximum"))
        {
          if (!check_number (arg, value, g_str_equal (keyword, "minimum"), where, error))
            return FALSE;
        }
      else if (has_type (value, "string"))
        {
          const char *text = json_node_get_string (value);
          glong length = g_utf8_strlen (text, -1);

          if (g_str_equal (keyword, "minLength") && length < json_node_get_int (arg))
            return fail (error, where, "\"%s\" is shorter than %" G_GINT64_FORMAT, text,
                         json_node_get_int (arg));
          if (g_str_equal (keyword, "maxLength") && length > json_node_get_int (arg))
            return fail (error, where, "a string of %ld characters is longer than %" G_GINT64_FORMAT,
                         length, json_node_get_int (arg));
          if (g_str_equal (keyword, "pattern") &&
              !g_regex_match_simple (json_node_get_string (arg), text, 0, 0))
            return fail (error, where, "\"%s\" does not match %s", text, json_node_get_string (arg));
          if (g_str_equal (keyword, "format") &&
              !check_format (json_node_get_string (arg), text, where, error))
            return FALSE;
        }
    }

  if (JSON_NODE_HOLDS_OBJECT (value))
    return check_object (document, schema, json_node_get_object (value), where, error);

  return TRUE;
}

/**
 * schema_check_validate:
 * @document: the whole document, for references
 * @schema: the schema to hold @value to
 * @value: a JSON value, such as a server's answer
 * @error: where it is wrong, as a path from `$`, and why
 *
 * Returns: whether @value is valid under @schema
 */
gboolean
schema_check_validate (JsonNode    *document,
                       JsonNode    *schema,
                       JsonNode    *value,
                       GError     **error)
{
  g_return_val_if_fail (document != NULL && schema != NULL && value != NULL, FALSE);

  return check (document, schema, value, "$", error);
}
