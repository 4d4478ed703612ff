/* test-store.c: the local copy of an account
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "seats-store.h"
#include "seats-test.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = seats_test_make_dir ("store");
  /* A folder that does not exist yet: the store makes it. */
  fixture->path = g_build_filename (fixture->dir, "data", "org-1842.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  seats_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static SeatsStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  SeatsStore *store = seats_store_new (path, &error);

  g_assert_no_error (error);
  g_assert_true (SEATS_IS_STORE (store));
  return store;
}

/* Every writable property of @object gets a value of its own, different
 * from the default, so that a property the store forgets shows up. */
static void
fill_object (GObject *object,
             guint    salt)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
      g_auto(GValue) value = G_VALUE_INIT;

      if (type == SEATS_TYPE_POLICY)
        {
          g_autoptr(GObject) policy = NULL;

          g_object_get (object, pspec->name, &policy, NULL);
          fill_object (policy, salt + 1);
          continue;
        }
      if (!(pspec->flags & G_PARAM_WRITABLE))
        continue;

      g_value_init (&value, type);
      if (type == G_TYPE_STRING)
        g_value_take_string (&value, g_strdup_printf ("%s %u – ü", pspec->name, salt + i));
      else if (type == G_TYPE_BOOLEAN)
        g_value_set_boolean (&value, !G_PARAM_SPEC_BOOLEAN (pspec)->default_value);
      else if (type == G_TYPE_UINT)
        g_value_set_uint (&value, MIN (G_PARAM_SPEC_UINT (pspec)->maximum, 739000 + salt + i));
      else if (type == G_TYPE_INT64)
        g_value_set_int64 (&value, G_GINT64_CONSTANT (5000000000) + salt + i);
      else if (G_TYPE_IS_ENUM (type))
        {
          GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;

          g_value_set_enum (&value, klass->values[(salt + i) % klass->n_values].value);
          if (g_param_value_defaults (pspec, &value))
            g_value_set_enum (&value, klass->values[(salt + i + 1) % klass->n_values].value);
        }
      else if (type == G_TYPE_STRV)
        {
          g_autofree char *second = g_strdup_printf ("module-%u", salt % 3);
          const char *modules[] = { "planning", second, NULL };

          g_value_set_boxed (&value, modules);
        }
      else
        g_assert_not_reached ();

      g_object_set_property (object, pspec->name, &value);
    }
}

static void
assert_same_object (GObject *expected,
                    GObject *actual)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  g_assert_nonnull (expected);
  g_assert_nonnull (actual);
  g_assert_true (G_OBJECT_TYPE (expected) == G_OBJECT_TYPE (actual));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (expected), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto(GValue) a = G_VALUE_INIT;
      g_auto(GValue) b = G_VALUE_INIT;

      g_value_init (&a, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_value_init (&b, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (expected, pspec->name, &a);
      g_object_get_property (actual, pspec->name, &b);

      g_test_message ("%s:%s", G_OBJECT_TYPE_NAME (expected), pspec->name);
      if (G_VALUE_HOLDS (&a, G_TYPE_LIST_MODEL))
        {
          GListModel *ma = g_value_get_object (&a);
          GListModel *mb = g_value_get_object (&b);

          g_assert_cmpuint (g_list_model_get_n_items (ma), ==, g_list_model_get_n_items (mb));
          for (guint j = 0; j < g_list_model_get_n_items (ma); j++)
            {
              g_autoptr(GObject) ia = g_list_model_get_item (ma, j);
              g_autoptr(GObject) ib = g_list_model_get_item (mb, j);

              assert_same_object (ia, ib);
            }
        }
      else if (G_VALUE_HOLDS_OBJECT (&a))
        assert_same_object (g_value_get_object (&a), g_value_get_object (&b));
      else if (G_VALUE_HOLDS (&a, G_TYPE_STRV))
        g_assert_cmpstrv (g_value_get_boxed (&a), g_value_get_boxed (&b));
      else
        g_assert_cmpint (g_param_values_cmp (pspec, &a, &b), ==, 0);
    }
}

static void
assert_same_list (gpointer expected,
                  gpointer actual)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (expected));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (actual)), ==, n_items);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (G_LIST_MODEL (expected), i);
      g_autoptr(GObject) b = g_list_model_get_item (G_LIST_MODEL (actual), i);

      assert_same_object (a, b);
    }
}

/* @store: a GListStore, or the users' SeatsUserList */
static void
add_filled (gpointer store,
            guint    n,
            guint    salt)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      GObject *item = g_object_new (g_list_model_get_item_type (G_LIST_MODEL (store)), NULL);

      fill_object (item, salt + i * 100);
      g_ptr_array_add (items, item);
    }
  if (SEATS_IS_USER_LIST (store))
    seats_user_list_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)), 0,
                            (SeatsUser **) items->pdata, items->len);
  else
    g_list_store_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)), 0,
                         items->pdata, items->len);
}

static void
fill_state (SeatsSnapshot *state)
{
  g_autoptr(SeatsLicenseChange) change1 = seats_license_change_new ();
  g_autoptr(SeatsLicenseChange) change2 = seats_license_change_new ();
  SeatsLicenseChange *changes[] = { change1, change2 };

  state->account = seats_account_new ();
  fill_object (G_OBJECT (state->account), 1);
  state->subscription = seats_subscription_new ();
  fill_object (G_OBJECT (state->subscription), 2);
  state->billing_details = seats_billing_details_new ();
  fill_object (G_OBJECT (state->billing_details), 3);
  state->pending_license = seats_pending_license_new ();
  fill_object (G_OBJECT (state->pending_license), 4);
  fill_object (G_OBJECT (change1), 5);
  fill_object (G_OBJECT (change2), 6);
  seats_pending_license_set_changes (state->pending_license, changes, 2);

  add_filled (state->products, 3, 10);
  add_filled (state->users, 25, 20);
  add_filled (state->orders, 2, 30);
  add_filled (state->invoices, 2, 40);
  add_filled (state->actions, 4, 50);
  add_filled (state->features, 2, 60);
  add_filled (state->history, 3, 70);

  g_hash_table_insert (state->sync.etags, g_strdup ("/api/v1/subscription"), g_strdup ("W/\"7\""));
  g_hash_table_insert (state->sync.etags, g_strdup ("/scim/v2/Users"), g_strdup ("\"abc\""));
  state->sync.delta_cursor = 1760000000;
  state->sync.last_full_reconcile = 1759990000;
  state->sync.last_synced = 1760000050;
}

static void
assert_same_sync (const SeatsSyncState *expected,
                  const SeatsSyncState *actual)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpint (actual->delta_cursor, ==, expected->delta_cursor);
  g_assert_cmpint (actual->last_full_reconcile, ==, expected->last_full_reconcile);
  g_assert_cmpint (actual->last_synced, ==, expected->last_synced);
  g_assert_cmpuint (g_hash_table_size (actual->etags), ==, g_hash_table_size (expected->etags));

  g_hash_table_iter_init (&iter, expected->etags);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (actual->etags, key), ==, value);
}

static void
assert_same_state (const SeatsSnapshot *expected,
                   const SeatsSnapshot *actual)
{
  assert_same_object (G_OBJECT (expected->account), G_OBJECT (actual->account));
  assert_same_object (G_OBJECT (expected->subscription), G_OBJECT (actual->subscription));
  assert_same_object (G_OBJECT (expected->billing_details),
                      G_OBJECT (actual->billing_details));
  assert_same_object (G_OBJECT (expected->pending_license),
                      G_OBJECT (actual->pending_license));
  assert_same_list (expected->products, actual->products);
  assert_same_list (expected->users, actual->users);
  assert_same_list (expected->orders, actual->orders);
  assert_same_list (expected->invoices, actual->invoices);
  assert_same_list (expected->actions, actual->actions);
  assert_same_list (expected->features, actual->features);
  assert_same_list (expected->history, actual->history);
  assert_same_sync (&expected->sync, &actual->sync);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_auto(SeatsSnapshot) saved = { 0 };
  g_auto(SeatsSnapshot) loaded = { 0 };
  g_autoptr(SeatsStore) store = NULL;
  g_autoptr(GError) error = NULL;

  seats_snapshot_init (&saved);
  seats_snapshot_init (&loaded);
  fill_state (&saved);

  store = open_store (fixture->path);
  g_assert_true (seats_store_save (store, &saved, &error));
  g_assert_no_error (error);

  /* Through a fresh connection: nothing comes from a cache. */
  g_clear_object (&store);
  store = open_store (fixture->path);
  g_assert_true (seats_store_load (store, &loaded, &error));
  g_assert_no_error (error);
  assert_same_state (&saved, &loaded);

  /* A user's modules, which share one column, come back in order. */
  {
    g_autoptr(SeatsUser) user = g_list_model_get_item (G_LIST_MODEL (loaded.users), 1);

    g_assert_cmpstrv (seats_user_get_modules (user),
                      ((const char * const[]) { "planning", "module-0", NULL }));
  }

  /* What schemas 3 and 4 added took part, with values other than the defaults. */
  {
    g_autoptr(SeatsFeature) feature = g_list_model_get_item (G_LIST_MODEL (loaded.features), 0);
    g_autoptr(SeatsOrder) order = g_list_model_get_item (G_LIST_MODEL (loaded.orders), 0);
    g_autoptr(SeatsInvoice) invoice = g_list_model_get_item (G_LIST_MODEL (loaded.invoices), 0);
    g_autoptr(SeatsUser) user = g_list_model_get_item (G_LIST_MODEL (loaded.users), 0);
    g_autoptr(SeatsHistoryPoint) point = g_list_model_get_item (G_LIST_MODEL (loaded.history),
                                                                2);

    g_assert_nonnull (seats_account_get_upstream_system (loaded.account));
    g_assert_nonnull (seats_account_get_time_zone (loaded.account));
    g_assert_cmpint (seats_feature_get_kind (feature), ==, SEATS_FEATURE_KIND_INTEGRATION);
    g_assert_cmpint (seats_feature_get_monthly_fee (feature), !=, 0);
    g_assert_nonnull (seats_feature_get_currency (feature));
    g_assert_nonnull (seats_order_get_product_name (order));
    g_assert_nonnull (seats_order_get_actor (order));
    g_assert_nonnull (seats_invoice_get_description (invoice));
    g_assert_nonnull (seats_user_get_version (user));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded.history)), ==, 3);
    g_assert_cmpuint (seats_history_point_get_used (point), !=, 0);
  }
}

static void
users_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The window's way: everything but the users at once, then the users from
 * a thread and a connection of their own, while the store stays usable. */
static void
test_users_later (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_auto(SeatsSnapshot) saved = { 0 };
  g_auto(SeatsSnapshot) loaded = { 0 };
  g_autoptr(SeatsStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(SeatsOutboxEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsUser) kept = seats_user_new ();

  seats_snapshot_init (&saved);
  seats_snapshot_init (&loaded);
  fill_state (&saved);

  store = open_store (fixture->path);
  g_assert_true (seats_store_save (store, &saved, &error));
  g_clear_object (&store);
  store = open_store (fixture->path);

  /* The users list is left as it was. */
  seats_user_list_append (loaded.users, kept);
  g_assert_true (seats_store_load_all_but_users (store, &loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded.users)), ==, 1);
  assert_same_list (saved.products, loaded.products);
  assert_same_list (saved.history, loaded.history);
  assert_same_sync (&saved.sync, &loaded.sync);
  g_assert_nonnull (loaded.account);
  g_assert_nonnull (loaded.pending_license);

  seats_store_load_users_async (store, G_PRIORITY_DEFAULT, NULL, users_loaded_cb, &result);

  /* Meanwhile the store writes on its own connection. */
  entry = seats_store_outbox_enqueue (store, "buy", "{}", &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);

  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  users = seats_store_load_users_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (users);

  /* The same users in the same order as seats_store_load() gives them. */
  seats_user_list_splice (loaded.users, 0, 1, (SeatsUser **) users->pdata, users->len);
  assert_same_list (saved.users, loaded.users);
}

/* A file that is not a local copy: the thread says so, nothing else. */
static void
test_users_later_corrupt (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(SeatsStore) store = open_store (fixture->path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *garbage = g_strnfill (8192, 'x');
  static const char *suffixes[] = { "", "-wal", "-shm" };
  GPtrArray *users;

  /* After the store opened it, the file is replaced with rubbish. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (fixture->path, suffixes[i], NULL);

      g_unlink (path);
    }
  g_assert_true (g_file_set_contents (fixture->path, garbage, -1, NULL));
  seats_store_load_users_async (store, G_PRIORITY_DEFAULT, NULL, users_loaded_cb, &result);

  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  users = seats_store_load_users_finish (store, result, &error);
  g_assert_null (users);
  g_assert_error (error, SEATS_STORE_ERROR, SEATS_STORE_ERROR_CORRUPT);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_auto(SeatsSnapshot) state = { 0 };
  g_autoptr(SeatsStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;

  seats_snapshot_init (&state);
  g_assert_true (seats_store_load (store, &state, &error));
  g_assert_no_error (error);
  g_assert_null (state.account);
  g_assert_null (state.pending_license);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (state.users)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (state.history)), ==, 0);
  g_assert_cmpint (state.sync.delta_cursor, ==, 0);
  g_assert_cmpstr (seats_store_get_path (store), ==, fixture->path);
}

static void
count_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        guint      *count)
{
  (*count)++;
}

/* Each list is replaced with one items-changed, also when it held items
 * before, so that a view bound to it updates once. */
static void
test_one_items_changed (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_auto(SeatsSnapshot) saved = { 0 };
  g_auto(SeatsSnapshot) loaded = { 0 };
  g_autoptr(SeatsStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  GListModel *lists[7];
  guint counts[7] = { 0 };
  SeatsUserList *users_before;

  seats_snapshot_init (&saved);
  seats_snapshot_init (&loaded);
  fill_state (&saved);
  g_assert_true (seats_store_save (store, &saved, &error));
  g_assert_no_error (error);

  /* Something in the lists already, as after an earlier load. */
  add_filled (loaded.users, 3, 900);
  add_filled (loaded.products, 1, 900);
  add_filled (loaded.history, 2, 900);
  users_before = loaded.users;

  lists[0] = G_LIST_MODEL (loaded.products);
  lists[1] = G_LIST_MODEL (loaded.users);
  lists[2] = G_LIST_MODEL (loaded.orders);
  lists[3] = G_LIST_MODEL (loaded.invoices);
  lists[4] = G_LIST_MODEL (loaded.actions);
  lists[5] = G_LIST_MODEL (loaded.features);
  lists[6] = G_LIST_MODEL (loaded.history);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    g_signal_connect (lists[i], "items-changed", G_CALLBACK (count_items_changed_cb),
                      &counts[i]);

  g_assert_true (seats_store_load (store, &loaded, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    g_assert_cmpuint (counts[i], ==, 1);

  /* The same stores, so views stay bound. */
  g_assert_true (loaded.users == users_before);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded.users)), ==, 25);
  assert_same_list (saved.users, loaded.users);

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    g_signal_handlers_disconnect_by_func (lists[i], count_items_changed_cb, &counts[i]);
}

static SeatsUser *
dup_user (SeatsUserList *users,
          guint          position)
{
  return g_list_model_get_item (G_LIST_MODEL (users), position);
}

static void
test_delta (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_auto(SeatsSnapshot) saved = { 0 };
  g_auto(SeatsSnapshot) loaded = { 0 };
  g_auto(SeatsSyncState) sync = { 0 };
  g_autoptr(SeatsStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsUser) changed = NULL;
  g_autoptr(SeatsUser) added = seats_user_new ();
  g_autoptr(SeatsUser) deleted = NULL;
  g_autoptr(SeatsUser) at_3 = NULL;
  g_autoptr(SeatsUser) last = NULL;
  SeatsUser *users[2];
  const char *deleted_ids[] = { NULL, "never-existed", NULL };

  seats_snapshot_init (&saved);
  seats_snapshot_init (&loaded);
  seats_sync_state_init (&sync);
  fill_state (&saved);
  g_assert_true (seats_store_save (store, &saved, &error));
  g_assert_no_error (error);

  changed = dup_user (saved.users, 3);
  seats_user_set_display_name (changed, "Anna Bakker");
  seats_user_set_active (changed, FALSE);
  seats_user_set_modules (changed, NULL);
  fill_object (G_OBJECT (added), 5000);
  deleted = dup_user (saved.users, 5);
  deleted_ids[0] = seats_user_get_id (deleted);
  users[0] = changed;
  users[1] = added;

  sync.delta_cursor = 1760009999;
  sync.last_synced = 1760010000;
  g_hash_table_insert (sync.etags, g_strdup ("/scim/v2/Users"), g_strdup ("\"def\""));

  g_assert_true (seats_store_save_user_delta (store, users, 2, deleted_ids, &sync, &error));
  g_assert_no_error (error);

  g_assert_true (seats_store_load (store, &loaded, &error));
  g_assert_no_error (error);

  /* 25 - 1 deleted + 1 new; the changed one in its place. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded.users)), ==, 25);
  at_3 = dup_user (loaded.users, 3);
  assert_same_object (G_OBJECT (changed), G_OBJECT (at_3));
  last = dup_user (loaded.users, 24);
  assert_same_object (G_OBJECT (added), G_OBJECT (last));
  for (guint i = 0; i < 25; i++)
    {
      g_autoptr(SeatsUser) user = dup_user (loaded.users, i);

      g_assert_cmpstr (seats_user_get_id (user), !=, seats_user_get_id (deleted));
    }

  /* The rest of the state is untouched; the ETags are merged. */
  assert_same_list (saved.products, loaded.products);
  g_assert_cmpint (loaded.sync.delta_cursor, ==, 1760009999);
  g_assert_cmpint (loaded.sync.last_synced, ==, 1760010000);
  g_assert_cmpstr (g_hash_table_lookup (loaded.sync.etags, "/scim/v2/Users"), ==, "\"def\"");
  g_assert_cmpstr (g_hash_table_lookup (loaded.sync.etags, "/api/v1/subscription"), ==,
                   "W/\"7\"");
}

/* A save that fails halfway leaves the previous state, all of it. */
static void
test_failed_save_changes_nothing (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_auto(SeatsSnapshot) first = { 0 };
  g_auto(SeatsSnapshot) second = { 0 };
  g_auto(SeatsSnapshot) loaded = { 0 };
  g_autoptr(SeatsStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsUser) twin = seats_user_new ();

  seats_snapshot_init (&first);
  seats_snapshot_init (&second);
  seats_snapshot_init (&loaded);
  fill_state (&first);
  g_assert_true (seats_store_save (store, &first, &error));
  g_assert_no_error (error);

  /* A different state, whose last user has no id: the users are saved
   * last, so everything else has been replaced when it fails. */
  fill_state (&second);
  seats_account_set_name (second.account, "Another name");
  g_list_store_remove_all (second.products);
  seats_user_list_append (second.users, twin);
  g_hash_table_remove_all (second.sync.etags);

  g_assert_false (seats_store_save (store, &second, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == SEATS_STORE_ERROR);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  g_assert_true (seats_store_load (store, &loaded, &error));
  g_assert_no_error (error);
  assert_same_state (&first, &loaded);

  /* And the store still works. */
  seats_user_list_remove (second.users, g_list_model_get_n_items (G_LIST_MODEL (second.users)) - 1);
  g_assert_true (seats_store_save (store, &second, &error));
  g_assert_no_error (error);
}

/* A state that differs from fill_state()'s in every part but the users,
 * whose own users list holds one user that must not be saved. */
static void
fill_other_state (SeatsSnapshot *state)
{
  g_autoptr(SeatsUser) stray = seats_user_new ();
  g_autoptr(SeatsHistoryPoint) point = seats_history_point_new ();

  fill_state (state);
  fill_object (G_OBJECT (state->account), 101);
  fill_object (G_OBJECT (state->subscription), 102);
  fill_object (G_OBJECT (state->billing_details), 103);
  g_clear_object (&state->pending_license);

  g_list_store_remove (state->products, 0);
  g_list_store_remove_all (state->orders);
  add_filled (state->orders, 3, 1130);
  add_filled (state->invoices, 1, 1140);
  g_list_store_remove_all (state->actions);
  add_filled (state->actions, 1, 1150);
  g_list_store_remove_all (state->features);
  add_filled (state->features, 3, 1160);
  g_list_store_remove (state->history, 0);
  seats_history_point_set_month_julian (point, seats_julian_from_ymd (2030, 1, 1));
  seats_history_point_set_purchased (point, 45);
  seats_history_point_set_used (point, 44);
  g_list_store_append (state->history, point);

  fill_object (G_OBJECT (stray), 7000);
  seats_user_list_remove_all (state->users);
  seats_user_list_append (state->users, stray);

  g_hash_table_remove_all (state->sync.etags);
  g_hash_table_insert (state->sync.etags, g_strdup ("/api/v1/features"), g_strdup ("\"f3\""));
  state->sync.delta_cursor = 1770000000;
  state->sync.last_full_reconcile = 1769990000;
  state->sync.last_synced = 1770000050;
}

/* A sync that fetched everything but the unchanged users: the rest is
 * replaced, the users are patched. */
static void
test_save_delta (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_auto(SeatsSnapshot) first = { 0 };
  g_auto(SeatsSnapshot) second = { 0 };
  g_auto(SeatsSnapshot) loaded = { 0 };
  g_autoptr(SeatsStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsUser) changed = NULL;
  g_autoptr(SeatsUser) added = seats_user_new ();
  g_autoptr(SeatsUser) deleted = NULL;
  g_autoptr(SeatsUser) stray = NULL;
  SeatsUser *users[2];
  const char *deleted_ids[] = { NULL, "never-existed", NULL };
  guint position = 0;

  seats_snapshot_init (&first);
  seats_snapshot_init (&second);
  seats_snapshot_init (&loaded);
  fill_state (&first);
  g_assert_true (seats_store_save (store, &first, &error));
  g_assert_no_error (error);

  fill_other_state (&second);
  stray = dup_user (second.users, 0);

  /* A copy, so that @first keeps the user as it was saved. */
  changed = seats_user_new ();
  {
    g_autoptr(SeatsUser) before = dup_user (first.users, 3);

    fill_object (G_OBJECT (changed), 20 + 3 * 100);
    seats_user_set_id (changed, seats_user_get_id (before));
  }
  seats_user_set_display_name (changed, "Anna Bakker");
  seats_user_set_active (changed, FALSE);
  seats_user_set_version (changed, "W/\"e-8\"");
  seats_user_set_modules (changed, NULL);
  fill_object (G_OBJECT (added), 5000);
  deleted = dup_user (first.users, 5);
  deleted_ids[0] = seats_user_get_id (deleted);
  users[0] = changed;
  users[1] = added;

  g_assert_true (seats_store_save_delta (store, &second, users, 2, deleted_ids, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  store = open_store (fixture->path);
  g_assert_true (seats_store_load (store, &loaded, &error));
  g_assert_no_error (error);

  /* Everything but the users is @second's, and so are the ETags: the
   * ones of the first save are gone, not merged. */
  assert_same_object (G_OBJECT (second.account), G_OBJECT (loaded.account));
  assert_same_object (G_OBJECT (second.subscription), G_OBJECT (loaded.subscription));
  assert_same_object (G_OBJECT (second.billing_details), G_OBJECT (loaded.billing_details));
  g_assert_null (loaded.pending_license);
  assert_same_list (second.products, loaded.products);
  assert_same_list (second.orders, loaded.orders);
  assert_same_list (second.invoices, loaded.invoices);
  assert_same_list (second.actions, loaded.actions);
  assert_same_list (second.features, loaded.features);
  assert_same_list (second.history, loaded.history);
  assert_same_sync (&second.sync, &loaded.sync);
  g_assert_null (g_hash_table_lookup (loaded.sync.etags, "/api/v1/subscription"));

  /* The users are the first save's, patched: 25 - 1 deleted + 1 new, the
   * changed one in its place, the new one last, the rest as they were,
   * and nothing from @second's own list. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded.users)), ==, 25);
  for (guint i = 0; i < 25; i++)
    {
      g_autoptr(SeatsUser) expected = NULL;
      g_autoptr(SeatsUser) actual = dup_user (loaded.users, position);

      if (i == 5)
        continue;
      expected = i == 3 ? g_object_ref (changed) : dup_user (first.users, i);
      assert_same_object (G_OBJECT (expected), G_OBJECT (actual));
      g_assert_cmpstr (seats_user_get_id (actual), !=, seats_user_get_id (deleted));
      g_assert_cmpstr (seats_user_get_id (actual), !=, seats_user_get_id (stray));
      position++;
    }
  {
    g_autoptr(SeatsUser) last = dup_user (loaded.users, 24);
    g_autoptr(SeatsUser) at_3 = dup_user (loaded.users, 3);

    assert_same_object (G_OBJECT (added), G_OBJECT (last));
    g_assert_cmpstr (seats_user_get_display_name (at_3), ==, "Anna Bakker");
    g_assert_cmpstr (seats_user_get_version (at_3), ==, "W/\"e-8\"");
  }
}

/* A delta that fails anywhere, even at its very last user, leaves the
 * local copy as it was: the parts it had already replaced included. */
static void
test_failed_delta_changes_nothing (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_auto(SeatsSnapshot) first = { 0 };
  g_auto(SeatsSnapshot) second = { 0 };
  g_auto(SeatsSnapshot) loaded = { 0 };
  g_autoptr(SeatsStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsUser) changed = NULL;
  g_autoptr(SeatsUser) twin = seats_user_new ();
  g_autoptr(SeatsHistoryPoint) same_month = seats_history_point_new ();
  SeatsUser *users[2];
  const char *deleted_ids[2] = { NULL, NULL };

  seats_snapshot_init (&first);
  seats_snapshot_init (&second);
  seats_snapshot_init (&loaded);
  fill_state (&first);
  g_assert_true (seats_store_save (store, &first, &error));
  g_assert_no_error (error);

  fill_other_state (&second);
  changed = seats_user_new ();
  fill_object (G_OBJECT (changed), 777);
  {
    g_autoptr(SeatsUser) before = dup_user (first.users, 3);

    seats_user_set_id (changed, seats_user_get_id (before));
  }
  deleted_ids[0] = seats_user_get_id (changed);

  /* The last user has no id: everything else, the first user included,
   * has been written when it fails. */
  users[0] = changed;
  users[1] = twin;
  g_assert_false (seats_store_save_delta (store, &second, users, 2, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == SEATS_STORE_ERROR);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  g_assert_true (seats_store_load (store, &loaded, &error));
  g_assert_no_error (error);
  assert_same_state (&first, &loaded);

  /* Failing before the users (two points of one month) changes nothing
   * either, and the deletion never happens. */
  {
    g_autoptr(SeatsHistoryPoint) point = g_list_model_get_item (G_LIST_MODEL (second.history),
                                                                0);

    seats_history_point_set_month_julian (same_month,
                                          seats_history_point_get_month_julian (point));
  }
  g_list_store_append (second.history, same_month);
  g_assert_false (seats_store_save_delta (store, &second, users, 1, deleted_ids, &error));
  g_assert_true (error->domain == SEATS_STORE_ERROR);
  g_clear_error (&error);

  g_assert_true (seats_store_load (store, &loaded, &error));
  g_assert_no_error (error);
  assert_same_state (&first, &loaded);

  /* And the store still works. */
  g_list_store_remove (second.history,
                       g_list_model_get_n_items (G_LIST_MODEL (second.history)) - 1);
  g_assert_true (seats_store_save_delta (store, &second, users, 1, deleted_ids, &error));
  g_assert_no_error (error);
  g_assert_true (seats_store_load (store, &loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded.users)), ==, 24);
  assert_same_sync (&second.sync, &loaded.sync);
}

static void
test_outbox (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(SeatsStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsOutboxEntry) order = NULL;
  g_autoptr(SeatsOutboxEntry) deactivate = NULL;
  g_autoptr(SeatsOutboxEntry) feature = NULL;
  g_autoptr(SeatsOutboxEntry) refused = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  SeatsOutboxEntry *entry;
  /* The store keeps the payload as it is, whatever it holds. */
  const char *payload = "{\"quantity\": 2, \"note\": \"f\\u00f6r \\\"n\\u00e4sta\\\"\"}";

  order = seats_store_outbox_enqueue (store, "order.create", payload, &error);
  g_assert_no_error (error);
  deactivate = seats_store_outbox_enqueue (store, "user.deactivate", "{\"id\":\"u-1\"}", &error);
  g_assert_no_error (error);
  feature = seats_store_outbox_enqueue (store, "feature.set", "{}", &error);
  g_assert_no_error (error);
  refused = seats_store_outbox_enqueue (store, "seats.lower", "{}", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (order->kind, ==, "order.create");
  g_assert_cmpstr (order->payload, ==, payload);
  g_assert_cmpint (order->state, ==, SEATS_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (order->attempts, ==, 0);
  g_assert_cmpint (ABS (order->created - seats_clock_get_unix_time (seats_clock_get_default ())), <=, 5);
  g_assert_null (order->last_error);
  g_assert_true (g_uuid_string_is_valid (order->idempotency_key));
  g_assert_cmpstr (order->idempotency_key, !=, deactivate->idempotency_key);
  g_assert_cmpint (order->id, <, deactivate->id);

  g_assert_true (seats_store_outbox_mark_sent (store, order->id, &error));
  g_assert_no_error (error);
  g_assert_true (seats_store_outbox_mark_sent (store, order->id, &error));
  g_assert_true (seats_store_outbox_mark_sent (store, feature->id, &error));
  g_assert_true (seats_store_outbox_mark_done (store, feature->id, &error));
  g_assert_true (seats_store_outbox_mark_failed (store, refused->id,
                                                 "The next period needs at least 1 license.",
                                                 &error));
  g_assert_no_error (error);

  g_assert_false (seats_store_outbox_mark_done (store, 4242, &error));
  g_assert_error (error, SEATS_STORE_ERROR, SEATS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* After a restart the same changes wait, with the same keys. */
  g_clear_object (&store);
  store = open_store (fixture->path);
  pending = seats_store_outbox_list_pending (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 2);

  entry = g_ptr_array_index (pending, 0);
  g_assert_cmpint (entry->id, ==, order->id);
  g_assert_cmpstr (entry->idempotency_key, ==, order->idempotency_key);
  g_assert_cmpstr (entry->payload, ==, payload);
  /* Sent without an answer is still to be sent. */
  g_assert_cmpint (entry->state, ==, SEATS_OUTBOX_STATE_SENT);
  g_assert_cmpuint (entry->attempts, ==, 2);

  entry = g_ptr_array_index (pending, 1);
  g_assert_cmpint (entry->id, ==, deactivate->id);
  g_assert_cmpstr (entry->kind, ==, "user.deactivate");
  g_assert_cmpint (entry->state, ==, SEATS_OUTBOX_STATE_PENDING);

  /* Saving a synced state leaves the outbox alone. */
  {
    g_auto(SeatsSnapshot) state = { 0 };
    g_autoptr(GPtrArray) after = NULL;

    seats_snapshot_init (&state);
    fill_state (&state);
    g_assert_true (seats_store_save (store, &state, &error));
    g_assert_no_error (error);
    after = seats_store_outbox_list_pending (store, &error);
    g_assert_cmpuint (after->len, ==, 2);
  }
}

static void
test_sync_state (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(SeatsStore) store = open_store (fixture->path);
  g_auto(SeatsSyncState) saved = { 0 };
  g_auto(SeatsSyncState) more = { 0 };
  g_auto(SeatsSyncState) loaded = { 0 };
  g_autoptr(GError) error = NULL;

  seats_sync_state_init (&saved);
  seats_sync_state_init (&more);
  seats_sync_state_init (&loaded);

  saved.delta_cursor = 1760000000;
  saved.last_full_reconcile = 1750000000;
  saved.last_synced = 1760000001;
  g_hash_table_insert (saved.etags, g_strdup ("/api/v1/products"), g_strdup ("\"1\""));
  g_assert_true (seats_store_save_sync_state (store, &saved, &error));
  g_assert_no_error (error);

  /* A later 304 on another resource adds its ETag and moves the times. */
  more.delta_cursor = saved.delta_cursor;
  more.last_full_reconcile = saved.last_full_reconcile;
  more.last_synced = 1760000500;
  g_hash_table_insert (more.etags, g_strdup ("/api/v1/orders"), g_strdup ("\"2\""));
  g_assert_true (seats_store_save_sync_state (store, &more, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  store = open_store (fixture->path);
  g_assert_true (seats_store_load_sync_state (store, &loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (loaded.delta_cursor, ==, 1760000000);
  g_assert_cmpint (loaded.last_full_reconcile, ==, 1750000000);
  g_assert_cmpint (loaded.last_synced, ==, 1760000500);
  g_assert_cmpstr (g_hash_table_lookup (loaded.etags, "/api/v1/products"), ==, "\"1\"");
  g_assert_cmpstr (g_hash_table_lookup (loaded.etags, "/api/v1/orders"), ==, "\"2\"");
}

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  return db;
}

static void
exec_raw (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
}

/* The columns of every table and the indexes, as text. */
static char *
describe_schema (const char *path)
{
  sqlite3 *db = open_raw (path);
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT m.type, m.name, p.name, p.type, p.\"notnull\","
                                       " p.pk, p.dflt_value"
                                       " FROM sqlite_master m"
                                       " LEFT JOIN pragma_table_info (m.name) p"
                                       " WHERE m.name NOT LIKE 'sqlite_%'"
                                       " ORDER BY m.name, p.cid",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (out, FALSE);
}

/* Makes the database of tests/data/@name and opens it, which migrates it. */
static SeatsStore *
open_fixture_database (Fixture    *fixture,
                       const char *name)
{
  g_autofree char *sql_name = g_strconcat (name, ".sql", NULL);
  g_autofree char *db_name = g_strconcat (name, ".db", NULL);
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", sql_name, NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0700), ==, 0);
  g_clear_pointer (&fixture->path, g_free);
  fixture->path = g_build_filename (fixture->dir, db_name, NULL);
  db = open_raw (fixture->path);
  exec_raw (db, sql);
  sqlite3_close (db);

  return open_store (fixture->path);
}

/* What schemas 3 and 4 added reads as its defaults on a migrated file, as a
 * row of the older version means: no fee, no version known, no history, no
 * time zone (the local one). */
static void
assert_schema_3_defaults (const SeatsSnapshot *state)
{
  g_assert_null (seats_account_get_upstream_system (state->account));
  g_assert_null (seats_account_get_time_zone (state->account));
  /* Schema 6: every copy before it is of a license server. */
  g_assert_cmpint (seats_account_get_source (state->account), ==, SEATS_ACCOUNT_SOURCE_LICENSE_SERVER);
  /* Schema 7: a license server decides at the turn itself, with no notice. */
  if (state->subscription != NULL)
    g_assert_cmpuint (seats_subscription_get_notice_days (state->subscription), ==, 0);
  /* Schema 8: and it counts its periods itself, with no anchor kept here. */
  if (state->subscription != NULL)
    g_assert_cmpuint (seats_subscription_get_anchor_julian (state->subscription), ==, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (state->features)); i++)
    {
      g_autoptr(SeatsFeature) feature = g_list_model_get_item (G_LIST_MODEL (state->features), i);

      g_assert_cmpint (seats_feature_get_kind (feature), ==, SEATS_FEATURE_KIND_FEATURE);
      g_assert_cmpint (seats_feature_get_monthly_fee (feature), ==, 0);
      g_assert_null (seats_feature_get_currency (feature));
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (state->invoices)); i++)
    {
      g_autoptr(SeatsInvoice) invoice = g_list_model_get_item (G_LIST_MODEL (state->invoices), i);

      g_assert_null (seats_invoice_get_description (invoice));
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (state->orders)); i++)
    {
      g_autoptr(SeatsOrder) order = g_list_model_get_item (G_LIST_MODEL (state->orders), i);

      g_assert_null (seats_order_get_product_name (order));
      g_assert_null (seats_order_get_actor (order));
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (state->users)); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (G_LIST_MODEL (state->users), i);

      g_assert_null (seats_user_get_version (user));
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (state->history)), ==, 0);
}

/* What the newer versions added works on the migrated file; then the
 * file is the same as one made new by this version. Closes @store. */
static void
assert_migrated_like_fresh (Fixture    *fixture,
                            SeatsStore *store)
{
  g_autofree char *fresh_path = g_build_filename (fixture->dir, "fresh.db", NULL);
  g_autofree char *migrated_schema = NULL;
  g_autofree char *fresh_schema = NULL;
  g_autoptr(SeatsStore) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(SeatsSyncState) sync = { 0 };
  g_auto(SeatsSnapshot) saved = { 0 };
  g_auto(SeatsSnapshot) loaded = { 0 };
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  /* Version 2: the sync state. */
  seats_sync_state_init (&sync);
  sync.last_synced = 1770000000;
  g_assert_true (seats_store_save_sync_state (store, &sync, &error));
  g_assert_no_error (error);

  /* Version 3: every property, the history, a delta. */
  seats_snapshot_init (&saved);
  seats_snapshot_init (&loaded);
  fill_state (&saved);
  g_assert_true (seats_store_save (store, &saved, &error));
  g_assert_no_error (error);
  g_assert_true (seats_store_save_delta (store, &saved, NULL, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (seats_store_load (store, &loaded, &error));
  g_assert_no_error (error);
  assert_same_state (&saved, &loaded);
  g_object_unref (store);

  fresh = open_store (fresh_path);
  g_clear_object (&fresh);
  migrated_schema = describe_schema (fixture->path);
  fresh_schema = describe_schema (fresh_path);
  g_assert_cmpstr (migrated_schema, ==, fresh_schema);

  db = open_raw (fixture->path);
  sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, seats_store_get_schema_version ());
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 8);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_migrate_from_v1 (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(SeatsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(SeatsUser) carla = NULL;
  g_autoptr(SeatsProduct) planning = NULL;
  g_auto(SeatsSnapshot) state = { 0 };
  g_autoptr(SeatsLicenseChange) change = NULL;
  SeatsOutboxEntry *entry;

  store = open_fixture_database (fixture, "store-v1");

  /* Everything version 1 held is still there. */
  seats_snapshot_init (&state);
  g_assert_true (seats_store_load (store, &state, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seats_account_get_name (state.account), ==, "Bakkerij De Vries");
  g_assert_cmpint (seats_account_get_role (state.account), ==, SEATS_ROLE_ADMIN);
  g_assert_cmpint (seats_policy_get_seat_floor (seats_account_get_policy (state.account)), ==,
                   SEATS_SEAT_FLOOR_GRACE);
  g_assert_cmpstr (seats_subscription_get_edition (state.subscription), ==, "Professional");
  g_assert_cmpstr (seats_billing_details_get_city (state.billing_details), ==, "Zwolle");
  g_assert_true (seats_billing_details_get_e_invoicing (state.billing_details));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (state.products)), ==, 2);
  planning = g_list_model_get_item (G_LIST_MODEL (state.products), 1);
  g_assert_cmpint (seats_product_get_kind (planning), ==, SEATS_PRODUCT_KIND_MODULE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (state.users)), ==, 3);
  carla = g_list_model_get_item (G_LIST_MODEL (state.users), 2);
  g_assert_cmpstr (seats_user_get_display_name (carla), ==, "Carla Smit");
  g_assert_cmpstrv (seats_user_get_modules (carla),
                    ((const char * const[]) { "planning", "invoicing", NULL }));
  g_assert_cmpuint (seats_user_get_grace_deadline_julian (carla), ==, 739660);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (state.orders)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (state.invoices)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (state.actions)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (state.features)), ==, 1);
  change = g_list_model_get_item (seats_pending_license_get_changes (state.pending_license), 0);
  g_assert_cmpuint (seats_license_change_get_new_count (change), ==, 45);
  assert_schema_3_defaults (&state);

  pending = seats_store_outbox_list_pending (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  entry = g_ptr_array_index (pending, 0);
  g_assert_cmpstr (entry->idempotency_key, ==, "6f1c7f0e-3f7e-4c55-9d0b-0d8f2c1f9a10");
  g_assert_cmpuint (entry->attempts, ==, 1);

  assert_migrated_like_fresh (fixture, g_steal_pointer (&store));
}

static void
test_migrate_from_v2 (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(SeatsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(SeatsUser) sara = NULL;
  g_autoptr(SeatsProduct) bank = NULL;
  g_autoptr(SeatsOrder) order = NULL;
  g_autoptr(SeatsInvoice) invoice = NULL;
  g_autoptr(SeatsActionEntry) action = NULL;
  g_autoptr(SeatsFeature) feature = NULL;
  g_autoptr(SeatsLicenseChange) change = NULL;
  g_auto(SeatsSnapshot) state = { 0 };
  SeatsPolicy *policy;
  SeatsOutboxEntry *entry;

  store = open_fixture_database (fixture, "store-v2");

  /* Everything version 2 held is still there, the sync state included. */
  seats_snapshot_init (&state);
  g_assert_true (seats_store_load (store, &state, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seats_account_get_name (state.account), ==, "Cykelverkstan i Umeå");
  g_assert_cmpstr (seats_account_get_serial_number (state.account), ==, "SN-2077-4411");
  g_assert_cmpstr (seats_account_get_currency (state.account), ==, "SEK");
  policy = seats_account_get_policy (state.account);
  g_assert_cmpint (seats_policy_get_seat_floor (policy), ==, SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE);
  g_assert_cmpint (seats_policy_get_activation (policy), ==, SEATS_ACTIVATION_AUTOMATIC);
  g_assert_cmpuint (seats_policy_get_min_seats (policy), ==, 3);
  g_assert_cmpstr (seats_policy_get_reseller_name (policy), ==, "Visma.net");
  g_assert_cmpstr (seats_subscription_get_edition (state.subscription), ==, "Standard");
  g_assert_cmpint (seats_subscription_get_monthly_price (state.subscription), ==, 249500);
  g_assert_cmpstr (seats_billing_details_get_city (state.billing_details), ==, "Umeå");
  g_assert_false (seats_billing_details_get_e_invoicing (state.billing_details));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (state.products)), ==, 3);
  bank = g_list_model_get_item (G_LIST_MODEL (state.products), 2);
  g_assert_cmpint (seats_product_get_kind (bank), ==, SEATS_PRODUCT_KIND_INTEGRATION);
  g_assert_false (seats_product_get_enabled (bank));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (state.users)), ==, 2);
  sara = g_list_model_get_item (G_LIST_MODEL (state.users), 1);
  g_assert_cmpstr (seats_user_get_display_name (sara), ==, "Sara Öberg");
  g_assert_cmpuint (seats_user_get_end_date_julian (sara), ==, 739720);
  g_assert_null (seats_user_get_modules (sara)[0]);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (state.orders)), ==, 1);
  order = g_list_model_get_item (G_LIST_MODEL (state.orders), 0);
  g_assert_cmpstr (seats_order_get_product_id (order), ==, "bookkeeping");
  g_assert_null (seats_order_get_idempotency_key (order));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (state.invoices)), ==, 1);
  invoice = g_list_model_get_item (G_LIST_MODEL (state.invoices), 0);
  g_assert_cmpstr (seats_invoice_get_status (invoice), ==, "open");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (state.actions)), ==, 1);
  action = g_list_model_get_item (G_LIST_MODEL (state.actions), 0);
  g_assert_cmpstr (seats_action_entry_get_after (action), ==, "erik@example.se");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (state.features)), ==, 1);
  feature = g_list_model_get_item (G_LIST_MODEL (state.features), 0);
  g_assert_cmpstr (seats_feature_get_name (feature), ==, "Öppet API");
  g_assert_false (seats_feature_get_enabled (feature));
  change = g_list_model_get_item (seats_pending_license_get_changes (state.pending_license), 0);
  g_assert_cmpstr (seats_license_change_get_product_id (change), ==, "bookkeeping");
  g_assert_cmpuint (seats_license_change_get_new_count (change), ==, 4);

  g_assert_cmpint (state.sync.delta_cursor, ==, 1765000001);
  g_assert_cmpint (state.sync.last_full_reconcile, ==, 1764990000);
  g_assert_cmpint (state.sync.last_synced, ==, 1765000050);
  g_assert_cmpuint (g_hash_table_size (state.sync.etags), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (state.sync.etags, "/scim/v2/Users"), ==,
                   "\"r41-admin\"");
  assert_schema_3_defaults (&state);

  /* The refused change is not sent again; the waiting one is. */
  pending = seats_store_outbox_list_pending (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  entry = g_ptr_array_index (pending, 0);
  g_assert_cmpstr (entry->kind, ==, "user.deactivate");
  g_assert_cmpstr (entry->idempotency_key, ==, "0c5b2a3e-91d4-4f0a-8a55-3c2e7f6b1d42");

  assert_migrated_like_fresh (fixture, g_steal_pointer (&store));
}

/* Version 4 kept a user's version as the number n of W/"n": a copy of it
 * sends the same If-Match after the migration as before. */
static void
test_migrate_from_v4 (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(SeatsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(SeatsSnapshot) state = { 0 };
  sqlite3 *db;

  /* A file of version 4: this version's, with the users as they were. */
  store = open_store (fixture->path);
  g_clear_object (&store);
  db = open_raw (fixture->path);
  exec_raw (db,
            "ALTER TABLE subscription DROP COLUMN anchor;"
            "ALTER TABLE subscription DROP COLUMN notice_days;"
            "ALTER TABLE account DROP COLUMN source;"
            "ALTER TABLE users DROP COLUMN etag;"
            "ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 0;"
            "INSERT INTO users (id, user_name, active, start_date, end_date, created,"
            "                   modified, grace_deadline, version)"
            " VALUES ('u1', 'ada@example.test', 1, 0, 0, 1, 2, 0, 8),"
            "        ('u2', 'bo@example.test', 0, 0, 0, 1, 2, 0, 0);"
            "PRAGMA user_version = 4;");
  sqlite3_close (db);

  store = open_store (fixture->path);
  seats_snapshot_init (&state);
  g_assert_true (seats_store_load (store, &state, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (state.users)), ==, 2);
  {
    g_autoptr(SeatsUser) ada = g_list_model_get_item (G_LIST_MODEL (state.users), 0);
    g_autoptr(SeatsUser) bo = g_list_model_get_item (G_LIST_MODEL (state.users), 1);

    g_assert_cmpstr (seats_user_get_version (ada), ==, "W/\"8\"");
    g_assert_null (seats_user_get_version (bo));
  }

  assert_migrated_like_fresh (fixture, g_steal_pointer (&store));
}

static void
test_refuse_newer (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  g_autoptr(GError) error = NULL;
  SeatsStore *store;
  sqlite3 *db;

  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0700), ==, 0);
  g_clear_pointer (&fixture->path, g_free);
  fixture->path = g_build_filename (fixture->dir, "future.db", NULL);
  db = open_raw (fixture->path);
  exec_raw (db,
            "CREATE TABLE hologram (id TEXT);"
            "INSERT INTO hologram VALUES ('x');"
            "PRAGMA user_version = 99;");
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (fixture->path, &before, &before_len, NULL));

  store = seats_store_new (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, SEATS_STORE_ERROR, SEATS_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));

  /* Not a byte changed, no journal switched, nothing migrated. */
  g_assert_true (g_file_get_contents (fixture->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_refuse_corrupt (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *garbage = g_strnfill (8192, 'x');
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  SeatsStore *store;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fixture->path, garbage, -1, NULL));

  store = seats_store_new (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, SEATS_STORE_ERROR, SEATS_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "local copy"));
}

static void
test_default_path (void)
{
  g_autofree char *path = seats_store_dup_default_path ("org-1842");
  g_autofree char *hostile = seats_store_dup_default_path ("../../etc/passwd");
  g_autofree char *expected_dir = g_build_filename (g_get_user_data_dir (), "seats", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *hostile_dir = g_path_get_dirname (hostile);

  g_assert_cmpstr (dir, ==, expected_dir);
  g_assert_true (g_str_has_suffix (path, G_DIR_SEPARATOR_S "org-1842.db"));
  /* An id from the server cannot name another folder. */
  g_assert_cmpstr (hostile_dir, ==, expected_dir);
}

/* The kill test: a child saves ever newer states of one account in a
 * loop; it is killed in the middle of a save; the file must hold one
 * complete earlier state. Each state marks all its rows with its
 * generation and has its own number of users, so a mix shows. */

static guint
users_in_generation (guint generation)
{
  return 2000 + (generation % 7) * 150;
}

static void
make_generation (SeatsSnapshot *state,
                 guint            generation)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *mark = g_strdup_printf ("generation %u", generation);
  g_autoptr(SeatsProduct) product = seats_product_new ();

  g_clear_object (&state->account);
  state->account = seats_account_new ();
  seats_account_set_id (state->account, "org-1842");
  seats_account_set_name (state->account, mark);

  seats_product_set_id (product, "seats");
  seats_product_set_name (product, mark);
  seats_product_set_purchased (product, users_in_generation (generation));
  g_list_store_remove_all (state->products);
  g_list_store_append (state->products, product);

  for (guint i = 0; i < users_in_generation (generation); i++)
    {
      SeatsUser *user = seats_user_new ();
      g_autofree char *id = g_strdup_printf ("u-%u", i);
      g_autofree char *email = g_strdup_printf ("user%u@example.nl", i);

      seats_user_set_id (user, id);
      seats_user_set_display_name (user, mark);
      seats_user_set_email (user, email);
      seats_user_set_active (user, TRUE);
      g_ptr_array_add (users, user);
    }
  seats_user_list_splice (state->users, 0, g_list_model_get_n_items (G_LIST_MODEL (state->users)),
                          (SeatsUser **) users->pdata, users->len);
  state->sync.delta_cursor = generation;
}

static int
save_forever (const char *path)
{
  g_autoptr(SeatsStore) store = open_store (path);
  g_auto(SeatsSnapshot) state = { 0 };
  g_autoptr(GError) error = NULL;

  seats_snapshot_init (&state);
  for (guint generation = 1; ; generation++)
    {
      make_generation (&state, generation);
      printf ("saving %u\n", generation);
      fflush (stdout);
      if (!seats_store_save (store, &state, &error))
        g_error ("%s", error->message);
    }

  return 0;
}

static char *self_path;

static void
test_kill (Fixture       *fixture,
           gconstpointer  user_data)
{
  guint least_generation = 0;

  for (guint round = 0; round < 4; round++)
    {
      const char *argv[] = { self_path, "--save-forever", fixture->path, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(SeatsStore) store = NULL;
      g_auto(SeatsSnapshot) state = { 0 };
      g_autofree char *mark = NULL;
      char line[64];
      GPid pid;
      int out_fd;
      int status;
      FILE *out;
      guint begun = 0;
      guint generation;
      sqlite3 *db;
      sqlite3_stmt *stmt = NULL;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                               G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                               NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);
      out = fdopen (out_fd, "r");

      /* Wait until it is in the middle of its third save, then kill it
       * somewhere in that save. */
      while (begun < 3 && fgets (line, sizeof line, out) != NULL)
        begun = (guint) g_ascii_strtoull (line + strlen ("saving "), NULL, 10);
      g_assert_cmpuint (begun, >=, 3);
      g_usleep (g_test_rand_int_range (0, 60000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      g_spawn_close_pid (pid);
      fclose (out);

      /* The file is sound... */
      db = open_raw (fixture->path);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL),
                       ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
      sqlite3_finalize (stmt);
      sqlite3_close (db);

      /* ...and holds exactly one whole generation. */
      store = open_store (fixture->path);
      seats_snapshot_init (&state);
      g_assert_true (seats_store_load (store, &state, &error));
      g_assert_no_error (error);

      generation = state.sync.delta_cursor;
      g_test_message ("round %u: killed during save %u, found generation %u",
                      round, begun, generation);
      g_assert_cmpuint (generation, >=, MAX (least_generation, begun - 1));
      mark = g_strdup_printf ("generation %u", generation);
      g_assert_cmpstr (seats_account_get_name (state.account), ==, mark);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (state.products)), ==, 1);
      {
        g_autoptr(SeatsProduct) product = g_list_model_get_item (G_LIST_MODEL (state.products),
                                                                 0);

        g_assert_cmpstr (seats_product_get_name (product), ==, mark);
      }
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (state.users)), ==,
                        users_in_generation (generation));
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (state.users)); i++)
        {
          g_autoptr(SeatsUser) user = g_list_model_get_item (G_LIST_MODEL (state.users), i);

          if (g_strcmp0 (seats_user_get_display_name (user), mark) != 0)
            g_error ("user %u is from \"%s\", not \"%s\"",
                     i, seats_user_get_display_name (user), mark);
        }

      /* The next child starts again from generation 1 on this file. */
      least_generation = 2;
    }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_strcmp0 (argv[1], "--save-forever") == 0)
    return save_forever (argv[2]);

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add ("/store/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/store/users-later", Fixture, NULL, fixture_set_up, test_users_later,
              fixture_tear_down);
  g_test_add ("/store/users-later-corrupt", Fixture, NULL, fixture_set_up,
              test_users_later_corrupt, fixture_tear_down);
  g_test_add ("/store/one-items-changed", Fixture, NULL, fixture_set_up,
              test_one_items_changed, fixture_tear_down);
  g_test_add ("/store/delta", Fixture, NULL, fixture_set_up, test_delta, fixture_tear_down);
  g_test_add ("/store/failed-save-changes-nothing", Fixture, NULL, fixture_set_up,
              test_failed_save_changes_nothing, fixture_tear_down);
  g_test_add ("/store/save-delta", Fixture, NULL, fixture_set_up, test_save_delta,
              fixture_tear_down);
  g_test_add ("/store/failed-delta-changes-nothing", Fixture, NULL, fixture_set_up,
              test_failed_delta_changes_nothing, fixture_tear_down);
  g_test_add ("/store/outbox", Fixture, NULL, fixture_set_up, test_outbox, fixture_tear_down);
  g_test_add ("/store/sync-state", Fixture, NULL, fixture_set_up, test_sync_state,
              fixture_tear_down);
  g_test_add ("/store/migrate-from-v1", Fixture, NULL, fixture_set_up, test_migrate_from_v1,
              fixture_tear_down);
  g_test_add ("/store/migrate-from-v2", Fixture, NULL, fixture_set_up, test_migrate_from_v2,
              fixture_tear_down);
  g_test_add ("/store/migrate-from-v4", Fixture, NULL, fixture_set_up, test_migrate_from_v4,
              fixture_tear_down);
  g_test_add ("/store/refuse-newer", Fixture, NULL, fixture_set_up, test_refuse_newer,
              fixture_tear_down);
  g_test_add ("/store/refuse-corrupt", Fixture, NULL, fixture_set_up, test_refuse_corrupt,
              fixture_tear_down);
  g_test_add_func ("/store/default-path", test_default_path);
  g_test_add ("/store/kill", Fixture, NULL, fixture_set_up, test_kill, fixture_tear_down);

  {
    int ret = g_test_run ();

    g_free (self_path);
    return ret;
  }
}
