/* gloss-archive.h — the self-contained archive file */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_ARCHIVE_ERROR (gloss_archive_error_quark ())

typedef enum
{
  GLOSS_ARCHIVE_ERROR_UNREADABLE,   /* the file could not be read */
  GLOSS_ARCHIVE_ERROR_NOT_ARCHIVE,  /* it is not an archive Gloss wrote */
  GLOSS_ARCHIVE_ERROR_UNSTABLE,     /* the page's markup does not parse the same twice */
} GlossArchiveError;

GQuark gloss_archive_error_quark (void);

#define GLOSS_ARCHIVE_CSP \
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; media-src data:"

/* <slug of title, ≤ 60 ASCII characters>-<first 8 hex of SHA-256 of @canonical_url> */
char *gloss_archive_make_id  (const char *title,
                              const char *canonical_url);
char *gloss_archive_slugify  (const char *title);

/* The archive's HTML: charset and CSP first, the metadata DESIGN.md lists,
 * and for reader mode an <article> with a header and a small stylesheet.
 * Written by gloss_html_serialize () and checked: parsed again as a browser
 * parses it and sanitized again, it must come out the same (after a few
 * rounds at most), else the clip fails with GLOSS_ARCHIVE_ERROR_UNSTABLE. */
char *gloss_archive_build    (GlossPage   *page,
                              const char  *source,
                              GDateTime   *saved,
                              GPtrArray   *missing,
                              GError     **error);

/* What a library needs to know of an archive, read back from its header. */
struct _GlossArchiveInfo
{
  char *path;
  char *id;           /* the file name without .html */
  char *title;
  char *author;
  char *site;
  char *published;
  char *description;
  char *language;
  char *source;       /* gloss:source */
  char *canonical;
  char *saved;        /* gloss:saved */
  char *mode;         /* gloss:mode */
  char *lead_image;   /* the first <img> src of the article (a data: URI), or NULL */
};

/* Reads only as far as it needs. Fails with a GLOSS_ARCHIVE_ERROR
 * naming @path when the file can not be read or is not a Gloss archive. */
GlossArchiveInfo *gloss_archive_read_info (const char        *path,
                                           GError           **error);
/* The same from an archive already parsed, so it is not read twice. */
GlossArchiveInfo *gloss_archive_info_from_doc (const char       *path,
                                               xmlDoc           *doc,
                                               GError          **error);
void              gloss_archive_info_free (GlossArchiveInfo  *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossArchiveInfo, gloss_archive_info_free)

G_END_DECLS
