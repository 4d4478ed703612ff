/* seats-licenses-page.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-licenses-page"

#include "config.h"

#include "seats-licenses-page.h"

struct _SeatsLicensesPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (SeatsLicensesPage, seats_licenses_page, ADW_TYPE_BIN)

static void
seats_licenses_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SEATS_TYPE_LICENSES_PAGE);

  G_OBJECT_CLASS (seats_licenses_page_parent_class)->dispose (object);
}

static void
seats_licenses_page_class_init (SeatsLicensesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seats_licenses_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/seats-licenses-page.ui");
}

static void
seats_licenses_page_init (SeatsLicensesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
