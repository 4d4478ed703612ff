/* seats-cli-table.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A table for people: columns aligned by the width the text takes on a
 * terminal, so that names with accents or wide characters line up too. */
typedef struct _SeatsCliTable SeatsCliTable;

SeatsCliTable *seats_cli_table_new             (guint                n_columns);
void           seats_cli_table_free            (SeatsCliTable       *table);
void           seats_cli_table_set_headers     (SeatsCliTable       *table,
                                                const char * const  *headers);
void           seats_cli_table_align_right     (SeatsCliTable       *table,
                                                guint                column);
void           seats_cli_table_add_row         (SeatsCliTable       *table,
                                                const char * const  *cells);
guint          seats_cli_table_get_n_rows      (SeatsCliTable       *table);
char          *seats_cli_table_to_string       (SeatsCliTable       *table);

guint          seats_cli_display_width         (const char          *text);
char          *seats_cli_pad                   (const char          *text,
                                                guint                width,
                                                gboolean             right);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsCliTable, seats_cli_table_free)

G_END_DECLS
