/* gloss-import.h — reading what other read-it-later services export
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_IMPORT_ERROR (gloss_import_error_quark ())

typedef enum
{
  GLOSS_IMPORT_ERROR_UNKNOWN_FORMAT,  /* none of the exports Gloss reads */
  GLOSS_IMPORT_ERROR_UNREADABLE,      /* the file, or a part of a zip, can not be read */
  GLOSS_IMPORT_ERROR_TOO_LARGE,       /* over what any export holds */
  GLOSS_IMPORT_ERROR_MALFORMED,       /* the format is known but the file is broken */
} GlossImportError;

GQuark gloss_import_error_quark (void);

typedef enum
{
  GLOSS_IMPORT_POCKET,          /* the 2024–2025 zip of CSV parts and annotations */
  GLOSS_IMPORT_POCKET_HTML,     /* ril_export.html, before 2024 */
  GLOSS_IMPORT_OMNIVORE,        /* the zip of metadata, content and highlights */
  GLOSS_IMPORT_WALLABAG,        /* JSON */
  GLOSS_IMPORT_INSTAPAPER,      /* CSV */
  GLOSS_IMPORT_READWISE,        /* the highlights CSV */
  GLOSS_IMPORT_READWISE_READER, /* Reader's library CSV */
  GLOSS_IMPORT_RAINDROP,        /* CSV */
  GLOSS_IMPORT_NETSCAPE,        /* a browser's bookmarks, Pinboard, Linkding, Shaarli */
} GlossImportFormat;

/* A stable, untranslated name ("pocket", "omnivore", …) and one to show. */
const char *gloss_import_format_to_string (GlossImportFormat format);
const char *gloss_import_format_get_name  (GlossImportFormat format);

typedef struct
{
  char      *quote;
  char      *note;      /* NULL when none */
  char      *color;     /* one of Gloss's five; NULL when the export has none */
  GDateTime *created;   /* NULL when unknown */
  GPtrArray *tags;      /* char*: the highlight's own labels */
  char      *xpath;     /* Wallabag: where the quote starts, a hint to verify */
  gint64     offset;    /* within the element xpath names */
  char      *prefix;    /* the context the hint gives, once verified; else NULL */
  char      *suffix;
} GlossImportHighlight;

typedef struct
{
  char      *url;
  char      *title;      /* NULL or empty when the export has none */
  char      *author;
  char      *content;    /* the article's HTML where the export carries it */
  char      *note;       /* a note on the whole article (a bookmark's description) */
  GPtrArray *tags;       /* char*, in the export's order, no duplicates */
  GDateTime *saved;      /* when it was saved there; NULL when unknown */
  GDateTime *published;
  gboolean   archived;
  gboolean   starred;
  double     progress;   /* 0–1; < 0 when unknown */
  GPtrArray *highlights; /* GlossImportHighlight* */
  char      *origin;     /* "<file>:<line>", where it was read */
  GlossImportFormat format;  /* of the file it was read from */
} GlossImportEntry;

/* Something of the file left out or doubtful, with where it is. */
typedef struct
{
  char     *origin;      /* "<file>:<line>", or "<file>" (a part of a zip: "<file>/<part>") */
  char     *reason;      /* a sentence */
  gboolean  skipped;     /* the row was left out; else it was read with less */
} GlossImportProblem;

typedef struct
{
  char              *path;
  GlossImportFormat  format;
  GPtrArray         *entries;   /* GlossImportEntry*, one per article (the same URL merged) */
  GPtrArray         *problems;  /* GlossImportProblem* */
} GlossImportFile;

/* What an import did, or (a dry run) would do. */
typedef struct
{
  guint      added;       /* archives made from the text an export carried */
  guint      queued;      /* web addresses left to clip, in the library's queue */
  guint      merged;      /* articles already in the library, with something added */
  guint      unchanged;   /* articles already in the library with all of it */
  guint      highlights;  /* highlights added */
  guint      anchored;    /* of those, found in the text */
  guint      orphaned;    /* of those, found nowhere (kept, with their quote) */
  guint      failed;      /* entries that could not be imported (in problems) */
  GPtrArray *orphans;     /* char*: "<id>: <quote>" */
  GPtrArray *problems;    /* GlossImportProblem* */
} GlossImportTally;

GlossImportTally *gloss_import_tally_new  (void);
void              gloss_import_tally_free (GlossImportTally *tally);
/* @from's counts and lists, moved into @into. */
void              gloss_import_tally_add  (GlossImportTally *into,
                                           GlossImportTally *from);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossImportTally, gloss_import_tally_free)

/* An article in the library's queue, waiting to be clipped. */
typedef struct
{
  char             *path;
  GlossImportEntry *entry;
  char             *failed;    /* why the last try failed; NULL when untried */
  guint             attempts;
  int               lock;      /* held while this program clips it; -1 */
} GlossImportQueueItem;

GPtrArray *gloss_import_queue_list      (const char           *library_dir,
                                         gboolean              failed);
gboolean   gloss_import_queue_take      (GlossImportQueueItem *item);
void       gloss_import_queue_done      (GlossImportQueueItem *item);
void       gloss_import_queue_fail      (GlossImportQueueItem *item,
                                         const char           *reason);
void       gloss_import_queue_item_free (GlossImportQueueItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossImportQueueItem, gloss_import_queue_item_free)

typedef void (*GlossImportProgress) (guint    done,
                                     guint    total,
                                     gpointer user_data);

/* gloss-importer.c */
void              gloss_import_async  (GlossLibrary        *library,
                                       GlossFetcher        *fetcher,
                                       GPtrArray           *files,
                                       gboolean             dry_run,
                                       GlossImportProgress  progress,
                                       gpointer             progress_data,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GlossImportTally *gloss_import_finish (GAsyncResult        *result,
                                       GError             **error);

/* gloss-import-run.c */
void              gloss_import_run_queue_async  (GlossLibrary        *library,
                                                 GlossFetcher        *fetcher,
                                                 gboolean             retry_failed,
                                                 GlossImportProgress  progress,
                                                 gpointer             progress_data,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GlossImportTally *gloss_import_run_queue_finish (GAsyncResult        *result,
                                                 GError             **error);

/* gloss-import-export.c: the other way */
gboolean gloss_import_export_library (GlossLibrary       *library,
                                      GlossImportFormat   format,
                                      GOutputStream      *out,
                                      guint              *written,
                                      guint              *skipped,
                                      GCancellable       *cancellable,
                                      GError            **error);

GlossImportFile *gloss_import_read      (const char       *path,
                                         GCancellable     *cancellable,
                                         GError          **error);
void             gloss_import_file_free (GlossImportFile  *file);

GlossImportEntry *gloss_import_entry_new   (void);
void              gloss_import_entry_free  (GlossImportEntry *entry);
void              gloss_import_entry_merge (GlossImportEntry *entry,
                                            GlossImportEntry *other);

JsonObject       *gloss_import_entry_to_json   (GlossImportEntry *entry);
GlossImportEntry *gloss_import_entry_from_json (JsonObject       *object);

GlossImportHighlight *gloss_import_highlight_new  (const char           *quote);
void                  gloss_import_highlight_free (GlossImportHighlight *highlight);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossImportFile, gloss_import_file_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossImportEntry, gloss_import_entry_free)

G_END_DECLS
