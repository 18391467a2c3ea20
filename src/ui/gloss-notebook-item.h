/* gloss-notebook-item.h — a highlight of the notebook, as an item of its list
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "gloss-index.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_NOTEBOOK_ITEM (gloss_notebook_item_get_type ())
G_DECLARE_FINAL_TYPE (GlossNotebookItem, gloss_notebook_item, GLOSS, NOTEBOOK_ITEM, GObject)

/* Takes @highlight. Items are made in the notebook's worker thread and
 * never change after, so they can be read from any thread. */
GlossNotebookItem         *gloss_notebook_item_new           (GlossIndexHighlight *highlight);
const GlossIndexHighlight *gloss_notebook_item_get_highlight (GlossNotebookItem   *self);

G_END_DECLS
