/* gloss-library.c — where the library lives, and writing files into it safely
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

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
