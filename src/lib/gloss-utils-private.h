/* gloss-utils-private.h — small helpers shared inside libgloss
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A file written whole or not at all: the data goes to a temporary file in
 * the same folder (".<name>.gloss-tmp-XXXXXX", locked while it is written, so
 * _gloss_sweep_temporary_files() knows a dead writer's), is fsynced and renamed
 * over @path. A symbolic link at @path is written through: its target gets the
 * new contents and the link stays. An existing file keeps its permissions. */
typedef struct _GlossAtomicFile GlossAtomicFile;

GlossAtomicFile *_gloss_atomic_file_new    (const char       *path,
                                            GError          **error);
gboolean         _gloss_atomic_file_write  (GlossAtomicFile  *self,
                                            const void       *data,
                                            gsize             length,
                                            GError          **error);
/* Makes it the file at @path, and frees @self whatever happens. */
gboolean         _gloss_atomic_file_commit (GlossAtomicFile  *self,
                                            GError          **error);
/* Removes the temporary file and frees @self. */
void             _gloss_atomic_file_abort  (GlossAtomicFile  *self);
/* The file that will be replaced: @path, or the target of its link. */
const char      *_gloss_atomic_file_get_target (GlossAtomicFile *self);

/* @path holds @data or its old contents, never a mix. The folder is created
 * when missing. Errors name @path and say why in plain words. */
gboolean  _gloss_write_file_atomic (const char  *path,
                                    const char  *data,
                                    gsize        length,
                                    GError     **error);

/* Removes the temporary files of writers that died in @dir (their lock is
 * free, and they are over 5 s old); returns how many. Those of a live writer
 * are left alone. */
guint     _gloss_sweep_temporary_files (const char *dir);

/* g_file_get_contents() for a file from elsewhere: one over @max_bytes is
 * refused, unread, with a reason. A missing file is G_FILE_ERROR_NOENT. */
gboolean  _gloss_read_file_bounded (const char  *path,
                                    gsize        max_bytes,
                                    char       **contents,
                                    gsize       *length,
                                    GError     **error);

/* Plain words for an errno from writing a file: "the disk is full". */
const char *_gloss_write_error_reason (int saved_errno);

/* Now, as ISO 8601 UTC with milliseconds: "2026-11-26T10:00:00.123Z". */
char     *_gloss_now_iso8601       (void);

/* An http: or https: URL. */
gboolean  _gloss_is_web_url        (const char  *url);

G_END_DECLS
