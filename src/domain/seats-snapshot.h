/* seats-snapshot.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-types.h"

G_BEGIN_DECLS

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
 * SeatsSnapshot:
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
 * Everything Seats knows about one account, as domain values: what a
 * source's full pull gives, what the local copy holds and writes in one
 * transaction, what the window shows first at start-up, and what a change
 * is checked against. The list stores
 * are created by seats_snapshot_init() and are never replaced, so that
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
} SeatsSnapshot;

void seats_snapshot_init  (SeatsSnapshot *state);
void seats_snapshot_clear (SeatsSnapshot *state);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SeatsSnapshot, seats_snapshot_clear)

G_END_DECLS
