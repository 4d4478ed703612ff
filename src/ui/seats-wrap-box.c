/* seats-wrap-box.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-wrap-box"

#include "config.h"

#include "seats-wrap-box.h"

/* A row of buttons that goes on in a second row, and a third, when the
 * window is too narrow for all of them: each row is as full as it can be,
 * the rows aligned to the end (the right, in a left-to-right language),
 * each child at its natural width. What a phone-sized window needs of a
 * toolbar, without a child ever given less than it asks for. */

#define SPACING 6

struct _SeatsWrapBox
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (SeatsWrapBox, seats_wrap_box, GTK_TYPE_WIDGET)

static GtkWidget *
next_shown (GtkWidget *child)
{
  while (child != NULL && !gtk_widget_should_layout (child))
    child = gtk_widget_get_next_sibling (child);
  return child;
}

/* Lays the children out in rows at most @width wide and gives the height
 * that takes; allocates them too where @allocate. */
static int
lay_out (GtkWidget *widget,
         int        width,
         gboolean   allocate)
{
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  GtkWidget *row = next_shown (gtk_widget_get_first_child (widget));
  int y = 0;

  while (row != NULL)
    {
      GtkWidget *end = row;
      int row_width = 0, row_height = 0, x;

      for (guint n = 0; end != NULL; n++, end = next_shown (gtk_widget_get_next_sibling (end)))
        {
          int minimum, natural, child_width, height;

          gtk_widget_measure (end, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
          child_width = MAX (minimum, MIN (natural, width));
          if (n > 0 && row_width + SPACING + child_width > width)
            break;
          row_width += (n > 0 ? SPACING : 0) + child_width;
          gtk_widget_measure (end, GTK_ORIENTATION_VERTICAL, child_width, NULL, &height, NULL, NULL);
          row_height = MAX (row_height, height);
        }

      x = MAX (0, width - row_width);
      for (GtkWidget *child = row; child != end; child = next_shown (gtk_widget_get_next_sibling (child)))
        {
          int minimum, natural, child_width;

          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
          child_width = MAX (minimum, MIN (natural, width));
          if (allocate)
            gtk_widget_size_allocate (child,
                                      &(GtkAllocation) { rtl ? width - x - child_width : x, y,
                                                         child_width, row_height },
                                      -1);
          x += child_width + SPACING;
        }

      y += row_height;
      row = end;
      if (row != NULL)
        y += SPACING;
    }

  return y;
}

static GtkSizeRequestMode
seats_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
seats_wrap_box_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  int widest = 0, all = 0;
  guint n = 0;

  for (GtkWidget *child = next_shown (gtk_widget_get_first_child (widget));
       child != NULL;
       child = next_shown (gtk_widget_get_next_sibling (child)), n++)
    {
      int child_minimum, child_natural;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_minimum, &child_natural,
                          NULL, NULL);
      widest = MAX (widest, child_minimum);
      all += (n > 0 ? SPACING : 0) + child_natural;
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = widest;
      *natural = all;
    }
  else
    {
      int width = for_size < 0 ? all : MAX (for_size, widest);

      *minimum = *natural = lay_out (widget, width, FALSE);
    }
}

static void
seats_wrap_box_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  lay_out (widget, width, TRUE);
}

static void
seats_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (seats_wrap_box_parent_class)->dispose (object);
}

static void
seats_wrap_box_class_init (SeatsWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seats_wrap_box_dispose;

  widget_class->get_request_mode = seats_wrap_box_get_request_mode;
  widget_class->measure = seats_wrap_box_measure;
  widget_class->size_allocate = seats_wrap_box_size_allocate;

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
seats_wrap_box_init (SeatsWrapBox *self)
{
}

/**
 * seats_wrap_box_new:
 *
 * Returns: a row of children that wraps into more rows when narrow
 */
GtkWidget *
seats_wrap_box_new (void)
{
  return g_object_new (SEATS_TYPE_WRAP_BOX, NULL);
}
