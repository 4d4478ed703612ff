/* sync-test-helper.c: the sync engine and its source, as tests drive them
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "seats-test.h"
#include "sync-test-helper.h"

/**
 * sync_test_open_engine:
 * @uri: a license server's address
 * @token: (nullable): a token of one of its organizations
 * @db_path: where the local copy is
 * @flags: how the local copy is read
 *
 * Returns: (transfer full): an engine with its local copy loaded
 */
SeatsSyncEngine *
sync_test_open_engine (const char         *uri,
                       const char         *token,
                       const char         *db_path,
                       SeatsSyncLoadFlags  flags)
{
  g_autoptr(SeatsClient) client = NULL;
  g_autoptr(SeatsSource) source = NULL;
  g_autoptr(SeatsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  SeatsSyncEngine *engine;

  client = seats_client_new (uri, token, &error);
  g_assert_no_error (error);
  store = seats_store_new (db_path, &error);
  g_assert_no_error (error);

  source = seats_license_server_source_new (client);
  engine = seats_sync_engine_new (source, store);
  seats_sync_engine_load (engine, flags, &error);
  g_assert_no_error (error);

  return engine;
}

/* The client of an engine's license server, for faults and headers. */
SeatsClient *
sync_test_client (SeatsSyncEngine *engine)
{
  SeatsSource *source = seats_sync_engine_get_source (engine);

  g_assert_true (SEATS_IS_LICENSE_SERVER_SOURCE (source));

  return seats_license_server_source_get_client (SEATS_LICENSE_SERVER_SOURCE (source));
}

/**
 * sync_test_check:
 * @change: (transfer full): a change
 *
 * What a dialog does before it sends: whether the change can be sent
 * now, and the rules' answer.
 *
 * Returns: (transfer full) (nullable): the change to submit
 */
SeatsChange *
sync_test_check (SeatsSyncEngine  *engine,
                 SeatsChange      *change,
                 GError          **error)
{
  g_autoptr(SeatsChange) owned = change;

  if (!seats_sync_engine_can_change (engine, seats_change_get_kind (change), error))
    return NULL;

  return seats_sync_engine_check (engine, owned, NULL, error);
}

/* A license file as the window loads one: checked first, then a change. */
SeatsChange *
sync_test_check_import (SeatsSyncEngine  *engine,
                        const char       *license_file,
                        GError          **error)
{
  g_autoptr(SeatsPendingLicense) license = NULL;
  g_autoptr(SeatsChange) import = NULL;

  if (!seats_sync_engine_can_change (engine, SEATS_CHANGE_IMPORT_LICENSE, error))
    return NULL;

  license = seats_sync_engine_check_license_file (engine, license_file, strlen (license_file), error);
  if (license == NULL)
    return NULL;

  import = seats_change_new_import_license (license_file);

  return seats_sync_engine_check (engine, import, NULL, error);
}

/* The price of buying now, as the Buy dialog shows it. */
gboolean
sync_test_quote (SeatsSyncEngine     *engine,
                 const char          *product_id,
                 guint                quantity,
                 SeatsPurchaseQuote  *quote,
                 GError             **error)
{
  g_autoptr(SeatsChange) buy = seats_change_new_buy (product_id, quantity);
  g_autoptr(SeatsChange) checked = NULL;
  SeatsChangeOutcome outcome;

  checked = seats_sync_engine_check (engine, buy, &outcome, error);
  if (checked != NULL)
    *quote = outcome.quote;

  return checked != NULL;
}

/* Sends a change and waits for the answer in the models. */
gboolean
sync_test_submit (SeatsSyncEngine  *engine,
                  SeatsChange      *change,
                  GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  seats_sync_engine_submit_async (engine, change, NULL, seats_test_done_cb, &result);

  return seats_sync_engine_submit_finish (engine, seats_test_wait_for (&result), NULL, error);
}
