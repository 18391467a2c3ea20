/* gloss-library-export.c — the notes of every article, one file each, in a
 * worker thread with progress and cancel
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "gloss-archive.h"
#include "gloss-article.h"
#include "gloss-library.h"
#include "gloss-sidecar-private.h"

typedef struct
{
  GPtrArray            *archives;
  char                 *folder;
  GlossExportFormat     format;
  char                 *template_text;
  gboolean              overwrite;
  GlossLibraryProgress  progress;
  gpointer              progress_data;
  GMainContext         *context;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_pointer (&data->archives, g_ptr_array_unref);
  g_free (data->folder);
  g_free (data->template_text);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

void
gloss_library_export_free (GlossLibraryExport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->written, g_ptr_array_unref);
  g_clear_pointer (&report->failed, g_ptr_array_unref);
  g_free (report);
}

typedef struct
{
  GTask *task;  /* keeps the progress function's data alive */
  guint  done;
} Progress;

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->task);
  g_free (progress);
}

static gboolean
report_progress (gpointer user_data)
{
  Progress *progress = user_data;
  ExportData *data = g_task_get_task_data (progress->task);

  data->progress (progress->done, data->archives->len, data->progress_data);
  return G_SOURCE_REMOVE;
}

/* On the caller's main context, not the worker's. */
static void
tell_progress (GTask      *task,
               ExportData *data,
               guint       done)
{
  Progress *progress;

  if (data->progress == NULL)
    return;
  progress = g_new0 (Progress, 1);
  progress->task = g_object_ref (task);
  progress->done = done;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, report_progress, progress,
                              (GDestroyNotify) progress_free);
}

/* <slug>.md, or <id>.md when two articles share a title. */
static char *
unique_file_name (GlossArticle      *article,
                  GlossExportFormat  format,
                  GHashTable        *used)
{
  char *name = gloss_article_export_file_name (article, format);

  if (g_hash_table_contains (used, name))
    {
      char *by_id = g_strconcat (article->info->id, strrchr (name, '.'), NULL);

      g_free (name);
      name = by_id;
    }
  g_hash_table_add (used, g_strdup (name));
  return name;
}

/* NULL when the article had nothing to export or could not be exported
 * (then *@error says why). */
static char *
export_one (ExportData  *data,
            const char  *archive_path,
            GHashTable  *used,
            GError     **error)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if ((article = gloss_library_open_article (archive_path, error)) == NULL)
    return NULL;
  if (!gloss_article_has_notes (article))
    return NULL;
  /* In memory only: exporting never rewrites the sidecar. */
  gloss_article_reanchor (article, NULL, NULL);
  name = unique_file_name (article, data->format, used);
  path = g_build_filename (data->folder, name, NULL);
  if ((text = gloss_article_export (article, data->format, data->template_text, error)) == NULL
      || !gloss_export_save (path, text, data->overwrite, error))
    return NULL;
  return g_steal_pointer (&path);
}

static gboolean
can_export (GlossLibrary  *library,
            const char    *folder,
            GError       **error)
{
  if (!gloss_library_check_dir (gloss_library_get_dir (library), error))
    return FALSE;
  if (gloss_library_contains (library, folder))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Did not export into %s: it is inside the library; choose a folder outside it"),
                   folder);
      return FALSE;
    }
  return TRUE;
}

static void
export_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GlossLibraryExport *report = g_new0 (GlossLibraryExport, 1);
  GError *refused = NULL;

  if (!can_export (source, data->folder, &refused))
    {
      g_free (report);
      g_task_return_error (task, refused);
      return;
    }
  report->written = g_ptr_array_new_with_free_func (g_free);
  report->failed = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  for (guint i = 0; i < data->archives->len; i++)
    {
      GError *error = NULL;
      char *path;

      if (g_cancellable_is_cancelled (cancellable))
        {
          gloss_library_export_free (report);
          g_task_return_error_if_cancelled (task);
          return;
        }
      if ((path = export_one (data, data->archives->pdata[i], used, &error)) != NULL)
        g_ptr_array_add (report->written, path);
      else if (error != NULL)
        g_ptr_array_add (report->failed, error);
      tell_progress (task, data, i + 1);
    }
  g_task_return_pointer (task, report, (GDestroyNotify) gloss_library_export_free);
}

void
gloss_library_export_all_async (GlossLibrary         *self,
                                const char           *folder,
                                GlossExportFormat     format,
                                const char           *template_text,
                                gboolean              overwrite,
                                GlossLibraryProgress  progress,
                                gpointer              progress_data,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (GLOSS_IS_LIBRARY (self));
  g_return_if_fail (folder != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_library_export_all_async);
  data = g_new0 (ExportData, 1);
  data->archives = gloss_library_list_archives (self);
  data->folder = g_strdup (folder);
  data->format = format;
  data->template_text = g_strdup (template_text);
  data->overwrite = overwrite;
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  /* After the saves already asked for: what the window just changed is exported. */
  _gloss_sidecar_run_after_saves (task, export_in_thread);
}

GlossLibraryExport *
gloss_library_export_all_finish (GlossLibrary  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
