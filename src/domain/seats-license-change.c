/* seats-license-change.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include "seats-license-change.h"
#include "seats-types-private.h"

struct _SeatsLicenseChange
{
  GObject parent_instance;

  char  *product_id;
  char  *product_name;
  guint  current_count;
  guint  new_count;
  guint  in_use;
};

G_DEFINE_FINAL_TYPE (SeatsLicenseChange, seats_license_change, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PRODUCT_ID,
  PROP_PRODUCT_NAME,
  PROP_CURRENT_COUNT,
  PROP_NEW_COUNT,
  PROP_IN_USE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const gsize field_offsets [N_PROPS] = {
  [PROP_PRODUCT_ID] = SEATS_FIELD (SeatsLicenseChange, product_id),
  [PROP_PRODUCT_NAME] = SEATS_FIELD (SeatsLicenseChange, product_name),
  [PROP_CURRENT_COUNT] = SEATS_FIELD (SeatsLicenseChange, current_count),
  [PROP_NEW_COUNT] = SEATS_FIELD (SeatsLicenseChange, new_count),
  [PROP_IN_USE] = SEATS_FIELD (SeatsLicenseChange, in_use),
};

SEATS_DEFINE_FIELD_VFUNCS (seats_license_change)

static void
seats_license_change_class_init (SeatsLicenseChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  SEATS_INSTALL_FIELD_VFUNCS (object_class, seats_license_change);

  properties [PROP_PRODUCT_ID] =
    g_param_spec_string ("product-id", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_PRODUCT_NAME] =
    g_param_spec_string ("product-name", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_CURRENT_COUNT] =
    g_param_spec_uint ("current-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  properties [PROP_NEW_COUNT] =
    g_param_spec_uint ("new-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  properties [PROP_IN_USE] =
    g_param_spec_uint ("in-use", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seats_license_change_init (SeatsLicenseChange *self)
{
}

SeatsLicenseChange *
seats_license_change_new (void)
{
  return g_object_new (SEATS_TYPE_LICENSE_CHANGE, NULL);
}

#define ACCESSORS(KIND, ...) \
  SEATS_DEFINE_##KIND (SeatsLicenseChange, seats_license_change, \
                       SEATS_IS_LICENSE_CHANGE, __VA_ARGS__)

ACCESSORS (STRING, product_id, PROP_PRODUCT_ID)
ACCESSORS (STRING, product_name, PROP_PRODUCT_NAME)
ACCESSORS (UINT, current_count, PROP_CURRENT_COUNT)
ACCESSORS (UINT, new_count, PROP_NEW_COUNT)
ACCESSORS (UINT, in_use, PROP_IN_USE)

/**
 * seats_license_change_is_short:
 *
 * Returns: %TRUE when the new count does not cover what is in use, which
 *   blocks the activation of the license (R8)
 */
gboolean
seats_license_change_is_short (SeatsLicenseChange *self)
{
  g_return_val_if_fail (SEATS_IS_LICENSE_CHANGE (self), FALSE);

  return self->new_count < self->in_use;
}
