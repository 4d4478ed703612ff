/* bench-store.c: how long the local copy of a large account takes
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saves an organization of 100,000 users and 50 products and loads it into
 * list models, as start-up does, and prints the times and the resident
 * memory after the load. Targets (DESIGN.md): save under 1 s, load under
 * 0.5 s, on a release build.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "seats-store.h"
#include "seats-test.h"

#define N_USERS    100000
#define N_PRODUCTS 50

static long
resident_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + strlen ("VmRSS:"), NULL, 10) : -1;
}

static void
fill (SeatsSnapshot *state)
{
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
  guint32 today = seats_julian_from_ymd (2026, 5, 1);

  state->account = seats_account_new ();
  seats_account_set_id (state->account, "org-1842");
  seats_account_set_name (state->account, "Bakkerij De Vries");

  for (guint i = 0; i < N_PRODUCTS; i++)
    {
      SeatsProduct *product = seats_product_new ();
      g_autofree char *id = g_strdup_printf ("module-%u", i);

      seats_product_set_id (product, id);
      seats_product_set_name (product, id);
      seats_product_set_kind (product, i == 0 ? SEATS_PRODUCT_KIND_USER_SEATS
                                              : SEATS_PRODUCT_KIND_MODULE);
      seats_product_set_purchased (product, N_USERS);
      seats_product_set_price (product, 1190);
      seats_product_set_currency (product, "EUR");
      g_ptr_array_add (products, product);
    }

  for (guint i = 0; i < N_USERS; i++)
    {
      SeatsUser *user = seats_user_new ();
      g_autofree char *id = g_strdup_printf ("2819c223-7f76-453a-919d-%012u", i);
      g_autofree char *user_name = g_strdup_printf ("user%u", i);
      g_autofree char *display_name = g_strdup_printf ("Gebruiker Nummer %u", i);
      g_autofree char *email = g_strdup_printf ("user%u@bakkerij-de-vries.example", i);
      g_autofree char *module = g_strdup_printf ("module-%u", 1 + i % (N_PRODUCTS - 1));
      const char *modules[] = { module, NULL };

      seats_user_set_id (user, id);
      seats_user_set_user_name (user, user_name);
      seats_user_set_display_name (user, display_name);
      seats_user_set_email (user, email);
      seats_user_set_active (user, i % 10 != 0);
      seats_user_set_start_date_julian (user, today - i % 1000);
      if (i % 7 == 0)
        seats_user_set_end_date_julian (user, today + i % 90);
      seats_user_set_created (user, 1700000000 + i);
      seats_user_set_modified (user, 1760000000 + i);
      if (i % 3 == 0)
        seats_user_set_modules (user, modules);
      g_ptr_array_add (users, user);
    }

  g_list_store_splice (state->products, 0, 0, products->pdata, products->len);
  seats_user_list_splice (state->users, 0, 0, (SeatsUser **) users->pdata, users->len);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("seats-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autoptr(SeatsStore) store = NULL;
  g_auto(SeatsSnapshot) saved = { 0 };
  g_auto(SeatsSnapshot) loaded = { 0 };
  gint64 start;
  double save_s, load_s;

  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "bench.db", NULL);
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);

  seats_test_print_machine ();
  seats_snapshot_init (&saved);
  fill (&saved);

  store = seats_store_new (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  start = g_get_monotonic_time ();
  if (!seats_store_save (store, &saved, &error))
    g_error ("%s", error->message);
  save_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  printf ("save %u users: %.2f s\n", N_USERS, save_s);

  /* Load as at start-up: a new process has only the file. */
  seats_snapshot_clear (&saved);
  g_clear_object (&store);
  store = seats_store_new (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  seats_snapshot_init (&loaded);
  start = g_get_monotonic_time ();
  if (!seats_store_load (store, &loaded, &error))
    g_error ("%s", error->message);
  load_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  printf ("load %u users into models: %.2f s\n",
          g_list_model_get_n_items (G_LIST_MODEL (loaded.users)), load_s);
  printf ("resident memory after load: %.1f MiB\n", resident_kib () / 1024.0);

  g_clear_object (&store);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);

  return 0;
}
