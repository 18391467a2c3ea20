/* gloss-article-view.h — an archive shown in a locked-down WebKitWebView */
#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "gloss-library.h"

G_BEGIN_DECLS

/* What the view answers for gloss:// pages, on top of the CSP in the archive. */
#define GLOSS_ARTICLE_VIEW_CSP \
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; " \
  "media-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

#define GLOSS_TYPE_ARTICLE_VIEW (gloss_article_view_get_type ())
G_DECLARE_FINAL_TYPE (GlossArticleView, gloss_article_view, GLOSS, ARTICLE_VIEW, GtkWidget)

GtkWidget     *gloss_article_view_new              (void);
/* The library whose archives the view may show. */
void           gloss_article_view_set_library      (GlossArticleView *self,
                                                    GlossLibrary     *library);
/* Shows <library>/<id>.html; NULL shows nothing. */
void           gloss_article_view_load             (GlossArticleView *self,
                                                    const char       *id);
/* …and scrolls to @progress (0–1) once loaded; < 0 stays at the top. */
void           gloss_article_view_load_at          (GlossArticleView *self,
                                                    const char       *id,
                                                    double            progress);
const char    *gloss_article_view_get_article_id   (GlossArticleView *self);
/* Shows an earlier archive of the article shown, <id>.versions/@version.html
 * (@version: its file name without .html), read-only; NULL shows the
 * current one again. Loading another article returns to the current version. */
void           gloss_article_view_load_version     (GlossArticleView *self,
                                                    const char       *version);
const char    *gloss_article_view_get_version      (GlossArticleView *self);
/* How far the reader has scrolled through the article, 0–1. */
double         gloss_article_view_get_progress     (GlossArticleView *self);
char          *gloss_article_view_dup_uri_for_id   (const char       *id);
WebKitWebView *gloss_article_view_get_web_view     (GlossArticleView *self);

void           gloss_article_view_find             (GlossArticleView *self);
void           gloss_article_view_stop_find        (GlossArticleView *self);
void           gloss_article_view_find_next        (GlossArticleView *self);
void           gloss_article_view_find_previous    (GlossArticleView *self);
gboolean       gloss_article_view_get_find_visible (GlossArticleView *self);

/* The style sheet the view injects for the current settings (for tests). */
char          *gloss_article_view_build_style      (GlossArticleView *self);

G_END_DECLS
