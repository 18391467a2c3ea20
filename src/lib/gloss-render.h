/* gloss-render.h — a page as a browser shows it, after its scripts: through
 * the gloss-render program (src/render-main.c), then the clip pipeline
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-clip.h"

G_BEGIN_DECLS

#define GLOSS_RENDER_DEFAULT_TIMEOUT 30  /* seconds, the page's scripts included */

#define GLOSS_RENDER_ERROR (gloss_render_error_quark ())

typedef enum
{
  GLOSS_RENDER_ERROR_NO_DISPLAY,  /* no display for the page to run on */
  GLOSS_RENDER_ERROR_FAILED,      /* gloss-render said why */
} GlossRenderError;

GQuark gloss_render_error_quark (void);

typedef enum
{
  GLOSS_RENDER_IF_NEEDED,  /* the static page first; its scripts only when its text needs them */
  GLOSS_RENDER_ALWAYS,
} GlossRenderPolicy;

typedef struct
{
  char *url;    /* where the page ended up, after redirects */
  char *title;
  char *html;   /* the DOM once the page settled */
} GlossRenderedPage;

void gloss_rendered_page_free (GlossRenderedPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossRenderedPage, gloss_rendered_page_free)

/* gloss-render can run: xvfb-run is there to make it a display of its own
 * (offscreen), or there is the reader's. */
gboolean           gloss_render_can_run (void);

/* Runs gloss-render on @url, at most @timeout seconds (and a few more for
 * a page whose scripts never yield); cancelling stops it. */
void               gloss_render_async   (const char          *url,
                                         guint                timeout,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GlossRenderedPage *gloss_render_finish  (GAsyncResult        *result,
                                         GError             **error);

/* gloss_clip_async (), with the page's scripts run first (ALWAYS), or when
 * the static page turns out to need them (IF_NEEDED: its text comes from
 * scripts, and there is a display to run them on). Finish with
 * gloss_clip_finish (). */
void gloss_clip_rendered_async (GlossFetcher          *fetcher,
                                GlossLibrary          *library,
                                const char            *url,
                                GlossClipMode          mode,
                                GlossRenderPolicy      policy,
                                guint                  timeout,
                                GlossClipProgressFunc  progress,
                                gpointer               progress_data,
                                GCancellable          *cancellable,
                                GAsyncReadyCallback    callback,
                                gpointer               user_data);

/* The helper program @name: $@override when set, else beside the running
 * program (a build tree), else in LIBEXECDIR. */
char *gloss_helper_program (const char *name,
                            const char *override);

G_END_DECLS
