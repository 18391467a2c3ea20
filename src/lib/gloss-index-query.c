/* gloss-index-query.c — searching and listing the library's index
 *
 * A query is read into words for FTS5 (each one quoted, so that nothing a
 * person types is taken for FTS5's own syntax) and filters, which become
 * conditions on the articles table.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "gloss-annotation.h"
#include "gloss-index-private.h"

#define COLUMNS \
  "a.id, a.title, a.byline, a.site, a.source, a.saved, a.published, a.tags," \
  " a.n_highlights, a.n_notes, a.progress"

/* Title, byline, site, body, quotes, notes, tags: a title or a note that
 * matches counts more than the text. */
#define WEIGHTS "10.0, 3.0, 3.0, 1.0, 4.0, 8.0, 6.0"

/* a.tags (one a line) holds the tag ?, whatever its case. */
#define HAS_TAG \
  "instr (char (10) || lower (a.tags) || char (10), char (10) || lower (?) || char (10)) > 0"

typedef struct
{
  GString   *words;      /* for FTS5 MATCH; empty when there are none */
  GPtrArray *parts;      /* char*: each word quoted for the trigram tables, or
                          * NULL when they can not say the same (OR, NOT,
                          * short words) */
  GString   *where;      /* " AND …" conditions on a. */
  GPtrArray *values;     /* char*, bound in order to the conditions' ?s */
  GPtrArray *short_wide; /* char*: words of one or two Chinese or Japanese
                          * characters, which only a scan finds inside longer
                          * runs; NULL when the query can not say it (OR, NOT) */
  guint      n_words;
  gboolean   operator_last;
} Query;

static void
query_init (Query *query)
{
  query->words = g_string_new (NULL);
  query->parts = g_ptr_array_new_with_free_func (g_free);
  query->where = g_string_new (NULL);
  query->values = g_ptr_array_new_with_free_func (g_free);
  query->short_wide = g_ptr_array_new_with_free_func (g_free);
  query->n_words = 0;
  query->operator_last = FALSE;
}

/* The trigram tables can not say the same as the words. */
static void
drop_parts (Query *query)
{
  g_clear_pointer (&query->parts, g_ptr_array_unref);
}

static void
query_clear (Query *query)
{
  g_string_free (query->words, TRUE);
  drop_parts (query);
  g_string_free (query->where, TRUE);
  g_ptr_array_unref (query->values);
  g_clear_pointer (&query->short_wide, g_ptr_array_unref);
}

static gboolean
query_error (GError     **error,
             const char  *query,
             const char  *reason)
{
  g_set_error (error, GLOSS_INDEX_ERROR, GLOSS_INDEX_ERROR_QUERY,
               _("Could not search for “%s”: %s"), query, reason);
  return FALSE;
}

/* "word" for FTS5, with its quotes doubled. */
static char *
quoted (const char *word,
        gsize       length)
{
  g_autofree char *text = g_strndup (word, length);
  g_auto(GStrv) pieces = g_strsplit (text, "\"", -1);
  g_autofree char *doubled = g_strjoinv ("\"\"", pieces);

  return g_strdup_printf ("\"%s\"", doubled);
}

static void
append_quoted (GString    *out,
               const char *word,
               gsize       length)
{
  g_autofree char *text = quoted (word, length);

  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, text);
}

static void
add_condition (Query      *query,
               const char *condition,
               const char *value)
{
  g_string_append_printf (query->where, " AND %s", condition);
  g_ptr_array_add (query->values, g_strdup (value));
}

static gboolean
parse_date (const char *text,
            int         add_days,
            char      **iso)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) moved = NULL;
  int year, month, day;
  char end;

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3)
    return FALSE;
  date = g_date_time_new_utc (year, month, day, 0, 0, 0);
  if (date == NULL)
    return FALSE;
  moved = g_date_time_add_days (date, add_days);
  *iso = g_date_time_format (moved, "%Y-%m-%d");
  return TRUE;
}

static gboolean
add_date_filter (Query       *query,
                 const char  *key,
                 const char  *value,
                 const char  *text,
                 GError     **error)
{
  gboolean after = g_str_equal (key, "after");
  g_autofree char *iso = NULL;

  /* after:D is from the day after D on; before:D up to the day before. */
  if (!parse_date (value, after ? 1 : 0, &iso))
    return query_error (error, text, _("a date is written YYYY-MM-DD, as in before:2024-03-01"));
  add_condition (query, after ? "a.saved >= ?" : "a.saved < ?", iso);
  return TRUE;
}

/* key:value; FALSE with @error for a known key with a wrong value, FALSE
 * without one when @key is not a filter (the whole is then a word). */
static gboolean
add_filter (Query       *query,
            const char  *key,
            const char  *value,
            const char  *text,
            gboolean    *is_filter,
            GError     **error)
{
  *is_filter = TRUE;
  if (g_str_equal (key, "tag"))
    add_condition (query, HAS_TAG, value);
  else if (g_str_equal (key, "site"))
    add_condition (query, "(instr (lower (coalesce (a.source, '') || ' ' || coalesce (a.site, '')),"
                          " lower (?)) > 0)", value);
  else if (g_str_equal (key, "has") && g_str_equal (value, "notes"))
    g_string_append (query->where, " AND a.n_notes > 0");
  else if (g_str_equal (key, "has") && g_str_equal (value, "highlights"))
    g_string_append (query->where, " AND a.n_highlights > 0");
  else if (g_str_equal (key, "has"))
    return query_error (error, text, _("has: is followed by notes or highlights"));
  else if (g_str_equal (key, "color") && gloss_annotation_is_color (value))
    {
      g_autofree char *padded = g_strconcat (" ", value, " ", NULL);

      add_condition (query, "instr (a.colors, ?) > 0", padded);
    }
  else if (g_str_equal (key, "color"))
    return query_error (error, text, _("color: is followed by yellow, green, blue, pink or purple"));
  else if (g_str_equal (key, "before") || g_str_equal (key, "after"))
    return add_date_filter (query, key, value, text, error);
  else
    *is_filter = FALSE;
  return TRUE;
}

static gboolean
is_operator (const char *token,
             gsize       length)
{
  return (length == 3 && (strncmp (token, "AND", 3) == 0 || strncmp (token, "NOT", 3) == 0))
         || (length == 2 && strncmp (token, "OR", 2) == 0);
}

static void
add_operator (Query      *query,
              const char *token,
              gsize       length)
{
  g_string_append_printf (query->words, " %.*s", (int) length, token);
  /* The trigram tables can only say "all of these words". */
  if (strncmp (token, "AND", 3) != 0)
    {
      drop_parts (query);
      g_clear_pointer (&query->short_wide, g_ptr_array_unref);
    }
  query->operator_last = TRUE;
}

/* Whether @word has a Chinese or Japanese character (in which text has no
 * spaces between words). */
static gboolean
is_wide (const char *word,
         gsize       length)
{
  for (const char *p = word; p < word + length; p = g_utf8_next_char (p))
    if (g_unichar_iswide (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
add_word (Query      *query,
          const char *word,
          gsize       length,
          gboolean    prefix)
{
  append_quoted (query->words, word, length);
  if (prefix)
    g_string_append_c (query->words, '*');
  query->operator_last = FALSE;
  query->n_words++;
  /* The trigram tokenizer finds nothing shorter than three characters. */
  if (g_utf8_strlen (word, length) < 3)
    {
      drop_parts (query);
      if (query->short_wide != NULL && is_wide (word, length))
        g_ptr_array_add (query->short_wide, g_strndup (word, length));
    }
  else if (query->parts != NULL)
    g_ptr_array_add (query->parts, quoted (word, length));
}

static gboolean
add_token (Query       *query,
           const char  *token,
           gsize        length,
           const char  *text,
           GError     **error)
{
  g_autofree char *whole = g_strndup (token, length);
  const char *colon = strchr (whole, ':');
  gboolean is_filter = FALSE;

  if (is_operator (token, length))
    {
      if (query->words->len == 0 || query->operator_last)
        return query_error (error, text, _("AND, OR and NOT go between words"));
      add_operator (query, token, length);
      return TRUE;
    }
  if (colon != NULL && colon != whole && colon[1] != '\0')
    {
      g_autofree char *key = g_ascii_strdown (whole, colon - whole);

      if (!add_filter (query, key, colon + 1, text, &is_filter, error))
        return FALSE;
      if (is_filter)
        return TRUE;
    }
  if (length > 1 && token[length - 1] == '*')
    add_word (query, token, length - 1, TRUE);
  else
    add_word (query, token, length, FALSE);
  return TRUE;
}

/* Reads @text into @query. */
static gboolean
parse_query (Query       *query,
             const char  *text,
             GError     **error)
{
  const char *p = text;

  query_init (query);
  while (*p != '\0')
    {
      const char *end;

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      if (*p == '"')
        {
          if ((end = strchr (p + 1, '"')) == NULL)
            return query_error (error, text, _("a quotation mark opens a phrase that does not end"));
          if (end > p + 1)
            add_word (query, p + 1, end - p - 1, FALSE);
          p = end + 1;
          continue;
        }
      for (end = p; *end != '\0' && !g_ascii_isspace (*end) && *end != '"'; end++)
        ;
      if (!add_token (query, p, end - p, text, error))
        return FALSE;
      p = end;
    }
  if (query->operator_last)
    return query_error (error, text, _("AND, OR and NOT go between words"));
  return TRUE;
}

/* Results */

static char **
split_tags (const char *tags)
{
  if (tags == NULL || *tags == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (tags, "\n", -1);
}

/* One row of COLUMNS, and the snippet after them when there is one. */
static GlossIndexEntry *
read_entry (sqlite3_stmt *statement)
{
  GlossIndexEntry *entry = g_new0 (GlossIndexEntry, 1);

  entry->id = _gloss_index_column_text (statement, 0);
  entry->title = _gloss_index_column_text (statement, 1);
  entry->byline = _gloss_index_column_text (statement, 2);
  entry->site = _gloss_index_column_text (statement, 3);
  entry->source = _gloss_index_column_text (statement, 4);
  entry->saved = _gloss_index_column_text (statement, 5);
  entry->published = _gloss_index_column_text (statement, 6);
  entry->tags = split_tags ((const char *) sqlite3_column_text (statement, 7));
  entry->n_highlights = sqlite3_column_int (statement, 8);
  entry->n_notes = sqlite3_column_int (statement, 9);
  entry->progress = sqlite3_column_double (statement, 10);
  if (sqlite3_column_count (statement) > 11)
    entry->snippet = _gloss_index_column_text (statement, 11);
  return entry;
}

/* Binds @match (when not NULL) to ?1 and the filters' values after it. */
static void
bind_query (sqlite3_stmt *statement,
            const Query  *query,
            const char   *match)
{
  int first = 1;

  if (match != NULL)
    sqlite3_bind_text (statement, first++, match, -1, SQLITE_STATIC);
  for (guint i = 0; i < query->values->len; i++)
    sqlite3_bind_text (statement, first + i, query->values->pdata[i], -1, SQLITE_STATIC);
}

typedef gpointer (*ReadRow) (sqlite3_stmt *statement);

/* Adds what @read makes of each row of @sql to @out, up to @limit (0: no
 * limit), leaving out the rows whose first column is in @seen (when not
 * NULL) and adding it there. */
static gboolean
run_query (GlossIndex   *self,
           const char   *sql,
           const Query  *query,
           const char   *match,
           ReadRow       read,
           guint         limit,
           GHashTable   *seen,
           GPtrArray    *out,
           GError      **error)
{
  sqlite3_stmt *statement = _gloss_index_prepare (self, sql, error);
  int step = SQLITE_DONE;

  if (statement == NULL)
    return FALSE;
  bind_query (statement, query, match);
  while ((limit == 0 || out->len < limit) && (step = sqlite3_step (statement)) == SQLITE_ROW)
    if (seen == NULL || g_hash_table_add (seen, g_strdup ((const char *) sqlite3_column_text (statement, 0))))
      g_ptr_array_add (out, read (statement));
  sqlite3_finalize (statement);
  if (step != SQLITE_DONE && step != SQLITE_ROW)
    {
      _gloss_index_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
collect (GlossIndex   *self,
         const char   *sql,
         const Query  *query,
         const char   *match,
         guint         limit,
         GHashTable   *seen,
         GPtrArray    *entries,
         GError      **error)
{
  return run_query (self, sql, query, match, (ReadRow) read_entry, limit, seen, entries, error);
}

/* The best @limit matches are found first, by rank alone (gloss_bm25 ():
 * FTS5's bm25 () with the lengths the index keeps); the snippets, which
 * cost far more, are made for those only. "rank + 0.0": SQLite keeps the
 * best @limit as they come; ORDER BY rank itself has FTS5 sort every
 * match in a table of its own first, a third of the time a common word
 * took. */
static char *
ranked_sql (const Query *query,
            guint        limit)
{
  const char *join = query->where->len > 0 ? " JOIN articles a ON a.rowid = search.rowid" : "";

  return g_strdup_printf (
    "WITH top AS (SELECT search.rowid AS id, rank FROM search%s"
    "  WHERE search MATCH ?1 AND rank MATCH 'gloss_bm25 (" WEIGHTS ")'%s"
    "  ORDER BY rank + 0.0 LIMIT %d)"
    " SELECT " COLUMNS ", snippet (search, -1, '" GLOSS_INDEX_MATCH_START "', '"
    GLOSS_INDEX_MATCH_END "', '…', 12)"
    " FROM top JOIN search ON search.rowid = top.id JOIN articles a ON a.rowid = top.id"
    " WHERE search MATCH ?1 ORDER BY top.rank",
    join, query->where->str, limit == 0 ? -1 : (int) limit);
}

static gboolean
search_words (GlossIndex   *self,
              const Query  *query,
              guint         limit,
              GHashTable   *seen,
              GPtrArray    *entries,
              GError      **error)
{
  g_autofree char *sql = ranked_sql (query, limit);

  _gloss_index_read_lengths (self);
  return collect (self, sql, query, query->words->str, limit, seen, entries, error);
}

/* Matches inside longer words, after the whole words' matches (as many
 * more as could be new): each word in the archive's trigrams or in the
 * sidecar's, which weigh twice as much, and the best found first. The
 * snippets, which cost far more, are made for those only, from the
 * archive's text or else the notes; their tokens are three characters
 * each, so they take the most FTS5 allows (64), a line's worth. */
static gboolean
search_parts (GlossIndex   *self,
              const Query  *query,
              guint         limit,
              GHashTable   *seen,
              GPtrArray    *entries,
              GError      **error)
{
  g_autoptr(GString) sql = g_string_new ("WITH hits (id, word, rank) AS (");
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) any = g_string_new (NULL);
  Query scan = *query;

  if (query->parts == NULL || query->parts->len == 0 || (limit != 0 && entries->len >= limit))
    return TRUE;
  for (guint i = 0; i < query->parts->len; i++)
    {
      g_string_append_printf (sql, "%1$sSELECT rowid, %2$u, rank FROM search_parts"
                                   " WHERE search_parts MATCH ?"
                                   " UNION ALL SELECT rowid, %2$u, rank * 2.0 FROM note_parts"
                                   " WHERE note_parts MATCH ?",
                              i > 0 ? " UNION ALL " : "", i);
      g_ptr_array_add (values, g_strdup (query->parts->pdata[i]));
      g_ptr_array_add (values, g_strdup (query->parts->pdata[i]));
      g_string_append_printf (any, "%s%s", i > 0 ? " OR " : "", (char *) query->parts->pdata[i]);
    }
  g_string_append_printf (sql, "), top AS (SELECT id, sum (rank) AS rank FROM hits GROUP BY id"
                               "  HAVING count (DISTINCT word) = %u),"
                               " best AS (SELECT top.id, top.rank FROM top"
                               "  JOIN articles a ON a.rowid = top.id WHERE 1%s"
                               "  ORDER BY top.rank LIMIT %d)"
                               " SELECT " COLUMNS ", coalesce ("
                               "  (SELECT snippet (search_parts, 0, '" GLOSS_INDEX_MATCH_START "', '"
                               GLOSS_INDEX_MATCH_END "', '…', 64) FROM search_parts"
                               "   WHERE search_parts MATCH ? AND rowid = best.id),"
                               "  (SELECT snippet (note_parts, 0, '" GLOSS_INDEX_MATCH_START "', '"
                               GLOSS_INDEX_MATCH_END "', '…', 64) FROM note_parts"
                               "   WHERE note_parts MATCH ? AND rowid = best.id))"
                               " FROM best JOIN articles a ON a.rowid = best.id ORDER BY best.rank",
                          query->parts->len, query->where->str, limit == 0 ? -1 : (int) limit);
  for (guint i = 0; i < query->values->len; i++)
    g_ptr_array_add (values, g_strdup (query->values->pdata[i]));
  g_ptr_array_add (values, g_strdup (any->str));
  g_ptr_array_add (values, g_strdup (any->str));
  scan.values = values;
  return collect (self, sql->str, &scan, NULL, limit, seen, entries, error);
}

/* Words of one or two wide characters inside longer runs: a scan of the
 * text, last, for what the two tables did not find. */
static gboolean
search_short_wide (GlossIndex   *self,
                   const Query  *query,
                   guint         limit,
                   GHashTable   *seen,
                   GPtrArray    *entries,
                   GError      **error)
{
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sql = NULL;
  Query scan = *query;

  /* Only when every word is such a one: the scan can not say the others. */
  if (query->short_wide == NULL || query->short_wide->len == 0
      || query->short_wide->len != query->n_words || (limit != 0 && entries->len >= limit))
    return TRUE;
  for (guint i = 0; i < query->short_wide->len; i++)
    {
      /* (Not LIKE: the trigram table answers a LIKE of fewer than three
       * characters with nothing.) */
      g_string_append (where, " AND instr (p.text || char (10) || coalesce (n.text, ''), ?) > 0");
      g_ptr_array_add (values, g_strdup (query->short_wide->pdata[i]));
    }
  g_string_append (where, query->where->str);
  for (guint i = 0; i < query->values->len; i++)
    g_ptr_array_add (values, g_strdup (query->values->pdata[i]));
  scan.where = where;
  scan.values = values;
  sql = g_strdup_printf ("SELECT " COLUMNS " FROM search_parts p JOIN articles a ON a.rowid = p.rowid"
                         " LEFT JOIN note_parts n ON n.rowid = p.rowid"
                         " WHERE 1%s ORDER BY a.saved DESC", where->str);
  return collect (self, sql, &scan, NULL, limit, seen, entries, error);
}

/* The articles @query's filters let through, in @order (NULL: as they
 * come): one query, each article once, so nothing to keep out as seen. */
static gboolean
search_filters_only (GlossIndex   *self,
                     const Query  *query,
                     const char   *order,
                     guint         limit,
                     GPtrArray    *entries,
                     GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT " COLUMNS " FROM articles a WHERE 1%s%s%s",
                                          query->where->str, order ? " ORDER BY " : "",
                                          order ? order : "");

  return collect (self, sql, query, NULL, limit, NULL, entries, error);
}

GPtrArray *
gloss_index_search (GlossIndex  *self,
                    const char  *text,
                    guint        limit,
                    GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_index_entry_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Query query;
  gboolean done;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!parse_query (&query, text, error))
    {
      query_clear (&query);
      return NULL;
    }
  if (query.words->len == 0)
    done = search_filters_only (self, &query, "a.saved DESC", limit, entries, error);
  else
    done = search_words (self, &query, limit, seen, entries, error)
           && search_parts (self, &query, limit, seen, entries, error)
           && search_short_wide (self, &query, limit, seen, entries, error);
  query_clear (&query);
  return done ? g_steal_pointer (&entries) : NULL;
}

/* Newest first, undated last, as "date DESC" sorts in SQL. */
static int
compare_dates (const char *a,
               const char *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return strcmp (b, a);
}

static int
compare_saved (gconstpointer a,
               gconstpointer b)
{
  const GlossIndexEntry *x = *(GlossIndexEntry * const *) a, *y = *(GlossIndexEntry * const *) b;

  return compare_dates (x->saved, y->saved);
}

static int
compare_published (gconstpointer a,
                   gconstpointer b)
{
  const GlossIndexEntry *x = *(GlossIndexEntry * const *) a, *y = *(GlossIndexEntry * const *) b;

  return compare_dates (x->published, y->published);
}

/* As "title COLLATE NOCASE" in SQL: ASCII letters folded, untitled first. */
static int
compare_titles (gconstpointer a,
                gconstpointer b)
{
  const GlossIndexEntry *x = *(GlossIndexEntry * const *) a, *y = *(GlossIndexEntry * const *) b;

  if (x->title == NULL || y->title == NULL)
    return (y->title == NULL) - (x->title == NULL);
  return g_ascii_strcasecmp (x->title, y->title);
}

/* Sorted here rather than by SQLite, whose sorter copies each row whole
 * before it sorts: with every article, that was half of the list's time. */
GPtrArray *
gloss_index_list (GlossIndex      *self,
                  GlossIndexSort   sort,
                  const char      *tag,
                  GError         **error)
{
  static const GCompareFunc orders[] = {
    [GLOSS_INDEX_SORT_SAVED] = compare_saved,
    [GLOSS_INDEX_SORT_PUBLISHED] = compare_published,
    [GLOSS_INDEX_SORT_TITLE] = compare_titles,
  };
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_index_entry_free);
  Query query;
  gboolean done;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (sort <= GLOSS_INDEX_SORT_TITLE, NULL);

  query_init (&query);
  if (tag != NULL)
    add_condition (&query, HAS_TAG, tag);
  done = search_filters_only (self, &query, NULL, 0, entries, error);
  query_clear (&query);
  if (!done)
    return NULL;
  /* Stable: articles that tie stay in the order they were indexed. */
  g_ptr_array_sort (entries, orders[sort]);
  return g_steal_pointer (&entries);
}

/* The notebook */

static GlossIndexHighlight *
read_highlight (sqlite3_stmt *statement)
{
  GlossIndexHighlight *highlight = g_new0 (GlossIndexHighlight, 1);

  highlight->article = _gloss_index_column_text (statement, 0);
  highlight->title = _gloss_index_column_text (statement, 1);
  highlight->id = _gloss_index_column_text (statement, 2);
  highlight->color = _gloss_index_column_text (statement, 3);
  highlight->quote = _gloss_index_column_text (statement, 4);
  highlight->note = _gloss_index_column_text (statement, 5);
  highlight->created = _gloss_index_column_text (statement, 6);
  return highlight;
}

/* The words of @text only: filters are not for the notebook. */
static gboolean
parse_words (Query       *query,
             const char  *text,
             GError     **error)
{
  if (!parse_query (query, text, error))
    return FALSE;
  if (query->values->len > 0 || query->where->len > 0)
    return query_error (error, text, _("the notebook is searched with words; "
                                       "colour and tag are chosen apart"));
  return TRUE;
}

GPtrArray *
gloss_index_highlights (GlossIndex  *self,
                        const char  *text,
                        const char  *color,
                        const char  *tag,
                        GError     **error)
{
  g_autoptr(GPtrArray) highlights =
    g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_index_highlight_free);
  g_autofree char *sql = NULL;
  gboolean words, done;
  Query query;

  g_return_val_if_fail (self != NULL, NULL);

  if (!parse_words (&query, text != NULL ? text : "", error))
    {
      query_clear (&query);
      return NULL;
    }
  words = query.words->len > 0;
  if (color != NULL)
    add_condition (&query, "h.color = ?", color);
  if (tag != NULL)
    add_condition (&query, HAS_TAG, tag);
  sql = g_strdup_printf ("SELECT a.id, a.title, h.id, h.color, h.quote, h.note, h.created"
                         " FROM highlights h JOIN articles a ON a.rowid = h.article%s"
                         " WHERE %s%s ORDER BY h.created DESC",
                         words ? " JOIN highlight_search s ON s.rowid = h.rowid" : "",
                         words ? "highlight_search MATCH ?1" : "1", query.where->str);
  done = run_query (self, sql, &query, words ? query.words->str : NULL, (ReadRow) read_highlight,
                    0, NULL, highlights, error);
  query_clear (&query);
  return done ? g_steal_pointer (&highlights) : NULL;
}

void
gloss_index_entry_free (GlossIndexEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->title);
  g_free (entry->byline);
  g_free (entry->site);
  g_free (entry->source);
  g_free (entry->saved);
  g_free (entry->published);
  g_strfreev (entry->tags);
  g_free (entry->snippet);
  g_free (entry);
}

void
gloss_index_highlight_free (GlossIndexHighlight *highlight)
{
  if (highlight == NULL)
    return;
  g_free (highlight->article);
  g_free (highlight->title);
  g_free (highlight->id);
  g_free (highlight->color);
  g_free (highlight->quote);
  g_free (highlight->note);
  g_free (highlight->created);
  g_free (highlight);
}
