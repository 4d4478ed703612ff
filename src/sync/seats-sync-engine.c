/* seats-sync-engine.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-api-decode.h"
#include "seats-api-error.h"
#include "seats-license.h"
#include "seats-rules.h"
#include "seats-sync-engine.h"

/* A SCIM page of this many users is about half a megabyte. */
#define USERS_PAGE_SIZE         1000
/* Pages asked for at once in a full sync: the server prepares one while
 * the engine decodes another. */
#define USERS_PAGES_IN_FLIGHT   3
#define LIST_LIMIT              500
/* Ten times the organization Seats is built for, and pages enough for it
 * at a hundred users each: totals beyond these are not believed. */
#define MAX_USERS               1000000
#define MAX_USER_PAGES          10000
/* A full pull during which the users changed is read again, this often. */
#define MAX_SNAPSHOT_ATTEMPTS   3
/* Deletions upstream are seen by the delta; a full reconcile now and then
 * also mends anything a delta could have missed. */
#define RECONCILE_INTERVAL_S    (24 * 60 * 60)
#define PERIODIC_SYNC_S         (5 * 60)
#define OFFLINE_RETRY_FIRST_S   15
/* A whole sync, its outbox and every page included, however slowly the
 * server answers: a full sync of 100,000 users takes seconds. */
#define SYNC_DEADLINE_MS        (3 * 60 * 1000)

struct _SeatsSyncEngine
{
  GObject          parent_instance;

  SeatsClient     *client;
  SeatsStore      *store;
  SeatsSnapshot  state;
  /* The application's clock in the organization's time zone. */
  SeatsClock      *clock;

  SeatsSyncStatus  status;
  double           progress;
  char            *error_message;
  guint            request_count;

  /* Callers waiting for the pull under way, which they all share. */
  GPtrArray       *waiting;
  GCancellable    *pull_cancellable;
  gboolean         flushing;
  guint            sync_deadline_ms;
  guint            sync_deadline;
  gboolean         sync_timed_out;

  /* The users, while they are read from the local copy: a pull asked for
   * meanwhile begins when they are there, full if any caller wanted it. */
  GCancellable    *load_cancellable;
  gboolean         loading;
  gboolean         pull_full;

  GNetworkMonitor *network_monitor;
  guint            periodic_source;
  guint            day_sync_source;
  /* Offline: the next try, sooner than the periodic sync, and later each
   * time it fails. */
  guint            offline_retry_source;
  guint            offline_retry_s;
  gulong           network_changed_handler;
};

G_DEFINE_FINAL_TYPE (SeatsSyncEngine, seats_sync_engine, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SeatsSyncStatus, seats_sync_status,
  G_DEFINE_ENUM_VALUE (SEATS_SYNC_STATUS_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (SEATS_SYNC_STATUS_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (SEATS_SYNC_STATUS_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (SEATS_SYNC_STATUS_ERROR, "error"))

enum {
  PROP_0,
  PROP_STATUS,
  PROP_PROGRESS,
  PROP_LAST_SYNCED,
  PROP_ERROR_MESSAGE,
  PROP_ACCOUNT,
  PROP_SUBSCRIPTION,
  PROP_BILLING_DETAILS,
  PROP_PENDING_LICENSE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* One pull: what was fetched so far, applied only when all of it came. */
typedef struct
{
  gboolean             full;
  gboolean             is_admin;
  SeatsSnapshot      next;
  GPtrArray           *changed_users;
  GStrv                deleted_ids;
  SeatsRevision        revision;
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

  seats_snapshot_clear (&pull->next);
  g_clear_pointer (&pull->changed_users, g_ptr_array_unref);
  g_clear_pointer (&pull->deleted_ids, g_strfreev);
  g_clear_pointer (&pull->pages, g_ptr_array_unref);
  g_free (pull->revision_etag);
  g_free (pull);
}

/* g_set_str() is newer than GLib 2.74. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void schedule_offline_retry (SeatsSyncEngine *self);

static void
set_status (SeatsSyncEngine *self,
            SeatsSyncStatus  status,
            const char      *message)
{
  if (status == SEATS_SYNC_STATUS_OFFLINE)
    schedule_offline_retry (self);
  else if (status != SEATS_SYNC_STATUS_SYNCING)
    {
      g_clear_handle_id (&self->offline_retry_source, g_source_remove);
      self->offline_retry_s = 0;
    }

  if (set_string (&self->error_message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ERROR_MESSAGE]);

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
    }
}

static void
set_progress (SeatsSyncEngine *self,
              double           progress)
{
  progress = CLAMP (progress, 0.0, 1.0);

  if (self->progress != progress)
    {
      self->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROGRESS]);
    }
}

static gboolean
is_admin (SeatsSyncEngine *self)
{
  return self->state.account != NULL &&
         seats_account_get_role (self->state.account) == SEATS_ROLE_ADMIN;
}

static void
replace_object (SeatsSyncEngine *self,
                gpointer        *field,
                gpointer         value,
                guint            prop_id)
{
  if (g_set_object ((GObject **) field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties [prop_id]);
}

static void
replace_list (GListStore *store,
              GListModel *items)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint n_new = g_list_model_get_n_items (items);
  g_autoptr(GPtrArray) array = g_ptr_array_new_full (n_new, g_object_unref);

  for (guint i = 0; i < n_new; i++)
    g_ptr_array_add (array, g_list_model_get_item (items, i));

  /* One items-changed per list: a view lays out once. */
  if (n_old > 0 || n_new > 0)
    g_list_store_splice (store, 0, n_old, array->pdata, array->len);
}

/* The users after a delta: changed ones in their place, new ones last,
 * deleted ones gone; applied with one items-changed. */
static void
merge_users (GListStore  *store,
             GPtrArray   *changed,
             GStrv        deleted_ids)
{
  g_autoptr(GHashTable) deleted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) merged = NULL;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (store));

  if ((changed == NULL || changed->len == 0) && (deleted_ids == NULL || deleted_ids[0] == NULL))
    return;

  merged = g_ptr_array_new_full (n_old + (changed ? changed->len : 0), g_object_unref);

  for (guint i = 0; deleted_ids != NULL && deleted_ids[i] != NULL; i++)
    g_hash_table_add (deleted, deleted_ids[i]);

  for (guint i = 0; changed != NULL && i < changed->len; i++)
    {
      SeatsUser *user = g_ptr_array_index (changed, i);

      g_hash_table_insert (by_id, (gpointer) seats_user_get_id (user), user);
    }

  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (G_LIST_MODEL (store), i);
      const char *id = seats_user_get_id (user);
      SeatsUser *replacement;

      if (g_hash_table_contains (deleted, id))
        continue;

      if (g_hash_table_steal_extended (by_id, id, NULL, (gpointer *) &replacement))
        g_ptr_array_add (merged, g_object_ref (replacement));
      else
        g_ptr_array_add (merged, g_steal_pointer (&user));
    }

  /* What is left is new, in the order the server sent it. */
  for (guint i = 0; changed != NULL && i < changed->len; i++)
    {
      SeatsUser *user = g_ptr_array_index (changed, i);

      if (g_hash_table_contains (by_id, seats_user_get_id (user)) &&
          !g_hash_table_contains (deleted, seats_user_get_id (user)))
        g_ptr_array_add (merged, g_object_ref (user));
    }

  g_list_store_splice (store, 0, n_old, merged->pdata, merged->len);
}

static void
fill_list (GListStore *store,
           GPtrArray  *items)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

static void
complete_waiting (SeatsSyncEngine *self,
                  const GError    *error)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_clear_object (&self->pull_cancellable);
  g_clear_handle_id (&self->sync_deadline, g_source_remove);

  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
pull_failed (GTask  *task,
             GError *error)
{
  SeatsSyncEngine *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(GError) owned = error;

  /* Pages still in flight see this and drop what they bring. */
  if (pull != NULL)
    pull->failed = TRUE;

  if (self->sync_timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&owned);
      error = owned = g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_TIMEOUT,
                                           _("The license server is too slow: the sync did not "
                                             "finish in time. Seats will try again later."));
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_status (self, SEATS_SYNC_STATUS_IDLE, NULL);
  else if (g_error_matches (error, SEATS_API_ERROR, SEATS_API_ERROR_OFFLINE) ||
           g_error_matches (error, SEATS_API_ERROR, SEATS_API_ERROR_TIMEOUT))
    set_status (self, SEATS_SYNC_STATUS_OFFLINE, error->message);
  else
    set_status (self, SEATS_SYNC_STATUS_ERROR, error->message);

  set_progress (self, 0.0);
  complete_waiting (self, error);
  g_task_return_boolean (task, FALSE);
  g_object_unref (task);
}

/* The organization's days begin at its own midnight, where its source says
 * where that is; otherwise at the local one. */
static void
update_time_zone (SeatsSyncEngine *self)
{
  const char *id = self->state.account ? seats_account_get_time_zone (self->state.account) : NULL;
  g_autoptr(GTimeZone) zone = seats_time_zone_new_for_id (id);

  if (id != NULL && zone == NULL)
    g_debug ("The time zone %s is not known here; the local one is used", id);

  seats_clock_set_time_zone (self->clock, zone);
}

/* Writes what the pull fetched in one transaction, then shows it. */
static void
pull_apply (GTask *task)
{
  SeatsSyncEngine *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gint64 now = seats_clock_get_unix_time (self->clock);
  SeatsSyncState *sync = &pull->next.sync;

  g_hash_table_replace (sync->etags, g_strdup (SEATS_ETAG_REVISION), g_strdup (pull->revision_etag));
  sync->delta_cursor = pull->cursor;
  sync->last_synced = now;
  sync->last_full_reconcile = pull->full ? now : self->state.sync.last_full_reconcile;

  if (pull->full)
    {
      if (!seats_store_save (self->store, &pull->next, &error))
        {
          pull_failed (task, g_steal_pointer (&error));
          return;
        }
    }
  else if (!seats_store_save_delta (self->store, &pull->next,
                                    (SeatsUser * const *) pull->changed_users->pdata,
                                    pull->changed_users->len,
                                    (const char * const *) pull->deleted_ids,
                                    &error))
    {
      pull_failed (task, g_steal_pointer (&error));
      return;
    }

  /* The local copy is written; now the models follow, one change each. */
  g_object_freeze_notify (G_OBJECT (self));

  replace_object (self, (gpointer *) &self->state.account, pull->next.account, PROP_ACCOUNT);
  replace_object (self, (gpointer *) &self->state.subscription, pull->next.subscription,
                  PROP_SUBSCRIPTION);
  replace_object (self, (gpointer *) &self->state.billing_details, pull->next.billing_details,
                  PROP_BILLING_DETAILS);
  replace_object (self, (gpointer *) &self->state.pending_license, pull->next.pending_license,
                  PROP_PENDING_LICENSE);

  replace_list (self->state.products, G_LIST_MODEL (pull->next.products));
  replace_list (self->state.orders, G_LIST_MODEL (pull->next.orders));
  replace_list (self->state.invoices, G_LIST_MODEL (pull->next.invoices));
  replace_list (self->state.actions, G_LIST_MODEL (pull->next.actions));
  replace_list (self->state.features, G_LIST_MODEL (pull->next.features));
  replace_list (self->state.history, G_LIST_MODEL (pull->next.history));

  if (pull->full)
    replace_list (self->state.users, G_LIST_MODEL (pull->next.users));
  else
    merge_users (self->state.users, pull->changed_users, pull->deleted_ids);

  g_hash_table_remove_all (self->state.sync.etags);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, sync->etags);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_replace (self->state.sync.etags, g_strdup (key), g_strdup (value));
  }
  self->state.sync.delta_cursor = sync->delta_cursor;
  self->state.sync.last_full_reconcile = sync->last_full_reconcile;
  self->state.sync.last_synced = sync->last_synced;

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LAST_SYNCED]);
  set_progress (self, 1.0);
  set_status (self, SEATS_SYNC_STATUS_IDLE, NULL);

  g_object_thaw_notify (G_OBJECT (self));

  /* Once everything is in place: a new zone may make it another day. */
  update_time_zone (self);
  g_signal_emit (self, signals [CHANGED], 0);

  complete_waiting (self, NULL);
  g_task_return_boolean (task, TRUE);
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
  SeatsSyncEngine *self = g_task_get_source_object (task);
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

static void
pull_deletions_cb (GTask         *task,
                   SeatsResponse *response)
{
  Pull *pull = g_task_get_task_data (task);
  GError *error = NULL;
  gint64 now = 0;

  pull->deleted_ids = seats_api_decode_deletions (response->root, &now, &error);
  if (!pull_check (task, pull->deleted_ids, error))
    return;

  pull_apply (task);
}

static void pull_request_pages (GTask *task);

static void pull_revision_cb (GTask         *task,
                              SeatsResponse *response);

/* Everything is read again, from the server's revision on: what was read
 * before it moved is not kept, so that the local copy is one state of the
 * server, never parts of two. */
static void
pull_restart (GTask *task)
{
  Pull *pull = g_task_get_task_data (task);

  seats_snapshot_clear (&pull->next);
  seats_snapshot_init (&pull->next);
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
  SeatsSyncEngine *self = g_task_get_source_object (task);
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
  set_progress (self, 0.05);
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
  GListModel *users = G_LIST_MODEL (pull->next.users);
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

  pull_apply (task);
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


/* Adds the pages that are next in order; the list has no one watching it
 * until pull_apply() shows it with one items-changed. */
static void
pull_add_pages (GTask *task)
{
  SeatsSyncEngine *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);

  while (pull->pages_added < pull->pages_total &&
         g_ptr_array_index (pull->pages, pull->pages_added) != NULL)
    {
      SeatsUserPage *page = g_ptr_array_index (pull->pages, pull->pages_added);

      g_list_store_splice (pull->next.users, g_list_model_get_n_items (G_LIST_MODEL (pull->next.users)),
                           0, page->users->pdata, page->users->len);
      pull->users_fetched += page->users->len;
      g_clear_pointer (&g_ptr_array_index (pull->pages, pull->pages_added), seats_user_page_free);
      pull->pages_added++;
    }

  if (pull->users_total > 0)
    set_progress (self, 0.2 + 0.75 * MIN (pull->users_fetched, pull->users_total) / pull->users_total);
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
      pull_failed (task, error);
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
        pull_verify_snapshot (task);
      return;
    }

  if (pull->pages_added == pull->pages_total)
    pull_verify_snapshot (task);
  else
    pull_request_pages (task);
}

static void
pull_request_pages (GTask *task)
{
  SeatsSyncEngine *self = g_task_get_source_object (task);
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
  SeatsSyncEngine *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(SeatsUserPage) page = NULL;
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

  if (pull->full && pull->users_fetched > 0 && page->total != pull->users_total)
    pull->moved = TRUE;

  /* The first page of a full pull says how many there are: ask for the
   * others, a few at a time, rather than one after the other, each as many
   * as the server gave on the first page. */
  if (pull->full && pull->pages == NULL && pull->users_fetched == 0 &&
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
      pull_request_pages (task);
      return;
    }

  if (pull->full)
    g_list_store_splice (pull->next.users, g_list_model_get_n_items (G_LIST_MODEL (pull->next.users)),
                         0, page->users->pdata, page->users->len);
  else
    g_ptr_array_extend (pull->changed_users, page->users, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);

  pull->users_fetched += page->users->len;
  pull->users_total = page->total;

  if (page->total > 0)
    set_progress (self, 0.2 + 0.75 * pull->users_fetched / page->total);

  if (page->users->len > 0 && pull->users_fetched < page->total)
    {
      pull_fetch_users (task);
      return;
    }

  if (pull->full)
    {
      pull_verify_snapshot (task);
    }
  else
    {
      g_autoptr(GDateTime) since = g_date_time_new_from_unix_utc (pull->cursor_since);
      g_autofree char *iso = g_date_time_format_iso8601 (since);
      g_autofree char *escaped = g_uri_escape_string (iso, NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("api/v1/users/deletions?since=%s", escaped);

      pull_get (task, path, NULL, FALSE, pull_deletions_cb);
    }
}

static void
pull_fetch_users (GTask *task)
{
  Pull *pull = g_task_get_task_data (task);
  g_autofree char *path = NULL;

  if (pull->full)
    {
      path = g_strdup_printf ("scim/v2/Users?startIndex=%u&count=%u",
                              pull->users_fetched + 1, USERS_PAGE_SIZE);
    }
  else
    {
      g_autoptr(GDateTime) since = g_date_time_new_from_unix_utc (pull->cursor_since);
      g_autofree char *iso = g_date_time_format_iso8601 (since);
      g_autofree char *filter = g_strdup_printf ("meta.lastModified gt \"%s\"", iso);
      g_autofree char *escaped = g_uri_escape_string (filter, NULL, FALSE);

      path = g_strdup_printf ("scim/v2/Users?startIndex=%u&count=%u&filter=%s",
                              pull->users_fetched + 1, USERS_PAGE_SIZE, escaped);
    }

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
  gsize           store_offset;
} admin_lists[] = {
  { "api/v1/orders", seats_api_decode_orders, G_STRUCT_OFFSET (SeatsSnapshot, orders) },
  { "api/v1/invoices", seats_api_decode_invoices, G_STRUCT_OFFSET (SeatsSnapshot, invoices) },
  { "api/v1/actions", seats_api_decode_actions, G_STRUCT_OFFSET (SeatsSnapshot, actions) },
};

static void pull_admin_list_cb (GTask         *task,
                                SeatsResponse *response);

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
  GListStore *store;
  GError *error = NULL;

  items = admin_lists[pull->admin_list].decode (response->root, &error);
  if (!pull_check (task, items, error))
    return;

  store = G_STRUCT_MEMBER (GListStore *, &pull->next, admin_lists[pull->admin_list].store_offset);
  fill_list (store, items);

  pull->admin_list++;
  pull_next_admin_list (task);
}

static void
pull_billing_cb (GTask         *task,
                 SeatsResponse *response)
{
  Pull *pull = g_task_get_task_data (task);
  GError *error = NULL;

  pull->next.billing_details = seats_api_decode_billing (response->root, pull->next.sync.etags, &error);
  if (!pull_check (task, pull->next.billing_details, error))
    return;

  pull->admin_list = 0;
  pull_next_admin_list (task);
}

static void
pull_pending_cb (GTask         *task,
                 SeatsResponse *response)
{
  Pull *pull = g_task_get_task_data (task);
  GError *error = NULL;

  if (response != NULL)
    {
      pull->next.pending_license = seats_api_decode_pending (response->root, pull->next.sync.etags,
                                                             &error);
      if (!pull_check (task, pull->next.pending_license, error))
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

  fill_list (pull->next.history, history);
  pull_get (task, "api/v1/license/pending", NULL, TRUE, pull_pending_cb);
}

static void
pull_features_cb (GTask         *task,
                  SeatsResponse *response)
{
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(GPtrArray) features = NULL;
  GError *error = NULL;

  features = seats_api_decode_features (response->root, pull->next.sync.etags, &error);
  if (!pull_check (task, features, error))
    return;

  fill_list (pull->next.features, features);
  pull_get (task, "api/v1/subscription/history", NULL, FALSE, pull_history_cb);
}

static void
pull_subscription_cb (GTask         *task,
                      SeatsResponse *response)
{
  SeatsSyncEngine *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(GPtrArray) products = NULL;
  GError *error = NULL;

  pull->next.subscription = seats_api_decode_subscription (response->root, &products,
                                                           pull->next.sync.etags, &error);
  if (!pull_check (task, pull->next.subscription, error))
    return;

  fill_list (pull->next.products, products);
  set_progress (self, 0.1);
  pull_get (task, "api/v1/features", NULL, FALSE, pull_features_cb);
}

static void
pull_account_cb (GTask         *task,
                 SeatsResponse *response)
{
  Pull *pull = g_task_get_task_data (task);
  GError *error = NULL;

  pull->next.account = seats_api_decode_account (response->root, &error);
  if (!pull_check (task, pull->next.account, error))
    return;

  pull->is_admin = seats_account_get_role (pull->next.account) == SEATS_ROLE_ADMIN;
  pull_get (task, "api/v1/subscription", NULL, FALSE, pull_subscription_cb);
}

static void
pull_revision_cb (GTask         *task,
                  SeatsResponse *response)
{
  SeatsSyncEngine *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gint64 now = seats_clock_get_unix_time (self->clock);

  /* Nothing changed since the last sync: one small request, done. */
  if (response->status == 304 && !pull->full)
    {
      self->state.sync.last_synced = now;
      if (!seats_store_save_sync_state (self->store, &self->state.sync, &error))
        {
          pull_failed (task, g_steal_pointer (&error));
          return;
        }

      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LAST_SYNCED]);
      set_progress (self, 1.0);
      set_status (self, SEATS_SYNC_STATUS_IDLE, NULL);
      complete_waiting (self, NULL);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  if (response->status == 304 || !seats_api_decode_revision (response->root, &pull->revision, &error))
    {
      if (error == NULL)
        {
          /* A forced full sync asked without If-None-Match: a 304 is wrong. */
          error = g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED,
                                       _("The license server sent an answer Seats cannot read."));
        }
      pull_failed (task, g_steal_pointer (&error));
      return;
    }

  pull->revision_etag = g_strdup (response->etag);
  pull->cursor = pull->revision.now;
  pull->cursor_since = self->state.sync.delta_cursor;

  /* Without a cursor, or when the last reconcile is old, fetch everyone. */
  if (pull->cursor_since == 0 ||
      now - self->state.sync.last_full_reconcile > RECONCILE_INTERVAL_S)
    pull->full = TRUE;

  set_progress (self, 0.05);
  pull_get (task, "api/v1/account", NULL, FALSE, pull_account_cb);
}

static void
pull_begin (GTask    *task,
            gboolean  full)
{
  SeatsSyncEngine *self = g_task_get_source_object (task);
  Pull *pull = g_new0 (Pull, 1);
  const char *etag = NULL;

  pull->full = full;
  pull->changed_users = g_ptr_array_new_with_free_func (g_object_unref);
  seats_snapshot_init (&pull->next);
  g_task_set_task_data (task, pull, pull_free);

  if (!full)
    etag = g_hash_table_lookup (self->state.sync.etags, SEATS_ETAG_REVISION);

  pull_get (task, "api/v1/sync", etag, FALSE, pull_revision_cb);
}

/* The outbox: a change is written before it is sent and stays until the
 * server has answered it, so that a lost answer is asked again with the
 * same idempotency key, after a restart too. */

typedef struct
{
  SeatsOutboxEntry *entry;
  SeatsApiRequest  *request;
} SendData;

static void
send_data_free (gpointer data)
{
  SendData *send = data;

  g_clear_pointer (&send->entry, seats_outbox_entry_free);
  g_clear_pointer (&send->request, seats_api_request_unref);
  g_free (send);
}

static void
send_entry_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SeatsSyncEngine *self = g_task_get_source_object (task);
  SendData *send = g_task_get_task_data (task);
  g_autoptr(SeatsResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;

  response = seats_client_send_finish (SEATS_CLIENT (object), result, NULL, &error);

  if (response != NULL)
    {
      if (!seats_store_outbox_mark_done (self->store, send->entry->id, &store_error))
        g_warning ("Could not mark a sent change as done: %s", store_error->message);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Not answered: it stays in the outbox and is sent again later. */
  if (seats_api_error_is_transient (error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Answered with a refusal: done with, and the person is told why. */
  if (!seats_store_outbox_mark_failed (self->store, send->entry->id, error->message, &store_error))
    g_warning ("Could not mark a refused change: %s", store_error->message);

  g_task_return_error (task, g_steal_pointer (&error));
}

static void
send_entry_async (SeatsSyncEngine     *self,
                  SeatsOutboxEntry    *entry,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  SendData *send = g_new0 (SendData, 1);

  g_task_set_source_tag (task, send_entry_async);
  g_task_set_task_data (task, send, send_data_free);
  send->entry = entry;

  send->request = seats_api_request_deserialize (entry->payload, &error);
  if (send->request == NULL)
    {
      /* Nothing can ever send it: keep it out of the way, with the reason. */
      seats_store_outbox_mark_failed (self->store, entry->id, error->message, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!seats_store_outbox_mark_sent (self->store, entry->id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->request_count++;
  seats_client_send_request_async (self->client, send->request, entry->idempotency_key,
                                   cancellable, send_entry_cb, g_steal_pointer (&task));
}

static gboolean
send_entry_finish (SeatsSyncEngine  *self,
                   GAsyncResult     *result,
                   GError          **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  GPtrArray *entries;
  guint      next;
  GError    *first_refusal;
} Flush;

static void
flush_free (gpointer data)
{
  Flush *flush = data;

  g_clear_pointer (&flush->entries, g_ptr_array_unref);
  g_clear_error (&flush->first_refusal);
  g_free (flush);
}

static void flush_next (GTask *task);

static void
flush_sent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Flush *flush = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!send_entry_finish (SEATS_SYNC_ENGINE (object), result, &error))
    {
      /* Unreachable: the rest waits too, in order. */
      if (seats_api_error_is_transient (error) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      if (flush->first_refusal == NULL)
        flush->first_refusal = g_steal_pointer (&error);
    }

  flush_next (g_steal_pointer (&task));
}

static void
flush_next (GTask *task)
{
  SeatsSyncEngine *self = g_task_get_source_object (task);
  Flush *flush = g_task_get_task_data (task);
  SeatsOutboxEntry *entry;

  if (flush->next >= flush->entries->len)
    {
      self->flushing = FALSE;
      if (flush->first_refusal != NULL)
        g_task_return_error (task, g_steal_pointer (&flush->first_refusal));
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  /* The array gives up each entry to the send that owns it now. */
  entry = g_ptr_array_steal_index (flush->entries, flush->next);
  g_ptr_array_insert (flush->entries, flush->next, NULL);
  flush->next++;

  send_entry_async (self, entry, g_task_get_cancellable (task), flush_sent_cb, task);
}

/**
 * seats_sync_engine_flush_outbox_async:
 * @self: a #SeatsSyncEngine
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every waiting change was sent or one could not be
 * @user_data: data for @callback
 *
 * Sends the changes waiting in the outbox, oldest first, with their own
 * idempotency keys. Stops at the first one the server cannot be reached for.
 */
void
seats_sync_engine_flush_outbox_async (SeatsSyncEngine     *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Flush *flush;

  g_return_if_fail (SEATS_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, seats_sync_engine_flush_outbox_async);

  flush = g_new0 (Flush, 1);
  g_task_set_task_data (task, flush, flush_free);

  flush->entries = seats_store_outbox_list_pending (self->store, &error);
  if (flush->entries == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_ptr_array_set_free_func (flush->entries, (GDestroyNotify) seats_outbox_entry_free);

  self->flushing = TRUE;
  flush_next (g_steal_pointer (&task));
}

gboolean
seats_sync_engine_flush_outbox_finish (SeatsSyncEngine  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
sync_flushed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SeatsSyncEngine *self = SEATS_SYNC_ENGINE (object);
  GTask *pull_task = user_data;
  g_autoptr(GError) error = NULL;

  /* A change the server refused is reported where it was made; the pull
   * goes on. An unreachable server ends the sync here. */
  if (!seats_sync_engine_flush_outbox_finish (self, result, &error) &&
      (seats_api_error_is_transient (error) ||
       g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    {
      pull_failed (pull_task, g_steal_pointer (&error));
      return;
    }

  pull_begin (pull_task, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (pull_task), "full")));
}

static gboolean
sync_deadline_cb (gpointer data)
{
  SeatsSyncEngine *self = data;

  self->sync_deadline = 0;
  self->sync_timed_out = TRUE;
  g_cancellable_cancel (self->pull_cancellable);

  return G_SOURCE_REMOVE;
}

/* Sends the outbox, then pulls. */
static void
begin_sync (SeatsSyncEngine *self)
{
  GTask *pull_task;

  g_assert (self->pull_cancellable != NULL);
  g_assert (!self->loading);

  self->sync_timed_out = FALSE;
  g_clear_handle_id (&self->sync_deadline, g_source_remove);
  self->sync_deadline = g_timeout_add (self->sync_deadline_ms, sync_deadline_cb, self);

  pull_task = g_task_new (self, self->pull_cancellable, NULL, NULL);
  g_object_set_data (G_OBJECT (pull_task), "full", GINT_TO_POINTER (self->pull_full));
  self->pull_full = FALSE;

  seats_sync_engine_flush_outbox_async (self, self->pull_cancellable, sync_flushed_cb, pull_task);
}

/**
 * seats_sync_engine_sync_async:
 * @self: a #SeatsSyncEngine
 * @full: %TRUE to fetch everything, as a reconcile does
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the sync is done
 * @user_data: data for @callback
 *
 * Sends what waits in the outbox, then fetches what changed and writes it
 * to the local copy in one transaction before the models change. An
 * unchanged account costs one small request. A sync already under way is
 * joined rather than started again; one asked for while the users are
 * still read from the local copy begins when they are there.
 */
void
seats_sync_engine_sync_async (SeatsSyncEngine     *self,
                              gboolean             full,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SEATS_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, seats_sync_engine_sync_async);
  g_ptr_array_add (self->waiting, g_steal_pointer (&task));

  if (self->pull_cancellable != NULL)
    return;

  self->pull_full |= full;
  self->pull_cancellable = g_cancellable_new ();

  set_status (self, SEATS_SYNC_STATUS_SYNCING, NULL);
  set_progress (self, 0.0);

  if (!self->loading)
    begin_sync (self);
}

gboolean
seats_sync_engine_sync_finish (SeatsSyncEngine  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
submit_synced_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *change_error = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* The change itself is decided; a failed refresh after it shows in the
   * engine's status, not as a failure of the change. */
  if (!seats_sync_engine_sync_finish (SEATS_SYNC_ENGINE (object), result, &error))
    g_debug ("Refreshing after a change failed: %s", error->message);

  if (change_error != NULL)
    g_task_return_error (task, g_error_copy (change_error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
submit_sent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SeatsSyncEngine *self = SEATS_SYNC_ENGINE (object);
  g_autoptr(GError) error = NULL;

  if (!send_entry_finish (self, result, &error))
    {
      /* Somebody changed it first: show the fresh state, then say so. */
      if (g_error_matches (error, SEATS_API_ERROR, SEATS_API_ERROR_STALE) ||
          g_error_matches (error, SEATS_API_ERROR, SEATS_API_ERROR_CONFLICT))
        {
          g_task_set_task_data (task, g_steal_pointer (&error), (GDestroyNotify) g_error_free);
          seats_sync_engine_sync_async (self, FALSE, NULL, submit_synced_cb, g_steal_pointer (&task));
          return;
        }

      if (seats_api_error_is_transient (error))
        {
          g_autoptr(GError) waiting = NULL;

          waiting = g_error_new (error->domain, error->code,
                                 _("%s The change is kept and sent as soon as the server can be reached."),
                                 error->message);
          set_status (self, SEATS_SYNC_STATUS_OFFLINE, error->message);
          g_task_return_error (task, g_steal_pointer (&waiting));
          return;
        }

      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Store the server's answer like a pull: the models show it. */
  seats_sync_engine_sync_async (self, FALSE, NULL, submit_synced_cb, g_steal_pointer (&task));
}

/**
 * seats_sync_engine_can_change:
 * @self: a #SeatsSyncEngine
 * @error: why nothing can be changed now, for the person
 *
 * Returns: %TRUE if the account may change its subscription now
 */
gboolean
seats_sync_engine_can_change (SeatsSyncEngine  *self,
                              GError          **error)
{
  SeatsPolicy *policy;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), FALSE);

  if (self->state.account == NULL)
    {
      g_set_error_literal (error, SEATS_API_ERROR, SEATS_API_ERROR_NOT_FOUND,
                           _("The account has not been synced yet."));
      return FALSE;
    }

  if (!seats_client_has_token (self->client, error))
    return FALSE;

  if (!is_admin (self))
    {
      g_set_error_literal (error, SEATS_API_ERROR, SEATS_API_ERROR_FORBIDDEN,
                           _("This account may only view the subscription. "
                             "Ask an administrator of your organization to make the change."));
      return FALSE;
    }

  policy = seats_account_get_policy (self->state.account);
  if (seats_policy_is_resold (policy))
    {
      g_set_error (error, SEATS_API_ERROR, SEATS_API_ERROR_FORBIDDEN,
                   _("This subscription was bought through %s. Change it there: %s"),
                   seats_policy_get_reseller_name (policy),
                   seats_policy_get_reseller_url (policy));
      return FALSE;
    }

  /* Offline nothing is queued silently: the person is told at once. */
  if (self->status == SEATS_SYNC_STATUS_OFFLINE)
    {
      g_set_error_literal (error, SEATS_API_ERROR, SEATS_API_ERROR_OFFLINE,
                           _("The license server cannot be reached, so nothing can be changed "
                             "now. Seats syncs again when the connection returns."));
      return FALSE;
    }

  return TRUE;
}

/**
 * seats_sync_engine_submit_async:
 * @self: a #SeatsSyncEngine
 * @request: a change made with one of the seats_sync_engine_prepare_*()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server answered and the models show it
 * @user_data: data for @callback
 *
 * Writes @request to the outbox with a new idempotency key, sends it, and
 * stores the answer like a pull.
 */
void
seats_sync_engine_submit_async (SeatsSyncEngine     *self,
                                SeatsApiRequest     *request,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = NULL;
  SeatsOutboxEntry *entry;

  g_return_if_fail (SEATS_IS_SYNC_ENGINE (self));
  g_return_if_fail (request != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, seats_sync_engine_submit_async);

  if (!seats_sync_engine_can_change (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  payload = seats_api_request_serialize (request);
  entry = seats_store_outbox_enqueue (self->store, seats_api_request_get_kind (request), payload, &error);
  if (entry == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  send_entry_async (self, entry, cancellable, submit_sent_cb, g_steal_pointer (&task));
}

gboolean
seats_sync_engine_submit_finish (SeatsSyncEngine  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Checking a change with the license rules before anything is sent. */

static void
rule_policy_from (SeatsPolicy     *policy,
                  SeatsRulePolicy *rule_policy)
{
  seats_policy_to_rule (policy, rule_policy);
}


static const char *
etag_for (SeatsSyncEngine *self,
          const char      *prefix,
          const char      *id)
{
  g_autofree char *key = g_strconcat (prefix, id, NULL);

  return g_hash_table_lookup (self->state.sync.etags, key);
}

static SeatsProduct *
require_product (SeatsSyncEngine  *self,
                 const char       *product_id,
                 GError          **error)
{
  SeatsProduct *product = seats_sync_engine_find_product (self, product_id);

  if (product == NULL)
    g_set_error (error, SEATS_API_ERROR, SEATS_API_ERROR_NOT_FOUND,
                 _("The subscription has no product “%s”."), product_id);

  return product;
}

/**
 * seats_sync_engine_quote_purchase:
 * @self: a #SeatsSyncEngine
 * @product_id: the product to buy licenses of
 * @quantity: how many licenses to add
 * @quote: (out caller-allocates): the prorated price for the rest of the
 *   current billing period (R2), how it is reached, and the counts of both
 *   periods after the purchase (R4), in minor units of the product's currency
 * @error: why the purchase cannot be priced
 *
 * What buying @quantity licenses today costs and does, from the synced
 * subscription, by the same rule the server invoices it with.
 *
 * Returns: %TRUE with @quote filled in
 */
gboolean
seats_sync_engine_quote_purchase (SeatsSyncEngine     *self,
                                  const char          *product_id,
                                  guint                quantity,
                                  SeatsPurchaseQuote  *quote,
                                  GError             **error)
{
  SeatsSubscription *subscription;
  SeatsProduct *product;
  GDate start, end, date;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (product_id != NULL, FALSE);
  g_return_val_if_fail (quote != NULL, FALSE);

  subscription = self->state.subscription;
  if (subscription == NULL)
    {
      g_set_error_literal (error, SEATS_API_ERROR, SEATS_API_ERROR_NOT_FOUND,
                           _("The account has not been synced yet."));
      return FALSE;
    }

  if (!(product = require_product (self, product_id, error)))
    return FALSE;

  if (seats_product_get_kind (product) == SEATS_PRODUCT_KIND_INTEGRATION)
    {
      g_set_error (error, SEATS_API_ERROR, SEATS_API_ERROR_REFUSED,
                   _("%s has a monthly fee, not licenses to buy."),
                   seats_product_get_name (product));
      return FALSE;
    }

  g_date_clear (&start, 1);
  g_date_clear (&end, 1);
  seats_clock_get_today (self->clock, &date);
  if (!seats_julian_to_date (seats_subscription_get_period_start_julian (subscription), &start) ||
      !seats_julian_to_date (seats_subscription_get_period_end_julian (subscription), &end))
    {
      g_set_error_literal (error, SEATS_RULE_ERROR, SEATS_RULE_ERROR_INVALID_PERIOD,
                           _("The subscription has no valid billing period."));
      return FALSE;
    }

  return seats_rules_quote_purchase (seats_product_get_purchased (product),
                                     seats_product_get_next_period (product),
                                     quantity,
                                     seats_product_get_price (product),
                                     seats_subscription_get_period_months (subscription),
                                     &start, &end, &date, quote, error);
}

SeatsApiRequest *
seats_sync_engine_prepare_buy (SeatsSyncEngine  *self,
                               const char       *product_id,
                               guint             quantity,
                               GError          **error)
{
  SeatsProduct *product;
  guint purchased, next_count;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  if (!seats_sync_engine_can_change (self, error) ||
      !(product = require_product (self, product_id, error)))
    return NULL;

  if (seats_product_get_kind (product) == SEATS_PRODUCT_KIND_INTEGRATION)
    {
      g_set_error (error, SEATS_API_ERROR, SEATS_API_ERROR_REFUSED,
                   _("%s has a monthly fee, not licenses to buy."),
                   seats_product_get_name (product));
      return NULL;
    }

  /* R2/R4: refuses nothing to buy and counts that would overflow. */
  if (!seats_rules_apply_purchase (seats_product_get_purchased (product),
                                   seats_product_get_next_period (product),
                                   quantity, &purchased, &next_count, error))
    return NULL;

  return seats_api_request_buy (product_id, quantity);
}

SeatsApiRequest *
seats_sync_engine_prepare_next_period (SeatsSyncEngine  *self,
                                       const char       *product_id,
                                       guint             count,
                                       GError          **error)
{
  SeatsRulePolicy policy;
  SeatsProduct *product;
  guint over = 0;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  if (!seats_sync_engine_can_change (self, error) ||
      !(product = require_product (self, product_id, error)))
    return NULL;

  switch (seats_product_get_kind (product))
    {
    case SEATS_PRODUCT_KIND_USER_SEATS:
      /* R3, R5: the minimum, cancelling, and the policy's seat floor. */
      rule_policy_from (seats_account_get_policy (self->state.account), &policy);
      if (!seats_rules_check_next_period (&policy, count, seats_product_get_in_use (product),
                                          &over, error))
        return NULL;
      break;

    case SEATS_PRODUCT_KIND_MODULE:
      /* R7: a module may go to 0, which removes it, not below its holders. */
      if (!seats_rules_check_module_next_period (seats_product_get_name (product), count,
                                                 seats_product_get_in_use (product), error))
        return NULL;
      break;


    case SEATS_PRODUCT_KIND_INTEGRATION:
    default:
      g_set_error (error, SEATS_API_ERROR, SEATS_API_ERROR_REFUSED,
                   _("%s has a monthly fee, not licenses to count."),
                   seats_product_get_name (product));
      return NULL;
    }

  return seats_api_request_set_next_period (product_id, count,
                                            etag_for (self, SEATS_ETAG_PRODUCT, product_id));
}

SeatsApiRequest *
seats_sync_engine_prepare_user_active (SeatsSyncEngine  *self,
                                       const char       *user_id,
                                       gboolean          active,
                                       GError          **error)
{
  SeatsUser *user;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (user_id != NULL, NULL);

  if (!seats_sync_engine_can_change (self, error))
    return NULL;

  user = seats_sync_engine_find_user (self, user_id);
  if (user == NULL)
    {
      g_set_error (error, SEATS_API_ERROR, SEATS_API_ERROR_NOT_FOUND,
                   _("There is no user “%s”."), user_id);
      return NULL;
    }

  /* R6: activating needs a free license, or the grace policy. */
  if (active && !seats_user_get_active (user))
    {
      SeatsProduct *seats = seats_sync_engine_find_user_seats (self);
      SeatsRulePolicy policy;
      gboolean over_allocated = FALSE;
      GDate date, deadline;

      seats_clock_get_today (self->clock, &date);
      g_date_clear (&deadline, 1);
      rule_policy_from (seats_account_get_policy (self->state.account), &policy);

      if (seats != NULL &&
          !seats_rules_check_activation (&policy,
                                         seats_product_get_purchased (seats),
                                         seats_product_get_in_use (seats),
                                         &date, &over_allocated, &deadline, error))
        return NULL;
    }

  return seats_api_request_set_user_active (user_id, active, seats_user_get_version (user));
}

SeatsApiRequest *
seats_sync_engine_prepare_assignment (SeatsSyncEngine  *self,
                                      const char       *product_id,
                                      const char       *user_id,
                                      gboolean          assign,
                                      GError          **error)
{
  SeatsProduct *product;
  SeatsUser *user;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (product_id != NULL && user_id != NULL, NULL);

  if (!seats_sync_engine_can_change (self, error) ||
      !(product = require_product (self, product_id, error)))
    return NULL;

  if (seats_product_get_kind (product) != SEATS_PRODUCT_KIND_MODULE)
    {
      g_set_error (error, SEATS_API_ERROR, SEATS_API_ERROR_REFUSED,
                   _("%s is not an add-on module."), seats_product_get_name (product));
      return NULL;
    }

  user = seats_sync_engine_find_user (self, user_id);
  if (user == NULL)
    {
      g_set_error (error, SEATS_API_ERROR, SEATS_API_ERROR_NOT_FOUND,
                   _("There is no user “%s”."), user_id);
      return NULL;
    }

  if (assign && !seats_user_has_module (user, product_id) &&
      !seats_rules_check_module_assignment (seats_product_get_name (product),
                                            seats_product_get_purchased (product),
                                            seats_product_get_in_use (product), error))
    return NULL;

  return seats_api_request_assign_module (product_id, user_id, assign,
                                          etag_for (self, SEATS_ETAG_PRODUCT, product_id));
}

SeatsApiRequest *
seats_sync_engine_prepare_feature (SeatsSyncEngine  *self,
                                   const char       *feature_id,
                                   gboolean          enabled,
                                   GError          **error)
{
  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (feature_id != NULL, NULL);

  if (!seats_sync_engine_can_change (self, error))
    return NULL;

  if (etag_for (self, SEATS_ETAG_FEATURE, feature_id) == NULL)
    {
      g_set_error (error, SEATS_API_ERROR, SEATS_API_ERROR_NOT_FOUND,
                   _("The subscription has no feature “%s”."), feature_id);
      return NULL;
    }

  return seats_api_request_switch_feature (feature_id, enabled,
                                           etag_for (self, SEATS_ETAG_FEATURE, feature_id));
}

SeatsApiRequest *
seats_sync_engine_prepare_billing (SeatsSyncEngine      *self,
                                   SeatsBillingDetails  *details,
                                   GError              **error)
{
  SeatsRuleBillingDetails rule_details = { 0 };
  SeatsBillingField field;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (SEATS_IS_BILLING_DETAILS (details), NULL);

  if (!seats_sync_engine_can_change (self, error))
    return NULL;

  rule_details.contact_user_id = seats_billing_details_get_contact_user_id (details);
  rule_details.contact_email = seats_billing_details_get_contact_email (details);
  rule_details.street = seats_billing_details_get_street (details);
  rule_details.postal_code = seats_billing_details_get_postal_code (details);
  rule_details.city = seats_billing_details_get_city (details);
  rule_details.country = seats_billing_details_get_country (details);
  rule_details.einvoice_enabled = seats_billing_details_get_e_invoicing (details);
  rule_details.einvoice_address = seats_billing_details_get_e_invoice_address (details);
  rule_details.einvoice_operator = seats_billing_details_get_operator_code (details);

  /* R13 */
  if (!seats_rules_check_billing_details (&rule_details, &field, error))
    return NULL;

  return seats_api_request_update_billing (details,
                                           g_hash_table_lookup (self->state.sync.etags,
                                                                SEATS_ETAG_BILLING));
}

SeatsApiRequest *
seats_sync_engine_prepare_activation (SeatsSyncEngine  *self,
                                      GError          **error)
{
  g_autoptr(GArray) lines = NULL;
  GListModel *changes;
  guint n;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), NULL);

  if (!seats_sync_engine_can_change (self, error))
    return NULL;

  if (self->state.pending_license == NULL)
    {
      g_set_error_literal (error, SEATS_API_ERROR, SEATS_API_ERROR_NOT_FOUND,
                           _("There is no new license to activate."));
      return NULL;
    }

  changes = seats_pending_license_get_changes (self->state.pending_license);
  n = g_list_model_get_n_items (changes);
  lines = g_array_sized_new (FALSE, TRUE, sizeof (SeatsRuleLicenseLine), n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeatsLicenseChange) change = g_list_model_get_item (changes, i);
      SeatsRuleLicenseLine line = {
        seats_license_change_get_product_name (change),
        seats_license_change_get_current_count (change),
        seats_license_change_get_new_count (change),
        seats_license_change_get_in_use (change),
      };

      g_array_append_val (lines, line);
    }

  /* R8: no product may end below what is in use. */
  if (!seats_rules_check_pending_license ((SeatsRuleLicenseLine *) (gpointer) lines->data,
                                          lines->len, error))
    return NULL;

  return seats_api_request_activate_license (g_hash_table_lookup (self->state.sync.etags,
                                                                  SEATS_ETAG_PENDING_LICENSE));
}

/**
 * seats_sync_engine_check_license_file:
 * @self: a #SeatsSyncEngine
 * @data: the contents of a license file
 * @length: the length of @data
 * @error: why the file cannot be used, for the person
 *
 * Checks a license file before anything of it is shown (R9): the vendor's
 * signature, that it is for this organization, and its issue and expiry
 * dates. Works offline, from the local copy.
 *
 * Returns: (transfer full) (nullable): the license the file carries
 */
SeatsLicense *
seats_sync_engine_check_license_file (SeatsSyncEngine  *self,
                                      const char       *data,
                                      gsize             length,
                                      GError          **error)
{
  GDate date;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (self->state.account == NULL)
    {
      g_set_error_literal (error, SEATS_API_ERROR, SEATS_API_ERROR_NOT_FOUND,
                           _("The account has not been synced yet."));
      return NULL;
    }

  seats_clock_get_today (self->clock, &date);

  return seats_license_verify (data, length,
                               seats_account_get_vendor_public_key (self->state.account),
                               seats_account_get_id (self->state.account),
                               &date, error);
}

SeatsApiRequest *
seats_sync_engine_prepare_import (SeatsSyncEngine  *self,
                                  const char       *license_file,
                                  GError          **error)
{
  g_autoptr(SeatsLicense) license = NULL;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (license_file != NULL, NULL);

  if (!seats_sync_engine_can_change (self, error))
    return NULL;

  /* A bad file is refused here, with the reason, and nothing is sent. */
  license = seats_sync_engine_check_license_file (self, license_file, strlen (license_file), error);
  if (license == NULL)
    return NULL;

  return seats_api_request_import_license (license_file, error);
}

SeatsApiRequest *
seats_sync_engine_prepare_trial (SeatsSyncEngine  *self,
                                 const char       *serial_number,
                                 const char       *license_owner,
                                 GError          **error)
{
  g_autofree char *owner = NULL;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), NULL);

  if (!seats_sync_engine_can_change (self, error))
    return NULL;

  if (!seats_account_get_is_trial (self->state.account))
    {
      g_set_error_literal (error, SEATS_API_ERROR, SEATS_API_ERROR_REFUSED,
                           _("This subscription is not a trial."));
      return NULL;
    }

  /* R18: the server checks the same, with the same function. */
  if (!seats_rules_check_trial_conversion (serial_number, license_owner, error))
    return NULL;

  owner = g_strstrip (g_strdup (license_owner));

  return seats_api_request_convert_trial (serial_number, owner);
}

/* Following the network and the clock. */

static void
background_sync_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The status says what happened; nobody waits for this one. */
  if (!seats_sync_engine_sync_finish (SEATS_SYNC_ENGINE (object), result, &error))
    g_debug ("Background sync failed: %s", error->message);
}

/* A new day: who counts, days left and deadlines are judged again, and the
 * server may have turned the period at the same midnight. */
static gboolean
day_sync_cb (gpointer data)
{
  SeatsSyncEngine *self = data;

  self->day_sync_source = 0;
  seats_sync_engine_sync_async (self, FALSE, NULL, background_sync_cb, NULL);

  return G_SOURCE_REMOVE;
}

static void
day_changed_cb (SeatsSyncEngine *self)
{
  g_signal_emit (self, signals [CHANGED], 0);

  /* Not all clients of an organization at its midnight at once, and not
   * before the server, whose clock may be a little behind, has turned it. */
  if (self->periodic_source != 0 && self->day_sync_source == 0)
    self->day_sync_source = g_timeout_add_seconds (g_random_int_range (5, 60), day_sync_cb, self);
}

static void
network_changed_cb (SeatsSyncEngine *self,
                    gboolean         available,
                    GNetworkMonitor *monitor)
{
  g_assert (SEATS_IS_SYNC_ENGINE (self));

  /* Back online: send what waits and catch up. */
  if (available && self->status == SEATS_SYNC_STATUS_OFFLINE)
    seats_sync_engine_sync_async (self, FALSE, NULL, background_sync_cb, NULL);
}

static gboolean
offline_retry_cb (gpointer user_data)
{
  SeatsSyncEngine *self = user_data;

  self->offline_retry_source = 0;
  seats_sync_engine_sync_async (self, FALSE, NULL, background_sync_cb, NULL);

  return G_SOURCE_REMOVE;
}

/* A started engine that went offline tries again in 15 seconds, then 30,
 * 60, and so on up to the periodic sync's 5 minutes. */
static void
schedule_offline_retry (SeatsSyncEngine *self)
{
  if (self->periodic_source == 0 || self->offline_retry_source != 0)
    return;

  self->offline_retry_s = self->offline_retry_s == 0 ? OFFLINE_RETRY_FIRST_S
                                                     : MIN (self->offline_retry_s * 2, PERIODIC_SYNC_S);
  self->offline_retry_source = g_timeout_add_seconds (self->offline_retry_s, offline_retry_cb, self);
}

static gboolean
periodic_sync_cb (gpointer user_data)
{
  SeatsSyncEngine *self = user_data;

  seats_sync_engine_sync_async (self, FALSE, NULL, background_sync_cb, NULL);

  return G_SOURCE_CONTINUE;
}

/**
 * seats_sync_engine_start:
 * @self: a #SeatsSyncEngine
 *
 * Syncs now, every few minutes, and whenever the network returns.
 */
void
seats_sync_engine_start (SeatsSyncEngine *self)
{
  g_return_if_fail (SEATS_IS_SYNC_ENGINE (self));

  if (self->periodic_source == 0)
    self->periodic_source = g_timeout_add_seconds (PERIODIC_SYNC_S, periodic_sync_cb, self);

  if (self->network_changed_handler == 0)
    {
      self->network_monitor = g_object_ref (g_network_monitor_get_default ());
      self->network_changed_handler =
        g_signal_connect_object (self->network_monitor, "network-changed",
                                 G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
    }

  seats_sync_engine_sync_async (self, FALSE, NULL, background_sync_cb, NULL);
}

void
seats_sync_engine_stop (SeatsSyncEngine *self)
{
  g_return_if_fail (SEATS_IS_SYNC_ENGINE (self));

  g_clear_handle_id (&self->periodic_source, g_source_remove);
  g_clear_handle_id (&self->day_sync_source, g_source_remove);
  g_clear_handle_id (&self->offline_retry_source, g_source_remove);
  g_clear_signal_handler (&self->network_changed_handler, self->network_monitor);
  g_clear_object (&self->network_monitor);

  if (self->pull_cancellable != NULL)
    g_cancellable_cancel (self->pull_cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
}

static void
seats_sync_engine_dispose (GObject *object)
{
  SeatsSyncEngine *self = (SeatsSyncEngine *)object;

  seats_sync_engine_stop (self);
  g_clear_handle_id (&self->sync_deadline, g_source_remove);

  G_OBJECT_CLASS (seats_sync_engine_parent_class)->dispose (object);
}

static void
seats_sync_engine_finalize (GObject *object)
{
  SeatsSyncEngine *self = (SeatsSyncEngine *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  seats_snapshot_clear (&self->state);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_object (&self->pull_cancellable);
  g_clear_object (&self->load_cancellable);

  G_OBJECT_CLASS (seats_sync_engine_parent_class)->finalize (object);
}

static void
seats_sync_engine_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SeatsSyncEngine *self = SEATS_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;

    case PROP_LAST_SYNCED:
      g_value_set_int64 (value, self->state.sync.last_synced);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case PROP_ACCOUNT:
      g_value_set_object (value, self->state.account);
      break;

    case PROP_SUBSCRIPTION:
      g_value_set_object (value, self->state.subscription);
      break;

    case PROP_BILLING_DETAILS:
      g_value_set_object (value, self->state.billing_details);
      break;

    case PROP_PENDING_LICENSE:
      g_value_set_object (value, self->state.pending_license);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seats_sync_engine_class_init (SeatsSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seats_sync_engine_dispose;
  object_class->finalize = seats_sync_engine_finalize;
  object_class->get_property = seats_sync_engine_get_property;

  properties [PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       SEATS_TYPE_SYNC_STATUS,
                       SEATS_SYNC_STATUS_IDLE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL,
                         0.0, 1.0, 0.0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_LAST_SYNCED] =
    g_param_spec_int64 ("last-synced", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         SEATS_TYPE_ACCOUNT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SUBSCRIPTION] =
    g_param_spec_object ("subscription", NULL, NULL,
                         SEATS_TYPE_SUBSCRIPTION,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_BILLING_DETAILS] =
    g_param_spec_object ("billing-details", NULL, NULL,
                         SEATS_TYPE_BILLING_DETAILS,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_PENDING_LICENSE] =
    g_param_spec_object ("pending-license", NULL, NULL,
                         SEATS_TYPE_PENDING_LICENSE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * SeatsSyncEngine:loading:
   *
   * Whether the users are still being read from the local copy: the
   * users model is empty until they are, and syncs wait for them.
   */
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SeatsSyncEngine::changed:
   *
   * Emitted after a sync changed the models and the objects.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
seats_sync_engine_init (SeatsSyncEngine *self)
{
  seats_snapshot_init (&self->state);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->clock = seats_clock_new_following (seats_clock_get_default (), NULL);
  self->sync_deadline_ms = SYNC_DEADLINE_MS;
  g_signal_connect_object (self->clock, "day-changed", G_CALLBACK (day_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * seats_sync_engine_new:
 * @client: the client of the account
 * @store: the local copy of the account
 *
 * Returns: (transfer full): a new #SeatsSyncEngine
 */
SeatsSyncEngine *
seats_sync_engine_new (SeatsClient *client,
                       SeatsStore  *store)
{
  SeatsSyncEngine *self;

  g_return_val_if_fail (SEATS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (SEATS_IS_STORE (store), NULL);

  self = g_object_new (SEATS_TYPE_SYNC_ENGINE, NULL);
  self->client = g_object_ref (client);
  self->store = g_object_ref (store);

  return self;
}

static void
users_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SeatsSyncEngine) self = user_data;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;

  users = seats_store_load_users_finish (SEATS_STORE (object), result, &error);
  g_clear_object (&self->load_cancellable);
  self->loading = FALSE;

  if (users != NULL)
    fill_list (self->state.users, users);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Then the server tells who they are: everything is fetched again. */
      g_warning ("The users of the local copy could not be read: %s", error->message);
      self->pull_full = TRUE;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
  g_signal_emit (self, signals [CHANGED], 0);

  if (self->pull_cancellable != NULL)
    begin_sync (self);
}

/**
 * seats_sync_engine_load:
 * @self: a #SeatsSyncEngine
 * @flags: whether to read the users later
 * @error: why the local copy could not be read
 *
 * Shows the local copy at once, before any sync: one items-changed per
 * list. With %SEATS_SYNC_LOAD_USERS_LATER the users follow from a thread
 * of their own, so that a window can show the account before they are
 * read; #SeatsSyncEngine:loading is %TRUE until they are there.
 */
gboolean
seats_sync_engine_load (SeatsSyncEngine     *self,
                        SeatsSyncLoadFlags   flags,
                        GError             **error)
{
  gboolean users_later = (flags & SEATS_SYNC_LOAD_USERS_LATER) != 0;
  gboolean loaded;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (!self->loading, FALSE);

  g_object_freeze_notify (G_OBJECT (self));

  if (users_later)
    loaded = seats_store_load_all_but_users (self->store, &self->state, error);
  else
    loaded = seats_store_load (self->store, &self->state, error);

  if (!loaded)
    {
      g_object_thaw_notify (G_OBJECT (self));
      return FALSE;
    }

  if (users_later)
    {
      self->loading = TRUE;
      self->load_cancellable = g_cancellable_new ();
      seats_store_load_users_async (self->store, G_PRIORITY_DEFAULT, self->load_cancellable,
                                    users_loaded_cb, g_object_ref (self));
    }

  for (guint i = PROP_LAST_SYNCED; i < N_PROPS; i++)
    if (i != PROP_ERROR_MESSAGE)
      g_object_notify_by_pspec (G_OBJECT (self), properties [i]);

  g_object_thaw_notify (G_OBJECT (self));

  update_time_zone (self);
  g_signal_emit (self, signals [CHANGED], 0);

  return TRUE;
}

/**
 * seats_sync_engine_set_deadline:
 * @self: a #SeatsSyncEngine
 * @deadline_ms: how long a whole sync may take
 *
 * A sync that is not done after this long is given up with
 * %SEATS_API_ERROR_TIMEOUT, the local copy as it was.
 */
void
seats_sync_engine_set_deadline (SeatsSyncEngine *self,
                                guint            deadline_ms)
{
  g_return_if_fail (SEATS_IS_SYNC_ENGINE (self));
  g_return_if_fail (deadline_ms > 0);

  self->sync_deadline_ms = deadline_ms;
}

#define GETTER(type, name, expr)                        \
  type                                                  \
  seats_sync_engine_get_##name (SeatsSyncEngine *self)  \
  {                                                     \
    g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), 0); \
    return expr;                                        \
  }

GETTER (SeatsClient *, client, self->client)
GETTER (SeatsStore *, store, self->store)
/* seats_sync_engine_get_clock: (transfer none): the account's clock, the
 * application's time with today in the organization's time zone; its
 * day-changed comes at the organization's midnight. */
GETTER (SeatsClock *, clock, self->clock)
GETTER (SeatsSyncStatus, status, self->status)
GETTER (double, progress, self->progress)
GETTER (gint64, last_synced, self->state.sync.last_synced)
GETTER (const char *, error_message, self->error_message)
GETTER (guint, request_count, self->request_count)
GETTER (gboolean, loading, self->loading)
GETTER (SeatsAccount *, account, self->state.account)
GETTER (SeatsSubscription *, subscription, self->state.subscription)
GETTER (SeatsBillingDetails *, billing_details, self->state.billing_details)
GETTER (SeatsPendingLicense *, pending_license, self->state.pending_license)
GETTER (GListModel *, products, G_LIST_MODEL (self->state.products))
GETTER (GListModel *, users, G_LIST_MODEL (self->state.users))
GETTER (GListModel *, orders, G_LIST_MODEL (self->state.orders))
GETTER (GListModel *, invoices, G_LIST_MODEL (self->state.invoices))
GETTER (GListModel *, actions, G_LIST_MODEL (self->state.actions))
GETTER (GListModel *, features, G_LIST_MODEL (self->state.features))
GETTER (GListModel *, history, G_LIST_MODEL (self->state.history))

#undef GETTER

typedef gboolean (*MatchFunc) (gpointer      item,
                               gconstpointer data);

/* The first item of @model that @match accepts. The model keeps its
 * reference: the item lives until the next sync replaces the list. */
static gpointer
find_item (GListModel    *model,
           MatchFunc      match,
           gconstpointer  data)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (match (item, data))
        return item;
    }

  return NULL;
}

static gboolean
product_has_id (gpointer      item,
                gconstpointer id)
{
  return g_strcmp0 (seats_product_get_id (item), id) == 0;
}

static gboolean
product_is_user_seats (gpointer      item,
                       gconstpointer data)
{
  return seats_product_get_kind (item) == SEATS_PRODUCT_KIND_USER_SEATS;
}

static gboolean
user_has_id (gpointer      item,
             gconstpointer id)
{
  return g_strcmp0 (seats_user_get_id (item), id) == 0;
}

static gboolean
feature_has_id (gpointer      item,
                gconstpointer id)
{
  return g_strcmp0 (seats_feature_get_id (item), id) == 0;
}

/**
 * seats_sync_engine_find_feature:
 * @self: a #SeatsSyncEngine
 * @feature_id: the id of a feature or integration switch
 *
 * Returns: (transfer none) (nullable): the feature
 */
SeatsFeature *
seats_sync_engine_find_feature (SeatsSyncEngine *self,
                                const char      *feature_id)
{
  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (feature_id != NULL, NULL);

  return find_item (G_LIST_MODEL (self->state.features), feature_has_id, feature_id);
}

/**
 * seats_sync_engine_find_product:
 * @self: a #SeatsSyncEngine
 * @product_id: the id of a product
 *
 * Returns: (transfer none) (nullable): the product
 */
SeatsProduct *
seats_sync_engine_find_product (SeatsSyncEngine *self,
                                const char      *product_id)
{
  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  return find_item (G_LIST_MODEL (self->state.products), product_has_id, product_id);
}

/**
 * seats_sync_engine_find_user_seats:
 * @self: a #SeatsSyncEngine
 *
 * Returns: (transfer none) (nullable): the product of the user licenses
 */
SeatsProduct *
seats_sync_engine_find_user_seats (SeatsSyncEngine *self)
{
  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), NULL);

  return find_item (G_LIST_MODEL (self->state.products), product_is_user_seats, NULL);
}

/**
 * seats_sync_engine_find_user:
 * @self: a #SeatsSyncEngine
 * @user_id: a SCIM id
 *
 * Returns: (transfer none) (nullable): the user
 */
SeatsUser *
seats_sync_engine_find_user (SeatsSyncEngine *self,
                             const char      *user_id)
{
  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (user_id != NULL, NULL);

  return find_item (G_LIST_MODEL (self->state.users), user_has_id, user_id);
}
