/* gloss-annotation-row.c — a highlight in the annotations pane
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-annotation-row.h"
#include "gloss-highlight-popover.h"
#include "gloss-text-placeholder.h"
#include "gloss-ui.h"

#define NOTE_DELAY_MS 500

struct _GlossAnnotationRow
{
  GtkWidget            parent_instance;

  GlossAnnotationItem *item;
  guint                note_source;
  guint                resize_source;
  gboolean             loading;

  GtkWidget           *chip;
  GtkLabel            *time;
  GtkLabel            *quote;
  GtkTextView         *note_view;
  GtkWidget           *orphan_box;
};

G_DEFINE_FINAL_TYPE (GlossAnnotationRow, gloss_annotation_row, GTK_TYPE_WIDGET)

enum {
  NOTE_CHANGED,
  ATTACH_REQUESTED,
  DELETE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
queue_note_resize (gpointer user_data)
{
  GlossAnnotationRow *self = user_data;

  self->resize_source = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self->note_view));
  return G_SOURCE_REMOVE;
}

static void
flush_note (GlossAnnotationRow *self)
{
  GtkTextBuffer *buffer;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  /* Nothing waiting (so nothing to read from a note view already gone: the
   * focus leaves it while the row is disposed). */
  if (self->note_source == 0)
    return;
  g_clear_handle_id (&self->note_source, g_source_remove);
  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_signal_emit (self, signals[NOTE_CHANGED], 0, g_strstrip (text));
}

static gboolean
on_note_timeout (gpointer user_data)
{
  GlossAnnotationRow *self = user_data;

  flush_note (self);
  return G_SOURCE_REMOVE;
}

static void
on_note_buffer_changed (GlossAnnotationRow *self)
{
  if (self->loading)
    return;
  g_clear_handle_id (&self->note_source, g_source_remove);
  self->note_source = g_timeout_add (NOTE_DELAY_MS, on_note_timeout, self);
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[ATTACH_REQUESTED], 0);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[DELETE_REQUESTED], 0);
}

static void
gloss_annotation_row_dispose (GObject *object)
{
  GlossAnnotationRow *self = GLOSS_ANNOTATION_ROW (object);
  GtkWidget *child;

  flush_note (self);
  g_clear_handle_id (&self->resize_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_ANNOTATION_ROW);
  /* (GTK 4.8 leaves the template's unnamed top child in place.) */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (gloss_annotation_row_parent_class)->dispose (object);
}

static void
gloss_annotation_row_class_init (GlossAnnotationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_annotation_row_dispose;

  signals[NOTE_CHANGED] =
    g_signal_new ("note-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ATTACH_REQUESTED] =
    g_signal_new ("attach-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "gloss-annotation-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationRow, chip);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationRow, time);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationRow, quote);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationRow, note_view);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationRow, orphan_box);
  gtk_widget_class_install_action (widget_class, "row.attach", NULL, attach_action);
  gtk_widget_class_install_action (widget_class, "row.delete", NULL, delete_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
gloss_annotation_row_init (GlossAnnotationRow *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gloss_highlight_style_ensure (gtk_widget_get_display (GTK_WIDGET (self)));
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->note_view), "changed",
                            G_CALLBACK (on_note_buffer_changed), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (flush_note), self);
  gtk_widget_add_controller (GTK_WIDGET (self->note_view), focus);
  gloss_text_view_set_placeholder (self->note_view, _("Add a note…"));
}

GtkWidget *
gloss_annotation_row_new (void)
{
  return g_object_new (GLOSS_TYPE_ANNOTATION_ROW, NULL);
}

GlossAnnotationItem *
gloss_annotation_row_get_item (GlossAnnotationRow *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_ROW (self), NULL);

  return self->item;
}

void
gloss_annotation_row_set_item (GlossAnnotationRow  *self,
                               GlossAnnotationItem *item)
{
  static const char * const chip_classes[] = { "gloss-color-chip", NULL, NULL };
  g_autofree char *time = NULL;
  const char *classes[3];
  const char *note;

  g_return_if_fail (GLOSS_IS_ANNOTATION_ROW (self));
  g_return_if_fail (item == NULL || GLOSS_IS_ANNOTATION_ITEM (item));

  /* Typing for the previous item goes to that item. */
  flush_note (self);
  if (!g_set_object (&self->item, item) || item == NULL)
    return;

  memcpy (classes, chip_classes, sizeof classes);
  classes[1] = gloss_annotation_item_get_color (item);
  gtk_widget_set_css_classes (self->chip, classes);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chip), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gloss_ui_color_label (gloss_annotation_item_get_color (item)),
                                  -1);
  time = gloss_annotation_item_dup_time (item);
  gtk_label_set_label (self->time, time);
  gtk_label_set_label (self->quote, gloss_annotation_item_get_quote (item));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->quote), gloss_annotation_item_get_quote (item));
  self->loading = TRUE;
  note = gloss_annotation_item_get_note (item);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note ? note : "", -1);
  self->loading = FALSE;
  /* GTK 4.8's text view knows its height only once laid out at its width:
   * ask the list again then. */
  g_clear_handle_id (&self->resize_source, g_source_remove);
  self->resize_source = g_timeout_add_full (G_PRIORITY_LOW, 50, queue_note_resize,
                                            g_object_ref (self), g_object_unref);
  gtk_widget_set_visible (self->orphan_box, gloss_annotation_item_get_orphaned (item));
  /* GTK 4.8 gives the list's rows no name: a screen reader says the row's
   * colour and quote only if the row (our parent) is labelled by them. */
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                    self->chip, self->quote, NULL,
                                    -1);
}
