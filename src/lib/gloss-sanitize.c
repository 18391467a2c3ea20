/* gloss-sanitize.c — the allow-list that makes an archive safe to open
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-css-private.h"
#include "gloss-html.h"
#include "gloss-sanitize-private.h"

/* How much of a URL is decoded to find its scheme: enough for
 * "data:image/…" behind a few character references. */
#define URL_HEAD_CHARS 64

typedef enum
{
  ACTION_KEEP,
  ACTION_DROP,   /* the element and everything in it */
  ACTION_UNWRAP, /* the element only; its children take its place */
  ACTION_TEXT,   /* the element and what it holds give way to its text */
} Action;

static const char * const reader_elements[] = {
  "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "b", "i", "u", "s", "sub", "sup",
  "small", "mark", "q", "cite", "abbr", "dfn", "code", "pre", "kbd", "samp", "var", "blockquote",
  "ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption", "img", "picture", "table", "thead",
  "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "br", "hr", "div", "span",
  "section", "article", "header", "footer", "time", "details", "summary", "del", "ins", "ruby",
  "rt", "rp", "bdi", "bdo", "wbr", "video", "main", "aside", "address", "svg", NULL
};

/* Page structure and layout that only a full-page clip keeps. */
static const char * const full_elements[] = {
  "html", "head", "body", "title", "meta", "style", "link", "nav", "label", "fieldset", "legend",
  "hgroup", "menu", "center", "font", "big", "tt", "strike", "nobr", NULL
};

/* libxml2's HTML parser lowercases names, hence "lineargradient". */
static const char * const svg_elements[] = {
  "g", "path", "circle", "rect", "line", "polyline", "polygon", "ellipse", "text", "tspan", "defs",
  "title", "desc", "lineargradient", "radialgradient", "stop", "clippath", "mask", "pattern",
  "symbol", NULL
};

/* Active content, plugins, form controls and what only makes sense with a
 * script: their content goes too, because it is either code or a fallback
 * for something that is gone. */
static const char * const dropped_elements[] = {
  "script", "noscript", "template", "iframe", "frame", "frameset", "noframes", "noembed",
  "object", "embed", "applet", "param", "base", "input", "button", "select", "textarea", "option",
  "optgroup", "datalist", "output", "keygen", "meter", "progress", "dialog", "portal", "canvas",
  "audio", "source", "track", "map", "area", "foreignobject", "animate", "animatemotion",
  "animatetransform", "set", "use", "image", "feimage", "handler", "listener", NULL
};

/* Page metadata has no place inside an article. */
static const char * const reader_dropped_elements[] = {
  "head", "title", "style", "link", "meta", NULL
};

static const char * const reader_attributes[] = {
  "href", "src", "srcset", "alt", "title", "width", "height", "colspan", "rowspan", "headers",
  "scope", "datetime", "cite", "lang", "dir", "start", "reversed", "id", "poster", "open", "abbr",
  NULL
};

static const char * const full_attributes[] = {
  "class", "style", "role", "media", "rel", "sizes", "content", "property", "charset", NULL
};

/* What a page must not name an element, and what our own script in the
 * article view relies on: an id (and, on some elements, a name) becomes a
 * property of window and document, hiding theirs ("DOM clobbering":
 * <img name="body"> makes document.body a picture). Names starting with
 * "on" are refused too. */
static const char * const clobbering_ids[] = {
  "body", "head", "forms", "images", "links", "anchors", "scripts", "embeds", "plugins",
  "applets", "all", "children", "documentElement", "activeElement", "defaultView", "cookie",
  "domain", "title", "location", "URL", "documentURI", "baseURI", "referrer", "readyState",
  "implementation", "createRange", "createElement", "createTextNode", "createTreeWalker",
  "createNodeIterator", "getElementById", "getElementsByTagName", "getElementsByClassName",
  "getElementsByName", "getSelection", "querySelector", "querySelectorAll", "addEventListener",
  "removeEventListener", "dispatchEvent", "contains", "caretRangeFromPoint", "elementFromPoint",
  "evaluate", "open", "close", "write", "writeln", "hasFocus", "fonts", "styleSheets", "window",
  "document", "self", "top", "parent", "frames", "opener", "length", "name", "navigator",
  "history", "localStorage", "sessionStorage", "console", "webkit", "postMessage", "alert",
  "confirm", "prompt", "setTimeout", "setInterval", "requestAnimationFrame", "scrollTo",
  "scrollBy", "scroll", "scrollX", "scrollY", "innerHeight", "innerWidth", "getComputedStyle",
  "matchMedia", "performance", "crypto", "JSON", "Object", "Array", "String", "Node", "Element",
  "NodeFilter", "Range", "Text", "Map", "Set", "Promise", "Symbol", "Math", "Number", "Error",
  "CSS", "Highlight", "customElements", "globalThis", "undefined", "NaN", "Infinity", "eval",
  "isNaN", "parseInt", "parseFloat", "encodeURIComponent", "decodeURIComponent", NULL
};

#define RENAMED_ID_PREFIX "gloss-id-"

static const char * const svg_attributes[] = {
  "d", "viewbox", "fill", "stroke", "stroke-width", "points", "x", "y", "x1", "y1", "x2", "y2",
  "cx", "cy", "r", "rx", "ry", "fx", "fy", "dx", "dy", "transform", "width", "height", "xmlns",
  "xmlns:xlink", "offset", "stop-color", "stop-opacity", "opacity", "fill-opacity",
  "fill-rule", "clip-rule", "stroke-opacity", "stroke-linecap", "stroke-linejoin",
  "stroke-dasharray", "font-size", "font-family", "font-weight", "text-anchor",
  "gradientunits", "gradienttransform", "patternunits", "preserveaspectratio", "xlink:href",
  "version", NULL
};

static const char * const url_attributes[] = {
  "href", "src", "srcset", "poster", "cite", "xlink:href", "action", "formaction", "background",
  "longdesc", "data", NULL
};

/* Attributes whose URL is shown as media, where data:image/… is fine. */
static const char * const media_url_attributes[] = {
  "src", "srcset", "poster", NULL
};

static gboolean
in_list (const char * const *list,
         const char         *name)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (g_str_equal (list[i], name))
      return TRUE;
  return FALSE;
}

static char *
element_name (xmlNode *node)
{
  return g_ascii_strdown ((const char *) node->name, -1);
}

/* "xlink:href" stays one name whether or not the tree has namespaces. */
static char *
attribute_name (xmlAttr *attr)
{
  g_autofree char *name = NULL;

  if (attr->ns != NULL && attr->ns->prefix != NULL)
    name = g_strconcat ((const char *) attr->ns->prefix, ":", (const char *) attr->name, NULL);
  else
    name = g_strdup ((const char *) attr->name);
  return g_ascii_strdown (name, -1);
}

static char *
node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup (content != NULL ? (const char *) content : "");

  xmlFree (content);
  return text;
}

static gboolean
is_foreign (xmlNode *node)
{
  return gloss_html_namespace (node) != GLOSS_HTML_NS_HTML;
}

static gboolean
is_inside_svg (xmlNode *node)
{
  for (xmlNode *n = node; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
    if (gloss_html_is_element (n, "svg") || is_foreign (n))
      return TRUE;
  return FALSE;
}

/* Reads one character reference at *p (just after the '&') the way a
 * browser does in an attribute, including the few named ones that matter
 * for a scheme.  libxml2 2.9 knows only the HTML 4 names, so "&colon;" and
 * "&Tab;" reach us undecoded. */
static gboolean
read_char_ref (const char **p,
               gunichar    *c)
{
  static const struct { const char *name; gunichar c; } named[] = {
    { "colon;", ':' }, { "tab;", '\t' }, { "newline;", '\n' }, { "sol;", '/' },
    { "quest;", '?' }, { "num;", '#' },
  };
  const char *s = *p;

  if (*s == '#')
    {
      gboolean hex = s[1] == 'x' || s[1] == 'X';
      const char *digits = s + (hex ? 2 : 1);
      const char *end = digits;
      gunichar value = 0;

      while (hex ? g_ascii_isxdigit (*end) : g_ascii_isdigit (*end))
        value = MIN (value * (hex ? 16 : 10) + g_ascii_xdigit_value (*end++), 0x110000);
      if (end == digits)
        return FALSE;
      *p = *end == ';' ? end + 1 : end;
      *c = g_unichar_validate (value) && value != 0 ? value : 0xFFFD;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (g_ascii_strncasecmp (s, named[i].name, strlen (named[i].name)) == 0)
      {
        *p = s + strlen (named[i].name);
        *c = named[i].c;
        return TRUE;
      }
  return FALSE;
}

/* The start of @url as a browser reads it: character references decoded,
 * white space and control characters gone (browsers ignore a tab or
 * newline inside "java\tscript:"), ASCII in lower case. */
static char *
url_head (const char *url)
{
  GString *head = g_string_new (NULL);
  const char *p = url;

  while (*p != '\0' && head->len < URL_HEAD_CHARS)
    {
      const char *after = p + 1;
      gunichar c;

      if (*p == '&' && read_char_ref (&after, &c))
        {
          p = after;
          if (c > 0x20 && c != 0x7f)
            g_string_append_unichar (head, c < 0x80 ? (gunichar) g_ascii_tolower ((char) c) : c);
          continue;
        }
      /* Other bytes as they are: UTF-8 sequences stay whole. */
      if ((guchar) *p > 0x20 && *p != 0x7f)
        g_string_append_c (head, g_ascii_tolower (*p));
      p++;
    }
  return g_string_free (head, FALSE);
}

/* A URL without a scheme (relative, fragment, "//host/…") is resolved
 * against http(s), so it is as safe as they are.  Anything before a ':'
 * that is not a known good scheme is refused, even if a browser would
 * read it as a relative path: being too strict here costs a link. */
static gboolean
url_is_safe (const char *url,
             gboolean    media)
{
  g_autofree char *head = url_head (url);
  size_t scheme_length = strcspn (head, ":/?#");

  if (head[scheme_length] != ':')
    return TRUE;
  if (g_str_has_prefix (head, "http:") || g_str_has_prefix (head, "https:") ||
      g_str_has_prefix (head, "mailto:"))
    return TRUE;
  return media && g_str_has_prefix (head, "data:image/");
}

/* Keeps the srcset candidates with a safe URL.  Returns NULL when none is
 * left.  URLs are split at white space, not commas: data: URLs hold commas. */
static char *
filter_srcset (const char *srcset)
{
  GString *kept = g_string_new (NULL);
  const char *p = srcset;

  while (*p != '\0')
    {
      g_autofree char *url = NULL;
      g_autofree char *descriptor = NULL;
      const char *start;

      while (g_ascii_isspace (*p) || *p == ',')
        p++;
      if (*p == '\0')
        break;
      for (start = p; *p != '\0' && !g_ascii_isspace (*p); p++)
        ;
      url = g_strndup (start, p - start);
      if (g_str_has_suffix (url, ","))
        {
          /* "a.png,b.png 2x": a candidate without descriptor */
          while (g_str_has_suffix (url, ","))
            url[strlen (url) - 1] = '\0';
        }
      else
        {
          for (start = p; *p != '\0' && *p != ','; p++)
            ;
          descriptor = g_strstrip (g_strndup (start, p - start));
        }

      if (*url == '\0' || !url_is_safe (url, TRUE))
        continue;
      if (kept->len > 0)
        g_string_append (kept, ", ");
      g_string_append (kept, url);
      if (descriptor != NULL && *descriptor != '\0')
        g_string_append_printf (kept, " %s", descriptor);
    }

  if (kept->len == 0)
    {
      g_string_free (kept, TRUE);
      return NULL;
    }
  return g_string_free (kept, FALSE);
}

/* The CSS of the page, before the inliner's pass: URLs that it will fetch
 * (http, https, relative) or keep (fragments, data: of an allowed type)
 * stay; a data:text/css sheet stays only for an @import to be read. */
static char *
keep_css_url (const char *url,
              gboolean    is_import,
              gpointer    user_data)
{
  switch (_gloss_css_url_kind (url))
    {
    case GLOSS_CSS_URL_LOCAL:
    case GLOSS_CSS_URL_REMOTE:
      return g_strdup (url);
    case GLOSS_CSS_URL_DATA:
      return is_import ? NULL : g_strdup (url);
    case GLOSS_CSS_URL_DATA_CSS:
      return is_import ? g_strdup (url) : NULL;
    case GLOSS_CSS_URL_REFUSED:
    default:
      return NULL;
    }
}

static const GlossCssPolicy keep_policy = { keep_css_url, NULL, TRUE, NULL };

/* style="", written back by the CSS sanitizer; FALSE when nothing is left. */
static gboolean
sanitize_style_attribute (xmlAttr    *attr,
                          const char *value)
{
  g_autofree char *css = _gloss_css_sanitize_declarations (value, -1, &keep_policy);

  if (*css == '\0')
    return FALSE;
  if (!g_str_equal (css, value))
    xmlSetProp (attr->parent, attr->name, (const xmlChar *) css);
  return TRUE;
}

static gboolean
attribute_is_allowed (const char        *element,
                      const char        *name,
                      GlossSanitizeMode  mode,
                      gboolean           in_svg)
{
  if (g_str_equal (element, "video"))
    return g_str_equal (name, "poster") || g_str_equal (name, "width") ||
           g_str_equal (name, "height");
  if (g_str_equal (name, "type"))
    return g_str_equal (element, "ol") || g_str_equal (element, "ul");
  if (g_str_equal (name, "value"))
    return g_str_equal (element, "li");
  /* Only <meta> needs a name, and a <meta> clobbers nothing. */
  if (g_str_equal (name, "name"))
    return mode == GLOSS_SANITIZE_FULL && g_str_equal (element, "meta");
  if (in_list (reader_attributes, name))
    return TRUE;
  if (in_svg && in_list (svg_attributes, name))
    return TRUE;
  if (mode != GLOSS_SANITIZE_FULL)
    return FALSE;
  return in_list (full_attributes, name) || g_str_has_prefix (name, "aria-");
}

/* Sanitizes the value of an allowed attribute.  Returns FALSE when the
 * attribute has to go. */
static gboolean
sanitize_attribute_value (xmlAttr           *attr,
                          const char        *element,
                          const char        *name,
                          GlossSanitizeMode  mode,
                          gboolean           in_svg)
{
  g_autofree char *value = node_text ((xmlNode *) attr);

  if (g_str_equal (name, "srcset"))
    {
      g_autofree char *filtered = filter_srcset (value);

      if (filtered == NULL)
        return FALSE;
      if (!g_str_equal (filtered, value))
        xmlSetProp (attr->parent, attr->name, (const xmlChar *) filtered);
      return TRUE;
    }

  if (in_list (url_attributes, name))
    {
      /* In SVG only <a> links out; a gradient or pattern may only point
       * inside the document. */
      if (in_svg && !g_str_equal (element, "a") && !g_str_has_prefix (g_strstrip (value), "#"))
        return FALSE;
      return url_is_safe (value, in_list (media_url_attributes, name));
    }

  /* Inside SVG, fill="url(#gradient)" is fine but url(http://…) is an
   * external reference, which the archive must not have. */
  if (in_svg && !_gloss_css_value_is_local (value))
    return FALSE;
  if (mode == GLOSS_SANITIZE_FULL && g_str_equal (name, "style"))
    return sanitize_style_attribute (attr, value);
  return TRUE;
}

static void
sanitize_attributes (xmlNode           *node,
                     GlossSanitizeMode  mode,
                     gboolean           in_svg)
{
  g_autofree char *element = element_name (node);
  xmlAttr *attr = node->properties;

  while (attr != NULL)
    {
      xmlAttr *next = attr->next;
      g_autofree char *name = attribute_name (attr);
      gboolean keep;

      /* "onclick", "ONCLICK", "onfoo": every handler, known or not. */
      keep = !g_str_has_prefix (name, "on") &&
             attribute_is_allowed (element, name, mode, in_svg) &&
             sanitize_attribute_value (attr, element, name, mode, in_svg);
      if (!keep)
        xmlRemoveProp (attr);
      attr = next;
    }
}

/* A refresh, a cookie or a policy from the page would act on the archive;
 * a charset other than UTF-8 would lie about it. */
static gboolean
meta_is_safe (xmlNode *node)
{
  g_autofree char *http_equiv = gloss_html_get_attr (node, "http-equiv");
  g_autofree char *charset = gloss_html_get_attr (node, "charset");

  if (http_equiv != NULL)
    return FALSE;
  return charset == NULL || g_ascii_strcasecmp (g_strstrip (charset), "utf-8") == 0;
}

/* Only a stylesheet the browser applies, which the inliner then embeds
 * (gloss_html_rel_has (link, "stylesheet") there too): rel is a token list,
 * so "stylesheet stylesheet" is one; "alternate stylesheet" is not applied
 * and goes, as does every other kind of link. */
static gboolean
link_is_safe (xmlNode *node)
{
  g_autofree char *rel = gloss_html_get_attr (node, "rel");
  g_autofree char *href = gloss_html_get_attr (node, "href");
  g_auto(GStrv) tokens = NULL;

  if (rel == NULL || href == NULL || !url_is_safe (href, FALSE))
    return FALSE;
  if (!gloss_html_rel_has (node, "stylesheet"))
    return FALSE;
  tokens = g_strsplit_set (rel, " \t\n\f\r", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (*tokens[i] != '\0' && g_ascii_strcasecmp (tokens[i], "stylesheet") != 0)
      return FALSE;
  return TRUE;
}

/* A <style> is written back by the CSS sanitizer, which never writes
 * "</": our serializer writes <style> content raw. FALSE when it is empty. */
static gboolean
sanitize_style_element (xmlNode *node)
{
  g_autofree char *css = node_text (node);
  g_autofree char *sanitized = _gloss_css_sanitize_sheet (css, -1, &keep_policy);

  if (*sanitized == '\0')
    return FALSE;
  if (!g_str_equal (css, sanitized))
    {
      while (node->children != NULL)
        gloss_html_remove_node (node->children);
      xmlAddChild (node, xmlNewText ((const xmlChar *) sanitized));
    }
  return TRUE;
}

static gboolean
has_html_link_ancestor (xmlNode *node)
{
  for (node = node->parent; node != NULL && node->type == XML_ELEMENT_NODE; node = node->parent)
    if (gloss_html_is_element (node, "a") && !is_foreign (node))
      return TRUE;
  return FALSE;
}

static Action
element_action (xmlNode           *node,
                GlossSanitizeMode  mode,
                gboolean           in_svg)
{
  g_autofree char *name = element_name (node);

  if (in_list (dropped_elements, name))
    return ACTION_DROP;
  /* Raw text to some parsers and markup to others (the mutation XSS of
   * <svg><style><img …>): a title or description leaves its text, a
   * stylesheet goes. */
  if (is_foreign (node) && g_str_equal (name, "style"))
    return ACTION_DROP;
  if (is_foreign (node) && (g_str_equal (name, "title") || g_str_equal (name, "desc")))
    return ACTION_TEXT;
  /* A <title> in the body is RCDATA to the parser: what it holds would be
   * text to us and, moved elsewhere, markup to a browser. */
  if (g_str_equal (name, "title") && !gloss_html_is_element (node->parent, "head"))
    return ACTION_DROP;
  /* A link inside a link can not be written: an HTML5 parser splits them
   * apart (the archive would read differently each time). Its text stays. */
  if (g_str_equal (name, "a") && !is_foreign (node) && has_html_link_ancestor (node))
    return ACTION_UNWRAP;
  if (in_svg && (in_list (svg_elements, name) || g_str_equal (name, "a")))
    return ACTION_KEEP;
  if (mode == GLOSS_SANITIZE_READER)
    {
      if (in_list (reader_dropped_elements, name))
        return ACTION_DROP;
      return in_list (reader_elements, name) ? ACTION_KEEP : ACTION_UNWRAP;
    }

  if (g_str_equal (name, "meta"))
    return meta_is_safe (node) ? ACTION_KEEP : ACTION_DROP;
  if (g_str_equal (name, "link"))
    return link_is_safe (node) ? ACTION_KEEP : ACTION_DROP;
  if (g_str_equal (name, "style"))
    return sanitize_style_element (node) ? ACTION_KEEP : ACTION_DROP;
  if (in_list (reader_elements, name) || in_list (full_elements, name))
    return ACTION_KEEP;
  return ACTION_UNWRAP;
}

/* Puts the children of @node in its place.  Returns the next node to
 * visit: the first of them, so they are sanitized in the parent's context. */
static xmlNode *
unwrap (xmlNode *node)
{
  xmlNode *parent = node->parent;
  xmlNode *prev = node->prev;
  xmlNode *child;

  while ((child = node->children) != NULL)
    {
      xmlUnlinkNode (child);
      xmlAddPrevSibling (node, child);
    }
  gloss_html_remove_node (node);
  /* A first child that was text may have merged into @prev; text needs no
   * visit, so going on after @prev is right either way. */
  return prev != NULL ? prev->next : parent->children;
}

/* Puts the text of @node in its place; returns the next node to visit. */
static xmlNode *
replace_by_text (xmlNode *node)
{
  g_autofree char *text = node_text (node);
  xmlNode *next = node->next;

  if (*text != '\0')
    {
      xmlNode *replacement = xmlNewDocText (node->doc, (const xmlChar *) text);

      xmlAddPrevSibling (node, replacement);
    }
  gloss_html_remove_node (node);
  return next;
}

static void sanitize_children (xmlNode           *parent,
                               GlossSanitizeMode  mode,
                               gboolean           in_svg);

/* Returns the next node to visit. */
static xmlNode *
sanitize_node (xmlNode           *node,
               GlossSanitizeMode  mode,
               gboolean           in_svg)
{
  xmlNode *next;

  switch (node->type)
    {
    case XML_TEXT_NODE:
      return node->next;

    /* libxml2 keeps <style> and <script> content as CDATA and writes it
     * out raw, so it is only acceptable inside a <style> we checked. */
    case XML_CDATA_SECTION_NODE:
      if (gloss_html_is_element (node->parent, "style"))
        return node->next;
      break;

    case XML_ELEMENT_NODE:
      switch (element_action (node, mode, in_svg))
        {
        case ACTION_KEEP:
          in_svg = in_svg || gloss_html_is_element (node, "svg") || is_foreign (node);
          sanitize_attributes (node, mode, in_svg);
          sanitize_children (node, mode, in_svg);
          return node->next;
        case ACTION_UNWRAP:
          return unwrap (node);
        case ACTION_TEXT:
          return replace_by_text (node);
        case ACTION_DROP:
        default:
          break;
        }
      break;

    /* Comments (IE's conditional ones hold markup), processing
     * instructions, entity references: nothing an article needs. */
    default:
      break;
    }

  next = node->next;
  gloss_html_remove_node (node);
  return next;
}

static void
sanitize_children (xmlNode           *parent,
                   GlossSanitizeMode  mode,
                   gboolean           in_svg)
{
  xmlNode *child = parent->children;

  while (child != NULL)
    child = sanitize_node (child, mode, in_svg);
}

static gboolean
id_clobbers (const char *id)
{
  return g_ascii_strncasecmp (id, "on", 2) == 0 || in_list (clobbering_ids, id);
}

/* The next element after @node in document order under @root. */
static xmlNode *
next_element (xmlNode *node,
              xmlNode *root)
{
  if (node->children != NULL)
    node = node->children;
  else
    {
      while (node != root && node->next == NULL)
        node = node->parent;
      node = node == root ? NULL : node->next;
    }
  while (node != NULL && node->type != XML_ELEMENT_NODE)
    {
      while (node != root && node->next == NULL)
        node = node->parent;
      node = node == root ? NULL : node->next;
    }
  return node;
}

static void
rename_id (xmlNode    *node,
           GHashTable *renamed)
{
  g_autofree char *id = gloss_html_get_attr (node, "id");
  g_autofree char *safe = NULL;

  if (id == NULL || !id_clobbers (id))
    return;
  safe = g_strconcat (RENAMED_ID_PREFIX, id, NULL);
  xmlSetProp (node, (const xmlChar *) "id", (const xmlChar *) safe);
  g_hash_table_add (renamed, g_steal_pointer (&id));
}

static void
rewrite_fragment (xmlNode    *node,
                  const char *attribute,
                  GHashTable *renamed)
{
  g_autofree char *href = gloss_html_get_attr (node, attribute);
  g_autofree char *rewritten = NULL;

  if (href == NULL || href[0] != '#' || !g_hash_table_contains (renamed, href + 1))
    return;
  rewritten = g_strconcat ("#" RENAMED_ID_PREFIX, href + 1, NULL);
  xmlSetProp (node, (const xmlChar *) attribute, (const xmlChar *) rewritten);
}

/* Ids that would clobber window or document get a prefix, and the links
 * to them ("#top") follow. Iterative: the tree may be deep. */
static void
rename_clobbering_ids (xmlNode *root)
{
  g_autoptr(GHashTable) renamed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (xmlNode *node = root; node != NULL; node = next_element (node, root))
    rename_id (node, renamed);
  if (g_hash_table_size (renamed) == 0)
    return;
  for (xmlNode *node = root; node != NULL; node = next_element (node, root))
    {
      rewrite_fragment (node, "href", renamed);
      rewrite_fragment (node, "xlink:href", renamed);
    }
}

void
_gloss_sanitize (xmlNode           *root,
                 GlossSanitizeMode  mode)
{
  gboolean in_svg;

  g_return_if_fail (root != NULL);
  g_return_if_fail (root->type == XML_ELEMENT_NODE);

  /* The root is the caller's container (<body>, <article>, <html>): it
   * stays, with its attributes sanitized, whatever its name. */
  in_svg = is_inside_svg (root);
  sanitize_attributes (root, mode, in_svg);
  sanitize_children (root, mode, in_svg);
  rename_clobbering_ids (root);
}
