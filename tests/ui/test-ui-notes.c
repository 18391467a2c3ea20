/* test-ui-notes.c — highlighting in the real window: the annotator of the
 * article shown, the notes pane, the library's counts, exporting notes
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb: xvfb-run -a -s "-screen 0 1280x1024x24" test-ui-notes
 */
#include "config.h"

#include <math.h>

#include <string.h>

#include <glib/gstdio.h>

#include "gloss-annotation-row.h"
#include "gloss-article.h"
#include "gloss-library.h"
#include "gloss-sidecar.h"
#include "gloss-text-placeholder.h"
#include "gloss-ui-test.h"

#define QUOTE "biggest Internet company in China"

typedef struct
{
  GlossTestServer *server;
  char            *library;
  char            *seed;
  char            *archive;
  char            *sidecar;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gloss_ui_test_reset_settings ();
  f->server = gloss_test_server_new ();
  f->library = gloss_test_library_new ();
  f->seed = gloss_test_library_clip (f->library, f->server, "/seed.html",
                                     GLOSS_CLIP_MODE_READER);
  f->archive = gloss_test_library_archive_path (f->library, f->seed);
  f->sidecar = gloss_library_sidecar_path (f->archive);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gloss_test_library_free (f->library);
  gloss_test_server_free (f->server);
  g_free (f->seed);
  g_free (f->archive);
  g_free (f->sidecar);
}

/* The sidecar on disk */

typedef struct
{
  const char *path;
  const char *exact;
  const char *color;
} DiskWait;

static gboolean
disk_has (gpointer data)
{
  DiskWait *wait = data;
  g_autoptr(GlossSidecar) sidecar = NULL;
  GlossAnnotation *annotation;

  if (!g_file_test (wait->path, G_FILE_TEST_EXISTS))
    return FALSE;
  if ((sidecar = gloss_sidecar_load (wait->path, NULL)) == NULL)
    return FALSE;
  annotation = gloss_test_find_by_exact (sidecar, wait->exact);
  return annotation != NULL && g_strcmp0 (annotation->color, wait->color) == 0;
}

static gboolean
item_counts_one (gpointer data)
{
  return gloss_library_item_get_highlights (data) == 1;
}

static gboolean
item_counts_two (gpointer data)
{
  return gloss_library_item_get_highlights (data) == 2;
}

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *id)
{
  if (GLOSS_IS_ANNOTATION_ROW (widget) && gtk_widget_get_mapped (widget))
    {
      GlossAnnotationItem *item = gloss_annotation_row_get_item (GLOSS_ANNOTATION_ROW (widget));

      if (item != NULL && g_strcmp0 (gloss_annotation_item_get_id (item), id) == 0)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget  *pane;
  const char *id;
} RowWait;

static gboolean
row_shown (gpointer data)
{
  RowWait *wait = data;

  return find_row (wait->pane, wait->id) != NULL;
}

typedef struct
{
  gboolean            done;
  GlossLibraryExport *report;
} ExportWait;

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ExportWait *wait = user_data;
  g_autoptr(GError) error = NULL;

  wait->report = gloss_library_export_all_finish (GLOSS_LIBRARY (source), result, &error);
  g_assert_no_error (error);
  wait->done = TRUE;
}

/* What Export All Notes… runs, in the background, for the window's library. */
static void
export_all (GlossWindow         *window,
            const char          *folder,
            GlossLibraryExport **report)
{
  ExportWait wait = { FALSE, NULL };

  gloss_library_export_all_async (window->library, folder, GLOSS_EXPORT_FORMAT_MARKDOWN, NULL, FALSE,
                                  NULL, NULL, NULL, on_exported, &wait);
  gloss_test_wait (&wait.done, 30, "Export All Notes");
  *report = wait.report;
}

static void
test_highlight_in_window (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *export_dir = gloss_test_make_temp_dir ();
  g_autofree char *export_path = g_build_filename (export_dir, "notes.md", NULL);
  g_autofree char *all_dir = g_build_filename (export_dir, "all", NULL);
  g_autofree char *markdown = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *all_path = NULL;
  g_autofree char *all_markdown = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GlossSidecar) disk = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotationsPane *pane;
  GlossAnnotator *annotator;
  GlossLibraryItem *item;
  GlossWindow *window;
  DiskWait wait = { f->sidecar, QUOTE, "green" };
  RowWait row_wait;
  GListModel *highlights;
  g_autoptr(GlossLibraryExport) report = NULL;
  guint written = 0;

  window = gloss_ui_test_open_window (f->library);
  g_assert_true (gloss_window_open_article (window, f->seed));
  gloss_ui_test_wait_article (window, f->seed);
  annotator = _gloss_window_get_annotator (window);
  g_assert_nonnull (annotator);
  g_assert_cmpstr (gloss_annotator_get_article (annotator)->info->id, ==, f->seed);
  item = gloss_library_model_find (_gloss_window_get_model (window), f->seed);
  g_assert_cmpuint (gloss_library_item_get_highlights (item), ==, 0);

  /* Select, highlight in green: painted, and on disk at once */
  g_free (gloss_ui_test_highlight (window, QUOTE, "green"));
  gloss_test_wait_until (disk_has, &wait, 30, "the highlight in the sidecar");
  disk = gloss_sidecar_load (f->sidecar, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (disk->annotations->len, ==, 1);
  id = g_strdup (((GlossAnnotation *) disk->annotations->pdata[0])->id);

  /* The library's row counts it */
  gloss_test_wait_until (item_counts_one, item, 10, "the row's highlight count");

  /* The notes pane lists it */
  g_assert_false (adw_flap_get_reveal_flap (_gloss_window_get_notes_flap (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-notes", NULL));
  g_assert_true (adw_flap_get_reveal_flap (_gloss_window_get_notes_flap (window)));
  pane = _gloss_window_get_annotations_pane (window);
  g_assert_true (gloss_annotations_pane_get_article (pane) == gloss_annotator_get_article (annotator));
  highlights = gloss_annotations_pane_get_highlights (pane);
  g_assert_cmpuint (g_list_model_get_n_items (highlights), ==, 1);
  {
    g_autoptr(GlossAnnotationItem) first = g_list_model_get_item (highlights, 0);

    g_assert_cmpstr (gloss_annotation_item_get_id (first), ==, id);
    g_assert_cmpstr (gloss_annotation_item_get_color (first), ==, "green");
    g_assert_cmpstr (gloss_annotation_item_get_quote (first), ==, QUOTE);
  }
  row_wait.pane = GTK_WIDGET (pane);
  row_wait.id = id;
  gloss_test_wait_until (row_shown, &row_wait, 10, "the highlight's row in the pane");

  /* Exported as Markdown, as the menu's "Export Notes…" writes it */
  file_name = gloss_article_export_file_name (gloss_annotator_get_article (annotator),
                                              GLOSS_EXPORT_FORMAT_MARKDOWN);
  /* <slug>.md: the id is <slug>-<8 hex> */
  g_assert_true (g_str_has_suffix (file_name, ".md"));
  g_assert_cmpint (strlen (file_name) - strlen (".md"), ==, strlen (f->seed) - 9);
  g_assert_true (strncmp (file_name, f->seed, strlen (f->seed) - 9) == 0);
  markdown = gloss_article_export (gloss_annotator_get_article (annotator),
                                   GLOSS_EXPORT_FORMAT_MARKDOWN, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_export_save (export_path, markdown, FALSE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&markdown, g_free);
  g_assert_true (g_file_get_contents (export_path, &markdown, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (markdown, "---\ntitle: \"Alibaba’s First Foot On U.S. Soil"));
  g_assert_nonnull (strstr (markdown, "## Highlights\n\n> " QUOTE "\n"));
  g_assert_nonnull (strstr (markdown, "— green · [Open in Gloss](gloss://open/"));
  g_assert_nonnull (strstr (markdown, id));

  /* … and "Export All Notes…": one file, for the one article with notes */
  g_assert_cmpint (g_mkdir (all_dir, 0700), ==, 0);
  export_all (window, all_dir, &report);
  g_assert_cmpuint (report->failed->len, ==, 0);
  written = report->written->len;
  g_assert_cmpuint (written, ==, 1);
  all_path = g_build_filename (all_dir, file_name, NULL);
  g_assert_true (g_file_get_contents (all_path, &all_markdown, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (all_markdown, ==, markdown);

  gloss_ui_test_close_window (window);
  gloss_test_remove_tree (export_dir);
}

/* One annotator per article shown, its actions inserted in the window. */
static void
test_actions_follow_article (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GlossSidecar) notes = gloss_sidecar_new (f->sidecar);
  g_autoptr(GError) error = NULL;
  GlossWindow *window = gloss_ui_test_open_window (f->library);
  GlossLibraryItem *item = gloss_library_model_find (_gloss_window_get_model (window), f->seed);

  /* Notes written behind the window's back (`gloss note`, a sync tool): the
   * library's row counts them. */
  g_assert_cmpuint (gloss_library_item_get_highlights (item), ==, 0);
  gloss_sidecar_add (notes, gloss_annotation_new ());
  gloss_sidecar_add (notes, gloss_annotation_new ());
  g_assert_true (gloss_sidecar_save (notes, &error));
  g_assert_no_error (error);
  gloss_test_wait_until (item_counts_two, item, 10, "the row to count the new notes");

  g_assert_true (gloss_window_open_article (window, f->seed));
  gloss_ui_test_wait_article (window, f->seed);
  g_assert_nonnull (_gloss_window_get_annotator (window));
  g_assert_true (g_action_group_has_action (
                   gloss_annotator_get_action_group (_gloss_window_get_annotator (window)),
                   "highlight"));

  /* Trashing the article lets the annotator go */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-article", NULL));
  g_assert_null (_gloss_window_get_annotator (window));
  g_assert_false (adw_flap_get_reveal_flap (_gloss_window_get_notes_flap (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", "s", f->seed));
  gloss_ui_test_wait_article (window, f->seed);
  g_assert_nonnull (_gloss_window_get_annotator (window));

  gloss_ui_test_close_window (window);
}

static gboolean
editor_shown (gpointer data)
{
  GlossHighlightPopover *popover = data;
  GtkTextView *view = gloss_ui_test_find_text_view (GTK_WIDGET (popover));

  return gloss_highlight_popover_get_editing (popover) && view != NULL
         && gtk_widget_get_mapped (GTK_WIDGET (view)) && gtk_widget_get_width (GTK_WIDGET (view)) > 0;
}

/* The lines @view lays its text out on, at the width it has. */
static guint
count_display_lines (GtkTextView *view)
{
  GtkTextIter iter;
  guint lines = 1;

  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (view), &iter);
  while (gtk_text_view_forward_display_line (view, &iter))
    lines++;
  return lines;
}

/* The note editor (Ctrl+Shift+H on a highlight) is wide enough for a
 * sentence, and wraps between words. */
static gboolean
popover_closed (gpointer popover)
{
  return !gtk_widget_get_mapped (popover);
}

static void
test_note_editor_width (Fixture       *f,
                        gconstpointer  data)
{
  GlossWindow *window = gloss_ui_test_open_window (f->library);
  GlossHighlightPopover *popover;
  GtkTextView *view;

  g_assert_true (gloss_window_open_article (window, f->seed));
  gloss_ui_test_wait_article (window, f->seed);
  g_free (gloss_ui_test_highlight (window, QUOTE, "yellow"));
  popover = gloss_annotator_get_popover (_gloss_window_get_annotator (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "annotate.add-note", NULL));
  gloss_test_wait_until (editor_shown, popover, 30, "the note editor");
  view = gloss_ui_test_find_text_view (GTK_WIDGET (popover));

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), >=, 300);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Suzi is a motorbike", -1);
  g_assert_cmpuint (count_display_lines (view), ==, 1);
  /* A long note wraps (between words) rather than widening the popover. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view),
                            "Suzi is a motorbike, and she has carried me from one end of the "
                            "country to the other without a single complaint.", -1);
  g_assert_cmpuint (count_display_lines (view), >, 1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "", -1);
  gtk_popover_popdown (GTK_POPOVER (popover));
  /* Closed before the window is: a popover whose window went first asked
   * GDK where the pointer was on a surface that was gone (a CRITICAL, seen
   * once in CI). */
  gloss_test_wait_until (popover_closed, popover, 10, "the note editor to close");

  gloss_ui_test_close_window (window);
}

static GtkWidget *
placeholder_of (GtkTextView *view)
{
  GtkWidget *label = gloss_text_view_get_placeholder (view);

  g_assert_nonnull (label);
  return label;
}

/* What a reader sees of a placeholder: its text, drawn over the field. */
static gboolean
placeholder_shown (gpointer data)
{
  GtkWidget *label = gloss_text_view_get_placeholder (data);

  return label != NULL && gtk_widget_get_mapped (label) && gtk_widget_get_child_visible (label);
}

static gboolean
placeholder_hidden (gpointer data)
{
  return !gtk_widget_get_mapped (placeholder_of (data));
}

/* Where its text is drawn, in the text view, from its first pixel to past
 * its last. */
static void
placeholder_text_span (GtkTextView *view,
                       double      *start,
                       double      *end)
{
  GtkWidget *label = placeholder_of (view);
  PangoRectangle extents;
  graphene_point_t origin = GRAPHENE_POINT_INIT (0, 0), in_view;
  int x, y;

  gtk_label_get_layout_offsets (GTK_LABEL (label), &x, &y);
  pango_layout_get_pixel_extents (gtk_label_get_layout (GTK_LABEL (label)), NULL, &extents);
  g_assert_true (gtk_widget_compute_point (label, GTK_WIDGET (view), &origin, &in_view));
  *start = in_view.x + x + extents.x;
  *end = *start + extents.width;
}

/* The hint starts where the first character would, the left margin or,
 * right to left, the right one (as GtkEntry's placeholder does). */
static void
assert_placeholder_at_start (GtkTextView *view)
{
  GdkRectangle visible;
  double start, end;
  int left, right, y;

  /* The text's area, between its margins, in the view's coordinates. */
  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET,
                                         visible.x + gtk_text_view_get_left_margin (view), 0,
                                         &left, &y);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET,
                                         visible.x + visible.width
                                         - gtk_text_view_get_right_margin (view), 0, &right, &y);
  placeholder_text_span (view, &start, &end);
  g_test_message ("placeholder from %.0f to %.0f, the text from %d to %d", start, end, left, right);
  if (gtk_widget_get_direction (GTK_WIDGET (view)) == GTK_TEXT_DIR_RTL)
    g_assert_cmpfloat (fabs (right - end), <=, 2);
  else
    g_assert_cmpfloat (fabs (start - left), <=, 2);
}

static void
assert_placeholder_follows_text (GtkTextView *view,
                                 const char  *placeholder)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  gloss_test_wait_until (placeholder_shown, view, 10, placeholder);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (placeholder_of (view))), ==, placeholder);
  g_assert_true (gtk_widget_has_css_class (placeholder_of (view), "dim-label"));

  assert_placeholder_at_start (view);

  gtk_text_buffer_insert_at_cursor (buffer, "S", -1);
  gloss_test_wait_until (placeholder_hidden, view, 10, "typing to hide the placeholder");
  gtk_text_buffer_set_text (buffer, "", -1);
  gloss_test_wait_until (placeholder_shown, view, 10, "the placeholder to come back");
}

static GtkTextView *
find_page_note (GtkWidget *widget)
{
  if (GLOSS_IS_ANNOTATION_ROW (widget))
    return NULL;
  if (GTK_IS_TEXT_VIEW (widget))
    return GTK_TEXT_VIEW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkTextView *found = find_page_note (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_quote (GtkWidget *widget)
{
  if (gtk_widget_has_css_class (widget, "gloss-highlight-quote"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_quote (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The quote's bar is on the side its lines start from. */
static void
assert_quote_bar_at_start (GtkWidget *row)
{
  GtkWidget *quote = find_quote (row);
  GtkBorder border;

  g_assert_nonnull (quote);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_border (gtk_widget_get_style_context (quote), &border);
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (gtk_widget_get_direction (quote) == GTK_TEXT_DIR_RTL)
    g_assert_true (border.right > 0 && border.left == 0);
  else
    g_assert_true (border.left > 0 && border.right == 0);
}

/* An empty note field says what it is for; typing hides the hint, in
 * either direction of text. */
static void
test_note_placeholders (Fixture       *f,
                        gconstpointer  data)
{
  gboolean right_to_left = GPOINTER_TO_INT (data);
  GlossWindow *window;
  g_autofree char *id = NULL;
  GtkWidget *pane;
  RowWait row_wait;

  /* As in Arabic or Hebrew (GTK_DEBUG=invert-text-dir does the same). */
  gtk_widget_set_default_direction (right_to_left ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  window = gloss_ui_test_open_window (f->library);
  g_assert_true (gloss_window_open_article (window, f->seed));
  gloss_ui_test_wait_article (window, f->seed);
  id = gloss_ui_test_highlight (window, QUOTE, "blue");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-notes", NULL));
  pane = GTK_WIDGET (_gloss_window_get_annotations_pane (window));
  row_wait.pane = pane;
  row_wait.id = id;
  gloss_test_wait_until (row_shown, &row_wait, 10, "the highlight's row in the pane");

  assert_quote_bar_at_start (find_row (pane, id));
  assert_placeholder_follows_text (gloss_ui_test_find_text_view (find_row (pane, id)), "Add a note…");
  assert_placeholder_follows_text (find_page_note (pane), "Write a note about this article…");

  gloss_ui_test_close_window (window);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

int
main (int    argc,
      char **argv)
{
  gloss_ui_test_init (&argc, &argv, "gloss-test-ui-notes");

  g_test_add ("/ui/notes/highlight-in-window", Fixture, NULL,
              fixture_setup, test_highlight_in_window, fixture_teardown);
  g_test_add ("/ui/notes/actions-follow-article", Fixture, NULL,
              fixture_setup, test_actions_follow_article, fixture_teardown);

  g_test_add ("/ui/notes/note-editor-width", Fixture, NULL,
              fixture_setup, test_note_editor_width, fixture_teardown);
  g_test_add ("/ui/notes/note-placeholders", Fixture, NULL,
              fixture_setup, test_note_placeholders, fixture_teardown);
  g_test_add ("/ui/notes/note-placeholders-right-to-left", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_note_placeholders, fixture_teardown);

  return g_test_run ();
}
