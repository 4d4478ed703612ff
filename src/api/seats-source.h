/* seats-source.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-domain.h"

G_BEGIN_DECLS

/**
 * SeatsSourceKind:
 * @SEATS_SOURCE_KIND_LICENSE_SERVER: a Seats license server: the full API
 * @SEATS_SOURCE_KIND_SCIM: a SCIM 2.0 service: users and their status
 *
 * What an account's source is.
 */
typedef enum
{
  SEATS_SOURCE_KIND_LICENSE_SERVER,
  SEATS_SOURCE_KIND_SCIM,
} SeatsSourceKind;

#define SEATS_TYPE_SOURCE (seats_source_get_type ())

G_DECLARE_INTERFACE (SeatsSource, seats_source, SEATS, SOURCE, GObject)

/**
 * SeatsSourceInterface:
 * @pull_async: fetches what changed since @since (or everything) as domain
 *   values
 * @pull_finish: finishes @pull_async
 * @send_async: sends a change, which was checked and kept in the outbox,
 *   with its idempotency key
 * @send_finish: finishes @send_async with what to apply to the local copy
 * @supports: whether the source can make a kind of change at all
 * @get_request_count: how many requests the source sent
 * @has_secret: whether the source has its token or password
 * @set_secret: gives the source its token or password
 *
 * What an account's data comes from: the seam between the sync engine,
 * which sees only domain values, and the protocols. Each implementation
 * knows its paths, pages and JSON; nothing above it does.
 */
struct _SeatsSourceInterface
{
  GTypeInterface parent_iface;

  void       (*pull_async)        (SeatsSource           *self,
                                   const SeatsSnapshot   *known,
                                   gboolean               full,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data);
  SeatsPull *(*pull_finish)       (SeatsSource           *self,
                                   GAsyncResult          *result,
                                   GError               **error);
  void       (*send_async)        (SeatsSource           *self,
                                   SeatsChange           *change,
                                   const char            *idempotency_key,
                                   const SeatsSnapshot   *known,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data);
  SeatsPull *(*send_finish)       (SeatsSource           *self,
                                   GAsyncResult          *result,
                                   GError               **error);
  gboolean   (*supports)          (SeatsSource           *self,
                                   SeatsChangeKind        kind);
  guint      (*get_request_count) (SeatsSource           *self);
  gboolean   (*has_secret)        (SeatsSource           *self,
                                   GError               **error);
  void       (*set_secret)        (SeatsSource           *self,
                                   const char            *secret);
  SeatsChange *(*read_kept_change) (SeatsSource          *self,
                                    const char           *text,
                                    gboolean             *recognized);
};

void             seats_source_pull_async        (SeatsSource          *self,
                                                 const SeatsSnapshot  *known,
                                                 gboolean              full,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
SeatsPull       *seats_source_pull_finish       (SeatsSource          *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void             seats_source_send_async        (SeatsSource          *self,
                                                 SeatsChange          *change,
                                                 const char           *idempotency_key,
                                                 const SeatsSnapshot  *known,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
SeatsPull       *seats_source_send_finish       (SeatsSource          *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
gboolean         seats_source_supports          (SeatsSource          *self,
                                                 SeatsChangeKind       kind);
guint            seats_source_get_request_count (SeatsSource          *self);
gboolean         seats_source_has_secret        (SeatsSource          *self,
                                                 GError              **error);
void             seats_source_set_secret        (SeatsSource          *self,
                                                 const char           *secret);
void             seats_source_report_progress   (SeatsSource          *self,
                                                 double                progress);
SeatsChange     *seats_source_read_kept_change  (SeatsSource          *self,
                                                 const char           *text,
                                                 GError              **error);

G_END_DECLS
