/* gloss-highlight-popover.h — colours, note, copy and delete for a highlight
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_HIGHLIGHT_POPOVER (gloss_highlight_popover_get_type ())
G_DECLARE_FINAL_TYPE (GlossHighlightPopover, gloss_highlight_popover, GLOSS, HIGHLIGHT_POPOVER,
                      GtkPopover)

/* Widget actions (activate them with gtk_widget_activate_action ()):
 *   highlight.color (s)     emits "color-chosen" (const char *color)
 *   highlight.note          emits "note-requested"
 *   highlight.copy          emits "copy-requested"
 *   highlight.delete        emits "delete-requested" (only for a highlight)
 *   highlight.save-note     closes the note editor (Ctrl+Return)
 * and, when the note editor closes, however it closes (nothing typed is
 * lost), "note-edited" (const char *text; "" when the note was emptied). */
GtkWidget *gloss_highlight_popover_new           (void);

/* What the popover is about: with @color NULL a selection that is not
 * highlighted yet (no Delete); else a highlight of that colour, with or
 * without a note ("Edit Note" or "Add Note"). */
void       gloss_highlight_popover_set_highlight (GlossHighlightPopover *self,
                                                  const char            *color,
                                                  gboolean               has_note);
/* Shows the popover pointing at @rect, in its parent's coordinates. */
void       gloss_highlight_popover_popup_at      (GlossHighlightPopover *self,
                                                  const GdkRectangle    *rect);
/* Like gloss_highlight_popover_popup_at (), but the popover takes the
 * keyboard, its focus on the current colour (else the first): how a
 * keyboard user reaches it. */
void       gloss_highlight_popover_popup_focused (GlossHighlightPopover *self,
                                                  const GdkRectangle    *rect);
/* Shows the note editor holding @note (nullable). */
void       gloss_highlight_popover_edit_note     (GlossHighlightPopover *self,
                                                  const char            *note);
gboolean   gloss_highlight_popover_get_editing   (GlossHighlightPopover *self);

/* The colour chips and buttons' style sheet, added once per display. */
void       gloss_highlight_style_ensure          (GdkDisplay            *display);

G_END_DECLS
