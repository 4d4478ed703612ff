/* seats-json-reader.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-json"

#include "config.h"

#include "seats-json-reader.h"

G_DEFINE_QUARK (seats-json-read-error-quark, seats_json_read_error)

/* Counted without recursion, before json-glib (which recurses) sees it. */
static gboolean
within_depth (const char *data,
              gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > SEATS_JSON_READ_MAX_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

static gboolean
only_white_space (const char *data,
                  gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (data[i] != ' ' && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
      return FALSE;

  return TRUE;
}

/**
 * seats_json_read:
 * @data: (array length=length) (nullable): the text
 * @length: its length in bytes
 * @error: why it is not a JSON document, in %SEATS_JSON_READ_ERROR, in
 *   English for the caller to put in its own words
 *
 * Reads a JSON document that may come from anyone: empty input, text that
 * is not UTF-8 and hostile nesting are refused before json-glib parses it,
 * and a document is never read as having no root.
 *
 * Returns: (transfer full): the root node
 */
JsonNode *
seats_json_read (const char  *data,
                 gsize        length,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (data == NULL || length == 0 || only_white_space (data, length))
    {
      g_set_error_literal (error, SEATS_JSON_READ_ERROR, SEATS_JSON_READ_ERROR_EMPTY, "empty");
      return NULL;
    }

  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error_literal (error, SEATS_JSON_READ_ERROR, SEATS_JSON_READ_ERROR_NOT_UTF8, "not UTF-8");
      return NULL;
    }

  if (!within_depth (data, length))
    {
      g_set_error_literal (error, SEATS_JSON_READ_ERROR, SEATS_JSON_READ_ERROR_TOO_DEEP,
                           "nested too deeply");
      return NULL;
    }

  /* Not json_parser_new_immutable(): sealing hashes every member and
   * string of every object, a tenth of a full sync, and the readers only
   * read the tree and drop it. */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error_literal (error, SEATS_JSON_READ_ERROR, SEATS_JSON_READ_ERROR_SYNTAX,
                           local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, SEATS_JSON_READ_ERROR, SEATS_JSON_READ_ERROR_EMPTY, "empty");
      return NULL;
    }

  return json_node_ref (root);
}
