/* test-ui-input-private.h — what the real-input scenarios share: the
 * fixture (the seed article opened by a click on its row), where a passage
 * is on the page, and what a person sees (the popover, the sidecar on
 * disk, the paint)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-a11y.h"
#include "gloss-input.h"
#include "gloss-ui-test.h"

G_BEGIN_DECLS

typedef struct
{
  GlossTestServer *server;
  char            *library;
  char            *id;
  char            *sidecar;
  GlossWindow     *window;
  GlossInput      *input;
  WebKitWebView   *view;
} Fixture;

typedef struct
{
  double left, top, right, bottom;
} Box;

typedef struct
{
  Fixture    *f;
  const char *exact;
  const char *note;
} NoteWait;

/* Adds the scenario @test at @path with the fixture. */
#define input_add(path, test) \
  g_test_add ((path), Fixture, NULL, input_fixture_setup, (test), input_fixture_teardown)

/* The real input, then the window on f->library (f->view its article view). */
void       input_start_window      (Fixture       *f);
void       input_fixture_setup     (Fixture       *f,
                                    gconstpointer  data);
void       input_fixture_teardown  (Fixture       *f,
                                    gconstpointer  data);
/* The title label of article @id's row in the library list. */
GtkWidget *input_find_row_title    (Fixture       *f,
                                    const char    *id);
/* Skips the test (TRUE) when there is no accessibility bus. */
gboolean   input_skipped           (void);
gboolean   input_on_wayland        (Fixture       *f);

/* The box of the characters @start … @end (exclusive) of the first text
 * node holding @text, offsets within @text, in the view's coordinates;
 * scrolls it to the middle of the view first. */
Box        input_passage_box       (Fixture       *f,
                                    const char    *text,
                                    int            start,
                                    int            end);
/* Whether @text (the first text node holding it) lies wholly in the view. */
gboolean   input_passage_in_sight  (Fixture       *f,
                                    const char    *text);
/* Drags from the first character of @text to its last, as a reader does. */
void       input_drag_across       (Fixture       *f,
                                    const char    *text);
/* Clicks @count times on the middle of the first character of @word. */
void       input_click_on          (Fixture       *f,
                                    const char    *word,
                                    guint          count);
/* Clicks @button in the middle of @passage. */
void       input_click_in          (Fixture       *f,
                                    const char    *passage,
                                    guint          button);
/* Clicks the middle of the highlight of @passage; waits for its popover. */
void       input_click_highlight   (Fixture       *f,
                                    const char    *passage);
/* With the note editor of @passage's highlight open in the popover: waits
 * for it to take the keyboard, types @text, checks the editor is wide
 * enough for a sentence, takes the screenshot @screenshot (if not NULL),
 * clicks Done, and waits for the note on disk and the popover to go. */
void       input_type_note         (Fixture       *f,
                                    const char    *passage,
                                    const char    *text,
                                    const char    *screenshot);
/* Waits until the article view has the window's keyboard focus. */
void       input_wait_keyboard_in_article (Fixture *f);
/* How far down the article is scrolled, in CSS pixels. */
double     input_scroll_y          (Fixture       *f);

GtkWidget *input_popover           (Fixture       *f);
gboolean   input_popover_shown     (gpointer       fixture);
/* Gone, and its grab of the pointer with it. */
gboolean   input_popover_hidden    (gpointer       fixture);
/* Clicks the colour button named @name in the popover, once it is up. */
void       input_click_color       (Fixture       *f,
                                    const char    *name);
/* Drags across @passage, clicks @name, and waits for @color on disk and
 * on the page. */
void       input_highlight_by_drag (Fixture       *f,
                                    const char    *passage,
                                    const char    *name,
                                    const char    *color);

/* Waits until the sidecar on disk has @exact in @color (NULL: not at all). */
void       input_assert_on_disk    (Fixture       *f,
                                    const char    *exact,
                                    const char    *color);
/* Waits until the page paints the highlight of @exact in @color ("none"). */
void       input_assert_painted    (Fixture       *f,
                                    const char    *exact,
                                    const char    *color);
/* Whether the sidecar on disk gives @wait's passage @wait's note. */
gboolean   input_note_on_disk      (gpointer       note_wait);
/* Saves the screen to screenshots/input-BACKEND-NAME.png in the build
 * folder (the whole screen on X11, the window on Wayland). */
void       input_screenshot        (Fixture       *f,
                                    const char    *name);

/* The scenarios, one file each */
void       input_add_highlight_tests (void);
void       input_add_pane_tests      (void);
void       input_add_screens_tests   (void);
void       input_add_menu_tests      (void);
void       input_add_keyboard_tests  (void);
void       input_add_notebook_tests  (void);
void       input_add_tags_tests      (void);
void       input_add_open_tests      (void);

G_END_DECLS
