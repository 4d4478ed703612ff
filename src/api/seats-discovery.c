/* seats-discovery.c: what is at an address: a license server or a SCIM service
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-api"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "seats-api-decode.h"
#include "seats-api-error.h"
#include "seats-client.h"
#include "seats-discovery.h"

/* Where a SCIM service's base often is, below the address a person has. */
#define SCIM_BASE_SUFFIX "scim/v2/"

void
seats_discovery_free (SeatsDiscovery *discovery)
{
  if (discovery == NULL)
    return;

  g_free (discovery->base);
  g_clear_object (&discovery->account);
  g_clear_pointer (&discovery->scim, seats_scim_config_free);
  g_free (discovery);
}

typedef struct
{
  char            *address;
  char            *user_name;
  char            *secret;
  /* The SCIM bases to ask, in order, and the one asked now. */
  GPtrArray       *bases;
  guint            next_base;
  SeatsClient     *client;
  SeatsDiscovery  *found;
  /* What a license server, and a SCIM service, said to the credentials. */
  GError          *license_error;
  GError          *scim_error;
} Discover;

static void
discover_free (gpointer data)
{
  Discover *discover = data;

  g_free (discover->address);
  g_free (discover->user_name);
  if (discover->secret != NULL)
    memset (discover->secret, 0, strlen (discover->secret));
  g_free (discover->secret);
  g_clear_pointer (&discover->bases, g_ptr_array_unref);
  g_clear_object (&discover->client);
  g_clear_pointer (&discover->found, seats_discovery_free);
  g_clear_error (&discover->license_error);
  g_clear_error (&discover->scim_error);
  g_free (discover);
}

/* A person waits: no retries behind their back. */
static SeatsClient *
new_client (Discover     *discover,
            const char   *base,
            gboolean      scim,
            GError      **error)
{
  SeatsClient *client = seats_client_new (base, discover->secret, error);

  if (client == NULL)
    return NULL;

  seats_client_set_retry_policy (client, 1, 0);
  if (scim)
    {
      seats_client_set_scim (client);
      seats_client_set_user_name (client, discover->user_name);
    }

  return client;
}

/* Nothing can be learnt of the address: unreachable, insecure, bad TLS. */
static gboolean
is_final (const GError *error)
{
  return g_error_matches (error, SEATS_API_ERROR, SEATS_API_ERROR_OFFLINE) ||
         g_error_matches (error, SEATS_API_ERROR, SEATS_API_ERROR_TIMEOUT) ||
         g_error_matches (error, SEATS_API_ERROR, SEATS_API_ERROR_TLS) ||
         g_error_matches (error, SEATS_API_ERROR, SEATS_API_ERROR_INSECURE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gboolean
is_refusal_of_credentials (const GError *error)
{
  return g_error_matches (error, SEATS_API_ERROR, SEATS_API_ERROR_UNAUTHORIZED) ||
         g_error_matches (error, SEATS_API_ERROR, SEATS_API_ERROR_FORBIDDEN);
}

static void ask_next_scim_base (GTask *task);

static void
nothing_found (GTask *task)
{
  Discover *discover = g_task_get_task_data (task);

  /* Something answered, and refused the credentials: say so, in the words
   * of what it is. */
  if (discover->scim_error != NULL)
    g_task_return_error (task, g_steal_pointer (&discover->scim_error));
  else if (discover->license_error != NULL)
    g_task_return_error (task, g_steal_pointer (&discover->license_error));
  else
    g_task_return_new_error (task, SEATS_API_ERROR, SEATS_API_ERROR_NOT_FOUND,
                             _("At %s there is neither a Seats license server nor a SCIM 2.0 "
                               "service. Check the address: it is the one the vendor gave, "
                               "often ending in /scim/v2."),
                             discover->address);
  g_object_unref (task);
}

static void
users_checked_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Discover *discover = g_task_get_task_data (task);
  g_autoptr(SeatsResponse) response = NULL;
  GError *error = NULL;

  /* The credentials are what reading the users needs. */
  response = seats_client_send_finish (SEATS_CLIENT (object), result, NULL, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&discover->found), (GDestroyNotify) seats_discovery_free);
  g_object_unref (task);
}

static void
check_users (GTask *task)
{
  Discover *discover = g_task_get_task_data (task);
  g_autofree char *path = g_strdup_printf ("%s?startIndex=1&count=1", discover->found->scim->users_path);

  seats_client_send_async (discover->client, "GET", path, NULL, NULL, NULL, NULL,
                           g_task_get_cancellable (task), users_checked_cb, task);
}

static void
resource_types_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Discover *discover = g_task_get_task_data (task);
  g_autoptr(SeatsResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  /* /ResourceTypes is where the users are, if not at /Users; a service
   * without it has them there. */
  response = seats_client_send_finish (SEATS_CLIENT (object), result, NULL, &error);
  if (response == NULL && is_final (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (response != NULL && response->root != NULL &&
      !seats_api_decode_scim_resource_types (response->root, discover->found->scim, &error))
    g_debug ("The service's resource types cannot be read: %s", error->message);

  check_users (task);
}

static void
config_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Discover *discover = g_task_get_task_data (task);
  g_autoptr(SeatsResponse) response = NULL;
  g_autoptr(SeatsScimConfig) config = seats_scim_config_new ();
  GError *error = NULL;

  response = seats_client_send_finish (SEATS_CLIENT (object), result, NULL, &error);
  if (response == NULL)
    {
      if (is_final (error))
        {
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }

      /* A SCIM service that asks for credentials before it says what it is. */
      if (is_refusal_of_credentials (error) && discover->scim_error == NULL)
        discover->scim_error = error;
      else
        g_error_free (error);

      ask_next_scim_base (task);
      return;
    }

  if (response->root == NULL || !seats_api_decode_scim_config (response->root, config, &error))
    {
      g_clear_error (&error);
      ask_next_scim_base (task);
      return;
    }

  discover->found = g_new0 (SeatsDiscovery, 1);
  discover->found->kind = SEATS_SOURCE_KIND_SCIM;
  discover->found->base = g_strdup (seats_client_get_base_uri (discover->client));
  discover->found->scim = g_steal_pointer (&config);

  seats_client_send_async (discover->client, "GET", "ResourceTypes", NULL, NULL, NULL, NULL,
                           g_task_get_cancellable (task), resource_types_cb, task);
}

static void
ask_next_scim_base (GTask *task)
{
  Discover *discover = g_task_get_task_data (task);
  GError *error = NULL;

  if (discover->next_base >= discover->bases->len)
    {
      nothing_found (task);
      return;
    }

  g_clear_object (&discover->client);
  discover->client = new_client (discover, g_ptr_array_index (discover->bases, discover->next_base++),
                                 TRUE, &error);
  if (discover->client == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  seats_client_send_async (discover->client, "GET", "ServiceProviderConfig", NULL, NULL, NULL, NULL,
                           g_task_get_cancellable (task), config_cb, task);
}

static void
account_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Discover *discover = g_task_get_task_data (task);
  g_autoptr(SeatsResponse) response = NULL;
  SeatsAccount *account = NULL;
  GError *error = NULL;

  response = seats_client_send_finish (SEATS_CLIENT (object), result, NULL, &error);
  if (response != NULL && (account = seats_api_decode_account (response->root, &error)) != NULL)
    {
      discover->found = g_new0 (SeatsDiscovery, 1);
      discover->found->kind = SEATS_SOURCE_KIND_LICENSE_SERVER;
      discover->found->base = g_strdup (discover->address);
      discover->found->account = account;
      g_task_return_pointer (task, g_steal_pointer (&discover->found), (GDestroyNotify) seats_discovery_free);
      g_object_unref (task);
      return;
    }

  if (is_final (error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* Something at /api/v1/account refused the token: a license server,
   * unless a SCIM service is found after all. */
  if (is_refusal_of_credentials (error))
    discover->license_error = error;
  else
    g_error_free (error);

  ask_next_scim_base (task);
}

/**
 * seats_discover_async:
 * @address: what the person typed: a license server's address or a SCIM
 *   service's, with or without its /scim/v2
 * @user_name: (nullable): a user name for HTTP Basic; %NULL for a token
 * @secret: the access token, or the password of @user_name
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with what is there
 * @user_data: data for @callback
 *
 * Finds out what is at @address and whether it takes the credentials: a
 * Seats license server (its /api/v1/account), or a SCIM 2.0 service (its
 * /ServiceProviderConfig, at the address or under /scim/v2), and otherwise
 * says plainly that it is neither. Nothing is kept.
 */
void
seats_discover_async (const char          *address,
                      const char          *user_name,
                      const char          *secret,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *trimmed = g_strstrip (g_strdup (address != NULL ? address : ""));
  g_autofree char *with_slash = NULL;
  GError *error = NULL;
  Discover *discover;

  g_task_set_source_tag (task, seats_discover_async);

  discover = g_new0 (Discover, 1);
  g_task_set_task_data (task, discover, discover_free);
  discover->secret = g_strstrip (g_strdup (secret != NULL ? secret : ""));
  discover->user_name = g_strstrip (g_strdup (user_name != NULL ? user_name : ""));
  if (*discover->user_name == '\0')
    g_clear_pointer (&discover->user_name, g_free);

  if (*discover->secret == '\0')
    {
      g_task_return_new_error (task, SEATS_API_ERROR, SEATS_API_ERROR_UNAUTHORIZED,
                               discover->user_name != NULL ? _("Enter the password.")
                                                           : _("Enter the access token the vendor gave you."));
      g_object_unref (task);
      return;
    }

  with_slash = g_str_has_suffix (trimmed, "/") ? g_strdup (trimmed) : g_strconcat (trimmed, "/", NULL);
  discover->address = g_strdup (trimmed);
  discover->bases = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (discover->bases, g_strdup (with_slash));
  if (!g_str_has_suffix (with_slash, "/" SCIM_BASE_SUFFIX))
    g_ptr_array_add (discover->bases, g_strconcat (with_slash, SCIM_BASE_SUFFIX, NULL));

  /* A license server takes a token, not a user name and password. */
  if (discover->user_name != NULL)
    {
      ask_next_scim_base (task);
      return;
    }

  discover->client = new_client (discover, discover->address, FALSE, &error);
  if (discover->client == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  seats_client_send_async (discover->client, "GET", "api/v1/account", NULL, NULL, NULL, NULL,
                           cancellable, account_cb, task);
}

/**
 * seats_discover_finish:
 * @result: the result given to the callback
 * @error: why nothing usable is there, for the person
 *
 * Returns: (transfer full) (nullable): what is at the address
 */
SeatsDiscovery *
seats_discover_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
