/* cli-test-helper.h: runs the built seatsctl as a person or a script would
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef void (*CliSpawnedFunc) (GSubprocess *process,
                                gpointer     user_data);

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliResult;

void       cli_result_free (CliResult          *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

CliResult *cli_run_full    (const char * const *env,
                            const char         *input,
                            CliSpawnedFunc      spawned,
                            gpointer            user_data,
                            const char * const *args);
CliResult *cli_run         (const char * const *env,
                            const char         *input,
                            ...) G_GNUC_NULL_TERMINATED;
gboolean   cli_contains    (const char         *haystack,
                            const char         *needle);
gboolean   file_contains   (const char         *path,
                            const char         *needle);

G_END_DECLS
