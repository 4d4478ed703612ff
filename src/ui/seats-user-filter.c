/* seats-user-filter.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-users-page"

#include "config.h"

#include <string.h>

#include "seats-user-filter.h"
#include "seats-user-status.h"

/* The Users page's search and category in one filter, so that a keystroke
 * at 100,000 users costs one pass of substring matches over text that was
 * folded once per user. */

struct _SeatsUserFilter
{
  GtkFilter          parent_instance;

  char              *search;
  char             **tokens;
  SeatsUserCategory  category;
  char              *module_id;
  GDate              today;
};

G_DEFINE_FINAL_TYPE (SeatsUserFilter, seats_user_filter, GTK_TYPE_FILTER)

static GQuark search_key_quark;

/* The folded name, user name and e-mail address of @user, made the first
 * time it is matched and kept with the user object, which a sync replaces
 * when the user changes. */
static const char *
search_key (SeatsUser *user)
{
  const char *key = g_object_get_qdata (G_OBJECT (user), search_key_quark);

  if (key == NULL)
    {
      g_autofree char *joined = g_strjoin ("\n",
                                           seats_user_get_display_name (user) ?: "",
                                           seats_user_get_user_name (user) ?: "",
                                           seats_user_get_email (user) ?: "",
                                           NULL);
      char *folded = seats_user_filter_fold (joined);

      g_object_set_qdata_full (G_OBJECT (user), search_key_quark, folded, g_free);
      key = folded;
    }

  return key;
}

static gboolean
seats_user_filter_match (GtkFilter *filter,
                         gpointer   item)
{
  SeatsUserFilter *self = SEATS_USER_FILTER (filter);
  SeatsUser *user = item;

  switch (self->category)
    {
    case SEATS_USER_CATEGORY_COUNTED:
      if (!seats_user_counts (user, &self->today))
        return FALSE;
      break;

    case SEATS_USER_CATEGORY_INACTIVE:
      if (seats_user_counts (user, &self->today))
        return FALSE;
      break;

    case SEATS_USER_CATEGORY_MODULE:
      if (!seats_user_has_module (user, self->module_id))
        return FALSE;
      break;

    case SEATS_USER_CATEGORY_ALL:
    default:
      break;
    }

  if (self->tokens != NULL)
    {
      const char *key = search_key (user);

      for (guint i = 0; self->tokens[i] != NULL; i++)
        if (strstr (key, self->tokens[i]) == NULL)
          return FALSE;
    }

  return TRUE;
}

static GtkFilterMatch
seats_user_filter_get_strictness (GtkFilter *filter)
{
  SeatsUserFilter *self = SEATS_USER_FILTER (filter);

  if (self->tokens == NULL && self->category == SEATS_USER_CATEGORY_ALL)
    return GTK_FILTER_MATCH_ALL;

  return GTK_FILTER_MATCH_SOME;
}

static void
seats_user_filter_finalize (GObject *object)
{
  SeatsUserFilter *self = SEATS_USER_FILTER (object);

  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->tokens, g_strfreev);
  g_clear_pointer (&self->module_id, g_free);

  G_OBJECT_CLASS (seats_user_filter_parent_class)->finalize (object);
}

static void
seats_user_filter_class_init (SeatsUserFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->finalize = seats_user_filter_finalize;
  filter_class->match = seats_user_filter_match;
  filter_class->get_strictness = seats_user_filter_get_strictness;

  search_key_quark = g_quark_from_static_string ("seats-user-search-key");
}

static void
seats_user_filter_init (SeatsUserFilter *self)
{
  /* Until the page sets the organization's day. */
  seats_clock_get_today (seats_clock_get_default (), &self->today);
}

SeatsUserFilter *
seats_user_filter_new (void)
{
  return g_object_new (SEATS_TYPE_USER_FILTER, NULL);
}

/**
 * seats_user_filter_fold:
 * @text: text a person wrote or reads
 *
 * Folds @text for matching: case folded, compatibility decomposed, and
 * without combining marks, so that "akesson" finds "Åkesson" and "DE VRIES"
 * finds "de Vries".
 *
 * Returns: (transfer full): the folded text
 */
char *
seats_user_filter_fold (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  folded = g_utf8_casefold (text, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_steal_pointer (&folded);

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

const char *
seats_user_filter_get_search (SeatsUserFilter *self)
{
  g_return_val_if_fail (SEATS_IS_USER_FILTER (self), NULL);

  return self->search ? self->search : "";
}

/**
 * seats_user_filter_set_search:
 * @self: a #SeatsUserFilter
 * @search: (nullable): what the person typed; every word of it must occur
 *   in the user's name, user name or e-mail address
 *
 * Typing on at the end of the search only narrows the result, so the
 * filter models look only at the users that matched before.
 */
void
seats_user_filter_set_search (SeatsUserFilter *self,
                              const char      *search)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *old = NULL;
  GtkFilterChange change;

  g_return_if_fail (SEATS_IS_USER_FILTER (self));

  stripped = g_strstrip (g_strdup (search ? search : ""));
  folded = seats_user_filter_fold (stripped);
  if (g_str_equal (folded, self->search ? self->search : ""))
    return;

  old = g_steal_pointer (&self->search);
  self->search = g_steal_pointer (&folded);
  g_clear_pointer (&self->tokens, g_strfreev);
  if (self->search[0] != '\0')
    {
      g_auto(GStrv) words = g_strsplit_set (self->search, " \t\n", -1);
      GStrvBuilder *builder = g_strv_builder_new ();

      for (guint i = 0; words[i] != NULL; i++)
        if (words[i][0] != '\0')
          g_strv_builder_add (builder, words[i]);
      self->tokens = g_strv_builder_end (builder);
      g_strv_builder_unref (builder);
    }

  if (old == NULL || old[0] == '\0')
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (g_str_has_prefix (self->search, old))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (g_str_has_prefix (old, self->search))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  gtk_filter_changed (GTK_FILTER (self), change);
}

SeatsUserCategory
seats_user_filter_get_category (SeatsUserFilter *self)
{
  g_return_val_if_fail (SEATS_IS_USER_FILTER (self), SEATS_USER_CATEGORY_ALL);

  return self->category;
}

const char *
seats_user_filter_get_module (SeatsUserFilter *self)
{
  g_return_val_if_fail (SEATS_IS_USER_FILTER (self), NULL);

  return self->module_id;
}

/**
 * seats_user_filter_set_category:
 * @self: a #SeatsUserFilter
 * @category: which users to show
 * @module_id: (nullable): the add-on module, for %SEATS_USER_CATEGORY_MODULE
 */
void
seats_user_filter_set_category (SeatsUserFilter   *self,
                                SeatsUserCategory  category,
                                const char        *module_id)
{
  GtkFilterChange change;

  g_return_if_fail (SEATS_IS_USER_FILTER (self));
  g_return_if_fail (category != SEATS_USER_CATEGORY_MODULE || module_id != NULL);

  if (category != SEATS_USER_CATEGORY_MODULE)
    module_id = NULL;

  if (category == self->category && g_strcmp0 (module_id, self->module_id) == 0)
    return;

  if (self->category == SEATS_USER_CATEGORY_ALL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (category == SEATS_USER_CATEGORY_ALL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  self->category = category;
  g_free (self->module_id);
  self->module_id = g_strdup (module_id);

  gtk_filter_changed (GTK_FILTER (self), change);
}

/**
 * seats_user_filter_set_today:
 * @self: a #SeatsUserFilter
 * @today: the day who counts is judged on (R1)
 */
void
seats_user_filter_set_today (SeatsUserFilter *self,
                             const GDate     *today)
{
  g_return_if_fail (SEATS_IS_USER_FILTER (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  if (g_date_compare (today, &self->today) == 0)
    return;

  self->today = *today;
  if (self->category == SEATS_USER_CATEGORY_COUNTED || self->category == SEATS_USER_CATEGORY_INACTIVE)
    gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}
