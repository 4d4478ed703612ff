/* seats-user-filter.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "seats-domain.h"

G_BEGIN_DECLS

/**
 * SeatsUserCategory:
 * @SEATS_USER_CATEGORY_ALL: every user
 * @SEATS_USER_CATEGORY_COUNTED: the users who hold a license (R1)
 * @SEATS_USER_CATEGORY_INACTIVE: the users who hold none: deactivated, or
 *   past their end date
 * @SEATS_USER_CATEGORY_MODULE: the users who hold a seat of one add-on module
 */
typedef enum
{
  SEATS_USER_CATEGORY_ALL,
  SEATS_USER_CATEGORY_COUNTED,
  SEATS_USER_CATEGORY_INACTIVE,
  SEATS_USER_CATEGORY_MODULE,
} SeatsUserCategory;

#define SEATS_TYPE_USER_FILTER (seats_user_filter_get_type())

G_DECLARE_FINAL_TYPE (SeatsUserFilter, seats_user_filter, SEATS, USER_FILTER, GtkFilter)

SeatsUserFilter   *seats_user_filter_new          (void);
const char        *seats_user_filter_get_search   (SeatsUserFilter   *self);
void               seats_user_filter_set_search   (SeatsUserFilter   *self,
                                                   const char        *search);
SeatsUserCategory  seats_user_filter_get_category (SeatsUserFilter   *self);
const char        *seats_user_filter_get_module   (SeatsUserFilter   *self);
void               seats_user_filter_set_category (SeatsUserFilter   *self,
                                                   SeatsUserCategory  category,
                                                   const char        *module_id);
void               seats_user_filter_set_today    (SeatsUserFilter   *self,
                                                   const GDate       *today);
char              *seats_user_filter_fold         (const char        *text);

G_END_DECLS
