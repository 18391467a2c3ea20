/* gloss-extract-score.c — reader-mode extraction: preparing, scoring and gathering the article
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-extract-private.h"
#include "gloss-html.h"

#define N_TOP_CANDIDATES 5

/* Preparing the tree ------------------------------------------------------- */

static gboolean
is_hidden (xmlNode *node)
{
  g_autofree char *style = gloss_html_get_attr (node, "style");
  g_autofree char *aria = gloss_html_get_attr (node, "aria-hidden");

  if (xmlHasProp (node, (const xmlChar *) "hidden") != NULL)
    return TRUE;
  if (aria != NULL && g_ascii_strcasecmp (aria, "true") == 0)
    {
      g_autofree char *klass = gloss_html_get_attr (node, "class");

      /* Some sites hide their real image from assistive tech only. */
      return klass == NULL || strstr (klass, "fallback-image") == NULL;
    }
  if (style != NULL)
    {
      g_autofree char *compact = g_ascii_strdown (style, -1);

      g_strdelimit (compact, " \t\n", '_');
      return strstr (compact, "display:none") != NULL ||
             strstr (compact, "display:_none") != NULL ||
             strstr (compact, "visibility:hidden") != NULL ||
             strstr (compact, "visibility:_hidden") != NULL;
    }
  return FALSE;
}

static gboolean
has_unlikely_role (xmlNode *node)
{
  static const char * const roles[] = {
    "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog",
  };
  g_autofree char *role = gloss_html_get_attr (node, "role");

  if (role == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_ascii_strcasecmp (role, roles[i]) == 0)
      return TRUE;
  return FALSE;
}

/* An embedded post (a tweet, a toot, an Instagram caption) is a quotation
 * the story relies on, even in a block named "social-embed". */
gboolean
_gloss_extract_holds_quote (xmlNode *node)
{
  if (gloss_html_is_element (node, "blockquote"))
    return TRUE;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && _gloss_extract_holds_quote (child))
      return TRUE;
  return FALSE;
}

static gboolean
is_unlikely_candidate (xmlNode *node)
{
  g_autofree char *names = NULL;

  if (gloss_html_is_element (node, "body") || gloss_html_is_element (node, "a") ||
      gloss_html_is_element (node, "article") || gloss_html_is_element (node, "main"))
    return FALSE;
  if (has_unlikely_role (node))
    return TRUE;
  names = _gloss_extract_class_and_id (node);
  return names != NULL && _gloss_extract_matches (PATTERN_UNLIKELY, names) &&
         !_gloss_extract_matches (PATTERN_MAYBE, names) &&
         !(_gloss_extract_matches (PATTERN_SHARE, names) && _gloss_extract_holds_quote (node));
}

/* Headings that open a list of other pages, compared as text keys by
 * prefix ("Most read in World news"). */
static const char * const related_heading_prefixes[] = {
  "related", "morestories", "morearticles", "morenews", "morefrom", "moreon", "recommended",
  "youmayalsolike", "youmightalsolike", "youmaylike", "youmightlike", "alsoread", "readmore",
  "readnext", "upnext", "mostread", "mostpopular", "mostviewed", "trending", "dontmiss",
  "popularstories", "popularposts", "latestnews", "latestarticles", "latestposts",
  "seealso", "seemore", "furtherreading", "morelikethis",
};

gboolean
_gloss_extract_is_related_heading_text (xmlNode *node)
{
  g_autofree char *text = _gloss_extract_node_text (node);
  g_autofree char *key = NULL;

  if (g_utf8_strlen (text, -1) > 80)
    return FALSE;
  key = _gloss_extract_text_key (text);
  for (guint i = 0; i < G_N_ELEMENTS (related_heading_prefixes); i++)
    if (g_str_has_prefix (key, related_heading_prefixes[i]))
      return TRUE;
  return FALSE;
}

gboolean
_gloss_extract_is_related_name (xmlNode *node)
{
  g_autofree char *names = _gloss_extract_class_and_id (node);

  return names != NULL && _gloss_extract_matches (PATTERN_RELATED, names);
}

/* A "Related" heading, or the "rail-header" wrapper of one, stays until
 * cleaning, which drops the block it opens along with it. */
static gboolean
opens_related_block (xmlNode *node)
{
  xmlNode *only = NULL;

  if (_gloss_extract_tag_flags (node) & TAG_HEADING)
    return _gloss_extract_is_related_name (node) || _gloss_extract_is_related_heading_text (node);
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      {
        if (only != NULL)
          return FALSE;
        only = child;
      }
  return only != NULL && (_gloss_extract_tag_flags (only) & TAG_HEADING) &&
         (_gloss_extract_is_related_name (only) || _gloss_extract_is_related_heading_text (only));
}

/* Drops what is never content and, when stripping, what is unlikely to be. */
void
_gloss_extract_prune (Attempt  *a,
                      xmlNode  *node,
                      gboolean  in_table)
{
  xmlNode *next;

  for (xmlNode *child = node->children; child != NULL; child = next)
    {
      guint flags;

      next = child->next;
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        continue;
      if (child->type != XML_ELEMENT_NODE)
        {
          gloss_html_remove_node (child);
          continue;
        }
      flags = _gloss_extract_tag_flags (child);
      if ((flags & TAG_REMOVE) || is_hidden (child))
        {
          gloss_html_remove_node (child);
          continue;
        }
      if ((a->flags & FLAG_STRIP_UNLIKELY) &&
          ((flags & TAG_BOILER) ||
           (!in_table && is_unlikely_candidate (child) && !opens_related_block (child))))
        {
          gloss_html_remove_node (child);
          continue;
        }
      _gloss_extract_prune (a, child,
                            in_table || gloss_html_is_element (child, "table") ||
                            gloss_html_is_element (child, "code"));
    }
}

static gboolean
is_phrasing (xmlNode *node)
{
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    return TRUE;
  return node->type == XML_ELEMENT_NODE && (_gloss_extract_tag_flags (node) & TAG_PHRASING) != 0;
}

gboolean
_gloss_extract_is_whitespace_node (xmlNode *node)
{
  return (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) &&
         _gloss_extract_is_blank ((const char *) node->content);
}

static xmlNode *
next_significant (xmlNode *node)
{
  for (node = node->next; node != NULL && _gloss_extract_is_whitespace_node (node);
       node = node->next)
    ;
  return node;
}

static gboolean
starts_double_br (xmlNode *node)
{
  return gloss_html_is_element (node, "br") &&
         gloss_html_is_element (next_significant (node), "br");
}

/* Wraps runs of inline content into paragraphs, splitting at block children
 * and at <br><br>, so that text written straight into a <div> gets scored. */
static void
wrap_inline_runs (Attempt *a,
                  xmlNode *node)
{
  xmlNode *paragraph = NULL;
  xmlNode *next;

  for (xmlNode *child = node->children; child != NULL; child = next)
    {
      next = child->next;
      if (starts_double_br (child))
        {
          paragraph = NULL;
          while (child != NULL &&
                 (gloss_html_is_element (child, "br") || _gloss_extract_is_whitespace_node (child)))
            {
              next = child->next;
              gloss_html_remove_node (child);
              child = next;
            }
          next = child;
          continue;
        }
      if (!is_phrasing (child))
        {
          paragraph = NULL;
          continue;
        }
      if (paragraph == NULL)
        {
          if (_gloss_extract_is_whitespace_node (child) || gloss_html_is_element (child, "br"))
            continue;
          paragraph = xmlNewDocNode (a->doc, NULL, (const xmlChar *) "p", NULL);
          xmlAddPrevSibling (child, paragraph);
        }
      xmlUnlinkNode (child);
      xmlAddChild (paragraph, child);
    }
}

static gboolean
is_wrappable_container (xmlNode *node)
{
  return gloss_html_is_element (node, "div") || gloss_html_is_element (node, "section") ||
         gloss_html_is_element (node, "article") || gloss_html_is_element (node, "main") ||
         gloss_html_is_element (node, "body") || gloss_html_is_element (node, "p") ||
         gloss_html_is_element (node, "td") || gloss_html_is_element (node, "blockquote");
}

/* A <div> of inline content is a paragraph in all but name. */
void
_gloss_extract_restructure (Attempt *a,
                            xmlNode *node)
{
  gboolean has_block = FALSE;
  gboolean has_double_br = FALSE;
  gboolean has_text = FALSE;
  xmlNode *next;

  for (xmlNode *child = node->children; child != NULL; child = next)
    {
      next = child->next;
      if (child->type == XML_ELEMENT_NODE)
        _gloss_extract_restructure (a, child);
    }
  if (!is_wrappable_container (node))
    return;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE && !is_phrasing (child))
        has_block = TRUE;
      else if (starts_double_br (child))
        has_double_br = TRUE;
      else if (is_phrasing (child) && !_gloss_extract_is_whitespace_node (child))
        has_text = TRUE;
    }

  if (gloss_html_is_element (node, "div") && !has_block && !has_double_br)
    {
      xmlNodeSetName (node, (const xmlChar *) "p");
      return;
    }
  if (!has_text || (!has_block && !has_double_br))
    return;
  if (gloss_html_is_element (node, "p") || gloss_html_is_element (node, "td"))
    {
      /* Only a <p> split by <br><br> gets here; it now holds paragraphs. */
      if (gloss_html_is_element (node, "p"))
        xmlNodeSetName (node, (const xmlChar *) "div");
      else if (!has_double_br)
        return;
    }
  wrap_inline_runs (a, node);
}

/* Scoring ------------------------------------------------------------------ */

static void
init_candidate (Attempt *a,
                xmlNode *node)
{
  NodeInfo *info = INFO (node);
  const char *name = (const char *) node->name;

  if (info->candidate)
    return;
  info->candidate = TRUE;
  info->score = 0;
  if (strcmp (name, "div") == 0 || strcmp (name, "article") == 0)
    info->score += 5;
  else if (strcmp (name, "pre") == 0 || strcmp (name, "td") == 0 ||
           strcmp (name, "blockquote") == 0)
    info->score += 3;
  else if (strcmp (name, "address") == 0 || strcmp (name, "ol") == 0 ||
           strcmp (name, "ul") == 0 || strcmp (name, "dl") == 0 || strcmp (name, "dd") == 0 ||
           strcmp (name, "dt") == 0 || strcmp (name, "li") == 0 || strcmp (name, "form") == 0)
    info->score -= 3;
  else if ((_gloss_extract_tag_flags (node) & TAG_HEADING) || strcmp (name, "th") == 0)
    info->score -= 5;
  info->score += _gloss_extract_class_weight (a, node);
  g_ptr_array_add (a->candidates, node);
}

static void
score_paragraph (Attempt *a,
                 xmlNode *node)
{
  NodeInfo *info = INFO (node);
  double score;
  xmlNode *up = node->parent;

  if (info->text_len < 25 || up == NULL || up->type != XML_ELEMENT_NODE)
    return;

  /* A point for the paragraph, one per comma, one per 100 characters. */
  score = 1 + info->commas + MIN (info->text_len / 100, 3);
  for (guint level = 0; level < 5 && up != NULL && up->type == XML_ELEMENT_NODE; level++)
    {
      double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;

      if (up->_private == NULL)
        break;
      init_candidate (a, up);
      INFO (up)->score += score / divider;
      up = up->parent;
    }
}

void
_gloss_extract_score_tree (Attempt *a,
                           xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (_gloss_extract_tag_flags (child) & TAG_SCORE)
        score_paragraph (a, child);
      _gloss_extract_score_tree (a, child);
    }
}

static gboolean
is_ancestor (xmlNode *ancestor,
             xmlNode *node)
{
  for (xmlNode *up = node->parent; up != NULL; up = up->parent)
    if (up == ancestor)
      return TRUE;
  return FALSE;
}

static double
candidate_score (xmlNode *node)
{
  return node != NULL && node->_private != NULL && INFO (node)->candidate ? INFO (node)->score : 0;
}

/* When several strong candidates sit under one ancestor, the article is
 * probably that ancestor (a story split into several blocks). */
static xmlNode *
promote_shared_ancestor (xmlNode  *top,
                         xmlNode **others,
                         guint     n_others)
{
  double top_score = candidate_score (top);

  for (xmlNode *up = top->parent; up != NULL && up->type == XML_ELEMENT_NODE; up = up->parent)
    {
      guint sharing = 0;

      if (gloss_html_is_element (up, "body"))
        break;
      for (guint i = 0; i < n_others; i++)
        if (candidate_score (others[i]) / top_score >= 0.75 && is_ancestor (up, others[i]))
          sharing++;
      if (sharing >= 3)
        return up;
    }
  return top;
}

/* A parent that scores about as well holds more of the same article. */
static xmlNode *
climb_to_parent (xmlNode *top)
{
  double last = candidate_score (top);
  double threshold = last / 3;

  for (xmlNode *up = top->parent; up != NULL && up->type == XML_ELEMENT_NODE; up = up->parent)
    {
      double score;

      if (gloss_html_is_element (up, "body"))
        break;
      if (up->_private == NULL || !INFO (up)->candidate)
        continue;
      score = INFO (up)->score;
      if (score < threshold)
        break;
      if (score > last)
        return up;
      last = score;
    }
  return top;
}

guint
_gloss_extract_count_element_children (xmlNode *node)
{
  guint n = 0;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    n += child->type == XML_ELEMENT_NODE;
  return n;
}

xmlNode *
_gloss_extract_pick_top_candidate (Attempt *a)
{
  xmlNode *top[N_TOP_CANDIDATES] = { NULL };
  xmlNode *best;

  for (guint i = 0; i < a->candidates->len; i++)
    {
      xmlNode *node = g_ptr_array_index (a->candidates, i);
      NodeInfo *info = INFO (node);

      /* Link-heavy containers are menus and teaser lists, not articles. */
      info->score *= 1 - _gloss_extract_link_density (node);
      for (guint slot = 0; slot < N_TOP_CANDIDATES; slot++)
        if (top[slot] == NULL || info->score > INFO (top[slot])->score)
          {
            memmove (top + slot + 1, top + slot, (N_TOP_CANDIDATES - slot - 1) * sizeof *top);
            top[slot] = node;
            break;
          }
    }

  best = top[0];
  if (best == NULL || gloss_html_is_element (best, "body"))
    return NULL;
  best = promote_shared_ancestor (best, top + 1, N_TOP_CANDIDATES - 1);
  if (best == top[0])
    best = climb_to_parent (best);
  while (best->parent != NULL && best->parent->type == XML_ELEMENT_NODE &&
         !gloss_html_is_element (best->parent, "body") &&
         _gloss_extract_count_element_children (best->parent) == 1)
    best = best->parent;
  if (!INFO (best)->candidate)
    init_candidate (a, best);
  return best;
}

/* Siblings ----------------------------------------------------------------- */

static gboolean
reads_like_prose (xmlNode *node)
{
  NodeInfo *info = INFO (node);
  double density = _gloss_extract_link_density (node);

  if (!gloss_html_is_element (node, "p"))
    return FALSE;
  if (info->text_len > 80)
    return density < 0.25;
  if (info->text_len > 0 && density == 0)
    {
      g_autofree char *text = _gloss_extract_node_text (node);

      return strstr (text, ". ") != NULL || g_str_has_suffix (text, ".");
    }
  return FALSE;
}

static gboolean
sibling_belongs (xmlNode *sibling,
                 xmlNode *top)
{
  double top_score = candidate_score (top);
  double threshold = MAX (10, top_score * 0.2);
  g_autofree char *top_class = gloss_html_get_attr (top, "class");
  g_autofree char *sibling_class = gloss_html_get_attr (sibling, "class");
  double bonus = 0;

  if (sibling == top)
    return TRUE;
  if (!_gloss_extract_is_blank (top_class) && g_strcmp0 (top_class, sibling_class) == 0)
    bonus = top_score * 0.2;
  if (candidate_score (sibling) + bonus >= threshold && INFO (sibling)->candidate)
    return TRUE;
  return reads_like_prose (sibling);
}

static gboolean
is_illustration (xmlNode *node)
{
  NodeInfo *info = INFO (node);

  return info != NULL && info->n_media > 0 && info->text_len < 300 &&
         _gloss_extract_link_density (node) < 0.5;
}

xmlNode *
_gloss_extract_gather_article (Attempt *a,
                               xmlNode *root,
                               xmlNode *top)
{
  xmlNode *article = xmlNewDocNode (a->doc, NULL, (const xmlChar *) "div", NULL);
  xmlNode *parent = top != NULL ? top->parent : NULL;

  if (top == NULL || parent == NULL)
    {
      /* No winner: the whole page is the article. */
      xmlNode *from = top != NULL ? top : root;
      xmlNode *next;

      for (xmlNode *child = from->children; child != NULL; child = next)
        {
          next = child->next;
          xmlUnlinkNode (child);
          xmlAddChild (article, child);
        }
      return article;
    }

  {
    g_autoptr(GPtrArray) siblings = g_ptr_array_new ();
    g_autoptr(GArray) keep = g_array_new (FALSE, TRUE, sizeof (gboolean));
    gint first = -1, last = -1;

    for (xmlNode *child = parent->children; child != NULL; child = child->next)
      {
        gboolean belongs;

        if (child->type != XML_ELEMENT_NODE)
          continue;
        belongs = sibling_belongs (child, top);
        if (belongs)
          {
            if (first < 0)
              first = siblings->len;
            last = siblings->len;
          }
        g_ptr_array_add (siblings, child);
        g_array_append_val (keep, belongs);
      }

    for (gint i = 0; i < (gint) siblings->len; i++)
      {
        xmlNode *child = g_ptr_array_index (siblings, i);

        /* A picture between two parts of the story illustrates it. */
        if (!g_array_index (keep, gboolean, i) &&
            !(i > first && i < last && is_illustration (child)))
          continue;
        xmlUnlinkNode (child);
        xmlAddChild (article, child);
        /* A lone table cell or row means nothing outside its table. */
        if (gloss_html_is_element (child, "td") || gloss_html_is_element (child, "th") ||
            gloss_html_is_element (child, "tr") || gloss_html_is_element (child, "tbody") ||
            gloss_html_is_element (child, "li"))
          xmlNodeSetName (child, (const xmlChar *) "div");
      }
  }
  return article;
}
