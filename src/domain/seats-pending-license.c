/* seats-pending-license.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include "seats-license-change.h"
#include "seats-pending-license.h"
#include "seats-types-private.h"

struct _SeatsPendingLicense
{
  GObject parent_instance;

  char       *id;
  GListStore *changes;
  guint32     issued;
  guint32     expiry;
};

G_DEFINE_FINAL_TYPE (SeatsPendingLicense, seats_pending_license, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ISSUED,
  PROP_EXPIRY,
  PROP_CHANGES,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const gsize field_offsets [N_PROPS] = {
  [PROP_ID] = SEATS_FIELD (SeatsPendingLicense, id),
  [PROP_ISSUED] = SEATS_FIELD (SeatsPendingLicense, issued),
  [PROP_EXPIRY] = SEATS_FIELD (SeatsPendingLicense, expiry),
  [PROP_CHANGES] = SEATS_FIELD (SeatsPendingLicense, changes),
};

SEATS_DEFINE_FIELD_VFUNCS (seats_pending_license)

static void
seats_pending_license_class_init (SeatsPendingLicenseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  SEATS_INSTALL_FIELD_VFUNCS (object_class, seats_pending_license);

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_ISSUED] =
    g_param_spec_uint ("issued", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  properties [PROP_EXPIRY] =
    g_param_spec_uint ("expiry", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  properties [PROP_CHANGES] =
    g_param_spec_object ("changes", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seats_pending_license_init (SeatsPendingLicense *self)
{
  self->changes = g_list_store_new (SEATS_TYPE_LICENSE_CHANGE);
}

SeatsPendingLicense *
seats_pending_license_new (void)
{
  return g_object_new (SEATS_TYPE_PENDING_LICENSE, NULL);
}

#define ACCESSORS(KIND, ...) \
  SEATS_DEFINE_##KIND (SeatsPendingLicense, seats_pending_license, \
                       SEATS_IS_PENDING_LICENSE, __VA_ARGS__)

ACCESSORS (STRING, id, PROP_ID)
ACCESSORS (JULIAN, issued, PROP_ISSUED)
ACCESSORS (JULIAN, expiry, PROP_EXPIRY)

/**
 * seats_pending_license_get_changes:
 *
 * Returns: (transfer none): a list model of SeatsLicenseChange, one per
 *   product; the same model for the life of @self
 */
GListModel *
seats_pending_license_get_changes (SeatsPendingLicense *self)
{
  g_return_val_if_fail (SEATS_IS_PENDING_LICENSE (self), NULL);

  return G_LIST_MODEL (self->changes);
}

/**
 * seats_pending_license_set_changes:
 * @changes: (array length=n_changes) (transfer none): the changes
 * @n_changes: the length of @changes
 *
 * Replaces the changes in one step: a view of the model sees one
 * items-changed.
 */
void
seats_pending_license_set_changes (SeatsPendingLicense  *self,
                                   SeatsLicenseChange  **changes,
                                   guint                 n_changes)
{
  g_return_if_fail (SEATS_IS_PENDING_LICENSE (self));
  g_return_if_fail (changes != NULL || n_changes == 0);

  g_list_store_splice (self->changes, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->changes)),
                       (gpointer *) changes, n_changes);
}
