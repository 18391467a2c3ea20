/* gloss-annotator-actions.c — the annotator's moving around (next, previous,
 * reveal, re-attach) and its actions
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotator-private.h"

/* Moving around */

static void
on_flashed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gloss_highlighter_flash_finish (GLOSS_HIGHLIGHTER (source), result, &error) &&
      error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not flash a highlight: %s", error->message);
}

typedef enum
{
  REVEAL_ONLY,
  REVEAL_EDIT_NOTE,
  REVEAL_POPOVER,  /* with the keyboard in it */
} RevealThen;

typedef struct
{
  GlossAnnotator *self;
  char           *id;
  RevealThen      then;
} RevealData;

static void
reveal_data_free (RevealData *data)
{
  g_object_unref (data->self);
  g_free (data->id);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RevealData, reveal_data_free)

static void
on_scrolled (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RevealData) data = user_data;
  GlossAnnotator *self = data->self;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *annotation;
  GdkRectangle rect;

  if (!gloss_highlighter_scroll_to_finish (GLOSS_HIGHLIGHTER (source), result, &rect, &error))
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not scroll to a highlight: %s", error->message);
      return;
    }
  gloss_highlighter_flash_async (GLOSS_HIGHLIGHTER (source), data->id, self->cancellable,
                                 on_flashed, NULL);
  annotation = _gloss_annotator_find (self, data->id);
  if (annotation == NULL || data->then == REVEAL_ONLY)
    return;
  _gloss_annotator_popup_for_highlight (self, annotation, &rect);
  if (data->then == REVEAL_EDIT_NOTE)
    gloss_highlight_popover_edit_note (self->popover, annotation->note);
  else
    gloss_highlight_popover_popup_focused (self->popover, &rect);
}

static void
reveal (GlossAnnotator *self,
        const char     *id,
        RevealThen      then)
{
  GlossAnnotation *annotation = _gloss_annotator_find (self, id);
  RevealData *data;

  if (annotation == NULL)
    return;
  _gloss_annotator_set_current (self, annotation);
  _gloss_annotator_update_actions (self);
  if (annotation->orphaned || !gloss_highlighter_get_ready (self->highlighter))
    return;
  data = g_new0 (RevealData, 1);
  data->self = g_object_ref (self);
  data->id = g_strdup (id);
  data->then = then;
  gloss_highlighter_scroll_to_async (self->highlighter, id, TRUE, self->cancellable,
                                     on_scrolled, data);
}

void
gloss_annotator_reveal (GlossAnnotator *self,
                        const char     *id)
{
  g_return_if_fail (GLOSS_IS_ANNOTATOR (self));
  g_return_if_fail (id != NULL);

  reveal (self, id, REVEAL_ONLY);
}

static void
go (GlossAnnotator *self,
    gboolean        forward)
{
  g_autoptr(GPtrArray) ordered = gloss_article_annotations_in_order (self->article);
  GlossAnnotation *target = NULL;
  gint at = -1;
  guint n = 0;

  /* Orphans come last and have no place in the text. */
  while (n < ordered->len && !((GlossAnnotation *) ordered->pdata[n])->orphaned)
    n++;
  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (((GlossAnnotation *) ordered->pdata[i])->id, self->current_id) == 0)
      at = (gint) i;

  if (at >= 0)
    target = ordered->pdata[(at + (forward ? 1 : n - 1)) % n];
  else if (self->current_id == NULL)
    target = ordered->pdata[forward ? 0 : n - 1];
  else
    {
      /* The current one is gone: go on from where it was. */
      target = forward ? ordered->pdata[0] : ordered->pdata[n - 1];
      for (guint i = 0; i < n; i++)
        {
          GlossAnnotation *annotation = ordered->pdata[forward ? i : n - 1 - i];

          if (forward ? annotation->start >= self->current_start
                      : annotation->start < self->current_start)
            {
              target = annotation;
              break;
            }
        }
    }
  reveal (self, target->id, REVEAL_ONLY);
}

gboolean
gloss_annotator_attach (GlossAnnotator *self,
                        const char     *id)
{
  const GlossSelection *selection;
  GlossAnnotation *annotation;

  g_return_val_if_fail (GLOSS_IS_ANNOTATOR (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  annotation = _gloss_annotator_find (self, id);
  selection = gloss_highlighter_get_selection (self->highlighter);
  if (annotation == NULL)
    return FALSE;
  if (selection == NULL)
    {
      _gloss_annotator_show_toast (self,
                                   adw_toast_new (_("Select the passage in the article first")));
      return FALSE;
    }
  g_free (annotation->exact);
  annotation->exact = g_strdup (selection->exact);
  g_free (annotation->prefix);
  annotation->prefix = g_strdup (selection->prefix);
  g_free (annotation->suffix);
  annotation->suffix = g_strdup (selection->suffix);
  annotation->start = selection->start;
  annotation->end = selection->end;
  annotation->orphaned = FALSE;
  gloss_annotation_touch (annotation);
  _gloss_annotator_set_current (self, annotation);
  _gloss_annotator_commit (self);
  _gloss_annotator_paint (self, annotation);
  _gloss_annotator_clear_selection (self);
  return TRUE;
}

/* Actions */

static void
highlight_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GlossAnnotator *self = user_data;
  const GlossSelection *selection = gloss_highlighter_get_selection (self->highlighter);
  const char *color = parameter != NULL ? g_variant_get_string (parameter, NULL)
                                        : self->last_color;
  GlossAnnotation *annotation;

  if (!gloss_annotation_is_color (color))
    return;
  if (selection != NULL)
    {
      g_autoptr(GlossSelection) copy = gloss_selection_copy (selection);

      g_clear_pointer (&self->target_selection, gloss_selection_free);
      if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
        gtk_popover_popdown (GTK_POPOVER (self->popover));
      _gloss_annotator_create (self, copy, color);
    }
  else if (parameter != NULL && (annotation = _gloss_annotator_current_annotation (self)) != NULL)
    {
      _gloss_annotator_set_color (self, annotation, color);
    }
}

static void
add_note_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GlossAnnotator *self = user_data;
  const GlossSelection *selection = gloss_highlighter_get_selection (self->highlighter);
  GlossAnnotation *annotation;

  if (selection != NULL)
    {
      _gloss_annotator_target_selection (self, selection);
      gloss_highlight_popover_popup_at (self->popover, &selection->rect);
      _gloss_annotator_on_note_requested (self->popover, self);
    }
  else if ((annotation = _gloss_annotator_current_annotation (self)) != NULL)
    {
      reveal (self, annotation->id, REVEAL_EDIT_NOTE);
    }
}

/* The popover, for the selection or the current highlight, with the
 * keyboard in it: what a pointer's selection or click shows, for a
 * keyboard. */
static void
popover_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GlossAnnotator *self = user_data;
  const GlossSelection *selection = gloss_highlighter_get_selection (self->highlighter);
  GlossAnnotation *annotation;

  if (selection != NULL)
    {
      _gloss_annotator_target_selection (self, selection);
      gloss_highlight_popover_popup_focused (self->popover, &selection->rect);
    }
  else if ((annotation = _gloss_annotator_current_annotation (self)) != NULL)
    {
      reveal (self, annotation->id, REVEAL_POPOVER);
    }
}

static void
next_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  go (user_data, TRUE);
}

static void
previous_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  go (user_data, FALSE);
}

static void
delete_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  GlossAnnotator *self = user_data;
  GlossAnnotation *annotation = _gloss_annotator_current_annotation (self);

  if (annotation != NULL)
    _gloss_annotator_delete (self, annotation->id);
}

static void
undo_delete_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  _gloss_annotator_undo_delete (user_data);
}

static void
copy_notes_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GlossAnnotator *self = user_data;
  g_autoptr(GPtrArray) ordered = gloss_article_annotations_in_order (self->article);
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  GlossExportArticle info;

  gloss_article_export_info (self->article, &info);
  markdown = gloss_export_markdown (&info, ordered, NULL, &error);
  if (markdown == NULL)
    {
      g_message ("Could not export the notes: %s", error->message);
      _gloss_annotator_show_toast (self, adw_toast_new (_("Could not copy the notes")));
      return;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self->view)), markdown);
  _gloss_annotator_show_toast (self, adw_toast_new (_("Notes copied as Markdown")));
}

static void
retry_save_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  gloss_annotator_save (user_data);
}

static const GActionEntry action_entries[] = {
  { .name = "highlight", .activate = highlight_action },
  { .name = "highlight-color", .activate = highlight_action, .parameter_type = "s" },
  { .name = "add-note", .activate = add_note_action },
  { .name = "popover", .activate = popover_action },
  { .name = "next-highlight", .activate = next_action },
  { .name = "previous-highlight", .activate = previous_action },
  { .name = "delete-highlight", .activate = delete_action },
  { .name = "undo-delete", .activate = undo_delete_action },
  { .name = "copy-notes", .activate = copy_notes_action },
  { .name = "retry-save", .activate = retry_save_action },
};

void
_gloss_annotator_init_actions (GlossAnnotator *self)
{
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
}
