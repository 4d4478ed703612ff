/* seats-module-batch.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-module-batch"

#include "config.h"

#include "seats-module-batch.h"

/* An add-on module given to, or taken from, several users (R7), one after
 * the other. What was done is kept, so that an Undo reverses exactly that,
 * also when a later user was refused. */

typedef struct
{
  SeatsSyncEngine *engine;
  char            *product_id;
  gboolean         assign;
  GPtrArray       *user_ids;
  GPtrArray       *done;
  guint            next;
} Batch;

static void
batch_free (Batch *batch)
{
  g_clear_object (&batch->engine);
  g_free (batch->product_id);
  g_clear_pointer (&batch->user_ids, g_ptr_array_unref);
  g_clear_pointer (&batch->done, g_ptr_array_unref);
  g_free (batch);
}

static void run_next (GTask *task);

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Batch *batch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!seats_sync_engine_submit_finish (SEATS_SYNC_ENGINE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_ptr_array_add (batch->done, g_strdup (g_ptr_array_index (batch->user_ids, batch->next)));
  batch->next++;
  run_next (g_steal_pointer (&task));
}

static void
run_next (GTask *task)
{
  Batch *batch = g_task_get_task_data (task);
  g_autoptr(SeatsApiRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  if (batch->next >= batch->user_ids->len)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  request = seats_sync_engine_prepare_assignment (batch->engine, batch->product_id,
                                                  g_ptr_array_index (batch->user_ids, batch->next),
                                                  batch->assign, &error);
  if (request == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  seats_sync_engine_submit_async (batch->engine, request, g_task_get_cancellable (task),
                                  submitted_cb, task);
}

/**
 * seats_module_batch_run_async:
 * @engine: the account's engine
 * @product_id: an add-on module
 * @assign: %TRUE to give the module, %FALSE to take it
 * @user_ids: (element-type utf8): the users, in order
 * @cancellable: (nullable): to stop before the next user
 * @callback: called when all are done, or one is refused
 * @user_data: for @callback
 */
void
seats_module_batch_run_async (SeatsSyncEngine     *engine,
                              const char          *product_id,
                              gboolean             assign,
                              GPtrArray           *user_ids,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  Batch *batch;

  g_return_if_fail (SEATS_IS_SYNC_ENGINE (engine));
  g_return_if_fail (product_id != NULL);
  g_return_if_fail (user_ids != NULL);

  batch = g_new0 (Batch, 1);
  batch->engine = g_object_ref (engine);
  batch->product_id = g_strdup (product_id);
  batch->assign = assign;
  batch->user_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < user_ids->len; i++)
    g_ptr_array_add (batch->user_ids, g_strdup (g_ptr_array_index (user_ids, i)));
  batch->done = g_ptr_array_new_with_free_func (g_free);

  task = g_task_new (engine, cancellable, callback, user_data);
  g_task_set_source_tag (task, seats_module_batch_run_async);
  g_task_set_task_data (task, batch, (GDestroyNotify) batch_free);
  run_next (task);
}

/**
 * seats_module_batch_run_finish:
 * @result: the result given to the callback
 * @done: (out) (transfer container) (element-type utf8): the users changed,
 *   also when a later one was refused
 * @error: why a user was refused
 *
 * Returns: %TRUE if every user was changed
 */
gboolean
seats_module_batch_run_finish (GAsyncResult  *result,
                               GPtrArray    **done,
                               GError       **error)
{
  Batch *batch;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (done != NULL, FALSE);

  batch = g_task_get_task_data (G_TASK (result));
  *done = g_ptr_array_ref (batch->done);

  return g_task_propagate_boolean (G_TASK (result), error);
}
