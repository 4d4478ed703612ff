/* seats-users-page.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-users-page"

#include "config.h"

#include "seats-users-page.h"

struct _SeatsUsersPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (SeatsUsersPage, seats_users_page, ADW_TYPE_BIN)

static void
seats_users_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SEATS_TYPE_USERS_PAGE);

  G_OBJECT_CLASS (seats_users_page_parent_class)->dispose (object);
}

static void
seats_users_page_class_init (SeatsUsersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seats_users_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/seats-users-page.ui");
}

static void
seats_users_page_init (SeatsUsersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
