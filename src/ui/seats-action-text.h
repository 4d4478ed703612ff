/* seats-action-text.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *seats_action_text_describe (const char *action,
                                  const char *subject);
char *seats_action_text_value    (const char *value);
char *seats_action_text_change   (const char *before,
                                  const char *after);

G_END_DECLS
