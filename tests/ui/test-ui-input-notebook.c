/* test-ui-input-notebook.c — the notebook (every highlight of the library)
 * with a real pointer and keyboard: opened by its shortcut, searched,
 * filtered by colour, and a highlight clicked to open its article there
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "gloss-library.h"
#include "gloss-notebook.h"
#include "gloss-sidecar.h"
#include "test-ui-input-private.h"

/* Far down the seed article, out of sight when it opens at its top. */
static const char far_passage[] = "information-gathering tool";
static const char cost_passage[] = "compete on cost";
static const char press_passage[] = "the rollers had gone as hard as garden hose";
static const char river_passage[] = "keep their own maps";

/* Gives the article @id a highlight of @exact in @color, with @note. */
static void
annotate (Fixture    *f,
          const char *id,
          const char *exact,
          const char *color,
          const char *note)
{
  g_autofree char *archive = gloss_test_library_archive_path (f->library, id);
  g_autofree char *path = gloss_library_sidecar_path (archive);
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_load (path, NULL);
  g_autoptr(GError) error = NULL;
  GlossAnnotation *annotation = gloss_annotation_new ();

  g_assert_nonnull (sidecar);
  g_free (annotation->color);
  annotation->color = g_strdup (color);
  annotation->exact = g_strdup (exact);
  annotation->note = g_strdup (note);
  gloss_sidecar_add (sidecar, annotation);
  g_assert_true (gloss_sidecar_save (sidecar, &error));
  g_assert_no_error (error);
}

/* Three articles, four highlights in four colours, two with notes; the
 * window opens on no article. */
static void
notebook_fixture_setup (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *archive = NULL;
  g_autofree char *press = NULL;
  g_autofree char *river = NULL;

  if (input_skipped ())
    return;
  gloss_ui_test_reset_settings ();
  f->server = gloss_test_server_new ();
  f->library = gloss_test_library_new ();
  f->id = gloss_test_library_clip (f->library, f->server, "/seed.html", GLOSS_CLIP_MODE_READER);
  press = gloss_test_library_clip (f->library, f->server, "/full.html", GLOSS_CLIP_MODE_READER);
  river = gloss_test_library_clip (f->library, f->server, "/missing-image.html",
                                   GLOSS_CLIP_MODE_READER);
  archive = gloss_test_library_archive_path (f->library, f->id);
  f->sidecar = gloss_library_sidecar_path (archive);
  annotate (f, f->id, far_passage, "blue", "Where the data goes,\nand who reads it");
  annotate (f, press, press_passage, "green", "Replace them first");
  annotate (f, f->id, cost_passage, "pink", NULL);
  annotate (f, river, river_passage, "yellow", NULL);

  input_start_window (f);
}

static gboolean
notebook_loaded (gpointer data)
{
  Fixture *f = data;
  GlossNotebook *notebook = _gloss_window_get_notebook (f->window);

  return notebook != NULL && gtk_widget_get_mapped (GTK_WIDGET (notebook))
         && _gloss_notebook_get_loaded (notebook);
}

typedef struct
{
  Fixture *f;
  guint    n;
} ShownWait;

static gboolean
notebook_shows (gpointer data)
{
  ShownWait *wait = data;

  return notebook_loaded (wait->f)
         && _gloss_notebook_get_n_shown (_gloss_window_get_notebook (wait->f->window)) == wait->n;
}

static void
wait_shown (Fixture    *f,
            guint       n,
            const char *what)
{
  ShownWait wait = { f, n };

  gloss_test_wait_until (notebook_shows, &wait, 10, what);
}

static gboolean
has_keyboard_inside (gpointer widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
passage_in_sight (gpointer data)
{
  NoteWait *wait = data;

  return input_passage_in_sight (wait->f, wait->exact);
}

static void
notebook_screenshot (Fixture    *f,
                     const char *name)
{
  g_autofree char *file = g_strdup_printf ("input-%s-%s.png", input_on_wayland (f) ? "wayland" : "x11",
                                           name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "screenshots", file, NULL);
  GtkWidget *notebook = GTK_WIDGET (_gloss_window_get_notebook (f->window));

  if (!gloss_input_screenshot (f->input, notebook, path))
    gloss_ui_test_save_png (notebook, path);
}

static gboolean
notebook_is_narrow (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (_gloss_window_get_notebook (((Fixture *) data)->window))) <= 400;
}

/* Screenshots for a person to look at: narrow, and dark. */
static void
look_narrow_and_dark (Fixture *f)
{
  GtkWindow *notebook = GTK_WINDOW (_gloss_window_get_notebook (f->window));
  AdwStyleManager *style = adw_style_manager_get_default ();
  int width, height;

  gtk_window_get_default_size (notebook, &width, &height);
  gtk_window_set_default_size (notebook, 380, height);
  gloss_test_wait_until (notebook_is_narrow, f, 5, "the notebook to be narrow");
  gloss_test_run_for (300);
  notebook_screenshot (f, "notebook-narrow");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  gloss_test_run_for (300);
  notebook_screenshot (f, "notebook-narrow-dark");
  gtk_window_set_default_size (notebook, width, height);
  gloss_test_run_for (300);
  notebook_screenshot (f, "notebook-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gloss_test_run_for (300);
}

/* Opened with Ctrl+Alt+H it lists every highlight; a word typed in its
 * search narrows the list, a word nothing has empties it; the Blue filter
 * leaves the blue one, and a click on it opens its article there. */
static void
test_notebook (Fixture       *f,
               gconstpointer  data)
{
  NoteWait far = { f, far_passage };
  GtkWidget *notebook, *entry;

  if (input_skipped ())
    return;
  gloss_input_key (f->input, GDK_KEY_h, GDK_CONTROL_MASK | GDK_ALT_MASK);
  gloss_test_wait_until (notebook_loaded, f, 30, "the notebook to open and show its highlights");
  notebook = GTK_WIDGET (_gloss_window_get_notebook (f->window));
  wait_shown (f, 4, "every highlight of the library");
  gloss_a11y_find (notebook, "label", far_passage);
  gloss_a11y_find (notebook, "label", "Where the data goes,\nand who reads it");
  gloss_a11y_find (notebook, "label", cost_passage);
  gloss_a11y_find (notebook, "label", press_passage);
  gloss_a11y_find (notebook, "label", "Replace them first");
  gloss_a11y_find (notebook, "label", river_passage);
  gloss_test_run_for (300);
  notebook_screenshot (f, "notebook");
  look_narrow_and_dark (f);

  entry = gloss_a11y_find (notebook, "search box", "Search Highlights");
  gloss_input_click (f->input, entry);
  gloss_test_wait_until (has_keyboard_inside, entry, 5, "the search entry to take the keyboard");
  gloss_input_type (f->input, "garden");
  wait_shown (f, 1, "only the highlight with “garden” in it");
  gloss_a11y_find (notebook, "label", press_passage);
  g_assert_null (gloss_a11y_lookup (notebook, "label", far_passage));
  gloss_input_type (f->input, "xyzzy");
  wait_shown (f, 0, "nothing for “gardenxyzzy”");
  gloss_a11y_find (notebook, "label", "No Matching Highlights");
  gloss_input_key (f->input, GDK_KEY_Escape, 0);
  wait_shown (f, 4, "every highlight again once the search is cleared");

  gloss_input_click (f->input, gloss_a11y_find (notebook, "button", "Blue"));
  wait_shown (f, 1, "only the blue highlight");
  gloss_test_run_for (300);
  notebook_screenshot (f, "notebook-blue");
  gloss_input_click (f->input, gloss_a11y_find (notebook, "label", far_passage));
  gloss_ui_test_wait_article (f->window, f->id);
  gloss_test_wait_until (passage_in_sight, &far, 10, "the article to open at the highlight");
  g_assert_cmpfloat (input_scroll_y (f), >, 0);
}

static gboolean
toast_shown (gpointer data)
{
  Fixture *f = data;

  return _gloss_notebook_get_last_toast (_gloss_window_get_notebook (f->window)) != NULL;
}

/* Export… writes what is shown, grouped by article, and says where. */
static void
test_notebook_export (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->library, "notebook-export.md", NULL);
  g_autofree char *markdown = NULL;
  g_autofree char *link = NULL;
  GlossNotebook *notebook;

  if (input_skipped ())
    return;
  gloss_input_key (f->input, GDK_KEY_h, GDK_CONTROL_MASK | GDK_ALT_MASK);
  wait_shown (f, 4, "every highlight of the library");
  notebook = _gloss_window_get_notebook (f->window);
  /* By article: a heading a group, in the order of the titles. */
  gloss_input_click (f->input, gloss_a11y_find (GTK_WIDGET (notebook), "button", "Sort"));
  gloss_input_click (f->input, gloss_a11y_find (GTK_WIDGET (notebook), "menu item", "By Article"));
  wait_shown (f, 4, "every highlight, by article");
  g_assert_cmpstr (gloss_notebook_get_sort (notebook), ==, "article");
  gloss_a11y_find (GTK_WIDGET (notebook), "label", "Field Notes: Restoring a 1960s Letterpress");
  gloss_test_run_for (300);
  notebook_screenshot (f, "notebook-by-article");
  gloss_input_click (f->input, gloss_a11y_find (GTK_WIDGET (notebook), "button", "Pink"));
  wait_shown (f, 1, "only the pink highlight");
  _gloss_notebook_export_to (notebook, path);
  gloss_test_wait_until (toast_shown, f, 10, "the toast saying where the export went");
  g_assert_cmpstr (_gloss_notebook_get_last_toast (notebook), ==,
                   "1 highlight exported to “notebook-export.md”");
  g_assert_true (g_file_get_contents (path, &markdown, NULL, NULL));
  link = g_strdup_printf ("](gloss://open/%s)\n\n> %s\n", f->id, cost_passage);
  g_assert_nonnull (strstr (markdown, link));
  g_assert_null (strstr (markdown, far_passage));
  g_unlink (path);
}

void
input_add_notebook_tests (void)
{
  g_test_add ("/input/notebook", Fixture, NULL, notebook_fixture_setup, test_notebook,
              input_fixture_teardown);
  g_test_add ("/input/notebook-export", Fixture, NULL, notebook_fixture_setup,
              test_notebook_export, input_fixture_teardown);
}
