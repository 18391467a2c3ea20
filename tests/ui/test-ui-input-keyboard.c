/* test-ui-input-keyboard.c — highlighting with the keyboard alone: caret
 * browsing (F7), the caret moved with the arrow keys and a selection
 * extended with Shift, then Ctrl+H or Ctrl+Return and the popover's colours
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-ui-input-private.h"

#define MAX_TABS       20
#define MAX_LINES      80
#define SETTLE_MS      500
#define HOLD_MS        300
#define FIRST_PAINT_MS 2000

/* The text node the caret is in, with @mark where the caret is; "" when
 * there is no caret (nothing, or more than a point, is selected). */
static char *
caret_text (Fixture    *f,
            const char *mark)
{
  GVariantDict args;

  g_variant_dict_init (&args, NULL);
  g_variant_dict_insert (&args, "mark", "s", mark);
  return gloss_test_call_string (f->view, GLOSS_HIGHLIGHTER_WORLD,
                                 "const s = window.getSelection ();"
                                 "if (s.rangeCount === 0 || !s.isCollapsed ||"
                                 "    s.focusNode.nodeType !== Node.TEXT_NODE)"
                                 "  return '';"
                                 "const d = s.focusNode.data;"
                                 "const o = s.focusOffset;"
                                 "return d.slice (0, o) + mark + d.slice (o);",
                                 g_variant_dict_end (&args));
}

static gboolean
has_caret (gpointer fixture)
{
  g_autofree char *text = caret_text (fixture, "|");

  return *text != '\0';
}

static void
assert_caret_before (Fixture    *f,
                     const char *text)
{
  g_autofree char *caret = caret_text (f, "|");
  g_autofree char *wanted = g_strconcat ("|", text, NULL);

  g_test_message ("caret: %s", caret);
  g_assert_nonnull (strstr (caret, wanted));
}

static void
assert_caret_after (Fixture    *f,
                    const char *text)
{
  g_autofree char *caret = caret_text (f, "|");
  g_autofree char *wanted = g_strconcat (text, "|", NULL);

  g_test_message ("caret: %s", caret);
  g_assert_nonnull (strstr (caret, wanted));
}

/* The screen, once the web process has painted what the keys did. */
static void
screenshot (Fixture    *f,
            const char *name)
{
  gloss_test_run_for (SETTLE_MS);
  input_screenshot (f, name);
}

static void
press (Fixture         *f,
       guint            keyval,
       GdkModifierType  modifiers,
       guint            times)
{
  for (guint i = 0; i < times; i++)
    gloss_input_key (f->input, keyval, modifiers);
}

/* Into the article as a keyboard user goes: Tab until it has the focus. */
static void
focus_article (Fixture *f)
{
  for (guint i = 0; i < MAX_TABS && !gtk_widget_has_focus (GTK_WIDGET (f->view)); i++)
    gloss_input_key (f->input, GDK_KEY_Tab, 0);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->view)));
}

static gboolean
caret_browsing_is (gpointer on)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  return g_settings_get_boolean (settings, "caret-browsing") == GPOINTER_TO_INT (on);
}

/* F7, and the caret comes up in the article. */
static void
turn_on_caret_browsing (Fixture *f)
{
  /* A caret that does not blink is in every screenshot. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  g_assert_true (caret_browsing_is (GINT_TO_POINTER (FALSE)));
  gloss_input_key (f->input, GDK_KEY_F7, 0);
  gloss_test_wait_until (caret_browsing_is, GINT_TO_POINTER (TRUE), 10, "caret browsing on");
  g_assert_cmpstr (_gloss_window_get_last_toast (f->window), ==,
                   "Caret browsing on: select with Shift and the arrow keys");
  gloss_test_wait_until (has_caret, f, 10, "the caret in the article");
}

static void
turn_off_caret_browsing (Fixture *f)
{
  gloss_input_key (f->input, GDK_KEY_F7, 0);
  gloss_test_wait_until (caret_browsing_is, GINT_TO_POINTER (FALSE), 10, "caret browsing off");
  g_assert_cmpstr (_gloss_window_get_last_toast (f->window), ==, "Caret browsing off");
  gtk_settings_reset_property (gtk_settings_get_default (), "gtk-cursor-blink");
}

typedef struct
{
  Fixture    *f;
  const char *before;
} CaretWait;

static gboolean
caret_moved (gpointer data)
{
  CaretWait *wait = data;
  g_autofree char *now = caret_text (wait->f, "|");

  return g_strcmp0 (now, wait->before) != 0;
}

/* Down, a line at a time, until the caret is in the first line of the
 * paragraph that starts with @text; then Home, to its start. */
static void
move_to_paragraph (Fixture    *f,
                   const char *text)
{
  for (guint i = 0; i < MAX_LINES; i++)
    {
      g_autofree char *node = caret_text (f, "");
      g_autofree char *before = caret_text (f, "|");
      CaretWait wait = { f, before };

      if (g_str_has_prefix (node, text))
        {
          gloss_input_key (f->input, GDK_KEY_Home, 0);
          assert_caret_before (f, text);
          return;
        }
      gloss_input_key (f->input, GDK_KEY_Down, 0);
      gloss_test_wait_until (caret_moved, &wait, 5, "the caret to go down a line");
    }
  g_error ("%u × Down never reached the paragraph “%s”", MAX_LINES, text);
}

typedef struct
{
  Fixture    *f;
  const char *exact;
} SelectionWait;

static gboolean
keyboard_selection_reported (gpointer data)
{
  SelectionWait *wait = data;
  const GlossSelection *selection =
    gloss_highlighter_get_selection (_gloss_window_get_highlighter (wait->f->window));

  return selection != NULL && !selection->by_pointer &&
         g_strcmp0 (selection->exact, wait->exact) == 0;
}

static gboolean
has_focus (gpointer widget)
{
  return gtk_widget_has_focus (widget);
}

/* Tab until @name, a button of the popover, has the focus. */
static void
tab_to_color (Fixture    *f,
              const char *name)
{
  GtkWidget *button = gloss_a11y_find (input_popover (f), "button", name);

  for (guint i = 0; i < MAX_TABS && !gtk_widget_has_focus (button); i++)
    gloss_input_key (f->input, GDK_KEY_Tab, 0);
  g_assert_true (gtk_widget_has_focus (button));
}

static void
test_shift_arrows_ctrl_h (Fixture       *f,
                          gconstpointer  data)
{
  const char *passage = "planning to build a data center";

  if (input_skipped ())
    return;
  focus_article (f);
  turn_on_caret_browsing (f);
  /* At the start of the first paragraph in view: the title, at the top */
  assert_caret_before (f, "Alibaba’s First Foot On U.S. Soil");
  /* The page's first paint comes a while after its script is ready. */
  gloss_test_run_for (FIRST_PAINT_MS);
  screenshot (f, "caret");

  move_to_paragraph (f, "Alibaba is planning");
  press (f, GDK_KEY_Right, GDK_CONTROL_MASK, 2);
  assert_caret_after (f, "Alibaba is");
  press (f, GDK_KEY_Right, GDK_CONTROL_MASK | GDK_SHIFT_MASK, 6);
  /* At once, well within the 150 ms a selection's report waits: what the
   * keys selected reaches the window before Ctrl+H does */
  gloss_input_key (f->input, GDK_KEY_h, GDK_CONTROL_MASK);

  input_assert_on_disk (f, passage, "yellow");
  input_assert_painted (f, passage, "yellow");
  g_assert_false (input_popover_shown (f));
  /* The keyboard stays in the article, the caret at the end of the highlight */
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->view)));
  gloss_test_wait_until (has_caret, f, 10, "the caret after the highlight");
  assert_caret_after (f, passage);
  screenshot (f, "caret-highlighted");

  turn_off_caret_browsing (f);
}

static void
test_ctrl_return_popover (Fixture       *f,
                          gconstpointer  data)
{
  SelectionWait wait = { f, "Huge as Alibaba" };

  if (input_skipped ())
    return;
  focus_article (f);
  turn_on_caret_browsing (f);
  move_to_paragraph (f, "Huge as Alibaba may be");
  press (f, GDK_KEY_Right, GDK_CONTROL_MASK | GDK_SHIFT_MASK, 3);

  /* Reported as the keyboard's: no popover takes the keys away */
  gloss_test_wait_until (keyboard_selection_reported, &wait, 10, "the selection in the window");
  screenshot (f, "caret-selection");
  g_assert_false (input_popover_shown (f));

  gloss_input_key_hold (f->input, GDK_KEY_Return, GDK_CONTROL_MASK, HOLD_MS);
  gloss_test_wait_until (input_popover_shown, f, 10, "the popover to come up");
  gloss_test_wait_until (has_focus, gloss_a11y_find (input_popover (f), "button", "Yellow"), 10,
                         "the first colour to have the focus");
  tab_to_color (f, "Blue");
  screenshot (f, "caret-popover");
  gloss_input_key (f->input, GDK_KEY_space, 0);

  input_assert_on_disk (f, "Huge as Alibaba", "blue");
  input_assert_painted (f, "Huge as Alibaba", "blue");
  gloss_test_wait_until (input_popover_hidden, f, 10, "the popover to go once a colour is picked");
  gloss_test_wait_until (has_focus, f->view, 10, "the keyboard back in the article");
  gloss_test_wait_until (has_caret, f, 10, "the caret after the highlight");
  assert_caret_after (f, "Huge as Alibaba");

  turn_off_caret_browsing (f);
}

/* A click puts the caret; F7 keeps it there, and the keyboard goes on. */
static void
test_starts_where_clicked (Fixture       *f,
                           gconstpointer  data)
{
  Box box;

  if (input_skipped ())
    return;
  box = input_passage_box (f, "marketshare", 0, 1);
  gloss_input_click_at (f->input, GTK_WIDGET (f->view), box.left + 1,
                        (box.top + box.bottom) / 2, 1, 1);
  gloss_test_wait_until (has_caret, f, 10, "the caret where the click was");
  turn_on_caret_browsing (f);
  assert_caret_before (f, "marketshare overseas");

  press (f, GDK_KEY_Right, GDK_CONTROL_MASK | GDK_SHIFT_MASK, 2);
  gloss_input_key (f->input, GDK_KEY_h, GDK_CONTROL_MASK);
  input_assert_on_disk (f, "marketshare overseas", "yellow");
  input_assert_painted (f, "marketshare overseas", "yellow");

  turn_off_caret_browsing (f);
}

void
input_add_keyboard_tests (void)
{
  input_add ("/input/caret-browsing-shift-arrows-ctrl-h", test_shift_arrows_ctrl_h);
  input_add ("/input/caret-browsing-ctrl-return-popover", test_ctrl_return_popover);
  input_add ("/input/caret-browsing-starts-where-clicked", test_starts_where_clicked);
}
