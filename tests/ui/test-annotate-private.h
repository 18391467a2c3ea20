/* test-annotate-private.h — the open article of test-annotate and the
 * helpers its files share: test-annotate.c (highlighting, notes, deleting,
 * the keyboard, saving, isolation; the set-up) and test-annotate-pane.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <webkit/webkit.h>

#include "gloss-annotator.h"
#include "gloss-highlighter.h"
#include "gloss-ui-test.h"

G_BEGIN_DECLS

#define WORLD "gloss"
#define PAGE_WORLD NULL
#define WAIT_SECONDS 30

/* Everything one open article needs; the test reopens it with a new one. */
typedef struct
{
  GtkWidget        *window;
  AdwToastOverlay  *overlay;
  WebKitWebView    *view;
  GlossHighlighter *highlighter;
  GlossAnnotator   *annotator;
  guint             n_ready;
  guint             n_selections;
  guint             n_activations;
  guint             n_changed;
  char             *last_exact;
} Viewer;

extern Viewer viewer;

JsonNode     *call_json     (const char   *world,
                             const char   *body,
                             GVariant     *args);
/* Saves run off the main thread: what is on disk once they have landed. */
GlossSidecar *load_disk     (void);
gboolean      has_tombstone (GlossSidecar *sidecar,
                             const char   *id);
/* A window with the article in a view, the highlighter and the annotator;
 * returns once the script is ready and @n_painted highlights are painted. */
void          open_viewer   (guint         n_painted);
void          close_viewer  (void);
void          wait_painted  (const char   *id,
                             const char   *color);

/* In test-annotate-pane.c */
void          test_reopen   (void);
void          test_orphan   (void);
void          test_pane     (void);

G_END_DECLS
