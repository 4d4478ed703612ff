/* seats-server.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * SeatsServerFlags:
 * @SEATS_SERVER_FLAGS_NONE: a server as a vendor runs it
 * @SEATS_SERVER_FLAGS_ALLOW_CLOCK: tests may move the clock and play the
 *   upstream system (`/api/v1/_clock`, `/api/v1/_upstream`)
 * @SEATS_SERVER_FLAGS_ALLOW_FAULTS: the `X-Seats-Fault` request header makes
 *   the server misbehave on purpose, for the client's tests
 */
typedef enum
{
  SEATS_SERVER_FLAGS_NONE         = 0,
  SEATS_SERVER_FLAGS_ALLOW_CLOCK  = 1 << 0,
  SEATS_SERVER_FLAGS_ALLOW_FAULTS = 1 << 1,
} SeatsServerFlags;

/**
 * SeatsServerOrganization:
 * @slug: the organization's short name
 * @name: its name
 * @admin_token: a token with the admin role
 * @viewer_token: a token with the viewer role
 *
 * An organization the server seeded in this run, with fresh tokens: the
 * server keeps only their hashes, so this is the one moment they are known.
 */
typedef struct
{
  char *slug;
  char *name;
  char *admin_token;
  char *viewer_token;
} SeatsServerOrganization;

void seats_server_organization_free (SeatsServerOrganization *organization);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsServerOrganization, seats_server_organization_free)

#define SEATS_TYPE_SERVER (seats_server_get_type ())

G_DECLARE_FINAL_TYPE (SeatsServer, seats_server, SEATS, SERVER, GObject)

SeatsServer *seats_server_new                (const char        *db_path,
                                              SeatsServerFlags   flags,
                                              GError           **error);
char        *seats_server_listen             (SeatsServer       *self,
                                              const char        *address,
                                              guint              port,
                                              GError           **error);
void         seats_server_disconnect         (SeatsServer       *self);
gboolean     seats_server_seed_demo          (SeatsServer       *self,
                                              GError           **error);
gboolean     seats_server_seed_users         (SeatsServer       *self,
                                              guint              n_users,
                                              GError           **error);
GPtrArray   *seats_server_get_organizations  (SeatsServer       *self);
GDateTime   *seats_server_get_now            (SeatsServer       *self);
gboolean     seats_server_set_now            (SeatsServer       *self,
                                              GDateTime         *now,
                                              GError           **error);
char        *seats_server_export_license     (SeatsServer       *self,
                                              const char        *slug,
                                              GError           **error);

G_END_DECLS
