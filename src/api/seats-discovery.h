/* seats-discovery.h: what is at an address: a license server or a SCIM service
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-domain.h"
#include "seats-scim.h"
#include "seats-source.h"

G_BEGIN_DECLS

/**
 * SeatsDiscovery:
 * @kind: what answered
 * @base: the address to keep: the license server's, or the SCIM base
 * @account: (nullable): a license server's organization, as the token has it
 * @scim: (nullable): what a SCIM service said it can do
 *
 * What Connect found at an address with the credentials given.
 */
typedef struct
{
  SeatsSourceKind  kind;
  char            *base;
  SeatsAccount    *account;
  SeatsScimConfig *scim;
} SeatsDiscovery;

void            seats_discovery_free   (SeatsDiscovery       *discovery);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsDiscovery, seats_discovery_free)

void            seats_discover_async   (const char           *address,
                                        const char           *user_name,
                                        const char           *secret,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
SeatsDiscovery *seats_discover_finish  (GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
