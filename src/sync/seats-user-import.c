/* seats-user-import.c: the users of a vendor's export, read and compared
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-user-import"

#include "config.h"

#include <csv.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "seats-format.h"
#include "seats-user-import.h"

/*
 * A vendor's portal exports its users as a spreadsheet's CSV: UTF-8 with
 * or without a byte-order mark, or Windows-1252 as Excel writes it in the
 * Netherlands and Sweden, with commas, semicolons or tabs between the
 * cells. libcsv reads the cells; this guesses what each column holds from
 * its name in English, Dutch or Swedish, and compares the rows with the
 * users the account has, so that the person sees what an import changes
 * before anything is written.
 */

G_DEFINE_QUARK (seats-user-import-error-quark, seats_user_import_error)

/* The names a column goes by in the vendors' exports, lower case. */
static const struct {
  SeatsImportColumn  column;
  const char        *names[12];
} column_names[] = {
  { SEATS_IMPORT_COLUMN_NAME,
    { "name", "full name", "display name", "naam", "volledige naam", "weergavenaam", "namn",
      "fullständigt namn", "visningsnamn", "user", "gebruiker", "användare" } },
  { SEATS_IMPORT_COLUMN_EMAIL,
    { "email", "e-mail", "e-mail address", "email address", "mail", "e-mailadres",
      "emailadres", "e-post", "e-postadress", "epost", NULL } },
  { SEATS_IMPORT_COLUMN_USER_NAME,
    { "username", "user name", "login", "user id", "gebruikersnaam", "användarnamn",
      "inloggning", NULL } },
  { SEATS_IMPORT_COLUMN_STATUS,
    { "status", "active", "state", "actief", "aktiv", "tillstånd", NULL } },
  { SEATS_IMPORT_COLUMN_START,
    { "start", "start date", "startdate", "begin", "startdatum", "begindatum", "from", "van",
      "från", NULL } },
  { SEATS_IMPORT_COLUMN_END,
    { "end", "end date", "enddate", "einddatum", "slutdatum", "until", "tot", "till", NULL } },
  { SEATS_IMPORT_COLUMN_MODULES,
    { "modules", "module", "add-ons", "add-on modules", "modulen", "moduler", "tillägg", NULL } },
};

/**
 * seats_import_column_describe:
 * @column: what a column holds
 *
 * Returns: (transfer none): it in the person's words
 */
const char *
seats_import_column_describe (SeatsImportColumn column)
{
  switch (column)
    {
    case SEATS_IMPORT_COLUMN_NAME:
      return _("Name");
    case SEATS_IMPORT_COLUMN_EMAIL:
      return _("E-mail address");
    case SEATS_IMPORT_COLUMN_USER_NAME:
      return _("User name");
    case SEATS_IMPORT_COLUMN_STATUS:
      return _("Active or not");
    case SEATS_IMPORT_COLUMN_START:
      return _("Start date");
    case SEATS_IMPORT_COLUMN_END:
      return _("End date");
    case SEATS_IMPORT_COLUMN_MODULES:
      return _("Add-on modules");
    case SEATS_IMPORT_COLUMN_IGNORE:
    default:
      return _("Not imported");
    }
}

static SeatsImportColumn
guess_column (const char *header)
{
  g_autofree char *folded = g_utf8_strdown (header, -1);

  g_strstrip (folded);
  for (guint i = 0; i < G_N_ELEMENTS (column_names); i++)
    for (guint j = 0; j < G_N_ELEMENTS (column_names[i].names) && column_names[i].names[j] != NULL; j++)
      if (g_str_equal (folded, column_names[i].names[j]))
        return column_names[i].column;

  return SEATS_IMPORT_COLUMN_IGNORE;
}

/* A well-formed sequence of UTF-8 of more than one byte at @p. */
static gboolean
utf8_sequence_at (const guchar *p,
                  gsize         left)
{
  guint n;

  if (p[0] >= 0xC2 && p[0] <= 0xDF)
    n = 1;
  else if (p[0] >= 0xE0 && p[0] <= 0xEF)
    n = 2;
  else if (p[0] >= 0xF0 && p[0] <= 0xF4)
    n = 3;
  else
    return FALSE;

  if (left <= n)
    return FALSE;
  for (guint i = 1; i <= n; i++)
    if ((p[i] & 0xC0) != 0x80)
      return FALSE;

  return TRUE;
}

/* The file's text as UTF-8, or why it cannot be read as text. */
static char *
decode (const guchar  *data,
        gsize          length,
        GError       **error)
{
  gboolean has_utf8 = FALSE;

  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      data += 3;
      length -= 3;
    }

  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error_literal (error, SEATS_USER_IMPORT_ERROR, SEATS_USER_IMPORT_ERROR_NOT_A_TABLE,
                           _("The file is not a table of text. Export the users from the "
                             "vendor’s portal as CSV."));
      return NULL;
    }

  if (g_utf8_validate ((const char *) data, length, NULL))
    return g_strndup ((const char *) data, length);

  /* Not UTF-8 throughout: Windows-1252, unless part of it is UTF-8. */
  for (gsize i = 0; i < length && !has_utf8; i++)
    has_utf8 = data[i] >= 0x80 && utf8_sequence_at (data + i, length - i);
  if (has_utf8)
    {
      g_set_error_literal (error, SEATS_USER_IMPORT_ERROR, SEATS_USER_IMPORT_ERROR_ENCODING,
                           _("Part of the file is written as UTF-8 and part is not, so its "
                             "names cannot be read for certain. Save it again as one CSV "
                             "file from the spreadsheet."));
      return NULL;
    }

  return g_convert ((const char *) data, length, "UTF-8", "WINDOWS-1252", NULL, NULL, error);
}

/* The delimiter of the first row: the one of , ; and tab outside quotes
 * that it has most of. */
static char
sniff_delimiter (const char *text)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  char best = ',';
  guint most = 0;

  for (const char *p = text; *p != '\0' && (quoted || (*p != '\n' && *p != '\r')); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted)
        for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
          if (*p == candidates[i])
            counts[i]++;
    }

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (counts[i] > most)
      {
        most = counts[i];
        best = candidates[i];
      }

  return best;
}

typedef struct
{
  GPtrArray *cells;
  GPtrArray *rows;
} Reading;

static void
cell_cb (void   *cell,
         size_t  length,
         void   *data)
{
  Reading *reading = data;

  g_ptr_array_add (reading->cells, g_strstrip (g_strndup (cell != NULL ? cell : "", length)));
}

static void
row_cb (int   end,
        void *data)
{
  Reading *reading = data;
  gboolean blank = TRUE;

  for (guint i = 0; i < reading->cells->len && blank; i++)
    blank = *(const char *) g_ptr_array_index (reading->cells, i) == '\0';

  /* An empty line is no row; a spreadsheet leaves some at the end. */
  if (!blank)
    {
      g_ptr_array_add (reading->cells, NULL);
      g_ptr_array_add (reading->rows, g_ptr_array_steal (reading->cells, NULL));
    }
  else
    g_ptr_array_set_size (reading->cells, 0);
}

/**
 * seats_user_table_read:
 * @contents: the file
 * @file_name: its name, as the person knows it
 * @error: why it is not a table of users
 *
 * Reads a vendor's export: its encoding and delimiter found out, its
 * cells read by libcsv, and what each column holds guessed from the
 * header.
 *
 * Returns: (transfer full) (nullable): the table
 */
SeatsUserTable *
seats_user_table_read (GBytes      *contents,
                       const char  *file_name,
                       GError     **error)
{
  g_autoptr(SeatsUserTable) table = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  struct csv_parser parser;
  Reading reading;
  gsize length;
  const guchar *data = g_bytes_get_data (contents, &length);
  gsize text_length;

  g_return_val_if_fail (contents != NULL, NULL);

  if (length > SEATS_USER_IMPORT_MAX_SIZE)
    {
      g_set_error (error, SEATS_USER_IMPORT_ERROR, SEATS_USER_IMPORT_ERROR_TOO_LARGE,
                   _("The file is larger than %d MB, more than a list of users is."),
                   SEATS_USER_IMPORT_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  if (length == 0 || !(text = decode (data, length, error)))
    {
      if (length == 0)
        g_set_error_literal (error, SEATS_USER_IMPORT_ERROR, SEATS_USER_IMPORT_ERROR_EMPTY,
                             _("The file is empty."));
      return NULL;
    }

  table = g_new0 (SeatsUserTable, 1);
  table->file_name = g_strdup (file_name);
  table->delimiter = sniff_delimiter (text);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  table->mapping = g_array_new (FALSE, TRUE, sizeof (SeatsImportColumn));

  reading.cells = cells;
  reading.rows = table->rows;
  if (csv_init (&parser, CSV_APPEND_NULL) != 0)
    g_error ("libcsv could not start");
  csv_set_delim (&parser, (unsigned char) table->delimiter);
  text_length = strlen (text);
  if (csv_parse (&parser, text, text_length, cell_cb, row_cb, &reading) != text_length ||
      csv_fini (&parser, cell_cb, row_cb, &reading) != 0)
    {
      g_set_error (error, SEATS_USER_IMPORT_ERROR, SEATS_USER_IMPORT_ERROR_NOT_A_TABLE,
                   _("The file is not a table Seats can read: %s."),
                   csv_strerror (csv_error (&parser)));
      csv_free (&parser);
      return NULL;
    }
  csv_free (&parser);

  if (table->rows->len < 2)
    {
      g_set_error_literal (error, SEATS_USER_IMPORT_ERROR, SEATS_USER_IMPORT_ERROR_EMPTY,
                           _("The file has no users: a header and at least one row are needed."));
      return NULL;
    }

  table->header = g_ptr_array_steal_index (table->rows, 0);
  for (guint i = 0; table->header[i] != NULL; i++)
    {
      SeatsImportColumn column = guess_column (table->header[i]);

      /* A column is read once: the first of two with the same name. */
      for (guint j = 0; j < table->mapping->len; j++)
        if (g_array_index (table->mapping, SeatsImportColumn, j) == column)
          column = SEATS_IMPORT_COLUMN_IGNORE;
      g_array_append_val (table->mapping, column);
    }

  if (!seats_user_table_check_mapping (table, error))
    return NULL;

  return g_steal_pointer (&table);
}

/**
 * seats_user_table_check_mapping:
 * @table: a table with its columns mapped
 * @error: why it cannot be imported as mapped
 *
 * Returns: %TRUE when a column has the names or the e-mail addresses,
 *   which find the people again in a later import
 */
gboolean
seats_user_table_check_mapping (const SeatsUserTable  *table,
                                GError               **error)
{
  for (guint i = 0; i < table->mapping->len; i++)
    {
      SeatsImportColumn column = g_array_index (table->mapping, SeatsImportColumn, i);

      if (column == SEATS_IMPORT_COLUMN_NAME || column == SEATS_IMPORT_COLUMN_EMAIL ||
          column == SEATS_IMPORT_COLUMN_USER_NAME)
        return TRUE;
    }

  g_set_error_literal (error, SEATS_USER_IMPORT_ERROR, SEATS_USER_IMPORT_ERROR_NO_NAME,
                       _("No column has the users’ names or e-mail addresses. Choose the "
                         "column that has them, or export the users again with them."));
  return FALSE;
}

void
seats_user_table_free (SeatsUserTable *table)
{
  if (table == NULL)
    return;

  g_free (table->file_name);
  g_strfreev (table->header);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_clear_pointer (&table->mapping, g_array_unref);
  g_free (table);
}

/* A day as ISO 8601, as the Netherlands write it (day first, with -, / or
 * .), or as the person's locale does. */
/* Active or not, as the vendors' exports write it. */
static gboolean
parse_status (const char *text,
              gboolean   *active)
{
  static const char *yes[] = { "active", "actief", "aktiv", "yes", "ja", "true", "1", "enabled",
                               "ingeschakeld", "aktiverad", "x" };
  static const char *no[] = { "inactive", "inactief", "inaktiv", "no", "nee", "nej", "false", "0",
                              "disabled", "deactivated", "gedeactiveerd", "uitgeschakeld",
                              "inaktiverad", "avstängd", "suspended", "geblokkeerd", "spärrad" };
  g_autofree char *folded = g_utf8_strdown (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_str_equal (folded, yes[i]))
      return (*active = TRUE, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_str_equal (folded, no[i]))
      return (*active = FALSE, TRUE);

  return FALSE;
}

static void
add_problem (GPtrArray  *problems,
             guint       row,
             char       *reason)
{
  SeatsImportProblem *problem = g_new0 (SeatsImportProblem, 1);

  problem->row = row;
  problem->reason = reason;
  g_ptr_array_add (problems, problem);
}

static void
problem_free (gpointer data)
{
  SeatsImportProblem *problem = data;

  g_free (problem->reason);
  g_free (problem);
}

/**
 * seats_user_import_plan:
 * @table: a table with its columns mapped
 * @known: (element-type SeatsUser): the account's users
 *
 * Compares @table with the users the account has: who is new, whose
 * details change, who is missing and becomes a former user (R17), and the
 * rows that cannot be imported with the reason of each. Nothing is
 * written: the plan's users go into one change, all or nothing.
 *
 * Returns: (transfer full): the plan
 */
SeatsUserImport *
seats_user_import_plan (const SeatsUserTable *table,
                        GListModel           *known)
{
  SeatsUserImport *import = g_new0 (SeatsUserImport, 1);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int columns[SEATS_IMPORT_N_COLUMNS];

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (known), NULL);

  import->users = g_ptr_array_new_with_free_func (g_object_unref);
  import->problems = g_ptr_array_new_with_free_func (problem_free);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    columns[i] = -1;
  for (guint i = 0; i < table->mapping->len; i++)
    {
      SeatsImportColumn column = g_array_index (table->mapping, SeatsImportColumn, i);

      if (column != SEATS_IMPORT_COLUMN_IGNORE && columns[column] < 0)
        columns[column] = (int) i;
    }

  for (guint i = 0; i < g_list_model_get_n_items (known); i++)
    {
      SeatsUser *user = g_list_model_get_item (known, i);
      char *key = seats_users_key (seats_user_get_email (user), seats_user_get_user_name (user),
                          seats_user_get_display_name (user));

      if (key != NULL && !g_hash_table_contains (by_key, key))
        g_hash_table_insert (by_key, key, user);
      else
        {
          g_free (key);
          g_object_unref (user);
        }
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (table->rows, r);
      guint n_cells = g_strv_length (cells);
      guint row = r + 2;
      const char *cell[SEATS_IMPORT_N_COLUMNS] = { NULL };
      g_autoptr(SeatsUser) user = NULL;
      g_autofree char *key = NULL;
      SeatsUser *old;
      gboolean active = TRUE;
      guint32 start = 0, end = 0;

      for (guint c = 1; c < SEATS_IMPORT_N_COLUMNS; c++)
        cell[c] = columns[c] >= 0 && (guint) columns[c] < n_cells ? cells[columns[c]] : "";

      if (!(key = seats_users_key (cell[SEATS_IMPORT_COLUMN_EMAIL], cell[SEATS_IMPORT_COLUMN_USER_NAME],
                          cell[SEATS_IMPORT_COLUMN_NAME])))
        {
          add_problem (import->problems, row, g_strdup (_("It has no name and no e-mail address.")));
          continue;
        }
      if (*cell[SEATS_IMPORT_COLUMN_EMAIL] != '\0' &&
          !seats_rules_check_email (cell[SEATS_IMPORT_COLUMN_EMAIL], NULL))
        {
          add_problem (import->problems, row,
                       g_strdup_printf (_("“%s” is not an e-mail address."), cell[SEATS_IMPORT_COLUMN_EMAIL]));
          continue;
        }
      if (*cell[SEATS_IMPORT_COLUMN_STATUS] != '\0' &&
          !parse_status (cell[SEATS_IMPORT_COLUMN_STATUS], &active))
        {
          add_problem (import->problems, row,
                       g_strdup_printf (_("“%s” does not say whether the user is active."),
                                        cell[SEATS_IMPORT_COLUMN_STATUS]));
          continue;
        }
      if ((*cell[SEATS_IMPORT_COLUMN_START] != '\0' && !seats_parse_day (cell[SEATS_IMPORT_COLUMN_START], &start)) ||
          (*cell[SEATS_IMPORT_COLUMN_END] != '\0' && !seats_parse_day (cell[SEATS_IMPORT_COLUMN_END], &end)))
        {
          add_problem (import->problems, row,
                       g_strdup_printf (_("“%s” is not a date."),
                                        *cell[SEATS_IMPORT_COLUMN_START] != '\0' && start == 0
                                        ? cell[SEATS_IMPORT_COLUMN_START] : cell[SEATS_IMPORT_COLUMN_END]));
          continue;
        }
      if (start != 0 && end != 0 && end < start)
        {
          add_problem (import->problems, row, g_strdup (_("The end date is before the start date.")));
          continue;
        }
      if (g_hash_table_contains (seen, key))
        {
          add_problem (import->problems, row,
                       g_strdup_printf (_("The same person is in row %u already."),
                                        GPOINTER_TO_UINT (g_hash_table_lookup (seen, key))));
          continue;
        }
      g_hash_table_insert (seen, g_strdup (key), GUINT_TO_POINTER (row));

      if ((old = g_hash_table_lookup (by_key, key)) != NULL)
        user = seats_object_dup (old);
      else
        {
          g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
          g_autofree char *id = g_strdup_printf ("file-%.16s", hash);

          user = seats_user_new ();
          seats_user_set_id (user, id);
        }

      if (columns[SEATS_IMPORT_COLUMN_NAME] >= 0)
        seats_user_set_display_name (user, cell[SEATS_IMPORT_COLUMN_NAME]);
      if (columns[SEATS_IMPORT_COLUMN_EMAIL] >= 0)
        seats_user_set_email (user, cell[SEATS_IMPORT_COLUMN_EMAIL]);
      if (columns[SEATS_IMPORT_COLUMN_USER_NAME] >= 0)
        seats_user_set_user_name (user, cell[SEATS_IMPORT_COLUMN_USER_NAME]);
      else if (seats_user_get_user_name (user) == NULL)
        seats_user_set_user_name (user, *cell[SEATS_IMPORT_COLUMN_EMAIL] != '\0'
                                        ? cell[SEATS_IMPORT_COLUMN_EMAIL] : cell[SEATS_IMPORT_COLUMN_NAME]);
      if (columns[SEATS_IMPORT_COLUMN_STATUS] >= 0 || old == NULL)
        seats_user_set_active (user, active);
      if (columns[SEATS_IMPORT_COLUMN_START] >= 0)
        seats_user_set_start_date_julian (user, start);
      if (columns[SEATS_IMPORT_COLUMN_END] >= 0)
        seats_user_set_end_date_julian (user, end);
      if (columns[SEATS_IMPORT_COLUMN_MODULES] >= 0)
        {
          g_auto(GStrv) parts = g_regex_split_simple ("\\s*[;,|]\\s*", cell[SEATS_IMPORT_COLUMN_MODULES], 0, 0);
          g_autoptr(GStrvBuilder) modules = g_strv_builder_new ();
          g_auto(GStrv) list = NULL;

          for (guint i = 0; parts[i] != NULL; i++)
            if (*g_strstrip (parts[i]) != '\0')
              g_strv_builder_add (modules, parts[i]);
          list = g_strv_builder_end (modules);
          seats_user_set_modules (user, (const char * const *) list);
        }

      if (old == NULL)
        import->n_added++;
      else if (seats_user_equal (old, user))
        {
          import->n_unchanged++;
          continue;
        }
      else
        import->n_changed++;

      g_ptr_array_add (import->users, g_steal_pointer (&user));
    }

  /* Those missing from the file have left: former users, not deleted. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, by_key);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        SeatsUser *gone;

        if (g_hash_table_contains (seen, key) || !seats_user_get_active (value))
          continue;

        gone = seats_object_dup (value);
        seats_user_set_active (gone, FALSE);
        seats_user_set_grace_deadline_julian (gone, 0);
        g_ptr_array_add (import->users, gone);
        import->n_gone++;
      }
  }

  return import;
}

void
seats_user_import_free (SeatsUserImport *import)
{
  if (import == NULL)
    return;

  g_clear_pointer (&import->users, g_ptr_array_unref);
  g_clear_pointer (&import->problems, g_ptr_array_unref);
  g_free (import);
}
