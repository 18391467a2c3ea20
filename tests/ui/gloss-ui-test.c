/* gloss-ui-test.c — helpers for the window's tests
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>

#include "gloss-application.h"
#include "gloss-ui-test.h"

static char *xdg_root;
static gint warnings;          /* WARNINGs and CRITICALs logged so far */
static gint tolerating;

/* Any WARNING or CRITICAL in the test's process (GLib, GTK, GDK, libadwaita,
 * WebKit's UI side, ours) fails the test where it is logged. WebKit's web
 * process logs apart, to its own standard error. */
static GLogWriterOutput
fail_on_warnings (GLogLevelFlags   level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_default (level, fields, n_fields, user_data);

  if ((level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL)) == 0)
    return output;
  g_atomic_int_inc (&warnings);
  if (!g_atomic_int_get (&tolerating))
    {
      g_printerr ("Failing: a warning or critical was logged (above)\n");
      G_BREAKPOINT ();
    }
  return output;
}

guint
gloss_ui_test_count_warnings (void)
{
  return (guint) g_atomic_int_get (&warnings);
}

void
gloss_ui_test_tolerate_warnings (gboolean tolerate)
{
  g_atomic_int_set (&tolerating, tolerate);
}

static void
remove_xdg_root (void)
{
  if (xdg_root != NULL)
    gloss_test_remove_tree (xdg_root);
}

/* The pointer rests inside the windows tests open, at the screen's top
 * left (no window manager places them), wherever an earlier test on the
 * same X display left it. Outside them, the crossing events of a popover's
 * grab leave GTK 4.8's tooltip on the popover, which it forgets only when
 * its window goes, not when the popover does: its timer then asks for the
 * pointer on a surface that is gone (a CRITICAL, in whichever test runs
 * next). Tests that drive the pointer move it themselves. */
static void
park_pointer (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  Display *xdisplay;

  if (!GDK_IS_X11_DISPLAY (display))
    return;
  xdisplay = gdk_x11_display_get_xdisplay (display);
  XWarpPointer (xdisplay, None, DefaultRootWindow (xdisplay), 0, 0, 0, 0, 400, 300);
  XSync (xdisplay, False);
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
   * fails to start. Point it at a folder that exists, with no bus in it,
   * unless a live bus is given (tests/ui/run-x11 and run-wayland do). */
  at_spi = g_build_filename (runtime, "at-spi", NULL);
  g_mkdir_with_parents (at_spi, 0700);
  at_spi_address = g_strdup_printf ("unix:path=%s/bus", at_spi);
  g_setenv ("AT_SPI_BUS_ADDRESS", at_spi_address, FALSE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  /* On Wayland the compositor's socket is in the runtime folder given
   * (tests/ui/run-wayland makes a fresh one): WebKit's sandbox finds it
   * there. */
  if (g_getenv ("WAYLAND_DISPLAY") == NULL)
    g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  atexit (remove_xdg_root);

  g_set_prgname (prgname);
  g_log_set_writer_func (fail_on_warnings, NULL, NULL);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  park_pointer ();
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
  gloss_test_wait_until (window_ready, window, 30, "the window to show its library");
  return window;
}

GlossWindow *
gloss_ui_test_open_app_window (const char *library)
{
  static GlossApplication *app;
  GlossWindow *window;

  if (app == NULL)
    {
      app = gloss_application_new ();
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
    }
  window = g_object_ref_sink (gloss_window_new_for_library (GTK_APPLICATION (app), library));
  gtk_window_present (GTK_WINDOW (window));

  gloss_test_wait_until (window_ready, window, 30, "the window to show its library");
  return window;
}

void
gloss_ui_test_close_window (GlossWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (window));
  gloss_test_wait_last_ref (window, "WebKit to let go of the window");
  g_assert_finalize_object (window);
}

void
gloss_ui_test_destroy_window (GtkWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (window);
  gloss_test_wait_last_ref (window, "WebKit to let go of the window");
  g_object_unref (window);
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

  /* …and its notes read (off the main thread) for the annotator, or failed to be. */
  return g_strcmp0 (gloss_article_view_get_article_id (view), w->id) == 0
         && g_strcmp0 (webkit_web_view_get_uri (web_view), uri) == 0
         && !webkit_web_view_is_loading (web_view)
         && w->window->opening == NULL;
}

void
gloss_ui_test_wait_article (GlossWindow *window,
                            const char  *id)
{
  ArticleWait w = { window, id };

  gloss_test_wait_until (article_loaded, &w, 60, id);
}

typedef struct
{
  GdkPaintable  *paintable;
  int            width;
  int            height;
  GskRenderNode *node;
} Snapshot;

static gboolean
has_drawn (gpointer data)
{
  Snapshot *snapshot = data;
  GtkSnapshot *gtk_snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (snapshot->paintable, gtk_snapshot, snapshot->width, snapshot->height);
  snapshot->node = gtk_snapshot_free_to_node (gtk_snapshot);
  return snapshot->node != NULL;
}

void
gloss_ui_test_save_png (GtkWidget  *widget,
                        const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  Snapshot snapshot = { paintable, gtk_widget_get_width (widget), gtk_widget_get_height (widget) };
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_assert_nonnull (renderer);
  /* Between two frames a widget can have nothing to draw. */
  gloss_test_wait_until (has_drawn, &snapshot, 10, "the widget to draw");
  g_assert_nonnull (snapshot.node);
  texture = gsk_renderer_render_texture (renderer, snapshot.node,
                                         &GRAPHENE_RECT_INIT (0, 0, snapshot.width,
                                                              snapshot.height));
  gsk_render_node_unref (snapshot.node);
  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

gboolean
gloss_ui_test_bus_has_name (GDBusConnection *bus,
                            const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

GtkWindow *
gloss_ui_test_find_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == parent
          && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

GtkWidget *
gloss_ui_test_find_widget (GtkWidget *widget,
                           GType      type,
                           gboolean   mapped)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (!mapped || gtk_widget_get_mapped (widget)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gloss_ui_test_find_widget (child, type, mapped);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkTextView *
gloss_ui_test_find_text_view (GtkWidget *widget)
{
  return GTK_TEXT_VIEW (gloss_ui_test_find_widget (widget, GTK_TYPE_TEXT_VIEW, FALSE));
}

/* Highlighting */

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

  gloss_test_wait_until (highlighter_ready, highlighter, 30, "the highlighter to be ready");
  selected = gloss_test_call_string (gloss_highlighter_get_view (highlighter),
                                     GLOSS_HIGHLIGHTER_WORLD, select_body,
                                     text_args ("text", text));
  g_assert_cmpstr (selected, ==, text);
  gloss_test_wait_until (selection_is, &wait, 30, "the selection to be reported");
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

  color = gloss_test_call_string (gloss_highlighter_get_view (highlighter),
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
  gloss_test_wait_until (is_painted, &wait, 30, "the highlight to be painted");
  return g_strdup (wait.id);
}
