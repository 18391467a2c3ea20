/* gloss-window-actions.c — the window's actions: sidebar, search, find, text
 * size, open the original, reload, and delete with undo
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-ui.h"
#include "gloss-window-private.h"

#define FONT_SIZE_STEP 2

/* Deleting, with undo */

static void
trash_now (GlossWindow      *self,
           GlossLibraryItem *item)
{
  g_autofree char *sidecar = gloss_library_sidecar_path (gloss_library_item_get_path (item));
  g_autoptr(GFile) archive = g_file_new_for_path (gloss_library_item_get_path (item));
  g_autofree char *versions_dir = gloss_versions_dir (gloss_library_item_get_path (item));
  g_autoptr(GFile) versions = g_file_new_for_path (versions_dir);
  g_autoptr(GFile) notes = NULL;
  g_autoptr(GError) error = NULL;

  /* Through GIO's trash, never unlink: a mistake stays recoverable. */
  notes = g_file_new_for_path (sidecar);
  if (!g_file_trash (archive, NULL, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_warning ("Could not move %s to the trash: %s", gloss_library_item_get_path (item),
                 error->message);
      if (self->model != NULL)
        {
          AdwToast *toast = adw_toast_new_format (_("Could not move “%s” to the trash: %s"),
                                                  gloss_library_item_get_title (item),
                                                  error->message);

          _gloss_window_show_toast (self, toast);
          gloss_library_model_add (self->model, item);
          _gloss_window_update_state (self);
        }
      return;
    }
  g_clear_error (&error);
  if (!g_file_trash (notes, NULL, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_warning ("Could not move %s to the trash: %s", sidecar, error->message);
  /* Its earlier versions go with it, never left behind as clutter. */
  g_clear_error (&error);
  if (!g_file_trash (versions, NULL, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_warning ("Could not move %s to the trash: %s", versions_dir, error->message);
}

static void
on_delete_toast_dismissed (AdwToast    *toast,
                           GlossWindow *self)
{
  GlossLibraryItem *item = g_object_get_data (G_OBJECT (toast), "gloss-item");

  /* Still waiting: no undo came, so it goes. */
  if (item != NULL && self->trash != NULL && g_ptr_array_remove (self->trash, item))
    trash_now (self, item);
}

static void
delete_article (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GlossLibraryItem *item = _gloss_window_get_current_item (self);
  AdwToast *toast;

  if (item == NULL)
    return;
  g_object_ref (item);
  g_ptr_array_add (self->trash, g_object_ref (item));
  gloss_library_model_remove (self->model, item);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  _gloss_window_show_item (self, NULL);
  g_settings_set_string (self->settings, "last-article", "");

  toast = adw_toast_new_format (_("“%s” moved to the trash"), gloss_library_item_get_title (item));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_action_target (toast, "s", gloss_library_item_get_id (item));
  g_object_set_data_full (G_OBJECT (toast), "gloss-item", g_object_ref (item), g_object_unref);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed), self, 0);
  _gloss_window_show_toast (self, toast);
  g_object_unref (item);
}

static void
undo_delete (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < self->trash->len; i++)
    {
      GlossLibraryItem *item = self->trash->pdata[i];

      if (g_strcmp0 (gloss_library_item_get_id (item), id) == 0)
        {
          gloss_library_model_add (self->model, item);
          g_ptr_array_remove_index (self->trash, i);
          gloss_window_open_article (self, id);
          return;
        }
    }
}

void
_gloss_window_flush_trash (GlossWindow *self)
{
  while (self->trash->len > 0)
    {
      g_autoptr(GlossLibraryItem) item = g_object_ref (self->trash->pdata[0]);

      g_ptr_array_remove_index (self->trash, 0);
      trash_now (self, item);
    }
}

/* Actions */

static void
toggle_sidebar (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
search_library (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (!gtk_widget_get_visible (adw_flap_get_flap (self->flap)))
    return;
  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_search_bar_set_search_mode (self->library_search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->library_search_entry));
}

void
gloss_window_search_library (GlossWindow *self,
                             const char  *text)
{
  g_return_if_fail (GLOSS_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  /* While the library is read the sidebar is hidden; the search is there
   * when it shows. */
  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_search_bar_set_search_mode (self->library_search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->library_search_entry), text);
  gtk_editable_set_position (GTK_EDITABLE (self->library_search_entry), -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->library_search_entry));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (g_str_equal (action_name, "win.find"))
    gloss_article_view_find (self->article_view);
  else if (g_str_equal (action_name, "win.find-next"))
    gloss_article_view_find_next (self->article_view);
  else
    gloss_article_view_find_previous (self->article_view);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  int size = g_settings_get_int (self->settings, "reader-font-size");

  if (g_str_equal (action_name, "win.zoom-reset"))
    {
      g_settings_reset (self->settings, "reader-font-size");
      return;
    }
  size += g_str_equal (action_name, "win.zoom-in") ? FONT_SIZE_STEP : -FONT_SIZE_STEP;
  g_settings_set_int (self->settings, "reader-font-size", CLAMP (size, 12, 32));
}

static void
open_original (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GlossLibraryItem *item = _gloss_window_get_current_item (self);
  const char *source = item ? gloss_library_item_get_source (item) : NULL;

  if (source != NULL && gloss_ui_is_web_url (source))
    gtk_show_uri (GTK_WINDOW (self), source, GDK_CURRENT_TIME);
}

static void
reload_library (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _gloss_window_load_library (GLOSS_WINDOW (widget));
}

static void
add_accel (GtkWidgetClass  *widget_class,
           guint            keyval,
           GdkModifierType  mods,
           const char      *action)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, mods, action, NULL);
}

void
_gloss_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar);
  gtk_widget_class_install_action (widget_class, "win.search-library", NULL, search_library);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.delete-article", NULL, delete_article);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "s", undo_delete);
  gtk_widget_class_install_action (widget_class, "win.open-original", NULL, open_original);
  gtk_widget_class_install_action (widget_class, "win.reload-library", NULL, reload_library);

  add_accel (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar");
  add_accel (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.search-library");
  add_accel (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find");
  add_accel (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.find-next");
  add_accel (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.find-previous");
  add_accel (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in");
  add_accel (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in");
  add_accel (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in");
  add_accel (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out");
  add_accel (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out");
  add_accel (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset");
  add_accel (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-reset");
  add_accel (widget_class, GDK_KEY_Delete, 0, "win.delete-article");
  add_accel (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.open-original");
  add_accel (widget_class, GDK_KEY_F5, 0, "win.reload-library");
}
