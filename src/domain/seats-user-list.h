/* seats-user-list.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-user.h"

G_BEGIN_DECLS

#define SEATS_TYPE_USER_LIST (seats_user_list_get_type ())

G_DECLARE_FINAL_TYPE (SeatsUserList, seats_user_list, SEATS, USER_LIST, GObject)

SeatsUserList *seats_user_list_new           (void);
void           seats_user_list_append        (SeatsUserList  *self,
                                              SeatsUser      *user);
void           seats_user_list_splice        (SeatsUserList  *self,
                                              guint           position,
                                              guint           n_removals,
                                              SeatsUser     **additions,
                                              guint           n_additions);
void           seats_user_list_remove        (SeatsUserList  *self,
                                              guint           position);
void           seats_user_list_remove_all    (SeatsUserList  *self);
void           seats_user_list_replace       (SeatsUserList  *self,
                                              SeatsUser     **users,
                                              guint           n_users);
void           seats_user_list_update        (SeatsUserList  *self,
                                              SeatsUserList  *other);
GPtrArray     *seats_user_list_take_unshared (SeatsUserList  *self,
                                              SeatsUserList  *other);

G_END_DECLS
