/* seats-user.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-types.h"

G_BEGIN_DECLS

/**
 * SeatsUserField:
 * @SEATS_USER_FIELD_NONE: none
 * @SEATS_USER_FIELD_NAME: the name
 * @SEATS_USER_FIELD_EMAIL: the e-mail address
 * @SEATS_USER_FIELD_END: the end date
 *
 * Which detail of a user a refusal is about, so that it is said beside it.
 */
typedef enum
{
  SEATS_USER_FIELD_NONE,
  SEATS_USER_FIELD_NAME,
  SEATS_USER_FIELD_EMAIL,
  SEATS_USER_FIELD_END,
} SeatsUserField;

#define SEATS_TYPE_USER (seats_user_get_type ())

G_DECLARE_FINAL_TYPE (SeatsUser, seats_user, SEATS, USER, GObject)

/*
 * SeatsUser: one person of the organization, a SCIM User resource.
 *
 * id is the SCIM id. user-name, display-name and email come from the
 * organization's own source system and are read-only in the interface (R16).
 * A user is active or passive; start-date and end-date are optional calendar
 * dates (end-date is the last day the user holds a seat); created and
 * modified are moments. modules are the ids of the add-on modules assigned
 * to the user (R7). grace-deadline is set when the user is over the seat
 * count under the grace policy (R5, R6): the day they will be deactivated.
 * version is the source's version of the user (SCIM meta.version), opaque
 * text that a change sends back in If-Match; %NULL when it is not known.
 *
 * An organization has up to 100,000 of these in memory, so a user is kept
 * small: dates are Julian day numbers (see seats-types.h), module ids are
 * interned and shared between users, and the GDate accessors fill a date
 * on the caller's stack rather than allocating one.
 */
/**
 * SeatsUserStatus:
 * @SEATS_USER_STATUS_ACTIVE: active; holds a license (R1)
 * @SEATS_USER_STATUS_STARTS: active with a start date ahead; already holds
 *   a license (R1)
 * @SEATS_USER_STATUS_GRACE: active over the count under the grace policy;
 *   deactivated at its deadline unless licenses are bought (R5, R6)
 * @SEATS_USER_STATUS_LEFT: active, but past its end date; holds no license
 * @SEATS_USER_STATUS_INACTIVE: deactivated; holds no license
 *
 * Whether a user holds a license on a day, and why or why not, in the
 * order the Users page sorts them.
 */
typedef enum
{
  SEATS_USER_STATUS_ACTIVE,
  SEATS_USER_STATUS_STARTS,
  SEATS_USER_STATUS_GRACE,
  SEATS_USER_STATUS_LEFT,
  SEATS_USER_STATUS_INACTIVE,
} SeatsUserStatus;

SeatsUser          *seats_user_new                       (void);
const char         *seats_user_get_id                    (SeatsUser *self);
void                seats_user_set_id                    (SeatsUser  *self,
                                                          const char *id);
const char         *seats_user_get_user_name             (SeatsUser *self);
void                seats_user_set_user_name             (SeatsUser  *self,
                                                          const char *user_name);
const char         *seats_user_get_display_name          (SeatsUser *self);
void                seats_user_set_display_name          (SeatsUser  *self,
                                                          const char *display_name);
const char         *seats_user_get_email                 (SeatsUser *self);
void                seats_user_set_email                 (SeatsUser  *self,
                                                          const char *email);
gboolean            seats_user_get_active                (SeatsUser *self);
void                seats_user_set_active                (SeatsUser *self,
                                                          gboolean   active);
guint32             seats_user_get_start_date_julian     (SeatsUser *self);
void                seats_user_set_start_date_julian     (SeatsUser *self,
                                                          guint32    start_date);
guint32             seats_user_get_end_date_julian       (SeatsUser *self);
void                seats_user_set_end_date_julian       (SeatsUser *self,
                                                          guint32    end_date);
gint64              seats_user_get_created               (SeatsUser *self);
void                seats_user_set_created               (SeatsUser *self,
                                                          gint64     created);
gint64              seats_user_get_modified              (SeatsUser *self);
void                seats_user_set_modified              (SeatsUser *self,
                                                          gint64     modified);
guint32             seats_user_get_grace_deadline_julian (SeatsUser *self);
void                seats_user_set_grace_deadline_julian (SeatsUser *self,
                                                          guint32    grace_deadline);
const char         *seats_user_get_version               (SeatsUser *self);
void                seats_user_set_version               (SeatsUser  *self,
                                                          const char *version);
const char * const *seats_user_get_modules               (SeatsUser *self);
void                seats_user_set_modules               (SeatsUser          *self,
                                                          const char * const *modules);
gboolean            seats_user_has_module                (SeatsUser  *self,
                                                          const char *module_id);
gboolean            seats_user_get_start_date            (SeatsUser *self,
                                                          GDate     *date);
gboolean            seats_user_get_end_date              (SeatsUser *self,
                                                          GDate     *date);
gboolean            seats_user_get_grace_deadline        (SeatsUser *self,
                                                          GDate     *date);
SeatsUserStatus     seats_user_get_status                (SeatsUser   *self,
                                                          const GDate *today);
gboolean            seats_user_status_counts             (SeatsUserStatus status);
gboolean            seats_user_counts                    (SeatsUser   *self,
                                                          const GDate *today);
guint               seats_users_count_counted            (GListModel  *users,
                                                          const GDate *today);
const char         *seats_user_get_sort_key              (SeatsUser   *self);
gboolean            seats_user_equal                     (SeatsUser   *a,
                                                          SeatsUser   *b);
GVariant           *seats_user_to_variant                (SeatsUser   *self);
SeatsUser          *seats_user_new_from_variant          (GVariant    *variant);
char               *seats_user_describe_modules          (SeatsUser   *self,
                                                          GListModel  *products,
                                                          const char  *separator);

char           *seats_users_key     (const char     *email,
                                     const char     *user_name,
                                     const char     *name);
char           *seats_user_dup_key  (SeatsUser      *self);
gboolean        seats_user_check    (SeatsUser      *self,
                                     SeatsUserField *field,
                                     GError        **error);

G_END_DECLS
