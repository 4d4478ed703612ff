/* seats-overview.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-snapshot.h"

G_BEGIN_DECLS

/**
 * SeatsAttention:
 * @SEATS_ATTENTION_NONE: nothing to do
 * @SEATS_ATTENTION_OVER: more licenses are in use than bought
 * @SEATS_ATTENTION_NOTICE: a notice date is near, with licenses to lower
 *   or users who have left (see seats_reminder_compute())
 * @SEATS_ATTENTION_NEW_LICENSE: a new license from the vendor waits to be
 *   activated (R8)
 * @SEATS_ATTENTION_GRACE: users over the count lose their license at the
 *   end of a grace period (R5, R6)
 *
 * Why a subscription needs the administrator.
 */
typedef enum
{
  SEATS_ATTENTION_NONE        = 0,
  SEATS_ATTENTION_OVER        = 1 << 0,
  SEATS_ATTENTION_NOTICE      = 1 << 1,
  SEATS_ATTENTION_NEW_LICENSE = 1 << 2,
  SEATS_ATTENTION_GRACE       = 1 << 3,
} SeatsAttention;

/**
 * SeatsOverviewLine:
 * @synced: whether anything of the account is known yet
 * @has_terms: whether the subscription's counts are known; a SCIM account
 *   whose terms nobody keeps knows only its users
 * @has_prices: whether its prices are known; a viewer is not told them
 *   (R15)
 * @bought: the user licenses of this period
 * @in_use: the licenses that count (R1)
 * @free: the licenses bought that nobody holds
 * @monthly: what the subscription costs a month, in minor units, or
 *   %SEATS_PRICE_NOT_SHARED
 * @free_monthly: what the free licenses cost a month, in minor units, or
 *   %SEATS_PRICE_NOT_SHARED
 * @currency: (nullable): the subscription's currency
 * @next_period: the first day of the next period whose count can still be
 *   changed, Julian, or 0
 * @change_by: the last day to change that period's count, Julian, or 0
 * @attention: what needs the administrator
 *
 * One subscription as the overview of all accounts shows it.
 */
typedef struct
{
  gboolean        synced;
  gboolean        has_terms;
  gboolean        has_prices;
  guint           bought;
  guint           in_use;
  guint           free;
  gint64          monthly;
  gint64          free_monthly;
  char           *currency;
  guint32         next_period;
  guint32         change_by;
  SeatsAttention  attention;
} SeatsOverviewLine;

/**
 * SeatsOverviewTotal:
 * @currency: the currency of the subscriptions added up
 * @subscriptions: how many subscriptions are added up
 * @unpriced: how many of them do not share their prices, which the
 *   amounts leave out
 * @bought: their user licenses
 * @in_use: their licenses in use
 * @free: their free licenses
 * @monthly: what they cost a month, in minor units
 * @free_monthly: what their free licenses cost a month, in minor units
 *
 * The subscriptions in one currency, added up: amounts in different
 * currencies are never added together.
 */
typedef struct
{
  char   *currency;
  guint   subscriptions;
  guint   unpriced;
  guint   bought;
  guint   in_use;
  guint   free;
  gint64  monthly;
  gint64  free_monthly;
} SeatsOverviewTotal;

void        seats_overview_line_compute    (const SeatsSnapshot      *snapshot,
                                            const GDate              *today,
                                            guint                     days_ahead,
                                            SeatsOverviewLine        *line);
void        seats_overview_line_clear      (SeatsOverviewLine        *line);
char       *seats_overview_line_describe   (const SeatsOverviewLine  *line);
char       *seats_overview_line_caption    (const SeatsOverviewLine  *line);
GArray     *seats_overview_totals          (const SeatsOverviewLine  *lines,
                                            guint                     n_lines);
char       *seats_overview_total_title     (const SeatsOverviewTotal *total);
char       *seats_overview_total_describe  (const SeatsOverviewTotal *total);
char       *seats_overview_monthly_text    (gint64                    amount,
                                            const char               *currency);
char       *seats_attention_text           (SeatsAttention            attention);
const char *seats_attention_to_string      (SeatsAttention            attention);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SeatsOverviewLine, seats_overview_line_clear)

G_END_DECLS
