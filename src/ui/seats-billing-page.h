/* seats-billing-page.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SEATS_TYPE_BILLING_PAGE (seats_billing_page_get_type())

G_DECLARE_FINAL_TYPE (SeatsBillingPage, seats_billing_page, SEATS, BILLING_PAGE, AdwBin)

G_END_DECLS
