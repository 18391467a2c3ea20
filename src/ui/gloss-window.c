/* gloss-window.c — the main window: the library sidebar and the article view,
 * what the window remembers, and the folder it watches. Actions are in
 * gloss-window-actions.c, clipping in gloss-window-clip.c.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-article-view.h"
#include "gloss-clip.h"
#include "gloss-index.h"
#include "gloss-library.h"
#include "gloss-library-model.h"
#include "gloss-library-row.h"
#include "gloss-sidecar.h"
#include "gloss-ui.h"
#include "gloss-window-private.h"

G_DEFINE_FINAL_TYPE (GlossWindow, gloss_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_LIBRARY_DIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Toasts */

void
_gloss_window_show_toast (GlossWindow *self,
            AdwToast    *toast)
{
  g_free (self->last_toast);
  self->last_toast = g_strdup (adw_toast_get_title (toast));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Opening articles */

GlossLibraryItem *
_gloss_window_get_current_item (GlossWindow *self)
{
  const char *id = gloss_article_view_get_article_id (self->article_view);

  return id != NULL ? gloss_library_model_find (self->model, id) : NULL;
}

static void
update_actions (GlossWindow *self)
{
  gboolean open = _gloss_window_get_current_item (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find-next", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find-previous", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-article", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-original", open);
  _gloss_window_update_notes_actions (self);
}

/* Reading progress goes to the article's sidecar, next to it in the library. */
static void
save_progress (GlossWindow *self)
{
  GlossLibraryItem *item = _gloss_window_get_current_item (self);
  double progress = gloss_article_view_get_progress (self->article_view);
  GlossArticle *article;

  g_clear_handle_id (&self->save_progress_id, g_source_remove);
  /* Reading an earlier version is not progress through the article. */
  if (gloss_article_view_get_version (self->article_view) != NULL)
    return;
  if (item == NULL || ABS (progress - MAX (gloss_library_item_get_progress (item), 0.0)) < 0.005)
    return;
  /* The annotator holds the article's sidecar: one copy in memory, saved in
   * order with the highlights, off the main thread; it reports a failure. */
  if (self->annotator == NULL
      || g_strcmp0 ((article = gloss_annotator_get_article (self->annotator))->info->id,
                    gloss_library_item_get_id (item)) != 0)
    return;
  if (article->sidecar->archive == NULL)
    gloss_article_describe_archive (article);
  article->sidecar->progress = progress;
  gloss_annotator_save (self->annotator);
  gloss_library_item_set_progress_read (item, progress);
}

static gboolean
save_progress_cb (gpointer user_data)
{
  GlossWindow *self = user_data;

  self->save_progress_id = 0;
  save_progress (self);
  return G_SOURCE_REMOVE;
}

/* A few seconds after the reader stops scrolling, not at every step. */
static void
on_progress_changed (GlossWindow *self)
{
  /* Loading resets it; that is not the reader moving. */
  if (webkit_web_view_is_loading (gloss_article_view_get_web_view (self->article_view)))
    return;
  g_clear_handle_id (&self->save_progress_id, g_source_remove);
  self->save_progress_id = g_timeout_add_seconds (3, save_progress_cb, self);
}

void
_gloss_window_show_item (GlossWindow      *self,
           GlossLibraryItem *item)
{
  const char *id = item ? gloss_library_item_get_id (item) : NULL;

  if (g_strcmp0 (id, gloss_article_view_get_article_id (self->article_view)) != 0)
    save_progress (self);
  /* Before loading: the annotator paints the document once its script is ready. */
  _gloss_window_annotate_item (self, item);
  gloss_article_view_load_at (self->article_view, id,
                              item ? gloss_library_item_get_progress (item) : -1.0);
  if (item != NULL)
    {
      adw_window_title_set_title (self->window_title, gloss_library_item_get_title (item));
      adw_window_title_set_subtitle (self->window_title, gloss_library_item_get_site (item));
      g_settings_set_string (self->settings, "last-article", id);
      if (adw_flap_get_folded (self->flap))
        adw_flap_set_reveal_flap (self->flap, FALSE);
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("Gloss"));
      adw_window_title_set_subtitle (self->window_title, NULL);
    }
  _gloss_window_update_state (self);
}

gboolean
_gloss_window_select_item (GlossWindow      *self,
                           GlossLibraryItem *item)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossLibraryItem) other = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (other == item)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item",
                                      "u", i);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
gloss_window_open_article (GlossWindow *self,
                           const char  *id)
{
  GlossLibraryItem *item;

  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);

  if ((item = gloss_library_model_find (self->model, id)) == NULL)
    return FALSE;
  /* A search or a tag that hides it must not keep it from opening. */
  if (!_gloss_window_select_item (self, item))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->library_search_entry), "");
      gtk_search_bar_set_search_mode (self->library_search_bar, FALSE);
      g_clear_pointer (&self->search_folded, g_free);
      _gloss_window_set_tag_filter (self, NULL);
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
      _gloss_window_select_item (self, item);
    }
  _gloss_window_show_item (self, item);
  return TRUE;
}

static void
say_no_article (GlossWindow *self,
                const char  *id)
{
  _gloss_window_show_toast (self, adw_toast_new_format (_("There is no article “%s” in the library"),
                                                        id));
}

void
gloss_window_open_article_when_loaded (GlossWindow *self,
                                       const char  *id)
{
  g_return_if_fail (GLOSS_IS_WINDOW (self));
  g_return_if_fail (id != NULL);

  if (self->loaded)
    {
      if (!gloss_window_open_article (self, id))
        say_no_article (self, id);
      return;
    }
  /* on_library_loaded () opens it: the model has no items yet. */
  g_free (self->open_when_loaded);
  self->open_when_loaded = g_strdup (id);
}

static void
on_selection_changed (GlossWindow *self)
{
  GlossLibraryItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item != NULL && !gloss_library_item_get_clipping (item))
    _gloss_window_show_item (self, item);
}

void
_gloss_window_update_state (GlossWindow *self)
{
  guint articles = gloss_library_model_count_articles (self->model);
  gboolean empty = articles == 0 && self->clips->len == 0;
  const char *page;

  /* An empty library is only known to be empty once it has been read. */
  if (empty && self->loaded)
    page = "empty";
  else if (_gloss_window_get_current_item (self) != NULL)
    page = "article";
  else if (!self->loaded)
    page = "loading";
  else
    page = "choose";
  gtk_stack_set_visible_child_name (self->content_stack, page);

  /* A first-time user sees one clear thing to do, not an empty sidebar. */
  gtk_widget_set_visible (adw_flap_get_flap (self->flap), !empty);
  gtk_widget_set_sensitive (self->sidebar_button, !empty);
  gtk_widget_set_sensitive (self->search_button, !empty);

  gtk_stack_set_visible_child_name (self->sidebar_stack,
                                    _gloss_window_update_no_results (self) ? "no-results" : "list");
  update_actions (self);
}

/* The library */

/* The list's order without a search; it may be called in the thread that
 * reads the library, so it reads nothing a search changes. */
static int
compare_articles (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  GlossWindow *self = user_data;
  GlossLibraryItem *item_a = (GlossLibraryItem *) a;
  GlossLibraryItem *item_b = (GlossLibraryItem *) b;
  gboolean clip_a = gloss_library_item_get_clipping (item_a);
  gboolean clip_b = gloss_library_item_get_clipping (item_b);
  int result = 0;

  /* Clips in progress stay on top, where the user just asked for them. */
  if (clip_a != clip_b)
    return clip_a ? -1 : 1;

  switch (self->sort_order)
    {
    case 1: /* published, newest first; unknown dates last */
      {
        const char *pa = gloss_library_item_get_published (item_a);
        const char *pb = gloss_library_item_get_published (item_b);

        if ((pa == NULL) != (pb == NULL))
          return pa == NULL ? 1 : -1;
        result = -g_strcmp0 (pa, pb);
      }
      break;
    case 2: /* title */
      result = g_utf8_collate (gloss_library_item_get_title (item_a),
                               gloss_library_item_get_title (item_b));
      break;
    default:
      break;
    }
  if (result == 0)
    result = -g_strcmp0 (gloss_library_item_get_saved (item_a),
                         gloss_library_item_get_saved (item_b));
  if (result == 0)
    result = g_strcmp0 (gloss_library_item_get_id (item_a), gloss_library_item_get_id (item_b));
  return result;
}

/* A search shows what the index ranks best first, then what only the
 * title, site or author matched. */
static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GlossWindow *self = user_data;
  guint rank_a = _gloss_window_search_rank (self, (GlossLibraryItem *) a);
  guint rank_b = _gloss_window_search_rank (self, (GlossLibraryItem *) b);

  if (rank_a != rank_b && !gloss_library_item_get_clipping ((GlossLibraryItem *) a)
      && !gloss_library_item_get_clipping ((GlossLibraryItem *) b))
    {
      if (rank_a == 0 || rank_b == 0)
        return rank_a == 0 ? 1 : -1;
      return rank_a < rank_b ? -1 : 1;
    }
  return compare_articles (a, b, user_data);
}

/* The article asked for while the library was read, else the one the user
 * was reading. */
static gboolean
open_first_article (GlossWindow *self)
{
  g_autofree char *wanted = g_steal_pointer (&self->open_when_loaded);
  g_autofree char *last = g_settings_get_string (self->settings, "last-article");

  if (wanted != NULL)
    {
      if (gloss_window_open_article (self, wanted))
        return TRUE;
      say_no_article (self, wanted);
    }
  return *last != '\0' && gloss_window_open_article (self, last);
}

/* Back where the user was. */
static void
restore_place (GlossWindow *self)
{
  self->restore_pending = FALSE;
  if (!open_first_article (self))
    {
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
      _gloss_window_show_item (self, NULL);
    }
}

/* The index brought up to date, and the list with it: at the start for
 * what changed while no window watched, and after the folder changed. */

static void
on_library_refreshed (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gloss_library_model_refresh_finish (GLOSS_LIBRARY_MODEL (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("The list was not read again: %s", error->message);
    }
  else if (self->refresh_id == 0)
    self->index_fresh = TRUE;
  g_debug ("Library refreshed: %u articles",
           gloss_library_model_count_articles (self->model));
  /* The index gave the items their tags as the files have them. */
  _gloss_window_queue_update_tags (self);
  /* Unless the user opened one meanwhile. */
  if (self->restore_pending && self->settings != NULL)
    {
      if (_gloss_window_get_current_item (self) == NULL)
        restore_place (self);
      self->restore_pending = FALSE;
    }
  _gloss_window_update_state (self);
}

static gboolean
refresh_library (gpointer user_data)
{
  GlossWindow *self = user_data;

  self->refresh_id = 0;
  /* What the monitor reports from now on is fresher than what the index
   * will read. */
  g_hash_table_remove_all (self->touched_ids);
  gloss_library_model_refresh_async (self->model, self->library, self->touched_ids,
                                     self->cancellable, on_library_refreshed,
                                     g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
on_library_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->settings == NULL)
    return;
  if (!gloss_library_model_load_finish (GLOSS_LIBRARY_MODEL (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      _gloss_window_show_toast (self, adw_toast_new_format (_("Could not read the library: %s"),
                                                            error->message));
    }
  self->loaded = TRUE;
  _gloss_window_resume_import (self);
  g_debug ("Library listed: %u articles", gloss_library_model_count_articles (self->model));
  refresh_library (self);
  /* The index may not know yet how far the last article was read: it is
   * opened once the index has read what changed. */
  if (gloss_library_model_get_stale (self->model))
    self->restore_pending = TRUE;
  else
    restore_place (self);
  _gloss_window_update_state (self);
}

void
_gloss_window_load_library (GlossWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loaded = FALSE;
  _gloss_window_update_state (self);
  _gloss_window_watch_library (self);
  gloss_article_view_set_library (self->article_view, self->library);
  gloss_library_model_load_async (self->model, self->library, compare_articles, self,
                                  self->cancellable, on_library_loaded, g_object_ref (self));
}

static void
on_library_path_changed (GlossWindow *self)
{
  g_autofree char *dir = gloss_library_resolve_dir (NULL);

  if (g_strcmp0 (dir, self->library_dir) == 0)
    return;
  g_free (self->library_dir);
  self->library_dir = g_steal_pointer (&dir);
  _gloss_window_show_item (self, NULL);
  _gloss_window_load_library (self);
}

static void
on_sort_order_changed (GlossWindow *self)
{
  /* Read once here: the sorter compares thousands of times. */
  self->sort_order = g_settings_get_enum (self->settings, "sort-order");
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, gloss_library_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  GlossWindow *self = user_data;
  GlossLibraryItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);

  gloss_library_row_set_item (GLOSS_LIBRARY_ROW (row), item);
  /* Only the rows shown ask for their pictures. */
  if (self->thumbnails != NULL && !gloss_library_item_get_clipping (item))
    gloss_thumbnails_request (self->thumbnails, item);
  /* GTK 4.8 gives the list's rows no name of their own: a screen reader
   * says the row's title and site only if the row is labelled by them. */
  gloss_library_row_label_parent (GLOSS_LIBRARY_ROW (row));
  /* A clip in progress is not an article yet. */
  gtk_list_item_set_selectable (list_item, !gloss_library_item_get_clipping (item));
  gtk_list_item_set_activatable (list_item, !gloss_library_item_get_clipping (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  gloss_library_row_set_item (GLOSS_LIBRARY_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/* Window state */

static gboolean
gloss_window_close_request (GtkWindow *window)
{
  GlossWindow *self = GLOSS_WINDOW (window);
  GlossLibraryItem *item;
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!adw_flap_get_folded (self->flap) && gtk_widget_get_visible (adw_flap_get_flap (self->flap)))
    g_settings_set_boolean (self->settings, "sidebar-visible", adw_flap_get_reveal_flap (self->flap));
  item = _gloss_window_get_current_item (self);
  g_settings_set_string (self->settings, "last-article", item ? gloss_library_item_get_id (item) : "");
  save_progress (self);
  _gloss_window_flush_trash (self);

  return GTK_WINDOW_CLASS (gloss_window_parent_class)->close_request (window);
}

static void
gloss_window_constructed (GObject *object)
{
  GlossWindow *self = GLOSS_WINDOW (object);

  G_OBJECT_CLASS (gloss_window_parent_class)->constructed (object);

  if (self->library_dir == NULL)
    self->library_dir = gloss_library_resolve_dir (NULL);
  g_debug ("Library: %s", self->library_dir);
  _gloss_window_load_library (self);
}

static void
gloss_window_dispose (GObject *object)
{
  GlossWindow *self = GLOSS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->searching);
  g_clear_object (&self->searching);
  g_clear_handle_id (&self->save_progress_id, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);
  g_clear_object (&self->library);
  g_clear_object (&self->thumbnails);
  g_clear_pointer (&self->changed_ids, g_hash_table_unref);
  g_clear_pointer (&self->touched_ids, g_hash_table_unref);
  for (guint i = 0; self->clips != NULL && i < self->clips->len; i++)
    gloss_library_item_cancel (self->clips->pdata[i]);
  if (self->trash != NULL)
    _gloss_window_flush_trash (self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  _gloss_window_dispose_notes (self);
  _gloss_window_dispose_tags (self);
  g_clear_weak_pointer (&self->caret_toast);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->sorted);
  g_clear_object (&self->model);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->clips, g_ptr_array_unref);
  g_clear_pointer (&self->trash, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_window_parent_class)->dispose (object);
}

static void
gloss_window_finalize (GObject *object)
{
  GlossWindow *self = GLOSS_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_free (self->library_dir);
  g_free (self->open_when_loaded);
  g_free (self->search_folded);
  g_clear_pointer (&self->search_hits, g_hash_table_unref);
  g_free (self->last_toast);

  G_OBJECT_CLASS (gloss_window_parent_class)->finalize (object);
}

static void
gloss_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GlossWindow *self = GLOSS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY_DIR:
      g_value_set_string (value, self->library_dir);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GlossWindow *self = GLOSS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY_DIR:
      g_free (self->library_dir);
      self->library_dir = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_window_class_init (GlossWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  gloss_ui_init ();
  g_type_ensure (GLOSS_TYPE_ARTICLE_VIEW);

  object_class->constructed = gloss_window_constructed;
  object_class->dispose = gloss_window_dispose;
  object_class->finalize = gloss_window_finalize;
  object_class->get_property = gloss_window_get_property;
  object_class->set_property = gloss_window_set_property;
  window_class->close_request = gloss_window_close_request;

  properties[PROP_LIBRARY_DIR] =
    g_param_spec_string ("library-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossapp/Gloss/gloss-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, clip_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, library_search_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, library_search_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, article_view);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, clip_popover);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, clip_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, reader_toggle);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, full_toggle);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, clip_confirm_button);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_library_search_changed",
                                               G_CALLBACK (_gloss_window_search_changed));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_library_search_stopped",
                                               G_CALLBACK (_gloss_window_search_stopped));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_library_search_activate",
                                               G_CALLBACK (_gloss_window_search_activate));

  _gloss_window_class_init_actions (widget_class);
  _gloss_window_class_init_clip (widget_class);
  _gloss_window_class_init_notes (widget_class);
  _gloss_window_class_init_versions (widget_class);
  _gloss_window_class_init_tags (widget_class);
  _gloss_window_class_init_import (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

/* The preferences' bounds on what one clip may take. */
static void
apply_clip_limits (GlossWindow *self)
{
  guint64 megabytes = g_settings_get_int (self->settings, "clip-max-size");

  gloss_fetcher_set_clip_limits (self->fetcher, g_settings_get_int (self->settings, "clip-timeout"),
                                 megabytes * 1000 * 1000);
}

static void
gloss_window_init (GlossWindow *self)
{
  g_autoptr(GSimpleActionGroup) settings_actions = g_simple_action_group_new ();
  g_autoptr(GtkListItemFactory) factory = NULL;
  const char *setting_actions[] = { "reader-theme", "reader-font", "reader-width", "sort-order",
                                    "clip-mode", "caret-browsing" };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->sort_order = g_settings_get_enum (self->settings, "sort-order");
  self->fetcher = gloss_fetcher_new ();
  apply_clip_limits (self);
  g_signal_connect_object (self->settings, "changed::clip-max-size", G_CALLBACK (apply_clip_limits),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::clip-timeout", G_CALLBACK (apply_clip_limits),
                           self, G_CONNECT_SWAPPED);
  self->clips = g_ptr_array_new_with_free_func (g_object_unref);
  self->trash = g_ptr_array_new_with_free_func (g_object_unref);

  /* Settings the menu shows as radio items, and caret browsing (F7). */
  for (guint i = 0; i < G_N_ELEMENTS (setting_actions); i++)
    {
      g_autoptr(GAction) action = g_settings_create_action (self->settings, setting_actions[i]);
      g_action_map_add_action (G_ACTION_MAP (settings_actions), action);
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "settings", G_ACTION_GROUP (settings_actions));

  /* model → sorted → filtered → selection */
  self->model = gloss_library_model_new ();
  self->sorter = gtk_custom_sorter_new (compare_items, self, NULL);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->model)),
                                          GTK_SORTER (self->sorter));
  self->filter = gtk_custom_filter_new (_gloss_window_filter_item, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->sorted)),
                                              GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->filtered, "items-changed",
                            G_CALLBACK (_gloss_window_update_state), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  gtk_search_bar_set_key_capture_widget (self->library_search_bar, GTK_WIDGET (self->list_view));
  g_signal_connect_swapped (self->article_view, "notify::progress",
                            G_CALLBACK (on_progress_changed), self);

  /* Window state */
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  adw_flap_set_reveal_flap (self->flap, g_settings_get_boolean (self->settings, "sidebar-visible"));

  g_signal_connect_swapped (self->settings, "changed::sort-order",
                            G_CALLBACK (on_sort_order_changed), self);
  g_signal_connect_swapped (self->settings, "changed::library-path",
                            G_CALLBACK (on_library_path_changed), self);

  _gloss_window_init_clip (self);
  _gloss_window_init_notes (self);
  _gloss_window_init_versions (self);
  _gloss_window_init_caret (self);
  _gloss_window_init_tags (self);

  update_actions (self);
}

GlossWindow *
gloss_window_new (GtkApplication *application)
{
  return gloss_window_new_for_library (application, NULL);
}

GlossWindow *
gloss_window_new_for_library (GtkApplication *application,
                              const char     *library_dir)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (GLOSS_TYPE_WINDOW,
                       "application", application,
                       "library-dir", library_dir,
                       NULL);
}

const char *
gloss_window_get_library_dir (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return self->library_dir;
}

/* For the tests */

GlossLibraryModel *
_gloss_window_get_model (GlossWindow *self)
{
  return self->model;
}

GtkListView *
_gloss_window_get_list_view (GlossWindow *self)
{
  return self->list_view;
}

GtkSingleSelection *
_gloss_window_get_selection (GlossWindow *self)
{
  return self->selection;
}

GlossArticleView *
_gloss_window_get_article_view (GlossWindow *self)
{
  return self->article_view;
}

const char *
_gloss_window_get_visible_page (GlossWindow *self)
{
  return gtk_stack_get_visible_child_name (self->content_stack);
}

gboolean
_gloss_window_get_loaded (GlossWindow *self)
{
  return self->loaded;
}

const char *
_gloss_window_get_last_toast (GlossWindow *self)
{
  return self->last_toast;
}

GtkPopover *
_gloss_window_get_clip_popover (GlossWindow *self)
{
  return self->clip_popover;
}

GtkEditable *
_gloss_window_get_clip_entry (GlossWindow *self)
{
  return GTK_EDITABLE (self->clip_entry);
}

AdwFlap *
_gloss_window_get_flap (GlossWindow *self)
{
  return self->flap;
}

guint
_gloss_window_get_n_clips (GlossWindow *self)
{
  return self->clips != NULL ? self->clips->len : 0;
}

GlossAnnotator *
_gloss_window_get_annotator (GlossWindow *self)
{
  return self->annotator;
}

GlossHighlighter *
_gloss_window_get_highlighter (GlossWindow *self)
{
  return self->highlighter;
}

AdwFlap *
_gloss_window_get_notes_flap (GlossWindow *self)
{
  return self->notes_flap;
}

GlossAnnotationsPane *
_gloss_window_get_annotations_pane (GlossWindow *self)
{
  return self->annotations_pane;
}

GlossNotebook *
_gloss_window_get_notebook (GlossWindow *self)
{
  return self->notebook;
}
