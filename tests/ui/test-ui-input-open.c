/* test-ui-input-open.c — an HTML file opened with Gloss (from the file
 * manager, or `gloss FILE`): the window offers to add it to the library,
 * and a real click on Add clips it, Escape leaves it out; an archive of
 * the library itself opens without asking
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-library.h"
#include "test-ui-input-private.h"

static guint
count_archives (Fixture *f)
{
  g_autoptr(GlossLibrary) library = gloss_library_new (f->library);
  g_autoptr(GPtrArray) archives = gloss_library_list_archives (library);

  return archives->len;
}

static GtkWidget *
offer_dialog (Fixture *f)
{
  return GTK_WIDGET (gloss_ui_test_find_dialog (GTK_WINDOW (f->window)));
}

static gboolean
offer_shown (gpointer data)
{
  return offer_dialog (data) != NULL;
}

/* Up, and with the keyboard: what a person waits for before a key. */
static gboolean
offer_focused (gpointer data)
{
  GtkWidget *dialog = offer_dialog (data);

  return dialog != NULL && gtk_window_is_active (GTK_WINDOW (dialog));
}

static gboolean
offer_gone (gpointer data)
{
  return offer_dialog (data) == NULL;
}

typedef struct
{
  Fixture *f;
  guint    n;
} CountWait;

static gboolean
archives_counted (gpointer data)
{
  CountWait *w = data;

  return count_archives (w->f) == w->n && _gloss_window_get_n_clips (w->f->window) == 0;
}

/* Opens the saved page full.html with Gloss; waits for the offer. */
static GtkWidget *
open_saved_page (Fixture *f,
                 char   **contents)
{
  g_autofree char *page = gloss_test_site_path ("full.html");
  const char *paths[] = { page, NULL };
  GtkWidget *dialog;

  g_assert_true (g_file_get_contents (page, contents, NULL, NULL));
  gloss_window_open_files (f->window, paths);
  gloss_test_wait_until (offer_shown, f, 10, "the offer to add the file");
  dialog = offer_dialog (f);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Add “full.html” to the Library?");
  return dialog;
}

static void
assert_page_untouched (const char *contents)
{
  g_autofree char *page = gloss_test_site_path ("full.html");
  g_autofree char *now = NULL;

  g_assert_true (g_file_get_contents (page, &now, NULL, NULL));
  g_assert_cmpstr (now, ==, contents);
}

static void
test_open_file_offers_import (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *contents = NULL;
  GtkWidget *dialog;
  CountWait w = { f, 2 };

  g_assert_cmpuint (count_archives (f), ==, 1);
  dialog = open_saved_page (f, &contents);
  gloss_test_wait_until (offer_focused, f, 10, "the offer to take the keyboard");
  input_screenshot (f, "open-file-offer");
  gloss_input_click (f->input, gloss_a11y_find (dialog, "button", "Add"));
  gloss_test_wait_until (offer_gone, f, 10, "the offer to go");
  gloss_test_wait_until (archives_counted, &w, 60, "the file clipped into the library");
  assert_page_untouched (contents);
}

static void
test_open_file_escape_leaves_it (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *contents = NULL;

  open_saved_page (f, &contents);
  gloss_test_wait_until (offer_focused, f, 10, "the offer to take the keyboard");
  gloss_input_key (f->input, GDK_KEY_Escape, 0);
  gloss_test_wait_until (offer_gone, f, 10, "the offer to go");
  /* A clip would have begun at once. */
  g_assert_cmpuint (_gloss_window_get_n_clips (f->window), ==, 0);
  g_assert_cmpuint (count_archives (f), ==, 1);
  assert_page_untouched (contents);
}

static gboolean
two_listed (gpointer data)
{
  Fixture *f = data;

  return gloss_library_model_count_articles (_gloss_window_get_model (f->window)) == 2;
}

static void
test_open_own_archive (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *other = gloss_test_library_clip (f->library, f->server, "/full.html",
                                                    GLOSS_CLIP_MODE_READER);
  g_autofree char *archive = gloss_test_library_archive_path (f->library, other);
  const char *paths[] = { archive, NULL };

  /* The folder monitor brings it in (a reload as well could replace the
   * row of the article it opens). */
  gloss_test_wait_until (two_listed, f, 30, "the new archive in the list");
  gloss_window_open_files (f->window, paths);
  gloss_ui_test_wait_article (f->window, other);
  g_assert_null (offer_dialog (f));
  g_assert_cmpuint (count_archives (f), ==, 2);
}

static gboolean
summary_shown (gpointer data)
{
  GtkWidget *dialog = offer_dialog (data);

  return dialog != NULL && gtk_window_is_active (GTK_WINDOW (dialog));
}

static gboolean
four_listed (gpointer data)
{
  Fixture *f = data;

  return gloss_library_model_count_articles (_gloss_window_get_model (f->window)) == 4;
}

/* The main menu has Import…; an export imported (what its file chooser
 * gives back) comes into the list while the window goes on, and a dialog
 * says what came in, closed with a real click. */
static void
test_import_export (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *wallabag = g_test_build_filename (G_TEST_DIST, "data", "import",
                                                     "wallabag.json", NULL);
  const char *paths[] = { wallabag, NULL };
  GtkWidget *dialog;
  const char *body;

  if (input_skipped ())
    return;
  gloss_input_click (f->input, gloss_a11y_find (GTK_WIDGET (f->window), "button",
                                                "Main Menu"));
  gloss_a11y_find (GTK_WIDGET (f->window), "menu item", "Import…");
  input_screenshot (f, "import-menu");
  gloss_input_key (f->input, GDK_KEY_Escape, 0);

  _gloss_window_import_files (f->window, paths);
  gloss_test_wait_until (four_listed, f, 60, "the three imported articles in the list");
  gloss_test_wait_until (summary_shown, f, 30, "the import's summary");
  dialog = offer_dialog (f);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Import Finished");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_cmpstr (body, ==, "3 articles added.\n7 highlights imported.");
  gloss_test_run_for (300);
  input_screenshot (f, "import-summary");
  gloss_input_click (f->input, gloss_a11y_find (dialog, "button", "Close"));
  gloss_test_wait_until (offer_gone, f, 10, "the summary to go");
}

/* An export opened with Gloss (from the file manager, or dropped): the
 * window offers to import it, and a real click on Import does. */
static void
test_open_export_offers_import (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *wallabag = g_test_build_filename (G_TEST_DIST, "data", "import",
                                                     "wallabag.json", NULL);
  const char *paths[] = { wallabag, NULL };
  GtkWidget *dialog;

  if (input_skipped ())
    return;
  gloss_window_open_files (f->window, paths);
  gloss_test_wait_until (offer_focused, f, 10, "the offer to import the export");
  dialog = offer_dialog (f);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Import “wallabag.json” from Wallabag?");
  gloss_test_run_for (300);
  input_screenshot (f, "open-export-offer");
  gloss_input_click (f->input, gloss_a11y_find (dialog, "button", "Import"));
  gloss_test_wait_until (four_listed, f, 60, "the three imported articles in the list");
  gloss_test_wait_until (summary_shown, f, 30, "the import's summary");
  gloss_input_key (f->input, GDK_KEY_Escape, 0);
  gloss_test_wait_until (offer_gone, f, 10, "the summary to go");
}

void
input_add_open_tests (void)
{
  input_add ("/input/open-file-offers-import", test_open_file_offers_import);
  input_add ("/input/open-file-escape-leaves-it", test_open_file_escape_leaves_it);
  input_add ("/input/open-own-archive", test_open_own_archive);
  input_add ("/input/import-export", test_import_export);
  input_add ("/input/open-export-offers-import", test_open_export_offers_import);
}
