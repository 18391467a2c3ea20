/* gloss-page.c — a web page fetched (or read from a file), decoded, parsed
 * and extracted
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "gloss-dom-private.h"
#include "gloss-extract.h"
#include "gloss-fetcher.h"
#include "gloss-html.h"
#include "gloss-page.h"
#include "gloss-sanitize-private.h"
#include "gloss-text.h"

G_DEFINE_QUARK (gloss-page-error-quark, gloss_page_error)

void
gloss_page_free (GlossPage *page)
{
  if (page == NULL)
    return;
  g_free (page->url);
  g_free (page->imported);
  g_clear_pointer (&page->meta, gloss_metadata_free);
  if (page->content != NULL)
    xmlFreeNode (page->content);
  g_clear_pointer (&page->doc, xmlFreeDoc);
  g_free (page);
}

/* Fewer characters of article than this, on a page that says it needs
 * JavaScript, is that message, not an article. */
#define SHELL_TEXT_LENGTH 300

typedef struct
{
  guint    scripts;          /* <script src>: an application's code */
  gboolean asks_for_script;  /* a <noscript> naming JavaScript */
} ScriptCount;

static void
count_scripts (xmlNode     *node,
               ScriptCount *count)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (g_ascii_strcasecmp ((const char *) node->name, "script") == 0)
        count->scripts += xmlHasProp (node, (const xmlChar *) "src") != NULL;
      else if (g_ascii_strcasecmp ((const char *) node->name, "noscript") == 0)
        {
          g_autofree char *text = (char *) xmlNodeGetContent (node);
          g_autofree char *lower = text ? g_utf8_strdown (text, -1) : NULL;

          if (lower != NULL && strstr (lower, "javascript") != NULL)
            count->asks_for_script = TRUE;
        }
      count_scripts (node->children, count);
    }
}

static gboolean
is_short (xmlNode *content)
{
  g_autofree char *text = gloss_text_from_node (content);

  return g_utf8_strlen (g_strstrip (text), -1) < SHELL_TEXT_LENGTH;
}

/* An application shell: its text comes from scripts. Nothing readable on a
 * page with scripts, or little beside a <noscript> asking for JavaScript. */
static gboolean
is_script_shell (const ScriptCount *count,
                 xmlNode           *content)
{
  if (content == NULL)
    return count->scripts > 0 || count->asks_for_script;
  return count->asks_for_script && is_short (content);
}

static void
set_needs_script (GError    **error,
                  const char *url)
{
  g_set_error (error, GLOSS_PAGE_ERROR, GLOSS_PAGE_ERROR_NEEDS_SCRIPT,
               _("%s shows its text only with JavaScript"), url);
}

GlossPage *
gloss_page_new_from_html (const char     *utf8,
                          gsize           length,
                          const char     *url,
                          GlossClipMode   mode,
                          GError        **error)
{
  g_autoptr(GlossPage) page = g_new0 (GlossPage, 1);
  ScriptCount scripts = { 0, FALSE };

  g_return_val_if_fail (utf8 != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  page->url = g_strdup (url);
  page->mode = mode;
  page->doc = gloss_html_parse (utf8, length);
  if (page->doc == NULL || xmlDocGetRootElement (page->doc) == NULL)
    {
      g_set_error (error, GLOSS_PAGE_ERROR, GLOSS_PAGE_ERROR_NO_CONTENT, _("%s is empty"), url);
      return NULL;
    }
  count_scripts (xmlDocGetRootElement (page->doc), &scripts);
  page->scripted = scripts.scripts > 0 || scripts.asks_for_script;
  _gloss_dom_prepare (page->doc, url);
  page->meta = gloss_metadata_extract (page->doc, (const char *) page->doc->URL);
  if (mode == GLOSS_CLIP_MODE_FULL)
    return g_steal_pointer (&page);

  page->content = gloss_extract_content (page->doc, page->meta);
  if (is_script_shell (&scripts, page->content))
    {
      set_needs_script (error, url);
      return NULL;
    }
  if (page->content == NULL)
    {
      g_set_error (error, GLOSS_PAGE_ERROR, GLOSS_PAGE_ERROR_NO_CONTENT,
                   _("Found no article on %s; try clipping the full page instead"), url);
      return NULL;
    }
  return g_steal_pointer (&page);
}

static void
replace_string (char       **field,
                const char  *value)
{
  if (value == NULL || *value == '\0')
    return;
  g_free (*field);
  *field = g_strdup (value);
}

/* The readable text another service kept (Omnivore's content/, Wallabag's
 * content): already an article, so it is taken whole, not extracted again;
 * what the service knew of it (@meta's fields that are set) wins over what
 * the HTML says. */
GlossPage *
gloss_page_new_from_article (const char           *utf8,
                             gsize                 length,
                             const char           *url,
                             const GlossMetadata  *meta,
                             GError              **error)
{
  g_autoptr(GlossPage) page = g_new0 (GlossPage, 1);
  xmlNode *body, *child;

  g_return_val_if_fail (utf8 != NULL && url != NULL && meta != NULL, NULL);

  page->url = g_strdup (url);
  page->mode = GLOSS_CLIP_MODE_READER;
  page->doc = gloss_html_parse (utf8, length);
  if (page->doc == NULL || (body = gloss_html_body (page->doc)) == NULL || body->children == NULL)
    {
      g_set_error (error, GLOSS_PAGE_ERROR, GLOSS_PAGE_ERROR_NO_CONTENT,
                   _("The article %s has no text in the export"), url);
      return NULL;
    }
  _gloss_dom_prepare (page->doc, url);
  page->meta = gloss_metadata_extract (page->doc, (const char *) page->doc->URL);
  replace_string (&page->meta->title, meta->title);
  replace_string (&page->meta->byline, meta->byline);
  replace_string (&page->meta->published, meta->published);
  replace_string (&page->meta->lead_image, meta->lead_image);
  replace_string (&page->meta->language, meta->language);
  replace_string (&page->meta->canonical_url, url);
  page->content = xmlNewDocNode (page->doc, NULL, (const xmlChar *) "div", NULL);
  while ((child = body->children) != NULL)
    {
      xmlUnlinkNode (child);
      xmlAddChild (page->content, child);
    }
  return g_steal_pointer (&page);
}

/* Readers expect the article's picture; when the extracted text has none,
 * the page's lead image heads it. */
static void
add_lead_image (GlossPage *page)
{
  xmlNode *figure, *img;

  if (page->meta->lead_image == NULL
      || gloss_html_find_element (page->content->children, "img") != NULL)
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

void
gloss_page_sanitize (GlossPage *page)
{
  g_return_if_fail (page != NULL && page->doc != NULL);

  if (page->mode == GLOSS_CLIP_MODE_READER)
    {
      _gloss_sanitize (page->content, GLOSS_SANITIZE_READER);
      add_lead_image (page);
    }
  else
    _gloss_sanitize (xmlDocGetRootElement (page->doc), GLOSS_SANITIZE_FULL);
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
  char              *base_url;
  GlossClipMode      mode;
  GlossPageLoadFlags flags;
  GlossPageProgress  progress;
  gpointer           progress_data;
  /* what the worker builds the page from */
  GBytes            *body;
  char              *charset;
  char              *url;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->base_url);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_free (data->charset);
  g_free (data->url);
  g_free (data);
}

gboolean
gloss_page_check_has_text (GlossPage  *page,
                           GError    **error)
{
  xmlNode *root = page->content ? page->content : gloss_html_body (page->doc);
  g_autofree char *text = root ? gloss_text_from_node (root) : NULL;

  if (text != NULL && *g_strstrip (text) != '\0')
    return TRUE;
  if (page->scripted)
    {
      set_needs_script (error, page->url);
      return FALSE;
    }
  g_set_error (error, GLOSS_PAGE_ERROR, GLOSS_PAGE_ERROR_NO_CONTENT,
               _("%s has no text to save"), page->url);
  return FALSE;
}

static char *
decode_page (LoadData  *data,
             GError   **error)
{
  gsize size;
  const char *bytes = g_bytes_get_data (data->body, &size);
  g_autoptr(GError) local_error = NULL;
  char *utf8 = gloss_html_decode (bytes ? bytes : "", size, data->charset, NULL, &local_error);

  if (utf8 == NULL)
    g_set_error (error, GLOSS_PAGE_ERROR, GLOSS_PAGE_ERROR_ENCODING, _("Could not read %s: %s"),
                 data->url, local_error->message);
  return utf8;
}

/* Decode → parse → extract → sanitize, off the main thread. */
static void
build_page (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autofree char *utf8 = NULL;
  GError *error = NULL;
  GlossPage *page;

  if (g_task_return_error_if_cancelled (task))
    return;
  if ((utf8 = decode_page (data, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  page = gloss_page_new_from_html (utf8, strlen (utf8), data->base_url ? data->base_url : data->url,
                                   data->mode, &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if ((data->flags & GLOSS_PAGE_LOAD_SANITIZE) && !g_cancellable_is_cancelled (cancellable))
    gloss_page_sanitize (page);
  if (g_task_return_error_if_cancelled (task))
    {
      gloss_page_free (page);
      return;
    }
  if (!gloss_page_check_has_text (page, &error))
    {
      gloss_page_free (page);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, page, (GDestroyNotify) gloss_page_free);
}

static void
build_in_thread (GTask      *task,
                 GBytes     *body,
                 const char *charset,
                 const char *url)
{
  LoadData *data = g_task_get_task_data (task);

  data->body = g_bytes_ref (body);
  data->charset = g_strdup (charset);
  data->url = g_strdup (url);
  g_task_run_in_thread (task, build_page);
}

static void
on_page_progress (guint64  bytes,
                  gpointer user_data)
{
  LoadData *data = user_data;

  if (data->progress != NULL)
    data->progress (bytes, data->progress_data);
}

static void
on_page_fetched (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GlossResponse) response = NULL;
  GError *error = NULL;

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
      g_task_return_new_error (task, GLOSS_PAGE_ERROR, GLOSS_PAGE_ERROR_NOT_HTML,
                               _("%s is not a web page (it is %s)"), response->url,
                               response->content_type);
      return;
    }
  build_in_thread (task, response->body, response->charset, response->url);
}

static void
on_file_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *uri = g_file_get_uri (G_FILE (source));
  g_autofree char *path = g_file_get_parse_name (G_FILE (source));
  g_autoptr(GError) error = NULL;

  if ((contents = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error)) == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, GLOSS_PAGE_ERROR, GLOSS_PAGE_ERROR_UNREADABLE,
                                 _("Could not read %s: %s"), path, error->message);
      return;
    }
  build_in_thread (task, contents, NULL, uri);
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
                       GlossPageLoadFlags    flags,
                       GlossPageProgress     progress,
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

  /* libxml2 sets up its globals once, on this thread, before any worker parses. */
  xmlInitParser ();
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_page_load_async);
  data = g_new0 (LoadData, 1);
  data->base_url = g_strdup (base_url);
  data->mode = mode;
  data->flags = flags;
  data->progress = progress;
  data->progress_data = progress_data;
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  scheme = g_uri_parse_scheme (location);
  if (scheme != NULL && (g_ascii_strcasecmp (scheme, "http") == 0 ||
                         g_ascii_strcasecmp (scheme, "https") == 0))
    gloss_fetcher_fetch_page_async (fetcher, location, on_page_progress, data, cancellable,
                                    on_page_fetched, g_steal_pointer (&task));
  else if ((file = location_file (location)) != NULL)
    g_file_load_bytes_async (file, cancellable, on_file_loaded, g_steal_pointer (&task));
  else
    g_task_return_new_error (task, GLOSS_PAGE_ERROR, GLOSS_PAGE_ERROR_UNSUPPORTED,
                             _("“%s” is not a web address Gloss can clip"), location);
}

GlossPage *
gloss_page_load_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
