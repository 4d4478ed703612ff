/* seats-server-json.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-server"

#include "config.h"

#include "seats-license.h"
#include "seats-server-private.h"

void
seats_date_from_julian (GDate   *date,
                        guint32  julian)
{
  g_date_clear (date, 1);
  if (julian > 0)
    g_date_set_julian (date, julian);
}

char *
seats_server_iso_date (guint32 julian)
{
  GDate date;

  if (julian == 0)
    return NULL;

  seats_date_from_julian (&date, julian);
  return seats_license_format_date (&date);
}

char *
seats_format_timestamp (gint64 ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (ms / 1000);

  if (dt == NULL)
    return g_strdup ("1970-01-01T00:00:00.000Z");

  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                          g_date_time_get_year (dt), g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt), g_date_time_get_second (dt),
                          (int) (ms % 1000));
}

/* RFC 3339 with a zone, as clients send back what the server gave them. */
gboolean
seats_parse_timestamp (const char *text,
                       gint64     *ms)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || strlen (text) > 64)
    return FALSE;

  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return FALSE;

  *ms = g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
  return TRUE;
}

void
seats_json_add_string (JsonBuilder *builder,
                       const char  *member,
                       const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value ? value : "");
}

void
seats_json_add_nullable_string (JsonBuilder *builder,
                                const char  *member,
                                const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value == NULL || *value == '\0')
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

void
seats_json_add_int (JsonBuilder *builder,
                    const char  *member,
                    gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

void
seats_json_add_bool (JsonBuilder *builder,
                     const char  *member,
                     gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

void
seats_json_add_date (JsonBuilder *builder,
                     const char  *member,
                     guint32      julian)
{
  g_autofree char *text = seats_server_iso_date (julian);

  seats_json_add_nullable_string (builder, member, text);
}

void
seats_json_add_money (JsonBuilder *builder,
                      const char  *member,
                      gint64       amount,
                      const char  *currency)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  seats_json_add_int (builder, "amount", amount);
  seats_json_add_string (builder, "currency", currency);
  json_builder_end_object (builder);
}

guint32
seats_period_end (guint32 start,
                  guint   months)
{
  GDate first;
  GDate end;

  seats_date_from_julian (&first, start);
  if (!seats_rules_period_end (&first, months, &end, NULL))
    return start;

  return g_date_get_julian (&end);
}

void
seats_json_add_period (JsonBuilder *builder,
                       const char  *member,
                       guint32      start,
                       guint        months)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  seats_json_add_date (builder, "start", start);
  seats_json_add_date (builder, "end", seats_period_end (start, months));
  seats_json_add_int (builder, "months", months);
  json_builder_end_object (builder);
}

char *
seats_product_etag (SeatsServerProduct *product)
{
  return g_strdup_printf ("\"p%" G_GINT64_FORMAT "\"", product->version);
}

void
seats_json_add_product (JsonBuilder        *builder,
                        SeatsServerProduct *product,
                        const char         *currency)
{
  g_autofree char *etag = seats_product_etag (product);

  json_builder_begin_object (builder);
  seats_json_add_string (builder, "id", product->id);
  seats_json_add_string (builder, "name", product->name);
  seats_json_add_string (builder, "kind", seats_product_kind_to_string (product->kind));
  seats_json_add_int (builder, "purchased", product->purchased);
  seats_json_add_int (builder, "in_use", product->in_use);
  seats_json_add_int (builder, "available",
                      product->purchased > product->in_use ? product->purchased - product->in_use : 0);
  seats_json_add_int (builder, "next_period", product->next_period);
  seats_json_add_money (builder, "price", product->price, currency);
  seats_json_add_bool (builder, "enabled", product->enabled);
  seats_json_add_string (builder, "etag", etag);
  json_builder_end_object (builder);
}

void
seats_json_add_subscription (JsonBuilder *builder,
                             SeatsServer *server,
                             SeatsOrg    *org,
                             const GDate *today,
                             const char  *etag)
{
  g_autoptr(GPtrArray) products = seats_server_db_load_products (server, org, today);
  gint64 monthly = 0;

  json_builder_begin_object (builder);
  seats_json_add_period (builder, "period", org->period_start, org->period_months);
  seats_json_add_period (builder, "next_period",
                         seats_period_end (org->period_start, org->period_months),
                         org->period_months);
  seats_json_add_string (builder, "edition", org->edition);
  seats_json_add_int (builder, "storage_used", org->storage_used);
  seats_json_add_int (builder, "storage_included", org->storage_included);
  json_builder_set_member_name (builder, "products");
  json_builder_begin_array (builder);
  for (guint i = 0; i < products->len; i++)
    {
      SeatsServerProduct *product = g_ptr_array_index (products, i);

      seats_json_add_product (builder, product, org->currency);

      /* Prices are per license (or per integration) per month. */
      if (product->kind == SEATS_PRODUCT_KIND_INTEGRATION)
        monthly += product->enabled ? product->price : 0;
      else
        monthly += product->price * product->purchased;
    }
  json_builder_end_array (builder);
  seats_json_add_money (builder, "monthly_price", monthly, org->currency);
  seats_json_add_money (builder, "total_price", monthly * org->period_months, org->currency);
  seats_json_add_bool (builder, "managed_by_reseller", org->reseller_name != NULL);
  seats_json_add_string (builder, "etag", etag);
  json_builder_end_object (builder);
}

void
seats_json_add_account (JsonBuilder *builder,
                        SeatsServer *server,
                        SeatsOrg    *org,
                        SeatsRole    role,
                        const GDate *today)
{
  json_builder_begin_object (builder);
  seats_json_add_string (builder, "id", org->uuid);
  seats_json_add_string (builder, "slug", org->slug);
  seats_json_add_string (builder, "name", org->name);
  seats_json_add_string (builder, "role", seats_role_to_string (role));
  seats_json_add_string (builder, "currency", org->currency);
  seats_json_add_string (builder, "country", org->country);

  json_builder_set_member_name (builder, "policy");
  json_builder_begin_object (builder);
  seats_json_add_string (builder, "seat_floor", seats_seat_floor_to_string (org->policy.seat_floor));
  seats_json_add_string (builder, "activation", seats_activation_to_string (org->policy.activation));
  seats_json_add_int (builder, "min_seats", org->policy.min_seats);
  seats_json_add_int (builder, "grace_days", org->policy.grace_days);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "reseller");
  if (org->reseller_name != NULL)
    {
      json_builder_begin_object (builder);
      seats_json_add_string (builder, "name", org->reseller_name);
      seats_json_add_string (builder, "url", org->reseller_url);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "trial");
  if (org->trial_end != 0)
    {
      GDate end;

      seats_date_from_julian (&end, org->trial_end);
      json_builder_begin_object (builder);
      seats_json_add_date (builder, "end_date", org->trial_end);
      seats_json_add_int (builder, "days_left", seats_rules_trial_days_left (&end, today));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  seats_json_add_nullable_string (builder, "serial_number", org->serial_number);
  seats_json_add_nullable_string (builder, "license_owner", org->license_owner);
  seats_json_add_nullable_string (builder, "shop_url", org->shop_url);
  seats_json_add_string (builder, "upstream_system", org->upstream_system);
  seats_json_add_string (builder, "vendor_public_key", server->public_key);
  seats_json_add_date (builder, "today", g_date_get_julian (today));
  seats_json_add_int (builder, "revision", org->revision);
  json_builder_end_object (builder);
}
