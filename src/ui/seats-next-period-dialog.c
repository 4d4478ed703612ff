/* seats-next-period-dialog.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-next-period-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "seats-format.h"
#include "seats-licenses-util.h"
#include "seats-next-period-dialog.h"
#include "seats-rules.h"

/* The count for the next billing period (R3, R5): the rule's answer is
 * shown under the field as the number changes, before anything is sent. */

struct _SeatsNextPeriodDialog
{
  AdwWindow            parent_instance;

  SeatsSyncEngine     *engine;
  char                *product_id;
  GCancellable        *cancellable;
  gboolean             busy;
  gboolean             allowed;

  /* Template widgets */
  GtkWidget           *save_button;
  AdwPreferencesGroup *group;
  GtkSpinButton       *count_spin;
  GtkImage            *answer_icon;
  GtkLabel            *answer_label;
};

G_DEFINE_FINAL_TYPE (SeatsNextPeriodDialog, seats_next_period_dialog, ADW_TYPE_WINDOW)

static void
show_answer (SeatsNextPeriodDialog *self,
             const char            *icon,
             const char            *css_class,
             const char            *text)
{
  gtk_image_set_from_icon_name (self->answer_icon, icon);
  gtk_label_set_label (self->answer_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->answer_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->answer_label), "warning");
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->answer_label), css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->count_spin),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
seats_next_period_dialog_update_actions (SeatsNextPeriodDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean can_change = seats_sync_engine_can_change (self->engine, SEATS_CHANGE_NEXT_PERIOD, &error);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "next-period.save",
                                 can_change && self->allowed && !self->busy);
  seats_widget_set_tooltip (self->save_button, can_change ? NULL : error->message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->count_spin), !self->busy);
}

/* The rules' answer for @count, without sending anything. */
static gboolean
check_count (SeatsNextPeriodDialog  *self,
             guint                   count,
             SeatsChangeOutcome     *outcome,
             GError                **error)
{
  g_autoptr(SeatsChange) change = seats_change_new_next_period (self->product_id, count);
  g_autoptr(SeatsChange) checked = NULL;

  checked = seats_sync_engine_check (self->engine, change, outcome, error);
  if (checked == NULL)
    memset (outcome, 0, sizeof *outcome);

  return checked != NULL;
}

static void
seats_next_period_dialog_update (SeatsNextPeriodDialog *self)
{
  SeatsProduct *product = seats_sync_engine_find_product (self->engine, self->product_id);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint count = gtk_spin_button_get_value_as_int (self->count_spin);
  SeatsChangeOutcome outcome;

  if (product == NULL)
    {
      self->allowed = FALSE;
      show_answer (self, "dialog-error-symbolic", "error",
                   _("This product is no longer part of the subscription."));
      seats_next_period_dialog_update_actions (self);
      return;
    }

  adw_preferences_group_set_title (self->group, seats_product_get_name (product));

  self->allowed = check_count (self, count, &outcome, &error);
  if (!self->allowed)
    show_answer (self, "dialog-error-symbolic", "error", error->message);
  else if (outcome.over > 0 && outcome.deadline != SEATS_JULIAN_NONE)
    {
      guint over = outcome.over;
      g_autofree char *date = NULL;
      GDate deadline, day;

      /* R5 grace: the day after the last day of grace. */
      seats_julian_to_date (outcome.deadline, &deadline);
      seats_rules_deactivation_day (&deadline, &day);
      date = seats_format_date (seats_julian_from_date (&day));

      text = g_strdup_printf (ngettext ("%u user over the count will be deactivated on %s, unless "
                                        "licenses are bought or users deactivated first.",
                                        "%u users over the count will be deactivated on %s, unless "
                                        "licenses are bought or users deactivated first.",
                                        over),
                              over, date);
      show_answer (self, "dialog-warning-symbolic", "warning", text);
    }
  else if (outcome.over > 0)
    {
      /* The period is not known yet: the warning, without its day. */
      text = g_strdup_printf (ngettext ("%u user over the count will be deactivated when the grace "
                                        "days after the next period begins have passed, unless "
                                        "licenses are bought or users deactivated first.",
                                        "%u users over the count will be deactivated when the grace "
                                        "days after the next period begins have passed, unless "
                                        "licenses are bought or users deactivated first.",
                                        outcome.over),
                              outcome.over);
      show_answer (self, "dialog-warning-symbolic", "warning", text);
    }
  else
    {
      g_autofree char *formatted = seats_format_count (count);

      text = g_strdup_printf (ngettext ("The next period will have %s license.",
                                        "The next period will have %s licenses.", count),
                              formatted);
      show_answer (self, "emblem-ok-symbolic", NULL, text);
    }

  seats_next_period_dialog_update_actions (self);
}

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SeatsNextPeriodDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *formatted = NULL;
  guint count;

  if (!seats_sync_engine_submit_finish (SEATS_SYNC_ENGINE (object), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      self->busy = FALSE;
      seats_next_period_dialog_update (self);
      show_answer (self, "dialog-error-symbolic", "error", error->message);
      return;
    }

  count = gtk_spin_button_get_value_as_int (self->count_spin);
  formatted = seats_format_count (count);
  message = g_strdup_printf (ngettext ("The next period will have %s license",
                                       "The next period will have %s licenses", count),
                             formatted);
  seats_licenses_add_toast (GTK_WIDGET (self), adw_toast_new (message));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
seats_next_period_dialog_save_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  SeatsNextPeriodDialog *self = SEATS_NEXT_PERIOD_DIALOG (widget);
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(GError) error = NULL;
  guint count = gtk_spin_button_get_value_as_int (self->count_spin);

  if (self->busy || !self->allowed)
    return;

  change = seats_change_new_next_period (self->product_id, count);
  checked = seats_sync_engine_check (self->engine, change, NULL, &error);
  if (checked == NULL)
    {
      show_answer (self, "dialog-error-symbolic", "error", error->message);
      return;
    }

  self->busy = TRUE;
  seats_next_period_dialog_update_actions (self);
  seats_sync_engine_submit_async (self->engine, checked, self->cancellable,
                                  submitted_cb, g_object_ref (self));
}

static void
changed_cb (SeatsNextPeriodDialog *self)
{
  if (!self->busy)
    seats_next_period_dialog_update (self);
  else
    seats_next_period_dialog_update_actions (self);
}

static void
seats_next_period_dialog_dispose (GObject *object)
{
  SeatsNextPeriodDialog *self = SEATS_NEXT_PERIOD_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEATS_TYPE_NEXT_PERIOD_DIALOG);

  G_OBJECT_CLASS (seats_next_period_dialog_parent_class)->dispose (object);
}

static void
seats_next_period_dialog_finalize (GObject *object)
{
  SeatsNextPeriodDialog *self = SEATS_NEXT_PERIOD_DIALOG (object);

  g_clear_object (&self->engine);
  g_clear_object (&self->cancellable);
  g_free (self->product_id);

  G_OBJECT_CLASS (seats_next_period_dialog_parent_class)->finalize (object);
}

static void
seats_next_period_dialog_class_init (SeatsNextPeriodDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seats_next_period_dialog_dispose;
  object_class->finalize = seats_next_period_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/seats-next-period-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SeatsNextPeriodDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsNextPeriodDialog, group);
  gtk_widget_class_bind_template_child (widget_class, SeatsNextPeriodDialog, count_spin);
  gtk_widget_class_bind_template_child (widget_class, SeatsNextPeriodDialog, answer_icon);
  gtk_widget_class_bind_template_child (widget_class, SeatsNextPeriodDialog, answer_label);

  gtk_widget_class_install_action (widget_class, "next-period.save", NULL,
                                   seats_next_period_dialog_save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
seats_next_period_dialog_init (SeatsNextPeriodDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Enter confirms: the spin button's text activates the default button. */
  gtk_text_set_activates_default (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (self->count_spin))), TRUE);

  self->cancellable = g_cancellable_new ();
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
}

/**
 * seats_next_period_dialog_new:
 * @parent: (nullable): the window to stay on top of
 * @engine: the account's engine
 * @product_id: the user licenses or a module
 *
 * Returns: (transfer none): a dialog to change the count of @product_id
 *   for the next billing period
 */
SeatsNextPeriodDialog *
seats_next_period_dialog_new (GtkWindow       *parent,
                              SeatsSyncEngine *engine,
                              const char      *product_id)
{
  SeatsNextPeriodDialog *self;
  SeatsProduct *product;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (engine), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  self = g_object_new (SEATS_TYPE_NEXT_PERIOD_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->engine = g_object_ref (engine);
  self->product_id = g_strdup (product_id);

  product = seats_sync_engine_find_product (engine, product_id);
  if (product != NULL)
    gtk_spin_button_set_value (self->count_spin, seats_product_get_next_period (product));

  g_signal_connect_swapped (self->count_spin, "value-changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_object (engine, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (engine, "notify::status", G_CALLBACK (changed_cb), self,
                           G_CONNECT_SWAPPED);

  seats_next_period_dialog_update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->count_spin));

  return self;
}
