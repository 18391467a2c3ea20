/* gloss-anchor.h — the text model and anchoring, shared with src/web/
 *
 * The text of an archive is the concatenation, in document order, of every
 * text node under <body>, except inside script, style, noscript and template.
 * Positions count Unicode code points. The same rules, and the same test
 * vectors (tests/data/anchoring.json), hold for the JavaScript highlighter.
 */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

#include "gloss-types.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_ANCHOR_ORPHAN,    /* found nowhere */
  GLOSS_ANCHOR_POSITION,  /* the stored position still holds exact */
  GLOSS_ANCHOR_QUOTE,     /* exact (with its context), nearest the old position */
  GLOSS_ANCHOR_FUZZY,     /* a close match of exact, bounded edit distance */
} GlossAnchorMethod;

const char *gloss_anchor_method_to_string (GlossAnchorMethod method);

/* The text model of a parsed archive, as UTF-8. */
char *gloss_anchor_document_text (xmlDoc *doc);

/* Finds where a highlight lies in @text (UTF-8) from its selectors; @start and
 * @end may be -1 (no position stored), @prefix and @suffix NULL or "".
 * On success sets *@out_start and *@out_end (code points, end exclusive). */
GlossAnchorMethod gloss_anchor_find (const char *text,
                                     const char *exact,
                                     const char *prefix,
                                     const char *suffix,
                                     gint64      start,
                                     gint64      end,
                                     gint64     *out_start,
                                     gint64     *out_end);

/* The selectors for the range [@start, @end) of @text: exact, and up to
 * GLOSS_ANNOTATION_CONTEXT_LENGTH code points of prefix and suffix. */
void gloss_anchor_describe (const char *text,
                            gint64      start,
                            gint64      end,
                            char      **exact,
                            char      **prefix,
                            char      **suffix);

/* Finds @quote as a user types it: runs of white space in @quote match any
 * run of white space in @text. Returns the number of places it occurs; when
 * it is exactly one, sets the range of the first. */
guint gloss_anchor_find_quote (const char *text,
                               const char *quote,
                               gint64     *out_start,
                               gint64     *out_end);

/* A new highlight (gloss-annotation.h) of @quote in @text: where it occurs
 * once, with white space read as gloss_anchor_find_quote () does; else
 * where @prefix and @suffix (may be NULL) tell, or a close match. Found
 * nowhere, it is orphaned and keeps @quote. *@method (may be NULL) says how
 * it was found. */
GlossAnnotation *gloss_anchor_new_annotation (const char        *text,
                                              const char        *quote,
                                              const char        *prefix,
                                              const char        *suffix,
                                              GlossAnchorMethod *method);

G_END_DECLS
