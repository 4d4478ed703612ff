/* test-accounts.c: accounts and their tokens in a real keyring
 *
 * Runs under keyring-session.sh: a gnome-keyring-daemon of its own on a
 * D-Bus session bus of its own.
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "cli-test-helper.h"
#include "seats-accounts.h"
#include "seats-api-error.h"
#include "seats-server.h"
#include "seats-test.h"
#include "sync-test-helper.h"
#include "seats-test-server.h"

typedef struct
{
  char            *dir;
  SeatsTestServer *vendor;
  const char      *token;
  GSettings       *settings;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  /* Mid-period: the demo as these tests know it, whatever day they run. */
  seats_test_set_clock (SEATS_TEST_NOW);

  fixture->dir = seats_test_make_dir ("test-accounts");
  fixture->vendor = seats_test_server_new (SEATS_SERVER_FLAGS_NONE);
  fixture->token = seats_test_server_find (fixture->vendor, "demolen")->admin_token;

  /* GSETTINGS_BACKEND=memory: a fresh list for each test. */
  fixture->settings = g_settings_new ("io.github.seatsapp.Seats");
  g_settings_reset (fixture->settings, "accounts");
  g_settings_reset (fixture->settings, "active-account");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->settings);
  g_clear_pointer (&fixture->vendor, seats_test_server_free);
  seats_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static SeatsAccountInfo *
connect_account (Fixture     *fixture,
                 const char  *server,
                 const char  *token,
                 GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  seats_accounts_connect_async (fixture->settings, server, NULL, token, NULL, seats_test_done_cb, &result);
  return seats_accounts_connect_finish (seats_test_wait_for (&result), error);
}

static char *
lookup_token (const SeatsAccountInfo *info)
{
  g_autoptr(GError) error = NULL;
  char *token;

  token = secret_password_lookup_sync (seats_token_schema (), NULL, &error,
                                       "server", info->server,
                                       "organization", info->organization,
                                       NULL);
  g_assert_no_error (error);
  return token;
}

static char *
lookup_any_token (const char *server)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = g_strdup (server);
  char *token;

  /* As the account keeps it: without a final slash. */
  while (g_str_has_suffix (normalized, "/"))
    normalized[strlen (normalized) - 1] = '\0';

  token = secret_password_lookup_sync (seats_token_schema (), NULL, &error,
                                       "server", normalized, NULL);
  g_assert_no_error (error);
  return token;
}

static void
test_connect_open_remove (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(SeatsAccountInfo) info = NULL;
  g_autoptr(SeatsAccountInfo) found = NULL;
  g_autoptr(SeatsSyncEngine) engine = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) synced = NULL;
  g_autoptr(GAsyncResult) removed = NULL;
  g_autoptr(GAsyncResult) refused = NULL;
  g_autoptr(GAsyncResult) looked_up = NULL;
  g_autoptr(GAsyncResult) resynced = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *stored = NULL;
  guint n_users;
  g_autofree char *path = NULL;
  g_autofree char *gone = NULL;

  info = connect_account (fixture, fixture->vendor->uri, fixture->token, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->name, ==, "Tandartspraktijk De Molen B.V.");

  /* The token is in the keyring under the schema and its two attributes... */
  stored = lookup_token (info);
  g_assert_cmpstr (stored, ==, fixture->token);

  /* ...and the account, without it, in the settings. */
  found = seats_accounts_find (fixture->settings, info->id);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->server, ==, info->server);
  {
    g_autoptr(GVariant) value = g_settings_get_value (fixture->settings, "accounts");
    g_autofree char *text = g_variant_print (value, FALSE);

    g_assert_null (strstr (text, fixture->token));
  }

  /* Opening reads the token from the keyring; the engine syncs. */
  seats_accounts_open_async (info, SEATS_SYNC_LOAD_DEFAULT, NULL, seats_test_done_cb, &opened);
  engine = seats_accounts_open_finish (seats_test_wait_for (&opened), &error);
  g_assert_no_error (error);
  seats_sync_engine_sync_async (engine, FALSE, NULL, seats_test_done_cb, &synced);
  g_assert_true (seats_sync_engine_sync_finish (engine, seats_test_wait_for (&synced), &error));
  g_assert_no_error (error);
  n_users = g_list_model_get_n_items (seats_sync_engine_get_users (engine));
  g_assert_cmpuint (n_users, >, 0);
  g_clear_object (&engine);

  /* As the window opens it: the local copy at once, without the token,
   * which cannot be used to change anything yet... */
  engine = seats_accounts_open_cached (info, SEATS_SYNC_LOAD_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (seats_sync_engine_get_account (engine));
  g_assert_cmpuint (g_list_model_get_n_items (seats_sync_engine_get_users (engine)), ==, n_users);
  g_assert_false (seats_source_has_secret (seats_sync_engine_get_source (engine), NULL));
  g_assert_false (seats_sync_engine_can_change (engine, SEATS_CHANGE_USERS_ACTIVE, &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  seats_sync_engine_sync_async (engine, FALSE, NULL, seats_test_done_cb, &refused);
  g_assert_false (seats_sync_engine_sync_finish (engine, seats_test_wait_for (&refused), &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  /* ...then the token from the keyring, and it syncs. */
  seats_accounts_lookup_token_async (info, NULL, seats_test_done_cb, &looked_up);
  token = seats_accounts_lookup_token_finish (seats_test_wait_for (&looked_up), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, fixture->token);
  seats_source_set_secret (seats_sync_engine_get_source (engine), token);
  g_assert_true (seats_sync_engine_can_change (engine, SEATS_CHANGE_USERS_ACTIVE, NULL));
  seats_sync_engine_sync_async (engine, FALSE, NULL, seats_test_done_cb, &resynced);
  g_assert_true (seats_sync_engine_sync_finish (engine, seats_test_wait_for (&resynced), &error));
  g_assert_no_error (error);
  g_clear_object (&engine);

  path = seats_store_dup_default_path (info->id);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Removing takes the token, the local copy and the entry. */
  seats_accounts_remove_async (fixture->settings, info, NULL, seats_test_done_cb, &removed);
  g_assert_true (seats_accounts_remove_finish (seats_test_wait_for (&removed), &error));
  g_assert_no_error (error);

  gone = lookup_token (info);
  g_assert_null (gone);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  accounts = seats_accounts_list (fixture->settings);
  g_assert_cmpuint (accounts->len, ==, 0);
}

static void
test_wrong_token_stores_nothing (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(SeatsAccountInfo) info = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  info = connect_account (fixture, fixture->vendor->uri, "seats_not-a-real-token", &error);
  g_assert_null (info);
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_UNAUTHORIZED);

  stored = lookup_any_token (fixture->vendor->uri);
  g_assert_null (stored);
  accounts = seats_accounts_list (fixture->settings);
  g_assert_cmpuint (accounts->len, ==, 0);
}

static void
test_insecure_refused (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(SeatsAccountInfo) info = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  gint64 start = g_get_monotonic_time ();

  /* A documentation address: a request to it would hang, not fail fast. */
  info = connect_account (fixture, "http://192.0.2.10:8080", fixture->token, &error);
  g_assert_null (info);
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_INSECURE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  stored = lookup_any_token ("http://192.0.2.10:8080");
  g_assert_null (stored);
  accounts = seats_accounts_list (fixture->settings);
  g_assert_cmpuint (accounts->len, ==, 0);
}

/* seatsctl with the keyring and the settings of a person: settings in a
 * key file, so that they outlive each run. */
static CliResult *
run_cli (Fixture    *fixture,
         const char *input,
         ...)
{
  const char *extra[] = { "GSETTINGS_BACKEND=keyfile", "SEATS_TOKEN", NULL };
  g_auto(GStrv) env = seats_test_child_environment (fixture->dir, extra);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return cli_run_full ((const char * const *) env, input, NULL, NULL,
                       (const char * const *) args->pdata);
}

static void
test_seatsctl_with_keyring (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(CliResult) connected = NULL;
  g_autoptr(CliResult) listed = NULL;
  g_autoptr(CliResult) synced = NULL;
  g_autoptr(CliResult) removed = NULL;
  g_autoptr(CliResult) empty = NULL;
  g_autoptr(CliResult) wrong = NULL;
  g_autoptr(SeatsAccountInfo) info = NULL;
  g_autofree char *input = g_strconcat (fixture->token, "\n", NULL);
  g_autofree char *stored = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *path = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *data = g_build_filename (fixture->dir, "data", NULL);

  /* A token that the server refuses is kept nowhere. */
  wrong = run_cli (fixture, "seats_wrong\n", "connect", fixture->vendor->uri, NULL);
  g_assert_cmpint (wrong->status, ==, 1);
  {
    g_autofree char *none = lookup_any_token (fixture->vendor->uri);

    g_assert_null (none);
  }

  connected = run_cli (fixture, input, "connect", fixture->vendor->uri, NULL);
  g_assert_cmpint (connected->status, ==, 0);
  g_assert_true (cli_contains (connected->out, "Tandartspraktijk De Molen B.V."));
  g_assert_false (cli_contains (connected->out, fixture->token));
  g_assert_false (cli_contains (connected->err, fixture->token));

  /* The account id seatsctl printed names the token in the keyring. */
  {
    g_autoptr(GAsyncResult) checked = NULL;
    g_autoptr(GError) error = NULL;

    seats_accounts_check_async (fixture->vendor->uri, NULL, fixture->token, NULL, seats_test_done_cb,
                                &checked);
    info = seats_accounts_check_finish (seats_test_wait_for (&checked), &error);
    g_assert_no_error (error);
    g_assert_cmpint (info->source, ==, SEATS_ACCOUNT_SOURCE_LICENSE_SERVER);
  }
  g_assert_true (cli_contains (connected->out, info->id));
  stored = lookup_token (info);
  g_assert_cmpstr (stored, ==, fixture->token);

  listed = run_cli (fixture, NULL, "accounts", NULL);
  g_assert_cmpint (listed->status, ==, 0);
  g_assert_true (cli_contains (listed->out, info->id));
  g_assert_true (cli_contains (listed->out, "*"));
  g_assert_true (cli_contains (listed->out, info->server));

  synced = run_cli (fixture, NULL, "sync", NULL);
  g_assert_cmpint (synced->status, ==, 0);
  g_assert_true (cli_contains (synced->out, "Synced"));

  /* The settings file and the local copy hold no token. */
  keyfile = g_build_filename (fixture->dir, "config", "glib-2.0", "settings", "keyfile", NULL);
  g_assert_true (g_file_test (keyfile, G_FILE_TEST_EXISTS));
  g_assert_false (file_contains (keyfile, fixture->token));
  path = g_build_filename (data, "seats", NULL);
  {
    g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
    const char *name;

    g_assert_nonnull (dir);
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (path, name, NULL);

        g_assert_false (file_contains (file, fixture->token));
      }
  }

  removed = run_cli (fixture, NULL, "remove-account", info->id, NULL);
  g_assert_cmpint (removed->status, ==, 0);
  gone = lookup_token (info);
  g_assert_null (gone);

  empty = run_cli (fixture, NULL, "accounts", "--json", NULL);
  g_assert_cmpint (empty->status, ==, 0);
  g_assert_cmpstr (g_strstrip (empty->out), ==, "[]");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  /* Only ever the keyring of keyring-session.sh, never a person's. */
  if (g_strcmp0 (g_getenv ("SEATS_KEYRING_SESSION"), "1") != 0)
    g_error ("Run this test through tests/keyring-session.sh");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/accounts/connect-open-remove", test_connect_open_remove);
  ADD ("/accounts/wrong-token-stores-nothing", test_wrong_token_stores_nothing);
  ADD ("/accounts/insecure-refused", test_insecure_refused);
  ADD ("/accounts/seatsctl-with-keyring", test_seatsctl_with_keyring);

#undef ADD

  return g_test_run ();
}
