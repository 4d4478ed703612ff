/* bench-startup.c: the first frame of the window, against an empty one
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measures, as a person waits for it, the time from starting a process to
 * its window's first frame: once for an empty libadwaita window, once for
 * Seats showing an account of 100,000 users from its local copy (the
 * license server unreachable, as offline). Each is started several times;
 * the medians are printed side by side. Run it under a display (Xvfb).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "seats-application.h"
#include "seats-test.h"
#include "sync-test-helper.h"
#include "seats-window.h"

#define N_USERS 100000
#define RUNS    5

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  /* The parent reads this line: the first frame is on the screen. */
  g_print ("first-frame\n");
  exit (0);
}

static void
watch_first_frame (GtkWidget *window)
{
  GdkFrameClock *clock;

  gtk_widget_realize (window);
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

static void
empty_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  watch_first_frame (window);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_empty (int   argc,
           char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.seatsapp.Seats.Bench",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (empty_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}

static void
seats_activate_cb (GApplication *app,
                   const char   *db_path)
{
  g_autoptr(SeatsAccountInfo) info = NULL;
  g_autoptr(SeatsSyncEngine) engine = NULL;
  g_autoptr(SeatsSession) session = NULL;
  g_autoptr(GError) error = NULL;
  SeatsWindow *window;

  /* Nobody listens on port 9 of loopback: the account is offline. */
  info = seats_account_info_new ("http://127.0.0.1:9", "bench", "Benchmark B.V.");
  engine = seats_accounts_open_at (info, "not-a-token", db_path,
                                   SEATS_SYNC_LOAD_USERS_LATER, &error);
  g_assert_no_error (error);

  session = seats_session_new (info, TRUE);
  seats_session_set_engine (session, engine);
  seats_application_add_session (SEATS_APPLICATION (app), session);

  window = seats_window_new (SEATS_APPLICATION (app));
  watch_first_frame (GTK_WIDGET (window));
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_seats (const char *db_path,
           char       *argv[])
{
  g_autoptr(SeatsApplication) app = seats_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (seats_activate_cb), (gpointer) db_path);
  return g_application_run (G_APPLICATION (app), 1, argv);
}

/* A local copy of an organization of N_USERS users. */
static void
write_copy (const char *db_path)
{
  g_auto(SeatsSnapshot) state = { 0 };
  g_autoptr(SeatsStore) store = NULL;
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SeatsAccount) account = seats_account_new ();
  g_autoptr(SeatsSubscription) subscription = seats_subscription_new ();
  g_autoptr(SeatsProduct) seats = seats_product_new ();
  g_autoptr(GError) error = NULL;
  static const char *modules[] = { "crm", NULL };

  seats_snapshot_init (&state);

  seats_account_set_id (account, "bench");
  seats_account_set_name (account, "Benchmark B.V.");
  seats_account_set_role (account, SEATS_ROLE_ADMIN);
  seats_account_set_currency (account, "EUR");
  state.account = g_object_ref (account);

  seats_subscription_set_period_start_julian (subscription, seats_julian_from_ymd (2026, 11, 1));
  seats_subscription_set_period_end_julian (subscription, seats_julian_from_ymd (2026, 12, 1));
  seats_subscription_set_period_months (subscription, 1);
  seats_subscription_set_currency (subscription, "EUR");
  state.subscription = g_object_ref (subscription);

  seats_product_set_id (seats, "seats");
  seats_product_set_name (seats, "Users");
  seats_product_set_kind (seats, SEATS_PRODUCT_KIND_USER_SEATS);
  seats_product_set_purchased (seats, N_USERS);
  seats_product_set_in_use (seats, N_USERS - 100);
  seats_product_set_next_period (seats, N_USERS);
  seats_product_set_price (seats, 1250);
  seats_product_set_currency (seats, "EUR");
  g_list_store_append (state.products, seats);

  for (guint i = 0; i < N_USERS; i++)
    {
      SeatsUser *user = seats_user_new ();
      g_autofree char *id = g_strdup_printf ("user-%06u", i);
      g_autofree char *name = g_strdup_printf ("Person %u", i);
      g_autofree char *mail = g_strdup_printf ("person.%u@bench.example", i);

      seats_user_set_id (user, id);
      seats_user_set_user_name (user, mail);
      seats_user_set_display_name (user, name);
      seats_user_set_email (user, mail);
      seats_user_set_active (user, i % 50 != 0);
      seats_user_set_created (user, 1700000000 + i);
      seats_user_set_modified (user, 1700000000 + i);
      if (i % 3 == 0)
        seats_user_set_modules (user, modules);
      g_ptr_array_add (users, user);
    }
  seats_user_list_splice (state.users, 0, 0, (SeatsUser **) users->pdata, users->len);
  state.sync.last_synced = g_get_real_time () / G_USEC_PER_SEC - 600;

  store = seats_store_new (db_path, &error);
  g_assert_no_error (error);
  seats_store_save (store, &state, &error);
  g_assert_no_error (error);
}

static double
time_start (const char *self,
            const char *mode,
            const char *db_path)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 start = g_get_monotonic_time ();

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error, self, mode, db_path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  if (out == NULL || strstr (out, "first-frame") == NULL)
    g_error ("%s did not show a frame:\n%s", mode, err != NULL ? err : "");

  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *self = NULL;
  double empty[RUNS], seats[RUNS];
  double empty_ms, seats_ms;

  setlocale (LC_ALL, "");

  if (argc == 3 && g_str_equal (argv[1], "--empty"))
    return run_empty (argc, argv);
  if (argc == 3 && g_str_equal (argv[1], "--seats"))
    return run_seats (argv[2], argv);

  /* Run from the build tree as the README says: its own schema. */
  if (!seats_test_use_build_schemas (SEATS_BUILD_SCHEMA_DIR))
    return 1;
  seats_test_print_machine ();

  dir = g_dir_make_tmp ("seats-bench-startup-XXXXXX", NULL);
  db_path = g_build_filename (dir, "account.db", NULL);
  self = g_file_read_link ("/proc/self/exe", NULL);

  g_print ("Writing a local copy of %d users…\n", N_USERS);
  write_copy (db_path);

  for (guint i = 0; i < RUNS; i++)
    {
      empty[i] = time_start (self, "--empty", db_path);
      seats[i] = time_start (self, "--seats", db_path);
    }

  empty_ms = median (empty, RUNS);
  seats_ms = median (seats, RUNS);

  g_print ("first frame, empty libadwaita window:             %6.0f ms (median of %d)\n", empty_ms, RUNS);
  g_print ("first frame, Seats with %d users from the cache: %6.0f ms (median of %d)\n",
           N_USERS, seats_ms, RUNS);
  g_print ("ratio: %.2fx (target: under 300 ms and under 1.5x)\n", seats_ms / empty_ms);

  g_unlink (db_path);
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);

  return 0;
}
