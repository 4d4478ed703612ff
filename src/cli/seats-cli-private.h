/* seats-cli-private.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "seats-accounts.h"
#include "seats-cli.h"
#include "seats-cli-table.h"
#include "seats-sync-engine.h"

G_BEGIN_DECLS

/* One run of seatsctl: the options, the command's arguments and, once
 * opened, the account. */
typedef struct
{
  /* Options */
  char             *account_id;
  char             *server;
  char             *user_name;
  char             *product_id;
  gboolean          csv;
  gboolean          stable_header;
  gboolean          json;
  gboolean          yes;
  gboolean          counted;
  gboolean          inactive;

  /* The command's own arguments */
  const char       *command;
  char            **args;
  guint             n_args;

  /* Opened on demand */
  GSettings        *settings;
  SeatsAccountInfo *info;
  SeatsSyncEngine  *engine;

  /* The sync failed but the local copy is shown: the exit status to end
   * with, and the output says so. */
  int               stale_exit;
} SeatsCli;

typedef int (*SeatsCliCommandFunc) (SeatsCli *cli);

/* seats-cli.c */
int          seats_cli_fail               (const GError  *error);
int          seats_cli_usage_error        (const char    *format,
                                           ...) G_GNUC_PRINTF (1, 2);
int          seats_cli_exit_for_error     (const GError  *error);
void         seats_cli_wait               (GAsyncResult **result);
void         seats_cli_done_cb            (GObject       *object,
                                           GAsyncResult  *result,
                                           gpointer       user_data);
int          seats_cli_open               (SeatsCli      *cli,
                                           gboolean       changes);
GSettings   *seats_cli_get_settings       (SeatsCli      *cli,
                                           GError       **error);
gboolean     seats_cli_parse_count        (const char    *text,
                                           guint          min,
                                           guint         *count);
char        *seats_cli_read_secret        (const char    *prompt,
                                           GError       **error);
gboolean     seats_cli_ask_yes            (const char    *question);
void         seats_cli_print_json         (JsonNode      *root);
void         seats_cli_print_csv          (GPtrArray     *rows);
char        *seats_cli_format_iso_date    (guint32        julian);
char        *seats_cli_format_time        (gint64         unix_time);
char        *seats_cli_format_iso_time    (gint64         unix_time);

/* seats-cli-commands.c */
int          seats_cli_connect            (SeatsCli *cli);
int          seats_cli_accounts           (SeatsCli *cli);
int          seats_cli_use                (SeatsCli *cli);
int          seats_cli_remove_account     (SeatsCli *cli);
int          seats_cli_sync               (SeatsCli *cli);
int          seats_cli_status             (SeatsCli *cli);
int          seats_cli_licenses           (SeatsCli *cli);
int          seats_cli_users              (SeatsCli *cli);
int          seats_cli_buy                (SeatsCli *cli);
int          seats_cli_set_next_period    (SeatsCli *cli);
int          seats_cli_activate_user      (SeatsCli *cli);
int          seats_cli_deactivate_user    (SeatsCli *cli);
int          seats_cli_assign_module      (SeatsCli *cli);
int          seats_cli_remove_module      (SeatsCli *cli);
int          seats_cli_activate_license   (SeatsCli *cli);
int          seats_cli_import_license     (SeatsCli *cli);
int          seats_cli_billing            (SeatsCli *cli);
int          seats_cli_history            (SeatsCli *cli);
int          seats_cli_add_subscription   (SeatsCli *cli);
int          seats_cli_set_terms          (SeatsCli *cli);
int          seats_cli_reminders          (SeatsCli *cli);
int          seats_cli_calendar           (SeatsCli *cli);
int          seats_cli_overview           (SeatsCli *cli);
int          seats_cli_add_user           (SeatsCli *cli);
int          seats_cli_edit_user          (SeatsCli *cli);
int          seats_cli_import_users       (SeatsCli *cli);

G_END_DECLS
