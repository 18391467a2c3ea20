/* gloss-library.h — where the library lives, and writing files into it safely */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* --library DIR, else $GLOSS_LIBRARY, else the library-path setting (when the
 * schema is installed), else $XDG_DATA_HOME/gloss/library. */
char     *gloss_library_resolve_dir (const char  *cli_dir);

/* Writes @data to @path through a temporary file in the same folder, fsync and
 * rename: @path ends up holding the old or the new contents, never a mix. */
gboolean  gloss_write_file_atomic   (const char  *path,
                                     const char  *data,
                                     gsize        length,
                                     GError     **error);

G_END_DECLS
