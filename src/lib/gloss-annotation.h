/* gloss-annotation.h — one highlight, with its note: a W3C Web Annotation */
#pragma once

#include <json-glib/json-glib.h>

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_ANNOTATION_CONTEXT_LENGTH 32  /* code points of prefix and suffix */

struct _GlossAnnotation
{
  char       *id;        /* "urn:uuid:…" */
  char       *created;   /* ISO 8601 UTC, "2026-11-26T10:00:00Z" */
  char       *modified;
  char       *color;     /* yellow, green, blue, pink, purple (target.styleClass) */
  char       *note;      /* Markdown; NULL when the highlight has no note */
  char       *exact;     /* TextQuoteSelector */
  char       *prefix;    /* up to 32 code points before exact; "" at the start */
  char       *suffix;
  gint64      start;     /* TextPositionSelector, code points; -1 when absent */
  gint64      end;
  gboolean    orphaned;  /* anchored nowhere in the current archive */
  /* target.state, a W3C TimeState: the gloss:saved of the archive it was
   * made on, or last anchored in; NULL when unknown. */
  char       *source_date;
  JsonObject *json;      /* as read: members Gloss does not know survive a rewrite */
};

extern const char * const gloss_annotation_colors[];  /* NULL-terminated */

GlossAnnotation *gloss_annotation_new       (void);   /* fresh id, created = modified = now */
GlossAnnotation *gloss_annotation_copy      (const GlossAnnotation *annotation);
void             gloss_annotation_free      (GlossAnnotation       *annotation);
gboolean         gloss_annotation_is_color  (const char            *color);
/* Records that it was made on (or anchors in) the archive saved at @saved. */
void             gloss_annotation_set_source_date (GlossAnnotation *annotation,
                                                   const char      *saved);
/* Sets modified to now. */
void             gloss_annotation_touch     (GlossAnnotation       *annotation);

/* To and from the sidecar's JSON (the W3C object), keeping unknown members.
 * @source is target.source, the article's URL. */
GlossAnnotation *gloss_annotation_from_json (JsonObject            *object,
                                             GError               **error);
JsonObject      *gloss_annotation_to_json   (const GlossAnnotation *annotation,
                                             const char            *source);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossAnnotation, gloss_annotation_free)

G_END_DECLS
