/* test-ui-input-highlight.c — highlighting by dragging, double- and
 * triple-clicking, and a highlight's popover used with the pointer
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-highlight-popover.h"
#include "gloss-sidecar.h"
#include "test-ui-input-private.h"

static const struct { const char *name, *color, *passage; } colors[] = {
  { "Yellow", "yellow", "biggest Internet company in China" },
  { "Green", "green", "planning to build a data center" },
  { "Blue", "blue", "B2B cloud services offerings" },
  { "Pink", "pink", "compete on cost" },
  { "Purple", "purple", "information-gathering tool" },
};


static void
test_drag_then_click_color (Fixture       *f,
                            gconstpointer  data)
{
  if (input_skipped ())
    return;
  input_highlight_by_drag (f, "biggest Internet company in China", "Green", "green");
}

static void
test_drag_then_click_each_color (Fixture       *f,
                                 gconstpointer  data)
{
  if (input_skipped ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    input_highlight_by_drag (f, colors[i].passage, colors[i].name, colors[i].color);
  input_screenshot (f, "highlights");
}

static void
test_double_click_word (Fixture       *f,
                        gconstpointer  data)
{
  if (input_skipped ())
    return;
  input_click_on (f, "marketshare", 2);
  input_click_color (f, "Blue");
  input_assert_on_disk (f, "marketshare", "blue");
}

static void
test_triple_click_paragraph (Fixture       *f,
                             gconstpointer  data)
{
  static const char paragraph[] =
    "Huge as Alibaba may be in China, its ability to capture marketshare overseas is by "
    "no means guaranteed. Explains the Times:";

  if (input_skipped ())
    return;
  input_click_on (f, "Huge as Alibaba", 3);
  input_click_color (f, "Pink");
  input_assert_on_disk (f, paragraph, "pink");
}

static void
test_click_highlight_recolor_note_delete_undo (Fixture       *f,
                                               gconstpointer  data)
{
  const char *passage = "planning to build a data center";
  NoteWait note = { f, passage, "Suzi is a motorbike" };
  GtkWidget *toast_button;

  if (input_skipped ())
    return;
  input_highlight_by_drag (f, passage, "Yellow", "yellow");

  /* Recolour */
  input_click_highlight (f, passage);
  g_assert_true (gloss_a11y_find (input_popover (f), "button", "Yellow") != NULL);
  gloss_input_click (f->input, gloss_a11y_find (input_popover (f), "button", "Purple"));
  input_assert_on_disk (f, passage, "purple");
  gloss_test_wait_until (input_popover_hidden, f, 10, "the popover to go");

  /* A note, typed */
  input_click_highlight (f, passage);
  gloss_input_click (f->input, gloss_a11y_find (input_popover (f), "button", "Add Note"));
  input_type_note (f, passage, note.note, "note");

  /* Delete, then undo */
  input_click_highlight (f, passage);
  gloss_input_click (f->input, gloss_a11y_find (input_popover (f), "button", "Delete"));
  input_assert_on_disk (f, passage, NULL);
  toast_button = gloss_a11y_find (GTK_WIDGET (f->window), "button", "Undo");
  gloss_input_click (f->input, toast_button);
  input_assert_on_disk (f, passage, "purple");
  gloss_test_wait_until (input_note_on_disk, &note, 10, "the note back with the highlight");
}

static gboolean
row_listed (gpointer data)
{
  NoteWait *wait = data;

  return gloss_a11y_lookup (GTK_WIDGET (wait->f->window), "label", wait->exact) != NULL;
}

/* Another article opens (from a link, the notebook or the Shell's search)
 * while a highlight's popover is open: the popover goes, and the window
 * still takes clicks. GTK 4.8 kept the grab of a popover taken from its
 * window open, and every click after it was swallowed. */
static void
test_popover_open_as_another_article_opens (Fixture       *f,
                                            gconstpointer  data)
{
  g_autofree char *other = NULL;
  NoteWait listed = { f, "Field Notes: Restoring a 1960s Letterpress" };

  if (input_skipped ())
    return;
  other = gloss_test_library_clip (f->library, f->server, "/full.html", GLOSS_CLIP_MODE_READER);
  gloss_test_wait_until (row_listed, &listed, 10, "the second article in the list");
  input_drag_across (f, "biggest Internet company in China");
  gloss_test_wait_until (input_popover_shown, f, 10, "the highlight's popover");

  g_assert_true (gloss_window_open_article (f->window, other));
  gloss_ui_test_wait_article (f->window, other);
  gloss_test_wait_until (input_popover_hidden, f, 10, "the popover to go with its article");
  gloss_input_click (f->input, input_find_row_title (f, f->id));
  gloss_ui_test_wait_article (f->window, f->id);
}

void
input_add_highlight_tests (void)
{
  input_add ("/input/drag-then-click-color", test_drag_then_click_color);
  input_add ("/input/drag-then-click-each-color", test_drag_then_click_each_color);
  input_add ("/input/double-click-word", test_double_click_word);
  input_add ("/input/triple-click-paragraph", test_triple_click_paragraph);
  input_add ("/input/click-highlight-recolor-note-delete-undo", test_click_highlight_recolor_note_delete_undo);
  input_add ("/input/popover-open-as-another-article-opens",
             test_popover_open_as_another_article_opens);
}
