/* seats-calendar.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-domain.h"

G_BEGIN_DECLS

char *seats_reminder_text            (const SeatsReminder  *reminder);
char *seats_calendar_of_notice_dates (const char * const   *names,
                                      const SeatsSnapshot **snapshots,
                                      guint                 n_accounts,
                                      const GDate          *today,
                                      gint64                now);

G_END_DECLS
