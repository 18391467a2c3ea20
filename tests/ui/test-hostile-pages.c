/* test-hostile-pages.c — the proof of issue 11: every case of
 * tests/data/hostile/ clipped from the loopback server in reader and full
 * mode, then its archive read by an HTML5 parser and opened, without its CSP,
 * in a plain WebKitWebView and in headless Chromium with JavaScript on, and
 * in the Gloss view: no script, no handler, no dangerous URL, nothing left
 * to load, no request reaching the server, the title unchanged
 *
 * One test per case and mode: -p /hostile-pages/CLASS/CASE runs one case.
 * GLOSS_HOSTILE_CONTROLS=1 also opens each case's page itself (reader
 * runs only) and reports whether its payload is live in each engine.
 * GLOSS_HOSTILE_NO_CHROMIUM=1 leaves Chromium out. GLOSS_HOSTILE_ONLY=css,events/img
 * registers only the cases whose CLASS/CASE starts with one of those (GLib
 * 2.74's -p does not descend into nested suites: -p /hostile-pages/css finds
 * nothing, -p /hostile-pages/css/import-no-space works).
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "gloss-article-view.h"
#include "gloss-ui.h"
#include "gloss-ui-test.h"
#include "test-hostile-pages-private.h"

typedef struct
{
  char       *klass;      /* the file it comes from, without .cases */
  char       *name;
  char       *from;
  char       *where;      /* head, body, inline, end, document */
  char       *payload;
  GPtrArray  *files;      /* name, type, body, name, type, body… */
} Case;

typedef struct
{
  Case          *c;
  GlossClipMode  mode;
  GPtrArray     *failed_checks;   /* check names, for the summary */
  guint          hits_at_end;     /* beacon hits when its test ended */
} Run;

static struct
{
  GlossTestServer  *server;
  char             *loopback;     /* 127.0.0.1:PORT */
  char             *library;
  GlossLibrary     *folder;
  GlossFetcher     *fetcher;
  char             *template;
  char             *prose;
  char             *scratch;
  GtkWidget        *window;
  WebKitWebView    *plain;
  GtkWidget        *window_gloss;
  GlossArticleView *gloss;
  HostileChromium  *chromium;
  char             *no_chromium;
  gboolean          chromium_tried;
  gboolean          controls;
  GPtrArray        *runs;
  guint             fence;
  guint             live_webkit, live_chromium, controls_run;
} H;

/* After the load event: two frames, the fonts, every picture decoded (each
 * bounded), two more frames. Reads the real title (a clobbered
 * document.title must not hide a changed one). */
static const char settle_script[] =
  "const frames = () => new Promise (r => requestAnimationFrame (() => requestAnimationFrame (r)));"
  "const bounded = (p, ms) => Promise.race ([p, new Promise (r => setTimeout (r, ms))]);"
  "const all = async () => {"
  "  try { await bounded (frames (), 500); } catch (e) {}"
  "  try { await bounded (document.fonts.ready, 500); } catch (e) {}"
  "  try { const imgs = Document.prototype.querySelectorAll.call (document, 'img, image');"
  "        await bounded (Promise.all (Array.from (imgs).map (i =>"
  "          i.decode ? i.decode ().catch (() => 0) : 0)), 500); } catch (e) {}"
  "  try { await bounded (frames (), 500); } catch (e) {}"
  "};"
  "await bounded (all (), 2500);"
  "return Object.getOwnPropertyDescriptor (Document.prototype, 'title').get.call (document);";

/* document's own properties, as the view's script needs them */
static const char clobber_script[] =
  "const bad = [];"
  "if (!(document.body instanceof HTMLBodyElement) && !(document.body instanceof HTMLFrameSetElement))"
  "  bad.push ('body');"
  "for (const f of ['createRange', 'getElementById', 'getSelection', 'querySelector',"
  "                 'querySelectorAll', 'createTreeWalker', 'createElement', 'createTextNode',"
  "                 'getElementsByTagName', 'addEventListener', 'createNodeIterator'])"
  "  if (typeof document[f] !== 'function') bad.push (f);"
  "for (const p of ['documentElement', 'head', 'defaultView', 'title', 'images', 'cookie'])"
  "  if (document[p] instanceof Element && p !== 'documentElement' && p !== 'head') bad.push (p);"
  "if (!(document.documentElement instanceof HTMLHtmlElement)) bad.push ('documentElement');"
  "if (typeof window.getSelection !== 'function') bad.push ('window.getSelection');"
  "return bad.join (', ');";

static const char *
mode_name (GlossClipMode mode)
{
  return mode == GLOSS_CLIP_MODE_READER ? "reader" : "full";
}

/* Case files */

static void
case_free (Case *c)
{
  g_free (c->klass);
  g_free (c->name);
  g_free (c->from);
  g_free (c->where);
  g_free (c->payload);
  g_ptr_array_unref (c->files);
  g_free (c);
}

static char *
chomp_block (GString *block)
{
  while (block->len > 0 && (block->str[block->len - 1] == '\n' || block->str[block->len - 1] == ' '))
    g_string_truncate (block, block->len - 1);
  return g_strdup (block->str);
}

static void
load_cases (const char *path,
            const char *klass,
            GPtrArray  *cases)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  Case *c = NULL;
  GString *block = g_string_new (NULL);
  gboolean in_file = FALSE;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; ; i++)
    {
      const char *line = lines[i];
      gboolean end = line == NULL || g_str_has_prefix (line, "=== ") ||
                     g_str_has_prefix (line, "--- file ");

      if (end && c != NULL)
        {
          if (in_file)
            g_ptr_array_add (c->files, chomp_block (block));
          else
            c->payload = chomp_block (block);
          g_string_truncate (block, 0);
        }
      if (line == NULL)
        break;
      if (g_str_has_prefix (line, "=== "))
        {
          c = g_new0 (Case, 1);
          c->klass = g_strdup (klass);
          c->name = g_strstrip (g_strdup (line + 4));
          c->where = g_strdup ("body");
          c->files = g_ptr_array_new_with_free_func (g_free);
          in_file = FALSE;
          g_ptr_array_add (cases, c);
        }
      else if (c == NULL)
        continue;  /* the file's header comment */
      else if (g_str_has_prefix (line, "--- file "))
        {
          g_auto(GStrv) words = g_strsplit (line + strlen ("--- file "), " ", 2);
          g_assert_nonnull (words[1]);
          g_ptr_array_add (c->files, g_strdup (words[0]));
          g_ptr_array_add (c->files, g_strstrip (g_strdup (words[1])));
          in_file = TRUE;
        }
      else if (!in_file && block->len == 0 && g_str_has_prefix (line, "from: "))
        { g_free (c->from); c->from = g_strdup (line + 6); }
      else if (!in_file && block->len == 0 && g_str_has_prefix (line, "in: "))
        { g_free (c->where); c->where = g_strdup (line + 4); }
      else
        {
          g_string_append (block, line);
          g_string_append_c (block, '\n');
        }
    }
  g_string_free (block, TRUE);
}

/* Placeholders */

typedef struct
{
  const Case    *c;
  GlossClipMode  mode;
  guint          n;
} Expansion;

static char *
beacon_prefix (const Case   *c,
               GlossClipMode mode)
{
  return g_strdup_printf ("/beacon/%s/%s/%s/", mode_name (mode), c->klass, c->name);
}

static char *
resource_prefix (const Case   *c,
                 GlossClipMode mode)
{
  return g_strdup_printf ("/hostile/%s/%s/%s/", mode_name (mode), c->klass, c->name);
}

static char *
page_path (const Case   *c,
           GlossClipMode mode)
{
  return g_strdup_printf ("/page/%s/%s/%s.html", mode_name (mode), c->klass, c->name);
}

static char *
next_beacon_path (Expansion *e)
{
  g_autofree char *prefix = beacon_prefix (e->c, e->mode);

  return g_strdup_printf ("%s%u", prefix, e->n++);
}

static char *
js_for (Expansion *e,
        gboolean   no_quotes)
{
  g_autofree char *path = next_beacon_path (e);
  g_autofree char *url = g_strdup_printf ("http://%s%s", H.loopback, path);

  if (!no_quotes)
    return g_strdup_printf ("document.title='PWNED';new Image().src='%s'", url);
  {
    g_autoptr(GString) escaped = g_string_new (url);
    g_string_replace (escaped, "/", "\\/", 0);
    /* a regular expression's source keeps the backslashes: drop them */
    return g_strdup_printf ("document.title=/PWNED/.source;new/**/Image().src=/%s/.source"
                            ".split(String.fromCharCode(92)).join(String())", escaped->str);
  }
}

/* {{B64:…}} and {{URLENC:…}} end at the last "}}" of a run of braces. */
static void
expand_functions (GString *s)
{
  for (;;)
    {
      const char *start = NULL, *end;
      gboolean b64;
      g_autofree char *inner = NULL;
      g_autofree char *out = NULL;
      gsize offset;

      const char *b = strstr (s->str, "{{B64:");
      const char *u = strstr (s->str, "{{URLENC:");
      if (b == NULL && u == NULL)
        return;
      b64 = b != NULL && (u == NULL || b < u);
      start = b64 ? b : u;
      end = strstr (start, "}}");
      g_assert_nonnull (end);
      while (end[2] == '}')
        end++;
      offset = start - s->str;
      inner = g_strndup (start + (b64 ? 6 : 9), end - start - (b64 ? 6 : 9));
      out = b64 ? g_base64_encode ((const guchar *) inner, strlen (inner))
                : g_uri_escape_string (inner, NULL, FALSE);
      g_string_erase (s, offset, end + 2 - start);
      g_string_insert (s, offset, out);
    }
}

static char *
expand (const Case   *c,
        GlossClipMode mode,
        const char   *text,
        guint        *counter)
{
  Expansion e = { c, mode, *counter };
  g_autoptr(GString) s = g_string_new (text);
  g_autofree char *res = resource_prefix (c, mode);
  g_autofree char *port = g_strdup (strchr (H.loopback, ':') + 1);
  char *p;

  while ((p = strstr (s->str, "{{")) != NULL)
    {
      gsize offset = p - s->str;
      const char *name = p + 2;
      g_autofree char *value = NULL;
      gsize length;

      if (g_str_has_prefix (name, "BEACON}}"))
        {
          g_autofree char *path = next_beacon_path (&e);
          value = g_strdup_printf ("http://%s%s", H.loopback, path);
        }
      else if (g_str_has_prefix (name, "BEACON_PATH}}"))
        value = next_beacon_path (&e);
      else if (g_str_has_prefix (name, "BEACON_HOSTPATH}}"))
        {
          g_autofree char *path = next_beacon_path (&e);
          value = g_strdup_printf ("%s%s", H.loopback, path);
        }
      else if (g_str_has_prefix (name, "JS}}"))
        value = js_for (&e, FALSE);
      else if (g_str_has_prefix (name, "JSNQ}}"))
        value = js_for (&e, TRUE);
      else if (g_str_has_prefix (name, "SCRIPT_B64}}"))
        {
          g_autofree char *js = js_for (&e, FALSE);
          g_autofree char *script = g_strdup_printf ("<script>%s</script>", js);
          value = g_base64_encode ((const guchar *) script, strlen (script));
        }
      else if (g_str_has_prefix (name, "RES}}"))
        value = g_strdup_printf ("http://%s%s", H.loopback, res);
      else if (g_str_has_prefix (name, "PORT}}"))
        value = g_strdup (port);
      else if (g_str_has_prefix (name, "TITLE}}"))
        value = g_strdup ("The Seed Library That Outlived a Wet Spring");
      else if (g_str_has_prefix (name, "B64:") || g_str_has_prefix (name, "URLENC:"))
        {
          /* expanded once what is inside is: mark it and go on */
          s->str[offset] = '\x01';
          continue;
        }
      else
        g_error ("%s/%s: unknown placeholder at “%.20s”", c->klass, c->name, p);
      length = strchr (name, '}') + 2 - p;
      g_string_erase (s, offset, length);
      g_string_insert (s, offset, value);
    }
  g_string_replace (s, "\x01{", "{{", 0);
  expand_functions (s);
  *counter = e.n;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The page of @c for @mode, and its files, served from now on. */
static void
serve_case (const Case   *c,
            GlossClipMode mode)
{
  g_autoptr(GString) page = NULL;
  g_autofree char *path = page_path (c, mode);
  g_autofree char *res = resource_prefix (c, mode);
  g_autofree char *html = NULL;
  guint counter = 0;
  const char *slots[] = { "{{HEAD}}", "{{BODY}}", "{{INLINE}}", "{{END}}" };
  const char *where[] = { "head", "body", "inline", "end" };

  if (g_str_equal (c->where, "document"))
    page = g_string_new (c->payload);
  else
    page = g_string_new (H.template);
  g_string_replace (page, "{{PROSE}}", H.prose, 0);
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    g_string_replace (page, slots[i], g_str_equal (c->where, where[i]) ? c->payload : "", 0);
  html = expand (c, mode, page->str, &counter);
  gloss_test_server_set_page (H.server, path, html);

  for (guint i = 0; i + 2 < c->files->len + 1 && i < c->files->len; i += 3)
    {
      g_autofree char *file_path = g_strconcat (res, c->files->pdata[i], NULL);
      g_autofree char *body = expand (c, mode, c->files->pdata[i + 2], &counter);
      gloss_test_server_set_response (H.server, file_path, c->files->pdata[i + 1], body,
                                      strlen (body));
    }
}

/* Requests that reached the server for @c: its beacons and its files. */
static guint
case_hits (const Case   *c,
           GlossClipMode mode)
{
  g_autofree char *beacons = beacon_prefix (c, mode);
  g_autofree char *files = resource_prefix (c, mode);

  return gloss_test_server_hits_under (H.server, beacons) +
         gloss_test_server_hits_under (H.server, files);
}

/* Views */

typedef struct
{
  gboolean timed_out;
} Timer;

static gboolean
on_timer (gpointer data)
{
  ((Timer *) data)->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
wait_until (GlossTestPredicate predicate,
            gpointer           data,
            guint              ms)
{
  Timer timer = { FALSE };
  guint id = g_timeout_add (ms, on_timer, &timer);

  while (!predicate (data) && !timer.timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timer.timed_out)
    g_source_remove (id);
  return predicate (data);
}

static gboolean
is_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_load_changed (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 gboolean        *finished)
{
  if (event == WEBKIT_LOAD_FINISHED)
    *finished = TRUE;
}

static gboolean
load_and_wait (WebKitWebView *view,
               const char    *uri)
{
  gboolean finished = FALSE;
  gulong id = g_signal_connect (view, "load-changed", G_CALLBACK (on_load_changed), &finished);

  webkit_web_view_load_uri (view, uri);
  wait_until (is_set, &finished, 20000);
  g_signal_handler_disconnect (view, id);
  return finished;
}

typedef struct
{
  const char *path;
} Fence;

static gboolean
fence_seen (gpointer data)
{
  return gloss_test_server_hits (H.server, ((Fence *) data)->path) > 0;
}

/* Requests already sent by a page reach the server before a later one: a
 * fetch of a fence from the page, waited for (bounded: a page that cannot
 * fetch, as the Gloss view, gets the bound). */
static void
wait_fence (WebKitWebView *view)
{
  g_autofree char *path = g_strdup_printf ("/fence/%u", H.fence++);
  g_autofree char *script = g_strdup_printf ("new Image ().src = 'http://%s%s'; return 1;",
                                             H.loopback, path);
  Fence fence = { path };
  g_autoptr(JSCValue) value = NULL;

  if (view != NULL)
    value = gloss_test_call (view, "hostile-check", script, NULL, NULL);
  if (!wait_until (fence_seen, &fence, view != NULL ? 1000 : 50) && view != NULL)
    g_test_message ("the fence %s never arrived", path);
}

static void
wait_fence_chromium (void)
{
  g_autofree char *path = g_strdup_printf ("/fence/%u", H.fence++);
  g_autofree char *script = g_strdup_printf ("new Image ().src = 'http://%s%s', 1",
                                             H.loopback, path);
  Fence fence = { path };

  hostile_chromium_eval (H.chromium, script, 2000, NULL);
  if (!wait_until (fence_seen, &fence, 1000))
    g_test_message ("the fence %s never arrived", path);
}

static void
ensure_views (void)
{
  g_autoptr(WebKitNetworkSession) session = NULL;
  WebKitSettings *settings;

  if (H.plain != NULL)
    return;
  session = webkit_network_session_new_ephemeral ();
  H.plain = g_object_new (WEBKIT_TYPE_WEB_VIEW, "network-session", session, NULL);
  settings = webkit_web_view_get_settings (H.plain);
  webkit_settings_set_enable_javascript (settings, TRUE);
  webkit_settings_set_enable_javascript_markup (settings, TRUE);
  webkit_settings_set_allow_file_access_from_file_urls (settings, TRUE);
  H.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (H.window), 1024, 768);
  gtk_window_set_child (GTK_WINDOW (H.window), GTK_WIDGET (H.plain));
  gtk_window_present (GTK_WINDOW (H.window));

  H.gloss = GLOSS_ARTICLE_VIEW (gloss_article_view_new ());
  gloss_article_view_set_library (H.gloss, H.folder);
  H.window_gloss = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (H.window_gloss), 1024, 768);
  gtk_window_set_child (GTK_WINDOW (H.window_gloss), GTK_WIDGET (H.gloss));
  gtk_window_present (GTK_WINDOW (H.window_gloss));
}

static void
ensure_chromium (void)
{
  if (H.chromium_tried)
    return;
  H.chromium_tried = TRUE;
  if (g_getenv ("GLOSS_HOSTILE_NO_CHROMIUM") != NULL)
    H.no_chromium = g_strdup ("GLOSS_HOSTILE_NO_CHROMIUM is set");
  else
    H.chromium = hostile_chromium_new (&H.no_chromium);
  if (H.chromium == NULL)
    g_test_message ("Headless Chromium left out: %s", H.no_chromium);
}

/* Criticals logged while clipping are the clip's failure (a crash in the
 * making), not the end of every case after it. */
/* One run */

typedef struct
{
  Run       *run;
  GPtrArray *problems;   /* "check: detail" */
} Report;

static void
fail (Report     *report,
      const char *check,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static void
fail (Report     *report,
      const char *check,
      const char *format,
      ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (report->problems, g_strdup_printf ("%s: %s", check, detail));
  for (guint i = 0; i < report->run->failed_checks->len; i++)
    if (g_str_equal (report->run->failed_checks->pdata[i], check))
      return;
  g_ptr_array_add (report->run->failed_checks, g_strdup (check));
}

static void
check_hits (Report       *report,
            const char   *engine,
            guint         before)
{
  const Case *c = report->run->c;
  guint now = case_hits (c, report->run->mode);

  if (now > before)
    {
      g_autofree char *check = g_strconcat (engine, ":request", NULL);
      fail (report, check, "%u request(s) reached the server", now - before);
    }
}

static void
run_plain_webkit (Report     *report,
                  const char *uri,
                  const char *expected)
{
  guint before = case_hits (report->run->c, report->run->mode);
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;
  g_autofree char *title = NULL;

  if (!load_and_wait (H.plain, uri))
    fail (report, "webkit:load", "did not finish loading in 20 s");
  value = gloss_test_call (H.plain, "hostile-check", settle_script, NULL, &error);
  if (value == NULL)
    fail (report, "webkit:settle", "%s (navigated to %s?)", error->message,
          webkit_web_view_get_uri (H.plain));
  else
    {
      g_autofree char *seen = NULL;

      title = jsc_value_to_string (value);
      seen = hostile_collapse_space (title);
      if (!g_str_equal (seen, expected))
        fail (report, "webkit:title", "is “%s”, not “%s”", seen, expected);
    }
  if (g_strcmp0 (webkit_web_view_get_uri (H.plain), uri) != 0)
    fail (report, "webkit:navigated", "to %s", webkit_web_view_get_uri (H.plain));
  wait_fence (H.plain);
  check_hits (report, "webkit", before);
  load_and_wait (H.plain, "about:blank");
}

static void
run_chromium (Report     *report,
              const char *uri,
              const char *expected)
{
  guint before = case_hits (report->run->c, report->run->mode);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  title = hostile_chromium_visit (H.chromium, uri, settle_script, &error);
  if (title == NULL)
    fail (report, "chromium:settle", "%s", error->message);
  else
    {
      g_autofree char *seen = hostile_collapse_space (title);
      if (!g_str_equal (seen, expected))
        fail (report, "chromium:title", "is “%s”, not “%s”", seen, expected);
    }
  wait_fence_chromium ();
  check_hits (report, "chromium", before);
}

typedef struct
{
  const char *uri;
} GlossWait;

static gboolean
gloss_loaded (gpointer data)
{
  WebKitWebView *web_view = gloss_article_view_get_web_view (H.gloss);

  return g_strcmp0 (webkit_web_view_get_uri (web_view), ((GlossWait *) data)->uri) == 0 &&
         !webkit_web_view_is_loading (web_view);
}

static void
run_gloss_view (Report     *report,
                const char *id,
                const char *expected)
{
  guint before = case_hits (report->run->c, report->run->mode);
  WebKitWebView *web_view = gloss_article_view_get_web_view (H.gloss);
  g_autofree char *uri = gloss_article_view_dup_uri_for_id (id);
  GlossWait wait = { uri };
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(JSCValue) clobbered = NULL;

  gloss_article_view_load (H.gloss, NULL);
  gloss_article_view_load (H.gloss, id);
  if (!wait_until (gloss_loaded, &wait, 20000))
    {
      fail (report, "gloss:load", "the Gloss view did not show %s in 20 s", uri);
      return;
    }
  value = gloss_test_call (web_view, "hostile-check", settle_script, NULL, &error);
  if (value == NULL)
    fail (report, "gloss:settle", "%s", error->message);
  else
    {
      g_autofree char *title = jsc_value_to_string (value);
      g_autofree char *seen = hostile_collapse_space (title);
      if (!g_str_equal (seen, expected))
        fail (report, "gloss:title", "is “%s”, not “%s”", seen, expected);
    }
  g_clear_error (&error);
  clobbered = gloss_test_call (web_view, "hostile-check", clobber_script, NULL, &error);
  if (clobbered != NULL)
    {
      g_autofree char *names = jsc_value_to_string (clobbered);
      if (names[0] != '\0')
        fail (report, "gloss:clobber", "document.%s shadowed", names);
    }
  wait_fence (NULL);
  check_hits (report, "gloss", before);
}

/* Opens the page itself (no Gloss in between) in both engines: is the
 * payload live there? Informational. */
static void
run_controls (const Case   *c,
              GlossClipMode mode)
{
  g_autofree char *path = page_path (c, mode);
  g_autofree char *url = gloss_test_server_url (H.server, path);
  g_autoptr(JSCValue) value = NULL;
  g_autofree char *title_webkit = NULL;
  g_autofree char *title_chromium = NULL;
  guint before = case_hits (c, mode), webkit_hits, chromium_hits = 0;
  gboolean webkit_live, chromium_live = FALSE;

  load_and_wait (H.plain, url);
  value = gloss_test_call (H.plain, "hostile-check", settle_script, NULL, NULL);
  title_webkit = value != NULL ? jsc_value_to_string (value) : g_strdup ("?");
  wait_fence (H.plain);
  webkit_hits = case_hits (c, mode) - before;
  webkit_live = webkit_hits > 0 || strstr (title_webkit, "PWNED") != NULL ||
                g_strcmp0 (webkit_web_view_get_uri (H.plain), url) != 0;
  load_and_wait (H.plain, "about:blank");
  if (H.chromium != NULL)
    {
      before = case_hits (c, mode);
      title_chromium = hostile_chromium_visit (H.chromium, url, settle_script, NULL);
      wait_fence_chromium ();
      chromium_hits = case_hits (c, mode) - before;
      chromium_live = chromium_hits > 0 ||
                      (title_chromium != NULL && strstr (title_chromium, "PWNED") != NULL);
    }
  H.controls_run++;
  H.live_webkit += webkit_live;
  H.live_chromium += chromium_live;
  g_test_message ("control %s/%s: live in WebKit: %s, in Chromium: %s", c->klass, c->name,
                  webkit_live ? "yes" : "no", chromium_live ? "yes" : "no");
}

static void
test_case (gconstpointer data)
{
  Run *run = (Run *) data;
  const Case *c = run->c;
  Report report = { run, g_ptr_array_new_with_free_func (g_free) };
  g_autofree char *path = page_path (c, run->mode);
  g_autofree char *url = gloss_test_server_url (H.server, path);
  g_autoptr(GlossClipResult) clip = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *archive = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *file = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRegex) csp = NULL;
  gint64 t0, t1, t2, t3, t4;

  ensure_views ();
  ensure_chromium ();
  serve_case (c, run->mode);
  t0 = g_get_monotonic_time ();

  {
    GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
    guint before = gloss_ui_test_count_warnings ();
    guint logged;

    gloss_ui_test_tolerate_warnings (TRUE);
    clip = gloss_test_clip (H.fetcher, H.folder, url, run->mode, &error);
    gloss_ui_test_tolerate_warnings (FALSE);
    g_log_set_always_fatal (fatal);
    logged = gloss_ui_test_count_warnings () - before;
    if (logged > 0)
      fail (&report, "clip:critical", "%u warning(s) or critical(s) logged while clipping "
            "(criticals are fatal in the app under G_DEBUG=fatal-criticals)", logged);
  }
  /* A page with nothing to keep (a frameset) is refused, saving nothing:
   * safe, and said. Any other failure is one. */
  if (clip == NULL && (g_error_matches (error, GLOSS_PAGE_ERROR, GLOSS_PAGE_ERROR_NO_CONTENT) ||
                       g_error_matches (error, GLOSS_PAGE_ERROR, GLOSS_PAGE_ERROR_NEEDS_SCRIPT)))
    {
      g_test_message ("%s/%s %s: refused: %s", c->klass, c->name, mode_name (run->mode), error->message);
      goto out;
    }
  if (clip == NULL)
    {
      fail (&report, "clip", "%s", error->message);
      goto out;
    }
  g_assert_true (g_file_get_contents (clip->path, &archive, NULL, NULL));

  /* (1) as an HTML5 parser reads it */
  hostile_check_archive (archive, H.loopback, problems, &title);
  for (guint i = 0; i < problems->len; i++)
    {
      const char *p = problems->pdata[i];
      g_autofree char *kind = g_strndup (p, strchr (p, ':') - p);
      g_autofree char *check = g_strconcat ("parse:", kind, NULL);
      fail (&report, check, "%s", strchr (p, ':') + 2);
    }

  /* (2), (3): without its CSP, in engines with JavaScript on */
  csp = g_regex_new ("<meta[^>]*http-equiv\\s*=\\s*[\"']?content-security-policy[^>]*>",
                     G_REGEX_CASELESS, 0, NULL);
  stripped = g_regex_replace_literal (csp, archive, -1, 0, "", 0, NULL);
  if (strstr (stripped, "Content-Security-Policy") != NULL)
    g_test_message ("%s/%s: a CSP is still named after stripping", c->klass, c->name);
  file = g_strdup_printf ("%s/%s-%s-%s.html", H.scratch, mode_name (run->mode), c->klass, c->name);
  g_assert_true (g_file_set_contents (file, stripped, -1, NULL));
  uri = g_filename_to_uri (file, NULL, NULL);

  t1 = g_get_monotonic_time ();
  run_plain_webkit (&report, uri, title);
  t2 = g_get_monotonic_time ();
  if (H.chromium != NULL)
    run_chromium (&report, uri, title);
  t3 = g_get_monotonic_time ();

  /* (4) the Gloss view, CSP and all */
  run_gloss_view (&report, clip->id, title);
  t4 = g_get_monotonic_time ();
  if (g_getenv ("GLOSS_HOSTILE_TIMES") != NULL)
    g_test_message ("times: clip+parse %d ms, webkit %d ms, chromium %d ms, gloss %d ms",
                    (int) ((t1 - t0) / 1000), (int) ((t2 - t1) / 1000),
                    (int) ((t3 - t2) / 1000), (int) ((t4 - t3) / 1000));

  if (H.controls && run->mode == GLOSS_CLIP_MODE_READER)
    run_controls (c, run->mode);

out:
  run->hits_at_end = case_hits (c, run->mode);
  if (report.problems->len > 0)
    {
      g_autoptr(GString) all = g_string_new (NULL);

      for (guint i = 0; i < report.problems->len; i++)
        {
          g_test_message ("FAIL %s/%s %s %s", c->klass, c->name, mode_name (run->mode),
                          (char *) report.problems->pdata[i]);
          g_string_append_printf (all, "%s%s", i ? "; " : "", (char *) report.problems->pdata[i]);
        }
      g_test_fail_printf ("%s/%s (%s, from %s): %s", c->klass, c->name, mode_name (run->mode),
                          c->from ? c->from : "?", all->str);
    }
  g_ptr_array_unref (report.problems);
}

/* The summary */

static void
test_summary (void)
{
  g_autoptr(GHashTable) by_class = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) classes = g_ptr_array_new ();
  guint ran = 0, failed = 0, late = 0;
  GString *line;

  for (guint i = 0; i < H.runs->len; i++)
    {
      Run *run = H.runs->pdata[i];
      guint now = case_hits (run->c, run->mode);

      if (run->hits_at_end == G_MAXUINT)
        continue;  /* not run (-p) */
      ran++;
      if (now > run->hits_at_end)
        {
          g_test_message ("FAIL %s/%s %s late: %u request(s) after its test ended",
                          run->c->klass, run->c->name, mode_name (run->mode),
                          now - run->hits_at_end);
          g_ptr_array_add (run->failed_checks, g_strdup ("late:request"));
          late++;
        }
      if (run->failed_checks->len > 0)
        failed++;
      for (guint j = 0; j < run->failed_checks->len; j++)
        {
          g_autofree char *key = g_strdup_printf ("%s\t%s\t%s", run->c->klass, mode_name (run->mode),
                                                  (char *) run->failed_checks->pdata[j]);
          guint *count = g_hash_table_lookup (by_class, key);
          if (count == NULL)
            {
              count = g_new0 (guint, 1);
              g_hash_table_insert (by_class, g_strdup (key), count);
            }
          (*count)++;
        }
      {
        g_autofree char *key = g_strdup_printf ("%s\t%s\tany", run->c->klass, mode_name (run->mode));
        guint *count = g_hash_table_lookup (by_class, key);
        if (count == NULL)
          {
            count = g_new0 (guint, 1);
            g_hash_table_insert (by_class, g_strdup (key), count);
            g_ptr_array_add (classes, g_strdup (key));
          }
        (*count) += run->failed_checks->len > 0;
      }
    }

  {
    g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (by_class), (GCompareFunc) strcmp);
    for (GList *l = keys; l != NULL; l = l->next)
      g_test_message ("by class\t%s\t%u", (char *) l->data,
                      *(guint *) g_hash_table_lookup (by_class, l->data));
  }
  g_ptr_array_set_free_func (classes, g_free);
  if (H.controls_run > 0)
    g_test_message ("controls: of %u pages, payload live in WebKit %u, in Chromium %u",
                    H.controls_run, H.live_webkit, H.live_chromium);
  if (H.no_chromium != NULL)
    g_test_message ("Chromium was left out: %s", H.no_chromium);
  line = g_string_new (NULL);
  g_string_printf (line, "%u cases × 2 modes: %u failed (of %u runs; %u late requests)",
                   ran / 2, failed, ran, late);
  g_test_message ("%s", line->str);
  g_print ("# %s\n", line->str);
  if (failed > 0)
    g_test_fail_printf ("%s", line->str);
  g_string_free (line, TRUE);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char **) a, *(char **) b);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) case_free);
  g_autofree char *dir = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;
  g_auto(GStrv) only = NULL;
  int status;

  /* One failing case must not stop the others: they are what is measured. */
  {
    char **with_keep_going = g_new0 (char *, argc + 2);
    with_keep_going[0] = argv[0];
    with_keep_going[1] = (char *) "--keep-going";
    memcpy (with_keep_going + 2, argv + 1, sizeof (char *) * (argc - 1));
    argv = with_keep_going;
    argc++;
  }
  gloss_ui_test_init (&argc, &argv, "gloss-test-hostile-pages");
  gloss_ui_init ();

  dir = g_test_build_filename (G_TEST_DIST, "data", "hostile", NULL);
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((entry = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (entry, ".cases"))
      g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_autofree char *klass = g_strndup (names->pdata[i],
                                          strlen (names->pdata[i]) - strlen (".cases"));
      load_cases (path, klass, cases);
    }
  g_assert_cmpuint (cases->len, >=, 200);

  H.server = gloss_test_server_new ();
  {
    g_autofree char *base = gloss_test_server_url (H.server, "");
    H.loopback = g_strdup (base + strlen ("http://"));
    if (g_str_has_suffix (H.loopback, "/"))
      H.loopback[strlen (H.loopback) - 1] = '\0';
    if (H.loopback[0] == '\0' || strchr (H.loopback, ':') == NULL)
      g_error ("unexpected server URL %s", base);
  }
  H.library = gloss_test_library_new ();
  H.folder = gloss_library_new (H.library);
  H.fetcher = gloss_fetcher_new ();
  H.template = gloss_test_read_data_file ("hostile", "article.html", NULL);
  H.prose = gloss_test_read_data_file ("hostile", "prose.html", NULL);
  H.scratch = gloss_test_make_temp_dir ();
  H.controls = g_getenv ("GLOSS_HOSTILE_CONTROLS") != NULL;
  H.runs = g_ptr_array_new ();

  only = g_getenv ("GLOSS_HOSTILE_ONLY") != NULL ? g_strsplit (g_getenv ("GLOSS_HOSTILE_ONLY"), ",", -1)
                                                   : NULL;
  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = cases->pdata[i];
      g_autofree char *case_path = g_strconcat (c->klass, "/", c->name, NULL);
      gboolean wanted = only == NULL;

      for (guint j = 0; only != NULL && only[j] != NULL; j++)
        wanted |= g_str_has_prefix (case_path, only[j]);
      if (!wanted)
        continue;

      for (GlossClipMode mode = GLOSS_CLIP_MODE_READER; mode <= GLOSS_CLIP_MODE_FULL; mode++)
        {
          Run *run = g_new0 (Run, 1);
          g_autofree char *test = g_strdup_printf ("/hostile-pages/%s/%s/%s", c->klass, c->name,
                                                   mode_name (mode));
          run->c = c;
          run->mode = mode;
          run->failed_checks = g_ptr_array_new_with_free_func (g_free);
          run->hits_at_end = G_MAXUINT;
          g_ptr_array_add (H.runs, run);
          g_test_add_data_func (test, run, test_case);
        }
    }
  g_test_add_func ("/hostile-pages/~summary/all", test_summary);

  status = g_test_run ();

  hostile_chromium_free (H.chromium);
  if (H.window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (H.window));
      gtk_window_destroy (GTK_WINDOW (H.window_gloss));
    }
  gloss_test_remove_tree (H.scratch);
  g_clear_object (&H.fetcher);
  g_clear_object (&H.folder);
  gloss_test_library_free (H.library);
  gloss_test_server_free (H.server);
  return status;
}
