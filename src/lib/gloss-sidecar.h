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

typedef struct
{
  char       *path;
  /* article */
  char       *archive;      /* "<id>.html" */
  char       *source;
  char       *title;
  char       *saved;
  char       *sha256;
  GPtrArray  *tags;         /* char*, NULL-terminated */
  char       *note;         /* page note, Markdown; NULL when none */
  double      progress;     /* 0–1; < 0 when none */
  GPtrArray  *annotations;  /* GlossAnnotation*, in the order stored */
  GPtrArray  *deleted;      /* GlossTombstone* */
  JsonObject *json;         /* as read, for the members Gloss does not know */
} GlossSidecar;

/* x/abc.html → x/abc.notes.json */
char         *gloss_sidecar_path_for_archive (const char    *archive_path);

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
/* Temporary file, fsync, rename. */
gboolean      gloss_sidecar_save       (GlossSidecar  *self,
                                        GError       **error);
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
 * wins), tombstones (they always win), tags, and the page note. */
void          gloss_sidecar_merge      (GlossSidecar    *self,
                                        GlossSidecar    *other);
/* Finds the Syncthing (<id>.notes.sync-conflict-….json) and Nextcloud
 * (<id>.notes (conflicted copy …).json) copies beside the sidecar, merges
 * them, saves, and removes the copies it merged. Returns how many. A copy
 * that can not be parsed is left where it is. */
guint         gloss_sidecar_merge_conflicts (GlossSidecar  *self,
                                             GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossSidecar, gloss_sidecar_free)

G_END_DECLS
