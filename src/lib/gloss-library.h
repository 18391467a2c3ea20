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

/* Every archive (<id>.html) in @library_dir, sorted by name. */
GPtrArray *gloss_library_list_archives (const char  *library_dir);

/* The archive an ARTICLE argument names: an archive path, an id, or the URL
 * the article was clipped from (or its canonical URL). */
char      *gloss_library_find_archive  (const char  *library_dir,
                                        const char  *article,
                                        GError     **error);

G_END_DECLS
