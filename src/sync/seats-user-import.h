/* seats-user-import.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-domain.h"

G_BEGIN_DECLS

/* The largest file of users Seats reads. */
#define SEATS_USER_IMPORT_MAX_SIZE (50 * 1024 * 1024)

#define SEATS_USER_IMPORT_ERROR (seats_user_import_error_quark ())

typedef enum
{
  SEATS_USER_IMPORT_ERROR_TOO_LARGE,
  SEATS_USER_IMPORT_ERROR_EMPTY,
  SEATS_USER_IMPORT_ERROR_NOT_A_TABLE,
  SEATS_USER_IMPORT_ERROR_ENCODING,
  SEATS_USER_IMPORT_ERROR_NO_NAME,
} SeatsUserImportError;

GQuark seats_user_import_error_quark (void);

/**
 * SeatsImportColumn:
 * @SEATS_IMPORT_COLUMN_IGNORE: a column Seats does not read
 * @SEATS_IMPORT_COLUMN_NAME: the person's name
 * @SEATS_IMPORT_COLUMN_EMAIL: the e-mail address, which finds the person
 *   again in a later import
 * @SEATS_IMPORT_COLUMN_USER_NAME: the user name at the vendor
 * @SEATS_IMPORT_COLUMN_STATUS: active or not, in words or as yes and no
 * @SEATS_IMPORT_COLUMN_START: the start date
 * @SEATS_IMPORT_COLUMN_END: the end date
 * @SEATS_IMPORT_COLUMN_MODULES: the add-on modules, separated by commas
 *   or semicolons
 *
 * What a column of a vendor's export holds.
 */
typedef enum
{
  SEATS_IMPORT_COLUMN_IGNORE,
  SEATS_IMPORT_COLUMN_NAME,
  SEATS_IMPORT_COLUMN_EMAIL,
  SEATS_IMPORT_COLUMN_USER_NAME,
  SEATS_IMPORT_COLUMN_STATUS,
  SEATS_IMPORT_COLUMN_START,
  SEATS_IMPORT_COLUMN_END,
  SEATS_IMPORT_COLUMN_MODULES,
} SeatsImportColumn;

#define SEATS_IMPORT_N_COLUMNS (SEATS_IMPORT_COLUMN_MODULES + 1)

/**
 * SeatsUserTable:
 * @file_name: the file's name, for the action log
 * @delimiter: the delimiter sniffed: `,`, `;` or a tab
 * @header: the first row
 * @rows: (element-type GStrv): the rows after it
 * @mapping: (element-type SeatsImportColumn): what each column of @header
 *   holds, as guessed from its name and as the person corrects it
 *
 * A vendor's export of its users, read but not yet imported.
 */
typedef struct
{
  char      *file_name;
  char       delimiter;
  GStrv      header;
  GPtrArray *rows;
  GArray    *mapping;
} SeatsUserTable;

/**
 * SeatsImportProblem:
 * @row: the row of the file as a spreadsheet numbers it, the header 1
 * @reason: why it is not imported, in the person's language
 */
typedef struct
{
  guint  row;
  char  *reason;
} SeatsImportProblem;

/**
 * SeatsUserImport:
 * @users: (element-type SeatsUser): every user the import adds or changes,
 *   those missing from the file made former users (R17)
 * @n_added: users new to the account
 * @n_changed: users whose details the file changes
 * @n_gone: active users missing from the file, who become former users
 * @n_unchanged: users the file has as they are
 * @problems: (element-type SeatsImportProblem): the rows left out, and why
 *
 * What importing a table would do, before anything is written.
 */
typedef struct
{
  GPtrArray *users;
  guint      n_added;
  guint      n_changed;
  guint      n_gone;
  guint      n_unchanged;
  GPtrArray *problems;
} SeatsUserImport;

SeatsUserTable  *seats_user_table_read          (GBytes               *contents,
                                                 const char           *file_name,
                                                 GError              **error);
void             seats_user_table_free          (SeatsUserTable       *table);
gboolean         seats_user_table_check_mapping (const SeatsUserTable *table,
                                                 GError              **error);
const char      *seats_import_column_describe   (SeatsImportColumn     column);
SeatsUserImport *seats_user_import_plan         (const SeatsUserTable *table,
                                                 GListModel           *known);
void             seats_user_import_free         (SeatsUserImport      *import);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsUserTable, seats_user_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsUserImport, seats_user_import_free)

G_END_DECLS
