/* seats-change.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-rules.h"
#include "seats-snapshot.h"
#include "seats-terms.h"
#include "seats-types.h"

G_BEGIN_DECLS

/* The keys of a change's basis: the versions it was made against, as the
 * local copy keeps them with its ETags. */
#define SEATS_CHANGE_BASIS_PRODUCT         "product:"
#define SEATS_CHANGE_BASIS_FEATURE         "feature:"
#define SEATS_CHANGE_BASIS_USER            "user:"
#define SEATS_CHANGE_BASIS_BILLING         "billing"
#define SEATS_CHANGE_BASIS_PENDING_LICENSE "pending-license"

#define SEATS_CHANGE_ERROR (seats_change_error_quark ())

/**
 * SeatsChangeError:
 * @SEATS_CHANGE_ERROR_NOT_FOUND: what the change is about is not there (or
 *   the account has not been synced yet)
 * @SEATS_CHANGE_ERROR_NOT_ALLOWED: the account may not be changed here: a
 *   viewer's (R15), or bought through a reseller (R10)
 * @SEATS_CHANGE_ERROR_NOT_APPLICABLE: the change does not apply to what it
 *   is about, such as buying licenses of an integration
 * @SEATS_CHANGE_ERROR_NOTHING_TO_DO: everything is as the change asks already
 * @SEATS_CHANGE_ERROR_UNREADABLE: a change kept in the outbox cannot be read
 * @SEATS_CHANGE_ERROR_NOT_SUPPORTED: the account's source cannot make this
 *   kind of change
 *
 * Why a change is refused before any license rule is asked; the rules'
 * refusals are #SEATS_RULE_ERROR.
 */
typedef enum
{
  SEATS_CHANGE_ERROR_NOT_FOUND,
  SEATS_CHANGE_ERROR_NOT_ALLOWED,
  SEATS_CHANGE_ERROR_NOT_APPLICABLE,
  SEATS_CHANGE_ERROR_NOTHING_TO_DO,
  SEATS_CHANGE_ERROR_UNREADABLE,
  SEATS_CHANGE_ERROR_NOT_SUPPORTED,
} SeatsChangeError;

GQuark seats_change_error_quark (void);

/**
 * SeatsChangeKind:
 * @SEATS_CHANGE_BUY: buy licenses of a product now (R2, R4)
 * @SEATS_CHANGE_NEXT_PERIOD: set a product's count for the next period (R3, R5, R7)
 * @SEATS_CHANGE_USERS_ACTIVE: activate or deactivate a selection of users (R6)
 * @SEATS_CHANGE_MODULE: assign an add-on module to a selection of users, or
 *   take it from them (R7)
 * @SEATS_CHANGE_FEATURE: switch a feature or integration on or off (R12)
 * @SEATS_CHANGE_BILLING_DETAILS: change who receives the invoices (R13)
 * @SEATS_CHANGE_ACTIVATE_LICENSE: activate the vendor's pending license (R8)
 * @SEATS_CHANGE_IMPORT_LICENSE: load a license file signed by the vendor (R9)
 * @SEATS_CHANGE_CONVERT_TRIAL: register a trial with a serial number (R18)
 * @SEATS_CHANGE_TERMS: keep the terms of a subscription by hand: for an
 *   account with no server, or a SCIM account
 * @SEATS_CHANGE_USERS_PUT: add, change or remove users kept on this
 *   computer: one by hand, or all of a file the vendor's portal exported
 *
 * What an administrator can change. The names are the kinds of the outbox
 * and of the action log.
 */
typedef enum
{
  SEATS_CHANGE_BUY,
  SEATS_CHANGE_NEXT_PERIOD,
  SEATS_CHANGE_USERS_ACTIVE,
  SEATS_CHANGE_MODULE,
  SEATS_CHANGE_FEATURE,
  SEATS_CHANGE_BILLING_DETAILS,
  SEATS_CHANGE_ACTIVATE_LICENSE,
  SEATS_CHANGE_IMPORT_LICENSE,
  SEATS_CHANGE_CONVERT_TRIAL,
  SEATS_CHANGE_TERMS,
  SEATS_CHANGE_USERS_PUT,
  SEATS_CHANGE_ORDERS_PUT,
} SeatsChangeKind;

#define SEATS_CHANGE_KIND_LAST SEATS_CHANGE_ORDERS_PUT

/**
 * SeatsChange:
 *
 * One change an administrator made, as a value: what it is and its typed
 * fields, plus the versions of what it was made against (the basis, sent
 * back as If-Match). It is checked by seats_change_check() against a
 * snapshot and today, kept in the outbox as text, sent by the account's
 * source, and undone by seats_change_invert(). Immutable once made, but
 * for its basis.
 */
typedef struct _SeatsChange SeatsChange;

/**
 * SeatsChangeOutcome:
 * @quote: %SEATS_CHANGE_BUY: the price and the counts after (R2, R4)
 * @over: %SEATS_CHANGE_NEXT_PERIOD: how many licenses the next period has
 *   fewer than the users who count (grace policy, R5)
 * @over_allocated: %SEATS_CHANGE_USERS_ACTIVE: whether activating goes past
 *   the free licenses under the grace policy (R6)
 * @deadline: the last day of grace of the users over the count, as a
 *   Julian day: after an activation past the free licenses, or (next
 *   period) from the start of the next period; 0 when there is none
 * @n_unchanged: users of the selection that already are as asked
 * @n_left: users of the selection left out of an activation or an
 *   assignment because their end date has passed (R1)
 * @n_counted: users the change takes a license from or gives one to (R1)
 * @free_after: the free licenses of the product after the change, for the
 *   users and module kinds
 * @monthly_price_after: %SEATS_CHANGE_FEATURE: the subscription's monthly
 *   price once switched (R12)
 * @field: %SEATS_CHANGE_BILLING_DETAILS: the field a refusal is about (R13)
 *
 * What a checked change will do, for the dialog that confirms it and the
 * toast that reports it.
 */
typedef struct
{
  SeatsPurchaseQuote quote;
  guint              over;
  gboolean           over_allocated;
  guint32            deadline;
  guint              n_unchanged;
  guint              n_left;
  guint              n_counted;
  guint              free_after;
  gint64             monthly_price_after;
  SeatsBillingField  field;
} SeatsChangeOutcome;

#define SEATS_TYPE_CHANGE (seats_change_get_type ())

GType                seats_change_get_type            (void) G_GNUC_CONST;
SeatsChange         *seats_change_ref                 (SeatsChange          *self);
void                 seats_change_unref               (SeatsChange          *self);

SeatsChange         *seats_change_new_buy             (const char           *product_id,
                                                       guint                 quantity);
SeatsChange         *seats_change_new_next_period     (const char           *product_id,
                                                       guint                 count);
SeatsChange         *seats_change_new_users_active    (const char * const   *user_ids,
                                                       gboolean              active);
SeatsChange         *seats_change_new_module          (const char           *product_id,
                                                       const char * const   *user_ids,
                                                       gboolean              assign);
SeatsChange         *seats_change_new_feature         (const char           *feature_id,
                                                       gboolean              enabled);
SeatsChange         *seats_change_new_billing_details (SeatsBillingDetails  *details);
SeatsChange         *seats_change_new_activate_license (void);
SeatsChange         *seats_change_new_import_license  (const char           *license_file);
SeatsChange         *seats_change_new_convert_trial   (const char           *serial_number,
                                                       const char           *license_owner);
SeatsChange         *seats_change_new_terms           (const SeatsTerms     *terms);
SeatsChange         *seats_change_new_users_put       (GPtrArray            *users,
                                                       const char * const   *removed_ids,
                                                       const char           *source_name);
SeatsChange         *seats_change_new_orders_put      (GPtrArray            *orders,
                                                       const char * const   *removed_ids);

SeatsChangeKind      seats_change_get_kind            (SeatsChange          *self);
const char          *seats_change_get_kind_name       (SeatsChange          *self);
const char          *seats_change_get_product_id      (SeatsChange          *self);
const char          *seats_change_get_feature_id      (SeatsChange          *self);
guint                seats_change_get_count           (SeatsChange          *self);
const char * const  *seats_change_get_user_ids        (SeatsChange          *self);
gboolean             seats_change_get_on              (SeatsChange          *self);
SeatsBillingDetails *seats_change_get_billing_details (SeatsChange          *self);
const char          *seats_change_get_license_file    (SeatsChange          *self);
const char          *seats_change_get_serial_number   (SeatsChange          *self);
const char          *seats_change_get_license_owner   (SeatsChange          *self);
const SeatsTerms    *seats_change_get_terms           (SeatsChange          *self);
GPtrArray           *seats_change_get_users           (SeatsChange          *self);
GPtrArray           *seats_change_get_orders          (SeatsChange          *self);
const char * const  *seats_change_get_removed_ids     (SeatsChange          *self);
const char          *seats_change_get_source_name     (SeatsChange          *self);

const char          *seats_change_get_basis           (SeatsChange          *self,
                                                       const char           *key);
void                 seats_change_set_basis           (SeatsChange          *self,
                                                       const char           *key,
                                                       const char           *version);
void                 seats_change_record_basis        (SeatsChange          *self,
                                                       const SeatsSnapshot  *snapshot);

gboolean             seats_change_kind_is_subscription (SeatsChangeKind      kind);
gboolean             seats_snapshot_can_change        (const SeatsSnapshot  *snapshot,
                                                       SeatsChangeKind       kind,
                                                       GError              **error);
SeatsChange         *seats_change_check               (SeatsChange          *self,
                                                       const SeatsSnapshot  *snapshot,
                                                       const GDate          *today,
                                                       SeatsChangeOutcome   *outcome,
                                                       GError              **error);
SeatsChange         *seats_change_invert              (SeatsChange          *self,
                                                       const SeatsSnapshot  *before);

char                *seats_change_serialize           (SeatsChange          *self);
SeatsChange         *seats_change_deserialize         (const char           *text,
                                                       GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsChange, seats_change_unref)

G_END_DECLS
