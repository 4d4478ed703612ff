/* seats-action-text.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seats-sync-engine.h"

G_BEGIN_DECLS

char *seats_action_text_describe (const char *action,
                                  const char *subject);
char *seats_action_text_value    (const char *value);
char *seats_action_text_change   (const char *before,
                                  const char *after);

char       *seats_action_text_entry_title  (SeatsSyncEngine  *engine,
                                            SeatsActionEntry *entry);
const char *seats_action_text_actor        (SeatsSyncEngine  *engine,
                                            const char       *actor);
char       *seats_action_text_entry_change (SeatsSyncEngine  *engine,
                                            SeatsActionEntry *entry);

G_END_DECLS
