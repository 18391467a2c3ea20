/* gloss-highlight-popover.c — colours, note, copy and delete for a highlight
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-highlight-popover.h"

#define N_COLORS 5

static const char * const colors[N_COLORS] = { "yellow", "green", "blue", "pink", "purple" };

struct _GlossHighlightPopover
{
  GtkPopover  parent_instance;

  GtkStack   *stack;
  GtkWidget  *note_button;
  GtkWidget  *delete_button;
  GtkTextView *note_view;
  GtkWidget  *checks[N_COLORS];

  char       *color;      /* NULL: a selection, not a highlight */
  gboolean    has_note;
};

G_DEFINE_FINAL_TYPE (GlossHighlightPopover, gloss_highlight_popover, GTK_TYPE_POPOVER)

enum {
  COLOR_CHOSEN,
  NOTE_REQUESTED,
  COPY_REQUESTED,
  DELETE_REQUESTED,
  NOTE_EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
gloss_highlight_style_ensure (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  if (g_object_get_data (G_OBJECT (display), "gloss-highlight-style") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PATH "gloss-highlights.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "gloss-highlight-style",
                          g_object_ref (provider), g_object_unref);
}

static void
update (GlossHighlightPopover *self)
{
  gboolean existing = self->color != NULL;

  for (guint i = 0; i < N_COLORS; i++)
    {
      gboolean current = g_strcmp0 (self->color, colors[i]) == 0;

      gtk_widget_set_visible (self->checks[i], current);
      /* The tick says it to the eye, the pressed state to a screen reader. */
      gtk_accessible_update_state (GTK_ACCESSIBLE (gtk_widget_get_parent (self->checks[i])),
                                   GTK_ACCESSIBLE_STATE_PRESSED,
                                   current ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                           : GTK_ACCESSIBLE_TRISTATE_FALSE,
                                   -1);
    }
  gtk_button_set_label (GTK_BUTTON (self->note_button),
                        self->has_note ? _("Edit _Note") : _("Add _Note"));
  gtk_widget_set_visible (self->delete_button, existing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "highlight.delete", existing);
}

static char *
get_note_text (GlossHighlightPopover *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Whatever closes the editor keeps what was typed. */
static void
on_closed (GlossHighlightPopover *self)
{
  g_autofree char *text = NULL;

  if (!gloss_highlight_popover_get_editing (self))
    return;
  text = get_note_text (self);
  gtk_stack_set_visible_child_name (self->stack, "actions");
  g_signal_emit (self, signals[NOTE_EDITED], 0, g_strstrip (text));
}

static void
color_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  const char *color = g_variant_get_string (parameter, NULL);

  if (!g_strv_contains (colors, color))
    return;
  g_signal_emit (widget, signals[COLOR_CHOSEN], 0, color);
}

static void
note_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[NOTE_REQUESTED], 0);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[COPY_REQUESTED], 0);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[DELETE_REQUESTED], 0);
}

static void
save_note_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GlossHighlightPopover *self = GLOSS_HIGHLIGHT_POPOVER (widget);

  if (gtk_widget_get_visible (widget))
    gtk_popover_popdown (GTK_POPOVER (self));
  else
    on_closed (self);
}

static void
gloss_highlight_popover_finalize (GObject *object)
{
  GlossHighlightPopover *self = GLOSS_HIGHLIGHT_POPOVER (object);

  g_free (self->color);

  G_OBJECT_CLASS (gloss_highlight_popover_parent_class)->finalize (object);
}

/* The keyboard on the current colour's button (else the first's). */
static void
focus_colors (GlossHighlightPopover *self)
{
  GtkWidget *focus = gtk_widget_get_parent (self->checks[0]);

  for (guint i = 0; i < N_COLORS; i++)
    if (g_strcmp0 (self->color, colors[i]) == 0)
      focus = gtk_widget_get_parent (self->checks[i]);
  gtk_widget_grab_focus (focus);
}

/* Ctrl+Return while the popover has the keyboard (shown for the pointer,
 * it takes it): onto the colours, as from the article. */
static gboolean
focus_colors_binding (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  if (gloss_highlight_popover_get_editing (GLOSS_HIGHLIGHT_POPOVER (widget)))
    return FALSE;
  focus_colors (GLOSS_HIGHLIGHT_POPOVER (widget));
  return TRUE;
}

static void
gloss_highlight_popover_class_init (GlossHighlightPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gloss_highlight_popover_finalize;
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                focus_colors_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                focus_colors_binding, NULL);

  signals[COLOR_CHOSEN] =
    g_signal_new ("color-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[NOTE_REQUESTED] =
    g_signal_new ("note-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[COPY_REQUESTED] =
    g_signal_new ("copy-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[NOTE_EDITED] =
    g_signal_new ("note-edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "gloss-highlight-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossHighlightPopover, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossHighlightPopover, note_button);
  gtk_widget_class_bind_template_child (widget_class, GlossHighlightPopover, delete_button);
  gtk_widget_class_bind_template_child (widget_class, GlossHighlightPopover, note_view);
  gtk_widget_class_bind_template_child_full (widget_class, "yellow_check", FALSE,
                                             G_STRUCT_OFFSET (GlossHighlightPopover, checks[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "green_check", FALSE,
                                             G_STRUCT_OFFSET (GlossHighlightPopover, checks[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "blue_check", FALSE,
                                             G_STRUCT_OFFSET (GlossHighlightPopover, checks[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "pink_check", FALSE,
                                             G_STRUCT_OFFSET (GlossHighlightPopover, checks[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "purple_check", FALSE,
                                             G_STRUCT_OFFSET (GlossHighlightPopover, checks[4]));

  gtk_widget_class_install_action (widget_class, "highlight.color", "s", color_action);
  gtk_widget_class_install_action (widget_class, "highlight.note", NULL, note_action);
  gtk_widget_class_install_action (widget_class, "highlight.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "highlight.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "highlight.save-note", NULL, save_note_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "highlight.save-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "highlight.save-note", NULL);
}

static void
gloss_highlight_popover_init (GlossHighlightPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gloss_highlight_style_ensure (gtk_widget_get_display (GTK_WIDGET (self)));
  g_signal_connect (self, "closed", G_CALLBACK (on_closed), NULL);
  update (self);
}

GtkWidget *
gloss_highlight_popover_new (void)
{
  return g_object_new (GLOSS_TYPE_HIGHLIGHT_POPOVER, NULL);
}

void
gloss_highlight_popover_set_highlight (GlossHighlightPopover *self,
                                       const char            *color,
                                       gboolean               has_note)
{
  g_return_if_fail (GLOSS_IS_HIGHLIGHT_POPOVER (self));

  g_free (self->color);
  self->color = g_strdup (color);
  self->has_note = has_note;
  update (self);
}

void
gloss_highlight_popover_popup_at (GlossHighlightPopover *self,
                                  const GdkRectangle    *rect)
{
  g_return_if_fail (GLOSS_IS_HIGHLIGHT_POPOVER (self));
  g_return_if_fail (rect != NULL);

  gtk_popover_set_pointing_to (GTK_POPOVER (self), rect);
  gtk_popover_popup (GTK_POPOVER (self));
  gtk_popover_present (GTK_POPOVER (self));
}

void
gloss_highlight_popover_popup_focused (GlossHighlightPopover *self,
                                       const GdkRectangle    *rect)
{
  g_return_if_fail (GLOSS_IS_HIGHLIGHT_POPOVER (self));
  g_return_if_fail (rect != NULL);

  gtk_stack_set_visible_child_name (self->stack, "actions");
  gtk_popover_set_pointing_to (GTK_POPOVER (self), rect);
  gtk_popover_popup (GTK_POPOVER (self));
  focus_colors (self);
}

void
gloss_highlight_popover_edit_note (GlossHighlightPopover *self,
                                   const char            *note)
{
  g_return_if_fail (GLOSS_IS_HIGHLIGHT_POPOVER (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note ? note : "", -1);
  gtk_stack_set_visible_child_name (self->stack, "note");
  gtk_popover_popup (GTK_POPOVER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
}

gboolean
gloss_highlight_popover_get_editing (GlossHighlightPopover *self)
{
  g_return_val_if_fail (GLOSS_IS_HIGHLIGHT_POPOVER (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "note") == 0;
}
