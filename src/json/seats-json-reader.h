/* seats-json-reader.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The one way the client, the license files and the server read JSON. */

#define SEATS_JSON_READ_ERROR (seats_json_read_error_quark ())

/**
 * SeatsJsonReadError:
 * @SEATS_JSON_READ_ERROR_EMPTY: there is no document (nothing, or only white space)
 * @SEATS_JSON_READ_ERROR_NOT_UTF8: the text is not UTF-8
 * @SEATS_JSON_READ_ERROR_TOO_DEEP: arrays and objects nest deeper than
 *   %SEATS_JSON_READ_MAX_DEPTH
 * @SEATS_JSON_READ_ERROR_SYNTAX: it is not JSON
 */
typedef enum
{
  SEATS_JSON_READ_ERROR_EMPTY,
  SEATS_JSON_READ_ERROR_NOT_UTF8,
  SEATS_JSON_READ_ERROR_TOO_DEEP,
  SEATS_JSON_READ_ERROR_SYNTAX,
} SeatsJsonReadError;

/* Deeper than anything Seats reads or writes: its documents nest five or six
 * levels. json-glib parses recursively, so deeper input could exhaust the
 * stack before it is refused. */
#define SEATS_JSON_READ_MAX_DEPTH 64

GQuark    seats_json_read_error_quark (void);
JsonNode *seats_json_read             (const char  *data,
                                       gsize        length,
                                       GError     **error);

G_END_DECLS
