/* seats-overview-page.c: every account at a glance
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-format.h"
#include "seats-overview-page.h"

struct _SeatsOverviewPage
{
  AdwBin      parent_instance;

  GtkListBox *subscriptions_list;
  GtkListBox *totals_list;
  GtkWidget  *totals_group;
};

G_DEFINE_FINAL_TYPE (SeatsOverviewPage, seats_overview_page, ADW_TYPE_BIN)

enum {
  ACCOUNT_ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
remove_rows (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/**
 * seats_overview_line_describe:
 * @line: a subscription at a glance
 *
 * Returns: (transfer full): what the overview says of @line under its
 *   name, a fact a line: its licenses, what the free ones cost, the next
 *   period and the last day to change it, and what needs attention
 */
char *
seats_overview_line_describe (const SeatsOverviewLine *line)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *in_use = seats_format_count (line->in_use);
  g_autofree char *reasons = seats_attention_text (line->attention);

  if (!line->has_terms)
    /* Translators: %s is a number of users */
    g_string_append_printf (text, ngettext ("%s user holds a license; nobody keeps the terms of this "
                                            "subscription yet.",
                                            "%s users hold a license; nobody keeps the terms of this "
                                            "subscription yet.", line->in_use), in_use);
  else
    {
      g_autofree char *bought = seats_format_count (line->bought);
      g_autofree char *free = seats_format_count (line->free);

      /* Translators: licenses in use, then bought, then available */
      g_string_append_printf (text, ngettext ("%s of %s license in use, %s available.",
                                              "%s of %s licenses in use, %s available.", line->bought),
                              in_use, bought, free);
      if (line->free > 0)
        {
          g_autofree char *cost = seats_format_money (line->free_monthly, line->currency);

          g_string_append_c (text, '\n');
          /* Translators: %s is an amount of money */
          g_string_append_printf (text, _("The licenses nobody holds cost %s a month."), cost);
        }
    }

  if (line->next_period != 0 && line->change_by != 0)
    {
      g_autofree char *next = seats_format_date (line->next_period);
      g_autofree char *change_by = seats_format_date (line->change_by);

      g_string_append_c (text, '\n');
      /* Translators: the day the next billing period begins, then the last
       * day its licenses can be changed */
      g_string_append_printf (text, _("Next period from %s; change it by %s."), next, change_by);
    }

  if (reasons != NULL)
    g_string_append_printf (text, "\n%s", reasons);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
attention_icon (SeatsAttention attention)
{
  g_autofree char *reasons = seats_attention_text (attention);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (icon, reasons);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Needs attention"),
                                  -1);

  return icon;
}

static GtkWidget *
amount_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "numeric");

  return label;
}

static GtkWidget *
subscription_row (const char              *id,
                  const char              *name,
                  const SeatsOverviewLine *line)
{
  g_autofree char *description = seats_overview_line_describe (line);
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (row, description);
  adw_action_row_set_subtitle_lines (row, 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "account-id", g_strdup (id), g_free);

  if (line->attention != SEATS_ATTENTION_NONE)
    adw_action_row_add_prefix (row, attention_icon (line->attention));

  if (line->has_terms)
    {
      g_autofree char *monthly = seats_format_money (line->monthly, line->currency);
      /* Translators: %s is what a subscription costs a month */
      g_autofree char *text = g_strdup_printf (_("%s a month"), monthly);

      adw_action_row_add_suffix (row, amount_label (text));
    }

  adw_action_row_add_suffix (row, gtk_image_new_from_icon_name ("go-next-symbolic"));

  return GTK_WIDGET (row);
}

static GtkWidget *
total_row (const SeatsOverviewTotal *total)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  g_autofree char *bought = seats_format_count (total->bought);
  g_autofree char *in_use = seats_format_count (total->in_use);
  g_autofree char *free = seats_format_count (total->free);
  g_autofree char *monthly = seats_format_money (total->monthly, total->currency);
  g_autofree char *free_monthly = seats_format_money (total->free_monthly, total->currency);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *amount = NULL;

  /* Translators: a currency code, then how many subscriptions are in it */
  title = g_strdup_printf (ngettext ("%s, %u subscription", "%s, %u subscriptions", total->subscriptions),
                           total->currency, total->subscriptions);
  /* Translators: licenses in use, then bought, then available, then what
   * the available ones cost a month */
  subtitle = g_strdup_printf (ngettext ("%s of %s license in use, %s available.\n"
                                        "The licenses nobody holds cost %s a month.",
                                        "%s of %s licenses in use, %s available.\n"
                                        "The licenses nobody holds cost %s a month.", total->bought),
                              in_use, bought, free, free_monthly);
  amount = g_strdup_printf (_("%s a month"), monthly);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_set_subtitle_lines (row, 0);
  adw_action_row_add_suffix (row, amount_label (amount));

  return GTK_WIDGET (row);
}

/**
 * seats_overview_page_set_lines:
 * @self: a #SeatsOverviewPage
 * @ids: (array length=n_lines): the accounts' keys
 * @names: (array length=n_lines): the accounts' names
 * @lines: (array length=n_lines): the accounts at a glance
 * @n_lines: how many accounts there are
 *
 * Shows the accounts, each with its licenses, costs and dates, and their
 * totals per currency.
 */
void
seats_overview_page_set_lines (SeatsOverviewPage       *self,
                               const char * const      *ids,
                               const char * const      *names,
                               const SeatsOverviewLine *lines,
                               guint                    n_lines)
{
  g_autoptr(GArray) totals = NULL;

  g_return_if_fail (SEATS_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (n_lines == 0 || (ids != NULL && names != NULL && lines != NULL));

  remove_rows (self->subscriptions_list);
  remove_rows (self->totals_list);

  for (guint i = 0; i < n_lines; i++)
    gtk_list_box_append (self->subscriptions_list, subscription_row (ids[i], names[i], &lines[i]));

  totals = seats_overview_totals (lines, n_lines);
  for (guint i = 0; i < totals->len; i++)
    gtk_list_box_append (self->totals_list, total_row (&g_array_index (totals, SeatsOverviewTotal, i)));
  gtk_widget_set_visible (self->totals_group, totals->len > 0);
}

static void
subscription_activated_cb (SeatsOverviewPage *self,
                           GtkListBoxRow     *row,
                           GtkListBox        *list)
{
  const char *id = g_object_get_data (G_OBJECT (row), "account-id");

  if (id != NULL)
    g_signal_emit (self, signals [ACCOUNT_ACTIVATED], 0, id);
}

static void
seats_overview_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SEATS_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (seats_overview_page_parent_class)->dispose (object);
}

static void
seats_overview_page_class_init (SeatsOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seats_overview_page_dispose;

  /**
   * SeatsOverviewPage::account-activated:
   * @self: a #SeatsOverviewPage
   * @id: the key of the account
   *
   * Emitted when the person opens an account from the overview.
   */
  signals [ACCOUNT_ACTIVATED] =
    g_signal_new ("account-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/seats-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SeatsOverviewPage, subscriptions_list);
  gtk_widget_class_bind_template_child (widget_class, SeatsOverviewPage, totals_list);
  gtk_widget_class_bind_template_child (widget_class, SeatsOverviewPage, totals_group);
  gtk_widget_class_bind_template_callback (widget_class, subscription_activated_cb);
}

static void
seats_overview_page_init (SeatsOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
