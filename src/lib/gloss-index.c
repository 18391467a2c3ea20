/* gloss-index.c — making the library's index and keeping it up to date
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gloss-index-private.h"
#include "gloss-library.h"

/* Raised whenever the tables change: an index of another version is made
 * again from the files. */
#define SCHEMA_VERSION 8
#define BUSY_TIMEOUT_MS 10000

static const char schema[] =
  "CREATE TABLE articles ("
  "  rowid INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  archive_size INTEGER, archive_mtime INTEGER,"
  "  sidecar_size INTEGER, sidecar_mtime INTEGER,"
  "  sha256 TEXT,"                       /* of the archive when it was read */
  "  title TEXT, byline TEXT, site TEXT, source TEXT, saved TEXT, published TEXT,"
  "  tags TEXT NOT NULL DEFAULT '',"     /* one a line */
  "  colors TEXT NOT NULL DEFAULT ' ',"  /* ' yellow green ' */
  "  n_highlights INTEGER NOT NULL DEFAULT 0,"
  "  n_notes INTEGER NOT NULL DEFAULT 0,"
  "  progress REAL NOT NULL DEFAULT -1);"   /* how far it was read, 0–1; -1 never opened */
  /* Words, whole or by their start, accents folded. */
  "CREATE VIRTUAL TABLE search USING fts5 (title, byline, site, body, quotes, notes, tags,"
  "  tokenize = 'unicode61 remove_diacritics 2');"
  /* Any three characters in a row: parts of compounds, and Chinese and
   * Japanese, which have no spaces between words. The archive's (title and
   * text) apart from the sidecar's (quotes, notes, tags): a new tag or
   * note does not make the whole text's trigrams again, which was three
   * quarters of what saving a sidecar cost the index. */
  "CREATE VIRTUAL TABLE search_parts USING fts5 (text, tokenize = 'trigram');"
  "CREATE VIRTUAL TABLE note_parts USING fts5 (text, tokenize = 'trigram');"
  /* The notebook: every highlight, its rowid in highlight_search. */
  "CREATE TABLE highlights ("
  "  rowid INTEGER PRIMARY KEY,"
  "  article INTEGER NOT NULL REFERENCES articles (rowid),"
  "  id TEXT NOT NULL, color TEXT, quote TEXT, note TEXT, created TEXT);"
  "CREATE INDEX highlights_by_article ON highlights (article);"
  "CREATE VIRTUAL TABLE highlight_search USING fts5 (quote, note,"
  "  tokenize = 'unicode61 remove_diacritics 2');"
  /* The list's small pictures, made by the window (an empty one: the
   * article has none), each for the archive as it was: a new highlight
   * keeps it, the article clipped again does not. */
  "CREATE TABLE thumbnails (id TEXT PRIMARY KEY, archive_size INTEGER, archive_mtime INTEGER,"
  "  image BLOB NOT NULL);"
  /* No merging of the full-text tables' segments at every write: with the
   * text of 10,000 articles, it was most of what an update of ten took.
   * Small segments are still merged when 16 of them pile up, and
   * gloss_index_tidy () merges the rest when there is time. */
  /* folder: the library folder's time when every file was last looked at. */
  "CREATE TABLE state (key TEXT PRIMARY KEY, value INTEGER);"
  "INSERT INTO search (search, rank) VALUES ('automerge', 0);"
  "INSERT INTO search_parts (search_parts, rank) VALUES ('automerge', 0);"
  "INSERT INTO note_parts (note_parts, rank) VALUES ('automerge', 0);"
  "INSERT INTO highlight_search (highlight_search, rank) VALUES ('automerge', 0);";

G_DEFINE_QUARK (gloss-index-error-quark, gloss_index_error)

void
_gloss_index_set_error (GlossIndex  *self,
                        GError     **error)
{
  g_set_error (error, GLOSS_INDEX_ERROR, GLOSS_INDEX_ERROR_DATABASE,
               _("Could not use the library’s index %s: %s"), self->path,
               sqlite3_errmsg (self->db));
}

sqlite3_stmt *
_gloss_index_prepare (GlossIndex  *self,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *statement = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &statement, NULL) != SQLITE_OK)
    {
      _gloss_index_set_error (self, error);
      return NULL;
    }
  return statement;
}

sqlite3_stmt *
_gloss_index_prepare_kept (GlossIndex  *self,
                           const char  *sql,
                           GError     **error)
{
  sqlite3_stmt *statement = g_hash_table_lookup (self->statements, sql);

  if (statement != NULL)
    return statement;
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL)
      != SQLITE_OK)
    {
      _gloss_index_set_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, statement);
  return statement;
}

static gboolean
exec (GlossIndex  *self,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  _gloss_index_set_error (self, error);
  return FALSE;
}

static gboolean
is_damage (int code)
{
  code &= 0xff;
  return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

/* Making the file */

static void
remove_files (GlossIndex *self)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (self->path, suffixes[i], NULL);

      if (g_unlink (path) != 0 && errno != ENOENT)
        g_warning ("Could not remove the old index %s: %s", path, g_strerror (errno));
    }
}

static int
schema_version (GlossIndex *self)
{
  sqlite3_stmt *statement = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &statement, NULL) == SQLITE_OK
      && sqlite3_step (statement) == SQLITE_ROW)
    version = sqlite3_column_int (statement, 0);
  sqlite3_finalize (statement);
  return version;
}

static void
finalize_statement (gpointer statement)
{
  sqlite3_finalize (statement);
}

static gboolean
connect (GlossIndex  *self,
         GError     **error)
{
  if (sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)
      != SQLITE_OK)
    {
      _gloss_index_set_error (self, error);
      return FALSE;
    }
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, TRUE);
  /* In WAL mode a commit then waits for no fsync; a power cut can lose the
   * last ones, never damage the file, and the index is made again from
   * the files anyway. */
  sqlite3_exec (self->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
  /* The articles table alone is 3 MiB with 10,000 articles: in SQLite's
   * 2 MiB, the update's pass over it left nothing for the list after it. */
  sqlite3_exec (self->db, "PRAGMA cache_size = -16384", NULL, NULL, NULL);
  /* An update runs the same dozen statements for each article that changed,
   * and some of them take less time to run than to prepare. */
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            finalize_statement);
  if (!_gloss_index_add_rank (self))
    {
      _gloss_index_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static void
disconnect (GlossIndex *self)
{
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->lengths, g_array_unref);
  sqlite3_close_v2 (self->db);
  self->db = NULL;
}

/* The tables, in an empty file; another process may be making them too. */
static gboolean
create_tables (GlossIndex  *self,
               GError     **error)
{
  g_autofree char *version = g_strdup_printf ("PRAGMA user_version = %d", SCHEMA_VERSION);

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (schema_version (self) == SCHEMA_VERSION)
    return exec (self, "COMMIT", error);
  if (!exec (self, schema, error) || !exec (self, version, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return exec (self, "COMMIT", error);
}

/* Opens the file as it is; FALSE (and no error) when it must be made again. */
static gboolean
open_existing (GlossIndex  *self,
               GError     **error)
{
  int version;

  if (!connect (self, error))
    return FALSE;
  if (sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK)
    {
      if (!is_damage (sqlite3_extended_errcode (self->db)))
        _gloss_index_set_error (self, error);
      return FALSE;
    }
  version = schema_version (self);
  if (version == 0)
    return create_tables (self, error);
  return version == SCHEMA_VERSION;
}

static gboolean
make_again (GlossIndex  *self,
            GError     **error)
{
  g_message ("The library’s index %s is old or damaged: making it again", self->path);
  disconnect (self);
  remove_files (self);
  return connect (self, error)
         && exec (self, "PRAGMA journal_mode = WAL", error)
         && create_tables (self, error);
}

GlossIndex *
gloss_index_open (const char  *library_dir,
                  GError     **error)
{
  g_autoptr(GlossIndex) self = g_new0 (GlossIndex, 1);
  g_autofree char *folder = g_build_filename (library_dir, ".gloss", NULL);
  GError *local_error = NULL;

  if (!gloss_library_check_dir (library_dir, error))
    return NULL;
  self->dir = g_strdup (library_dir);
  self->path = g_build_filename (folder, "index.db", NULL);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not make the folder %s for the library’s index: %s"), folder,
                   g_strerror (saved_errno));
      return NULL;
    }
  if (open_existing (self, &local_error))
    return g_steal_pointer (&self);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (!make_again (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
gloss_index_close (GlossIndex *self)
{
  if (self == NULL)
    return;
  if (self->db != NULL)
    disconnect (self);
  g_free (self->dir);
  g_free (self->path);
  g_free (self);
}

/* What the other parts share */

char *
_gloss_index_column_text (sqlite3_stmt *statement,
                          int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (statement, column));
}

gboolean
_gloss_index_step_done (GlossIndex    *self,
                        sqlite3_stmt  *statement,
                        GError       **error)
{
  int step = sqlite3_step (statement);

  if (step != SQLITE_DONE)
    _gloss_index_set_error (self, error);
  sqlite3_reset (statement);
  sqlite3_clear_bindings (statement);
  return step == SQLITE_DONE;
}

/* Updating */

static gboolean
drop_thumbnail (GlossIndex  *self,
                const char  *id,
                GError     **error)
{
  sqlite3_stmt *statement = _gloss_index_prepare_kept (self,
    "DELETE FROM thumbnails WHERE id = ?1", error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, id, -1, SQLITE_STATIC);
  return _gloss_index_step_done (self, statement, error);
}

/* Every article of the folder, or those of @ids only (NULL: all). */
static gboolean
update_in_transaction (GlossIndex          *self,
                       const char * const  *ids,
                       guint               *n_changed,
                       GError             **error)
{
  g_autoptr(GlossLibrary) library = NULL;
  g_autoptr(GHashTable) changed = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  gint64 folder_time = 0;

  if (ids == NULL && _gloss_index_folder_unchanged (self, &folder_time))
    return TRUE;
  library = gloss_library_new (self->dir);
  changed = ids ? _gloss_index_named_stamps (self, ids, error)
                : _gloss_index_folder_stamps (self, error);
  if (changed == NULL)
    return FALSE;
  gone = ids ? _gloss_index_compare_named (self, changed, ids, error)
             : _gloss_index_compare_all (self, changed, error);
  if (gone == NULL)
    return FALSE;
  for (guint i = 0; i < gone->len; i++)
    if (!_gloss_index_drop_article (self, gone->pdata[i], error) || !drop_thumbnail (self, gone->pdata[i], error))
      return FALSE;
  *n_changed += gone->len;
  if (!_gloss_index_articles (self, library, changed, error))
    return FALSE;
  *n_changed += g_hash_table_size (changed);
  return ids != NULL || _gloss_index_remember_folder (self, folder_time, error);
}

static gboolean
try_update (GlossIndex          *self,
            const char * const  *ids,
            guint               *n_changed,
            GError             **error)
{
  *n_changed = 0;
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->written_since = g_get_monotonic_time ();
  if (!update_in_transaction (self, ids, n_changed, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return exec (self, "COMMIT", error);
}

/* An update writes for this long, then lets others write for a moment:
 * SQLite's busy handler looks again after at most 100 ms. Rebuilding an
 * index of 10,000 articles takes about a minute, and held the index all
 * that time: the window's pictures and its notebook gave up after 10 s. */
#define BATCH_USEC (2 * G_USEC_PER_SEC)
#define PAUSE_USEC (120 * 1000)

gboolean
_gloss_index_let_others_write (GlossIndex  *self,
                               GError     **error)
{
  gint64 batch = self->batch_usec > 0 ? self->batch_usec : BATCH_USEC;

  if (g_get_monotonic_time () - self->written_since < batch)
    return TRUE;
  if (!exec (self, "COMMIT", error))
    return FALSE;
  g_usleep (MIN (PAUSE_USEC, batch));
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->written_since = g_get_monotonic_time ();
  return TRUE;
}

void
_gloss_index_set_batch_time (GlossIndex *self,
                             guint       ms)
{
  self->batch_usec = (gint64) ms * 1000;
}

/* Articles read in one update after which its tables are merged whole
 * (seconds, after minutes of reading): the searches of a library just
 * indexed are as quick as they can be. */
#define OPTIMIZE_AFTER 1000

static gboolean
optimize (GlossIndex  *self,
          GError     **error)
{
  return exec (self, "INSERT INTO search (search) VALUES ('optimize');"
                     "INSERT INTO search_parts (search_parts) VALUES ('optimize');"
                     "INSERT INTO note_parts (note_parts) VALUES ('optimize');"
                     "INSERT INTO highlight_search (highlight_search) VALUES ('optimize')", error);
}

/* An index found damaged is made again, from every file. */
static gboolean
update (GlossIndex          *self,
        const char * const  *ids,
        guint               *n_changed,
        GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  guint changed = 0;

  if (!try_update (self, ids, &changed, &local_error))
    {
      if (!is_damage (sqlite3_extended_errcode (self->db)))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!make_again (self, error) || !try_update (self, NULL, &changed, error))
        return FALSE;
    }
  if (n_changed != NULL)
    *n_changed = changed;
  /* What this update wrote, merged outside its transaction: a little, or
   * all of it after reading most of a library. */
  if (changed >= OPTIMIZE_AFTER)
    return optimize (self, error);
  return changed == 0 || gloss_index_tidy (self, 1, error);
}

gboolean
gloss_index_update (GlossIndex  *self,
                    guint       *n_changed,
                    GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return update (self, NULL, n_changed, error);
}

gboolean
gloss_index_update_articles (GlossIndex          *self,
                             const char * const  *ids,
                             guint               *n_changed,
                             GError             **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  return update (self, ids, n_changed, error);
}

gboolean
gloss_index_rebuild (GlossIndex  *self,
                     GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (sqlite3_exec (self->db, "BEGIN IMMEDIATE;"
                              "DELETE FROM search; DELETE FROM search_parts;"
                              "DELETE FROM note_parts;"
                              "DELETE FROM highlight_search; DELETE FROM highlights;"
                              "DELETE FROM thumbnails; DELETE FROM state;"
                              "DELETE FROM articles;"
                              "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      if (!is_damage (sqlite3_extended_errcode (self->db)))
        {
          _gloss_index_set_error (self, error);
          return FALSE;
        }
      if (!make_again (self, error))
        return FALSE;
    }
  return gloss_index_update (self, NULL, error);
}

/* Tidying */

/* Pages of merging a table each time: a few milliseconds' work. */
#define TIDY_PAGES 64

gboolean
gloss_index_tidy (GlossIndex  *self,
                  guint        rounds,
                  GError     **error)
{
  static const char * const tables[] = {
    "search", "search_parts", "note_parts", "highlight_search"
  };

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint round = 0; round < rounds; round++)
    {
      /* A merge that does nothing changes nothing: then all is merged. */
      int changes = sqlite3_total_changes (self->db);

      for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
        {
          g_autofree char *sql = g_strdup_printf ("INSERT INTO %1$s (%1$s, rank)"
                                                  " VALUES ('merge', %2$d)",
                                                  tables[i], TIDY_PAGES);

          if (!exec (self, sql, error))
            return FALSE;
        }
      if (sqlite3_total_changes (self->db) == changes)
        break;
    }
  return TRUE;
}

/* Thumbnails */

GBytes *
gloss_index_get_thumbnail (GlossIndex  *self,
                           const char  *id,
                           GError     **error)
{
  sqlite3_stmt *statement;
  GBytes *image = NULL;
  int step;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  statement = _gloss_index_prepare (self,
    "SELECT t.image FROM thumbnails t JOIN articles a ON a.id = t.id"
    " WHERE t.id = ?1 AND t.archive_size = a.archive_size AND t.archive_mtime = a.archive_mtime",
    error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, id, -1, SQLITE_STATIC);
  if ((step = sqlite3_step (statement)) == SQLITE_ROW)
    image = g_bytes_new (sqlite3_column_blob (statement, 0), sqlite3_column_bytes (statement, 0));
  else if (step != SQLITE_DONE)
    _gloss_index_set_error (self, error);
  sqlite3_finalize (statement);
  return image;
}

gboolean
gloss_index_set_thumbnail (GlossIndex  *self,
                           const char  *id,
                           GBytes      *image,
                           GError     **error)
{
  sqlite3_stmt *statement;
  gsize size;
  gconstpointer data;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (image != NULL, FALSE);

  statement = _gloss_index_prepare_kept (self,
    "INSERT OR REPLACE INTO thumbnails (id, archive_size, archive_mtime, image)"
    " SELECT id, archive_size, archive_mtime, ?2 FROM articles WHERE id = ?1", error);
  if (statement == NULL)
    return FALSE;
  data = g_bytes_get_data (image, &size);
  sqlite3_bind_text (statement, 1, id, -1, SQLITE_STATIC);
  /* An empty blob, not NULL: "no picture" is an answer too. */
  sqlite3_bind_blob (statement, 2, size > 0 ? data : "", size, SQLITE_STATIC);
  return _gloss_index_step_done (self, statement, error);
}
