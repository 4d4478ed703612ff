/* seats-store-schema.c: the tables of the local copy and how they grew
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-store"

#include "config.h"

#include "seats-store-private.h"

/*
 * Each step takes the database from the version before it to its own
 * version, in its own transaction together with the new user_version, so
 * a crash in the middle of a migration leaves the older, complete schema.
 * Steps are only ever appended: a shipped step is never edited, because
 * databases out there were made by it. tests/data/ keeps a database of each
 * older version to check that they still migrate.
 *
 * Dates are Julian day numbers and moments Unix seconds, as in the domain
 * types; enumerations are their stable names; booleans 0 or 1. The lists
 * are kept in the order the server sent them, which is rowid order since a
 * full save replaces them and a delta updates rows in place.
 */
typedef struct
{
  int         version;
  const char *sql;
} MigrationStep;

static const MigrationStep migrations[] = {
  /* 1: the state of an account and the outbox. */
  { 1,
    "CREATE TABLE account ("
    "  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),"
    "  id TEXT NOT NULL, slug TEXT, name TEXT, role TEXT NOT NULL,"
    "  is_trial INTEGER NOT NULL, trial_end INTEGER NOT NULL,"
    "  serial_number TEXT, license_owner TEXT, shop_url TEXT, currency TEXT,"
    "  vendor_public_key TEXT);"
    "CREATE TABLE policy ("
    "  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),"
    "  seat_floor TEXT NOT NULL, grace_days INTEGER NOT NULL,"
    "  min_seats INTEGER NOT NULL, activation TEXT NOT NULL,"
    "  reseller_name TEXT, reseller_url TEXT);"
    "CREATE TABLE subscription ("
    "  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),"
    "  period_start INTEGER NOT NULL, period_end INTEGER NOT NULL,"
    "  period_months INTEGER NOT NULL, edition TEXT,"
    "  storage_used INTEGER NOT NULL, storage_included INTEGER NOT NULL,"
    "  monthly_price INTEGER NOT NULL, total_price INTEGER NOT NULL, currency TEXT);"
    "CREATE TABLE billing_details ("
    "  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),"
    "  company_name TEXT, vat_number TEXT, contact_user_id TEXT, contact_email TEXT,"
    "  street TEXT, postal_code TEXT, city TEXT, country TEXT,"
    "  e_invoicing INTEGER NOT NULL, e_invoice_address TEXT, operator_code TEXT);"
    "CREATE TABLE products ("
    "  id TEXT NOT NULL PRIMARY KEY, name TEXT, kind TEXT NOT NULL,"
    "  purchased INTEGER NOT NULL, in_use INTEGER NOT NULL, next_period INTEGER NOT NULL,"
    "  price INTEGER NOT NULL, currency TEXT, enabled INTEGER NOT NULL);"
    "CREATE TABLE users ("
    "  id TEXT NOT NULL PRIMARY KEY, user_name TEXT, display_name TEXT, email TEXT,"
    "  active INTEGER NOT NULL, start_date INTEGER NOT NULL, end_date INTEGER NOT NULL,"
    "  created INTEGER NOT NULL, modified INTEGER NOT NULL,"
    "  modules TEXT, grace_deadline INTEGER NOT NULL);"
    "CREATE TABLE orders ("
    "  id TEXT NOT NULL PRIMARY KEY, created INTEGER NOT NULL, product_id TEXT,"
    "  quantity INTEGER NOT NULL, amount INTEGER NOT NULL, currency TEXT,"
    "  period_start INTEGER NOT NULL, period_end INTEGER NOT NULL, idempotency_key TEXT);"
    "CREATE TABLE invoices ("
    "  id TEXT NOT NULL PRIMARY KEY, number TEXT, issued INTEGER NOT NULL, due INTEGER NOT NULL,"
    "  amount INTEGER NOT NULL, currency TEXT, status TEXT);"
    "CREATE TABLE action_log ("
    "  id TEXT NOT NULL PRIMARY KEY, timestamp INTEGER NOT NULL, actor TEXT, action TEXT,"
    "  subject TEXT, before TEXT, after TEXT);"
    "CREATE TABLE features ("
    "  id TEXT NOT NULL PRIMARY KEY, name TEXT, description TEXT, enabled INTEGER NOT NULL);"
    "CREATE TABLE pending_license ("
    "  id TEXT NOT NULL PRIMARY KEY, issued INTEGER NOT NULL, expiry INTEGER NOT NULL);"
    "CREATE TABLE license_changes ("
    "  license_id TEXT NOT NULL REFERENCES pending_license (id) ON DELETE CASCADE,"
    "  product_id TEXT NOT NULL, product_name TEXT,"
    "  current_count INTEGER NOT NULL, new_count INTEGER NOT NULL, in_use INTEGER NOT NULL);"
    "CREATE TABLE outbox ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  kind TEXT NOT NULL, payload TEXT NOT NULL,"
    "  idempotency_key TEXT NOT NULL UNIQUE,"
    "  state TEXT NOT NULL DEFAULT 'pending'"
    "    CHECK (state IN ('pending', 'sent', 'done', 'failed')),"
    "  attempts INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL, last_error TEXT);" },

  /* 2: where the sync left off, so that an unchanged account re-syncs in
   * one small request; and an index so that listing what waits in the
   * outbox does not read the changes long done. */
  { 2,
    "CREATE TABLE sync_state ("
    "  key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
    "CREATE TABLE etags ("
    "  resource TEXT PRIMARY KEY, etag TEXT NOT NULL);"
    "CREATE INDEX outbox_by_state ON outbox (state, id);" },

  /* 3: what the interface shows beyond version 2: the organization's own
   * source system, the kind and fee of features and integrations, invoice
   * descriptions, who ordered which product, the SCIM version of each user
   * (for If-Match), and the seat history by month. The defaults are what a
   * row of version 2 means: a feature without a fee, a user whose version
   * is not known yet. */
  { 3,
    "ALTER TABLE account ADD COLUMN upstream_system TEXT;"
    "ALTER TABLE features ADD COLUMN kind TEXT NOT NULL DEFAULT 'feature';"
    "ALTER TABLE features ADD COLUMN monthly_fee INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE features ADD COLUMN currency TEXT;"
    "ALTER TABLE invoices ADD COLUMN description TEXT;"
    "ALTER TABLE orders ADD COLUMN product_name TEXT;"
    "ALTER TABLE orders ADD COLUMN actor TEXT;"
    "ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 0;"
    "CREATE TABLE seat_history ("
    "  month INTEGER PRIMARY KEY, purchased INTEGER NOT NULL, used INTEGER NOT NULL);" },

  /* 4: the organization's time zone, in which its days begin; a copy of
   * version 3 has none and is reckoned in the local zone until it syncs. */
  { 4,
    "ALTER TABLE account ADD COLUMN time_zone TEXT;" },

  /* 5: a user's version is the source's opaque text (RFC 7644 3.14), no
   * longer the number of a W/"n"; those of version 4 are written back as
   * they came. */
  { 5,
    "ALTER TABLE users ADD COLUMN etag TEXT;"
    "UPDATE users SET etag = 'W/\"' || version || '\"' WHERE version > 0;"
    "ALTER TABLE users DROP COLUMN version;" },

  /* 6: what the account's data comes from; every copy before it is of a
   * license server. */
  { 6,
    "ALTER TABLE account ADD COLUMN source TEXT NOT NULL DEFAULT 'license_server';" },

  /* 7: how many days before the period turns its next count must be set,
   * for a subscription whose terms are kept by hand; 0 where the source
   * decides at the turn itself. */
  { 7,
    "ALTER TABLE subscription ADD COLUMN notice_days INTEGER NOT NULL DEFAULT 0;" },

  /* 8: the first day of the first period of terms kept by hand, which the
   * later periods are counted from; 0 where the source decides them. */
  { 8,
    "ALTER TABLE subscription ADD COLUMN anchor INTEGER NOT NULL DEFAULT 0;" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SEATS_STORE_SCHEMA_VERSION);

gboolean
seats_store_schema_read_version (sqlite3  *db,
                                 int      *version,
                                 GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *version = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    return seats_store_set_error (error, db, rc, SEATS_STORE_OP_OPEN);

  return TRUE;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return seats_store_set_error (error, db, rc, SEATS_STORE_OP_OPEN);

  return TRUE;
}

static gboolean
apply_step (sqlite3              *db,
            const MigrationStep  *step,
            GError              **error)
{
  g_autofree char *set_version = NULL;
  int version;

  /* IMMEDIATE, and the version read again inside the transaction: a
   * second process opening the same file migrates it only once. */
  if (!exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!seats_store_schema_read_version (db, &version, error))
    goto failed;

  if (version >= step->version)
    return exec (db, "COMMIT", error);

  /* PRAGMA takes no parameters; the number is ours, not data. */
  set_version = g_strdup_printf ("PRAGMA user_version = %d", step->version);
  if (!exec (db, step->sql, error) ||
      !exec (db, set_version, error) ||
      !exec (db, "COMMIT", error))
    goto failed;

  g_debug ("Migrated the local copy to version %d", step->version);
  return TRUE;

failed:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Brings the schema up to SEATS_STORE_SCHEMA_VERSION. The caller has
 * already refused a database newer than that. */
gboolean
seats_store_schema_migrate (sqlite3  *db,
                            GError  **error)
{
  int version;

  if (!seats_store_schema_read_version (db, &version, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      if (migrations[i].version <= version)
        continue;
      if (!apply_step (db, &migrations[i], error))
        return FALSE;
    }

  return TRUE;
}
