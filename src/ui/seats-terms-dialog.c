/* seats-terms-dialog.c: the terms of a subscription kept by hand
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-terms-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-accounts.h"
#include "seats-application.h"
#include "seats-format.h"
#include "seats-licenses-util.h"
#include "seats-terms-dialog.h"
#include "seats-window.h"

/*
 * Adds a subscription kept by hand, or changes its terms. What the person
 * enters is checked by the domain's rules (seats_terms_check()) before
 * anything is saved, and a refusal is shown beside the field it is about.
 */
struct _SeatsTermsDialog
{
  AdwWindow        parent_instance;

  GSettings       *settings;
  SeatsSyncEngine *engine;
  GCancellable    *cancellable;
  gboolean         next_edited;
  gboolean         filling;

  GtkButton       *save_button;
  GtkLabel        *intro_label;
  GtkLabel        *error_label;
  AdwEntryRow     *vendor_row;
  AdwEntryRow     *product_row;
  AdwEntryRow     *currency_row;
  AdwActionRow    *purchased_row;
  GtkSpinButton   *purchased_spin;
  AdwActionRow    *next_row;
  GtkSpinButton   *next_spin;
  AdwEntryRow     *price_row;
  AdwComboRow     *period_row;
  AdwEntryRow     *start_row;
  AdwActionRow    *notice_row;
  GtkSpinButton   *notice_spin;
  AdwComboRow     *rule_row;
  AdwActionRow    *grace_row;
  GtkSpinButton   *grace_spin;
  AdwEntryRow     *portal_row;
  AdwEntryRow     *reseller_row;
  AdwEntryRow     *reseller_url_row;
};

G_DEFINE_FINAL_TYPE (SeatsTermsDialog, seats_terms_dialog, ADW_TYPE_WINDOW)

/* The period lengths and seat rules, in the order of the combo rows. */
static const guint period_months[] = { 1, 3, 12 };
static const SeatsSeatFloor rules[] = {
  SEATS_SEAT_FLOOR_AT_LEAST_ACTIVE,
  SEATS_SEAT_FLOOR_EQUAL_ACTIVE,
  SEATS_SEAT_FLOOR_GRACE,
  SEATS_SEAT_FLOOR_NONE,
};

static GtkWidget *
field_widget (SeatsTermsDialog *self,
              SeatsTermsField   field)
{
  switch (field)
    {
    case SEATS_TERMS_FIELD_VENDOR:
      return GTK_WIDGET (self->vendor_row);
    case SEATS_TERMS_FIELD_PRODUCT:
      return GTK_WIDGET (self->product_row);
    case SEATS_TERMS_FIELD_CURRENCY:
      return GTK_WIDGET (self->currency_row);
    case SEATS_TERMS_FIELD_NEXT_PERIOD:
      return GTK_WIDGET (self->next_row);
    case SEATS_TERMS_FIELD_PRICE:
      return GTK_WIDGET (self->price_row);
    case SEATS_TERMS_FIELD_PERIOD:
      return GTK_WIDGET (self->start_row);
    case SEATS_TERMS_FIELD_NOTICE:
      return GTK_WIDGET (self->notice_row);
    case SEATS_TERMS_FIELD_GRACE:
      return GTK_WIDGET (self->grace_row);
    case SEATS_TERMS_FIELD_RESELLER:
      return GTK_WIDGET (self->reseller_row);
    case SEATS_TERMS_FIELD_PORTAL:
      return GTK_WIDGET (self->portal_row);
    case SEATS_TERMS_FIELD_NONE:
    default:
      return NULL;
    }
}

static void
clear_error (SeatsTermsDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  for (SeatsTermsField field = SEATS_TERMS_FIELD_VENDOR; field <= SEATS_TERMS_FIELD_PORTAL; field++)
    gtk_widget_remove_css_class (field_widget (self, field), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->reseller_url_row), "error");
}

static void
show_error (SeatsTermsDialog *self,
            SeatsTermsField   field,
            const char       *message)
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

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static guint
counted_users (SeatsTermsDialog *self)
{
  GDate today;

  if (self->engine == NULL)
    return 0;

  seats_clock_get_today (seats_sync_engine_get_clock (self->engine), &today);
  return seats_users_count_counted (seats_sync_engine_get_users (self->engine), &today);
}

/* The terms entered, checked as the domain checks them. */
static SeatsTerms *
read_terms (SeatsTermsDialog  *self,
            SeatsTermsField   *field,
            GError           **error)
{
  g_autoptr(SeatsTerms) terms = seats_terms_new ();
  guint period = adw_combo_row_get_selected (self->period_row);
  guint rule = adw_combo_row_get_selected (self->rule_row);

  terms->vendor = g_strdup (text_of (self->vendor_row));
  terms->product = g_strdup (text_of (self->product_row));
  g_free (terms->currency);
  terms->currency = g_strstrip (g_ascii_strup (text_of (self->currency_row), -1));
  terms->purchased = (guint) gtk_spin_button_get_value_as_int (self->purchased_spin);
  terms->next_period = (guint) gtk_spin_button_get_value_as_int (self->next_spin);
  terms->period_months = period_months[MIN (period, G_N_ELEMENTS (period_months) - 1)];
  terms->notice_days = (guint) gtk_spin_button_get_value_as_int (self->notice_spin);
  terms->seat_floor = rules[MIN (rule, G_N_ELEMENTS (rules) - 1)];
  terms->grace_days = (guint) gtk_spin_button_get_value_as_int (self->grace_spin);
  terms->portal_url = g_strdup (text_of (self->portal_row));
  terms->reseller_name = g_strdup (text_of (self->reseller_row));
  terms->reseller_url = g_strdup (text_of (self->reseller_url_row));

  if (!seats_parse_money (text_of (self->price_row), terms->currency, &terms->price))
    {
      *field = SEATS_TERMS_FIELD_PRICE;
      g_set_error_literal (error, SEATS_TERMS_ERROR, SEATS_TERMS_ERROR_INVALID,
                           _("Enter the price of one license a month as a number, such as 12.50."));
      return NULL;
    }

  if (!seats_parse_day (text_of (self->start_row), &terms->period_start))
    {
      *field = SEATS_TERMS_FIELD_PERIOD;
      g_set_error_literal (error, SEATS_TERMS_ERROR, SEATS_TERMS_ERROR_INVALID,
                           _("Enter the day the current billing period began, such as 2026-11-01."));
      return NULL;
    }

  if (!seats_terms_check (terms, counted_users (self), field, error))
    return NULL;

  return g_steal_pointer (&terms);
}

static void
update_rows (SeatsTermsDialog *self)
{
  gboolean busy = self->cancellable != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->grace_row),
                          rules[MIN (adw_combo_row_get_selected (self->rule_row),
                                     G_N_ELEMENTS (rules) - 1)] == SEATS_SEAT_FLOOR_GRACE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "terms.save", !busy);
}

static void
changed_cb (SeatsTermsDialog *self)
{
  if (self->filling)
    return;

  /* What was wrong is being put right: the old message would mislead. */
  clear_error (self);
  update_rows (self);
}

static void
purchased_changed_cb (SeatsTermsDialog *self)
{
  changed_cb (self);

  /* Until the next period is set apart, it has what is bought now. */
  if (!self->filling && !self->next_edited)
    {
      self->filling = TRUE;
      gtk_spin_button_set_value (self->next_spin, gtk_spin_button_get_value (self->purchased_spin));
      self->filling = FALSE;
    }
}

static void
next_changed_cb (SeatsTermsDialog *self)
{
  if (!self->filling)
    self->next_edited = TRUE;
}

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SeatsTermsDialog) self = user_data;
  g_autoptr(SeatsChange) undo = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  g_clear_object (&self->cancellable);
  if (!seats_sync_engine_submit_finish (SEATS_SYNC_ENGINE (object), result, &undo, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      update_rows (self);
      show_error (self, SEATS_TERMS_FIELD_NONE, error->message);
      return;
    }

  toast = seats_undo_toast_new (_("Terms saved on this computer"), self->engine,
                                g_steal_pointer (&undo));
  seats_licenses_add_toast (GTK_WIDGET (self), toast);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
add_subscription (SeatsTermsDialog *self,
                  SeatsTerms       *terms)
{
  g_autoptr(SeatsAccountInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;

  if (!(info = seats_accounts_add_manual (self->settings, terms, &error)))
    {
      show_error (self, SEATS_TERMS_FIELD_NONE, error->message);
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
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SeatsTermsDialog *self = SEATS_TERMS_DIALOG (widget);
  g_autoptr(SeatsTerms) terms = NULL;
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(GError) error = NULL;
  SeatsTermsField field = SEATS_TERMS_FIELD_NONE;

  if (self->cancellable != NULL)
    return;

  if (!(terms = read_terms (self, &field, &error)))
    {
      show_error (self, field, error->message);
      return;
    }

  if (self->engine == NULL)
    {
      add_subscription (self, terms);
      return;
    }

  change = seats_change_new_terms (terms);
  if (!(checked = seats_sync_engine_check (self->engine, change, NULL, &error)))
    {
      show_error (self, SEATS_TERMS_FIELD_NONE, error->message);
      return;
    }

  self->cancellable = g_cancellable_new ();
  update_rows (self);
  seats_sync_engine_submit_async (self->engine, checked, self->cancellable, submitted_cb,
                                  g_object_ref (self));
}

static void
fill (SeatsTermsDialog *self,
      const SeatsTerms *terms)
{
  g_autofree char *price = NULL;
  GDate start;

  self->filling = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->vendor_row), terms->vendor != NULL ? terms->vendor : "");
  gtk_editable_set_text (GTK_EDITABLE (self->product_row), terms->product != NULL ? terms->product : "");
  gtk_editable_set_text (GTK_EDITABLE (self->currency_row), terms->currency != NULL ? terms->currency : "");
  gtk_spin_button_set_value (self->purchased_spin, terms->purchased);
  gtk_spin_button_set_value (self->next_spin, terms->next_period);
  self->next_edited = terms->next_period != terms->purchased;

  if (terms->price > 0)
    {
      guint digits = seats_currency_digits (terms->currency);
      gint64 unit = 1;

      for (guint i = 0; i < digits; i++)
        unit *= 10;
      price = digits > 0
              ? g_strdup_printf ("%" G_GINT64_FORMAT ".%0*" G_GINT64_FORMAT,
                                 terms->price / unit, (int) digits, terms->price % unit)
              : g_strdup_printf ("%" G_GINT64_FORMAT, terms->price);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->price_row), price != NULL ? price : "");

  for (guint i = 0; i < G_N_ELEMENTS (period_months); i++)
    if (period_months[i] == terms->period_months)
      adw_combo_row_set_selected (self->period_row, i);
  if (seats_julian_to_date (terms->period_start, &start))
    {
      g_autofree char *day = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&start),
                                              g_date_get_month (&start), g_date_get_day (&start));

      gtk_editable_set_text (GTK_EDITABLE (self->start_row), day);
    }
  gtk_spin_button_set_value (self->notice_spin, terms->notice_days);
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (rules[i] == terms->seat_floor)
      adw_combo_row_set_selected (self->rule_row, i);
  gtk_spin_button_set_value (self->grace_spin, terms->grace_days);
  gtk_editable_set_text (GTK_EDITABLE (self->portal_row), terms->portal_url != NULL ? terms->portal_url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->reseller_row),
                         terms->reseller_name != NULL ? terms->reseller_name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->reseller_url_row),
                         terms->reseller_url != NULL ? terms->reseller_url : "");

  self->filling = FALSE;
  update_rows (self);
}

static void
seats_terms_dialog_dispose (GObject *object)
{
  SeatsTermsDialog *self = SEATS_TERMS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), SEATS_TYPE_TERMS_DIALOG);

  G_OBJECT_CLASS (seats_terms_dialog_parent_class)->dispose (object);
}

static void
seats_terms_dialog_finalize (GObject *object)
{
  SeatsTermsDialog *self = SEATS_TERMS_DIALOG (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (seats_terms_dialog_parent_class)->finalize (object);
}

static void
seats_terms_dialog_class_init (SeatsTermsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seats_terms_dialog_dispose;
  object_class->finalize = seats_terms_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/seats-terms-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SeatsTermsDialog, name)
  BIND (save_button);
  BIND (intro_label);
  BIND (error_label);
  BIND (vendor_row);
  BIND (product_row);
  BIND (currency_row);
  BIND (purchased_row);
  BIND (purchased_spin);
  BIND (next_row);
  BIND (next_spin);
  BIND (price_row);
  BIND (period_row);
  BIND (start_row);
  BIND (notice_row);
  BIND (notice_spin);
  BIND (rule_row);
  BIND (grace_row);
  BIND (grace_spin);
  BIND (portal_row);
  BIND (reseller_row);
  BIND (reseller_url_row);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, purchased_changed_cb);

  gtk_widget_class_install_action (widget_class, "terms.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
seats_terms_dialog_init (SeatsTermsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->next_spin, "value-changed", G_CALLBACK (next_changed_cb), self);
}

/**
 * seats_terms_dialog_new:
 * @parent: the window that asks
 * @settings: where the account list is kept
 * @engine: (nullable): the account whose terms are changed, or %NULL to
 *   add a subscription
 *
 * Returns: (transfer none): a dialog for the terms of a subscription kept
 *   on this computer
 */
SeatsTermsDialog *
seats_terms_dialog_new (GtkWindow       *parent,
                        GSettings       *settings,
                        SeatsSyncEngine *engine)
{
  g_autoptr(SeatsTerms) terms = NULL;
  SeatsTermsDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (engine == NULL || SEATS_IS_SYNC_ENGINE (engine), NULL);

  self = g_object_new (SEATS_TYPE_TERMS_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->settings = g_object_ref (settings);
  self->engine = engine != NULL ? g_object_ref (engine) : NULL;

  if (engine != NULL)
    {
      terms = seats_terms_from_snapshot (seats_sync_engine_get_snapshot (engine));
      gtk_window_set_title (GTK_WINDOW (self), _("Subscription Terms"));
      gtk_button_set_label (self->save_button, _("_Save"));
    }

  if (terms == NULL)
    {
      GDate today;

      /* A new subscription: its period began this month, unless told. */
      terms = seats_terms_new ();
      seats_clock_get_today (seats_clock_get_default (), &today);
      g_date_set_day (&today, 1);
      terms->period_start = seats_julian_from_date (&today);
      terms->purchased = 1;
      terms->next_period = 1;
    }

  fill (self, terms);
  if (engine == NULL)
    self->next_edited = FALSE;

  return self;
}
