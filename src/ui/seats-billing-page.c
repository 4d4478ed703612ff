/* seats-billing-page.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-billing-page"

#include "config.h"

#include "seats-billing-page.h"

struct _SeatsBillingPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (SeatsBillingPage, seats_billing_page, ADW_TYPE_BIN)

static void
seats_billing_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SEATS_TYPE_BILLING_PAGE);

  G_OBJECT_CLASS (seats_billing_page_parent_class)->dispose (object);
}

static void
seats_billing_page_class_init (SeatsBillingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seats_billing_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/seats-billing-page.ui");
}

static void
seats_billing_page_init (SeatsBillingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
