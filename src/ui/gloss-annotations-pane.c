/* gloss-annotations-pane.c — the article's highlights, notes and tags, beside it
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-annotation-item.h"
#include "gloss-annotation-row.h"
#include "gloss-annotations-pane.h"
#include "gloss-text-placeholder.h"

#define PAGE_NOTE_DELAY_MS 500

/* The colour filter's entries after "All Colours", in its order. */
static const char * const filter_colors[] = { "yellow", "green", "blue", "pink", "purple" };

struct _GlossAnnotationsPane
{
  GtkWidget           parent_instance;

  GlossArticle       *article;
  GListStore         *highlights;   /* GlossAnnotationItem, in document order */
  gboolean            stale;        /* changed while hidden: rebuilt when shown */
  GListStore         *orphans;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GtkListStore       *tag_completions;
  guint               page_note_source;
  gboolean            loading;

  GtkTextView        *page_note;
  GtkEntry           *tags_entry;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *color_filter;
  GtkStack           *list_stack;
  GtkLabel           *empty_label;
  GtkListView        *list_view;
  GtkWidget          *orphans_box;
  GtkListView        *orphans_view;
};

G_DEFINE_FINAL_TYPE (GlossAnnotationsPane, gloss_annotations_pane, GTK_TYPE_WIDGET)

enum {
  ANNOTATION_ACTIVATED,
  ATTACH_REQUESTED,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GlossSidecar *
sidecar (GlossAnnotationsPane *self)
{
  return self->article != NULL ? self->article->sidecar : NULL;
}

static void
emit_changed (GlossAnnotationsPane *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Filtering */

static gboolean
matches (gpointer item,
         gpointer user_data)
{
  GlossAnnotationsPane *self = user_data;
  guint selected = gtk_drop_down_get_selected (self->color_filter);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *note = gloss_annotation_item_get_note (item);

  if (selected >= 1 && selected <= G_N_ELEMENTS (filter_colors) &&
      g_strcmp0 (gloss_annotation_item_get_color (item), filter_colors[selected - 1]) != 0)
    return FALSE;
  if (search != NULL && *search != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (search, -1);
      g_autofree char *haystack = g_utf8_casefold (note ? note : "", -1);

      return strstr (haystack, needle) != NULL;
    }
  return TRUE;
}

static void
update_empty (GlossAnnotationsPane *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->highlights));

  gtk_label_set_label (self->empty_label,
                       all == 0
                       ? _("No highlights yet: select text in the article and pick a colour")
                       : _("No highlights match"));
  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : "empty");
  gtk_widget_set_visible (self->orphans_box,
                          g_list_model_get_n_items (G_LIST_MODEL (self->orphans)) > 0);
}

static void
refilter (GlossAnnotationsPane *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_empty (self);
}

/* Editing */

static void
on_row_note_changed (GlossAnnotationRow   *row,
                     const char           *text,
                     GlossAnnotationsPane *self)
{
  GlossAnnotationItem *item = gloss_annotation_row_get_item (row);
  GlossAnnotation *annotation;
  const char *note = text != NULL && *text != '\0' ? text : NULL;

  if (item == NULL || sidecar (self) == NULL ||
      (annotation = gloss_sidecar_find (sidecar (self),
                                        gloss_annotation_item_get_id (item))) == NULL ||
      g_strcmp0 (annotation->note, note) == 0)
    return;
  g_free (annotation->note);
  annotation->note = g_strdup (note);
  gloss_annotation_touch (annotation);
  emit_changed (self);
}

static void
on_row_attach_requested (GlossAnnotationRow   *row,
                         GlossAnnotationsPane *self)
{
  GlossAnnotationItem *item = gloss_annotation_row_get_item (row);

  if (item != NULL)
    g_signal_emit (self, signals[ATTACH_REQUESTED], 0, gloss_annotation_item_get_id (item));
}

static void
on_row_delete_requested (GlossAnnotationRow   *row,
                         GlossAnnotationsPane *self)
{
  GlossAnnotationItem *item = gloss_annotation_row_get_item (row);
  g_autofree char *id = NULL;

  if (item == NULL || sidecar (self) == NULL)
    return;
  id = g_strdup (gloss_annotation_item_get_id (item));
  if (!gloss_sidecar_remove (sidecar (self), id))
    return;
  emit_changed (self);
  gloss_annotations_pane_refresh (self);
}

static void
flush_page_note (GlossAnnotationsPane *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->page_note);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->page_note_source == 0)
    return;
  g_clear_handle_id (&self->page_note_source, g_source_remove);
  if (sidecar (self) == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (g_strcmp0 (sidecar (self)->note ? sidecar (self)->note : "", text) == 0)
    return;
  g_free (sidecar (self)->note);
  sidecar (self)->note = *text != '\0' ? g_steal_pointer (&text) : NULL;
  emit_changed (self);
}

static gboolean
on_page_note_timeout (gpointer user_data)
{
  flush_page_note (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_page_note_changed (GlossAnnotationsPane *self)
{
  if (self->loading)
    return;
  g_clear_handle_id (&self->page_note_source, g_source_remove);
  self->page_note_source = g_timeout_add (PAGE_NOTE_DELAY_MS, on_page_note_timeout, self);
}

static char *
tags_to_text (GlossSidecar *sidecar)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < sidecar->tags->len && sidecar->tags->pdata[i] != NULL; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", (char *) sidecar->tags->pdata[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
apply_tags (GlossAnnotationsPane *self)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (sidecar (self) == NULL || self->loading)
    return;
  before = tags_to_text (sidecar (self));
  parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->tags_entry)), ",", -1);
  g_ptr_array_set_size (sidecar (self)->tags, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);

      if (*tag != '\0' &&
          !g_ptr_array_find_with_equal_func (sidecar (self)->tags, tag, g_str_equal, NULL))
        g_ptr_array_add (sidecar (self)->tags, g_strdup (tag));
    }
  after = tags_to_text (sidecar (self));
  if (g_strcmp0 (before, after) != 0)
    emit_changed (self);
}

/* Completing the tag being typed: the text after the last comma. */
static gboolean
match_tag (GtkEntryCompletion *completion,
           const char         *key,
           GtkTreeIter        *iter,
           gpointer            user_data)
{
  GtkTreeModel *model = gtk_entry_completion_get_model (completion);
  const char *last = strrchr (key, ',');
  g_autofree char *tag = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *candidate = NULL;

  prefix = g_utf8_casefold (g_strchug ((char *) (last != NULL ? last + 1 : key)), -1);
  if (*prefix == '\0')
    return FALSE;
  gtk_tree_model_get (model, iter, 0, &tag, -1);
  candidate = g_utf8_casefold (tag ? tag : "", -1);
  return g_str_has_prefix (candidate, prefix);
}

static gboolean
on_tag_selected (GtkEntryCompletion   *completion,
                 GtkTreeModel         *model,
                 GtkTreeIter          *iter,
                 GlossAnnotationsPane *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tags_entry));
  const char *last = strrchr (text, ',');
  g_autofree char *tag = NULL;
  g_autofree char *head = NULL;
  g_autofree char *replaced = NULL;

  gtk_tree_model_get (model, iter, 0, &tag, -1);
  head = last != NULL ? g_strndup (text, last - text + 1) : g_strdup ("");
  replaced = g_strconcat (head, last != NULL ? " " : "", tag, ", ", NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->tags_entry), replaced);
  gtk_editable_set_position (GTK_EDITABLE (self->tags_entry), -1);
  return TRUE;
}

/* Rows */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           GlossAnnotationsPane     *self)
{
  GtkWidget *row = gloss_annotation_row_new ();

  g_signal_connect_object (row, "note-changed", G_CALLBACK (on_row_note_changed), self, 0);
  g_signal_connect_object (row, "attach-requested", G_CALLBACK (on_row_attach_requested), self, 0);
  g_signal_connect_object (row, "delete-requested", G_CALLBACK (on_row_delete_requested), self, 0);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          GlossAnnotationsPane     *self)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *item_widget = gtk_widget_get_parent (row);

  /* A click in the row's note field must leave the keyboard there: the
   * list's row (GTK's widget around ours) would take it on every press. A
   * click still activates the row, and the arrow keys still move between
   * rows. */
  if (item_widget != NULL)
    gtk_widget_set_focus_on_click (item_widget, FALSE);
  gloss_annotation_row_set_item (GLOSS_ANNOTATION_ROW (row), gtk_list_item_get_item (list_item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            GlossAnnotationsPane     *self)
{
  gloss_annotation_row_set_item (GLOSS_ANNOTATION_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static GtkListItemFactory *
row_factory (GlossAnnotationsPane *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  return factory;
}

static void
on_activate (GtkListView          *view,
             guint                 position,
             GlossAnnotationsPane *self)
{
  g_autoptr(GlossAnnotationItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered),
                                                               position);

  if (item != NULL)
    g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, gloss_annotation_item_get_id (item));
}

/* The object */

static void
gloss_annotations_pane_dispose (GObject *object)
{
  GlossAnnotationsPane *self = GLOSS_ANNOTATIONS_PANE (object);
  GtkWidget *child;

  flush_page_note (self);
  g_clear_handle_id (&self->page_note_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_ANNOTATIONS_PANE);
  /* (GTK 4.8 leaves the template's unnamed top child in place.) */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->article = NULL;
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->highlights);
  g_clear_object (&self->orphans);
  g_clear_object (&self->tag_completions);

  G_OBJECT_CLASS (gloss_annotations_pane_parent_class)->dispose (object);
}

static void
gloss_annotations_pane_class_init (GlossAnnotationsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_annotations_pane_dispose;

  signals[ANNOTATION_ACTIVATED] =
    g_signal_new ("annotation-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ATTACH_REQUESTED] =
    g_signal_new ("attach-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "gloss-annotations-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationsPane, page_note);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationsPane, tags_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationsPane, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationsPane, color_filter);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationsPane, list_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationsPane, empty_label);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationsPane, list_view);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationsPane, orphans_box);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationsPane, orphans_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annotationspane");
}

static void on_map (GlossAnnotationsPane *self);

static void
gloss_annotations_pane_init (GlossAnnotationsPane *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkListItemFactory) orphan_factory = NULL;
  g_autoptr(GtkEntryCompletion) completion = NULL;
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);

  self->highlights = g_list_store_new (GLOSS_TYPE_ANNOTATION_ITEM);
  self->orphans = g_list_store_new (GLOSS_TYPE_ANNOTATION_ITEM);
  self->filter = gtk_custom_filter_new (matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->highlights)),
                                              g_object_ref (GTK_FILTER (self->filter)));

  factory = row_factory (self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (
                             gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)))));
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_activate), self);

  orphan_factory = row_factory (self);
  gtk_list_view_set_factory (self->orphans_view, orphan_factory);
  gtk_list_view_set_model (self->orphans_view, GTK_SELECTION_MODEL (
                             gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->orphans)))));

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->color_filter, "notify::selected", G_CALLBACK (refilter), self);
  /* The drop-down's button, which takes the focus, has no name in GTK 4.8. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->color_filter));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Colour"), -1);

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->page_note), "changed",
                            G_CALLBACK (on_page_note_changed), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (flush_page_note), self);
  gtk_widget_add_controller (GTK_WIDGET (self->page_note), focus);
  gloss_text_view_set_placeholder (self->page_note, _("Write a note about this article…"));

  self->tag_completions = gtk_list_store_new (1, G_TYPE_STRING);
  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->tag_completions));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_match_func (completion, match_tag, NULL, NULL);
  g_signal_connect (completion, "match-selected", G_CALLBACK (on_tag_selected), self);
  gtk_entry_set_completion (self->tags_entry, completion);
  g_signal_connect_swapped (self->tags_entry, "activate", G_CALLBACK (apply_tags), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (apply_tags), self);
  gtk_widget_add_controller (GTK_WIDGET (self->tags_entry), focus);

  update_empty (self);
}

GtkWidget *
gloss_annotations_pane_new (void)
{
  return g_object_new (GLOSS_TYPE_ANNOTATIONS_PANE, NULL);
}

void
gloss_annotations_pane_set_article (GlossAnnotationsPane *self,
                                    GlossArticle         *article)
{
  g_return_if_fail (GLOSS_IS_ANNOTATIONS_PANE (self));

  /* What was typed belongs to the article it was typed for. */
  flush_page_note (self);
  apply_tags (self);
  self->article = article;
  gloss_annotations_pane_refresh (self);
}

GlossArticle *
gloss_annotations_pane_get_article (GlossAnnotationsPane *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATIONS_PANE (self), NULL);

  return self->article;
}

static void refresh_now (GlossAnnotationsPane *self);

/* Rebuilding every row costs; a hidden pane only notes that it must. */
void
gloss_annotations_pane_refresh (GlossAnnotationsPane *self)
{
  g_return_if_fail (GLOSS_IS_ANNOTATIONS_PANE (self));

  self->stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (!self->stale)
    refresh_now (self);
}

static void
on_map (GlossAnnotationsPane *self)
{
  if (self->stale)
    refresh_now (self);
}

static void
refresh_now (GlossAnnotationsPane *self)
{
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) orphans = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (GLOSS_IS_ANNOTATIONS_PANE (self));

  self->loading = TRUE;
  if (self->article != NULL)
    {
      g_autofree char *tags = tags_to_text (sidecar (self));

      ordered = gloss_article_annotations_in_order (self->article);
      for (guint i = 0; i < ordered->len; i++)
        {
          GlossAnnotation *annotation = ordered->pdata[i];

          g_ptr_array_add (annotation->orphaned ? orphans : shown,
                           gloss_annotation_item_new (annotation));
        }
      /* Not under the user's fingers. */
      if (!has_focus_within (GTK_WIDGET (self->page_note)) && self->page_note_source == 0)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->page_note),
                                  sidecar (self)->note ? sidecar (self)->note : "", -1);
      if (!has_focus_within (GTK_WIDGET (self->tags_entry)) &&
          g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->tags_entry)), tags) != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->tags_entry), tags);
    }
  else
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->page_note), "", -1);
      gtk_editable_set_text (GTK_EDITABLE (self->tags_entry), "");
    }
  self->loading = FALSE;

  g_list_store_splice (self->highlights, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->highlights)),
                       shown->pdata, shown->len);
  g_list_store_splice (self->orphans, 0, g_list_model_get_n_items (G_LIST_MODEL (self->orphans)),
                       orphans->pdata, orphans->len);
  gtk_widget_set_sensitive (GTK_WIDGET (self), self->article != NULL);
  update_empty (self);
}

void
gloss_annotations_pane_set_library_tags (GlossAnnotationsPane *self,
                                         const char * const   *tags)
{
  g_return_if_fail (GLOSS_IS_ANNOTATIONS_PANE (self));

  gtk_list_store_clear (self->tag_completions);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    gtk_list_store_insert_with_values (self->tag_completions, NULL, -1, 0, tags[i], -1);
}

GListModel *
gloss_annotations_pane_get_highlights (GlossAnnotationsPane *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATIONS_PANE (self), NULL);

  if (self->stale)
    refresh_now (self);
  return G_LIST_MODEL (self->filtered);
}

GListModel *
gloss_annotations_pane_get_orphans (GlossAnnotationsPane *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATIONS_PANE (self), NULL);

  return G_LIST_MODEL (self->orphans);
}
