/* seats-feature.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include "seats-feature.h"
#include "seats-types-private.h"

struct _SeatsFeature
{
  GObject parent_instance;

  char             *id;
  char             *name;
  char             *description;
  char             *currency;
  gint64            monthly_fee;
  SeatsFeatureKind  kind;
  gboolean          enabled;
};

G_DEFINE_FINAL_TYPE (SeatsFeature, seats_feature, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_ENABLED,
  PROP_KIND,
  PROP_MONTHLY_FEE,
  PROP_CURRENCY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const gsize field_offsets [N_PROPS] = {
  [PROP_ID] = SEATS_FIELD (SeatsFeature, id),
  [PROP_NAME] = SEATS_FIELD (SeatsFeature, name),
  [PROP_DESCRIPTION] = SEATS_FIELD (SeatsFeature, description),
  [PROP_ENABLED] = SEATS_FIELD (SeatsFeature, enabled),
  [PROP_KIND] = SEATS_FIELD (SeatsFeature, kind),
  [PROP_MONTHLY_FEE] = SEATS_FIELD (SeatsFeature, monthly_fee),
  [PROP_CURRENCY] = SEATS_FIELD (SeatsFeature, currency),
};

SEATS_DEFINE_FIELD_VFUNCS (seats_feature)

static void
seats_feature_class_init (SeatsFeatureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  SEATS_INSTALL_FIELD_VFUNCS (object_class, seats_feature);

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL,
                          FALSE,
                          SEATS_PARAM_FLAGS);

  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       SEATS_TYPE_FEATURE_KIND,
                       SEATS_FEATURE_KIND_FEATURE,
                       SEATS_PARAM_FLAGS);

  properties [PROP_MONTHLY_FEE] =
    g_param_spec_int64 ("monthly-fee", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        SEATS_PARAM_FLAGS);

  properties [PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seats_feature_init (SeatsFeature *self)
{
}

SeatsFeature *
seats_feature_new (void)
{
  return g_object_new (SEATS_TYPE_FEATURE, NULL);
}

#define ACCESSORS(KIND, ...) \
  SEATS_DEFINE_##KIND (SeatsFeature, seats_feature, SEATS_IS_FEATURE, __VA_ARGS__)

ACCESSORS (STRING, id, PROP_ID)
ACCESSORS (STRING, name, PROP_NAME)
ACCESSORS (STRING, description, PROP_DESCRIPTION)
ACCESSORS (BOOLEAN, enabled, PROP_ENABLED)
ACCESSORS (ENUM, SeatsFeatureKind, kind, PROP_KIND)
ACCESSORS (INT64, monthly_fee, PROP_MONTHLY_FEE)
ACCESSORS (STRING, currency, PROP_CURRENCY)
