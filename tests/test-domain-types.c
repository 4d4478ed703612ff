/* test-domain-types.c: the GObject types of the domain
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "seats-domain.h"

static GType
type_at (guint i)
{
  /* Every domain type: each property test runs over all of them, so a new
   * property is tested as soon as it is installed. */
  GType (*get_types[]) (void) = {
    seats_account_get_type,
    seats_action_entry_get_type,
    seats_billing_details_get_type,
    seats_feature_get_type,
    seats_history_point_get_type,
    seats_invoice_get_type,
    seats_license_change_get_type,
    seats_order_get_type,
    seats_pending_license_get_type,
    seats_policy_get_type,
    seats_product_get_type,
    seats_subscription_get_type,
    seats_user_get_type,
  };

  return i < G_N_ELEMENTS (get_types) ? get_types[i] () : G_TYPE_INVALID;
}

/* A value of @pspec's type that differs from its default and, by @salt,
 * from the value given to every other property of the object. */
static void
make_distinct_value (GParamSpec *pspec,
                     guint       salt,
                     GValue     *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_value_init (value, type);

  if (type == G_TYPE_STRING)
    g_value_take_string (value, g_strdup_printf ("%s-%u", pspec->name, salt));
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, !G_PARAM_SPEC_BOOLEAN (pspec)->default_value);
  else if (type == G_TYPE_UINT)
    g_value_set_uint (value, MIN (G_PARAM_SPEC_UINT (pspec)->maximum, 700000 + salt));
  else if (type == G_TYPE_INT64)
    g_value_set_int64 (value, G_GINT64_CONSTANT (9000000000) + salt);
  else if (G_TYPE_IS_ENUM (type))
    {
      GParamSpecEnum *espec = G_PARAM_SPEC_ENUM (pspec);
      GEnumClass *klass = espec->enum_class;

      /* The last value, or the first when the last is the default. */
      if (klass->values[klass->n_values - 1].value != espec->default_value)
        g_value_set_enum (value, klass->values[klass->n_values - 1].value);
      else
        g_value_set_enum (value, klass->values[0].value);
    }
  else if (type == G_TYPE_STRV)
    {
      const char *modules[] = { "planning", pspec->name, NULL };

      g_value_set_boxed (value, modules);
    }
  else if (type == SEATS_TYPE_POLICY)
    g_value_take_object (value, seats_policy_new ());
  else
    g_assert_not_reached ();
}

static void
test_param_flags (void)
{
  for (guint t = 0; type_at (t) != G_TYPE_INVALID; t++)
    {
      g_autoptr(GTypeClass) klass = g_type_class_ref (type_at (t));
      g_autofree GParamSpec **pspecs = NULL;
      guint n_pspecs;

      pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_pspecs);
      g_assert_cmpuint (n_pspecs, >, 0);

      for (guint i = 0; i < n_pspecs; i++)
        {
          g_test_message ("%s:%s", g_type_name (type_at (t)), pspecs[i]->name);
          g_assert_true (pspecs[i]->flags & G_PARAM_STATIC_NAME);
          if (pspecs[i]->flags & G_PARAM_WRITABLE)
            g_assert_true (pspecs[i]->flags & G_PARAM_EXPLICIT_NOTIFY);
        }
    }
}

/* Set every writable property of every type to its own value, then read
 * them all back: two properties sharing a field, or a getter reading the
 * wrong one, would show here. */
static void
test_properties_round_trip (void)
{
  for (guint t = 0; type_at (t) != G_TYPE_INVALID; t++)
    {
      g_autoptr(GObject) object = g_object_new (type_at (t), NULL);
      g_autofree GParamSpec **pspecs = NULL;
      guint n_pspecs;

      pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);

      for (guint i = 0; i < n_pspecs; i++)
        {
          g_auto(GValue) value = G_VALUE_INIT;

          if (!(pspecs[i]->flags & G_PARAM_WRITABLE))
            continue;

          make_distinct_value (pspecs[i], i, &value);
          g_object_set_property (object, pspecs[i]->name, &value);
        }

      for (guint i = 0; i < n_pspecs; i++)
        {
          g_auto(GValue) expected = G_VALUE_INIT;
          g_auto(GValue) actual = G_VALUE_INIT;

          if (!(pspecs[i]->flags & G_PARAM_WRITABLE))
            continue;

          g_test_message ("%s:%s", g_type_name (type_at (t)), pspecs[i]->name);
          make_distinct_value (pspecs[i], i, &expected);
          g_value_init (&actual, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
          g_object_get_property (object, pspecs[i]->name, &actual);

          if (G_VALUE_HOLDS (&actual, G_TYPE_STRV))
            g_assert_cmpstrv (g_value_get_boxed (&actual), g_value_get_boxed (&expected));
          else if (G_VALUE_HOLDS_OBJECT (&actual))
            g_assert_nonnull (g_value_get_object (&actual));
          else
            g_assert_cmpint (g_param_values_cmp (pspecs[i], &actual, &expected), ==, 0);
        }
    }
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* Setting a value notifies once; setting the same value again, through
 * the property or a fresh copy, does not notify at all. */
static void
test_notify_only_on_change (void)
{
  for (guint t = 0; type_at (t) != G_TYPE_INVALID; t++)
    {
      g_autoptr(GObject) object = g_object_new (type_at (t), NULL);
      g_autofree GParamSpec **pspecs = NULL;
      guint n_pspecs;

      pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);

      for (guint i = 0; i < n_pspecs; i++)
        {
          g_auto(GValue) value = G_VALUE_INIT;
          g_auto(GValue) same = G_VALUE_INIT;
          g_autofree char *signal = NULL;
          guint count = 0;
          gulong id;

          if (!(pspecs[i]->flags & G_PARAM_WRITABLE))
            continue;

          g_test_message ("%s:%s", g_type_name (type_at (t)), pspecs[i]->name);
          signal = g_strconcat ("notify::", pspecs[i]->name, NULL);
          id = g_signal_connect (object, signal, G_CALLBACK (count_notify_cb), &count);

          make_distinct_value (pspecs[i], i, &value);
          g_object_set_property (object, pspecs[i]->name, &value);
          g_assert_cmpuint (count, ==, 1);

          /* An equal value in a different allocation; the same object. */
          if (G_VALUE_HOLDS_OBJECT (&value))
            {
              g_value_init (&same, G_VALUE_TYPE (&value));
              g_value_copy (&value, &same);
            }
          else
            {
              make_distinct_value (pspecs[i], i, &same);
            }
          g_object_set_property (object, pspecs[i]->name, &same);
          g_assert_cmpuint (count, ==, 1);

          g_signal_handler_disconnect (object, id);
        }
    }
}

static void
test_setters_notify (void)
{
  g_autoptr(SeatsUser) user = seats_user_new ();
  g_autofree char *name = g_strdup ("Anna de Vries");
  guint count = 0;

  g_signal_connect (user, "notify::display-name", G_CALLBACK (count_notify_cb), &count);

  seats_user_set_display_name (user, name);
  g_assert_cmpuint (count, ==, 1);
  /* The setter copies: the caller's string may go. */
  g_clear_pointer (&name, g_free);
  g_assert_cmpstr (seats_user_get_display_name (user), ==, "Anna de Vries");

  seats_user_set_display_name (user, "Anna de Vries");
  g_assert_cmpuint (count, ==, 1);
  seats_user_set_display_name (user, seats_user_get_display_name (user));
  g_assert_cmpuint (count, ==, 1);
  seats_user_set_display_name (user, NULL);
  g_assert_cmpuint (count, ==, 2);
  g_assert_null (seats_user_get_display_name (user));
  seats_user_set_display_name (user, NULL);
  g_assert_cmpuint (count, ==, 2);

  count = 0;
  g_signal_handlers_disconnect_by_func (user, count_notify_cb, &count);
  g_signal_connect (user, "notify::active", G_CALLBACK (count_notify_cb), &count);
  seats_user_set_active (user, TRUE);
  /* Any true value is the same TRUE. */
  seats_user_set_active (user, 2);
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (seats_user_get_active (user) == TRUE);
}

static void
test_defaults (void)
{
  g_autoptr(SeatsPolicy) policy = seats_policy_new ();
  g_autoptr(SeatsAccount) account = seats_account_new ();
  g_autoptr(SeatsProduct) product = seats_product_new ();
  g_autoptr(SeatsSubscription) subscription = seats_subscription_new ();
  g_autoptr(SeatsUser) user = seats_user_new ();
  g_autoptr(SeatsFeature) feature = seats_feature_new ();
  guint grace_days = 0;

  g_assert_cmpuint (seats_policy_get_grace_days (policy), ==, 7);
  g_assert_cmpuint (seats_policy_get_min_seats (policy), ==, 1);
  g_assert_cmpint (seats_policy_get_seat_floor (policy), ==, SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE);
  g_assert_cmpint (seats_policy_get_activation (policy), ==, SEATS_ACTIVATION_MANUAL);
  g_assert_false (seats_policy_is_resold (policy));

  /* The property's default is the same as the field's. */
  g_object_get (policy, "grace-days", &grace_days, NULL);
  g_assert_cmpuint (grace_days, ==, 7);

  /* The least a token can do until the server says otherwise. */
  g_assert_cmpint (seats_account_get_role (account), ==, SEATS_ROLE_VIEWER);
  g_assert_true (SEATS_IS_POLICY (seats_account_get_policy (account)));
  g_assert_cmpuint (seats_policy_get_grace_days (seats_account_get_policy (account)), ==, 7);

  g_assert_true (seats_product_get_enabled (product));
  g_assert_cmpuint (seats_subscription_get_period_months (subscription), ==, 1);

  g_assert_false (seats_user_get_active (user));
  g_assert_cmpuint (seats_user_get_end_date_julian (user), ==, SEATS_JULIAN_NONE);
  g_assert_nonnull (seats_user_get_modules (user));
  g_assert_null (seats_user_get_modules (user)[0]);
  g_assert_null (seats_user_get_version (user));

  /* A feature is included in the subscription unless it says otherwise. */
  g_assert_cmpint (seats_feature_get_kind (feature), ==, SEATS_FEATURE_KIND_FEATURE);
  g_assert_cmpint (seats_feature_get_monthly_fee (feature), ==, 0);
  g_assert_null (seats_feature_get_currency (feature));
}

/* The names are what the API and the cache store: they never change. */
static void
test_feature_kind_names (void)
{
  SeatsFeatureKind kind = SEATS_FEATURE_KIND_INTEGRATION;

  g_assert_cmpstr (seats_feature_kind_to_string (SEATS_FEATURE_KIND_FEATURE), ==, "feature");
  g_assert_cmpstr (seats_feature_kind_to_string (SEATS_FEATURE_KIND_INTEGRATION), ==,
                   "integration");

  g_assert_true (seats_feature_kind_from_string ("feature", &kind));
  g_assert_cmpint (kind, ==, SEATS_FEATURE_KIND_FEATURE);
  g_assert_true (seats_feature_kind_from_string ("integration", &kind));
  g_assert_cmpint (kind, ==, SEATS_FEATURE_KIND_INTEGRATION);

  /* An unknown name leaves the value alone. */
  g_assert_false (seats_feature_kind_from_string ("module", &kind));
  g_assert_false (seats_feature_kind_from_string ("Integration", &kind));
  g_assert_false (seats_feature_kind_from_string (NULL, &kind));
  g_assert_cmpint (kind, ==, SEATS_FEATURE_KIND_INTEGRATION);
}

/* A version is the source's own text, kept as it came: SCIM says it is
 * opaque (RFC 7644 3.14). */
static void
test_user_version (void)
{
  g_autoptr(SeatsUser) user = seats_user_new ();
  g_autofree char *version = NULL;
  guint count = 0;

  g_signal_connect (user, "notify::version", G_CALLBACK (count_notify_cb), &count);
  g_assert_null (seats_user_get_version (user));

  seats_user_set_version (user, "W/\"3694e05e9dff590\"");
  g_assert_cmpstr (seats_user_get_version (user), ==, "W/\"3694e05e9dff590\"");
  g_assert_cmpuint (count, ==, 1);
  seats_user_set_version (user, "W/\"3694e05e9dff590\"");
  g_assert_cmpuint (count, ==, 1);

  /* active is a bit beside it: neither disturbs the other. */
  seats_user_set_active (user, TRUE);
  g_assert_cmpstr (seats_user_get_version (user), ==, "W/\"3694e05e9dff590\"");
  g_object_set (user, "version", "\"17\"", NULL);
  g_object_get (user, "version", &version, NULL);
  g_assert_cmpstr (version, ==, "\"17\"");
  g_assert_true (seats_user_get_active (user));
  g_assert_cmpuint (count, ==, 2);

  seats_user_set_version (user, NULL);
  g_assert_null (seats_user_get_version (user));
  g_assert_cmpuint (count, ==, 3);
}

static void
test_history_point (void)
{
  g_autoptr(SeatsHistoryPoint) point = seats_history_point_new ();
  guint32 may = seats_julian_from_ymd (2026, 5, 1);
  guint month = 0;
  GDate date;

  g_assert_cmpuint (seats_history_point_get_month_julian (point), ==, SEATS_JULIAN_NONE);

  seats_history_point_set_month_julian (point, may);
  seats_history_point_set_purchased (point, 40);
  seats_history_point_set_used (point, 38);

  g_object_get (point, "month", &month, NULL);
  g_assert_cmpuint (month, ==, may);
  g_assert_true (seats_julian_to_date (seats_history_point_get_month_julian (point), &date));
  g_assert_cmpint (g_date_get_month (&date), ==, G_DATE_MAY);
  g_assert_cmpint (g_date_get_day (&date), ==, 1);
  g_assert_cmpuint (seats_history_point_get_purchased (point), ==, 40);
  g_assert_cmpuint (seats_history_point_get_used (point), ==, 38);
}

static void
test_user_modules (void)
{
  g_autoptr(SeatsUser) anna = seats_user_new ();
  g_autoptr(SeatsUser) bert = seats_user_new ();
  g_auto(GStrv) modules = g_strsplit ("planning,invoicing", ",", -1);
  g_auto(GStrv) copy = NULL;
  guint count = 0;

  g_signal_connect (anna, "notify::modules", G_CALLBACK (count_notify_cb), &count);

  seats_user_set_modules (anna, (const char * const *) modules);
  seats_user_set_modules (bert, (const char * const *) modules);
  g_assert_cmpuint (count, ==, 1);

  /* The user keeps no pointer into the caller's array. */
  g_clear_pointer (&modules, g_strfreev);
  g_assert_cmpstrv (seats_user_get_modules (anna),
                    ((const char * const[]) { "planning", "invoicing", NULL }));
  g_assert_true (seats_user_has_module (anna, "invoicing"));
  g_assert_false (seats_user_has_module (anna, "invoice"));

  /* Shared between users, not copied per user. */
  g_assert_true (seats_user_get_modules (anna)[0] == seats_user_get_modules (bert)[0]);

  /* The property gives the caller its own copy. */
  g_object_get (anna, "modules", &copy, NULL);
  g_assert_cmpstrv (copy, seats_user_get_modules (anna));
  g_assert_true (copy[0] != seats_user_get_modules (anna)[0]);
  g_free (copy[0]);
  copy[0] = g_strdup ("changed");
  g_assert_cmpstr (seats_user_get_modules (anna)[0], ==, "planning");

  /* An equal list, the same list in another order, none. */
  seats_user_set_modules (anna, ((const char * const[]) { "planning", "invoicing", NULL }));
  g_assert_cmpuint (count, ==, 1);
  seats_user_set_modules (anna, ((const char * const[]) { "invoicing", "planning", NULL }));
  g_assert_cmpuint (count, ==, 2);
  seats_user_set_modules (anna, ((const char * const[]) { "invoicing", NULL }));
  g_assert_cmpuint (count, ==, 3);
  seats_user_set_modules (anna, NULL);
  g_assert_cmpuint (count, ==, 4);
  g_assert_null (seats_user_get_modules (anna)[0]);
  seats_user_set_modules (anna, ((const char * const[]) { NULL }));
  g_assert_cmpuint (count, ==, 4);
  g_object_set (anna, "modules", NULL, NULL);
  g_assert_cmpuint (count, ==, 4);
}

static void
test_user_dates (void)
{
  g_autoptr(SeatsUser) user = seats_user_new ();
  GDate date;
  guint end = 0;

  g_assert_false (seats_user_get_end_date (user, &date));
  g_assert_false (g_date_valid (&date));

  seats_user_set_end_date_julian (user, seats_julian_from_ymd (2026, 3, 31));
  g_assert_true (seats_user_get_end_date (user, &date));
  g_assert_cmpint (g_date_get_year (&date), ==, 2026);
  g_assert_cmpint (g_date_get_month (&date), ==, G_DATE_MARCH);
  g_assert_cmpint (g_date_get_day (&date), ==, 31);
  g_assert_cmpuint (seats_julian_from_date (&date), ==, seats_user_get_end_date_julian (user));

  /* The property is the same Julian day. */
  g_object_get (user, "end-date", &end, NULL);
  g_assert_cmpuint (end, ==, seats_user_get_end_date_julian (user));

  g_assert_false (seats_user_get_start_date (user, &date));
  g_assert_false (seats_user_get_grace_deadline (user, &date));
  seats_user_set_grace_deadline_julian (user, seats_julian_from_ymd (2026, 4, 7));
  g_assert_true (seats_user_get_grace_deadline (user, &date));
  g_assert_cmpint (g_date_get_day (&date), ==, 7);
}

/* R1 on a user: who holds a license on a day, and why; every branch and
 * boundary of seats_user_get_status(). */
static void
test_user_status (void)
{
  enum { NO = G_MININT };
  const guint32 today_j = seats_julian_from_ymd (2026, 11, 15);
  g_autoptr(GListStore) users = g_list_store_new (SEATS_TYPE_USER);
  struct {
    gboolean        active;
    int             start, end, grace;
    SeatsUserStatus status;
  } cases[] = {
    { TRUE, NO, NO, NO, SEATS_USER_STATUS_ACTIVE },
    { TRUE, -30, NO, NO, SEATS_USER_STATUS_ACTIVE },
    /* Starting today counts as started. */
    { TRUE, 0, 1, NO, SEATS_USER_STATUS_ACTIVE },
    /* The end date itself still counts; the day after does not. */
    { TRUE, NO, 0, NO, SEATS_USER_STATUS_ACTIVE },
    { TRUE, NO, -1, NO, SEATS_USER_STATUS_LEFT },
    /* A start ahead already holds a license. */
    { TRUE, 1, NO, NO, SEATS_USER_STATUS_STARTS },
    /* A past end date outweighs a start ahead and a grace deadline. */
    { TRUE, 16, -1, 3, SEATS_USER_STATUS_LEFT },
    /* A grace deadline outweighs a start ahead, and counts until the server
     * has deactivated the user, past the deadline too. */
    { TRUE, 16, NO, 3, SEATS_USER_STATUS_GRACE },
    { TRUE, NO, NO, -1, SEATS_USER_STATUS_GRACE },
    /* Inactive is inactive, whatever the dates say. */
    { FALSE, NO, NO, NO, SEATS_USER_STATUS_INACTIVE },
    { FALSE, 16, 0, 3, SEATS_USER_STATUS_INACTIVE },
  };
  guint expected_counted = 0;
  GDate today;

  seats_julian_to_date (today_j, &today);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SeatsUser) user = seats_user_new ();
      gboolean counts = cases[i].status != SEATS_USER_STATUS_LEFT &&
                        cases[i].status != SEATS_USER_STATUS_INACTIVE;

      seats_user_set_active (user, cases[i].active);
      seats_user_set_start_date_julian (user, cases[i].start != NO ? today_j + cases[i].start : 0);
      seats_user_set_end_date_julian (user, cases[i].end != NO ? today_j + cases[i].end : 0);
      seats_user_set_grace_deadline_julian (user, cases[i].grace != NO ? today_j + cases[i].grace : 0);

      g_test_message ("case %u", i);
      g_assert_cmpint (seats_user_get_status (user, &today), ==, cases[i].status);
      g_assert_cmpint (seats_user_status_counts (cases[i].status), ==, counts);
      g_assert_cmpint (seats_user_counts (user, &today), ==, counts);

      expected_counted += counts;
      g_list_store_append (users, user);
    }

  g_assert_cmpuint (expected_counted, ==, 7);
  g_assert_cmpuint (seats_users_count_counted (G_LIST_MODEL (users), &today), ==, expected_counted);
}

static void
test_julian (void)
{
  GDate date;

  /* GDate's numbering: day 1 is 1 January of the year 1. */
  g_assert_cmpuint (seats_julian_from_ymd (1, 1, 1), ==, 1);
  g_assert_cmpuint (seats_julian_from_ymd (2026, 3, 1) - seats_julian_from_ymd (2026, 2, 28),
                    ==, 1);
  g_assert_cmpuint (seats_julian_from_ymd (2028, 3, 1) - seats_julian_from_ymd (2028, 2, 28),
                    ==, 2);
  g_assert_cmpuint (seats_julian_from_ymd (2026, 2, 29), ==, SEATS_JULIAN_NONE);
  g_assert_cmpuint (seats_julian_from_ymd (2026, 13, 1), ==, SEATS_JULIAN_NONE);
  g_assert_cmpuint (seats_julian_from_ymd (0, 1, 1), ==, SEATS_JULIAN_NONE);
  g_assert_cmpuint (seats_julian_from_ymd (2026, 4, 0), ==, SEATS_JULIAN_NONE);

  g_assert_false (seats_julian_to_date (SEATS_JULIAN_NONE, &date));
  g_assert_cmpuint (seats_julian_from_date (&date), ==, SEATS_JULIAN_NONE);
  g_assert_true (seats_julian_to_date (seats_julian_from_ymd (2026, 12, 31), &date));
  g_assert_cmpint (g_date_get_year (&date), ==, 2026);
}

/* The object is small enough for 100,000 of them in the memory budget:
 * five strings, the modules, two moments, three dates, a bit and the key
 * its name sorts by. */
static void
test_user_size (void)
{
  GTypeQuery query;

  g_type_query (SEATS_TYPE_USER, &query);
  g_assert_cmpuint (query.instance_size, <=, 112);
}

static void
count_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        guint      *count)
{
  (*count)++;
}

static SeatsLicenseChange *
make_change (const char *product_id,
             guint       new_count,
             guint       in_use)
{
  SeatsLicenseChange *change = seats_license_change_new ();

  seats_license_change_set_product_id (change, product_id);
  seats_license_change_set_new_count (change, new_count);
  seats_license_change_set_in_use (change, in_use);
  return change;
}

static void
test_pending_license (void)
{
  g_autoptr(SeatsPendingLicense) license = seats_pending_license_new ();
  g_autoptr(SeatsLicenseChange) seats = make_change ("seats", 40, 38);
  g_autoptr(SeatsLicenseChange) planning = make_change ("planning", 5, 6);
  SeatsLicenseChange *changes[] = { seats, planning };
  GListModel *model = seats_pending_license_get_changes (license);
  g_autoptr(GListModel) property_model = NULL;
  g_autoptr(SeatsLicenseChange) first = NULL;
  guint count = 0;

  g_assert_true (g_list_model_get_item_type (model) == SEATS_TYPE_LICENSE_CHANGE);
  g_object_get (license, "changes", &property_model, NULL);
  g_assert_true (property_model == model);

  g_signal_connect (model, "items-changed", G_CALLBACK (count_items_changed_cb), &count);
  seats_pending_license_set_changes (license, changes, G_N_ELEMENTS (changes));
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  /* Replacing is one change as well, and the model is the same one. */
  seats_pending_license_set_changes (license, changes, 1);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (seats_pending_license_get_changes (license) == model);

  first = g_list_model_get_item (model, 0);
  g_assert_true (first == seats);
  g_assert_false (seats_license_change_is_short (seats));
  g_assert_true (seats_license_change_is_short (planning));
}

static void
test_account (void)
{
  g_autoptr(SeatsAccount) account = seats_account_new ();
  g_autoptr(SeatsPolicy) policy = seats_policy_new ();
  SeatsPolicy *weak = seats_account_get_policy (account);
  guint today = seats_julian_from_ymd (2026, 5, 10);

  /* Replacing the policy lets go of the old one. */
  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  seats_account_set_policy (account, policy);
  g_assert_null (weak);
  g_assert_true (seats_account_get_policy (account) == policy);

  g_assert_cmpint (seats_account_get_trial_days_left (account, today), ==, -1);
  seats_account_set_is_trial (account, TRUE);
  g_assert_cmpint (seats_account_get_trial_days_left (account, today), ==, -1);
  /* R18: the end is the trial's last day; the window and seatsctl both
   * count through the rule, so they agree. */
  seats_account_set_trial_end_julian (account, today + 14);
  g_assert_cmpint (seats_account_get_trial_days_left (account, today), ==, 15);
  g_assert_cmpint (seats_account_get_trial_days_left (account, today + 13), ==, 2);
  g_assert_cmpint (seats_account_get_trial_days_left (account, today + 14), ==, 1);
  g_assert_cmpint (seats_account_get_trial_days_left (account, today + 15), ==, 0);
  g_assert_cmpint (seats_account_get_trial_days_left (account, today + 400), ==, 0);
  g_assert_cmpint (seats_account_get_trial_days_left (account, SEATS_JULIAN_NONE), ==, -1);

  seats_policy_set_reseller_name (policy, "");
  g_assert_false (seats_policy_is_resold (policy));
  seats_policy_set_reseller_name (policy, "Visma.net");
  g_assert_true (seats_policy_is_resold (policy));
}

static void
test_subscription_period (void)
{
  g_autoptr(SeatsSubscription) subscription = seats_subscription_new ();

  g_assert_cmpuint (seats_subscription_get_period_days (subscription), ==, 0);

  /* The end is exclusive: February 2026 has 28 days. */
  seats_subscription_set_period_start_julian (subscription, seats_julian_from_ymd (2026, 2, 1));
  seats_subscription_set_period_end_julian (subscription, seats_julian_from_ymd (2026, 3, 1));
  g_assert_cmpuint (seats_subscription_get_period_days (subscription), ==, 28);

  seats_subscription_set_period_end_julian (subscription, seats_julian_from_ymd (2026, 1, 1));
  g_assert_cmpuint (seats_subscription_get_period_days (subscription), ==, 0);
}

/* The licenses nobody holds; never below nothing when more are in use. */
static void
test_product_free (void)
{
  g_autoptr(SeatsProduct) product = seats_product_new ();

  seats_product_set_purchased (product, 4);
  seats_product_set_in_use (product, 3);
  g_assert_cmpuint (seats_product_get_free (product), ==, 1);
  seats_product_set_in_use (product, 4);
  g_assert_cmpuint (seats_product_get_free (product), ==, 0);
  seats_product_set_in_use (product, 6);
  g_assert_cmpuint (seats_product_get_free (product), ==, 0);
  seats_product_set_in_use (product, 0);
  g_assert_cmpuint (seats_product_get_free (product), ==, 4);
}

/* R15: a price a viewer is not told is not a price of nothing. */
static void
test_prices_shared (void)
{
  g_autoptr(SeatsProduct) product = seats_product_new ();
  g_autoptr(SeatsSubscription) subscription = seats_subscription_new ();

  g_assert_true (seats_product_has_price (product));
  seats_product_set_price (product, SEATS_PRICE_NOT_SHARED);
  g_assert_false (seats_product_has_price (product));
  seats_product_set_price (product, 0);
  g_assert_true (seats_product_has_price (product));

  g_assert_true (seats_subscription_has_prices (subscription));
  seats_subscription_set_monthly_price (subscription, SEATS_PRICE_NOT_SHARED);
  g_assert_false (seats_subscription_has_prices (subscription));
  seats_subscription_set_monthly_price (subscription, 76722);
  seats_subscription_set_total_price (subscription, SEATS_PRICE_NOT_SHARED);
  g_assert_false (seats_subscription_has_prices (subscription));
  seats_subscription_set_total_price (subscription, 76722);
  g_assert_true (seats_subscription_has_prices (subscription));
}

/* An open invoice is overdue from the day after its due date; a paid one
 * never is, nor one without a due date. */
static void
test_invoice_overdue (void)
{
  g_autoptr(SeatsInvoice) invoice = seats_invoice_new ();
  guint32 due = seats_julian_from_ymd (2026, 12, 1);

  seats_invoice_set_due_julian (invoice, due);
  seats_invoice_set_status (invoice, "open");
  g_assert_false (seats_invoice_is_overdue (invoice, due - 1));
  g_assert_false (seats_invoice_is_overdue (invoice, due));
  g_assert_true (seats_invoice_is_overdue (invoice, due + 1));

  seats_invoice_set_status (invoice, "paid");
  g_assert_false (seats_invoice_is_overdue (invoice, due + 30));

  seats_invoice_set_status (invoice, "open");
  seats_invoice_set_due_julian (invoice, 0);
  g_assert_false (seats_invoice_is_overdue (invoice, due + 30));
}

/* The lines of the monthly price, one for each product; none when a
 * price is not shared (R15). */
static void
test_price_lines (void)
{
  g_autoptr(GListStore) products = g_list_store_new (SEATS_TYPE_PRODUCT);
  g_autoptr(SeatsProduct) seats = seats_product_new ();
  g_autoptr(SeatsProduct) integration = seats_product_new ();
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GArray) hidden = NULL;

  seats_product_set_kind (seats, SEATS_PRODUCT_KIND_USER_SEATS);
  seats_product_set_purchased (seats, 22);
  seats_product_set_price (seats, 2950);
  seats_product_set_kind (integration, SEATS_PRODUCT_KIND_INTEGRATION);
  seats_product_set_price (integration, 1500);
  seats_product_set_enabled (integration, FALSE);
  g_list_store_append (products, seats);
  g_list_store_append (products, integration);

  lines = seats_products_price_lines (G_LIST_MODEL (products));
  g_assert_nonnull (lines);
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpint (g_array_index (lines, SeatsRulePriceLine, 0).kind, ==, SEATS_PRODUCT_KIND_USER_SEATS);
  g_assert_cmpuint (g_array_index (lines, SeatsRulePriceLine, 0).purchased, ==, 22);
  g_assert_cmpint (g_array_index (lines, SeatsRulePriceLine, 0).price, ==, 2950);
  g_assert_false (g_array_index (lines, SeatsRulePriceLine, 1).enabled);

  /* The sum is told only where it is the price beside it. */
  {
    g_autofree char *sum = seats_products_explain_monthly_price (G_LIST_MODEL (products), 22 * 2950, "EUR");
    g_autofree char *other = seats_products_explain_monthly_price (G_LIST_MODEL (products), 22 * 2950 + 1, "EUR");

    g_assert_nonnull (sum);
    g_assert_nonnull (strstr (sum, " = "));
    g_assert_null (other);
    g_assert_null (seats_products_explain_monthly_price (G_LIST_MODEL (products), SEATS_PRICE_NOT_SHARED, "EUR"));
  }

  seats_product_set_price (integration, SEATS_PRICE_NOT_SHARED);
  hidden = seats_products_price_lines (G_LIST_MODEL (products));
  g_assert_null (hidden);
  g_assert_null (seats_products_explain_monthly_price (G_LIST_MODEL (products), 22 * 2950, "EUR"));
}

/* The policy the rules get: the server's, a grace of 0 days included, and
 * the defaults without one. */
static void
test_policy_to_rule (void)
{
  g_autoptr(SeatsPolicy) policy = seats_policy_new ();
  SeatsRulePolicy rule, defaults;

  seats_rule_policy_init (&defaults);
  seats_policy_to_rule (NULL, &rule);
  g_assert_cmpint (rule.seat_floor, ==, defaults.seat_floor);
  g_assert_cmpint (rule.activation, ==, defaults.activation);
  g_assert_cmpuint (rule.min_seats, ==, defaults.min_seats);
  g_assert_cmpuint (rule.grace_days, ==, defaults.grace_days);

  seats_policy_set_seat_floor (policy, SEATS_SEAT_FLOOR_GRACE);
  seats_policy_set_activation (policy, SEATS_ACTIVATION_AUTOMATIC);
  seats_policy_set_min_seats (policy, 5);
  seats_policy_set_grace_days (policy, 0);
  seats_policy_to_rule (policy, &rule);
  g_assert_cmpint (rule.seat_floor, ==, SEATS_SEAT_FLOOR_GRACE);
  g_assert_cmpint (rule.activation, ==, SEATS_ACTIVATION_AUTOMATIC);
  g_assert_cmpuint (rule.min_seats, ==, 5);
  g_assert_cmpuint (rule.grace_days, ==, 0);
}

/* The key a user's name sorts by: without regard to case, the user name
 * where there is no display name, and made again when either changes,
 * whichever way it is set. */
static void
test_user_sort_key (void)
{
  g_autoptr(SeatsUser) anna = seats_user_new ();
  g_autoptr(SeatsUser) bob = seats_user_new ();
  g_autofree char *before = NULL;

  seats_user_set_display_name (anna, "anna de Vries");
  seats_user_set_display_name (bob, "Bob");
  g_assert_cmpint (strcmp (seats_user_get_sort_key (anna), seats_user_get_sort_key (bob)), <, 0);

  /* Renamed: sorted by the new name. */
  before = g_strdup (seats_user_get_sort_key (anna));
  seats_user_set_display_name (anna, "Carla");
  g_assert_cmpstr (seats_user_get_sort_key (anna), !=, before);
  g_assert_cmpint (strcmp (seats_user_get_sort_key (anna), seats_user_get_sort_key (bob)), >, 0);
  g_object_set (anna, "display-name", "Aart", NULL);
  g_assert_cmpint (strcmp (seats_user_get_sort_key (anna), seats_user_get_sort_key (bob)), <, 0);

  /* No display name: the user name, which may change too. */
  seats_user_set_display_name (bob, NULL);
  seats_user_set_user_name (bob, "zed");
  g_assert_cmpint (strcmp (seats_user_get_sort_key (anna), seats_user_get_sort_key (bob)), <, 0);
  g_object_set (bob, "user-name", "AAA", NULL);
  g_assert_cmpint (strcmp (seats_user_get_sort_key (anna), seats_user_get_sort_key (bob)), >, 0);
  seats_user_set_display_name (bob, "");
  g_assert_cmpint (strcmp (seats_user_get_sort_key (anna), seats_user_get_sort_key (bob)), >, 0);
}

typedef struct
{
  guint position, removed, added, calls;
} Changed;

static void
record_changed_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   Changed    *changed)
{
  *changed = (Changed) { position, removed, added, changed->calls + 1 };
}

static char *
list_ids (SeatsUserList *list)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_string_append (ids, seats_user_get_id (user));
    }

  return g_string_free (ids, FALSE);
}

/* The users' list model: what g_list_store_splice() does, one
 * items-changed each time, and a whole list handed over. */
static void
test_user_list (void)
{
  g_autoptr(SeatsUserList) list = seats_user_list_new ();
  g_autoptr(SeatsUserList) other = seats_user_list_new ();
  SeatsUser *users[5];
  Changed changed = { 0 };
  char *ids;

  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      char id[2] = { (char) ('a' + i), '\0' };

      users[i] = seats_user_new ();
      seats_user_set_id (users[i], id);
    }
  g_signal_connect (list, "items-changed", G_CALLBACK (record_changed_cb), &changed);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == SEATS_TYPE_USER);
  seats_user_list_splice (list, 0, 0, users, 3);
  g_assert_cmpuint (changed.calls, ==, 1);
  g_assert_cmpuint (changed.added, ==, 3);
  seats_user_list_append (list, users[4]);
  /* Into the middle, in place of one. */
  seats_user_list_splice (list, 1, 1, &users[3], 1);
  g_assert_cmpuint (changed.position, ==, 1);
  g_assert_cmpuint (changed.removed, ==, 1);
  g_assert_cmpuint (changed.added, ==, 1);
  ids = list_ids (list);
  g_assert_cmpstr (ids, ==, "adce");
  g_free (ids);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 4));

  seats_user_list_remove (list, 0);
  ids = list_ids (list);
  g_assert_cmpstr (ids, ==, "dce");
  g_free (ids);

  /* Nothing to do: no signal. */
  seats_user_list_splice (list, 3, 0, NULL, 0);
  g_assert_cmpuint (changed.calls, ==, 4);

  /* Brought again by a full sync: what is unchanged stays the same
   * object. */
  {
    g_autoptr(SeatsUser) same_d = seats_user_new ();

    seats_user_set_id (same_d, "d");
    seats_user_list_splice (other, 0, 0, (SeatsUser *[]) { same_d, users[1], users[4] }, 3);
    seats_user_list_update (list, other);
    ids = list_ids (list);
    g_assert_cmpstr (ids, ==, "dbe");
    g_free (ids);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 3);
    seats_user_list_remove_all (other);
    /* Only c became b. */
    g_assert_cmpuint (changed.calls, ==, 5);
    g_assert_cmpuint (changed.position, ==, 1);
    g_assert_cmpuint (changed.removed, ==, 1);
    g_assert_cmpuint (changed.added, ==, 1);
    {
      g_autoptr(SeatsUser) first = g_list_model_get_item (G_LIST_MODEL (list), 0);

      g_assert_true (first == users[3]);
    }
  }

  /* Nothing changed: nothing said. */
  seats_user_list_splice (other, 0, 0, (SeatsUser *[]) { users[3], users[1], users[4] }, 3);
  seats_user_list_update (list, other);
  g_assert_cmpuint (changed.calls, ==, 5);
  seats_user_list_remove_all (other);

  /* One more at the end, one fewer at the start. */
  seats_user_list_splice (other, 0, 0, (SeatsUser *[]) { users[1], users[4], users[0] }, 3);
  seats_user_list_update (list, other);
  ids = list_ids (list);
  g_assert_cmpstr (ids, ==, "bea");
  g_free (ids);
  g_assert_cmpuint (changed.calls, ==, 6);
  seats_user_list_remove_all (other);

  /* What only the pull held, to be freed anywhere; what the list shows
   * stays with it. */
  seats_user_list_splice (other, 0, 0, (SeatsUser *[]) { users[1], users[2] }, 2);
  {
    g_autoptr(GPtrArray) unshared = seats_user_list_take_unshared (other, list);

    g_assert_cmpuint (unshared->len, ==, 1);
    g_assert_true (unshared->pdata[0] == users[2]);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 0);
  }

  seats_user_list_remove_all (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  /* Many scattered changes: one signal for the whole middle. */
  {
    g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GPtrArray) after = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < 1000; i++)
      {
        g_autofree char *id = g_strdup_printf ("u%u", i);
        SeatsUser *user = seats_user_new ();
        SeatsUser *changed_user = seats_user_new ();

        seats_user_set_id (user, id);
        seats_user_set_id (changed_user, id);
        seats_user_set_active (changed_user, i % 10 == 5);
        g_ptr_array_add (before, user);
        g_ptr_array_add (after, i % 10 == 5 ? changed_user : g_object_ref (user));
        if (i % 10 != 5)
          g_object_unref (changed_user);
      }
    seats_user_list_splice (list, 0, 0, (SeatsUser **) before->pdata, before->len);
    seats_user_list_splice (other, 0, 0, (SeatsUser **) after->pdata, after->len);
    changed.calls = 0;
    seats_user_list_update (list, other);
    seats_user_list_remove_all (other);
    g_assert_cmpuint (changed.calls, ==, 1);
    g_assert_cmpuint (changed.position, ==, 5);
    g_assert_cmpuint (changed.removed, ==, 991);
    for (guint i = 0; i < 1000; i++)
      {
        g_autoptr(SeatsUser) user = g_list_model_get_item (G_LIST_MODEL (list), i);

        g_assert_true (seats_user_equal (user, after->pdata[i]));
      }

    /* A few stretches: one signal each. */
    for (guint i = 0; i < 1000; i++)
      {
        g_autoptr(SeatsUser) user = g_list_model_get_item (G_LIST_MODEL (list), i);

        if (i == 10 || i == 500 || i == 501)
          {
            g_autofree char *id = g_strdup_printf ("x%u", i);
            SeatsUser *renamed = seats_user_new ();

            seats_user_set_id (renamed, id);
            seats_user_list_append (other, renamed);
            g_object_unref (renamed);
          }
        else
          seats_user_list_append (other, user);
      }
    changed.calls = 0;
    seats_user_list_update (list, other);
    g_assert_cmpuint (changed.calls, ==, 2);
    g_assert_cmpuint (changed.position, ==, 500);
    g_assert_cmpuint (changed.removed, ==, 2);
    g_assert_cmpuint (changed.added, ==, 2);
  }

  seats_user_list_remove_all (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    g_object_unref (users[i]);
}

/* Two users are equal when every field is. */
static void
test_user_equal (void)
{
  const char *modules[] = { "imaging", NULL };
  const char *other_modules[] = { "imaging", "agenda", NULL };
  struct {
    const char *property;
    GValue      value;
  } changes[] = {
    { "id", G_VALUE_INIT }, { "version", G_VALUE_INIT }, { "user-name", G_VALUE_INIT },
    { "display-name", G_VALUE_INIT }, { "email", G_VALUE_INIT }, { "active", G_VALUE_INIT },
    { "start-date", G_VALUE_INIT }, { "end-date", G_VALUE_INIT }, { "grace-deadline", G_VALUE_INIT },
    { "created", G_VALUE_INIT }, { "modified", G_VALUE_INIT }, { "modules", G_VALUE_INIT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autoptr(SeatsUser) a = g_object_new (SEATS_TYPE_USER, "id", "u1", "version", "W/\"1\"",
                                             "user-name", "anna", "display-name", "Anna",
                                             "email", "anna@example.test", "active", TRUE,
                                             "start-date", 10, "end-date", 20, "grace-deadline", 15,
                                             "created", (gint64) 100, "modified", (gint64) 200,
                                             "modules", modules, NULL);
      g_autoptr(SeatsUser) b = g_object_new (SEATS_TYPE_USER, "id", "u1", "version", "W/\"1\"",
                                             "user-name", "anna", "display-name", "Anna",
                                             "email", "anna@example.test", "active", TRUE,
                                             "start-date", 10, "end-date", 20, "grace-deadline", 15,
                                             "created", (gint64) 100, "modified", (gint64) 200,
                                             "modules", modules, NULL);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (b), changes[i].property);

      g_assert_true (seats_user_equal (a, b));
      g_value_init (&changes[i].value, pspec->value_type);
      if (pspec->value_type == G_TYPE_STRING)
        g_value_set_string (&changes[i].value, "other");
      else if (pspec->value_type == G_TYPE_BOOLEAN)
        g_value_set_boolean (&changes[i].value, FALSE);
      else if (pspec->value_type == G_TYPE_UINT)
        g_value_set_uint (&changes[i].value, 99);
      else if (pspec->value_type == G_TYPE_INT64)
        g_value_set_int64 (&changes[i].value, 99);
      else
        g_value_set_boxed (&changes[i].value, other_modules);
      g_object_set_property (G_OBJECT (b), changes[i].property, &changes[i].value);
      g_value_unset (&changes[i].value);

      g_test_message ("%s", changes[i].property);
      g_assert_false (seats_user_equal (a, b));
      g_assert_false (seats_user_equal (b, a));
    }
}

/* The add-on modules a user holds, by the vendor's names. */
static void
test_user_describe_modules (void)
{
  g_autoptr(GListStore) products = g_list_store_new (SEATS_TYPE_PRODUCT);
  g_autoptr(SeatsProduct) imaging = seats_product_new ();
  g_autoptr(SeatsUser) user = seats_user_new ();
  const char *modules[] = { "imaging", "gone", NULL };
  g_autofree char *none = NULL;
  g_autofree char *named = NULL;
  g_autofree char *without_products = NULL;

  seats_product_set_id (imaging, "imaging");
  seats_product_set_name (imaging, "Röntgen, digitaal");
  g_list_store_append (products, imaging);

  none = seats_user_describe_modules (user, G_LIST_MODEL (products), NULL);
  g_assert_cmpstr (none, ==, "");

  /* A module no longer among the products is shown by its id. */
  seats_user_set_modules (user, modules);
  named = seats_user_describe_modules (user, G_LIST_MODEL (products), NULL);
  g_assert_cmpstr (named, ==, "Röntgen, digitaal, gone");
  without_products = seats_user_describe_modules (user, NULL, " / ");
  g_assert_cmpstr (without_products, ==, "imaging / gone");
}

/* R20 and seatsctl users --csv: one report, whom it holds by R1 on the
 * day given, every cell safe for a spreadsheet, a missing value an empty
 * cell that keeps the columns in place. */
static void
test_report_users_csv (void)
{
  enum { NO = G_MININT };
  const guint32 today_j = seats_julian_from_ymd (2026, 11, 15);
  g_autoptr(GListStore) users = g_list_store_new (SEATS_TYPE_USER);
  g_autoptr(GListStore) products = g_list_store_new (SEATS_TYPE_PRODUCT);
  g_autoptr(SeatsProduct) imaging = seats_product_new ();
  struct {
    const char *id;
    const char *name;
    const char *email;
    gboolean    active;
    int         start, end;
  } cases[] = {
    { "u1", "Vries, Anna \"Ankie\" de", "anna@example.com", TRUE, NO, NO },
    { "u2", "=HYPERLINK(\"http://evil.example\")", NULL, TRUE, 3, NO },
    /* The end date itself still counts; the day before it left does not. */
    { "u3", "Leaves today", "l@example.com", TRUE, NO, 0 },
    { "u4", "Left yesterday", "y@example.com", TRUE, NO, -1 },
    { "u5", "Inactive", "i@example.com", FALSE, NO, NO },
  };
  const char *modules[] = { "imaging", "gone", NULL };
  g_autofree char *counted = NULL;
  g_autofree char *others = NULL;
  g_autofree char *all = NULL;
  g_autofree char *stable = NULL;
  guint n_rows = 0;
  GDate today;

  seats_julian_to_date (today_j, &today);
  seats_product_set_id (imaging, "imaging");
  seats_product_set_name (imaging, "Imaging");
  g_list_store_append (products, imaging);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SeatsUser) user = seats_user_new ();

      seats_user_set_id (user, cases[i].id);
      seats_user_set_user_name (user, cases[i].id);
      seats_user_set_display_name (user, cases[i].name);
      seats_user_set_email (user, cases[i].email);
      seats_user_set_active (user, cases[i].active);
      if (cases[i].start != NO)
        seats_user_set_start_date_julian (user, today_j + cases[i].start);
      if (cases[i].end != NO)
        seats_user_set_end_date_julian (user, today_j + cases[i].end);
      if (i == 0)
        seats_user_set_modules (user, modules);
      g_list_store_append (users, user);
    }

  counted = seats_report_users_csv (G_LIST_MODEL (users), G_LIST_MODEL (products), &today,
                                    SEATS_REPORT_USERS_COUNTED, SEATS_REPORT_FLAGS_NONE, &n_rows);
  g_assert_cmpuint (n_rows, ==, 3);
  g_assert_cmpstr (counted, ==,
                   "ID,User name,Name,E-mail,Active,Start date,End date,Modules\r\n"
                   "u1,u1,\"Vries, Anna \"\"Ankie\"\" de\",anna@example.com,true,,,\"Imaging, gone\"\r\n"
                   "u2,u2,\"'=HYPERLINK(\"\"http://evil.example\"\")\",,true,2026-11-18,,\r\n"
                   "u3,u3,Leaves today,l@example.com,true,,2026-11-15,\r\n");

  others = seats_report_users_csv (G_LIST_MODEL (users), NULL, &today, SEATS_REPORT_USERS_NOT_COUNTED,
                                   SEATS_REPORT_FLAGS_STABLE_HEADER, &n_rows);
  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_cmpstr (others, ==,
                   "id,user_name,name,email,active,start_date,end_date,modules\r\n"
                   "u4,u4,Left yesterday,y@example.com,true,,2026-11-14,\r\n"
                   "u5,u5,Inactive,i@example.com,false,,,\r\n");

  all = seats_report_users_csv (G_LIST_MODEL (users), NULL, &today, SEATS_REPORT_USERS_ALL,
                                SEATS_REPORT_FLAGS_NONE, &n_rows);
  g_assert_cmpuint (n_rows, ==, 5);

  /* A day later, who left today no longer holds a license. */
  g_date_add_days (&today, 1);
  stable = seats_report_users_csv (G_LIST_MODEL (users), NULL, &today, SEATS_REPORT_USERS_COUNTED,
                                   SEATS_REPORT_FLAGS_STABLE_HEADER, &n_rows);
  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_null (strstr (stable, "Leaves today"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/domain/types/param-flags", test_param_flags);
  g_test_add_func ("/domain/types/round-trip", test_properties_round_trip);
  g_test_add_func ("/domain/types/notify-only-on-change", test_notify_only_on_change);
  g_test_add_func ("/domain/types/setters-notify", test_setters_notify);
  g_test_add_func ("/domain/types/defaults", test_defaults);
  g_test_add_func ("/domain/types/policy-to-rule", test_policy_to_rule);
  g_test_add_func ("/domain/types/invoice-overdue", test_invoice_overdue);
  g_test_add_func ("/domain/types/price-lines", test_price_lines);
  g_test_add_func ("/domain/feature-kind-names", test_feature_kind_names);
  g_test_add_func ("/domain/julian", test_julian);
  g_test_add_func ("/domain/user/modules", test_user_modules);
  g_test_add_func ("/domain/product/free", test_product_free);
  g_test_add_func ("/domain/prices-shared", test_prices_shared);
  g_test_add_func ("/domain/user/dates", test_user_dates);
  g_test_add_func ("/domain/user/status", test_user_status);
  g_test_add_func ("/domain/user/size", test_user_size);
  g_test_add_func ("/domain/user/version", test_user_version);
  g_test_add_func ("/domain/history-point", test_history_point);
  g_test_add_func ("/domain/pending-license", test_pending_license);
  g_test_add_func ("/domain/account", test_account);
  g_test_add_func ("/domain/subscription/period", test_subscription_period);
  g_test_add_func ("/domain/user/describe-modules", test_user_describe_modules);
  g_test_add_func ("/domain/user/sort-key", test_user_sort_key);
  g_test_add_func ("/domain/user/list", test_user_list);
  g_test_add_func ("/domain/user/equal", test_user_equal);
  g_test_add_func ("/domain/report/users-csv", test_report_users_csv);

  return g_test_run ();
}
