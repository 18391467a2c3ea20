/* gloss-test-server.h — a real HTTP server on 127.0.0.1 for the tests
 *
 * Serves tests/data/site/ and a few paths that misbehave on purpose:
 *   /redirect/N        N redirects, then /seed.html
 *   /status/CODE       that status, with an HTML body
 *   /document.pdf      a PDF
 *   /big               a page larger than any cap, without Content-Length
 *   /big-declared      a page whose Content-Length is over the cap
 *   /slow              a page that never answers
 *   /slow.png          an image that never arrives
 *   /stalled/ANY       anything else that never arrives
 *   /generated/SIZE/NAME.png  a PNG of SIZE bytes
 *   /gallery.html      a page of 12 images served /delayed/N.png, 50 ms each
 *   /charset-header.html sent as "text/html; charset=windows-1252"
 *   /beacon/ANY        what a hostile page's payload requests: a small .css,
 *                      .js, .html or .svg by its suffix, else a 1×1 GIF
 *
 * Test programs include gloss-test-utils.h, which includes this.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _GlossTestServer GlossTestServer;

GlossTestServer *gloss_test_server_new            (void);
void             gloss_test_server_free           (GlossTestServer *server);
char            *gloss_test_server_url            (GlossTestServer *server,
                                                   const char      *path);
/* Serves @html at @path from now on, in place of any file. */
void             gloss_test_server_set_page       (GlossTestServer *server,
                                                   const char      *path,
                                                   const char      *html);
/* Serves @body as @content_type at @path from now on. */
void             gloss_test_server_set_response   (GlossTestServer *server,
                                                   const char      *path,
                                                   const char      *content_type,
                                                   const char      *body,
                                                   gsize            length);
/* Requests seen for @path since the server started. */
guint            gloss_test_server_hits           (GlossTestServer *server,
                                                   const char      *path);
/* Requests seen for any path that starts with @prefix. */
guint            gloss_test_server_hits_under     (GlossTestServer *server,
                                                   const char      *prefix);
guint            gloss_test_server_total_hits     (GlossTestServer *server);
/* The most /delayed/ requests that were in flight at once (each is answered
 * 50 ms late: a picture, or the page gloss_test_server_set_page () set there). */
guint            gloss_test_server_max_concurrent (GlossTestServer *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossTestServer, gloss_test_server_free)

G_END_DECLS
