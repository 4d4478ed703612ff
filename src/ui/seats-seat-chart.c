/* seats-seat-chart.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-seat-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-domain.h"
#include "seats-format.h"
#include "seats-seat-chart.h"

/* Purchased licenses as a step line and licenses in use as a filled area,
 * one column per month of the past year. The legend says which is which
 * by shape and text, not by colour alone. */

#define MAX_MONTHS   12
#define PADDING      6
#define TICK_GAP     8
#define LEGEND_GAP   16
#define SWATCH_SIZE  12
#define MIN_HEIGHT   200

struct _SeatsSeatChart
{
  GtkWidget   parent_instance;

  GListModel *model;
};

G_DEFINE_FINAL_TYPE (SeatsSeatChart, seats_seat_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  SeatsHistoryPoint *pa = *(SeatsHistoryPoint **) a;
  SeatsHistoryPoint *pb = *(SeatsHistoryPoint **) b;
  guint32 ma = seats_history_point_get_month_julian (pa);
  guint32 mb = seats_history_point_get_month_julian (pb);

  return ma < mb ? -1 : ma > mb;
}

/* The last twelve months, oldest first. */
static GPtrArray *
collect_points (GListModel *model)
{
  GPtrArray *points = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (points, g_list_model_get_item (model, i));

  g_ptr_array_sort (points, compare_points);

  if (points->len > MAX_MONTHS)
    g_ptr_array_remove_range (points, 0, points->len - MAX_MONTHS);

  return points;
}

static guint
nice_step (guint max_value)
{
  static const guint factors[] = { 1, 2, 5 };
  guint scale = 1;

  /* The smallest of 1, 2, 5, 10, 20, 50, ... that needs at most 4 steps. */
  for (;;)
    {
      for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
        {
          guint step = factors[i] * scale;

          if (step * 4 >= max_value)
            return step;
        }

      if (scale > G_MAXUINT / 10)
        return G_MAXUINT / 4;
      scale *= 10;
    }
}

static void
update_description (SeatsSeatChart *self)
{
  g_autofree char *description = seats_seat_chart_describe (self->model);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
items_changed_cb (SeatsSeatChart *self,
                  guint           position,
                  guint           removed,
                  guint           added,
                  GListModel     *model)
{
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static PangoLayout *
make_layout (SeatsSeatChart *self,
             const char     *text,
             int            *width,
             int            *height)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  pango_layout_get_pixel_size (layout, width, height);

  return layout;
}

static void
set_color (cairo_t       *cr,
           const GdkRGBA *color,
           double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
draw_legend (SeatsSeatChart *self,
             cairo_t        *cr,
             const GdkRGBA  *fg,
             const GdkRGBA  *accent,
             int             width,
             int             y)
{
  g_autoptr(PangoLayout) purchased = NULL;
  g_autoptr(PangoLayout) used = NULL;
  int pw, ph, uw, uh, total, x;

  purchased = make_layout (self, _("Purchased"), &pw, &ph);
  used = make_layout (self, _("In use"), &uw, &uh);

  total = SWATCH_SIZE + PADDING + pw + LEGEND_GAP + SWATCH_SIZE + PADDING + uw;
  x = MAX (0, width - total);

  /* A line for purchased, as in the plot. */
  set_color (cr, fg, 0.8);
  cairo_set_line_width (cr, 2);
  cairo_move_to (cr, x, y + ph / 2.0);
  cairo_line_to (cr, x + SWATCH_SIZE, y + ph / 2.0);
  cairo_stroke (cr);
  x += SWATCH_SIZE + PADDING;
  set_color (cr, fg, 1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, purchased);
  x += pw + LEGEND_GAP;

  /* A filled square for in use, as in the plot. */
  set_color (cr, accent, 0.35);
  cairo_rectangle (cr, x, y + (uh - SWATCH_SIZE) / 2.0, SWATCH_SIZE, SWATCH_SIZE);
  cairo_fill_preserve (cr);
  set_color (cr, accent, 1);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  x += SWATCH_SIZE + PADDING;
  set_color (cr, fg, 1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, used);
}

static void
draw_chart (SeatsSeatChart *self,
            cairo_t        *cr,
            int             width,
            int             height)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  g_autoptr(GPtrArray) points = collect_points (self->model);
  g_autoptr(PangoLayout) probe = NULL;
  GdkRGBA fg, accent;
  guint max_value = 1, step, n_ticks;
  int line_height, label_width = 0, probe_width;
  double left, top, right, bottom, column;
  guint label_every = 1;

  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    accent = fg;

  probe = make_layout (self, "0", &probe_width, &line_height);

  draw_legend (self, cr, &fg, &accent, width, 0);

  if (points->len == 0)
    return;

  for (guint i = 0; i < points->len; i++)
    {
      SeatsHistoryPoint *point = g_ptr_array_index (points, i);

      max_value = MAX (max_value, seats_history_point_get_purchased (point));
      max_value = MAX (max_value, seats_history_point_get_used (point));
    }

  step = nice_step (max_value);
  n_ticks = (max_value + step - 1) / step;
  max_value = n_ticks * step;

  for (guint i = 0; i <= n_ticks; i++)
    {
      g_autofree char *text = seats_format_count ((guint64) i * step);
      g_autoptr(PangoLayout) layout = NULL;
      int w, h;

      layout = make_layout (self, text, &w, &h);
      label_width = MAX (label_width, w);
    }

  left = label_width + TICK_GAP;
  top = line_height + LEGEND_GAP;
  right = width - 1;
  bottom = height - line_height - PADDING;
  if (right - left < 10 || bottom - top < 10)
    return;

  column = (right - left) / points->len;

  /* Horizontal grid lines with their counts. */
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i <= n_ticks; i++)
    {
      g_autofree char *text = seats_format_count ((guint64) i * step);
      g_autoptr(PangoLayout) layout = NULL;
      double y = bottom - (bottom - top) * i / n_ticks;
      int w, h;

      layout = make_layout (self, text, &w, &h);
      set_color (cr, &fg, 0.6);
      cairo_move_to (cr, left - TICK_GAP - w, y - h / 2.0);
      pango_cairo_show_layout (cr, layout);

      set_color (cr, &fg, i == 0 ? 0.4 : 0.12);
      cairo_move_to (cr, left, (int) y + 0.5);
      cairo_line_to (cr, right, (int) y + 0.5);
      cairo_stroke (cr);
    }

  /* In use: a filled area through the middle of each month. */
  cairo_move_to (cr, left, bottom);
  for (guint i = 0; i < points->len; i++)
    {
      SeatsHistoryPoint *point = g_ptr_array_index (points, i);
      double y = bottom - (bottom - top) * seats_history_point_get_used (point) / max_value;

      if (i == 0)
        cairo_line_to (cr, left, y);
      cairo_line_to (cr, left + column * (i + 0.5), y);
      if (i == points->len - 1)
        cairo_line_to (cr, right, y);
    }
  cairo_line_to (cr, right, bottom);
  cairo_close_path (cr);
  set_color (cr, &accent, 0.3);
  cairo_fill (cr);

  cairo_set_line_width (cr, 2);
  set_color (cr, &accent, 1);
  for (guint i = 0; i < points->len; i++)
    {
      SeatsHistoryPoint *point = g_ptr_array_index (points, i);
      double y = bottom - (bottom - top) * seats_history_point_get_used (point) / max_value;

      if (i == 0)
        cairo_move_to (cr, left, y);
      cairo_line_to (cr, left + column * (i + 0.5), y);
      if (i == points->len - 1)
        cairo_line_to (cr, right, y);
    }
  cairo_stroke (cr);

  /* Purchased: a step per month, since licenses are bought for a period. */
  set_color (cr, &fg, 0.8);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < points->len; i++)
    {
      SeatsHistoryPoint *point = g_ptr_array_index (points, i);
      double y = bottom - (bottom - top) * seats_history_point_get_purchased (point) / max_value;

      if (i == 0)
        cairo_move_to (cr, left, y);
      else
        cairo_line_to (cr, left + column * i, y);
      cairo_line_to (cr, left + column * (i + 1), y);
    }
  cairo_stroke (cr);

  /* Month names under the columns, every other one when narrow. */
  for (guint i = 0; i < points->len; i++)
    {
      SeatsHistoryPoint *point = g_ptr_array_index (points, i);
      g_autofree char *text = seats_format_month (seats_history_point_get_month_julian (point));
      g_autoptr(PangoLayout) layout = NULL;
      int w, h;

      layout = make_layout (self, text, &w, &h);
      while (label_every < points->len && (w + PADDING) * 1.0 > column * label_every)
        label_every++;
    }

  set_color (cr, &fg, 0.7);
  for (guint i = 0; i < points->len; i++)
    {
      SeatsHistoryPoint *point = g_ptr_array_index (points, i);
      g_autofree char *text = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      int w, h;

      /* Always label the latest month. */
      if ((points->len - 1 - i) % label_every != 0)
        continue;

      text = seats_format_month (seats_history_point_get_month_julian (point));
      layout = make_layout (self, text, &w, &h);
      cairo_move_to (cr, left + column * (i + 0.5) - w / 2.0, bottom + PADDING);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
seats_seat_chart_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SeatsSeatChart *self = SEATS_SEAT_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_chart (self, cr, width, height);
  cairo_destroy (cr);
}

static void
seats_seat_chart_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 600;
    }
  else
    {
      *minimum = MIN_HEIGHT;
      *natural = MIN_HEIGHT + 40;
    }
}

static void
seats_seat_chart_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (seats_seat_chart_parent_class)->css_changed (widget, change);

  /* Light and dark styles change the colours. */
  gtk_widget_queue_draw (widget);
}

static void
seats_seat_chart_dispose (GObject *object)
{
  SeatsSeatChart *self = SEATS_SEAT_CHART (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (seats_seat_chart_parent_class)->dispose (object);
}

static void
seats_seat_chart_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SeatsSeatChart *self = SEATS_SEAT_CHART (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seats_seat_chart_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SeatsSeatChart *self = SEATS_SEAT_CHART (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      seats_seat_chart_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seats_seat_chart_class_init (SeatsSeatChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seats_seat_chart_dispose;
  object_class->get_property = seats_seat_chart_get_property;
  object_class->set_property = seats_seat_chart_set_property;

  widget_class->snapshot = seats_seat_chart_snapshot;
  widget_class->measure = seats_seat_chart_measure;
  widget_class->css_changed = seats_seat_chart_css_changed;

  properties [PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "seats-seat-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
seats_seat_chart_init (SeatsSeatChart *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Licenses over the past year"),
                                  -1);
  update_description (self);
}

GtkWidget *
seats_seat_chart_new (void)
{
  return g_object_new (SEATS_TYPE_SEAT_CHART, NULL);
}

GListModel *
seats_seat_chart_get_model (SeatsSeatChart *self)
{
  g_return_val_if_fail (SEATS_IS_SEAT_CHART (self), NULL);

  return self->model;
}

/**
 * seats_seat_chart_set_model:
 * @self: a #SeatsSeatChart
 * @model: (nullable): a #GListModel of #SeatsHistoryPoint
 *
 * Shows @model, and follows its changes.
 */
void
seats_seat_chart_set_model (SeatsSeatChart *self,
                            GListModel     *model)
{
  g_return_if_fail (SEATS_IS_SEAT_CHART (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);

  g_set_object (&self->model, model);

  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self,
                             G_CONNECT_SWAPPED);

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODEL]);
}

/**
 * seats_seat_chart_describe:
 * @model: (nullable): a #GListModel of #SeatsHistoryPoint
 *
 * The chart in words, for screen readers.
 *
 * Returns: (transfer full): a sentence that summarises @model
 */
char *
seats_seat_chart_describe (GListModel *model)
{
  g_autoptr(GPtrArray) points = collect_points (model);
  SeatsHistoryPoint *first, *last;
  g_autofree char *purchased_from = NULL;
  g_autofree char *purchased_to = NULL;
  g_autofree char *used_from = NULL;
  g_autofree char *used_to = NULL;

  if (points->len == 0)
    return g_strdup (_("No license history yet."));

  first = g_ptr_array_index (points, 0);
  last = g_ptr_array_index (points, points->len - 1);
  purchased_from = seats_format_count (seats_history_point_get_purchased (first));
  purchased_to = seats_format_count (seats_history_point_get_purchased (last));
  used_from = seats_format_count (seats_history_point_get_used (first));
  used_to = seats_format_count (seats_history_point_get_used (last));

  return g_strdup_printf (ngettext ("Over the past %u month, purchased licenses went from %s to %s; "
                                    "in use from %s to %s.",
                                    "Over the past %u months, purchased licenses went from %s to %s; "
                                    "in use from %s to %s.",
                                    points->len),
                          points->len, purchased_from, purchased_to, used_from, used_to);
}
