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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/archive/slugify", test_slugify);
  g_test_add_func ("/archive/id", test_id);
  g_test_add_func ("/archive/reader-archive", test_reader_archive);

  return g_test_run ();
}
