/* seats-session.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-session"

#include "config.h"

#include "seats-session.h"
#include "seats-source.h"

/* One connected account as the window shows it: which account, and its
 * engine once its local copy is open. */
struct _SeatsSession
{
  GObject           parent_instance;

  SeatsAccountInfo *info;
  SeatsSyncEngine  *engine;
  char             *error;
  gboolean          demo;
};

G_DEFINE_FINAL_TYPE (SeatsSession, seats_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_ENGINE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
seats_session_dispose (GObject *object)
{
  SeatsSession *self = (SeatsSession *)object;

  if (self->engine != NULL)
    seats_sync_engine_stop (self->engine);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (seats_session_parent_class)->dispose (object);
}

static void
seats_session_finalize (GObject *object)
{
  SeatsSession *self = (SeatsSession *)object;

  g_clear_pointer (&self->info, seats_account_info_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (seats_session_parent_class)->finalize (object);
}

static void
seats_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SeatsSession *self = SEATS_SESSION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, seats_session_get_title (self));
      break;

    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seats_session_class_init (SeatsSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seats_session_dispose;
  object_class->finalize = seats_session_finalize;
  object_class->get_property = seats_session_get_property;

  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties [PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL,
                         SEATS_TYPE_SYNC_ENGINE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seats_session_init (SeatsSession *self)
{
}

/**
 * seats_session_new:
 * @info: the account
 * @demo: whether it is a demo account, kept in a temporary directory only
 *
 * Returns: (transfer full): a session without an engine yet
 */
SeatsSession *
seats_session_new (const SeatsAccountInfo *info,
                   gboolean                demo)
{
  SeatsSession *self;

  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (SEATS_TYPE_SESSION, NULL);
  self->info = seats_account_info_copy (info);
  self->demo = demo;

  return self;
}

const SeatsAccountInfo *
seats_session_get_info (SeatsSession *self)
{
  g_return_val_if_fail (SEATS_IS_SESSION (self), NULL);

  return self->info;
}

const char *
seats_session_get_id (SeatsSession *self)
{
  g_return_val_if_fail (SEATS_IS_SESSION (self), NULL);

  return self->info->id;
}

const char *
seats_session_get_title (SeatsSession *self)
{
  g_return_val_if_fail (SEATS_IS_SESSION (self), NULL);

  return self->info->name;
}

gboolean
seats_session_is_demo (SeatsSession *self)
{
  g_return_val_if_fail (SEATS_IS_SESSION (self), FALSE);

  return self->demo;
}

/**
 * seats_session_get_engine:
 * @self: a #SeatsSession
 *
 * Returns: (transfer none) (nullable): the engine, once the account is open
 */
SeatsSyncEngine *
seats_session_get_engine (SeatsSession *self)
{
  g_return_val_if_fail (SEATS_IS_SESSION (self), NULL);

  return self->engine;
}

/**
 * seats_session_set_engine:
 * @self: a #SeatsSession
 * @engine: the engine of the opened account
 *
 * Shows @engine and starts it: it syncs now, every few minutes and when the
 * network returns. An engine whose client has no token yet starts when
 * seats_session_set_token() gives it one.
 */
void
seats_session_set_engine (SeatsSession    *self,
                          SeatsSyncEngine *engine)
{
  g_return_if_fail (SEATS_IS_SESSION (self));
  g_return_if_fail (!engine || SEATS_IS_SYNC_ENGINE (engine));

  if (self->engine == engine)
    return;

  if (self->engine != NULL)
    seats_sync_engine_stop (self->engine);

  g_set_object (&self->engine, engine);

  if (engine != NULL && seats_source_has_secret (seats_sync_engine_get_source (engine), NULL))
    seats_sync_engine_start (engine);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ENGINE]);
}

/**
 * seats_session_set_token:
 * @self: a #SeatsSession
 * @token: the account's access token, read from the keyring
 *
 * Gives the engine shown before its token was known its token, and starts it.
 */
void
seats_session_set_token (SeatsSession *self,
                         const char   *token)
{
  g_return_if_fail (SEATS_IS_SESSION (self));
  g_return_if_fail (self->engine != NULL);
  g_return_if_fail (token != NULL);

  seats_source_set_secret (seats_sync_engine_get_source (self->engine), token);
  seats_sync_engine_start (self->engine);
}

const char *
seats_session_get_error (SeatsSession *self)
{
  g_return_val_if_fail (SEATS_IS_SESSION (self), NULL);

  return self->error;
}

void
seats_session_set_error (SeatsSession *self,
                         const char   *error)
{
  g_return_if_fail (SEATS_IS_SESSION (self));

  if (g_strcmp0 (self->error, error) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ERROR]);
}
