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

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "gloss-library.h"
#include "gloss-library-model.h"
#include "gloss-sidecar.h"

#define THUMBNAIL_SIZE 128

struct _GlossLibraryModel
{
  GObject     parent_instance;

  GListStore *items;
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
  g_signal_connect (self->items, "items-changed", G_CALLBACK (on_items_changed), self);
}

GlossLibraryModel *
gloss_library_model_new (void)
{
  return g_object_new (GLOSS_TYPE_LIBRARY_MODEL, NULL);
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

static GdkPixbuf *
decode_thumbnail (const char *data_uri)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) full = NULL;
  g_autoptr(GdkPixbuf) square = NULL;
  const char *comma;
  int width, height, side;

  if (data_uri == NULL || !g_str_has_prefix (data_uri, "data:")
      || (comma = strchr (data_uri, ',')) == NULL)
    return NULL;
  if (g_strstr_len (data_uri, comma - data_uri, ";base64") != NULL)
    {
      gsize length = 0;
      guchar *data = g_base64_decode (comma + 1, &length);
      bytes = g_bytes_new_take (data, length);
    }
  else
    bytes = g_uri_unescape_bytes (comma + 1, -1, NULL, NULL);
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    return NULL;

  stream = g_memory_input_stream_new_from_bytes (bytes);
  if ((full = gdk_pixbuf_new_from_stream (stream, NULL, NULL)) == NULL)
    return NULL;

  /* A centred square, like an album cover: rows line up whatever the shape. */
  width = gdk_pixbuf_get_width (full);
  height = gdk_pixbuf_get_height (full);
  side = MIN (width, height);
  square = gdk_pixbuf_new_subpixbuf (full, (width - side) / 2, (height - side) / 2, side, side);
  return gdk_pixbuf_scale_simple (square, MIN (side, THUMBNAIL_SIZE), MIN (side, THUMBNAIL_SIZE),
                                  GDK_INTERP_BILINEAR);
}

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
  {
    g_autoptr(GdkPixbuf) pixbuf = decode_thumbnail (info->lead_image);

    /* Textures are immutable and may be made in this worker thread. */
    entry->thumbnail = pixbuf != NULL ? gdk_texture_new_for_pixbuf (pixbuf) : NULL;
  }
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

/* Items are made here too: a GObject and its texture may be made in a thread
 * and handed to the main one. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GPtrArray) archives = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  /* What writers that died left behind first; a library that does not exist
   * yet is an empty one. */
  gloss_library_sweep (data->library);
  archives = gloss_library_list_archives (data->library);
  for (guint i = 0; i < archives->len; i++)
    {
      g_autoptr(GError) read_error = NULL;
      g_autoptr(Entry) entry = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;
      if ((entry = read_entry (archives->pdata[i], &read_error)) != NULL)
        g_ptr_array_add (items, entry_to_item (entry));
      else
        g_debug ("Skipping %s: %s", (const char *) archives->pdata[i], read_error->message);
    }
  if (data->order != NULL)
    g_ptr_array_sort_with_data (items, compare_indirect, data);
  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
}

/* Items join the list ten every 10 ms, in the order the list shows them: the
 * list view makes and measures a row for every item it may show, and 2,000 at
 * once (or rows shuffled by each batch) froze the window for 200 ms. */
#define LOAD_BATCH        10
#define BATCH_INTERVAL_MS 10

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
  guint n = MIN (LOAD_BATCH, batches->items->len - batches->next);
  guint in_list = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  /* The first batch replaces what a library read before left. */
  guint position = batches->next == 0 ? 0 : in_list;
  guint removed = batches->next == 0 ? in_list : 0;

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;
  g_list_store_splice (self->items, position, removed, batches->items->pdata + batches->next, n);
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
  GError *error = NULL;
  GPtrArray *items = g_task_propagate_pointer (G_TASK (result), &error);
  Batches *batches;

  if (items == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  batches = g_new0 (Batches, 1);
  batches->items = items;
  g_task_set_task_data (task, batches, (GDestroyNotify) batches_free);
  /* Not an idle priority: a window that keeps drawing (the loading
   * spinner, with assistive technologies following every frame) would
   * starve it, and the library would never finish loading. */
  g_timeout_add_full (G_PRIORITY_DEFAULT, BATCH_INTERVAL_MS, add_batch,
                      g_steal_pointer (&task), g_object_unref);
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
  g_autoptr(GTask) read = NULL;
  LoadData *data;
  GTask *task;

  g_return_if_fail (GLOSS_IS_LIBRARY_MODEL (self));
  g_return_if_fail (GLOSS_IS_LIBRARY (library));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_library_model_load_async);
  read = g_task_new (self, cancellable, on_entries_read, task);
  data = g_new0 (LoadData, 1);
  data->library = g_object_ref (library);
  data->order = order;
  data->order_data = order_data;
  g_task_set_task_data (read, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (read, load_thread);
}

gboolean
gloss_library_model_load_finish (GlossLibraryModel  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_MODEL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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
               const char        *id,
               guint             *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossLibraryItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (g_strcmp0 (gloss_library_item_get_id (item), id) == 0)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
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
  if (id != NULL && find_position (self, id, &position))
    g_list_store_splice (self->items, position, 1, (gpointer *) &item, 1);
  else
    g_list_store_append (self->items, item);
}

void
gloss_library_model_remove (GlossLibraryModel *self,
                            GlossLibraryItem  *item)
{
  guint position;

  g_return_if_fail (GLOSS_IS_LIBRARY_MODEL (self));
  g_return_if_fail (GLOSS_IS_LIBRARY_ITEM (item));

  if (g_list_store_find (self->items, item, &position))
    g_list_store_remove (self->items, position);
}

GlossLibraryItem *
gloss_library_model_find (GlossLibraryModel *self,
                          const char        *id)
{
  guint position;

  g_return_val_if_fail (GLOSS_IS_LIBRARY_MODEL (self), NULL);

  if (id == NULL || !find_position (self, id, &position))
    return NULL;
  /* The store keeps its own reference. */
  {
    g_autoptr(GlossLibraryItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);
    return item;
  }
}

guint
gloss_library_model_count_articles (GlossLibraryModel *self)
{
  guint n, count = 0;

  g_return_val_if_fail (GLOSS_IS_LIBRARY_MODEL (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossLibraryItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (!gloss_library_item_get_clipping (item))
        count++;
    }
  return count;
}
