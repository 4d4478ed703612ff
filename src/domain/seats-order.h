/* seats-order.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-types.h"

G_BEGIN_DECLS

#define SEATS_TYPE_ORDER (seats_order_get_type ())

G_DECLARE_FINAL_TYPE (SeatsOrder, seats_order, SEATS, ORDER, GObject)

/*
 * SeatsOrder: an order confirmation (R2, R14).
 *
 * amount is in minor units of currency. The order covers the days from
 * period-start up to, not including, period-end (as SeatsSubscription).
 * idempotency-key is the key the order was sent with, when it was created
 * from this application, so that a retry is recognised. product-name is
 * the product's name as it was when ordered, actor who placed the order
 * (as the action log names people).
 */
SeatsOrder *seats_order_new                     (void);
const char *seats_order_get_id                  (SeatsOrder *self);
void        seats_order_set_id                  (SeatsOrder *self,
                                                 const char *id);
gint64      seats_order_get_created             (SeatsOrder *self);
void        seats_order_set_created             (SeatsOrder *self,
                                                 gint64      created);
const char *seats_order_get_product_id          (SeatsOrder *self);
void        seats_order_set_product_id          (SeatsOrder *self,
                                                 const char *product_id);
guint       seats_order_get_quantity            (SeatsOrder *self);
void        seats_order_set_quantity            (SeatsOrder *self,
                                                 guint       quantity);
gint64      seats_order_get_amount              (SeatsOrder *self);
void        seats_order_set_amount              (SeatsOrder *self,
                                                 gint64      amount);
const char *seats_order_get_currency            (SeatsOrder *self);
void        seats_order_set_currency            (SeatsOrder *self,
                                                 const char *currency);
guint32     seats_order_get_period_start_julian (SeatsOrder *self);
void        seats_order_set_period_start_julian (SeatsOrder *self,
                                                 guint32     period_start);
guint32     seats_order_get_period_end_julian   (SeatsOrder *self);
void        seats_order_set_period_end_julian   (SeatsOrder *self,
                                                 guint32     period_end);
const char *seats_order_get_idempotency_key     (SeatsOrder *self);
void        seats_order_set_idempotency_key     (SeatsOrder *self,
                                                 const char *idempotency_key);
const char *seats_order_get_product_name        (SeatsOrder *self);
void        seats_order_set_product_name        (SeatsOrder *self,
                                                 const char *product_name);
const char *seats_order_get_actor               (SeatsOrder *self);
void        seats_order_set_actor               (SeatsOrder *self,
                                                 const char *actor);

GVariant        *seats_order_to_variant        (SeatsOrder   *self);
SeatsOrder      *seats_order_new_from_variant  (GVariant     *variant);

G_END_DECLS
