/* seats-domain-enums.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include "seats-domain-enums.h"

/* The nicks are the stable names of the API and the cache. */
G_DEFINE_ENUM_TYPE (SeatsSeatFloor, seats_seat_floor,
  G_DEFINE_ENUM_VALUE (SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, "at_least_active"),
  G_DEFINE_ENUM_VALUE (SEATS_SEAT_FLOOR_EQUAL_ACTIVE, "equal_active"),
  G_DEFINE_ENUM_VALUE (SEATS_SEAT_FLOOR_GRACE, "grace"),
  G_DEFINE_ENUM_VALUE (SEATS_SEAT_FLOOR_NONE, "none"))

G_DEFINE_ENUM_TYPE (SeatsActivation, seats_activation,
  G_DEFINE_ENUM_VALUE (SEATS_ACTIVATION_AUTOMATIC, "automatic"),
  G_DEFINE_ENUM_VALUE (SEATS_ACTIVATION_MANUAL, "manual"))

G_DEFINE_ENUM_TYPE (SeatsProductKind, seats_product_kind,
  G_DEFINE_ENUM_VALUE (SEATS_PRODUCT_KIND_USER_SEATS, "user_seats"),
  G_DEFINE_ENUM_VALUE (SEATS_PRODUCT_KIND_MODULE, "module"),
  G_DEFINE_ENUM_VALUE (SEATS_PRODUCT_KIND_INTEGRATION, "integration"))

G_DEFINE_ENUM_TYPE (SeatsRole, seats_role,
  G_DEFINE_ENUM_VALUE (SEATS_ROLE_ADMIN, "admin"),
  G_DEFINE_ENUM_VALUE (SEATS_ROLE_VIEWER, "viewer"))

G_DEFINE_ENUM_TYPE (SeatsFeatureKind, seats_feature_kind,
  G_DEFINE_ENUM_VALUE (SEATS_FEATURE_KIND_FEATURE, "feature"),
  G_DEFINE_ENUM_VALUE (SEATS_FEATURE_KIND_INTEGRATION, "integration"))

G_DEFINE_ENUM_TYPE (SeatsAccountSource, seats_account_source,
  G_DEFINE_ENUM_VALUE (SEATS_ACCOUNT_SOURCE_LICENSE_SERVER, "license_server"),
  G_DEFINE_ENUM_VALUE (SEATS_ACCOUNT_SOURCE_SCIM, "scim"),
  G_DEFINE_ENUM_VALUE (SEATS_ACCOUNT_SOURCE_MANUAL, "manual"))

static const char *
enum_to_nick (GType type,
              int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  g_return_val_if_fail (enum_value != NULL, NULL);

  /* The class of a static type lives as long as the program. */
  return enum_value->value_nick;
}

static gboolean
enum_from_nick (GType       type,
                const char *str,
                int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *enum_value;

  if (str == NULL)
    return FALSE;

  klass = g_type_class_ref (type);
  enum_value = g_enum_get_value_by_nick (klass, str);
  if (enum_value == NULL)
    return FALSE;

  *value = enum_value->value;
  return TRUE;
}

#define DEFINE_NICK_FUNCTIONS(TypeName, type_name, TYPE)                        \
  const char *                                                                  \
  type_name##_to_string (TypeName value)                                        \
  {                                                                             \
    return enum_to_nick (TYPE, value);                                          \
  }                                                                             \
                                                                                \
  gboolean                                                                      \
  type_name##_from_string (const char *str,                                     \
                           TypeName   *value)                                   \
  {                                                                             \
    int v;                                                                      \
                                                                                \
    g_return_val_if_fail (value != NULL, FALSE);                                \
                                                                                \
    if (!enum_from_nick (TYPE, str, &v))                                        \
      return FALSE;                                                             \
    *value = (TypeName) v;                                                      \
    return TRUE;                                                                \
  }

DEFINE_NICK_FUNCTIONS (SeatsSeatFloor, seats_seat_floor, SEATS_TYPE_SEAT_FLOOR)
DEFINE_NICK_FUNCTIONS (SeatsActivation, seats_activation, SEATS_TYPE_ACTIVATION)
DEFINE_NICK_FUNCTIONS (SeatsProductKind, seats_product_kind, SEATS_TYPE_PRODUCT_KIND)
DEFINE_NICK_FUNCTIONS (SeatsRole, seats_role, SEATS_TYPE_ROLE)
DEFINE_NICK_FUNCTIONS (SeatsAccountSource, seats_account_source, SEATS_TYPE_ACCOUNT_SOURCE)
DEFINE_NICK_FUNCTIONS (SeatsFeatureKind, seats_feature_kind, SEATS_TYPE_FEATURE_KIND)
