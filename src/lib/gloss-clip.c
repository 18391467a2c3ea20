/* gloss-clip.c — the clip pipeline, orchestrated: load the page (gloss-page),
 * inline its resources (gloss-inline), write the archive (gloss-archive) into
 * the library, and create or re-anchor its sidecar
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "gloss-archive.h"
#include "gloss-article.h"
#include "gloss-clip.h"
#include "gloss-extract.h"
#include "gloss-identity.h"
#include "gloss-inline-private.h"
#include "gloss-library.h"
#include "gloss-page.h"
#include "gloss-sidecar.h"
#include "gloss-spool-private.h"
#include "gloss-utils-private.h"

void
gloss_clip_result_free (GlossClipResult *result)
{
  if (result == NULL)
    return;
  g_free (result->id);
  g_free (result->path);
  g_free (result->title);
  g_free (result->source);
  g_free (result->notes_error);
  g_free (result->kept_version);
  g_clear_pointer (&result->missing, g_ptr_array_unref);
  g_clear_pointer (&result->missing_reasons, g_ptr_array_unref);
  g_free (result);
}

typedef struct
{
  GlossFetcher         *fetcher;
  GlossLibrary         *library;
  char                 *location;
  GlossClipMode         mode;
  GlossClipProgressFunc progress;
  gpointer              progress_data;
  GlossPage            *page;
  guint64               page_bytes;
  guint64               bytes;           /* page and resources so far */
  GPtrArray            *missing;         /* resources that could not be fetched */
  GlossClipResult      *result;
  char                 *html;
  gint64                deadline;        /* monotonic */
  GlossSpool           *spool;           /* the resources, until written */
  GlossInlineResult    *inlined;
  GDateTime            *saved;           /* when it was saved elsewhere; NULL: now */
  char                 *article_html;    /* an export's article, or a rendered page */
  GlossMetadata        *article_meta;
  char                 *service;         /* whose export it came from */
  char                 *title;           /* a rendered page's, when it gives none */
} ClipData;

static void
clip_data_free (ClipData *data)
{
  g_clear_object (&data->fetcher);
  g_clear_object (&data->library);
  g_free (data->location);
  g_clear_pointer (&data->page, gloss_page_free);
  g_clear_pointer (&data->missing, g_ptr_array_unref);
  g_clear_pointer (&data->result, gloss_clip_result_free);
  g_free (data->html);
  g_clear_pointer (&data->spool, _gloss_spool_free);
  g_clear_pointer (&data->inlined, _gloss_inline_result_free);
  g_clear_pointer (&data->saved, g_date_time_unref);
  g_free (data->article_html);
  g_clear_pointer (&data->article_meta, gloss_metadata_free);
  g_free (data->service);
  g_free (data->title);
  g_free (data);
}

static void
report (ClipData       *data,
        GlossClipStage  stage,
        guint64         bytes,
        guint           done,
        guint           total)
{
  GlossClipProgress progress = { stage, bytes, done, total };

  if (data->progress != NULL)
    data->progress (&progress, data->progress_data);
}

static void
on_clip_page_progress (guint64  bytes,
                       gpointer user_data)
{
  ClipData *data = user_data;

  data->page_bytes = data->bytes = bytes;
  report (data, GLOSS_CLIP_STAGE_PAGE, bytes, 0, 0);
}

static void
on_inline_progress (guint    done,
                    guint    total,
                    guint64  bytes,
                    gpointer user_data)
{
  ClipData *data = user_data;

  data->bytes = data->page_bytes + bytes;
  report (data, GLOSS_CLIP_STAGE_RESOURCES, data->bytes, done, total);
}

/* Highlights from before versions were recorded anchored in the archive
 * just kept (those orphaned there were made on one older still). */
static void
stamp_unversioned (GlossSidecar       *sidecar,
                   const GlossVersion *kept)
{
  for (guint i = 0; i < sidecar->annotations->len; i++)
    {
      GlossAnnotation *annotation = sidecar->annotations->pdata[i];

      if (annotation->source_date == NULL && !annotation->orphaned)
        gloss_annotation_set_source_date (annotation, kept->saved);
    }
}

/* Creates the sidecar, or lists the version @kept (may be NULL) and anchors
 * its highlights again in the new text: those found there now belong to the
 * new version, those orphaned still to the one they were made on. */
static void
update_sidecar (GlossClipResult    *result,
                const GlossVersion *kept)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  if ((article = gloss_library_open_article (result->path, &error)) != NULL)
    {
      result->annotations = article->sidecar->annotations->len;
      if (kept != NULL)
        {
          stamp_unversioned (article->sidecar, kept);
          gloss_versions_add (article->sidecar->versions, kept);
        }
      gloss_article_reanchor (article, &result->moved, &result->orphaned);
      gloss_article_describe_archive (article);
      gloss_sidecar_save (article->sidecar, &error);
    }
  if (error != NULL)
    result->notes_error = g_strdup (error->message);
}

/* The URL clipped; for a saved page, the address it says it came from. */
static char *
clip_source (ClipData *data)
{
  if (_gloss_is_web_url (data->location))
    return g_strdup (data->location);
  if (_gloss_is_web_url (data->page->meta->canonical_url))
    return g_strdup (data->page->meta->canonical_url);
  return g_strdup (data->page->url);
}

/* The URL the article is known by (gloss-identity.h); for a saved page, the
 * address it says it came from. */
static char *
identity_url (ClipData *data)
{
  GlossMetadata *meta = data->page->meta;

  if (!_gloss_is_web_url (data->page->url))
    return g_strdup (meta->canonical_url ? meta->canonical_url : data->page->url);
  return gloss_identity_url (data->page->url, meta->canonical_url);
}

/* An archive whose id has the same hash is this article only if what it
 * recorded says so: else a hash collision, or a site whose canonical links
 * all name one page, would replace another article. */
static char *
find_same_article (ClipData   *data,
                   const char *identity,
                   const char *hash,
                   const char *source)
{
  g_autoptr(GPtrArray) ids = gloss_library_find_ids_by_hash (data->library, hash);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *path = gloss_library_archive_path (data->library, ids->pdata[i]);
      g_autoptr(GlossArchiveInfo) info = gloss_archive_read_info (path, NULL);

      if (info != NULL &&
          gloss_identity_is_same_article (identity, source, info->source, info->canonical))
        return g_strdup (ids->pdata[i]);
      g_debug ("%s shares the hash of %s but is another article", (char *) ids->pdata[i], identity);
    }
  return NULL;
}

static gboolean
make_result (ClipData  *data,
             GError   **error)
{
  GlossMetadata *meta = data->page->meta;
  g_autofree char *identity = identity_url (data);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, identity, -1);
  g_autofree char *existing = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GlossClipResult *result = g_new0 (GlossClipResult, 1);

  hash[8] = '\0';
  result->source = clip_source (data);
  /* An archive of the same article keeps its id even when the title
   * changed, so that its sidecar stays with it. */
  existing = find_same_article (data, identity, hash, result->source);
  result->replaced = existing != NULL;
  if (existing != NULL)
    result->id = g_steal_pointer (&existing);
  else
    {
      g_autofree char *id = gloss_archive_make_id (meta->title, identity);
      result->id = gloss_library_new_id (data->library, id);
    }
  /* The archive's canonical link names the article, not what the site claimed. */
  if (g_strcmp0 (meta->canonical_url, identity) != 0)
    {
      g_debug ("%s: canonical link %s not plausible, known as %s", data->page->url,
               meta->canonical_url, identity);
      g_free (meta->canonical_url);
      meta->canonical_url = g_strdup (identity);
    }
  result->path = gloss_library_archive_path (data->library, result->id);
  result->title = g_strdup (meta->title);
  result->missing = g_ptr_array_ref (data->missing);
  data->result = result;
  data->html = gloss_archive_build (data->page, result->source, data->saved ? data->saved : now,
                                    data->missing, error);
  if (data->html == NULL)
    return FALSE;
  result->size = strlen (data->html);
  return TRUE;
}

/* The archive is still where it was: its second copy goes. */
static void
discard_version (GlossLibrary       *library,
                 const GlossVersion *kept)
{
  g_autofree char *path = g_build_filename (gloss_library_get_dir (library), kept->archive, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);  /* only when it is empty: the first version was this one */
}

/* The archive streamed to its file: the page's HTML, with every spooled
 * resource spliced in as a data: URI by chunks. */
static gboolean
write_spooled (ClipData  *data,
               GError   **error)
{
  GlossAtomicFile *file = _gloss_atomic_file_new (data->result->path, error);

  if (file == NULL)
    return FALSE;
  if (!_gloss_spool_write_html (data->spool, data->html, strlen (data->html), file,
                                &data->result->size, error))
    {
      _gloss_atomic_file_abort (file);
      return FALSE;
    }
  g_clear_pointer (&data->html, g_free);
  g_clear_pointer (&data->spool, _gloss_spool_free);
  return _gloss_atomic_file_commit (file, error);
}

static char *
kept_path (ClipData           *data,
           const GlossVersion *kept)
{
  return g_build_filename (gloss_library_get_dir (data->library), kept->archive, NULL);
}

/* Off the main thread: building the file, writing it, the sidecar. */
static void
write_archive (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ClipData *data = task_data;
  g_autoptr(GlossVersion) kept = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!make_result (data, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data->result->missing_reasons = g_ptr_array_ref (data->inlined->reasons);
  data->result->timed_out = data->inlined->timed_out;
  /* Never replace an archive without keeping the old one. */
  kept = gloss_versions_keep (data->result->path, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!write_spooled (data, &error))
    {
      if (kept != NULL)
        discard_version (data->library, kept);
      g_task_return_error (task, error);
      return;
    }
  /* The same archive again, but for when it was saved: nothing to keep. */
  if (kept != NULL)
    {
      g_autofree char *kept_file = kept_path (data, kept);

      if (!gloss_versions_same_archive (data->result->path, kept_file))
        data->result->kept_version = g_steal_pointer (&kept_file);
      else
        {
          discard_version (data->library, kept);
          g_clear_pointer (&kept, gloss_version_free);
        }
    }
  update_sidecar (data->result, kept);
  g_task_return_pointer (task, g_steal_pointer (&data->result),
                         (GDestroyNotify) gloss_clip_result_free);
}

static void
on_inlined (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ClipData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if ((data->inlined = _gloss_inline_finish (res, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data->missing = g_ptr_array_ref (data->inlined->missing);
  report (data, GLOSS_CLIP_STAGE_SAVING, data->bytes, 0, 0);
  g_task_run_in_thread (task, write_archive);
}

/* The page in hand: its pictures, fonts and styles next. */
static void
inline_page (GTask *task)
{
  ClipData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  xmlNode *root;

  if ((data->spool = _gloss_spool_new (&error)) == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  root = data->page->content ? data->page->content : xmlDocGetRootElement (data->page->doc);
  report (data, GLOSS_CLIP_STAGE_RESOURCES, data->page_bytes, 0, 0);
  _gloss_inline_async (data->fetcher, data->page->doc, root, data->page->mode == GLOSS_CLIP_MODE_FULL,
                       data->spool, data->deadline, on_inline_progress, data, cancellable,
                       on_inlined, task);
}

static void
on_clip_page_loaded (GObject      *source,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  GTask *task = user_data;
  ClipData *data = g_task_get_task_data (task);
  GError *error = NULL;

  /* Decoded, parsed, extracted and sanitized in a worker thread. */
  if ((data->page = gloss_page_load_finish (res, &error)) == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  inline_page (task);
}

static ClipData *
clip_data_new (GlossFetcher          *fetcher,
               GlossLibrary          *library,
               const char            *location,
               GlossClipMode          mode,
               GlossClipProgressFunc  progress,
               gpointer               progress_data)
{
  ClipData *data = g_new0 (ClipData, 1);

  data->fetcher = g_object_ref (fetcher);
  data->library = g_object_ref (library);
  data->location = g_strdup (location);
  data->mode = mode;
  data->progress = progress;
  data->progress_data = progress_data;
  data->deadline = g_get_monotonic_time () +
                   (gint64) gloss_fetcher_get_clip_timeout (fetcher) * G_USEC_PER_SEC;
  return data;
}

void
gloss_clip_async (GlossFetcher         *fetcher,
                  GlossLibrary         *library,
                  const char           *location,
                  GlossClipMode         mode,
                  GlossClipProgressFunc progress,
                  gpointer              progress_data,
                  GCancellable         *cancellable,
                  GAsyncReadyCallback   callback,
                  gpointer              user_data)
{
  GTask *task;
  ClipData *data;

  g_return_if_fail (GLOSS_IS_FETCHER (fetcher));
  g_return_if_fail (GLOSS_IS_LIBRARY (library));
  g_return_if_fail (location != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_clip_async);
  data = clip_data_new (fetcher, library, location, mode, progress, progress_data);
  g_task_set_task_data (task, data, (GDestroyNotify) clip_data_free);

  gloss_page_load_async (fetcher, location, NULL, mode, GLOSS_PAGE_LOAD_SANITIZE,
                         on_clip_page_progress, data, cancellable, on_clip_page_loaded, task);
}

static void
make_article_page (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ClipData *data = task_data;
  GError *error = NULL;
  gsize length = strlen (data->article_html);
  GlossPage *page = data->article_meta != NULL
                    ? gloss_page_new_from_article (data->article_html, length, data->location,
                                                   data->article_meta, &error)
                    : gloss_page_new_from_html (data->article_html, length, data->location,
                                                data->mode, &error);

  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  gloss_page_sanitize (page);
  if (!gloss_page_check_has_text (page, &error))
    {
      gloss_page_free (page);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, page, (GDestroyNotify) gloss_page_free);
}

static void
on_article_page_made (GObject      *source,
                      GAsyncResult *res,
                      gpointer      user_data)
{
  GTask *task = user_data;
  ClipData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if ((data->page = g_task_propagate_pointer (G_TASK (res), &error)) == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  data->page->imported = g_strdup (data->service);
  if (data->title != NULL && (data->page->meta->title == NULL || *data->page->meta->title == '\0'))
    {
      g_free (data->page->meta->title);
      data->page->meta->title = g_strdup (data->title);
    }
  inline_page (task);
}

/* A clip of HTML in hand (an export's article, a rendered page): its page
 * is made in a worker. */
static ClipData *
clip_html_task_new (GlossFetcher          *fetcher,
                    GlossLibrary          *library,
                    const char            *html,
                    const char            *url,
                    GlossClipMode          mode,
                    GlossClipProgressFunc  progress,
                    gpointer               progress_data,
                    GCancellable          *cancellable,
                    GAsyncReadyCallback    callback,
                    gpointer               user_data,
                    GTask                **out_task)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  ClipData *data = clip_data_new (fetcher, library, url, mode, progress, progress_data);

  data->article_html = g_strdup (html);
  g_task_set_task_data (task, data, (GDestroyNotify) clip_data_free);
  *out_task = task;
  return data;
}

static void
make_page_in_thread (GTask *task)
{
  ClipData *data = g_task_get_task_data (task);
  GTask *make = g_task_new (NULL, g_task_get_cancellable (task), on_article_page_made, task);

  g_task_set_task_data (make, data, NULL);
  g_task_run_in_thread (make, make_article_page);
  g_object_unref (make);
}

/* An article another service kept the text of (@html, from @url): archived
 * as it is, with no extraction and no request for the page itself, as saved
 * at @saved, its gloss:imported naming @service. @meta's title, byline,
 * published date and lead image win over the HTML's. The pictures are
 * fetched when they can be, and listed missing when not. */
void
gloss_clip_article_async (GlossFetcher          *fetcher,
                          GlossLibrary          *library,
                          const char            *html,
                          const char            *url,
                          const GlossMetadata   *meta,
                          GDateTime             *saved,
                          const char            *service,
                          GCancellable          *cancellable,
                          GAsyncReadyCallback    callback,
                          gpointer               user_data)
{
  GTask *task;
  ClipData *data;

  g_return_if_fail (GLOSS_IS_FETCHER (fetcher));
  g_return_if_fail (GLOSS_IS_LIBRARY (library));
  g_return_if_fail (html != NULL && url != NULL && meta != NULL);

  data = clip_html_task_new (fetcher, library, html, url, GLOSS_CLIP_MODE_READER, NULL, NULL,
                             cancellable, callback, user_data, &task);
  g_task_set_source_tag (task, gloss_clip_article_async);
  data->article_meta = gloss_metadata_copy (meta);
  data->saved = saved != NULL ? g_date_time_ref (saved) : NULL;
  data->service = g_strdup (service);
  make_page_in_thread (task);
}

/* A page as a browser rendered it (@html, the DOM after its scripts ran, at
 * @url): parsed, extracted in @mode, sanitized and archived exactly like a
 * fetched one, its links resolved against @url. @title (may be NULL) is the
 * title when the page gives none. */
void
gloss_clip_html_async (GlossFetcher          *fetcher,
                       GlossLibrary          *library,
                       const char            *html,
                       const char            *url,
                       const char            *title,
                       GlossClipMode          mode,
                       GlossClipProgressFunc  progress,
                       gpointer               progress_data,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  GTask *task;
  ClipData *data;

  g_return_if_fail (GLOSS_IS_FETCHER (fetcher));
  g_return_if_fail (GLOSS_IS_LIBRARY (library));
  g_return_if_fail (html != NULL && url != NULL);

  data = clip_html_task_new (fetcher, library, html, url, mode, progress, progress_data,
                             cancellable, callback, user_data, &task);
  g_task_set_source_tag (task, gloss_clip_html_async);
  data->title = g_strdup (title);
  make_page_in_thread (task);
}

GlossClipResult *
gloss_clip_finish (GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
