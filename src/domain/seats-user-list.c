/* seats-user-list.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include <string.h>

#include "seats-user-list.h"

/* The users of an account as a list model over an array: the pages sort
 * and filter 100,000 of them by position, which an array answers at once,
 * and a sync that brings them all says only what changed. */

struct _SeatsUserList
{
  GObject    parent_instance;

  GPtrArray *users;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SeatsUserList, seats_user_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
seats_user_list_get_item_type (GListModel *model)
{
  return SEATS_TYPE_USER;
}

static guint
seats_user_list_get_n_items (GListModel *model)
{
  return SEATS_USER_LIST (model)->users->len;
}

static gpointer
seats_user_list_get_item (GListModel *model,
                          guint       position)
{
  SeatsUserList *self = SEATS_USER_LIST (model);

  if (position >= self->users->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->users, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = seats_user_list_get_item_type;
  iface->get_n_items = seats_user_list_get_n_items;
  iface->get_item = seats_user_list_get_item;
}

static void
seats_user_list_finalize (GObject *object)
{
  SeatsUserList *self = SEATS_USER_LIST (object);

  g_clear_pointer (&self->users, g_ptr_array_unref);

  G_OBJECT_CLASS (seats_user_list_parent_class)->finalize (object);
}

static void
seats_user_list_class_init (SeatsUserListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = seats_user_list_finalize;
}

static void
seats_user_list_init (SeatsUserList *self)
{
  self->users = g_ptr_array_new_with_free_func (g_object_unref);
}

SeatsUserList *
seats_user_list_new (void)
{
  return g_object_new (SEATS_TYPE_USER_LIST, NULL);
}

/**
 * seats_user_list_splice:
 * @self: a #SeatsUserList
 * @position: where to change the list
 * @n_removals: how many users to remove there
 * @additions: (array length=n_additions) (nullable): the users to put in
 *   their place, referenced
 * @n_additions: how many
 *
 * Changes the list as g_list_store_splice() does, with one items-changed.
 */
void
seats_user_list_splice (SeatsUserList  *self,
                        guint           position,
                        guint           n_removals,
                        SeatsUser     **additions,
                        guint           n_additions)
{
  g_autofree gpointer *added = NULL;
  guint n;

  g_return_if_fail (SEATS_IS_USER_LIST (self));
  g_return_if_fail (position <= self->users->len);
  g_return_if_fail (n_removals <= self->users->len - position);
  g_return_if_fail (n_additions == 0 || additions != NULL);
  for (guint i = 0; i < n_additions; i++)
    g_return_if_fail (SEATS_IS_USER (additions[i]));

  /* Referenced first: an addition may be one of the users removed. */
  added = g_new (gpointer, MAX (n_additions, 1));
  for (guint i = 0; i < n_additions; i++)
    added[i] = g_object_ref (additions[i]);

  if (n_removals > 0)
    g_ptr_array_remove_range (self->users, position, n_removals);

  if (n_additions > 0)
    {
      n = self->users->len;
      g_ptr_array_set_size (self->users, n + n_additions);
      memmove (self->users->pdata + position + n_additions, self->users->pdata + position,
               (n - position) * sizeof (gpointer));
      memcpy (self->users->pdata + position, added, n_additions * sizeof (gpointer));
    }

  if (n_removals > 0 || n_additions > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, n_removals, n_additions);
}

void
seats_user_list_append (SeatsUserList *self,
                        SeatsUser     *user)
{
  g_return_if_fail (SEATS_IS_USER_LIST (self));
  g_return_if_fail (SEATS_IS_USER (user));

  seats_user_list_splice (self, self->users->len, 0, &user, 1);
}

void
seats_user_list_remove (SeatsUserList *self,
                        guint          position)
{
  g_return_if_fail (SEATS_IS_USER_LIST (self));
  g_return_if_fail (position < self->users->len);

  seats_user_list_splice (self, position, 1, NULL, 0);
}

void
seats_user_list_remove_all (SeatsUserList *self)
{
  g_return_if_fail (SEATS_IS_USER_LIST (self));

  seats_user_list_splice (self, 0, self->users->len, NULL, 0);
}

/* More changed stretches than this, and the whole middle is said to have
 * changed in one signal rather than in many. */
#define MAX_CHANGED_STRETCHES 64

/**
 * seats_user_list_replace:
 * @self: a #SeatsUserList
 * @users: (array length=n_users): the users as they are now
 * @n_users: how many
 *
 * Makes @self hold @users, and says only what changed: nothing when
 * nothing did, a few items-changed for a few stretches. The users at the
 * beginning and the end that are unchanged (seats_user_equal()) stay the
 * same objects, and so does every unchanged user in between when the
 * number of users is the same and at most 64 stretches changed, which is
 * what a sync brings; otherwise what lies between is replaced at once. A
 * view bound to @self keeps its rows, its selection and where it was
 * scrolled to when a sync brings what it already shows, and sorts again
 * only what changed.
 */
void
seats_user_list_replace (SeatsUserList  *self,
                         SeatsUser     **users,
                         guint           n_users)
{
  GPtrArray *old;
  guint n_old, n_new, prefix = 0, suffix = 0, middle;
  guint stretches = 0;

  g_return_if_fail (SEATS_IS_USER_LIST (self));
  g_return_if_fail (n_users == 0 || users != NULL);

  old = self->users;
  n_old = old->len;
  n_new = n_users;

  while (prefix < n_old && prefix < n_new && seats_user_equal (old->pdata[prefix], users[prefix]))
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         seats_user_equal (old->pdata[n_old - 1 - suffix], users[n_new - 1 - suffix]))
    suffix++;

  if (prefix == n_old && prefix == n_new)
    return;

  /* The same number between: user by user, in stretches. */
  if (n_old == n_new)
    {
      middle = n_old - prefix - suffix;
      for (guint i = 0; i < middle; )
        {
          if (seats_user_equal (old->pdata[prefix + i], users[prefix + i]))
            {
              i++;
              continue;
            }
          while (i < middle && !seats_user_equal (old->pdata[prefix + i], users[prefix + i]))
            i++;
          stretches++;
        }

      if (stretches <= MAX_CHANGED_STRETCHES)
        {
          for (guint i = prefix; i < n_old - suffix; )
            {
              guint first = i;

              if (seats_user_equal (old->pdata[i], users[i]))
                {
                  i++;
                  continue;
                }
              for (; i < n_old - suffix && !seats_user_equal (old->pdata[i], users[i]); i++)
                {
                  g_object_unref (old->pdata[i]);
                  old->pdata[i] = g_object_ref (users[i]);
                }
              g_list_model_items_changed (G_LIST_MODEL (self), first, i - first, i - first);
            }
          return;
        }
    }

  /* Otherwise the part between the same beginning and end at once. */
  seats_user_list_splice (self, prefix, n_old - prefix - suffix,
                          users + prefix, n_new - prefix - suffix);
}

/**
 * seats_user_list_update:
 * @self: a #SeatsUserList
 * @other: the users as they are now
 *
 * seats_user_list_replace() with the users of @other.
 */
void
seats_user_list_update (SeatsUserList *self,
                        SeatsUserList *other)
{
  g_return_if_fail (SEATS_IS_USER_LIST (self));
  g_return_if_fail (SEATS_IS_USER_LIST (other));
  g_return_if_fail (self != other);

  seats_user_list_replace (self, (SeatsUser **) other->users->pdata, other->users->len);
}

/**
 * seats_user_list_take_unshared:
 * @self: a #SeatsUserList, left empty
 * @other: another list
 *
 * Empties @self, and hands over the users of @self that @other does not
 * hold (the same objects, not equal ones). Whoever holds only those may
 * free them on any thread: @other's users, which views may show, stay
 * where they are.
 *
 * Returns: (transfer full) (element-type SeatsUser): the users only @self
 *   held
 */
GPtrArray *
seats_user_list_take_unshared (SeatsUserList *self,
                               SeatsUserList *other)
{
  g_autoptr(GHashTable) shared = NULL;
  g_autoptr(GPtrArray) held = NULL;
  GPtrArray *unshared;

  g_return_val_if_fail (SEATS_IS_USER_LIST (self), NULL);
  g_return_val_if_fail (SEATS_IS_USER_LIST (other), NULL);
  g_return_val_if_fail (self != other, NULL);

  shared = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < other->users->len; i++)
    g_hash_table_add (shared, other->users->pdata[i]);

  held = g_steal_pointer (&self->users);
  self->users = g_ptr_array_new_with_free_func (g_object_unref);
  unshared = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < held->len; i++)
    if (!g_hash_table_contains (shared, held->pdata[i]))
      g_ptr_array_add (unshared, g_object_ref (held->pdata[i]));

  if (held->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, held->len, 0);

  return unshared;
}
