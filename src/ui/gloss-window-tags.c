/* gloss-window-tags.c — the library's tags in the sidebar: a strip of chips
 * under the search, one a tag, that shows only the articles with that tag,
 * and the tags the notes pane completes
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-window-private.h"

/* Pixels the strip moves a notch of a mouse wheel. */
#define WHEEL_STEP 48.0

/* Filtering */

gboolean
_gloss_window_tag_filter_matches (GlossWindow      *self,
                                  GlossLibraryItem *item)
{
  const char * const *tags;

  if (self->tag_filter == NULL)
    return TRUE;
  tags = gloss_library_item_get_tags (item);
  return tags != NULL && g_strv_contains (tags, self->tag_filter);
}

static const char *
chip_tag (GtkWidget *chip)
{
  return g_object_get_data (G_OBJECT (chip), "tag");
}

/* Each chip pressed when it is the filter, All when there is none. */
static void
sync_chips (GlossWindow *self)
{
  for (GtkWidget *chip = gtk_widget_get_first_child (GTK_WIDGET (self->tag_box));
       chip != NULL; chip = gtk_widget_get_next_sibling (chip))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (chip),
                                  g_strcmp0 (chip_tag (chip), self->tag_filter) == 0);
}

void
_gloss_window_set_tag_filter (GlossWindow *self,
                              const char  *tag)
{
  GtkFilterChange change;

  if (g_strcmp0 (tag, self->tag_filter) != 0)
    {
      change = self->tag_filter == NULL ? GTK_FILTER_CHANGE_MORE_STRICT
               : tag == NULL ? GTK_FILTER_CHANGE_LESS_STRICT : GTK_FILTER_CHANGE_DIFFERENT;
      g_free (self->tag_filter);
      self->tag_filter = g_strdup (tag);
      gtk_filter_changed (GTK_FILTER (self->filter), change);
      _gloss_window_update_state (self);
    }
  sync_chips (self);
}

/* A press on a chip that is not the filter makes it the filter; on the one
 * that is, or on All, shows every article again. */
static void
on_chip_toggled (GtkToggleButton *chip,
                 GlossWindow     *self)
{
  const char *tag = chip_tag (GTK_WIDGET (chip));

  /* What sync_chips () does: the chip already says what is shown. */
  if (gtk_toggle_button_get_active (chip) == (g_strcmp0 (tag, self->tag_filter) == 0))
    return;
  _gloss_window_set_tag_filter (self, gtk_toggle_button_get_active (chip) ? tag : NULL);
}

/* The strip of chips */

static GtkWidget *
make_chip (GlossWindow *self,
           const char  *tag)
{
  GtkWidget *chip = gtk_toggle_button_new_with_label (tag);
  g_autofree char *tooltip = g_strdup_printf (_("Show only the articles tagged “%s”"), tag);

  gtk_widget_set_tooltip_text (chip, tooltip);
  gtk_widget_add_css_class (chip, "tag-chip");
  g_object_set_data_full (G_OBJECT (chip), "tag", g_strdup (tag), g_free);
  g_signal_connect (chip, "toggled", G_CALLBACK (on_chip_toggled), self);
  return chip;
}

static void
show_chips (GlossWindow *self)
{
  GtkWidget *chip;

  while ((chip = gtk_widget_get_next_sibling (self->all_tags_button)) != NULL)
    gtk_box_remove (self->tag_box, chip);
  for (guint i = 0; self->library_tags[i] != NULL; i++)
    gtk_box_append (self->tag_box, make_chip (self, self->library_tags[i]));
  gtk_widget_set_visible (self->tag_strip, self->library_tags[0] != NULL);
  /* The tag chosen went with its last article. */
  if (self->tag_filter != NULL && !g_strv_contains ((const char * const *) self->library_tags,
                                                    self->tag_filter))
    _gloss_window_set_tag_filter (self, NULL);
  else
    sync_chips (self);
}

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* Every tag of the library once, in alphabetical order. */
static GStrv
collect_tags (GlossWindow *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  GListModel *model = G_LIST_MODEL (self->model);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossLibraryItem) item = g_list_model_get_item (model, i);
      const char * const *item_tags = gloss_library_item_get_tags (item);

      for (guint j = 0; item_tags != NULL && item_tags[j] != NULL; j++)
        if (!g_hash_table_contains (seen, item_tags[j]))
          {
            char *tag = g_strdup (item_tags[j]);

            g_hash_table_add (seen, tag);
            g_ptr_array_add (tags, tag);
          }
    }
  g_ptr_array_sort (tags, compare_tags);
  g_ptr_array_add (tags, NULL);
  return (GStrv) g_ptr_array_steal (tags, NULL);
}

static gboolean
update_tags (gpointer user_data)
{
  GlossWindow *self = user_data;
  g_auto(GStrv) tags = NULL;

  self->tags_update_id = 0;
  /* Closed meanwhile: its widgets are gone. */
  if (self->tag_box == NULL)
    return G_SOURCE_REMOVE;
  tags = collect_tags (self);
  if (self->library_tags != NULL
      && g_strv_equal ((const char * const *) tags, (const char * const *) self->library_tags))
    return G_SOURCE_REMOVE;
  g_strfreev (self->library_tags);
  self->library_tags = g_steal_pointer (&tags);
  gloss_annotations_pane_set_library_tags (self->annotations_pane,
                                           (const char * const *) self->library_tags);
  show_chips (self);
  return G_SOURCE_REMOVE;
}

void
_gloss_window_queue_update_tags (GlossWindow *self)
{
  /* Once for a burst: the library arrives in batches, a refresh retags many.
   * Not for a window closed already (a sidecar read that ends after it),
   * and the idle keeps the window until it runs or is removed. */
  if (self->tags_update_id == 0 && self->tag_box != NULL)
    self->tags_update_id = g_idle_add_full (G_PRIORITY_LOW, update_tags, g_object_ref (self),
                                            g_object_unref);
}

/* A wheel turns the strip sideways: it has no other way to scroll. */
static gboolean
on_strip_scroll (GtkEventControllerScroll *controller,
                 double                    dx,
                 double                    dy,
                 GlossWindow              *self)
{
  GtkAdjustment *adjustment;
  gboolean discrete;

  if (dy == 0.0)
    return GDK_EVENT_PROPAGATE;
  discrete = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;
  adjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->tag_strip));
  gtk_adjustment_set_value (adjustment,
                            gtk_adjustment_get_value (adjustment) + dy * (discrete ? WHEEL_STEP : 1.0));
  return GDK_EVENT_STOP;
}

/* What the sidebar shows when the list is empty: only once the index has
 * answered a search too, and saying which tag the search was kept to. */
gboolean
_gloss_window_update_no_results (GlossWindow *self)
{
  g_autofree char *description = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0
      || (self->search_folded != NULL && self->searching != NULL)
      || (self->search_folded == NULL && self->tag_filter == NULL))
    return FALSE;
  if (self->tag_filter != NULL && self->search_folded != NULL)
    description = g_strdup_printf (_("No article tagged “%s” matches the search"),
                                   self->tag_filter);
  else if (self->tag_filter != NULL)
    description = g_strdup_printf (_("No article is tagged “%s”"), self->tag_filter);
  adw_status_page_set_description (self->no_results_page,
                                   description ? description : _("Try a different search"));
  return TRUE;
}

void
_gloss_window_class_init_tags (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, tag_strip);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, tag_box);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, all_tags_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, no_results_page);
}

void
_gloss_window_init_tags (GlossWindow *self)
{
  GtkEventController *scroll;

  g_signal_connect (self->all_tags_button, "toggled", G_CALLBACK (on_chip_toggled), self);
  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_strip_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->tag_box), scroll);
  g_signal_connect_swapped (self->model, "items-changed",
                            G_CALLBACK (_gloss_window_queue_update_tags), self);
}

void
_gloss_window_dispose_tags (GlossWindow *self)
{
  g_clear_handle_id (&self->tags_update_id, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, _gloss_window_queue_update_tags, self);
  g_clear_pointer (&self->library_tags, g_strfreev);
  g_clear_pointer (&self->tag_filter, g_free);
}
