/* seats-action-entry.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include "seats-action-entry.h"
#include "seats-types-private.h"

struct _SeatsActionEntry
{
  GObject parent_instance;

  char   *id;
  char   *actor;
  char   *action;
  char   *subject;
  char   *before;
  char   *after;
  gint64  timestamp;
};

G_DEFINE_FINAL_TYPE (SeatsActionEntry, seats_action_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TIMESTAMP,
  PROP_ACTOR,
  PROP_ACTION,
  PROP_SUBJECT,
  PROP_BEFORE,
  PROP_AFTER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const gsize field_offsets [N_PROPS] = {
  [PROP_ID] = SEATS_FIELD (SeatsActionEntry, id),
  [PROP_TIMESTAMP] = SEATS_FIELD (SeatsActionEntry, timestamp),
  [PROP_ACTOR] = SEATS_FIELD (SeatsActionEntry, actor),
  [PROP_ACTION] = SEATS_FIELD (SeatsActionEntry, action),
  [PROP_SUBJECT] = SEATS_FIELD (SeatsActionEntry, subject),
  [PROP_BEFORE] = SEATS_FIELD (SeatsActionEntry, before),
  [PROP_AFTER] = SEATS_FIELD (SeatsActionEntry, after),
};

SEATS_DEFINE_FIELD_VFUNCS (seats_action_entry)

static void
seats_action_entry_class_init (SeatsActionEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  SEATS_INSTALL_FIELD_VFUNCS (object_class, seats_action_entry);

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_TIMESTAMP] =
    g_param_spec_int64 ("timestamp", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        SEATS_PARAM_FLAGS);

  properties [PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_ACTION] =
    g_param_spec_string ("action", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_SUBJECT] =
    g_param_spec_string ("subject", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_BEFORE] =
    g_param_spec_string ("before", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_AFTER] =
    g_param_spec_string ("after", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seats_action_entry_init (SeatsActionEntry *self)
{
}

SeatsActionEntry *
seats_action_entry_new (void)
{
  return g_object_new (SEATS_TYPE_ACTION_ENTRY, NULL);
}

#define ACCESSORS(KIND, ...) \
  SEATS_DEFINE_##KIND (SeatsActionEntry, seats_action_entry, SEATS_IS_ACTION_ENTRY, __VA_ARGS__)

ACCESSORS (STRING, id, PROP_ID)
ACCESSORS (INT64, timestamp, PROP_TIMESTAMP)
ACCESSORS (STRING, actor, PROP_ACTOR)
ACCESSORS (STRING, action, PROP_ACTION)
ACCESSORS (STRING, subject, PROP_SUBJECT)
ACCESSORS (STRING, before, PROP_BEFORE)
ACCESSORS (STRING, after, PROP_AFTER)
