/* gloss-article.c — an article of the library: its archive and its notes
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gloss-anchor.h"
#include "gloss-archive.h"
#include "gloss-article.h"
#include "gloss-html.h"
#include "gloss-sidecar.h"

void
gloss_article_free (GlossArticle *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->info, gloss_archive_info_free);
  g_free (self->text);
  g_free (self->sha256);
  g_clear_pointer (&self->sidecar, gloss_sidecar_free);
  g_free (self);
}

#define READ_CHUNK (64 * 1024)
#define BASE64_MARK ";base64,"
#define ELIDED_RUN 1024  /* base64 this long is a picture, never prose */

typedef struct
{
  GString   *light;    /* the archive without its pictures' bytes */
  GChecksum *sha256;   /* of the archive as it is */
  guint      matched;  /* of BASE64_MARK */
  gsize      run;      /* base64 characters since the mark, when skipping */
  gsize      run_start;
} ArchiveReader;

static gboolean
is_base64_char (char c)
{
  return g_ascii_isalnum (c) || c == '+' || c == '/' || c == '=';
}

/* Copies @chunk into the light copy, leaving out each data: URI's payload
 * past ELIDED_RUN characters: the text, the header and the checksum are the
 * same, and a 100 MB archive no longer takes four times that to read. */
static void
reader_add (ArchiveReader *reader,
            const char    *chunk,
            gsize          length)
{
  g_checksum_update (reader->sha256, (const guchar *) chunk, length);
  for (gsize i = 0; i < length; i++)
    {
      char c = chunk[i];

      if (reader->matched == strlen (BASE64_MARK) && is_base64_char (c))
        {
          if (reader->run++ < ELIDED_RUN)
            g_string_append_c (reader->light, c);
          continue;
        }
      reader->matched = c == BASE64_MARK[reader->matched] ? reader->matched + 1
                                                          : (c == BASE64_MARK[0] ? 1 : 0);
      reader->run = 0;
      g_string_append_c (reader->light, c);
    }
}

static gboolean
read_light (const char  *path,
            GString    **light,
            char       **sha256,
            GError     **error)
{
  ArchiveReader reader = { g_string_new (NULL), g_checksum_new (G_CHECKSUM_SHA256), 0, 0, 0 };
  g_autofree char *chunk = g_malloc (READ_CHUNK);
  FILE *file = g_fopen (path, "rb");
  gsize n;
  int saved_errno;

  if (file != NULL)
    {
      while ((n = fread (chunk, 1, READ_CHUNK, file)) > 0)
        reader_add (&reader, chunk, n);
      saved_errno = ferror (file) ? EIO : 0;
      fclose (file);
    }
  else
    saved_errno = errno;
  if (saved_errno != 0)
    {
      g_set_error (error, GLOSS_ARCHIVE_ERROR, GLOSS_ARCHIVE_ERROR_UNREADABLE,
                   _("Could not read %s: %s"), path, g_strerror (saved_errno));
      g_string_free (reader.light, TRUE);
      g_checksum_free (reader.sha256);
      return FALSE;
    }
  *light = reader.light;
  *sha256 = g_strdup (g_checksum_get_string (reader.sha256));
  g_checksum_free (reader.sha256);
  return TRUE;
}

/* One read and one parse give the header, the text model and the checksum. */
static gboolean
read_archive (GlossArticle  *self,
              const char    *path,
              GError       **error)
{
  g_autoptr(GString) light = NULL;
  g_autoptr(xmlDoc) doc = NULL;

  if (!read_light (path, &light, &self->sha256, error))
    return FALSE;
  doc = gloss_html_parse (light->str, light->len);
  if ((self->info = gloss_archive_info_from_doc (path, doc, error)) == NULL)
    return FALSE;
  self->text = doc ? gloss_anchor_document_text (doc) : g_strdup ("");
  return TRUE;
}

GlossArticle *
gloss_article_open (const char  *archive_path,
                    const char  *sidecar_path,
                    GError     **error)
{
  g_autoptr(GlossArticle) self = g_new0 (GlossArticle, 1);

  g_return_val_if_fail (archive_path != NULL, NULL);
  g_return_val_if_fail (sidecar_path != NULL, NULL);

  if (!read_archive (self, archive_path, error))
    return NULL;
  if ((self->sidecar = gloss_sidecar_load (sidecar_path, error)) == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

GlossArticle *
gloss_article_read (const char  *archive_path,
                    const char  *sidecar_path,
                    GError     **error)
{
  g_autoptr(GlossArticle) self = g_new0 (GlossArticle, 1);
  g_autoptr(GError) sidecar_error = NULL;

  g_return_val_if_fail (archive_path != NULL, NULL);
  g_return_val_if_fail (sidecar_path != NULL, NULL);

  if (!read_archive (self, archive_path, error))
    return NULL;
  self->sidecar = gloss_sidecar_read (sidecar_path, &sidecar_error);
  if (self->sidecar == NULL)
    {
      if (!g_error_matches (sidecar_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("Reading %s without its notes: %s", archive_path, sidecar_error->message);
      self->sidecar = gloss_sidecar_new (sidecar_path);
    }
  return g_steal_pointer (&self);
}

void
gloss_article_describe_archive (GlossArticle *self)
{
  GlossSidecar *sidecar = self->sidecar;

  g_free (sidecar->archive);
  sidecar->archive = g_path_get_basename (self->info->path);
  g_free (sidecar->source);
  sidecar->source = g_strdup (self->info->source);
  g_free (sidecar->title);
  sidecar->title = g_strdup (self->info->title);
  g_free (sidecar->saved);
  sidecar->saved = g_strdup (self->info->saved);
  g_free (sidecar->sha256);
  sidecar->sha256 = g_strdup (self->sha256);
}

static void
reanchor_one (GlossArticle    *self,
              GlossAnnotation *annotation,
              guint           *moved,
              guint           *orphaned)
{
  gint64 start, end;
  GlossAnchorMethod method = gloss_anchor_find (self->text, annotation->exact, annotation->prefix,
                                                annotation->suffix, annotation->start,
                                                annotation->end, &start, &end);

  if (method == GLOSS_ANCHOR_ORPHAN)
    {
      /* Kept with its old selectors and its old state: it still opens in
       * the version it was made on, and a later one may hold it again. */
      annotation->orphaned = TRUE;
      (*orphaned)++;
      return;
    }
  annotation->orphaned = FALSE;
  gloss_annotation_set_source_date (annotation, self->info->saved);
  if (method == GLOSS_ANCHOR_POSITION)
    return;
  (*moved)++;
  annotation->start = start;
  annotation->end = end;
  g_clear_pointer (&annotation->exact, g_free);
  g_clear_pointer (&annotation->prefix, g_free);
  g_clear_pointer (&annotation->suffix, g_free);
  gloss_anchor_describe (self->text, start, end, &annotation->exact, &annotation->prefix,
                         &annotation->suffix);
}

void
gloss_article_reanchor (GlossArticle *self,
                        guint        *moved,
                        guint        *orphaned)
{
  guint moved_count = 0, orphaned_count = 0;

  for (guint i = 0; i < self->sidecar->annotations->len; i++)
    reanchor_one (self, self->sidecar->annotations->pdata[i], &moved_count, &orphaned_count);
  if (moved != NULL)
    *moved = moved_count;
  if (orphaned != NULL)
    *orphaned = orphaned_count;
}

char *
gloss_article_version_path (GlossArticle          *self,
                            const GlossAnnotation *annotation)
{
  GlossVersion *version;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (self != NULL && annotation != NULL, NULL);

  if (!annotation->orphaned || g_strcmp0 (annotation->source_date, self->info->saved) == 0 ||
      (version = gloss_versions_find (self->sidecar->versions, annotation->source_date)) == NULL)
    return NULL;
  dir = g_path_get_dirname (self->info->path);
  return g_build_filename (dir, version->archive, NULL);
}

static gint
compare_document_order (gconstpointer a,
                        gconstpointer b)
{
  const GlossAnnotation *x = *(GlossAnnotation **) a;
  const GlossAnnotation *y = *(GlossAnnotation **) b;

  if (x->orphaned != y->orphaned)
    return x->orphaned ? 1 : -1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return g_strcmp0 (x->created, y->created);
}

GPtrArray *
gloss_article_annotations_in_order (GlossArticle *self)
{
  /* Not g_ptr_array_copy(): that would take the sidecar's free function. */
  GPtrArray *ordered = g_ptr_array_sized_new (self->sidecar->annotations->len);

  g_ptr_array_extend (ordered, self->sidecar->annotations, NULL, NULL);

  g_ptr_array_sort (ordered, compare_document_order);
  return ordered;
}

void
gloss_article_export_info (GlossArticle       *self,
                           GlossExportArticle *out)
{
  GlossArchiveInfo *info = self->info;

  *out = (GlossExportArticle) {
    .id = info->id,
    .title = info->title,
    .author = info->author,
    .site = info->site,
    .source = info->source,
    .published = info->published,
    .saved = info->saved,
    .tags = (const char * const *) self->sidecar->tags->pdata,
    .note = self->sidecar->note,
  };
}

gboolean
gloss_article_has_notes (GlossArticle *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->sidecar->annotations->len > 0 || self->sidecar->note != NULL;
}

char *
gloss_article_export (GlossArticle       *self,
                      GlossExportFormat   format,
                      const char         *template_text,
                      GError            **error)
{
  g_autoptr(GPtrArray) ordered = NULL;
  GlossExportArticle info;

  g_return_val_if_fail (self != NULL, NULL);

  ordered = gloss_article_annotations_in_order (self);
  gloss_article_export_info (self, &info);
  if (format == GLOSS_EXPORT_FORMAT_JSON)
    return gloss_export_json (&info, ordered);
  return gloss_export_markdown (&info, ordered, template_text, error);
}

char *
gloss_article_export_file_name (GlossArticle      *self,
                                GlossExportFormat  format)
{
  g_autofree char *slug = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  slug = gloss_archive_slugify (self->info->title);
  if (slug == NULL || *slug == '\0')
    {
      g_free (slug);
      slug = g_strdup (self->info->id);
    }
  return g_strconcat (slug, format == GLOSS_EXPORT_FORMAT_JSON ? ".json" : ".md", NULL);
}
