/* seats-api-decode.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "seats-domain.h"
#include "seats-api-error.h"
#include "seats-scim.h"

G_BEGIN_DECLS

/* The server's JSON (data/api/seats-api.json) into domain objects. Each
 * decoder accepts what the contract allows, ignores members it does not
 * know, and refuses anything else with SEATS_API_ERROR_MALFORMED. */

/* Where the decoders keep the ETags that changes send back with If-Match:
 * a product's under SEATS_ETAG_PRODUCT + its id, and so on. */
#define SEATS_ETAG_PRODUCT          SEATS_CHANGE_BASIS_PRODUCT
#define SEATS_ETAG_FEATURE          SEATS_CHANGE_BASIS_FEATURE
#define SEATS_ETAG_BILLING          SEATS_CHANGE_BASIS_BILLING
#define SEATS_ETAG_PENDING_LICENSE  SEATS_CHANGE_BASIS_PENDING_LICENSE
#define SEATS_ETAG_REVISION         "sync"

/* Bounds of what a sane server sends. */
#define SEATS_API_MAX_COUNT     G_GINT64_CONSTANT (10000000)
#define SEATS_API_MAX_AMOUNT    G_GINT64_CONSTANT (1000000000000000)
#define SEATS_API_MAX_ITEMS     100000
#define SEATS_API_MAX_MODULES   1000

/**
 * SeatsUserPage:
 * @users: (element-type SeatsUser): the users of the page
 * @total: how many users there are in all
 * @start_index: the 1-based index of the first user of the page
 * @has_total: whether the page said how many there are (SCIM requires it,
 *   but not every service does)
 *
 * One page of a SCIM list of users.
 */
typedef struct
{
  GPtrArray *users;
  guint      total;
  guint      start_index;
  gboolean   has_total;
} SeatsUserPage;

/**
 * SeatsRevision:
 * @revision: the organization's revision: it changes with every change
 * @now: the server's time
 * @users_modified: when a user last changed, or 0
 * @users_total: how many users there are
 *
 * The answer to the one question of an unchanged re-sync.
 */
typedef struct
{
  gint64 revision;
  gint64 now;
  gint64 users_modified;
  guint  users_total;
} SeatsRevision;

void                 seats_user_page_free          (SeatsUserPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsUserPage, seats_user_page_free)

SeatsAccount        *seats_api_decode_account      (JsonNode   *root,
                                                    GError    **error);
SeatsSubscription   *seats_api_decode_subscription (JsonNode   *root,
                                                    GPtrArray **products,
                                                    GHashTable *etags,
                                                    GError    **error);
SeatsProduct        *seats_api_decode_product      (JsonNode   *root,
                                                    GError    **error);
SeatsUser           *seats_api_decode_user         (JsonNode   *root,
                                                    GError    **error);
SeatsUserPage       *seats_api_decode_user_page    (JsonNode   *root,
                                                    GError    **error);
GPtrArray           *seats_api_decode_orders       (JsonNode   *root,
                                                    GError    **error);
SeatsOrder          *seats_api_decode_order        (JsonNode   *root,
                                                    GError    **error);
GPtrArray           *seats_api_decode_invoices     (JsonNode   *root,
                                                    GError    **error);
GPtrArray           *seats_api_decode_actions      (JsonNode   *root,
                                                    GError    **error);
GPtrArray           *seats_api_decode_features     (JsonNode   *root,
                                                    GHashTable *etags,
                                                    GError    **error);
SeatsFeature        *seats_api_decode_feature      (JsonNode   *root,
                                                    GError    **error);
SeatsBillingDetails *seats_api_decode_billing      (JsonNode   *root,
                                                    GHashTable *etags,
                                                    GError    **error);
SeatsPendingLicense *seats_api_decode_pending      (JsonNode   *root,
                                                    GHashTable *etags,
                                                    GError    **error);
GStrv                seats_api_decode_deletions    (JsonNode   *root,
                                                    gint64     *now,
                                                    GError    **error);
GPtrArray           *seats_api_decode_history      (JsonNode   *root,
                                                    GError    **error);
gboolean             seats_api_decode_scim_config  (JsonNode         *root,
                                                    SeatsScimConfig  *config,
                                                    GError          **error);
gboolean             seats_api_decode_scim_resource_types
                                                   (JsonNode         *root,
                                                    SeatsScimConfig  *config,
                                                    GError          **error);
GError              *seats_api_decode_bulk         (JsonNode         *root,
                                                    SeatsApiPeer      peer,
                                                    guint             n_operations,
                                                    guint            *n_made,
                                                    GError          **error);
gboolean             seats_api_decode_delta        (JsonNode   *root,
                                                    SeatsPull  *pull,
                                                    gboolean   *users_more,
                                                    GError    **error);
gboolean             seats_api_decode_revision         (JsonNode        *root,
                                                    SeatsRevision  *state,
                                                    GError         **error);

G_END_DECLS
