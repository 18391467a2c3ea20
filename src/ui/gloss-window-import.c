/* gloss-window-import.c — Import…: other services' exports, brought in
 * while the window goes on
 *
 * The files are read in a worker, the articles brought in one after the
 * other, then the links clipped; a toast counts all along and can cancel,
 * and a dialog says at the end what came in and what did not. What the
 * queue still holds when the window opens (an import stopped, `gloss import
 * --queue-only`) is clipped then, with the same toast.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-import.h"
#include "gloss-window-private.h"

#define PROBLEMS_SHOWN 5

typedef struct
{
  GWeakRef          window;
  GlossLibrary     *library;
  GlossFetcher     *fetcher;
  AdwToast         *toast;
  GCancellable     *cancellable;
  GlossImportTally *tally;
} Import;

static void
import_free (Import *import)
{
  g_weak_ref_clear (&import->window);
  g_clear_object (&import->library);
  g_clear_object (&import->fetcher);
  if (import->toast != NULL)
    adw_toast_dismiss (import->toast);
  g_clear_object (&import->toast);
  g_clear_object (&import->cancellable);
  g_clear_pointer (&import->tally, gloss_import_tally_free);
  g_free (import);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Import, import_free)

static Import *
import_new (GlossWindow *self,
            const char  *title)
{
  Import *import = g_new0 (Import, 1);

  g_weak_ref_init (&import->window, self);
  import->library = g_object_ref (self->library);
  import->fetcher = g_object_ref (self->fetcher);
  import->cancellable = g_cancellable_new ();
  import->tally = gloss_import_tally_new ();
  import->toast = adw_toast_new (title);
  adw_toast_set_timeout (import->toast, 0);
  adw_toast_set_button_label (import->toast, _("_Stop"));
  g_signal_connect_object (import->toast, "button-clicked", G_CALLBACK (g_cancellable_cancel),
                           import->cancellable, G_CONNECT_SWAPPED);
  _gloss_window_show_toast (self, g_object_ref (import->toast));
  return import;
}

static void
on_import_progress (guint    done,
                    guint    total,
                    gpointer user_data)
{
  Import *import = user_data;
  g_autofree char *title = g_strdup_printf (_("Importing: %'u of %'u articles"), done, total);

  adw_toast_set_title (import->toast, title);
}

static void
on_clip_progress (guint    done,
                  guint    total,
                  gpointer user_data)
{
  Import *import = user_data;
  /* Translators: the links an import left to clip, as they are clipped */
  g_autofree char *title = g_strdup_printf (_("Clipping imported links: %'u of %'u"), done, total);

  adw_toast_set_title (import->toast, title);
}

/* What came in, a sentence a line: no language joins them the same way. */
static char *
describe_tally (GlossImportTally *tally)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, ngettext ("%'u article added.", "%'u articles added.",
                                          tally->added), tally->added);
  if (tally->merged > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("%'u article already in the library got more.",
                                              "%'u articles already in the library got more.",
                                              tally->merged), tally->merged);
    }
  g_string_append_c (text, '\n');
  g_string_append_printf (text, ngettext ("%'u highlight imported.", "%'u highlights imported.",
                                          tally->highlights), tally->highlights);
  if (tally->orphaned > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("%'u of them is not in the article’s text: it is kept, "
                                              "and shown as not found.",
                                              "%'u of them are not in the articles’ text: they are "
                                              "kept, and shown as not found.", tally->orphaned),
                              tally->orphaned);
    }
  if (tally->queued > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("%'u link is left to clip; it will be clipped the "
                                              "next time Gloss opens.",
                                              "%'u links are left to clip; they will be clipped the "
                                              "next time Gloss opens.", tally->queued),
                              tally->queued);
    }
  if (tally->failed > 0)
    {
      g_string_append (text, "\n\n");
      g_string_append_printf (text, ngettext ("%'u could not be imported:",
                                              "%'u could not be imported:", tally->failed),
                              tally->failed);
      for (guint i = 0; i < tally->problems->len && i < PROBLEMS_SHOWN; i++)
        {
          GlossImportProblem *problem = tally->problems->pdata[i];

          g_string_append_printf (text, "\n• %s: %s", problem->origin, problem->reason);
        }
      if (tally->problems->len > PROBLEMS_SHOWN)
        g_string_append_printf (text, _("\n• and %'u more"), tally->problems->len - PROBLEMS_SHOWN);
    }
  return g_string_free (text, FALSE);
}

static void
show_summary (GlossWindow      *self,
              GlossImportTally *tally,
              gboolean          stopped)
{
  g_autofree char *body = describe_tally (tally);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   stopped ? _("Import Stopped") : _("Import Finished"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_queue_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Import) import = user_data;
  g_autoptr(GlossWindow) self = g_weak_ref_get (&import->window);
  g_autoptr(GlossImportTally) clipped = gloss_import_run_queue_finish (result, NULL);

  if (clipped == NULL || self == NULL)
    return;
  /* What was queued and got clipped counts once, as added. */
  import->tally->queued = 0;
  gloss_import_tally_add (import->tally, clipped);
  if (import->tally->added + import->tally->merged + import->tally->failed + import->tally->queued
      > 0)
    show_summary (self, import->tally, g_cancellable_is_cancelled (import->cancellable));
}

static void
clip_queue (Import *import)
{
  gloss_import_run_queue_async (import->library, import->fetcher, FALSE, on_clip_progress, import,
                                import->cancellable, on_queue_done, import);
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Import *import = user_data;
  g_autoptr(GlossWindow) self = g_weak_ref_get (&import->window);
  g_autoptr(GError) error = NULL;
  GlossImportTally *tally = gloss_import_finish (result, &error);

  if (tally == NULL)
    {
      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _gloss_window_show_toast (self, adw_toast_new_format (_("Could not import: %s"),
                                                              error->message));
      import_free (import);
      return;
    }
  gloss_import_tally_free (import->tally);
  import->tally = tally;
  if (g_cancellable_is_cancelled (import->cancellable))
    {
      if (self != NULL)
        show_summary (self, import->tally, TRUE);
      import_free (import);
      return;
    }
  clip_queue (import);
}

/* In a worker: every file read, or the first that can not be, named. */
static void
read_files_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GStrv paths = task_data;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_import_file_free);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      GlossImportFile *file = gloss_import_read (paths[i], cancellable, &error);
      g_autofree char *name = g_filename_display_basename (paths[i]);

      if (file == NULL)
        {
          /* Translators: an export file Import… can not read: its name, and why */
          g_task_return_new_error (task, error->domain, error->code, _("%s: %s"), name,
                                   error->message);
          return;
        }
      g_ptr_array_add (files, file);
    }
  g_task_return_pointer (task, g_steal_pointer (&files), (GDestroyNotify) g_ptr_array_unref);
}

static void
on_files_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Import *import = user_data;
  g_autoptr(GlossWindow) self = g_weak_ref_get (&import->window);
  g_autoptr(GError) error = NULL;
  GPtrArray *files = g_task_propagate_pointer (G_TASK (result), &error);

  if (files == NULL)
    {
      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _gloss_window_show_toast (self, adw_toast_new_format (_("Could not import %s"),
                                                              error->message));
      import_free (import);
      return;
    }
  gloss_import_async (import->library, import->fetcher, files, FALSE, on_import_progress, import,
                      import->cancellable, on_imported, import);
}

/* Imports the exports at @paths (NULL-terminated) into the window's library. */
void
_gloss_window_import_files (GlossWindow        *self,
                            const char * const *paths)
{
  Import *import = import_new (self, _("Reading the exports…"));
  g_autoptr(GTask) read = g_task_new (NULL, import->cancellable, on_files_read, import);

  g_task_set_task_data (read, g_strdupv ((char **) paths), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (read, read_files_thread);
}

static void
on_queue_listed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  g_autoptr(GPtrArray) queued = g_task_propagate_pointer (G_TASK (result), NULL);

  if (queued != NULL && queued->len > 0 && gtk_widget_get_realized (GTK_WIDGET (self)))
    clip_queue (import_new (self, _("Clipping imported links…")));
}

static void
list_queue_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_task_return_pointer (task, gloss_import_queue_list (task_data, FALSE),
                         (GDestroyNotify) g_ptr_array_unref);
}

/* What an earlier import left queued, clipped now. */
void
_gloss_window_resume_import (GlossWindow *self)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, on_queue_listed, g_object_ref (self));

  g_task_set_task_data (task, g_strdup (self->library_dir), g_free);
  g_task_run_in_thread (task, list_queue_thread);
}

static void
on_import_response (GtkNativeDialog *dialog,
                    int              response,
                    GlossWindow     *self)
{
  g_autoptr(GListModel) chosen = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
  for (guint i = 0; chosen != NULL && i < g_list_model_get_n_items (chosen); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (chosen, i);
      char *path = g_file_get_path (file);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  if (paths->len > 1)
    _gloss_window_import_files (self, (const char * const *) paths->pdata);
  else if (chosen != NULL)
    _gloss_window_show_toast (self, adw_toast_new (_("Choose files on this computer")));
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Import"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  gtk_file_filter_set_name (filter, _("Exports (zip, JSON, CSV, bookmarks)"));
  gtk_file_filter_add_suffix (filter, "zip");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "html");
  gtk_file_filter_add_suffix (filter, "htm");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_import_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
_gloss_window_class_init_import (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
}
