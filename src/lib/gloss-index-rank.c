/* gloss-index-rank.c — how well an article matches a search: BM25, as
 * FTS5's own bm25 () reckons it, with each article's length in words
 * kept in memory
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FTS5's bm25 () asks for the length of every article that matches, and
 * each answer is a lookup in the table of lengths: with a common word,
 * 8,000 of them, more than half of what the search took. The lengths
 * change only when the index does, so the index reads them all once, and
 * again after it changed (its own writes, or another program's).
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <math.h>

#include "gloss-index-private.h"

/* BM25's usual constants, FTS5's too. */
#define K1 1.2
#define B 0.75

/* Lengths kept for rowids below this (16 MiB of them at most). */
#define MAX_KEPT_ROWID (1 << 22)

/* What a search works out once: the average length and, for each phrase
 * of the query, how rare it is. */
typedef struct
{
  double  average;
  int     n_phrases;
  double *idf;
} QueryStats;

static void
query_stats_free (gpointer data)
{
  QueryStats *stats = data;

  g_free (stats->idf);
  g_free (stats);
}

static int
count_row (const Fts5ExtensionApi *api,
           Fts5Context            *fts,
           void                   *user_data)
{
  (*(sqlite3_int64 *) user_data)++;
  return SQLITE_OK;
}

static QueryStats *
query_stats_new (const Fts5ExtensionApi *api,
                 Fts5Context            *fts,
                 int                    *rc)
{
  QueryStats *stats = g_new0 (QueryStats, 1);
  sqlite3_int64 n_rows = 0, n_tokens = 0;

  *rc = api->xRowCount (fts, &n_rows);
  if (*rc == SQLITE_OK)
    *rc = api->xColumnTotalSize (fts, -1, &n_tokens);
  stats->average = n_rows > 0 ? (double) n_tokens / n_rows : 1.0;
  stats->n_phrases = api->xPhraseCount (fts);
  stats->idf = g_new0 (double, MAX (stats->n_phrases, 1));
  for (int i = 0; *rc == SQLITE_OK && i < stats->n_phrases; i++)
    {
      sqlite3_int64 n_hits = 0;
      double idf;

      *rc = api->xQueryPhrase (fts, i, &n_hits, count_row);
      idf = log ((n_rows - n_hits + 0.5) / (n_hits + 0.5));
      /* A word in most articles still counts a little. */
      stats->idf[i] = idf > 0 ? idf : 1e-6;
    }
  return stats;
}

/* The article's length in words: kept, or asked for. */
static double
row_length (GlossIndex             *self,
            const Fts5ExtensionApi *api,
            Fts5Context            *fts)
{
  sqlite3_int64 rowid = api->xRowid (fts);
  int length = 0;

  if (self->lengths != NULL && rowid >= 0 && rowid < (sqlite3_int64) self->lengths->len
      && g_array_index (self->lengths, guint32, rowid) > 0)
    return g_array_index (self->lengths, guint32, rowid);
  api->xColumnSize (fts, -1, &length);
  return length;
}

/* gloss_bm25 (table, weight, weight, …): a column's weight for each
 * column (1 when left out); lower is better, as FTS5 orders rank. */
static void
gloss_bm25 (const Fts5ExtensionApi  *api,
            Fts5Context             *fts,
            sqlite3_context         *context,
            int                      n_values,
            sqlite3_value          **values)
{
  GlossIndex *self = api->xUserData (fts);
  QueryStats *stats = api->xGetAuxdata (fts, 0);
  g_autofree double *frequencies = NULL;
  double length, score = 0;
  int rc = SQLITE_OK, n_hits = 0;

  if (stats == NULL)
    {
      stats = query_stats_new (api, fts, &rc);
      if (rc == SQLITE_OK)
        rc = api->xSetAuxdata (fts, stats, query_stats_free);
      else
        query_stats_free (stats);
      if (rc != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }
    }
  frequencies = g_new0 (double, MAX (stats->n_phrases, 1));
  rc = api->xInstCount (fts, &n_hits);
  for (int i = 0; rc == SQLITE_OK && i < n_hits; i++)
    {
      int phrase, column, offset;

      rc = api->xInst (fts, i, &phrase, &column, &offset);
      if (rc == SQLITE_OK && phrase < stats->n_phrases)
        frequencies[phrase] += column < n_values ? sqlite3_value_double (values[column]) : 1.0;
    }
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }
  length = row_length (self, api, fts);
  for (int i = 0; i < stats->n_phrases; i++)
    score += stats->idf[i] * frequencies[i] * (K1 + 1)
             / (frequencies[i] + K1 * (1 - B + B * length / stats->average));
  sqlite3_result_double (context, -score);
}

/* The fts5_api of @db, NULL when it has none. */
static fts5_api *
fts5_api_of (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *statement = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5 (?1)", -1, &statement, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (statement, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (statement);
  sqlite3_finalize (statement);
  return api;
}

gboolean
_gloss_index_add_rank (GlossIndex *self)
{
  fts5_api *api = fts5_api_of (self->db);

  return api != NULL
         && api->xCreateFunction (api, "gloss_bm25", self, gloss_bm25, NULL) == SQLITE_OK;
}

/* The lengths */

/* The sum of the varints in @blob (SQLite's: seven bits a byte, the
 * first the highest, the ninth byte whole), as FTS5 keeps a row's
 * column lengths. */
static guint32
sum_of_varints (const guchar *blob,
                int           size)
{
  guint64 sum = 0;
  int i = 0;

  while (i < size)
    {
      guint64 value = 0;
      int n = 0;

      while (i < size && n < 8 && (blob[i] & 0x80) != 0)
        value = (value << 7) | (blob[i++] & 0x7f), n++;
      if (i < size)
        value = n < 8 ? (value << 7) | blob[i++] : (value << 8) | blob[i++];
      sum += value;
    }
  return (guint32) MIN (sum, G_MAXUINT32);
}

static gint64
data_version (GlossIndex *self)
{
  sqlite3_stmt *statement = _gloss_index_prepare_kept (self, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (statement == NULL)
    return -1;
  if (sqlite3_step (statement) == SQLITE_ROW)
    version = sqlite3_column_int64 (statement, 0);
  sqlite3_reset (statement);
  return version;
}

/* Reads every article's length again when the index changed since they
 * were read. Without them, gloss_bm25 () asks FTS5 for each. */
void
_gloss_index_read_lengths (GlossIndex *self)
{
  gint64 version = data_version (self);
  gint64 changes = sqlite3_total_changes64 (self->db);
  sqlite3_stmt *statement;

  if (self->lengths != NULL && version == self->lengths_version
      && changes == self->lengths_changes)
    return;
  g_clear_pointer (&self->lengths, g_array_unref);
  if ((statement = _gloss_index_prepare (self, "SELECT id, sz FROM search_docsize", NULL)) == NULL)
    return;
  self->lengths = g_array_new (FALSE, TRUE, sizeof (guint32));
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      sqlite3_int64 rowid = sqlite3_column_int64 (statement, 0);
      guint32 length = sum_of_varints (sqlite3_column_blob (statement, 1),
                                       sqlite3_column_bytes (statement, 1));

      /* Rowids are given in order; one far out is looked up instead. */
      if (rowid < 0 || rowid >= MAX_KEPT_ROWID)
        continue;
      if (rowid >= (sqlite3_int64) self->lengths->len)
        g_array_set_size (self->lengths, MAX (rowid + 1, self->lengths->len * 2));
      g_array_index (self->lengths, guint32, rowid) = length;
    }
  sqlite3_finalize (statement);
  self->lengths_version = version;
  self->lengths_changes = changes;
}
