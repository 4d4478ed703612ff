/* test-hostile.c: input from anyone, read without crashing or believing it
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "seats-api-error.h"
#include "seats-json-private.h"
#include "seats-json-reader.h"
#include "seats-license.h"

/* json-glib parses recursively: this many levels took the stack of every
 * reader before the depth was counted first. */
#define HOSTILE_DEPTH 150000

static char *
nested (const char *open,
        guint       depth,
        const char *close)
{
  GString *text = g_string_sized_new (depth * (strlen (open) + (close ? strlen (close) : 0)) + 1);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, open);
  for (guint i = 0; close != NULL && i < depth; i++)
    g_string_append (text, close);

  return g_string_free (text, FALSE);
}

static void
test_reader (void)
{
  static const struct {
    const char *text;
    int         code;
  } cases[] = {
    { "", SEATS_JSON_READ_ERROR_EMPTY },
    { " \n\t\r ", SEATS_JSON_READ_ERROR_EMPTY },
    { "{\"a\": \xff}", SEATS_JSON_READ_ERROR_NOT_UTF8 },
    { "{\"a\": ", SEATS_JSON_READ_ERROR_SYNTAX },
    { "[1, 2", SEATS_JSON_READ_ERROR_SYNTAX },
    { "nul", SEATS_JSON_READ_ERROR_SYNTAX },
    { "{}", -1 },
    { "[]", -1 },
    { " 42 ", -1 },
    /* Brackets in strings are not nesting. */
    { "{\"a\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"[\"}", -1 },
  };
  g_autofree char *at_limit = nested ("[", SEATS_JSON_READ_MAX_DEPTH, "]");
  g_autofree char *over_limit = nested ("[", SEATS_JSON_READ_MAX_DEPTH + 1, "]");
  g_autofree char *objects = nested ("{\"a\":", SEATS_JSON_READ_MAX_DEPTH + 1, "}");
  g_autofree char *hostile = nested ("[", HOSTILE_DEPTH, NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = seats_json_read (cases[i].text, strlen (cases[i].text), &error);

      g_test_message ("case %u", i);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (node);
        }
      else
        {
          g_assert_error (error, SEATS_JSON_READ_ERROR, cases[i].code);
          g_assert_null (node);
          g_clear_error (&error);
        }
    }

  g_assert_null (seats_json_read (NULL, 0, &error));
  g_assert_error (error, SEATS_JSON_READ_ERROR, SEATS_JSON_READ_ERROR_EMPTY);
  g_clear_error (&error);

  /* A NUL inside is not text. */
  g_assert_null (seats_json_read ("{}\0{}", 5, &error));
  g_assert_error (error, SEATS_JSON_READ_ERROR, SEATS_JSON_READ_ERROR_NOT_UTF8);
  g_clear_error (&error);

  root = seats_json_read (at_limit, strlen (at_limit), &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);

  g_assert_null (seats_json_read (over_limit, strlen (over_limit), &error));
  g_assert_error (error, SEATS_JSON_READ_ERROR, SEATS_JSON_READ_ERROR_TOO_DEEP);
  g_clear_error (&error);
  g_assert_null (seats_json_read (objects, strlen (objects), &error));
  g_assert_error (error, SEATS_JSON_READ_ERROR, SEATS_JSON_READ_ERROR_TOO_DEEP);
  g_clear_error (&error);
  g_assert_null (seats_json_read (hostile, strlen (hostile), &error));
  g_assert_error (error, SEATS_JSON_READ_ERROR, SEATS_JSON_READ_ERROR_TOO_DEEP);
}

/* The api layer's answers: the same refusals, as a malformed answer. */
static void
test_answers (void)
{
  g_autofree char *hostile = nested ("[", HOSTILE_DEPTH, NULL);
  g_autoptr(GBytes) deep = g_bytes_new (hostile, strlen (hostile));
  g_autoptr(GBytes) empty = g_bytes_new ("", 0);
  g_autoptr(GError) error = NULL;

  g_assert_null (seats_json_parse (deep, &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_null (seats_json_parse (empty, &error));
  g_assert_error (error, SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED);
}

static GDate
today (void)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 16, G_DATE_NOVEMBER, 2026);
  return date;
}

/* R9: a license file that is not one is refused with the reason, however
 * it is made, and nothing crashes: the nesting inside the file, inside the
 * signed payload, and the empty document. */
static void
test_license_files (void)
{
  g_autofree char *secret = NULL;
  g_autofree char *public = NULL;
  g_autofree char *deep_file = nested ("[", 100000, NULL);
  g_autofree char *deep_payload = nested ("[", HOSTILE_DEPTH, NULL);
  g_autofree char *signed_deep = NULL;
  g_autofree char *signed_empty = NULL;
  g_autofree char *signed_list = NULL;
  g_autoptr(GError) error = NULL;
  GDate day = today ();
  const char *not_files[] = { "", " ", "null", "[]", "{}", "\"license\"" };

  g_assert_true (seats_license_generate_key (&secret, &public, &error));
  g_assert_no_error (error);

  g_assert_null (seats_license_verify (deep_file, strlen (deep_file), public, "org-1", &day, &error));
  g_assert_error (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_MALFORMED);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (not_files); i++)
    {
      g_assert_null (seats_license_verify (not_files[i], strlen (not_files[i]), public, "org-1",
                                           &day, &error));
      g_assert_error (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_MALFORMED);
      g_clear_error (&error);
    }

  /* Signed by the vendor, and still hostile or empty inside. */
  signed_deep = seats_license_sign_payload (deep_payload, strlen (deep_payload), secret, public, &error);
  g_assert_no_error (error);
  g_assert_null (seats_license_verify (signed_deep, strlen (signed_deep), public, "org-1", &day, &error));
  g_assert_error (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_MALFORMED);
  g_clear_error (&error);

  signed_empty = seats_license_sign_payload ("", 0, secret, public, &error);
  g_assert_no_error (error);
  g_assert_null (seats_license_verify (signed_empty, strlen (signed_empty), public, "org-1", &day, &error));
  g_assert_error (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_MALFORMED);
  g_clear_error (&error);

  signed_list = seats_license_sign_payload ("[1]", 3, secret, public, &error);
  g_assert_no_error (error);
  g_assert_null (seats_license_verify (signed_list, strlen (signed_list), public, "org-1", &day, &error));
  g_assert_error (error, SEATS_LICENSE_ERROR, SEATS_LICENSE_ERROR_MALFORMED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/json/reader", test_reader);
  g_test_add_func ("/hostile/json/answers", test_answers);
  g_test_add_func ("/hostile/license-files", test_license_files);

  return g_test_run ();
}
