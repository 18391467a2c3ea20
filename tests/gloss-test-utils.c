/* gloss-test-utils.c — what every test program shares
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>

#include <string.h>
#include <glib/gstdio.h>

#include "gloss-test-utils.h"

/* Waiting */

static gboolean
on_wait_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
on_wait_tick (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
gloss_test_wait_until (GlossTestPredicate  predicate,
                       gpointer            data,
                       guint               seconds,
                       const char         *what)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (seconds, on_wait_timeout, &timed_out);
  /* Wakes the loop up now and then so a predicate on plain state is seen. */
  guint tick_id = g_timeout_add (20, on_wait_tick, NULL);

  while (!predicate (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick_id);
  if (timed_out)
    g_error ("Timed out after %u s waiting for %s", seconds, what);
  g_source_remove (timeout_id);
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

void
gloss_test_wait (gboolean   *flag,
                 guint       seconds,
                 const char *what)
{
  gloss_test_wait_until (flag_is_set, flag, seconds, what);
}

static gboolean
is_last_ref (gpointer object)
{
  return g_atomic_int_get (&G_OBJECT (object)->ref_count) == 1;
}

void
gloss_test_wait_last_ref (gpointer    object,
                          const char *what)
{
  g_assert_true (G_IS_OBJECT (object));
  gloss_test_wait_until (is_last_ref, object, 10, what);
}

static gboolean
second_has_passed (gpointer data)
{
  return g_get_real_time () / G_USEC_PER_SEC > *(gint64 *) data;
}

void
gloss_test_wait_next_second (void)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  gloss_test_wait_until (second_has_passed, &now, 5, "the clock to pass into the next second");
}

void
gloss_test_run_for (guint ms)
{
  gboolean elapsed = FALSE;

  g_timeout_add (ms, on_wait_timeout, &elapsed);
  gloss_test_wait (&elapsed, ms / 1000 + 5, "a pause");
}

/* Test data */

char *
gloss_test_site_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "site", name, NULL);
}

char *
gloss_test_read_site_file (const char *name,
                           gsize      *length)
{
  return gloss_test_read_data_file ("site", name, length);
}

char *
gloss_test_read_data_file (const char *folder,
                           const char *name,
                           gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", folder, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

char *
gloss_test_make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("gloss-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
gloss_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        gloss_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Anchoring vectors */

JsonParser *
gloss_test_load_anchoring_vectors (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "anchoring.json", NULL);
  g_autoptr(GError) error = NULL;
  JsonParser *vectors = json_parser_new ();
  JsonObject *root;

  if (!json_parser_load_from_file (vectors, path, &error))
    g_error ("Cannot read %s: %s", path, error->message);
  root = json_node_get_object (json_parser_get_root (vectors));
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  return vectors;
}

JsonArray *
gloss_test_anchoring_cases (JsonParser *vectors)
{
  return json_object_get_array_member (json_node_get_object (json_parser_get_root (vectors)),
                                       "cases");
}

void
gloss_test_add_anchoring_tests (JsonParser    *vectors,
                                const char    *prefix,
                                GTestDataFunc  test)
{
  JsonArray *cases = gloss_test_anchoring_cases (vectors);

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *vector = json_array_get_object_element (cases, i);
      g_autofree char *name = g_strdup_printf ("%s/%s", prefix,
                                               json_object_get_string_member (vector, "name"));

      g_test_add_data_func (name, vector, test);
    }
}

void
gloss_test_find_unique (const char *text,
                        const char *needle,
                        gint64     *start,
                        gint64     *end)
{
  const char *hit = strstr (text, needle);

  g_assert_nonnull (hit);
  g_assert_null (strstr (hit + 1, needle));
  *start = g_utf8_pointer_to_offset (text, hit);
  *end = *start + g_utf8_strlen (needle, -1);
}

/* Fixture libraries */

char *
gloss_test_library_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("gloss-library-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

char *
gloss_test_library_add (const char *library,
                        const char *name,
                        const char *contents)
{
  char *path = g_build_filename (library, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

typedef struct
{
  gboolean         done;
  GlossClipResult *clip;
  GError          *error;
} ClipWait;

static void
on_clipped (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ClipWait *wait = user_data;

  wait->clip = gloss_clip_finish (result, &wait->error);
  wait->done = TRUE;
}

GlossClipResult *
gloss_test_clip (GlossFetcher   *fetcher,
                 GlossLibrary   *library,
                 const char     *url,
                 GlossClipMode   mode,
                 GError        **error)
{
  ClipWait wait = { 0 };

  gloss_clip_async (fetcher, library, url, mode, NULL, NULL, NULL, on_clipped, &wait);
  gloss_test_wait (&wait.done, 60, url);
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.clip;
}

char *
gloss_test_library_clip (const char      *library,
                         GlossTestServer *server,
                         const char      *path,
                         GlossClipMode    mode)
{
  g_autoptr(GlossFetcher) fetcher = gloss_fetcher_new ();
  g_autofree char *url = gloss_test_server_url (server, path);
  g_autoptr(GlossLibrary) folder = gloss_library_new (library);
  g_autoptr(GlossClipResult) clip = NULL;
  g_autoptr(GError) error = NULL;
  char *id;

  clip = gloss_test_clip (fetcher, folder, url, mode, &error);
  g_assert_no_error (error);
  id = g_strdup (clip->id);
  return id;
}

char *
gloss_test_library_archive_path (const char *library,
                                 const char *id)
{
  g_autoptr(GlossLibrary) folder = gloss_library_new (library);

  return gloss_library_archive_path (folder, id);
}

GlossAnnotation *
gloss_test_find_by_exact (GlossSidecar *sidecar,
                          const char   *exact)
{
  for (guint i = 0; i < sidecar->annotations->len; i++)
    {
      GlossAnnotation *annotation = sidecar->annotations->pdata[i];

      if (g_strcmp0 (annotation->exact, exact) == 0)
        return annotation;
    }
  return NULL;
}

guint
gloss_test_library_count_archives (const char *library)
{
  g_autoptr(GDir) dir = g_dir_open (library, 0, NULL);
  const char *name;
  guint count = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    count += g_str_has_suffix (name, ".html");
  return count;
}

void
gloss_test_library_free (char *library)
{
  if (library == NULL)
    return;
  gloss_test_remove_tree (library);
  g_free (library);
}

#ifdef GLOSS_TEST_WITH_WEBKIT

/* A web view */

static void
on_load_changed (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 gpointer         user_data)
{
  if (event == WEBKIT_LOAD_FINISHED)
    *(gboolean *) user_data = TRUE;
}

void
gloss_test_wait_load_finished (WebKitWebView *view,
                               const char    *what)
{
  gboolean finished = FALSE;
  gulong id = g_signal_connect (view, "load-changed", G_CALLBACK (on_load_changed), &finished);

  gloss_test_wait (&finished, 60, what);
  g_signal_handler_disconnect (view, id);
}

typedef struct
{
  gboolean  done;
  JSCValue *value;
  GError   *error;
} Evaluation;

static void
on_evaluated (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Evaluation *evaluation = user_data;

  evaluation->value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source),
                                                                  result, &evaluation->error);
  evaluation->done = TRUE;
}

static void
on_called (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Evaluation *evaluation = user_data;

  evaluation->value = webkit_web_view_call_async_javascript_function_finish (
                        WEBKIT_WEB_VIEW (source), result, &evaluation->error);
  evaluation->done = TRUE;
}

/* Runs @script (as a function body with @args when @as_function) until it
 * gives a value or really fails. */
static JSCValue *
run_script (WebKitWebView  *view,
            const char     *world,
            const char     *script,
            gboolean        as_function,
            GVariant       *args,
            GError        **error)
{
  Evaluation evaluation = { 0 };

  /* Seen about once in 60 loads, right after a load: WebKit answers
   * "Unsupported result type" for a plain value. Asking again gets it; a
   * script that really returns something unserialisable fails every time. */
  for (guint attempt = 0; attempt < 5; attempt++)
    {
      if (attempt > 0)
        {
          g_test_message ("Retrying after: %s", evaluation.error->message);
          g_clear_error (&evaluation.error);
          g_clear_object (&evaluation.value);
          evaluation.done = FALSE;
        }
      if (as_function)
        webkit_web_view_call_async_javascript_function (view, script, -1, args, world, NULL, NULL,
                                                        on_called, &evaluation);
      else
        webkit_web_view_evaluate_javascript (view, script, -1, world, NULL, NULL, on_evaluated,
                                             &evaluation);
      gloss_test_wait (&evaluation.done, 30, script);
      if (!g_error_matches (evaluation.error, WEBKIT_JAVASCRIPT_ERROR,
                            WEBKIT_JAVASCRIPT_ERROR_INVALID_RESULT))
        break;
    }
  if (evaluation.error != NULL)
    g_propagate_error (error, evaluation.error);
  return evaluation.value;
}

JSCValue *
gloss_test_evaluate (WebKitWebView  *view,
                     const char     *world,
                     const char     *script,
                     GError        **error)
{
  return run_script (view, world, script, FALSE, NULL, error);
}

char *
gloss_test_evaluate_string (WebKitWebView *view,
                            const char    *world,
                            const char    *script)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = gloss_test_evaluate (view, world, script, &error);

  g_assert_no_error (error);
  return jsc_value_to_string (value);
}

JSCValue *
gloss_test_call (WebKitWebView  *view,
                 const char     *world,
                 const char     *body,
                 GVariant       *args,
                 GError        **error)
{
  g_autoptr(GVariant) owned_args = args != NULL ? g_variant_ref_sink (args) : NULL;

  return run_script (view, world, body, TRUE, owned_args, error);
}

char *
gloss_test_call_string (WebKitWebView *view,
                        const char    *world,
                        const char    *body,
                        GVariant      *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = gloss_test_call (view, world, body, args, &error);

  g_assert_no_error (error);
  return jsc_value_to_string (value);
}

JsonNode *
gloss_test_value_to_json (JSCValue *value)
{
  g_autofree char *json = jsc_value_to_json (value, 0);
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (json == NULL)
    return NULL;
  node = json_from_string (json, &error);
  g_assert_no_error (error);
  return node;
}

#endif

/* The gloss command */

GSubprocessLauncher *
gloss_test_gloss_launcher (const char *library)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                             G_SUBPROCESS_FLAGS_STDERR_PIPE);

  /* Subcommands must work with no display at all. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "GLOSS_LIBRARY", library, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  return launcher;
}

typedef struct
{
  char     *out;
  char     *err;
  int       status;
  gboolean  done;
} GlossRun;

static void
on_gloss_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GlossRun *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  /* A crash is not an exit status. */
  g_assert_true (g_subprocess_get_if_exited (G_SUBPROCESS (source)));
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
  run->done = TRUE;
}

int
gloss_test_run_gloss (const char         *library,
                      const char * const *args,
                      char              **out,
                      char              **err)
{
  g_autoptr(GSubprocessLauncher) launcher = gloss_test_gloss_launcher (library);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  GlossRun run = { 0 };

  g_ptr_array_add (argv, (gpointer) g_getenv ("GLOSS_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_gloss_done, &run);
  gloss_test_wait (&run.done, 90, "the gloss command");
  if (out != NULL)
    *out = g_steal_pointer (&run.out);
  if (err != NULL)
    *err = g_steal_pointer (&run.err);
  g_free (run.out);
  g_free (run.err);
  return run.status;
}

/* Zips */

static void
zip_add_file (struct archive *zip,
              const char     *name,
              const char     *contents,
              gsize           length)
{
  struct archive_entry *entry = archive_entry_new ();

  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, length);
  g_assert_cmpint (archive_write_header (zip, entry), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_data (zip, contents, length), ==, (la_ssize_t) length);
  archive_entry_free (entry);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
zip_add_folder (struct archive *zip,
                const char     *folder,
                const char     *prefix)
{
  g_autoptr(GDir) listing = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, names->pdata[i], NULL);
      g_autofree char *inner = *prefix ? g_strconcat (prefix, "/", names->pdata[i], NULL)
                                       : g_strdup (names->pdata[i]);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          zip_add_folder (zip, path, inner);
          continue;
        }
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      zip_add_file (zip, inner, contents, length);
    }
}

void
gloss_test_zip_folder (const char *folder,
                       const char *zip_path)
{
  struct archive *zip = archive_write_new ();

  archive_write_set_format_zip (zip);
  g_assert_cmpint (archive_write_open_filename (zip, zip_path), ==, ARCHIVE_OK);
  zip_add_folder (zip, folder, "");
  g_assert_cmpint (archive_write_close (zip), ==, ARCHIVE_OK);
  archive_write_free (zip);
}
