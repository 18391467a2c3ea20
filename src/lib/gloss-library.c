/* gloss-library.c — where the library lives, and writing files into it safely
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "gloss-archive.h"
#include "gloss-library.h"

static char *
expand_home (const char *path)
{
  if (g_str_has_prefix (path, "~/"))
    return g_build_filename (g_get_home_dir (), path + 2, NULL);
  return g_strdup (path);
}

static char *
setting_dir (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *path = NULL;

  /* The command line runs from a build tree too, where no schema is installed. */
  if (source == NULL || (schema = g_settings_schema_source_lookup (source, APPLICATION_ID,
                                                                   TRUE)) == NULL)
    return NULL;
  if (!g_settings_schema_has_key (schema, "library-path"))
    return NULL;
  settings = g_settings_new (APPLICATION_ID);
  path = g_settings_get_string (settings, "library-path");
  return *path ? expand_home (path) : NULL;
}

char *
gloss_library_resolve_dir (const char *cli_dir)
{
  const char *env = g_getenv ("GLOSS_LIBRARY");
  char *dir;

  if (cli_dir != NULL && *cli_dir)
    return expand_home (cli_dir);
  if (env != NULL && *env)
    return expand_home (env);
  if ((dir = setting_dir ()) != NULL)
    return dir;
  return g_build_filename (g_get_user_data_dir (), "gloss", "library", NULL);
}

gboolean
gloss_write_file_atomic (const char  *path,
                         const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  /* Temporary file in the same folder, fsync, rename. */
  return g_file_set_contents_full (path, data, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0644, error);
}

GPtrArray *
gloss_library_list_archives (const char *library_dir)
{
  g_autoptr(GDir) dir = g_dir_open (library_dir, 0, NULL);
  GPtrArray *archives = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".html") && name[0] != '.')
      g_ptr_array_add (archives, g_build_filename (library_dir, name, NULL));
  g_ptr_array_sort (archives, (GCompareFunc) g_strcmp0);
  return archives;
}

static char *
find_by_url (const char *library_dir,
             const char *url)
{
  g_autoptr(GPtrArray) archives = gloss_library_list_archives (library_dir);

  for (guint i = 0; i < archives->len; i++)
    {
      g_autoptr(GlossArchiveInfo) info = gloss_archive_read_info (archives->pdata[i], NULL);

      if (info != NULL && (g_strcmp0 (info->source, url) == 0 || g_strcmp0 (info->canonical, url) == 0))
        return g_strdup (archives->pdata[i]);
    }
  return NULL;
}

char *
gloss_library_find_archive (const char  *library_dir,
                            const char  *article,
                            GError     **error)
{
  g_autofree char *by_id = NULL;
  char *found;

  g_return_val_if_fail (library_dir != NULL && article != NULL, NULL);

  if (g_str_has_suffix (article, ".html") && g_file_test (article, G_FILE_TEST_IS_REGULAR))
    return g_canonicalize_filename (article, NULL);
  by_id = g_strconcat (library_dir, G_DIR_SEPARATOR_S, article, ".html", NULL);
  if (strchr (article, G_DIR_SEPARATOR) == NULL && g_file_test (by_id, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&by_id);
  if ((g_str_has_prefix (article, "http://") || g_str_has_prefix (article, "https://")) &&
      (found = find_by_url (library_dir, article)) != NULL)
    return found;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("No article “%s” in the library %s (give an id, an archive path or the URL "
                 "it was clipped from)"), article, library_dir);
  return NULL;
}
