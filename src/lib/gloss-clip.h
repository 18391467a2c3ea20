/* gloss-clip.h — the clip pipeline: fetch, parse, extract, sanitize, inline, write */
#pragma once

#include <gio/gio.h>
#include <libxml/tree.h>

#include "gloss-extract.h"
#include "gloss-fetch.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_CLIP_MODE_READER,
  GLOSS_CLIP_MODE_FULL,
} GlossClipMode;

const char *gloss_clip_mode_to_string   (GlossClipMode  mode);
gboolean    gloss_clip_mode_from_string (const char    *string,
                                         GlossClipMode *mode);

/* A page fetched (or read from a file), parsed and extracted. */
typedef struct
{
  char          *url;      /* the page's address after redirects (file:// for files) */
  GlossMetadata *meta;
  xmlDoc        *doc;
  xmlNode       *content;  /* reader mode: the article, unlinked from doc; full: NULL */
  GlossClipMode  mode;
} GlossPage;

void gloss_page_free (GlossPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossPage, gloss_page_free)

GlossPage *gloss_page_new_from_html (const char     *utf8,
                                     gsize           length,
                                     const char     *url,
                                     GlossClipMode   mode,
                                     GError        **error);

typedef enum
{
  GLOSS_CLIP_STAGE_PAGE,       /* downloading the page */
  GLOSS_CLIP_STAGE_RESOURCES,  /* downloading images, stylesheets, fonts */
  GLOSS_CLIP_STAGE_SAVING,
} GlossClipStage;

typedef struct
{
  GlossClipStage stage;
  guint64        bytes;            /* downloaded so far, page and resources */
  guint          resources_done;
  guint          resources_total;
} GlossClipProgress;

typedef void (*GlossClipProgressFunc) (const GlossClipProgress *progress,
                                       gpointer                 user_data);

/* Fetches @location (an http(s) URL, a file:// URI or a local path) and makes
 * a GlossPage of it. @base_url, when set, replaces the page's own address for
 * resolving links (useful for saved files). */
void       gloss_page_load_async  (GlossFetcher         *fetcher,
                                   const char           *location,
                                   const char           *base_url,
                                   GlossClipMode         mode,
                                   GlossClipProgressFunc progress,
                                   gpointer              progress_data,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
GlossPage *gloss_page_load_finish (GAsyncResult         *result,
                                   GError              **error);

typedef struct
{
  char      *id;
  char      *path;       /* the archive */
  char      *title;
  char      *source;     /* the URL clipped */
  GPtrArray *missing;    /* URLs of resources that could not be fetched */
  gboolean   replaced;   /* an archive of the same URL was already there */
  guint64    size;       /* bytes of the archive */
  guint      annotations;  /* highlights the article's sidecar holds */
  guint      moved;        /* of those, re-anchored at a new place */
  guint      orphaned;     /* of those, found nowhere in the new archive (kept) */
  char      *notes_error;  /* the sidecar could not be updated: why; NULL when it was */
} GlossClipResult;

void gloss_clip_result_free (GlossClipResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossClipResult, gloss_clip_result_free)

/* The whole pipeline, ending in <library>/<id>.html written atomically. A
 * clip that fails or is cancelled leaves no file behind. Then the sidecar is
 * created, or, for a re-clip, its highlights are anchored again in the new
 * text; a sidecar problem is reported in notes_error, not as a failure. */
void             gloss_clip_async  (GlossFetcher         *fetcher,
                                    const char           *library_dir,
                                    const char           *location,
                                    GlossClipMode         mode,
                                    GlossClipProgressFunc progress,
                                    gpointer              progress_data,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
GlossClipResult *gloss_clip_finish (GAsyncResult         *result,
                                    GError              **error);

G_END_DECLS
