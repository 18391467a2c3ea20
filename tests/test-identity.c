/* test-identity.c — a clip never destroys another article: the identity
 * rule itself, then clips through the real HTTP server on 127.0.0.1 of sites
 * whose canonical links lie, and re-clips that keep the previous version
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-anchor.h"
#include "gloss-archive.h"
#include "gloss-article.h"
#include "gloss-html.h"
#include "gloss-identity.h"
#include "gloss-test-utils.h"

/* The rule */

static void
test_clean_url (void)
{
  static const struct { const char *url, *clean; } cases[] = {
    { "https://example.org/a?utm_source=x&utm_medium=y", "https://example.org/a" },
    { "https://example.org/a?id=4&fbclid=abc#comments", "https://example.org/a?id=4" },
    { "https://example.org/a?GCLID=1&page=2", "https://example.org/a?page=2" },
    { "https://example.org/a#top", "https://example.org/a" },
    /* Unchanged, byte for byte: ids made before the rule still match. */
    { "https://Example.org/A/?b=1&a=2", "https://Example.org/A/?b=1&a=2" },
    { "file:///home/me/page.html", "file:///home/me/page.html" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *clean = gloss_identity_clean_url (cases[i].url);
      g_assert_cmpstr (clean, ==, cases[i].clean);
    }
}

static void
test_plausible (void)
{
  static const struct { const char *address, *canonical; gboolean plausible; } cases[] = {
    { "https://example.org/2026/harbour-wall", "https://example.org/2026/harbour-wall", TRUE },
    { "http://example.org/harbour?utm_source=feed", "https://example.org/harbour", TRUE },
    { "https://m.example.org/harbour", "https://www.example.org/harbour", TRUE },
    { "https://amp.example.org/harbour/amp/", "https://example.org/harbour", TRUE },
    { "https://example.org/story?page=1", "https://example.org/story", TRUE },
    { "https://example.org/", "https://example.org/", TRUE },
    { "https://example.org/p/123/a-slug", "https://example.org/p/123", TRUE },
    /* Every page pointing at the home page */
    { "https://example.org/2026/harbour-wall", "https://example.org/", FALSE },
    { "https://example.org/2026/harbour-wall", "https://www.example.org", FALSE },
    { "https://example.org/?p=123", "https://example.org/", FALSE },
    /* Page 2 pointing at page 1 */
    { "https://example.org/story?page=2", "https://example.org/story", FALSE },
    { "https://example.org/story/page/3/", "https://example.org/story/", FALSE },
    { "https://example.org/story?page=2", "https://example.org/story?page=2", TRUE },
    /* Another site, or no web address at all */
    { "https://example.org/harbour", "https://example.com/harbour", FALSE },
    { "https://example.org/harbour", "https://evil.example.net/example.org/harbour", FALSE },
    { "https://example.org/harbour", "javascript:alert(1)", FALSE },
    { "https://example.org/harbour", NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s ← %s", cases[i].address, cases[i].canonical);
      g_assert_cmpint (gloss_identity_canonical_is_plausible (cases[i].address, cases[i].canonical),
                       ==, cases[i].plausible);
    }
}

static void
test_identity_url (void)
{
  g_autofree char *home = gloss_identity_url ("https://example.org/harbour#x", "https://example.org/");
  g_autofree char *canonical = gloss_identity_url ("https://example.org/harbour?utm_source=feed",
                                                   "https://example.org/harbour?utm_campaign=c");
  g_autofree char *page = gloss_identity_url ("https://example.org/s?page=2", "https://example.org/s");

  g_assert_cmpstr (home, ==, "https://example.org/harbour");
  g_assert_cmpstr (canonical, ==, "https://example.org/harbour");
  g_assert_cmpstr (page, ==, "https://example.org/s?page=2");
}

static void
test_same_article (void)
{
  const char *identity = "https://example.org/harbour";

  /* Recorded: clipped from its own address, or a plausible canonical. */
  g_assert_true (gloss_identity_is_same_article (identity, "https://example.org/harbour?utm_source=a",
                                                 "https://example.org/harbour", identity));
  g_assert_true (gloss_identity_is_same_article (identity, "https://example.org/harbour",
                                                 "http://m.example.org/harbour", identity));
  /* An archive from before the rule: another page whose canonical named the home page. */
  g_assert_false (gloss_identity_is_same_article ("https://example.org/", "https://example.org/",
                                                  "https://example.org/lighthouse", "https://example.org/"));
  /* A hash collision: the same 8 hex, another address. */
  g_assert_false (gloss_identity_is_same_article (identity, identity, "https://example.com/other",
                                                  "https://example.com/other"));
  g_assert_false (gloss_identity_is_same_article (identity, identity, NULL, identity));
}

/* Clipping */

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

static void
clip (Fixture    *f,
      const char *path)
{
  g_autofree char *url = gloss_test_server_url (f->server, path);

  g_clear_pointer (&f->result, gloss_clip_result_free);
  g_clear_error (&f->error);
  f->result = gloss_test_clip (f->fetcher, f->library_object, url, GLOSS_CLIP_MODE_READER, &f->error);
  g_assert_no_error (f->error);
  g_assert_nonnull (f->result);
}

/* An article page of @title whose canonical link is @canonical (a path on the
 * server, or NULL for none). */
static void
serve_article (Fixture    *f,
               const char *path,
               const char *title,
               const char *canonical,
               const char *body)
{
  g_autofree char *canonical_url = canonical ? gloss_test_server_url (f->server, canonical) : NULL;
  g_autofree char *link = canonical_url ? g_strdup_printf ("<link rel=\"canonical\" href=\"%s\">"
                                                           "<meta property=\"og:url\" content=\"%s\">",
                                                           canonical_url, canonical_url)
                                        : g_strdup ("");
  g_autofree char *html = g_strdup_printf ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                                           "<title>%s</title>%s</head><body><article><h1>%s</h1>%s"
                                           "</article></body></html>", title, link, title, body);

  gloss_test_server_set_page (f->server, path, html);
}

#define HARBOUR "<p>The old harbour wall was built in 1871 from granite quarried on the far side " \
  "of the bay, and it has outlasted every storm the town remembers.</p>"
#define SURVEY "<p>Engineers who surveyed it last winter found the mortar sound, the footings " \
  "dry, and the capstones barely worn by a century and a half of spray.</p>"
#define LIGHTHOUSE "<p>The lighthouse at the end of the wall leans a little more every spring, " \
  "and the council will spend two million pounds to straighten it next year.</p>"
#define KEEPER "<p>Its last keeper retired in 1987; the lamp has been automatic ever since, " \
  "and the cottage beside it now rents to walkers by the week.</p>"

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Highlights @quote of @article as a user would, on the version open now. */
static GlossAnnotation *
highlight (GlossArticle *article,
           const char   *quote)
{
  GlossAnnotation *annotation = gloss_annotation_new ();
  gint64 start, end;

  g_assert_cmpuint (gloss_anchor_find_quote (article->text, quote, &start, &end), ==, 1);
  g_clear_pointer (&annotation->prefix, g_free);
  g_clear_pointer (&annotation->suffix, g_free);
  gloss_anchor_describe (article->text, start, end, &annotation->exact, &annotation->prefix,
                         &annotation->suffix);
  annotation->start = start;
  annotation->end = end;
  gloss_annotation_set_source_date (annotation, article->info->saved);
  gloss_sidecar_add (article->sidecar, annotation);
  return annotation;
}

static GlossArticle *
open_article (const char *path)
{
  g_autoptr(GError) error = NULL;
  GlossArticle *article = gloss_library_open_article (path, &error);

  g_assert_no_error (error);
  return article;
}

static void
save (GlossArticle *article)
{
  g_autoptr(GError) error = NULL;

  gloss_article_describe_archive (article);
  gloss_sidecar_save (article->sidecar, &error);
  g_assert_no_error (error);
}

/* Two different articles whose canonical links (and og:url) both name the
 * home page: two archives, and the first one's highlights untouched. */
static void
test_canonical_home_page (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GlossArticle) first = NULL;
  g_autoptr(GlossArticle) second = NULL;
  g_autoptr(GPtrArray) archives = NULL;
  g_autofree char *first_id = NULL, *first_archive = NULL, *first_notes = NULL;
  g_autofree char *archive_after = NULL, *notes_after = NULL, *versions = NULL;
  g_autofree char *second_url = NULL;

  serve_article (f, "/2026/harbour-wall", "The Harbour Wall", "/", HARBOUR SURVEY);
  serve_article (f, "/2026/lighthouse", "The Lighthouse", "/", LIGHTHOUSE KEEPER);

  clip (f, "/2026/harbour-wall");
  first_id = g_strdup (f->result->id);
  first = open_article (f->result->path);
  highlight (first, "it has outlasted every storm the town remembers");
  save (first);
  first_archive = read_file (f->result->path);
  first_notes = read_file (first->sidecar->path);

  clip (f, "/2026/lighthouse");
  g_assert_false (f->result->replaced);
  g_assert_cmpstr (f->result->id, !=, first_id);
  g_assert_cmpuint (f->result->annotations, ==, 0);
  g_assert_null (f->result->kept_version);
  second = open_article (f->result->path);
  second_url = gloss_test_server_url (f->server, "/2026/lighthouse");
  /* The archive's canonical link names the article, not the home page. */
  g_assert_cmpstr (second->info->canonical, ==, second_url);
  g_assert_cmpuint (second->sidecar->annotations->len, ==, 0);

  archives = gloss_library_list_archives (f->library_object);
  g_assert_cmpuint (archives->len, ==, 2);
  archive_after = read_file (first->info->path);
  notes_after = read_file (first->sidecar->path);
  g_assert_cmpstr (archive_after, ==, first_archive);
  g_assert_cmpstr (notes_after, ==, first_notes);
  versions = gloss_versions_dir (first->info->path);
  g_assert_false (g_file_test (versions, G_FILE_TEST_EXISTS));
}

/* Page 2 of an article whose canonical link names page 1 (the test server
 * serves by path, so the paging is /page/2 rather than ?page=2). */
static void
test_canonical_page_one (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *first_id = NULL;
  g_autoptr(GPtrArray) archives = NULL;

  serve_article (f, "/story", "The Harbour Wall", NULL, HARBOUR SURVEY);
  serve_article (f, "/story/page/2", "The Harbour Wall", "/story", LIGHTHOUSE KEEPER);

  clip (f, "/story");
  first_id = g_strdup (f->result->id);
  clip (f, "/story/page/2");
  g_assert_false (f->result->replaced);
  g_assert_cmpstr (f->result->id, !=, first_id);
  archives = gloss_library_list_archives (f->library_object);
  g_assert_cmpuint (archives->len, ==, 2);
}

/* A plausible canonical link still gathers the addresses of one article:
 * clipping it again (here from a feed's tracking link) finds it. */
static void
test_same_url_twice (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *first_id = NULL;
  g_autoptr(GPtrArray) archives = NULL;

  serve_article (f, "/2026/harbour-wall", "The Harbour Wall", "/2026/harbour-wall", HARBOUR);
  clip (f, "/2026/harbour-wall");
  first_id = g_strdup (f->result->id);
  clip (f, "/2026/harbour-wall?utm_source=feed&utm_medium=rss");
  g_assert_true (f->result->replaced);
  g_assert_cmpstr (f->result->id, ==, first_id);
  archives = gloss_library_list_archives (f->library_object);
  g_assert_cmpuint (archives->len, ==, 1);
}

/* An archive already has the id the new article would get, but it was
 * clipped from elsewhere (a hash collision, or a library synced from another
 * machine): the new article gets an id of its own. */
static void
test_hash_collision (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/2026/harbour-wall");
  g_autofree char *taken = gloss_archive_make_id ("The Harbour Wall", url);
  g_autofree char *name = g_strconcat (taken, ".html", NULL);
  g_autofree char *other = NULL, *other_after = NULL, *expected = NULL;
  const char *archive = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>The Harbour Wall</title>"
                        "<link rel=\"canonical\" href=\"https://example.com/elsewhere\">"
                        "<meta name=\"gloss:source\" content=\"https://example.com/elsewhere\">"
                        "<meta name=\"gloss:saved\" content=\"2026-01-01T00:00:00Z\"></head>"
                        "<body><article><p>Another article altogether.</p></article></body></html>";

  other = gloss_test_library_add (f->library, name, archive);
  serve_article (f, "/2026/harbour-wall", "The Harbour Wall", NULL, HARBOUR);
  clip (f, "/2026/harbour-wall");
  expected = g_strconcat (taken, "-2", NULL);
  g_assert_false (f->result->replaced);
  g_assert_cmpstr (f->result->id, ==, expected);
  other_after = read_file (other);
  g_assert_cmpstr (other_after, ==, archive);

  /* And clipping it again finds it under that id. */
  clip (f, "/2026/harbour-wall");
  g_assert_true (f->result->replaced);
  g_assert_cmpstr (f->result->id, ==, expected);
}

/* A re-clip of a changed article keeps the old archive beside it, listed in
 * the sidecar; a highlight found again moves to the new version, an
 * orphaned one stays with (and still anchors in) the version it was made on. */
static void
test_reclip_keeps_previous_version (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GlossArticle) before = NULL;
  g_autoptr(GlossArticle) after = NULL;
  g_autoptr(GlossArticle) third = NULL;
  g_autoptr(GPtrArray) archives = NULL;
  g_autofree char *first_archive = NULL, *kept = NULL, *kept_sha = NULL, *expected = NULL;
  g_autofree char *first_saved = NULL, *orphan_in = NULL, *version_text = NULL;
  g_autoptr(xmlDoc) version_doc = NULL;
  GlossAnnotation *found, *orphan, *legacy;
  GlossVersion *version;
  gint64 start, end;

  serve_article (f, "/story", "The Harbour Wall", NULL, HARBOUR SURVEY LIGHTHOUSE);
  clip (f, "/story");
  before = open_article (f->result->path);
  highlight (before, "it has outlasted every storm the town remembers");
  highlight (before, "leans a little more every spring");
  /* Made before Gloss recorded versions: no state. */
  gloss_annotation_set_source_date (highlight (before, "the capstones barely worn"), NULL);
  save (before);
  first_archive = read_file (before->info->path);
  first_saved = g_strdup (before->info->saved);

  /* gloss:saved has seconds: the next clip must be saved at a later one. */
  gloss_test_wait_next_second ();
  serve_article (f, "/story", "The Harbour Wall", NULL, HARBOUR KEEPER);
  clip (f, "/story");
  g_assert_true (f->result->replaced);
  g_assert_cmpuint (f->result->orphaned, ==, 2);
  g_assert_nonnull (f->result->kept_version);
  kept = read_file (f->result->kept_version);
  g_assert_cmpstr (kept, ==, first_archive);

  after = open_article (f->result->path);
  g_assert_cmpstr (after->info->saved, !=, first_saved);
  g_assert_cmpuint (after->sidecar->versions->len, ==, 1);
  version = after->sidecar->versions->pdata[0];
  expected = g_strdup_printf ("%s.versions/", f->result->id);
  g_assert_true (g_str_has_prefix (version->archive, expected));
  g_assert_true (g_str_has_suffix (f->result->kept_version, version->archive));
  g_assert_cmpstr (version->saved, ==, first_saved);
  kept_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, kept, -1);
  g_assert_cmpstr (version->sha256, ==, kept_sha);

  found = gloss_test_find_by_exact (after->sidecar, "it has outlasted every storm the town remembers");
  orphan = gloss_test_find_by_exact (after->sidecar, "leans a little more every spring");
  legacy = gloss_test_find_by_exact (after->sidecar, "the capstones barely worn");
  g_assert_false (found->orphaned);
  g_assert_cmpstr (found->source_date, ==, after->info->saved);
  g_assert_true (orphan->orphaned);
  g_assert_cmpstr (orphan->source_date, ==, first_saved);
  g_assert_true (legacy->orphaned);
  g_assert_cmpstr (legacy->source_date, ==, first_saved);
  g_assert_null (gloss_article_version_path (after, found));

  /* The orphan opens in the text it was made on, at its place. */
  orphan_in = gloss_article_version_path (after, orphan);
  g_assert_cmpstr (orphan_in, ==, f->result->kept_version);
  version_text = read_file (orphan_in);
  version_doc = gloss_html_parse (version_text, strlen (version_text));
  g_clear_pointer (&version_text, g_free);
  version_text = gloss_anchor_document_text (version_doc);
  g_assert_cmpint (gloss_anchor_find (version_text, orphan->exact, orphan->prefix, orphan->suffix,
                                      orphan->start, orphan->end, &start, &end),
                   ==, GLOSS_ANCHOR_POSITION);

  /* The versions folder is not an article. */
  archives = gloss_library_list_archives (f->library_object);
  g_assert_cmpuint (archives->len, ==, 1);

  /* A third version: two kept, oldest first; the orphan still points at the first. */
  gloss_test_wait_next_second ();
  serve_article (f, "/story", "The Harbour Wall", NULL, KEEPER HARBOUR);
  clip (f, "/story");
  third = open_article (f->result->path);
  g_assert_cmpuint (third->sidecar->versions->len, ==, 2);
  g_assert_cmpstr (((GlossVersion *) third->sidecar->versions->pdata[0])->saved, ==, first_saved);
  g_assert_cmpstr (((GlossVersion *) third->sidecar->versions->pdata[1])->saved, ==, after->info->saved);
  orphan = gloss_test_find_by_exact (third->sidecar, "leans a little more every spring");
  g_assert_cmpstr (orphan->source_date, ==, first_saved);
  g_clear_pointer (&orphan_in, g_free);
  orphan_in = gloss_article_version_path (third, orphan);
  g_assert_true (g_str_has_suffix (orphan_in, version->archive));
}

/* The same archive again keeps no duplicate. */
static void
test_identical_reclip (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autofree char *versions = NULL;

  serve_article (f, "/story", "The Harbour Wall", NULL, HARBOUR SURVEY);
  clip (f, "/story");
  gloss_test_wait_next_second ();
  clip (f, "/story");
  g_assert_true (f->result->replaced);
  g_assert_null (f->result->kept_version);
  article = open_article (f->result->path);
  g_assert_cmpuint (article->sidecar->versions->len, ==, 0);
  versions = gloss_versions_dir (f->result->path);
  g_assert_false (g_file_test (versions, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/identity/rule/clean-url", test_clean_url);
  g_test_add_func ("/identity/rule/plausible", test_plausible);
  g_test_add_func ("/identity/rule/identity-url", test_identity_url);
  g_test_add_func ("/identity/rule/same-article", test_same_article);
#define ADD(name, func) \
  g_test_add ("/identity/clip/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("canonical-home-page", test_canonical_home_page);
  ADD ("canonical-page-one", test_canonical_page_one);
  ADD ("same-url-twice", test_same_url_twice);
  ADD ("hash-collision", test_hash_collision);
  ADD ("reclip-keeps-previous-version", test_reclip_keeps_previous_version);
  ADD ("identical-reclip", test_identical_reclip);
#undef ADD

  return g_test_run ();
}
