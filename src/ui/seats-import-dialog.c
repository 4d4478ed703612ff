/* seats-import-dialog.c: the users of a vendor's export, checked and imported
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "seats-format.h"
#include "seats-import-dialog.h"
#include "seats-licenses-util.h"

/*
 * Shows what Seats reads from each column of the file, lets the person
 * correct it, and says what importing would change (added, changed,
 * become former users, unchanged) and which rows are left out and why,
 * before one change imports it all or nothing.
 */
struct _SeatsImportDialog
{
  AdwWindow         parent_instance;

  SeatsSyncEngine  *engine;
  SeatsUserTable   *table;
  SeatsUserImport  *plan;
  GCancellable     *cancellable;
  GPtrArray        *problem_rows;

  GtkLabel         *error_label;
  AdwPreferencesGroup *columns_group;
  AdwPreferencesGroup *problems_group;
  GtkLabel         *added_label;
  GtkLabel         *changed_label;
  GtkLabel         *gone_label;
  GtkLabel         *unchanged_label;
};

G_DEFINE_FINAL_TYPE (SeatsImportDialog, seats_import_dialog, ADW_TYPE_WINDOW)

static void
set_count (GtkLabel *label,
           guint     count)
{
  g_autofree char *text = seats_format_count (count);

  gtk_label_set_label (label, text);
}

/* Plans the import again as the columns are now mapped. */
static void
replan (SeatsImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean mapped = seats_user_table_check_mapping (self->table, &error);

  g_clear_pointer (&self->plan, seats_user_import_free);
  for (guint i = 0; i < self->problem_rows->len; i++)
    adw_preferences_group_remove (self->problems_group, g_ptr_array_index (self->problem_rows, i));
  g_ptr_array_set_size (self->problem_rows, 0);

  gtk_label_set_label (self->error_label, mapped ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), !mapped);

  if (mapped)
    self->plan = seats_user_import_plan (self->table, seats_sync_engine_get_users (self->engine));

  set_count (self->added_label, self->plan != NULL ? self->plan->n_added : 0);
  set_count (self->changed_label, self->plan != NULL ? self->plan->n_changed : 0);
  set_count (self->gone_label, self->plan != NULL ? self->plan->n_gone : 0);
  set_count (self->unchanged_label, self->plan != NULL ? self->plan->n_unchanged : 0);

  for (guint i = 0; self->plan != NULL && i < self->plan->problems->len; i++)
    {
      SeatsImportProblem *problem = g_ptr_array_index (self->plan->problems, i);
      g_autofree char *title = g_strdup_printf (_("Row %u"), problem->row);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem->reason);
      adw_preferences_group_add (self->problems_group, row);
      g_ptr_array_add (self->problem_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), self->problem_rows->len > 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import",
                                 self->cancellable == NULL && self->plan != NULL &&
                                 self->plan->users->len > 0);
}

static void
column_changed_cb (AdwComboRow       *row,
                   GParamSpec        *pspec,
                   SeatsImportDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "seats-column"));

  g_array_index (self->table->mapping, SeatsImportColumn, index) = adw_combo_row_get_selected (row);
  replan (self);
}

static void
add_column_rows (SeatsImportDialog *self)
{
  const char *names[SEATS_IMPORT_N_COLUMNS + 1] = { NULL };
  GStrv first = self->table->rows->len > 0 ? g_ptr_array_index (self->table->rows, 0) : NULL;
  guint n_first = first != NULL ? g_strv_length (first) : 0;

  for (guint i = 0; i < SEATS_IMPORT_N_COLUMNS; i++)
    names[i] = seats_import_column_describe (i);

  for (guint i = 0; self->table->header[i] != NULL; i++)
    {
      g_autoptr(GtkStringList) model = gtk_string_list_new (names);
      GtkWidget *row = adw_combo_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     *self->table->header[i] != '\0' ? self->table->header[i] : "—");
      if (i < n_first && *first[i] != '\0')
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), first[i]);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                                  g_array_index (self->table->mapping, SeatsImportColumn, i));
      g_object_set_data (G_OBJECT (row), "seats-column", GUINT_TO_POINTER (i));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (column_changed_cb), self, 0);
      adw_preferences_group_add (self->columns_group, row);
    }
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SeatsImportDialog) self = user_data;
  g_autoptr(SeatsChange) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_clear_object (&self->cancellable);
  if (!seats_sync_engine_submit_finish (SEATS_SYNC_ENGINE (object), result, &undo, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      replan (self);
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  /* Translators: %s is the name of the file the users came from */
  title = g_strdup_printf (_("Imported the users of “%s”"), self->table->file_name);
  toast = seats_undo_toast_new (title, self->engine, g_steal_pointer (&undo));
  seats_licenses_add_toast (GTK_WIDGET (self), toast);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SeatsImportDialog *self = SEATS_IMPORT_DIALOG (widget);
  g_autoptr(SeatsChange) change = NULL;
  g_autoptr(SeatsChange) checked = NULL;
  g_autoptr(GError) error = NULL;

  if (self->cancellable != NULL || self->plan == NULL || self->plan->users->len == 0)
    return;

  change = seats_change_new_users_put (self->plan->users, NULL, self->table->file_name);
  if (!(checked = seats_sync_engine_check (self->engine, change, NULL, &error)))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (widget, "import.import", FALSE);
  seats_sync_engine_submit_async (self->engine, checked, self->cancellable, imported_cb,
                                  g_object_ref (self));
}

static void
seats_import_dialog_dispose (GObject *object)
{
  SeatsImportDialog *self = SEATS_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEATS_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (seats_import_dialog_parent_class)->dispose (object);
}

static void
seats_import_dialog_finalize (GObject *object)
{
  SeatsImportDialog *self = SEATS_IMPORT_DIALOG (object);

  g_clear_object (&self->engine);
  g_clear_pointer (&self->table, seats_user_table_free);
  g_clear_pointer (&self->plan, seats_user_import_free);
  g_clear_pointer (&self->problem_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (seats_import_dialog_parent_class)->finalize (object);
}

static void
seats_import_dialog_class_init (SeatsImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seats_import_dialog_dispose;
  object_class->finalize = seats_import_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/seats-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SeatsImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, SeatsImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, SeatsImportDialog, added_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsImportDialog, changed_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsImportDialog, gone_label);
  gtk_widget_class_bind_template_child (widget_class, SeatsImportDialog, unchanged_label);

  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
seats_import_dialog_init (SeatsImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->problem_rows = g_ptr_array_new ();
}

/**
 * seats_import_dialog_new:
 * @parent: the window that asks
 * @engine: the account the users go to, one kept by hand
 * @table: (transfer full): the file, read
 *
 * Returns: (transfer none): a dialog that imports the users of @table
 */
SeatsImportDialog *
seats_import_dialog_new (GtkWindow       *parent,
                         SeatsSyncEngine *engine,
                         SeatsUserTable  *table)
{
  SeatsImportDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SEATS_IS_SYNC_ENGINE (engine), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  self = g_object_new (SEATS_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->engine = g_object_ref (engine);
  self->table = table;
  add_column_rows (self);
  replan (self);

  return self;
}

typedef struct
{
  GtkWindow       *parent;
  SeatsSyncEngine *engine;
  char            *name;
} Choosing;

static void
choosing_free (Choosing *choosing)
{
  g_clear_object (&choosing->parent);
  g_clear_object (&choosing->engine);
  g_free (choosing->name);
  g_free (choosing);
}

static void
refuse (GtkWindow  *parent,
        const char *message)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("The Users Cannot Be Imported"),
                                                                         message));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
file_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Choosing *choosing = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SeatsUserTable *table;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    refuse (choosing->parent, error->message);
  else
    {
      bytes = g_bytes_new_take (contents, length);
      if (!(table = seats_user_table_read (bytes, choosing->name, &error)))
        refuse (choosing->parent, error->message);
      else
        gtk_window_present (GTK_WINDOW (seats_import_dialog_new (choosing->parent, choosing->engine, table)));
    }

  choosing_free (choosing);
}

static void
file_sized_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Choosing *choosing = user_data;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (object), result, NULL);

  /* A file too large is refused before it is read into memory. */
  if (info != NULL && g_file_info_get_size (info) > SEATS_USER_IMPORT_MAX_SIZE)
    {
      g_autofree char *message = g_strdup_printf (_("The file is larger than %d MB, more than a list of users is."),
                                                  SEATS_USER_IMPORT_MAX_SIZE / (1024 * 1024));

      refuse (choosing->parent, message);
      choosing_free (choosing);
      return;
    }

  g_file_load_contents_async (G_FILE (object), NULL, file_loaded_cb, choosing);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     Choosing        *choosing)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  if (file == NULL)
    {
      choosing_free (choosing);
      return;
    }

  choosing->name = g_file_get_basename (file);
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, NULL, file_sized_cb, choosing);
}

/**
 * seats_import_dialog_choose_file:
 * @parent: the window that asks
 * @engine: the account the users go to, one kept by hand
 *
 * Asks for the vendor's export through the file chooser (the portal where
 * there is one), reads it, and shows what importing it would do; a file
 * that is not a table of users is refused with the reason.
 */
void
seats_import_dialog_choose_file (GtkWindow       *parent,
                                 SeatsSyncEngine *engine)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;
  Choosing *choosing = g_new0 (Choosing, 1);

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (SEATS_IS_SYNC_ENGINE (engine));

  choosing->parent = g_object_ref (parent);
  choosing->engine = g_object_ref (engine);

  chooser = gtk_file_chooser_native_new (_("Import Users"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Tables of Users (CSV)"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), choosing);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
