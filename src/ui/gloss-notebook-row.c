/* gloss-notebook-row.c — a row of the notebook
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-highlight-popover.h"
#include "gloss-notebook-row.h"
#include "gloss-ui.h"

struct _GlossNotebookRow
{
  GtkWidget  parent_instance;

  GtkLabel  *title;
  GtkLabel  *quote;
  GtkLabel  *note;
  GtkWidget *chip;
  GtkLabel  *details;
};

G_DEFINE_FINAL_TYPE (GlossNotebookRow, gloss_notebook_row, GTK_TYPE_WIDGET)

static void
gloss_notebook_row_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), GLOSS_TYPE_NOTEBOOK_ROW);
  /* (GTK 4.8 leaves the template's unnamed top child in place.) */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (gloss_notebook_row_parent_class)->dispose (object);
}

static void
gloss_notebook_row_class_init (GlossNotebookRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_notebook_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossapp/Gloss/gloss-notebook-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossNotebookRow, title);
  gtk_widget_class_bind_template_child (widget_class, GlossNotebookRow, quote);
  gtk_widget_class_bind_template_child (widget_class, GlossNotebookRow, note);
  gtk_widget_class_bind_template_child (widget_class, GlossNotebookRow, chip);
  gtk_widget_class_bind_template_child (widget_class, GlossNotebookRow, details);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "notebookrow");
}

static void
gloss_notebook_row_init (GlossNotebookRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gloss_highlight_style_ensure (gtk_widget_get_display (GTK_WIDGET (self)));
}

GtkWidget *
gloss_notebook_row_new (void)
{
  return g_object_new (GLOSS_TYPE_NOTEBOOK_ROW, NULL);
}

/* A label that shows @text, or hides when there is none. */
static void
set_optional_label (GtkLabel   *label,
                    const char *text)
{
  gboolean shown = text != NULL && *text != '\0';

  gtk_label_set_label (label, shown ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), shown);
}

void
gloss_notebook_row_set_item (GlossNotebookRow  *self,
                             GlossNotebookItem *item,
                             gboolean           grouped,
                             gboolean           starts_group)
{
  const char *classes[] = { "gloss-color-chip", NULL, NULL };
  const GlossIndexHighlight *highlight;
  g_autofree char *time = NULL;
  g_autofree char *details = NULL;
  const char *title;

  g_return_if_fail (GLOSS_IS_NOTEBOOK_ROW (self));
  g_return_if_fail (GLOSS_IS_NOTEBOOK_ITEM (item));

  highlight = gloss_notebook_item_get_highlight (item);
  /* Translators: in the notebook, the article of a highlight that has no title */
  title = highlight->title != NULL && *highlight->title != '\0' ? highlight->title : _("Untitled");
  time = gloss_ui_format_time (highlight->created);
  /* Grouped, the title heads the group; in time order each row says it. */
  if (grouped)
    details = g_steal_pointer (&time);
  else
    /* Translators: when a highlight was made, and the article it is in */
    details = g_strdup_printf (_("%s · %s"), time, title);
  set_optional_label (self->title, grouped && starts_group ? title : NULL);
  gtk_label_set_label (self->quote, highlight->quote ? highlight->quote : "");
  set_optional_label (self->note, highlight->note);
  gtk_label_set_label (self->details, details);
  classes[1] = highlight->color;
  gtk_widget_set_css_classes (self->chip, classes);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chip), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gloss_ui_color_label (highlight->color), -1);
  /* GTK 4.8 gives the list's rows no name: a screen reader says the quote,
   * its colour and its note only if the row (our parent) is labelled by them. */
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                    self->quote, self->chip, self->details, NULL,
                                    -1);
}
