/* seats-types.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The domain types, declared once so that headers can name each other
 * without including each other. */
typedef struct _SeatsAccount        SeatsAccount;
typedef struct _SeatsActionEntry    SeatsActionEntry;
typedef struct _SeatsBillingDetails SeatsBillingDetails;
typedef struct _SeatsFeature        SeatsFeature;
typedef struct _SeatsHistoryPoint   SeatsHistoryPoint;
typedef struct _SeatsInvoice        SeatsInvoice;
typedef struct _SeatsLicenseChange  SeatsLicenseChange;
typedef struct _SeatsOrder          SeatsOrder;
typedef struct _SeatsPendingLicense SeatsPendingLicense;
typedef struct _SeatsPolicy         SeatsPolicy;
typedef struct _SeatsProduct        SeatsProduct;
typedef struct _SeatsSubscription   SeatsSubscription;
typedef struct _SeatsUser           SeatsUser;

/* Of the layers below the sync engine, what its header names. */
typedef struct _SeatsSource         SeatsSource;
typedef struct _SeatsStore          SeatsStore;

/*
 * Conventions of the domain types:
 *
 * Calendar dates (a period start, an end date, a due date) are a guint32
 * Julian day number as GDate counts them: 1 is 1 January of the year 1.
 * 0 (%SEATS_JULIAN_NONE) means "no date". They carry no time and no time
 * zone: an end date is the last day on which something holds, unless the
 * property says otherwise.
 *
 * Moments (created, last modified, a log entry) are gint64 seconds since
 * the Unix epoch, UTC; 0 means unknown.
 *
 * Money is a gint64 amount in the minor unit of its currency (cents, öre)
 * plus an ISO 4217 currency code, never a floating-point number.
 */
#define SEATS_JULIAN_NONE ((guint32) 0)

/*
 * SEATS_PRICE_NOT_SHARED:
 *
 * The price of a product or a subscription that the license server does
 * not share: a viewer sees no billing (R15).
 */
#define SEATS_PRICE_NOT_SHARED (G_GINT64_CONSTANT (-1))

guint32  seats_julian_from_date (const GDate *date);
guint32  seats_julian_from_ymd  (int          year,
                                 int          month,
                                 int          day);
gboolean seats_julian_to_date   (guint32      julian,
                                 GDate       *date);

gpointer seats_object_dup       (gpointer     object);

G_END_DECLS
