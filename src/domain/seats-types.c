/* seats-types.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include "seats-types-private.h"

#define FIELD_AT(object, offset, ctype) ((ctype *) (gpointer) (((guint8 *) (object)) + (offset)))

/* GLib 2.74 has no g_set_str (); this is the same, for the same reason. */
static gboolean
set_str (char       **field,
         const char  *value)
{
  char *copy;

  if (*field == value || g_strcmp0 (*field, value) == 0)
    return FALSE;

  copy = g_strdup (value);
  g_free (*field);
  *field = copy;
  return TRUE;
}

gboolean
seats_object_set_string (GObject     *object,
                         char       **field,
                         const char  *value,
                         GParamSpec  *pspec)
{
  if (!set_str (field, value))
    return FALSE;

  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

gboolean
seats_object_set_boolean (GObject    *object,
                          gboolean   *field,
                          gboolean    value,
                          GParamSpec *pspec)
{
  /* Any true value is TRUE, so that 2 and 1 do not count as a change. */
  value = !!value;
  if (*field == value)
    return FALSE;

  *field = value;
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

gboolean
seats_object_set_uint (GObject    *object,
                       guint      *field,
                       guint       value,
                       GParamSpec *pspec)
{
  if (*field == value)
    return FALSE;

  *field = value;
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

gboolean
seats_object_set_int64 (GObject    *object,
                        gint64     *field,
                        gint64      value,
                        GParamSpec *pspec)
{
  if (*field == value)
    return FALSE;

  *field = value;
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

gboolean
seats_object_set_enum (GObject    *object,
                       int        *field,
                       int         value,
                       GParamSpec *pspec)
{
  if (*field == value)
    return FALSE;

  *field = value;
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

gboolean
seats_object_set_object (GObject     *object,
                         GObject    **field,
                         GObject     *value,
                         GParamSpec  *pspec)
{
  if (!g_set_object (field, value))
    return FALSE;

  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

void
seats_fields_get_property (GObject    *object,
                           gsize       offset,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_STRING:
      g_value_set_string (value, *FIELD_AT (object, offset, char *));
      break;

    case G_TYPE_BOOLEAN:
      g_value_set_boolean (value, *FIELD_AT (object, offset, gboolean));
      break;

    case G_TYPE_UINT:
      g_value_set_uint (value, *FIELD_AT (object, offset, guint));
      break;

    case G_TYPE_INT64:
      g_value_set_int64 (value, *FIELD_AT (object, offset, gint64));
      break;

    case G_TYPE_ENUM:
      g_value_set_enum (value, *FIELD_AT (object, offset, int));
      break;

    case G_TYPE_OBJECT:
    case G_TYPE_INTERFACE:
      g_value_set_object (value, *FIELD_AT (object, offset, GObject *));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, pspec->param_id, pspec);
    }
}

void
seats_fields_set_property (GObject      *object,
                           gsize         offset,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_STRING:
      seats_object_set_string (object, FIELD_AT (object, offset, char *),
                               g_value_get_string (value), pspec);
      break;

    case G_TYPE_BOOLEAN:
      seats_object_set_boolean (object, FIELD_AT (object, offset, gboolean),
                                g_value_get_boolean (value), pspec);
      break;

    case G_TYPE_UINT:
      seats_object_set_uint (object, FIELD_AT (object, offset, guint),
                             g_value_get_uint (value), pspec);
      break;

    case G_TYPE_INT64:
      seats_object_set_int64 (object, FIELD_AT (object, offset, gint64),
                              g_value_get_int64 (value), pspec);
      break;

    case G_TYPE_ENUM:
      seats_object_set_enum (object, FIELD_AT (object, offset, int),
                             g_value_get_enum (value), pspec);
      break;

    case G_TYPE_OBJECT:
      seats_object_set_object (object, FIELD_AT (object, offset, GObject *),
                               g_value_get_object (value), pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, pspec->param_id, pspec);
    }
}

void
seats_fields_clear (GObject     *object,
                    GParamSpec **pspecs,
                    const gsize *offsets,
                    guint        n_pspecs)
{
  /* Property ids start at 1; pspecs[0] is PROP_0. */
  for (guint i = 1; i < n_pspecs; i++)
    {
      GType type = G_TYPE_FUNDAMENTAL (G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));

      if (type == G_TYPE_STRING)
        g_clear_pointer (FIELD_AT (object, offsets[i], char *), g_free);
      else if (type == G_TYPE_OBJECT || type == G_TYPE_INTERFACE)
        g_clear_object (FIELD_AT (object, offsets[i], GObject *));
    }
}

guint32
seats_julian_from_date (const GDate *date)
{
  g_return_val_if_fail (date != NULL, SEATS_JULIAN_NONE);

  if (!g_date_valid (date))
    return SEATS_JULIAN_NONE;

  return g_date_get_julian (date);
}

/**
 * seats_julian_from_ymd:
 *
 * Returns: the Julian day of a calendar date, or %SEATS_JULIAN_NONE when
 *   there is no such date (30 February)
 */
guint32
seats_julian_from_ymd (int year,
                       int month,
                       int day)
{
  GDate date;

  if (year < 1 || year > G_MAXUINT16 || month < 1 || month > 12 || day < 1 || day > 31)
    return SEATS_JULIAN_NONE;
  if (!g_date_valid_dmy (day, month, year))
    return SEATS_JULIAN_NONE;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

/**
 * seats_julian_to_date:
 * @julian: a Julian day or %SEATS_JULIAN_NONE
 * @date: (out caller-allocates): the date to fill
 *
 * Returns: %TRUE when @julian is a date; otherwise @date is cleared
 */
gboolean
seats_julian_to_date (guint32  julian,
                      GDate   *date)
{
  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (!g_date_valid_julian (julian))
    return FALSE;

  g_date_set_julian (date, julian);
  return TRUE;
}

/**
 * seats_object_dup:
 * @object: (type GObject): one of the domain's records
 *
 * A record is changed by making a new one (the one a view shows stays as
 * it is until the new one replaces it): this copies every property.
 *
 * Returns: (transfer full) (type GObject): a copy of @object
 */
gpointer
seats_object_dup (gpointer object)
{
  g_autofree GParamSpec **pspecs = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  GObject *copy;
  guint n = 0;

  g_return_val_if_fail (G_IS_OBJECT (object), NULL);

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n);
  for (guint i = 0; i < n; i++)
    {
      GValue value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE ||
          (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (object, pspecs[i]->name, &value);
      g_ptr_array_add (names, (gpointer) pspecs[i]->name);
      g_array_append_val (values, value);
    }

  copy = g_object_new_with_properties (G_OBJECT_TYPE (object), names->len,
                                       (const char **) names->pdata,
                                       (const GValue *) (gpointer) values->data);

  return copy;
}
