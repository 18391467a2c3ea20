/* gloss-extract-node.c — reader-mode extraction: text helpers and what every pass counts
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tag flags, the class and id patterns, and the counts that one post-order
 * pass (measure) keeps in each element's _private for the later passes.
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-extract-private.h"
#include "gloss-html.h"
#include "gloss-text.h"

/* Small string and node helpers ------------------------------------------- */

gboolean
_gloss_extract_is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

/* Collapses whitespace runs (U+00A0 included) to one space and trims. */
char *
_gloss_extract_collapse_spaces (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || ((guchar) p[0] == 0xC2 && (guchar) p[1] == 0xA0))
        {
          if ((guchar) *p == 0xC2)
            p++;
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

char *
_gloss_extract_node_text (xmlNode *node)
{
  g_autofree char *raw = gloss_text_from_node (node);

  return _gloss_extract_collapse_spaces (raw);
}

/* A comparison key: lowercase letters and digits only, so that "Title —
 * Site" and "title – site" meet. */
char *
_gloss_extract_text_key (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

guint
_gloss_extract_count_words (const char *text)
{
  guint words = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      gboolean space = g_ascii_isspace (*p);

      if (!space && !in_word)
        words++;
      in_word = !space;
    }
  return words;
}

char *
_gloss_extract_dup_nonblank (const char *text)
{
  g_autofree char *clean = _gloss_extract_collapse_spaces (text);

  return *clean != '\0' ? g_steal_pointer (&clean) : NULL;
}

void
_gloss_extract_set_once (char       **slot,
                         char        *value)
{
  if (*slot == NULL && value != NULL && *value != '\0')
    *slot = value;
  else
    g_free (value);
}

/* Tag flags ---------------------------------------------------------------- */

#define CHUNK_SIZE 512

guint
_gloss_extract_tag_flags (xmlNode *node)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      static const struct { const char *name; guint flags; } tags[] = {
        { "script", TAG_REMOVE }, { "style", TAG_REMOVE }, { "noscript", TAG_REMOVE },
        { "template", TAG_REMOVE }, { "link", TAG_REMOVE }, { "meta", TAG_REMOVE },
        { "iframe", TAG_REMOVE }, { "object", TAG_REMOVE }, { "embed", TAG_REMOVE },
        { "svg", TAG_REMOVE }, { "canvas", TAG_REMOVE }, { "input", TAG_REMOVE },
        { "button", TAG_REMOVE }, { "select", TAG_REMOVE }, { "textarea", TAG_REMOVE },
        { "option", TAG_REMOVE }, { "dialog", TAG_REMOVE }, { "head", TAG_REMOVE },
        { "title", TAG_REMOVE }, { "base", TAG_REMOVE }, { "frame", TAG_REMOVE },
        { "frameset", TAG_REMOVE }, { "applet", TAG_REMOVE }, { "label", TAG_REMOVE },
        { "nav", TAG_BLOCK | TAG_BOILER }, { "aside", TAG_BLOCK | TAG_BOILER },
        { "footer", TAG_BLOCK | TAG_BOILER }, { "menu", TAG_BLOCK | TAG_BOILER },
        { "p", TAG_BLOCK | TAG_SCORE }, { "pre", TAG_BLOCK | TAG_SCORE },
        { "td", TAG_SCORE }, { "h1", TAG_BLOCK | TAG_HEADING },
        { "h2", TAG_BLOCK | TAG_HEADING | TAG_SCORE },
        { "h3", TAG_BLOCK | TAG_HEADING | TAG_SCORE },
        { "h4", TAG_BLOCK | TAG_HEADING | TAG_SCORE },
        { "h5", TAG_BLOCK | TAG_HEADING | TAG_SCORE },
        { "h6", TAG_BLOCK | TAG_HEADING | TAG_SCORE },
        { "div", TAG_BLOCK }, { "blockquote", TAG_BLOCK }, { "dl", TAG_BLOCK },
        { "ol", TAG_BLOCK }, { "ul", TAG_BLOCK }, { "table", TAG_BLOCK }, { "section", TAG_BLOCK },
        { "article", TAG_BLOCK }, { "main", TAG_BLOCK }, { "header", TAG_BLOCK },
        { "figure", TAG_BLOCK }, { "form", TAG_BLOCK }, { "hr", TAG_BLOCK },
        { "fieldset", TAG_BLOCK }, { "address", TAG_BLOCK }, { "details", TAG_BLOCK },
        { "img", TAG_BLOCK | TAG_MEDIA }, { "picture", TAG_MEDIA | TAG_PHRASING },
        { "video", TAG_MEDIA | TAG_BLOCK }, { "audio", TAG_MEDIA | TAG_BLOCK },
        { "math", TAG_MEDIA | TAG_PHRASING },
        { "a", TAG_PHRASING }, { "abbr", TAG_PHRASING }, { "b", TAG_PHRASING },
        { "bdi", TAG_PHRASING }, { "bdo", TAG_PHRASING }, { "big", TAG_PHRASING },
        { "br", TAG_PHRASING }, { "cite", TAG_PHRASING }, { "code", TAG_PHRASING },
        { "data", TAG_PHRASING }, { "del", TAG_PHRASING }, { "dfn", TAG_PHRASING },
        { "em", TAG_PHRASING }, { "font", TAG_PHRASING }, { "i", TAG_PHRASING },
        { "ins", TAG_PHRASING }, { "kbd", TAG_PHRASING }, { "mark", TAG_PHRASING },
        { "q", TAG_PHRASING }, { "s", TAG_PHRASING }, { "samp", TAG_PHRASING },
        { "small", TAG_PHRASING }, { "span", TAG_PHRASING }, { "strike", TAG_PHRASING },
        { "strong", TAG_PHRASING }, { "sub", TAG_PHRASING }, { "sup", TAG_PHRASING },
        { "time", TAG_PHRASING }, { "tt", TAG_PHRASING }, { "u", TAG_PHRASING },
        { "var", TAG_PHRASING }, { "wbr", TAG_PHRASING }, { "ruby", TAG_PHRASING },
        { "rt", TAG_PHRASING }, { "rp", TAG_PHRASING },
      };
      GHashTable *built = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
        g_hash_table_insert (built, (gpointer) tags[i].name, GUINT_TO_POINTER (tags[i].flags));
      g_once_init_leave (&table, built);
    }
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, node->name));
}

/* Class and id patterns ---------------------------------------------------- */

static GRegex *
pattern_regex (Pattern pattern)
{
  static GRegex *regexes[N_PATTERNS];
  static gsize ready;

  if (g_once_init_enter (&ready))
    {
      static const char * const sources[N_PATTERNS] = {
        [PATTERN_UNLIKELY] =
          "-ad-|(^|[^a-z0-9])ads?([^a-z0-9]|$)|ad-break|advert|agegate|banner|breadcrumb|trending|"
          "combx|comment|community|consent|cookie|cover-wrap|disqus|extra|footer|gdpr|"
          "header|legends|menu|modal|newsletter|outbrain|pager|pagination|popup|promo|"
          "related|remark|replies|rss|share|shoutbox|sidebar|signup|skyscraper|social|"
          "sponsor|subscribe|supplemental|taboola|yom-remote|masthead|toolbar|recommend",
        [PATTERN_MAYBE] = "and|article|body|column|content|main|shadow|story|entry",
        [PATTERN_NEGATIVE] =
          "-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|"
          "gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|"
          "skyscraper|sponsor|shopping|tags|widget|newsletter|subscribe|social|recommend|"
          "taboola",
        [PATTERN_POSITIVE] =
          "article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|"
          "story|prose",
        [PATTERN_SHARE] = "share|sharedaddy|social|follow-us",
        [PATTERN_BYLINE] =
          "byline|dateline|author|writtenby|timestamp|published|posted-on|pubdate|"
          "(^|[^a-z])date([^a-z]|$)|credit|updated",
        [PATTERN_COMMENTS] = "comment|disqus|replies|respond|discussion",
        [PATTERN_RELATED] =
          "related|recommend|also-?like|more-?(stories|articles|news|from)|most-?(read|popular|viewed)|"
          "popular|trending|read-?next|up-?next",
        [PATTERN_CAPTION] = "caption|credit|gallery|slide",
      };

      for (guint i = 0; i < N_PATTERNS; i++)
        regexes[i] = g_regex_new (sources[i], G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&ready, 1);
    }
  return regexes[pattern];
}

gboolean
_gloss_extract_matches (Pattern     pattern,
                        const char *text)
{
  return text != NULL && *text != '\0' &&
                        g_regex_match (pattern_regex (pattern), text, 0, NULL);
}

/* "class id" of @node, or NULL when it has neither. */
char *
_gloss_extract_class_and_id (xmlNode *node)
{
  g_autofree char *klass = gloss_html_get_attr (node, "class");
  g_autofree char *id = gloss_html_get_attr (node, "id");

  if (_gloss_extract_is_blank (klass) && _gloss_extract_is_blank (id))
    return NULL;
  return g_strconcat (klass != NULL ? klass : "", " ", id != NULL ? id : "", NULL);
}

int
_gloss_extract_class_weight (Attempt *a,
                             xmlNode *node)
{
  g_autofree char *klass = gloss_html_get_attr (node, "class");
  g_autofree char *id = gloss_html_get_attr (node, "id");
  const char *names[] = { klass, id };
  int weight = 0;

  if (!(a->flags & FLAG_WEIGHT_CLASSES))
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (_gloss_extract_is_blank (names[i]))
        continue;
      if (_gloss_extract_matches (PATTERN_NEGATIVE, names[i]))
        weight -= 25;
      if (_gloss_extract_matches (PATTERN_POSITIVE, names[i]))
        weight += 25;
    }
  return weight;
}

/* Node bookkeeping --------------------------------------------------------- */

static NodeInfo *
info_for (Attempt *a,
          xmlNode *node)
{
  if (node->_private != NULL)
    return node->_private;
  if (a->chunk == NULL || a->chunk_used == CHUNK_SIZE)
    {
      a->chunk = g_new0 (NodeInfo, CHUNK_SIZE);
      a->chunk_used = 0;
      g_ptr_array_add (a->chunks, a->chunk);
    }
  node->_private = &a->chunk[a->chunk_used++];
  return node->_private;
}

void
_gloss_extract_clear_private (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      {
        node->_private = NULL;
        _gloss_extract_clear_private (node->children);
      }
}

double
_gloss_extract_link_density (xmlNode *node)
{
  NodeInfo *info = INFO (node);

  return info->text_len > 0 ? MIN (1.0, info->link_len / info->text_len) : 0.0;
}

static gboolean
is_comma (gunichar c)
{
  return c == ',' || c == 0x060C || c == 0xFE50 || c == 0xFE10 || c == 0xFE11 ||
         c == 0x2E41 || c == 0x2E34 || c == 0x2E32 || c == 0xFF0C || c == 0x3001;
}

/* Code points with whitespace runs counted once, the way a reader sees it. */
static void
measure_text (const char *text,
              guint      *length,
              guint      *commas)
{
  gboolean pending_space = FALSE;
  guint len = 0;

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          pending_space = len > 0;
          continue;
        }
      if ((*p & 0xC0) == 0x80)
        continue;
      len += 1 + pending_space;
      pending_space = FALSE;
      if (*p == ',')
        (*commas)++;
      else if (*p >= 0xC0 && is_comma (g_utf8_get_char ((const char *) p)))
        (*commas)++;
    }
  *length += len;
}

static void
add_counts (NodeInfo *to,
            NodeInfo *from,
            int       sign)
{
  to->text_len += sign * (int) from->text_len;
  to->link_len += sign * from->link_len;
  to->commas += sign * (int) from->commas;
  to->heading_len += sign * (int) from->heading_len;
  to->n_p += sign * (int) from->n_p;
  to->n_img += sign * (int) from->n_img;
  to->n_li += sign * (int) from->n_li;
  to->n_input += sign * (int) from->n_input;
  to->n_embed += sign * (int) from->n_embed;
  to->n_media += sign * (int) from->n_media;
}

/* One post-order pass gives every element its text, link and tag counts,
 * so no later test has to walk a subtree again. */
void
_gloss_extract_measure (Attempt *a,
                        xmlNode *node)
{
  NodeInfo *info = info_for (a, node);
  const char *name = (const char *) node->name;
  guint flags = _gloss_extract_tag_flags (node);

  info->text_len = info->commas = info->heading_len = 0;
  info->n_p = info->n_img = info->n_li = info->n_input = info->n_embed = info->n_media = 0;
  info->link_len = 0;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          if (child->content != NULL)
            measure_text ((const char *) child->content, &info->text_len, &info->commas);
        }
      else if (child->type == XML_ELEMENT_NODE)
        {
          _gloss_extract_measure (a, child);
          add_counts (info, INFO (child), 1);
        }
    }

  if (strcmp (name, "a") == 0)
    {
      g_autofree char *href = gloss_html_get_attr (node, "href");

      /* In-page links (footnotes, tables of contents) are lighter. */
      info->link_len = info->text_len * (href != NULL && href[0] == '#' ? 0.3 : 1.0);
    }
  if (flags & TAG_HEADING)
    info->heading_len = info->text_len;
  info->n_p += strcmp (name, "p") == 0;
  info->n_img += strcmp (name, "img") == 0;
  info->n_li += strcmp (name, "li") == 0;
  info->n_input += strcmp (name, "input") == 0 || strcmp (name, "select") == 0 ||
                   strcmp (name, "textarea") == 0;
  info->n_embed += strcmp (name, "object") == 0 || strcmp (name, "embed") == 0 ||
                   strcmp (name, "iframe") == 0;
  info->n_media += (flags & TAG_MEDIA) != 0 || strcmp (name, "iframe") == 0;
}

/* Removes @node and takes its counts off its measured ancestors. */
void
_gloss_extract_remove_measured (xmlNode *node)
{
  if (INFO (node) != NULL)
    for (xmlNode *up = node->parent; up != NULL && up->type == XML_ELEMENT_NODE; up = up->parent)
      if (INFO (up) != NULL)
        add_counts (INFO (up), INFO (node), -1);
  gloss_html_remove_node (node);
}
