/* gloss-versions.h — the earlier archives of an article, kept by a re-clip
 *
 * A re-clip never loses the archive it replaces: before <id>.html is
 * replaced, the old file is kept as <id>.versions/<saved>.html (<saved> is
 * its gloss:saved, as 20261126T100000Z) and listed in the sidecar:
 *
 *   "versions": [{ "archive": "<id>.versions/20261126T100000Z.html",
 *                  "saved": "2026-11-26T10:00:00Z", "sha256": "<of that file>" }]
 *
 * A re-clip that brings the same archive again (the same bytes apart from
 * gloss:saved) keeps nothing: the old file would be a duplicate. Each
 * highlight records the version it was made on (target.state, a W3C
 * TimeState whose sourceDate is that archive's gloss:saved), so one orphaned
 * by a re-clip still opens in the text it was made on.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  char       *archive;  /* relative to the library: "<id>.versions/<stamp>.html" */
  char       *saved;    /* the archive's gloss:saved */
  char       *sha256;   /* of the file */
  JsonObject *json;     /* as read: members Gloss does not know survive a rewrite */
} GlossVersion;

GlossVersion *gloss_version_new      (const char          *archive,
                                      const char          *saved,
                                      const char          *sha256);
GlossVersion *gloss_version_copy     (const GlossVersion  *version);
void          gloss_version_free     (GlossVersion        *version);

/* x/<id>.html → x/<id>.versions */
char         *gloss_versions_dir     (const char          *archive_path);
/* Before @archive_path is replaced: keeps it under <id>.versions/ (a hard
 * link, or a copy) and says what was kept. NULL without an error when there
 * is nothing to keep (no archive yet). Fails, naming the file, when it can
 * not be kept: the caller must then not replace it. Reads by chunks. */
GlossVersion *gloss_versions_keep    (const char          *archive_path,
                                      GError             **error);
/* Whether the archives at @path and @other_path are the same but for when
 * they were saved (then a kept version is not worth keeping). By chunks. */
gboolean      gloss_versions_same_archive (const char     *path,
                                           const char     *other_path);
/* Adds (a copy of) @version to @versions (GlossVersion*, oldest first) unless
 * one with its archive is there. */
void          gloss_versions_add     (GPtrArray           *versions,
                                      const GlossVersion  *version);
/* Both lists in @versions: a union by archive, oldest first. */
void          gloss_versions_merge   (GPtrArray           *versions,
                                      GPtrArray           *other);
/* The version whose gloss:saved is @saved, or NULL. */
GlossVersion *gloss_versions_find    (GPtrArray           *versions,
                                      const char          *saved);

/* The sidecar's "versions" member (gloss-sidecar.c). */
gboolean      _gloss_versions_read    (JsonObject         *root,
                                       GPtrArray          *versions,
                                       GError            **error);
JsonArray    *_gloss_versions_to_json (GPtrArray          *versions);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossVersion, gloss_version_free)

G_END_DECLS
