/* gloss-page.h — a web page fetched (or read from a file), decoded, parsed
 * and extracted: what the clip pipeline turns into an archive
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libxml/tree.h>

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_PAGE_ERROR (gloss_page_error_quark ())

typedef enum
{
  GLOSS_PAGE_ERROR_UNSUPPORTED,  /* neither a web address nor a file */
  GLOSS_PAGE_ERROR_NOT_HTML,     /* served as text, and does not look like HTML */
  GLOSS_PAGE_ERROR_UNREADABLE,   /* a local file that can not be read */
  GLOSS_PAGE_ERROR_NO_CONTENT,   /* a page with nothing readable on it */
  GLOSS_PAGE_ERROR_ENCODING,     /* in an encoding that can not be read */
  GLOSS_PAGE_ERROR_NEEDS_SCRIPT, /* its text comes from scripts: render it (gloss-render) */
} GlossPageError;

GQuark gloss_page_error_quark (void);

struct _GlossPage
{
  char          *url;      /* the page's address after redirects (file:// for files) */
  GlossMetadata *meta;
  xmlDoc        *doc;
  xmlNode       *content;  /* reader mode: the article, unlinked from doc; full: NULL */
  GlossClipMode  mode;
  char          *imported;  /* the service whose export it came from; NULL when clipped */
  gboolean       scripted;  /* it had scripts, or a <noscript> asking for JavaScript */
};

void       gloss_page_free          (GlossPage      *page);

/* Parses and extracts @utf8 (blocking: call it from a worker thread). */
GlossPage *gloss_page_new_from_html (const char     *utf8,
                                     gsize           length,
                                     const char     *url,
                                     GlossClipMode   mode,
                                     GError        **error);

/* Sanitizes the page for an archive (reader: the article; full: the whole
 * document) and, in reader mode, heads an article without a picture with
 * the page's lead image. */
GlossPage *gloss_page_new_from_article (const char          *utf8,
                                        gsize                length,
                                        const char          *url,
                                        const GlossMetadata *meta,
                                        GError             **error);

void       gloss_page_sanitize      (GlossPage      *page);

/* An archive with no text would be an empty page in the library: FALSE,
 * saying so, instead (GLOSS_PAGE_ERROR_NEEDS_SCRIPT when the page had
 * scripts). Pictures alone are no article. */
gboolean   gloss_page_check_has_text (GlossPage     *page,
                                      GError       **error);

/* Bytes of the page downloaded so far, on the caller's main context. */
typedef void (*GlossPageProgress) (guint64  bytes,
                                   gpointer user_data);

/* Fetches @location (an http(s) URL, a file:// URI or a local path) and makes
 * a GlossPage of it. Decoding, parsing, extraction (and, with
 * GLOSS_PAGE_LOAD_SANITIZE, sanitizing) run in a worker thread; cancelling
 * stops it between stages. @base_url, when set, replaces the page's own
 * address for resolving links (useful for saved files). */
void       gloss_page_load_async    (GlossFetcher         *fetcher,
                                     const char           *location,
                                     const char           *base_url,
                                     GlossClipMode         mode,
                                     GlossPageLoadFlags    flags,
                                     GlossPageProgress     progress,
                                     gpointer              progress_data,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
GlossPage *gloss_page_load_finish   (GAsyncResult         *result,
                                     GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossPage, gloss_page_free)

G_END_DECLS
