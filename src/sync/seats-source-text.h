/* seats-source-text.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seats-sync-engine.h"

G_BEGIN_DECLS

const char *seats_source_text_kind     (SeatsAccountSource  source);
char       *seats_source_text_licenses (SeatsSyncEngine    *engine);
const char *seats_source_text_billing  (void);

G_END_DECLS
