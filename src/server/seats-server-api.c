/* seats-server-api.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-server"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "seats-billing-details.h"
#include "seats-license.h"
#include "seats-server-private.h"

static gboolean
is_method (SeatsRequest *req,
           const char   *method)
{
  return g_str_equal (req->method, method);
}

static gboolean
segment_is (SeatsRequest *req,
            guint         index,
            const char   *text)
{
  return index < req->n_segments && g_str_equal (req->segments[index], text);
}

/* The changes all take the same steps around their own: one transaction,
 * the organization's revision, and a rule refusal that leaves nothing. */
typedef gboolean (*ChangeFunc) (SeatsServer   *self,
                                SeatsRequest  *req,
                                gpointer       data,
                                GError       **error);

static gboolean
run_change (SeatsServer  *self,
            SeatsRequest *req,
            ChangeFunc    func,
            gpointer      data,
            const char   *field)
{
  g_autoptr(GError) error = NULL;

  if (!seats_server_db_begin (self, &error))
    {
      seats_request_reply_db_error (req, error);
      return FALSE;
    }

  if (!func (self, req, data, &error) ||
      !seats_server_db_bump_revision (self, req->org->id, &error) ||
      !seats_server_db_commit (self, &error))
    {
      seats_server_db_rollback (self);
      seats_request_reply_rule_error (req, error, field);
      return FALSE;
    }

  req->org->revision++;
  return TRUE;
}

static gboolean
get_paging (SeatsRequest *req,
            guint        *offset,
            guint        *limit)
{
  return seats_request_query_uint (req, "offset", 0, 0, G_MAXINT32, offset) &&
         seats_request_query_uint (req, "limit", SEATS_SERVER_LIST_DEFAULT, 1,
                                   SEATS_SERVER_LIST_MAX_LIMIT, limit);
}

static void
end_page (JsonBuilder *builder,
          guint        total,
          guint        offset,
          guint        limit)
{
  json_builder_end_array (builder);
  seats_json_add_int (builder, "total", total);
  seats_json_add_int (builder, "offset", offset);
  seats_json_add_int (builder, "limit", limit);
  json_builder_end_object (builder);
}

static guint
count_rows (SeatsServer *self,
            const char  *sql,
            gint64       org_id)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self, sql);
  guint n = 0;

  sqlite3_bind_int64 (stmt, 1, org_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

/* GET of a collection: 304 when unchanged, else the body from @add. */
typedef void (*AddFunc) (SeatsServer  *self,
                         SeatsRequest *req,
                         JsonBuilder  *builder,
                         const GDate  *today);

static void
reply_collection (SeatsServer  *self,
                  SeatsRequest *req,
                  AddFunc       add)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *etag = seats_request_collection_etag (req);
  GDate today;

  if (seats_request_not_modified (req, etag))
    return;

  seats_server_org_today (self, req->org, &today);
  add (self, req, builder, &today);
  if (req->status == 0)
    seats_request_reply_builder (req, 200, builder, etag);
}

static void
add_sync (SeatsServer  *self,
          SeatsRequest *req,
          JsonBuilder  *builder,
          const GDate  *today)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self,
    "SELECT max(modified), count(*) FROM users WHERE org_id = ?");
  g_autofree char *now = seats_format_timestamp (seats_server_now_ms (self));
  g_autofree char *modified = NULL;
  guint total = 0;

  sqlite3_bind_int64 (stmt, 1, req->org->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        modified = seats_format_timestamp (sqlite3_column_int64 (stmt, 0));
      total = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);

  json_builder_begin_object (builder);
  seats_json_add_int (builder, "revision", req->org->revision);
  seats_json_add_string (builder, "now", now);
  seats_json_add_nullable_string (builder, "users_modified", modified);
  seats_json_add_int (builder, "users_total", total);
  seats_json_add_int (builder, "users_counted", seats_server_db_count_counted (self, req->org->id, today));
  json_builder_end_object (builder);
}

static void
add_account (SeatsServer  *self,
             SeatsRequest *req,
             JsonBuilder  *builder,
             const GDate  *today)
{
  seats_json_add_account (builder, self, req->org, req->role, today);
}

static void
add_subscription (SeatsServer  *self,
                  SeatsRequest *req,
                  JsonBuilder  *builder,
                  const GDate  *today)
{
  g_autofree char *etag = seats_request_collection_etag (req);

  seats_json_add_subscription (builder, self, req->org, req->role, today, etag);
}

static void
add_history (SeatsServer  *self,
             SeatsRequest *req,
             JsonBuilder  *builder,
             const GDate  *today)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self,
    "SELECT month, purchased, used FROM history WHERE org_id = ? ORDER BY month");
  g_autofree char *this_month = g_strdup_printf ("%04u-%02u", g_date_get_year (today),
                                                 g_date_get_month (today));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  sqlite3_bind_int64 (stmt, 1, req->org->id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      /* The month of today is said as it stands now, below. */
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), this_month) == 0)
        continue;

      json_builder_begin_object (builder);
      seats_json_add_string (builder, "month", (const char *) sqlite3_column_text (stmt, 0));
      seats_json_add_int (builder, "purchased", sqlite3_column_int (stmt, 1));
      seats_json_add_int (builder, "used", sqlite3_column_int (stmt, 2));
      json_builder_end_object (builder);
    }
  sqlite3_reset (stmt);

  /* This month so far: the licenses bought until now, a purchase of today
   * included, and the users who count today. */
  json_builder_begin_object (builder);
  seats_json_add_string (builder, "month", this_month);
  seats_json_add_int (builder, "purchased", seats_server_db_user_seats (self, req->org->id));
  seats_json_add_int (builder, "used", seats_server_db_count_counted (self, req->org->id, today));
  json_builder_end_object (builder);

  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_deletions (SeatsServer  *self,
               SeatsRequest *req,
               JsonBuilder  *builder,
               const GDate  *today)
{
  const char *since_text = req->query ? g_hash_table_lookup (req->query, "since") : NULL;
  g_autofree char *now = seats_format_timestamp (seats_server_now_ms (self));
  sqlite3_stmt *stmt;
  gint64 since;

  if (!seats_parse_timestamp (since_text, &since))
    {
      seats_request_reply_problem (req, 400, "invalid-parameter",
                                   "The parameter \"since\" must be an RFC 3339 time.", "since");
      return;
    }

  stmt = seats_server_db_prepare (self,
    "SELECT user_id, deleted FROM deletions WHERE org_id = ? AND deleted > ? ORDER BY deleted");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  sqlite3_bind_int64 (stmt, 1, req->org->id);
  sqlite3_bind_int64 (stmt, 2, since);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *deleted = seats_format_timestamp (sqlite3_column_int64 (stmt, 1));

      json_builder_begin_object (builder);
      seats_json_add_string (builder, "id", (const char *) sqlite3_column_text (stmt, 0));
      seats_json_add_string (builder, "deleted", deleted);
      json_builder_end_object (builder);
    }
  sqlite3_reset (stmt);
  json_builder_end_array (builder);
  seats_json_add_string (builder, "now", now);
  json_builder_end_object (builder);
}

static void
add_order (JsonBuilder  *builder,
           sqlite3_stmt *stmt)
{
  g_autofree char *created = seats_format_timestamp (sqlite3_column_int64 (stmt, 1));

  json_builder_begin_object (builder);
  seats_json_add_string (builder, "id", (const char *) sqlite3_column_text (stmt, 0));
  seats_json_add_string (builder, "created", created);
  seats_json_add_string (builder, "product_id", (const char *) sqlite3_column_text (stmt, 2));
  seats_json_add_string (builder, "product_name", (const char *) sqlite3_column_text (stmt, 3));
  seats_json_add_int (builder, "quantity", sqlite3_column_int (stmt, 4));
  seats_json_add_money (builder, "amount", sqlite3_column_int64 (stmt, 5),
                        (const char *) sqlite3_column_text (stmt, 6));
  seats_json_add_period (builder, "period", sqlite3_column_int (stmt, 7), sqlite3_column_int (stmt, 8));
  seats_json_add_int (builder, "purchased", sqlite3_column_int (stmt, 9));
  seats_json_add_int (builder, "next_period", sqlite3_column_int (stmt, 10));
  seats_json_add_string (builder, "actor", (const char *) sqlite3_column_text (stmt, 11));
  json_builder_end_object (builder);
}

#define ORDER_COLUMNS \
  "id, created, product_id, product_name, quantity, amount, currency, period_start, " \
  "period_months, purchased, next_period, actor"

typedef void (*AddRowFunc) (JsonBuilder  *builder,
                            sqlite3_stmt *stmt);

/* One page of a list of the organization, newest first: {items, total,
 * offset, limit}. @count_sql and @select_sql take the organization as ?1;
 * @select_sql also the limit and offset as ?2 and ?3. */
static void
add_page (SeatsServer  *self,
          SeatsRequest *req,
          JsonBuilder  *builder,
          const char   *count_sql,
          const char   *select_sql,
          AddRowFunc    add_row)
{
  sqlite3_stmt *stmt;
  guint offset;
  guint limit;
  guint total;

  if (!get_paging (req, &offset, &limit))
    return;

  total = count_rows (self, count_sql, req->org->id);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  stmt = seats_server_db_prepare (self, select_sql);
  sqlite3_bind_int64 (stmt, 1, req->org->id);
  sqlite3_bind_int (stmt, 2, limit);
  sqlite3_bind_int64 (stmt, 3, offset);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    add_row (builder, stmt);
  sqlite3_reset (stmt);
  end_page (builder, total, offset, limit);
}

static void
add_orders (SeatsServer  *self,
            SeatsRequest *req,
            JsonBuilder  *builder,
            const GDate  *today)
{
  add_page (self, req, builder,
            "SELECT count(*) FROM orders WHERE org_id = ?",
            "SELECT " ORDER_COLUMNS " FROM orders WHERE org_id = ? "
            "ORDER BY created DESC, id DESC LIMIT ? OFFSET ?",
            add_order);
}

static void
add_action (JsonBuilder  *builder,
            sqlite3_stmt *stmt)
{
  g_autofree char *id = g_strdup_printf ("a%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
  g_autofree char *timestamp = seats_format_timestamp (sqlite3_column_int64 (stmt, 1));

  json_builder_begin_object (builder);
  seats_json_add_string (builder, "id", id);
  seats_json_add_string (builder, "timestamp", timestamp);
  seats_json_add_string (builder, "actor", (const char *) sqlite3_column_text (stmt, 2));
  seats_json_add_string (builder, "action", (const char *) sqlite3_column_text (stmt, 3));
  seats_json_add_string (builder, "subject", (const char *) sqlite3_column_text (stmt, 4));
  seats_json_add_nullable_string (builder, "before", (const char *) sqlite3_column_text (stmt, 5));
  seats_json_add_nullable_string (builder, "after", (const char *) sqlite3_column_text (stmt, 6));
  json_builder_end_object (builder);
}

static void
add_actions (SeatsServer  *self,
             SeatsRequest *req,
             JsonBuilder  *builder,
             const GDate  *today)
{
  add_page (self, req, builder,
            "SELECT count(*) FROM actions WHERE org_id = ?",
            "SELECT seq, timestamp, actor, action, subject, before, after FROM actions "
            "WHERE org_id = ? ORDER BY timestamp DESC, seq DESC LIMIT ? OFFSET ?",
            add_action);
}

static void
add_invoice (JsonBuilder  *builder,
             sqlite3_stmt *stmt)
{
  json_builder_begin_object (builder);
  seats_json_add_string (builder, "id", (const char *) sqlite3_column_text (stmt, 0));
  seats_json_add_string (builder, "number", (const char *) sqlite3_column_text (stmt, 1));
  seats_json_add_date (builder, "issued", sqlite3_column_int (stmt, 2));
  seats_json_add_date (builder, "due", sqlite3_column_int (stmt, 3));
  seats_json_add_money (builder, "amount", sqlite3_column_int64 (stmt, 4),
                        (const char *) sqlite3_column_text (stmt, 5));
  seats_json_add_string (builder, "status", (const char *) sqlite3_column_text (stmt, 6));
  seats_json_add_string (builder, "description", (const char *) sqlite3_column_text (stmt, 7));
  json_builder_end_object (builder);
}

static void
add_invoices (SeatsServer  *self,
              SeatsRequest *req,
              JsonBuilder  *builder,
              const GDate  *today)
{
  add_page (self, req, builder,
            "SELECT count(*) FROM invoices WHERE org_id = ?",
            "SELECT id, number, issued, due, amount, currency, status, description FROM invoices "
            "WHERE org_id = ? ORDER BY issued DESC, number DESC LIMIT ? OFFSET ?",
            add_invoice);
}

/* Features: the organization's switches and its integrations (R12). */
static char *
feature_etag (gint64 version)
{
  return g_strdup_printf ("\"f%" G_GINT64_FORMAT "\"", version);
}

static void
add_feature_row (SeatsServer  *self,
                 SeatsRequest *req,
                 JsonBuilder  *builder,
                 sqlite3_stmt *stmt)
{
  g_autofree char *etag = feature_etag (sqlite3_column_int64 (stmt, 4));

  json_builder_begin_object (builder);
  seats_json_add_string (builder, "id", (const char *) sqlite3_column_text (stmt, 0));
  seats_json_add_string (builder, "name", (const char *) sqlite3_column_text (stmt, 1));
  seats_json_add_string (builder, "description", (const char *) sqlite3_column_text (stmt, 2));
  seats_json_add_string (builder, "kind", "feature");
  seats_json_add_bool (builder, "enabled", sqlite3_column_int (stmt, 3));
  json_builder_set_member_name (builder, "monthly_fee");
  json_builder_add_null_value (builder);
  seats_json_add_string (builder, "etag", etag);
  json_builder_end_object (builder);
}

/* The vendor writes to an organization in its own language, as its data
 * is; what it costs is the fee, not a sentence. */
static const char *
integration_description (const char *country)
{
  if (g_strcmp0 (country, "NL") == 0)
    return "Gegevens gaan automatisch over, zonder dubbel invoeren.";
  if (g_strcmp0 (country, "SE") == 0)
    return "Uppgifterna förs över automatiskt, utan dubbelinmatning.";

  return "Data is passed on automatically, without entering it twice.";
}

static void
add_integration (JsonBuilder        *builder,
                 SeatsServerProduct *product,
                 SeatsOrg           *org,
                 SeatsRole           role)
{
  g_autofree char *etag = seats_product_etag (product);

  json_builder_begin_object (builder);
  seats_json_add_string (builder, "id", product->id);
  seats_json_add_string (builder, "name", product->name);
  seats_json_add_string (builder, "description", integration_description (org->country));
  seats_json_add_string (builder, "kind", "integration");
  seats_json_add_bool (builder, "enabled", product->enabled);
  /* R15: prices are billing, which a viewer does not see. */
  if (role == SEATS_ROLE_ADMIN)
    seats_json_add_money (builder, "monthly_fee", product->price, org->currency);
  else
    {
      json_builder_set_member_name (builder, "monthly_fee");
      json_builder_add_null_value (builder);
    }
  seats_json_add_string (builder, "etag", etag);
  json_builder_end_object (builder);
}

#define FEATURE_COLUMNS "id, name, description, enabled, version"

static void
add_features (SeatsServer  *self,
              SeatsRequest *req,
              JsonBuilder  *builder,
              const GDate  *today)
{
  g_autoptr(GPtrArray) products = seats_server_db_load_products (self, req->org, today);
  sqlite3_stmt *stmt = seats_server_db_prepare (self,
    "SELECT " FEATURE_COLUMNS " FROM features WHERE org_id = ? ORDER BY sort");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  sqlite3_bind_int64 (stmt, 1, req->org->id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    add_feature_row (self, req, builder, stmt);
  sqlite3_reset (stmt);
  for (guint i = 0; i < products->len; i++)
    {
      SeatsServerProduct *product = g_ptr_array_index (products, i);

      if (product->kind == SEATS_PRODUCT_KIND_INTEGRATION)
        add_integration (builder, product, req->org, req->role);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

typedef struct
{
  const char *id;
  gboolean    enabled;
  gboolean    integration;
} FeatureChange;

static gboolean
apply_feature (SeatsServer   *self,
               SeatsRequest  *req,
               gpointer       data,
               GError       **error)
{
  FeatureChange *change = data;
  g_auto(SeatsSnapshot) snapshot = { 0, };
  g_autoptr(SeatsChange) feature = seats_change_new_feature (change->id, change->enabled);
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(GError) refusal = NULL;
  sqlite3_stmt *stmt;
  GDate today;

  if (!seats_server_check_not_resold (req->org, error))
    return FALSE;

  seats_server_org_today (self, req->org, &today);
  seats_server_snapshot_init (&snapshot, req->org, req->role);
  seats_server_snapshot_add_feature (self, &snapshot, req->org, change->id, &today);
  checked = seats_server_check_change (feature, &snapshot, &today, NULL, &refusal);

  /* Switched to what it is already: answered with the feature as it is,
   * and not written in the log as a switch (R14). */
  if (g_error_matches (refusal, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOTHING_TO_DO))
    return TRUE;

  if (checked == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&refusal));
      return FALSE;
    }

  if (change->integration)
    stmt = seats_server_db_prepare (self,
      "UPDATE products SET enabled = ?, version = version + 1 WHERE org_id = ? AND id = ?");
  else
    stmt = seats_server_db_prepare (self,
      "UPDATE features SET enabled = ?, version = version + 1 WHERE org_id = ? AND id = ?");
  sqlite3_bind_int (stmt, 1, change->enabled);
  sqlite3_bind_int64 (stmt, 2, req->org->id);
  seats_server_db_bind_text (stmt, 3, change->id);

  return seats_server_db_step_done (self, stmt, error) &&
         seats_server_db_log_action (self, req->org->id, req->actor,
                                     change->enabled ? "feature-on" : "feature-off", change->id,
                                     change->enabled ? "off" : "on", change->enabled ? "on" : "off",
                                     error);
}

static void
put_feature (SeatsServer  *self,
             SeatsRequest *req,
             const char   *id)
{
  static const SeatsFieldSpec fields[] = {
    { "enabled", SEATS_FIELD_BOOL, TRUE, FALSE },
  };
  g_autoptr(SeatsServerProduct) product = NULL;
  g_autofree char *etag = NULL;
  FeatureChange change = { id, FALSE, FALSE };
  sqlite3_stmt *stmt;
  GDate today;

  if (!seats_request_require_admin (req))
    return;

  seats_server_org_today (self, req->org, &today);
  product = seats_server_db_load_product (self, req->org, id, &today);
  if (product != NULL && product->kind == SEATS_PRODUCT_KIND_INTEGRATION)
    {
      change.integration = TRUE;
      etag = seats_product_etag (product);
    }
  else
    {
      stmt = seats_server_db_prepare (self, "SELECT version FROM features WHERE org_id = ? AND id = ?");
      sqlite3_bind_int64 (stmt, 1, req->org->id);
      seats_server_db_bind_text (stmt, 2, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        etag = feature_etag (sqlite3_column_int64 (stmt, 0));
      sqlite3_reset (stmt);
    }

  if (etag == NULL)
    {
      seats_request_reply_problem (req, 404, "not-found", _("There is no such feature."), NULL);
      return;
    }

  if (!seats_request_check_if_match (req, etag) ||
      !seats_request_parse_body (req, SEATS_SERVER_MAX_BODY) ||
      !seats_request_check_fields (req, req->body, NULL, fields, G_N_ELEMENTS (fields)))
    return;

  change.enabled = json_object_get_boolean_member (req->body, "enabled");
  if (!run_change (self, req, apply_feature, &change, "enabled"))
    return;

  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();

    if (change.integration)
      {
        g_autoptr(SeatsServerProduct) fresh = seats_server_db_load_product (self, req->org, id, &today);
        g_autofree char *fresh_etag = seats_product_etag (fresh);

        add_integration (builder, fresh, req->org, req->role);
        seats_request_reply_builder (req, 200, builder, fresh_etag);
      }
    else
      {
        g_autofree char *fresh_etag = NULL;

        stmt = seats_server_db_prepare (self,
          "SELECT " FEATURE_COLUMNS " FROM features WHERE org_id = ? AND id = ?");
        sqlite3_bind_int64 (stmt, 1, req->org->id);
        seats_server_db_bind_text (stmt, 2, id);
        sqlite3_step (stmt);
        fresh_etag = feature_etag (sqlite3_column_int64 (stmt, 4));
        add_feature_row (self, req, builder, stmt);
        sqlite3_reset (stmt);
        seats_request_reply_builder (req, 200, builder, fresh_etag);
      }
  }
}

/* Products */
static SeatsServerProduct *
find_product (SeatsServer  *self,
              SeatsRequest *req,
              const char   *id)
{
  SeatsServerProduct *product;
  GDate today;

  seats_server_org_today (self, req->org, &today);
  product = seats_server_db_load_product (self, req->org, id, &today);
  if (product == NULL)
    seats_request_reply_problem (req, 404, "not-found", _("There is no such product."), NULL);

  return product;
}

static void
reply_product (SeatsServer  *self,
               SeatsRequest *req,
               const char   *id,
               gboolean      conditional)
{
  g_autoptr(SeatsServerProduct) product = find_product (self, req, id);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *etag = NULL;

  if (product == NULL)
    return;

  /* A product's ETag is its version; in_use is not part of it, so a
   * conditional GET uses the organization's revision as well. */
  etag = seats_product_etag (product);
  if (conditional)
    {
      g_autofree char *collection = seats_request_collection_etag (req);

      if (seats_request_not_modified (req, collection))
        {
          g_free (req->etag);
          req->etag = g_strdup (etag);
          return;
        }
    }

  /* R15: prices are billing, which a viewer does not see. */
  seats_json_add_product (builder, product, req->role == SEATS_ROLE_ADMIN ? req->org->currency : NULL);
  seats_request_reply_builder (req, 200, builder, etag);
}

static SeatsServerProduct *
prepare_product_change (SeatsServer  *self,
                        SeatsRequest *req,
                        const char   *id)
{
  g_autoptr(SeatsServerProduct) product = NULL;
  g_autofree char *etag = NULL;

  if (!seats_request_require_admin (req))
    return NULL;

  product = find_product (self, req, id);
  if (product == NULL)
    return NULL;

  etag = seats_product_etag (product);
  if (!seats_request_check_if_match (req, etag))
    return NULL;

  return g_steal_pointer (&product);
}

typedef struct
{
  SeatsServerProduct *product;
  guint               count;
} NextPeriodChange;

static gboolean
apply_next_period (SeatsServer   *self,
                   SeatsRequest  *req,
                   gpointer       data,
                   GError       **error)
{
  NextPeriodChange *change = data;
  g_auto(SeatsSnapshot) snapshot = { 0, };
  g_autoptr(SeatsChange) next_period = seats_change_new_next_period (change->product->id,
                                                                    change->count);
  g_autoptr(SeatsChange) checked = NULL;
  g_autofree char *before = g_strdup_printf ("%u", change->product->next_period);
  g_autofree char *after = g_strdup_printf ("%u", change->count);
  sqlite3_stmt *stmt;
  GDate today;

  if (!seats_server_check_not_resold (req->org, error))
    return FALSE;

  /* R3 and R5 for user licenses, on the policy and the users who count; a
   * module (R7) may go to 0, which removes it, but not below the users who
   * hold it; an integration has no count. */
  seats_server_org_today (self, req->org, &today);
  seats_server_snapshot_init (&snapshot, req->org, req->role);
  seats_server_snapshot_add_product (&snapshot, change->product, req->org->currency);
  checked = seats_server_check_change (next_period, &snapshot, &today, NULL, error);
  if (checked == NULL)
    return FALSE;


  stmt = seats_server_db_prepare (self,
    "UPDATE products SET next_period = ?, version = version + 1 WHERE org_id = ? AND id = ?");
  sqlite3_bind_int64 (stmt, 1, change->count);
  sqlite3_bind_int64 (stmt, 2, req->org->id);
  seats_server_db_bind_text (stmt, 3, change->product->id);

  return seats_server_db_step_done (self, stmt, error) &&
         seats_server_db_log_action (self, req->org->id, req->actor, "next-period",
                                     change->product->id, before, after, error);
}

static void
put_next_period (SeatsServer  *self,
                 SeatsRequest *req,
                 const char   *id)
{
  static const SeatsFieldSpec fields[] = {
    { "count", SEATS_FIELD_INT, TRUE, FALSE },
  };
  g_autoptr(SeatsServerProduct) product = prepare_product_change (self, req, id);
  NextPeriodChange change = { product, 0 };
  gint64 count;

  if (product == NULL ||
      !seats_request_parse_body (req, SEATS_SERVER_MAX_BODY) ||
      !seats_request_check_fields (req, req->body, NULL, fields, G_N_ELEMENTS (fields)))
    return;

  count = json_object_get_int_member (req->body, "count");
  if (count < 0 || count > SEATS_LICENSE_MAX_COUNT)
    {
      seats_request_reply_problem (req, 400, "malformed-request",
                                   "\"count\" must be from 0 to 1000000.", "count");
      return;
    }

  change.count = (guint) count;
  if (run_change (self, req, apply_next_period, &change, "count"))
    reply_product (self, req, id, FALSE);
}

typedef struct
{
  SeatsServerProduct *product;
  const char         *user_id;
  gboolean            assign;
} AssignmentChange;

static gboolean
apply_assignment (SeatsServer   *self,
                  SeatsRequest  *req,
                  gpointer       data,
                  GError       **error)
{
  AssignmentChange *change = data;
  const char *user_ids[] = { change->user_id, NULL };
  g_auto(SeatsSnapshot) snapshot = { 0, };
  g_autoptr(SeatsChange) module = seats_change_new_module (change->product->id, user_ids,
                                                           change->assign);
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(GError) refusal = NULL;
  sqlite3_stmt *stmt;
  GDate today;

  /* R7: a module's license is assigned only when one is free, and only to
   * a user who has not left (R1). */
  seats_server_org_today (self, req->org, &today);
  seats_server_snapshot_init (&snapshot, req->org, req->role);
  seats_server_snapshot_add_product (&snapshot, change->product, req->org->currency);
  seats_server_snapshot_add_users (self, &snapshot, req->org, user_ids);
  checked = seats_server_check_change (module, &snapshot, &today, NULL, &refusal);

  /* Held already, not held, or for someone who has left: nothing changes,
   * and that is not an error, as assigning twice never was. */
  if (g_error_matches (refusal, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOTHING_TO_DO))
    return TRUE;

  if (checked == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&refusal));
      return FALSE;
    }

  if (change->assign)
    stmt = seats_server_db_prepare (self,
      "INSERT INTO assignments (org_id, product_id, user_id) VALUES (?, ?, ?)");
  else
    stmt = seats_server_db_prepare (self,
      "DELETE FROM assignments WHERE org_id = ? AND product_id = ? AND user_id = ?");
  sqlite3_bind_int64 (stmt, 1, req->org->id);
  seats_server_db_bind_text (stmt, 2, change->product->id);
  seats_server_db_bind_text (stmt, 3, change->user_id);
  if (!seats_server_db_step_done (self, stmt, error))
    return FALSE;

  /* The user's modules are kept with the user as well, for the SCIM pages. */
  stmt = seats_server_db_prepare (self,
    "UPDATE users SET modules = coalesce ((SELECT group_concat (product_id, ',') FROM "
    "(SELECT product_id FROM assignments WHERE org_id = ?1 AND user_id = ?2 ORDER BY product_id)), ''), "
    "version = version + 1, modified = ?3 WHERE org_id = ?1 AND id = ?2");
  sqlite3_bind_int64 (stmt, 1, req->org->id);
  seats_server_db_bind_text (stmt, 2, change->user_id);
  sqlite3_bind_int64 (stmt, 3, seats_server_now_ms (self));
  if (!seats_server_db_step_done (self, stmt, error))
    return FALSE;

  stmt = seats_server_db_prepare (self,
    "UPDATE products SET version = version + 1 WHERE org_id = ? AND id = ?");
  sqlite3_bind_int64 (stmt, 1, req->org->id);
  seats_server_db_bind_text (stmt, 2, change->product->id);

  return seats_server_db_step_done (self, stmt, error) &&
         seats_server_db_log_action (self, req->org->id, req->actor,
                                     change->assign ? "assign-module" : "unassign-module",
                                     change->user_id, change->assign ? NULL : change->product->id,
                                     change->assign ? change->product->id : NULL, error);
}

static void
change_assignment (SeatsServer  *self,
                   SeatsRequest *req,
                   const char   *id,
                   const char   *user_id,
                   gboolean      assign)
{
  g_autoptr(SeatsServerProduct) product = prepare_product_change (self, req, id);
  AssignmentChange change = { product, user_id, assign };

  if (product == NULL)
    return;

  if (product->kind != SEATS_PRODUCT_KIND_MODULE)
    {
      seats_request_reply_problem (req, 422, "not-a-module",
                                   _("Only add-on modules are assigned to users."), NULL);
      return;
    }

  if (run_change (self, req, apply_assignment, &change, NULL))
    reply_product (self, req, id, FALSE);
}

static void
reply_assignments (SeatsServer  *self,
                   SeatsRequest *req,
                   const char   *id)
{
  g_autoptr(SeatsServerProduct) product = find_product (self, req, id);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *etag = NULL;
  sqlite3_stmt *stmt;

  if (product == NULL)
    return;

  etag = seats_request_collection_etag (req);
  if (seats_request_not_modified (req, etag))
    return;

  json_builder_begin_object (builder);
  seats_json_add_string (builder, "product_id", product->id);
  seats_json_add_int (builder, "in_use", product->in_use);
  json_builder_set_member_name (builder, "user_ids");
  json_builder_begin_array (builder);
  stmt = seats_server_db_prepare (self,
    "SELECT user_id FROM assignments WHERE org_id = ? AND product_id = ? ORDER BY user_id");
  sqlite3_bind_int64 (stmt, 1, req->org->id);
  seats_server_db_bind_text (stmt, 2, product->id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  seats_request_reply_builder (req, 200, builder, etag);
}

/* Orders (R2, R4), made once per idempotency key. */
typedef struct
{
  const char *product_id;
  guint       quantity;
  const char *key;
  const char *request_hash;
  GBytes     *answer;
} OrderChange;

static gboolean
apply_order (SeatsServer   *self,
             SeatsRequest  *req,
             gpointer       data,
             GError       **error)
{
  OrderChange *change = data;
  g_auto(SeatsSnapshot) snapshot = { 0, };
  g_autoptr(SeatsChange) buy = seats_change_new_buy (change->product_id, change->quantity);
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(SeatsServerProduct) product = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3_stmt *stmt;
  SeatsChangeOutcome outcome;
  guint new_purchased;
  guint new_next;
  gint64 amount;
  gint64 now = seats_server_now_ms (self);
  GDate today;
  char *text;
  gsize length;

  seats_server_org_today (self, req->org, &today);

  if (!seats_server_check_not_resold (req->org, error))
    return FALSE;

  /* The product bought and the period it is prorated over. */
  seats_server_snapshot_init (&snapshot, req->org, req->role);
  seats_server_snapshot_add_subscription (&snapshot, req->org);
  product = seats_server_db_load_product (self, req->org, change->product_id, &today);
  if (product != NULL)
    seats_server_snapshot_add_product (&snapshot, product, req->org->currency);

  /* R4 for the counts, R2 for the amount, as the window quoted them. */
  checked = seats_server_check_change (buy, &snapshot, &today, &outcome, error);
  if (checked == NULL)
    return FALSE;
  new_purchased = outcome.quote.purchased_after;
  new_next = outcome.quote.next_after;
  amount = outcome.quote.amount;
  /* The check found the product. */
  g_assert (product != NULL);

  stmt = seats_server_db_prepare (self,
    "UPDATE products SET purchased = ?, next_period = ?, version = version + 1 "
    "WHERE org_id = ? AND id = ?");
  sqlite3_bind_int64 (stmt, 1, new_purchased);
  sqlite3_bind_int64 (stmt, 2, new_next);
  sqlite3_bind_int64 (stmt, 3, req->org->id);
  seats_server_db_bind_text (stmt, 4, product->id);
  if (!seats_server_db_step_done (self, stmt, error))
    return FALSE;

  order_id = g_strdup_printf ("ord-%.8s", uuid);
  stmt = seats_server_db_prepare (self,
    "INSERT INTO orders (org_id, id, created, product_id, product_name, quantity, amount, "
    "currency, period_start, period_months, purchased, next_period, actor) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, req->org->id);
  seats_server_db_bind_text (stmt, 2, order_id);
  sqlite3_bind_int64 (stmt, 3, now);
  seats_server_db_bind_text (stmt, 4, product->id);
  seats_server_db_bind_text (stmt, 5, product->name);
  sqlite3_bind_int64 (stmt, 6, change->quantity);
  sqlite3_bind_int64 (stmt, 7, amount);
  seats_server_db_bind_text (stmt, 8, req->org->currency);
  sqlite3_bind_int64 (stmt, 9, req->org->period_start);
  sqlite3_bind_int64 (stmt, 10, req->org->period_months);
  sqlite3_bind_int64 (stmt, 11, new_purchased);
  sqlite3_bind_int64 (stmt, 12, new_next);
  seats_server_db_bind_text (stmt, 13, req->actor);
  if (!seats_server_db_step_done (self, stmt, error))
    return FALSE;

  before = g_strdup_printf ("%u", product->purchased);
  after = g_strdup_printf ("%u", new_purchased);
  if (!seats_server_db_log_action (self, req->org->id, req->actor, "order", product->id,
                                   before, after, error) ||
      !seats_server_reconcile_grace (self, req->org, &today, error))
    return FALSE;

  stmt = seats_server_db_prepare (self, "SELECT " ORDER_COLUMNS " FROM orders WHERE org_id = ? AND id = ?");
  sqlite3_bind_int64 (stmt, 1, req->org->id);
  seats_server_db_bind_text (stmt, 2, order_id);
  sqlite3_step (stmt);
  add_order (builder, stmt);
  sqlite3_reset (stmt);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  change->answer = g_bytes_new_take (text, length);

  /* The answer is kept with the key in the same transaction: a retry after
   * a lost answer gets this one, never a second order. */
  return seats_server_db_keep_answer (self, req->org->id, change->key, change->request_hash, 201,
                                      change->answer, NULL, error);
}

static void
post_order (SeatsServer  *self,
            SeatsRequest *req)
{
  static const SeatsFieldSpec fields[] = {
    { "product_id", SEATS_FIELD_STRING, TRUE, FALSE },
    { "quantity", SEATS_FIELD_INT, TRUE, FALSE },
  };
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *key = soup_message_headers_get_one (headers, "Idempotency-Key");
  g_autofree char *canonical = NULL;
  g_autofree char *request_hash = NULL;
  OrderChange change = { 0, };
  gint64 quantity;

  if (!seats_request_require_admin (req))
    return;

  if (key == NULL || *key == '\0' || strlen (key) > SEATS_SERVER_IDEMPOTENCY_KEY_MAX)
    {
      seats_request_reply_problem (req, 400, "idempotency-key-required",
                                   "An order needs an Idempotency-Key header of 1 to 200 characters, "
                                   "so that a retry never buys twice.", NULL);
      return;
    }

  if (!seats_request_parse_body (req, SEATS_SERVER_MAX_BODY) ||
      !seats_request_check_fields (req, req->body, NULL, fields, G_N_ELEMENTS (fields)))
    return;

  quantity = json_object_get_int_member (req->body, "quantity");
  if (quantity < 0 || quantity > SEATS_LICENSE_MAX_COUNT)
    {
      seats_request_reply_problem (req, 400, "malformed-request",
                                   "\"quantity\" must be from 1 to 1000000.", "quantity");
      return;
    }

  change.product_id = seats_json_get_string (req->body, "product_id");
  change.quantity = (guint) quantity;
  change.key = key;
  canonical = g_strdup_printf ("%s\n%u", change.product_id, change.quantity);
  request_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
  change.request_hash = request_hash;

  if (seats_request_replay (req, key, request_hash,
                            _("This Idempotency-Key was used for another order. "
                            "Use a new key for a new order.")))
    return;

  if (run_change (self, req, apply_order, &change, "quantity"))
    {
      req->status = 201;
      g_free (req->content_type);
      req->content_type = g_strdup ("application/json");
      req->answer = g_steal_pointer (&change.answer);
    }
  g_clear_pointer (&change.answer, g_bytes_unref);
}

/* Billing details (R13) */
static char *
billing_etag (gint64 version)
{
  return g_strdup_printf ("\"b%" G_GINT64_FORMAT "\"", version);
}

#define BILLING_COLUMNS \
  "company_name, vat_number, contact_user_id, contact_email, street, postal_code, city, " \
  "billing_country, einvoice_enabled, einvoice_address, einvoice_operator, billing_version"

static sqlite3_stmt *
load_billing (SeatsServer  *self,
              SeatsRequest *req)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self, "SELECT " BILLING_COLUMNS " FROM orgs WHERE id = ?");

  sqlite3_bind_int64 (stmt, 1, req->org->id);
  sqlite3_step (stmt);
  return stmt;
}

static void
add_billing (JsonBuilder  *builder,
             sqlite3_stmt *stmt,
             const char   *etag)
{
  json_builder_begin_object (builder);
  seats_json_add_string (builder, "company_name", (const char *) sqlite3_column_text (stmt, 0));
  seats_json_add_string (builder, "vat_number", (const char *) sqlite3_column_text (stmt, 1));
  json_builder_set_member_name (builder, "contact");
  json_builder_begin_object (builder);
  seats_json_add_nullable_string (builder, "user_id", (const char *) sqlite3_column_text (stmt, 2));
  seats_json_add_nullable_string (builder, "email", (const char *) sqlite3_column_text (stmt, 3));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "postal_address");
  json_builder_begin_object (builder);
  seats_json_add_string (builder, "street", (const char *) sqlite3_column_text (stmt, 4));
  seats_json_add_string (builder, "postal_code", (const char *) sqlite3_column_text (stmt, 5));
  seats_json_add_string (builder, "city", (const char *) sqlite3_column_text (stmt, 6));
  seats_json_add_string (builder, "country", (const char *) sqlite3_column_text (stmt, 7));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "e_invoicing");
  json_builder_begin_object (builder);
  seats_json_add_bool (builder, "enabled", sqlite3_column_int (stmt, 8));
  seats_json_add_nullable_string (builder, "address", (const char *) sqlite3_column_text (stmt, 9));
  seats_json_add_nullable_string (builder, "operator_code", (const char *) sqlite3_column_text (stmt, 10));
  json_builder_end_object (builder);
  seats_json_add_string (builder, "etag", etag);
  json_builder_end_object (builder);
}

static void
reply_billing (SeatsServer  *self,
               SeatsRequest *req,
               gboolean      conditional)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *etag = NULL;
  sqlite3_stmt *stmt;

  if (!seats_request_require_admin (req))
    return;

  stmt = load_billing (self, req);
  etag = billing_etag (sqlite3_column_int64 (stmt, 11));
  if (conditional && seats_request_not_modified (req, etag))
    {
      sqlite3_reset (stmt);
      return;
    }

  add_billing (builder, stmt, etag);
  sqlite3_reset (stmt);

  seats_request_reply_builder (req, 200, builder, etag);
}

static const char *
billing_field_name (SeatsBillingField field)
{
  switch (field)
    {
    case SEATS_BILLING_FIELD_CONTACT: return "contact";
    case SEATS_BILLING_FIELD_STREET: return "postal_address.street";
    case SEATS_BILLING_FIELD_POSTAL_CODE: return "postal_address.postal_code";
    case SEATS_BILLING_FIELD_CITY: return "postal_address.city";
    case SEATS_BILLING_FIELD_COUNTRY: return "postal_address.country";
    case SEATS_BILLING_FIELD_EINVOICE_ADDRESS: return "e_invoicing.address";
    case SEATS_BILLING_FIELD_EINVOICE_OPERATOR: return "e_invoicing.operator_code";
    case SEATS_BILLING_FIELD_NONE:
    default: return NULL;
    }
}

static gboolean
apply_billing (SeatsServer   *self,
               SeatsRequest  *req,
               gpointer       data,
               GError       **error)
{
  SeatsBillingDetails *details = data;
  const char *contact_user_id = seats_billing_details_get_contact_user_id (details);
  const char *contact_email = seats_billing_details_get_contact_email (details);
  gboolean e_invoicing = seats_billing_details_get_e_invoicing (details);
  /* R14: the log says what changed, field by field, before and after. The
   * contact is the user's id where it is a user, as the log names users. */
  struct {
    const char *code;
    char       *before;
    const char *after;
  } fields[] = {
    { "contact", NULL, contact_user_id ? contact_user_id : contact_email },
    { "street", NULL, seats_billing_details_get_street (details) },
    { "postal-code", NULL, seats_billing_details_get_postal_code (details) },
    { "city", NULL, seats_billing_details_get_city (details) },
    { "country", NULL, seats_billing_details_get_country (details) },
    { "e-invoicing", NULL, e_invoicing ? "on" : "off" },
    { "e-invoice-address", NULL, seats_billing_details_get_e_invoice_address (details) },
    { "e-invoice-operator", NULL, seats_billing_details_get_operator_code (details) },
  };
  sqlite3_stmt *stmt = load_billing (self, req);
  gboolean done;

  fields[0].before = seats_server_db_column_text (stmt, 2);
  if (fields[0].before == NULL)
    fields[0].before = seats_server_db_column_text (stmt, 3);
  for (guint i = 1; i <= 4; i++)
    fields[i].before = seats_server_db_column_text (stmt, 3 + i);
  fields[5].before = g_strdup (sqlite3_column_int (stmt, 8) ? "on" : "off");
  fields[6].before = seats_server_db_column_text (stmt, 9);
  fields[7].before = seats_server_db_column_text (stmt, 10);
  sqlite3_reset (stmt);

  stmt = seats_server_db_prepare (self,
    "UPDATE orgs SET contact_user_id = ?, contact_email = ?, street = ?, postal_code = ?, "
    "city = ?, billing_country = ?, einvoice_enabled = ?, einvoice_address = ?, "
    "einvoice_operator = ?, billing_version = billing_version + 1 WHERE id = ?");

  seats_server_db_bind_text (stmt, 1, contact_user_id);
  seats_server_db_bind_text (stmt, 2, contact_email);
  seats_server_db_bind_text (stmt, 3, seats_billing_details_get_street (details));
  seats_server_db_bind_text (stmt, 4, seats_billing_details_get_postal_code (details));
  seats_server_db_bind_text (stmt, 5, seats_billing_details_get_city (details));
  seats_server_db_bind_text (stmt, 6, seats_billing_details_get_country (details));
  sqlite3_bind_int (stmt, 7, e_invoicing);
  seats_server_db_bind_text (stmt, 8, seats_billing_details_get_e_invoice_address (details));
  seats_server_db_bind_text (stmt, 9, seats_billing_details_get_operator_code (details));
  sqlite3_bind_int64 (stmt, 10, req->org->id);

  done = seats_server_db_step_done (self, stmt, error);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *before = fields[i].before != NULL ? fields[i].before : "";
      const char *after = fields[i].after != NULL ? fields[i].after : "";

      if (done && !g_str_equal (before, after))
        done = seats_server_db_log_action (self, req->org->id, req->actor, "billing", fields[i].code,
                                           *before ? before : NULL, *after ? after : NULL, error);
      g_free (fields[i].before);
    }

  return done;
}

static const char *
nonblank (const char *text)
{
  if (text == NULL)
    return NULL;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      return text;
  return NULL;
}

static void
put_billing (SeatsServer  *self,
             SeatsRequest *req)
{
  static const SeatsFieldSpec fields[] = {
    { "company_name", SEATS_FIELD_STRING, FALSE, FALSE },
    { "vat_number", SEATS_FIELD_STRING, FALSE, FALSE },
    { "contact", SEATS_FIELD_OBJECT, TRUE, FALSE },
    { "postal_address", SEATS_FIELD_OBJECT, TRUE, FALSE },
    { "e_invoicing", SEATS_FIELD_OBJECT, TRUE, FALSE },
    { "etag", SEATS_FIELD_STRING, FALSE, FALSE },
  };
  static const SeatsFieldSpec contact_fields[] = {
    { "user_id", SEATS_FIELD_STRING, TRUE, TRUE },
    { "email", SEATS_FIELD_STRING, TRUE, TRUE },
  };
  static const SeatsFieldSpec address_fields[] = {
    { "street", SEATS_FIELD_STRING, TRUE, FALSE },
    { "postal_code", SEATS_FIELD_STRING, TRUE, FALSE },
    { "city", SEATS_FIELD_STRING, TRUE, FALSE },
    { "country", SEATS_FIELD_STRING, TRUE, FALSE },
  };
  static const SeatsFieldSpec einvoice_fields[] = {
    { "enabled", SEATS_FIELD_BOOL, TRUE, FALSE },
    { "address", SEATS_FIELD_STRING, TRUE, TRUE },
    { "operator_code", SEATS_FIELD_STRING, TRUE, TRUE },
  };
  g_autoptr(GError) error = NULL;
  g_auto(SeatsSnapshot) snapshot = { 0, };
  g_autoptr(SeatsBillingDetails) details = seats_billing_details_new ();
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(SeatsChange) checked = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *company = NULL;
  g_autofree char *vat = NULL;
  const char *contact_user_id;
  SeatsChangeOutcome outcome;
  JsonObject *contact;
  JsonObject *address;
  JsonObject *einvoice;
  sqlite3_stmt *stmt;
  GDate today;

  if (!seats_request_require_admin (req))
    return;

  stmt = load_billing (self, req);
  etag = billing_etag (sqlite3_column_int64 (stmt, 11));
  company = seats_server_db_column_text (stmt, 0);
  vat = seats_server_db_column_text (stmt, 1);
  sqlite3_reset (stmt);

  if (!seats_request_check_if_match (req, etag) ||
      !seats_request_parse_body (req, SEATS_SERVER_MAX_BODY) ||
      !seats_request_check_fields (req, req->body, NULL, fields, G_N_ELEMENTS (fields)))
    return;

  contact = json_object_get_object_member (req->body, "contact");
  address = json_object_get_object_member (req->body, "postal_address");
  einvoice = json_object_get_object_member (req->body, "e_invoicing");
  if (!seats_request_check_fields (req, contact, "contact", contact_fields, G_N_ELEMENTS (contact_fields)) ||
      !seats_request_check_fields (req, address, "postal_address", address_fields, G_N_ELEMENTS (address_fields)) ||
      !seats_request_check_fields (req, einvoice, "e_invoicing", einvoice_fields, G_N_ELEMENTS (einvoice_fields)))
    return;

  /* R13: the company name and VAT number are the vendor's record. */
  if ((json_object_has_member (req->body, "company_name") &&
       g_strcmp0 (seats_json_get_string (req->body, "company_name"), company) != 0) ||
      (json_object_has_member (req->body, "vat_number") &&
       g_strcmp0 (seats_json_get_string (req->body, "vat_number"), vat) != 0))
    {
      seats_request_reply_problem (req, 422, "read-only",
                                   _("The company name and VAT number cannot be changed here. "
                                   "Contact the vendor to change them."),
                                   json_object_has_member (req->body, "company_name") &&
                                   g_strcmp0 (seats_json_get_string (req->body, "company_name"), company) != 0
                                   ? "company_name" : "vat_number");
      return;
    }

  seats_billing_details_set_company_name (details, company);
  seats_billing_details_set_vat_number (details, vat);
  /* The details as they are to be: the contact a user or an address,
   * whichever is not blank. */
  seats_billing_details_set_contact_user_id (details,
                                             nonblank (seats_json_get_string (contact, "user_id")));
  seats_billing_details_set_contact_email (details,
                                           nonblank (seats_json_get_string (contact, "email")));
  seats_billing_details_set_street (details, seats_json_get_string (address, "street"));
  seats_billing_details_set_postal_code (details, seats_json_get_string (address, "postal_code"));
  seats_billing_details_set_city (details, seats_json_get_string (address, "city"));
  seats_billing_details_set_country (details, seats_json_get_string (address, "country"));
  seats_billing_details_set_e_invoicing (details,
                                         json_object_get_boolean_member (einvoice, "enabled"));
  seats_billing_details_set_e_invoice_address (details,
                                               seats_json_get_string (einvoice, "address"));
  seats_billing_details_set_operator_code (details,
                                           seats_json_get_string (einvoice, "operator_code"));

  /* R13, the field a refusal is about named as the body names it. */
  seats_server_org_today (self, req->org, &today);
  seats_server_snapshot_init (&snapshot, req->org, req->role);
  change = seats_change_new_billing_details (details);
  checked = seats_server_check_change (change, &snapshot, &today, &outcome, &error);
  if (checked == NULL)
    {
      seats_request_reply_rule_error (req, error, billing_field_name (outcome.field));
      return;
    }

  /* The check does not know the organization's users: a contact who is one
   * is looked up here. */
  contact_user_id = seats_billing_details_get_contact_user_id (details);
  if (contact_user_id != NULL)
    {
      gboolean known;

      stmt = seats_server_db_prepare (self, "SELECT 1 FROM users WHERE org_id = ? AND id = ?");
      sqlite3_bind_int64 (stmt, 1, req->org->id);
      seats_server_db_bind_text (stmt, 2, contact_user_id);
      known = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (!known)
        {
          seats_request_reply_problem (req, 422, "contact-required",
                                       _("The billing contact must be a user of the organization."),
                                       "contact.user_id");
          return;
        }
    }

  if (run_change (self, req, apply_billing, seats_change_get_billing_details (checked), NULL))
    reply_billing (self, req, FALSE);
}

/* R11: the edition is read-only here, but the request is still a change:
 * the same role, precondition and body checks as any other come first. */
static void
put_edition (SeatsRequest *req)
{
  static const SeatsFieldSpec fields[] = {
    { "edition", SEATS_FIELD_STRING, TRUE, FALSE },
  };
  g_autofree char *etag = NULL;

  if (!seats_request_require_admin (req))
    return;

  etag = seats_request_collection_etag (req);
  if (!seats_request_check_if_match (req, etag) ||
      !seats_request_parse_body (req, SEATS_SERVER_MAX_BODY) ||
      !seats_request_check_fields (req, req->body, NULL, fields, G_N_ELEMENTS (fields)))
    return;

  seats_request_reply_problem (req, 422, "edition-read-only",
                               _("The edition changes only through the vendor’s support, "
                               "at a period change."), "edition");
}

/* Trial conversion (R18) */
static gboolean
apply_trial_conversion (SeatsServer   *self,
                        SeatsRequest  *req,
                        gpointer       data,
                        GError       **error)
{
  g_auto(SeatsSnapshot) snapshot = { 0, };
  g_autoptr(SeatsChange) conversion = NULL;
  g_autoptr(SeatsChange) checked = NULL;
  const char *serial;
  const char *owner;
  sqlite3_stmt *stmt;
  GDate today;

  /* Only a trial is registered, with a serial number and an owner. */
  seats_server_org_today (self, req->org, &today);
  seats_server_snapshot_init (&snapshot, req->org, req->role);
  conversion = seats_change_new_convert_trial (seats_json_get_string (req->body, "serial_number"),
                                               seats_json_get_string (req->body, "license_owner"));
  checked = seats_server_check_change (conversion, &snapshot, &today, NULL, error);
  if (checked == NULL)
    return FALSE;
  serial = seats_change_get_serial_number (checked);
  owner = seats_change_get_license_owner (checked);

  /* The serial number brings what was bought: the edition and the
   * prices, which cost nothing while it was a trial. */
  stmt = seats_server_db_prepare (self,
    "UPDATE orgs SET trial_end = 0, serial_number = ?, license_owner = ?, "
    "edition = COALESCE (paid_edition, edition), paid_edition = NULL WHERE id = ?");
  seats_server_db_bind_text (stmt, 1, serial);
  seats_server_db_bind_text (stmt, 2, owner);
  sqlite3_bind_int64 (stmt, 3, req->org->id);
  if (!seats_server_db_step_done (self, stmt, error))
    return FALSE;

  stmt = seats_server_db_prepare (self,
    "UPDATE products SET price = paid_price, paid_price = NULL, version = version + 1 "
    "WHERE org_id = ? AND paid_price IS NOT NULL");
  sqlite3_bind_int64 (stmt, 1, req->org->id);

  return seats_server_db_step_done (self, stmt, error) &&
         seats_server_db_log_action (self, req->org->id, req->actor, "trial-converted",
                                     "subscription", "trial", serial, error);
}

static void
post_trial_conversion (SeatsServer  *self,
                       SeatsRequest *req)
{
  static const SeatsFieldSpec fields[] = {
    { "serial_number", SEATS_FIELD_STRING, TRUE, FALSE },
    { "license_owner", SEATS_FIELD_STRING, TRUE, FALSE },
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *etag = NULL;
  GDate today;

  if (!seats_request_require_admin (req) ||
      !seats_request_parse_body (req, SEATS_SERVER_MAX_BODY) ||
      !seats_request_check_fields (req, req->body, NULL, fields, G_N_ELEMENTS (fields)) ||
      !run_change (self, req, apply_trial_conversion, NULL, NULL))
    return;

  {
    gint64 org_id = req->org->id;

    g_clear_pointer (&req->org, seats_org_free);
    req->org = seats_server_db_load_org (self, org_id);
  }

  seats_server_org_today (self, req->org, &today);
  seats_json_add_account (builder, self, req->org, req->role, &today);
  etag = seats_request_collection_etag (req);
  seats_request_reply_builder (req, 200, builder, etag);
}

/* Upstream simulation (tests only): people appear and leave. */
static gboolean
apply_upstream_add (SeatsServer   *self,
                    SeatsRequest  *req,
                    gpointer       data,
                    GError       **error)
{
  char **id_out = data;
  g_autofree char *id = g_uuid_string_random ();
  sqlite3_stmt *stmt;
  GDate start;
  GDate end;
  gint64 now = seats_server_now_ms (self);

  seats_license_parse_date (seats_json_get_string (req->body, "startDate"), &start);
  seats_license_parse_date (seats_json_get_string (req->body, "endDate"), &end);

  stmt = seats_server_db_prepare (self,
    "INSERT INTO users (org_id, id, seq, user_name, given_name, family_name, email, active, "
    "start_date, end_date, created, modified) VALUES (?1, ?2, "
    "(SELECT coalesce (max (seq), 0) + 1 FROM users WHERE org_id = ?1), ?3, ?4, ?5, ?6, 1, ?7, ?8, ?9, ?9)");
  sqlite3_bind_int64 (stmt, 1, req->org->id);
  seats_server_db_bind_text (stmt, 2, id);
  seats_server_db_bind_text (stmt, 3, seats_json_get_string (req->body, "userName"));
  seats_server_db_bind_text (stmt, 4, seats_json_get_string (req->body, "givenName"));
  seats_server_db_bind_text (stmt, 5, seats_json_get_string (req->body, "familyName"));
  seats_server_db_bind_text (stmt, 6, seats_json_get_string (req->body, "email"));
  sqlite3_bind_int64 (stmt, 7, g_date_valid (&start) ? g_date_get_julian (&start) : 0);
  sqlite3_bind_int64 (stmt, 8, g_date_valid (&end) ? g_date_get_julian (&end) : 0);
  sqlite3_bind_int64 (stmt, 9, now);
  if (!seats_server_db_step_done (self, stmt, error) ||
      !seats_server_db_log_action (self, req->org->id, "upstream", "user-added", id, NULL, NULL, error))
    return FALSE;

  *id_out = g_steal_pointer (&id);
  return TRUE;
}

static gboolean
apply_upstream_delete (SeatsServer   *self,
                       SeatsRequest  *req,
                       gpointer       data,
                       GError       **error)
{
  return seats_server_db_remove_user (self, req->org->id, data, error);
}

static void
handle_upstream (SeatsServer  *self,
                 SeatsRequest *req)
{
  static const SeatsFieldSpec fields[] = {
    { "userName", SEATS_FIELD_STRING, TRUE, FALSE },
    { "givenName", SEATS_FIELD_STRING, TRUE, FALSE },
    { "familyName", SEATS_FIELD_STRING, TRUE, FALSE },
    { "email", SEATS_FIELD_STRING, TRUE, FALSE },
    { "startDate", SEATS_FIELD_STRING, FALSE, TRUE },
    { "endDate", SEATS_FIELD_STRING, FALSE, TRUE },
  };

  if (!seats_request_require_admin (req))
    return;

  if (req->n_segments == 4 && is_method (req, "POST"))
    {
      g_autofree char *id = NULL;
      g_autofree char *path = NULL;

      if (!seats_request_parse_body (req, SEATS_SERVER_MAX_BODY) ||
          !seats_request_check_fields (req, req->body, NULL, fields, G_N_ELEMENTS (fields)) ||
          !run_change (self, req, apply_upstream_add, &id, NULL))
        return;

      /* Answered as the SCIM resource it now is. */
      path = g_strdup_printf ("/scim/v2/Users/%s", id);
      g_strfreev (req->segments);
      req->segments = g_strsplit (path + 1, "/", -1);
      req->n_segments = 4;
      req->method = "GET";
      req->scim = TRUE;
      seats_server_scim_dispatch (self, req);
      req->status = 201;
    }
  else if (req->n_segments == 5 && is_method (req, "DELETE"))
    {
      if (run_change (self, req, apply_upstream_delete, req->segments[4], NULL))
        req->status = 204;
    }
}

/* The delta: what changed since a moment, in one answer */

static void
append_part (GString     *out,
             const char  *name,
             JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, FALSE);

  g_string_append_printf (out, ",\"%s\":%s", name, text);
}

static void
append_added (SeatsServer  *self,
              SeatsRequest *req,
              GString      *out,
              const char   *name,
              AddFunc       add,
              const GDate  *today)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  add (self, req, builder, today);
  append_part (out, name, builder);
}

/* The rows of @sql (the organization as ?1, the moment as ?2) as {items}. */
static void
append_rows_since (SeatsServer  *self,
                   SeatsRequest *req,
                   GString      *out,
                   const char   *name,
                   const char   *sql,
                   gint64        since,
                   AddRowFunc    add_row)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  sqlite3_stmt *stmt = seats_server_db_prepare (self, sql);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  sqlite3_bind_int64 (stmt, 1, req->org->id);
  sqlite3_bind_int64 (stmt, 2, since);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    add_row (builder, stmt);
  sqlite3_reset (stmt);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  append_part (out, name, builder);
}

/* GET /api/v1/delta?since=T: everything small as it is now, and the
 * orders, log entries, users and deletions since T, so that a client
 * catches up, after a change of its own too, in one request. */
static void
reply_delta (SeatsServer  *self,
             SeatsRequest *req)
{
  const char *since_text = req->query ? g_hash_table_lookup (req->query, "since") : NULL;
  g_autofree char *etag = seats_request_collection_etag (req);
  g_autofree char *now = seats_format_timestamp (seats_server_now_ms (self));
  gboolean admin = req->role == SEATS_ROLE_ADMIN;
  gboolean more = FALSE;
  GString *out;
  sqlite3_stmt *stmt;
  gint64 since;
  guint n = 0;
  GDate today;

  if (!seats_parse_timestamp (since_text, &since))
    {
      seats_request_reply_problem (req, 400, "invalid-parameter",
                                   "The parameter \"since\" must be an RFC 3339 time.", "since");
      return;
    }

  if (seats_request_not_modified (req, etag))
    return;

  seats_server_org_today (self, req->org, &today);
  out = g_string_new (NULL);
  g_string_append_printf (out, "{\"revision\":%" G_GINT64_FORMAT ",\"now\":\"%s\"",
                          req->org->revision, now);

  append_added (self, req, out, "account", add_account, &today);
  append_added (self, req, out, "subscription", add_subscription, &today);
  append_added (self, req, out, "features", add_features, &today);
  append_added (self, req, out, "history", add_history, &today);
  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();

    if (seats_server_add_pending_license (self, req->org, &today, builder))
      append_part (out, "pending_license", builder);
    else
      g_string_append (out, ",\"pending_license\":null");
  }

  /* R15: billing is an administrator's. */
  if (admin)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *billing = NULL;

      stmt = load_billing (self, req);
      billing = billing_etag (sqlite3_column_int64 (stmt, 11));
      add_billing (builder, stmt, billing);
      sqlite3_reset (stmt);
      append_part (out, "billing", builder);

      append_rows_since (self, req, out, "orders",
                         "SELECT " ORDER_COLUMNS " FROM orders WHERE org_id = ?1 AND created >= ?2 "
                         "ORDER BY created DESC, id DESC",
                         since, add_order);
      append_rows_since (self, req, out, "actions",
                         "SELECT seq, timestamp, actor, action, subject, before, after FROM actions "
                         "WHERE org_id = ?1 AND timestamp >= ?2 ORDER BY timestamp DESC, seq DESC",
                         since, add_action);
      /* An invoice changes as it is paid or falls due: all of them, as few
       * as there are periods. */
      append_rows_since (self, req, out, "invoices",
                         "SELECT id, number, issued, due, amount, currency, status, description "
                         "FROM invoices WHERE org_id = ?1 AND ?2 IS NOT NULL "
                         "ORDER BY issued DESC, number DESC LIMIT 500",
                         since, add_invoice);
    }

  g_string_append (out, ",\"users\":");
  seats_server_scim_append_changed_users (self, req, out, since, 1000, &more);
  g_string_append_printf (out, ",\"users_more\":%s,\"deleted\":[", more ? "true" : "false");

  stmt = seats_server_db_prepare (self,
    "SELECT user_id FROM deletions WHERE org_id = ? AND deleted >= ? ORDER BY deleted");
  sqlite3_bind_int64 (stmt, 1, req->org->id);
  sqlite3_bind_int64 (stmt, 2, since);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) id = json_node_init_string (json_node_alloc (),
                                                      (const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *text = json_to_string (id, FALSE);

      g_string_append_printf (out, "%s%s", n++ > 0 ? "," : "", text);
    }
  sqlite3_reset (stmt);
  g_string_append (out, "]}");

  seats_request_reply_json (req, 200, out, etag);
}

void
seats_server_api_dispatch (SeatsServer  *self,
                           SeatsRequest *req)
{
  const char *what = req->n_segments > 2 ? req->segments[2] : "";
  guint n = req->n_segments;
  gboolean get = is_method (req, "GET");

  if (n == 3 && g_str_equal (what, "sync") && get)
    reply_collection (self, req, add_sync);
  else if (n == 3 && g_str_equal (what, "delta") && get)
    reply_delta (self, req);
  else if (n == 3 && g_str_equal (what, "account") && get)
    reply_collection (self, req, add_account);
  else if (n == 3 && g_str_equal (what, "subscription") && get)
    reply_collection (self, req, add_subscription);
  else if (n == 4 && g_str_equal (what, "subscription") && segment_is (req, 3, "history") && get)
    reply_collection (self, req, add_history);
  else if (n == 4 && g_str_equal (what, "subscription") && segment_is (req, 3, "edition") &&
           is_method (req, "PUT"))
    put_edition (req);
  else if (n == 4 && g_str_equal (what, "users") && segment_is (req, 3, "deletions") && get)
    reply_collection (self, req, add_deletions);
  else if (n == 3 && g_str_equal (what, "orders") && get)
    {
      if (seats_request_require_admin (req))
        reply_collection (self, req, add_orders);
    }
  else if (n == 3 && g_str_equal (what, "orders") && is_method (req, "POST"))
    post_order (self, req);
  else if (n == 3 && g_str_equal (what, "actions") && get)
    {
      if (seats_request_require_admin (req))
        reply_collection (self, req, add_actions);
    }
  else if (n == 3 && g_str_equal (what, "invoices") && get)
    {
      if (seats_request_require_admin (req))
        reply_collection (self, req, add_invoices);
    }
  else if (n == 3 && g_str_equal (what, "features") && get)
    reply_collection (self, req, add_features);
  else if (n == 4 && g_str_equal (what, "features") && is_method (req, "PUT"))
    put_feature (self, req, req->segments[3]);
  else if (n == 3 && g_str_equal (what, "billing") && get)
    reply_billing (self, req, TRUE);
  else if (n == 3 && g_str_equal (what, "billing") && is_method (req, "PUT"))
    put_billing (self, req);
  else if (n == 4 && g_str_equal (what, "products") && get)
    reply_product (self, req, req->segments[3], TRUE);
  else if (n == 5 && g_str_equal (what, "products") && segment_is (req, 4, "next-period") &&
           is_method (req, "PUT"))
    put_next_period (self, req, req->segments[3]);
  else if (n == 5 && g_str_equal (what, "products") && segment_is (req, 4, "assignments") && get)
    reply_assignments (self, req, req->segments[3]);
  else if (n == 6 && g_str_equal (what, "products") && segment_is (req, 4, "assignments") &&
           (is_method (req, "PUT") || is_method (req, "DELETE")))
    change_assignment (self, req, req->segments[3], req->segments[5], is_method (req, "PUT"));
  else if (n == 4 && g_str_equal (what, "trial") && segment_is (req, 3, "convert") &&
           is_method (req, "POST"))
    post_trial_conversion (self, req);
  else if (n >= 4 && g_str_equal (what, "license"))
    seats_server_handle_license (self, req);
  else if (n == 3 && g_str_equal (what, "_clock") && (self->flags & SEATS_SERVER_FLAGS_ALLOW_CLOCK))
    seats_server_handle_clock (self, req);
  else if (n >= 4 && g_str_equal (what, "_upstream") && segment_is (req, 3, "users") &&
           (self->flags & SEATS_SERVER_FLAGS_ALLOW_CLOCK))
    handle_upstream (self, req);
}
