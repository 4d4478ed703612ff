/* seats-rules.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "seats-domain-enums.h"

G_BEGIN_DECLS

/* The pure license rules (R1-R20 in DESIGN.md). The reference server applies
 * them authoritatively and the application applies the same functions for
 * immediate feedback, so they take plain values and give a verdict: no I/O,
 * no objects, no clock. "Today" is always passed in.
 *
 * Conventions, shared by every function here:
 *
 *  - Dates are calendar dates in a #GDate, passed by (const) pointer, in the
 *    organization's calendar; time zones are the caller's business.
 *  - An end date, a deadline and a trial end are the LAST day, inclusive:
 *    the thing still holds on that day and is over the day after.
 *  - A billing period is the half-open range [start, end): @end is the
 *    first day of the next period.
 *  - Money is #gint64 minor units (cents, öre). No floating point anywhere.
 *  - Counts are #guint. A function that can refuse returns %FALSE and sets a
 *    #GError in %SEATS_RULE_ERROR whose message says what is wrong and what
 *    to do, in the person's language.
 */

#define SEATS_RULE_ERROR (seats_rule_error_quark ())

/**
 * SeatsRuleError:
 * @SEATS_RULE_ERROR_CANCELS_SUBSCRIPTION: the count would be 0, which cancels
 *   the subscription; only the vendor's support does that
 * @SEATS_RULE_ERROR_BELOW_MINIMUM: the count is below the policy's minimum
 * @SEATS_RULE_ERROR_BELOW_COUNTED_USERS: the count is below the users who
 *   count (`at_least_active`)
 * @SEATS_RULE_ERROR_MUST_EQUAL_COUNTED_USERS: the count differs from the
 *   users who count (`equal_active`)
 * @SEATS_RULE_ERROR_NO_FREE_SEAT: a user cannot be activated without a free
 *   license
 * @SEATS_RULE_ERROR_LICENSE_BELOW_IN_USE: a pending license has fewer
 *   licenses of a product than are in use
 * @SEATS_RULE_ERROR_NOTHING_TO_BUY: a purchase of 0 licenses
 * @SEATS_RULE_ERROR_OUTSIDE_PERIOD: the day is not in the billing period
 * @SEATS_RULE_ERROR_INVALID_PERIOD: the billing period is empty or out of range
 * @SEATS_RULE_ERROR_OVERFLOW: a count or an amount does not fit
 * @SEATS_RULE_ERROR_CONTACT_REQUIRED: no billing contact
 * @SEATS_RULE_ERROR_CONTACT_AMBIGUOUS: both a user and an e-mail address as
 *   billing contact
 * @SEATS_RULE_ERROR_INVALID_EMAIL: not a usable e-mail address
 * @SEATS_RULE_ERROR_POSTAL_ADDRESS_REQUIRED: a part of the postal billing
 *   address is missing
 * @SEATS_RULE_ERROR_EINVOICE_ADDRESS_REQUIRED: e-invoicing is on without an
 *   e-invoice address
 * @SEATS_RULE_ERROR_INVALID_EINVOICE_ADDRESS: the e-invoice address has
 *   characters or a length no e-invoice network uses
 * @SEATS_RULE_ERROR_EINVOICE_OPERATOR_REQUIRED: e-invoicing is on without the
 *   code of the e-invoice provider
 * @SEATS_RULE_ERROR_INVALID_EINVOICE_OPERATOR: the operator code has
 *   characters or a length no provider uses
 * @SEATS_RULE_ERROR_INVALID_SERIAL_NUMBER: a trial's serial number is not
 *   four groups of four capitals or digits
 * @SEATS_RULE_ERROR_LICENSE_OWNER_REQUIRED: a trial is converted without a
 *   license owner
 *
 * Why a rule refused. Each has a stable code for the API and the cache, see
 * seats_rule_error_to_code(). New codes are only ever appended.
 */
typedef enum
{
  SEATS_RULE_ERROR_CANCELS_SUBSCRIPTION,
  SEATS_RULE_ERROR_BELOW_MINIMUM,
  SEATS_RULE_ERROR_BELOW_COUNTED_USERS,
  SEATS_RULE_ERROR_MUST_EQUAL_COUNTED_USERS,
  SEATS_RULE_ERROR_NO_FREE_SEAT,
  SEATS_RULE_ERROR_LICENSE_BELOW_IN_USE,
  SEATS_RULE_ERROR_NOTHING_TO_BUY,
  SEATS_RULE_ERROR_OUTSIDE_PERIOD,
  SEATS_RULE_ERROR_INVALID_PERIOD,
  SEATS_RULE_ERROR_OVERFLOW,
  SEATS_RULE_ERROR_CONTACT_REQUIRED,
  SEATS_RULE_ERROR_CONTACT_AMBIGUOUS,
  SEATS_RULE_ERROR_INVALID_EMAIL,
  SEATS_RULE_ERROR_POSTAL_ADDRESS_REQUIRED,
  SEATS_RULE_ERROR_EINVOICE_ADDRESS_REQUIRED,
  SEATS_RULE_ERROR_INVALID_EINVOICE_ADDRESS,
  SEATS_RULE_ERROR_EINVOICE_OPERATOR_REQUIRED,
  SEATS_RULE_ERROR_INVALID_EINVOICE_OPERATOR,
  SEATS_RULE_ERROR_INVALID_SERIAL_NUMBER,
  SEATS_RULE_ERROR_LICENSE_OWNER_REQUIRED,
} SeatsRuleError;

/**
 * SeatsRulePolicy:
 * @seat_floor: how the license count relates to the users who count (R5)
 * @activation: how a pending license is activated (R8)
 * @min_seats: the lowest license count for a period (R3); 0 is read as 1
 * @grace_days: days between over-allocation and deactivation (R5, R6)
 *
 * The part of a subscription's policy the rules need. Initialize it with
 * seats_rule_policy_init() and override what the server sent.
 */
typedef struct
{
  SeatsSeatFloor  seat_floor;
  SeatsActivation activation;
  guint           min_seats;
  guint           grace_days;
} SeatsRulePolicy;

/**
 * SeatsRuleFigures:
 * @seat_floor: the policy's seat floor (R5)
 * @requested: the count that was asked for
 * @counted: the users who count, or the users who hold the module
 * @minimum: the policy's lowest count for a period (R3)
 * @products: how many products have more licenses in use than a new
 *   license allows (R8)
 * @surplus: the surplus licenses of the one such product (R8)
 * @name: (nullable): the product or module the refusal is about
 * @added: how many users a module was to be given at once (R7)
 *
 * The figures a refusal's message names. A refusal carries them, and the
 * license server sends them along with the refusal's code, so that every
 * client says the same refusal in its own person's language.
 */
typedef struct
{
  SeatsSeatFloor  seat_floor;
  guint           requested;
  guint           counted;
  guint           minimum;
  guint           products;
  guint           surplus;
  char           *name;
  guint           added;
} SeatsRuleFigures;

#define SEATS_RULE_DEFAULT_MIN_SEATS  1
#define SEATS_RULE_DEFAULT_GRACE_DAYS 7

/**
 * SeatsRuleUser:
 * @id: the user's stable identifier, to order users created at the same second
 * @created: when the user was created, in seconds since the Unix epoch
 * @counts: whether the user counts (R1), see seats_rules_user_counts()
 *
 * A user as the grace rule (R5) sees one.
 */
typedef struct
{
  const char *id;
  gint64      created;
  gboolean    counts;
} SeatsRuleUser;

/**
 * SeatsRuleLicenseLine:
 * @name: (nullable): the product's name, shown in messages
 * @current_count: the count of the license now in force
 * @new_count: the count of the pending license
 * @in_use: how many licenses of the product are assigned now
 *
 * One product of a pending license from the vendor (R8).
 */
typedef struct
{
  const char *name;
  guint       current_count;
  guint       new_count;
  guint       in_use;
} SeatsRuleLicenseLine;

/**
 * SeatsBillingField:
 * @SEATS_BILLING_FIELD_NONE: no field (nothing wrong)
 * @SEATS_BILLING_FIELD_CONTACT: the billing contact (a user or an e-mail address)
 * @SEATS_BILLING_FIELD_STREET: the street of the postal address
 * @SEATS_BILLING_FIELD_POSTAL_CODE: the postal code
 * @SEATS_BILLING_FIELD_CITY: the city
 * @SEATS_BILLING_FIELD_COUNTRY: the country
 * @SEATS_BILLING_FIELD_EINVOICE_ADDRESS: the e-invoice address
 * @SEATS_BILLING_FIELD_EINVOICE_OPERATOR: the code of the e-invoice provider
 *
 * The fields of the billing details (R13), in the order a form shows them,
 * so that a message can be shown under the field it is about.
 */
typedef enum
{
  SEATS_BILLING_FIELD_NONE,
  SEATS_BILLING_FIELD_CONTACT,
  SEATS_BILLING_FIELD_STREET,
  SEATS_BILLING_FIELD_POSTAL_CODE,
  SEATS_BILLING_FIELD_CITY,
  SEATS_BILLING_FIELD_COUNTRY,
  SEATS_BILLING_FIELD_EINVOICE_ADDRESS,
  SEATS_BILLING_FIELD_EINVOICE_OPERATOR,
} SeatsBillingField;

#define SEATS_BILLING_FIELD_LAST SEATS_BILLING_FIELD_EINVOICE_OPERATOR

/**
 * SeatsRuleBillingDetails:
 * @contact_user_id: (nullable): the user chosen as billing contact
 * @contact_email: (nullable): the e-mail address typed as billing contact
 * @street: (nullable): street and number of the postal billing address
 * @postal_code: (nullable): its postal code
 * @city: (nullable): its city
 * @country: (nullable): its country
 * @einvoice_enabled: whether invoices are sent as e-invoices
 * @einvoice_address: (nullable): the e-invoice address
 * @einvoice_operator: (nullable): the code of the e-invoice provider
 *
 * The editable billing details (R13), as strings the person typed. Empty and
 * blank strings are the same as %NULL.
 */
typedef struct
{
  const char *contact_user_id;
  const char *contact_email;
  const char *street;
  const char *postal_code;
  const char *city;
  const char *country;
  gboolean    einvoice_enabled;
  const char *einvoice_address;
  const char *einvoice_operator;
} SeatsRuleBillingDetails;

/**
 * SeatsPurchaseQuote:
 * @quantity: the licenses bought now
 * @price_per_period: one license for a whole billing period, in minor units
 * @remaining_days: the days of the period the purchase pays for, today included
 * @period_days: the days of the billing period
 * @amount: what is invoiced now: @quantity × @price_per_period ×
 *   @remaining_days / @period_days, rounded half up (R2)
 * @purchased_before: the licenses of the current period before buying
 * @purchased_after: and after
 * @next_before: the count for the next period before buying
 * @next_after: and after (R4)
 *
 * What buying licenses today costs and does, as seats_rules_quote_purchase()
 * works it out for the window, seatsctl and the license server alike.
 */
typedef struct
{
  guint  quantity;
  gint64 price_per_period;
  guint  remaining_days;
  guint  period_days;
  gint64 amount;
  guint  purchased_before;
  guint  purchased_after;
  guint  next_before;
  guint  next_after;
} SeatsPurchaseQuote;

GQuark      seats_rule_error_quark              (void);
const char *seats_rule_error_to_code            (SeatsRuleError                 code);
char       *seats_rule_error_describe           (SeatsRuleError                 code,
                                                 const SeatsRuleFigures        *figures);
const SeatsRuleFigures *
            seats_rule_error_get_figures        (const GError                  *error);
gboolean    seats_rule_error_from_code          (const char                    *str,
                                                 SeatsRuleError                *code);

void        seats_rule_policy_init              (SeatsRulePolicy               *policy);

/* R1 */
gboolean    seats_rules_user_counts             (gboolean                       active,
                                                 const GDate                   *end_date,
                                                 const GDate                   *today);
gboolean    seats_rules_user_has_left           (const GDate                   *end_date,
                                                 const GDate                   *today);

/* Billing periods and R2 */
gboolean    seats_rules_period_end              (const GDate                   *start,
                                                 guint                          months,
                                                 GDate                         *end,
                                                 GError                       **error);
gboolean    seats_rules_period_containing       (const GDate                   *anchor,
                                                 guint                          months,
                                                 const GDate                   *day,
                                                 GDate                         *start,
                                                 GDate                         *end,
                                                 GError                       **error);
gboolean    seats_rules_proration_days          (const GDate                   *period_start,
                                                 const GDate                   *period_end,
                                                 const GDate                   *today,
                                                 guint                         *remaining_days,
                                                 guint                         *period_days,
                                                 GError                       **error);
gboolean    seats_rules_prorated_price          (guint                          added,
                                                 gint64                         price_per_seat,
                                                 const GDate                   *period_start,
                                                 const GDate                   *period_end,
                                                 const GDate                   *today,
                                                 gint64                        *amount,
                                                 GError                       **error);

gboolean    seats_rules_quote_purchase          (guint                          purchased,
                                                 guint                          next_count,
                                                 guint                          added,
                                                 gint64                         monthly_price,
                                                 guint                          period_months,
                                                 const GDate                   *period_start,
                                                 const GDate                   *period_end,
                                                 const GDate                   *today,
                                                 SeatsPurchaseQuote            *quote,
                                                 GError                       **error);
gboolean    seats_purchase_quote_restores_next  (const SeatsPurchaseQuote      *quote);

/**
 * SeatsRulePriceLine:
 * @kind: user licenses, an add-on module or an integration
 * @purchased: the licenses of the current period; not used for an
 *   integration
 * @price: the monthly price of one license, or an integration's monthly
 *   fee, in minor units
 * @enabled: whether an integration is on; not used for licenses
 *
 * One line of what a subscription costs a month.
 */
typedef struct
{
  SeatsProductKind kind;
  guint            purchased;
  gint64           price;
  gboolean         enabled;
} SeatsRulePriceLine;

gboolean    seats_rules_monthly_price           (const SeatsRulePriceLine      *lines,
                                                 guint                          n_lines,
                                                 gint64                        *monthly_price,
                                                 GError                       **error);
gboolean    seats_rules_price_line_counts       (const SeatsRulePriceLine      *line);

/* R12 */
gboolean    seats_rules_monthly_price_after_switch
                                                (gint64                         monthly_price,
                                                 gint64                         monthly_fee,
                                                 gboolean                       was_enabled,
                                                 gboolean                       enabled,
                                                 gint64                        *new_monthly_price,
                                                 GError                       **error);

/* R3, R5 */
gboolean    seats_rules_check_next_period       (const SeatsRulePolicy         *policy,
                                                 guint                          requested,
                                                 guint                          counted,
                                                 guint                         *over,
                                                 GError                       **error);

/**
 * SeatsSeatAction:
 * @SEATS_SEAT_ACTION_NONE: nothing to do
 * @SEATS_SEAT_ACTION_BUY: buy licenses (or deactivate users)
 * @SEATS_SEAT_ACTION_ACTIVATE: activate users (licenses nobody holds)
 * @SEATS_SEAT_ACTION_CHANGE_NEXT_PERIOD: change the next period's count
 *
 * What resolves a disagreement of the counts the policy cares about (R5).
 */
typedef enum
{
  SEATS_SEAT_ACTION_NONE,
  SEATS_SEAT_ACTION_BUY,
  SEATS_SEAT_ACTION_ACTIVATE,
  SEATS_SEAT_ACTION_CHANGE_NEXT_PERIOD,
} SeatsSeatAction;

/* R5 */
char       *seats_rules_describe_policy         (const SeatsRulePolicy         *policy);
char       *seats_rules_advise_now              (const SeatsRulePolicy         *policy,
                                                 guint                          purchased,
                                                 guint                          counted,
                                                 SeatsSeatAction               *action);
char       *seats_rules_advise_next             (const SeatsRulePolicy         *policy,
                                                 guint                          next_count,
                                                 guint                          counted,
                                                 SeatsSeatAction               *action);

/* R4 */
gboolean    seats_rules_apply_purchase          (guint                          purchased,
                                                 guint                          next_count,
                                                 guint                          added,
                                                 guint                         *new_purchased,
                                                 guint                         *new_next_count,
                                                 GError                       **error);

/* R5, R6 */
void        seats_rules_grace_deadline          (const GDate                   *from,
                                                 guint                          grace_days,
                                                 GDate                         *deadline);
gboolean    seats_rules_deadline_passed         (const GDate                   *deadline,
                                                 const GDate                   *today);
void        seats_rules_deactivation_day        (const GDate                   *deadline,
                                                 GDate                         *day);
GArray     *seats_rules_grace_users             (const SeatsRuleUser           *users,
                                                 guint                          n_users,
                                                 guint                          seats,
                                                 const GDate                   *period_start,
                                                 guint                          grace_days,
                                                 GDate                         *deadline);
gboolean    seats_rules_check_activation        (const SeatsRulePolicy         *policy,
                                                 guint                          seats,
                                                 guint                          counted,
                                                 const GDate                   *today,
                                                 gboolean                      *over_allocated,
                                                 GDate                         *deadline,
                                                 GError                       **error);

/* R7 */
gboolean    seats_rules_check_module_assignment (const char                    *module_name,
                                                 guint                          purchased,
                                                 guint                          in_use,
                                                 GError                       **error);
gboolean    seats_rules_check_module_assignments
                                                (const char                    *module_name,
                                                 guint                          purchased,
                                                 guint                          in_use,
                                                 guint                          added,
                                                 GError                       **error);
gboolean    seats_rules_check_module_next_period (const char                   *module_name,
                                                  guint                         requested,
                                                  guint                         holders,
                                                  GError                      **error);

/* R8 */
guint       seats_rules_license_surplus         (guint                          new_count,
                                                 guint                          in_use);
gboolean    seats_rules_license_changed         (const SeatsRuleLicenseLine    *line);
gboolean    seats_rules_check_pending_license   (const SeatsRuleLicenseLine    *lines,
                                                 guint                          n_lines,
                                                 GError                       **error);
gboolean    seats_rules_pending_license_activates_automatically
                                                (const SeatsRulePolicy         *policy,
                                                 const SeatsRuleLicenseLine    *lines,
                                                 guint                          n_lines);

/* R13 */
gboolean    seats_rules_check_email             (const char                    *email,
                                                 GError                       **error);
gboolean    seats_rules_check_billing_field     (const SeatsRuleBillingDetails *details,
                                                 SeatsBillingField              field,
                                                 GError                       **error);
gboolean    seats_rules_check_billing_details   (const SeatsRuleBillingDetails *details,
                                                 SeatsBillingField             *field,
                                                 GError                       **error);

/* R18 */
guint       seats_rules_trial_days_left         (const GDate                   *trial_end,
                                                 const GDate                   *today);
gboolean    seats_rules_check_trial_conversion  (const char                    *serial_number,
                                                 const char                    *license_owner,
                                                 GError                       **error);

/* R20 */
char       *seats_rules_csv_cell                (const char                    *text);
void        seats_rules_csv_append_row          (GString                       *csv,
                                                 const char * const            *cells);

G_END_DECLS
