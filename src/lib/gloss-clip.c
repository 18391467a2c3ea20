/* gloss-clip.c — the clip pipeline: fetch, parse, extract, sanitize, inline, write
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gloss-archive.h"
#include "gloss-article.h"
#include "gloss-clip.h"
#include "gloss-dom.h"
#include "gloss-html.h"
#include "gloss-inline.h"
#include "gloss-library.h"
#include "gloss-sanitize.h"

const char *
gloss_clip_mode_to_string (GlossClipMode mode)
{
  return mode == GLOSS_CLIP_MODE_FULL ? "full" : "reader";
}

gboolean
gloss_clip_mode_from_string (const char    *string,
                             GlossClipMode *mode)
{
  if (g_strcmp0 (string, "reader") == 0)
    *mode = GLOSS_CLIP_MODE_READER;
  else if (g_strcmp0 (string, "full") == 0)
    *mode = GLOSS_CLIP_MODE_FULL;
  else
    return FALSE;
  return TRUE;
}

void
gloss_page_free (GlossPage *page)
{
  if (page == NULL)
    return;
  g_free (page->url);
  g_clear_pointer (&page->meta, gloss_metadata_free);
  if (page->content != NULL)
    xmlFreeNode (page->content);
  g_clear_pointer (&page->doc, xmlFreeDoc);
  g_free (page);
}

GlossPage *
gloss_page_new_from_html (const char     *utf8,
                          gsize           length,
                          const char     *url,
                          GlossClipMode   mode,
                          GError        **error)
{
  g_autoptr(GlossPage) page = g_new0 (GlossPage, 1);

  g_return_val_if_fail (utf8 != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  page->url = g_strdup (url);
  page->mode = mode;
  page->doc = gloss_html_parse (utf8, length);
  if (page->doc == NULL || xmlDocGetRootElement (page->doc) == NULL)
    {
      g_set_error (error, GLOSS_CLIP_ERROR, GLOSS_CLIP_ERROR_NO_CONTENT, _("%s is empty"), url);
      return NULL;
    }
  gloss_dom_prepare (page->doc, url);
  page->meta = gloss_metadata_extract (page->doc, (const char *) page->doc->URL);
  if (mode == GLOSS_CLIP_MODE_FULL)
    return g_steal_pointer (&page);

  page->content = gloss_extract_content (page->doc, page->meta);
  if (page->content == NULL)
    {
      g_set_error (error, GLOSS_CLIP_ERROR, GLOSS_CLIP_ERROR_NO_CONTENT,
                   _("Found no article on %s; try clipping the full page instead"), url);
      return NULL;
    }
  return g_steal_pointer (&page);
}

/* Servers label pages text/plain or send no type at all; a page is HTML if it
 * starts like one. */
static gboolean
starts_like_html (GBytes *body)
{
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  g_autofree char *head = g_ascii_strdown (data ? data : "", MIN (size, 1024));
  static const char * const marks[] = { "<!doctype html", "<html", "<head", "<body", "<p", "<div",
                                        "<title", "<meta", NULL };

  for (guint i = 0; marks[i]; i++)
    if (strstr (head, marks[i]) != NULL)
      return TRUE;
  return FALSE;
}

typedef struct
{
  char                 *location;
  char                 *base_url;
  GlossClipMode         mode;
  GlossClipProgressFunc progress;
  gpointer              progress_data;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->location);
  g_free (data->base_url);
  g_free (data);
}

static void
finish_load (GTask      *task,
             const char *bytes,
             gsize       length,
             const char *charset,
             const char *url)
{
  LoadData *data = g_task_get_task_data (task);
  g_autofree char *utf8 = gloss_html_decode (bytes, length, charset, NULL);
  GError *error = NULL;
  GlossPage *page;

  page = gloss_page_new_from_html (utf8, strlen (utf8), data->base_url ? data->base_url : url,
                                   data->mode, &error);
  if (page == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, page, (GDestroyNotify) gloss_page_free);
}

static void
on_page_progress (guint64  bytes,
                  gpointer user_data)
{
  LoadData *data = user_data;
  GlossClipProgress progress = { GLOSS_CLIP_STAGE_PAGE, bytes, 0, 0 };

  if (data->progress != NULL)
    data->progress (&progress, data->progress_data);
}

static void
on_page_fetched (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GlossResponse) response = NULL;
  GError *error = NULL;
  gsize size;
  const char *bytes;

  response = gloss_fetcher_fetch_finish (GLOSS_FETCHER (source), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (response->content_type != NULL && !g_str_equal (response->content_type, "text/html") &&
      !g_str_equal (response->content_type, "application/xhtml+xml") &&
      !starts_like_html (response->body))
    {
      g_task_return_new_error (task, GLOSS_CLIP_ERROR, GLOSS_CLIP_ERROR_NOT_HTML,
                               _("%s is not a web page (it is %s)"), response->url,
                               response->content_type);
      return;
    }
  bytes = g_bytes_get_data (response->body, &size);
  finish_load (task, bytes ? bytes : "", size, response->charset, response->url);
}

static void
on_file_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autofree char *contents = NULL;
  g_autofree char *uri = g_file_get_uri (G_FILE (source));
  g_autofree char *path = g_file_get_parse_name (G_FILE (source));
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, GLOSS_CLIP_ERROR, GLOSS_CLIP_ERROR_FILE,
                                 _("Could not read %s: %s"), path, error->message);
      return;
    }
  finish_load (task, contents, length, NULL, uri);
}

static GFile *
location_file (const char *location)
{
  g_autofree char *scheme = g_uri_parse_scheme (location);

  if (scheme == NULL)
    return g_file_new_for_path (location);
  if (g_ascii_strcasecmp (scheme, "file") == 0)
    return g_file_new_for_uri (location);
  return NULL;
}

void
gloss_page_load_async (GlossFetcher         *fetcher,
                       const char           *location,
                       const char           *base_url,
                       GlossClipMode         mode,
                       GlossClipProgressFunc progress,
                       gpointer              progress_data,
                       GCancellable         *cancellable,
                       GAsyncReadyCallback   callback,
                       gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *scheme = NULL;
  LoadData *data;

  g_return_if_fail (GLOSS_IS_FETCHER (fetcher));
  g_return_if_fail (location != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_page_load_async);
  data = g_new0 (LoadData, 1);
  data->location = g_strdup (location);
  data->base_url = g_strdup (base_url);
  data->mode = mode;
  data->progress = progress;
  data->progress_data = progress_data;
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  scheme = g_uri_parse_scheme (location);
  if (scheme != NULL && (g_ascii_strcasecmp (scheme, "http") == 0 ||
                         g_ascii_strcasecmp (scheme, "https") == 0))
    gloss_fetcher_fetch_page_async (fetcher, location, on_page_progress, data, cancellable,
                                    on_page_fetched, g_steal_pointer (&task));
  else if ((file = location_file (location)) != NULL)
    g_file_load_contents_async (file, cancellable, on_file_loaded, g_steal_pointer (&task));
  else
    g_task_return_new_error (task, GLOSS_CLIP_ERROR, GLOSS_CLIP_ERROR_INVALID_URL,
                             _("“%s” is not a web address Gloss can clip"), location);
}

GlossPage *
gloss_page_load_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

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
  g_clear_pointer (&result->missing, g_ptr_array_unref);
  g_free (result);
}

typedef struct
{
  GlossFetcher         *fetcher;
  char                 *library_dir;
  char                 *location;
  GlossClipMode         mode;
  GlossClipProgressFunc progress;
  gpointer              progress_data;
  GlossPage            *page;
  guint64               page_bytes;
  guint64               bytes;           /* page and resources so far */
  GlossClipResult      *result;
  char                 *html;
} ClipData;

static void
clip_data_free (ClipData *data)
{
  g_clear_object (&data->fetcher);
  g_free (data->library_dir);
  g_free (data->location);
  g_clear_pointer (&data->page, gloss_page_free);
  g_clear_pointer (&data->result, gloss_clip_result_free);
  g_free (data->html);
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
on_clip_page_progress (const GlossClipProgress *progress,
                       gpointer                 user_data)
{
  ClipData *data = user_data;

  data->page_bytes = data->bytes = progress->bytes;
  report (data, GLOSS_CLIP_STAGE_PAGE, progress->bytes, 0, 0);
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

/* An archive of the same canonical URL keeps its id even when the title
 * changed, so that its sidecar stays with it. */
static char *
find_existing_id (const char *library_dir,
                  const char *hash8)
{
  g_autoptr(GDir) dir = g_dir_open (library_dir, 0, NULL);
  g_autofree char *suffix = g_strdup_printf ("-%s.html", hash8);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, suffix))
      return g_strndup (name, strlen (name) - strlen (".html"));
  return NULL;
}

/* Creates the sidecar, or anchors its highlights again in the new text. */
static void
update_sidecar (GlossClipResult *result)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  if ((article = gloss_article_open (result->path, &error)) != NULL)
    {
      result->annotations = article->sidecar->annotations->len;
      gloss_article_reanchor (article, &result->moved, &result->orphaned);
      gloss_article_describe_archive (article);
      gloss_sidecar_save (article->sidecar, &error);
    }
  if (error != NULL)
    result->notes_error = g_strdup (error->message);
}

static void
write_archive (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ClipData *data = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!gloss_write_file_atomic (data->result->path, data->html, strlen (data->html), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  update_sidecar (data->result);
  g_task_return_pointer (task, g_steal_pointer (&data->result),
                         (GDestroyNotify) gloss_clip_result_free);
}

static gboolean
is_web_url (const char *url)
{
  return url != NULL && (g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://"));
}

/* The URL clipped; for a saved page, the address it says it came from. */
static char *
clip_source (ClipData *data)
{
  if (is_web_url (data->location))
    return g_strdup (data->location);
  if (is_web_url (data->page->meta->canonical_url))
    return g_strdup (data->page->meta->canonical_url);
  return g_strdup (data->page->url);
}

static void
make_result (ClipData  *data,
             GPtrArray *missing)
{
  GlossMetadata *meta = data->page->meta;
  const char *canonical = meta->canonical_url ? meta->canonical_url : data->page->url;
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
  g_autofree char *existing = NULL;
  g_autofree char *file_name = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GlossClipResult *result = g_new0 (GlossClipResult, 1);

  hash[8] = '\0';
  existing = find_existing_id (data->library_dir, hash);
  result->replaced = existing != NULL;
  result->id = existing ? g_steal_pointer (&existing) : gloss_archive_make_id (meta->title, canonical);
  file_name = g_strconcat (result->id, ".html", NULL);
  result->path = g_build_filename (data->library_dir, file_name, NULL);
  result->title = g_strdup (meta->title);
  result->source = clip_source (data);
  result->missing = g_ptr_array_ref (missing);
  data->html = gloss_archive_build (data->page, result->source, now, missing);
  result->size = strlen (data->html);
  data->result = result;
}

static void
on_inlined (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ClipData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) missing = NULL;
  GError *error = NULL;

  if ((missing = gloss_inline_finish (res, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  report (data, GLOSS_CLIP_STAGE_SAVING, data->bytes, 0, 0);
  make_result (data, missing);
  g_task_run_in_thread (task, write_archive);
}

static gboolean
has_image (xmlNode *node)
{
  return gloss_html_find_element (node->children, "img") != NULL;
}

/* Readers expect the article's picture; when the extracted text has none,
 * the page's lead image heads it. */
static void
add_lead_image (GlossPage *page)
{
  xmlNode *figure, *img;

  if (page->meta->lead_image == NULL || has_image (page->content))
    return;
  figure = xmlNewDocNode (page->doc, NULL, (const xmlChar *) "figure", NULL);
  img = xmlNewChild (figure, NULL, (const xmlChar *) "img", NULL);
  xmlSetProp (img, (const xmlChar *) "src", (const xmlChar *) page->meta->lead_image);
  xmlSetProp (img, (const xmlChar *) "alt", (const xmlChar *) "");
  if (page->content->children != NULL)
    xmlAddPrevSibling (page->content->children, figure);
  else
    xmlAddChild (page->content, figure);
}

static void
on_clip_page_loaded (GObject      *source,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ClipData *data = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;
  xmlNode *root;

  if ((data->page = gloss_page_load_finish (res, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (data->page->mode == GLOSS_CLIP_MODE_READER)
    {
      root = data->page->content;
      gloss_sanitize (root, GLOSS_SANITIZE_READER);
      add_lead_image (data->page);
    }
  else
    {
      root = xmlDocGetRootElement (data->page->doc);
      gloss_sanitize (root, GLOSS_SANITIZE_FULL);
    }
  report (data, GLOSS_CLIP_STAGE_RESOURCES, data->page_bytes, 0, 0);
  cancellable = g_task_get_cancellable (task);
  gloss_inline_async (data->fetcher, data->page->doc, root, data->page->mode == GLOSS_CLIP_MODE_FULL,
                      on_inline_progress, data, cancellable, on_inlined, g_steal_pointer (&task));
}

void
gloss_clip_async (GlossFetcher         *fetcher,
                  const char           *library_dir,
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
  g_return_if_fail (library_dir != NULL && location != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_clip_async);
  data = g_new0 (ClipData, 1);
  data->fetcher = g_object_ref (fetcher);
  data->library_dir = g_strdup (library_dir);
  data->location = g_strdup (location);
  data->mode = mode;
  data->progress = progress;
  data->progress_data = progress_data;
  g_task_set_task_data (task, data, (GDestroyNotify) clip_data_free);

  gloss_page_load_async (fetcher, location, NULL, mode, on_clip_page_progress, data, cancellable,
                         on_clip_page_loaded, task);
}

GlossClipResult *
gloss_clip_finish (GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
