/* test-ui-clip.c — clipping from the window against a loopback server: the
 * row appears at once with progress, then the article opens; cancel leaves no
 * file; a failure says why, with Retry; several clips run at once; paste, the
 * clip popover and gloss://open links
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-library-row.h"
#include "gloss-ui-test.h"

typedef struct
{
  GlossTestServer *server;
  char            *library;
  GlossWindow     *window;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gloss_ui_test_reset_settings ();
  f->server = gloss_test_server_new ();
  f->library = gloss_test_library_new ();
  f->window = gloss_ui_test_open_window (f->library);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gloss_ui_test_close_window (f->window);
  gloss_test_library_free (f->library);
  gloss_test_server_free (f->server);
}

static gboolean
clips_done (gpointer data)
{
  return _gloss_window_get_n_clips (data) == 0;
}

static gboolean
clip_started (gpointer data)
{
  return _gloss_window_get_n_clips (data) > 0;
}

static GlossLibraryItem *
clipping_item (GlossWindow *window)
{
  GListModel *model = G_LIST_MODEL (_gloss_window_get_model (window));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GlossLibraryItem) item = g_list_model_get_item (model, i);

      if (gloss_library_item_get_clipping (item))
        return item;
    }
  return NULL;
}

static GtkWidget *
find_clipping_row (GtkWidget *widget)
{
  if (GLOSS_IS_LIBRARY_ROW (widget) && gloss_library_row_get_item (GLOSS_LIBRARY_ROW (widget))
      && gloss_library_item_get_clipping (gloss_library_row_get_item (GLOSS_LIBRARY_ROW (widget))))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_clipping_row (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_visible (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_visible (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_visible (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  double max_fraction;
  guint  between;  /* notifications strictly between 0 and 1 */
} Progress;

static void
on_fraction (GlossLibraryItem *item,
             GParamSpec       *pspec,
             Progress         *p)
{
  double fraction = gloss_library_item_get_fraction (item);

  p->max_fraction = MAX (p->max_fraction, fraction);
  if (fraction > 0.0 && fraction < 1.0)
    p->between++;
}

static gboolean
shows_clipping_row (gpointer window)
{
  return find_clipping_row (GTK_WIDGET (_gloss_window_get_list_view (window))) != NULL;
}

typedef struct
{
  GlossTestServer *server;
  const char      *path;
} HitWait;

static gboolean
server_was_asked (gpointer data)
{
  HitWait *wait = data;

  return gloss_test_server_hits (wait->server, wait->path) > 0;
}

/* Waits until the clip has asked @server for @path. */
static void
wait_hit (GlossTestServer *server,
          const char      *path)
{
  HitWait wait = { server, path };

  gloss_test_wait_until (server_was_asked, &wait, 10, path);
}

static void
test_clip_shows_progress_then_opens (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/gallery.html");
  g_autoptr(GlossLibraryItem) item = NULL;
  GtkWidget *row;
  Progress progress = { 0 };
  const char *id;

  gloss_window_clip (f->window, url, "full");

  /* At once: a row, with a progress bar and a cancel button, and no empty page. */
  item = g_object_ref (clipping_item (f->window));
  g_signal_connect (item, "notify::fraction", G_CALLBACK (on_fraction), &progress);
  g_assert_cmpstr (_gloss_window_get_visible_page (f->window), !=, "empty");
  gloss_test_wait_until (shows_clipping_row, f->window, 10, "the clip's row");
  row = find_clipping_row (GTK_WIDGET (_gloss_window_get_list_view (f->window)));
  g_assert_nonnull (row);
  g_assert_nonnull (find_visible (row, GTK_TYPE_PROGRESS_BAR));
  g_assert_nonnull (find_visible (row, GTK_TYPE_BUTTON));

  gloss_test_wait_until (clips_done, f->window, 60, "the clip");
  g_assert_cmpfloat (progress.max_fraction, ==, 1.0);
  g_assert_cmpuint (progress.between, >=, 3);  /* 12 pictures come one by one */
  g_signal_handlers_disconnect_by_data (item, &progress);

  /* Then it opens. */
  g_assert_cmpuint (gloss_library_model_count_articles (_gloss_window_get_model (f->window)), ==, 1);
  id = gloss_article_view_get_article_id (_gloss_window_get_article_view (f->window));
  g_assert_nonnull (id);
  gloss_ui_test_wait_article (f->window, id);
  g_assert_cmpstr (_gloss_window_get_visible_page (f->window), ==, "article");
  g_assert_cmpuint (gloss_test_library_count_archives (f->library), ==, 1);
  g_assert_null (_gloss_window_get_last_toast (f->window));
}

static void
test_cancel_leaves_no_file (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/slow");
  g_autofree char *gallery = gloss_test_server_url (f->server, "/gallery.html");
  GlossLibraryItem *item;

  /* While the page is still coming … */
  gloss_window_clip (f->window, url, NULL);
  item = clipping_item (f->window);
  g_assert_nonnull (item);
  wait_hit (f->server, "/slow");
  gloss_library_item_cancel (item);
  gloss_test_wait_until (clips_done, f->window, 10, "the cancelled clip to go");

  /* … and while its pictures are. */
  gloss_window_clip (f->window, gallery, "full");
  item = clipping_item (f->window);
  wait_hit (f->server, "/delayed/0.png");
  gloss_library_item_cancel (item);
  gloss_test_wait_until (clips_done, f->window, 10, "the cancelled clip to go");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (_gloss_window_get_model (f->window))),
                    ==, 0);
  g_assert_cmpuint (gloss_test_library_count_archives (f->library), ==, 0);
  g_assert_null (_gloss_window_get_last_toast (f->window));
  g_assert_cmpstr (_gloss_window_get_visible_page (f->window), ==, "empty");
}

static gboolean
runs_scripts (gpointer data)
{
  GlossLibraryItem *item = data;

  return g_strcmp0 (gloss_library_item_get_status (item), "Running the page’s scripts…") == 0;
}

/* A page whose article its script writes: the window runs it, says so in
 * the row, and opens the article; cancelled while it runs, nothing stays. */
static void
test_script_page (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/shell.html");
  g_autofree char *archive = NULL;
  g_autoptr(GlossLibraryItem) item = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;
  g_autofree char *path = NULL;

  gloss_test_server_set_page (f->server, "/shell.html",
                              "<!doctype html><html><head><title>Shell</title></head><body>"
                              "<div id='app'></div><noscript>Please enable JavaScript.</noscript>"
                              "<script>setTimeout (() => { document.getElementById ('app').innerHTML ="
                              " '<article><h1>From a script</h1>' + '<p>A paragraph only scripts "
                              "write, long enough to be read as the article of the page.</p>'.repeat (6)"
                              " + '</article>'; document.title = 'From a script'; }, 200);</script>"
                              "</body></html>");
  gloss_window_clip (f->window, url, NULL);
  item = g_object_ref (clipping_item (f->window));
  gloss_test_wait_until (runs_scripts, item, 20, "the row to say the page's scripts run");
  gloss_library_item_cancel (item);
  gloss_test_wait_until (clips_done, f->window, 10, "the cancelled clip to go");
  g_assert_cmpuint (gloss_test_library_count_archives (f->library), ==, 0);
  g_assert_null (_gloss_window_get_last_toast (f->window));

  gloss_window_clip (f->window, url, NULL);
  gloss_test_wait_until (clips_done, f->window, 60, "the clip of the page its script writes");
  g_assert_null (_gloss_window_get_last_toast (f->window));
  id = gloss_article_view_get_article_id (_gloss_window_get_article_view (f->window));
  g_assert_nonnull (id);
  gloss_ui_test_wait_article (f->window, id);
  path = g_strconcat (f->library, "/", id, ".html", NULL);
  g_assert_true (g_file_get_contents (path, &archive, NULL, &error));
  g_assert_nonnull (strstr (archive, "A paragraph only scripts write"));
  g_assert_nonnull (strstr (archive, "<title>From a script</title>"));
}

static void
test_failure_says_why (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/status/404");
  const char *toast;

  gloss_window_clip (f->window, url, NULL);
  gloss_test_wait_until (clips_done, f->window, 30, "the failing clip");

  toast = _gloss_window_get_last_toast (f->window);
  g_assert_nonnull (toast);
  g_test_message ("Toast: %s", toast);
  g_assert_nonnull (strstr (toast, "404"));
  g_assert_nonnull (strstr (toast, "127.0.0.1"));
  g_assert_null (strstr (toast, url));  /* the site, not the whole address */
  g_assert_cmpuint (gloss_test_library_count_archives (f->library), ==, 0);
  g_assert_cmpstr (_gloss_window_get_visible_page (f->window), ==, "empty");

  /* "Retry" runs the same clip again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clip-url", "(ss)",
                                             url, "reader"));
  g_assert_cmpuint (_gloss_window_get_n_clips (f->window), ==, 1);
  gloss_test_wait_until (clips_done, f->window, 30, "the retried clip");
}

static void
test_several_at_once (Fixture       *f,
                      gconstpointer  data)
{
  const char *paths[] = { "/seed.html", "/full.html", "/gallery.html", "/missing-image.html" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *url = gloss_test_server_url (f->server, paths[i]);
      gloss_window_clip (f->window, url, i == 2 ? "full" : "reader");
    }
  g_assert_cmpuint (_gloss_window_get_n_clips (f->window), ==, G_N_ELEMENTS (paths));
  gloss_test_wait_until (clips_done, f->window, 90, "four clips");
  g_assert_cmpuint (gloss_library_model_count_articles (_gloss_window_get_model (f->window)), ==,
                    G_N_ELEMENTS (paths));
  g_assert_cmpuint (gloss_test_library_count_archives (f->library), ==, G_N_ELEMENTS (paths));
}

static gboolean
has_toast (gpointer window)
{
  return _gloss_window_get_last_toast (window) != NULL;
}

static void
test_paste_clips (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/seed.html");
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));

  gdk_clipboard_set_text (clipboard, "not a link at all");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.paste-link", NULL);
  gloss_test_wait_until (has_toast, f->window, 10, "the window to say that is no link");
  g_assert_cmpuint (_gloss_window_get_n_clips (f->window), ==, 0);
  g_assert_nonnull (_gloss_window_get_last_toast (f->window));

  gdk_clipboard_set_text (clipboard, url);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.paste-link", NULL);
  gloss_test_wait_until (clip_started, f->window, 10, "the pasted link to clip");
  gloss_test_wait_until (clips_done, f->window, 60, "the pasted clip");
  g_assert_cmpuint (gloss_test_library_count_archives (f->library), ==, 1);
}

static gboolean
entry_filled (gpointer data)
{
  return *gtk_editable_get_text (data) != '\0';
}

static void
test_popover_prefills_and_clips (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/seed.html");
  GtkEditable *entry = _gloss_window_get_clip_entry (f->window);
  GlossLibraryItem *item;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (f->window)), url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clip", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (_gloss_window_get_clip_popover (f->window))));
  gloss_test_wait_until (entry_filled, entry, 10, "the entry to take the clipboard's link");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, url);

  g_signal_emit_by_name (entry, "activate");
  item = clipping_item (f->window);
  g_assert_nonnull (item);
  g_assert_cmpstr (gloss_library_item_get_mode (item), ==, "reader");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (_gloss_window_get_clip_popover (f->window))));
  gloss_test_wait_until (clips_done, f->window, 60, "the clip");
}

static void
test_open_location (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = gloss_test_library_clip (f->library, f->server, "/seed.html",
                                                 GLOSS_CLIP_MODE_READER);
  g_autofree char *link = g_strconcat ("gloss://open/", id, "#urn:uuid:0000", NULL);
  g_autofree char *file = gloss_test_site_path ("full.html");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reload-library", NULL);
  gloss_test_wait_until ((GlossTestPredicate) _gloss_window_get_loaded, f->window, 10,
                         "the library to reload");

  gloss_window_open_location (f->window, link);
  gloss_ui_test_wait_article (f->window, id);

  /* A saved page is clipped like a link. */
  gloss_window_open_location (f->window, file);
  g_assert_cmpuint (_gloss_window_get_n_clips (f->window), ==, 1);
  gloss_test_wait_until (clips_done, f->window, 60, "the file's clip");
  g_assert_cmpuint (gloss_test_library_count_archives (f->library), ==, 2);

  /* gloss://clip?url=…&mode=full, as a bookmarklet sends it: that page,
   * whole; one that names no web address says so. */
  {
    g_autofree char *url = gloss_test_server_url (f->server, "/full.html?from=link");
    g_autofree char *escaped = g_uri_escape_string (url, NULL, FALSE);
    g_autofree char *clip = g_strconcat ("gloss://clip?url=", escaped, "&mode=full", NULL);
    g_autoptr(GlossLibrary) library = gloss_library_new (f->library);
    g_autofree char *archive = NULL;
    g_autoptr(GlossArchiveInfo) info = NULL;

    gloss_window_open_location (f->window, clip);
    g_assert_cmpuint (_gloss_window_get_n_clips (f->window), ==, 1);
    gloss_test_wait_until (clips_done, f->window, 60, "the link's clip");
    g_assert_cmpuint (gloss_test_library_count_archives (f->library), ==, 3);
    archive = gloss_library_find_archive (library, url, NULL);
    g_assert_nonnull (archive);
    info = gloss_archive_read_info (archive, NULL);
    g_assert_cmpstr (info->mode, ==, "full");
    gloss_window_open_location (f->window, "gloss://clip?url=javascript%3Aalert(1)");
    g_assert_cmpuint (_gloss_window_get_n_clips (f->window), ==, 0);
    g_assert_cmpstr (_gloss_window_get_last_toast (f->window), ==,
                     "“gloss://clip?url=javascript%3Aalert(1)” names no web address to clip");
  }
}

static gboolean
drop_on (GlossWindow  *window,
         const GValue *value)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          g_signal_emit_by_name (controller, "drop", value, 10.0, 10.0, &accepted);
          return accepted;
        }
    }
  g_error ("The window takes no drops");
}

static gboolean
two_clips_begun (gpointer data)
{
  Fixture *f = data;

  return _gloss_window_get_n_clips (f->window) + gloss_test_library_count_archives (f->library) >= 2;
}

static gboolean
offer_shown (gpointer window)
{
  return gloss_ui_test_find_dialog (window) != NULL;
}

/* A link dropped from a browser, a saved page dropped from a file manager
 * (read in a worker first: it is not an export); an export dropped is
 * offered for import. */
static void
test_drop_clips (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/seed.html");
  g_autofree char *uri_list = g_strconcat (url, "\r\n", NULL);
  g_autofree char *path = gloss_test_site_path ("full.html");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GFile *files[] = { file };
  g_auto(GValue) text = G_VALUE_INIT;
  g_auto(GValue) file_list = G_VALUE_INIT;
  g_auto(GValue) nothing = G_VALUE_INIT;

  g_value_init (&text, G_TYPE_STRING);
  g_value_set_string (&text, uri_list);
  g_assert_true (drop_on (f->window, &text));
  g_assert_cmpuint (_gloss_window_get_n_clips (f->window), ==, 1);

  g_value_init (&file_list, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&file_list, gdk_file_list_new_from_array (files, 1));
  g_assert_true (drop_on (f->window, &file_list));
  gloss_test_wait_until (two_clips_begun, f, 10, "the dropped page clipped");

  g_value_init (&nothing, G_TYPE_STRING);
  g_value_set_string (&nothing, "just some words");
  g_assert_false (drop_on (f->window, &nothing));

  gloss_test_wait_until (clips_done, f->window, 60, "the dropped clips");
  g_assert_cmpuint (gloss_test_library_count_archives (f->library), ==, 2);

  {
    g_autofree char *export_path = g_test_build_filename (G_TEST_DIST, "data", "import",
                                                          "wallabag.json", NULL);
    g_autoptr(GFile) export = g_file_new_for_path (export_path);
    GFile *exports[] = { export };
    g_auto(GValue) export_list = G_VALUE_INIT;
    GtkWindow *offer;

    g_value_init (&export_list, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&export_list, gdk_file_list_new_from_array (exports, 1));
    g_assert_true (drop_on (f->window, &export_list));
    gloss_test_wait_until (offer_shown, f->window, 10, "the offer to import the export");
    offer = gloss_ui_test_find_dialog (GTK_WINDOW (f->window));
    g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (offer)), ==,
                     "Import “wallabag.json” from Wallabag?");
    gtk_window_destroy (offer);
    g_assert_cmpuint (_gloss_window_get_n_clips (f->window), ==, 0);
  }
}

/* The preferences' size limit holds for clips from the window: what would
 * go past it is left out, and a toast says so. */
static void
test_size_limit_setting (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GString) page = g_string_new ("<html><head><title>Plates</title></head><body>"
                                          "<article><h1>Plates</h1>");
  g_autofree char *url = gloss_test_server_url (f->server, "/plates.html");
  const char *toast;

  for (guint i = 0; i < 6; i++)
    g_string_append_printf (page, "<p>Plate %u shows the harbour at dawn, its cranes and its "
                                  "boats, drawn by hand.</p><img src=\"/generated/400000/%u.png\" "
                                  "alt=\"Plate %u\">", i, i, i);
  g_string_append (page, "</article></body></html>");
  gloss_test_server_set_page (f->server, "/plates.html", page->str);
  g_settings_set_int (settings, "clip-max-size", 1);

  gloss_window_clip (f->window, url, NULL);
  gloss_test_wait_until (clips_done, f->window, 60, "the clip");
  toast = _gloss_window_get_last_toast (f->window);
  g_assert_nonnull (toast);
  g_test_message ("Toast: %s", toast);
  g_assert_nonnull (strstr (toast, "Saved without 5 pictures"));
  g_assert_nonnull (strstr (toast, "limit"));
  g_assert_cmpuint (gloss_test_library_count_archives (f->library), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  gloss_ui_test_init (&argc, &argv, "gloss-test-ui-clip");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ui/clip/progress-then-opens", test_clip_shows_progress_then_opens);
  ADD ("/ui/clip/cancel-leaves-no-file", test_cancel_leaves_no_file);
  ADD ("/ui/clip/script-page", test_script_page);
  ADD ("/ui/clip/failure-says-why", test_failure_says_why);
  ADD ("/ui/clip/several-at-once", test_several_at_once);
  ADD ("/ui/clip/paste", test_paste_clips);
  ADD ("/ui/clip/popover", test_popover_prefills_and_clips);
  ADD ("/ui/clip/open-location", test_open_location);
  ADD ("/ui/clip/drop", test_drop_clips);
  ADD ("/ui/clip/size-limit-setting", test_size_limit_setting);
#undef ADD

  return g_test_run ();
}
