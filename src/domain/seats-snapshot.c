/* seats-snapshot.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include <string.h>

#include "seats-domain.h"

void
seats_sync_state_init (SeatsSyncState *sync)
{
  g_return_if_fail (sync != NULL);

  memset (sync, 0, sizeof *sync);
  sync->etags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

void
seats_sync_state_clear (SeatsSyncState *sync)
{
  g_return_if_fail (sync != NULL);

  g_clear_pointer (&sync->etags, g_hash_table_unref);
  memset (sync, 0, sizeof *sync);
}

void
seats_snapshot_init (SeatsSnapshot *state)
{
  g_return_if_fail (state != NULL);

  memset (state, 0, sizeof *state);
  state->products = g_list_store_new (SEATS_TYPE_PRODUCT);
  state->users = seats_user_list_new ();
  state->orders = g_list_store_new (SEATS_TYPE_ORDER);
  state->invoices = g_list_store_new (SEATS_TYPE_INVOICE);
  state->actions = g_list_store_new (SEATS_TYPE_ACTION_ENTRY);
  state->features = g_list_store_new (SEATS_TYPE_FEATURE);
  state->history = g_list_store_new (SEATS_TYPE_HISTORY_POINT);
  seats_sync_state_init (&state->sync);
}

void
seats_snapshot_clear (SeatsSnapshot *state)
{
  g_return_if_fail (state != NULL);

  g_clear_object (&state->account);
  g_clear_object (&state->subscription);
  g_clear_object (&state->billing_details);
  g_clear_object (&state->pending_license);
  g_clear_object (&state->products);
  g_clear_object (&state->users);
  g_clear_object (&state->orders);
  g_clear_object (&state->invoices);
  g_clear_object (&state->actions);
  g_clear_object (&state->features);
  g_clear_object (&state->history);
  seats_sync_state_clear (&state->sync);
}

/**
 * seats_pull_new:
 * @kind: how much the pull brings
 *
 * Returns: (transfer full): an empty pull that carries nothing yet
 */
SeatsPull *
seats_pull_new (SeatsPullKind kind)
{
  SeatsPull *pull = g_new0 (SeatsPull, 1);

  pull->kind = kind;
  seats_snapshot_init (&pull->snapshot);

  return pull;
}

void
seats_pull_free (SeatsPull *pull)
{
  if (pull == NULL)
    return;

  seats_snapshot_clear (&pull->snapshot);
  g_strfreev (pull->deleted_ids);
  g_clear_error (&pull->refusal);
  g_free (pull);
}

/**
 * seats_snapshot_get_currency:
 * @snapshot: an account as it is known
 *
 * The currency of an account's prices: its user licenses', else its
 * subscription's, else the account's own, which a viewer is told too.
 *
 * Returns: (nullable): an ISO 4217 code
 */
const char *
seats_snapshot_get_currency (const SeatsSnapshot *snapshot)
{
  SeatsProduct *seats;

  g_return_val_if_fail (snapshot != NULL, NULL);

  seats = snapshot->products != NULL
          ? seats_products_find_user_seats (G_LIST_MODEL (snapshot->products)) : NULL;
  if (seats != NULL && seats_product_get_currency (seats) != NULL)
    return seats_product_get_currency (seats);

  if (snapshot->subscription != NULL && seats_subscription_get_currency (snapshot->subscription) != NULL)
    return seats_subscription_get_currency (snapshot->subscription);

  return snapshot->account != NULL ? seats_account_get_currency (snapshot->account) : NULL;
}

static void
copy_store (GListStore *to,
            GListStore *from)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (from)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (from), i);

      g_list_store_append (to, item);
    }
}

/**
 * seats_snapshot_copy:
 * @to: an empty account, from seats_snapshot_init()
 * @from: an account as it is known
 *
 * Makes @to hold what @from holds: the same objects, which are not changed
 * in place but replaced, and the delta cursor; not the tags of the parts.
 */
void
seats_snapshot_copy (SeatsSnapshot       *to,
                     const SeatsSnapshot *from)
{
  g_return_if_fail (to != NULL);
  g_return_if_fail (from != NULL);

  g_set_object (&to->account, from->account);
  g_set_object (&to->subscription, from->subscription);
  g_set_object (&to->billing_details, from->billing_details);
  g_set_object (&to->pending_license, from->pending_license);
  copy_store (to->products, from->products);
  copy_store (to->orders, from->orders);
  copy_store (to->invoices, from->invoices);
  copy_store (to->actions, from->actions);
  copy_store (to->features, from->features);
  copy_store (to->history, from->history);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (from->users)); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (G_LIST_MODEL (from->users), i);

      seats_user_list_append (to->users, user);
    }
  to->sync.delta_cursor = from->sync.delta_cursor;
}

/**
 * seats_snapshot_terms_kept_here:
 * @snapshot: an account as it is known
 *
 * Whether the subscription's terms are kept on this computer: always for a
 * subscription kept by hand, and for an account whose service gives only
 * users (SCIM) once the administrator entered them.
 *
 * Returns: %TRUE if the terms are kept here
 */
gboolean
seats_snapshot_terms_kept_here (const SeatsSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, FALSE);

  if (snapshot->account == NULL)
    return FALSE;

  switch (seats_account_get_source (snapshot->account))
    {
    case SEATS_ACCOUNT_SOURCE_MANUAL:
      return TRUE;

    case SEATS_ACCOUNT_SOURCE_SCIM:
      return snapshot->subscription != NULL &&
             seats_products_find_user_seats (G_LIST_MODEL (snapshot->products)) != NULL;

    case SEATS_ACCOUNT_SOURCE_LICENSE_SERVER:
    default:
      return FALSE;
    }
}
