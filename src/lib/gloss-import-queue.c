/* gloss-import-queue.c — the web addresses an import left to clip
 *
 * <library>/.gloss/queue/<hash>.json, one file per article: what the export
 * said of it (tags, states, highlights), and why it failed when it did. A
 * file per article makes every change one atomic rename, and lets several
 * programs work through one queue: each takes an item by locking its file,
 * and skips one another holds. What is not done when the program stops (a
 * crash, Ctrl+C, the window closed) is still there for the next run.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"
#define _GNU_SOURCE  /* syncfs () */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gloss-import-private.h"
#include "gloss-json-private.h"
#include "gloss-utils-private.h"

#define MAX_ITEM (16 * 1024 * 1024)

static char *
queue_dir (const char *library_dir)
{
  return g_build_filename (library_dir, ".gloss", "queue", NULL);
}

static char *
item_path (const char *library_dir,
           const char *url)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  g_autofree char *dir = queue_dir (library_dir);
  g_autofree char *name = NULL;

  hash[16] = '\0';
  name = g_strconcat (hash, ".json", NULL);
  return g_build_filename (dir, name, NULL);
}

void
gloss_import_queue_item_free (GlossImportQueueItem *item)
{
  if (item == NULL)
    return;
  if (item->lock >= 0)
    close (item->lock);
  g_free (item->path);
  g_clear_pointer (&item->entry, gloss_import_entry_free);
  g_free (item->failed);
  g_free (item);
}

/* Atomic always; durable when @path is there already (a change to an item
 * must not lose it). A new item waits for _gloss_import_queue_sync (): an
 * import of 10,000 links must not wait for 10,000 flushes to the disk, and
 * an item a crash lost comes back when the export is imported again. */
static gboolean
write_item (const char        *path,
            GlossImportEntry  *entry,
            const char        *failed,
            guint              attempts,
            GError           **error)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = gloss_import_entry_to_json (entry);
  g_autofree char *data = NULL;

  if (failed != NULL)
    json_object_set_string_member (object, "failed", failed);
  json_object_set_int_member (object, "attempts", attempts);
  json_node_take_object (root, object);
  data = _gloss_json_to_data (root);
  return g_file_set_contents_full (path, data, strlen (data),
                                   G_FILE_SET_CONTENTS_CONSISTENT
                                   | G_FILE_SET_CONTENTS_DURABLE
                                   | G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                   0644, error);
}

/* What was queued, on the disk. Blocking. */
void
_gloss_import_queue_sync (const char *library_dir)
{
  g_autofree char *dir = queue_dir (library_dir);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  if (syncfs (fd) != 0)
    g_debug ("Could not flush the queue %s: %s", dir, g_strerror (errno));
  close (fd);
}

static GlossImportQueueItem *
read_item (const char  *path,
           GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  JsonNode *root;
  GlossImportQueueItem *item;
  GlossImportEntry *entry;

  if (!_gloss_read_file_bounded (path, MAX_ITEM, &data, &length, error)
      || !_gloss_json_load_bounded (parser, data, length, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || (entry = gloss_import_entry_from_json (json_node_get_object (root))) == NULL)
    {
      g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_MALFORMED,
                   _("%s is not an article waiting to be clipped"), path);
      return NULL;
    }
  item = g_new0 (GlossImportQueueItem, 1);
  item->path = g_strdup (path);
  item->entry = entry;
  item->failed = g_strdup (_gloss_json_string_or (json_node_get_object (root), "failed", NULL));
  item->attempts = _gloss_json_int_or (json_node_get_object (root), "attempts", 0);
  item->lock = -1;
  return item;
}

/* Puts @entry in the queue; an article queued already gets what @entry
 * adds to it, and is tried again. */
gboolean
_gloss_import_queue_add (const char        *library_dir,
                         GlossImportEntry  *entry,
                         GError           **error)
{
  g_autofree char *dir = queue_dir (library_dir);
  g_autofree char *path = item_path (library_dir, entry->url);
  g_autoptr(GlossImportQueueItem) queued = NULL;
  g_autoptr(GlossImportEntry) merged = NULL;
  g_autoptr(JsonObject) copy = NULL;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Can not make the queue folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  if ((queued = read_item (path, NULL)) == NULL)
    return write_item (path, entry, NULL, 0, error);
  /* A copy: @entry stays whole for the caller's tally. */
  copy = gloss_import_entry_to_json (entry);
  merged = gloss_import_entry_from_json (copy);
  gloss_import_entry_merge (queued->entry, merged);
  return write_item (path, queued->entry, NULL, 0, error);
}

static gint
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The items of the queue, in the order of their names; with @failed, those
 * that failed too. An item that can not be read is left alone. */
GPtrArray *
gloss_import_queue_list (const char *library_dir,
                         gboolean    failed)
{
  g_autofree char *dir = queue_dir (library_dir);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_import_queue_item_free);
  const char *name;

  if (listing == NULL)
    return items;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf info;

      /* Only files Gloss could have written: no link, no pipe to block on. */
      if (g_str_has_suffix (name, ".json") && *name != '.' && g_lstat (path, &info) == 0
          && S_ISREG (info.st_mode))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
  g_ptr_array_sort (paths, compare_paths);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GError) error = NULL;
      GlossImportQueueItem *item = read_item (paths->pdata[i], &error);

      if (item == NULL)
        g_debug ("Leaving %s in the queue: %s", (char *) paths->pdata[i], error->message);
      else if (item->failed != NULL && !failed)
        gloss_import_queue_item_free (item);
      else
        g_ptr_array_add (items, item);
    }
  return items;
}

/* Takes @item for this program: FALSE when another holds it, or it is gone. */
gboolean
gloss_import_queue_take (GlossImportQueueItem *item)
{
  g_return_val_if_fail (item != NULL && item->lock < 0, FALSE);

  if ((item->lock = g_open (item->path, O_RDONLY | O_CLOEXEC, 0)) < 0)
    return FALSE;
  if (flock (item->lock, LOCK_EX | LOCK_NB) == 0 && g_file_test (item->path, G_FILE_TEST_EXISTS))
    return TRUE;
  close (item->lock);
  item->lock = -1;
  return FALSE;
}

/* Clipped: out of the queue. */
void
gloss_import_queue_done (GlossImportQueueItem *item)
{
  g_return_if_fail (item != NULL);

  if (g_unlink (item->path) != 0 && errno != ENOENT)
    g_warning ("Could not take %s out of the queue: %s", item->path, g_strerror (errno));
}

/* Not clipped: kept, with @reason, for `gloss import --retry-failed`. */
void
gloss_import_queue_fail (GlossImportQueueItem *item,
                         const char           *reason)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (item != NULL && reason != NULL);

  g_free (item->failed);
  item->failed = g_strdup (reason);
  item->attempts++;
  if (!write_item (item->path, item->entry, reason, item->attempts, &error))
    g_warning ("Could not note in the queue why %s failed: %s", item->entry->url, error->message);
}
