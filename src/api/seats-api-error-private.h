/* seats-api-error-private.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "seats-api-error.h"

G_BEGIN_DECLS

void seats_api_problem_read (JsonObject       *object,
                             SeatsApiProblem  *problem,
                             SeatsRuleFigures *figures);

G_END_DECLS
