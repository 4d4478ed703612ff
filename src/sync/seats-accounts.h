/* seats-accounts.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "seats-sync-engine.h"

G_BEGIN_DECLS

/**
 * SeatsAccountInfo:
 * @id: the key of the account: names its local copy and its settings entry
 * @server: the address of the license server
 * @organization: the organization's id on that server
 * @name: the organization's name, to show
 * @source: what the account's data comes from
 * @user_name: (nullable): the user name of HTTP Basic, for a SCIM service
 *   that takes one; the password is the account's secret
 * @scim_config: (nullable): what a SCIM service said it can do, a{sv}
 *
 * An account Seats is connected to. Its access token (or password) is in
 * the keyring (schema io.github.seatsapp.Seats.Token, attributes server and
 * organization), never here. A SCIM service's @server is its SCIM base and
 * its @organization is its user name, or "scim".
 */
typedef struct
{
  char               *id;
  char               *server;
  char               *organization;
  char               *name;
  SeatsAccountSource  source;
  char               *user_name;
  GVariant           *scim_config;
} SeatsAccountInfo;

#define SEATS_TYPE_ACCOUNT_INFO (seats_account_info_get_type ())

GType               seats_account_info_get_type     (void) G_GNUC_CONST;
SeatsAccountInfo   *seats_account_info_new          (const char           *server,
                                                     const char           *organization,
                                                     const char           *name);
SeatsAccountInfo   *seats_account_info_new_scim     (const char           *base,
                                                     const char           *user_name,
                                                     GVariant             *scim_config);
SeatsAccountInfo   *seats_account_info_new_manual   (const char           *name);
SeatsAccountInfo   *seats_account_info_copy         (const SeatsAccountInfo *info);
void                seats_account_info_free         (SeatsAccountInfo     *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsAccountInfo, seats_account_info_free)

const SecretSchema *seats_token_schema              (void) G_GNUC_CONST;

GPtrArray          *seats_accounts_list             (GSettings            *settings);
SeatsAccountInfo   *seats_accounts_find             (GSettings            *settings,
                                                     const char           *id);

SeatsAccountInfo   *seats_accounts_add_manual       (GSettings            *settings,
                                                     const SeatsTerms     *terms,
                                                     GError              **error);
void                seats_accounts_connect_async    (GSettings            *settings,
                                                     const char           *server,
                                                     const char           *user_name,
                                                     const char           *secret,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
SeatsAccountInfo   *seats_accounts_connect_finish   (GAsyncResult         *result,
                                                     GError              **error);
void                seats_accounts_check_async      (const char           *server,
                                                     const char           *user_name,
                                                     const char           *secret,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
SeatsAccountInfo   *seats_accounts_check_finish     (GAsyncResult         *result,
                                                     GError              **error);
void                seats_accounts_open_async       (const SeatsAccountInfo *info,
                                                     SeatsSyncLoadFlags    flags,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
SeatsSyncEngine    *seats_accounts_open_finish      (GAsyncResult         *result,
                                                     GError              **error);
void                seats_accounts_lookup_token_async (const SeatsAccountInfo *info,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
char               *seats_accounts_lookup_token_finish (GAsyncResult       *result,
                                                        GError            **error);
SeatsSyncEngine    *seats_accounts_open_cached      (const SeatsAccountInfo *info,
                                                     SeatsSyncLoadFlags    flags,
                                                     GError              **error);
SeatsSyncEngine    *seats_accounts_open_with_token  (const SeatsAccountInfo *info,
                                                     const char           *token,
                                                     SeatsSyncLoadFlags    flags,
                                                     GError              **error);
SeatsSyncEngine    *seats_accounts_open_at          (const SeatsAccountInfo *info,
                                                     const char           *token,
                                                     const char           *path,
                                                     SeatsSyncLoadFlags    flags,
                                                     GError              **error);
void                seats_accounts_remove_async     (GSettings            *settings,
                                                     const SeatsAccountInfo *info,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean            seats_accounts_remove_finish    (GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
