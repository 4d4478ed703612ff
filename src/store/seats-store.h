/* seats-store.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-domain.h"

G_BEGIN_DECLS

#define SEATS_STORE_ERROR (seats_store_error_quark ())

/**
 * SeatsStoreError:
 * @SEATS_STORE_ERROR_FAILED: something else went wrong
 * @SEATS_STORE_ERROR_CORRUPT: the file is not a database or is damaged
 * @SEATS_STORE_ERROR_TOO_NEW: the file was written by a newer Seats; it is
 *   left as it is
 * @SEATS_STORE_ERROR_IO: the file could not be created, read or written
 * @SEATS_STORE_ERROR_FULL: the disk is full
 * @SEATS_STORE_ERROR_BUSY: another process holds the database
 * @SEATS_STORE_ERROR_NOT_FOUND: an outbox entry that is not there
 *
 * The messages are written for the person at the screen and translated.
 */
typedef enum
{
  SEATS_STORE_ERROR_FAILED,
  SEATS_STORE_ERROR_CORRUPT,
  SEATS_STORE_ERROR_TOO_NEW,
  SEATS_STORE_ERROR_IO,
  SEATS_STORE_ERROR_FULL,
  SEATS_STORE_ERROR_BUSY,
  SEATS_STORE_ERROR_NOT_FOUND,
} SeatsStoreError;

GQuark seats_store_error_quark (void);


/**
 * SeatsOutboxState:
 * @SEATS_OUTBOX_STATE_PENDING: not sent yet
 * @SEATS_OUTBOX_STATE_SENT: sent, no answer yet; sent again with the same
 *   idempotency key
 * @SEATS_OUTBOX_STATE_DONE: the server applied it
 * @SEATS_OUTBOX_STATE_FAILED: the server refused it; not sent again
 */
typedef enum
{
  SEATS_OUTBOX_STATE_PENDING,
  SEATS_OUTBOX_STATE_SENT,
  SEATS_OUTBOX_STATE_DONE,
  SEATS_OUTBOX_STATE_FAILED,
} SeatsOutboxState;

/**
 * SeatsOutboxEntry:
 * @id: its number in the outbox, in the order the changes were made
 * @kind: what kind of change it is ("order.create", "user.deactivate", ...)
 * @payload: the request body, JSON text the store does not read
 * @idempotency_key: the key every attempt is sent with
 * @state: how far it got
 * @attempts: how often it was sent
 * @created: when the change was made, Unix seconds
 * @last_error: (nullable): why it failed last, for the person
 *
 * A change waiting for the server.
 */
typedef struct
{
  gint64            id;
  char             *kind;
  char             *payload;
  char             *idempotency_key;
  SeatsOutboxState  state;
  guint             attempts;
  gint64            created;
  char             *last_error;
} SeatsOutboxEntry;

void seats_outbox_entry_free (SeatsOutboxEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsOutboxEntry, seats_outbox_entry_free)

#define SEATS_TYPE_STORE (seats_store_get_type ())

G_DECLARE_FINAL_TYPE (SeatsStore, seats_store, SEATS, STORE, GObject)

/**
 * SeatsStoreWriteFunc:
 * @store: the store, its connection held by this thread
 * @data: what to write
 * @error: why it was not written
 *
 * A write of seats_store_write_async(), run on the store's writer thread;
 * it may call the store's own synchronous functions.
 *
 * Returns: %TRUE when written
 */
typedef gboolean (*SeatsStoreWriteFunc) (SeatsStore  *store,
                                         gpointer     data,
                                         GError     **error);

char             *seats_store_dup_default_path     (const char          *account_id);
SeatsStore       *seats_store_new                  (const char          *path,
                                                    GError             **error);
const char       *seats_store_get_path             (SeatsStore          *self);
guint             seats_store_get_schema_version   (void);

gboolean          seats_store_save                 (SeatsStore          *self,
                                                    const SeatsSnapshot *state,
                                                    GError             **error);
gboolean          seats_store_save_user_delta      (SeatsStore          *self,
                                                    SeatsUser * const   *changed,
                                                    guint                n_changed,
                                                    const char * const  *deleted_ids,
                                                    const SeatsSyncState *sync,
                                                    GError             **error);
gboolean          seats_store_save_delta           (SeatsStore          *self,
                                                    const SeatsSnapshot *state,
                                                    SeatsUser * const   *changed,
                                                    guint                n_changed,
                                                    const char * const  *deleted_ids,
                                                    GError             **error);
gboolean          seats_store_save_pull            (SeatsStore          *self,
                                                    const SeatsPull     *pull,
                                                    gint64               done_entry,
                                                    GError             **error);
void              seats_store_save_pull_async      (SeatsStore          *self,
                                                    const SeatsPull     *pull,
                                                    gint64               done_entry,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
void              seats_store_write_async          (SeatsStore          *self,
                                                    SeatsStoreWriteFunc  func,
                                                    gpointer             data,
                                                    GDestroyNotify       destroy,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean          seats_store_write_finish         (SeatsStore          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
gboolean          seats_store_load                 (SeatsStore          *self,
                                                    SeatsSnapshot     *state,
                                                    GError             **error);

gboolean          seats_store_load_all_but_users   (SeatsStore          *self,
                                                    SeatsSnapshot     *state,
                                                    GError             **error);
void              seats_store_load_users_async     (SeatsStore          *self,
                                                    int                  io_priority,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray        *seats_store_load_users_finish    (SeatsStore          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

gboolean          seats_store_load_sync_state      (SeatsStore          *self,
                                                    SeatsSyncState      *sync,
                                                    GError             **error);
gboolean          seats_store_save_sync_state      (SeatsStore          *self,
                                                    const SeatsSyncState *sync,
                                                    GError             **error);

SeatsOutboxEntry *seats_store_outbox_enqueue       (SeatsStore          *self,
                                                    const char          *kind,
                                                    const char          *payload,
                                                    GError             **error);
GPtrArray        *seats_store_outbox_list_pending  (SeatsStore          *self,
                                                    GError             **error);
gboolean          seats_store_outbox_mark_sent     (SeatsStore          *self,
                                                    gint64               id,
                                                    GError             **error);
gboolean          seats_store_outbox_mark_done     (SeatsStore          *self,
                                                    gint64               id,
                                                    GError             **error);
gboolean          seats_store_outbox_mark_failed   (SeatsStore          *self,
                                                    gint64               id,
                                                    const char          *message,
                                                    GError             **error);

G_END_DECLS
