/* gloss-library.h — the library folder: its naming rule, its articles, what
 * changes in it, and exporting every article's notes
 *
 * The one place that knows how the folder is laid out (DESIGN.md, "Library
 * on disk"): <id>.html archives, <id>.notes.json sidecars, <id>.versions/
 * folders of earlier archives (never articles themselves), dot-files that are
 * not articles, and the conflict copies sync tools leave. The window and the
 * command line ask it; neither spells the rule again. The SQLite index will
 * sit behind it.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-types.h"

G_BEGIN_DECLS

/* --library DIR, else $GLOSS_LIBRARY, else the library-path setting (when the
 * schema is installed), else $XDG_DATA_HOME/gloss/library. */
char             *gloss_library_resolve_dir       (const char    *cli_dir);

/* The naming rule. @name is a file name (no folder). *@id, when asked for,
 * is set for archives, sidecars and conflict copies. */
GlossLibraryFile  gloss_library_classify          (const char    *name,
                                                   char         **id);
/* x/abc.html → x/abc.notes.json */
char             *gloss_library_sidecar_path      (const char    *archive_path);
/* The Syncthing (<id>.notes.sync-conflict-….json) and Nextcloud
 * (<id>.notes (conflicted copy …).json) copies beside @sidecar_path, sorted. */
GPtrArray        *gloss_library_conflict_copies   (const char    *sidecar_path);
/* Merges those copies into @sidecar, saves it, and removes the copies merged. */
guint             gloss_library_merge_conflicts   (GlossSidecar  *sidecar,
                                                   GError       **error);
/* The archive and its sidecar, conflict copies merged (blocking). */
GlossArticle     *gloss_library_open_article      (const char    *archive_path,
                                                   GError       **error);
void              gloss_library_open_article_async  (const char          *archive_path,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GlossArticle     *gloss_library_open_article_finish (GAsyncResult        *result,
                                                     GError             **error);

#define GLOSS_TYPE_LIBRARY (gloss_library_get_type ())
G_DECLARE_FINAL_TYPE (GlossLibrary, gloss_library, GLOSS, LIBRARY, GObject)

GlossLibrary *gloss_library_new              (const char    *dir);
const char   *gloss_library_get_dir          (GlossLibrary  *self);
char         *gloss_library_archive_path     (GlossLibrary  *self,
                                              const char    *id);
/* Whether @dir is a folder; else an error "There is no library at …". */
gboolean      gloss_library_check_dir        (const char    *dir,
                                              GError       **error);
/* Every archive (<id>.html) of the folder, as paths sorted by name. */
GPtrArray    *gloss_library_list_archives    (GlossLibrary  *self);
/* Removes what writers that died left in the folder (their temporary files;
 * those of a writer still at work stay); returns how many. Blocking. */
guint         gloss_library_sweep            (GlossLibrary  *self);
/* Whether @path is the library folder or inside it (links followed). */
gboolean      gloss_library_contains         (GlossLibrary  *self,
                                              const char    *path);
/* The ids of the archives whose id ends in -@hash8 (or -@hash8-<n>: a
 * different article whose URL hashes the same), sorted. */
GPtrArray    *gloss_library_find_ids_by_hash (GlossLibrary  *self,
                                              const char    *hash8);
/* The first of those, or NULL. */
char         *gloss_library_find_id_by_hash  (GlossLibrary  *self,
                                              const char    *hash8);
/* @id when no archive has it yet, else @id-2, @id-3…: an id for a different
 * article that would otherwise take @id's place. */
char         *gloss_library_new_id           (GlossLibrary  *self,
                                              const char    *id);
/* The archive an ARTICLE argument names: an archive path, an id, or the URL
 * the article was clipped from (or its canonical URL). */
char         *gloss_library_find_archive     (GlossLibrary  *self,
                                              const char    *article,
                                              GError       **error);

/* Watches the folder (creating it when missing): from then on the signals
 * "archive-added" (id, path), "archive-removed" (id) and "notes-changed"
 * (id, sidecar path) say what changed, whoever changed it. A sync tool's
 * conflict copy that arrives is merged into its sidecar (then removed). */
gboolean      gloss_library_watch            (GlossLibrary  *self,
                                              GError       **error);

/* Export-all: every article with highlights or a page note, one file each
 * (<slug>.md, or <id>.md when two share a title), into @folder. Runs in a
 * worker thread after the sidecar saves already queued have landed. */
typedef void (*GlossLibraryProgress) (guint    done,
                                      guint    total,
                                      gpointer user_data);

typedef struct
{
  GPtrArray *written;   /* paths of the files written, in library order */
  GPtrArray *failed;    /* GError*: the articles or files that could not be done */
} GlossLibraryExport;

void                gloss_library_export_free        (GlossLibraryExport   *report);
void                gloss_library_export_all_async   (GlossLibrary         *self,
                                                      const char           *folder,
                                                      GlossExportFormat     format,
                                                      const char           *template_text,
                                                      gboolean              overwrite,
                                                      GlossLibraryProgress  progress,
                                                      gpointer              progress_data,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
/* NULL when cancelled, when the library folder is missing, or when @folder
 * is inside it; per-article failures (such as a file there that is not a
 * previous export and !@overwrite) are in the report. */
GlossLibraryExport *gloss_library_export_all_finish  (GlossLibrary         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossLibraryExport, gloss_library_export_free)

G_END_DECLS
