/* seats-banner.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-banner"

#include "config.h"

#include "seats-banner.h"

/* A lasting state under the header bar, with one action: offline, a new
 * license, a grace deadline. AdwBanner does this from libadwaita 1.3 on;
 * Seats supports 1.2. The button activates the widget's action-name. */
struct _SeatsBanner
{
  GtkWidget    parent_instance;

  GtkRevealer *revealer;
  GtkLabel    *label;
  GtkButton   *button;
};

static void seats_banner_actionable_iface_init (GtkActionableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SeatsBanner, seats_banner, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_ACTIONABLE,
                                                      seats_banner_actionable_iface_init))

enum {
  PROP_0,
  PROP_TITLE,
  PROP_BUTTON_LABEL,
  PROP_REVEALED,
  N_PROPS,
  PROP_ACTION_NAME = N_PROPS,
  PROP_ACTION_TARGET,
};

static GParamSpec *properties [N_PROPS];

static const char *
seats_banner_get_action_name (GtkActionable *actionable)
{
  return gtk_actionable_get_action_name (GTK_ACTIONABLE (SEATS_BANNER (actionable)->button));
}

static void
seats_banner_set_action_name (GtkActionable *actionable,
                              const char    *action_name)
{
  gtk_actionable_set_action_name (GTK_ACTIONABLE (SEATS_BANNER (actionable)->button), action_name);
}

static GVariant *
seats_banner_get_action_target_value (GtkActionable *actionable)
{
  return gtk_actionable_get_action_target_value (GTK_ACTIONABLE (SEATS_BANNER (actionable)->button));
}

static void
seats_banner_set_action_target_value (GtkActionable *actionable,
                                      GVariant      *target)
{
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (SEATS_BANNER (actionable)->button), target);
}

static void
seats_banner_actionable_iface_init (GtkActionableInterface *iface)
{
  iface->get_action_name = seats_banner_get_action_name;
  iface->set_action_name = seats_banner_set_action_name;
  iface->get_action_target_value = seats_banner_get_action_target_value;
  iface->set_action_target_value = seats_banner_set_action_target_value;
}

static void
seats_banner_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SEATS_TYPE_BANNER);

  G_OBJECT_CLASS (seats_banner_parent_class)->dispose (object);
}

static void
seats_banner_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SeatsBanner *self = SEATS_BANNER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, seats_banner_get_title (self));
      break;

    case PROP_BUTTON_LABEL:
      g_value_set_string (value, seats_banner_get_button_label (self));
      break;

    case PROP_REVEALED:
      g_value_set_boolean (value, seats_banner_get_revealed (self));
      break;

    case PROP_ACTION_NAME:
      g_value_set_string (value, seats_banner_get_action_name (GTK_ACTIONABLE (self)));
      break;

    case PROP_ACTION_TARGET:
      g_value_set_variant (value, seats_banner_get_action_target_value (GTK_ACTIONABLE (self)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seats_banner_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SeatsBanner *self = SEATS_BANNER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      seats_banner_set_title (self, g_value_get_string (value));
      break;

    case PROP_BUTTON_LABEL:
      seats_banner_set_button_label (self, g_value_get_string (value));
      break;

    case PROP_REVEALED:
      seats_banner_set_revealed (self, g_value_get_boolean (value));
      break;

    case PROP_ACTION_NAME:
      seats_banner_set_action_name (GTK_ACTIONABLE (self), g_value_get_string (value));
      break;

    case PROP_ACTION_TARGET:
      seats_banner_set_action_target_value (GTK_ACTIONABLE (self), g_value_get_variant (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seats_banner_class_init (SeatsBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seats_banner_dispose;
  object_class->get_property = seats_banner_get_property;
  object_class->set_property = seats_banner_set_property;

  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_BUTTON_LABEL] =
    g_param_spec_string ("button-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_ACTION_NAME, "action-name");
  g_object_class_override_property (object_class, PROP_ACTION_TARGET, "action-target");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/seats-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, SeatsBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, SeatsBanner, label);
  gtk_widget_class_bind_template_child (widget_class, SeatsBanner, button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "seats-banner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
seats_banner_init (SeatsBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

const char *
seats_banner_get_title (SeatsBanner *self)
{
  g_return_val_if_fail (SEATS_IS_BANNER (self), NULL);

  return gtk_label_get_label (self->label);
}

void
seats_banner_set_title (SeatsBanner *self,
                        const char  *title)
{
  g_return_if_fail (SEATS_IS_BANNER (self));

  if (g_strcmp0 (title, gtk_label_get_label (self->label)) == 0)
    return;

  gtk_label_set_label (self->label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
}

const char *
seats_banner_get_button_label (SeatsBanner *self)
{
  g_return_val_if_fail (SEATS_IS_BANNER (self), NULL);

  return gtk_button_get_label (self->button);
}

void
seats_banner_set_button_label (SeatsBanner *self,
                               const char  *label)
{
  g_return_if_fail (SEATS_IS_BANNER (self));

  if (g_strcmp0 (label, gtk_button_get_label (self->button)) == 0)
    return;

  gtk_button_set_label (self->button, label);
  gtk_widget_set_visible (GTK_WIDGET (self->button), label != NULL && *label != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUTTON_LABEL]);
}

gboolean
seats_banner_get_revealed (SeatsBanner *self)
{
  g_return_val_if_fail (SEATS_IS_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

void
seats_banner_set_revealed (SeatsBanner *self,
                           gboolean     revealed)
{
  g_return_if_fail (SEATS_IS_BANNER (self));

  revealed = !!revealed;
  if (revealed == gtk_revealer_get_reveal_child (self->revealer))
    return;

  gtk_revealer_set_reveal_child (self->revealer, revealed);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REVEALED]);
}
