/* gloss-extract-clean.c — reader-mode extraction: cleaning what only looks like content
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-extract-private.h"
#include "gloss-html.h"

/* Cleaning ----------------------------------------------------------------- */

static gboolean
has_ancestor_tag (xmlNode    *node,
                  const char *name,
                  xmlNode    *stop)
{
  for (xmlNode *up = node->parent; up != NULL && up != stop; up = up->parent)
    if (gloss_html_is_element (up, name))
      return TRUE;
  return FALSE;
}

static void
count_table (xmlNode *node,
             guint   *rows,
             guint   *columns,
             gboolean *nested)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (gloss_html_is_element (child, "table"))
        {
          *nested = TRUE;
          continue;
        }
      if (gloss_html_is_element (child, "tr"))
        {
          guint cells = 0;

          (*rows)++;
          for (xmlNode *cell = child->children; cell != NULL; cell = cell->next)
            if (gloss_html_is_element (cell, "td") || gloss_html_is_element (cell, "th"))
              cells++;
          *columns = MAX (*columns, cells);
        }
      count_table (child, rows, columns, nested);
    }
}

/* Tables of data stay; tables that only lay out a page get cleaned. */
static gboolean
is_data_table (xmlNode *table)
{
  g_autofree char *role = gloss_html_get_attr (table, "role");
  g_autofree char *summary = gloss_html_get_attr (table, "summary");
  guint rows = 0, columns = 0;
  gboolean nested = FALSE;

  if (role != NULL && g_ascii_strcasecmp (role, "presentation") == 0)
    return FALSE;
  if (!_gloss_extract_is_blank (summary))
    return TRUE;
  for (xmlNode *child = table->children; child != NULL; child = child->next)
    if (gloss_html_is_element (child, "caption") || gloss_html_is_element (child, "thead") ||
        gloss_html_is_element (child, "tfoot") || gloss_html_is_element (child, "colgroup"))
      return TRUE;
  count_table (table, &rows, &columns, &nested);
  if (nested)
    return FALSE;
  return rows >= 10 || columns > 4 || rows * columns > 10;
}

static gboolean
is_list_like (xmlNode *node)
{
  return gloss_html_is_element (node, "ul") || gloss_html_is_element (node, "ol");
}

static gboolean
is_gallery_list (xmlNode *node)
{
  NodeInfo *info = INFO (node);

  for (xmlNode *item = node->children; item != NULL; item = item->next)
    if (item->type == XML_ELEMENT_NODE && _gloss_extract_count_element_children (item) > 1)
      return FALSE;
  return info->n_img > 0 && info->n_img == info->n_li;
}

/* Readability's "clean conditionally": containers whose make-up says
 * navigation, teaser list or widget rather than prose. */
static gboolean
looks_like_clutter (Attempt *a,
                    xmlNode *node,
                    xmlNode *article)
{
  NodeInfo *info = INFO (node);
  int weight = _gloss_extract_class_weight (a, node);
  gboolean list = is_list_like (node);
  gboolean in_figure = has_ancestor_tag (node, "figure", article);
  double density = _gloss_extract_link_density (node);
  double heading_density = info->text_len > 0 ? (double) info->heading_len / info->text_len : 0;
  gboolean clutter;

  if (weight < 0)
    {
      g_autofree char *names = _gloss_extract_class_and_id (node);

      return !(names != NULL && _gloss_extract_matches (PATTERN_SHARE, names) &&
               _gloss_extract_holds_quote (node));
    }
  if (info->commas >= 10)
    return FALSE;

  clutter = (!in_figure && info->n_img > 1 && info->n_p * 2 < info->n_img) ||
            (info->n_input > info->n_p / 3) ||
            (!list && !in_figure && heading_density < 0.9 && info->text_len < 25 &&
             (info->n_img == 0 || info->n_img > 2) && density > 0) ||
            (!list && weight < 25 && density > 0.2) ||
            (list && weight < 25 && density > 0.5) ||
            (weight >= 25 && density > 0.5) ||
            (info->n_embed == 1 && info->text_len < 75) || info->n_embed > 1;

  if (clutter && list && is_gallery_list (node))
    return FALSE;
  return clutter;
}

static gboolean
is_conditional_tag (xmlNode *node)
{
  static const char * const names[] = {
    "form", "fieldset", "table", "ul", "ol", "div", "section", "header", "dl",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (gloss_html_is_element (node, names[i]))
      return TRUE;
  return FALSE;
}

void
_gloss_extract_clean_conditionally (Attempt *a,
                                    xmlNode *node,
                                    xmlNode *article)
{
  xmlNode *next;

  for (xmlNode *child = node->children; child != NULL; child = next)
    {
      next = child->next;
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (gloss_html_is_element (child, "code") || gloss_html_is_element (child, "pre") ||
          (gloss_html_is_element (child, "table") && is_data_table (child)))
        continue;
      /* Inner containers first, so a parent is judged without its clutter. */
      _gloss_extract_clean_conditionally (a, child, article);
      if (is_conditional_tag (child) && looks_like_clutter (a, child, article))
        _gloss_extract_remove_measured (child);
    }
}

static const char * const boilerplate_lines[] = {
  "advertisement", "advertising", "ad", "ads", "sponsored", "sponsoredcontent",
  "share", "sharethis", "sharethisarticle", "sharethisstory", "shareonfacebook",
  "shareontwitter", "subscribe", "subscribenow", "signup", "signupnow", "readmore",
  "continuereading", "related", "relatedarticles", "relatedstories", "relatedcontent",
  "morestories", "recommended", "recommendedstories", "loading", "skipadvert",
  "storycontinuesbelowadvertisement", "articlecontinuesbelowadvertisement",
  "articlecontinuesbelow", "storycontinuesbelow", "advertisementcontinuereadingbelow",
  "scrolltocontinuewithcontent", "printthisarticle", "print", "email", "comments",
  "readnext", "upnext", "followus", "tags", "topics", "listentothisarticle",
  "pub", "publicite", "publicité", "werbung", "anzeige", "广告", "реклама", "anuncio",
  "caption", "close", "hidecaption", "togglecaption", "expand", "enlarge", "enlargethisimage",
  "fullscreen", "viewgallery", "previous", "next", "youmayalsolike", "youmightalsolike",
  "trending", "mostread", "mostpopular", "playvideo", "watchvideo", "backtotop",
  "dontmiss", "mustread", "seealso", "alsoread", "readalso", "moreonthis",
};

/* Calls to action that name what they share or sell: "Share this on
 * WhatsApp", "Click here to subscribe to the Daily newsletter". */
static const char * const boilerplate_prefixes[] = {
  "sharethison", "shareon", "shareto", "sharevia", "sharethisarticleon", "followuson",
  "clickheretosubscribe", "subscribetoour", "subscribetothe", "signupforour", "signupforthe",
  "signuptoour", "signuptothe", "clickheretosignup", "downloadourapp",
};

/* "Image 3 of 8", "Photo 1 of", "Slide 2/5": gallery controls. */
static gboolean
is_gallery_counter (const char *key)
{
  static const char * const prefixes[] = { "image", "photo", "slide", "picture" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (key, prefixes[i]))
      {
        const char *p = key + strlen (prefixes[i]);

        if (!g_ascii_isdigit (*p))
          return FALSE;
        while (g_ascii_isdigit (*p))
          p++;
        if (g_str_has_prefix (p, "of"))
          p += 2;
        while (g_ascii_isdigit (*p))
          p++;
        return *p == '\0';
      }
  return FALSE;
}

static gboolean
is_boilerplate_line (xmlNode *node)
{
  NodeInfo *info = INFO (node);
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;

  if (info == NULL || info->text_len == 0 || info->text_len > 80 || info->n_media > 0)
    return FALSE;
  text = _gloss_extract_node_text (node);
  key = _gloss_extract_text_key (text);
  for (guint i = 0; i < G_N_ELEMENTS (boilerplate_prefixes); i++)
    if (g_str_has_prefix (key, boilerplate_prefixes[i]))
      return TRUE;
  if (info->text_len > 48)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (boilerplate_lines); i++)
    if (strcmp (key, boilerplate_lines[i]) == 0)
      return TRUE;
  return is_gallery_counter (key);
}

static gboolean
is_line_tag (xmlNode *node)
{
  return gloss_html_is_element (node, "p") || gloss_html_is_element (node, "div") ||
         gloss_html_is_element (node, "span") || gloss_html_is_element (node, "li") ||
         gloss_html_is_element (node, "a") || gloss_html_is_element (node, "section") ||
         (_gloss_extract_tag_flags (node) & TAG_HEADING) != 0 ||
         gloss_html_is_element (node, "strong") || gloss_html_is_element (node, "em") ||
         gloss_html_is_element (node, "b");
}

/* Who wrote it and when: the archive's header says so already. */
static gboolean
is_byline_block (xmlNode *node)
{
  g_autofree char *names = NULL;

  if (INFO (node) == NULL || INFO (node)->text_len >= 150 || INFO (node)->n_media > 0 ||
      INFO (node)->n_p > 1)
    return FALSE;
  names = _gloss_extract_class_and_id (node);
  return names != NULL && _gloss_extract_matches (PATTERN_BYLINE, names);
}

static gboolean
is_share_widget (Attempt *a,
                 xmlNode *node)
{
  g_autofree char *names = NULL;

  if (INFO (node) == NULL || INFO (node)->text_len >= 500)
    return FALSE;
  names = _gloss_extract_class_and_id (node);
  return names != NULL && _gloss_extract_matches (PATTERN_SHARE, names) &&
         !_gloss_extract_holds_quote (node);
}

static gboolean
is_related_heading (xmlNode *node)
{
  if (INFO (node) == NULL || INFO (node)->text_len > 60)
    return FALSE;
  return _gloss_extract_is_related_name (node) || _gloss_extract_is_related_heading_text (node);
}

static xmlNode *
first_element_child (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      return child;
    else if (!_gloss_extract_is_whitespace_node (child))
      return NULL;
  return NULL;
}

/* "Related stories", "Most read": a block named so, when it is a small part
 * of the article, or one that opens with such a heading and is not the
 * whole article, lists other pages. */
static gboolean
is_related_block (xmlNode *node,
                  xmlNode *article)
{
  xmlNode *first;

  if (INFO (node) == NULL || INFO (article) == NULL ||
      INFO (node)->text_len * 10 > INFO (article)->text_len * 9 ||
      !(gloss_html_is_element (node, "div") || gloss_html_is_element (node, "section") ||
        gloss_html_is_element (node, "article") || gloss_html_is_element (node, "ul") ||
        gloss_html_is_element (node, "ol")))
    return FALSE;
  if (_gloss_extract_is_related_name (node) && INFO (node)->text_len * 2 < INFO (article)->text_len)
    return TRUE;
  /* The heading may sit in a wrapper of its own. */
  for (first = first_element_child (node);
       first != NULL && !(_gloss_extract_tag_flags (first) & TAG_HEADING) &&
       _gloss_extract_count_element_children (first) == 1 && first->children == first->last;
       first = first_element_child (first))
    ;
  return first != NULL && (_gloss_extract_tag_flags (first) & TAG_HEADING) && first != node->last &&
         is_related_heading (first);
}

/* A card that pops up over a name in running text: an inline element with
 * a picture and little but links. The innermost such element is the card;
 * the one around it also holds the name the text needs. */
static gboolean
is_hover_card (xmlNode *node)
{
  NodeInfo *info = INFO (node);

  if (info == NULL || !gloss_html_is_element (node, "span") || info->n_img == 0 ||
      info->text_len <= 40 || _gloss_extract_link_density (node) <= 0.8)
    return FALSE;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && is_hover_card (child))
      return FALSE;
  return TRUE;
}

static guint
count_links (xmlNode *node)
{
  guint n = 0;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      n += gloss_html_is_element (child, "a") ? 1 : count_links (child);
  return n;
}

/* A paragraph of nothing but links to other stories ("Don't miss: A | B",
 * "Read more: Headline"). A lone link that reads as an address or a source
 * name stays. */
static gboolean
is_link_paragraph (xmlNode *node)
{
  NodeInfo *info = INFO (node);
  g_autofree char *text = NULL;

  if (info == NULL || !gloss_html_is_element (node, "p") || info->n_media > 0 ||
      info->text_len == 0 || _gloss_extract_link_density (node) <= 0.6 ||
      has_ancestor_tag (node, "li", NULL) || has_ancestor_tag (node, "blockquote", NULL))
    return FALSE;
  if (count_links (node) >= 2)
    return TRUE;
  /* One link: a teaser headline, not a short label or a bare address. */
  text = _gloss_extract_node_text (node);
  return _gloss_extract_count_words (text) >= 5 && strstr (text, "://") == NULL &&
         strstr (text, "www.") == NULL;
}

/* Empty blocks, share bars, "Advertisement" labels and page furniture that
 * survived: removed at every attempt, whatever its flags. */
void
_gloss_extract_clean_furniture (Attempt *a,
                                xmlNode *node,
                                xmlNode *article)
{
  xmlNode *next;

  for (xmlNode *child = node->children; child != NULL; child = next)
    {
      NodeInfo *info;

      next = child->next;
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (_gloss_extract_tag_flags (child) & TAG_BOILER || is_share_widget (a, child) ||
          is_byline_block (child) ||
          ((_gloss_extract_tag_flags (child) & TAG_HEADING) &&
           (_gloss_extract_class_weight (a, child) < 0 ||
            _gloss_extract_is_related_name (child))) ||
          is_related_block (child, article) || is_hover_card (child) || is_link_paragraph (child))
        {
          _gloss_extract_remove_measured (child);
          continue;
        }
      if (gloss_html_is_element (child, "pre") || gloss_html_is_element (child, "code") ||
          gloss_html_is_element (child, "table"))
        continue;
      _gloss_extract_clean_furniture (a, child, article);
      info = INFO (child);
      if (info == NULL)
        continue;
      if (info->text_len == 0 && info->n_media == 0 && !gloss_html_is_element (child, "br") &&
          !gloss_html_is_element (child, "hr") && !gloss_html_is_element (child, "td") &&
          !gloss_html_is_element (child, "th"))
        _gloss_extract_remove_measured (child);
      else if (is_line_tag (child) && is_boilerplate_line (child))
        _gloss_extract_remove_measured (child);
    }
}

/* Finds the outermost element under @node whose text has @key (or "by"
 * followed by @key, for bylines). */
static xmlNode *
find_text_element (xmlNode    *node,
                   const char *key,
                   gboolean    headings_only)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      NodeInfo *info;
      xmlNode *found;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      info = INFO (child);
      if (info != NULL && info->text_len > 0 && info->text_len < 400 &&
          (!headings_only || (_gloss_extract_tag_flags (child) & TAG_HEADING)))
        {
          g_autofree char *text = _gloss_extract_node_text (child);
          g_autofree char *child_key = _gloss_extract_text_key (text);

          if (g_str_equal (child_key, key) ||
              (g_str_has_prefix (child_key, "by") && g_str_equal (child_key + 2, key)))
            return child;
          /* "By Jane Doe | March 3, 2020": a byline line with its date. */
          if (!headings_only && info->text_len < 100 && info->n_p == 0 &&
              (g_str_has_prefix (child_key, key) ||
               (g_str_has_prefix (child_key, "by") && g_str_has_prefix (child_key + 2, key))))
            return child;
        }
      if (info != NULL && info->text_len > 0 &&
          (found = find_text_element (child, key, headings_only)) != NULL)
        return found;
    }
  return NULL;
}

/* The archive prints the title and byline in its own header. */
void
_gloss_extract_remove_title_and_byline (Attempt *a,
                                        xmlNode *article)
{
  g_autofree char *title_key = _gloss_extract_text_key (a->meta != NULL ? a->meta->title : NULL);
  g_autofree char *byline_key = _gloss_extract_text_key (a->meta != NULL ? a->meta->byline : NULL);
  xmlNode *found;

  if (*title_key != '\0' && (found = find_text_element (article, title_key, TRUE)) != NULL)
    _gloss_extract_remove_measured (found);
  if (*byline_key != '\0' && (found = find_text_element (article, byline_key, FALSE)) != NULL)
    _gloss_extract_remove_measured (found);
}
