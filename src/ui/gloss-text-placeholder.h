/* gloss-text-placeholder.h — a dim hint in an empty text view
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows @text, dimmed, over @view while its buffer is empty, as a GtkEntry
 * shows its placeholder text (GTK 4.8's GtkTextView has none). Also tells
 * assistive technologies. */
void       gloss_text_view_set_placeholder (GtkTextView *view,
                                            const char  *text);
/* The label that shows it, or NULL: for the tests. */
GtkWidget *gloss_text_view_get_placeholder (GtkTextView *view);

G_END_DECLS
