/* seats-application.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-application"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-application.h"
#include "seats-window.h"

struct _SeatsApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (SeatsApplication, seats_application, ADW_TYPE_APPLICATION)

static void
seats_application_activate (GApplication *app)
{
  GtkWindow *window;

  g_assert (SEATS_IS_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (seats_window_new (SEATS_APPLICATION (app)));

  gtk_window_present (window);
}

static void
seats_application_about_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  static const char *developers[] = { "The Seats developers", NULL };
  SeatsApplication *self = user_data;
  GtkWindow *window;

  g_assert (SEATS_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("Seats"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", "The Seats developers",
                         "version", PACKAGE_VERSION,
                         "comments", _("Manage the user licenses of your organization's subscriptions"),
                         "website", "https://seatsapp.github.io/",
                         "issue-url", "https://github.com/seatsapp/seats/issues",
                         "developers", developers,
                         /* Translators: put your name and e-mail address here, one per line */
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 The Seats developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
seats_application_quit_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  SeatsApplication *self = user_data;

  g_assert (SEATS_IS_APPLICATION (self));

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "quit", seats_application_quit_action },
  { "about", seats_application_about_action },
};

static void
seats_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (seats_application_parent_class)->startup (app);

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
}

static void
seats_application_class_init (SeatsApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = seats_application_activate;
  app_class->startup = seats_application_startup;
}

static void
seats_application_init (SeatsApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
}

SeatsApplication *
seats_application_new (void)
{
  return g_object_new (SEATS_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}
