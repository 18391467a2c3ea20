/* gloss-library-model.c — the articles of a library folder, as a GListModel
 *
 * Unsorted and unfiltered: the window stacks a GtkSortListModel and a
 * GtkFilterListModel on it. Archives are read in a thread, so a large
 * library never blocks the window.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-index.h"
#include "gloss-library.h"
#include "gloss-library-model.h"
#include "gloss-sidecar.h"
#include "gloss-thumbnails.h"
#include "gloss-ui.h"

struct _GlossLibraryModel
{
  GObject     parent_instance;

  GListStore *items;
  GHashTable *by_id;    /* id → item in items (borrowed) */
  guint       n_clips;  /* items that are clips in progress */
  gboolean    stale;    /* read from the index, and not refreshed since */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossLibraryModel, gloss_library_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return GLOSS_TYPE_LIBRARY_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (GLOSS_LIBRARY_MODEL (model)->items));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (GLOSS_LIBRARY_MODEL (model)->items), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
on_items_changed (GListModel        *store,
                  guint              position,
                  guint              removed,
                  guint              added,
                  GlossLibraryModel *self)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
gloss_library_model_finalize (GObject *object)
{
  GlossLibraryModel *self = GLOSS_LIBRARY_MODEL (object);

  g_clear_object (&self->items);
  g_clear_pointer (&self->by_id, g_hash_table_unref);

  G_OBJECT_CLASS (gloss_library_model_parent_class)->finalize (object);
}

static void
gloss_library_model_class_init (GlossLibraryModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_library_model_finalize;
}

static void
gloss_library_model_init (GlossLibraryModel *self)
{
  self->items = g_list_store_new (GLOSS_TYPE_LIBRARY_ITEM);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_signal_connect (self->items, "items-changed", G_CALLBACK (on_items_changed), self);
}

GlossLibraryModel *
gloss_library_model_new (void)
{
  return g_object_new (GLOSS_TYPE_LIBRARY_MODEL, NULL);
}

/* Every change of the list goes through here, which keeps the table of ids. */
static void
count_item (GlossLibraryModel *self,
            GlossLibraryItem  *item,
            gboolean           in)
{
  const char *id = gloss_library_item_get_id (item);

  if (id == NULL)
    self->n_clips += in ? 1 : -1;
  else if (in)
    g_hash_table_replace (self->by_id, (gpointer) id, item);
  else if (g_hash_table_lookup (self->by_id, id) == item)
    g_hash_table_remove (self->by_id, id);
}

static void
splice (GlossLibraryModel  *self,
        guint               position,
        guint               n_removals,
        gpointer           *additions,
        guint               n_additions)
{
  for (guint i = position; i < position + n_removals; i++)
    {
      g_autoptr(GlossLibraryItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      count_item (self, item, FALSE);
    }
  for (guint i = 0; i < n_additions; i++)
    count_item (self, additions[i], TRUE);
  g_list_store_splice (self->items, position, n_removals, additions, n_additions);
}

/* Reading, in a worker thread */

typedef struct
{
  GlossArchiveInfo *info;
  GdkTexture       *thumbnail;
  GlossSidecar     *sidecar;
} Entry;

static void
entry_free (Entry *entry)
{
  g_clear_pointer (&entry->info, gloss_archive_info_free);
  g_clear_object (&entry->thumbnail);
  g_clear_pointer (&entry->sidecar, gloss_sidecar_free);
  g_free (entry);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Entry, entry_free)

/* Only read: a sidecar that can not be parsed is left alone here, and dealt
 * with (kept aside, the user told) when its article is opened. */
static GlossSidecar *
read_sidecar (const char *archive_path)
{
  g_autofree char *path = gloss_library_sidecar_path (archive_path);
  g_autoptr(GError) error = NULL;
  GlossSidecar *sidecar = gloss_sidecar_read (path, &error);

  if (sidecar == NULL && !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_debug ("Not listing the notes of %s: %s", archive_path, error->message);
  return sidecar;
}

static Entry *
read_entry (const char  *path,
            GError     **error)
{
  g_autoptr(GlossArchiveInfo) info = gloss_archive_read_info (path, error);
  Entry *entry;

  if (info == NULL)
    return NULL;
  entry = g_new0 (Entry, 1);
  entry->thumbnail = gloss_thumbnail_from_data_uri (info->lead_image);
  entry->sidecar = read_sidecar (path);
  /* The thumbnail is all the list needs of the image. */
  g_clear_pointer (&info->lead_image, g_free);
  entry->info = g_steal_pointer (&info);
  return entry;
}

static GlossLibraryItem *
entry_to_item (Entry *entry)
{
  g_autoptr(GdkTexture) texture = NULL;
  GlossLibraryItem *item;

  if (entry->thumbnail != NULL)
    texture = g_object_ref (entry->thumbnail);
  item = gloss_library_item_new_for_info (g_steal_pointer (&entry->info), texture);
  if (entry->sidecar != NULL)
    {
      gloss_library_item_set_highlights (item, entry->sidecar->annotations->len);
      gloss_library_item_set_progress_read (item, entry->sidecar->progress);
      gloss_library_item_set_tags (item, (const char * const *) entry->sidecar->tags->pdata);
    }
  return item;
}

typedef struct
{
  GlossLibrary     *library;
  GCompareDataFunc  order;
  gpointer          order_data;
  gboolean          update;     /* a refresh: the index brought up to date */
  gboolean          from_index; /* set by the thread: the items are the index's */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->library);
  g_free (data);
}

static int
compare_indirect (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  LoadData *data = user_data;

  return data->order (*(gpointer *) a, *(gpointer *) b, data->order_data);
}

/* What the index says of an article, as the list shows it. */
static GlossLibraryItem *
item_from_index (const char      *library_dir,
                 GlossIndexEntry *entry)
{
  g_autofree char *name = g_strconcat (entry->id, ".html", NULL);
  GlossArchiveInfo *info = g_new0 (GlossArchiveInfo, 1);
  GlossLibraryItem *item;

  info->path = g_build_filename (library_dir, name, NULL);
  info->id = g_steal_pointer (&entry->id);
  info->title = g_steal_pointer (&entry->title);
  info->author = g_steal_pointer (&entry->byline);
  info->site = g_steal_pointer (&entry->site);
  info->source = g_steal_pointer (&entry->source);
  info->saved = g_steal_pointer (&entry->saved);
  info->published = g_steal_pointer (&entry->published);
  item = gloss_library_item_new_for_info (info, NULL);
  gloss_library_item_set_highlights (item, entry->n_highlights);
  gloss_library_item_set_progress_read (item, entry->progress);
  gloss_library_item_set_tags (item, (const char * const *) entry->tags);
  return item;
}

/* The articles as the index has them; NULL when it can not say (it can not
 * be opened, or has not read a library that has archives yet). With
 * @update, it reads what changed in the folder first. */
static GPtrArray *
items_from_index (GlossLibrary  *library,
                  gboolean       update,
                  GCancellable  *cancellable)
{
  const char *dir = gloss_library_get_dir (library);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossIndex) index = gloss_index_open (dir, &error);
  g_autoptr(GPtrArray) entries = NULL;
  GPtrArray *items;

  /* A window has time to tidy the index: its searches are quicker then. */
  if (index == NULL || (update && !(gloss_index_update (index, NULL, &error)
                                    && gloss_index_tidy (index, GLOSS_INDEX_TIDY_SPARE,
                                                         &error)))
      || (entries = gloss_index_list (index, GLOSS_INDEX_SORT_SAVED, NULL, &error)) == NULL)
    {
      g_debug ("Listing %s without its index: %s", dir, error->message);
      return NULL;
    }
  if (entries->len == 0 && !update)
    {
      g_autoptr(GPtrArray) archives = gloss_library_list_archives (library);

      if (archives->len > 0)
        return NULL;
    }
  items = g_ptr_array_new_full (entries->len, g_object_unref);
  for (guint i = 0; i < entries->len && !g_cancellable_is_cancelled (cancellable); i++)
    g_ptr_array_add (items, item_from_index (dir, entries->pdata[i]));
  return items;
}

/* Every archive read, as before there was an index: seconds for a large
 * library, but right. */
static GPtrArray *
items_from_archives (GlossLibrary *library,
                     GCancellable *cancellable)
{
  g_autoptr(GPtrArray) archives = gloss_library_list_archives (library);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < archives->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      g_autoptr(GError) read_error = NULL;
      g_autoptr(Entry) entry = NULL;

      if ((entry = read_entry (archives->pdata[i], &read_error)) != NULL)
        g_ptr_array_add (items, entry_to_item (entry));
      else
        g_debug ("Skipping %s: %s", (const char *) archives->pdata[i], read_error->message);
    }
  return items;
}

/* Items are made here too: a GObject and its texture may be made in a thread
 * and handed to the main one. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GPtrArray) items = NULL;

  /* What writers that died left behind first; a library that does not exist
   * yet is an empty one. */
  if (!data->update)
    gloss_library_sweep (data->library);
  /* The index as it is, at once; what changed since is read afterwards
   * (gloss_library_model_refresh_async ()). */
  items = items_from_index (data->library, data->update, cancellable);
  data->from_index = items != NULL;
  if (items == NULL && !data->update)
    items = items_from_archives (data->library, cancellable);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (items == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                               _("The library’s index could not be read"));
      return;
    }
  if (data->order != NULL)
    g_ptr_array_sort_with_data (items, compare_indirect, data);
  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
}


typedef struct
{
  GPtrArray *items;
  guint      next;      /* the first item not in the list yet */
} Batches;

static void
batches_free (Batches *batches)
{
  g_clear_pointer (&batches->items, g_ptr_array_unref);
  g_free (batches);
}

static gboolean
add_batch (gpointer user_data)
{
  GTask *task = user_data;
  GlossLibraryModel *self = g_task_get_source_object (task);
  Batches *batches = g_task_get_task_data (task);
  guint n = MIN (gloss_ui_list_step (batches->next), batches->items->len - batches->next);
  guint in_list = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  /* The first batch replaces what a library read before left. */
  guint position = batches->next == 0 ? 0 : in_list;
  guint removed = batches->next == 0 ? in_list : 0;

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;
  splice (self, position, removed, batches->items->pdata + batches->next, n);
  batches->next += n;
  if (batches->next < batches->items->len)
    return G_SOURCE_CONTINUE;
  g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_entries_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GlossLibraryModel *self = g_task_get_source_object (task);
  GError *error = NULL;
  GPtrArray *items = g_task_propagate_pointer (G_TASK (result), &error);
  Batches *batches;

  if (items == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  self->stale = ((LoadData *) g_task_get_task_data (G_TASK (result)))->from_index;
  batches = g_new0 (Batches, 1);
  batches->items = items;
  g_task_set_task_data (task, batches, (GDestroyNotify) batches_free);
  /* Not an idle priority: a window that keeps drawing (the loading
   * spinner, with assistive technologies following every frame) would
   * starve it, and the library would never finish loading. */
  g_timeout_add_full (G_PRIORITY_DEFAULT, GLOSS_UI_LIST_STEP_MS, add_batch,
                      g_steal_pointer (&task), g_object_unref);
}

/* Reads the items @data says in a thread, then @done (with @task). */
static void
read_in_thread (GlossLibraryModel   *self,
                LoadData            *data,
                GCancellable        *cancellable,
                GAsyncReadyCallback  done,
                GTask               *task)
{
  g_autoptr(GTask) read = g_task_new (self, cancellable, done, task);

  g_task_set_task_data (read, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (read, load_thread);
}

void
gloss_library_model_load_async (GlossLibraryModel   *self,
                                GlossLibrary        *library,
                                GCompareDataFunc     order,
                                gpointer             order_data,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  LoadData *data;
  GTask *task;

  g_return_if_fail (GLOSS_IS_LIBRARY_MODEL (self));
  g_return_if_fail (GLOSS_IS_LIBRARY (library));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_library_model_load_async);
  data = g_new0 (LoadData, 1);
  data->library = g_object_ref (library);
  data->order = order;
  data->order_data = order_data;
  read_in_thread (self, data, cancellable, on_entries_read, task);
}

static gboolean
finish (GlossLibraryModel  *self,
        GAsyncResult       *result,
        GError            **error)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_MODEL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
gloss_library_model_load_finish (GlossLibraryModel  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  return finish (self, result, error);
}

/* Refreshing */

gboolean
gloss_library_model_get_stale (GlossLibraryModel *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_MODEL (self), FALSE);

  return self->stale;
}

static gboolean
same_tags (const char * const *a,
           const char * const *b)
{
  static const char * const none[] = { NULL };

  return g_strv_equal (a != NULL ? a : none, b != NULL ? b : none);
}

/* The same archive: what its sidecar says may have changed. */
static gboolean
same_archive (GlossLibraryItem *a,
              GlossLibraryItem *b)
{
  return g_strcmp0 (gloss_library_item_get_saved (a), gloss_library_item_get_saved (b)) == 0
         && g_strcmp0 (gloss_library_item_get_title (a), gloss_library_item_get_title (b)) == 0;
}

static void
take_notes (GlossLibraryItem *item,
            GlossLibraryItem *now)
{
  if (gloss_library_item_get_highlights (item) != gloss_library_item_get_highlights (now))
    gloss_library_item_set_highlights (item, gloss_library_item_get_highlights (now));
  if (gloss_library_item_get_progress (item) != gloss_library_item_get_progress (now))
    gloss_library_item_set_progress_read (item, gloss_library_item_get_progress (now));
  if (!same_tags (gloss_library_item_get_tags (item), gloss_library_item_get_tags (now)))
    gloss_library_item_set_tags (item, gloss_library_item_get_tags (now));
}

/* Drops what is gone, replaces what was clipped again, adds what is new;
 * an item whose archive did not change stays, with its picture and its
 * row, and takes its new counts and tags. */
static void
merge (GlossLibraryModel *self,
       GPtrArray         *fresh,
       GHashTable        *keep)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < fresh->len; i++)
    g_hash_table_insert (by_id, (gpointer) gloss_library_item_get_id (fresh->pdata[i]),
                         fresh->pdata[i]);
  for (guint i = n; i-- > 0;)
    {
      g_autoptr(GlossLibraryItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      const char *id = gloss_library_item_get_id (item);
      GlossLibraryItem *now = id != NULL ? g_hash_table_lookup (by_id, id) : NULL;

      if (id == NULL || (keep != NULL && g_hash_table_contains (keep, id)))
        {
          if (now != NULL)
            g_hash_table_remove (by_id, id);
          continue;
        }
      if (now == NULL)
        splice (self, i, 1, NULL, 0);
      else if (same_archive (item, now))
        take_notes (item, now);
      else
        splice (self, i, 1, (gpointer *) &now, 1);
      if (now != NULL)
        g_hash_table_remove (by_id, id);
    }
  for (guint i = 0; i < fresh->len; i++)
    if (g_hash_table_contains (by_id, gloss_library_item_get_id (fresh->pdata[i])))
      splice (self, g_list_model_get_n_items (G_LIST_MODEL (self->items)), 0,
              fresh->pdata + i, 1);
}

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GlossLibraryModel *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(GPtrArray) items = g_task_propagate_pointer (G_TASK (result), &error);

  if (items == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  merge (self, items, g_task_get_task_data (task));
  self->stale = FALSE;
  g_task_return_boolean (task, TRUE);
}

void
gloss_library_model_refresh_async (GlossLibraryModel   *self,
                                   GlossLibrary        *library,
                                   GHashTable          *keep,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  LoadData *data;
  GTask *task;

  g_return_if_fail (GLOSS_IS_LIBRARY_MODEL (self));
  g_return_if_fail (GLOSS_IS_LIBRARY (library));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_library_model_refresh_async);
  if (keep != NULL)
    g_task_set_task_data (task, g_hash_table_ref (keep), (GDestroyNotify) g_hash_table_unref);
  data = g_new0 (LoadData, 1);
  data->library = g_object_ref (library);
  data->update = TRUE;
  read_in_thread (self, data, cancellable, on_refreshed, task);
}

gboolean
gloss_library_model_refresh_finish (GlossLibraryModel  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  return finish (self, result, error);
}

static void
read_item_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  Entry *entry = read_entry (task_data, &error);

  if (entry == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entry, (GDestroyNotify) entry_free);
}

void
gloss_library_model_read_item_async (const char          *path,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_library_model_read_item_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, read_item_thread);
}

GlossLibraryItem *
gloss_library_model_read_item_finish (GAsyncResult  *result,
                                      GError       **error)
{
  Entry *entry;
  GlossLibraryItem *item;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if ((entry = g_task_propagate_pointer (G_TASK (result), error)) == NULL)
    return NULL;
  item = entry_to_item (entry);
  entry_free (entry);
  return item;
}

/* Editing */

static gboolean
find_position (GlossLibraryModel *self,
               GlossLibraryItem  *item,
               guint             *position)
{
  return item != NULL && g_list_store_find (self->items, item, position);
}

void
gloss_library_model_add (GlossLibraryModel *self,
                         GlossLibraryItem  *item)
{
  const char *id;
  guint position;

  g_return_if_fail (GLOSS_IS_LIBRARY_MODEL (self));
  g_return_if_fail (GLOSS_IS_LIBRARY_ITEM (item));

  id = gloss_library_item_get_id (item);
  if (id != NULL && find_position (self, g_hash_table_lookup (self->by_id, id), &position))
    splice (self, position, 1, (gpointer *) &item, 1);
  else
    splice (self, g_list_model_get_n_items (G_LIST_MODEL (self->items)), 0,
            (gpointer *) &item, 1);
}

void
gloss_library_model_remove (GlossLibraryModel *self,
                            GlossLibraryItem  *item)
{
  guint position;

  g_return_if_fail (GLOSS_IS_LIBRARY_MODEL (self));
  g_return_if_fail (GLOSS_IS_LIBRARY_ITEM (item));

  if (find_position (self, item, &position))
    splice (self, position, 1, NULL, 0);
}

GlossLibraryItem *
gloss_library_model_find (GlossLibraryModel *self,
                          const char        *id)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_MODEL (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
}

guint
gloss_library_model_count_articles (GlossLibraryModel *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_MODEL (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->items)) - self->n_clips;
}
