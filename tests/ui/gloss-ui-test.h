/* gloss-ui-test.h — helpers for the window's tests, built on
 * gloss-test-utils.h: a window on a library, an article opened in it,
 * selecting and highlighting, screenshots
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

#include "gloss-clip.h"
#include "gloss-test-utils.h"
#include "gloss-window-private.h"

G_BEGIN_DECLS

/* Sets up a private XDG environment (so the trash and caches stay in a
 * temporary folder), a log writer under which any WARNING or CRITICAL
 * fails the test, then gtk_test_init and adw_init. */
void         gloss_ui_test_init          (int        *argc,
                                          char     ***argv,
                                          const char *prgname);
/* How many WARNINGs and CRITICALs were logged so far; while tolerated
 * (a test that counts them itself), they do not fail the test. */
guint        gloss_ui_test_count_warnings (void);
void         gloss_ui_test_tolerate_warnings (gboolean tolerate);
/* Resets every key of the app's settings. */
void         gloss_ui_test_reset_settings (void);
/* A window on @library, presented, with the library read. */
GlossWindow *gloss_ui_test_open_window   (const char      *library);
/* The same, as `gloss` opens it: a window of the application (registered
 * once, not unique). Only such a window shows its page on screen: with no
 * application WebKit 2.50 paints nothing of it (the page loads and runs). */
GlossWindow *gloss_ui_test_open_app_window (const char    *library);
/* Closes and destroys @window (the caller's reference) and asserts that it
 * is finalized once WebKit has let go of it. */
void         gloss_ui_test_close_window  (GlossWindow     *window);
/* Destroys @window (GTK's reference) and waits until nothing else holds it. */
void         gloss_ui_test_destroy_window (GtkWindow      *window);
/* Waits until the article view shows @id, loaded. */
void         gloss_ui_test_wait_article  (GlossWindow     *window,
                                          const char      *id);
/* Selects @text (within one text node) in the open article as a reader
 * would, and waits for the window's highlighter to report it. */
void         gloss_ui_test_select_text   (GlossWindow     *window,
                                          const char      *text);
/* Selects @text and highlights it in @color through the window's
 * "annotate.highlight-color"; waits until it is painted. Returns its id. */
char        *gloss_ui_test_highlight     (GlossWindow     *window,
                                          const char      *text,
                                          const char      *color);
/* The first text view in @widget (itself included), depth first, or NULL. */
/* Whether @name has an owner on @bus (FALSE when the bus does not answer). */
gboolean     gloss_ui_test_bus_has_name  (GDBusConnection *bus,
                                          const char      *name);
/* The first widget of @type inside @widget (itself included), only among
 * those mapped when @mapped. */
GtkWidget   *gloss_ui_test_find_widget   (GtkWidget     *widget,
                                          GType          type,
                                          gboolean       mapped);
GtkTextView *gloss_ui_test_find_text_view (GtkWidget     *widget);
/* The AdwMessageDialog @parent shows over itself, once it is mapped; NULL
 * when there is none. */
GtkWindow   *gloss_ui_test_find_dialog   (GtkWindow     *parent);
/* Saves what @widget shows to @path as PNG. */
void         gloss_ui_test_save_png      (GtkWidget       *widget,
                                          const char      *path);

G_END_DECLS
