/* gloss-archive.c — the self-contained archive file
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gloss-archive.h"
#include "gloss-extract.h"
#include "gloss-html.h"
#include "gloss-page.h"
#include "gloss-sanitize-private.h"
#include "gloss-utils-private.h"

#define SLUG_MAX 60
/* Parse-and-serialize rounds before an archive must be the same as the
 * round before (see settle ()). */
#define SETTLE_ROUNDS 4

G_DEFINE_QUARK (gloss-archive-error-quark, gloss_archive_error)

/* Enough to read well in any browser, light or dark; the Gloss view brings
 * its own typography on top. */
static const char reader_css[] =
  "html{color-scheme:light dark}"
  "body{margin:0 auto;max-width:42em;padding:2em 1.25em 4em;font:1.125rem/1.6 Georgia,"
  "'Noto Serif','DejaVu Serif',serif;color:#1f1f1f;background:#fff}"
  "@media (prefers-color-scheme:dark){body{color:#e6e6e6;background:#1e1e1e}a{color:#8cb4ff}}"
  "h1,h2,h3,h4{font-family:system-ui,'Cantarell',sans-serif;line-height:1.25}"
  "h1{font-size:2em;margin:0 0 .3em}"
  ".gloss-byline,.gloss-source{font-family:system-ui,'Cantarell',sans-serif;font-size:.9rem;"
  "opacity:.75;margin:.2em 0}"
  "img,video{max-width:100%;height:auto}"
  "figure{margin:1.5em 0}figcaption{font-size:.9rem;opacity:.75}"
  "blockquote{margin:1em 0;padding-left:1em;border-left:3px solid #8888}"
  "pre{overflow:auto;padding:.75em;background:#8881}code{font-size:.9em}"
  "table{border-collapse:collapse}td,th{border:1px solid #8886;padding:.25em .5em}";

char *
gloss_archive_slugify (const char *title)
{
  g_autofree char *ascii = g_str_to_ascii (title ? title : "", "C");
  GString *slug = g_string_new (NULL);

  for (const char *p = ascii; *p && slug->len < SLUG_MAX; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (*p == '\'' || *p == '?')
        continue;  /* "Alibaba's" reads better as "alibabas"; ? is what ASCII lacked */
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  /* Cut at a word boundary rather than mid-word. */
  if (slug->len >= SLUG_MAX && strchr (slug->str, '-') != NULL && g_ascii_isalnum (ascii[0]))
    {
      char *last = strrchr (slug->str, '-');
      if (last - slug->str > SLUG_MAX / 2)
        g_string_truncate (slug, last - slug->str);
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_assign (slug, "article");
  return g_string_free (slug, FALSE);
}

char *
gloss_archive_make_id (const char *title,
                       const char *canonical_url)
{
  g_autofree char *slug = gloss_archive_slugify (title);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical_url, -1);

  return g_strdup_printf ("%s-%.8s", slug, hash);
}

/* Like g_markup_escape_text() but leaves quotes other than " alone, so the
 * CSP reads 'none' rather than &apos;none&apos;. */
static char *
escape_attribute (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      default: g_string_append_c (out, *p);
      }
  return g_string_free (out, FALSE);
}

static void
append_meta (GString    *out,
             const char *attr,
             const char *name,
             const char *content)
{
  g_autofree char *escaped = NULL;

  if (content == NULL || *content == '\0')
    return;
  escaped = escape_attribute (content);
  g_string_append_printf (out, "<meta %s=\"%s\" content=\"%s\">\n", attr, name, escaped);
}

static void
append_head (GString    *out,
             GlossPage  *page,
             const char *source,
             GDateTime  *saved,
             GPtrArray  *missing)
{
  GlossMetadata *meta = page->meta;
  g_autofree char *title = g_markup_escape_text (meta->title, -1);
  const char *canonical_url = _gloss_is_web_url (meta->canonical_url) ? meta->canonical_url
                                                                      : source;
  g_autofree char *canonical = g_markup_escape_text (canonical_url, -1);
  g_autofree char *saved_iso = g_date_time_format (saved, "%Y-%m-%dT%H:%M:%SZ");

  g_string_append (out, "<meta charset=\"utf-8\">\n");
  append_meta (out, "http-equiv", "Content-Security-Policy", GLOSS_ARCHIVE_CSP);
  append_meta (out, "name", "viewport", "width=device-width, initial-scale=1");
  g_string_append_printf (out, "<title>%s</title>\n", title);
  /* Only a web address: a page must not make its canonical link javascript:. */
  if (_gloss_is_web_url (canonical_url))
    g_string_append_printf (out, "<link rel=\"canonical\" href=\"%s\">\n", canonical);
  append_meta (out, "name", "author", meta->byline);
  append_meta (out, "property", "og:site_name", meta->site_name);
  append_meta (out, "property", "article:published_time", meta->published);
  append_meta (out, "name", "description", meta->description);
  append_meta (out, "name", "language", meta->language);
  append_meta (out, "name", "gloss:source", source);
  append_meta (out, "name", "gloss:saved", saved_iso);
  append_meta (out, "name", "gloss:mode", gloss_clip_mode_to_string (page->mode));
  append_meta (out, "name", "gloss:imported", page->imported);
  for (guint i = 0; missing != NULL && i < missing->len; i++)
    append_meta (out, "name", "gloss:missing", missing->pdata[i]);
}

static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *padded = NULL;

  if (iso == NULL)
    return NULL;
  date = g_date_time_new_from_iso8601 (iso, NULL);
  if (date == NULL && strlen (iso) >= 10)
    {
      padded = g_strdup_printf ("%.10sT00:00:00Z", iso);
      date = g_date_time_new_from_iso8601 (padded, NULL);
    }
  return date ? g_date_time_format (date, "%-d %B %Y") : NULL;
}

static void
append_article_header (GString    *out,
                       GlossPage  *page,
                       const char *source)
{
  GlossMetadata *meta = page->meta;
  g_autofree char *title = g_markup_escape_text (meta->title, -1);
  g_autofree char *date = format_date (meta->published);
  g_autoptr(GUri) uri = g_uri_parse (source, G_URI_FLAGS_PARSE_RELAXED, NULL);
  g_autofree char *href = g_markup_escape_text (source, -1);
  const char *host = uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : source;
  g_autofree char *host_text = g_markup_escape_text (host, -1);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_string_append_printf (out, "<header class=\"gloss-header\">\n<h1>%s</h1>\n", title);
  if (meta->byline != NULL)
    g_ptr_array_add (parts, g_markup_printf_escaped ("<span class=\"gloss-author\">%s</span>",
                                                     meta->byline));
  if (meta->site_name != NULL)
    g_ptr_array_add (parts, g_markup_printf_escaped ("<span class=\"gloss-site\">%s</span>",
                                                     meta->site_name));
  if (date != NULL)
    g_ptr_array_add (parts, g_markup_printf_escaped ("<time datetime=\"%s\">%s</time>",
                                                     meta->published, date));
  if (parts->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (parts, NULL);
      joined = g_strjoinv (" · ", (char **) parts->pdata);
      g_string_append_printf (out, "<p class=\"gloss-byline\">%s</p>\n", joined);
    }
  if (_gloss_is_web_url (source))
    g_string_append_printf (out, "<p class=\"gloss-source\"><a href=\"%s\">%s</a></p>\n",
                            href, host_text);
  else
    g_string_append_printf (out, "<p class=\"gloss-source\">%s</p>\n", host_text);
  g_string_append (out, "</header>\n");
}

static void
append_children (GString *out,
                 xmlDoc  *doc,
                 xmlNode *parent)
{
  for (xmlNode *child = parent ? parent->children : NULL; child != NULL; child = child->next)
    {
      g_autofree char *html = gloss_html_serialize (doc, child);
      g_string_append (out, html);
    }
}

static char *
build_reader (GlossPage  *page,
              const char *source,
              GDateTime  *saved,
              GPtrArray  *missing)
{
  GString *out = g_string_new ("<!DOCTYPE html>\n");
  g_autofree char *lang = g_markup_escape_text (page->meta->language ? page->meta->language
                                                                     : "", -1);

  if (*lang)
    g_string_append_printf (out, "<html lang=\"%s\">\n<head>\n", lang);
  else
    g_string_append (out, "<html>\n<head>\n");
  append_head (out, page, source, saved, missing);
  g_string_append_printf (out, "<style>%s</style>\n</head>\n<body>\n<article>\n", reader_css);
  append_article_header (out, page, source);
  append_children (out, page->doc, page->content);
  g_string_append (out, "\n</article>\n</body>\n</html>\n");
  return g_string_free (out, FALSE);
}

/* What a page's own <head> must not keep: our header replaces it. A <link>
 * still there is one the inliner did not turn into a <style>: it would load
 * from the network, or not at all. */
static gboolean
is_replaced_head_element (xmlNode *node)
{
  return gloss_html_is_element (node, "title") || gloss_html_is_element (node, "base") ||
         gloss_html_is_element (node, "meta") || gloss_html_is_element (node, "link");
}

/* The next node after @node under @root, in document order. */
static xmlNode *
next_node (xmlNode *node,
           xmlNode *root,
           gboolean skip_children)
{
  if (!skip_children && node->type == XML_ELEMENT_NODE && node->children != NULL)
    return node->children;
  while (node != root && node->next == NULL)
    node = node->parent;
  return node == root ? NULL : node->next;
}

/* Every <link> under @root goes: none is an inlined stylesheet any more. */
static void
drop_links (xmlNode *root)
{
  xmlNode *node = root;

  while (node != NULL)
    {
      xmlNode *next = next_node (node, root, gloss_html_is_element (node, "link"));

      if (gloss_html_is_element (node, "link"))
        gloss_html_remove_node (node);
      node = next;
    }
}

static char *
build_full (GlossPage  *page,
            const char *source,
            GDateTime  *saved,
            GPtrArray  *missing)
{
  xmlNode *root = xmlDocGetRootElement (page->doc);
  xmlNode *head = gloss_html_find_element (root, "head");
  xmlNode *body = gloss_html_body (page->doc);
  GString *out = g_string_new ("<!DOCTYPE html>\n");
  g_autofree char *lang = g_markup_escape_text (page->meta->language ? page->meta->language
                                                                     : "", -1);
  xmlNode *next;

  if (*lang)
    g_string_append_printf (out, "<html lang=\"%s\">\n<head>\n", lang);
  else
    g_string_append (out, "<html>\n<head>\n");
  append_head (out, page, source, saved, missing);
  for (xmlNode *child = head ? head->children : NULL; child != NULL; child = next)
    {
      next = child->next;
      if (is_replaced_head_element (child))
        gloss_html_remove_node (child);
    }
  append_children (out, page->doc, head);
  g_string_append (out, "\n</head>\n");
  if (body != NULL)
    {
      g_autofree char *html = NULL;

      drop_links (body);
      html = gloss_html_serialize (page->doc, body);
      g_string_append (out, html);
    }
  g_string_append (out, "\n</html>\n");
  return g_string_free (out, FALSE);
}

/* Browsers drop a newline right after <pre>, libxml2 keeps it: positions in
 * the text model (gloss-anchor.h) would differ by one between the C and the
 * JavaScript side. With no leading newline, both read the same text. */
static void
strip_pre_leading_newlines (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      if (gloss_html_is_element (node, "pre") && node->children != NULL &&
          node->children->type == XML_TEXT_NODE && node->children->content != NULL)
        {
          const char *text = (const char *) node->children->content;
          while (*text == '\n' || *text == '\r')
            text++;
          if (text != (const char *) node->children->content)
            {
              g_autofree char *rest = g_strdup (text);
              xmlNodeSetContent (node->children, (const xmlChar *) rest);
            }
        }
      if (node->type == XML_ELEMENT_NODE)
        strip_pre_leading_newlines (node->children);
    }
}

/* What the archive's head may hold: what append_head () writes and the
 * page's inlined <style>s. */
static gboolean
head_element_is_ours (xmlNode *node)
{
  if (gloss_html_namespace (node) != GLOSS_HTML_NS_HTML)
    return FALSE;
  if (gloss_html_is_element (node, "link"))
    {
      g_autofree char *href = gloss_html_get_attr (node, "href");

      return gloss_html_rel_has (node, "canonical") && _gloss_is_web_url (href);
    }
  return gloss_html_is_element (node, "meta") || gloss_html_is_element (node, "title") ||
         gloss_html_is_element (node, "style");
}

static gboolean
has_handler (xmlNode *node)
{
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    if (g_ascii_strncasecmp ((const char *) attr->name, "on", 2) == 0)
      return TRUE;
  return FALSE;
}

static void
clean_head (xmlNode *head)
{
  xmlNode *next;

  for (xmlNode *node = head ? head->children : NULL; node != NULL; node = next)
    {
      next = node->next;
      if (node->type == XML_TEXT_NODE)
        continue;
      if (node->type != XML_ELEMENT_NODE || !head_element_is_ours (node) || has_handler (node))
        gloss_html_remove_node (node);
    }
}

/* One round: @html parsed as a browser will parse it, sanitized again
 * (the head against what we write there, the body in full mode, which
 * allows all a reader archive holds) and written out. */
static char *
reparse (const char *html)
{
  g_autoptr(xmlDoc) doc = gloss_html_parse (html, strlen (html));
  xmlNode *root = doc ? xmlDocGetRootElement (doc) : NULL;
  xmlNode *body = gloss_html_body (doc);

  if (root == NULL)
    return g_strdup ("");
  clean_head (gloss_html_find_element (root, "head"));
  if (body != NULL)
    _gloss_sanitize (body, GLOSS_SANITIZE_FULL);
  return gloss_html_serialize (doc, NULL);
}

/* The archive as it will be: parsed the way a browser parses it, sanitized
 * again and serialized, until a round changes nothing. That last text is
 * the serialization of a tree the sanitizer saw exactly as a browser will
 * build it, whatever parser differences (foreign content, raw text, a
 * <p> a quirks-mode page held a <table> in) the page played on. A page
 * whose markup still changes after SETTLE_ROUNDS fails the clip. */
static char *
settle (char        *html,
        const char  *source,
        GError     **error)
{
  for (guint round = 0; round < SETTLE_ROUNDS; round++)
    {
      char *again = reparse (html);

      if (g_str_equal (again, html))
        {
          g_free (again);
          return html;
        }
      g_debug ("%s: the archive changed when parsed again (round %u)", source, round + 1);
      g_free (html);
      html = again;
    }
  g_free (html);
  g_set_error (error, GLOSS_ARCHIVE_ERROR, GLOSS_ARCHIVE_ERROR_UNSTABLE,
               _("Could not save %s safely: its markup reads differently each time it is parsed"),
               source);
  return NULL;
}

char *
gloss_archive_build (GlossPage   *page,
                     const char  *source,
                     GDateTime   *saved,
                     GPtrArray   *missing,
                     GError     **error)
{
  char *html;

  g_return_val_if_fail (page != NULL && page->meta != NULL, NULL);
  g_return_val_if_fail (source != NULL && saved != NULL, NULL);

  strip_pre_leading_newlines (page->content ? page->content : xmlDocGetRootElement (page->doc));
  if (page->mode == GLOSS_CLIP_MODE_FULL)
    html = build_full (page, source, saved, missing);
  else
    html = build_reader (page, source, saved, missing);
  return settle (html, source, error);
}

void
gloss_archive_info_free (GlossArchiveInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->id);
  g_free (info->title);
  g_free (info->author);
  g_free (info->site);
  g_free (info->published);
  g_free (info->description);
  g_free (info->language);
  g_free (info->source);
  g_free (info->canonical);
  g_free (info->saved);
  g_free (info->mode);
  g_free (info->lead_image);
  g_free (info);
}

static void
read_head_meta (GlossArchiveInfo *info,
                xmlNode          *node)
{
  static const struct { const char *name; gsize offset; } fields[] = {
    { "author", G_STRUCT_OFFSET (GlossArchiveInfo, author) },
    { "og:site_name", G_STRUCT_OFFSET (GlossArchiveInfo, site) },
    { "article:published_time", G_STRUCT_OFFSET (GlossArchiveInfo, published) },
    { "description", G_STRUCT_OFFSET (GlossArchiveInfo, description) },
    { "language", G_STRUCT_OFFSET (GlossArchiveInfo, language) },
    { "gloss:source", G_STRUCT_OFFSET (GlossArchiveInfo, source) },
    { "gloss:saved", G_STRUCT_OFFSET (GlossArchiveInfo, saved) },
    { "gloss:mode", G_STRUCT_OFFSET (GlossArchiveInfo, mode) },
  };
  g_autofree char *name = gloss_html_get_attr (node, "name");
  g_autofree char *property = gloss_html_get_attr (node, "property");
  const char *key = name ? name : property;

  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (fields); i++)
    {
      char **field = G_STRUCT_MEMBER_P (info, fields[i].offset);
      if (*field == NULL && g_str_equal (key, fields[i].name))
        *field = gloss_html_get_attr (node, "content");
    }
}

static void
read_head (GlossArchiveInfo *info,
           xmlNode          *head)
{
  for (xmlNode *node = head ? head->children : NULL; node != NULL; node = node->next)
    {
      if (gloss_html_is_element (node, "meta"))
        read_head_meta (info, node);
      else if (gloss_html_is_element (node, "title") && info->title == NULL)
        {
          xmlChar *title = xmlNodeGetContent (node);
          info->title = g_strdup ((const char *) title);
          xmlFree (title);
        }
      else if (gloss_html_is_element (node, "link") && info->canonical == NULL)
        {
          g_autofree char *rel = gloss_html_get_attr (node, "rel");
          if (g_strcmp0 (rel, "canonical") == 0)
            info->canonical = gloss_html_get_attr (node, "href");
        }
    }
}

GlossArchiveInfo *
gloss_archive_info_from_doc (const char  *path,
                             xmlDoc      *doc,
                             GError     **error)
{
  g_autoptr(GlossArchiveInfo) info = g_new0 (GlossArchiveInfo, 1);
  g_autofree char *base = NULL;
  xmlNode *img;

  g_return_val_if_fail (path != NULL, NULL);

  read_head (info, doc ? gloss_html_find_element (xmlDocGetRootElement (doc), "head") : NULL);
  if (info->source == NULL)
    {
      g_set_error (error, GLOSS_ARCHIVE_ERROR, GLOSS_ARCHIVE_ERROR_NOT_ARCHIVE,
                   _("%s is not a Gloss archive (it has no gloss:source)"), path);
      return NULL;
    }
  img = doc ? gloss_html_find_element (gloss_html_body (doc), "img") : NULL;
  info->lead_image = img ? gloss_html_get_attr (img, "src") : NULL;
  /* The lead picture is shown from the library: only an embedded picture. */
  if (info->lead_image != NULL && !g_str_has_prefix (info->lead_image, "data:image/"))
    g_clear_pointer (&info->lead_image, g_free);
  info->path = g_strdup (path);
  base = g_path_get_basename (path);
  info->id = g_str_has_suffix (base, ".html") ? g_strndup (base, strlen (base) - 5) : g_strdup (base);
  return g_steal_pointer (&info);
}

/* What the info needs of an archive: its head, and its body up to the end
 * of the first <img> tag (the lead picture) — not the other pictures, which
 * can be a hundred megabytes. */
#define INFO_CHUNK (64 * 1024)
#define INFO_MAX_BYTES (32 * 1024 * 1024)

static gboolean
holds_info (GString *prefix,
            gsize   *end)
{
  const char *head = strstr (prefix->str, "</head>");
  const char *img = head ? strstr (head, "<img") : NULL;
  const char *close = img ? strchr (img, '>') : NULL;

  if (close == NULL)
    return FALSE;
  *end = close + 1 - prefix->str;
  return TRUE;
}

static GString *
read_info_prefix (const char  *path,
                  GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  GString *prefix = g_string_new (NULL);
  g_autofree char *chunk = g_malloc (INFO_CHUNK);
  gsize end, got = 0;

  if (stream == NULL)
    return g_string_free (prefix, TRUE), NULL;
  while (prefix->len < INFO_MAX_BYTES &&
         g_input_stream_read_all (G_INPUT_STREAM (stream), chunk, INFO_CHUNK, &got, NULL, error) &&
         got > 0)
    {
      g_string_append_len (prefix, chunk, got);
      if (holds_info (prefix, &end))
        {
          g_string_truncate (prefix, end);
          return prefix;
        }
    }
  if (error != NULL && *error != NULL)
    return g_string_free (prefix, TRUE), NULL;
  return prefix;
}

GlossArchiveInfo *
gloss_archive_read_info (const char  *path,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  GString *prefix;

  g_return_val_if_fail (path != NULL, NULL);

  if ((prefix = read_info_prefix (path, &local_error)) == NULL)
    {
      g_set_error (error, GLOSS_ARCHIVE_ERROR, GLOSS_ARCHIVE_ERROR_UNREADABLE, _("Could not read %s: %s"),
                   path, local_error->message);
      return NULL;
    }
  doc = gloss_html_parse (prefix->str, prefix->len);
  g_string_free (prefix, TRUE);
  return gloss_archive_info_from_doc (path, doc, error);
}
