/* test-dom.c — lazy images, <picture>, srcset and absolute URLs
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-dom-private.h"
#include "gloss-html.h"

#define BASE "https://news.example.com/2026/11/story.html"

static char *
prepare (const char *body)
{
  g_autofree char *page = g_strdup_printf ("<html><body>%s</body></html>", body);
  g_autoptr(xmlDoc) doc = gloss_html_parse (page, strlen (page));

  _gloss_dom_prepare (doc, BASE);
  return gloss_html_serialize (doc, gloss_html_body (doc));
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not hold “%s”", haystack, needle);
}

static void
test_pick_srcset (void)
{
  g_autofree char *widths = _gloss_dom_pick_srcset ("a.jpg 400w, b.jpg 1200w, c.jpg 2400w", BASE);
  g_autofree char *too_big = _gloss_dom_pick_srcset ("c.jpg 3000w, d.jpg 2000w", BASE);
  g_autofree char *density = _gloss_dom_pick_srcset ("x1.png, x2.png 2x, x3.png 3x", BASE);
  g_autofree char *commas = _gloss_dom_pick_srcset ("https://cdn.example.com/w_400,h_300/p.jpg 400w", BASE);

  g_assert_cmpstr (widths, ==, "https://news.example.com/2026/11/b.jpg");
  g_assert_cmpstr (too_big, ==, "https://news.example.com/2026/11/d.jpg");
  g_assert_cmpstr (density, ==, "https://news.example.com/2026/11/x2.png");
  g_assert_cmpstr (commas, ==, "https://cdn.example.com/w_400,h_300/p.jpg");
  g_assert_null (_gloss_dom_pick_srcset ("  ,  ", BASE));
}

static void
test_lazy_attributes (void)
{
  g_autofree char *html = prepare ("<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" "
                                   "data-src=\"/img/real.jpg\" alt=\"x\">");

  assert_contains (html, "src=\"https://news.example.com/img/real.jpg\"");
  g_assert_null (strstr (html, "data-src"));
}

static void
test_noscript_fallback (void)
{
  g_autofree char *html = prepare ("<img class=\"lazy\" src=\"/spacer.gif\">"
                                   "<noscript><img src=\"photo.jpg\" alt=\"Photo\"></noscript>");

  assert_contains (html, "src=\"https://news.example.com/2026/11/photo.jpg\"");
  g_assert_null (strstr (html, "spacer"));
  g_assert_null (strstr (html, "noscript"));
}

static void
test_picture (void)
{
  g_autofree char *html = prepare ("<picture>"
                                   "<source type=\"image/jxl\" srcset=\"p.jxl\">"
                                   "<source media=\"(min-width: 800px)\" srcset=\"wide.webp 1600w, narrow.webp 600w\">"
                                   "<img src=\"fallback.jpg\" alt=\"P\"></picture>");

  assert_contains (html, "src=\"https://news.example.com/2026/11/wide.webp\"");
  g_assert_null (strstr (html, "<source"));
}

static void
test_absolute_urls_and_base (void)
{
  g_autofree char *page = g_strdup ("<html><head><base href=\"https://cdn.example.org/a/\"></head>"
                                    "<body><a href=\"b.html\">b</a><a href=\"#top\">top</a>"
                                    "<img srcset=\"i1.png 1x, i2.png 2x\"></body></html>");
  g_autoptr(xmlDoc) doc = gloss_html_parse (page, strlen (page));
  g_autofree char *html = NULL;

  _gloss_dom_prepare (doc, BASE);
  html = gloss_html_serialize (doc, NULL);
  assert_contains (html, "href=\"https://cdn.example.org/a/b.html\"");
  assert_contains (html, "href=\"#top\"");
  assert_contains (html, "https://cdn.example.org/a/i1.png, https://cdn.example.org/a/i2.png 2x");
  assert_contains (html, "src=\"https://cdn.example.org/a/i2.png\"");
  g_assert_null (strstr (html, "<base"));
}

/* As a browser resolves them: spaces and non-ASCII escaped, the escapes a
 * page wrote kept as written, IDN hosts in xn-- form. */
static void
test_resolve_url (void)
{
  static const struct { const char *base; const char *href; const char *want; } cases[] = {
    { "https://example.com/a/b.html", "c d.png", "https://example.com/a/c%20d.png" },
    { "https://example.com/a/b.html", "%41%7e%2f.png", "https://example.com/a/%41%7e%2f.png" },
    { "https://example.com/a/b.html", "\u00fc.png", "https://example.com/a/%C3%BC.png" },
    { "https://example.com/a/b.html", "100%.png", "https://example.com/a/100%.png" },
    { "https://example.com/a/b.html", "../x.png?q=1#f", "https://example.com/x.png?q=1#f" },
    { NULL, "https://b\u00fccher.example/\u00e4", "https://xn--bcher-kva.example/%C3%A4" },
    { "", "relative.png", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *resolved = _gloss_dom_resolve_url (cases[i].base, cases[i].href);

      g_assert_cmpstr (resolved, ==, cases[i].want);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dom/resolve-url", test_resolve_url);
  g_test_add_func ("/dom/pick-srcset", test_pick_srcset);
  g_test_add_func ("/dom/lazy-attributes", test_lazy_attributes);
  g_test_add_func ("/dom/noscript-fallback", test_noscript_fallback);
  g_test_add_func ("/dom/picture", test_picture);
  g_test_add_func ("/dom/absolute-urls-and-base", test_absolute_urls_and_base);

  return g_test_run ();
}
