/* gloss-import-run.c — the library's queue of web addresses, clipped
 *
 * A few at a time, never two at once from one site, and a pause between
 * two requests to the same site: an import of 10,000 Pocket links must not
 * look like an attack to the sites it names. Each clip's article gets what
 * the export said of it (tags, states, highlights, anchored in the text).
 * Cancelled, it stops starting clips; what it did not clip stays queued.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gloss-clip.h"
#include "gloss-fetcher.h"
#include "gloss-import-private.h"
#include "gloss-library.h"

#define AT_ONCE 3
#define SAME_SITE_PAUSE_US (1 * G_USEC_PER_SEC)

typedef struct
{
  GlossLibrary       *library;
  GlossFetcher       *fetcher;
  gboolean            retry_failed;
  GQueue              pending;     /* GlossImportQueueItem* */
  guint               total;
  guint               done;
  guint               running;
  GHashTable         *last_start;  /* host → gint64*, monotonic µs; a host clipping now: G_MAXINT64 */
  guint               wait_source;
  GlossImportTally   *tally;
  GlossImportProgress progress;
  gpointer            progress_data;
  GTask              *task;        /* not a reference: the task holds this */
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->library);
  g_clear_object (&data->fetcher);
  g_queue_clear_full (&data->pending, (GDestroyNotify) gloss_import_queue_item_free);
  g_clear_pointer (&data->last_start, g_hash_table_unref);
  g_clear_handle_id (&data->wait_source, g_source_remove);
  g_clear_pointer (&data->tally, gloss_import_tally_free);
  g_free (data);
}

/* The site of @url, as browsers count their connections: its host and port. */
static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *host = NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup ("");
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  return g_strdup_printf ("%s:%d", host, g_uri_get_port (uri));
}

typedef struct
{
  RunData              *data;
  GlossImportQueueItem *item;
  char                 *host;
  char                 *path;  /* the archive, once clipped */
  char                 *merge_error;
  GlossImportTally     *merged;  /* what the merge counted, in its thread */
} Clip;

static void
clip_free (Clip *clip)
{
  g_clear_pointer (&clip->item, gloss_import_queue_item_free);
  g_free (clip->host);
  g_free (clip->path);
  g_free (clip->merge_error);
  g_clear_pointer (&clip->merged, gloss_import_tally_free);
  g_free (clip);
}

static void pump (RunData *data);

static void
problem (RunData              *data,
         GlossImportQueueItem *item,
         const char           *reason)
{
  GlossImportProblem *found = g_new0 (GlossImportProblem, 1);

  found->origin = g_strdup (item->entry->url);
  found->reason = g_strdup (reason);
  found->skipped = TRUE;
  g_ptr_array_add (data->tally->problems, found);
  data->tally->failed++;
}

static void
clip_finished (Clip *clip)
{
  RunData *data = clip->data;
  gint64 *started = g_hash_table_lookup (data->last_start, clip->host);

  *started = g_get_monotonic_time ();
  data->running--;
  data->done++;
  if (data->progress != NULL)
    data->progress (data->done, data->total, data->progress_data);
  clip_free (clip);
  pump (data);
}

static void
merge_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Clip *clip = task_data;
  g_autoptr(GError) error = NULL;
  gboolean changed;

  /* Several merge at once: each counts in its own tally. */
  if (!_gloss_import_merge_into (clip->path, clip->item->entry, FALSE, clip->merged,
                                 &changed, &error))
    clip->merge_error = g_strdup (error->message);
  gloss_import_queue_done (clip->item);
  g_task_return_boolean (task, TRUE);
}

static void
on_merged (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Clip *clip = user_data;

  gloss_import_tally_add (clip->data->tally, clip->merged);
  if (clip->merge_error != NULL)
    problem (clip->data, clip->item, clip->merge_error);
  clip_finished (clip);
}

static void
on_clipped (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Clip *clip = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossClipResult) clipped = gloss_clip_finish (result, &error);
  g_autoptr(GTask) thread = NULL;

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    clip->data->tally->queued++;
  else if (error != NULL)
    {
      gloss_import_queue_fail (clip->item, error->message);
      problem (clip->data, clip->item, error->message);
    }
  if (clipped == NULL)
    {
      clip_finished (clip);
      return;
    }
  clip->data->tally->added++;
  clip->path = g_strdup (clipped->path);
  clip->merged = gloss_import_tally_new ();
  thread = g_task_new (NULL, NULL, on_merged, clip);
  g_task_set_task_data (thread, clip, NULL);
  g_task_run_in_thread (thread, merge_in_thread);
}

/* The first pending item whose site may be asked now; else how long until
 * one may (µs) in *@wait. */
static GList *
next_startable (RunData *data,
                gint64  *wait)
{
  gint64 now = g_get_monotonic_time ();

  *wait = G_MAXINT64;
  for (GList *link = data->pending.head; link != NULL; link = link->next)
    {
      GlossImportQueueItem *item = link->data;
      g_autofree char *host = host_of (item->entry->url);
      gint64 *started = g_hash_table_lookup (data->last_start, host);

      if (started == NULL || (*started != G_MAXINT64 && now - *started >= SAME_SITE_PAUSE_US))
        return link;
      if (*started != G_MAXINT64)
        *wait = MIN (*wait, SAME_SITE_PAUSE_US - (now - *started));
    }
  return NULL;
}

static void
start_clip (RunData              *data,
            GlossImportQueueItem *item)
{
  Clip *clip = g_new0 (Clip, 1);
  gint64 *started;

  clip->data = data;
  clip->item = item;
  clip->host = host_of (item->entry->url);
  if ((started = g_hash_table_lookup (data->last_start, clip->host)) == NULL)
    {
      started = g_new (gint64, 1);
      g_hash_table_insert (data->last_start, g_strdup (clip->host), started);
    }
  *started = G_MAXINT64;
  data->running++;
  gloss_clip_async (data->fetcher, data->library, item->entry->url, GLOSS_CLIP_MODE_READER, NULL,
                    NULL, g_task_get_cancellable (data->task), on_clipped, clip);
}

static gboolean
on_wait_over (gpointer user_data)
{
  RunData *data = user_data;

  data->wait_source = 0;
  pump (data);
  return G_SOURCE_REMOVE;
}

static void
finish (RunData *data)
{
  GTask *task = data->task;

  data->tally->queued += data->pending.length;
  g_task_return_pointer (task, g_steal_pointer (&data->tally),
                         (GDestroyNotify) gloss_import_tally_free);
  g_object_unref (task);
}

static void
pump (RunData *data)
{
  gboolean cancelled = g_cancellable_is_cancelled (g_task_get_cancellable (data->task));
  gint64 wait = G_MAXINT64;
  GList *link;

  while (!cancelled && data->running < AT_ONCE && (link = next_startable (data, &wait)) != NULL)
    {
      GlossImportQueueItem *item = link->data;

      g_queue_delete_link (&data->pending, link);
      /* Another program has it, or it is done: not ours. */
      if (!gloss_import_queue_take (item))
        {
          data->total--;
          gloss_import_queue_item_free (item);
          continue;
        }
      start_clip (data, item);
    }
  if (data->running > 0 || data->wait_source != 0)
    return;
  if (!cancelled && data->pending.length > 0 && wait != G_MAXINT64)
    {
      data->wait_source = g_timeout_add (MAX (1, wait / 1000), on_wait_over, data);
      return;
    }
  finish (data);
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RunData *data = user_data;
  g_autoptr(GPtrArray) items = g_task_propagate_pointer (G_TASK (result), NULL);

  for (guint i = 0; i < items->len; i++)
    g_queue_push_tail (&data->pending, g_ptr_array_steal_index (items, i--));
  data->total = data->pending.length;
  pump (data);
}

static void
list_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RunData *data = task_data;

  g_task_return_pointer (task, gloss_import_queue_list (gloss_library_get_dir (data->library),
                                                        data->retry_failed),
                         (GDestroyNotify) g_ptr_array_unref);
}

/* Clips what the library's queue holds (with @retry_failed, what failed
 * before too). The tally counts the articles clipped (added), those that
 * failed (with why, in problems) and those left queued. */
void
gloss_import_run_queue_async (GlossLibrary        *library,
                              GlossFetcher        *fetcher,
                              gboolean             retry_failed,
                              GlossImportProgress  progress,
                              gpointer             progress_data,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) list = NULL;
  RunData *data;

  g_return_if_fail (GLOSS_IS_LIBRARY (library));
  g_return_if_fail (GLOSS_IS_FETCHER (fetcher));

  data = g_new0 (RunData, 1);
  data->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (data->task, gloss_import_run_queue_async);
  /* Stopped, it still says what it did. */
  g_task_set_check_cancellable (data->task, FALSE);
  g_task_set_task_data (data->task, data, (GDestroyNotify) run_data_free);
  data->library = g_object_ref (library);
  data->fetcher = g_object_ref (fetcher);
  data->retry_failed = retry_failed;
  data->last_start = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  data->tally = gloss_import_tally_new ();
  data->progress = progress;
  data->progress_data = progress_data;
  g_queue_init (&data->pending);
  list = g_task_new (NULL, NULL, on_listed, data);
  g_task_set_task_data (list, data, NULL);
  g_task_run_in_thread (list, list_in_thread);
}

GlossImportTally *
gloss_import_run_queue_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
