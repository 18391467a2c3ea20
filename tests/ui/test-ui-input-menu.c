/* test-ui-input-menu.c — the article's context menu, picked with the
 * pointer: on a selection a colour from its "Highlight" submenu, or "Add
 * Note"; on a highlight another colour, and "Delete Highlight"
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-ui-input-private.h"

/* WebKit's context menu: a popover menu of the view, while it is up. */
static GtkWidget *
context_menu (Fixture *f)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child) && gtk_widget_get_mapped (child))
      return child;
  return NULL;
}

static gboolean
context_menu_shown (gpointer f)
{
  return context_menu (f) != NULL;
}

static gboolean
context_menu_hidden (gpointer f)
{
  return context_menu (f) == NULL;
}

typedef struct
{
  Fixture *f;
  double   from;
} ScrollWait;

static gboolean
scrolled_down (gpointer data)
{
  ScrollWait *wait = data;

  return input_scroll_y (wait->f) > wait->from;
}

/* The article has the window's focus, and Page Down scrolls it. */
static void
assert_keyboard_in_article (Fixture *f)
{
  ScrollWait wait = { f, 0 };

  input_wait_keyboard_in_article (f);
  wait.from = input_scroll_y (f);
  gloss_input_key (f->input, GDK_KEY_Page_Down, 0);
  gloss_test_wait_until (scrolled_down, &wait, 5, "Page Down to scroll the article");
}

static void
assert_selected (Fixture    *f,
                 const char *passage)
{
  const GlossSelection *selection =
    gloss_highlighter_get_selection (_gloss_window_get_highlighter (f->window));

  g_assert_nonnull (selection);
  g_assert_cmpstr (selection->exact, ==, passage);
}

static gboolean
nothing_selected (gpointer data)
{
  Fixture *f = data;

  return gloss_highlighter_get_selection (_gloss_window_get_highlighter (f->window)) == NULL;
}

/* Drags across @passage and right-clicks inside it until the context menu
 * is up. The drag brings up the selection popover, which autohides: as
 * with any such popover in GTK 4, the first click outside it only closes
 * it (GDK keeps the press from the page), so the menu takes a second
 * right-click. Neither loses the selection or brings the popover back. */
static void
right_click_selection (Fixture    *f,
                       const char *passage)
{
  g_test_message ("dragging across “%s”, then right-clicking it", passage);
  input_drag_across (f, passage);
  gloss_test_wait_until (input_popover_shown, f, 10, "the popover to come up");
  input_click_in (f, passage, 3);
  gloss_test_wait_until (input_popover_hidden, f, 10, "the right-click to close the popover");
  assert_selected (f, passage);

  input_click_in (f, passage, 3);
  gloss_test_wait_until (context_menu_shown, f, 10, "the context menu");
  /* Long enough for a selection report (150 ms) to have come. */
  gloss_test_run_for (400);
  g_assert_false (gtk_widget_get_visible (input_popover (f)));
  assert_selected (f, passage);
}

static void
test_right_click_selection (Fixture       *f,
                            gconstpointer  data)
{
  const char *passage = "planning to build a data center";
  GtkWidget *menu;

  if (input_skipped ())
    return;
  right_click_selection (f, passage);
  menu = context_menu (f);
  g_assert_nonnull (gloss_a11y_find (menu, "menu item", "Copy"));
  g_assert_nonnull (gloss_a11y_find (menu, "menu item", "Add Note"));
  input_screenshot (f, "menu");

  gloss_input_click (f->input, gloss_a11y_find (menu, "menu item", "Highlight"));
  gloss_input_click (f->input, gloss_a11y_find (menu, "menu item", "Green"));
  input_screenshot (f, "menu-picked");
  input_assert_on_disk (f, passage, "green");
  input_assert_painted (f, passage, "green");
  gloss_test_wait_until (context_menu_hidden, f, 10, "the menu to go");
  g_assert_false (gtk_widget_get_visible (input_popover (f)));
  assert_keyboard_in_article (f);
}

static void
test_right_click_add_note (Fixture       *f,
                           gconstpointer  data)
{
  const char *passage = "B2B cloud services offerings";

  if (input_skipped ())
    return;
  right_click_selection (f, passage);
  gloss_input_click (f->input, gloss_a11y_find (context_menu (f), "menu item", "Add Note"));

  /* Highlighted in the colour used last (yellow, in a new window), and
   * its note editor has the keyboard. */
  input_assert_on_disk (f, passage, "yellow");
  input_assert_painted (f, passage, "yellow");
  input_type_note (f, passage, "Read about AWS", "menu-note");
  assert_keyboard_in_article (f);
}

static void
test_right_click_highlight (Fixture       *f,
                            gconstpointer  data)
{
  const char *passage = "compete on cost";
  GtkWidget *menu;

  if (input_skipped ())
    return;
  input_highlight_by_drag (f, passage, "Yellow", "yellow");
  /* Picking the colour clears the selection, reported 150 ms on. */
  gloss_test_wait_until (nothing_selected, f, 5, "the selection to be cleared");

  /* Recolour */
  input_click_in (f, passage, 3);
  gloss_test_wait_until (context_menu_shown, f, 10, "the context menu of the highlight");
  menu = context_menu (f);
  g_assert_nonnull (gloss_a11y_find (menu, "menu item", "Add Note"));
  g_assert_nonnull (gloss_a11y_find (menu, "menu item", "Delete Highlight"));
  input_screenshot (f, "menu-highlight");
  gloss_input_click (f->input, gloss_a11y_find (menu, "menu item", "Colour"));
  gloss_input_click (f->input, gloss_a11y_find (menu, "menu item", "Purple"));
  input_assert_on_disk (f, passage, "purple");
  input_assert_painted (f, passage, "purple");
  gloss_test_wait_until (context_menu_hidden, f, 10, "the menu to go");

  /* Delete */
  input_click_in (f, passage, 3);
  gloss_test_wait_until (context_menu_shown, f, 10, "the context menu of the highlight");
  gloss_input_click (f->input, gloss_a11y_find (context_menu (f), "menu item", "Delete Highlight"));
  input_assert_on_disk (f, passage, NULL);
  input_assert_painted (f, passage, "none");
  assert_keyboard_in_article (f);
}

void
input_add_menu_tests (void)
{
  input_add ("/input/right-click-selection", test_right_click_selection);
  input_add ("/input/right-click-add-note", test_right_click_add_note);
  input_add ("/input/right-click-highlight", test_right_click_highlight);
}
