/* test-sidecar.c — the sidecar keeps the user's work: round trips, unknown
 * members, corrupt files, sync conflicts, and kills in the middle of a save
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "gloss-library.h"
#include "gloss-sidecar.h"
#include "gloss-test-utils.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = gloss_test_make_temp_dir ();
  f->path = g_build_filename (f->dir, "an-article-12345678.notes.json", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gloss_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static GlossAnnotation *
make_annotation (const char *exact,
                 const char *note,
                 const char *color,
                 gint64      start)
{
  GlossAnnotation *annotation = gloss_annotation_new ();

  annotation->exact = g_strdup (exact);
  g_free (annotation->prefix);
  annotation->prefix = g_strdup ("before ");
  annotation->note = g_strdup (note);
  g_free (annotation->color);
  annotation->color = g_strdup (color);
  annotation->start = start;
  annotation->end = start + g_utf8_strlen (exact, -1);
  return annotation;
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_path_for_archive (void)
{
  g_autofree char *path = gloss_library_sidecar_path ("/lib/a-title-0123abcd.html");

  g_assert_cmpstr (path, ==, "/lib/a-title-0123abcd.notes.json");
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_new (f->path);
  g_autoptr(GlossSidecar) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *again = NULL;
  GlossAnnotation *plain, *noted;

  sidecar->archive = g_strdup ("an-article-12345678.html");
  sidecar->source = g_strdup ("https://example.com/article");
  sidecar->title = g_strdup ("An “Article” — 中文 🙂");
  g_ptr_array_add (sidecar->tags, g_strdup ("cloud"));
  sidecar->note = g_strdup ("My *page* note");
  sidecar->progress = 0.42;
  gloss_sidecar_add (sidecar, make_annotation ("a quote", NULL, "green", 10));
  gloss_sidecar_add (sidecar, make_annotation ("another “quote” 🙂", "with a note", "pink", 40));
  gloss_sidecar_save (sidecar, &error);
  g_assert_no_error (error);

  loaded = gloss_sidecar_load (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->title, ==, "An “Article” — 中文 🙂");
  g_assert_cmpstr (loaded->tags->pdata[0], ==, "cloud");
  g_assert_cmpstr (loaded->note, ==, "My *page* note");
  g_assert_cmpfloat_with_epsilon (loaded->progress, 0.42, 1e-9);
  g_assert_cmpuint (loaded->annotations->len, ==, 2);
  plain = loaded->annotations->pdata[0];
  noted = loaded->annotations->pdata[1];
  g_assert_cmpstr (plain->exact, ==, "a quote");
  g_assert_cmpstr (plain->color, ==, "green");
  g_assert_null (plain->note);
  g_assert_cmpint (plain->start, ==, 10);
  g_assert_cmpint (plain->end, ==, 17);
  g_assert_cmpstr (noted->note, ==, "with a note");
  g_assert_cmpstr (noted->prefix, ==, "before ");

  /* Stable: saving what was loaded gives the same bytes (sync-friendly). */
  saved = read_file (f->path);
  again = gloss_sidecar_to_data (loaded);
  g_assert_cmpstr (again, ==, saved);
  /* The shape DESIGN.md fixes. */
  g_assert_true (g_str_has_prefix (saved, "{\n  \"gloss\" : 1,\n  \"article\" : {\n    \"archive\""));
  g_assert_nonnull (strstr (saved, "\"motivation\" : \"highlighting\""));
  g_assert_nonnull (strstr (saved, "\"motivation\" : \"commenting\""));
  g_assert_nonnull (strstr (saved, "\"purpose\" : \"commenting\""));
  g_assert_nonnull (strstr (saved, "\"type\" : \"TextQuoteSelector\""));
  g_assert_nonnull (strstr (saved, "\"styleClass\" : \"green\""));
  g_assert_nonnull (strstr (saved, "\"source\" : \"https://example.com/article\""));
  g_assert_true (g_str_has_suffix (saved, "}\n"));
}

/* Numbers another tool wrote (json-glib would write 2e+85 back as
 * "2e+85.0", which no JSON reader takes: found by fuzz-sidecar). */
static void
test_unknown_numbers_read_again (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GlossSidecar) again = NULL;
  g_autoptr(GError) error = NULL;

  write_file (f->path, "{ \"gloss\": 1, \"big\": 2e85, \"huge\": [1e22, -3e300, 0.5, 7],"
                       "  \"note\": \"kept\" }");
  sidecar = gloss_sidecar_load (f->path, &error);
  g_assert_no_error (error);
  gloss_sidecar_save (sidecar, &error);
  g_assert_no_error (error);
  again = gloss_sidecar_load (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->note, ==, "kept");
}

static void
test_unknown_members_kept (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;

  write_file (f->path,
              "{ \"gloss\": 1, \"future\": {\"x\": [1, 2]},"
              "  \"article\": { \"archive\": \"a.html\", \"source\": \"https://e.com/\", \"lang\": \"fr\" },"
              "  \"annotations\": [ {"
              "    \"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"id\": \"urn:uuid:1\","
              "    \"type\": \"Annotation\", \"creator\": \"Another Tool\","
              "    \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\","
              "    \"body\": { \"type\": \"TextualBody\", \"value\": \"n\", \"language\": \"en\" },"
              "    \"target\": { \"source\": \"https://e.com/\", \"styleClass\": \"blue\", \"scope\": \"s\","
              "      \"selector\": [ { \"type\": \"TextQuoteSelector\", \"exact\": \"word\" },"
              "                      { \"type\": \"CssSelector\", \"value\": \"#p1\" } ] } } ] }");
  sidecar = gloss_sidecar_load (f->path, &error);
  g_assert_no_error (error);
  g_free (sidecar->note);
  sidecar->note = g_strdup ("edited");
  gloss_annotation_touch (sidecar->annotations->pdata[0]);
  gloss_sidecar_save (sidecar, &error);
  g_assert_no_error (error);

  saved = read_file (f->path);
  g_assert_nonnull (strstr (saved, "\"future\" : {"));
  g_assert_nonnull (strstr (saved, "\"lang\" : \"fr\""));
  g_assert_nonnull (strstr (saved, "\"creator\" : \"Another Tool\""));
  g_assert_nonnull (strstr (saved, "\"language\" : \"en\""));
  g_assert_nonnull (strstr (saved, "\"scope\" : \"s\""));
  g_assert_nonnull (strstr (saved, "\"type\" : \"CssSelector\""));
  g_assert_nonnull (strstr (saved, "\"note\" : \"edited\""));
}

/* The versions a re-clip kept, and the version each highlight was made on
 * (a W3C TimeState), survive a rewrite in a stable order with what other
 * tools added to them; a sidecar without versions has no such member. */
static void
test_versions_round_trip (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GlossSidecar) empty = gloss_sidecar_new (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *empty_data = NULL;
  GlossAnnotation *annotation;
  GlossVersion *version;

  write_file (f->path,
              "{ \"gloss\": 1,"
              "  \"article\": { \"archive\": \"a.html\", \"saved\": \"2026-03-01T00:00:00Z\" },"
              "  \"versions\": [ { \"archive\": \"a.versions/20260201T000000Z.html\","
              "    \"saved\": \"2026-02-01T00:00:00Z\", \"sha256\": \"ab\", \"by\": \"sync\" } ],"
              "  \"annotations\": [ {"
              "    \"id\": \"urn:uuid:1\", \"created\": \"2026-02-02T00:00:00Z\","
              "    \"target\": { \"styleClass\": \"blue\","
              "      \"state\": { \"type\": \"TimeState\", \"sourceDate\": \"2026-02-01T00:00:00Z\","
              "                   \"cached\": \"https://archive.example/x\" },"
              "      \"selector\": [ { \"type\": \"TextQuoteSelector\", \"exact\": \"word\" } ] } } ] }");
  sidecar = gloss_sidecar_load (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sidecar->versions->len, ==, 1);
  version = sidecar->versions->pdata[0];
  g_assert_cmpstr (version->archive, ==, "a.versions/20260201T000000Z.html");
  g_assert_cmpstr (version->saved, ==, "2026-02-01T00:00:00Z");
  g_assert_cmpstr (version->sha256, ==, "ab");
  g_assert_true (gloss_versions_find (sidecar->versions, "2026-02-01T00:00:00Z") == version);
  g_assert_null (gloss_versions_find (sidecar->versions, "2026-03-01T00:00:00Z"));
  annotation = sidecar->annotations->pdata[0];
  g_assert_cmpstr (annotation->source_date, ==, "2026-02-01T00:00:00Z");

  g_ptr_array_add (sidecar->versions, gloss_version_new ("a.versions/20260301T000000Z.html",
                                                         "2026-03-01T00:00:00Z", "cd"));
  gloss_annotation_set_source_date (annotation, "2026-03-01T00:00:00Z");
  gloss_sidecar_save (sidecar, &error);
  g_assert_no_error (error);
  saved = read_file (f->path);
  g_assert_nonnull (strstr (saved, "\"by\" : \"sync\""));
  g_assert_nonnull (strstr (saved, "\"sourceDate\" : \"2026-03-01T00:00:00Z\""));
  g_assert_nonnull (strstr (saved, "\"cached\" : \"https://archive.example/x\""));
  /* article, then versions, then tags; in a version, archive, saved, sha256 */
  g_assert_true (strstr (saved, "\"article\"") < strstr (saved, "\"versions\""));
  g_assert_true (strstr (saved, "\"versions\"") < strstr (saved, "\"tags\""));
  g_assert_true (strstr (saved, "20260201T000000Z.html") < strstr (saved, "20260301T000000Z.html"));
  g_assert_true (strstr (saved, "\"archive\" : \"a.versions/") < strstr (saved, "\"sha256\" : \"ab\""));
  g_assert_true (strstr (saved, "\"type\" : \"TimeState\"") < strstr (saved, "\"sourceDate\""));

  empty_data = gloss_sidecar_to_data (empty);
  g_assert_null (strstr (empty_data, "\"versions\""));
}

/* Two copies that each kept a version: both stay listed, once, oldest first. */
static void
test_versions_merge (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GlossSidecar) ours = gloss_sidecar_new (f->path);
  g_autoptr(GlossSidecar) theirs = gloss_sidecar_new (f->path);
  g_autoptr(GlossVersion) first = gloss_version_new ("a.versions/20260101T000000Z.html",
                                                     "2026-01-01T00:00:00Z", "11");
  g_autoptr(GlossVersion) second = gloss_version_new ("a.versions/20260201T000000Z.html",
                                                      "2026-02-01T00:00:00Z", "22");

  gloss_versions_add (ours->versions, second);
  gloss_versions_add (theirs->versions, first);
  gloss_versions_add (theirs->versions, second);
  gloss_sidecar_merge (ours, theirs);
  g_assert_cmpuint (ours->versions->len, ==, 2);
  g_assert_cmpstr (((GlossVersion *) ours->versions->pdata[0])->archive, ==, first->archive);
  g_assert_cmpstr (((GlossVersion *) ours->versions->pdata[1])->archive, ==, second->archive);
}

static void
assert_kept_aside (Fixture    *f,
                   const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *kept = NULL;
  const char *name;

  write_file (f->path, contents);
  sidecar = gloss_sidecar_load (f->path, &error);
  g_assert_null (sidecar);
  g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, ".corrupt-") != NULL)
      aside = g_build_filename (f->dir, name, NULL);
  g_assert_nonnull (aside);
  /* The message says where the original is; the original is byte for byte. */
  g_assert_nonnull (strstr (error->message, aside));
  g_assert_nonnull (strstr (error->message, f->path));
  kept = read_file (aside);
  g_assert_cmpstr (kept, ==, contents);
  g_unlink (aside);
}

static void
test_corrupt_files_kept (Fixture       *f,
                         gconstpointer  data)
{
  const char *cases[] = {
    "{ \"gloss\": 1, \"annotations\": [ { \"id\": \"urn:uuid:1\", \"target\"",  /* truncated */
    "this is not JSON at all",
    "[1, 2, 3]",
    "{ \"gloss\": 1, \"annotations\": \"none\" }",
    "{ \"gloss\": 1, \"tags\": [1, 2] }",
    "{ \"gloss\": 1, \"progress\": \"half\" }",
    "{ \"gloss\": 1, \"annotations\": [ { \"id\": \"urn:uuid:1\" } ] }",
    "{ \"gloss\": 1, \"annotations\": [ { \"id\": 7, \"target\": {} } ] }",
    "{ \"gloss\": 1, \"annotations\": [ { \"id\": \"u\", \"target\": { \"selector\": "
      "[ { \"type\": \"TextPositionSelector\", \"start\": \"x\", \"end\": 3 } ] } } ] }",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_kept_aside (f, cases[i]);
}

static void
test_missing_file_is_empty (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_load (f->path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (sidecar->annotations->len, ==, 0);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* Two devices edit one sidecar: A adds one and edits one later; B deletes
 * one and edits the same one earlier. */
static void
make_conflict (GlossSidecar **a_out,
               GlossSidecar **b_out,
               const char    *path)
{
  g_autoptr(GlossSidecar) base = gloss_sidecar_new (path);
  g_autofree char *data = NULL;
  GlossSidecar *a, *b;
  GlossAnnotation *edited;

  base->source = g_strdup ("https://e.com/");
  gloss_sidecar_add (base, make_annotation ("kept", NULL, "yellow", 0));
  gloss_sidecar_add (base, make_annotation ("edited", NULL, "yellow", 10));
  gloss_sidecar_add (base, make_annotation ("deleted", NULL, "yellow", 20));
  data = gloss_sidecar_to_data (base);
  a = gloss_sidecar_parse (path, data, strlen (data), NULL);
  b = gloss_sidecar_parse (path, data, strlen (data), NULL);

  edited = b->annotations->pdata[1];
  edited->note = g_strdup ("B's note");
  g_free (edited->modified);
  edited->modified = g_strdup ("2030-01-01T00:00:00.000Z");
  g_assert_true (gloss_sidecar_remove (b, ((GlossAnnotation *) b->annotations->pdata[2])->id));
  g_ptr_array_add (b->tags, g_strdup ("from-b"));

  edited = a->annotations->pdata[1];
  edited->note = g_strdup ("A's note");
  g_free (edited->modified);
  edited->modified = g_strdup ("2030-01-01T00:00:01.000Z");
  /* A touched the one B deleted: the deletion still wins. */
  gloss_annotation_touch (a->annotations->pdata[2]);
  gloss_sidecar_add (a, make_annotation ("added on A", NULL, "blue", 30));
  a->note = g_strdup ("A's page note");
  b->note = g_strdup ("B's page note");

  *a_out = a;
  *b_out = b;
}

static void
assert_merged (GlossSidecar *merged)
{
  g_autoptr(GPtrArray) quotes = g_ptr_array_new ();

  for (guint i = 0; i < merged->annotations->len; i++)
    g_ptr_array_add (quotes, ((GlossAnnotation *) merged->annotations->pdata[i])->exact);
  g_assert_cmpuint (merged->annotations->len, ==, 3);
  g_assert_cmpstr (quotes->pdata[0], ==, "kept");
  g_assert_cmpstr (quotes->pdata[1], ==, "edited");
  g_assert_cmpstr (((GlossAnnotation *) merged->annotations->pdata[1])->note, ==, "A's note");
  g_assert_true (g_ptr_array_find_with_equal_func (quotes, "added on A", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (quotes, "deleted", g_str_equal, NULL));
  g_assert_cmpuint (merged->deleted->len, ==, 1);
  g_assert_true (g_ptr_array_find_with_equal_func (merged->tags, "from-b", g_str_equal, NULL));
  g_assert_nonnull (strstr (merged->note, "A's page note"));
  g_assert_nonnull (strstr (merged->note, "B's page note"));
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  GlossSidecar *a, *b;

  make_conflict (&a, &b, f->path);
  gloss_sidecar_merge (a, b);
  assert_merged (a);
  gloss_sidecar_free (a);
  gloss_sidecar_free (b);

  /* The other way round gives the same result. */
  make_conflict (&a, &b, f->path);
  gloss_sidecar_merge (b, a);
  assert_merged (b);
  gloss_sidecar_free (a);
  gloss_sidecar_free (b);
}

/* Two writers that read the same file, each saving its own changes: each
 * save merges what the other saved, and nothing either changed is undone —
 * a tag one removed stays removed, a page note one edited is replaced, not
 * doubled, and only notes edited on both sides are both kept. */
static void
test_two_writers (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GlossSidecar) first = gloss_sidecar_new (f->path);
  g_autoptr(GlossSidecar) a = NULL;
  g_autoptr(GlossSidecar) b = NULL;
  g_autoptr(GlossSidecar) disk = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *shared = gloss_annotation_new ();
  GlossAnnotation *from_a = gloss_annotation_new ();
  GlossAnnotation *from_b = gloss_annotation_new ();
  g_autofree char *shared_id = g_strdup (shared->id);

  g_ptr_array_add (first->tags, g_strdup ("old"));
  g_ptr_array_add (first->tags, g_strdup ("kept"));
  first->note = g_strdup ("The page note.");
  first->progress = 0.2;
  gloss_sidecar_add (first, shared);
  g_assert_true (gloss_sidecar_save (first, &error));

  a = gloss_sidecar_load (f->path, &error);
  b = gloss_sidecar_load (f->path, &error);
  g_assert_no_error (error);
  /* A: removes a tag, rewrites the page note, adds a highlight. */
  g_ptr_array_remove_index (a->tags, 0);
  g_free (a->note);
  a->note = g_strdup ("The page note, rewritten.");
  gloss_sidecar_add (a, from_a);
  g_assert_true (gloss_sidecar_save (a, &error));
  /* B, from the same file: adds a tag, deletes the shared highlight, reads on. */
  g_ptr_array_add (b->tags, g_strdup ("new"));
  g_assert_true (gloss_sidecar_remove (b, shared_id));
  gloss_sidecar_add (b, from_b);
  b->progress = 0.7;
  g_assert_true (gloss_sidecar_save (b, &error));
  g_assert_no_error (error);

  disk = gloss_sidecar_load (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (disk->tags->len, ==, 2);
  g_assert_cmpstr (disk->tags->pdata[0], ==, "kept");
  g_assert_cmpstr (disk->tags->pdata[1], ==, "new");
  g_assert_cmpstr (disk->note, ==, "The page note, rewritten.");
  g_assert_cmpfloat (disk->progress, ==, 0.7);
  g_assert_null (gloss_sidecar_find (disk, shared_id));
  g_assert_nonnull (gloss_sidecar_find (disk, from_a->id));
  g_assert_nonnull (gloss_sidecar_find (disk, from_b->id));
  /* B now holds what A saved, too. */
  g_assert_nonnull (gloss_sidecar_find (b, from_a->id));

  /* Both edit the page note: both texts are kept. */
  g_free (a->note);
  a->note = g_strdup ("A's version.");
  g_assert_true (gloss_sidecar_save (a, &error));
  g_free (b->note);
  b->note = g_strdup ("B's version.");
  g_assert_true (gloss_sidecar_save (b, &error));
  g_clear_pointer (&disk, gloss_sidecar_free);
  disk = gloss_sidecar_load (f->path, &error);
  g_assert_nonnull (strstr (disk->note, "A's version."));
  g_assert_nonnull (strstr (disk->note, "B's version."));
}

static void
test_sync_conflict_copies (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *syncthing = g_build_filename (f->dir, "an-article-12345678.notes.sync-conflict-"
                                                 "20261126-101500-ABCDEFG.json", NULL);
  g_autofree char *nextcloud = g_build_filename (f->dir, "an-article-12345678.notes (conflicted copy "
                                                 "2026-11-26 101500).json", NULL);
  g_autofree char *broken = g_build_filename (f->dir, "an-article-12345678.notes.sync-conflict-"
                                              "20261126-101600-XYZ.json", NULL);
  g_autofree char *a_data = NULL;
  g_autofree char *b_data = NULL;
  g_autoptr(GlossSidecar) loaded = NULL;
  g_autoptr(GlossSidecar) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  GlossSidecar *a, *b;

  make_conflict (&a, &b, f->path);
  a_data = gloss_sidecar_to_data (a);
  b_data = gloss_sidecar_to_data (b);
  write_file (f->path, a_data);
  write_file (syncthing, b_data);
  write_file (nextcloud, a_data);
  write_file (broken, "{ not json");
  gloss_sidecar_free (a);
  gloss_sidecar_free (b);

  loaded = gloss_sidecar_load (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_library_merge_conflicts (loaded, &error), ==, 2);
  g_assert_no_error (error);
  assert_merged (loaded);
  g_assert_false (g_file_test (syncthing, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (nextcloud, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (broken, G_FILE_TEST_EXISTS));

  reloaded = gloss_sidecar_load (f->path, &error);
  g_assert_no_error (error);
  assert_merged (reloaded);
}

/* The child: add an annotation, save, acknowledge on stdout; forever. */
static int
run_saving_child (const char *path)
{
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_new (path);

  for (guint n = 1;; n++)
    {
      g_autofree char *exact = g_strdup_printf ("quote %u", n);
      g_autoptr(GError) error = NULL;

      gloss_sidecar_add (sidecar, make_annotation (exact, n % 2 ? "a note" : NULL, "yellow", n * 10));
      if (!gloss_sidecar_save (sidecar, &error))
        g_error ("%s", error->message);
      g_print ("%u\n", n);
      fflush (stdout);
    }
  return 0;
}

static guint
last_acknowledged (const char *output)
{
  g_auto(GStrv) lines = g_strsplit (output ? output : "", "\n", -1);
  guint last = 0;

  for (guint i = 0; lines[i]; i++)
    if (*lines[i])
      last = (guint) g_ascii_strtoull (lines[i], NULL, 10);
  return last;
}

static void
test_killed_while_saving (Fixture       *f,
                          gconstpointer  data)
{
  const char *self = g_getenv ("GLOSS_TEST_SELF");
  guint rounds = g_test_slow () ? 500 : 200;

  g_assert_nonnull (self);
  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) out = NULL;
      g_autoptr(GlossSidecar) sidecar = NULL;
      g_autofree char *text = NULL;
      guint acked;

      g_unlink (f->path);
      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self, "--saving-child",
                                f->path, NULL);
      g_assert_no_error (error);
      /* A kill at a random moment of the child's saving: time on purpose,
       * there is no condition to wait for. */
      g_usleep (g_random_int_range (5000, 50000));
      g_subprocess_force_exit (child);
      g_subprocess_communicate (child, NULL, NULL, &out, NULL, &error);
      g_assert_no_error (error);
      text = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
      acked = last_acknowledged (text);

      sidecar = gloss_sidecar_load (f->path, &error);
      g_assert_no_error (error);
      /* Every acknowledged annotation is there; at most one more, unacknowledged. */
      g_assert_cmpuint (sidecar->annotations->len, >=, acked);
      g_assert_cmpuint (sidecar->annotations->len, <=, acked + 1);
      for (guint n = 1; n <= acked; n++)
        {
          g_autofree char *exact = g_strdup_printf ("quote %u", n);
          g_assert_cmpstr (((GlossAnnotation *) sidecar->annotations->pdata[n - 1])->exact, ==, exact);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *self = NULL;

  if (argc == 3 && g_str_equal (argv[1], "--saving-child"))
    return run_saving_child (argv[2]);

  self = g_file_read_link ("/proc/self/exe", NULL);
  g_setenv ("GLOSS_TEST_SELF", self, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sidecar/path-for-archive", test_path_for_archive);
#define ADD(name, func) \
  g_test_add ("/sidecar/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("round-trip", test_round_trip);
  ADD ("unknown-members-kept", test_unknown_members_kept);
  ADD ("unknown-numbers-read-again", test_unknown_numbers_read_again);
  ADD ("versions-round-trip", test_versions_round_trip);
  ADD ("versions-merge", test_versions_merge);
  ADD ("corrupt-files-kept", test_corrupt_files_kept);
  ADD ("missing-file-is-empty", test_missing_file_is_empty);
  ADD ("merge", test_merge);
  ADD ("two-writers", test_two_writers);
  ADD ("sync-conflict-copies", test_sync_conflict_copies);
  ADD ("killed-while-saving", test_killed_while_saving);
#undef ADD

  return g_test_run ();
}
