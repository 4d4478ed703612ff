/* cli-test-helper.c: runs the built seatsctl as a person or a script would
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cli-test-helper.h"
#include "seats-test.h"

void
cli_result_free (CliResult *result)
{
  if (result == NULL)
    return;

  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

/**
 * cli_run_full:
 * @env: (nullable): "NAME=VALUE" to set and "NAME" to unset in the child
 * @input: (nullable): what the child reads on standard input
 * @spawned: (nullable): called while the child runs
 * @user_data: data for @spawned
 * @args: the arguments after "seatsctl"
 *
 * Returns: (transfer full): the exit status and what the child wrote
 */
CliResult *
cli_run_full (const char * const *env,
              const char         *input,
              CliSpawnedFunc      spawned,
              gpointer            user_data,
              const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) communicated = NULL;
  g_autoptr(GAsyncResult) waited = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CliResult *result = g_new0 (CliResult, 1);
  const char *seatsctl = g_getenv ("SEATSCTL");

  g_assert_nonnull (seatsctl);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      const char *equals = strchr (env[i], '=');

      if (equals != NULL)
        {
          g_autofree char *name = g_strndup (env[i], equals - env[i]);

          g_subprocess_launcher_setenv (launcher, name, equals + 1, TRUE);
        }
      else
        g_subprocess_launcher_unsetenv (launcher, env[i]);
    }

  g_ptr_array_add (argv, (gpointer) seatsctl);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  if (spawned != NULL)
    spawned (process, user_data);

  g_subprocess_communicate_utf8_async (process, input != NULL ? input : "", NULL, seats_test_done_cb,
                                       &communicated);
  /* The test's own main context serves the in-process license server, so
   * it keeps running while the child talks to it. */
  seats_test_wait_for (&communicated);
  g_subprocess_communicate_utf8_finish (process, communicated, &result->out, &result->err, &error);
  g_assert_no_error (error);

  g_subprocess_wait_async (process, NULL, seats_test_done_cb, &waited);
  seats_test_wait_for (&waited);
  g_subprocess_wait_finish (process, waited, &error);
  g_assert_no_error (error);

  g_test_message ("seatsctl %s: status %d\n--- stdout\n%s--- stderr\n%s",
                  args[0] ? args[0] : "",
                  g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1,
                  result->out, result->err);

  /* A crash, an abort or a leak report is never an answer. */
  if (!g_subprocess_get_if_exited (process))
    g_error ("seatsctl did not exit normally:\n%s", result->err);

  result->status = g_subprocess_get_exit_status (process);
  return result;
}

CliResult *
cli_run (const char * const *env,
         const char         *input,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return cli_run_full (env, input, NULL, NULL, (const char * const *) args->pdata);
}

gboolean
cli_contains (const char *haystack,
              const char *needle)
{
  return haystack != NULL && strstr (haystack, needle) != NULL;
}

gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  gsize needle_len = strlen (needle);

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;

  for (gsize i = 0; i + needle_len <= len; i++)
    if (memcmp (contents + i, needle, needle_len) == 0)
      return TRUE;

  return FALSE;
}
