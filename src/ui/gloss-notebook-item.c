/* gloss-notebook-item.c — a highlight of the notebook, as an item of its list
 *
 * No properties and no signals: 20,000 of them are made at once, and a row
 * reads what it shows when it is bound.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-notebook-item.h"

struct _GlossNotebookItem
{
  GObject              parent_instance;

  GlossIndexHighlight *highlight;
};

G_DEFINE_FINAL_TYPE (GlossNotebookItem, gloss_notebook_item, G_TYPE_OBJECT)

static void
gloss_notebook_item_finalize (GObject *object)
{
  GlossNotebookItem *self = GLOSS_NOTEBOOK_ITEM (object);

  g_clear_pointer (&self->highlight, gloss_index_highlight_free);

  G_OBJECT_CLASS (gloss_notebook_item_parent_class)->finalize (object);
}

static void
gloss_notebook_item_class_init (GlossNotebookItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_notebook_item_finalize;
}

static void
gloss_notebook_item_init (GlossNotebookItem *self)
{
}

GlossNotebookItem *
gloss_notebook_item_new (GlossIndexHighlight *highlight)
{
  GlossNotebookItem *self;

  g_return_val_if_fail (highlight != NULL, NULL);

  self = g_object_new (GLOSS_TYPE_NOTEBOOK_ITEM, NULL);
  self->highlight = highlight;
  return self;
}

const GlossIndexHighlight *
gloss_notebook_item_get_highlight (GlossNotebookItem *self)
{
  g_return_val_if_fail (GLOSS_IS_NOTEBOOK_ITEM (self), NULL);

  return self->highlight;
}
