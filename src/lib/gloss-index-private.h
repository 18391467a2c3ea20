/* gloss-index-private.h — what the index's two halves share: the open
 * database (gloss-index.c makes and updates it, gloss-index-query.c
 * searches it)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "gloss-index.h"
#include "gloss-library.h"

G_BEGIN_DECLS

struct _GlossIndex
{
  char       *dir;         /* the library */
  char       *path;        /* <dir>/.gloss/index.db */
  sqlite3    *db;
  GHashTable *statements;  /* SQL → sqlite3_stmt*, kept while db is open */
  GArray     *lengths;     /* guint32 by rowid: each article's length in words
                            * (0: not known), for gloss_bm25 (); NULL */
  gint64      lengths_version, lengths_changes;  /* when they were read */
  gint64      written_since;  /* when the update's write transaction began */
  gint64      batch_usec;     /* how long an update writes before it lets others */
};

/* Sets @error from the database's last error, naming the index file. */
void     _gloss_index_set_error (GlossIndex  *self,
                                 GError     **error);
/* Prepares @sql; NULL and @error set when it can not be. */
sqlite3_stmt *_gloss_index_prepare (GlossIndex  *self,
                                    const char  *sql,
                                    GError     **error);
/* The same, prepared once and kept for the next calls with @sql (a string
 * constant); reset it when done, never finalize it. */
sqlite3_stmt *_gloss_index_prepare_kept (GlossIndex  *self,
                                         const char  *sql,
                                         GError     **error);

/* A copy of the text in @column of the row @statement is on (NULL for NULL). */
char         *_gloss_index_column_text (sqlite3_stmt  *statement,
                                        int            column);
/* Runs a kept statement once, and makes it ready for the next. */
gboolean      _gloss_index_step_done (GlossIndex    *self,
                                      sqlite3_stmt  *statement,
                                      GError       **error);

/* Adds gloss_bm25 (search, weight, …) to the database: FTS5's bm25 (),
 * with the lengths _gloss_index_read_lengths () keeps. */
gboolean      _gloss_index_add_rank     (GlossIndex  *self);
void          _gloss_index_read_lengths (GlossIndex  *self);

/* What an article's files were when it was read */
typedef struct
{
  gint64   archive_size, archive_mtime;
  gint64   sidecar_size, sidecar_mtime;
  gboolean same_archive;  /* in the folder: the archive is as it was indexed */
} Stamp;

/* id → Stamp* of every archive in the folder, from one pass over it. */
GHashTable *_gloss_index_folder_stamps (GlossIndex          *self,
                                        GError             **error);
/* id → Stamp* of the articles @ids whose archive is in the folder. */
GHashTable *_gloss_index_named_stamps  (GlossIndex          *self,
                                        const char * const  *ids,
                                        GError             **error);
/* Leaves in @folder (id → Stamp*) the articles that are new or changed
 * since they were indexed (their same_archive set); returns the ids
 * indexed that are gone from it: of every article, or of @ids only. */
GPtrArray  *_gloss_index_compare_all   (GlossIndex          *self,
                                        GHashTable          *folder,
                                        GError             **error);
GPtrArray  *_gloss_index_compare_named (GlossIndex          *self,
                                        GHashTable          *folder,
                                        const char * const  *ids,
                                        GError             **error);

/* Brings the rows of the articles of @changed (id → Stamp*, as the folder
 * holds them) up to date: the sidecar's part only when the archive is as
 * it was indexed. An archive that can not be read is left out (and tried
 * again at the next update). */
gboolean    _gloss_index_articles      (GlossIndex          *self,
                                        GlossLibrary        *library,
                                        GHashTable          *changed,
                                        GError             **error);
/* In a long update, every so often: commits what was written, leaves the
 * index to other writers for a moment (the window saving a picture, a
 * second window, `gloss tag`), and goes on in a new transaction. */
gboolean    _gloss_index_let_others_write (GlossIndex          *self,
                                           GError             **error);
/* For the tests: how long an update writes at a time (0: the default). */
void        _gloss_index_set_batch_time   (GlossIndex          *self,
                                           guint                ms);

/* Drops every row of the article @id; nothing when it is not indexed. */
gboolean    _gloss_index_drop_article  (GlossIndex          *self,
                                        const char          *id,
                                        GError             **error);

/* TRUE when no file of the folder came, went or was replaced since every
 * one was last looked at: the folder's time is the same (set in @time,
 * to remember after looking at them all). A file written over in place
 * changes no folder's time: the folder monitor, the next change in the
 * folder or `gloss reindex` see it. */
gboolean    _gloss_index_folder_unchanged (GlossIndex  *self,
                                           gint64      *time);
gboolean    _gloss_index_remember_folder  (GlossIndex  *self,
                                           gint64       time,
                                           GError     **error);

G_END_DECLS
