/* seats-server-db.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-server"

#include "config.h"

#include <glib/gi18n.h>

#include <gnutls/crypto.h>
#include <string.h>

#include "seats-license.h"
#include "seats-server-private.h"

/* The server's own database: every organization in one file. Dates are
 * Julian day numbers (0 for none), instants milliseconds since the epoch,
 * so that comparisons are integer comparisons in SQL. */
static const char schema_sql[] =
  "PRAGMA foreign_keys = ON;"
  "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS orgs ("
  "  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, slug TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL, currency TEXT NOT NULL, country TEXT NOT NULL,"
  "  time_zone TEXT NOT NULL DEFAULT 'UTC',"
  "  seat_floor TEXT NOT NULL, activation TEXT NOT NULL, min_seats INTEGER NOT NULL,"
  "  grace_days INTEGER NOT NULL, reseller_name TEXT, reseller_url TEXT,"
  "  trial_end INTEGER NOT NULL DEFAULT 0, serial_number TEXT, license_owner TEXT,"
  "  shop_url TEXT, upstream_system TEXT NOT NULL, edition TEXT NOT NULL,"
  "  storage_used INTEGER NOT NULL, storage_included INTEGER NOT NULL,"
  "  period_start INTEGER NOT NULL, period_months INTEGER NOT NULL,"
  "  revision INTEGER NOT NULL DEFAULT 1,"
  "  company_name TEXT NOT NULL, vat_number TEXT NOT NULL, contact_user_id TEXT,"
  "  contact_email TEXT, street TEXT, postal_code TEXT, city TEXT, billing_country TEXT,"
  "  einvoice_enabled INTEGER NOT NULL DEFAULT 0, einvoice_address TEXT,"
  "  einvoice_operator TEXT, billing_version INTEGER NOT NULL DEFAULT 1, paid_edition TEXT);"
  "CREATE TABLE IF NOT EXISTS tokens ("
  "  hash TEXT PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES orgs (id),"
  "  role TEXT NOT NULL, label TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS products ("
  "  org_id INTEGER NOT NULL REFERENCES orgs (id), id TEXT NOT NULL, sort INTEGER NOT NULL,"
  "  name TEXT NOT NULL, kind TEXT NOT NULL, purchased INTEGER NOT NULL,"
  "  next_period INTEGER NOT NULL, price INTEGER NOT NULL, enabled INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1, paid_price INTEGER, PRIMARY KEY (org_id, id));"
  "CREATE TABLE IF NOT EXISTS users ("
  "  org_id INTEGER NOT NULL REFERENCES orgs (id), id TEXT NOT NULL, seq INTEGER NOT NULL,"
  "  user_name TEXT NOT NULL, given_name TEXT NOT NULL, family_name TEXT NOT NULL,"
  "  email TEXT NOT NULL, active INTEGER NOT NULL, start_date INTEGER NOT NULL DEFAULT 0,"
  "  end_date INTEGER NOT NULL DEFAULT 0, grace_deadline INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL, modified INTEGER NOT NULL, version INTEGER NOT NULL DEFAULT 1,"
  "  modules TEXT NOT NULL DEFAULT '', PRIMARY KEY (org_id, id));"
  "CREATE UNIQUE INDEX IF NOT EXISTS users_seq ON users (org_id, seq);"
  "CREATE INDEX IF NOT EXISTS users_modified ON users (org_id, modified);"
  /* Every activation and deactivation counts the users who hold a license
   * (R1) and lifts grace deadlines (R5), a Bulk a thousand times over: the
   * active users of each organization are counted as they change, so that
   * only those whose end date has passed are counted on the index, and
   * deadlines are found on theirs, not on every user. */
  "CREATE INDEX IF NOT EXISTS users_counted ON users (org_id, active, end_date);"
  "CREATE INDEX IF NOT EXISTS users_graced ON users (org_id) WHERE grace_deadline != 0;"
  "CREATE TABLE IF NOT EXISTS active_users ("
  "  org_id INTEGER PRIMARY KEY, n INTEGER NOT NULL);"
  "CREATE TRIGGER IF NOT EXISTS users_active_added AFTER INSERT ON users WHEN NEW.active = 1 BEGIN"
  "  INSERT INTO active_users (org_id, n) VALUES (NEW.org_id, 1)"
  "    ON CONFLICT (org_id) DO UPDATE SET n = n + 1;"
  "END;"
  "CREATE TRIGGER IF NOT EXISTS users_active_removed AFTER DELETE ON users"
  "  WHEN OLD.active = 1 BEGIN"
  "  UPDATE active_users SET n = n - 1 WHERE org_id = OLD.org_id;"
  "END;"
  "CREATE TRIGGER IF NOT EXISTS users_active_changed AFTER UPDATE OF active ON users"
  "  WHEN (OLD.active = 1) != (NEW.active = 1) BEGIN"
  "  INSERT INTO active_users (org_id, n) VALUES (NEW.org_id, 0) ON CONFLICT (org_id) DO NOTHING;"
  "  UPDATE active_users SET n = n + (CASE WHEN NEW.active = 1 THEN 1 ELSE -1 END)"
  "    WHERE org_id = NEW.org_id;"
  "END;"
  "CREATE TABLE IF NOT EXISTS assignments ("
  "  org_id INTEGER NOT NULL, product_id TEXT NOT NULL, user_id TEXT NOT NULL,"
  "  PRIMARY KEY (org_id, product_id, user_id));"
  "CREATE TABLE IF NOT EXISTS deletions ("
  "  org_id INTEGER NOT NULL, user_id TEXT NOT NULL, deleted INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS deletions_time ON deletions (org_id, deleted);"
  "CREATE TABLE IF NOT EXISTS features ("
  "  org_id INTEGER NOT NULL REFERENCES orgs (id), id TEXT NOT NULL, sort INTEGER NOT NULL,"
  "  name TEXT NOT NULL, description TEXT NOT NULL, enabled INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (org_id, id));"
  "CREATE TABLE IF NOT EXISTS orders ("
  "  org_id INTEGER NOT NULL, id TEXT NOT NULL, created INTEGER NOT NULL,"
  "  product_id TEXT NOT NULL, product_name TEXT NOT NULL, quantity INTEGER NOT NULL,"
  "  amount INTEGER NOT NULL, currency TEXT NOT NULL, period_start INTEGER NOT NULL,"
  "  period_months INTEGER NOT NULL, purchased INTEGER NOT NULL,"
  "  next_period INTEGER NOT NULL, actor TEXT NOT NULL, PRIMARY KEY (org_id, id));"
  "CREATE TABLE IF NOT EXISTS invoices ("
  "  org_id INTEGER NOT NULL, id TEXT NOT NULL, number TEXT NOT NULL,"
  "  issued INTEGER NOT NULL, due INTEGER NOT NULL, amount INTEGER NOT NULL,"
  "  currency TEXT NOT NULL, status TEXT NOT NULL, description TEXT NOT NULL,"
  "  PRIMARY KEY (org_id, id));"
  "CREATE TABLE IF NOT EXISTS actions ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT, org_id INTEGER NOT NULL,"
  "  timestamp INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,"
  "  subject TEXT NOT NULL, before TEXT, after TEXT);"
  "CREATE INDEX IF NOT EXISTS actions_org ON actions (org_id, seq);"
  "CREATE TABLE IF NOT EXISTS history ("
  "  org_id INTEGER NOT NULL, month TEXT NOT NULL, purchased INTEGER NOT NULL,"
  "  used INTEGER NOT NULL, PRIMARY KEY (org_id, month));"
  "CREATE TABLE IF NOT EXISTS pending ("
  "  org_id INTEGER PRIMARY KEY, id TEXT NOT NULL, issued INTEGER NOT NULL,"
  "  expires INTEGER NOT NULL, source TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1);"
  "CREATE TABLE IF NOT EXISTS pending_lines ("
  "  org_id INTEGER NOT NULL, product_id TEXT NOT NULL, new_count INTEGER NOT NULL,"
  "  PRIMARY KEY (org_id, product_id));"
  "CREATE TABLE IF NOT EXISTS idempotency ("
  "  org_id INTEGER NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,"
  "  status INTEGER NOT NULL, body BLOB NOT NULL, created INTEGER NOT NULL,"
  "  PRIMARY KEY (org_id, key));";

static void
set_db_error (SeatsServer  *self,
              GError      **error)
{
  g_set_error (error, SEATS_SERVER_ERROR, SEATS_SERVER_ERROR_INTERNAL,
               "Database: %s", sqlite3_errmsg (self->db));
}

/* Adds @column to @table where a database made before it lacks it. */
static gboolean
add_column (SeatsServer  *self,
            const char   *table,
            const char   *column,
            const char   *definition,
            GError      **error)
{
  g_autofree char *alter = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (self->db, "SELECT 1 FROM pragma_table_info (?1) WHERE name = ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (self, error);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, column, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  if (found)
    return TRUE;

  alter = g_strdup_printf ("ALTER TABLE %s ADD COLUMN %s %s", table, column, definition);
  return seats_server_db_exec (self, alter, error);
}

/* SCIM's userName is not case-exact (RFC 7643 4.1.1), and user names
 * are not only ASCII, which is all that SQLite's NOCASE folds. */
static int
fold_collate_cb (void       *user_data,
                 int         length_a,
                 const void *a,
                 int         length_b,
                 const void *b)
{
  g_autofree char *folded_a = g_utf8_casefold (a, length_a);
  g_autofree char *folded_b = g_utf8_casefold (b, length_b);

  return strcmp (folded_a, folded_b);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

gboolean
seats_server_db_open (SeatsServer  *self,
                      GError      **error)
{
  g_autofree char *secret = NULL;
  g_autofree char *public = NULL;

  g_assert (self->db == NULL);

  if (sqlite3_open_v2 (self->db_path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, SEATS_SERVER_ERROR, SEATS_SERVER_ERROR_INTERNAL,
                   "Cannot open the database %s: %s", self->db_path,
                   self->db ? sqlite3_errmsg (self->db) : "out of memory");
      return FALSE;
    }

  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);

  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_create_collation_v2 (self->db, "SEATS_FOLD", SQLITE_UTF8, NULL, fold_collate_cb, NULL);
  if (!seats_server_db_exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", error) ||
      !seats_server_db_exec (self, schema_sql, error) ||
      /* Organizations made before they had a time zone: their days were
       * reckoned in UTC, and stay so until the vendor sets another. */
      !add_column (self, "orgs", "time_zone", "TEXT NOT NULL DEFAULT 'UTC'", error) ||
      /* What a trial becomes once registered (R18). */
      !add_column (self, "orgs", "paid_edition", "TEXT", error) ||
      !add_column (self, "products", "paid_price", "INTEGER", error) ||
      /* The ETag of a kept answer, replayed with it. */
      !add_column (self, "idempotency", "etag", "TEXT", error) ||
      /* Counted once as the server opens, in case the database was changed
       * by a server from before the triggers; they keep it from then on. */
      !seats_server_db_exec (self,
                             "DELETE FROM active_users;"
                             "INSERT INTO active_users (org_id, n) "
                             "  SELECT org_id, count(*) FROM users WHERE active = 1 "
                             "  GROUP BY org_id;",
                             error))
    return FALSE;

  /* The vendor's signing key, made once per database. */
  self->secret_key = seats_server_db_get_meta (self, "secret_key");
  self->public_key = seats_server_db_get_meta (self, "public_key");
  if (self->secret_key == NULL || self->public_key == NULL)
    {
      g_clear_pointer (&self->secret_key, g_free);
      g_clear_pointer (&self->public_key, g_free);
      if (!seats_license_generate_key (&secret, &public, error) ||
          !seats_server_db_set_meta (self, "secret_key", secret, error) ||
          !seats_server_db_set_meta (self, "public_key", public, error))
        return FALSE;
      self->secret_key = g_steal_pointer (&secret);
      self->public_key = g_steal_pointer (&public);
    }

  return TRUE;
}

void
seats_server_db_close (SeatsServer *self)
{
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);
}

/* Statements are prepared once and kept: the SQL text is a string literal,
 * so its address is its key. */
sqlite3_stmt *
seats_server_db_prepare (SeatsServer *self,
                         const char  *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        g_error ("Cannot prepare %s: %s", sql, sqlite3_errmsg (self->db));
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  return stmt;
}

gboolean
seats_server_db_step_done (SeatsServer   *self,
                           sqlite3_stmt  *stmt,
                           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_db_error (self, error);
      return FALSE;
    }

  return TRUE;
}

gboolean
seats_server_db_exec (SeatsServer  *self,
                      const char   *sql,
                      GError      **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, SEATS_SERVER_ERROR, SEATS_SERVER_ERROR_INTERNAL,
                   "Database: %s", message ? message : "unknown error");
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

gboolean
seats_server_db_begin (SeatsServer  *self,
                       GError      **error)
{
  return seats_server_db_step_done (self, seats_server_db_prepare (self, "BEGIN IMMEDIATE"), error);
}

gboolean
seats_server_db_commit (SeatsServer  *self,
                        GError      **error)
{
  return seats_server_db_step_done (self, seats_server_db_prepare (self, "COMMIT"), error);
}

void
seats_server_db_rollback (SeatsServer *self)
{
  if (!sqlite3_get_autocommit (self->db))
    seats_server_db_step_done (self, seats_server_db_prepare (self, "ROLLBACK"), NULL);
}

/* A change within the transaction that can be undone on its own: an
 * operation of a Bulk that fails leaves the others (RFC 7644 3.7.3). */
gboolean
seats_server_db_savepoint (SeatsServer  *self,
                           GError      **error)
{
  return seats_server_db_step_done (self, seats_server_db_prepare (self, "SAVEPOINT change"),
                                    error);
}

gboolean
seats_server_db_release (SeatsServer  *self,
                         GError      **error)
{
  return seats_server_db_step_done (self, seats_server_db_prepare (self, "RELEASE change"), error);
}

void
seats_server_db_rollback_savepoint (SeatsServer *self)
{
  seats_server_db_step_done (self, seats_server_db_prepare (self, "ROLLBACK TO change"), NULL);
  seats_server_db_step_done (self, seats_server_db_prepare (self, "RELEASE change"), NULL);
}

void
seats_server_db_bind_text (sqlite3_stmt *stmt,
                           int           index,
                           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
seats_server_db_column_text (sqlite3_stmt *stmt,
                             int           index)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

char *
seats_server_db_get_meta (SeatsServer *self,
                          const char  *key)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self, "SELECT value FROM meta WHERE key = ?");
  char *value = NULL;

  seats_server_db_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = seats_server_db_column_text (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

gboolean
seats_server_db_set_meta (SeatsServer  *self,
                          const char   *key,
                          const char   *value,
                          GError      **error)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self,
    "INSERT INTO meta (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value");

  seats_server_db_bind_text (stmt, 1, key);
  seats_server_db_bind_text (stmt, 2, value);
  return seats_server_db_step_done (self, stmt, error);
}

void
seats_org_free (SeatsOrg *org)
{
  if (org == NULL)
    return;

  g_free (org->uuid);
  g_free (org->slug);
  g_free (org->name);
  g_free (org->currency);
  g_free (org->country);
  g_free (org->reseller_name);
  g_free (org->reseller_url);
  g_free (org->serial_number);
  g_free (org->license_owner);
  g_free (org->shop_url);
  g_free (org->upstream_system);
  g_free (org->edition);
  g_free (org->time_zone);
  g_clear_pointer (&org->zone, g_time_zone_unref);
  g_free (org);
}

/**
 * seats_server_db_keep_answer:
 * @request_hash: what the request asked, so that the key cannot be used
 *   for another
 * @etag: (nullable): the answer's ETag
 *
 * Keeps an answer with its Idempotency-Key, in the transaction of the
 * change it answers: a retry after a lost answer gets this one, and the
 * change is never made twice. Kept for %SEATS_SERVER_IDEMPOTENCY_HOURS.
 */
gboolean
seats_server_db_keep_answer (SeatsServer  *self,
                             gint64        org_id,
                             const char   *key,
                             const char   *request_hash,
                             guint         status,
                             GBytes       *answer,
                             const char   *etag,
                             GError      **error)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self,
    "INSERT INTO idempotency (org_id, key, request_hash, status, body, created, etag) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)");

  sqlite3_bind_int64 (stmt, 1, org_id);
  seats_server_db_bind_text (stmt, 2, key);
  seats_server_db_bind_text (stmt, 3, request_hash);
  sqlite3_bind_int (stmt, 4, status);
  sqlite3_bind_blob (stmt, 5, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer),
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, seats_server_now_ms (self));
  seats_server_db_bind_text (stmt, 7, etag);

  return seats_server_db_step_done (self, stmt, error);
}

/* A person gone from the organization's own system (R16): removed, with
 * the deletion kept for deltas and the action log. */
gboolean
seats_server_db_remove_user (SeatsServer  *self,
                             gint64        org_id,
                             const char   *id,
                             GError      **error)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self, "DELETE FROM users WHERE org_id = ? AND id = ?");

  sqlite3_bind_int64 (stmt, 1, org_id);
  seats_server_db_bind_text (stmt, 2, id);
  if (!seats_server_db_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, SEATS_SERVER_ERROR, SEATS_SERVER_ERROR_NOT_FOUND, _("There is no such user."));
      return FALSE;
    }

  stmt = seats_server_db_prepare (self, "DELETE FROM assignments WHERE org_id = ? AND user_id = ?");
  sqlite3_bind_int64 (stmt, 1, org_id);
  seats_server_db_bind_text (stmt, 2, id);
  if (!seats_server_db_step_done (self, stmt, error))
    return FALSE;

  stmt = seats_server_db_prepare (self, "INSERT INTO deletions (org_id, user_id, deleted) VALUES (?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, org_id);
  seats_server_db_bind_text (stmt, 2, id);
  sqlite3_bind_int64 (stmt, 3, seats_server_now_ms (self));

  return seats_server_db_step_done (self, stmt, error) &&
         seats_server_db_log_action (self, org_id, "upstream", "user-removed", id, NULL, NULL, error);
}

SeatsOrg *
seats_server_db_load_org (SeatsServer *self,
                          gint64       org_id)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self,
    "SELECT uuid, slug, name, currency, country, seat_floor, activation, min_seats, "
    "grace_days, reseller_name, reseller_url, trial_end, serial_number, license_owner, "
    "shop_url, upstream_system, edition, storage_used, storage_included, period_start, "
    "period_months, revision, time_zone FROM orgs WHERE id = ?");
  SeatsOrg *org;

  sqlite3_bind_int64 (stmt, 1, org_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return NULL;
    }

  org = g_new0 (SeatsOrg, 1);
  org->id = org_id;
  org->uuid = seats_server_db_column_text (stmt, 0);
  org->slug = seats_server_db_column_text (stmt, 1);
  org->name = seats_server_db_column_text (stmt, 2);
  org->currency = seats_server_db_column_text (stmt, 3);
  org->country = seats_server_db_column_text (stmt, 4);
  seats_rule_policy_init (&org->policy);
  seats_seat_floor_from_string ((const char *) sqlite3_column_text (stmt, 5), &org->policy.seat_floor);
  seats_activation_from_string ((const char *) sqlite3_column_text (stmt, 6), &org->policy.activation);
  org->policy.min_seats = sqlite3_column_int (stmt, 7);
  org->policy.grace_days = sqlite3_column_int (stmt, 8);
  org->reseller_name = seats_server_db_column_text (stmt, 9);
  org->reseller_url = seats_server_db_column_text (stmt, 10);
  org->trial_end = sqlite3_column_int (stmt, 11);
  org->serial_number = seats_server_db_column_text (stmt, 12);
  org->license_owner = seats_server_db_column_text (stmt, 13);
  org->shop_url = seats_server_db_column_text (stmt, 14);
  org->upstream_system = seats_server_db_column_text (stmt, 15);
  org->edition = seats_server_db_column_text (stmt, 16);
  org->storage_used = sqlite3_column_int64 (stmt, 17);
  org->storage_included = sqlite3_column_int64 (stmt, 18);
  org->period_start = sqlite3_column_int (stmt, 19);
  org->period_months = sqlite3_column_int (stmt, 20);
  org->revision = sqlite3_column_int64 (stmt, 21);
  org->time_zone = seats_server_db_column_text (stmt, 22);
  sqlite3_reset (stmt);

  /* A zone this system does not know is reckoned in UTC. */
  org->zone = seats_time_zone_new_for_id (org->time_zone);
  if (org->zone == NULL)
    org->zone = g_time_zone_new_utc ();

  return org;
}

gint64
seats_server_db_find_org (SeatsServer *self,
                          const char  *slug)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self, "SELECT id FROM orgs WHERE slug = ?");
  gint64 id = 0;

  seats_server_db_bind_text (stmt, 1, slug);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return id;
}

gboolean
seats_server_db_bump_revision (SeatsServer  *self,
                               gint64        org_id,
                               GError      **error)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self,
    "UPDATE orgs SET revision = revision + 1 WHERE id = ?");

  sqlite3_bind_int64 (stmt, 1, org_id);
  return seats_server_db_step_done (self, stmt, error);
}

void
seats_server_product_free (SeatsServerProduct *product)
{
  if (product == NULL)
    return;

  g_free (product->id);
  g_free (product->name);
  g_free (product);
}

static guint
count_assignments (SeatsServer *self,
                   gint64       org_id,
                   const char  *product_id)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self,
    "SELECT count(*) FROM assignments WHERE org_id = ? AND product_id = ?");
  guint n = 0;

  sqlite3_bind_int64 (stmt, 1, org_id);
  seats_server_db_bind_text (stmt, 2, product_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

/* The products of @org, or the one of id @only, or those of @kind. */
static GPtrArray *
load_products (SeatsServer *self,
               SeatsOrg    *org,
               const char  *only,
               const char  *kind,
               const GDate *today)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self,
    "SELECT id, name, kind, purchased, next_period, price, enabled, version "
    "FROM products WHERE org_id = ?1 AND (?2 IS NULL OR id = ?2) AND (?3 IS NULL OR kind = ?3) "
    "ORDER BY sort");
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) seats_server_product_free);
  guint counted = 0;
  gboolean counted_known = FALSE;

  sqlite3_bind_int64 (stmt, 1, org->id);
  seats_server_db_bind_text (stmt, 2, only);
  seats_server_db_bind_text (stmt, 3, kind);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      SeatsServerProduct *product = g_new0 (SeatsServerProduct, 1);

      product->id = seats_server_db_column_text (stmt, 0);
      product->name = seats_server_db_column_text (stmt, 1);
      seats_product_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &product->kind);
      product->purchased = sqlite3_column_int (stmt, 3);
      product->next_period = sqlite3_column_int (stmt, 4);
      product->price = sqlite3_column_int64 (stmt, 5);
      product->enabled = sqlite3_column_int (stmt, 6);
      product->version = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (products, product);
    }
  sqlite3_reset (stmt);

  /* In use is computed, never stored: users who count (R1) for the seats,
   * assignments for modules, on or off for integrations. */
  for (guint i = 0; i < products->len; i++)
    {
      SeatsServerProduct *product = g_ptr_array_index (products, i);

      switch (product->kind)
        {
        case SEATS_PRODUCT_KIND_USER_SEATS:
          if (!counted_known)
            counted = seats_server_db_count_counted (self, org->id, today);
          counted_known = TRUE;
          product->in_use = counted;
          break;
        case SEATS_PRODUCT_KIND_MODULE:
          product->in_use = count_assignments (self, org->id, product->id);
          break;
        case SEATS_PRODUCT_KIND_INTEGRATION:
        default:
          product->in_use = product->enabled ? 1 : 0;
          break;
        }
    }

  return g_steal_pointer (&products);
}

/* The invoice of the period that starts on @period_start, due 30 days
 * later; one a period, so that issuing it again replaces it. */
gboolean
seats_server_db_add_invoice (SeatsServer  *self,
                             SeatsOrg     *org,
                             guint32       period_start,
                             gint64        amount,
                             const char   *status,
                             GError      **error)
{
  g_autofree char *start_text = seats_server_iso_date (period_start);
  g_autofree char *number = NULL;
  g_autofree char *invoice_id = NULL;
  g_autofree char *description = NULL;
  sqlite3_stmt *stmt;
  GDate start;

  seats_date_from_julian (&start, period_start);
  number = g_strdup_printf ("%s-%04u%02u", org->slug, g_date_get_year (&start), g_date_get_month (&start));
  invoice_id = g_strdup_printf ("inv-%s", number);
  description = g_strdup_printf ("Subscription from %s", start_text);

  stmt = seats_server_db_prepare (self,
    "INSERT OR REPLACE INTO invoices (org_id, id, number, issued, due, amount, currency, status, description) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, org->id);
  seats_server_db_bind_text (stmt, 2, invoice_id);
  seats_server_db_bind_text (stmt, 3, number);
  sqlite3_bind_int64 (stmt, 4, period_start);
  sqlite3_bind_int64 (stmt, 5, period_start + 30);
  sqlite3_bind_int64 (stmt, 6, amount);
  seats_server_db_bind_text (stmt, 7, org->currency);
  seats_server_db_bind_text (stmt, 8, status);
  seats_server_db_bind_text (stmt, 9, description);
  return seats_server_db_step_done (self, stmt, error);
}

/* What @products cost a month, by the rule the window shows the sum of. */
gboolean
seats_server_monthly_price (GPtrArray  *products,
                            gint64     *monthly_price,
                            GError    **error)
{
  g_autofree SeatsRulePriceLine *lines = g_new0 (SeatsRulePriceLine, MAX (products->len, 1));

  for (guint i = 0; i < products->len; i++)
    {
      SeatsServerProduct *product = g_ptr_array_index (products, i);

      lines[i].kind = product->kind;
      lines[i].purchased = product->purchased;
      lines[i].price = product->price;
      lines[i].enabled = product->enabled;
    }

  return seats_rules_monthly_price (lines, products->len, monthly_price, error);
}

GPtrArray *
seats_server_db_load_products (SeatsServer *self,
                               SeatsOrg    *org,
                               const GDate *today)
{
  return load_products (self, org, NULL, NULL, today);
}

SeatsServerProduct *
seats_server_db_load_product (SeatsServer *self,
                              SeatsOrg    *org,
                              const char  *product_id,
                              const GDate *today)
{
  g_autoptr(GPtrArray) products = load_products (self, org, product_id, NULL, today);

  if (products->len == 0)
    return NULL;

  return g_ptr_array_steal_index (products, 0);
}

/**
 * seats_server_db_load_user_seats:
 * @today: the organization's today, for who counts (R1)
 *
 * The organization's user licenses alone, with the users who count as in
 * use, for a change that needs no other product.
 *
 * Returns: (transfer full) (nullable): the product, or %NULL where the
 *   organization has none
 */
SeatsServerProduct *
seats_server_db_load_user_seats (SeatsServer *self,
                                 SeatsOrg    *org,
                                 const GDate *today)
{
  const char *kind = seats_product_kind_to_string (SEATS_PRODUCT_KIND_USER_SEATS);
  g_autoptr(GPtrArray) products = load_products (self, org, NULL, kind, today);

  if (products->len == 0)
    return NULL;

  return g_ptr_array_steal_index (products, 0);
}

/* R1 in SQL: active, and no end date or an end date not yet passed. The
 * rule function decides for one user; this is the same test for many, and
 * the tests hold the two to each other. */
guint
seats_server_db_count_counted (SeatsServer *self,
                               gint64       org_id,
                               const GDate *today)
{
  /* R1: the active users, less those whose end date has passed. */
  sqlite3_stmt *stmt = seats_server_db_prepare (self,
    "SELECT coalesce ((SELECT n FROM active_users WHERE org_id = ?1), 0) - "
    "(SELECT count(*) FROM users "
    " WHERE org_id = ?1 AND active = 1 AND end_date BETWEEN 1 AND ?2 - 1)");
  guint n = 0;

  sqlite3_bind_int64 (stmt, 1, org_id);
  sqlite3_bind_int64 (stmt, 2, g_date_get_julian (today));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

guint
seats_server_db_user_seats (SeatsServer *self,
                            gint64       org_id)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self,
    "SELECT purchased FROM products WHERE org_id = ? AND kind = 'user_seats'");
  guint n = 0;

  sqlite3_bind_int64 (stmt, 1, org_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

gboolean
seats_server_db_log_action (SeatsServer  *self,
                            gint64        org_id,
                            const char   *actor,
                            const char   *action,
                            const char   *subject,
                            const char   *before,
                            const char   *after,
                            GError      **error)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self,
    "INSERT INTO actions (org_id, timestamp, actor, action, subject, before, after) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)");

  sqlite3_bind_int64 (stmt, 1, org_id);
  sqlite3_bind_int64 (stmt, 2, seats_server_now_ms (self));
  seats_server_db_bind_text (stmt, 3, actor);
  seats_server_db_bind_text (stmt, 4, action);
  seats_server_db_bind_text (stmt, 5, subject);
  seats_server_db_bind_text (stmt, 6, before);
  seats_server_db_bind_text (stmt, 7, after);
  return seats_server_db_step_done (self, stmt, error);
}

char *
seats_server_hash_token (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

/**
 * seats_server_db_add_token:
 *
 * Makes a random token for the organization and keeps only its hash.
 *
 * Returns: (transfer full): the token, shown once
 */
char *
seats_server_db_add_token (SeatsServer  *self,
                           gint64        org_id,
                           SeatsRole     role,
                           const char   *label,
                           GError      **error)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self,
    "INSERT INTO tokens (hash, org_id, role, label) VALUES (?, ?, ?, ?)");
  guint8 random[32];
  g_autofree char *encoded = NULL;
  g_autofree char *hash = NULL;
  char *token;

  /* 256 bits from the system's cryptographic generator; GLib's own PRNG is
   * not meant for secrets. */
  if (gnutls_rnd (GNUTLS_RND_KEY, random, sizeof random) < 0)
    {
      g_set_error_literal (error, SEATS_SERVER_ERROR, SEATS_SERVER_ERROR_INTERNAL,
                           "No random numbers for a token");
      return NULL;
    }

  encoded = g_base64_encode (random, sizeof random);
  g_strdelimit (encoded, "+", '-');
  g_strdelimit (encoded, "/", '_');
  g_strdelimit (encoded, "=", '\0');
  token = g_strconcat ("seats_", encoded, NULL);
  hash = seats_server_hash_token (token);

  seats_server_db_bind_text (stmt, 1, hash);
  sqlite3_bind_int64 (stmt, 2, org_id);
  seats_server_db_bind_text (stmt, 3, seats_role_to_string (role));
  seats_server_db_bind_text (stmt, 4, label);
  if (!seats_server_db_step_done (self, stmt, error))
    {
      g_free (token);
      return NULL;
    }

  return token;
}
