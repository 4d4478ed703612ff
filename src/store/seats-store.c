/* seats-store.c: the local copy of one account, in SQLite
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-store"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "seats-store-private.h"

struct _SeatsStore
{
  GObject     parent_instance;

  char        *path;
  sqlite3     *db;
  /* SQL text (by address: the statements are static strings) -> sqlite3_stmt */
  GHashTable  *statements;
  /* The connection is used by one thread at a time: the main thread's
   * reads and the writer's transactions take turns. */
  GRecMutex    lock;
  /* One thread that writes, in the order the writes were asked for, so
   * that a save of 100,000 users never holds the main loop. */
  GThreadPool *writer;
};

static void initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SeatsStore, seats_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, initable_iface_init))

G_DEFINE_QUARK (seats-store-error-quark, seats_store_error)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Module ids of a user are kept in one column, separated by this. */
#define MODULE_SEPARATOR "\x1f"

/*
 * The small tables are saved and loaded through their GObject properties:
 * each mapping lists the properties in the order of the columns of its
 * INSERT (after @n_leading parameters the caller binds) and its SELECT.
 * Users, of which there are 100,000, have their own code below.
 */
typedef struct
{
  GType       (*get_type) (void);
  const char  *clear;
  const char  *insert;
  const char  *select;
  guint        n_leading;
  const char  *properties[16];
} RowMapping;

static const RowMapping policy_mapping = {
  seats_policy_get_type,
  "DELETE FROM policy",
  "INSERT INTO policy (singleton, seat_floor, grace_days, min_seats, activation,"
  " reseller_name, reseller_url) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
  "SELECT seat_floor, grace_days, min_seats, activation, reseller_name, reseller_url"
  " FROM policy",
  0,
  { "seat-floor", "grace-days", "min-seats", "activation", "reseller-name",
    "reseller-url", NULL },
};

static const RowMapping account_mapping = {
  seats_account_get_type,
  "DELETE FROM account",
  "INSERT INTO account (singleton, id, slug, name, role, is_trial, trial_end,"
  " serial_number, license_owner, shop_url, currency, vendor_public_key, upstream_system,"
  " time_zone, source) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
  "SELECT id, slug, name, role, is_trial, trial_end, serial_number, license_owner,"
  " shop_url, currency, vendor_public_key, upstream_system, time_zone, source FROM account",
  0,
  { "id", "slug", "name", "role", "is-trial", "trial-end", "serial-number",
    "license-owner", "shop-url", "currency", "vendor-public-key", "upstream-system",
    "time-zone", "source", NULL },
};

static const RowMapping subscription_mapping = {
  seats_subscription_get_type,
  "DELETE FROM subscription",
  "INSERT INTO subscription (singleton, period_start, period_end, period_months, edition,"
  " storage_used, storage_included, monthly_price, total_price, currency, notice_days, anchor)"
  " VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
  "SELECT period_start, period_end, period_months, edition, storage_used,"
  " storage_included, monthly_price, total_price, currency, notice_days, anchor FROM subscription",
  0,
  { "period-start", "period-end", "period-months", "edition", "storage-used",
    "storage-included", "monthly-price", "total-price", "currency", "notice-days", "anchor", NULL },
};

static const RowMapping billing_details_mapping = {
  seats_billing_details_get_type,
  "DELETE FROM billing_details",
  "INSERT INTO billing_details (singleton, company_name, vat_number, contact_user_id,"
  " contact_email, street, postal_code, city, country, e_invoicing, e_invoice_address,"
  " operator_code) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
  "SELECT company_name, vat_number, contact_user_id, contact_email, street, postal_code,"
  " city, country, e_invoicing, e_invoice_address, operator_code FROM billing_details",
  0,
  { "company-name", "vat-number", "contact-user-id", "contact-email", "street",
    "postal-code", "city", "country", "e-invoicing", "e-invoice-address",
    "operator-code", NULL },
};

static const RowMapping pending_license_mapping = {
  seats_pending_license_get_type,
  "DELETE FROM pending_license",
  "INSERT INTO pending_license (id, issued, expiry) VALUES (?1, ?2, ?3)",
  "SELECT id, issued, expiry FROM pending_license",
  0,
  { "id", "issued", "expiry", NULL },
};

static const RowMapping license_change_mapping = {
  seats_license_change_get_type,
  NULL, /* cascades from pending_license */
  "INSERT INTO license_changes (license_id, product_id, product_name, current_count,"
  " new_count, in_use) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  "SELECT product_id, product_name, current_count, new_count, in_use"
  " FROM license_changes WHERE license_id = ?1 ORDER BY rowid",
  1,
  { "product-id", "product-name", "current-count", "new-count", "in-use", NULL },
};

static const RowMapping product_mapping = {
  seats_product_get_type,
  "DELETE FROM products",
  "INSERT INTO products (id, name, kind, purchased, in_use, next_period, price, currency,"
  " enabled) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
  "SELECT id, name, kind, purchased, in_use, next_period, price, currency, enabled"
  " FROM products ORDER BY rowid",
  0,
  { "id", "name", "kind", "purchased", "in-use", "next-period", "price", "currency",
    "enabled", NULL },
};

static const RowMapping order_mapping = {
  seats_order_get_type,
  "DELETE FROM orders",
  "INSERT INTO orders (id, created, product_id, quantity, amount, currency, period_start,"
  " period_end, idempotency_key, product_name, actor)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
  "SELECT id, created, product_id, quantity, amount, currency, period_start, period_end,"
  " idempotency_key, product_name, actor FROM orders ORDER BY rowid",
  0,
  { "id", "created", "product-id", "quantity", "amount", "currency", "period-start",
    "period-end", "idempotency-key", "product-name", "actor", NULL },
};

static const RowMapping invoice_mapping = {
  seats_invoice_get_type,
  "DELETE FROM invoices",
  "INSERT INTO invoices (id, number, issued, due, amount, currency, status, description)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  "SELECT id, number, issued, due, amount, currency, status, description FROM invoices"
  " ORDER BY rowid",
  0,
  { "id", "number", "issued", "due", "amount", "currency", "status", "description", NULL },
};

static const RowMapping action_mapping = {
  seats_action_entry_get_type,
  "DELETE FROM action_log",
  "INSERT INTO action_log (id, timestamp, actor, action, subject, before, after)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  "SELECT id, timestamp, actor, action, subject, before, after FROM action_log"
  " ORDER BY rowid",
  0,
  { "id", "timestamp", "actor", "action", "subject", "before", "after", NULL },
};

static const RowMapping feature_mapping = {
  seats_feature_get_type,
  "DELETE FROM features",
  "INSERT INTO features (id, name, description, enabled, kind, monthly_fee, currency)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  "SELECT id, name, description, enabled, kind, monthly_fee, currency FROM features"
  " ORDER BY rowid",
  0,
  { "id", "name", "description", "enabled", "kind", "monthly-fee", "currency", NULL },
};

/* The month is the key, so the history loads in the order of the months. */
static const RowMapping history_mapping = {
  seats_history_point_get_type,
  "DELETE FROM seat_history",
  "INSERT INTO seat_history (month, purchased, used) VALUES (?1, ?2, ?3)",
  "SELECT month, purchased, used FROM seat_history ORDER BY month",
  0,
  { "month", "purchased", "used", NULL },
};

static const char insert_user_sql[] =
  "INSERT INTO users (id, user_name, display_name, email, active, start_date, end_date,"
  " created, modified, modules, grace_deadline, etag)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
  " ON CONFLICT (id) DO UPDATE SET user_name = excluded.user_name,"
  " display_name = excluded.display_name, email = excluded.email,"
  " active = excluded.active, start_date = excluded.start_date,"
  " end_date = excluded.end_date, created = excluded.created,"
  " modified = excluded.modified, modules = excluded.modules,"
  " grace_deadline = excluded.grace_deadline, etag = excluded.etag";
static const char select_users_sql[] =
  "SELECT id, user_name, display_name, email, active, start_date, end_date, created,"
  " modified, modules, grace_deadline, etag FROM users ORDER BY rowid";
static const char clear_users_sql[] = "DELETE FROM users";
static const char delete_user_sql[] = "DELETE FROM users WHERE id = ?1";

static const char select_sync_sql[] = "SELECT key, value FROM sync_state";
static const char upsert_sync_sql[] =
  "INSERT INTO sync_state (key, value) VALUES (?1, ?2)"
  " ON CONFLICT (key) DO UPDATE SET value = excluded.value";
static const char select_etags_sql[] = "SELECT resource, etag FROM etags";
static const char upsert_etag_sql[] =
  "INSERT INTO etags (resource, etag) VALUES (?1, ?2)"
  " ON CONFLICT (resource) DO UPDATE SET etag = excluded.etag";
static const char clear_etags_sql[] = "DELETE FROM etags";

gboolean
seats_store_set_error (GError       **error,
                       sqlite3       *db,
                       int            rc,
                       SeatsStoreOp   op)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, SEATS_STORE_ERROR, SEATS_STORE_ERROR_CORRUPT,
                   _("The local copy of this account is damaged and could not be read: %s. "
                     "Remove the account and connect it again to fetch a new copy."),
                   detail);
      break;

    case SQLITE_FULL:
      g_set_error_literal (error, SEATS_STORE_ERROR, SEATS_STORE_ERROR_FULL,
                           _("The local copy of this account could not be saved because "
                             "the disk is full. Free some space and try again."));
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, SEATS_STORE_ERROR, SEATS_STORE_ERROR_BUSY,
                           _("The local copy of this account is in use by another "
                             "program. Close other Seats windows and try again."));
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_AUTH:
      g_set_error (error, SEATS_STORE_ERROR, SEATS_STORE_ERROR_IO,
                   op == SEATS_STORE_OP_WRITE
                   ? _("The local copy of this account could not be saved: %s")
                   : _("The local copy of this account could not be read: %s"),
                   detail);
      break;

    default:
      g_set_error (error, SEATS_STORE_ERROR, SEATS_STORE_ERROR_FAILED,
                   op == SEATS_STORE_OP_WRITE
                   ? _("The local copy of this account could not be saved: %s")
                   : _("The local copy of this account could not be read: %s"),
                   detail);
      break;
    }

  return FALSE;
}

/* Statements are prepared once and kept: a full save runs the user
 * insert 100,000 times. */
sqlite3_stmt *
seats_store_prepare (SeatsStore    *self,
                     const char    *sql,
                     SeatsStoreOp   op,
                     GError       **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      seats_store_set_error (error, self->db, rc, op);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
seats_store_step_done (SeatsStore    *self,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return seats_store_set_error (error, self->db, rc, SEATS_STORE_OP_WRITE);

  return TRUE;
}

static gboolean
run (SeatsStore  *self,
     const char  *sql,
     GError     **error)
{
  sqlite3_stmt *stmt = seats_store_prepare (self, sql, SEATS_STORE_OP_WRITE, error);

  return stmt != NULL && seats_store_step_done (self, stmt, error);
}

gboolean
seats_store_begin (SeatsStore  *self,
                   GError     **error)
{
  /* IMMEDIATE takes the write lock now, so a busy database fails here
   * rather than halfway through a save. */
  return run (self, "BEGIN IMMEDIATE", error);
}

gboolean
seats_store_commit (SeatsStore  *self,
                    GError     **error)
{
  if (run (self, "COMMIT", error))
    return TRUE;

  seats_store_rollback (self);
  return FALSE;
}

void
seats_store_rollback (SeatsStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static void
bind_value (sqlite3_stmt *stmt,
            int           param,
            const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRING)
    sqlite3_bind_text (stmt, param, g_value_get_string (value), -1, SQLITE_TRANSIENT);
  else if (type == G_TYPE_BOOLEAN)
    sqlite3_bind_int (stmt, param, g_value_get_boolean (value));
  else if (type == G_TYPE_UINT)
    sqlite3_bind_int64 (stmt, param, g_value_get_uint (value));
  else if (type == G_TYPE_INT64)
    sqlite3_bind_int64 (stmt, param, g_value_get_int64 (value));
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      GEnumValue *enum_value = g_enum_get_value (klass, g_value_get_enum (value));

      /* The stable name, so that the file does not depend on the order
       * of the enumeration. */
      sqlite3_bind_text (stmt, param, enum_value->value_nick, -1, SQLITE_STATIC);
    }
  else
    g_assert_not_reached ();
}

static void
column_value (sqlite3_stmt *stmt,
              int           column,
              GParamSpec   *pspec,
              GValue       *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_value_init (value, type);

  if (type == G_TYPE_STRING)
    g_value_set_string (value, (const char *) sqlite3_column_text (stmt, column));
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, sqlite3_column_int (stmt, column) != 0);
  else if (type == G_TYPE_UINT)
    g_value_set_uint (value, CLAMP (sqlite3_column_int64 (stmt, column), 0, G_MAXUINT));
  else if (type == G_TYPE_INT64)
    g_value_set_int64 (value, sqlite3_column_int64 (stmt, column));
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      const char *nick = (const char *) sqlite3_column_text (stmt, column);
      GEnumValue *enum_value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

      /* A name this version does not know is the default, not an error. */
      if (enum_value != NULL)
        g_value_set_enum (value, enum_value->value);
      else
        g_param_value_set_default (pspec, value);
    }
  else
    g_assert_not_reached ();

  /* Out-of-range numbers from a damaged file become valid ones. */
  g_param_value_validate (pspec, value);
}

static gboolean
insert_object (SeatsStore        *self,
               const RowMapping  *mapping,
               GObject           *object,
               const char        *leading,
               GError           **error)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (object);
  sqlite3_stmt *stmt;

  g_assert (G_TYPE_CHECK_INSTANCE_TYPE (object, mapping->get_type ()));

  stmt = seats_store_prepare (self, mapping->insert, SEATS_STORE_OP_WRITE, error);
  if (stmt == NULL)
    return FALSE;

  if (mapping->n_leading > 0)
    sqlite3_bind_text (stmt, 1, leading, -1, SQLITE_TRANSIENT);

  for (guint i = 0; mapping->properties[i] != NULL; i++)
    {
      GParamSpec *pspec = g_object_class_find_property (klass, mapping->properties[i]);
      g_auto(GValue) value = G_VALUE_INIT;

      g_assert (pspec != NULL);
      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (object, pspec->name, &value);
      bind_value (stmt, mapping->n_leading + i + 1, &value);
    }

  return seats_store_step_done (self, stmt, error);
}

static GObject *
read_object (const RowMapping *mapping,
             sqlite3_stmt     *stmt)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (mapping->get_type ());
  GValue values[G_N_ELEMENTS (mapping->properties)] = { G_VALUE_INIT };
  guint n;
  GObject *object;

  for (n = 0; mapping->properties[n] != NULL; n++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass),
                                                        mapping->properties[n]);

      g_assert (pspec != NULL);
      column_value (stmt, n, pspec, &values[n]);
    }

  object = g_object_new_with_properties (mapping->get_type (), n,
                                         (const char **) mapping->properties, values);

  for (guint i = 0; i < n; i++)
    g_value_unset (&values[i]);

  return object;
}

/* Reads the rows of @mapping's SELECT into objects.
 * Returns: (transfer full): the objects, or %NULL on error */
static GPtrArray *
select_objects (SeatsStore        *self,
                const RowMapping  *mapping,
                const char        *leading,
                GError           **error)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = seats_store_prepare (self, mapping->select, SEATS_STORE_OP_READ, error);
  if (stmt == NULL)
    return NULL;

  if (mapping->n_leading > 0)
    sqlite3_bind_text (stmt, 1, leading, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (objects, read_object (mapping, stmt));

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      seats_store_set_error (error, self->db, rc, SEATS_STORE_OP_READ);
      return NULL;
    }

  return g_steal_pointer (&objects);
}

static gboolean
save_list (SeatsStore        *self,
           const RowMapping  *mapping,
           GListModel        *model,
           GError           **error)
{
  guint n_items = g_list_model_get_n_items (model);

  if (!run (self, mapping->clear, error))
    return FALSE;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (model, i);

      if (!insert_object (self, mapping, object, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
save_single (SeatsStore        *self,
             const RowMapping  *mapping,
             gpointer           object,
             GError           **error)
{
  if (!run (self, mapping->clear, error))
    return FALSE;

  return object == NULL || insert_object (self, mapping, object, NULL, error);
}

static gboolean
insert_user (SeatsStore  *self,
             SeatsUser   *user,
             GString     *modules,
             GError     **error)
{
  const char * const *module_ids = seats_user_get_modules (user);
  sqlite3_stmt *stmt;

  stmt = seats_store_prepare (self, insert_user_sql, SEATS_STORE_OP_WRITE, error);
  if (stmt == NULL)
    return FALSE;

  g_string_truncate (modules, 0);
  for (guint i = 0; module_ids[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (modules, MODULE_SEPARATOR);
      g_string_append (modules, module_ids[i]);
    }

  /* SQLITE_STATIC: the strings belong to the user and to @modules, which
   * outlive the step. */
  sqlite3_bind_text (stmt, 1, seats_user_get_id (user), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, seats_user_get_user_name (user), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, seats_user_get_display_name (user), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, seats_user_get_email (user), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, seats_user_get_active (user));
  sqlite3_bind_int64 (stmt, 6, seats_user_get_start_date_julian (user));
  sqlite3_bind_int64 (stmt, 7, seats_user_get_end_date_julian (user));
  sqlite3_bind_int64 (stmt, 8, seats_user_get_created (user));
  sqlite3_bind_int64 (stmt, 9, seats_user_get_modified (user));
  if (modules->len > 0)
    sqlite3_bind_text (stmt, 10, modules->str, modules->len, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 10);
  sqlite3_bind_int64 (stmt, 11, seats_user_get_grace_deadline_julian (user));
  sqlite3_bind_text (stmt, 12, seats_user_get_version (user), -1, SQLITE_STATIC);

  return seats_store_step_done (self, stmt, error);
}

static guint32
column_julian (sqlite3_stmt *stmt,
               int           column)
{
  sqlite3_int64 value = sqlite3_column_int64 (stmt, column);

  return value > 0 && value <= G_MAXUINT32 ? (guint32) value : SEATS_JULIAN_NONE;
}

static SeatsUser *
read_user (sqlite3_stmt *stmt)
{
  SeatsUser *user = seats_user_new ();
  const char *modules = (const char *) sqlite3_column_text (stmt, 9);

  seats_user_set_id (user, (const char *) sqlite3_column_text (stmt, 0));
  seats_user_set_user_name (user, (const char *) sqlite3_column_text (stmt, 1));
  seats_user_set_display_name (user, (const char *) sqlite3_column_text (stmt, 2));
  seats_user_set_email (user, (const char *) sqlite3_column_text (stmt, 3));
  seats_user_set_active (user, sqlite3_column_int (stmt, 4) != 0);
  seats_user_set_start_date_julian (user, column_julian (stmt, 5));
  seats_user_set_end_date_julian (user, column_julian (stmt, 6));
  seats_user_set_created (user, sqlite3_column_int64 (stmt, 7));
  seats_user_set_modified (user, sqlite3_column_int64 (stmt, 8));
  seats_user_set_grace_deadline_julian (user, column_julian (stmt, 10));
  seats_user_set_version (user, (const char *) sqlite3_column_text (stmt, 11));

  if (modules != NULL && modules[0] != '\0')
    {
      g_auto(GStrv) ids = g_strsplit (modules, MODULE_SEPARATOR, -1);

      seats_user_set_modules (user, (const char * const *) ids);
    }

  return user;
}

static GPtrArray *
select_users (SeatsStore  *self,
              GError     **error)
{
  g_autoptr(GPtrArray) users = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = seats_store_prepare (self, select_users_sql, SEATS_STORE_OP_READ, error);
  if (stmt == NULL)
    return NULL;

  users = g_ptr_array_new_full (1024, g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (users, read_user (stmt));

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      seats_store_set_error (error, self->db, rc, SEATS_STORE_OP_READ);
      return NULL;
    }

  return g_steal_pointer (&users);
}

static gboolean
save_pending_license (SeatsStore           *self,
                      SeatsPendingLicense  *license,
                      GError              **error)
{
  GListModel *changes;
  guint n_items;

  /* Its changes go with it: ON DELETE CASCADE. */
  if (!save_single (self, &pending_license_mapping, license, error))
    return FALSE;
  if (license == NULL)
    return TRUE;

  changes = seats_pending_license_get_changes (license);
  n_items = g_list_model_get_n_items (changes);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) change = g_list_model_get_item (changes, i);

      if (!insert_object (self, &license_change_mapping, change,
                          seats_pending_license_get_id (license), error))
        return FALSE;
    }

  return TRUE;
}

static const struct {
  const char *key;
  gsize       offset;
} sync_values[] = {
  { "delta_cursor", G_STRUCT_OFFSET (SeatsSyncState, delta_cursor) },
  { "last_full_reconcile", G_STRUCT_OFFSET (SeatsSyncState, last_full_reconcile) },
  { "last_synced", G_STRUCT_OFFSET (SeatsSyncState, last_synced) },
};

#define SYNC_VALUE(sync, i) \
  (*(gint64 *) (gpointer) ((guint8 *) (sync) + sync_values[i].offset))

static gboolean
save_sync (SeatsStore            *self,
           const SeatsSyncState  *sync,
           GError               **error)
{
  GHashTableIter iter;
  gpointer resource, etag;

  for (guint i = 0; i < G_N_ELEMENTS (sync_values); i++)
    {
      sqlite3_stmt *stmt = seats_store_prepare (self, upsert_sync_sql,
                                                SEATS_STORE_OP_WRITE, error);

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, sync_values[i].key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, SYNC_VALUE (sync, i));
      if (!seats_store_step_done (self, stmt, error))
        return FALSE;
    }

  if (sync->etags == NULL)
    return TRUE;

  g_hash_table_iter_init (&iter, sync->etags);
  while (g_hash_table_iter_next (&iter, &resource, &etag))
    {
      sqlite3_stmt *stmt = seats_store_prepare (self, upsert_etag_sql,
                                                SEATS_STORE_OP_WRITE, error);

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, resource, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, etag, -1, SQLITE_STATIC);
      if (!seats_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_sync (SeatsStore      *self,
           SeatsSyncState  *sync,
           GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = seats_store_prepare (self, select_sync_sql, SEATS_STORE_OP_READ, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);

      for (guint i = 0; i < G_N_ELEMENTS (sync_values); i++)
        {
          if (g_strcmp0 (key, sync_values[i].key) == 0)
            SYNC_VALUE (sync, i) = sqlite3_column_int64 (stmt, 1);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return seats_store_set_error (error, self->db, rc, SEATS_STORE_OP_READ);

  stmt = seats_store_prepare (self, select_etags_sql, SEATS_STORE_OP_READ, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (sync->etags,
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return seats_store_set_error (error, self->db, rc, SEATS_STORE_OP_READ);

  return TRUE;
}

/* Replaces everything but the users with @state, inside the caller's
 * transaction; the ETags are replaced, not merged. */
static gboolean
save_all_but_users (SeatsStore             *self,
                    const SeatsSnapshot  *state,
                    GError                **error)
{
  SeatsPolicy *policy = state->account != NULL
                        ? seats_account_get_policy (state->account)
                        : NULL;

  return save_single (self, &account_mapping, state->account, error) &&
         save_single (self, &policy_mapping, policy, error) &&
         save_single (self, &subscription_mapping, state->subscription, error) &&
         save_single (self, &billing_details_mapping, state->billing_details, error) &&
         save_pending_license (self, state->pending_license, error) &&
         save_list (self, &product_mapping, G_LIST_MODEL (state->products), error) &&
         save_list (self, &order_mapping, G_LIST_MODEL (state->orders), error) &&
         save_list (self, &invoice_mapping, G_LIST_MODEL (state->invoices), error) &&
         save_list (self, &action_mapping, G_LIST_MODEL (state->actions), error) &&
         save_list (self, &feature_mapping, G_LIST_MODEL (state->features), error) &&
         save_list (self, &history_mapping, G_LIST_MODEL (state->history), error) &&
         run (self, clear_etags_sql, error) &&
         save_sync (self, &state->sync, error);
}

static gboolean
save_state (SeatsStore             *self,
            const SeatsSnapshot  *state,
            GError                **error)
{
  g_autoptr(GString) modules = g_string_new (NULL);
  guint n_users = g_list_model_get_n_items (G_LIST_MODEL (state->users));

  if (!save_all_but_users (self, state, error) ||
      !run (self, clear_users_sql, error))
    return FALSE;

  for (guint i = 0; i < n_users; i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (G_LIST_MODEL (state->users), i);

      if (!insert_user (self, user, modules, error))
        return FALSE;
    }

  return TRUE;
}

/* Upserts @changed and deletes @deleted_ids, inside the caller's
 * transaction. An upsert updates the row in place, so a changed user
 * keeps its rowid and with it its place in the list. */
static gboolean
save_user_changes (SeatsStore          *self,
                   SeatsUser * const   *changed,
                   guint                n_changed,
                   const char * const  *deleted_ids,
                   GError             **error)
{
  g_autoptr(GString) modules = g_string_new (NULL);

  for (guint i = 0; i < n_changed; i++)
    {
      if (!insert_user (self, changed[i], modules, error))
        return FALSE;
    }

  for (guint i = 0; deleted_ids != NULL && deleted_ids[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = seats_store_prepare (self, delete_user_sql,
                                                SEATS_STORE_OP_WRITE, error);

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, deleted_ids[i], -1, SQLITE_STATIC);
      if (!seats_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gpointer
first_or_null (GPtrArray *objects)
{
  return objects->len > 0 ? g_object_ref (g_ptr_array_index (objects, 0)) : NULL;
}

static void
replace_items (GListStore *store,
               GPtrArray  *items)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (store));

  /* One items-changed for the whole list: a view bound to it lays out
   * once, not 100,000 times. */
  if (n_items > 0 || items->len > 0)
    g_list_store_splice (store, 0, n_items, items->pdata, items->len);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
seats_store_finalize (GObject *object)
{
  SeatsStore *self = (SeatsStore *)object;

  /* Every write holds a reference: none is waiting, and this may run on
   * the writer's own thread, which is not to wait for itself. */
  if (self->writer != NULL)
    g_thread_pool_free (self->writer, TRUE, FALSE);

  /* The statements first: sqlite3_close refuses while they exist. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (seats_store_parent_class)->finalize (object);
}

static void
seats_store_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SeatsStore *self = SEATS_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seats_store_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SeatsStore *self = SEATS_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
open_database (SeatsStore  *self,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  int version = 0;
  int rc;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SEATS_STORE_ERROR, SEATS_STORE_ERROR_IO,
                   _("The folder for the local copy of this account could not be "
                     "created: %s"),
                   g_strerror (saved_errno));
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    return seats_store_set_error (error, self->db, rc, SEATS_STORE_OP_OPEN);

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);

  /* Before anything writes to the file: a newer version's file is left
   * exactly as it is, so that the newer Seats can still open it. */
  if (!seats_store_schema_read_version (self->db, &version, error))
    return FALSE;

  if (version > SEATS_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, SEATS_STORE_ERROR, SEATS_STORE_ERROR_TOO_NEW,
                   _("The local copy of this account was saved by a newer version of "
                     "Seats (format %d; this version reads up to format %d). Update "
                     "Seats to open it."),
                   version, SEATS_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  /* WAL: readers do not block the writer, and a kill at any moment leaves
   * the last committed state. synchronous=FULL rather than NORMAL: with
   * NORMAL a power cut can lose the last commits, and the outbox holds
   * the administrator's changes that have not reached the server yet. It
   * costs one fsync per transaction, and every save is one transaction. */
  rc = sqlite3_exec (self->db,
                     "PRAGMA journal_mode = WAL;"
                     "PRAGMA synchronous = FULL;"
                     "PRAGMA foreign_keys = ON;",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return seats_store_set_error (error, self->db, rc, SEATS_STORE_OP_OPEN);

  return seats_store_schema_migrate (self->db, error);
}

static gboolean
seats_store_initable_init (GInitable     *initable,
                           GCancellable  *cancellable,
                           GError       **error)
{
  SeatsStore *self = SEATS_STORE (initable);

  g_return_val_if_fail (self->path != NULL, FALSE);

  if (!open_database (self, error))
    {
      /* Leave no handle on a file that is not ours to change. */
      g_hash_table_remove_all (self->statements);
      sqlite3_close (self->db);
      self->db = NULL;
      return FALSE;
    }

  return TRUE;
}

static void
initable_iface_init (GInitableIface *iface)
{
  iface->init = seats_store_initable_init;
}

static void
seats_store_class_init (SeatsStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = seats_store_finalize;
  object_class->get_property = seats_store_get_property;
  object_class->set_property = seats_store_set_property;

  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seats_store_init (SeatsStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  g_rec_mutex_init (&self->lock);
}

/* The connection for this thread until the locker is freed; %NULL for a
 * store that is not one, which the caller's checks then refuse. */
GRecMutexLocker *
seats_store_lock (SeatsStore *self)
{
  return SEATS_IS_STORE (self) ? g_rec_mutex_locker_new (&self->lock) : NULL;
}

/**
 * seats_store_dup_default_path:
 * @account_id: the organization id of the account
 *
 * The local copy lives in the data directory, not the cache: the outbox
 * in it holds changes that must not be lost.
 *
 * Returns: (transfer full): where the local copy of @account_id is kept
 */
char *
seats_store_dup_default_path (const char *account_id)
{
  g_autofree char *escaped = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (account_id != NULL && account_id[0] != '\0', NULL);

  /* The id comes from the server: it must not name another folder. */
  escaped = g_uri_escape_string (account_id, NULL, FALSE);
  name = g_strconcat (escaped, ".db", NULL);
  return g_build_filename (g_get_user_data_dir (), "seats", name, NULL);
}

/**
 * seats_store_new:
 * @path: the database file, created with its folder when it does not exist
 *
 * Opens the local copy and brings its schema up to date.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
SeatsStore *
seats_store_new (const char  *path,
                 GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (SEATS_TYPE_STORE, NULL, error, "path", path, NULL);
}

const char *
seats_store_get_path (SeatsStore *self)
{
  g_return_val_if_fail (SEATS_IS_STORE (self), NULL);

  return self->path;
}

/**
 * seats_store_get_schema_version:
 *
 * Returns: the newest schema this version of Seats reads and writes
 */
guint
seats_store_get_schema_version (void)
{
  return SEATS_STORE_SCHEMA_VERSION;
}

/**
 * seats_store_save:
 * @state: the whole state of the account, as a full sync received it
 *
 * Replaces the local copy with @state in one transaction: a crash or a
 * kill at any moment leaves either the previous copy or this one.
 * The outbox is not touched.
 */
gboolean
seats_store_save (SeatsStore             *self,
                  const SeatsSnapshot  *state,
                  GError                **error)
{
  g_autoptr(GRecMutexLocker) locker = seats_store_lock (self);
  g_return_val_if_fail (SEATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (state != NULL && state->users != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!seats_store_begin (self, error))
    return FALSE;

  if (!save_state (self, state, error))
    {
      seats_store_rollback (self);
      return FALSE;
    }

  return seats_store_commit (self, error);
}

/**
 * seats_store_save_user_delta:
 * @changed: (array length=n_changed): the users that changed or appeared
 * @n_changed: the length of @changed
 * @deleted_ids: (nullable) (array zero-terminated=1): SCIM ids of users
 *   that were deleted
 * @sync: (nullable): where this sync left off; its ETags are added to the
 *   known ones
 *
 * Applies an incremental sync in one transaction. A changed user keeps its
 * place in the list; a new one goes at the end.
 */
gboolean
seats_store_save_user_delta (SeatsStore            *self,
                             SeatsUser * const     *changed,
                             guint                  n_changed,
                             const char * const    *deleted_ids,
                             const SeatsSyncState  *sync,
                             GError               **error)
{
  g_autoptr(GRecMutexLocker) locker = seats_store_lock (self);
  g_return_val_if_fail (SEATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (changed != NULL || n_changed == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!seats_store_begin (self, error))
    return FALSE;

  if (!save_user_changes (self, changed, n_changed, deleted_ids, error) ||
      (sync != NULL && !save_sync (self, sync, error)))
    {
      seats_store_rollback (self);
      return FALSE;
    }

  return seats_store_commit (self, error);
}

/**
 * seats_store_save_delta:
 * @state: the state of the account as a sync received it; its users list
 *   is not read
 * @changed: (array length=n_changed): the users that changed or appeared
 * @n_changed: the length of @changed
 * @deleted_ids: (nullable) (array zero-terminated=1): SCIM ids of users
 *   that were deleted
 *
 * Applies a sync that fetched everything but only the users that changed,
 * in one transaction: everything in @state except its users replaces the
 * local copy as seats_store_save() does (the ETags of @state->sync
 * included), then @changed are saved and @deleted_ids removed. A changed
 * user keeps its place in the list; a new one goes at the end. On error
 * nothing has changed. The outbox is not touched.
 */
gboolean
seats_store_save_delta (SeatsStore             *self,
                        const SeatsSnapshot  *state,
                        SeatsUser * const      *changed,
                        guint                   n_changed,
                        const char * const     *deleted_ids,
                        GError                **error)
{
  g_autoptr(GRecMutexLocker) locker = seats_store_lock (self);
  g_return_val_if_fail (SEATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (state != NULL && state->history != NULL, FALSE);
  g_return_val_if_fail (changed != NULL || n_changed == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!seats_store_begin (self, error))
    return FALSE;

  if (!save_all_but_users (self, state, error) ||
      !save_user_changes (self, changed, n_changed, deleted_ids, error))
    {
      seats_store_rollback (self);
      return FALSE;
    }

  return seats_store_commit (self, error);
}

/* Reads the local copy into @state, its users too unless @with_users is
 * %FALSE: then @state->users is left as it is. */
static gboolean
load_state (SeatsStore       *self,
            SeatsSnapshot  *state,
            gboolean          with_users,
            GError          **error)
{
  g_autoptr(GRecMutexLocker) locker = seats_store_lock (self);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) policies = NULL;
  g_autoptr(GPtrArray) subscriptions = NULL;
  g_autoptr(GPtrArray) billing_details = NULL;
  g_autoptr(GPtrArray) licenses = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) invoices = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) features = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_auto(SeatsSyncState) sync = { 0 };
  SeatsPendingLicense *license = NULL;
  gboolean ok;

  g_return_val_if_fail (SEATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (state != NULL && state->users != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  seats_sync_state_init (&sync);

  /* One read transaction: every table from the same commit. */
  if (!run (self, "BEGIN", error))
    return FALSE;

  ok = (accounts = select_objects (self, &account_mapping, NULL, error)) != NULL &&
       (policies = select_objects (self, &policy_mapping, NULL, error)) != NULL &&
       (subscriptions = select_objects (self, &subscription_mapping, NULL, error)) != NULL &&
       (billing_details = select_objects (self, &billing_details_mapping, NULL, error)) != NULL &&
       (licenses = select_objects (self, &pending_license_mapping, NULL, error)) != NULL &&
       (products = select_objects (self, &product_mapping, NULL, error)) != NULL &&
       (orders = select_objects (self, &order_mapping, NULL, error)) != NULL &&
       (invoices = select_objects (self, &invoice_mapping, NULL, error)) != NULL &&
       (actions = select_objects (self, &action_mapping, NULL, error)) != NULL &&
       (features = select_objects (self, &feature_mapping, NULL, error)) != NULL &&
       (history = select_objects (self, &history_mapping, NULL, error)) != NULL &&
       (!with_users || (users = select_users (self, error)) != NULL) &&
       load_sync (self, &sync, error);

  if (ok && licenses->len > 0)
    {
      license = g_ptr_array_index (licenses, 0);
      changes = select_objects (self, &license_change_mapping,
                                seats_pending_license_get_id (license), error);
      ok = changes != NULL;
    }

  if (!ok)
    {
      seats_store_rollback (self);
      return FALSE;
    }

  if (!run (self, "COMMIT", error))
    return FALSE;

  if (license != NULL)
    seats_pending_license_set_changes (license, (SeatsLicenseChange **) changes->pdata,
                                       changes->len);
  if (accounts->len > 0 && policies->len > 0)
    seats_account_set_policy (g_ptr_array_index (accounts, 0),
                              g_ptr_array_index (policies, 0));

  g_clear_object (&state->account);
  state->account = first_or_null (accounts);
  g_clear_object (&state->subscription);
  state->subscription = first_or_null (subscriptions);
  g_clear_object (&state->billing_details);
  state->billing_details = first_or_null (billing_details);
  g_clear_object (&state->pending_license);
  state->pending_license = first_or_null (licenses);

  replace_items (state->products, products);
  if (with_users)
    seats_user_list_splice (state->users, 0, g_list_model_get_n_items (G_LIST_MODEL (state->users)),
                            (SeatsUser **) users->pdata, users->len);
  replace_items (state->orders, orders);
  replace_items (state->invoices, invoices);
  replace_items (state->actions, actions);
  replace_items (state->features, features);
  replace_items (state->history, history);

  seats_sync_state_clear (&state->sync);
  state->sync = sync;
  seats_sync_state_init (&sync);

  return TRUE;
}

/**
 * seats_store_load:
 * @state: an initialized state to fill
 *
 * Reads the local copy into @state: its objects are replaced and the
 * contents of its list stores are replaced with one items-changed each.
 * An account never saved loads as a %NULL account and empty lists.
 * On error @state is left as it was.
 */
gboolean
seats_store_load (SeatsStore       *self,
                  SeatsSnapshot  *state,
                  GError          **error)
{
  return load_state (self, state, TRUE, error);
}

/**
 * seats_store_load_all_but_users:
 * @state: an initialized state to fill
 *
 * Reads the local copy into @state as seats_store_load() does, but for
 * the users: @state->users is left as it is, for
 * seats_store_load_users_async() to fill.
 */
gboolean
seats_store_load_all_but_users (SeatsStore       *self,
                                SeatsSnapshot  *state,
                                GError          **error)
{
  return load_state (self, state, FALSE, error);
}

static void
load_users_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(SeatsStore) reader = NULL;
  GPtrArray *users = NULL;
  GError *error = NULL;

  /* A connection of this thread's own: the store's stays with its thread.
   * WAL lets this one read while the other writes. */
  if ((reader = seats_store_new (path, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* One statement: one snapshot of the users. */
  if ((users = select_users (reader, &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, users, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * seats_store_load_users_async:
 * @io_priority: the priority of the answer on the main loop
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the users
 * @user_data: data for @callback
 *
 * Reads the users of the local copy on a thread of its own, through a
 * connection of its own, so that the window can show the rest of the
 * account before they are read. Nothing else may change the users in the
 * meantime: the users are read as the last commit left them.
 */
void
seats_store_load_users_async (SeatsStore          *self,
                              int                  io_priority,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SEATS_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, seats_store_load_users_async);
  g_task_set_priority (task, io_priority);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, load_users_thread);
}

/**
 * seats_store_load_users_finish:
 *
 * Returns: (transfer container) (element-type SeatsUser): the users in
 *   their stored order, or %NULL with @error set
 */
GPtrArray *
seats_store_load_users_finish (SeatsStore    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (SEATS_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * seats_store_load_sync_state:
 * @sync: an initialized sync state to fill
 *
 * Reads where the last sync left off, without the rest of the state.
 */
gboolean
seats_store_load_sync_state (SeatsStore      *self,
                             SeatsSyncState  *sync,
                             GError         **error)
{
  g_autoptr(GRecMutexLocker) locker = seats_store_lock (self);
  g_return_val_if_fail (SEATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (sync != NULL && sync->etags != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!run (self, "BEGIN", error))
    return FALSE;

  if (!load_sync (self, sync, error))
    {
      seats_store_rollback (self);
      return FALSE;
    }

  return run (self, "COMMIT", error);
}

/**
 * seats_store_save_sync_state:
 * @sync: where the sync left off
 *
 * Saves the times of @sync and adds its ETags to the known ones, in one
 * transaction, as after a sync that found nothing changed (304).
 */
gboolean
seats_store_save_sync_state (SeatsStore            *self,
                             const SeatsSyncState  *sync,
                             GError               **error)
{
  g_autoptr(GRecMutexLocker) locker = seats_store_lock (self);
  g_return_val_if_fail (SEATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (sync != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!seats_store_begin (self, error))
    return FALSE;

  if (!save_sync (self, sync, error))
    {
      seats_store_rollback (self);
      return FALSE;
    }

  return seats_store_commit (self, error);
}

/* Saving what a source gave. */

static gboolean
save_pull (SeatsStore       *self,
           const SeatsPull  *pull,
           GError          **error)
{
  const SeatsSnapshot *next = &pull->snapshot;
  SeatsPullParts parts = pull->kind == SEATS_PULL_UNCHANGED ? 0 : pull->parts;
  SeatsPolicy *policy = next->account != NULL ? seats_account_get_policy (next->account) : NULL;

  if ((parts & SEATS_PULL_PART_ACCOUNT) &&
      !(save_single (self, &account_mapping, next->account, error) &&
        save_single (self, &policy_mapping, policy, error)))
    return FALSE;

  if (((parts & SEATS_PULL_PART_SUBSCRIPTION) &&
       !save_single (self, &subscription_mapping, next->subscription, error)) ||
      ((parts & SEATS_PULL_PART_BILLING) &&
       !save_single (self, &billing_details_mapping, next->billing_details, error)) ||
      ((parts & SEATS_PULL_PART_PENDING_LICENSE) &&
       !save_pending_license (self, next->pending_license, error)) ||
      ((parts & SEATS_PULL_PART_PRODUCTS) &&
       !save_list (self, &product_mapping, G_LIST_MODEL (next->products), error)) ||
      ((parts & SEATS_PULL_PART_ORDERS) &&
       !save_list (self, &order_mapping, G_LIST_MODEL (next->orders), error)) ||
      ((parts & SEATS_PULL_PART_INVOICES) &&
       !save_list (self, &invoice_mapping, G_LIST_MODEL (next->invoices), error)) ||
      ((parts & SEATS_PULL_PART_ACTIONS) &&
       !save_list (self, &action_mapping, G_LIST_MODEL (next->actions), error)) ||
      ((parts & SEATS_PULL_PART_FEATURES) &&
       !save_list (self, &feature_mapping, G_LIST_MODEL (next->features), error)) ||
      ((parts & SEATS_PULL_PART_HISTORY) &&
       !save_list (self, &history_mapping, G_LIST_MODEL (next->history), error)))
    return FALSE;

  if (parts & SEATS_PULL_PART_USERS)
    {
      GListModel *users = G_LIST_MODEL (next->users);
      guint n_users = g_list_model_get_n_items (users);
      g_autoptr(GPtrArray) changed = g_ptr_array_new_full (n_users, g_object_unref);

      if (pull->kind == SEATS_PULL_FULL && !run (self, clear_users_sql, error))
        return FALSE;

      for (guint i = 0; i < n_users; i++)
        g_ptr_array_add (changed, g_list_model_get_item (users, i));

      if (!save_user_changes (self, (SeatsUser * const *) changed->pdata, changed->len,
                              (const char * const *) pull->deleted_ids, error))
        return FALSE;
    }

  /* A full pull of everything replaces what the ETags were about. */
  if (pull->kind == SEATS_PULL_FULL && parts == SEATS_PULL_PARTS_ALL &&
      !run (self, clear_etags_sql, error))
    return FALSE;

  return save_sync (self, &next->sync, error);
}

/**
 * seats_store_save_pull:
 * @pull: what a source gave, for a pull or as the answer to a change; its
 *   lists hold whole lists (@pull->newest_only is 0)
 * @done_entry: an outbox entry that @pull answers, to mark done in the same
 *   transaction, or 0
 * @error: why nothing was saved
 *
 * Writes the parts @pull carries in one transaction, with its sync state:
 * every user for a full pull, the changed and deleted ones for a delta,
 * only the sync state when nothing changed. A crash or a kill at any
 * moment leaves either the previous copy or this one, and an answered
 * change is never left waiting in the outbox once its answer is saved.
 */
gboolean
seats_store_save_pull (SeatsStore       *self,
                       const SeatsPull  *pull,
                       gint64            done_entry,
                       GError          **error)
{
  g_autoptr(GRecMutexLocker) locker = seats_store_lock (self);

  g_return_val_if_fail (SEATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (pull != NULL, FALSE);
  g_return_val_if_fail (pull->newest_only == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!seats_store_begin (self, error))
    return FALSE;

  if (!save_pull (self, pull, error) ||
      (done_entry != 0 && !seats_store_outbox_mark_done (self, done_entry, error)))
    {
      seats_store_rollback (self);
      return FALSE;
    }

  return seats_store_commit (self, error);
}

/* The writer: one thread, one write after the other. */

typedef struct
{
  SeatsStoreWriteFunc func;
  gpointer            data;
  GDestroyNotify      destroy;
} Write;

static void
write_free (gpointer data)
{
  Write *write = data;

  if (write->destroy != NULL)
    write->destroy (write->data);
  g_free (write);
}

static void
writer_run (gpointer data,
            gpointer pool_data)
{
  g_autoptr(GTask) task = data;
  SeatsStore *self = g_task_get_source_object (task);
  Write *write = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;

  {
    g_autoptr(GRecMutexLocker) locker = seats_store_lock (self);

    ok = write->func (self, write->data, &error);
  }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * seats_store_write_async:
 * @func: the write, run on the writer's thread with the connection held
 * @data: what @func writes; it must not change until @callback
 * @destroy: (nullable): frees @data when the write is done
 * @cancellable: (nullable): a #GCancellable; a write not begun yet is
 *   then not made
 * @callback: called on the caller's main context when @func returned
 * @user_data: data for @callback
 *
 * Runs @func off the caller's thread, after every write asked for before
 * it and before every write asked for after it.
 */
void
seats_store_write_async (SeatsStore          *self,
                         SeatsStoreWriteFunc  func,
                         gpointer             data,
                         GDestroyNotify       destroy,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Write *write;

  g_return_if_fail (SEATS_IS_STORE (self));
  g_return_if_fail (func != NULL);

  write = g_new0 (Write, 1);
  write->func = func;
  write->data = data;
  write->destroy = destroy;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, seats_store_write_async);
  g_task_set_task_data (task, write, write_free);

  if (self->writer == NULL)
    self->writer = g_thread_pool_new (writer_run, NULL, 1, FALSE, NULL);

  g_thread_pool_push (self->writer, g_steal_pointer (&task), NULL);
}

gboolean
seats_store_write_finish (SeatsStore    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (SEATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  const SeatsPull *pull;
  gint64           done_entry;
} SavePull;

static gboolean
save_pull_write (SeatsStore  *self,
                 gpointer     data,
                 GError     **error)
{
  SavePull *save = data;

  return seats_store_save_pull (self, save->pull, save->done_entry, error);
}

/**
 * seats_store_save_pull_async:
 * @pull: what to save; it must stay as it is until @callback
 * @done_entry: an outbox entry @pull answers, or 0
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the transaction is committed or rolled back
 * @user_data: data for @callback
 *
 * seats_store_save_pull() on the writer's thread; finish with
 * seats_store_write_finish().
 */
void
seats_store_save_pull_async (SeatsStore          *self,
                             const SeatsPull     *pull,
                             gint64               done_entry,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  SavePull *save;

  g_return_if_fail (SEATS_IS_STORE (self));
  g_return_if_fail (pull != NULL && pull->newest_only == 0);

  save = g_new0 (SavePull, 1);
  save->pull = pull;
  save->done_entry = done_entry;

  seats_store_write_async (self, save_pull_write, save, g_free, cancellable, callback, user_data);
}
