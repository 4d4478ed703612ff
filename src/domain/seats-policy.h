/* seats-policy.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-domain-enums.h"
#include "seats-rules.h"
#include "seats-types.h"

G_BEGIN_DECLS

#define SEATS_TYPE_POLICY (seats_policy_get_type ())

G_DECLARE_FINAL_TYPE (SeatsPolicy, seats_policy, SEATS, POLICY, GObject)

/*
 * SeatsPolicy: how the vendor sells this subscription, sent by the server.
 *
 * Its seat floor decides R5, grace-days how long excess users keep their seat
 * under the grace floor (default 7), min-seats the lowest next-period count
 * (default 1, R3), activation whether a pending license activates by itself
 * (R8). reseller-name and reseller-url are set when the subscription was bought
 * through a reseller (R10) and are %NULL when it was bought directly.
 */
SeatsPolicy    *seats_policy_new               (void);
SeatsSeatFloor  seats_policy_get_seat_floor    (SeatsPolicy *self);
void            seats_policy_set_seat_floor    (SeatsPolicy    *self,
                                                SeatsSeatFloor  seat_floor);
guint           seats_policy_get_grace_days    (SeatsPolicy *self);
void            seats_policy_set_grace_days    (SeatsPolicy *self,
                                                guint        grace_days);
guint           seats_policy_get_min_seats     (SeatsPolicy *self);
void            seats_policy_set_min_seats     (SeatsPolicy *self,
                                                guint        min_seats);
SeatsActivation seats_policy_get_activation    (SeatsPolicy *self);
void            seats_policy_set_activation    (SeatsPolicy     *self,
                                                SeatsActivation  activation);
const char     *seats_policy_get_reseller_name (SeatsPolicy *self);
void            seats_policy_set_reseller_name (SeatsPolicy *self,
                                                const char  *reseller_name);
const char     *seats_policy_get_reseller_url  (SeatsPolicy *self);
void            seats_policy_set_reseller_url  (SeatsPolicy *self,
                                                const char  *reseller_url);
gboolean        seats_policy_is_resold         (SeatsPolicy *self);
void            seats_policy_to_rule           (SeatsPolicy     *self,
                                                SeatsRulePolicy *rule);

G_END_DECLS
