/* gloss-index-stamps.c — what an article's files are in the folder, and
 * which differ from what the index read: what an update reads again
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n.h>

#include "gloss-index-private.h"
#include "gloss-library.h"

static gboolean
stamps_equal (const Stamp *a,
              const Stamp *b)
{
  return a->archive_size == b->archive_size && a->archive_mtime == b->archive_mtime
         && a->sidecar_size == b->sidecar_size && a->sidecar_mtime == b->sidecar_mtime;
}

static gboolean
has_no_archive (gpointer id,
                gpointer stamp,
                gpointer user_data)
{
  return ((Stamp *) stamp)->archive_size < 0;
}

static Stamp *
stamp_new (void)
{
  Stamp *stamp = g_new (Stamp, 1);

  /* What an article without a sidecar is indexed with. */
  stamp->archive_size = stamp->sidecar_size = -1;
  stamp->archive_mtime = stamp->sidecar_mtime = 0;
  stamp->same_archive = FALSE;
  return stamp;
}

/* One archive or sidecar of the folder, and what its stat found. */
typedef struct
{
  char             *name;
  char             *id;
  GlossLibraryFile  kind;
  gboolean          found;  /* a regular file, or a link to one */
  gint64            size, mtime;
} FolderFile;

static void
folder_file_clear (gpointer data)
{
  FolderFile *file = data;

  g_free (file->name);
  g_free (file->id);
}

/* Adds @name to @files when it is an archive or a sidecar; @type is its
 * d_type, or DT_UNKNOWN. */
static void
add_folder_file (GArray        *files,
                 const char    *name,
                 unsigned char  type)
{
  FolderFile file = { NULL, NULL, GLOSS_LIBRARY_FILE_OTHER, FALSE, 0, 0 };

  file.kind = gloss_library_classify (name, &file.id);
  if ((file.kind != GLOSS_LIBRARY_FILE_ARCHIVE && file.kind != GLOSS_LIBRARY_FILE_SIDECAR)
      || (type != DT_UNKNOWN && type != DT_REG && type != DT_LNK))
    {
      g_free (file.id);
      return;
    }
  file.name = g_strdup (name);
  g_array_append_val (files, file);
}

/* The stat is relative to the folder, @dir_fd: with 20,000 files to look
 * at in every update, walking the whole path each time counts. */
static void
stat_folder_file (FolderFile *file,
                  int         dir_fd)
{
  struct stat buf;

  if (fstatat (dir_fd, file->name, &buf, 0) != 0 || !S_ISREG (buf.st_mode))
    return;
  file->found = TRUE;
  file->size = buf.st_size;
  file->mtime = (gint64) buf.st_mtim.tv_sec * G_USEC_PER_SEC + buf.st_mtim.tv_nsec / 1000;
}

/* Every @step-th file of @files from @first: a share of the stats. */
typedef struct
{
  GArray *files;
  int     dir_fd;
  guint   first, step;
} StatShare;

static gpointer
stat_share (gpointer data)
{
  StatShare *share = data;

  for (guint i = share->first; i < share->files->len; i += share->step)
    stat_folder_file (&g_array_index (share->files, FolderFile, i), share->dir_fd);
  return NULL;
}

/* Files below this many are looked at by the calling thread alone. */
#define FILES_PER_THREAD 2000
#define MAX_THREADS 4

/* Looks at @files with as many threads as there are processors (a few):
 * a stat is a system call that mostly waits on the kernel's lookup, and
 * a library of 10,000 articles has 20,000 of them for every update. */
static void
stat_folder_files (GArray *files,
                   int     dir_fd)
{
  guint n_threads = CLAMP (MIN ((guint) g_get_num_processors (), files->len / FILES_PER_THREAD),
                           1, MAX_THREADS);
  StatShare shares[MAX_THREADS];
  GThread *threads[MAX_THREADS] = { NULL, };

  for (guint i = 0; i < n_threads; i++)
    {
      shares[i] = (StatShare) { files, dir_fd, i, n_threads };
      if (i > 0)
        threads[i] = g_thread_try_new ("gloss-stat", stat_share, &shares[i], NULL);
    }
  stat_share (&shares[0]);
  for (guint i = 1; i < n_threads; i++)
    {
      if (threads[i] != NULL)
        g_thread_join (threads[i]);
      else
        stat_share (&shares[i]);
    }
}

/* id → Stamp* of the articles of @files that have an archive. */
static GHashTable *
stamps_of_files (GArray *files)
{
  GHashTable *stamps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < files->len; i++)
    {
      FolderFile *file = &g_array_index (files, FolderFile, i);
      Stamp *stamp;

      if (!file->found)
        continue;
      if ((stamp = g_hash_table_lookup (stamps, file->id)) == NULL)
        {
          stamp = stamp_new ();
          g_hash_table_insert (stamps, g_steal_pointer (&file->id), stamp);
        }
      if (file->kind == GLOSS_LIBRARY_FILE_ARCHIVE)
        stamp->archive_size = file->size, stamp->archive_mtime = file->mtime;
      else
        stamp->sidecar_size = file->size, stamp->sidecar_mtime = file->mtime;
    }
  /* A sidecar alone is no article. */
  g_hash_table_foreach_remove (stamps, has_no_archive, NULL);
  return stamps;
}

static GArray *
folder_files_new (void)
{
  GArray *files = g_array_new (FALSE, FALSE, sizeof (FolderFile));

  g_array_set_clear_func (files, folder_file_clear);
  return files;
}

static void
set_folder_error (GlossIndex  *self,
                  int          saved_errno,
                  GError     **error)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Could not read the library folder %s: %s"), self->dir, g_strerror (saved_errno));
}

/* id → Stamp* of every archive in the folder, from one pass over it. */
GHashTable *
_gloss_index_folder_stamps (GlossIndex  *self,
                            GError     **error)
{
  g_autoptr(GArray) files = folder_files_new ();
  DIR *dir = opendir (self->dir);
  struct dirent *entry;
  int saved_errno;

  if (dir == NULL)
    goto failed;
  while ((errno = 0, entry = readdir (dir)) != NULL)
    add_folder_file (files, entry->d_name, entry->d_type);
  if ((saved_errno = errno) == 0)
    stat_folder_files (files, dirfd (dir));
  closedir (dir);
  if ((errno = saved_errno) != 0)
    goto failed;
  return stamps_of_files (files);

failed:
  set_folder_error (self, errno, error);
  return NULL;
}

/* id → Stamp* of the articles @ids whose archive is in the folder. */
GHashTable *
_gloss_index_named_stamps (GlossIndex          *self,
                           const char * const  *ids,
                           GError             **error)
{
  g_autoptr(GArray) files = folder_files_new ();
  int dir_fd = open (self->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (dir_fd < 0)
    {
      set_folder_error (self, errno, error);
      return NULL;
    }
  for (guint i = 0; ids[i] != NULL; i++)
    {
      static const char * const suffixes[] = { ".html", ".notes.json" };

      /* A name in the folder, nothing outside it. */
      if (strchr (ids[i], '/') != NULL || ids[i][0] == '.' || ids[i][0] == '\0')
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (suffixes); j++)
        {
          g_autofree char *name = g_strconcat (ids[i], suffixes[j], NULL);

          add_folder_file (files, name, DT_UNKNOWN);
        }
    }
  stat_folder_files (files, dir_fd);
  close (dir_fd);
  return stamps_of_files (files);
}

/* Leaves in @folder (id → Stamp*) the articles that are new or changed
 * since they were indexed; returns the ids indexed that are gone from it. */
/* One row of the index's stamps against @folder. */
static void
compare_row (sqlite3_stmt *statement,
             GHashTable   *folder,
             GPtrArray    *gone)
{
  const char *id = (const char *) sqlite3_column_text (statement, 0);
  Stamp *now = g_hash_table_lookup (folder, id);
  Stamp then = {
    sqlite3_column_int64 (statement, 1), sqlite3_column_int64 (statement, 2),
    sqlite3_column_int64 (statement, 3), sqlite3_column_int64 (statement, 4),
  };

  if (now == NULL)
    g_ptr_array_add (gone, g_strdup (id));
  else if (stamps_equal (now, &then))
    g_hash_table_remove (folder, id);
  else
    now->same_archive = now->archive_size == then.archive_size
                        && now->archive_mtime == then.archive_mtime;
}

/* The same for the articles @ids only: @folder holds those of them that
 * are in the folder. */
GPtrArray *
_gloss_index_compare_named (GlossIndex          *self,
                            GHashTable          *folder,
                            const char * const  *ids,
                            GError             **error)
{
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *statement = _gloss_index_prepare_kept (self,
    "SELECT id, archive_size, archive_mtime, sidecar_size, sidecar_mtime FROM articles"
    " WHERE id = ?1", error);

  if (statement == NULL)
    return NULL;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      int step;

      sqlite3_bind_text (statement, 1, ids[i], -1, SQLITE_STATIC);
      if ((step = sqlite3_step (statement)) == SQLITE_ROW)
        compare_row (statement, folder, gone);
      sqlite3_reset (statement);
      sqlite3_clear_bindings (statement);
      if (step != SQLITE_ROW && step != SQLITE_DONE)
        {
          _gloss_index_set_error (self, error);
          return NULL;
        }
    }
  return g_steal_pointer (&gone);
}

GPtrArray *
_gloss_index_compare_all (GlossIndex  *self,
                          GHashTable  *folder,
                          GError     **error)
{
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *statement = _gloss_index_prepare (self,
    "SELECT id, archive_size, archive_mtime, sidecar_size, sidecar_mtime FROM articles", error);
  int step;

  if (statement == NULL)
    return NULL;
  while ((step = sqlite3_step (statement)) == SQLITE_ROW)
    compare_row (statement, folder, gone);
  sqlite3_finalize (statement);
  if (step != SQLITE_DONE)
    {
      _gloss_index_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&gone);
}

/* The folder's own time */

/* A folder time this much older than now can be trusted: a change made
 * after it was read has a later one, even on a file system that keeps
 * times to two seconds (FAT). */
#define SETTLED_USEC (5 * G_USEC_PER_SEC)

static gint64
folder_time (GlossIndex *self)
{
  struct stat buf;

  if (stat (self->dir, &buf) != 0)
    return 0;
  return (gint64) buf.st_mtim.tv_sec * G_USEC_PER_SEC + buf.st_mtim.tv_nsec / 1000;
}

gboolean
_gloss_index_folder_unchanged (GlossIndex *self,
                               gint64     *time)
{
  sqlite3_stmt *statement = _gloss_index_prepare_kept (self,
    "SELECT value FROM state WHERE key = 'folder'", NULL);
  gboolean unchanged = FALSE;

  *time = folder_time (self);
  if (statement == NULL)
    return FALSE;
  if (sqlite3_step (statement) == SQLITE_ROW)
    unchanged = *time != 0 && sqlite3_column_int64 (statement, 0) == *time;
  sqlite3_reset (statement);
  return unchanged;
}

gboolean
_gloss_index_remember_folder (GlossIndex  *self,
                              gint64       time,
                              GError     **error)
{
  sqlite3_stmt *statement = _gloss_index_prepare_kept (self,
    "INSERT OR REPLACE INTO state (key, value) VALUES ('folder', ?1)", error);

  if (statement == NULL)
    return FALSE;
  /* A time too recent is not one: the next update looks at every file. */
  sqlite3_bind_int64 (statement, 1, g_get_real_time () - time > SETTLED_USEC ? time : 0);
  return _gloss_index_step_done (self, statement, error);
}
