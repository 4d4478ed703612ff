/* seats-test.h: what the test programs share
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The day most tests run on unless they are about another: a Monday in the
 * middle of a billing period, away from midnight in every zone the demo
 * organizations are in, so that nothing a test checks turns while it runs. */
#define SEATS_TEST_NOW "2026-11-16T10:00:00Z"

void           seats_test_set_clock        (const char     *now);
char          *seats_test_clock_text       (void);
char          *seats_test_clock_env        (void);
GDateTime     *seats_test_parse_time       (const char     *text);

char          *seats_test_make_dir         (const char     *name);
void           seats_test_remove_tree      (const char     *path);
char         **seats_test_child_environment (const char    *dir,
                                             const char * const *extra);

void           seats_test_done_cb          (GObject        *object,
                                            GAsyncResult   *result,
                                            gpointer        user_data);
GAsyncResult  *seats_test_wait_for         (GAsyncResult  **result);
gboolean       seats_test_wait_until       (gboolean      (*condition) (gpointer data),
                                            gpointer        data,
                                            guint           timeout_ms);

void           seats_test_print_machine    (void);
char          *seats_test_find_server      (const char     *argv0);
GSubprocess   *seats_test_spawn_seeded_server (const char  *exe,
                                            const char     *dir,
                                            guint           n_users,
                                            char          **uri,
                                            char          **token);
gboolean       seats_test_use_build_schemas (const char    *schema_dir);

typedef struct _SeatsTestSlowServer SeatsTestSlowServer;

SeatsTestSlowServer *seats_test_slow_server_new     (gboolean             headers_only);
const char          *seats_test_slow_server_get_uri (SeatsTestSlowServer *self);
void                 seats_test_slow_server_free    (SeatsTestSlowServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsTestSlowServer, seats_test_slow_server_free)

G_END_DECLS
