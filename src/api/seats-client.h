/* seats-client.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "seats-api-request.h"

G_BEGIN_DECLS

#define SEATS_TYPE_CLIENT (seats_client_get_type())

G_DECLARE_FINAL_TYPE (SeatsClient, seats_client, SEATS, CLIENT, GObject)

/**
 * SeatsResponse:
 * @status: the HTTP status (2xx or 304)
 * @etag: (nullable): the ETag of the answer
 * @root: (nullable): the parsed JSON body; %NULL for 204 and 304, and
 *   when @decoded holds what it was decoded into
 * @decoded: (nullable): what the #SeatsDecodeFunc of
 *   seats_client_get_decoded_async() made of the body
 * @decoded_free: frees @decoded
 *
 * A successful answer of the license server.
 */
typedef struct
{
  guint           status;
  char           *etag;
  JsonNode       *root;
  gpointer        decoded;
  GDestroyNotify  decoded_free;
} SeatsResponse;

/**
 * SeatsDecodeFunc:
 * @root: a parsed answer
 * @error: why it cannot be decoded
 *
 * Decodes an answer into what the caller keeps. It runs in the client's
 * decoding thread: it may only read @root and create new objects.
 *
 * Returns: (transfer full) (nullable): the decoded answer
 */
typedef gpointer (*SeatsDecodeFunc) (JsonNode  *root,
                                     GError   **error);

void           seats_response_free               (SeatsResponse        *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsResponse, seats_response_free)

SeatsClient   *seats_client_new                  (const char           *base_uri,
                                                  const char           *token,
                                                  GError              **error);
void           seats_client_set_token            (SeatsClient          *self,
                                                  const char           *token);
void           seats_client_set_user_name        (SeatsClient          *self,
                                                  const char           *user_name);
void           seats_client_set_scim             (SeatsClient          *self);
gboolean       seats_client_has_token            (SeatsClient          *self,
                                                  GError              **error);
const char    *seats_client_get_base_uri         (SeatsClient          *self);
void           seats_client_set_retry_policy     (SeatsClient          *self,
                                                  guint                 max_attempts,
                                                  guint                 max_wait_ms);
void           seats_client_set_max_answer_size  (SeatsClient          *self,
                                                  gsize                 max_size);
void           seats_client_set_deadline         (SeatsClient          *self,
                                                  guint                 deadline_ms);
void           seats_client_send_async           (SeatsClient          *self,
                                                  const char           *method,
                                                  const char           *path,
                                                  JsonNode             *body,
                                                  const char           *if_match,
                                                  const char           *if_none_match,
                                                  const char           *idempotency_key,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
void           seats_client_get_decoded_async    (SeatsClient          *self,
                                                  const char           *path,
                                                  SeatsDecodeFunc       decode,
                                                  GDestroyNotify        decoded_free,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
SeatsResponse *seats_client_send_finish          (SeatsClient          *self,
                                                  GAsyncResult         *result,
                                                  char                **problem_code,
                                                  GError              **error);
void           seats_client_send_request_async   (SeatsClient          *self,
                                                  SeatsApiRequest      *request,
                                                  const char           *idempotency_key,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
void           seats_client_add_header           (SeatsClient          *self,
                                                  const char           *name,
                                                  const char           *value);
void           seats_client_remove_header        (SeatsClient          *self,
                                                  const char           *name);

G_END_DECLS
