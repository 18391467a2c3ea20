/* test-render.c — `gloss clip` of pages whose text their scripts write:
 * gloss-render runs them (on the Xvfb display the tests run under)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "gloss-test-utils.h"

typedef struct
{
  GlossTestServer *server;
  char            *library;
  char            *out;
  char            *err;
  int              status;
  char            *archive;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = gloss_test_server_new ();
  f->library = gloss_test_library_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gloss_test_server_free (f->server);
  gloss_test_library_free (f->library);
  g_free (f->out);
  g_free (f->err);
  g_free (f->archive);
}

typedef struct
{
  Fixture  *f;
  gboolean  done;
} Run;

static void
on_gloss_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->f->out,
                                        &run->f->err, &error);
  g_assert_no_error (error);
  run->f->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
  run->done = TRUE;
}

/* Runs gloss with @args, on the display the test has (if any: test_errors
 * takes it away); on success reads the archive it printed. */
static void
run_gloss (Fixture    *f,
           const char *first,
           ...)
{
  g_autoptr(GSubprocessLauncher) launcher = gloss_test_gloss_launcher (f->library);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { f, FALSE };
  va_list list;

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  g_clear_pointer (&f->archive, g_free);
  if (g_getenv ("DISPLAY") != NULL)
    g_subprocess_launcher_setenv (launcher, "DISPLAY", g_getenv ("DISPLAY"), TRUE);
  if (g_getenv ("WAYLAND_DISPLAY") != NULL)
    g_subprocess_launcher_setenv (launcher, "WAYLAND_DISPLAY", g_getenv ("WAYLAND_DISPLAY"), TRUE);
  g_ptr_array_add (args, (gpointer) g_getenv ("GLOSS_BINARY"));
  va_start (list, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (list, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (list);
  g_ptr_array_add (args, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_gloss_done, &run);
  gloss_test_wait (&run.done, 90, "the gloss command");
  if (g_test_verbose ())
    g_printerr ("%s", f->err);
  g_assert_null (strstr (f->err, "CRITICAL"));
  g_assert_null (strstr (f->err, "WARNING"));
  if (f->status == 0)
    {
      g_autofree char *path = g_strdup (g_strchomp (f->out));

      g_assert_true (g_file_get_contents (path, &f->archive, NULL, NULL));
    }
}

#define STORY_PARAGRAPH "which only a browser that runs scripts ever shows to its reader, " \
                        "and which goes on long enough to be read as an article"

/* An app shell: the article arrives from a script, a moment after load. */
static const char shell_page[] =
  "<!doctype html><html><head><title>Loading</title></head><body>"
  "<div id=\"app\">Loading…</div>"
  "<noscript>You need to enable JavaScript to run this app.</noscript>"
  "<script>setTimeout (() => {"
  "  const article = document.createElement ('article');"
  "  article.innerHTML = '<h1>Written by a script</h1>' + [1, 2, 3, 4, 5, 6].map (n =>"
  "    '<p>Paragraph ' + n + ', " STORY_PARAGRAPH ".</p>').join ('');"
  "  document.getElementById ('app').replaceWith (article);"
  "  document.title = 'Written by a script';"
  "}, 300);</script></body></html>";

/* A page that reads as an article without its scripts, and has more with them. */
static const char static_page[] =
  "<!doctype html><html><head><title>Half there</title></head><body><article>"
  "<h1>Half there</h1>"
  "<p>The first paragraph is in the page as served, " STORY_PARAGRAPH ".</p>"
  "<p>The second paragraph is in the page as served too, " STORY_PARAGRAPH ".</p>"
  "<p id=\"late\"></p></article>"
  "<script>setTimeout (() => { document.getElementById ('late').textContent ="
  "  'The third paragraph came from a script after the page loaded.'; }, 200);</script>"
  "</body></html>";

static void
test_script_article (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *shell = gloss_test_server_url (f->server, "/shell.html");
  g_autofree char *half = gloss_test_server_url (f->server, "/half.html");

  gloss_test_server_set_page (f->server, "/shell.html", shell_page);
  gloss_test_server_set_page (f->server, "/half.html", static_page);

  /* Plain `gloss clip` finds no article in the shell, and runs it. */
  run_gloss (f, "clip", shell, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->archive, "<title>Written by a script</title>"));
  g_assert_nonnull (strstr (f->archive, "Paragraph 6, which only a browser"));
  g_assert_null (strstr (f->archive, "Loading…"));
  g_assert_null (strstr (f->archive, "<script"));
  g_assert_cmpuint (gloss_test_server_hits (f->server, "/shell.html"), ==, 2);

  /* Without --render a page with an article is taken as served… */
  run_gloss (f, "clip", half, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_null (strstr (f->archive, "The third paragraph"));
  /* …and with it, after its scripts. */
  run_gloss (f, "clip", "--render", half, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->archive, "The third paragraph came from a script"));
}

/* Each time the reader nears the end, another part arrives, for ever; its
 * pictures load only once they scroll into view. */
static const char endless_page[] =
  "<!doctype html><html><head><title>Endless</title></head><body><article id=\"feed\">"
  "<h1>Endless</h1></article><script>"
  "let part = 0;"
  "const lazy = new IntersectionObserver (entries => entries.forEach (e => {"
  "  if (e.isIntersecting) { e.target.src = e.target.dataset.src; lazy.unobserve (e.target); } }));"
  "function more () {"
  "  part++;"
  "  const section = document.createElement ('section');"
  "  section.innerHTML = '<h2>Part ' + part + '</h2><p style=\"height: 900px\">Part ' + part +"
  "    ' of the endless story, " STORY_PARAGRAPH ".</p><img alt=\"\" data-src=\"/generated/3000/part' + part + '.png\">';"
  "  document.getElementById ('feed').append (section);"
  "  lazy.observe (section.querySelector ('img'));"
  "}"
  "more (); more ();"
  "window.addEventListener ('scroll', () => {"
  "  if (window.innerHeight + window.scrollY > document.body.scrollHeight - 400) more (); });"
  "</script></body></html>";

static void
test_infinite_scroll (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/endless.html");
  gint64 start;

  gloss_test_server_set_page (f->server, "/endless.html", endless_page);
  start = g_get_monotonic_time ();
  run_gloss (f, "clip", "--render", "--timeout", "20", url, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 40 * G_USEC_PER_SEC);
  /* Two parts were there at first; scrolling brought more, then stopped. */
  g_assert_nonnull (strstr (f->archive, "Part 4 of the endless story"));
  g_assert_null (strstr (f->archive, "Part 40 of the endless story"));
  /* Pictures that loaded only in view were fetched and kept. */
  g_assert_cmpuint (gloss_test_server_hits (f->server, "/generated/3000/part3.png"), >=, 1);
  g_assert_nonnull (strstr (f->archive, "data:image/png;base64,"));
}

/* A picture and a script that never arrive: the page never finishes loading. */
static const char unfinished_page[] =
  "<!doctype html><html><head><title>Unfinished</title>"
  "<script async src=\"/stalled/app.js\"></script></head><body><article><h1>Unfinished</h1>"
  "<p>This page never finishes loading, " STORY_PARAGRAPH ".</p>"
  "<img alt=\"\" src=\"/slow.png\">"
  "<p>Its second paragraph, " STORY_PARAGRAPH ".</p></article></body></html>";

static void
test_never_finishes (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/unfinished.html");
  gint64 start;

  gloss_test_server_set_page (f->server, "/unfinished.html", unfinished_page);
  start = g_get_monotonic_time ();
  run_gloss (f, "clip", "--render", "--timeout", "6", url, NULL);
  /* The page's six seconds, then the pipeline's own six for the picture. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 25 * G_USEC_PER_SEC);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->archive, "Its second paragraph"));
}

/* A page that tries to leave, open windows and download, once loaded. */
static const char restless_page[] =
  "<!doctype html><html><head><title>Restless</title>"
  "<meta http-equiv=\"refresh\" content=\"1; url=/refreshed.html\"></head><body><article>"
  "<h1>Restless</h1><p>This page would rather be somewhere else, " STORY_PARAGRAPH ".</p>"
  "<p>Its second paragraph stays put, " STORY_PARAGRAPH ".</p>"
  "<a id=\"file\" href=\"/file.bin\" download>a file</a></article><script>"
  "window.open ('/popup.html');"
  "document.getElementById ('file').click ();"
  "setTimeout (() => { location.href = '/elsewhere.html'; }, 100);"
  "setTimeout (() => { const frame = document.createElement ('iframe');"
  "  frame.src = '/framed.html'; document.body.append (frame); }, 150);"
  "</script></body></html>";

static void
test_navigation_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/restless.html");
  const char *elsewhere[] = { "/popup.html", "/file.bin", "/elsewhere.html", "/refreshed.html",
                              "/framed.html" };

  gloss_test_server_set_page (f->server, "/restless.html", restless_page);
  for (guint i = 0; i < G_N_ELEMENTS (elsewhere); i++)
    gloss_test_server_set_page (f->server, elsewhere[i],
                                "<html><body><article><h1>Somewhere else</h1><p>Not the page "
                                "the reader asked for, with words enough to be an article.</p>"
                                "</article></body></html>");
  run_gloss (f, "clip", "--render", url, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->archive, "Its second paragraph stays put"));
  g_assert_null (strstr (f->archive, "Somewhere else"));
  for (guint i = 0; i < G_N_ELEMENTS (elsewhere); i++)
    g_assert_cmpuint (gloss_test_server_hits (f->server, elsewhere[i]), ==, 0);
  g_assert_cmpuint (gloss_test_server_hits (f->server, "/restless.html"), ==, 1);
}

/* What a page's scripts add is as hostile as what it was served with: the
 * same sanitizer keeps it out of the archive. */
static const char hostile_page[] =
  "<!doctype html><html><head><title>Hostile</title></head><body><article id=\"story\">"
  "<h1>Hostile</h1></article><script>"
  "const story = document.getElementById ('story');"
  "for (let i = 0; i < 4; i++) {"
  "  const p = document.createElement ('p');"
  "  p.textContent = 'Paragraph ' + i + ' of a page whose scripts write traps into it, " STORY_PARAGRAPH ".';"
  "  p.setAttribute ('onclick', 'fetch(\"/beacon/click\")');"
  "  story.append (p);"
  "}"
  "story.insertAdjacentHTML ('beforeend', '<img src=\"/beacon/x.gif\" onerror=\"fetch(1)\">"
  "<a href=\"javascript:fetch(2)\">a link</a><iframe src=\"/beacon/frame.html\"></iframe>"
  "<form action=\"/beacon/form\"><input name=q></form>');"
  "const late = document.createElement ('script');"
  "late.textContent = 'fetch(\"/beacon/late\")';"
  "story.append (late);"
  "document.body.setAttribute ('onload', 'fetch(3)');"
  "</script></body></html>";

static void
test_hostile_scripts (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/hostile.html");

  gloss_test_server_set_page (f->server, "/hostile.html", hostile_page);
  run_gloss (f, "clip", "--render", "--mode", "full", url, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->archive, "Paragraph 3 of a page whose scripts write traps"));
  g_assert_null (strstr (f->archive, "<script"));
  g_assert_null (strstr (f->archive, "onclick"));
  g_assert_null (strstr (f->archive, "onerror"));
  g_assert_null (strstr (f->archive, "onload"));
  g_assert_null (strstr (f->archive, "javascript:"));
  g_assert_null (strstr (f->archive, "<iframe"));
  g_assert_null (strstr (f->archive, "/beacon/"));
}

/* Processes whose command line holds @needle. */
static guint
count_processes (const char *needle)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint count = 0;

  while ((name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc", name, "cmdline", NULL);
      g_autofree char *cmdline = NULL;
      gsize length = 0;

      if (!g_ascii_isdigit (name[0]) || !g_file_get_contents (path, &cmdline, &length, NULL))
        continue;
      for (gsize i = 0; i + 1 < length; i++)
        cmdline[i] = cmdline[i] == '\0' ? ' ' : cmdline[i];
      count += strstr (cmdline, needle) != NULL && strstr (cmdline, "gloss-render") != NULL;
    }
  return count;
}

static gboolean
page_running (gpointer needle)
{
  return count_processes (needle) == 1;
}

static gboolean
page_gone (gpointer needle)
{
  return count_processes (needle) == 0;
}

/* A clip killed while the page runs takes the page along. */
static void
test_killed (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/killed.html");
  g_autoptr(GSubprocessLauncher) launcher = gloss_test_gloss_launcher (f->library);
  g_autoptr(GSubprocess) clip = NULL;
  g_autoptr(GError) error = NULL;

  gloss_test_server_set_page (f->server, "/killed.html", unfinished_page);
  g_subprocess_launcher_setenv (launcher, "DISPLAY", g_getenv ("DISPLAY"), TRUE);
  clip = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("GLOSS_BINARY"), "clip",
                                      "--render", "--timeout", "30", url, NULL);
  g_assert_no_error (error);
  gloss_test_wait_until (page_running, url, 20, "gloss-render to run the page");
  g_subprocess_send_signal (clip, SIGTERM);
  gloss_test_wait_until (page_gone, url, 10, "gloss-render to end with the clip");
}

/* An address where nothing listens. */
static char *
closed_port_url (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return g_strdup_printf ("http://127.0.0.1:%u/gone.html", port);
}

/* Where there is xvfb-run, offscreen on a display of its own (as in every
 * other test here); without it, in a window on the display there is; with
 * neither, or for a page that cannot load, a clear error. */
static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/shell.html");
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  g_autofree char *wayland = g_strdup (g_getenv ("WAYLAND_DISPLAY"));
  g_autofree char *path = g_strdup (g_getenv ("PATH"));
  g_auto(GStrv) lines = NULL;
  g_autofree char *gone = NULL;

  gloss_test_server_set_page (f->server, "/shell.html", shell_page);
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");
  run_gloss (f, "clip", url, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->archive, "Paragraph 6, which only a browser"));

  g_setenv ("PATH", "/nonexistent", TRUE);
  run_gloss (f, "clip", url, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, url));
  g_assert_nonnull (strstr (f->err, "only on a display"));
  run_gloss (f, "clip", "--render", url, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "install xvfb"));
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  if (wayland != NULL)
    g_setenv ("WAYLAND_DISPLAY", wayland, TRUE);
  /* With a display and no xvfb-run, the page runs in a window there. */
  run_gloss (f, "clip", "--render", url, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->archive, "Paragraph 6, which only a browser"));
  g_setenv ("PATH", path, TRUE);

  gone = closed_port_url ();
  run_gloss (f, "clip", "--render", gone, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, gone));
  g_assert_nonnull (strstr (f->err, "could not load"));
  lines = g_strsplit (g_strchomp (f->err), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/render/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("script-article", test_script_article);
  ADD ("infinite-scroll", test_infinite_scroll);
  ADD ("never-finishes", test_never_finishes);
  ADD ("navigation-refused", test_navigation_refused);
  ADD ("hostile-scripts", test_hostile_scripts);
  ADD ("killed", test_killed);
  ADD ("errors", test_errors);
#undef ADD

  return g_test_run ();
}
