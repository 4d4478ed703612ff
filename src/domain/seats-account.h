/* seats-account.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-domain-enums.h"
#include "seats-types.h"

G_BEGIN_DECLS

#define SEATS_TYPE_ACCOUNT (seats_account_get_type ())

G_DECLARE_FINAL_TYPE (SeatsAccount, seats_account, SEATS, ACCOUNT, GObject)

/*
 * SeatsAccount: the organization an account is bound to, as the server
 * describes it.
 *
 * id is the organization's stable id (it names the local copy), slug its
 * short name in addresses. role is the role of the token (R15); policy the
 * vendor's policy for this subscription and never %NULL. A trial (R18) ends
 * before trial-end; serial-number and license-owner are set once it has been
 * converted. shop-url is the vendor's web shop (R19), %NULL when there is
 * none; currency the ISO 4217 code of its prices; vendor-public-key the
 * base64 text of the Ed25519 key that signs license files (R9).
 * upstream-system is the name of the organization's own source system that
 * the names and e-mail addresses of its users come from (R16), such as
 * "AFAS Profit"; %NULL when the server does not say. source says what the
 * account's data comes from: a license server, or a SCIM service that gives
 * users and not what was bought.
 */
SeatsAccount *seats_account_new                   (void);
const char   *seats_account_get_id                (SeatsAccount *self);
void          seats_account_set_id                (SeatsAccount *self,
                                                   const char   *id);
const char   *seats_account_get_slug              (SeatsAccount *self);
void          seats_account_set_slug              (SeatsAccount *self,
                                                   const char   *slug);
const char   *seats_account_get_name              (SeatsAccount *self);
void          seats_account_set_name              (SeatsAccount *self,
                                                   const char   *name);
SeatsRole     seats_account_get_role              (SeatsAccount *self);
void          seats_account_set_role              (SeatsAccount *self,
                                                   SeatsRole     role);
gboolean      seats_account_get_is_trial          (SeatsAccount *self);
void          seats_account_set_is_trial          (SeatsAccount *self,
                                                   gboolean      is_trial);
guint32       seats_account_get_trial_end_julian  (SeatsAccount *self);
void          seats_account_set_trial_end_julian  (SeatsAccount *self,
                                                   guint32       trial_end);
const char   *seats_account_get_serial_number     (SeatsAccount *self);
void          seats_account_set_serial_number     (SeatsAccount *self,
                                                   const char   *serial_number);
const char   *seats_account_get_license_owner     (SeatsAccount *self);
void          seats_account_set_license_owner     (SeatsAccount *self,
                                                   const char   *license_owner);
const char   *seats_account_get_shop_url          (SeatsAccount *self);
void          seats_account_set_shop_url          (SeatsAccount *self,
                                                   const char   *shop_url);
const char   *seats_account_get_currency          (SeatsAccount *self);
void          seats_account_set_currency          (SeatsAccount *self,
                                                   const char   *currency);
const char   *seats_account_get_vendor_public_key (SeatsAccount *self);
void          seats_account_set_vendor_public_key (SeatsAccount *self,
                                                   const char   *vendor_public_key);
const char   *seats_account_get_upstream_system   (SeatsAccount *self);
void          seats_account_set_upstream_system   (SeatsAccount *self,
                                                   const char   *upstream_system);
const char   *seats_account_get_time_zone         (SeatsAccount *self);
void          seats_account_set_time_zone         (SeatsAccount *self,
                                                   const char   *time_zone);
SeatsAccountSource seats_account_get_source      (SeatsAccount *self);
void          seats_account_set_source            (SeatsAccount       *self,
                                                   SeatsAccountSource  source);
SeatsPolicy  *seats_account_get_policy            (SeatsAccount *self);
void          seats_account_set_policy            (SeatsAccount *self,
                                                   SeatsPolicy  *policy);
int           seats_account_get_trial_days_left   (SeatsAccount *self,
                                                   guint32       today_julian);

G_END_DECLS
