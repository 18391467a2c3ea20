/* test-highlighter-private.h — the one view of test-highlighter and the
 * helpers its files share: test-highlighter.c (anchoring, selections,
 * validation, isolation; the set-up), test-highlighter-paint.c and
 * test-highlighter-caret.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>
#include <webkit/webkit.h>

#include "gloss-test-utils.h"

G_BEGIN_DECLS

#define WORLD "gloss"
#define PAGE_WORLD NULL
#define WAIT_SECONDS 30

/* One view for every test: starting a web process takes a second. */
typedef struct
{
  GtkWidget                *window;
  WebKitWebView            *view;
  WebKitUserContentManager *ucm;
  GPtrArray                *messages;   /* JsonNode, as they arrive from the script */
  guint                     next_message;
} Fixture;

extern Fixture fixture;

/* The next message of @type (for which @matches holds), skipping others. */
JsonObject *wait_message        (const char *type,
                                 gboolean  (*matches) (JsonObject *message, gpointer data),
                                 gpointer    data);
G_GNUC_PRINTF (2, 3)
char       *evaluate_string     (const char *world,
                                 const char *format,
                                 ...);
/* The value of a script as JSON, parsed (NULL for undefined). */
G_GNUC_PRINTF (2, 3)
JsonNode   *evaluate_json       (const char *world,
                                 const char *format,
                                 ...);
/* Asserts that @script, run in the gloss world, gives @expected as a string. */
void        assert_evaluates_to (const char *script,
                                 const char *expected);
/* Loads @html and waits until it has loaded and the script reported ready;
 * returns that "ready" message. */
JsonObject *load_page           (const char *html);
/* The text model of @html as the C side computes it. */
char       *c_document_text     (const char *html);
void        assert_rect_visible (JsonObject *rect);

/* In test-highlighter-paint.c */
void        test_paint          (void);
void        test_scroll         (void);

/* In test-highlighter-caret.c */
void        test_place_caret           (void);
void        test_collapse_selection    (void);
void        test_key_reports_selection (void);

G_END_DECLS
