/* gloss-extract.h — reader-mode extraction: metadata and main content
 *
 * Both functions take a document parsed by gloss_html_parse() on which
 * _gloss_dom_prepare() already ran (lazy images resolved, every URL absolute).
 */
#pragma once

#include <glib.h>
#include <libxml/HTMLtree.h>

#include "gloss-types.h"

G_BEGIN_DECLS

struct _GlossMetadata
{
  char *title;          /* never NULL after gloss_metadata_extract() ("" at worst) */
  char *byline;         /* authors, "A, B and C"; NULL if unknown */
  char *site_name;
  char *published;      /* ISO 8601 as found (date or date-time); NULL if unknown */
  char *language;       /* BCP 47, e.g. "en", "zh-CN" */
  char *description;
  char *lead_image;     /* absolute URL */
  char *canonical_url;  /* absolute URL */
  char *article_body;   /* JSON-LD articleBody text, a signal for the extractor */
};

GlossMetadata *gloss_metadata_extract (xmlDoc     *doc,
                                       const char *base_url);
GlossMetadata *gloss_metadata_copy    (const GlossMetadata *meta);
void           gloss_metadata_free    (GlossMetadata *meta);

/* Finds the main content of @doc the way a reader view does and returns it as
 * a new <div> element owned by @doc (unlinked from its tree), or NULL when the
 * page holds no readable content. @doc is modified (boilerplate removed).
 * The title heading and the byline that repeat @meta are removed from the
 * content, since the archive prints them in its own header. */
xmlNode *gloss_extract_content (xmlDoc              *doc,
                                const GlossMetadata *meta);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossMetadata, gloss_metadata_free)

G_END_DECLS
