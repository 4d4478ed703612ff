/* seats-billing-details.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-domain"

#include "config.h"

#include "seats-billing-details.h"
#include "seats-types-private.h"

struct _SeatsBillingDetails
{
  GObject parent_instance;

  char     *company_name;
  char     *vat_number;
  char     *contact_user_id;
  char     *contact_email;
  char     *street;
  char     *postal_code;
  char     *city;
  /* ISO 3166-1 alpha-2 */
  char     *country;
  char     *e_invoice_address;
  char     *operator_code;
  gboolean  e_invoicing;
};

G_DEFINE_FINAL_TYPE (SeatsBillingDetails, seats_billing_details, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_COMPANY_NAME,
  PROP_VAT_NUMBER,
  PROP_CONTACT_USER_ID,
  PROP_CONTACT_EMAIL,
  PROP_STREET,
  PROP_POSTAL_CODE,
  PROP_CITY,
  PROP_COUNTRY,
  PROP_E_INVOICING,
  PROP_E_INVOICE_ADDRESS,
  PROP_OPERATOR_CODE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const gsize field_offsets [N_PROPS] = {
  [PROP_COMPANY_NAME] = SEATS_FIELD (SeatsBillingDetails, company_name),
  [PROP_VAT_NUMBER] = SEATS_FIELD (SeatsBillingDetails, vat_number),
  [PROP_CONTACT_USER_ID] = SEATS_FIELD (SeatsBillingDetails, contact_user_id),
  [PROP_CONTACT_EMAIL] = SEATS_FIELD (SeatsBillingDetails, contact_email),
  [PROP_STREET] = SEATS_FIELD (SeatsBillingDetails, street),
  [PROP_POSTAL_CODE] = SEATS_FIELD (SeatsBillingDetails, postal_code),
  [PROP_CITY] = SEATS_FIELD (SeatsBillingDetails, city),
  [PROP_COUNTRY] = SEATS_FIELD (SeatsBillingDetails, country),
  [PROP_E_INVOICING] = SEATS_FIELD (SeatsBillingDetails, e_invoicing),
  [PROP_E_INVOICE_ADDRESS] = SEATS_FIELD (SeatsBillingDetails, e_invoice_address),
  [PROP_OPERATOR_CODE] = SEATS_FIELD (SeatsBillingDetails, operator_code),
};

SEATS_DEFINE_FIELD_VFUNCS (seats_billing_details)

static void
seats_billing_details_class_init (SeatsBillingDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  SEATS_INSTALL_FIELD_VFUNCS (object_class, seats_billing_details);

  properties [PROP_COMPANY_NAME] =
    g_param_spec_string ("company-name", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_VAT_NUMBER] =
    g_param_spec_string ("vat-number", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_CONTACT_USER_ID] =
    g_param_spec_string ("contact-user-id", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_CONTACT_EMAIL] =
    g_param_spec_string ("contact-email", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_STREET] =
    g_param_spec_string ("street", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_POSTAL_CODE] =
    g_param_spec_string ("postal-code", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_E_INVOICING] =
    g_param_spec_boolean ("e-invoicing", NULL, NULL,
                          FALSE,
                          SEATS_PARAM_FLAGS);

  properties [PROP_E_INVOICE_ADDRESS] =
    g_param_spec_string ("e-invoice-address", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  properties [PROP_OPERATOR_CODE] =
    g_param_spec_string ("operator-code", NULL, NULL,
                         NULL,
                         SEATS_PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seats_billing_details_init (SeatsBillingDetails *self)
{
}

SeatsBillingDetails *
seats_billing_details_new (void)
{
  return g_object_new (SEATS_TYPE_BILLING_DETAILS, NULL);
}

#define ACCESSORS(KIND, ...) \
  SEATS_DEFINE_##KIND (SeatsBillingDetails, seats_billing_details, \
                       SEATS_IS_BILLING_DETAILS, __VA_ARGS__)

ACCESSORS (STRING, company_name, PROP_COMPANY_NAME)
ACCESSORS (STRING, vat_number, PROP_VAT_NUMBER)
ACCESSORS (STRING, contact_user_id, PROP_CONTACT_USER_ID)
ACCESSORS (STRING, contact_email, PROP_CONTACT_EMAIL)
ACCESSORS (STRING, street, PROP_STREET)
ACCESSORS (STRING, postal_code, PROP_POSTAL_CODE)
ACCESSORS (STRING, city, PROP_CITY)
ACCESSORS (STRING, country, PROP_COUNTRY)
ACCESSORS (BOOLEAN, e_invoicing, PROP_E_INVOICING)
ACCESSORS (STRING, e_invoice_address, PROP_E_INVOICE_ADDRESS)
ACCESSORS (STRING, operator_code, PROP_OPERATOR_CODE)
