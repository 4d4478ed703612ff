/* seats-source-text.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-source-text"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-format.h"
#include "seats-source-text.h"

/* What an account's source does not tell, said the same way in the window
 * and by seatsctl. */

/**
 * seats_source_text_kind:
 * @source: whom an account syncs with
 *
 * Returns: what @source is, for the person
 */
const char *
seats_source_text_kind (SeatsAccountSource source)
{
  switch (source)
    {
    case SEATS_ACCOUNT_SOURCE_SCIM:
      return _("SCIM 2.0 service");

    case SEATS_ACCOUNT_SOURCE_MANUAL:
      return _("Kept on this computer");

    case SEATS_ACCOUNT_SOURCE_LICENSE_SERVER:
    default:
      return _("Seats license server");
    }
}

/**
 * seats_source_text_licenses:
 * @engine: the sync engine of a SCIM account
 *
 * Returns: (transfer full): how many users hold a license (R1), today,
 *   and that what was bought is not known from the service
 */
char *
seats_source_text_licenses (SeatsSyncEngine *engine)
{
  GListModel *users;
  g_autofree char *counted = NULL;
  g_autofree char *total = NULL;
  guint n_users;
  GDate today;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (engine), NULL);

  users = seats_sync_engine_get_users (engine);
  n_users = g_list_model_get_n_items (users);
  seats_clock_get_today (seats_sync_engine_get_clock (engine), &today);
  counted = seats_format_count (seats_users_count_counted (users, &today));
  total = seats_format_count (n_users);

  /* Translators: "12 of 15 users hold a license. …"; the plural is the second number's */
  return g_strdup_printf (ngettext ("%s of %s user holds a license. This account syncs "
                                    "with a SCIM 2.0 service, which gives its users and "
                                    "their status: the licenses bought and their prices "
                                    "are not known from it.",
                                    "%s of %s users hold a license. This account syncs "
                                    "with a SCIM 2.0 service, which gives its users and "
                                    "their status: the licenses bought and their prices "
                                    "are not known from it.",
                                    n_users),
                          counted, total);
}

/**
 * seats_source_text_billing:
 *
 * Returns: why a SCIM account has no billing, orders or action log
 */
const char *
seats_source_text_billing (void)
{
  return _("This account syncs with a SCIM 2.0 service, which gives its users and their "
           "status. The subscription, its prices, invoices and billing details are not "
           "known from it: they are in the vendor’s portal.");
}
