/* seats-overview-page.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seats-overview.h"

G_BEGIN_DECLS

#define SEATS_TYPE_OVERVIEW_PAGE (seats_overview_page_get_type())

G_DECLARE_FINAL_TYPE (SeatsOverviewPage, seats_overview_page, SEATS, OVERVIEW_PAGE, AdwBin)

void seats_overview_page_set_accounts   (SeatsOverviewPage       *self,
                                         const char * const      *ids);
void seats_overview_page_update_account (SeatsOverviewPage       *self,
                                         const char              *id,
                                         const char              *name,
                                         const SeatsOverviewLine *line,
                                         const char              *state);
void seats_overview_page_set_totals     (SeatsOverviewPage       *self,
                                         GArray                  *totals,
                                         guint                    left_out);

G_END_DECLS
