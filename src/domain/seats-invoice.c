/* seats-invoice.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include "seats-invoice.h"
#include "seats-types-private.h"

struct _SeatsInvoice
{
  GObject parent_instance;

  char    *id;
  char    *number;
  char    *currency;
  char    *status;
  char    *description;
  gint64   amount;
  guint32  issued;
  guint32  due;
};

G_DEFINE_FINAL_TYPE (SeatsInvoice, seats_invoice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_ISSUED,
  PROP_DUE,
  PROP_AMOUNT,
  PROP_CURRENCY,
  PROP_STATUS,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const gsize field_offsets [N_PROPS] = {
  [PROP_ID] = SEATS_FIELD (SeatsInvoice, id),
  [PROP_NUMBER] = SEATS_FIELD (SeatsInvoice, number),
  [PROP_ISSUED] = SEATS_FIELD (SeatsInvoice, issued),
  [PROP_DUE] = SEATS_FIELD (SeatsInvoice, due),
  [PROP_AMOUNT] = SEATS_FIELD (SeatsInvoice, amount),
  [PROP_CURRENCY] = SEATS_FIELD (SeatsInvoice, currency),
  [PROP_STATUS] = SEATS_FIELD (SeatsInvoice, status),
  [PROP_DESCRIPTION] = SEATS_FIELD (SeatsInvoice, description),
};

SEATS_DEFINE_FIELD_VFUNCS (seats_invoice)

static void
seats_invoice_class_init (SeatsInvoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  SEATS_INSTALL_FIELD_VFUNCS (object_class, seats_invoice);

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_ISSUED] =
    g_param_spec_uint ("issued", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  properties [PROP_DUE] =
    g_param_spec_uint ("due", NULL, NULL,
                       0, G_MAXUINT, 0,
                       SEATS_PARAM_FLAGS);

  properties [PROP_AMOUNT] =
    g_param_spec_int64 ("amount", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        SEATS_PARAM_FLAGS);

  properties [PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seats_invoice_init (SeatsInvoice *self)
{
}

SeatsInvoice *
seats_invoice_new (void)
{
  return g_object_new (SEATS_TYPE_INVOICE, NULL);
}

#define ACCESSORS(KIND, ...) \
  SEATS_DEFINE_##KIND (SeatsInvoice, seats_invoice, SEATS_IS_INVOICE, __VA_ARGS__)

ACCESSORS (STRING, id, PROP_ID)
ACCESSORS (STRING, number, PROP_NUMBER)
ACCESSORS (JULIAN, issued, PROP_ISSUED)
ACCESSORS (JULIAN, due, PROP_DUE)
ACCESSORS (INT64, amount, PROP_AMOUNT)
ACCESSORS (STRING, currency, PROP_CURRENCY)
ACCESSORS (STRING, status, PROP_STATUS)
ACCESSORS (STRING, description, PROP_DESCRIPTION)

/**
 * seats_invoice_is_overdue:
 * @self: an invoice
 * @today: today's Julian day, from the clock
 *
 * An open invoice is overdue from the day after its due date: it may be
 * paid on the due date itself.
 *
 * Returns: %TRUE when it is open and its due date has passed
 */
gboolean
seats_invoice_is_overdue (SeatsInvoice *self,
                          guint32       today)
{
  g_return_val_if_fail (SEATS_IS_INVOICE (self), FALSE);

  return g_strcmp0 (self->status, "open") == 0 && self->due != 0 && today > self->due;
}
