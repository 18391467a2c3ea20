/* test-clip-pictures.c — pictures that could not be fetched leave no empty
 * box; part of test-clip (test-clip-private.h)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-html.h"
#include "test-clip-private.h"

/* %s: what heads the page; %s: a picture in the text */
static const char lighthouse_page[] =
  "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
  "<title>The Lighthouse Keepers</title>%s</head><body><article>"
  "<h1>The Lighthouse Keepers</h1>"
  "<p>For a hundred years the keepers climbed the tower at dusk, trimmed the wick and wound the "
  "clockwork that turned the lens, and a ship a day's sail away knew where the rocks were.</p>"
  "%s"
  "<p>The last of them left in the spring, when a lamp that needs no one took over, and the "
  "logbooks went to the county archive, where anyone may read them on a Tuesday.</p>"
  "</article></body></html>";

static xmlDoc *
clip_lighthouse (Fixture    *f,
                 const char *head,
                 const char *picture)
{
  g_autofree char *page = g_strdup_printf (lighthouse_page, head, picture);
  g_autofree char *html = NULL;
  g_autofree char *text = NULL;
  xmlDoc *doc;

  gloss_test_server_set_page (f->server, "/lighthouse.html", page);
  clip (f, "/lighthouse.html", GLOSS_CLIP_MODE_READER);
  g_assert_no_error (f->error);
  html = read_archive (f);
  doc = gloss_html_parse (html, strlen (html));
  text = archive_text (doc);
  g_assert_nonnull (strstr (text, "the keepers climbed the tower"));
  g_assert_nonnull (strstr (text, "The last of them left in the spring"));
  return doc;
}

/* A picture that cannot be fetched and has no alt text leaves no empty box
 * in the text: no figure, no image without a source, no empty link. */
static void
test_missing_lead_image (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *lead_url = gloss_test_server_url (f->server, "/images/lead-gone.png");
  g_autofree char *article_html = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *article;

  /* The page's lead picture (og:image), gone */
  doc = clip_lighthouse (f, "<meta property=\"og:image\" content=\"/images/lead-gone.png\">", "");
  g_assert_cmpuint (gloss_test_server_hits (f->server, "/images/lead-gone.png"), ==, 1);
  g_assert_cmpuint (f->result->missing->len, ==, 1);
  g_assert_cmpstr (f->result->missing->pdata[0], ==, lead_url);
  article = gloss_html_find_element (xmlDocGetRootElement (doc), "article");
  g_assert_nonnull (article);
  g_assert_null (gloss_html_find_element (article, "figure"));
  g_assert_null (gloss_html_find_element (article, "img"));
  g_clear_pointer (&doc, xmlFreeDoc);

  /* A figure of the text, its picture in a link, gone */
  doc = clip_lighthouse (f, "", "<figure><a href=\"/images/gone.png\">"
                                "<img src=\"/images/gone.png\"></a></figure>");
  g_assert_cmpuint (gloss_test_server_hits (f->server, "/images/gone.png"), ==, 1);
  g_assert_cmpuint (f->result->missing->len, ==, 1);
  article = gloss_html_find_element (xmlDocGetRootElement (doc), "article");
  g_assert_null (gloss_html_find_element (article, "figure"));
  g_assert_null (gloss_html_find_element (article, "img"));
  article_html = gloss_html_serialize (doc, article);
  g_assert_null (strstr (article_html, "gone.png"));
  g_clear_pointer (&doc, xmlFreeDoc);

  /* A lead picture that arrives still heads the article. */
  doc = clip_lighthouse (f, "<meta property=\"og:image\" content=\"/images/chart.png\">", "");
  g_assert_cmpuint (f->result->missing->len, ==, 0);
  article = gloss_html_find_element (xmlDocGetRootElement (doc), "article");
  g_assert_nonnull (gloss_html_find_element (article, "figure"));
  g_assert_true (has_image_bytes (doc, "images/chart.png"));
}

void
add_picture_tests (void)
{
  g_test_add ("/clip/missing-lead-image", Fixture, NULL, fixture_setup,
              test_missing_lead_image, fixture_teardown);
}
