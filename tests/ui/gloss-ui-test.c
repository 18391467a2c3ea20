/* gloss-ui-test.c — helpers for the window's tests
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "gloss-ui-test.h"

static char *xdg_root;

static void
remove_xdg_root (void)
{
  if (xdg_root != NULL)
    gloss_test_remove_tree (xdg_root);
}

void
gloss_ui_test_init (int         *argc,
                    char      ***argv,
                    const char  *prgname)
{
  g_autofree char *data = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *runtime = NULL;
  g_autofree char *at_spi = NULL;
  g_autofree char *at_spi_address = NULL;

  /* Before GLib caches them: deletes go to a trash we can throw away. */
  xdg_root = g_dir_make_tmp ("gloss-ui-test-XXXXXX", NULL);
  g_assert_nonnull (xdg_root);
  data = g_build_filename (xdg_root, "data", NULL);
  cache = g_build_filename (xdg_root, "cache", NULL);
  runtime = g_build_filename (xdg_root, "runtime", NULL);
  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (cache, 0700);
  g_mkdir_with_parents (runtime, 0700);
  /* WebKit's sandbox binds the folder of the accessibility bus. Left to
   * find one, it may find the bus an earlier test started on the same X
   * display, in that test's runtime folder, gone since: the web process then
   * fails to start. Point it at a folder that exists, with no bus in it. */
  at_spi = g_build_filename (runtime, "at-spi", NULL);
  g_mkdir_with_parents (at_spi, 0700);
  at_spi_address = g_strdup_printf ("unix:path=%s/bus", at_spi);
  g_setenv ("AT_SPI_BUS_ADDRESS", at_spi_address, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  atexit (remove_xdg_root);

  g_set_prgname (prgname);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

void
gloss_ui_test_reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
on_tick (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
on_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
gloss_ui_test_wait_until (GlossUiPredicate  predicate,
                          gpointer          data,
                          guint             seconds,
                          const char       *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, on_timeout, &timed_out);
  /* Wakes the loop up now and then so a predicate on plain state is seen. */
  guint tick = g_timeout_add (20, on_tick, NULL);

  while (!predicate (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  if (timed_out)
    g_error ("Timed out after %u s waiting for %s", seconds, what);
  g_source_remove (id);
}

void
gloss_ui_test_settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  gboolean         done;
  GlossClipResult *clip;
  GError          *error;
  JSCValue        *value;
} Waits;

static void
on_clipped (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Waits *w = user_data;

  w->clip = gloss_clip_finish (result, &w->error);
  w->done = TRUE;
}

char *
gloss_ui_test_clip (GlossTestServer *server,
                    const char      *library,
                    const char      *path,
                    GlossClipMode    mode)
{
  g_autoptr(GlossFetcher) fetcher = gloss_fetcher_new ();
  g_autofree char *url = gloss_test_server_url (server, path);
  g_autoptr(GlossLibrary) library_object = gloss_library_new (library);
  Waits w = { 0 };
  char *id;

  gloss_clip_async (fetcher, library_object, url, mode, NULL, NULL, NULL, on_clipped, &w);
  gloss_test_wait (&w.done, 60, "a fixture clip");
  g_assert_no_error (w.error);
  id = g_strdup (w.clip->id);
  gloss_clip_result_free (w.clip);
  return id;
}

static gboolean
window_ready (gpointer data)
{
  GlossWindow *window = data;

  return gtk_widget_get_mapped (GTK_WIDGET (window)) && _gloss_window_get_loaded (window);
}

GlossWindow *
gloss_ui_test_open_window (const char *library)
{
  GlossWindow *window = g_object_ref_sink (gloss_window_new_for_library (NULL, library));

  gtk_window_present (GTK_WINDOW (window));
  gloss_ui_test_wait_until (window_ready, window, 30, "the window to show its library");
  return window;
}

void
gloss_ui_test_close_window (GlossWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (window));
  /* Let WebKit drop its references before we check for leaks. */
  gloss_ui_test_settle (50);
  g_assert_finalize_object (window);
}

typedef struct
{
  GlossWindow *window;
  const char  *id;
} ArticleWait;

static gboolean
article_loaded (gpointer data)
{
  ArticleWait *w = data;
  GlossArticleView *view = _gloss_window_get_article_view (w->window);
  WebKitWebView *web_view = gloss_article_view_get_web_view (view);
  g_autofree char *uri = gloss_article_view_dup_uri_for_id (w->id);

  return g_strcmp0 (gloss_article_view_get_article_id (view), w->id) == 0
         && g_strcmp0 (webkit_web_view_get_uri (web_view), uri) == 0
         && !webkit_web_view_is_loading (web_view);
}

void
gloss_ui_test_wait_article (GlossWindow *window,
                            const char  *id)
{
  ArticleWait w = { window, id };

  gloss_ui_test_wait_until (article_loaded, &w, 60, id);
}

static void
on_evaluated (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Waits *w = user_data;

  w->value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result,
                                                         &w->error);
  w->done = TRUE;
}

char *
gloss_ui_test_evaluate (WebKitWebView *view,
                        const char    *script)
{
  Waits w = { 0 };
  char *result;

  webkit_web_view_evaluate_javascript (view, script, -1, NULL, NULL, NULL, on_evaluated, &w);
  gloss_test_wait (&w.done, 30, script);
  /* As in gloss_ui_test_call_in_world (): WebKit now and then answers
   * "Unsupported result type" for a plain value; asking again gets it. */
  for (guint attempt = 0;
       attempt < 5 && g_error_matches (w.error, WEBKIT_JAVASCRIPT_ERROR,
                                       WEBKIT_JAVASCRIPT_ERROR_INVALID_RESULT);
       attempt++)
    {
      g_test_message ("Retrying after: %s", w.error->message);
      g_clear_error (&w.error);
      g_clear_object (&w.value);
      w.done = FALSE;
      gloss_ui_test_settle (100);
      webkit_web_view_evaluate_javascript (view, script, -1, NULL, NULL, NULL, on_evaluated, &w);
      gloss_test_wait (&w.done, 30, script);
    }
  g_assert_no_error (w.error);
  result = jsc_value_to_string (w.value);
  g_object_unref (w.value);
  return result;
}

void
gloss_ui_test_save_png (GtkWidget  *widget,
                        const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_assert_nonnull (renderer);
  /* Between two frames a widget can have nothing to draw; try again a little later. */
  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        gloss_ui_test_settle (100);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

/* Highlighting */

typedef struct
{
  gboolean  done;
  JSCValue *value;
  GError   *error;
} Call;

static gboolean
call_done (gpointer data)
{
  return ((Call *) data)->done;
}

static void
on_called (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Call *call = user_data;

  call->value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (source),
                                                                       result, &call->error);
  call->done = TRUE;
}

char *
gloss_ui_test_call_in_world (WebKitWebView *view,
                             const char    *world,
                             const char    *body,
                             GVariant      *args)
{
  g_autoptr(GVariant) owned_args = args != NULL ? g_variant_ref_sink (args) : NULL;
  Call call = { 0 };
  char *result;

  webkit_web_view_call_async_javascript_function (view, body, -1, owned_args, world, NULL, NULL,
                                                  on_called, &call);
  gloss_ui_test_wait_until (call_done, &call, 30, body);
  /* Seen now and then (see test-highlighter.c): WebKit answers "Unsupported
   * result type" for a plain value. Asking again gets it; a script that
   * really returns something unserialisable fails every time. */
  for (guint attempt = 0;
       attempt < 5 && g_error_matches (call.error, WEBKIT_JAVASCRIPT_ERROR,
                                       WEBKIT_JAVASCRIPT_ERROR_INVALID_RESULT);
       attempt++)
    {
      g_test_message ("Retrying after: %s", call.error->message);
      g_clear_error (&call.error);
      g_clear_object (&call.value);
      call.done = FALSE;
      gloss_ui_test_settle (100);
      webkit_web_view_call_async_javascript_function (view, body, -1, owned_args, world, NULL,
                                                      NULL, on_called, &call);
      gloss_ui_test_wait_until (call_done, &call, 30, body);
    }
  g_assert_no_error (call.error);
  result = jsc_value_to_string (call.value);
  g_object_unref (call.value);
  return result;
}

static const char select_body[] =
  "const walker = document.createTreeWalker (document.body, NodeFilter.SHOW_TEXT);"
  "for (let node; (node = walker.nextNode ()) !== null;) {"
  "  const i = node.data.indexOf (text);"
  "  if (i < 0) continue;"
  "  const r = document.createRange ();"
  "  r.setStart (node, i);"
  "  r.setEnd (node, i + text.length);"
  "  const s = window.getSelection ();"
  "  s.removeAllRanges ();"
  "  s.addRange (r);"
  "  return r.toString ();"
  "}"
  "throw new Error ('no text node holds ' + text);";

typedef struct
{
  GlossHighlighter *highlighter;
  const char       *exact;
} SelectionWait;

static gboolean
selection_is (gpointer data)
{
  SelectionWait *wait = data;
  const GlossSelection *selection = gloss_highlighter_get_selection (wait->highlighter);

  return selection != NULL && g_strcmp0 (selection->exact, wait->exact) == 0;
}

static gboolean
highlighter_ready (gpointer data)
{
  return gloss_highlighter_get_ready (data);
}

static GVariant *
text_args (const char *name,
           const char *value)
{
  GVariantDict args;

  g_variant_dict_init (&args, NULL);
  g_variant_dict_insert (&args, name, "s", value);
  return g_variant_dict_end (&args);
}

void
gloss_ui_test_select_text (GlossWindow *window,
                           const char  *text)
{
  GlossHighlighter *highlighter = _gloss_window_get_highlighter (window);
  SelectionWait wait = { highlighter, text };
  g_autofree char *selected = NULL;

  gloss_ui_test_wait_until (highlighter_ready, highlighter, 30, "the highlighter to be ready");
  selected = gloss_ui_test_call_in_world (gloss_highlighter_get_view (highlighter),
                                          GLOSS_HIGHLIGHTER_WORLD, select_body,
                                          text_args ("text", text));
  g_assert_cmpstr (selected, ==, text);
  gloss_ui_test_wait_until (selection_is, &wait, 30, "the selection to be reported");
}

typedef struct
{
  GlossWindow *window;
  const char  *id;
  const char  *color;
} PaintWait;

static gboolean
is_painted (gpointer data)
{
  PaintWait *wait = data;
  GlossHighlighter *highlighter = _gloss_window_get_highlighter (wait->window);
  g_autofree char *color = NULL;

  color = gloss_ui_test_call_in_world (gloss_highlighter_get_view (highlighter),
                                       GLOSS_HIGHLIGHTER_WORLD,
                                       "const h = gloss.painted ().find ((h) => h.id === id);"
                                       "return h ? h.color : 'none';",
                                       text_args ("id", wait->id));
  return g_strcmp0 (color, wait->color) == 0;
}

char *
gloss_ui_test_highlight (GlossWindow *window,
                         const char  *text,
                         const char  *color)
{
  GlossAnnotator *annotator = _gloss_window_get_annotator (window);
  GlossSidecar *sidecar;
  PaintWait wait = { window, NULL, color };

  g_assert_nonnull (annotator);
  gloss_ui_test_select_text (window, text);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "annotate.highlight-color",
                                             "s", color));
  sidecar = gloss_annotator_get_article (annotator)->sidecar;
  for (guint i = 0; i < sidecar->annotations->len; i++)
    {
      GlossAnnotation *annotation = sidecar->annotations->pdata[i];

      if (g_strcmp0 (annotation->exact, text) == 0)
        wait.id = annotation->id;
    }
  g_assert_nonnull (wait.id);
  gloss_ui_test_wait_until (is_painted, &wait, 30, "the highlight to be painted");
  return g_strdup (wait.id);
}
