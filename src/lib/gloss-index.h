/* gloss-index.h — the library's index, <library>/.gloss/index.db
 *
 * An SQLite cache (WAL, FTS5) of what the list and search need from every
 * article: title, byline, site, the article's text, its highlights' quotes,
 * notes, page note and tags, and the columns the list shows. The files are
 * the truth: the index is made when missing, made again when its version is
 * old or the file is corrupt, and brought up to date from each file's size
 * and modification time, so changes made by other programs (a sync tool, a
 * second Gloss) are picked up at the next update. Several processes may use
 * it at once; every update is one transaction.
 *
 * Blocking: call it off the main thread.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "gloss-export.h"

G_BEGIN_DECLS

#define GLOSS_INDEX_ERROR (gloss_index_error_quark ())
GQuark gloss_index_error_quark (void);

typedef enum
{
  GLOSS_INDEX_ERROR_QUERY,    /* a search that can not be understood */
  GLOSS_INDEX_ERROR_DATABASE, /* the index file can not be used */
} GlossIndexError;

/* Around the match in a snippet. */
#define GLOSS_INDEX_MATCH_START "\x02"
#define GLOSS_INDEX_MATCH_END   "\x03"

typedef struct
{
  char   *id;
  char   *title;
  char   *byline;
  char   *site;
  char   *source;
  char   *saved;         /* as in the archive (ISO 8601), or NULL */
  char   *published;     /* or NULL */
  char  **tags;          /* NULL-terminated, never NULL */
  guint   n_highlights;
  guint   n_notes;       /* highlights with a note, and the page note */
  double  progress;      /* how far it was read, 0–1; < 0 when never opened */
  char   *snippet;       /* search only: words around the match, which is
                          * between GLOSS_INDEX_MATCH_START and _END */
} GlossIndexEntry;

typedef enum
{
  GLOSS_INDEX_SORT_SAVED,      /* newest first */
  GLOSS_INDEX_SORT_PUBLISHED,  /* newest first, undated last */
  GLOSS_INDEX_SORT_TITLE,
} GlossIndexSort;

typedef struct _GlossIndex GlossIndex;

/* Opens the index of the library in @library_dir (which must exist),
 * making it when it is missing, old or corrupt. It is not brought up to
 * date: see gloss_index_update(). */
GlossIndex *gloss_index_open       (const char       *library_dir,
                                    GError          **error);
void        gloss_index_close      (GlossIndex       *self);
/* Reads what changed in the folder since the last update: new or changed
 * archives and sidecars, and drops the articles whose archive is gone.
 * @n_changed (may be NULL) is how many articles were added, read again or
 * dropped. An index found corrupt is made again from the files. */
gboolean    gloss_index_update     (GlossIndex       *self,
                                    guint            *n_changed,
                                    GError          **error);
/* The same for the articles @ids only (NULL-terminated), as a folder
 * monitor names them: new, changed or gone. It looks at their files and
 * no other, so it costs what they cost, not what the library does. */
gboolean    gloss_index_update_articles (GlossIndex          *self,
                                         const char * const  *ids,
                                         guint               *n_changed,
                                         GError             **error);
/* Merges what updates wrote to the full-text tables in pieces, which
 * makes searches quicker: @rounds of a few milliseconds' work each, fewer
 * when all is merged. Every update that changed something does one round
 * once it is done (and merges all after reading most of a library); a
 * program with time to spare, in a thread, can do more. */
gboolean    gloss_index_tidy       (GlossIndex       *self,
                                    guint             rounds,
                                    GError          **error);
/* The rounds for a program with time to spare (the window, after an
 * update): a tenth of a second at most. */
#define GLOSS_INDEX_TIDY_SPARE 32
/* Forgets everything and reads every file again. */
gboolean    gloss_index_rebuild    (GlossIndex       *self,
                                    GError          **error);

/* Articles matching @query, best first, at most @limit (0: no limit).
 * Words match whole words and their accented or unaccented forms, and
 * also as parts of longer words (compounds, Chinese and Japanese text);
 * "a phrase", prefix*, AND, OR and NOT work. Filters, alone or with
 * words: tag:TAG, site:SITE, has:notes, has:highlights, color:COLOR,
 * before:DATE, after:DATE (YYYY-MM-DD, on the date saved). A title or a
 * note that matches counts more than the text. GLOSS_INDEX_ERROR_QUERY
 * says what is wrong with a query that can not be understood.
 * Returns GlossIndexEntry*. */
GPtrArray  *gloss_index_search     (GlossIndex       *self,
                                    const char       *query,
                                    guint             limit,
                                    GError          **error);
/* Every article (with @tag, unless NULL), in @sort order. */
GPtrArray  *gloss_index_list       (GlossIndex       *self,
                                    GlossIndexSort    sort,
                                    const char       *tag,
                                    GError          **error);

/* One highlight of the notebook: every highlight of the library, in the
 * shape the notebook's Markdown export takes. */
typedef GlossExportHighlight GlossIndexHighlight;

/* Every highlight (in @color and of an article with @tag, unless NULL;
 * whose quote or note matches @query, unless NULL or empty: words,
 * "phrases", prefix*, AND, OR, NOT), newest first. */
GPtrArray  *gloss_index_highlights (GlossIndex       *self,
                                    const char       *query,
                                    const char       *color,
                                    const char       *tag,
                                    GError          **error);

/* The small picture the library list shows for article @id, as the window
 * stored it (the index does not look inside): NULL, and no error, when none
 * is stored since the archive was last read; empty when the article has
 * none. */
GBytes     *gloss_index_get_thumbnail (GlossIndex    *self,
                                       const char    *id,
                                       GError       **error);
/* Stores it; nothing is stored for an article not in the index. */
gboolean    gloss_index_set_thumbnail (GlossIndex    *self,
                                       const char    *id,
                                       GBytes        *image,
                                       GError       **error);

void        gloss_index_entry_free (GlossIndexEntry  *entry);
void        gloss_index_highlight_free (GlossIndexHighlight *highlight);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossIndex, gloss_index_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossIndexEntry, gloss_index_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossIndexHighlight, gloss_index_highlight_free)

G_END_DECLS
