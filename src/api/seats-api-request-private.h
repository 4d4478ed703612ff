/* seats-api-request-private.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "seats-api-request.h"
#include "seats-domain.h"

G_BEGIN_DECLS

JsonNode  *seats_api_request_get_body      (SeatsApiRequest  *self);
JsonNode  *seats_api_scim_patch_active     (gboolean          active);
GPtrArray *seats_api_requests_for_change   (SeatsChange      *change,
                                            GError          **error);
SeatsChange *seats_api_change_from_outbox_request (const char *text,
                                                   gboolean   *is_request);

G_END_DECLS
