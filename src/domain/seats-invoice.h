/* seats-invoice.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-types.h"

G_BEGIN_DECLS

#define SEATS_TYPE_INVOICE (seats_invoice_get_type ())

G_DECLARE_FINAL_TYPE (SeatsInvoice, seats_invoice, SEATS, INVOICE, GObject)

/*
 * SeatsInvoice: an invoice of the subscription.
 *
 * status is the server's stable name of its state ("open", "paid",
 * "overdue", ...); the interface translates the names it knows.
 * description is the server's one line about what the invoice is for
 * ("User licenses, May 2026"), shown as it comes.
 */
SeatsInvoice *seats_invoice_new               (void);
const char   *seats_invoice_get_id            (SeatsInvoice *self);
void          seats_invoice_set_id            (SeatsInvoice *self,
                                               const char   *id);
const char   *seats_invoice_get_number        (SeatsInvoice *self);
void          seats_invoice_set_number        (SeatsInvoice *self,
                                               const char   *number);
guint32       seats_invoice_get_issued_julian (SeatsInvoice *self);
void          seats_invoice_set_issued_julian (SeatsInvoice *self,
                                               guint32       issued);
guint32       seats_invoice_get_due_julian    (SeatsInvoice *self);
void          seats_invoice_set_due_julian    (SeatsInvoice *self,
                                               guint32       due);
gint64        seats_invoice_get_amount        (SeatsInvoice *self);
void          seats_invoice_set_amount        (SeatsInvoice *self,
                                               gint64        amount);
const char   *seats_invoice_get_currency      (SeatsInvoice *self);
void          seats_invoice_set_currency      (SeatsInvoice *self,
                                               const char   *currency);
const char   *seats_invoice_get_status        (SeatsInvoice *self);
void          seats_invoice_set_status        (SeatsInvoice *self,
                                               const char   *status);
const char   *seats_invoice_get_description   (SeatsInvoice *self);
void          seats_invoice_set_description   (SeatsInvoice *self,
                                               const char   *description);

gboolean      seats_invoice_is_overdue        (SeatsInvoice *self,
                                               guint32       today);

G_END_DECLS
