/* seats-account.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include "seats-policy.h"
#include "seats-account.h"
#include "seats-rules.h"
#include "seats-types-private.h"

struct _SeatsAccount
{
  GObject parent_instance;

  char        *id;
  char        *slug;
  char        *name;
  SeatsPolicy *policy;
  char        *serial_number;
  char        *license_owner;
  char        *shop_url;
  char        *currency;
  char        *vendor_public_key;
  char        *upstream_system;
  char        *time_zone;
  SeatsRole    role;
  SeatsAccountSource source;
  guint32      trial_end;
  gboolean     is_trial;
};

G_DEFINE_FINAL_TYPE (SeatsAccount, seats_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SLUG,
  PROP_NAME,
  PROP_ROLE,
  PROP_POLICY,
  PROP_IS_TRIAL,
  PROP_TRIAL_END,
  PROP_SERIAL_NUMBER,
  PROP_LICENSE_OWNER,
  PROP_SHOP_URL,
  PROP_CURRENCY,
  PROP_VENDOR_PUBLIC_KEY,
  PROP_UPSTREAM_SYSTEM,
  PROP_TIME_ZONE,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const gsize field_offsets [N_PROPS] = {
  [PROP_ID] = SEATS_FIELD (SeatsAccount, id),
  [PROP_SLUG] = SEATS_FIELD (SeatsAccount, slug),
  [PROP_NAME] = SEATS_FIELD (SeatsAccount, name),
  [PROP_ROLE] = SEATS_FIELD (SeatsAccount, role),
  [PROP_SOURCE] = SEATS_FIELD (SeatsAccount, source),
  [PROP_POLICY] = SEATS_FIELD (SeatsAccount, policy),
  [PROP_IS_TRIAL] = SEATS_FIELD (SeatsAccount, is_trial),
  [PROP_TRIAL_END] = SEATS_FIELD (SeatsAccount, trial_end),
  [PROP_SERIAL_NUMBER] = SEATS_FIELD (SeatsAccount, serial_number),
  [PROP_LICENSE_OWNER] = SEATS_FIELD (SeatsAccount, license_owner),
  [PROP_SHOP_URL] = SEATS_FIELD (SeatsAccount, shop_url),
  [PROP_CURRENCY] = SEATS_FIELD (SeatsAccount, currency),
  [PROP_VENDOR_PUBLIC_KEY] = SEATS_FIELD (SeatsAccount, vendor_public_key),
  [PROP_UPSTREAM_SYSTEM] = SEATS_FIELD (SeatsAccount, upstream_system),
  [PROP_TIME_ZONE] = SEATS_FIELD (SeatsAccount, time_zone),
};

SEATS_DEFINE_FIELD_VFUNCS (seats_account)

static void
seats_account_class_init (SeatsAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  SEATS_INSTALL_FIELD_VFUNCS (object_class, seats_account);

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_SLUG] =
    g_param_spec_string ("slug", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL,
                       SEATS_TYPE_ROLE,
                       SEATS_ROLE_VIEWER,
                       SEATS_PARAM_FLAGS);

  properties [PROP_POLICY] =
    g_param_spec_object ("policy", NULL, NULL,
                         SEATS_TYPE_POLICY,
                         SEATS_PARAM_FLAGS);

  properties [PROP_IS_TRIAL] =
    g_param_spec_boolean ("is-trial", NULL, NULL,
                          FALSE,
                          SEATS_PARAM_FLAGS);

  properties [PROP_TRIAL_END] =
    g_param_spec_uint ("trial-end", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  properties [PROP_SERIAL_NUMBER] =
    g_param_spec_string ("serial-number", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_LICENSE_OWNER] =
    g_param_spec_string ("license-owner", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_SHOP_URL] =
    g_param_spec_string ("shop-url", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_VENDOR_PUBLIC_KEY] =
    g_param_spec_string ("vendor-public-key", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_UPSTREAM_SYSTEM] =
    g_param_spec_string ("upstream-system", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  /* The organization's IANA time zone, when its source gives one: its days
   * begin at midnight there. */
  properties [PROP_TIME_ZONE] =
    g_param_spec_string ("time-zone", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  /* What the account's data comes from: what it can show and change. */
  properties [PROP_SOURCE] =
    g_param_spec_enum ("source", NULL, NULL,
                       SEATS_TYPE_ACCOUNT_SOURCE,
                       SEATS_ACCOUNT_SOURCE_LICENSE_SERVER,
                       SEATS_PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seats_account_init (SeatsAccount *self)
{
  self->role = SEATS_ROLE_VIEWER;
  /* So that the interface can bind to the policy before the first sync. */
  self->policy = seats_policy_new ();
}

SeatsAccount *
seats_account_new (void)
{
  return g_object_new (SEATS_TYPE_ACCOUNT, NULL);
}

#define ACCESSORS(KIND, ...) \
  SEATS_DEFINE_##KIND (SeatsAccount, seats_account, SEATS_IS_ACCOUNT, __VA_ARGS__)

ACCESSORS (STRING, id, PROP_ID)
ACCESSORS (STRING, slug, PROP_SLUG)
ACCESSORS (STRING, name, PROP_NAME)
ACCESSORS (ENUM, SeatsRole, role, PROP_ROLE)
ACCESSORS (ENUM, SeatsAccountSource, source, PROP_SOURCE)
ACCESSORS (BOOLEAN, is_trial, PROP_IS_TRIAL)
ACCESSORS (JULIAN, trial_end, PROP_TRIAL_END)
ACCESSORS (STRING, serial_number, PROP_SERIAL_NUMBER)
ACCESSORS (STRING, license_owner, PROP_LICENSE_OWNER)
ACCESSORS (STRING, shop_url, PROP_SHOP_URL)
ACCESSORS (STRING, currency, PROP_CURRENCY)
ACCESSORS (STRING, vendor_public_key, PROP_VENDOR_PUBLIC_KEY)
ACCESSORS (STRING, upstream_system, PROP_UPSTREAM_SYSTEM)
ACCESSORS (STRING, time_zone, PROP_TIME_ZONE)

/**
 * seats_account_get_policy:
 *
 * Returns: (transfer none): the policy of the subscription, never %NULL
 */
SeatsPolicy *
seats_account_get_policy (SeatsAccount *self)
{
  g_return_val_if_fail (SEATS_IS_ACCOUNT (self), NULL);

  return self->policy;
}

void
seats_account_set_policy (SeatsAccount *self,
                          SeatsPolicy  *policy)
{
  g_return_if_fail (SEATS_IS_ACCOUNT (self));
  g_return_if_fail (SEATS_IS_POLICY (policy));

  seats_object_set_object (G_OBJECT (self), (GObject **) &self->policy,
                           G_OBJECT (policy), properties[PROP_POLICY]);
}

/**
 * seats_account_get_trial_days_left:
 * @today_julian: today's date
 *
 * R18, through seats_rules_trial_days_left(): the trial's end is its last
 * day, so on that day one day is left.
 *
 * Returns: the days left in the trial counting today, 0 when it has ended
 *   and -1 when the subscription is not a trial or its end is not known
 */
int
seats_account_get_trial_days_left (SeatsAccount *self,
                                   guint32       today_julian)
{
  GDate end, today;

  g_return_val_if_fail (SEATS_IS_ACCOUNT (self), -1);

  if (!self->is_trial ||
      !seats_julian_to_date (self->trial_end, &end) ||
      !seats_julian_to_date (today_julian, &today))
    return -1;

  return (int) MIN (seats_rules_trial_days_left (&end, &today), (guint) G_MAXINT);
}
