/* gloss-spool-private.h — a clip's pictures, fonts and media kept on disk
 * until the archive is written
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "gloss-utils-private.h"

G_BEGIN_DECLS

/* A folder of downloaded resources, one file each, and the placeholders that
 * stand for them in the page's tree. Writing the archive copies the
 * serialized page and splices each resource in as a data: URI, encoded by
 * chunks: a clip holds no resource in memory, whatever its size. */
typedef struct _GlossSpool GlossSpool;

GlossSpool *_gloss_spool_new         (GError          **error);
/* Removes the folder and every file in it. */
void        _gloss_spool_free        (GlossSpool       *self);
/* A new entry; its file is _gloss_spool_get_path (). */
guint       _gloss_spool_add         (GlossSpool       *self);
const char *_gloss_spool_get_path    (GlossSpool       *self,
                                      guint             index);
/* The MIME type a resource of @mime_type is embedded as (a picture, font,
 * audio or video type we allow), or NULL when an archive must not embed it. */
const char *_gloss_spool_embedded_type (const char     *mime_type);
/* What the entry holds, once downloaded: its MIME type and size. Returns
 * FALSE, and forgets the entry, for a type that is not embedded. */
gboolean    _gloss_spool_set_content (GlossSpool       *self,
                                      guint             index,
                                      const char       *mime_type,
                                      guint64           size);
/* Forgets what was downloaded for @index (its file is removed). */
void        _gloss_spool_drop        (GlossSpool       *self,
                                      guint             index);
/* The length of the data: URI of @index in the archive. */
guint64     _gloss_spool_get_uri_length (GlossSpool    *self,
                                         guint          index);
/* What goes in the tree where the data: URI will be. */
char       *_gloss_spool_placeholder (GlossSpool       *self,
                                      guint             index);
/* Writes @html to @file with each placeholder replaced by its data: URI;
 * @written gets the bytes written in all. */
gboolean    _gloss_spool_write_html  (GlossSpool       *self,
                                      const char       *html,
                                      gsize             length,
                                      GlossAtomicFile  *file,
                                      guint64          *written,
                                      GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossSpool, _gloss_spool_free)

G_END_DECLS
