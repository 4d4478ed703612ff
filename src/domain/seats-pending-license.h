/* seats-pending-license.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-types.h"

G_BEGIN_DECLS

#define SEATS_TYPE_PENDING_LICENSE (seats_pending_license_get_type ())

G_DECLARE_FINAL_TYPE (SeatsPendingLicense, seats_pending_license, SEATS, PENDING_LICENSE, GObject)

/*
 * SeatsPendingLicense: a new license published by the vendor, not yet
 * activated (R8, R9): its id, the day it was issued and the day it expires
 * (the last day on which it can be activated), and one SeatsLicenseChange
 * per product whose count it changes.
 */
SeatsPendingLicense *seats_pending_license_new               (void);
const char          *seats_pending_license_get_id            (SeatsPendingLicense *self);
void                 seats_pending_license_set_id            (SeatsPendingLicense *self,
                                                              const char          *id);
guint32              seats_pending_license_get_issued_julian (SeatsPendingLicense *self);
void                 seats_pending_license_set_issued_julian (SeatsPendingLicense *self,
                                                              guint32              issued);
guint32              seats_pending_license_get_expiry_julian (SeatsPendingLicense *self);
void                 seats_pending_license_set_expiry_julian (SeatsPendingLicense *self,
                                                              guint32              expiry);
GListModel          *seats_pending_license_get_changes       (SeatsPendingLicense *self);
void                 seats_pending_license_set_changes       (SeatsPendingLicense  *self,
                                                              SeatsLicenseChange  **changes,
                                                              guint                 n_changes);

G_END_DECLS
