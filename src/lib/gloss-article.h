/* gloss-article.h — an article of the library: its archive and its notes */
#pragma once

#include <gio/gio.h>

#include "gloss-export.h"
#include "gloss-types.h"

G_BEGIN_DECLS

struct _GlossArticle
{
  GlossArchiveInfo *info;
  char             *text;      /* the archive's text model (see gloss-anchor.h) */
  char             *sha256;    /* of the archive file */
  GlossSidecar     *sidecar;   /* loaded, conflict copies merged */
};

/* Reads the archive at @archive_path and the sidecar at @sidecar_path (see
 * gloss_library_open_article(), which knows where it is and merges its
 * conflict copies). Fails when the archive can not be read or the sidecar can
 * not be parsed (the sidecar is then moved aside; see gloss_sidecar_load()). */
GlossArticle *gloss_article_open      (const char    *archive_path,
                                       const char    *sidecar_path,
                                       GError       **error);
/* The same, only reading: nothing is moved or merged, and a sidecar that is
 * missing or can not be read gives an article without notes. */
GlossArticle *gloss_article_read      (const char    *archive_path,
                                       const char    *sidecar_path,
                                       GError       **error);
void          gloss_article_free      (GlossArticle  *self);

/* Anchors every annotation in the archive's current text, updating its
 * selectors, or marking it orphaned. Counts those whose place changed and
 * those that anchor nowhere. */
void          gloss_article_reanchor  (GlossArticle  *self,
                                       guint         *moved,
                                       guint         *orphaned);
/* The earlier archive (in <id>.versions/) that @annotation, orphaned in the
 * current one, was made on; NULL when it reads in the current archive or
 * that version is not kept. */
char         *gloss_article_version_path (GlossArticle          *self,
                                          const GlossAnnotation *annotation);
/* Fills the sidecar's article member from the archive. */
void          gloss_article_describe_archive (GlossArticle *self);

/* The annotations in document order, orphaned ones last (borrowed pointers). */
GPtrArray    *gloss_article_annotations_in_order (GlossArticle *self);

/* Points into @self: valid while it lives. */
void          gloss_article_export_info (GlossArticle       *self,
                                         GlossExportArticle *out);

/* It has highlights or a page note: something to export. */
gboolean      gloss_article_has_notes   (GlossArticle       *self);
/* The notes in document order, as Markdown (laid out by @template_text when
 * set) or as JSON. */
char         *gloss_article_export      (GlossArticle       *self,
                                         GlossExportFormat   format,
                                         const char         *template_text,
                                         GError            **error);
/* <slug of the title>.md (or .json); <id>.md for a title with no letters. */
char         *gloss_article_export_file_name (GlossArticle      *self,
                                              GlossExportFormat  format);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossArticle, gloss_article_free)

G_END_DECLS
