/* gloss-dom-private.h — preparing a parsed page: lazy images, absolute URLs */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* Makes the images of @doc what a reader would see once the page's scripts
 * ran: data-src / data-srcset / data-lazy-src and friends become src / srcset,
 * an <img> placeholder followed by a <noscript> with the real <img> takes that
 * image, <picture> keeps one <img> with the best candidate of its sources, and
 * every href, src, srcset, poster and cite becomes absolute against @base_url
 * (or the page's <base href>, which is then removed). */
void _gloss_dom_prepare (xmlDoc     *doc,
                         const char *base_url);

/* Picks one good candidate from a srcset value: the widest no larger than
 * about 1600 px, else the smallest above it; for x descriptors 2x at most.
 * Returns an absolute URL, or NULL if @srcset holds no candidate. */
char *_gloss_dom_pick_srcset (const char *srcset,
                              const char *base_url);

/* Resolves @href against @base_url (which may be NULL or "" for an absolute
 * @href) as a browser does: spaces, controls and non-ASCII percent-encoded,
 * escapes the page wrote kept as written, IDN hosts in xn-- form. NULL if
 * the result is not a valid URL. */
char *_gloss_dom_resolve_url (const char *base_url,
                              const char *href);

G_END_DECLS
