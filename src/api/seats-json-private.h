/* seats-json-private.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Reading the server's JSON strictly: what the contract allows is accepted,
 * unknown members are ignored, and a wrong type, a missing required member,
 * a number out of range or an absurd size is a SEATS_API_ERROR_MALFORMED
 * naming where it is ("users[3].emails"). */

#define SEATS_JSON_MAX_STRING     4096

typedef enum
{
  SEATS_JSON_OPTIONAL = 0,
  SEATS_JSON_REQUIRED = 1 << 0,
} SeatsJsonFlags;

JsonNode *seats_json_parse      (GBytes          *bytes,
                                 GError         **error);
gboolean  seats_json_object     (JsonNode        *node,
                                 const char      *where,
                                 JsonObject     **object,
                                 GError         **error);
gboolean  seats_json_string     (JsonObject      *object,
                                 const char      *where,
                                 const char      *member,
                                 SeatsJsonFlags   flags,
                                 const char     **value,
                                 GError         **error);
gboolean  seats_json_int        (JsonObject      *object,
                                 const char      *where,
                                 const char      *member,
                                 SeatsJsonFlags   flags,
                                 gint64           min,
                                 gint64           max,
                                 gint64          *value,
                                 GError         **error);
gboolean  seats_json_boolean    (JsonObject      *object,
                                 const char      *where,
                                 const char      *member,
                                 SeatsJsonFlags   flags,
                                 gboolean        *value,
                                 GError         **error);
gboolean  seats_json_date       (JsonObject      *object,
                                 const char      *where,
                                 const char      *member,
                                 SeatsJsonFlags   flags,
                                 guint32         *julian,
                                 GError         **error);
gboolean  seats_json_timestamp  (JsonObject      *object,
                                 const char      *where,
                                 const char      *member,
                                 SeatsJsonFlags   flags,
                                 gint64          *unix_time,
                                 GError         **error);
gboolean  seats_json_member_object (JsonObject   *object,
                                 const char      *where,
                                 const char      *member,
                                 SeatsJsonFlags   flags,
                                 JsonObject     **value,
                                 GError         **error);
gboolean  seats_json_array      (JsonObject      *object,
                                 const char      *where,
                                 const char      *member,
                                 SeatsJsonFlags   flags,
                                 guint            max_length,
                                 JsonArray      **value,
                                 GError         **error);
GError   *seats_json_malformed  (const char      *where,
                                 const char      *member,
                                 const char      *what);

G_END_DECLS
