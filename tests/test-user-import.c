/* test-user-import.c: a vendor's export of its users, read and compared
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "seats-user-import.h"

static SeatsUserTable *
read_text (const char  *text,
           gssize       length,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length < 0 ? strlen (text) : (gsize) length);

  return seats_user_table_read (bytes, "export.csv", error);
}

static SeatsImportColumn
column (const SeatsUserTable *table,
        guint                 i)
{
  return g_array_index (table->mapping, SeatsImportColumn, i);
}

/* What Excel writes in the Netherlands (Windows-1252, semicolons, CRLF)
 * and in Sweden, what a portal writes (UTF-8 with a byte-order mark,
 * tabs), and quoted cells with the delimiter in them. */
static void
test_encodings_and_delimiters (void)
{
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(SeatsUserTable) table = read_text ("Naam;E-mailadres;Status\r\nJ\xf6rg;j@example.test;Actief\r\n", -1, &error);

    g_assert_no_error (error);
    g_assert_cmpint (table->delimiter, ==, ';');
    g_assert_cmpstr (((GStrv) g_ptr_array_index (table->rows, 0))[0], ==, "Jörg");
    g_assert_cmpint (column (table, 0), ==, SEATS_IMPORT_COLUMN_NAME);
    g_assert_cmpint (column (table, 1), ==, SEATS_IMPORT_COLUMN_EMAIL);
    g_assert_cmpint (column (table, 2), ==, SEATS_IMPORT_COLUMN_STATUS);
  }
  {
    g_autoptr(SeatsUserTable) table = read_text ("\xef\xbb\xbfNamn\tE-postadress\tSlutdatum\tModuler\n"
                                                 "Åsa\tasa@example.test\t2026-12-31\tPlanering; Lön\n", -1, &error);

    g_assert_no_error (error);
    g_assert_cmpint (table->delimiter, ==, '\t');
    g_assert_cmpstr (table->header[0], ==, "Namn");
    g_assert_cmpint (column (table, 2), ==, SEATS_IMPORT_COLUMN_END);
    g_assert_cmpint (column (table, 3), ==, SEATS_IMPORT_COLUMN_MODULES);
  }
  {
    g_autoptr(SeatsUserTable) table = read_text ("Name,Email,Notes\n\"Berg, Jörg\",j@example.test,\"a, b\"\n\n", -1, &error);

    g_assert_no_error (error);
    g_assert_cmpint (table->delimiter, ==, ',');
    g_assert_cmpuint (table->rows->len, ==, 1);
    g_assert_cmpstr (((GStrv) g_ptr_array_index (table->rows, 0))[0], ==, "Berg, Jörg");
    g_assert_cmpint (column (table, 2), ==, SEATS_IMPORT_COLUMN_IGNORE);
  }
}

/* What is not a table of users is refused with the reason. */
static void
test_refused (void)
{
  static const struct {
    const char *text;
    gssize      length;
    int         code;
  } cases[] = {
    { "", 0, SEATS_USER_IMPORT_ERROR_EMPTY },
    { "Name,Email\n", -1, SEATS_USER_IMPORT_ERROR_EMPTY },
    { "Name,Email\n\n\n", -1, SEATS_USER_IMPORT_ERROR_EMPTY },
    { "Foo,Bar\n1,2\n", -1, SEATS_USER_IMPORT_ERROR_NO_NAME },
    { "PK\x03\x04\0\0binary", 12, SEATS_USER_IMPORT_ERROR_NOT_A_TABLE },
    { "Name,Email\nJ\xc3\xb6rg,j@x.test\nK\xf6re,k@x.test\n", -1, SEATS_USER_IMPORT_ERROR_ENCODING },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SeatsUserTable) table = read_text (cases[i].text, cases[i].length, &error);

      g_test_message ("case %u", i);
      g_assert_null (table);
      g_assert_error (error, SEATS_USER_IMPORT_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, !=, "");
    }

  /* Larger than 50 MB: refused before it is read. */
  {
    gsize size = SEATS_USER_IMPORT_MAX_SIZE + 1;
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (size), size);
    g_autoptr(GError) error = NULL;
    g_autoptr(SeatsUserTable) table = seats_user_table_read (bytes, "huge.csv", &error);

    g_assert_null (table);
    g_assert_error (error, SEATS_USER_IMPORT_ERROR, SEATS_USER_IMPORT_ERROR_TOO_LARGE);
  }
}

static SeatsUser *
user (const char *id,
      const char *name,
      const char *email,
      gboolean    active)
{
  SeatsUser *user = seats_user_new ();

  seats_user_set_id (user, id);
  seats_user_set_display_name (user, name);
  seats_user_set_email (user, email);
  seats_user_set_user_name (user, email);
  seats_user_set_active (user, active);

  return user;
}

static SeatsUser *
planned (SeatsUserImport *import,
         const char      *email)
{
  for (guint i = 0; i < import->users->len; i++)
    if (g_strcmp0 (seats_user_get_email (g_ptr_array_index (import->users, i)), email) == 0)
      return g_ptr_array_index (import->users, i);

  return NULL;
}

/* A repeated import: who is added, who changes, who is missing and
 * becomes a former user (R17), who is as before; bad rows with their row
 * numbers; dates as ISO and day first. */
static void
test_plan (void)
{
  g_autoptr(GListStore) known = g_list_store_new (SEATS_TYPE_USER);
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsUserTable) table = NULL;
  g_autoptr(SeatsUserImport) import = NULL;
  SeatsUser *anna, *eva;

  g_list_store_append (known, g_object_take_ref (user ("a", "Anna", "anna@example.test", TRUE)));
  g_list_store_append (known, g_object_take_ref (user ("b", "Bo", "bo@example.test", TRUE)));
  g_list_store_append (known, g_object_take_ref (user ("c", "Carl", "carl@example.test", TRUE)));
  g_list_store_append (known, g_object_take_ref (user ("d", "Dan", "dan@example.test", FALSE)));

  table = read_text ("Name;E-mail;Active;Start date;End date\n"
                     "Anna Ek;ANNA@example.test;yes;;31-12-2026\n"       /* 2: changed */
                     "Bo;bo@example.test;ja;;\n"                         /* 3: unchanged */
                     "Eva;eva@example.test;;2026-11-01;\n"               /* 4: added */
                     "Frank;frank@example.test;maybe;;\n"                /* 5: bad status */
                     "Gun;gun@example.test;1;1.13.2026;\n"               /* 6: bad date */
                     ";;yes;;\n"                                         /* 7: nobody */
                     "Eva again;eva@example.test;yes;;\n"                /* 8: twice */
                     "Hans;not-an-address;yes;;\n"                       /* 9: bad address */
                     "Ida;ida@example.test;yes;2026-12-01;2026-11-01\n", /* 10: ends first */
                     -1, &error);
  g_assert_no_error (error);
  import = seats_user_import_plan (table, G_LIST_MODEL (known));

  g_assert_cmpuint (import->n_added, ==, 1);
  g_assert_cmpuint (import->n_changed, ==, 1);
  g_assert_cmpuint (import->n_unchanged, ==, 1);
  /* Carl is missing and becomes a former user; Dan was one already. */
  g_assert_cmpuint (import->n_gone, ==, 1);
  g_assert_cmpuint (import->users->len, ==, 3);
  g_assert_false (seats_user_get_active (planned (import, "carl@example.test")));
  g_assert_null (planned (import, "dan@example.test"));

  anna = planned (import, "ANNA@example.test");
  g_assert_nonnull (anna);
  g_assert_cmpstr (seats_user_get_id (anna), ==, "a");
  g_assert_cmpstr (seats_user_get_display_name (anna), ==, "Anna Ek");
  g_assert_cmpuint (seats_user_get_end_date_julian (anna), ==, seats_julian_from_ymd (2026, 12, 31));

  eva = planned (import, "eva@example.test");
  g_assert_nonnull (eva);
  g_assert_true (seats_user_get_active (eva));
  g_assert_cmpuint (seats_user_get_start_date_julian (eva), ==, seats_julian_from_ymd (2026, 11, 1));

  {
    static const guint rows[] = { 5, 6, 7, 8, 9, 10 };

    g_assert_cmpuint (import->problems->len, ==, G_N_ELEMENTS (rows));
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        SeatsImportProblem *problem = g_ptr_array_index (import->problems, i);

        g_assert_cmpuint (problem->row, ==, rows[i]);
        g_assert_cmpstr (problem->reason, !=, "");
      }
  }

  /* The same file again adds nobody new: Eva's id is the same. */
  {
    g_autoptr(SeatsUserImport) again = seats_user_import_plan (table, G_LIST_MODEL (known));

    g_assert_cmpstr (seats_user_get_id (planned (again, "eva@example.test")), ==, seats_user_get_id (eva));
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/user-import/encodings-and-delimiters", test_encodings_and_delimiters);
  g_test_add_func ("/user-import/refused", test_refused);
  g_test_add_func ("/user-import/plan", test_plan);

  return g_test_run ();
}
