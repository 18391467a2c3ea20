/* test-writers.c — several programs changing one article's notes at once:
 * `gloss annotate` processes side by side, a re-clip among them, a sync
 * tool's conflict copy, a writer that can not get the lock
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "gloss-anchor.h"
#include "gloss-article.h"
#include "gloss-test-utils.h"

typedef struct
{
  GlossTestServer *server;
  char            *library;
  char            *id;
  char            *sidecar;
  GPtrArray       *quotes;       /* unique passages of the article */
  GPtrArray       *acknowledged; /* ids printed by annotate processes that exited 0 */
  guint            running;
} Fixture;

/* Six words at a time, every ten words, where they occur only once. */
static GPtrArray *
unique_quotes (const char *text)
{
  g_auto(GStrv) words = g_regex_split_simple ("\\s+", text, 0, 0);
  GPtrArray *quotes = g_ptr_array_new_with_free_func (g_free);
  guint n = g_strv_length (words);

  for (guint i = 0; i + 6 < n; i += 10)
    {
      g_autofree char *quote = g_strjoinv (" ", (GStrv) (const char *[]) {
                                             words[i], words[i + 1], words[i + 2], words[i + 3],
                                             words[i + 4], words[i + 5], NULL });
      gint64 start, end;

      if (strlen (quote) > 20 && gloss_anchor_find_quote (text, quote, &start, &end) == 1)
        g_ptr_array_add (quotes, g_steal_pointer (&quote));
    }
  return quotes;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *archive = NULL;

  f->server = gloss_test_server_new ();
  f->library = gloss_test_library_new ();
  f->id = gloss_test_library_clip (f->library, f->server, "/seed.html", GLOSS_CLIP_MODE_READER);
  archive = gloss_test_library_archive_path (f->library, f->id);
  f->sidecar = gloss_library_sidecar_path (archive);
  article = gloss_library_open_article (archive, &error);
  g_assert_no_error (error);
  f->quotes = unique_quotes (article->text);
  g_assert_cmpuint (f->quotes->len, >=, 30);
  f->acknowledged = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gloss_test_server_free (f->server);
  gloss_test_library_free (f->library);
  g_free (f->id);
  g_free (f->sidecar);
  g_ptr_array_unref (f->quotes);
  g_ptr_array_unref (f->acknowledged);
}

/* Processes, several at a time */

typedef struct
{
  Fixture   *f;
  GPtrArray *commands;  /* GStrv each, run one after the other */
  guint      next;
} Worker;

static void run_next (Worker *worker);

static void
on_process_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Worker *worker = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *command = ((char **) worker->commands->pdata[worker->next - 1])[1];

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &out, &err, &error);
  g_assert_no_error (error);
  /* Only what was acknowledged counts; a refusal must say why. */
  if (g_subprocess_get_exit_status (G_SUBPROCESS (source)) == 0 && g_str_equal (command, "annotate"))
    g_ptr_array_add (worker->f->acknowledged, g_strdup (g_strstrip (out)));
  else if (g_subprocess_get_exit_status (G_SUBPROCESS (source)) != 0)
    g_test_message ("gloss %s: %s", command, err);
  g_object_unref (source);
  run_next (worker);
}

static void
run_next (Worker *worker)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  if (worker->next == worker->commands->len)
    {
      worker->f->running--;
      return;
    }
  launcher = gloss_test_gloss_launcher (worker->f->library);
  process = g_subprocess_launcher_spawnv (launcher,
                                          worker->commands->pdata[worker->next++], &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_process_done, worker);
}

static gboolean
all_done (gpointer data)
{
  return ((Fixture *) data)->running == 0;
}

/* Runs @workers (GPtrArray of commands each) side by side, to the end. */
static void
run_workers (Fixture   *f,
             GPtrArray *workers)
{
  g_autofree Worker *state = g_new0 (Worker, workers->len);

  f->running = workers->len;
  for (guint i = 0; i < workers->len; i++)
    {
      state[i].f = f;
      state[i].commands = workers->pdata[i];
      run_next (&state[i]);
    }
  gloss_test_wait_until (all_done, f, 300, "the gloss processes");
}

static GStrv
annotate_command (Fixture    *f,
                  const char *quote)
{
  return g_strdupv ((char *[]) { (char *) g_getenv ("GLOSS_BINARY"), "annotate", f->id,
                                 "--quote", (char *) quote, NULL });
}

static GStrv
reclip_command (Fixture *f)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/seed.html");

  return g_strdupv ((char *[]) { (char *) g_getenv ("GLOSS_BINARY"), "clip", url, NULL });
}

static GPtrArray *
new_worker (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

/* Every acknowledged highlight is in the sidecar on disk, once. */
static void
assert_nothing_lost (Fixture *f,
                     guint    expected)
{
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  guint lost = 0;

  sidecar = gloss_sidecar_load (f->sidecar, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < f->acknowledged->len; i++)
    if (gloss_sidecar_find (sidecar, f->acknowledged->pdata[i]) == NULL)
      lost++;
  g_test_message ("%u acknowledged, %u lost", f->acknowledged->len, lost);
  g_assert_cmpuint (lost, ==, 0);
  g_assert_cmpuint (f->acknowledged->len, ==, expected);
}

static void
test_concurrent_annotates (Fixture       *f,
                           gconstpointer  data)
{
  /* Four writers at once, each adding its highlights one after the other. */
  const guint writers = 4, each = g_test_slow () ? 20 : 10;
  g_autoptr(GPtrArray) workers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  g_assert_cmpuint (f->quotes->len, >=, writers * each);
  for (guint w = 0; w < writers; w++)
    {
      GPtrArray *worker = new_worker ();

      for (guint i = 0; i < each; i++)
        g_ptr_array_add (worker, annotate_command (f, f->quotes->pdata[w * each + i]));
      g_ptr_array_add (workers, worker);
    }
  run_workers (f, workers);
  assert_nothing_lost (f, writers * each);
}

static void
test_reclip_while_annotating (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) workers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *clips = new_worker ();

  for (guint w = 0; w < 2; w++)
    {
      GPtrArray *worker = new_worker ();

      for (guint i = 0; i < 6; i++)
        g_ptr_array_add (worker, annotate_command (f, f->quotes->pdata[w * 6 + i]));
      g_ptr_array_add (workers, worker);
    }
  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (clips, reclip_command (f));
  g_ptr_array_add (workers, clips);
  run_workers (f, workers);
  assert_nothing_lost (f, 12);
}

/* A sync tool's conflict copy holding a highlight of its own, merged by the
 * first writer that opens the article while others write. */
static void
test_conflict_copy_while_annotating (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GPtrArray) workers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GlossSidecar) theirs = gloss_sidecar_new (f->sidecar);
  g_autoptr(GlossSidecar) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *copy_data = NULL;
  GlossAnnotation *annotation = gloss_annotation_new ();
  g_autofree char *their_id = g_strdup (annotation->id);

  annotation->exact = g_strdup (f->quotes->pdata[f->quotes->len - 1]);
  gloss_sidecar_add (theirs, annotation);
  copy = g_strdup_printf ("%s/%s.notes.sync-conflict-20261201-101600-ABCDEFG.json", f->library, f->id);
  copy_data = gloss_sidecar_to_data (theirs);
  g_assert_true (g_file_set_contents (copy, copy_data, -1, NULL));
  for (guint w = 0; w < 3; w++)
    {
      GPtrArray *worker = new_worker ();

      for (guint i = 0; i < 4; i++)
        g_ptr_array_add (worker, annotate_command (f, f->quotes->pdata[w * 4 + i]));
      g_ptr_array_add (workers, worker);
    }
  run_workers (f, workers);
  assert_nothing_lost (f, 12);
  after = gloss_sidecar_load (f->sidecar, &error);
  g_assert_no_error (error);
  g_assert_nonnull (gloss_sidecar_find (after, their_id));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
}

/* Another program holds the article's lock: the writer waits, then says so
 * and writes nothing; once the lock is free its change goes through. */
static void
test_lock_held_elsewhere (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *lock = g_strdup_printf ("%s/.gloss/locks/%s.notes.json.lock", f->library, f->id);
  g_autofree char *locks = g_path_get_dirname (lock);
  g_autofree char *archive = gloss_test_library_archive_path (f->library, f->id);
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GlossAnnotation *annotation;
  int fd;

  g_assert_cmpint (g_mkdir_with_parents (locks, 0755), ==, 0);
  fd = g_open (lock, O_RDWR | O_CREAT, 0644);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);
  g_setenv ("GLOSS_LOCK_TIMEOUT_MS", "300", TRUE);
  article = gloss_library_open_article (archive, &error);
  g_assert_no_error (error);
  annotation = gloss_annotation_new ();
  annotation->exact = g_strdup (f->quotes->pdata[0]);
  gloss_sidecar_add (article->sidecar, annotation);
  g_file_get_contents (f->sidecar, &before, NULL, NULL);
  g_assert_false (gloss_sidecar_save (article->sidecar, &error));
  g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, f->id));
  g_assert_nonnull (strstr (error->message, "another program"));
  g_clear_error (&error);
  g_file_get_contents (f->sidecar, &after, NULL, NULL);
  g_assert_cmpstr (before, ==, after);

  /* The change was kept in memory: the next save lands it. */
  close (fd);
  g_assert_true (gloss_sidecar_save (article->sidecar, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  g_file_get_contents (f->sidecar, &after, NULL, NULL);
  g_assert_nonnull (strstr (after, annotation->id));
  g_unsetenv ("GLOSS_LOCK_TIMEOUT_MS");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/writers/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("concurrent-annotates", test_concurrent_annotates);
  ADD ("reclip-while-annotating", test_reclip_while_annotating);
  ADD ("conflict-copy-while-annotating", test_conflict_copy_while_annotating);
  ADD ("lock-held-elsewhere", test_lock_held_elsewhere);

  return g_test_run ();
}
