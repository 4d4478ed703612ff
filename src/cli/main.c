/* main.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "seats-cli.h"

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("SEATS_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* SEATS_LOCALEDIR runs seatsctl from the build tree in another language,
   * as the tests do; installed, the translations are in LOCALEDIR. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return seats_cli_run (argc, argv);
}
