/* seats-license-change.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-types.h"

G_BEGIN_DECLS

#define SEATS_TYPE_LICENSE_CHANGE (seats_license_change_get_type ())

G_DECLARE_FINAL_TYPE (SeatsLicenseChange, seats_license_change, SEATS, LICENSE_CHANGE, GObject)

/*
 * SeatsLicenseChange: one product of a pending license (R8): the count
 * it has now, the count the new license gives it and how many are in use.
 */
SeatsLicenseChange *seats_license_change_new               (void);
const char         *seats_license_change_get_product_id    (SeatsLicenseChange *self);
void                seats_license_change_set_product_id    (SeatsLicenseChange *self,
                                                            const char         *product_id);
const char         *seats_license_change_get_product_name  (SeatsLicenseChange *self);
void                seats_license_change_set_product_name  (SeatsLicenseChange *self,
                                                            const char         *product_name);
guint               seats_license_change_get_current_count (SeatsLicenseChange *self);
void                seats_license_change_set_current_count (SeatsLicenseChange *self,
                                                            guint               current_count);
guint               seats_license_change_get_new_count     (SeatsLicenseChange *self);
void                seats_license_change_set_new_count     (SeatsLicenseChange *self,
                                                            guint               new_count);
guint               seats_license_change_get_in_use        (SeatsLicenseChange *self);
void                seats_license_change_set_in_use        (SeatsLicenseChange *self,
                                                            guint               in_use);
gboolean            seats_license_change_is_short          (SeatsLicenseChange *self);

G_END_DECLS
