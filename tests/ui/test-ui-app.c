/* test-ui-app.c — the application: `gloss URL` clips into the window, the
 * shortcuts window and the app's own shortcuts, preferences bound to settings
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-application.h"
#include "gloss-preferences-window.h"
#include "gloss-ui-test.h"

static gboolean
clipped_one (gpointer data)
{
  GlossWindow *window = data;

  return _gloss_window_get_n_clips (window) == 0
         && gloss_library_model_count_articles (_gloss_window_get_model (window)) == 1;
}

static gboolean
clipped_two (gpointer data)
{
  GlossWindow *window = data;

  return _gloss_window_get_n_clips (window) == 0
         && gloss_library_model_count_articles (_gloss_window_get_model (window)) == 2;
}

static gboolean
has_no_window (gpointer app)
{
  return gtk_application_get_active_window (app) == NULL;
}

static gboolean
offers_a_file (gpointer window)
{
  return gloss_ui_test_find_dialog (window) != NULL;
}

static gboolean
offers_nothing (gpointer window)
{
  return gloss_ui_test_find_dialog (window) == NULL;
}

static void
test_open_clips_into_window (void)
{
  g_autoptr(GlossTestServer) server = gloss_test_server_new ();
  char *library = gloss_test_library_new ();
  g_autofree char *url = gloss_test_server_url (server, "/seed.html");
  g_autoptr(GlossApplication) app = gloss_application_new ();
  g_autoptr(GFile) file = g_file_new_for_uri (url);
  g_autoptr(GError) error = NULL;
  g_autofree char **quit_accels = NULL;
  GFile *files[] = { file };
  GtkWindow *window;

  gloss_ui_test_reset_settings ();
  g_setenv ("GLOSS_LIBRARY", library, TRUE);
  /* In process, without a session bus: no other instance to hand over to. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_application_open (G_APPLICATION (app), files, 1, "");
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (GLOSS_IS_WINDOW (window));
  g_assert_cmpstr (gloss_window_get_library_dir (GLOSS_WINDOW (window)), ==, library);
  g_assert_cmpuint (_gloss_window_get_n_clips (GLOSS_WINDOW (window)), ==, 1);
  gloss_test_wait_until (clipped_one, window, 60, "the clip from the command line");

  /* A saved page opened with Gloss (the file manager, `gloss FILE`) is
   * offered for the library, not clipped at once. */
  {
    g_autofree char *page = gloss_test_site_path ("full.html");
    g_autoptr(GFile) saved = g_file_new_for_path (page);
    GFile *opened[] = { saved };

    g_application_open (G_APPLICATION (app), opened, 1, "");
    gloss_test_wait_until (offers_a_file, window, 10, "the offer to add the saved page");
    g_assert_cmpuint (_gloss_window_get_n_clips (GLOSS_WINDOW (window)), ==, 0);
    gtk_window_close (gloss_ui_test_find_dialog (window));
    gloss_test_wait_until (offers_nothing, window, 10, "the offer to go");
  }

  /* A gloss://clip link (a bookmarklet, the browser) clips its URL. */
  {
    g_autofree char *page = gloss_test_server_url (server, "/full.html");
    g_autofree char *escaped = g_uri_escape_string (page, NULL, FALSE);
    g_autofree char *link = g_strconcat ("gloss://clip?url=", escaped, NULL);
    g_autoptr(GFile) clip = g_file_new_for_uri (link);
    GFile *opened[] = { clip };

    g_application_open (G_APPLICATION (app), opened, 1, "");
    g_assert_cmpuint (_gloss_window_get_n_clips (GLOSS_WINDOW (window)), ==, 1);
    gloss_test_wait_until (clipped_two, window, 60, "the gloss://clip link clipped");
  }

  /* The shortcuts window is the window's, the app's shortcuts are set. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  quit_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_cmpstr (quit_accels[0], ==, "<Control>q");
  g_strfreev (g_steal_pointer (&quit_accels));
  quit_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");
  g_assert_cmpstr (quit_accels[0], ==, "<Control>comma");
  g_strfreev (g_steal_pointer (&quit_accels));

  /* The theme setting drives the whole app's style. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
    AdwStyleManager *style = adw_style_manager_get_default ();

    g_settings_set_string (settings, "reader-theme", "dark");
    g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
    g_settings_set_string (settings, "reader-theme", "sepia");
    g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
    g_settings_reset (settings, "reader-theme");
    g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);
  }

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  gloss_test_wait_until (has_no_window, app, 10, "the window to close");
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_application_quit (G_APPLICATION (app));
  gloss_test_library_free (library);
  g_setenv ("GLOSS_LIBRARY", "/nonexistent/gloss-test-library-must-be-set-explicitly", TRUE);
}

static AdwComboRow *
find_combo_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_COMBO_ROW (widget)
      && g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title))
    return ADW_COMBO_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *row = find_combo_row (child, title);
      if (row != NULL)
        return row;
    }
  return NULL;
}

static void
test_preferences_bound_to_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *preferences;
  AdwComboRow *theme, *width, *mode, *font;
  g_autofree char *nick = NULL;

  gloss_ui_test_reset_settings ();
  preferences = g_object_ref_sink (gloss_preferences_window_new ());
  gtk_window_present (GTK_WINDOW (preferences));

  theme = find_combo_row (preferences, "_Theme");
  width = find_combo_row (preferences, "Line _Width");
  mode = find_combo_row (preferences, "Default _Clip Mode");
  font = find_combo_row (preferences, "_Font");
  g_assert_nonnull (theme);
  g_assert_nonnull (width);
  g_assert_nonnull (mode);
  g_assert_nonnull (font);
  g_assert_cmpuint (adw_combo_row_get_selected (theme), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (width), ==, 1);

  adw_combo_row_set_selected (theme, 2);
  nick = g_settings_get_string (settings, "reader-theme");
  g_assert_cmpstr (nick, ==, "sepia");
  g_settings_set_string (settings, "reader-width", "wide");
  g_assert_cmpuint (adw_combo_row_get_selected (width), ==, 2);
  adw_combo_row_set_selected (mode, 1);
  g_assert_cmpint (g_settings_get_enum (settings, "clip-mode"), ==, 1);
  adw_combo_row_set_selected (font, 1);
  g_assert_cmpint (g_settings_get_enum (settings, "reader-font"), ==, 1);

  gtk_window_destroy (GTK_WINDOW (preferences));
  gloss_test_wait_last_ref (preferences, "the preferences window to be let go");
  g_assert_finalize_object (preferences);
  gloss_ui_test_reset_settings ();
}

int
main (int    argc,
      char **argv)
{
  gloss_ui_test_init (&argc, &argv, "gloss-test-ui-app");

  g_test_add_func ("/ui/app/open-clips-into-window", test_open_clips_into_window);
  g_test_add_func ("/ui/app/preferences-bound-to-settings", test_preferences_bound_to_settings);

  return g_test_run ();
}
