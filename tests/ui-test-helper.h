/* ui-test-helper.h: the real window against the reference server, for tests
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seats-application.h"
#include "seats-server.h"
#include "seats-test.h"
#include "seats-test-server.h"
#include "seats-window.h"

G_BEGIN_DECLS

typedef struct
{
  char            *dir;
  SeatsTestServer *vendor;
  SeatsSession    *session;
  SeatsSyncEngine *engine;
  SeatsWindow     *window;
} UiFixture;

/* Call once in main() after gtk_test_init(): binds the translations of
 * the build tree and registers the one application of the process. */
void                           ui_test_init            (void);
SeatsApplication              *ui_test_get_application (void);
GPtrArray                     *ui_test_get_notifications (void);
GPtrArray                     *ui_test_serve_portal    (gboolean     allow,
                                                        gboolean     closed);
void                           ui_test_stop_portal     (void);

/* A server with the demo organizations (clock and faults allowed), the
 * account @slug opened with its admin or viewer token, and a window that
 * shows it after its first sync; with the process clock set to @now, or
 * to SEATS_TEST_NOW. */
void                           ui_fixture_set_up       (UiFixture   *fixture,
                                                        const char  *slug,
                                                        gboolean     viewer);
void                           ui_fixture_set_up_at    (UiFixture   *fixture,
                                                        const char  *slug,
                                                        gboolean     viewer,
                                                        const char  *now);
/* The account @slug of a license server elsewhere, at @uri, opened with
 * @token; the process clock is the caller's. */
void                           ui_fixture_set_up_remote (UiFixture  *fixture,
                                                        const char  *uri,
                                                        const char  *slug,
                                                        const char  *token);
/* The account @slug of the demo server as a SCIM account: its SCIM 2.0
 * endpoint, checked as the connect dialog does, with the admin token. */
void                           ui_fixture_set_up_scim  (UiFixture   *fixture,
                                                        const char  *slug);
void                           ui_fixture_tear_down    (UiFixture   *fixture);
gboolean                       ui_fixture_sync         (UiFixture   *fixture);

/* Runs the main loop: until idle, or until @condition holds (FALSE on
 * time-out). */
void                           ui_iterate              (void);
gboolean                       ui_wait_for             (gboolean   (*condition) (gpointer data),
                                                        gpointer     data,
                                                        guint        timeout_ms);
gboolean                       ui_wait_for_sync        (UiFixture   *fixture);

/* Finding what a person sees: mapped widgets only. @text matches a label's
 * text, a button's label or the accessible label; NULL matches any. */
GtkWidget                     *ui_find                 (GtkWidget   *root,
                                                        GType        type,
                                                        const char  *text);
GtkWidget                     *ui_find_by_id           (GtkWidget   *root,
                                                        const char  *buildable_id);
GtkWidget                     *ui_wait_for_widget      (GtkWidget   *root,
                                                        GType        type,
                                                        const char  *text);
gboolean                       ui_shows_text           (GtkWidget   *root,
                                                        const char  *text);
gboolean                       ui_shows_text_containing (GtkWidget  *root,
                                                        const char  *text);
void                           ui_click                (GtkWidget   *button);
GtkWindow                     *ui_find_dialog          (GType        type);
void                           ui_assert_access_keys_unique (GtkWidget *root);

G_END_DECLS
