/* test-refusals.c: a license server's refusals reach seatsctl in the
 * person's language
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cli-test-helper.h"
#include "seats-test.h"
#include "server-test-helper.h"

/* seats-server runs as a process of its own, in the C locale. Between
 * seatsctl's sync and its change, somebody else activates a user, so the
 * server refuses a next-period count the local copy still allowed: 20
 * licenses against 21 users who count. */
#define NEXT_PERIOD_PATH "/api/v1/products/seats/next-period"

typedef struct
{
  const char *language;
  const char *locale;
  const char *refusal;
} Language;

/* Written out here, not taken from the catalogue, so that a missing
 * translation fails. */
static const Language languages[] = {
  { "en", "C.UTF-8",
    "The number of licenses cannot be lower than the number of active users. "
    "Deactivate 1 user first, or keep at least 21 licenses." },
  { "nl", "nl_NL.UTF-8",
    "Het aantal licenties kan niet lager zijn dan het aantal actieve gebruikers. "
    "Deactiveer eerst 1 gebruiker, of houd minstens 21 licenties." },
  { "sv", "sv_SE.UTF-8",
    "Antalet licenser kan inte vara lägre än antalet aktiva användare. "
    "Inaktivera först 1 användare, eller behåll minst 21 licenser." },
};

typedef struct
{
  char       *dir;
  TestServer *server;
  TestProxy  *proxy;
  const char *admin_token;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  const char *args[] = { "--seed", "demo", NULL };

  seats_test_set_clock (SEATS_TEST_NOW);
  fixture->dir = seats_test_make_dir ("test-refusals");
  fixture->server = test_server_start (args);
  fixture->proxy = test_proxy_new (fixture->server->base);
  fixture->admin_token = g_hash_table_lookup (fixture->server->admin, "demolen");
  g_assert_nonnull (fixture->admin_token);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_pointer (&fixture->proxy, test_proxy_free);
  g_clear_pointer (&fixture->server, test_server_stop);
  seats_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Somebody else, meanwhile: one more user counts. */
static void
activate_one_user (gpointer user_data)
{
  Fixture *fixture = user_data;

  test_server_activate_one_user (fixture->server, fixture->admin_token);
}

static CliResult *
run_in (Fixture        *fixture,
        const Language *language,
        const char     *count)
{
  g_autofree char *token_env = g_strconcat ("SEATS_TOKEN=", fixture->admin_token, NULL);
  g_autofree char *language_env = g_strconcat ("LANGUAGE=", language->language, NULL);
  g_autofree char *locale_env = g_strconcat ("LC_ALL=", language->locale, NULL);
  const char *extra[] = { token_env, language_env, locale_env, NULL };
  g_auto(GStrv) env = seats_test_child_environment (fixture->dir, extra);
  const char *args[] = { "--server", test_proxy_get_uri (fixture->proxy),
                         "set-next-period", count, NULL };

  return cli_run_full ((const char * const *) env, NULL, NULL, NULL, args);
}

static gboolean
locale_missing (const Language *language)
{
  if (setlocale (LC_ALL, language->locale) == NULL)
    return TRUE;

  setlocale (LC_ALL, "C.UTF-8");
  return FALSE;
}

/* The server says it in the language the request asks for, and sends the
 * figures along; seatsctl says it in the person's language, in its own
 * words, whether the server had the language or not. */
static void
test_refusal (Fixture       *fixture,
              gconstpointer  user_data)
{
  const Language *language = &languages[GPOINTER_TO_UINT (user_data) >> 1];
  gboolean forward_language = (GPOINTER_TO_UINT (user_data) & 1) != 0;
  g_autoptr(CliResult) result = NULL;
  g_autofree char *expected = NULL;
  JsonNode *problem;

  if (locale_missing (language))
    {
      g_test_skip ("The locale of the language is not installed");
      return;
    }

  test_proxy_set_forward_language (fixture->proxy, forward_language);
  test_proxy_set_before (fixture->proxy, "PUT", NEXT_PERIOD_PATH, activate_one_user, fixture);

  result = run_in (fixture, language, "20");

  g_assert_cmpint (result->status, ==, 1);
  expected = g_strconcat ("seatsctl: ", language->refusal, "\n", NULL);
  g_assert_cmpstr (result->err, ==, expected);

  /* What the server answered: the code, the figures, and its own words in
   * the request's language where it was asked for one. */
  problem = test_proxy_get_last_problem (fixture->proxy);
  g_assert_nonnull (problem);
  g_assert_cmpstr (test_json_string (problem, "code"), ==, "below-counted-users");
  g_assert_cmpint (test_json_int (problem, "figures.requested"), ==, 20);
  g_assert_cmpint (test_json_int (problem, "figures.counted"), ==, 21);
  g_assert_cmpstr (test_json_string (problem, "figures.seat_floor"), ==, "at_least_active");

  if (forward_language)
    {
      g_assert_cmpstr (test_json_string (problem, "detail"), ==, language->refusal);
      g_assert_cmpstr (test_proxy_get_last_language (fixture->proxy), ==, language->language);
    }
  else
    {
      g_assert_cmpstr (test_json_string (problem, "detail"), ==, languages[0].refusal);
      g_assert_null (test_proxy_get_last_language (fixture->proxy));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* This process, and so the server it starts, in the C locale. */
  setlocale (LC_ALL, "C.UTF-8");
  g_unsetenv ("LANGUAGE");

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      for (guint forward = 0; forward <= 1; forward++)
        {
          g_autofree char *name = g_strdup_printf ("/refusals/seatsctl/%s/%s", languages[i].language,
                                                   forward ? "server-speaks-it" : "server-speaks-english");

          g_test_add (name, Fixture, GUINT_TO_POINTER (i << 1 | forward),
                      fixture_set_up, test_refusal, fixture_tear_down);
        }
    }

  return g_test_run ();
}
