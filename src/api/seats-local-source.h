/* seats-local-source.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seats-source.h"

G_BEGIN_DECLS

#define SEATS_TYPE_LOCAL_SOURCE (seats_local_source_get_type ())

G_DECLARE_FINAL_TYPE (SeatsLocalSource, seats_local_source, SEATS, LOCAL_SOURCE, GObject)

SeatsSource *seats_local_source_new          (void);
SeatsPull   *seats_local_source_apply        (SeatsChange          *change,
                                              const SeatsSnapshot  *known,
                                              GError              **error);
SeatsPull   *seats_local_source_merge_users  (const SeatsSnapshot  *known,
                                              const SeatsPull      *users);

G_END_DECLS
