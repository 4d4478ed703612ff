/* schema-check.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A small JSON Schema (2020-12) validator for the subset the API document
 * uses: type (one or a list), required, properties, additionalProperties,
 * items, enum, const, $ref into the document, anyOf, oneOf, allOf, minimum,
 * maximum, minLength, maxLength, pattern and the formats date, date-time and
 * uri. A keyword it does not know is an error, so that the document cannot
 * grow a constraint that the tests silently skip. */

#define SCHEMA_CHECK_ERROR (schema_check_error_quark ())
GQuark    schema_check_error_quark (void);

JsonNode *schema_check_resolve     (JsonNode    *document,
                                    const char  *ref);
gboolean  schema_check_validate    (JsonNode    *document,
                                    JsonNode    *schema,
                                    JsonNode    *value,
                                    GError     **error);

G_END_DECLS
