/* gloss-import-private.h — the pieces gloss_import_read () is made of
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "gloss-import.h"

G_BEGIN_DECLS

/* No export Gloss reads comes near these; a file over them is refused
 * before it is read, a part of a zip before it is unpacked. */
#define GLOSS_IMPORT_MAX_FILE   (2 * 1024 * 1024 * 1024ULL)
#define GLOSS_IMPORT_MAX_PART   (64 * 1024 * 1024)
#define GLOSS_IMPORT_MAX_ZIP    (1024 * 1024 * 1024ULL)  /* all its parts, unpacked, in memory */

/* CSV (RFC 4180, as spreadsheets write it): "…" fields with "" inside,
 * newlines in them, CRLF or LF, a UTF-8 byte-order mark skipped. */
typedef struct _GlossCsv GlossCsv;

GlossCsv  *_gloss_csv_new        (const char  *data,
                                  gsize        length);
void       _gloss_csv_free       (GlossCsv    *csv);
/* The next record's fields (char*), with the line it starts on; NULL at the
 * end, or with @error set (a quote never closed). */
GPtrArray *_gloss_csv_next       (GlossCsv    *csv,
                                  guint       *line,
                                  GError     **error);

/* A header row: its names, trimmed and in lower case, to their columns. */
GHashTable *_gloss_csv_header_new (GPtrArray  *names);
/* The field named @name of @record, NULL when the file has no such column
 * or the record is too short; an empty field is "". */
const char *_gloss_csv_field      (GHashTable *header,
                                   GPtrArray  *record,
                                   const char *name);
gboolean    _gloss_csv_has        (GHashTable *header,
                                   const char * const *names);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossCsv, _gloss_csv_free)

/* What a reader fills in as it goes. Entries with a URL already read are
 * merged into the first. */
typedef struct
{
  GlossImportFile *file;
  char            *name;      /* the file's base name, for origins */
  GHashTable      *by_url;    /* url → GlossImportEntry*, owned by file->entries */
  gboolean         by_entry;  /* lines are entries of a JSON list */
} GlossImportReader;

void              _gloss_import_problem   (GlossImportReader *reader,
                                           guint              line,
                                           gboolean           skipped,
                                           const char        *format,
                                           ...) G_GNUC_PRINTF (4, 5);
void              _gloss_import_problem_free (GlossImportProblem *problem);
char             *_gloss_import_origin    (GlossImportReader *reader,
                                           guint              line);
/* Takes @entry; a URL that is not a web address is a skipped row. */
void              _gloss_import_add       (GlossImportReader *reader,
                                           GlossImportEntry  *entry,
                                           guint              line);
GlossImportEntry *_gloss_import_find      (GlossImportReader *reader,
                                           const char        *url);

/* Values as exports write them. */
GDateTime  *_gloss_import_parse_date   (const char  *text);
GDateTime  *_gloss_import_json_date    (JsonObject  *object,
                                        const char  *member);
char       *_gloss_import_map_color    (const char  *color);
void        _gloss_import_add_tag      (GlossImportEntry *entry,
                                        const char  *tag);
void        _gloss_import_add_label    (GPtrArray   *tags,
                                        const char  *tag);
void        _gloss_import_add_tags     (GlossImportEntry *entry,
                                        const char  *tags,
                                        const char  *separators);

/* Each format's reader: TRUE when @data is that format (and it was read
 * into @reader); FALSE with no @error when it is not. */
typedef gboolean (*GlossImportSniff) (GlossImportReader *reader,
                                      const char        *data,
                                      gsize              length,
                                      GError           **error);

gboolean _gloss_import_read_csv      (GlossImportReader *reader,
                                      const char        *data,
                                      gsize              length,
                                      GError           **error);
gboolean _gloss_import_read_wallabag (GlossImportReader *reader,
                                      const char        *data,
                                      gsize              length,
                                      GError           **error);
gboolean _gloss_import_read_html     (GlossImportReader *reader,
                                      const char        *data,
                                      gsize              length,
                                      GError           **error);

/* A zip's parts, name → GBytes; a part over GLOSS_IMPORT_MAX_PART or all
 * of them over GLOSS_IMPORT_MAX_ZIP is an error, as is a name that climbs
 * out ("../") — nothing is written to disk anyway. */
gboolean    _gloss_import_is_zip     (const char  *data,
                                      gsize        length);
GHashTable *_gloss_import_unzip      (const char  *data,
                                      gsize        length,
                                      GError     **error);

/* gloss_import_read () of what a file named @path holds. */
GlossImportFile *_gloss_import_read_data (const char  *path,
                                          const char  *data,
                                          gsize        length,
                                          GError     **error);

gboolean _gloss_import_read_pocket_part   (GlossImportReader *reader,
                                          GBytes            *bytes,
                                          GError           **error);
gboolean _gloss_import_read_pocket_zip   (GlossImportReader *reader,
                                          GHashTable        *parts,
                                          GError           **error);
gboolean _gloss_import_read_omnivore_zip (GlossImportReader *reader,
                                          GHashTable        *parts,
                                          GError           **error);

/* One run of white space as one space, none at the ends. */
char    *_gloss_import_collapse_spaces (const char *text);

/* gloss-import-queue.c */
gboolean _gloss_import_queue_add    (const char        *library_dir,
                                     GlossImportEntry  *entry,
                                     GError           **error);

void     _gloss_import_queue_sync   (const char        *library_dir);

/* gloss-import-merge.c */
void     _gloss_import_hint_context (GlossImportEntry  *entry);
gboolean _gloss_import_merge_into   (const char        *archive_path,
                                     GlossImportEntry  *entry,
                                     gboolean           dry_run,
                                     GlossImportTally  *tally,
                                     gboolean          *changed,
                                     GError           **error);

G_END_DECLS
