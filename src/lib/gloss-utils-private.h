/* gloss-utils-private.h — small helpers shared inside libgloss
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes @data to @path through a temporary file in the same folder, fsync and
 * rename: @path ends up holding the old or the new contents, never a mix. The
 * folder is created when missing. */
gboolean  _gloss_write_file_atomic (const char  *path,
                                    const char  *data,
                                    gsize        length,
                                    GError     **error);

/* Now, as ISO 8601 UTC with milliseconds: "2026-11-26T10:00:00.123Z". */
char     *_gloss_now_iso8601       (void);

/* An http: or https: URL. */
gboolean  _gloss_is_web_url        (const char  *url);

G_END_DECLS
