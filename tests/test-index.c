/* test-index.c — the library's index: made, made again when damaged, kept
 * up to date from the files, searched and listed
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>
#include <glib/gstdio.h>

#include "gloss-archive.h"
#include "gloss-extract.h"
#include "gloss-html.h"
#include "gloss-index-private.h"
#include "gloss-library.h"
#include "gloss-page.h"
#include "gloss-sidecar.h"
#include "gloss-test-utils.h"

typedef struct
{
  char       *library;
  GlossIndex *index;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->library = gloss_test_library_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gloss_index_close (f->index);
  gloss_test_library_free (f->library);
}

/* Writes an archive of an article titled @title whose text is @text (one
 * paragraph a line) into the library, as a clip would; returns its id. */
static char *
add_article (Fixture    *f,
             const char *title,
             const char *text,
             const char *source,
             int         year)
{
  g_autoptr(GlossPage) page = g_new0 (GlossPage, 1);
  g_autoptr(GDateTime) saved = g_date_time_new_utc (year, 6, 1, 12, 0, 0);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) body = g_string_new ("<html><body><div>");
  g_autofree char *html = NULL;
  g_autofree char *id = gloss_archive_make_id (title, source);
  g_autofree char *name = g_strconcat (id, ".html", NULL);
  xmlNode *div;

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (body, "<p>%s</p>", lines[i]);
  g_string_append (body, "</div></body></html>");
  page->doc = gloss_html_parse (body->str, body->len);
  div = gloss_html_find_element (xmlDocGetRootElement (page->doc), "div");
  xmlUnlinkNode (div);
  page->content = div;
  page->mode = GLOSS_CLIP_MODE_READER;
  page->meta = g_new0 (GlossMetadata, 1);
  page->meta->title = g_strdup (title);
  page->meta->site_name = g_strdup ("Example News");
  html = gloss_archive_build (page, source, saved, missing, &error);
  g_assert_no_error (error);
  g_free (gloss_test_library_add (f->library, name, html));
  return g_steal_pointer (&id);
}

/* Gives the article @id a highlight of @quote in @color with @note, and
 * @tag (either may be NULL). */
static void
annotate (Fixture    *f,
          const char *id,
          const char *quote,
          const char *color,
          const char *note,
          const char *tag)
{
  g_autofree char *archive = gloss_test_library_archive_path (f->library, id);
  g_autofree char *path = gloss_library_sidecar_path (archive);
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_load (path, NULL);
  g_autoptr(GError) error = NULL;
  GlossAnnotation *annotation = gloss_annotation_new ();

  annotation->exact = g_strdup (quote);
  annotation->color = g_strdup (color);
  annotation->note = g_strdup (note);
  gloss_sidecar_add (sidecar, annotation);
  if (tag != NULL)
    g_ptr_array_add (sidecar->tags, g_strdup (tag));
  g_assert_true (gloss_sidecar_save (sidecar, &error));
  g_assert_no_error (error);
}

/* Takes every highlight and tag off the article @id. */
static void
remove_notes (Fixture    *f,
              const char *id)
{
  g_autofree char *archive = gloss_test_library_archive_path (f->library, id);
  g_autofree char *path = gloss_library_sidecar_path (archive);
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_load (path, NULL);
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (sidecar->annotations, 0);
  g_ptr_array_set_size (sidecar->tags, 0);
  g_assert_true (gloss_sidecar_save (sidecar, &error));
  g_assert_no_error (error);
}

static void
open_updated (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  if (f->index == NULL)
    f->index = gloss_index_open (f->library, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_index_update (f->index, NULL, &error));
  g_assert_no_error (error);
}

/* The ids @query finds, in order, joined by spaces. */
static char *
search (Fixture    *f,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = gloss_index_search (f->index, query, 0, &error);
  g_autoptr(GString) ids = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    g_string_append_printf (ids, "%s%s", i ? " " : "", ((GlossIndexEntry *) hits->pdata[i])->id);
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
assert_finds (Fixture    *f,
              const char *query,
              const char *ids)
{
  g_autofree char *found = search (f, query);

  g_assert_cmpstr (found, ==, ids);
}

/* Three articles most tests search */

typedef struct
{
  char *cloud;    /* "Data Centers…" */
  char *bikes;
  char *german;
} Three;

static void
add_three (Fixture *f,
           Three   *three)
{
  three->cloud = add_article (f, "Data Centers Come to the Valley",
                              "Alibaba is building a data center in Silicon Valley.\n"
                              "Cloud computing costs keep falling.",
                              "https://example.com/cloud", 2015);
  three->bikes = add_article (f, "Bike Workshops",
                              "Community bike workshops teach repairs.\n"
                              "A café serves coffee to the volunteers; the data says they stay.",
                              "https://example.org/bikes", 2020);
  three->german = add_article (f, "Neue Rechenzentren",
                               "Der Rechenzentrumsbetreiber baut in Frankfurt.",
                               "https://beispiel.de/rz", 2024);
}

static void
three_clear (Three *three)
{
  g_free (three->cloud);
  g_free (three->bikes);
  g_free (three->german);
}

/* Tests */

static void
test_made_and_found (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->library, ".gloss", "index.db", NULL);
  Three three;

  add_three (f, &three);
  open_updated (f);
  g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));
  assert_finds (f, "alibaba", three.cloud);
  assert_finds (f, "Valley", three.cloud);
  /* Accents folded both ways. */
  assert_finds (f, "cafe", three.bikes);
  assert_finds (f, "café", three.bikes);
  assert_finds (f, "\"bike workshops\"", three.bikes);
  assert_finds (f, "volunt*", three.bikes);
  assert_finds (f, "nothing-like-this", "");
  three_clear (&three);
}

static void
test_title_outranks_text (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *in_text = add_article (f, "Something Else",
                                          "A long text that mentions workshops once, among other words.",
                                          "https://example.net/else", 2021);
  g_autofree char *in_title = add_article (f, "Workshops", "Nothing more is said here.",
                                           "https://example.net/workshops", 2019);
  g_autofree char *expected = g_strdup_printf ("%s %s", in_title, in_text);

  open_updated (f);
  assert_finds (f, "workshops", expected);
}

static void
test_snippet_shows_the_match (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  Three three;

  add_three (f, &three);
  open_updated (f);
  hits = gloss_index_search (f->index, "falling", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_nonnull (strstr (((GlossIndexEntry *) hits->pdata[0])->snippet,
                            GLOSS_INDEX_MATCH_START "falling" GLOSS_INDEX_MATCH_END));
  three_clear (&three);
}

static void
test_compounds_and_chinese (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *chinese = add_article (f, "阿里巴巴在硅谷建数据中心",
                                          "阿里巴巴正在硅谷建设数据中心，这是它在中国以外的第一个。",
                                          "https://example.cn/alibaba", 2015);
  Three three;

  add_three (f, &three);
  open_updated (f);
  /* A whole word first, then inside a compound. */
  assert_finds (f, "Rechenzentrum", three.german);
  assert_finds (f, "betreiber", three.german);
  assert_finds (f, "数据中心", chinese);
  assert_finds (f, "硅谷建设", chinese);
  /* Two characters inside a run: neither table has them, a scan does. */
  assert_finds (f, "中国", chinese);
  assert_finds (f, "中国 硅谷", chinese);
  assert_finds (f, "中国 bike", "");
  three_clear (&three);
}

/* Parts of words, some in the text and some in the notes, as the notes
 * change: "the article about data centres where I noted something about
 * costs", in German. */
static void
test_compounds_in_text_and_notes (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *snippet = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  Three three;

  add_three (f, &three);
  annotate (f, three.german, "baut in Frankfurt", "green", "Die Stromkosten steigen", "Infrastruktur");
  open_updated (f);
  /* Inside a compound of the text, inside one of a note, and both. */
  assert_finds (f, "zentrums", three.german);
  assert_finds (f, "kosten", three.german);
  assert_finds (f, "betreiber kosten", three.german);
  assert_finds (f, "betreiber struktur", three.german);
  assert_finds (f, "betreiber fahrrad", "");
  hits = gloss_index_search (f->index, "strom", 0, NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  snippet = g_strdup (((GlossIndexEntry *) hits->pdata[0])->snippet);
  g_assert_nonnull (strstr (snippet, GLOSS_INDEX_MATCH_START "Strom" GLOSS_INDEX_MATCH_END "kosten"));
  /* A new note: the text's parts stay found, the old note's are gone. */
  annotate (f, three.german, "Frankfurt", "yellow", "Wasserverbrauch", NULL);
  open_updated (f);
  assert_finds (f, "verbrauch betreiber", three.german);
  assert_finds (f, "zentrums kosten", three.german);
  remove_notes (f, three.german);
  open_updated (f);
  assert_finds (f, "zentrums", three.german);
  assert_finds (f, "kosten", "");
  assert_finds (f, "betreiber verbrauch", "");
  three_clear (&three);
}

/* How many rows of a search for @words rank differently with the index's
 * gloss_bm25 () than with FTS5's bm25 (), after a search (which reads the
 * articles' lengths when the index changed). */
static guint
ranks_unlike_bm25 (Fixture    *f,
                   const char *words)
{
  g_autoptr(GPtrArray) hits = gloss_index_search (f->index, words, 0, NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT gloss_bm25 (search, 10.0, 3.0), bm25 (search, 10.0, 3.0)"
                                          " FROM search WHERE search MATCH '%s'", words);
  sqlite3_stmt *statement = NULL;
  guint rows = 0, unlike = 0;

  g_assert_nonnull (hits);
  g_assert_cmpint (sqlite3_prepare_v2 (f->index->db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      rows++;
      if (fabs (sqlite3_column_double (statement, 0) - sqlite3_column_double (statement, 1)) > 1e-9)
        unlike++;
    }
  sqlite3_finalize (statement);
  g_assert_cmpuint (rows, >, 0);
  return unlike;
}

/* The ranking keeps each article's length: read again after the index's
 * own writes and another program's, it ranks as FTS5's bm25 () would. */
static void
test_rank_is_bm25 (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GlossIndex) other = NULL;
  g_autoptr(GError) error = NULL;
  Three three;

  add_three (f, &three);
  open_updated (f);
  g_assert_cmpuint (ranks_unlike_bm25 (f, "data"), ==, 0);
  /* A long note makes the article longer: this index writes it. */
  annotate (f, three.bikes, "teach repairs", "green",
            "Data, data and more data: the volunteers count every repair, every part and every "
            "visitor, and the numbers go to the city each spring.", NULL);
  open_updated (f);
  g_assert_cmpuint (ranks_unlike_bm25 (f, "data"), ==, 0);
  /* Another program writes the next one. */
  annotate (f, three.cloud, "data center", "yellow",
            "Data centres use a lot of water, and the valley has little of it to spare.", NULL);
  other = gloss_index_open (f->library, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_index_update (other, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ranks_unlike_bm25 (f, "data"), ==, 0);
  g_assert_cmpuint (ranks_unlike_bm25 (f, "data OR valley"), ==, 0);
  three_clear (&three);
}

/* A library far larger than the archives read ahead while others are
 * written, with files among them that are no archives: each archive is
 * indexed once, whole, and the others are left out. */
static void
test_many_at_once (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  guint n_articles = 120;

  for (guint i = 0; i < n_articles; i++)
    {
      g_autofree char *title = g_strdup_printf ("Report %u", i);
      g_autofree char *text = g_strdup_printf ("Numbered paragraph marker%u.\nShared words here.", i);
      g_autofree char *source = g_strdup_printf ("https://example.com/report/%u", i);
      g_autofree char *id = add_article (f, title, text, source, 2000 + i % 20);

      if (i % 40 == 7)
        {
          g_autofree char *name = g_strdup_printf ("not-an-archive-%u.html", i);

          g_free (gloss_test_library_add (f->library, name, "<html><body>Shared words</body></html>"));
        }
    }
  open_updated (f);
  listed = gloss_index_list (f->index, GLOSS_INDEX_SORT_SAVED, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, n_articles);
  for (guint i = 0; i < n_articles; i += 17)
    {
      g_autofree char *word = g_strdup_printf ("marker%u", i);
      g_autofree char *title = g_strdup_printf ("Report %u", i);
      g_autoptr(GPtrArray) hits = gloss_index_search (f->index, word, 0, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (hits->len, ==, 1);
      g_assert_cmpstr (((GlossIndexEntry *) hits->pdata[0])->title, ==, title);
    }
}

typedef struct
{
  GlossIndex *index;
  gboolean    done;
} Updating;

static gpointer
update_in_thread (gpointer data)
{
  Updating *updating = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_index_update (updating->index, NULL, &error));
  g_assert_no_error (error);
  g_atomic_int_set (&updating->done, TRUE);
  return NULL;
}

/* A long update (an index made again: a minute for 10,000 articles) lets
 * the window save a picture meanwhile, instead of holding the index until
 * it is done. */
static void
test_long_update_lets_others_write (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GlossIndex) other = NULL;
  g_autoptr(GBytes) picture = g_bytes_new_static ("PNG", 3);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  Updating updating = { NULL, FALSE };
  GThread *thread;

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *title = g_strdup_printf ("Dispatch %u", i);
      g_autofree char *source = g_strdup_printf ("https://example.com/dispatch/%u", i);
      g_autofree char *id = add_article (f, title, "A paragraph of a dispatch.\nAnd another one.",
                                         source, 2010);

      if (first == NULL)
        first = g_strdup (id);
    }
  f->index = updating.index = gloss_index_open (f->library, &error);
  g_assert_no_error (error);
  _gloss_index_set_batch_time (f->index, 20);
  other = gloss_index_open (f->library, &error);
  g_assert_no_error (error);

  thread = g_thread_new ("update", update_in_thread, &updating);
  g_usleep (50 * 1000);
  g_assert_true (gloss_index_set_thumbnail (other, first, picture, &error));
  g_assert_no_error (error);
  /* Written while the update was still going. */
  g_assert_false (g_atomic_int_get (&updating.done));
  g_thread_join (thread);
}

static void
test_notes_quotes_and_filters (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *both = NULL;
  Three three;

  add_three (f, &three);
  annotate (f, three.cloud, "Cloud computing costs keep falling", "green", "Cheaper than AWS?", "cloud");
  annotate (f, three.bikes, "teach repairs", "yellow", NULL, NULL);
  open_updated (f);
  assert_finds (f, "aws", three.cloud);
  assert_finds (f, "has:notes", three.cloud);
  both = g_strdup_printf ("%s %s", three.bikes, three.cloud);
  assert_finds (f, "has:highlights", both);
  assert_finds (f, "color:green", three.cloud);
  assert_finds (f, "color:yellow", three.bikes);
  assert_finds (f, "tag:cloud", three.cloud);
  assert_finds (f, "tag:Cloud data", three.cloud);
  assert_finds (f, "site:example.org", three.bikes);
  assert_finds (f, "before:2016-01-01", three.cloud);
  assert_finds (f, "after:2023-12-31", three.german);
  assert_finds (f, "data NOT alibaba", three.bikes);
  three_clear (&three);
}

static void
assert_query_error (Fixture    *f,
                    const char *query,
                    const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = gloss_index_search (f->index, query, 0, &error);

  g_assert_null (hits);
  g_assert_error (error, GLOSS_INDEX_ERROR, GLOSS_INDEX_ERROR_QUERY);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, query));
  g_assert_nonnull (strstr (error->message, reason));
}

static void
test_bad_queries_say_why (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id = add_article (f, "Anything", "Some words.", "https://example.com/a", 2020);

  open_updated (f);
  assert_query_error (f, "\"open phrase", "quotation mark");
  assert_query_error (f, "NOT words", "between words");
  assert_query_error (f, "words OR", "between words");
  assert_query_error (f, "color:orange", "yellow, green");
  assert_query_error (f, "before:yesterday", "YYYY-MM-DD");
  /* What FTS5 would take for its own syntax is only text. */
  assert_finds (f, "some: (words) ^ NEAR", "");
  assert_finds (f, "words)", id);
}

static gboolean
touch_later (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  struct utimbuf times = { 0 };

  times.actime = times.modtime = g_date_time_to_unix (now) + 10;
  return g_utime (path, &times) == 0;
}

static void
test_follows_the_files (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *archive = NULL;
  g_autofree char *fourth = NULL;
  guint changed = 0;
  Three three;

  add_three (f, &three);
  open_updated (f);
  g_assert_true (gloss_index_update (f->index, &changed, &error));
  g_assert_cmpuint (changed, ==, 0);

  /* A note written by another program */
  annotate (f, three.bikes, "teach repairs", "blue", "Volunteer on Saturdays", NULL);
  g_assert_true (gloss_index_update (f->index, &changed, &error));
  g_assert_cmpuint (changed, ==, 1);
  assert_finds (f, "saturdays", three.bikes);
  /* The archive, not read again for a new sidecar, is found as before. */
  assert_finds (f, "coffee", three.bikes);
  assert_finds (f, "offe", three.bikes);
  assert_finds (f, "workshops", three.bikes);

  /* A new archive, one gone */
  fourth = add_article (f, "Fourth", "Quokkas smile.", "https://example.com/4", 2022);
  archive = gloss_test_library_archive_path (f->library, three.german);
  g_assert_cmpint (g_unlink (archive), ==, 0);
  g_assert_true (gloss_index_update (f->index, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 2);
  assert_finds (f, "quokkas", fourth);
  assert_finds (f, "Rechenzentrum", "");

  /* Only a new time on the same bytes: read again, found the same. */
  g_free (archive);
  archive = gloss_test_library_archive_path (f->library, fourth);
  g_assert_true (touch_later (archive));
  g_assert_true (gloss_index_update (f->index, &changed, &error));
  g_assert_cmpuint (changed, ==, 1);
  assert_finds (f, "quokkas", fourth);
  three_clear (&three);
}

static void
damage (const char *path,
        gboolean    garbage)
{
  if (garbage)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_set_contents (path, "this is not a database, only words in a file",
                                          -1, &error));
      return;
    }
  g_assert_cmpint (truncate (path, 4096), ==, 0);
}

static void
test_damaged_index_is_made_again (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->library, ".gloss", "index.db", NULL);
  gboolean garbage = GPOINTER_TO_INT (data);
  Three three;

  add_three (f, &three);
  open_updated (f);
  g_clear_pointer (&f->index, gloss_index_close);
  damage (db, garbage);
  open_updated (f);
  assert_finds (f, "alibaba", three.cloud);
  three_clear (&three);
}

static void
test_list_sorts_and_filters (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  g_autoptr(GPtrArray) tagged = NULL;
  Three three;

  add_three (f, &three);
  annotate (f, three.bikes, "teach repairs", "yellow", "Nice", "Repairs");
  open_updated (f);
  saved = gloss_index_list (f->index, GLOSS_INDEX_SORT_SAVED, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->len, ==, 3);
  g_assert_cmpstr (((GlossIndexEntry *) saved->pdata[0])->id, ==, three.german);
  g_assert_cmpstr (((GlossIndexEntry *) saved->pdata[2])->id, ==, three.cloud);
  titles = gloss_index_list (f->index, GLOSS_INDEX_SORT_TITLE, NULL, &error);
  g_assert_cmpstr (((GlossIndexEntry *) titles->pdata[0])->title, ==, "Bike Workshops");
  tagged = gloss_index_list (f->index, GLOSS_INDEX_SORT_SAVED, "repairs", &error);
  g_assert_cmpuint (tagged->len, ==, 1);
  g_assert_cmpuint (((GlossIndexEntry *) tagged->pdata[0])->n_highlights, ==, 1);
  g_assert_cmpuint (((GlossIndexEntry *) tagged->pdata[0])->n_notes, ==, 1);
  g_assert_cmpstr (((GlossIndexEntry *) tagged->pdata[0])->tags[0], ==, "Repairs");
  three_clear (&three);
}

/* Two users of one index at once (the window and the command line): both
 * update, both see the other's work. */
static void
test_two_at_once (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossIndex) other = NULL;
  g_autofree char *late = NULL;
  Three three;

  add_three (f, &three);
  open_updated (f);
  other = gloss_index_open (f->library, &error);
  g_assert_no_error (error);
  late = add_article (f, "Late", "Narwhals arrive.", "https://example.com/late", 2023);
  g_assert_true (gloss_index_update (other, NULL, &error));
  g_assert_no_error (error);
  assert_finds (f, "narwhals", late);
  three_clear (&three);
}

static char *
notebook (Fixture    *f,
          const char *query,
          const char *color,
          const char *tag)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = gloss_index_highlights (f->index, query, color, tag, &error);
  g_autoptr(GString) quotes = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (quotes, "%s%s", i ? " | " : "",
                            ((GlossIndexHighlight *) found->pdata[i])->quote);
  return g_string_free (g_steal_pointer (&quotes), FALSE);
}

static void
assert_notebook (Fixture    *f,
                 const char *query,
                 const char *color,
                 const char *tag,
                 const char *quotes)
{
  g_autofree char *found = notebook (f, query, color, tag);

  g_assert_cmpstr (found, ==, quotes);
}

static void
set_time_back (const char *path)
{
  struct utimbuf times = { 0 };

  times.actime = times.modtime = time (NULL) - 3600;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

/* A folder whose files did not come, go or get replaced since the last
 * update is not read again: what every command pays at its start. */
static void
test_settled_folder (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = add_article (f, "Settled", "Quiet words.", "https://example.com/s", 2020);
  g_autofree char *archive = gloss_test_library_archive_path (f->library, id);
  g_autofree char *sidecar_path = gloss_library_sidecar_path (archive);
  g_autofree char *fresh = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  guint changed = 99;

  annotate (f, id, "Quiet words.", "green", NULL, "seed");
  open_updated (f);
  set_time_back (f->library);
  g_assert_true (gloss_index_update (f->index, &changed, &error));
  g_assert_true (gloss_index_update (f->index, &changed, &error));
  g_assert_cmpuint (changed, ==, 0);

  /* Written over in place, as some editors do: no file of the folder was
   * replaced, so an update does not look (the window's monitor does). */
  g_assert_true (g_file_get_contents (sidecar_path, &json, NULL, NULL));
  {
    FILE *file = fopen (sidecar_path, "r+");
    char *tags = strstr (json, "\"tags\" : [");

    g_assert_nonnull (file);
    g_assert_nonnull (tags);
    g_assert_cmpint (fwrite (json, 1, tags - json, file), ==, tags - json);
    fputs ("\"tags\" : [\"numbat\"", file);
    fputs (strchr (tags, ']'), file);
    fflush (file);
    g_assert_cmpint (ftruncate (fileno (file), ftell (file)), ==, 0);
    fclose (file);
  }
  g_assert_true (touch_later (sidecar_path));
  g_assert_true (gloss_index_update (f->index, &changed, &error));
  g_assert_cmpuint (changed, ==, 0);
  assert_finds (f, "tag:numbat", "");

  /* Replaced, as Gloss and sync tools write: the folder changed. */
  sidecar = gloss_sidecar_load (sidecar_path, &error);
  g_assert_no_error (error);
  g_ptr_array_add (sidecar->tags, g_strdup ("wombat"));
  g_assert_true (gloss_sidecar_save (sidecar, &error));
  g_assert_true (gloss_index_update (f->index, &changed, &error));
  g_assert_cmpuint (changed, ==, 1);
  assert_finds (f, "tag:numbat tag:wombat", id);

  /* So does a file that comes. */
  set_time_back (f->library);
  g_assert_true (gloss_index_update (f->index, &changed, &error));
  fresh = add_article (f, "Fresh", "Loud words.", "https://example.com/l", 2021);
  g_assert_true (gloss_index_update (f->index, &changed, &error));
  g_assert_cmpuint (changed, ==, 1);
  assert_finds (f, "Loud", fresh);
}

/* The articles a folder monitor names, and no other. */
static void
test_update_named_articles (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *noted = add_article (f, "Noted", "Plain words.", "https://example.com/n", 2020);
  g_autofree char *gone = add_article (f, "Gone", "Other words.", "https://example.com/g", 2020);
  g_autofree char *unnamed = add_article (f, "Unnamed", "More words.", "https://example.com/u", 2020);
  g_autofree char *gone_path = gloss_test_library_archive_path (f->library, gone);
  g_autofree char *fresh = NULL;
  const char *ids[4] = { NULL };
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  open_updated (f);
  annotate (f, noted, "Plain words.", "green", "a marginal zebra", NULL);
  annotate (f, unnamed, "More words.", "blue", "an unseen okapi", NULL);
  g_assert_cmpint (g_unlink (gone_path), ==, 0);
  fresh = add_article (f, "Fresh", "New giraffe words.", "https://example.com/f", 2021);
  ids[0] = noted;
  ids[1] = gone;
  ids[2] = fresh;
  g_assert_true (gloss_index_update_articles (f->index, ids, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 3);
  assert_finds (f, "zebra", noted);
  assert_finds (f, "giraffe", fresh);
  assert_finds (f, "Other", "");
  /* Not named: not looked at, until the whole folder is. */
  assert_finds (f, "okapi", "");
  g_assert_true (gloss_index_update (f->index, &changed, &error));
  g_assert_cmpuint (changed, ==, 1);
  assert_finds (f, "okapi", unnamed);
  /* A name that is not one of the folder's files is nothing. */
  ids[0] = "../elsewhere";
  ids[1] = NULL;
  g_assert_true (gloss_index_update_articles (f->index, ids, &changed, &error));
  g_assert_cmpuint (changed, ==, 0);
}

/* A sync tool that keeps a file's time may bring a re-clipped archive of
 * the same size: its size and time say nothing, but the sidecar that came
 * with it names the new archive by its sha256. */
static void
test_sidecar_names_a_new_archive (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *id = add_article (f, "Swapped", "Aardvarks dig.", "https://example.com/s", 2021);
  g_autofree char *archive = gloss_test_library_archive_path (f->library, id);
  g_autofree char *sidecar_path = gloss_library_sidecar_path (archive);
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *swapped = NULL;
  struct stat before;
  struct timespec times[2];
  gsize length;
  char *at;

  open_updated (f);
  assert_finds (f, "aardvarks", id);
  g_assert_cmpint (stat (archive, &before), ==, 0);
  g_assert_true (g_file_get_contents (archive, &html, &length, &error));
  g_assert_nonnull (at = strstr (html, "Aardvarks"));
  memcpy (at, "Pangolins", strlen ("Pangolins"));
  g_assert_true (g_file_set_contents (archive, html, length, &error));
  times[0] = before.st_atim;
  times[1] = before.st_mtim;
  g_assert_cmpint (utimensat (AT_FDCWD, archive, times, 0), ==, 0);
  swapped = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) html, length);

  sidecar = gloss_sidecar_load (sidecar_path, &error);
  g_assert_no_error (error);
  g_free (sidecar->sha256);
  sidecar->sha256 = g_strdup (swapped);
  g_assert_true (gloss_sidecar_save (sidecar, &error));
  g_assert_no_error (error);

  g_assert_true (gloss_index_update (f->index, NULL, &error));
  g_assert_no_error (error);
  assert_finds (f, "pangolins", id);
  assert_finds (f, "aardvarks", "");
}

/* The list's pictures are kept until the archive changes; how far it was
 * read comes from the sidecar. */
static void
test_thumbnails_and_progress (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *id = add_article (f, "Pictured", "Words.", "https://example.com/p", 2021);
  g_autofree char *archive = gloss_test_library_archive_path (f->library, id);
  g_autofree char *sidecar_path = gloss_library_sidecar_path (archive);
  g_autoptr(GBytes) picture = g_bytes_new_static ("\x89PNG fake", 9);
  g_autoptr(GBytes) none = g_bytes_new_static ("", 0);
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *stored;

  open_updated (f);
  g_assert_null (gloss_index_get_thumbnail (f->index, id, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_index_set_thumbnail (f->index, id, picture, &error));
  stored = gloss_index_get_thumbnail (f->index, id, &error);
  g_assert_true (stored != NULL && g_bytes_equal (stored, picture));
  g_bytes_unref (stored);
  /* "No picture" is stored as an answer too. */
  g_assert_true (gloss_index_set_thumbnail (f->index, id, none, &error));
  stored = gloss_index_get_thumbnail (f->index, id, &error);
  g_assert_true (stored != NULL && g_bytes_get_size (stored) == 0);
  g_bytes_unref (stored);
  g_assert_true (gloss_index_set_thumbnail (f->index, "not-there", picture, &error));
  g_assert_null (gloss_index_get_thumbnail (f->index, "not-there", &error));

  listed = gloss_index_list (f->index, GLOSS_INDEX_SORT_SAVED, NULL, &error);
  g_assert_cmpfloat (((GlossIndexEntry *) listed->pdata[0])->progress, <, 0.0);
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* Read half way: the same picture … */
  g_assert_true (gloss_index_set_thumbnail (f->index, id, picture, &error));
  sidecar = gloss_sidecar_load (sidecar_path, NULL);
  sidecar->progress = 0.5;
  g_assert_true (gloss_sidecar_save (sidecar, &error));
  open_updated (f);
  stored = gloss_index_get_thumbnail (f->index, id, &error);
  g_assert_true (stored != NULL && g_bytes_equal (stored, picture));
  g_bytes_unref (stored);
  /* … and the archive clipped again: a new picture is made. */
  g_assert_true (touch_later (archive));
  open_updated (f);
  g_assert_null (gloss_index_get_thumbnail (f->index, id, &error));
  g_assert_no_error (error);
  listed = gloss_index_list (f->index, GLOSS_INDEX_SORT_SAVED, NULL, &error);
  g_assert_cmpfloat (((GlossIndexEntry *) listed->pdata[0])->progress, ==, 0.5);
}

static void
test_notebook (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  Three three;

  add_three (f, &three);
  annotate (f, three.cloud, "Cloud computing costs keep falling", "green", "Cheaper than AWS?", "cloud");
  gloss_test_wait_next_second ();
  annotate (f, three.bikes, "teach repairs", "yellow", NULL, NULL);
  open_updated (f);
  /* Newest first */
  assert_notebook (f, NULL, NULL, NULL, "teach repairs | Cloud computing costs keep falling");
  assert_notebook (f, NULL, "green", NULL, "Cloud computing costs keep falling");
  assert_notebook (f, NULL, NULL, "cloud", "Cloud computing costs keep falling");
  assert_notebook (f, "aws", NULL, NULL, "Cloud computing costs keep falling");
  assert_notebook (f, "repair*", NULL, NULL, "teach repairs");
  assert_notebook (f, "repairs", "green", NULL, "");
  found = gloss_index_highlights (f->index, NULL, NULL, NULL, &error);
  g_assert_cmpstr (((GlossIndexHighlight *) found->pdata[1])->article, ==, three.cloud);
  g_assert_cmpstr (((GlossIndexHighlight *) found->pdata[1])->note, ==, "Cheaper than AWS?");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = gloss_index_highlights (f->index, "tag:cloud", NULL, NULL, &error);
  g_assert_null (found);
  g_assert_error (error, GLOSS_INDEX_ERROR, GLOSS_INDEX_ERROR_QUERY);
  three_clear (&three);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/index/made-and-found", Fixture, NULL, fixture_setup, test_made_and_found,
              fixture_teardown);
  g_test_add ("/index/title-outranks-text", Fixture, NULL, fixture_setup,
              test_title_outranks_text, fixture_teardown);
  g_test_add ("/index/snippet-shows-the-match", Fixture, NULL, fixture_setup,
              test_snippet_shows_the_match, fixture_teardown);
  g_test_add ("/index/compounds-and-chinese", Fixture, NULL, fixture_setup,
              test_compounds_and_chinese, fixture_teardown);
  g_test_add ("/index/compounds-in-text-and-notes", Fixture, NULL, fixture_setup,
              test_compounds_in_text_and_notes, fixture_teardown);
  g_test_add ("/index/rank-is-bm25", Fixture, NULL, fixture_setup, test_rank_is_bm25,
              fixture_teardown);
  g_test_add ("/index/many-at-once", Fixture, NULL, fixture_setup, test_many_at_once,
              fixture_teardown);
  g_test_add ("/index/long-update-lets-others-write", Fixture, NULL, fixture_setup,
              test_long_update_lets_others_write, fixture_teardown);
  g_test_add ("/index/notes-quotes-and-filters", Fixture, NULL, fixture_setup,
              test_notes_quotes_and_filters, fixture_teardown);
  g_test_add ("/index/bad-queries-say-why", Fixture, NULL, fixture_setup,
              test_bad_queries_say_why, fixture_teardown);
  g_test_add ("/index/follows-the-files", Fixture, NULL, fixture_setup, test_follows_the_files,
              fixture_teardown);
  g_test_add ("/index/truncated-is-made-again", Fixture, GINT_TO_POINTER (FALSE), fixture_setup,
              test_damaged_index_is_made_again, fixture_teardown);
  g_test_add ("/index/garbage-is-made-again", Fixture, GINT_TO_POINTER (TRUE), fixture_setup,
              test_damaged_index_is_made_again, fixture_teardown);
  g_test_add ("/index/list-sorts-and-filters", Fixture, NULL, fixture_setup,
              test_list_sorts_and_filters, fixture_teardown);
  g_test_add ("/index/two-at-once", Fixture, NULL, fixture_setup, test_two_at_once,
              fixture_teardown);
  g_test_add ("/index/notebook", Fixture, NULL, fixture_setup, test_notebook, fixture_teardown);
  g_test_add ("/index/settled-folder", Fixture, NULL, fixture_setup, test_settled_folder,
              fixture_teardown);
  g_test_add ("/index/update-named-articles", Fixture, NULL, fixture_setup,
              test_update_named_articles, fixture_teardown);
  g_test_add ("/index/sidecar-names-a-new-archive", Fixture, NULL, fixture_setup,
              test_sidecar_names_a_new_archive, fixture_teardown);
  g_test_add ("/index/thumbnails-and-progress", Fixture, NULL, fixture_setup,
              test_thumbnails_and_progress, fixture_teardown);
  return g_test_run ();
}
