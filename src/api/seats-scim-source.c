/* seats-scim-source.c: any SCIM 2.0 service, for its users and their status
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-api"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "seats-api-decode.h"
#include "seats-api-error.h"
#include "seats-api-request-private.h"
#include "seats-local-source.h"
#include "seats-scim-source.h"

/* The users asked for at once, unless the service says it gives fewer. */
#define PAGE_SIZE           1000
/* Pages asked for at once, once the first page says how many there are. */
#define PAGES_IN_FLIGHT     3
/* Ten times the organization Seats is built for: a service that says it
 * has more, or keeps sending pages, is not believed. */
#define MAX_USERS           1000000
#define MAX_PAGES           100000
/* Changes a selection sends at once, one after the other otherwise. */
#define MAX_BULK_OPERATIONS 1000

struct _SeatsScimSource
{
  GObject          parent_instance;

  SeatsClient     *client;
  SeatsScimConfig *config;
  char            *account_id;
  char            *name;
  guint            request_count;
};

static void source_iface_init (SeatsSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SeatsScimSource, seats_scim_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SEATS_TYPE_SOURCE, source_iface_init))

static guint
page_size (SeatsScimSource *self)
{
  return self->config->max_results > 0 ? MIN (self->config->max_results, PAGE_SIZE) : PAGE_SIZE;
}

static char *
user_path (SeatsScimSource *self,
           const char      *id)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);

  return g_strdup_printf ("%s/%s", self->config->users_path, escaped);
}

/* The account of a SCIM service: its users, and nothing of a subscription. */
static SeatsAccount *
make_account (SeatsScimSource *self)
{
  SeatsAccount *account = seats_account_new ();

  seats_account_set_id (account, self->account_id);
  seats_account_set_name (account, self->name);
  seats_account_set_source (account, SEATS_ACCOUNT_SOURCE_SCIM);
  /* Whether the credentials may change users, the service says when they
   * are used: a refusal comes back as such. */
  seats_account_set_role (account, SEATS_ROLE_ADMIN);

  return account;
}

/* Pulling: pages by what the service actually returns (RFC 7644 3.4.2.4). */

typedef struct
{
  gboolean             full;
  SeatsPull           *result;
  char                *filter;
  gint64               cursor;
  GHashTable          *seen;
  /* Where the next page begins, in the service's count from 1. */
  guint                next_index;
  guint                total;
  gboolean             has_total;
  guint                n_pages;
  /* Once the first page says how many there are, a few pages are asked for
   * at once, each as large as the first; any other answer ends that, and
   * the rest is read one page after the other from where it is whole. */
  guint                plan_size;
  GPtrArray           *planned;
  guint                planned_total;
  guint                planned_requested;
  guint                planned_added;
  guint                in_flight;
  gboolean             irregular;
  gboolean             failed;
  /* Terms kept on this computer: the account as it was, which the users
   * are put into and counted against. */
  gboolean             has_terms;
  SeatsSnapshot        known;
} Pull;

static void
pull_free (gpointer data)
{
  Pull *pull = data;

  g_clear_pointer (&pull->result, seats_pull_free);
  g_free (pull->filter);
  g_clear_pointer (&pull->seen, g_hash_table_unref);
  g_clear_pointer (&pull->planned, g_ptr_array_unref);
  seats_snapshot_clear (&pull->known);
  g_free (pull);
}

static void pull_request_next (GTask *task);
static void pull_request_planned (GTask *task);

static void
pull_failed (GTask  *task,
             GError *error)
{
  Pull *pull = g_task_get_task_data (task);

  pull->failed = TRUE;
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
pull_done (GTask *task)
{
  SeatsScimSource *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);
  SeatsPull *result = pull->result;

  /* A delta that found nobody changed: nothing to write. */
  if (!pull->full && g_list_model_get_n_items (G_LIST_MODEL (result->snapshot.users)) == 0)
    {
      g_clear_pointer (&pull->result, seats_pull_free);
      result = pull->result = seats_pull_new (SEATS_PULL_UNCHANGED);
    }
  else
    {
      result->snapshot.account = make_account (self);
      result->parts = SEATS_PULL_PART_ACCOUNT | SEATS_PULL_PART_USERS;
    }

  /* With terms kept on this computer, the users count against them: the
   * whole account comes back, counted and brought up to today. */
  if (pull->has_terms)
    {
      SeatsPull *merged;

      if ((merged = seats_local_source_merge_users (&pull->known, result)) != NULL)
        {
          g_clear_pointer (&pull->result, seats_pull_free);
          result = pull->result = merged;
        }
    }

  result->snapshot.sync.delta_cursor = pull->cursor;

  seats_source_report_progress (SEATS_SOURCE (self), 1.0);
  g_task_return_pointer (task, g_steal_pointer (&pull->result), (GDestroyNotify) seats_pull_free);
  g_object_unref (task);
}

/* Adds the users of @page not seen before; returns how many were new. */
static guint
add_page (GTask         *task,
          SeatsUserPage *page)
{
  Pull *pull = g_task_get_task_data (task);
  SeatsUserList *users = pull->result->snapshot.users;
  guint added = 0;

  for (guint i = 0; i < page->users->len; i++)
    {
      SeatsUser *user = g_ptr_array_index (page->users, i);
      /* The delta goes on from the newest change seen, in whole seconds:
       * "gt" a truncated time asks for its second again, which is merged. */
      gint64 modified = seats_user_get_modified (user);

      if (!g_hash_table_add (pull->seen, g_strdup (seats_user_get_id (user))))
        continue;

      seats_user_list_append (users, user);
      pull->cursor = MAX (pull->cursor, modified);
      added++;
    }

  if (pull->has_total && pull->total > 0)
    seats_source_report_progress (g_task_get_source_object (task),
                                  0.1 + 0.85 * MIN (g_hash_table_size (pull->seen), pull->total) / pull->total);

  return added;
}

static gboolean
believe_page (GTask         *task,
              SeatsUserPage *page)
{
  Pull *pull = g_task_get_task_data (task);

  if (page->has_total && page->total > MAX_USERS)
    {
      pull_failed (task, g_error_new (SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED,
                                      _("The service says it has %u users; Seats reads at most %u. "
                                        "Nothing was changed."),
                                      page->total, MAX_USERS));
      return FALSE;
    }

  if (++pull->n_pages > MAX_PAGES)
    {
      pull_failed (task, g_error_new (SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED,
                                      _("The service sent more pages of users than Seats reads "
                                        "(%u). Nothing was changed."),
                                      MAX_PAGES));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  GTask *task;
  guint  index;
  guint  start;
} PageGet;

static void
request_page (GTask               *task,
              guint                start,
              guint                count,
              GAsyncReadyCallback  callback,
              PageGet             *get)
{
  SeatsScimSource *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);
  g_autofree char *path = NULL;

  get->task = g_object_ref (task);
  get->start = start;

  if (pull->filter != NULL)
    path = g_strdup_printf ("%s?startIndex=%u&count=%u&filter=%s", self->config->users_path,
                            start, count, pull->filter);
  else
    path = g_strdup_printf ("%s?startIndex=%u&count=%u", self->config->users_path, start, count);

  self->request_count++;
  seats_client_get_decoded_async (self->client, path,
                                  (SeatsDecodeFunc) seats_api_decode_user_page,
                                  (GDestroyNotify) seats_user_page_free,
                                  g_task_get_cancellable (task), callback, get);
}

/* One page after the other: the next begins after what this one held. */
static void
sequential_page_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autofree PageGet *get = user_data;
  g_autoptr(GTask) task = get->task;
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(SeatsResponse) response = NULL;
  g_autoptr(SeatsUserPage) page = NULL;
  GError *error = NULL;
  guint added;

  response = seats_client_send_finish (SEATS_CLIENT (object), result, NULL, &error);
  if (response == NULL)
    {
      pull_failed (g_object_ref (task), error);
      return;
    }

  page = g_steal_pointer (&response->decoded);
  if (!believe_page (g_object_ref (task), page))
    return;
  g_object_unref (task);

  if (page->has_total)
    {
      pull->has_total = TRUE;
      pull->total = page->total;
    }

  added = add_page (task, page);
  pull->next_index = get->start + page->users->len;

  /* Done at the total, at an empty page, or when a page brings nobody
   * new: a service that sends the same page again is not read forever. */
  if (page->users->len == 0 || added == 0 ||
      (pull->has_total && pull->next_index - 1 >= pull->total))
    {
      pull_done (g_object_ref (task));
      return;
    }

  pull_request_next (g_object_ref (task));
}

static void
pull_request_next (GTask *task)
{
  SeatsScimSource *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);

  request_page (task, pull->next_index, page_size (self), sequential_page_cb, g_new0 (PageGet, 1));
  g_object_unref (task);
}

/* The planned pages in order, as far as they are there. */
static void
add_planned (GTask *task)
{
  Pull *pull = g_task_get_task_data (task);

  while (pull->planned_added < pull->planned_total &&
         g_ptr_array_index (pull->planned, pull->planned_added) != NULL)
    {
      SeatsUserPage *page = g_ptr_array_index (pull->planned, pull->planned_added);

      add_page (task, page);
      pull->next_index += page->users->len;
      g_clear_pointer (&g_ptr_array_index (pull->planned, pull->planned_added), seats_user_page_free);
      pull->planned_added++;
    }
}

static void
planned_page_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autofree PageGet *get = user_data;
  g_autoptr(GTask) task = get->task;
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(SeatsResponse) response = NULL;
  SeatsUserPage *page;
  GError *error = NULL;
  guint expected;

  pull->in_flight--;
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
  if (!believe_page (g_object_ref (task), page))
    {
      seats_user_page_free (page);
      return;
    }
  g_object_unref (task);

  /* As planned: the same total, and every page but the last as large as
   * the first. Otherwise the plan ends before this page. */
  expected = get->index + 1 == pull->planned_total
             ? pull->total - get->index * pull->plan_size : pull->plan_size;
  if (!page->has_total || page->total != pull->total || page->users->len != expected)
    {
      pull->irregular = TRUE;
      seats_user_page_free (page);
    }
  else if (!pull->irregular)
    {
      g_ptr_array_index (pull->planned, get->index) = page;
      add_planned (task);
    }
  else
    seats_user_page_free (page);

  if (pull->irregular)
    {
      /* Once the pages under way are in, the rest one after the other. */
      if (pull->in_flight == 0)
        {
          g_clear_pointer (&pull->planned, g_ptr_array_unref);
          pull_request_next (g_object_ref (task));
        }
      return;
    }

  if (pull->planned_added == pull->planned_total)
    pull_done (g_object_ref (task));
  else
    pull_request_planned (task);
}

static void
pull_request_planned (GTask *task)
{
  Pull *pull = g_task_get_task_data (task);

  while (pull->in_flight < PAGES_IN_FLIGHT && pull->planned_requested < pull->planned_total)
    {
      PageGet *get = g_new0 (PageGet, 1);

      get->index = pull->planned_requested++;
      pull->in_flight++;
      request_page (task, 1 + get->index * pull->plan_size, pull->plan_size, planned_page_cb, get);
    }
}

static void
first_page_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autofree PageGet *get = user_data;
  g_autoptr(GTask) task = get->task;
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(SeatsResponse) response = NULL;
  g_autoptr(SeatsUserPage) page = NULL;
  GError *error = NULL;

  response = seats_client_send_finish (SEATS_CLIENT (object), result, NULL, &error);
  if (response == NULL)
    {
      pull_failed (g_object_ref (task), error);
      return;
    }

  page = g_steal_pointer (&response->decoded);
  if (!believe_page (g_object_ref (task), page))
    return;
  g_object_unref (task);

  pull->has_total = page->has_total;
  pull->total = page->total;
  add_page (task, page);
  pull->next_index = 1 + page->users->len;

  if (page->users->len == 0 || (page->has_total && page->users->len >= page->total))
    {
      pull_done (g_object_ref (task));
      return;
    }

  /* Without a total, one page after the other until an empty one. */
  if (!page->has_total)
    {
      pull_request_next (g_object_ref (task));
      return;
    }

  pull->plan_size = page->users->len;
  pull->planned_total = (page->total + pull->plan_size - 1) / pull->plan_size;
  pull->planned = g_ptr_array_new_full (pull->planned_total, (GDestroyNotify) seats_user_page_free);
  g_ptr_array_set_size (pull->planned, pull->planned_total);
  pull->planned_requested = pull->planned_added = 1;
  pull_request_planned (task);
}

static void
seats_scim_source_pull_async (SeatsSource         *source,
                              const SeatsSnapshot *known,
                              gboolean             full,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  SeatsScimSource *self = SEATS_SCIM_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Pull *pull = g_new0 (Pull, 1);

  g_task_set_source_tag (task, seats_scim_source_pull_async);
  g_task_set_task_data (task, pull, pull_free);

  /* A delta where the service filters, by when a user last changed; a full
   * pull otherwise, which also finds who was deleted: they are not in it. */
  pull->full = full || !self->config->filter || known->sync.delta_cursor == 0;
  pull->cursor = known->sync.delta_cursor;
  pull->result = seats_pull_new (pull->full ? SEATS_PULL_FULL : SEATS_PULL_DELTA);
  pull->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  seats_snapshot_init (&pull->known);
  if (seats_snapshot_terms_kept_here (known))
    {
      pull->has_terms = TRUE;
      seats_snapshot_copy (&pull->known, known);
    }

  if (!pull->full)
    {
      g_autoptr(GDateTime) since = g_date_time_new_from_unix_utc (pull->cursor);
      g_autofree char *iso = g_date_time_format (since, "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *filter = g_strdup_printf ("meta.lastModified gt \"%s\"", iso);

      pull->filter = g_uri_escape_string (filter, NULL, FALSE);
    }

  seats_source_report_progress (source, 0.05);
  request_page (task, 1, page_size (self), first_page_cb, g_new0 (PageGet, 1));
}

static SeatsPull *
seats_scim_source_pull_finish (SeatsSource   *source,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Sending: a selection activated or deactivated. */

typedef struct
{
  gboolean     active;
  GPtrArray   *ids;
  GHashTable  *versions;
  GHashTable  *known;
  guint        next;
  GPtrArray   *changed;
  GError      *refusal;
  gint64       cursor;
  /* Terms kept on this computer: the account as it was, to count the
   * users against once they are changed. */
  gboolean     has_terms;
  SeatsSnapshot base;
} Send;

static void
send_free (gpointer data)
{
  Send *send = data;

  g_clear_pointer (&send->ids, g_ptr_array_unref);
  g_clear_pointer (&send->versions, g_hash_table_unref);
  g_clear_pointer (&send->known, g_hash_table_unref);
  g_clear_pointer (&send->changed, g_ptr_array_unref);
  g_clear_error (&send->refusal);
  seats_snapshot_clear (&send->base);
  g_free (send);
}

static const char *
current_id (Send *send)
{
  return g_ptr_array_index (send->ids, send->next);
}

static void send_next (GTask *task);

static void
send_done (GTask *task)
{
  Send *send = g_task_get_task_data (task);
  SeatsPull *answer;

  if (send->changed->len == 0 && send->refusal != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&send->refusal));
      g_object_unref (task);
      return;
    }

  answer = seats_pull_new (SEATS_PULL_DELTA);
  answer->parts = SEATS_PULL_PART_USERS;
  answer->snapshot.sync.delta_cursor = send->cursor;
  seats_user_list_splice (answer->snapshot.users, 0, 0, (SeatsUser **) send->changed->pdata,
                          send->changed->len);
  answer->refusal = g_steal_pointer (&send->refusal);

  /* Counted against the terms kept on this computer at once. */
  if (send->has_terms)
    {
      SeatsPull *merged;

      if ((merged = seats_local_source_merge_users (&send->base, answer)) != NULL)
        {
          merged->refusal = g_steal_pointer (&answer->refusal);
          merged->snapshot.sync.delta_cursor = send->cursor;
          seats_pull_free (answer);
          answer = merged;
        }
    }

  g_task_return_pointer (task, answer, (GDestroyNotify) seats_pull_free);
  g_object_unref (task);
}

/* A user of the selection the service did not change: the first such
 * refusal is said; the others go on. */
static void
send_refused (GTask  *task,
              GError *error)
{
  Send *send = g_task_get_task_data (task);

  if (send->refusal == NULL)
    send->refusal = error;
  else
    g_error_free (error);

  send->next++;
  send_next (task);
}

/* An answer that is not transient ends the whole send here: what waits is
 * tried again later, with the same versions. */
static gboolean
send_unreachable (GTask  *task,
                  GError *error)
{
  if (!seats_api_error_is_transient (error) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  g_task_return_error (task, error);
  g_object_unref (task);
  return TRUE;
}

static void
send_changed (GTask     *task,
              SeatsUser *user)
{
  Send *send = g_task_get_task_data (task);

  g_ptr_array_add (send->changed, g_object_ref (user));
  send->next++;
  send_next (task);
}

/* The local user as the service now has it, where the answer has no body. */
static SeatsUser *
known_user_as_asked (Send       *send,
                     const char *id,
                     const char *version)
{
  SeatsUser *known = g_hash_table_lookup (send->known, id);
  SeatsUser *user = seats_user_new ();
  g_autofree GParamSpec **specs = NULL;
  guint n_specs;

  if (known != NULL)
    {
      specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (known), &n_specs);
      for (guint i = 0; i < n_specs; i++)
        {
          g_auto(GValue) value = G_VALUE_INIT;

          g_value_init (&value, specs[i]->value_type);
          g_object_get_property (G_OBJECT (known), specs[i]->name, &value);
          g_object_set_property (G_OBJECT (user), specs[i]->name, &value);
        }
    }
  else
    seats_user_set_id (user, id);

  seats_user_set_active (user, send->active);
  seats_user_set_version (user, version);

  return user;
}

static void
fetched_after_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Send *send = g_task_get_task_data (task);
  g_autoptr(SeatsResponse) response = NULL;
  g_autoptr(SeatsUser) user = NULL;
  GError *error = NULL;
  gboolean stale = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "seats-stale"));

  response = seats_client_send_finish (SEATS_CLIENT (object), result, NULL, &error);
  if (response == NULL)
    {
      if (!send_unreachable (task, error))
        send_refused (task, error);
      return;
    }

  user = seats_api_decode_user (response->root, &error);
  if (user == NULL)
    {
      send_refused (task, error);
      return;
    }
  if (seats_user_get_version (user) == NULL && response->etag != NULL)
    seats_user_set_version (user, response->etag);

  /* Refused as stale, but as asked already: a retry of a change that was
   * made before its answer was lost. Made once, not twice. */
  if (stale && seats_user_get_active (user) != send->active)
    {
      send_refused (task, seats_api_error_from_status_for (SOUP_STATUS_PRECONDITION_FAILED, NULL, SEATS_API_PEER_SCIM));
      return;
    }

  send_changed (task, user);
}

/* The user as the service has it now. */
static void
fetch_user (GTask    *task,
            gboolean  stale)
{
  SeatsScimSource *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);
  g_autofree char *path = user_path (self, current_id (send));

  g_object_set_data (G_OBJECT (task), "seats-stale", GINT_TO_POINTER (stale));
  self->request_count++;
  seats_client_send_async (self->client, "GET", path, NULL, NULL, NULL, NULL,
                           g_task_get_cancellable (task), fetched_after_cb, task);
}

static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(SeatsResponse) response = NULL;
  g_autoptr(SeatsUser) user = NULL;
  GError *error = NULL;

  response = seats_client_send_finish (SEATS_CLIENT (object), result, NULL, &error);
  if (response == NULL)
    {
      if (g_error_matches (error, SEATS_API_ERROR, SEATS_API_ERROR_STALE))
        {
          g_clear_error (&error);
          fetch_user (task, TRUE);
          return;
        }
      if (!send_unreachable (task, error))
        send_refused (task, error);
      return;
    }

  /* 204: changed, without the resource; it is asked for. */
  if (response->root == NULL)
    {
      fetch_user (task, FALSE);
      return;
    }

  user = seats_api_decode_user (response->root, &error);
  if (user == NULL)
    {
      send_refused (task, error);
      return;
    }
  if (seats_user_get_version (user) == NULL && response->etag != NULL)
    seats_user_set_version (user, response->etag);

  send_changed (task, user);
}

/* Without PATCH a user is replaced whole: read first, so that nothing but
 * "active" changes. */
static void
read_for_put_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  SeatsScimSource *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);
  g_autoptr(SeatsResponse) response = NULL;
  g_autofree char *path = NULL;
  g_autofree char *version = NULL;
  JsonObject *resource;
  GError *error = NULL;

  response = seats_client_send_finish (SEATS_CLIENT (object), result, NULL, &error);
  if (response == NULL)
    {
      if (!send_unreachable (task, error))
        send_refused (task, error);
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (response->root))
    {
      send_refused (task, g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED,
                                               _("The service sent an answer Seats cannot read.")));
      return;
    }

  resource = json_node_get_object (response->root);
  if (json_object_has_member (resource, "active") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (resource, "active")) &&
      json_object_get_boolean_member (resource, "active") == send->active)
    {
      /* As asked already. */
      g_autoptr(SeatsUser) user = seats_api_decode_user (response->root, &error);

      if (user == NULL)
        send_refused (task, error);
      else
        send_changed (task, user);
      return;
    }

  /* What the service assigns is not sent back (RFC 7643 3.1). */
  json_object_set_boolean_member (resource, "active", send->active);
  if (self->config->etag)
    version = g_strdup (response->etag);
  json_object_remove_member (resource, "meta");

  path = user_path (self, current_id (send));
  self->request_count++;
  seats_client_send_async (self->client, "PUT", path, response->root, version, NULL, NULL,
                           g_task_get_cancellable (task), changed_cb, task);
}

/* One user of the selection. */
static void
send_one (GTask *task)
{
  SeatsScimSource *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);
  const char *id = current_id (send);
  g_autofree char *path = user_path (self, id);
  const char *version = self->config->etag ? g_hash_table_lookup (send->versions, id) : NULL;
  g_autoptr(JsonNode) body = NULL;

  self->request_count++;

  if (!self->config->patch)
    {
      seats_client_send_async (self->client, "GET", path, NULL, NULL, NULL, NULL,
                               g_task_get_cancellable (task), read_for_put_cb, task);
      return;
    }

  body = seats_api_scim_patch_active (send->active);
  /* If-Match is optional (RFC 7644 3.14): only a version known is sent. */
  seats_client_send_async (self->client, "PATCH", path, body, version != NULL ? version : NULL,
                           NULL, NULL, g_task_get_cancellable (task), changed_cb, task);
}

/* Bulk: a part of the selection in one request (RFC 7644 3.7). */

typedef struct
{
  GTask *task;
  guint  first;
  guint  count;
} BulkPart;

static char *
status_text (JsonObject *op)
{
  JsonNode *status = json_object_get_member (op, "status");

  if (status == NULL || !JSON_NODE_HOLDS_VALUE (status))
    return NULL;

  /* A string in RFC 7644 3.7.3, a number in some services. */
  if (json_node_get_value_type (status) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (status));
  if (json_node_get_value_type (status) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (status));

  return NULL;
}

static void
bulk_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autofree BulkPart *part = user_data;
  GTask *task = part->task;
  Send *send = g_task_get_task_data (task);
  g_autoptr(SeatsResponse) response = NULL;
  JsonArray *operations = NULL;
  GError *error = NULL;

  response = seats_client_send_finish (SEATS_CLIENT (object), result, NULL, &error);
  if (response == NULL)
    {
      if (send_unreachable (task, error))
        return;
      if (send->refusal == NULL)
        send->refusal = error;
      else
        g_error_free (error);
      send->next = part->first + part->count;
      send_next (task);
      return;
    }

  if (JSON_NODE_HOLDS_OBJECT (response->root))
    {
      JsonNode *node = json_object_get_member (json_node_get_object (response->root), "Operations");

      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        operations = json_node_get_array (node);
    }

  /* Each operation's status, in the order they were sent. */
  for (guint i = 0; i < part->count; i++)
    {
      const char *id = g_ptr_array_index (send->ids, part->first + i);
      JsonNode *node = operations != NULL && i < json_array_get_length (operations)
                       ? json_array_get_element (operations, i) : NULL;
      JsonObject *op = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *status = op != NULL ? status_text (op) : NULL;
      guint64 code = 0;

      if (status == NULL || !g_ascii_string_to_unsigned (status, 10, 100, 599, &code, NULL))
        {
          if (send->refusal == NULL)
            send->refusal = g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED,
                                                 _("The service sent an answer Seats cannot read."));
          continue;
        }

      if (code < 300)
        {
          const char *version = NULL;

          if (json_object_has_member (op, "version") &&
              JSON_NODE_HOLDS_VALUE (json_object_get_member (op, "version")) &&
              json_node_get_value_type (json_object_get_member (op, "version")) == G_TYPE_STRING)
            version = json_object_get_string_member (op, "version");

          g_ptr_array_add (send->changed, known_user_as_asked (send, id, version));
        }
      else if (send->refusal == NULL)
        send->refusal = seats_api_error_from_status_for ((guint) code, NULL, SEATS_API_PEER_SCIM);
    }

  send->next = part->first + part->count;
  send_next (task);
}

static void
send_bulk (GTask *task)
{
  SeatsScimSource *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);
  guint count = MIN (MIN (self->config->bulk_max_operations, MAX_BULK_OPERATIONS),
                     send->ids->len - send->next);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  BulkPart *part = g_new0 (BulkPart, 1);

  part->task = task;
  part->first = send->next;
  part->count = count;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schemas");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, SEATS_SCIM_BULK_REQUEST);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "Operations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < count; i++)
    {
      const char *id = g_ptr_array_index (send->ids, send->next + i);
      g_autofree char *path = user_path (self, id);
      g_autofree char *absolute = g_strconcat ("/", path, NULL);
      const char *version = self->config->etag ? g_hash_table_lookup (send->versions, id) : NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "method");
      json_builder_add_string_value (builder, "PATCH");
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, absolute);
      if (version != NULL)
        {
          json_builder_set_member_name (builder, "version");
          json_builder_add_string_value (builder, version);
        }
      json_builder_set_member_name (builder, "data");
      json_builder_add_value (builder, seats_api_scim_patch_active (send->active));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  self->request_count++;
  seats_client_send_async (self->client, "POST", "Bulk", body, NULL, NULL, NULL,
                           g_task_get_cancellable (task), bulk_cb, part);
}

static void
send_next (GTask *task)
{
  SeatsScimSource *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);

  if (send->next >= send->ids->len)
    {
      send_done (task);
      return;
    }

  /* A selection of more than one as Bulk where the service has it. */
  if (self->config->bulk && self->config->patch && send->ids->len - send->next > 1)
    send_bulk (task);
  else
    send_one (task);
}

static void
seats_scim_source_send_async (SeatsSource         *source,
                              SeatsChange         *change,
                              const char          *idempotency_key,
                              const SeatsSnapshot *known,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  SeatsScimSource *self = SEATS_SCIM_SOURCE (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  const char * const *ids = seats_change_get_user_ids (change);
  GListModel *users = G_LIST_MODEL (known->users);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_users = g_list_model_get_n_items (users);
  Send *send;

  g_task_set_source_tag (task, seats_scim_source_send_async);

  /* The terms, and what is bought under them, are kept on this computer,
   * by the rules a license server applies. */
  if (seats_change_get_kind (change) == SEATS_CHANGE_TERMS ||
      seats_change_get_kind (change) == SEATS_CHANGE_BUY ||
      seats_change_get_kind (change) == SEATS_CHANGE_NEXT_PERIOD ||
      seats_change_get_kind (change) == SEATS_CHANGE_ORDERS_PUT)
    {
      g_autoptr(GError) error = NULL;
      SeatsPull *pull;

      if (!(pull = seats_local_source_apply (change, known, &error)))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, pull, (GDestroyNotify) seats_pull_free);
      g_object_unref (task);
      return;
    }

  if (seats_change_get_kind (change) != SEATS_CHANGE_USERS_ACTIVE)
    {
      g_task_return_new_error (task, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_SUPPORTED,
                               _("The service this account syncs with does not offer this change."));
      g_object_unref (task);
      return;
    }

  send = g_new0 (Send, 1);
  send->active = seats_change_get_on (change);
  send->ids = g_ptr_array_new_with_free_func (g_free);
  send->versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  send->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  send->changed = g_ptr_array_new_with_free_func (g_object_unref);
  send->cursor = known->sync.delta_cursor;
  seats_snapshot_init (&send->base);
  if (seats_snapshot_terms_kept_here (known))
    {
      send->has_terms = TRUE;
      seats_snapshot_copy (&send->base, known);
    }
  g_task_set_task_data (task, send, send_free);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *key = g_strconcat (SEATS_CHANGE_BASIS_USER, ids[i], NULL);
      const char *version = seats_change_get_basis (change, key);

      g_ptr_array_add (send->ids, g_strdup (ids[i]));
      g_hash_table_add (wanted, (gpointer) ids[i]);
      if (version != NULL)
        g_hash_table_insert (send->versions, g_strdup (ids[i]), g_strdup (version));
    }

  /* The users as they are known, for answers that carry none. */
  for (guint i = 0; i < n_users && g_hash_table_size (send->known) < g_hash_table_size (wanted); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      const char *id = seats_user_get_id (user);

      if (g_hash_table_contains (wanted, id))
        g_hash_table_insert (send->known, g_strdup (id), g_object_ref (user));
    }

  send_next (task);
}

static SeatsPull *
seats_scim_source_send_finish (SeatsSource   *source,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
seats_scim_source_supports (SeatsSource     *source,
                            SeatsChangeKind  kind)
{
  /* Users and their status; the terms, when the administrator keeps them
   * on this computer. */
  return kind == SEATS_CHANGE_USERS_ACTIVE || kind == SEATS_CHANGE_TERMS ||
         kind == SEATS_CHANGE_BUY || kind == SEATS_CHANGE_NEXT_PERIOD ||
         kind == SEATS_CHANGE_ORDERS_PUT;
}

static guint
seats_scim_source_get_request_count (SeatsSource *source)
{
  return SEATS_SCIM_SOURCE (source)->request_count;
}

static gboolean
seats_scim_source_has_secret (SeatsSource  *source,
                              GError      **error)
{
  return seats_client_has_token (SEATS_SCIM_SOURCE (source)->client, error);
}

static void
seats_scim_source_set_secret (SeatsSource *source,
                              const char  *secret)
{
  seats_client_set_token (SEATS_SCIM_SOURCE (source)->client, secret);
}

static void
source_iface_init (SeatsSourceInterface *iface)
{
  iface->pull_async = seats_scim_source_pull_async;
  iface->pull_finish = seats_scim_source_pull_finish;
  iface->send_async = seats_scim_source_send_async;
  iface->send_finish = seats_scim_source_send_finish;
  iface->supports = seats_scim_source_supports;
  iface->get_request_count = seats_scim_source_get_request_count;
  iface->has_secret = seats_scim_source_has_secret;
  iface->set_secret = seats_scim_source_set_secret;
}

static void
seats_scim_source_finalize (GObject *object)
{
  SeatsScimSource *self = (SeatsScimSource *)object;

  g_clear_object (&self->client);
  g_clear_pointer (&self->config, seats_scim_config_free);
  g_free (self->account_id);
  g_free (self->name);

  G_OBJECT_CLASS (seats_scim_source_parent_class)->finalize (object);
}

static void
seats_scim_source_class_init (SeatsScimSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = seats_scim_source_finalize;
}

static void
seats_scim_source_init (SeatsScimSource *self)
{
}

/**
 * seats_scim_source_new:
 * @client: a client whose base is the service's SCIM base
 * @account_id: the key of the account
 * @name: the account's name, to show
 * @config: what the service said it can do
 *
 * Returns: (transfer full): the account's source
 */
SeatsSource *
seats_scim_source_new (SeatsClient           *client,
                       const char            *account_id,
                       const char            *name,
                       const SeatsScimConfig *config)
{
  SeatsScimSource *self;

  g_return_val_if_fail (SEATS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (SEATS_TYPE_SCIM_SOURCE, NULL);
  self->client = g_object_ref (client);
  self->config = seats_scim_config_copy (config);
  self->account_id = g_strdup (account_id);
  self->name = g_strdup (name != NULL ? name : account_id);
  seats_client_set_scim (client);

  return SEATS_SOURCE (self);
}

SeatsClient *
seats_scim_source_get_client (SeatsScimSource *self)
{
  g_return_val_if_fail (SEATS_IS_SCIM_SOURCE (self), NULL);

  return self->client;
}

const SeatsScimConfig *
seats_scim_source_get_config (SeatsScimSource *self)
{
  g_return_val_if_fail (SEATS_IS_SCIM_SOURCE (self), NULL);

  return self->config;
}
