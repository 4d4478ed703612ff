/* seats-application.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seats-session.h"

G_BEGIN_DECLS

#define SEATS_TYPE_APPLICATION (seats_application_get_type())

G_DECLARE_FINAL_TYPE (SeatsApplication, seats_application, SEATS, APPLICATION, AdwApplication)

SeatsApplication *seats_application_new              (void);
GListModel       *seats_application_get_sessions     (SeatsApplication       *self);
SeatsSession     *seats_application_find_session     (SeatsApplication       *self,
                                                      const char             *id);
void              seats_application_add_session      (SeatsApplication       *self,
                                                      SeatsSession           *session);
void              seats_application_remove_session   (SeatsApplication       *self,
                                                      SeatsSession           *session);
GSettings        *seats_application_get_settings     (SeatsApplication       *self);
gboolean          seats_application_is_demo          (SeatsApplication       *self);
gboolean          seats_application_start_demo       (SeatsApplication       *self,
                                                      GError                **error);
void              seats_application_open_account     (SeatsApplication       *self,
                                                      const SeatsAccountInfo *info);

G_END_DECLS
