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
#define GLOSS_FETCH_DEFAULT_TIMEOUT            30   /* seconds, whole request */
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
  GBytes *body;
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
/* A page: any status ≥ 400 fails, the size cap is the page cap. */
void           gloss_fetcher_fetch_page_async     (GlossFetcher        *self,
                                                   const char          *url,
                                                   GlossFetchProgress   progress,
                                                   gpointer             progress_data,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* A resource: at most the per-host limit run at once for one host. */
void           gloss_fetcher_fetch_resource_async (GlossFetcher        *self,
                                                   const char          *url,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GlossResponse *gloss_fetcher_fetch_finish         (GlossFetcher        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
