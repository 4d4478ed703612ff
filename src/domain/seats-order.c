/* seats-order.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include "seats-order.h"
#include "seats-types-private.h"

struct _SeatsOrder
{
  GObject parent_instance;

  char    *id;
  char    *product_id;
  char    *currency;
  char    *idempotency_key;
  char    *product_name;
  char    *actor;
  gint64   created;
  gint64   amount;
  guint    quantity;
  guint32  period_start;
  guint32  period_end;
};

G_DEFINE_FINAL_TYPE (SeatsOrder, seats_order, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED,
  PROP_PRODUCT_ID,
  PROP_QUANTITY,
  PROP_AMOUNT,
  PROP_CURRENCY,
  PROP_PERIOD_START,
  PROP_PERIOD_END,
  PROP_IDEMPOTENCY_KEY,
  PROP_PRODUCT_NAME,
  PROP_ACTOR,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const gsize field_offsets [N_PROPS] = {
  [PROP_ID] = SEATS_FIELD (SeatsOrder, id),
  [PROP_CREATED] = SEATS_FIELD (SeatsOrder, created),
  [PROP_PRODUCT_ID] = SEATS_FIELD (SeatsOrder, product_id),
  [PROP_QUANTITY] = SEATS_FIELD (SeatsOrder, quantity),
  [PROP_AMOUNT] = SEATS_FIELD (SeatsOrder, amount),
  [PROP_CURRENCY] = SEATS_FIELD (SeatsOrder, currency),
  [PROP_PERIOD_START] = SEATS_FIELD (SeatsOrder, period_start),
  [PROP_PERIOD_END] = SEATS_FIELD (SeatsOrder, period_end),
  [PROP_IDEMPOTENCY_KEY] = SEATS_FIELD (SeatsOrder, idempotency_key),
  [PROP_PRODUCT_NAME] = SEATS_FIELD (SeatsOrder, product_name),
  [PROP_ACTOR] = SEATS_FIELD (SeatsOrder, actor),
};

SEATS_DEFINE_FIELD_VFUNCS (seats_order)

static void
seats_order_class_init (SeatsOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  SEATS_INSTALL_FIELD_VFUNCS (object_class, seats_order);

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        SEATS_PARAM_FLAGS);

  properties [PROP_PRODUCT_ID] =
    g_param_spec_string ("product-id", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_QUANTITY] =
    g_param_spec_uint ("quantity", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  properties [PROP_AMOUNT] =
    g_param_spec_int64 ("amount", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        SEATS_PARAM_FLAGS);

  properties [PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_PERIOD_START] =
    g_param_spec_uint ("period-start", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  properties [PROP_PERIOD_END] =
    g_param_spec_uint ("period-end", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  properties [PROP_IDEMPOTENCY_KEY] =
    g_param_spec_string ("idempotency-key", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_PRODUCT_NAME] =
    g_param_spec_string ("product-name", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seats_order_init (SeatsOrder *self)
{
}

SeatsOrder *
seats_order_new (void)
{
  return g_object_new (SEATS_TYPE_ORDER, NULL);
}

#define ACCESSORS(KIND, ...) \
  SEATS_DEFINE_##KIND (SeatsOrder, seats_order, SEATS_IS_ORDER, __VA_ARGS__)

ACCESSORS (STRING, id, PROP_ID)
ACCESSORS (INT64, created, PROP_CREATED)
ACCESSORS (STRING, product_id, PROP_PRODUCT_ID)
ACCESSORS (UINT, quantity, PROP_QUANTITY)
ACCESSORS (INT64, amount, PROP_AMOUNT)
ACCESSORS (STRING, currency, PROP_CURRENCY)
ACCESSORS (JULIAN, period_start, PROP_PERIOD_START)
ACCESSORS (JULIAN, period_end, PROP_PERIOD_END)
ACCESSORS (STRING, idempotency_key, PROP_IDEMPOTENCY_KEY)
ACCESSORS (STRING, product_name, PROP_PRODUCT_NAME)
ACCESSORS (STRING, actor, PROP_ACTOR)
