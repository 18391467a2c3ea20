/* test-clip-css.c — full-page clips whose stylesheets try what issue 11
 * names, against a real HTTP server on 127.0.0.1 (test-clip.c holds the
 * rest of the pipeline's tests; it is at its size limit)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-clip.h"
#include "gloss-html.h"
#include "gloss-test-utils.h"

typedef struct
{
  GlossTestServer *server;
  GlossFetcher    *fetcher;
  char            *library;
  GlossLibrary    *library_object;
  GlossClipResult *result;
  GError          *error;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = gloss_test_server_new ();
  f->fetcher = gloss_fetcher_new ();
  f->library = gloss_test_library_new ();
  f->library_object = gloss_library_new (f->library);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->result, gloss_clip_result_free);
  g_clear_error (&f->error);
  g_clear_object (&f->fetcher);
  gloss_test_server_free (f->server);
  g_clear_object (&f->library_object);
  gloss_test_library_free (f->library);
}

/* Clips @path in full mode; returns the archive. */
static char *
clip_full (Fixture    *f,
           const char *path)
{
  g_autofree char *url = gloss_test_server_url (f->server, path);
  char *html = NULL;

  g_clear_pointer (&f->result, gloss_clip_result_free);
  f->result = gloss_test_clip (f->fetcher, f->library_object, url, GLOSS_CLIP_MODE_FULL, &f->error);
  g_assert_no_error (f->error);
  g_file_get_contents (f->result->path, &html, NULL, &f->error);
  g_assert_no_error (f->error);
  return html;
}

static void
serve_css (Fixture    *f,
           const char *path,
           const char *css)
{
  gloss_test_server_set_response (f->server, path, "text/css", css, strlen (css));
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = haystack; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    n++;
  return n;
}

/* Every <style> and style="" of the archive, one after the other. */
static void
collect_css (xmlNode *node,
             GString *css)
{
  for (; node != NULL; node = node->next)
    {
      g_autofree char *style = NULL;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (gloss_html_is_element (node, "style"))
        {
          xmlChar *text = xmlNodeGetContent (node);
          g_string_append_printf (css, "%s\n", (const char *) text);
          xmlFree (text);
        }
      if ((style = gloss_html_get_attr (node, "style")) != NULL)
        g_string_append_printf (css, "%s\n", style);
      collect_css (node->children, css);
    }
}

/* Nothing of what issue 11 names, and no URL but data: pictures and fonts. */
static void
assert_styles_safe (const char *html)
{
  g_autoptr(xmlDoc) doc = gloss_html_parse (html, strlen (html));
  g_autoptr(GString) css = g_string_new (NULL);
  g_autofree char *lower = NULL;
  static const char * const forbidden[] = {
    "expression", "behavior", "binding", "@import", "data:text/css", "javascript:",
    "x.htc", "evil.", "</", NULL
  };

  collect_css (xmlDocGetRootElement (doc), css);
  lower = g_ascii_strdown (css->str, -1);
  for (guint i = 0; forbidden[i] != NULL; i++)
    if (strstr (lower, forbidden[i]) != NULL)
      g_error ("\"%s\" left in the archive's CSS: %s", forbidden[i], css->str);
  for (const char *p = lower; (p = strstr (p, "url(")) != NULL; p++)
    if (!g_str_has_prefix (p, "url(\"data:image/png;base64,") &&
        !g_str_has_prefix (p, "url(\"data:font/woff2;base64,"))
      g_error ("a URL left in the archive: %.60s", p);
  g_assert_null (strstr (html, "stylesheet"));
}

#define ARTICLE \
  "<body><article><h1>Styles from elsewhere</h1><p class=\"keep escaped from-data\">" \
  "The harbour wall has stood since 1862, and it has outlasted every storm the town " \
  "remembers. Engineers who surveyed it found the mortar solid and the footings dry.</p>" \
  "</article></body></html>"

/* A fetched sheet is sanitized like any other: expression(), behavior and
 * bindings go, its font and picture come along. */
static void
test_fetched_sheet (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *html = NULL;

  serve_css (f, "/css/fetched.css",
             ".keep { color: rgb(1, 2, 3) }\n"
             ".evil { width: expression(alert(1)); color: red }\n"
             ".evil2 { behavior: url(/x.htc); -moz-binding: url(/x.xml#b) }\n"
             ".evil3 { width: e\\78pression(alert(2)) }\n"
             "@font-face { font-family: T; src: url(../fonts/test.woff2) format(\"woff2\") }\n"
             ".picture { background-image: url(\"/images/bg.png\") }\n"
             "p::after { content: \"</style><script>alert(3)</script>\" }\n");
  gloss_test_server_set_page (f->server, "/fetched.html",
                              "<html><head><title>Fetched</title>"
                              "<link rel=\"stylesheet\" href=\"/css/fetched.css\"></head>" ARTICLE);
  html = clip_full (f, "/fetched.html");
  assert_styles_safe (html);
  g_assert_null (strstr (html, "<script"));
  g_assert_nonnull (strstr (html, ".keep{color:rgb(1, 2, 3)}"));
  g_assert_nonnull (strstr (html, ".evil{color:red}"));
  g_assert_cmpuint (count (html, "data:font/woff2;base64,"), ==, 1);
  g_assert_cmpuint (count (html, "data:image/png;base64,"), ==, 1);
  g_assert_cmpuint (gloss_test_server_hits (f->server, "/x.htc"), ==, 0);
  g_assert_cmpuint (gloss_test_server_hits (f->server, "/x.xml"), ==, 0);
}

/* A data:text/css import that loads from http: its sheet is fetched,
 * sanitized and spliced in; no data:text/css is left. A url() with
 * escapes is a url() all the same: fetched and inlined. */
static void
test_data_import (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *inner = gloss_test_server_url (f->server, "/css/from-data.css");
  g_autofree char *page = NULL;
  g_autofree char *html = NULL;

  serve_css (f, "/css/from-data.css",
             ".from-data { color: rgb(4, 5, 6); background: url(../images/chart.png) }\n"
             ".evil { width: expression(alert(1)) }\n");
  page = g_strdup_printf ("<html><head><title>Imports</title><style>"
                          "@import url(\"data:text/css,@import url('%s');\");\n"
                          "p.escaped { background-image: u\\72l(/images/bg.png) }\n"
                          "p.escaped2 { border-image: \\75 rl(/fonts/test.woff2) }\n"
                          "p.bad { background: \\75 rl(javascript:alert(1)) }\n"
                          "p.bad2 { background: url(http://127.0.0.1:1/evil.png }\n"
                          "</style></head>" ARTICLE, inner);
  gloss_test_server_set_page (f->server, "/imports.html", page);
  html = clip_full (f, "/imports.html");
  assert_styles_safe (html);
  g_assert_nonnull (strstr (html, ".from-data{color:rgb(4, 5, 6);background:url(\"data:image/png"));
  g_assert_nonnull (strstr (html, "p.escaped{background-image:url(\"data:image/png;base64,"));
  g_assert_nonnull (strstr (html, "p.escaped2{border-image:url(\"data:font/woff2;base64,"));
  g_assert_null (strstr (html, "p.bad"));
  g_assert_cmpuint (gloss_test_server_hits (f->server, "/css/from-data.css"), ==, 1);
  g_assert_cmpuint (gloss_test_server_hits (f->server, "/images/chart.png"), ==, 1);
  g_assert_cmpuint (gloss_test_server_hits (f->server, "/images/bg.png"), ==, 1);
}

/* Pictures of a type CSS may not embed (SVG, a web page) are left out and
 * listed; character references in style="" are decoded before the CSS is
 * read, as a browser does. */
static void
test_refused_types (Fixture       *f,
                    gconstpointer  data)
{
  static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>";
  g_autofree char *html = NULL;

  gloss_test_server_set_response (f->server, "/images/evil.svg", "image/svg+xml", svg,
                                  strlen (svg));
  gloss_test_server_set_page (f->server, "/types.html",
                              "<html><head><title>Types</title><style>"
                              ".svg { background: url(/images/evil.svg) }\n"
                              ".inline { background: url('data:image/svg+xml,<svg onload=a()>') }\n"
                              ".html { background: url(data:text/html,x) }\n"
                              ".ok { background: url(/images/bg.png) }</style></head>"
                              "<body><article><h1>Types</h1>"
                              "<p style=\"background:u&#114;l(/images/chart.png)\">"
                              "The harbour wall has stood since 1862, and it has outlasted every "
                              "storm the town remembers, said the engineers who surveyed it.</p>"
                              "<p style=\"background:url&#40;/images/evil.svg&#41;;color:blue\">"
                              "Second paragraph of the article, long enough to be kept.</p>"
                              "</article></body></html>");
  html = clip_full (f, "/types.html");
  assert_styles_safe (html);
  g_assert_null (strstr (html, "svg+xml"));
  g_assert_null (strstr (html, "text/html,"));
  g_assert_nonnull (strstr (html, ".ok{background:url(\"data:image/png;base64,"));
  g_assert_nonnull (strstr (html, "background:url(&quot;data:image/png;base64,") != NULL ?
                    html : strstr (html, "background:url(\"data:image/png;base64,"));
  g_assert_nonnull (strstr (html, "color:blue"));
  g_assert_cmpuint (f->result->missing->len, ==, 1);
  g_assert_nonnull (strstr (f->result->missing->pdata[0], "/images/evil.svg"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/clip/css/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("fetched-sheet", test_fetched_sheet);
  ADD ("data-import", test_data_import);
  ADD ("refused-types", test_refused_types);
#undef ADD

  return g_test_run ();
}
