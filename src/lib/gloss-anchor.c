/* gloss-anchor.c — the text model and anchoring, shared with src/web/
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything works on arrays of code points, so that positions are the ones
 * the JavaScript highlighter computes. tests/data/anchoring.json pins down
 * the rules for both implementations; keep them in step.
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-anchor.h"
#include "gloss-annotation.h"
#include "gloss-fuzzy-private.h"
#include "gloss-html.h"

/* A fuzzy match may be this many edits per code point of the quote, at most:
 * a fifth, so "the lazy dog sleeps" still finds "the lazy cat sleeps". */
#define FUZZY_EDITS_DIVISOR 5
/* and no more than this, which bounds the work of the banded search to a few
 * words per code point of text however long the highlight. */
#define FUZZY_EDITS_MAX 256

/* The text model */

static const char * const hidden_elements[] = { "script", "style", "noscript", "template" };

static gboolean
is_hidden (xmlNode *node)
{
  for (guint i = 0; i < G_N_ELEMENTS (hidden_elements); i++)
    if (gloss_html_is_element (node, hidden_elements[i]))
      return TRUE;
  return FALSE;
}

char *
gloss_anchor_document_text (xmlDoc *doc)
{
  GString *text;
  xmlNode *body;
  xmlNode *node;

  g_return_val_if_fail (doc != NULL, NULL);

  text = g_string_new (NULL);
  body = gloss_html_body (doc);
  node = body != NULL ? body->children : NULL;

  /* Iterative, so that a deeply nested page cannot exhaust the stack. */
  while (node != NULL)
    {
      if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) &&
          node->content != NULL)
        g_string_append (text, (const char *) node->content);

      if (node->type == XML_ELEMENT_NODE && node->children != NULL && !is_hidden (node))
        {
          node = node->children;
          continue;
        }
      while (node != body && node->next == NULL)
        node = node->parent;
      node = node != body ? node->next : NULL;
    }

  return g_string_free (text, FALSE);
}

const char *
gloss_anchor_method_to_string (GlossAnchorMethod method)
{
  switch (method)
    {
    case GLOSS_ANCHOR_POSITION:
      return "position";
    case GLOSS_ANCHOR_QUOTE:
      return "quote";
    case GLOSS_ANCHOR_FUZZY:
      return "fuzzy";
    case GLOSS_ANCHOR_ORPHAN:
    default:
      return "orphan";
    }
}

/* Code point arrays */

static gunichar *
to_ucs4 (const char *utf8,
         gsize      *length)
{
  glong n = 0;
  gunichar *chars;

  if (utf8 == NULL)
    utf8 = "";
  chars = g_utf8_to_ucs4_fast (utf8, -1, &n);
  *length = (gsize) n;
  return chars;
}

static char *
to_utf8 (const gunichar *chars,
         gsize           length)
{
  char *utf8 = g_ucs4_to_utf8 (chars, (glong) length, NULL, NULL, NULL);

  return utf8 != NULL ? utf8 : g_strdup ("");
}

/* The same set as JavaScript's /[\t\n\v\f\r\p{Zs}\u2028\u2029]/u, so that
 * both implementations collapse the same runs (g_unichar_isspace lacks \v). */
static gboolean
is_space (gunichar c)
{
  GUnicodeType type;

  if (c >= 0x09 && c <= 0x0D)
    return TRUE;
  if (c < 0x80)
    return c == ' ';
  type = g_unichar_type (c);
  return type == G_UNICODE_SPACE_SEPARATOR || type == G_UNICODE_LINE_SEPARATOR ||
         type == G_UNICODE_PARAGRAPH_SEPARATOR;
}

static gboolean
matches_at (const gunichar *text,
            gsize           text_length,
            gsize           at,
            const gunichar *pattern,
            gsize           pattern_length)
{
  return at + pattern_length <= text_length &&
         memcmp (text + at, pattern, pattern_length * sizeof (gunichar)) == 0;
}

/* Text with every run of white space turned into one space, and for each
 * code point of it where it starts in the original: chars[i] stands for the
 * original [starts[i], starts[i + 1]). */
typedef struct
{
  gunichar *chars;
  gsize    *starts;
  gsize     length;
} Collapsed;

static void
collapsed_free (Collapsed *collapsed)
{
  g_free (collapsed->chars);
  g_free (collapsed->starts);
  g_free (collapsed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Collapsed, collapsed_free)

static Collapsed *
collapse (const gunichar *chars,
          gsize           length)
{
  Collapsed *collapsed = g_new0 (Collapsed, 1);
  gsize i = 0;

  collapsed->chars = g_new (gunichar, length + 1);
  collapsed->starts = g_new (gsize, length + 1);

  while (i < length)
    {
      collapsed->starts[collapsed->length] = i;
      if (is_space (chars[i]))
        {
          while (i < length && is_space (chars[i]))
            i++;
          collapsed->chars[collapsed->length++] = ' ';
        }
      else
        {
          collapsed->chars[collapsed->length++] = chars[i++];
        }
    }
  collapsed->starts[collapsed->length] = length;
  return collapsed;
}

/* Anchoring */

typedef struct
{
  const gunichar *text;
  gsize           text_length;
  const gunichar *exact;
  gsize           exact_length;
  const gunichar *prefix;
  gsize           prefix_length;
  const gunichar *suffix;
  gsize           suffix_length;
} Selector;

typedef struct
{
  gsize   start;     /* in the original text, end exclusive */
  gsize   end;
  gsize   edits;
  gsize   context;   /* code points of prefix and suffix that match around it */
  guint64 distance;  /* from the stored start; 0 when none was stored */
} Candidate;

/* How much of the prefix's end and the suffix's start surround [start, end). */
static gsize
context_score (const Selector *selector,
               gsize           start,
               gsize           end)
{
  gsize before = 0;
  gsize after = 0;

  while (before < selector->prefix_length && before < start &&
         selector->prefix[selector->prefix_length - 1 - before] ==
         selector->text[start - 1 - before])
    before++;
  while (after < selector->suffix_length && end + after < selector->text_length &&
         selector->suffix[after] == selector->text[end + after])
    after++;
  return before + after;
}

static guint64
distance_from (gsize  start,
               gint64 old_start)
{
  if (old_start < 0)
    return 0;
  return (guint64) ABS ((gint64) start - old_start);
}

/* Fewest edits, then the most context, then nearest the old position, then
 * first in the document. */
static gboolean
is_better (const Candidate *candidate,
           const Candidate *best)
{
  if (best == NULL)
    return TRUE;
  if (candidate->edits != best->edits)
    return candidate->edits < best->edits;
  if (candidate->context != best->context)
    return candidate->context > best->context;
  if (candidate->distance != best->distance)
    return candidate->distance < best->distance;
  return candidate->start < best->start;
}

static gboolean
position_holds (const Selector *selector,
                gint64          start,
                gint64          end)
{
  return start >= 0 && end - start == (gint64) selector->exact_length &&
         matches_at (selector->text, selector->text_length, start,
                     selector->exact, selector->exact_length);
}

static gboolean
find_exact (const Selector *selector,
            gint64          old_start,
            Candidate      *out)
{
  gboolean found = FALSE;

  for (gsize i = 0; i + selector->exact_length <= selector->text_length; i++)
    {
      Candidate candidate = { i, i + selector->exact_length, 0, 0, 0 };

      if (selector->text[i] != selector->exact[0] ||
          !matches_at (selector->text, selector->text_length, i,
                       selector->exact, selector->exact_length))
        continue;
      candidate.context = context_score (selector, candidate.start, candidate.end);
      candidate.distance = distance_from (i, old_start);
      if (is_better (&candidate, found ? out : NULL))
        *out = candidate;
      found = TRUE;
    }
  return found;
}

static gboolean
has_content (const gunichar *chars,
             gsize           length)
{
  for (gsize i = 0; i < length; i++)
    if (!is_space (chars[i]))
      return TRUE;
  return FALSE;
}

/* Matches within max_edits edits, white space collapsed on both sides so that
 * a re-clip that only reflowed the page costs nothing. Each local minimum of
 * the score (the last end of a plateau) is one candidate. */
static gboolean
find_fuzzy (const Selector *selector,
            gint64          old_start,
            Candidate      *out)
{
  g_autoptr(Collapsed) text = collapse (selector->text, selector->text_length);
  g_autoptr(Collapsed) exact = collapse (selector->exact, selector->exact_length);
  g_autoptr(Collapsed) prefix = collapse (selector->prefix, selector->prefix_length);
  g_autoptr(Collapsed) suffix = collapse (selector->suffix, selector->suffix_length);
  g_autoptr(GlossFuzzyPattern) pattern = NULL;
  g_autoptr(GlossFuzzyPattern) reversed = NULL;
  g_autofree gunichar *backwards = NULL;
  g_autofree gsize *scores = NULL;
  Selector collapsed = {
    text->chars, text->length, exact->chars, exact->length,
    prefix->chars, prefix->length, suffix->chars, suffix->length,
  };
  gsize max_edits = MIN (exact->length / FUZZY_EDITS_DIVISOR, FUZZY_EDITS_MAX);
  gboolean descending = TRUE;
  gboolean found = FALSE;

  if (!has_content (exact->chars, exact->length) || text->length == 0)
    return FALSE;

  backwards = g_new (gunichar, exact->length);
  for (gsize i = 0; i < exact->length; i++)
    backwards[i] = exact->chars[exact->length - 1 - i];
  pattern = _gloss_fuzzy_pattern_new (exact->chars, exact->length);
  reversed = _gloss_fuzzy_pattern_new (backwards, exact->length);
  scores = g_new (gsize, text->length + 1);
  _gloss_fuzzy_compute_scores (pattern, text->chars, text->length, FALSE, max_edits, scores);

  for (gsize j = 1; j <= text->length; j++)
    {
      Candidate candidate = { 0, };
      gsize start;

      if (scores[j] != scores[j - 1])
        descending = scores[j] < scores[j - 1];
      if (!descending || scores[j] > max_edits ||
          (j < text->length && scores[j + 1] <= scores[j]))
        continue;

      start = _gloss_fuzzy_find_match_start (reversed, text->chars, j, max_edits,
                                             &candidate.edits);
      candidate.start = text->starts[start];
      candidate.end = text->starts[j];
      candidate.context = context_score (&collapsed, start, j);
      candidate.distance = distance_from (candidate.start, old_start);
      if (is_better (&candidate, found ? out : NULL))
        *out = candidate;
      found = TRUE;
    }
  return found;
}

GlossAnchorMethod
gloss_anchor_find (const char *text,
                   const char *exact,
                   const char *prefix,
                   const char *suffix,
                   gint64      start,
                   gint64      end,
                   gint64     *out_start,
                   gint64     *out_end)
{
  g_autofree gunichar *text_chars = NULL;
  g_autofree gunichar *exact_chars = NULL;
  g_autofree gunichar *prefix_chars = NULL;
  g_autofree gunichar *suffix_chars = NULL;
  GlossAnchorMethod method = GLOSS_ANCHOR_ORPHAN;
  Selector selector;
  Candidate match = { 0, };

  g_return_val_if_fail (text != NULL, GLOSS_ANCHOR_ORPHAN);
  g_return_val_if_fail (exact != NULL, GLOSS_ANCHOR_ORPHAN);

  text_chars = to_ucs4 (text, &selector.text_length);
  exact_chars = to_ucs4 (exact, &selector.exact_length);
  prefix_chars = to_ucs4 (prefix, &selector.prefix_length);
  suffix_chars = to_ucs4 (suffix, &selector.suffix_length);
  selector.text = text_chars;
  selector.exact = exact_chars;
  selector.prefix = prefix_chars;
  selector.suffix = suffix_chars;

  /* An empty highlight has nothing to show wherever it lands. */
  if (selector.exact_length == 0)
    return GLOSS_ANCHOR_ORPHAN;
  if (end < 0)
    start = -1;

  if (position_holds (&selector, start, end))
    {
      match.start = start;
      match.end = end;
      method = GLOSS_ANCHOR_POSITION;
    }
  else if (find_exact (&selector, start, &match))
    method = GLOSS_ANCHOR_QUOTE;
  else if (find_fuzzy (&selector, start, &match))
    method = GLOSS_ANCHOR_FUZZY;

  if (method != GLOSS_ANCHOR_ORPHAN)
    {
      g_debug ("Anchored a highlight at [%" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT ") by %s, "
               "%" G_GSIZE_FORMAT " edits", match.start, match.end,
               gloss_anchor_method_to_string (method), match.edits);
      if (out_start != NULL)
        *out_start = match.start;
      if (out_end != NULL)
        *out_end = match.end;
    }
  return method;
}

void
gloss_anchor_describe (const char *text,
                       gint64      start,
                       gint64      end,
                       char      **exact,
                       char      **prefix,
                       char      **suffix)
{
  g_autofree gunichar *chars = NULL;
  gsize length;
  gsize before;
  gsize after;

  g_return_if_fail (text != NULL);
  g_return_if_fail (start >= 0 && start <= end);

  chars = to_ucs4 (text, &length);
  g_return_if_fail ((guint64) end <= length);

  before = MIN ((gsize) start, GLOSS_ANNOTATION_CONTEXT_LENGTH);
  after = MIN (length - end, GLOSS_ANNOTATION_CONTEXT_LENGTH);
  if (exact != NULL)
    *exact = to_utf8 (chars + start, end - start);
  if (prefix != NULL)
    *prefix = to_utf8 (chars + start - before, before);
  if (suffix != NULL)
    *suffix = to_utf8 (chars + end, after);
}

guint
gloss_anchor_find_quote (const char *text,
                         const char *quote,
                         gint64     *out_start,
                         gint64     *out_end)
{
  g_autofree gunichar *text_chars = NULL;
  g_autofree gunichar *quote_chars = NULL;
  g_autoptr(Collapsed) collapsed_text = NULL;
  g_autoptr(Collapsed) collapsed_quote = NULL;
  const gunichar *wanted;
  gsize text_length, quote_length, wanted_length;
  gsize first = 0;
  guint count = 0;

  g_return_val_if_fail (text != NULL, 0);
  g_return_val_if_fail (quote != NULL, 0);

  text_chars = to_ucs4 (text, &text_length);
  quote_chars = to_ucs4 (quote, &quote_length);
  collapsed_text = collapse (text_chars, text_length);
  collapsed_quote = collapse (quote_chars, quote_length);

  /* White space around what the user typed is not part of the quote. */
  wanted = collapsed_quote->chars;
  wanted_length = collapsed_quote->length;
  if (wanted_length > 0 && wanted[0] == ' ')
    wanted++, wanted_length--;
  if (wanted_length > 0 && wanted[wanted_length - 1] == ' ')
    wanted_length--;
  if (wanted_length == 0)
    return 0;

  for (gsize i = 0; i + wanted_length <= collapsed_text->length; i++)
    if (matches_at (collapsed_text->chars, collapsed_text->length, i, wanted, wanted_length) &&
        count++ == 0)
      first = i;

  if (count == 1)
    {
      if (out_start != NULL)
        *out_start = collapsed_text->starts[first];
      if (out_end != NULL)
        *out_end = collapsed_text->starts[first + wanted_length];
    }
  return count;
}

GlossAnnotation *
gloss_anchor_new_annotation (const char        *text,
                             const char        *quote,
                             const char        *prefix,
                             const char        *suffix,
                             GlossAnchorMethod *out_method)
{
  GlossAnnotation *annotation = gloss_annotation_new ();
  gint64 start = -1, end = -1;
  GlossAnchorMethod method = GLOSS_ANCHOR_QUOTE;

  g_return_val_if_fail (text != NULL && quote != NULL, NULL);

  if (gloss_anchor_find_quote (text, quote, &start, &end) != 1)
    method = gloss_anchor_find (text, quote, prefix, suffix, -1, -1, &start, &end);
  if (out_method != NULL)
    *out_method = method;
  if (method == GLOSS_ANCHOR_ORPHAN)
    {
      annotation->exact = g_strdup (quote);
      annotation->prefix = g_strdup ("");
      annotation->suffix = g_strdup ("");
      annotation->orphaned = TRUE;
      return annotation;
    }
  g_clear_pointer (&annotation->prefix, g_free);
  g_clear_pointer (&annotation->suffix, g_free);
  gloss_anchor_describe (text, start, end, &annotation->exact, &annotation->prefix,
                         &annotation->suffix);
  annotation->start = start;
  annotation->end = end;
  return annotation;
}
