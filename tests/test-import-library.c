/* test-import-library.c — exports brought into a library: archives made
 * offline from the text an export carries, highlights anchored as W3C
 * annotations, web addresses queued and clipped from a loopback server, a
 * second import changing nothing, an interrupted queue resumed
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gloss-archive.h"
#include "gloss-fetcher.h"
#include "gloss-import.h"
#include "gloss-library.h"
#include "gloss-sidecar.h"
#include "gloss-test-server.h"
#include "gloss-test-utils.h"

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static GPtrArray *
read_exports (const char * const *paths)
{
  GPtrArray *files = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_import_file_free);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      GlossImportFile *file = gloss_import_read (paths[i], NULL, &error);

      g_assert_no_error (error);
      g_ptr_array_add (files, file);
    }
  return files;
}

/* Imports @paths into @dir, and clips what that queued unless @queue_too is FALSE. */
static GlossImportTally *
import (const char         *dir,
        const char * const *paths,
        gboolean            dry_run)
{
  g_autoptr(GlossLibrary) library = gloss_library_new (dir);
  g_autoptr(GlossFetcher) fetcher = gloss_fetcher_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GlossImportTally *tally;

  gloss_import_async (library, fetcher, read_exports (paths), dry_run, NULL, NULL, NULL, on_done,
                      &result);
  tally = gloss_import_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  return tally;
}

static GlossImportTally *
run_queue (const char   *dir,
           gboolean      retry_failed,
           GCancellable *cancellable)
{
  g_autoptr(GlossLibrary) library = gloss_library_new (dir);
  g_autoptr(GlossFetcher) fetcher = gloss_fetcher_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GlossImportTally *tally;

  gloss_fetcher_set_timeouts (fetcher, 2, 5);
  gloss_import_run_queue_async (library, fetcher, retry_failed, NULL, NULL, cancellable, on_done,
                                &result);
  tally = gloss_import_run_queue_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  return tally;
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

/* The sidecar of the one archive of @dir whose source is @url. */
static GlossSidecar *
sidecar_of (const char *dir,
            const char *url)
{
  g_autoptr(GlossLibrary) library = gloss_library_new (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *archive = gloss_library_find_archive (library, url, &error);
  g_autofree char *path = NULL;
  GlossSidecar *sidecar;

  g_assert_no_error (error);
  path = gloss_library_sidecar_path (archive);
  sidecar = gloss_sidecar_load (path, &error);
  g_assert_no_error (error);
  return sidecar;
}

static gboolean
has_tag (GlossSidecar *sidecar,
         const char   *tag)
{
  for (guint i = 0; i < sidecar->tags->len; i++)
    if (g_strcmp0 (sidecar->tags->pdata[i], tag) == 0)
      return TRUE;
  return FALSE;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every archive and sidecar of @dir, in one string. */
static char *
read_dir_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GString *all = g_string_new (NULL);
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".json") || g_str_has_suffix (name, ".html"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_string_append_printf (all, "== %s\n%s", (char *) names->pdata[i], contents);
    }
  return g_string_free (all, FALSE);
}

/* Wallabag carries each article's text: archives made offline, highlights
 * anchored where the quote reads, notes and dates kept; a second import
 * of the same file changes no byte. */
static void
test_wallabag_offline (void)
{
  g_autofree char *dir = gloss_test_library_new ();
  g_autofree char *path = fixture ("wallabag.json");
  const char *paths[] = { path, NULL };
  g_autoptr(GlossImportTally) tally = import (dir, paths, FALSE);
  g_autoptr(GlossImportTally) again = NULL;
  g_autoptr(GlossSidecar) trains = NULL;
  g_autoptr(GlossArchiveInfo) info = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *archive = NULL;
  GlossAnnotation *annotation;

  g_assert_cmpuint (tally->added, ==, 3);
  g_assert_cmpuint (tally->highlights, ==, 7);
  g_assert_cmpuint (tally->orphaned, ==, 0);
  g_assert_cmpuint (tally->failed, ==, 0);
  trains = sidecar_of (dir, "https://news.example.net/2024/04/night-trains-return");
  g_assert_true (has_tag (trains, "rail") && has_tag (trains, "archived"));
  annotation = gloss_test_find_by_exact (trains, "running at ninety per cent of capacity");
  g_assert_nonnull (annotation);
  g_assert_false (annotation->orphaned);
  g_assert_cmpint (annotation->end - annotation->start, ==, 38);
  g_assert_cmpstr (annotation->created, ==, "2024-05-02T07:46:30Z");
  annotation = gloss_test_find_by_exact (trains, "a night train leaves a city centre in the evening "
                                                 "and arrives in another city centre in the morning");
  g_assert_nonnull (annotation);
  g_assert_cmpstr (annotation->note, ==, "Compare with the ferry, which also saves the hotel.");
  archive = g_build_filename (dir, trains->archive, NULL);
  info = gloss_archive_read_info (archive, NULL);
  g_assert_cmpstr (info->saved, ==, "2024-05-01T09:00:00Z");
  g_assert_cmpstr (info->author, ==, "Rosa Kettering");

  before = read_dir_files (dir);
  again = import (dir, paths, FALSE);
  g_assert_cmpuint (again->added, ==, 0);
  g_assert_cmpuint (again->unchanged, ==, 3);
  g_assert_cmpuint (again->highlights, ==, 0);
  after = read_dir_files (dir);
  g_assert_cmpstr (after, ==, before);
  gloss_test_library_free (g_steal_pointer (&dir));
}

static char *
zip_fixture (const char *export_dir,
             const char *name)
{
  g_autofree char *dir = fixture (name);
  g_autofree char *zip_name = g_strndup (name, strlen (name) - strlen (".d"));
  char *path = g_build_filename (export_dir, zip_name, NULL);

  gloss_test_zip_folder (dir, path);
  return path;
}

/* Omnivore's highlights arrive as bare quotes: each anchors as the manifest
 * says it must (as written, with other white space, a typo or curly quotes
 * away), and the one that is not in the text is kept, orphaned. */
static void
test_omnivore_anchors (void)
{
  g_autofree char *dir = gloss_test_library_new ();
  g_autofree char *export_dir = gloss_test_make_temp_dir ();
  g_autofree char *zip = zip_fixture (export_dir, "omnivore.zip.d");
  g_autofree char *manifest_path = fixture ("manifest.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *paths[] = { zip, NULL };
  g_autoptr(GlossImportTally) tally = import (dir, paths, FALSE);
  JsonArray *fixtures, *articles = NULL;
  guint checked = 0;

  g_assert_cmpuint (tally->added, ==, 4);
  g_assert_cmpuint (tally->orphaned, ==, 1);
  g_assert_true (json_parser_load_from_file (parser, manifest_path, NULL));
  fixtures = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "fixtures");
  for (guint i = 0; i < json_array_get_length (fixtures); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (fixtures, i),
                                                  "file"), "omnivore.zip.d") == 0)
      articles = json_object_get_array_member (json_array_get_object_element (fixtures, i),
                                               "articles");
  g_assert_nonnull (articles);
  for (guint i = 0; i < json_array_get_length (articles); i++)
    {
      JsonObject *article = json_array_get_object_element (articles, i);
      JsonArray *highlights = json_object_get_array_member (article, "highlights");
      g_autoptr(GlossSidecar) sidecar = sidecar_of (dir, json_object_get_string_member (article, "url"));

      g_assert_cmpuint (sidecar->annotations->len, ==, json_array_get_length (highlights));
      for (guint j = 0; j < json_array_get_length (highlights); j++)
        {
          JsonObject *expected = json_array_get_object_element (highlights, j);
          const char *expect = json_object_get_string_member (expected, "expect");
          const char *quote = json_object_get_string_member (expected, "quote");
          GlossAnnotation *annotation = sidecar->annotations->pdata[j];

          g_assert_cmpint (annotation->orphaned, ==, g_strcmp0 (expect, "orphan") == 0);
          if (g_strcmp0 (expect, "exact") == 0)
            g_assert_cmpstr (annotation->exact, ==, quote);
          if (!json_object_get_null_member (expected, "note"))
            g_assert_cmpstr (annotation->note, ==, json_object_get_string_member (expected, "note"));
          checked++;
        }
    }
  g_assert_cmpuint (checked, ==, 14);
  gloss_test_remove_tree (export_dir);
  gloss_test_library_free (g_steal_pointer (&dir));
}

/* A quote that occurs twice: Wallabag's range says which, once the range
 * is seen to hold the quote. */
static void
test_wallabag_range_picks_place (void)
{
  g_autofree char *dir = gloss_test_library_new ();
  g_autofree char *export_dir = gloss_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (export_dir, "wallabag.json", NULL);
  const char *json =
    "[{\"title\": \"Twice\", \"url\": \"https://example.org/twice\", \"is_archived\": 0,"
    " \"content\": \"<p>The same words come back here.</p><p>In between, other words.</p>"
    "<p>And The same words come back again.</p>\","
    " \"annotations\": [{\"quote\": \"The same words come back\", \"text\": \"the second\","
    " \"ranges\": [{\"start\": \"/p[3]\", \"startOffset\": 4, \"end\": \"/p[3]\", \"endOffset\": 28}]}]}]";
  const char *paths[] = { path, NULL };
  g_autoptr(GlossImportTally) tally = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  GlossAnnotation *annotation;

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  tally = import (dir, paths, FALSE);
  g_assert_cmpuint (tally->added, ==, 1);
  sidecar = sidecar_of (dir, "https://example.org/twice");
  annotation = sidecar->annotations->pdata[0];
  g_assert_false (annotation->orphaned);
  g_assert_true (g_str_has_prefix (annotation->suffix, " again."));
  gloss_test_remove_tree (export_dir);
  gloss_test_library_free (g_steal_pointer (&dir));
}

/* A dry run counts and writes nothing. */
static void
test_dry_run_writes_nothing (void)
{
  g_autofree char *dir = gloss_test_library_new ();
  g_autofree char *wallabag = fixture ("wallabag.json");
  g_autofree char *bookmarks = fixture ("bookmarks.html");
  const char *paths[] = { wallabag, bookmarks, NULL };
  g_autoptr(GlossImportTally) tally = import (dir, paths, TRUE);
  g_autofree char *written = read_dir_files (dir);
  g_autofree char *queue = g_build_filename (dir, ".gloss", "queue", NULL);

  g_assert_cmpuint (tally->added, ==, 3);
  g_assert_cmpuint (tally->queued, ==, 8);
  g_assert_cmpstr (written, ==, "");
  g_assert_false (g_file_test (queue, G_FILE_TEST_EXISTS));
  gloss_test_library_free (g_steal_pointer (&dir));
}

#define ARTICLE_PAGE \
  "<!doctype html><html><head><title>%s</title></head><body><article><h1>%s</h1>" \
  "<p>Cloud seeding trials are measured against a control area that was not seeded, and the " \
  "difference in rain is small enough that it takes years of data to see it.</p>" \
  "<p>Most of the effect, if there is one, shows in the heaviest storms.</p>" \
  "<p>Farmers downwind ask whether their rain was taken; the models say no, but the models " \
  "are what is being tested.</p></article></body></html>"

static char *
write_pocket_csv (const char      *dir,
                  GlossTestServer *server,
                  guint            n)
{
  g_autofree char *path = g_build_filename (dir, "pocket.csv", NULL);
  GString *csv = g_string_new ("title,url,time_added,tags,status\n");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *page = g_strdup_printf ("/article-%u", i);
      g_autofree char *url = gloss_test_server_url (server, page);
      g_autofree char *title = g_strdup_printf ("Article %u", i);
      g_autofree char *html = g_strdup_printf (ARTICLE_PAGE, title, title);

      /* The last one is not there. */
      if (i + 1 < n)
        gloss_test_server_set_page (server, page, html);
      g_string_append_printf (csv, "%s,%s,%u,cloud|weather,%s\n", title, url, 1700000000 + i,
                              i % 2 ? "archive" : "unread");
    }
  g_assert_true (g_file_set_contents (path, csv->str, -1, NULL));
  g_string_free (csv, TRUE);
  return g_steal_pointer (&path);
}

/* Pocket carries web addresses only: they are queued, then clipped; the one
 * that fails stays queued with why, and --retry-failed tries it again. */
static void
test_queue_clips_and_retries (void)
{
  g_autoptr(GlossTestServer) server = gloss_test_server_new ();
  g_autofree char *dir = gloss_test_library_new ();
  g_autofree char *export_dir = gloss_test_make_temp_dir ();
  g_autofree char *csv = write_pocket_csv (export_dir, server, 4);
  const char *paths[] = { csv, NULL };
  g_autoptr(GlossImportTally) tally = import (dir, paths, FALSE);
  g_autoptr(GlossImportTally) clipped = NULL;
  g_autoptr(GlossImportTally) retried = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autofree char *url = gloss_test_server_url (server, "/article-1");
  g_autofree char *html = NULL;

  g_assert_cmpuint (tally->queued, ==, 4);
  clipped = run_queue (dir, FALSE, NULL);
  g_assert_cmpuint (clipped->added, ==, 3);
  g_assert_cmpuint (clipped->failed, ==, 1);
  sidecar = sidecar_of (dir, url);
  g_assert_true (has_tag (sidecar, "cloud") && has_tag (sidecar, "weather"));
  g_assert_true (has_tag (sidecar, "archived"));
  left = gloss_import_queue_list (dir, TRUE);
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_nonnull (((GlossImportQueueItem *) left->pdata[0])->failed);
  g_assert_cmpuint (((GlossImportQueueItem *) left->pdata[0])->attempts, ==, 1);

  /* Without --retry-failed it is left alone; with it, clipped now it is there. */
  g_clear_pointer (&clipped, gloss_import_tally_free);
  clipped = run_queue (dir, FALSE, NULL);
  g_assert_cmpuint (clipped->added + clipped->failed, ==, 0);
  html = g_strdup_printf (ARTICLE_PAGE, "Article 3", "Article 3");
  gloss_test_server_set_page (server, "/article-3", html);
  retried = run_queue (dir, TRUE, NULL);
  g_assert_cmpuint (retried->added, ==, 1);
  g_clear_pointer (&left, g_ptr_array_unref);
  left = gloss_import_queue_list (dir, TRUE);
  g_assert_cmpuint (left->len, ==, 0);
  gloss_test_remove_tree (export_dir);
  gloss_test_library_free (g_steal_pointer (&dir));
}

/* Pocket's zip: the list, and the highlights in annotations/, which anchor
 * in the article once it is clipped. */
static void
test_pocket_zip_highlights (void)
{
  g_autoptr(GlossTestServer) server = gloss_test_server_new ();
  g_autofree char *dir = gloss_test_library_new ();
  g_autofree char *export_dir = gloss_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (export_dir, "pocket.zip", NULL);
  g_autofree char *html = g_strdup_printf (ARTICLE_PAGE, "Seeding", "Seeding");
  g_autofree char *url = gloss_test_server_url (server, "/seeding");
  g_autofree char *csv = g_strdup_printf ("title,url,time_added,tags,status\n"
                                          "Seeding,%s,1700000000,weather,unread\n", url);
  g_autofree char *annotations = g_strdup_printf (
    "[{\"url\": \"%s\", \"title\": \"Seeding\", \"highlights\": ["
    "{\"quote\": \"shows in the heaviest storms\", \"created_at\": 1700000100}]}]", url);
  g_autofree char *parts = g_build_filename (export_dir, "parts", NULL);
  g_autofree char *part = g_build_filename (parts, "part_000000.csv", NULL);
  g_autofree char *notes_dir = g_build_filename (parts, "annotations", NULL);
  g_autofree char *notes = g_build_filename (notes_dir, "part_000000.json", NULL);
  const char *paths[] = { path, NULL };
  g_autoptr(GlossImportTally) tally = NULL;
  g_autoptr(GlossImportTally) clipped = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  GlossAnnotation *annotation;

  gloss_test_server_set_page (server, "/seeding", html);
  g_assert_cmpint (g_mkdir_with_parents (notes_dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (part, csv, -1, NULL));
  g_assert_true (g_file_set_contents (notes, annotations, -1, NULL));
  gloss_test_zip_folder (parts, path);
  tally = import (dir, paths, FALSE);
  g_assert_cmpuint (tally->queued, ==, 1);
  clipped = run_queue (dir, FALSE, NULL);
  g_assert_cmpuint (clipped->added, ==, 1);
  g_assert_cmpuint (clipped->highlights, ==, 1);
  sidecar = sidecar_of (dir, url);
  g_assert_cmpuint (sidecar->annotations->len, ==, 1);
  annotation = sidecar->annotations->pdata[0];
  g_assert_false (annotation->orphaned);
  g_assert_cmpstr (annotation->exact, ==, "shows in the heaviest storms");
  g_assert_cmpstr (annotation->created, ==, "2023-11-14T22:15:00Z");
  g_assert_true (has_tag (sidecar, "weather"));
  gloss_test_remove_tree (export_dir);
  gloss_test_library_free (g_steal_pointer (&dir));
}

/* @url with its host named localhost: the same server, another site. */
static char *
as_localhost (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return g_uri_join (G_URI_FLAGS_NONE, "http", NULL, "localhost", g_uri_get_port (uri),
                     g_uri_get_path (uri), NULL, NULL);
}

/* Two sites, two links each (every page answered 50 ms late): the two
 * sites are clipped at once, never two pages of one site at once. */
static void
test_queue_one_at_a_time_per_site (void)
{
  g_autoptr(GlossTestServer) server = gloss_test_server_new ();
  g_autofree char *dir = gloss_test_library_new ();
  g_autofree char *export_dir = gloss_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (export_dir, "pocket.csv", NULL);
  GString *csv = g_string_new ("title,url,time_added,tags,status\n");
  const char *paths[] = { path, NULL };
  g_autoptr(GlossImportTally) tally = NULL;
  g_autoptr(GlossImportTally) clipped = NULL;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *page = g_strdup_printf ("/delayed/article-%u.html", i);
      g_autofree char *title = g_strdup_printf ("Article %u", i);
      g_autofree char *html = g_strdup_printf (ARTICLE_PAGE, title, title);
      g_autofree char *url = gloss_test_server_url (server, page);
      g_autofree char *site_url = i % 2 ? g_strdup (url) : as_localhost (url);

      gloss_test_server_set_page (server, page, html);
      g_string_append_printf (csv, "%s,%s,%u,,unread\n", title, site_url, 1700000000 + i);
    }
  g_assert_true (g_file_set_contents (path, csv->str, -1, NULL));
  g_string_free (csv, TRUE);
  tally = import (dir, paths, FALSE);
  g_assert_cmpuint (tally->queued, ==, 4);
  clipped = run_queue (dir, FALSE, NULL);
  g_assert_cmpuint (clipped->added, ==, 4);
  g_assert_cmpuint (gloss_test_server_max_concurrent (server), ==, 2);
  gloss_test_remove_tree (export_dir);
  gloss_test_library_free (g_steal_pointer (&dir));
}

static void
on_progress_cancel (guint    done,
                    guint    total,
                    gpointer user_data)
{
  if (done == 1)
    g_cancellable_cancel (user_data);
}

/* Stopped after the first clip, the rest stays queued; the next run does it. */
static void
test_queue_resumes (void)
{
  g_autoptr(GlossTestServer) server = gloss_test_server_new ();
  g_autofree char *dir = gloss_test_library_new ();
  g_autofree char *export_dir = gloss_test_make_temp_dir ();
  g_autofree char *csv = write_pocket_csv (export_dir, server, 6);
  const char *paths[] = { csv, NULL };
  g_autoptr(GlossImportTally) tally = import (dir, paths, FALSE);
  g_autoptr(GlossLibrary) library = gloss_library_new (dir);
  g_autoptr(GlossFetcher) fetcher = gloss_fetcher_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GlossImportTally) stopped = NULL;
  g_autoptr(GlossImportTally) rest = NULL;
  g_autoptr(GPtrArray) left = NULL;

  gloss_import_run_queue_async (library, fetcher, FALSE, on_progress_cancel, cancellable,
                                cancellable, on_done, &result);
  stopped = gloss_import_run_queue_finish (wait_result (&result), NULL);
  g_assert_nonnull (stopped);
  /* One site, so one at a time: one was done when it stopped. */
  g_assert_cmpuint (stopped->added + stopped->failed, ==, 1);
  g_assert_cmpuint (stopped->queued, ==, 5);
  left = gloss_import_queue_list (dir, TRUE);
  g_assert_cmpuint (left->len, ==, 6 - stopped->added);
  rest = run_queue (dir, FALSE, NULL);
  g_assert_cmpuint (stopped->added + rest->added, ==, 5);
  g_assert_cmpuint (stopped->failed + rest->failed, ==, 1);
  gloss_test_remove_tree (export_dir);
  gloss_test_library_free (g_steal_pointer (&dir));
}

/* An article clipped before: the export's tags and highlight are added to
 * it; no second archive. */
static void
test_merges_into_existing (void)
{
  g_autoptr(GlossTestServer) server = gloss_test_server_new ();
  g_autofree char *dir = gloss_test_library_new ();
  g_autofree char *export_dir = gloss_test_make_temp_dir ();
  g_autofree char *html = g_strdup_printf (ARTICLE_PAGE, "Seeding", "Seeding");
  g_autofree char *url = NULL;
  g_autofree char *id = NULL;
  g_autofree char *csv_path = g_build_filename (export_dir, "instapaper.csv", NULL);
  g_autofree char *csv = NULL;
  const char *paths[] = { csv_path, NULL };
  g_autoptr(GlossImportTally) tally = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  GlossAnnotation *annotation;

  gloss_test_server_set_page (server, "/seeding", html);
  url = gloss_test_server_url (server, "/seeding");
  id = gloss_test_library_clip (dir, server, "/seeding", GLOSS_CLIP_MODE_READER);
  csv = g_strdup_printf ("URL,Title,Selection,Folder,Timestamp,Tags\n"
                         "%s,Seeding,\"Most of the effect,   if there is one,\nshows in the "
                         "heaviest storms.\",Starred,1700000000,\"[\"\"weather\"\"]\"\n", url);
  g_assert_true (g_file_set_contents (csv_path, csv, -1, NULL));
  tally = import (dir, paths, FALSE);
  g_assert_cmpuint (tally->merged, ==, 1);
  g_assert_cmpuint (tally->added + tally->queued, ==, 0);
  sidecar = sidecar_of (dir, url);
  g_assert_true (has_tag (sidecar, "weather") && has_tag (sidecar, "starred"));
  g_assert_cmpuint (sidecar->annotations->len, ==, 1);
  annotation = sidecar->annotations->pdata[0];
  /* Anchored where its words are, white space as the text has it. */
  g_assert_cmpstr (annotation->exact, ==, "Most of the effect, if there is one, shows in the heaviest storms.");
  g_assert_false (annotation->orphaned);
  gloss_test_remove_tree (export_dir);
  gloss_test_library_free (g_steal_pointer (&dir));
}

static char *
export_to (const char        *dir,
           const char        *export_dir,
           GlossImportFormat  format,
           const char        *name)
{
  g_autoptr(GlossLibrary) library = gloss_library_new (dir);
  char *path = g_build_filename (export_dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = g_file_create (file, G_FILE_CREATE_NONE, NULL, NULL);
  g_autoptr(GError) error = NULL;
  guint written, skipped;

  g_assert_nonnull (out);
  g_assert_true (gloss_import_export_library (library, format, G_OUTPUT_STREAM (out), &written,
                                              &skipped, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL));
  g_assert_cmpuint (written, ==, 3);
  g_assert_cmpuint (skipped, ==, 0);
  return path;
}

static char *
describe_sidecar (GlossSidecar *sidecar)
{
  GString *out = g_string_new (sidecar->source);
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();

  for (guint i = 0; i < sidecar->tags->len; i++)
    g_ptr_array_add (tags, sidecar->tags->pdata[i]);
  g_ptr_array_sort (tags, compare_strings);
  for (guint i = 0; i < tags->len; i++)
    g_string_append_printf (out, " #%s", (char *) tags->pdata[i]);
  for (guint i = 0; i < sidecar->annotations->len; i++)
    {
      GlossAnnotation *annotation = sidecar->annotations->pdata[i];

      g_string_append_printf (out, "\n  [%s] %s | %s | %s", annotation->exact,
                              annotation->note ? annotation->note : "", annotation->created,
                              annotation->orphaned ? "orphaned" : "anchored");
    }
  return g_string_free (out, FALSE);
}

/* Every fixture, brought into a library */

typedef struct
{
  char *from;  /* an address as the export has it */
  char *to;    /* its page on the loopback server */
} Rewrite;

static void
rewrite_free (Rewrite *rewrite)
{
  g_free (rewrite->from);
  g_free (rewrite->to);
  g_free (rewrite);
}

static gint
longest_first (gconstpointer a,
               gconstpointer b)
{
  const Rewrite *x = *(const Rewrite * const *) a, *y = *(const Rewrite * const *) b;

  return (int) strlen (y->from) - (int) strlen (x->from);
}

/* @text with every address of @rewrites replaced, as written and as HTML
 * writes it (&amp;). */
static char *
rewrite_text (const char *text,
              GPtrArray  *rewrites)
{
  char *out = g_strdup (text);

  for (guint i = 0; i < rewrites->len; i++)
    {
      Rewrite *rewrite = rewrites->pdata[i];
      g_autofree char *escaped = g_markup_escape_text (rewrite->from, -1);
      const char *forms[] = { rewrite->from, escaped };

      for (guint j = 0; j < G_N_ELEMENTS (forms); j++)
        {
          g_auto(GStrv) parts = g_strsplit (out, forms[j], -1);

          g_free (out);
          out = g_strjoinv (rewrite->to, parts);
        }
    }
  return out;
}

static void
rewrite_tree (const char *from,
              const char *to,
              GPtrArray  *rewrites)
{
  g_autoptr(GDir) listing = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_cmpint (g_mkdir_with_parents (to, 0755), ==, 0);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *rewritten = NULL;

      if (g_file_test (source, G_FILE_TEST_IS_DIR))
        {
          rewrite_tree (source, target, rewrites);
          continue;
        }
      g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
      rewritten = rewrite_text (contents, rewrites);
      g_assert_true (g_file_set_contents (target, rewritten, -1, NULL));
    }
}

/* A page for @entry, holding its highlights' quotes, on a server of its
 * own (a site of its own: the queue asks one site a page a second). */
static char *
serve_entry (GPtrArray        *servers,
             GlossImportEntry *entry,
             guint             index)
{
  GlossTestServer *server = gloss_test_server_new ();
  g_autofree char *path = g_strdup_printf ("/e/%u", index);
  g_autofree char *title = g_markup_escape_text (entry->title != NULL && *entry->title
                                                 ? entry->title : "An untitled page", -1);
  GString *html = g_string_new (NULL);

  g_string_append_printf (html, "<!doctype html><html><head><title>%s</title></head><body>"
                                "<article><h1>%s</h1>", title, title);
  for (guint i = 0; i < entry->highlights->len; i++)
    {
      g_autofree char *quote = g_markup_escape_text (
        ((GlossImportHighlight *) entry->highlights->pdata[i])->quote, -1);

      g_string_append_printf (html, "<p>%s</p>", quote);
    }
  for (guint i = 0; i < 4; i++)
    g_string_append (html, "<p>A paragraph of the page that is there to make it an article, "
                           "with enough words in it for a reader view to keep it whole.</p>");
  g_string_append (html, "</article></body></html>");
  gloss_test_server_set_page (server, path, html->str);
  g_string_free (html, TRUE);
  g_ptr_array_add (servers, server);
  return gloss_test_server_url (server, path);
}

static guint
expected_orphans (JsonObject *fixture)
{
  JsonArray *articles = json_object_get_array_member (fixture, "articles");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (articles); i++)
    {
      JsonArray *highlights = json_object_get_array_member (json_array_get_object_element (articles, i),
                                                            "highlights");

      for (guint j = 0; j < json_array_get_length (highlights); j++)
        n += g_strcmp0 (json_object_get_string_member (json_array_get_object_element (highlights, j),
                                                       "expect"), "orphan") == 0;
    }
  return n;
}

/* One fixture imported into a new library, its links clipped from a
 * loopback server whose pages hold the highlighted passages: every article
 * is there with its tags, every highlight anchored (but those the manifest
 * says can not be). */
static void
import_fixture_end_to_end (JsonObject *expected)
{
  const char *name = json_object_get_string_member (expected, "file");
  g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_test_server_free);
  g_autofree char *dir = gloss_test_library_new ();
  g_autofree char *export_dir = gloss_test_make_temp_dir ();
  g_autofree char *original = g_str_has_suffix (name, ".zip.d") ? zip_fixture (export_dir, name)
                                                                : fixture (name);
  g_autoptr(GlossImportFile) read = gloss_import_read (original, NULL, NULL);
  g_autoptr(GPtrArray) rewrites = g_ptr_array_new_with_free_func ((GDestroyNotify) rewrite_free);
  g_autofree char *copy = NULL;
  g_autoptr(GlossImportTally) tally = NULL;
  g_autoptr(GlossImportTally) clipped = NULL;
  const char *paths[] = { NULL, NULL };

  g_assert_nonnull (read);
  for (guint i = 0; i < read->entries->len; i++)
    {
      GlossImportEntry *entry = read->entries->pdata[i];
      Rewrite *rewrite;

      if (entry->url == NULL || entry->content != NULL)
        continue;
      rewrite = g_new0 (Rewrite, 1);
      rewrite->from = g_strdup (entry->url);
      rewrite->to = serve_entry (servers, entry, i);
      g_ptr_array_add (rewrites, rewrite);
    }
  g_ptr_array_sort (rewrites, longest_first);
  if (g_str_has_suffix (name, ".zip.d"))
    {
      g_autofree char *tree = g_build_filename (export_dir, "copy", name, NULL);
      g_autofree char *source = fixture (name);
      g_autofree char *zip_dir = g_build_filename (export_dir, "copy", NULL);

      rewrite_tree (source, tree, rewrites);
      copy = g_build_filename (zip_dir, "export.zip", NULL);
      gloss_test_zip_folder (tree, copy);
    }
  else
    {
      g_autofree char *contents = NULL;
      g_autofree char *rewritten = NULL;

      g_assert_true (g_file_get_contents (original, &contents, NULL, NULL));
      rewritten = rewrite_text (contents, rewrites);
      copy = g_build_filename (export_dir, name, NULL);
      g_assert_true (g_file_set_contents (copy, rewritten, -1, NULL));
    }
  paths[0] = copy;
  tally = import (dir, paths, FALSE);
  clipped = run_queue (dir, FALSE, NULL);
  gloss_import_tally_add (tally, clipped);
  for (guint i = 0; i < tally->problems->len; i++)
    g_test_message ("%s: %s: %s", name, ((GlossImportProblem *) tally->problems->pdata[i])->origin,
                    ((GlossImportProblem *) tally->problems->pdata[i])->reason);
  g_assert_cmpuint (tally->failed, ==, 0);
  g_assert_cmpuint (tally->added, ==, read->entries->len);
  g_assert_cmpuint (tally->orphaned, ==, expected_orphans (expected));
  for (guint i = 0; i < rewrites->len; i++)
    {
      Rewrite *rewrite = rewrites->pdata[i];
      g_autoptr(GlossSidecar) sidecar = sidecar_of (dir, rewrite->to);

      for (guint j = 0; j < read->entries->len; j++)
        {
          GlossImportEntry *entry = read->entries->pdata[j];

          if (g_strcmp0 (entry->url, rewrite->from) != 0)
            continue;
          for (guint k = 0; k < entry->tags->len; k++)
            g_assert_true (has_tag (sidecar, entry->tags->pdata[k]));
          g_assert_cmpint (has_tag (sidecar, "archived"), ==, entry->archived);
          g_assert_cmpint (has_tag (sidecar, "starred"), ==, entry->starred);
          g_assert_cmpuint (sidecar->annotations->len, ==, entry->highlights->len);
        }
    }
  gloss_test_remove_tree (export_dir);
  gloss_test_library_free (g_steal_pointer (&dir));
}

static void
test_every_fixture_imports (void)
{
  g_autofree char *manifest_path = fixture ("manifest.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *fixtures;
  guint imported = 0;

  g_assert_true (json_parser_load_from_file (parser, manifest_path, NULL));
  fixtures = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "fixtures");
  for (guint i = 0; i < json_array_get_length (fixtures); i++)
    {
      JsonObject *expected = json_array_get_object_element (fixtures, i);
      const char *format = json_object_get_string_member_with_default (expected, "format", NULL);

      /* Readwise's highlights name no address: /import/readwise-by-title. */
      if (format == NULL || g_str_equal (format, "readwise"))
        continue;
      g_test_message ("importing %s", json_object_get_string_member (expected, "file"));
      import_fixture_end_to_end (expected);
      imported++;
    }
  g_assert_cmpuint (imported, ==, 12);
}

/* Readwise names articles by title alone: its highlights go to the article
 * of the library with that title; one with no such article is reported. */
static void
test_readwise_by_title (void)
{
  g_autofree char *dir = gloss_test_library_new ();
  g_autofree char *export_dir = gloss_test_make_temp_dir ();
  g_autofree char *wallabag = fixture ("wallabag.json");
  g_autofree char *csv = g_build_filename (export_dir, "readwise.csv", NULL);
  const char *first[] = { wallabag, NULL };
  const char *second[] = { csv, NULL };
  g_autoptr(GlossImportTally) articles = import (dir, first, FALSE);
  g_autoptr(GlossImportTally) tally = NULL;
  g_autoptr(GlossSidecar) trains = NULL;
  GlossAnnotation *annotation;

  g_assert_true (g_file_set_contents (csv,
    "Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,"
    "Highlighted at\n"
    "\"The economics are still fragile.\",\"Night Trains Are Back, Slowly\",news.example.net,,"
    "Check the fares,blue,,,,2024-06-01 10:00:00+00:00\n"
    "Not in any article.,An Article Gloss Never Saw,someone,,,,,,,\n", -1, NULL));
  tally = import (dir, second, FALSE);
  g_assert_cmpuint (tally->merged, ==, 1);
  g_assert_cmpuint (tally->highlights, ==, 1);
  g_assert_cmpuint (tally->failed, ==, 1);
  g_assert_nonnull (strstr (((GlossImportProblem *) tally->problems->pdata[0])->reason,
                            "An Article Gloss Never Saw"));
  trains = sidecar_of (dir, "https://news.example.net/2024/04/night-trains-return");
  annotation = gloss_test_find_by_exact (trains, "The economics are still fragile.");
  g_assert_nonnull (annotation);
  g_assert_cmpstr (annotation->color, ==, "blue");
  g_assert_cmpstr (annotation->note, ==, "Check the fares");
  gloss_test_remove_tree (export_dir);
  gloss_test_library_free (g_steal_pointer (&dir));
}

/* Nobody is locked in: the library written as Wallabag's JSON comes back
 * whole (text, tags, states, highlights with their notes and dates); as
 * bookmarks and as Raindrop's CSV, with its links, tags and quotes. */
static void
test_export_round_trip (void)
{
  g_autofree char *first = gloss_test_library_new ();
  g_autofree char *second = gloss_test_library_new ();
  g_autofree char *export_dir = gloss_test_make_temp_dir ();
  g_autofree char *wallabag = fixture ("wallabag.json");
  const char *originals[] = { wallabag, NULL };
  g_autoptr(GlossImportTally) tally = import (first, originals, FALSE);
  g_autofree char *exported = export_to (first, export_dir, GLOSS_IMPORT_WALLABAG, "w.json");
  g_autofree char *bookmarks = export_to (first, export_dir, GLOSS_IMPORT_NETSCAPE, "b.html");
  g_autofree char *raindrop = export_to (first, export_dir, GLOSS_IMPORT_RAINDROP, "r.csv");
  const char *again[] = { exported, NULL };
  g_autoptr(GlossImportTally) back = import (second, again, FALSE);
  g_autoptr(GlossImportFile) marks = gloss_import_read (bookmarks, NULL, NULL);
  g_autoptr(GlossImportFile) drops = gloss_import_read (raindrop, NULL, NULL);
  const char *urls[] = { "https://news.example.net/2024/04/night-trains-return",
                         "https://www.example.org/nature/lichen-on-city-walls",
                         "https://www.example.com/de/kaese-reifen" };
  guint drop_highlights = 0;

  g_assert_cmpuint (back->added, ==, 3);
  g_assert_cmpuint (back->highlights, ==, 7);
  g_assert_cmpuint (back->orphaned, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GlossSidecar) original = sidecar_of (first, urls[i]);
      g_autoptr(GlossSidecar) copy = sidecar_of (second, urls[i]);
      g_autofree char *was = describe_sidecar (original);
      g_autofree char *is = describe_sidecar (copy);

      g_assert_cmpstr (is, ==, was);
    }
  g_assert_nonnull (marks);
  g_assert_cmpint (marks->format, ==, GLOSS_IMPORT_NETSCAPE);
  g_assert_cmpuint (marks->entries->len, ==, 3);
  g_assert_nonnull (drops);
  g_assert_cmpint (drops->format, ==, GLOSS_IMPORT_RAINDROP);
  g_assert_cmpuint (drops->entries->len, ==, 3);
  for (guint i = 0; i < drops->entries->len; i++)
    drop_highlights += ((GlossImportEntry *) drops->entries->pdata[i])->highlights->len;
  g_assert_cmpuint (drop_highlights, ==, 7);
  g_assert_cmpuint (tally->added, ==, 3);
  gloss_test_remove_tree (export_dir);
  gloss_test_library_free (g_steal_pointer (&first));
  gloss_test_library_free (g_steal_pointer (&second));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/wallabag-offline", test_wallabag_offline);
  g_test_add_func ("/import/wallabag-range-picks-place", test_wallabag_range_picks_place);
  g_test_add_func ("/import/omnivore-anchors", test_omnivore_anchors);
  g_test_add_func ("/import/dry-run-writes-nothing", test_dry_run_writes_nothing);
  g_test_add_func ("/import/queue-clips-and-retries", test_queue_clips_and_retries);
  g_test_add_func ("/import/queue-resumes", test_queue_resumes);
  g_test_add_func ("/import/queue-one-at-a-time-per-site", test_queue_one_at_a_time_per_site);
  g_test_add_func ("/import/pocket-zip-highlights", test_pocket_zip_highlights);
  g_test_add_func ("/import/merges-into-existing", test_merges_into_existing);
  g_test_add_func ("/import/export-round-trip", test_export_round_trip);
  g_test_add_func ("/import/readwise-by-title", test_readwise_by_title);
  g_test_add_func ("/import/every-fixture-imports", test_every_fixture_imports);
  return g_test_run ();
}
