/* gloss-annotations-pane.h — the article's highlights, notes and tags, beside it
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss-archive.h"
#include "gloss-article.h"
#include "gloss-sidecar.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ANNOTATIONS_PANE (gloss_annotations_pane_get_type ())
G_DECLARE_FINAL_TYPE (GlossAnnotationsPane, gloss_annotations_pane, GLOSS, ANNOTATIONS_PANE,
                      GtkWidget)

/* The content of the annotations AdwFlap: the page note (Markdown), the
 * tags (completed from the library's), a colour filter, a search in notes,
 * the highlights in document order (colour, quote, note editable in place,
 * time) and, apart, those "Not Found in This Version" with "Attach Here"
 * and "Delete".
 *
 * The pane edits the article's sidecar in memory and then emits "changed":
 * the caller saves (gloss_annotator_save ()).
 * Signals:
 *   annotation-activated (const char *id)  a highlight was clicked: show it
 *   attach-requested (const char *id)      re-attach an orphan to the selection
 *   changed                                the sidecar was edited */
GtkWidget    *gloss_annotations_pane_new              (void);
/* @article is borrowed: keep it alive, or set NULL before freeing it. */
void          gloss_annotations_pane_set_article      (GlossAnnotationsPane *self,
                                                       GlossArticle         *article);
GlossArticle *gloss_annotations_pane_get_article      (GlossAnnotationsPane *self);
/* Rebuilds the list from the sidecar (after the annotator's "changed"). */
void          gloss_annotations_pane_refresh          (GlossAnnotationsPane *self);
/* The tags of the whole library, offered as completions. */
void          gloss_annotations_pane_set_library_tags (GlossAnnotationsPane *self,
                                                       const char * const   *tags);
/* The highlights shown (after filtering), and the orphans: GlossAnnotationItem. */
GListModel   *gloss_annotations_pane_get_highlights   (GlossAnnotationsPane *self);
GListModel   *gloss_annotations_pane_get_orphans      (GlossAnnotationsPane *self);

G_END_DECLS
