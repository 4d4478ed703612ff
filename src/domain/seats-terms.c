/* seats-terms.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "seats-account.h"
#include "seats-billing-details.h"
#include "seats-policy.h"
#include "seats-product.h"
#include "seats-rules.h"
#include "seats-subscription.h"
#include "seats-terms.h"

/* The most a price may be, in minor units: a billion a license a month,
 * so that no sum of licenses and months overflows. */
#define MAX_PRICE G_GINT64_CONSTANT (100000000000)
#define MAX_NAME  200

G_DEFINE_BOXED_TYPE (SeatsTerms, seats_terms, seats_terms_copy, seats_terms_free)
G_DEFINE_QUARK (seats-terms-error-quark, seats_terms_error)

/**
 * seats_terms_new:
 *
 * Returns: (transfer full): terms of a monthly subscription in euros, with
 *   nothing bought yet, the count not to go below the users who count
 */
SeatsTerms *
seats_terms_new (void)
{
  SeatsTerms *terms = g_new0 (SeatsTerms, 1);

  terms->currency = g_strdup ("EUR");
  terms->period_months = 1;
  terms->seat_floor = SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE;
  terms->grace_days = SEATS_RULE_DEFAULT_GRACE_DAYS;

  return terms;
}

SeatsTerms *
seats_terms_copy (const SeatsTerms *terms)
{
  SeatsTerms *copy;

  g_return_val_if_fail (terms != NULL, NULL);

  copy = g_memdup2 (terms, sizeof *terms);
  copy->vendor = g_strdup (terms->vendor);
  copy->product = g_strdup (terms->product);
  copy->currency = g_strdup (terms->currency);
  copy->reseller_name = g_strdup (terms->reseller_name);
  copy->reseller_url = g_strdup (terms->reseller_url);
  copy->portal_url = g_strdup (terms->portal_url);

  return copy;
}

void
seats_terms_free (SeatsTerms *terms)
{
  if (terms == NULL)
    return;

  g_free (terms->vendor);
  g_free (terms->product);
  g_free (terms->currency);
  g_free (terms->reseller_name);
  g_free (terms->reseller_url);
  g_free (terms->portal_url);
  g_free (terms);
}

/**
 * seats_terms_equal:
 *
 * Returns: %TRUE if @a and @b are the same terms
 */
gboolean
seats_terms_equal (const SeatsTerms *a,
                   const SeatsTerms *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->vendor, b->vendor) == 0 &&
         g_strcmp0 (a->product, b->product) == 0 &&
         g_strcmp0 (a->currency, b->currency) == 0 &&
         a->purchased == b->purchased &&
         a->next_period == b->next_period &&
         a->price == b->price &&
         a->period_months == b->period_months &&
         a->period_start == b->period_start &&
         a->notice_days == b->notice_days &&
         a->seat_floor == b->seat_floor &&
         (a->seat_floor != SEATS_SEAT_FLOOR_GRACE || a->grace_days == b->grace_days) &&
         g_strcmp0 (a->reseller_name, b->reseller_name) == 0 &&
         g_strcmp0 (a->reseller_url, b->reseller_url) == 0 &&
         g_strcmp0 (a->portal_url, b->portal_url) == 0;
}

/**
 * seats_terms_from_snapshot:
 * @snapshot: an account as it is known
 *
 * Returns: (transfer full) (nullable): the terms the account has, or
 *   %NULL when it has none: a SCIM account whose terms nobody keeps
 */
SeatsTerms *
seats_terms_from_snapshot (const SeatsSnapshot *snapshot)
{
  SeatsProduct *seats;
  SeatsPolicy *policy;
  SeatsTerms *terms;

  g_return_val_if_fail (snapshot != NULL, NULL);

  if (snapshot->account == NULL || snapshot->subscription == NULL ||
      (seats = seats_products_find_user_seats (G_LIST_MODEL (snapshot->products))) == NULL)
    return NULL;

  policy = seats_account_get_policy (snapshot->account);
  terms = g_new0 (SeatsTerms, 1);
  terms->vendor = g_strdup (seats_account_get_name (snapshot->account));
  terms->product = g_strdup (seats_product_get_name (seats));
  terms->currency = g_strdup (seats_subscription_get_currency (snapshot->subscription));
  terms->purchased = seats_product_get_purchased (seats);
  terms->next_period = seats_product_get_next_period (seats);
  terms->price = seats_product_has_price (seats) ? seats_product_get_price (seats) : 0;
  terms->period_months = seats_subscription_get_period_months (snapshot->subscription);
  terms->period_start = seats_subscription_get_period_start_julian (snapshot->subscription);
  terms->notice_days = seats_subscription_get_notice_days (snapshot->subscription);
  terms->seat_floor = seats_policy_get_seat_floor (policy);
  terms->grace_days = seats_policy_get_grace_days (policy);
  terms->reseller_name = g_strdup (seats_policy_get_reseller_name (policy));
  terms->reseller_url = g_strdup (seats_policy_get_reseller_url (policy));
  terms->portal_url = g_strdup (seats_account_get_shop_url (snapshot->account));
  terms->anchor = seats_subscription_get_anchor_julian (snapshot->subscription);

  return terms;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

static gboolean
is_web_address (const char *text)
{
  g_autoptr(GUri) uri = NULL;

  if (text == NULL)
    return FALSE;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  return uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0' &&
         (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ||
          g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0);
}

static gboolean
refuse (SeatsTermsField  which,
        SeatsTermsField *field,
        GError         **error,
        const char      *message)
{
  if (field != NULL)
    *field = which;
  g_set_error_literal (error, SEATS_TERMS_ERROR, SEATS_TERMS_ERROR_INVALID, message);
  return FALSE;
}

/**
 * seats_terms_check:
 * @terms: terms as the administrator entered them
 * @counted: the users who count now (R1)
 * @field: (out) (optional): the field a refusal is about
 * @error: why the terms cannot be kept, for the person
 *
 * Checks terms before they are saved: names and a currency, a price not
 * below 0, a period of 1, 3 or 12 months, a notice shorter than the
 * period, a next-period count the seat rule allows for @counted users
 * (R3, R5), days of grace under a grace rule, and web addresses that are
 * ones.
 *
 * Returns: %TRUE if the terms may be kept
 */
gboolean
seats_terms_check (const SeatsTerms  *terms,
                   guint              counted,
                   SeatsTermsField   *field,
                   GError           **error)
{
  SeatsRulePolicy policy;
  g_autoptr(GError) rule_error = NULL;
  GDate start, end;

  g_return_val_if_fail (terms != NULL, FALSE);

  if (field != NULL)
    *field = SEATS_TERMS_FIELD_NONE;

  if (is_blank (terms->vendor) || g_utf8_strlen (terms->vendor, -1) > MAX_NAME)
    return refuse (SEATS_TERMS_FIELD_VENDOR, field, error,
                   _("Enter the name of the vendor, as its invoices say it."));

  if (is_blank (terms->product) || g_utf8_strlen (terms->product, -1) > MAX_NAME)
    return refuse (SEATS_TERMS_FIELD_PRODUCT, field, error,
                   _("Enter the name of what is sold per user, such as the product’s name."));

  if (terms->currency == NULL || strlen (terms->currency) != 3 ||
      !g_ascii_isupper (terms->currency[0]) || !g_ascii_isupper (terms->currency[1]) ||
      !g_ascii_isupper (terms->currency[2]))
    return refuse (SEATS_TERMS_FIELD_CURRENCY, field, error,
                   _("The currency is a code of three capital letters, such as EUR or SEK."));

  if (terms->price < 0 || terms->price > MAX_PRICE)
    return refuse (SEATS_TERMS_FIELD_PRICE, field, error,
                   _("A price is 0 or more."));

  if (terms->period_months != 1 && terms->period_months != 3 && terms->period_months != 12)
    return refuse (SEATS_TERMS_FIELD_PERIOD, field, error,
                   _("A billing period is 1, 3 or 12 months long."));

  if (!seats_julian_to_date (terms->period_start, &start) ||
      !seats_rules_period_end (&start, terms->period_months, &end, NULL))
    return refuse (SEATS_TERMS_FIELD_PERIOD, field, error,
                   _("Enter the day the current billing period began."));

  if (terms->notice_days >= (guint) g_date_days_between (&start, &end))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (ngettext ("The notice must be shorter than the billing period, "
                                           "which is %u day long.",
                                           "The notice must be shorter than the billing period, "
                                           "which is %u days long.",
                                           (guint) g_date_days_between (&start, &end)),
                                 (guint) g_date_days_between (&start, &end));
      return refuse (SEATS_TERMS_FIELD_NOTICE, field, error, message);
    }

  if (terms->seat_floor == SEATS_SEAT_FLOOR_GRACE &&
      (terms->grace_days < 1 || terms->grace_days > 366))
    return refuse (SEATS_TERMS_FIELD_GRACE, field, error,
                   _("The days of grace are 1 to 366."));

  if ((!is_blank (terms->reseller_name) || !is_blank (terms->reseller_url)) &&
      (is_blank (terms->reseller_name) || !is_web_address (terms->reseller_url)))
    return refuse (SEATS_TERMS_FIELD_RESELLER, field, error,
                   _("A reseller has a name and a web address that begins with https://."));

  if (!is_blank (terms->portal_url) && !is_web_address (terms->portal_url))
    return refuse (SEATS_TERMS_FIELD_PORTAL, field, error,
                   _("Enter the portal’s web address, which begins with https://."));

  /* R3, R5: the next period as the seat rule allows it. */
  seats_rule_policy_init (&policy);
  policy.seat_floor = terms->seat_floor;
  policy.grace_days = terms->grace_days;
  if (!seats_rules_check_next_period (&policy, terms->next_period, counted, NULL, &rule_error))
    {
      if (field != NULL)
        *field = SEATS_TERMS_FIELD_NEXT_PERIOD;
      g_propagate_error (error, g_steal_pointer (&rule_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * seats_terms_apply:
 * @terms: terms that seats_terms_check() accepted
 * @snapshot: where to put them: its account, policy, subscription and user
 *   licenses are replaced by new objects that say them
 *
 * What the account, its subscription and its user licenses are under
 * @terms. What the terms do not say (the account's id and source, the
 * licenses in use) is kept from @snapshot.
 */
void
seats_terms_apply (const SeatsTerms *terms,
                   SeatsSnapshot    *snapshot)
{
  g_autoptr(SeatsAccount) account = seats_account_new ();
  g_autoptr(SeatsPolicy) policy = seats_policy_new ();
  g_autoptr(SeatsSubscription) subscription = seats_subscription_new ();
  g_autoptr(SeatsProduct) seats = seats_product_new ();
  SeatsProduct *old_seats;
  GDate start, end;
  gint64 monthly = 0;

  g_return_if_fail (terms != NULL);
  g_return_if_fail (snapshot != NULL);

  if (snapshot->account != NULL)
    {
      seats_account_set_id (account, seats_account_get_id (snapshot->account));
      seats_account_set_slug (account, seats_account_get_slug (snapshot->account));
      seats_account_set_source (account, seats_account_get_source (snapshot->account));
      seats_account_set_time_zone (account, seats_account_get_time_zone (snapshot->account));
      seats_account_set_upstream_system (account, seats_account_get_upstream_system (snapshot->account));
    }
  {
    g_autofree char *vendor = g_strstrip (g_strdup (terms->vendor));

    seats_account_set_name (account, vendor);
  }
  seats_account_set_role (account, SEATS_ROLE_ADMIN);
  seats_account_set_currency (account, terms->currency);
  seats_account_set_shop_url (account, is_blank (terms->portal_url) ? NULL : terms->portal_url);

  seats_policy_set_seat_floor (policy, terms->seat_floor);
  seats_policy_set_grace_days (policy, terms->seat_floor == SEATS_SEAT_FLOOR_GRACE
                                       ? terms->grace_days : SEATS_RULE_DEFAULT_GRACE_DAYS);
  seats_policy_set_min_seats (policy, 1);
  seats_policy_set_activation (policy, SEATS_ACTIVATION_MANUAL);
  seats_policy_set_reseller_name (policy, is_blank (terms->reseller_name) ? NULL : terms->reseller_name);
  seats_policy_set_reseller_url (policy, is_blank (terms->reseller_name) ? NULL : terms->reseller_url);
  seats_account_set_policy (account, policy);

  seats_julian_to_date (terms->period_start, &start);
  if (!seats_rules_period_end (&start, terms->period_months, &end, NULL))
    end = start;
  {
    guint64 sum = 0;

    /* seats_terms_check() keeps the price small enough; a period's sum of
     * it is kept from overflowing all the same. */
    if (g_uint64_checked_mul (&sum, (guint64) terms->price, terms->purchased) &&
        sum <= G_MAXINT64 / 12)
      monthly = (gint64) sum;
  }
  seats_subscription_set_period_start_julian (subscription, terms->period_start);
  seats_subscription_set_period_months (subscription, terms->period_months);
  /* The periods are counted from where they began: the anchor stays while
   * the current period is one of its periods of this length. */
  seats_subscription_set_anchor_julian (subscription, terms->period_start);
  if (terms->anchor != 0 && terms->anchor <= terms->period_start)
    {
      GDate anchor, period_start, period_end;

      if (seats_julian_to_date (terms->anchor, &anchor) &&
          seats_rules_period_containing (&anchor, MAX (terms->period_months, 1), &start,
                                         &period_start, &period_end, NULL) &&
          seats_julian_from_date (&period_start) == terms->period_start)
        seats_subscription_set_anchor_julian (subscription, terms->anchor);
    }
  if (seats_subscription_period_after (subscription, terms->period_start) != 0)
    seats_subscription_set_period_end_julian (subscription,
                                              seats_subscription_period_after (subscription, terms->period_start));
  else
    seats_subscription_set_period_end_julian (subscription, seats_julian_from_date (&end));
  seats_subscription_set_notice_days (subscription, terms->notice_days);
  seats_subscription_set_currency (subscription, terms->currency);
  seats_subscription_set_monthly_price (subscription, monthly);
  seats_subscription_set_total_price (subscription, monthly * terms->period_months);

  old_seats = seats_products_find_user_seats (G_LIST_MODEL (snapshot->products));
  {
    g_autofree char *product = g_strstrip (g_strdup (terms->product));

    seats_product_set_id (seats, old_seats != NULL ? seats_product_get_id (old_seats)
                                                   : SEATS_TERMS_PRODUCT_ID);
    seats_product_set_name (seats, product);
  }
  seats_product_set_kind (seats, SEATS_PRODUCT_KIND_USER_SEATS);
  seats_product_set_purchased (seats, terms->purchased);
  seats_product_set_next_period (seats, terms->next_period);
  seats_product_set_in_use (seats, old_seats != NULL ? seats_product_get_in_use (old_seats) : 0);
  seats_product_set_price (seats, terms->price);
  seats_product_set_currency (seats, terms->currency);
  seats_product_set_enabled (seats, TRUE);

  g_set_object (&snapshot->account, account);
  g_set_object (&snapshot->subscription, subscription);

  /* Who is billed is between the organization and the vendor: nothing is
   * kept of it here but that the administrator may see billing (R15). */
  if (snapshot->billing_details == NULL)
    snapshot->billing_details = seats_billing_details_new ();
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (snapshot->products)); i++)
    {
      g_autoptr(SeatsProduct) product = g_list_model_get_item (G_LIST_MODEL (snapshot->products), i);

      if (product == old_seats)
        {
          g_list_store_splice (snapshot->products, i, 1, (gpointer *) &seats, 1);
          return;
        }
    }
  g_list_store_append (snapshot->products, seats);
}

/**
 * seats_terms_to_variant:
 *
 * Returns: (transfer floating): @terms as a{sv}, for the outbox
 */
GVariant *
seats_terms_to_variant (const SeatsTerms *terms)
{
  GVariantBuilder builder;

  g_return_val_if_fail (terms != NULL, NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "vendor", g_variant_new_string (terms->vendor ? terms->vendor : ""));
  g_variant_builder_add (&builder, "{sv}", "product", g_variant_new_string (terms->product ? terms->product : ""));
  g_variant_builder_add (&builder, "{sv}", "currency", g_variant_new_string (terms->currency ? terms->currency : ""));
  g_variant_builder_add (&builder, "{sv}", "purchased", g_variant_new_uint32 (terms->purchased));
  g_variant_builder_add (&builder, "{sv}", "next-period", g_variant_new_uint32 (terms->next_period));
  g_variant_builder_add (&builder, "{sv}", "price", g_variant_new_int64 (terms->price));
  g_variant_builder_add (&builder, "{sv}", "period-months", g_variant_new_uint32 (terms->period_months));
  g_variant_builder_add (&builder, "{sv}", "period-start", g_variant_new_uint32 (terms->period_start));
  g_variant_builder_add (&builder, "{sv}", "notice-days", g_variant_new_uint32 (terms->notice_days));
  g_variant_builder_add (&builder, "{sv}", "seat-floor",
                         g_variant_new_string (seats_seat_floor_to_string (terms->seat_floor)));
  g_variant_builder_add (&builder, "{sv}", "grace-days", g_variant_new_uint32 (terms->grace_days));
  if (terms->reseller_name != NULL)
    g_variant_builder_add (&builder, "{sv}", "reseller-name", g_variant_new_string (terms->reseller_name));
  if (terms->reseller_url != NULL)
    g_variant_builder_add (&builder, "{sv}", "reseller-url", g_variant_new_string (terms->reseller_url));
  if (terms->portal_url != NULL)
    g_variant_builder_add (&builder, "{sv}", "portal-url", g_variant_new_string (terms->portal_url));
  if (terms->anchor != 0)
    g_variant_builder_add (&builder, "{sv}", "anchor", g_variant_new_uint32 (terms->anchor));

  return g_variant_builder_end (&builder);
}

/**
 * seats_terms_from_variant:
 * @variant: what seats_terms_to_variant() made
 *
 * Returns: (transfer full) (nullable): the terms, or %NULL when @variant
 *   is not terms
 */
SeatsTerms *
seats_terms_from_variant (GVariant *variant)
{
  g_autoptr(SeatsTerms) terms = NULL;
  const char *floor = NULL;

  g_return_val_if_fail (variant != NULL, NULL);

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT))
    return NULL;

  terms = g_new0 (SeatsTerms, 1);
  if (!g_variant_lookup (variant, "vendor", "s", &terms->vendor) ||
      !g_variant_lookup (variant, "product", "s", &terms->product) ||
      !g_variant_lookup (variant, "currency", "s", &terms->currency) ||
      !g_variant_lookup (variant, "purchased", "u", &terms->purchased) ||
      !g_variant_lookup (variant, "next-period", "u", &terms->next_period) ||
      !g_variant_lookup (variant, "price", "x", &terms->price) ||
      !g_variant_lookup (variant, "period-months", "u", &terms->period_months) ||
      !g_variant_lookup (variant, "period-start", "u", &terms->period_start) ||
      !g_variant_lookup (variant, "notice-days", "u", &terms->notice_days) ||
      !g_variant_lookup (variant, "seat-floor", "&s", &floor) ||
      !seats_seat_floor_from_string (floor, &terms->seat_floor) ||
      !g_variant_lookup (variant, "grace-days", "u", &terms->grace_days))
    return NULL;

  g_variant_lookup (variant, "reseller-name", "s", &terms->reseller_name);
  g_variant_lookup (variant, "reseller-url", "s", &terms->reseller_url);
  g_variant_lookup (variant, "portal-url", "s", &terms->portal_url);
  g_variant_lookup (variant, "anchor", "u", &terms->anchor);

  return g_steal_pointer (&terms);
}

/**
 * seats_rules_notice_date:
 * @period_end: the day the period turns: the next one's first, Julian
 * @notice_days: how many days before it a change must be made
 *
 * Returns: the last day on which the next period's count can still be
 *   changed: @notice_days before @period_end, and at the latest the
 *   period's last day
 */
guint32
seats_rules_notice_date (guint32 period_end,
                         guint   notice_days)
{
  guint days = MAX (notice_days, 1);

  g_return_val_if_fail (period_end > days, period_end);

  return period_end - days;
}
