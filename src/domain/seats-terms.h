/* seats-terms.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-domain-enums.h"
#include "seats-snapshot.h"

G_BEGIN_DECLS

/**
 * SeatsTerms:
 * @vendor: who sells the subscription: the account's name
 * @product: what it sells per user: the name of the user licenses
 * @currency: the ISO 4217 code of the prices
 * @purchased: the licenses bought for the current billing period
 * @next_period: the licenses set for the next one
 * @price: the price of one license per month, in minor units
 * @period_months: the length of a billing period: 1, 3 or 12 months
 * @period_start: the first day of the current billing period, Julian
 * @notice_days: how many days before a period turns a change of its count
 *   must be made
 * @seat_floor: the vendor's seat rule (R5)
 * @grace_days: under %SEATS_SEAT_FLOOR_GRACE, the days of grace
 * @reseller_name: (nullable): the reseller the subscription was bought
 *   through (R10)
 * @reseller_url: (nullable): where the reseller changes it
 * @portal_url: (nullable): the vendor's portal, where licenses are bought
 * @anchor: the first day of the first period, which the periods are
 *   counted from, Julian; 0 when @period_start is that day
 *
 * The terms of a subscription the administrator keeps by hand: for an
 * account with no server at all, or for a SCIM account, whose service
 * gives users but no counts or prices. The same domain rules work on them
 * as on a license server's.
 */
typedef struct
{
  char           *vendor;
  char           *product;
  char           *currency;
  guint           purchased;
  guint           next_period;
  gint64          price;
  guint           period_months;
  guint32         period_start;
  guint           notice_days;
  SeatsSeatFloor  seat_floor;
  guint           grace_days;
  char           *reseller_name;
  char           *reseller_url;
  char           *portal_url;
  guint32         anchor;
} SeatsTerms;

/**
 * SeatsTermsField:
 * @SEATS_TERMS_FIELD_NONE: none
 * @SEATS_TERMS_FIELD_VENDOR: the vendor
 * @SEATS_TERMS_FIELD_PRODUCT: the product
 * @SEATS_TERMS_FIELD_CURRENCY: the currency
 * @SEATS_TERMS_FIELD_NEXT_PERIOD: the next period's count
 * @SEATS_TERMS_FIELD_PRICE: the price
 * @SEATS_TERMS_FIELD_PERIOD: the period's length or its start
 * @SEATS_TERMS_FIELD_NOTICE: the notice
 * @SEATS_TERMS_FIELD_GRACE: the days of grace
 * @SEATS_TERMS_FIELD_RESELLER: the reseller's name or link
 * @SEATS_TERMS_FIELD_PORTAL: the portal's link
 *
 * Which field of terms a refusal is about, so that it is said beside it.
 */
typedef enum
{
  SEATS_TERMS_FIELD_NONE,
  SEATS_TERMS_FIELD_VENDOR,
  SEATS_TERMS_FIELD_PRODUCT,
  SEATS_TERMS_FIELD_CURRENCY,
  SEATS_TERMS_FIELD_NEXT_PERIOD,
  SEATS_TERMS_FIELD_PRICE,
  SEATS_TERMS_FIELD_PERIOD,
  SEATS_TERMS_FIELD_NOTICE,
  SEATS_TERMS_FIELD_GRACE,
  SEATS_TERMS_FIELD_RESELLER,
  SEATS_TERMS_FIELD_PORTAL,
} SeatsTermsField;

#define SEATS_TERMS_ERROR (seats_terms_error_quark ())

/**
 * SeatsTermsError:
 * @SEATS_TERMS_ERROR_INVALID: a term is not one that can be kept; the
 *   message says which and why
 */
typedef enum
{
  SEATS_TERMS_ERROR_INVALID,
} SeatsTermsError;

GQuark seats_terms_error_quark (void);

/* The id of the user licenses of terms kept by hand. */
#define SEATS_TERMS_PRODUCT_ID "seats"

#define SEATS_TYPE_TERMS (seats_terms_get_type ())

GType        seats_terms_get_type        (void) G_GNUC_CONST;
SeatsTerms  *seats_terms_new             (void);
SeatsTerms  *seats_terms_copy            (const SeatsTerms     *terms);
void         seats_terms_free            (SeatsTerms           *terms);
gboolean     seats_terms_equal           (const SeatsTerms     *a,
                                          const SeatsTerms     *b);
SeatsTerms  *seats_terms_from_snapshot   (const SeatsSnapshot  *snapshot);
gboolean     seats_terms_check           (const SeatsTerms     *terms,
                                          guint                 counted,
                                          SeatsTermsField      *field,
                                          GError              **error);
void         seats_terms_apply           (const SeatsTerms     *terms,
                                          SeatsSnapshot        *snapshot);
GVariant    *seats_terms_to_variant      (const SeatsTerms     *terms);
SeatsTerms  *seats_terms_from_variant    (GVariant             *variant);
guint32      seats_rules_notice_date     (guint32               period_end,
                                          guint                 notice_days);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsTerms, seats_terms_free)

G_END_DECLS
