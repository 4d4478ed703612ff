/* seats-snapshot.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-types.h"
#include "seats-user-list.h"

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
 * @users: the users, #SeatsUser
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
  SeatsUserList       *users;
  GListStore          *orders;
  GListStore          *invoices;
  GListStore          *actions;
  GListStore          *features;
  GListStore          *history;

  SeatsSyncState       sync;
} SeatsSnapshot;

void        seats_snapshot_init         (SeatsSnapshot       *state);
void        seats_snapshot_clear        (SeatsSnapshot       *state);
const char *seats_snapshot_get_currency (const SeatsSnapshot *snapshot);
void        seats_snapshot_copy         (SeatsSnapshot       *to,
                                         const SeatsSnapshot *from);
gboolean    seats_snapshot_terms_kept_here
                                        (const SeatsSnapshot *snapshot);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SeatsSnapshot, seats_snapshot_clear)

/**
 * SeatsPullKind:
 * @SEATS_PULL_UNCHANGED: nothing changed since the cursor; only the sync
 *   state is new
 * @SEATS_PULL_FULL: every user, and every part the pull carries
 * @SEATS_PULL_DELTA: the users that changed or appeared since the cursor,
 *   those deleted, and every part the pull carries
 *
 * How much of an account a pull brings.
 */
typedef enum
{
  SEATS_PULL_UNCHANGED,
  SEATS_PULL_FULL,
  SEATS_PULL_DELTA,
} SeatsPullKind;

/**
 * SeatsPullParts:
 * @SEATS_PULL_PART_ACCOUNT: the account and its policy
 * @SEATS_PULL_PART_SUBSCRIPTION: the subscription
 * @SEATS_PULL_PART_PRODUCTS: the products
 * @SEATS_PULL_PART_FEATURES: the features and integrations
 * @SEATS_PULL_PART_BILLING: the billing details
 * @SEATS_PULL_PART_PENDING_LICENSE: the pending license, or that there is none
 * @SEATS_PULL_PART_ORDERS: the orders
 * @SEATS_PULL_PART_INVOICES: the invoices
 * @SEATS_PULL_PART_ACTIONS: the action log
 * @SEATS_PULL_PART_HISTORY: the seat history by month
 * @SEATS_PULL_PART_USERS: the users (all, or the changed ones of a delta)
 *
 * The parts of an account a pull carries: the others stay as the local
 * copy has them. A SCIM service, for one, gives users and nothing else.
 */
typedef enum
{
  SEATS_PULL_PART_ACCOUNT         = 1 << 0,
  SEATS_PULL_PART_SUBSCRIPTION    = 1 << 1,
  SEATS_PULL_PART_PRODUCTS        = 1 << 2,
  SEATS_PULL_PART_FEATURES        = 1 << 3,
  SEATS_PULL_PART_BILLING         = 1 << 4,
  SEATS_PULL_PART_PENDING_LICENSE = 1 << 5,
  SEATS_PULL_PART_ORDERS          = 1 << 6,
  SEATS_PULL_PART_INVOICES        = 1 << 7,
  SEATS_PULL_PART_ACTIONS         = 1 << 8,
  SEATS_PULL_PART_HISTORY         = 1 << 9,
  SEATS_PULL_PART_USERS           = 1 << 10,
} SeatsPullParts;

#define SEATS_PULL_PARTS_ALL ((SeatsPullParts) ((SEATS_PULL_PART_USERS << 1) - 1))

/**
 * SeatsPull:
 * @kind: how much the pull brings
 * @parts: the parts of @snapshot it carries
 * @newest_only: the lists among @parts (orders, invoices, actions) of which
 *   the pull carries only what is new or changed since the cursor, to be
 *   merged by id with the list known
 * @snapshot: the parts carried, and in @snapshot.sync where the pull left
 *   off: its ETags are added to the known ones
 * @deleted_ids: (nullable): %SEATS_PULL_DELTA: the ids of the users deleted
 * @refusal: (nullable): the answer to a selection of which the source
 *   made only a part: why the rest was refused
 *
 * What a source gave, for a pull or as the answer to a change: domain
 * values only, to be written to the local copy in one transaction and then
 * shown.
 */
typedef struct
{
  SeatsPullKind   kind;
  SeatsPullParts  parts;
  SeatsPullParts  newest_only;
  SeatsSnapshot   snapshot;
  GStrv           deleted_ids;
  GError         *refusal;
} SeatsPull;

SeatsPull *seats_pull_new  (SeatsPullKind kind);
void       seats_pull_free (SeatsPull    *pull);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsPull, seats_pull_free)

G_END_DECLS
