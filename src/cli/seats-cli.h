/* seats-cli.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SeatsCliExit:
 * @SEATS_CLI_EXIT_OK: done
 * @SEATS_CLI_EXIT_REFUSED: refused, by a license rule, the server or the
 *   person; the reason is on standard error
 * @SEATS_CLI_EXIT_USAGE: the command line is wrong
 * @SEATS_CLI_EXIT_UNREACHABLE: the license server cannot be reached or used
 *
 * The exit status of seatsctl, for scripts.
 */
typedef enum
{
  SEATS_CLI_EXIT_OK          = 0,
  SEATS_CLI_EXIT_REFUSED     = 1,
  SEATS_CLI_EXIT_USAGE       = 2,
  SEATS_CLI_EXIT_UNREACHABLE = 3,
} SeatsCliExit;

int seats_cli_run (int    argc,
                   char **argv);

G_END_DECLS
