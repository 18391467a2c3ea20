/* gloss-library.c — the library folder: its naming rule, its articles, what
 * changes in it, and exporting every article's notes
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "gloss-archive.h"
#include "gloss-article.h"
#include "gloss-library.h"
#include "gloss-sidecar-private.h"
#include "gloss-utils-private.h"

#define ARCHIVE_SUFFIX ".html"
#define SIDECAR_SUFFIX ".notes.json"
#define SIDECAR_BASE_SUFFIX ".notes"
#define VERSIONS_SUFFIX ".versions"

struct _GlossLibrary
{
  GObject       parent_instance;

  char         *dir;
  GFileMonitor *monitor;
};

G_DEFINE_FINAL_TYPE (GlossLibrary, gloss_library, G_TYPE_OBJECT)

enum {
  ARCHIVE_ADDED,
  ARCHIVE_REMOVED,
  NOTES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* For g_ptr_array_sort (), which passes pointers to the elements. */
static gint
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Where the library is */

static char *
expand_home (const char *path)
{
  if (g_str_has_prefix (path, "~/"))
    return g_build_filename (g_get_home_dir (), path + 2, NULL);
  return g_strdup (path);
}

static char *
setting_dir (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *path = NULL;

  /* The command line runs from a build tree too, where no schema is installed. */
  if (source == NULL || (schema = g_settings_schema_source_lookup (source, APPLICATION_ID,
                                                                   TRUE)) == NULL)
    return NULL;
  if (!g_settings_schema_has_key (schema, "library-path"))
    return NULL;
  settings = g_settings_new (APPLICATION_ID);
  path = g_settings_get_string (settings, "library-path");
  return *path ? expand_home (path) : NULL;
}

char *
gloss_library_resolve_dir (const char *cli_dir)
{
  const char *env = g_getenv ("GLOSS_LIBRARY");
  char *dir;

  if (cli_dir != NULL && *cli_dir)
    return expand_home (cli_dir);
  if (env != NULL && *env)
    return expand_home (env);
  if ((dir = setting_dir ()) != NULL)
    return dir;
  return g_build_filename (g_get_user_data_dir (), "gloss", "library", NULL);
}

/* The naming rule */

/* Syncthing: <id>.notes.sync-conflict-<date>-<time>-<device>.json
 * Nextcloud: <id>.notes (conflicted copy <date> <time>).json */
static const char *
conflict_mark (const char *name)
{
  const char *mark = strstr (name, SIDECAR_BASE_SUFFIX ".sync-conflict-");

  if (mark == NULL)
    mark = strstr (name, SIDECAR_BASE_SUFFIX " (conflicted copy");
  return mark != NULL && g_str_has_suffix (name, ".json") ? mark : NULL;
}

GlossLibraryFile
gloss_library_classify (const char  *name,
                        char       **id)
{
  GlossLibraryFile kind = GLOSS_LIBRARY_FILE_OTHER;
  const char *end = NULL;  /* of the id */

  g_return_val_if_fail (name != NULL, GLOSS_LIBRARY_FILE_OTHER);

  if (id != NULL)
    *id = NULL;
  /* Dot-files are the sync tools' and ours (.gloss/, .stfolder, temporary files). */
  if (*name == '.' || strchr (name, G_DIR_SEPARATOR) != NULL)
    return GLOSS_LIBRARY_FILE_OTHER;
  if ((end = conflict_mark (name)) != NULL)
    kind = GLOSS_LIBRARY_FILE_CONFLICT_COPY;
  else if (g_str_has_suffix (name, SIDECAR_SUFFIX))
    kind = GLOSS_LIBRARY_FILE_SIDECAR, end = name + strlen (name) - strlen (SIDECAR_SUFFIX);
  else if (g_str_has_suffix (name, ARCHIVE_SUFFIX))
    kind = GLOSS_LIBRARY_FILE_ARCHIVE, end = name + strlen (name) - strlen (ARCHIVE_SUFFIX);
  else if (g_str_has_suffix (name, VERSIONS_SUFFIX))
    kind = GLOSS_LIBRARY_FILE_VERSIONS, end = name + strlen (name) - strlen (VERSIONS_SUFFIX);
  if (end == NULL || end == name)
    return GLOSS_LIBRARY_FILE_OTHER;
  if (id != NULL)
    *id = g_strndup (name, end - name);
  return kind;
}

char *
gloss_library_sidecar_path (const char *archive_path)
{
  gsize length;

  g_return_val_if_fail (archive_path != NULL, NULL);

  length = strlen (archive_path);
  if (g_str_has_suffix (archive_path, ARCHIVE_SUFFIX))
    length -= strlen (ARCHIVE_SUFFIX);
  return g_strdup_printf ("%.*s%s", (int) length, archive_path, SIDECAR_SUFFIX);
}

GPtrArray *
gloss_library_conflict_copies (const char *sidecar_path)
{
  g_autofree char *dir_name = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *sidecar_id = NULL;
  g_autoptr(GDir) dir = NULL;
  GPtrArray *copies = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_val_if_fail (sidecar_path != NULL, copies);

  dir_name = g_path_get_dirname (sidecar_path);
  file_name = g_path_get_basename (sidecar_path);
  if (gloss_library_classify (file_name, &sidecar_id) != GLOSS_LIBRARY_FILE_SIDECAR)
    return copies;
  dir = g_dir_open (dir_name, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = NULL;

      if (gloss_library_classify (name, &id) == GLOSS_LIBRARY_FILE_CONFLICT_COPY
          && g_str_equal (id, sidecar_id))
        g_ptr_array_add (copies, g_build_filename (dir_name, name, NULL));
    }
  g_ptr_array_sort (copies, compare_paths);
  return copies;
}

guint
gloss_library_merge_conflicts (GlossSidecar  *sidecar,
                               GError       **error)
{
  g_autoptr(GPtrArray) copies = NULL;

  g_return_val_if_fail (sidecar != NULL && sidecar->path != NULL, 0);

  copies = gloss_library_conflict_copies (sidecar->path);
  return copies->len > 0 ? gloss_sidecar_merge_copies (sidecar, copies, error) : 0;
}

/* Articles */

GlossArticle *
gloss_library_open_article (const char  *archive_path,
                            GError     **error)
{
  g_autofree char *sidecar_path = NULL;
  g_autoptr(GError) merge_error = NULL;
  GlossArticle *article;

  g_return_val_if_fail (archive_path != NULL, NULL);

  sidecar_path = gloss_library_sidecar_path (archive_path);
  if ((article = gloss_article_open (archive_path, sidecar_path, error)) == NULL)
    return NULL;
  /* A copy that failed to merge stays beside the sidecar; the article opens. */
  if (gloss_library_merge_conflicts (article->sidecar, &merge_error) == 0 && merge_error != NULL)
    g_message ("%s", merge_error->message);
  return article;
}

static void
open_article_in_thread (GTask        *task,
                        gpointer      source,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GError *error = NULL;
  GlossArticle *article = gloss_library_open_article (task_data, &error);

  if (article == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, article, (GDestroyNotify) gloss_article_free);
}

void
gloss_library_open_article_async (const char          *archive_path,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (archive_path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_library_open_article_async);
  g_task_set_task_data (task, g_strdup (archive_path), g_free);
  /* After the saves already queued, so it reads what they wrote. */
  _gloss_sidecar_run_after_saves (task, open_article_in_thread);
}

GlossArticle *
gloss_library_open_article_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The folder */

static void
gloss_library_dispose (GObject *object)
{
  GlossLibrary *self = GLOSS_LIBRARY (object);

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  G_OBJECT_CLASS (gloss_library_parent_class)->dispose (object);
}

static void
gloss_library_finalize (GObject *object)
{
  GlossLibrary *self = GLOSS_LIBRARY (object);

  g_free (self->dir);
  G_OBJECT_CLASS (gloss_library_parent_class)->finalize (object);
}

static void
gloss_library_class_init (GlossLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gloss_library_dispose;
  object_class->finalize = gloss_library_finalize;

  signals[ARCHIVE_ADDED] =
    g_signal_new ("archive-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[ARCHIVE_REMOVED] =
    g_signal_new ("archive-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[NOTES_CHANGED] =
    g_signal_new ("notes-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
gloss_library_init (GlossLibrary *self)
{
}

GlossLibrary *
gloss_library_new (const char *dir)
{
  GlossLibrary *self;

  g_return_val_if_fail (dir != NULL, NULL);

  self = g_object_new (GLOSS_TYPE_LIBRARY, NULL);
  self->dir = g_strdup (dir);
  return self;
}

const char *
gloss_library_get_dir (GlossLibrary *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY (self), NULL);

  return self->dir;
}

char *
gloss_library_archive_path (GlossLibrary *self,
                            const char   *id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (GLOSS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  name = g_strconcat (id, ARCHIVE_SUFFIX, NULL);
  return g_build_filename (self->dir, name, NULL);
}

gboolean
gloss_library_check_dir (const char  *dir,
                         GError     **error)
{
  if (g_file_test (dir, G_FILE_TEST_EXISTS) && !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("There is no library at %s: it is a file, not a folder"), dir);
      return FALSE;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no library at %s: the folder does not exist"), dir);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
gloss_library_list_archives (GlossLibrary *self)
{
  g_autoptr(GDir) dir = NULL;
  GPtrArray *archives = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_val_if_fail (GLOSS_IS_LIBRARY (self), archives);

  dir = g_dir_open (self->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (gloss_library_classify (name, NULL) == GLOSS_LIBRARY_FILE_ARCHIVE)
      g_ptr_array_add (archives, g_build_filename (self->dir, name, NULL));
  g_ptr_array_sort (archives, compare_paths);
  return archives;
}

guint
gloss_library_sweep (GlossLibrary *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY (self), 0);

  return _gloss_sweep_temporary_files (self->dir);
}

/* @path with its links followed, also when its last parts do not exist yet. */
static char *
real_path (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *up = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *name = NULL;
  char *resolved = realpath (absolute, NULL);

  if (resolved != NULL || g_str_equal (absolute, "/"))
    return resolved ? resolved : g_strdup ("/");
  up = g_path_get_dirname (absolute);
  parent = real_path (up);
  name = g_path_get_basename (absolute);
  return g_build_filename (parent, name, NULL);
}

gboolean
gloss_library_contains (GlossLibrary *self,
                        const char   *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *target = NULL;

  g_return_val_if_fail (GLOSS_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  dir = real_path (self->dir);
  target = real_path (path);
  return g_str_equal (dir, target) ||
         (g_str_has_prefix (target, dir) && target[strlen (dir)] == G_DIR_SEPARATOR);
}

/* <slug>-<hash8>, or <slug>-<hash8>-<n> for a different article whose URL
 * hashes the same (see gloss_library_new_id). */
static gboolean
has_hash (const char *id,
          const char *hash8)
{
  g_autofree char *tail = g_strconcat ("-", hash8, NULL);
  const char *end = strrchr (id, '-');

  if (g_str_has_suffix (id, tail))
    return TRUE;
  if (end == NULL || end == id || end[1] == '\0' || strspn (end + 1, "0123456789") != strlen (end + 1))
    return FALSE;
  return end - id >= (gssize) strlen (tail) && strncmp (end - strlen (tail), tail, strlen (tail)) == 0;
}

GPtrArray *
gloss_library_find_ids_by_hash (GlossLibrary *self,
                                const char   *hash8)
{
  g_autoptr(GDir) dir = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_val_if_fail (GLOSS_IS_LIBRARY (self), ids);
  g_return_val_if_fail (hash8 != NULL, ids);

  dir = g_dir_open (self->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = NULL;

      if (gloss_library_classify (name, &id) == GLOSS_LIBRARY_FILE_ARCHIVE && has_hash (id, hash8))
        g_ptr_array_add (ids, g_steal_pointer (&id));
    }
  g_ptr_array_sort (ids, compare_paths);
  return ids;
}

char *
gloss_library_find_id_by_hash (GlossLibrary *self,
                               const char   *hash8)
{
  g_autoptr(GPtrArray) ids = gloss_library_find_ids_by_hash (self, hash8);

  return ids->len > 0 ? g_strdup (ids->pdata[0]) : NULL;
}

char *
gloss_library_new_id (GlossLibrary *self,
                      const char   *id)
{
  g_autofree char *path = NULL;
  char *free_id = g_strdup (id);

  g_return_val_if_fail (GLOSS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  path = gloss_library_archive_path (self, free_id);
  for (guint n = 2; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_free (free_id);
      g_free (path);
      free_id = g_strdup_printf ("%s-%u", id, n);
      path = gloss_library_archive_path (self, free_id);
    }
  return free_id;
}

static char *
find_by_url (GlossLibrary *self,
             const char   *url)
{
  g_autoptr(GPtrArray) archives = gloss_library_list_archives (self);

  for (guint i = 0; i < archives->len; i++)
    {
      g_autoptr(GlossArchiveInfo) info = gloss_archive_read_info (archives->pdata[i], NULL);

      if (info != NULL && (g_strcmp0 (info->source, url) == 0 || g_strcmp0 (info->canonical, url) == 0))
        return g_strdup (archives->pdata[i]);
    }
  return NULL;
}

char *
gloss_library_find_archive (GlossLibrary  *self,
                            const char    *article,
                            GError       **error)
{
  g_autofree char *by_id = NULL;
  char *found;

  g_return_val_if_fail (GLOSS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (article != NULL, NULL);

  if (g_str_has_suffix (article, ARCHIVE_SUFFIX) && g_file_test (article, G_FILE_TEST_IS_REGULAR))
    return g_canonicalize_filename (article, NULL);
  by_id = gloss_library_archive_path (self, article);
  if (strchr (article, G_DIR_SEPARATOR) == NULL && g_file_test (by_id, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&by_id);
  if ((g_str_has_prefix (article, "http://") || g_str_has_prefix (article, "https://")) &&
      (found = find_by_url (self, article)) != NULL)
    return found;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("No article “%s” in the library %s (give an id, an archive path or the URL "
                 "it was clipped from)"), article, self->dir);
  return NULL;
}

/* What changed */

static void
merge_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;

  if ((sidecar = gloss_sidecar_load (task_data, &error)) == NULL ||
      (gloss_library_merge_conflicts (sidecar, &error) == 0 && error != NULL))
    g_message ("Not merging the conflict copies of %s: %s", (char *) task_data, error->message);
  g_task_return_boolean (task, TRUE);
}

/* A sync tool's conflict copy arrived: merged into the sidecar at once
 * (saved under its lock, like any write), so whoever has it open takes the
 * change in as from any other writer. */
static void
merge_arrived_copy (GlossLibrary *self,
                    const char   *id)
{
  g_autofree char *archive = gloss_library_archive_path (self, id);
  g_autoptr(GTask) task = NULL;

  if (!g_file_test (archive, G_FILE_TEST_IS_REGULAR))
    return;
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task, gloss_library_sidecar_path (archive), g_free);
  _gloss_sidecar_run_after_saves (task, merge_in_thread);
}

/* @file came into the folder (@arrived) or left it. */
static void
tell (GlossLibrary *self,
      GFile        *file,
      gboolean      arrived)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *id = NULL;

  switch (gloss_library_classify (name, &id))
    {
    case GLOSS_LIBRARY_FILE_ARCHIVE:
      g_debug ("%s %s the library", name, arrived ? "arrived in" : "left");
      if (arrived)
        g_signal_emit (self, signals[ARCHIVE_ADDED], 0, id, path);
      else
        g_signal_emit (self, signals[ARCHIVE_REMOVED], 0, id);
      break;
    case GLOSS_LIBRARY_FILE_SIDECAR:
      /* A sidecar written by Gloss, `gloss annotate` or a sync tool. */
      g_signal_emit (self, signals[NOTES_CHANGED], 0, id, path);
      break;
    case GLOSS_LIBRARY_FILE_CONFLICT_COPY:
      if (arrived)
        merge_arrived_copy (self, id);
      break;
    default:
      break;
    }
}

static void
on_folder_changed (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other,
                   GFileMonitorEvent  event,
                   GlossLibrary      *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
      tell (self, file, TRUE);
      break;
    case G_FILE_MONITOR_EVENT_RENAMED:
      tell (self, file, FALSE);
      tell (self, other, TRUE);
      break;
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      tell (self, file, FALSE);
      break;
    default:
      break;
    }
}

gboolean
gloss_library_watch (GlossLibrary  *self,
                     GError       **error)
{
  g_autoptr(GFile) dir = NULL;

  g_return_val_if_fail (GLOSS_IS_LIBRARY (self), FALSE);

  if (self->monitor != NULL)
    return TRUE;
  /* Watching needs the folder; the first clip would create it. */
  g_mkdir_with_parents (self->dir, 0755);
  dir = g_file_new_for_path (self->dir);
  self->monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, error);
  if (self->monitor == NULL)
    return FALSE;
  g_signal_connect (self->monitor, "changed", G_CALLBACK (on_folder_changed), self);
  return TRUE;
}
