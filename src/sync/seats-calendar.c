/* seats-calendar.c: the notice dates as an iCalendar file
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <libical/ical.h>

#include "seats-calendar.h"
#include "seats-format.h"

/* A week before each notice date, a calendar says so. */
#define ALARM_DAYS_BEFORE 7

static struct icaltimetype
date_of (guint32 julian)
{
  struct icaltimetype time = icaltime_null_date ();
  GDate date;

  seats_julian_to_date (julian, &date);
  time.year = g_date_get_year (&date);
  time.month = g_date_get_month (&date);
  time.day = g_date_get_day (&date);
  time.is_date = 1;

  return time;
}

/**
 * seats_reminder_text:
 * @reminder: what a notice date asks
 *
 * Returns: (transfer full): what the next period begins with, what
 *   lowering it saves and who has left, in the person's words, for the
 *   calendar's event and the desktop's notification alike
 */
char *
seats_reminder_text (const SeatsReminder *reminder)
{
  g_autofree char *begins = seats_format_date (reminder->period_end);
  GString *text = g_string_new (NULL);

  /* Translators: a date, then a number of licenses; followed by how many
   * users count today */
  g_string_append_printf (text, ngettext ("The next billing period begins on %s with %u license",
                                          "The next billing period begins on %s with %u licenses",
                                          reminder->next_period),
                          begins, reminder->next_period);
  g_string_append (text, "; ");
  g_string_append_printf (text, ngettext ("%u user counts today.", "%u users count today.",
                                          reminder->counted),
                          reminder->counted);

  if (reminder->saving > 0)
    {
      g_autofree char *saving = seats_format_money (reminder->saving, reminder->currency);

      g_string_append (text, " ");
      /* Translators: a number of licenses, then an amount of money */
      g_string_append_printf (text, ngettext ("Lowering it to %u license saves %s a period.",
                                              "Lowering it to %u licenses saves %s a period.",
                                              reminder->target),
                              reminder->target, saving);
    }

  if (reminder->left > 0)
    {
      g_string_append (text, " ");
      g_string_append_printf (text, ngettext ("%u active user has passed the end date.",
                                              "%u active users have passed the end date.",
                                              reminder->left),
                              reminder->left);
    }

  return g_string_free (text, FALSE);
}

/**
 * seats_calendar_of_notice_dates:
 * @names: (array length=n_accounts): what each account is called
 * @snapshots: (array length=n_accounts): each account as it is known
 * @n_accounts: how many there are
 * @today: today, from the one clock
 * @now: the moment, Unix seconds, the file is made at
 *
 * An iCalendar file (RFC 5545) with one all-day event for each account's
 * next notice date: the last day to change the next period's licenses,
 * with what the count could be lowered to and what that saves, and an
 * alarm a week before. GNOME Calendar and Outlook import it; the events
 * keep their UIDs, so importing a newer file updates them.
 *
 * Returns: (transfer full): the file's text
 */
char *
seats_calendar_of_notice_dates (const char * const   *names,
                                const SeatsSnapshot **snapshots,
                                guint                 n_accounts,
                                const GDate          *today,
                                gint64                now)
{
  icalcomponent *calendar;
  char *text;
  char *copy;

  g_return_val_if_fail (n_accounts == 0 || (names != NULL && snapshots != NULL), NULL);

  calendar = icalcomponent_vanew (ICAL_VCALENDAR_COMPONENT,
                                  icalproperty_new_version ("2.0"),
                                  icalproperty_new_prodid ("-//Seats//Notice dates//EN"),
                                  icalproperty_new_calscale ("GREGORIAN"),
                                  (void *) 0);

  for (guint i = 0; i < n_accounts; i++)
    {
      g_auto(SeatsReminder) reminder = { 0 };
      g_autofree char *summary = NULL;
      g_autofree char *description = NULL;
      g_autofree char *uid = NULL;
      const char *id;
      icalcomponent *event, *alarm;
      struct icaltimetype start, end;

      if (!seats_reminder_compute (snapshots[i], today, 0, &reminder))
        continue;

      id = snapshots[i]->account != NULL && seats_account_get_id (snapshots[i]->account) != NULL
           ? seats_account_get_id (snapshots[i]->account) : names[i];
      uid = g_strdup_printf ("notice-%u-%s@seats.seatsapp.github.io", reminder.period_end, id);
      /* Translators: %s is a subscription, as its vendor is called */
      summary = g_strdup_printf (_("%s: last day to change the licenses of the next billing period"),
                                 names[i]);
      description = seats_reminder_text (&reminder);
      start = date_of (reminder.notice_date);
      end = date_of (reminder.notice_date + 1);

      alarm = icalcomponent_vanew (ICAL_VALARM_COMPONENT,
                                   icalproperty_new_action (ICAL_ACTION_DISPLAY),
                                   icalproperty_new_description (summary),
                                   icalproperty_new_trigger (icaltriggertype_from_int (-ALARM_DAYS_BEFORE * 24 * 3600)),
                                   (void *) 0);
      event = icalcomponent_vanew (ICAL_VEVENT_COMPONENT,
                                   icalproperty_new_uid (uid),
                                   icalproperty_new_dtstamp (icaltime_from_timet_with_zone (now, 0, icaltimezone_get_utc_timezone ())),
                                   icalproperty_new_dtstart (start),
                                   icalproperty_new_dtend (end),
                                   icalproperty_new_summary (summary),
                                   icalproperty_new_description (description),
                                   icalproperty_new_transp (ICAL_TRANSP_TRANSPARENT),
                                   alarm,
                                   (void *) 0);
      icalcomponent_add_component (calendar, event);
    }

  text = icalcomponent_as_ical_string_r (calendar);
  icalcomponent_free (calendar);

  /* Freed with g_free() like every string Seats hands out. */
  copy = g_strdup (text);
  icalmemory_free_buffer (text);

  return copy;
}
