/* seats-server-clock.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-server"

#include "config.h"

#include "seats-server-private.h"

#define MS_PER_DAY (G_GINT64_CONSTANT (86400000))

gint64
seats_server_now_ms (SeatsServer *self)
{
  return seats_clock_get_real_time (self->clock) / 1000;
}

/* Today in the organization's time zone: its periods turn and its
 * deadlines pass at its own midnight. */
void
seats_server_org_today (SeatsServer *self,
                        SeatsOrg    *org,
                        GDate       *today)
{
  g_assert (org != NULL);

  seats_clock_get_today_in (self->clock, org->zone, today);
}

static GArray *
list_org_ids (SeatsServer *self)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self, "SELECT id FROM orgs ORDER BY id");
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  return ids;
}

/* R5 under `grace`: at the start of a period with fewer seats than users
 * who count, the most recently created excess users get a deadline. The
 * rule function chooses them; this only writes its verdict. */
static gboolean
assign_grace_deadlines (SeatsServer  *self,
                        SeatsOrg     *org,
                        guint32       period_start,
                        GError      **error)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self,
    "SELECT id, created, active, end_date FROM users WHERE org_id = ? ORDER BY seq");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) users = g_array_new (FALSE, TRUE, sizeof (SeatsRuleUser));
  g_autoptr(GArray) chosen = NULL;
  GDate start;
  GDate deadline;
  gint64 now = seats_server_now_ms (self);

  seats_date_from_julian (&start, period_start);

  sqlite3_bind_int64 (stmt, 1, org->id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      SeatsRuleUser user = { 0, };
      GDate end;

      seats_date_from_julian (&end, sqlite3_column_int (stmt, 3));
      g_ptr_array_add (ids, seats_server_db_column_text (stmt, 0));
      user.created = sqlite3_column_int64 (stmt, 1) / 1000;
      user.counts = seats_rules_user_counts (sqlite3_column_int (stmt, 2),
                                             g_date_valid (&end) ? &end : NULL, &start);
      g_array_append_val (users, user);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < users->len; i++)
    g_array_index (users, SeatsRuleUser, i).id = g_ptr_array_index (ids, i);

  chosen = seats_rules_grace_users ((SeatsRuleUser *) (gpointer) users->data, users->len,
                                    seats_server_db_user_seats (self, org->id),
                                    &start, org->policy.grace_days, &deadline);
  if (chosen == NULL || chosen->len == 0 || !g_date_valid (&deadline))
    return TRUE;

  for (guint i = 0; i < chosen->len; i++)
    {
      const char *id = g_ptr_array_index (ids, g_array_index (chosen, guint, i));
      g_autofree char *after = seats_server_iso_date (g_date_get_julian (&deadline));

      stmt = seats_server_db_prepare (self,
        "UPDATE users SET grace_deadline = ?, version = version + 1, modified = ? "
        "WHERE org_id = ? AND id = ? AND grace_deadline = 0");
      sqlite3_bind_int64 (stmt, 1, g_date_get_julian (&deadline));
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, org->id);
      seats_server_db_bind_text (stmt, 4, id);
      if (!seats_server_db_step_done (self, stmt, error) ||
          !seats_server_db_log_action (self, org->id, "system", "grace-deadline", id,
                                       NULL, after, error))
        return FALSE;
    }

  return TRUE;
}

/* The period turns: next-period counts become purchased, the new period is
 * invoiced at the full count (R2), and the month is kept for the chart. */
static gboolean
turn_period (SeatsServer  *self,
             SeatsOrg     *org,
             const GDate  *today,
             GError      **error)
{
  g_autoptr(GPtrArray) products = NULL;
  guint32 start = seats_period_end (org->period_start, org->period_months);
  g_autofree char *start_text = seats_server_iso_date (start);
  g_autofree char *month = NULL;
  sqlite3_stmt *stmt;
  gint64 amount = 0;
  guint seats = 0;
  GDate start_date;

  stmt = seats_server_db_prepare (self,
    "UPDATE products SET purchased = next_period, version = version + 1 "
    "WHERE org_id = ? AND kind != 'integration' AND purchased != next_period");
  sqlite3_bind_int64 (stmt, 1, org->id);
  if (!seats_server_db_step_done (self, stmt, error))
    return FALSE;

  stmt = seats_server_db_prepare (self, "UPDATE orgs SET period_start = ? WHERE id = ?");
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, org->id);
  if (!seats_server_db_step_done (self, stmt, error))
    return FALSE;
  org->period_start = start;

  /* The whole period at the monthly price, as the Billing page sums it. */
  products = seats_server_db_load_products (self, org, today);
  if (!seats_server_monthly_price (products, &amount, error))
    return FALSE;
  amount *= org->period_months;
  for (guint i = 0; i < products->len; i++)
    {
      SeatsServerProduct *product = g_ptr_array_index (products, i);

      if (product->kind == SEATS_PRODUCT_KIND_USER_SEATS)
        seats = product->purchased;
    }

  seats_date_from_julian (&start_date, start);
  month = g_strdup_printf ("%04u-%02u", g_date_get_year (&start_date), g_date_get_month (&start_date));
  if (!seats_server_db_add_invoice (self, org, start, amount, "open", error))
    return FALSE;

  stmt = seats_server_db_prepare (self,
    "INSERT OR REPLACE INTO history (org_id, month, purchased, used) VALUES (?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, org->id);
  seats_server_db_bind_text (stmt, 2, month);
  sqlite3_bind_int64 (stmt, 3, seats);
  sqlite3_bind_int64 (stmt, 4, seats_server_db_count_counted (self, org->id, &start_date));
  if (!seats_server_db_step_done (self, stmt, error))
    return FALSE;

  if (!seats_server_db_log_action (self, org->id, "system", "period-turned", "subscription",
                                   NULL, start_text, error))
    return FALSE;

  if (org->policy.seat_floor == SEATS_SEAT_FLOOR_GRACE)
    return assign_grace_deadlines (self, org, start, error);

  return TRUE;
}

/**
 * seats_server_reconcile_grace:
 *
 * After anything that changes seats or counted users: when there are
 * enough seats again, deadlines are lifted; otherwise users whose deadline
 * has passed are deactivated, the most recent first, until the count fits.
 */
gboolean
seats_server_reconcile_grace (SeatsServer  *self,
                              SeatsOrg     *org,
                              const GDate  *today,
                              GError      **error)
{
  guint counted = seats_server_db_count_counted (self, org->id, today);
  guint seats = seats_server_db_user_seats (self, org->id);
  gint64 now = seats_server_now_ms (self);
  g_autoptr(GPtrArray) expired = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  if (counted <= seats)
    {
      stmt = seats_server_db_prepare (self,
        "UPDATE users SET grace_deadline = 0, version = version + 1, modified = ? "
        "WHERE org_id = ? AND grace_deadline != 0");
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_int64 (stmt, 2, org->id);
      return seats_server_db_step_done (self, stmt, error);
    }

  stmt = seats_server_db_prepare (self,
    "SELECT id, grace_deadline FROM users WHERE org_id = ? AND grace_deadline != 0 "
    "AND active = 1 ORDER BY created DESC, seq DESC");
  sqlite3_bind_int64 (stmt, 1, org->id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GDate deadline;

      seats_date_from_julian (&deadline, sqlite3_column_int (stmt, 1));
      if (seats_rules_deadline_passed (&deadline, today))
        g_ptr_array_add (expired, seats_server_db_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < expired->len && counted > seats; i++, counted--)
    {
      const char *id = g_ptr_array_index (expired, i);

      stmt = seats_server_db_prepare (self,
        "UPDATE users SET active = 0, grace_deadline = 0, version = version + 1, modified = ? "
        "WHERE org_id = ? AND id = ?");
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_int64 (stmt, 2, org->id);
      seats_server_db_bind_text (stmt, 3, id);
      if (!seats_server_db_step_done (self, stmt, error) ||
          !seats_server_db_log_action (self, org->id, "system", "deactivated-at-deadline", id,
                                       "active", "inactive", error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
maintain_org (SeatsServer  *self,
              gint64        org_id,
              const GDate  *today,
              GError      **error)
{
  g_autoptr(SeatsOrg) org = seats_server_db_load_org (self, org_id);
  guint turns = 0;

  if (org == NULL)
    return TRUE;

  /* A clock moved by years turns every period in between, as the vendor's
   * billing would have; bounded so that a bad date cannot spin. */
  while (seats_period_end (org->period_start, org->period_months) <= g_date_get_julian (today) &&
         turns++ < 1200)
    if (!turn_period (self, org, today, error))
      return FALSE;

  return seats_server_reconcile_grace (self, org, today, error) &&
         seats_server_try_auto_activation (self, org, today, error) &&
         seats_server_db_bump_revision (self, org_id, error);
}

/**
 * seats_server_maintain:
 * @force: run even when the day has not changed (after the clock moved)
 *
 * Runs what the clock brings, once per day of each organization, in its
 * time zone: period turns, deadlines and automatic license activation.
 * Each organization is one transaction. Its revision changes, as answers
 * that depend on the day (who counts, days left) change with it.
 */
gboolean
seats_server_maintain (SeatsServer  *self,
                       gboolean      force,
                       GError      **error)
{
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *stmt;
  gint64 now = seats_clock_get_real_time (self->clock);
  gint64 next = G_MAXINT64;

  /* Nothing to do before the next organization's midnight. */
  if (!force && now < self->next_maintenance)
    return TRUE;

  ids = list_org_ids (self);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 org_id = g_array_index (ids, gint64, i);
      g_autoptr(SeatsOrg) org = seats_server_db_load_org (self, org_id);
      gpointer key = GSIZE_TO_POINTER ((gsize) org_id);
      GDate today;

      if (org == NULL)
        continue;

      seats_server_org_today (self, org, &today);
      next = MIN (next, seats_clock_get_next_day_start (self->clock, org->zone));
      if (!force &&
          GPOINTER_TO_UINT (g_hash_table_lookup (self->maintained_days, key)) == g_date_get_julian (&today))
        continue;

      if (!seats_server_db_begin (self, error))
        return FALSE;
      if (!maintain_org (self, org_id, &today, error) ||
          !seats_server_db_commit (self, error))
        {
          seats_server_db_rollback (self);
          return FALSE;
        }
      g_hash_table_insert (self->maintained_days, key, GUINT_TO_POINTER (g_date_get_julian (&today)));
    }

  /* Idempotency keys are kept for 24 hours, then forgotten. */
  stmt = seats_server_db_prepare (self, "DELETE FROM idempotency WHERE created < ?");
  sqlite3_bind_int64 (stmt, 1, seats_server_now_ms (self) - SEATS_SERVER_IDEMPOTENCY_HOURS * 3600 * 1000);
  if (!seats_server_db_step_done (self, stmt, error))
    return FALSE;

  self->next_maintenance = next;
  return TRUE;
}

/**
 * seats_server_get_now:
 *
 * Returns: (transfer full): the server's clock
 */
GDateTime *
seats_server_get_now (SeatsServer *self)
{
  gint64 ms;

  g_return_val_if_fail (SEATS_IS_SERVER (self), NULL);

  ms = seats_server_now_ms (self);
  return g_date_time_new_from_unix_utc (ms / 1000);
}

/**
 * seats_server_set_now:
 * @now: the new time, not before the server's clock
 *
 * Moves the clock forward and runs what that brings. The clock then keeps
 * running from there. It never moves back: periods that turned stay turned.
 */
gboolean
seats_server_set_now (SeatsServer  *self,
                      GDateTime    *now,
                      GError      **error)
{
  gint64 target;
  gint64 current;

  g_return_val_if_fail (SEATS_IS_SERVER (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  target = g_date_time_to_unix (now) * 1000 + g_date_time_get_microsecond (now) / 1000;
  current = seats_server_now_ms (self);
  if (target < current - 1000)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "The clock only moves forward.");
      return FALSE;
    }

  if (target > current)
    seats_clock_set_now (self->clock, now);
  return seats_server_maintain (self, TRUE, error);
}

void
seats_server_handle_clock (SeatsServer  *self,
                           SeatsRequest *req)
{
  static const SeatsFieldSpec fields[] = {
    { "now", SEATS_FIELD_STRING, FALSE, FALSE },
    { "advance_days", SEATS_FIELD_INT, FALSE, FALSE },
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *now_text = NULL;
  GDate today;

  if (g_str_equal (req->method, "POST"))
    {
      g_autoptr(GDateTime) target = NULL;
      JsonNode *days = NULL;
      gint64 ms;

      if (!seats_request_require_admin (req) ||
          !seats_request_parse_body (req, SEATS_SERVER_MAX_BODY) ||
          !seats_request_check_fields (req, req->body, NULL, fields, G_N_ELEMENTS (fields)))
        return;

      days = json_object_get_member (req->body, "advance_days");
      if (json_object_has_member (req->body, "now") == (days != NULL))
        {
          seats_request_reply_problem (req, 400, "malformed-request",
                                       "Send either \"now\" or \"advance_days\".", NULL);
          return;
        }

      if (days != NULL)
        {
          if (json_node_get_int (days) < 0 || json_node_get_int (days) > 3660)
            {
              seats_request_reply_problem (req, 400, "malformed-request",
                                           "\"advance_days\" must be from 0 to 3660.", "advance_days");
              return;
            }
          ms = seats_server_now_ms (self) + json_node_get_int (days) * MS_PER_DAY;
        }
      else if (!seats_parse_timestamp (seats_json_get_string (req->body, "now"), &ms))
        {
          seats_request_reply_problem (req, 400, "malformed-request",
                                       "\"now\" must be an RFC 3339 time.", "now");
          return;
        }

      target = g_date_time_new_from_unix_utc (ms / 1000);
      if (target == NULL || !seats_server_set_now (self, target, &error))
        {
          seats_request_reply_problem (req, 400, "malformed-request",
                                       error ? error->message : "The time is out of range.", "now");
          return;
        }
    }
  else if (!g_str_equal (req->method, "GET"))
    return;

  seats_server_org_today (self, req->org, &today);
  now_text = seats_format_timestamp (seats_server_now_ms (self));
  json_builder_begin_object (builder);
  seats_json_add_string (builder, "now", now_text);
  seats_json_add_date (builder, "today", g_date_get_julian (&today));
  json_builder_end_object (builder);
  seats_request_reply_builder (req, 200, builder, NULL);
}
