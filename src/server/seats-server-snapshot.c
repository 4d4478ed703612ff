/* seats-server-snapshot.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-server"

#include "config.h"

#include "seats-domain.h"
#include "seats-server-private.h"

/* A change to an organization is checked by seats_change_check(), the one
 * check the window and seatsctl make as well, against a snapshot of what
 * the server holds as the change is made. Each handler builds the
 * snapshot of the parts its kind of change needs, with the functions
 * below: the organization's users are never all loaded for a change of
 * one of them; the users of the change are, and the products carry their
 * in-use count as the server counts it (R1). */

/* The organization's policy as a domain value. The reseller (R10) is left
 * out: the server answers it itself before the check, with the reseller's
 * name and address in the problem, for the changes the API contract says
 * a reseller makes (orders, next period counts, features); the others an
 * administrator may still make here, a SCIM client deprovisioning people
 * among them. */
static SeatsPolicy *
policy_from_org (SeatsOrg *org)
{
  SeatsPolicy *policy = seats_policy_new ();

  seats_policy_set_seat_floor (policy, org->policy.seat_floor);
  seats_policy_set_activation (policy, org->policy.activation);
  seats_policy_set_min_seats (policy, org->policy.min_seats);
  seats_policy_set_grace_days (policy, org->policy.grace_days);

  return policy;
}

/**
 * seats_server_snapshot_init:
 * @snapshot: (out caller-allocates): the snapshot to begin, cleared with
 *   seats_snapshot_clear()
 * @org: the organization the change is made to
 * @role: the role of the request's token (R15)
 *
 * Begins the snapshot of a change with what every kind is checked against:
 * the account, with its policy and the role of the one who asks.
 */
void
seats_server_snapshot_init (SeatsSnapshot *snapshot,
                            SeatsOrg      *org,
                            SeatsRole      role)
{
  g_autoptr(SeatsPolicy) policy = policy_from_org (org);
  SeatsAccount *account = seats_account_new ();

  g_assert (snapshot != NULL);
  g_assert (org != NULL);

  seats_account_set_id (account, org->uuid);
  seats_account_set_slug (account, org->slug);
  seats_account_set_name (account, org->name);
  seats_account_set_role (account, role);
  seats_account_set_currency (account, org->currency);
  seats_account_set_time_zone (account, org->time_zone);
  seats_account_set_is_trial (account, org->trial_end != 0);
  seats_account_set_trial_end_julian (account, org->trial_end);
  seats_account_set_policy (account, policy);

  seats_snapshot_init (snapshot);
  snapshot->account = account;
}

/**
 * seats_server_snapshot_add_subscription:
 * @snapshot: a snapshot begun with seats_server_snapshot_init()
 * @org: its organization
 *
 * Adds the current billing period, which a purchase is prorated over (R2).
 */
void
seats_server_snapshot_add_subscription (SeatsSnapshot *snapshot,
                                        SeatsOrg      *org)
{
  SeatsSubscription *subscription = seats_subscription_new ();
  guint32 period_end = seats_period_end (org->period_start, org->period_months);

  g_assert (snapshot->subscription == NULL);

  seats_subscription_set_period_start_julian (subscription, org->period_start);
  seats_subscription_set_period_end_julian (subscription, period_end);
  seats_subscription_set_period_months (subscription, org->period_months);
  seats_subscription_set_currency (subscription, org->currency);
  snapshot->subscription = subscription;
}

/**
 * seats_server_snapshot_add_product:
 * @snapshot: a snapshot begun with seats_server_snapshot_init()
 * @product: a product as the server loaded it, its in-use count included
 * @currency: the organization's currency
 *
 * Adds one product: its counts now and for the next period, and its price.
 */
void
seats_server_snapshot_add_product (SeatsSnapshot      *snapshot,
                                   SeatsServerProduct *product,
                                   const char         *currency)
{
  g_autoptr(SeatsProduct) value = seats_product_new ();

  g_assert (product != NULL);

  seats_product_set_id (value, product->id);
  seats_product_set_name (value, product->name);
  seats_product_set_kind (value, product->kind);
  seats_product_set_purchased (value, product->purchased);
  seats_product_set_in_use (value, product->in_use);
  seats_product_set_next_period (value, product->next_period);
  seats_product_set_price (value, product->price);
  seats_product_set_currency (value, currency);
  seats_product_set_enabled (value, product->enabled);
  g_list_store_append (snapshot->products, value);
}

/**
 * seats_server_snapshot_add_user_seats:
 * @self: the server
 * @snapshot: a snapshot begun with seats_server_snapshot_init()
 * @org: its organization
 * @today: the organization's today, for who counts (R1)
 *
 * Adds the user licenses, with the users who count as in use, counted in
 * SQL rather than loaded; nothing where the organization has none.
 */
void
seats_server_snapshot_add_user_seats (SeatsServer   *self,
                                      SeatsSnapshot *snapshot,
                                      SeatsOrg      *org,
                                      const GDate   *today)
{
  g_autoptr(SeatsServerProduct) seats = seats_server_db_load_user_seats (self, org, today);

  if (seats != NULL)
    seats_server_snapshot_add_product (snapshot, seats, org->currency);
}

/**
 * seats_server_snapshot_add_users:
 * @self: the server
 * @snapshot: a snapshot begun with seats_server_snapshot_init()
 * @org: its organization
 * @ids: (array zero-terminated=1): the users the change is about
 *
 * Adds the users of @ids the organization has, with what the rules ask of
 * them: whether they are active, their dates and their modules. One that
 * is not there is left out, for the check to refuse.
 */
void
seats_server_snapshot_add_users (SeatsServer        *self,
                                 SeatsSnapshot      *snapshot,
                                 SeatsOrg           *org,
                                 const char * const *ids)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self,
    "SELECT active, start_date, end_date, grace_deadline, modules FROM users "
    "WHERE org_id = ? AND id = ?");

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(SeatsUser) user = NULL;
      g_auto(GStrv) modules = NULL;

      sqlite3_bind_int64 (stmt, 1, org->id);
      seats_server_db_bind_text (stmt, 2, ids[i]);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          continue;
        }

      user = seats_user_new ();
      seats_user_set_id (user, ids[i]);
      seats_user_set_active (user, sqlite3_column_int (stmt, 0));
      seats_user_set_start_date_julian (user, sqlite3_column_int (stmt, 1));
      seats_user_set_end_date_julian (user, sqlite3_column_int (stmt, 2));
      seats_user_set_grace_deadline_julian (user, sqlite3_column_int (stmt, 3));
      /* The user's modules as every change of an assignment keeps them
       * with the user, as the SCIM pages give them. */
      modules = g_strsplit ((const char *) sqlite3_column_text (stmt, 4), ",", -1);
      seats_user_set_modules (user, (const char * const *) modules);
      sqlite3_reset (stmt);

      seats_user_list_append (snapshot->users, user);
    }
}

/**
 * seats_server_snapshot_add_feature:
 * @self: the server
 * @snapshot: a snapshot begun with seats_server_snapshot_init()
 * @org: its organization
 * @id: a feature, or an integration
 * @today: the organization's today
 *
 * Adds the feature or integration of @id, switched on or off (R12), with
 * an integration's monthly fee; nothing where there is none.
 */
void
seats_server_snapshot_add_feature (SeatsServer   *self,
                                   SeatsSnapshot *snapshot,
                                   SeatsOrg      *org,
                                   const char    *id,
                                   const GDate   *today)
{
  g_autoptr(SeatsServerProduct) product = seats_server_db_load_product (self, org, id, today);
  g_autoptr(SeatsFeature) feature = NULL;

  /* An integration is a product with a monthly fee, switched as a
   * feature is. */
  if (product != NULL && product->kind == SEATS_PRODUCT_KIND_INTEGRATION)
    {
      feature = seats_feature_new ();
      seats_feature_set_kind (feature, SEATS_FEATURE_KIND_INTEGRATION);
      seats_feature_set_name (feature, product->name);
      seats_feature_set_enabled (feature, product->enabled);
      seats_feature_set_monthly_fee (feature, product->price);
    }
  else
    {
      sqlite3_stmt *stmt = seats_server_db_prepare (self,
        "SELECT name, enabled FROM features WHERE org_id = ? AND id = ?");

      sqlite3_bind_int64 (stmt, 1, org->id);
      seats_server_db_bind_text (stmt, 2, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          feature = seats_feature_new ();
          seats_feature_set_kind (feature, SEATS_FEATURE_KIND_FEATURE);
          seats_feature_set_name (feature, (const char *) sqlite3_column_text (stmt, 0));
          seats_feature_set_enabled (feature, sqlite3_column_int (stmt, 1));
        }
      sqlite3_reset (stmt);
    }

  if (feature == NULL)
    return;

  seats_feature_set_id (feature, id);
  seats_feature_set_currency (feature, org->currency);
  g_list_store_append (snapshot->features, feature);
}

/**
 * seats_server_snapshot_set_pending_license:
 * @snapshot: a snapshot begun with seats_server_snapshot_init()
 * @id: the pending license
 * @issued: its issue date, as a Julian day
 * @expires: its expiry, as a Julian day
 * @products: (element-type SeatsServerProduct): the products whose count
 *   the license changes
 * @lines: (element-type SeatsRuleLicenseLine): their counts now, in the
 *   license and in use, in the order of @products
 *
 * Sets the vendor's pending license (R8), of the changed products only,
 * as the window lists them.
 */
void
seats_server_snapshot_set_pending_license (SeatsSnapshot *snapshot,
                                           const char    *id,
                                           guint32        issued,
                                           guint32        expires,
                                           GPtrArray     *products,
                                           GArray        *lines)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_object_unref);
  SeatsPendingLicense *pending = seats_pending_license_new ();

  g_assert (products->len == lines->len);
  g_assert (snapshot->pending_license == NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      SeatsServerProduct *product = g_ptr_array_index (products, i);
      SeatsRuleLicenseLine *line = &g_array_index (lines, SeatsRuleLicenseLine, i);
      SeatsLicenseChange *change = seats_license_change_new ();

      seats_license_change_set_product_id (change, product->id);
      seats_license_change_set_product_name (change, product->name);
      seats_license_change_set_current_count (change, line->current_count);
      seats_license_change_set_new_count (change, line->new_count);
      seats_license_change_set_in_use (change, line->in_use);
      g_ptr_array_add (changes, change);
    }

  seats_pending_license_set_id (pending, id);
  seats_pending_license_set_issued_julian (pending, issued);
  seats_pending_license_set_expiry_julian (pending, expires);
  seats_pending_license_set_changes (pending, (SeatsLicenseChange **) changes->pdata, changes->len);
  snapshot->pending_license = pending;
}

/* A refusal of the check as the server answers the same situation: a
 * license rule's stays as it is, with its code and figures; the others
 * take the server's codes. */
static GError *
server_refusal (SeatsChange *change,
                GError      *refusal)
{
  SeatsServerError code = SEATS_SERVER_ERROR_INTERNAL;
  GError *error;

  if (refusal->domain != SEATS_CHANGE_ERROR ||
      refusal->code == SEATS_CHANGE_ERROR_NOTHING_TO_DO)
    return refusal;

  switch (refusal->code)
    {
    case SEATS_CHANGE_ERROR_NOT_FOUND:
      code = SEATS_SERVER_ERROR_NOT_FOUND;
      break;

    case SEATS_CHANGE_ERROR_NOT_APPLICABLE:
      switch (seats_change_get_kind (change))
        {
        case SEATS_CHANGE_BUY:
        case SEATS_CHANGE_NEXT_PERIOD:
          code = SEATS_SERVER_ERROR_NOT_COUNTABLE;
          break;
        case SEATS_CHANGE_MODULE:
          code = SEATS_SERVER_ERROR_NOT_A_MODULE;
          break;
        case SEATS_CHANGE_CONVERT_TRIAL:
          code = SEATS_SERVER_ERROR_NOT_A_TRIAL;
          break;
        case SEATS_CHANGE_USERS_ACTIVE:
        case SEATS_CHANGE_FEATURE:
        case SEATS_CHANGE_BILLING_DETAILS:
        case SEATS_CHANGE_ACTIVATE_LICENSE:
        case SEATS_CHANGE_IMPORT_LICENSE:
        default:
          break;
        }
      break;

    /* The role (R15) and the reseller (R10) are answered before the
     * check, with 403 and managed-by-reseller; a source that cannot make a
     * change and an unreadable outbox are the client's. Any of them here
     * is the server's mistake. */
    case SEATS_CHANGE_ERROR_NOT_ALLOWED:
    case SEATS_CHANGE_ERROR_UNREADABLE:
    case SEATS_CHANGE_ERROR_NOT_SUPPORTED:
    default:
      break;
    }

  error = g_error_new_literal (SEATS_SERVER_ERROR, code, refusal->message);
  g_error_free (refusal);

  return error;
}

/**
 * seats_server_check_change:
 * @change: the change asked for
 * @snapshot: what the server holds of what the change is about
 * @today: the organization's today
 * @outcome: (out caller-allocates) (optional): what the change will do
 * @error: the refusal, for seats_request_reply_rule_error()
 *
 * Checks @change with seats_change_check(), as the window and seatsctl
 * do, and gives a refusal the server's code for the same situation
 * (not-found, not-countable, not-a-module, not-a-trial); a license rule's
 * refusal keeps its own. That everything is as asked already stays
 * %SEATS_CHANGE_ERROR_NOTHING_TO_DO, which each endpoint answers as it
 * answers a change that changes nothing.
 *
 * Returns: (transfer full) (nullable): the change to make, @change or the
 *   narrower one of a selection, or %NULL with @error set
 */
SeatsChange *
seats_server_check_change (SeatsChange          *change,
                           const SeatsSnapshot  *snapshot,
                           const GDate          *today,
                           SeatsChangeOutcome   *outcome,
                           GError              **error)
{
  g_autoptr(GError) refusal = NULL;
  SeatsChange *checked;

  g_return_val_if_fail (change != NULL, NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  checked = seats_change_check (change, snapshot, today, outcome, &refusal);
  if (checked == NULL)
    g_propagate_error (error, server_refusal (change, g_steal_pointer (&refusal)));

  return checked;
}
