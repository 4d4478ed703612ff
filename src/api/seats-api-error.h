/* seats-api-error.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-rules.h"

G_BEGIN_DECLS

#define SEATS_API_ERROR (seats_api_error_quark ())

/**
 * SeatsApiError:
 * @SEATS_API_ERROR_OFFLINE: the server could not be reached
 * @SEATS_API_ERROR_TIMEOUT: the server did not answer in time
 * @SEATS_API_ERROR_INSECURE: the address is not HTTPS and not on this computer
 * @SEATS_API_ERROR_TLS: the server's certificate is not valid
 * @SEATS_API_ERROR_UNAUTHORIZED: the token was refused (401)
 * @SEATS_API_ERROR_FORBIDDEN: the token's role may not do this (403)
 * @SEATS_API_ERROR_NOT_FOUND: no such resource (404)
 * @SEATS_API_ERROR_CONFLICT: the change conflicts with the server's state (409, 422)
 * @SEATS_API_ERROR_STALE: somebody else changed it first (412, 428)
 * @SEATS_API_ERROR_REFUSED: a license rule refused the change; see the problem's code
 * @SEATS_API_ERROR_RATE_LIMITED: too many requests (429)
 * @SEATS_API_ERROR_SERVER: the server failed (5xx)
 * @SEATS_API_ERROR_MALFORMED: the answer was not what the API promises
 *
 * What went wrong talking to the vendor's license server, by kind, so that
 * the interface can branch on it.
 */
typedef enum
{
  SEATS_API_ERROR_OFFLINE,
  SEATS_API_ERROR_TIMEOUT,
  SEATS_API_ERROR_INSECURE,
  SEATS_API_ERROR_TLS,
  SEATS_API_ERROR_UNAUTHORIZED,
  SEATS_API_ERROR_FORBIDDEN,
  SEATS_API_ERROR_NOT_FOUND,
  SEATS_API_ERROR_CONFLICT,
  SEATS_API_ERROR_STALE,
  SEATS_API_ERROR_REFUSED,
  SEATS_API_ERROR_RATE_LIMITED,
  SEATS_API_ERROR_SERVER,
  SEATS_API_ERROR_MALFORMED,
} SeatsApiError;

/**
 * SeatsApiProblem:
 * @code: (nullable): the problem's stable code ("below-counted-users")
 * @detail: (nullable): the server's own explanation
 * @figures: (nullable): the figures of a refusal of the rules
 * @reseller_name: (nullable): who sold a subscription managed by a reseller
 * @reseller_url: (nullable): where the reseller takes changes
 *
 * What a license server's problem answer says (RFC 9457, or a SCIM error).
 */
typedef struct
{
  const char             *code;
  const char             *detail;
  const SeatsRuleFigures *figures;
  const char             *reseller_name;
  const char             *reseller_url;
} SeatsApiProblem;

/**
 * SeatsApiPeer:
 * @SEATS_API_PEER_LICENSE_SERVER: a Seats license server
 * @SEATS_API_PEER_SCIM: a SCIM 2.0 service
 *
 * Whom Seats talked to, which its messages name.
 */
typedef enum
{
  SEATS_API_PEER_LICENSE_SERVER,
  SEATS_API_PEER_SCIM,
} SeatsApiPeer;

GQuark   seats_api_error_quark          (void);
gboolean seats_api_error_is_transient   (const GError *error);
GError  *seats_api_error_from_status    (guint                  status,
                                         const SeatsApiProblem *problem);
GError  *seats_api_error_from_transport (const GError *error);
GError  *seats_api_error_from_status_for (guint                  status,
                                          const SeatsApiProblem *problem,
                                          SeatsApiPeer           peer);
GError  *seats_api_error_from_transport_for (const GError *error,
                                             SeatsApiPeer  peer);
gboolean seats_api_check_base_uri       (const char   *uri,
                                         GError      **error);
guint    seats_api_retry_delay_ms       (guint         attempt,
                                         gint64        retry_after_ms);
gint64   seats_api_parse_retry_after    (const char   *value,
                                         GDateTime    *now);

G_END_DECLS
