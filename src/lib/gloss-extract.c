/* gloss-extract.c — reader-mode extraction: metadata and main content
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The content finder follows the ideas of Arc90's Readability as Mozilla's
 * reader view refined them: paragraphs vote for their ancestors, the best
 * voted container wins, its worthy siblings join it, and the winner is then
 * cleaned of what only looks like content.
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "gloss-dom.h"
#include "gloss-extract.h"
#include "gloss-html.h"
#include "gloss-text.h"

/* ------------------------------------------------------------------------ */
/* Small string and node helpers                                             */
/* ------------------------------------------------------------------------ */

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

/* Collapses whitespace runs (U+00A0 included) to one space and trims. */
static char *
collapse_spaces (const char *text)
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

static char *
node_text (xmlNode *node)
{
  g_autofree char *raw = gloss_text_from_node (node);

  return collapse_spaces (raw);
}

/* A comparison key: lowercase letters and digits only, so that "Title —
 * Site" and "title – site" meet. */
static char *
text_key (const char *text)
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

static guint
count_words (const char *text)
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

static char *
dup_nonblank (const char *text)
{
  g_autofree char *clean = collapse_spaces (text);

  return *clean != '\0' ? g_steal_pointer (&clean) : NULL;
}

/* JSON-LD lives in raw script text, where pages often leave entities. */
static char *
decode_entities (const char *text)
{
  static const struct { const char *name; const char *value; } named[] = {
    { "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" }, { "quot;", "\"" }, { "apos;", "'" },
    { "nbsp;", " " }, { "#39;", "'" }, { "rsquo;", "\u2019" }, { "lsquo;", "\u2018" },
    { "rdquo;", "\u201D" }, { "ldquo;", "\u201C" }, { "mdash;", "\u2014" },
    { "ndash;", "\u2013" }, { "hellip;", "\u2026" },
  };
  GString *out;

  if (text == NULL || strchr (text, '&') == NULL)
    return g_strdup (text);

  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      gboolean done = FALSE;

      if (*p != '&')
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (p[1] == '#' && p[2] != '#')
        {
          char *end;
          gboolean hex = p[2] == 'x' || p[2] == 'X';
          gulong c = strtoul (p + (hex ? 3 : 2), &end, hex ? 16 : 10);

          if (*end == ';' && c > 0 && c < 0x110000 && end > p + 2 && c != 39)
            {
              g_string_append_unichar (out, (gunichar) c);
              p = end;
              done = TRUE;
            }
        }
      for (guint i = 0; !done && i < G_N_ELEMENTS (named); i++)
        if (g_str_has_prefix (p + 1, named[i].name))
          {
            g_string_append (out, named[i].value);
            p += strlen (named[i].name);
            done = TRUE;
          }
      if (!done)
        g_string_append_c (out, '&');
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Metadata                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct
{
  GHashTable *meta;         /* lowercase name / property / itemprop → content */
  GPtrArray  *ld_scripts;   /* text of application/ld+json scripts */
  GPtrArray  *headings;     /* text of the first few <h1> */
  char       *title;
  char       *lang;
  char       *canonical;
  char       *image_src;
  char       *rel_author;
  char       *itemprop_author;
  char       *itemprop_date;
  char       *time_datetime;
  char       *byline_hint;
} PageScan;

static void
page_scan_clear (PageScan *scan)
{
  g_clear_pointer (&scan->meta, g_hash_table_unref);
  g_clear_pointer (&scan->ld_scripts, g_ptr_array_unref);
  g_clear_pointer (&scan->headings, g_ptr_array_unref);
  g_clear_pointer (&scan->title, g_free);
  g_clear_pointer (&scan->lang, g_free);
  g_clear_pointer (&scan->canonical, g_free);
  g_clear_pointer (&scan->image_src, g_free);
  g_clear_pointer (&scan->rel_author, g_free);
  g_clear_pointer (&scan->itemprop_author, g_free);
  g_clear_pointer (&scan->itemprop_date, g_free);
  g_clear_pointer (&scan->time_datetime, g_free);
  g_clear_pointer (&scan->byline_hint, g_free);
}

static void
set_once (char       **slot,
          char        *value)
{
  if (*slot == NULL && value != NULL && *value != '\0')
    *slot = value;
  else
    g_free (value);
}

static void
scan_meta (PageScan *scan,
           xmlNode  *node)
{
  static const char * const keys[] = { "property", "name", "itemprop", "http-equiv" };
  g_autofree char *content = gloss_html_get_attr (node, "content");

  if (is_blank (content))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *key = gloss_html_get_attr (node, keys[i]);
      g_auto(GStrv) names = NULL;

      if (is_blank (key))
        continue;
      /* property="og:title twitter:title" names two keys at once. */
      names = g_strsplit_set (key, " \t\n", -1);
      for (guint j = 0; names[j] != NULL; j++)
        {
          char *lower;

          if (*names[j] == '\0')
            continue;
          lower = g_ascii_strdown (names[j], -1);
          if (g_hash_table_contains (scan->meta, lower))
            g_free (lower);
          else
            g_hash_table_insert (scan->meta, lower, collapse_spaces (content));
        }
    }
}

static gboolean
has_token (const char *list,
           const char *token)
{
  g_auto(GStrv) tokens = NULL;

  if (list == NULL)
    return FALSE;
  tokens = g_strsplit_set (list, " \t\n", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (g_ascii_strcasecmp (tokens[i], token) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
looks_like_byline_class (xmlNode *node)
{
  g_autofree char *klass = gloss_html_get_attr (node, "class");
  g_autofree char *id = gloss_html_get_attr (node, "id");
  const char *names[] = { klass, id };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *lower = NULL;

      if (names[i] == NULL)
        continue;
      lower = g_ascii_strdown (names[i], -1);
      if (strstr (lower, "byline") != NULL || strstr (lower, "writtenby") != NULL ||
          strstr (lower, "p-author") != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The text of an itemprop="author" element: its itemprop="name" if any. */
static char *
itemprop_name_text (xmlNode *node)
{
  g_autofree char *content = gloss_html_get_attr (node, "content");

  if (!is_blank (content))
    return collapse_spaces (content);
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *child_itemprop = NULL;
      char *inner;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      child_itemprop = gloss_html_get_attr (child, "itemprop");
      if (has_token (child_itemprop, "name"))
        return itemprop_name_text (child);
      inner = itemprop_name_text (child);
      if (inner != NULL)
        return inner;
    }
  return NULL;
}

static void scan_children (PageScan *scan,
                           xmlNode  *node);

static void
scan_element (PageScan *scan,
              xmlNode  *node)
{
  const char *name = (const char *) node->name;
  g_autofree char *itemprop = gloss_html_get_attr (node, "itemprop");

  if (strcmp (name, "meta") == 0)
    scan_meta (scan, node);
  else if (strcmp (name, "script") == 0)
    {
      g_autofree char *type = gloss_html_get_attr (node, "type");

      if (type != NULL && g_ascii_strcasecmp (type, "application/ld+json") == 0)
        g_ptr_array_add (scan->ld_scripts, (char *) xmlNodeGetContent (node));
      return;
    }
  else if (strcmp (name, "style") == 0 || strcmp (name, "noscript") == 0 ||
           strcmp (name, "template") == 0)
    return;
  else if (strcmp (name, "title") == 0 && scan->title == NULL)
    {
      /* gloss_text_from_node() skips <title>: it is not body text. */
      xmlChar *content = xmlNodeGetContent (node);

      scan->title = collapse_spaces ((const char *) content);
      xmlFree (content);
    }
  else if (strcmp (name, "h1") == 0 && scan->headings->len < 3)
    g_ptr_array_add (scan->headings, node_text (node));
  else if (strcmp (name, "link") == 0)
    {
      g_autofree char *rel = gloss_html_get_attr (node, "rel");

      if (has_token (rel, "canonical"))
        set_once (&scan->canonical, gloss_html_get_attr (node, "href"));
      else if (has_token (rel, "image_src"))
        set_once (&scan->image_src, gloss_html_get_attr (node, "href"));
    }
  else if (strcmp (name, "time") == 0)
    {
      g_autofree char *datetime = gloss_html_get_attr (node, "datetime");

      if (!is_blank (datetime) &&
          (xmlHasProp (node, (const xmlChar *) "pubdate") != NULL ||
           has_token (itemprop, "datePublished")))
        set_once (&scan->itemprop_date, g_strdup (datetime));
      if (!is_blank (datetime))
        set_once (&scan->time_datetime, g_strdup (datetime));
    }
  else if (strcmp (name, "html") == 0)
    {
      g_autofree char *lang = gloss_html_get_attr (node, "lang");

      set_once (&scan->lang, dup_nonblank (lang));
    }

  if (strcmp (name, "a") == 0)
    {
      g_autofree char *rel = gloss_html_get_attr (node, "rel");

      if (has_token (rel, "author"))
        set_once (&scan->rel_author, node_text (node));
    }
  if (itemprop != NULL)
    {
      if (has_token (itemprop, "author") || has_token (itemprop, "creator"))
        set_once (&scan->itemprop_author, itemprop_name_text (node));
      else if (has_token (itemprop, "datePublished") && strcmp (name, "meta") != 0)
        set_once (&scan->itemprop_date, node_text (node));
    }
  if (scan->byline_hint == NULL && looks_like_byline_class (node))
    {
      g_autofree char *text = node_text (node);

      if (g_utf8_strlen (text, -1) < 100 && count_words (text) <= 12)
        set_once (&scan->byline_hint, g_steal_pointer (&text));
    }

  scan_children (scan, node);
}

static void
scan_children (PageScan *scan,
               xmlNode  *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      scan_element (scan, child);
}

/* JSON-LD ----------------------------------------------------------------- */

typedef struct
{
  char      *headline;
  GPtrArray *authors;
  char      *published;
  char      *site_name;
  char      *description;
  char      *image;
  char      *url;
  char      *language;
  char      *article_body;
  gboolean   found_article;
  char      *website_name;
} LinkedData;

static void
linked_data_clear (LinkedData *ld)
{
  g_clear_pointer (&ld->headline, g_free);
  g_clear_pointer (&ld->authors, g_ptr_array_unref);
  g_clear_pointer (&ld->published, g_free);
  g_clear_pointer (&ld->site_name, g_free);
  g_clear_pointer (&ld->description, g_free);
  g_clear_pointer (&ld->image, g_free);
  g_clear_pointer (&ld->url, g_free);
  g_clear_pointer (&ld->language, g_free);
  g_clear_pointer (&ld->article_body, g_free);
  g_clear_pointer (&ld->website_name, g_free);
}

static char *
json_string (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *decoded = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  decoded = decode_entities (json_node_get_string (node));
  return dup_nonblank (decoded);
}

/* "NewsArticle", "schema:NewsArticle" or "https://schema.org/NewsArticle". */
static const char *
type_basename (const char *type)
{
  const char *cut = strrchr (type, '/');

  if (cut == NULL)
    cut = strrchr (type, ':');
  return cut != NULL ? cut + 1 : type;
}

static gboolean
is_article_type_name (const char *type)
{
  static const char * const extra[] = {
    "Report", "APIReference", "BlogPosting", "LiveBlogPosting", "SocialMediaPosting",
    "DiscussionForumPosting", "Recipe", "Review", "CreativeWork",
  };
  const char *base = type_basename (type);

  if (g_str_has_suffix (base, "Article"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    if (strcmp (base, extra[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
object_has_type (JsonObject *object,
                 gboolean  (*predicate) (const char *type))
{
  JsonNode *type = json_object_get_member (object, "@type");

  if (type == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (type) && json_node_get_value_type (type) == G_TYPE_STRING)
    return predicate (json_node_get_string (type));
  if (JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *array = json_node_get_array (type);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING &&
              predicate (json_node_get_string (item)))
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
is_website_type_name (const char *type)
{
  const char *base = type_basename (type);

  return strcmp (base, "WebSite") == 0;
}

static void
add_person (GPtrArray *authors,
            JsonNode  *node)
{
  g_autofree char *name = NULL;

  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        add_person (authors, json_array_get_element (array, i));
      return;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonNode *inner = json_object_get_member (object, "name");

      if (inner != NULL && !JSON_NODE_HOLDS_VALUE (inner))
        {
          add_person (authors, inner);
          return;
        }
      name = json_string (object, "name");
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *decoded = decode_entities (json_node_get_string (node));

      name = dup_nonblank (decoded);
    }

  /* Some sites put the author's page there instead of a name. */
  if (name == NULL || strstr (name, "://") != NULL)
    return;
  for (guint i = 0; i < authors->len; i++)
    if (g_utf8_collate (g_ptr_array_index (authors, i), name) == 0)
      return;
  g_ptr_array_add (authors, g_steal_pointer (&name));
}

static char *
json_image_url (JsonNode *node)
{
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return dup_nonblank (json_node_get_string (node));
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      return json_array_get_length (array) > 0
             ? json_image_url (json_array_get_element (array, 0)) : NULL;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      char *url = json_string (object, "url");

      return url != NULL ? url : json_string (object, "contentUrl");
    }
  return NULL;
}

static char *
json_name_of (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_string (json_node_get_object (node), "name");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) &&
      json_array_get_length (json_node_get_array (node)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (node), 0);

      if (JSON_NODE_HOLDS_OBJECT (first))
        return json_string (json_node_get_object (first), "name");
    }
  return json_string (object, member);
}

static char *
json_url_of (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      char *id = json_string (json_node_get_object (node), "@id");

      return id != NULL ? id : json_string (json_node_get_object (node), "url");
    }
  return json_string (object, member);
}

static void
read_article (LinkedData *ld,
              JsonObject *object)
{
  if (ld->found_article)
    return;
  ld->found_article = TRUE;
  set_once (&ld->headline, json_string (object, "headline"));
  set_once (&ld->headline, json_string (object, "name"));
  if (object_has_type (object, is_article_type_name))
    {
      add_person (ld->authors, json_object_get_member (object, "author"));
      if (ld->authors->len == 0)
        add_person (ld->authors, json_object_get_member (object, "creator"));
    }
  set_once (&ld->published, json_string (object, "datePublished"));
  set_once (&ld->published, json_string (object, "dateCreated"));
  set_once (&ld->site_name, json_name_of (object, "publisher"));
  set_once (&ld->description, json_string (object, "description"));
  set_once (&ld->image, json_image_url (json_object_get_member (object, "image")));
  set_once (&ld->image, json_image_url (json_object_get_member (object, "thumbnailUrl")));
  set_once (&ld->url, json_url_of (object, "mainEntityOfPage"));
  set_once (&ld->url, json_string (object, "url"));
  set_once (&ld->language, json_string (object, "inLanguage"));
  set_once (&ld->article_body, json_string (object, "articleBody"));
}

static void
visit_linked_data (LinkedData *ld,
                   JsonNode   *node,
                   guint       depth)
{
  JsonObject *object;
  JsonNode *child;

  if (node == NULL || depth > 4)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        visit_linked_data (ld, json_array_get_element (array, i), depth + 1);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;

  object = json_node_get_object (node);
  if (object_has_type (object, is_article_type_name))
    read_article (ld, object);
  else if (object_has_type (object, is_website_type_name))
    set_once (&ld->website_name, json_string (object, "name"));

  if ((child = json_object_get_member (object, "@graph")) != NULL)
    visit_linked_data (ld, child, depth + 1);
  if ((child = json_object_get_member (object, "mainEntity")) != NULL)
    visit_linked_data (ld, child, depth + 1);
}

/* Pages wrap JSON-LD in comments or CDATA, and leave raw newlines and tabs
 * inside strings; a browser-side consumer would shrug, so do we. */
static char *
repair_json (const char *text)
{
  GString *out = g_string_new (NULL);
  char *result;

  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (out, (guchar) *p < 0x20 ? ' ' : *p);
  result = g_strstrip (g_string_free (out, FALSE));

  for (guint round = 0; round < 2; round++)
    {
      static const char * const openers[] = { "<!--", "//<![CDATA[", "<![CDATA[", "/*<![CDATA[*/" };
      static const char * const closers[] = { "-->", "//]]>", "]]>", "/*]]>*/", ";" };

      for (guint i = 0; i < G_N_ELEMENTS (openers); i++)
        if (g_str_has_prefix (result, openers[i]))
          memmove (result, result + strlen (openers[i]), strlen (result) - strlen (openers[i]) + 1);
      for (guint i = 0; i < G_N_ELEMENTS (closers); i++)
        if (g_str_has_suffix (result, closers[i]))
          result[strlen (result) - strlen (closers[i])] = '\0';
      g_strstrip (result);
    }
  return result;
}

static void
read_linked_data (LinkedData *ld,
                  GPtrArray  *scripts)
{
  for (guint i = 0; i < scripts->len; i++)
    {
      const char *text = g_ptr_array_index (scripts, i);
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (text == NULL)
        continue;
      if (!json_parser_load_from_data (parser, text, -1, NULL))
        {
          g_autofree char *repaired = repair_json (text);

          if (!json_parser_load_from_data (parser, repaired, -1, NULL))
            {
              g_debug ("Skipping JSON-LD that does not parse");
              continue;
            }
        }
      visit_linked_data (ld, json_parser_get_root (parser), 0);
    }
}

/* Assembling ------------------------------------------------------------- */

static const char *
meta_get (PageScan   *scan,
          const char *key)
{
  const char *value = g_hash_table_lookup (scan->meta, key);

  return is_blank (value) ? NULL : value;
}

/* The first of @keys present in the page's <meta>, as a new string. */
static char *
meta_first (PageScan          *scan,
            const char * const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *value = meta_get (scan, keys[i]);

      if (value != NULL)
        return g_strdup (value);
    }
  return NULL;
}

static char *
strip_by_prefix (char *name)
{
  static const char * const prefixes[] = { "by ", "by: ", "von ", "par ", "por ", "door " };
  g_autofree char *clean = name;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_ascii_strncasecmp (clean, prefixes[i], strlen (prefixes[i])) == 0)
      return g_strstrip (g_strdup (clean + strlen (prefixes[i])));
  return g_steal_pointer (&clean);
}

static char *
join_names (GPtrArray *names)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == names->len ? " and " : ", ");
      g_string_append (out, g_ptr_array_index (names, i));
    }
  return g_string_free (out, FALSE);
}

static const char * const title_separators[] = {
  " | ", " - ", " \u2013 ", " \u2014 ", " :: ", " / ", " \u00BB ", " \u00B7 ", " \u2022 ",
  " ~ ", " : ",
};

/* Finds the last (or first) separator of @title; returns its offset or -1. */
static gssize
find_separator (const char *title,
                gboolean    last,
                gsize      *sep_len)
{
  gssize found = -1;

  for (guint i = 0; i < G_N_ELEMENTS (title_separators); i++)
    {
      const char *sep = title_separators[i];
      const char *hit = strstr (title, sep);

      /* " : " is too common inside real titles to split on. */
      if (strcmp (sep, " : ") == 0)
        continue;
      while (last && hit != NULL && strstr (hit + 1, sep) != NULL)
        hit = strstr (hit + 1, sep);
      if (hit != NULL && (found < 0 || (last ? hit - title > found : hit - title < found)))
        {
          found = hit - title;
          *sep_len = strlen (sep);
        }
    }
  return found;
}

/* "Story title | Site Name" → "Story title"; a heading in the page that
 * matches a part of the title settles which part is the story's. */
static char *
clean_title (const char *raw,
             const char *site_name,
             GPtrArray  *headings)
{
  g_autofree char *title = collapse_spaces (raw);
  g_autofree char *title_key = text_key (title);
  g_autofree char *site_key = text_key (site_name);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize sep_len = 0;
  gssize cut;

  for (guint i = 0; headings != NULL && i < headings->len; i++)
    {
      const char *heading = g_ptr_array_index (headings, i);
      g_autofree char *key = text_key (heading);

      if (strlen (key) >= 8 && strstr (title_key, key) != NULL)
        return g_strdup (heading);
    }

  cut = find_separator (title, TRUE, &sep_len);
  if (cut < 0)
    return g_steal_pointer (&title);

  before = g_strndup (title, cut);
  after = g_strdup (title + cut + sep_len);
  if (*site_key != '\0')
    {
      g_autofree char *after_key = text_key (after);
      gssize first = find_separator (title, FALSE, &sep_len);
      g_autofree char *first_part = g_strndup (title, first);
      g_autofree char *first_key = text_key (first_part);

      if (g_str_equal (after_key, site_key))
        return g_steal_pointer (&before);
      if (g_str_equal (first_key, site_key))
        return g_strdup (title + first + sep_len);
    }
  if (count_words (before) >= 3)
    return g_steal_pointer (&before);

  /* "Site | A story title": the site comes first. */
  cut = find_separator (title, FALSE, &sep_len);
  if (count_words (title + cut + sep_len) >= 3)
    return g_strdup (title + cut + sep_len);
  return g_steal_pointer (&title);
}

/* og:title often carries the site suffix as well; cut it only when it is
 * exactly the site's name. */
static char *
strip_site_suffix (char       *title,
                   const char *site_name)
{
  g_autofree char *site_key = text_key (site_name);
  gsize sep_len = 0;
  gssize cut;

  if (title == NULL || *site_key == '\0')
    return title;
  cut = find_separator (title, TRUE, &sep_len);
  if (cut > 0)
    {
      g_autofree char *after_key = text_key (title + cut + sep_len);

      if (g_str_equal (after_key, site_key))
        {
          char *stripped = g_strndup (title, cut);

          g_free (title);
          return stripped;
        }
    }
  return title;
}

static char *
locale_to_language (const char *locale)
{
  char *lang;

  if (is_blank (locale))
    return NULL;
  lang = g_strstrip (g_strdup (locale));
  g_strdelimit (lang, "_", '-');
  return lang;
}

static char *
pick_byline (PageScan   *scan,
             LinkedData *ld)
{
  static const char * const keys[] = {
    "author", "article:author_name", "dc.creator", "dcterms.creator", "parsely-author",
    "sailthru.author", "citation_author", "twitter:creator:name", "byl", "article:author",
    NULL
  };
  char *byline;

  if (ld->authors->len > 0)
    return join_names (ld->authors);
  byline = meta_first (scan, keys);
  /* article:author usually holds a profile URL, which is no name. */
  if (byline != NULL && strstr (byline, "://") != NULL)
    g_clear_pointer (&byline, g_free);
  if (byline == NULL)
    byline = g_strdup (scan->itemprop_author);
  if (byline == NULL)
    byline = g_strdup (scan->rel_author);
  if (byline == NULL)
    byline = g_strdup (scan->byline_hint);
  return byline != NULL ? strip_by_prefix (byline) : NULL;
}

static char *
pick_published (PageScan   *scan,
                LinkedData *ld)
{
  static const char * const keys[] = {
    "article:published_time", "og:published_time", "datepublished", "dc.date.issued",
    "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "date", "pubdate",
    "publishdate", "publish-date", "parsely-pub-date", "sailthru.date", "citation_publication_date",
    "article.published", "published_time", NULL
  };
  char *published = g_strdup (ld->published);

  if (published == NULL)
    published = meta_first (scan, keys);
  if (published == NULL)
    published = g_strdup (scan->itemprop_date);
  if (published == NULL)
    published = g_strdup (scan->time_datetime);
  return published;
}

GlossMetadata *
gloss_metadata_extract (xmlDoc     *doc,
                        const char *base_url)
{
  static const char * const title_keys[] = {
    "og:title", "twitter:title", "dc.title", "dcterms.title", "citation_title", "title", NULL
  };
  static const char * const site_keys[] = {
    "og:site_name", "application-name", "dc.publisher", "dcterms.publisher",
    "citation_publisher", NULL
  };
  static const char * const description_keys[] = {
    "og:description", "twitter:description", "description", "dc.description",
    "dcterms.description", "dcterms.abstract", NULL
  };
  static const char * const image_keys[] = {
    "og:image:secure_url", "og:image:url", "og:image", "twitter:image", "twitter:image:src",
    "thumbnailurl", "image", NULL
  };
  static const char * const language_keys[] = {
    "content-language", "dc.language", "dcterms.language", "language", NULL
  };
  PageScan scan = { 0 };
  LinkedData ld = { 0 };
  GlossMetadata *meta;
  xmlNode *root;
  char *value;

  g_return_val_if_fail (doc != NULL, NULL);

  scan.meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  scan.ld_scripts = g_ptr_array_new_with_free_func (xmlFree);
  scan.headings = g_ptr_array_new_with_free_func (g_free);
  ld.authors = g_ptr_array_new_with_free_func (g_free);
  root = xmlDocGetRootElement (doc);
  if (root != NULL)
    scan_element (&scan, root);
  read_linked_data (&ld, scan.ld_scripts);

  meta = g_new0 (GlossMetadata, 1);

  meta->site_name = g_strdup (ld.site_name);
  set_once (&meta->site_name, meta_first (&scan, site_keys));
  set_once (&meta->site_name, g_strdup (ld.website_name));

  meta->title = g_strdup (ld.headline);
  if (meta->title == NULL)
    meta->title = strip_site_suffix (meta_first (&scan, title_keys), meta->site_name);
  if (meta->title == NULL && scan.title != NULL)
    meta->title = clean_title (scan.title, meta->site_name, scan.headings);
  if (meta->title == NULL && scan.headings->len > 0)
    meta->title = g_strdup (g_ptr_array_index (scan.headings, 0));
  if (meta->title == NULL)
    meta->title = g_strdup ("");

  meta->byline = pick_byline (&scan, &ld);
  meta->published = pick_published (&scan, &ld);

  meta->language = g_strdup (scan.lang);
  set_once (&meta->language, locale_to_language (meta_get (&scan, "og:locale")));
  set_once (&meta->language, meta_first (&scan, language_keys));
  set_once (&meta->language, g_strdup (ld.language));

  meta->description = g_strdup (ld.description);
  set_once (&meta->description, meta_first (&scan, description_keys));

  value = g_strdup (ld.image);
  set_once (&value, meta_first (&scan, image_keys));
  set_once (&value, g_strdup (scan.image_src));
  meta->lead_image = !is_blank (value) ? gloss_dom_resolve_url (base_url, value) : NULL;
  g_free (value);

  value = g_strdup (scan.canonical);
  set_once (&value, g_strdup (meta_get (&scan, "og:url")));
  set_once (&value, g_strdup (ld.url));
  meta->canonical_url = !is_blank (value) ? gloss_dom_resolve_url (base_url, value) : NULL;
  g_free (value);
  if (meta->canonical_url == NULL)
    meta->canonical_url = g_strdup (base_url);

  meta->article_body = g_strdup (ld.article_body);

  page_scan_clear (&scan);
  linked_data_clear (&ld);
  return meta;
}

void
gloss_metadata_free (GlossMetadata *meta)
{
  if (meta == NULL)
    return;
  g_free (meta->title);
  g_free (meta->byline);
  g_free (meta->site_name);
  g_free (meta->published);
  g_free (meta->language);
  g_free (meta->description);
  g_free (meta->lead_image);
  g_free (meta->canonical_url);
  g_free (meta->article_body);
  g_free (meta);
}

/* ------------------------------------------------------------------------ */
/* Main content                                                              */
/* ------------------------------------------------------------------------ */

/* Each attempt relaxes one of these, like Readability's retry flags. */
enum
{
  FLAG_STRIP_UNLIKELY      = 1 << 0,
  FLAG_WEIGHT_CLASSES      = 1 << 1,
  FLAG_CLEAN_CONDITIONALLY = 1 << 2,
};

/* Below this many characters an attempt is deemed to have missed. */
#define MIN_ARTICLE_CHARS 500
/* A short article beats a comment thread found by a later attempt. */
#define MIN_SHORT_ARTICLE_CHARS 140
#define N_TOP_CANDIDATES 5

enum
{
  TAG_REMOVE   = 1 << 0,  /* never content */
  TAG_BLOCK    = 1 << 1,  /* keeps a <div> from being read as a paragraph */
  TAG_PHRASING = 1 << 2,  /* may sit inside a paragraph */
  TAG_SCORE    = 1 << 3,  /* a paragraph that votes for its ancestors */
  TAG_MEDIA    = 1 << 4,  /* content without text */
  TAG_HEADING  = 1 << 5,
  TAG_BOILER   = 1 << 6,  /* page furniture, dropped when stripping */
};

typedef struct
{
  double   score;
  double   link_len;
  guint    text_len;
  guint    commas;
  guint    heading_len;
  guint    n_p;
  guint    n_img;
  guint    n_li;
  guint    n_input;
  guint    n_embed;
  guint    n_media;
  gboolean candidate;
} NodeInfo;

#define INFO(node) ((NodeInfo *) (node)->_private)

typedef struct
{
  xmlDoc              *doc;
  const GlossMetadata *meta;
  guint                flags;
  GPtrArray           *chunks;       /* NodeInfo blocks, freed with the attempt */
  NodeInfo            *chunk;
  guint                chunk_used;
  GPtrArray           *candidates;
  gboolean             in_comments;  /* the winner sits in a comment thread */
} Attempt;

#define CHUNK_SIZE 512

static guint
tag_flags (xmlNode *node)
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

typedef enum
{
  PATTERN_UNLIKELY,
  PATTERN_MAYBE,
  PATTERN_NEGATIVE,
  PATTERN_POSITIVE,
  PATTERN_SHARE,
  PATTERN_BYLINE,
  PATTERN_COMMENTS,
  PATTERN_RELATED,
  PATTERN_CAPTION,
  N_PATTERNS
} Pattern;

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

static gboolean
matches (Pattern     pattern,
         const char *text)
{
  return text != NULL && *text != '\0' &&
         g_regex_match (pattern_regex (pattern), text, 0, NULL);
}

/* "class id" of @node, or NULL when it has neither. */
static char *
class_and_id (xmlNode *node)
{
  g_autofree char *klass = gloss_html_get_attr (node, "class");
  g_autofree char *id = gloss_html_get_attr (node, "id");

  if (is_blank (klass) && is_blank (id))
    return NULL;
  return g_strconcat (klass != NULL ? klass : "", " ", id != NULL ? id : "", NULL);
}

static int
class_weight (Attempt *a,
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
      if (is_blank (names[i]))
        continue;
      if (matches (PATTERN_NEGATIVE, names[i]))
        weight -= 25;
      if (matches (PATTERN_POSITIVE, names[i]))
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

static void
clear_private (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      {
        node->_private = NULL;
        clear_private (node->children);
      }
}

static double
link_density (xmlNode *node)
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
static void
measure (Attempt *a,
         xmlNode *node)
{
  NodeInfo *info = info_for (a, node);
  const char *name = (const char *) node->name;
  guint flags = tag_flags (node);

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
          measure (a, child);
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
static void
remove_measured (xmlNode *node)
{
  if (INFO (node) != NULL)
    for (xmlNode *up = node->parent; up != NULL && up->type == XML_ELEMENT_NODE; up = up->parent)
      if (INFO (up) != NULL)
        add_counts (INFO (up), INFO (node), -1);
  gloss_html_remove_node (node);
}

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
static gboolean
holds_quote (xmlNode *node)
{
  if (gloss_html_is_element (node, "blockquote"))
    return TRUE;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && holds_quote (child))
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
  names = class_and_id (node);
  return names != NULL && matches (PATTERN_UNLIKELY, names) && !matches (PATTERN_MAYBE, names) &&
         !(matches (PATTERN_SHARE, names) && holds_quote (node));
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

static gboolean
is_related_heading_text (xmlNode *node)
{
  g_autofree char *text = node_text (node);
  g_autofree char *key = NULL;

  if (g_utf8_strlen (text, -1) > 80)
    return FALSE;
  key = text_key (text);
  for (guint i = 0; i < G_N_ELEMENTS (related_heading_prefixes); i++)
    if (g_str_has_prefix (key, related_heading_prefixes[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_related_name (xmlNode *node)
{
  g_autofree char *names = class_and_id (node);

  return names != NULL && matches (PATTERN_RELATED, names);
}

/* A "Related" heading, or the "rail-header" wrapper of one, stays until
 * cleaning, which drops the block it opens along with it. */
static gboolean
opens_related_block (xmlNode *node)
{
  xmlNode *only = NULL;

  if (tag_flags (node) & TAG_HEADING)
    return is_related_name (node) || is_related_heading_text (node);
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      {
        if (only != NULL)
          return FALSE;
        only = child;
      }
  return only != NULL && (tag_flags (only) & TAG_HEADING) &&
         (is_related_name (only) || is_related_heading_text (only));
}

/* Drops what is never content and, when stripping, what is unlikely to be. */
static void
prune (Attempt  *a,
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
      flags = tag_flags (child);
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
      prune (a, child,
             in_table || gloss_html_is_element (child, "table") ||
             gloss_html_is_element (child, "code"));
    }
}

static gboolean
is_phrasing (xmlNode *node)
{
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    return TRUE;
  return node->type == XML_ELEMENT_NODE && (tag_flags (node) & TAG_PHRASING) != 0;
}

static gboolean
is_whitespace_node (xmlNode *node)
{
  return (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) &&
         is_blank ((const char *) node->content);
}

static xmlNode *
next_significant (xmlNode *node)
{
  for (node = node->next; node != NULL && is_whitespace_node (node); node = node->next)
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
                 (gloss_html_is_element (child, "br") || is_whitespace_node (child)))
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
          if (is_whitespace_node (child) || gloss_html_is_element (child, "br"))
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
static void
restructure (Attempt *a,
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
        restructure (a, child);
    }
  if (!is_wrappable_container (node))
    return;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE && !is_phrasing (child))
        has_block = TRUE;
      else if (starts_double_br (child))
        has_double_br = TRUE;
      else if (is_phrasing (child) && !is_whitespace_node (child))
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
  else if ((tag_flags (node) & TAG_HEADING) || strcmp (name, "th") == 0)
    info->score -= 5;
  info->score += class_weight (a, node);
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

static void
score_tree (Attempt *a,
            xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (tag_flags (child) & TAG_SCORE)
        score_paragraph (a, child);
      score_tree (a, child);
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

static guint
count_element_children (xmlNode *node)
{
  guint n = 0;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    n += child->type == XML_ELEMENT_NODE;
  return n;
}

static xmlNode *
pick_top_candidate (Attempt *a)
{
  xmlNode *top[N_TOP_CANDIDATES] = { NULL };
  xmlNode *best;

  for (guint i = 0; i < a->candidates->len; i++)
    {
      xmlNode *node = g_ptr_array_index (a->candidates, i);
      NodeInfo *info = INFO (node);

      /* Link-heavy containers are menus and teaser lists, not articles. */
      info->score *= 1 - link_density (node);
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
         count_element_children (best->parent) == 1)
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
  double density = link_density (node);

  if (!gloss_html_is_element (node, "p"))
    return FALSE;
  if (info->text_len > 80)
    return density < 0.25;
  if (info->text_len > 0 && density == 0)
    {
      g_autofree char *text = node_text (node);

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
  if (!is_blank (top_class) && g_strcmp0 (top_class, sibling_class) == 0)
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
         link_density (node) < 0.5;
}

static xmlNode *
gather_article (Attempt *a,
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
  if (!is_blank (summary))
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
    if (item->type == XML_ELEMENT_NODE && count_element_children (item) > 1)
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
  int weight = class_weight (a, node);
  gboolean list = is_list_like (node);
  gboolean in_figure = has_ancestor_tag (node, "figure", article);
  double density = link_density (node);
  double heading_density = info->text_len > 0 ? (double) info->heading_len / info->text_len : 0;
  gboolean clutter;

  if (weight < 0)
    {
      g_autofree char *names = class_and_id (node);

      return !(names != NULL && matches (PATTERN_SHARE, names) && holds_quote (node));
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

static void
clean_conditionally (Attempt *a,
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
      clean_conditionally (a, child, article);
      if (is_conditional_tag (child) && looks_like_clutter (a, child, article))
        remove_measured (child);
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
  text = node_text (node);
  key = text_key (text);
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
         (tag_flags (node) & TAG_HEADING) != 0 || gloss_html_is_element (node, "strong") ||
         gloss_html_is_element (node, "em") || gloss_html_is_element (node, "b");
}

/* Who wrote it and when: the archive's header says so already. */
static gboolean
is_byline_block (xmlNode *node)
{
  g_autofree char *names = NULL;

  if (INFO (node) == NULL || INFO (node)->text_len >= 150 || INFO (node)->n_media > 0 ||
      INFO (node)->n_p > 1)
    return FALSE;
  names = class_and_id (node);
  return names != NULL && matches (PATTERN_BYLINE, names);
}

static gboolean
is_share_widget (Attempt *a,
                 xmlNode *node)
{
  g_autofree char *names = NULL;

  if (INFO (node) == NULL || INFO (node)->text_len >= 500)
    return FALSE;
  names = class_and_id (node);
  return names != NULL && matches (PATTERN_SHARE, names) && !holds_quote (node);
}

static gboolean
is_related_heading (xmlNode *node)
{
  if (INFO (node) == NULL || INFO (node)->text_len > 60)
    return FALSE;
  return is_related_name (node) || is_related_heading_text (node);
}

static xmlNode *
first_element_child (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      return child;
    else if (!is_whitespace_node (child))
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
  if (is_related_name (node) && INFO (node)->text_len * 2 < INFO (article)->text_len)
    return TRUE;
  /* The heading may sit in a wrapper of its own. */
  for (first = first_element_child (node); first != NULL && !(tag_flags (first) & TAG_HEADING) &&
       count_element_children (first) == 1 && first->children == first->last;
       first = first_element_child (first))
    ;
  return first != NULL && (tag_flags (first) & TAG_HEADING) && first != node->last &&
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
      info->text_len <= 40 || link_density (node) <= 0.8)
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
      info->text_len == 0 || link_density (node) <= 0.6 || has_ancestor_tag (node, "li", NULL) ||
      has_ancestor_tag (node, "blockquote", NULL))
    return FALSE;
  if (count_links (node) >= 2)
    return TRUE;
  /* One link: a teaser headline, not a short label or a bare address. */
  text = node_text (node);
  return count_words (text) >= 5 && strstr (text, "://") == NULL && strstr (text, "www.") == NULL;
}

/* Empty blocks, share bars, "Advertisement" labels and page furniture that
 * survived: removed at every attempt, whatever its flags. */
static void
clean_furniture (Attempt *a,
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
      if (tag_flags (child) & TAG_BOILER || is_share_widget (a, child) || is_byline_block (child) ||
          ((tag_flags (child) & TAG_HEADING) &&
           (class_weight (a, child) < 0 || is_related_name (child))) ||
          is_related_block (child, article) || is_hover_card (child) || is_link_paragraph (child))
        {
          remove_measured (child);
          continue;
        }
      if (gloss_html_is_element (child, "pre") || gloss_html_is_element (child, "code") ||
          gloss_html_is_element (child, "table"))
        continue;
      clean_furniture (a, child, article);
      info = INFO (child);
      if (info == NULL)
        continue;
      if (info->text_len == 0 && info->n_media == 0 && !gloss_html_is_element (child, "br") &&
          !gloss_html_is_element (child, "hr") && !gloss_html_is_element (child, "td") &&
          !gloss_html_is_element (child, "th"))
        remove_measured (child);
      else if (is_line_tag (child) && is_boilerplate_line (child))
        remove_measured (child);
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
          (!headings_only || (tag_flags (child) & TAG_HEADING)))
        {
          g_autofree char *text = node_text (child);
          g_autofree char *child_key = text_key (text);

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
static void
remove_title_and_byline (Attempt *a,
                         xmlNode *article)
{
  g_autofree char *title_key = text_key (a->meta != NULL ? a->meta->title : NULL);
  g_autofree char *byline_key = text_key (a->meta != NULL ? a->meta->byline : NULL);
  xmlNode *found;

  if (*title_key != '\0' && (found = find_text_element (article, title_key, TRUE)) != NULL)
    remove_measured (found);
  if (*byline_key != '\0' && (found = find_text_element (article, byline_key, FALSE)) != NULL)
    remove_measured (found);
}

/* Repeats ------------------------------------------------------------------ */

#define MIN_REPEAT_KEY 24

static gboolean
has_block_child (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && !(tag_flags (child) & (TAG_PHRASING | TAG_MEDIA)) &&
        !gloss_html_is_element (child, "hr"))
      return TRUE;
  return FALSE;
}

static gboolean
is_caption_name (xmlNode *node)
{
  g_autofree char *names = class_and_id (node);

  return gloss_html_is_element (node, "figure") || gloss_html_is_element (node, "figcaption") ||
         (names != NULL && matches (PATTERN_CAPTION, names));
}

/* The innermost blocks of text that sit in a caption or a gallery. */
static void
collect_caption_blocks (xmlNode   *node,
                        gboolean   in_caption,
                        GPtrArray *blocks)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      gboolean caption;

      if (child->type != XML_ELEMENT_NODE || INFO (child) == NULL || INFO (child)->text_len == 0 ||
          gloss_html_is_element (child, "pre") || gloss_html_is_element (child, "table") ||
          (tag_flags (child) & TAG_PHRASING))
        continue;
      caption = in_caption || is_caption_name (child);
      if (!has_block_child (child))
        {
          if (caption)
            g_ptr_array_add (blocks, child);
        }
      else
        collect_caption_blocks (child, caption, blocks);
    }
}

/* Galleries and responsive layouts print a caption twice, or once in full
 * and once cut short: a caption whose text repeats an earlier caption, or
 * starts one, goes. */
static void
remove_repeated_blocks (xmlNode *article)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  collect_caption_blocks (article, FALSE, blocks);
  for (guint i = 0; i < blocks->len; i++)
    {
      xmlNode *block = g_ptr_array_index (blocks, i);
      g_autofree char *text = NULL;
      char *key;
      gboolean repeated = FALSE;
      gsize key_len;

      if (INFO (block)->text_len < MIN_REPEAT_KEY)
        continue;
      text = node_text (block);
      key = text_key (text);
      key_len = strlen (key);
      for (guint k = 0; k < keys->len && !repeated && key_len >= MIN_REPEAT_KEY; k++)
        repeated = strncmp (g_ptr_array_index (keys, k), key, key_len) == 0;
      if (repeated)
        {
          remove_measured (block);
          g_free (key);
        }
      else
        g_ptr_array_add (keys, key);
    }
}

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
      names = class_and_id (up);
      if (names != NULL && matches (PATTERN_COMMENTS, names))
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

  prune (a, root, FALSE);
  restructure (a, root);
  clear_private (root);
  measure (a, root);
  score_tree (a, root);
  top = pick_top_candidate (a);
  a->in_comments = top != NULL && is_in_comments (top);
  article = gather_article (a, root, top);
  xmlFreeNode (root);

  measure (a, article);
  if (a->flags & FLAG_CLEAN_CONDITIONALLY)
    clean_conditionally (a, article, article);
  clean_furniture (a, article, article);
  remove_repeated_blocks (article);
  remove_title_and_byline (a, article);
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

      clear_private (article);
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
