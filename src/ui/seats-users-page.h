/* seats-users-page.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SEATS_TYPE_USERS_PAGE (seats_users_page_get_type())

G_DECLARE_FINAL_TYPE (SeatsUsersPage, seats_users_page, SEATS, USERS_PAGE, AdwBin)

void  seats_users_page_export_counted (SeatsUsersPage *self);
void  seats_users_page_export_to_file (SeatsUsersPage *self,
                                       GFile          *file);

G_END_DECLS
