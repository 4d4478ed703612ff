/* seats-license-server-source.c: a Seats license server, the full API
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-api"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-api-decode.h"
#include "seats-api-error.h"
#include "seats-api-request-private.h"
#include "seats-license-server-source.h"

/* A SCIM page of this many users is about half a megabyte. */
#define USERS_PAGE_SIZE         1000
/* Pages asked for at once in a full pull: the server prepares one while
 * the client decodes another. */
#define USERS_PAGES_IN_FLIGHT   3
#define LIST_LIMIT              500
/* Ten times the organization Seats is built for, and pages enough for it
 * at a hundred users each: totals beyond these are not believed. */
#define MAX_USERS               1000000
#define MAX_USER_PAGES          10000
/* A full pull during which the users changed is read again, this often. */
#define MAX_SNAPSHOT_ATTEMPTS   3

struct _SeatsLicenseServerSource
{
  GObject      parent_instance;

  SeatsClient *client;
  guint        request_count;
};

static void source_iface_init (SeatsSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SeatsLicenseServerSource, seats_license_server_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SEATS_TYPE_SOURCE, source_iface_init))

/* One pull: what was fetched so far, returned only when all of it came. */
typedef struct
{
  gboolean             full;
  gboolean             is_admin;
  SeatsPull           *result;
  SeatsRevision        revision;
  char                *known_etag;
  char                *revision_etag;
  guint                users_fetched;
  guint                users_total;
  /* Users changed after cursor_since are fetched; cursor is where the
   * next delta starts: the server's time when this pull began. */
  gint64               cursor_since;
  gint64               cursor;
  /* Which of admin_lists is being fetched. */
  guint                admin_list;
  /* A full pull, once the first page said how many users there are: the
   * pages decoded out of order wait here until those before them came. */
  GPtrArray           *pages;
  guint                pages_total;
  guint                pages_requested;
  guint                pages_added;
  guint                pages_in_flight;
  /* The users a page holds, as the first page of a full pull had them. */
  guint                page_size;
  /* A page of a full pull counted a different total: the users moved. */
  gboolean             moved;
  /* A page of a full pull held another number of users than it should have. */
  gboolean             short_page;
  guint                snapshot_attempts;
  gboolean             failed;
} Pull;

static void pull_fetch_users (GTask *task);

static void
pull_free (gpointer data)
{
  Pull *pull = data;

  g_clear_pointer (&pull->result, seats_pull_free);
  g_clear_pointer (&pull->pages, g_ptr_array_unref);
  g_free (pull->known_etag);
  g_free (pull->revision_etag);
  g_free (pull);
}

static SeatsSnapshot *
pull_next (Pull *pull)
{
  return &pull->result->snapshot;
}

static void
pull_failed (GTask  *task,
             GError *error)
{
  Pull *pull = g_task_get_task_data (task);

  /* Pages still in flight see this and drop what they bring. */
  pull->failed = TRUE;
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Everything came: the pull is what the source gave. */
static void
pull_done (GTask *task)
{
  Pull *pull = g_task_get_task_data (task);
  SeatsSyncState *sync = &pull_next (pull)->sync;

  g_hash_table_replace (sync->etags, g_strdup (SEATS_ETAG_REVISION), g_strdup (pull->revision_etag));
  sync->delta_cursor = pull->cursor;

  seats_source_report_progress (g_task_get_source_object (task), 1.0);
  g_task_return_pointer (task, g_steal_pointer (&pull->result), (GDestroyNotify) seats_pull_free);
  g_object_unref (task);
}

typedef void (*PullStep) (GTask         *task,
                          SeatsResponse *response);

typedef struct
{
  GTask    *task;
  PullStep  handle;
  gboolean  not_found_is_empty;
} PullGet;

static void
pull_get_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autofree PullGet *get = user_data;
  g_autoptr(SeatsResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = seats_client_send_finish (SEATS_CLIENT (object), result, NULL, &error);
  if (response == NULL)
    {
      /* A resource that may be absent, such as the pending license. */
      if (get->not_found_is_empty &&
          g_error_matches (error, SEATS_API_ERROR, SEATS_API_ERROR_NOT_FOUND))
        {
          get->handle (get->task, NULL);
          return;
        }

      pull_failed (get->task, g_steal_pointer (&error));
      return;
    }

  get->handle (get->task, response);
}

static void
pull_get (GTask       *task,
          const char  *path,
          const char  *if_none_match,
          gboolean     not_found_is_empty,
          PullStep     handle)
{
  SeatsLicenseServerSource *self = g_task_get_source_object (task);
  PullGet *get = g_new0 (PullGet, 1);

  get->task = task;
  get->handle = handle;
  get->not_found_is_empty = not_found_is_empty;

  self->request_count++;

  seats_client_send_async (self->client, "GET", path, NULL, NULL, if_none_match, NULL,
                           g_task_get_cancellable (task), pull_get_cb, get);
}

static gboolean
pull_check (GTask   *task,
            gpointer decoded,
            GError  *error)
{
  if (decoded == NULL)
    {
      pull_failed (task, error);
      return FALSE;
    }

  return TRUE;
}

static void pull_request_pages (GTask *task);

static void pull_revision_cb (GTask         *task,
                              SeatsResponse *response);

static SeatsPull *
new_result (gboolean full)
{
  SeatsPull *result = seats_pull_new (full ? SEATS_PULL_FULL : SEATS_PULL_DELTA);

  /* The license server has every part of an account; a viewer's billing
   * and lists come empty (R15). */
  result->parts = SEATS_PULL_PARTS_ALL;

  return result;
}

/* Everything is read again, from the server's revision on: what was read
 * before it moved is not kept, so that the local copy is one state of the
 * server, never parts of two. */
static void
pull_restart (GTask *task)
{
  Pull *pull = g_task_get_task_data (task);

  g_clear_pointer (&pull->result, seats_pull_free);
  pull->result = new_result (pull->full);
  g_clear_pointer (&pull->pages, g_ptr_array_unref);
  g_clear_pointer (&pull->revision_etag, g_free);
  pull->pages_total = pull->pages_requested = pull->pages_added = pull->pages_in_flight = 0;
  pull->users_total = pull->users_fetched = pull->page_size = 0;
  pull->admin_list = 0;
  pull->moved = pull->short_page = FALSE;

  pull_get (task, "api/v1/sync", NULL, FALSE, pull_revision_cb);
}

static void
pull_snapshot_moved (GTask *task)
{
  Pull *pull = g_task_get_task_data (task);

  if (++pull->snapshot_attempts >= MAX_SNAPSHOT_ATTEMPTS)
    {
      pull_failed (task, g_error_new (SEATS_API_ERROR, SEATS_API_ERROR_SERVER,
                                      ngettext ("The users changed on the license server while Seats "
                                                "read them, %u time in a row. Nothing was changed; "
                                                "Seats will try again later.",
                                                "The users changed on the license server while Seats "
                                                "read them, %u times in a row. Nothing was changed; "
                                                "Seats will try again later.",
                                                pull->snapshot_attempts),
                                      pull->snapshot_attempts));
      return;
    }

  g_debug ("The users changed during a full sync; reading everything again");
  seats_source_report_progress (g_task_get_source_object (task), 0.05);
  pull_restart (task);
}

/* A full pull is a snapshot: every user once, as many as the server
 * counted, and no change on the server while they were read. Otherwise
 * people who left while the pages were read would have shifted others out
 * of them, and those would be missing until the next reconcile. */
static void
pull_verified_cb (GTask         *task,
                  SeatsResponse *response)
{
  Pull *pull = g_task_get_task_data (task);
  GListModel *users = G_LIST_MODEL (pull_next (pull)->users);
  guint n_users = g_list_model_get_n_items (users);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  SeatsRevision now = { 0, };

  if (!seats_api_decode_revision (response->root, &now, &error))
    {
      pull_failed (task, g_steal_pointer (&error));
      return;
    }

  if (now.revision != pull->revision.revision)
    {
      pull_snapshot_moved (task);
      return;
    }

  for (guint i = 0; i < n_users; i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      g_hash_table_add (ids, (gpointer) seats_user_get_id (user));
    }

  if (pull->short_page || n_users != pull->users_total || g_hash_table_size (ids) != n_users)
    {
      pull_failed (task, g_error_new (SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED,
                                      ngettext ("The license server counted %u user and sent %u "
                                                "different ones. Nothing was changed; try again "
                                                "later or contact the vendor.",
                                                "The license server counted %u users and sent %u "
                                                "different ones. Nothing was changed; try again "
                                                "later or contact the vendor.",
                                                pull->users_total),
                                      pull->users_total, g_hash_table_size (ids)));
      return;
    }

  pull_done (task);
}

static void
pull_verify_snapshot (GTask *task)
{
  Pull *pull = g_task_get_task_data (task);

  if (pull->moved)
    pull_snapshot_moved (task);
  else
    pull_get (task, "api/v1/sync", NULL, FALSE, pull_verified_cb);
}

static void
report_users (GTask *task)
{
  Pull *pull = g_task_get_task_data (task);

  if (pull->users_total > 0)
    seats_source_report_progress (g_task_get_source_object (task),
                                  0.2 + 0.75 * MIN (pull->users_fetched, pull->users_total) /
                                  pull->users_total);
}

/* Adds the pages that are next in order. */
static void
pull_add_pages (GTask *task)
{
  Pull *pull = g_task_get_task_data (task);
  SeatsUserList *users = pull_next (pull)->users;

  while (pull->pages_added < pull->pages_total &&
         g_ptr_array_index (pull->pages, pull->pages_added) != NULL)
    {
      SeatsUserPage *page = g_ptr_array_index (pull->pages, pull->pages_added);

      seats_user_list_splice (users, g_list_model_get_n_items (G_LIST_MODEL (users)),
                              0, (SeatsUser **) page->users->pdata, page->users->len);
      pull->users_fetched += page->users->len;
      g_clear_pointer (&g_ptr_array_index (pull->pages, pull->pages_added), seats_user_page_free);
      pull->pages_added++;
    }

  report_users (task);
}

typedef struct
{
  GTask *task;
  guint  index;
} PageGet;

static void
pull_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autofree PageGet *get = user_data;
  g_autoptr(GTask) task = get->task;
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(SeatsResponse) response = NULL;
  SeatsUserPage *page;
  GError *error = NULL;

  pull->pages_in_flight--;
  response = seats_client_send_finish (SEATS_CLIENT (object), result, NULL, &error);
  if (pull->failed)
    {
      g_clear_error (&error);
      return;
    }

  if (response == NULL)
    {
      pull_failed (g_object_ref (task), error);
      return;
    }

  page = g_steal_pointer (&response->decoded);

  /* Counted from the first page: users added since come with the next
   * delta, as their change is after this pull's cursor. A page that counts
   * another total means people came or went while the pages were read,
   * and the pages after them shifted. */
  if (page->total != pull->users_total)
    pull->moved = TRUE;
  if (page->users->len != (get->index + 1 == pull->pages_total
                           ? pull->users_total - get->index * pull->page_size
                           : pull->page_size))
    pull->short_page = TRUE;
  g_ptr_array_index (pull->pages, get->index) = page;
  pull_add_pages (task);

  /* Something is off: no more pages, and once those in flight are in, the
   * server is asked whether anything changed meanwhile. */
  if (pull->moved || pull->short_page)
    {
      if (pull->pages_in_flight == 0)
        pull_verify_snapshot (g_object_ref (task));
      return;
    }

  if (pull->pages_added == pull->pages_total)
    pull_verify_snapshot (g_object_ref (task));
  else
    pull_request_pages (task);
}

static void
pull_request_pages (GTask *task)
{
  SeatsLicenseServerSource *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);

  while (pull->pages_in_flight < USERS_PAGES_IN_FLIGHT && pull->pages_requested < pull->pages_total)
    {
      PageGet *get = g_new0 (PageGet, 1);
      g_autofree char *path = g_strdup_printf ("scim/v2/Users?startIndex=%u&count=%u",
                                               pull->pages_requested * pull->page_size + 1,
                                               pull->page_size);

      get->task = g_object_ref (task);
      get->index = pull->pages_requested++;
      pull->pages_in_flight++;
      self->request_count++;

      seats_client_get_decoded_async (self->client, path,
                                      (SeatsDecodeFunc) seats_api_decode_user_page,
                                      (GDestroyNotify) seats_user_page_free,
                                      g_task_get_cancellable (task), pull_page_cb, get);
    }
}

static void
pull_users_cb (GTask         *task,
               SeatsResponse *response)
{
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(SeatsUserPage) page = NULL;
  SeatsUserList *users = pull_next (pull)->users;
  GError *error = NULL;

  page = seats_api_decode_user_page (response->root, &error);
  if (!pull_check (task, page, error))
    return;

  if (page->total > MAX_USERS)
    {
      pull_failed (task, g_error_new (SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED,
                                      _("The license server says the organization has %u users; "
                                        "Seats reads at most %u. Nothing was changed; contact the "
                                        "vendor."),
                                      page->total, MAX_USERS));
      return;
    }

  if (pull->users_fetched > 0 && page->total != pull->users_total)
    pull->moved = TRUE;

  /* The first page of a full pull says how many there are: ask for the
   * others, a few at a time, rather than one after the other, each as many
   * as the server gave on the first page. */
  if (pull->pages == NULL && pull->users_fetched == 0 &&
      page->users->len > 0 && page->users->len < page->total)
    {
      pull->page_size = page->users->len;
      if ((page->total + pull->page_size - 1) / pull->page_size > MAX_USER_PAGES)
        {
          pull_failed (task, g_error_new (SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED,
                                          _("The license server would send its %u users %u at a "
                                            "time, in more pages than Seats reads. Nothing was "
                                            "changed; contact the vendor."),
                                          page->total, pull->page_size));
          return;
        }
      pull->users_total = page->total;
      pull->pages_total = (page->total + pull->page_size - 1) / pull->page_size;
      pull->pages = g_ptr_array_new_full (pull->pages_total, (GDestroyNotify) seats_user_page_free);
      g_ptr_array_set_size (pull->pages, pull->pages_total);
      g_ptr_array_index (pull->pages, 0) = g_steal_pointer (&page);
      pull->pages_requested = 1;
      pull_add_pages (task);
      /* The pages hold the task from here; this step's hold ends. */
      pull_request_pages (task);
      g_object_unref (task);
      return;
    }

  seats_user_list_splice (users, g_list_model_get_n_items (G_LIST_MODEL (users)),
                          0, (SeatsUser **) page->users->pdata, page->users->len);

  pull->users_fetched += page->users->len;
  pull->users_total = page->total;
  report_users (task);

  if (page->users->len > 0 && pull->users_fetched < page->total)
    {
      pull_fetch_users (task);
      return;
    }

  pull_verify_snapshot (task);
}

static void
pull_fetch_users (GTask *task)
{
  Pull *pull = g_task_get_task_data (task);
  g_autofree char *path = g_strdup_printf ("scim/v2/Users?startIndex=%u&count=%u",
                                           pull->users_fetched + 1, USERS_PAGE_SIZE);

  pull_get (task, path, NULL, FALSE, pull_users_cb);
}

static void
pull_start_users (GTask *task)
{
  Pull *pull = g_task_get_task_data (task);

  pull->users_fetched = 0;
  pull_fetch_users (task);
}

/* Orders, invoices and the action log, seen by administrators only (R15),
 * fetched one after the other into the lists of the pull. */
typedef GPtrArray *(*DecodeListFunc) (JsonNode  *root,
                                      GError   **error);

static const struct {
  const char     *path;
  DecodeListFunc  decode;
  gsize           offset;
} admin_lists[] = {
  { "api/v1/orders", seats_api_decode_orders, G_STRUCT_OFFSET (SeatsSnapshot, orders) },
  { "api/v1/invoices", seats_api_decode_invoices, G_STRUCT_OFFSET (SeatsSnapshot, invoices) },
  { "api/v1/actions", seats_api_decode_actions, G_STRUCT_OFFSET (SeatsSnapshot, actions) },
};

static void pull_admin_list_cb (GTask         *task,
                                SeatsResponse *response);

static void
fill_list (GListStore *store,
           GPtrArray  *items)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

static void
pull_next_admin_list (GTask *task)
{
  Pull *pull = g_task_get_task_data (task);
  g_autofree char *path = NULL;

  if (pull->admin_list >= G_N_ELEMENTS (admin_lists))
    {
      pull_start_users (task);
      return;
    }

  path = g_strdup_printf ("%s?limit=%u", admin_lists[pull->admin_list].path, LIST_LIMIT);
  pull_get (task, path, NULL, FALSE, pull_admin_list_cb);
}

static void
pull_admin_list_cb (GTask         *task,
                    SeatsResponse *response)
{
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(GPtrArray) items = NULL;
  GError *error = NULL;

  items = admin_lists[pull->admin_list].decode (response->root, &error);
  if (!pull_check (task, items, error))
    return;

  fill_list (G_STRUCT_MEMBER (GListStore *, pull_next (pull), admin_lists[pull->admin_list].offset),
             items);

  pull->admin_list++;
  pull_next_admin_list (task);
}

static void
pull_billing_cb (GTask         *task,
                 SeatsResponse *response)
{
  Pull *pull = g_task_get_task_data (task);
  SeatsSnapshot *next = pull_next (pull);
  GError *error = NULL;

  next->billing_details = seats_api_decode_billing (response->root, next->sync.etags, &error);
  if (!pull_check (task, next->billing_details, error))
    return;

  pull->admin_list = 0;
  pull_next_admin_list (task);
}

static void
pull_pending_cb (GTask         *task,
                 SeatsResponse *response)
{
  Pull *pull = g_task_get_task_data (task);
  SeatsSnapshot *next = pull_next (pull);
  GError *error = NULL;

  if (response != NULL)
    {
      next->pending_license = seats_api_decode_pending (response->root, next->sync.etags, &error);
      if (!pull_check (task, next->pending_license, error))
        return;
    }

  if (pull->is_admin)
    pull_get (task, "api/v1/billing", NULL, FALSE, pull_billing_cb);
  else
    pull_start_users (task);
}

static void
pull_history_cb (GTask         *task,
                 SeatsResponse *response)
{
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(GPtrArray) history = NULL;
  GError *error = NULL;

  history = seats_api_decode_history (response->root, &error);
  if (!pull_check (task, history, error))
    return;

  fill_list (pull_next (pull)->history, history);
  pull_get (task, "api/v1/license/pending", NULL, TRUE, pull_pending_cb);
}

static void
pull_features_cb (GTask         *task,
                  SeatsResponse *response)
{
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(GPtrArray) features = NULL;
  GError *error = NULL;

  features = seats_api_decode_features (response->root, pull_next (pull)->sync.etags, &error);
  if (!pull_check (task, features, error))
    return;

  fill_list (pull_next (pull)->features, features);
  pull_get (task, "api/v1/subscription/history", NULL, FALSE, pull_history_cb);
}

static void
pull_subscription_cb (GTask         *task,
                      SeatsResponse *response)
{
  Pull *pull = g_task_get_task_data (task);
  SeatsSnapshot *next = pull_next (pull);
  g_autoptr(GPtrArray) products = NULL;
  GError *error = NULL;

  next->subscription = seats_api_decode_subscription (response->root, &products, next->sync.etags,
                                                      &error);
  if (!pull_check (task, next->subscription, error))
    return;

  fill_list (next->products, products);
  seats_source_report_progress (g_task_get_source_object (task), 0.1);
  pull_get (task, "api/v1/features", NULL, FALSE, pull_features_cb);
}

static void
pull_account_cb (GTask         *task,
                 SeatsResponse *response)
{
  Pull *pull = g_task_get_task_data (task);
  SeatsSnapshot *next = pull_next (pull);
  GError *error = NULL;

  next->account = seats_api_decode_account (response->root, &error);
  if (!pull_check (task, next->account, error))
    return;

  pull->is_admin = seats_account_get_role (next->account) == SEATS_ROLE_ADMIN;
  pull_get (task, "api/v1/subscription", NULL, FALSE, pull_subscription_cb);
}

static void
pull_delta_cb (GTask         *task,
               SeatsResponse *response)
{
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean users_more = FALSE;

  if (!seats_api_decode_delta (response->root, pull->result, &users_more, &error))
    {
      pull_failed (task, g_steal_pointer (&error));
      return;
    }

  /* More people changed than a delta carries: everyone is read again. */
  if (users_more)
    {
      pull->full = TRUE;
      pull_restart (task);
      return;
    }

  g_free (pull->revision_etag);
  pull->revision_etag = g_strdup (response->etag);
  pull->cursor = pull->result->snapshot.sync.delta_cursor;
  pull_done (task);
}

/* What changed since the cursor, in one request. */
static void
pull_get_delta (GTask *task)
{
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(GDateTime) since = g_date_time_new_from_unix_utc (pull->cursor_since);
  g_autofree char *iso = g_date_time_format_iso8601 (since);
  g_autofree char *escaped = g_uri_escape_string (iso, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("api/v1/delta?since=%s", escaped);

  pull_get (task, path, NULL, FALSE, pull_delta_cb);
}

static void
pull_revision_cb (GTask         *task,
                  SeatsResponse *response)
{
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* Nothing changed since the last pull: one small request, done. */
  if (response->status == 304 && !pull->full)
    {
      g_clear_pointer (&pull->result, seats_pull_free);
      pull->result = seats_pull_new (SEATS_PULL_UNCHANGED);
      pull->result->snapshot.sync.delta_cursor = pull->cursor_since;
      seats_source_report_progress (g_task_get_source_object (task), 1.0);
      g_task_return_pointer (task, g_steal_pointer (&pull->result), (GDestroyNotify) seats_pull_free);
      g_object_unref (task);
      return;
    }

  if (response->status == 304 || !seats_api_decode_revision (response->root, &pull->revision, &error))
    {
      if (error == NULL)
        {
          /* A full pull asked without If-None-Match: a 304 is wrong. */
          error = g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED,
                                       _("The license server sent an answer Seats cannot read."));
        }
      pull_failed (task, g_steal_pointer (&error));
      return;
    }

  pull->revision_etag = g_strdup (response->etag);
  pull->cursor = pull->revision.now;

  seats_source_report_progress (g_task_get_source_object (task), 0.05);
  if (pull->full)
    pull_get (task, "api/v1/account", NULL, FALSE, pull_account_cb);
  else
    pull_get_delta (task);
}

/* Starts a pull; the task holds one reference for the step under way,
 * which the last step gives up when it returns. */
static void
pull_begin (SeatsLicenseServerSource *self,
            GTask                    *task,
            const SeatsSnapshot      *known,
            gboolean                  full,
            gboolean                  delta_only)
{
  Pull *pull = g_new0 (Pull, 1);

  pull->full = full || known->sync.delta_cursor == 0;
  pull->result = new_result (pull->full);
  pull->cursor_since = known->sync.delta_cursor;
  if (!pull->full)
    pull->known_etag = g_strdup (g_hash_table_lookup (known->sync.etags, SEATS_ETAG_REVISION));
  g_task_set_task_data (task, pull, pull_free);

  /* After a change the account has changed: the delta alone is asked. */
  if (delta_only && !pull->full)
    pull_get_delta (task);
  else
    pull_get (task, "api/v1/sync", pull->known_etag, FALSE, pull_revision_cb);
}

static void
seats_license_server_source_pull_async (SeatsSource         *source,
                                        const SeatsSnapshot *known,
                                        gboolean             full,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  SeatsLicenseServerSource *self = SEATS_LICENSE_SERVER_SOURCE (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, seats_license_server_source_pull_async);
  pull_begin (self, task, known, full, FALSE);
}

static SeatsPull *
seats_license_server_source_pull_finish (SeatsSource   *source,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Sending a change: its requests, one after the other, then one delta. */

typedef struct
{
  SeatsChange *change;
  GPtrArray   *requests;
  char        *idempotency_key;
  guint        next;
  guint        n_done;
  /* An answer's ETag, for the next request about the same product. */
  char        *etag;
  GError      *refusal;
  SeatsSnapshot *known;
} Send;

static void
send_free (gpointer data)
{
  Send *send = data;

  g_clear_pointer (&send->change, seats_change_unref);
  g_clear_pointer (&send->requests, g_ptr_array_unref);
  g_free (send->idempotency_key);
  g_free (send->etag);
  g_clear_error (&send->refusal);
  if (send->known != NULL)
    {
      seats_snapshot_clear (send->known);
      g_free (send->known);
    }
  g_free (send);
}

static void send_next (GTask *task);

static void
send_pulled_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Send *send = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SeatsPull *pull;

  pull = g_task_propagate_pointer (G_TASK (result), &error);
  if (pull == NULL)
    {
      /* The change is made; the local copy catches up with the next sync. */
      g_debug ("The delta after a change failed: %s", error->message);
      pull = seats_pull_new (SEATS_PULL_UNCHANGED);
      pull->snapshot.sync.delta_cursor = send->known->sync.delta_cursor;
    }

  if (send->refusal != NULL)
    {
      /* Part of a selection was made: what it did is applied, and the
       * refusal is said. */
      pull->refusal = g_steal_pointer (&send->refusal);
    }

  g_task_return_pointer (task, pull, (GDestroyNotify) seats_pull_free);
}

/* The operations of a Bulk request. */
static guint
count_operations (SeatsApiRequest *request)
{
  JsonNode *body = seats_api_request_get_body (request);
  JsonNode *operations;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return 0;

  operations = json_object_get_member (json_node_get_object (body), "Operations");
  return operations != NULL && JSON_NODE_HOLDS_ARRAY (operations)
         ? json_array_get_length (json_node_get_array (operations)) : 0;
}

static void
send_request_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Send *send = g_task_get_task_data (task);
  SeatsApiRequest *request = g_ptr_array_index (send->requests, send->next - 1);
  g_autoptr(SeatsResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = seats_client_send_finish (SEATS_CLIENT (object), result, NULL, &error);
  if (response == NULL)
    {
      /* Unreachable: nothing more is sent; the outbox tries again with
       * the same key, and what was made already is made once. */
      if (seats_api_error_is_transient (error) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          send->n_done == 0)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      send->refusal = g_steal_pointer (&error);
      send->next = send->requests->len;
    }
  else if (g_str_has_suffix (seats_api_request_get_path (request), "/Bulk"))
    {
      guint made = 0;
      GError *refusal;

      /* A Bulk answers each operation: some may be refused. */
      refusal = seats_api_decode_bulk (response->root, SEATS_API_PEER_LICENSE_SERVER,
                                       count_operations (request), &made, &error);
      if (error != NULL)
        refusal = g_steal_pointer (&error);
      send->n_done += made;
      if (refusal != NULL && send->refusal == NULL)
        send->refusal = refusal;
      else if (refusal != NULL)
        g_error_free (refusal);
    }
  else
    {
      send->n_done++;
      g_free (send->etag);
      send->etag = g_strdup (response->etag);
    }

  send_next (g_steal_pointer (&task));
}

static void
send_next (GTask *task)
{
  SeatsLicenseServerSource *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);
  SeatsApiRequest *request;
  g_autofree char *key = NULL;
  const char *if_match;

  if (send->next >= send->requests->len && send->n_done == 0 && send->refusal != NULL)
    {
      /* Nothing was made: the refusal, and nothing to catch up with. */
      g_task_return_error (task, g_steal_pointer (&send->refusal));
      g_object_unref (task);
      return;
    }

  if (send->next >= send->requests->len)
    {
      GTask *pull_task = g_task_new (self, g_task_get_cancellable (task), send_pulled_cb, task);

      /* One delta: the answer to the change as the local copy takes it. */
      pull_begin (self, pull_task, send->known, FALSE, TRUE);
      return;
    }

  request = g_ptr_array_index (send->requests, send->next);
  /* Each request of a change its own key, the same on every attempt. */
  key = send->requests->len == 1 ? g_strdup (send->idempotency_key)
                                 : g_strdup_printf ("%s.%u", send->idempotency_key, send->next);
  /* The requests of one module go one after the other: each is made
   * against the product as the one before left it. */
  if_match = send->next > 0 && send->etag != NULL &&
             seats_change_get_kind (send->change) == SEATS_CHANGE_MODULE
             ? send->etag : seats_api_request_get_if_match (request);
  send->next++;
  self->request_count++;

  seats_client_send_async (self->client,
                           seats_api_request_get_method (request),
                           seats_api_request_get_path (request),
                           seats_api_request_get_body (request),
                           if_match, NULL,
                           seats_api_request_needs_key (request) ? key : NULL,
                           g_task_get_cancellable (task), send_request_cb, task);
}

static SeatsSnapshot *
copy_sync_state (const SeatsSnapshot *known)
{
  SeatsSnapshot *copy = g_new0 (SeatsSnapshot, 1);
  GHashTableIter iter;
  gpointer key, value;

  seats_snapshot_init (copy);
  copy->sync.delta_cursor = known->sync.delta_cursor;
  g_hash_table_iter_init (&iter, known->sync.etags);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->sync.etags, g_strdup (key), g_strdup (value));

  return copy;
}

static void
seats_license_server_source_send_async (SeatsSource         *source,
                                        SeatsChange         *change,
                                        const char          *idempotency_key,
                                        const SeatsSnapshot *known,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  SeatsLicenseServerSource *self = SEATS_LICENSE_SERVER_SOURCE (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;
  Send *send;

  g_task_set_source_tag (task, seats_license_server_source_send_async);

  send = g_new0 (Send, 1);
  send->change = seats_change_ref (change);
  send->idempotency_key = g_strdup (idempotency_key);
  send->known = copy_sync_state (known);
  g_task_set_task_data (task, send, send_free);

  send->requests = seats_api_requests_for_change (change, &error);
  if (send->requests == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  send_next (task);
}

static SeatsPull *
seats_license_server_source_send_finish (SeatsSource   *source,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
seats_license_server_source_supports (SeatsSource     *source,
                                      SeatsChangeKind  kind)
{
  /* The full API: every kind of change but the terms, users and orders kept by
   * hand, which the server keeps itself. */
  return kind != SEATS_CHANGE_TERMS && kind != SEATS_CHANGE_USERS_PUT &&
         kind != SEATS_CHANGE_ORDERS_PUT;
}

static guint
seats_license_server_source_get_request_count (SeatsSource *source)
{
  return SEATS_LICENSE_SERVER_SOURCE (source)->request_count;
}

static gboolean
seats_license_server_source_has_secret (SeatsSource  *source,
                                        GError      **error)
{
  return seats_client_has_token (SEATS_LICENSE_SERVER_SOURCE (source)->client, error);
}

static void
seats_license_server_source_set_secret (SeatsSource *source,
                                        const char  *secret)
{
  seats_client_set_token (SEATS_LICENSE_SERVER_SOURCE (source)->client, secret);
}

/* Seats 0.1 kept requests of this API in the outbox. */
static SeatsChange *
read_kept_change (SeatsSource *source,
                  const char  *text,
                  gboolean    *recognized)
{
  return seats_api_change_from_outbox_request (text, recognized);
}

static void
source_iface_init (SeatsSourceInterface *iface)
{
  iface->pull_async = seats_license_server_source_pull_async;
  iface->pull_finish = seats_license_server_source_pull_finish;
  iface->send_async = seats_license_server_source_send_async;
  iface->send_finish = seats_license_server_source_send_finish;
  iface->supports = seats_license_server_source_supports;
  iface->get_request_count = seats_license_server_source_get_request_count;
  iface->has_secret = seats_license_server_source_has_secret;
  iface->set_secret = seats_license_server_source_set_secret;
  iface->read_kept_change = read_kept_change;
}

static void
seats_license_server_source_finalize (GObject *object)
{
  SeatsLicenseServerSource *self = (SeatsLicenseServerSource *)object;

  g_clear_object (&self->client);

  G_OBJECT_CLASS (seats_license_server_source_parent_class)->finalize (object);
}

static void
seats_license_server_source_class_init (SeatsLicenseServerSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = seats_license_server_source_finalize;
}

static void
seats_license_server_source_init (SeatsLicenseServerSource *self)
{
}

/**
 * seats_license_server_source_new:
 * @client: the client of the account's license server
 *
 * Returns: (transfer full): the account's source
 */
SeatsSource *
seats_license_server_source_new (SeatsClient *client)
{
  SeatsLicenseServerSource *self;

  g_return_val_if_fail (SEATS_IS_CLIENT (client), NULL);

  self = g_object_new (SEATS_TYPE_LICENSE_SERVER_SOURCE, NULL);
  self->client = g_object_ref (client);

  return SEATS_SOURCE (self);
}

/**
 * seats_license_server_source_get_client:
 *
 * Returns: (transfer none): the client the source sends with
 */
SeatsClient *
seats_license_server_source_get_client (SeatsLicenseServerSource *self)
{
  g_return_val_if_fail (SEATS_IS_LICENSE_SERVER_SOURCE (self), NULL);

  return self->client;
}
