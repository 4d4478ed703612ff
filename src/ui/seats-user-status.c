/* seats-user-status.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-users-page"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-format.h"
#include "seats-rules.h"
#include "seats-user-status.h"

/**
 * seats_user_status_describe:
 * @user: a #SeatsUser
 * @today: the day to judge @user on
 *
 * Returns: (transfer full): the status of @user in words, for the Status
 *   column: "Active", "Starts Nov 22, 2026", ...
 */
char *
seats_user_status_describe (SeatsUser   *user,
                            const GDate *today)
{
  g_autofree char *date = NULL;

  switch (seats_user_get_status (user, today))
    {
    case SEATS_USER_STATUS_ACTIVE:
      return g_strdup (C_("user status", "Active"));

    case SEATS_USER_STATUS_STARTS:
      date = seats_format_date_short (seats_user_get_start_date_julian (user));
      /* Translators: the status of a user with a start date ahead; %s is a date */
      return g_strdup_printf (_("Starts %s"), date);

    case SEATS_USER_STATUS_GRACE:
      {
        GDate deadline, day;

        seats_julian_to_date (seats_user_get_grace_deadline_julian (user), &deadline);
        seats_rules_deactivation_day (&deadline, &day);
        date = seats_format_date_short (g_date_get_julian (&day));
        if (g_date_compare (&day, today) > 0)
          /* Translators: %s is the day ahead on which the user loses the license */
          return g_strdup_printf (_("Will be deactivated on %s"), date);
        /* Translators: %s is a date */
        return g_strdup_printf (_("Deactivated on %s"), date);
      }

    case SEATS_USER_STATUS_LEFT:
      date = seats_format_date_short (seats_user_get_end_date_julian (user));
      /* Translators: the status of a user past their end date; %s is a date */
      return g_strdup_printf (_("Left %s"), date);

    case SEATS_USER_STATUS_INACTIVE:
    default:
      return g_strdup (C_("user status", "Inactive"));
    }
}

/**
 * seats_user_status_explain:
 * @user: a #SeatsUser
 * @today: the day to judge @user on
 *
 * What the short status of a user in grace days leaves out: what keeps
 * the license (R5, R6).
 *
 * Returns: (transfer full) (nullable): the status of @user in a whole
 *   sentence, or %NULL where seats_user_status_describe() says it all
 */
char *
seats_user_status_explain (SeatsUser   *user,
                           const GDate *today)
{
  g_autofree char *date = NULL;
  GDate deadline, day;

  if (seats_user_get_status (user, today) != SEATS_USER_STATUS_GRACE)
    return NULL;

  seats_julian_to_date (seats_user_get_grace_deadline_julian (user), &deadline);
  seats_rules_deactivation_day (&deadline, &day);
  if (g_date_compare (&day, today) <= 0)
    return NULL;

  date = seats_format_date_short (g_date_get_julian (&day));
  /* Translators: the status of a user over the license count, in full; %s is a date ahead */
  return g_strdup_printf (_("Will be deactivated on %s unless licenses are bought"), date);
}
