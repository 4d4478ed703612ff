/* fuzz-license.c: libFuzzer harness for license files, and for payloads
 * the vendor signed
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "seats-license.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static char *secret_key;
static char *public_key;

static void
check (const char *file,
       gsize       length)
{
  g_autoptr(SeatsLicense) license = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 16, G_DATE_NOVEMBER, 2026);
  license = seats_license_verify (file, length, public_key, "00000000-0000-4000-8000-000000000001",
                                  &today, &error);
  g_assert ((license == NULL) == (error != NULL));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *signed_file = NULL;

  if (secret_key == NULL && !seats_license_generate_key (&secret_key, &public_key, NULL))
    g_error ("Could not make a key");

  /* As a file anyone could have written... */
  check ((const char *) data, size);

  /* ...and as a payload the vendor signed, which is read after the
   * signature is found good. */
  signed_file = seats_license_sign_payload ((const char *) data, size, secret_key, public_key, NULL);
  if (signed_file != NULL)
    check (signed_file, strlen (signed_file));

  return 0;
}
