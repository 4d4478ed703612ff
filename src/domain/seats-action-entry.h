/* seats-action-entry.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-types.h"

G_BEGIN_DECLS

#define SEATS_TYPE_ACTION_ENTRY (seats_action_entry_get_type ())

G_DECLARE_FINAL_TYPE (SeatsActionEntry, seats_action_entry, SEATS, ACTION_ENTRY, GObject)

/*
 * SeatsActionEntry: one line of the action log (R14): who (actor) did
 * what (action, a stable name such as "seats.buy") to what (subject) when
 * (timestamp, Unix seconds, UTC), with the value before and after, as text
 * the server formats.
 */
SeatsActionEntry *seats_action_entry_new           (void);
const char       *seats_action_entry_get_id        (SeatsActionEntry *self);
void              seats_action_entry_set_id        (SeatsActionEntry *self,
                                                    const char       *id);
gint64            seats_action_entry_get_timestamp (SeatsActionEntry *self);
void              seats_action_entry_set_timestamp (SeatsActionEntry *self,
                                                    gint64            timestamp);
const char       *seats_action_entry_get_actor     (SeatsActionEntry *self);
void              seats_action_entry_set_actor     (SeatsActionEntry *self,
                                                    const char       *actor);
const char       *seats_action_entry_get_action    (SeatsActionEntry *self);
void              seats_action_entry_set_action    (SeatsActionEntry *self,
                                                    const char       *action);
const char       *seats_action_entry_get_subject   (SeatsActionEntry *self);
void              seats_action_entry_set_subject   (SeatsActionEntry *self,
                                                    const char       *subject);
const char       *seats_action_entry_get_before    (SeatsActionEntry *self);
void              seats_action_entry_set_before    (SeatsActionEntry *self,
                                                    const char       *before);
const char       *seats_action_entry_get_after     (SeatsActionEntry *self);
void              seats_action_entry_set_after     (SeatsActionEntry *self,
                                                    const char       *after);

G_END_DECLS
