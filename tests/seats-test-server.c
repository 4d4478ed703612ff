/* seats-test-server.c: a seeded reference server on loopback, for tests
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "seats-test.h"
#include "seats-test-server.h"

/**
 * seats_test_server_new:
 * @flags: the test facilities to allow
 *
 * The reference server in this process, with the demo organizations seeded
 * on the process clock's today, listening on a free loopback port. It is
 * served by the test's main context.
 *
 * Returns: (transfer full): the server, for seats_test_server_free()
 */
SeatsTestServer *
seats_test_server_new (SeatsServerFlags flags)
{
  SeatsTestServer *self = g_new0 (SeatsTestServer, 1);
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;

  self->dir = seats_test_make_dir ("server");
  db = g_build_filename (self->dir, "server.db", NULL);
  self->server = seats_server_new (db, flags, &error);
  g_assert_no_error (error);
  seats_server_seed_demo (self->server, &error);
  g_assert_no_error (error);
  self->uri = seats_server_listen (self->server, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  self->organizations = seats_server_get_organizations (self->server);

  return self;
}

/**
 * seats_test_server_find:
 * @slug: a demo organization, such as "demolen"
 *
 * Returns: (transfer none): the organization with its tokens
 */
const SeatsServerOrganization *
seats_test_server_find (SeatsTestServer *self,
                        const char      *slug)
{
  for (guint i = 0; i < self->organizations->len; i++)
    {
      SeatsServerOrganization *organization = g_ptr_array_index (self->organizations, i);

      if (g_str_equal (organization->slug, slug))
        return organization;
    }

  g_error ("There is no demo organization %s", slug);
}

void
seats_test_server_free (SeatsTestServer *self)
{
  if (self == NULL)
    return;

  seats_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->organizations, g_ptr_array_unref);
  g_free (self->uri);
  seats_test_remove_tree (self->dir);
  g_free (self->dir);
  g_free (self);
}
