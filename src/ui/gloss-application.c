/* gloss-application.c — the GNOME application: one window, open, preferences, about
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-application.h"
#include "gloss-preferences-window.h"
#include "gloss-search-provider.h"
#include "gloss-sidecar.h"
#include "gloss-ui.h"
#include "gloss-window.h"

struct _GlossApplication
{
  AdwApplication  parent_instance;

  GSettings           *settings;
  GlossSearchProvider *search_provider;
};

G_DEFINE_FINAL_TYPE (GlossApplication, gloss_application, ADW_TYPE_APPLICATION)

GlossWindow *
gloss_application_get_window (GlossApplication *self)
{
  GtkWindow *window;

  g_return_val_if_fail (GLOSS_IS_APPLICATION (self), NULL);

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (gloss_window_new (GTK_APPLICATION (self)));
  return GLOSS_WINDOW (window);
}

static void
gloss_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (gloss_application_get_window (GLOSS_APPLICATION (app))));
}

/* `gloss URL…` and `gloss FILE…`, also from another instance and the file
 * manager: links are clipped into this one and gloss://open/ links opened;
 * files are offered for the library, or opened when they are its own. */
static void
gloss_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  GlossWindow *window = gloss_application_get_window (GLOSS_APPLICATION (app));
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();
  g_auto(GStrv) local = NULL;

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      g_autofree char *uri = NULL;

      if (path != NULL)
        g_strv_builder_add (paths, path);
      else
        gloss_window_open_location (window, (uri = g_file_get_uri (files[i])));
    }
  gtk_window_present (GTK_WINDOW (window));
  local = g_strv_builder_end (paths);
  if (local[0] != NULL)
    gloss_window_open_files (window, (const char * const *) local);
}

static void
show_about (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { _("The Gloss authors"), NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Gloss"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Keep the articles you read, with your highlights and notes"),
                         "website", "https://github.com/glossapp/gloss",
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
show_preferences (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkApplication *app = user_data;
  GtkWidget *preferences = gloss_preferences_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (preferences), gtk_application_get_active_window (app));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
quit (GSimpleAction *action,
      GVariant      *parameter,
      gpointer       user_data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Closing, not destroying, so every window saves its state. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  /* Also when started as a service, which would otherwise stay for its
   * inactivity timeout. */
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", show_about },
  { "preferences", show_preferences },
  { "quit", quit },
};

/* Light, sepia and dark are the article's; the window follows light or dark. */
static void
update_color_scheme (GlossApplication *self)
{
  AdwColorScheme scheme;

  switch (g_settings_get_enum (self->settings, "reader-theme"))
    {
    case 1:
    case 2:
      scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
      break;
    case 3:
      scheme = ADW_COLOR_SCHEME_FORCE_DARK;
      break;
    default:
      scheme = ADW_COLOR_SCHEME_DEFAULT;
      break;
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

static void
gloss_application_startup (GApplication *app)
{
  GlossApplication *self = GLOSS_APPLICATION (app);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  /* Before chaining up: GtkApplication looks for gtk/help-overlay.ui there. */
  gloss_ui_init ();
  G_APPLICATION_CLASS (gloss_application_parent_class)->startup (app);
  gloss_ui_init ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);

  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_swapped (self->settings, "changed::reader-theme",
                            G_CALLBACK (update_color_scheme), self);
  update_color_scheme (self);
}

static void
gloss_application_shutdown (GApplication *app)
{
  GlossApplication *self = GLOSS_APPLICATION (app);

  /* The windows are closed; what they asked to save must reach the disk. */
  gloss_sidecar_wait_for_saves ();
  g_clear_object (&self->settings);
  G_APPLICATION_CLASS (gloss_application_parent_class)->shutdown (app);
}

/* Started by D-Bus for the Shell's search (--gapplication-service), the
 * application quits once no call is left unanswered; the Shell asks for
 * results and their metas in several calls, typing on. */
#define SERVICE_INACTIVITY_TIMEOUT_MS 20000

static gboolean
gloss_application_dbus_register (GApplication     *app,
                                 GDBusConnection  *connection,
                                 const char       *object_path,
                                 GError          **error)
{
  GlossApplication *self = GLOSS_APPLICATION (app);

  if (!G_APPLICATION_CLASS (gloss_application_parent_class)->dbus_register (app, connection,
                                                                            object_path, error))
    return FALSE;
  if (g_application_get_flags (app) & G_APPLICATION_IS_SERVICE)
    g_application_set_inactivity_timeout (app, SERVICE_INACTIVITY_TIMEOUT_MS);
  self->search_provider = gloss_search_provider_new (self);
  return gloss_search_provider_export (self->search_provider, connection, error);
}

static void
gloss_application_dbus_unregister (GApplication    *app,
                                   GDBusConnection *connection,
                                   const char      *object_path)
{
  GlossApplication *self = GLOSS_APPLICATION (app);

  if (self->search_provider != NULL)
    gloss_search_provider_unexport (self->search_provider);
  g_clear_object (&self->search_provider);
  G_APPLICATION_CLASS (gloss_application_parent_class)->dbus_unregister (app, connection,
                                                                         object_path);
}

static void
gloss_application_class_init (GlossApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = gloss_application_activate;
  app_class->open = gloss_application_open;
  app_class->startup = gloss_application_startup;
  app_class->shutdown = gloss_application_shutdown;
  app_class->dbus_register = gloss_application_dbus_register;
  app_class->dbus_unregister = gloss_application_dbus_unregister;
}

static void
gloss_application_init (GlossApplication *self)
{
  /* Translators: what `gloss` takes, in its usage line: links or saved pages */
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[URL|FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
    _("Opens the window; each URL or .html file given is clipped into the library.\n"
      "Run “gloss --help” for the commands that need no window."));
}

GlossApplication *
gloss_application_new (void)
{
  return g_object_new (GLOSS_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/glossapp/Gloss",
                       NULL);
}
