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

#include "gloss-archive.h"
#include "gloss-annotation.h"
#include "gloss-article.h"
#include "gloss-index-private.h"
#include "gloss-library.h"
#include "gloss-sidecar.h"

/* Raised whenever the tables change: an index of another version is made
 * again from the files. */
#define SCHEMA_VERSION 7
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
   * Japanese, which have no spaces between words. */
  "CREATE VIRTUAL TABLE search_parts USING fts5 (text, tokenize = 'trigram');"
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
  return TRUE;
}

static void
disconnect (GlossIndex *self)
{
  g_clear_pointer (&self->statements, g_hash_table_unref);
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

/* An article's rows */

typedef struct
{
  GString *quotes;
  GString *notes;
  GString *colors;
  guint    n_highlights;
  guint    n_notes;
} Annotations;

static void
gather_annotations (GlossSidecar *sidecar,
                    Annotations  *out)
{
  out->quotes = g_string_new (NULL);
  out->notes = g_string_new (sidecar->note);
  out->colors = g_string_new (" ");
  out->n_highlights = sidecar->annotations->len;
  out->n_notes = sidecar->note != NULL && *sidecar->note != '\0';
  for (guint i = 0; i < sidecar->annotations->len; i++)
    {
      GlossAnnotation *annotation = sidecar->annotations->pdata[i];
      g_autofree char *color = g_strconcat (" ", annotation->color, " ", NULL);

      g_string_append_printf (out->quotes, "%s\n", annotation->exact ? annotation->exact : "");
      if (annotation->note != NULL && *annotation->note != '\0')
        {
          g_string_append_printf (out->notes, "\n%s", annotation->note);
          out->n_notes++;
        }
      if (annotation->color != NULL && strstr (out->colors->str, color) == NULL)
        g_string_append_printf (out->colors, "%s ", annotation->color);
    }
}

static void
annotations_clear (Annotations *annotations)
{
  g_string_free (annotations->quotes, TRUE);
  g_string_free (annotations->notes, TRUE);
  g_string_free (annotations->colors, TRUE);
}

static char *
joined_tags (GlossSidecar *sidecar)
{
  GString *tags = g_string_new (NULL);

  for (guint i = 0; i < sidecar->tags->len && sidecar->tags->pdata[i] != NULL; i++)
    g_string_append_printf (tags, "%s%s", i > 0 ? "\n" : "", (char *) sidecar->tags->pdata[i]);
  return g_string_free (tags, FALSE);
}

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

/* Runs @sql (a string constant), its ?1 bound to @rowid. */
static gboolean
run_on_rowid (GlossIndex     *self,
              const char     *sql,
              sqlite3_int64   rowid,
              GError        **error)
{
  sqlite3_stmt *statement = _gloss_index_prepare_kept (self, sql, error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, rowid);
  return _gloss_index_step_done (self, statement, error);
}

/* The article's rowid in @rowid, 0 when it is not indexed. */
static gboolean
find_article (GlossIndex     *self,
              const char     *id,
              sqlite3_int64  *rowid,
              GError        **error)
{
  sqlite3_stmt *statement = _gloss_index_prepare_kept (self,
    "SELECT rowid FROM articles WHERE id = ?1", error);
  int step;

  *rowid = 0;
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, id, -1, SQLITE_STATIC);
  if ((step = sqlite3_step (statement)) == SQLITE_ROW)
    *rowid = sqlite3_column_int64 (statement, 0);
  else if (step != SQLITE_DONE)
    _gloss_index_set_error (self, error);
  sqlite3_reset (statement);
  sqlite3_clear_bindings (statement);
  return step == SQLITE_ROW || step == SQLITE_DONE;
}

static GArray *
highlight_rowids (GlossIndex     *self,
                  sqlite3_int64   article,
                  GError        **error)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (sqlite3_int64));
  sqlite3_stmt *statement = _gloss_index_prepare_kept (self,
    "SELECT rowid FROM highlights WHERE article = ?1", error);
  int step;

  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, article);
  while ((step = sqlite3_step (statement)) == SQLITE_ROW)
    {
      sqlite3_int64 rowid = sqlite3_column_int64 (statement, 0);

      g_array_append_val (rowids, rowid);
    }
  if (step != SQLITE_DONE)
    _gloss_index_set_error (self, error);
  sqlite3_reset (statement);
  sqlite3_clear_bindings (statement);
  return step == SQLITE_DONE ? g_steal_pointer (&rowids) : NULL;
}

/* One row at a time: a DELETE that may take several rows of an FTS5 table
 * opens a savepoint, and at a savepoint each FTS5 table written in the
 * transaction writes what it holds out into a new small segment. Once an
 * article, that was most of the time an update took. */
static gboolean
drop_highlights (GlossIndex     *self,
                 sqlite3_int64   article,
                 GError        **error)
{
  g_autoptr(GArray) rowids = highlight_rowids (self, article, error);

  if (rowids == NULL)
    return FALSE;
  for (guint i = 0; i < rowids->len; i++)
    if (!run_on_rowid (self, "DELETE FROM highlight_search WHERE rowid = ?1",
                       g_array_index (rowids, sqlite3_int64, i), error))
      return FALSE;
  return run_on_rowid (self, "DELETE FROM highlights WHERE article = ?1", article, error);
}

static gboolean
drop_article (GlossIndex  *self,
              const char  *id,
              GError     **error)
{
  static const char * const deletes[] = {
    "DELETE FROM search WHERE rowid = ?1",
    "DELETE FROM search_parts WHERE rowid = ?1",
    "DELETE FROM articles WHERE rowid = ?1",
  };
  sqlite3_int64 rowid;

  if (!find_article (self, id, &rowid, error))
    return FALSE;
  if (rowid == 0)
    return TRUE;
  if (!drop_highlights (self, rowid, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    if (!run_on_rowid (self, deletes[i], rowid, error))
      return FALSE;
  return TRUE;
}

static gboolean
insert_row (GlossIndex          *self,
            const GlossArticle  *article,
            const Stamp         *stamp,
            const Annotations   *annotations,
            const char          *tags,
            GError             **error)
{
  const GlossArchiveInfo *info = article->info;
  sqlite3_stmt *statement = _gloss_index_prepare_kept (self,
    "INSERT INTO articles (id, archive_size, archive_mtime, sidecar_size, sidecar_mtime,"
    " title, byline, site, source, saved, published, tags, colors, n_highlights, n_notes,"
    " progress, sha256)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, info->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (statement, 2, stamp->archive_size);
  sqlite3_bind_int64 (statement, 3, stamp->archive_mtime);
  sqlite3_bind_int64 (statement, 4, stamp->sidecar_size);
  sqlite3_bind_int64 (statement, 5, stamp->sidecar_mtime);
  sqlite3_bind_text (statement, 6, info->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 7, info->author, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 8, info->site, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 9, info->source, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 10, info->saved, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 11, info->published, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 12, tags, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 13, annotations->colors->str, -1, SQLITE_STATIC);
  sqlite3_bind_int (statement, 14, annotations->n_highlights);
  sqlite3_bind_int (statement, 15, annotations->n_notes);
  sqlite3_bind_double (statement, 16, article->sidecar->progress);
  sqlite3_bind_text (statement, 17, article->sha256, -1, SQLITE_STATIC);
  return _gloss_index_step_done (self, statement, error);
}

static gboolean
insert_text (GlossIndex          *self,
             sqlite3_int64        rowid,
             const GlossArticle  *article,
             const Annotations   *annotations,
             const char          *tags,
             GError             **error)
{
  const GlossArchiveInfo *info = article->info;
  g_autofree char *parts = g_strjoin ("\n", info->title ? info->title : "", article->text,
                                      annotations->quotes->str, annotations->notes->str, tags,
                                      NULL);
  sqlite3_stmt *words = _gloss_index_prepare_kept (self,
    "INSERT INTO search (rowid, title, byline, site, body, quotes, notes, tags)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  sqlite3_stmt *chars;

  if (words == NULL)
    return FALSE;
  sqlite3_bind_int64 (words, 1, rowid);
  sqlite3_bind_text (words, 2, info->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (words, 3, info->author, -1, SQLITE_STATIC);
  sqlite3_bind_text (words, 4, info->site, -1, SQLITE_STATIC);
  sqlite3_bind_text (words, 5, article->text, -1, SQLITE_STATIC);
  sqlite3_bind_text (words, 6, annotations->quotes->str, -1, SQLITE_STATIC);
  sqlite3_bind_text (words, 7, annotations->notes->str, -1, SQLITE_STATIC);
  sqlite3_bind_text (words, 8, tags, -1, SQLITE_STATIC);
  if (!_gloss_index_step_done (self, words, error))
    return FALSE;
  chars = _gloss_index_prepare_kept (self,
    "INSERT INTO search_parts (rowid, text) VALUES (?1, ?2)", error);
  if (chars == NULL)
    return FALSE;
  sqlite3_bind_int64 (chars, 1, rowid);
  sqlite3_bind_text (chars, 2, parts, -1, SQLITE_STATIC);
  return _gloss_index_step_done (self, chars, error);
}

static gboolean
insert_highlight (GlossIndex       *self,
                  sqlite3_int64     article,
                  GlossAnnotation  *annotation,
                  GError          **error)
{
  sqlite3_stmt *row = _gloss_index_prepare_kept (self,
    "INSERT INTO highlights (article, id, color, quote, note, created)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  sqlite3_stmt *words;

  if (row == NULL)
    return FALSE;
  sqlite3_bind_int64 (row, 1, article);
  sqlite3_bind_text (row, 2, annotation->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (row, 3, annotation->color, -1, SQLITE_STATIC);
  sqlite3_bind_text (row, 4, annotation->exact, -1, SQLITE_STATIC);
  sqlite3_bind_text (row, 5, annotation->note, -1, SQLITE_STATIC);
  sqlite3_bind_text (row, 6, annotation->created, -1, SQLITE_STATIC);
  if (!_gloss_index_step_done (self, row, error))
    return FALSE;
  words = _gloss_index_prepare_kept (self,
    "INSERT INTO highlight_search (rowid, quote, note) VALUES (?1, ?2, ?3)", error);
  if (words == NULL)
    return FALSE;
  sqlite3_bind_int64 (words, 1, sqlite3_last_insert_rowid (self->db));
  sqlite3_bind_text (words, 2, annotation->exact, -1, SQLITE_STATIC);
  sqlite3_bind_text (words, 3, annotation->note, -1, SQLITE_STATIC);
  return _gloss_index_step_done (self, words, error);
}

static gboolean
insert_highlights (GlossIndex     *self,
                   sqlite3_int64   article,
                   GlossSidecar   *sidecar,
                   GError        **error)
{
  for (guint i = 0; i < sidecar->annotations->len; i++)
    if (!insert_highlight (self, article, sidecar->annotations->pdata[i], error))
      return FALSE;
  return TRUE;
}

/* As gloss_article_read() takes it: a sidecar that is missing or can not
 * be read gives an article without notes. */
static GlossSidecar *
read_sidecar (const char *path)
{
  g_autoptr(GError) error = NULL;
  GlossSidecar *sidecar = gloss_sidecar_read (path, &error);

  if (sidecar != NULL)
    return sidecar;
  if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_debug ("Reading %s without its notes: %s", path, error->message);
  return gloss_sidecar_new (path);
}

/* A sidecar written for another archive than the one indexed: the article
 * clipped again elsewhere, its archive brought by a sync tool that kept
 * the old one's size and time. */
static gboolean
names_another_archive (const GlossArticle *article)
{
  const char *named = article->sidecar->sha256;

  return named != NULL && article->sha256 != NULL && g_strcmp0 (named, article->sha256) != 0;
}

/* The archive's part of the article as the index holds it, and the
 * sidecar read again: when only the sidecar changed (a tag, a highlight,
 * how far it was read), parsing the archive again gives nothing new.
 * NULL and no error when the index does not hold it, or the sidecar names
 * another archive. */
static GlossArticle *
article_from_index (GlossIndex  *self,
                    const char  *archive,
                    const char  *id,
                    const char  *sidecar_path,
                    GError     **error)
{
  sqlite3_stmt *statement = _gloss_index_prepare_kept (self,
    "SELECT a.title, a.byline, a.site, a.source, a.saved, a.published, s.body, a.sha256"
    " FROM articles a JOIN search s ON s.rowid = a.rowid WHERE a.id = ?1", error);
  GlossArticle *article = NULL;
  int step;

  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, id, -1, SQLITE_STATIC);
  if ((step = sqlite3_step (statement)) == SQLITE_ROW)
    {
      article = g_new0 (GlossArticle, 1);
      article->info = g_new0 (GlossArchiveInfo, 1);
      article->info->path = g_strdup (archive);
      article->info->id = g_strdup (id);
      article->info->title = _gloss_index_column_text (statement, 0);
      article->info->author = _gloss_index_column_text (statement, 1);
      article->info->site = _gloss_index_column_text (statement, 2);
      article->info->source = _gloss_index_column_text (statement, 3);
      article->info->saved = _gloss_index_column_text (statement, 4);
      article->info->published = _gloss_index_column_text (statement, 5);
      article->text = g_strdup (sqlite3_column_text (statement, 6)
                                ? (const char *) sqlite3_column_text (statement, 6) : "");
      article->sha256 = _gloss_index_column_text (statement, 7);
      article->sidecar = read_sidecar (sidecar_path);
      if (names_another_archive (article))
        g_clear_pointer (&article, gloss_article_free);
    }
  else if (step != SQLITE_DONE)
    _gloss_index_set_error (self, error);
  sqlite3_reset (statement);
  sqlite3_clear_bindings (statement);
  return article;
}

/* Reads the article again and replaces its rows. An archive that can not
 * be read is left out (and tried again at the next update). */
static gboolean
index_article (GlossIndex   *self,
               const char   *archive,
               const char   *id,
               const Stamp  *stamp,
               GError      **error)
{
  g_autofree char *sidecar_path = gloss_library_sidecar_path (archive);
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GlossArticle) article = NULL;
  g_autofree char *tags = NULL;
  Annotations annotations;
  sqlite3_int64 rowid;
  gboolean done;

  if (stamp->same_archive)
    {
      article = article_from_index (self, archive, id, sidecar_path, &read_error);
      if (read_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&read_error));
          return FALSE;
        }
    }
  if (article == NULL && (article = gloss_article_read (archive, sidecar_path, &read_error)) == NULL)
    {
      g_debug ("Not in the index: %s", read_error->message);
      return TRUE;
    }
  if (!drop_article (self, article->info->id, error))
    return FALSE;
  gather_annotations (article->sidecar, &annotations);
  tags = joined_tags (article->sidecar);
  done = insert_row (self, article, stamp, &annotations, tags, error);
  rowid = sqlite3_last_insert_rowid (self->db);
  done = done && insert_text (self, rowid, article, &annotations, tags, error)
         && insert_highlights (self, rowid, article->sidecar, error);
  annotations_clear (&annotations);
  return done;
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
  GHashTableIter iter;
  gpointer id, stamp;
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
    if (!drop_article (self, gone->pdata[i], error) || !drop_thumbnail (self, gone->pdata[i], error))
      return FALSE;
  *n_changed += gone->len;
  g_hash_table_iter_init (&iter, changed);
  while (g_hash_table_iter_next (&iter, &id, &stamp))
    {
      g_autofree char *archive = gloss_library_archive_path (library, id);

      if (!index_article (self, archive, id, stamp, error))
        return FALSE;
      (*n_changed)++;
    }
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
  if (!update_in_transaction (self, ids, n_changed, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return exec (self, "COMMIT", error);
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
  static const char * const tables[] = { "search", "search_parts", "highlight_search" };

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
