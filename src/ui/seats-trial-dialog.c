/* seats-trial-dialog.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-trial-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-licenses-util.h"
#include "seats-trial-dialog.h"

/* A trial becomes a paid subscription with the vendor's serial number
 * and license owner (R18). */

struct _SeatsTrialDialog
{
  AdwWindow        parent_instance;

  SeatsSyncEngine *engine;
  GCancellable    *cancellable;
  gboolean         busy;

  /* Template widgets */
  GtkWidget       *confirm_button;
  AdwEntryRow     *serial_row;
  AdwEntryRow     *owner_row;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (SeatsTrialDialog, seats_trial_dialog, ADW_TYPE_WINDOW)

static void
show_error (SeatsTrialDialog *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->serial_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->serial_row), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->serial_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
}

static void
seats_trial_dialog_update_actions (SeatsTrialDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean can_change = seats_sync_engine_can_change (self->engine, SEATS_CHANGE_CONVERT_TRIAL, &error);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trial.confirm", can_change && !self->busy);
  seats_widget_set_tooltip (self->confirm_button, can_change ? NULL : error->message);
}

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SeatsTrialDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;

  if (!seats_sync_engine_submit_finish (SEATS_SYNC_ENGINE (object), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      show_error (self, error->message);
      seats_trial_dialog_update_actions (self);
      return;
    }

  seats_licenses_add_toast (GTK_WIDGET (self),
                            adw_toast_new (_("The subscription is registered")));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
seats_trial_dialog_confirm_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  SeatsTrialDialog *self = SEATS_TRIAL_DIALOG (widget);
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *serial = NULL;

  if (self->busy)
    return;

  /* People type serial numbers in small letters and with spaces around. */
  serial = g_ascii_strup (gtk_editable_get_text (GTK_EDITABLE (self->serial_row)), -1);
  g_strstrip (serial);

  change = seats_change_new_convert_trial (serial, gtk_editable_get_text (GTK_EDITABLE (self->owner_row)));
  checked = seats_sync_engine_check (self->engine, change, NULL, &error);
  if (checked == NULL)
    {
      show_error (self, error->message);
      return;
    }

  self->busy = TRUE;
  show_error (self, NULL);
  seats_trial_dialog_update_actions (self);
  seats_sync_engine_submit_async (self->engine, checked, self->cancellable,
                                  submitted_cb, g_object_ref (self));
}

static void
seats_trial_dialog_dispose (GObject *object)
{
  SeatsTrialDialog *self = SEATS_TRIAL_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEATS_TYPE_TRIAL_DIALOG);

  G_OBJECT_CLASS (seats_trial_dialog_parent_class)->dispose (object);
}

static void
seats_trial_dialog_finalize (GObject *object)
{
  SeatsTrialDialog *self = SEATS_TRIAL_DIALOG (object);

  g_clear_object (&self->engine);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (seats_trial_dialog_parent_class)->finalize (object);
}

static void
seats_trial_dialog_class_init (SeatsTrialDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seats_trial_dialog_dispose;
  object_class->finalize = seats_trial_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/seats-trial-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SeatsTrialDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsTrialDialog, serial_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsTrialDialog, owner_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsTrialDialog, error_label);

  gtk_widget_class_install_action (widget_class, "trial.confirm", NULL,
                                   seats_trial_dialog_confirm_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
seats_trial_dialog_init (SeatsTrialDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_window_set_default_widget (GTK_WINDOW (self), self->confirm_button);
}

/**
 * seats_trial_dialog_new:
 * @parent: (nullable): the window to stay on top of
 * @engine: the account's engine
 *
 * Returns: (transfer none): a dialog that takes a serial number and
 *   license owner
 */
SeatsTrialDialog *
seats_trial_dialog_new (GtkWindow       *parent,
                        SeatsSyncEngine *engine)
{
  SeatsTrialDialog *self;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (engine), NULL);

  self = g_object_new (SEATS_TYPE_TRIAL_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->engine = g_object_ref (engine);
  g_signal_connect_object (engine, "notify::status", G_CALLBACK (seats_trial_dialog_update_actions),
                           self, G_CONNECT_SWAPPED);
  seats_trial_dialog_update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->serial_row));

  return self;
}
