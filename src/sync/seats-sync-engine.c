/* seats-sync-engine.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-api-error.h"
#include "seats-license.h"
#include "seats-source.h"
#include "seats-store.h"
#include "seats-sync-engine.h"

/* Deletions upstream are seen by the delta; a full reconcile now and then
 * also mends anything a delta could have missed. */
#define RECONCILE_INTERVAL_S    (24 * 60 * 60)
#define PERIODIC_SYNC_S         (5 * 60)
#define OFFLINE_RETRY_FIRST_S   15
/* A whole sync, its outbox and every page included, however slowly the
 * server answers: a full sync of 100,000 users takes seconds. */
#define SYNC_DEADLINE_MS        (3 * 60 * 1000)
/* The newest orders and log entries kept of an account. */
#define LIST_LIMIT              500

struct _SeatsSyncEngine
{
  GObject          parent_instance;

  SeatsSource     *source;
  SeatsStore      *store;
  SeatsSnapshot    state;
  /* The application's clock in the organization's time zone. */
  SeatsClock      *clock;

  SeatsSyncStatus  status;
  double           progress;
  char            *error_message;

  /* One thing at a time reaches the source and the local copy: a sync
   * (the outbox, then a pull) or one change. The one under way is first. */
  GQueue           operations;
  gboolean         running;

  /* Callers waiting for the sync queued or under way, which they share. */
  GPtrArray       *waiting;
  gboolean         pull_full;
  GCancellable    *sync_cancellable;
  guint            sync_deadline_ms;
  guint            sync_deadline;
  gboolean         sync_timed_out;

  /* The users, while they are read from the local copy: a sync asked for
   * meanwhile begins when they are there. */
  GCancellable    *load_cancellable;
  gboolean         loading;

  GNetworkMonitor *network_monitor;
  guint            periodic_source;
  guint            day_sync_source;
  /* Offline: the next try, sooner than the periodic sync, and later each
   * time it fails. */
  guint            offline_retry_source;
  guint            offline_retry_s;
  gulong           network_changed_handler;

  /* The users by id, borrowed from state.users; built again when first
   * asked for after the users changed. */
  GHashTable      *users_by_id;
  gboolean         users_by_id_stale;
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

static void run_next_operation (SeatsSyncEngine *self);
static void schedule_offline_retry (SeatsSyncEngine *self);

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

static void
source_progress_cb (SeatsSyncEngine *self,
                    double           progress,
                    SeatsSource     *source)
{
  if (self->status == SEATS_SYNC_STATUS_SYNCING)
    set_progress (self, progress);
}

/* Whom the account syncs with, which messages name. */
static gboolean
is_scim (SeatsSyncEngine *self)
{
  return self->state.account != NULL &&
         seats_account_get_source (self->state.account) == SEATS_ACCOUNT_SOURCE_SCIM;
}

static gboolean
is_offline_error (const GError *error)
{
  return g_error_matches (error, SEATS_API_ERROR, SEATS_API_ERROR_OFFLINE) ||
         g_error_matches (error, SEATS_API_ERROR, SEATS_API_ERROR_TIMEOUT);
}

static gboolean
is_unreachable (const GError *error)
{
  return seats_api_error_is_transient (error) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
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

/* Applying what a source gave. */

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
 * deleted ones gone; what stayed the same is not said to have changed. */
static void
merge_users (SeatsUserList *store,
             GListModel    *changed,
             GStrv          deleted_ids)
{
  g_autoptr(GHashTable) deleted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autoptr(GPtrArray) merged = NULL;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint n_changed = g_list_model_get_n_items (changed);

  if (n_changed == 0 && (deleted_ids == NULL || deleted_ids[0] == NULL))
    return;

  merged = g_ptr_array_new_full (n_old + n_changed, g_object_unref);

  for (guint i = 0; deleted_ids != NULL && deleted_ids[i] != NULL; i++)
    g_hash_table_add (deleted, deleted_ids[i]);

  for (guint i = 0; i < n_changed; i++)
    {
      SeatsUser *user = g_list_model_get_item (changed, i);

      g_hash_table_insert (by_id, (gpointer) seats_user_get_id (user), user);
    }

  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (G_LIST_MODEL (store), i);
      const char *id = seats_user_get_id (user);
      SeatsUser *replacement;

      if (g_hash_table_contains (deleted, id))
        continue;

      replacement = g_hash_table_lookup (by_id, id);
      if (replacement != NULL)
        {
          g_ptr_array_add (merged, g_object_ref (replacement));
          g_hash_table_remove (by_id, id);
        }
      else
        g_ptr_array_add (merged, g_steal_pointer (&user));
    }

  /* What is left is new, in the order the source sent it. */
  for (guint i = 0; i < n_changed; i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (changed, i);
      const char *id = seats_user_get_id (user);

      if (g_hash_table_contains (by_id, id) && !g_hash_table_contains (deleted, id))
        g_ptr_array_add (merged, g_object_ref (user));
    }

  /* The users not in the delta are the same objects: only the changed
   * stretches are said to have changed, and a view sorts again those. */
  seats_user_list_replace (store, (SeatsUser **) merged->pdata, merged->len);
}

typedef const char *(*GetIdFunc) (gpointer item);

/* @newer, the new and changed items of a list, merged into @known by id:
 * newest first, at most LIST_LIMIT. */
static void
merge_newest (GListStore *result,
              GListModel *known,
              GListModel *newer,
              GetIdFunc   get_id)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) merged = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *lists[] = { newer, known };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]) && merged->len < LIST_LIMIT; i++)
      {
        gpointer item = g_list_model_get_item (lists[l], i);

        if (g_hash_table_add (seen, (gpointer) get_id (item)))
          g_ptr_array_add (merged, item);
        else
          g_object_unref (item);
      }

  g_list_store_splice (result, 0, g_list_model_get_n_items (G_LIST_MODEL (result)),
                       merged->pdata, merged->len);
}

/* Before it is saved, a pull carries whole lists: those of which it
 * brought only the newest are completed from the local copy. */
static void
complete_lists (SeatsSyncEngine *self,
                SeatsPull       *pull)
{
  static const struct {
    SeatsPullParts part;
    gsize          offset;
    GetIdFunc      get_id;
  } lists[] = {
    { SEATS_PULL_PART_ORDERS, G_STRUCT_OFFSET (SeatsSnapshot, orders),
      (GetIdFunc) seats_order_get_id },
    { SEATS_PULL_PART_INVOICES, G_STRUCT_OFFSET (SeatsSnapshot, invoices),
      (GetIdFunc) seats_invoice_get_id },
    { SEATS_PULL_PART_ACTIONS, G_STRUCT_OFFSET (SeatsSnapshot, actions),
      (GetIdFunc) seats_action_entry_get_id },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      GListStore *newer, *known;
      g_autoptr(GListStore) merged = NULL;

      if (!(pull->newest_only & lists[i].part))
        continue;

      newer = G_STRUCT_MEMBER (GListStore *, &pull->snapshot, lists[i].offset);
      known = G_STRUCT_MEMBER (GListStore *, &self->state, lists[i].offset);
      merged = g_list_store_new (g_list_model_get_item_type (G_LIST_MODEL (newer)));
      merge_newest (merged, G_LIST_MODEL (known), G_LIST_MODEL (newer), lists[i].get_id);
      replace_list (newer, G_LIST_MODEL (merged));
    }

  pull->newest_only = 0;
}

/* The local copy is written: now the models follow, one change each. */
static void
show_pull (SeatsSyncEngine *self,
           SeatsPull       *pull)
{
  SeatsSnapshot *next = &pull->snapshot;
  SeatsPullParts parts = pull->kind == SEATS_PULL_UNCHANGED ? 0 : pull->parts;
  GHashTableIter iter;
  gpointer key, value;

  g_object_freeze_notify (G_OBJECT (self));

  if (parts & SEATS_PULL_PART_ACCOUNT)
    replace_object (self, (gpointer *) &self->state.account, next->account, PROP_ACCOUNT);
  if (parts & SEATS_PULL_PART_SUBSCRIPTION)
    replace_object (self, (gpointer *) &self->state.subscription, next->subscription,
                    PROP_SUBSCRIPTION);
  if (parts & SEATS_PULL_PART_BILLING)
    replace_object (self, (gpointer *) &self->state.billing_details, next->billing_details,
                    PROP_BILLING_DETAILS);
  if (parts & SEATS_PULL_PART_PENDING_LICENSE)
    replace_object (self, (gpointer *) &self->state.pending_license, next->pending_license,
                    PROP_PENDING_LICENSE);

  if (parts & SEATS_PULL_PART_PRODUCTS)
    replace_list (self->state.products, G_LIST_MODEL (next->products));
  if (parts & SEATS_PULL_PART_ORDERS)
    replace_list (self->state.orders, G_LIST_MODEL (next->orders));
  if (parts & SEATS_PULL_PART_INVOICES)
    replace_list (self->state.invoices, G_LIST_MODEL (next->invoices));
  if (parts & SEATS_PULL_PART_ACTIONS)
    replace_list (self->state.actions, G_LIST_MODEL (next->actions));
  if (parts & SEATS_PULL_PART_FEATURES)
    replace_list (self->state.features, G_LIST_MODEL (next->features));
  if (parts & SEATS_PULL_PART_HISTORY)
    replace_list (self->state.history, G_LIST_MODEL (next->history));

  if (parts & SEATS_PULL_PART_USERS)
    {
      /* The pull is shown last: its users are handed over, and those
       * the views show already stay. */
      if (pull->kind == SEATS_PULL_FULL)
        seats_user_list_update (self->state.users, next->users);
      else
        merge_users (self->state.users, G_LIST_MODEL (next->users), pull->deleted_ids);
    }

  if (pull->kind == SEATS_PULL_FULL && parts == SEATS_PULL_PARTS_ALL)
    g_hash_table_remove_all (self->state.sync.etags);
  g_hash_table_iter_init (&iter, next->sync.etags);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (self->state.sync.etags, g_strdup (key), g_strdup (value));

  if (self->state.sync.last_synced != next->sync.last_synced)
    {
      self->state.sync.last_synced = next->sync.last_synced;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LAST_SYNCED]);
    }
  self->state.sync.delta_cursor = next->sync.delta_cursor;
  self->state.sync.last_full_reconcile = next->sync.last_full_reconcile;

  g_object_thaw_notify (G_OBJECT (self));

  /* Once everything is in place: a new zone may make it another day. */
  update_time_zone (self);
  if (parts != 0)
    g_signal_emit (self, signals [CHANGED], 0);
}

typedef struct
{
  SeatsPull *pull;
} Saving;

static void
saving_free (gpointer data)
{
  Saving *saving = data;

  g_clear_pointer (&saving->pull, seats_pull_free);
  g_free (saving);
}

static gpointer
free_users_thread (gpointer data)
{
  g_ptr_array_unref (data);
  return NULL;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SeatsSyncEngine *self = g_task_get_source_object (task);
  Saving *saving = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!seats_store_write_finish (SEATS_STORE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  show_pull (self, saving->pull);

  /* The users of a full pull that the views did not take, 100,000 after a
   * full sync that changed nothing, are freed off the main loop: nothing
   * but the pull ever held them. */
  if (saving->pull->kind == SEATS_PULL_FULL)
    {
      GPtrArray *unshown = seats_user_list_take_unshared (saving->pull->snapshot.users,
                                                          self->state.users);

      g_thread_unref (g_thread_new ("seats-free-users", free_users_thread, unshown));
    }

  g_task_return_boolean (task, TRUE);
}

/* Writes @pull to the local copy off the main thread, in one transaction
 * (with @done_entry marked done), and then shows it. */
static void
save_pull_async (SeatsSyncEngine     *self,
                 SeatsPull           *pull,
                 gint64               done_entry,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);
  Saving *saving = g_new0 (Saving, 1);

  saving->pull = pull;
  g_task_set_task_data (task, saving, saving_free);

  complete_lists (self, pull);
  seats_store_save_pull_async (self->store, pull, done_entry, NULL, saved_cb, task);
}

static gboolean
save_pull_finish (SeatsSyncEngine  *self,
                  GAsyncResult     *result,
                  GError          **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The operations, one at a time. */

typedef void (*OperationFunc) (GTask *task);

static void
operation_done (SeatsSyncEngine *self)
{
  self->running = FALSE;
  run_next_operation (self);
}

static void
run_next_operation (SeatsSyncEngine *self)
{
  GTask *task;
  OperationFunc run;

  if (self->running || self->loading)
    return;

  task = g_queue_pop_head (&self->operations);
  if (task == NULL)
    return;

  self->running = TRUE;
  run = g_object_get_data (G_OBJECT (task), "seats-run");
  run (task);
}

static void
queue_operation (SeatsSyncEngine *self,
                 GTask           *task,
                 OperationFunc    run)
{
  g_object_set_data (G_OBJECT (task), "seats-run", run);
  g_queue_push_tail (&self->operations, task);
  run_next_operation (self);
}

/* The outbox: a change is written before it is sent and stays until the
 * source has answered it, so that a lost answer is asked again with the
 * same idempotency key, after a restart too. */

typedef struct
{
  SeatsOutboxEntry *entry;
  SeatsChange      *change;
  /* What the change undoes to, from the state before it. */
  SeatsChange      *undo;
  GError           *refusal;
} Send;

static void
send_free (gpointer data)
{
  Send *send = data;

  g_clear_pointer (&send->entry, seats_outbox_entry_free);
  g_clear_pointer (&send->change, seats_change_unref);
  g_clear_pointer (&send->undo, seats_change_unref);
  g_clear_error (&send->refusal);
  g_free (send);
}

typedef struct
{
  gint64  id;
  char   *message;
} MarkFailed;

static void
mark_failed_free (gpointer data)
{
  MarkFailed *mark = data;

  g_free (mark->message);
  g_free (mark);
}

static gboolean
mark_failed_write (SeatsStore  *store,
                   gpointer     data,
                   GError     **error)
{
  MarkFailed *mark = data;

  return seats_store_outbox_mark_failed (store, mark->id, mark->message, error);
}

static gboolean
mark_sent_write (SeatsStore  *store,
                 gpointer     data,
                 GError     **error)
{
  return seats_store_outbox_mark_sent (store, *(gint64 *) data, error);
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!seats_store_write_finish (SEATS_STORE (object), result, &error))
    g_warning ("Could not record the state of a change in the outbox: %s", error->message);
}

/* Keeps a refused change out of the way, with the reason; @task returns
 * @error once that is written, so that whoever waits finds it so. */
static void
refused_marked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *refusal = g_object_steal_data (G_OBJECT (task), "seats-refusal");

  write_done_cb (object, result, NULL);
  g_task_return_error (task, refusal);
}

static void
mark_failed (SeatsSyncEngine *self,
             gint64           id,
             GTask           *task,
             GError          *refusal)
{
  MarkFailed *mark = g_new0 (MarkFailed, 1);

  mark->id = id;
  mark->message = g_strdup (refusal->message);
  g_object_set_data (G_OBJECT (task), "seats-refusal", refusal);
  seats_store_write_async (self->store, mark_failed_write, mark, mark_failed_free, NULL,
                           refused_marked_cb, task);
}

/* The users of a selection whose state the answer shows as asked: what
 * was made of a change only a part of which was. */
static SeatsChange *
made_part (SeatsSyncEngine *self,
           SeatsChange     *change)
{
  const char * const *ids = seats_change_get_user_ids (change);
  const char *product_id = seats_change_get_product_id (change);
  gboolean on = seats_change_get_on (change);
  g_autoptr(GPtrArray) made = g_ptr_array_new ();

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      SeatsUser *user = seats_sync_engine_find_user (self, ids[i]);
      gboolean is_on;

      if (user == NULL)
        continue;

      is_on = seats_change_get_kind (change) == SEATS_CHANGE_MODULE
              ? seats_user_has_module (user, product_id)
              : seats_user_get_active (user);
      if (is_on == on)
        g_ptr_array_add (made, (gpointer) ids[i]);
    }

  if (made->len == 0)
    return NULL;

  g_ptr_array_add (made, NULL);
  if (seats_change_get_kind (change) == SEATS_CHANGE_MODULE)
    return seats_change_new_module (product_id, (const char * const *) made->pdata, on);

  return seats_change_new_users_active ((const char * const *) made->pdata, on);
}

static void
send_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SeatsSyncEngine *self = SEATS_SYNC_ENGINE (object);
  Send *send = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!save_pull_finish (self, result, &error))
    {
      /* The change is made; the next sync brings what it did. */
      g_warning ("Could not save the answer to a change: %s", error->message);
      seats_store_outbox_mark_done (self->store, send->entry->id, NULL);
    }

  if (send->refusal != NULL)
    {
      /* Undo is for what was made of a selection, not for all of it. */
      g_autoptr(SeatsChange) made = made_part (self, send->change);

      g_clear_pointer (&send->undo, seats_change_unref);
      if (made != NULL)
        send->undo = seats_change_invert (made, &self->state);
      g_task_return_error (task, g_steal_pointer (&send->refusal));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
send_answered_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SeatsSyncEngine *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SeatsPull *answer;

  answer = seats_source_send_finish (SEATS_SOURCE (object), result, &error);
  if (answer == NULL)
    {
      /* Answered with a refusal: done with, and the person is told why. */
      if (!is_unreachable (error))
        {
          mark_failed (self, send->entry->id, g_steal_pointer (&task), g_steal_pointer (&error));
          return;
        }

      /* Not answered: it stays in the outbox and is sent again later. */
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The times of the last sync stay; the source gives where a delta goes
   * on from, and the versions it answered with. */
  answer->snapshot.sync.last_synced = self->state.sync.last_synced;
  answer->snapshot.sync.last_full_reconcile = self->state.sync.last_full_reconcile;
  if (answer->kind == SEATS_PULL_FULL)
    answer->snapshot.sync.last_full_reconcile = seats_clock_get_unix_time (self->clock);
  send->refusal = g_steal_pointer (&answer->refusal);

  save_pull_async (self, answer, send->entry->id, send_saved_cb, g_steal_pointer (&task));
}

static void
send_marked_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SeatsSyncEngine *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;

  if (!seats_store_write_finish (SEATS_STORE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  seats_source_send_async (self->source, send->change, send->entry->idempotency_key, &self->state,
                           cancellable, send_answered_cb, g_steal_pointer (&task));
}

/* Sends one entry of the outbox and applies the answer: one transaction
 * saves what the answer changed and marks the entry done. */
static void
send_entry_async (SeatsSyncEngine     *self,
                  SeatsOutboxEntry    *entry,
                  SeatsChange         *change,
                  SeatsChange         *undo,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  Send *send = g_new0 (Send, 1);

  g_task_set_source_tag (task, send_entry_async);
  g_task_set_task_data (task, send, send_free);
  send->entry = entry;
  send->undo = undo != NULL ? seats_change_ref (undo) : NULL;

  send->change = change != NULL ? seats_change_ref (change)
                                : seats_change_deserialize (entry->payload, &error);
  /* Or as an earlier version kept it; then that is why it cannot be. */
  if (send->change == NULL)
    {
      g_autoptr(GError) kept_error = NULL;

      send->change = seats_source_read_kept_change (self->source, entry->payload, &kept_error);
      if (send->change != NULL || kept_error != NULL)
        {
          g_clear_error (&error);
          error = g_steal_pointer (&kept_error);
        }
    }
  if (send->change == NULL)
    {
      /* Nothing can ever send it: keep it out of the way, with the reason. */
      mark_failed (self, entry->id, g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }

  seats_store_write_async (self->store, mark_sent_write, g_memdup2 (&entry->id, sizeof entry->id),
                           g_free, NULL, send_marked_cb, g_steal_pointer (&task));
}

static gboolean
send_entry_finish (SeatsSyncEngine  *self,
                   GAsyncResult     *result,
                   SeatsChange     **undo,
                   GError          **error)
{
  Send *send = g_task_get_task_data (G_TASK (result));

  if (undo != NULL)
    *undo = send->undo != NULL ? seats_change_ref (send->undo) : NULL;

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Flushing: every change still waiting, oldest first. */

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

  if (!send_entry_finish (SEATS_SYNC_ENGINE (object), result, NULL, &error))
    {
      /* Unreachable: the rest waits too, in order. */
      if (is_unreachable (error))
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
      if (flush->first_refusal != NULL)
        g_task_return_error (task, g_steal_pointer (&flush->first_refusal));
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  /* The array gives up each entry to the send that owns it now. */
  entry = g_steal_pointer (&g_ptr_array_index (flush->entries, flush->next));
  flush->next++;

  send_entry_async (self, entry, NULL, NULL, g_task_get_cancellable (task), flush_sent_cb, task);
}

static void
flush_begin (SeatsSyncEngine     *self,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  Flush *flush = g_new0 (Flush, 1);

  g_task_set_task_data (task, flush, flush_free);
  flush->entries = seats_store_outbox_list_pending (self->store, &error);
  if (flush->entries == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  g_ptr_array_set_free_func (flush->entries, (GDestroyNotify) seats_outbox_entry_free);

  flush_next (task);
}

/* A sync: the outbox, then a pull, shared by every caller that asked. */

static void
complete_waiting (SeatsSyncEngine *self,
                  const GError    *error)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_clear_object (&self->sync_cancellable);
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
sync_failed (SeatsSyncEngine *self,
             GTask           *task,
             GError          *error)
{
  g_autoptr(GError) owned = error;

  if (self->sync_timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&owned);
      error = owned = g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_TIMEOUT,
                                           is_scim (self)
                                           ? _("The service is too slow: the sync did not finish in "
                                               "time. Seats will try again later.")
                                           : _("The license server is too slow: the sync did not "
                                               "finish in time. Seats will try again later."));
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_status (self, SEATS_SYNC_STATUS_IDLE, NULL);
  else if (is_offline_error (error))
    set_status (self, SEATS_SYNC_STATUS_OFFLINE, error->message);
  else
    set_status (self, SEATS_SYNC_STATUS_ERROR, error->message);

  set_progress (self, 0.0);
  complete_waiting (self, error);
  g_task_return_boolean (task, FALSE);
  g_object_unref (task);
  operation_done (self);
}

static void
sync_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  SeatsSyncEngine *self = SEATS_SYNC_ENGINE (object);
  GError *error = NULL;

  if (!save_pull_finish (self, result, &error))
    {
      sync_failed (self, task, error);
      return;
    }

  set_progress (self, 1.0);
  set_status (self, SEATS_SYNC_STATUS_IDLE, NULL);
  complete_waiting (self, NULL);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
  operation_done (self);
}

static void
sync_pulled_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  SeatsSyncEngine *self = g_task_get_source_object (task);
  GError *error = NULL;
  SeatsPull *pull;
  gint64 now;

  pull = seats_source_pull_finish (SEATS_SOURCE (object), result, &error);
  if (pull == NULL)
    {
      sync_failed (self, task, error);
      return;
    }

  now = seats_clock_get_unix_time (self->clock);
  pull->snapshot.sync.last_synced = now;
  pull->snapshot.sync.last_full_reconcile = pull->kind == SEATS_PULL_FULL
                                            ? now : self->state.sync.last_full_reconcile;

  save_pull_async (self, pull, 0, sync_saved_cb, task);
}

static void
sync_flushed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  SeatsSyncEngine *self = SEATS_SYNC_ENGINE (object);
  GError *error = NULL;
  gboolean full = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "seats-full"));
  gint64 now = seats_clock_get_unix_time (self->clock);

  /* A change the source refused is reported where it was made; the pull
   * goes on. An unreachable source ends the sync here. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (is_unreachable (error))
        {
          sync_failed (self, task, error);
          return;
        }
      g_clear_error (&error);
    }

  /* Without a cursor, or when the last reconcile is old, fetch everyone. */
  if (self->state.sync.delta_cursor == 0 ||
      now - self->state.sync.last_full_reconcile > RECONCILE_INTERVAL_S)
    full = TRUE;

  seats_source_pull_async (self->source, &self->state, full, self->sync_cancellable,
                           sync_pulled_cb, task);
}

static gboolean
sync_deadline_cb (gpointer data)
{
  SeatsSyncEngine *self = data;

  self->sync_deadline = 0;
  self->sync_timed_out = TRUE;
  g_cancellable_cancel (self->sync_cancellable);

  return G_SOURCE_REMOVE;
}

static void
run_sync (GTask *task)
{
  SeatsSyncEngine *self = g_task_get_source_object (task);

  g_object_set_data (G_OBJECT (task), "seats-full", GINT_TO_POINTER (self->pull_full));
  self->pull_full = FALSE;

  self->sync_timed_out = FALSE;
  g_clear_handle_id (&self->sync_deadline, g_source_remove);
  self->sync_deadline = g_timeout_add (self->sync_deadline_ms, sync_deadline_cb, self);

  set_status (self, SEATS_SYNC_STATUS_SYNCING, NULL);
  set_progress (self, 0.0);

  flush_begin (self, self->sync_cancellable, sync_flushed_cb, task);
}

/**
 * seats_sync_engine_sync_async:
 * @self: a #SeatsSyncEngine
 * @full: %TRUE to fetch everything, as a reconcile does
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the sync is done
 * @user_data: data for @callback
 *
 * Sends what waits in the outbox, then pulls what changed from the source
 * and writes it to the local copy in one transaction, off the main thread,
 * before the models change. An unchanged account costs one small request.
 * A sync asked for while one waits to begin is joined rather than asked
 * again; one asked for while the users are still read from the local copy
 * begins when they are there.
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
  self->pull_full |= full;

  /* A sync under way joins; one that has not begun does too. */
  if (self->sync_cancellable != NULL)
    {
      g_ptr_array_add (self->waiting, g_steal_pointer (&task));
      return;
    }

  g_ptr_array_add (self->waiting, g_steal_pointer (&task));
  self->sync_cancellable = g_cancellable_new ();
  set_status (self, SEATS_SYNC_STATUS_SYNCING, NULL);
  set_progress (self, 0.0);

  queue_operation (self, g_task_new (self, self->sync_cancellable, NULL, NULL), run_sync);
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
flush_operation_done_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SeatsSyncEngine *self = SEATS_SYNC_ENGINE (object);
  GError *error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);

  operation_done (self);
}

static void
run_flush (GTask *task)
{
  SeatsSyncEngine *self = g_task_get_source_object (task);

  flush_begin (self, g_task_get_cancellable (task), flush_operation_done_cb, task);
}

/**
 * seats_sync_engine_flush_outbox_async:
 * @self: a #SeatsSyncEngine
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every waiting change was sent or one could not be
 * @user_data: data for @callback
 *
 * Sends the changes waiting in the outbox, oldest first, with their own
 * idempotency keys, and applies each answer. Stops at the first one the
 * source cannot be reached for.
 */
void
seats_sync_engine_flush_outbox_async (SeatsSyncEngine     *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (SEATS_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, seats_sync_engine_flush_outbox_async);
  queue_operation (self, task, run_flush);
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

/* Changes. */

/**
 * seats_sync_engine_can_change:
 * @self: a #SeatsSyncEngine
 * @kind: the kind of change
 * @error: why nothing of @kind can be changed now, for the person
 *
 * Returns: %TRUE if the account may be changed so now: by its role, its
 *   reseller (R10), its secret and the connection
 */
gboolean
seats_sync_engine_can_change (SeatsSyncEngine  *self,
                              SeatsChangeKind   kind,
                              GError          **error)
{
  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), FALSE);

  if (self->state.account == NULL)
    {
      g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_FOUND,
                           _("The account has not been synced yet."));
      return FALSE;
    }

  if (!seats_source_has_secret (self->source, error) ||
      !seats_snapshot_can_change (&self->state, kind, error))
    return FALSE;

  /* Offline nothing is queued silently: the person is told at once. */
  if (self->status == SEATS_SYNC_STATUS_OFFLINE)
    {
      g_set_error_literal (error, SEATS_API_ERROR, SEATS_API_ERROR_OFFLINE,
                           is_scim (self)
                           ? _("The service cannot be reached, so nothing can be changed now. "
                               "Seats syncs again when the connection returns.")
                           : _("The license server cannot be reached, so nothing can be changed "
                               "now. Seats syncs again when the connection returns."));
      return FALSE;
    }

  return TRUE;
}

/**
 * seats_sync_engine_supports:
 * @kind: a kind of change
 *
 * Returns: %TRUE if the account's source makes changes of @kind at all;
 *   what it cannot do is not offered
 */
gboolean
seats_sync_engine_supports (SeatsSyncEngine *self,
                            SeatsChangeKind  kind)
{
  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), FALSE);

  /* A service of users only buys and counts under terms kept on this
   * computer, once there are some. */
  if ((kind == SEATS_CHANGE_BUY || kind == SEATS_CHANGE_NEXT_PERIOD || kind == SEATS_CHANGE_ORDERS_PUT) &&
      self->state.account != NULL &&
      seats_account_get_source (self->state.account) == SEATS_ACCOUNT_SOURCE_SCIM &&
      !seats_snapshot_terms_kept_here (&self->state))
    return FALSE;

  return seats_source_supports (self->source, kind);
}

/**
 * seats_sync_engine_check_supported:
 * @kind: a kind of change
 * @error: why it is not offered, for the person
 *
 * Returns: %TRUE if the account's source makes changes of @kind
 */
gboolean
seats_sync_engine_check_supported (SeatsSyncEngine  *self,
                                   SeatsChangeKind   kind,
                                   GError          **error)
{
  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), FALSE);

  if (seats_sync_engine_supports (self, kind))
    return TRUE;

  g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_SUPPORTED,
                       is_scim (self)
                       ? _("This account syncs with a SCIM 2.0 service, which gives its users "
                           "and their status only: this is changed in the vendor’s portal.")
                       : _("The service this account syncs with does not offer this change."));
  return FALSE;
}

/**
 * seats_sync_engine_check:
 * @self: a #SeatsSyncEngine
 * @change: a change the person asked for
 * @outcome: (out caller-allocates) (optional): what it will do
 * @error: why it is refused, for the person
 *
 * Checks @change against the local copy and today, with the same domain
 * function the license server checks it with, before anything is sent:
 * whether it is allowed and what it will do. Whether it can be sent now
 * (offline, the keyring) is seats_sync_engine_can_change().
 *
 * Returns: (transfer full) (nullable): the change to submit, narrowed to
 *   the users it changes, or %NULL with @error set
 */
SeatsChange *
seats_sync_engine_check (SeatsSyncEngine     *self,
                         SeatsChange         *change,
                         SeatsChangeOutcome  *outcome,
                         GError             **error)
{
  GDate today;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (change != NULL, NULL);

  if (!seats_sync_engine_check_supported (self, seats_change_get_kind (change), error))
    return NULL;

  seats_clock_get_today (self->clock, &today);

  return seats_change_check (change, &self->state, &today, outcome, error);
}

typedef struct
{
  char             *kind;
  char             *payload;
  SeatsOutboxEntry *entry;
} Enqueue;

static void
enqueue_free (gpointer data)
{
  Enqueue *enqueue = data;

  g_free (enqueue->kind);
  g_free (enqueue->payload);
  g_clear_pointer (&enqueue->entry, seats_outbox_entry_free);
  g_free (enqueue);
}

static gboolean
enqueue_write (SeatsStore  *store,
               gpointer     data,
               GError     **error)
{
  Enqueue *enqueue = data;

  enqueue->entry = seats_store_outbox_enqueue (store, enqueue->kind, enqueue->payload, error);

  return enqueue->entry != NULL;
}

typedef struct
{
  SeatsChange      *change;
  SeatsChange      *undo;
  SeatsOutboxEntry *entry;
} Submit;

static void
submit_free (gpointer data)
{
  Submit *submit = data;

  g_clear_pointer (&submit->change, seats_change_unref);
  g_clear_pointer (&submit->undo, seats_change_unref);
  g_clear_pointer (&submit->entry, seats_outbox_entry_free);
  g_free (submit);
}

static void
submit_synced_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *change_error = g_object_get_data (G_OBJECT (task), "seats-change-error");
  g_autoptr(GError) error = NULL;

  /* The change itself is decided; a failed refresh after it shows in the
   * engine's status, not as a failure of the change. */
  if (!seats_sync_engine_sync_finish (SEATS_SYNC_ENGINE (object), result, &error))
    g_debug ("Refreshing after a refused change failed: %s", error->message);

  g_task_return_error (task, g_error_copy (change_error));
}

static void
submit_sent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SeatsSyncEngine *self = SEATS_SYNC_ENGINE (object);
  Submit *submit = g_task_get_task_data (task);
  g_autoptr(SeatsChange) undo = NULL;
  g_autoptr(GError) error = NULL;

  if (!send_entry_finish (self, result, &undo, &error))
    {
      g_clear_pointer (&submit->undo, seats_change_unref);
      submit->undo = g_steal_pointer (&undo);
      operation_done (self);

      /* Somebody changed it first: show the fresh state, then say so. */
      if (g_error_matches (error, SEATS_API_ERROR, SEATS_API_ERROR_STALE) ||
          g_error_matches (error, SEATS_API_ERROR, SEATS_API_ERROR_CONFLICT))
        {
          g_object_set_data_full (G_OBJECT (task), "seats-change-error", g_steal_pointer (&error),
                                  (GDestroyNotify) g_error_free);
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

  g_clear_pointer (&submit->undo, seats_change_unref);
  submit->undo = g_steal_pointer (&undo);
  operation_done (self);
  g_task_return_boolean (task, TRUE);
}

static void
run_submit (GTask *task)
{
  SeatsSyncEngine *self = g_task_get_source_object (task);
  Submit *submit = g_task_get_task_data (task);

  send_entry_async (self, g_steal_pointer (&submit->entry), submit->change, submit->undo,
                    g_task_get_cancellable (task), submit_sent_cb, task);
}

static void
submit_enqueued_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  SeatsSyncEngine *self = g_task_get_source_object (task);
  Submit *submit = g_task_get_task_data (task);
  Enqueue *enqueue = g_object_get_data (G_OBJECT (task), "seats-enqueue");
  GError *error = NULL;

  if (!seats_store_write_finish (SEATS_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  submit->entry = g_steal_pointer (&enqueue->entry);
  queue_operation (self, task, run_submit);
}

/**
 * seats_sync_engine_submit_async:
 * @self: a #SeatsSyncEngine
 * @change: a change the person asked for
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the source answered and the models show it
 * @user_data: data for @callback
 *
 * Checks @change, writes it to the outbox with a new idempotency key and
 * the versions it is made against, sends it, and applies the source's
 * answer to the local copy: its own request and at most one small delta,
 * never a whole sync.
 */
void
seats_sync_engine_submit_async (SeatsSyncEngine     *self,
                                SeatsChange         *change,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  GError *error = NULL;
  Submit *submit;
  Enqueue *enqueue;

  g_return_if_fail (SEATS_IS_SYNC_ENGINE (self));
  g_return_if_fail (change != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, seats_sync_engine_submit_async);
  submit = g_new0 (Submit, 1);
  g_task_set_task_data (task, submit, submit_free);

  if (seats_sync_engine_can_change (self, seats_change_get_kind (change), &error))
    submit->change = seats_sync_engine_check (self, change, NULL, &error);
  if (submit->change == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  seats_change_record_basis (submit->change, &self->state);
  submit->undo = seats_change_invert (submit->change, &self->state);

  enqueue = g_new0 (Enqueue, 1);
  enqueue->kind = g_strdup (seats_change_get_kind_name (submit->change));
  enqueue->payload = seats_change_serialize (submit->change);
  g_object_set_data_full (G_OBJECT (task), "seats-enqueue", enqueue, enqueue_free);

  /* In the outbox before anything is sent. */
  seats_store_write_async (self->store, enqueue_write, enqueue, NULL, NULL,
                           submit_enqueued_cb, task);
}

/**
 * seats_sync_engine_submit_finish:
 * @self: a #SeatsSyncEngine
 * @result: the result given to the callback
 * @undo: (out) (optional) (transfer full) (nullable): the change that
 *   undoes what was made, where there is one
 * @error: why the change was refused or is still waiting
 *
 * Returns: %TRUE if the change was made; %FALSE with @error set, and with
 *   @undo set when a part of a selection was made
 */
gboolean
seats_sync_engine_submit_finish (SeatsSyncEngine  *self,
                                 GAsyncResult     *result,
                                 SeatsChange     **undo,
                                 GError          **error)
{
  Submit *submit;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  submit = g_task_get_task_data (G_TASK (result));
  if (undo != NULL)
    *undo = submit->undo != NULL ? seats_change_ref (submit->undo) : NULL;

  return g_task_propagate_boolean (G_TASK (result), error);
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
 * Returns: (transfer full) (nullable): what the file would change, as a
 *   pending license against the products as they are now
 */
SeatsPendingLicense *
seats_sync_engine_check_license_file (SeatsSyncEngine  *self,
                                      const char       *data,
                                      gsize             length,
                                      GError          **error)
{
  g_autoptr(SeatsLicense) license = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  SeatsPendingLicense *pending;
  GDate date;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (!seats_sync_engine_check_supported (self, SEATS_CHANGE_IMPORT_LICENSE, error))
    return NULL;

  if (self->state.account == NULL)
    {
      g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_FOUND,
                           _("The account has not been synced yet."));
      return NULL;
    }

  if (seats_account_get_vendor_public_key (self->state.account) == NULL)
    {
      g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE,
                           _("The license server gives no key to check license files with, so "
                             "none can be loaded. Ask the vendor to activate the new license."));
      return NULL;
    }

  seats_clock_get_today (self->clock, &date);
  license = seats_license_verify (data, length,
                                 seats_account_get_vendor_public_key (self->state.account),
                                 seats_account_get_id (self->state.account),
                                 &date, error);
  if (license == NULL)
    return NULL;

  pending = seats_pending_license_new ();
  seats_pending_license_set_id (pending, license->license_id);
  seats_pending_license_set_issued_julian (pending, seats_julian_from_date (&license->issued));
  seats_pending_license_set_expiry_julian (pending, seats_julian_from_date (&license->expires));

  changes = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < license->lines->len; i++)
    {
      const SeatsLicenseLine *line = g_ptr_array_index (license->lines, i);
      SeatsProduct *product = seats_sync_engine_find_product (self, line->product_id);
      SeatsLicenseChange *change = seats_license_change_new ();

      seats_license_change_set_product_id (change, line->product_id);
      seats_license_change_set_product_name (change,
                                             product != NULL ? seats_product_get_name (product)
                                             : line->name != NULL ? line->name : line->product_id);
      seats_license_change_set_current_count (change, product ? seats_product_get_purchased (product) : 0);
      seats_license_change_set_new_count (change, line->count);
      seats_license_change_set_in_use (change, product ? seats_product_get_in_use (product) : 0);
      g_ptr_array_add (changes, change);
    }
  seats_pending_license_set_changes (pending, (SeatsLicenseChange **) changes->pdata, changes->len);

  return pending;
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

  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
}

static void
users_changed_cb (SeatsSyncEngine *self)
{
  self->users_by_id_stale = TRUE;
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

  g_clear_object (&self->source);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->users_by_id, g_hash_table_unref);
  seats_snapshot_clear (&self->state);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_queue_clear_full (&self->operations, g_object_unref);
  g_clear_object (&self->sync_cancellable);
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
   * Emitted after a sync or a change changed the models and the objects.
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
  self->users_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->users_by_id_stale = TRUE;
  g_signal_connect_object (self->state.users, "items-changed", G_CALLBACK (users_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_queue_init (&self->operations);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->clock = seats_clock_new_following (seats_clock_get_default (), NULL);
  self->sync_deadline_ms = SYNC_DEADLINE_MS;
  g_signal_connect_object (self->clock, "day-changed", G_CALLBACK (day_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * seats_sync_engine_new:
 * @source: where the account's data comes from
 * @store: the local copy of the account
 *
 * Returns: (transfer full): a new #SeatsSyncEngine
 */
SeatsSyncEngine *
seats_sync_engine_new (SeatsSource *source,
                       SeatsStore  *store)
{
  SeatsSyncEngine *self;

  g_return_val_if_fail (SEATS_IS_SOURCE (source), NULL);
  g_return_val_if_fail (SEATS_IS_STORE (store), NULL);

  self = g_object_new (SEATS_TYPE_SYNC_ENGINE, NULL);
  self->source = g_object_ref (source);
  self->store = g_object_ref (store);
  g_signal_connect_object (source, "progress", G_CALLBACK (source_progress_cb), self,
                           G_CONNECT_SWAPPED);

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
    seats_user_list_splice (self->state.users, 0,
                            g_list_model_get_n_items (G_LIST_MODEL (self->state.users)),
                            (SeatsUser **) users->pdata, users->len);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Then the source tells who they are: everything is fetched again. */
      g_warning ("The users of the local copy could not be read: %s", error->message);
      self->pull_full = TRUE;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
  g_signal_emit (self, signals [CHANGED], 0);

  run_next_operation (self);
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

GETTER (SeatsSource *, source, self->source)
GETTER (SeatsStore *, store, self->store)
/* seats_sync_engine_get_clock: (transfer none): the account's clock, the
 * application's time with today in the organization's time zone; its
 * day-changed comes at the organization's midnight. */
GETTER (SeatsClock *, clock, self->clock)
GETTER (SeatsSyncStatus, status, self->status)
GETTER (double, progress, self->progress)
GETTER (gint64, last_synced, self->state.sync.last_synced)
GETTER (const char *, error_message, self->error_message)
GETTER (guint, request_count, seats_source_get_request_count (self->source))
GETTER (gboolean, loading, self->loading)
/* seats_sync_engine_get_snapshot: (transfer none): the local copy as the
 * models show it; what changes are checked against */
GETTER (const SeatsSnapshot *, snapshot, &self->state)
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

/**
 * seats_sync_engine_count_waiting:
 * @self: a #SeatsSyncEngine
 *
 * Returns: how many changes wait in the outbox for the source
 */
guint
seats_sync_engine_count_waiting (SeatsSyncEngine *self)
{
  g_autoptr(GPtrArray) pending = NULL;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (self), 0);

  pending = seats_store_outbox_list_pending (self->store, NULL);
  if (pending == NULL)
    return 0;

  g_ptr_array_set_free_func (pending, (GDestroyNotify) seats_outbox_entry_free);
  return pending->len;
}

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

  return seats_products_find_user_seats (G_LIST_MODEL (self->state.products));
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

  /* A page may ask for many, such as the action log naming whom each
   * entry was about: not a walk through 100,000 users each time. */
  if (self->users_by_id_stale)
    {
      GListModel *users = G_LIST_MODEL (self->state.users);
      guint n = g_list_model_get_n_items (users);

      g_hash_table_remove_all (self->users_by_id);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);
          const char *id = seats_user_get_id (user);

          /* The first of a twice-sent id, as before. */
          if (id != NULL && !g_hash_table_contains (self->users_by_id, id))
            g_hash_table_insert (self->users_by_id, (gpointer) id, user);
        }
      self->users_by_id_stale = FALSE;
    }

  return g_hash_table_lookup (self->users_by_id, user_id);
}
