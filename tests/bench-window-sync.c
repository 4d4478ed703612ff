/* bench-window-sync.c: how long the window stops answering while it syncs
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: prints figures. The window shows the Users page (or the
 * page named after the number of users) of an
 * account whose local copy is empty, and syncs 100,000 users from
 * `seats-server` running as a process of its own (found next to this
 * program, or at $SEATS_SERVER). Meanwhile a timer asks the main loop for
 * a turn every millisecond; the longest wait for one is the longest time a
 * click or a key would have waited. Run it from a release build without
 * sanitizers, under a display (Xvfb) and a D-Bus session of its own:
 *   dbus-run-session -- build-release/tests/bench-window-sync
 * Without a graphics card, Mesa's software renderer takes tens of
 * milliseconds for every frame of the window by itself: GSK_RENDERER=cairo
 * shows Seats' own share.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>

#include "seats-application.h"
#include "seats-test.h"
#include "seats-window.h"
#include "sync-test-helper.h"

typedef struct
{
  gint64  last;
  gint64  longest;
  guint   over_frame;
  guint   over_50_ms;
  GArray *long_ones;
} Stalls;

typedef struct
{
  gint64 start;
  gint64 length;
} Stall;

static int
longer_first (gconstpointer a,
              gconstpointer b)
{
  gint64 x = ((const Stall *) a)->length, y = ((const Stall *) b)->length;

  return (x < y) - (x > y);
}

static gboolean
tick_cb (gpointer data)
{
  Stalls *stalls = data;
  gint64 now = g_get_monotonic_time ();
  gint64 gap = now - stalls->last;

  /* The timer's own millisecond is not a stall. */
  gap = MAX (gap - 1000, 0);
  stalls->longest = MAX (stalls->longest, gap);
  if (gap > 16667)
    stalls->over_frame++;
  if (gap > 50000)
    {
      Stall stall = { stalls->last, gap };

      stalls->over_50_ms++;
      g_array_append_val (stalls->long_ones, stall);
      g_debug ("stall of %.1f ms from %" G_GINT64_FORMAT " µs (monotonic)", gap / 1000.0, stalls->last);
    }
  stalls->last = now;

  return G_SOURCE_CONTINUE;
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs the main loop for @ms milliseconds. */
static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* A full sync, and after it the models settling: the rows sorted and
 * filtered, the pages brought up to date; the stalls meanwhile. */
static void
measure (SeatsSyncEngine *engine,
         const char      *what)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Stalls stalls = { 0 };
  gint64 start;
  double sync_ms;
  guint tick;

  stalls.long_ones = g_array_new (FALSE, FALSE, sizeof (Stall));
  stalls.last = g_get_monotonic_time ();
  tick = g_timeout_add (1, tick_cb, &stalls);
  start = g_get_monotonic_time ();
  seats_sync_engine_sync_async (engine, TRUE, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  sync_ms = (g_get_monotonic_time () - start) / 1000.0;
  if (!seats_sync_engine_sync_finish (engine, result, &error))
    g_error ("sync failed: %s", error->message);
  run_for (2000);
  g_source_remove (tick);

  g_print ("\nFull sync %s:\n", what);
  g_print ("  full sync:                                   %7.0f ms\n", sync_ms);
  g_print ("  longest main-loop stall, sync and 2 s after: %7.1f ms (target: under 50 ms)\n",
           stalls.longest / 1000.0);
  g_print ("  stalls longer than a frame (16.7 ms):        %7u\n", stalls.over_frame);
  g_print ("  stalls longer than 50 ms:                    %7u", stalls.over_50_ms);
  /* The longest few, and when. */
  g_array_sort (stalls.long_ones, longer_first);
  for (guint i = 0; i < MIN (stalls.long_ones->len, 5); i++)
    {
      Stall *stall = &g_array_index (stalls.long_ones, Stall, i);

      g_print ("%s%.0f ms at %.1f s", i == 0 ? " (longest: " : ", ", stall->length / 1000.0,
               (stall->start - start) / 1e6);
    }
  g_print ("%s\n", stalls.long_ones->len > 0 ? ")" : "");
  g_array_unref (stalls.long_ones);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(SeatsApplication) app = NULL;
  g_autoptr(SeatsAccountInfo) info = NULL;
  g_autoptr(SeatsSyncEngine) engine = NULL;
  g_autoptr(SeatsSession) session = NULL;
  g_autofree char *exe = seats_test_find_server (argv[0]);
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *token = NULL;
  guint n_users = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  const char *page = argc > 2 ? argv[2] : "users";
  SeatsWindow *window;

  setlocale (LC_ALL, "");

  /* Run from the build tree as the README says: its own schema, before
   * GLib looks for any. */
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", SEATS_BUILD_SCHEMA_DIR, TRUE);
  if (!seats_test_use_build_schemas (SEATS_BUILD_SCHEMA_DIR))
    return 1;
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  seats_test_print_machine ();

  dir = g_dir_make_tmp ("seats-bench-window-sync-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "account.db", NULL);

  g_print ("Seeding %u users in %s...\n", n_users, exe);
  process = seats_test_spawn_seeded_server (exe, dir, n_users, &uri, &token);

  app = seats_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  info = seats_account_info_new (uri, "scale", "Scale");
  engine = seats_accounts_open_at (info, token, db_path, SEATS_SYNC_LOAD_DEFAULT, &error);
  g_assert_no_error (error);
  session = seats_session_new (info, TRUE);
  seats_session_set_engine (session, engine);
  seats_application_add_session (app, session);

  window = seats_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  seats_window_show_account (window, seats_session_get_id (session));
  seats_window_set_visible_page (window, page);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  run_for (500);
  g_print ("\nThe window syncs %u users from seats-server, the page “%s” shown.\n", n_users, page);
  measure (engine, "into an empty local copy");
  measure (engine, "again, nothing changed");
  g_assert_cmpuint (g_list_model_get_n_items (seats_sync_engine_get_users (engine)), ==, n_users);

  gtk_window_destroy (GTK_WINDOW (window));
  seats_application_remove_session (app, session);
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  seats_test_remove_tree (dir);

  return 0;
}
