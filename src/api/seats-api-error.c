/* seats-api-error.c
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-api"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "seats-api-error-private.h"
#include "seats-json-private.h"

/* Exponential back-off for transient failures: 1 s, 2 s, 4 s, ... never
 * more than a minute; a Retry-After from the server wins, within 15 minutes. */
#define RETRY_BASE_MS         1000
#define RETRY_MAX_MS          (60 * 1000)
#define RETRY_AFTER_MAX_MS    (15 * 60 * 1000)

G_DEFINE_QUARK (seats-api-error-quark, seats_api_error)

/**
 * seats_api_error_is_transient:
 * @error: (nullable): an error
 *
 * Returns: %TRUE if the same request may succeed when tried again later
 */
gboolean
seats_api_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != SEATS_API_ERROR)
    return FALSE;

  switch ((SeatsApiError) error->code)
    {
    case SEATS_API_ERROR_OFFLINE:
    case SEATS_API_ERROR_TIMEOUT:
    case SEATS_API_ERROR_RATE_LIMITED:
    case SEATS_API_ERROR_SERVER:
      return TRUE;

    case SEATS_API_ERROR_INSECURE:
    case SEATS_API_ERROR_TLS:
    case SEATS_API_ERROR_UNAUTHORIZED:
    case SEATS_API_ERROR_FORBIDDEN:
    case SEATS_API_ERROR_NOT_FOUND:
    case SEATS_API_ERROR_CONFLICT:
    case SEATS_API_ERROR_STALE:
    case SEATS_API_ERROR_REFUSED:
    case SEATS_API_ERROR_MALFORMED:
    default:
      return FALSE;
    }
}

/* A server's own words, shown only where Seats has none of its own: whole,
 * valid UTF-8 and not longer than a few sentences. */
#define VENDOR_DETAIL_MAX_CHARS 500

static char *
vendor_words (const char *detail)
{
  if (detail == NULL || *detail == '\0' || !g_utf8_validate (detail, -1, NULL))
    return NULL;

  if (g_utf8_strlen (detail, -1) > VENDOR_DETAIL_MAX_CHARS)
    {
      g_autofree char *start = g_utf8_substring (detail, 0, VENDOR_DETAIL_MAX_CHARS);

      return g_strconcat (start, "…", NULL);
    }

  return g_strdup (detail);
}

/* What Seats says for the codes of the API document that are not rules
 * (data/api/seats-api.json, x-seats-rule-codes and x-seats-protocol-codes),
 * or NULL for a code it does not know. */
static const struct {
  const char *code;
  const char *message;
} code_messages[] = {
  { "edition-read-only",
    N_("The edition changes only through the vendor’s support, at a period change.") },
  { "read-only",
    N_("This detail is the vendor’s record and cannot be changed in Seats. "
       "Contact the vendor to change it.") },
  { "not-countable", N_("An integration is switched on or off, not counted.") },
  { "not-a-module", N_("Only add-on modules are assigned to users.") },
  { "not-a-trial",
    N_("The subscription is not a trial any more. Sync to see the current state.") },
  { "idempotency-key-reused",
    N_("The license server mistook this order for another one, so nothing was "
       "bought. Buy again.") },
  { "license-malformed",
    N_("The license server cannot read the license file. Ask the vendor for a new file.") },
  { "license-bad-signature",
    N_("The license file is not signed by the vendor. Ask the vendor for a new file.") },
  { "license-wrong-organization",
    N_("The license file is for another organization. Ask the vendor for the "
       "file of yours.") },
  { "license-not-yet-valid",
    N_("The license file is issued on a later day than the license server’s "
       "date. Try again later, or ask the vendor.") },
  { "license-expired", N_("The license file has expired. Ask the vendor for a new file.") },
  { "license-key",
    N_("The license server cannot check license files. Contact the vendor’s support.") },
};

static char *
describe_code (const char            *code,
               const SeatsApiProblem *problem,
               SeatsApiPeer           peer)
{
  static const char * const misunderstood[] = {
    "method-not-allowed", "malformed-request", "unknown-field", "invalid-parameter",
    "invalid-filter", "body-too-large", "unsupported-media-type", "idempotency-key-required",
    /* The scimType of a SCIM error (RFC 7644 3.12) */
    "invalidFilter", "invalidSyntax", "invalidPath", "invalidValue", "noTarget", "tooMany",
    "sensitive",
  };

  /* SCIM's own: an attribute the service keeps, and a value taken. */
  if (g_str_equal (code, "mutability"))
    return g_strdup (_("The service keeps this detail itself and does not let Seats change it. "
                       "Change it where the users are managed."));
  if (g_str_equal (code, "uniqueness"))
    return g_strdup (_("The service already has a user with this name or e-mail address."));

  if (g_str_equal (code, "managed-by-reseller"))
    {
      if (problem->reseller_name != NULL && problem->reseller_url != NULL)
        return g_strdup_printf (_("This subscription was bought through %s. Change it there: %s"),
                                problem->reseller_name, problem->reseller_url);
      return g_strdup (_("This subscription was bought through a reseller. Change it there."));
    }

  for (guint i = 0; i < G_N_ELEMENTS (code_messages); i++)
    if (g_str_equal (code, code_messages[i].code))
      return g_strdup (_(code_messages[i].message));

  for (guint i = 0; i < G_N_ELEMENTS (misunderstood); i++)
    if (g_str_equal (code, misunderstood[i]))
      {
        if (peer == SEATS_API_PEER_SCIM)
          return g_strdup_printf (/* Translators: the string is a SCIM error type for the
                                   * service's support, such as "invalidFilter" */
                                  _("Seats and the service do not understand each other (%s), "
                                    "so nothing was changed. Check for an update of Seats, or "
                                    "contact the service’s support."),
                                  code);
        return g_strdup_printf (/* Translators: the string is a code for the vendor's
                                 * support, such as "unknown-field" */
                                _("Seats and the license server do not understand each other "
                                  "(%s), so nothing was changed. Check for an update of Seats, "
                                  "or contact the vendor’s support."),
                                code);
      }

  return NULL;
}

/**
 * seats_api_error_from_status:
 * @status: an HTTP status of 400 or more
 * @problem: (nullable): what the server's problem answer says
 *
 * Says what an error status means for the person, in their language. A
 * refusal is said in Seats' own words, chosen by the problem's code and
 * with the figures the server sent along; the server's explanation is shown
 * only for a code Seats does not know, as the vendor's words.
 *
 * Returns: (transfer full): a #SEATS_API_ERROR
 */
GError *
seats_api_error_from_status (guint                  status,
                             const SeatsApiProblem *problem)
{
  return seats_api_error_from_status_for (status, problem, SEATS_API_PEER_LICENSE_SERVER);
}

/* What a SCIM service's error status means, in its own words: it has
 * users, not licenses, and no vendor behind its refusals. */
static GError *
scim_error_from_status (guint                  status,
                        const SeatsApiProblem *problem)
{
  const char *code = problem != NULL && problem->code != NULL && *problem->code != '\0'
                     ? problem->code : NULL;
  g_autofree char *detail = vendor_words (problem != NULL ? problem->detail : NULL);
  g_autofree char *message = NULL;

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      return g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_UNAUTHORIZED,
                                  _("The service did not accept the access token, or the user "
                                    "name and password. Check them and connect the account again."));

    case SOUP_STATUS_FORBIDDEN:
      return g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_FORBIDDEN,
                                  _("The service does not let this account change users. Ask "
                                    "its administrator for access that may."));

    case SOUP_STATUS_NOT_FOUND:
      return g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_NOT_FOUND,
                                  _("The service does not know this user any more. Sync to "
                                    "see the current state."));

    case SOUP_STATUS_PRECONDITION_FAILED:
    case 428: /* Precondition Required */
      return g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_STALE,
                                  _("Somebody else changed this in the meantime. "
                                    "The current state is shown now; make the change again if it is still needed."));

    case 429: /* Too Many Requests */
      return g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_RATE_LIMITED,
                                  _("The service is busy. Seats will try again shortly."));

    case SOUP_STATUS_NOT_IMPLEMENTED:
      return g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_REFUSED,
                                  _("The service does not offer this. Nothing was changed."));

    default:
      if (status >= 500)
        return g_error_new (SEATS_API_ERROR, SEATS_API_ERROR_SERVER,
                            _("The service failed (error %u). Seats will try again later."),
                            status);
      break;
    }

  if (code != NULL && g_str_equal (code, "invalidVers"))
    return scim_error_from_status (SOUP_STATUS_PRECONDITION_FAILED, NULL);

  if (code != NULL && (message = describe_code (code, problem, SEATS_API_PEER_SCIM)) != NULL)
    return g_error_new_literal (SEATS_API_ERROR,
                                g_str_equal (code, "uniqueness") ? SEATS_API_ERROR_CONFLICT
                                                                 : SEATS_API_ERROR_REFUSED,
                                message);

  if (detail != NULL)
    return g_error_new (SEATS_API_ERROR, SEATS_API_ERROR_REFUSED,
                        /* Translators: the string is the service's own explanation,
                         * perhaps in another language */
                        _("The service refused the change. It says: “%s”"), detail);

  return g_error_new (SEATS_API_ERROR, SEATS_API_ERROR_REFUSED,
                      _("The service refused the request (error %u)."), status);
}

/**
 * seats_api_error_from_status_for:
 * @status: an HTTP status of 400 or more
 * @problem: (nullable): what the problem or SCIM error answer says
 * @peer: whom it came from, which the message names
 *
 * Returns: (transfer full): a #SEATS_API_ERROR
 */
GError *
seats_api_error_from_status_for (guint                  status,
                                 const SeatsApiProblem *problem,
                                 SeatsApiPeer           peer)
{
  const char *code = problem != NULL && problem->code != NULL && *problem->code != '\0'
                     ? problem->code : NULL;
  g_autofree char *detail = vendor_words (problem != NULL ? problem->detail : NULL);
  g_autofree char *message = NULL;
  SeatsRuleError rule;

  g_return_val_if_fail (status >= 400, NULL);

  if (peer == SEATS_API_PEER_SCIM)
    return scim_error_from_status (status, problem);

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      return g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_UNAUTHORIZED,
                                  _("The license server did not accept the access token. "
                                    "Ask the vendor for a new token and connect the account again."));

    case SOUP_STATUS_FORBIDDEN:
      return g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_FORBIDDEN,
                                  _("This account may only view the subscription. "
                                    "Ask an administrator of your organization to make the change."));

    case SOUP_STATUS_NOT_FOUND:
      return g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_NOT_FOUND,
                                  _("The license server does not know this item any more. "
                                    "Sync to see the current state."));

    case SOUP_STATUS_PRECONDITION_FAILED:
    case 428: /* Precondition Required */
      return g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_STALE,
                                  _("Somebody else changed this in the meantime. "
                                    "The current state is shown now; make the change again if it is still needed."));

    case 429: /* Too Many Requests */
      return g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_RATE_LIMITED,
                                  _("The license server is busy. Seats will try again shortly."));

    default:
      if (status >= 500)
        return g_error_new (SEATS_API_ERROR, SEATS_API_ERROR_SERVER,
                            _("The license server failed (error %u). Seats will try again later."),
                            status);
      break;
    }

  /* A rule refused: the rule's own message, with the server's figures. */
  if (code != NULL && seats_rule_error_from_code (code, &rule))
    {
      message = seats_rule_error_describe (rule, problem->figures);
      return g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_REFUSED, message);
    }

  if (code != NULL && (message = describe_code (code, problem, peer)) != NULL)
    return g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_REFUSED, message);

  /* A code Seats does not know, or none: what the server said, as its own
   * words, which may not be in the person's language. */
  if (detail != NULL)
    return g_error_new (SEATS_API_ERROR,
                        code == NULL && (status == SOUP_STATUS_CONFLICT ||
                                         status == SOUP_STATUS_UNPROCESSABLE_ENTITY)
                        ? SEATS_API_ERROR_CONFLICT : SEATS_API_ERROR_REFUSED,
                        /* Translators: the string is the license server's own
                         * explanation, perhaps in another language */
                        _("The license server refused the change. Its vendor says: “%s”"),
                        detail);

  if (code == NULL && (status == SOUP_STATUS_CONFLICT || status == SOUP_STATUS_UNPROCESSABLE_ENTITY))
    return g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_CONFLICT,
                                _("The license server refused the change: it conflicts with the "
                                  "current state. Sync to see the current state."));

  return g_error_new (SEATS_API_ERROR, SEATS_API_ERROR_REFUSED,
                      _("The license server refused the request (error %u)."), status);
}

/**
 * seats_api_error_from_transport:
 * @error: an error from libsoup, GIO or GnuTLS
 *
 * Returns: (transfer full): the same failure as a #SEATS_API_ERROR, or a
 *   copy of @error if it is a cancellation, which stays silent
 */
GError *
seats_api_error_from_transport (const GError *error)
{
  return seats_api_error_from_transport_for (error, SEATS_API_PEER_LICENSE_SERVER);
}

/**
 * seats_api_error_from_transport_for:
 * @error: an error from libsoup, GIO or GnuTLS
 * @peer: whom Seats talked to, which the message names
 *
 * Returns: (transfer full): the same failure as a #SEATS_API_ERROR
 */
GError *
seats_api_error_from_transport_for (const GError *error,
                                    SeatsApiPeer  peer)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      error->domain == SEATS_API_ERROR)
    return g_error_copy (error);

  if (peer == SEATS_API_PEER_SCIM)
    {
      if (error->domain == G_TLS_ERROR)
        return g_error_new (SEATS_API_ERROR, SEATS_API_ERROR_TLS,
                            _("The service’s certificate is not valid, so Seats did not send "
                              "anything to it: %s"), error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        return g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_TIMEOUT,
                                    _("The service did not answer in time. Seats will try again later."));
      if (error->domain == SOUP_SESSION_ERROR)
        return g_error_new (SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED,
                            _("The service sent an answer Seats cannot read: %s"), error->message);
      return g_error_new (SEATS_API_ERROR, SEATS_API_ERROR_OFFLINE,
                          _("The service cannot be reached: %s"), error->message);
    }

  if (error->domain == G_TLS_ERROR)
    return g_error_new (SEATS_API_ERROR, SEATS_API_ERROR_TLS,
                        _("The license server’s certificate is not valid, so Seats did not "
                          "send anything to it: %s"), error->message);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new_literal (SEATS_API_ERROR, SEATS_API_ERROR_TIMEOUT,
                                _("The license server did not answer in time. "
                                  "Seats will try again later."));

  if (error->domain == SOUP_SESSION_ERROR)
    return g_error_new (SEATS_API_ERROR, SEATS_API_ERROR_MALFORMED,
                        _("The license server sent an answer Seats cannot read: %s"),
                        error->message);

  return g_error_new (SEATS_API_ERROR, SEATS_API_ERROR_OFFLINE,
                      _("The license server cannot be reached: %s"), error->message);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * seats_api_check_base_uri:
 * @uri: the address of a license server
 * @error: the reason it cannot be used
 *
 * A token travels with every request, so it goes over HTTPS only; plain
 * HTTP is allowed to this computer, where the reference server runs.
 *
 * Returns: %TRUE if Seats may talk to @uri
 */
gboolean
seats_api_check_base_uri (const char  *uri,
                          GError     **error)
{
  g_autoptr(GUri) parsed = NULL;
  const char *scheme;

  g_return_val_if_fail (uri != NULL, FALSE);

  parsed = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS, NULL);
  if (parsed == NULL || g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0')
    {
      g_set_error (error, SEATS_API_ERROR, SEATS_API_ERROR_INSECURE,
                   _("“%s” is not a web address. Enter the address of the license server, "
                     "such as https://licenses.example.com/."), uri);
      return FALSE;
    }

  scheme = g_uri_get_scheme (parsed);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (parsed)))
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    g_set_error (error, SEATS_API_ERROR, SEATS_API_ERROR_INSECURE,
                 _("Seats only connects to license servers over HTTPS, so that the access "
                   "token stays secret. Use an address that starts with https://."));
  else
    g_set_error (error, SEATS_API_ERROR, SEATS_API_ERROR_INSECURE,
                 _("“%s” is not a web address. Enter the address of the license server, "
                   "such as https://licenses.example.com/."), uri);

  return FALSE;
}

/**
 * seats_api_retry_delay_ms:
 * @attempt: how many times the request failed already, from 1
 * @retry_after_ms: what the server asked for with Retry-After, or -1
 *
 * Returns: how long to wait before trying again, in milliseconds
 */
guint
seats_api_retry_delay_ms (guint  attempt,
                          gint64 retry_after_ms)
{
  guint64 delay = RETRY_BASE_MS;

  if (retry_after_ms >= 0)
    return (guint) MIN (retry_after_ms, RETRY_AFTER_MAX_MS);

  for (guint i = 1; i < attempt && delay < RETRY_MAX_MS; i++)
    delay *= 2;

  return (guint) MIN (delay, RETRY_MAX_MS);
}

/**
 * seats_api_parse_retry_after:
 * @value: (nullable): a Retry-After header: seconds or an HTTP date
 * @now: the current time, to turn a date into a delay
 *
 * Returns: the delay in milliseconds, or -1 if @value says nothing usable
 */
gint64
seats_api_parse_retry_after (const char *value,
                             GDateTime  *now)
{
  g_autoptr(GDateTime) when = NULL;
  guint64 seconds;
  const char *end = NULL;

  g_return_val_if_fail (now != NULL, -1);

  if (value == NULL)
    return -1;

  while (g_ascii_isspace (*value))
    value++;

  if (g_ascii_isdigit (*value))
    {
      seconds = g_ascii_strtoull (value, (char **) &end, 10);
      while (end != NULL && g_ascii_isspace (*end))
        end++;
      if (end == NULL || *end != '\0' || seconds > G_MAXINT32)
        return -1;
      return (gint64) seconds * 1000;
    }

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;

  return MAX (0, g_date_time_difference (when, now) / 1000);
}

/* The longest product or module name a refusal's figures may carry. */
#define FIGURES_NAME_MAX_CHARS 200

/**
 * seats_api_problem_read:
 * @object: a problem answer (RFC 9457) or a SCIM error
 * @problem: filled with what it says, borrowed from @object
 * @figures: filled with the figures of a rule's refusal
 *
 * Members that are missing or not what the API document promises are left
 * out, and the message does without.
 */
void
seats_api_problem_read (JsonObject       *object,
              SeatsApiProblem  *problem,
              SeatsRuleFigures *figures)
{
  JsonObject *figures_object = NULL;
  JsonObject *reseller = NULL;
  const char *seat_floor = NULL;
  const char *name = NULL;
  struct {
    const char *member;
    guint      *value;
  } counts[] = {
    { "requested", &figures->requested },
    { "counted", &figures->counted },
    { "minimum", &figures->minimum },
    { "products", &figures->products },
    { "surplus", &figures->surplus },
  };

  seats_json_string (object, "", "code", SEATS_JSON_OPTIONAL, &problem->code, NULL);
  seats_json_string (object, "", "detail", SEATS_JSON_OPTIONAL, &problem->detail, NULL);
  if (problem->code == NULL)
    seats_json_string (object, "", "scimType", SEATS_JSON_OPTIONAL, &problem->code, NULL);

  if (seats_json_member_object (object, "", "reseller", SEATS_JSON_OPTIONAL, &reseller, NULL) &&
      reseller != NULL)
    {
      seats_json_string (reseller, "reseller", "name", SEATS_JSON_OPTIONAL, &problem->reseller_name, NULL);
      seats_json_string (reseller, "reseller", "url", SEATS_JSON_OPTIONAL, &problem->reseller_url, NULL);
    }

  if (!seats_json_member_object (object, "", "figures", SEATS_JSON_OPTIONAL, &figures_object, NULL) ||
      figures_object == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      gint64 value = 0;

      if (!seats_json_int (figures_object, "figures", counts[i].member, SEATS_JSON_OPTIONAL,
                           0, G_MAXUINT, &value, NULL))
        return;
      *counts[i].value = (guint) value;
    }

  if (!seats_json_string (figures_object, "figures", "seat_floor", SEATS_JSON_OPTIONAL,
                          &seat_floor, NULL) ||
      (seat_floor != NULL && !seats_seat_floor_from_string (seat_floor, &figures->seat_floor)) ||
      !seats_json_string (figures_object, "figures", "name", SEATS_JSON_OPTIONAL, &name, NULL) ||
      (name != NULL && g_utf8_strlen (name, -1) > FIGURES_NAME_MAX_CHARS))
    return;

  /* Borrowed from @object, which outlives the message made of it. */
  figures->name = (char *) name;
  problem->figures = figures;
}

