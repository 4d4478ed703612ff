/* seats-product.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include "seats-format.h"
#include "seats-product.h"
#include "seats-types-private.h"

struct _SeatsProduct
{
  GObject parent_instance;

  char             *id;
  char             *name;
  char             *currency;
  gint64            price;
  SeatsProductKind  kind;
  guint             purchased;
  guint             in_use;
  guint             next_period;
  gboolean          enabled;
};

G_DEFINE_FINAL_TYPE (SeatsProduct, seats_product, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_PURCHASED,
  PROP_IN_USE,
  PROP_NEXT_PERIOD,
  PROP_PRICE,
  PROP_CURRENCY,
  PROP_ENABLED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const gsize field_offsets [N_PROPS] = {
  [PROP_ID] = SEATS_FIELD (SeatsProduct, id),
  [PROP_NAME] = SEATS_FIELD (SeatsProduct, name),
  [PROP_KIND] = SEATS_FIELD (SeatsProduct, kind),
  [PROP_PURCHASED] = SEATS_FIELD (SeatsProduct, purchased),
  [PROP_IN_USE] = SEATS_FIELD (SeatsProduct, in_use),
  [PROP_NEXT_PERIOD] = SEATS_FIELD (SeatsProduct, next_period),
  [PROP_PRICE] = SEATS_FIELD (SeatsProduct, price),
  [PROP_CURRENCY] = SEATS_FIELD (SeatsProduct, currency),
  [PROP_ENABLED] = SEATS_FIELD (SeatsProduct, enabled),
};

SEATS_DEFINE_FIELD_VFUNCS (seats_product)

static void
seats_product_class_init (SeatsProductClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  SEATS_INSTALL_FIELD_VFUNCS (object_class, seats_product);

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       SEATS_TYPE_PRODUCT_KIND,
                       SEATS_PRODUCT_KIND_USER_SEATS,
                       SEATS_PARAM_FLAGS);

  properties [PROP_PURCHASED] =
    g_param_spec_uint ("purchased", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  properties [PROP_IN_USE] =
    g_param_spec_uint ("in-use", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  properties [PROP_NEXT_PERIOD] =
    g_param_spec_uint ("next-period", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  properties [PROP_PRICE] =
    g_param_spec_int64 ("price", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        SEATS_PARAM_FLAGS);

  properties [PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL,
                          TRUE,
                          SEATS_PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seats_product_init (SeatsProduct *self)
{
  self->kind = SEATS_PRODUCT_KIND_USER_SEATS;
  self->enabled = TRUE;
}

SeatsProduct *
seats_product_new (void)
{
  return g_object_new (SEATS_TYPE_PRODUCT, NULL);
}

#define ACCESSORS(KIND, ...) \
  SEATS_DEFINE_##KIND (SeatsProduct, seats_product, SEATS_IS_PRODUCT, __VA_ARGS__)

ACCESSORS (STRING, id, PROP_ID)
ACCESSORS (STRING, name, PROP_NAME)
ACCESSORS (ENUM, SeatsProductKind, kind, PROP_KIND)
ACCESSORS (UINT, purchased, PROP_PURCHASED)
ACCESSORS (UINT, in_use, PROP_IN_USE)
ACCESSORS (UINT, next_period, PROP_NEXT_PERIOD)
ACCESSORS (INT64, price, PROP_PRICE)
ACCESSORS (STRING, currency, PROP_CURRENCY)
ACCESSORS (BOOLEAN, enabled, PROP_ENABLED)

/**
 * seats_product_has_price:
 * @self: a #SeatsProduct
 *
 * Returns: %TRUE if the license server shared the price (R15)
 */
gboolean
seats_product_has_price (SeatsProduct *self)
{
  g_return_val_if_fail (SEATS_IS_PRODUCT (self), FALSE);

  return self->price != SEATS_PRICE_NOT_SHARED;
}

/**
 * seats_product_get_free:
 * @self: a #SeatsProduct
 *
 * Returns: the licenses bought that nobody holds; 0 when more are in use
 *   than were bought
 */
guint
seats_product_get_free (SeatsProduct *self)
{
  g_return_val_if_fail (SEATS_IS_PRODUCT (self), 0);

  return self->purchased > self->in_use ? self->purchased - self->in_use : 0;
}

/**
 * seats_products_price_lines:
 * @products: (element-type SeatsProduct): the products of a subscription
 *
 * The lines seats_rules_monthly_price() adds up, one for each product.
 *
 * Returns: (transfer full) (element-type SeatsRulePriceLine) (nullable): the
 *   lines, or %NULL when a price is not shared (R15)
 */
/**
 * seats_products_find_user_seats:
 * @products: (element-type SeatsProduct): an account's products
 *
 * Returns: (transfer none) (nullable): the user licenses among @products,
 *   which the list holds
 */
SeatsProduct *
seats_products_find_user_seats (GListModel *products)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (products), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (products); i++)
    {
      g_autoptr(SeatsProduct) product = g_list_model_get_item (products, i);

      if (seats_product_get_kind (product) == SEATS_PRODUCT_KIND_USER_SEATS)
        return product;
    }

  return NULL;
}

GArray *
seats_products_price_lines (GListModel *products)
{
  g_autoptr(GArray) lines = NULL;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (products), NULL);

  n = g_list_model_get_n_items (products);
  lines = g_array_sized_new (FALSE, TRUE, sizeof (SeatsRulePriceLine), n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeatsProduct) product = g_list_model_get_item (products, i);
      SeatsRulePriceLine line = { 0, };

      if (!seats_product_has_price (product))
        return NULL;

      line.kind = product->kind;
      line.purchased = product->purchased;
      line.price = product->price;
      line.enabled = product->enabled;
      g_array_append_val (lines, line);
    }

  return g_steal_pointer (&lines);
}

/**
 * seats_products_explain_monthly_price:
 * @products: (element-type SeatsProduct): the products of a subscription
 * @monthly_price: the monthly price the server gave
 * @currency: the ISO 4217 code of its prices
 *
 * How @monthly_price adds up from @products, as seats_format_monthly_sum()
 * writes it: only when the products do add up to it, so that a sum never
 * contradicts the price beside it.
 *
 * Returns: (transfer full) (nullable): the sum, or %NULL when a price is
 *   not shared (R15) or the products give another figure
 */
char *
seats_products_explain_monthly_price (GListModel *products,
                                      gint64      monthly_price,
                                      const char *currency)
{
  g_autoptr(GArray) lines = NULL;
  const SeatsRulePriceLine *data;
  gint64 sum;

  g_return_val_if_fail (G_IS_LIST_MODEL (products), NULL);

  lines = seats_products_price_lines (products);
  if (lines == NULL || monthly_price == SEATS_PRICE_NOT_SHARED)
    return NULL;

  data = (const SeatsRulePriceLine *) (gpointer) lines->data;
  if (!seats_rules_monthly_price (data, lines->len, &sum, NULL) || sum != monthly_price)
    return NULL;

  return seats_format_monthly_sum (data, lines->len, currency);
}
