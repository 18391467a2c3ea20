/* test-sanitize.c — the allow-list against a hostile page and focused cases
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-html.h"
#include "gloss-sanitize-private.h"
#include "gloss-test-utils.h"

/* Elements that must never survive, in either mode. */
static const char * const forbidden_elements[] = {
  "script", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
  "param", "base", "form", "input", "button", "select", "textarea", "option", "canvas", "audio",
  "source", "track", "map", "area", "dialog", "foreignobject", "animate", "set", "use", "image",
  NULL
};

static const char * const url_attributes[] = {
  "href", "src", "srcset", "poster", "cite", "xlink:href", "action", "formaction", "background",
  "longdesc", "data", NULL
};

/* Text that lived only inside dropped elements of hostile.html. */
static const char * const hostile_dropped_text[] = {
  "Please enable JavaScript", "Template text", "Iframe fallback text", "Object fallback text",
  "Applet fallback text", "Textarea text", "Send the form", "Audio fallback text",
  "Canvas fallback text", "Dialog text", NULL
};

static gboolean
in_list (const char * const *list,
         const char         *name)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (g_ascii_strcasecmp (list[i], name) == 0)
      return TRUE;
  return FALSE;
}

static xmlDoc *
parse_string (const char *html)
{
  xmlDoc *doc = gloss_html_parse (html, strlen (html));

  g_assert_nonnull (doc);
  return doc;
}

static xmlDoc *
parse_fixture (const char *name)
{
  gsize length;
  g_autofree char *data = gloss_test_read_site_file (name, &length);
  g_autofree char *utf8 = gloss_html_decode (data, length, NULL, NULL, NULL);

  return parse_string (utf8);
}

static char **
read_lines (const char *name)
{
  g_autofree char *data = gloss_test_read_site_file (name, NULL);

  g_assert_true (g_utf8_validate (data, -1, NULL));
  return g_strsplit (g_strchomp (data), "\n", -1);
}

static char *
node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup ((const char *) content);

  xmlFree (content);
  return text;
}

/* The markup of the children of @node, without @node itself. */
static char *
inner_html (xmlDoc  *doc,
            xmlNode *node)
{
  GString *out = g_string_new (NULL);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *html = gloss_html_serialize (doc, child);
      g_string_append (out, html);
    }
  return g_string_free (out, FALSE);
}

static char *
attribute_name (xmlAttr *attr)
{
  if (attr->ns != NULL && attr->ns->prefix != NULL)
    return g_strconcat ((const char *) attr->ns->prefix, ":", (const char *) attr->name, NULL);
  return g_strdup ((const char *) attr->name);
}

/* An independent reading of a URL as a browser would: character references
 * decoded (also the HTML 5 ones libxml2 2.9 leaves alone), white space and
 * controls removed, lower case. */
static char *
browser_url (const char *value)
{
  static const struct { const char *from; const char *to; } refs[] = {
    { "&colon;", ":" }, { "&tab;", "" }, { "&newline;", "" },
  };
  GString *out = g_string_new (NULL);
  g_autofree char *lower = g_ascii_strdown (value, -1);
  const char *p = lower;

  while (*p != '\0')
    {
      gboolean replaced = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (refs) && !replaced; i++)
        if (g_str_has_prefix (p, refs[i].from))
          {
            g_string_append (out, refs[i].to);
            p += strlen (refs[i].from);
            replaced = TRUE;
          }
      if (replaced)
        continue;
      if (p[0] == '&' && p[1] == '#')
        {
          char *end;
          gboolean hex = p[2] == 'x';
          guint64 c = g_ascii_strtoull (p + (hex ? 3 : 2), &end, hex ? 16 : 10);

          if (end != p + (hex ? 3 : 2))
            {
              if (c > 0x20 && c < 0x80)
                g_string_append_c (out, (char) c);
              p = *end == ';' ? end + 1 : end;
              continue;
            }
        }
      if ((guchar) *p > 0x20 && *p != 0x7f)
        g_string_append_c (out, *p);
      p++;
    }
  return g_string_free (out, FALSE);
}

static void
assert_url_safe (const char *element,
                 const char *name,
                 const char *value)
{
  g_autofree char *url = browser_url (value);
  gboolean media = g_str_equal (name, "src") || g_str_equal (name, "srcset") ||
                   g_str_equal (name, "poster");

  if (g_str_has_prefix (url, "javascript:") || g_str_has_prefix (url, "vbscript:") ||
      strstr (url, ",javascript:") != NULL || strstr (url, "data:text") != NULL ||
      (g_str_has_prefix (url, "data:") && !(media && g_str_has_prefix (url, "data:image/"))))
    g_error ("unsafe URL left in <%s %s=\"%s\">", element, name, value);
}

static void
assert_css_safe (const char *css)
{
  g_autofree char *lower = g_ascii_strdown (css, -1);

  g_assert_null (strstr (lower, "expression("));
  g_assert_null (strstr (lower, "javascript:"));
  g_assert_null (strstr (lower, "behavior:"));
  g_assert_null (strstr (lower, "-moz-binding"));
}

static void
assert_element_safe (xmlNode *node)
{
  const char *element = (const char *) node->name;

  if (in_list (forbidden_elements, element))
    g_error ("<%s> survived the sanitizer", element);

  if (gloss_html_is_element (node, "meta"))
    g_assert_null (xmlHasProp (node, (const xmlChar *) "http-equiv"));
  if (gloss_html_is_element (node, "style"))
    {
      g_autofree char *css = node_text (node);
      assert_css_safe (css);
    }

  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      g_autofree char *name = attribute_name (attr);
      g_autofree char *value = node_text ((xmlNode *) attr);

      if (g_ascii_strncasecmp (name, "on", 2) == 0)
        g_error ("event handler left: <%s %s=\"%s\">", element, name, value);
      if (in_list (url_attributes, name))
        assert_url_safe (element, name, value);
      if (g_ascii_strcasecmp (name, "style") == 0)
        assert_css_safe (value);
    }
}

static void
assert_tree_safe (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      g_assert_true (node->type == XML_ELEMENT_NODE || node->type == XML_TEXT_NODE ||
                     node->type == XML_CDATA_SECTION_NODE);
      if (node->type == XML_CDATA_SECTION_NODE)
        g_assert_true (gloss_html_is_element (node->parent, "style"));
      if (node->type != XML_ELEMENT_NODE)
        continue;
      assert_element_safe (node);
      assert_tree_safe (node->children);
    }
}

static void
assert_no_substring (const char *haystack,
                     const char *needle)
{
  g_autofree char *lower = g_ascii_strdown (haystack, -1);
  g_autofree char *lower_needle = g_ascii_strdown (needle, -1);

  if (strstr (lower, lower_needle) != NULL)
    g_error ("“%s” found in:\n%s", needle, haystack);
}

static void
assert_text_kept (xmlNode    *root,
                  const char *expected_file)
{
  g_autofree char *text = node_text (root);
  g_auto(GStrv) lines = read_lines (expected_file);

  g_assert_cmpuint (g_strv_length (lines), >=, 4);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (text, lines[i]) == NULL)
      g_error ("paragraph lost: “%s”", lines[i]);
}

/* What both modes must do to hostile.html.  The serialized markup is parsed
 * again and checked too: what the archive holds is the text, not the tree. */
static void
check_hostile_result (xmlDoc  *doc,
                      xmlNode *root)
{
  g_autofree char *html = gloss_html_serialize (doc, root);
  g_autoptr(xmlDoc) reparsed = parse_string (html);
  g_autofree char *text = node_text (root);
  xmlNode *svg;

  assert_tree_safe (root);
  assert_tree_safe (xmlDocGetRootElement (reparsed));
  assert_text_kept (root, "hostile.expected.txt");

  assert_no_substring (html, "<script");
  assert_no_substring (html, "alert");
  assert_no_substring (html, "msgbox");
  assert_no_substring (html, "evil");
  assert_no_substring (html, "<form");
  assert_no_substring (html, "refresh");
  for (guint i = 0; hostile_dropped_text[i] != NULL; i++)
    assert_no_substring (text, hostile_dropped_text[i]);

  /* The chart stays, without its script and its active parts. */
  svg = gloss_html_find_element (root, "svg");
  g_assert_nonnull (svg);
  g_assert_nonnull (gloss_html_find_element (svg->children, "rect"));
  g_assert_nonnull (gloss_html_find_element (svg->children, "lineargradient"));
  g_assert_nonnull (gloss_html_find_element (svg->children, "stop"));
  g_assert_nonnull (xmlHasProp (svg, (const xmlChar *) "viewBox"));
  g_assert_nonnull (strstr (text, "2024"));
  g_assert_nonnull (strstr (text, "Bikes repaired per year"));

  /* The safe links keep their targets. */
  g_assert_nonnull (strstr (html, "href=\"https://example.org/open-workshops\""));
  g_assert_nonnull (strstr (html, "href=\"mailto:workshop@example.org\""));
  g_assert_nonnull (strstr (html, "href=\"#notes\""));
  g_assert_nonnull (strstr (html, "src=\"/images/chart.png\""));
  g_assert_nonnull (strstr (html, "srcset=\"/images/chart-wide.png 2x\""));
}

static void
test_hostile_reader (void)
{
  g_autoptr(xmlDoc) doc = parse_fixture ("hostile.html");
  xmlNode *body = gloss_html_body (doc);

  g_assert_nonnull (body);
  _gloss_sanitize (body, GLOSS_SANITIZE_READER);

  check_hostile_result (doc, body);
  g_assert_null (gloss_html_find_element (body->children, "style"));
  g_assert_null (gloss_html_find_element (body->children, "meta"));
  g_assert_null (xmlHasProp (body, (const xmlChar *) "onload"));
  g_assert_null (gloss_html_find_element (body->children, "x-app-shell"));
  g_assert_nonnull (gloss_html_find_element (body->children, "article"));
}

static void
test_hostile_full (void)
{
  g_autoptr(xmlDoc) doc = parse_fixture ("hostile.html");
  xmlNode *html = xmlDocGetRootElement (doc);
  xmlNode *head;

  _gloss_sanitize (html, GLOSS_SANITIZE_FULL);

  check_hostile_result (doc, html);
  head = gloss_html_find_element (html, "head");
  g_assert_nonnull (head);
  g_assert_nonnull (gloss_html_find_element (head->children, "title"));
  g_assert_null (gloss_html_find_element (head->children, "link"));
  g_assert_null (gloss_html_find_element (head->children, "style"));
  g_assert_nonnull (gloss_html_body (doc));
  /* Full mode keeps class but not a style that holds behavior: */
  g_assert_nonnull (gloss_html_find_element (html, "article"));
  g_assert_nonnull (xmlHasProp (gloss_html_find_element (html, "article"),
                                (const xmlChar *) "class"));
}

/* Sanitizes the <body> of @html and returns its inner markup. */
static char *
sanitize_string (const char        *html,
                 GlossSanitizeMode  mode)
{
  g_autoptr(xmlDoc) doc = parse_string (html);
  xmlNode *body = gloss_html_body (doc);

  g_assert_nonnull (body);
  _gloss_sanitize (body, mode);
  assert_tree_safe (body);
  return inner_html (doc, body);
}

static void
test_url_schemes (void)
{
  static const char * const unsafe[] = {
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " \tjavascript:alert(1)",
    "java&#x09;script:alert(1)", "java&#10;script:alert(1)", "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)", "&#0000106avascript:alert(1)", "javascript&colon;alert(1)",
    "&Tab;javascript:alert(1)", "java&NewLine;script:alert(1)", "&amp;#106;avascript:alert(1)",
    "&amp;#0;javascript:alert(1)", "&amp;#X6a;avascript:alert(1)",
    "vbscript:msgbox(1)", "data:text/html,%3Cscript%3Ealert(1)%3C/script%3E",
    "data:image/svg+xml,%3Csvg%20onload=alert(1)%3E", "livescript:alert(1)", "file:///etc/passwd",
  };
  static const char * const safe[] = {
    "https://example.org/a?b=1&amp;c=2", "http://example.org/", "mailto:a@example.org",
    "/relative/path", "relative.html", "#section", "//example.org/x", "?q=javascript:x",
    "/path/javascript:x", "https://example.org/caf\xc3\xa9", "&#xe9;t\xc3\xa9.html",
  };

  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    {
      g_autofree char *html = g_strdup_printf ("<p><a href=\"%s\">link</a></p>", unsafe[i]);
      g_autofree char *out = sanitize_string (html, GLOSS_SANITIZE_READER);

      g_test_message ("%s -> %s", unsafe[i], out);
      g_assert_cmpstr (out, ==, "<p><a>link</a></p>");
    }
  for (guint i = 0; i < G_N_ELEMENTS (safe); i++)
    {
      g_autofree char *html = g_strdup_printf ("<p><a href=\"%s\">link</a></p>", safe[i]);
      g_autofree char *out = sanitize_string (html, GLOSS_SANITIZE_READER);

      g_test_message ("%s -> %s", safe[i], out);
      g_assert_nonnull (strstr (out, "href="));
    }
}

static void
test_data_urls (void)
{
  g_autofree char *out = sanitize_string (
    "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"a\">"
    "<img src=\"data:text/html;base64,PHNjcmlwdD4=\" alt=\"b\">"
    "<video poster=\"data:image/png;base64,AAAA\" src=\"/movie.mp4\"></video>"
    "<a href=\"data:image/png;base64,AAAA\">c</a>",
    GLOSS_SANITIZE_READER);

  g_assert_cmpstr (out, ==,
                   "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"a\">"
                   "<img alt=\"b\">"
                   "<video poster=\"data:image/png;base64,AAAA\"></video>"
                   "<a>c</a>");
}

static void
test_srcset (void)
{
  g_autofree char *mixed = sanitize_string (
    "<img src=\"/a.png\" srcset=\"javascript:alert(1) 1x, /a.png 2x, "
    "data:image/png;base64,AAAA 3x, data:text/html,x 4x,https://example.org/b.png 800w\">",
    GLOSS_SANITIZE_READER);
  g_autofree char *none = sanitize_string ("<img src=\"/a.png\" srcset=\"javascript:a 1x\">",
                                           GLOSS_SANITIZE_READER);
  g_autofree char *bare = sanitize_string ("<img srcset=\"a.png,  b.png 2x,\">",
                                           GLOSS_SANITIZE_READER);

  g_assert_cmpstr (mixed, ==,
                   "<img src=\"/a.png\" srcset=\"/a.png 2x, data:image/png;base64,AAAA 3x, "
                   "https://example.org/b.png 800w\">");
  g_assert_cmpstr (none, ==, "<img src=\"/a.png\">");
  g_assert_cmpstr (bare, ==, "<img srcset=\"a.png, b.png 2x\">");
}

static void
test_event_handlers (void)
{
  g_autoptr(xmlDoc) doc = parse_string ("<body onload=\"a()\"><p onclick=\"b()\" "
                                        "OnMouseOver=\"c()\" title=\"t\">x</p></body>");
  xmlNode *body = gloss_html_body (doc);
  xmlNode *p = gloss_html_find_element (body, "p");
  g_autofree char *out = NULL;

  /* The parser lowercases names; code that builds nodes may not. */
  xmlSetProp (p, (const xmlChar *) "ONCLICK", (const xmlChar *) "d()");
  xmlSetProp (p, (const xmlChar *) "onanimationstart", (const xmlChar *) "e()");

  _gloss_sanitize (body, GLOSS_SANITIZE_READER);
  assert_tree_safe (body);
  out = gloss_html_serialize (doc, body);
  g_assert_cmpstr (out, ==, "<body><p title=\"t\">x</p></body>");
}

static void
test_unwrap (void)
{
  g_autofree char *form = sanitize_string (
    "<form action=\"/x\"><custom-card data-x=\"1\"><p>Kept <b>text</b></p></custom-card>"
    "<input name=\"a\"><button>Go</button><select><option>Opt</option></select>"
    "<label>Label</label></form>",
    GLOSS_SANITIZE_READER);
  g_autofree char *nested = sanitize_string (
    "<div><font color=\"red\"><blink>one</blink> <math><mi>two</mi></math></font></div>",
    GLOSS_SANITIZE_READER);

  g_assert_cmpstr (form, ==, "<p>Kept <b>text</b></p>Label");
  g_assert_cmpstr (nested, ==, "<div>one two</div>");
}

static void
test_dropped_with_content (void)
{
  g_autofree char *out = sanitize_string (
    "<p>a</p><script>s()</script><noscript><p>ns</p></noscript><template><p>tp</p></template>"
    "<iframe src=\"/f\">if</iframe><object data=\"/o\">ob</object><applet>ap</applet>"
    "<canvas>cv</canvas><audio>au</audio><textarea>ta</textarea><style>p{}</style>"
    "<title>late</title><meta http-equiv=\"refresh\" content=\"0;url=/x\"><base href=\"/b/\">"
    "<!--[if IE]><script>alert(1)</script><![endif]--><p>b</p>",
    GLOSS_SANITIZE_READER);

  g_assert_cmpstr (out, ==, "<p>a</p><p>b</p>");
}

/* Void elements hold nothing: dropping them must not drop what follows. */
static void
test_void_elements (void)
{
  g_autofree char *embed = sanitize_string ("<p>before<embed src=\"x\">after</p><p>next</p>",
                                            GLOSS_SANITIZE_READER);
  g_autofree char *picture = sanitize_string (
    "<picture><source srcset=\"/w.png 2x\"><img src=\"/n.png\" alt=\"n\"></picture>",
    GLOSS_SANITIZE_READER);
  g_autofree char *wbr = sanitize_string ("<p>a<wbr>b<keygen>c</p>", GLOSS_SANITIZE_READER);
  g_autofree char *video = sanitize_string (
    "<video poster=\"/p.png\"><source src=\"/a.webm\"><track src=\"/t.vtt\">fallback</video>"
    "<p>after</p>",
    GLOSS_SANITIZE_READER);

  g_assert_cmpstr (embed, ==, "<p>beforeafter</p><p>next</p>");
  g_assert_cmpstr (picture, ==, "<picture><img src=\"/n.png\" alt=\"n\"></picture>");
  /* Void elements have no end tag. */
  g_assert_cmpstr (wbr, ==, "<p>a<wbr>bc</p>");
  g_assert_cmpstr (video, ==, "<video poster=\"/p.png\">fallback</video><p>after</p>");
}

static void
test_reader_attributes (void)
{
  g_autofree char *out = sanitize_string (
    "<ol start=\"3\" reversed type=\"a\" class=\"c\" style=\"color:red\">"
    "<li value=\"5\" data-x=\"y\" id=\"i\" lang=\"fr\">x</li></ol>"
    "<a href=\"/a\" target=\"_blank\" rel=\"opener\" title=\"t\">a</a>"
    "<table><tr><td colspan=\"2\" align=\"left\">c</td></tr></table>"
    "<details open><summary>s</summary>d</details>"
    "<time datetime=\"2015-03-02\" type=\"x\">t</time>",
    GLOSS_SANITIZE_READER);

  g_assert_cmpstr (out, ==,
                   "<ol start=\"3\" reversed=\"\" type=\"a\">"
                   "<li value=\"5\" id=\"i\" lang=\"fr\">x</li></ol>"
                   "<a href=\"/a\" title=\"t\">a</a>"
                   "<table><tbody><tr><td colspan=\"2\">c</td></tr></tbody></table>"
                   "<details open=\"\"><summary>s</summary>d</details>"
                   "<time datetime=\"2015-03-02\">t</time>");
}

static void
test_svg (void)
{
  g_autoptr(xmlDoc) doc = parse_string (
    "<body><svg viewBox=\"0 0 10 10\" xmlns=\"http://www.w3.org/2000/svg\" onload=\"a()\">"
    "<title>Chart</title><script>b()</script><style>rect{}</style>"
    "<linearGradient id=\"g\" xlink:href=\"#base\"><stop offset=\"0\" stop-color=\"red\"/>"
    "</linearGradient><radialGradient id=\"r\" xlink:href=\"http://x.invalid/#g\"/>"
    "<rect width=\"5\" height=\"5\" fill=\"url(#g)\" onclick=\"c()\"/>"
    "<rect width=\"5\" height=\"5\" fill=\"url(http://x.invalid/p.svg#g)\"/>"
    "<path d=\"M0 0L10 10\" stroke=\"black\"/>"
    "<a xlink:href=\"javascript:d()\"><text x=\"1\" y=\"9\">label</text></a>"
    "<a href=\"https://example.org/\"><circle r=\"1\"/></a>"
    "<foreignObject><p>fo</p></foreignObject><use xlink:href=\"#g\"/>"
    "<image href=\"/i.png\"/><animate attributeName=\"href\" to=\"javascript:e()\"/>"
    "<set attributeName=\"onclick\" to=\"f()\"/></svg></body>");
  xmlNode *body = gloss_html_body (doc);
  g_autofree char *out = NULL;

  _gloss_sanitize (body, GLOSS_SANITIZE_READER);
  assert_tree_safe (body);
  out = inner_html (doc, body);
  g_assert_cmpstr (out, ==,
                   "<svg viewBox=\"0 0 10 10\" xmlns=\"http://www.w3.org/2000/svg\">"
                   "Chart"
                   "<linearGradient id=\"g\" xlink:href=\"#base\"><stop offset=\"0\" "
                   "stop-color=\"red\"></stop></linearGradient><radialGradient id=\"r\">"
                   "</radialGradient>"
                   "<rect width=\"5\" height=\"5\" fill=\"url(#g)\"></rect>"
                   "<rect width=\"5\" height=\"5\"></rect>"
                   "<path d=\"M0 0L10 10\" stroke=\"black\"></path>"
                   "<a><text x=\"1\" y=\"9\">label</text></a>"
                   "<a href=\"https://example.org/\"><circle r=\"1\"></circle></a>"
                   "</svg>");
}

static void
test_full_head (void)
{
  g_autoptr(xmlDoc) doc = parse_string (
    "<html><head><meta charset=\"utf-8\"><meta charset=\"gbk\">"
    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
    "<meta http-equiv=\"REFRESH\" content=\"0;url=/x\">"
    "<meta http-equiv=\"set-cookie\" content=\"a=b\">"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src *\">"
    "<meta name=\"description\" content=\"d\"><meta property=\"og:title\" content=\"t\">"
    "<title>T</title><base href=\"http://x.invalid/\">"
    "<link rel=\"stylesheet\" href=\"/s.css\" media=\"screen\">"
    "<link rel=\"import\" href=\"/i.html\"><link rel=\"preload\" href=\"/p.js\" as=\"script\">"
    "<link rel=\"stylesheet\" href=\"javascript:a()\">"
    "<style>p { color: red }</style>"
    "<style>p { width: expression(a()) }</style>"
    "<style>p { width: expr\\65 ssion(a()) }</style>"
    "<style>p { width: expr/**/ession(a()) }</style>"
    "<style>p { -moz-binding: url(/x.xml#y) }</style>"
    "<style>p { BEHAVIOR: url(/x.htc) }</style>"
    "</head><body class=\"page\" onload=\"a()\" data-track=\"1\">"
    "<nav role=\"navigation\" aria-label=\"Main\">"
    "<a href=\"/\">Home</a></nav><p style=\"color: blue\">ok</p>"
    "<p style=\"background: url(javascript:a())\">js</p>"
    "<p style=\"width: e\\78 pression(a())\">escaped</p></body></html>");
  xmlNode *html = xmlDocGetRootElement (doc);
  g_autofree char *out = NULL;

  _gloss_sanitize (html, GLOSS_SANITIZE_FULL);
  assert_tree_safe (html);
  out = gloss_html_serialize (doc, html);
  g_assert_cmpstr (out, ==,
                   "<html><head><meta charset=\"utf-8\">"
                   "<meta name=\"description\" content=\"d\">"
                   "<meta property=\"og:title\" content=\"t\"><title>T</title>"
                   "<link rel=\"stylesheet\" href=\"/s.css\" media=\"screen\">"
                   "<style>p{color:red}\n</style>"
                   "</head><body class=\"page\"><nav role=\"navigation\" aria-label=\"Main\">"
                   "<a href=\"/\">Home</a></nav><p style=\"color:blue\">ok</p>"
                   "<p>js</p><p>escaped</p></body></html>");
}

static void
test_reader_whole_document (void)
{
  g_autoptr(xmlDoc) doc = parse_string ("<html lang=\"en\"><head><title>T</title>"
                                        "<style>p{}</style></head><body class=\"b\">"
                                        "<p class=\"x\">text</p></body></html>");
  xmlNode *html = xmlDocGetRootElement (doc);
  g_autofree char *out = NULL;

  /* The root stays whatever it is; below it only the article is left. */
  _gloss_sanitize (html, GLOSS_SANITIZE_READER);
  out = gloss_html_serialize (doc, html);
  g_assert_cmpstr (out, ==, "<html lang=\"en\"><p>text</p></html>");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sanitize/hostile/reader", test_hostile_reader);
  g_test_add_func ("/sanitize/hostile/full", test_hostile_full);
  g_test_add_func ("/sanitize/url-schemes", test_url_schemes);
  g_test_add_func ("/sanitize/data-urls", test_data_urls);
  g_test_add_func ("/sanitize/srcset", test_srcset);
  g_test_add_func ("/sanitize/event-handlers", test_event_handlers);
  g_test_add_func ("/sanitize/unwrap", test_unwrap);
  g_test_add_func ("/sanitize/dropped-with-content", test_dropped_with_content);
  g_test_add_func ("/sanitize/void-elements", test_void_elements);
  g_test_add_func ("/sanitize/reader-attributes", test_reader_attributes);
  g_test_add_func ("/sanitize/svg", test_svg);
  g_test_add_func ("/sanitize/full-head", test_full_head);
  g_test_add_func ("/sanitize/reader-whole-document", test_reader_whole_document);

  return g_test_run ();
}
