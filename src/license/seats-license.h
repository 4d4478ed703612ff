/* seats-license.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* License files (R9): a pending license from the vendor, signed with the
 * vendor's Ed25519 key, so that it can be loaded offline. The server signs
 * and verifies what is imported; the application verifies before it shows
 * anything. Both use this one implementation.
 *
 * The file is a small JSON object:
 *
 *   {"format": "seats-license-1", "payload": "<base64>", "signature": "<base64>"}
 *
 * where the payload is the UTF-8 JSON text of the license and the signature
 * covers exactly those bytes. Signing bytes rather than a parsed object
 * means no canonical JSON form is needed to verify: the verifier checks the
 * bytes first and parses them only when they are the vendor's.
 */

#define SEATS_LICENSE_FORMAT "seats-license-1"

/* Larger files are refused before they are parsed. */
#define SEATS_LICENSE_MAX_FILE_SIZE (256 * 1024)

/* Bounds of what a license may hold. */
#define SEATS_LICENSE_MAX_PRODUCTS 200
#define SEATS_LICENSE_MAX_COUNT    1000000

#define SEATS_LICENSE_ERROR (seats_license_error_quark ())

/**
 * SeatsLicenseError:
 * @SEATS_LICENSE_ERROR_MALFORMED: not a license file, or too large
 * @SEATS_LICENSE_ERROR_BAD_SIGNATURE: the signature is not the vendor's
 * @SEATS_LICENSE_ERROR_WRONG_ORGANIZATION: the license is for another
 *   organization
 * @SEATS_LICENSE_ERROR_NOT_YET_VALID: the issue date is after today
 * @SEATS_LICENSE_ERROR_EXPIRED: the expiry date has passed
 * @SEATS_LICENSE_ERROR_KEY: a key could not be made, read or used
 *
 * Why a license file was refused. Each has a stable code, see
 * seats_license_error_to_code().
 */
typedef enum
{
  SEATS_LICENSE_ERROR_MALFORMED,
  SEATS_LICENSE_ERROR_BAD_SIGNATURE,
  SEATS_LICENSE_ERROR_WRONG_ORGANIZATION,
  SEATS_LICENSE_ERROR_NOT_YET_VALID,
  SEATS_LICENSE_ERROR_EXPIRED,
  SEATS_LICENSE_ERROR_KEY,
} SeatsLicenseError;

/**
 * SeatsLicenseLine:
 * @product_id: the product
 * @name: the product's name
 * @count: the new count of the product
 */
typedef struct
{
  char  *product_id;
  char  *name;
  guint  count;
} SeatsLicenseLine;

/**
 * SeatsLicense:
 * @license_id: the license's identifier
 * @organization: the id of the organization it is for
 * @organization_name: the organization's name, for messages
 * @issued: the day it was issued
 * @expires: the last day it may be loaded
 * @lines: (element-type SeatsLicenseLine): the new counts
 *
 * The content of a license file.
 */
typedef struct
{
  char      *license_id;
  char      *organization;
  char      *organization_name;
  GDate      issued;
  GDate      expires;
  GPtrArray *lines;
} SeatsLicense;

GQuark        seats_license_error_quark     (void);
const char   *seats_license_error_to_code   (SeatsLicenseError   error);

SeatsLicense *seats_license_new             (const char         *license_id,
                                             const char         *organization,
                                             const char         *organization_name,
                                             const GDate        *issued,
                                             const GDate        *expires);
void          seats_license_add_line        (SeatsLicense       *license,
                                             const char         *product_id,
                                             const char         *name,
                                             guint               count);
void          seats_license_free            (SeatsLicense       *license);

gboolean      seats_license_generate_key    (char              **secret_key,
                                             char              **public_key,
                                             GError            **error);
char         *seats_license_sign            (const SeatsLicense *license,
                                             const char         *secret_key,
                                             const char         *public_key,
                                             GError            **error);
char         *seats_license_sign_payload    (const char         *payload,
                                             gsize               length,
                                             const char         *secret_key,
                                             const char         *public_key,
                                             GError            **error);
SeatsLicense *seats_license_verify          (const char         *data,
                                             gsize               length,
                                             const char         *public_key,
                                             const char         *organization,
                                             const GDate        *today,
                                             GError            **error);

gboolean      seats_license_parse_date      (const char         *text,
                                             GDate              *date);
char         *seats_license_format_date     (const GDate        *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsLicense, seats_license_free)

G_END_DECLS
