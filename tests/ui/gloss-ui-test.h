/* gloss-ui-test.h — helpers for the window's tests: waits with time-outs,
 * fixture libraries, JavaScript in the article view, screenshots
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

#include "gloss-clip.h"
#include "gloss-library.h"
#include "gloss-test-server.h"
#include "gloss-window-private.h"

G_BEGIN_DECLS

typedef gboolean (*GlossUiPredicate) (gpointer data);

/* Sets up a private XDG environment (so the trash and caches stay in a
 * temporary folder), then gtk_test_init and adw_init. */
void         gloss_ui_test_init          (int        *argc,
                                          char     ***argv,
                                          const char *prgname);
/* Resets every key of the app's settings. */
void         gloss_ui_test_reset_settings (void);
/* Iterates the main context until @predicate holds; fails after @seconds. */
void         gloss_ui_test_wait_until    (GlossUiPredicate predicate,
                                          gpointer         data,
                                          guint            seconds,
                                          const char      *what);
/* Iterates for @ms milliseconds. */
void         gloss_ui_test_settle        (guint            ms);
/* Clips @path of @server into @library; returns the archive's id. */
char        *gloss_ui_test_clip          (GlossTestServer *server,
                                          const char      *library,
                                          const char      *path,
                                          GlossClipMode    mode);
/* A window on @library, presented, with the library read. */
GlossWindow *gloss_ui_test_open_window   (const char      *library);
void         gloss_ui_test_close_window  (GlossWindow     *window);
/* Waits until the article view shows @id, loaded. */
void         gloss_ui_test_wait_article  (GlossWindow     *window,
                                          const char      *id);
/* Runs @script in the page's main world and returns its string value. */
char        *gloss_ui_test_evaluate      (WebKitWebView   *view,
                                          const char      *script);
/* Runs @body as a function in the script world @world (NULL: the page's),
 * with @args (a{sv}, nullable, floating) as its variables; returns its value
 * as a string. */
char        *gloss_ui_test_call_in_world (WebKitWebView   *view,
                                          const char      *world,
                                          const char      *body,
                                          GVariant        *args);
/* Selects @text (within one text node) in the open article as a reader
 * would, and waits for the window's highlighter to report it. */
void         gloss_ui_test_select_text   (GlossWindow     *window,
                                          const char      *text);
/* Selects @text and highlights it in @color through the window's
 * "annotate.highlight-color"; waits until it is painted. Returns its id. */
char        *gloss_ui_test_highlight     (GlossWindow     *window,
                                          const char      *text,
                                          const char      *color);
/* Saves what @widget shows to @path as PNG. */
void         gloss_ui_test_save_png      (GtkWidget       *widget,
                                          const char      *path);

G_END_DECLS
