/* gloss-sidecar.c — <id>.notes.json: highlights, notes, tags, progress
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "gloss-json-private.h"
#include "gloss-sidecar-private.h"
#include "gloss-utils-private.h"

#define FORMAT_VERSION 1
/* Far above any real sidecar (a thousand long notes are a few MB). */
#define MAX_SIDECAR_BYTES (32 * 1024 * 1024)
#define DEFAULT_LOCK_TIMEOUT_MS 10000

static const char * const root_keys[] = {
  "gloss", "article", "versions", "tags", "note", "progress", "annotations", "deleted", NULL
};
static const char * const article_keys[] = { "archive", "source", "title", "saved", "sha256", NULL };

G_DEFINE_QUARK (gloss-sidecar-error-quark, gloss_sidecar_error)

static void
tombstone_free (GlossTombstone *tombstone)
{
  g_free (tombstone->id);
  g_free (tombstone->at);
  g_free (tombstone);
}

static GlossTombstone *
tombstone_new (const char *id,
               const char *at)
{
  GlossTombstone *tombstone = g_new0 (GlossTombstone, 1);

  tombstone->id = g_strdup (id);
  tombstone->at = g_strdup (at);
  return tombstone;
}

GlossSidecar *
gloss_sidecar_new (const char *path)
{
  GlossSidecar *self = g_new0 (GlossSidecar, 1);

  self->path = g_strdup (path);
  self->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_version_free);
  self->tags = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->progress = -1;
  self->annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_annotation_free);
  self->deleted = g_ptr_array_new_with_free_func ((GDestroyNotify) tombstone_free);
  return self;
}

void
gloss_sidecar_free (GlossSidecar *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->archive);
  g_free (self->source);
  g_free (self->title);
  g_free (self->saved);
  g_free (self->sha256);
  g_ptr_array_unref (self->versions);
  g_ptr_array_unref (self->tags);
  g_free (self->note);
  g_ptr_array_unref (self->annotations);
  g_ptr_array_unref (self->deleted);
  g_clear_pointer (&self->json, json_object_unref);
  g_free (self->base);
  g_free (self);
}

/* Reading */

static gboolean
invalid (GError    **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError    **error,
         const char *format,
         ...)
{
  va_list args;

  /* The caller may not want to know why. */
  if (error == NULL)
    return FALSE;
  va_start (args, format);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "");
  g_free ((*error)->message);
  (*error)->message = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

static JsonArray *
read_array (JsonObject  *object,
            const char  *member,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, _("“%s” is not a list"), member);
      return NULL;
    }
  return json_node_get_array (node);
}

static gboolean
read_article (GlossSidecar  *self,
              JsonObject    *root,
              GError       **error)
{
  JsonNode *node = json_object_get_member (root, "article");
  JsonObject *article;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("“%s” is not an object"), "article");
  article = json_node_get_object (node);
  return _gloss_json_read_string (article, "archive", FALSE, &self->archive, error) &&
         _gloss_json_read_string (article, "source", FALSE, &self->source, error) &&
         _gloss_json_read_string (article, "title", FALSE, &self->title, error) &&
         _gloss_json_read_string (article, "saved", FALSE, &self->saved, error) &&
         _gloss_json_read_string (article, "sha256", FALSE, &self->sha256, error);
}

static gboolean
read_tags (GlossSidecar  *self,
           JsonObject    *root,
           GError       **error)
{
  GError *local_error = NULL;
  JsonArray *tags = read_array (root, "tags", &local_error);

  if (local_error != NULL)
    return g_propagate_error (error, local_error), FALSE;
  for (guint i = 0; tags != NULL && i < json_array_get_length (tags); i++)
    {
      JsonNode *tag = json_array_get_element (tags, i);
      if (!JSON_NODE_HOLDS_VALUE (tag) || json_node_get_value_type (tag) != G_TYPE_STRING)
        return invalid (error, _("tag %u is not a string"), i + 1);
      g_ptr_array_add (self->tags, g_strdup (json_node_get_string (tag)));
    }
  return TRUE;
}

static gboolean
read_progress (GlossSidecar  *self,
               JsonObject    *root,
               GError       **error)
{
  JsonNode *node = json_object_get_member (root, "progress");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
                                        json_node_get_value_type (node) != G_TYPE_INT64))
    return invalid (error, _("“%s” is not a number"), "progress");
  self->progress = CLAMP (json_node_get_double (node), 0.0, 1.0);
  return TRUE;
}

static gboolean
read_annotations (GlossSidecar  *self,
                  JsonObject    *root,
                  GError       **error)
{
  GError *local_error = NULL;
  JsonArray *annotations = read_array (root, "annotations", &local_error);

  if (local_error != NULL)
    return g_propagate_error (error, local_error), FALSE;
  for (guint i = 0; annotations != NULL && i < json_array_get_length (annotations); i++)
    {
      JsonNode *node = json_array_get_element (annotations, i);
      GlossAnnotation *annotation;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, _("annotation %u is not an object"), i + 1);
      if ((annotation = gloss_annotation_from_json (json_node_get_object (node), &local_error)) == NULL)
        {
          invalid (error, _("annotation %u: %s"), i + 1, local_error->message);
          g_error_free (local_error);
          return FALSE;
        }
      g_ptr_array_add (self->annotations, annotation);
    }
  return TRUE;
}

static gboolean
read_deleted (GlossSidecar  *self,
              JsonObject    *root,
              GError       **error)
{
  GError *local_error = NULL;
  JsonArray *deleted = read_array (root, "deleted", &local_error);

  if (local_error != NULL)
    return g_propagate_error (error, local_error), FALSE;
  for (guint i = 0; deleted != NULL && i < json_array_get_length (deleted); i++)
    {
      JsonNode *node = json_array_get_element (deleted, i);
      g_autofree char *id = NULL;
      g_autofree char *at = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !_gloss_json_read_string (json_node_get_object (node), "id", FALSE, &id, error) ||
          !_gloss_json_read_string (json_node_get_object (node), "at", FALSE, &at, error) || id == NULL)
        return (error && *error) ? FALSE : invalid (error, _("deleted entry %u has no id"), i + 1);
      g_ptr_array_add (self->deleted, tombstone_new (id, at ? at : ""));
    }
  return TRUE;
}

GlossSidecar *
gloss_sidecar_parse (const char  *path,
                     const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(GlossSidecar) self = gloss_sidecar_new (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;

  if (!_gloss_json_load_bounded (parser, data, length, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return invalid (error, _("it is not a JSON object")), NULL;
  object = json_node_get_object (root);
  if (json_object_has_member (object, "gloss") && _gloss_json_int_or (object, "gloss", 0) < 1)
    return invalid (error, _("“gloss” is not a format version")), NULL;
  self->json = json_object_ref (object);
  self->base = g_strndup (data, length);
  if (!read_article (self, object, error) || !_gloss_versions_read (object, self->versions, error) ||
      !read_tags (self, object, error) ||
      !_gloss_json_read_string (object, "note", FALSE, &self->note, error) || !read_progress (self, object, error) ||
      !read_annotations (self, object, error) || !read_deleted (self, object, error))
    return NULL;
  return g_steal_pointer (&self);
}

GlossSidecar *
gloss_sidecar_read (const char  *path,
                    GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!_gloss_read_file_bounded (path, MAX_SIDECAR_BYTES, &data, &length, error))
    return NULL;
  return gloss_sidecar_parse (path, data, length, error);
}

/* The original stays, byte for byte, under a name that says what it is. */
static char *
move_aside (const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  gsize base_length = strlen (path) - (g_str_has_suffix (path, ".json") ? strlen (".json") : 0);
  char *aside = g_strdup_printf ("%.*s.corrupt-%s.json", (int) base_length, path, stamp);

  for (guint n = 2; g_file_test (aside, G_FILE_TEST_EXISTS); n++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%.*s.corrupt-%s-%u.json", (int) base_length, path, stamp, n);
    }
  if (g_rename (path, aside) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_IO,
                   _("Could not move %s aside: %s"), path, g_strerror (saved_errno));
      g_free (aside);
      return NULL;
    }
  return aside;
}

GlossSidecar *
gloss_sidecar_load (const char  *path,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *aside = NULL;
  GlossSidecar *self;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!_gloss_read_file_bounded (path, MAX_SIDECAR_BYTES, &data, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return gloss_sidecar_new (path);
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_FAILED))
        {
          g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_IO,
                       _("Could not read the notes %s: %s"), path, local_error->message);
          return NULL;
        }
    }
  else if ((self = gloss_sidecar_parse (path, data, length, &local_error)) != NULL)
    return self;
  if ((aside = move_aside (path, error)) == NULL)
    return NULL;
  g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
               _("The notes %s could not be read (%s). The file was kept, unchanged, as %s; "
                 "repair or remove it, then try again."),
               path, local_error->message, aside);
  return NULL;
}

/* Writing */

static void
set_optional_string (JsonObject *object,
                     const char *member,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
}

static JsonObject *
article_to_json (GlossSidecar *self)
{
  JsonObject *article = json_object_new ();
  JsonNode *old = self->json ? json_object_get_member (self->json, "article") : NULL;

  set_optional_string (article, "archive", self->archive);
  set_optional_string (article, "source", self->source);
  set_optional_string (article, "title", self->title);
  set_optional_string (article, "saved", self->saved);
  set_optional_string (article, "sha256", self->sha256);
  _gloss_json_copy_unknown (article, old && JSON_NODE_HOLDS_OBJECT (old) ? json_node_get_object (old) : NULL,
                article_keys);
  return article;
}

static JsonNode *
root_to_json (GlossSidecar *self)
{
  JsonObject *root = json_object_new ();
  JsonArray *tags = json_array_new ();
  JsonArray *annotations = json_array_new ();
  JsonArray *deleted = json_array_new ();
  JsonNode *node;

  json_object_set_int_member (root, "gloss", FORMAT_VERSION);
  json_object_set_object_member (root, "article", article_to_json (self));
  /* Only once there is one, so sidecars without versions read as before. */
  if (self->versions->len > 0)
    json_object_set_array_member (root, "versions", _gloss_versions_to_json (self->versions));
  for (guint i = 0; i < self->tags->len; i++)
    json_array_add_string_element (tags, self->tags->pdata[i]);
  json_object_set_array_member (root, "tags", tags);
  set_optional_string (root, "note", self->note);
  if (self->progress >= 0)
    json_object_set_double_member (root, "progress", self->progress);
  for (guint i = 0; i < self->annotations->len; i++)
    json_array_add_object_element (annotations,
                                   gloss_annotation_to_json (self->annotations->pdata[i], self->source));
  json_object_set_array_member (root, "annotations", annotations);
  for (guint i = 0; i < self->deleted->len; i++)
    {
      GlossTombstone *tombstone = self->deleted->pdata[i];
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "id", tombstone->id);
      json_object_set_string_member (entry, "at", tombstone->at);
      json_array_add_object_element (deleted, entry);
    }
  json_object_set_array_member (root, "deleted", deleted);
  _gloss_json_copy_unknown (root, self->json, root_keys);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return node;
}

char *
gloss_sidecar_to_data (GlossSidecar *self)
{
  g_autoptr(JsonNode) root = root_to_json (self);

  return _gloss_json_to_data (root);
}

/* The article's lock, beside the library's other private files; a file of
 * its own per article, never removed (removing a lock file is a race). */
static char *
lock_path (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *file = g_strconcat (name, ".lock", NULL);

  return g_build_filename (dir, ".gloss", "locks", file, NULL);
}

static guint
lock_timeout_ms (void)
{
  const char *env = g_getenv ("GLOSS_LOCK_TIMEOUT_MS");

  return env != NULL && *env ? (guint) g_ascii_strtoull (env, NULL, 10) : DEFAULT_LOCK_TIMEOUT_MS;
}

/* An open file holding the lock, or -1. */
static int
lock_article (const char  *path,
              GError     **error)
{
  g_autofree char *file = lock_path (path);
  g_autofree char *dir = g_path_get_dirname (file);
  gint64 deadline = g_get_monotonic_time () + lock_timeout_ms () * (gint64) 1000;
  int fd;

  if (g_mkdir_with_parents (dir, 0755) != 0 ||
      (fd = g_open (file, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0)
    {
      int saved_errno = errno;
      g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_IO,
                   _("Could not save the notes %s: %s"), path, _gloss_write_error_reason (saved_errno));
      return -1;
    }
  while (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      if ((errno != EWOULDBLOCK && errno != EINTR) || g_get_monotonic_time () > deadline)
        {
          close (fd);
          g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_BUSY,
                       _("Could not save the notes %s: another program is changing them and "
                         "has not finished. Your change is kept; try again in a moment."), path);
          return -1;
        }
      g_usleep (2000 + g_random_int_range (0, 4000));
    }
  return fd;
}

/* What is on disk now, merged into @self. A file there that can not be read
 * is moved aside first, so that writing @self loses nothing of it. */
static gboolean
rebase_on_disk (GlossSidecar  *self,
                GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GlossSidecar) theirs = NULL;
  g_autofree char *data = NULL;
  gsize length;

  if (_gloss_read_file_bounded (self->path, MAX_SIDECAR_BYTES, &data, &length, &local_error))
    {
      if (g_strcmp0 (data, self->base) == 0)
        return TRUE;
      theirs = gloss_sidecar_parse (self->path, data, length, NULL);
    }
  else if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return TRUE;
  g_clear_error (&local_error);
  /* Unreadable: loading moves it aside, or says why it can not. */
  if (theirs == NULL && (theirs = gloss_sidecar_load (self->path, &local_error)) == NULL)
    {
      if (!g_error_matches (local_error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_message ("%s", local_error->message);
      return TRUE;
    }
  gloss_sidecar_rebase (self, theirs);
  return TRUE;
}

/* "an-article-12345678" for …/an-article-12345678.notes.json */
static char *
article_name (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);

  if (g_str_has_suffix (name, ".notes.json"))
    name[strlen (name) - strlen (".notes.json")] = '\0';
  return g_steal_pointer (&name);
}

static gboolean
write_data (const char  *path,
            const char  *data,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  if (_gloss_write_file_atomic (path, data, strlen (data), &local_error))
    return TRUE;
  name = article_name (path);
  if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC))
    g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_IO,
                 _("Could not save the notes of the article %s: the disk is full. Your change is "
                   "kept; free some space, then try again."), name);
  else
    g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_IO,
                 _("Could not save the notes of the article %s. %s"), name, local_error->message);
  return FALSE;
}

gboolean
gloss_sidecar_save (GlossSidecar  *self,
                    GError       **error)
{
  g_autofree char *data = NULL;
  gboolean saved;
  int lock;

  g_return_val_if_fail (self != NULL && self->path != NULL, FALSE);

  if ((lock = lock_article (self->path, error)) < 0)
    return FALSE;
  saved = rebase_on_disk (self, error) &&
          write_data (self->path, data = gloss_sidecar_to_data (self), error);
  if (saved)
    {
      g_free (self->base);
      self->base = g_steal_pointer (&data);
    }
  close (lock);
  return saved;
}

/* Saving off the main thread. One writer thread takes every save in the order
 * asked, so a later save of an article never lands before an earlier one and
 * the last one asked is the one on disk. */

typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean reached;
} Barrier;

typedef struct
{
  GTask           *task;     /* NULL: a barrier */
  GTaskThreadFunc  func;     /* NULL: a save; else run in a thread of its own once reached */
  Barrier         *barrier;
} Queued;

/* The sidecar as it was when the save was asked for: serialized on the
 * caller's thread (the one cost there), read back in the writer's. */
typedef struct
{
  char *path;
  char *data;
  char *base;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_free (snapshot->path);
  g_free (snapshot->data);
  g_free (snapshot->base);
  g_free (snapshot);
}

static Snapshot *
snapshot_new (GlossSidecar *self)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->path = g_strdup (self->path);
  snapshot->data = gloss_sidecar_to_data (self);
  snapshot->base = g_strdup (self->base);
  return snapshot;
}

/* In the writer thread. Returns the sidecar as written. */
static GlossSidecar *
save_snapshot (Snapshot  *snapshot,
               GError   **error)
{
  g_autoptr(GlossSidecar) copy = gloss_sidecar_parse (snapshot->path, snapshot->data,
                                                      strlen (snapshot->data), NULL);

  g_assert (copy != NULL);
  g_free (copy->base);
  copy->base = g_strdup (snapshot->base);
  return gloss_sidecar_save (copy, error) ? g_steal_pointer (&copy) : NULL;
}

static void
run_queued (gpointer item,
            gpointer user_data)
{
  Queued *queued = item;
  g_autoptr(GTask) task = queued->task;
  Snapshot *snapshot = task ? g_task_get_task_data (task) : NULL;
  GlossSidecar *written;
  GError *error = NULL;

  if (queued->barrier != NULL)
    {
      g_mutex_lock (&queued->barrier->lock);
      queued->barrier->reached = TRUE;
      g_cond_signal (&queued->barrier->cond);
      g_mutex_unlock (&queued->barrier->lock);
    }
  else if (queued->func != NULL)
    g_task_run_in_thread (task, queued->func);
  else if ((written = save_snapshot (snapshot, &error)) != NULL)
    g_task_return_pointer (task, written, (GDestroyNotify) gloss_sidecar_free);
  else
    g_task_return_error (task, error);
  g_free (queued);
}

static void
enqueue (GTask           *task,
         GTaskThreadFunc  func,
         Barrier         *barrier)
{
  static GThreadPool *writer;
  Queued *queued = g_new0 (Queued, 1);

  if (g_once_init_enter (&writer))
    g_once_init_leave (&writer, g_thread_pool_new (run_queued, NULL, 1, FALSE, NULL));
  queued->task = task ? g_object_ref (task) : NULL;
  queued->func = func;
  queued->barrier = barrier;
  g_thread_pool_push (writer, queued, NULL);
}

void
gloss_sidecar_wait_for_saves (void)
{
  Barrier barrier = { 0 };

  g_mutex_init (&barrier.lock);
  g_cond_init (&barrier.cond);
  enqueue (NULL, NULL, &barrier);
  g_mutex_lock (&barrier.lock);
  while (!barrier.reached)
    g_cond_wait (&barrier.cond, &barrier.lock);
  g_mutex_unlock (&barrier.lock);
  g_mutex_clear (&barrier.lock);
  g_cond_clear (&barrier.cond);
}

void
_gloss_sidecar_run_after_saves (GTask           *task,
                                GTaskThreadFunc  func)
{
  g_assert (G_IS_TASK (task) && func != NULL);

  enqueue (task, func, NULL);
}

void
gloss_sidecar_save_async (GlossSidecar        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (self != NULL && self->path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_sidecar_save_async);
  /* What the sidecar holds now: later changes in memory are a later save. */
  g_task_set_task_data (task, snapshot_new (self), (GDestroyNotify) snapshot_free);
  enqueue (task, NULL, NULL);
}

gboolean
gloss_sidecar_save_finish (GlossSidecar  *self,
                           GAsyncResult  *result,
                           gboolean      *merged,
                           GError       **error)
{
  g_autoptr(GlossSidecar) written = NULL;
  Snapshot *snapshot;
  gboolean changed;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (merged != NULL)
    *merged = FALSE;
  if ((written = g_task_propagate_pointer (G_TASK (result), error)) == NULL)
    return FALSE;
  snapshot = g_task_get_task_data (G_TASK (result));
  changed = g_strcmp0 (written->base, snapshot->data) != 0;
  /* What other writers had put there is now in memory too. */
  if (self != NULL && g_strcmp0 (self->path, written->path) == 0)
    gloss_sidecar_rebase (self, written);
  if (merged != NULL)
    *merged = changed;
  return TRUE;
}

/* Editing */

static gint
find_index (GPtrArray  *annotations,
            const char *id)
{
  for (guint i = 0; i < annotations->len; i++)
    if (g_strcmp0 (((GlossAnnotation *) annotations->pdata[i])->id, id) == 0)
      return (gint) i;
  return -1;
}

GlossAnnotation *
gloss_sidecar_find (GlossSidecar *self,
                    const char   *id)
{
  gint i = find_index (self->annotations, id);

  return i >= 0 ? self->annotations->pdata[i] : NULL;
}

void
gloss_sidecar_add (GlossSidecar    *self,
                   GlossAnnotation *annotation)
{
  g_return_if_fail (annotation != NULL && annotation->id != NULL);

  g_ptr_array_add (self->annotations, annotation);
}

static gboolean
has_tombstone (GlossSidecar *self,
               const char   *id)
{
  for (guint i = 0; i < self->deleted->len; i++)
    if (g_strcmp0 (((GlossTombstone *) self->deleted->pdata[i])->id, id) == 0)
      return TRUE;
  return FALSE;
}

gboolean
gloss_sidecar_remove (GlossSidecar *self,
                      const char   *id)
{
  gint i = find_index (self->annotations, id);
  g_autofree char *now = NULL;

  if (i < 0)
    return FALSE;
  /* @id may belong to the annotation about to go. */
  if (!has_tombstone (self, id))
    {
      now = _gloss_now_iso8601 ();
      g_ptr_array_add (self->deleted, tombstone_new (id, now));
    }
  g_ptr_array_remove_index (self->annotations, i);
  return TRUE;
}

/* Merging */

/* ISO 8601 strings from different writers need not compare as text. */
static gint64
timestamp (const char *iso)
{
  g_autoptr(GDateTime) time = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

  return time ? g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time) : 0;
}

static void
merge_annotation (GlossSidecar    *self,
                  GlossAnnotation *theirs)
{
  gint i = find_index (self->annotations, theirs->id);

  if (has_tombstone (self, theirs->id))
    return;
  if (i < 0)
    g_ptr_array_add (self->annotations, gloss_annotation_copy (theirs));
  else if (timestamp (theirs->modified) > timestamp (((GlossAnnotation *) self->annotations->pdata[i])->modified))
    {
      gloss_annotation_free (self->annotations->pdata[i]);
      self->annotations->pdata[i] = gloss_annotation_copy (theirs);
    }
}

static void
merge_tombstones (GlossSidecar *self,
                  GlossSidecar *other)
{
  for (guint i = 0; i < other->deleted->len; i++)
    {
      GlossTombstone *tombstone = other->deleted->pdata[i];

      if (!has_tombstone (self, tombstone->id))
        g_ptr_array_add (self->deleted, tombstone_new (tombstone->id, tombstone->at));
    }
  /* A deletion on either side wins over the annotation on the other. */
  for (guint i = self->annotations->len; i > 0; i--)
    if (has_tombstone (self, ((GlossAnnotation *) self->annotations->pdata[i - 1])->id))
      g_ptr_array_remove_index (self->annotations, i - 1);
}

/* Two different page notes are both kept: nothing the user wrote is lost. */
static void
merge_note (GlossSidecar *self,
            GlossSidecar *other)
{
  char *merged;

  if (other->note == NULL || g_strcmp0 (self->note, other->note) == 0 ||
      (self->note != NULL && strstr (self->note, other->note) != NULL))
    return;
  if (self->note == NULL || strstr (other->note, self->note) != NULL)
    merged = g_strdup (other->note);
  else
    merged = g_strconcat (self->note, "\n\n", other->note, NULL);
  g_free (self->note);
  self->note = merged;
}

/* Three-way merges of what a sidecar holds besides its annotations: a side
 * that left a value as it was in @base takes the other side's. */

static void
rebase_string (char       **ours,
               const char  *base,
               const char  *theirs)
{
  if (g_strcmp0 (*ours, base) == 0)
    {
      g_free (*ours);
      *ours = g_strdup (theirs);
    }
}

static gboolean
has_tag (GPtrArray  *tags,
         const char *tag)
{
  return g_ptr_array_find_with_equal_func (tags, tag, g_str_equal, NULL);
}

/* Theirs, plus what we added, minus what we removed. */
static void
rebase_tags (GlossSidecar *self,
             GlossSidecar *base,
             GlossSidecar *theirs)
{
  GPtrArray *tags = g_ptr_array_new_null_terminated (0, g_free, TRUE);

  for (guint i = 0; i < theirs->tags->len; i++)
    if (has_tag (self->tags, theirs->tags->pdata[i]) || !has_tag (base->tags, theirs->tags->pdata[i]))
      g_ptr_array_add (tags, g_strdup (theirs->tags->pdata[i]));
  for (guint i = 0; i < self->tags->len; i++)
    if (!has_tag (tags, self->tags->pdata[i]) && !has_tag (base->tags, self->tags->pdata[i]))
      g_ptr_array_add (tags, g_strdup (self->tags->pdata[i]));
  g_ptr_array_unref (self->tags);
  self->tags = tags;
}

static void
rebase_article (GlossSidecar *self,
                GlossSidecar *base,
                GlossSidecar *theirs)
{
  rebase_string (&self->archive, base->archive, theirs->archive);
  rebase_string (&self->source, base->source, theirs->source);
  rebase_string (&self->title, base->title, theirs->title);
  rebase_string (&self->saved, base->saved, theirs->saved);
  rebase_string (&self->sha256, base->sha256, theirs->sha256);
}

void
gloss_sidecar_rebase (GlossSidecar *self,
                      GlossSidecar *theirs)
{
  g_autoptr(GlossSidecar) base = NULL;

  g_return_if_fail (self != NULL && theirs != NULL);

  if (self->base != NULL)
    base = gloss_sidecar_parse (self->path, self->base, strlen (self->base), NULL);
  if (base == NULL)
    base = gloss_sidecar_new (self->path);
  merge_tombstones (self, theirs);
  for (guint i = 0; i < theirs->annotations->len; i++)
    merge_annotation (self, theirs->annotations->pdata[i]);
  rebase_tags (self, base, theirs);
  rebase_article (self, base, theirs);
  gloss_versions_merge (self->versions, theirs->versions);
  /* Changed on both sides: both kept, nothing the user wrote is lost. */
  if (g_strcmp0 (self->note, base->note) == 0)
    rebase_string (&self->note, base->note, theirs->note);
  else if (g_strcmp0 (theirs->note, base->note) != 0)
    merge_note (self, theirs);
  if (self->progress == base->progress)
    self->progress = theirs->progress;
  if (self->json == NULL && theirs->json != NULL)
    self->json = json_object_ref (theirs->json);
  else if (theirs->json != NULL)
    _gloss_json_copy_unknown (self->json, theirs->json, root_keys);
  g_free (self->base);
  self->base = g_strdup (theirs->base);
}

void
gloss_sidecar_merge (GlossSidecar *self,
                     GlossSidecar *other)
{
  g_return_if_fail (self != NULL && other != NULL);

  merge_tombstones (self, other);
  for (guint i = 0; i < other->annotations->len; i++)
    merge_annotation (self, other->annotations->pdata[i]);
  for (guint i = 0; i < other->tags->len; i++)
    if (!g_ptr_array_find_with_equal_func (self->tags, other->tags->pdata[i], g_str_equal, NULL))
      g_ptr_array_add (self->tags, g_strdup (other->tags->pdata[i]));
  merge_note (self, other);
  gloss_versions_merge (self->versions, other->versions);
  self->progress = MAX (self->progress, other->progress);
  if (self->json == NULL && other->json != NULL)
    self->json = json_object_ref (other->json);
  else if (other->json != NULL)
    _gloss_json_copy_unknown (self->json, other->json, root_keys);
}

guint
gloss_sidecar_merge_copies (GlossSidecar  *self,
                            GPtrArray     *copies,
                            GError       **error)
{
  g_autoptr(GPtrArray) merged = g_ptr_array_new ();

  g_return_val_if_fail (self != NULL && self->path != NULL, 0);
  g_return_val_if_fail (copies != NULL, 0);

  for (guint i = 0; i < copies->len; i++)
    {
      g_autofree char *data = NULL;
      g_autoptr(GlossSidecar) other = NULL;
      g_autoptr(GError) local_error = NULL;
      gsize length;

      if (!g_file_get_contents (copies->pdata[i], &data, &length, NULL) ||
          (other = gloss_sidecar_parse (copies->pdata[i], data, length, &local_error)) == NULL)
        {
          g_message ("Not merging %s: %s", (char *) copies->pdata[i],
                     local_error ? local_error->message : "unreadable");
          continue;
        }
      gloss_sidecar_merge (self, other);
      g_ptr_array_add (merged, copies->pdata[i]);
    }
  if (merged->len == 0)
    return 0;
  if (!gloss_sidecar_save (self, error))
    return 0;
  /* Only once their contents are safely in the sidecar. */
  for (guint i = 0; i < merged->len; i++)
    g_unlink (merged->pdata[i]);
  return merged->len;
}
