/* seats-user-dialog.c: one user of a subscription kept by hand
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-user-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-format.h"
#include "seats-licenses-util.h"
#include "seats-user-dialog.h"

struct _SeatsUserDialog
{
  AdwWindow         parent_instance;

  SeatsSyncEngine  *engine;
  /* The user as it was, or %NULL for a new one. */
  SeatsUser        *user;
  GCancellable     *cancellable;

  GtkButton        *save_button;
  GtkLabel         *error_label;
  AdwEntryRow      *name_row;
  AdwEntryRow      *email_row;
  GtkSwitch        *active_switch;
  AdwEntryRow      *start_row;
  AdwEntryRow      *end_row;
};

G_DEFINE_FINAL_TYPE (SeatsUserDialog, seats_user_dialog, ADW_TYPE_WINDOW)

/* The rows a refusal can be about. */
typedef enum
{
  FIELD_NONE,
  FIELD_NAME,
  FIELD_EMAIL,
  FIELD_START,
  FIELD_END,
} Field;

static GtkWidget *
field_widget (SeatsUserDialog *self,
              Field            field)
{
  switch (field)
    {
    case FIELD_NAME:
      return GTK_WIDGET (self->name_row);
    case FIELD_EMAIL:
      return GTK_WIDGET (self->email_row);
    case FIELD_START:
      return GTK_WIDGET (self->start_row);
    case FIELD_END:
      return GTK_WIDGET (self->end_row);
    case FIELD_NONE:
    default:
      return NULL;
    }
}

static void
clear_error (SeatsUserDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  for (Field field = FIELD_NAME; field <= FIELD_END; field++)
    gtk_widget_remove_css_class (field_widget (self, field), "error");
}

static void
show_error (SeatsUserDialog *self,
            Field            field,
            const char      *message)
{
  GtkWidget *widget = field_widget (self, field);

  clear_error (self);
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);

  /* The message is read out with the field it is about. */
  if (widget != NULL)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL,
                                      -1);
      gtk_widget_grab_focus (widget);
    }
}

static void
changed_cb (SeatsUserDialog *self)
{
  /* Put right, the message goes. */
  clear_error (self);
}

static char *
text_of (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_day (AdwEntryRow *row,
         guint32      julian)
{
  g_autofree char *text = NULL;
  GDate date;

  if (julian != SEATS_JULIAN_NONE && seats_julian_to_date (julian, &date))
    text = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                            g_date_get_day (&date));
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* An empty row is no date. */
static gboolean
read_day (SeatsUserDialog *self,
          Field            field,
          guint32         *julian)
{
  g_autofree char *text = text_of (ADW_ENTRY_ROW (field_widget (self, field)));
  g_autofree char *message = NULL;

  *julian = SEATS_JULIAN_NONE;
  if (*text == '\0' || seats_parse_day (text, julian))
    return TRUE;

  /* Translators: %s is what was written as a date */
  message = g_strdup_printf (_("“%s” is not a date."), text);
  show_error (self, field, message);

  return FALSE;
}

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SeatsUserDialog) self = user_data;
  g_autoptr(SeatsChange) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_clear_object (&self->cancellable);
  if (!seats_sync_engine_submit_finish (SEATS_SYNC_ENGINE (object), result, &undo, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
          show_error (self, FIELD_NONE, error->message);
        }
      return;
    }

  name = text_of (self->name_row);
  if (*name == '\0')
    {
      g_free (name);
      name = text_of (self->email_row);
    }
  /* Translators: %s is a user's name, else e-mail address */
  title = g_strdup_printf (self->user == NULL ? _("%s added") : _("%s changed"), name);
  toast = seats_undo_toast_new (title, self->engine, g_steal_pointer (&undo));
  seats_licenses_add_toast (GTK_WIDGET (self), toast);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SeatsUserDialog *self = SEATS_USER_DIALOG (widget);
  g_autoptr(SeatsUser) user = NULL;
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = text_of (self->name_row);
  g_autofree char *email = text_of (self->email_row);
  SeatsUserField refused = SEATS_USER_FIELD_NONE;
  guint32 start, end;

  if (self->cancellable != NULL)
    return;

  if (!read_day (self, FIELD_START, &start) || !read_day (self, FIELD_END, &end))
    return;

  if (self->user != NULL)
    user = seats_object_dup (self->user);
  else
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *id = g_strconcat ("here-", uuid, NULL);

      user = seats_user_new ();
      seats_user_set_id (user, id);
    }

  seats_user_set_display_name (user, name);
  seats_user_set_email (user, email);
  seats_user_set_active (user, gtk_switch_get_active (self->active_switch));
  seats_user_set_start_date_julian (user, start);
  seats_user_set_end_date_julian (user, end);

  /* The domain's rules, beside the field they are about. */
  if (!seats_user_check (user, &refused, &error))
    {
      show_error (self,
                  refused == SEATS_USER_FIELD_EMAIL ? FIELD_EMAIL
                  : refused == SEATS_USER_FIELD_END ? FIELD_END : FIELD_NAME,
                  error->message);
      return;
    }

  g_ptr_array_add (users, g_object_ref (user));
  change = seats_change_new_users_put (users, NULL, NULL);
  if (!seats_sync_engine_can_change (self->engine, SEATS_CHANGE_USERS_PUT, &error) ||
      !(checked = seats_sync_engine_check (self->engine, change, NULL, &error)))
    {
      show_error (self, FIELD_NONE, error->message);
      return;
    }

  clear_error (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  self->cancellable = g_cancellable_new ();
  seats_sync_engine_submit_async (self->engine, checked, self->cancellable, submitted_cb,
                                  g_object_ref (self));
}

static void
seats_user_dialog_dispose (GObject *object)
{
  SeatsUserDialog *self = SEATS_USER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), SEATS_TYPE_USER_DIALOG);

  G_OBJECT_CLASS (seats_user_dialog_parent_class)->dispose (object);
}

static void
seats_user_dialog_finalize (GObject *object)
{
  SeatsUserDialog *self = SEATS_USER_DIALOG (object);

  g_clear_object (&self->engine);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (seats_user_dialog_parent_class)->finalize (object);
}

static void
seats_user_dialog_class_init (SeatsUserDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seats_user_dialog_dispose;
  object_class->finalize = seats_user_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/seats-user-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SeatsUserDialog, name)
  BIND (save_button);
  BIND (error_label);
  BIND (name_row);
  BIND (email_row);
  BIND (active_switch);
  BIND (start_row);
  BIND (end_row);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);

  gtk_widget_class_install_action (widget_class, "user.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
seats_user_dialog_init (SeatsUserDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * seats_user_dialog_new:
 * @parent: the window that asks
 * @engine: the account, a subscription kept by hand
 * @user: (nullable): the user to change, or %NULL to add one
 *
 * Returns: (transfer none): a dialog for one user kept on this computer
 */
SeatsUserDialog *
seats_user_dialog_new (GtkWindow       *parent,
                       SeatsSyncEngine *engine,
                       SeatsUser       *user)
{
  SeatsUserDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (engine), NULL);
  g_return_val_if_fail (user == NULL || SEATS_IS_USER (user), NULL);

  self = g_object_new (SEATS_TYPE_USER_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->engine = g_object_ref (engine);

  if (user != NULL)
    {
      self->user = g_object_ref (user);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit User"));
      gtk_button_set_label (self->save_button, _("_Save"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                             seats_user_get_display_name (user) ? seats_user_get_display_name (user) : "");
      gtk_editable_set_text (GTK_EDITABLE (self->email_row),
                             seats_user_get_email (user) ? seats_user_get_email (user) : "");
      gtk_switch_set_active (self->active_switch, seats_user_get_active (user));
      set_day (self->start_row, seats_user_get_start_date_julian (user));
      set_day (self->end_row, seats_user_get_end_date_julian (user));
      clear_error (self);
    }

  return self;
}
