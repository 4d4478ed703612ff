/* seats-scim.h: what a SCIM 2.0 service says it can do
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SEATS_SCIM_CORE_USER        "urn:ietf:params:scim:schemas:core:2.0:User"
#define SEATS_SCIM_CONFIG_SCHEMA    "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
#define SEATS_SCIM_PATCH_SCHEMA     "urn:ietf:params:scim:api:messages:2.0:PatchOp"
#define SEATS_SCIM_BULK_REQUEST     "urn:ietf:params:scim:api:messages:2.0:BulkRequest"

/**
 * SeatsScimConfig:
 * @filter: filters are supported: deltas by meta.lastModified
 * @max_results: the most resources a list gives at once; 0 when not said
 * @patch: PATCH is supported; otherwise a user is replaced with PUT
 * @etag: ETags are supported: changes send If-Match
 * @bulk: Bulk is supported: a selection goes as one request
 * @bulk_max_operations: the most operations of one Bulk request
 * @bulk_max_payload: the largest Bulk request, in bytes
 * @basic: HTTP Basic is among its authentication schemes
 * @bearer: OAuth Bearer tokens are among its authentication schemes
 * @users_path: where its users are, relative to its base: "Users" unless
 *   /ResourceTypes says otherwise
 *
 * What /ServiceProviderConfig and /ResourceTypes said, kept with the
 * account (RFC 7643 5, 6).
 */
typedef struct
{
  gboolean  filter;
  guint     max_results;
  gboolean  patch;
  gboolean  etag;
  gboolean  bulk;
  guint     bulk_max_operations;
  guint64   bulk_max_payload;
  gboolean  basic;
  gboolean  bearer;
  char     *users_path;
} SeatsScimConfig;

#define SEATS_TYPE_SCIM_CONFIG (seats_scim_config_get_type ())

GType            seats_scim_config_get_type     (void) G_GNUC_CONST;
SeatsScimConfig *seats_scim_config_new          (void);
SeatsScimConfig *seats_scim_config_copy         (const SeatsScimConfig  *config);
void             seats_scim_config_free         (SeatsScimConfig        *config);
GVariant        *seats_scim_config_to_variant   (const SeatsScimConfig  *config);
SeatsScimConfig *seats_scim_config_from_variant (GVariant               *variant);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsScimConfig, seats_scim_config_free)

G_END_DECLS
