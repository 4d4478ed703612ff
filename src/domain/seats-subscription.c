/* seats-subscription.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include "seats-rules.h"
#include "seats-subscription.h"
#include "seats-types-private.h"

struct _SeatsSubscription
{
  GObject parent_instance;

  char    *edition;
  char    *currency;
  gint64   storage_used;
  gint64   storage_included;
  gint64   monthly_price;
  gint64   total_price;
  guint32  period_start;
  guint32  period_end;
  guint    period_months;
  guint    notice_days;
  guint32  anchor;
};

G_DEFINE_FINAL_TYPE (SeatsSubscription, seats_subscription, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PERIOD_START,
  PROP_PERIOD_END,
  PROP_PERIOD_MONTHS,
  PROP_EDITION,
  PROP_STORAGE_USED,
  PROP_STORAGE_INCLUDED,
  PROP_MONTHLY_PRICE,
  PROP_TOTAL_PRICE,
  PROP_CURRENCY,
  PROP_NOTICE_DAYS,
  PROP_ANCHOR,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const gsize field_offsets [N_PROPS] = {
  [PROP_PERIOD_START] = SEATS_FIELD (SeatsSubscription, period_start),
  [PROP_PERIOD_END] = SEATS_FIELD (SeatsSubscription, period_end),
  [PROP_PERIOD_MONTHS] = SEATS_FIELD (SeatsSubscription, period_months),
  [PROP_EDITION] = SEATS_FIELD (SeatsSubscription, edition),
  [PROP_STORAGE_USED] = SEATS_FIELD (SeatsSubscription, storage_used),
  [PROP_STORAGE_INCLUDED] = SEATS_FIELD (SeatsSubscription, storage_included),
  [PROP_MONTHLY_PRICE] = SEATS_FIELD (SeatsSubscription, monthly_price),
  [PROP_TOTAL_PRICE] = SEATS_FIELD (SeatsSubscription, total_price),
  [PROP_CURRENCY] = SEATS_FIELD (SeatsSubscription, currency),
  [PROP_NOTICE_DAYS] = SEATS_FIELD (SeatsSubscription, notice_days),
  [PROP_ANCHOR] = SEATS_FIELD (SeatsSubscription, anchor),
};

SEATS_DEFINE_FIELD_VFUNCS (seats_subscription)

static void
seats_subscription_class_init (SeatsSubscriptionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  SEATS_INSTALL_FIELD_VFUNCS (object_class, seats_subscription);

  properties [PROP_PERIOD_START] =
    g_param_spec_uint ("period-start", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  properties [PROP_PERIOD_END] =
    g_param_spec_uint ("period-end", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  properties [PROP_PERIOD_MONTHS] =
    g_param_spec_uint ("period-months", NULL, NULL,
                       0, G_MAXUINT16, 1,
                       SEATS_PARAM_FLAGS);

  properties [PROP_EDITION] =
    g_param_spec_string ("edition", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_STORAGE_USED] =
    g_param_spec_int64 ("storage-used", NULL, NULL,
                        0, G_MAXINT64, 0,
                        SEATS_PARAM_FLAGS);

  properties [PROP_STORAGE_INCLUDED] =
    g_param_spec_int64 ("storage-included", NULL, NULL,
                        0, G_MAXINT64, 0,
                        SEATS_PARAM_FLAGS);

  properties [PROP_MONTHLY_PRICE] =
    g_param_spec_int64 ("monthly-price", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        SEATS_PARAM_FLAGS);

  properties [PROP_TOTAL_PRICE] =
    g_param_spec_int64 ("total-price", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        SEATS_PARAM_FLAGS);

  properties [PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_NOTICE_DAYS] =
    g_param_spec_uint ("notice-days", NULL, NULL,
                       0, G_MAXUINT16, 0,
                       SEATS_PARAM_FLAGS);

  properties [PROP_ANCHOR] =
    g_param_spec_uint ("anchor", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seats_subscription_init (SeatsSubscription *self)
{
  self->period_months = 1;
}

SeatsSubscription *
seats_subscription_new (void)
{
  return g_object_new (SEATS_TYPE_SUBSCRIPTION, NULL);
}

#define ACCESSORS(KIND, ...) \
  SEATS_DEFINE_##KIND (SeatsSubscription, seats_subscription, SEATS_IS_SUBSCRIPTION, __VA_ARGS__)

ACCESSORS (JULIAN, period_start, PROP_PERIOD_START)
ACCESSORS (JULIAN, period_end, PROP_PERIOD_END)
ACCESSORS (UINT, period_months, PROP_PERIOD_MONTHS)
ACCESSORS (STRING, edition, PROP_EDITION)
ACCESSORS (INT64, storage_used, PROP_STORAGE_USED)
ACCESSORS (INT64, storage_included, PROP_STORAGE_INCLUDED)
ACCESSORS (INT64, monthly_price, PROP_MONTHLY_PRICE)
ACCESSORS (INT64, total_price, PROP_TOTAL_PRICE)
ACCESSORS (UINT, notice_days, PROP_NOTICE_DAYS)
ACCESSORS (JULIAN, anchor, PROP_ANCHOR)

/**
 * seats_subscription_has_prices:
 * @self: a #SeatsSubscription
 *
 * Returns: %TRUE if the license server shared the monthly and total
 *   price (R15)
 */
gboolean
seats_subscription_has_prices (SeatsSubscription *self)
{
  g_return_val_if_fail (SEATS_IS_SUBSCRIPTION (self), FALSE);

  return self->monthly_price != SEATS_PRICE_NOT_SHARED && self->total_price != SEATS_PRICE_NOT_SHARED;
}
ACCESSORS (STRING, currency, PROP_CURRENCY)

/**
 * seats_subscription_get_period_days:
 *
 * Returns: the number of days of the current period, or 0 when its dates
 *   are not known
 */
guint
seats_subscription_get_period_days (SeatsSubscription *self)
{
  g_return_val_if_fail (SEATS_IS_SUBSCRIPTION (self), 0);

  if (self->period_start == SEATS_JULIAN_NONE || self->period_end <= self->period_start)
    return 0;

  return self->period_end - self->period_start;
}

/**
 * seats_subscription_period_after:
 * @self: a #SeatsSubscription
 * @start: the first day of one of its periods, Julian
 *
 * The first day of the period after the one that begins on @start,
 * counted from the subscription's anchor when it has one: a monthly period
 * begun on January 31 is followed by February 28, then March 31 (R2).
 *
 * Returns: the day, Julian, or 0 when it cannot be represented
 */
guint32
seats_subscription_period_after (SeatsSubscription *self,
                                 guint32            start)
{
  guint32 from;
  GDate anchor, day, period_start, period_end;

  g_return_val_if_fail (SEATS_IS_SUBSCRIPTION (self), 0);

  from = self->anchor != 0 && self->anchor <= start ? self->anchor : start;
  if (!seats_julian_to_date (from, &anchor) || !seats_julian_to_date (start, &day) ||
      !seats_rules_period_containing (&anchor, MAX (self->period_months, 1), &day,
                                      &period_start, &period_end, NULL))
    return 0;

  return seats_julian_from_date (&period_end);
}
