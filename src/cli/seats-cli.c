/* seats-cli.c: the command line of seatsctl, its accounts and its errors
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seatsctl"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include "seats-api-error.h"
#include "seats-cli-private.h"
#include "seats-format.h"
#include "seats-rules.h"

/* A token is a line of text; anything longer is not one. */
#define MAX_SECRET_LENGTH 4096
#define SCHEMA_ID         "io.github.seatsapp.Seats"

typedef enum
{
  NEEDS_SETTINGS,
  NEEDS_ENGINE,
} Needs;

/* A command that takes one or more arguments. */
#define ANY_ARGS G_MAXUINT

typedef enum
{
  ALLOW_CSV      = 1 << 0,
  ALLOW_JSON     = 1 << 1,
  ALLOW_PRODUCT  = 1 << 2,
  ALLOW_YES      = 1 << 3,
  ALLOW_FILTER   = 1 << 4,
} Allows;

typedef struct
{
  const char          *name;
  const char          *arguments;
  const char          *summary;
  const char          *description;
  SeatsCliCommandFunc  func;
  Needs                needs;
  guint                n_args;
  Allows               allows;
  /* The lowest number the argument may be, or -1 if it is not a number. */
  int                  number_min;
} Command;

/* The arguments ("URL", "N") are syntax and stay as they are. */
static const Command commands[] = {
  { "connect", "URL", N_("Connect an account: the access token is read from standard input"),
    N_("Finds out what is at URL, a Seats license server or a SCIM 2.0 service, checks the "
       "access token against it, keeps the token in the keyring and adds the account. With "
       "--user, a SCIM service is signed in to with that user name and a password instead. "
       "When standard input is a terminal, the token or password is asked for without "
       "showing it. It is never taken from the command line."),
    seats_cli_connect, NEEDS_SETTINGS, 1, 0, -1 },
  { "accounts", NULL, N_("List the connected accounts; * marks the one used"),
    NULL, seats_cli_accounts, NEEDS_SETTINGS, 0, ALLOW_CSV | ALLOW_JSON, -1 },
  { "use", "ID", N_("Use this account from now on"),
    NULL, seats_cli_use, NEEDS_SETTINGS, 1, 0, -1 },
  { "remove-account", "ID", N_("Remove an account, its access token and its local copy"),
    NULL, seats_cli_remove_account, NEEDS_SETTINGS, 1, 0, -1 },
  { "sync", NULL, N_("Send waiting changes and bring the local copy up to date"),
    NULL, seats_cli_sync, NEEDS_ENGINE, 0, 0, -1 },
  { "status", NULL, N_("Show the organization, your role, the policy and the sync state"),
    NULL, seats_cli_status, NEEDS_ENGINE, 0, ALLOW_JSON, -1 },
  { "licenses", NULL, N_("Show the licenses of each product, a new license and grace deadlines"),
    NULL, seats_cli_licenses, NEEDS_ENGINE, 0, ALLOW_CSV | ALLOW_JSON, -1 },
  { "users", NULL, N_("List the users; --counted for those who hold a license, --inactive for the others"),
    N_("With --counted, only the users who count toward the licenses today (active, and "
       "their end date not passed); with --csv this is the active users report."),
    seats_cli_users, NEEDS_ENGINE, 0, ALLOW_CSV | ALLOW_JSON | ALLOW_FILTER, -1 },
  { "buy", "N", N_("Buy N more licenses now, at a prorated price"),
    N_("Shows the price for the rest of the current billing period and the counts after the "
       "purchase, and asks before buying unless --yes is given. --product ID buys licenses "
       "of an add-on module instead of user licenses."),
    seats_cli_buy, NEEDS_ENGINE, 1, ALLOW_PRODUCT | ALLOW_YES, 1 },
  { "set-next-period", "N", N_("Set the number of licenses for the next billing period"),
    NULL, seats_cli_set_next_period, NEEDS_ENGINE, 1, ALLOW_PRODUCT, 0 },
  { "activate-user", "ID", N_("Activate a user, by id, user name or e-mail address"),
    NULL, seats_cli_activate_user, NEEDS_ENGINE, 1, 0, -1 },
  { "deactivate-user", "ID", N_("Deactivate a user, by id, user name or e-mail address"),
    NULL, seats_cli_deactivate_user, NEEDS_ENGINE, 1, 0, -1 },
  { "assign-module", "MODULE USER", N_("Give a user a license of an add-on module"),
    N_("MODULE is the module's id or name, as “seatsctl licenses” shows it; USER an id, user "
       "name or e-mail address. Refused when no license of the module is free."),
    seats_cli_assign_module, NEEDS_ENGINE, 2, 0, -1 },
  { "remove-module", "MODULE USER", N_("Take an add-on module's license from a user"),
    NULL, seats_cli_remove_module, NEEDS_ENGINE, 2, 0, -1 },
  { "activate-license", NULL, N_("Activate the new license from the vendor"),
    NULL, seats_cli_activate_license, NEEDS_ENGINE, 0, 0, -1 },
  { "import-license", "FILE", N_("Load a new license from a signed license file"),
    NULL, seats_cli_import_license, NEEDS_ENGINE, 1, 0, -1 },
  { "billing", NULL, N_("Show the subscription, its prices, the billing details and the features"),
    NULL, seats_cli_billing, NEEDS_ENGINE, 0, ALLOW_JSON, -1 },
  { "history", NULL, N_("Show the orders and the action log, newest first"),
    NULL, seats_cli_history, NEEDS_ENGINE, 0, ALLOW_CSV | ALLOW_JSON, -1 },
  { "add-subscription", "NAME=VALUE…", N_("Add a subscription whose terms are kept on this computer"),
    N_("For a subscription with no server to sync with. Each term is NAME=VALUE: vendor and "
       "product (names), currency (such as EUR or SEK), licenses (bought this period), next "
       "(for the next period, the same unless given), price (of one license a month, such as "
       "12.50), period (1, 3 or 12 months), start (the day the current period began, "
       "YYYY-MM-DD), notice (the days before the period turns by which a change must be "
       "made), rule (at-least, equal, grace or none), grace (days, with the grace rule), "
       "reseller and reseller-url, and portal (the vendor’s portal). For example: seatsctl "
       "add-subscription vendor=TimeLog product=\"TimeLog PSA\" currency=DKK licenses=12 "
       "price=349 start=2026-11-01 notice=14"),
    seats_cli_add_subscription, NEEDS_SETTINGS, ANY_ARGS, 0, -1 },
  { "set-terms", "NAME=VALUE…", N_("Change the terms of a subscription kept on this computer"),
    N_("Takes the terms as add-subscription does; those not given stay as they are."),
    seats_cli_set_terms, NEEDS_ENGINE, ANY_ARGS, 0, -1 },
  { "add-user", "NAME=VALUE…", N_("Add a user to a subscription kept by hand"),
    N_("Each detail is NAME=VALUE: name, email, user-name, active (yes or no; yes unless "
       "given), start and end (YYYY-MM-DD, or none). A name or an e-mail address is needed. "
       "For example: seatsctl add-user name=\"Nina Berg\" email=nina@example.com "
       "start=2026-12-01"),
    seats_cli_add_user, NEEDS_ENGINE, ANY_ARGS, 0, -1 },
  { "edit-user", "USER NAME=VALUE…", N_("Change a user of a subscription kept by hand"),
    N_("USER is an e-mail address, a user name or an ID, as “seatsctl users” lists them. Takes "
       "the details as add-user does; those not given stay as they are. A user who has left is "
       "given an end date, such as end=2026-12-31, and stays in the history."),
    seats_cli_edit_user, NEEDS_ENGINE, ANY_ARGS, 0, -1 },
  { "import-users", "FILE", N_("Import the users of a subscription kept by hand from a CSV file"),
    N_("FILE is the vendor’s export of its users, with commas, semicolons or tabs, in UTF-8 or "
       "as Excel writes it. Shows what Seats reads from each column, how many users are added, "
       "changed and become former users (those missing from the file), and the rows left out "
       "and why; then asks before importing, all or nothing, unless --yes is given."),
    seats_cli_import_users, NEEDS_ENGINE, 1, ALLOW_YES, -1 },
  { "overview", NULL, N_("Show every account at a glance, with totals per currency"),
    N_("For every account: the licenses purchased, in use and available, what the subscription "
       "and its available licenses cost a month, the next period whose licenses can still be "
       "changed and the last day to change them, and what needs attention. Amounts in "
       "different currencies are added up apart."),
    seats_cli_overview, NEEDS_SETTINGS, 0, ALLOW_JSON, -1 },
  { "reminders", NULL, N_("Say which subscriptions must be changed soon; exit status 1 if any"),
    N_("For every account: when the last day to change the licenses of its next billing period "
       "is within the days of the “reminder-days” setting (7 unless set) and it has licenses "
       "nobody holds or users past their end date, says so with what lowering the count saves. "
       "Ends with exit status 0 when nothing is due and 1 when something is."),
    seats_cli_reminders, NEEDS_SETTINGS, 0, 0, -1 },
  { "calendar", "FILE", N_("Write the last day to change each subscription to an iCalendar file"),
    N_("One all-day event for each account, with a reminder a week before, for GNOME Calendar "
       "or Outlook to import. FILE - writes it to standard output."),
    seats_cli_calendar, NEEDS_SETTINGS, 1, 0, -1 },
};

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];

  return NULL;
}

static char *
command_usage (const Command *command)
{
  if (command->arguments != NULL)
    return g_strdup_printf ("%s %s", command->name, command->arguments);

  return g_strdup (command->name);
}

static char *
commands_summary (void)
{
  GString *summary = g_string_new (_("Commands:"));
  guint width = 0;

  g_string_append_c (summary, '\n');

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = command_usage (&commands[i]);

      width = MAX (width, seats_cli_display_width (usage));
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = command_usage (&commands[i]);
      g_autofree char *padded = seats_cli_pad (usage, width, FALSE);

      g_string_append_printf (summary, "  %s  %s\n", padded, _(commands[i].summary));
    }

  {
    g_autofree char *padded = seats_cli_pad ("help COMMAND", width, FALSE);

    g_string_append_printf (summary, "  %s  %s", padded, _("Explain one command"));
  }

  return g_string_free (summary, FALSE);
}

static const char *
exit_status_description (void)
{
  return _("The account is the one chosen with --account, else the one chosen with "
           "“seatsctl use”, else the only one. With --server URL, no account is needed: "
           "the access token is read from the environment variable SEATS_TOKEN and nothing "
           "is kept in the keyring.\n"
           "\n"
           "Exit status: 0 done, 1 refused (the reason is on standard error), 2 wrong "
           "usage, 3 the license server cannot be reached.");
}

/* Errors: what went wrong, on standard error, with the exit status scripts
 * can branch on. */

/**
 * seats_cli_exit_for_error:
 * @error: why a command failed
 *
 * Returns: %SEATS_CLI_EXIT_UNREACHABLE when the server could not be reached
 *   or used, %SEATS_CLI_EXIT_USAGE for a wrong command line and
 *   %SEATS_CLI_EXIT_REFUSED for everything that was refused
 */
int
seats_cli_exit_for_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, SEATS_CLI_EXIT_REFUSED);

  if (error->domain == G_OPTION_ERROR)
    return SEATS_CLI_EXIT_USAGE;

  if (error->domain == SEATS_API_ERROR)
    {
      switch ((SeatsApiError) error->code)
        {
        case SEATS_API_ERROR_OFFLINE:
        case SEATS_API_ERROR_TIMEOUT:
        case SEATS_API_ERROR_TLS:
        case SEATS_API_ERROR_SERVER:
        case SEATS_API_ERROR_RATE_LIMITED:
        case SEATS_API_ERROR_MALFORMED:
          return SEATS_CLI_EXIT_UNREACHABLE;

        case SEATS_API_ERROR_INSECURE:
        case SEATS_API_ERROR_UNAUTHORIZED:
        case SEATS_API_ERROR_FORBIDDEN:
        case SEATS_API_ERROR_NOT_FOUND:
        case SEATS_API_ERROR_CONFLICT:
        case SEATS_API_ERROR_STALE:
        case SEATS_API_ERROR_REFUSED:
        default:
          return SEATS_CLI_EXIT_REFUSED;
        }
    }

  return SEATS_CLI_EXIT_REFUSED;
}

int
seats_cli_fail (const GError *error)
{
  g_printerr ("seatsctl: %s\n", error->message);

  return seats_cli_exit_for_error (error);
}

int
seats_cli_usage_error (const char *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("seatsctl: %s\n", message);
  g_printerr (_("Try “seatsctl --help”."));
  g_printerr ("\n");

  return SEATS_CLI_EXIT_USAGE;
}

/* The library is asynchronous; a command waits for each step in turn. */

void
seats_cli_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

void
seats_cli_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
seats_cli_parse_count (const char *text,
                       guint       min,
                       guint      *count)
{
  guint64 number = 0;

  if (!g_ascii_string_to_unsigned (text, 10, min, G_MAXUINT32, &number, NULL))
    return FALSE;

  *count = (guint) number;
  return TRUE;
}

char *
seats_cli_format_iso_date (guint32 julian)
{
  GDate date;
  char text[16];

  if (!seats_julian_to_date (julian, &date))
    return NULL;

  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}

char *
seats_cli_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_time);
  g_autofree char *day = NULL;
  g_autofree char *clock = NULL;

  if (time == NULL)
    return g_strdup ("");

  day = seats_format_date_short (seats_julian_from_ymd (g_date_time_get_year (time),
                                                        g_date_time_get_month (time),
                                                        g_date_time_get_day_of_month (time)));
  clock = g_date_time_format (time, "%H:%M");

  return g_strdup_printf ("%s %s", day, clock);
}

char *
seats_cli_format_iso_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  return time != NULL ? g_date_time_format_iso8601 (time) : NULL;
}

void
seats_cli_print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* R20: every cell made safe for a spreadsheet. */
void
seats_cli_print_csv (GPtrArray *rows)
{
  g_autoptr(GString) csv = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    seats_rules_csv_append_row (csv, g_ptr_array_index (rows, i));

  fwrite (csv->str, 1, csv->len, stdout);
}

/* Reads one line without showing it on a terminal. The prompt goes to
 * standard error, so that standard output stays the command's own. */
char *
seats_cli_read_secret (const char  *prompt,
                       GError     **error)
{
  g_autofree char *buffer = g_malloc0 (MAX_SECRET_LENGTH + 2);
  struct termios saved, quiet;
  gboolean terminal = isatty (STDIN_FILENO);
  gboolean echo_off = FALSE;
  char *line;
  gsize len;

  if (terminal)
    {
      g_printerr ("%s", prompt);
      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          quiet.c_lflag |= ECHONL;
          echo_off = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }

  line = fgets (buffer, MAX_SECRET_LENGTH + 2, stdin);

  if (echo_off)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);

  if (line == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("No access token was given on standard input."));
      return NULL;
    }

  len = strlen (buffer);
  if (len > MAX_SECRET_LENGTH)
    {
      memset (buffer, 0, MAX_SECRET_LENGTH + 2);
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("The access token on standard input is too long."));
      return NULL;
    }

  g_strstrip (buffer);
  if (*buffer == '\0')
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("No access token was given on standard input."));
      return NULL;
    }

  return g_steal_pointer (&buffer);
}

static gboolean
answer_is (const char *answer,
           const char *word)
{
  return g_utf8_collate (answer, word) == 0;
}

/* Yes in English and in the person's language: "j" in Dutch and Swedish. */
gboolean
seats_cli_ask_yes (const char *question)
{
  char buffer[64] = "";
  g_autofree char *answer = NULL;

  g_printerr ("%s ", question);
  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    return FALSE;

  g_strstrip (buffer);
  if (!g_utf8_validate (buffer, -1, NULL))
    return FALSE;
  answer = g_utf8_strdown (buffer, -1);

  return answer_is (answer, "y") || answer_is (answer, "yes") ||
         /* Translators: the short answer "yes" to a [y/N] question, in lower case */
         answer_is (answer, C_("answer", "y")) ||
         /* Translators: the answer "yes" to a [y/N] question, in lower case */
         answer_is (answer, C_("answer", "yes"));
}

/* Accounts: from the settings, or from --server and SEATS_TOKEN. */

GSettings *
seats_cli_get_settings (SeatsCli  *cli,
                        GError   **error)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source;

  if (cli->settings != NULL)
    return cli->settings;

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);

  if (schema == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The settings of Seats are not installed, so no account can be "
                             "kept. Install Seats, or use --server URL with the access token "
                             "in SEATS_TOKEN."));
      return NULL;
    }

  cli->settings = g_settings_new_full (schema, NULL, NULL);
  return cli->settings;
}

static SeatsAccountInfo *
choose_account (SeatsCli  *cli,
                int       *exit_status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autofree char *active = NULL;
  GSettings *settings;

  if (!(settings = seats_cli_get_settings (cli, &error)))
    {
      *exit_status = seats_cli_fail (error);
      return NULL;
    }

  if (cli->account_id != NULL)
    {
      SeatsAccountInfo *info = seats_accounts_find (settings, cli->account_id);

      if (info == NULL)
        *exit_status = seats_cli_usage_error (_("There is no account “%s”. "
                                                "“seatsctl accounts” lists them."),
                                              cli->account_id);
      return info;
    }

  active = g_settings_get_string (settings, "active-account");
  if (active[0] != '\0')
    {
      SeatsAccountInfo *info = seats_accounts_find (settings, active);

      if (info != NULL)
        return info;
    }

  accounts = seats_accounts_list (settings);
  if (accounts->len == 1)
    return seats_account_info_copy (g_ptr_array_index (accounts, 0));

  if (accounts->len == 0)
    *exit_status = seats_cli_usage_error (_("No account is connected. Connect one with "
                                            "“seatsctl connect URL”, or use --server URL with "
                                            "the access token in SEATS_TOKEN."));
  else
    *exit_status = seats_cli_usage_error (_("Several accounts are connected. Choose one with "
                                            "--account ID or “seatsctl use ID”."));
  return NULL;
}

static SeatsSyncEngine *
open_with_server (SeatsCli  *cli,
                  GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  const char *token = g_getenv ("SEATS_TOKEN");

  seats_accounts_check_async (cli->server, cli->user_name, token, NULL, seats_cli_done_cb, &result);
  seats_cli_wait (&result);
  if (!(cli->info = seats_accounts_check_finish (result, error)))
    return NULL;

  return seats_accounts_open_with_token (cli->info, token, SEATS_SYNC_LOAD_DEFAULT, error);
}

static SeatsSyncEngine *
open_from_keyring (SeatsCli  *cli,
                   GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  seats_accounts_open_async (cli->info, SEATS_SYNC_LOAD_DEFAULT, NULL, seats_cli_done_cb, &result);
  seats_cli_wait (&result);

  return seats_accounts_open_finish (result, error);
}

/**
 * seats_cli_open:
 * @cli: the run
 * @changes: %TRUE when the command changes something, which needs the server
 *
 * Opens the account and syncs it, so that what is shown and what the rules
 * are checked against is fresh. When the server cannot be reached, a
 * command that only shows things shows the local copy, says so and ends
 * with %SEATS_CLI_EXIT_UNREACHABLE.
 *
 * Returns: %SEATS_CLI_EXIT_OK to go on, or the exit status
 */
int
seats_cli_open (SeatsCli *cli,
                gboolean  changes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  int status = SEATS_CLI_EXIT_OK;

  if (cli->server != NULL)
    {
      const char *token = g_getenv ("SEATS_TOKEN");

      if (token == NULL || *token == '\0')
        return seats_cli_usage_error (_("--server needs the access token in the environment "
                                        "variable SEATS_TOKEN."));

      cli->engine = open_with_server (cli, &error);
    }
  else
    {
      if (!(cli->info = choose_account (cli, &status)))
        return status;

      cli->engine = open_from_keyring (cli, &error);
    }

  if (cli->engine == NULL)
    return seats_cli_fail (error);

  seats_sync_engine_sync_async (cli->engine, FALSE, NULL, seats_cli_done_cb, &result);
  seats_cli_wait (&result);
  if (seats_sync_engine_sync_finish (cli->engine, result, &error))
    return SEATS_CLI_EXIT_OK;

  status = seats_cli_exit_for_error (error);
  if (changes || status != SEATS_CLI_EXIT_UNREACHABLE ||
      seats_sync_engine_get_account (cli->engine) == NULL)
    return seats_cli_fail (error);

  {
    g_autofree char *since = seats_format_since (seats_sync_engine_get_last_synced (cli->engine),
                                                 seats_clock_get_unix_time (seats_sync_engine_get_clock (cli->engine)));

    /* Two sentences, each on a line of its own: the first is the error's. */
    g_printerr ("seatsctl: %s\n", error->message);
    g_printerr ("seatsctl: ");
    /* Translators: %s is a time such as "5 minutes ago" */
    g_printerr (_("Showing the local copy, synced %s."), since);
    g_printerr ("\n");
  }
  cli->stale_exit = status;
  return SEATS_CLI_EXIT_OK;
}

static gboolean
check_options (SeatsCli       *cli,
               const Command  *command,
               int            *status)
{
  guint count;
  struct {
    gboolean    given;
    Allows      allow;
    const char *option;
  } checks[] = {
    { cli->csv, ALLOW_CSV, "--csv" },
    { cli->json, ALLOW_JSON, "--json" },
    { cli->product_id != NULL, ALLOW_PRODUCT, "--product" },
    { cli->yes, ALLOW_YES, "--yes" },
    { cli->counted, ALLOW_FILTER, "--counted" },
    { cli->inactive, ALLOW_FILTER, "--inactive" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    if (checks[i].given && !(command->allows & checks[i].allow))
      {
        /* Translators: the first %s is an option such as --csv, the second a command */
        *status = seats_cli_usage_error (_("%s does not apply to “%s”."), checks[i].option,
                                         command->name);
        return FALSE;
      }

  if (cli->csv && cli->json)
    {
      *status = seats_cli_usage_error (_("Choose either --csv or --json."));
      return FALSE;
    }

  if (cli->stable_header && !cli->csv)
    {
      *status = seats_cli_usage_error (_("--stable-header goes with --csv."));
      return FALSE;
    }

  if (cli->counted && cli->inactive)
    {
      *status = seats_cli_usage_error (_("Choose either --counted or --inactive."));
      return FALSE;
    }

  if (cli->server != NULL && command->needs == NEEDS_SETTINGS)
    {
      *status = seats_cli_usage_error (_("“%s” works on connected accounts and does not "
                                         "take --server."), command->name);
      return FALSE;
    }

  if (cli->server != NULL && cli->account_id != NULL)
    {
      *status = seats_cli_usage_error (_("Choose either --server or --account."));
      return FALSE;
    }

  if (command->n_args == ANY_ARGS ? cli->n_args == 0 : cli->n_args != command->n_args)
    {
      g_autofree char *usage = command_usage (command);

      *status = seats_cli_usage_error (_("Use it as: seatsctl %s"), usage);
      return FALSE;
    }

  if (command->number_min >= 0 &&
      !seats_cli_parse_count (cli->args[0], (guint) command->number_min, &count))
    {
      *status = seats_cli_usage_error (_("“%s” is not a number of licenses here."), cli->args[0]);
      return FALSE;
    }

  return TRUE;
}

static void
print_command_help (const Command *command)
{
  g_autofree char *usage = command_usage (command);

  g_print ("%s\n", _("Usage:"));
  g_print ("  ");
  /* Translators: how a command is used; %s is the command with what it
   * takes, such as "buy COUNT". Translate OPTION as GLib does. */
  g_print (_("seatsctl [OPTION…] %s"), usage);
  g_print ("\n\n");
  g_print ("%s\n", _(command->summary));
  if (command->description != NULL)
    g_print ("\n%s\n", _(command->description));
}

static void
free_cli (SeatsCli *cli)
{
  g_clear_object (&cli->engine);
  if (cli->settings != NULL)
    g_settings_sync ();
  g_clear_object (&cli->settings);
  g_clear_pointer (&cli->info, seats_account_info_free);
  g_free (cli->account_id);
  g_free (cli->server);
  g_free (cli->user_name);
  g_free (cli->product_id);
}

/**
 * seats_cli_run:
 * @argc: the number of arguments
 * @argv: the arguments, as main() received them
 *
 * Runs seatsctl. The locale and the text domain are the caller's.
 *
 * Returns: a #SeatsCliExit
 */
int
seats_cli_run (int    argc,
               char **argv)
{
  SeatsCli cli = { 0 };
  GOptionEntry entries[] = {
    { "account", 'a', 0, G_OPTION_ARG_STRING, &cli.account_id,
      N_("Use the connected account ID"), N_("ID") },
    { "server", 0, 0, G_OPTION_ARG_STRING, &cli.server,
      N_("Use the license server or SCIM service at URL, with the access token (or password) "
         "in SEATS_TOKEN"), N_("URL") },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &cli.user_name,
      N_("Sign in to a SCIM service as NAME, with a password instead of a token"), N_("NAME") },
    { "product", 'p', 0, G_OPTION_ARG_STRING, &cli.product_id,
      N_("The product to buy or count, instead of user licenses"), N_("ID") },
    { "counted", 0, 0, G_OPTION_ARG_NONE, &cli.counted,
      N_("Only the users who hold a license"), NULL },
    { "inactive", 0, 0, G_OPTION_ARG_NONE, &cli.inactive,
      N_("Only the users who do not hold a license"), NULL },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &cli.yes,
      N_("Buy without asking"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &cli.csv,
      N_("Write comma-separated values, for spreadsheets and scripts"), NULL },
    { "stable-header", 0, 0, G_OPTION_ARG_NONE, &cli.stable_header,
      N_("With --csv, name the columns with stable names (id, name, …) for scripts, "
         "not in your language"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli.json,
      N_("Write JSON, for scripts"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_auto(GStrv) args = NULL;
  const Command *command;
  int status = SEATS_CLI_EXIT_OK;

  /* Translators: the arguments of seatsctl in its usage line */
  context = g_option_context_new (_("COMMAND [ARGUMENT]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  summary = commands_summary ();
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, exit_status_description ());

  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      status = seats_cli_usage_error ("%s", error->message);
      goto out;
    }

  if (args[1] == NULL)
    {
      status = seats_cli_usage_error (_("Give a command."));
      goto out;
    }

  if (g_str_equal (args[1], "help"))
    {
      if (args[2] == NULL)
        {
          g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

          g_print ("%s", help);
        }
      else if ((command = find_command (args[2])) != NULL && args[3] == NULL)
        print_command_help (command);
      else
        status = seats_cli_usage_error (_("There is no command “%s”."), args[2]);
      goto out;
    }

  command = find_command (args[1]);
  if (command == NULL)
    {
      status = seats_cli_usage_error (_("There is no command “%s”."), args[1]);
      goto out;
    }

  cli.command = command->name;
  cli.args = args + 2;
  cli.n_args = g_strv_length (cli.args);

  if (!check_options (&cli, command, &status))
    goto out;

  if (command->needs == NEEDS_ENGINE)
    {
      /* Commands that show things can show the local copy offline. */
      gboolean changes = (command->allows & (ALLOW_CSV | ALLOW_JSON)) == 0;

      if ((status = seats_cli_open (&cli, changes)) != SEATS_CLI_EXIT_OK)
        goto out;
    }

  status = command->func (&cli);
  if (status == SEATS_CLI_EXIT_OK && cli.stale_exit != SEATS_CLI_EXIT_OK)
    status = cli.stale_exit;

out:
  free_cli (&cli);
  return status;
}
