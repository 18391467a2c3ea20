/* gloss-importer.c — exports brought into the library, and the queue of
 * what is left to clip worked through
 *
 * An entry whose article is in the library already has its tags, states
 * and highlights added to it. One whose text the export carries becomes an
 * archive here, without the network (only its pictures are asked for). One
 * that is only a web address goes into the library's queue, to be clipped
 * by gloss_import_run_queue_async () — a few at a time, one at a time per
 * site, with a pause between two requests to the same site.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gloss-archive.h"
#include "gloss-clip.h"
#include "gloss-extract.h"
#include "gloss-fetcher.h"
#include "gloss-identity.h"
#include "gloss-import-private.h"
#include "gloss-library.h"

/* Entries of all files, one per article */

static char *
title_key (const char *title)
{
  g_autofree char *collapsed = _gloss_import_collapse_spaces (title);

  return g_utf8_casefold (collapsed, -1);
}

/* Readwise's highlights name their article by title only: they go to the
 * article of that title another file of the same import has the address of. */
static gboolean
place_by_title (GHashTable       *by_title,
                GlossImportEntry *entry)
{
  g_autofree char *key = title_key (entry->title);
  GlossImportEntry *same = g_hash_table_lookup (by_title, key);

  if (same == NULL)
    return FALSE;
  gloss_import_entry_merge (same, entry);
  return TRUE;
}

/* The entries of @files, one per article: the same address in two files
 * once, a title-only entry (Readwise) with the article of that title. */
static GPtrArray *
collect_entries (GPtrArray *files)
{
  GPtrArray *entries = g_ptr_array_new ();
  g_autoptr(GHashTable) by_url = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_title = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) untitled = g_ptr_array_new ();

  for (guint f = 0; f < files->len; f++)
    {
      GlossImportFile *file = files->pdata[f];

      for (guint i = 0; i < file->entries->len; i++)
        {
          GlossImportEntry *entry = file->entries->pdata[i];
          GlossImportEntry *same;

          if (entry->url == NULL)
            g_ptr_array_add (untitled, entry);
          else if ((same = g_hash_table_lookup (by_url, entry->url)) != NULL)
            gloss_import_entry_merge (same, entry);
          else
            {
              g_hash_table_insert (by_url, entry->url, entry);
              if (entry->title != NULL && *entry->title != '\0')
                g_hash_table_insert (by_title, title_key (entry->title), entry);
              g_ptr_array_add (entries, entry);
            }
        }
    }
  /* Not in this import: perhaps in the library (place_entry looks). */
  for (guint i = 0; i < untitled->len; i++)
    {
      GlossImportEntry *entry = untitled->pdata[i];

      if (entry->title == NULL || !place_by_title (by_title, entry))
        g_ptr_array_add (entries, entry);
    }
  return entries;
}

/* Finding an entry's article in the library */

typedef struct
{
  GlossLibrary *library;
  GHashTable   *by_url;    /* source and canonical URL (cleaned) → archive path; NULL until needed */
  GHashTable   *by_title;  /* title_key () → archive path, "" when two archives share it */
} Finder;

static void
finder_clear (Finder *finder)
{
  g_clear_object (&finder->library);
  g_clear_pointer (&finder->by_url, g_hash_table_unref);
  g_clear_pointer (&finder->by_title, g_hash_table_unref);
}

static void
finder_note (Finder     *finder,
             const char *url,
             const char *path)
{
  if (url != NULL && finder->by_url != NULL)
    g_hash_table_insert (finder->by_url, gloss_identity_clean_url (url), g_strdup (path));
}

/* Every archive's addresses, read once: what the id's hash did not find. */
static void
finder_fill (Finder *finder)
{
  g_autoptr(GPtrArray) archives = gloss_library_list_archives (finder->library);

  finder->by_url = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  finder->by_title = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < archives->len; i++)
    {
      g_autoptr(GlossArchiveInfo) info = gloss_archive_read_info (archives->pdata[i], NULL);
      char *key;

      if (info == NULL)
        continue;
      finder_note (finder, info->canonical, archives->pdata[i]);
      finder_note (finder, info->source, archives->pdata[i]);
      if (info->title == NULL || *info->title == '\0')
        continue;
      key = title_key (info->title);
      g_hash_table_replace (finder->by_title, key,
                            g_strdup (g_hash_table_contains (finder->by_title, key)
                                      ? "" : archives->pdata[i]));
    }
}

/* The one archive titled @title, or NULL (none, or several). Blocking. */
static char *
finder_find_title (Finder     *finder,
                   const char *title)
{
  g_autofree char *key = title_key (title);
  const char *found;

  if (finder->by_url == NULL)
    finder_fill (finder);
  found = g_hash_table_lookup (finder->by_title, key);
  return found != NULL && *found != '\0' ? g_strdup (found) : NULL;
}

/* The archive of the article @url names, or NULL. Blocking. An article is
 * looked for among the archives its id's hash names; a whole library is
 * read once, at the first that is not found there. */
static char *
finder_find (Finder     *finder,
             const char *url)
{
  g_autofree char *identity = gloss_identity_url (url, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, identity, -1);
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *clean = NULL;
  const char *found;

  hash[8] = '\0';
  ids = gloss_library_find_ids_by_hash (finder->library, hash);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *path = gloss_library_archive_path (finder->library, ids->pdata[i]);
      g_autoptr(GlossArchiveInfo) info = gloss_archive_read_info (path, NULL);

      if (info != NULL && gloss_identity_is_same_article (identity, url, info->source,
                                                          info->canonical))
        return g_steal_pointer (&path);
    }
  if (finder->by_url == NULL)
    finder_fill (finder);
  clean = gloss_identity_clean_url (url);
  found = g_hash_table_lookup (finder->by_url, clean);
  return g_strdup (found);
}

/* An import */

typedef struct
{
  GlossLibrary       *library;
  GlossFetcher       *fetcher;
  GPtrArray          *files;
  GPtrArray          *entries;   /* of files */
  gboolean            dry_run;
  guint               next;
  GlossImportTally   *tally;
  GlossImportProgress progress;
  gpointer            progress_data;
  Finder              finder;    /* the worker's */
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->library);
  g_clear_object (&data->fetcher);
  g_clear_pointer (&data->entries, g_ptr_array_unref);
  g_clear_pointer (&data->files, g_ptr_array_unref);
  g_clear_pointer (&data->tally, gloss_import_tally_free);
  finder_clear (&data->finder);
  g_free (data);
}

static void
add_problem (GlossImportTally *tally,
             GlossImportEntry *entry,
             const char       *reason)
{
  GlossImportProblem *problem = g_new0 (GlossImportProblem, 1);

  problem->origin = g_strdup (entry->origin != NULL ? entry->origin : entry->url);
  problem->reason = g_strdup (reason);
  problem->skipped = TRUE;
  g_ptr_array_add (tally->problems, problem);
  tally->failed++;
}

/* Adds @entry to the article at @path, and counts it. Blocking. */
static void
merge_counted (GlossImportTally *tally,
               const char       *path,
               GlossImportEntry *entry,
               gboolean          dry_run,
               gboolean          new_article)
{
  g_autoptr(GError) error = NULL;
  gboolean changed;

  if (!_gloss_import_merge_into (path, entry, dry_run, tally, &changed, &error))
    add_problem (tally, entry, error->message);
  else if (!new_article)
    {
      if (changed)
        tally->merged++;
      else
        tally->unchanged++;
    }
}

typedef enum
{
  STEP_DONE,
  STEP_CLIP,   /* the export's text to make an archive of */
} Step;

/* In a worker: the entry merged into its article, or queued, or not. */
static void
place_entry (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ImportData *data = task_data;
  GlossImportEntry *entry = data->entries->pdata[data->next];
  g_autofree char *path = entry->url != NULL ? finder_find (&data->finder, entry->url)
                                             : finder_find_title (&data->finder, entry->title);
  g_autoptr(GError) error = NULL;

  if (path != NULL)
    merge_counted (data->tally, path, entry, data->dry_run, FALSE);
  else if (entry->url == NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("“%s” has no web address, and no article of "
                                                   "the library has that title: import Readwise "
                                                   "Reader’s library export with it, which has the "
                                                   "addresses"),
                                                 entry->title != NULL ? entry->title : "");

      add_problem (data->tally, entry, reason);
    }
  else if (entry->content != NULL && !data->dry_run)
    {
      g_task_return_int (task, STEP_CLIP);
      return;
    }
  else if (entry->content != NULL)
    {
      data->tally->added++;
      data->tally->highlights += entry->highlights->len;
    }
  else if (data->dry_run)
    {
      data->tally->queued++;
      data->tally->highlights += entry->highlights->len;
    }
  else if (_gloss_import_queue_add (gloss_library_get_dir (data->library), entry, &error))
    data->tally->queued++;
  else
    add_problem (data->tally, entry, error->message);
  g_task_return_int (task, STEP_DONE);
}

static void import_next (GTask *task);

static void
on_step_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  ImportData *data = g_task_get_task_data (task);

  data->next++;
  if (data->progress != NULL)
    data->progress (data->next, data->entries->len, data->progress_data);
  import_next (task);
}

typedef struct
{
  GTask *task;
  char  *path;
} Clipped;

static void
merge_clipped_in_thread (GTask        *thread,
                         gpointer      source,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  Clipped *clipped = task_data;
  ImportData *data = g_task_get_task_data (clipped->task);
  GlossImportEntry *entry = data->entries->pdata[data->next];

  finder_note (&data->finder, entry->url, clipped->path);
  merge_counted (data->tally, clipped->path, entry, FALSE, TRUE);
  g_task_return_boolean (thread, TRUE);
}

static void
clipped_free (Clipped *clipped)
{
  g_free (clipped->path);
  g_free (clipped);
}

static void
on_article_clipped (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  ImportData *data = g_task_get_task_data (task);
  GlossImportEntry *entry = data->entries->pdata[data->next];
  g_autoptr(GlossClipResult) clip = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) thread = NULL;
  Clipped *clipped;

  if ((clip = gloss_clip_finish (result, &error)) == NULL)
    {
      add_problem (data->tally, entry, error->message);
      on_step_done (NULL, NULL, task);
      return;
    }
  data->tally->added++;
  clipped = g_new0 (Clipped, 1);
  clipped->task = task;
  clipped->path = g_strdup (clip->path);
  thread = g_task_new (NULL, g_task_get_cancellable (task), on_step_done, task);
  g_task_set_task_data (thread, clipped, (GDestroyNotify) clipped_free);
  g_task_run_in_thread (thread, merge_clipped_in_thread);
}

static void
clip_entry (GTask *task)
{
  ImportData *data = g_task_get_task_data (task);
  GlossImportEntry *entry = data->entries->pdata[data->next];
  g_autoptr(GlossMetadata) meta = g_new0 (GlossMetadata, 1);

  meta->title = g_strdup (entry->title);
  meta->byline = g_strdup (entry->author);
  meta->published = entry->published ? g_date_time_format_iso8601 (entry->published) : NULL;
  gloss_clip_article_async (data->fetcher, data->library, entry->content, entry->url, meta,
                            entry->saved, gloss_import_format_to_string (entry->format),
                            g_task_get_cancellable (task), on_article_clipped, task);
}

static void
on_entry_placed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;

  if (g_task_propagate_int (G_TASK (result), NULL) == STEP_CLIP)
    clip_entry (task);
  else
    on_step_done (NULL, NULL, task);
}

/* In a worker, at the end: what was queued flushed to the disk at once. */
static void
sync_queue (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ImportData *data = task_data;

  if (data->tally->queued > 0 && !data->dry_run)
    _gloss_import_queue_sync (gloss_library_get_dir (data->library));
  g_task_return_boolean (task, TRUE);
}

static void
on_synced (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  ImportData *data = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&data->tally),
                         (GDestroyNotify) gloss_import_tally_free);
  g_object_unref (task);
}

static void
import_next (GTask *task)
{
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(GTask) thread = NULL;

  /* Stopped: what was done is said, and flushed. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    data->next = data->entries->len;
  thread = g_task_new (NULL, g_task_get_cancellable (task),
                       data->next < data->entries->len ? on_entry_placed : on_synced, task);
  g_task_set_task_data (thread, data, NULL);
  g_task_run_in_thread (thread, data->next < data->entries->len ? place_entry : sync_queue);
}

/* Brings every entry of @files (GlossImportFile*, which it takes) into
 * @library: the same article in several files once, each article one after
 * the other. With @dry_run, counts what it would do and changes nothing.
 * Cancelled, it stops after the article at hand, and says what it did. */
void
gloss_import_async (GlossLibrary         *library,
                    GlossFetcher         *fetcher,
                    GPtrArray            *files,
                    gboolean              dry_run,
                    GlossImportProgress   progress,
                    gpointer              progress_data,
                    GCancellable         *cancellable,
                    GAsyncReadyCallback   callback,
                    gpointer              user_data)
{
  GTask *task;
  ImportData *data;

  g_return_if_fail (GLOSS_IS_LIBRARY (library));
  g_return_if_fail (GLOSS_IS_FETCHER (fetcher));
  g_return_if_fail (files != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_import_async);
  g_task_set_check_cancellable (task, FALSE);
  data = g_new0 (ImportData, 1);
  data->library = g_object_ref (library);
  data->fetcher = g_object_ref (fetcher);
  data->finder.library = g_object_ref (library);
  data->files = files;
  data->dry_run = dry_run;
  data->tally = gloss_import_tally_new ();
  data->entries = collect_entries (files);
  data->progress = progress;
  data->progress_data = progress_data;
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  import_next (task);
}

GlossImportTally *
gloss_import_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
