/* gloss-notebook-row.h — a row of the notebook: a highlight, its note, its
 * colour, when it was made and the article it is in
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss-notebook-item.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_NOTEBOOK_ROW (gloss_notebook_row_get_type ())
G_DECLARE_FINAL_TYPE (GlossNotebookRow, gloss_notebook_row, GLOSS, NOTEBOOK_ROW, GtkWidget)

GtkWidget *gloss_notebook_row_new      (void);
/* Shows @item. Each row names its article, unless @grouped (by article):
 * then the first row of a group, @starts_group, has the title as a heading. */
void       gloss_notebook_row_set_item (GlossNotebookRow  *self,
                                        GlossNotebookItem *item,
                                        gboolean           grouped,
                                        gboolean           starts_group);

G_END_DECLS
