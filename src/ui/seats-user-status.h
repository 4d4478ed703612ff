/* seats-user-status.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seats-domain.h"

G_BEGIN_DECLS

char            *seats_user_status_describe (SeatsUser       *user,
                                             const GDate     *today);
char            *seats_user_status_explain  (SeatsUser       *user,
                                             const GDate     *today);

G_END_DECLS
