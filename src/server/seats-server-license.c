/* seats-server-license.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-server"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "seats-license.h"
#include "seats-server-private.h"

/* The pending license of an organization (R8), as rule lines. */
typedef struct
{
  char      *id;
  guint32    issued;
  guint32    expires;
  char      *source;
  gint64     version;
  GPtrArray *products;
  GArray    *lines;
} Pending;

static void
pending_free (Pending *pending)
{
  g_free (pending->id);
  g_free (pending->source);
  g_clear_pointer (&pending->products, g_ptr_array_unref);
  g_clear_pointer (&pending->lines, g_array_unref);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

static Pending *
load_pending (SeatsServer *self,
              SeatsOrg    *org,
              const GDate *today)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self,
    "SELECT id, issued, expires, source, version FROM pending WHERE org_id = ?");
  g_autoptr(Pending) pending = NULL;
  g_autoptr(GPtrArray) products = NULL;

  sqlite3_bind_int64 (stmt, 1, org->id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return NULL;
    }

  pending = g_new0 (Pending, 1);
  pending->id = seats_server_db_column_text (stmt, 0);
  pending->issued = sqlite3_column_int (stmt, 1);
  pending->expires = sqlite3_column_int (stmt, 2);
  pending->source = seats_server_db_column_text (stmt, 3);
  pending->version = sqlite3_column_int64 (stmt, 4);
  sqlite3_reset (stmt);

  pending->products = g_ptr_array_new_with_free_func ((GDestroyNotify) seats_server_product_free);
  pending->lines = g_array_new (FALSE, TRUE, sizeof (SeatsRuleLicenseLine));
  products = seats_server_db_load_products (self, org, today);

  stmt = seats_server_db_prepare (self,
    "SELECT product_id, new_count FROM pending_lines WHERE org_id = ?");
  sqlite3_bind_int64 (stmt, 1, org->id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *product_id = (const char *) sqlite3_column_text (stmt, 0);

      for (guint i = 0; i < products->len; i++)
        {
          SeatsServerProduct *product = g_ptr_array_index (products, i);
          SeatsRuleLicenseLine line = { 0, };

          if (!g_str_equal (product->id, product_id))
            continue;

          line.current_count = product->purchased;
          line.new_count = sqlite3_column_int (stmt, 1);
          line.in_use = product->in_use;

          /* Only the products whose count changes are shown (R8). */
          if (!seats_rules_license_changed (&line))
            break;

          g_ptr_array_add (pending->products, g_ptr_array_steal_index (products, i));
          g_array_append_val (pending->lines, line);
          break;
        }
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < pending->lines->len; i++)
    {
      SeatsServerProduct *product = g_ptr_array_index (pending->products, i);

      g_array_index (pending->lines, SeatsRuleLicenseLine, i).name = product->name;
    }

  return g_steal_pointer (&pending);
}

static char *
pending_etag (Pending *pending)
{
  return g_strdup_printf ("\"l%" G_GINT64_FORMAT "\"", pending->version);
}

static void
add_pending (JsonBuilder *builder,
             Pending     *pending)
{
  g_autofree char *etag = pending_etag (pending);

  json_builder_begin_object (builder);
  seats_json_add_string (builder, "id", pending->id);
  seats_json_add_date (builder, "issued", pending->issued);
  seats_json_add_date (builder, "expires", pending->expires);
  seats_json_add_string (builder, "source", pending->source);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < pending->lines->len; i++)
    {
      SeatsRuleLicenseLine *line = &g_array_index (pending->lines, SeatsRuleLicenseLine, i);
      SeatsServerProduct *product = g_ptr_array_index (pending->products, i);

      json_builder_begin_object (builder);
      seats_json_add_string (builder, "product_id", product->id);
      seats_json_add_string (builder, "product_name", product->name);
      seats_json_add_int (builder, "current", line->current_count);
      seats_json_add_int (builder, "new", line->new_count);
      seats_json_add_int (builder, "in_use", line->in_use);
      seats_json_add_int (builder, "surplus", seats_rules_license_surplus (line->new_count, line->in_use));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  seats_json_add_bool (builder, "can_activate",
                       seats_rules_check_pending_license ((SeatsRuleLicenseLine *) (gpointer) pending->lines->data,
                                                          pending->lines->len, NULL));
  seats_json_add_string (builder, "etag", etag);
  json_builder_end_object (builder);
}

/* R8: the new counts take effect and the license is no longer pending,
 * in the caller's transaction. */
static gboolean
apply_pending (SeatsServer  *self,
               SeatsOrg     *org,
               const char   *actor,
               Pending      *pending,
               GError      **error)
{
  SeatsRuleLicenseLine *lines = (SeatsRuleLicenseLine *) (gpointer) pending->lines->data;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < pending->lines->len; i++)
    {
      SeatsServerProduct *product = g_ptr_array_index (pending->products, i);
      g_autofree char *before = g_strdup_printf ("%u", lines[i].current_count);
      g_autofree char *after = g_strdup_printf ("%u", lines[i].new_count);

      stmt = seats_server_db_prepare (self,
        "UPDATE products SET purchased = ?1, next_period = ?1, version = version + 1 "
        "WHERE org_id = ?2 AND id = ?3");
      sqlite3_bind_int64 (stmt, 1, lines[i].new_count);
      sqlite3_bind_int64 (stmt, 2, org->id);
      seats_server_db_bind_text (stmt, 3, product->id);
      if (!seats_server_db_step_done (self, stmt, error) ||
          !seats_server_db_log_action (self, org->id, actor, "license-activated", product->id,
                                       before, after, error))
        return FALSE;
    }

  stmt = seats_server_db_prepare (self, "DELETE FROM pending_lines WHERE org_id = ?");
  sqlite3_bind_int64 (stmt, 1, org->id);
  if (!seats_server_db_step_done (self, stmt, error))
    return FALSE;
  stmt = seats_server_db_prepare (self, "DELETE FROM pending WHERE org_id = ?");
  sqlite3_bind_int64 (stmt, 1, org->id);

  return seats_server_db_step_done (self, stmt, error);
}

/* The administrator's activation of the pending license, checked by
 * seats_change_check() as the window checks it: no product may end below
 * what is in use (R8). In the caller's transaction. */
static gboolean
activate_pending (SeatsServer   *self,
                  SeatsRequest  *req,
                  const GDate   *today,
                  GError       **error)
{
  g_autoptr(Pending) pending = load_pending (self, req->org, today);
  g_auto(SeatsSnapshot) snapshot = { 0, };
  g_autoptr(SeatsChange) activation = seats_change_new_activate_license ();
  g_autoptr(SeatsChange) checked = NULL;

  seats_server_snapshot_init (&snapshot, req->org, req->role);
  if (pending != NULL)
    seats_server_snapshot_set_pending_license (&snapshot, pending->id, pending->issued,
                                               pending->expires, pending->products,
                                               pending->lines);
  checked = seats_server_check_change (activation, &snapshot, today, NULL, error);
  if (checked == NULL)
    return FALSE;

  /* The check found the license. */
  g_assert (pending != NULL);

  return apply_pending (self, req->org, req->actor, pending, error);
}

/**
 * seats_server_try_auto_activation:
 *
 * R8: where the policy says so, the pending license activates by itself
 * when every new count covers what is in use; otherwise it waits for the
 * administrator. In the caller's transaction.
 */
gboolean
seats_server_try_auto_activation (SeatsServer  *self,
                                  SeatsOrg     *org,
                                  const GDate  *today,
                                  GError      **error)
{
  g_autoptr(Pending) pending = NULL;
  SeatsRuleLicenseLine *lines;

  if (org->policy.activation != SEATS_ACTIVATION_AUTOMATIC)
    return TRUE;

  pending = load_pending (self, org, today);
  if (pending == NULL)
    return TRUE;

  lines = (SeatsRuleLicenseLine *) (gpointer) pending->lines->data;
  if (!seats_rules_pending_license_activates_automatically (&org->policy, lines,
                                                            pending->lines->len))
    return TRUE;

  return apply_pending (self, org, "system", pending, error);
}

char *
seats_server_license_file (SeatsServer  *self,
                           SeatsOrg     *org,
                           const GDate  *today,
                           GError      **error)
{
  g_autoptr(Pending) pending = load_pending (self, org, today);
  g_autoptr(SeatsLicense) license = NULL;
  GDate issued;
  GDate expires;

  if (pending == NULL)
    {
      g_set_error (error, SEATS_SERVER_ERROR, SEATS_SERVER_ERROR_NOT_FOUND,
                   "%s has no pending license.", org->slug);
      return NULL;
    }

  seats_date_from_julian (&issued, pending->issued);
  seats_date_from_julian (&expires, pending->expires);
  license = seats_license_new (pending->id, org->uuid, org->name, &issued, &expires);
  for (guint i = 0; i < pending->lines->len; i++)
    {
      SeatsServerProduct *product = g_ptr_array_index (pending->products, i);

      seats_license_add_line (license, product->id, product->name,
                              g_array_index (pending->lines, SeatsRuleLicenseLine, i).new_count);
    }

  return seats_license_sign (license, self->secret_key, self->public_key, error);
}

static gboolean
store_imported (SeatsServer   *self,
                SeatsOrg      *org,
                SeatsLicense  *license,
                const char    *actor,
                const GDate   *today,
                GError       **error)
{
  sqlite3_stmt *stmt;

  for (guint i = 0; i < license->lines->len; i++)
    {
      SeatsLicenseLine *line = g_ptr_array_index (license->lines, i);
      g_autoptr(SeatsServerProduct) product = seats_server_db_load_product (self, org, line->product_id, today);

      if (product == NULL)
        {
          g_set_error (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_MALFORMED,
                       "The license file names a product this subscription does not have (%s).",
                       line->product_id);
          return FALSE;
        }
    }

  stmt = seats_server_db_prepare (self, "DELETE FROM pending_lines WHERE org_id = ?");
  sqlite3_bind_int64 (stmt, 1, org->id);
  if (!seats_server_db_step_done (self, stmt, error))
    return FALSE;

  stmt = seats_server_db_prepare (self,
    "INSERT INTO pending (org_id, id, issued, expires, source, version) VALUES (?1, ?2, ?3, ?4, 'file', "
    "coalesce ((SELECT version FROM pending WHERE org_id = ?1), 0) + 1) "
    "ON CONFLICT (org_id) DO UPDATE SET id = excluded.id, issued = excluded.issued, "
    "expires = excluded.expires, source = 'file', version = pending.version + 1");
  sqlite3_bind_int64 (stmt, 1, org->id);
  seats_server_db_bind_text (stmt, 2, license->license_id);
  sqlite3_bind_int64 (stmt, 3, g_date_get_julian (&license->issued));
  sqlite3_bind_int64 (stmt, 4, g_date_get_julian (&license->expires));
  if (!seats_server_db_step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; i < license->lines->len; i++)
    {
      SeatsLicenseLine *line = g_ptr_array_index (license->lines, i);

      stmt = seats_server_db_prepare (self,
        "INSERT OR REPLACE INTO pending_lines (org_id, product_id, new_count) VALUES (?, ?, ?)");
      sqlite3_bind_int64 (stmt, 1, org->id);
      seats_server_db_bind_text (stmt, 2, line->product_id);
      sqlite3_bind_int64 (stmt, 3, line->count);
      if (!seats_server_db_step_done (self, stmt, error))
        return FALSE;
    }

  return seats_server_db_log_action (self, org->id, actor, "license-imported", license->license_id,
                                     NULL, NULL, error) &&
         seats_server_try_auto_activation (self, org, today, error);
}

/**
 * seats_server_add_pending_license:
 *
 * Adds the organization's pending license to @builder.
 *
 * Returns: %FALSE, adding nothing, when no license is pending
 */
gboolean
seats_server_add_pending_license (SeatsServer *self,
                                  SeatsOrg    *org,
                                  const GDate *today,
                                  JsonBuilder *builder)
{
  g_autoptr(Pending) pending = load_pending (self, org, today);

  if (pending == NULL)
    return FALSE;

  add_pending (builder, pending);
  return TRUE;
}

static void
reply_pending (SeatsServer  *self,
               SeatsRequest *req,
               gboolean      after_change)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(Pending) pending = NULL;
  g_autofree char *etag = seats_request_collection_etag (req);
  GDate today;

  if (!after_change && seats_request_not_modified (req, etag))
    return;

  seats_server_org_today (self, req->org, &today);
  pending = load_pending (self, req->org, &today);
  if (pending == NULL && !after_change)
    {
      seats_request_reply_problem (req, 404, "not-found", _("There is no pending license."), NULL);
      return;
    }

  if (pending == NULL)
    {
      /* Imported and activated at once: nothing is pending any more. */
      Pending empty = { (char *) "", 0, 0, (char *) "file", 0, NULL, NULL };
      g_autoptr(GPtrArray) products = g_ptr_array_new ();
      g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (SeatsRuleLicenseLine));

      empty.products = products;
      empty.lines = lines;
      empty.issued = g_date_get_julian (&today);
      empty.expires = g_date_get_julian (&today);
      add_pending (builder, &empty);
    }
  else
    add_pending (builder, pending);

  seats_request_reply_builder (req, 200, builder, etag);
}

void
seats_server_handle_license (SeatsServer  *self,
                             SeatsRequest *req)
{
  g_autoptr(GError) error = NULL;
  gboolean get = g_str_equal (req->method, "GET");
  gboolean post = g_str_equal (req->method, "POST");
  GDate today;

  seats_server_org_today (self, req->org, &today);

  if (req->n_segments == 4 && g_str_equal (req->segments[3], "pending") && get)
    reply_pending (self, req, FALSE);
  else if (req->n_segments == 5 && g_str_equal (req->segments[3], "pending") &&
           g_str_equal (req->segments[4], "file") && get)
    {
      g_autofree char *file = NULL;
      g_autofree char *etag = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize length;

      if (!seats_request_require_admin (req))
        return;

      /* The file follows the pending license, which changes only with the
       * organization's revision; Ed25519 signs the same file the same way. */
      etag = seats_request_collection_etag (req);
      if (seats_request_not_modified (req, etag))
        return;

      file = seats_server_license_file (self, req->org, &today, &error);
      if (file == NULL)
        {
          seats_request_reply_rule_error (req, error, NULL);
          return;
        }

      length = strlen (file);
      bytes = g_bytes_new_take (g_steal_pointer (&file), length);
      req->status = 200;
      g_free (req->content_type);
      req->content_type = g_strdup ("application/json");
      req->answer = g_steal_pointer (&bytes);
      req->etag = g_steal_pointer (&etag);
    }
  else if (req->n_segments == 5 && g_str_equal (req->segments[3], "pending") &&
           g_str_equal (req->segments[4], "activate") && post)
    {
      g_autoptr(Pending) pending = NULL;
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *etag = NULL;
      SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);

      if (!seats_request_require_admin (req))
        return;

      pending = load_pending (self, req->org, &today);
      if (pending == NULL)
        {
          seats_request_reply_problem (req, 404, "not-found", _("There is no pending license."), NULL);
          return;
        }

      etag = pending_etag (pending);
      if (soup_message_headers_get_one (headers, "If-Match") != NULL &&
          !seats_request_check_if_match (req, etag))
        return;

      if (!seats_server_db_begin (self, &error))
        {
          seats_request_reply_db_error (req, error);
          return;
        }
      if (!activate_pending (self, req, &today, &error) ||
          !seats_server_db_bump_revision (self, req->org->id, &error) ||
          !seats_server_db_commit (self, &error))
        {
          seats_server_db_rollback (self);
          seats_request_reply_rule_error (req, error, NULL);
          return;
        }

      req->org->revision++;
      g_free (etag);
      etag = seats_request_collection_etag (req);
      seats_json_add_subscription (builder, self, req->org, req->role, &today, etag);
      seats_request_reply_builder (req, 200, builder, etag);
    }
  else if (req->n_segments == 4 && g_str_equal (req->segments[3], "import") && post)
    {
      SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(SeatsLicense) license = NULL;
      const char *content_type;

      if (!seats_request_require_admin (req))
        return;

      if (body->length > SEATS_LICENSE_MAX_FILE_SIZE)
        {
          seats_request_reply_problem (req, 413, "body-too-large",
                                       "A license file is at most 256 KiB.", NULL);
          return;
        }

      content_type = soup_message_headers_get_content_type (
        soup_server_message_get_request_headers (req->msg), NULL);
      if (content_type == NULL || g_ascii_strcasecmp (content_type, "application/json") != 0)
        {
          seats_request_reply_problem (req, 415, "unsupported-media-type",
                                       "The body must be application/json.", NULL);
          return;
        }

      bytes = soup_message_body_flatten (body);
      license = seats_license_verify (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                      self->public_key, req->org->uuid, &today, &error);
      if (license == NULL)
        {
          seats_request_reply_rule_error (req, error, NULL);
          return;
        }

      if (!seats_server_db_begin (self, &error))
        {
          seats_request_reply_db_error (req, error);
          return;
        }
      if (!store_imported (self, req->org, license, req->actor, &today, &error) ||
          !seats_server_db_bump_revision (self, req->org->id, &error) ||
          !seats_server_db_commit (self, &error))
        {
          seats_server_db_rollback (self);
          seats_request_reply_rule_error (req, error, NULL);
          return;
        }

      req->org->revision++;
      reply_pending (self, req, TRUE);
    }
}
