/* test-clock.c: the one clock every layer asks for now and today
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "seats-domain.h"

static GDateTime *
parse (const char *iso)
{
  GDateTime *when = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (when);
  return when;
}

static SeatsClock *
clock_at (const char *iso,
          const char *zone_id)
{
  g_autoptr(GTimeZone) zone = seats_time_zone_new_for_id (zone_id);
  g_autoptr(GDateTime) when = parse (iso);
  SeatsClock *clock = seats_clock_new ();

  g_assert_nonnull (zone);
  seats_clock_set_time_zone (clock, zone);
  seats_clock_set_now (clock, when);
  return clock;
}

static void
assert_today (SeatsClock *clock,
              int         year,
              int         month,
              int         day)
{
  GDate today;

  seats_clock_get_today (clock, &today);
  g_assert_cmpint (g_date_get_year (&today), ==, year);
  g_assert_cmpint (g_date_get_month (&today), ==, month);
  g_assert_cmpint (g_date_get_day (&today), ==, day);
  g_assert_cmpuint (seats_clock_get_today_julian (clock), ==, seats_julian_from_ymd (year, month, day));
}

/* The clock runs on from the time it is set to. */
static void
test_set_now (void)
{
  g_autoptr(SeatsClock) clock = clock_at ("2026-11-16T10:00:00Z", "UTC");
  g_autoptr(GDateTime) now = NULL;
  gint64 set = g_date_time_to_unix (parse ("2026-11-16T10:00:00Z"));

  g_assert_cmpint (seats_clock_get_unix_time (clock), >=, set);
  g_assert_cmpint (seats_clock_get_unix_time (clock), <, set + 60);
  g_assert_cmpint (seats_clock_get_real_time (clock) / G_USEC_PER_SEC, ==,
                   seats_clock_get_unix_time (clock));

  now = seats_clock_get_now (clock);
  g_assert_cmpint (g_date_time_get_year (now), ==, 2026);
  g_assert_cmpint (g_date_time_get_hour (now), ==, 10);
  g_assert_cmpstr (g_time_zone_get_identifier (g_date_time_get_timezone (now)), ==, "UTC");
  assert_today (clock, 2026, 11, 16);

  /* Back as well as forward: only the server refuses to go back. */
  g_clear_pointer (&now, g_date_time_unref);
  now = parse ("2024-02-29T12:00:00Z");
  seats_clock_set_now (clock, now);
  assert_today (clock, 2024, 2, 29);
}

/* Today is the organization's: at 23:30 UTC on December 31 it is already
 * the new year in Amsterdam and Stockholm, and still the old one in UTC. */
static void
test_time_zones (void)
{
  g_autoptr(SeatsClock) utc = clock_at ("2026-12-31T23:30:00Z", "UTC");
  g_autoptr(GTimeZone) amsterdam = seats_time_zone_new_for_id ("Europe/Amsterdam");
  g_autoptr(GTimeZone) stockholm = seats_time_zone_new_for_id ("Europe/Stockholm");
  g_autoptr(GTimeZone) honolulu = seats_time_zone_new_for_id ("Pacific/Honolulu");
  GDate today;

  assert_today (utc, 2026, 12, 31);

  seats_clock_get_today_in (utc, amsterdam, &today);
  g_assert_cmpuint (g_date_get_julian (&today), ==, seats_julian_from_ymd (2027, 1, 1));
  seats_clock_get_today_in (utc, stockholm, &today);
  g_assert_cmpuint (g_date_get_julian (&today), ==, seats_julian_from_ymd (2027, 1, 1));
  seats_clock_get_today_in (utc, honolulu, &today);
  g_assert_cmpuint (g_date_get_julian (&today), ==, seats_julian_from_ymd (2026, 12, 31));
  seats_clock_get_today_in (utc, NULL, &today);
  g_assert_cmpuint (g_date_get_julian (&today), ==, seats_julian_from_ymd (2026, 12, 31));

  /* Summer time: 22:30 UTC on June 30 is July 1 in Amsterdam (UTC+2). */
  seats_clock_set_now (utc, parse ("2027-06-30T22:30:00Z"));
  seats_clock_get_today_in (utc, amsterdam, &today);
  g_assert_cmpuint (g_date_get_julian (&today), ==, seats_julian_from_ymd (2027, 7, 1));
  seats_clock_get_today_in (utc, NULL, &today);
  g_assert_cmpuint (g_date_get_julian (&today), ==, seats_julian_from_ymd (2027, 6, 30));

  g_assert_null (seats_time_zone_new_for_id (NULL));
  g_assert_null (seats_time_zone_new_for_id (""));
  g_assert_null (seats_time_zone_new_for_id ("Europe/Atlantis"));

  /* A name, never a file or a rule GLib would read as a zone. */
  {
    const char *valid[] = { "UTC", "Europe/Amsterdam", "America/Argentina/Buenos_Aires", "Etc/GMT+1" };
    const char *invalid[] = { "/etc/passwd", ":/dev/zero", "../../etc/localtime", "Europe//Amsterdam",
                              "Europe/", "CET-1CEST,M3.5.0,M10.5.0/3", "Europe/Amster dam", "" };

    for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
      g_assert_true (seats_time_zone_id_is_valid (valid[i]));
    for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
      {
        g_assert_false (seats_time_zone_id_is_valid (invalid[i]));
        g_assert_null (seats_time_zone_new_for_id (invalid[i]));
      }
  }
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

/* An account's clock keeps the application's time in its own zone. */
static void
test_following (void)
{
  g_autoptr(SeatsClock) base = clock_at ("2026-12-31T22:30:00Z", "UTC");
  g_autoptr(GTimeZone) amsterdam = seats_time_zone_new_for_id ("Europe/Amsterdam");
  g_autoptr(SeatsClock) account = seats_clock_new_following (base, amsterdam);
  guint base_days = 0, account_days = 0;

  assert_today (base, 2026, 12, 31);
  assert_today (account, 2026, 12, 31);
  g_assert_cmpint (seats_clock_get_real_time (account) / G_USEC_PER_SEC, <=,
                   seats_clock_get_real_time (base) / G_USEC_PER_SEC + 1);

  g_signal_connect (base, "day-changed", G_CALLBACK (count_cb), &base_days);
  g_signal_connect (account, "day-changed", G_CALLBACK (count_cb), &account_days);

  /* 23:30 UTC: a new day in Amsterdam only. */
  seats_clock_set_now (base, parse ("2026-12-31T23:30:00Z"));
  g_assert_cmpuint (base_days, ==, 0);
  g_assert_cmpuint (account_days, ==, 1);
  assert_today (account, 2027, 1, 1);

  /* Setting the account's clock sets the one it follows. */
  seats_clock_set_now (account, parse ("2027-01-01T00:30:00Z"));
  g_assert_cmpuint (base_days, ==, 1);
  g_assert_cmpuint (account_days, ==, 1);
  assert_today (base, 2027, 1, 1);

  /* Another time of the same day is not another day. */
  seats_clock_set_now (base, parse ("2027-01-01T12:00:00Z"));
  g_assert_cmpuint (base_days, ==, 1);
  g_assert_cmpuint (account_days, ==, 1);

  /* Nor is the same day in another zone. */
  seats_clock_set_time_zone (account, NULL);
  seats_clock_set_time_zone (base, amsterdam);
  g_assert_cmpuint (base_days, ==, 1);
  g_assert_cmpuint (account_days, ==, 1);
}

/* A zone in which it is already another day is another day. */
static void
test_zone_changes_day (void)
{
  g_autoptr(SeatsClock) clock = clock_at ("2026-12-31T23:30:00Z", "UTC");
  g_autoptr(GTimeZone) stockholm = seats_time_zone_new_for_id ("Europe/Stockholm");
  guint days = 0;

  g_signal_connect (clock, "day-changed", G_CALLBACK (count_cb), &days);
  seats_clock_set_time_zone (clock, stockholm);
  g_assert_cmpuint (days, ==, 1);
  assert_today (clock, 2027, 1, 1);
  g_assert_true (seats_clock_get_time_zone (clock) == stockholm);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The pages update at midnight: the clock says so by itself, without
 * anyone setting it, just after the day turns. */
static void
wait_for_midnight (const char *before,
                   const char *zone_id,
                   int         year,
                   int         month,
                   int         day)
{
  g_autoptr(SeatsClock) clock = clock_at (before, zone_id);
  gboolean timed_out = FALSE;
  guint days = 0;
  guint timeout;

  g_signal_connect (clock, "day-changed", G_CALLBACK (count_cb), &days);
  timeout = g_timeout_add (10000, timeout_cb, &timed_out);
  while (days == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);

  g_assert_false (timed_out);
  g_assert_cmpuint (days, ==, 1);
  assert_today (clock, year, month, day);
}

static void
test_midnight (void)
{
  /* The year turns, a day in February that only leap years have begins,
   * and a day whose midnight is in summer time. */
  wait_for_midnight ("2026-12-31T23:59:59.3Z", "UTC", 2027, 1, 1);
  wait_for_midnight ("2028-02-28T23:59:59.3+01:00", "Europe/Amsterdam", 2028, 2, 29);
  wait_for_midnight ("2028-02-29T23:59:59.3+01:00", "Europe/Stockholm", 2028, 3, 1);
  wait_for_midnight ("2027-07-31T23:59:59.3+02:00", "Europe/Amsterdam", 2027, 8, 1);
}

/* When the next day begins: at midnight, or where summer time skips
 * midnight, at the first moment the day has. */
static void
test_next_day_start (void)
{
  g_autoptr(SeatsClock) clock = clock_at ("2028-02-28T12:00:00+01:00", "Europe/Amsterdam");
  g_autoptr(GTimeZone) santiago = seats_time_zone_new_for_id ("America/Santiago");

  g_assert_cmpint (seats_clock_get_next_day_start (clock, NULL) / G_USEC_PER_SEC, ==,
                   g_date_time_to_unix (parse ("2028-02-29T00:00:00+01:00")));

  /* The last day of summer time is 25 hours long; the next begins at midnight in winter time. */
  seats_clock_set_now (clock, parse ("2027-10-31T12:00:00+01:00"));
  g_assert_cmpint (seats_clock_get_next_day_start (clock, NULL) / G_USEC_PER_SEC, ==,
                   g_date_time_to_unix (parse ("2027-11-01T00:00:00+01:00")));

  /* Chile moves its clocks from 00:00 to 01:00 on the first Sunday of
   * September: that day begins at 01:00. */
  g_assert_nonnull (santiago);
  seats_clock_set_now (clock, parse ("2026-09-05T12:00:00-04:00"));
  g_assert_cmpint (seats_clock_get_next_day_start (clock, santiago) / G_USEC_PER_SEC, ==,
                   g_date_time_to_unix (parse ("2026-09-06T01:00:00-03:00")));
}

/* What a person or a script writes in SEATS_CLOCK or seats-server --now. */
static void
test_from_string (void)
{
  g_autoptr(SeatsClock) clock = clock_at ("2026-11-16T10:00:00Z", "Europe/Stockholm");
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (seats_clock_set_now_from_string (clock, "2027-02-28T23:59:00+01:00", &error));
  g_assert_no_error (error);
  assert_today (clock, 2027, 2, 28);

  /* A date alone is noon of that day, in the clock's zone. */
  g_assert_true (seats_clock_set_now_from_string (clock, "2028-02-29", &error));
  g_assert_no_error (error);
  assert_today (clock, 2028, 2, 29);
  now = seats_clock_get_now (clock);
  g_assert_cmpint (g_date_time_get_hour (now), ==, 12);

  /* A time without a zone is in the clock's zone. */
  g_assert_true (seats_clock_set_now_from_string (clock, "2026-12-31T23:30:00", &error));
  assert_today (clock, 2026, 12, 31);

  for (guint i = 0; i < 5; i++)
    {
      const char *bad[] = { "", "tomorrow", "2027-02-30", "2027-13-01T00:00:00Z", "31-12-2026" };

      g_assert_false (seats_clock_set_now_from_string (clock, bad[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, "2027-02-28"));
      g_clear_error (&error);
      assert_today (clock, 2026, 12, 31);
    }
}

/* The process's clock is one object, in the local zone (TZ=UTC here). */
static void
test_default (void)
{
  SeatsClock *clock = seats_clock_get_default ();

  g_assert_true (seats_clock_get_default () == clock);
  g_assert_cmpstr (g_time_zone_get_identifier (seats_clock_get_time_zone (clock)), ==, "UTC");
  g_assert_cmpint (ABS (seats_clock_get_unix_time (clock) - g_get_real_time () / G_USEC_PER_SEC), <=, 1);
}

int
main (int   argc,
      char *argv[])
{
  /* The default clock is the real one: nothing from outside moves it. */
  g_unsetenv ("SEATS_CLOCK");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clock/set-now", test_set_now);
  g_test_add_func ("/clock/time-zones", test_time_zones);
  g_test_add_func ("/clock/following", test_following);
  g_test_add_func ("/clock/zone-changes-day", test_zone_changes_day);
  g_test_add_func ("/clock/midnight", test_midnight);
  g_test_add_func ("/clock/next-day-start", test_next_day_start);
  g_test_add_func ("/clock/from-string", test_from_string);
  g_test_add_func ("/clock/default", test_default);

  return g_test_run ();
}
