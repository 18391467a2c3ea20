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
start_import (Import    *import,
              GPtrArray *files)
{
  gloss_import_async (import->library, import->fetcher, files, FALSE, on_import_progress, import,
                      import->cancellable, on_imported, import);
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
  start_import (import, files);
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

/* Files opened with Gloss */

typedef struct
{
  GPtrArray *exports;  /* GlossImportFile* */
  GStrv      pages;
  gboolean   ask_pages;
} Opened;

static void
opened_free (Opened *opened)
{
  g_ptr_array_unref (opened->exports);
  g_strfreev (opened->pages);
  g_free (opened);
}

/* In a worker: which files are exports of another service (read, then),
 * and which are pages. */
static void
sort_files_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Opened *opened = task_data;
  GStrv paths = opened->pages;
  g_autoptr(GStrvBuilder) pages = g_strv_builder_new ();
  for (guint i = 0; paths[i] != NULL; i++)
    {
      GlossImportFile *file = gloss_import_read (paths[i], cancellable, NULL);

      if (file != NULL)
        g_ptr_array_add (opened->exports, file);
      else
        g_strv_builder_add (pages, paths[i]);
    }
  opened->pages = g_strv_builder_end (pages);
  g_strfreev (paths);
  g_task_return_boolean (task, TRUE);
}

typedef struct
{
  GlossWindow *self;
  GPtrArray   *exports;
} ExportOffer;

static void
export_offer_free (gpointer  data,
                   GClosure *closure)
{
  ExportOffer *offer = data;

  g_object_unref (offer->self);
  g_clear_pointer (&offer->exports, g_ptr_array_unref);
  g_free (offer);
}

static void
on_export_offer_response (AdwMessageDialog *dialog,
                          const char       *response,
                          ExportOffer      *offer)
{
  if (g_strcmp0 (response, "import") != 0)
    return;
  start_import (import_new (offer->self, _("Importing…")), g_steal_pointer (&offer->exports));
}

static void
offer_exports (GlossWindow *self,
               GPtrArray   *exports)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  ExportOffer *offer = g_new0 (ExportOffer, 1);
  GlossImportFile *first = exports->pdata[0];

  if (exports->len == 1)
    {
      g_autofree char *name = g_filename_display_basename (first->path);

      /* Translators: the heading of the offer to import a file opened with Gloss;
       * the second %s is a service: Pocket, Omnivore, … */
      adw_message_dialog_format_heading (dialog, _("Import “%s” from %s?"), name,
                                         gloss_import_format_get_name (first->format));
    }
  else
    adw_message_dialog_format_heading (dialog, ngettext ("Import %u Export?",
                                                         "Import %u Exports?", exports->len),
                                       exports->len);
  adw_message_dialog_set_body (dialog, _("Gloss brings in the articles, tags and highlights, and "
                                         "clips the articles that are only links. The files stay "
                                         "as they are."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "import");
  adw_message_dialog_set_close_response (dialog, "cancel");
  offer->self = g_object_ref (self);
  offer->exports = g_ptr_array_ref (exports);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_export_offer_response), offer,
                         export_offer_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_files_sorted (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  Opened *opened = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;
  if (opened->exports->len > 0)
    offer_exports (self, opened->exports);
  if (opened->pages[0] == NULL)
    return;
  if (opened->ask_pages)
    _gloss_window_offer_pages (self, g_steal_pointer (&opened->pages));
  else
    for (guint i = 0; opened->pages[i] != NULL; i++)
      gloss_window_clip (self, opened->pages[i], NULL);
}

void
_gloss_window_offer_files (GlossWindow *self,
                           GStrv        paths,
                           gboolean     ask_pages)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, on_files_sorted, g_object_ref (self));
  Opened *opened = g_new0 (Opened, 1);

  /* The worker sorts the paths out of pages into exports and pages. */
  opened->pages = paths;
  opened->ask_pages = ask_pages;
  opened->exports = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_import_file_free);
  g_task_set_task_data (task, opened, (GDestroyNotify) opened_free);
  g_task_run_in_thread (task, sort_files_thread);
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
