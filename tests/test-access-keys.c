/* test-access-keys.c: no two controls of one window share an access key,
 * in any language, as the .ui files have them
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

/* What a window shows at once: each dialog is a window of its own, and
 * each page shares the main window with the page switcher (the titles of
 * the view stack) and the sync banner; the welcome page is shown instead
 * of the pages. After # are the ids of the objects of a file that count.
 * Menus are popovers, windows of their own. */
static const struct {
  const char *name;
  const char *files[3];
} windows[] = {
  { "Activate License dialog", { "seats-activate-license-dialog.ui" } },
  { "Buy dialog", { "seats-buy-dialog.ui" } },
  { "Connect Account dialog", { "seats-connect-dialog.ui" } },
  { "Change Next Period dialog", { "seats-next-period-dialog.ui" } },
  { "Trial dialog", { "seats-trial-dialog.ui" } },
  { "Subscription Terms dialog", { "seats-terms-dialog.ui" } },
  { "Import Users dialog", { "seats-import-dialog.ui" } },
  { "User dialog", { "seats-user-dialog.ui" } },
  { "Licenses page", { "seats-window.ui#sync_banner,stack", "seats-licenses-page.ui" } },
  { "Users page", { "seats-window.ui#sync_banner,stack", "seats-users-page.ui" } },
  { "Billing page", { "seats-window.ui#sync_banner,stack", "seats-billing-page.ui" } },
  { "welcome page", { "seats-window.ui#sync_banner,welcome_page" } },
};

static const char *languages[] = { "en", "nl", "sv" };

typedef struct
{
  GPtrArray *texts;
  GStrv      ids;
  int        depth;
  int        capture_depth;
  int        menu_depth;
  gboolean   in_text;
  GString   *text;
  char      *context;
} Parse;

static void
start_cb (GMarkupParseContext  *context,
          const char           *element,
          const char          **names,
          const char          **values,
          gpointer              user_data,
          GError              **error)
{
  Parse *parse = user_data;
  const char *name = NULL, *translatable = NULL, *msgctxt = NULL;

  parse->depth++;
  if (g_str_equal (element, "menu"))
    parse->menu_depth++;

  if (g_str_equal (element, "object") && parse->ids != NULL && parse->capture_depth < 0)
    for (guint i = 0; names[i] != NULL; i++)
      if (g_str_equal (names[i], "id") && g_strv_contains ((const char * const *) parse->ids, values[i]))
        parse->capture_depth = parse->depth;

  if (parse->ids != NULL && parse->capture_depth < 0)
    return;

  if (!g_str_equal (element, "property") && !g_str_equal (element, "attribute"))
    return;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "name"))
        name = values[i];
      else if (g_str_equal (names[i], "translatable"))
        translatable = values[i];
      else if (g_str_equal (names[i], "context"))
        msgctxt = values[i];
    }

  if (parse->menu_depth == 0 && g_strcmp0 (translatable, "yes") == 0 &&
      (g_strcmp0 (name, "label") == 0 || g_strcmp0 (name, "title") == 0 ||
       g_strcmp0 (name, "button-label") == 0))
    {
      parse->in_text = TRUE;
      g_string_truncate (parse->text, 0);
      g_free (parse->context);
      parse->context = g_strdup (msgctxt);
    }
}

static void
end_cb (GMarkupParseContext  *context,
        const char           *element,
        gpointer              user_data,
        GError              **error)
{
  Parse *parse = user_data;

  if (g_str_equal (element, "menu"))
    parse->menu_depth--;
  if (parse->depth-- == parse->capture_depth)
    parse->capture_depth = -1;

  if (parse->in_text)
    {
      const char *translated = parse->context != NULL
        ? g_dpgettext2 (GETTEXT_PACKAGE, parse->context, parse->text->str)
        : g_dgettext (GETTEXT_PACKAGE, parse->text->str);

      /* Only a text with an underline before a letter has an access key. */
      if (strchr (parse->text->str, '_') != NULL)
        g_ptr_array_add (parse->texts, g_strdup (translated));
      parse->in_text = FALSE;
    }
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  Parse *parse = user_data;

  if (parse->in_text)
    g_string_append_len (parse->text, text, length);
}

static void
collect (const char *file,
         GPtrArray  *texts)
{
  static const GMarkupParser parser = { start_cb, end_cb, text_cb, NULL, NULL };
  g_auto(GStrv) parts = g_strsplit (file, "#", 2);
  g_auto(GStrv) ids = parts[1] != NULL ? g_strsplit (parts[1], ",", -1) : NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "src", "ui", parts[0], NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Parse parse = { texts, ids, 0, -1, 0, FALSE, text, NULL };

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  context = g_markup_parse_context_new (&parser, 0, &parse, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, -1, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_free (parse.context);
}

static gunichar
access_key (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (*p == '_' && p[1] != '\0' && p[1] != '_')
      return g_unichar_tolower (g_utf8_get_char (p + 1));

  return 0;
}

static void
test_access_keys (gconstpointer data)
{
  const char *language = data;
  g_autoptr(GString) clashes = g_string_new (NULL);

  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "");

  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GHashTable) keys = g_hash_table_new (NULL, NULL);

      for (guint j = 0; j < G_N_ELEMENTS (windows[i].files) && windows[i].files[j] != NULL; j++)
        collect (windows[i].files[j], texts);
      g_test_message ("%s: %u access keys", windows[i].name, texts->len);
      /* Every window here has some: none found means the file was misread. */
      g_assert_cmpuint (texts->len, >, 0);

      for (guint j = 0; j < texts->len; j++)
        {
          const char *text = g_ptr_array_index (texts, j);
          gunichar key = access_key (text);
          const char *other;

          if (key == 0)
            {
              g_string_append_printf (clashes, "\n  %s: “%s” has lost its access key", windows[i].name, text);
              continue;
            }

          other = g_hash_table_lookup (keys, GUINT_TO_POINTER (key));
          /* The same text twice is one control shown in one of two places. */
          if (other != NULL && !g_str_equal (other, text))
            g_string_append_printf (clashes, "\n  %s: “%s” and “%s”", windows[i].name, other, text);
          else
            g_hash_table_insert (keys, GUINT_TO_POINTER (key), (gpointer) text);
        }
    }

  if (clashes->len > 0)
    g_error ("Access keys in %s:%s", language, clashes->str);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/access-keys/%s", languages[i]);

      g_test_add_data_func (path, languages[i], test_access_keys);
    }

  return g_test_run ();
}
