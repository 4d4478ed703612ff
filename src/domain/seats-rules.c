/* seats-rules.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-rules"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "seats-rules.h"

/* A refusal carries the figures its message names (see SeatsRuleFigures). */
typedef struct
{
  gboolean         has_figures;
  SeatsRuleFigures figures;
} SeatsRuleErrorPrivate;

static void
seats_rule_error_private_init (SeatsRuleErrorPrivate *priv)
{
}

/* GLib hands these the private part of a SeatsRuleError, never NULL; the
 * checks say so to an optimizing compiler too. */
static void
seats_rule_error_private_copy (const SeatsRuleErrorPrivate *src,
                               SeatsRuleErrorPrivate       *dest)
{
  g_return_if_fail (src != NULL && dest != NULL);

  dest->has_figures = src->has_figures;
  dest->figures = src->figures;
  dest->figures.name = g_strdup (src->figures.name);
}

static void
seats_rule_error_private_clear (SeatsRuleErrorPrivate *priv)
{
  g_return_if_fail (priv != NULL);

  g_clear_pointer (&priv->figures.name, g_free);
}

G_DEFINE_EXTENDED_ERROR (SeatsRuleError, seats_rule_error)

static void set_refusal (GError                 **error,
                         SeatsRuleError           code,
                         const SeatsRuleFigures  *figures);

/* Indexed by SeatsRuleError. These strings are the API's problem codes and
 * are stored in the cache and the outbox: never change one. */
static const char * const rule_error_codes[] = {
  [SEATS_RULE_ERROR_CANCELS_SUBSCRIPTION] = "cancels-subscription",
  [SEATS_RULE_ERROR_BELOW_MINIMUM] = "below-minimum",
  [SEATS_RULE_ERROR_BELOW_COUNTED_USERS] = "below-counted-users",
  [SEATS_RULE_ERROR_MUST_EQUAL_COUNTED_USERS] = "must-equal-counted-users",
  [SEATS_RULE_ERROR_NO_FREE_SEAT] = "no-free-seat",
  [SEATS_RULE_ERROR_LICENSE_BELOW_IN_USE] = "license-below-in-use",
  [SEATS_RULE_ERROR_NOTHING_TO_BUY] = "nothing-to-buy",
  [SEATS_RULE_ERROR_OUTSIDE_PERIOD] = "outside-period",
  [SEATS_RULE_ERROR_INVALID_PERIOD] = "invalid-period",
  [SEATS_RULE_ERROR_OVERFLOW] = "overflow",
  [SEATS_RULE_ERROR_CONTACT_REQUIRED] = "contact-required",
  [SEATS_RULE_ERROR_CONTACT_AMBIGUOUS] = "contact-ambiguous",
  [SEATS_RULE_ERROR_INVALID_EMAIL] = "invalid-email",
  [SEATS_RULE_ERROR_POSTAL_ADDRESS_REQUIRED] = "postal-address-required",
  [SEATS_RULE_ERROR_EINVOICE_ADDRESS_REQUIRED] = "einvoice-address-required",
  [SEATS_RULE_ERROR_INVALID_EINVOICE_ADDRESS] = "invalid-einvoice-address",
  [SEATS_RULE_ERROR_EINVOICE_OPERATOR_REQUIRED] = "einvoice-operator-required",
  [SEATS_RULE_ERROR_INVALID_EINVOICE_OPERATOR] = "invalid-einvoice-operator",
  [SEATS_RULE_ERROR_INVALID_SERIAL_NUMBER] = "invalid-serial-number",
  [SEATS_RULE_ERROR_LICENSE_OWNER_REQUIRED] = "license-owner-required",
};

G_STATIC_ASSERT (G_N_ELEMENTS (rule_error_codes) == SEATS_RULE_ERROR_LICENSE_OWNER_REQUIRED + 1);

/* RFC 5321, 4.5.3.1: a local part of at most 64 octets, a domain of at most
 * 255 and a path of at most 256 including the angle brackets, which leaves
 * 254 for the address itself. A DNS label is at most 63 octets (RFC 1035). */
#define EMAIL_MAX_LENGTH        254
#define EMAIL_LOCAL_MAX_LENGTH  64
#define EMAIL_DOMAIN_MAX_LENGTH 255
#define DNS_LABEL_MAX_LENGTH    63

/* Peppol participant identifiers, Finnish OVT/EDI codes, GLNs and the
 * Swedish operators' addresses all fit in 70 characters of this set; operator
 * codes (BICs, OVT codes, names like "PEPPOL") in 2 to 35. */
#define EINVOICE_ADDRESS_MAX_LENGTH  70
#define EINVOICE_ADDRESS_EXTRA_CHARS ".:_-+@"
#define EINVOICE_OPERATOR_MIN_LENGTH 2
#define EINVOICE_OPERATOR_MAX_LENGTH 35
#define EINVOICE_OPERATOR_EXTRA_CHARS ".:_-"

static gboolean
is_blank (const char *str)
{
  if (str == NULL)
    return TRUE;

  for (; *str != '\0'; str++)
    if (!g_ascii_isspace (*str))
      return FALSE;

  return TRUE;
}

static gboolean
is_valid_date (const GDate *date)
{
  return date != NULL && g_date_valid (date);
}

/* The last day a GDate can hold, so that adding days never leaves the range
 * g_date_add_days() accepts. */
static guint32
last_julian_day (void)
{
  GDate last;

  g_date_clear (&last, 1);
  g_date_set_dmy (&last, 31, G_DATE_DECEMBER, G_MAXUINT16);

  return g_date_get_julian (&last);
}

/* Adds @months to @start with the day of the month clamped to the length of
 * the target month, as g_date_add_months() does, but refuses instead of
 * failing an assertion when the year would leave GDate's range. */
static gboolean
add_months (const GDate *start,
            guint64      months,
            GDate       *result,
            GError     **error)
{
  guint64 month_index;

  g_assert (is_valid_date (start));

  month_index = (guint64) g_date_get_month (start) - 1 + months;
  if (month_index / 12 > (guint64) (G_MAXUINT16 - g_date_get_year (start)))
    {
      set_refusal (error, SEATS_RULE_ERROR_INVALID_PERIOD, NULL);
      return FALSE;
    }

  *result = *start;
  g_date_add_months (result, (guint) months);

  return TRUE;
}

/**
 * seats_rule_error_describe:
 * @code: a #SeatsRuleError
 * @figures: (nullable): the figures of the refusal, or %NULL where they are
 *   not known
 *
 * Says what a refusal means and what to do, in the person's language: the
 * message of every refusal of the rules, and what a client shows when the
 * license server refuses with @code and sends @figures along. Figures that
 * do not fit @code, as a server may send, give the message without them.
 *
 * Returns: (transfer full): the message
 */
char *
seats_rule_error_describe (SeatsRuleError          code,
                           const SeatsRuleFigures *figures)
{
  const SeatsRuleFigures *f = figures;

  switch (code)
    {
    case SEATS_RULE_ERROR_CANCELS_SUBSCRIPTION:
      return g_strdup (_("A subscription needs at least one license: 0 would cancel it. "
                         "To cancel the subscription, contact the vendor's support."));

    case SEATS_RULE_ERROR_BELOW_MINIMUM:
      if (f != NULL && f->minimum >= 1)
        return g_strdup_printf (ngettext ("This subscription needs at least %u license in a billing "
                                          "period. Enter a higher number.",
                                          "This subscription needs at least %u licenses in a billing "
                                          "period. Enter a higher number.",
                                          f->minimum),
                                f->minimum);
      return g_strdup (_("This subscription needs more licenses in a billing period. "
                         "Enter a higher number."));

    case SEATS_RULE_ERROR_BELOW_COUNTED_USERS:
      if (f != NULL && f->name != NULL && f->counted >= 1)
        return g_strdup_printf (/* Translators: both numbers are the same: the users who hold
                                 * the module, and so the licenses of it to keep */
                                ngettext ("%u user holds %s. Take the module from them first, "
                                          "or keep at least %u license.",
                                          "%u users hold %s. Take the module from them first, "
                                          "or keep at least %u licenses.",
                                          f->counted),
                                f->counted, f->name, f->counted);
      /* requested >= 1, so counted >= 2: "licenses" is always plural. */
      if (f != NULL && f->name == NULL && f->requested >= 1 && f->counted > f->requested)
        return g_strdup_printf (/* Translators: the second number is always 2 or more. */
                                ngettext ("The number of licenses cannot be lower than the number of "
                                          "active users. Deactivate %u user first, or keep at least "
                                          "%u licenses.",
                                          "The number of licenses cannot be lower than the number of "
                                          "active users. Deactivate %u users first, or keep at least "
                                          "%u licenses.",
                                          f->counted - f->requested),
                                f->counted - f->requested, f->counted);
      return g_strdup (_("The number of licenses cannot be lower than the number of active "
                         "users. Deactivate users first, or keep more licenses."));

    case SEATS_RULE_ERROR_MUST_EQUAL_COUNTED_USERS:
      if (f != NULL && f->requested < f->counted)
        return g_strdup_printf (ngettext ("The number of licenses must equal the number of active "
                                          "users. Deactivate %u user first, or set the number of "
                                          "licenses to %u.",
                                          "The number of licenses must equal the number of active "
                                          "users. Deactivate %u users first, or set the number of "
                                          "licenses to %u.",
                                          f->counted - f->requested),
                                f->counted - f->requested, f->counted);
      /* Lowering to the active users is no way out when that is below the
       * minimum: then only activating users is. */
      if (f != NULL && f->requested > f->counted && f->counted < MAX (f->minimum, 1))
        return g_strdup_printf (ngettext ("The number of licenses must equal the number of active "
                                          "users. Activate %u more user first.",
                                          "The number of licenses must equal the number of active "
                                          "users. Activate %u more users first.",
                                          f->requested - f->counted),
                                f->requested - f->counted);
      if (f != NULL && f->requested > f->counted)
        return g_strdup_printf (ngettext ("The number of licenses must equal the number of active "
                                          "users. Activate %u more user first, or set the number "
                                          "of licenses to %u.",
                                          "The number of licenses must equal the number of active "
                                          "users. Activate %u more users first, or set the number "
                                          "of licenses to %u.",
                                          f->requested - f->counted),
                                f->requested - f->counted, f->counted);
      return g_strdup (_("The number of licenses must equal the number of active users. "
                         "Activate or deactivate users first, or change the number of licenses."));

    case SEATS_RULE_ERROR_NO_FREE_SEAT:
      if (f != NULL && f->name != NULL && f->added > 1 && f->requested > f->counted)
        {
          guint free_seats = f->requested - f->counted;

          /* Translators: the first number is how many licenses of the
           * module are free; the plural is theirs. The second number is how
           * many users were to get the module, always more than one. */
          return g_strdup_printf (ngettext ("Only %u license of %s is free, for %u users. Buy "
                                            "more, or choose fewer users.",
                                            "Only %u licenses of %s are free, for %u users. Buy "
                                            "more, or choose fewer users.",
                                            free_seats),
                                  free_seats, f->name, f->added);
        }
      if (f != NULL && f->name != NULL)
        return g_strdup_printf (_("All licenses of %s are assigned. Buy more, or take the module "
                                  "from somebody first."),
                                f->name);
      if (f != NULL && f->seat_floor == SEATS_SEAT_FLOOR_EQUAL_ACTIVE)
        return g_strdup (_("There is no free license for this user. "
                           "Raise the number of licenses first, then activate the user."));
      return g_strdup (_("There is no free license for this user. "
                         "Buy more licenses first, then activate the user."));

    case SEATS_RULE_ERROR_LICENSE_BELOW_IN_USE:
      if (f != NULL && f->products > 1)
        return g_strdup_printf (ngettext ("%u product has more licenses in use than the new license "
                                          "allows. Remove the surplus licenses first. If the new counts "
                                          "are wrong, contact the vendor instead of activating the license.",
                                          "%u products have more licenses in use than the new license "
                                          "allows. Remove the surplus licenses first. If the new counts "
                                          "are wrong, contact the vendor instead of activating the license.",
                                          f->products),
                                f->products);
      if (f != NULL && f->products == 1 && f->surplus >= 1 && !is_blank (f->name))
        return g_strdup_printf (/* Translators: the string is the name of a product, like "CRM". */
                                ngettext ("Remove %u surplus license of “%s” before activating the new "
                                          "license. If the new count is wrong, contact the vendor instead "
                                          "of activating it.",
                                          "Remove %u surplus licenses of “%s” before activating the new "
                                          "license. If the new count is wrong, contact the vendor instead "
                                          "of activating it.",
                                          f->surplus),
                                f->surplus, f->name);
      if (f != NULL && f->products == 1 && f->surplus >= 1)
        return g_strdup_printf (ngettext ("Remove %u surplus license before activating the new license. "
                                          "If the new count is wrong, contact the vendor instead of "
                                          "activating it.",
                                          "Remove %u surplus licenses before activating the new license. "
                                          "If the new count is wrong, contact the vendor instead of "
                                          "activating it.",
                                          f->surplus),
                                f->surplus);
      return g_strdup (_("More licenses are in use than the new license allows. Remove the surplus "
                         "licenses first. If the new counts are wrong, contact the vendor instead "
                         "of activating the license."));

    case SEATS_RULE_ERROR_NOTHING_TO_BUY:
      return g_strdup (_("Enter how many licenses to buy: at least 1."));

    case SEATS_RULE_ERROR_OUTSIDE_PERIOD:
      return g_strdup (_("The day of the purchase is outside the current billing "
                         "period. Refresh the subscription and try again."));

    case SEATS_RULE_ERROR_INVALID_PERIOD:
      return g_strdup (_("The billing period of the subscription is not valid. "
                         "Refresh the subscription, and if this stays, contact the "
                         "vendor's support."));

    case SEATS_RULE_ERROR_OVERFLOW:
      return g_strdup (_("The number of licenses is too large. Enter a smaller number."));

    case SEATS_RULE_ERROR_CONTACT_REQUIRED:
      return g_strdup (_("Choose a user as the billing contact, or type an e-mail "
                         "address."));

    case SEATS_RULE_ERROR_CONTACT_AMBIGUOUS:
      return g_strdup (_("Choose a user or type an e-mail address as the billing "
                         "contact, not both."));

    case SEATS_RULE_ERROR_INVALID_EMAIL:
      return g_strdup (_("This is not a valid e-mail address. "
                         "Enter an address like name@example.com."));

    case SEATS_RULE_ERROR_POSTAL_ADDRESS_REQUIRED:
      return g_strdup (_("Enter the whole billing address. A postal address is required, "
                         "also when invoices are sent as e-invoices."));

    case SEATS_RULE_ERROR_EINVOICE_ADDRESS_REQUIRED:
      return g_strdup (_("Enter the e-invoice address, or turn e-invoicing off."));

    case SEATS_RULE_ERROR_INVALID_EINVOICE_ADDRESS:
      return g_strdup (_("An e-invoice address has at most 70 characters: letters, "
                         "digits and . : _ - + @. Check the address with your "
                         "e-invoice provider."));

    case SEATS_RULE_ERROR_EINVOICE_OPERATOR_REQUIRED:
      return g_strdup (_("Enter the code of the e-invoice provider, or turn "
                         "e-invoicing off."));

    case SEATS_RULE_ERROR_INVALID_EINVOICE_OPERATOR:
      return g_strdup (_("The code of an e-invoice provider has 2 to 35 characters: "
                         "letters, digits and . : _ -. Your e-invoice provider can "
                         "tell you the code."));

    case SEATS_RULE_ERROR_INVALID_SERIAL_NUMBER:
      return g_strdup (_("Enter the serial number as the vendor sent it: four groups of "
                         "four capitals or digits, such as AB12-CD34-EF56-GH78."));

    case SEATS_RULE_ERROR_LICENSE_OWNER_REQUIRED:
      return g_strdup (_("Enter the license owner as the vendor sent it."));

    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * seats_rule_error_get_figures:
 * @error: an error
 *
 * Returns: (transfer none) (nullable): the figures of a refusal of the
 *   rules, or %NULL if @error is not one or names none
 */
const SeatsRuleFigures *
seats_rule_error_get_figures (const GError *error)
{
  SeatsRuleErrorPrivate *priv;

  if (error == NULL || error->domain != SEATS_RULE_ERROR)
    return NULL;

  priv = seats_rule_error_get_private (error);
  return priv != NULL && priv->has_figures ? &priv->figures : NULL;
}

/* Refuses with @code, in the message seats_rule_error_describe() gives,
 * and keeps @figures with the error for whoever passes the refusal on. */
static void
set_refusal (GError                 **error,
             SeatsRuleError           code,
             const SeatsRuleFigures  *figures)
{
  g_autofree char *message = NULL;
  GError *refusal;

  if (error == NULL)
    return;

  message = seats_rule_error_describe (code, figures);
  refusal = g_error_new_literal (SEATS_RULE_ERROR, code, message);
  if (figures != NULL)
    {
      SeatsRuleErrorPrivate *priv = seats_rule_error_get_private (refusal);

      g_assert (priv != NULL);
      priv->has_figures = TRUE;
      priv->figures = *figures;
      priv->figures.name = g_strdup (figures->name);
    }

  g_propagate_error (error, refusal);
}

/**
 * seats_rule_error_to_code:
 * @code: a #SeatsRuleError
 *
 * Gives the stable, machine-readable name of @code, as the API's problem
 * documents and the cache use it ("no-free-seat", ...).
 *
 * Returns: (transfer none): the code's name
 */
const char *
seats_rule_error_to_code (SeatsRuleError code)
{
  g_return_val_if_fail ((guint) code < G_N_ELEMENTS (rule_error_codes), NULL);

  return rule_error_codes[code];
}

/**
 * seats_rule_error_from_code:
 * @str: (nullable): a name as given by seats_rule_error_to_code()
 * @code: (out): where to store the error code
 *
 * The reverse of seats_rule_error_to_code(), for problems read from the
 * server or the cache.
 *
 * Returns: %TRUE if @str names a #SeatsRuleError, %FALSE otherwise
 */
gboolean
seats_rule_error_from_code (const char     *str,
                            SeatsRuleError *code)
{
  g_return_val_if_fail (code != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (rule_error_codes); i++)
    {
      if (strcmp (str, rule_error_codes[i]) == 0)
        {
          *code = (SeatsRuleError) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * seats_rule_policy_init:
 * @policy: (out caller-allocates): the policy to initialize
 *
 * Fills @policy with the defaults a server may leave out: floor
 * `at_least_active`, manual activation, a minimum of 1 license and 7 days of
 * grace.
 */
void
seats_rule_policy_init (SeatsRulePolicy *policy)
{
  g_return_if_fail (policy != NULL);

  policy->seat_floor = SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE;
  policy->activation = SEATS_ACTIVATION_MANUAL;
  policy->min_seats = SEATS_RULE_DEFAULT_MIN_SEATS;
  policy->grace_days = SEATS_RULE_DEFAULT_GRACE_DAYS;
}

/**
 * seats_rules_user_counts:
 * @active: whether the user's status is active
 * @end_date: (nullable): the user's last day, or %NULL (or a cleared date)
 *   for none
 * @today: the day to decide for
 *
 * R1: whether the user holds a license on @today. An inactive user never
 * does; an active one does until and including @end_date. The start date
 * plays no part: a user who starts in the future already counts.
 *
 * Returns: %TRUE if the user counts
 */
gboolean
seats_rules_user_counts (gboolean     active,
                         const GDate *end_date,
                         const GDate *today)
{
  g_return_val_if_fail (is_valid_date (today), FALSE);

  if (!active)
    return FALSE;

  if (!is_valid_date (end_date))
    return TRUE;

  return g_date_compare (end_date, today) >= 0;
}

/**
 * seats_rules_user_has_left:
 * @end_date: (nullable): the user's last day, or %NULL (or a cleared date)
 *   for none
 * @today: the day to decide for
 *
 * R1 and R17: whether the user's end date has passed, so that the user no
 * longer counts whatever the status, and what the user still holds (a
 * module, R7) can be freed.
 *
 * Returns: %TRUE if @end_date is before @today
 */
gboolean
seats_rules_user_has_left (const GDate *end_date,
                           const GDate *today)
{
  g_return_val_if_fail (is_valid_date (today), FALSE);

  return is_valid_date (end_date) && g_date_compare (end_date, today) < 0;
}

/**
 * seats_rules_period_end:
 * @start: the first day of a billing period
 * @months: the period's length in months: 1, 3 (quarterly), 12 (annual), ...
 * @end: (out caller-allocates): the first day of the next period
 * @error: return location for a #GError
 *
 * Computes the exclusive end of the period that starts on @start. The day
 * of the month is clamped to the target month: a monthly period from
 * January 31 ends on February 28 (29 in a leap year).
 *
 * Because of that clamping, consecutive periods must be computed from the
 * subscription's first day (its anchor) with seats_rules_period_containing(),
 * not by chaining ends, or January 31 drifts to the 28th for good.
 *
 * Returns: %TRUE on success, %FALSE with %SEATS_RULE_ERROR_INVALID_PERIOD if
 *   the end is beyond the dates that can be represented
 */
gboolean
seats_rules_period_end (const GDate  *start,
                        guint         months,
                        GDate        *end,
                        GError      **error)
{
  g_return_val_if_fail (is_valid_date (start), FALSE);
  g_return_val_if_fail (months > 0, FALSE);
  g_return_val_if_fail (end != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return add_months (start, months, end, error);
}

/**
 * seats_rules_period_containing:
 * @anchor: the first day of the subscription's first billing period
 * @months: the length of every period in months
 * @day: the day whose period is wanted
 * @start: (out caller-allocates): the first day of that period
 * @end: (out caller-allocates): the first day of the period after it
 * @error: return location for a #GError
 *
 * Finds the billing period [@start, @end) that contains @day. Period k
 * starts at @anchor plus k × @months months, clamped as in
 * seats_rules_period_end(), so a subscription that starts on the 31st is
 * billed from the last day of shorter months and from the 31st again after.
 *
 * Returns: %TRUE on success; %FALSE with %SEATS_RULE_ERROR_OUTSIDE_PERIOD
 *   if @day is before @anchor, or %SEATS_RULE_ERROR_INVALID_PERIOD if the
 *   period cannot be represented
 */
gboolean
seats_rules_period_containing (const GDate  *anchor,
                               guint         months,
                               const GDate  *day,
                               GDate        *start,
                               GDate        *end,
                               GError      **error)
{
  guint64 months_between;
  guint64 k;

  g_return_val_if_fail (is_valid_date (anchor), FALSE);
  g_return_val_if_fail (months > 0, FALSE);
  g_return_val_if_fail (is_valid_date (day), FALSE);
  g_return_val_if_fail (start != NULL, FALSE);
  g_return_val_if_fail (end != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_date_compare (day, anchor) < 0)
    {
      g_set_error_literal (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_OUTSIDE_PERIOD,
                           _("The day is before the subscription started. "
                             "Choose a day in a billing period of the subscription."));
      return FALSE;
    }

  /* Counting calendar months gives the period index or one too many (when
   * the day of the month has not come round yet), never too few: step back
   * once if needed. */
  months_between = ((guint64) g_date_get_year (day) - g_date_get_year (anchor)) * 12
                   + g_date_get_month (day) - g_date_get_month (anchor);
  k = months_between / months;

  if (!add_months (anchor, k * months, start, error))
    return FALSE;

  if (g_date_compare (start, day) > 0)
    {
      g_assert (k > 0);
      k--;
      if (!add_months (anchor, k * months, start, error))
        return FALSE;
    }

  if (!add_months (anchor, (k + 1) * months, end, error))
    return FALSE;

  g_assert (g_date_compare (start, day) <= 0);
  g_assert (g_date_compare (day, end) < 0);

  return TRUE;
}

/**
 * seats_rules_proration_days:
 * @period_start: the first day of the current billing period
 * @period_end: the first day of the next billing period
 * @today: the day of the purchase
 * @remaining_days: (out) (optional): the days paid for, @today included
 * @period_days: (out) (optional): the days of the period
 * @error: return location for a #GError
 *
 * R2: the days a purchase on @today pays for, out of the period's: from
 * @period_days on its first day down to 1 on its last.
 *
 * Returns: %TRUE with the days set; %FALSE with
 *   %SEATS_RULE_ERROR_INVALID_PERIOD when the period is empty or
 *   %SEATS_RULE_ERROR_OUTSIDE_PERIOD when @today is not in it
 */
gboolean
seats_rules_proration_days (const GDate  *period_start,
                            const GDate  *period_end,
                            const GDate  *today,
                            guint        *remaining_days,
                            guint        *period_days,
                            GError      **error)
{
  gint days;

  g_return_val_if_fail (is_valid_date (period_start), FALSE);
  g_return_val_if_fail (is_valid_date (period_end), FALSE);
  g_return_val_if_fail (is_valid_date (today), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  days = g_date_days_between (period_start, period_end);
  if (days <= 0)
    {
      set_refusal (error, SEATS_RULE_ERROR_INVALID_PERIOD, NULL);
      return FALSE;
    }

  if (g_date_compare (today, period_start) < 0 || g_date_compare (today, period_end) >= 0)
    {
      set_refusal (error, SEATS_RULE_ERROR_OUTSIDE_PERIOD, NULL);
      return FALSE;
    }

  if (remaining_days != NULL)
    *remaining_days = (guint) g_date_days_between (today, period_end);
  if (period_days != NULL)
    *period_days = (guint) days;

  return TRUE;
}

/**
 * seats_rules_prorated_price:
 * @added: how many licenses are bought, at least 1
 * @price_per_seat: the price of one license for a whole period, in minor
 *   units, not negative
 * @period_start: the first day of the current billing period
 * @period_end: the first day of the next billing period
 * @today: the day of the purchase
 * @amount: (out): the prorated amount, in minor units
 * @error: return location for a #GError
 *
 * R2: the invoice amount for buying @added licenses on @today, for the rest
 * of the current period:
 *
 *   amount = added × price_per_seat × remaining_days / period_days
 *
 * where period_days = @period_end − @period_start and remaining_days =
 * @period_end − @today, in days. Buying on the first day pays the whole
 * period; buying on the last day pays one day. The result is rounded half
 * up (a half minor unit rounds up) in exact integer arithmetic.
 *
 * Returns: %TRUE with @amount set; %FALSE with
 *   %SEATS_RULE_ERROR_NOTHING_TO_BUY when @added is 0,
 *   %SEATS_RULE_ERROR_INVALID_PERIOD when the period is empty,
 *   %SEATS_RULE_ERROR_OUTSIDE_PERIOD when @today is not in it, or
 *   %SEATS_RULE_ERROR_OVERFLOW when @added × @price_per_seat does not fit in
 *   64 bits
 */
gboolean
seats_rules_prorated_price (guint         added,
                            gint64        price_per_seat,
                            const GDate  *period_start,
                            const GDate  *period_end,
                            const GDate  *today,
                            gint64       *amount,
                            GError      **error)
{
  guint remaining_days;
  guint period_days;
  guint64 total;
  guint64 days;
  guint64 remaining;
  guint64 quotient;
  guint64 remainder;
  guint64 fraction;
  guint64 result;

  g_return_val_if_fail (price_per_seat >= 0, FALSE);
  g_return_val_if_fail (is_valid_date (period_start), FALSE);
  g_return_val_if_fail (is_valid_date (period_end), FALSE);
  g_return_val_if_fail (is_valid_date (today), FALSE);
  g_return_val_if_fail (amount != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (added == 0)
    {
      set_refusal (error, SEATS_RULE_ERROR_NOTHING_TO_BUY, NULL);
      return FALSE;
    }

  if (!seats_rules_proration_days (period_start, period_end, today, &remaining_days,
                                   &period_days, error))
    return FALSE;

  if (!g_uint64_checked_mul (&total, added, (guint64) price_per_seat) || total > G_MAXINT64)
    {
      g_set_error_literal (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_OVERFLOW,
                           _("The amount is too large to compute. "
                             "Check the number of licenses and the price."));
      return FALSE;
    }

  days = period_days;
  remaining = remaining_days;
  g_assert (remaining >= 1 && remaining <= days);

  /* total × remaining can overflow where the result cannot: split total into
   * quotient × days + remainder. Then quotient × remaining <= total, and
   * remainder × remaining < days² fits because days < 2³². The result never
   * exceeds total, so it fits in a gint64 as total does. */
  quotient = total / days;
  remainder = total % days;
  result = quotient * remaining + (remainder * remaining) / days;
  fraction = (remainder * remaining) % days;

  /* Half up: fraction / days >= 1/2, written without doubling. */
  if (fraction >= days - fraction)
    result++;

  g_assert (result <= total);
  *amount = (gint64) result;

  return TRUE;
}

/**
 * seats_rules_quote_purchase:
 * @purchased: the licenses bought for the current period
 * @next_count: the count set for the next period
 * @added: the licenses bought now, at least 1
 * @monthly_price: the price of one license per month, in minor units
 * @period_months: the months of a billing period; 0 is read as 1
 * @period_start: the first day of the current billing period
 * @period_end: the first day of the next billing period
 * @today: the day of the purchase
 * @quote: (out caller-allocates): what the purchase costs and does
 * @error: return location for a #GError
 *
 * R2 and R4 together: the price of buying @added licenses on @today, the
 * days it pays for, and the counts of both periods after it.
 *
 * Returns: %TRUE with @quote filled in; %FALSE with the refusal of
 *   seats_rules_apply_purchase() or seats_rules_prorated_price(), or
 *   %SEATS_RULE_ERROR_OVERFLOW when the price is negative or that of a
 *   period does not fit
 */
gboolean
seats_rules_quote_purchase (guint                purchased,
                            guint                next_count,
                            guint                added,
                            gint64               monthly_price,
                            guint                period_months,
                            const GDate         *period_start,
                            const GDate         *period_end,
                            const GDate         *today,
                            SeatsPurchaseQuote  *quote,
                            GError             **error)
{
  SeatsPurchaseQuote result = { 0, };
  guint months = MAX (period_months, 1);

  g_return_val_if_fail (quote != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (monthly_price < 0 || monthly_price > G_MAXINT64 / months)
    {
      g_set_error_literal (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_OVERFLOW,
                           _("The amount is too large to compute. "
                             "Check the number of licenses and the price."));
      return FALSE;
    }

  result.quantity = added;
  result.price_per_period = monthly_price * months;
  result.purchased_before = purchased;
  result.next_before = next_count;

  if (!seats_rules_apply_purchase (purchased, next_count, added, &result.purchased_after,
                                   &result.next_after, error) ||
      !seats_rules_proration_days (period_start, period_end, today, &result.remaining_days,
                                   &result.period_days, error) ||
      !seats_rules_prorated_price (added, result.price_per_period, period_start, period_end,
                                   today, &result.amount, error))
    return FALSE;

  *quote = result;

  return TRUE;
}

/**
 * seats_purchase_quote_restores_next:
 * @quote: a quote from seats_rules_quote_purchase()
 *
 * Whether the next period had been lowered below the licenses bought and
 * the purchase raises it back to the new total (R4): the administrator is
 * told before buying, and lowers it again afterwards if still wanted.
 *
 * Returns: %TRUE if buying undoes a lowered next period
 */
gboolean
seats_purchase_quote_restores_next (const SeatsPurchaseQuote *quote)
{
  g_return_val_if_fail (quote != NULL, FALSE);

  return quote->next_before < quote->purchased_before;
}

/**
 * seats_rules_monthly_price_after_switch:
 * @monthly_price: the subscription's monthly price now, in minor units
 * @monthly_fee: the integration's fee per month, in minor units
 * @was_enabled: whether the integration is on now
 * @enabled: whether it is to be on
 * @new_monthly_price: (out): the monthly price after the switch
 * @error: return location for a #GError
 *
 * R12: what a switch does to the monthly price, said before it is switched
 * on. The monthly price is the licenses bought times their prices plus the
 * fees of the integrations that are on, so switching adds or takes away
 * the fee, and switching to the state it already has changes nothing.
 *
 * Returns: %TRUE with @new_monthly_price set; %FALSE with
 *   %SEATS_RULE_ERROR_OVERFLOW when a figure is negative or the sum does
 *   not fit
 */
gboolean
seats_rules_monthly_price_after_switch (gint64     monthly_price,
                                        gint64     monthly_fee,
                                        gboolean   was_enabled,
                                        gboolean   enabled,
                                        gint64    *new_monthly_price,
                                        GError   **error)
{
  gint64 result = monthly_price;

  g_return_val_if_fail (new_monthly_price != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (monthly_price < 0 || monthly_fee < 0 ||
      (enabled && !was_enabled && monthly_fee > G_MAXINT64 - monthly_price))
    {
      g_set_error_literal (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_OVERFLOW,
                           _("The amount is too large to compute. "
                             "Check the number of licenses and the price."));
      return FALSE;
    }

  if (enabled && !was_enabled)
    result = monthly_price + monthly_fee;
  else if (!enabled && was_enabled)
    result = MAX (monthly_price - monthly_fee, 0);

  *new_monthly_price = result;

  return TRUE;
}

/**
 * seats_rules_check_next_period:
 * @policy: the subscription's policy
 * @requested: the license count asked for the next billing period
 * @counted: the users who count (R1)
 * @over: (out) (optional): how many counted users the count leaves without
 *   a license; only ever non-zero under `grace`
 * @error: return location for a #GError
 *
 * R3 and R5: whether the next period's count may be set to @requested. The
 * current period keeps what was bought; only the next one is lowered.
 *
 * 0 cancels the subscription, which only the vendor's support does. Below
 * the policy's minimum is refused. Then the seat floor decides:
 * `at_least_active` refuses fewer licenses than @counted, `equal_active`
 * refuses any other count than @counted, and `grace` allows it, with @over
 * telling how many users will get a deadline when the period starts (see
 * seats_rules_grace_users()).
 *
 * Returns: %TRUE if the count may be saved; %FALSE with
 *   %SEATS_RULE_ERROR_CANCELS_SUBSCRIPTION, %SEATS_RULE_ERROR_BELOW_MINIMUM,
 *   %SEATS_RULE_ERROR_BELOW_COUNTED_USERS or
 *   %SEATS_RULE_ERROR_MUST_EQUAL_COUNTED_USERS
 */
gboolean
seats_rules_check_next_period (const SeatsRulePolicy  *policy,
                               guint                   requested,
                               guint                   counted,
                               guint                  *over,
                               GError                **error)
{
  SeatsRuleFigures figures = { 0, };
  guint min_seats;

  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (over != NULL)
    *over = 0;

  if (requested == 0)
    {
      set_refusal (error, SEATS_RULE_ERROR_CANCELS_SUBSCRIPTION, NULL);
      return FALSE;
    }

  /* A minimum of 0 would make 0 look allowed; 0 is cancelling, above. */
  min_seats = MAX (policy->min_seats, 1);
  figures.seat_floor = policy->seat_floor;
  figures.requested = requested;
  figures.counted = counted;
  figures.minimum = min_seats;

  if (requested < min_seats)
    {
      set_refusal (error, SEATS_RULE_ERROR_BELOW_MINIMUM, &figures);
      return FALSE;
    }

  switch (policy->seat_floor)
    {
    case SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE:
      if (requested < counted)
        {
          set_refusal (error, SEATS_RULE_ERROR_BELOW_COUNTED_USERS, &figures);
          return FALSE;
        }
      return TRUE;

    case SEATS_SEAT_FLOOR_EQUAL_ACTIVE:
      /* Too few or too many: the message says which, and the way out. */
      if (requested != counted)
        {
          set_refusal (error, SEATS_RULE_ERROR_MUST_EQUAL_COUNTED_USERS, &figures);
          return FALSE;
        }
      return TRUE;

    case SEATS_SEAT_FLOOR_GRACE:
      if (over != NULL && counted > requested)
        *over = counted - requested;
      return TRUE;

    case SEATS_SEAT_FLOOR_NONE:
      return TRUE;

    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * seats_rules_apply_purchase:
 * @purchased: the licenses bought for the current period
 * @next_count: the count set for the next period
 * @added: the licenses bought now, at least 1
 * @new_purchased: (out) (optional): the current period's count after buying
 * @new_next_count: (out) (optional): the next period's count after buying
 * @error: return location for a #GError
 *
 * R2 and R4: the counts after buying @added licenses now. The current
 * period grows by @added at once. The next period is invoiced for the full
 * purchased count: when it had been lowered below @purchased, the lowering
 * is undone and it becomes the new purchased total (the administrator lowers
 * it again if still wanted); when it had been raised above, it stays, unless
 * the purchase overtakes it. Both cases come to
 * MAX (@next_count, @purchased + @added).
 *
 * Returns: %TRUE on success; %FALSE with %SEATS_RULE_ERROR_NOTHING_TO_BUY
 *   when @added is 0 or %SEATS_RULE_ERROR_OVERFLOW when the total does not
 *   fit in a #guint
 */
gboolean
seats_rules_apply_purchase (guint     purchased,
                            guint     next_count,
                            guint     added,
                            guint    *new_purchased,
                            guint    *new_next_count,
                            GError  **error)
{
  guint total;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (added == 0)
    {
      set_refusal (error, SEATS_RULE_ERROR_NOTHING_TO_BUY, NULL);
      return FALSE;
    }

  if (!g_uint_checked_add (&total, purchased, added))
    {
      set_refusal (error, SEATS_RULE_ERROR_OVERFLOW, NULL);
      return FALSE;
    }

  if (new_purchased != NULL)
    *new_purchased = total;

  if (new_next_count != NULL)
    {
      if (next_count < purchased)
        *new_next_count = total;
      else
        *new_next_count = MAX (next_count, total);
    }

  return TRUE;
}

/**
 * seats_rules_price_line_counts:
 * @line: a line of the monthly price
 *
 * Whether @line adds to the monthly price: licenses always (none bought
 * add nothing), an integration only when it is on.
 *
 * Returns: %TRUE when it is part of the sum
 */
gboolean
seats_rules_price_line_counts (const SeatsRulePriceLine *line)
{
  g_return_val_if_fail (line != NULL, FALSE);

  if (line->kind == SEATS_PRODUCT_KIND_INTEGRATION)
    return line->enabled;
  return line->purchased > 0;
}

/**
 * seats_rules_monthly_price:
 * @lines: (array length=n_lines): what the subscription has
 * @n_lines: how many lines
 * @monthly_price: (out): the sum
 * @error: %SEATS_RULE_ERROR_OVERFLOW when it does not fit
 *
 * What a subscription costs a month: the licenses bought of each kind
 * times the price of one, plus the fee of each integration that is on.
 * The server invoices it every period; the Billing page shows it as this
 * sum, so that the two agree.
 *
 * Returns: %TRUE with @monthly_price set
 */
gboolean
seats_rules_monthly_price (const SeatsRulePriceLine  *lines,
                           guint                      n_lines,
                           gint64                    *monthly_price,
                           GError                   **error)
{
  gint64 sum = 0;

  g_return_val_if_fail (lines != NULL || n_lines == 0, FALSE);
  g_return_val_if_fail (monthly_price != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < n_lines; i++)
    {
      const SeatsRulePriceLine *line = &lines[i];
      gint64 amount;

      if (!seats_rules_price_line_counts (line))
        continue;

      if (line->kind == SEATS_PRODUCT_KIND_INTEGRATION)
        amount = line->price;
      else if (__builtin_mul_overflow ((gint64) line->purchased, line->price, &amount))
        {
          set_refusal (error, SEATS_RULE_ERROR_OVERFLOW, NULL);
          return FALSE;
        }

      if (__builtin_add_overflow (sum, amount, &sum))
        {
          set_refusal (error, SEATS_RULE_ERROR_OVERFLOW, NULL);
          return FALSE;
        }
    }

  *monthly_price = sum;
  return TRUE;
}

/**
 * seats_rules_describe_policy:
 * @policy: the policy
 *
 * R5 in words: how the licenses bought relate to the users who count.
 *
 * Returns: (transfer full): a sentence for the person
 */
char *
seats_rules_describe_policy (const SeatsRulePolicy *policy)
{
  g_return_val_if_fail (policy != NULL, NULL);

  switch (policy->seat_floor)
    {
    case SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE:
      return g_strdup (_("Licenses may not go below the users who count"));
    case SEATS_SEAT_FLOOR_EQUAL_ACTIVE:
      return g_strdup (_("Licenses must equal the users who count"));
    case SEATS_SEAT_FLOOR_GRACE:
      return g_strdup_printf (ngettext ("Users beyond the licenses are deactivated after %u day",
                                        "Users beyond the licenses are deactivated after %u days",
                                        policy->grace_days),
                              policy->grace_days);
    case SEATS_SEAT_FLOOR_NONE:
      return g_strdup (_("The vendor sets no rule for the licenses and the users who count"));
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * seats_rules_advise_now:
 * @policy: the policy
 * @purchased: the licenses of the current period
 * @counted: the users who count (R1)
 * @action: (out) (optional): what resolves it
 *
 * Where the current period's licenses and the users who count disagree in
 * a way @policy cares about: fewer licenses than users under
 * `at_least_active` and `equal_active`, and more licenses than users under
 * `equal_active`. Under `grace` fewer licenses is allowed, and the users
 * over the count have their deadlines (R5, R6).
 *
 * Returns: (transfer full) (nullable): what is wrong and what to do, or
 *   %NULL when the counts agree with the policy
 */
char *
seats_rules_advise_now (const SeatsRulePolicy *policy,
                        guint                  purchased,
                        guint                  counted,
                        SeatsSeatAction       *action)
{
  g_return_val_if_fail (policy != NULL, NULL);

  if (action != NULL)
    *action = SEATS_SEAT_ACTION_NONE;

  if (policy->seat_floor == SEATS_SEAT_FLOOR_GRACE || policy->seat_floor == SEATS_SEAT_FLOOR_NONE)
    return NULL;

  if (purchased < counted)
    {
      guint missing = counted - purchased;

      if (action != NULL)
        *action = SEATS_SEAT_ACTION_BUY;
      return g_strdup_printf (ngettext ("More users count than licenses were bought: buy %u more "
                                        "license, or deactivate %u user.",
                                        "More users count than licenses were bought: buy %u more "
                                        "licenses, or deactivate %u users.",
                                        missing),
                              missing, missing);
    }

  if (policy->seat_floor == SEATS_SEAT_FLOOR_EQUAL_ACTIVE && purchased > counted)
    {
      guint spare = purchased - counted;

      if (action != NULL)
        *action = SEATS_SEAT_ACTION_ACTIVATE;
      return g_strdup_printf (ngettext ("%u license is bought that no user holds, and licenses must "
                                        "equal the users who count: activate %u user.",
                                        "%u licenses are bought that no user holds, and licenses must "
                                        "equal the users who count: activate %u users.",
                                        spare),
                              spare, spare);
    }

  return NULL;
}

/**
 * seats_rules_advise_next:
 * @policy: the policy
 * @next_count: the licenses of the next period
 * @counted: the users who count (R1)
 * @action: (out) (optional): what resolves it
 *
 * Where the next period's licenses and the users who count disagree in a
 * way @policy cares about: fewer licenses than users under every policy
 * (refused, or users deactivated after their grace days, when the period
 * turns), and more under `equal_active`.
 *
 * Returns: (transfer full) (nullable): what is wrong and what to do, or
 *   %NULL when the counts agree with the policy
 */
char *
seats_rules_advise_next (const SeatsRulePolicy *policy,
                         guint                  next_count,
                         guint                  counted,
                         SeatsSeatAction       *action)
{
  g_return_val_if_fail (policy != NULL, NULL);

  if (action != NULL)
    *action = SEATS_SEAT_ACTION_NONE;

  if (policy->seat_floor == SEATS_SEAT_FLOOR_NONE)
    return NULL;

  if (next_count < counted)
    {
      guint missing = counted - next_count;

      if (action != NULL)
        *action = SEATS_SEAT_ACTION_CHANGE_NEXT_PERIOD;
      if (policy->seat_floor == SEATS_SEAT_FLOOR_GRACE)
        return g_strdup_printf (ngettext ("The next period has %u license less than the users who "
                                          "count: raise it to %u, or %u user gets a grace deadline "
                                          "when it starts.",
                                          "The next period has %u licenses less than the users who "
                                          "count: raise it to %u, or %u users get a grace deadline "
                                          "when it starts.",
                                          missing),
                                missing, counted, missing);
      return g_strdup_printf (ngettext ("The next period has %u license less than the users who "
                                        "count: raise it to %u, or deactivate %u user before it starts.",
                                        "The next period has %u licenses less than the users who "
                                        "count: raise it to %u, or deactivate %u users before it starts.",
                                        missing),
                              missing, counted, missing);
    }

  if (policy->seat_floor == SEATS_SEAT_FLOOR_EQUAL_ACTIVE && next_count > counted)
    {
      guint spare = next_count - counted;

      /* Below the minimum, lowering is no way out: only activating is. */
      if (counted < MAX (policy->min_seats, 1))
        {
          if (action != NULL)
            *action = SEATS_SEAT_ACTION_ACTIVATE;
          return g_strdup_printf (ngettext ("The next period has %u license more than the users who "
                                            "count, and they must be equal: activate %u user.",
                                            "The next period has %u licenses more than the users who "
                                            "count, and they must be equal: activate %u users.",
                                            spare),
                                  spare, spare);
        }

      if (action != NULL)
        *action = SEATS_SEAT_ACTION_CHANGE_NEXT_PERIOD;
      return g_strdup_printf (ngettext ("The next period has %u license more than the users who "
                                        "count, and they must be equal: lower it to %u, or activate "
                                        "%u user.",
                                        "The next period has %u licenses more than the users who "
                                        "count, and they must be equal: lower it to %u, or activate "
                                        "%u users.",
                                        spare),
                              spare, counted, spare);
    }

  return NULL;
}

/**
 * seats_rules_grace_deadline:
 * @from: the day the over-allocation began: a period start (R5) or the day
 *   a user was activated without a free license (R6)
 * @grace_days: the policy's grace days
 * @deadline: (out caller-allocates): the deadline
 *
 * The deadline is @grace_days days after @from. Like an end date it is the
 * last day the user still holds a license; the user is deactivated on the
 * day after it (see seats_rules_deadline_passed()), so a deadline can be
 * stored as the user's end date and R1 does the rest.
 */
void
seats_rules_grace_deadline (const GDate *from,
                            guint        grace_days,
                            GDate       *deadline)
{
  guint32 julian;
  guint32 last;

  g_return_if_fail (is_valid_date (from));
  g_return_if_fail (deadline != NULL);

  /* Clamped rather than wrapped: no real policy gets near the year 65535. */
  julian = g_date_get_julian (from);
  last = last_julian_day ();
  g_date_clear (deadline, 1);
  g_date_set_julian (deadline, grace_days > last - julian ? last : julian + grace_days);
}

/**
 * seats_rules_deadline_passed:
 * @deadline: a grace deadline
 * @today: the day to decide for
 *
 * Whether the deadline has passed on @today, so that the user is
 * deactivated. The deadline is the last day of grace: on the deadline
 * itself it has not passed yet; on the day after it has.
 *
 * Returns: %TRUE if @today is after @deadline
 */
gboolean
seats_rules_deadline_passed (const GDate *deadline,
                             const GDate *today)
{
  g_return_val_if_fail (is_valid_date (deadline), FALSE);
  g_return_val_if_fail (is_valid_date (today), FALSE);

  return g_date_compare (today, deadline) > 0;
}

/**
 * seats_rules_deactivation_day:
 * @deadline: a grace deadline
 * @day: (out caller-allocates): the day the user is deactivated
 *
 * The deadline is the last day of grace, so the user loses the license on
 * the day after it: the day every message about it names, and the day the
 * server deactivates the user (seats_rules_deadline_passed() is %TRUE from
 * then on).
 */
void
seats_rules_deactivation_day (const GDate *deadline,
                              GDate       *day)
{
  g_return_if_fail (is_valid_date (deadline));
  g_return_if_fail (day != NULL);

  *day = *deadline;
  if (g_date_get_julian (day) < last_julian_day ())
    g_date_add_days (day, 1);
}

static int
compare_most_recent_first (gconstpointer a,
                           gconstpointer b,
                           gpointer      user_data)
{
  const SeatsRuleUser *users = user_data;
  guint ia = *(const guint *) a;
  guint ib = *(const guint *) b;
  int cmp;

  if (users[ia].created != users[ib].created)
    return users[ia].created > users[ib].created ? -1 : 1;

  /* Users created in the same second are ordered by id, the later id first,
   * so that the server and every client pick the same users. */
  cmp = g_strcmp0 (users[ia].id, users[ib].id);
  if (cmp != 0)
    return -cmp;

  return ia > ib ? -1 : (ia < ib ? 1 : 0);
}

/**
 * seats_rules_grace_users:
 * @users: (array length=n_users) (nullable): the subscription's users
 * @n_users: the number of @users
 * @seats: the license count the period starts with
 * @period_start: the first day of the period
 * @grace_days: the policy's grace days
 * @deadline: (out caller-allocates) (optional): the deadline of the excess
 *   users, cleared (invalid) when there are none
 *
 * R5 under the `grace` floor: when a period starts with fewer licenses than
 * users who count, the most recently created of those users are the excess.
 * They keep their license until the deadline, @grace_days after
 * @period_start (see seats_rules_grace_deadline()), and are deactivated
 * after it unless licenses are bought or users deactivated first. Users who
 * do not count are never chosen.
 *
 * Returns: (transfer full) (element-type guint): the indices into @users of
 *   the excess users, most recently created first; empty when every
 *   counted user has a license
 */
GArray *
seats_rules_grace_users (const SeatsRuleUser *users,
                         guint                n_users,
                         guint                seats,
                         const GDate         *period_start,
                         guint                grace_days,
                         GDate               *deadline)
{
  g_autoptr(GArray) counted = NULL;

  g_return_val_if_fail (users != NULL || n_users == 0, NULL);
  g_return_val_if_fail (is_valid_date (period_start), NULL);

  counted = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < n_users; i++)
    if (users[i].counts)
      g_array_append_val (counted, i);

  if (counted->len <= seats)
    {
      if (deadline != NULL)
        g_date_clear (deadline, 1);
      g_array_set_size (counted, 0);
      return g_steal_pointer (&counted);
    }

  if (deadline != NULL)
    seats_rules_grace_deadline (period_start, grace_days, deadline);

  /* The cast drops const only for GLib's signature: the sort reads users. */
  g_array_sort_with_data (counted, compare_most_recent_first, (gpointer) users);
  g_array_set_size (counted, counted->len - seats);

  return g_steal_pointer (&counted);
}

/**
 * seats_rules_check_activation:
 * @policy: the subscription's policy
 * @seats: the licenses of the current period
 * @counted: the users who count (R1) now, not including the user to activate
 * @today: the day of the activation
 * @over_allocated: (out) (optional): whether the user is activated without a
 *   free license, to be shown in red with a deadline
 * @deadline: (out caller-allocates) (optional): the deadline when
 *   over-allocated, cleared (invalid) otherwise
 * @error: return location for a #GError
 *
 * R6: whether a user may be activated. With a free license, always. Without
 * one, `at_least_active` refuses (buy licenses first), `equal_active`
 * refuses (raise the count first), and `grace` allows it with a deadline
 * @policy's grace days after @today.
 *
 * Returns: %TRUE if the user may be activated, %FALSE with
 *   %SEATS_RULE_ERROR_NO_FREE_SEAT otherwise
 */
gboolean
seats_rules_check_activation (const SeatsRulePolicy  *policy,
                              guint                   seats,
                              guint                   counted,
                              const GDate            *today,
                              gboolean               *over_allocated,
                              GDate                  *deadline,
                              GError                **error)
{
  SeatsRuleFigures figures = { 0, };

  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (is_valid_date (today), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  figures.seat_floor = policy->seat_floor;
  figures.requested = seats;
  figures.counted = counted;
  figures.minimum = policy->min_seats;

  if (over_allocated != NULL)
    *over_allocated = FALSE;
  if (deadline != NULL)
    g_date_clear (deadline, 1);

  if (counted < seats)
    return TRUE;

  switch (policy->seat_floor)
    {
    case SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE:
    case SEATS_SEAT_FLOOR_EQUAL_ACTIVE:
      set_refusal (error, SEATS_RULE_ERROR_NO_FREE_SEAT, &figures);
      return FALSE;

    case SEATS_SEAT_FLOOR_GRACE:
      if (over_allocated != NULL)
        *over_allocated = TRUE;
      if (deadline != NULL)
        seats_rules_grace_deadline (today, policy->grace_days, deadline);
      return TRUE;

    case SEATS_SEAT_FLOOR_NONE:
      return TRUE;

    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * seats_rules_check_module_assignment:
 * @module_name: the module's name, shown in the message
 * @purchased: the module's licenses of the current period
 * @in_use: how many of them are assigned now, not counting the user
 * @error: return location for a #GError
 *
 * R7: whether an add-on module can be assigned to one more user. A module is
 * assigned only while one of its licenses is free, whatever the seat policy:
 * there is no grace for modules.
 *
 * Returns: %TRUE if a license is free, %FALSE with
 *   %SEATS_RULE_ERROR_NO_FREE_SEAT otherwise
 */
gboolean
seats_rules_check_module_assignment (const char  *module_name,
                                     guint        purchased,
                                     guint        in_use,
                                     GError     **error)
{
  return seats_rules_check_module_assignments (module_name, purchased, in_use, 1, error);
}

/**
 * seats_rules_check_module_assignments:
 * @module_name: the module's name, shown in the message
 * @purchased: the module's licenses of the current period
 * @in_use: how many of them are assigned now, not counting the users
 * @added: how many users are to be given the module at once
 * @error: return location for a #GError
 *
 * R7 for a selection of users: all of them get the module, or none, so
 * there must be a free license for each.
 *
 * Returns: %TRUE if @added licenses are free, %FALSE with
 *   %SEATS_RULE_ERROR_NO_FREE_SEAT otherwise
 */
gboolean
seats_rules_check_module_assignments (const char  *module_name,
                                      guint        purchased,
                                      guint        in_use,
                                      guint        added,
                                      GError     **error)
{
  g_return_val_if_fail (module_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (added == 0 || (in_use < purchased && purchased - in_use >= added))
    return TRUE;

  set_refusal (error, SEATS_RULE_ERROR_NO_FREE_SEAT,
               &(SeatsRuleFigures) {
                 .requested = purchased,
                 .counted = in_use,
                 .name = (char *) module_name,
                 .added = added,
               });
  return FALSE;
}

/**
 * seats_rules_check_module_next_period:
 * @module_name: the module's name, shown in the message
 * @requested: the module's licenses wanted for the next period
 * @holders: how many users hold the module now
 * @error: return location for a #GError
 *
 * R7 with R3: the next period's count of an add-on module. A module is
 * added and removed by its count, so 0 removes it — which is not cancelling
 * the subscription, as 0 user licenses would be — but the count may not go
 * below the users who hold the module: they are to be unassigned first.
 *
 * Returns: %TRUE if @requested is allowed, %FALSE with
 *   %SEATS_RULE_ERROR_BELOW_COUNTED_USERS otherwise
 */
gboolean
seats_rules_check_module_next_period (const char  *module_name,
                                      guint        requested,
                                      guint        holders,
                                      GError     **error)
{
  g_return_val_if_fail (module_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (requested >= holders)
    return TRUE;

  set_refusal (error, SEATS_RULE_ERROR_BELOW_COUNTED_USERS,
               &(SeatsRuleFigures) {
                 .requested = requested,
                 .counted = holders,
                 .name = (char *) module_name,
               });
  return FALSE;
}

/**
 * seats_rules_license_surplus:
 * @new_count: a product's count in the pending license
 * @in_use: how many licenses of the product are assigned
 *
 * R8: how many licenses of a product must be removed (unassigned) before
 * the pending license can be activated.
 *
 * Returns: @in_use − @new_count when positive, else 0
 */
guint
seats_rules_license_surplus (guint new_count,
                             guint in_use)
{
  return in_use > new_count ? in_use - new_count : 0;
}

/**
 * seats_rules_license_changed:
 * @line: a product of a pending license
 *
 * R8: whether the pending license changes the product's count, so that the
 * activation dialog lists it. Products it does not change are left out.
 *
 * Returns: %TRUE if the new count differs from the current one
 */
gboolean
seats_rules_license_changed (const SeatsRuleLicenseLine *line)
{
  g_return_val_if_fail (line != NULL, FALSE);

  return line->new_count != line->current_count;
}

/**
 * seats_rules_check_pending_license:
 * @lines: (array length=n_lines) (nullable): the products of the pending license
 * @n_lines: the number of @lines
 * @error: return location for a #GError
 *
 * R8: whether the pending license can be activated: no product may have
 * more licenses in use than its new count, whether or not it changed.
 *
 * Returns: %TRUE if it can be activated; %FALSE with
 *   %SEATS_RULE_ERROR_LICENSE_BELOW_IN_USE otherwise
 */
gboolean
seats_rules_check_pending_license (const SeatsRuleLicenseLine  *lines,
                                   guint                        n_lines,
                                   GError                     **error)
{
  const SeatsRuleLicenseLine *blocking = NULL;
  guint n_blocking = 0;

  g_return_val_if_fail (lines != NULL || n_lines == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < n_lines; i++)
    {
      if (seats_rules_license_surplus (lines[i].new_count, lines[i].in_use) > 0)
        {
          if (blocking == NULL)
            blocking = &lines[i];
          n_blocking++;
        }
    }

  if (n_blocking == 0)
    return TRUE;

  /* One product is named with its surplus; several are counted. */
  set_refusal (error, SEATS_RULE_ERROR_LICENSE_BELOW_IN_USE,
               &(SeatsRuleFigures) {
                 .products = n_blocking,
                 .surplus = seats_rules_license_surplus (blocking->new_count, blocking->in_use),
                 .name = n_blocking == 1 && !is_blank (blocking->name) ? (char *) blocking->name : NULL,
               });
  return FALSE;
}

/**
 * seats_rules_pending_license_activates_automatically:
 * @policy: the subscription's policy
 * @lines: (array length=n_lines) (nullable): the products of the pending license
 * @n_lines: the number of @lines
 *
 * R8: whether the pending license is activated without asking: only when
 * the policy says so and it can be activated at all.
 *
 * Returns: %TRUE if the license activates by itself
 */
gboolean
seats_rules_pending_license_activates_automatically (const SeatsRulePolicy      *policy,
                                                     const SeatsRuleLicenseLine *lines,
                                                     guint                       n_lines)
{
  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (lines != NULL || n_lines == 0, FALSE);

  if (policy->activation != SEATS_ACTIVATION_AUTOMATIC)
    return FALSE;

  return seats_rules_check_pending_license (lines, n_lines, NULL);
}

/* RFC 5322 atext, the characters of an unquoted local part besides dots.
 * Bytes from 0x80 up are UTF-8 of an internationalized address (RFC 6531). */
static gboolean
is_local_part_char (guchar c)
{
  return g_ascii_isalnum (c) || c >= 0x80 || strchr ("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

static gboolean
is_valid_domain (const char *domain,
                 gsize       length)
{
  gsize label_start = 0;
  gboolean has_dot = FALSE;

  if (length == 0 || length > EMAIL_DOMAIN_MAX_LENGTH)
    return FALSE;

  for (gsize i = 0; i <= length; i++)
    {
      guchar c = i < length ? (guchar) domain[i] : '.';

      if (c == '.')
        {
          gsize label_length = i - label_start;

          if (label_length == 0 || label_length > DNS_LABEL_MAX_LENGTH)
            return FALSE;
          if (domain[label_start] == '-' || domain[i - 1] == '-')
            return FALSE;
          if (i < length)
            has_dot = TRUE;
          label_start = i + 1;
        }
      else if (!g_ascii_isalnum (c) && c != '-' && c < 0x80)
        {
          return FALSE;
        }
    }

  return has_dot;
}

/**
 * seats_rules_check_email:
 * @email: (nullable): an e-mail address as typed
 * @error: return location for a #GError
 *
 * R13: a sane syntax check of an e-mail address, not a full RFC 5322
 * parser: exactly one "@", a local part of 1 to 64 octets of unquoted
 * characters with no leading, trailing or doubled dot, a domain of up to 255
 * octets with at least one dot and labels of 1 to 63 letters, digits and
 * inner hyphens, no spaces, at most 254 octets in all (RFC 5321). UTF-8 is
 * allowed for internationalized addresses. Whether anyone reads the mailbox
 * only sending can tell.
 *
 * Returns: %TRUE if @email looks usable; %FALSE with
 *   %SEATS_RULE_ERROR_INVALID_EMAIL otherwise
 */
gboolean
seats_rules_check_email (const char  *email,
                         GError     **error)
{
  const char *at;
  gsize length;
  gsize local_length;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (email == NULL)
    goto invalid;

  length = strlen (email);
  if (length == 0 || length > EMAIL_MAX_LENGTH || !g_utf8_validate (email, length, NULL))
    goto invalid;

  at = strchr (email, '@');
  if (at == NULL || strchr (at + 1, '@') != NULL)
    goto invalid;

  local_length = (gsize) (at - email);
  if (local_length == 0 || local_length > EMAIL_LOCAL_MAX_LENGTH)
    goto invalid;
  if (email[0] == '.' || email[local_length - 1] == '.')
    goto invalid;

  for (gsize i = 0; i < local_length; i++)
    {
      guchar c = (guchar) email[i];

      if (c == '.')
        {
          if (email[i + 1] == '.')
            goto invalid;
        }
      else if (!is_local_part_char (c))
        {
          goto invalid;
        }
    }

  if (!is_valid_domain (at + 1, length - local_length - 1))
    goto invalid;

  return TRUE;

invalid:
  set_refusal (error, SEATS_RULE_ERROR_INVALID_EMAIL, NULL);
  return FALSE;
}

static gboolean
has_only_chars (const char *str,
                const char *extra_chars)
{
  for (; *str != '\0'; str++)
    if (!g_ascii_isalnum (*str) && strchr (extra_chars, *str) == NULL)
      return FALSE;

  return TRUE;
}

static gboolean
check_required (const char         *value,
                const char         *message,
                GError            **error)
{
  if (!is_blank (value))
    return TRUE;

  g_set_error_literal (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_POSTAL_ADDRESS_REQUIRED,
                       message);
  return FALSE;
}

/**
 * seats_rules_check_billing_field:
 * @details: the billing details as typed
 * @field: the field to check
 * @error: return location for a #GError
 *
 * R13: checks one field of the billing details, so that a form can show
 * each field's message under it. The contact is a user or a typed e-mail
 * address, not both. The postal address is required even with e-invoicing.
 * The e-invoice address and the provider's code are required only while
 * e-invoicing is on, and then must be plausible: letters, digits and
 * `. : _ - + @` in at most 70 characters for the address; letters, digits
 * and `. : _ -` in 2 to 35 characters for the code.
 *
 * Returns: %TRUE if the field is fine, %FALSE with the #SeatsRuleError
 *   that says why not
 */
gboolean
seats_rules_check_billing_field (const SeatsRuleBillingDetails  *details,
                                 SeatsBillingField               field,
                                 GError                        **error)
{
  g_return_val_if_fail (details != NULL, FALSE);
  g_return_val_if_fail (field <= SEATS_BILLING_FIELD_LAST, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (field)
    {
    case SEATS_BILLING_FIELD_NONE:
      return TRUE;

    case SEATS_BILLING_FIELD_CONTACT:
      {
        gboolean has_user = !is_blank (details->contact_user_id);
        gboolean has_email = !is_blank (details->contact_email);

        if (has_user && has_email)
          {
            set_refusal (error, SEATS_RULE_ERROR_CONTACT_AMBIGUOUS, NULL);
            return FALSE;
          }
        if (!has_user && !has_email)
          {
            set_refusal (error, SEATS_RULE_ERROR_CONTACT_REQUIRED, NULL);
            return FALSE;
          }
        if (has_email)
          return seats_rules_check_email (details->contact_email, error);
        return TRUE;
      }

    case SEATS_BILLING_FIELD_STREET:
      return check_required (details->street,
                             _("Enter the street and number of the billing address. A postal "
                               "address is required, also when invoices are sent as "
                               "e-invoices."),
                             error);

    case SEATS_BILLING_FIELD_POSTAL_CODE:
      return check_required (details->postal_code,
                             _("Enter the postal code of the billing address. A postal "
                               "address is required, also when invoices are sent as "
                               "e-invoices."),
                             error);

    case SEATS_BILLING_FIELD_CITY:
      return check_required (details->city,
                             _("Enter the city of the billing address. A postal address is "
                               "required, also when invoices are sent as e-invoices."),
                             error);

    case SEATS_BILLING_FIELD_COUNTRY:
      return check_required (details->country,
                             _("Enter the country of the billing address. A postal address "
                               "is required, also when invoices are sent as e-invoices."),
                             error);

    case SEATS_BILLING_FIELD_EINVOICE_ADDRESS:
      if (!details->einvoice_enabled)
        return TRUE;
      if (is_blank (details->einvoice_address))
        {
          set_refusal (error, SEATS_RULE_ERROR_EINVOICE_ADDRESS_REQUIRED, NULL);
          return FALSE;
        }
      if (strlen (details->einvoice_address) > EINVOICE_ADDRESS_MAX_LENGTH ||
          !has_only_chars (details->einvoice_address, EINVOICE_ADDRESS_EXTRA_CHARS))
        {
          set_refusal (error, SEATS_RULE_ERROR_INVALID_EINVOICE_ADDRESS, NULL);
          return FALSE;
        }
      return TRUE;

    case SEATS_BILLING_FIELD_EINVOICE_OPERATOR:
      if (!details->einvoice_enabled)
        return TRUE;
      if (is_blank (details->einvoice_operator))
        {
          set_refusal (error, SEATS_RULE_ERROR_EINVOICE_OPERATOR_REQUIRED, NULL);
          return FALSE;
        }
      {
        gsize length = strlen (details->einvoice_operator);

        if (length < EINVOICE_OPERATOR_MIN_LENGTH || length > EINVOICE_OPERATOR_MAX_LENGTH ||
            !has_only_chars (details->einvoice_operator, EINVOICE_OPERATOR_EXTRA_CHARS))
          {
            set_refusal (error, SEATS_RULE_ERROR_INVALID_EINVOICE_OPERATOR, NULL);
            return FALSE;
          }
      }
      return TRUE;

    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * seats_rules_check_billing_details:
 * @details: the billing details as typed
 * @field: (out) (optional): the first field in error, in the order of the
 *   form, or %SEATS_BILLING_FIELD_NONE
 * @error: return location for a #GError
 *
 * R13: checks every field with seats_rules_check_billing_field() and stops
 * at the first one in error, as the server does before saving.
 *
 * Returns: %TRUE if every field is fine
 */
gboolean
seats_rules_check_billing_details (const SeatsRuleBillingDetails  *details,
                                   SeatsBillingField              *field,
                                   GError                        **error)
{
  g_return_val_if_fail (details != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (field != NULL)
    *field = SEATS_BILLING_FIELD_NONE;

  for (guint f = SEATS_BILLING_FIELD_NONE + 1; f <= SEATS_BILLING_FIELD_LAST; f++)
    {
      if (!seats_rules_check_billing_field (details, (SeatsBillingField) f, error))
        {
          if (field != NULL)
            *field = (SeatsBillingField) f;
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * seats_rules_trial_days_left:
 * @trial_end: the last day of the trial
 * @today: the day to count from
 *
 * R18: the days left of a trial, today included: 1 on its last day, 0 once
 * it is over.
 *
 * Returns: the number of days the trial still runs
 */
guint
seats_rules_trial_days_left (const GDate *trial_end,
                             const GDate *today)
{
  g_return_val_if_fail (is_valid_date (trial_end), 0);
  g_return_val_if_fail (is_valid_date (today), 0);

  if (g_date_compare (today, trial_end) > 0)
    return 0;

  return (guint) g_date_days_between (today, trial_end) + 1;
}

#define SERIAL_NUMBER_GROUPS      4
#define SERIAL_NUMBER_GROUP_CHARS 4
#define SERIAL_NUMBER_LENGTH      (SERIAL_NUMBER_GROUPS * (SERIAL_NUMBER_GROUP_CHARS + 1) - 1)

static gboolean
is_serial_number (const char *serial_number)
{
  if (serial_number == NULL || strlen (serial_number) != SERIAL_NUMBER_LENGTH)
    return FALSE;

  for (guint i = 0; i < SERIAL_NUMBER_LENGTH; i++)
    {
      if (i % (SERIAL_NUMBER_GROUP_CHARS + 1) == SERIAL_NUMBER_GROUP_CHARS)
        {
          if (serial_number[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isdigit (serial_number[i]) && !g_ascii_isupper (serial_number[i]))
        {
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * seats_rules_check_trial_conversion:
 * @serial_number: (nullable): the serial number the vendor sent
 * @license_owner: (nullable): the license owner the vendor sent
 * @error: return location for a #GError
 *
 * R18: whether a trial can become a paid subscription with these. The
 * serial number is four groups of four capitals or digits separated by
 * hyphens, as in `AB12-CD34-EF56-GH78`: lower case is refused, not folded,
 * so that what is stored is what the vendor sent. The license owner is
 * anything but blank.
 *
 * Returns: %TRUE if both are acceptable, %FALSE with
 *   %SEATS_RULE_ERROR_INVALID_SERIAL_NUMBER or
 *   %SEATS_RULE_ERROR_LICENSE_OWNER_REQUIRED otherwise
 */
gboolean
seats_rules_check_trial_conversion (const char  *serial_number,
                                    const char  *license_owner,
                                    GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!is_serial_number (serial_number))
    {
      set_refusal (error, SEATS_RULE_ERROR_INVALID_SERIAL_NUMBER, NULL);
      return FALSE;
    }

  if (is_blank (license_owner))
    {
      set_refusal (error, SEATS_RULE_ERROR_LICENSE_OWNER_REQUIRED, NULL);
      return FALSE;
    }

  return TRUE;
}

/**
 * seats_rules_csv_cell:
 * @text: (nullable): the text of a cell; %NULL is an empty cell
 *
 * R20: one cell of the active users report. Quoted as RFC 4180 says when it
 * holds a comma, a double quote (doubled inside), CR or LF, and also a
 * semicolon, which spreadsheets in Dutch and Swedish locales read as the
 * separator. A cell that a spreadsheet would run as a formula (starting
 * with = + - @, a tab or CR) gets a leading apostrophe and quotes, so that
 * a name from the upstream system cannot run anything on the auditor's
 * computer.
 *
 * Returns: (transfer full): the cell as it goes into the file
 */
char *
seats_rules_csv_cell (const char *text)
{
  GString *cell;
  gboolean is_formula;

  if (text == NULL || text[0] == '\0')
    return g_strdup ("");

  is_formula = strchr ("=+-@\t\r", text[0]) != NULL;
  if (!is_formula && strpbrk (text, ",;\"\r\n") == NULL)
    return g_strdup (text);

  cell = g_string_sized_new (strlen (text) + 4);
  g_string_append_c (cell, '"');
  if (is_formula)
    g_string_append_c (cell, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (cell, '"');
      g_string_append_c (cell, *p);
    }
  g_string_append_c (cell, '"');

  return g_string_free (cell, FALSE);
}

/**
 * seats_rules_csv_append_row:
 * @csv: the report being written
 * @cells: (array zero-terminated=1): the cells of the row
 *
 * R20: appends one row to @csv: the cells made safe with
 * seats_rules_csv_cell(), separated by commas and ended with CRLF as
 * RFC 4180 says.
 */
void
seats_rules_csv_append_row (GString            *csv,
                            const char * const *cells)
{
  g_return_if_fail (csv != NULL);
  g_return_if_fail (cells != NULL);

  for (guint i = 0; cells[i] != NULL; i++)
    {
      g_autofree char *cell = seats_rules_csv_cell (cells[i]);

      if (i > 0)
        g_string_append_c (csv, ',');
      g_string_append (csv, cell);
    }
  g_string_append (csv, "\r\n");
}
