/* gloss-annotation-item.h — one highlight in the annotations pane's list
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-annotation.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ANNOTATION_ITEM (gloss_annotation_item_get_type ())
G_DECLARE_FINAL_TYPE (GlossAnnotationItem, gloss_annotation_item, GLOSS, ANNOTATION_ITEM, GObject)

/* A snapshot of @annotation: properties id, color, quote, note, time (how
 * long ago it was modified, for people), orphaned. */
GlossAnnotationItem *gloss_annotation_item_new          (const GlossAnnotation *annotation);
const char          *gloss_annotation_item_get_id       (GlossAnnotationItem   *self);
const char          *gloss_annotation_item_get_color    (GlossAnnotationItem   *self);
const char          *gloss_annotation_item_get_quote    (GlossAnnotationItem   *self);
const char          *gloss_annotation_item_get_note     (GlossAnnotationItem   *self);
gboolean             gloss_annotation_item_get_orphaned (GlossAnnotationItem   *self);
char                *gloss_annotation_item_dup_time     (GlossAnnotationItem   *self);

G_END_DECLS
