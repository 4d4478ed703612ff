/* seats-format.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "seats-rules.h"

G_BEGIN_DECLS

/* Money, dates and counts as the person's locale writes them, for the
 * window and the command line alike. */

char *seats_format_money      (gint64      amount,
                               const char *currency);
char *seats_format_date       (guint32     julian);
char *seats_format_date_short (guint32     julian);
char *seats_format_month      (guint32     julian);
char *seats_format_count      (guint64     count);
char *seats_format_since      (gint64      then,
                               gint64      now);
guint seats_currency_digits   (const char *currency);
gboolean seats_parse_money    (const char *text,
                               const char *currency,
                               gint64     *amount);
gboolean seats_parse_day      (const char *text,
                               guint32    *julian);
char *seats_format_proration  (const SeatsPurchaseQuote *quote,
                               const char               *currency);
char *seats_format_restored_next
                              (const SeatsPurchaseQuote *quote);
char *seats_format_monthly_sum
                              (const SeatsRulePriceLine *lines,
                               guint                     n_lines,
                               const char               *currency);

G_END_DECLS
