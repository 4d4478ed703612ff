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

void  seats_overview_page_set_lines     (SeatsOverviewPage        *self,
                                         const char * const       *ids,
                                         const char * const       *names,
                                         const SeatsOverviewLine  *lines,
                                         guint                     n_lines);
char *seats_overview_line_describe      (const SeatsOverviewLine  *line);

G_END_DECLS
