/* seats-buy-dialog.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-buy-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-buy-dialog.h"
#include "seats-format.h"
#include "seats-licenses-util.h"

/* Buying licenses now (R2, R4): the prorated price and what the next
 * period will cost are shown before anything is bought. */

struct _SeatsBuyDialog
{
  AdwWindow            parent_instance;

  SeatsSyncEngine     *engine;
  char                *product_id;
  GCancellable        *cancellable;
  gboolean             busy;
  gboolean             quoted;

  /* Template widgets */
  GtkWidget           *buy_button;
  AdwPreferencesGroup *product_group;
  GtkSpinButton       *quantity_spin;
  AdwActionRow        *price_now_row;
  GtkLabel            *price_now_label;
  AdwActionRow        *proration_row;
  GtkLabel            *purchased_label;
  GtkLabel            *next_label;
  GtkLabel            *restores_label;
  GtkLabel            *error_label;
};

G_DEFINE_FINAL_TYPE (SeatsBuyDialog, seats_buy_dialog, ADW_TYPE_WINDOW)

static void
show_error (SeatsBuyDialog *self,
            const char     *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
seats_buy_dialog_update_actions (SeatsBuyDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean can_change = seats_sync_engine_can_change (self->engine, SEATS_CHANGE_BUY, &error);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "buy.confirm",
                                 can_change && self->quoted && !self->busy);
  seats_widget_set_tooltip (self->buy_button, can_change ? NULL : error->message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->quantity_spin), !self->busy);
}

static void
seats_buy_dialog_update (SeatsBuyDialog *self)
{
  SeatsProduct *product = seats_sync_engine_find_product (self->engine, self->product_id);
  SeatsSubscription *subscription = seats_sync_engine_get_subscription (self->engine);
  g_autoptr(GError) error = NULL;
  guint quantity = gtk_spin_button_get_value_as_int (self->quantity_spin);
  g_autoptr(SeatsChange) buy = NULL;
  g_autoptr(SeatsChange) checked = NULL;
  SeatsChangeOutcome outcome;
  const SeatsPurchaseQuote *quote = &outcome.quote;

  if (product == NULL)
    {
      self->quoted = FALSE;
      show_error (self, _("This product is no longer part of the subscription."));
      seats_buy_dialog_update_actions (self);
      return;
    }

  adw_preferences_group_set_title (self->product_group, seats_product_get_name (product));

  buy = seats_change_new_buy (self->product_id, quantity);
  checked = seats_sync_engine_check (self->engine, buy, &outcome, &error);
  self->quoted = checked != NULL;
  if (self->quoted)
    {
      const char *currency = seats_product_get_currency (product);
      g_autofree char *price = seats_format_money (quote->amount, currency);
      g_autofree char *sum = seats_format_proration (quote, currency);
      g_autofree char *before = seats_format_count (quote->purchased_before);
      g_autofree char *after = seats_format_count (quote->purchased_after);
      g_autofree char *counts = NULL;
      g_autofree char *next_count = seats_format_count (quote->next_after);
      g_autofree char *next_price = NULL;
      g_autofree char *next_text = NULL;
      g_autofree char *until = NULL;
      g_autofree char *restores = NULL;

      /* Translators: a count before and after a purchase, such as "22 → 27" */
      counts = g_strdup_printf (_("%s → %s"), before, after);
      next_price = seats_format_money ((gint64) quote->next_after * seats_product_get_price (product),
                                       currency);
      /* Translators: the licenses of the next period and what they cost */
      next_text = g_strdup_printf (ngettext ("%s license, %s per month",
                                             "%s licenses, %s per month", quote->next_after),
                                   next_count, next_price);

      if (subscription != NULL && seats_subscription_get_period_end_julian (subscription) > 0)
        {
          g_autofree char *last = seats_format_date (seats_subscription_get_period_end_julian (subscription) - 1);

          /* Translators: %s is the last day of the billing period */
          until = g_strdup_printf (_("For the rest of this billing period, until %s"), last);
        }

      /* R4: a lowered next period goes back up to the new total. */
      restores = seats_format_restored_next (quote);

      gtk_label_set_label (self->price_now_label, price);
      adw_action_row_set_subtitle (self->price_now_row, until);
      adw_action_row_set_subtitle (self->proration_row, sum);
      gtk_label_set_label (self->purchased_label, counts);
      gtk_label_set_label (self->next_label, next_text);
      gtk_label_set_label (self->restores_label, restores);
      gtk_widget_set_visible (GTK_WIDGET (self->restores_label), restores != NULL);
      show_error (self, NULL);
    }
  else
    {
      gtk_label_set_label (self->price_now_label, "");
      adw_action_row_set_subtitle (self->proration_row, NULL);
      gtk_label_set_label (self->purchased_label, "");
      gtk_label_set_label (self->next_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->restores_label), FALSE);
      show_error (self, error->message);
    }

  seats_buy_dialog_update_actions (self);
}

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SeatsBuyDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  SeatsAccount *account;
  guint quantity;

  if (!seats_sync_engine_submit_finish (SEATS_SYNC_ENGINE (object), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      self->busy = FALSE;
      seats_buy_dialog_update (self);
      show_error (self, error->message);
      return;
    }

  quantity = gtk_spin_button_get_value_as_int (self->quantity_spin);
  account = seats_sync_engine_get_account (self->engine);
  if (account != NULL && seats_snapshot_terms_kept_here (seats_sync_engine_get_snapshot (self->engine)))
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
      const char *portal = seats_account_get_shop_url (account);

      /* Recorded here at the quoted price; the vendor sells them in its
       * portal, which is opened to buy them there. */
      if (portal != NULL)
        message = g_strdup_printf (ngettext ("Recorded %u license bought. Buy it in the vendor’s portal too.",
                                             "Recorded %u licenses bought. Buy them in the vendor’s portal too.",
                                             quantity),
                                   quantity);
      else
        message = g_strdup_printf (ngettext ("Recorded %u license bought. Buy it from the vendor too.",
                                             "Recorded %u licenses bought. Buy them from the vendor too.",
                                             quantity),
                                   quantity);
      seats_licenses_add_toast (GTK_WIDGET (self), adw_toast_new (message));
      if (portal != NULL && parent != NULL)
        seats_open_address (GTK_WIDGET (parent), portal);
    }
  else
    {
      message = g_strdup_printf (ngettext ("Bought %u license", "Bought %u licenses", quantity), quantity);
      seats_licenses_add_toast (GTK_WIDGET (self), adw_toast_new (message));
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
seats_buy_dialog_confirm_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  SeatsBuyDialog *self = SEATS_BUY_DIALOG (widget);
  g_autoptr(SeatsChange) buy = NULL;
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(GError) error = NULL;
  guint quantity = gtk_spin_button_get_value_as_int (self->quantity_spin);

  if (self->busy)
    return;

  buy = seats_change_new_buy (self->product_id, quantity);
  checked = seats_sync_engine_check (self->engine, buy, NULL, &error);
  if (checked == NULL)
    {
      show_error (self, error->message);
      return;
    }

  self->busy = TRUE;
  show_error (self, NULL);
  seats_buy_dialog_update_actions (self);
  seats_sync_engine_submit_async (self->engine, checked, self->cancellable,
                                  submitted_cb, g_object_ref (self));
}

static void
quantity_changed_cb (SeatsBuyDialog *self)
{
  if (!self->busy)
    seats_buy_dialog_update (self);
}

static void
engine_changed_cb (SeatsBuyDialog *self)
{
  if (!self->busy)
    seats_buy_dialog_update (self);
  else
    seats_buy_dialog_update_actions (self);
}

static void
seats_buy_dialog_dispose (GObject *object)
{
  SeatsBuyDialog *self = SEATS_BUY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEATS_TYPE_BUY_DIALOG);

  G_OBJECT_CLASS (seats_buy_dialog_parent_class)->dispose (object);
}

static void
seats_buy_dialog_finalize (GObject *object)
{
  SeatsBuyDialog *self = SEATS_BUY_DIALOG (object);

  g_clear_object (&self->engine);
  g_clear_object (&self->cancellable);
  g_free (self->product_id);

  G_OBJECT_CLASS (seats_buy_dialog_parent_class)->finalize (object);
}

static void
seats_buy_dialog_class_init (SeatsBuyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seats_buy_dialog_dispose;
  object_class->finalize = seats_buy_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/seats-buy-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SeatsBuyDialog, buy_button);
  gtk_widget_class_bind_template_child (widget_class, SeatsBuyDialog, product_group);
  gtk_widget_class_bind_template_child (widget_class, SeatsBuyDialog, quantity_spin);
  gtk_widget_class_bind_template_child (widget_class, SeatsBuyDialog, price_now_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBuyDialog, price_now_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBuyDialog, proration_row);
  gtk_widget_class_bind_template_child (widget_class, SeatsBuyDialog, purchased_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBuyDialog, next_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBuyDialog, restores_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBuyDialog, error_label);

  gtk_widget_class_install_action (widget_class, "buy.confirm", NULL, seats_buy_dialog_confirm_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
seats_buy_dialog_init (SeatsBuyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Enter confirms: the spin button's text activates the default button. */
  gtk_text_set_activates_default (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (self->quantity_spin))), TRUE);

  self->cancellable = g_cancellable_new ();
  gtk_window_set_default_widget (GTK_WINDOW (self), self->buy_button);
  g_signal_connect_swapped (self->quantity_spin, "value-changed",
                            G_CALLBACK (quantity_changed_cb), self);
}

/**
 * seats_buy_dialog_new:
 * @parent: (nullable): the window to stay on top of
 * @engine: the account's engine
 * @product_id: the user licenses or a module
 *
 * Returns: (transfer none): a dialog to buy licenses of @product_id
 */
SeatsBuyDialog *
seats_buy_dialog_new (GtkWindow       *parent,
                      SeatsSyncEngine *engine,
                      const char      *product_id)
{
  SeatsBuyDialog *self;

  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (engine), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  self = g_object_new (SEATS_TYPE_BUY_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->engine = g_object_ref (engine);
  self->product_id = g_strdup (product_id);
  g_signal_connect_object (engine, "changed", G_CALLBACK (engine_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (engine, "notify::status", G_CALLBACK (engine_changed_cb), self,
                           G_CONNECT_SWAPPED);

  seats_buy_dialog_update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->quantity_spin));

  return self;
}
