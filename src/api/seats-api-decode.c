/* seats-api-decode.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-api"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-api-decode.h"
#include "seats-api-error-private.h"
#include "seats-json-private.h"

#define SCIM_SEATS_EXTENSION "urn:ietf:params:scim:schemas:extension:seats:2.0:User"

/* @where is the item's place in the answer for error messages, or NULL
 * when the caller does not need one (decode_list()). */
typedef gpointer (*DecodeItemFunc) (JsonObject  *object,
                                    const char  *where,
                                    GError     **error);

void
seats_user_page_free (SeatsUserPage *page)
{
  if (page == NULL)
    return;

  g_clear_pointer (&page->users, g_ptr_array_unref);
  g_free (page);
}

static gboolean
decode_count (JsonObject  *object,
              const char  *where,
              const char  *member,
              guint       *value,
              GError     **error)
{
  gint64 v = 0;

  if (!seats_json_int (object, where, member, SEATS_JSON_REQUIRED, 0, SEATS_API_MAX_COUNT, &v, error))
    return FALSE;

  *value = (guint) v;
  return TRUE;
}

/* What a money amount may be: a price is never below zero, an invoice
 * may be (a credit note). */
typedef enum
{
  MONEY_NOT_NEGATIVE,
  MONEY_ANY_SIGN,
} MoneySign;

static gboolean
decode_money (JsonObject  *object,
              const char  *where,
              const char  *member,
              MoneySign    sign,
              gint64      *amount,
              const char **currency,
              GError     **error)
{
  g_autofree char *inner = where != NULL ? g_strdup_printf ("%s%s%s", where, *where ? "." : "", member)
                                         : NULL;
  JsonObject *money = NULL;

  if (!seats_json_member_object (object, where, member, SEATS_JSON_REQUIRED, &money, error) ||
      !seats_json_int (money, inner, "amount", SEATS_JSON_REQUIRED,
                       sign == MONEY_ANY_SIGN ? -SEATS_API_MAX_AMOUNT : 0,
                       SEATS_API_MAX_AMOUNT, amount, error) ||
      !seats_json_string (money, inner, "currency", SEATS_JSON_REQUIRED, currency, error))
    return FALSE;

  if (strlen (*currency) != 3 ||
      !g_ascii_isupper ((*currency)[0]) || !g_ascii_isupper ((*currency)[1]) ||
      !g_ascii_isupper ((*currency)[2]))
    {
      g_propagate_error (error, seats_json_malformed (inner, "currency", "not an ISO 4217 code"));
      return FALSE;
    }

  return TRUE;
}

/* A price the server may keep from a viewer (R15): null is
 * %SEATS_PRICE_NOT_SHARED, with no currency. */
static gboolean
decode_price (JsonObject  *object,
              const char  *where,
              const char  *member,
              gint64      *amount,
              const char **currency,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    {
      *amount = SEATS_PRICE_NOT_SHARED;
      *currency = NULL;
      return TRUE;
    }

  return decode_money (object, where, member, MONEY_NOT_NEGATIVE, amount, currency, error);
}

static gboolean
decode_enum (JsonObject  *object,
             const char  *where,
             const char  *member,
             GType        type,
             int         *value,
             GError     **error)
{
  g_autoptr(GEnumClass) klass = NULL;
  const char *str = NULL;
  GEnumValue *enum_value;

  if (!seats_json_string (object, where, member, SEATS_JSON_REQUIRED, &str, error))
    return FALSE;

  klass = g_type_class_ref (type);
  enum_value = g_enum_get_value_by_nick (klass, str);
  if (enum_value == NULL)
    {
      g_propagate_error (error, seats_json_malformed (where, member, "unknown value"));
      return FALSE;
    }

  *value = enum_value->value;
  return TRUE;
}

static GPtrArray *
decode_list (JsonNode        *root,
             const char      *member,
             DecodeItemFunc   decode_item,
             GError         **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *object = NULL;
  JsonArray *array = NULL;
  guint n;

  if (!seats_json_object (root, "", &object, error) ||
      !seats_json_array (object, "", member, SEATS_JSON_REQUIRED, SEATS_API_MAX_ITEMS, &array, error))
    return NULL;

  n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gpointer decoded = NULL;

      /* Where an item is matters only when it is wrong, and a page has a
       * thousand users: decode without a place (NULL) and, when that
       * fails, once more with one, for the message. */
      if (JSON_NODE_HOLDS_OBJECT (node))
        decoded = decode_item (json_node_get_object (node), NULL, NULL);

      if (decoded == NULL)
        {
          g_autofree char *where = g_strdup_printf ("%s[%u]", member, i);
          JsonObject *item = NULL;

          if (!seats_json_object (node, where, &item, error) ||
              !(decoded = decode_item (item, where, error)))
            return NULL;
        }

      g_ptr_array_add (items, decoded);
    }

  return g_steal_pointer (&items);
}

/* Keeps the ETag a resource carries in its body under @key, for If-Match. */
static gboolean
record_etag (JsonObject  *object,
             const char  *where,
             GHashTable  *etags,
             char        *key,
             GError     **error)
{
  g_autofree char *owned_key = key;
  const char *etag = NULL;

  if (!seats_json_string (object, where, "etag", SEATS_JSON_OPTIONAL, &etag, error))
    return FALSE;

  if (etags != NULL && etag != NULL)
    g_hash_table_replace (etags, g_steal_pointer (&owned_key), g_strdup (etag));

  return TRUE;
}

static gpointer
decode_single (JsonNode        *root,
               DecodeItemFunc   decode_item,
               GError         **error)
{
  JsonObject *object = NULL;

  if (!seats_json_object (root, "", &object, error))
    return NULL;

  return decode_item (object, "", error);
}

static SeatsPolicy *
decode_policy (JsonObject  *object,
               const char  *where,
               GError     **error)
{
  g_autoptr(SeatsPolicy) policy = seats_policy_new ();
  int seat_floor, activation;
  gint64 min_seats = 1, grace_days = 7;

  if (!decode_enum (object, where, "seat_floor", SEATS_TYPE_SEAT_FLOOR, &seat_floor, error) ||
      !decode_enum (object, where, "activation", SEATS_TYPE_ACTIVATION, &activation, error) ||
      !seats_json_int (object, where, "min_seats", SEATS_JSON_REQUIRED, 1, SEATS_API_MAX_COUNT,
                       &min_seats, error) ||
      !seats_json_int (object, where, "grace_days", SEATS_JSON_REQUIRED, 0, 366, &grace_days, error))
    return NULL;

  seats_policy_set_seat_floor (policy, seat_floor);
  seats_policy_set_activation (policy, activation);
  seats_policy_set_min_seats (policy, (guint) min_seats);
  seats_policy_set_grace_days (policy, (guint) grace_days);

  return g_steal_pointer (&policy);
}

static gpointer
decode_account_object (JsonObject  *object,
                       const char  *where,
                       GError     **error)
{
  g_autoptr(SeatsAccount) account = seats_account_new ();
  g_autoptr(SeatsPolicy) policy = NULL;
  JsonObject *policy_object = NULL;
  JsonObject *reseller = NULL;
  JsonObject *trial = NULL;
  const char *id, *slug, *name, *currency, *key;
  const char *serial = NULL, *owner = NULL, *shop = NULL, *upstream = NULL;
  const char *time_zone = NULL;
  int role;

  if (!seats_json_string (object, where, "id", SEATS_JSON_REQUIRED, &id, error) ||
      !seats_json_string (object, where, "slug", SEATS_JSON_REQUIRED, &slug, error) ||
      !seats_json_string (object, where, "name", SEATS_JSON_REQUIRED, &name, error) ||
      !decode_enum (object, where, "role", SEATS_TYPE_ROLE, &role, error) ||
      !seats_json_string (object, where, "currency", SEATS_JSON_REQUIRED, &currency, error) ||
      !seats_json_string (object, where, "vendor_public_key", SEATS_JSON_REQUIRED, &key, error) ||
      !seats_json_string (object, where, "serial_number", SEATS_JSON_OPTIONAL, &serial, error) ||
      !seats_json_string (object, where, "license_owner", SEATS_JSON_OPTIONAL, &owner, error) ||
      !seats_json_string (object, where, "shop_url", SEATS_JSON_OPTIONAL, &shop, error) ||
      !seats_json_string (object, where, "upstream_system", SEATS_JSON_OPTIONAL, &upstream, error) ||
      !seats_json_string (object, where, "time_zone", SEATS_JSON_OPTIONAL, &time_zone, error) ||
      !seats_json_member_object (object, where, "policy", SEATS_JSON_REQUIRED, &policy_object, error) ||
      !seats_json_member_object (object, where, "reseller", SEATS_JSON_OPTIONAL, &reseller, error) ||
      !seats_json_member_object (object, where, "trial", SEATS_JSON_OPTIONAL, &trial, error))
    return NULL;

  if (!(policy = decode_policy (policy_object, "policy", error)))
    return NULL;

  if (reseller != NULL)
    {
      const char *reseller_name, *reseller_url;

      if (!seats_json_string (reseller, "reseller", "name", SEATS_JSON_REQUIRED, &reseller_name, error) ||
          !seats_json_string (reseller, "reseller", "url", SEATS_JSON_REQUIRED, &reseller_url, error))
        return NULL;

      seats_policy_set_reseller_name (policy, reseller_name);
      seats_policy_set_reseller_url (policy, reseller_url);
    }

  /* A zone is a name, never a path or a rule for GLib to read. */
  if (time_zone != NULL && !seats_time_zone_id_is_valid (time_zone))
    {
      g_propagate_error (error, seats_json_malformed (where, "time_zone", "not a time zone"));
      return NULL;
    }

  if (trial != NULL)
    {
      guint32 end = 0;

      if (!seats_json_date (trial, "trial", "end_date", SEATS_JSON_REQUIRED, &end, error))
        return NULL;

      seats_account_set_is_trial (account, TRUE);
      seats_account_set_trial_end_julian (account, end);
    }

  seats_account_set_id (account, id);
  seats_account_set_slug (account, slug);
  seats_account_set_name (account, name);
  seats_account_set_role (account, role);
  seats_account_set_currency (account, currency);
  seats_account_set_vendor_public_key (account, key);
  seats_account_set_serial_number (account, serial);
  seats_account_set_license_owner (account, owner);
  seats_account_set_shop_url (account, shop);
  seats_account_set_upstream_system (account, upstream);
  seats_account_set_time_zone (account, time_zone);
  seats_account_set_policy (account, policy);

  return g_steal_pointer (&account);
}

SeatsAccount *
seats_api_decode_account (JsonNode  *root,
                          GError   **error)
{
  return decode_single (root, decode_account_object, error);
}

static gpointer
decode_product_object (JsonObject  *object,
                       const char  *where,
                       GError     **error)
{
  g_autoptr(SeatsProduct) product = seats_product_new ();
  const char *id, *name, *currency;
  guint purchased, in_use, next_period;
  gboolean enabled = TRUE;
  gint64 price;
  int kind;

  if (!seats_json_string (object, where, "id", SEATS_JSON_REQUIRED, &id, error) ||
      !seats_json_string (object, where, "name", SEATS_JSON_REQUIRED, &name, error) ||
      !decode_enum (object, where, "kind", SEATS_TYPE_PRODUCT_KIND, &kind, error) ||
      !decode_count (object, where, "purchased", &purchased, error) ||
      !decode_count (object, where, "in_use", &in_use, error) ||
      !decode_count (object, where, "next_period", &next_period, error) ||
      !decode_price (object, where, "price", &price, &currency, error) ||
      !seats_json_boolean (object, where, "enabled", SEATS_JSON_REQUIRED, &enabled, error))
    return NULL;

  seats_product_set_id (product, id);
  seats_product_set_name (product, name);
  seats_product_set_kind (product, kind);
  seats_product_set_purchased (product, purchased);
  seats_product_set_in_use (product, in_use);
  seats_product_set_next_period (product, next_period);
  seats_product_set_price (product, price);
  seats_product_set_currency (product, currency);
  seats_product_set_enabled (product, enabled);

  return g_steal_pointer (&product);
}

SeatsProduct *
seats_api_decode_product (JsonNode  *root,
                          GError   **error)
{
  return decode_single (root, decode_product_object, error);
}

static gboolean
record_list_etags (JsonNode    *root,
                   const char  *member,
                   const char  *prefix,
                   GHashTable  *etags,
                   GError     **error)
{
  JsonArray *array = json_object_get_array_member (json_node_get_object (root), member);

  /* decode_list() has checked the shape already. */
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      const char *id = json_object_get_string_member (item, "id");

      if (!record_etag (item, member, etags, g_strconcat (prefix, id, NULL), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
record_product_etags (JsonNode    *root,
                      GHashTable  *etags,
                      GError     **error)
{
  return record_list_etags (root, "products", SEATS_ETAG_PRODUCT, etags, error);
}

SeatsSubscription *
seats_api_decode_subscription (JsonNode    *root,
                               GPtrArray  **products,
                               GHashTable  *etags,
                               GError     **error)
{
  g_autoptr(SeatsSubscription) subscription = seats_subscription_new ();
  g_autoptr(GPtrArray) decoded = NULL;
  JsonObject *object = NULL;
  JsonObject *period = NULL;
  const char *edition, *currency, *total_currency;
  guint32 start = 0, end = 0;
  gint64 months = 0, used = 0, included = 0, monthly = 0, total = 0;

  g_return_val_if_fail (products != NULL, NULL);

  if (!seats_json_object (root, "", &object, error) ||
      !seats_json_member_object (object, "", "period", SEATS_JSON_REQUIRED, &period, error) ||
      !seats_json_date (period, "period", "start", SEATS_JSON_REQUIRED, &start, error) ||
      !seats_json_date (period, "period", "end", SEATS_JSON_REQUIRED, &end, error) ||
      !seats_json_int (period, "period", "months", SEATS_JSON_REQUIRED, 1, 120, &months, error) ||
      !seats_json_string (object, "", "edition", SEATS_JSON_REQUIRED, &edition, error) ||
      !seats_json_int (object, "", "storage_used", SEATS_JSON_REQUIRED, 0, G_MAXINT64, &used, error) ||
      !seats_json_int (object, "", "storage_included", SEATS_JSON_REQUIRED, 0, G_MAXINT64,
                       &included, error) ||
      !decode_price (object, "", "monthly_price", &monthly, &currency, error) ||
      !decode_price (object, "", "total_price", &total, &total_currency, error))
    return NULL;

  if (end <= start)
    {
      g_propagate_error (error, seats_json_malformed ("period", "end", "not after the start"));
      return NULL;
    }

  if (!(decoded = decode_list (root, "products", decode_product_object, error)))
    return NULL;

  if (etags != NULL && !record_product_etags (root, etags, error))
    return NULL;

  seats_subscription_set_period_start_julian (subscription, start);
  seats_subscription_set_period_end_julian (subscription, end);
  seats_subscription_set_period_months (subscription, (guint) months);
  seats_subscription_set_edition (subscription, edition);
  seats_subscription_set_storage_used (subscription, (guint64) used);
  seats_subscription_set_storage_included (subscription, (guint64) included);
  seats_subscription_set_monthly_price (subscription, monthly);
  seats_subscription_set_total_price (subscription, total);
  seats_subscription_set_currency (subscription, currency);

  *products = g_steal_pointer (&decoded);

  return g_steal_pointer (&subscription);
}

/* A SCIM version is opaque (RFC 7644 3.14), but it goes back to the source
 * in an If-Match header: printable ASCII, and not endless. */
static gboolean
is_version (const char *version)
{
  gsize length = 0;

  for (const char *p = version; *p != '\0'; p++, length++)
    if (*p < 0x20 || *p > 0x7e || length >= 256)
      return FALSE;

  return length > 0;
}

static gpointer
decode_user_object (JsonObject  *object,
                    const char  *where,
                    GError     **error)
{
  g_autoptr(SeatsUser) user = seats_user_new ();
  g_autofree char *ext_where = NULL;
  g_autofree char *meta_where = NULL;
  g_autofree const char **modules = NULL;
  JsonObject *name = NULL;
  JsonObject *meta = NULL;
  JsonObject *ext = NULL;
  JsonArray *emails = NULL;
  JsonArray *module_array = NULL;
  const char *id, *user_name, *display_name, *email = NULL, *version = NULL;
  /* Only id and userName are required of a SCIM user (RFC 7643 4.1): one
   * without "active" is active, one without the Seats extension has no
   * dates or modules. */
  gboolean active = TRUE;
  guint32 start = 0, end = 0, deadline = 0;
  gint64 created = 0, modified = 0;
  guint n_modules;

  if (!seats_json_string (object, where, "id", SEATS_JSON_REQUIRED, &id, error) ||
      !seats_json_string (object, where, "userName", SEATS_JSON_REQUIRED, &user_name, error) ||
      !seats_json_string (object, where, "displayName", SEATS_JSON_OPTIONAL, &display_name, error) ||
      !seats_json_member_object (object, where, "name", SEATS_JSON_OPTIONAL, &name, error) ||
      !seats_json_boolean (object, where, "active", SEATS_JSON_OPTIONAL, &active, error) ||
      !seats_json_array (object, where, "emails", SEATS_JSON_OPTIONAL, 100, &emails, error) ||
      !seats_json_member_object (object, where, "meta", SEATS_JSON_OPTIONAL, &meta, error) ||
      !seats_json_member_object (object, where, SCIM_SEATS_EXTENSION, SEATS_JSON_OPTIONAL, &ext, error))
    return NULL;

  meta_where = where != NULL ? g_strdup_printf ("%s.meta", where) : NULL;
  if (meta != NULL &&
      (!seats_json_timestamp (meta, meta_where, "created", SEATS_JSON_OPTIONAL, &created, error) ||
       !seats_json_timestamp (meta, meta_where, "lastModified", SEATS_JSON_OPTIONAL, &modified, error) ||
       !seats_json_string (meta, meta_where, "version", SEATS_JSON_OPTIONAL, &version, error)))
    return NULL;

  if (version != NULL && !is_version (version))
    {
      g_propagate_error (error, seats_json_malformed (meta_where, "version", "not an ETag"));
      return NULL;
    }

  ext_where = where != NULL ? g_strdup_printf ("%s.extension", where) : NULL;
  if (ext != NULL &&
      (!seats_json_date (ext, ext_where, "startDate", SEATS_JSON_OPTIONAL, &start, error) ||
       !seats_json_date (ext, ext_where, "endDate", SEATS_JSON_OPTIONAL, &end, error) ||
       !seats_json_date (ext, ext_where, "graceDeadline", SEATS_JSON_OPTIONAL, &deadline, error) ||
       !seats_json_array (ext, ext_where, "modules", SEATS_JSON_OPTIONAL, SEATS_API_MAX_MODULES,
                          &module_array, error)))
    return NULL;

  /* The primary address, or the first when none is marked primary. */
  for (guint i = 0; emails != NULL && i < json_array_get_length (emails); i++)
    {
      g_autofree char *email_where = where != NULL ? g_strdup_printf ("%s.emails[%u]", where, i) : NULL;
      JsonObject *entry = NULL;
      const char *value = NULL;
      gboolean primary = FALSE;

      if (!seats_json_object (json_array_get_element (emails, i), email_where, &entry, error) ||
          !seats_json_string (entry, email_where, "value", SEATS_JSON_REQUIRED, &value, error) ||
          !seats_json_boolean (entry, email_where, "primary", SEATS_JSON_OPTIONAL, &primary, error))
        return NULL;

      if (email == NULL || primary)
        email = value;
    }

  if (display_name == NULL && name != NULL &&
      !seats_json_string (name, where, "formatted", SEATS_JSON_OPTIONAL, &display_name, error))
    return NULL;

  n_modules = module_array != NULL ? json_array_get_length (module_array) : 0;
  modules = g_new0 (const char *, n_modules + 1);
  for (guint i = 0; i < n_modules; i++)
    {
      JsonNode *node = json_array_get_element (module_array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_propagate_error (error, seats_json_malformed (ext_where, "modules", "expected strings"));
          return NULL;
        }
      modules[i] = json_node_get_string (node);
    }

  seats_user_set_id (user, id);
  seats_user_set_user_name (user, user_name);
  seats_user_set_display_name (user, display_name != NULL ? display_name : user_name);
  seats_user_set_email (user, email);
  seats_user_set_active (user, active);
  seats_user_set_start_date_julian (user, start);
  seats_user_set_end_date_julian (user, end);
  seats_user_set_grace_deadline_julian (user, deadline);
  seats_user_set_created (user, created);
  seats_user_set_modified (user, modified);
  seats_user_set_modules (user, modules);
  seats_user_set_version (user, version);

  return g_steal_pointer (&user);
}

SeatsUser *
seats_api_decode_user (JsonNode  *root,
                       GError   **error)
{
  return decode_single (root, decode_user_object, error);
}

SeatsUserPage *
seats_api_decode_user_page (JsonNode  *root,
                            GError   **error)
{
  g_autoptr(SeatsUserPage) page = g_new0 (SeatsUserPage, 1);
  JsonObject *object = NULL;
  gint64 total = -1, start_index = 1;

  /* RFC 7644 3.4.2 requires totalResults, and a service that leaves it out
   * is read to its first empty page: the caller decides what it believes. */
  if (!seats_json_object (root, "", &object, error) ||
      !seats_json_int (object, "", "totalResults", SEATS_JSON_OPTIONAL, 0, SEATS_API_MAX_COUNT,
                       &total, error) ||
      !seats_json_int (object, "", "startIndex", SEATS_JSON_OPTIONAL, 1, SEATS_API_MAX_COUNT,
                       &start_index, error))
    return NULL;

  /* An empty SCIM list may leave Resources out. */
  if (json_object_get_member (object, "Resources") == NULL)
    page->users = g_ptr_array_new_with_free_func (g_object_unref);
  else if (!(page->users = decode_list (root, "Resources", decode_user_object, error)))
    return NULL;

  page->has_total = total >= 0;
  if (page->has_total && page->users->len > (guint) total)
    {
      g_propagate_error (error, seats_json_malformed ("", "totalResults", "fewer than listed"));
      return NULL;
    }

  page->total = page->has_total ? (guint) total : 0;
  page->start_index = (guint) start_index;

  return g_steal_pointer (&page);
}

static gpointer
decode_order_object (JsonObject  *object,
                     const char  *where,
                     GError     **error)
{
  g_autoptr(SeatsOrder) order = seats_order_new ();
  g_autofree char *period_where = where != NULL ? g_strdup_printf ("%s.period", where) : NULL;
  JsonObject *period = NULL;
  const char *id, *product_id, *currency, *product_name = NULL, *actor = NULL;
  gint64 created = 0, amount = 0, quantity = 0;
  guint32 start = 0, end = 0;

  if (!seats_json_string (object, where, "id", SEATS_JSON_REQUIRED, &id, error) ||
      !seats_json_timestamp (object, where, "created", SEATS_JSON_REQUIRED, &created, error) ||
      !seats_json_string (object, where, "product_id", SEATS_JSON_REQUIRED, &product_id, error) ||
      !seats_json_string (object, where, "product_name", SEATS_JSON_OPTIONAL, &product_name, error) ||
      !seats_json_string (object, where, "actor", SEATS_JSON_OPTIONAL, &actor, error) ||
      !seats_json_int (object, where, "quantity", SEATS_JSON_REQUIRED, 1, SEATS_API_MAX_COUNT,
                       &quantity, error) ||
      !decode_money (object, where, "amount", MONEY_NOT_NEGATIVE, &amount, &currency, error) ||
      !seats_json_member_object (object, where, "period", SEATS_JSON_REQUIRED, &period, error) ||
      !seats_json_date (period, period_where, "start", SEATS_JSON_REQUIRED, &start, error) ||
      !seats_json_date (period, period_where, "end", SEATS_JSON_REQUIRED, &end, error))
    return NULL;

  seats_order_set_id (order, id);
  seats_order_set_created (order, created);
  seats_order_set_product_id (order, product_id);
  seats_order_set_product_name (order, product_name);
  seats_order_set_actor (order, actor);
  seats_order_set_quantity (order, (guint) quantity);
  seats_order_set_amount (order, amount);
  seats_order_set_currency (order, currency);
  seats_order_set_period_start_julian (order, start);
  seats_order_set_period_end_julian (order, end);

  return g_steal_pointer (&order);
}

SeatsOrder *
seats_api_decode_order (JsonNode  *root,
                        GError   **error)
{
  return decode_single (root, decode_order_object, error);
}

GPtrArray *
seats_api_decode_orders (JsonNode  *root,
                         GError   **error)
{
  return decode_list (root, "items", decode_order_object, error);
}

static gpointer
decode_invoice_object (JsonObject  *object,
                       const char  *where,
                       GError     **error)
{
  g_autoptr(SeatsInvoice) invoice = seats_invoice_new ();
  const char *id, *number, *currency, *status, *description = NULL;
  guint32 issued = 0, due = 0;
  gint64 amount = 0;

  if (!seats_json_string (object, where, "id", SEATS_JSON_REQUIRED, &id, error) ||
      !seats_json_string (object, where, "number", SEATS_JSON_REQUIRED, &number, error) ||
      !seats_json_date (object, where, "issued", SEATS_JSON_REQUIRED, &issued, error) ||
      !seats_json_date (object, where, "due", SEATS_JSON_REQUIRED, &due, error) ||
      !decode_money (object, where, "amount", MONEY_ANY_SIGN, &amount, &currency, error) ||
      !seats_json_string (object, where, "status", SEATS_JSON_REQUIRED, &status, error) ||
      !seats_json_string (object, where, "description", SEATS_JSON_OPTIONAL, &description, error))
    return NULL;

  seats_invoice_set_description (invoice, description);
  seats_invoice_set_id (invoice, id);
  seats_invoice_set_number (invoice, number);
  seats_invoice_set_issued_julian (invoice, issued);
  seats_invoice_set_due_julian (invoice, due);
  seats_invoice_set_amount (invoice, amount);
  seats_invoice_set_currency (invoice, currency);
  seats_invoice_set_status (invoice, status);

  return g_steal_pointer (&invoice);
}

GPtrArray *
seats_api_decode_invoices (JsonNode  *root,
                           GError   **error)
{
  return decode_list (root, "items", decode_invoice_object, error);
}

static gpointer
decode_action_object (JsonObject  *object,
                      const char  *where,
                      GError     **error)
{
  g_autoptr(SeatsActionEntry) entry = seats_action_entry_new ();
  const char *id, *actor, *action, *subject, *before = NULL, *after = NULL;
  gint64 timestamp = 0;

  if (!seats_json_string (object, where, "id", SEATS_JSON_REQUIRED, &id, error) ||
      !seats_json_timestamp (object, where, "timestamp", SEATS_JSON_REQUIRED, &timestamp, error) ||
      !seats_json_string (object, where, "actor", SEATS_JSON_REQUIRED, &actor, error) ||
      !seats_json_string (object, where, "action", SEATS_JSON_REQUIRED, &action, error) ||
      !seats_json_string (object, where, "subject", SEATS_JSON_REQUIRED, &subject, error) ||
      !seats_json_string (object, where, "before", SEATS_JSON_OPTIONAL, &before, error) ||
      !seats_json_string (object, where, "after", SEATS_JSON_OPTIONAL, &after, error))
    return NULL;

  seats_action_entry_set_id (entry, id);
  seats_action_entry_set_timestamp (entry, timestamp);
  seats_action_entry_set_actor (entry, actor);
  seats_action_entry_set_action (entry, action);
  seats_action_entry_set_subject (entry, subject);
  seats_action_entry_set_before (entry, before);
  seats_action_entry_set_after (entry, after);

  return g_steal_pointer (&entry);
}

GPtrArray *
seats_api_decode_actions (JsonNode  *root,
                          GError   **error)
{
  return decode_list (root, "items", decode_action_object, error);
}

static gpointer
decode_feature_object (JsonObject  *object,
                       const char  *where,
                       GError     **error)
{
  g_autoptr(SeatsFeature) feature = seats_feature_new ();
  const char *id, *name, *description, *currency = NULL;
  gboolean enabled = FALSE;
  gint64 fee = 0;
  int kind;

  if (!seats_json_string (object, where, "id", SEATS_JSON_REQUIRED, &id, error) ||
      !seats_json_string (object, where, "name", SEATS_JSON_REQUIRED, &name, error) ||
      !seats_json_string (object, where, "description", SEATS_JSON_OPTIONAL, &description, error) ||
      !decode_enum (object, where, "kind", SEATS_TYPE_FEATURE_KIND, &kind, error) ||
      !seats_json_boolean (object, where, "enabled", SEATS_JSON_REQUIRED, &enabled, error))
    return NULL;

  /* An integration has a flat monthly fee; a feature has none. */
  if (json_object_get_member (object, "monthly_fee") != NULL &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "monthly_fee")) &&
      !decode_money (object, where, "monthly_fee", MONEY_NOT_NEGATIVE, &fee, &currency, error))
    return NULL;

  seats_feature_set_kind (feature, kind);
  seats_feature_set_monthly_fee (feature, fee);
  seats_feature_set_currency (feature, currency);

  seats_feature_set_id (feature, id);
  seats_feature_set_name (feature, name);
  seats_feature_set_description (feature, description);
  seats_feature_set_enabled (feature, enabled);

  return g_steal_pointer (&feature);
}

SeatsFeature *
seats_api_decode_feature (JsonNode  *root,
                          GError   **error)
{
  return decode_single (root, decode_feature_object, error);
}

GPtrArray *
seats_api_decode_features (JsonNode    *root,
                           GHashTable  *etags,
                           GError     **error)
{
  g_autoptr(GPtrArray) features = decode_list (root, "items", decode_feature_object, error);

  if (features == NULL)
    return NULL;

  if (etags != NULL && !record_list_etags (root, "items", SEATS_ETAG_FEATURE, etags, error))
    return NULL;

  return g_steal_pointer (&features);
}

static gpointer
decode_billing_object (JsonObject  *object,
                       const char  *where,
                       GError     **error)
{
  g_autoptr(SeatsBillingDetails) billing = seats_billing_details_new ();
  JsonObject *contact = NULL, *address = NULL, *e_invoicing = NULL;
  const char *company, *vat, *user_id = NULL, *email = NULL;
  const char *street, *postal_code, *city, *country;
  const char *e_address = NULL, *operator_code = NULL;
  gboolean e_enabled = FALSE;

  if (!seats_json_string (object, where, "company_name", SEATS_JSON_REQUIRED, &company, error) ||
      !seats_json_string (object, where, "vat_number", SEATS_JSON_REQUIRED, &vat, error) ||
      !seats_json_member_object (object, where, "contact", SEATS_JSON_REQUIRED, &contact, error) ||
      !seats_json_member_object (object, where, "postal_address", SEATS_JSON_REQUIRED, &address, error) ||
      !seats_json_member_object (object, where, "e_invoicing", SEATS_JSON_REQUIRED, &e_invoicing, error) ||
      !seats_json_string (contact, "contact", "user_id", SEATS_JSON_OPTIONAL, &user_id, error) ||
      !seats_json_string (contact, "contact", "email", SEATS_JSON_OPTIONAL, &email, error) ||
      !seats_json_string (address, "postal_address", "street", SEATS_JSON_REQUIRED, &street, error) ||
      !seats_json_string (address, "postal_address", "postal_code", SEATS_JSON_REQUIRED,
                          &postal_code, error) ||
      !seats_json_string (address, "postal_address", "city", SEATS_JSON_REQUIRED, &city, error) ||
      !seats_json_string (address, "postal_address", "country", SEATS_JSON_REQUIRED, &country, error) ||
      !seats_json_boolean (e_invoicing, "e_invoicing", "enabled", SEATS_JSON_REQUIRED, &e_enabled, error) ||
      !seats_json_string (e_invoicing, "e_invoicing", "address", SEATS_JSON_OPTIONAL, &e_address, error) ||
      !seats_json_string (e_invoicing, "e_invoicing", "operator_code", SEATS_JSON_OPTIONAL,
                          &operator_code, error))
    return NULL;

  seats_billing_details_set_company_name (billing, company);
  seats_billing_details_set_vat_number (billing, vat);
  seats_billing_details_set_contact_user_id (billing, user_id);
  seats_billing_details_set_contact_email (billing, email);
  seats_billing_details_set_street (billing, street);
  seats_billing_details_set_postal_code (billing, postal_code);
  seats_billing_details_set_city (billing, city);
  seats_billing_details_set_country (billing, country);
  seats_billing_details_set_e_invoicing (billing, e_enabled);
  seats_billing_details_set_e_invoice_address (billing, e_address);
  seats_billing_details_set_operator_code (billing, operator_code);

  return g_steal_pointer (&billing);
}

SeatsBillingDetails *
seats_api_decode_billing (JsonNode    *root,
                          GHashTable  *etags,
                          GError     **error)
{
  g_autoptr(SeatsBillingDetails) billing = decode_single (root, decode_billing_object, error);

  if (billing == NULL)
    return NULL;

  if (!record_etag (json_node_get_object (root), "", etags, g_strdup (SEATS_ETAG_BILLING), error))
    return NULL;

  return g_steal_pointer (&billing);
}

static gpointer
decode_change_object (JsonObject  *object,
                      const char  *where,
                      GError     **error)
{
  g_autoptr(SeatsLicenseChange) change = seats_license_change_new ();
  const char *product_id, *product_name;
  guint current, new_count, in_use;

  if (!seats_json_string (object, where, "product_id", SEATS_JSON_REQUIRED, &product_id, error) ||
      !seats_json_string (object, where, "product_name", SEATS_JSON_REQUIRED, &product_name, error) ||
      !decode_count (object, where, "current", &current, error) ||
      !decode_count (object, where, "new", &new_count, error) ||
      !decode_count (object, where, "in_use", &in_use, error))
    return NULL;

  seats_license_change_set_product_id (change, product_id);
  seats_license_change_set_product_name (change, product_name);
  seats_license_change_set_current_count (change, current);
  seats_license_change_set_new_count (change, new_count);
  seats_license_change_set_in_use (change, in_use);

  return g_steal_pointer (&change);
}

SeatsPendingLicense *
seats_api_decode_pending (JsonNode    *root,
                          GHashTable  *etags,
                          GError     **error)
{
  g_autoptr(SeatsPendingLicense) pending = seats_pending_license_new ();
  g_autoptr(GPtrArray) changes = NULL;
  JsonObject *object = NULL;
  const char *id;
  guint32 issued = 0, expires = 0;

  if (!seats_json_object (root, "", &object, error) ||
      !seats_json_string (object, "", "id", SEATS_JSON_REQUIRED, &id, error) ||
      !seats_json_date (object, "", "issued", SEATS_JSON_REQUIRED, &issued, error) ||
      !seats_json_date (object, "", "expires", SEATS_JSON_REQUIRED, &expires, error) ||
      !(changes = decode_list (root, "changes", decode_change_object, error)) ||
      !record_etag (object, "", etags, g_strdup (SEATS_ETAG_PENDING_LICENSE), error))
    return NULL;

  seats_pending_license_set_id (pending, id);
  seats_pending_license_set_issued_julian (pending, issued);
  seats_pending_license_set_expiry_julian (pending, expires);
  seats_pending_license_set_changes (pending,
                                     (SeatsLicenseChange **) changes->pdata,
                                     changes->len);

  return g_steal_pointer (&pending);
}

/**
 * seats_api_decode_deletions:
 * @root: the answer of GET /api/v1/users/deletions
 * @now: (out): the server's time of the answer: the next "since"
 * @error: why it could not be read
 *
 * Returns: (transfer full): the ids of the users deleted upstream
 */
GStrv
seats_api_decode_deletions (JsonNode  *root,
                            gint64    *now,
                            GError   **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonObject *object = NULL;
  JsonArray *items = NULL;

  if (!seats_json_object (root, "", &object, error) ||
      !seats_json_timestamp (object, "", "now", SEATS_JSON_REQUIRED, now, error) ||
      !seats_json_array (object, "", "items", SEATS_JSON_REQUIRED, SEATS_API_MAX_ITEMS, &items, error))
    return NULL;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autofree char *where = g_strdup_printf ("items[%u]", i);
      JsonObject *item = NULL;
      const char *id;

      if (!seats_json_object (json_array_get_element (items, i), where, &item, error) ||
          !seats_json_string (item, where, "id", SEATS_JSON_REQUIRED, &id, error))
        return NULL;

      g_strv_builder_add (builder, id);
    }

  return g_strv_builder_end (builder);
}

gboolean
seats_api_decode_revision (JsonNode        *root,
                       SeatsRevision  *state,
                       GError         **error)
{
  JsonObject *object = NULL;
  gint64 total = 0;

  g_return_val_if_fail (state != NULL, FALSE);

  if (!seats_json_object (root, "", &object, error) ||
      !seats_json_int (object, "", "revision", SEATS_JSON_REQUIRED, 0, G_MAXINT64, &state->revision, error) ||
      !seats_json_timestamp (object, "", "now", SEATS_JSON_REQUIRED, &state->now, error) ||
      !seats_json_timestamp (object, "", "users_modified", SEATS_JSON_OPTIONAL, &state->users_modified, error) ||
      !seats_json_int (object, "", "users_total", SEATS_JSON_REQUIRED, 0, SEATS_API_MAX_COUNT, &total, error))
    return FALSE;

  state->users_total = (guint) total;
  return TRUE;
}

static gpointer
decode_history_object (JsonObject  *object,
                       const char  *where,
                       GError     **error)
{
  g_autoptr(SeatsHistoryPoint) point = seats_history_point_new ();
  const char *month = NULL;
  guint purchased, used;
  guint year = 0, month_number = 0;

  if (!seats_json_string (object, where, "month", SEATS_JSON_REQUIRED, &month, error) ||
      !decode_count (object, where, "purchased", &purchased, error) ||
      !decode_count (object, where, "used", &used, error))
    return NULL;

  /* "2026-11" */
  if (strlen (month) != 7 || month[4] != '-' ||
      !g_ascii_isdigit (month[0]) || !g_ascii_isdigit (month[1]) ||
      !g_ascii_isdigit (month[2]) || !g_ascii_isdigit (month[3]) ||
      !g_ascii_isdigit (month[5]) || !g_ascii_isdigit (month[6]))
    {
      g_propagate_error (error, seats_json_malformed (where, "month", "expected YYYY-MM"));
      return NULL;
    }

  year = (guint) g_ascii_strtoull (month, NULL, 10);
  month_number = (guint) g_ascii_strtoull (month + 5, NULL, 10);
  if (seats_julian_from_ymd (year, month_number, 1) == SEATS_JULIAN_NONE)
    {
      g_propagate_error (error, seats_json_malformed (where, "month", "expected YYYY-MM"));
      return NULL;
    }

  seats_history_point_set_month_julian (point, seats_julian_from_ymd (year, month_number, 1));
  seats_history_point_set_purchased (point, purchased);
  seats_history_point_set_used (point, used);

  return g_steal_pointer (&point);
}

/**
 * seats_api_decode_history:
 * @root: the answer of GET /api/v1/subscription/history
 * @error: why it could not be read
 *
 * Returns: (transfer full) (element-type SeatsHistoryPoint): the months, oldest first
 */
GPtrArray *
seats_api_decode_history (JsonNode  *root,
                          GError   **error)
{
  return decode_list (root, "items", decode_history_object, error);
}

/* A member that must be there, whatever its kind. */
static JsonNode *
require_member (JsonObject  *object,
                const char  *member,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    g_propagate_error (error, seats_json_malformed ("", member, "missing"));

  return node;
}

static void
fill_store (GListStore *store,
            GPtrArray  *items)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

/**
 * seats_api_decode_delta:
 * @root: the answer of GET /api/v1/delta
 * @pull: an empty %SEATS_PULL_DELTA to fill
 * @users_more: (out): whether more users changed than the answer holds
 * @error: why it cannot be decoded
 *
 * Everything small as it is now, the orders and log entries since the
 * moment asked for (to merge with those known), the users changed since
 * then and those deleted; where the next delta goes on from.
 *
 * Returns: %TRUE with @pull filled
 */
gboolean
seats_api_decode_delta (JsonNode   *root,
                        SeatsPull  *pull,
                        gboolean   *users_more,
                        GError    **error)
{
  SeatsSnapshot *next = &pull->snapshot;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GPtrArray) list = NULL;
  JsonObject *object = NULL;
  JsonArray *users = NULL, *deleted = NULL;
  JsonNode *node;
  gint64 revision = 0, now = 0;
  gboolean more = FALSE;
  guint n;
  static const struct {
    const char     *member;
    SeatsPullParts  part;
    gboolean        newest_only;
    GPtrArray    *(*decode) (JsonNode *root, GError **error);
    gsize           offset;
  } lists[] = {
    { "orders", SEATS_PULL_PART_ORDERS, TRUE, seats_api_decode_orders,
      G_STRUCT_OFFSET (SeatsSnapshot, orders) },
    { "actions", SEATS_PULL_PART_ACTIONS, TRUE, seats_api_decode_actions,
      G_STRUCT_OFFSET (SeatsSnapshot, actions) },
    { "invoices", SEATS_PULL_PART_INVOICES, FALSE, seats_api_decode_invoices,
      G_STRUCT_OFFSET (SeatsSnapshot, invoices) },
  };

  g_return_val_if_fail (pull != NULL && pull->kind == SEATS_PULL_DELTA, FALSE);

  if (!seats_json_object (root, "", &object, error) ||
      !seats_json_int (object, "", "revision", SEATS_JSON_REQUIRED, 0, G_MAXINT64, &revision, error) ||
      !seats_json_timestamp (object, "", "now", SEATS_JSON_REQUIRED, &now, error) ||
      !seats_json_boolean (object, "", "users_more", SEATS_JSON_OPTIONAL, &more, error) ||
      !seats_json_array (object, "", "users", SEATS_JSON_REQUIRED, SEATS_API_MAX_ITEMS, &users, error) ||
      !seats_json_array (object, "", "deleted", SEATS_JSON_REQUIRED, SEATS_API_MAX_ITEMS, &deleted, error))
    return FALSE;

  if (!(node = require_member (object, "account", error)) ||
      !(next->account = seats_api_decode_account (node, error)) ||
      !(node = require_member (object, "subscription", error)) ||
      !(next->subscription = seats_api_decode_subscription (node, &products, next->sync.etags, error)))
    return FALSE;
  fill_store (next->products, products);

  if (!(node = require_member (object, "features", error)) ||
      !(list = seats_api_decode_features (node, next->sync.etags, error)))
    return FALSE;
  fill_store (next->features, list);
  g_clear_pointer (&list, g_ptr_array_unref);

  if (!(node = require_member (object, "history", error)) ||
      !(list = seats_api_decode_history (node, error)))
    return FALSE;
  fill_store (next->history, list);
  g_clear_pointer (&list, g_ptr_array_unref);

  if (!(node = require_member (object, "pending_license", error)) ||
      (!JSON_NODE_HOLDS_NULL (node) &&
       !(next->pending_license = seats_api_decode_pending (node, next->sync.etags, error))))
    return FALSE;

  pull->parts = SEATS_PULL_PART_ACCOUNT | SEATS_PULL_PART_SUBSCRIPTION | SEATS_PULL_PART_PRODUCTS |
                SEATS_PULL_PART_FEATURES | SEATS_PULL_PART_HISTORY | SEATS_PULL_PART_PENDING_LICENSE |
                SEATS_PULL_PART_USERS;

  /* An administrator's: the billing details and the lists (R15). */
  if ((node = json_object_get_member (object, "billing")) != NULL)
    {
      if (!(next->billing_details = seats_api_decode_billing (node, next->sync.etags, error)))
        return FALSE;
      pull->parts |= SEATS_PULL_PART_BILLING;
    }

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      if ((node = json_object_get_member (object, lists[i].member)) == NULL)
        continue;
      if (!(list = lists[i].decode (node, error)))
        return FALSE;
      fill_store (G_STRUCT_MEMBER (GListStore *, next, lists[i].offset), list);
      g_clear_pointer (&list, g_ptr_array_unref);
      pull->parts |= lists[i].part;
      if (lists[i].newest_only)
        pull->newest_only |= lists[i].part;
    }

  n = json_array_get_length (users);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeatsUser) user = seats_api_decode_user (json_array_get_element (users, i), error);

      if (user == NULL)
        return FALSE;
      seats_user_list_append (next->users, user);
    }

  n = json_array_get_length (deleted);
  pull->deleted_ids = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *id = json_array_get_element (deleted, i);

      if (!JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING)
        {
          g_propagate_error (error, seats_json_malformed ("", "deleted", "expected strings"));
          return FALSE;
        }
      pull->deleted_ids[i] = g_strdup (json_node_get_string (id));
    }

  next->sync.delta_cursor = now;
  *users_more = more;

  return TRUE;
}

/* SCIM's own description of a service (RFC 7643 5, 6). */

static gboolean
supported (JsonObject  *object,
           const char  *member,
           JsonObject **feature,
           gboolean    *value,
           GError     **error)
{
  *feature = NULL;
  *value = FALSE;

  return seats_json_member_object (object, "", member, SEATS_JSON_OPTIONAL, feature, error) &&
         (*feature == NULL ||
          seats_json_boolean (*feature, member, "supported", SEATS_JSON_OPTIONAL, value, error));
}

/**
 * seats_api_decode_scim_config:
 * @root: the answer of /ServiceProviderConfig
 * @config: filled with what it says
 * @error: why it is not a service provider configuration
 *
 * What a SCIM service can do: filters and their largest page, PATCH, Bulk,
 * ETags and its authentication schemes. A feature not described is not
 * supported.
 *
 * Returns: %TRUE with @config filled
 */
gboolean
seats_api_decode_scim_config (JsonNode         *root,
                              SeatsScimConfig  *config,
                              GError          **error)
{
  JsonObject *object = NULL, *feature = NULL;
  JsonArray *schemas = NULL, *schemes = NULL;
  gboolean is_config = FALSE;
  gint64 value = 0;

  if (!seats_json_object (root, "", &object, error) ||
      !seats_json_array (object, "", "schemas", SEATS_JSON_OPTIONAL, 100, &schemas, error))
    return FALSE;

  for (guint i = 0; schemas != NULL && i < json_array_get_length (schemas); i++)
    {
      JsonNode *schema = json_array_get_element (schemas, i);

      if (JSON_NODE_HOLDS_VALUE (schema) && json_node_get_value_type (schema) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (schema), SEATS_SCIM_CONFIG_SCHEMA))
        is_config = TRUE;
    }

  /* Without the schema, the answer is something else at that address. */
  if (!is_config)
    {
      g_propagate_error (error, seats_json_malformed ("", "schemas", "not a ServiceProviderConfig"));
      return FALSE;
    }

  if (!supported (object, "filter", &feature, &config->filter, error) ||
      (feature != NULL &&
       !seats_json_int (feature, "filter", "maxResults", SEATS_JSON_OPTIONAL, 0, G_MAXUINT, &value, error)))
    return FALSE;
  config->max_results = (guint) value;

  if (!supported (object, "patch", &feature, &config->patch, error) ||
      !supported (object, "etag", &feature, &config->etag, error) ||
      !supported (object, "bulk", &feature, &config->bulk, error))
    return FALSE;

  if (feature != NULL)
    {
      value = 0;
      if (!seats_json_int (feature, "bulk", "maxOperations", SEATS_JSON_OPTIONAL, 0, G_MAXUINT,
                           &value, error))
        return FALSE;
      config->bulk_max_operations = (guint) value;
      value = 0;
      if (!seats_json_int (feature, "bulk", "maxPayloadSize", SEATS_JSON_OPTIONAL, 0, G_MAXINT64,
                           &value, error))
        return FALSE;
      config->bulk_max_payload = (guint64) value;
    }
  /* A Bulk of one operation at a time is no Bulk. */
  config->bulk = config->bulk && config->bulk_max_operations > 1;

  if (!seats_json_array (object, "", "authenticationSchemes", SEATS_JSON_OPTIONAL, 100, &schemes, error))
    return FALSE;

  config->basic = config->bearer = FALSE;
  for (guint i = 0; schemes != NULL && i < json_array_get_length (schemes); i++)
    {
      JsonObject *scheme = NULL;
      const char *type = NULL;

      if (!seats_json_object (json_array_get_element (schemes, i), "authenticationSchemes", &scheme, error) ||
          !seats_json_string (scheme, "authenticationSchemes", "type", SEATS_JSON_OPTIONAL, &type, error))
        return FALSE;

      if (g_strcmp0 (type, "httpbasic") == 0)
        config->basic = TRUE;
      else if (g_strcmp0 (type, "oauthbearertoken") == 0 || g_strcmp0 (type, "oauth2") == 0 ||
               g_strcmp0 (type, "oauth") == 0)
        config->bearer = TRUE;
    }

  return TRUE;
}

/**
 * seats_api_decode_scim_resource_types:
 * @root: the answer of /ResourceTypes
 * @config: its users_path is set to the User resource's endpoint
 * @error: why it is not a list of resource types
 *
 * Returns: %TRUE, with @config changed only where the service has a User
 *   resource at an endpoint of its own
 */
gboolean
seats_api_decode_scim_resource_types (JsonNode         *root,
                                      SeatsScimConfig  *config,
                                      GError          **error)
{
  JsonObject *object = NULL;
  JsonArray *types = NULL;

  /* A ListResponse, or the plain array that some services send. */
  if (JSON_NODE_HOLDS_ARRAY (root))
    types = json_node_get_array (root);
  else if (!seats_json_object (root, "", &object, error) ||
           !seats_json_array (object, "", "Resources", SEATS_JSON_OPTIONAL, 1000, &types, error))
    return FALSE;

  for (guint i = 0; types != NULL && i < json_array_get_length (types); i++)
    {
      JsonObject *type = NULL;
      const char *schema = NULL, *endpoint = NULL;

      if (!seats_json_object (json_array_get_element (types, i), "Resources", &type, error) ||
          !seats_json_string (type, "Resources", "schema", SEATS_JSON_OPTIONAL, &schema, error) ||
          !seats_json_string (type, "Resources", "endpoint", SEATS_JSON_OPTIONAL, &endpoint, error))
        return FALSE;

      /* "/Users": a path below the service's base, never another host. */
      if (g_strcmp0 (schema, SEATS_SCIM_CORE_USER) == 0 && endpoint != NULL)
        {
          const char *relative = endpoint + (endpoint[0] == '/');

          if (*relative == '\0' || strchr (relative, ':') != NULL || strstr (relative, "..") != NULL ||
              strchr (relative, '?') != NULL || strlen (relative) > 200)
            {
              g_propagate_error (error, seats_json_malformed ("Resources", "endpoint", "not a path"));
              return FALSE;
            }

          g_free (config->users_path);
          config->users_path = g_strdup (relative);
        }
    }

  return TRUE;
}

/**
 * seats_api_decode_bulk:
 * @root: a SCIM BulkResponse (RFC 7644 3.7.3)
 * @peer: whom it came from, which a refusal names
 * @n_operations: how many operations were sent
 * @n_made: (out): how many of them were made
 * @error: why the answer cannot be read
 *
 * What a Bulk request made, in the order its operations were sent.
 *
 * Returns: (transfer full) (nullable): the refusal of the first operation
 *   that was not made, or %NULL when all were; %NULL with @error set when
 *   the answer is not a BulkResponse
 */
GError *
seats_api_decode_bulk (JsonNode      *root,
                       SeatsApiPeer   peer,
                       guint          n_operations,
                       guint         *n_made,
                       GError       **error)
{
  JsonObject *object = NULL;
  JsonArray *operations = NULL;
  GError *refusal = NULL;

  *n_made = 0;

  if (!seats_json_object (root, "", &object, error) ||
      !seats_json_array (object, "", "Operations", SEATS_JSON_REQUIRED, SEATS_API_MAX_ITEMS, &operations, error))
    return NULL;

  for (guint i = 0; i < n_operations; i++)
    {
      JsonNode *node = i < json_array_get_length (operations) ? json_array_get_element (operations, i) : NULL;
      JsonObject *op = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *status = op != NULL ? json_object_get_member (op, "status") : NULL;
      gint64 code = 0;

      /* A string in RFC 7644 3.7.3, a number in some services. */
      if (status != NULL && JSON_NODE_HOLDS_VALUE (status))
        {
          if (json_node_get_value_type (status) == G_TYPE_STRING)
            code = g_ascii_strtoll (json_node_get_string (status), NULL, 10);
          else if (json_node_get_value_type (status) == G_TYPE_INT64)
            code = json_node_get_int (status);
        }

      if (code >= 200 && code < 300)
        {
          (*n_made)++;
          continue;
        }

      /* Not answered at all (failOnErrors stopped it), or refused. */
      if (refusal == NULL)
        {
          JsonObject *response = NULL;
          SeatsApiProblem problem = { NULL, };
          SeatsRuleFigures figures = { 0, };

          if (op != NULL && seats_json_member_object (op, "", "response", SEATS_JSON_OPTIONAL, &response, NULL) &&
              response != NULL)
            seats_api_problem_read (response, &problem, &figures);

          refusal = code >= 400 && code < 600
                    ? seats_api_error_from_status_for ((guint) code, &problem, peer)
                    : g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED,
                                           peer == SEATS_API_PEER_SCIM
                                           ? _("The service sent an answer Seats cannot read.")
                                           : _("The license server sent an answer Seats cannot read."));
        }
    }

  return refusal;
}
