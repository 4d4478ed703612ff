/* bench-users-filter.c: typing in the Users search at 100,000 users
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: prints how long each keystroke of a search takes with the
 * Users page's models (sorted by name, then filtered) under a column view
 * in a window. Run it from a release build without sanitizers, under X or
 * Xvfb: bench-users-filter [n-users]. "In the key handler" is how long a
 * keystroke holds up the main loop; "until every row is filtered" runs on
 * over the following frames while the list fills in.
 */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "seats-domain.h"
#include "seats-test.h"
#include "seats-user-filter.h"

static const char *given[] = {
  "Sanne", "Daan", "Lotte", "Bram", "Emma", "Thijs", "Fleur", "Joris", "Anouk", "Ruben",
  "Anna", "Erik", "Maja", "Lars", "Elin", "Johan", "Sara", "Nils", "Ingrid", "Oskar",
};
static const char *family[] = {
  "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
  "Andersson", "Johansson", "Karlsson", "Nilsson", "Bergström", "Åkesson", "Sjöberg",
};

static GListModel *
make_users (guint n)
{
  SeatsUserList *store = seats_user_list_new ();
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
  GRand *rand = g_rand_new_with_seed (42);
  static const char *modules[] = { "scheduling", NULL };

  for (guint i = 0; i < n; i++)
    {
      SeatsUser *user = seats_user_new ();
      const char *g = given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))];
      const char *f = family[g_rand_int_range (rand, 0, G_N_ELEMENTS (family))];
      g_autofree char *id = g_strdup_printf ("user-%u", i);
      g_autofree char *name = g_strdup_printf ("%s %s", g, f);
      g_autofree char *user_name = g_strdup_printf ("%c%s%u", g_ascii_tolower (g[0]), f, i);
      g_autofree char *mail = g_strdup_printf ("%s.%u@example.com", g, i);

      seats_user_set_id (user, id);
      seats_user_set_display_name (user, name);
      seats_user_set_user_name (user, user_name);
      seats_user_set_email (user, mail);
      seats_user_set_active (user, i % 11 != 5);
      if (i % 7 == 0)
        seats_user_set_modules (user, modules);
      g_ptr_array_add (users, user);
    }

  seats_user_list_splice (store, 0, 0, (SeatsUser **) users->pdata, users->len);
  g_rand_free (rand);
  return G_LIST_MODEL (store);
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return gtk_ordering_from_cmpfunc (strcmp (seats_user_get_sort_key ((SeatsUser *) a),
                                            seats_user_get_sort_key ((SeatsUser *) b)));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  gtk_list_item_set_child (item, gtk_inscription_new (NULL));
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)),
                            seats_user_get_display_name (gtk_list_item_get_item (item)));
}

/* Runs the main loop until both models are done and a frame was drawn. */
static void
drain (GtkSortListModel   *sorted,
       GtkFilterListModel *filtered)
{
  while (gtk_sort_list_model_get_pending (sorted) > 0 || gtk_filter_list_model_get_pending (filtered) > 0)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
type_query (SeatsUserFilter    *filter,
            GtkSortListModel   *sorted,
            GtkFilterListModel *filtered,
            const char         *query,
            const char         *what)
{
  double worst_call = 0, worst_done = 0, sum_done = 0;
  guint n = strlen (query);

  g_print ("%s\n", what);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *prefix = g_strndup (query, i);
      gint64 start = g_get_monotonic_time ();
      double call_ms, done_ms;

      seats_user_filter_set_search (filter, prefix);
      call_ms = (g_get_monotonic_time () - start) / 1000.0;
      drain (sorted, filtered);
      done_ms = (g_get_monotonic_time () - start) / 1000.0;

      g_print ("  \"%s\": %6u rows, %7.2f ms in the key handler, %7.2f ms until every row is filtered\n",
               prefix, g_list_model_get_n_items (G_LIST_MODEL (filtered)), call_ms, done_ms);
      worst_call = MAX (worst_call, call_ms);
      worst_done = MAX (worst_done, done_ms);
      sum_done += done_ms;
    }

  /* Backspace all the way: the filter only widens. */
  for (guint i = n; i > 0; i--)
    {
      g_autofree char *prefix = g_strndup (query, i - 1);
      gint64 start = g_get_monotonic_time ();
      double done_ms;

      seats_user_filter_set_search (filter, prefix);
      drain (sorted, filtered);
      done_ms = (g_get_monotonic_time () - start) / 1000.0;
      g_print ("  backspace to \"%s\": %6u rows, %7.2f ms\n", prefix,
               g_list_model_get_n_items (G_LIST_MODEL (filtered)), done_ms);
      worst_done = MAX (worst_done, done_ms);
    }

  g_print ("  worst key handler %.2f ms; worst until done %.2f ms; mean until done typing %.2f ms\n",
           worst_call, worst_done, sum_done / n);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  g_autoptr(GListModel) users = NULL;
  g_autoptr(SeatsUserFilter) filter = NULL;
  GtkSortListModel *sorted;
  GtkFilterListModel *filtered;
  GtkMultiSelection *selection;
  GtkColumnView *view;
  GtkColumnViewColumn *column;
  GtkListItemFactory *factory;
  GtkSorter *sorter;
  GtkWidget *window, *scrolled;
  gint64 start;

  gtk_init ();
  seats_test_print_machine ();

  start = g_get_monotonic_time ();
  users = make_users (n);
  g_print ("%u users made in %.1f ms\n", n, (g_get_monotonic_time () - start) / 1000.0);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  column = gtk_column_view_column_new ("Name", factory);
  /* As the page sorts: by the key each user makes once. */
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_names, NULL, NULL));
  gtk_column_view_column_set_sorter (column, sorter);
  g_object_unref (sorter);
  gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_append_column (view, column);

  /* The Users page's chain: sorted by the column view, then filtered. */
  filter = seats_user_filter_new ();
  sorted = gtk_sort_list_model_new (g_object_ref (users), g_object_ref (gtk_column_view_get_sorter (view)));
  gtk_sort_list_model_set_incremental (sorted, TRUE);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (sorted), g_object_ref (GTK_FILTER (filter)));
  /* BENCH_NOT_INCREMENTAL=1 filters in one go, to see what all of it costs. */
  gtk_filter_list_model_set_incremental (filtered, g_getenv ("BENCH_NOT_INCREMENTAL") == NULL);
  selection = gtk_multi_selection_new (G_LIST_MODEL (filtered));
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);

  start = g_get_monotonic_time ();
  gtk_column_view_sort_by_column (view, column, GTK_SORT_ASCENDING);
  drain (sorted, filtered);
  g_print ("sorted by name in %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);

  /* The filter alone, without the models and widgets around it. */
  for (guint round = 0; round < 3; round++)
    {
      guint matched = 0;

      seats_user_filter_set_search (filter, "b");
      start = g_get_monotonic_time ();
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) user = g_list_model_get_item (users, i);

          matched += gtk_filter_match (GTK_FILTER (filter), user);
        }
      g_print ("the filter alone over %u users: %u match in %.2f ms\n", n, matched,
               (g_get_monotonic_time () - start) / 1000.0);
    }
  seats_user_filter_set_search (filter, "");
  drain (sorted, filtered);

  /* The first search folds every user's text once. */
  type_query (filter, sorted, filtered, "bakker", "first search (folds each user's text once):");
  type_query (filter, sorted, filtered, "bakker", "typing \"bakker\" again:");
  type_query (filter, sorted, filtered, "johans", "typing \"johans\":");
  type_query (filter, sorted, filtered, "akesso", "typing \"akesso\" (matches Åkesson):");

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (column);
  return 0;
}
