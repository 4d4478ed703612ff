/* seats-session.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-accounts.h"
#include "seats-sync-engine.h"

G_BEGIN_DECLS

#define SEATS_TYPE_SESSION (seats_session_get_type())

G_DECLARE_FINAL_TYPE (SeatsSession, seats_session, SEATS, SESSION, GObject)

SeatsSession           *seats_session_new         (const SeatsAccountInfo *info,
                                                   gboolean                demo);
const SeatsAccountInfo *seats_session_get_info    (SeatsSession           *self);
const char             *seats_session_get_id      (SeatsSession           *self);
const char             *seats_session_get_title   (SeatsSession           *self);
gboolean                seats_session_is_demo     (SeatsSession           *self);
SeatsSyncEngine        *seats_session_get_engine  (SeatsSession           *self);
void                    seats_session_set_engine  (SeatsSession           *self,
                                                   SeatsSyncEngine        *engine);
void                    seats_session_set_token   (SeatsSession           *self,
                                                   const char             *token);
const char             *seats_session_get_error   (SeatsSession           *self);
void                    seats_session_set_error   (SeatsSession           *self,
                                                   const char             *error);

G_END_DECLS
