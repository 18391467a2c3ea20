/* test-ui-input-screens.c — the screens a person sees, made with a real
 * pointer and keyboard and taken from the screen itself: light and dark,
 * normal and narrow, with highlights, a note, the notes pane and a
 * selection's popover. They land in screenshots/screen-NAME.png under the
 * build folder, and data/screenshots/ is refreshed from them by hand.
 *
 * X11 only: Wayland gives a client no picture of the screen.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-ui-input-private.h"

static void
shoot (Fixture    *f,
       const char *name)
{
  g_autofree char *file = g_strdup_printf ("screen-%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "screenshots", file, NULL);

  /* Past the popover's and the pane's animations. */
  gloss_test_run_for (600);
  g_assert_true (gloss_input_screenshot (f->input, GTK_WIDGET (f->window), path));
}

typedef struct
{
  Fixture *f;
  int      width;
} WidthWait;

static gboolean
has_width (gpointer data)
{
  WidthWait *wait = data;

  /* (The window's frame takes a few pixels of the size asked.) */
  return ABS (gtk_widget_get_width (GTK_WIDGET (wait->f->window)) - wait->width) <= 20;
}

static void
resize (Fixture *f,
        int      width,
        int      height)
{
  WidthWait wait = { f, width };

  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  gloss_test_wait_until (has_width, &wait, 5, "the window to take its new size");
  gloss_test_run_for (300);
}

static void
dismiss_popover (Fixture *f)
{
  gloss_input_key (f->input, GDK_KEY_Escape, 0);
  gloss_test_wait_until (input_popover_hidden, f, 5, "Escape to close the popover");
}

static void
select_with_popover (Fixture    *f,
                     const char *passage)
{
  input_drag_across (f, passage);
  gloss_test_wait_until (input_popover_shown, f, 10, "the popover to come up");
}

static void
test_screens (Fixture       *f,
              gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (input_skipped ())
    return;
  if (input_on_wayland (f))
    {
      g_test_skip ("Wayland gives a client no picture of the screen");
      return;
    }
  resize (f, 1200, 780);
  input_highlight_by_drag (f, "biggest Internet company in China", "Yellow", "yellow");
  input_highlight_by_drag (f, "planning to build a data center", "Green", "green");
  input_click_highlight (f, "planning to build a data center");
  gloss_input_click (f->input, gloss_a11y_find (input_popover (f), "button", "Add Note"));
  input_type_note (f, "planning to build a data center", "Their first outside China.", NULL);
  input_highlight_by_drag (f, "B2B cloud services offerings", "Blue", "blue");

  gloss_input_key (f->input, GDK_KEY_Home, 0);
  shoot (f, "article");
  gloss_input_click (f->input, gloss_a11y_find (GTK_WIDGET (f->window), "button", "Notes"));
  /* The pane slides in, and the article's lines move with it. */
  gloss_test_run_for (800);
  select_with_popover (f, "its first outside of China");
  shoot (f, "annotated");
  dismiss_popover (f);

  /* (Escape leaves the selection: a drag from inside it would move it.) */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  select_with_popover (f, "Details about the size");
  shoot (f, "dark");
  dismiss_popover (f);

  resize (f, 380, 760);
  shoot (f, "narrow-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  shoot (f, "narrow");
}

void
input_add_screens_tests (void)
{
  input_add ("/input/screens", test_screens);
}
