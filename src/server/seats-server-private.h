/* seats-server-private.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "seats-change.h"
#include "seats-clock.h"
#include "seats-domain-enums.h"
#include "seats-rules.h"
#include "seats-server.h"

G_BEGIN_DECLS

/* Bounds of what a client may send (see the API document). */
#define SEATS_SERVER_MAX_BODY          (64 * 1024)
#define SEATS_SERVER_MAX_STRING        200
#define SEATS_SERVER_SCIM_MAX_COUNT    1000
#define SEATS_SERVER_SCIM_DEFAULT      100
#define SEATS_SERVER_BULK_MAX_OPERATIONS 1000
#define SEATS_SERVER_BULK_MAX_PAYLOAD  1048576
#define SEATS_SERVER_LIST_MAX_LIMIT    500
#define SEATS_SERVER_LIST_DEFAULT      100
#define SEATS_SERVER_IDEMPOTENCY_HOURS 24
#define SEATS_SERVER_IDEMPOTENCY_KEY_MAX 200

#define SEATS_SCIM_USER_SCHEMA  "urn:ietf:params:scim:schemas:core:2.0:User"
#define SEATS_SCIM_EXT_SCHEMA   "urn:ietf:params:scim:schemas:extension:seats:2.0:User"
#define SEATS_SCIM_ERROR_SCHEMA "urn:ietf:params:scim:api:messages:2.0:Error"
#define SEATS_SCIM_LIST_SCHEMA  "urn:ietf:params:scim:api:messages:2.0:ListResponse"
#define SEATS_SCIM_PATCH_SCHEMA "urn:ietf:params:scim:api:messages:2.0:PatchOp"
#define SEATS_SCIM_BULK_REQUEST_SCHEMA  "urn:ietf:params:scim:api:messages:2.0:BulkRequest"
#define SEATS_SCIM_BULK_RESPONSE_SCHEMA "urn:ietf:params:scim:api:messages:2.0:BulkResponse"

struct _SeatsServer
{
  GObject           parent_instance;

  char             *db_path;
  SeatsServerFlags  flags;
  sqlite3          *db;
  GHashTable       *statements;
  SoupServer       *soup;
  GPtrArray        *organizations;
  GPtrArray        *delayed;

  char             *secret_key;
  char             *public_key;

  /* The process's clock (seats_clock_get_default()); only tests move it,
   * and through the server never back. Each organization's day is
   * reckoned in its own time zone. */
  SeatsClock       *clock;
  GHashTable       *maintained_days;
  gint64            next_maintenance;

  /* The fault users-leave happened already. */
  gboolean          users_left;

  /* The locales requests are answered in, by language ("nl"); a language
   * without a translation or a locale maps to NULL. */
  GHashTable       *locales;
};

/* An organization as a request sees it, loaded once per request. */
typedef struct
{
  gint64           id;
  char            *uuid;
  char            *slug;
  char            *name;
  char            *currency;
  char            *country;
  char            *time_zone;
  GTimeZone       *zone;
  SeatsRulePolicy  policy;
  char            *reseller_name;
  char            *reseller_url;
  guint32          trial_end;
  char            *serial_number;
  char            *license_owner;
  char            *shop_url;
  char            *upstream_system;
  char            *edition;
  gint64           storage_used;
  gint64           storage_included;
  guint32          period_start;
  guint            period_months;
  gint64           revision;
} SeatsOrg;

void seats_org_free (SeatsOrg *org);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsOrg, seats_org_free)

/* A product row. */
typedef struct
{
  char             *id;
  char             *name;
  SeatsProductKind  kind;
  guint             purchased;
  guint             next_period;
  gint64            price;
  gboolean          enabled;
  gint64            version;
  guint             in_use;
} SeatsServerProduct;

void seats_server_product_free (SeatsServerProduct *product);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsServerProduct, seats_server_product_free)

/* One request on its way through the server. The answer is collected here
 * and written in one place, so that faults, idempotent replays and ETags
 * are handled once for every endpoint. */
typedef struct _SeatsRequest
{
  SeatsServer       *server;
  SoupServerMessage *msg;
  const char        *method;
  char             **segments;
  guint              n_segments;
  GHashTable        *query;
  gboolean           scim;
  const char        *fault;

  SeatsOrg          *org;
  SeatsRole          role;
  char              *actor;

  JsonObject        *body;
  JsonNode          *body_root;

  guint              status;
  char              *content_type;
  GBytes            *answer;
  char              *etag;
  char              *retry_after;
  const char        *language;
  const char        *allow;

  /* For an operation of a SCIM Bulk: the Bulk, and the operation's
   * version, which stands for If-Match. */
  struct _SeatsRequest *bulk;
  const char        *version;
} SeatsRequest;

/* seats-server.c: answers */
void         seats_request_reply_node          (SeatsRequest      *req,
                                                guint              status,
                                                JsonNode          *node,
                                                const char        *etag);
void         seats_request_reply_json          (SeatsRequest      *req,
                                                guint              status,
                                                GString           *json,
                                                const char        *etag);
void         seats_request_reply_bytes         (SeatsRequest      *req,
                                                guint              status,
                                                GBytes            *json,
                                                const char        *etag);
void         seats_request_reply_builder       (SeatsRequest      *req,
                                                guint              status,
                                                JsonBuilder       *builder,
                                                const char        *etag);
void         seats_request_reply_problem       (SeatsRequest      *req,
                                                guint              status,
                                                const char        *code,
                                                const char        *detail,
                                                const char        *field);
void         seats_request_reply_invalid_path  (SeatsRequest      *req,
                                                const char        *detail);
void         seats_request_reply_rule_error    (SeatsRequest      *req,
                                                const GError      *error,
                                                const char        *field);
void         seats_request_reply_db_error      (SeatsRequest      *req,
                                                const GError      *error);
gboolean     seats_request_not_modified        (SeatsRequest      *req,
                                                const char        *etag);
char        *seats_request_collection_etag     (SeatsRequest      *req);
void         seats_request_reply_not_found     (SeatsRequest      *req);
char        *seats_request_base                (SeatsRequest      *req);
gboolean     seats_request_require_admin       (SeatsRequest      *req);
void         seats_request_init_operation      (SeatsRequest      *op,
                                                SeatsRequest      *bulk,
                                                const char        *method,
                                                const char        *path,
                                                JsonObject        *data,
                                                const char        *version);
void         seats_request_clear_operation     (SeatsRequest      *op);
gboolean     seats_request_check_if_match      (SeatsRequest      *req,
                                                const char        *current_etag);
gboolean     seats_request_check_precondition  (SeatsRequest      *req,
                                                const char        *if_match,
                                                const char        *current_etag);
gboolean     seats_request_get_idempotency_key (SeatsRequest      *req,
                                                const char       **key);
gboolean     seats_request_replay              (SeatsRequest      *req,
                                                const char        *key,
                                                const char        *request_hash,
                                                const char        *reused);
gboolean     seats_request_parse_body          (SeatsRequest      *req,
                                                gsize              max_size);

/* A field a change may carry: its JSON type and whether it must be there. */
typedef enum
{
  SEATS_FIELD_STRING,
  SEATS_FIELD_INT,
  SEATS_FIELD_BOOL,
  SEATS_FIELD_OBJECT,
  SEATS_FIELD_ARRAY,
  SEATS_FIELD_ANY,
} SeatsFieldType;

typedef struct
{
  const char     *name;
  SeatsFieldType  type;
  gboolean        required;
  gboolean        nullable;
} SeatsFieldSpec;

gboolean     seats_request_check_fields        (SeatsRequest         *req,
                                                JsonObject           *object,
                                                const char           *where,
                                                const SeatsFieldSpec *specs,
                                                guint                 n_specs);
const char  *seats_json_get_string             (JsonObject        *object,
                                                const char        *name);
gboolean     seats_request_query_uint          (SeatsRequest      *req,
                                                const char        *name,
                                                guint              fallback,
                                                guint              min,
                                                guint              max,
                                                guint             *value);

/* seats-server-db.c: storage */
gboolean     seats_server_db_open              (SeatsServer       *self,
                                                GError           **error);
void         seats_server_db_close             (SeatsServer       *self);
sqlite3_stmt *seats_server_db_prepare          (SeatsServer       *self,
                                                const char        *sql);
gboolean     seats_server_db_step_done         (SeatsServer       *self,
                                                sqlite3_stmt      *stmt,
                                                GError           **error);
gboolean     seats_server_db_exec              (SeatsServer       *self,
                                                const char        *sql,
                                                GError           **error);
gboolean     seats_server_db_begin             (SeatsServer       *self,
                                                GError           **error);
gboolean     seats_server_db_commit            (SeatsServer       *self,
                                                GError           **error);
void         seats_server_db_rollback          (SeatsServer       *self);
gboolean     seats_server_db_savepoint         (SeatsServer       *self,
                                                GError           **error);
gboolean     seats_server_db_release           (SeatsServer       *self,
                                                GError           **error);
void         seats_server_db_rollback_savepoint (SeatsServer      *self);
void         seats_server_db_bind_text         (sqlite3_stmt      *stmt,
                                                int                index,
                                                const char        *text);
char        *seats_server_db_column_text       (sqlite3_stmt      *stmt,
                                                int                index);
char        *seats_server_db_get_meta          (SeatsServer       *self,
                                                const char        *key);
gboolean     seats_server_db_set_meta          (SeatsServer       *self,
                                                const char        *key,
                                                const char        *value,
                                                GError           **error);
gboolean     seats_server_db_keep_answer       (SeatsServer       *self,
                                                gint64             org_id,
                                                const char        *key,
                                                const char        *request_hash,
                                                guint              status,
                                                GBytes            *answer,
                                                const char        *etag,
                                                GError           **error);
gboolean     seats_server_db_remove_user       (SeatsServer       *self,
                                                gint64             org_id,
                                                const char        *id,
                                                GError           **error);
SeatsOrg    *seats_server_db_load_org          (SeatsServer       *self,
                                                gint64             org_id);
gint64       seats_server_db_find_org          (SeatsServer       *self,
                                                const char        *slug);
gboolean     seats_server_db_bump_revision     (SeatsServer       *self,
                                                gint64             org_id,
                                                GError           **error);
GPtrArray   *seats_server_db_load_products     (SeatsServer       *self,
                                                SeatsOrg          *org,
                                                const GDate       *today);
gboolean     seats_server_db_add_invoice       (SeatsServer       *self,
                                                SeatsOrg          *org,
                                                guint32            period_start,
                                                gint64             amount,
                                                const char        *status,
                                                GError           **error);
gboolean     seats_server_monthly_price        (GPtrArray         *products,
                                                gint64            *monthly_price,
                                                GError           **error);
SeatsServerProduct *seats_server_db_load_product (SeatsServer     *self,
                                                SeatsOrg          *org,
                                                const char        *product_id,
                                                const GDate       *today);
SeatsServerProduct *seats_server_db_load_user_seats (SeatsServer  *self,
                                                SeatsOrg          *org,
                                                const GDate       *today);
guint        seats_server_db_count_counted     (SeatsServer       *self,
                                                gint64             org_id,
                                                const GDate       *today);
guint        seats_server_db_user_seats        (SeatsServer       *self,
                                                gint64             org_id);
gboolean     seats_server_db_log_action        (SeatsServer       *self,
                                                gint64             org_id,
                                                const char        *actor,
                                                const char        *action,
                                                const char        *subject,
                                                const char        *before,
                                                const char        *after,
                                                GError           **error);
char        *seats_server_db_add_token         (SeatsServer       *self,
                                                gint64             org_id,
                                                SeatsRole          role,
                                                const char        *label,
                                                GError           **error);
char        *seats_server_hash_token           (const char        *token);

/* seats-server-clock.c: time and what it brings */
gint64       seats_server_now_ms               (SeatsServer       *self);
void         seats_server_org_today            (SeatsServer       *self,
                                                SeatsOrg          *org,
                                                GDate             *today);
gboolean     seats_server_maintain             (SeatsServer       *self,
                                                gboolean           force,
                                                GError           **error);
gboolean     seats_server_reconcile_grace      (SeatsServer       *self,
                                                SeatsOrg          *org,
                                                const GDate       *today,
                                                GError           **error);
void         seats_server_handle_clock         (SeatsServer       *self,
                                                SeatsRequest      *req);

/* seats-server-json.c: encoders and formats */
char        *seats_server_iso_date                 (guint32            julian);
char        *seats_format_timestamp            (gint64             ms);
gboolean     seats_parse_timestamp             (const char        *text,
                                                gint64            *ms);
void         seats_date_from_julian            (GDate             *date,
                                                guint32            julian);
void         seats_json_append_escaped         (GString           *out,
                                                const char        *text,
                                                gssize             length);
void         seats_json_append_string          (GString           *out,
                                                const char        *text);
void         seats_json_append_timestamp       (GString           *out,
                                                gint64             ms);
void         seats_json_append_date            (GString           *out,
                                                guint32            julian);
void         seats_json_add_money              (JsonBuilder       *builder,
                                                const char        *member,
                                                gint64             amount,
                                                const char        *currency);
void         seats_json_add_nullable_string    (JsonBuilder       *builder,
                                                const char        *member,
                                                const char        *value);
void         seats_json_add_string             (JsonBuilder       *builder,
                                                const char        *member,
                                                const char        *value);
void         seats_json_add_int                (JsonBuilder       *builder,
                                                const char        *member,
                                                gint64             value);
void         seats_json_add_bool               (JsonBuilder       *builder,
                                                const char        *member,
                                                gboolean           value);
void         seats_json_add_date               (JsonBuilder       *builder,
                                                const char        *member,
                                                guint32            julian);
char        *seats_product_etag                (SeatsServerProduct *product);
void         seats_json_add_product            (JsonBuilder       *builder,
                                                SeatsServerProduct *product,
                                                const char        *currency);
void         seats_json_add_period             (JsonBuilder       *builder,
                                                const char        *member,
                                                guint32            start,
                                                guint              months);
guint32      seats_period_end                  (guint32            start,
                                                guint              months);
void         seats_json_add_subscription       (JsonBuilder       *builder,
                                                SeatsServer       *server,
                                                SeatsOrg          *org,
                                                SeatsRole          role,
                                                const GDate       *today,
                                                const char        *etag);
void         seats_json_add_account            (JsonBuilder       *builder,
                                                SeatsServer       *server,
                                                SeatsOrg          *org,
                                                SeatsRole          role,
                                                const GDate       *today);

/* seats-server-scim-schema.c: what a SCIM user has, part by part, for
 * the names of RFC 7644 3.10 and for writing a user in part (3.9) */
typedef enum
{
  SEATS_SCIM_ATTR_ID                 = 1 << 0,
  SEATS_SCIM_ATTR_USER_NAME          = 1 << 1,
  SEATS_SCIM_ATTR_NAME_FORMATTED     = 1 << 2,
  SEATS_SCIM_ATTR_GIVEN_NAME         = 1 << 3,
  SEATS_SCIM_ATTR_FAMILY_NAME        = 1 << 4,
  SEATS_SCIM_ATTR_DISPLAY_NAME       = 1 << 5,
  SEATS_SCIM_ATTR_EMAIL_VALUE        = 1 << 6,
  SEATS_SCIM_ATTR_EMAIL_PRIMARY      = 1 << 7,
  SEATS_SCIM_ATTR_ACTIVE             = 1 << 8,
  SEATS_SCIM_ATTR_META_RESOURCE_TYPE = 1 << 9,
  SEATS_SCIM_ATTR_META_CREATED       = 1 << 10,
  SEATS_SCIM_ATTR_META_LAST_MODIFIED = 1 << 11,
  SEATS_SCIM_ATTR_META_VERSION       = 1 << 12,
  SEATS_SCIM_ATTR_META_LOCATION      = 1 << 13,
  SEATS_SCIM_ATTR_START_DATE         = 1 << 14,
  SEATS_SCIM_ATTR_END_DATE           = 1 << 15,
  SEATS_SCIM_ATTR_MODULES            = 1 << 16,
  SEATS_SCIM_ATTR_GRACE_DEADLINE     = 1 << 17,
  SEATS_SCIM_ATTR_COUNTS             = 1 << 18,
} SeatsScimAttr;

#define SEATS_SCIM_ATTR_NAME \
  (SEATS_SCIM_ATTR_NAME_FORMATTED | SEATS_SCIM_ATTR_GIVEN_NAME | SEATS_SCIM_ATTR_FAMILY_NAME)
#define SEATS_SCIM_ATTR_EMAILS (SEATS_SCIM_ATTR_EMAIL_VALUE | SEATS_SCIM_ATTR_EMAIL_PRIMARY)
#define SEATS_SCIM_ATTR_CORE \
  (SEATS_SCIM_ATTR_USER_NAME | SEATS_SCIM_ATTR_NAME | SEATS_SCIM_ATTR_DISPLAY_NAME | \
   SEATS_SCIM_ATTR_EMAILS | SEATS_SCIM_ATTR_ACTIVE)
#define SEATS_SCIM_ATTR_META \
  (SEATS_SCIM_ATTR_META_RESOURCE_TYPE | SEATS_SCIM_ATTR_META_CREATED | \
   SEATS_SCIM_ATTR_META_LAST_MODIFIED | SEATS_SCIM_ATTR_META_VERSION | \
   SEATS_SCIM_ATTR_META_LOCATION)
#define SEATS_SCIM_ATTR_EXTENSION \
  (SEATS_SCIM_ATTR_START_DATE | SEATS_SCIM_ATTR_END_DATE | SEATS_SCIM_ATTR_MODULES | \
   SEATS_SCIM_ATTR_GRACE_DEADLINE | SEATS_SCIM_ATTR_COUNTS)
#define SEATS_SCIM_ATTR_ALL ((SEATS_SCIM_ATTR_COUNTS << 1) - 1)

guint        seats_server_scim_resolve_attribute (const char      *path);
void         seats_server_scim_reply_config    (SeatsServer       *self,
                                                SeatsRequest      *req);
void         seats_server_scim_reply_schemas   (SeatsServer       *self,
                                                SeatsRequest      *req,
                                                const char        *id);
void         seats_server_scim_reply_resource_types (SeatsServer  *self,
                                                SeatsRequest      *req,
                                                const char        *id);

/* seats-server-scim.c and seats-server-api.c: the endpoints */
void         seats_server_scim_dispatch        (SeatsServer       *self,
                                                SeatsRequest      *req);
void         seats_server_scim_bulk            (SeatsServer       *self,
                                                SeatsRequest      *req);
gboolean     seats_server_scim_replay          (SeatsRequest      *req,
                                                const char       **key,
                                                char             **request_hash);
void         seats_server_api_dispatch         (SeatsServer       *self,
                                                SeatsRequest      *req);
gboolean     seats_server_add_pending_license  (SeatsServer       *self,
                                                SeatsOrg          *org,
                                                const GDate       *today,
                                                JsonBuilder       *builder);
void         seats_server_scim_append_changed_users
                                               (SeatsServer       *self,
                                                SeatsRequest      *req,
                                                GString           *out,
                                                gint64             since,
                                                guint              limit,
                                                gboolean          *more);
void         seats_server_scim_append_user     (SeatsServer       *self,
                                                GString           *out,
                                                sqlite3_stmt      *stmt,
                                                const GDate       *today,
                                                const char        *base,
                                                guint              parts);
gboolean     seats_server_set_user_active      (SeatsServer       *self,
                                                SeatsRequest      *req,
                                                const char        *user_id,
                                                gboolean           active,
                                                GError           **error);

/* seats-server-snapshot.c: what a change is checked against, as domain
 * values (see seats_change_check()) */
void         seats_server_snapshot_init        (SeatsSnapshot     *snapshot,
                                                SeatsOrg          *org,
                                                SeatsRole          role);
void         seats_server_snapshot_add_subscription
                                               (SeatsSnapshot     *snapshot,
                                                SeatsOrg          *org);
void         seats_server_snapshot_add_product (SeatsSnapshot     *snapshot,
                                                SeatsServerProduct *product,
                                                const char        *currency);
void         seats_server_snapshot_add_user_seats
                                               (SeatsServer       *self,
                                                SeatsSnapshot     *snapshot,
                                                SeatsOrg          *org,
                                                const GDate       *today);
void         seats_server_snapshot_add_users   (SeatsServer       *self,
                                                SeatsSnapshot     *snapshot,
                                                SeatsOrg          *org,
                                                const char * const *ids);
void         seats_server_snapshot_add_feature (SeatsServer       *self,
                                                SeatsSnapshot     *snapshot,
                                                SeatsOrg          *org,
                                                const char        *id,
                                                const GDate       *today);
void         seats_server_snapshot_set_pending_license
                                               (SeatsSnapshot     *snapshot,
                                                const char        *id,
                                                guint32            issued,
                                                guint32            expires,
                                                GPtrArray         *products,
                                                GArray            *lines);
SeatsChange *seats_server_check_change         (SeatsChange       *change,
                                                const SeatsSnapshot *snapshot,
                                                const GDate       *today,
                                                SeatsChangeOutcome *outcome,
                                                GError           **error);

/* seats-server-license.c */
char        *seats_server_license_file         (SeatsServer       *self,
                                                SeatsOrg          *org,
                                                const GDate       *today,
                                                GError           **error);
gboolean     seats_server_try_auto_activation  (SeatsServer       *self,
                                                SeatsOrg          *org,
                                                const GDate       *today,
                                                GError           **error);
void         seats_server_handle_license       (SeatsServer       *self,
                                                SeatsRequest      *req);

/* seats-server-seed.c */
gboolean     seats_server_seed_org_tokens      (SeatsServer       *self,
                                                gint64             org_id,
                                                const char        *slug,
                                                const char        *name,
                                                GError           **error);

/* Refusals of the server that are not the domain rules' (those are
 * SEATS_RULE_ERROR and SEATS_LICENSE_ERROR), each with a stable code. */
#define SEATS_SERVER_ERROR (seats_server_error_quark ())
GQuark seats_server_error_quark (void);

typedef enum
{
  SEATS_SERVER_ERROR_INTERNAL,
  SEATS_SERVER_ERROR_NOT_FOUND,
  SEATS_SERVER_ERROR_MANAGED_BY_RESELLER,
  SEATS_SERVER_ERROR_EDITION_READ_ONLY,
  SEATS_SERVER_ERROR_READ_ONLY,
  SEATS_SERVER_ERROR_NOT_COUNTABLE,
  SEATS_SERVER_ERROR_NOT_A_MODULE,
  SEATS_SERVER_ERROR_NOT_A_TRIAL,
} SeatsServerError;

const char  *seats_server_error_to_code        (SeatsServerError   error);
gboolean     seats_server_check_not_resold     (SeatsOrg          *org,
                                                GError           **error);

G_END_DECLS
