/* gloss-extract-metadata.c — reader-mode extraction: title, byline, dates and links of a page
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From JSON-LD (gloss-extract-jsonld.c), OpenGraph, Twitter cards, <meta>,
 * Dublin Core, <time> and heuristics, in that order of trust.
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-extract-private.h"
#include "gloss-utils-private.h"
#include "gloss-dom-private.h"
#include "gloss-html.h"

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
scan_meta (PageScan *scan,
           xmlNode  *node)
{
  static const char * const keys[] = { "property", "name", "itemprop", "http-equiv" };
  g_autofree char *content = gloss_html_get_attr (node, "content");

  if (_gloss_extract_is_blank (content))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *key = gloss_html_get_attr (node, keys[i]);
      g_auto(GStrv) names = NULL;

      if (_gloss_extract_is_blank (key))
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
            g_hash_table_insert (scan->meta, lower, _gloss_extract_collapse_spaces (content));
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

  if (!_gloss_extract_is_blank (content))
    return _gloss_extract_collapse_spaces (content);
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

      scan->title = _gloss_extract_collapse_spaces ((const char *) content);
      xmlFree (content);
    }
  else if (strcmp (name, "h1") == 0 && scan->headings->len < 3)
    g_ptr_array_add (scan->headings, _gloss_extract_node_text (node));
  else if (strcmp (name, "link") == 0)
    {
      g_autofree char *rel = gloss_html_get_attr (node, "rel");

      if (has_token (rel, "canonical"))
        _gloss_extract_set_once (&scan->canonical, gloss_html_get_attr (node, "href"));
      else if (has_token (rel, "image_src"))
        _gloss_extract_set_once (&scan->image_src, gloss_html_get_attr (node, "href"));
    }
  else if (strcmp (name, "time") == 0)
    {
      g_autofree char *datetime = gloss_html_get_attr (node, "datetime");

      if (!_gloss_extract_is_blank (datetime) &&
          (xmlHasProp (node, (const xmlChar *) "pubdate") != NULL ||
           has_token (itemprop, "datePublished")))
        _gloss_extract_set_once (&scan->itemprop_date, g_strdup (datetime));
      if (!_gloss_extract_is_blank (datetime))
        _gloss_extract_set_once (&scan->time_datetime, g_strdup (datetime));
    }
  else if (strcmp (name, "html") == 0)
    {
      g_autofree char *lang = gloss_html_get_attr (node, "lang");

      _gloss_extract_set_once (&scan->lang, _gloss_extract_dup_nonblank (lang));
    }

  if (strcmp (name, "a") == 0)
    {
      g_autofree char *rel = gloss_html_get_attr (node, "rel");

      if (has_token (rel, "author"))
        _gloss_extract_set_once (&scan->rel_author, _gloss_extract_node_text (node));
    }
  if (itemprop != NULL)
    {
      if (has_token (itemprop, "author") || has_token (itemprop, "creator"))
        _gloss_extract_set_once (&scan->itemprop_author, itemprop_name_text (node));
      else if (has_token (itemprop, "datePublished") && strcmp (name, "meta") != 0)
        _gloss_extract_set_once (&scan->itemprop_date, _gloss_extract_node_text (node));
    }
  if (scan->byline_hint == NULL && looks_like_byline_class (node))
    {
      g_autofree char *text = _gloss_extract_node_text (node);

      if (g_utf8_strlen (text, -1) < 100 && _gloss_extract_count_words (text) <= 12)
        _gloss_extract_set_once (&scan->byline_hint, g_steal_pointer (&text));
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

/* Assembling ------------------------------------------------------------- */

static const char *
meta_get (PageScan   *scan,
          const char *key)
{
  const char *value = g_hash_table_lookup (scan->meta, key);

  return _gloss_extract_is_blank (value) ? NULL : value;
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
  g_autofree char *title = _gloss_extract_collapse_spaces (raw);
  g_autofree char *title_key = _gloss_extract_text_key (title);
  g_autofree char *site_key = _gloss_extract_text_key (site_name);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize sep_len = 0;
  gssize cut;

  for (guint i = 0; headings != NULL && i < headings->len; i++)
    {
      const char *heading = g_ptr_array_index (headings, i);
      g_autofree char *key = _gloss_extract_text_key (heading);

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
      g_autofree char *after_key = _gloss_extract_text_key (after);
      gssize first = find_separator (title, FALSE, &sep_len);
      g_autofree char *first_part = g_strndup (title, first);
      g_autofree char *first_key = _gloss_extract_text_key (first_part);

      if (g_str_equal (after_key, site_key))
        return g_steal_pointer (&before);
      if (g_str_equal (first_key, site_key))
        return g_strdup (title + first + sep_len);
    }
  if (_gloss_extract_count_words (before) >= 3)
    return g_steal_pointer (&before);

  /* "Site | A story title": the site comes first. */
  cut = find_separator (title, FALSE, &sep_len);
  if (_gloss_extract_count_words (title + cut + sep_len) >= 3)
    return g_strdup (title + cut + sep_len);
  return g_steal_pointer (&title);
}

/* og:title often carries the site suffix as well; cut it only when it is
 * exactly the site's name. */
static char *
strip_site_suffix (char       *title,
                   const char *site_name)
{
  g_autofree char *site_key = _gloss_extract_text_key (site_name);
  gsize sep_len = 0;
  gssize cut;

  if (title == NULL || *site_key == '\0')
    return title;
  cut = find_separator (title, TRUE, &sep_len);
  if (cut > 0)
    {
      g_autofree char *after_key = _gloss_extract_text_key (title + cut + sep_len);

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

  if (_gloss_extract_is_blank (locale))
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
  _gloss_extract_read_linked_data (&ld, scan.ld_scripts);

  meta = g_new0 (GlossMetadata, 1);

  meta->site_name = g_strdup (ld.site_name);
  _gloss_extract_set_once (&meta->site_name, meta_first (&scan, site_keys));
  _gloss_extract_set_once (&meta->site_name, g_strdup (ld.website_name));

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
  _gloss_extract_set_once (&meta->language, locale_to_language (meta_get (&scan, "og:locale")));
  _gloss_extract_set_once (&meta->language, meta_first (&scan, language_keys));
  _gloss_extract_set_once (&meta->language, g_strdup (ld.language));

  meta->description = g_strdup (ld.description);
  _gloss_extract_set_once (&meta->description, meta_first (&scan, description_keys));

  value = g_strdup (ld.image);
  _gloss_extract_set_once (&value, meta_first (&scan, image_keys));
  _gloss_extract_set_once (&value, g_strdup (scan.image_src));
  meta->lead_image = !_gloss_extract_is_blank (value)
                     ? _gloss_dom_resolve_url (base_url, value) : NULL;
  g_free (value);
  /* The inliner fetches it and embeds it if it is a picture; a data: or
   * javascript: URL from the page would go into the archive as it is. */
  if (!_gloss_is_web_url (meta->lead_image))
    g_clear_pointer (&meta->lead_image, g_free);

  value = g_strdup (scan.canonical);
  _gloss_extract_set_once (&value, g_strdup (meta_get (&scan, "og:url")));
  _gloss_extract_set_once (&value, g_strdup (ld.url));
  meta->canonical_url = !_gloss_extract_is_blank (value)
                        ? _gloss_dom_resolve_url (base_url, value) : NULL;
  g_free (value);
  /* The archive's id comes from it: only a web address names an article. */
  if (!_gloss_is_web_url (meta->canonical_url))
    g_clear_pointer (&meta->canonical_url, g_free);
  if (meta->canonical_url == NULL)
    meta->canonical_url = g_strdup (base_url);

  meta->article_body = g_strdup (ld.article_body);

  page_scan_clear (&scan);
  _gloss_extract_linked_data_clear (&ld);
  return meta;
}

GlossMetadata *
gloss_metadata_copy (const GlossMetadata *meta)
{
  GlossMetadata *copy = g_new0 (GlossMetadata, 1);

  g_return_val_if_fail (meta != NULL, copy);

  copy->title = g_strdup (meta->title);
  copy->byline = g_strdup (meta->byline);
  copy->site_name = g_strdup (meta->site_name);
  copy->published = g_strdup (meta->published);
  copy->language = g_strdup (meta->language);
  copy->description = g_strdup (meta->description);
  copy->lead_image = g_strdup (meta->lead_image);
  copy->canonical_url = g_strdup (meta->canonical_url);
  copy->article_body = g_strdup (meta->article_body);
  return copy;
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
