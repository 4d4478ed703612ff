/* test-fuzz.c: hostile answers and license files never crash, never half-decode
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "seats-api-decode.h"
#include "seats-api-error.h"
#include "seats-client.h"
#include "seats-json-private.h"
#include "seats-license.h"
#include "seats-server.h"
#include "seats-test.h"
#include "seats-test-server.h"

/* Every mutation of a real answer either decodes or is refused as
 * malformed; under AddressSanitizer any overflow or use after free fails
 * the test. The generator is seeded, so a failure can be replayed. */
#define MUTATIONS_PER_SEED 2000
#define FUZZ_SEED 20261122

typedef gboolean (*DecodeFunc) (JsonNode  *root,
                                GError   **error);

typedef struct
{
  const char *path;
  DecodeFunc  decode;
} Endpoint;

static gboolean
decode_account (JsonNode  *root,
                GError   **error)
{
  g_autoptr(SeatsAccount) account = seats_api_decode_account (root, error);

  return account != NULL;
}

static gboolean
decode_subscription (JsonNode  *root,
                     GError   **error)
{
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GHashTable) etags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(SeatsSubscription) subscription = seats_api_decode_subscription (root, &products, etags, error);

  return subscription != NULL;
}

static gboolean
decode_users (JsonNode  *root,
              GError   **error)
{
  g_autoptr(SeatsUserPage) page = seats_api_decode_user_page (root, error);

  return page != NULL;
}

static gboolean
decode_features (JsonNode  *root,
                 GError   **error)
{
  g_autoptr(GPtrArray) features = seats_api_decode_features (root, NULL, error);

  return features != NULL;
}

static gboolean
decode_history (JsonNode  *root,
                GError   **error)
{
  g_autoptr(GPtrArray) history = seats_api_decode_history (root, error);

  return history != NULL;
}

static gboolean
decode_pending (JsonNode  *root,
                GError   **error)
{
  g_autoptr(SeatsPendingLicense) pending = seats_api_decode_pending (root, NULL, error);

  return pending != NULL;
}

static gboolean
decode_billing (JsonNode  *root,
                GError   **error)
{
  g_autoptr(SeatsBillingDetails) billing = seats_api_decode_billing (root, NULL, error);

  return billing != NULL;
}

static gboolean
decode_orders (JsonNode  *root,
               GError   **error)
{
  g_autoptr(GPtrArray) orders = seats_api_decode_orders (root, error);

  return orders != NULL;
}

static gboolean
decode_invoices (JsonNode  *root,
                 GError   **error)
{
  g_autoptr(GPtrArray) invoices = seats_api_decode_invoices (root, error);

  return invoices != NULL;
}

static gboolean
decode_actions (JsonNode  *root,
                GError   **error)
{
  g_autoptr(GPtrArray) actions = seats_api_decode_actions (root, error);

  return actions != NULL;
}

static gboolean
decode_revision (JsonNode  *root,
                 GError   **error)
{
  SeatsRevision revision;

  return seats_api_decode_revision (root, &revision, error);
}

static const Endpoint endpoints[] = {
  { "api/v1/account", decode_account },
  { "api/v1/subscription", decode_subscription },
  { "scim/v2/Users?startIndex=1&count=5", decode_users },
  { "api/v1/features", decode_features },
  { "api/v1/subscription/history", decode_history },
  { "api/v1/license/pending", decode_pending },
  { "api/v1/billing", decode_billing },
  { "api/v1/orders?limit=5", decode_orders },
  { "api/v1/invoices?limit=5", decode_invoices },
  { "api/v1/actions?limit=5", decode_actions },
  { "api/v1/sync", decode_revision },
};

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The text of a real answer, to mutate. */
static char *
fetch (SeatsClient *client,
       const char  *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SeatsResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  seats_client_send_async (client, "GET", path, NULL, NULL, NULL, NULL, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  response = seats_client_send_finish (client, result, NULL, &error);
  g_assert_no_error (error);

  return json_to_string (response->root, FALSE);
}

static const char *tokens[] = {
  "null", "true", "false", "0", "-1", "1e309", "12.5", "9223372036854775808",
  "\"\"", "\"x\"", "[]", "{}", "\"2026-02-30\"", "\"W/\\\"x\\\"\"", "[[[[[[[[",
  "\"\\u0000\"", "\"\\ud800\"",
};

static GString *
mutate (GRand      *rand,
        const char *original)
{
  GString *text = g_string_new (original);
  guint rounds = g_rand_int_range (rand, 1, 4);

  for (guint r = 0; r < rounds && text->len > 0; r++)
    {
      guint at = g_rand_int_range (rand, 0, text->len);

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0: /* flip a byte */
          text->str[at] ^= (char) (1 << g_rand_int_range (rand, 0, 8));
          break;

        case 1: /* cut it off */
          g_string_truncate (text, at);
          break;

        case 2: /* drop a piece */
          {
            gsize wanted = (gsize) g_rand_int_range (rand, 1, 16);

            g_string_erase (text, at, MIN (text->len - at, wanted));
          }
          break;

        case 3: /* put a hostile token in */
          g_string_insert (text, at, tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))]);
          break;

        case 4: /* repeat a piece */
          {
            gsize wanted = (gsize) g_rand_int_range (rand, 1, 64);
            gsize len = MIN (text->len - at, wanted);
            g_autofree char *piece = g_strndup (text->str + at, len);

            g_string_insert (text, at, piece);
          }
          break;

        default: /* swap a value's type: a number where a string was, and so on */
          {
            char *quote = strchr (text->str + at, '"');

            if (quote != NULL)
              *quote = '7';
          }
          break;
        }
    }

  return text;
}

static void
test_fuzz_decoders (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsTestServer) vendor = NULL;
  g_autoptr(SeatsClient) client = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (FUZZ_SEED);
  guint decoded = 0, refused = 0;

  /* The same real answers to mutate, whatever day it is. */
  seats_test_set_clock (SEATS_TEST_NOW);
  vendor = seats_test_server_new (SEATS_SERVER_FLAGS_NONE);
  client = seats_client_new (vendor->uri, seats_test_server_find (vendor, "demolen")->admin_token,
                             &error);
  g_assert_no_error (error);

  for (guint e = 0; e < G_N_ELEMENTS (endpoints); e++)
    {
      g_autofree char *original = fetch (client, endpoints[e].path);

      /* The answer as it came decodes. */
      {
        g_autoptr(GBytes) bytes = g_bytes_new (original, strlen (original));
        g_autoptr(JsonNode) root = seats_json_parse (bytes, &error);

        g_assert_no_error (error);
        g_assert_true (endpoints[e].decode (root, &error));
        g_assert_no_error (error);
      }

      for (guint i = 0; i < MUTATIONS_PER_SEED; i++)
        {
          g_autoptr(GString) text = mutate (rand, original);
          g_autoptr(GBytes) bytes = g_bytes_new (text->str, text->len);
          g_autoptr(JsonNode) root = seats_json_parse (bytes, &error);
          gboolean ok;

          if (root == NULL)
            {
              g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
              g_clear_error (&error);
              refused++;
              continue;
            }

          ok = endpoints[e].decode (root, &error);
          if (ok)
            {
              g_assert_no_error (error);
              decoded++;
            }
          else
            {
              g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
              g_clear_error (&error);
              refused++;
            }
        }
    }

  g_test_message ("%u mutations decoded, %u refused as malformed", decoded, refused);
  g_assert_cmpuint (refused, >, 0);
}

static void
test_fuzz_license_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SeatsTestServer) vendor = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (FUZZ_SEED + 1);
  g_autofree char *file = NULL;
  g_autofree char *account_text = NULL;
  g_autoptr(SeatsClient) client = NULL;
  g_autoptr(SeatsAccount) account = NULL;
  GDate today;
  guint accepted = 0;

  /* A license file issued today and checked today, whatever day it is. */
  seats_test_set_clock (SEATS_TEST_NOW);
  vendor = seats_test_server_new (SEATS_SERVER_FLAGS_NONE);
  client = seats_client_new (vendor->uri, seats_test_server_find (vendor, "demolen")->admin_token,
                             &error);
  g_assert_no_error (error);

  account_text = fetch (client, "api/v1/account");
  {
    g_autoptr(GBytes) bytes = g_bytes_new (account_text, strlen (account_text));
    g_autoptr(JsonNode) root = seats_json_parse (bytes, &error);

    account = seats_api_decode_account (root, &error);
    g_assert_no_error (error);
  }

  file = seats_server_export_license (vendor->server, "demolen", &error);
  g_assert_no_error (error);
  seats_clock_get_today (seats_clock_get_default (), &today);

  /* Only the file as the vendor signed it is accepted; no mutation of it
   * gets through, and none crashes. */
  for (guint i = 0; i < MUTATIONS_PER_SEED * 2; i++)
    {
      g_autoptr(GString) text = mutate (rand, file);
      g_autoptr(SeatsLicense) license = NULL;

      license = seats_license_verify (text->str, text->len,
                                      seats_account_get_vendor_public_key (account),
                                      seats_account_get_id (account),
                                      &today, &error);
      if (license != NULL)
        {
          /* Only a mutation outside the signed payload, such as white space
           * the format ignores, may pass, and it must carry what was signed. */
          g_assert_no_error (error);
          g_assert_cmpstr (license->organization, ==, seats_account_get_id (account));
          accepted++;
        }
      else
        {
          g_assert_true (error != NULL && error->domain == SEATS_LICENSE_ERROR);
          g_clear_error (&error);
        }
    }

  g_test_message ("%u mutated license files still verified", accepted);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fuzz/decoders", test_fuzz_decoders);
  g_test_add_func ("/fuzz/license-files", test_fuzz_license_files);

  return g_test_run ();
}
