/* gloss-extract.c — reader-mode extraction: the main content, attempt by attempt
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The content finder follows the ideas of Arc90's Readability as Mozilla's
 * reader view refined them: paragraphs vote for their ancestors, the best
 * voted container wins, its worthy siblings join it, and the winner is then
 * cleaned of what only looks like content. Each attempt works on a copy of
 * the body and relaxes one more rule when the last one found too little.
 * The steps live in gloss-extract-score.c (prepare, score, gather),
 * gloss-extract-clean.c and gloss-extract-repeats.c; the page's metadata in
 * gloss-extract-metadata.c and gloss-extract-jsonld.c.
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-extract-private.h"
#include "gloss-html.h"

/* Below this many characters an attempt is deemed to have missed. */
#define MIN_ARTICLE_CHARS 500
/* A short article beats a comment thread found by a later attempt. */
#define MIN_SHORT_ARTICLE_CHARS 140

/* One attempt ---------------------------------------------------------------- */

/* Reader comments, not the story: the winner of an attempt that sits in a
 * block named like a comment thread. The <body> and <html> are left out, as
 * blog themes name them after the comment settings ("comments-open"). */
static gboolean
is_in_comments (xmlNode *node)
{
  for (xmlNode *up = node; up != NULL && up->type == XML_ELEMENT_NODE; up = up->parent)
    {
      g_autofree char *names = NULL;

      if (gloss_html_is_element (up, "body") || gloss_html_is_element (up, "html"))
        break;
      names = _gloss_extract_class_and_id (up);
      if (names != NULL && _gloss_extract_matches (PATTERN_COMMENTS, names))
        return TRUE;
    }
  return FALSE;
}

static xmlNode *
run_attempt (Attempt *a,
             xmlNode *body)
{
  xmlNode *root = xmlDocCopyNode (body, a->doc, 1);
  xmlNode *top;
  xmlNode *article;

  _gloss_extract_prune (a, root, FALSE);
  _gloss_extract_restructure (a, root);
  _gloss_extract_clear_private (root);
  _gloss_extract_measure (a, root);
  _gloss_extract_score_tree (a, root);
  top = _gloss_extract_pick_top_candidate (a);
  a->in_comments = top != NULL && is_in_comments (top);
  article = _gloss_extract_gather_article (a, root, top);
  xmlFreeNode (root);

  _gloss_extract_measure (a, article);
  if (a->flags & FLAG_CLEAN_CONDITIONALLY)
    _gloss_extract_clean_conditionally (a, article, article);
  _gloss_extract_clean_furniture (a, article, article);
  _gloss_extract_remove_repeated_blocks (article);
  _gloss_extract_remove_title_and_byline (a, article);
  return article;
}

static guint
article_length (xmlNode *article)
{
  return article->_private != NULL ? INFO (article)->text_len : 0;
}

xmlNode *
gloss_extract_content (xmlDoc              *doc,
                       const GlossMetadata *meta)
{
  static const guint attempts[] = {
    FLAG_STRIP_UNLIKELY | FLAG_WEIGHT_CLASSES | FLAG_CLEAN_CONDITIONALLY,
    FLAG_WEIGHT_CLASSES | FLAG_CLEAN_CONDITIONALLY,
    FLAG_CLEAN_CONDITIONALLY,
    0,
  };
  xmlNode *body;
  xmlNode *best = NULL;
  guint best_length = 0;

  g_return_val_if_fail (doc != NULL, NULL);

  body = gloss_html_body (doc);
  if (body == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      Attempt a = { doc, meta, attempts[i], g_ptr_array_new_with_free_func (g_free), NULL, 0,
                    g_ptr_array_new (), FALSE };
      xmlNode *article = run_attempt (&a, body);
      guint length = article_length (article);

      /* A stricter attempt removed the comments and kept a short story; a
       * relaxed one that lands in the comments found more text, not more
       * article. */
      if (a.in_comments && best != NULL && best_length >= MIN_SHORT_ARTICLE_CHARS)
        length = 0;

      _gloss_extract_clear_private (article);
      g_ptr_array_unref (a.candidates);
      g_ptr_array_unref (a.chunks);

      if (best == NULL || length > best_length)
        {
          g_clear_pointer (&best, xmlFreeNode);
          best = article;
          best_length = length;
        }
      else
        xmlFreeNode (article);

      if (best_length >= MIN_ARTICLE_CHARS)
        break;
      g_debug ("Extraction attempt %u found %u characters, retrying with fewer removals",
               i, length);
    }

  if (best_length == 0)
    g_clear_pointer (&best, xmlFreeNode);
  return best;
}
