/* gloss-window-folder.c — the library folder, watched: archives and
 * sidecars that come, change and go behind the window's back (`gloss clip`
 * in a terminal, a sync tool, a file manager), followed by the list at once
 * and by the index soon after
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-index.h"
#include "gloss-window-private.h"

/* Archives that come and go behind our back: `gloss clip` in a terminal, a
 * sync tool, a file manager. */

static void
on_monitored_item_read (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(GlossWindow) self = g_weak_ref_get (weak);
  g_autoptr(GlossLibraryItem) item = gloss_library_model_read_item_finish (result, NULL);
  gboolean open;

  g_weak_ref_clear (weak);
  g_free (weak);
  /* A window closed meanwhile does not wait for files it no longer shows. */
  if (self == NULL || item == NULL || self->model == NULL)
    return;
  open = g_strcmp0 (gloss_article_view_get_article_id (self->article_view),
                    gloss_library_item_get_id (item)) == 0;
  gloss_library_model_add (self->model, item);
  if (open)
    _gloss_window_select_item (self, item);
  _gloss_window_update_state (self);
}

static void
on_archive_added (GlossWindow *self,
                  const char  *id,
                  const char  *path)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_weak_ref_init (weak, self);
  gloss_library_model_read_item_async (path, self->cancellable, on_monitored_item_read, weak);
}

static void
on_archive_removed (GlossWindow *self,
                    const char  *id)
{
  GlossLibraryItem *item = gloss_library_model_find (self->model, id);

  if (item == NULL)
    return;
  if (_gloss_window_get_current_item (self) == item)
    _gloss_window_show_item (self, NULL);
  gloss_library_model_remove (self->model, item);
  _gloss_window_update_state (self);
}

/* The index follows what the folder monitor saw, for those articles only
 * (the list follows it at once, above): a burst of changes (a sync tool,
 * an import) is read once it has settled. */
#define INDEX_DELAY_MS 500

typedef struct
{
  char  *library;
  GStrv  ids;
} IndexChange;

static void
index_change_free (IndexChange *change)
{
  g_free (change->library);
  g_strfreev (change->ids);
  g_free (change);
}

static void
index_change_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  IndexChange *change = task_data;
  g_autoptr(GlossIndex) index = NULL;
  GError *error = NULL;

  if ((index = gloss_index_open (change->library, &error)) == NULL
      || !gloss_index_update_articles (index, (const char * const *) change->ids, NULL, &error)
      || !gloss_index_tidy (index, GLOSS_INDEX_TIDY_SPARE, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_index_changed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_debug ("The index did not follow the folder: %s", error->message);
  /* Unless more changed meanwhile: the next search reads the folder first. */
  else if (self->changed_ids != NULL && g_hash_table_size (self->changed_ids) == 0
           && self->refresh_id == 0)
    self->index_fresh = TRUE;
}

static gboolean
update_index (gpointer user_data)
{
  GlossWindow *self = user_data;
  g_autoptr(GTask) task = NULL;
  IndexChange *change = g_new0 (IndexChange, 1);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer id;

  self->refresh_id = 0;
  g_hash_table_iter_init (&iter, self->changed_ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      g_ptr_array_add (ids, id);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_add (ids, NULL);
  change->library = g_strdup (self->library_dir);
  change->ids = (GStrv) g_ptr_array_steal (ids, NULL);
  task = g_task_new (NULL, self->cancellable, on_index_changed, g_object_ref (self));
  g_task_set_task_data (task, change, (GDestroyNotify) index_change_free);
  g_task_run_in_thread (task, index_change_thread);
  return G_SOURCE_REMOVE;
}

static void
on_library_files_changed (GlossWindow *self,
                          const char  *id)
{
  self->index_fresh = FALSE;
  g_hash_table_add (self->changed_ids, g_strdup (id));
  g_hash_table_add (self->touched_ids, g_strdup (id));
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->loaded)
    self->refresh_id = g_timeout_add (INDEX_DELAY_MS, update_index, self);
}

void
_gloss_window_watch_library (GlossWindow *self)
{
  static const char * const changes[] = { "archive-added", "archive-removed", "notes-changed" };
  g_autoptr(GError) error = NULL;

  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);
  g_clear_object (&self->library);
  g_clear_object (&self->thumbnails);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->changed_ids, g_hash_table_unref);
  self->library = gloss_library_new (self->library_dir);
  self->thumbnails = gloss_thumbnails_new (self->library_dir);
  self->changed_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_clear_pointer (&self->touched_ids, g_hash_table_unref);
  self->touched_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect_swapped (self->library, "archive-added", G_CALLBACK (on_archive_added), self);
  g_signal_connect_swapped (self->library, "archive-removed", G_CALLBACK (on_archive_removed), self);
  /* A sidecar written by Gloss, `gloss annotate` or a sync tool: new counts. */
  g_signal_connect_swapped (self->library, "notes-changed",
                            G_CALLBACK (_gloss_window_sidecar_changed), self);
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    g_signal_connect_swapped (self->library, changes[i], G_CALLBACK (on_library_files_changed),
                              self);
  self->index_fresh = FALSE;
  if (!gloss_library_watch (self->library, &error))
    g_debug ("Not watching %s: %s", self->library_dir, error->message);
}
