/* gloss-text-placeholder.c — a dim hint in an empty text view
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-text-placeholder.h"

#define PLACEHOLDER_KEY "gloss-placeholder"

/* The label in a box of its own: the text view gives its overlays their
 * natural size at a fixed place, so a label alone would sit at the left
 * margin even where the text starts at the right (right-to-left). The box
 * lays the label over the whole width of the text, where xalign 0 is the
 * start of the line on either side. */
#define GLOSS_TYPE_PLACEHOLDER (gloss_placeholder_get_type ())
G_DECLARE_FINAL_TYPE (GlossPlaceholder, gloss_placeholder, GLOSS, PLACEHOLDER, GtkWidget)

struct _GlossPlaceholder
{
  GtkWidget    parent_instance;

  GtkWidget     *label;
  GtkTextView   *view;           /* its parent */
  GdkFrameClock *clock;          /* while it is mapped */
  gulong         layout_handler;
  int            allocated_for;  /* the text width it was laid out for */
};

G_DEFINE_FINAL_TYPE (GlossPlaceholder, gloss_placeholder, GTK_TYPE_WIDGET)

/* The width of the view's text, between its margins: of the text window
 * the placeholder is in (given its size before it allocates its overlays,
 * while the view's visible area is still the old one). */
static int
text_width (GlossPlaceholder *self)
{
  GtkWidget *text_window = gtk_widget_get_parent (GTK_WIDGET (self));

  return MAX (gtk_widget_get_width (text_window) - gtk_text_view_get_left_margin (self->view)
              - gtk_text_view_get_right_margin (self->view), 0);
}

static void
gloss_placeholder_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  gtk_widget_measure (GLOSS_PLACEHOLDER (widget)->label, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
gloss_placeholder_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  GlossPlaceholder *self = GLOSS_PLACEHOLDER (widget);

  /* Wider than the box itself, which the text view keeps to the label's
   * size: the label's start is the text's. */
  self->allocated_for = text_width (self);
  gtk_widget_allocate (self->label, MAX (width, self->allocated_for), height, baseline, NULL);
}

/* The text view gives the box the same place when the text gets wider or
 * narrower, and GTK then leaves it as it was: after each layout, one that
 * changed the text's width lays the label out again, at the next frame. */
static void
on_layout (GdkFrameClock    *clock,
           GlossPlaceholder *self)
{
  if (text_width (self) != self->allocated_for)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
gloss_placeholder_map (GtkWidget *widget)
{
  GlossPlaceholder *self = GLOSS_PLACEHOLDER (widget);

  GTK_WIDGET_CLASS (gloss_placeholder_parent_class)->map (widget);
  self->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  self->layout_handler = g_signal_connect_after (self->clock, "layout", G_CALLBACK (on_layout), self);
}

static void
gloss_placeholder_unmap (GtkWidget *widget)
{
  GlossPlaceholder *self = GLOSS_PLACEHOLDER (widget);

  g_clear_signal_handler (&self->layout_handler, self->clock);
  g_clear_object (&self->clock);
  GTK_WIDGET_CLASS (gloss_placeholder_parent_class)->unmap (widget);
}

static void
gloss_placeholder_dispose (GObject *object)
{
  GlossPlaceholder *self = GLOSS_PLACEHOLDER (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);
  G_OBJECT_CLASS (gloss_placeholder_parent_class)->dispose (object);
}

static void
gloss_placeholder_class_init (GlossPlaceholderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_placeholder_dispose;
  widget_class->measure = gloss_placeholder_measure;
  widget_class->size_allocate = gloss_placeholder_size_allocate;
  widget_class->map = gloss_placeholder_map;
  widget_class->unmap = gloss_placeholder_unmap;
}

static void
gloss_placeholder_init (GlossPlaceholder *self)
{
}

static GtkWidget *
gloss_placeholder_new (GtkTextView *view,
                       const char  *text)
{
  GlossPlaceholder *self = g_object_new (GLOSS_TYPE_PLACEHOLDER, NULL);

  self->view = view;
  self->label = gtk_label_new (text);
  /* The start: the left, or the right in a right-to-left window. */
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_widget_add_css_class (self->label, "dim-label");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  /* Clicks go to the text view underneath, and it is read as the view's. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  return GTK_WIDGET (self);
}

GtkWidget *
gloss_text_view_get_placeholder (GtkTextView *view)
{
  GlossPlaceholder *placeholder;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  placeholder = g_object_get_data (G_OBJECT (view), PLACEHOLDER_KEY);
  return placeholder != NULL ? placeholder->label : NULL;
}

static void
update_placeholder (GtkTextView *view)
{
  GtkWidget *placeholder = g_object_get_data (G_OBJECT (view), PLACEHOLDER_KEY);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  /* As GtkEntry's: there while the field is empty, focused or not (the
   * notes pane puts the focus in the page note as it opens). */
  gtk_widget_set_visible (placeholder, gtk_text_buffer_get_char_count (buffer) == 0);
}

void
gloss_text_view_set_placeholder (GtkTextView *view,
                                 const char  *text)
{
  GtkWidget *placeholder;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));
  g_return_if_fail (text != NULL);
  g_return_if_fail (gloss_text_view_get_placeholder (view) == NULL);

  placeholder = gloss_placeholder_new (view, text);
  /* Where the first line's text begins. */
  gtk_text_view_add_overlay (view, placeholder, gtk_text_view_get_left_margin (view), 0);
  g_object_set_data (G_OBJECT (view), PLACEHOLDER_KEY, placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_PLACEHOLDER, text,
                                  -1);

  g_signal_connect_object (gtk_text_view_get_buffer (view), "changed",
                           G_CALLBACK (update_placeholder), view, G_CONNECT_SWAPPED);
  update_placeholder (view);
}
