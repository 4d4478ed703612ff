/* seats-cli-table.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seatsctl"

#include "config.h"

#include "seats-cli-table.h"

struct _SeatsCliTable
{
  guint      n_columns;
  GStrv      headers;
  gboolean  *right;
  GPtrArray *rows;
};

/**
 * seats_cli_display_width:
 * @text: UTF-8 text
 *
 * Returns: how many terminal cells @text takes: wide (East Asian) characters
 *   two, combining marks none, control characters none
 */
guint
seats_cli_display_width (const char *text)
{
  guint width = 0;

  if (text == NULL)
    return 0;

  if (!g_utf8_validate (text, -1, NULL))
    return (guint) strlen (text);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c) || g_unichar_iscntrl (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

/**
 * seats_cli_pad:
 * @text: UTF-8 text
 * @width: the width to fill, in terminal cells
 * @right: %TRUE to align @text to the right, as numbers are
 *
 * Returns: (transfer full): @text with spaces to @width
 */
char *
seats_cli_pad (const char *text,
               guint       width,
               gboolean    right)
{
  guint own = seats_cli_display_width (text);
  GString *padded = g_string_new (NULL);

  if (right)
    for (guint i = own; i < width; i++)
      g_string_append_c (padded, ' ');

  g_string_append (padded, text != NULL ? text : "");

  if (!right)
    for (guint i = own; i < width; i++)
      g_string_append_c (padded, ' ');

  return g_string_free (padded, FALSE);
}

SeatsCliTable *
seats_cli_table_new (guint n_columns)
{
  SeatsCliTable *table = g_new0 (SeatsCliTable, 1);

  g_return_val_if_fail (n_columns > 0, NULL);

  table->n_columns = n_columns;
  table->right = g_new0 (gboolean, n_columns);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  return table;
}

void
seats_cli_table_free (SeatsCliTable *table)
{
  if (table == NULL)
    return;

  g_strfreev (table->headers);
  g_free (table->right);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

/* Copies exactly n_columns cells; missing ones are empty. */
static GStrv
copy_cells (SeatsCliTable      *table,
            const char * const *cells)
{
  GStrv copy = g_new0 (char *, table->n_columns + 1);
  gboolean ended = FALSE;

  for (guint i = 0; i < table->n_columns; i++)
    {
      if (!ended && cells[i] == NULL)
        ended = TRUE;
      copy[i] = g_strdup (ended ? "" : cells[i]);
    }

  return copy;
}

void
seats_cli_table_set_headers (SeatsCliTable      *table,
                             const char * const *headers)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (headers != NULL);

  g_strfreev (table->headers);
  table->headers = copy_cells (table, headers);
}

void
seats_cli_table_align_right (SeatsCliTable *table,
                             guint          column)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (column < table->n_columns);

  table->right[column] = TRUE;
}

void
seats_cli_table_add_row (SeatsCliTable      *table,
                         const char * const *cells)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (cells != NULL);

  g_ptr_array_add (table->rows, copy_cells (table, cells));
}

guint
seats_cli_table_get_n_rows (SeatsCliTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->rows->len;
}

static void
append_row (GString             *out,
            SeatsCliTable       *table,
            const guint         *widths,
            const char * const  *cells)
{
  GString *line = g_string_new (NULL);

  for (guint i = 0; i < table->n_columns; i++)
    {
      gboolean last = i + 1 == table->n_columns;
      g_autofree char *cell = NULL;

      /* The last column is not padded on the left-aligned side: no
       * trailing spaces. */
      cell = seats_cli_pad (cells[i], last && !table->right[i] ? 0 : widths[i], table->right[i]);
      if (i > 0)
        g_string_append (line, "  ");
      g_string_append (line, cell);
    }

  while (line->len > 0 && line->str[line->len - 1] == ' ')
    g_string_truncate (line, line->len - 1);

  g_string_append (out, line->str);
  g_string_append_c (out, '\n');
  g_string_free (line, TRUE);
}

/**
 * seats_cli_table_to_string:
 * @table: a table
 *
 * Returns: (transfer full): the headers, if any, and the rows, aligned
 */
char *
seats_cli_table_to_string (SeatsCliTable *table)
{
  g_autofree guint *widths = NULL;
  GString *out;

  g_return_val_if_fail (table != NULL, NULL);

  widths = g_new0 (guint, table->n_columns);
  for (guint i = 0; i < table->n_columns; i++)
    {
      if (table->headers != NULL)
        widths[i] = seats_cli_display_width (table->headers[i]);

      for (guint r = 0; r < table->rows->len; r++)
        {
          GStrv row = g_ptr_array_index (table->rows, r);

          widths[i] = MAX (widths[i], seats_cli_display_width (row[i]));
        }
    }

  out = g_string_new (NULL);
  if (table->headers != NULL)
    append_row (out, table, widths, (const char * const *) table->headers);

  for (guint r = 0; r < table->rows->len; r++)
    append_row (out, table, widths, g_ptr_array_index (table->rows, r));

  return g_string_free (out, FALSE);
}
