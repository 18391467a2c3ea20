/* gloss-window-versions.c — the earlier versions of the article shown: the
 * Versions submenu, the banner that says an earlier one is shown (AdwBanner
 * is libadwaita 1.3; this is a revealer styled like one), and opening an
 * orphaned highlight in the version it was made on.
 *
 * An earlier version is read-only: its highlights are shown, but making,
 * changing or deleting one waits for the current version (gloss-versions.h).
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "gloss-window-private.h"

static GlossArticle *
current_article (GlossWindow *self)
{
  return self->annotator != NULL ? gloss_annotator_get_article (self->annotator) : NULL;
}

/* 2026-11-26T10:00:00Z → "26 November 2026, 11:00" in local time */
static char *
format_saved (const char *saved)
{
  g_autoptr(GDateTime) date = saved ? g_date_time_new_from_iso8601 (saved, NULL) : NULL;
  g_autoptr(GDateTime) local = date ? g_date_time_to_local (date) : NULL;

  /* TRANSLATORS: a date and time, see g_date_time_format () */
  return local ? g_date_time_format (local, _("%-d %B %Y, %H:%M")) : g_strdup (saved ? saved : "?");
}

/* <id>.versions/20261126T100000Z.html → 20261126T100000Z */
static char *
version_name (const GlossVersion *version)
{
  const char *name = strrchr (version->archive, '/');

  name = name ? name + 1 : version->archive;
  return g_str_has_suffix (name, ".html") ? g_strndup (name, strlen (name) - 5) : g_strdup (name);
}

static void
update_banner (GlossWindow *self)
{
  GlossArticle *article = current_article (self);
  const char *shown = gloss_article_view_get_version (self->article_view);
  gboolean earlier = shown != NULL;

  if (self->annotator != NULL)
    gloss_annotator_set_read_only (self->annotator, earlier);
  gtk_revealer_set_reveal_child (self->version_banner, earlier);
  if (!earlier || article == NULL)
    return;
  for (guint i = 0; i < article->sidecar->versions->len; i++)
    {
      GlossVersion *version = article->sidecar->versions->pdata[i];
      g_autofree char *name = version_name (version);

      if (g_str_equal (name, shown))
        {
          g_autofree char *date = format_saved (version->saved);
          g_autofree char *text = g_strdup_printf (_("You are reading the version saved on %s"), date);

          gtk_label_set_text (self->version_label, text);
        }
    }
}

void
_gloss_window_update_versions (GlossWindow *self)
{
  GlossArticle *article = current_article (self);
  guint n = article != NULL ? article->sidecar->versions->len : 0;

  g_menu_remove_all (self->versions_section);
  if (n > 0)
    g_menu_append (self->versions_section, _("Current Version"), "win.show-current-version");
  /* Newest first, as the reader looks back. */
  for (guint i = n; i > 0; i--)
    {
      GlossVersion *version = article->sidecar->versions->pdata[i - 1];
      g_autofree char *date = format_saved (version->saved);
      g_autofree char *label = g_strdup_printf (_("Saved on %s"), date);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);
      g_autofree char *name = version_name (version);

      g_menu_item_set_action_and_target (item, "win.show-version", "s", name);
      g_menu_append_item (self->versions_section, item);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-version", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-current-version",
                                 gloss_article_view_get_version (self->article_view) != NULL);
  update_banner (self);
}

gboolean
_gloss_window_show_version (GlossWindow *self,
                            const char  *name)
{
  GlossArticle *article = current_article (self);

  if (article == NULL)
    return FALSE;
  if (name == NULL || *name == '\0')
    {
      gloss_article_view_load_version (self->article_view, NULL);
      return TRUE;
    }
  /* By its file's name: two versions can share a saved date (clips in the
   * same second), never a name. */
  for (guint i = 0; i < article->sidecar->versions->len; i++)
    {
      g_autofree char *candidate = version_name (article->sidecar->versions->pdata[i]);

      if (g_str_equal (candidate, name))
        {
          gloss_article_view_load_version (self->article_view, name);
          return TRUE;
        }
    }
  return FALSE;
}

void
_gloss_window_reveal_annotation (GlossWindow *self,
                                 const char  *id)
{
  GlossArticle *article = current_article (self);
  GlossAnnotation *annotation = article ? gloss_sidecar_find (article->sidecar, id) : NULL;
  g_autofree char *earlier = NULL;
  const char *target = NULL;

  if (annotation == NULL)
    return;
  /* An orphan opens in the version it was made on, when that one is kept. */
  if ((earlier = gloss_article_version_path (article, annotation)) != NULL)
    target = annotation->source_date;
  if (!annotation->orphaned || earlier != NULL)
    {
      const char *shown = gloss_article_view_get_version (self->article_view);
      GlossVersion *version = target ? gloss_versions_find (article->sidecar->versions, target) : NULL;
      g_autofree char *name = version ? version_name (version) : NULL;

      if (g_strcmp0 (shown, name) != 0)
        {
          gloss_annotator_reveal_after_paint (self->annotator, id);
          _gloss_window_show_version (self, name);
          return;
        }
    }
  gloss_annotator_reveal (self->annotator, id);
}

static void
show_version_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  _gloss_window_show_version (self, g_variant_get_string (parameter, NULL));
}

static void
show_current_version_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  _gloss_window_show_version (GLOSS_WINDOW (widget), NULL);
}

static void
on_version_changed (GlossWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-current-version",
                                 gloss_article_view_get_version (self->article_view) != NULL);
  /* The document loading now is painted once its script is ready, as
   * every document is: read-only from here on, or not. */
  update_banner (self);
}

void
_gloss_window_class_init_versions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, version_banner);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, version_label);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, versions_section);
  gtk_widget_class_install_action (widget_class, "win.show-version", "s", show_version_action);
  gtk_widget_class_install_action (widget_class, "win.show-current-version", NULL,
                                   show_current_version_action);
}

void
_gloss_window_init_versions (GlossWindow *self)
{
  g_signal_connect_swapped (self->article_view, "notify::version",
                            G_CALLBACK (on_version_changed), self);
  _gloss_window_update_versions (self);
}
