/* gloss-export.h — notes out of Gloss: Markdown (CommonMark) and JSON */
#pragma once

#include <gio/gio.h>

#include "gloss-annotation.h"

G_BEGIN_DECLS

#define GLOSS_EXPORT_ERROR (gloss_export_error_quark ())

typedef enum
{
  GLOSS_EXPORT_ERROR_TEMPLATE,   /* a template that does not parse */
} GlossExportError;

GQuark gloss_export_error_quark (void);

/* What the front matter and the template know of the article. */
typedef struct
{
  const char         *id;         /* the archive id, for gloss://open/<id>#<annotation> links */
  const char         *title;
  const char         *author;     /* may be NULL, as may every field below */
  const char         *site;
  const char         *source;
  const char         *published;
  const char         *saved;
  const char * const *tags;       /* NULL-terminated, or NULL */
  const char         *note;       /* the page note, Markdown */
} GlossExportArticle;

/* @annotations: GlossAnnotation*, in document order, orphaned ones last.
 * With @template_text NULL the default layout is used: YAML front matter
 * (title, author, site, source, published, saved, tags), the page note, then
 * each highlight as a blockquote with "> " on every line, its text escaped so
 * that it renders literally, followed by its note, colour and link back.
 * A template uses {{title}}, {{author}}, {{site}}, {{source}}, {{published}},
 * {{saved}}, {{tags}}, {{note}}, {{id}} and a {{#highlights}}…{{/highlights}}
 * loop with {{quote}} (escaped, as blockquote lines), {{text}} (raw),
 * {{note}}, {{color}}, {{link}}, {{created}}, {{modified}}, {{orphaned}}. */
char *gloss_export_markdown (const GlossExportArticle *article,
                             GPtrArray                *annotations,
                             const char               *template_text,
                             GError                  **error);

/* A highlight of the notebook, which holds every highlight of the library
 * (gloss_index_highlights () lists them). */
typedef struct
{
  char *article;        /* the article's id */
  char *title;          /* the article's title */
  char *id;             /* the annotation's ("urn:uuid:…") */
  char *color;
  char *quote;
  char *note;           /* or NULL */
  char *created;        /* ISO 8601 */
} GlossExportHighlight;

/* @highlights (GlossExportHighlight*, the notebook's, in the order shown)
 * as Markdown, grouped by article: a "## " heading per article, its title
 * linked to gloss://open/<id>, articles in the order they first come in
 * @highlights; under it each of the article's highlights as in
 * gloss_export_markdown() (a blockquote with "> " on every line, escaped,
 * its note, its colour), with the day it was made and a link back. */
char *gloss_export_highlights_markdown (GPtrArray                *highlights);

/* The annotations as a JSON array of W3C Web Annotation objects. */
char *gloss_export_json     (const GlossExportArticle *article,
                             GPtrArray                *annotations);

/* @text with every character that could start Markdown or HTML escaped, so
 * that CommonMark renders it literally (one line; no newlines in @text). */
char *gloss_markdown_escape (const char *text);

/* Whether the file at @path is one Gloss exported (Markdown with its links
 * or front matter, JSON annotations) or empty: what an export may replace. */
gboolean gloss_export_is_previous (const char          *path);

/* Writes an export to @path atomically (temporary file, fsync, rename). An
 * existing file that is not a previous export is left as it is
 * (G_IO_ERROR_EXISTS) unless @overwrite: the user said so. */
gboolean gloss_export_save        (const char          *path,
                                   const char          *text,
                                   gboolean             overwrite,
                                   GError             **error);
void     gloss_export_save_async  (const char          *path,
                                   const char          *text,
                                   gboolean             overwrite,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean gloss_export_save_finish (GAsyncResult        *result,
                                   GError             **error);

G_END_DECLS
