/* test-hostile.c — files from elsewhere in the library (a sync tool, another
 * program, a user's shell) and exports aimed at the wrong place: a clear
 * error, never a crash, nothing of the user's lost or overwritten
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>
#include <glib/gstdio.h>

#include <archive.h>
#include <archive_entry.h>

#include "gloss-article.h"
#include "gloss-test-utils.h"

typedef struct
{
  GlossTestServer *server;
  char            *library;
  char            *id;
  char            *archive;
  char            *sidecar;
  char            *out;
  char            *err;
  int              status;
  char            *exports;  /* a folder for export files, outside the library; NULL until used */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = gloss_test_server_new ();
  f->library = gloss_test_library_new ();
  f->id = gloss_test_library_clip (f->library, f->server, "/seed.html", GLOSS_CLIP_MODE_READER);
  f->archive = gloss_test_library_archive_path (f->library, f->id);
  f->sidecar = gloss_library_sidecar_path (f->archive);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gloss_test_server_free (f->server);
  gloss_test_library_free (f->library);
  g_free (f->id);
  g_free (f->archive);
  g_free (f->sidecar);
  g_free (f->out);
  g_free (f->err);
  if (f->exports != NULL)
    gloss_test_remove_tree (f->exports);
  g_free (f->exports);
}

static void
run_gloss_argv (Fixture           *f,
                const char *const *args)
{
  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  f->status = gloss_test_run_gloss (f->library, args, &f->out, &f->err);
}

#define run_gloss(f, ...) run_gloss_argv ((f), (const char *[]) { __VA_ARGS__, NULL })

static char *
read_file (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static char *
nested (guint levels)
{
  GString *json = g_string_new ("{ \"gloss\": 1, \"extra\": ");

  for (guint i = 0; i < levels; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < levels; i++)
    g_string_append_c (json, ']');
  g_string_append (json, " }\n");
  return g_string_free (json, FALSE);
}

/* The file moved aside, byte for byte, beside the sidecar. */
static char *
find_kept (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->library, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, ".corrupt-") != NULL)
      return g_build_filename (f->library, name, NULL);
  return NULL;
}

static void
test_deep_sidecar (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *deep = nested (100000);
  g_autofree char *vault = gloss_test_make_temp_dir ();
  g_autofree char *url = gloss_test_server_url (f->server, "/seed.html");
  g_autofree char *kept = NULL;
  g_autofree char *kept_data = NULL;
  g_autoptr(GlossSidecar) read = NULL;
  g_autoptr(GError) error = NULL;

  /* Only reading (the library list) gives the reason, and moves nothing. */
  g_assert_true (g_file_set_contents (f->sidecar, deep, -1, NULL));
  read = gloss_sidecar_read (f->sidecar, &error);
  g_assert_null (read);
  g_assert_nonnull (strstr (error->message, "nested more than"));
  g_assert_true (g_file_test (f->sidecar, G_FILE_TEST_EXISTS));

  run_gloss (f, "export", f->id);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "nested more than"));
  kept = find_kept (f);
  g_assert_nonnull (kept);
  kept_data = read_file (kept);
  g_assert_cmpstr (kept_data, ==, deep);

  /* Every command, each time such a file is dropped in again */
  g_assert_true (g_file_set_contents (f->sidecar, deep, -1, NULL));
  run_gloss (f, "annotate", f->id, "--quote", "data-first");
  g_assert_cmpint (f->status, ==, 1);
  g_assert_true (g_file_set_contents (f->sidecar, deep, -1, NULL));
  run_gloss (f, "export", "--all", "--output", vault);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "nested more than"));
  g_assert_true (g_file_set_contents (f->sidecar, deep, -1, NULL));
  run_gloss (f, "clip", url);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->err, "nested more than"));
  gloss_test_remove_tree (vault);
}

/* 5,000 levels used to come back 50 MB on rewrite; now it is refused. */
static void
test_nested_not_rewritten (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *deep = nested (5000);
  g_autofree char *kept = NULL;
  g_autofree char *kept_data = NULL;
  struct stat info;

  g_assert_true (g_file_set_contents (f->sidecar, deep, -1, NULL));
  run_gloss (f, "annotate", f->id, "--quote", "Alibaba is entering the U.S. data-first");
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "nested more than"));
  kept = find_kept (f);
  kept_data = read_file (kept);
  g_assert_cmpstr (kept_data, ==, deep);
  g_assert_true (g_stat (f->sidecar, &info) != 0 || info.st_size < 100000);
}

static void
test_nul_in_note (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  const char *with_nul = "{ \"gloss\": 1, \"note\": \"before\\u0000after, kept\" }\n";

  g_assert_true (g_file_set_contents (f->sidecar, with_nul, -1, NULL));
  run_gloss (f, "annotate", f->id, "--quote", "Alibaba is entering the U.S. data-first");
  g_assert_cmpint (f->status, ==, 0);
  sidecar = gloss_sidecar_load (f->sidecar, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sidecar->note, ==, "before\xef\xbf\xbd" "after, kept");
  g_assert_cmpuint (sidecar->annotations->len, ==, 1);
}

/* Bytes that are not UTF-8 in a string: json-glib read them and wrote them
 * back, then refused what it wrote, so the next open moved the notes aside. */
static void
test_invalid_utf8_in_note (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  const char *invalid = "{ \"gloss\": 1, \"note\": \"caf\xe9 au lait\" }\n";

  g_assert_true (g_file_set_contents (f->sidecar, invalid, -1, NULL));
  run_gloss (f, "annotate", f->id, "--quote", "Alibaba is entering the U.S. data-first");
  g_assert_cmpint (f->status, ==, 0);
  run_gloss (f, "annotate", f->id, "--quote", "the company’s answer to Amazon Web Services");
  g_assert_cmpint (f->status, ==, 0);
  sidecar = gloss_sidecar_load (f->sidecar, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sidecar->note, ==, "caf\xef\xbf\xbd au lait");
  g_assert_cmpuint (sidecar->annotations->len, ==, 2);
}

static void
test_mode_and_link_kept (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *elsewhere = gloss_test_make_temp_dir ();
  g_autofree char *target = g_build_filename (elsewhere, "my-notes.json", NULL);
  g_autofree char *link = NULL;
  g_autofree char *contents = NULL;
  struct stat info;

  /* A private sidecar stays private. */
  run_gloss (f, "annotate", f->id, "--quote", "Alibaba is entering the U.S. data-first");
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpint (g_chmod (f->sidecar, 0600), ==, 0);
  run_gloss (f, "annotate", f->id, "--quote", "the company’s answer to Amazon Web Services");
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpint (g_stat (f->sidecar, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  /* A sidecar that is a link to the user's own file: the link stays, the
   * file gets the edits. */
  g_assert_cmpint (g_rename (f->sidecar, target), ==, 0);
  g_assert_cmpint (symlink (target, f->sidecar), ==, 0);
  run_gloss (f, "annotate", f->id, "--quote", "it’s an open question whether the company can win");
  g_assert_cmpint (f->status, ==, 0);
  link = g_file_read_link (f->sidecar, NULL);
  g_assert_cmpstr (link, ==, target);
  contents = read_file (target);
  g_assert_nonnull (strstr (contents, "it’s an open question"));
  g_assert_nonnull (strstr (contents, "Amazon Web Services"));
  gloss_test_remove_tree (elsewhere);
}

/* What writers killed mid-write left is swept when the library is opened;
 * the file of a writer still at work is not. */
static void
test_temporary_files_swept (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *dead = g_strdup_printf ("%s/.%s.html.gloss-tmp-AB12CD", f->library, f->id);
  g_autofree char *live = g_strdup_printf ("%s/.%s.notes.json.gloss-tmp-EF34GH", f->library, f->id);
  g_autofree char *legacy = g_strdup_printf ("%s/%s.notes.json.DPZDZ3", f->library, f->id);
  g_autofree char *recent = g_strdup_printf ("%s/%s.html.QRS789", f->library, f->id);
  int fd;

  g_assert_true (g_file_set_contents (dead, "half an archive", -1, NULL));
  g_assert_true (g_file_set_contents (legacy, "{ half", -1, NULL));
  g_assert_true (g_file_set_contents (recent, "<html>", -1, NULL));
  /* killed a minute ago, and two hours ago */
  g_assert_cmpint (g_utime (dead, &(struct utimbuf) { 0, time (NULL) - 60 }), ==, 0);
  g_assert_cmpint (g_utime (legacy, &(struct utimbuf) { 0, time (NULL) - 2 * 60 * 60 }), ==, 0);
  fd = g_open (live, O_RDWR | O_CREAT, 0644);
  g_assert_cmpint (g_utime (live, &(struct utimbuf) { 0, time (NULL) - 60 }), ==, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  run_gloss (f, "export", f->id);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_false (g_file_test (dead, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (legacy, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_EXISTS));
  /* an older Gloss's, too new to be taken for dead */
  g_assert_true (g_file_test (recent, G_FILE_TEST_EXISTS));
  close (fd);
}

static void
test_export_never_overwrites (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *home = gloss_test_make_temp_dir ();
  g_autofree char *essay = g_build_filename (home, "essay.md", NULL);
  g_autofree char *notes = g_build_filename (home, "notes.md", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *essay_after = NULL;

  run_gloss (f, "annotate", f->id, "--quote", "Alibaba is entering the U.S. data-first");
  g_assert_cmpint (f->status, ==, 0);
  before = read_file (f->sidecar);

  /* The article's own files */
  run_gloss (f, "export", f->id, "--output", f->sidecar);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "inside the library"));
  run_gloss (f, "export", f->id, "--output", f->archive, "--force");
  g_assert_cmpint (f->status, ==, 1);
  after = read_file (f->sidecar);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);
  after = read_file (f->archive);
  g_assert_true (g_str_has_prefix (after, "<!DOCTYPE html>"));

  /* A file of the user's */
  g_assert_true (g_file_set_contents (essay, "# My essay\n\nTwo years of work.\n", -1, NULL));
  run_gloss (f, "export", f->id, "--output", essay);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, essay));
  g_assert_nonnull (strstr (f->err, "--force"));
  essay_after = read_file (essay);
  g_assert_cmpstr (essay_after, ==, "# My essay\n\nTwo years of work.\n");

  /* A previous export is replaced; --force replaces anything outside the library. */
  run_gloss (f, "export", f->id, "--output", notes);
  g_assert_cmpint (f->status, ==, 0);
  run_gloss (f, "export", f->id, "--output", notes);
  g_assert_cmpint (f->status, ==, 0);
  run_gloss (f, "export", f->id, "--format", "json", "--output", notes);
  g_assert_cmpint (f->status, ==, 0);
  run_gloss (f, "export", f->id, "--output", notes);
  g_assert_cmpint (f->status, ==, 0);
  run_gloss (f, "export", f->id, "--output", essay, "--force");
  g_assert_cmpint (f->status, ==, 0);
  g_clear_pointer (&essay_after, g_free);
  essay_after = read_file (essay);
  g_assert_nonnull (strstr (essay_after, "data-first"));
  gloss_test_remove_tree (home);
}

static void
test_export_all_without_library (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *home = gloss_test_make_temp_dir ();
  g_autofree char *missing = g_build_filename (home, "no-library", NULL);
  g_autofree char *file = g_build_filename (home, "a-file", NULL);
  g_autofree char *vault = g_build_filename (home, "vault", NULL);

  run_gloss (f, "export", "--all", "--library", missing, "--output", vault);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, missing));
  g_assert_nonnull (strstr (f->err, "does not exist"));
  g_assert_true (g_file_set_contents (file, "x", -1, NULL));
  run_gloss (f, "export", "--all", "--library", file, "--output", vault);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "not a folder"));
  gloss_test_remove_tree (home);
}

static void
test_long_quote_cut (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GString) quote = g_string_new (NULL);

  while (quote->len < 120 * 1024)
    g_string_append (quote, "words nobody wrote ");
  run_gloss (f, "annotate", f->id, "--quote", quote->str);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "is not in the article"));
  g_assert_cmpuint (strlen (f->err), <, 400);
}

/* A full disk: the error names the article and says so, and the notes on
 * disk are as they were. Needs a tmpfs of its own, so root. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *small = gloss_test_make_temp_dir ();
  g_autofree char *archive = g_build_filename (small, "an-article-12345678.html", NULL);
  g_autofree char *filler = g_build_filename (small, "filler", NULL);
  g_autofree char *html = read_file (f->archive);
  g_autofree char *big = g_strnfill (60 * 1024, 'x');
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  if (mount ("tmpfs", small, "tmpfs", 0, "size=256k") != 0)
    {
      g_test_skip ("cannot mount a small tmpfs here (not root)");
      return;
    }
  g_assert_true (g_file_set_contents (archive, html, -1, NULL));
  article = gloss_library_open_article (archive, &error);
  g_assert_no_error (error);
  /* fill what is left */
  g_file_set_contents (filler, "", -1, NULL);
  for (guint i = 0; i < 64; i++)
    {
      g_autofree char *more = g_strdup_printf ("%s%u", filler, i);
      if (!g_file_set_contents (more, big, -1, NULL))
        break;
    }
  g_free (article->sidecar->note);
  article->sidecar->note = g_strnfill (100 * 1024, 'n');
  g_assert_false (gloss_sidecar_save (article->sidecar, &error));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "an-article-12345678"));
  g_assert_nonnull (strstr (error->message, "the disk is full"));
  g_assert_null (strstr (error->message, "gloss-tmp"));
  umount (small);
  gloss_test_remove_tree (small);
}

/* Imports */

static char *
export_path (Fixture    *f,
             const char *name)
{
  if (f->exports == NULL)
    f->exports = gloss_test_make_temp_dir ();
  return g_build_filename (f->exports, name, NULL);
}

/* 100,000 levels of JSON as an export: refused with the file's name, the
 * library untouched. */
static void
test_import_deep_json (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = export_path (f, "wallabag.json");
  GString *json = g_string_new (NULL);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, '[');
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));
  g_string_free (json, TRUE);
  run_gloss (f, "import", path);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "wallabag.json"));
  g_assert_nonnull (strstr (f->err, "not valid JSON"));
  g_assert_cmpuint (gloss_test_library_count_archives (f->library), ==, 1);
}

/* A zip whose part climbs out of it ("../"): refused, nothing written. */
static void
test_import_zip_escapes (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = export_path (f, "pocket.zip");
  struct archive *zip = archive_write_new ();
  struct archive_entry *entry = archive_entry_new ();
  const char *csv = "title,url,time_added,tags,status\nA,https://example.com/a,1,,unread\n";

  archive_write_set_format_zip (zip);
  g_assert_cmpint (archive_write_open_filename (zip, path), ==, ARCHIVE_OK);
  archive_entry_set_pathname (entry, "../../part_000000.csv");
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, strlen (csv));
  archive_write_header (zip, entry);
  archive_write_data (zip, csv, strlen (csv));
  archive_entry_free (entry);
  archive_write_close (zip);
  archive_write_free (zip);
  run_gloss (f, "import", path);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "pocket.zip"));
  g_assert_nonnull (strstr (f->err, "outside of the zip"));
  g_assert_cmpuint (gloss_test_library_count_archives (f->library), ==, 1);
}

/* A zip that unpacks far past its size (a 66 MB part of zeros, 64 KB
 * packed): refused before it fills the memory. */
static void
test_import_zip_bomb (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = export_path (f, "omnivore.zip");
  g_autofree char *zeros = g_malloc0 (1024 * 1024);
  struct archive *zip = archive_write_new ();
  struct archive_entry *entry = archive_entry_new ();

  archive_write_set_format_zip (zip);
  g_assert_cmpint (archive_write_open_filename (zip, path), ==, ARCHIVE_OK);
  archive_entry_set_pathname (entry, "metadata_0_to_1.json");
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, 66 * 1024 * 1024);
  archive_write_header (zip, entry);
  for (guint i = 0; i < 66; i++)
    archive_write_data (zip, zeros, 1024 * 1024);
  archive_entry_free (entry);
  archive_write_close (zip);
  archive_write_free (zip);
  run_gloss (f, "import", path);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "omnivore.zip"));
  g_assert_nonnull (strstr (f->err, "unpacks to more than any export holds"));
  g_assert_cmpuint (gloss_test_library_count_archives (f->library), ==, 1);
}

/* What is in the queue folder and is no queue item (garbage, 100,000
 * levels, a link to a system file, a pipe that would block whoever reads
 * it) is left alone; the rest is clipped. */
static void
test_import_hostile_queue (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *queue = g_build_filename (f->library, ".gloss", "queue", NULL);
  g_autofree char *garbage = g_build_filename (queue, "0000garbage.json", NULL);
  g_autofree char *deep = g_build_filename (queue, "0001deep.json", NULL);
  g_autofree char *link = g_build_filename (queue, "0002link.json", NULL);
  g_autofree char *fifo = g_build_filename (queue, "0003fifo.json", NULL);
  g_autofree char *good = g_build_filename (queue, "0004good.json", NULL);
  g_autofree char *url = gloss_test_server_url (f->server, "/seed.html?from=queue");
  g_autofree char *item = g_strdup_printf ("{\"url\": \"%s\", \"tags\": [\"queued\"]}", url);
  g_autofree char *levels = nested (100000);

  g_assert_cmpint (g_mkdir_with_parents (queue, 0755), ==, 0);
  g_assert_true (g_file_set_contents (garbage, "\xff\xfe not json", -1, NULL));
  g_assert_true (g_file_set_contents (deep, levels, -1, NULL));
  g_assert_cmpint (symlink ("/etc/passwd", link), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_true (g_file_set_contents (good, item, -1, NULL));
  run_gloss (f, "import");
  g_assert_cmpint (f->status, ==, 0);
  g_assert_true (g_file_test (garbage, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (deep, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_false (g_file_test (good, G_FILE_TEST_EXISTS));
  {
    g_autofree char *passwd = read_file ("/etc/passwd");
    g_assert_nonnull (strstr (passwd, "root"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/hostile/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("deep-sidecar", test_deep_sidecar);
  ADD ("nested-not-rewritten", test_nested_not_rewritten);
  ADD ("nul-in-note", test_nul_in_note);
  ADD ("invalid-utf8-in-note", test_invalid_utf8_in_note);
  ADD ("mode-and-link-kept", test_mode_and_link_kept);
  ADD ("temporary-files-swept", test_temporary_files_swept);
  ADD ("export-never-overwrites", test_export_never_overwrites);
  ADD ("export-all-without-library", test_export_all_without_library);
  ADD ("long-quote-cut", test_long_quote_cut);
  ADD ("disk-full", test_disk_full);
  ADD ("import-deep-json", test_import_deep_json);
  ADD ("import-zip-escapes", test_import_zip_escapes);
  ADD ("import-hostile-queue", test_import_hostile_queue);
  ADD ("import-zip-bomb", test_import_zip_bomb);

  return g_test_run ();
}
