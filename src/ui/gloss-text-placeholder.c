/* gloss-text-placeholder.c — a dim hint in an empty text view
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-text-placeholder.h"

#define PLACEHOLDER_KEY "gloss-placeholder"

GtkWidget *
gloss_text_view_get_placeholder (GtkTextView *view)
{
  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  return g_object_get_data (G_OBJECT (view), PLACEHOLDER_KEY);
}

static void
update_placeholder (GtkTextView *view)
{
  GtkWidget *label = gloss_text_view_get_placeholder (view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  /* As GtkEntry's: there while the field is empty, focused or not (the
   * notes pane puts the focus in the page note as it opens). */
  gtk_widget_set_visible (label, gtk_text_buffer_get_char_count (buffer) == 0);
}

void
gloss_text_view_set_placeholder (GtkTextView *view,
                                 const char  *text)
{
  GtkWidget *label;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));
  g_return_if_fail (text != NULL);
  g_return_if_fail (gloss_text_view_get_placeholder (view) == NULL);

  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  /* Clicks go to the text view underneath, and it is read as the view's. */
  gtk_widget_set_can_target (label, FALSE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  /* Where the first character would be. */
  gtk_text_view_add_overlay (view, label, gtk_text_view_get_left_margin (view), 0);
  g_object_set_data (G_OBJECT (view), PLACEHOLDER_KEY, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_PLACEHOLDER, text,
                                  -1);

  g_signal_connect_object (gtk_text_view_get_buffer (view), "changed",
                           G_CALLBACK (update_placeholder), view, G_CONNECT_SWAPPED);
  update_placeholder (view);
}
