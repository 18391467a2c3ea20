/* gloss-article.h — an article of the library: its archive and its notes */
#pragma once

#include <gio/gio.h>

#include "gloss-anchor.h"
#include "gloss-archive.h"
#include "gloss-export.h"
#include "gloss-sidecar.h"

G_BEGIN_DECLS

typedef struct
{
  GlossArchiveInfo *info;
  char             *text;      /* the archive's text model (see gloss-anchor.h) */
  char             *sha256;    /* of the archive file */
  GlossSidecar     *sidecar;   /* loaded, conflict copies merged */
} GlossArticle;

/* Fails when the archive can not be read or its sidecar can not be parsed
 * (the sidecar is then moved aside; see gloss_sidecar_load()). */
GlossArticle *gloss_article_open      (const char    *archive_path,
                                       GError       **error);
void          gloss_article_free      (GlossArticle  *self);

/* Anchors every annotation in the archive's current text, updating its
 * selectors, or marking it orphaned. Counts those whose place changed and
 * those that anchor nowhere. */
void          gloss_article_reanchor  (GlossArticle  *self,
                                       guint         *moved,
                                       guint         *orphaned);
/* Fills the sidecar's article member from the archive. */
void          gloss_article_describe_archive (GlossArticle *self);

/* The annotations in document order, orphaned ones last (borrowed pointers). */
GPtrArray    *gloss_article_annotations_in_order (GlossArticle *self);

/* Points into @self: valid while it lives. */
void          gloss_article_export_info (GlossArticle       *self,
                                         GlossExportArticle *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossArticle, gloss_article_free)

G_END_DECLS
