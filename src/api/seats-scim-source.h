/* seats-scim-source.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seats-client.h"
#include "seats-scim.h"
#include "seats-source.h"

G_BEGIN_DECLS

#define SEATS_TYPE_SCIM_SOURCE (seats_scim_source_get_type())

G_DECLARE_FINAL_TYPE (SeatsScimSource, seats_scim_source, SEATS, SCIM_SOURCE, GObject)

SeatsSource           *seats_scim_source_new        (SeatsClient           *client,
                                                     const char            *account_id,
                                                     const char            *name,
                                                     const SeatsScimConfig *config);
SeatsClient           *seats_scim_source_get_client (SeatsScimSource       *self);
const SeatsScimConfig *seats_scim_source_get_config (SeatsScimSource       *self);

G_END_DECLS
