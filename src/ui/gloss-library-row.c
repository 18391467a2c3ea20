/* gloss-library-row.c — a row of the library list
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "gloss-index.h"
#include "gloss-library-row.h"

struct _GlossLibraryRow
{
  GtkWidget         parent_instance;

  GlossLibraryItem *item;

  GtkImage         *thumbnail;
  GtkInscription   *title;
  GtkInscription   *subtitle;
  GtkInscription   *tags;
  GtkInscription   *snippet;
  char             *snippet_shown;  /* its markup */
  GtkProgressBar   *progress;
  GtkButton        *cancel_button;
};

G_DEFINE_FINAL_TYPE (GlossLibraryRow, gloss_library_row, GTK_TYPE_WIDGET)

/* The snippet as markup, its match in bold. */
static char *
snippet_markup (const char *snippet)
{
  GString *markup = g_string_new (NULL);
  const char *p = snippet;

  while (*p != '\0')
    {
      const char *mark = strpbrk (p, GLOSS_INDEX_MATCH_START GLOSS_INDEX_MATCH_END "\n");
      g_autofree char *escaped = g_markup_escape_text (p, mark ? mark - p : -1);

      g_string_append (markup, escaped);
      if (mark == NULL)
        break;
      g_string_append (markup, *mark == GLOSS_INDEX_MATCH_START[0] ? "<b>"
                               : *mark == GLOSS_INDEX_MATCH_END[0] ? "</b>" : " ");
      p = mark + 1;
    }
  return g_string_free (markup, FALSE);
}

static void
update_snippet (GlossLibraryRow *self)
{
  const char *snippet = gloss_library_item_get_snippet (self->item);
  g_autofree char *markup = snippet ? snippet_markup (snippet) : NULL;

  /* Set again, it is laid out again: rows are updated often. */
  if (g_strcmp0 (self->snippet_shown, markup) != 0)
    {
      gtk_inscription_set_markup (self->snippet, markup);
      g_free (self->snippet_shown);
      self->snippet_shown = g_strdup (markup);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->snippet), markup != NULL);
}

static void
update_thumbnail (GlossLibraryRow *self)
{
  gboolean clipping = gloss_library_item_get_clipping (self->item);

  if (gloss_library_item_get_thumbnail (self->item) != NULL)
    {
      gtk_image_set_pixel_size (self->thumbnail, 48);
      gtk_image_set_from_paintable (self->thumbnail,
                                    GDK_PAINTABLE (gloss_library_item_get_thumbnail (self->item)));
      gtk_widget_remove_css_class (GTK_WIDGET (self->thumbnail), "placeholder");
    }
  else
    {
      gtk_image_set_pixel_size (self->thumbnail, 24);
      gtk_image_set_from_icon_name (self->thumbnail, clipping ? "folder-download-symbolic"
                                                              : "text-x-generic-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->thumbnail), "placeholder");
    }
}

static void
update (GlossLibraryRow *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *tags = NULL;
  gboolean clipping;

  if (self->item == NULL)
    return;

  clipping = gloss_library_item_get_clipping (self->item);
  gtk_inscription_set_text (self->title, gloss_library_item_get_title (self->item));
  subtitle = gloss_library_item_dup_subtitle (self->item);
  gtk_inscription_set_text (self->subtitle, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle), subtitle != NULL && *subtitle);
  tags = gloss_library_item_dup_tags_label (self->item);
  gtk_inscription_set_text (self->tags, tags);
  gtk_widget_set_visible (GTK_WIDGET (self->tags), tags != NULL);
  update_snippet (self);
  update_thumbnail (self);

  gtk_widget_set_visible (GTK_WIDGET (self->progress), clipping);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), clipping);
  if (clipping)
    {
      double fraction = gloss_library_item_get_fraction (self->item);

      if (fraction > 0.0)
        gtk_progress_bar_set_fraction (self->progress, fraction);
      else
        gtk_progress_bar_pulse (self->progress);
    }
}

/* A picture that arrives changes the picture only: the text is laid out
 * again only when it changes. */
static void
on_item_notify (GlossLibraryRow *self,
                GParamSpec      *pspec)
{
  if (g_strcmp0 (pspec->name, "thumbnail") == 0)
    update_thumbnail (self);
  else
    update (self);
}

static void
on_cancel_clicked (GlossLibraryRow *self)
{
  if (self->item != NULL)
    gloss_library_item_cancel (self->item);
}

static void
gloss_library_row_dispose (GObject *object)
{
  GlossLibraryRow *self = GLOSS_LIBRARY_ROW (object);
  GtkWidget *child;

  gloss_library_row_set_item (self, NULL);
  g_clear_pointer (&self->snippet_shown, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_LIBRARY_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (gloss_library_row_parent_class)->dispose (object);
}

static void
gloss_library_row_class_init (GlossLibraryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_library_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossapp/Gloss/gloss-library-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossLibraryRow, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, GlossLibraryRow, title);
  gtk_widget_class_bind_template_child (widget_class, GlossLibraryRow, subtitle);
  gtk_widget_class_bind_template_child (widget_class, GlossLibraryRow, tags);
  gtk_widget_class_bind_template_child (widget_class, GlossLibraryRow, snippet);
  gtk_widget_class_bind_template_child (widget_class, GlossLibraryRow, progress);
  gtk_widget_class_bind_template_child (widget_class, GlossLibraryRow, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_set_css_name (widget_class, "libraryrow");
}

static void
gloss_library_row_init (GlossLibraryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gloss_library_row_new (void)
{
  return g_object_new (GLOSS_TYPE_LIBRARY_ROW, NULL);
}

GlossLibraryItem *
gloss_library_row_get_item (GlossLibraryRow *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_ROW (self), NULL);

  return self->item;
}

void
gloss_library_row_set_item (GlossLibraryRow  *self,
                            GlossLibraryItem *item)
{
  g_return_if_fail (GLOSS_IS_LIBRARY_ROW (self));
  g_return_if_fail (item == NULL || GLOSS_IS_LIBRARY_ITEM (item));

  if (self->item == item)
    return;
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, on_item_notify, self);
  g_set_object (&self->item, item);
  if (item != NULL)
    g_signal_connect_swapped (item, "notify", G_CALLBACK (on_item_notify), self);
  update (self);
}

void
gloss_library_row_label_parent (GlossLibraryRow *self)
{
  GtkWidget *parent;

  g_return_if_fail (GLOSS_IS_LIBRARY_ROW (self));

  parent = gtk_widget_get_parent (GTK_WIDGET (self));
  if (parent == NULL)
    return;
  gtk_accessible_update_relation (GTK_ACCESSIBLE (parent),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  self->title, self->subtitle, self->tags, NULL,
                                  -1);
}
