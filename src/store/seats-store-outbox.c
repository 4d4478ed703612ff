/* seats-store-outbox.c: changes waiting for the server
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-store"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-store-private.h"

/*
 * A change is written here, with a fresh idempotency key, before it is
 * sent; it is sent again with the same key until the server answers, so
 * that nothing is lost and nothing is done twice (see DESIGN.md). The
 * payload is the request body; the store keeps it as text and never reads
 * it.
 */

static const char * const state_names[] = {
  [SEATS_OUTBOX_STATE_PENDING] = "pending",
  [SEATS_OUTBOX_STATE_SENT] = "sent",
  [SEATS_OUTBOX_STATE_DONE] = "done",
  [SEATS_OUTBOX_STATE_FAILED] = "failed",
};

#define OUTBOX_COLUMNS "id, kind, payload, idempotency_key, state, attempts, created, last_error"

static const char insert_sql[] =
  "INSERT INTO outbox (kind, payload, idempotency_key, state, attempts, created)"
  " VALUES (?1, ?2, ?3, 'pending', 0, ?4) RETURNING " OUTBOX_COLUMNS;
/* Sent but not answered is still waiting: after a crash it is sent again,
 * with its key, and the server replays its first answer. */
static const char select_pending_sql[] =
  "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE state IN ('pending', 'sent') ORDER BY id";
static const char mark_sent_sql[] =
  "UPDATE outbox SET state = 'sent', attempts = attempts + 1 WHERE id = ?1";
static const char mark_done_sql[] =
  "UPDATE outbox SET state = 'done', last_error = NULL WHERE id = ?1";
static const char mark_failed_sql[] =
  "UPDATE outbox SET state = 'failed', last_error = ?2 WHERE id = ?1";

static SeatsOutboxEntry *
read_entry (sqlite3_stmt *stmt)
{
  SeatsOutboxEntry *entry = g_new0 (SeatsOutboxEntry, 1);
  const char *state = (const char *) sqlite3_column_text (stmt, 4);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  entry->payload = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  entry->idempotency_key = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  entry->attempts = CLAMP (sqlite3_column_int64 (stmt, 5), 0, G_MAXUINT);
  entry->created = sqlite3_column_int64 (stmt, 6);
  entry->last_error = g_strdup ((const char *) sqlite3_column_text (stmt, 7));

  /* The CHECK constraint keeps other names out. */
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    {
      if (g_strcmp0 (state, state_names[i]) == 0)
        entry->state = i;
    }

  return entry;
}

void
seats_outbox_entry_free (SeatsOutboxEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->kind);
  g_free (entry->payload);
  g_free (entry->idempotency_key);
  g_free (entry->last_error);
  g_free (entry);
}

/**
 * seats_store_outbox_enqueue:
 * @kind: what kind of change it is
 * @payload: the request body, JSON text
 *
 * Adds a change to the outbox with a new idempotency key. When this
 * returns, the change survives a crash.
 *
 * Returns: (transfer full): the new entry, or %NULL with @error set
 */
SeatsOutboxEntry *
seats_store_outbox_enqueue (SeatsStore  *self,
                            const char  *kind,
                            const char  *payload,
                            GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = seats_store_lock (self);
  g_autofree char *key = NULL;
  SeatsOutboxEntry *entry;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SEATS_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (payload != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = seats_store_prepare (self, insert_sql, SEATS_STORE_OP_WRITE, error);
  if (stmt == NULL)
    return NULL;

  key = g_uuid_string_random ();
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, payload, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, seats_clock_get_unix_time (seats_clock_get_default ()));

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      seats_store_set_error (error, sqlite3_db_handle (stmt), rc, SEATS_STORE_OP_WRITE);
      return NULL;
    }

  entry = read_entry (stmt);

  /* The insert commits when the statement finishes. */
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      seats_outbox_entry_free (entry);
      seats_store_set_error (error, sqlite3_db_handle (stmt), rc, SEATS_STORE_OP_WRITE);
      return NULL;
    }

  return entry;
}

/**
 * seats_store_outbox_list_pending:
 *
 * Returns: (transfer full) (element-type SeatsOutboxEntry): the changes
 *   still to send, pending or sent without an answer, oldest first; %NULL
 *   with @error set on failure
 */
GPtrArray *
seats_store_outbox_list_pending (SeatsStore  *self,
                                 GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = seats_store_lock (self);
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SEATS_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = seats_store_prepare (self, select_pending_sql, SEATS_STORE_OP_READ, error);
  if (stmt == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) seats_outbox_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, read_entry (stmt));

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      seats_store_set_error (error, sqlite3_db_handle (stmt), rc, SEATS_STORE_OP_READ);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

static gboolean
update_entry (SeatsStore  *self,
              const char  *sql,
              gint64       id,
              const char  *message,
              GError     **error)
{
  sqlite3_stmt *stmt = seats_store_prepare (self, sql, SEATS_STORE_OP_WRITE, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (message != NULL)
    sqlite3_bind_text (stmt, 2, message, -1, SQLITE_STATIC);

  if (!seats_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (sqlite3_db_handle (stmt)) == 0)
    {
      g_set_error_literal (error, SEATS_STORE_ERROR, SEATS_STORE_ERROR_NOT_FOUND,
                           _("The change waiting to be sent is no longer in the local copy "
                             "of this account."));
      return FALSE;
    }

  return TRUE;
}

/**
 * seats_store_outbox_mark_sent:
 * @id: the entry's id
 *
 * Records an attempt, before the request goes out.
 */
gboolean
seats_store_outbox_mark_sent (SeatsStore  *self,
                              gint64       id,
                              GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = seats_store_lock (self);
  g_return_val_if_fail (SEATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return update_entry (self, mark_sent_sql, id, NULL, error);
}

/**
 * seats_store_outbox_mark_done:
 * @id: the entry's id
 *
 * Records that the server applied the change.
 */
gboolean
seats_store_outbox_mark_done (SeatsStore  *self,
                              gint64       id,
                              GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = seats_store_lock (self);
  g_return_val_if_fail (SEATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return update_entry (self, mark_done_sql, id, NULL, error);
}

/**
 * seats_store_outbox_mark_failed:
 * @id: the entry's id
 * @message: why the server refused it, for the person
 *
 * Records that the server refused the change; it is not sent again.
 */
gboolean
seats_store_outbox_mark_failed (SeatsStore  *self,
                                gint64       id,
                                const char  *message,
                                GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = seats_store_lock (self);
  g_return_val_if_fail (SEATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return update_entry (self, mark_failed_sql, id, message, error);
}
