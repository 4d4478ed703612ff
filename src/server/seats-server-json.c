/* seats-server-json.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-server"

#include "config.h"

#include <string.h>

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

/* Days since 1970-01-01 to a civil date (proleptic Gregorian), without
 * GDateTime: the SCIM list formats two instants per user. */
static void
civil_from_days (gint64  days,
                 gint64 *year,
                 guint  *month,
                 guint  *day)
{
  gint64 era;
  guint doe, yoe, doy, mp;

  days += 719468;
  era = (days >= 0 ? days : days - 146096) / 146097;
  doe = (guint) (days - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = (gint64) yoe + era * 400 + (*month <= 2);
}

static void
put_digits (char  *out,
            guint  value,
            guint  width)
{
  while (width-- > 0)
    {
      out[width] = (char) ('0' + value % 10);
      value /= 10;
    }
}

/* Writes YYYY-MM-DDTHH:MM:SS.mmmZ and its NUL: 25 bytes. */
static void
format_timestamp (gint64  ms,
                  char    out[25])
{
  gint64 seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  gint64 days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  guint in_day = (guint) (seconds - days * 86400);
  gint64 year;
  guint month, day;

  civil_from_days (days, &year, &month, &day);
  if (year < 1 || year > 9999)
    {
      memcpy (out, "1970-01-01T00:00:00.000Z", 25);
      return;
    }

  memcpy (out, "0000-00-00T00:00:00.000Z", 25);
  put_digits (out, (guint) year, 4);
  put_digits (out + 5, month, 2);
  put_digits (out + 8, day, 2);
  put_digits (out + 11, in_day / 3600, 2);
  put_digits (out + 14, in_day / 60 % 60, 2);
  put_digits (out + 17, in_day % 60, 2);
  put_digits (out + 20, (guint) (ms - seconds * 1000), 3);
}

char *
seats_format_timestamp (gint64 ms)
{
  char text[25];

  format_timestamp (ms, text);
  return g_strdup (text);
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

/**
 * seats_json_append_escaped:
 * @out: where to write
 * @text: (nullable): UTF-8 text
 * @length: the length of @text in bytes, or -1 when it ends with a NUL
 *
 * Appends @text escaped for the inside of a JSON string, without the
 * quotes: the one escaper of everything the server writes by hand. A quote,
 * a backslash and control characters are escaped; other characters are
 * written as they are, and a byte that is not UTF-8 becomes U+FFFD, so
 * that the answer is always valid JSON.
 */
void
seats_json_append_escaped (GString    *out,
                           const char *text,
                           gssize      length)
{
  static const char hex[] = "0123456789abcdef";
  const char *p = text;
  const char *run = text;
  const char *end;

  if (text == NULL)
    return;

  end = length >= 0 ? text + length : text + strlen (text);
  while (p < end)
    {
      guchar c = (guchar) *p;
      const char *escape = NULL;
      char unicode[7];

      if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80)
        {
          p++;
          continue;
        }

      if (c >= 0x80)
        {
          gunichar ch = g_utf8_get_char_validated (p, end - p);

          if (ch != (gunichar) -1 && ch != (gunichar) -2)
            {
              p = g_utf8_next_char (p);
              continue;
            }
          escape = "\\ufffd";
        }
      else if (c == '"')
        escape = "\\\"";
      else if (c == '\\')
        escape = "\\\\";
      else if (c == '\b')
        escape = "\\b";
      else if (c == '\f')
        escape = "\\f";
      else if (c == '\n')
        escape = "\\n";
      else if (c == '\r')
        escape = "\\r";
      else if (c == '\t')
        escape = "\\t";
      else
        {
          memcpy (unicode, "\\u00", 4);
          unicode[4] = hex[c >> 4];
          unicode[5] = hex[c & 0xf];
          unicode[6] = '\0';
          escape = unicode;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, escape);
      p++;
      run = p;
    }

  g_string_append_len (out, run, p - run);
}

/**
 * seats_json_append_string:
 * @text: (nullable): UTF-8 text; %NULL is written as ""
 *
 * Appends @text as a JSON string.
 */
void
seats_json_append_string (GString    *out,
                          const char *text)
{
  g_string_append_c (out, '"');
  seats_json_append_escaped (out, text, -1);
  g_string_append_c (out, '"');
}

void
seats_json_append_timestamp (GString *out,
                             gint64   ms)
{
  char text[25];

  format_timestamp (ms, text);
  g_string_append_c (out, '"');
  g_string_append_len (out, text, 24);
  g_string_append_c (out, '"');
}

/* YYYY-MM-DD, or null for no date (0). */
void
seats_json_append_date (GString *out,
                        guint32  julian)
{
  char text[13] = "\"0000-00-00\"";
  GDate date;

  if (julian == 0 || !g_date_valid_julian (julian))
    {
      g_string_append (out, "null");
      return;
    }

  seats_date_from_julian (&date, julian);
  put_digits (text + 1, g_date_get_year (&date), 4);
  put_digits (text + 6, g_date_get_month (&date), 2);
  put_digits (text + 9, g_date_get_day (&date), 2);
  g_string_append_len (out, text, 12);
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
  if (currency != NULL)
    seats_json_add_money (builder, "price", product->price, currency);
  else
    {
      json_builder_set_member_name (builder, "price");
      json_builder_add_null_value (builder);
    }
  seats_json_add_bool (builder, "enabled", product->enabled);
  seats_json_add_string (builder, "etag", etag);
  json_builder_end_object (builder);
}

void
seats_json_add_subscription (JsonBuilder *builder,
                             SeatsServer *server,
                             SeatsOrg    *org,
                             SeatsRole    role,
                             const GDate *today,
                             const char  *etag)
{
  g_autoptr(GPtrArray) products = seats_server_db_load_products (server, org, today);
  /* R15: prices are billing, which a viewer does not see. */
  const char *currency = role == SEATS_ROLE_ADMIN ? org->currency : NULL;
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

      seats_json_add_product (builder, product, currency);
    }
  json_builder_end_array (builder);
  /* Prices are per license (or per integration) per month. */
  if (currency != NULL && seats_server_monthly_price (products, &monthly, NULL))
    {
      seats_json_add_money (builder, "monthly_price", monthly, currency);
      seats_json_add_money (builder, "total_price", monthly * org->period_months, currency);
    }
  else
    {
      json_builder_set_member_name (builder, "monthly_price");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "total_price");
      json_builder_add_null_value (builder);
    }
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
  seats_json_add_string (builder, "time_zone", org->time_zone);

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
