/* seats-users-page.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-users-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "seats-format.h"
#include "seats-licenses-util.h"
#include "seats-module-batch.h"
#include "seats-rules.h"
#include "seats-sync-engine.h"
#include "seats-user-dialog.h"
#include "seats-user-filter.h"
#include "seats-user-status.h"
#include "seats-wrap-box.h"
#include "seats-users-page.h"
#include "seats-window.h"

/* The first entries of the filter drop-down; one entry per add-on module
 * follows them. */
enum {
  FILTER_ALL,
  FILTER_COUNTED,
  FILTER_INACTIVE,
  N_FIXED_FILTERS
};

struct _SeatsUsersPage
{
  AdwBin               parent_instance;

  SeatsSyncEngine     *engine;
  GCancellable        *cancellable;

  /* The engine's users, sorted by the column view, then filtered: sorting
   * first means a keystroke in the search only filters. */
  SeatsUserFilter     *filter;
  GtkSortListModel    *sort_model;
  GtkFilterListModel  *filter_model;
  GtkMultiSelection   *selection;

  GHashTable          *module_names;
  GPtrArray           *filter_modules;
  GtkStringList       *filter_names;
  GDate                today;
  gboolean             busy;
  GtkWidget           *row_menu_popover;
  GtkNativeDialog     *export_dialog;

  GtkStack            *content_stack;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *filter_dropdown;
  GtkLabel            *count_label;
  GtkButton           *activate_button;
  GtkButton           *add_user_button;
  GtkButton           *deactivate_button;
  GtkMenuButton       *modules_button;
  GMenu               *modules_menu;
  GtkLabel            *upstream_label;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *email_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *start_column;
  GtkColumnViewColumn *end_column;
  GtkColumnViewColumn *modules_column;
  AdwStatusPage       *no_users_page;
  GMenuModel          *row_menu;
};

G_DEFINE_FINAL_TYPE (SeatsUsersPage, seats_users_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ENGINE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The users of one activation or deactivation, done one after the other. */
typedef struct
{
  SeatsUsersPage  *self;
  SeatsSyncEngine *engine;
  gboolean         active;
  gboolean         is_undo;
  GPtrArray       *ids;
  GPtrArray       *names;
  guint            next;
  guint            freed;
  GDate            deadline;
} Batch;

/* What an Undo reverses: exactly the users that changed. */
typedef struct
{
  gboolean   active;
  GPtrArray *ids;
  GPtrArray *names;
} UndoData;


static void
batch_free (Batch *batch)
{
  g_clear_object (&batch->self);
  g_clear_object (&batch->engine);
  g_clear_pointer (&batch->ids, g_ptr_array_unref);
  g_clear_pointer (&batch->names, g_ptr_array_unref);
  g_free (batch);
}

static void
undo_data_free (UndoData *undo)
{
  g_clear_pointer (&undo->ids, g_ptr_array_unref);
  g_clear_pointer (&undo->names, g_ptr_array_unref);
  g_free (undo);
}

/* Today in the organization's time zone, once there is an account. */
static void
get_today (SeatsUsersPage *self,
           GDate          *date)
{
  seats_clock_get_today (self->engine != NULL ? seats_sync_engine_get_clock (self->engine)
                                              : seats_clock_get_default (),
                         date);
}

static void
rule_policy_of (SeatsSyncEngine *engine,
                SeatsRulePolicy *policy)
{
  SeatsAccount *account = seats_sync_engine_get_account (engine);
  SeatsPolicy *account_policy = account ? seats_account_get_policy (account) : NULL;

  seats_policy_to_rule (account_policy, policy);
}

/* R6 for one more user: refused, fine, or over the count until @deadline. */
static gboolean
check_activation (SeatsUsersPage  *self,
                  gboolean        *over_allocated,
                  GDate           *deadline,
                  GError         **error)
{
  SeatsProduct *seats = seats_sync_engine_find_user_seats (self->engine);
  SeatsRulePolicy policy;

  *over_allocated = FALSE;
  g_date_clear (deadline, 1);
  if (seats == NULL)
    return TRUE;

  rule_policy_of (self->engine, &policy);
  return seats_rules_check_activation (&policy,
                                       seats_product_get_purchased (seats),
                                       seats_product_get_in_use (seats),
                                       &self->today, over_allocated, deadline, error);
}

static SeatsWindow *
get_window (SeatsUsersPage *self)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), SEATS_TYPE_WINDOW);

  return window ? SEATS_WINDOW (window) : NULL;
}

static void
add_toast (SeatsUsersPage *self,
           AdwToast       *toast)
{
  SeatsWindow *window = get_window (self);

  if (window != NULL)
    seats_window_add_toast (window, toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static char *
module_list (SeatsUsersPage *self,
             SeatsUser      *user)
{
  GListModel *products = self->engine != NULL ? seats_sync_engine_get_products (self->engine) : NULL;

  return seats_user_describe_modules (user, products, NULL);
}

/* Walks up from a widget in the column view to the cell of a row. */
static GtkListItem *
list_item_at (SeatsUsersPage *self,
              GtkWidget      *widget)
{
  for (; widget != NULL && widget != GTK_WIDGET (self->column_view);
       widget = gtk_widget_get_parent (widget))
    {
      GtkListItem *item = g_object_get_data (G_OBJECT (widget), "seats-list-item");

      if (item != NULL)
        return item;
    }

  return NULL;
}

static GtkWidget *
find_cell (GtkWidget *widget)
{
  if (g_object_get_data (G_OBJECT (widget), "seats-list-item") != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_cell (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
count_selected (SeatsUsersPage *self,
                guint          *n_selected,
                guint          *n_active,
                guint          *n_inactive)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GtkBitsetIter iter;
  guint position;

  *n_selected = gtk_bitset_get_size (selected);
  *n_active = *n_inactive = 0;

  /* Enough to know whether each action has something to do. */
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more && (*n_active == 0 || *n_inactive == 0);
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

      if (user == NULL)
        continue;
      if (seats_user_get_active (user))
        (*n_active)++;
      else
        (*n_inactive)++;
    }
}

/* Which actions are possible, and why not, from the engine's state and the
 * selection. */
static void
update_actions (SeatsUsersPage *self)
{
  g_autoptr(GError) change_error = NULL;
  g_autoptr(GError) activation_error = NULL;
  gboolean can_change = FALSE;
  gboolean can_activate_more = TRUE;
  guint n_selected = 0, n_active = 0, n_inactive = 0;
  const char *activate_tip;
  const char *deactivate_tip;

  if (self->engine != NULL)
    {
      gboolean over;
      GDate deadline;

      can_change = seats_sync_engine_can_change (self->engine, SEATS_CHANGE_USERS_ACTIVE, &change_error);
      if (can_change)
        can_activate_more = check_activation (self, &over, &deadline, &activation_error);
    }

  count_selected (self, &n_selected, &n_active, &n_inactive);

  if (change_error != NULL)
    activate_tip = deactivate_tip = change_error->message;
  else if (self->busy)
    activate_tip = deactivate_tip = _("Wait until the change under way is done");
  else
    {
      if (n_inactive == 0)
        activate_tip = _("Select one or more inactive users to activate them");
      else if (activation_error != NULL)
        activate_tip = activation_error->message;
      else
        activate_tip = _("Give the selected users a license");

      deactivate_tip = n_active == 0 ? _("Select one or more active users to deactivate them")
                                     : _("Free the licenses of the selected users");
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.activate",
                                 can_change && !self->busy && n_inactive > 0 && can_activate_more);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.deactivate",
                                 can_change && !self->busy && n_active > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.details", n_selected > 0);

  /* The users of a subscription kept by hand are added and changed here. */
  {
    gboolean by_hand = self->engine != NULL &&
                       seats_sync_engine_supports (self->engine, SEATS_CHANGE_USERS_PUT);
    gboolean can_put = by_hand && !self->busy &&
                       seats_sync_engine_can_change (self->engine, SEATS_CHANGE_USERS_PUT, NULL);

    gtk_widget_set_visible (GTK_WIDGET (self->add_user_button), by_hand);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.add-user", can_put);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.edit-user", can_put && n_selected == 1);
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.assign-module",
                                 can_change && !self->busy && n_selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.remove-module",
                                 can_change && !self->busy && n_selected > 0);
  seats_widget_set_tooltip (GTK_WIDGET (self->modules_button),
                            change_error != NULL ? change_error->message
                            : n_selected == 0 ? _("Select users to assign or remove an add-on module")
                            : _("Assign or remove an add-on module for the selected users"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.export",
                                 self->engine != NULL && seats_sync_engine_get_account (self->engine) != NULL);

  seats_widget_set_tooltip (GTK_WIDGET (self->activate_button), activate_tip);
  seats_widget_set_tooltip (GTK_WIDGET (self->deactivate_button), deactivate_tip);
}

static void
update_counts (SeatsUsersPage *self)
{
  GListModel *users = self->engine ? seats_sync_engine_get_users (self->engine) : NULL;
  guint total = users ? g_list_model_get_n_items (users) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *total_text = seats_format_count (total);
  g_autofree char *shown_text = seats_format_count (shown);
  g_autofree char *text = NULL;
  const char *page;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%s user", "%s users", total), total_text);
  else
    /* Translators: how many users the search and filter show, of all users */
    text = g_strdup_printf (ngettext ("%s of %s user", "%s of %s users", total), shown_text, total_text);
  gtk_label_set_text (self->count_label, text);

  if (total == 0 && self->engine != NULL && seats_sync_engine_get_loading (self->engine))
    page = "loading";
  else if (total == 0)
    page = "no-users";
  else if (shown == 0 && gtk_filter_list_model_get_pending (self->filter_model) == 0)
    page = "no-results";
  else
    page = "list";
  gtk_stack_set_visible_child_name (self->list_stack, page);
}

static void
update_upstream (SeatsUsersPage *self)
{
  SeatsAccount *account = self->engine ? seats_sync_engine_get_account (self->engine) : NULL;
  const char *upstream = account ? seats_account_get_upstream_system (account) : NULL;
  g_autofree char *note = NULL;
  g_autofree char *empty = NULL;

  /* Kept on this computer: added, changed and imported here. */
  if (account != NULL && seats_account_get_source (account) == SEATS_ACCOUNT_SOURCE_MANUAL)
    {
      note = g_strdup (_("These users are kept on this computer. Add one with +, change one from its "
                         "details, or import the vendor’s export of its users from the main menu."));
      empty = g_strdup (_("Add a user with +, or import the vendor’s export of its users from the main "
                          "menu."));
    }
  /* R16: names and addresses are the organization's own, read-only here. */
  else if (upstream != NULL && upstream[0] != '\0')
    {
      /* Translators: %s is the organization's own system, such as its HR system */
      note = g_strdup_printf (_("Names and e-mail addresses come from %s. Change them there; "
                                "Seats shows the change after the next sync."), upstream);
      /* Translators: %s is the organization's own system, such as its HR system */
      empty = g_strdup_printf (_("People appear here by themselves when they are added in %s."),
                               upstream);
    }
  else
    {
      note = g_strdup (_("Names and e-mail addresses come from your organization’s own system. "
                         "Change them there; Seats shows the change after the next sync."));
      empty = g_strdup (_("People appear here by themselves when they are added in your "
                          "organization’s own system."));
    }

  gtk_label_set_text (self->upstream_label, note);
  adw_status_page_set_description (self->no_users_page, empty);
}

static void
refresh_today (SeatsUsersPage *self)
{
  GDate today;

  get_today (self, &today);
  if (g_date_valid (&self->today) && g_date_compare (&today, &self->today) == 0)
    return;

  self->today = today;
  seats_user_filter_set_today (self->filter, &today);
}

static void
apply_filter_choice (SeatsUsersPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);

  if (selected == FILTER_COUNTED)
    seats_user_filter_set_category (self->filter, SEATS_USER_CATEGORY_COUNTED, NULL);
  else if (selected == FILTER_INACTIVE)
    seats_user_filter_set_category (self->filter, SEATS_USER_CATEGORY_INACTIVE, NULL);
  else if (selected != GTK_INVALID_LIST_POSITION && selected >= N_FIXED_FILTERS &&
           selected - N_FIXED_FILTERS < self->filter_modules->len)
    seats_user_filter_set_category (self->filter, SEATS_USER_CATEGORY_MODULE,
                                    g_ptr_array_index (self->filter_modules, selected - N_FIXED_FILTERS));
  else
    seats_user_filter_set_category (self->filter, SEATS_USER_CATEGORY_ALL, NULL);
}

/* The add-on modules: their names for the Modules column, and one filter
 * entry each, keeping the chosen module across a sync. */
static void
update_modules (SeatsUsersPage *self)
{
  GListModel *products = self->engine ? seats_sync_engine_get_products (self->engine) : NULL;
  guint n = products ? g_list_model_get_n_items (products) : 0;
  g_autofree char *chosen = g_strdup (seats_user_filter_get_module (self->filter));
  guint old_n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_names));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) entries = NULL;
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);

  g_hash_table_remove_all (self->module_names);
  g_ptr_array_set_size (self->filter_modules, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeatsProduct) product = g_list_model_get_item (products, i);
      g_autofree char *entry = NULL;

      if (seats_product_get_kind (product) != SEATS_PRODUCT_KIND_MODULE)
        continue;

      g_hash_table_insert (self->module_names,
                           g_strdup (seats_product_get_id (product)),
                           g_strdup (seats_product_get_name (product)));
      g_ptr_array_add (self->filter_modules, g_strdup (seats_product_get_id (product)));
      /* Translators: an entry of the Users page's filter; %s is an add-on module */
      entry = g_strdup_printf (_("With %s"), seats_product_get_name (product));
      g_strv_builder_add (builder, entry);
    }

  /* The modules the selected users can be given or lose (R7). */
  g_menu_remove_all (self->modules_menu);
  for (guint i = 0; i < self->filter_modules->len; i++)
    {
      const char *id = g_ptr_array_index (self->filter_modules, i);
      g_autoptr(GMenu) section = g_menu_new ();
      g_autoptr(GMenuItem) assign = g_menu_item_new (_("Assign to Selected Users"), NULL);
      g_autoptr(GMenuItem) take = g_menu_item_new (_("Remove From Selected Users"), NULL);

      g_menu_item_set_action_and_target (assign, "users.assign-module", "s", id);
      g_menu_item_set_action_and_target (take, "users.remove-module", "s", id);
      g_menu_append_item (section, assign);
      g_menu_append_item (section, take);
      g_menu_append_section (self->modules_menu, g_hash_table_lookup (self->module_names, id),
                             G_MENU_MODEL (section));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->modules_button), self->filter_modules->len > 0);
  /* A subscription without add-on modules, or a service without any, has
   * no column of them. */
  gtk_column_view_column_set_visible (self->modules_column, self->filter_modules->len > 0);

  entries = g_strv_builder_end (builder);
  g_signal_handlers_block_matched (self->filter_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_string_list_splice (self->filter_names, N_FIXED_FILTERS, old_n - N_FIXED_FILTERS,
                          (const char * const *) entries);

  if (chosen != NULL)
    {
      guint index;

      selected = FILTER_ALL;
      if (g_ptr_array_find_with_equal_func (self->filter_modules, chosen, g_str_equal, &index))
        selected = N_FIXED_FILTERS + index;
    }
  else if (selected == GTK_INVALID_LIST_POSITION || selected >= N_FIXED_FILTERS)
    selected = FILTER_ALL;

  gtk_drop_down_set_selected (self->filter_dropdown, selected);
  g_signal_handlers_unblock_matched (self->filter_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  apply_filter_choice (self);
}

static void
update_all (SeatsUsersPage *self)
{
  refresh_today (self);
  update_upstream (self);
  update_counts (self);
  update_actions (self);
}

static void
engine_changed_cb (SeatsUsersPage *self)
{
  update_all (self);
}

static void
products_changed_cb (SeatsUsersPage *self)
{
  update_modules (self);
}

static void
filtered_changed_cb (SeatsUsersPage *self)
{
  update_counts (self);
}

static void
selection_changed_cb (SeatsUsersPage *self)
{
  update_actions (self);
}

static void
search_changed_cb (SeatsUsersPage *self)
{
  seats_user_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
stop_search_cb (SeatsUsersPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
filter_selected_cb (SeatsUsersPage *self)
{
  apply_filter_choice (self);
}

/* Cells: widgets are made in setup, and only given their user in bind. */

/* Columns keep a readable width; a narrow window scrolls sideways. */
static GtkWidget *
new_inscription (guint min_chars)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), min_chars);
  gtk_widget_set_hexpand (inscription, TRUE);
  return inscription;
}

static void
set_cell (GtkListItem *list_item,
          GtkWidget   *cell)
{
  g_object_set_data (G_OBJECT (cell), "seats-list-item", list_item);
  gtk_list_item_set_child (list_item, cell);
}

static void
name_setup_cb (SeatsUsersPage           *self,
               GtkListItem              *list_item,
               GtkSignalListItemFactory *factory)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *marker = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *inscription = new_inscription (14);

  /* R17: the status column says it in words; the marker repeats it. */
  gtk_widget_add_css_class (marker, "users-marker");
  gtk_widget_set_valign (marker, GTK_ALIGN_CENTER);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 20);
  gtk_box_append (GTK_BOX (box), marker);
  gtk_box_append (GTK_BOX (box), inscription);
  set_cell (list_item, box);
}

static void
name_bind_cb (SeatsUsersPage           *self,
              GtkListItem              *list_item,
              GtkSignalListItemFactory *factory)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *marker = gtk_widget_get_first_child (box);
  SeatsUser *user = gtk_list_item_get_item (list_item);
  SeatsUserStatus status = seats_user_get_status (user, &self->today);
  const char *name = seats_user_get_display_name (user);

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_widget_get_last_child (box)),
                            name && *name ? name : seats_user_get_user_name (user));

  gtk_widget_remove_css_class (marker, "counted");
  gtk_widget_remove_css_class (marker, "grace");
  gtk_widget_remove_css_class (marker, "former");
  if (status == SEATS_USER_STATUS_GRACE)
    gtk_widget_add_css_class (marker, "grace");
  else if (seats_user_status_counts (status))
    gtk_widget_add_css_class (marker, "counted");
  else
    gtk_widget_add_css_class (marker, "former");
}

static void
text_setup_cb (SeatsUsersPage           *self,
               GtkListItem              *list_item,
               GtkSignalListItemFactory *factory)
{
  GtkWidget *inscription = new_inscription (12);

  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 24);
  set_cell (list_item, inscription);
}

static void
email_bind_cb (SeatsUsersPage           *self,
               GtkListItem              *list_item,
               GtkSignalListItemFactory *factory)
{
  SeatsUser *user = gtk_list_item_get_item (list_item);

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (list_item)),
                            seats_user_get_email (user));
}

static void
modules_bind_cb (SeatsUsersPage           *self,
                 GtkListItem              *list_item,
                 GtkSignalListItemFactory *factory)
{
  SeatsUser *user = gtk_list_item_get_item (list_item);
  g_autofree char *modules = module_list (self, user);

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (list_item)), modules);
}

/* The whole status, which the cell may cut short. Asked for when the
 * pointer rests on the cell: setting a tooltip on every bind would ask
 * the display server where the pointer is, once per row. */
static gboolean
status_query_tooltip_cb (GtkWidget  *inscription,
                         int         x,
                         int         y,
                         gboolean    keyboard_mode,
                         GtkTooltip *tooltip)
{
  const char *text = g_object_get_data (G_OBJECT (inscription), "seats-status-explanation");

  if (text == NULL)
    text = gtk_inscription_get_text (GTK_INSCRIPTION (inscription));
  if (text == NULL || text[0] == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The longest status with a date, in the person's language ("Wordt
 * gedeactiveerd op 30 dec 2026"): the Status column never cuts a date
 * off, however narrow the window; the table scrolls sideways instead. */
static guint
status_chars (void)
{
  static guint chars;

  if (chars == 0)
    {
      g_autofree char *date = seats_format_date_short (seats_julian_from_ymd (2026, 12, 30));
      const char *formats[] = {
        _("Will be deactivated on %s"), _("Deactivated on %s"), _("Left %s"), _("Starts %s"),
      };

      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        chars = MAX (chars, g_utf8_strlen (formats[i], -1) - 2 + g_utf8_strlen (date, -1));
    }

  return chars;
}

static void
status_setup_cb (SeatsUsersPage           *self,
                 GtkListItem              *list_item,
                 GtkSignalListItemFactory *factory)
{
  GtkWidget *inscription = new_inscription (status_chars ());

  /* What keeps the license is in the tooltip. */
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), status_chars () + 2);
  gtk_widget_set_has_tooltip (inscription, TRUE);
  g_signal_connect (inscription, "query-tooltip", G_CALLBACK (status_query_tooltip_cb), NULL);
  set_cell (list_item, inscription);
}

static void
status_bind_cb (SeatsUsersPage           *self,
                GtkListItem              *list_item,
                GtkSignalListItemFactory *factory)
{
  GtkWidget *inscription = gtk_list_item_get_child (list_item);
  SeatsUser *user = gtk_list_item_get_item (list_item);
  g_autofree char *text = seats_user_status_describe (user, &self->today);
  char *explanation = seats_user_status_explain (user, &self->today);
  SeatsUserStatus status = seats_user_get_status (user, &self->today);

  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);
  if (explanation != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (inscription),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, explanation,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (inscription), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_object_set_data_full (G_OBJECT (inscription), "seats-status-explanation", explanation, g_free);
  if (status == SEATS_USER_STATUS_GRACE)
    gtk_widget_add_css_class (inscription, "error");
  else
    gtk_widget_remove_css_class (inscription, "error");
  if (seats_user_status_counts (status))
    gtk_widget_remove_css_class (inscription, "dim-label");
  else
    gtk_widget_add_css_class (inscription, "dim-label");
}

static void
date_setup_cb (SeatsUsersPage           *self,
               GtkListItem              *list_item,
               GtkSignalListItemFactory *factory)
{
  GtkWidget *inscription = new_inscription (10);

  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 11);
  gtk_widget_add_css_class (inscription, "numeric");
  set_cell (list_item, inscription);
}

static void
bind_date (GtkListItem *list_item,
           guint32      julian)
{
  g_autofree char *text = julian != SEATS_JULIAN_NONE ? seats_format_date_short (julian) : NULL;

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (list_item)), text);
}

static void
start_bind_cb (SeatsUsersPage           *self,
               GtkListItem              *list_item,
               GtkSignalListItemFactory *factory)
{
  bind_date (list_item, seats_user_get_start_date_julian (gtk_list_item_get_item (list_item)));
}

static void
end_bind_cb (SeatsUsersPage           *self,
             GtkListItem              *list_item,
             GtkSignalListItemFactory *factory)
{
  bind_date (list_item, seats_user_get_end_date_julian (gtk_list_item_get_item (list_item)));
}

static int
status_rank (SeatsUser      *user,
             SeatsUsersPage *self)
{
  return user ? (int) seats_user_get_status (user, &self->today) : 0;
}

/* Changing users: one after the other, the seat effect said before and
 * after, with an Undo. */

static void
undo_clicked_cb (SeatsUsersPage *self,
                 AdwToast       *toast);

static char *
batch_summary (Batch *batch,
               guint  n_done)
{
  g_autofree char *first = NULL;
  g_autofree char *effect = NULL;
  SeatsProduct *seats = batch->self->engine != NULL
                        ? seats_sync_engine_find_user_seats (batch->self->engine) : NULL;
  /* What a person wants to know after freeing licenses is how many are
   * free now, not how many this freed. */
  guint free_now = seats != NULL ? seats_product_get_free (seats) : 0;

  if (batch->active && g_date_valid (&batch->deadline))
    {
      g_autofree char *date = NULL;
      GDate day;

      seats_rules_deactivation_day (&batch->deadline, &day);
      date = seats_format_date (g_date_get_julian (&day));

      if (n_done == 1)
        /* Translators: a toast; the first %s is a person, the second the day
         * ahead on which they lose the license */
        return g_strdup_printf (_("%s activated over the count: will be deactivated on %s "
                                  "unless licenses are bought"),
                                (const char *) g_ptr_array_index (batch->names, 0), date);
      /* Translators: a toast; %s is the day ahead on which they lose the license */
      return g_strdup_printf (ngettext ("%u user activated over the count: will be deactivated on %s "
                                        "unless licenses are bought",
                                        "%u users activated over the count: will be deactivated on %s "
                                        "unless licenses are bought",
                                        n_done), n_done, date);
    }

  if (n_done == 1)
    {
      const char *name = g_ptr_array_index (batch->names, 0);

      if (batch->active)
        /* Translators: a toast; %s is a person */
        return g_strdup_printf (_("%s activated — 1 more license in use"), name);
      if (batch->freed > 0 && free_now > 0)
        /* Translators: a toast; %s is a person, %u the licenses free now */
        return g_strdup_printf (ngettext ("%s deactivated — %u license free now",
                                          "%s deactivated — %u licenses free now", free_now),
                                name, free_now);
      /* Translators: a toast; %s is a person who held no license */
      return g_strdup_printf (_("%s deactivated"), name);
    }

  if (batch->active)
    {
      first = g_strdup_printf (ngettext ("%u user activated", "%u users activated", n_done), n_done);
      effect = g_strdup_printf (ngettext ("%u more license in use", "%u more licenses in use", n_done),
                                n_done);
    }
  else
    {
      first = g_strdup_printf (ngettext ("%u user deactivated", "%u users deactivated", n_done), n_done);
      if (batch->freed > 0 && free_now > 0)
        effect = g_strdup_printf (ngettext ("%u license free now", "%u licenses free now", free_now),
                                  free_now);
    }

  if (effect == NULL)
    return g_steal_pointer (&first);
  /* Translators: a toast: what was done — what it means for the licenses */
  return g_strdup_printf (C_("toast", "%s — %s"), first, effect);
}

static void
batch_finish (Batch       *batch,
              const char  *failed_name,
              GError      *error)
{
  SeatsUsersPage *self = batch->self;
  guint n_done = batch->next;

  self->busy = FALSE;
  update_actions (self);

  if (n_done > 0)
    {
      g_autofree char *title = batch_summary (batch, n_done);
      AdwToast *toast = adw_toast_new (title);

      if (!batch->is_undo)
        {
          UndoData *undo = g_new0 (UndoData, 1);

          undo->active = !batch->active;
          undo->ids = g_ptr_array_new_with_free_func (g_free);
          undo->names = g_ptr_array_new_with_free_func (g_free);
          for (guint i = 0; i < n_done; i++)
            {
              g_ptr_array_add (undo->ids, g_strdup (g_ptr_array_index (batch->ids, i)));
              g_ptr_array_add (undo->names, g_strdup (g_ptr_array_index (batch->names, i)));
            }
          g_object_set_data_full (G_OBJECT (toast), "seats-undo", undo, (GDestroyNotify) undo_data_free);
          adw_toast_set_button_label (toast, _("_Undo"));
          g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self,
                                   G_CONNECT_SWAPPED);
        }
      add_toast (self, toast);
    }

  if (error != NULL)
    {
      g_autofree char *heading = NULL;
      AdwMessageDialog *dialog;

      heading = g_strdup_printf (batch->active ? _("Could Not Activate %s") : _("Could Not Deactivate %s"),
                                 failed_name);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (get_window (self)),
                                                           heading, error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }

  batch_free (batch);
}

/* Keeps of the batch only the users @made changed, in their order. */
static void
batch_keep_made (Batch              *batch,
                 const char * const *made)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < batch->ids->len; i++)
    if (made != NULL && g_strv_contains (made, g_ptr_array_index (batch->ids, i)))
      {
        g_ptr_array_add (ids, g_strdup (g_ptr_array_index (batch->ids, i)));
        g_ptr_array_add (names, g_strdup (g_ptr_array_index (batch->names, i)));
      }

  g_ptr_array_unref (batch->ids);
  g_ptr_array_unref (batch->names);
  batch->ids = g_steal_pointer (&ids);
  batch->names = g_steal_pointer (&names);
}

static void
batch_submit_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Batch *batch = user_data;
  g_autoptr(SeatsChange) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *failed_name = NULL;

  if (seats_sync_engine_submit_finish (SEATS_SYNC_ENGINE (object), result, &undo, &error))
    {
      batch->next = batch->ids->len;
      batch_finish (batch, NULL, NULL);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      batch->self->busy = FALSE;
      batch_free (batch);
      return;
    }

  /* A part of the selection may have been made: the Undo is for that part,
   * and the refusal names the first user of the rest. */
  for (guint i = 0; i < batch->ids->len && failed_name == NULL; i++)
    if (undo == NULL || !g_strv_contains (seats_change_get_user_ids (undo), g_ptr_array_index (batch->ids, i)))
      failed_name = g_strdup (g_ptr_array_index (batch->names, i));

  batch_keep_made (batch, undo != NULL ? seats_change_get_user_ids (undo) : NULL);
  batch->next = batch->ids->len;
  batch_finish (batch, failed_name, error);
}

static void
batch_run (Batch *batch)
{
  SeatsUsersPage *self = batch->self;
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(GError) error = NULL;
  SeatsChangeOutcome outcome;

  g_ptr_array_add (batch->ids, NULL);
  change = seats_change_new_users_active ((const char * const *) batch->ids->pdata, batch->active);
  g_ptr_array_remove_index (batch->ids, batch->ids->len - 1);

  checked = seats_sync_engine_check (self->engine, change, &outcome, &error);
  if (checked == NULL)
    {
      batch_finish (batch, g_ptr_array_index (batch->names, 0), error);
      return;
    }

  /* What the toast says: licenses freed, or a deadline for going over. */
  batch->freed = batch->active ? 0 : outcome.n_counted;
  if (outcome.over_allocated)
    seats_julian_to_date (outcome.deadline, &batch->deadline);

  seats_sync_engine_submit_async (self->engine, checked, self->cancellable, batch_submit_cb, batch);
}

static void
run_batch (SeatsUsersPage *self,
           gboolean        active,
           gboolean        is_undo,
           GPtrArray      *ids,
           GPtrArray      *names)
{
  Batch *batch = g_new0 (Batch, 1);

  g_assert (self->engine != NULL);
  g_assert (!self->busy);

  batch->self = g_object_ref (self);
  batch->engine = g_object_ref (self->engine);
  batch->active = active;
  batch->is_undo = is_undo;
  batch->ids = g_ptr_array_ref (ids);
  batch->names = g_ptr_array_ref (names);
  g_date_clear (&batch->deadline, 1);

  self->busy = TRUE;
  update_actions (self);
  batch_run (batch);
}

static void
undo_clicked_cb (SeatsUsersPage *self,
                 AdwToast       *toast)
{
  UndoData *undo = g_object_get_data (G_OBJECT (toast), "seats-undo");

  if (undo == NULL || self->engine == NULL)
    return;

  if (self->busy)
    {
      add_toast (self, adw_toast_new (_("Wait until the change under way is done, then undo it")));
      return;
    }

  run_batch (self, undo->active, TRUE, undo->ids, undo->names);
}

/* The selected users that @active would change. Activating leaves out
 * the users whose end date has passed: they would hold no license (R1);
 * @n_left says how many. */
static void
collect_selected (SeatsUsersPage  *self,
                  gboolean         active,
                  GPtrArray      **ids,
                  GPtrArray      **names,
                  guint           *n_counted,
                  guint           *n_left)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GtkBitsetIter iter;
  guint position;

  *ids = g_ptr_array_new_with_free_func (g_free);
  *names = g_ptr_array_new_with_free_func (g_free);
  *n_counted = 0;
  *n_left = 0;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
      const char *name;
      GDate end;

      if (user == NULL || seats_user_get_active (user) == active)
        continue;
      if (active && seats_user_get_end_date (user, &end) && seats_rules_user_has_left (&end, &self->today))
        {
          (*n_left)++;
          continue;
        }

      name = seats_user_get_display_name (user);
      g_ptr_array_add (*ids, g_strdup (seats_user_get_id (user)));
      g_ptr_array_add (*names, g_strdup (name && *name ? name : seats_user_get_user_name (user)));
      if (seats_user_counts (user, &self->today))
        (*n_counted)++;
    }
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SeatsUsersPage   *self)
{
  GPtrArray *ids = g_object_get_data (G_OBJECT (dialog), "seats-ids");
  GPtrArray *names = g_object_get_data (G_OBJECT (dialog), "seats-names");
  gboolean active = g_str_equal (response, "activate");

  if (!g_str_equal (response, "activate") && !g_str_equal (response, "deactivate"))
    return;
  if (self->engine == NULL || self->busy)
    return;

  run_batch (self, active, FALSE, ids, names);
}

static char *
confirm_body (SeatsUsersPage *self,
              gboolean        active,
              guint           n,
              guint           n_counted)
{
  SeatsProduct *seats = seats_sync_engine_find_user_seats (self->engine);
  SeatsRulePolicy policy;
  guint available;

  /* A service that gives users and no licenses: what it does, not counts
   * it does not know. */
  if (seats == NULL && active)
    return g_strdup (_("Each of them will hold a license. How many licenses are available is not "
                       "known from this service."));
  if (seats == NULL && n_counted > 0)
    return g_strdup_printf (ngettext ("%u of them holds a license now and will no longer hold one.",
                                      "%u of them hold a license now and will no longer hold one.",
                                      n_counted), n_counted);

  if (!active)
    {
      if (n_counted == 0)
        return g_strdup (_("None of them holds a license now, so no license becomes available."));

      return g_strdup_printf (ngettext ("%u license becomes available for others. This billing period "
                                        "stays as bought; to pay for fewer licenses, lower the count for "
                                        "the next billing period on the Licenses page.",
                                        "%u licenses become available for others. This billing period "
                                        "stays as bought; to pay for fewer licenses, lower the count for "
                                        "the next billing period on the Licenses page.",
                                        n_counted), n_counted);
    }

  available = seats_product_get_purchased (seats) - MIN (seats_product_get_purchased (seats),
                                                         seats_product_get_in_use (seats));
  rule_policy_of (self->engine, &policy);

  if (available >= n)
    return g_strdup_printf (ngettext ("Each of them takes a license; %u license is available.",
                                      "Each of them takes a license; %u licenses are available.",
                                      available), available);

  if (policy.seat_floor == SEATS_SEAT_FLOOR_GRACE)
    {
      GDate deadline, day;
      g_autofree char *date = NULL;

      seats_rules_grace_deadline (&self->today, policy.grace_days, &deadline);
      seats_rules_deactivation_day (&deadline, &day);
      date = seats_format_date (g_date_get_julian (&day));
      return g_strdup_printf (ngettext ("Each of them takes a license, but only %u license is available. "
                                        "The users over the count will be deactivated on %s unless "
                                        "licenses are bought.",
                                        "Each of them takes a license, but only %u licenses are available. "
                                        "The users over the count will be deactivated on %s unless "
                                        "licenses are bought.",
                                        available), available, date);
    }

  return g_strdup_printf (ngettext ("Each of them takes a license, but only %u license is available. "
                                    "Users are activated until none is left; buy more licenses to "
                                    "activate all of them.",
                                    "Each of them takes a license, but only %u licenses are available. "
                                    "Users are activated until none is left; buy more licenses to "
                                    "activate all of them.",
                                    available), available);
}

static void
change_selected (SeatsUsersPage *self,
                 gboolean        active)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  guint n_counted, n_left;

  if (self->engine == NULL || self->busy)
    return;

  collect_selected (self, active, &ids, &names, &n_counted, &n_left);
  if (ids->len == 0 && n_left > 0)
    {
      add_toast (self, adw_toast_new (ngettext ("Not activated: the end date has passed, so the user "
                                                "would hold no license",
                                                "Not activated: the end dates have passed, so the users "
                                                "would hold no license",
                                                n_left)));
      return;
    }
  if (ids->len == 0)
    return;

  /* One user: done at once, and undone from the toast. */
  if (ids->len == 1 && n_left == 0)
    {
      run_batch (self, active, FALSE, ids, names);
      return;
    }

  heading = g_strdup_printf (active ? ngettext ("Activate %u User?", "Activate %u Users?", ids->len)
                                    : ngettext ("Deactivate %u User?", "Deactivate %u Users?", ids->len),
                             ids->len);
  body = confirm_body (self, active, ids->len, n_counted);
  if (n_left > 0)
    {
      g_autofree char *left = g_strdup_printf (ngettext ("%u selected user is left out: the end date has "
                                                         "passed, so activating would give no license.",
                                                         "%u selected users are left out: their end dates "
                                                         "have passed, so activating would give them no "
                                                         "license.",
                                                         n_left), n_left);
      g_autofree char *both = g_strconcat (body, "\n\n", left, NULL);

      g_free (body);
      body = g_steal_pointer (&both);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (get_window (self)), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    active ? "activate" : "deactivate",
                                    active ? _("_Activate") : _("_Deactivate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, active ? "activate" : "deactivate",
                                              active ? ADW_RESPONSE_SUGGESTED : ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "seats-ids", g_steal_pointer (&ids),
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "seats-names", g_steal_pointer (&names),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
details_row (const char *title,
             const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  return row;
}

/* What one user holds and why (R1, R7, R17), and where the name and
 * address come from (R16). */
static void
edit_user (SeatsUsersPage *self,
           SeatsUser      *user)
{
  SeatsUserDialog *dialog;

  if (self->engine == NULL)
    return;

  dialog = seats_user_dialog_new (GTK_WINDOW (get_window (self)), self->engine, user);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
details_edit_cb (SeatsUsersPage   *self,
                 const char       *response,
                 AdwMessageDialog *dialog)
{
  edit_user (self, g_object_get_data (G_OBJECT (dialog), "user"));
}

static void
show_details (SeatsUsersPage *self,
              SeatsUser      *user)
{
  SeatsUserStatus status = seats_user_get_status (user, &self->today);
  g_autofree char *status_text = seats_user_status_describe (user, &self->today);
  g_autofree char *explanation = seats_user_status_explain (user, &self->today);
  g_autofree char *start = seats_format_date (seats_user_get_start_date_julian (user));
  g_autofree char *end = seats_format_date (seats_user_get_end_date_julian (user));
  g_autofree char *modules = module_list (self, user);
  const char *name = seats_user_get_display_name (user);
  const char *license;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *source = gtk_label_new (gtk_label_get_text (self->upstream_label));
  AdwMessageDialog *dialog;

  if (seats_user_status_counts (status))
    license = _("Holds a user license");
  else if (status == SEATS_USER_STATUS_LEFT)
    license = _("Holds no license: the end date has passed");
  else
    license = _("Holds no license: inactive");

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), details_row (_("License"), license));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       details_row (_("Status"), explanation != NULL ? explanation : status_text));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       details_row (_("Add-on Modules"), modules[0] != '\0' ? modules : _("None")));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       details_row (_("Start"), start != NULL && *start ? start : _("No start date")));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       details_row (_("End"), end != NULL && *end ? end : _("No end date")));
  gtk_list_box_append (GTK_LIST_BOX (list), details_row (_("User Name"), seats_user_get_user_name (user)));
  gtk_box_append (GTK_BOX (box), list);

  gtk_label_set_wrap (GTK_LABEL (source), TRUE);
  gtk_label_set_xalign (GTK_LABEL (source), 0);
  gtk_widget_add_css_class (source, "dim-label");
  gtk_widget_add_css_class (source, "caption");
  gtk_box_append (GTK_BOX (box), source);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (get_window (self)),
                                                       name && *name ? name : seats_user_get_user_name (user),
                                                       seats_user_get_email (user)));
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  if (self->engine != NULL && seats_sync_engine_supports (self->engine, SEATS_CHANGE_USERS_PUT))
    {
      adw_message_dialog_add_response (dialog, "edit", _("_Edit…"));
      g_object_set_data_full (G_OBJECT (dialog), "user", g_object_ref (user), g_object_unref);
      g_signal_connect_object (dialog, "response::edit", G_CALLBACK (details_edit_cb), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
row_activated_cb (SeatsUsersPage *self,
                  guint           position)
{
  g_autoptr(SeatsUser) user = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (user != NULL)
    show_details (self, user);
}

static void
popup_row_menu (SeatsUsersPage *self,
                GtkListItem    *list_item,
                double          x,
                double          y)
{
  guint position = gtk_list_item_get_position (list_item);

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  /* The menu acts on the selection: a row outside it becomes the selection. */
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);

  if (self->row_menu_popover == NULL)
    {
      self->row_menu_popover = gtk_popover_menu_new_from_model (self->row_menu);
      gtk_widget_set_parent (self->row_menu_popover, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->row_menu_popover), FALSE);
      gtk_widget_set_halign (self->row_menu_popover, GTK_ALIGN_START);
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_menu_popover),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->row_menu_popover));
}

static void
popup_at (SeatsUsersPage *self,
          double          x,
          double          y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);
  GtkListItem *list_item = list_item_at (self, picked);
  double px, py;

  if (list_item == NULL)
    return;

  gtk_widget_translate_coordinates (GTK_WIDGET (self->column_view), GTK_WIDGET (self), x, y, &px, &py);
  popup_row_menu (self, list_item, px, py);
}

static void
secondary_click_cb (SeatsUsersPage  *self,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkGestureClick *gesture)
{
  popup_at (self, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
long_press_cb (SeatsUsersPage      *self,
               double               x,
               double               y,
               GtkGestureLongPress *gesture)
{
  popup_at (self, x, y);
}

static gboolean
menu_key_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  SeatsUsersPage *self = SEATS_USERS_PAGE (gtk_widget_get_ancestor (widget, SEATS_TYPE_USERS_PAGE));
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  GtkWidget *cell;
  graphene_rect_t bounds;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)))
    return FALSE;

  cell = find_cell (focus);
  if (cell == NULL || !gtk_widget_compute_bounds (cell, GTK_WIDGET (self), &bounds))
    return FALSE;

  popup_row_menu (self, g_object_get_data (G_OBJECT (cell), "seats-list-item"),
                  bounds.origin.x + 12, bounds.origin.y + bounds.size.height);
  return TRUE;
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  change_selected (SEATS_USERS_PAGE (widget), TRUE);
}

static void
deactivate_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  change_selected (SEATS_USERS_PAGE (widget), FALSE);
}

/* Add-on modules for a selection (R7) */

typedef struct
{
  SeatsUsersPage *self;
  char           *product_id;
  gboolean        assign;
  gboolean        is_undo;
} ModuleChange;

static void
module_change_free (ModuleChange *change)
{
  g_clear_object (&change->self);
  g_free (change->product_id);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ModuleChange, module_change_free)

static void run_module_batch (SeatsUsersPage *self,
                              const char     *product_id,
                              gboolean        assign,
                              gboolean        is_undo,
                              GPtrArray      *ids);

static void
module_undo_cb (AdwToast     *toast,
                ModuleChange *change)
{
  GPtrArray *ids = g_object_get_data (G_OBJECT (toast), "seats-ids");

  run_module_batch (change->self, change->product_id, !change->assign, TRUE, ids);
}

static char *
module_summary (SeatsUsersPage *self,
                const char     *product_id,
                gboolean        assign,
                GPtrArray      *done)
{
  const char *name = g_hash_table_lookup (self->module_names, product_id);
  SeatsProduct *module = seats_sync_engine_find_product (self->engine, product_id);

  if (done->len == 1 && module != NULL)
    {
      SeatsUser *user = seats_sync_engine_find_user (self->engine, g_ptr_array_index (done, 0));
      const char *person = user != NULL ? seats_user_get_display_name (user) : NULL;

      if (person == NULL || *person == '\0')
        person = user != NULL ? seats_user_get_user_name (user) : "";

      return seats_licenses_describe_assignment (module, person, assign);
    }

  if (assign)
    /* Translators: a toast: a module, how many users got it */
    return g_strdup_printf (ngettext ("“%s” assigned to %u user", "“%s” assigned to %u users",
                                      done->len),
                            name, done->len);
  /* Translators: a toast: a module, how many users lost it */
  return g_strdup_printf (ngettext ("“%s” taken from %u user", "“%s” taken from %u users",
                                    done->len),
                          name, done->len);
}

static void
module_batch_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ModuleChange) change = user_data;
  SeatsUsersPage *self = change->self;
  g_autoptr(GPtrArray) done = NULL;
  g_autoptr(GError) error = NULL;

  seats_module_batch_run_finish (result, &done, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->busy = FALSE;
  update_actions (self);

  if (error != NULL)
    {
      add_toast (self, adw_toast_new (error->message));
      if (done->len == 0)
        return;
    }

  if (done->len > 0 && error == NULL)
    {
      g_autofree char *title = module_summary (self, change->product_id, change->assign, done);
      AdwToast *toast = adw_toast_new (title);

      if (!change->is_undo)
        {
          adw_toast_set_button_label (toast, _("_Undo"));
          g_object_set_data_full (G_OBJECT (toast), "seats-ids", g_ptr_array_ref (done),
                                  (GDestroyNotify) g_ptr_array_unref);
          g_signal_connect_data (toast, "button-clicked", G_CALLBACK (module_undo_cb),
                                 g_steal_pointer (&change),
                                 (GClosureNotify) (void (*) (void)) module_change_free, 0);
        }
      add_toast (self, toast);
    }
}

static void
run_module_batch (SeatsUsersPage *self,
                  const char     *product_id,
                  gboolean        assign,
                  gboolean        is_undo,
                  GPtrArray      *ids)
{
  ModuleChange *change;

  if (self->engine == NULL || self->busy || ids == NULL || ids->len == 0)
    return;

  change = g_new0 (ModuleChange, 1);
  change->self = g_object_ref (self);
  change->product_id = g_strdup (product_id);
  change->assign = assign;
  change->is_undo = is_undo;

  self->busy = TRUE;
  update_actions (self);
  seats_module_batch_run_async (self->engine, product_id, assign, ids, NULL,
                                module_batch_done_cb, change);
}

static void
module_confirm_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   SeatsUsersPage   *self)
{
  GPtrArray *ids = g_object_get_data (G_OBJECT (dialog), "seats-ids");
  const char *product_id = g_object_get_data (G_OBJECT (dialog), "seats-product");

  if (g_str_equal (response, "assign") || g_str_equal (response, "remove"))
    run_module_batch (self, product_id, g_str_equal (response, "assign"), FALSE, ids);
}

/* The selected users a module can be given to (those who count and do not
 * hold it) or taken from (those who hold it). */
static GPtrArray *
collect_for_module (SeatsUsersPage *self,
                    const char     *product_id,
                    gboolean        assign,
                    guint          *n_selected)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GtkBitsetIter iter;
  guint position;

  *n_selected = 0;
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(SeatsUser) user = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
      gboolean holds;

      if (user == NULL)
        continue;

      (*n_selected)++;
      holds = seats_user_has_module (user, product_id);
      if (assign ? !holds && seats_user_counts (user, &self->today)
                 : holds)
        g_ptr_array_add (ids, g_strdup (seats_user_get_id (user)));
    }

  return ids;
}

static void
change_module (SeatsUsersPage *self,
               const char     *product_id,
               gboolean        assign)
{
  SeatsProduct *module = seats_sync_engine_find_product (self->engine, product_id);
  const char *name = g_hash_table_lookup (self->module_names, product_id);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) refusal = NULL;
  g_autoptr(GString) body = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  guint n_selected, purchased, in_use, skipped, free_after;

  if (self->engine == NULL || self->busy || module == NULL || name == NULL)
    return;

  refresh_today (self);
  ids = collect_for_module (self, product_id, assign, &n_selected);
  skipped = n_selected - ids->len;
  purchased = seats_product_get_purchased (module);
  in_use = seats_product_get_in_use (module);

  if (ids->len == 0)
    {
      g_autofree char *title = NULL;

      if (assign)
        /* Translators: a toast; %s is a module */
        title = g_strdup_printf (_("Nobody selected can be given “%s”: they hold it already or "
                                   "have no license"), name);
      else
        /* Translators: a toast; %s is a module */
        title = g_strdup_printf (_("Nobody selected holds “%s”"), name);
      add_toast (self, adw_toast_new (title));
      return;
    }

  /* R7: a license of the module for each, or nobody gets it. */
  if (assign && !seats_rules_check_module_assignments (name, purchased, in_use, ids->len, &refusal))
    {
      /* Translators: %s is a module */
      heading = g_strdup_printf (_("Cannot Assign “%s”"), name);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (get_window (self)), heading,
                                                           refusal->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      adw_message_dialog_set_default_response (dialog, "close");
      adw_message_dialog_set_close_response (dialog, "close");
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  /* One user: done at once, and undone from the toast. */
  if (n_selected == 1)
    {
      run_module_batch (self, product_id, assign, FALSE, ids);
      return;
    }

  /* Those who lose it all held it, so at least as many are in use. */
  in_use = assign ? in_use + ids->len : in_use - MIN (in_use, ids->len);
  free_after = purchased > in_use ? purchased - in_use : 0;
  body = g_string_new (NULL);
  if (assign)
    {
      /* Translators: how many users get the module */
      heading = g_strdup_printf (ngettext ("Assign “%s” to %u User?", "Assign “%s” to %u Users?",
                                           ids->len),
                                 name, ids->len);
      /* Translators: the seat effect of giving a module to the selected users */
      g_string_append_printf (body, ngettext ("Each of them takes a license of the module; %u "
                                              "stays free.",
                                              "Each of them takes a license of the module; %u "
                                              "stay free.", free_after),
                              free_after);
    }
  else
    {
      heading = g_strdup_printf (ngettext ("Remove “%s” From %u User?", "Remove “%s” From %u Users?",
                                           ids->len),
                                 name, ids->len);
      /* Translators: the seat effect of taking a module from the selected users */
      g_string_append_printf (body, ngettext ("Their licenses of the module become free: %u free "
                                              "after this. To pay for fewer, lower the module’s "
                                              "count for the next period on the Licenses page.",
                                              "Their licenses of the module become free: %u free "
                                              "after this. To pay for fewer, lower the module’s "
                                              "count for the next period on the Licenses page.",
                                              free_after),
                              free_after);
    }

  if (skipped > 0)
    {
      g_string_append_c (body, ' ');
      if (assign)
        g_string_append_printf (body, ngettext ("%u selected user is left out: they hold it "
                                                "already or have no license.",
                                                "%u selected users are left out: they hold it "
                                                "already or have no license.", skipped),
                                skipped);
      else
        g_string_append_printf (body, ngettext ("%u selected user does not hold it.",
                                                "%u selected users do not hold it.", skipped),
                                skipped);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (get_window (self)), heading, body->str));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    assign ? "assign" : "remove",
                                    assign ? _("_Assign") : _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, assign ? "assign" : "remove",
                                              assign ? ADW_RESPONSE_SUGGESTED : ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "seats-ids", g_steal_pointer (&ids),
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "seats-product", g_strdup (product_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (module_confirm_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
module_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  change_module (SEATS_USERS_PAGE (widget), g_variant_get_string (parameter, NULL),
                 g_str_equal (action_name, "users.assign-module"));
}

static void
details_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SeatsUsersPage *self = SEATS_USERS_PAGE (widget);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  if (!gtk_bitset_is_empty (selected))
    row_activated_cb (self, gtk_bitset_get_minimum (selected));
}

static void
add_user_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  edit_user (SEATS_USERS_PAGE (widget), NULL);
}

static void
edit_user_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SeatsUsersPage *self = SEATS_USERS_PAGE (widget);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(SeatsUser) user = NULL;

  if (gtk_bitset_get_size (selected) != 1)
    return;

  user = g_list_model_get_item (G_LIST_MODEL (self->selection), gtk_bitset_get_minimum (selected));
  if (user != NULL)
    edit_user (self, user);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  seats_users_page_export_counted (SEATS_USERS_PAGE (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SeatsUsersPage *self = SEATS_USERS_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* Export (R20). */

typedef struct
{
  SeatsUsersPage *self;
  guint           n_rows;
  GBytes         *bytes;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

static void
export_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ExportData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: a toast; %s says why the file could not be written */
          title = g_strdup_printf (_("Could not export the users: %s. Choose another folder and try again."),
                                   error->message);
          add_toast (data->self, adw_toast_new (title));
        }
    }
  else
    {
      g_autofree char *count = seats_format_count (data->n_rows);

      title = g_strdup_printf (ngettext ("Exported %s active user", "Exported %s active users",
                                         data->n_rows), count);
      add_toast (data->self, adw_toast_new (title));
    }

  export_data_free (data);
}

static void
export_response_cb (SeatsUsersPage  *self,
                    int              response,
                    GtkNativeDialog *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        seats_users_page_export_to_file (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->export_dialog);
}

/* Engine */

static void
set_engine (SeatsUsersPage  *self,
            SeatsSyncEngine *engine)
{
  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->engine, self);
      g_signal_handlers_disconnect_by_data (seats_sync_engine_get_products (self->engine), self);
    }

  g_set_object (&self->engine, engine);

  /* A change under way for the previous account stops with it. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->busy = FALSE;

  if (engine != NULL)
    {
      g_signal_connect_object (engine, "changed", G_CALLBACK (engine_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "notify::status", G_CALLBACK (engine_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "notify::account", G_CALLBACK (engine_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (seats_sync_engine_get_products (engine), "items-changed",
                               G_CALLBACK (products_changed_cb), self, G_CONNECT_SWAPPED);
    }

  gtk_sort_list_model_set_model (self->sort_model, engine ? seats_sync_engine_get_users (engine) : NULL);
  update_modules (self);
  update_all (self);
  gtk_stack_set_visible_child_name (self->content_stack, engine != NULL ? "content" : "empty");
}

static void
seats_users_page_map (GtkWidget *widget)
{
  SeatsUsersPage *self = SEATS_USERS_PAGE (widget);

  GTK_WIDGET_CLASS (seats_users_page_parent_class)->map (widget);

  /* The day may have turned since the page was last shown (R1). */
  refresh_today (self);
}

static void
seats_users_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SeatsUsersPage *self = SEATS_USERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seats_users_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SeatsUsersPage *self = SEATS_USERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      if (self->engine != g_value_get_object (value))
        {
          set_engine (self, g_value_get_object (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seats_users_page_dispose (GObject *object)
{
  SeatsUsersPage *self = SEATS_USERS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->engine, self);
      g_signal_handlers_disconnect_by_data (seats_sync_engine_get_products (self->engine), self);
    }
  if (self->export_dialog != NULL)
    gtk_native_dialog_destroy (self->export_dialog);
  g_clear_object (&self->export_dialog);
  g_clear_pointer (&self->row_menu_popover, gtk_widget_unparent);
  /* The models outlive the widgets of the template for a moment. */
  g_signal_handlers_disconnect_by_data (self->selection, self);
  g_signal_handlers_disconnect_by_data (self->filter_model, self);

  /* AdwBin unparents its child, the template's root, itself. */
  G_OBJECT_CLASS (seats_users_page_parent_class)->dispose (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->engine);
  g_clear_object (&self->cancellable);
}

static void
seats_users_page_finalize (GObject *object)
{
  SeatsUsersPage *self = SEATS_USERS_PAGE (object);

  g_clear_pointer (&self->module_names, g_hash_table_unref);
  g_clear_object (&self->modules_menu);
  g_clear_pointer (&self->filter_modules, g_ptr_array_unref);
  g_clear_object (&self->filter_names);

  G_OBJECT_CLASS (seats_users_page_parent_class)->finalize (object);
}

static int
compare_names_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return gtk_ordering_from_cmpfunc (strcmp (seats_user_get_sort_key ((SeatsUser *) a),
                                            seats_user_get_sort_key ((SeatsUser *) b)));
}

/* E-mail addresses are ASCII but for the rare international one. */
static int
compare_emails_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const char *x = seats_user_get_email ((SeatsUser *) a);
  const char *y = seats_user_get_email ((SeatsUser *) b);

  return gtk_ordering_from_cmpfunc (g_ascii_strcasecmp (x != NULL ? x : "", y != NULL ? y : ""));
}

static void
seats_users_page_class_init (SeatsUsersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seats_users_page_dispose;
  object_class->finalize = seats_users_page_finalize;
  object_class->get_property = seats_users_page_get_property;
  object_class->set_property = seats_users_page_set_property;
  widget_class->map = seats_users_page_map;

  properties [PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL,
                         SEATS_TYPE_SYNC_ENGINE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SEATS_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/seats-users-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SeatsUsersPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SeatsUsersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SeatsUsersPage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SeatsUsersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsUsersPage, activate_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsUsersPage, add_user_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsUsersPage, deactivate_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsUsersPage, modules_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsUsersPage, modules_column);
  gtk_widget_class_bind_template_child (widget_class, SeatsUsersPage, upstream_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsUsersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SeatsUsersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SeatsUsersPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, SeatsUsersPage, email_column);
  gtk_widget_class_bind_template_child (widget_class, SeatsUsersPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, SeatsUsersPage, start_column);
  gtk_widget_class_bind_template_child (widget_class, SeatsUsersPage, end_column);
  gtk_widget_class_bind_template_child (widget_class, SeatsUsersPage, no_users_page);
  gtk_widget_class_bind_template_child (widget_class, SeatsUsersPage, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, email_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, modules_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, end_bind_cb);

  gtk_widget_class_install_action (widget_class, "users.activate", NULL, activate_action);
  gtk_widget_class_install_action (widget_class, "users.deactivate", NULL, deactivate_action);
  gtk_widget_class_install_action (widget_class, "users.details", NULL, details_action);
  gtk_widget_class_install_action (widget_class, "users.add-user", NULL, add_user_action);
  gtk_widget_class_install_action (widget_class, "users.edit-user", NULL, edit_user_action);
  gtk_widget_class_install_action (widget_class, "users.assign-module", "s", module_action);
  gtk_widget_class_install_action (widget_class, "users.remove-module", "s", module_action);
  gtk_widget_class_install_action (widget_class, "users.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "users.search", NULL, search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "users.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "users.export", NULL);
}

static void
seats_users_page_init (SeatsUsersPage *self)
{
  const char *fixed_filters[N_FIXED_FILTERS + 1] = { NULL };
  GtkSorter *sorter;
  GtkGesture *gesture;
  GtkEventController *shortcuts;
  GtkShortcutAction *menu_action;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->module_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->modules_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->modules_button, G_MENU_MODEL (self->modules_menu));
  /* The row menu has the modules too. */
  g_menu_append_submenu (G_MENU (self->row_menu), _("Add-on _Modules"), G_MENU_MODEL (self->modules_menu));
  self->filter_modules = g_ptr_array_new_with_free_func (g_free);
  g_date_clear (&self->today, 1);
  get_today (self, &self->today);
  self->filter = seats_user_filter_new ();
  seats_user_filter_set_today (self->filter, &self->today);

  fixed_filters[FILTER_ALL] = _("All Users");
  fixed_filters[FILTER_COUNTED] = _("Counted");
  fixed_filters[FILTER_INACTIVE] = C_("filter", "Inactive");
  self->filter_names = gtk_string_list_new (fixed_filters);
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (self->filter_names));

  /* Sorting by a column: the name and e-mail as words, the status in the
   * order of SeatsUserStatus, the dates as days. */
  /* By keys the users make once, not by keys the sort model makes for all
   * of them at once whenever they change. */
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_names_cb, NULL, NULL));
  gtk_column_view_column_set_sorter (self->name_column, sorter);
  g_object_unref (sorter);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_emails_cb, NULL, NULL));
  gtk_column_view_column_set_sorter (self->email_column, sorter);
  g_object_unref (sorter);
  sorter = GTK_SORTER (gtk_numeric_sorter_new (gtk_cclosure_expression_new (G_TYPE_INT, NULL, 0, NULL,
                                                                            G_CALLBACK (status_rank),
                                                                            self, NULL)));
  gtk_column_view_column_set_sorter (self->status_column, sorter);
  g_object_unref (sorter);
  sorter = GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (SEATS_TYPE_USER, NULL, "start-date")));
  gtk_column_view_column_set_sorter (self->start_column, sorter);
  g_object_unref (sorter);
  sorter = GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (SEATS_TYPE_USER, NULL, "end-date")));
  gtk_column_view_column_set_sorter (self->end_column, sorter);
  g_object_unref (sorter);

  self->sort_model = gtk_sort_list_model_new (NULL, g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  gtk_sort_list_model_set_incremental (self->sort_model, TRUE);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  gtk_filter_list_model_set_incremental (self->filter_model, TRUE);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);

  g_signal_connect_object (self->filter_model, "items-changed", G_CALLBACK (filtered_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "notify::pending", G_CALLBACK (filtered_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* Typing anywhere on the page searches. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  /* A row's menu: right click, long press, or the Menu key. */
  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (secondary_click_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (gesture));
  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (long_press_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (gesture));

  shortcuts = gtk_shortcut_controller_new ();
  menu_action = gtk_callback_action_new (menu_key_cb, NULL, NULL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK)),
                                                          menu_action));
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), shortcuts);

  set_engine (self, NULL);
}

/**
 * seats_users_page_export_to_file:
 * @self: a #SeatsUsersPage
 * @file: where to write the report
 *
 * Writes the active users report (R20) to @file in one replace, so that a
 * failure leaves no half-written file, and says in a toast how many users
 * it holds.
 */
void
seats_users_page_export_to_file (SeatsUsersPage *self,
                                 GFile          *file)
{
  g_autofree char *csv = NULL;
  ExportData *data;
  gsize length;

  g_return_if_fail (SEATS_IS_USERS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->engine != NULL);

  refresh_today (self);

  data = g_new0 (ExportData, 1);
  data->self = g_object_ref (self);
  csv = seats_report_users_csv (seats_sync_engine_get_users (self->engine),
                                seats_sync_engine_get_products (self->engine), &self->today,
                                SEATS_REPORT_USERS_COUNTED, SEATS_REPORT_FLAGS_NONE, &data->n_rows);
  length = strlen (csv);
  data->bytes = g_bytes_new_take (g_steal_pointer (&csv), length);

  g_file_replace_contents_bytes_async (file, data->bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, export_written_cb, data);
}

/**
 * seats_users_page_export_counted:
 * @self: a #SeatsUsersPage
 *
 * Asks where to save the active users report (R20), then writes it. Any
 * role may export it.
 */
void
seats_users_page_export_counted (SeatsUsersPage *self)
{
  SeatsAccount *account;
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;
  GtkWidget *window;

  g_return_if_fail (SEATS_IS_USERS_PAGE (self));

  if (self->engine == NULL || (account = seats_sync_engine_get_account (self->engine)) == NULL ||
      self->export_dialog != NULL)
    return;

  refresh_today (self);
  date = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&self->today),
                          g_date_get_month (&self->today), g_date_get_day (&self->today));
  /* Translators: the suggested file name of the active users report; the
   * first %s is the organization, the second the date. Keep it free of
   * spaces and of / */
  name = g_strdup_printf (C_("file name", "active-users-%s-%s.csv"), seats_account_get_slug (account), date);

  window = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_WINDOW);
  native = gtk_file_chooser_native_new (_("Export Counted Users"), window ? GTK_WINDOW (window) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  self->export_dialog = GTK_NATIVE_DIALOG (native);
  g_signal_connect_object (native, "response", G_CALLBACK (export_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->export_dialog);
}
