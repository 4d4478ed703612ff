/* seats-test-server.h: a seeded reference server on loopback, for tests
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seats-server.h"

G_BEGIN_DECLS

typedef struct
{
  char        *dir;
  SeatsServer *server;
  char        *uri;
  GPtrArray   *organizations;
} SeatsTestServer;

SeatsTestServer               *seats_test_server_new  (SeatsServerFlags  flags);
const SeatsServerOrganization *seats_test_server_find (SeatsTestServer  *self,
                                                       const char       *slug);
void                           seats_test_server_free (SeatsTestServer  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsTestServer, seats_test_server_free)

G_END_DECLS
