/* seats-types-private.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "seats-types.h"

G_BEGIN_DECLS

/*
 * The domain types are plain records with many properties. Rather than
 * writing the same get_property/set_property/finalize switch and the same
 * accessor pair a hundred times, each class lists where every property
 * lives in its struct (an offset per property id) and these helpers do the
 * rest, keyed by the type of the GParamSpec:
 *
 *   G_TYPE_STRING  char *        G_TYPE_INT64   gint64
 *   G_TYPE_BOOLEAN gboolean      G_TYPE_UINT    guint (also Julian days)
 *   an enum        the enum      an object      a strong reference
 *
 * Setters notify only when the value changes.
 */

gboolean seats_object_set_string  (GObject     *object,
                                   char       **field,
                                   const char  *value,
                                   GParamSpec  *pspec);
gboolean seats_object_set_boolean (GObject     *object,
                                   gboolean    *field,
                                   gboolean     value,
                                   GParamSpec  *pspec);
gboolean seats_object_set_uint    (GObject     *object,
                                   guint       *field,
                                   guint        value,
                                   GParamSpec  *pspec);
gboolean seats_object_set_int64   (GObject     *object,
                                   gint64      *field,
                                   gint64       value,
                                   GParamSpec  *pspec);
gboolean seats_object_set_enum    (GObject     *object,
                                   int         *field,
                                   int          value,
                                   GParamSpec  *pspec);
gboolean seats_object_set_object  (GObject     *object,
                                   GObject    **field,
                                   GObject     *value,
                                   GParamSpec  *pspec);

void     seats_fields_get_property (GObject      *object,
                                    gsize         offset,
                                    GValue       *value,
                                    GParamSpec   *pspec);
void     seats_fields_set_property (GObject      *object,
                                    gsize         offset,
                                    const GValue *value,
                                    GParamSpec   *pspec);
void     seats_fields_clear        (GObject      *object,
                                    GParamSpec  **pspecs,
                                    const gsize  *offsets,
                                    guint         n_pspecs);

/* The enums are stored in int fields by the helpers above. */
G_STATIC_ASSERT (sizeof (guint) == sizeof (guint32));

#define SEATS_PARAM_FLAGS \
  (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

#define SEATS_FIELD(TypeName, field) G_STRUCT_OFFSET (TypeName, field)

/* get_property, set_property and finalize of a class whose properties
 * are all plain fields, listed in field_offsets[]. */
#define SEATS_DEFINE_FIELD_VFUNCS(type_name)                                   \
  static void                                                                  \
  type_name##_get_property (GObject    *object,                                \
                            guint       prop_id,                               \
                            GValue     *value,                                 \
                            GParamSpec *pspec)                                 \
  {                                                                            \
    seats_fields_get_property (object, field_offsets[prop_id], value, pspec);  \
  }                                                                            \
                                                                               \
  static void                                                                  \
  type_name##_set_property (GObject      *object,                              \
                            guint         prop_id,                             \
                            const GValue *value,                               \
                            GParamSpec   *pspec)                               \
  {                                                                            \
    seats_fields_set_property (object, field_offsets[prop_id], value, pspec);  \
  }                                                                            \
                                                                               \
  static void                                                                  \
  type_name##_finalize (GObject *object)                                       \
  {                                                                            \
    seats_fields_clear (object, properties, field_offsets, N_PROPS);           \
    G_OBJECT_CLASS (type_name##_parent_class)->finalize (object);              \
  }

#define SEATS_INSTALL_FIELD_VFUNCS(object_class, type_name)                    \
  G_STMT_START {                                                               \
    (object_class)->get_property = type_name##_get_property;                   \
    (object_class)->set_property = type_name##_set_property;                   \
    (object_class)->finalize = type_name##_finalize;                           \
  } G_STMT_END

/* A public getter and setter pair for one field. IS is the type check
 * macro (SEATS_IS_USER), PROP the property id of the field. */
#define SEATS_DEFINE_ACCESSORS(TypeName, type_name, IS, get_type, set_type,    \
                               fallback, name, field, PROP, set_func, cast)    \
  get_type                                                                     \
  type_name##_get_##name (TypeName *self)                                      \
  {                                                                            \
    g_return_val_if_fail (IS (self), fallback);                                \
    return self->field;                                                        \
  }                                                                            \
                                                                               \
  void                                                                         \
  type_name##_set_##name (TypeName *self,                                      \
                          set_type  value)                                     \
  {                                                                            \
    g_return_if_fail (IS (self));                                              \
    set_func (G_OBJECT (self), cast &self->field, value, properties[PROP]);    \
  }

#define SEATS_DEFINE_STRING(T, t, IS, field, PROP)                             \
  SEATS_DEFINE_ACCESSORS (T, t, IS, const char *, const char *, NULL,          \
                          field, field, PROP, seats_object_set_string, )
#define SEATS_DEFINE_BOOLEAN(T, t, IS, field, PROP)                            \
  SEATS_DEFINE_ACCESSORS (T, t, IS, gboolean, gboolean, FALSE,                 \
                          field, field, PROP, seats_object_set_boolean, )
#define SEATS_DEFINE_UINT(T, t, IS, field, PROP)                               \
  SEATS_DEFINE_ACCESSORS (T, t, IS, guint, guint, 0,                           \
                          field, field, PROP, seats_object_set_uint, )
#define SEATS_DEFINE_JULIAN(T, t, IS, field, PROP)                             \
  SEATS_DEFINE_ACCESSORS (T, t, IS, guint32, guint32, SEATS_JULIAN_NONE,       \
                          field##_julian, field, PROP,                         \
                          seats_object_set_uint, (guint *))
#define SEATS_DEFINE_INT64(T, t, IS, field, PROP)                              \
  SEATS_DEFINE_ACCESSORS (T, t, IS, gint64, gint64, 0,                         \
                          field, field, PROP, seats_object_set_int64, )
#define SEATS_DEFINE_ENUM(T, t, IS, EnumType, field, PROP)                     \
  SEATS_DEFINE_ACCESSORS (T, t, IS, EnumType, EnumType, 0,                     \
                          field, field, PROP, seats_object_set_enum, (int *))

G_END_DECLS
