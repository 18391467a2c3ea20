/* gloss-inline-private.h — embedding every resource of a page as a data: URI */
#pragma once

#include <gio/gio.h>
#include <libxml/tree.h>

#include "gloss-fetcher.h"
#include "gloss-spool-private.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray *missing;   /* URLs, sorted */
  GPtrArray *reasons;   /* why each is missing, a sentence naming it */
  gboolean   timed_out; /* the deadline cut downloads short */
} GlossInlineResult;

void _gloss_inline_result_free (GlossInlineResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossInlineResult, _gloss_inline_result_free)

typedef void (*GlossInlineProgress) (guint    done,
                                     guint    total,
                                     guint64  bytes,
                                     gpointer user_data);

/* Fetches concurrently every image (src, a srcset's best candidate, video
 * poster) under @root and, with @full_page, every stylesheet (<link> and
 * @import, recursively), font and CSS url() in <style> and style="", and
 * replaces each reference with a placeholder of @spool, where the resource
 * waits on disk to be written into the archive as a data: URI. A resource
 * that fails is not an error: an <img> keeps its alt text and loses its src,
 * a CSS url() becomes none, and it is added to the missing list with the
 * reason. So is one that would take what is embedded past the fetcher's
 * archive cap, and every one still downloading at @deadline (monotonic time)
 * when the downloads are cancelled and the tree is rewritten at once. */
void       _gloss_inline_async  (GlossFetcher        *fetcher,
                                 xmlDoc              *doc,
                                 xmlNode             *root,
                                 gboolean             full_page,
                                 GlossSpool          *spool,
                                 gint64               deadline,
                                 GlossInlineProgress  progress,
                                 gpointer             progress_data,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
/* Returns what is missing (possibly nothing), or NULL when cancelled. */
GlossInlineResult *_gloss_inline_finish (GAsyncResult  *result,
                                         GError       **error);

G_END_DECLS
