/* gloss-render.c — runs gloss-render for a page that needs its scripts, and
 * clips what it printed like any fetched page
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "gloss-fetcher.h"
#include "gloss-page.h"
#include "gloss-render.h"

/* What gloss-render may print: a page under the fetched pages' cap, which
 * it keeps to, escaped as JSON (at most six bytes for one). */
#define MAX_OUTPUT_BYTES (6 * GLOSS_FETCH_DEFAULT_MAX_PAGE_BYTES + 64 * 1024)
/* Its status when the reader cancelled it in its window. */
#define RENDER_EXIT_CANCELLED 3

G_DEFINE_QUARK (gloss-render-error-quark, gloss_render_error)

void
gloss_rendered_page_free (GlossRenderedPage *page)
{
  if (page == NULL)
    return;
  g_free (page->url);
  g_free (page->title);
  g_free (page->html);
  g_free (page);
}

char *
gloss_helper_program (const char *name,
                      const char *override)
{
  const char *path = override != NULL ? g_getenv (override) : NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;
  g_autofree char *sibling = dir != NULL ? g_build_filename (dir, name, NULL) : NULL;

  if (path != NULL && *path != '\0')
    return g_strdup (path);
  if (sibling != NULL && g_file_test (sibling, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&sibling);
  return g_build_filename (LIBEXECDIR, name, NULL);
}

static gboolean
has_display (void)
{
  const char *x11 = g_getenv ("DISPLAY");
  const char *wayland = g_getenv ("WAYLAND_DISPLAY");

  return (x11 != NULL && *x11 != '\0') || (wayland != NULL && *wayland != '\0');
}

gboolean
gloss_render_can_run (void)
{
  g_autofree char *xvfb_run = g_find_program_in_path ("xvfb-run");

  return has_display () || xvfb_run != NULL;
}

/* In the child: a gloss killed mid-clip takes its page along. The thread
 * that started it waits for it to the end, so this is not early. */
static void
end_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* gloss-render's command line: offscreen, on a private display xvfb-run
 * starts for it, where there is xvfb-run; else on the reader's display,
 * where its window shows. */
static GPtrArray *
render_command (const char *url,
                guint       timeout)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  char *xvfb_run = g_find_program_in_path ("xvfb-run");

  if (xvfb_run != NULL)
    {
      g_ptr_array_add (argv, xvfb_run);
      g_ptr_array_add (argv, g_strdup ("--auto-servernum"));
      /* -terminate: the server ends with its last client, gloss-render,
       * however that ends (xvfb-run, killed, cannot stop it). */
      g_ptr_array_add (argv, g_strdup ("--server-args=-screen 0 1280x1024x24 -nolisten tcp -terminate"));
    }
  g_ptr_array_add (argv, gloss_helper_program ("gloss-render", "GLOSS_RENDER_PROGRAM"));
  g_ptr_array_add (argv, g_strdup ("--timeout"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", timeout));
  g_ptr_array_add (argv, g_strdup (url));
  g_ptr_array_add (argv, NULL);
  return argv;
}

static GSubprocessLauncher *
render_launcher (GPtrArray *argv)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                             G_SUBPROCESS_FLAGS_STDERR_PIPE);

  /* On Xvfb, GTK must not reach for the reader's Wayland display instead. */
  if (g_str_has_suffix (argv->pdata[0], "/xvfb-run"))
    {
      g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
      g_subprocess_launcher_setenv (launcher, "GDK_BACKEND", "x11", TRUE);
    }
  g_subprocess_launcher_set_child_setup (launcher, end_with_parent, NULL, NULL);
  return launcher;
}

/* gloss-render's last line on stderr says what went wrong. */
static char *
failure_reason (GBytes *err,
                int     status)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err));
  g_auto(GStrv) lines = g_strsplit (g_strchomp (text), "\n", -1);
  guint n = g_strv_length (lines);
  const char *last = n > 0 ? lines[n - 1] : "";

  if (n > 1)
    g_debug ("gloss-render said: %s", text);
  if (g_str_has_prefix (last, "gloss-render: "))
    last += strlen ("gloss-render: ");
  if (*last == '\0')
    return g_strdup_printf (_("the page renderer stopped (status %d)"), status);
  return g_strdup (last);
}

static GlossRenderedPage *
parse_output (GBytes      *out,
              const char  *url,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *object;
  GlossRenderedPage *page;

  if (g_bytes_get_size (out) > MAX_OUTPUT_BYTES
      || !json_parser_load_from_data (parser, g_bytes_get_data (out, NULL),
                                      (gssize) g_bytes_get_size (out), NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, GLOSS_RENDER_ERROR, GLOSS_RENDER_ERROR_FAILED,
                   _("the page renderer gave no page for %s"), url);
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  page = g_new0 (GlossRenderedPage, 1);
  page->url = g_strdup (json_object_get_string_member_with_default (object, "url", url));
  page->title = g_strdup (json_object_get_string_member_with_default (object, "title", ""));
  page->html = g_strdup (json_object_get_string_member_with_default (object, "html", ""));
  return page;
}

static void
render_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const char *url = task_data;
  guint timeout = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "timeout"));
  g_autoptr(GPtrArray) argv = render_command (url, timeout);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  GlossRenderedPage *page;

  launcher = render_launcher (argv);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  if (process == NULL)
    {
      g_task_return_new_error (task, GLOSS_RENDER_ERROR, GLOSS_RENDER_ERROR_FAILED,
                               _("could not start the page renderer %s: %s"),
                               (char *) argv->pdata[0], error->message);
      return;
    }
  if (!g_subprocess_communicate (process, NULL, cancellable, &out, &err, &error))
    {
      g_subprocess_force_exit (process);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_subprocess_get_if_exited (process)
      && g_subprocess_get_exit_status (process) == RENDER_EXIT_CANCELLED)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("Reading %s was cancelled in its window"), url);
      return;
    }
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      reason = failure_reason (err, g_subprocess_get_status (process));
      g_task_return_new_error (task, GLOSS_RENDER_ERROR, GLOSS_RENDER_ERROR_FAILED, "%s", reason);
      return;
    }
  page = parse_output (out, url, &error);
  if (page == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, page, (GDestroyNotify) gloss_rendered_page_free);
}

void
gloss_render_async (const char          *url,
                    guint                timeout,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (url != NULL && timeout > 0);

  g_task_set_source_tag (task, gloss_render_async);
  if (!gloss_render_can_run ())
    {
      g_task_return_new_error (task, GLOSS_RENDER_ERROR, GLOSS_RENDER_ERROR_NO_DISPLAY,
                               _("%s shows its text only with JavaScript, and its scripts run only "
                                 "on a display: clip it from a desktop session, or install xvfb "
                                 "(for xvfb-run)"),
                               url);
      return;
    }
  g_task_set_task_data (task, g_strdup (url), g_free);
  g_object_set_data (G_OBJECT (task), "timeout", GUINT_TO_POINTER (timeout));
  g_task_run_in_thread (task, render_in_thread);
}

GlossRenderedPage *
gloss_render_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  GlossFetcher          *fetcher;
  GlossLibrary          *library;
  char                  *url;
  GlossClipMode          mode;
  guint                  timeout;
  GlossClipProgressFunc  progress;
  gpointer               progress_data;
} RenderedClip;

static void
rendered_clip_free (RenderedClip *clip)
{
  g_object_unref (clip->fetcher);
  g_object_unref (clip->library);
  g_free (clip->url);
  g_free (clip);
}

static void
on_clipped (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RenderedClip *rendered = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GlossClipResult *clip = gloss_clip_finish (result, &error);

  /* Its scripts have run: there is nothing more to run. */
  if (g_error_matches (error, GLOSS_PAGE_ERROR, GLOSS_PAGE_ERROR_NEEDS_SCRIPT))
    g_task_return_new_error (task, GLOSS_PAGE_ERROR, GLOSS_PAGE_ERROR_NO_CONTENT,
                             _("%s has no article text, even once its scripts have run"),
                             rendered->url);
  else if (clip == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, clip, (GDestroyNotify) gloss_clip_result_free);
}

static void
on_rendered (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RenderedClip *clip = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossRenderedPage) page = gloss_render_finish (result, &error);

  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  gloss_clip_html_async (clip->fetcher, clip->library, page->html, page->url, page->title,
                         clip->mode, clip->progress, clip->progress_data,
                         g_task_get_cancellable (task), on_clipped, g_object_ref (task));
}

static void
render_then_clip (GTask *task)
{
  RenderedClip *clip = g_task_get_task_data (task);
  GlossClipProgress progress = { .stage = GLOSS_CLIP_STAGE_RENDERING };

  if (clip->progress != NULL && gloss_render_can_run ())
    clip->progress (&progress, clip->progress_data);
  gloss_render_async (clip->url, clip->timeout, g_task_get_cancellable (task),
                      on_rendered, g_object_ref (task));
}

static void
on_static_clipped (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GlossClipResult *clip = gloss_clip_finish (result, &error);

  if (clip != NULL)
    g_task_return_pointer (task, clip, (GDestroyNotify) gloss_clip_result_free);
  else if (g_error_matches (error, GLOSS_PAGE_ERROR, GLOSS_PAGE_ERROR_NEEDS_SCRIPT))
    render_then_clip (task);  /* without a display, that says what to do */
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
gloss_clip_rendered_async (GlossFetcher          *fetcher,
                           GlossLibrary          *library,
                           const char            *url,
                           GlossClipMode          mode,
                           GlossRenderPolicy      policy,
                           guint                  timeout,
                           GlossClipProgressFunc  progress,
                           gpointer               progress_data,
                           GCancellable          *cancellable,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  RenderedClip *clip = g_new0 (RenderedClip, 1);

  g_task_set_source_tag (task, gloss_clip_rendered_async);
  clip->fetcher = g_object_ref (fetcher);
  clip->library = g_object_ref (library);
  clip->url = g_strdup (url);
  clip->mode = mode;
  clip->timeout = timeout > 0 ? timeout : GLOSS_RENDER_DEFAULT_TIMEOUT;
  clip->progress = progress;
  clip->progress_data = progress_data;
  g_task_set_task_data (task, clip, (GDestroyNotify) rendered_clip_free);
  if (policy == GLOSS_RENDER_ALWAYS)
    render_then_clip (task);
  else
    gloss_clip_async (fetcher, library, url, mode, progress, progress_data, cancellable,
                      on_static_clipped, task);
}
