/* seats-activate-license-dialog.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-activate-license-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-activate-license-dialog.h"
#include "seats-format.h"
#include "seats-holders-dialog.h"
#include "seats-licenses-util.h"
#include "seats-rules.h"

/* A new license from the vendor (R8), from the server or from a file
 * (R9): only the products it changes, with those it has too few of in
 * red, a way to remove the surplus, and a caution. Nothing is activated
 * while a product is short. */

struct _SeatsActivateLicenseDialog
{
  AdwWindow           parent_instance;

  SeatsSyncEngine    *engine;
  GCancellable       *cancellable;
  GtkFilterListModel *changes;
  gboolean            busy;
  gboolean            short_of_licenses;

  /* Importing a file: its text and what it holds, else the pending license. */
  char               *license_file;
  GListStore         *file_changes;
  GPtrArray          *file_lines;

  /* Template widgets */
  AdwWindowTitle     *window_title;
  GtkWidget          *confirm_button;
  GtkLabel           *caution_label;
  AdwPreferencesGroup *changes_group;
  GtkListBox         *changes_list;
  GtkLabel           *error_label;
};

G_DEFINE_FINAL_TYPE (SeatsActivateLicenseDialog, seats_activate_license_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  char  *product_id;
  char  *name;
  guint  count;
} FileLine;

static void
file_line_free (FileLine *line)
{
  g_free (line->product_id);
  g_free (line->name);
  g_free (line);
}

static void
show_error (SeatsActivateLicenseDialog *self,
            const char                 *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
filter_changed_cb (gpointer item,
                   gpointer user_data)
{
  SeatsLicenseChange *change = SEATS_LICENSE_CHANGE (item);
  SeatsRuleLicenseLine line = {
    seats_license_change_get_product_name (change),
    seats_license_change_get_current_count (change),
    seats_license_change_get_new_count (change),
    seats_license_change_get_in_use (change),
  };

  return seats_rules_license_changed (&line);
}

/* The file's lines against the products as they are now. */
static void
rebuild_file_changes (SeatsActivateLicenseDialog *self)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->file_lines->len; i++)
    {
      FileLine *line = g_ptr_array_index (self->file_lines, i);
      SeatsProduct *product = seats_sync_engine_find_product (self->engine, line->product_id);
      SeatsLicenseChange *change = seats_license_change_new ();

      seats_license_change_set_product_id (change, line->product_id);
      seats_license_change_set_product_name (change,
                                             product != NULL ? seats_product_get_name (product) : line->name);
      seats_license_change_set_current_count (change, product ? seats_product_get_purchased (product) : 0);
      seats_license_change_set_new_count (change, line->count);
      seats_license_change_set_in_use (change, product ? seats_product_get_in_use (product) : 0);
      g_ptr_array_add (changes, change);
    }

  g_list_store_splice (self->file_changes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->file_changes)),
                       changes->pdata, changes->len);
}

static void
seats_activate_license_dialog_update_actions (SeatsActivateLicenseDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean can_change = seats_sync_engine_can_change (self->engine, SEATS_CHANGE_ACTIVATE_LICENSE, &error);
  const char *tooltip = NULL;

  if (!can_change)
    tooltip = error->message;
  else if (self->short_of_licenses)
    tooltip = _("Remove the surplus licenses first");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "license.confirm",
                                 can_change && !self->short_of_licenses && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "license.remove-surplus", can_change);
  seats_widget_set_tooltip (self->confirm_button, tooltip);
}

static void
seats_activate_license_dialog_update (SeatsActivateLicenseDialog *self)
{
  GListModel *model = G_LIST_MODEL (self->changes);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GArray) lines = g_array_sized_new (FALSE, TRUE, sizeof (SeatsRuleLicenseLine), n);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      SeatsLicenseChange *change = g_list_model_get_item (model, i);
      SeatsRuleLicenseLine line = {
        seats_license_change_get_product_name (change),
        seats_license_change_get_current_count (change),
        seats_license_change_get_new_count (change),
        seats_license_change_get_in_use (change),
      };

      g_ptr_array_add (items, change);
      g_array_append_val (lines, line);
    }

  self->short_of_licenses =
    !seats_rules_check_pending_license ((SeatsRuleLicenseLine *) (gpointer) lines->data, lines->len,
                                        &error);
  if (!self->busy)
    show_error (self, self->short_of_licenses ? error->message : NULL);

  if (n == 0)
    adw_preferences_group_set_description (self->changes_group,
                                           _("The license changes no counts."));
  else
    adw_preferences_group_set_description (self->changes_group, NULL);

  seats_activate_license_dialog_update_actions (self);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  SeatsLicenseChange *change = SEATS_LICENSE_CHANGE (item);
  guint current = seats_license_change_get_current_count (change);
  guint new_count = seats_license_change_get_new_count (change);
  guint in_use = seats_license_change_get_in_use (change);
  g_autofree char *current_text = seats_format_count (current);
  g_autofree char *new_text = seats_format_count (new_count);
  g_autofree char *in_use_text = seats_format_count (in_use);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  /* Translators: a count now, the count of the new license, and how many are in use */
  subtitle = g_strdup_printf (_("%s → %s licenses · %s in use"), current_text, new_text, in_use_text);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), seats_license_change_get_product_name (change));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (new_count < in_use)
    {
      guint surplus = in_use - new_count;
      g_autofree char *surplus_count = seats_format_count (surplus);
      g_autofree char *surplus_text = NULL;
      g_autofree char *description = NULL;
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      GtkWidget *label;
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      surplus_text = g_strdup_printf (ngettext ("%s too many in use", "%s too many in use", surplus),
                                      surplus_count);
      label = gtk_label_new (surplus_text);

      gtk_widget_add_css_class (row, "error");
      gtk_widget_add_css_class (row, "licenses-short");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "license.remove-surplus");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s",
                                        seats_license_change_get_product_id (change));

      /* Translators: how to fix a product the new license has too few of */
      description = g_strdup_printf (_("%s. Open to remove the surplus licenses."), surplus_text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }

  return row;
}

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SeatsActivateLicenseDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!seats_sync_engine_submit_finish (SEATS_SYNC_ENGINE (object), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      self->busy = FALSE;
      show_error (self, error->message);
      seats_activate_license_dialog_update_actions (self);
      return;
    }

  seats_licenses_add_toast (GTK_WIDGET (self),
                            adw_toast_new (self->license_file != NULL ? _("License imported")
                                                                      : _("New license activated")));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
seats_activate_license_dialog_confirm_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *param)
{
  SeatsActivateLicenseDialog *self = SEATS_ACTIVATE_LICENSE_DIALOG (widget);
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(GError) error = NULL;

  if (self->busy)
    return;

  if (self->license_file != NULL)
    change = seats_change_new_import_license (self->license_file);
  else
    change = seats_change_new_activate_license ();

  checked = seats_sync_engine_check (self->engine, change, NULL, &error);
  if (checked == NULL)
    {
      show_error (self, error->message);
      return;
    }

  self->busy = TRUE;
  show_error (self, NULL);
  seats_activate_license_dialog_update_actions (self);
  seats_sync_engine_submit_async (self->engine, checked, self->cancellable,
                                  submitted_cb, g_object_ref (self));
}

static void
seats_activate_license_dialog_remove_surplus_action (GtkWidget  *widget,
                                                     const char *action_name,
                                                     GVariant   *param)
{
  SeatsActivateLicenseDialog *self = SEATS_ACTIVATE_LICENSE_DIALOG (widget);
  const char *product_id = g_variant_get_string (param, NULL);
  GListModel *model = G_LIST_MODEL (self->changes);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeatsLicenseChange) change = g_list_model_get_item (model, i);

      if (g_strcmp0 (seats_license_change_get_product_id (change), product_id) != 0)
        continue;

      gtk_window_present (GTK_WINDOW (seats_holders_dialog_new_surplus (GTK_WINDOW (self), self->engine,
                                                                        product_id,
                                                                        seats_license_change_get_new_count (change))));
      return;
    }
}

static void
engine_changed_cb (SeatsActivateLicenseDialog *self)
{
  if (self->license_file != NULL)
    rebuild_file_changes (self);
  else
    {
      SeatsPendingLicense *pending = seats_sync_engine_get_pending_license (self->engine);

      /* Activated elsewhere, or withdrawn by the vendor. */
      if (pending == NULL)
        {
          if (!self->busy)
            gtk_window_destroy (GTK_WINDOW (self));
          return;
        }

      gtk_filter_list_model_set_model (self->changes, seats_pending_license_get_changes (pending));
    }

  seats_activate_license_dialog_update (self);
}

static void
seats_activate_license_dialog_dispose (GObject *object)
{
  SeatsActivateLicenseDialog *self = SEATS_ACTIVATE_LICENSE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEATS_TYPE_ACTIVATE_LICENSE_DIALOG);

  G_OBJECT_CLASS (seats_activate_license_dialog_parent_class)->dispose (object);
}

static void
seats_activate_license_dialog_finalize (GObject *object)
{
  SeatsActivateLicenseDialog *self = SEATS_ACTIVATE_LICENSE_DIALOG (object);

  g_clear_object (&self->engine);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->changes);
  g_clear_object (&self->file_changes);
  g_clear_pointer (&self->file_lines, g_ptr_array_unref);
  g_free (self->license_file);

  G_OBJECT_CLASS (seats_activate_license_dialog_parent_class)->finalize (object);
}

static void
seats_activate_license_dialog_class_init (SeatsActivateLicenseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seats_activate_license_dialog_dispose;
  object_class->finalize = seats_activate_license_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/seats-activate-license-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SeatsActivateLicenseDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SeatsActivateLicenseDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsActivateLicenseDialog, caution_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsActivateLicenseDialog, changes_group);
  gtk_widget_class_bind_template_child (widget_class, SeatsActivateLicenseDialog, changes_list);
  gtk_widget_class_bind_template_child (widget_class, SeatsActivateLicenseDialog, error_label);

  gtk_widget_class_install_action (widget_class, "license.confirm", NULL,
                                   seats_activate_license_dialog_confirm_action);
  gtk_widget_class_install_action (widget_class, "license.remove-surplus", "s",
                                   seats_activate_license_dialog_remove_surplus_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
seats_activate_license_dialog_init (SeatsActivateLicenseDialog *self)
{
  GtkCustomFilter *filter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  filter = gtk_custom_filter_new (filter_changed_cb, NULL, NULL);
  self->changes = gtk_filter_list_model_new (NULL, GTK_FILTER (filter));
  g_signal_connect_swapped (self->changes, "items-changed",
                            G_CALLBACK (seats_activate_license_dialog_update), self);
  gtk_list_box_bind_model (self->changes_list, G_LIST_MODEL (self->changes), create_row_cb, self, NULL);
}

static SeatsActivateLicenseDialog *
create_dialog (GtkWindow       *parent,
               SeatsSyncEngine *engine)
{
  SeatsActivateLicenseDialog *self;

  self = g_object_new (SEATS_TYPE_ACTIVATE_LICENSE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->engine = g_object_ref (engine);
  g_signal_connect_object (engine, "changed", G_CALLBACK (engine_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (engine, "notify::status",
                           G_CALLBACK (seats_activate_license_dialog_update_actions), self,
                           G_CONNECT_SWAPPED);

  return self;
}

/**
 * seats_activate_license_dialog_new:
 * @parent: (nullable): the window to stay on top of
 * @engine: the account's engine, with a pending license
 *
 * Returns: (transfer none): a dialog to activate the pending license
 */
SeatsActivateLicenseDialog *
seats_activate_license_dialog_new (GtkWindow       *parent,
                                   SeatsSyncEngine *engine)
{
  SeatsActivateLicenseDialog *self;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (engine), NULL);

  self = create_dialog (parent, engine);
  engine_changed_cb (self);

  return self;
}

/**
 * seats_activate_license_dialog_new_import:
 * @parent: (nullable): the window to stay on top of
 * @engine: the account's engine
 * @license_file: the text of a license file
 * @license: what seats_sync_engine_check_license_file() found in it
 *
 * Returns: (transfer none): a dialog that shows what the file changes and
 *   imports it
 */
SeatsActivateLicenseDialog *
seats_activate_license_dialog_new_import (GtkWindow          *parent,
                                          SeatsSyncEngine    *engine,
                                          const char         *license_file,
                                          SeatsPendingLicense *license)
{
  SeatsActivateLicenseDialog *self;
  g_autofree char *issued = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (engine), NULL);
  g_return_val_if_fail (license_file != NULL, NULL);
  g_return_val_if_fail (license != NULL, NULL);

  self = create_dialog (parent, engine);
  self->license_file = g_strdup (license_file);
  self->file_changes = g_list_store_new (SEATS_TYPE_LICENSE_CHANGE);
  self->file_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) file_line_free);

  for (guint i = 0; i < g_list_model_get_n_items (seats_pending_license_get_changes (license)); i++)
    {
      g_autoptr(SeatsLicenseChange) change = g_list_model_get_item (seats_pending_license_get_changes (license), i);
      FileLine *line = g_new0 (FileLine, 1);

      line->product_id = g_strdup (seats_license_change_get_product_id (change));
      line->name = g_strdup (seats_license_change_get_product_name (change));
      line->count = seats_license_change_get_new_count (change);
      g_ptr_array_add (self->file_lines, line);
    }

  gtk_window_set_title (GTK_WINDOW (self), _("Import License File"));
  adw_window_title_set_title (self->window_title, _("Import License File"));
  issued = seats_format_date (seats_pending_license_get_issued_julian (license));
  expires = seats_format_date (seats_pending_license_get_expiry_julian (license));
  /* Translators: when a license file was issued and until when it can be imported */
  subtitle = g_strdup_printf (_("Issued %s, valid until %s"), issued, expires);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_button_set_label (GTK_BUTTON (self->confirm_button), _("_Import"));

  gtk_filter_list_model_set_model (self->changes, G_LIST_MODEL (self->file_changes));
  engine_changed_cb (self);
  gtk_window_present (GTK_WINDOW (self));

  return self;
}
