/* seats-report.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-report.h"
#include "seats-rules.h"
#include "seats-user.h"

/* The users report, one for the window's export and for seatsctl users
 * --csv: the same columns, the same cells. */

static const char * const stable_header[] = {
  "id", "user_name", "name", "email", "active", "start_date", "end_date", "modules", NULL
};

static void
iso_date (guint32  julian,
          char    *text,
          gsize    size)
{
  GDate date;

  text[0] = '\0';
  if (julian != SEATS_JULIAN_NONE && seats_julian_to_date (julian, &date))
    g_date_strftime (text, size, "%Y-%m-%d", &date);
}

static const char *
or_empty (const char *value)
{
  return value != NULL ? value : "";
}

/**
 * seats_report_users_csv:
 * @users: the account's users, #SeatsUser
 * @products: (nullable): the account's products, for the names of modules
 * @today: the day who holds a license is judged on (R1)
 * @which: whom the report holds
 * @flags: how the columns are named
 * @n_rows: (out) (optional): how many users the report holds
 *
 * A users report as RFC 4180 CSV, every cell safe to open in a spreadsheet
 * (seats_rules_csv_cell()): a header, then one row per user with the id,
 * user name, name, e-mail address, whether active, the start and end
 * dates as ISO 8601 (which every spreadsheet reads) and the names of the
 * add-on modules held. With %SEATS_REPORT_USERS_COUNTED it is the active
 * users report (R20).
 *
 * Returns: (transfer full): the report
 */
char *
seats_report_users_csv (GListModel       *users,
                        GListModel       *products,
                        const GDate      *today,
                        SeatsReportUsers  which,
                        SeatsReportFlags  flags,
                        guint            *n_rows)
{
  const char *words[] = {
    /* Translators: the columns of the users report, a CSV file */
    _("ID"), _("User name"), _("Name"), _("E-mail"), _("Active"), _("Start date"), _("End date"),
    _("Modules"), NULL
  };
  GString *csv;
  guint n, rows = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (users), NULL);
  g_return_val_if_fail (products == NULL || G_IS_LIST_MODEL (products), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  csv = g_string_new (NULL);
  seats_rules_csv_append_row (csv, (flags & SEATS_REPORT_FLAGS_STABLE_HEADER) ? stable_header
                                                                               : words);

  n = g_list_model_get_n_items (users);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);
      gboolean counts = seats_user_counts (user, today);
      g_autofree char *modules = NULL;
      char start[16], end[16];
      const char *row[9];

      if ((which == SEATS_REPORT_USERS_COUNTED && !counts) ||
          (which == SEATS_REPORT_USERS_NOT_COUNTED && counts))
        continue;

      iso_date (seats_user_get_start_date_julian (user), start, sizeof start);
      iso_date (seats_user_get_end_date_julian (user), end, sizeof end);
      /* The same in every language, as every cell. */
      modules = seats_user_describe_modules (user, products, ", ");

      row[0] = or_empty (seats_user_get_id (user));
      row[1] = or_empty (seats_user_get_user_name (user));
      row[2] = or_empty (seats_user_get_display_name (user));
      row[3] = or_empty (seats_user_get_email (user));
      row[4] = seats_user_get_active (user) ? "true" : "false";
      row[5] = start;
      row[6] = end;
      row[7] = modules;
      row[8] = NULL;
      seats_rules_csv_append_row (csv, row);
      rows++;
    }

  if (n_rows != NULL)
    *n_rows = rows;

  return g_string_free (csv, FALSE);
}
