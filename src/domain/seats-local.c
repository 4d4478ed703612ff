/* seats-local.c: a subscription kept on this computer changes by the rules
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-account.h"
#include "seats-action-entry.h"
#include "seats-history-point.h"
#include "seats-local.h"
#include "seats-order.h"
#include "seats-policy.h"
#include "seats-product.h"
#include "seats-rules.h"
#include "seats-subscription.h"
#include "seats-terms.h"
#include "seats-user.h"

/*
 * A subscription whose terms are kept by hand has no server to make a
 * change: it is made here, by what a license server does with the same
 * change after seats_change_check() let it through. The answer is a full
 * pull of the account that shares every record the change left as it was,
 * so the engine saves and shows it like any source's answer, and the
 * change's inverse is its Undo.
 */

typedef struct
{
  SeatsPull   *pull;
  const GDate *today;
  gint64       now;
  gboolean     changed;
} Local;

static void
local_init (Local               *local,
            const SeatsSnapshot *known,
            const GDate         *today,
            gint64               now)
{
  local->pull = seats_pull_new (SEATS_PULL_FULL);
  local->pull->parts = SEATS_PULL_PARTS_ALL;
  local->today = today;
  local->now = now;
  local->changed = FALSE;

  seats_snapshot_copy (&local->pull->snapshot, known);
}

static void
log_action (Local      *local,
            const char *action,
            const char *subject,
            const char *before,
            const char *after)
{
  g_autoptr(SeatsActionEntry) entry = seats_action_entry_new ();
  g_autofree char *id = g_uuid_string_random ();

  seats_action_entry_set_id (entry, id);
  seats_action_entry_set_timestamp (entry, local->now);
  seats_action_entry_set_actor (entry, SEATS_LOCAL_ACTOR);
  seats_action_entry_set_action (entry, action);
  seats_action_entry_set_subject (entry, subject);
  seats_action_entry_set_before (entry, before);
  seats_action_entry_set_after (entry, after);

  /* The log is newest first, as a license server keeps it. */
  g_list_store_insert (local->pull->snapshot.actions, 0, entry);
  local->changed = TRUE;
}

typedef const char *(*IdFunc) (gpointer item);

/* The record of @model with @id, and where it is. */
static gpointer
find_by_id (GListModel *model,
            IdFunc      get_id,
            const char *id,
            guint      *position)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (get_id (item), id) == 0)
        {
          *position = i;
          return item;
        }
    }

  return NULL;
}

static const char *
product_id (gpointer item)
{
  return seats_product_get_id (item);
}

static const char *
user_id (gpointer item)
{
  return seats_user_get_id (item);
}

static const char *
order_id (gpointer item)
{
  return seats_order_get_id (item);
}

static SeatsProduct *
find_product (Local      *local,
              const char *id,
              guint      *position)
{
  return find_by_id (G_LIST_MODEL (local->pull->snapshot.products),
                     product_id, id, position);
}

static void
replace_item (GListStore *store,
              guint       position,
              gpointer    item)
{
  g_list_store_splice (store, position, 1, &item, 1);
}

static SeatsUser *
find_user (Local      *local,
           const char *id,
           guint      *position)
{
  return find_by_id (G_LIST_MODEL (local->pull->snapshot.users),
                     user_id, id, position);
}

static void
replace_user (Local     *local,
              guint      position,
              SeatsUser *user)
{
  seats_user_list_splice (local->pull->snapshot.users, position, 1, &user, 1);
  local->changed = TRUE;
}

static char *
count_text (guint count)
{
  return g_strdup_printf ("%u", count);
}

/* R1: the licenses in use are the users who count, and a module's the
 * users who count and hold it. */
static void
recount (Local *local)
{
  SeatsSnapshot *next = &local->pull->snapshot;
  GListModel *users = G_LIST_MODEL (next->users);
  guint n_users = g_list_model_get_n_items (users);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (next->products)); i++)
    {
      g_autoptr(SeatsProduct) product = g_list_model_get_item (G_LIST_MODEL (next->products), i);
      SeatsProductKind kind = seats_product_get_kind (product);
      guint in_use = 0;

      if (kind == SEATS_PRODUCT_KIND_INTEGRATION)
        continue;

      for (guint j = 0; j < n_users; j++)
        {
          g_autoptr(SeatsUser) user = g_list_model_get_item (users, j);

          if (seats_user_counts (user, local->today) &&
              (kind == SEATS_PRODUCT_KIND_USER_SEATS ||
               seats_user_has_module (user, seats_product_get_id (product))))
            in_use++;
        }

      if (in_use != seats_product_get_in_use (product))
        {
          g_autoptr(SeatsProduct) counted = seats_object_dup (product);

          seats_product_set_in_use (counted, in_use);
          replace_item (next->products, i, counted);
        }
    }
}

/* What the subscription costs a month, by the rule the Billing page
 * explains it with: every license bought at its price. */
static void
reprice (Local *local)
{
  SeatsSnapshot *next = &local->pull->snapshot;
  g_autoptr(SeatsSubscription) subscription = NULL;
  g_autoptr(GArray) lines = NULL;
  gint64 monthly;

  if (next->subscription == NULL ||
      !(lines = seats_products_price_lines (G_LIST_MODEL (next->products))) ||
      !seats_rules_monthly_price ((const SeatsRulePriceLine *) (gpointer) lines->data, lines->len,
                                  &monthly, NULL) ||
      monthly > G_MAXINT64 / 12 ||
      monthly == seats_subscription_get_monthly_price (next->subscription))
    return;

  subscription = seats_object_dup (next->subscription);
  seats_subscription_set_monthly_price (subscription, monthly);
  seats_subscription_set_total_price (subscription,
                                      monthly * seats_subscription_get_period_months (subscription));
  g_set_object (&next->subscription, subscription);
}

/* The chart's point of this month: the licenses bought and in use now. */
static void
record_month (Local *local)
{
  SeatsSnapshot *next = &local->pull->snapshot;
  GListModel *history = G_LIST_MODEL (next->history);
  g_autoptr(SeatsHistoryPoint) point = seats_history_point_new ();
  SeatsProduct *seats = seats_products_find_user_seats (G_LIST_MODEL (next->products));
  GDate first = *local->today;
  guint32 month;
  guint at;

  if (seats == NULL)
    return;

  g_date_set_day (&first, 1);
  month = seats_julian_from_date (&first);
  seats_history_point_set_month_julian (point, month);
  seats_history_point_set_purchased (point, seats_product_get_purchased (seats));
  seats_history_point_set_used (point, seats_product_get_in_use (seats));

  /* The months are oldest first. */
  for (at = g_list_model_get_n_items (history); at > 0; at--)
    {
      g_autoptr(SeatsHistoryPoint) before = g_list_model_get_item (history, at - 1);
      guint32 before_month = seats_history_point_get_month_julian (before);

      if (before_month == month)
        {
          if (seats_history_point_get_purchased (before) != seats_history_point_get_purchased (point) ||
              seats_history_point_get_used (before) != seats_history_point_get_used (point))
            replace_item (next->history, at - 1, point);
          return;
        }
      if (before_month < month)
        break;
    }
  g_list_store_insert (next->history, at, point);
}

static SeatsPull *
local_finish (Local *local)
{
  recount (local);
  reprice (local);
  record_month (local);

  return local->pull;
}

static void
buy (Local                    *local,
     SeatsChange              *change,
     const SeatsChangeOutcome *outcome)
{
  SeatsSnapshot *next = &local->pull->snapshot;
  g_autoptr(SeatsProduct) bought = NULL;
  g_autoptr(SeatsOrder) order = seats_order_new ();
  g_autofree char *id = g_uuid_string_random ();
  SeatsProduct *product;
  guint position;

  product = find_product (local, seats_change_get_product_id (change), &position);
  g_return_if_fail (product != NULL);

  bought = seats_object_dup (product);
  seats_product_set_purchased (bought, outcome->quote.purchased_after);
  seats_product_set_next_period (bought, outcome->quote.next_after);
  replace_item (next->products, position, bought);

  /* The order is what was bought at the price quoted (R2), for the
   * vendor's portal to be bought at. */
  seats_order_set_id (order, id);
  seats_order_set_created (order, local->now);
  seats_order_set_product_id (order, seats_product_get_id (bought));
  seats_order_set_product_name (order, seats_product_get_name (bought));
  seats_order_set_quantity (order, outcome->quote.quantity);
  seats_order_set_amount (order, outcome->quote.amount);
  seats_order_set_currency (order, seats_product_get_currency (bought));
  seats_order_set_actor (order, SEATS_LOCAL_ACTOR);
  if (next->subscription != NULL)
    {
      seats_order_set_period_start_julian (order, seats_subscription_get_period_start_julian (next->subscription));
      seats_order_set_period_end_julian (order, seats_subscription_get_period_end_julian (next->subscription));
    }
  g_list_store_insert (next->orders, 0, order);

  {
    g_autofree char *before = count_text (outcome->quote.purchased_before);
    g_autofree char *after = count_text (outcome->quote.purchased_after);

    log_action (local, "order", seats_product_get_id (bought), before, after);
  }
}

static void
next_period (Local       *local,
             SeatsChange *change)
{
  g_autoptr(SeatsProduct) changed = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  SeatsProduct *product;
  guint position;

  product = find_product (local, seats_change_get_product_id (change), &position);
  g_return_if_fail (product != NULL);

  before = count_text (seats_product_get_next_period (product));
  after = count_text (seats_change_get_count (change));
  changed = seats_object_dup (product);
  seats_product_set_next_period (changed, seats_change_get_count (change));
  replace_item (local->pull->snapshot.products, position, changed);

  log_action (local, "next-period", seats_product_get_id (changed), before, after);
}

static guint
free_user_seats (Local *local)
{
  SeatsSnapshot *next = &local->pull->snapshot;
  guint counted = seats_users_count_counted (G_LIST_MODEL (next->users), local->today);
  SeatsProduct *seats = seats_products_find_user_seats (G_LIST_MODEL (next->products));

  if (seats == NULL || seats_product_get_purchased (seats) <= counted)
    return 0;

  return seats_product_get_purchased (seats) - counted;
}

static void
users_active (Local                    *local,
              SeatsChange              *change,
              const SeatsChangeOutcome *outcome)
{
  const char * const *ids = seats_change_get_user_ids (change);
  gboolean active = seats_change_get_on (change);
  guint free_seats = free_user_seats (local);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autoptr(SeatsUser) changed = NULL;
      SeatsUser *user;
      guint position;

      if ((user = find_user (local, ids[i], &position)) == NULL ||
          seats_user_get_active (user) == active)
        continue;

      changed = seats_object_dup (user);
      seats_user_set_active (changed, active);
      seats_user_set_modified (changed, local->now);
      seats_user_set_grace_deadline_julian (changed, 0);

      /* R6: those activated past the free licenses keep theirs until the
       * deadline, under the grace policy. */
      if (active && seats_user_counts (changed, local->today))
        {
          if (free_seats > 0)
            free_seats--;
          else if (outcome->over_allocated)
            seats_user_set_grace_deadline_julian (changed, outcome->deadline);
        }

      replace_user (local, position, changed);
      log_action (local, active ? "activate-user" : "deactivate-user", ids[i], NULL, NULL);
    }
}

/* The history of orders corrected: one put where it was, or added, and
 * those removed gone; the counts are the terms', not the orders'. */
static void
orders_put (Local       *local,
            SeatsChange *change)
{
  GListStore *orders = local->pull->snapshot.orders;
  GPtrArray *put = seats_change_get_orders (change);
  const char * const *removed = seats_change_get_removed_ids (change);

  for (guint i = 0; put != NULL && i < put->len; i++)
    {
      SeatsOrder *order = g_ptr_array_index (put, i);
      guint position;

      if (find_by_id (G_LIST_MODEL (orders), order_id, seats_order_get_id (order), &position) != NULL)
        replace_item (orders, position, order);
      else
        g_list_store_append (orders, order);
    }

  for (guint i = 0; removed != NULL && removed[i] != NULL; i++)
    {
      guint position;

      if (find_by_id (G_LIST_MODEL (orders), order_id, removed[i], &position) != NULL)
        g_list_store_remove (orders, position);
    }

  log_action (local, "orders-corrected-here", NULL, NULL, NULL);
}

/* The user name a user kept here gets when none is given. */
static const char *
derived_user_name (SeatsUser *user)
{
  const char *email = seats_user_get_email (user);

  return email != NULL && *email != '\0' ? email : seats_user_get_display_name (user);
}

static void
users_put (Local       *local,
           SeatsChange *change)
{
  GPtrArray *users = seats_change_get_users (change);
  const char * const *removed = seats_change_get_removed_ids (change);
  const char *source_name = seats_change_get_source_name (change);
  gboolean imported = source_name != NULL && *source_name != '\0';

  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      g_autoptr(SeatsUser) put = seats_object_dup (g_ptr_array_index (users, i));
      SeatsUser *user;
      guint position;

      user = find_user (local, seats_user_get_id (put), &position);

      /* Signed in as something: the e-mail address unless a user name is
       * given, else the name; one taken from them follows them. */
      if (seats_user_get_user_name (put) == NULL || *seats_user_get_user_name (put) == '\0' ||
          (user != NULL &&
           g_strcmp0 (seats_user_get_user_name (user), derived_user_name (user)) == 0 &&
           g_strcmp0 (seats_user_get_user_name (put), seats_user_get_user_name (user)) == 0))
        seats_user_set_user_name (put, derived_user_name (put));

      seats_user_set_modified (put, local->now);
      if (user != NULL)
        {
          if (seats_user_get_created (put) == 0)
            seats_user_set_created (put, seats_user_get_created (user));
          replace_user (local, position, put);
          if (!imported)
            log_action (local, "user-changed-here", seats_user_get_id (put), NULL, NULL);
        }
      else
        {
          if (seats_user_get_created (put) == 0)
            seats_user_set_created (put, local->now);
          seats_user_list_append (local->pull->snapshot.users, put);
          local->changed = TRUE;
          if (!imported)
            log_action (local, "user-added-here", seats_user_get_id (put), NULL, NULL);
        }
    }

  for (guint i = 0; removed != NULL && removed[i] != NULL; i++)
    {
      guint position;

      if (find_user (local, removed[i], &position) == NULL)
        continue;

      seats_user_list_remove (local->pull->snapshot.users, position);
      local->changed = TRUE;
      if (!imported)
        log_action (local, "user-removed-here", removed[i], NULL, NULL);
    }

  if (imported)
    log_action (local, "users-imported", source_name, NULL, NULL);
}

/**
 * seats_local_apply:
 * @change: a change to a subscription kept on this computer
 * @known: the account as it is
 * @today: today, from the one clock
 * @now: the moment, Unix seconds, for the action log
 * @error: why the change is refused, as seats_change_check() says it
 *
 * Makes @change as a license server would: the counts and the order of a
 * purchase at the quoted price (R2, R4), the next period's count (R3, R5),
 * users activated with the grace deadline of those past the count (R6),
 * users added, changed or removed, or the terms themselves; every one in
 * the action log (R14), the licenses in use counted again (R1) and this
 * month's point of the chart brought up to date.
 *
 * Returns: (transfer full) (nullable): the account after @change, a full
 *   pull sharing the records @change did not touch
 */
SeatsPull *
seats_local_apply (SeatsChange          *change,
                   const SeatsSnapshot  *known,
                   const GDate          *today,
                   gint64                now,
                   GError              **error)
{
  SeatsChangeOutcome outcome = { 0 };
  g_autoptr(SeatsChange) checked = NULL;
  Local local;

  g_return_val_if_fail (change != NULL, NULL);
  g_return_val_if_fail (known != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (!(checked = seats_change_check (change, known, today, &outcome, error)))
    return NULL;

  switch (seats_change_get_kind (checked))
    {
    case SEATS_CHANGE_BUY:
    case SEATS_CHANGE_NEXT_PERIOD:
    case SEATS_CHANGE_USERS_ACTIVE:
    case SEATS_CHANGE_USERS_PUT:
    case SEATS_CHANGE_ORDERS_PUT:
    case SEATS_CHANGE_TERMS:
      break;

    case SEATS_CHANGE_MODULE:
    case SEATS_CHANGE_FEATURE:
    case SEATS_CHANGE_BILLING_DETAILS:
    case SEATS_CHANGE_ACTIVATE_LICENSE:
    case SEATS_CHANGE_IMPORT_LICENSE:
    case SEATS_CHANGE_CONVERT_TRIAL:
    default:
      g_set_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_SUPPORTED,
                   _("A subscription kept on this computer has no such setting."));
      return NULL;
    }

  local_init (&local, known, today, now);

  switch (seats_change_get_kind (checked))
    {
    case SEATS_CHANGE_BUY:
      buy (&local, checked, &outcome);
      break;

    case SEATS_CHANGE_NEXT_PERIOD:
      next_period (&local, checked);
      break;

    case SEATS_CHANGE_USERS_ACTIVE:
      users_active (&local, checked, &outcome);
      break;

    case SEATS_CHANGE_USERS_PUT:
      users_put (&local, checked);
      break;

    case SEATS_CHANGE_ORDERS_PUT:
      orders_put (&local, checked);
      break;

    case SEATS_CHANGE_TERMS:
      seats_terms_apply (seats_change_get_terms (checked), &local.pull->snapshot);
      log_action (&local, "terms-changed", NULL, NULL, NULL);
      break;

    case SEATS_CHANGE_MODULE:
    case SEATS_CHANGE_FEATURE:
    case SEATS_CHANGE_BILLING_DETAILS:
    case SEATS_CHANGE_ACTIVATE_LICENSE:
    case SEATS_CHANGE_IMPORT_LICENSE:
    case SEATS_CHANGE_CONVERT_TRIAL:
    default:
      g_assert_not_reached ();
    }

  return local_finish (&local);
}

/* Whether the users are kept on this computer too, so that Seats gives and
 * takes their licenses itself (R5, R6); a service's users are switched on
 * and off at the service, by the administrator. */
static gboolean
users_kept_here (Local *local)
{
  SeatsAccount *account = local->pull->snapshot.account;

  return account == NULL || seats_account_get_source (account) == SEATS_ACCOUNT_SOURCE_MANUAL;
}

static void
turn_period (Local   *local,
             guint32  start,
             guint32  end)
{
  SeatsSnapshot *next = &local->pull->snapshot;
  g_autoptr(SeatsSubscription) subscription = seats_object_dup (next->subscription);
  g_autofree char *day = NULL;
  SeatsRulePolicy policy;
  GDate first;

  seats_subscription_set_period_start_julian (subscription, start);
  seats_subscription_set_period_end_julian (subscription, end);
  g_set_object (&next->subscription, subscription);

  /* R3: the next period's counts are what is bought now. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (next->products)); i++)
    {
      g_autoptr(SeatsProduct) product = g_list_model_get_item (G_LIST_MODEL (next->products), i);
      g_autoptr(SeatsProduct) turned = NULL;

      if (seats_product_get_kind (product) == SEATS_PRODUCT_KIND_INTEGRATION ||
          seats_product_get_purchased (product) == seats_product_get_next_period (product))
        continue;

      turned = seats_object_dup (product);
      seats_product_set_purchased (turned, seats_product_get_next_period (product));
      replace_item (next->products, i, turned);
    }

  seats_julian_to_date (start, &first);
  day = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&first), g_date_get_month (&first),
                         g_date_get_day (&first));
  log_action (local, "period-turned", "subscription", NULL, day);

  /* R5: under the grace policy, the newest of the users past the count
   * keep their license until the deadline. */
  seats_rule_policy_init (&policy);
  if (next->account != NULL && seats_account_get_policy (next->account) != NULL)
    seats_policy_to_rule (seats_account_get_policy (next->account), &policy);
  if (policy.seat_floor == SEATS_SEAT_FLOOR_GRACE && users_kept_here (local))
    {
      GListModel *users = G_LIST_MODEL (next->users);
      guint n_users = g_list_model_get_n_items (users);
      g_autofree SeatsRuleUser *rule_users = g_new0 (SeatsRuleUser, MAX (n_users, 1));
      g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GArray) excess = NULL;
      SeatsProduct *user_seats = seats_products_find_user_seats (G_LIST_MODEL (next->products));
      guint seats = user_seats != NULL ? seats_product_get_purchased (user_seats) : 0;
      GDate deadline;

      for (guint i = 0; i < n_users; i++)
        {
          SeatsUser *user = g_list_model_get_item (users, i);

          g_ptr_array_add (held, user);
          rule_users[i].id = seats_user_get_id (user);
          rule_users[i].created = seats_user_get_created (user);
          rule_users[i].counts = seats_user_counts (user, local->today);
        }

      excess = seats_rules_grace_users (rule_users, n_users, seats, &first, policy.grace_days,
                                        &deadline);
      for (guint i = 0; i < excess->len; i++)
        {
          guint index = g_array_index (excess, guint, i);
          g_autoptr(SeatsUser) graced = NULL;

          /* A deadline of an earlier period stays as it was. */
          if (seats_user_get_grace_deadline_julian (g_ptr_array_index (held, index)) != 0)
            continue;

          graced = seats_object_dup (g_ptr_array_index (held, index));

          seats_user_set_grace_deadline_julian (graced, seats_julian_from_date (&deadline));
          replace_user (local, index, graced);
          log_action (local, "grace-deadline", seats_user_get_id (graced), NULL, NULL);
        }
    }
}

/* Each billing period that has ended turns with the counts set for it
 * (R3), users over the count get their grace deadline (R5), and those whose
 * deadline has passed hold no license any more (R6). */
static void
bring_to_today (Local *local)
{
  const SeatsSnapshot *known = &local->pull->snapshot;
  guint32 today_julian, start, end;

  if (known->subscription == NULL)
    return;

  today_julian = seats_julian_from_date (local->today);
  end = seats_subscription_get_period_end_julian (known->subscription);
  while (end != 0 && end <= today_julian)
    {
      start = end;
      if ((end = seats_subscription_period_after (known->subscription, start)) <= start)
        break;

      turn_period (local, start, end);
    }

  /* R6: a deadline passed with no license bought for the user. */
  for (guint i = 0;
       users_kept_here (local) && i < g_list_model_get_n_items (G_LIST_MODEL (local->pull->snapshot.users));
       i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (G_LIST_MODEL (local->pull->snapshot.users), i);
      g_autoptr(SeatsUser) deactivated = NULL;
      guint32 deadline = seats_user_get_grace_deadline_julian (user);
      GDate day;

      if (deadline == 0 || !seats_user_get_active (user) ||
          !seats_julian_to_date (deadline, &day) ||
          !seats_rules_deadline_passed (&day, local->today))
        continue;

      deactivated = seats_object_dup (user);
      seats_user_set_active (deactivated, FALSE);
      seats_user_set_grace_deadline_julian (deactivated, 0);
      seats_user_set_modified (deactivated, local->now);
      replace_user (local, i, deactivated);
      log_action (local, "deactivated-at-deadline", seats_user_get_id (user), NULL, NULL);
    }
}

/**
 * seats_local_turn:
 * @known: a subscription kept on this computer
 * @today: today, from the one clock
 * @now: the moment, Unix seconds, for the action log
 *
 * Brings @known up to @today: each billing period that has ended turns
 * into the next with the counts set for it (R3), the users past the count
 * get their deadline under the grace policy (R5), and those whose deadline
 * has passed hold no license any more (R6), each in the action log.
 *
 * Returns: (transfer full) (nullable): the account as it is today, or
 *   %NULL when nothing turned
 */
SeatsPull *
seats_local_turn (const SeatsSnapshot *known,
                  const GDate         *today,
                  gint64               now)
{
  Local local;

  g_return_val_if_fail (known != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (known->subscription == NULL)
    return NULL;

  local_init (&local, known, today, now);
  bring_to_today (&local);

  if (!local.changed)
    {
      seats_pull_free (local.pull);
      return NULL;
    }

  return local_finish (&local);
}

/**
 * seats_local_merge_users:
 * @known: an account whose terms are kept on this computer and whose users
 *   come from a service
 * @users: what the service gave: all its users, those changed, or nothing
 * @today: today, from the one clock
 * @now: the moment, Unix seconds, for the action log
 *
 * The service's users put into @known, which is then brought up to @today
 * as seats_local_turn() does: the licenses in use are counted again (R1),
 * the price and this month's chart point follow. What the service gave
 * stays what it was: all users after all of them, only the users that
 * changed after a delta, so that a delta writes no more than it must and a
 * later full pull still finds who was deleted.
 *
 * Returns: (transfer full) (nullable): the account as it is now, or %NULL
 *   when nothing changed
 */
SeatsPull *
seats_local_merge_users (const SeatsSnapshot *known,
                         const SeatsPull     *users,
                         const GDate         *today,
                         gint64               now)
{
  g_autoptr(GHashTable) positions = NULL;
  g_autoptr(GHashTable) unchanged = NULL;
  SeatsUserList *changed;
  SeatsPull *merged;
  GListModel *given, *all;
  gboolean full;
  Local local;

  g_return_val_if_fail (known != NULL, NULL);
  g_return_val_if_fail (users != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  local_init (&local, known, today, now);
  given = G_LIST_MODEL (users->snapshot.users);
  all = G_LIST_MODEL (local.pull->snapshot.users);
  full = users->kind == SEATS_PULL_FULL && (users->parts & SEATS_PULL_PART_USERS);

  if (full)
    {
      seats_user_list_remove_all (local.pull->snapshot.users);
      for (guint i = 0; i < g_list_model_get_n_items (given); i++)
        {
          g_autoptr(SeatsUser) user = g_list_model_get_item (given, i);

          seats_user_list_append (local.pull->snapshot.users, user);
        }
      local.changed = TRUE;
    }
  else if (users->kind == SEATS_PULL_DELTA)
    {
      /* Where each user is, looked up once: a delta of many users stays
       * quick in an account of very many. */
      positions = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < g_list_model_get_n_items (all); i++)
        {
          g_autoptr(SeatsUser) user = g_list_model_get_item (all, i);

          g_hash_table_insert (positions, (gpointer) seats_user_get_id (user), GUINT_TO_POINTER (i + 1));
        }

      for (guint i = 0; i < g_list_model_get_n_items (given); i++)
        {
          g_autoptr(SeatsUser) user = g_list_model_get_item (given, i);
          guint position = GPOINTER_TO_UINT (g_hash_table_lookup (positions, seats_user_get_id (user)));

          if (position != 0)
            replace_user (&local, position - 1, user);
          else
            seats_user_list_append (local.pull->snapshot.users, user);
          local.changed = TRUE;
        }
      g_clear_pointer (&positions, g_hash_table_unref);

      for (guint i = 0; users->deleted_ids != NULL && users->deleted_ids[i] != NULL; i++)
        {
          guint position;

          if (find_user (&local, users->deleted_ids[i], &position) == NULL)
            continue;
          seats_user_list_remove (local.pull->snapshot.users, position);
          local.changed = TRUE;
        }
    }

  bring_to_today (&local);

  if (!local.changed)
    {
      seats_pull_free (local.pull);
      return NULL;
    }

  merged = local_finish (&local);
  if (full)
    return merged;

  /* A delta: the users that are not those known, and who was deleted. */
  unchanged = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (known->users)); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (G_LIST_MODEL (known->users), i);

      g_hash_table_add (unchanged, user);
    }
  changed = seats_user_list_new ();
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (all, i);

      if (!g_hash_table_contains (unchanged, user))
        seats_user_list_append (changed, user);
    }
  g_object_unref (merged->snapshot.users);
  merged->snapshot.users = changed;
  merged->kind = SEATS_PULL_DELTA;
  merged->parts = SEATS_PULL_PART_ACCOUNT | SEATS_PULL_PART_SUBSCRIPTION | SEATS_PULL_PART_PRODUCTS |
                  SEATS_PULL_PART_ACTIONS | SEATS_PULL_PART_HISTORY | SEATS_PULL_PART_USERS;
  merged->deleted_ids = g_strdupv (users->deleted_ids);

  return merged;
}
