/* seats-source.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-api"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-source.h"

G_DEFINE_INTERFACE (SeatsSource, seats_source, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static gboolean
seats_source_real_supports (SeatsSource     *self,
                            SeatsChangeKind  kind)
{
  return FALSE;
}

static void
seats_source_default_init (SeatsSourceInterface *iface)
{
  iface->supports = seats_source_real_supports;

  /**
   * SeatsSource::progress:
   * @progress: how far the pull under way is, from 0 to 1
   *
   * Emitted while a pull fetches what it brings.
   */
  signals [PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_DOUBLE);
}

/**
 * seats_source_pull_async:
 * @self: a #SeatsSource
 * @known: the local copy: where the last pull left off; read at once
 * @full: %TRUE to fetch everything, as a reconcile does
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with what the source gave
 * @user_data: data for @callback
 *
 * Fetches what changed since the last pull as domain values: nothing but
 * a new sync state when nothing changed, the changed users and the parts
 * the source has otherwise, or everything.
 */
void
seats_source_pull_async (SeatsSource         *self,
                         const SeatsSnapshot *known,
                         gboolean             full,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (SEATS_IS_SOURCE (self));
  g_return_if_fail (known != NULL);

  SEATS_SOURCE_GET_IFACE (self)->pull_async (self, known, full, cancellable, callback, user_data);
}

/**
 * seats_source_pull_finish:
 *
 * Returns: (transfer full) (nullable): what the source gave, or %NULL with
 *   a #SEATS_API_ERROR
 */
SeatsPull *
seats_source_pull_finish (SeatsSource   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (SEATS_IS_SOURCE (self), NULL);

  return SEATS_SOURCE_GET_IFACE (self)->pull_finish (self, result, error);
}

/**
 * seats_source_send_async:
 * @self: a #SeatsSource
 * @change: a change that seats_change_check() passed, with its basis
 * @idempotency_key: the key kept with @change in the outbox: a retry of
 *   the same change sends the same key
 * @known: the local copy, read at once
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the source answered
 * @user_data: data for @callback
 *
 * Sends @change in as few requests as the source allows (a selection of
 * users as one batch where it can) and at most one small delta after it.
 */
void
seats_source_send_async (SeatsSource         *self,
                         SeatsChange         *change,
                         const char          *idempotency_key,
                         const SeatsSnapshot *known,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (SEATS_IS_SOURCE (self));
  g_return_if_fail (change != NULL);
  g_return_if_fail (idempotency_key != NULL);
  g_return_if_fail (known != NULL);

  SEATS_SOURCE_GET_IFACE (self)->send_async (self, change, idempotency_key, known, cancellable,
                                             callback, user_data);
}

/**
 * seats_source_send_finish:
 *
 * Returns: (transfer full) (nullable): what the answer changed, as a
 *   %SEATS_PULL_DELTA to apply to the local copy, or %NULL with a
 *   #SEATS_API_ERROR; a selection of which only a part was made gives the
 *   part made and the error, see seats_source_send_finish_partial()
 */
SeatsPull *
seats_source_send_finish (SeatsSource   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (SEATS_IS_SOURCE (self), NULL);

  return SEATS_SOURCE_GET_IFACE (self)->send_finish (self, result, error);
}

/**
 * seats_source_supports:
 * @kind: a kind of change
 *
 * Returns: %TRUE if the source can make changes of @kind: a SCIM service
 *   has users to activate and deactivate, and no subscription to change
 */
gboolean
seats_source_supports (SeatsSource     *self,
                       SeatsChangeKind  kind)
{
  g_return_val_if_fail (SEATS_IS_SOURCE (self), FALSE);

  return SEATS_SOURCE_GET_IFACE (self)->supports (self, kind);
}

guint
seats_source_get_request_count (SeatsSource *self)
{
  g_return_val_if_fail (SEATS_IS_SOURCE (self), 0);

  return SEATS_SOURCE_GET_IFACE (self)->get_request_count (self);
}

/**
 * seats_source_has_secret:
 * @error: why nothing can be sent, for the person
 *
 * Returns: %TRUE if the source has its token or password
 */
gboolean
seats_source_has_secret (SeatsSource  *self,
                         GError      **error)
{
  g_return_val_if_fail (SEATS_IS_SOURCE (self), FALSE);

  return SEATS_SOURCE_GET_IFACE (self)->has_secret (self, error);
}

/**
 * seats_source_set_secret:
 * @secret: (nullable): the token, or the password of HTTP Basic, from the
 *   keyring; never written anywhere
 */
void
seats_source_set_secret (SeatsSource *self,
                         const char  *secret)
{
  g_return_if_fail (SEATS_IS_SOURCE (self));

  SEATS_SOURCE_GET_IFACE (self)->set_secret (self, secret);
}

/* For implementations: how far a pull is. */
void
seats_source_report_progress (SeatsSource *self,
                              double       progress)
{
  g_return_if_fail (SEATS_IS_SOURCE (self));

  g_signal_emit (self, signals [PROGRESS], 0, CLAMP (progress, 0.0, 1.0));
}

/**
 * seats_source_read_kept_change:
 * @text: an entry of the outbox that is not a change as this version
 *   writes them
 * @error: why it cannot be read, for the person, when it is something an
 *   earlier version kept
 *
 * A change an earlier version of Seats kept in the outbox in its own way,
 * read so that it is still sent.
 *
 * Returns: (transfer full) (nullable): the change, or %NULL: with @error
 *   set when @text is what an earlier version kept but no change Seats
 *   knows, without when it is not that at all
 */
SeatsChange *
seats_source_read_kept_change (SeatsSource  *self,
                               const char   *text,
                               GError      **error)
{
  SeatsSourceInterface *iface;
  SeatsChange *change = NULL;
  gboolean recognized = FALSE;

  g_return_val_if_fail (SEATS_IS_SOURCE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  iface = SEATS_SOURCE_GET_IFACE (self);
  if (iface->read_kept_change != NULL)
    change = iface->read_kept_change (self, text, &recognized);

  if (change == NULL && recognized)
    g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_UNREADABLE,
                         _("This change was kept by an earlier version of Seats and cannot be read, "
                           "so it was not sent."));

  return change;
}
