/* seats-clock.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "seats-clock.h"

/**
 * SeatsClock:
 *
 * The one place every layer asks for now and today. A clock has a time zone
 * (the local one unless it is given another, such as an organization's) and
 * says when the day changes in it with #SeatsClock::day-changed: at
 * midnight, when the time zone changes, and when the clock is set.
 *
 * A clock either keeps its own time (the real time, moved by
 * seats_clock_set_now()) or follows another clock in a time zone of its own:
 * an account's clock follows the application's, so that setting the one
 * sets them all. Tests set the clock, and a person who wants to see Seats
 * on another day (`SEATS_CLOCK`; seats-server says so when it starts). A change of the system's own time zone while Seats runs
 * is not noticed: GLib keeps the local zone it read first.
 */
struct _SeatsClock
{
  GObject       parent_instance;

  SeatsClock   *base;
  gint64        offset_usec;
  GTimeZone    *zone;

  guint32       today;
  GMainContext *context;
  GSource      *tick;
};

G_DEFINE_FINAL_TYPE (SeatsClock, seats_clock, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIME_ZONE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  DAY_CHANGED,
  TIME_SET,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* A day is checked at least this often, so that a suspended machine or a
 * changed system time is noticed within a minute; and at midnight itself. */
#define TICK_MAX_MSEC (60 * 1000)
#define TICK_SLACK_MSEC 20

static GDateTime *
date_time_at (gint64     real_usec,
              GTimeZone *zone)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) exact = NULL;
  gint64 seconds = real_usec / G_USEC_PER_SEC;
  gint64 usec = real_usec % G_USEC_PER_SEC;

  if (usec < 0)
    {
      seconds--;
      usec += G_USEC_PER_SEC;
    }

  utc = g_date_time_new_from_unix_utc (seconds);
  if (utc == NULL)
    utc = g_date_time_new_from_unix_utc (0);
  exact = g_date_time_add (utc, usec);

  return g_date_time_to_timezone (exact != NULL ? exact : utc, zone);
}

static void
date_of (GDateTime *when,
         GDate     *date)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (when), g_date_time_get_month (when),
                  g_date_time_get_year (when));
}

static GTimeZone *
effective_zone (SeatsClock *self,
                GTimeZone  *zone)
{
  if (zone != NULL)
    return zone;

  return self->zone;
}

static void schedule_tick (SeatsClock *self);

/* Emits day-changed when the day in the clock's zone is not the one last
 * seen. */
static void
check_day (SeatsClock *self)
{
  guint32 today = seats_clock_get_today_julian (self);

  if (today == self->today)
    return;

  self->today = today;
  g_signal_emit (self, signals [DAY_CHANGED], 0);
}

static gboolean
tick_cb (gpointer data)
{
  SeatsClock *self = data;

  g_clear_pointer (&self->tick, g_source_unref);
  check_day (self);
  schedule_tick (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_tick (SeatsClock *self)
{
  gint64 until;
  guint delay;

  if (self->tick != NULL)
    {
      g_source_destroy (self->tick);
      g_clear_pointer (&self->tick, g_source_unref);
    }

  until = (seats_clock_get_next_day_start (self, NULL) - seats_clock_get_real_time (self)) / 1000;
  delay = (guint) CLAMP (until, 0, TICK_MAX_MSEC);
  if (delay < TICK_MAX_MSEC)
    delay += TICK_SLACK_MSEC;

  self->tick = g_timeout_source_new (delay);
  g_source_set_static_name (self->tick, "[seats] clock tick");
  g_source_set_callback (self->tick, tick_cb, self, NULL);
  g_source_attach (self->tick, self->context);
}

/* The time jumped: the day may be another, and midnight is elsewhere. */
static void
time_set (SeatsClock *self)
{
  check_day (self);
  schedule_tick (self);
  g_signal_emit (self, signals [TIME_SET], 0);
}

static void
base_time_set_cb (SeatsClock *self)
{
  time_set (self);
}

static void
seats_clock_dispose (GObject *object)
{
  SeatsClock *self = SEATS_CLOCK (object);

  if (self->tick != NULL)
    {
      g_source_destroy (self->tick);
      g_clear_pointer (&self->tick, g_source_unref);
    }

  G_OBJECT_CLASS (seats_clock_parent_class)->dispose (object);
}

static void
seats_clock_finalize (GObject *object)
{
  SeatsClock *self = SEATS_CLOCK (object);

  g_clear_object (&self->base);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (seats_clock_parent_class)->finalize (object);
}

static void
seats_clock_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SeatsClock *self = SEATS_CLOCK (object);

  switch (prop_id)
    {
    case PROP_TIME_ZONE:
      g_value_set_boxed (value, self->zone);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seats_clock_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SeatsClock *self = SEATS_CLOCK (object);

  switch (prop_id)
    {
    case PROP_TIME_ZONE:
      seats_clock_set_time_zone (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seats_clock_class_init (SeatsClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seats_clock_dispose;
  object_class->finalize = seats_clock_finalize;
  object_class->get_property = seats_clock_get_property;
  object_class->set_property = seats_clock_set_property;

  /**
   * SeatsClock:time-zone:
   *
   * The zone today is reckoned in; %NULL when set is the local one.
   */
  properties [PROP_TIME_ZONE] =
    g_param_spec_boxed ("time-zone", NULL, NULL,
                        G_TYPE_TIME_ZONE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SeatsClock::day-changed:
   *
   * Today is another day in the clock's time zone: midnight passed, the
   * clock's zone was set to another, or the clock was set.
   */
  signals [DAY_CHANGED] =
    g_signal_new ("day-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * SeatsClock::time-set:
   *
   * The clock was set to another time (seats_clock_set_now()): what was
   * computed from the time before is out of date.
   */
  signals [TIME_SET] =
    g_signal_new ("time-set",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
seats_clock_init (SeatsClock *self)
{
  self->zone = g_time_zone_new_local ();
  self->context = g_main_context_ref_thread_default ();
  self->today = seats_clock_get_today_julian (self);
  schedule_tick (self);
}

/**
 * seats_clock_new:
 *
 * A clock of its own: the real time, in the local time zone.
 *
 * Returns: (transfer full): a new #SeatsClock
 */
SeatsClock *
seats_clock_new (void)
{
  return g_object_new (SEATS_TYPE_CLOCK, NULL);
}

/**
 * seats_clock_new_following:
 * @base: the clock whose time to keep
 * @zone: (nullable): the time zone of the new clock; %NULL for the local one
 *
 * A clock that keeps @base's time (setting either sets both) and reckons
 * today in @zone, such as an organization's.
 *
 * Returns: (transfer full): a new #SeatsClock
 */
SeatsClock *
seats_clock_new_following (SeatsClock *base,
                           GTimeZone  *zone)
{
  SeatsClock *self;

  g_return_val_if_fail (SEATS_IS_CLOCK (base), NULL);

  self = g_object_new (SEATS_TYPE_CLOCK, NULL);
  self->base = g_object_ref (base);
  g_signal_connect_object (base, "time-set", G_CALLBACK (base_time_set_cb), self,
                           G_CONNECT_SWAPPED);
  seats_clock_set_time_zone (self, zone);
  time_set (self);

  return self;
}

/**
 * seats_clock_get_default:
 *
 * The clock of this process: the real time in the local time zone. When
 * the environment variable `SEATS_CLOCK` holds an ISO 8601 time (such as
 * `2027-02-28T23:59:00+01:00`), the clock starts there instead and runs on
 * from it; a date alone is read as noon of that day, local time. Tests and
 * scripts use it to see Seats on another day.
 *
 * Returns: (transfer none): the process's #SeatsClock
 */
SeatsClock *
seats_clock_get_default (void)
{
  static SeatsClock *clock;

  if (g_once_init_enter (&clock))
    {
      SeatsClock *created = seats_clock_new ();
      const char *start = g_getenv ("SEATS_CLOCK");
      g_autoptr(GError) error = NULL;

      if (start != NULL && *start != '\0' && !seats_clock_set_now_from_string (created, start, &error))
        g_warning ("SEATS_CLOCK: %s", error->message);

      g_once_init_leave (&clock, created);
    }

  return clock;
}

/**
 * seats_clock_get_time_zone:
 *
 * Returns: (transfer none): the time zone today is reckoned in
 */
GTimeZone *
seats_clock_get_time_zone (SeatsClock *self)
{
  g_return_val_if_fail (SEATS_IS_CLOCK (self), NULL);

  return self->zone;
}

/**
 * seats_clock_set_time_zone:
 * @zone: (nullable): the new time zone; %NULL for the local one
 *
 * Emits #SeatsClock::day-changed when today is another day in @zone.
 */
void
seats_clock_set_time_zone (SeatsClock *self,
                           GTimeZone  *zone)
{
  g_autoptr(GTimeZone) next = NULL;

  g_return_if_fail (SEATS_IS_CLOCK (self));

  next = zone != NULL ? g_time_zone_ref (zone) : g_time_zone_new_local ();
  if (g_strcmp0 (g_time_zone_get_identifier (next), g_time_zone_get_identifier (self->zone)) == 0)
    return;

  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = g_steal_pointer (&next);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TIME_ZONE]);

  check_day (self);
  schedule_tick (self);
}

/**
 * seats_clock_get_real_time:
 *
 * Like g_get_real_time(), on this clock.
 *
 * Returns: microseconds since the Unix epoch
 */
gint64
seats_clock_get_real_time (SeatsClock *self)
{
  g_return_val_if_fail (SEATS_IS_CLOCK (self), 0);

  if (self->base != NULL)
    return seats_clock_get_real_time (self->base);

  return g_get_real_time () + self->offset_usec;
}

/**
 * seats_clock_get_unix_time:
 *
 * Returns: whole seconds since the Unix epoch
 */
gint64
seats_clock_get_unix_time (SeatsClock *self)
{
  gint64 usec = seats_clock_get_real_time (self);

  return usec >= 0 ? usec / G_USEC_PER_SEC : -((-usec + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

/**
 * seats_clock_get_now:
 *
 * Returns: (transfer full): now, in the clock's time zone
 */
GDateTime *
seats_clock_get_now (SeatsClock *self)
{
  g_return_val_if_fail (SEATS_IS_CLOCK (self), NULL);

  return date_time_at (seats_clock_get_real_time (self), self->zone);
}

/**
 * seats_clock_get_today:
 * @today: (out caller-allocates): today, in the clock's time zone
 */
void
seats_clock_get_today (SeatsClock *self,
                       GDate      *today)
{
  seats_clock_get_today_in (self, NULL, today);
}

/**
 * seats_clock_get_today_julian:
 *
 * Returns: today in the clock's time zone, as a Julian day
 */
guint32
seats_clock_get_today_julian (SeatsClock *self)
{
  GDate today;

  seats_clock_get_today (self, &today);
  return g_date_get_julian (&today);
}

/**
 * seats_clock_get_today_in:
 * @zone: (nullable): the time zone to reckon in; %NULL for the clock's
 * @today: (out caller-allocates): today in @zone
 *
 * For a server, whose organizations each have a zone of their own.
 */
void
seats_clock_get_today_in (SeatsClock *self,
                          GTimeZone  *zone,
                          GDate      *today)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (SEATS_IS_CLOCK (self));
  g_return_if_fail (today != NULL);

  now = date_time_at (seats_clock_get_real_time (self), effective_zone (self, zone));
  date_of (now, today);
}

/**
 * seats_clock_get_next_day_start:
 * @zone: (nullable): the time zone to reckon in; %NULL for the clock's
 *
 * When the next day begins in @zone: midnight, or the first moment of the
 * day where a change of daylight saving time skips midnight.
 *
 * Returns: that instant, in microseconds since the Unix epoch, on this clock
 */
gint64
seats_clock_get_next_day_start (SeatsClock *self,
                                GTimeZone  *zone)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) start = NULL;
  GTimeZone *in;
  GDate tomorrow;

  g_return_val_if_fail (SEATS_IS_CLOCK (self), 0);

  in = effective_zone (self, zone);
  now = date_time_at (seats_clock_get_real_time (self), in);
  date_of (now, &tomorrow);
  if (g_date_get_julian (&tomorrow) < G_MAXUINT32 - 1)
    g_date_add_days (&tomorrow, 1);

  start = g_date_time_new (in, g_date_get_year (&tomorrow), g_date_get_month (&tomorrow),
                           g_date_get_day (&tomorrow), 0, 0, 0);
  if (start == NULL)
    return G_MAXINT64;

  return g_date_time_to_unix (start) * G_USEC_PER_SEC;
}

/**
 * seats_clock_set_now:
 * @now: the time to go on from
 *
 * Sets the clock (of a following clock: the clock it follows) to @now; it
 * runs on from there. Every clock that keeps this time emits
 * #SeatsClock::day-changed if today is another day for it.
 */
void
seats_clock_set_now (SeatsClock *self,
                     GDateTime  *now)
{
  g_return_if_fail (SEATS_IS_CLOCK (self));
  g_return_if_fail (now != NULL);

  if (self->base != NULL)
    {
      seats_clock_set_now (self->base, now);
      return;
    }

  self->offset_usec = g_date_time_to_unix (now) * G_USEC_PER_SEC +
                      g_date_time_get_microsecond (now) - g_get_real_time ();
  time_set (self);
}

/**
 * seats_clock_set_now_from_string:
 * @text: an ISO 8601 time such as `2027-02-28T23:59:00+01:00`, or a date
 *   such as `2027-02-28`, read as noon of that day in the clock's zone
 *
 * Sets the clock as seats_clock_set_now() does, from what a person or a
 * script wrote.
 *
 * Returns: %TRUE if @text is a time and the clock was set
 */
gboolean
seats_clock_set_now_from_string (SeatsClock  *self,
                                 const char  *text,
                                 GError     **error)
{
  g_autoptr(GDateTime) when = NULL;

  g_return_val_if_fail (SEATS_IS_CLOCK (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  when = g_date_time_new_from_iso8601 (text, self->zone);
  if (when == NULL && strlen (text) == 10)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_parse (&date, text);
      if (g_date_valid (&date) && text[4] == '-' && text[7] == '-')
        when = g_date_time_new (self->zone, g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 12, 0, 0);
    }

  if (when == NULL)
    {
      /* Translators: %s is what was given; keep the examples as they are */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a time such as 2027-02-28T23:59:00+01:00 or a date such as 2027-02-28."),
                   text);
      return FALSE;
    }

  seats_clock_set_now (self, when);
  return TRUE;
}

/**
 * seats_time_zone_id_is_valid:
 * @identifier: (nullable): what a source says its time zone is
 *
 * Whether @identifier has the form of an IANA time zone (`UTC`,
 * `Europe/Amsterdam`, `America/Argentina/Buenos_Aires`, `Etc/GMT+1`).
 * GLib also reads a path or a POSIX TZ rule as a zone: from a server,
 * neither is taken.
 *
 * Returns: %TRUE if it has that form
 */
gboolean
seats_time_zone_id_is_valid (const char *identifier)
{
  gboolean part_start = TRUE;
  gsize length = 0;

  if (identifier == NULL || !g_ascii_isalpha (identifier[0]))
    return FALSE;

  for (const char *p = identifier; *p != '\0'; p++, length++)
    {
      if (*p == '/')
        {
          if (part_start)
            return FALSE;
          part_start = TRUE;
          continue;
        }
      if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' && *p != '+')
        return FALSE;
      part_start = FALSE;
    }

  return !part_start && length <= 64;
}

/**
 * seats_time_zone_new_for_id:
 * @identifier: (nullable): an IANA time zone such as `Europe/Amsterdam`
 *
 * Returns: (transfer full) (nullable): the zone, or %NULL when @identifier
 *   is empty, not the name of a zone (seats_time_zone_id_is_valid()), or
 *   names no zone this system knows
 */
GTimeZone *
seats_time_zone_new_for_id (const char *identifier)
{
  if (!seats_time_zone_id_is_valid (identifier))
    return NULL;

  return g_time_zone_new_identifier (identifier);
}
