/* gloss-index-article.c — an article's rows in the index: read from its
 * files, or only its sidecar's part again, and dropped
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-annotation.h"
#include "gloss-archive.h"
#include "gloss-article.h"
#include "gloss-index-private.h"
#include "gloss-library.h"
#include "gloss-sidecar.h"

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

gboolean
_gloss_index_drop_article (GlossIndex  *self,
              const char  *id,
              GError     **error)
{
  static const char * const deletes[] = {
    "DELETE FROM search WHERE rowid = ?1",
    "DELETE FROM search_parts WHERE rowid = ?1",
    "DELETE FROM note_parts WHERE rowid = ?1",
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

/* Binds ?2 to ?10 of @statement: what changes with the article's files
 * and its sidecar, the same in insert_row () and update_row (). */
static void
bind_changing (sqlite3_stmt        *statement,
               const GlossArticle  *article,
               const Stamp         *stamp,
               const Annotations   *annotations,
               const char          *tags)
{
  sqlite3_bind_int64 (statement, 2, stamp->archive_size);
  sqlite3_bind_int64 (statement, 3, stamp->archive_mtime);
  sqlite3_bind_int64 (statement, 4, stamp->sidecar_size);
  sqlite3_bind_int64 (statement, 5, stamp->sidecar_mtime);
  sqlite3_bind_text (statement, 6, tags, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 7, annotations->colors->str, -1, SQLITE_STATIC);
  sqlite3_bind_int (statement, 8, annotations->n_highlights);
  sqlite3_bind_int (statement, 9, annotations->n_notes);
  sqlite3_bind_double (statement, 10, article->sidecar->progress);
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
    " tags, colors, n_highlights, n_notes, progress,"
    " title, byline, site, source, saved, published, sha256)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, info->id, -1, SQLITE_STATIC);
  bind_changing (statement, article, stamp, annotations, tags);
  sqlite3_bind_text (statement, 11, info->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 12, info->author, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 13, info->site, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 14, info->source, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 15, info->saved, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 16, info->published, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 17, article->sha256, -1, SQLITE_STATIC);
  return _gloss_index_step_done (self, statement, error);
}

/* The article's row in the words' table, at @rowid. */
static gboolean
insert_words (GlossIndex          *self,
              sqlite3_int64        rowid,
              const GlossArticle  *article,
              const Annotations   *annotations,
              const char          *tags,
              GError             **error)
{
  const GlossArchiveInfo *info = article->info;
  sqlite3_stmt *words = _gloss_index_prepare_kept (self,
    "INSERT INTO search (rowid, title, byline, site, body, quotes, notes, tags)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);

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
  return _gloss_index_step_done (self, words, error);
}

/* @text at @rowid into the trigram table @sql inserts into. */
static gboolean
insert_parts (GlossIndex     *self,
              const char     *sql,
              sqlite3_int64   rowid,
              const char     *text,
              GError        **error)
{
  sqlite3_stmt *statement = _gloss_index_prepare_kept (self, sql, error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, rowid);
  sqlite3_bind_text (statement, 2, text, -1, SQLITE_STATIC);
  return _gloss_index_step_done (self, statement, error);
}

static gboolean
insert_archive_parts (GlossIndex          *self,
                      sqlite3_int64        rowid,
                      const GlossArticle  *article,
                      GError             **error)
{
  g_autofree char *text = g_strjoin ("\n", article->info->title ? article->info->title : "",
                                     article->text, NULL);

  return insert_parts (self, "INSERT INTO search_parts (rowid, text) VALUES (?1, ?2)",
                       rowid, text, error);
}

static gboolean
insert_note_parts (GlossIndex         *self,
                   sqlite3_int64       rowid,
                   const Annotations  *annotations,
                   const char         *tags,
                   GError            **error)
{
  g_autofree char *text = g_strjoin ("\n", annotations->quotes->str, annotations->notes->str,
                                     tags, NULL);

  return insert_parts (self, "INSERT INTO note_parts (rowid, text) VALUES (?1, ?2)",
                       rowid, text, error);
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
article_from_index (GlossIndex     *self,
                    const char     *archive,
                    const char     *id,
                    const char     *sidecar_path,
                    sqlite3_int64  *rowid,
                    GError        **error)
{
  sqlite3_stmt *statement = _gloss_index_prepare_kept (self,
    "SELECT a.title, a.byline, a.site, a.source, a.saved, a.published, s.body, a.sha256, a.rowid"
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
      *rowid = sqlite3_column_int64 (statement, 8);
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

/* The article's row in articles, @stamp and the sidecar's part of it
 * new; its rowid stays. */
static gboolean
update_row (GlossIndex         *self,
            sqlite3_int64       rowid,
            const GlossArticle *article,
            const Stamp        *stamp,
            const Annotations  *annotations,
            const char         *tags,
            GError            **error)
{
  sqlite3_stmt *statement = _gloss_index_prepare_kept (self,
    "UPDATE articles SET archive_size = ?2, archive_mtime = ?3, sidecar_size = ?4,"
    " sidecar_mtime = ?5, tags = ?6, colors = ?7, n_highlights = ?8, n_notes = ?9,"
    " progress = ?10 WHERE rowid = ?1", error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, rowid);
  bind_changing (statement, article, stamp, annotations, tags);
  return _gloss_index_step_done (self, statement, error);
}

/* Replaces the sidecar's part of the article at @rowid, when only its
 * sidecar changed: the archive's trigrams stay as they are. */
static gboolean
index_sidecar (GlossIndex          *self,
               sqlite3_int64        rowid,
               const GlossArticle  *article,
               const Stamp         *stamp,
               GError             **error)
{
  g_autofree char *tags = joined_tags (article->sidecar);
  Annotations annotations;
  gboolean done;

  gather_annotations (article->sidecar, &annotations);
  done = drop_highlights (self, rowid, error)
         && run_on_rowid (self, "DELETE FROM search WHERE rowid = ?1", rowid, error)
         && run_on_rowid (self, "DELETE FROM note_parts WHERE rowid = ?1", rowid, error)
         && update_row (self, rowid, article, stamp, &annotations, tags, error)
         && insert_words (self, rowid, article, &annotations, tags, error)
         && insert_note_parts (self, rowid, &annotations, tags, error)
         && insert_highlights (self, rowid, article->sidecar, error);
  annotations_clear (&annotations);
  return done;
}

/* Reads the whole article again and replaces its rows. */
static gboolean
index_whole (GlossIndex          *self,
             const GlossArticle  *article,
             const Stamp         *stamp,
             GError             **error)
{
  g_autofree char *tags = joined_tags (article->sidecar);
  Annotations annotations;
  sqlite3_int64 rowid;
  gboolean done;

  if (!_gloss_index_drop_article (self, article->info->id, error))
    return FALSE;
  gather_annotations (article->sidecar, &annotations);
  done = insert_row (self, article, stamp, &annotations, tags, error);
  rowid = sqlite3_last_insert_rowid (self->db);
  done = done && insert_words (self, rowid, article, &annotations, tags, error)
         && insert_archive_parts (self, rowid, article, error)
         && insert_note_parts (self, rowid, &annotations, tags, error)
         && insert_highlights (self, rowid, article->sidecar, error);
  annotations_clear (&annotations);
  return done;
}

/* When only the sidecar changed: the sidecar's part of the article,
 * with the archive's part the index holds (@indexed set). Nothing when
 * the index does not hold it, or the sidecar names another archive. */
static gboolean
index_sidecar_only (GlossIndex   *self,
                    const char   *archive,
                    const char   *id,
                    const char   *sidecar,
                    const Stamp  *stamp,
                    gboolean     *indexed,
                    GError      **error)
{
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GlossArticle) article = NULL;
  sqlite3_int64 rowid = 0;

  *indexed = FALSE;
  article = article_from_index (self, archive, id, sidecar, &rowid, &read_error);
  if (read_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return FALSE;
    }
  if (article == NULL)
    return TRUE;
  *indexed = TRUE;
  return index_sidecar (self, rowid, article, stamp, error);
}

/* Reading the archives */

/* An article to read whole, and what reading it gave. */
typedef struct
{
  char         *archive;
  char         *sidecar;
  const Stamp  *stamp;
  GlossArticle *article;
  GError       *error;
  gboolean      read;
} Reading;

static void
reading_free (gpointer data)
{
  Reading *reading = data;

  g_free (reading->archive);
  g_free (reading->sidecar);
  g_clear_pointer (&reading->article, gloss_article_free);
  g_clear_error (&reading->error);
  g_free (reading);
}

/* Archives read by other threads while this one writes what they read:
 * parsing them is a third of the work, and SQLite only writes from one
 * thread. */
typedef struct
{
  GMutex     lock;
  GCond      read;
  GPtrArray *readings;  /* Reading*, in the order they are written */
} Readers;

static void
read_article (gpointer data,
              gpointer user_data)
{
  Reading *reading = data;
  Readers *readers = user_data;
  GError *error = NULL;
  GlossArticle *article = gloss_article_read (reading->archive, reading->sidecar, &error);

  g_mutex_lock (&readers->lock);
  reading->article = article;
  reading->error = error;
  reading->read = TRUE;
  g_cond_broadcast (&readers->read);
  g_mutex_unlock (&readers->lock);
}

/* Archives read ahead of the one written: enough to keep the readers
 * busy, few enough to hold in memory. */
#define READ_AHEAD 32
#define MAX_READERS 3

static void
wait_for (Readers *readers,
          Reading *reading)
{
  g_mutex_lock (&readers->lock);
  while (!reading->read)
    g_cond_wait (&readers->read, &readers->lock);
  g_mutex_unlock (&readers->lock);
}

/* Indexes each article of @readers whole, in order, as it is read (by
 * this thread alone when no other can be had). An archive that can not be
 * read is left out (and tried again at the next update). */
static gboolean
index_read (GlossIndex  *self,
            Readers     *readers,
            GError     **error)
{
  GPtrArray *readings = readers->readings;
  guint n_threads = CLAMP (g_get_num_processors () - 1, 1, MAX_READERS);
  GThreadPool *pool = readings->len > 1
                      ? g_thread_pool_new (read_article, readers, n_threads, TRUE, NULL) : NULL;
  gboolean done = TRUE;

  for (guint i = 0; pool != NULL && i < MIN (readings->len, READ_AHEAD); i++)
    g_thread_pool_push (pool, readings->pdata[i], NULL);
  for (guint i = 0; done && i < readings->len; i++)
    {
      Reading *reading = readings->pdata[i];

      if (pool == NULL)
        read_article (reading, readers);
      wait_for (readers, reading);
      if (pool != NULL && i + READ_AHEAD < readings->len)
        g_thread_pool_push (pool, readings->pdata[i + READ_AHEAD], NULL);
      if (reading->article == NULL)
        g_debug ("Not in the index: %s", reading->error->message);
      else
        done = index_whole (self, reading->article, reading->stamp, error)
               && _gloss_index_let_others_write (self, error);
      g_clear_pointer (&reading->article, gloss_article_free);
    }
  /* After an error, what is still queued is never read. */
  if (pool != NULL)
    g_thread_pool_free (pool, TRUE, TRUE);
  return done;
}

/* Brings the rows of the articles of @changed (id → Stamp*) up to date
 * with their files: the sidecar's part only when the archive is as it
 * was indexed, the whole article otherwise. */
gboolean
_gloss_index_articles (GlossIndex    *self,
                       GlossLibrary  *library,
                       GHashTable    *changed,
                       GError       **error)
{
  Readers readers = { .readings = g_ptr_array_new_with_free_func (reading_free) };
  GHashTableIter iter;
  gpointer id, stamp;
  gboolean done = TRUE;

  g_mutex_init (&readers.lock);
  g_cond_init (&readers.read);
  g_hash_table_iter_init (&iter, changed);
  while (done && g_hash_table_iter_next (&iter, &id, &stamp))
    {
      g_autofree char *archive = gloss_library_archive_path (library, id);
      g_autofree char *sidecar = gloss_library_sidecar_path (archive);
      gboolean indexed = FALSE;
      Reading *reading;

      done = (!((Stamp *) stamp)->same_archive
              || index_sidecar_only (self, archive, id, sidecar, stamp, &indexed, error))
             && _gloss_index_let_others_write (self, error);
      if (!done || indexed)
        continue;
      reading = g_new0 (Reading, 1);
      reading->archive = g_steal_pointer (&archive);
      reading->sidecar = g_steal_pointer (&sidecar);
      reading->stamp = stamp;
      g_ptr_array_add (readers.readings, reading);
    }
  done = done && index_read (self, &readers, error);
  g_ptr_array_unref (readers.readings);
  g_mutex_clear (&readers.lock);
  g_cond_clear (&readers.read);
  return done;
}
