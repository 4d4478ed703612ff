/* seats-history-point.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include "seats-history-point.h"
#include "seats-types-private.h"

struct _SeatsHistoryPoint
{
  GObject parent_instance;

  guint32 month;
  guint   purchased;
  guint   used;
};

G_DEFINE_FINAL_TYPE (SeatsHistoryPoint, seats_history_point, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MONTH,
  PROP_PURCHASED,
  PROP_USED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const gsize field_offsets [N_PROPS] = {
  [PROP_MONTH] = SEATS_FIELD (SeatsHistoryPoint, month),
  [PROP_PURCHASED] = SEATS_FIELD (SeatsHistoryPoint, purchased),
  [PROP_USED] = SEATS_FIELD (SeatsHistoryPoint, used),
};

SEATS_DEFINE_FIELD_VFUNCS (seats_history_point)

static void
seats_history_point_class_init (SeatsHistoryPointClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  SEATS_INSTALL_FIELD_VFUNCS (object_class, seats_history_point);

  properties [PROP_MONTH] =
    g_param_spec_uint ("month", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  properties [PROP_PURCHASED] =
    g_param_spec_uint ("purchased", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  properties [PROP_USED] =
    g_param_spec_uint ("used", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seats_history_point_init (SeatsHistoryPoint *self)
{
}

SeatsHistoryPoint *
seats_history_point_new (void)
{
  return g_object_new (SEATS_TYPE_HISTORY_POINT, NULL);
}

#define ACCESSORS(KIND, ...) \
  SEATS_DEFINE_##KIND (SeatsHistoryPoint, seats_history_point, SEATS_IS_HISTORY_POINT, \
                       __VA_ARGS__)

ACCESSORS (JULIAN, month, PROP_MONTH)
ACCESSORS (UINT, purchased, PROP_PURCHASED)
ACCESSORS (UINT, used, PROP_USED)
