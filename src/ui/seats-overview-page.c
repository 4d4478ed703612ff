/* seats-overview-page.c: every account at a glance
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-overview-page.h"

struct _SeatsOverviewPage
{
  AdwBin                parent_instance;

  /* The rows of the accounts, by key; they are changed in place, so that
   * a sync does not take the focus from the row a person is on. */
  GHashTable           *rows;

  GtkListBox           *subscriptions_list;
  GtkListBox           *totals_list;
  AdwPreferencesGroup  *totals_group;
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

static GtkWidget *
account_row (const char *id)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                  "icon-name", "dialog-warning-symbolic",
                                  "valign", GTK_ALIGN_CENTER,
                                  "opacity", 0.0,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  NULL);
  GtkWidget *amount = gtk_label_new (NULL);

  gtk_widget_add_css_class (icon, "warning");
  gtk_label_set_xalign (GTK_LABEL (amount), 1.0);
  gtk_widget_add_css_class (amount, "numeric");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle_lines (row, 0);
  adw_action_row_add_prefix (row, icon);
  adw_action_row_add_suffix (row, amount);
  adw_action_row_add_suffix (row, g_object_new (GTK_TYPE_IMAGE,
                                                "icon-name", "go-next-symbolic",
                                                "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                                NULL));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  g_object_set_data_full (G_OBJECT (row), "account-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (row), "attention-icon", icon);
  g_object_set_data (G_OBJECT (row), "amount-label", amount);

  return GTK_WIDGET (row);
}

/**
 * seats_overview_page_set_accounts:
 * @self: a #SeatsOverviewPage
 * @ids: (array zero-terminated=1): the keys of the accounts, in order
 *
 * Has a row for each account, in the order given; the rows of accounts
 * kept stay as they are. Each row is filled by
 * seats_overview_page_update_account().
 */
void
seats_overview_page_set_accounts (SeatsOverviewPage  *self,
                                  const char * const *ids)
{
  GtkWidget *child;
  guint i = 0;
  gboolean same = TRUE;

  g_return_if_fail (SEATS_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (ids != NULL);

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->subscriptions_list));
       child != NULL && same;
       child = gtk_widget_get_next_sibling (child), i++)
    same = ids[i] != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (child), "account-id"), ids[i]) == 0;
  if (same && ids[i] == NULL)
    return;

  g_hash_table_remove_all (self->rows);
  remove_rows (self->subscriptions_list);
  for (i = 0; ids[i] != NULL; i++)
    {
      GtkWidget *row = account_row (ids[i]);

      g_hash_table_insert (self->rows, g_strdup (ids[i]), row);
      gtk_list_box_append (self->subscriptions_list, row);
    }
}

/**
 * seats_overview_page_update_account:
 * @self: a #SeatsOverviewPage
 * @id: the key of an account
 * @name: its name
 * @line: (nullable): the account at a glance, or %NULL while it cannot be
 *   read
 * @state: (nullable): without @line, why: opening, or what went wrong
 *
 * Shows what is known of one account: its licenses, costs and dates, and
 * what needs attention.
 */
void
seats_overview_page_update_account (SeatsOverviewPage       *self,
                                    const char              *id,
                                    const char              *name,
                                    const SeatsOverviewLine *line,
                                    const char              *state)
{
  g_autofree char *description = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *reasons = NULL;
  g_autofree char *spoken = NULL;
  GtkWidget *row, *icon, *amount_label;

  g_return_if_fail (SEATS_IS_OVERVIEW_PAGE (self));

  if (!(row = g_hash_table_lookup (self->rows, id)))
    return;

  icon = g_object_get_data (G_OBJECT (row), "attention-icon");
  amount_label = g_object_get_data (G_OBJECT (row), "amount-label");

  if (line != NULL)
    {
      description = seats_overview_line_describe (line);
      amount = line->has_terms ? seats_overview_monthly_text (line->monthly, line->currency) : NULL;
      reasons = seats_attention_text (line->attention);
    }
  else
    description = g_strdup (state);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description != NULL ? description : "");
  gtk_label_set_label (GTK_LABEL (amount_label), amount != NULL ? amount : "");
  gtk_widget_set_visible (amount_label, amount != NULL);
  /* Hidden, the marker still keeps the names of all rows in line. */
  gtk_widget_set_opacity (icon, reasons != NULL ? 1.0 : 0.0);
  gtk_widget_set_tooltip_text (icon, reasons);

  /* A screen reader hears the name, then all the row shows. */
  spoken = amount != NULL ? g_strconcat (description, "\n", amount, NULL) : g_strdup (description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, spoken != NULL ? spoken : "",
                                  -1);
}

static GtkWidget *
total_row (const SeatsOverviewTotal *total)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  g_autofree char *title = seats_overview_total_title (total);
  g_autofree char *description = seats_overview_total_describe (total);
  g_autofree char *amount = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, description);
  adw_action_row_set_subtitle_lines (row, 0);

  /* Only what the subscriptions sharing their prices cost. */
  if (total->unpriced < total->subscriptions)
    {
      GtkWidget *label;

      amount = seats_overview_monthly_text (total->monthly, total->currency);
      label = gtk_label_new (amount);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (row, label);
    }

  return GTK_WIDGET (row);
}

/**
 * seats_overview_page_set_totals:
 * @self: a #SeatsOverviewPage
 * @totals: (element-type SeatsOverviewTotal): the totals per currency
 * @left_out: how many accounts the totals leave out, as what they bought
 *   is not known
 *
 * Shows the totals per currency.
 */
void
seats_overview_page_set_totals (SeatsOverviewPage *self,
                                GArray            *totals,
                                guint              left_out)
{
  g_autoptr(GString) description = g_string_new (_("Amounts in different currencies are never added "
                                                   "together."));

  g_return_if_fail (SEATS_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (totals != NULL);

  remove_rows (self->totals_list);
  for (guint i = 0; i < totals->len; i++)
    gtk_list_box_append (self->totals_list, total_row (&g_array_index (totals, SeatsOverviewTotal, i)));

  if (left_out > 0)
    {
      g_string_append_c (description, ' ');
      g_string_append_printf (description,
                              ngettext ("%u account is left out, as what it bought is not known.",
                                        "%u accounts are left out, as what they bought is not known.",
                                        left_out),
                              left_out);
    }

  adw_preferences_group_set_description (self->totals_group, description->str);
  gtk_widget_set_visible (GTK_WIDGET (self->totals_list), totals->len > 0);
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
  SeatsOverviewPage *self = SEATS_OVERVIEW_PAGE (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
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
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
}
