/* gloss-highlighter.h — the C side of src/web/highlighter.js in a WebKitWebView
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "gloss-sidecar.h"

G_BEGIN_DECLS

/* The resource holding the script, and the environment variable naming a
 * file to read it from instead (for tests run without the resource). */
#define GLOSS_HIGHLIGHTER_RESOURCE "/io/github/glossapp/Gloss/highlighter.js"
#define GLOSS_HIGHLIGHTER_JS_ENV   "GLOSS_HIGHLIGHTER_JS"

/* The script world the script runs in and its message handler lives in. */
#define GLOSS_HIGHLIGHTER_WORLD    "gloss"

/* What is selected in the view, as the script described it. */
typedef struct
{
  char         *exact;
  char         *prefix;   /* up to 32 code points before exact */
  char         *suffix;
  gint64        start;    /* code points of the text model, end exclusive */
  gint64        end;
  GdkRectangle  rect;     /* its bounding box, in the view's widget coordinates */
  gboolean      by_pointer; /* made with the pointer (else the keyboard) */
} GlossSelection;

#define GLOSS_TYPE_SELECTION (gloss_selection_get_type ())
GType           gloss_selection_get_type (void) G_GNUC_CONST;
GlossSelection *gloss_selection_copy     (const GlossSelection *selection);
void            gloss_selection_free     (GlossSelection       *selection);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossSelection, gloss_selection_free)

#define GLOSS_TYPE_HIGHLIGHTER (gloss_highlighter_get_type ())
G_DECLARE_FINAL_TYPE (GlossHighlighter, gloss_highlighter, GLOSS, HIGHLIGHTER, GObject)

/* Adds the script to @view's user content manager (world "gloss") and
 * registers the "gloss" message handler for that world only; both go away
 * with the highlighter. The script runs in documents loaded from then on.
 *
 * Signals, each after the message was validated (a malformed one is
 * dropped with a g_debug()):
 *   ready (guint length)                 the script is set up in a new document
 *   selection-changed (GlossSelection *) the selection changed; NULL when empty
 *   highlight-activated (const char *id, GdkRectangle *rect)
 *                                        a click on a painted highlight */
GlossHighlighter *gloss_highlighter_new                (WebKitWebView     *view);
WebKitWebView    *gloss_highlighter_get_view           (GlossHighlighter  *self);
/* Whether the current document's script reported "ready". */
gboolean          gloss_highlighter_get_ready          (GlossHighlighter  *self);
/* The text model's length, in code points, of the current document. */
guint             gloss_highlighter_get_text_length    (GlossHighlighter  *self);
/* The last selection reported, or NULL (borrowed). */
const GlossSelection *gloss_highlighter_get_selection  (GlossHighlighter  *self);
/* The painted highlight the last right-click was on, or NULL: the script
 * reports it before WebKit asks for the context menu, so a "context-menu"
 * handler can read it. */
const char       *gloss_highlighter_get_context_highlight (GlossHighlighter *self);

/* Replaces every painted highlight with those of @sidecar: each annotation is
 * anchored in the document (gloss.anchorAll, the algorithm of gloss-anchor.c)
 * and painted where it lands. @sidecar is read before this returns. The
 * result gives how many were painted and the ids of those that anchor
 * nowhere (orphans), for the caller to mark. */
void              gloss_highlighter_paint_sidecar_async  (GlossHighlighter    *self,
                                                          GlossSidecar        *sidecar,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean          gloss_highlighter_paint_sidecar_finish (GlossHighlighter    *self,
                                                          GAsyncResult        *result,
                                                          guint               *n_painted,
                                                          GStrv               *orphaned_ids,
                                                          GError             **error);

/* Anchors and paints one annotation, replacing it if painted; FALSE (and no
 * error) when it anchors nowhere. */
void              gloss_highlighter_paint_async          (GlossHighlighter      *self,
                                                          const GlossAnnotation *annotation,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
gboolean          gloss_highlighter_paint_finish         (GlossHighlighter      *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);

/* FALSE (and no error) when @id was not painted. */
void              gloss_highlighter_unpaint_async        (GlossHighlighter    *self,
                                                          const char          *id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean          gloss_highlighter_unpaint_finish       (GlossHighlighter    *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

void              gloss_highlighter_flash_async          (GlossHighlighter    *self,
                                                          const char          *id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean          gloss_highlighter_flash_finish         (GlossHighlighter    *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* Scrolls the highlight into view; *@rect (nullable) is where it then is,
 * in widget coordinates. FALSE (and no error) when @id is not painted. */
void              gloss_highlighter_scroll_to_async      (GlossHighlighter    *self,
                                                          const char          *id,
                                                          gboolean             smooth,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean          gloss_highlighter_scroll_to_finish     (GlossHighlighter    *self,
                                                          GAsyncResult        *result,
                                                          GdkRectangle        *rect,
                                                          GError             **error);

/* Empties the page's selection (a "selection-changed" with NULL follows),
 * leaving a caret where its focus was, for caret browsing to go on from. */
void              gloss_highlighter_clear_selection_async  (GlossHighlighter    *self,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean          gloss_highlighter_clear_selection_finish (GlossHighlighter    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* For caret browsing: puts the caret in view, at the start of the first
 * paragraph that starts there, unless a selection or a caret in view (where
 * a click put it) is already there. TRUE if the caret moved. */
void              gloss_highlighter_place_caret_async      (GlossHighlighter    *self,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean          gloss_highlighter_place_caret_finish     (GlossHighlighter    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

G_END_DECLS
