/* gloss-annotator.h — highlighting and annotating in the article view
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

#include "gloss-archive.h"
#include "gloss-article.h"
#include "gloss-sidecar.h"
#include "gloss-highlight-popover.h"
#include "gloss-highlighter.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ANNOTATOR (gloss_annotator_get_type ())
G_DECLARE_FINAL_TYPE (GlossAnnotator, gloss_annotator, GLOSS, ANNOTATOR, GObject)

/* Ties the highlighter of @view to @article's sidecar, for as long as the
 * annotator lives (one annotator per article shown):
 *   - a selection shows the highlight popover (a child of @view) at it; a
 *     colour highlights it, "Add Note" highlights it and opens the note;
 *   - a click on a highlight shows the popover to change its colour, edit
 *     its note, copy it or delete it (with an "Undo" toast);
 *   - every change is saved at once; a save that fails is kept in memory,
 *     said in a toast, and retried at the next change (or with "Retry");
 *   - the sidecar file is watched: a change made elsewhere (a sync tool,
 *     another Gloss) is merged into the one in memory, unsaved edits kept,
 *     and the highlights repainted;
 *   - each document the view loads is painted from the sidecar once its
 *     script is ready; annotations that anchor nowhere are marked orphaned.
 *
 * Takes @article (freed with the annotator). @toasts may be NULL.
 *
 * Actions, in gloss_annotator_get_action_group () (insert it as "annotate"):
 *   highlight            highlight the selection in the last colour used
 *   highlight-color (s)  highlight the selection, or recolour the current highlight
 *   add-note             highlight the selection and open its note, or open
 *                        the note of the current highlight
 *   popover              show the popover for the selection or the current
 *                        highlight, with the keyboard in it
 *   next-highlight, previous-highlight
 *                        scroll to the next / previous highlight and flash it
 *   delete-highlight     delete the current highlight (undoable)
 *   undo-delete          bring back the highlight deleted last
 *   copy-notes           "Copy Notes as Markdown" to the clipboard
 *   retry-save           save now
 *
 * Signals:
 *   changed              the sidecar in memory changed (created, edited,
 *                        deleted, merged, orphans found): views of it refresh
 */
GlossAnnotator        *gloss_annotator_new              (WebKitWebView    *view,
                                                         GlossHighlighter *highlighter,
                                                         GlossArticle     *article,
                                                         AdwToastOverlay  *toasts);
GlossArticle          *gloss_annotator_get_article      (GlossAnnotator   *self);
GActionGroup          *gloss_annotator_get_action_group (GlossAnnotator   *self);
GlossHighlightPopover *gloss_annotator_get_popover      (GlossAnnotator   *self);
/* Whether a change is only in memory, its save having failed. */
gboolean               gloss_annotator_get_unsaved      (GlossAnnotator   *self);
/* Whether a save is still on its way to the disk (saves run off the main
 * thread, in the order they were made). */
gboolean               gloss_annotator_get_saving       (GlossAnnotator   *self);
/* The highlight the keyboard actions act on, or NULL. */
const char            *gloss_annotator_get_current      (GlossAnnotator   *self);

/* Saves the sidecar after someone else (the annotations pane) edited it. */
void                   gloss_annotator_save             (GlossAnnotator   *self);
/* Repaints every highlight from the sidecar. */
void                   gloss_annotator_repaint          (GlossAnnotator   *self);
/* Scrolls to the highlight @id, flashes it, and makes it the current one. */
void                   gloss_annotator_reveal           (GlossAnnotator   *self,
                                                         const char       *id);
/* Reveals @id once the document loading now is painted (an earlier version
 * of the article, say). */
void                   gloss_annotator_reveal_after_paint (GlossAnnotator *self,
                                                           const char     *id);
/* While the view shows an earlier version: highlights are shown, not made,
 * changed or deleted, and whether each anchors stays as in the current one. */
void                   gloss_annotator_set_read_only    (GlossAnnotator   *self,
                                                         gboolean          read_only);
gboolean               gloss_annotator_get_read_only    (GlossAnnotator   *self);
/* Re-attaches the (orphaned) highlight @id to the current selection. */
gboolean               gloss_annotator_attach           (GlossAnnotator   *self,
                                                         const char       *id);

G_END_DECLS
