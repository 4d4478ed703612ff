/* seats-feature.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-domain-enums.h"
#include "seats-types.h"

G_BEGIN_DECLS

#define SEATS_TYPE_FEATURE (seats_feature_get_type ())

G_DECLARE_FINAL_TYPE (SeatsFeature, seats_feature, SEATS, FEATURE, GObject)

/*
 * SeatsFeature: a feature or an integration switched on or off for the
 * whole organization (R12).
 *
 * kind says which of the two it is. monthly-fee is what it costs per month
 * while it is on, in minor units of currency; 0 when it is included in the
 * subscription, as features are.
 */
SeatsFeature     *seats_feature_new             (void);
const char       *seats_feature_get_id          (SeatsFeature *self);
void              seats_feature_set_id          (SeatsFeature *self,
                                                 const char   *id);
const char       *seats_feature_get_name        (SeatsFeature *self);
void              seats_feature_set_name        (SeatsFeature *self,
                                                 const char   *name);
const char       *seats_feature_get_description (SeatsFeature *self);
void              seats_feature_set_description (SeatsFeature *self,
                                                 const char   *description);
gboolean          seats_feature_get_enabled     (SeatsFeature *self);
void              seats_feature_set_enabled     (SeatsFeature *self,
                                                 gboolean      enabled);
SeatsFeatureKind  seats_feature_get_kind        (SeatsFeature *self);
void              seats_feature_set_kind        (SeatsFeature     *self,
                                                 SeatsFeatureKind  kind);
gint64            seats_feature_get_monthly_fee (SeatsFeature *self);
void              seats_feature_set_monthly_fee (SeatsFeature *self,
                                                 gint64        monthly_fee);
const char       *seats_feature_get_currency    (SeatsFeature *self);
void              seats_feature_set_currency    (SeatsFeature *self,
                                                 const char   *currency);

G_END_DECLS
