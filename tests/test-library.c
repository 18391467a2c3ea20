/* test-library.c — the library folder's naming rule, its conflict copies,
 * and the signals that say what changed in it
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "gloss-library.h"
#include "gloss-test-utils.h"

static void
assert_kind (const char       *name,
             GlossLibraryFile  kind,
             const char       *id)
{
  g_autofree char *found = NULL;

  g_assert_cmpint (gloss_library_classify (name, &found), ==, kind);
  g_assert_cmpstr (found, ==, id);
}

static void
test_classify (void)
{
  assert_kind ("a-title-0123abcd.html", GLOSS_LIBRARY_FILE_ARCHIVE, "a-title-0123abcd");
  assert_kind ("a-title-0123abcd.notes.json", GLOSS_LIBRARY_FILE_SIDECAR, "a-title-0123abcd");
  assert_kind ("a-title-0123abcd.notes.sync-conflict-20261126-101500-ABCDEFG.json",
               GLOSS_LIBRARY_FILE_CONFLICT_COPY, "a-title-0123abcd");
  assert_kind ("a-title-0123abcd.notes (conflicted copy 2026-11-26 101500).json",
               GLOSS_LIBRARY_FILE_CONFLICT_COPY, "a-title-0123abcd");
  /* The earlier archives a re-clip kept: a folder of the article, not one */
  assert_kind ("a-title-0123abcd.versions", GLOSS_LIBRARY_FILE_VERSIONS, "a-title-0123abcd");
  assert_kind (".versions", GLOSS_LIBRARY_FILE_OTHER, NULL);
  /* Not articles: dot-files, a corrupt sidecar kept aside, other files, bare suffixes */
  assert_kind (".a-title-0123abcd.html", GLOSS_LIBRARY_FILE_OTHER, NULL);
  assert_kind (".gloss", GLOSS_LIBRARY_FILE_OTHER, NULL);
  assert_kind ("a-title-0123abcd.notes.corrupt-20261126-101500.json", GLOSS_LIBRARY_FILE_OTHER,
               NULL);
  assert_kind ("notes.md", GLOSS_LIBRARY_FILE_OTHER, NULL);
  assert_kind (".html", GLOSS_LIBRARY_FILE_OTHER, NULL);
  assert_kind (".notes.json", GLOSS_LIBRARY_FILE_OTHER, NULL);
  assert_kind ("sub/a.html", GLOSS_LIBRARY_FILE_OTHER, NULL);
}

static void
test_paths (void)
{
  g_autoptr(GlossLibrary) library = gloss_library_new ("/lib");
  g_autofree char *archive = gloss_library_archive_path (library, "a-title-0123abcd");
  g_autofree char *sidecar = gloss_library_sidecar_path (archive);

  g_assert_cmpstr (archive, ==, "/lib/a-title-0123abcd.html");
  g_assert_cmpstr (sidecar, ==, "/lib/a-title-0123abcd.notes.json");
}

/* The copies of one article's sidecar, and not those of an article whose id
 * starts the same way. */
static void
test_conflict_copies (void)
{
  g_autofree char *dir = gloss_test_make_temp_dir ();
  g_autoptr(GlossLibrary) library = gloss_library_new (dir);
  g_autofree char *archive = gloss_library_archive_path (library, "a-1234abcd");
  g_autofree char *sidecar = gloss_library_sidecar_path (archive);
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GPtrArray) archives = NULL;
  const char *names[] = {
    "a-1234abcd.html", "a-1234abcd.notes.json",
    "a-1234abcd.notes.sync-conflict-20261126-101500-ABCDEFG.json",
    "a-1234abcd.notes (conflicted copy 2026-11-26 101500).json",
    "a-1234abcd-b-5678ef01.notes.sync-conflict-20261126-101500-ABCDEFG.json",
    "a-1234abcd-b-5678ef01.html", ".hidden.html",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_assert_true (g_file_set_contents (path, "{}", -1, NULL));
    }
  copies = gloss_library_conflict_copies (sidecar);
  g_assert_cmpuint (copies->len, ==, 2);
  g_assert_true (g_str_has_suffix (copies->pdata[0], "a-1234abcd.notes (conflicted copy 2026-11-26 101500).json"));
  g_assert_true (g_str_has_suffix (copies->pdata[1], "a-1234abcd.notes.sync-conflict-20261126-101500-ABCDEFG.json"));
  archives = gloss_library_list_archives (library);
  g_assert_cmpuint (archives->len, ==, 2);
  gloss_test_remove_tree (dir);
}

typedef struct
{
  GPtrArray *events;
} Events;

static void
on_added (GlossLibrary *library,
          const char   *id,
          const char   *path,
          Events       *events)
{
  g_ptr_array_add (events->events, g_strconcat ("added ", id, NULL));
}

static void
on_removed (GlossLibrary *library,
            const char   *id,
            Events       *events)
{
  g_ptr_array_add (events->events, g_strconcat ("removed ", id, NULL));
}

static void
on_notes (GlossLibrary *library,
          const char   *id,
          const char   *path,
          Events       *events)
{
  g_ptr_array_add (events->events, g_strconcat ("notes ", id, NULL));
}

typedef struct
{
  Events     *events;
  const char *want;
} EventWait;

static gboolean
event_seen (gpointer data)
{
  EventWait *wait = data;

  return g_ptr_array_find_with_equal_func (wait->events->events, wait->want, g_str_equal, NULL);
}

static void
wait_event (Events     *events,
            const char *want)
{
  EventWait wait = { events, want };

  gloss_test_wait_until (event_seen, &wait, 10, want);
}

/* What another program does in the folder reaches the library's users. */
static void
test_watch (void)
{
  g_autofree char *dir = gloss_test_make_temp_dir ();
  g_autoptr(GlossLibrary) library = gloss_library_new (dir);
  g_autofree char *archive = gloss_library_archive_path (library, "a-1234abcd");
  g_autofree char *sidecar = gloss_library_sidecar_path (archive);
  g_autofree char *other = g_build_filename (dir, "notes.md", NULL);
  g_autofree char *versions = g_build_filename (dir, "a-1234abcd.versions", NULL);
  g_autofree char *version = g_build_filename (versions, "20261126T100000Z.html", NULL);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  Events events = { g_ptr_array_new_with_free_func (g_free) };

  g_signal_connect (library, "archive-added", G_CALLBACK (on_added), &events);
  g_signal_connect (library, "archive-removed", G_CALLBACK (on_removed), &events);
  g_signal_connect (library, "notes-changed", G_CALLBACK (on_notes), &events);
  g_assert_true (gloss_library_watch (library, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_set_contents (other, "# not an article", -1, NULL));
  g_assert_cmpint (g_mkdir (versions, 0755), ==, 0);
  g_assert_true (g_file_set_contents (version, "<html></html>", -1, NULL));
  g_assert_true (g_file_set_contents (archive, "<html></html>", -1, NULL));
  wait_event (&events, "added a-1234abcd");
  /* Only the archive arrived: its versions folder is not an article. */
  for (guint i = 0; i < events.events->len; i++)
    g_assert_cmpstr (events.events->pdata[i], ==, "added a-1234abcd");
  listed = gloss_library_list_archives (library);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (listed->pdata[0], ==, archive);
  g_assert_true (g_file_set_contents (sidecar, "{}", -1, NULL));
  wait_event (&events, "notes a-1234abcd");
  g_assert_cmpint (g_unlink (archive), ==, 0);
  wait_event (&events, "removed a-1234abcd");
  /* notes.md was never news */
  for (guint i = 0; i < events.events->len; i++)
    g_assert_null (strstr (events.events->pdata[i], "notes.md"));

  g_signal_handlers_disconnect_by_data (library, &events);
  g_ptr_array_unref (events.events);
  gloss_test_remove_tree (dir);
}

/* A conflict copy a sync tool drops in while the library is watched (the
 * window is open) is merged at once: its highlight joins the sidecar, the
 * copy goes, and the sidecar's own highlights stay. */
static gboolean
is_gone (gpointer path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_conflict_copy_arrives (void)
{
  g_autofree char *dir = gloss_test_make_temp_dir ();
  g_autoptr(GlossLibrary) library = gloss_library_new (dir);
  g_autofree char *archive = gloss_library_archive_path (library, "a-1234abcd");
  g_autofree char *sidecar_path = gloss_library_sidecar_path (archive);
  g_autofree char *copy = g_build_filename (dir, "a-1234abcd.notes.sync-conflict-20261201-120000-ABCDEFG.json", NULL);
  g_autoptr(GlossSidecar) ours = gloss_sidecar_new (sidecar_path);
  g_autoptr(GlossSidecar) theirs = gloss_sidecar_new (copy);
  g_autoptr(GlossSidecar) merged = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *mine = gloss_annotation_new ();
  GlossAnnotation *other = gloss_annotation_new ();
  g_autofree char *mine_id = g_strdup (mine->id);
  g_autofree char *other_id = g_strdup (other->id);
  g_autofree char *copy_data = NULL;
  g_autofree char *temporary = g_build_filename (dir, ".syncthing.tmp", NULL);

  g_assert_true (g_file_set_contents (archive, "<html><body>text</body></html>", -1, NULL));
  gloss_sidecar_add (ours, mine);
  g_assert_true (gloss_sidecar_save (ours, &error));
  g_assert_true (gloss_library_watch (library, &error));
  g_assert_no_error (error);

  gloss_sidecar_add (theirs, other);
  copy_data = gloss_sidecar_to_data (theirs);
  /* as Syncthing does: a temporary file renamed into place */
  g_assert_true (g_file_set_contents (temporary, copy_data, -1, NULL));
  g_assert_cmpint (g_rename (temporary, copy), ==, 0);
  gloss_test_wait_until (is_gone, copy, 10, "the conflict copy to be merged");
  gloss_sidecar_wait_for_saves ();

  merged = gloss_sidecar_load (sidecar_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (gloss_sidecar_find (merged, mine_id));
  g_assert_nonnull (gloss_sidecar_find (merged, other_id));
  gloss_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/library/classify", test_classify);
  g_test_add_func ("/library/paths", test_paths);
  g_test_add_func ("/library/conflict-copies", test_conflict_copies);
  g_test_add_func ("/library/watch", test_watch);
  g_test_add_func ("/library/conflict-copy-arrives", test_conflict_copy_arrives);
  return g_test_run ();
}
