/* gloss-identity.h — which article a clip is: the URL hashed into its id
 *
 * DESIGN.md: <id> = slug of the title + "-" + 8 hex of SHA-256 of the
 * article's URL, and two different articles never share an id. Sites often
 * point <link rel=canonical> (or og:url) of every page at the home page, or
 * page 2 at page 1; trusting that link blindly made a second article replace
 * the first one. The rule, in one place:
 *
 *   - the address clipped (after redirects) is cleaned: no fragment, no
 *     tracking parameters (utm_*, fbclid, gclid, …);
 *   - the canonical link is used instead only when it is plausible for that
 *     address: an http(s) URL on the same host (www., m., mobile. and amp.
 *     prefixes aside), not the site's home page for an address with a path,
 *     and not dropping the address's paging (page=N, /page/N, N ≥ 2);
 *   - an archive already in the library under the same hash is the same
 *     article only if what it recorded (gloss:source, its canonical link)
 *     leads to the same identity, or it was clipped from the same address.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @url without its fragment and tracking parameters; unchanged (byte for
 * byte) when it has neither, so ids made before this rule still match. */
char     *gloss_identity_clean_url               (const char *url);
/* Whether @canonical can name the page at @address (see above). */
gboolean  gloss_identity_canonical_is_plausible  (const char *address,
                                                  const char *canonical);
/* The URL the article at @address is known by: the cleaned @canonical when
 * plausible, else the cleaned @address. @canonical may be NULL. */
char     *gloss_identity_url                     (const char *address,
                                                  const char *canonical);
/* Whether an archive that recorded @recorded_source (gloss:source) and
 * @recorded_canonical is the article known by @identity, clipped now from
 * @source. */
gboolean  gloss_identity_is_same_article         (const char *identity,
                                                  const char *source,
                                                  const char *recorded_source,
                                                  const char *recorded_canonical);

G_END_DECLS
