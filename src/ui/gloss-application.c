/* gloss-application.c — the GNOME application: one window, about, quit
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-application.h"
#include "gloss-window.h"

struct _GlossApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossApplication, gloss_application, ADW_TYPE_APPLICATION)

static void
gloss_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (gloss_window_new (GTK_APPLICATION (app)));
  gtk_window_present (window);
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
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
quit (GSimpleAction *action,
      GVariant      *parameter,
      gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", show_about },
  { "quit", quit },
};

static void
gloss_application_startup (GApplication *app)
{
  const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (gloss_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
gloss_application_class_init (GlossApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = gloss_application_activate;
  app_class->startup = gloss_application_startup;
}

static void
gloss_application_init (GlossApplication *self)
{
  g_application_set_option_context_summary (G_APPLICATION (self),
    _("Commands that need no window:\n"
      "  gloss clip URL… [--mode reader|full] [--json]   save articles as offline archives\n"
      "  gloss extract URL|FILE [--format text|html|json] print the article a page holds\n"
      "Run “gloss COMMAND --help” for the options of each."));
}

GlossApplication *
gloss_application_new (void)
{
  return g_object_new (GLOSS_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/glossapp/Gloss",
                       NULL);
}
