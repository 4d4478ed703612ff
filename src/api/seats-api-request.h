/* seats-api-request.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "seats-types.h"

G_BEGIN_DECLS

/**
 * SeatsApiRequest:
 *
 * One change for the license server, complete enough to be kept in the
 * outbox as text and sent again after a restart: what it is, the method,
 * the path, the JSON body and the ETag it is based on.
 */
typedef struct _SeatsApiRequest SeatsApiRequest;

#define SEATS_TYPE_API_REQUEST (seats_api_request_get_type ())

GType            seats_api_request_get_type          (void) G_GNUC_CONST;
SeatsApiRequest *seats_api_request_ref               (SeatsApiRequest     *self);
void             seats_api_request_unref             (SeatsApiRequest     *self);
const char      *seats_api_request_get_kind          (SeatsApiRequest     *self);
const char      *seats_api_request_get_method        (SeatsApiRequest     *self);
const char      *seats_api_request_get_path          (SeatsApiRequest     *self);
const char      *seats_api_request_get_if_match      (SeatsApiRequest     *self);
gboolean         seats_api_request_needs_key         (SeatsApiRequest     *self);
char            *seats_api_request_serialize         (SeatsApiRequest     *self);
SeatsApiRequest *seats_api_request_deserialize       (const char          *text,
                                                      GError             **error);

SeatsApiRequest *seats_api_request_buy               (const char          *product_id,
                                                      guint                quantity);
SeatsApiRequest *seats_api_request_set_next_period   (const char          *product_id,
                                                      guint                count,
                                                      const char          *etag);
SeatsApiRequest *seats_api_request_set_user_active   (const char          *user_id,
                                                      gboolean             active,
                                                      const char          *etag);
SeatsApiRequest *seats_api_request_assign_module     (const char          *product_id,
                                                      const char          *user_id,
                                                      gboolean             assign,
                                                      const char          *etag);
SeatsApiRequest *seats_api_request_switch_feature    (const char          *feature_id,
                                                      gboolean             enabled,
                                                      const char          *etag);
SeatsApiRequest *seats_api_request_update_billing    (SeatsBillingDetails *details,
                                                      const char          *etag);
SeatsApiRequest *seats_api_request_activate_license  (const char          *etag);
SeatsApiRequest *seats_api_request_import_license    (const char          *license_file,
                                                      GError             **error);
SeatsApiRequest *seats_api_request_convert_trial     (const char          *serial_number,
                                                      const char          *license_owner);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsApiRequest, seats_api_request_unref)

G_END_DECLS
