/* seats-sync-engine.h
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
 * SeatsSyncStatus:
 * @SEATS_SYNC_STATUS_IDLE: nothing under way; the models hold the last sync
 * @SEATS_SYNC_STATUS_SYNCING: a sync is under way; see #SeatsSyncEngine:progress
 * @SEATS_SYNC_STATUS_OFFLINE: the server cannot be reached; the models hold
 *   the local copy of #SeatsSyncEngine:last-synced
 * @SEATS_SYNC_STATUS_ERROR: the last sync failed; see #SeatsSyncEngine:error-message
 */
typedef enum
{
  SEATS_SYNC_STATUS_IDLE,
  SEATS_SYNC_STATUS_SYNCING,
  SEATS_SYNC_STATUS_OFFLINE,
  SEATS_SYNC_STATUS_ERROR,
} SeatsSyncStatus;

#define SEATS_TYPE_SYNC_STATUS (seats_sync_status_get_type ())
GType seats_sync_status_get_type (void) G_GNUC_CONST;

/**
 * SeatsSyncLoadFlags:
 * @SEATS_SYNC_LOAD_DEFAULT: read the whole local copy before returning
 * @SEATS_SYNC_LOAD_USERS_LATER: read the users on a thread of their own,
 *   after the rest; see #SeatsSyncEngine:loading
 */
typedef enum
{
  SEATS_SYNC_LOAD_DEFAULT     = 0,
  SEATS_SYNC_LOAD_USERS_LATER = 1 << 0,
} SeatsSyncLoadFlags;

#define SEATS_TYPE_SYNC_ENGINE (seats_sync_engine_get_type())

G_DECLARE_FINAL_TYPE (SeatsSyncEngine, seats_sync_engine, SEATS, SYNC_ENGINE, GObject)

SeatsSyncEngine     *seats_sync_engine_new                 (SeatsSource          *source,
                                                            SeatsStore           *store);
gboolean             seats_sync_engine_load                (SeatsSyncEngine      *self,
                                                            SeatsSyncLoadFlags    flags,
                                                            GError              **error);
gboolean             seats_sync_engine_get_loading         (SeatsSyncEngine      *self);
void                 seats_sync_engine_start               (SeatsSyncEngine      *self);
void                 seats_sync_engine_stop                (SeatsSyncEngine      *self);
void                 seats_sync_engine_set_deadline        (SeatsSyncEngine      *self,
                                                            guint                 deadline_ms);

SeatsSource         *seats_sync_engine_get_source          (SeatsSyncEngine      *self);
SeatsStore          *seats_sync_engine_get_store           (SeatsSyncEngine      *self);
SeatsClock          *seats_sync_engine_get_clock           (SeatsSyncEngine      *self);
SeatsSyncStatus      seats_sync_engine_get_status          (SeatsSyncEngine      *self);
double               seats_sync_engine_get_progress        (SeatsSyncEngine      *self);
gint64               seats_sync_engine_get_last_synced     (SeatsSyncEngine      *self);
const char          *seats_sync_engine_get_error_message   (SeatsSyncEngine      *self);
guint                seats_sync_engine_get_request_count   (SeatsSyncEngine      *self);
guint                seats_sync_engine_count_waiting       (SeatsSyncEngine      *self);

const SeatsSnapshot *seats_sync_engine_get_snapshot        (SeatsSyncEngine      *self);
SeatsAccount        *seats_sync_engine_get_account         (SeatsSyncEngine      *self);
SeatsSubscription   *seats_sync_engine_get_subscription    (SeatsSyncEngine      *self);
SeatsBillingDetails *seats_sync_engine_get_billing_details (SeatsSyncEngine      *self);
SeatsPendingLicense *seats_sync_engine_get_pending_license (SeatsSyncEngine      *self);
GListModel          *seats_sync_engine_get_products        (SeatsSyncEngine      *self);
GListModel          *seats_sync_engine_get_users           (SeatsSyncEngine      *self);
GListModel          *seats_sync_engine_get_orders          (SeatsSyncEngine      *self);
GListModel          *seats_sync_engine_get_invoices        (SeatsSyncEngine      *self);
GListModel          *seats_sync_engine_get_actions         (SeatsSyncEngine      *self);
GListModel          *seats_sync_engine_get_features        (SeatsSyncEngine      *self);
GListModel          *seats_sync_engine_get_history         (SeatsSyncEngine      *self);
SeatsProduct        *seats_sync_engine_find_product        (SeatsSyncEngine      *self,
                                                            const char           *product_id);
SeatsProduct        *seats_sync_engine_find_user_seats     (SeatsSyncEngine      *self);
SeatsUser           *seats_sync_engine_find_user           (SeatsSyncEngine      *self,
                                                            const char           *user_id);
SeatsFeature        *seats_sync_engine_find_feature        (SeatsSyncEngine      *self,
                                                            const char           *feature_id);

void                 seats_sync_engine_sync_async          (SeatsSyncEngine      *self,
                                                            gboolean              full,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean             seats_sync_engine_sync_finish         (SeatsSyncEngine      *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

gboolean             seats_sync_engine_can_change          (SeatsSyncEngine      *self,
                                                            SeatsChangeKind       kind,
                                                            GError              **error);
gboolean             seats_sync_engine_supports            (SeatsSyncEngine      *self,
                                                            SeatsChangeKind       kind);
gboolean             seats_sync_engine_check_supported     (SeatsSyncEngine      *self,
                                                            SeatsChangeKind       kind,
                                                            GError              **error);
SeatsChange         *seats_sync_engine_check               (SeatsSyncEngine      *self,
                                                            SeatsChange          *change,
                                                            SeatsChangeOutcome   *outcome,
                                                            GError              **error);
void                 seats_sync_engine_submit_async        (SeatsSyncEngine      *self,
                                                            SeatsChange          *change,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean             seats_sync_engine_submit_finish       (SeatsSyncEngine      *self,
                                                            GAsyncResult         *result,
                                                            SeatsChange         **undo,
                                                            GError              **error);
void                 seats_sync_engine_flush_outbox_async  (SeatsSyncEngine      *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean             seats_sync_engine_flush_outbox_finish (SeatsSyncEngine      *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
SeatsPendingLicense *seats_sync_engine_check_license_file  (SeatsSyncEngine      *self,
                                                            const char           *data,
                                                            gsize                 length,
                                                            GError              **error);

G_END_DECLS
