/* seats-billing-page.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-billing-page"

#include "config.h"

#include "seats-billing-page.h"
#include "seats-sync-engine.h"

struct _SeatsBillingPage
{
  AdwBin           parent_instance;

  SeatsSyncEngine *engine;

  GtkStack        *content_stack;
};

G_DEFINE_FINAL_TYPE (SeatsBillingPage, seats_billing_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ENGINE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
seats_billing_page_update (SeatsBillingPage *self)
{
  gtk_stack_set_visible_child_name (self->content_stack, self->engine != NULL ? "content" : "empty");
}

static void
seats_billing_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SeatsBillingPage *self = SEATS_BILLING_PAGE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seats_billing_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SeatsBillingPage *self = SEATS_BILLING_PAGE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      if (g_set_object (&self->engine, g_value_get_object (value)))
        {
          seats_billing_page_update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seats_billing_page_dispose (GObject *object)
{
  SeatsBillingPage *self = SEATS_BILLING_PAGE (object);

  /* AdwBin unparents its child, the template's root, itself. */
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (seats_billing_page_parent_class)->dispose (object);
}

static void
seats_billing_page_class_init (SeatsBillingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seats_billing_page_dispose;
  object_class->get_property = seats_billing_page_get_property;
  object_class->set_property = seats_billing_page_set_property;

  properties [PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL,
                         SEATS_TYPE_SYNC_ENGINE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/seats-billing-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SeatsBillingPage, content_stack);
}

static void
seats_billing_page_init (SeatsBillingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  seats_billing_page_update (self);
}
