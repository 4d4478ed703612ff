/* seats-connect-dialog.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-connect-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-accounts.h"
#include "seats-api-error.h"
#include "seats-application.h"
#include "seats-connect-dialog.h"
#include "seats-window.h"

struct _SeatsConnectDialog
{
  AdwWindow     parent_instance;

  GSettings    *settings;
  GCancellable *cancellable;

  AdwEntryRow  *server_row;
  AdwEntryRow  *user_row;
  AdwEntryRow  *token_row;
  GtkLabel     *error_label;
  GtkSpinner   *spinner;
};

G_DEFINE_FINAL_TYPE (SeatsConnectDialog, seats_connect_dialog, ADW_TYPE_WINDOW)

static const char *
server_text (SeatsConnectDialog *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->server_row));
}

static const char *
token_text (SeatsConnectDialog *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->token_row));
}

static void
update_actions (SeatsConnectDialog *self)
{
  gboolean busy = self->cancellable != NULL;
  g_autofree char *server = g_strstrip (g_strdup (server_text (self)));
  g_autofree char *token = g_strstrip (g_strdup (token_text (self)));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.connect",
                                 !busy && *server != '\0' && *token != '\0');
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->token_row), !busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
}

static void
show_error (SeatsConnectDialog *self,
            const GError       *error)
{
  GtkWidget *field = GTK_WIDGET (self->server_row);

  gtk_label_set_label (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);

  /* The message goes under what has to change. */
  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->token_row), "error");
  if (g_error_matches (error, SEATS_API_ERROR, SEATS_API_ERROR_UNAUTHORIZED))
    field = GTK_WIDGET (self->token_row);
  gtk_widget_add_css_class (field, "error");
  gtk_widget_grab_focus (field);
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SeatsConnectDialog) self = user_data;
  g_autoptr(SeatsAccountInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;

  info = seats_accounts_connect_finish (result, &error);
  g_clear_object (&self->cancellable);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  update_actions (self);

  if (info == NULL)
    {
      show_error (self, error);
      return;
    }

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (SEATS_IS_WINDOW (parent))
    {
      SeatsApplication *app = SEATS_APPLICATION (gtk_window_get_application (parent));

      seats_application_open_account (app, info);
      seats_window_show_account (SEATS_WINDOW (parent), info->id);
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SeatsConnectDialog *self = SEATS_CONNECT_DIALOG (widget);

  if (self->cancellable != NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  self->cancellable = g_cancellable_new ();
  update_actions (self);

  seats_accounts_connect_async (self->settings, server_text (self),
                                gtk_editable_get_text (GTK_EDITABLE (self->user_row)), token_text (self),
                                self->cancellable, connect_cb, g_object_ref (self));
}

static void
changed_cb (SeatsConnectDialog *self)
{
  /* What was wrong is being put right: the old message would mislead. */
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->token_row), "error");
  update_actions (self);
}

static void
seats_connect_dialog_dispose (GObject *object)
{
  SeatsConnectDialog *self = (SeatsConnectDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), SEATS_TYPE_CONNECT_DIALOG);

  G_OBJECT_CLASS (seats_connect_dialog_parent_class)->dispose (object);
}

static void
seats_connect_dialog_finalize (GObject *object)
{
  SeatsConnectDialog *self = (SeatsConnectDialog *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (seats_connect_dialog_parent_class)->finalize (object);
}

static void
seats_connect_dialog_class_init (SeatsConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seats_connect_dialog_dispose;
  object_class->finalize = seats_connect_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/seats-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SeatsConnectDialog, server_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsConnectDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsConnectDialog, token_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsConnectDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsConnectDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);

  gtk_widget_class_install_action (widget_class, "connect.connect", NULL, connect_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
seats_connect_dialog_init (SeatsConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

/**
 * seats_connect_dialog_new:
 * @parent: the window that asks
 * @settings: where the account list is kept
 *
 * Returns: (transfer none): a dialog that connects an account
 */
SeatsConnectDialog *
seats_connect_dialog_new (GtkWindow *parent,
                          GSettings *settings)
{
  SeatsConnectDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SEATS_TYPE_CONNECT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->settings = g_object_ref (settings);

  return self;
}
