/* test-ui-screenshots.c — the window's main states, saved as PNG
 *
 * Writes screenshots/{empty,library,article,dark,clip,narrow,annotated}.png under the
 * build directory; the best of them go to data/screenshots/.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-preferences-window.h"
#include "gloss-ui-test.h"

static char *
screenshot_path (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);

  return g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                           "screenshots", file, NULL);
}

static void
save (gpointer    window,
      const char *name)
{
  g_autofree char *path = screenshot_path (name);

  /* Let transitions and the web view's first paint finish. Kept as time:
   * nothing signals that WebKit has painted, and a screenshot asserts
   * nothing about what it shows. */
  gloss_test_run_for (1200);
  gloss_ui_test_save_png (GTK_WIDGET (window), path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static gboolean
clips_done (gpointer data)
{
  return _gloss_window_get_n_clips (data) == 0;
}

static gboolean
clips_under_way (gpointer server)
{
  return gloss_test_server_hits (server, "/slow") > 0
         && gloss_test_server_hits (server, "/delayed/0.png") > 0;
}

static void
cancel_clips (GlossWindow *window)
{
  GListModel *model = G_LIST_MODEL (_gloss_window_get_model (window));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GlossLibraryItem) item = g_list_model_get_item (model, i);
      gloss_library_item_cancel (item);
    }
  gloss_test_wait_until (clips_done, window, 10, "the clips to stop");
}

static void
test_screenshots (void)
{
  g_autoptr(GlossTestServer) server = gloss_test_server_new ();
  char *empty = gloss_test_library_new ();
  char *library = gloss_test_library_new ();
  g_autofree char *seed = NULL;
  g_autofree char *slow = gloss_test_server_url (server, "/slow");
  g_autofree char *gallery = gloss_test_server_url (server, "/gallery.html");
  g_autofree char *clipping = screenshot_path ("clipping");
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GlossWindow *window;

  gloss_ui_test_reset_settings ();
  g_settings_set_int (settings, "window-width", 1200);
  g_settings_set_int (settings, "window-height", 780);

  window = gloss_ui_test_open_window (empty);
  save (window, "empty");
  gloss_ui_test_close_window (window);

  g_free (gloss_test_library_clip (library, server, "/full.html", GLOSS_CLIP_MODE_FULL));
  g_free (gloss_test_library_clip (library, server, "/missing-image.html", GLOSS_CLIP_MODE_READER));
  g_free (gloss_test_library_clip (library, server, "/hostile.html", GLOSS_CLIP_MODE_READER));
  seed = gloss_test_library_clip (library, server, "/seed.html", GLOSS_CLIP_MODE_READER);
  g_settings_set_string (settings, "last-article", "");

  window = gloss_ui_test_open_window (library);
  save (window, "library");

  g_assert_true (gloss_window_open_article (window, seed));
  gloss_ui_test_wait_article (window, seed);
  save (window, "article");

  /* The desktop turns dark; the "system" theme follows it, window and article. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  save (window, "dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  g_settings_set_string (settings, "reader-theme", "sepia");
  save (window, "sepia");
  g_settings_reset (settings, "reader-theme");
  /* The theme's transition, as in save (). */
  gloss_test_run_for (800);

  /* Clips in progress: one waiting for its page, one fetching pictures. */
  gloss_window_clip (window, slow, NULL);
  gloss_window_clip (window, gallery, "full");
  gloss_test_wait_until (clips_under_way, server, 10, "both clips to be under way");
  gloss_ui_test_save_png (GTK_WIDGET (window), clipping);
  cancel_clips (window);

  /* Narrow, as on a phone: the sidebar folds away over the article. */
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 760);
  save (window, "narrow");
  g_assert_true (adw_flap_get_folded (_gloss_window_get_flap (window)));
  adw_flap_set_reveal_flap (_gloss_window_get_flap (window), TRUE);
  save (window, "narrow-sidebar");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 780);
  adw_flap_set_reveal_flap (_gloss_window_get_flap (window), TRUE);
  save (window, "wide-again");

  /* Find in the article. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  gtk_editable_set_text (GTK_EDITABLE (gtk_window_get_focus (GTK_WINDOW (window))), "Alibaba");
  save (window, "find");
  gloss_article_view_stop_find (_gloss_window_get_article_view (window));

  /* Read with a pen: three highlights, a note, the notes pane open. */
  {
    g_autofree char *noted = NULL;
    GlossAnnotator *annotator = _gloss_window_get_annotator (window);
    GlossAnnotation *annotation;

    g_free (gloss_ui_test_highlight (window, "biggest Internet company in China", "green"));
    noted = gloss_ui_test_highlight (window, "Details about the size and opening date of the data center",
                                     "yellow");
    g_free (gloss_ui_test_highlight (window, "Huge as Alibaba may be in China", "blue"));
    annotation = gloss_sidecar_find (gloss_annotator_get_article (annotator)->sidecar, noted);
    annotation->note = g_strdup ("Cloud first, **consumers later**: the same path as AWS.");
    g_signal_emit_by_name (_gloss_window_get_annotations_pane (window), "changed");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-notes", NULL));
    g_assert_true (adw_flap_get_reveal_flap (_gloss_window_get_notes_flap (window)));
    gloss_annotator_reveal (annotator, noted);
    save (window, "annotated");
  }

  gloss_ui_test_close_window (window);
  gloss_test_library_free (library);
  gloss_test_library_free (empty);
}

static void
test_preferences_and_shortcuts (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *preferences;
  GtkWindow *shortcuts;

  gloss_ui_test_reset_settings ();
  g_setenv ("GLOSS_LIBRARY", "/home/ada/Documents/Gloss", TRUE);

  preferences = g_object_ref_sink (gloss_preferences_window_new ());
  gtk_window_present (GTK_WINDOW (preferences));
  save (GTK_WIDGET (preferences), "preferences");
  gtk_window_destroy (GTK_WINDOW (preferences));
  gloss_test_wait_last_ref (preferences, "the preferences window to be let go");
  g_assert_finalize_object (preferences);

  builder = gtk_builder_new_from_resource ("/io/github/glossapp/Gloss/gtk/help-overlay.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  gtk_window_set_default_size (shortcuts, 1000, 700);
  gtk_window_present (shortcuts);
  save (GTK_WIDGET (shortcuts), "shortcuts");
  gtk_window_destroy (shortcuts);
}

int
main (int    argc,
      char **argv)
{
  gloss_ui_test_init (&argc, &argv, "gloss-test-ui-screenshots");

  g_test_add_func ("/ui/screenshots/window", test_screenshots);
  g_test_add_func ("/ui/screenshots/preferences-and-shortcuts", test_preferences_and_shortcuts);

  return g_test_run ();
}
