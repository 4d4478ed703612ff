/* seats-report.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * SeatsReportUsers:
 * @SEATS_REPORT_USERS_ALL: every user
 * @SEATS_REPORT_USERS_COUNTED: the users who hold a license (R1): the
 *   active users report (R20)
 * @SEATS_REPORT_USERS_NOT_COUNTED: the others
 *
 * Whom a users report holds.
 */
typedef enum
{
  SEATS_REPORT_USERS_ALL,
  SEATS_REPORT_USERS_COUNTED,
  SEATS_REPORT_USERS_NOT_COUNTED,
} SeatsReportUsers;

/**
 * SeatsReportFlags:
 * @SEATS_REPORT_FLAGS_NONE: the columns named in the person's language
 * @SEATS_REPORT_FLAGS_STABLE_HEADER: the columns named as scripts read them
 *
 * How a report is written.
 */
typedef enum
{
  SEATS_REPORT_FLAGS_NONE          = 0,
  SEATS_REPORT_FLAGS_STABLE_HEADER = 1 << 0,
} SeatsReportFlags;

char *seats_report_users_csv (GListModel       *users,
                              GListModel       *products,
                              const GDate      *today,
                              SeatsReportUsers  which,
                              SeatsReportFlags  flags,
                              guint            *n_rows);

G_END_DECLS
