/* seats-product.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-domain-enums.h"
#include "seats-rules.h"
#include "seats-types.h"

G_BEGIN_DECLS

#define SEATS_TYPE_PRODUCT (seats_product_get_type ())

G_DECLARE_FINAL_TYPE (SeatsProduct, seats_product, SEATS, PRODUCT, GObject)

/*
 * SeatsProduct: one product of the subscription (R7): the user seats,
 * an add-on module or an integration.
 *
 * purchased is the count bought for the current period, in-use how many are
 * held, next-period the count the next period will be invoiced for (R3, R4).
 * price is per seat per month for seats and modules (a period of N months
 * costs N times as much) and the flat monthly fee of an integration, in
 * minor units of currency, or %SEATS_PRICE_NOT_SHARED. enabled says whether an
 * integration is switched on (R12); it is TRUE for seats and modules.
 */
SeatsProduct    *seats_product_new             (void);
const char      *seats_product_get_id          (SeatsProduct *self);
void             seats_product_set_id          (SeatsProduct *self,
                                                const char   *id);
const char      *seats_product_get_name        (SeatsProduct *self);
void             seats_product_set_name        (SeatsProduct *self,
                                                const char   *name);
SeatsProductKind seats_product_get_kind        (SeatsProduct *self);
void             seats_product_set_kind        (SeatsProduct     *self,
                                                SeatsProductKind  kind);
guint            seats_product_get_purchased   (SeatsProduct *self);
void             seats_product_set_purchased   (SeatsProduct *self,
                                                guint         purchased);
guint            seats_product_get_in_use      (SeatsProduct *self);
void             seats_product_set_in_use      (SeatsProduct *self,
                                                guint         in_use);
guint            seats_product_get_free        (SeatsProduct *self);
guint            seats_product_get_next_period (SeatsProduct *self);
void             seats_product_set_next_period (SeatsProduct *self,
                                                guint         next_period);
gint64           seats_product_get_price       (SeatsProduct *self);
void             seats_product_set_price       (SeatsProduct *self,
                                                gint64        price);
gboolean         seats_product_has_price       (SeatsProduct *self);
const char      *seats_product_get_currency    (SeatsProduct *self);
void             seats_product_set_currency    (SeatsProduct *self,
                                                const char   *currency);
gboolean         seats_product_get_enabled     (SeatsProduct *self);
void             seats_product_set_enabled     (SeatsProduct *self,
                                                gboolean      enabled);

SeatsProduct    *seats_products_find_user_seats (GListModel  *products);
GArray          *seats_products_price_lines    (GListModel   *products);
char            *seats_products_explain_monthly_price
                                               (GListModel   *products,
                                                gint64        monthly_price,
                                                const char   *currency);

G_END_DECLS
