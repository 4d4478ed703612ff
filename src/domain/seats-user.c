/* seats-user.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "seats-change.h"
#include "seats-product.h"
#include "seats-rules.h"
#include "seats-user.h"
#include "seats-types-private.h"

/* Kept small: 100,000 of these live in memory at once. */
struct _SeatsUser
{
  GObject parent_instance;

  char         *id;
  char         *user_name;
  char         *display_name;
  char         *email;
  /* NULL-terminated, interned strings; NULL when there are none */
  const char  **modules;
  /* The source's version of the user, opaque: sent back in If-Match. */
  char         *version;
  gint64        created;
  gint64        modified;
  guint32       start_date;
  guint32       end_date;
  guint32       grace_deadline;
  guint         active : 1;
  /* How the name sorts, made when first asked for; NULL until then. */
  char         *sort_key;
};

G_DEFINE_FINAL_TYPE (SeatsUser, seats_user, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_USER_NAME,
  PROP_DISPLAY_NAME,
  PROP_EMAIL,
  PROP_ACTIVE,
  PROP_START_DATE,
  PROP_END_DATE,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_MODULES,
  PROP_GRACE_DEADLINE,
  PROP_VERSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const gsize field_offsets [N_PROPS] = {
  [PROP_ID] = SEATS_FIELD (SeatsUser, id),
  [PROP_USER_NAME] = SEATS_FIELD (SeatsUser, user_name),
  [PROP_DISPLAY_NAME] = SEATS_FIELD (SeatsUser, display_name),
  [PROP_EMAIL] = SEATS_FIELD (SeatsUser, email),
  /* active is a bit-field, handled by hand below */
  [PROP_VERSION] = SEATS_FIELD (SeatsUser, version),
  [PROP_START_DATE] = SEATS_FIELD (SeatsUser, start_date),
  [PROP_END_DATE] = SEATS_FIELD (SeatsUser, end_date),
  [PROP_CREATED] = SEATS_FIELD (SeatsUser, created),
  [PROP_MODIFIED] = SEATS_FIELD (SeatsUser, modified),
  [PROP_GRACE_DEADLINE] = SEATS_FIELD (SeatsUser, grace_deadline),
};

static const char * const no_modules[] = { NULL };

static void
seats_user_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SeatsUser *self = SEATS_USER (object);

  if (prop_id == PROP_MODULES)
    g_value_set_boxed (value, seats_user_get_modules (self));
  else if (prop_id == PROP_ACTIVE)
    g_value_set_boolean (value, self->active);
  else
    seats_fields_get_property (object, field_offsets[prop_id], value, pspec);
}

static void
seats_user_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SeatsUser *self = SEATS_USER (object);

  if (prop_id == PROP_MODULES)
    seats_user_set_modules (self, g_value_get_boxed (value));
  else if (prop_id == PROP_ACTIVE)
    seats_user_set_active (self, g_value_get_boolean (value));
  else if (prop_id == PROP_DISPLAY_NAME)
    seats_user_set_display_name (self, g_value_get_string (value));
  else if (prop_id == PROP_USER_NAME)
    seats_user_set_user_name (self, g_value_get_string (value));
  else
    seats_fields_set_property (object, field_offsets[prop_id], value, pspec);
}

static void
seats_user_finalize (GObject *object)
{
  SeatsUser *self = SEATS_USER (object);

  /* Only the array: the strings are interned. */
  g_clear_pointer (&self->modules, g_free);
  g_clear_pointer (&self->sort_key, g_free);
  seats_fields_clear (object, properties, field_offsets, N_PROPS);

  G_OBJECT_CLASS (seats_user_parent_class)->finalize (object);
}

static void
seats_user_class_init (SeatsUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = seats_user_get_property;
  object_class->set_property = seats_user_set_property;
  object_class->finalize = seats_user_finalize;

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL,
                          FALSE,
                          SEATS_PARAM_FLAGS);

  properties [PROP_START_DATE] =
    g_param_spec_uint ("start-date", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  properties [PROP_END_DATE] =
    g_param_spec_uint ("end-date", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  properties [PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        SEATS_PARAM_FLAGS);

  properties [PROP_MODIFIED] =
    g_param_spec_int64 ("modified", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        SEATS_PARAM_FLAGS);

  properties [PROP_MODULES] =
    g_param_spec_boxed ("modules", NULL, NULL,
                        G_TYPE_STRV,
                        SEATS_PARAM_FLAGS);

  properties [PROP_GRACE_DEADLINE] =
    g_param_spec_uint ("grace-deadline", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  /**
   * SeatsUser:version:
   *
   * The source's version of the user (a SCIM meta.version, an ETag), as
   * opaque text that a change sends back in If-Match; %NULL when the
   * source gives none.
   */
  properties [PROP_VERSION] =
    g_param_spec_string ("version", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seats_user_init (SeatsUser *self)
{
}

SeatsUser *
seats_user_new (void)
{
  return g_object_new (SEATS_TYPE_USER, NULL);
}

#define ACCESSORS(KIND, ...) \
  SEATS_DEFINE_##KIND (SeatsUser, seats_user, SEATS_IS_USER, __VA_ARGS__)

ACCESSORS (STRING, id, PROP_ID)

const char *
seats_user_get_user_name (SeatsUser *self)
{
  g_return_val_if_fail (SEATS_IS_USER (self), NULL);

  return self->user_name;
}

void
seats_user_set_user_name (SeatsUser  *self,
                          const char *user_name)
{
  g_return_if_fail (SEATS_IS_USER (self));

  /* Before anyone is told: the key is made again from the new name. */
  if (g_strcmp0 (self->user_name, user_name) != 0)
    g_clear_pointer (&self->sort_key, g_free);
  seats_object_set_string (G_OBJECT (self), &self->user_name, user_name, properties[PROP_USER_NAME]);
}

const char *
seats_user_get_display_name (SeatsUser *self)
{
  g_return_val_if_fail (SEATS_IS_USER (self), NULL);

  return self->display_name;
}

void
seats_user_set_display_name (SeatsUser  *self,
                             const char *display_name)
{
  g_return_if_fail (SEATS_IS_USER (self));

  if (g_strcmp0 (self->display_name, display_name) != 0)
    g_clear_pointer (&self->sort_key, g_free);
  seats_object_set_string (G_OBJECT (self), &self->display_name, display_name,
                           properties[PROP_DISPLAY_NAME]);
}

/**
 * seats_user_get_sort_key:
 * @self: a #SeatsUser
 *
 * The name a person sees (the display name, else the user name), as a
 * key that sorts with strcmp() the way the person's language sorts names,
 * without regard to case. Made when first asked for and kept, so that
 * sorting 100,000 users compares bytes rather than collating names.
 *
 * Returns: (transfer none): the key
 */
const char *
seats_user_get_sort_key (SeatsUser *self)
{
  g_return_val_if_fail (SEATS_IS_USER (self), "");

  if (self->sort_key == NULL)
    {
      const char *name = self->display_name != NULL && *self->display_name != '\0'
                         ? self->display_name : self->user_name;
      g_autofree char *folded = g_utf8_casefold (name != NULL ? name : "", -1);

      self->sort_key = g_utf8_collate_key (folded, -1);
    }

  return self->sort_key;
}

ACCESSORS (STRING, email, PROP_EMAIL)
ACCESSORS (STRING, version, PROP_VERSION)
ACCESSORS (JULIAN, start_date, PROP_START_DATE)
ACCESSORS (JULIAN, end_date, PROP_END_DATE)
ACCESSORS (INT64, created, PROP_CREATED)
ACCESSORS (INT64, modified, PROP_MODIFIED)
ACCESSORS (JULIAN, grace_deadline, PROP_GRACE_DEADLINE)

gboolean
seats_user_get_active (SeatsUser *self)
{
  g_return_val_if_fail (SEATS_IS_USER (self), FALSE);

  return self->active;
}

void
seats_user_set_active (SeatsUser *self,
                       gboolean   active)
{
  g_return_if_fail (SEATS_IS_USER (self));

  /* Any true value is TRUE, as for the other booleans. */
  active = !!active;
  if (self->active == (guint) active)
    return;

  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

/**
 * seats_user_get_modules:
 *
 * Returns: (transfer none): the ids of the modules assigned to the user,
 *   never %NULL
 */
const char * const *
seats_user_get_modules (SeatsUser *self)
{
  g_return_val_if_fail (SEATS_IS_USER (self), no_modules);

  return self->modules != NULL ? self->modules : no_modules;
}

static gboolean
modules_equal (const char * const *a,
               const char * const *b)
{
  guint i;

  for (i = 0; a[i] != NULL && b[i] != NULL; i++)
    {
      if (strcmp (a[i], b[i]) != 0)
        return FALSE;
    }

  return a[i] == NULL && b[i] == NULL;
}

/**
 * seats_user_set_modules:
 * @modules: (nullable) (array zero-terminated=1) (transfer none): module ids
 *
 * Copies nothing but a small array: the ids are interned, because every
 * holder of a module shares its id.
 */
void
seats_user_set_modules (SeatsUser          *self,
                        const char * const *modules)
{
  guint n;

  g_return_if_fail (SEATS_IS_USER (self));

  if (modules == NULL)
    modules = no_modules;
  if (modules_equal (seats_user_get_modules (self), modules))
    return;

  g_clear_pointer (&self->modules, g_free);

  n = g_strv_length ((char **) modules);
  if (n > 0)
    {
      self->modules = g_new (const char *, n + 1);
      for (guint i = 0; i < n; i++)
        self->modules[i] = g_intern_string (modules[i]);
      self->modules[n] = NULL;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODULES]);
}

gboolean
seats_user_has_module (SeatsUser  *self,
                       const char *module_id)
{
  g_return_val_if_fail (SEATS_IS_USER (self), FALSE);
  g_return_val_if_fail (module_id != NULL, FALSE);

  if (self->modules == NULL)
    return FALSE;

  for (guint i = 0; self->modules[i] != NULL; i++)
    {
      if (strcmp (self->modules[i], module_id) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * seats_user_get_start_date:
 * @date: (out caller-allocates): filled with the start date
 *
 * Returns: %TRUE when the user has a start date
 */
gboolean
seats_user_get_start_date (SeatsUser *self,
                           GDate     *date)
{
  g_return_val_if_fail (SEATS_IS_USER (self), FALSE);

  return seats_julian_to_date (self->start_date, date);
}

/**
 * seats_user_get_end_date:
 * @date: (out caller-allocates): filled with the end date
 *
 * Returns: %TRUE when the user has an end date
 */
gboolean
seats_user_get_end_date (SeatsUser *self,
                         GDate     *date)
{
  g_return_val_if_fail (SEATS_IS_USER (self), FALSE);

  return seats_julian_to_date (self->end_date, date);
}

/**
 * seats_user_get_grace_deadline:
 * @date: (out caller-allocates): filled with the deadline
 *
 * Returns: %TRUE when the user has a grace deadline
 */
gboolean
seats_user_get_grace_deadline (SeatsUser *self,
                               GDate     *date)
{
  g_return_val_if_fail (SEATS_IS_USER (self), FALSE);

  return seats_julian_to_date (self->grace_deadline, date);
}

/**
 * seats_user_get_status:
 * @today: the day to judge the user on
 *
 * Whether the user holds a license on @today (R1), and why or why not. A
 * user who is inactive is inactive whatever the dates say; a past end
 * date outweighs a grace deadline, which outweighs a start date ahead.
 *
 * Returns: the status of the user
 */
SeatsUserStatus
seats_user_get_status (SeatsUser   *self,
                       const GDate *today)
{
  GDate end, start;
  gboolean has_end;

  g_return_val_if_fail (SEATS_IS_USER (self), SEATS_USER_STATUS_INACTIVE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), SEATS_USER_STATUS_INACTIVE);

  if (!self->active)
    return SEATS_USER_STATUS_INACTIVE;

  has_end = seats_julian_to_date (self->end_date, &end);
  if (!seats_rules_user_counts (TRUE, has_end ? &end : NULL, today))
    return SEATS_USER_STATUS_LEFT;

  if (self->grace_deadline != SEATS_JULIAN_NONE)
    return SEATS_USER_STATUS_GRACE;

  if (seats_julian_to_date (self->start_date, &start) && g_date_compare (&start, today) > 0)
    return SEATS_USER_STATUS_STARTS;

  return SEATS_USER_STATUS_ACTIVE;
}

/**
 * seats_user_status_counts:
 * @status: a #SeatsUserStatus
 *
 * Returns: %TRUE if a user of @status holds a license (R1)
 */
gboolean
seats_user_status_counts (SeatsUserStatus status)
{
  return status == SEATS_USER_STATUS_ACTIVE ||
         status == SEATS_USER_STATUS_STARTS ||
         status == SEATS_USER_STATUS_GRACE;
}

/**
 * seats_user_counts:
 * @today: the day to judge the user on
 *
 * Returns: %TRUE if the user holds a license on @today (R1)
 */
gboolean
seats_user_counts (SeatsUser   *self,
                   const GDate *today)
{
  return seats_user_status_counts (seats_user_get_status (self, today));
}

/**
 * seats_users_count_counted:
 * @users: a list of #SeatsUser
 * @today: the day to judge them on
 *
 * Returns: how many of @users hold a license on @today (R1): the licenses
 *   in use
 */
guint
seats_users_count_counted (GListModel  *users,
                           const GDate *today)
{
  guint n, counted = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (users), 0);

  n = g_list_model_get_n_items (users);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      if (seats_user_counts (user, today))
        counted++;
    }

  return counted;
}

/**
 * seats_user_describe_modules:
 * @self: a #SeatsUser
 * @products: (nullable): the account's products, #SeatsProduct
 * @separator: (nullable): between two names, or %NULL for the person's
 *   language's
 *
 * Returns: (transfer full): the add-on modules @self holds, by the names
 *   the vendor gives them in @products (by id where a module is not
 *   there), as a list for a person; empty when none
 */
char *
seats_user_describe_modules (SeatsUser  *self,
                             GListModel *products,
                             const char *separator)
{
  GString *text;

  g_return_val_if_fail (SEATS_IS_USER (self), NULL);
  g_return_val_if_fail (products == NULL || G_IS_LIST_MODEL (products), NULL);

  text = g_string_new (NULL);
  for (guint i = 0; self->modules != NULL && self->modules[i] != NULL; i++)
    {
      const char *name = self->modules[i];
      guint n = products != NULL ? g_list_model_get_n_items (products) : 0;

      for (guint j = 0; j < n; j++)
        {
          g_autoptr(SeatsProduct) product = g_list_model_get_item (products, j);

          if (g_strcmp0 (seats_product_get_id (product), self->modules[i]) == 0)
            {
              /* The products outlive the list, so the name can be borrowed. */
              name = seats_product_get_name (product);
              break;
            }
        }

      if (text->len > 0)
        /* Translators: between the names in a list, as in "Imaging, Online agenda" */
        g_string_append (text, separator != NULL ? separator : _(", "));
      g_string_append (text, name);
    }

  return g_string_free (text, FALSE);
}

/**
 * seats_user_equal:
 * @a: a #SeatsUser
 * @b: another
 *
 * Returns: %TRUE if @a and @b say the same of the same user, every field
 *   alike
 */
gboolean
seats_user_equal (SeatsUser *a,
                  SeatsUser *b)
{
  const char * const *modules_a, * const *modules_b;

  g_return_val_if_fail (SEATS_IS_USER (a), FALSE);
  g_return_val_if_fail (SEATS_IS_USER (b), FALSE);

  if (a == b)
    return TRUE;

  if (g_strcmp0 (a->id, b->id) != 0 ||
      g_strcmp0 (a->version, b->version) != 0 ||
      a->modified != b->modified ||
      a->created != b->created ||
      a->active != b->active ||
      a->start_date != b->start_date ||
      a->end_date != b->end_date ||
      a->grace_deadline != b->grace_deadline ||
      g_strcmp0 (a->user_name, b->user_name) != 0 ||
      g_strcmp0 (a->display_name, b->display_name) != 0 ||
      g_strcmp0 (a->email, b->email) != 0)
    return FALSE;

  /* The module ids are interned: compared as pointers. */
  modules_a = seats_user_get_modules (a);
  modules_b = seats_user_get_modules (b);
  for (guint i = 0; ; i++)
    {
      if (modules_a[i] != modules_b[i])
        return FALSE;
      if (modules_a[i] == NULL)
        return TRUE;
    }
}

/**
 * seats_user_to_variant:
 * @self: a #SeatsUser
 *
 * Returns: (transfer floating): every field of @self as a{sv}, for a
 *   change that carries users in the outbox
 */
GVariant *
seats_user_to_variant (SeatsUser *self)
{
  GVariantBuilder builder;

  g_return_val_if_fail (SEATS_IS_USER (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
#define ADD_STRING(key, value) \
  if ((value) != NULL) \
    g_variant_builder_add (&builder, "{sv}", key, g_variant_new_string (value))
  ADD_STRING ("id", self->id);
  ADD_STRING ("user-name", self->user_name);
  ADD_STRING ("display-name", self->display_name);
  ADD_STRING ("email", self->email);
  ADD_STRING ("version", self->version);
#undef ADD_STRING
  g_variant_builder_add (&builder, "{sv}", "active", g_variant_new_boolean (self->active));
  g_variant_builder_add (&builder, "{sv}", "start-date", g_variant_new_uint32 (self->start_date));
  g_variant_builder_add (&builder, "{sv}", "end-date", g_variant_new_uint32 (self->end_date));
  g_variant_builder_add (&builder, "{sv}", "grace-deadline", g_variant_new_uint32 (self->grace_deadline));
  g_variant_builder_add (&builder, "{sv}", "created", g_variant_new_int64 (self->created));
  g_variant_builder_add (&builder, "{sv}", "modified", g_variant_new_int64 (self->modified));
  g_variant_builder_add (&builder, "{sv}", "modules",
                         g_variant_new_strv (seats_user_get_modules (self), -1));

  return g_variant_builder_end (&builder);
}

/**
 * seats_user_new_from_variant:
 * @variant: what seats_user_to_variant() made
 *
 * Returns: (transfer full) (nullable): the user, or %NULL when @variant is
 *   not one: no id
 */
SeatsUser *
seats_user_new_from_variant (GVariant *variant)
{
  g_autoptr(SeatsUser) user = NULL;
  g_autofree const char **modules = NULL;
  const char *text = NULL;
  gboolean active = FALSE;
  guint32 date = 0;
  gint64 time = 0;

  g_return_val_if_fail (variant != NULL, NULL);

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT) ||
      !g_variant_lookup (variant, "id", "&s", &text) || *text == '\0')
    return NULL;

  user = seats_user_new ();
  seats_user_set_id (user, text);
  if (g_variant_lookup (variant, "user-name", "&s", &text))
    seats_user_set_user_name (user, text);
  if (g_variant_lookup (variant, "display-name", "&s", &text))
    seats_user_set_display_name (user, text);
  if (g_variant_lookup (variant, "email", "&s", &text))
    seats_user_set_email (user, text);
  if (g_variant_lookup (variant, "version", "&s", &text))
    seats_user_set_version (user, text);
  if (g_variant_lookup (variant, "active", "b", &active))
    seats_user_set_active (user, active);
  if (g_variant_lookup (variant, "start-date", "u", &date))
    seats_user_set_start_date_julian (user, date);
  if (g_variant_lookup (variant, "end-date", "u", &date))
    seats_user_set_end_date_julian (user, date);
  if (g_variant_lookup (variant, "grace-deadline", "u", &date))
    seats_user_set_grace_deadline_julian (user, date);
  if (g_variant_lookup (variant, "created", "x", &time))
    seats_user_set_created (user, time);
  if (g_variant_lookup (variant, "modified", "x", &time))
    seats_user_set_modified (user, time);
  if (g_variant_lookup (variant, "modules", "^a&s", &modules))
    seats_user_set_modules (user, modules);

  return g_steal_pointer (&user);
}

/**
 * seats_users_key:
 * @email: (nullable): an e-mail address
 * @user_name: (nullable): a user name
 * @name: (nullable): a name
 *
 * What finds a person again among the users kept on this computer: the
 * e-mail address, else the user name, else the name, folded.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL with none of them
 */
char *
seats_users_key (const char *email,
                 const char *user_name,
                 const char *name)
{
  const char *key = email != NULL && *email != '\0' ? email
                    : user_name != NULL && *user_name != '\0' ? user_name : name;

  return key != NULL && *key != '\0' ? g_utf8_casefold (key, -1) : NULL;
}

/**
 * seats_user_dup_key:
 * @self: a #SeatsUser
 *
 * Returns: (transfer full) (nullable): what finds @self again, see
 *   seats_users_key()
 */
char *
seats_user_dup_key (SeatsUser *self)
{
  g_return_val_if_fail (SEATS_IS_USER (self), NULL);

  return seats_users_key (self->email, self->user_name, self->display_name);
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

/**
 * seats_user_check:
 * @self: a user kept on this computer, as it is to be
 * @field: (out) (optional): which detail is refused
 * @error: why, for the person
 *
 * A user kept by hand has a name or an e-mail address, an e-mail address
 * that is one, and no end date before its start date.
 *
 * Returns: %TRUE if @self may be kept
 */
gboolean
seats_user_check (SeatsUser       *self,
                  SeatsUserField  *field,
                  GError         **error)
{
  SeatsUserField refused = SEATS_USER_FIELD_NONE;

  g_return_val_if_fail (SEATS_IS_USER (self), FALSE);

  if (is_blank (self->display_name) && is_blank (self->email))
    {
      refused = SEATS_USER_FIELD_NAME;
      g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE,
                           _("Enter the user’s name or e-mail address."));
    }
  else if (!is_blank (self->email) && !seats_rules_check_email (self->email, NULL))
    {
      refused = SEATS_USER_FIELD_EMAIL;
      g_set_error (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE,
                   /* Translators: %s is what was written as an e-mail address */
                   _("“%s” is not an e-mail address."), self->email);
    }
  else if (seats_user_get_start_date_julian (self) != SEATS_JULIAN_NONE &&
           seats_user_get_end_date_julian (self) != SEATS_JULIAN_NONE &&
           seats_user_get_end_date_julian (self) < seats_user_get_start_date_julian (self))
    {
      refused = SEATS_USER_FIELD_END;
      g_set_error_literal (error, SEATS_CHANGE_ERROR, SEATS_CHANGE_ERROR_NOT_APPLICABLE,
                           _("The end date is before the start date."));
    }

  if (field != NULL)
    *field = refused;

  return refused == SEATS_USER_FIELD_NONE;
}
