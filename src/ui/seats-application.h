/* seats-application.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SEATS_TYPE_APPLICATION (seats_application_get_type())

G_DECLARE_FINAL_TYPE (SeatsApplication, seats_application, SEATS, APPLICATION, AdwApplication)

SeatsApplication *seats_application_new (void);

G_END_DECLS
