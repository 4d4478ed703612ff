/* fuzz-api.c: libFuzzer harness for every decoder of the server's answers,
 * the SCIM users among them
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "seats-api-decode.h"
#include "seats-json-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Each decoder either gives a value or says why not, never both. */
#define DECODE(type, free_func, call)               \
  G_STMT_START {                                    \
    g_autoptr(GError) error = NULL;                 \
    type value = call;                              \
    g_assert ((value == NULL) == (error != NULL));  \
    if (value != NULL)                              \
      free_func (value);                            \
  } G_STMT_END

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(JsonNode) root = seats_json_parse (bytes, NULL);
  g_autoptr(GHashTable) etags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (root == NULL)
    return 0;

  DECODE (SeatsAccount *, g_object_unref, seats_api_decode_account (root, &error));
  DECODE (SeatsProduct *, g_object_unref, seats_api_decode_product (root, &error));
  DECODE (SeatsUser *, g_object_unref, seats_api_decode_user (root, &error));
  DECODE (SeatsUserPage *, seats_user_page_free, seats_api_decode_user_page (root, &error));
  DECODE (GPtrArray *, g_ptr_array_unref, seats_api_decode_orders (root, &error));
  DECODE (SeatsOrder *, g_object_unref, seats_api_decode_order (root, &error));
  DECODE (GPtrArray *, g_ptr_array_unref, seats_api_decode_invoices (root, &error));
  DECODE (GPtrArray *, g_ptr_array_unref, seats_api_decode_actions (root, &error));
  DECODE (GPtrArray *, g_ptr_array_unref, seats_api_decode_features (root, etags, &error));
  DECODE (SeatsFeature *, g_object_unref, seats_api_decode_feature (root, &error));
  DECODE (SeatsBillingDetails *, g_object_unref, seats_api_decode_billing (root, etags, &error));
  DECODE (SeatsPendingLicense *, g_object_unref, seats_api_decode_pending (root, etags, &error));
  DECODE (GPtrArray *, g_ptr_array_unref, seats_api_decode_history (root, &error));

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) products = NULL;
    g_autoptr(SeatsSubscription) subscription = seats_api_decode_subscription (root, &products, etags,
                                                                               &error);

    g_assert ((subscription == NULL) == (error != NULL));
  }
  {
    g_autoptr(GError) error = NULL;
    gint64 now = 0;
    g_auto(GStrv) deleted = seats_api_decode_deletions (root, &now, &error);

    g_assert ((deleted == NULL) == (error != NULL));
  }
  {
    g_autoptr(GError) error = NULL;
    SeatsRevision revision = { 0, };
    gboolean ok = seats_api_decode_revision (root, &revision, &error);

    g_assert (ok == (error == NULL));
  }

  return 0;
}
