/* seats-domain-enums.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * SeatsSeatFloor:
 * @SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE: the license count may not go below the
 *   users who count (R1); going below is refused
 * @SEATS_SEAT_FLOOR_EQUAL_ACTIVE: the license count must equal the users who
 *   count; a change is saved only when they match
 * @SEATS_SEAT_FLOOR_GRACE: going below is allowed; the excess users get a
 *   deadline and are deactivated at it unless licenses are bought first
 * @SEATS_SEAT_FLOOR_NONE: the vendor sets no rule: the count may be set to
 *   anything, and users are activated whatever it is; a subscription kept
 *   by hand may say so
 *
 * The subscription policy's seat floor (R5).
 */
typedef enum
{
  SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE,
  SEATS_SEAT_FLOOR_EQUAL_ACTIVE,
  SEATS_SEAT_FLOOR_GRACE,
  SEATS_SEAT_FLOOR_NONE,
} SeatsSeatFloor;

/**
 * SeatsActivation:
 * @SEATS_ACTIVATION_AUTOMATIC: a pending license activates by itself when it can
 * @SEATS_ACTIVATION_MANUAL: the administrator activates a pending license
 *
 * How a new license from the vendor is activated (R8).
 */
typedef enum
{
  SEATS_ACTIVATION_AUTOMATIC,
  SEATS_ACTIVATION_MANUAL,
} SeatsActivation;

/**
 * SeatsProductKind:
 * @SEATS_PRODUCT_KIND_USER_SEATS: the user licenses of the subscription
 * @SEATS_PRODUCT_KIND_MODULE: an add-on module with seats assigned to named users
 * @SEATS_PRODUCT_KIND_INTEGRATION: an integration with a flat monthly fee
 *
 * The three kinds of product of a subscription (R7).
 */
typedef enum
{
  SEATS_PRODUCT_KIND_USER_SEATS,
  SEATS_PRODUCT_KIND_MODULE,
  SEATS_PRODUCT_KIND_INTEGRATION,
} SeatsProductKind;

/**
 * SeatsRole:
 * @SEATS_ROLE_ADMIN: may change everything and see billing
 * @SEATS_ROLE_VIEWER: may read licenses and users, change nothing, not see billing
 *
 * The role a token is bound to (R15).
 */
typedef enum
{
  SEATS_ROLE_ADMIN,
  SEATS_ROLE_VIEWER,
} SeatsRole;

/**
 * SeatsFeatureKind:
 * @SEATS_FEATURE_KIND_FEATURE: a feature of the application, included in
 *   the subscription
 * @SEATS_FEATURE_KIND_INTEGRATION: a link to another system, which may have
 *   a monthly fee of its own
 *
 * What a switch of the organization turns on or off (R12).
 */
typedef enum
{
  SEATS_FEATURE_KIND_FEATURE,
  SEATS_FEATURE_KIND_INTEGRATION,
} SeatsFeatureKind;

/**
 * SeatsAccountSource:
 * @SEATS_ACCOUNT_SOURCE_LICENSE_SERVER: a Seats license server: users,
 *   licenses, orders and billing
 * @SEATS_ACCOUNT_SOURCE_SCIM: a SCIM 2.0 service: users and their status;
 *   the licenses bought and their prices are not known from it, unless the
 *   administrator keeps them by hand
 * @SEATS_ACCOUNT_SOURCE_MANUAL: nothing at all: the terms are kept by hand
 *   and the users imported from the vendor's export, on this computer only
 *
 * Where an account's data comes from, and so what can be shown and
 * changed of it.
 */
typedef enum
{
  SEATS_ACCOUNT_SOURCE_LICENSE_SERVER,
  SEATS_ACCOUNT_SOURCE_SCIM,
  SEATS_ACCOUNT_SOURCE_MANUAL,
} SeatsAccountSource;

#define SEATS_TYPE_SEAT_FLOOR   (seats_seat_floor_get_type ())
#define SEATS_TYPE_ACTIVATION   (seats_activation_get_type ())
#define SEATS_TYPE_PRODUCT_KIND (seats_product_kind_get_type ())
#define SEATS_TYPE_ROLE         (seats_role_get_type ())
#define SEATS_TYPE_FEATURE_KIND (seats_feature_kind_get_type ())
#define SEATS_TYPE_ACCOUNT_SOURCE (seats_account_source_get_type ())

GType seats_seat_floor_get_type   (void) G_GNUC_CONST;
GType seats_activation_get_type   (void) G_GNUC_CONST;
GType seats_product_kind_get_type (void) G_GNUC_CONST;
GType seats_role_get_type         (void) G_GNUC_CONST;
GType seats_feature_kind_get_type (void) G_GNUC_CONST;
GType seats_account_source_get_type (void) G_GNUC_CONST;

/* The stable names used in the API, the cache and on the command line
 * ("at_least_active", "module", "viewer", ...), and back. The parsers
 * return FALSE for a name they do not know. */
const char *seats_seat_floor_to_string    (SeatsSeatFloor    floor);
gboolean    seats_seat_floor_from_string  (const char       *str,
                                           SeatsSeatFloor   *floor);
const char *seats_activation_to_string    (SeatsActivation   activation);
gboolean    seats_activation_from_string  (const char       *str,
                                           SeatsActivation  *activation);
const char *seats_product_kind_to_string  (SeatsProductKind  kind);
gboolean    seats_product_kind_from_string (const char       *str,
                                           SeatsProductKind *kind);
const char *seats_role_to_string          (SeatsRole         role);
gboolean    seats_role_from_string        (const char       *str,
                                           SeatsRole        *role);
const char *seats_feature_kind_to_string  (SeatsFeatureKind  kind);
gboolean    seats_feature_kind_from_string (const char       *str,
                                           SeatsFeatureKind *kind);
const char *seats_account_source_to_string (SeatsAccountSource  source);
gboolean    seats_account_source_from_string (const char       *str,
                                             SeatsAccountSource *source);

G_END_DECLS
