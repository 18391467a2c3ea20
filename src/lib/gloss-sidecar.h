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
  GLOSS_SIDECAR_ERROR_BUSY,     /* another writer held the article's lock too long */
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
  char       *base;         /* the file as last read or written, which a save
                             * merges against; NULL when there was none */
};


GlossSidecar *gloss_sidecar_new        (const char    *path);
/* A missing file gives an empty sidecar. A file that can not be parsed is
 * moved aside, byte for byte, to <id>.notes.corrupt-<time>.json and the error
 * (GLOSS_SIDECAR_ERROR_CORRUPT) says why and where it now is. */
GlossSidecar *gloss_sidecar_load       (const char    *path,
                                        GError       **error);
/* The same, but only reading: nothing is moved; NULL and the reason when the
 * file is missing (G_FILE_ERROR_NOENT), too large, or can not be parsed. */
GlossSidecar *gloss_sidecar_read       (const char    *path,
                                        GError       **error);
GlossSidecar *gloss_sidecar_parse      (const char    *path,
                                        const char    *data,
                                        gsize          length,
                                        GError       **error);
char         *gloss_sidecar_to_data    (GlossSidecar  *self);
/* Saving is safe against other writers of the same file (a second window,
 * the command line, a clip, a sync tool): under the article's lock
 * (<folder>/.gloss/locks/<name>.lock), what is on disk now is read, what
 * changed there since @self was read is merged in (gloss_sidecar_rebase()),
 * and the result is written (temporary file, fsync, rename; blocking). A
 * writer that can not get the lock within 10 s (GLOSS_LOCK_TIMEOUT_MS) fails
 * with GLOSS_SIDECAR_ERROR_BUSY and @self keeps its changes. */
gboolean      gloss_sidecar_save       (GlossSidecar  *self,
                                        GError       **error);
/* The same off the calling thread, of the sidecar as it is now. Saves are
 * strictly ordered: a later one never lands before an earlier one. Finishing
 * with @self (NULL once it is gone) brings into it what the save merged;
 * *@merged says whether other writers had changed the file meanwhile. */
void          gloss_sidecar_save_async  (GlossSidecar        *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean      gloss_sidecar_save_finish (GlossSidecar        *self,
                                         GAsyncResult        *result,
                                         gboolean            *merged,
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
/* Brings into @self what changed in @theirs (the file as it is on disk now)
 * since @self was read or last saved, keeping what changed in @self
 * meanwhile: a three-way merge against @self->base. Annotations merge by id,
 * the later modified winning, and tombstones win; a tag removed or added on
 * one side is removed or added; a page note changed on both sides keeps both. */
void          gloss_sidecar_rebase     (GlossSidecar    *self,
                                        GlossSidecar    *theirs);
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
