/* gloss-annotator-private.h — the annotator's insides, shared by
 * gloss-annotator*.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-annotator.h"

G_BEGIN_DECLS

struct _GlossAnnotator
{
  GObject                parent_instance;

  WebKitWebView         *view;
  GlossHighlighter      *highlighter;
  GlossArticle          *article;
  AdwToastOverlay       *toasts;
  GlossHighlightPopover *popover;
  GSimpleActionGroup    *actions;
  GCancellable          *cancellable;

  GFileMonitor          *monitor;
  guint                  reload_source;
  /* SHA-256 of the sidecar file as last written or merged: a change event
   * with these contents is our own write, not news. */
  char                  *known_checksum;
  gboolean               unsaved;
  AdwToast              *save_toast;
  guint                  saves_asked;  /* saves run off the main thread, in order */
  guint                  saves_pending;

  /* What the popover is about: a selection, or the highlight target_id. */
  GlossSelection        *target_selection;
  char                  *target_id;
  /* The highlight the keyboard acts on, and where it was. */
  char                  *current_id;
  gint64                 current_start;
  char                  *last_color;

  gboolean               read_only;   /* showing an earlier version */
  char                  *reveal_after_paint;

  GlossAnnotation       *deleted;     /* for "Undo" */
  AdwToast              *undo_toast;
};

/* gloss-annotator.c */
GlossAnnotation *_gloss_annotator_find                (GlossAnnotator        *self,
                                                       const char            *id);
void             _gloss_annotator_show_toast          (GlossAnnotator        *self,
                                                       AdwToast              *toast);
/* The highlight the popover is about, else the current one, or NULL. */
GlossAnnotation *_gloss_annotator_current_annotation  (GlossAnnotator        *self);
void             _gloss_annotator_update_actions      (GlossAnnotator        *self);
void             _gloss_annotator_set_current         (GlossAnnotator        *self,
                                                       const GlossAnnotation *annotation);
/* After every change to the sidecar in memory. */
void             _gloss_annotator_commit              (GlossAnnotator        *self);
void             _gloss_annotator_paint               (GlossAnnotator        *self,
                                                       const GlossAnnotation *annotation);
void             _gloss_annotator_clear_selection     (GlossAnnotator        *self);
GlossAnnotation *_gloss_annotator_create              (GlossAnnotator        *self,
                                                       const GlossSelection  *selection,
                                                       const char            *color);
void             _gloss_annotator_set_color           (GlossAnnotator        *self,
                                                       GlossAnnotation       *annotation,
                                                       const char            *color);
void             _gloss_annotator_undo_delete         (GlossAnnotator        *self);
/* Deletes @id, with an "Undo" toast. */
void             _gloss_annotator_delete              (GlossAnnotator        *self,
                                                       const char            *id);
void             _gloss_annotator_popup_for_highlight (GlossAnnotator        *self,
                                                       const GlossAnnotation *annotation,
                                                       const GdkRectangle    *rect);
/* The popover's "note-requested" handler. */
void             _gloss_annotator_on_note_requested   (GlossHighlightPopover *popover,
                                                       GlossAnnotator        *self);

/* gloss-annotator-actions.c */
/* Fills self->actions. */
void             _gloss_annotator_init_actions        (GlossAnnotator        *self);

void             _gloss_annotator_target_selection (GlossAnnotator       *self,
                                                    const GlossSelection *selection);

/* gloss-annotator-menu.c */
/* Adds the selection's or the highlight's items to the view's context menu. */
void             _gloss_annotator_init_menu           (GlossAnnotator        *self);

G_END_DECLS
