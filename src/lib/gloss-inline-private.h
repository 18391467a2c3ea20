/* gloss-inline-private.h — embedding every resource of a page as a data: URI */
#pragma once

#include <gio/gio.h>
#include <libxml/tree.h>

#include "gloss-fetcher.h"

G_BEGIN_DECLS

typedef void (*GlossInlineProgress) (guint    done,
                                     guint    total,
                                     guint64  bytes,
                                     gpointer user_data);

/* Fetches concurrently every image (src, a srcset's best candidate, video
 * poster) under @root and, with @full_page, every stylesheet (<link> and
 * @import, recursively), font and CSS url() in <style> and style="", and
 * replaces each reference with a data: URI. A resource that fails is not an
 * error: an <img> keeps its alt text and loses its src, a CSS url() becomes
 * none, and the URL is added to the missing list. */
void       _gloss_inline_async  (GlossFetcher        *fetcher,
                                 xmlDoc              *doc,
                                 xmlNode             *root,
                                 gboolean             full_page,
                                 GlossInlineProgress  progress,
                                 gpointer             progress_data,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
/* Returns the missing URLs (possibly empty), or NULL when cancelled. */
GPtrArray *_gloss_inline_finish (GAsyncResult        *result,
                                 GError             **error);

G_END_DECLS
