/* test-ui-input.c — highlighting with a real pointer and keyboard
 *
 * Every step is an event sent through the display server (gloss-input.h),
 * onto a control found by its role and accessible name (gloss-a11y.h) or a
 * passage found in the page's layout; what is checked is what a person
 * sees: the sidecar on disk, the paint on the page, the popover.
 *
 * Runs on X11 under tests/ui/run-x11 (Xvfb with openbox) and on Wayland
 * under tests/ui/run-wayland (a headless mutter).
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-archive.h"
#include "gloss-highlight-popover.h"
#include "gloss-library.h"
#include "gloss-sidecar.h"
#include "test-ui-input-private.h"

static char *skip_reason;

/* Opening the article as a person does: a click on its row */

GtkWidget *
input_find_row_title (Fixture    *f,
                      const char *id)
{
  g_autofree char *archive = gloss_test_library_archive_path (f->library, id);
  g_autoptr(GlossArchiveInfo) info = gloss_archive_read_info (archive, NULL);

  g_assert_nonnull (info);
  return gloss_a11y_find (GTK_WIDGET (f->window), "label", info->title);
}

void
input_start_window (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  /* The input before the window: see gloss_input_new (). */
  f->input = gloss_input_new (gdk_display_get_default (), &error);
  g_assert_no_error (error);
  f->window = gloss_ui_test_open_app_window (f->library);
  f->view = gloss_article_view_get_web_view (_gloss_window_get_article_view (f->window));
  g_test_message ("input: %s", gloss_input_get_backend (f->input));
}

void
input_fixture_setup (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *archive = NULL;

  if (skip_reason != NULL)
    return;
  gloss_ui_test_reset_settings ();
  f->server = gloss_test_server_new ();
  f->library = gloss_test_library_new ();
  f->id = gloss_test_library_clip (f->library, f->server, "/seed.html", GLOSS_CLIP_MODE_READER);
  archive = gloss_test_library_archive_path (f->library, f->id);
  f->sidecar = gloss_library_sidecar_path (archive);
  input_start_window (f);
  gloss_input_click (f->input, input_find_row_title (f, f->id));
  gloss_ui_test_wait_article (f->window, f->id);

  gloss_test_wait_until ((GlossTestPredicate) gloss_highlighter_get_ready,
                         _gloss_window_get_highlighter (f->window), 30, "the highlighter");
}

void
input_fixture_teardown (Fixture       *f,
                        gconstpointer  data)
{
  if (f->window == NULL)
    return;
  gloss_input_free (f->input);
  gloss_ui_test_close_window (f->window);
  gloss_test_library_free (f->library);
  gloss_test_server_free (f->server);
  g_free (f->id);
  g_free (f->sidecar);
}

/* Where a passage is on the page */

/* Script that finds the range of characters start … end of the first text
 * node holding text, as `r`, then runs what follows it there. */
#define FIND_RANGE \
  "const walker = document.createTreeWalker (document.body, NodeFilter.SHOW_TEXT);" \
  "for (let node; (node = walker.nextNode ()) !== null;) {" \
  "  const i = node.data.indexOf (text);" \
  "  if (i < 0) continue;" \
  "  const r = document.createRange ();" \
  "  r.setStart (node, i + start);" \
  "  r.setEnd (node, i + end);"

static char *
call_on_range (Fixture    *f,
               const char *body,
               const char *text,
               int         start,
               int         end)
{
  GVariantDict args;

  g_variant_dict_init (&args, NULL);
  g_variant_dict_insert (&args, "text", "s", text);
  g_variant_dict_insert (&args, "start", "i", start);
  g_variant_dict_insert (&args, "end", "i", end);
  return gloss_test_call_string (f->view, GLOSS_HIGHLIGHTER_WORLD, body, g_variant_dict_end (&args));
}

Box
input_passage_box (Fixture    *f,
                   const char *text,
                   int         start,
                   int         end)
{
  static const char body[] =
    FIND_RANGE
    "  r.startContainer.parentElement.scrollIntoView ({block: 'center'});"
    "  const b = r.getBoundingClientRect ();"
    "  return [b.left, b.top, b.right, b.bottom].join (' ');"
    "}"
    "throw new Error ('no text node holds ' + text);";
  g_autofree char *box = call_on_range (f, body, text, start, end);
  Box b;

  g_assert_cmpint (sscanf (box, "%lf %lf %lf %lf", &b.left, &b.top, &b.right, &b.bottom), ==, 4);
  return b;
}

gboolean
input_passage_in_sight (Fixture    *f,
                        const char *text)
{
  static const char body[] =
    FIND_RANGE
    "  const b = r.getBoundingClientRect ();"
    "  return b.top >= 0 && b.bottom <= window.innerHeight ? 'yes' : 'no';"
    "}"
    "throw new Error ('no text node holds ' + text);";
  g_autofree char *seen = call_on_range (f, body, text, 0, (int) strlen (text));

  return g_strcmp0 (seen, "yes") == 0;
}

/* Drags from the first character of @text to its last, as a reader does. */
void
input_drag_across (Fixture    *f,
                   const char *text)
{
  int n = (int) strlen (text);
  Box first = input_passage_box (f, text, 0, 1);
  Box last = input_passage_box (f, text, n - 1, n);

  gloss_input_drag (f->input, GTK_WIDGET (f->view),
                    first.left + 1, (first.top + first.bottom) / 2,
                    last.right - 1, (last.top + last.bottom) / 2);
}

/* What a person sees */

GtkWidget *
input_popover (Fixture *f)
{
  return GTK_WIDGET (gloss_annotator_get_popover (_gloss_window_get_annotator (f->window)));
}


typedef struct
{
  const char *path;
  const char *exact;
  const char *color;   /* NULL: gone */
} DiskWait;

static gboolean
disk_has (gpointer data)
{
  DiskWait *wait = data;
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_load (wait->path, NULL);
  GlossAnnotation *annotation = sidecar ? gloss_test_find_by_exact (sidecar, wait->exact) : NULL;

  if (wait->color == NULL)
    return sidecar != NULL && annotation == NULL;
  return annotation != NULL && g_strcmp0 (annotation->color, wait->color) == 0;
}

void
input_assert_on_disk (Fixture    *f,
                      const char *exact,
                      const char *color)
{
  DiskWait wait = { f->sidecar, exact, color };
  g_autofree char *what = g_strdup_printf ("“%s” in %s on disk", exact, color ? color : "no colour");

  gloss_test_wait_until (disk_has, &wait, 10, what);
}

typedef struct
{
  Fixture    *f;
  const char *exact;
  const char *color;
} PaintWait;

/* The colour the highlight of @exact (as the sidecar on disk has it) is
 * painted in, or "none". */
static char *
painted_color (Fixture    *f,
               const char *exact)
{
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_load (f->sidecar, NULL);
  GlossAnnotation *annotation = sidecar ? gloss_test_find_by_exact (sidecar, exact) : NULL;
  GVariantDict args;

  if (annotation == NULL)
    return g_strdup ("none");
  g_variant_dict_init (&args, NULL);
  g_variant_dict_insert (&args, "id", "s", annotation->id);
  return gloss_test_call_string (f->view, GLOSS_HIGHLIGHTER_WORLD,
                                 "const h = gloss.painted ().find ((h) => h.id === id);"
                                 "return h ? h.color : 'none';",
                                 g_variant_dict_end (&args));
}

static gboolean
is_painted (gpointer data)
{
  PaintWait *wait = data;
  g_autofree char *color = painted_color (wait->f, wait->exact);

  return g_strcmp0 (color, wait->color) == 0;
}

void
input_assert_painted (Fixture    *f,
                      const char *exact,
                      const char *color)
{
  PaintWait wait = { f, exact, color };

  gloss_test_wait_until (is_painted, &wait, 10, "the highlight to be painted");
}


gboolean
input_popover_shown (gpointer data)
{
  return gtk_widget_get_mapped (input_popover (data));
}

/* Gone, and its grab of the pointer with it. */
gboolean
input_popover_hidden (gpointer data)
{
  GdkDisplay *display = gtk_widget_get_display (input_popover (data));

  return !gtk_widget_get_mapped (input_popover (data))
         && !gdk_display_device_is_grabbed (display,
                                            gdk_seat_get_pointer (gdk_display_get_default_seat (display)));
}

/* Clicks the colour button named @name in the popover. */
void
input_click_color (Fixture    *f,
                   const char *name)
{
  gloss_test_wait_until (input_popover_shown, f, 10, "the popover to come up");
  gloss_input_click (f->input, gloss_a11y_find (input_popover (f), "button", name));
}

gboolean
input_skipped (void)
{
  if (skip_reason != NULL)
    g_test_skip (skip_reason);
  return skip_reason != NULL;
}

gboolean
input_on_wayland (Fixture *f)
{
  return g_str_has_prefix (gloss_input_get_backend (f->input), "Wayland");
}

/* What the screen shows now, in screenshots/input-BACKEND-NAME.png under
 * the build folder (the whole screen on X11, the window on Wayland). */
void
input_screenshot (Fixture    *f,
                  const char *name)
{
  g_autofree char *file = g_strdup_printf ("input-%s-%s.png", input_on_wayland (f) ? "wayland" : "x11", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "screenshots", file, NULL);

  if (!gloss_input_screenshot (f->input, NULL, path))
    gloss_ui_test_save_png (GTK_WIDGET (f->window), path);
}

/* Drag, pick a colour, and see it on disk and on the page. */
void
input_highlight_by_drag (Fixture    *f,
                         const char *passage,
                         const char *name,
                         const char *color)
{
  g_test_message ("%s: dragging across “%s”", name, passage);
  input_drag_across (f, passage);
  gloss_test_wait_until (input_popover_shown, f, 10, "the popover to come up");
  input_screenshot (f, "selection");
  input_click_color (f, name);
  input_assert_on_disk (f, passage, color);
  input_assert_painted (f, passage, color);
  gloss_test_wait_until (input_popover_hidden, f, 10, "the popover to go once a colour is picked");
}

/* Clicks @count times on the middle of the first character of the word
 * @word (a double-click picks the word, a triple-click its paragraph). */
void
input_click_on (Fixture    *f,
                const char *word,
                guint       count)
{
  Box box = input_passage_box (f, word, 0, 1);

  gloss_input_click_at (f->input, GTK_WIDGET (f->view), (box.left + box.right) / 2,
                        (box.top + box.bottom) / 2, 1, count);
}

gboolean
input_note_on_disk (gpointer data)
{
  NoteWait *wait = data;
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_load (wait->f->sidecar, NULL);
  GlossAnnotation *annotation = sidecar ? gloss_test_find_by_exact (sidecar, wait->exact) : NULL;

  return annotation != NULL && g_strcmp0 (annotation->note, wait->note) == 0;
}

void
input_click_in (Fixture    *f,
                const char *passage,
                guint       button)
{
  int n = (int) strlen (passage);
  Box box = input_passage_box (f, passage, n / 2, n / 2 + 1);

  gloss_input_click_at (f->input, GTK_WIDGET (f->view), (box.left + box.right) / 2,
                        (box.top + box.bottom) / 2, button, 1);
}

void
input_click_highlight (Fixture    *f,
                       const char *passage)
{
  input_click_in (f, passage, 1);
  gloss_test_wait_until (input_popover_shown, f, 10, "the popover of the highlight");
}

static gboolean
has_keyboard (gpointer widget)
{
  return gtk_root_get_focus (gtk_widget_get_root (widget)) == widget;
}

void
input_type_note (Fixture    *f,
                 const char *passage,
                 const char *text,
                 const char *screenshot)
{
  NoteWait note = { f, passage, text };
  GtkWidget *note_view = gloss_a11y_find (input_popover (f), "text box", "Note");

  gloss_test_wait_until (has_keyboard, note_view, 5, "the note editor to take the keyboard");
  gloss_input_type (f->input, text);
  /* Wide enough for a sentence on one line. */
  g_assert_cmpint (gtk_widget_get_width (note_view), >=, 300);
  if (screenshot != NULL)
    input_screenshot (f, screenshot);
  gloss_input_click (f->input, gloss_a11y_find (input_popover (f), "button", "Done"));
  gloss_test_wait_until (input_note_on_disk, &note, 10, "the note on disk");
  gloss_test_wait_until (input_popover_hidden, f, 10, "the popover to go");
}

static gboolean
article_has_keyboard (gpointer data)
{
  Fixture *f = data;

  return gtk_root_get_focus (GTK_ROOT (f->window)) == GTK_WIDGET (f->view);
}

void
input_wait_keyboard_in_article (Fixture *f)
{
  gloss_test_wait_until (article_has_keyboard, f, 5, "the keyboard back in the article");
}

double
input_scroll_y (Fixture *f)
{
  g_autofree char *y = gloss_test_call_string (f->view, GLOSS_HIGHLIGHTER_WORLD,
                                               "return String (window.scrollY);", NULL);

  return g_ascii_strtod (y, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  gloss_ui_test_init (&argc, &argv, "test-ui-input");
  if (!gloss_a11y_init (&error))
    skip_reason = g_strdup_printf ("no accessibility bus (run under tests/ui/run-x11 or "
                                   "run-wayland): %s", error->message);
  input_add_highlight_tests ();
  input_add_pane_tests ();
  input_add_screens_tests ();
  input_add_menu_tests ();
  input_add_keyboard_tests ();
  input_add_notebook_tests ();
  input_add_tags_tests ();
  input_add_open_tests ();

  return g_test_run ();
}
