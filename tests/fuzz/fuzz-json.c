/* fuzz-json.c: libFuzzer harness for the one JSON reader
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "seats-json-reader.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = seats_json_read ((const char *) data, size, &error);
  g_assert ((root == NULL) == (error != NULL));

  return 0;
}
