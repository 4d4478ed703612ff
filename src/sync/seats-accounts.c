/* seats-accounts.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-accounts"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "seats-accounts.h"
#include "seats-api-error.h"
#include "seats-client.h"
#include "seats-discovery.h"
#include "seats-license-server-source.h"
#include "seats-local-source.h"
#include "seats-scim-source.h"
#include "seats-store.h"

G_DEFINE_BOXED_TYPE (SeatsAccountInfo, seats_account_info,
                     seats_account_info_copy, seats_account_info_free)

const SecretSchema *
seats_token_schema (void)
{
  static const SecretSchema schema = {
    "io.github.seatsapp.Seats.Token", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "organization", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* The same server written with or without a final slash is one server. */
static char *
normalize_server (const char *server)
{
  g_autofree char *copy = g_strstrip (g_strdup (server));
  gsize len = strlen (copy);

  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';

  return g_steal_pointer (&copy);
}

/**
 * seats_account_info_new:
 * @server: the address of the license server
 * @organization: the organization's id there
 * @name: (nullable): the organization's name
 *
 * Returns: (transfer full): the account, with a key made from @server and
 *   @organization, so that connecting the same account again finds it
 */
SeatsAccountInfo *
seats_account_info_new (const char *server,
                        const char *organization,
                        const char *name)
{
  SeatsAccountInfo *info = g_new0 (SeatsAccountInfo, 1);
  g_autofree char *key = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (organization != NULL, NULL);

  info->server = normalize_server (server);
  info->organization = g_strdup (organization);
  info->name = g_strdup (name != NULL ? name : organization);

  key = g_strconcat (info->server, "\n", organization, NULL);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  info->id = g_strndup (hash, 16);

  return info;
}

/* The name a SCIM service is shown by: its host, as the person knows it. */
static char *
name_of_service (const char *base)
{
  g_autoptr(GUri) uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);

  return g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : base);
}

/**
 * seats_account_info_new_scim:
 * @base: the SCIM base of the service
 * @user_name: (nullable): the user name of HTTP Basic
 * @scim_config: what the service said it can do, a{sv}
 *
 * Returns: (transfer full): the account of a SCIM service, keyed by its
 *   base and its user
 */
SeatsAccountInfo *
seats_account_info_new_scim (const char *base,
                             const char *user_name,
                             GVariant   *scim_config)
{
  g_autofree char *name = name_of_service (base);
  SeatsAccountInfo *info = seats_account_info_new (base, user_name != NULL ? user_name : "scim", name);

  info->source = SEATS_ACCOUNT_SOURCE_SCIM;
  info->user_name = g_strdup (user_name);
  info->scim_config = scim_config != NULL ? g_variant_ref_sink (scim_config) : NULL;

  return info;
}

/* The address of every subscription kept by hand: this computer. */
#define MANUAL_SERVER "local:"

/**
 * seats_account_info_new_manual:
 * @name: what the subscription is shown by: its vendor
 *
 * Returns: (transfer full): a new subscription kept on this computer, with
 *   a key of its own
 */
SeatsAccountInfo *
seats_account_info_new_manual (const char *name)
{
  g_autofree char *organization = g_uuid_string_random ();
  SeatsAccountInfo *info;

  g_return_val_if_fail (name != NULL, NULL);

  info = seats_account_info_new (MANUAL_SERVER, organization, name);
  info->source = SEATS_ACCOUNT_SOURCE_MANUAL;

  return info;
}

SeatsAccountInfo *
seats_account_info_copy (const SeatsAccountInfo *info)
{
  SeatsAccountInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_new0 (SeatsAccountInfo, 1);
  copy->id = g_strdup (info->id);
  copy->server = g_strdup (info->server);
  copy->organization = g_strdup (info->organization);
  copy->name = g_strdup (info->name);
  copy->source = info->source;
  copy->user_name = g_strdup (info->user_name);
  copy->scim_config = info->scim_config != NULL ? g_variant_ref (info->scim_config) : NULL;

  return copy;
}

void
seats_account_info_free (SeatsAccountInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->id);
  g_free (info->server);
  g_free (info->organization);
  g_free (info->name);
  g_free (info->user_name);
  g_clear_pointer (&info->scim_config, g_variant_unref);
  g_free (info);
}

/**
 * seats_accounts_list:
 * @settings: the application's settings
 *
 * Returns: (transfer full) (element-type SeatsAccountInfo): the connected accounts
 */
GPtrArray *
seats_accounts_list (GSettings *settings)
{
  g_autoptr(GVariant) accounts = NULL;
  g_autoptr(GVariant) sources = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) seats_account_info_free);
  GVariantIter iter;
  const char *id, *server, *organization, *name;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  accounts = g_settings_get_value (settings, "accounts");
  sources = g_settings_get_value (settings, "account-sources");
  g_variant_iter_init (&iter, accounts);
  while (g_variant_iter_next (&iter, "(&s&s&s&s)", &id, &server, &organization, &name))
    {
      SeatsAccountInfo *info = g_new0 (SeatsAccountInfo, 1);
      GVariantIter source_iter;
      const char *source_id, *source, *user_name;
      GVariant *config;

      info->id = g_strdup (id);
      info->server = g_strdup (server);
      info->organization = g_strdup (organization);
      info->name = g_strdup (name);

      /* An account without an entry here is a license server's. */
      g_variant_iter_init (&source_iter, sources);
      while (g_variant_iter_next (&source_iter, "(&s&s&s@a{sv})", &source_id, &source, &user_name, &config))
        {
          if (g_str_equal (source_id, id) &&
              seats_account_source_from_string (source, &info->source))
            {
              info->user_name = *user_name != '\0' ? g_strdup (user_name) : NULL;
              g_clear_pointer (&info->scim_config, g_variant_unref);
              info->scim_config = g_variant_ref (config);
            }
          g_variant_unref (config);
        }

      g_ptr_array_add (list, info);
    }

  return g_steal_pointer (&list);
}

/**
 * seats_accounts_find:
 * @settings: the application's settings
 * @id: the key of an account
 *
 * Returns: (transfer full) (nullable): the account
 */
SeatsAccountInfo *
seats_accounts_find (GSettings  *settings,
                     const char *id)
{
  g_autoptr(GPtrArray) list = seats_accounts_list (settings);

  for (guint i = 0; i < list->len; i++)
    {
      SeatsAccountInfo *info = g_ptr_array_index (list, i);

      if (g_strcmp0 (info->id, id) == 0)
        return seats_account_info_copy (info);
    }

  return NULL;
}

static void
write_list (GSettings *settings,
            GPtrArray *list)
{
  GVariantBuilder builder, sources;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ssss)"));
  g_variant_builder_init (&sources, G_VARIANT_TYPE ("a(sssa{sv})"));
  for (guint i = 0; i < list->len; i++)
    {
      SeatsAccountInfo *info = g_ptr_array_index (list, i);

      g_variant_builder_add (&builder, "(ssss)", info->id, info->server, info->organization,
                             info->name);
      if (info->source != SEATS_ACCOUNT_SOURCE_LICENSE_SERVER)
        g_variant_builder_add (&sources, "(sss@a{sv})", info->id,
                               seats_account_source_to_string (info->source),
                               info->user_name != NULL ? info->user_name : "",
                               info->scim_config != NULL ? info->scim_config
                                                         : g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
    }

  g_settings_delay (settings);
  g_settings_set_value (settings, "accounts", g_variant_builder_end (&builder));
  g_settings_set_value (settings, "account-sources", g_variant_builder_end (&sources));
  g_settings_apply (settings);
}

static void
put_account (GSettings              *settings,
             const SeatsAccountInfo *info)
{
  g_autoptr(GPtrArray) list = seats_accounts_list (settings);
  gboolean found = FALSE;

  for (guint i = 0; i < list->len; i++)
    {
      SeatsAccountInfo *existing = g_ptr_array_index (list, i);

      /* Connected again: what it is and can do now, in its place. */
      if (g_strcmp0 (existing->id, info->id) == 0)
        {
          seats_account_info_free (existing);
          g_ptr_array_index (list, i) = seats_account_info_copy (info);
          found = TRUE;
        }
    }

  if (!found)
    g_ptr_array_add (list, seats_account_info_copy (info));

  write_list (settings, list);
}

static void
drop_account (GSettings              *settings,
              const SeatsAccountInfo *info)
{
  g_autoptr(GPtrArray) list = seats_accounts_list (settings);
  g_autofree char *active = g_settings_get_string (settings, "active-account");

  for (guint i = list->len; i > 0; i--)
    {
      SeatsAccountInfo *existing = g_ptr_array_index (list, i - 1);

      if (g_strcmp0 (existing->id, info->id) == 0)
        g_ptr_array_remove_index (list, i - 1);
    }

  write_list (settings, list);

  if (g_strcmp0 (active, info->id) == 0)
    g_settings_set_string (settings, "active-account", "");
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SeatsDiscovery) discovery = NULL;
  GError *error = NULL;
  const char *user_name = g_task_get_task_data (task);

  discovery = seats_discover_finish (result, &error);
  if (discovery == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (discovery->kind == SEATS_SOURCE_KIND_SCIM)
    g_task_return_pointer (task,
                           seats_account_info_new_scim (discovery->base, user_name,
                                                        seats_scim_config_to_variant (discovery->scim)),
                           (GDestroyNotify) seats_account_info_free);
  else
    g_task_return_pointer (task,
                           seats_account_info_new (discovery->base,
                                                   seats_account_get_id (discovery->account),
                                                   seats_account_get_name (discovery->account)),
                           (GDestroyNotify) seats_account_info_free);
}

/**
 * seats_accounts_check_async:
 * @server: the address of a license server or a SCIM service
 * @user_name: (nullable): the user name of HTTP Basic, or %NULL for a token
 * @secret: an access token, or the password of @user_name
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the account the credentials are for
 * @user_data: data for @callback
 *
 * Finds out what is at @server and whether it takes the credentials,
 * without keeping anything.
 */
void
seats_accounts_check_async (const char          *server,
                            const char          *user_name,
                            const char          *secret,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *normalized = normalize_server (server != NULL ? server : "");

  g_task_set_source_tag (task, seats_accounts_check_async);
  g_task_set_task_data (task, user_name != NULL && *user_name != '\0' ? g_strstrip (g_strdup (user_name)) : NULL,
                        g_free);

  seats_discover_async (normalized, user_name, secret, cancellable, check_cb, g_steal_pointer (&task));
}

/**
 * seats_accounts_check_finish:
 * @result: the result given to the callback
 * @error: why the address or the credentials cannot be used
 *
 * Returns: (transfer full) (nullable): the account the credentials are for,
 *   not yet kept
 */
SeatsAccountInfo *
seats_accounts_check_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  GSettings        *settings;
  char             *server;
  char             *user_name;
  char             *token;
  SeatsAccountInfo *info;
} Connect;

static void
connect_free (gpointer data)
{
  Connect *connect = data;

  g_clear_object (&connect->settings);
  g_free (connect->server);
  g_free (connect->user_name);
  if (connect->token != NULL)
    memset (connect->token, 0, strlen (connect->token));
  g_free (connect->token);
  g_clear_pointer (&connect->info, seats_account_info_free);
  g_free (connect);
}

static void
connect_stored_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Connect *connect = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_task_return_new_error (task, SEATS_API_ERROR, SEATS_API_ERROR_FORBIDDEN,
                               _("The access token could not be kept in the keyring: %s"),
                               error->message);
      return;
    }

  put_account (connect->settings, connect->info);
  g_task_return_pointer (task, seats_account_info_copy (connect->info),
                         (GDestroyNotify) seats_account_info_free);
}

static void
connect_checked_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Connect *connect = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  connect->info = seats_accounts_check_finish (result, &error);
  if (connect->info == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Translators: the label of the access token in the keyring; %s is the organization */
  label = g_strdup_printf (_("Seats access token for %s"), connect->info->name);

  secret_password_store (seats_token_schema (), SECRET_COLLECTION_DEFAULT, label,
                         connect->token, g_task_get_cancellable (task),
                         connect_stored_cb, g_object_ref (task),
                         "server", connect->info->server,
                         "organization", connect->info->organization,
                         NULL);
}

/**
 * seats_accounts_add_manual:
 * @settings: the application's settings
 * @terms: the terms of a subscription that has no server to sync with
 * @error: why they are refused, or the local copy could not be written
 *
 * Adds a subscription kept on this computer: @terms are checked as the
 * terms dialog checks them, written to a local copy of its own, and the
 * account is added to the list. Nothing goes to the keyring: there is no
 * one to sign in to.
 *
 * Returns: (transfer full) (nullable): the new account
 */
SeatsAccountInfo *
seats_accounts_add_manual (GSettings         *settings,
                           const SeatsTerms  *terms,
                           GError           **error)
{
  g_autoptr(SeatsAccountInfo) info = NULL;
  g_autoptr(SeatsAccount) account = seats_account_new ();
  g_autoptr(SeatsStore) store = NULL;
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(SeatsPull) pull = NULL;
  g_auto(SeatsSnapshot) empty = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  SeatsClock *clock = seats_clock_get_default ();
  GDate today;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (terms != NULL, NULL);

  if (!seats_terms_check (terms, 0, NULL, error))
    return NULL;

  name = g_strstrip (g_strdup (terms->vendor));
  info = seats_account_info_new_manual (name);

  /* The terms, made by the rules as a change of an account with none yet:
   * the summary, the log and the chart begin with them. */
  seats_snapshot_init (&empty);
  seats_account_set_id (account, info->id);
  seats_account_set_source (account, SEATS_ACCOUNT_SOURCE_MANUAL);
  empty.account = g_steal_pointer (&account);
  seats_terms_apply (terms, &empty);
  change = seats_change_new_terms (terms);
  seats_clock_get_today (clock, &today);
  if (!(pull = seats_local_apply (change, &empty, &today, seats_clock_get_unix_time (clock), error)))
    return NULL;

  path = seats_store_dup_default_path (info->id);
  if (!(store = seats_store_new (path, error)) ||
      !seats_store_save (store, &pull->snapshot, error))
    return NULL;

  put_account (settings, info);

  return g_steal_pointer (&info);
}

/**
 * seats_accounts_connect_async:
 * @settings: the application's settings
 * @server: the address of a license server or a SCIM service
 * @user_name: (nullable): the user name of HTTP Basic, or %NULL for a token
 * @token: an access token, or the password of @user_name
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the account is connected or could not be
 * @user_data: data for @callback
 *
 * Finds out what is at @server and checks the credentials against it,
 * keeps the token or password in the keyring and adds the account to the
 * list.
 */
void
seats_accounts_connect_async (GSettings           *settings,
                              const char          *server,
                              const char          *user_name,
                              const char          *token,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Connect *connect;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (server != NULL);
  g_return_if_fail (token != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, seats_accounts_connect_async);

  connect = g_new0 (Connect, 1);
  connect->settings = g_object_ref (settings);
  connect->server = normalize_server (server);
  connect->user_name = g_strdup (user_name);
  connect->token = g_strstrip (g_strdup (token));
  g_task_set_task_data (task, connect, connect_free);

  seats_accounts_check_async (connect->server, connect->user_name, connect->token, cancellable,
                              connect_checked_cb, g_steal_pointer (&task));
}

SeatsAccountInfo *
seats_accounts_connect_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * seats_accounts_open_with_token:
 * @info: an account
 * @token: its access token
 * @flags: how its local copy is read, as seats_sync_engine_load() takes them
 * @error: why its local copy cannot be opened
 *
 * Opens the local copy of @info and shows it: no network yet.
 *
 * Returns: (transfer full) (nullable): the engine of the account
 */
SeatsSyncEngine *
seats_accounts_open_with_token (const SeatsAccountInfo  *info,
                                const char              *token,
                                SeatsSyncLoadFlags       flags,
                                GError                 **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (token != NULL, NULL);

  path = seats_store_dup_default_path (info->id);

  return seats_accounts_open_at (info, token, path, flags, error);
}

/**
 * seats_accounts_open_at:
 * @info: an account
 * @token: (nullable): its access token, or %NULL until it is known
 * @path: where its local copy is, such as a temporary directory for a demo
 * @flags: how its local copy is read, as seats_sync_engine_load() takes them
 * @error: why its local copy cannot be opened
 *
 * Returns: (transfer full) (nullable): the engine of the account
 */
SeatsSyncEngine *
seats_accounts_open_at (const SeatsAccountInfo  *info,
                        const char              *token,
                        const char              *path,
                        SeatsSyncLoadFlags       flags,
                        GError                 **error)
{
  g_autoptr(SeatsClient) client = NULL;
  g_autoptr(SeatsSource) source = NULL;
  g_autoptr(SeatsStore) store = NULL;
  g_autoptr(SeatsSyncEngine) engine = NULL;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!(store = seats_store_new (path, error)))
    return NULL;

  if (info->source == SEATS_ACCOUNT_SOURCE_MANUAL)
    source = seats_local_source_new ();
  else if (!(client = seats_client_new (info->server, token, error)))
    return NULL;
  else if (info->source == SEATS_ACCOUNT_SOURCE_SCIM)
    {
      g_autoptr(SeatsScimConfig) config = info->scim_config != NULL
                                          ? seats_scim_config_from_variant (info->scim_config)
                                          : seats_scim_config_new ();

      seats_client_set_user_name (client, info->user_name);
      source = seats_scim_source_new (client, info->id, info->name, config);
    }
  else
    source = seats_license_server_source_new (client);

  engine = seats_sync_engine_new (source, store);
  if (!seats_sync_engine_load (engine, flags, error))
    return NULL;

  return g_steal_pointer (&engine);
}

static void
token_looked_up_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SeatsAccountInfo *info = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *token;

  token = secret_password_lookup_finish (result, &error);
  if (token != NULL)
    g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
  else if (error != NULL)
    g_task_return_new_error (task, SEATS_API_ERROR, SEATS_API_ERROR_UNAUTHORIZED,
                             _("The keyring could not be read: %s"), error->message);
  else
    g_task_return_new_error (task, SEATS_API_ERROR, SEATS_API_ERROR_UNAUTHORIZED,
                             _("The access token of %s is not in the keyring. "
                               "Connect the account again."), info->name);
}

/**
 * seats_accounts_lookup_token_async:
 * @info: an account
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the token
 * @user_data: data for @callback
 *
 * Reads the account's token from the keyring.
 */
void
seats_accounts_lookup_token_async (const SeatsAccountInfo *info,
                                   GCancellable           *cancellable,
                                   GAsyncReadyCallback     callback,
                                   gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (info != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, seats_accounts_lookup_token_async);
  g_task_set_task_data (task, seats_account_info_copy (info), (GDestroyNotify) seats_account_info_free);

  secret_password_lookup (seats_token_schema (), cancellable, token_looked_up_cb,
                          g_steal_pointer (&task),
                          "server", info->server,
                          "organization", info->organization,
                          NULL);
}

/**
 * seats_accounts_lookup_token_finish:
 *
 * Returns: (transfer full) (nullable): the token, to be freed with
 *   secret_password_free(), which also wipes it
 */
char *
seats_accounts_lookup_token_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * seats_accounts_open_cached:
 * @info: an account
 * @flags: how its local copy is read, as seats_sync_engine_load() takes them
 * @error: why its local copy cannot be opened
 *
 * Opens the local copy of @info without its token, which reading it does
 * not need: the window shows it while the token is read from the keyring.
 * The engine's client gets the token with seats_client_set_token().
 *
 * Returns: (transfer full) (nullable): the engine of the account
 */
SeatsSyncEngine *
seats_accounts_open_cached (const SeatsAccountInfo  *info,
                            SeatsSyncLoadFlags       flags,
                            GError                 **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (info != NULL, NULL);

  path = seats_store_dup_default_path (info->id);

  return seats_accounts_open_at (info, NULL, path, flags, error);
}

typedef struct
{
  SeatsAccountInfo   *info;
  SeatsSyncLoadFlags  flags;
} Open;

static void
open_free (gpointer data)
{
  Open *open = data;

  seats_account_info_free (open->info);
  g_free (open);
}

static void
open_looked_up_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Open *open = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SeatsSyncEngine *engine;
  char *token;

  token = seats_accounts_lookup_token_finish (result, &error);
  if (token == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  engine = seats_accounts_open_with_token (open->info, token, open->flags, &error);
  secret_password_free (token);

  if (engine == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, engine, g_object_unref);
}

/**
 * seats_accounts_open_async:
 * @info: an account
 * @flags: how its local copy is read, as seats_sync_engine_load() takes them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the engine of the account
 * @user_data: data for @callback
 *
 * Reads the account's token from the keyring and opens its local copy.
 */
void
seats_accounts_open_async (const SeatsAccountInfo *info,
                           SeatsSyncLoadFlags      flags,
                           GCancellable           *cancellable,
                           GAsyncReadyCallback     callback,
                           gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  Open *open;

  g_return_if_fail (info != NULL);

  open = g_new0 (Open, 1);
  open->info = seats_account_info_copy (info);
  open->flags = flags;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, seats_accounts_open_async);
  g_task_set_task_data (task, open, open_free);

  /* A subscription kept by hand has no token to look up. */
  if (info->source == SEATS_ACCOUNT_SOURCE_MANUAL)
    {
      g_autoptr(GError) error = NULL;
      SeatsSyncEngine *engine = seats_accounts_open_cached (info, flags, &error);

      if (engine == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, engine, g_object_unref);
      return;
    }

  seats_accounts_lookup_token_async (info, cancellable, open_looked_up_cb, g_steal_pointer (&task));
}

SeatsSyncEngine *
seats_accounts_open_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  GSettings        *settings;
  SeatsAccountInfo *info;
} Remove;

static void
remove_free (gpointer data)
{
  Remove *remove = data;

  g_clear_object (&remove->settings);
  g_clear_pointer (&remove->info, seats_account_info_free);
  g_free (remove);
}

static void
remove_cleared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Remove *remove = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  /* Not finding the token is fine: it is gone either way. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_new_error (task, SEATS_API_ERROR, SEATS_API_ERROR_FORBIDDEN,
                               _("The access token could not be removed from the keyring: %s"),
                               error->message);
      return;
    }

  path = seats_store_dup_default_path (remove->info->id);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                   _("The local copy of %s could not be removed: %s"),
                                   remove->info->name, g_strerror (saved_errno));
          return;
        }
    }

  drop_account (remove->settings, remove->info);
  g_task_return_boolean (task, TRUE);
}

/**
 * seats_accounts_remove_async:
 * @settings: the application's settings
 * @info: an account
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the account is gone
 * @user_data: data for @callback
 *
 * Removes the account's token from the keyring, its local copy from the
 * disk and the account from the list.
 */
void
seats_accounts_remove_async (GSettings              *settings,
                             const SeatsAccountInfo *info,
                             GCancellable           *cancellable,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  Remove *remove;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (info != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, seats_accounts_remove_async);

  remove = g_new0 (Remove, 1);
  remove->settings = g_object_ref (settings);
  remove->info = seats_account_info_copy (info);
  g_task_set_task_data (task, remove, remove_free);

  secret_password_clear (seats_token_schema (), cancellable, remove_cleared_cb,
                         g_steal_pointer (&task),
                         "server", info->server,
                         "organization", info->organization,
                         NULL);
}

gboolean
seats_accounts_remove_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
