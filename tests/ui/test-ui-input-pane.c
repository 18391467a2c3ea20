/* test-ui-input-pane.c — the notes pane, clipping by pasting or dropping a
 * link, and a narrow window, with a real pointer and keyboard
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-article-view.h"
#include "gloss-index.h"
#include "gloss-library-model.h"
#include "test-ui-input-private.h"

/* Far down the seed article, out of sight once the page is at its top. */
static const char far_passage[] = "information-gathering tool";

static gboolean
at_top (gpointer f)
{
  return input_scroll_y (f) == 0;
}

static gboolean
passage_in_sight (gpointer data)
{
  NoteWait *wait = data;

  return input_passage_in_sight (wait->f, wait->exact);
}

static void
open_notes_pane (Fixture *f)
{
  gloss_input_click (f->input, gloss_a11y_find (GTK_WIDGET (f->window), "button", "Notes"));
  gloss_test_wait_until ((GlossTestPredicate) adw_flap_get_reveal_flap,
                         _gloss_window_get_notes_flap (f->window), 5, "the notes pane to open");
}

/* Highlights the passage far down, goes back to the top with the Home key,
 * and clicks its row in the notes pane: the article scrolls to it. */
static void
test_notes_pane_row_scrolls (Fixture       *f,
                             gconstpointer  data)
{
  NoteWait wait = { f, far_passage };

  if (input_skipped ())
    return;
  input_highlight_by_drag (f, far_passage, "Blue", "blue");
  input_wait_keyboard_in_article (f);
  gloss_input_key (f->input, GDK_KEY_Home, 0);
  gloss_test_wait_until (at_top, f, 5, "Home to take the article to its top");
  g_assert_false (passage_in_sight (&wait));

  open_notes_pane (f);
  gloss_input_click (f->input, gloss_a11y_find (GTK_WIDGET (_gloss_window_get_annotations_pane (f->window)),
                                                "label", far_passage));
  gloss_test_wait_until (passage_in_sight, &wait, 10, "the article to scroll to the highlight");
  input_screenshot (f, "pane");
}

static gboolean
shows_other_article (gpointer data)
{
  Fixture *f = data;
  const char *id = gloss_article_view_get_article_id (_gloss_window_get_article_view (f->window));

  return _gloss_window_get_n_clips (f->window) == 0 && id != NULL && g_strcmp0 (id, f->id) != 0;
}

/* A link copied elsewhere, then Ctrl+V in the window: it is clipped and
 * opened. */
static void
test_paste_link_clips (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *url = NULL;

  if (input_skipped ())
    return;
  url = gloss_test_server_url (f->server, "/gallery.html");
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (f->window)), url);
  gloss_input_key (f->input, GDK_KEY_v, GDK_CONTROL_MASK);
  gloss_test_wait_until (shows_other_article, f, 60, "the pasted link to be clipped and shown");
  gloss_ui_test_wait_article (f->window,
                              gloss_article_view_get_article_id (_gloss_window_get_article_view (f->window)));
  g_assert_cmpuint (gloss_library_model_count_articles (_gloss_window_get_model (f->window)), ==, 2);
}

/* Another application's window with a link in it, which can be dragged. */
static GtkWidget *
link_window_new (const char  *url,
                 GtkWidget  **link)
{
  GtkWidget *window = gtk_window_new ();
  GtkDragSource *source = gtk_drag_source_new ();
  g_autoptr(GdkContentProvider) content = gdk_content_provider_new_typed (G_TYPE_STRING, url);

  *link = gtk_label_new (url);
  gtk_drag_source_set_content (source, content);
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  gtk_widget_add_controller (*link, GTK_EVENT_CONTROLLER (source));
  gtk_window_set_title (GTK_WINDOW (window), "Links");
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 80);
  gtk_window_set_child (GTK_WINDOW (window), *link);
  gtk_window_present (GTK_WINDOW (window));
  gloss_test_wait_until ((GlossTestPredicate) gtk_widget_get_mapped, *link, 5,
                         "the window with the link");
  gloss_test_run_for (300);
  return window;
}

/* A link dragged from another window and dropped on the article: it is
 * clipped and opened. */
static void
test_drop_link_clips (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *url = NULL;
  GtkWidget *link, *links;
  GtkWidget *view;

  if (input_skipped ())
    return;
  url = gloss_test_server_url (f->server, "/gallery.html");
  links = link_window_new (url, &link);
  view = GTK_WIDGET (f->view);
  gloss_input_drag_to (f->input, link, gtk_widget_get_width (link) / 2.0,
                       gtk_widget_get_height (link) / 2.0, view,
                       gtk_widget_get_width (view) * 0.6, gtk_widget_get_height (view) * 0.9);
  gloss_test_wait_until (shows_other_article, f, 60, "the dropped link to be clipped and shown");
  g_assert_cmpuint (gloss_library_model_count_articles (_gloss_window_get_model (f->window)), ==, 2);
  gtk_window_destroy (GTK_WINDOW (links));
}

typedef struct
{
  Fixture    *f;
  const char *word;
} SnippetWait;

/* The article's row is shown, with the word of its text in its snippet. */
static gboolean
row_shows_snippet (gpointer data)
{
  SnippetWait *wait = data;
  GlossLibraryItem *item = gloss_library_model_find (_gloss_window_get_model (wait->f->window),
                                                     wait->f->id);
  const char *snippet = item ? gloss_library_item_get_snippet (item) : NULL;
  g_autofree char *match = g_strconcat (GLOSS_INDEX_MATCH_START, wait->word, GLOSS_INDEX_MATCH_END,
                                        NULL);
  GListModel *shown = G_LIST_MODEL (_gloss_window_get_selection (wait->f->window));

  return snippet != NULL && strstr (snippet, match) != NULL && g_list_model_get_n_items (shown) == 1;
}

static gboolean
has_keyboard_inside (gpointer widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Typed into the library's search: a word only the article's text has, and
 * a word only a note has. The list shows the article, the word in bold. */
static void
test_search_finds_text_and_notes (Fixture       *f,
                                  gconstpointer  data)
{
  SnippetWait text = { f, "marketshare" };
  SnippetWait note = { f, "Motorbike" };
  GtkWidget *entry;

  if (input_skipped ())
    return;
  input_highlight_by_drag (f, "compete on cost", "Pink", "pink");
  input_click_highlight (f, "compete on cost");
  gloss_input_click (f->input, gloss_a11y_find (input_popover (f), "button", "Add Note"));
  input_type_note (f, "compete on cost", "Motorbike", NULL);

  gloss_input_click (f->input, gloss_a11y_find (GTK_WIDGET (f->window), "button", "Search Library"));
  entry = gloss_a11y_find (GTK_WIDGET (f->window), "search box", "Search Library");
  gloss_test_wait_until (has_keyboard_inside, entry, 5, "the search entry to take the keyboard");
  gloss_input_type (f->input, "marketshare");
  gloss_test_wait_until (row_shows_snippet, &text, 10, "the article found by a word of its text");
  gloss_test_run_for (300);
  input_screenshot (f, "search");
  for (guint i = 0; i < strlen ("marketshare"); i++)
    gloss_input_key (f->input, GDK_KEY_BackSpace, 0);
  gloss_input_type (f->input, "motorbike");
  gloss_test_wait_until (row_shows_snippet, &note, 10, "the article found by a word of its note");
}

static gboolean
is_narrow (gpointer f)
{
  return gtk_widget_get_width (GTK_WIDGET (((Fixture *) f)->window)) <= 400;
}

/* The window made narrow (as a person drags its edge): a highlight, then
 * its note typed in the notes pane, which covers the article there. */
static void
test_narrow_window_pane (Fixture       *f,
                         gconstpointer  data)
{
  const char *passage = "compete on cost";
  NoteWait note = { f, passage, "Cheaper than AWS?" };
  GtkWidget *pane, *note_view;

  if (input_skipped ())
    return;
  gtk_window_set_default_size (GTK_WINDOW (f->window), 380, 720);
  gloss_test_wait_until (is_narrow, f, 5, "the window to be narrow");
  gloss_test_run_for (300);
  input_highlight_by_drag (f, passage, "Pink", "pink");
  input_screenshot (f, "narrow");

  open_notes_pane (f);
  pane = GTK_WIDGET (_gloss_window_get_annotations_pane (f->window));
  note_view = gloss_a11y_find (pane, "text box", "Note");
  gloss_input_click (f->input, note_view);
  /* The row around it used to take the keyboard on every click. */
  gloss_test_wait_until ((GlossTestPredicate) gtk_widget_has_focus, note_view, 5,
                         "the clicked note field to take the keyboard");
  input_screenshot (f, "narrow-pane");
  gloss_input_type (f->input, note.note);
  gloss_test_wait_until (input_note_on_disk, &note, 10, "the note typed in the pane on disk");
}

void
input_add_pane_tests (void)
{
  input_add ("/input/notes-pane-row-scrolls", test_notes_pane_row_scrolls);
  input_add ("/input/paste-link-clips", test_paste_link_clips);
  input_add ("/input/drop-link-clips", test_drop_link_clips);
  input_add ("/input/search-finds-text-and-notes", test_search_finds_text_and_notes);
  input_add ("/input/narrow-window-pane", test_narrow_window_pane);
}
