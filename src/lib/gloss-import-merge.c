/* gloss-import-merge.c — an imported entry's tags, states and highlights,
 * added to the sidecar of its article
 *
 * A highlight that arrives as a bare quote is anchored in the archive's text
 * the way a re-clip anchors one: the quote as it is, or with its white space
 * as the text has it; else a close match (a typo, curly quotes for straight
 * ones). One that anchors nowhere is kept, orphaned, with its text. What the
 * sidecar already holds is never removed or changed, so importing the same
 * export twice changes nothing.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>
#include <libxml/xpath.h>

#include "gloss-anchor.h"
#include "gloss-annotation.h"
#include "gloss-archive.h"
#include "gloss-html.h"
#include "gloss-article.h"
#include "gloss-import-private.h"
#include "gloss-library.h"
#include "gloss-sidecar.h"

/* Wallabag's ranges */

/* The code points of text in @node's subtree, as the text model counts
 * them; stops at @until (when given) and says whether it got there. */
/* Beside the W3C selectors, the quote as the export had it: a member other
 * tools ignore and Gloss keeps on every rewrite. */
#define IMPORTED_QUOTE "gloss:importedQuote"

static gboolean
count_text (xmlNode *node,
            xmlNode *until,
            glong   *count)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child == until)
        return TRUE;
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        *count += g_utf8_strlen ((const char *) child->content, -1);
      else if (child->type == XML_ELEMENT_NODE && !gloss_html_is_element (child, "script")
               && !gloss_html_is_element (child, "style"))
        {
          if (count_text (child, until, count))
            return TRUE;
        }
    }
  return FALSE;
}

/* "/p[2]" from the content's root: the element it names, or NULL. */
static xmlNode *
find_xpath (xmlDoc     *doc,
            xmlNode    *root,
            const char *xpath)
{
  g_autofree char *relative = NULL;
  xmlXPathContext *context;
  xmlXPathObject *found;
  xmlNode *node = NULL;

  if (xpath == NULL || *xpath != '/' || strchr (xpath, '(') != NULL)
    return NULL;
  relative = g_strconcat (".", xpath, NULL);
  context = xmlXPathNewContext (doc);
  context->node = root;
  found = xmlXPathEvalExpression ((const xmlChar *) relative, context);
  if (found != NULL && found->nodesetval != NULL && found->nodesetval->nodeNr == 1)
    node = found->nodesetval->nodeTab[0];
  xmlXPathFreeObject (found);
  xmlXPathFreeContext (context);
  return node;
}

/* The context of a highlight in the export's own text, from its range,
 * when the range does hold its quote: what tells two places with the same
 * words apart. A range that does not hold the quote is no hint. */
static void
hint_one (GlossImportHighlight *highlight,
          xmlDoc               *doc,
          xmlNode              *root,
          const char           *text)
{
  xmlNode *element = find_xpath (doc, root, highlight->xpath);
  glong start = 0, length = g_utf8_strlen (text, -1);
  glong quote_length = g_utf8_strlen (highlight->quote, -1);
  g_autofree char *there = NULL;

  if (element == NULL || highlight->offset < 0)
    return;
  count_text (root, element, &start);
  start += highlight->offset;
  if (start + quote_length > length)
    return;
  there = g_utf8_substring (text, start, start + quote_length);
  if (strcmp (there, highlight->quote) != 0)
    return;
  highlight->prefix = g_utf8_substring (text, MAX (0, start - GLOSS_ANNOTATION_CONTEXT_LENGTH),
                                        start);
  highlight->suffix = g_utf8_substring (text, start + quote_length,
                                        MIN (length, start + quote_length
                                                     + GLOSS_ANNOTATION_CONTEXT_LENGTH));
}

void
_gloss_import_hint_context (GlossImportEntry *entry)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *text = NULL;
  xmlNode *root;

  if (entry->content == NULL)
    return;
  for (guint i = 0; i < entry->highlights->len; i++)
    if (((GlossImportHighlight *) entry->highlights->pdata[i])->xpath != NULL)
      break;
    else if (i + 1 == entry->highlights->len)
      return;
  if ((doc = gloss_html_parse (entry->content, strlen (entry->content))) == NULL
      || (root = gloss_html_body (doc)) == NULL)
    return;
  text = gloss_anchor_document_text (doc);
  for (guint i = 0; i < entry->highlights->len; i++)
    hint_one (entry->highlights->pdata[i], doc, root, text);
}

/* The sidecar */

static gboolean
add_tag (GlossSidecar *sidecar,
         const char   *tag)
{
  for (guint i = 0; i < sidecar->tags->len; i++)
    if (g_strcmp0 (sidecar->tags->pdata[i], tag) == 0)
      return FALSE;
  g_ptr_array_add (sidecar->tags, g_strdup (tag));
  return TRUE;
}

/* The entry's tags, its highlights' labels, and its states as tags. */
static gboolean
merge_tags (GlossSidecar     *sidecar,
            GlossImportEntry *entry)
{
  gboolean changed = FALSE;

  for (guint i = 0; i < entry->tags->len; i++)
    changed |= add_tag (sidecar, entry->tags->pdata[i]);
  for (guint i = 0; i < entry->highlights->len; i++)
    {
      GlossImportHighlight *highlight = entry->highlights->pdata[i];

      for (guint j = 0; j < highlight->tags->len; j++)
        changed |= add_tag (sidecar, highlight->tags->pdata[j]);
    }
  if (entry->archived)
    changed |= add_tag (sidecar, "archived");
  if (entry->starred)
    changed |= add_tag (sidecar, "starred");
  return changed;
}

/* Whether the sidecar has this highlight already: the same words, however
 * they anchored (an import's second run, or the user's own highlight). */
static gboolean
has_quote (GlossSidecar *sidecar,
           const char   *quote)
{
  g_autofree char *wanted = _gloss_import_collapse_spaces (quote);

  for (guint i = 0; i < sidecar->annotations->len; i++)
    {
      GlossAnnotation *annotation = sidecar->annotations->pdata[i];
      g_autofree char *exact = _gloss_import_collapse_spaces (annotation->exact);
      g_autofree char *imported = annotation->json != NULL
        ? _gloss_import_collapse_spaces (json_object_get_string_member_with_default (
            annotation->json, IMPORTED_QUOTE, ""))
        : NULL;

      if (g_strcmp0 (exact, wanted) == 0 || g_strcmp0 (imported, wanted) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A quote that anchored at words not quite its own is kept as it came, so
 * that importing it again finds it there. */
static void
keep_imported_quote (GlossAnnotation *annotation,
                     const char      *quote)
{
  g_autofree char *exact = _gloss_import_collapse_spaces (annotation->exact);
  g_autofree char *wanted = _gloss_import_collapse_spaces (quote);

  if (strcmp (exact, wanted) == 0)
    return;
  if (annotation->json == NULL)
    annotation->json = json_object_new ();
  json_object_set_string_member (annotation->json, IMPORTED_QUOTE, quote);
}

static GlossAnnotation *
annotation_from (GlossArticle         *article,
                 GlossImportHighlight *highlight,
                 GlossImportTally     *tally)
{
  GlossAnchorMethod method;
  GlossAnnotation *annotation = gloss_anchor_new_annotation (article->text, highlight->quote,
                                                             highlight->prefix, highlight->suffix,
                                                             &method);

  if (method == GLOSS_ANCHOR_ORPHAN)
    {
      tally->orphaned++;
      g_ptr_array_add (tally->orphans, g_strdup_printf ("%s: %s", article->info->id,
                                                        highlight->quote));
    }
  else
    tally->anchored++;
  if (highlight->created != NULL)
    {
      g_free (annotation->created);
      g_free (annotation->modified);
      annotation->created = g_date_time_format (highlight->created, "%Y-%m-%dT%H:%M:%SZ");
      annotation->modified = g_strdup (annotation->created);
    }
  if (highlight->color != NULL)
    {
      g_free (annotation->color);
      annotation->color = g_strdup (highlight->color);
    }
  annotation->note = g_strdup (highlight->note);
  keep_imported_quote (annotation, highlight->quote);
  gloss_annotation_set_source_date (annotation, article->info->saved);
  return annotation;
}

static gboolean
merge_highlights (GlossArticle     *article,
                  GlossImportEntry *entry,
                  GlossImportTally *tally)
{
  gboolean changed = FALSE;

  for (guint i = 0; i < entry->highlights->len; i++)
    {
      GlossImportHighlight *highlight = entry->highlights->pdata[i];

      if (has_quote (article->sidecar, highlight->quote))
        continue;
      gloss_sidecar_add (article->sidecar, annotation_from (article, highlight, tally));
      tally->highlights++;
      changed = TRUE;
    }
  return changed;
}

static gboolean
merge_notes (GlossSidecar     *sidecar,
             GlossImportEntry *entry)
{
  gboolean changed = FALSE;

  if (sidecar->progress < 0 && entry->progress >= 0)
    {
      sidecar->progress = entry->progress;
      changed = TRUE;
    }
  if ((sidecar->note == NULL || *sidecar->note == '\0') && entry->note != NULL)
    {
      g_free (sidecar->note);
      sidecar->note = g_strdup (entry->note);
      changed = TRUE;
    }
  return changed;
}

/* Blocking: reads the article at @archive_path, adds what @entry has that
 * its sidecar lacks, and saves it (merged with what another writer saved
 * meanwhile) unless @dry_run. Sets *@changed when there was something to add. */
gboolean
_gloss_import_merge_into (const char        *archive_path,
                          GlossImportEntry  *entry,
                          gboolean           dry_run,
                          GlossImportTally  *tally,
                          gboolean          *changed,
                          GError           **error)
{
  g_autoptr(GlossArticle) article = gloss_library_open_article (archive_path, error);

  *changed = FALSE;
  if (article == NULL)
    return FALSE;
  _gloss_import_hint_context (entry);
  *changed |= merge_tags (article->sidecar, entry);
  *changed |= merge_notes (article->sidecar, entry);
  *changed |= merge_highlights (article, entry, tally);
  if (!*changed || dry_run)
    return TRUE;
  gloss_article_describe_archive (article);
  return gloss_sidecar_save (article->sidecar, error);
}
