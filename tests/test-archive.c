/* test-archive.c — archive ids and the archive's header
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-archive.h"
#include "gloss-extract.h"
#include "gloss-page.h"
#include "gloss-html.h"
#include "gloss-text.h"
#include "gloss-test-utils.h"

#include <gumbo.h>

static void
test_slugify (void)
{
  g_autofree char *plain = gloss_archive_slugify ("Alibaba’s First Foot On U.S. Soil");
  g_autofree char *accents = gloss_archive_slugify ("Crème brûlée — à la carte!");
  g_autofree char *chinese = gloss_archive_slugify ("中文标题");
  g_autofree char *longer = gloss_archive_slugify ("A very long title that goes on and on about "
                                                   "the many wonders of the extraction pipeline");
  const char *full = "a-very-long-title-that-goes-on-and-on-about-the-many-wonders-of-the-"
                     "extraction-pipeline";

  g_assert_cmpstr (plain, ==, "alibabas-first-foot-on-u-s-soil");
  g_assert_cmpstr (accents, ==, "creme-brulee-a-la-carte");
  g_assert_cmpstr (chinese, ==, "article");
  g_assert_cmpuint (strlen (longer), <=, 60);
  /* Cut where a word ends, not in the middle of one. */
  g_assert_true (g_str_has_prefix (full, longer));
  g_assert_cmpint (full[strlen (longer)], ==, '-');
}

static void
test_id (void)
{
  g_autofree char *id = gloss_archive_make_id ("Hello, World", "https://example.com/hello");
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "https://example.com/hello", -1);
  g_autofree char *expected = g_strdup_printf ("hello-world-%.8s", hash);
  g_autofree char *other = gloss_archive_make_id ("Hello, World", "https://example.com/other");

  g_assert_cmpstr (id, ==, expected);
  g_assert_cmpstr (id, !=, other);
}

static void
test_reader_archive (void)
{
  const char *body = "<div><p>First &amp; <em>only</em> paragraph.</p><pre>\n\nint x;\n</pre></div>";
  g_autoptr(GlossPage) page = g_new0 (GlossPage, 1);
  g_autoptr(GDateTime) saved = g_date_time_new_utc (2026, 11, 26, 10, 0, 0);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  xmlNode *div;

  page->doc = gloss_html_parse (body, strlen (body));
  div = gloss_html_find_element (xmlDocGetRootElement (page->doc), "div");
  xmlUnlinkNode (div);
  page->content = div;
  page->mode = GLOSS_CLIP_MODE_READER;
  page->meta = g_new0 (GlossMetadata, 1);
  page->meta->title = g_strdup ("Tom & Jerry <live>");
  page->meta->byline = g_strdup ("A. Writer");
  page->meta->published = g_strdup ("2015-03-02");
  page->meta->language = g_strdup ("en");
  g_ptr_array_add (missing, "https://example.com/gone.png");

  html = gloss_archive_build (page, "https://example.com/tom", saved, missing, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html lang=\"en\"><head>\n<meta charset=\"utf-8\">\n"
                                         "<meta http-equiv=\"Content-Security-Policy\""));
  g_assert_nonnull (strstr (html, "<title>Tom &amp; Jerry &lt;live&gt;</title>"));
  g_assert_nonnull (strstr (html, "<meta name=\"gloss:saved\" content=\"2026-11-26T10:00:00Z\">"));
  g_assert_nonnull (strstr (html, "<meta name=\"gloss:missing\" content=\"https://example.com/gone.png\">"));
  g_assert_nonnull (strstr (html, "<link rel=\"canonical\" href=\"https://example.com/tom\">"));
  g_assert_nonnull (strstr (html, "<time datetime=\"2015-03-02\">"));
  g_assert_nonnull (strstr (html, "<p>First &amp; <em>only</em> paragraph.</p>"));
  /* Browsers would drop a first newline that libxml2 keeps. */
  g_assert_nonnull (strstr (html, "<pre>int x;\n</pre>"));
}

/* What a browser builds from @html (gumbo is an HTML5 parser too), checked
 * for anything that could run: no script, no handler, no script URL, no
 * link that would load. */
static gboolean
url_is_active (const char *value)
{
  g_autofree char *lower = g_ascii_strdown (value, -1);
  g_autofree char *squeezed = g_strdelimit (g_strdup (lower), " \t\n\r\f", ' ');

  g_strstrip (squeezed);
  return strstr (squeezed, "javascript:") != NULL || strstr (squeezed, "vbscript:") != NULL ||
         strstr (squeezed, "data:text") != NULL || strstr (squeezed, "data:application") != NULL;
}

static void
assert_element_safe (GumboElement *element)
{
  g_assert_cmpint (element->tag, !=, GUMBO_TAG_SCRIPT);
  g_assert_cmpint (element->tag, !=, GUMBO_TAG_IFRAME);
  g_assert_cmpint (element->tag, !=, GUMBO_TAG_OBJECT);
  g_assert_cmpint (element->tag, !=, GUMBO_TAG_EMBED);
  for (guint i = 0; i < element->attributes.length; i++)
    {
      GumboAttribute *attr = element->attributes.data[i];

      if (g_ascii_strncasecmp (attr->name, "on", 2) == 0)
        g_error ("<%s %s=\"%s\"> in the archive", gumbo_normalized_tagname (element->tag),
                 attr->name, attr->value);
      if (url_is_active (attr->value))
        g_error ("%s=\"%s\" in the archive", attr->name, attr->value);
      if (g_str_equal (attr->name, "name") && element->tag != GUMBO_TAG_META)
        g_error ("name=\"%s\" in the archive", attr->value);
    }
  if (element->tag == GUMBO_TAG_LINK)
    {
      for (guint i = 0; i < element->attributes.length; i++)
        {
          GumboAttribute *attr = element->attributes.data[i];

          if (g_str_equal (attr->name, "rel"))
            g_assert_cmpstr (attr->value, ==, "canonical");
        }
    }
}

static void
assert_archive_safe (const char *html)
{
  GumboOutput *output = gumbo_parse (html);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, output->root);
  while (stack->len > 0)
    {
      GumboNode *node = g_ptr_array_steal_index (stack, stack->len - 1);

      if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE)
        continue;
      assert_element_safe (&node->v.element);
      for (guint i = 0; i < node->v.element.children.length; i++)
        g_ptr_array_add (stack, node->v.element.children.data[i]);
    }
  gumbo_destroy_output (&kGumboDefaultOptions, output);
}

static char *
archive_of (const char    *page_html,
            GlossClipMode  mode)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossPage) page = gloss_page_new_from_html (page_html, strlen (page_html),
                                                        "https://example.com/a/story", mode,
                                                        &error);
  g_autoptr(GDateTime) saved = g_date_time_new_utc (2026, 11, 26, 10, 0, 0);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  char *html;

  g_assert_no_error (error);
  gloss_page_sanitize (page);
  html = gloss_archive_build (page, "https://example.com/a/story", saved, missing, &error);
  g_assert_no_error (error);
  return html;
}

#define WORDS "<p>Enough words for the reader to find an article here, one sentence after " \
              "another, about nothing much, with commas, and more words again, and again.</p>"

/* DOMPurify's mutation XSS history, CVE-2018-8048 (libxml2 writing "<!--"
 * unescaped in attributes), noscript and noembed: in either mode, the
 * archive as a browser parses it runs nothing. */
static const char * const hostile_payloads[] = {
  "<a href=\"x\" title=\"&lt;!--&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">t</a>",
  "<a title=\"</title><script>alert(1)</script>\" href=\"/x\">t</a><title><a title=\"</title><img src=x onerror=alert(1)>\">",
  "<a href=\"x\" title=\"&{alert(1)}\">t</a>",
  "<svg><style><img src=x onerror=alert(1)></style></svg>",
  "<svg><style>&lt;img src=x onerror=alert(1)&gt;</style></svg>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<svg></p><style><a id=\"</style><img src=1 onerror=alert(1)>\">",
  "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
  "<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title=\"</style><img src onerror=alert(1)>\"></style></h1>",
  "<svg><title><img src=x onerror=alert(1)></title><desc><a href=javascript:alert(1)>d</a></desc></svg>",
  "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
  "<noembed><img title=\"</noembed><img src onerror=alert(1)>\"></noembed>",
  "<title><img src=x onerror=alert(1)></title>",
  "<style><img src=x onerror=alert(1)></style><p style=\"background:url(&#106;avascript:alert(1))\">s</p>",
  "<a href=\"java&Tab;script:alert(1)\">t</a><a href=\"&#x6A;avascript&colon;alert(1)\">u</a>",
  "<img src=\"data:text/html,<script>alert(1)</script>\"><a href=\"data:application/xhtml+xml,x\">x</a>",
  "<link rel=\"alternate stylesheet\" href=\"/a.css\"><link rel=\"stylesheet stylesheet\" href=\"/b.css\">"
  "<link rel=\" STYLESHEET \" href=\"/c.css\"><link rel=\"preload\" href=\"/d.js\">",
  "<xmp><img src=x onerror=alert(1)></xmp><plaintext><img src=x onerror=alert(1)>",
  NULL
};

static void
test_hostile_payloads (void)
{
  for (guint i = 0; hostile_payloads[i] != NULL; i++)
    for (GlossClipMode mode = GLOSS_CLIP_MODE_READER; mode <= GLOSS_CLIP_MODE_FULL; mode++)
      {
        g_autofree char *page = g_strdup_printf ("<html><head><title>T</title></head><body>"
                                                 "<article><h1>T</h1>" WORDS "%s" WORDS WORDS
                                                 "</article></body></html>", hostile_payloads[i]);
        g_autofree char *html = archive_of (page, mode);

        g_test_message ("%s (%s)", hostile_payloads[i], gloss_clip_mode_to_string (mode));
        assert_archive_safe (html);
      }
}

/* A page's metadata must not name itself javascript: or data:text/html. */
static void
test_hostile_metadata (void)
{
  const char *page =
    "<html><head><title>T</title><base href=\"javascript:alert(1)//\">"
    "<link rel=\"canonical\" href=\"javascript:alert(1)\">"
    "<meta property=\"og:image\" content=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\">"
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"T\","
    "\"image\":\"data:application/xhtml+xml,x\",\"url\":\"javascript:alert(2)\"}</script>"
    "</head><body><article>" WORDS WORDS WORDS "</article></body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossPage) parsed = gloss_page_new_from_html (page, strlen (page),
                                                          "https://example.com/a/story",
                                                          GLOSS_CLIP_MODE_READER, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (parsed->meta->canonical_url, ==, "https://example.com/a/story");
  g_assert_null (parsed->meta->lead_image);
  for (GlossClipMode mode = GLOSS_CLIP_MODE_READER; mode <= GLOSS_CLIP_MODE_FULL; mode++)
    {
      g_autofree char *html = archive_of (page, mode);

      assert_archive_safe (html);
      g_assert_nonnull (strstr (html, "<link rel=\"canonical\" href=\"https://example.com/a/story\">"));
    }
}

/* <img name="body"> would make document.body a picture in the view. */
static void
test_clobbering (void)
{
  const char *page =
    "<html><head><title>T</title></head><body><article><h1>T</h1>"
    "<img name=\"body\" src=\"/a.png\" alt=\"a\"><img name=\"createRange\" id=\"images\" alt=\"b\">"
    "<form id=\"getElementById\" name=\"forms\"><p>in a form</p></form>"
    "<p id=\"top\">Top</p><a href=\"#top\">back up</a><p id=\"onload\">x</p><p id=\"kept\">k</p>"
    WORDS WORDS WORDS "</article></body></html>";

  for (GlossClipMode mode = GLOSS_CLIP_MODE_READER; mode <= GLOSS_CLIP_MODE_FULL; mode++)
    {
      g_autofree char *html = archive_of (page, mode);
      g_autoptr(xmlDoc) doc = gloss_html_parse (html, strlen (html));
      g_autofree char *text = gloss_text_from_node (gloss_html_body (doc));

      assert_archive_safe (html);
      g_assert_cmpstr ((const char *) gloss_html_body (doc)->name, ==, "body");
      g_assert_nonnull (strstr (text, "Enough words for the reader"));
      g_assert_null (strstr (html, "name=\"body\""));
      g_assert_null (strstr (html, "id=\"getElementById\""));
      g_assert_null (strstr (html, "id=\"images\""));
      g_assert_nonnull (strstr (html, "id=\"gloss-id-top\""));
      g_assert_nonnull (strstr (html, "href=\"#gloss-id-top\""));
      g_assert_nonnull (strstr (html, "id=\"gloss-id-onload\""));
      g_assert_nonnull (strstr (html, "id=\"kept\""));
    }
}

/* Every page of the test site, in both modes: the archive parses back to
 * what it was written from (the settling found a fixed point), and it is
 * that fixed point: parsed, sanitized and written again, it is the same. */
static void
test_site_round_trip (void)
{
  g_autofree char *dir = gloss_test_site_path ("");
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;
  guint pages = 0;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      gsize length;
      g_autofree char *bytes = NULL;
      g_autofree char *utf8 = NULL;

      if (!g_str_has_suffix (name, ".html"))
        continue;
      bytes = gloss_test_read_site_file (name, &length);
      utf8 = gloss_html_decode (bytes, length, NULL, NULL, NULL);
      for (GlossClipMode mode = GLOSS_CLIP_MODE_READER; mode <= GLOSS_CLIP_MODE_FULL; mode++)
        {
          g_autofree char *html = archive_of (utf8, mode);
          g_autoptr(xmlDoc) doc = gloss_html_parse (html, strlen (html));
          g_autofree char *again = gloss_html_serialize (doc, NULL);

          g_test_message ("%s (%s)", name, gloss_clip_mode_to_string (mode));
          g_assert_cmpstr (again, ==, html);
          assert_archive_safe (html);
        }
      pages++;
    }
  g_assert_cmpuint (pages, >=, 5);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/archive/slugify", test_slugify);
  g_test_add_func ("/archive/id", test_id);
  g_test_add_func ("/archive/reader-archive", test_reader_archive);
  g_test_add_func ("/archive/hostile-payloads", test_hostile_payloads);
  g_test_add_func ("/archive/hostile-metadata", test_hostile_metadata);
  g_test_add_func ("/archive/clobbering", test_clobbering);
  g_test_add_func ("/archive/site-round-trip", test_site_round_trip);

  return g_test_run ();
}
