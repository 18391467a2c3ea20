/* gloss-dom.c — preparing a parsed page: lazy images, absolute URLs
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-dom-private.h"
#include "gloss-utils-private.h"
#include "gloss-html.h"

#define SRCSET_MAX_WIDTH 1600

/* Where lazy-loading scripts keep the real image until it scrolls into view. */
static const char * const lazy_src_attrs[] = {
  "data-src", "data-lazy-src", "data-original", "data-lazy", "data-hi-res-src", "data-url",
  "data-lazyload", "data-echo", "data-orig-file", "data-full-src", "data-img-src", NULL
};
static const char * const lazy_srcset_attrs[] = {
  "data-srcset", "data-lazy-srcset", "data-original-set", NULL
};
static const char * const url_attrs[] = { "href", "src", "poster", "cite", "background", NULL };

/* Where the authority (userinfo, host, port) of @url ends, or @url itself
 * when it has none: a host is percent-decoded, never left encoded. */
static const char *
skip_authority (const char *url)
{
  const char *p = url;

  if (g_ascii_isalpha (*p))
    {
      while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
        p++;
      p = *p == ':' ? p + 1 : url;
    }
  if (p[0] != '/' || p[1] != '/')
    return url;
  return p + 2 + strcspn (p + 2, "/?#");
}

/* What a browser's URL parser does to an attribute value before resolving
 * it: spaces, controls, non-ASCII and the quote and angle brackets become
 * %XX. GUri rewrites the %XX it finds (%7e becomes ~, %2f becomes %2F)
 * where a browser keeps them as written, so those after the authority are
 * hidden from it as %25XX and given back by unprotect_percents(). */
static char *
escape_url (const char *url)
{
  const char *authority_end = skip_authority (url);
  GString *escaped = g_string_new (NULL);

  for (const char *p = url; *p != '\0'; p++)
    {
      if ((guchar) *p <= 0x20 || (guchar) *p >= 0x7F || *p == '"' || *p == '<' || *p == '>')
        g_string_append_printf (escaped, "%%%02X", (guchar) *p);
      else if (*p == '%' && p >= authority_end && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        g_string_append (escaped, "%25");
      else
        g_string_append_c (escaped, *p);
    }
  return g_string_free (escaped, FALSE);
}

static char *
unprotect_percents (char *url)
{
  char *out = (char *) skip_authority (url);

  for (const char *p = out; *p != '\0'; p++)
    {
      *out++ = *p;
      if (p[0] == '%' && p[1] == '2' && p[2] == '5' && g_ascii_isxdigit (p[3]) &&
          g_ascii_isxdigit (p[4]))
        p += 2;
    }
  *out = '\0';
  return url;
}

char *
_gloss_dom_resolve_url (const char *base_url,
                        const char *href)
{
  const GUriFlags flags = G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED;
  g_autofree char *trimmed = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *escaped_base = NULL;
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *path;
  char *resolved;

  if (href == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (href));
  escaped = escape_url (trimmed);
  if (base_url != NULL && *base_url != '\0' &&
      (base = g_uri_parse (escaped_base = escape_url (base_url), flags, NULL)) == NULL)
    return NULL;
  /* Without a base, only an absolute URL resolves. */
  if ((uri = g_uri_parse_relative (base, escaped, flags, NULL)) == NULL)
    return NULL;
  /* A host with a path not from its root, or no host and a path that
   * would read as one, is no URL (and GUri would assert on writing it). */
  path = g_uri_get_path (uri);
  if (g_uri_get_host (uri) != NULL ? (*path != '\0' && *path != '/') : g_str_has_prefix (path, "//"))
    return NULL;
  /* "%" is a forbidden host code point once the host is decoded. */
  if (g_uri_get_host (uri) != NULL && strchr (g_uri_get_host (uri), '%') != NULL)
    return NULL;
  resolved = g_uri_to_string (uri);
  /* GUri decodes a host, and a host with a space in it is no URL. */
  for (const char *p = resolved; *p != '\0'; p++)
    if ((guchar) *p <= 0x20)
      {
        g_free (resolved);
        return NULL;
      }
  return unprotect_percents (resolved);
}

typedef struct
{
  char   *url;
  double  width;   /* 0 when given as density */
  double  density;
} Candidate;

/* Follows the HTML srcset grammar: a URL runs to whitespace (commas inside
 * it are legal), then descriptors run to the next comma. */
static GArray *
parse_srcset (const char *srcset)
{
  GArray *candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  const char *p = srcset;

  while (*p)
    {
      Candidate c = { NULL, 0, 1 };
      const char *start;
      gsize len;

      while (g_ascii_isspace (*p) || *p == ',')
        p++;
      if (*p == '\0')
        break;
      start = p;
      while (*p && !g_ascii_isspace (*p))
        p++;
      len = p - start;
      while (len > 0 && start[len - 1] == ',')
        len--;
      c.url = g_strndup (start, len);
      if (start[p - start - 1] != ',')
        {
          const char *end = strchr (p, ',');
          g_autofree char *descriptors = end ? g_strndup (p, end - p) : g_strdup (p);
          g_auto(GStrv) tokens = g_strsplit_set (g_strstrip (descriptors), " \t\n", -1);

          for (guint i = 0; tokens[i]; i++)
            {
              gsize n = strlen (tokens[i]);
              if (n > 1 && tokens[i][n - 1] == 'w')
                c.width = g_ascii_strtod (tokens[i], NULL);
              else if (n > 1 && tokens[i][n - 1] == 'x')
                c.density = g_ascii_strtod (tokens[i], NULL);
            }
          p = end ? end : p + strlen (p);
        }
      if (*c.url)
        g_array_append_val (candidates, c);
      else
        g_free (c.url);
    }
  return candidates;
}

static gboolean
better_candidate (const Candidate *a,
                  const Candidate *best)
{
  double va = a->width > 0 ? a->width : a->density;
  double vb = best->width > 0 ? best->width : best->density;
  double limit = a->width > 0 ? SRCSET_MAX_WIDTH : 2.0;

  if (vb > limit)
    return va < vb;          /* everything so far too big: take the smallest */
  return va <= limit && va > vb;
}

char *
_gloss_dom_pick_srcset (const char *srcset,
                        const char *base_url)
{
  g_autoptr(GArray) candidates = NULL;
  Candidate *best = NULL;
  char *result;

  if (srcset == NULL)
    return NULL;
  candidates = parse_srcset (srcset);
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);
      if (best == NULL || better_candidate (c, best))
        best = c;
    }
  result = best ? _gloss_dom_resolve_url (base_url, best->url) : NULL;
  for (guint i = 0; i < candidates->len; i++)
    g_free (g_array_index (candidates, Candidate, i).url);
  return result;
}

static char *
resolve_srcset (const char *srcset,
                const char *base_url)
{
  g_autoptr(GArray) candidates = parse_srcset (srcset);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);
      g_autofree char *url = _gloss_dom_resolve_url (base_url, c->url);

      if (url != NULL)
        {
          if (out->len > 0)
            g_string_append (out, ", ");
          g_string_append (out, url);
          if (c->width > 0)
            g_string_append_printf (out, " %gw", c->width);
          else if (c->density != 1)
            g_string_append_printf (out, " %gx", c->density);
        }
      g_free (c->url);
    }
  return g_string_free (out, FALSE);
}

static void
set_attr (xmlNode    *node,
          const char *name,
          const char *value)
{
  xmlSetProp (node, (const xmlChar *) name, (const xmlChar *) value);
}

static void
unset_attr (xmlNode    *node,
            const char *name)
{
  xmlUnsetProp (node, (const xmlChar *) name);
}

/* A src that a lazy loader put there to be replaced: a tiny data: GIF, a
 * spacer, or nothing at all. */
static gboolean
is_placeholder_src (const char *src)
{
  static const char * const hints[] = {
    "placeholder", "blank.", "spacer", "lazy", "1x1", "pixel.", "transparent", "loading", "grey.gif", NULL
  };
  g_autofree char *lower = NULL;

  if (src == NULL || *src == '\0')
    return TRUE;
  if (g_str_has_prefix (src, "data:"))
    return strlen (src) < 512;
  lower = g_ascii_strdown (src, -1);
  for (guint i = 0; hints[i]; i++)
    if (strstr (lower, hints[i]) != NULL)
      return TRUE;
  return FALSE;
}

static char *
first_attr (xmlNode            *node,
            const char * const *names)
{
  for (guint i = 0; names[i]; i++)
    {
      char *value = gloss_html_get_attr (node, names[i]);
      if (value != NULL && *g_strstrip (value))
        return value;
      g_free (value);
    }
  return NULL;
}

static void
resolve_lazy_image (xmlNode *img)
{
  g_autofree char *src = gloss_html_get_attr (img, "src");
  g_autofree char *srcset = gloss_html_get_attr (img, "srcset");
  g_autofree char *lazy_src = first_attr (img, lazy_src_attrs);
  g_autofree char *lazy_srcset = first_attr (img, lazy_srcset_attrs);

  if (lazy_src != NULL && (is_placeholder_src (src) || g_strcmp0 (src, lazy_src) != 0))
    set_attr (img, "src", lazy_src);
  if (lazy_srcset != NULL)
    set_attr (img, "srcset", lazy_srcset);
  else if (lazy_src == NULL && is_placeholder_src (src) && srcset == NULL)
    unset_attr (img, "src");
  for (guint i = 0; lazy_src_attrs[i]; i++)
    unset_attr (img, lazy_src_attrs[i]);
  for (guint i = 0; lazy_srcset_attrs[i]; i++)
    unset_attr (img, lazy_srcset_attrs[i]);
}

static xmlNode *
previous_element (xmlNode *node)
{
  for (node = node->prev; node != NULL; node = node->prev)
    {
      if (node->type == XML_ELEMENT_NODE)
        return node;
      if (node->type == XML_TEXT_NODE && !xmlIsBlankNode (node))
        return NULL;
    }
  return NULL;
}

/* Frees @node, noting in @gone every element it held: a list collected
 * before must not visit them. */
static void
free_noting (xmlNode    *node,
             GHashTable *gone)
{
  GQueue queue = G_QUEUE_INIT;
  xmlNode *next;

  g_queue_push_tail (&queue, node);
  while ((next = g_queue_pop_head (&queue)) != NULL)
    {
      g_hash_table_add (gone, next);
      for (xmlNode *child = next->children; child != NULL; child = child->next)
        g_queue_push_tail (&queue, child);
    }
  xmlUnlinkNode (node);
  xmlFreeNode (node);
}

/* <img placeholder><noscript><img real></noscript> becomes <img real>. */
static void
resolve_noscript (xmlNode    *noscript,
                  GHashTable *gone)
{
  xmlNode *img = gloss_html_find_element (noscript->children, "img");
  xmlNode *prev;

  if (img == NULL)
    return;
  prev = previous_element (noscript);
  if (prev != NULL && !gloss_html_is_element (prev, "img"))
    prev = xmlChildElementCount (prev) == 1 ? gloss_html_find_element (prev->children, "img") : NULL;
  if (prev != NULL && xmlHasProp (prev, (const xmlChar *) "src"))
    {
      /* The lazy attributes already gave the placeholder its real image. */
      free_noting (noscript, gone);
      return;
    }
  xmlUnlinkNode (img);
  xmlAddPrevSibling (prev != NULL ? prev : noscript, img);
  if (prev != NULL)
    free_noting (prev, gone);
  free_noting (noscript, gone);
}

static gboolean
source_is_usable (xmlNode *source)
{
  g_autofree char *type = gloss_html_get_attr (source, "type");
  g_autofree char *media = gloss_html_get_attr (source, "media");

  if (type != NULL && !g_str_has_prefix (type, "image/"))
    return FALSE;
  if (type != NULL && strstr (type, "jxl") != NULL)
    return FALSE;
  return media == NULL || strstr (media, "min-width") != NULL || strstr (media, "max-width") == NULL;
}

/* A <picture> keeps its <img>, given the best candidate of the first source
 * a desktop browser would choose. */
static void
resolve_picture (xmlNode    *picture,
                 const char *base_url)
{
  xmlNode *img = gloss_html_find_element (picture->children, "img");
  xmlNode *child, *next;
  g_autofree char *chosen = NULL;

  for (child = picture->children; child != NULL; child = next)
    {
      next = child->next;
      if (!gloss_html_is_element (child, "source"))
        continue;
      if (chosen == NULL && source_is_usable (child))
        {
          g_autofree char *srcset = gloss_html_get_attr (child, "srcset");
          if (srcset == NULL)
            srcset = first_attr (child, lazy_srcset_attrs);
          chosen = _gloss_dom_pick_srcset (srcset, base_url);
        }
      gloss_html_remove_node (child);
    }
  if (img != NULL && chosen != NULL)
    {
      set_attr (img, "src", chosen);
      unset_attr (img, "srcset");
    }
}

static void
absolutize (xmlNode    *node,
            const char *base_url)
{
  for (guint i = 0; url_attrs[i]; i++)
    {
      g_autofree char *value = gloss_html_get_attr (node, url_attrs[i]);
      g_autofree char *resolved = NULL;

      if (value == NULL || value[0] == '#' || g_str_has_prefix (value, "data:"))
        continue;
      if ((resolved = _gloss_dom_resolve_url (base_url, value)) != NULL)
        set_attr (node, url_attrs[i], resolved);
    }
  if (xmlHasProp (node, (const xmlChar *) "srcset"))
    {
      g_autofree char *srcset = gloss_html_get_attr (node, "srcset");
      g_autofree char *resolved = resolve_srcset (srcset, base_url);

      set_attr (node, "srcset", resolved);
    }
}

static void
collect (xmlNode    *node,
         const char *name,
         GPtrArray  *found)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (name == NULL || gloss_html_is_element (node, name))
        g_ptr_array_add (found, node);
      collect (node->children, name, found);
    }
}

static GPtrArray *
elements (xmlDoc     *doc,
          const char *name)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (xmlDocGetRootElement (doc), name, found);
  return found;
}

static char *
effective_base (xmlDoc     *doc,
                const char *base_url)
{
  g_autoptr(GPtrArray) bases = elements (doc, "base");
  g_autofree char *href = bases->len > 0 ? gloss_html_get_attr (bases->pdata[0], "href") : NULL;
  char *result = g_strdup (base_url);

  if (href != NULL)
    {
      char *resolved = _gloss_dom_resolve_url (base_url, href);
      /* <base href="javascript:…"> would become the canonical link. */
      if (resolved != NULL && !_gloss_is_web_url (resolved))
        g_clear_pointer (&resolved, g_free);
      if (resolved != NULL)
        g_free (g_steal_pointer (&result)), result = resolved;
    }
  /* Last first: a <base> inside another (SVG has no void elements) goes
   * before the one that holds it, not with it and then again. */
  for (guint i = bases->len; i > 0; i--)
    gloss_html_remove_node (bases->pdata[i - 1]);
  return result;
}

void
_gloss_dom_prepare (xmlDoc     *doc,
                    const char *base_url)
{
  g_autofree char *base = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  GHashTable *gone;

  g_return_if_fail (doc != NULL);

  base = effective_base (doc, base_url);
  /* Kept for what still holds relative URLs: stylesheets and style="". */
  if (base != NULL)
    {
      xmlFree ((xmlChar *) doc->URL);
      doc->URL = xmlStrdup ((const xmlChar *) base);
    }

  nodes = elements (doc, "img");
  for (guint i = 0; i < nodes->len; i++)
    resolve_lazy_image (nodes->pdata[i]);
  g_ptr_array_unref (nodes);

  /* Collected first: resolving one changes the tree around it, and may free
   * another (nested in it, or its placeholder). */
  nodes = elements (doc, "noscript");
  gone = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < nodes->len; i++)
    if (!g_hash_table_contains (gone, nodes->pdata[i]))
      resolve_noscript (nodes->pdata[i], gone);
  g_hash_table_unref (gone);
  g_ptr_array_unref (nodes);

  nodes = elements (doc, NULL);
  for (guint i = 0; i < nodes->len; i++)
    absolutize (nodes->pdata[i], base);
  g_ptr_array_unref (nodes);

  /* Last first: resolving one removes its <source>s, which in SVG could
   * hold another picture; that one is done by then. */
  nodes = elements (doc, "picture");
  for (guint i = nodes->len; i > 0; i--)
    resolve_picture (nodes->pdata[i - 1], base);
  g_ptr_array_unref (nodes);

  nodes = elements (doc, "img");
  for (guint i = 0; i < nodes->len; i++)
    if (!xmlHasProp (nodes->pdata[i], (const xmlChar *) "src"))
      {
        g_autofree char *srcset = gloss_html_get_attr (nodes->pdata[i], "srcset");
        g_autofree char *src = _gloss_dom_pick_srcset (srcset, base);
        if (src != NULL)
          set_attr (nodes->pdata[i], "src", src);
      }
  g_clear_pointer (&nodes, g_ptr_array_unref);
}
