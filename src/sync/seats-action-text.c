/* seats-action-text.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-action-text"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "seats-action-text.h"
#include "seats-format.h"
#include "seats-sync-engine.h"
#include "seats-types.h"

/* The action log (R14) holds the server's codes for what happened; these
 * turn them into sentences in the person's language. They are pure so that
 * what the log says can be tested without a window. */

/**
 * seats_action_text_describe:
 * @action: the server's code for what happened ("feature-on", "order", ...)
 * @subject: (nullable): what it happened to, already as a name for a person
 *
 * Returns: (transfer full): a sentence for the action log; codes this
 *   version does not know read as the code with its subject
 */
char *
seats_action_text_describe (const char *action,
                            const char *subject)
{
  /* %s is always the name of a product, feature, integration or user. */
  static const struct {
    const char *code;
    const char *with_subject;
    const char *without_subject;
  } sentences[] = {
    { "feature-on", N_("Switched on “%s” for the whole organization"), N_("Switched a feature on") },
    { "feature-off", N_("Switched off “%s” for the whole organization"), N_("Switched a feature off") },
    { "feature-switched", N_("Switched “%s” for the whole organization"), N_("Switched a feature") },
    { "order", N_("%s: licenses bought"), N_("Bought licenses") },
    { "seats-bought", N_("%s: licenses bought"), N_("Bought licenses") },
    { "next-period", N_("%s: licenses for the next billing period changed"),
      N_("Changed the licenses for the next billing period") },
    { "next-period-changed", N_("%s: licenses for the next billing period changed"),
      N_("Changed the licenses for the next billing period") },
    { "assign-module", N_("Gave %s a license of an add-on module"),
      N_("Assigned a license of an add-on module") },
    { "unassign-module", N_("Took a license of an add-on module from %s"),
      N_("Took back a license of an add-on module") },
    { "activate-user", N_("Activated %s"), N_("Activated a user") },
    { "user-activated", N_("Activated %s"), N_("Activated a user") },
    { "deactivate-user", N_("Deactivated %s"), N_("Deactivated a user") },
    { "user-deactivated", N_("Deactivated %s"), N_("Deactivated a user") },
    { "user-added", N_("%s was added in the source system"), N_("A user was added in the source system") },
    { "user-removed", N_("%s was removed in the source system"),
      N_("A user was removed in the source system") },
    { "grace-deadline", N_("%s holds a license past the count: deactivated at the deadline unless licenses are bought"),
      N_("A user holds a license past the count") },
    { "deactivated-at-deadline", N_("%s was deactivated at the deadline"),
      N_("A user was deactivated at the deadline") },
    { "license-activated", N_("Activated the new license for %s"), N_("Activated the new license") },
    { "license-imported", N_("Loaded a license from a file"), N_("Loaded a license from a file") },
    { "billing", N_("Changed the billing details"), N_("Changed the billing details") },
    { "billing-changed", N_("Changed the billing details"), N_("Changed the billing details") },
    { "trial-converted", N_("Turned the trial into a paid subscription"),
      N_("Turned the trial into a paid subscription") },
    { "period-turned", N_("A new billing period began"), N_("A new billing period began") },
    { "terms-changed", N_("Changed the terms of the subscription"),
      N_("Changed the terms of the subscription") },
    { "user-added-here", N_("Added %s"), N_("Added a user") },
    { "user-changed-here", N_("Changed the details of %s"), N_("Changed the details of a user") },
    { "user-removed-here", N_("Removed %s"), N_("Removed a user") },
    { "users-imported", N_("Imported the users of “%s”"), N_("Imported users from a file") },
    { "orders-corrected-here", N_("Corrected the orders"), N_("Corrected the orders") },
  };
  gboolean has_subject = subject != NULL && *subject != '\0';

  g_return_val_if_fail (action != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      if (!g_str_equal (sentences[i].code, action))
        continue;

      if (has_subject && strstr (sentences[i].with_subject, "%s") != NULL)
        {
          GString *sentence = g_string_new (_(sentences[i].with_subject));

          g_string_replace (sentence, "%s", subject, 1);
          return g_string_free (sentence, FALSE);
        }

      return g_strdup (_(sentences[i].without_subject));
    }

  if (has_subject)
    /* Translators: an action this version of Seats has no sentence for:
     * the server's code for it, then what it happened to */
    return g_strdup_printf (_("%s: %s"), action, subject);

  return g_strdup (action);
}

static gboolean
parse_iso_date (const char *text,
                int        *year,
                int        *month,
                int        *day)
{
  int n = 0;

  *day = 0;
  if (sscanf (text, "%4d-%2d-%2d%n", year, month, day, &n) == 3 && text[n] == '\0')
    return g_date_valid_dmy (*day, *month, *year);

  if (sscanf (text, "%4d-%2d%n", year, month, &n) == 2 && text[n] == '\0')
    return g_date_valid_dmy (1, *month, *year);

  return FALSE;
}

/**
 * seats_action_text_value:
 * @value: (nullable): a value before or after an action, as the server wrote it
 *
 * Returns: (transfer full) (nullable): the value for a person: states in
 *   words, dates as dates, anything else as it is; %NULL for no value
 */
char *
seats_action_text_value (const char *value)
{
  int year, month, day;

  if (value == NULL || *value == '\0')
    return NULL;

  if (g_str_equal (value, "on"))
    return g_strdup (C_("feature state", "on"));
  if (g_str_equal (value, "off"))
    return g_strdup (C_("feature state", "off"));
  if (g_str_equal (value, "active"))
    return g_strdup (C_("user state", "active"));
  if (g_str_equal (value, "inactive"))
    return g_strdup (C_("user state", "inactive"));
  if (g_str_equal (value, "trial"))
    return g_strdup (C_("subscription state", "trial"));

  if (parse_iso_date (value, &year, &month, &day))
    {
      if (day != 0)
        return seats_format_date_short (seats_julian_from_ymd (year, month, day));
      else
        {
          g_autoptr(GDateTime) date_time = g_date_time_new_utc (year, month, 1, 0, 0, 0);

          /* Translators: a month of a year, see the GDateTime format codes */
          return g_date_time_format (date_time, _("%B %Y"));
        }
    }

  return g_strdup (value);
}

/**
 * seats_action_text_change:
 * @before: (nullable): the value before, for a person
 * @after: (nullable): the value after, for a person
 *
 * Returns: (transfer full) (nullable): "10 → 12", or the one value there is
 */
char *
seats_action_text_change (const char *before,
                          const char *after)
{
  gboolean has_before = before != NULL && *before != '\0';
  gboolean has_after = after != NULL && *after != '\0';

  if (has_before && has_after)
    /* Translators: a value before and after a change in the action log */
    return g_strdup_printf (_("%s → %s"), before, after);

  if (has_after)
    return g_strdup (after);

  if (has_before)
    /* Translators: a value that was removed, in the action log */
    return g_strdup_printf (_("was %s"), before);

  return NULL;
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* A product, feature or user the log names by id, by its name. */
static char *
name_of (SeatsSyncEngine *engine,
         const char      *id)
{
  SeatsProduct *product;
  SeatsFeature *feature;
  SeatsUser *user;

  if ((product = seats_sync_engine_find_product (engine, id)) != NULL)
    return g_strdup (seats_product_get_name (product));
  if ((feature = seats_sync_engine_find_feature (engine, id)) != NULL)
    return g_strdup (seats_feature_get_name (feature));
  if ((user = seats_sync_engine_find_user (engine, id)) != NULL)
    return g_strdup (nonempty (seats_user_get_display_name (user)) ? seats_user_get_display_name (user)
                                                                  : seats_user_get_user_name (user));

  return NULL;
}

/* R14: what a change of the billing details changed, by the server's
 * code for the field. */
static const char *
billing_field_sentence (const char *field)
{
  static const struct {
    const char *code;
    const char *sentence;
  } sentences[] = {
    { "contact", N_("Changed the billing contact") },
    { "street", N_("Changed the street of the postal address") },
    { "postal-code", N_("Changed the postal code of the postal address") },
    { "city", N_("Changed the city of the postal address") },
    { "country", N_("Changed the country of the postal address") },
    { "e-invoicing", N_("Switched e-invoicing") },
    { "e-invoice-address", N_("Changed the e-invoice address") },
    { "e-invoice-operator", N_("Changed the operator code of the e-invoice provider") },
  };

  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (sentences); i++)
    if (g_str_equal (sentences[i].code, field))
      return _(sentences[i].sentence);

  return NULL;
}

/**
 * seats_action_text_entry_title:
 * @engine: the account's engine, to name what the entry names by id
 * @entry: an entry of the action log
 *
 * Returns: (transfer full): what happened, as a sentence with the name of
 *   what it happened to
 */
char *
seats_action_text_entry_title (SeatsSyncEngine  *engine,
                               SeatsActionEntry *entry)
{
  const char *subject = seats_action_entry_get_subject (entry);
  g_autofree char *name = NULL;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (engine), NULL);
  g_return_val_if_fail (SEATS_IS_ACTION_ENTRY (entry), NULL);

  if (g_strcmp0 (seats_action_entry_get_action (entry), "billing") == 0 &&
      billing_field_sentence (subject) != NULL)
    return g_strdup (billing_field_sentence (subject));

  /* The server's names for the subscription itself need no words. */
  if (nonempty (subject) && !g_str_equal (subject, "subscription") &&
      !g_str_equal (subject, "billing-details"))
    {
      name = name_of (engine, subject);
      if (name == NULL)
        name = g_strdup (subject);
    }

  return seats_action_text_describe (seats_action_entry_get_action (entry), name);
}

/**
 * seats_action_text_actor:
 * @engine: the account's engine
 * @actor: (nullable): who did it, as the log has it
 *
 * Returns: (transfer none): who did it, for a person: the license server
 *   or the organization's own system in words, a person as named
 */
const char *
seats_action_text_actor (SeatsSyncEngine *engine,
                         const char      *actor)
{
  SeatsAccount *account;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (engine), NULL);

  if (g_strcmp0 (actor, "system") == 0)
    return _("The license server");

  if (g_strcmp0 (actor, SEATS_LOCAL_ACTOR) == 0)
    return _("You, on this computer");

  if (g_strcmp0 (actor, "upstream") == 0)
    {
      account = seats_sync_engine_get_account (engine);
      if (account != NULL && nonempty (seats_account_get_upstream_system (account)))
        return seats_account_get_upstream_system (account);
      return _("The source system");
    }

  return nonempty (actor) ? actor : _("Unknown");
}

static char *
value_text (SeatsSyncEngine *engine,
            const char      *value)
{
  char *name;

  if (!nonempty (value))
    return NULL;

  if ((name = name_of (engine, value)) != NULL)
    return name;

  return seats_action_text_value (value);
}

/**
 * seats_action_text_entry_change:
 * @engine: the account's engine
 * @entry: an entry of the action log
 *
 * Returns: (transfer full) (nullable): its before and after for a person
 *   ("off → on" in words, dates as dates, names for ids), or %NULL
 */
char *
seats_action_text_entry_change (SeatsSyncEngine  *engine,
                                SeatsActionEntry *entry)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (engine), NULL);
  g_return_val_if_fail (SEATS_IS_ACTION_ENTRY (entry), NULL);

  before = value_text (engine, seats_action_entry_get_before (entry));
  after = value_text (engine, seats_action_entry_get_after (entry));

  return seats_action_text_change (before, after);
}
