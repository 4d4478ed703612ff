/* seats-holders-dialog.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-holders-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-buy-dialog.h"
#include "seats-format.h"
#include "seats-holders-dialog.h"
#include "seats-licenses-util.h"
#include "seats-rules.h"

/* Who holds the add-on modules (R7), with search and a filter by module,
 * and the holders of a product that a new license has too few of (R8,
 * "remove surplus licenses"). Either way an administrator can take the
 * license from a person here; with one module chosen, a search also finds
 * the people who do not hold it yet, to give it to them. Both are undone
 * from the toast. */

struct _SeatsHoldersDialog
{
  AdwWindow           parent_instance;

  SeatsSyncEngine    *engine;
  GtkFilterListModel *holders;
  GtkCustomFilter    *filter;
  GCancellable       *cancellable;
  GPtrArray          *module_ids;
  GHashTable         *busy_users;

  /* The product whose surplus is removed, or NULL to browse modules. */
  char               *surplus_product_id;
  guint               surplus_new_count;
  char               *query;
  GDate               today;

  /* Template widgets */
  AdwWindowTitle     *window_title;
  GtkListBox         *surplus_list;
  GtkLabel           *in_use_label;
  GtkLabel           *available_label;
  AdwActionRow       *remove_row;
  GtkImage           *remove_icon;
  GtkLabel           *remove_label;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *module_dropdown;
  GtkWidget          *module_box;
  GtkLabel           *module_status_label;
  GtkWidget          *buy_button;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
  GtkLabel           *error_label;
};

G_DEFINE_FINAL_TYPE (SeatsHoldersDialog, seats_holders_dialog, ADW_TYPE_WINDOW)

static void
show_error (SeatsHoldersDialog *self,
            const char         *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* The product whose holders are shown, or NULL for every module. */
static const char *
get_product_id (SeatsHoldersDialog *self)
{
  guint selected;

  if (self->surplus_product_id != NULL)
    return self->surplus_product_id;

  selected = gtk_drop_down_get_selected (self->module_dropdown);
  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || selected > self->module_ids->len)
    return NULL;

  return g_ptr_array_index (self->module_ids, selected - 1);
}

static gboolean
is_user_seats (SeatsHoldersDialog *self,
               const char         *product_id)
{
  SeatsProduct *product = product_id ? seats_sync_engine_find_product (self->engine, product_id) : NULL;

  return product != NULL && seats_product_get_kind (product) == SEATS_PRODUCT_KIND_USER_SEATS;
}

/* The one add-on module chosen, which people can be given here. */
static SeatsProduct *
get_module (SeatsHoldersDialog *self)
{
  const char *product_id = self->surplus_product_id == NULL ? get_product_id (self) : NULL;
  SeatsProduct *product = product_id != NULL ? seats_sync_engine_find_product (self->engine, product_id) : NULL;

  return product != NULL && seats_product_get_kind (product) == SEATS_PRODUCT_KIND_MODULE ? product : NULL;
}

static gboolean
has_left (SeatsHoldersDialog *self,
          SeatsUser          *user)
{
  GDate end;

  if (!seats_user_get_end_date (user, &end))
    return FALSE;

  return seats_rules_user_has_left (&end, &self->today);
}

static gboolean
matches_query (SeatsHoldersDialog *self,
               SeatsUser          *user)
{
  const char *fields[] = {
    seats_user_get_display_name (user),
    seats_user_get_email (user),
    seats_user_get_user_name (user),
  };

  if (self->query == NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded = NULL;

      if (fields[i] == NULL)
        continue;

      folded = g_utf8_casefold (fields[i], -1);
      if (strstr (folded, self->query) != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  SeatsHoldersDialog *self = user_data;
  SeatsUser *user = SEATS_USER (item);
  const char *product_id = get_product_id (self);
  gboolean holds;

  if (product_id == NULL)
    {
      const char * const *modules = seats_user_get_modules (user);

      holds = modules != NULL && modules[0] != NULL;
    }
  else if (is_user_seats (self, product_id))
    holds = seats_user_counts (user, &self->today);
  else
    holds = seats_user_has_module (user, product_id);

  /* Searching within one module finds those who could be given it too:
   * the people who count. */
  if (!holds && self->query != NULL && get_module (self) != NULL)
    return seats_user_counts (user, &self->today) && matches_query (self, user);

  return holds && matches_query (self, user);
}

static char *
describe_modules (SeatsHoldersDialog *self,
                  SeatsUser          *user)
{
  return seats_user_describe_modules (user, seats_sync_engine_get_products (self->engine), NULL);
}

static void
seats_holders_dialog_update_actions (SeatsHoldersDialog *self)
{
  gboolean can_change = seats_sync_engine_can_change (self->engine, SEATS_CHANGE_MODULE, NULL);
  gboolean can_buy = seats_sync_engine_can_change (self->engine, SEATS_CHANGE_BUY, NULL);
  SeatsProduct *module = get_module (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "holders.remove",
                                 can_change && get_product_id (self) != NULL);

  /* R7: a module is given only while one of its licenses is free. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "holders.assign",
                                 can_change && module != NULL && seats_product_get_free (module) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "holders.buy", can_buy && module != NULL);
}

/* The chosen module's licenses: how many are free to give, and the
 * holders whose end date has passed, whose licenses can be freed. */
static void
seats_holders_dialog_update_module (SeatsHoldersDialog *self)
{
  SeatsProduct *module = get_module (self);
  GListModel *users = seats_sync_engine_get_users (self->engine);
  g_autoptr(GString) status = NULL;
  g_autofree char *in_use = NULL;
  g_autofree char *purchased = NULL;
  g_autoptr(GError) refusal = NULL;
  guint n_left = 0;
  gboolean none_free;

  gtk_widget_set_visible (self->module_box, module != NULL);
  if (module == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (users, i);

      if (seats_user_has_module (user, seats_product_get_id (module)) && has_left (self, user))
        n_left++;
    }

  in_use = seats_format_count (seats_product_get_in_use (module));
  purchased = seats_format_count (seats_product_get_purchased (module));
  none_free = !seats_rules_check_module_assignment (seats_product_get_name (module),
                                                    seats_product_get_purchased (module),
                                                    seats_product_get_in_use (module), &refusal);
  status = g_string_new (NULL);
  if (none_free)
    g_string_append (status, refusal->message);
  else
    {
      guint free_seats = seats_product_get_free (module);
      g_autofree char *free_text = seats_format_count (free_seats);

      /* Translators: licenses of a module in use, bought, and free to give;
       * the plural is that of the free ones */
      g_string_append_printf (status,
                              ngettext ("%s of %s in use, %s free: search for someone to give it to.",
                                        "%s of %s in use, %s free: search for someone to give it to.",
                                        free_seats),
                              in_use, purchased, free_text);
    }

  if (n_left > 0)
    {
      g_string_append_c (status, ' ');
      g_string_append_printf (status,
                              ngettext ("%u holder has left: remove the module from them to free "
                                        "the license.",
                                        "%u holders have left: remove the module from them to free "
                                        "their licenses.",
                                        n_left),
                              n_left);
    }

  gtk_label_set_label (self->module_status_label, status->str);
  gtk_widget_set_visible (self->buy_button, none_free);
}

static void
seats_holders_dialog_update_counts (SeatsHoldersDialog *self)
{
  SeatsProduct *product;
  guint in_use, surplus;
  g_autofree char *in_use_text = NULL;
  g_autofree char *available_text = NULL;
  g_autofree char *remove_text = NULL;

  if (self->surplus_product_id == NULL)
    return;

  product = seats_sync_engine_find_product (self->engine, self->surplus_product_id);
  if (product == NULL)
    return;

  in_use = seats_product_get_in_use (product);
  surplus = in_use > self->surplus_new_count ? in_use - self->surplus_new_count : 0;
  in_use_text = seats_format_count (in_use);
  available_text = seats_format_count (self->surplus_new_count);
  remove_text = seats_format_count (surplus);

  adw_window_title_set_subtitle (self->window_title, seats_product_get_name (product));
  gtk_label_set_label (self->in_use_label, in_use_text);
  gtk_label_set_label (self->available_label, available_text);
  gtk_label_set_label (self->remove_label, remove_text);
  gtk_widget_set_visible (GTK_WIDGET (self->remove_icon), surplus > 0);
  adw_action_row_set_subtitle (self->remove_row,
                               surplus > 0 ? NULL : _("Nothing more to remove: the new license can be activated."));
}

static void
seats_holders_dialog_update (SeatsHoldersDialog *self)
{
  const char *product_id = get_product_id (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->holders));

  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
  if (self->query != NULL)
    adw_status_page_set_description (self->empty_page, _("Nobody matches the search."));
  else if (product_id != NULL && is_user_seats (self, product_id))
    adw_status_page_set_description (self->empty_page, _("No user holds a license."));
  else
    adw_status_page_set_description (self->empty_page, _("No user holds this module."));

  seats_holders_dialog_update_counts (self);
  seats_holders_dialog_update_module (self);
  seats_holders_dialog_update_actions (self);
}

static void
rebuild_modules (SeatsHoldersDialog *self,
                 const char         *select_id)
{
  GListModel *products = seats_sync_engine_get_products (self->engine);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = g_list_model_get_n_items (products);
  guint selected = 0;

  g_ptr_array_set_size (self->module_ids, 0);
  gtk_string_list_append (names, _("All Modules"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeatsProduct) product = g_list_model_get_item (products, i);

      if (seats_product_get_kind (product) != SEATS_PRODUCT_KIND_MODULE)
        continue;

      g_ptr_array_add (self->module_ids, g_strdup (seats_product_get_id (product)));
      gtk_string_list_append (names, seats_product_get_name (product));
      if (g_strcmp0 (select_id, seats_product_get_id (product)) == 0)
        selected = self->module_ids->len;
    }

  gtk_drop_down_set_model (self->module_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->module_dropdown, selected);
}

typedef struct
{
  SeatsHoldersDialog *self;
  char               *product_id;
  char               *user_id;
  gboolean            assign;
  gboolean            is_undo;
} Change;

static void
change_free (Change *change)
{
  g_object_unref (change->self);
  g_free (change->product_id);
  g_free (change->user_id);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, change_free)

static void run_change (SeatsHoldersDialog *self,
                        const char         *product_id,
                        const char         *user_id,
                        gboolean            assign,
                        gboolean            is_undo);

/* The toast's Undo: it holds the dialog weakly, as the dialog holds it. */
typedef struct
{
  GWeakRef  self;
  char     *product_id;
  char     *user_id;
  gboolean  assign;
} Undo;

static void
undo_free (Undo *undo)
{
  g_weak_ref_clear (&undo->self);
  g_free (undo->product_id);
  g_free (undo->user_id);
  g_free (undo);
}

static void
undo_clicked_cb (AdwToast *toast,
                 Undo     *undo)
{
  g_autoptr(SeatsHoldersDialog) self = g_weak_ref_get (&undo->self);

  if (self != NULL)
    run_change (self, undo->product_id, undo->user_id, !undo->assign, TRUE);
}

static const char *
user_name (SeatsUser *user)
{
  const char *name = seats_user_get_display_name (user);

  return name != NULL && *name != '\0' ? name : seats_user_get_user_name (user);
}

static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Change) change = user_data;
  SeatsHoldersDialog *self = change->self;
  g_autoptr(GError) error = NULL;
  SeatsProduct *product;
  SeatsUser *user;

  if (!seats_sync_engine_submit_finish (SEATS_SYNC_ENGINE (object), result, NULL, &error))
    {
      /* The dialog is gone. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      show_error (self, error->message);
    }

  g_hash_table_remove (self->busy_users, change->user_id);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  seats_holders_dialog_update (self);

  product = seats_sync_engine_find_product (self->engine, change->product_id);
  user = seats_sync_engine_find_user (self->engine, change->user_id);
  if (error == NULL && product != NULL && user != NULL &&
      seats_product_get_kind (product) == SEATS_PRODUCT_KIND_MODULE)
    {
      g_autofree char *title = NULL;
      AdwToast *toast;

      title = seats_licenses_describe_assignment (product, user_name (user), change->assign);
      toast = adw_toast_new (title);
      if (!change->is_undo)
        {
          Undo *undo = g_new0 (Undo, 1);

          g_weak_ref_init (&undo->self, self);
          undo->product_id = g_strdup (change->product_id);
          undo->user_id = g_strdup (change->user_id);
          undo->assign = change->assign;
          adw_toast_set_button_label (toast, _("_Undo"));
          g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb),
                                 undo, (GClosureNotify) (void (*) (void)) undo_free, 0);
        }
      seats_licenses_add_toast (GTK_WIDGET (self), toast);
    }
}

static void
run_change (SeatsHoldersDialog *self,
            const char         *product_id,
            const char         *user_id,
            gboolean            assign,
            gboolean            is_undo)
{
  const char *user_ids[] = { user_id, NULL };
  g_autoptr(SeatsChange) asked = NULL;
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(GError) error = NULL;
  Change *change;

  if (product_id == NULL || g_hash_table_contains (self->busy_users, user_id))
    return;

  if (is_user_seats (self, product_id))
    asked = seats_change_new_users_active (user_ids, assign);
  else
    asked = seats_change_new_module (product_id, user_ids, assign);

  checked = seats_sync_engine_check (self->engine, asked, NULL, &error);
  if (checked == NULL)
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  g_hash_table_add (self->busy_users, g_strdup (user_id));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);

  change = g_new0 (Change, 1);
  change->self = g_object_ref (self);
  change->product_id = g_strdup (product_id);
  change->user_id = g_strdup (user_id);
  change->assign = assign;
  change->is_undo = is_undo;
  seats_sync_engine_submit_async (self->engine, checked, self->cancellable, changed_cb, change);
}

static void
seats_holders_dialog_remove_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  SeatsHoldersDialog *self = SEATS_HOLDERS_DIALOG (widget);

  run_change (self, get_product_id (self), g_variant_get_string (param, NULL), FALSE, FALSE);
}

static void
seats_holders_dialog_assign_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  SeatsHoldersDialog *self = SEATS_HOLDERS_DIALOG (widget);
  SeatsProduct *module = get_module (self);

  if (module != NULL)
    run_change (self, seats_product_get_id (module), g_variant_get_string (param, NULL), TRUE, FALSE);
}

static void
seats_holders_dialog_buy_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  SeatsHoldersDialog *self = SEATS_HOLDERS_DIALOG (widget);
  SeatsProduct *module = get_module (self);

  if (module != NULL)
    gtk_window_present (GTK_WINDOW (seats_buy_dialog_new (GTK_WINDOW (self), self->engine,
                                                          seats_product_get_id (module))));
}

/* Rows: created once in setup, filled in bind. */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              SeatsHoldersDialog       *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *email = gtk_label_new (NULL);
  GtkWidget *modules = gtk_label_new (NULL);
  GtkWidget *left = gtk_label_new (NULL);
  GtkWidget *button = gtk_button_new ();

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_hexpand (labels, TRUE);

  for (GtkWidget *label = name; label != NULL;
       label = label == name ? email : label == email ? modules : label == modules ? left : NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (labels), label);
    }
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_add_css_class (email, "dim-label");
  gtk_widget_add_css_class (modules, "dim-label");
  gtk_widget_add_css_class (modules, "caption");
  gtk_widget_add_css_class (left, "warning");
  gtk_widget_add_css_class (left, "caption");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             SeatsHoldersDialog       *self)
{
  SeatsUser *user = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *labels = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_first_child (labels);
  GtkWidget *email = gtk_widget_get_next_sibling (name);
  GtkWidget *modules = gtk_widget_get_next_sibling (email);
  GtkWidget *left = gtk_widget_get_next_sibling (modules);
  GtkWidget *button = gtk_widget_get_last_child (box);
  const char *product_id = get_product_id (self);
  const char *display_name = user_name (user);
  SeatsProduct *module = get_module (self);
  g_autofree char *module_text = describe_modules (self, user);
  g_autofree char *button_label = NULL;
  g_autofree char *left_text = NULL;
  gboolean seats = is_user_seats (self, product_id);
  gboolean holds = module == NULL || seats_user_has_module (user, seats_product_get_id (module));
  const char * const *held = seats_user_get_modules (user);

  gtk_label_set_label (GTK_LABEL (name), display_name);
  gtk_label_set_label (GTK_LABEL (email), seats_user_get_email (user));
  gtk_label_set_label (GTK_LABEL (modules), module_text);
  gtk_widget_set_visible (modules, !seats && *module_text != '\0');

  /* A holder whose end date has passed keeps the module's license until
   * somebody takes it away. */
  if (!seats && held != NULL && held[0] != NULL && holds && has_left (self, user))
    {
      g_autofree char *end = seats_format_date (seats_user_get_end_date_julian (user));

      /* Translators: %s is the user's last day */
      left_text = g_strdup_printf (module != NULL ? _("Left on %s and still holds this module")
                                                  : _("Left on %s and still holds add-on modules"),
                                   end);
    }
  gtk_label_set_label (GTK_LABEL (left), left_text);
  gtk_widget_set_visible (left, left_text != NULL);

  if (seats)
    gtk_button_set_label (GTK_BUTTON (button), _("Deactivate"));
  else
    gtk_button_set_label (GTK_BUTTON (button), holds ? _("Remove") : _("Assign"));
  gtk_widget_set_visible (button, product_id != NULL);
  /* The action once it has its target, which a new row lacks. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", seats_user_get_id (user));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), holds ? "holders.remove" : "holders.assign");

  /* Translators: the accessible name of a button; %s is a person's name */
  if (seats)
    button_label = g_strdup_printf (_("Deactivate %s"), display_name);
  else if (holds)
    button_label = g_strdup_printf (_("Take the module from %s"), display_name);
  else
    /* Translators: the accessible name of a button; %s is a person's name */
    button_label = g_strdup_printf (_("Give the module to %s"), display_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, button_label,
                                  -1);
}

static void
search_changed_cb (SeatsHoldersDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->query, g_free);
  if (*stripped != '\0')
    self->query = g_utf8_casefold (stripped, -1);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  seats_holders_dialog_update (self);
}

static void
module_selected_cb (SeatsHoldersDialog *self)
{
  SeatsProduct *product;
  const char *product_id = get_product_id (self);

  product = product_id != NULL ? seats_sync_engine_find_product (self->engine, product_id) : NULL;
  if (self->surplus_product_id == NULL)
    adw_window_title_set_subtitle (self->window_title,
                                   product != NULL ? seats_product_get_name (product) : NULL);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  seats_holders_dialog_update (self);
}

static void
items_changed_cb (SeatsHoldersDialog *self)
{
  seats_holders_dialog_update (self);
}

static void
engine_changed_cb (SeatsHoldersDialog *self)
{
  if (self->surplus_product_id == NULL)
    {
      g_autofree char *selected = g_strdup (get_product_id (self));

      g_signal_handlers_block_by_func (self->module_dropdown, module_selected_cb, self);
      rebuild_modules (self, selected);
      g_signal_handlers_unblock_by_func (self->module_dropdown, module_selected_cb, self);
    }

  seats_holders_dialog_update (self);
}

static void
seats_holders_dialog_dispose (GObject *object)
{
  SeatsHoldersDialog *self = SEATS_HOLDERS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEATS_TYPE_HOLDERS_DIALOG);
  g_clear_object (&self->holders);

  G_OBJECT_CLASS (seats_holders_dialog_parent_class)->dispose (object);
}

static void
seats_holders_dialog_finalize (GObject *object)
{
  SeatsHoldersDialog *self = SEATS_HOLDERS_DIALOG (object);

  g_clear_object (&self->engine);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->module_ids, g_ptr_array_unref);
  g_clear_pointer (&self->busy_users, g_hash_table_unref);
  g_free (self->surplus_product_id);
  g_free (self->query);

  G_OBJECT_CLASS (seats_holders_dialog_parent_class)->finalize (object);
}

static void
seats_holders_dialog_class_init (SeatsHoldersDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seats_holders_dialog_dispose;
  object_class->finalize = seats_holders_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/seats-holders-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SeatsHoldersDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SeatsHoldersDialog, surplus_list);
  gtk_widget_class_bind_template_child (widget_class, SeatsHoldersDialog, in_use_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsHoldersDialog, available_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsHoldersDialog, remove_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsHoldersDialog, remove_icon);
  gtk_widget_class_bind_template_child (widget_class, SeatsHoldersDialog, remove_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsHoldersDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SeatsHoldersDialog, module_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SeatsHoldersDialog, module_box);
  gtk_widget_class_bind_template_child (widget_class, SeatsHoldersDialog, module_status_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsHoldersDialog, buy_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsHoldersDialog, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SeatsHoldersDialog, list_view);
  gtk_widget_class_bind_template_child (widget_class, SeatsHoldersDialog, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SeatsHoldersDialog, error_label);

  gtk_widget_class_install_action (widget_class, "holders.remove", "s",
                                   seats_holders_dialog_remove_action);
  gtk_widget_class_install_action (widget_class, "holders.assign", "s",
                                   seats_holders_dialog_assign_action);
  gtk_widget_class_install_action (widget_class, "holders.buy", NULL,
                                   seats_holders_dialog_buy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
seats_holders_dialog_init (SeatsHoldersDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->module_ids = g_ptr_array_new_with_free_func (g_free);
  self->busy_users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
}

static SeatsHoldersDialog *
create_dialog (GtkWindow       *parent,
               SeatsSyncEngine *engine,
               const char      *surplus_product_id,
               guint            new_count,
               const char      *module_id)
{
  SeatsHoldersDialog *self;
  g_autoptr(GtkNoSelection) selection = NULL;

  self = g_object_new (SEATS_TYPE_HOLDERS_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->engine = g_object_ref (engine);
  seats_clock_get_today (seats_sync_engine_get_clock (engine), &self->today);
  self->surplus_product_id = g_strdup (surplus_product_id);
  self->surplus_new_count = new_count;

  if (surplus_product_id == NULL)
    rebuild_modules (self, module_id);
  gtk_widget_set_visible (GTK_WIDGET (self->module_dropdown), surplus_product_id == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->surplus_list), surplus_product_id != NULL);
  g_signal_connect_swapped (self->module_dropdown, "notify::selected",
                            G_CALLBACK (module_selected_cb), self);

  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->holders = gtk_filter_list_model_new (g_object_ref (seats_sync_engine_get_users (engine)),
                                             GTK_FILTER (self->filter));
  gtk_filter_list_model_set_incremental (self->holders, TRUE);
  g_signal_connect_object (self->holders, "items-changed", G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->holders)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  g_signal_connect_object (engine, "changed", G_CALLBACK (engine_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (engine, "notify::status", G_CALLBACK (seats_holders_dialog_update_actions),
                           self, G_CONNECT_SWAPPED);

  module_selected_cb (self);

  return self;
}

/**
 * seats_holders_dialog_new:
 * @parent: (nullable): the window to stay on top of
 * @engine: the account's engine
 * @module_id: (nullable): the module to show first, or %NULL for all
 *
 * Returns: (transfer none): a dialog that lists who holds which module
 */
SeatsHoldersDialog *
seats_holders_dialog_new (GtkWindow       *parent,
                          SeatsSyncEngine *engine,
                          const char      *module_id)
{
  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (engine), NULL);

  return create_dialog (parent, engine, NULL, 0, module_id);
}

/**
 * seats_holders_dialog_new_surplus:
 * @parent: (nullable): the window to stay on top of
 * @engine: the account's engine
 * @product_id: a product a new license has too few of
 * @new_count: its count in the new license
 *
 * Returns: (transfer none): a dialog to remove the surplus licenses of
 *   @product_id from their holders (R8)
 */
SeatsHoldersDialog *
seats_holders_dialog_new_surplus (GtkWindow       *parent,
                                  SeatsSyncEngine *engine,
                                  const char      *product_id,
                                  guint            new_count)
{
  SeatsHoldersDialog *self;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (engine), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  self = create_dialog (parent, engine, product_id, new_count, NULL);
  gtk_window_set_title (GTK_WINDOW (self), _("Remove Surplus Licenses"));
  adw_window_title_set_title (self->window_title, _("Remove Surplus Licenses"));

  return self;
}
