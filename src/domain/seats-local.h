/* seats-local.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-change.h"
#include "seats-snapshot.h"

G_BEGIN_DECLS

/* Who made a change kept on this computer, in the action log. */
#define SEATS_LOCAL_ACTOR "here"

SeatsPull *seats_local_apply (SeatsChange          *change,
                              const SeatsSnapshot  *known,
                              const GDate          *today,
                              gint64                now,
                              GError              **error);
SeatsPull *seats_local_turn  (const SeatsSnapshot  *known,
                              const GDate          *today,
                              gint64                now);

SeatsPull *seats_local_merge_users (const SeatsSnapshot *known,
                                    const SeatsPull     *users,
                                    const GDate         *today,
                                    gint64               now);

G_END_DECLS
