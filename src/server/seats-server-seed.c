/* seats-server-seed.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-server"

#include "config.h"

#include <string.h>

#include "seats-server-private.h"

#define MS_PER_DAY (G_GINT64_CONSTANT (86400000))

/* The demo organizations show every state the application can be in. They
 * are made from a seeded generator, relative to the server's today, so
 * that the same seed gives the same people and counts. */

static const char *nl_given[] = {
  "Sanne", "Daan", "Lotte", "Bram", "Emma", "Thijs", "Fleur", "Joris", "Anouk", "Ruben",
  "Eva", "Sem", "Noor", "Lars", "Femke", "Jeroen", "Marieke", "Pieter", "Ilse", "Wouter",
};
static const char *nl_family[] = {
  "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
  "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Dekker",
};
static const char *sv_given[] = {
  "Anna", "Erik", "Maja", "Lars", "Elin", "Johan", "Sara", "Nils", "Ingrid", "Oskar",
  "Karin", "Gustav", "Linnea", "Axel", "Astrid", "Henrik",
};
static const char *sv_family[] = {
  "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
  "Persson", "Svensson", "Gustafsson", "Lindberg", "Bergström", "Åkesson", "Sjöberg",
};

/* What an organization of a trade adds to its user licenses: two
 * modules, two integrations (the first on) and a feature of its own.
 * Every product name is made up. */
typedef struct
{
  const char *id;
  const char *dutch;
  const char *swedish;
} Named;

typedef struct
{
  Named       modules[2];
  Named       integrations[2];
  gint64      fees[2];
  Named       feature;
  const char *feature_dutch;
  const char *feature_swedish;
} Trade;

static const Trade dental = {
  { { "scheduling", "Online agenda", "Bokning online" },
    { "imaging", "Röntgenarchief", "Röntgenarkiv" } },
  { { "accounting", "Boekhoudkoppeling", "Bokföringskoppling" },
    { "payments", "Betaalverzoeken", "Betallänkar" } },
  { 1500, 900 },
  { "sms-reminders", "Sms-herinneringen", "SMS-påminnelser" },
  "Patiënten krijgen de dag ervoor een herinnering.",
  "Patienter får en påminnelse dagen före.",
};

static const Trade care = {
  { { "care-plans", "Zorgplannen", "Vårdplaner" },
    { "medication", "Medicatieregistratie", "Läkemedelslista" } },
  { { "rostering", "Roosterkoppeling", "Schemakoppling" },
    { "client-portal", "Cliëntportaal", "Klientportal" } },
  { 1200, 2500 },
  { "family-messages", "Berichten aan familie", "Meddelanden till anhöriga" },
  "Contactpersonen krijgen bericht als het zorgplan verandert.",
  "Anhöriga får ett meddelande när vårdplanen ändras.",
};

static const Trade accounting = {
  { { "payroll", "Salarisverwerking", "Lönehantering" },
    { "year-end", "Jaarafsluiting", "Bokslut" } },
  { { "bank-feed", "Bankkoppeling", "Bankkoppling" },
    { "e-invoicing", "E-facturatie", "E-fakturering" } },
  { 14900, 9900 },
  { "document-requests", "Documentverzoeken", "Dokumentförfrågningar" },
  "Klanten krijgen een herinnering voor stukken die nog ontbreken.",
  "Klienter får en påminnelse om underlag som saknas.",
};

static const Trade bakery = {
  { { "till", "Kassa", "Kassa" },
    { "web-orders", "Bestellingen online", "Webbeställningar" } },
  { { "scales", "Weegschaalkoppeling", "Vågkoppling" },
    { "delivery", "Bezorgplanning", "Leveransplanering" } },
  { 800, 1200 },
  { "order-reminders", "Bestelherinneringen", "Beställningspåminnelser" },
  "Vaste klanten krijgen een herinnering voor hun weekbestelling.",
  "Stamkunder får en påminnelse om sin veckobeställning.",
};

typedef struct
{
  const Trade    *trade;
  const char     *slug;
  const char     *name;
  const char     *country;
  const char     *currency;
  SeatsSeatFloor  floor;
  SeatsActivation activation;
  guint           min_seats;
  const char     *reseller_name;
  const char     *reseller_url;
  int             trial_days;
  const char     *upstream;
  const char     *edition;        /* of a trial: what registering brings */
  const char     *domain;
  const char     *street;
  const char     *postal_code;
  const char     *city;
  const char     *vat;
  guint           n_users;
  guint           seats;
  gint64          seat_price;     /* of a trial: once registered */
  guint32         seed;
} OrgSpec;

typedef struct
{
  SeatsServer *server;
  GRand       *rand;
  gint64       org_id;
  gint64       now;
  guint32      today;
  guint        seq;
  const char  *currency;
  gboolean     trial;
} Seeder;

/* The organization's time zone, from its country: its periods turn at its
 * own midnight. */
static const char *
time_zone_for (const OrgSpec *spec)
{
  return g_str_equal (spec->country, "SE") ? "Europe/Stockholm" : "Europe/Amsterdam";
}

static char *
make_uuid (GRand *rand)
{
  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%08x%04x",
                          g_rand_int (rand), g_rand_int (rand) & 0xffff,
                          g_rand_int (rand) & 0xfff, (g_rand_int (rand) & 0x3fff) | 0x8000,
                          g_rand_int (rand), g_rand_int (rand) & 0xffff);
}

static char *
mail_part (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *part = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (part, g_ascii_tolower (*p));

  return g_string_free (part, FALSE);
}

static gboolean
insert_user (Seeder      *s,
             const char  *given,
             const char  *family,
             const char  *domain,
             gboolean     active,
             guint32      start_date,
             guint32      end_date,
             guint32      grace_deadline,
             gint64       created,
             char       **id_out,
             GError     **error)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (s->server,
    "INSERT INTO users (org_id, id, seq, user_name, given_name, family_name, email, active, "
    "start_date, end_date, grace_deadline, created, modified) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  g_autofree char *id = make_uuid (s->rand);
  g_autofree char *g = mail_part (given);
  g_autofree char *f = mail_part (family);
  g_autofree char *email = NULL;
  guint seq = ++s->seq;

  email = g_strdup_printf ("%s.%s%u@%s", g, f, seq, domain);
  sqlite3_bind_int64 (stmt, 1, s->org_id);
  seats_server_db_bind_text (stmt, 2, id);
  sqlite3_bind_int64 (stmt, 3, seq);
  seats_server_db_bind_text (stmt, 4, email);
  seats_server_db_bind_text (stmt, 5, given);
  seats_server_db_bind_text (stmt, 6, family);
  seats_server_db_bind_text (stmt, 7, email);
  sqlite3_bind_int (stmt, 8, active);
  sqlite3_bind_int64 (stmt, 9, start_date);
  sqlite3_bind_int64 (stmt, 10, end_date);
  sqlite3_bind_int64 (stmt, 11, grace_deadline);
  sqlite3_bind_int64 (stmt, 12, created);
  sqlite3_bind_int64 (stmt, 13, created);
  if (!seats_server_db_step_done (s->server, stmt, error))
    return FALSE;

  if (id_out != NULL)
    *id_out = g_steal_pointer (&id);
  return TRUE;
}

static gboolean
insert_product (Seeder          *s,
                guint            sort,
                const char      *id,
                const char      *name,
                SeatsProductKind kind,
                guint            purchased,
                guint            next_period,
                gint64           price,
                gboolean         enabled,
                GError         **error)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (s->server,
    "INSERT INTO products (org_id, id, sort, name, kind, purchased, next_period, price, enabled, "
    "paid_price) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  /* Licenses cost nothing in a trial; what they will cost comes with
   * the serial number (R18). An integration's fee is the same in both. */
  gboolean free = s->trial && kind != SEATS_PRODUCT_KIND_INTEGRATION;

  sqlite3_bind_int64 (stmt, 1, s->org_id);
  seats_server_db_bind_text (stmt, 2, id);
  sqlite3_bind_int (stmt, 3, sort);
  seats_server_db_bind_text (stmt, 4, name);
  seats_server_db_bind_text (stmt, 5, seats_product_kind_to_string (kind));
  sqlite3_bind_int64 (stmt, 6, purchased);
  sqlite3_bind_int64 (stmt, 7, next_period);
  sqlite3_bind_int64 (stmt, 8, free ? 0 : price);
  sqlite3_bind_int (stmt, 9, enabled);
  if (free)
    sqlite3_bind_int64 (stmt, 10, price);
  else
    sqlite3_bind_null (stmt, 10);
  return seats_server_db_step_done (s->server, stmt, error);
}

static gboolean
insert_feature (Seeder      *s,
                guint        sort,
                const char  *id,
                const char  *name,
                const char  *description,
                gboolean     enabled,
                GError     **error)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (s->server,
    "INSERT INTO features (org_id, id, sort, name, description, enabled) VALUES (?, ?, ?, ?, ?, ?)");

  sqlite3_bind_int64 (stmt, 1, s->org_id);
  seats_server_db_bind_text (stmt, 2, id);
  sqlite3_bind_int (stmt, 3, sort);
  seats_server_db_bind_text (stmt, 4, name);
  seats_server_db_bind_text (stmt, 5, description);
  sqlite3_bind_int (stmt, 6, enabled);
  return seats_server_db_step_done (s->server, stmt, error);
}

static gboolean
assign (Seeder      *s,
        const char  *product_id,
        const char  *user_id,
        GError     **error)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (s->server,
    "INSERT INTO assignments (org_id, product_id, user_id) VALUES (?, ?, ?)");

  sqlite3_bind_int64 (stmt, 1, s->org_id);
  seats_server_db_bind_text (stmt, 2, product_id);
  seats_server_db_bind_text (stmt, 3, user_id);
  if (!seats_server_db_step_done (s->server, stmt, error))
    return FALSE;

  stmt = seats_server_db_prepare (s->server,
    "UPDATE users SET modules = CASE WHEN modules = '' THEN ?3 ELSE modules || ',' || ?3 END "
    "WHERE org_id = ?1 AND id = ?2");
  sqlite3_bind_int64 (stmt, 1, s->org_id);
  seats_server_db_bind_text (stmt, 2, user_id);
  seats_server_db_bind_text (stmt, 3, product_id);
  return seats_server_db_step_done (s->server, stmt, error);
}

static gboolean
log_at (Seeder      *s,
        gint64       when,
        const char  *actor,
        const char  *action,
        const char  *subject,
        const char  *before,
        const char  *after,
        GError     **error)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (s->server,
    "INSERT INTO actions (org_id, timestamp, actor, action, subject, before, after) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)");

  sqlite3_bind_int64 (stmt, 1, s->org_id);
  sqlite3_bind_int64 (stmt, 2, when);
  seats_server_db_bind_text (stmt, 3, actor);
  seats_server_db_bind_text (stmt, 4, action);
  seats_server_db_bind_text (stmt, 5, subject);
  seats_server_db_bind_text (stmt, 6, before);
  seats_server_db_bind_text (stmt, 7, after);
  return seats_server_db_step_done (s->server, stmt, error);
}

/* A year of history: a monthly snapshot, an invoice, and an order and a
 * few log entries in most months. */
static gboolean
seed_history (Seeder        *s,
              const OrgSpec *spec,
              const char    *admin_name,
              GError       **error)
{
  gint64 seat_price = s->trial ? 0 : spec->seat_price;
  guint seats = MAX (spec->seats, 4) - 3;
  g_autoptr(SeatsOrg) org = seats_server_db_load_org (s->server, s->org_id);
  g_autoptr(GPtrArray) products = NULL;
  gint64 monthly, extras;
  GDate today;

  /* Each month invoiced at its licenses and what else there is, modules
   * and integrations, as the monthly price adds them up. */
  seats_date_from_julian (&today, s->today);
  products = seats_server_db_load_products (s->server, org, &today);
  if (!seats_server_monthly_price (products, &monthly, error))
    return FALSE;
  extras = monthly - (gint64) spec->seats * seat_price;

  for (int month = 12; month >= 1; month--)
    {
      GDate day;
      g_autofree char *month_text = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *order_id = NULL;
      sqlite3_stmt *stmt;
      guint used = seats - g_rand_int_range (s->rand, 0, 3);
      gint64 when;
      guint added = 0;

      seats_date_from_julian (&day, s->today);
      g_date_set_day (&day, 1);
      g_date_subtract_months (&day, month);
      when = ((gint64) g_date_get_julian (&day) - (gint64) s->today) * MS_PER_DAY + s->now + 9 * 3600 * 1000;
      month_text = g_strdup_printf ("%04u-%02u", g_date_get_year (&day), g_date_get_month (&day));

      if (month % 3 == 0 && seats < spec->seats)
        {
          added = MIN (spec->seats - seats, (guint) g_rand_int_range (s->rand, 1, 3));
          before = g_strdup_printf ("%u", seats);
          seats += added;
          after = g_strdup_printf ("%u", seats);
          order_id = g_strdup_printf ("ord-%s-%s", spec->slug, month_text);

          stmt = seats_server_db_prepare (s->server,
            "INSERT INTO orders (org_id, id, created, product_id, product_name, quantity, amount, "
            "currency, period_start, period_months, purchased, next_period, actor) "
            "VALUES (?, ?, ?, 'seats', ?, ?, ?, ?, ?, 1, ?, ?, ?)");
          sqlite3_bind_int64 (stmt, 1, s->org_id);
          seats_server_db_bind_text (stmt, 2, order_id);
          sqlite3_bind_int64 (stmt, 3, when + 5 * MS_PER_DAY);
          seats_server_db_bind_text (stmt, 4, g_str_equal (spec->country, "SE") ? "Användarlicenser" : "Gebruikerslicenties");
          sqlite3_bind_int64 (stmt, 5, added);
          sqlite3_bind_int64 (stmt, 6, added * seat_price * 26 / 31);
          seats_server_db_bind_text (stmt, 7, spec->currency);
          sqlite3_bind_int64 (stmt, 8, g_date_get_julian (&day));
          sqlite3_bind_int64 (stmt, 9, seats);
          sqlite3_bind_int64 (stmt, 10, seats);
          seats_server_db_bind_text (stmt, 11, admin_name);
          if (!seats_server_db_step_done (s->server, stmt, error) ||
              !log_at (s, when + 5 * MS_PER_DAY, admin_name, "order", "seats", before, after, error))
            return FALSE;
        }

      used = MIN (used, seats);
      stmt = seats_server_db_prepare (s->server,
        "INSERT INTO history (org_id, month, purchased, used) VALUES (?, ?, ?, ?)");
      sqlite3_bind_int64 (stmt, 1, s->org_id);
      seats_server_db_bind_text (stmt, 2, month_text);
      sqlite3_bind_int64 (stmt, 3, seats);
      sqlite3_bind_int64 (stmt, 4, used);
      if (!seats_server_db_step_done (s->server, stmt, error))
        return FALSE;

      if (!seats_server_db_add_invoice (s->server, org, g_date_get_julian (&day),
                                        seats * seat_price + extras, month > 1 ? "paid" : "open",
                                        error) ||
          !log_at (s, when, "system", "period-turned", "subscription", NULL, month_text, error))
        return FALSE;

      if (month % 4 == 1 && !log_at (s, when + 9 * MS_PER_DAY, admin_name,
                                     month % 8 == 1 ? "feature-on" : "feature-off",
                                     "two-factor", month % 8 == 1 ? "off" : "on",
                                     month % 8 == 1 ? "on" : "off", error))
        return FALSE;
    }

  /* The period of today, invoiced when it began. */
  return seats_server_db_add_invoice (s->server, org, org->period_start,
                                      monthly * org->period_months, "open", error);
}

static gboolean
insert_org (Seeder        *s,
            const OrgSpec *spec,
            GError       **error)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (s->server,
    "INSERT INTO orgs (uuid, slug, name, currency, country, seat_floor, activation, min_seats, "
    "grace_days, reseller_name, reseller_url, trial_end, shop_url, upstream_system, edition, "
    "storage_used, storage_included, period_start, period_months, company_name, vat_number, "
    "contact_email, street, postal_code, city, billing_country, time_zone, paid_edition) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 7, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  g_autofree char *uuid = make_uuid (s->rand);
  g_autofree char *contact = g_strdup_printf ("administratie@%s", spec->domain);
  g_autofree char *shop = g_strdup_printf ("https://shop.seats.example/%s", spec->slug);
  GDate start;

  seats_date_from_julian (&start, s->today);
  g_date_set_day (&start, 1);

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  seats_server_db_bind_text (stmt, 2, spec->slug);
  seats_server_db_bind_text (stmt, 3, spec->name);
  seats_server_db_bind_text (stmt, 4, spec->currency);
  seats_server_db_bind_text (stmt, 5, spec->country);
  seats_server_db_bind_text (stmt, 6, seats_seat_floor_to_string (spec->floor));
  seats_server_db_bind_text (stmt, 7, seats_activation_to_string (spec->activation));
  sqlite3_bind_int (stmt, 8, spec->min_seats);
  seats_server_db_bind_text (stmt, 9, spec->reseller_name);
  seats_server_db_bind_text (stmt, 10, spec->reseller_url);
  /* The end is the last day: today counts as one of the days left. */
  sqlite3_bind_int64 (stmt, 11, spec->trial_days > 0 ? s->today + spec->trial_days - 1 : 0);
  seats_server_db_bind_text (stmt, 12, spec->reseller_name ? NULL : shop);
  seats_server_db_bind_text (stmt, 13, spec->upstream);
  /* A trial is of the edition its serial number will bring. */
  seats_server_db_bind_text (stmt, 14, spec->trial_days > 0 ? "Trial" : spec->edition);
  sqlite3_bind_int64 (stmt, 15, (gint64) spec->n_users * 350 * 1024 * 1024);
  sqlite3_bind_int64 (stmt, 16, (gint64) spec->seats * 1024 * 1024 * 1024);
  sqlite3_bind_int64 (stmt, 17, g_date_get_julian (&start));
  seats_server_db_bind_text (stmt, 18, spec->name);
  seats_server_db_bind_text (stmt, 19, spec->vat);
  seats_server_db_bind_text (stmt, 20, contact);
  seats_server_db_bind_text (stmt, 21, spec->street);
  seats_server_db_bind_text (stmt, 22, spec->postal_code);
  seats_server_db_bind_text (stmt, 23, spec->city);
  seats_server_db_bind_text (stmt, 24, g_str_equal (spec->country, "SE") ? "Sverige" : "Nederland");
  seats_server_db_bind_text (stmt, 25, time_zone_for (spec));
  seats_server_db_bind_text (stmt, 26, spec->trial_days > 0 ? spec->edition : NULL);
  if (!seats_server_db_step_done (s->server, stmt, error))
    return FALSE;

  s->org_id = sqlite3_last_insert_rowid (s->server->db);
  s->currency = spec->currency;
  s->trial = spec->trial_days > 0;
  return TRUE;
}

/* One organization of the demo: users, products, history. */
static gboolean
seed_org (SeatsServer    *self,
          const OrgSpec  *spec,
          GError        **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (spec->seed);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  gboolean swedish = g_str_equal (spec->country, "SE");
  const Trade *trade = spec->trade;
  const char **given = swedish ? sv_given : nl_given;
  const char **family = swedish ? sv_family : nl_family;
  guint n_given = swedish ? G_N_ELEMENTS (sv_given) : G_N_ELEMENTS (nl_given);
  guint n_family = swedish ? G_N_ELEMENTS (sv_family) : G_N_ELEMENTS (nl_family);
  g_autofree char *admin_name = NULL;
  Seeder s = { self, rand, 0, seats_server_now_ms (self), 0, 0, NULL };
  g_autoptr(GTimeZone) zone = seats_time_zone_new_for_id (time_zone_for (spec));
  GDate today;
  guint active_count = 0;
  gint64 step;

  /* As seats_server_db_load_org() reckons a zone this system lacks. */
  if (zone == NULL)
    zone = g_time_zone_new_utc ();

  seats_clock_get_today_in (self->clock, zone, &today);
  s.today = g_date_get_julian (&today);

  if (!insert_org (&s, spec, error))
    return FALSE;

  /* A day apart, but never further back than ten years: a large
   * organization a day per person would start before the Unix epoch. */
  step = spec->n_users > 3650 ? MS_PER_DAY * 3650 / spec->n_users : MS_PER_DAY;

  for (guint i = 0; i < spec->n_users; i++)
    {
      const char *g = given[g_rand_int_range (rand, 0, n_given)];
      const char *f = family[g_rand_int_range (rand, 0, n_family)];
      gint64 created = s.now - (gint64) (spec->n_users - i) * step - g_rand_int_range (rand, 0, 3600000);
      guint32 start = 0;
      guint32 end = 0;
      guint32 deadline = 0;
      gboolean active = TRUE;
      char *id = NULL;

      if (i == 0)
        admin_name = g_strdup_printf ("%s %s", g, f);

      /* Former users, people who start next month, people who leave soon. */
      if (i % 11 == 5)
        active = FALSE;
      else if (i % 13 == 7)
        end = s.today - 20;
      else if (i % 9 == 4)
        start = s.today + 14;
      else if (i % 10 == 8)
        end = s.today + 30;

      /* Under `grace`, the newest users over the count are in their grace
       * days, as after a period that started short of seats. */
      if (active && end != s.today - 20)
        {
          if (active_count >= spec->seats)
            {
              if (spec->floor == SEATS_SEAT_FLOOR_GRACE)
                deadline = s.today + 3;
              else
                active = FALSE;
            }
          if (active)
            active_count++;
        }

      if (!insert_user (&s, g, f, spec->domain, active, start, end, deadline, created, &id, error))
        return FALSE;
      g_ptr_array_add (ids, id);
    }

  /* R5: the users deactivated at a past deadline. */
  if (spec->floor == SEATS_SEAT_FLOOR_GRACE)
    for (guint i = 0; i < 2; i++)
      {
        char *id = NULL;

        if (!insert_user (&s, given[i], family[i], spec->domain, FALSE, 0, 0, 0,
                          s.now - 40 * MS_PER_DAY, &id, error) ||
            !log_at (&s, s.now - 25 * MS_PER_DAY, "system", "grace-deadline", id, NULL, NULL, error) ||
            !log_at (&s, s.now - 18 * MS_PER_DAY, "system", "deactivated-at-deadline", id,
                     "active", "inactive", error))
          return FALSE;
        g_ptr_array_add (ids, id);
      }

#define NAME(named) (swedish ? (named).swedish : (named).dutch)
  if (!insert_product (&s, 0, "seats", swedish ? "Användarlicenser" : "Gebruikerslicenties",
                       SEATS_PRODUCT_KIND_USER_SEATS, spec->seats, spec->seats, spec->seat_price,
                       TRUE, error) ||
      !insert_product (&s, 1, trade->modules[0].id, NAME (trade->modules[0]),
                       SEATS_PRODUCT_KIND_MODULE, 6, 6, spec->seat_price / 4, TRUE, error) ||
      !insert_product (&s, 2, trade->modules[1].id, NAME (trade->modules[1]),
                       SEATS_PRODUCT_KIND_MODULE, 4, 4, spec->seat_price / 2, TRUE, error) ||
      !insert_product (&s, 3, trade->integrations[0].id, NAME (trade->integrations[0]),
                       SEATS_PRODUCT_KIND_INTEGRATION, 1, 1, trade->fees[0], TRUE, error) ||
      !insert_product (&s, 4, trade->integrations[1].id, NAME (trade->integrations[1]),
                       SEATS_PRODUCT_KIND_INTEGRATION, 1, 1, trade->fees[1], FALSE, error) ||
      !insert_feature (&s, 0, "two-factor", swedish ? "Tvåstegsverifiering" : "Tweestapsverificatie",
                       swedish ? "Alla användare loggar in med en andra faktor."
                               : "Alle gebruikers melden zich aan met een tweede factor.", TRUE, error) ||
      !insert_feature (&s, 1, trade->feature.id, NAME (trade->feature),
                       swedish ? trade->feature_swedish : trade->feature_dutch, FALSE, error))
    return FALSE;
#undef NAME

  /* Modules held by named users: the first fully used, the second partly. */
  for (guint i = 0, held = 0; i < ids->len && held < 6; i++)
    if (i % 11 != 5 && assign (&s, trade->modules[0].id, g_ptr_array_index (ids, i), error))
      held++;
    else if (i % 11 != 5)
      return FALSE;
  for (guint i = 1; i < ids->len && i < 8; i += 3)
    if (!assign (&s, trade->modules[1].id, g_ptr_array_index (ids, i), error))
      return FALSE;

  return seed_history (&s, spec, admin_name, error);
}

static gboolean
seed_pending (SeatsServer  *self,
              gint64        org_id,
              guint         seats,
              GError      **error)
{
  sqlite3_stmt *stmt = seats_server_db_prepare (self,
    "INSERT INTO pending (org_id, id, issued, expires, source) VALUES (?, ?, ?, ?, 'vendor')");
  g_autoptr(SeatsOrg) org = seats_server_db_load_org (self, org_id);
  GDate today;

  seats_server_org_today (self, org, &today);
  sqlite3_bind_int64 (stmt, 1, org_id);
  seats_server_db_bind_text (stmt, 2, "lic-2026-demo");
  sqlite3_bind_int64 (stmt, 3, g_date_get_julian (&today) - 1);
  sqlite3_bind_int64 (stmt, 4, g_date_get_julian (&today) + 60);
  if (!seats_server_db_step_done (self, stmt, error))
    return FALSE;

  /* More user seats, and fewer scheduling licenses than are in use (R8). */
  stmt = seats_server_db_prepare (self,
    "INSERT INTO pending_lines (org_id, product_id, new_count) VALUES (?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, org_id);
  seats_server_db_bind_text (stmt, 2, "seats");
  sqlite3_bind_int64 (stmt, 3, seats + 5);
  if (!seats_server_db_step_done (self, stmt, error))
    return FALSE;
  stmt = seats_server_db_prepare (self,
    "INSERT INTO pending_lines (org_id, product_id, new_count) VALUES (?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, org_id);
  seats_server_db_bind_text (stmt, 2, "scheduling");
  sqlite3_bind_int64 (stmt, 3, 4);
  return seats_server_db_step_done (self, stmt, error);
}

gboolean
seats_server_seed_org_tokens (SeatsServer  *self,
                              gint64        org_id,
                              const char   *slug,
                              const char   *name,
                              GError      **error)
{
  g_autoptr(SeatsServerOrganization) organization = g_new0 (SeatsServerOrganization, 1);

  organization->slug = g_strdup (slug);
  organization->name = g_strdup (name);
  organization->admin_token = seats_server_db_add_token (self, org_id, SEATS_ROLE_ADMIN,
                                                         "Administrator", error);
  if (organization->admin_token == NULL)
    return FALSE;
  organization->viewer_token = seats_server_db_add_token (self, org_id, SEATS_ROLE_VIEWER,
                                                          "Viewer", error);
  if (organization->viewer_token == NULL)
    return FALSE;

  g_ptr_array_add (self->organizations, g_steal_pointer (&organization));
  return TRUE;
}

static const OrgSpec demo_orgs[] = {
  { &dental, "demolen", "Tandartspraktijk De Molen B.V.", "NL", "EUR", SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE,
    SEATS_ACTIVATION_MANUAL, 1, NULL, NULL, 0, "De Molen praktijkdossier", "Professional",
    "demolen.example", "Molenstraat 12", "3811 GH", "Amersfoort", "NL812345678B01",
    24, 22, 2950, 101 },
  { &care, "hetbaken", "Zorggroep Het Baken", "NL", "EUR", SEATS_SEAT_FLOOR_EQUAL_ACTIVE,
    SEATS_ACTIVATION_AUTOMATIC, 5, NULL, NULL, 0, "Baken cliëntdossier", "Zorg Plus",
    "hetbaken.example", "Bakenweg 3", "8242 PA", "Lelystad", "NL823456789B01",
    40, 33, 1800, 202 },
  { &dental, "fjallgarden", "Fjällgårdens Tandvård AB", "SE", "SEK", SEATS_SEAT_FLOOR_GRACE,
    SEATS_ACTIVATION_MANUAL, 1, NULL, NULL, 0, "Fjällgårdens personalregister", "Professional",
    "fjallgarden.example", "Storgatan 8", "831 30", "Östersund", "SE556677889901",
    30, 24, 34900, 303 },
  { &accounting, "bergstrom", "Bergström Redovisning AB", "SE", "SEK", SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE,
    SEATS_ACTIVATION_MANUAL, 1, "Nordisk Licenspartner AB", "https://licenspartner.example/kund",
    0, "Bergström katalog", "Standard", "bergstrom.example", "Kungsgatan 44", "411 19",
    "Göteborg", "SE556123456701", 12, 12, 29900, 404 },
  { &bakery, "vandijk", "Bakkerij Van Dijk", "NL", "EUR", SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE,
    SEATS_ACTIVATION_MANUAL, 1, NULL, NULL, 12, "Bakkerij Van Dijk personeelslijst", "Standard",
    "bakkerijvandijk.example", "Dorpsstraat 1", "1621 AA", "Hoorn", "NL834567890B01",
    6, 10, 1450, 505 },
};

/**
 * seats_server_seed_demo:
 *
 * Adds the demo organizations that are not there yet, and fresh tokens
 * for each (see seats_server_get_organizations()).
 */
gboolean
seats_server_seed_demo (SeatsServer  *self,
                        GError      **error)
{
  g_return_val_if_fail (SEATS_IS_SERVER (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (demo_orgs); i++)
    {
      const OrgSpec *spec = &demo_orgs[i];
      gint64 org_id;

      if (!seats_server_db_begin (self, error))
        return FALSE;

      org_id = seats_server_db_find_org (self, spec->slug);
      if (org_id == 0)
        {
          if (!seed_org (self, spec, error))
            goto failed;
          org_id = seats_server_db_find_org (self, spec->slug);
          if (g_str_equal (spec->slug, "demolen") && !seed_pending (self, org_id, spec->seats, error))
            goto failed;
        }

      if (!seats_server_seed_org_tokens (self, org_id, spec->slug, spec->name, error) ||
          !seats_server_db_commit (self, error))
        goto failed;
      continue;

    failed:
      seats_server_db_rollback (self);
      return FALSE;
    }

  return seats_server_maintain (self, TRUE, error);
}

/**
 * seats_server_seed_users:
 * @n_users: how many users
 *
 * Adds the organization `scale` with @n_users generated users, for
 * benchmarks and scale tests.
 */
gboolean
seats_server_seed_users (SeatsServer  *self,
                         guint         n_users,
                         GError      **error)
{
  OrgSpec spec = { &accounting, "scale", "Schaal Testorganisatie B.V.", "NL", "EUR",
                   SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE, SEATS_ACTIVATION_MANUAL, 1, NULL, NULL, 0,
                   "Schaal HR", "Enterprise", "schaal.example", "Lange Laan 100", "3511 AA",
                   "Utrecht", "NL845678901B01", 0, 0, 1200, 606 };
  gint64 org_id;

  g_return_val_if_fail (SEATS_IS_SERVER (self), FALSE);

  spec.n_users = n_users;
  spec.seats = n_users;

  if (!seats_server_db_begin (self, error))
    return FALSE;

  org_id = seats_server_db_find_org (self, spec.slug);
  if ((org_id == 0 && !seed_org (self, &spec, error)) ||
      !seats_server_seed_org_tokens (self, org_id ? org_id : seats_server_db_find_org (self, spec.slug),
                                     spec.slug, spec.name, error) ||
      !seats_server_db_commit (self, error))
    {
      seats_server_db_rollback (self);
      return FALSE;
    }

  return seats_server_maintain (self, TRUE, error);
}
