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
 * SeatsSyncState:
 * @etags: (element-type utf8 utf8): the ETag of each resource (its path)
 *   as the server last sent it
 * @delta_cursor: the highest last-modified time of the users received,
 *   Unix seconds; the next delta asks for users changed since then
 * @last_full_reconcile: when all users were last fetched, Unix seconds
 * @last_synced: when the account last synced successfully, Unix seconds
 *
 * Where the last sync left off; 0 for a time means never.
 */
typedef struct
{
  GHashTable *etags;
  gint64      delta_cursor;
  gint64      last_full_reconcile;
  gint64      last_synced;
} SeatsSyncState;

void seats_sync_state_init  (SeatsSyncState *sync);
void seats_sync_state_clear (SeatsSyncState *sync);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SeatsSyncState, seats_sync_state_clear)

/**
 * SeatsStoreState:
 * @account: (nullable): the organization and its policy
 * @subscription: (nullable): the billing state
 * @billing_details: (nullable): who receives the invoices
 * @pending_license: (nullable): a new license waiting to be activated
 * @products: a list store of #SeatsProduct
 * @users: a list store of #SeatsUser
 * @orders: a list store of #SeatsOrder
 * @invoices: a list store of #SeatsInvoice
 * @actions: a list store of #SeatsActionEntry, the action log
 * @features: a list store of #SeatsFeature
 * @history: a list store of #SeatsHistoryPoint, the user seats purchased
 *   and used by month, oldest first
 * @sync: where the sync left off
 *
 * Everything Seats knows about one account: what a full sync writes in one
 * transaction and what the window shows first at start-up. The list stores
 * are created by seats_store_state_init() and are never replaced, so that
 * views can stay bound to them; loading splices their contents.
 */
typedef struct
{
  SeatsAccount        *account;
  SeatsSubscription   *subscription;
  SeatsBillingDetails *billing_details;
  SeatsPendingLicense *pending_license;

  GListStore          *products;
  GListStore          *users;
  GListStore          *orders;
  GListStore          *invoices;
  GListStore          *actions;
  GListStore          *features;
  GListStore          *history;

  SeatsSyncState       sync;
} SeatsStoreState;

void seats_store_state_init  (SeatsStoreState *state);
void seats_store_state_clear (SeatsStoreState *state);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SeatsStoreState, seats_store_state_clear)

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

char             *seats_store_dup_default_path     (const char          *account_id);
SeatsStore       *seats_store_new                  (const char          *path,
                                                    GError             **error);
const char       *seats_store_get_path             (SeatsStore          *self);
guint             seats_store_get_schema_version   (void);

gboolean          seats_store_save                 (SeatsStore          *self,
                                                    const SeatsStoreState *state,
                                                    GError             **error);
gboolean          seats_store_save_user_delta      (SeatsStore          *self,
                                                    SeatsUser * const   *changed,
                                                    guint                n_changed,
                                                    const char * const  *deleted_ids,
                                                    const SeatsSyncState *sync,
                                                    GError             **error);
gboolean          seats_store_save_delta           (SeatsStore          *self,
                                                    const SeatsStoreState *state,
                                                    SeatsUser * const   *changed,
                                                    guint                n_changed,
                                                    const char * const  *deleted_ids,
                                                    GError             **error);
gboolean          seats_store_load                 (SeatsStore          *self,
                                                    SeatsStoreState     *state,
                                                    GError             **error);

gboolean          seats_store_load_all_but_users   (SeatsStore          *self,
                                                    SeatsStoreState     *state,
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
