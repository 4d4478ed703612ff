/* seats-module-batch.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-module-batch"

#include "config.h"

#include "seats-module-batch.h"

/* An add-on module given to, or taken from, several users (R7): one
 * change for the selection. What was made is kept, so that an Undo
 * reverses exactly that, also when a part of the selection was refused. */

typedef struct
{
  GPtrArray *done;
} Batch;

static void
batch_free (Batch *batch)
{
  g_clear_pointer (&batch->done, g_ptr_array_unref);
  g_free (batch);
}

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Batch *batch = g_task_get_task_data (task);
  g_autoptr(SeatsChange) undo = NULL;
  g_autoptr(GError) error = NULL;
  gboolean made;

  made = seats_sync_engine_submit_finish (SEATS_SYNC_ENGINE (object), result, &undo, &error);

  /* The inverse of what was made names exactly the users it changed. */
  if (undo != NULL)
    {
      const char * const *ids = seats_change_get_user_ids (undo);

      for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
        g_ptr_array_add (batch->done, g_strdup (ids[i]));
    }

  if (!made)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
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
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(GError) error = NULL;
  Batch *batch;

  g_return_if_fail (SEATS_IS_SYNC_ENGINE (engine));
  g_return_if_fail (product_id != NULL);
  g_return_if_fail (user_ids != NULL && user_ids->len > 0);

  batch = g_new0 (Batch, 1);
  batch->done = g_ptr_array_new_with_free_func (g_free);

  task = g_task_new (engine, cancellable, callback, user_data);
  g_task_set_source_tag (task, seats_module_batch_run_async);
  g_task_set_task_data (task, batch, (GDestroyNotify) batch_free);

  ids = g_ptr_array_new ();
  g_ptr_array_extend (ids, user_ids, NULL, NULL);
  g_ptr_array_add (ids, NULL);
  change = seats_change_new_module (product_id, (const char * const *) ids->pdata, assign);
  checked = seats_sync_engine_check (engine, change, NULL, &error);
  if (checked == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  seats_sync_engine_submit_async (engine, checked, cancellable, submitted_cb, g_steal_pointer (&task));
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
