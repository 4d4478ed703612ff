/* seats-license.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-license"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <json-glib/json-glib.h>

#include "seats-json-reader.h"
#include "seats-license.h"

#define ED25519_KEY_SIZE       32
#define ED25519_SIGNATURE_SIZE 64
#define MAX_STRING_LENGTH      200

G_DEFINE_QUARK (seats-license-error-quark, seats_license_error)

static const char *license_error_codes[] = {
  [SEATS_LICENSE_ERROR_MALFORMED] = "license-malformed",
  [SEATS_LICENSE_ERROR_BAD_SIGNATURE] = "license-bad-signature",
  [SEATS_LICENSE_ERROR_WRONG_ORGANIZATION] = "license-wrong-organization",
  [SEATS_LICENSE_ERROR_NOT_YET_VALID] = "license-not-yet-valid",
  [SEATS_LICENSE_ERROR_EXPIRED] = "license-expired",
  [SEATS_LICENSE_ERROR_KEY] = "license-key",
};

G_STATIC_ASSERT (G_N_ELEMENTS (license_error_codes) == SEATS_LICENSE_ERROR_KEY + 1);

static void
license_line_free (gpointer data)
{
  SeatsLicenseLine *line = data;

  g_free (line->product_id);
  g_free (line->name);
  g_free (line);
}

/* g_base64_decode() skips characters that are not base64, so a damaged
 * string would decode to something. Only the exact encoding is accepted. */
static GBytes *
decode_base64_strictly (const char *text,
                        gsize       expected_length)
{
  g_autofree guchar *data = NULL;
  g_autofree char *again = NULL;
  gsize length = 0;

  if (text == NULL || *text == '\0' || strlen (text) % 4 != 0)
    return NULL;

  data = g_base64_decode (text, &length);
  if (data == NULL || (expected_length > 0 && length != expected_length))
    return NULL;

  again = g_base64_encode (data, length);
  if (g_strcmp0 (again, text) != 0)
    return NULL;

  return g_bytes_new_take (g_steal_pointer (&data), length);
}

static gboolean
set_key_error (int      ret,
               GError **error)
{
  g_set_error (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_KEY,
               _("The license key could not be used: %s"), gnutls_strerror (ret));
  return FALSE;
}

static gboolean
import_secret_key (gnutls_privkey_t  key,
                   const char       *secret_key,
                   const char       *public_key,
                   GError          **error)
{
  g_autoptr(GBytes) secret = decode_base64_strictly (secret_key, ED25519_KEY_SIZE);
  g_autoptr(GBytes) public = decode_base64_strictly (public_key, ED25519_KEY_SIZE);
  gnutls_datum_t x;
  gnutls_datum_t k;
  gsize length;
  int ret;

  if (secret == NULL || public == NULL)
    {
      g_set_error_literal (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_KEY,
                           _("The license key is not a valid Ed25519 key."));
      return FALSE;
    }

  x.data = (unsigned char *) g_bytes_get_data (public, &length);
  x.size = length;
  k.data = (unsigned char *) g_bytes_get_data (secret, &length);
  k.size = length;

  ret = gnutls_privkey_import_ecc_raw (key, GNUTLS_ECC_CURVE_ED25519, &x, NULL, &k);
  if (ret < 0)
    return set_key_error (ret, error);

  return TRUE;
}

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
set_malformed (GError     **error,
               const char  *why)
{
  g_set_error (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_MALFORMED,
               _("This is not a valid license file: %s"), why);
  return FALSE;
}

static SeatsLicense *
parse_payload (const char  *data,
               gsize        length,
               GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(SeatsLicense) license = NULL;
  JsonObject *object;
  JsonNode *products;
  JsonArray *array;
  const char *license_id;
  const char *organization;
  const char *organization_name;
  GDate issued;
  GDate expires;

  if (!(root = seats_json_read (data, length, NULL)) || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_malformed (error, _("the license inside is not JSON."));
      return NULL;
    }

  object = json_node_get_object (root);
  license_id = get_string_member (object, "license_id");
  organization = get_string_member (object, "organization");
  organization_name = get_string_member (object, "organization_name");
  products = json_object_get_member (object, "products");

  if (license_id == NULL || organization == NULL || organization_name == NULL ||
      strlen (license_id) > MAX_STRING_LENGTH || strlen (organization) > MAX_STRING_LENGTH ||
      strlen (organization_name) > MAX_STRING_LENGTH ||
      !seats_license_parse_date (get_string_member (object, "issued"), &issued) ||
      !seats_license_parse_date (get_string_member (object, "expires"), &expires) ||
      products == NULL || !JSON_NODE_HOLDS_ARRAY (products))
    {
      set_malformed (error, _("a field of the license is missing or wrong."));
      return NULL;
    }

  array = json_node_get_array (products);
  if (json_array_get_length (array) > SEATS_LICENSE_MAX_PRODUCTS)
    {
      set_malformed (error, _("it lists too many products."));
      return NULL;
    }

  license = seats_license_new (license_id, organization, organization_name, &issued, &expires);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *line;
      JsonNode *count;
      const char *product_id;
      const char *name;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          set_malformed (error, _("a product of the license is wrong."));
          return NULL;
        }

      line = json_node_get_object (node);
      product_id = get_string_member (line, "product_id");
      name = get_string_member (line, "name");
      count = json_object_get_member (line, "count");

      if (product_id == NULL || name == NULL || count == NULL ||
          strlen (product_id) > MAX_STRING_LENGTH || strlen (name) > MAX_STRING_LENGTH ||
          !JSON_NODE_HOLDS_VALUE (count) || json_node_get_value_type (count) != G_TYPE_INT64 ||
          json_node_get_int (count) < 0 || json_node_get_int (count) > SEATS_LICENSE_MAX_COUNT)
        {
          set_malformed (error, _("a product of the license is wrong."));
          return NULL;
        }

      seats_license_add_line (license, product_id, name, (guint) json_node_get_int (count));
    }

  return g_steal_pointer (&license);
}

const char *
seats_license_error_to_code (SeatsLicenseError error)
{
  g_return_val_if_fail (error <= SEATS_LICENSE_ERROR_KEY, "license-malformed");

  return license_error_codes[error];
}

/**
 * seats_license_new:
 *
 * Returns: (transfer full): a license without products, to sign
 */
SeatsLicense *
seats_license_new (const char  *license_id,
                   const char  *organization,
                   const char  *organization_name,
                   const GDate *issued,
                   const GDate *expires)
{
  SeatsLicense *license;

  g_return_val_if_fail (license_id != NULL, NULL);
  g_return_val_if_fail (organization != NULL, NULL);
  g_return_val_if_fail (issued != NULL && g_date_valid (issued), NULL);
  g_return_val_if_fail (expires != NULL && g_date_valid (expires), NULL);

  license = g_new0 (SeatsLicense, 1);
  license->license_id = g_strdup (license_id);
  license->organization = g_strdup (organization);
  license->organization_name = g_strdup (organization_name ? organization_name : "");
  license->issued = *issued;
  license->expires = *expires;
  license->lines = g_ptr_array_new_with_free_func (license_line_free);

  return license;
}

void
seats_license_add_line (SeatsLicense *license,
                        const char   *product_id,
                        const char   *name,
                        guint         count)
{
  SeatsLicenseLine *line;

  g_return_if_fail (license != NULL);
  g_return_if_fail (product_id != NULL);

  line = g_new0 (SeatsLicenseLine, 1);
  line->product_id = g_strdup (product_id);
  line->name = g_strdup (name ? name : product_id);
  line->count = count;
  g_ptr_array_add (license->lines, line);
}

void
seats_license_free (SeatsLicense *license)
{
  if (license == NULL)
    return;

  g_free (license->license_id);
  g_free (license->organization);
  g_free (license->organization_name);
  g_ptr_array_unref (license->lines);
  g_free (license);
}

/**
 * seats_license_generate_key:
 * @secret_key: (out) (transfer full): the 32-byte Ed25519 secret, in base64
 * @public_key: (out) (transfer full): the 32-byte public key, in base64
 *
 * Makes a new vendor key.
 */
gboolean
seats_license_generate_key (char   **secret_key,
                            char   **public_key,
                            GError **error)
{
  gnutls_privkey_t key = NULL;
  gnutls_ecc_curve_t curve;
  gnutls_datum_t x = { NULL, 0 };
  gnutls_datum_t k = { NULL, 0 };
  gboolean ok = FALSE;
  int ret;

  g_return_val_if_fail (secret_key != NULL, FALSE);
  g_return_val_if_fail (public_key != NULL, FALSE);

  if ((ret = gnutls_privkey_init (&key)) < 0 ||
      (ret = gnutls_privkey_generate (key, GNUTLS_PK_EDDSA_ED25519,
                                      GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_ED25519), 0)) < 0 ||
      (ret = gnutls_privkey_export_ecc_raw (key, &curve, &x, NULL, &k)) < 0)
    set_key_error (ret, error);
  else if (x.size != ED25519_KEY_SIZE || k.size != ED25519_KEY_SIZE)
    set_key_error (GNUTLS_E_INVALID_REQUEST, error);
  else
    {
      *secret_key = g_base64_encode (k.data, k.size);
      *public_key = g_base64_encode (x.data, x.size);
      ok = TRUE;
    }

  if (k.data != NULL)
    {
      gnutls_memset (k.data, 0, k.size);
      gnutls_free (k.data);
    }
  gnutls_free (x.data);
  if (key != NULL)
    gnutls_privkey_deinit (key);

  return ok;
}

/**
 * seats_license_sign:
 *
 * Returns: (transfer full): the text of the signed license file
 */
char *
seats_license_sign (const SeatsLicense  *license,
                    const char          *secret_key,
                    const char          *public_key,
                    GError             **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *issued = NULL;
  g_autofree char *expires = NULL;
  gsize length;

  g_return_val_if_fail (license != NULL, NULL);
  g_return_val_if_fail (secret_key != NULL, NULL);
  g_return_val_if_fail (public_key != NULL, NULL);

  issued = seats_license_format_date (&license->issued);
  expires = seats_license_format_date (&license->expires);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "license_id");
  json_builder_add_string_value (builder, license->license_id);
  json_builder_set_member_name (builder, "organization");
  json_builder_add_string_value (builder, license->organization);
  json_builder_set_member_name (builder, "organization_name");
  json_builder_add_string_value (builder, license->organization_name);
  json_builder_set_member_name (builder, "issued");
  json_builder_add_string_value (builder, issued);
  json_builder_set_member_name (builder, "expires");
  json_builder_add_string_value (builder, expires);
  json_builder_set_member_name (builder, "products");
  json_builder_begin_array (builder);
  for (guint i = 0; i < license->lines->len; i++)
    {
      SeatsLicenseLine *line = g_ptr_array_index (license->lines, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "product_id");
      json_builder_add_string_value (builder, line->product_id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, line->name);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, line->count);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  payload = json_generator_to_data (generator, &length);

  return seats_license_sign_payload (payload, length, secret_key, public_key, error);
}

/**
 * seats_license_sign_payload:
 * @payload: (array length=length): the license as the vendor writes it
 * @length: its length in bytes
 * @secret_key: the vendor's Ed25519 secret key in base64
 * @public_key: the matching public key in base64
 *
 * Signs @payload as it is, into a license file: what seats_license_sign()
 * does after writing the payload, for a vendor with payloads of its own.
 *
 * Returns: (transfer full): the license file, or %NULL with an error
 */
char *
seats_license_sign_payload (const char  *payload,
                            gsize        length,
                            const char  *secret_key,
                            const char  *public_key,
                            GError     **error)
{
  g_autofree char *payload_b64 = NULL;
  g_autofree char *signature_b64 = NULL;
  gnutls_privkey_t key = NULL;
  gnutls_datum_t data;
  gnutls_datum_t signature = { NULL, 0 };
  int ret;

  g_return_val_if_fail (payload != NULL || length == 0, NULL);
  g_return_val_if_fail (secret_key != NULL, NULL);
  g_return_val_if_fail (public_key != NULL, NULL);

  if ((ret = gnutls_privkey_init (&key)) < 0)
    {
      set_key_error (ret, error);
      return NULL;
    }

  if (!import_secret_key (key, secret_key, public_key, error))
    {
      gnutls_privkey_deinit (key);
      return NULL;
    }

  data.data = (unsigned char *) payload;
  data.size = length;
  ret = gnutls_privkey_sign_data2 (key, GNUTLS_SIGN_EDDSA_ED25519, 0, &data, &signature);
  gnutls_privkey_deinit (key);
  if (ret < 0)
    {
      set_key_error (ret, error);
      return NULL;
    }

  payload_b64 = g_base64_encode ((const guchar *) payload, length);
  signature_b64 = g_base64_encode (signature.data, signature.size);
  gnutls_free (signature.data);

  return g_strdup_printf ("{\"format\":\"" SEATS_LICENSE_FORMAT "\",\"payload\":\"%s\","
                          "\"signature\":\"%s\"}\n", payload_b64, signature_b64);
}

/**
 * seats_license_verify:
 * @data: the file's bytes
 * @length: the number of bytes in @data
 * @public_key: the vendor's public key in base64
 * @organization: the id of the organization the file must be for
 * @today: the day it is loaded
 *
 * Checks everything before anything is shown (R9): the format, the
 * signature, the organization, the issue date and the expiry, in that
 * order, so that nothing of an unsigned file is ever read.
 *
 * Returns: (transfer full): the license, or %NULL with a %SEATS_LICENSE_ERROR
 */
SeatsLicense *
seats_license_verify (const char   *data,
                      gsize         length,
                      const char   *public_key,
                      const char   *organization,
                      const GDate  *today,
                      GError      **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) key_bytes = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autoptr(SeatsLicense) license = NULL;
  gnutls_pubkey_t key = NULL;
  gnutls_datum_t x;
  gnutls_datum_t signed_data;
  gnutls_datum_t signature_data;
  JsonObject *object;
  gsize size;
  int ret;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (public_key != NULL, NULL);
  g_return_val_if_fail (organization != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (length > SEATS_LICENSE_MAX_FILE_SIZE)
    {
      set_malformed (error, _("it is too large."));
      return NULL;
    }

  if (!(root = seats_json_read (data, length, NULL)) || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_malformed (error, _("it is not JSON."));
      return NULL;
    }

  object = json_node_get_object (root);
  if (g_strcmp0 (get_string_member (object, "format"), SEATS_LICENSE_FORMAT) != 0)
    {
      set_malformed (error, _("its format is unknown."));
      return NULL;
    }

  payload = decode_base64_strictly (get_string_member (object, "payload"), 0);
  signature = decode_base64_strictly (get_string_member (object, "signature"), 0);
  if (payload == NULL || signature == NULL)
    {
      set_malformed (error, _("the license or its signature is missing."));
      return NULL;
    }

  key_bytes = decode_base64_strictly (public_key, ED25519_KEY_SIZE);
  if (key_bytes == NULL)
    {
      g_set_error_literal (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_KEY,
                           _("The vendor's key is not a valid Ed25519 key."));
      return NULL;
    }

  if (g_bytes_get_size (signature) != ED25519_SIGNATURE_SIZE)
    {
      g_set_error_literal (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_BAD_SIGNATURE,
                           _("The license file is not signed by the vendor. Ask the vendor for a new file."));
      return NULL;
    }

  if ((ret = gnutls_pubkey_init (&key)) < 0)
    {
      set_key_error (ret, error);
      return NULL;
    }

  x.data = (unsigned char *) g_bytes_get_data (key_bytes, &size);
  x.size = size;
  signed_data.data = (unsigned char *) g_bytes_get_data (payload, &size);
  signed_data.size = size;
  signature_data.data = (unsigned char *) g_bytes_get_data (signature, &size);
  signature_data.size = size;

  ret = gnutls_pubkey_import_ecc_raw (key, GNUTLS_ECC_CURVE_ED25519, &x, NULL);
  if (ret >= 0)
    ret = gnutls_pubkey_verify_data2 (key, GNUTLS_SIGN_EDDSA_ED25519, 0,
                                      &signed_data, &signature_data);
  gnutls_pubkey_deinit (key);

  if (ret < 0)
    {
      g_set_error_literal (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_BAD_SIGNATURE,
                           _("The license file is not signed by the vendor. Ask the vendor for a new file."));
      return NULL;
    }

  license = parse_payload ((const char *) signed_data.data, signed_data.size, error);
  if (license == NULL)
    return NULL;

  if (g_strcmp0 (license->organization, organization) != 0)
    {
      g_set_error (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_WRONG_ORGANIZATION,
                   _("The license file is for another organization (%s)."),
                   license->organization_name);
      return NULL;
    }

  if (g_date_compare (&license->issued, today) > 0)
    {
      g_set_error_literal (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_NOT_YET_VALID,
                           _("The license file is issued on a later day than today. Check the computer's date."));
      return NULL;
    }

  if (g_date_compare (&license->expires, today) < 0)
    {
      g_set_error_literal (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_EXPIRED,
                           _("The license file has expired. Ask the vendor for a new file."));
      return NULL;
    }

  return g_steal_pointer (&license);
}

/**
 * seats_license_parse_date:
 * @text: (nullable): a calendar date, exactly `YYYY-MM-DD`
 * @date: (out caller-allocates): the date
 *
 * Returns: whether @text is a valid date
 */
gboolean
seats_license_parse_date (const char *text,
                          GDate      *date)
{
  guint year;
  guint month;
  guint day;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);

  if (year < 1 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/**
 * seats_license_format_date:
 *
 * Returns: (transfer full): @date as `YYYY-MM-DD`
 */
char *
seats_license_format_date (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}
