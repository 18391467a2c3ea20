/* test-hostile-pages-check.c — an archive read as a browser reads it (gumbo,
 * HTML5): no script, no handler, no dangerous URL, nothing left to load
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gumbo.h>

#include "test-hostile-pages-private.h"

/* Elements that run, embed, navigate or rebase something by themselves. */
static const char *const forbidden_elements[] = {
  "script", "iframe", "frame", "frameset", "object", "embed", "applet", "param", "base",
  "portal", "form", "isindex",
};

/* Attributes whose value the browser fetches as a resource. */
static const char *const resource_attributes[] = {
  "src", "srcset", "poster", "background", "data", "lowsrc", "dynsrc", "codebase", "icon",
  "manifest", "action", "formaction", "archive", "code", "classid", "longdesc", "ping",
};

/* Attributes that are only text: a URL written there loads nothing. */
static const char *const text_attributes[] = {
  "href", "title", "alt", "content", "value", "placeholder", "label", "aria-label",
  "aria-description", "summary", "abbr", "name", "id", "class", "cite",
};

/* document (and window) properties that a named element may shadow: the
 * article view's own script and a reader's browser rely on them. */
static const char *const clobbered_names[] = {
  "body", "head", "title", "cookie", "domain", "location", "images", "forms", "links",
  "scripts", "fonts", "styleSheets", "documentElement", "defaultView", "implementation",
  "readyState", "activeElement", "createRange", "createElement", "createTextNode",
  "createTreeWalker", "createNodeIterator", "getElementById", "getElementsByTagName",
  "getElementsByClassName", "getSelection", "querySelector", "querySelectorAll",
  "elementFromPoint", "caretRangeFromPoint", "addEventListener", "removeEventListener",
  "attributes", "nodeName", "nodeType", "childNodes", "firstChild", "parentNode",
  "ownerDocument", "contains", "evaluate", "adoptNode", "importNode", "write",
};

typedef struct
{
  const char *loopback;
  GPtrArray  *problems;
  GString    *title;
  gboolean    title_found;
} Check;

static void
problem (Check      *check,
         const char *kind,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static void
problem (Check      *check,
         const char *kind,
         const char *format,
         ...)
{
  g_autofree char *detail = NULL;
  g_autofree char *shown = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  shown = g_utf8_strlen (detail, -1) > 160 ? g_utf8_substring (detail, 0, 160) : g_strdup (detail);
  g_ptr_array_add (check->problems, g_strdup_printf ("%s: %s", kind, shown));
}

static gboolean
in_list (const char         *name,
         const char *const  *list,
         gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (g_ascii_strcasecmp (name, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Lower case, without the white space and control characters that a URL
 * parser strips or that hide a scheme ("java\tscript:"). */
static char *
squeeze (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    if ((guchar) *p > 0x20 && *p != 0x7f)
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

static const char *
dangerous_scheme (const char *squeezed,
                  gboolean    svg_allowed)
{
  static const char *const schemes[] = {
    "javascript:", "vbscript:", "livescript:", "data:text", "data:application/xhtml",
    "data:application/xml", "data:application/javascript", "data:application/ecmascript",
    "data:application/x-", "data:application/octet", "data:application/json", "data:,",
  };

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (strstr (squeezed, schemes[i]) != NULL)
      {
        /* data:application/x-font-* is a font */
        if (g_str_equal (schemes[i], "data:application/x-") &&
            strstr (squeezed, "data:application/x-font") != NULL)
          continue;
        return schemes[i];
      }
  if (!svg_allowed && strstr (squeezed, "data:image/svg") != NULL)
    return "data:image/svg+xml";
  return NULL;
}

static gboolean
is_inlined (const char *url)
{
  g_autofree char *s = squeeze (url);

  return s[0] == '\0' || s[0] == '#' ||
         g_str_has_prefix (s, "data:image/") || g_str_has_prefix (s, "data:font/") ||
         g_str_has_prefix (s, "data:application/font") ||
         g_str_has_prefix (s, "data:application/x-font") ||
         g_str_has_prefix (s, "data:audio/") || g_str_has_prefix (s, "data:video/");
}

/* The URLs of a srcset, as the HTML standard splits it. */
static GPtrArray *
srcset_urls (const char *srcset)
{
  GPtrArray *urls = g_ptr_array_new_with_free_func (g_free);
  const char *p = srcset;

  while (*p != '\0')
    {
      const char *start;

      while (g_ascii_isspace (*p) || *p == ',')
        p++;
      if (*p == '\0')
        break;
      start = p;
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      /* A URL ending in commas loses them: they separate candidates. */
      {
        const char *end = p;
        gboolean had_comma = FALSE;
        while (end > start && end[-1] == ',')
          end--, had_comma = TRUE;
        g_ptr_array_add (urls, g_strndup (start, end - start));
        if (had_comma)
          continue;
      }
      /* descriptors, up to the next comma outside parentheses */
      {
        int depth = 0;
        while (*p != '\0' && (depth > 0 || *p != ','))
          {
            if (*p == '(')
              depth++;
            else if (*p == ')' && depth > 0)
              depth--;
            p++;
          }
      }
    }
  return urls;
}

/* CSS as its tokenizer sees it: comments gone, escapes decoded, lower case
 * (except inside nothing: URLs are compared in lower case too). */
static char *
css_decode (const char *css)
{
  GString *out = g_string_new (NULL);
  const char *p = css;

  while (*p != '\0')
    {
      if (p[0] == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");
          p = end != NULL ? end + 2 : p + strlen (p);
          g_string_append_c (out, ' ');
          continue;
        }
      if (p[0] == '\\')
        {
          if (g_ascii_isxdigit (p[1]))
            {
              gunichar c = 0;
              int n = 0;

              p++;
              while (n < 6 && g_ascii_isxdigit (*p))
                c = c * 16 + g_ascii_xdigit_value (*p++), n++;
              if (*p == '\r' && p[1] == '\n')
                p += 2;
              else if (g_ascii_isspace (*p))
                p++;
              if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
                c = 0xfffd;
              g_string_append_unichar (out, g_unichar_tolower (c));
              continue;
            }
          if (p[1] == '\n')
            {
              p += 2;
              continue;
            }
          if (p[1] != '\0')
            {
              g_string_append_c (out, g_ascii_tolower (p[1]));
              p += 2;
              continue;
            }
        }
      g_string_append_c (out, g_ascii_tolower (*p));
      p++;
    }
  return g_string_free (out, FALSE);
}

static void
check_css (Check      *check,
           const char *where,
           const char *css)
{
  g_autofree char *decoded = css_decode (css);
  static const char *const banned[] = {
    "expression(", "behavior", "-moz-binding", "javascript:", "vbscript:", "@import",
  };
  const char *p;

  for (guint i = 0; i < G_N_ELEMENTS (banned); i++)
    if (strstr (decoded, banned[i]) != NULL)
      problem (check, "css", "%s has %s", where, banned[i]);

  for (p = strstr (decoded, "url("); p != NULL; p = strstr (p + 4, "url("))
    {
      const char *arg = p + 4;
      g_autofree char *url = NULL;
      const char *end;

      while (g_ascii_isspace (*arg))
        arg++;
      if (*arg == '"' || *arg == '\'')
        {
          char quote = *arg++;
          end = strchr (arg, quote);
        }
      else
        end = strpbrk (arg, ") \t\n");
      url = end != NULL ? g_strndup (arg, end - arg) : g_strdup (arg);
      if (!is_inlined (url))
        problem (check, "css", "%s loads url(%s)", where, url);
    }
  /* image-set("…"), custom properties holding strings, @import "…": any
   * string naming the loopback server or a scheme-relative URL. */
  if (strstr (decoded, check->loopback) != NULL)
    problem (check, "css", "%s names the server (%s)", where, check->loopback);
  if (strstr (decoded, "image-set(") != NULL)
    for (p = strstr (decoded, "image-set("); p != NULL; p = strstr (p + 10, "image-set("))
      {
        const char *q = p + 10;
        while (g_ascii_isspace (*q))
          q++;
        if ((*q == '"' || *q == '\'') && !g_str_has_prefix (q + 1, "data:image/"))
          problem (check, "css", "%s: image-set with a string that is no picture", where);
        else if (g_str_has_prefix (q, "var("))
          problem (check, "css", "%s: image-set(var(…))", where);
      }
}

static void
check_url_attribute (Check       *check,
                     const char  *element,
                     const char  *name,
                     const char  *value)
{
  if (g_ascii_strcasecmp (name, "srcset") == 0)
    {
      g_autoptr(GPtrArray) urls = srcset_urls (value);

      for (guint i = 0; i < urls->len; i++)
        if (!is_inlined (urls->pdata[i]))
          problem (check, "resource", "<%s srcset> keeps %s", element, (char *) urls->pdata[i]);
      return;
    }
  if (!is_inlined (value))
    problem (check, "resource", "<%s %s=\"%s\">", element, name, value);
}

static void
check_element (Check         *check,
               GumboElement  *el,
               GumboNode     *node)
{
  const char *tag = el->tag != GUMBO_TAG_UNKNOWN ? gumbo_normalized_tagname (el->tag) : NULL;
  g_autofree char *unknown = NULL;
  gboolean svg = el->tag_namespace == GUMBO_NAMESPACE_SVG;
  gboolean picture_context;

  if (tag == NULL)
    {
      GumboStringPiece piece = el->original_tag;
      gumbo_tag_from_original_text (&piece);
      unknown = g_ascii_strdown (piece.data != NULL ? piece.data : "?", piece.length);
      tag = unknown;
    }
  picture_context = g_str_equal (tag, "img") || g_str_equal (tag, "source") ||
                    g_str_equal (tag, "image") || g_str_equal (tag, "picture");

  if (in_list (tag, forbidden_elements, G_N_ELEMENTS (forbidden_elements)))
    problem (check, g_str_equal (tag, "script") ? "script" : "element", "<%s> %s", tag,
             svg ? "(svg)" : el->tag_namespace == GUMBO_NAMESPACE_MATHML ? "(math)" : "");

  if (g_str_equal (tag, "link"))
    {
      GumboAttribute *rel = gumbo_get_attribute (&el->attributes, "rel");
      GumboAttribute *href = gumbo_get_attribute (&el->attributes, "href");
      g_autofree char *h = href != NULL ? squeeze (href->value) : g_strdup ("");

      /* The archive's own <link rel="canonical"> loads nothing. */
      if (rel == NULL || g_ascii_strcasecmp (rel->value, "canonical") != 0 ||
          !(g_str_has_prefix (h, "http:") || g_str_has_prefix (h, "https:")))
        problem (check, "link", "<link rel=\"%s\" href=\"%s\">", rel ? rel->value : "",
                 href ? href->value : "");
    }
  if (g_str_equal (tag, "meta"))
    {
      GumboAttribute *equiv = gumbo_get_attribute (&el->attributes, "http-equiv");

      /* content-type, and the archive's own CSP, are harmless */
      if (equiv != NULL && g_ascii_strcasecmp (equiv->value, "content-type") != 0 &&
          g_ascii_strcasecmp (equiv->value, "content-security-policy") != 0)
        problem (check, g_ascii_strcasecmp (equiv->value, "refresh") == 0 ? "refresh" : "element",
                 "<meta http-equiv=\"%s\">", equiv->value);
    }
  if (g_str_equal (tag, "style") && el->children.length > 0)
    {
      GString *text = g_string_new (NULL);

      for (guint i = 0; i < el->children.length; i++)
        {
          GumboNode *child = el->children.data[i];
          if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_CDATA ||
              child->type == GUMBO_NODE_WHITESPACE)
            g_string_append (text, child->v.text.text);
          else if (child->type == GUMBO_NODE_ELEMENT)
            problem (check, "element", "an element inside <style>%s", svg ? " (svg)" : "");
        }
      check_css (check, "<style>", text->str);
      g_string_free (text, TRUE);
    }
  if (g_str_equal (tag, "title") && el->tag_namespace == GUMBO_NAMESPACE_HTML &&
      !check->title_found)
    {
      check->title_found = TRUE;
      for (guint i = 0; i < el->children.length; i++)
        {
          GumboNode *child = el->children.data[i];
          if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE)
            g_string_append (check->title, child->v.text.text);
        }
    }
  if ((g_str_equal (tag, "animate") || g_str_equal (tag, "set") ||
       g_str_equal (tag, "animatemotion") || g_str_equal (tag, "animatetransform")) && svg)
    {
      GumboAttribute *target = gumbo_get_attribute (&el->attributes, "attributename");
      if (target != NULL && (g_ascii_strncasecmp (target->value, "on", 2) == 0 ||
                             strstr (target->value, "href") != NULL))
        problem (check, "handler", "<%s attributeName=\"%s\">", tag, target->value);
    }

  for (guint i = 0; i < el->attributes.length; i++)
    {
      GumboAttribute *attr = el->attributes.data[i];
      const char *name = attr->name;
      g_autofree char *squeezed = squeeze (attr->value);
      const char *scheme;

      if (g_ascii_strncasecmp (name, "on", 2) == 0)
        problem (check, "handler", "<%s %s>", tag, name);
      if (g_ascii_strcasecmp (name, "srcdoc") == 0 || g_ascii_strcasecmp (name, "formaction") == 0)
        problem (check, "element", "<%s %s>", tag, name);
      scheme = dangerous_scheme (squeezed, picture_context &&
                                 (g_str_equal (name, "src") || g_str_equal (name, "srcset") ||
                                  g_str_equal (name, "href")));
      if (scheme != NULL)
        problem (check, "url", "<%s %s=\"%s\"> (%s)", tag, name, attr->value, scheme);
      if (g_ascii_strcasecmp (name, "style") == 0)
        {
          g_autofree char *where = g_strdup_printf ("<%s style>", tag);
          check_css (check, where, attr->value);
        }
      else if (in_list (name, resource_attributes, G_N_ELEMENTS (resource_attributes)))
        check_url_attribute (check, tag, name, attr->value);
      else if ((g_str_equal (name, "href") || g_str_equal (name, "xlink:href")) && svg &&
               !g_str_equal (tag, "a"))
        check_url_attribute (check, tag, name, attr->value);
      else if (svg && (g_str_equal (name, "fill") || g_str_equal (name, "filter") ||
                       g_str_equal (name, "mask") || g_str_equal (name, "clip-path")))
        check_css (check, name, attr->value);
      else if (!in_list (name, text_attributes, G_N_ELEMENTS (text_attributes)) &&
               g_ascii_strncasecmp (name, "on", 2) != 0 &&
               strstr (attr->value, check->loopback) != NULL)
        problem (check, "resource", "<%s %s> names the server", tag, name);
      /* document's named properties: name= on any element that has them
       * (form, img, embed, object, iframe; inputs clobber their form), and
       * id= on object, embed, and img with a name */
      if ((g_str_equal (name, "name") ||
           (g_str_equal (name, "id") &&
            (g_str_equal (tag, "object") || g_str_equal (tag, "embed") ||
             (g_str_equal (tag, "img") && gumbo_get_attribute (&el->attributes, "name"))))) &&
          in_list (attr->value, clobbered_names, G_N_ELEMENTS (clobbered_names)))
        problem (check, "clobber", "<%s %s=\"%s\">", tag, name, attr->value);
    }
}

static void
walk (Check     *check,
      GumboNode *node)
{
  if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE)
    {
      GumboElement *el = &node->v.element;

      check_element (check, el, node);
      for (guint i = 0; i < el->children.length; i++)
        walk (check, el->children.data[i]);
    }
  else if (node->type == GUMBO_NODE_DOCUMENT)
    for (guint i = 0; i < node->v.document.children.length; i++)
      walk (check, node->v.document.children.data[i]);
}

char *
hostile_collapse_space (const char *text)
{
  g_auto(GStrv) words = g_regex_split_simple ("[ \t\n\f\r]+", text, 0, 0);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      {
        if (out->len > 0)
          g_string_append_c (out, ' ');
        g_string_append (out, words[i]);
      }
  return g_string_free (out, FALSE);
}

void
hostile_check_archive (const char *html,
                       const char *loopback,
                       GPtrArray  *problems,
                       char      **title)
{
  GumboOutput *output = gumbo_parse (html);
  Check check = { loopback, problems, g_string_new (NULL), FALSE };

  walk (&check, output->document);
  gumbo_destroy_output (&kGumboDefaultOptions, output);
  *title = hostile_collapse_space (check.title->str);
  g_string_free (check.title, TRUE);
}
