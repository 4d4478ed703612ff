/* seats-licenses-util.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-licenses"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-format.h"
#include "seats-licenses-util.h"
#include "seats-rules.h"
#include "seats-window.h"

/**
 * seats_licenses_format_period:
 * @subscription: (nullable): a #SeatsSubscription
 *
 * The billing period with its last day, as a person reads it: the domain's
 * end is the first day of the next period.
 *
 * Returns: (transfer full) (nullable): "1 november 2026 – 30 november 2026"
 */
char *
seats_licenses_format_period (SeatsSubscription *subscription)
{
  g_autofree char *start = NULL;
  g_autofree char *last = NULL;
  guint32 start_day, end_day;

  if (subscription == NULL)
    return NULL;

  start_day = seats_subscription_get_period_start_julian (subscription);
  end_day = seats_subscription_get_period_end_julian (subscription);
  if (start_day == SEATS_JULIAN_NONE || end_day <= start_day)
    return NULL;

  start = seats_format_date (start_day);
  last = seats_format_date (end_day - 1);

  /* Translators: a billing period, from its first to its last day */
  return g_strdup_printf (_("%s – %s"), start, last);
}

#define NEWEST_TOAST "seats-newest-toast"

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

/**
 * seats_toast_overlay_show:
 * @overlay: the window's or a dialog's toast overlay
 * @toast: (transfer full): the toast
 *
 * Shows @toast in the place of the toast shown. The newest toast is the one
 * that counts: an older one, which tells a state that is no longer true,
 * never comes back after a newer one.
 */
void
seats_toast_overlay_show (AdwToastOverlay *overlay,
                          AdwToast        *toast)
{
  GWeakRef *newest;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  newest = g_object_get_data (G_OBJECT (overlay), NEWEST_TOAST);
  if (newest != NULL)
    {
      g_autoptr(AdwToast) shown = g_weak_ref_get (newest);

      /* Still there: on screen or waiting its turn. */
      if (shown != NULL)
        adw_toast_dismiss (shown);
    }

  newest = g_new0 (GWeakRef, 1);
  g_weak_ref_init (newest, toast);
  g_object_set_data_full (G_OBJECT (overlay), NEWEST_TOAST, newest, (GDestroyNotify) weak_ref_free);
  adw_toast_overlay_add_toast (overlay, toast);
}

/**
 * seats_licenses_describe_assignment:
 * @module: an add-on module, as it is after the change
 * @person: the person's name
 * @assigned: whether the module was given or taken
 *
 * Returns: (transfer full): the toast's words for one module change (R7),
 *   with the module's licenses free now
 */
char *
seats_licenses_describe_assignment (SeatsProduct *module,
                                    const char   *person,
                                    gboolean      assigned)
{
  guint free_now = seats_product_get_free (module);

  if (assigned)
    /* Translators: a toast: a module, a person, and the module's licenses
     * free now */
    return g_strdup_printf (ngettext ("“%s” assigned to %s — %u free now",
                                      "“%s” assigned to %s — %u free now", free_now),
                            seats_product_get_name (module), person, free_now);

  /* Translators: a toast: a module, a person, and the module's licenses free
   * now */
  return g_strdup_printf (ngettext ("“%s” taken from %s — %u free now",
                                    "“%s” taken from %s — %u free now", free_now),
                          seats_product_get_name (module), person, free_now);
}

/**
 * seats_licenses_add_toast:
 * @widget: a widget in the main window or in a dialog of it
 * @toast: (transfer full): the toast
 *
 * Shows @toast in the main window that @widget belongs to.
 */
void
seats_licenses_add_toast (GtkWidget *widget,
                          AdwToast  *toast)
{
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));

  while (window != NULL && !SEATS_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);

  if (window != NULL)
    seats_window_add_toast (SEATS_WINDOW (window), toast);
  else
    g_object_unref (toast);
}

static void
address_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  const char *uri = g_object_get_data (G_OBJECT (dialog), "seats-address");

  if (g_str_equal (response, "copy"))
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), uri);
}

static void
show_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autofree char *uri = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = GTK_WINDOW (object);
  AdwMessageDialog *dialog;

  if (gtk_show_uri_full_finish (parent, result, &error))
    return;

  g_message ("Could not open %s: %s", uri, error->message);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("No Web Browser Opened the Address"), NULL));
  /* Translators: %s is a web address, on a line of its own */
  adw_message_dialog_format_body (dialog, _("Open this address in a web browser:\n%s"), uri);
  adw_message_dialog_add_responses (dialog,
                                    "close", _("_Close"),
                                    "copy", _("C_opy Address"),
                                    NULL);
  adw_message_dialog_set_default_response (dialog, "copy");
  adw_message_dialog_set_close_response (dialog, "close");
  g_object_set_data_full (G_OBJECT (dialog), "seats-address", g_steal_pointer (&uri), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (address_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * seats_open_address:
 * @widget: a widget in the window that asks
 * @uri: a web address: the vendor's shop, the reseller
 *
 * Opens @uri in the person's web browser; where none opens it, shows the
 * address to copy, rather than a bare error.
 */
void
seats_open_address (GtkWidget  *widget,
                    const char *uri)
{
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (uri != NULL);

  root = gtk_widget_get_root (widget);
  g_return_if_fail (GTK_IS_WINDOW (root));

  gtk_show_uri_full (GTK_WINDOW (root), uri, GDK_CURRENT_TIME, NULL, show_uri_cb, g_strdup (uri));
}

/**
 * seats_widget_set_tooltip:
 * @widget: a widget
 * @text: (nullable): its tooltip, or %NULL for none
 *
 * Sets @widget's tooltip when it differs. GTK asks the display server
 * where the pointer is each time a tooltip is set, and the pages set
 * theirs whenever the rows or the selection change, which a sort or a
 * filter of 100,000 users does many times.
 */
void
seats_widget_set_tooltip (GtkWidget  *widget,
                          const char *text)
{
  const char *current;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  current = gtk_widget_get_tooltip_text (widget);
  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (current, text) == 0)
    return;

  gtk_widget_set_tooltip_text (widget, text);
}

typedef struct
{
  SeatsSyncEngine *engine;
  SeatsChange     *undo;
} UndoData;

static void
undo_data_free (gpointer  data,
                GClosure *closure)
{
  UndoData *undo = data;

  g_clear_object (&undo->engine);
  g_clear_pointer (&undo->undo, seats_change_unref);
  g_free (undo);
}

static void
undo_clicked_cb (AdwToast *toast,
                 UndoData *undo)
{
  seats_sync_engine_submit_async (undo->engine, undo->undo, NULL, NULL, NULL);
}

/**
 * seats_undo_toast_new:
 * @title: what was done
 * @engine: the account it was done to
 * @undo: (nullable) (transfer full): the change that puts it back, or
 *   %NULL when it cannot be undone
 *
 * Returns: (transfer full): a toast that says what was done, with an Undo
 *   button that sends @undo
 */
AdwToast *
seats_undo_toast_new (const char      *title,
                      SeatsSyncEngine *engine,
                      SeatsChange     *undo)
{
  AdwToast *toast;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (engine), NULL);

  toast = adw_toast_new (title);
  if (undo != NULL)
    {
      UndoData *data = g_new0 (UndoData, 1);

      data->engine = g_object_ref (engine);
      data->undo = undo;
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), data,
                             undo_data_free, 0);
    }

  return toast;
}
