/* gloss-preferences-window.c — library folder, clip mode, reader typography,
 * caret browsing
 *
 * Every row is bound to its GSettings key, so a change applies at once.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-library.h"
#include "gloss-preferences-window.h"
#include "gloss-ui.h"

struct _GlossPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwActionRow         *folder_row;
  AdwComboRow          *clip_mode_row;
  AdwComboRow          *theme_row;
  AdwComboRow          *font_row;
  GtkSpinButton        *size_spin;
  GtkSpinButton        *max_size_spin;
  GtkSpinButton        *timeout_spin;
  AdwComboRow          *width_row;
  GtkSwitch            *caret_switch;

  GSettings            *settings;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (GlossPreferencesWindow, gloss_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *clip_mode_nicks[] = { "reader", "full", NULL };
static const char *theme_nicks[] = { "system", "light", "sepia", "dark", NULL };
static const char *font_nicks[] = { "serif", "sans", NULL };
static const char *width_nicks[] = { "narrow", "medium", "wide", NULL };

/* An enum key shown as the selected position of a combo row. */
static gboolean
nick_to_position (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_str_equal (nicks[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
position_to_nick (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint position = g_value_get_uint (value);

  if (position >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[position]);
}

static void
bind_combo (GlossPreferencesWindow *self,
            AdwComboRow            *row,
            const char             *key,
            const char            **nicks)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_to_position, position_to_nick, nicks, NULL);
}

static void
update_folder (GlossPreferencesWindow *self)
{
  g_autofree char *dir = gloss_library_resolve_dir (NULL);

  adw_action_row_set_subtitle (self->folder_row, dir);
}

static void
on_folder_chosen (GtkNativeDialog        *chooser,
                  int                     response,
                  GlossPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = folder ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "library-path", path);
      else
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                          adw_toast_new (_("Choose a folder on this computer")));
    }
  g_clear_object (&self->chooser);
}

static void
on_choose_folder (GlossPreferencesWindow *self)
{
  g_autofree char *dir = gloss_library_resolve_dir (NULL);
  g_autoptr(GFile) current = g_file_new_for_path (dir);

  self->chooser = gtk_file_chooser_native_new (_("Library Folder"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (g_file_query_exists (current, NULL))
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (self->chooser), current, NULL);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_folder_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
gloss_preferences_window_dispose (GObject *object)
{
  GlossPreferencesWindow *self = GLOSS_PREFERENCES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (gloss_preferences_window_parent_class)->dispose (object);
}

static void
gloss_preferences_window_class_init (GlossPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gloss_ui_init ();
  object_class->dispose = gloss_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/glossapp/Gloss/gloss-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, folder_row);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, clip_mode_row);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, theme_row);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, font_row);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, size_spin);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, max_size_spin);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, width_row);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, caret_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_folder);
}

static void
gloss_preferences_window_init (GlossPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  bind_combo (self, self->clip_mode_row, "clip-mode", clip_mode_nicks);
  bind_combo (self, self->theme_row, "reader-theme", theme_nicks);
  bind_combo (self, self->font_row, "reader-font", font_nicks);
  bind_combo (self, self->width_row, "reader-width", width_nicks);
  g_settings_bind (self->settings, "reader-font-size", self->size_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "clip-max-size", self->max_size_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "clip-timeout", self->timeout_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "caret-browsing", self->caret_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::library-path", G_CALLBACK (update_folder),
                           self, G_CONNECT_SWAPPED);
  update_folder (self);
}

GtkWidget *
gloss_preferences_window_new (void)
{
  return g_object_new (GLOSS_TYPE_PREFERENCES_WINDOW, NULL);
}
