/* seats-local-source.c: the source of a subscription kept on this computer
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-api"

#include "config.h"

#include "seats-local-source.h"

/*
 * A subscription whose terms are kept by hand has nothing to ask over the
 * network: a pull brings it up to today (the periods that ended turn, the
 * deadlines that passed are kept), and a change is made by the domain's
 * rules, as a license server would make it. Both answer at once, in the
 * shape every source answers in, so the engine, the outbox and Undo work
 * as they do for the others.
 */
struct _SeatsLocalSource
{
  GObject parent_instance;
};

static void seats_local_source_iface_init (SeatsSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SeatsLocalSource, seats_local_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SEATS_TYPE_SOURCE,
                                                      seats_local_source_iface_init))

static void
today_and_now (GDate  *today,
               gint64 *now)
{
  SeatsClock *clock = seats_clock_get_default ();

  seats_clock_get_today (clock, today);
  *now = seats_clock_get_unix_time (clock);
}

/**
 * seats_local_source_apply:
 * @change: a change of terms kept on this computer
 * @known: the account as it is known
 * @error: why the rules refuse it
 *
 * Makes @change today, by the one clock, as a license server would make
 * it: for a subscription kept by hand, and for the terms a SCIM account
 * keeps here.
 *
 * Returns: (transfer full) (nullable): the account after it
 */
SeatsPull *
seats_local_source_apply (SeatsChange          *change,
                          const SeatsSnapshot  *known,
                          GError              **error)
{
  GDate today;
  gint64 now;

  today_and_now (&today, &now);

  return seats_local_apply (change, known, &today, now, error);
}

/**
 * seats_local_source_merge_users:
 * @known: an account whose terms are kept on this computer
 * @users: what its service gave of its users
 *
 * seats_local_merge_users() today, by the one clock.
 *
 * Returns: (transfer full) (nullable): the account as it is now, or %NULL
 *   when nothing changed
 */
SeatsPull *
seats_local_source_merge_users (const SeatsSnapshot *known,
                                const SeatsPull     *users)
{
  GDate today;
  gint64 now;

  today_and_now (&today, &now);

  return seats_local_merge_users (known, users, &today, now);
}

static void
seats_local_source_pull_async (SeatsSource         *source,
                               const SeatsSnapshot *known,
                               gboolean             full,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  SeatsPull *pull;
  GDate today;
  gint64 now;

  g_task_set_source_tag (task, seats_local_source_pull_async);

  today_and_now (&today, &now);
  if (!(pull = seats_local_turn (known, &today, now)))
    pull = seats_pull_new (SEATS_PULL_UNCHANGED);

  seats_source_report_progress (source, 1.0);
  g_task_return_pointer (task, pull, (GDestroyNotify) seats_pull_free);
}

static SeatsPull *
seats_local_source_finish (SeatsSource   *source,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
seats_local_source_send_async (SeatsSource         *source,
                               SeatsChange         *change,
                               const char          *idempotency_key,
                               const SeatsSnapshot *known,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  SeatsPull *pull;

  g_task_set_source_tag (task, seats_local_source_send_async);

  if (!(pull = seats_local_source_apply (change, known, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, pull, (GDestroyNotify) seats_pull_free);
}

static gboolean
seats_local_source_supports (SeatsSource     *source,
                             SeatsChangeKind  kind)
{
  switch (kind)
    {
    case SEATS_CHANGE_BUY:
    case SEATS_CHANGE_NEXT_PERIOD:
    case SEATS_CHANGE_USERS_ACTIVE:
    case SEATS_CHANGE_USERS_PUT:
    case SEATS_CHANGE_ORDERS_PUT:
    case SEATS_CHANGE_TERMS:
      return TRUE;

    case SEATS_CHANGE_MODULE:
    case SEATS_CHANGE_FEATURE:
    case SEATS_CHANGE_BILLING_DETAILS:
    case SEATS_CHANGE_ACTIVATE_LICENSE:
    case SEATS_CHANGE_IMPORT_LICENSE:
    case SEATS_CHANGE_CONVERT_TRIAL:
    default:
      return FALSE;
    }
}

static guint
seats_local_source_get_request_count (SeatsSource *source)
{
  return 0;
}

/* Nothing is signed in to: there is no secret to have. */
static gboolean
seats_local_source_has_secret (SeatsSource  *source,
                               GError      **error)
{
  return TRUE;
}

static void
seats_local_source_set_secret (SeatsSource *source,
                               const char  *secret)
{
}

static void
seats_local_source_iface_init (SeatsSourceInterface *iface)
{
  iface->pull_async = seats_local_source_pull_async;
  iface->pull_finish = seats_local_source_finish;
  iface->send_async = seats_local_source_send_async;
  iface->send_finish = seats_local_source_finish;
  iface->supports = seats_local_source_supports;
  iface->get_request_count = seats_local_source_get_request_count;
  iface->has_secret = seats_local_source_has_secret;
  iface->set_secret = seats_local_source_set_secret;
}

static void
seats_local_source_class_init (SeatsLocalSourceClass *klass)
{
}

static void
seats_local_source_init (SeatsLocalSource *self)
{
}

SeatsSource *
seats_local_source_new (void)
{
  return g_object_new (SEATS_TYPE_LOCAL_SOURCE, NULL);
}
