/* seats-licenses-util.h: small helpers the Licenses page and its dialogs share
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seats-domain.h"
#include "seats-sync-engine.h"

G_BEGIN_DECLS

char    *seats_licenses_format_period  (SeatsSubscription *subscription);
void     seats_licenses_add_toast      (GtkWidget         *widget,
                                        AdwToast          *toast);
void     seats_toast_overlay_show      (AdwToastOverlay   *overlay,
                                        AdwToast          *toast);
char    *seats_licenses_describe_assignment
                                       (SeatsProduct      *module,
                                        const char        *person,
                                        gboolean           assigned);
void     seats_open_address            (GtkWidget         *widget,
                                        const char        *uri);
void     seats_widget_set_tooltip      (GtkWidget         *widget,
                                        const char        *text);
AdwToast *seats_undo_toast_new         (const char        *title,
                                        SeatsSyncEngine   *engine,
                                        SeatsChange       *undo);

G_END_DECLS
