/* gloss-thumbnails.c — the library list's small pictures
 *
 * The list of a large library is read from the index in a blink, without
 * its pictures: reading every archive's lead image took seconds. A row
 * shown asks for its picture; one worker thread answers from the index, or
 * makes it from the archive and stores it there, so the next start has it.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "gloss-archive.h"
#include "gloss-index.h"
#include "gloss-thumbnails.h"

/* Pixels on a side: a 48-pixel picture on a screen scaled up to 2.5. */
#define THUMBNAIL_SIZE 128

struct _GlossThumbnails
{
  GObject      parent_instance;

  char        *library_dir;
  GThreadPool *pool;
  GlossIndex  *index;     /* the worker's, opened at its first job */
  GHashTable  *asked;     /* "<id> <saved>": an archive clipped again is asked anew */
};

G_DEFINE_FINAL_TYPE (GlossThumbnails, gloss_thumbnails, G_TYPE_OBJECT)

typedef struct
{
  GlossLibraryItem *item;
  char             *id;
  char             *path;
  GdkTexture       *texture;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->item);
  g_clear_object (&job->texture);
  g_free (job->id);
  g_free (job->path);
  g_free (job);
}

static GdkPixbuf *
decode_data_uri (const char *data_uri)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) stream = NULL;
  const char *comma;

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
  return gdk_pixbuf_new_from_stream (stream, NULL, NULL);
}

/* A centred square, like an album cover: rows line up whatever the shape. */
static GdkPixbuf *
make_square (const char *data_uri)
{
  g_autoptr(GdkPixbuf) full = decode_data_uri (data_uri);
  g_autoptr(GdkPixbuf) square = NULL;
  int width, height, side;

  if (full == NULL)
    return NULL;
  width = gdk_pixbuf_get_width (full);
  height = gdk_pixbuf_get_height (full);
  side = MIN (width, height);
  square = gdk_pixbuf_new_subpixbuf (full, (width - side) / 2, (height - side) / 2, side, side);
  return gdk_pixbuf_scale_simple (square, MIN (side, THUMBNAIL_SIZE), MIN (side, THUMBNAIL_SIZE),
                                  GDK_INTERP_BILINEAR);
}

GdkTexture *
gloss_thumbnail_from_data_uri (const char *data_uri)
{
  g_autoptr(GdkPixbuf) square = make_square (data_uri);

  /* Textures are immutable and may be made in a worker thread. */
  return square != NULL ? gdk_texture_new_for_pixbuf (square) : NULL;
}

/* What the index keeps: a photo as JPEG, a picture with transparency as
 * PNG; empty when the article has no picture. */
static GBytes *
encode_thumbnail (const char *path)
{
  g_autoptr(GlossArchiveInfo) info = gloss_archive_read_info (path, NULL);
  g_autoptr(GdkPixbuf) square = info != NULL ? make_square (info->lead_image) : NULL;
  gboolean alpha;
  gchar *data = NULL;
  gsize size = 0;

  if (square == NULL)
    return g_bytes_new (NULL, 0);
  alpha = gdk_pixbuf_get_has_alpha (square);
  if (!gdk_pixbuf_save_to_buffer (square, &data, &size, alpha ? "png" : "jpeg", NULL,
                                  alpha ? NULL : "quality", "85", NULL))
    return g_bytes_new (NULL, 0);
  return g_bytes_new_take (data, size);
}

/* From the index; made and stored there when it has none. */
static GBytes *
find_thumbnail (GlossThumbnails *self,
                Job             *job)
{
  g_autoptr(GError) error = NULL;
  GBytes *image;

  if (self->index == NULL && (self->index = gloss_index_open (self->library_dir, &error)) == NULL)
    {
      g_debug ("Making pictures without the index: %s", error->message);
      return encode_thumbnail (job->path);
    }
  if ((image = gloss_index_get_thumbnail (self->index, job->id, &error)) != NULL)
    return image;
  image = encode_thumbnail (job->path);
  if (!gloss_index_set_thumbnail (self->index, job->id, image, &error))
    g_debug ("The picture of %s is not kept: %s", job->id, error->message);
  return image;
}

static gboolean
deliver (gpointer user_data)
{
  Job *job = user_data;

  if (job->texture != NULL)
    gloss_library_item_set_thumbnail (job->item, job->texture);
  job_free (job);
  return G_SOURCE_REMOVE;
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  GlossThumbnails *self = user_data;
  Job *job = data;
  g_autoptr(GBytes) image = find_thumbnail (self, job);
  g_autoptr(GError) error = NULL;

  if (g_bytes_get_size (image) > 0
      && (job->texture = gdk_texture_new_from_bytes (image, &error)) == NULL)
    g_debug ("The picture of %s can not be read: %s", job->id, error->message);
  g_main_context_invoke (NULL, deliver, job);
}

static void
gloss_thumbnails_finalize (GObject *object)
{
  GlossThumbnails *self = GLOSS_THUMBNAILS (object);

  /* The jobs not started are dropped; the one running is waited for. */
  g_thread_pool_free (self->pool, TRUE, TRUE);
  g_clear_pointer (&self->index, gloss_index_close);
  g_clear_pointer (&self->asked, g_hash_table_unref);
  g_free (self->library_dir);

  G_OBJECT_CLASS (gloss_thumbnails_parent_class)->finalize (object);
}

static void
gloss_thumbnails_class_init (GlossThumbnailsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_thumbnails_finalize;
}

static void
gloss_thumbnails_init (GlossThumbnails *self)
{
  /* One thread: the index connection is its own, and a picture at a time
   * is enough for the rows on screen. */
  self->pool = g_thread_pool_new_full (run_job, self, (GDestroyNotify) job_free, 1, FALSE, NULL);
  self->asked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

GlossThumbnails *
gloss_thumbnails_new (const char *library_dir)
{
  GlossThumbnails *self;

  g_return_val_if_fail (library_dir != NULL, NULL);

  self = g_object_new (GLOSS_TYPE_THUMBNAILS, NULL);
  self->library_dir = g_strdup (library_dir);
  return self;
}

void
gloss_thumbnails_request (GlossThumbnails  *self,
                          GlossLibraryItem *item)
{
  const char *id, *path;
  g_autofree char *key = NULL;
  Job *job;

  g_return_if_fail (GLOSS_IS_THUMBNAILS (self));
  g_return_if_fail (GLOSS_IS_LIBRARY_ITEM (item));

  id = gloss_library_item_get_id (item);
  path = gloss_library_item_get_path (item);
  if (id == NULL || path == NULL || gloss_library_item_get_thumbnail (item) != NULL)
    return;
  key = g_strdup_printf ("%s %s", id, gloss_library_item_get_saved (item));
  if (!g_hash_table_add (self->asked, g_steal_pointer (&key)))
    return;
  job = g_new0 (Job, 1);
  job->item = g_object_ref (item);
  job->id = g_strdup (id);
  job->path = g_strdup (path);
  g_thread_pool_push (self->pool, job, NULL);
}
