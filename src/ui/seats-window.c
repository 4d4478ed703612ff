/* seats-window.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-window"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-billing-page.h"
#include "seats-licenses-page.h"
#include "seats-users-page.h"
#include "seats-window.h"

struct _SeatsWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *stack;
};

G_DEFINE_FINAL_TYPE (SeatsWindow, seats_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_VISIBLE_PAGE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
seats_window_show_page_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  seats_window_set_visible_page (SEATS_WINDOW (widget),
                                 g_variant_get_string (param, NULL));
}

static void
seats_window_stack_notify_visible_child_cb (SeatsWindow  *self,
                                            GParamSpec   *pspec,
                                            AdwViewStack *stack)
{
  g_assert (SEATS_IS_WINDOW (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VISIBLE_PAGE]);
}

static void
seats_window_restore_state (SeatsWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
seats_window_save_state (SeatsWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width;
  int height;

  g_settings_delay (self->settings);

  /* The size of a maximized window is the screen's; keep the size the
   * window had before so that unmaximizing after a restart feels right. */
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  g_settings_apply (self->settings);
}

static gboolean
seats_window_close_request (GtkWindow *window)
{
  seats_window_save_state (SEATS_WINDOW (window));

  return GTK_WINDOW_CLASS (seats_window_parent_class)->close_request (window);
}

static void
seats_window_dispose (GObject *object)
{
  SeatsWindow *self = (SeatsWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SEATS_TYPE_WINDOW);

  G_OBJECT_CLASS (seats_window_parent_class)->dispose (object);
}

static void
seats_window_finalize (GObject *object)
{
  SeatsWindow *self = (SeatsWindow *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (seats_window_parent_class)->finalize (object);
}

static void
seats_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SeatsWindow *self = SEATS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VISIBLE_PAGE:
      g_value_set_string (value, seats_window_get_visible_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seats_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SeatsWindow *self = SEATS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VISIBLE_PAGE:
      seats_window_set_visible_page (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seats_window_class_init (SeatsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  static const struct {
    guint       keyval;
    const char *page;
  } page_keys[] = {
    { GDK_KEY_1, "licenses" },
    { GDK_KEY_2, "users" },
    { GDK_KEY_3, "billing" },
  };

  object_class->dispose = seats_window_dispose;
  object_class->finalize = seats_window_finalize;
  object_class->get_property = seats_window_get_property;
  object_class->set_property = seats_window_set_property;

  window_class->close_request = seats_window_close_request;

  /**
   * SeatsWindow:visible-page:
   *
   * The name of the page shown: "licenses", "users" or "billing".
   */
  properties [PROP_VISIBLE_PAGE] =
    g_param_spec_string ("visible-page", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SEATS_TYPE_BILLING_PAGE);
  g_type_ensure (SEATS_TYPE_LICENSES_PAGE);
  g_type_ensure (SEATS_TYPE_USERS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/seats-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SeatsWindow, stack);
  gtk_widget_class_bind_template_callback (widget_class, seats_window_stack_notify_visible_child_cb);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", seats_window_show_page_action);

  for (guint i = 0; i < G_N_ELEMENTS (page_keys); i++)
    gtk_widget_class_add_binding_action (widget_class,
                                         page_keys[i].keyval, GDK_CONTROL_MASK,
                                         "win.show-page", "s", page_keys[i].page);
}

static void
seats_window_init (SeatsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  seats_window_restore_state (self);
}

SeatsWindow *
seats_window_new (SeatsApplication *application)
{
  g_return_val_if_fail (SEATS_IS_APPLICATION (application), NULL);

  return g_object_new (SEATS_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * seats_window_get_visible_page:
 * @self: a #SeatsWindow
 *
 * Returns: the name of the page shown ("licenses", "users" or "billing")
 */
const char *
seats_window_get_visible_page (SeatsWindow *self)
{
  g_return_val_if_fail (SEATS_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

void
seats_window_set_visible_page (SeatsWindow *self,
                               const char  *name)
{
  g_return_if_fail (SEATS_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) == NULL)
    {
      g_warning ("No page named “%s”", name);
      return;
    }

  adw_view_stack_set_visible_child_name (self->stack, name);
}

/**
 * seats_window_add_toast:
 * @self: a #SeatsWindow
 * @toast: (transfer full): the toast to show
 */
void
seats_window_add_toast (SeatsWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (SEATS_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
