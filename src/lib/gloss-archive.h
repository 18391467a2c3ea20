/* gloss-archive.h — the self-contained archive file */
#pragma once

#include <glib.h>

#include "gloss-clip.h"

G_BEGIN_DECLS

#define GLOSS_ARCHIVE_CSP \
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; media-src data:"

/* <slug of title, ≤ 60 ASCII characters>-<first 8 hex of SHA-256 of @canonical_url> */
char *gloss_archive_make_id  (const char *title,
                              const char *canonical_url);
char *gloss_archive_slugify  (const char *title);

/* The archive's HTML: charset and CSP first, the metadata DESIGN.md lists,
 * and for reader mode an <article> with a header and a small stylesheet. */
char *gloss_archive_build    (GlossPage  *page,
                              const char *source,
                              GDateTime  *saved,
                              GPtrArray  *missing);

G_END_DECLS
