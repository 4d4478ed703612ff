/* seats-store-private.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "seats-store.h"

G_BEGIN_DECLS

/* What was being done when SQLite failed: it decides the message. */
typedef enum
{
  SEATS_STORE_OP_OPEN,
  SEATS_STORE_OP_READ,
  SEATS_STORE_OP_WRITE,
} SeatsStoreOp;

gboolean      seats_store_set_error        (GError       **error,
                                            sqlite3       *db,
                                            int            rc,
                                            SeatsStoreOp   op);

sqlite3_stmt *seats_store_prepare          (SeatsStore    *self,
                                            const char    *sql,
                                            SeatsStoreOp   op,
                                            GError       **error);
gboolean      seats_store_step_done        (SeatsStore    *self,
                                            sqlite3_stmt  *stmt,
                                            GError       **error);
gboolean      seats_store_begin            (SeatsStore    *self,
                                            GError       **error);
gboolean      seats_store_commit           (SeatsStore    *self,
                                            GError       **error);
void          seats_store_rollback         (SeatsStore    *self);
GRecMutexLocker *seats_store_lock          (SeatsStore    *self);

/* The schema: its version and the migrations up to it. */
#define SEATS_STORE_SCHEMA_VERSION 8

gboolean      seats_store_schema_read_version (sqlite3  *db,
                                               int      *version,
                                               GError  **error);
gboolean      seats_store_schema_migrate      (sqlite3  *db,
                                               GError  **error);

G_END_DECLS
