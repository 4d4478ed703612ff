/* seats-cli-commands.c: what each seatsctl command does
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seatsctl"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "seats-api-error.h"
#include "seats-calendar.h"
#include "seats-user-import.h"
#include "seats-action-text.h"
#include "seats-cli-private.h"
#include "seats-format.h"
#include "seats-rules.h"
#include "seats-source-text.h"

/* A license file is a few kilobytes; anything this large is not one. */
#define MAX_LICENSE_FILE_SIZE (1024 * 1024)

/* Small helpers for the output. */

static void
print_table (SeatsCliTable *table)
{
  g_autofree char *text = seats_cli_table_to_string (table);

  g_print ("%s", text);
}

static char *
format_uint (guint value)
{
  return seats_format_count (value);
}

/* A row of exactly @n cells; a missing value is an empty cell. */
static GStrv
csv_row (const char * const *cells,
         guint               n)
{
  GStrv row = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    row[i] = g_strdup (cells[i] != NULL ? cells[i] : "");

  return row;
}

/* The first row of a CSV: the columns in the person's words, or with
 * --stable-header the stable names that scripts read (@names, separated
 * by commas, in the order of @words). */
static GStrv
csv_header (SeatsCli           *cli,
            const char         *names,
            const char * const *words)
{
  g_auto(GStrv) stable = g_strsplit (names, ",", -1);
  g_autoptr(GStrvBuilder) builder = NULL;

  g_assert (g_strv_length (stable) == g_strv_length ((char **) words));

  if (cli->stable_header)
    return g_steal_pointer (&stable);

  builder = g_strv_builder_new ();
  for (guint i = 0; words[i] != NULL; i++)
    g_strv_builder_add (builder, _(words[i]));

  return g_strv_builder_end (builder);
}

static void
add_row (SeatsCliTable *table,
         ...)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  va_list args;
  const char *cell;

  va_start (args, table);
  while ((cell = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (cells, (gpointer) cell);
  va_end (args);
  g_ptr_array_add (cells, NULL);

  seats_cli_table_add_row (table, (const char * const *) cells->pdata);
}

/* A value that may be missing, as an empty cell: a row ends at its first
 * %NULL. */
static const char *
or_empty (const char *value)
{
  return value != NULL ? value : "";
}

/* A row of a key-value listing, skipped when there is no value. */
static void
add_field (SeatsCliTable *table,
           const char    *label,
           const char    *value)
{
  g_autofree char *with_colon = NULL;

  if (value == NULL || *value == '\0')
    return;

  /* Translators: a label before its value, as in "Organization: De Molen" */
  with_colon = g_strdup_printf (_("%s:"), label);
  add_row (table, with_colon, value, NULL);
}

static void
json_add_string (JsonBuilder *builder,
                 const char  *name,
                 const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
json_add_int (JsonBuilder *builder,
              const char  *name,
              gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
json_add_bool (JsonBuilder *builder,
               const char  *name,
               gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
json_add_money (JsonBuilder *builder,
                const char  *name,
                gint64       amount,
                const char  *currency)
{
  json_builder_set_member_name (builder, name);
  /* R15: a price the server keeps from a viewer is null, as it sent it. */
  if (amount == SEATS_PRICE_NOT_SHARED)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  json_add_int (builder, "amount", amount);
  json_add_string (builder, "currency", currency);
  json_builder_end_object (builder);
}

static void
json_add_date (JsonBuilder *builder,
               const char  *name,
               guint32      julian)
{
  g_autofree char *iso = seats_cli_format_iso_date (julian);

  json_add_string (builder, name, iso);
}

static void
json_add_time (JsonBuilder *builder,
               const char  *name,
               gint64       unix_time)
{
  g_autofree char *iso = unix_time > 0 ? seats_cli_format_iso_time (unix_time) : NULL;

  json_add_string (builder, name, iso);
}

static void
print_builder (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  seats_cli_print_json (root);
}

static char *
format_date (guint32 julian)
{
  return julian != SEATS_JULIAN_NONE ? seats_format_date (julian) : g_strdup ("");
}

static char *
format_date_short (guint32 julian)
{
  return julian != SEATS_JULIAN_NONE ? seats_format_date_short (julian) : g_strdup ("");
}

static const char *
kind_label (SeatsProductKind kind)
{
  switch (kind)
    {
    case SEATS_PRODUCT_KIND_USER_SEATS:
      return _("User licenses");
    case SEATS_PRODUCT_KIND_MODULE:
      return _("Add-on module");
    case SEATS_PRODUCT_KIND_INTEGRATION:
      return _("Integration");
    default:
      return "";
    }
}

static const char *
role_label (SeatsRole role)
{
  return role == SEATS_ROLE_ADMIN ? _("Administrator") : _("Viewer (may only look)");
}

static char *
policy_label (SeatsPolicy *policy)
{
  SeatsRulePolicy rule;

  if (policy == NULL)
    return g_strdup ("");

  seats_policy_to_rule (policy, &rule);
  return seats_rules_describe_policy (&rule);
}

static const char *
sync_label (SeatsSyncEngine *engine)
{
  switch (seats_sync_engine_get_status (engine))
    {
    case SEATS_SYNC_STATUS_IDLE:
      return _("Up to date");
    case SEATS_SYNC_STATUS_SYNCING:
      return _("Syncing");
    case SEATS_SYNC_STATUS_OFFLINE:
      return _("Offline");
    case SEATS_SYNC_STATUS_ERROR:
    default:
      return _("Failed");
    }
}

static const char *
user_name (SeatsUser *user)
{
  const char *name = seats_user_get_display_name (user);

  return name != NULL && *name != '\0' ? name : seats_user_get_user_name (user);
}

/* A user by SCIM id, user name or e-mail address, as a person types it. */
static SeatsUser *
find_user (SeatsSyncEngine  *engine,
           const char       *key,
           GError          **error)
{
  GListModel *users = seats_sync_engine_get_users (engine);
  SeatsUser *found = seats_sync_engine_find_user (engine, key);
  guint matches = 0;

  if (found != NULL)
    return found;

  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      if (g_ascii_strcasecmp (key, seats_user_get_user_name (user) ? seats_user_get_user_name (user) : "") == 0 ||
          g_ascii_strcasecmp (key, seats_user_get_email (user) ? seats_user_get_email (user) : "") == 0)
        {
          found = user;
          matches++;
        }
    }

  if (matches == 1)
    return found;

  if (matches == 0)
    g_set_error (error, SEATS_API_ERROR, SEATS_API_ERROR_NOT_FOUND,
                 _("There is no user “%s”. “seatsctl users” lists them."), key);
  else
    g_set_error (error, SEATS_API_ERROR, SEATS_API_ERROR_NOT_FOUND,
                 _("More than one user is “%s”. Use the user’s id."), key);

  return NULL;
}

static SeatsProduct *
chosen_product (SeatsCli  *cli,
                GError   **error)
{
  SeatsProduct *product;

  if (cli->product_id != NULL)
    product = seats_sync_engine_find_product (cli->engine, cli->product_id);
  else
    product = seats_sync_engine_find_user_seats (cli->engine);

  if (product == NULL)
    g_set_error (error, SEATS_API_ERROR, SEATS_API_ERROR_NOT_FOUND,
                 _("The subscription has no product “%s”. “seatsctl licenses” lists them."),
                 cli->product_id != NULL ? cli->product_id : "seats");

  return product;
}

/* Whether the account syncs with a SCIM service, which tells its users
 * and their status and nothing of what was bought. */
static gboolean
is_scim (SeatsCli *cli)
{
  SeatsAccount *account = seats_sync_engine_get_account (cli->engine);

  return account != NULL && seats_account_get_source (account) == SEATS_ACCOUNT_SOURCE_SCIM;
}

/* A SCIM account whose terms nobody keeps on this computer yet. */
static gboolean
is_users_only (SeatsCli *cli)
{
  return is_scim (cli) && !seats_snapshot_terms_kept_here (seats_sync_engine_get_snapshot (cli->engine));
}

/* What the account's source does not offer is said before anything else. */
static gboolean
check_supported (SeatsCli         *cli,
                 SeatsChangeKind   kind,
                 GError          **error)
{
  return seats_sync_engine_check_supported (cli->engine, kind, error);
}

/* A change checked as the window checks it, and whether it can be sent
 * now: nothing is shown for a refused change. Takes @change. */
static SeatsChange *
check_change (SeatsCli            *cli,
              SeatsChange         *change,
              SeatsChangeOutcome  *outcome,
              GError             **error)
{
  g_autoptr(SeatsChange) owned = change;

  if (!seats_sync_engine_can_change (cli->engine, seats_change_get_kind (owned), error))
    return NULL;

  return seats_sync_engine_check (cli->engine, owned, outcome, error);
}

/* Sends a change through the outbox and waits until the source answered
 * and the local copy shows it. */
static gboolean
submit (SeatsCli     *cli,
        SeatsChange  *change,
        GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  seats_sync_engine_submit_async (cli->engine, change, NULL, seats_cli_done_cb, &result);
  seats_cli_wait (&result);

  return seats_sync_engine_submit_finish (cli->engine, result, NULL, error);
}

/* connect, accounts, use, remove-account */

int
seats_cli_connect (SeatsCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SeatsAccountInfo) info = NULL;
  g_autofree char *active = NULL;
  GSettings *settings;
  char *token;

  if (!(settings = seats_cli_get_settings (cli, &error)))
    return seats_cli_fail (error);

  token = seats_cli_read_secret (cli->user_name != NULL ? _("Password: ") : _("Access token: "), &error);
  if (token == NULL)
    return seats_cli_usage_error ("%s", error->message);

  seats_accounts_connect_async (settings, cli->args[0], cli->user_name, token, NULL,
                                seats_cli_done_cb, &result);
  memset (token, 0, strlen (token));
  g_free (token);

  seats_cli_wait (&result);
  if (!(info = seats_accounts_connect_finish (result, &error)))
    return seats_cli_fail (error);

  active = g_settings_get_string (settings, "active-account");
  if (*active == '\0')
    g_settings_set_string (settings, "active-account", info->id);

  /* Translators: %s is the organization, %s its account id */
  /* Translators: the organization (its name may end in a full stop, as
   * "B.V." does), then the id of the account */
  g_print (_("Connected to %s: its account ID is %s."), info->name, info->id);
  g_print ("\n");

  return SEATS_CLI_EXIT_OK;
}

int
seats_cli_accounts (SeatsCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autofree char *active = NULL;
  GSettings *settings;

  if (!(settings = seats_cli_get_settings (cli, &error)))
    return seats_cli_fail (error);

  accounts = seats_accounts_list (settings);
  active = g_settings_get_string (settings, "active-account");
  if (*active == '\0' && accounts->len == 1)
    {
      g_free (active);
      active = g_strdup (((SeatsAccountInfo *) g_ptr_array_index (accounts, 0))->id);
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < accounts->len; i++)
        {
          SeatsAccountInfo *info = g_ptr_array_index (accounts, i);

          json_builder_begin_object (builder);
          json_add_string (builder, "id", info->id);
          json_add_string (builder, "organization", info->name);
          json_add_string (builder, "organization_id", info->organization);
          json_add_string (builder, "server", info->server);
          json_add_bool (builder, "active", g_str_equal (info->id, active));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_builder (builder);
    }
  else if (cli->csv)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      /* Translators: the columns of seatsctl accounts --csv */
      static const char *words[] = { N_("Account"), N_("Organization"), N_("Organization ID"),
                                     N_("Server"), N_("In use"), NULL };

      g_ptr_array_add (rows, csv_header (cli, "id,organization,organization_id,server,active", words));
      for (guint i = 0; i < accounts->len; i++)
        {
          SeatsAccountInfo *info = g_ptr_array_index (accounts, i);
          const char *row[] = { info->id, info->name, info->organization, info->server,
                                g_str_equal (info->id, active) ? "true" : "false", NULL };

          g_ptr_array_add (rows, csv_row (row, G_N_ELEMENTS (row) - 1));
        }
      seats_cli_print_csv (rows);
    }
  else if (accounts->len == 0)
    {
      g_print ("%s\n", _("No account is connected. Connect one with “seatsctl connect URL”."));
    }
  else
    {
      g_autoptr(SeatsCliTable) table = seats_cli_table_new (4);
      const char *headers[] = { "", _("Account"), _("Organization"), _("Server"), NULL };

      seats_cli_table_set_headers (table, headers);
      for (guint i = 0; i < accounts->len; i++)
        {
          SeatsAccountInfo *info = g_ptr_array_index (accounts, i);

          add_row (table, g_str_equal (info->id, active) ? "*" : "", info->id, info->name,
                   info->server, NULL);
        }
      print_table (table);
    }

  return SEATS_CLI_EXIT_OK;
}

int
seats_cli_use (SeatsCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsAccountInfo) info = NULL;
  GSettings *settings;

  if (!(settings = seats_cli_get_settings (cli, &error)))
    return seats_cli_fail (error);

  if (!(info = seats_accounts_find (settings, cli->args[0])))
    return seats_cli_usage_error (_("There is no account “%s”. “seatsctl accounts” lists them."),
                                  cli->args[0]);

  g_settings_set_string (settings, "active-account", info->id);
  /* Translators: %s is an organization */
  g_print (_("Using %s from now on."), info->name);
  g_print ("\n");

  return SEATS_CLI_EXIT_OK;
}

int
seats_cli_remove_account (SeatsCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SeatsAccountInfo) info = NULL;
  GSettings *settings;

  if (!(settings = seats_cli_get_settings (cli, &error)))
    return seats_cli_fail (error);

  if (!(info = seats_accounts_find (settings, cli->args[0])))
    return seats_cli_usage_error (_("There is no account “%s”. “seatsctl accounts” lists them."),
                                  cli->args[0]);

  seats_accounts_remove_async (settings, info, NULL, seats_cli_done_cb, &result);
  seats_cli_wait (&result);
  if (!seats_accounts_remove_finish (result, &error))
    return seats_cli_fail (error);

  /* Translators: %s is an organization */
  g_print (_("Removed %s, its access token and its local copy."), info->name);
  g_print ("\n");

  return SEATS_CLI_EXIT_OK;
}

/* sync, status */

int
seats_cli_sync (SeatsCli *cli)
{
  SeatsAccount *account = seats_sync_engine_get_account (cli->engine);
  guint n_users = g_list_model_get_n_items (seats_sync_engine_get_users (cli->engine));
  g_autofree char *users = seats_format_count (n_users);

  /* Translators: %s is the organization, then a number of users */
  g_print (ngettext ("Synced %s: %s user.", "Synced %s: %s users.", n_users),
           seats_account_get_name (account), users);
  g_print ("\n");

  return SEATS_CLI_EXIT_OK;
}

int
seats_cli_status (SeatsCli *cli)
{
  SeatsAccount *account = seats_sync_engine_get_account (cli->engine);
  SeatsPolicy *policy = seats_account_get_policy (account);
  SeatsClock *clock = seats_sync_engine_get_clock (cli->engine);
  gint64 last_synced = seats_sync_engine_get_last_synced (cli->engine);
  guint pending = seats_sync_engine_count_waiting (cli->engine);
  g_autofree char *policy_text = policy_label (policy);
  g_autofree char *since = NULL;
  g_autofree char *pending_text = NULL;
  g_autofree char *trial = NULL;
  g_autofree char *reseller = NULL;

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      const char *status_nick[] = { "idle", "syncing", "offline", "error" };

      json_builder_begin_object (builder);
      json_add_string (builder, "account", cli->info->id);
      json_add_string (builder, "server", cli->info->server);
      json_add_string (builder, "source", is_scim (cli) ? "scim"
                                          : seats_account_get_source (account) == SEATS_ACCOUNT_SOURCE_MANUAL
                                          ? "manual" : "license_server");
      json_add_string (builder, "organization", seats_account_get_name (account));
      json_add_string (builder, "organization_id", seats_account_get_id (account));
      json_add_string (builder, "role", seats_role_to_string (seats_account_get_role (account)));
      json_add_string (builder, "seat_floor",
                       policy != NULL && !is_users_only (cli)
                       ? seats_seat_floor_to_string (seats_policy_get_seat_floor (policy)) : NULL);
      json_add_string (builder, "sync", status_nick[seats_sync_engine_get_status (cli->engine)]);
      json_add_time (builder, "last_synced", last_synced);
      json_add_int (builder, "pending_changes", pending);
      json_add_bool (builder, "trial", seats_account_get_is_trial (account));
      json_add_string (builder, "serial_number", seats_account_get_serial_number (account));
      json_add_string (builder, "license_owner", seats_account_get_license_owner (account));
      json_add_string (builder, "reseller", policy ? seats_policy_get_reseller_name (policy) : NULL);
      json_builder_end_object (builder);
      print_builder (builder);
      return SEATS_CLI_EXIT_OK;
    }

  {
    g_autoptr(SeatsCliTable) table = seats_cli_table_new (2);

    since = last_synced > 0 ? seats_format_since (last_synced, seats_clock_get_unix_time (clock))
                            : g_strdup (_("never"));
    pending_text = seats_format_count (pending);

    if (seats_account_get_is_trial (account))
      {
        int days = seats_account_get_trial_days_left (account, seats_clock_get_today_julian (clock));

        trial = g_strdup_printf (ngettext ("Trial, %d day left", "Trial, %d days left", days), days);
      }

    if (policy != NULL && seats_policy_is_resold (policy))
      /* Translators: the reseller's name, then its address */
      reseller = g_strdup_printf (_("%s (change the subscription there: %s)"),
                                  seats_policy_get_reseller_name (policy),
                                  seats_policy_get_reseller_url (policy));

    add_field (table, _("Organization"), seats_account_get_name (account));
    add_field (table, _("Account"), cli->info->id);
    add_field (table, _("Server"), seats_account_get_source (account) == SEATS_ACCOUNT_SOURCE_MANUAL
                                   ? NULL : cli->info->server);
    add_field (table, _("Source"), seats_source_text_kind (seats_account_get_source (account)));
    add_field (table, _("Role"), role_label (seats_account_get_role (account)));
    add_field (table, _("Policy"), is_users_only (cli) ? NULL : policy_text);
    add_field (table, _("Subscription"), trial);
    add_field (table, _("Serial number"), seats_account_get_serial_number (account));
    add_field (table, _("License owner"), seats_account_get_license_owner (account));
    add_field (table, _("Bought through"), reseller);
    add_field (table, _("Sync"), sync_label (cli->engine));
    add_field (table, _("Last synced"), since);
    add_field (table, _("Changes waiting to be sent"), pending_text);
    print_table (table);
  }

  return SEATS_CLI_EXIT_OK;
}

/* licenses */

static GPtrArray *
grace_users (SeatsSyncEngine *engine)
{
  GListModel *users = seats_sync_engine_get_users (engine);
  GPtrArray *graced = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      if (seats_user_get_grace_deadline_julian (user) != SEATS_JULIAN_NONE &&
          seats_user_get_active (user))
        g_ptr_array_add (graced, g_steal_pointer (&user));
    }

  return graced;
}

static void
licenses_json (SeatsCli *cli)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) graced = grace_users (cli->engine);
  GListModel *products = seats_sync_engine_get_products (cli->engine);
  SeatsPendingLicense *pending = seats_sync_engine_get_pending_license (cli->engine);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "products");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (products); i++)
    {
      g_autoptr(SeatsProduct) product = g_list_model_get_item (products, i);
      guint purchased = seats_product_get_purchased (product);
      guint in_use = seats_product_get_in_use (product);

      json_builder_begin_object (builder);
      json_add_string (builder, "id", seats_product_get_id (product));
      json_add_string (builder, "name", seats_product_get_name (product));
      json_add_string (builder, "kind", seats_product_kind_to_string (seats_product_get_kind (product)));
      json_add_int (builder, "purchased", purchased);
      json_add_int (builder, "in_use", in_use);
      json_add_int (builder, "available", purchased > in_use ? purchased - in_use : 0);
      json_add_int (builder, "next_period", seats_product_get_next_period (product));
      json_add_money (builder, "price", seats_product_get_price (product),
                      seats_product_get_currency (product));
      json_add_bool (builder, "enabled", seats_product_get_enabled (product));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "pending_license");
  if (pending == NULL)
    json_builder_add_null_value (builder);
  else
    {
      GListModel *changes = seats_pending_license_get_changes (pending);

      json_builder_begin_object (builder);
      json_add_string (builder, "id", seats_pending_license_get_id (pending));
      json_add_date (builder, "issued", seats_pending_license_get_issued_julian (pending));
      json_add_date (builder, "expires", seats_pending_license_get_expiry_julian (pending));
      json_builder_set_member_name (builder, "changes");
      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (changes); i++)
        {
          g_autoptr(SeatsLicenseChange) change = g_list_model_get_item (changes, i);

          json_builder_begin_object (builder);
          json_add_string (builder, "product_id", seats_license_change_get_product_id (change));
          json_add_string (builder, "product_name", seats_license_change_get_product_name (change));
          json_add_int (builder, "current_count", seats_license_change_get_current_count (change));
          json_add_int (builder, "new_count", seats_license_change_get_new_count (change));
          json_add_int (builder, "in_use", seats_license_change_get_in_use (change));
          json_add_bool (builder, "short", seats_license_change_is_short (change));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "grace");
  json_builder_begin_array (builder);
  for (guint i = 0; i < graced->len; i++)
    {
      SeatsUser *user = g_ptr_array_index (graced, i);

      json_builder_begin_object (builder);
      json_add_string (builder, "user_id", seats_user_get_id (user));
      json_add_string (builder, "name", user_name (user));
      json_add_date (builder, "deadline", seats_user_get_grace_deadline_julian (user));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  print_builder (builder);
}

static void
licenses_csv (SeatsCli *cli)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GListModel *products = seats_sync_engine_get_products (cli->engine);

  /* Translators: the columns of seatsctl licenses --csv */
  static const char *words[] = { N_("ID"), N_("Product"), N_("Kind"), N_("Purchased"), N_("In use"),
                                 N_("Available"), N_("Next period"), N_("Price (minor units)"),
                                 N_("Currency"), NULL };

  g_ptr_array_add (rows, csv_header (cli, "id,name,kind,purchased,in_use,available,next_period,"
                                          "price,currency", words));
  for (guint i = 0; i < g_list_model_get_n_items (products); i++)
    {
      g_autoptr(SeatsProduct) product = g_list_model_get_item (products, i);
      guint purchased = seats_product_get_purchased (product);
      guint in_use = seats_product_get_in_use (product);
      g_autofree char *purchased_text = g_strdup_printf ("%u", purchased);
      g_autofree char *in_use_text = g_strdup_printf ("%u", in_use);
      g_autofree char *available = g_strdup_printf ("%u", purchased > in_use ? purchased - in_use : 0);
      g_autofree char *next = g_strdup_printf ("%u", seats_product_get_next_period (product));
      gboolean priced = seats_product_has_price (product);
      g_autofree char *price = priced ? g_strdup_printf ("%" G_GINT64_FORMAT, seats_product_get_price (product))
                                      : g_strdup ("");
      const char *row[] = {
        seats_product_get_id (product), seats_product_get_name (product),
        seats_product_kind_to_string (seats_product_get_kind (product)),
        purchased_text, in_use_text, available, next, price,
        priced ? seats_product_get_currency (product) : "", NULL
      };

      g_ptr_array_add (rows, csv_row (row, G_N_ELEMENTS (row) - 1));
    }

  seats_cli_print_csv (rows);
}

int
seats_cli_licenses (SeatsCli *cli)
{
  g_autoptr(SeatsCliTable) table = seats_cli_table_new (7);
  g_autoptr(GPtrArray) graced = NULL;
  GListModel *products = seats_sync_engine_get_products (cli->engine);
  SeatsPendingLicense *pending = seats_sync_engine_get_pending_license (cli->engine);
  const char *headers[] = {
    _("Product"), _("Kind"), _("Purchased"), _("In use"), _("Available"), _("Next period"),
    _("Price a month"), NULL
  };

  if (cli->json)
    {
      licenses_json (cli);
      return SEATS_CLI_EXIT_OK;
    }

  if (cli->csv)
    {
      licenses_csv (cli);
      return SEATS_CLI_EXIT_OK;
    }

  if (is_users_only (cli))
    {
      g_autofree char *text = seats_source_text_licenses (cli->engine);

      g_print ("%s\n", text);
      return SEATS_CLI_EXIT_OK;
    }

  seats_cli_table_set_headers (table, headers);
  for (guint column = 2; column < 7; column++)
    seats_cli_table_align_right (table, column);

  for (guint i = 0; i < g_list_model_get_n_items (products); i++)
    {
      g_autoptr(SeatsProduct) product = g_list_model_get_item (products, i);
      SeatsProductKind kind = seats_product_get_kind (product);
      guint purchased = seats_product_get_purchased (product);
      guint in_use = seats_product_get_in_use (product);
      /* R15: a viewer is not told the prices. */
      g_autofree char *price = seats_product_has_price (product)
                               ? seats_format_money (seats_product_get_price (product),
                                                     seats_product_get_currency (product))
                               : g_strdup ("");

      if (kind == SEATS_PRODUCT_KIND_INTEGRATION)
        {
          add_row (table, seats_product_get_name (product), kind_label (kind),
                   "", "", "", "",
                   seats_product_get_enabled (product) ? price : _("off"), NULL);
        }
      else
        {
          g_autofree char *purchased_text = format_uint (purchased);
          g_autofree char *in_use_text = format_uint (in_use);
          g_autofree char *available = format_uint (purchased > in_use ? purchased - in_use : 0);
          g_autofree char *next = format_uint (seats_product_get_next_period (product));

          add_row (table, seats_product_get_name (product), kind_label (kind),
                   purchased_text, in_use_text, available, next, price, NULL);
        }
    }
  print_table (table);

  if (pending != NULL)
    {
      GListModel *changes = seats_pending_license_get_changes (pending);
      g_autoptr(SeatsCliTable) lines = seats_cli_table_new (5);
      g_autofree char *expires = format_date (seats_pending_license_get_expiry_julian (pending));
      const char *line_headers[] = { _("Product"), _("Now"), _("New"), _("In use"), "", NULL };
      gboolean blocked = FALSE;

      g_print ("\n");
      /* Translators: %s is a date */
      g_print (_("A new license from the vendor is waiting, until %s:"), expires);
      g_print ("\n");

      seats_cli_table_set_headers (lines, line_headers);
      for (guint column = 1; column < 4; column++)
        seats_cli_table_align_right (lines, column);

      for (guint i = 0; i < g_list_model_get_n_items (changes); i++)
        {
          g_autoptr(SeatsLicenseChange) change = g_list_model_get_item (changes, i);
          g_autofree char *now = format_uint (seats_license_change_get_current_count (change));
          g_autofree char *next = format_uint (seats_license_change_get_new_count (change));
          g_autofree char *in_use = format_uint (seats_license_change_get_in_use (change));
          gboolean is_short = seats_license_change_is_short (change);

          blocked |= is_short;
          add_row (lines, seats_license_change_get_product_name (change), now, next, in_use,
                   is_short ? _("fewer than in use") : "", NULL);
        }
      print_table (lines);

      if (blocked)
        g_print ("%s\n", _("Remove the surplus licenses before activating it. If the counts are "
                           "wrong, do not activate it: contact the vendor."));
      else
        g_print ("%s\n", _("Activate it with “seatsctl activate-license”."));
    }

  graced = grace_users (cli->engine);
  if (graced->len > 0)
    {
      g_autoptr(SeatsCliTable) users = seats_cli_table_new (3);
      const char *user_headers[] = { _("User"), _("E-mail"), _("Will be deactivated on"), NULL };

      g_print ("\n");
      g_print (ngettext ("%u user holds a license beyond those bought and is deactivated at the "
                         "deadline unless licenses are bought or users deactivated first:",
                         "%u users hold a license beyond those bought and are deactivated at the "
                         "deadline unless licenses are bought or users deactivated first:",
                         graced->len),
               graced->len);
      g_print ("\n");

      seats_cli_table_set_headers (users, user_headers);
      for (guint i = 0; i < graced->len; i++)
        {
          SeatsUser *user = g_ptr_array_index (graced, i);
          g_autofree char *day_text = NULL;
          GDate deadline, day;

          /* The deadline is the last day of grace; the user goes the day after. */
          seats_julian_to_date (seats_user_get_grace_deadline_julian (user), &deadline);
          seats_rules_deactivation_day (&deadline, &day);
          day_text = format_date (g_date_get_julian (&day));

          add_row (users, user_name (user), or_empty (seats_user_get_email (user)), day_text, NULL);
        }
      print_table (users);
    }

  return SEATS_CLI_EXIT_OK;
}

/* users */

static gboolean
has_modules (SeatsSyncEngine *engine)
{
  GListModel *products = seats_sync_engine_get_products (engine);

  for (guint i = 0; i < g_list_model_get_n_items (products); i++)
    {
      g_autoptr(SeatsProduct) product = g_list_model_get_item (products, i);

      if (seats_product_get_kind (product) == SEATS_PRODUCT_KIND_MODULE)
        return TRUE;
    }

  return FALSE;
}

int
seats_cli_users (SeatsCli *cli)
{
  GListModel *users = seats_sync_engine_get_users (cli->engine);
  guint n_users = g_list_model_get_n_items (users);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_counted = 0;
  GDate today;

  seats_clock_get_today (seats_sync_engine_get_clock (cli->engine), &today);

  for (guint i = 0; i < n_users; i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);
      gboolean counts = seats_user_counts (user, &today);

      n_counted += counts;
      if ((cli->counted && !counts) || (cli->inactive && counts))
        continue;
      g_ptr_array_add (shown, g_steal_pointer (&user));
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < shown->len; i++)
        {
          SeatsUser *user = g_ptr_array_index (shown, i);
          const char * const *modules = seats_user_get_modules (user);

          json_builder_begin_object (builder);
          json_add_string (builder, "id", seats_user_get_id (user));
          json_add_string (builder, "user_name", seats_user_get_user_name (user));
          json_add_string (builder, "name", seats_user_get_display_name (user));
          json_add_string (builder, "email", seats_user_get_email (user));
          json_add_bool (builder, "active", seats_user_get_active (user));
          json_add_bool (builder, "counted", seats_user_counts (user, &today));
          json_add_date (builder, "start_date", seats_user_get_start_date_julian (user));
          json_add_date (builder, "end_date", seats_user_get_end_date_julian (user));
          json_add_date (builder, "grace_deadline", seats_user_get_grace_deadline_julian (user));
          json_builder_set_member_name (builder, "modules");
          json_builder_begin_array (builder);
          for (guint m = 0; modules != NULL && modules[m] != NULL; m++)
            json_builder_add_string_value (builder, modules[m]);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_builder (builder);
      return SEATS_CLI_EXIT_OK;
    }

  if (cli->csv)
    {
      SeatsReportUsers which = cli->counted ? SEATS_REPORT_USERS_COUNTED
                               : cli->inactive ? SEATS_REPORT_USERS_NOT_COUNTED
                               : SEATS_REPORT_USERS_ALL;
      SeatsReportFlags flags = cli->stable_header ? SEATS_REPORT_FLAGS_STABLE_HEADER
                                                  : SEATS_REPORT_FLAGS_NONE;
      g_autofree char *csv = seats_report_users_csv (users, seats_sync_engine_get_products (cli->engine),
                                                     &today, which, flags, NULL);

      fputs (csv, stdout);
      return SEATS_CLI_EXIT_OK;
    }

  {
    /* A subscription without add-on modules, or a service, has no column
     * of them. */
    gboolean with_modules = has_modules (cli->engine);
    g_autoptr(SeatsCliTable) table = seats_cli_table_new (with_modules ? 7 : 6);
    g_autofree char *counted_text = seats_format_count (n_counted);
    g_autofree char *total_text = seats_format_count (n_users);
    const char *headers[] = {
      "", _("Name"), _("E-mail"), _("Start"), _("End"), _("Modules"), _("ID"), NULL
    };

    if (!with_modules)
      {
        headers[5] = headers[6];
        headers[6] = NULL;
      }
    seats_cli_table_set_headers (table, headers);
    for (guint i = 0; i < shown->len; i++)
      {
        SeatsUser *user = g_ptr_array_index (shown, i);
        g_autofree char *start = format_date_short (seats_user_get_start_date_julian (user));
        g_autofree char *end = format_date_short (seats_user_get_end_date_julian (user));
        g_autofree char *modules = seats_user_describe_modules (user,
                                                                seats_sync_engine_get_products (cli->engine),
                                                                NULL);
        /* A filled and a hollow marker, not colour alone (R17). */
        const char *cells[] = {
          seats_user_counts (user, &today) ? "●" : "○", user_name (user),
          or_empty (seats_user_get_email (user)), start, end, modules, seats_user_get_id (user), NULL
        };

        if (!with_modules)
          {
            cells[5] = cells[6];
            cells[6] = NULL;
          }
        seats_cli_table_add_row (table, cells);
      }
    print_table (table);

    /* Translators: "3 users of 24 hold a license"; the plural is the first number's */
    g_print (ngettext ("%s user of %s holds a license (●).", "%s users of %s hold a license (●).",
                       n_counted),
             counted_text, total_text);
    g_print ("\n");
  }

  return SEATS_CLI_EXIT_OK;
}

/* buy, set-next-period */

int
seats_cli_buy (SeatsCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsChange) change = NULL;
  g_autofree char *product_id = NULL;
  g_autofree char *product_name = NULL;
  g_autofree char *money = NULL;
  g_autofree char *period_end = NULL;
  g_autofree char *question = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *restores = NULL;
  SeatsSubscription *subscription;
  SeatsProduct *product;
  SeatsChangeOutcome outcome;
  const SeatsPurchaseQuote *quote = &outcome.quote;
  guint quantity;

  if (!seats_cli_parse_count (cli->args[0], 1, &quantity))
    return seats_cli_usage_error (_("“%s” is not a number of licenses to buy."), cli->args[0]);

  if (!check_supported (cli, SEATS_CHANGE_BUY, &error) ||
      !(product = chosen_product (cli, &error)))
    return seats_cli_fail (error);
  product_id = g_strdup (seats_product_get_id (product));
  product_name = g_strdup (seats_product_get_name (product));

  /* The rules and the role first: nothing is shown for a refused change. */
  if (!(change = check_change (cli, seats_change_new_buy (product_id, quantity), &outcome, &error)))
    return seats_cli_fail (error);

  subscription = seats_sync_engine_get_subscription (cli->engine);
  money = seats_format_money (quote->amount, seats_product_get_currency (product));
  sum = seats_format_proration (quote, seats_product_get_currency (product));
  period_end = format_date (seats_subscription_get_period_end_julian (subscription) - 1);

  /* Translators: a product, a number of its licenses, a price and a date */
  g_print (ngettext ("%s: %u license costs %s now, for the rest of this billing period "
                     "(until %s).",
                     "%s: %u licenses cost %s now, for the rest of this billing period "
                     "(until %s).",
                     quantity),
           product_name, quantity, money, period_end);
  g_print ("\n");
  /* Translators: %s is how the price is reached, such as "3 × EUR 29.50 ×
   * 29/31 days = EUR 82.79" */
  g_print (_("Calculation: %s"), sum);
  g_print ("\n");
  g_print (ngettext ("After it: %u license this billing period,", "After it: %u licenses this "
                     "billing period,", quote->purchased_after),
           quote->purchased_after);
  g_print (" ");
  g_print (ngettext ("%u in the next billing period.", "%u in the next billing period.",
                     quote->next_after),
           quote->next_after);
  g_print ("\n");
  /* R4, in the same words as the Buy dialog's. */
  if ((restores = seats_format_restored_next (quote)) != NULL)
    g_print ("%s\n", restores);

  if (!cli->yes)
    {
      if (!isatty (STDIN_FILENO))
        return seats_cli_usage_error (_("Not bought: standard input is not a terminal to ask "
                                        "on. Add --yes to buy without being asked."));

      question = g_strdup_printf (ngettext ("Buy %u license for %s now? [y/N]",
                                            "Buy %u licenses for %s now? [y/N]", quantity),
                                  quantity, money);
      if (!seats_cli_ask_yes (question))
        {
          g_printerr ("seatsctl: %s\n", _("Nothing was bought."));
          return SEATS_CLI_EXIT_REFUSED;
        }
    }

  if (!submit (cli, change, &error))
    return seats_cli_fail (error);

  product = seats_sync_engine_find_product (cli->engine, product_id);
  /* Translators: a product, a number of its licenses, and a price */
  g_print (ngettext ("%s: bought %u license for %s.", "%s: bought %u licenses for %s.",
                     quantity),
           product_name, quantity, money);
  g_print (" ");
  if (product != NULL)
    g_print (ngettext ("%u license this billing period.", "%u licenses this billing period.",
                       seats_product_get_purchased (product)),
             seats_product_get_purchased (product));
  g_print ("\n");

  return SEATS_CLI_EXIT_OK;
}

int
seats_cli_set_next_period (SeatsCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsChange) change = NULL;
  g_autofree char *product_id = NULL;
  g_autofree char *product_name = NULL;
  SeatsProduct *product;
  guint count;

  if (!seats_cli_parse_count (cli->args[0], 0, &count))
    return seats_cli_usage_error (_("“%s” is not a number of licenses."), cli->args[0]);

  if (!check_supported (cli, SEATS_CHANGE_NEXT_PERIOD, &error) ||
      !(product = chosen_product (cli, &error)))
    return seats_cli_fail (error);
  product_id = g_strdup (seats_product_get_id (product));
  product_name = g_strdup (seats_product_get_name (product));

  if (!(change = check_change (cli, seats_change_new_next_period (product_id, count), NULL, &error)) ||
      !submit (cli, change, &error))
    return seats_cli_fail (error);

  /* Translators: a product, then a number of its licenses */
  g_print (ngettext ("%s: the next billing period has %u license.",
                     "%s: the next billing period has %u licenses.", count),
           product_name, count);
  g_print ("\n");

  return SEATS_CLI_EXIT_OK;
}

/* activate-user, deactivate-user */

static int
set_user_active (SeatsCli *cli,
                 gboolean  active)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsChange) change = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  SeatsUser *user;

  if (!(user = find_user (cli->engine, cli->args[0], &error)))
    return seats_cli_fail (error);
  name = g_strdup (user_name (user));
  id = g_strdup (seats_user_get_id (user));

  if (seats_user_get_active (user) == active)
    {
      g_print (active ? _("%s is already active.") : _("%s is already inactive."), name);
      g_print ("\n");
      return SEATS_CLI_EXIT_OK;
    }

  if (!(change = check_change (cli, seats_change_new_users_active ((const char *[]) { id, NULL }, active),
                               NULL, &error)) ||
      !submit (cli, change, &error))
    return seats_cli_fail (error);

  /* Translators: %s is a person's name */
  g_print (active ? _("%s is active and holds a license.") : _("%s is inactive and no longer holds a license."),
           name);
  g_print ("\n");

  return SEATS_CLI_EXIT_OK;
}

int
seats_cli_activate_user (SeatsCli *cli)
{
  return set_user_active (cli, TRUE);
}

int
seats_cli_deactivate_user (SeatsCli *cli)
{
  return set_user_active (cli, FALSE);
}

/* assign-module, remove-module (R7) */

static SeatsProduct *
find_module (SeatsCli    *cli,
             const char  *wanted,
             GError     **error)
{
  GListModel *products = seats_sync_engine_get_products (cli->engine);
  g_autofree char *folded = g_utf8_casefold (wanted, -1);

  for (guint i = 0; i < g_list_model_get_n_items (products); i++)
    {
      g_autoptr(SeatsProduct) product = g_list_model_get_item (products, i);
      g_autofree char *name = g_utf8_casefold (seats_product_get_name (product), -1);

      if (seats_product_get_kind (product) == SEATS_PRODUCT_KIND_MODULE &&
          (g_str_equal (seats_product_get_id (product), wanted) || g_str_equal (name, folded)))
        return product;
    }

  g_set_error (error, SEATS_API_ERROR, SEATS_API_ERROR_NOT_FOUND,
               _("The subscription has no add-on module “%s”. “seatsctl licenses” lists them."),
               wanted);
  return NULL;
}

static int
change_module (SeatsCli *cli,
               gboolean  assign)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsChange) change = NULL;
  g_autofree char *module_id = NULL;
  g_autofree char *module_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  SeatsProduct *module;
  SeatsUser *user;

  if (!check_supported (cli, SEATS_CHANGE_MODULE, &error) ||
      !(module = find_module (cli, cli->args[0], &error)) ||
      !(user = find_user (cli->engine, cli->args[1], &error)))
    return seats_cli_fail (error);
  module_id = g_strdup (seats_product_get_id (module));
  module_name = g_strdup (seats_product_get_name (module));
  name = g_strdup (user_name (user));
  id = g_strdup (seats_user_get_id (user));

  if (seats_user_has_module (user, module_id) == assign)
    {
      /* Translators: a person, then a module */
      g_print (assign ? _("%s already holds %s.") : _("%s does not hold %s."), name, module_name);
      g_print ("\n");
      return SEATS_CLI_EXIT_OK;
    }

  if (!(change = check_change (cli, seats_change_new_module (module_id, (const char *[]) { id, NULL },
                                                             assign),
                               NULL, &error)) ||
      !submit (cli, change, &error))
    return seats_cli_fail (error);

  module = seats_sync_engine_find_product (cli->engine, module_id);
  if (module != NULL)
    {
      guint in_use = seats_product_get_in_use (module);
      guint purchased = seats_product_get_purchased (module);

      /* Translators: a module, a person, and the module's licenses in use
       * of those bought, such as "Imaging: assigned to Anna; 4 of 4 in use." */
      g_print (assign ? _("%s: assigned to %s; %u of %u in use.")
                      : _("%s: taken from %s; %u of %u in use."),
               module_name, name, in_use, purchased);
      g_print ("\n");
    }

  return SEATS_CLI_EXIT_OK;
}

int
seats_cli_assign_module (SeatsCli *cli)
{
  return change_module (cli, TRUE);
}

int
seats_cli_remove_module (SeatsCli *cli)
{
  return change_module (cli, FALSE);
}

/* activate-license, import-license */

int
seats_cli_activate_license (SeatsCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsChange) change = NULL;

  if (!(change = check_change (cli, seats_change_new_activate_license (), NULL, &error)) ||
      !submit (cli, change, &error))
    return seats_cli_fail (error);

  g_print ("%s\n", _("The new license is active."));

  return SEATS_CLI_EXIT_OK;
}

static char *
read_license_file (const char  *path,
                   GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = g_malloc0 (MAX_LICENSE_FILE_SIZE + 2);
  gsize len = 0;

  if (!(stream = g_file_read (file, NULL, &local_error)) ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), contents, MAX_LICENSE_FILE_SIZE + 1,
                                &len, NULL, &local_error))
    {
      /* Translators: a file name, then why it cannot be read */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s cannot be read: %s"), path,
                   local_error->message);
      return NULL;
    }

  if (len > MAX_LICENSE_FILE_SIZE ||
      memchr (contents, '\0', len) != NULL ||
      !g_utf8_validate (contents, len, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s is not a license file: it is too large or not text."), path);
      return NULL;
    }

  return g_steal_pointer (&contents);
}

int
seats_cli_import_license (SeatsCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(SeatsPendingLicense) license = NULL;
  g_autofree char *contents = NULL;

  if (!check_supported (cli, SEATS_CHANGE_IMPORT_LICENSE, &error) ||
      !(contents = read_license_file (cli->args[0], &error)))
    return seats_cli_fail (error);

  /* A file that is not a license file is refused here, with the reason,
   * whatever the server could say about it; and nothing is sent. */
  if (!seats_sync_engine_can_change (cli->engine, SEATS_CHANGE_IMPORT_LICENSE, &error) ||
      !(license = seats_sync_engine_check_license_file (cli->engine, contents, strlen (contents), &error)) ||
      !(change = check_change (cli, seats_change_new_import_license (contents), NULL, &error)))
    return seats_cli_fail (error);

  if (!submit (cli, change, &error))
    return seats_cli_fail (error);

  g_print ("%s\n", _("The license file was loaded."));
  if (seats_sync_engine_get_pending_license (cli->engine) != NULL)
    g_print ("%s\n", _("“seatsctl licenses” shows the new counts; activate them with "
                       "“seatsctl activate-license”."));

  return SEATS_CLI_EXIT_OK;
}

/* billing */

static char *
postal_address (SeatsBillingDetails *details)
{
  const char *parts[] = {
    seats_billing_details_get_street (details),
    seats_billing_details_get_postal_code (details),
    seats_billing_details_get_city (details),
    seats_billing_details_get_country (details),
  };
  GString *address = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (address->len > 0)
        g_string_append (address, i == 2 ? "  " : ", ");
      g_string_append (address, parts[i]);
    }

  return g_string_free (address, FALSE);
}

static void
billing_json (SeatsCli *cli)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  SeatsSubscription *subscription = seats_sync_engine_get_subscription (cli->engine);
  SeatsBillingDetails *details = seats_sync_engine_get_billing_details (cli->engine);
  GListModel *features = seats_sync_engine_get_features (cli->engine);
  const char *currency = seats_subscription_get_currency (subscription);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "subscription");
  json_builder_begin_object (builder);
  json_add_date (builder, "period_start", seats_subscription_get_period_start_julian (subscription));
  json_add_date (builder, "period_end", seats_subscription_get_period_end_julian (subscription));
  json_add_int (builder, "period_months", seats_subscription_get_period_months (subscription));
  json_add_string (builder, "edition", seats_subscription_get_edition (subscription));
  json_add_int (builder, "storage_used", seats_subscription_get_storage_used (subscription));
  json_add_int (builder, "storage_included", seats_subscription_get_storage_included (subscription));
  json_add_money (builder, "monthly_price", seats_subscription_get_monthly_price (subscription), currency);
  json_add_money (builder, "total_price", seats_subscription_get_total_price (subscription), currency);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "billing_details");
  json_builder_begin_object (builder);
  json_add_string (builder, "company_name", seats_billing_details_get_company_name (details));
  json_add_string (builder, "vat_number", seats_billing_details_get_vat_number (details));
  json_add_string (builder, "contact_user_id", seats_billing_details_get_contact_user_id (details));
  json_add_string (builder, "contact_email", seats_billing_details_get_contact_email (details));
  json_add_string (builder, "street", seats_billing_details_get_street (details));
  json_add_string (builder, "postal_code", seats_billing_details_get_postal_code (details));
  json_add_string (builder, "city", seats_billing_details_get_city (details));
  json_add_string (builder, "country", seats_billing_details_get_country (details));
  json_add_bool (builder, "e_invoicing", seats_billing_details_get_e_invoicing (details));
  json_add_string (builder, "e_invoice_address", seats_billing_details_get_e_invoice_address (details));
  json_add_string (builder, "operator_code", seats_billing_details_get_operator_code (details));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "features");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (features); i++)
    {
      g_autoptr(SeatsFeature) feature = g_list_model_get_item (features, i);

      json_builder_begin_object (builder);
      json_add_string (builder, "id", seats_feature_get_id (feature));
      json_add_string (builder, "name", seats_feature_get_name (feature));
      json_add_string (builder, "kind", seats_feature_kind_to_string (seats_feature_get_kind (feature)));
      json_add_bool (builder, "enabled", seats_feature_get_enabled (feature));
      json_add_money (builder, "monthly_fee", seats_feature_get_monthly_fee (feature),
                      seats_feature_get_currency (feature));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  print_builder (builder);
}

static char *
contact_text (SeatsSyncEngine     *engine,
              SeatsBillingDetails *details)
{
  const char *user_id = seats_billing_details_get_contact_user_id (details);
  SeatsUser *user = user_id != NULL && *user_id != '\0' ? seats_sync_engine_find_user (engine, user_id) : NULL;

  if (user != NULL)
    return g_strdup_printf ("%s <%s>", user_name (user), seats_user_get_email (user));

  return g_strdup (seats_billing_details_get_contact_email (details));
}

int
seats_cli_billing (SeatsCli *cli)
{
  SeatsSubscription *subscription = seats_sync_engine_get_subscription (cli->engine);
  SeatsBillingDetails *details = seats_sync_engine_get_billing_details (cli->engine);
  GListModel *features = seats_sync_engine_get_features (cli->engine);
  SeatsAccount *account = seats_sync_engine_get_account (cli->engine);
  gboolean kept_here = account != NULL &&
                       seats_snapshot_terms_kept_here (seats_sync_engine_get_snapshot (cli->engine));
  const char *currency;
  g_autoptr(SeatsCliTable) table = NULL;
  g_autoptr(SeatsCliTable) feature_table = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *period = NULL;
  g_autofree char *length = NULL;
  g_autofree char *edition = NULL;
  g_autofree char *used = NULL;
  g_autofree char *included = NULL;
  g_autofree char *storage = NULL;
  g_autofree char *monthly = NULL;
  g_autofree char *total = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *address = NULL;
  g_autofree char *einvoice = NULL;
  guint months;

  if (is_users_only (cli))
    {
      g_printerr ("seatsctl: %s\n", seats_source_text_billing ());
      return SEATS_CLI_EXIT_REFUSED;
    }

  /* R15: billing is for administrators. */
  if (subscription == NULL || details == NULL)
    {
      g_printerr ("seatsctl: %s\n", _("Only administrators of the organization can see billing."));
      return SEATS_CLI_EXIT_REFUSED;
    }

  if (cli->json)
    {
      billing_json (cli);
      return SEATS_CLI_EXIT_OK;
    }

  currency = seats_subscription_get_currency (subscription);
  months = seats_subscription_get_period_months (subscription);
  start = format_date (seats_subscription_get_period_start_julian (subscription));
  end = format_date (seats_subscription_get_period_end_julian (subscription) - 1);
  /* Translators: the first and the last day of the billing period */
  period = g_strdup_printf (_("%s to %s"), start, end);
  length = g_strdup_printf (ngettext ("%u month", "%u months", months), months);
  edition = g_strdup_printf (_("%s (changes only through the vendor’s support, at a period change)"),
                             seats_subscription_get_edition (subscription));
  used = g_format_size (seats_subscription_get_storage_used (subscription));
  included = g_format_size (seats_subscription_get_storage_included (subscription));
  /* Translators: storage used, then storage included, such as "8.4 GB of 24 GB" */
  storage = g_strdup_printf (_("%s of %s"), used, included);
  monthly = seats_format_money (seats_subscription_get_monthly_price (subscription), currency);
  /* How it adds up, where the products say the same. */
  {
    char *sum = seats_products_explain_monthly_price (seats_sync_engine_get_products (cli->engine),
                                                      seats_subscription_get_monthly_price (subscription),
                                                      currency);

    if (sum != NULL)
      {
        g_free (monthly);
        monthly = sum;
      }
  }
  total = seats_format_money (seats_subscription_get_total_price (subscription), currency);
  contact = contact_text (cli->engine, details);
  address = postal_address (details);
  if (seats_billing_details_get_e_invoicing (details))
    /* Translators: the e-invoice address, then the code of the e-invoice provider */
    einvoice = g_strdup_printf (_("on, to %s (provider %s)"),
                                seats_billing_details_get_e_invoice_address (details),
                                seats_billing_details_get_operator_code (details));
  else
    einvoice = g_strdup (_("off"));

  table = seats_cli_table_new (2);
  add_field (table, _("Billing period"), period);
  add_field (table, _("Period length"), length);
  if (kept_here)
    {
      g_autofree char *notice = format_date (seats_rules_notice_date (seats_subscription_get_period_end_julian (subscription),
                                                                     seats_subscription_get_notice_days (subscription)));

      /* A subscription kept by hand: its terms, and nothing of the
       * vendor's that is not kept. */
      add_field (table, _("Last day to change the next period"), notice);
      add_field (table, _("Monthly price"), monthly);
      add_field (table, _("Total price"), total);
      add_field (table, _("Kept"), _("On this computer"));
      print_table (table);
      return SEATS_CLI_EXIT_OK;
    }
  add_field (table, _("Edition"), edition);
  add_field (table, _("Storage"), storage);
  add_field (table, _("Monthly price"), monthly);
  add_field (table, _("Total price"), total);
  add_field (table, _("Company"), seats_billing_details_get_company_name (details));
  add_field (table, _("VAT number"), seats_billing_details_get_vat_number (details));
  add_field (table, _("Billing contact"), contact);
  add_field (table, _("Postal address"), address);
  add_field (table, _("E-invoicing"), einvoice);
  print_table (table);

  if (g_list_model_get_n_items (features) > 0)
    {
      const char *headers[] = { _("Feature"), _("Kind"), _("State"), _("Monthly fee"), NULL };

      feature_table = seats_cli_table_new (4);
      seats_cli_table_set_headers (feature_table, headers);
      seats_cli_table_align_right (feature_table, 3);
      for (guint i = 0; i < g_list_model_get_n_items (features); i++)
        {
          g_autoptr(SeatsFeature) feature = g_list_model_get_item (features, i);
          g_autofree char *fee = seats_feature_get_monthly_fee (feature) > 0
            ? seats_format_money (seats_feature_get_monthly_fee (feature),
                                  seats_feature_get_currency (feature))
            : g_strdup ("");

          add_row (feature_table, seats_feature_get_name (feature),
                   seats_feature_get_kind (feature) == SEATS_FEATURE_KIND_INTEGRATION
                     ? _("Integration") : _("Feature"),
                   seats_feature_get_enabled (feature) ? _("on for everyone") : _("off"),
                   fee, NULL);
        }
      g_print ("\n");
      print_table (feature_table);
    }

  return SEATS_CLI_EXIT_OK;
}

/* history */

static int
compare_orders_newest_first (gconstpointer a,
                             gconstpointer b)
{
  gint64 x = seats_order_get_created (*(SeatsOrder **) a);
  gint64 y = seats_order_get_created (*(SeatsOrder **) b);

  return x < y ? 1 : x > y ? -1 : 0;
}

static int
compare_actions_newest_first (gconstpointer a,
                              gconstpointer b)
{
  gint64 x = seats_action_entry_get_timestamp (*(SeatsActionEntry **) a);
  gint64 y = seats_action_entry_get_timestamp (*(SeatsActionEntry **) b);

  return x < y ? 1 : x > y ? -1 : 0;
}

static GPtrArray *
sorted (GListModel   *model,
        GCompareFunc  compare)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  g_ptr_array_sort (items, compare);

  return items;
}

static void
history_json (SeatsCli  *cli,
              GPtrArray *orders,
              GPtrArray *actions)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "orders");
  json_builder_begin_array (builder);
  for (guint i = 0; i < orders->len; i++)
    {
      SeatsOrder *order = g_ptr_array_index (orders, i);

      json_builder_begin_object (builder);
      json_add_string (builder, "id", seats_order_get_id (order));
      json_add_time (builder, "created", seats_order_get_created (order));
      json_add_string (builder, "product_id", seats_order_get_product_id (order));
      json_add_string (builder, "product_name", seats_order_get_product_name (order));
      json_add_int (builder, "quantity", seats_order_get_quantity (order));
      json_add_money (builder, "amount", seats_order_get_amount (order), seats_order_get_currency (order));
      json_add_string (builder, "actor", seats_order_get_actor (order));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "actions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < actions->len; i++)
    {
      SeatsActionEntry *action = g_ptr_array_index (actions, i);

      json_builder_begin_object (builder);
      json_add_string (builder, "id", seats_action_entry_get_id (action));
      json_add_time (builder, "timestamp", seats_action_entry_get_timestamp (action));
      json_add_string (builder, "actor", seats_action_entry_get_actor (action));
      json_add_string (builder, "action", seats_action_entry_get_action (action));
      json_add_string (builder, "subject", seats_action_entry_get_subject (action));
      json_add_string (builder, "before", seats_action_entry_get_before (action));
      json_add_string (builder, "after", seats_action_entry_get_after (action));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  print_builder (builder);
}

static void
history_csv (SeatsCli  *cli,
             GPtrArray *orders,
             GPtrArray *actions)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  /* Translators: the columns of seatsctl history --csv */
  static const char *words[] = { N_("Type"), N_("Time"), N_("By"), N_("Action"), N_("Subject"),
                                 N_("Licenses"), N_("Amount (minor units)"), N_("Currency"),
                                 N_("Before"), N_("After"), NULL };

  g_ptr_array_add (rows, csv_header (cli, "type,time,actor,action,subject,quantity,amount,currency,"
                                          "before,after", words));
  for (guint i = 0; i < orders->len; i++)
    {
      SeatsOrder *order = g_ptr_array_index (orders, i);
      g_autofree char *time = seats_cli_format_iso_time (seats_order_get_created (order));
      g_autofree char *quantity = g_strdup_printf ("%u", seats_order_get_quantity (order));
      g_autofree char *amount = g_strdup_printf ("%" G_GINT64_FORMAT, seats_order_get_amount (order));
      const char *row[] = {
        "order", time, seats_order_get_actor (order), "order", seats_order_get_product_id (order),
        quantity, amount, seats_order_get_currency (order), "", "", NULL
      };

      g_ptr_array_add (rows, csv_row (row, G_N_ELEMENTS (row) - 1));
    }

  for (guint i = 0; i < actions->len; i++)
    {
      SeatsActionEntry *action = g_ptr_array_index (actions, i);
      g_autofree char *time = seats_cli_format_iso_time (seats_action_entry_get_timestamp (action));
      const char *row[] = {
        "action", time, seats_action_entry_get_actor (action), seats_action_entry_get_action (action),
        seats_action_entry_get_subject (action), "", "", "",
        seats_action_entry_get_before (action), seats_action_entry_get_after (action), NULL
      };

      g_ptr_array_add (rows, csv_row (row, G_N_ELEMENTS (row) - 1));
    }

  seats_cli_print_csv (rows);
}

int
seats_cli_history (SeatsCli *cli)
{
  g_autoptr(GPtrArray) orders = sorted (seats_sync_engine_get_orders (cli->engine),
                                        compare_orders_newest_first);
  g_autoptr(GPtrArray) actions = sorted (seats_sync_engine_get_actions (cli->engine),
                                         compare_actions_newest_first);

  if (is_users_only (cli))
    {
      g_printerr ("seatsctl: %s\n", seats_source_text_billing ());
      return SEATS_CLI_EXIT_REFUSED;
    }

  if (seats_sync_engine_get_billing_details (cli->engine) == NULL)
    {
      g_printerr ("seatsctl: %s\n", _("Only administrators of the organization can see the "
                                      "orders and the action log."));
      return SEATS_CLI_EXIT_REFUSED;
    }

  if (cli->json)
    {
      history_json (cli, orders, actions);
      return SEATS_CLI_EXIT_OK;
    }

  if (cli->csv)
    {
      history_csv (cli, orders, actions);
      return SEATS_CLI_EXIT_OK;
    }

  {
    g_autoptr(SeatsCliTable) order_table = seats_cli_table_new (5);
    g_autoptr(SeatsCliTable) action_table = seats_cli_table_new (4);
    const char *order_headers[] = { _("Date"), _("Product"), _("Licenses"), _("Amount"),
                                    _("Ordered by"), NULL };
    const char *action_headers[] = { _("Time"), _("By"), _("What"), _("Before → after"), NULL };

    g_print ("%s\n", _("Orders"));
    seats_cli_table_set_headers (order_table, order_headers);
    seats_cli_table_align_right (order_table, 2);
    seats_cli_table_align_right (order_table, 3);
    for (guint i = 0; i < orders->len; i++)
      {
        SeatsOrder *order = g_ptr_array_index (orders, i);
        g_autofree char *time = seats_cli_format_time (seats_order_get_created (order));
        g_autofree char *quantity = format_uint (seats_order_get_quantity (order));
        g_autofree char *amount = seats_format_money (seats_order_get_amount (order),
                                                      seats_order_get_currency (order));

        add_row (order_table, time, seats_order_get_product_name (order), quantity, amount,
                 seats_action_text_actor (cli->engine, seats_order_get_actor (order)), NULL);
      }
    print_table (order_table);

    /* In the words of the window's action log. */
    g_print ("\n%s\n", _("Action log"));
    seats_cli_table_set_headers (action_table, action_headers);
    for (guint i = 0; i < actions->len; i++)
      {
        SeatsActionEntry *action = g_ptr_array_index (actions, i);
        g_autofree char *time = seats_cli_format_time (seats_action_entry_get_timestamp (action));
        g_autofree char *what = seats_action_text_entry_title (cli->engine, action);
        g_autofree char *change = seats_action_text_entry_change (cli->engine, action);

        add_row (action_table, time,
                 seats_action_text_actor (cli->engine, seats_action_entry_get_actor (action)),
                 what, change != NULL ? change : "", NULL);
      }
    print_table (action_table);
  }

  return SEATS_CLI_EXIT_OK;
}

/* add-subscription, set-terms */

static gboolean
parse_price (const char  *text,
             const char  *currency,
             gint64      *amount,
             GError     **error)
{
  if (seats_parse_money (text, currency, amount))
    return TRUE;

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: %s is what was written as a price */
               _("“%s” is not a price. Write it as a number such as 12.50."), text);
  return FALSE;
}

static gboolean
parse_date (const char  *text,
            guint32     *julian,
            GError     **error)
{
  int year, month, day;
  char end;

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3 ||
      (*julian = seats_julian_from_ymd (year, month, day)) == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: %s is what was written as a date; keep YYYY-MM-DD */
                   _("“%s” is not a date. Write it as YYYY-MM-DD."), text);
      return FALSE;
    }

  return TRUE;
}

/* The terms are NAME=VALUE arguments, each setting one of them. */
static gboolean
parse_terms (SeatsCli    *cli,
             SeatsTerms  *terms,
             GError     **error)
{
  static const char *names = "vendor, product, currency, licenses, next, price, period, start, "
                             "notice, rule, grace, reseller, reseller-url, portal";
  gboolean next_given = FALSE;
  const char *price = NULL;

  for (guint i = 0; i < cli->n_args; i++)
    {
      const char *equals = strchr (cli->args[i], '=');
      g_autofree char *name = NULL;
      const char *value;
      guint number = 0;

      if (equals == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not a term. Write it as NAME=VALUE, such as licenses=12."),
                       cli->args[i]);
          return FALSE;
        }
      name = g_strndup (cli->args[i], equals - cli->args[i]);
      value = equals + 1;

#define SET_STRING(member) G_STMT_START { g_free (terms->member); terms->member = g_strdup (value); } G_STMT_END
#define NUMBER(min) G_STMT_START { \
    if (!seats_cli_parse_count (value, (min), &number)) \
      { \
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, \
                     _("“%s” is not a number here."), cli->args[i]); \
        return FALSE; \
      } \
  } G_STMT_END

      if (g_str_equal (name, "vendor"))
        SET_STRING (vendor);
      else if (g_str_equal (name, "product"))
        SET_STRING (product);
      else if (g_str_equal (name, "currency"))
        {
          SET_STRING (currency);
          g_strstrip (terms->currency);
          for (char *c = terms->currency; *c != '\0'; c++)
            *c = g_ascii_toupper (*c);
        }
      else if (g_str_equal (name, "licenses"))
        {
          NUMBER (0);
          terms->purchased = number;
          if (!next_given)
            terms->next_period = number;
        }
      else if (g_str_equal (name, "next"))
        {
          NUMBER (0);
          terms->next_period = number;
          next_given = TRUE;
        }
      else if (g_str_equal (name, "price"))
        price = value;
      else if (g_str_equal (name, "period"))
        {
          NUMBER (1);
          terms->period_months = number;
        }
      else if (g_str_equal (name, "start"))
        {
          if (!parse_date (value, &terms->period_start, error))
            return FALSE;
        }
      else if (g_str_equal (name, "notice"))
        {
          NUMBER (0);
          terms->notice_days = number;
        }
      else if (g_str_equal (name, "rule"))
        {
          if (g_str_equal (value, "at-least"))
            terms->seat_floor = SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE;
          else if (g_str_equal (value, "equal"))
            terms->seat_floor = SEATS_SEAT_FLOOR_EQUAL_ACTIVE;
          else if (g_str_equal (value, "grace"))
            terms->seat_floor = SEATS_SEAT_FLOOR_GRACE;
          else if (g_str_equal (value, "none"))
            terms->seat_floor = SEATS_SEAT_FLOOR_NONE;
          else
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           /* Translators: keep the values after the colon as they are */
                           _("“%s” is not a seat rule: at-least, equal, grace or none."), value);
              return FALSE;
            }
        }
      else if (g_str_equal (name, "grace"))
        {
          NUMBER (0);
          terms->grace_days = number;
          terms->seat_floor = SEATS_SEAT_FLOOR_GRACE;
        }
      else if (g_str_equal (name, "reseller"))
        SET_STRING (reseller_name);
      else if (g_str_equal (name, "reseller-url"))
        SET_STRING (reseller_url);
      else if (g_str_equal (name, "portal"))
        SET_STRING (portal_url);
      else
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* Translators: %s is a name; the list after the colon stays as it is */
                       _("Seats keeps no term called “%s”. The terms are: %s."), name, names);
          return FALSE;
        }

#undef SET_STRING
#undef NUMBER
    }

  /* A price is read once the currency is known, for its decimals. */
  if (price != NULL && !parse_price (price, terms->currency, &terms->price, error))
    return FALSE;

  return TRUE;
}

int
seats_cli_add_subscription (SeatsCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsTerms) terms = seats_terms_new ();
  g_autoptr(SeatsAccountInfo) info = NULL;
  g_autofree char *active = NULL;
  GSettings *settings;

  if (!parse_terms (cli, terms, &error))
    return seats_cli_usage_error ("%s", error->message);

  if (!(settings = seats_cli_get_settings (cli, &error)) ||
      !(info = seats_accounts_add_manual (settings, terms, &error)))
    return seats_cli_fail (error);

  active = g_settings_get_string (settings, "active-account");
  if (*active == '\0')
    g_settings_set_string (settings, "active-account", info->id);

  /* Translators: a subscription, as its vendor is called, then its account id */
  g_print (_("Added %s, kept on this computer: its account ID is %s."), info->name, info->id);
  g_print ("\n");

  return SEATS_CLI_EXIT_OK;
}

int
seats_cli_set_terms (SeatsCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsTerms) terms = NULL;
  g_autoptr(SeatsChange) change = NULL;

  if (!check_supported (cli, SEATS_CHANGE_TERMS, &error))
    return seats_cli_fail (error);

  if (!(terms = seats_terms_from_snapshot (seats_sync_engine_get_snapshot (cli->engine))))
    terms = seats_terms_new ();
  if (!parse_terms (cli, terms, &error))
    return seats_cli_usage_error ("%s", error->message);

  if (!(change = check_change (cli, seats_change_new_terms (terms), NULL, &error)) ||
      !submit (cli, change, &error))
    return seats_cli_fail (error);

  g_print ("%s\n", _("The terms are changed and kept on this computer."));

  return SEATS_CLI_EXIT_OK;
}

/* add-user, edit-user */

/* The details are NAME=VALUE arguments from @first on, each setting one. */
static gboolean
parse_user (SeatsCli   *cli,
            guint       first,
            SeatsUser  *user,
            GError    **error)
{
  static const char *names = "name, email, user-name, active, start, end";

  for (guint i = first; i < cli->n_args; i++)
    {
      const char *equals = strchr (cli->args[i], '=');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      guint32 day = SEATS_JULIAN_NONE;

      if (equals == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not a detail. Write it as NAME=VALUE, such as name=\"Nina Berg\"."),
                       cli->args[i]);
          return FALSE;
        }
      name = g_strndup (cli->args[i], equals - cli->args[i]);
      value = g_strstrip (g_strdup (equals + 1));

      if (g_str_equal (name, "name"))
        seats_user_set_display_name (user, value);
      else if (g_str_equal (name, "email"))
        seats_user_set_email (user, value);
      else if (g_str_equal (name, "user-name"))
        seats_user_set_user_name (user, value);
      else if (g_str_equal (name, "active"))
        {
          if (g_str_equal (value, "yes"))
            seats_user_set_active (user, TRUE);
          else if (g_str_equal (value, "no"))
            seats_user_set_active (user, FALSE);
          else
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           /* Translators: keep "active", "yes" and "no" as they are */
                           _("“%s” is not yes or no: write active=yes or active=no."), value);
              return FALSE;
            }
        }
      else if (g_str_equal (name, "start") || g_str_equal (name, "end"))
        {
          if (!g_str_equal (value, "none") && !parse_date (value, &day, error))
            return FALSE;
          if (g_str_equal (name, "start"))
            seats_user_set_start_date_julian (user, day);
          else
            seats_user_set_end_date_julian (user, day);
        }
      else
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* Translators: the first %s is what was written, the second the
                        * details there are, which stay as they are */
                       _("A user has no detail called “%s”. The details are: %s."), name, names);
          return FALSE;
        }
    }

  return TRUE;
}

/* Puts @user, checked by the rules as the window checks it. */
static int
put_user (SeatsCli  *cli,
          SeatsUser *user,
          gboolean   added)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (users, g_object_ref (user));
  if (!seats_user_check (user, NULL, &error) ||
      !(change = check_change (cli, seats_change_new_users_put (users, NULL, NULL), NULL, &error)) ||
      !submit (cli, change, &error))
    return seats_cli_fail (error);

  /* Translators: %s is a user's name, else e-mail address */
  g_print (added ? _("Added %s, kept on this computer.") : _("Changed %s, kept on this computer."),
           user_name (user) != NULL ? user_name (user) : seats_user_get_email (user));
  g_print ("\n");

  return SEATS_CLI_EXIT_OK;
}

int
seats_cli_add_user (SeatsCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsUser) user = seats_user_new ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = g_strconcat ("here-", uuid, NULL);

  if (!check_supported (cli, SEATS_CHANGE_USERS_PUT, &error))
    return seats_cli_fail (error);

  seats_user_set_id (user, id);
  seats_user_set_active (user, TRUE);
  if (!parse_user (cli, 0, user, &error))
    return seats_cli_usage_error ("%s", error->message);

  return put_user (cli, user, TRUE);
}

int
seats_cli_edit_user (SeatsCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsUser) user = NULL;
  SeatsUser *found;

  if (!check_supported (cli, SEATS_CHANGE_USERS_PUT, &error))
    return seats_cli_fail (error);

  if (cli->n_args < 2)
    return seats_cli_usage_error ("%s", _("Say which user, then what to change, such as "
                                          "edit-user nina@example.com end=2026-12-31."));

  if (!(found = find_user (cli->engine, cli->args[0], &error)))
    return seats_cli_fail (error);

  user = seats_object_dup (found);
  if (!parse_user (cli, 1, user, &error))
    return seats_cli_usage_error ("%s", error->message);

  return put_user (cli, user, FALSE);
}

/* reminders, calendar */

/* What `seatsctl reminders` ends with when something is due. */
#define SEATS_CLI_EXIT_DUE 1

typedef struct
{
  GPtrArray *names;
  GPtrArray *engines;
  GDate      today;
  gint64     now;
} Everything;

static void
everything_clear (Everything *all)
{
  g_clear_pointer (&all->names, g_ptr_array_unref);
  g_clear_pointer (&all->engines, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Everything, everything_clear)

/* Every account's local copy, as it is today: a subscription kept by hand
 * is brought up to today first, the others as they were last synced. */
static gboolean
open_everything (SeatsCli    *cli,
                 Everything  *all,
                 GError     **error)
{
  g_autoptr(GPtrArray) accounts = NULL;
  SeatsClock *clock = seats_clock_get_default ();
  GSettings *settings;

  if (!(settings = seats_cli_get_settings (cli, error)))
    return FALSE;

  all->names = g_ptr_array_new_with_free_func (g_free);
  all->engines = g_ptr_array_new_with_free_func (g_object_unref);
  seats_clock_get_today (clock, &all->today);
  all->now = seats_clock_get_unix_time (clock);

  accounts = seats_accounts_list (settings);
  for (guint i = 0; i < accounts->len; i++)
    {
      SeatsAccountInfo *info = g_ptr_array_index (accounts, i);
      g_autoptr(SeatsSyncEngine) engine = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!(engine = seats_accounts_open_cached (info, SEATS_SYNC_LOAD_DEFAULT, &local_error)))
        {
          g_printerr ("seatsctl: %s: %s\n", info->name, local_error->message);
          continue;
        }

      if (info->source == SEATS_ACCOUNT_SOURCE_MANUAL)
        {
          g_autoptr(GAsyncResult) result = NULL;

          seats_sync_engine_sync_async (engine, FALSE, NULL, seats_cli_done_cb, &result);
          seats_cli_wait (&result);
          if (!seats_sync_engine_sync_finish (engine, result, &local_error))
            {
              g_printerr ("seatsctl: %s: %s\n", info->name, local_error->message);
              continue;
            }
        }

      g_ptr_array_add (all->names, g_strdup (info->name));
      g_ptr_array_add (all->engines, g_steal_pointer (&engine));
    }

  return TRUE;
}

int
seats_cli_reminders (SeatsCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_auto(Everything) all = { 0 };
  guint days, n_due = 0;

  if (!open_everything (cli, &all, &error))
    return seats_cli_fail (error);

  days = g_settings_get_uint (seats_cli_get_settings (cli, NULL), "reminder-days");
  for (guint i = 0; i < all.engines->len; i++)
    {
      SeatsSyncEngine *engine = g_ptr_array_index (all.engines, i);
      const char *name = g_ptr_array_index (all.names, i);
      g_auto(SeatsReminder) reminder = { 0 };
      g_autofree char *date = NULL;

      if (!seats_reminder_compute (seats_sync_engine_get_snapshot (engine), &all.today, days,
                                   &reminder) ||
          !reminder.due)
        continue;

      n_due++;
      date = seats_format_date (reminder.notice_date);
      /* Translators: a subscription, a date, then how many days until it */
      g_print (ngettext ("%s: change the licenses of the next billing period by %s, in %u day.",
                         "%s: change the licenses of the next billing period by %s, in %u days.",
                         reminder.days_left),
               name, date, reminder.days_left);
      g_print ("\n  ");
      /* Translators: licenses of the next period, then the users who count */
      g_print (ngettext ("It has %u license; ", "It has %u licenses; ", reminder.next_period),
               reminder.next_period);
      g_print (ngettext ("%u user counts.", "%u users count.", reminder.counted), reminder.counted);
      if (reminder.saving > 0)
        {
          g_autofree char *saving = seats_format_money (reminder.saving, reminder.currency);

          g_print (" ");
          g_print (ngettext ("Lowering it to %u license saves %s a period.",
                             "Lowering it to %u licenses saves %s a period.", reminder.target),
                   reminder.target, saving);
        }
      if (reminder.left > 0)
        {
          g_print (" ");
          g_print (ngettext ("%u active user has passed the end date.",
                             "%u active users have passed the end date.", reminder.left),
                   reminder.left);
        }
      g_print ("\n");
    }

  if (n_due == 0)
    {
      g_print (ngettext ("Nothing is due in the next %u day.", "Nothing is due in the next %u days.",
                         days),
               days);
      g_print ("\n");
      return SEATS_CLI_EXIT_OK;
    }

  /* Something to do: a script tells by the status. */
  return SEATS_CLI_EXIT_DUE;
}

/* Amounts are in the line's currency, or null when a viewer is not told
 * them; a subscription without terms shows only its users. */
static void
overview_json (Everything              *all,
               const SeatsOverviewLine *lines,
               GArray                  *totals)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  static const SeatsAttention reasons[] = {
    SEATS_ATTENTION_OVER, SEATS_ATTENTION_GRACE, SEATS_ATTENTION_NEW_LICENSE, SEATS_ATTENTION_NOTICE,
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "subscriptions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < all->engines->len; i++)
    {
      const SeatsOverviewLine *line = &lines[i];
      SeatsSyncEngine *engine = g_ptr_array_index (all->engines, i);
      SeatsAccount *account = seats_sync_engine_get_account (engine);

      json_builder_begin_object (builder);
      json_add_string (builder, "account", account != NULL ? seats_account_get_id (account) : NULL);
      json_add_string (builder, "name", g_ptr_array_index (all->names, i));
      json_add_bool (builder, "terms_known", line->has_terms);
      json_add_int (builder, "in_use", line->in_use);
      if (line->has_terms)
        {
          json_add_int (builder, "purchased", line->bought);
          json_add_int (builder, "available", line->free);
          json_add_money (builder, "monthly_price", line->monthly, line->currency);
          json_add_money (builder, "available_monthly_price", line->free_monthly, line->currency);
          json_add_date (builder, "next_period", line->next_period);
          json_add_date (builder, "change_by", line->change_by);
        }
      json_builder_set_member_name (builder, "attention");
      json_builder_begin_array (builder);
      for (guint j = 0; j < G_N_ELEMENTS (reasons); j++)
        if (line->attention & reasons[j])
          json_builder_add_string_value (builder, seats_attention_to_string (reasons[j]));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "attention_text");
      json_builder_begin_array (builder);
      for (guint j = 0; j < G_N_ELEMENTS (reasons); j++)
        if (line->attention & reasons[j])
          {
            g_autofree char *text = seats_attention_text (reasons[j]);

            json_builder_add_string_value (builder, text);
          }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "totals");
  json_builder_begin_array (builder);
  for (guint i = 0; i < totals->len; i++)
    {
      const SeatsOverviewTotal *total = &g_array_index (totals, SeatsOverviewTotal, i);

      json_builder_begin_object (builder);
      json_add_string (builder, "currency", total->currency);
      json_add_int (builder, "subscriptions", total->subscriptions);
      json_add_int (builder, "without_prices", total->unpriced);
      json_add_int (builder, "purchased", total->bought);
      json_add_int (builder, "in_use", total->in_use);
      json_add_int (builder, "available", total->free);
      json_add_money (builder, "monthly_price", total->monthly, total->currency);
      json_add_money (builder, "available_monthly_price", total->free_monthly, total->currency);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  print_builder (builder);
}

/* Each line of @text, indented. */
static void
print_indented (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_print ("  %s\n", lines[i]);
}

static void
overview_text (Everything              *all,
               const SeatsOverviewLine *lines,
               GArray                  *totals)
{
  g_autoptr(SeatsCliTable) table = seats_cli_table_new (9);
  g_autoptr(GString) attention = g_string_new (NULL);
  const char *headers[] = {
    _("Subscription"), _("Purchased"), _("In use"), _("Available"), _("A month"),
    _("Cost of available a month"), _("Next period"), _("Change by"), _("Attention"), NULL
  };

  seats_cli_table_set_headers (table, headers);
  for (guint column = 1; column < 6; column++)
    seats_cli_table_align_right (table, column);

  for (guint i = 0; i < all->engines->len; i++)
    {
      const SeatsOverviewLine *line = &lines[i];
      const char *name = g_ptr_array_index (all->names, i);
      gboolean priced = line->has_terms && line->has_prices;
      g_autofree char *reasons = seats_attention_text (line->attention);
      g_autofree char *bought = line->has_terms ? seats_format_count (line->bought) : NULL;
      g_autofree char *in_use = seats_format_count (line->in_use);
      g_autofree char *free = line->has_terms ? seats_format_count (line->free) : NULL;
      g_autofree char *monthly = priced ? seats_format_money (line->monthly, line->currency) : NULL;
      g_autofree char *free_monthly = priced ? seats_format_money (line->free_monthly, line->currency) : NULL;
      g_autofree char *next = line->next_period != 0 ? seats_format_date (line->next_period) : NULL;
      g_autofree char *change_by = line->change_by != 0 ? seats_format_date (line->change_by) : NULL;
      const char *row[] = {
        name, bought ? bought : "", in_use, free ? free : "", monthly ? monthly : "",
        free_monthly ? free_monthly : "", next ? next : "", change_by ? change_by : "",
        reasons != NULL ? "!" : "", NULL
      };

      seats_cli_table_add_row (table, row);
      if (reasons != NULL)
        {
          g_auto(GStrv) split = g_strsplit (reasons, "\n", -1);

          for (guint j = 0; split[j] != NULL; j++)
            {
              /* Translators: an account, then why it needs attention */
              g_string_append_printf (attention, _("%s: %s"), name, split[j]);
              g_string_append_c (attention, '\n');
            }
        }
    }
  print_table (table);

  for (guint i = 0; i < totals->len; i++)
    {
      const SeatsOverviewTotal *total = &g_array_index (totals, SeatsOverviewTotal, i);
      g_autofree char *title = seats_overview_total_title (total);
      g_autofree char *description = seats_overview_total_describe (total);

      g_print ("\n%s\n", title);
      if (total->unpriced < total->subscriptions)
        {
          g_autofree char *monthly = seats_overview_monthly_text (total->monthly, total->currency);

          print_indented (monthly);
        }
      print_indented (description);
    }

  if (attention->len > 0)
    g_print ("\n%s", attention->str);
}

int
seats_cli_overview (SeatsCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_auto(Everything) all = { 0 };
  g_autoptr(GArray) totals = NULL;
  g_autofree SeatsOverviewLine *lines = NULL;
  guint days;

  if (!open_everything (cli, &all, &error))
    return seats_cli_fail (error);

  days = g_settings_get_uint (seats_cli_get_settings (cli, NULL), "reminder-days");
  lines = g_new0 (SeatsOverviewLine, MAX (all.engines->len, 1));
  for (guint i = 0; i < all.engines->len; i++)
    seats_overview_line_compute (seats_sync_engine_get_snapshot (g_ptr_array_index (all.engines, i)),
                                 &all.today, days, &lines[i]);
  totals = seats_overview_totals (lines, all.engines->len);

  if (cli->json)
    overview_json (&all, lines, totals);
  else if (all.engines->len == 0)
    g_print ("%s\n", _("No accounts yet. Add one with connect, connect-scim or add-subscription."));
  else
    overview_text (&all, lines, totals);

  for (guint i = 0; i < all.engines->len; i++)
    seats_overview_line_clear (&lines[i]);

  return SEATS_CLI_EXIT_OK;
}

int
seats_cli_calendar (SeatsCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_auto(Everything) all = { 0 };
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new ();
  g_autofree char *text = NULL;

  if (!open_everything (cli, &all, &error))
    return seats_cli_fail (error);

  for (guint i = 0; i < all.engines->len; i++)
    g_ptr_array_add (snapshots, (gpointer) seats_sync_engine_get_snapshot (g_ptr_array_index (all.engines, i)));

  text = seats_calendar_of_notice_dates ((const char * const *) all.names->pdata,
                                         (const SeatsSnapshot **) snapshots->pdata,
                                         snapshots->len, &all.today, all.now);

  if (g_str_equal (cli->args[0], "-"))
    {
      g_print ("%s", text);
      return SEATS_CLI_EXIT_OK;
    }

  /* Written whole or not at all. */
  if (!g_file_set_contents (cli->args[0], text, -1, &error))
    return seats_cli_fail (error);

  /* Translators: %s is a file name */
  g_print (_("The last days to change each subscription are in %s."), cli->args[0]);
  g_print ("\n");

  return SEATS_CLI_EXIT_OK;
}

/* import-users */

int
seats_cli_import_users (SeatsCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (cli->args[0]);
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(SeatsUserTable) table = NULL;
  g_autoptr(SeatsUserImport) import = NULL;
  g_autoptr(SeatsChange) change = NULL;
  g_autofree char *name = g_file_get_basename (file);

  if (!check_supported (cli, SEATS_CHANGE_USERS_PUT, &error))
    return seats_cli_fail (error);

  if (!(contents = g_file_load_bytes (file, NULL, NULL, &error)) ||
      !(table = seats_user_table_read (contents, name, &error)))
    {
      g_printerr ("seatsctl: %s\n", error->message);
      return SEATS_CLI_EXIT_REFUSED;
    }

  /* What Seats reads from each column, for the person to check. */
  for (guint i = 0; table->header[i] != NULL; i++)
    g_print ("  %s → %s\n", table->header[i],
             seats_import_column_describe (g_array_index (table->mapping, SeatsImportColumn, i)));

  import = seats_user_import_plan (table, seats_sync_engine_get_users (cli->engine));
  /* Translators: how many users an import adds, changes and makes former users */
  g_print (ngettext ("%u user added, ", "%u users added, ", import->n_added), import->n_added);
  g_print (ngettext ("%u changed, ", "%u changed, ", import->n_changed), import->n_changed);
  g_print (ngettext ("%u becomes a former user, ", "%u become former users, ", import->n_gone),
           import->n_gone);
  g_print (ngettext ("%u unchanged.", "%u unchanged.", import->n_unchanged), import->n_unchanged);
  g_print ("\n");
  for (guint i = 0; i < import->problems->len; i++)
    {
      SeatsImportProblem *problem = g_ptr_array_index (import->problems, i);

      /* Translators: a row of the file, as a spreadsheet numbers it, then why */
      g_print (_("Row %u is left out: %s"), problem->row, problem->reason);
      g_print ("\n");
    }

  if (import->users->len == 0)
    {
      g_print ("%s\n", _("Nothing would change."));
      return SEATS_CLI_EXIT_OK;
    }

  if (!cli->yes)
    {
      if (!isatty (STDIN_FILENO))
        return seats_cli_usage_error (_("Not imported: standard input is not a terminal to ask "
                                        "on. Add --yes to import without being asked."));

      if (!seats_cli_ask_yes (_("Import these users? [y/N]")))
        {
          g_printerr ("seatsctl: %s\n", _("Nothing was imported."));
          return SEATS_CLI_EXIT_REFUSED;
        }
    }

  change = seats_change_new_users_put (import->users, NULL, name);
  if (!(change = check_change (cli, g_steal_pointer (&change), NULL, &error)) ||
      !submit (cli, change, &error))
    return seats_cli_fail (error);

  /* Translators: %s is a file name */
  g_print (_("Imported the users of %s."), name);
  g_print ("\n");

  return SEATS_CLI_EXIT_OK;
}
