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

/**
 * seats_order_to_variant:
 * @self: a #SeatsOrder
 *
 * Returns: (transfer floating): @self as a dictionary, for a change that
 *   waits in the outbox
 */
GVariant *
seats_order_to_variant (SeatsOrder *self)
{
  GVariantBuilder builder;

  g_return_val_if_fail (SEATS_IS_ORDER (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
#define ADD_STRING(key, value) \
  if ((value) != NULL) \
    g_variant_builder_add (&builder, "{sv}", key, g_variant_new_string (value))
  ADD_STRING ("id", self->id);
  ADD_STRING ("product-id", self->product_id);
  ADD_STRING ("currency", self->currency);
  ADD_STRING ("idempotency-key", self->idempotency_key);
  ADD_STRING ("product-name", self->product_name);
  ADD_STRING ("actor", self->actor);
#undef ADD_STRING
  g_variant_builder_add (&builder, "{sv}", "created", g_variant_new_int64 (self->created));
  g_variant_builder_add (&builder, "{sv}", "amount", g_variant_new_int64 (self->amount));
  g_variant_builder_add (&builder, "{sv}", "quantity", g_variant_new_uint32 (self->quantity));
  g_variant_builder_add (&builder, "{sv}", "period-start", g_variant_new_uint32 (self->period_start));
  g_variant_builder_add (&builder, "{sv}", "period-end", g_variant_new_uint32 (self->period_end));

  return g_variant_builder_end (&builder);
}

/**
 * seats_order_new_from_variant:
 * @variant: what seats_order_to_variant() made
 *
 * Returns: (transfer full) (nullable): the order, or %NULL when @variant is
 *   not one
 */
SeatsOrder *
seats_order_new_from_variant (GVariant *variant)
{
  g_autoptr(SeatsOrder) order = NULL;
  const char *text = NULL;
  gint64 number = 0;
  guint32 count = 0;

  g_return_val_if_fail (variant != NULL, NULL);

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT) ||
      !g_variant_lookup (variant, "id", "&s", &text) || *text == '\0')
    return NULL;

  order = seats_order_new ();
  seats_order_set_id (order, text);
#define GET_STRING(key, setter) \
  if (g_variant_lookup (variant, key, "&s", &text)) \
    setter (order, text)
  GET_STRING ("product-id", seats_order_set_product_id);
  GET_STRING ("currency", seats_order_set_currency);
  GET_STRING ("idempotency-key", seats_order_set_idempotency_key);
  GET_STRING ("product-name", seats_order_set_product_name);
  GET_STRING ("actor", seats_order_set_actor);
#undef GET_STRING
  if (g_variant_lookup (variant, "created", "x", &number))
    seats_order_set_created (order, number);
  if (g_variant_lookup (variant, "amount", "x", &number))
    seats_order_set_amount (order, number);
  if (g_variant_lookup (variant, "quantity", "u", &count))
    seats_order_set_quantity (order, count);
  if (g_variant_lookup (variant, "period-start", "u", &count))
    seats_order_set_period_start_julian (order, count);
  if (g_variant_lookup (variant, "period-end", "u", &count))
    seats_order_set_period_end_julian (order, count);

  return g_steal_pointer (&order);
}
