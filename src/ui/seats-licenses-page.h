/* seats-licenses-page.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SEATS_TYPE_LICENSES_PAGE (seats_licenses_page_get_type())

G_DECLARE_FINAL_TYPE (SeatsLicensesPage, seats_licenses_page, SEATS, LICENSES_PAGE, AdwBin)

void       seats_licenses_page_load_license_file  (SeatsLicensesPage *self);
GtkWindow *seats_licenses_page_load_license_bytes (SeatsLicensesPage *self,
                                                   GBytes            *bytes,
                                                   const char        *read_error);

G_END_DECLS
