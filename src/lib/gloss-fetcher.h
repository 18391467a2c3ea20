/* gloss-fetcher.h — GlossFetcher: downloading pages and resources with libsoup */
#pragma once

#include <gio/gio.h>

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_FETCH_ERROR (gloss_fetch_error_quark ())

typedef enum
{
  GLOSS_FETCH_ERROR_INVALID_URL,
  GLOSS_FETCH_ERROR_HTTP,          /* the server answered with an error status */
  GLOSS_FETCH_ERROR_NOT_HTML,
  GLOSS_FETCH_ERROR_TOO_LARGE,
  GLOSS_FETCH_ERROR_TIMED_OUT,
  GLOSS_FETCH_ERROR_TOO_MANY_REDIRECTS,
  GLOSS_FETCH_ERROR_NETWORK,       /* DNS failure, connection refused, TLS… */
} GlossFetchError;

GQuark gloss_fetch_error_quark (void);

#define GLOSS_FETCH_DEFAULT_MAX_PAGE_BYTES     (25 * 1024 * 1024)
#define GLOSS_FETCH_DEFAULT_MAX_RESOURCE_BYTES (15 * 1024 * 1024)
#define GLOSS_FETCH_DEFAULT_TIMEOUT            15   /* seconds, whole request */
#define GLOSS_FETCH_DEFAULT_CLIP_TIMEOUT       60   /* seconds, a whole clip */
#define GLOSS_FETCH_DEFAULT_MAX_ARCHIVE_BYTES  (100 * 1000 * 1000)  /* what a clip embeds */
#define GLOSS_FETCH_DEFAULT_CONNECT_TIMEOUT    15   /* seconds */
#define GLOSS_FETCH_DEFAULT_PER_HOST           4
#define GLOSS_FETCH_MAX_REDIRECTS              10
#define GLOSS_USER_AGENT \
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) " \
  "Version/17.0 Safari/605.1.15 Gloss/" PACKAGE_VERSION

typedef struct
{
  char   *url;           /* after redirects */
  char   *content_type;  /* lower case, no parameters; NULL if the server sent none */
  char   *charset;       /* from Content-Type, or NULL */
  GBytes *body;          /* downloaded to a file: only its first 4 KiB, to sniff */
  guint64 size;          /* of the whole body */
} GlossResponse;

void gloss_response_free (GlossResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossResponse, gloss_response_free)

#define GLOSS_TYPE_FETCHER (gloss_fetcher_get_type ())
G_DECLARE_FINAL_TYPE (GlossFetcher, gloss_fetcher, GLOSS, FETCHER, GObject)

/* Called on the fetcher's main context as bytes arrive. */
typedef void (*GlossFetchProgress) (guint64  bytes_read,
                                    gpointer user_data);

GlossFetcher  *gloss_fetcher_new             (void);
void           gloss_fetcher_set_timeouts    (GlossFetcher *self,
                                              guint         connect_seconds,
                                              guint         total_seconds);
void           gloss_fetcher_set_max_bytes   (GlossFetcher *self,
                                              gsize         max_page_bytes,
                                              gsize         max_resource_bytes);
/* What one clip may take: @timeout_seconds for all its downloads (no single
 * request gets longer, the page's included), @max_archive_bytes for all it
 * embeds in the archive (what would pass it is left out). */
void           gloss_fetcher_set_clip_limits (GlossFetcher *self,
                                              guint         timeout_seconds,
                                              guint64       max_archive_bytes);
guint          gloss_fetcher_get_clip_timeout       (GlossFetcher *self);
guint64        gloss_fetcher_get_max_archive_bytes  (GlossFetcher *self);
/* A page: any status ≥ 400 fails, the size cap is the page cap. */
void           gloss_fetcher_fetch_page_async     (GlossFetcher        *self,
                                                   const char          *url,
                                                   GlossFetchProgress   progress,
                                                   gpointer             progress_data,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* @body is the resource at @url (http or https) as the caller already has
 * it, say a browser that fetched it with the reader's cookies: a request
 * for it is answered with it, never sent, and is bound by the same limits.
 * FALSE when @url is no web address. */
gboolean       gloss_fetcher_provide           (GlossFetcher *self,
                                                const char   *url,
                                                const char   *content_type,
                                                GBytes       *body);
/* A resource: at most the per-host limit run at once for one host. */
void           gloss_fetcher_fetch_resource_async (GlossFetcher        *self,
                                                   const char          *url,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* The same, written to the file @path as it arrives instead of kept in
 * memory. The file is left behind, whole or not, for the caller to remove. */
void           gloss_fetcher_download_resource_async (GlossFetcher        *self,
                                                      const char          *url,
                                                      const char          *path,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GlossResponse *gloss_fetcher_fetch_finish         (GlossFetcher        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
