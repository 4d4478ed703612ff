/* seats-policy.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include "seats-policy.h"
#include "seats-types-private.h"

struct _SeatsPolicy
{
  GObject parent_instance;

  char            *reseller_name;
  char            *reseller_url;
  SeatsSeatFloor   seat_floor;
  guint            grace_days;
  guint            min_seats;
  SeatsActivation  activation;
};

G_DEFINE_FINAL_TYPE (SeatsPolicy, seats_policy, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEAT_FLOOR,
  PROP_GRACE_DAYS,
  PROP_MIN_SEATS,
  PROP_ACTIVATION,
  PROP_RESELLER_NAME,
  PROP_RESELLER_URL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const gsize field_offsets [N_PROPS] = {
  [PROP_SEAT_FLOOR] = SEATS_FIELD (SeatsPolicy, seat_floor),
  [PROP_GRACE_DAYS] = SEATS_FIELD (SeatsPolicy, grace_days),
  [PROP_MIN_SEATS] = SEATS_FIELD (SeatsPolicy, min_seats),
  [PROP_ACTIVATION] = SEATS_FIELD (SeatsPolicy, activation),
  [PROP_RESELLER_NAME] = SEATS_FIELD (SeatsPolicy, reseller_name),
  [PROP_RESELLER_URL] = SEATS_FIELD (SeatsPolicy, reseller_url),
};

SEATS_DEFINE_FIELD_VFUNCS (seats_policy)

static void
seats_policy_class_init (SeatsPolicyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  SEATS_INSTALL_FIELD_VFUNCS (object_class, seats_policy);

  properties [PROP_SEAT_FLOOR] =
    g_param_spec_enum ("seat-floor", NULL, NULL,
                       SEATS_TYPE_SEAT_FLOOR,
                       SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE,
                       SEATS_PARAM_FLAGS);

  properties [PROP_GRACE_DAYS] =
    g_param_spec_uint ("grace-days", NULL, NULL,
                       0, G_MAXUINT16, 7,
                       SEATS_PARAM_FLAGS);

  properties [PROP_MIN_SEATS] =
    g_param_spec_uint ("min-seats", NULL, NULL,
                       0, G_MAXUINT, 1,
                       SEATS_PARAM_FLAGS);

  properties [PROP_ACTIVATION] =
    g_param_spec_enum ("activation", NULL, NULL,
                       SEATS_TYPE_ACTIVATION,
                       SEATS_ACTIVATION_MANUAL,
                       SEATS_PARAM_FLAGS);

  properties [PROP_RESELLER_NAME] =
    g_param_spec_string ("reseller-name", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_RESELLER_URL] =
    g_param_spec_string ("reseller-url", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seats_policy_init (SeatsPolicy *self)
{
  self->seat_floor = SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE;
  self->grace_days = 7;
  self->min_seats = 1;
  self->activation = SEATS_ACTIVATION_MANUAL;
}

SeatsPolicy *
seats_policy_new (void)
{
  return g_object_new (SEATS_TYPE_POLICY, NULL);
}

#define ACCESSORS(KIND, ...) \
  SEATS_DEFINE_##KIND (SeatsPolicy, seats_policy, SEATS_IS_POLICY, __VA_ARGS__)

ACCESSORS (ENUM, SeatsSeatFloor, seat_floor, PROP_SEAT_FLOOR)
ACCESSORS (UINT, grace_days, PROP_GRACE_DAYS)
ACCESSORS (UINT, min_seats, PROP_MIN_SEATS)
ACCESSORS (ENUM, SeatsActivation, activation, PROP_ACTIVATION)
ACCESSORS (STRING, reseller_name, PROP_RESELLER_NAME)
ACCESSORS (STRING, reseller_url, PROP_RESELLER_URL)

/**
 * seats_policy_is_resold:
 *
 * Returns: %TRUE when the subscription is changed at a reseller (R10)
 */
gboolean
seats_policy_is_resold (SeatsPolicy *self)
{
  g_return_val_if_fail (SEATS_IS_POLICY (self), FALSE);

  return self->reseller_name != NULL && self->reseller_name[0] != '\0';
}

/**
 * seats_policy_to_rule:
 * @self: (nullable): a policy, or %NULL for the defaults
 * @rule: (out caller-allocates): what the rules need of it
 *
 * The one place a policy from the server becomes a #SeatsRulePolicy: the
 * defaults of seats_rule_policy_init() where there is none.
 */
void
seats_policy_to_rule (SeatsPolicy     *self,
                      SeatsRulePolicy *rule)
{
  g_return_if_fail (self == NULL || SEATS_IS_POLICY (self));
  g_return_if_fail (rule != NULL);

  seats_rule_policy_init (rule);
  if (self == NULL)
    return;

  rule->seat_floor = self->seat_floor;
  rule->activation = self->activation;
  rule->min_seats = self->min_seats;
  rule->grace_days = self->grace_days;
}
