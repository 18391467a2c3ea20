/* test-html.c — charset detection and parsing
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-html.h"

static void
assert_decodes (const char *bytes,
                gsize       length,
                const char *header_charset,
                const char *expected_charset,
                const char *expected_text)
{
  g_autofree char *charset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *utf8 = gloss_html_decode (bytes, length, header_charset, &charset, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (charset, ==, expected_charset);
  g_assert_null (strstr (utf8, "\xEF\xBF\xBD"));
  g_assert_true (g_utf8_validate (utf8, -1, NULL));
  if (strstr (utf8, expected_text) == NULL)
    g_error ("“%s” does not hold “%s”", utf8, expected_text);
}

static void
test_bom_wins (void)
{
  const char page[] = "\xEF\xBB\xBF<meta charset=\"gbk\"><p>caf\xC3\xA9</p>";

  assert_decodes (page, sizeof page - 1, "iso-8859-1", "UTF-8", "<p>café</p>");
}

static void
test_header_charset (void)
{
  /* “quoted” in windows-1252 */
  const char page[] = "<p>\x93quoted\x94 \x80 5</p>";

  assert_decodes (page, sizeof page - 1, "ISO-8859-1", "WINDOWS-1252", "“quoted” € 5");
}

static void
test_meta_charset (void)
{
  /* 中文 in GBK, declared only in the page */
  const char page[] = "<html><head><meta http-equiv=\"Content-Type\" "
                      "content=\"text/html; charset=gb2312\"></head><p>\xD6\xD0\xCE\xC4</p>";

  assert_decodes (page, sizeof page - 1, NULL, "GB18030", "<p>中文</p>");
}

static void
test_undeclared (void)
{
  const char utf8[] = "<p>na\xC3\xAFve</p>";
  const char latin[] = "<p>na\xEFve</p>";

  assert_decodes (utf8, sizeof utf8 - 1, NULL, "UTF-8", "naïve");
  assert_decodes (latin, sizeof latin - 1, NULL, "WINDOWS-1252", "naïve");
}

static void
test_invalid_bytes_replaced (void)
{
  const char page[] = "<p>ok \xFF\xFE\xFD end</p>";
  g_autofree char *utf8 = gloss_html_decode (page, sizeof page - 1, "utf-8", NULL, NULL);

  g_assert_true (g_utf8_validate (utf8, -1, NULL));
  g_assert_nonnull (strstr (utf8, "ok "));
  g_assert_nonnull (strstr (utf8, " end"));
}

static void
test_unknown_label_falls_back (void)
{
  const char page[] = "<meta charset=\"x-no-such-charset\"><p>caf\xE9</p>";

  assert_decodes (page, sizeof page - 1, NULL, "WINDOWS-1252", "café");
}

/* WHATWG Encoding: utf-7 is no encoding of the web; the label is ignored and
 * the UTF-8 that validates is kept. */
static void
test_utf7_label_ignored (void)
{
  const char page[] = "<p>Gr\xC3\xBC\xC3\x9F + caf\xC3\xA9 ~ 100%</p>";

  assert_decodes (page, sizeof page - 1, "utf-7", "UTF-8", "Grüß + café ~ 100%");
  assert_decodes (page, sizeof page - 1, "UTF-7", "UTF-8", "Grüß + café ~ 100%");
}

static void
test_unknown_header_label_ignored (void)
{
  const char page[] = "<p>\xE6\x97\xA5\xE6\x9C\xAC na\xC3\xAFve</p>";
  const char meta_after[] = "<meta charset=\"x-bogus\"><meta charset=\"koi8-r\"><p>\xF0\xD2\xC9</p>";

  assert_decodes (page, sizeof page - 1, "x-no-such-charset", "UTF-8", "日本 naïve");
  /* The prescan goes on past a <meta> whose label names nothing. */
  assert_decodes (meta_after, sizeof meta_after - 1, NULL, "KOI8-R", "При");
}

static void
test_utf16_without_bom (void)
{
  const char le[] = "<\0p\0>\0c\0a\0f\0\xE9\0 \0\x2C\x6F<\0/\0p\0>\0";
  const char be[] = "\0<\0p\0>\0c\0a\0f\0\xE9\0 \x6F\x2C\0<\0/\0p\0>";

  assert_decodes (le, sizeof le - 1, "utf-16le", "UTF-16LE", "<p>café 漬</p>");
  assert_decodes (le, sizeof le - 1, "utf-16", "UTF-16LE", "<p>café 漬</p>");
  assert_decodes (be, sizeof be - 1, "UTF-16BE", "UTF-16BE", "<p>café 漬</p>");
  /* Undeclared, its zero bytes tell. */
  assert_decodes (le, sizeof le - 1, NULL, "UTF-16LE", "<p>café 漬</p>");
}

static void
test_meta_utf16_means_utf8 (void)
{
  const char page[] = "<meta charset=\"utf-16\"><p>caf\xC3\xA9</p>";

  assert_decodes (page, sizeof page - 1, NULL, "UTF-8", "café");
}

static void
test_refused_encoding_named (void)
{
  const char page[] = "<p>\x1B$)C\x0E!!\x0F</p>";
  g_autoptr(GError) error = NULL;
  g_autofree char *utf8 = gloss_html_decode (page, sizeof page - 1, "ISO-2022-KR", NULL, &error);

  g_assert_null (utf8);
  g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION);
  g_assert_nonnull (strstr (error->message, "ISO-2022-KR"));
}

static void
test_nul_does_not_cut_text (void)
{
  const char page[] = "<p>before\0after</p>";
  g_autofree char *utf8 = gloss_html_decode (page, sizeof page - 1, "utf-8", NULL, NULL);

  g_assert_cmpstr (utf8, ==, "<p>before\xEF\xBF\xBD" "after</p>");
}

static char *
nested_page (guint depth)
{
  GString *html = g_string_new ("<html><body>");

  for (guint i = 0; i < depth; i++)
    g_string_append (html, i % 2 ? "<div>" : "<span>");
  g_string_append (html, "<p>The text at the bottom.</p><img src=\"deep.png\">");
  for (guint i = depth; i > 0; i--)
    g_string_append (html, (i - 1) % 2 ? "</div>" : "</span>");
  g_string_append (html, "<p>After the nest.</p></body></html>");
  return g_string_free (html, FALSE);
}

static guint
tree_depth (xmlNode *root)
{
  guint depth = 0, deepest = 0;
  xmlNode *node = root;

  /* Iterative, like the code under test must be at this depth. */
  while (node != NULL)
    {
      deepest = MAX (deepest, depth);
      if (node->children != NULL)
        {
          node = node->children;
          depth++;
          continue;
        }
      while (node != root && node->next == NULL)
        {
          node = node->parent;
          depth--;
        }
      node = node == root ? NULL : node->next;
    }
  return deepest;
}

/* libxml2 cut a tree at 256 levels and dropped the text below; the parser
 * now keeps it and flattens what is deeper than GLOSS_HTML_MAX_DEPTH. */
static void
test_deep_nesting_keeps_text (gconstpointer data)
{
  guint depth = GPOINTER_TO_UINT (data);
  g_autofree char *page = nested_page (depth);
  g_autoptr(xmlDoc) doc = gloss_html_parse (page, strlen (page));
  g_autofree char *text = (char *) xmlNodeGetContent (gloss_html_body (doc));

  g_assert_nonnull (strstr (text, "The text at the bottom.After the nest."));
  g_assert_nonnull (gloss_html_find_element (gloss_html_body (doc), "img"));
  g_assert_cmpuint (tree_depth (xmlDocGetRootElement (doc)), <=, GLOSS_HTML_MAX_DEPTH + 2);
}

static void
test_parse_ignores_meta_after_decoding (void)
{
  /* Already UTF-8: the parser must not re-decode because of the <meta>. */
  const char *page = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>日本語</p></body></html>";
  g_autoptr(xmlDoc) doc = gloss_html_parse (page, strlen (page));
  g_autofree char *text = (char *) xmlNodeGetContent (gloss_html_body (doc));

  g_assert_cmpstr (text, ==, "日本語");
  g_assert_null (gloss_html_parse ("", 0));
}

/* CVE-2018-8048: libxml2's serializer left "<!--" and "&{" in attribute
 * values as they were; ours escapes & < > " in every value. In <style>,
 * a "</style" that did not end it is written so that it still does not. */
static void
test_serialize_attributes (void)
{
  const char *page = "<body><a href=\"x\" title=\"&lt;!--&lt;/title&gt;&lt;script&gt;&quot;&amp;{\">t</a>"
                     "<p>a &lt;b&gt; &amp; \"c\"</p><style>p{content:\"</style\"}</style></body>";
  g_autoptr(xmlDoc) doc = gloss_html_parse (page, strlen (page));
  g_autofree char *out = gloss_html_serialize (doc, gloss_html_body (doc));

  g_assert_cmpstr (out, ==,
                   "<body><a href=\"x\" title=\"&lt;!--&lt;/title&gt;&lt;script&gt;&quot;&amp;{\">"
                   "t</a><p>a &lt;b&gt; &amp; \"c\"</p>"
                   "<style>p{content:\"<\\/style\"}</style></body>");
}

/* Names and namespaces as an HTML5 parser gives them, written back so that
 * one builds the same tree again. */
static void
test_foreign_content (void)
{
  const char *page = "<body><svg viewbox=\"0 0 1 1\"><lineargradient xlink:href=\"#a\"/>"
                     "<style><tspan>x</tspan></style></svg><math><mi>y</mi></math>"
                     "<svg><p>out</p></svg><br><img src=\"a\"></body>";
  g_autoptr(xmlDoc) doc = gloss_html_parse (page, strlen (page));
  xmlNode *body = gloss_html_body (doc);
  xmlNode *svg = gloss_html_find_element (body, "svg");
  xmlNode *style = gloss_html_find_element (svg, "style");
  g_autofree char *out = gloss_html_serialize (doc, body);
  g_autoptr(xmlDoc) again = gloss_html_parse (out, strlen (out));
  g_autofree char *out_again = gloss_html_serialize (again, gloss_html_body (again));

  g_assert_cmpint (gloss_html_namespace (svg), ==, GLOSS_HTML_NS_SVG);
  g_assert_cmpint (gloss_html_namespace (style), ==, GLOSS_HTML_NS_SVG);
  g_assert_cmpint (gloss_html_namespace (gloss_html_find_element (body, "mi")), ==,
                   GLOSS_HTML_NS_MATHML);
  g_assert_cmpint (gloss_html_namespace (gloss_html_find_element (body, "p")), ==,
                   GLOSS_HTML_NS_HTML);
  /* In SVG, <style> holds markup: the <tspan> is an element. */
  g_assert_true (gloss_html_is_element (style->children, "tspan"));
  g_assert_cmpstr (out, ==,
                   "<body><svg viewBox=\"0 0 1 1\"><linearGradient xlink:href=\"#a\">"
                   "</linearGradient><style><tspan>x</tspan></style></svg><math><mi>y</mi></math>"
                   "<svg></svg><p>out</p><br><img src=\"a\"></body>");
  g_assert_cmpstr (out_again, ==, out);
}

/* A page nested 100,000 deep parses in a moment (an HTML5 tree builder
 * looks through all open elements at every tag) and serializes without
 * recursion. */
static void
test_deep_parse_serialize (void)
{
  g_autoptr(GString) page = g_string_new ("<body>");
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *out = NULL;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < 100000; i++)
    g_string_append (page, "<div><span>");
  g_string_append (page, "<p>deep text</p>");
  doc = gloss_html_parse (page->str, page->len);
  out = gloss_html_serialize (doc, NULL);
  g_assert_nonnull (strstr (out, "deep text"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/html/bom-wins", test_bom_wins);
  g_test_add_func ("/html/header-charset", test_header_charset);
  g_test_add_func ("/html/meta-charset", test_meta_charset);
  g_test_add_func ("/html/undeclared", test_undeclared);
  g_test_add_func ("/html/invalid-bytes-replaced", test_invalid_bytes_replaced);
  g_test_add_func ("/html/unknown-label-falls-back", test_unknown_label_falls_back);
  g_test_add_func ("/html/parse-ignores-meta-after-decoding", test_parse_ignores_meta_after_decoding);
  g_test_add_func ("/html/utf7-label-ignored", test_utf7_label_ignored);
  g_test_add_func ("/html/unknown-header-label-ignored", test_unknown_header_label_ignored);
  g_test_add_func ("/html/utf16-without-bom", test_utf16_without_bom);
  g_test_add_func ("/html/meta-utf16-means-utf8", test_meta_utf16_means_utf8);
  g_test_add_func ("/html/refused-encoding-named", test_refused_encoding_named);
  g_test_add_func ("/html/nul-does-not-cut-text", test_nul_does_not_cut_text);
  g_test_add_data_func ("/html/deep-nesting/300", GUINT_TO_POINTER (300),
                        test_deep_nesting_keeps_text);
  g_test_add_data_func ("/html/deep-nesting/5000", GUINT_TO_POINTER (5000),
                        test_deep_nesting_keeps_text);
  g_test_add_data_func ("/html/deep-nesting/100000", GUINT_TO_POINTER (100000),
                        test_deep_nesting_keeps_text);

  g_test_add_func ("/html/serialize-attributes", test_serialize_attributes);
  g_test_add_func ("/html/foreign-content", test_foreign_content);
  g_test_add_func ("/html/deep-parse-serialize", test_deep_parse_serialize);

  return g_test_run ();
}
