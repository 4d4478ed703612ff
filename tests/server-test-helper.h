/* server-test-helper.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A seats-server started as a subprocess on a free loopback port, and a
 * session to talk to it over real HTTP. */
typedef struct
{
  GSubprocess *process;
  char        *dir;
  char        *base;
  GHashTable  *admin;
  GHashTable  *viewer;
  SoupSession *session;
} TestServer;

typedef struct
{
  guint     status;
  char     *content_type;
  char     *etag;
  char     *retry_after;
  GBytes   *body;
  JsonNode *json;
  SoupMessageHeaders *headers;
} TestAnswer;

TestServer *test_server_start   (const char * const *extra_args);
void        test_server_stop    (TestServer         *server);
TestAnswer *test_server_request (TestServer         *server,
                                 const char         *method,
                                 const char         *path,
                                 const char         *token,
                                 const char         *body,
                                 ...) G_GNUC_NULL_TERMINATED;
void        test_answer_free    (TestAnswer         *answer);
void        test_server_activate_one_user (TestServer *server,
                                           const char *token);
const char *test_json_string    (JsonNode           *node,
                                 const char         *path);
gint64      test_json_int       (JsonNode           *node,
                                 const char         *path);
JsonNode   *test_json_find      (JsonNode           *node,
                                 const char         *path);

/* A forwarding proxy in front of a server, playing what happens between a
 * client's read and its change: before it forwards a request whose method
 * and path match, it calls @before; it keeps the last problem answer, and
 * can leave out the client's Accept-Language. */
typedef struct _TestProxy TestProxy;

typedef void (*TestProxyFunc) (gpointer user_data);

TestProxy  *test_proxy_new                (const char         *backend);
void        test_proxy_free               (TestProxy          *proxy);
const char *test_proxy_get_uri            (TestProxy          *proxy);
void        test_proxy_set_before         (TestProxy          *proxy,
                                           const char         *method,
                                           const char         *path,
                                           TestProxyFunc       before,
                                           gpointer            user_data);
void        test_proxy_set_forward_language (TestProxy        *proxy,
                                           gboolean            forward);
JsonNode   *test_proxy_get_last_problem   (TestProxy          *proxy);
const char *test_proxy_get_last_language  (TestProxy          *proxy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestAnswer, test_answer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestProxy, test_proxy_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestServer, test_server_stop)

G_END_DECLS
