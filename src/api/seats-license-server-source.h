/* seats-license-server-source.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seats-client.h"
#include "seats-source.h"

G_BEGIN_DECLS

#define SEATS_TYPE_LICENSE_SERVER_SOURCE (seats_license_server_source_get_type())

G_DECLARE_FINAL_TYPE (SeatsLicenseServerSource, seats_license_server_source,
                      SEATS, LICENSE_SERVER_SOURCE, GObject)

SeatsSource *seats_license_server_source_new        (SeatsClient              *client);
SeatsClient *seats_license_server_source_get_client (SeatsLicenseServerSource *self);

G_END_DECLS
