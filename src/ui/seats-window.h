/* seats-window.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seats-application.h"

G_BEGIN_DECLS

#define SEATS_TYPE_WINDOW (seats_window_get_type())

G_DECLARE_FINAL_TYPE (SeatsWindow, seats_window, SEATS, WINDOW, AdwApplicationWindow)

SeatsWindow  *seats_window_new                (SeatsApplication *application);
const char   *seats_window_get_visible_page   (SeatsWindow      *self);
void          seats_window_set_visible_page   (SeatsWindow      *self,
                                               const char       *name);
void          seats_window_add_toast          (SeatsWindow      *self,
                                               AdwToast         *toast);
SeatsSession *seats_window_get_session        (SeatsWindow      *self);
void          seats_window_show_account       (SeatsWindow      *self,
                                               const char       *id);
void          seats_window_change_next_period (SeatsWindow      *self,
                                               const char       *id);
void          seats_window_show_overview      (SeatsWindow      *self);
gboolean      seats_window_get_overview_shown (SeatsWindow      *self);
void          seats_window_export_calendar_to_file
                                              (SeatsWindow      *self,
                                               GFile            *file);

G_END_DECLS
