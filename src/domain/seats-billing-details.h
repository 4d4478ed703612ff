/* seats-billing-details.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seats-types.h"

G_BEGIN_DECLS

#define SEATS_TYPE_BILLING_DETAILS (seats_billing_details_get_type ())

G_DECLARE_FINAL_TYPE (SeatsBillingDetails, seats_billing_details, SEATS, BILLING_DETAILS, GObject)

/*
 * SeatsBillingDetails: who receives the invoices and where (R13).
 *
 * company-name and vat-number are shown read-only. The billing contact is
 * either one of the users (contact-user-id, a SCIM id) or a typed e-mail
 * address (contact-email); the other one is %NULL. The postal address is
 * required even with e-invoicing.
 */
SeatsBillingDetails *seats_billing_details_new                   (void);
const char          *seats_billing_details_get_company_name      (SeatsBillingDetails *self);
void                 seats_billing_details_set_company_name      (SeatsBillingDetails *self,
                                                                  const char          *value);
const char          *seats_billing_details_get_vat_number        (SeatsBillingDetails *self);
void                 seats_billing_details_set_vat_number        (SeatsBillingDetails *self,
                                                                  const char          *vat_number);
const char          *seats_billing_details_get_contact_user_id   (SeatsBillingDetails *self);
void                 seats_billing_details_set_contact_user_id   (SeatsBillingDetails *self,
                                                                  const char          *value);
const char          *seats_billing_details_get_contact_email     (SeatsBillingDetails *self);
void                 seats_billing_details_set_contact_email     (SeatsBillingDetails *self,
                                                                  const char          *value);
const char          *seats_billing_details_get_street            (SeatsBillingDetails *self);
void                 seats_billing_details_set_street            (SeatsBillingDetails *self,
                                                                  const char          *street);
const char          *seats_billing_details_get_postal_code       (SeatsBillingDetails *self);
void                 seats_billing_details_set_postal_code       (SeatsBillingDetails *self,
                                                                  const char          *value);
const char          *seats_billing_details_get_city              (SeatsBillingDetails *self);
void                 seats_billing_details_set_city              (SeatsBillingDetails *self,
                                                                  const char          *city);
const char          *seats_billing_details_get_country           (SeatsBillingDetails *self);
void                 seats_billing_details_set_country           (SeatsBillingDetails *self,
                                                                  const char          *country);
gboolean             seats_billing_details_get_e_invoicing       (SeatsBillingDetails *self);
void                 seats_billing_details_set_e_invoicing       (SeatsBillingDetails *self,
                                                                  gboolean             value);
const char          *seats_billing_details_get_e_invoice_address (SeatsBillingDetails *self);
void                 seats_billing_details_set_e_invoice_address (SeatsBillingDetails *self,
                                                                  const char          *value);
const char          *seats_billing_details_get_operator_code     (SeatsBillingDetails *self);
void                 seats_billing_details_set_operator_code     (SeatsBillingDetails *self,
                                                                  const char          *value);

G_END_DECLS
