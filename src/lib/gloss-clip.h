/* gloss-clip.h — the clip pipeline: page, inline, archive, sidecar
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-types.h"

G_BEGIN_DECLS

typedef struct
{
  GlossClipStage stage;
  guint64        bytes;            /* downloaded so far, page and resources */
  guint          resources_done;
  guint          resources_total;
} GlossClipProgress;

typedef void (*GlossClipProgressFunc) (const GlossClipProgress *progress,
                                       gpointer                 user_data);

typedef struct
{
  char      *id;
  char      *path;       /* the archive */
  char      *title;
  char      *source;     /* the URL clipped */
  GPtrArray *missing;    /* URLs of resources left out: not fetched, over the cap, too late */
  GPtrArray *missing_reasons;  /* why, for each of missing: a sentence naming the URL */
  gboolean   timed_out;  /* the clip's deadline left resources out */
  gboolean   replaced;   /* an archive of the same article was already there */
  char      *kept_version; /* that archive, kept as <library>/<id>.versions/<saved>.html;
                            * NULL when there was none or it was the same again */
  guint64    size;       /* bytes of the archive */
  guint      annotations;  /* highlights the article's sidecar holds */
  guint      moved;        /* of those, re-anchored at a new place */
  guint      orphaned;     /* of those, found nowhere in the new archive (kept) */
  char      *notes_error;  /* the sidecar could not be updated: why; NULL when it was */
} GlossClipResult;

void gloss_clip_result_free (GlossClipResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossClipResult, gloss_clip_result_free)

/* The whole pipeline, ending in <library>/<id>.html written atomically. The
 * id comes from the article's identity (gloss-identity.h): an archive of
 * another article is never replaced, and the previous archive of the same
 * article is kept in <id>.versions/ (gloss-versions.h). A clip that fails or
 * is cancelled leaves no file behind. It is bounded by the fetcher's clip
 * limits: at the deadline what is still downloading is left out, and so is
 * what would take the archive past its cap; both are listed in missing,
 * with the reason, and the archive is written with the rest. Resources wait
 * on disk, never all in memory. Then the sidecar is
 * created, or, for a re-clip, its highlights are anchored again in the new
 * text; a sidecar problem is reported in notes_error, not as a failure. Only
 * the downloads run on the caller's main context; the rest runs in workers. */
void             gloss_clip_async  (GlossFetcher         *fetcher,
                                    GlossLibrary         *library,
                                    const char           *location,
                                    GlossClipMode         mode,
                                    GlossClipProgressFunc progress,
                                    gpointer              progress_data,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
GlossClipResult *gloss_clip_finish (GAsyncResult         *result,
                                    GError              **error);

void             gloss_clip_article_async (GlossFetcher        *fetcher,
                                           GlossLibrary        *library,
                                           const char          *html,
                                           const char          *url,
                                           const GlossMetadata *meta,
                                           GDateTime           *saved,
                                           const char          *service,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);

void             gloss_clip_html_async    (GlossFetcher          *fetcher,
                                           GlossLibrary          *library,
                                           const char            *html,
                                           const char            *url,
                                           const char            *title,
                                           GlossClipMode          mode,
                                           GlossClipProgressFunc  progress,
                                           gpointer               progress_data,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data);

G_END_DECLS
