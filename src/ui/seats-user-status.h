/* seats-user-status.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seats-domain.h"

G_BEGIN_DECLS

/**
 * SeatsUserStatus:
 * @SEATS_USER_STATUS_ACTIVE: active; holds a license (R1)
 * @SEATS_USER_STATUS_STARTS: active with a start date ahead; already holds
 *   a license (R1)
 * @SEATS_USER_STATUS_GRACE: active over the count under the grace policy;
 *   deactivated at its deadline unless licenses are bought (R5, R6)
 * @SEATS_USER_STATUS_LEFT: active, but past its end date; holds no license
 * @SEATS_USER_STATUS_INACTIVE: deactivated; holds no license
 *
 * What the Users page says about a user, in the order it sorts them.
 */
typedef enum
{
  SEATS_USER_STATUS_ACTIVE,
  SEATS_USER_STATUS_STARTS,
  SEATS_USER_STATUS_GRACE,
  SEATS_USER_STATUS_LEFT,
  SEATS_USER_STATUS_INACTIVE,
} SeatsUserStatus;

SeatsUserStatus  seats_user_status_get      (SeatsUser       *user,
                                             const GDate     *today);
gboolean         seats_user_status_counts   (SeatsUserStatus  status);
char            *seats_user_status_describe (SeatsUser       *user,
                                             const GDate     *today);
char            *seats_user_status_explain  (SeatsUser       *user,
                                             const GDate     *today);

G_END_DECLS
