/* gloss-annotation-row.h — a highlight in the annotations pane
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss-annotation-item.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ANNOTATION_ROW (gloss_annotation_row_get_type ())
G_DECLARE_FINAL_TYPE (GlossAnnotationRow, gloss_annotation_row, GLOSS, ANNOTATION_ROW, GtkWidget)

/* Signals: note-changed (const char *note; "" when emptied), emitted a moment
 * after typing stops and when the note loses the focus; attach-requested and
 * delete-requested (orphans only). */
GtkWidget           *gloss_annotation_row_new      (void);
GlossAnnotationItem *gloss_annotation_row_get_item (GlossAnnotationRow  *self);
void                 gloss_annotation_row_set_item (GlossAnnotationRow  *self,
                                                    GlossAnnotationItem *item);

G_END_DECLS
