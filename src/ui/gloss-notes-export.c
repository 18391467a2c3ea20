/* gloss-notes-export.c — notes as Markdown files, from the window's menu
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-library.h"
#include "gloss-notes-export.h"

char *
gloss_notes_export_file_name (GlossArticle *article)
{
  g_autofree char *slug = NULL;

  g_return_val_if_fail (article != NULL, NULL);

  slug = gloss_archive_slugify (article->info->title);
  if (slug == NULL || *slug == '\0')
    {
      g_free (slug);
      slug = g_strdup (article->info->id);
    }
  return g_strconcat (slug, ".md", NULL);
}

gboolean
gloss_notes_export_to_file (GlossArticle  *article,
                            const char    *path,
                            GError       **error)
{
  g_autoptr(GPtrArray) ordered = NULL;
  g_autofree char *markdown = NULL;
  GlossExportArticle info;

  g_return_val_if_fail (article != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  ordered = gloss_article_annotations_in_order (article);
  gloss_article_export_info (article, &info);
  if ((markdown = gloss_export_markdown (&info, ordered, NULL, error)) == NULL)
    return FALSE;
  return gloss_write_file_atomic (path, markdown, strlen (markdown), error);
}

static gboolean
has_notes (GlossArticle *article)
{
  return article->sidecar->annotations->len > 0 || article->sidecar->note != NULL;
}

gboolean
gloss_notes_export_all (const char    *library_dir,
                        const char    *folder,
                        GlossArticle  *open_article,
                        guint         *n_written,
                        GError       **error)
{
  g_autoptr(GPtrArray) archives = NULL;
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) first_error = NULL;
  guint written = 0;

  g_return_val_if_fail (library_dir != NULL, FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  archives = gloss_library_list_archives (library_dir);
  for (guint i = 0; i < archives->len; i++)
    {
      g_autoptr(GlossArticle) opened = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *file_name = NULL;
      g_autofree char *path = NULL;
      g_autofree char *basename = g_path_get_basename (archives->pdata[i]);
      GlossArticle *article;

      if (open_article != NULL && g_str_has_suffix (basename, ".html")
          && strlen (basename) == strlen (open_article->info->id) + strlen (".html")
          && g_str_has_prefix (basename, open_article->info->id))
        article = open_article;
      else if ((article = opened = gloss_article_open (archives->pdata[i], &local_error)) != NULL)
        /* In memory only: exporting never rewrites the sidecar. */
        gloss_article_reanchor (article, NULL, NULL);

      if (article == NULL)
        {
          g_warning ("Could not export the notes of %s: %s",
                     (const char *) archives->pdata[i], local_error->message);
          if (first_error == NULL)
            first_error = g_steal_pointer (&local_error);
          continue;
        }
      if (!has_notes (article))
        continue;

      /* <slug>.md, or <id>.md when two articles share a title. */
      file_name = gloss_notes_export_file_name (article);
      if (g_hash_table_contains (used, file_name))
        {
          g_free (file_name);
          file_name = g_strconcat (article->info->id, ".md", NULL);
        }
      g_hash_table_add (used, g_strdup (file_name));
      path = g_build_filename (folder, file_name, NULL);
      if (!gloss_notes_export_to_file (article, path, &local_error))
        {
          g_warning ("Could not export the notes to %s: %s", path, local_error->message);
          if (first_error == NULL)
            first_error = g_steal_pointer (&local_error);
          continue;
        }
      written++;
    }
  if (n_written != NULL)
    *n_written = written;
  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }
  return TRUE;
}
