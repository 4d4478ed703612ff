/* seats-subscription.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-types.h"

G_BEGIN_DECLS

#define SEATS_TYPE_SUBSCRIPTION (seats_subscription_get_type ())

G_DECLARE_FINAL_TYPE (SeatsSubscription, seats_subscription, SEATS, SUBSCRIPTION, GObject)

/*
 * SeatsSubscription: the billing state of the subscription.
 *
 * The current period runs from period-start up to, not including, period-end:
 * period-end is the first day of the next period, so the days in the period
 * are period-end - period-start and "the period has turned" is
 * today >= period-end. period-months is its length in months (1, 3, 12).
 * notice-days is how many days before the period turns a change of the next
 * period's count must be made; 0 when the vendor does not say (a license
 * server takes changes up to the last day).
 * anchor is the first day of the first period of terms kept on this
 * computer, which every later period is counted from, so that a period
 * begun on the 31st begins on the last day of shorter months and on the
 * 31st again after; 0 when the source decides the periods.
 * The edition (R11) is read-only in the interface. Storage is in bytes,
 * prices in minor units of currency, or %SEATS_PRICE_NOT_SHARED.
 */
SeatsSubscription *seats_subscription_new                     (void);
guint32            seats_subscription_get_period_start_julian (SeatsSubscription *self);
void               seats_subscription_set_period_start_julian (SeatsSubscription *self,
                                                               guint32            period_start);
guint32            seats_subscription_get_period_end_julian   (SeatsSubscription *self);
void               seats_subscription_set_period_end_julian   (SeatsSubscription *self,
                                                               guint32            period_end);
guint              seats_subscription_get_period_months       (SeatsSubscription *self);
void               seats_subscription_set_period_months       (SeatsSubscription *self,
                                                               guint              period_months);
const char        *seats_subscription_get_edition             (SeatsSubscription *self);
void               seats_subscription_set_edition             (SeatsSubscription *self,
                                                               const char        *edition);
gint64             seats_subscription_get_storage_used        (SeatsSubscription *self);
void               seats_subscription_set_storage_used        (SeatsSubscription *self,
                                                               gint64             storage_used);
gint64             seats_subscription_get_storage_included    (SeatsSubscription *self);
void               seats_subscription_set_storage_included    (SeatsSubscription *self,
                                                               gint64             value);
gint64             seats_subscription_get_monthly_price       (SeatsSubscription *self);
void               seats_subscription_set_monthly_price       (SeatsSubscription *self,
                                                               gint64             monthly_price);
gboolean           seats_subscription_has_prices              (SeatsSubscription *self);
gint64             seats_subscription_get_total_price         (SeatsSubscription *self);
void               seats_subscription_set_total_price         (SeatsSubscription *self,
                                                               gint64             total_price);
const char        *seats_subscription_get_currency            (SeatsSubscription *self);
void               seats_subscription_set_currency            (SeatsSubscription *self,
                                                               const char        *currency);
guint              seats_subscription_get_period_days         (SeatsSubscription *self);
guint              seats_subscription_get_notice_days         (SeatsSubscription *self);
void               seats_subscription_set_notice_days         (SeatsSubscription *self,
                                                               guint              notice_days);
guint32            seats_subscription_get_anchor_julian       (SeatsSubscription *self);
void               seats_subscription_set_anchor_julian       (SeatsSubscription *self,
                                                               guint32            anchor);
guint32            seats_subscription_period_after            (SeatsSubscription *self,
                                                               guint32            start);

G_END_DECLS
