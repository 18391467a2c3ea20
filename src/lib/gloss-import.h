/* gloss-import.h — reading what other read-it-later services export
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

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

GlossImportFile *gloss_import_read      (const char       *path,
                                         GCancellable     *cancellable,
                                         GError          **error);
void             gloss_import_file_free (GlossImportFile  *file);

GlossImportEntry *gloss_import_entry_new   (void);
void              gloss_import_entry_free  (GlossImportEntry *entry);
void              gloss_import_entry_merge (GlossImportEntry *entry,
                                            GlossImportEntry *other);

GlossImportHighlight *gloss_import_highlight_new  (const char           *quote);
void                  gloss_import_highlight_free (GlossImportHighlight *highlight);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossImportFile, gloss_import_file_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossImportEntry, gloss_import_entry_free)

G_END_DECLS
