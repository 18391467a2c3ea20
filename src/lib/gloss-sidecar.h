/* gloss-sidecar.h — <id>.notes.json: highlights, notes, tags, progress
 *
 * The sidecar is the user's work. It is written atomically, keeps every
 * member it does not know, is never overwritten when it can not be read, and
 * merges with its sync-conflict copies without losing or resurrecting
 * anything.
 */
#pragma once

#include <gio/gio.h>

#include "gloss-annotation.h"
#include "gloss-types.h"
#include "gloss-versions.h"

G_BEGIN_DECLS

#define GLOSS_SIDECAR_ERROR (gloss_sidecar_error_quark ())

typedef enum
{
  GLOSS_SIDECAR_ERROR_CORRUPT,  /* could not be parsed; the file was moved aside */
  GLOSS_SIDECAR_ERROR_IO,
} GlossSidecarError;

GQuark gloss_sidecar_error_quark (void);

typedef struct
{
  char *id;
  char *at;
} GlossTombstone;

struct _GlossSidecar
{
  char       *path;
  /* article */
  char       *archive;      /* "<id>.html" */
  char       *source;
  char       *title;
  char       *saved;
  char       *sha256;
  GPtrArray  *versions;     /* GlossVersion*: earlier archives, oldest first */
  GPtrArray  *tags;         /* char*, NULL-terminated */
  char       *note;         /* page note, Markdown; NULL when none */
  double      progress;     /* 0–1; < 0 when none */
  GPtrArray  *annotations;  /* GlossAnnotation*, in the order stored */
  GPtrArray  *deleted;      /* GlossTombstone* */
  JsonObject *json;         /* as read, for the members Gloss does not know */
};


GlossSidecar *gloss_sidecar_new        (const char    *path);
/* A missing file gives an empty sidecar. A file that can not be parsed is
 * moved aside, byte for byte, to <id>.notes.corrupt-<time>.json and the error
 * (GLOSS_SIDECAR_ERROR_CORRUPT) says why and where it now is. */
GlossSidecar *gloss_sidecar_load       (const char    *path,
                                        GError       **error);
GlossSidecar *gloss_sidecar_parse      (const char    *path,
                                        const char    *data,
                                        gsize          length,
                                        GError       **error);
char         *gloss_sidecar_to_data    (GlossSidecar  *self);
/* Temporary file, fsync, rename (blocking). */
gboolean      gloss_sidecar_save       (GlossSidecar  *self,
                                        GError       **error);
/* The same off the calling thread, of the sidecar as it is now. Saves are
 * strictly ordered: a later one never lands before an earlier one. */
void          gloss_sidecar_save_async  (GlossSidecar        *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean      gloss_sidecar_save_finish (GAsyncResult        *result,
                                         GError             **error);
/* Blocks until every save asked for so far has landed: for quitting. */
void          gloss_sidecar_wait_for_saves (void);
void          gloss_sidecar_free       (GlossSidecar  *self);

GlossAnnotation *gloss_sidecar_find    (GlossSidecar    *self,
                                        const char      *id);
/* Takes @annotation. */
void          gloss_sidecar_add        (GlossSidecar    *self,
                                        GlossAnnotation *annotation);
/* Leaves a tombstone, so a synced copy can not bring it back. */
gboolean      gloss_sidecar_remove     (GlossSidecar    *self,
                                        const char      *id);
/* Everything of @other not in @self: annotations by id (the later modified
 * wins), tombstones (they always win), tags, the page note, and the
 * versions (a union by archive). */
void          gloss_sidecar_merge      (GlossSidecar    *self,
                                        GlossSidecar    *other);
/* Merges the sidecars at @copies (paths: a sync tool's conflict copies, see
 * gloss_library_merge_conflicts()), saves, and removes the copies it merged.
 * Returns how many. A copy that can not be parsed is left where it is. */
guint         gloss_sidecar_merge_copies (GlossSidecar  *self,
                                          GPtrArray     *copies,
                                          GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossSidecar, gloss_sidecar_free)

G_END_DECLS
