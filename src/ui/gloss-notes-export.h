/* gloss-notes-export.h — notes as Markdown files, from the window's menu
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-article.h"

G_BEGIN_DECLS

/* "<slug of the title>.md", the name a Markdown export is offered under. */
char     *gloss_notes_export_file_name (GlossArticle  *article);

/* Writes @article's notes as Markdown (the data layer's default layout) to
 * @path, atomically. The annotations are taken as they are in memory: the
 * caller re-anchors first if they were never anchored. */
gboolean  gloss_notes_export_to_file   (GlossArticle  *article,
                                        const char    *path,
                                        GError       **error);

/* Like `gloss export --all --output FOLDER`: one <slug>.md (or <id>.md when
 * two titles make the same slug) per article of @library_dir with notes.
 * @open_article (nullable) is used instead of the file of the same article,
 * so that what is only in memory is exported too. Goes on past an article
 * that fails, and returns FALSE with the first error; *@n_written counts
 * the files written. */
gboolean  gloss_notes_export_all       (const char    *library_dir,
                                        const char    *folder,
                                        GlossArticle  *open_article,
                                        guint         *n_written,
                                        GError       **error);

G_END_DECLS
