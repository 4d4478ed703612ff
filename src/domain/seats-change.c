/* seats-change.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "seats-change.h"
#include "seats-domain.h"

/* The outbox keeps a change as the text of this GVariant: the format's
 * version, the kind's name, and the fields. A version it does not know is
 * refused, not guessed at. */
#define SERIAL_VERSION 1
#define SERIAL_TYPE    "(usa{sv}a{ss})"

/* A selection of users is one change; more than an organization has is
 * not a selection. */
#define MAX_USER_IDS 1000000

struct _SeatsChange
{
  gatomicrefcount      ref_count;
  SeatsChangeKind      kind;
  char                *product_id;
  char                *feature_id;
  guint                count;
  GStrv                user_ids;
  gboolean             on;
  SeatsBillingDetails *billing_details;
  char                *license_file;
  char                *serial_number;
  char                *license_owner;
  SeatsTerms          *terms;
  /* SEATS_CHANGE_USERS_PUT: the users as they are to be, those to remove,
   * and the file they came from, if one */
  GPtrArray           *users;
  /* SEATS_CHANGE_ORDERS_PUT: the orders as they are to be; removed_ids,
   * those to remove */
  GPtrArray           *orders;
  GStrv                removed_ids;
  char                *source_name;
  /* What the change was made against: "user:ID", "product:ID", ... to the
   * version the source gave it. */
  GHashTable          *basis;
};

G_DEFINE_BOXED_TYPE (SeatsChange, seats_change, seats_change_ref, seats_change_unref)

G_DEFINE_QUARK (seats-change-error-quark, seats_change_error)

static const char * const kind_names[] = {
  [SEATS_CHANGE_BUY] = "buy",
  [SEATS_CHANGE_NEXT_PERIOD] = "next-period",
  [SEATS_CHANGE_USERS_ACTIVE] = "users-active",
  [SEATS_CHANGE_MODULE] = "module",
  [SEATS_CHANGE_FEATURE] = "feature",
  [SEATS_CHANGE_BILLING_DETAILS] = "billing-details",
  [SEATS_CHANGE_ACTIVATE_LICENSE] = "activate-license",
  [SEATS_CHANGE_IMPORT_LICENSE] = "import-license",
  [SEATS_CHANGE_CONVERT_TRIAL] = "convert-trial",
  [SEATS_CHANGE_TERMS] = "terms",
  [SEATS_CHANGE_USERS_PUT] = "users-put",
  [SEATS_CHANGE_ORDERS_PUT] = "orders-put",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == SEATS_CHANGE_KIND_LAST + 1);

/* The billing details a change carries, by the names they are kept under. */
static const struct {
  const char  *name;
  const char *(*get) (SeatsBillingDetails *details);
  void        (*set) (SeatsBillingDetails *details,
                      const char          *value);
} billing_fields[] = {
  { "company-name", seats_billing_details_get_company_name, seats_billing_details_set_company_name },
  { "vat-number", seats_billing_details_get_vat_number, seats_billing_details_set_vat_number },
  { "contact-user-id", seats_billing_details_get_contact_user_id,
    seats_billing_details_set_contact_user_id },
  { "contact-email", seats_billing_details_get_contact_email, seats_billing_details_set_contact_email },
  { "street", seats_billing_details_get_street, seats_billing_details_set_street },
  { "postal-code", seats_billing_details_get_postal_code, seats_billing_details_set_postal_code },
  { "city", seats_billing_details_get_city, seats_billing_details_set_city },
  { "country", seats_billing_details_get_country, seats_billing_details_set_country },
  { "e-invoice-address", seats_billing_details_get_e_invoice_address,
    seats_billing_details_set_e_invoice_address },
  { "operator-code", seats_billing_details_get_operator_code, seats_billing_details_set_operator_code },
};

static SeatsChange *
change_new (SeatsChangeKind kind)
{
  SeatsChange *self = g_new0 (SeatsChange, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;

  return self;
}

SeatsChange *
seats_change_ref (SeatsChange *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
seats_change_unref (SeatsChange *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->product_id);
  g_free (self->feature_id);
  g_strfreev (self->user_ids);
  g_clear_object (&self->billing_details);
  g_free (self->license_file);
  g_free (self->serial_number);
  g_free (self->license_owner);
  g_clear_pointer (&self->terms, seats_terms_free);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->orders, g_ptr_array_unref);
  g_strfreev (self->removed_ids);
  g_free (self->source_name);
  g_clear_pointer (&self->basis, g_hash_table_unref);
  g_free (self);
}

/**
 * seats_change_new_terms:
 * @terms: the terms to keep
 *
 * Returns: (transfer full): terms kept by hand, for an account with no
 *   server or a SCIM account
 */
SeatsChange *
seats_change_new_terms (const SeatsTerms *terms)
{
  SeatsChange *self;

  g_return_val_if_fail (terms != NULL, NULL);

  self = change_new (SEATS_CHANGE_TERMS);
  self->terms = seats_terms_copy (terms);

  return self;
}

/**
 * seats_change_new_users_put:
 * @users: (element-type SeatsUser): the users as they are to be: new ones
 *   added, known ones (by id) replaced
 * @removed_ids: (array zero-terminated=1) (nullable): users to remove
 * @source_name: (nullable): the file they were imported from
 *
 * Returns: (transfer full): users kept on this computer, added, changed or
 *   removed at once
 */
SeatsChange *
seats_change_new_users_put (GPtrArray          *users,
                            const char * const *removed_ids,
                            const char         *source_name)
{
  SeatsChange *self;

  g_return_val_if_fail (users != NULL, NULL);

  self = change_new (SEATS_CHANGE_USERS_PUT);
  self->users = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < users->len; i++)
    g_ptr_array_add (self->users, seats_object_dup (g_ptr_array_index (users, i)));
  self->removed_ids = removed_ids != NULL ? g_strdupv ((char **) removed_ids) : NULL;
  self->source_name = g_strdup (source_name);

  return self;
}

/**
 * seats_change_new_orders_put:
 * @orders: (element-type SeatsOrder): the orders as they are to be: new
 *   ones added, known ones (by id) corrected
 * @removed_ids: (array zero-terminated=1) (nullable): orders to remove
 *
 * Returns: (transfer full): the history of orders of terms kept on this
 *   computer, corrected at once
 */
SeatsChange *
seats_change_new_orders_put (GPtrArray          *orders,
                             const char * const *removed_ids)
{
  SeatsChange *self;

  g_return_val_if_fail (orders != NULL, NULL);

  self = change_new (SEATS_CHANGE_ORDERS_PUT);
  self->orders = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < orders->len; i++)
    g_ptr_array_add (self->orders, seats_object_dup (g_ptr_array_index (orders, i)));
  self->removed_ids = removed_ids != NULL ? g_strdupv ((char **) removed_ids) : NULL;

  return self;
}

/**
 * seats_change_new_buy:
 * @product_id: the product to buy licenses of
 * @quantity: how many licenses to add
 *
 * Returns: (transfer full): a purchase (R2, R4)
 */
SeatsChange *
seats_change_new_buy (const char *product_id,
                      guint       quantity)
{
  SeatsChange *self;

  g_return_val_if_fail (product_id != NULL, NULL);

  self = change_new (SEATS_CHANGE_BUY);
  self->product_id = g_strdup (product_id);
  self->count = quantity;

  return self;
}

/**
 * seats_change_new_next_period:
 * @product_id: a product with licenses
 * @count: its licenses for the next billing period
 *
 * Returns: (transfer full): a next period's count (R3, R5, R7)
 */
SeatsChange *
seats_change_new_next_period (const char *product_id,
                              guint       count)
{
  SeatsChange *self;

  g_return_val_if_fail (product_id != NULL, NULL);

  self = change_new (SEATS_CHANGE_NEXT_PERIOD);
  self->product_id = g_strdup (product_id);
  self->count = count;

  return self;
}

/**
 * seats_change_new_users_active:
 * @user_ids: (array zero-terminated=1): the users of the selection
 * @active: %TRUE to activate them, %FALSE to deactivate them
 *
 * Returns: (transfer full): one change for the whole selection (R6)
 */
SeatsChange *
seats_change_new_users_active (const char * const *user_ids,
                               gboolean            active)
{
  SeatsChange *self;

  g_return_val_if_fail (user_ids != NULL && user_ids[0] != NULL, NULL);

  self = change_new (SEATS_CHANGE_USERS_ACTIVE);
  self->user_ids = g_strdupv ((char **) user_ids);
  self->on = !!active;

  return self;
}

/**
 * seats_change_new_module:
 * @product_id: an add-on module
 * @user_ids: (array zero-terminated=1): the users of the selection
 * @assign: %TRUE to give them the module, %FALSE to take it from them
 *
 * Returns: (transfer full): one change for the whole selection (R7)
 */
SeatsChange *
seats_change_new_module (const char         *product_id,
                         const char * const *user_ids,
                         gboolean            assign)
{
  SeatsChange *self;

  g_return_val_if_fail (product_id != NULL, NULL);
  g_return_val_if_fail (user_ids != NULL && user_ids[0] != NULL, NULL);

  self = change_new (SEATS_CHANGE_MODULE);
  self->product_id = g_strdup (product_id);
  self->user_ids = g_strdupv ((char **) user_ids);
  self->on = !!assign;

  return self;
}

/**
 * seats_change_new_feature:
 * @feature_id: a feature or integration
 * @enabled: whether to switch it on
 *
 * Returns: (transfer full): a switch for the whole organization (R12)
 */
SeatsChange *
seats_change_new_feature (const char *feature_id,
                          gboolean    enabled)
{
  SeatsChange *self;

  g_return_val_if_fail (feature_id != NULL, NULL);

  self = change_new (SEATS_CHANGE_FEATURE);
  self->feature_id = g_strdup (feature_id);
  self->on = !!enabled;

  return self;
}

/**
 * seats_change_new_billing_details:
 * @details: the billing details as they are to be; copied
 *
 * Returns: (transfer full): new billing details (R13)
 */
SeatsChange *
seats_change_new_billing_details (SeatsBillingDetails *details)
{
  SeatsChange *self;

  g_return_val_if_fail (SEATS_IS_BILLING_DETAILS (details), NULL);

  self = change_new (SEATS_CHANGE_BILLING_DETAILS);
  self->billing_details = seats_billing_details_new ();
  for (guint i = 0; i < G_N_ELEMENTS (billing_fields); i++)
    billing_fields[i].set (self->billing_details, billing_fields[i].get (details));
  seats_billing_details_set_e_invoicing (self->billing_details,
                                         seats_billing_details_get_e_invoicing (details));

  return self;
}

/**
 * seats_change_new_activate_license:
 *
 * Returns: (transfer full): the activation of the pending license (R8)
 */
SeatsChange *
seats_change_new_activate_license (void)
{
  return change_new (SEATS_CHANGE_ACTIVATE_LICENSE);
}

/**
 * seats_change_new_import_license:
 * @license_file: the text of a license file, checked by the license layer
 *
 * Returns: (transfer full): the loading of a license file (R9)
 */
SeatsChange *
seats_change_new_import_license (const char *license_file)
{
  SeatsChange *self;

  g_return_val_if_fail (license_file != NULL, NULL);

  self = change_new (SEATS_CHANGE_IMPORT_LICENSE);
  self->license_file = g_strdup (license_file);

  return self;
}

/**
 * seats_change_new_convert_trial:
 * @serial_number: the serial number bought
 * @license_owner: who owns the license
 *
 * Returns: (transfer full): the registration of a trial (R18)
 */
SeatsChange *
seats_change_new_convert_trial (const char *serial_number,
                                const char *license_owner)
{
  SeatsChange *self = change_new (SEATS_CHANGE_CONVERT_TRIAL);

  self->serial_number = g_strdup (serial_number);
  self->license_owner = license_owner != NULL ? g_strstrip (g_strdup (license_owner)) : NULL;

  return self;
}

#define GETTER(type, name, expr, fallback)                  \
  type                                                      \
  seats_change_get_##name (SeatsChange *self)               \
  {                                                         \
    g_return_val_if_fail (self != NULL, fallback);          \
    return expr;                                            \
  }

GETTER (SeatsChangeKind, kind, self->kind, SEATS_CHANGE_BUY)
GETTER (const char *, kind_name, kind_names[self->kind], NULL)
GETTER (const char *, product_id, self->product_id, NULL)
GETTER (const char *, feature_id, self->feature_id, NULL)
/* The quantity bought, or the next period's count. */
GETTER (guint, count, self->count, 0)
GETTER (const char * const *, user_ids, (const char * const *) self->user_ids, NULL)
/* Activate, assign, switch on. */
GETTER (gboolean, on, self->on, FALSE)
GETTER (SeatsBillingDetails *, billing_details, self->billing_details, NULL)
GETTER (const char *, license_file, self->license_file, NULL)
GETTER (const char *, serial_number, self->serial_number, NULL)
GETTER (const char *, license_owner, self->license_owner, NULL)
GETTER (const SeatsTerms *, terms, self->terms, NULL)
GETTER (GPtrArray *, users, self->users, NULL)
GETTER (GPtrArray *, orders, self->orders, NULL)
GETTER (const char * const *, removed_ids, (const char * const *) self->removed_ids, NULL)
GETTER (const char *, source_name, self->source_name, NULL)

#undef GETTER

/**
 * seats_change_get_basis:
 * @key: "user:" or "product:" or "feature:" and an id, "billing" or
 *   "pending-license"
 *
 * Returns: (nullable): the version of @key the change was made against,
 *   which the source sends back in If-Match
 */
const char *
seats_change_get_basis (SeatsChange *self,
                        const char  *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return self->basis != NULL ? g_hash_table_lookup (self->basis, key) : NULL;
}

void
seats_change_set_basis (SeatsChange *self,
                        const char  *key,
                        const char  *version)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL);

  if (version == NULL)
    {
      if (self->basis != NULL)
        g_hash_table_remove (self->basis, key);
      return;
    }

  if (self->basis == NULL)
    self->basis = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (self->basis, g_strdup (key), g_strdup (version));
}

static void
record_etag (SeatsChange         *self,
             const SeatsSnapshot *snapshot,
             const char          *prefix,
             const char          *id)
{
  g_autofree char *key = g_strconcat (prefix, id, NULL);

  seats_change_set_basis (self, key, g_hash_table_lookup (snapshot->sync.etags, key));
}

/* The users of @snapshot by id, as the model holds them. */
static GHashTable *
index_users (const SeatsSnapshot *snapshot,
             const char * const  *ids)
{
  GListModel *users = G_LIST_MODEL (snapshot->users);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *found = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  guint n = g_list_model_get_n_items (users);

  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (wanted, (gpointer) ids[i]);

  /* One pass over the organization, whatever the size of the selection. */
  for (guint i = 0; i < n && g_hash_table_size (found) < g_hash_table_size (wanted); i++)
    {
      SeatsUser *user = g_list_model_get_item (users, i);
      const char *id;

      if (g_hash_table_lookup_extended (wanted, seats_user_get_id (user), (gpointer *) &id, NULL))
        g_hash_table_insert (found, (gpointer) id, user);
      else
        g_object_unref (user);
    }

  return found;
}

/**
 * seats_change_record_basis:
 * @snapshot: what the change is made against
 *
 * Keeps the versions of what the change is about, as @snapshot has them,
 * so that the source can send them back in If-Match: a change made against
 * an older state than the source's is refused rather than applied over
 * somebody else's.
 */
void
seats_change_record_basis (SeatsChange         *self,
                           const SeatsSnapshot *snapshot)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (snapshot != NULL);

  switch (self->kind)
    {
    case SEATS_CHANGE_NEXT_PERIOD:
    case SEATS_CHANGE_MODULE:
      record_etag (self, snapshot, SEATS_CHANGE_BASIS_PRODUCT, self->product_id);
      break;

    case SEATS_CHANGE_FEATURE:
      record_etag (self, snapshot, SEATS_CHANGE_BASIS_FEATURE, self->feature_id);
      break;

    case SEATS_CHANGE_BILLING_DETAILS:
      record_etag (self, snapshot, SEATS_CHANGE_BASIS_BILLING, "");
      break;

    case SEATS_CHANGE_ACTIVATE_LICENSE:
      record_etag (self, snapshot, SEATS_CHANGE_BASIS_PENDING_LICENSE, "");
      break;

    case SEATS_CHANGE_BUY:
    case SEATS_CHANGE_IMPORT_LICENSE:
    case SEATS_CHANGE_CONVERT_TRIAL:
    case SEATS_CHANGE_USERS_ACTIVE:
    default:
      break;
    }

  if (self->user_ids != NULL)
    {
      g_autoptr(GHashTable) users = index_users (snapshot, (const char * const *) self->user_ids);
      GHashTableIter iter;
      gpointer id, user;

      g_hash_table_iter_init (&iter, users);
      while (g_hash_table_iter_next (&iter, &id, &user))
        {
          g_autofree char *key = g_strconcat (SEATS_CHANGE_BASIS_USER, (const char *) id, NULL);

          seats_change_set_basis (self, key, seats_user_get_version (user));
        }
    }
}

/* Checking a change with the license rules. */

static gpointer
find_item (GListModel *model,
           const char *(*get_id) (gpointer item),
           const char *id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (get_id (item), id) == 0)
        return item;
    }

  return NULL;
}

static SeatsProduct *
find_product (const SeatsSnapshot *snapshot,
              const char          *product_id)
{
  return find_item (G_LIST_MODEL (snapshot->products),
                    (const char *(*) (gpointer)) seats_product_get_id, product_id);
}

static SeatsProduct *
find_user_seats (const SeatsSnapshot *snapshot)
{
  GListModel *products = G_LIST_MODEL (snapshot->products);
  guint n = g_list_model_get_n_items (products);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeatsProduct) product = g_list_model_get_item (products, i);

      if (seats_product_get_kind (product) == SEATS_PRODUCT_KIND_USER_SEATS)
        return product;
    }

  return NULL;
}

static SeatsProduct *
require_product (const SeatsSnapshot  *snapshot,
                 const char           *product_id,
                 GError              **error)
{
  SeatsProduct *product = find_product (snapshot, product_id);

  if (product == NULL)
    g_set_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_FOUND,
                 _("The subscription has no product “%s”."), product_id);

  return product;
}

static gboolean
refuse_integration (SeatsProduct  *product,
                    gboolean       buying,
                    GError       **error)
{
  if (seats_product_get_kind (product) != SEATS_PRODUCT_KIND_INTEGRATION)
    return FALSE;

  if (buying)
    g_set_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE,
                 _("%s has a monthly fee, not licenses to buy."), seats_product_get_name (product));
  else
    g_set_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE,
                 _("%s has a monthly fee, not licenses to count."), seats_product_get_name (product));
  return TRUE;
}

/**
 * seats_change_kind_is_subscription:
 * @kind: a kind of change
 *
 * Returns: %TRUE if @kind changes the subscription (what was bought, its
 *   features, the billing details or the license), which a reseller
 *   changes for a subscription bought through it (R10); %FALSE for
 *   activating users and giving them modules, which the organization does
 *   itself whoever sold the licenses
 */
gboolean
seats_change_kind_is_subscription (SeatsChangeKind kind)
{
  /* Terms kept by hand and users kept on this computer are the
   * administrator's own notes of the subscription. */
  return kind != SEATS_CHANGE_USERS_ACTIVE && kind != SEATS_CHANGE_MODULE &&
         kind != SEATS_CHANGE_TERMS && kind != SEATS_CHANGE_USERS_PUT &&
         kind != SEATS_CHANGE_ORDERS_PUT;
}

/**
 * seats_snapshot_can_change:
 * @snapshot: the account as it is known
 * @kind: the kind of change
 * @error: why it cannot be changed, for the person
 *
 * Whether the account may be changed so at all: only by an administrator
 * (R15), and the subscription of one bought through a reseller only there
 * (R10).
 *
 * Returns: %TRUE if the account may be changed so
 */
gboolean
seats_snapshot_can_change (const SeatsSnapshot  *snapshot,
                           SeatsChangeKind       kind,
                           GError              **error)
{
  SeatsPolicy *policy;

  g_return_val_if_fail (snapshot != NULL, FALSE);

  if (snapshot->account == NULL)
    {
      g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_FOUND,
                           _("The account has not been synced yet."));
      return FALSE;
    }

  if (seats_account_get_role (snapshot->account) != SEATS_ROLE_ADMIN)
    {
      g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_ALLOWED,
                           _("This account may only view the subscription. "
                             "Ask an administrator of your organization to make the change."));
      return FALSE;
    }

  policy = seats_account_get_policy (snapshot->account);
  if (seats_change_kind_is_subscription (kind) && seats_policy_is_resold (policy))
    {
      g_set_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_ALLOWED,
                   _("This subscription was bought through %s. Change it there: %s"),
                   seats_policy_get_reseller_name (policy),
                   seats_policy_get_reseller_url (policy));
      return FALSE;
    }

  return TRUE;
}

static void
rule_policy (const SeatsSnapshot *snapshot,
             SeatsRulePolicy     *policy)
{
  seats_policy_to_rule (seats_account_get_policy (snapshot->account), policy);
}

static SeatsChange *
check_buy (SeatsChange          *self,
           const SeatsSnapshot  *snapshot,
           const GDate          *today,
           SeatsChangeOutcome   *outcome,
           GError              **error)
{
  SeatsSubscription *subscription = snapshot->subscription;
  SeatsProduct *product;
  GDate start, end;

  if (!(product = require_product (snapshot, self->product_id, error)) ||
      refuse_integration (product, TRUE, error))
    return NULL;

  if (subscription == NULL ||
      !seats_julian_to_date (seats_subscription_get_period_start_julian (subscription), &start) ||
      !seats_julian_to_date (seats_subscription_get_period_end_julian (subscription), &end))
    {
      g_set_error_literal (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_INVALID_PERIOD,
                           _("The subscription has no valid billing period."));
      return NULL;
    }

  /* R2 and R4, nothing to buy and counts that overflow included. */
  if (!seats_rules_quote_purchase (seats_product_get_purchased (product),
                                   seats_product_get_next_period (product),
                                   self->count,
                                   seats_product_get_price (product),
                                   seats_subscription_get_period_months (subscription),
                                   &start, &end, today, &outcome->quote, error))
    return NULL;

  return seats_change_ref (self);
}

static SeatsChange *
check_next_period (SeatsChange          *self,
                   const SeatsSnapshot  *snapshot,
                   SeatsChangeOutcome   *outcome,
                   GError              **error)
{
  SeatsRulePolicy policy;
  SeatsProduct *product;

  if (!(product = require_product (snapshot, self->product_id, error)) ||
      refuse_integration (product, FALSE, error))
    return NULL;

  if (seats_product_get_kind (product) == SEATS_PRODUCT_KIND_MODULE)
    {
      /* R7: a module may go to 0, which removes it, not below its holders. */
      if (!seats_rules_check_module_next_period (seats_product_get_name (product), self->count,
                                                 seats_product_get_in_use (product), error))
        return NULL;
    }
  else
    {
      /* R3, R5: the minimum, cancelling, and the policy's seat floor. */
      rule_policy (snapshot, &policy);
      if (!seats_rules_check_next_period (&policy, self->count, seats_product_get_in_use (product),
                                          &outcome->over, error))
        return NULL;

      /* R5 grace: the users over the count keep their licenses for the
       * policy's grace days from the start of the next period. */
      if (outcome->over > 0 && snapshot->subscription != NULL &&
          seats_subscription_get_period_end_julian (snapshot->subscription) != SEATS_JULIAN_NONE)
        {
          GDate from, deadline;

          seats_julian_to_date (seats_subscription_get_period_end_julian (snapshot->subscription), &from);
          seats_rules_grace_deadline (&from, policy.grace_days, &deadline);
          outcome->deadline = seats_julian_from_date (&deadline);
        }
    }

  return seats_change_ref (self);
}

static gboolean
require_users (GHashTable          *users,
               const char * const  *ids,
               GError             **error)
{
  for (guint i = 0; ids[i] != NULL; i++)
    if (!g_hash_table_contains (users, ids[i]))
      {
        g_set_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_FOUND,
                     _("There is no user “%s”."), ids[i]);
        return FALSE;
      }

  return TRUE;
}

static gboolean
has_left (SeatsUser   *user,
          const GDate *today)
{
  GDate end;

  return seats_user_get_end_date (user, &end) && seats_rules_user_has_left (&end, today);
}

/* The same change for the users of @ids it changes, in their order. */
static SeatsChange *
narrow (SeatsChange *self,
        GPtrArray   *ids)
{
  SeatsChange *narrowed = change_new (self->kind);

  narrowed->product_id = g_strdup (self->product_id);
  narrowed->on = self->on;
  g_ptr_array_add (ids, NULL);
  narrowed->user_ids = g_strdupv ((char **) ids->pdata);
  g_ptr_array_remove_index (ids, ids->len - 1);

  if (self->basis != NULL)
    for (guint i = 0; i < ids->len; i++)
      {
        g_autofree char *key = g_strconcat (SEATS_CHANGE_BASIS_USER, (const char *) g_ptr_array_index (ids, i), NULL);

        seats_change_set_basis (narrowed, key, seats_change_get_basis (self, key));
      }

  return narrowed;
}

static SeatsChange *
nothing_to_do (const char  *message,
               GError     **error)
{
  g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOTHING_TO_DO, message);
  return NULL;
}

static SeatsChange *
check_users_active (SeatsChange          *self,
                    const SeatsSnapshot  *snapshot,
                    const GDate          *today,
                    SeatsChangeOutcome   *outcome,
                    GError              **error)
{
  g_autoptr(GHashTable) users = index_users (snapshot, (const char * const *) self->user_ids);
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  SeatsProduct *seats = find_user_seats (snapshot);

  if (!require_users (users, (const char * const *) self->user_ids, error))
    return NULL;

  for (guint i = 0; self->user_ids[i] != NULL; i++)
    {
      SeatsUser *user = g_hash_table_lookup (users, self->user_ids[i]);

      if (seats_user_get_active (user) == self->on)
        outcome->n_unchanged++;
      /* Activating a user past the end date gives nobody a license (R1). */
      else if (self->on && has_left (user, today))
        outcome->n_left++;
      else
        {
          g_ptr_array_add (changed, self->user_ids[i]);
          outcome->n_counted += self->on || seats_user_counts (user, today);
        }
    }

  if (changed->len == 0)
    {
      if (outcome->n_left > 0)
        return nothing_to_do (ngettext ("The selected user has left: their end date has passed.",
                                        "The selected users have left: their end dates have passed.",
                                        outcome->n_left), error);

      return nothing_to_do (self->on ? _("The selected users are active already.")
                                     : _("The selected users are inactive already."), error);
    }

  if (seats != NULL)
    {
      guint purchased = seats_product_get_purchased (seats);
      guint in_use = seats_product_get_in_use (seats);

      if (self->on)
        {
          SeatsRulePolicy policy;
          GDate deadline;

          /* R6: the last of them must find a free license, or the policy
           * must allow going over. */
          rule_policy (snapshot, &policy);
          if (!seats_rules_check_activation (&policy, purchased, in_use + outcome->n_counted - 1,
                                             today, &outcome->over_allocated, &deadline, error))
            return NULL;

          if (outcome->over_allocated)
            outcome->deadline = seats_julian_from_date (&deadline);
          in_use += outcome->n_counted;
        }
      else
        in_use -= MIN (in_use, outcome->n_counted);

      outcome->free_after = purchased > in_use ? purchased - in_use : 0;
    }

  return narrow (self, changed);
}

static SeatsChange *
check_module (SeatsChange          *self,
              const SeatsSnapshot  *snapshot,
              const GDate          *today,
              SeatsChangeOutcome   *outcome,
              GError              **error)
{
  g_autoptr(GHashTable) users = index_users (snapshot, (const char * const *) self->user_ids);
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  SeatsProduct *product;
  guint purchased, in_use;

  if (!(product = require_product (snapshot, self->product_id, error)))
    return NULL;

  if (seats_product_get_kind (product) != SEATS_PRODUCT_KIND_MODULE)
    {
      g_set_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE,
                   _("%s is not an add-on module."), seats_product_get_name (product));
      return NULL;
    }

  if (!require_users (users, (const char * const *) self->user_ids, error))
    return NULL;

  for (guint i = 0; self->user_ids[i] != NULL; i++)
    {
      SeatsUser *user = g_hash_table_lookup (users, self->user_ids[i]);

      if (seats_user_has_module (user, self->product_id) == self->on)
        outcome->n_unchanged++;
      /* A module goes with a user license: not to someone who left. */
      else if (self->on && has_left (user, today))
        outcome->n_left++;
      else
        g_ptr_array_add (changed, self->user_ids[i]);
    }

  if (changed->len == 0)
    {
      if (outcome->n_left > 0)
        return nothing_to_do (ngettext ("The selected user has left: their end date has passed.",
                                        "The selected users have left: their end dates have passed.",
                                        outcome->n_left), error);

      return nothing_to_do (self->on ? _("The selected users hold this module already.")
                                     : _("None of the selected users holds this module."), error);
    }

  purchased = seats_product_get_purchased (product);
  in_use = seats_product_get_in_use (product);
  outcome->n_counted = changed->len;

  /* R7: all of them, or none. */
  if (self->on)
    {
      if (!seats_rules_check_module_assignments (seats_product_get_name (product), purchased, in_use,
                                                 changed->len, error))
        return NULL;
      in_use += changed->len;
    }
  else
    in_use -= MIN (in_use, changed->len);

  outcome->free_after = purchased > in_use ? purchased - in_use : 0;

  return narrow (self, changed);
}

static SeatsChange *
check_feature (SeatsChange          *self,
               const SeatsSnapshot  *snapshot,
               SeatsChangeOutcome   *outcome,
               GError              **error)
{
  SeatsFeature *feature = find_item (G_LIST_MODEL (snapshot->features),
                                     (const char *(*) (gpointer)) seats_feature_get_id,
                                     self->feature_id);
  gint64 monthly;

  if (feature == NULL)
    {
      g_set_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_FOUND,
                   _("The subscription has no feature “%s”."), self->feature_id);
      return NULL;
    }

  if (seats_feature_get_enabled (feature) == self->on)
    return nothing_to_do (self->on ? _("It is on already.") : _("It is off already."), error);

  /* R12: what it does to the monthly price, where the price is known. */
  monthly = snapshot->subscription != NULL ? seats_subscription_get_monthly_price (snapshot->subscription)
                                           : 0;
  if (monthly == SEATS_PRICE_NOT_SHARED)
    outcome->monthly_price_after = SEATS_PRICE_NOT_SHARED;
  else if (!seats_rules_monthly_price_after_switch (monthly, seats_feature_get_monthly_fee (feature),
                                                    !self->on, self->on,
                                                    &outcome->monthly_price_after, error))
    return NULL;

  return seats_change_ref (self);
}

static SeatsChange *
check_billing_details (SeatsChange          *self,
                       SeatsChangeOutcome   *outcome,
                       GError              **error)
{
  SeatsBillingDetails *details = self->billing_details;
  SeatsRuleBillingDetails rule_details = {
    .contact_user_id = seats_billing_details_get_contact_user_id (details),
    .contact_email = seats_billing_details_get_contact_email (details),
    .street = seats_billing_details_get_street (details),
    .postal_code = seats_billing_details_get_postal_code (details),
    .city = seats_billing_details_get_city (details),
    .country = seats_billing_details_get_country (details),
    .einvoice_enabled = seats_billing_details_get_e_invoicing (details),
    .einvoice_address = seats_billing_details_get_e_invoice_address (details),
    .einvoice_operator = seats_billing_details_get_operator_code (details),
  };

  /* R13 */
  if (!seats_rules_check_billing_details (&rule_details, &outcome->field, error))
    return NULL;

  return seats_change_ref (self);
}

static SeatsChange *
check_activate_license (SeatsChange          *self,
                        const SeatsSnapshot  *snapshot,
                        GError              **error)
{
  g_autoptr(GArray) lines = NULL;
  GListModel *changes;
  guint n;

  if (snapshot->pending_license == NULL)
    {
      g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_FOUND,
                           _("There is no new license to activate."));
      return NULL;
    }

  changes = seats_pending_license_get_changes (snapshot->pending_license);
  n = g_list_model_get_n_items (changes);
  lines = g_array_sized_new (FALSE, TRUE, sizeof (SeatsRuleLicenseLine), n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeatsLicenseChange) change = g_list_model_get_item (changes, i);
      SeatsRuleLicenseLine line = {
        seats_license_change_get_product_name (change),
        seats_license_change_get_current_count (change),
        seats_license_change_get_new_count (change),
        seats_license_change_get_in_use (change),
      };

      g_array_append_val (lines, line);
    }

  /* R8: no product may end below what is in use. */
  if (!seats_rules_check_pending_license ((SeatsRuleLicenseLine *) (gpointer) lines->data,
                                          lines->len, error))
    return NULL;

  return seats_change_ref (self);
}

static SeatsChange *
check_convert_trial (SeatsChange          *self,
                     const SeatsSnapshot  *snapshot,
                     GError              **error)
{
  if (!seats_account_get_is_trial (snapshot->account))
    {
      g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE,
                           _("This subscription is not a trial."));
      return NULL;
    }

  /* R18 */
  if (!seats_rules_check_trial_conversion (self->serial_number, self->license_owner, error))
    return NULL;

  return seats_change_ref (self);
}

/* Terms kept by hand: checked against the users who count today (R3, R5).
 * A license server keeps its own. */
static SeatsChange *
check_terms (SeatsChange          *self,
             const SeatsSnapshot  *snapshot,
             const GDate          *today,
             GError              **error)
{
  if (seats_account_get_source (snapshot->account) == SEATS_ACCOUNT_SOURCE_LICENSE_SERVER)
    {
      g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE,
                           _("The license server keeps the terms of this subscription."));
      return NULL;
    }

  if (!seats_terms_check (self->terms, seats_users_count_counted (G_LIST_MODEL (snapshot->users), today),
                          NULL, error))
    return NULL;

  return seats_change_ref (self);
}

/* Users kept on this computer: each with an id of its own, once. */
static SeatsChange *
check_users_put (SeatsChange          *self,
                 const SeatsSnapshot  *snapshot,
                 GError              **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  if (seats_account_get_source (snapshot->account) != SEATS_ACCOUNT_SOURCE_MANUAL)
    {
      g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE,
                           _("The users of this account come from its service."));
      return NULL;
    }

  for (guint i = 0; i < self->users->len; i++)
    {
      SeatsUser *user = g_ptr_array_index (self->users, i);
      const char *id = seats_user_get_id (user);

      if (id == NULL || *id == '\0' || !g_hash_table_add (ids, (gpointer) id))
        {
          g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE,
                               _("Two users are the same person."));
          return NULL;
        }

      if (!seats_user_check (user, NULL, error))
        return NULL;
    }

  /* Nobody twice: each user's e-mail address (else user name, else name)
   * is nobody else's, among those kept and those put. */
  {
    g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GHashTable) removed = g_hash_table_new (g_str_hash, g_str_equal);
    GListModel *known = G_LIST_MODEL (snapshot->users);

    for (guint i = 0; self->removed_ids != NULL && self->removed_ids[i] != NULL; i++)
      g_hash_table_add (removed, self->removed_ids[i]);

    for (guint i = 0; i < g_list_model_get_n_items (known); i++)
      {
        g_autoptr(SeatsUser) user = g_list_model_get_item (known, i);
        const char *id = seats_user_get_id (user);
        char *key;

        if (g_hash_table_contains (ids, id) || g_hash_table_contains (removed, id) ||
            !(key = seats_user_dup_key (user)))
          continue;
        g_hash_table_insert (keys, key, user);
      }

    for (guint i = 0; i < self->users->len; i++)
      {
        SeatsUser *user = g_ptr_array_index (self->users, i);
        char *key = seats_user_dup_key (user);
        SeatsUser *other;

        if (key == NULL)
          continue;
        if ((other = g_hash_table_lookup (keys, key)) != NULL)
          {
            const char *name = seats_user_get_display_name (other);

            g_set_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE,
                         /* Translators: %s is a user's name, else e-mail address */
                         _("%s is a user already, with the same e-mail address or name."),
                         name != NULL && *name != '\0' ? name : key);
            g_free (key);
            return NULL;
          }
        g_hash_table_insert (keys, key, user);
      }
  }

  if (self->users->len == 0 && (self->removed_ids == NULL || self->removed_ids[0] == NULL))
    {
      g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOTHING_TO_DO,
                           _("Nothing would change."));
      return NULL;
    }

  return seats_change_ref (self);
}

/* Orders kept on this computer, corrected: each of a license or more, at
 * an amount of 0 or more, once. */
static SeatsChange *
check_orders_put (SeatsChange          *self,
                  const SeatsSnapshot  *snapshot,
                  GError              **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  if (!seats_snapshot_terms_kept_here (snapshot))
    {
      g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE,
                           _("The license server keeps the orders of this subscription."));
      return NULL;
    }

  for (guint i = 0; i < self->orders->len; i++)
    {
      SeatsOrder *order = g_ptr_array_index (self->orders, i);
      const char *id = seats_order_get_id (order);

      if (id == NULL || *id == '\0' || !g_hash_table_add (ids, (gpointer) id))
        {
          g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE,
                               _("Two orders are the same order."));
          return NULL;
        }
      if (seats_order_get_quantity (order) == 0)
        {
          g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE,
                               _("An order is of one license or more."));
          return NULL;
        }
      if (seats_order_get_amount (order) < 0)
        {
          g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE,
                               _("An amount is 0 or more."));
          return NULL;
        }
    }

  if (self->orders->len == 0 && (self->removed_ids == NULL || self->removed_ids[0] == NULL))
    {
      g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOTHING_TO_DO,
                           _("Nothing would change."));
      return NULL;
    }

  return seats_change_ref (self);
}

/**
 * seats_change_check:
 * @snapshot: the account as it is known: the local copy, or what the
 *   license server holds
 * @today: the organization's today
 * @outcome: (out caller-allocates) (optional): what the change will do
 * @error: why it is refused, for the person
 *
 * The one check of a change against the license rules, which the window,
 * seatsctl and the license server all make: who may change the account
 * (R10, R15), and the rule of each kind of change (R2-R9, R12, R13, R18).
 * A selection of users is narrowed to the users it changes: those already
 * as asked, and those past their end date for an activation or an
 * assignment, are left out and counted in @outcome.
 *
 * Returns: (transfer full) (nullable): the change to make, which is @self
 *   or a narrower one, or %NULL with @error set
 */
SeatsChange *
seats_change_check (SeatsChange          *self,
                    const SeatsSnapshot  *snapshot,
                    const GDate          *today,
                    SeatsChangeOutcome   *outcome,
                    GError              **error)
{
  SeatsChangeOutcome unused;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (outcome == NULL)
    outcome = &unused;
  memset (outcome, 0, sizeof *outcome);

  if (!seats_snapshot_can_change (snapshot, self->kind, error))
    return NULL;

  switch (self->kind)
    {
    case SEATS_CHANGE_BUY:
      return check_buy (self, snapshot, today, outcome, error);

    case SEATS_CHANGE_NEXT_PERIOD:
      return check_next_period (self, snapshot, outcome, error);

    case SEATS_CHANGE_USERS_ACTIVE:
      return check_users_active (self, snapshot, today, outcome, error);

    case SEATS_CHANGE_MODULE:
      return check_module (self, snapshot, today, outcome, error);

    case SEATS_CHANGE_FEATURE:
      return check_feature (self, snapshot, outcome, error);

    case SEATS_CHANGE_BILLING_DETAILS:
      return check_billing_details (self, outcome, error);

    case SEATS_CHANGE_ACTIVATE_LICENSE:
      return check_activate_license (self, snapshot, error);

    case SEATS_CHANGE_IMPORT_LICENSE:
      /* The license layer checks the file's signature and dates (R9). */
      return seats_change_ref (self);

    case SEATS_CHANGE_CONVERT_TRIAL:
      return check_convert_trial (self, snapshot, error);

    case SEATS_CHANGE_TERMS:
      return check_terms (self, snapshot, today, error);

    case SEATS_CHANGE_USERS_PUT:
      return check_users_put (self, snapshot, error);

    case SEATS_CHANGE_ORDERS_PUT:
      return check_orders_put (self, snapshot, error);

    default:
      g_assert_not_reached ();
    }
}

/* Users put back as @before had them: the changed and removed ones as they
 * were, the added ones removed. */
static SeatsChange *
invert_users_put (SeatsChange         *self,
                  const SeatsSnapshot *before)
{
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GStrvBuilder) removed = g_strv_builder_new ();
  g_auto(GStrv) removed_ids = NULL;
  GListModel *list = G_LIST_MODEL (before->users);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (list, i);

      /* The list holds the user: the key may be borrowed. */
      g_hash_table_insert (known, (gpointer) seats_user_get_id (user), user);
    }

  for (guint i = 0; i < self->users->len; i++)
    {
      const char *id = seats_user_get_id (g_ptr_array_index (self->users, i));
      SeatsUser *old = g_hash_table_lookup (known, id);

      if (old != NULL)
        g_ptr_array_add (users, g_object_ref (old));
      else
        g_strv_builder_add (removed, id);
    }

  for (guint i = 0; self->removed_ids != NULL && self->removed_ids[i] != NULL; i++)
    {
      SeatsUser *old = g_hash_table_lookup (known, self->removed_ids[i]);

      if (old != NULL)
        g_ptr_array_add (users, g_object_ref (old));
    }

  removed_ids = g_strv_builder_end (removed);
  return seats_change_new_users_put (users, (const char * const *) removed_ids, self->source_name);
}

/* Orders put back as @before had them. */
static SeatsChange *
invert_orders_put (SeatsChange         *self,
                   const SeatsSnapshot *before)
{
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GStrvBuilder) removed = g_strv_builder_new ();
  g_auto(GStrv) removed_ids = NULL;
  GListModel *list = G_LIST_MODEL (before->orders);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(SeatsOrder) order = g_list_model_get_item (list, i);

      /* The list holds the order: the key may be borrowed. */
      g_hash_table_insert (known, (gpointer) seats_order_get_id (order), order);
    }

  for (guint i = 0; i < self->orders->len; i++)
    {
      const char *id = seats_order_get_id (g_ptr_array_index (self->orders, i));
      SeatsOrder *old = g_hash_table_lookup (known, id);

      if (old != NULL)
        g_ptr_array_add (orders, g_object_ref (old));
      else
        g_strv_builder_add (removed, id);
    }

  for (guint i = 0; self->removed_ids != NULL && self->removed_ids[i] != NULL; i++)
    {
      SeatsOrder *old = g_hash_table_lookup (known, self->removed_ids[i]);

      if (old != NULL)
        g_ptr_array_add (orders, g_object_ref (old));
    }

  removed_ids = g_strv_builder_end (removed);
  return seats_change_new_orders_put (orders, (const char * const *) removed_ids);
}

/**
 * seats_change_invert:
 * @before: the account as it was before the change was made
 *
 * The change that undoes @self: a selection activated is deactivated,
 * a module given is taken, a switch goes back, a next period's count and
 * billing details return to what @before had. A purchase, an activated
 * license, a loaded license file and a registered trial are not undone
 * this way: they are the vendor's to take back.
 *
 * Returns: (transfer full) (nullable): the inverse, or %NULL when there
 *   is none
 */
SeatsChange *
seats_change_invert (SeatsChange         *self,
                     const SeatsSnapshot *before)
{
  SeatsChange *inverse = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (before != NULL, NULL);

  switch (self->kind)
    {
    case SEATS_CHANGE_USERS_ACTIVE:
      inverse = seats_change_new_users_active ((const char * const *) self->user_ids, !self->on);
      break;

    case SEATS_CHANGE_MODULE:
      inverse = seats_change_new_module (self->product_id, (const char * const *) self->user_ids,
                                         !self->on);
      break;

    case SEATS_CHANGE_FEATURE:
      inverse = seats_change_new_feature (self->feature_id, !self->on);
      break;

    case SEATS_CHANGE_NEXT_PERIOD:
      {
        SeatsProduct *product = find_product (before, self->product_id);

        if (product != NULL)
          inverse = seats_change_new_next_period (self->product_id,
                                                  seats_product_get_next_period (product));
      }
      break;

    case SEATS_CHANGE_BILLING_DETAILS:
      if (before->billing_details != NULL)
        inverse = seats_change_new_billing_details (before->billing_details);
      break;

    case SEATS_CHANGE_TERMS:
      {
        g_autoptr(SeatsTerms) terms = seats_terms_from_snapshot (before);

        if (terms != NULL)
          inverse = seats_change_new_terms (terms);
      }
      break;

    case SEATS_CHANGE_USERS_PUT:
      inverse = invert_users_put (self, before);
      break;

    case SEATS_CHANGE_ORDERS_PUT:
      inverse = invert_orders_put (self, before);
      break;

    case SEATS_CHANGE_BUY:
    case SEATS_CHANGE_ACTIVATE_LICENSE:
    case SEATS_CHANGE_IMPORT_LICENSE:
    case SEATS_CHANGE_CONVERT_TRIAL:
    default:
      break;
    }

  return inverse;
}

/* The outbox's text. */

static void
add_string (GVariantBuilder *fields,
            const char      *name,
            const char      *value)
{
  if (value != NULL)
    g_variant_builder_add (fields, "{sv}", name, g_variant_new_string (value));
}

/**
 * seats_change_serialize:
 *
 * Returns: (transfer full): the change as text for the outbox, its basis
 *   included; seats_change_deserialize() reads it back
 */
char *
seats_change_serialize (SeatsChange *self)
{
  g_autoptr(GVariant) variant = NULL;
  GVariantBuilder fields, basis;

  g_return_val_if_fail (self != NULL, NULL);

  g_variant_builder_init (&fields, G_VARIANT_TYPE ("a{sv}"));
  add_string (&fields, "product-id", self->product_id);
  add_string (&fields, "feature-id", self->feature_id);
  add_string (&fields, "license-file", self->license_file);
  add_string (&fields, "serial-number", self->serial_number);
  add_string (&fields, "license-owner", self->license_owner);
  if (self->count > 0)
    g_variant_builder_add (&fields, "{sv}", "count", g_variant_new_uint32 (self->count));
  if (self->user_ids != NULL)
    g_variant_builder_add (&fields, "{sv}", "user-ids",
                           g_variant_new_strv ((const char * const *) self->user_ids, -1));
  g_variant_builder_add (&fields, "{sv}", "on", g_variant_new_boolean (self->on));
  add_string (&fields, "source-name", self->source_name);
  if (self->terms != NULL)
    g_variant_builder_add (&fields, "{sv}", "terms", seats_terms_to_variant (self->terms));
  if (self->users != NULL)
    {
      GVariantBuilder users;

      g_variant_builder_init (&users, G_VARIANT_TYPE ("aa{sv}"));
      for (guint i = 0; i < self->users->len; i++)
        g_variant_builder_add_value (&users, seats_user_to_variant (g_ptr_array_index (self->users, i)));
      g_variant_builder_add (&fields, "{sv}", "users", g_variant_builder_end (&users));
    }
  if (self->orders != NULL)
    {
      GVariantBuilder orders;

      g_variant_builder_init (&orders, G_VARIANT_TYPE ("aa{sv}"));
      for (guint i = 0; i < self->orders->len; i++)
        g_variant_builder_add_value (&orders, seats_order_to_variant (g_ptr_array_index (self->orders, i)));
      g_variant_builder_add (&fields, "{sv}", "orders", g_variant_builder_end (&orders));
    }
  if (self->removed_ids != NULL)
    g_variant_builder_add (&fields, "{sv}", "removed-ids",
                           g_variant_new_strv ((const char * const *) self->removed_ids, -1));

  if (self->billing_details != NULL)
    {
      GVariantBuilder details;

      g_variant_builder_init (&details, G_VARIANT_TYPE ("a{sv}"));
      for (guint i = 0; i < G_N_ELEMENTS (billing_fields); i++)
        add_string (&details, billing_fields[i].name, billing_fields[i].get (self->billing_details));
      g_variant_builder_add (&details, "{sv}", "e-invoicing",
                             g_variant_new_boolean (seats_billing_details_get_e_invoicing (self->billing_details)));
      g_variant_builder_add (&fields, "{sv}", "billing-details", g_variant_builder_end (&details));
    }

  g_variant_builder_init (&basis, G_VARIANT_TYPE ("a{ss}"));
  if (self->basis != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->basis);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_variant_builder_add (&basis, "{ss}", key, value);
    }

  variant = g_variant_ref_sink (g_variant_new (SERIAL_TYPE, SERIAL_VERSION, kind_names[self->kind],
                                               &fields, &basis));

  return g_variant_print (variant, FALSE);
}

static gboolean
lookup_kind (const char      *name,
             SeatsChangeKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (kind_names[i], name) == 0)
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}

static SeatsChange *
unreadable (GError     **error,
            const char  *why)
{
  g_set_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_UNREADABLE,
               /* Translators: %s says what is wrong, in English: it is for a bug report */
               _("A change waiting to be sent cannot be read (%s). It was not sent."), why);
  return NULL;
}

/**
 * seats_change_deserialize:
 * @text: what seats_change_serialize() wrote
 * @error: why it cannot be read
 *
 * Reads a change back from the outbox. Text that is not a change of a
 * known kind with the fields its kind needs is refused.
 *
 * Returns: (transfer full) (nullable): the change
 */
SeatsChange *
seats_change_deserialize (const char  *text,
                          GError     **error)
{
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) fields = NULL;
  g_autoptr(GVariant) basis = NULL;
  g_autoptr(GVariant) details = NULL;
  g_autoptr(SeatsChange) self = NULL;
  g_autofree const char **user_ids = NULL;
  const char *kind_name, *key, *value;
  SeatsChangeKind kind;
  GVariantIter iter;
  guint32 version;
  guint32 count = 0;
  gboolean on = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  variant = g_variant_parse (G_VARIANT_TYPE (SERIAL_TYPE), text, NULL, NULL, NULL);
  if (variant == NULL)
    return unreadable (error, "not a change");

  g_variant_get (variant, "(u&s@a{sv}@a{ss})", &version, &kind_name, &fields, &basis);
  if (version != SERIAL_VERSION)
    return unreadable (error, "unknown version");
  if (!lookup_kind (kind_name, &kind))
    return unreadable (error, "unknown kind");

  self = change_new (kind);
  g_variant_lookup (fields, "product-id", "s", &self->product_id);
  g_variant_lookup (fields, "feature-id", "s", &self->feature_id);
  g_variant_lookup (fields, "license-file", "s", &self->license_file);
  g_variant_lookup (fields, "serial-number", "s", &self->serial_number);
  g_variant_lookup (fields, "license-owner", "s", &self->license_owner);
  if (g_variant_lookup (fields, "count", "u", &count))
    self->count = count;
  if (g_variant_lookup (fields, "on", "b", &on))
    self->on = on;
  if (g_variant_lookup (fields, "user-ids", "^a&s", &user_ids))
    {
      if (user_ids[0] == NULL || g_strv_length ((char **) user_ids) > MAX_USER_IDS)
        return unreadable (error, "bad selection");
      self->user_ids = g_strdupv ((char **) user_ids);
    }

  g_variant_lookup (fields, "source-name", "s", &self->source_name);
  {
    g_autoptr(GVariant) terms = g_variant_lookup_value (fields, "terms", G_VARIANT_TYPE_VARDICT);
    g_autoptr(GVariant) users = g_variant_lookup_value (fields, "users", G_VARIANT_TYPE ("aa{sv}"));
    g_autofree const char **removed = NULL;

    if (terms != NULL && (self->terms = seats_terms_from_variant (terms)) == NULL)
      return unreadable (error, "bad terms");
    if (users != NULL)
      {
        GVariantIter users_iter;
        GVariant *user_variant;

        self->users = g_ptr_array_new_with_free_func (g_object_unref);
        g_variant_iter_init (&users_iter, users);
        while ((user_variant = g_variant_iter_next_value (&users_iter)) != NULL)
          {
            SeatsUser *user = seats_user_new_from_variant (user_variant);

            g_variant_unref (user_variant);
            if (user == NULL)
              return unreadable (error, "bad user");
            g_ptr_array_add (self->users, user);
          }
      }
    {
      g_autoptr(GVariant) orders = g_variant_lookup_value (fields, "orders", G_VARIANT_TYPE ("aa{sv}"));

      if (orders != NULL)
        {
          GVariantIter orders_iter;
          GVariant *order_variant;

          self->orders = g_ptr_array_new_with_free_func (g_object_unref);
          g_variant_iter_init (&orders_iter, orders);
          while ((order_variant = g_variant_iter_next_value (&orders_iter)) != NULL)
            {
              SeatsOrder *order = seats_order_new_from_variant (order_variant);

              g_variant_unref (order_variant);
              if (order == NULL)
                return unreadable (error, "bad order");
              g_ptr_array_add (self->orders, order);
            }
        }
    }
    if (g_variant_lookup (fields, "removed-ids", "^a&s", &removed))
      self->removed_ids = g_strdupv ((char **) removed);
  }

  details = g_variant_lookup_value (fields, "billing-details", G_VARIANT_TYPE ("a{sv}"));
  if (details != NULL)
    {
      gboolean e_invoicing = FALSE;

      self->billing_details = seats_billing_details_new ();
      for (guint i = 0; i < G_N_ELEMENTS (billing_fields); i++)
        {
          const char *field = NULL;

          if (g_variant_lookup (details, billing_fields[i].name, "&s", &field))
            billing_fields[i].set (self->billing_details, field);
        }
      g_variant_lookup (details, "e-invoicing", "b", &e_invoicing);
      seats_billing_details_set_e_invoicing (self->billing_details, e_invoicing);
    }

  /* What each kind cannot do without. */
  switch (kind)
    {
    case SEATS_CHANGE_BUY:
    case SEATS_CHANGE_NEXT_PERIOD:
      if (self->product_id == NULL)
        return unreadable (error, "no product");
      break;

    case SEATS_CHANGE_USERS_ACTIVE:
      if (self->user_ids == NULL)
        return unreadable (error, "no users");
      break;

    case SEATS_CHANGE_MODULE:
      if (self->product_id == NULL || self->user_ids == NULL)
        return unreadable (error, "no module or no users");
      break;

    case SEATS_CHANGE_FEATURE:
      if (self->feature_id == NULL)
        return unreadable (error, "no feature");
      break;

    case SEATS_CHANGE_BILLING_DETAILS:
      if (self->billing_details == NULL)
        return unreadable (error, "no billing details");
      break;

    case SEATS_CHANGE_IMPORT_LICENSE:
      if (self->license_file == NULL)
        return unreadable (error, "no license file");
      break;

    case SEATS_CHANGE_TERMS:
      if (self->terms == NULL)
        return unreadable (error, "no terms");
      break;

    case SEATS_CHANGE_USERS_PUT:
      if (self->users == NULL)
        return unreadable (error, "no users");
      break;

    case SEATS_CHANGE_ORDERS_PUT:
      if (self->orders == NULL)
        return unreadable (error, "no orders");
      break;

    case SEATS_CHANGE_ACTIVATE_LICENSE:
    case SEATS_CHANGE_CONVERT_TRIAL:
    default:
      break;
    }

  g_variant_iter_init (&iter, basis);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    seats_change_set_basis (self, key, value);

  return g_steal_pointer (&self);
}
