/* gloss-inline.c — embedding every resource of a page as a data: URI
 *
 * Works in two rounds. In a full page, stylesheets come first, since each may
 * @import others and name images and fonts; then every image, font and
 * background is fetched at once (the fetcher limits each host). Only when all
 * arrived is the tree rewritten, so a cancelled clip leaves it untouched.
 *
 * Pictures, fonts and media go straight to the clip's spool, on disk; the
 * tree gets a placeholder for each, which the archive writer replaces with
 * the data: URI. Two bounds hold for a clip: what it embeds stays under the
 * fetcher's archive cap (counted in document order, as written), and at its
 * deadline what is still downloading is cancelled. Either way the resource
 * is listed as missing, with the reason.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-css-private.h"
#include "gloss-dom-private.h"
#include "gloss-html.h"
#include "gloss-inline-private.h"

#include <glib/gi18n-lib.h>

#define MAX_IMPORT_DEPTH 4

typedef struct
{
  char   *url;
  gint    spool_index;  /* pictures, fonts, media: their spool entry, or -1 */
  gboolean spooled;     /* arrived and kept */
  char   *placeholder;  /* made on first use */
  char   *reason;       /* why it is missing, or NULL */
  char   *mime_type;    /* pictures, fonts, media: what arrived */
  char   *css;        /* stylesheets: the text, rewritten on first use */
  guint   depth;      /* stylesheets: how deep in @imports */
  gboolean is_css;
  gboolean rewriting; /* guards against @import cycles */
} Resource;

typedef struct
{
  GlossFetcher        *fetcher;
  xmlDoc              *doc;
  xmlNode             *root;
  gboolean             full_page;
  GHashTable          *resources;  /* url → Resource */
  GlossSpool          *spool;
  GCancellable        *downloads;  /* cancelled by the caller's or the deadline */
  GCancellable        *caller_cancellable;
  gulong               cancelled_id;
  GSource             *deadline;
  gint64               ends_at;    /* the deadline, in monotonic time */
  gboolean             timed_out;
  guint64              max_bytes;  /* what may be embedded, in all */
  guint64              spooled;    /* bytes of data: URIs kept so far */
  guint64              embedded;   /* of those, bytes placed in the tree */
  guint                pending;
  guint                done;
  guint                total;
  guint64              bytes;
  gboolean             styles_round;
  GlossInlineProgress  progress;
  gpointer             progress_data;
} InlineData;

static void
resource_free (Resource *resource)
{
  g_free (resource->url);
  g_free (resource->placeholder);
  g_free (resource->reason);
  g_free (resource->mime_type);
  g_free (resource->css);
  g_free (resource);
}

static void
inline_data_free (InlineData *data)
{
  if (data->caller_cancellable != NULL)
    g_cancellable_disconnect (data->caller_cancellable, data->cancelled_id);
  g_clear_object (&data->caller_cancellable);
  if (data->deadline != NULL)
    g_source_destroy (data->deadline);
  g_clear_pointer (&data->deadline, g_source_unref);
  g_clear_object (&data->downloads);
  g_clear_object (&data->fetcher);
  g_clear_pointer (&data->resources, g_hash_table_unref);
  g_free (data);
}

typedef struct
{
  GTask    *task;
  Resource *resource;  /* owned by the task's table, which outlives the fetch */
} FetchClosure;

static void on_fetched (GObject *source, GAsyncResult *result, gpointer user_data);

static gboolean
is_fetchable (const char *url)
{
  return url != NULL && (g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://"));
}

static void scan_sheet_imports (GTask *task, Resource *sheet);

/* A data:text/css sheet is read like a fetched one (its @imports fetched,
 * its text sanitized and spliced in), never embedded as it is. */
static void
add_data_sheet (GTask      *task,
                const char *url,
                guint       depth)
{
  InlineData *data = g_task_get_task_data (task);
  Resource *resource;
  char *css = _gloss_css_decode_data_url (url);

  if (css == NULL)
    return;
  resource = g_new0 (Resource, 1);
  resource->url = g_strdup (url);
  resource->is_css = TRUE;
  resource->depth = depth;
  resource->spool_index = -1;
  resource->css = css;
  g_hash_table_insert (data->resources, resource->url, resource);
  scan_sheet_imports (task, resource);
}

/* Queues @url once; @depth > 0 marks a stylesheet. */
static void
request (GTask      *task,
         const char *url,
         gboolean    is_css,
         guint       depth)
{
  InlineData *data = g_task_get_task_data (task);
  Resource *resource;
  FetchClosure *closure;

  if (url == NULL || g_hash_table_contains (data->resources, url))
    return;
  if (is_css && _gloss_css_url_kind (url) == GLOSS_CSS_URL_DATA_CSS)
    {
      add_data_sheet (task, url, depth);
      return;
    }
  if (!is_fetchable (url))
    return;
  resource = g_new0 (Resource, 1);
  resource->url = g_strdup (url);
  resource->is_css = is_css;
  resource->depth = depth;
  resource->spool_index = -1;
  g_hash_table_insert (data->resources, resource->url, resource);
  data->pending++;
  data->total++;
  closure = g_new0 (FetchClosure, 1);
  closure->task = g_object_ref (task);
  closure->resource = resource;
  /* Stylesheets are read and rewritten, so they stay in memory. */
  if (is_css)
    {
      gloss_fetcher_fetch_resource_async (data->fetcher, url, data->downloads, on_fetched, closure);
      return;
    }
  resource->spool_index = _gloss_spool_add (data->spool);
  gloss_fetcher_download_resource_async (data->fetcher, url,
                                         _gloss_spool_get_path (data->spool,
                                                                resource->spool_index),
                                         data->downloads, on_fetched, closure);
}

typedef void (*CssUrlFunc) (const char *url, gboolean is_import, gpointer user_data);

/* A URL of a sheet, resolved against the sheet's; a data: sheet has no base
 * (its relative URLs lead nowhere in a browser either). */
static char *
resolve_css_url (const char *base,
                 const char *href)
{
  if (base != NULL && g_ascii_strncasecmp (base, "data:", 5) == 0)
    base = NULL;
  return _gloss_dom_resolve_url (base, href);
}

typedef struct
{
  const char *base;
  CssUrlFunc  func;
  gpointer    user_data;
} ScanPolicyData;

static char *
scan_url (const char *href,
          gboolean    is_import,
          gpointer    user_data)
{
  ScanPolicyData *scan = user_data;
  g_autofree char *url = NULL;

  if (_gloss_css_url_kind (href) == GLOSS_CSS_URL_REMOTE &&
      (url = resolve_css_url (scan->base, href)) != NULL)
    scan->func (url, FALSE, scan->user_data);
  /* Something, so that the sanitizer goes on to the declaration's other URLs. */
  return g_strdup ("");
}

static char *
scan_import (const char *href,
             gpointer    user_data)
{
  ScanPolicyData *scan = user_data;
  g_autofree char *url = NULL;

  if (_gloss_css_url_kind (href) == GLOSS_CSS_URL_DATA_CSS)
    scan->func (href, TRUE, scan->user_data);
  else if (_gloss_css_url_kind (href) == GLOSS_CSS_URL_REMOTE &&
           (url = resolve_css_url (scan->base, href)) != NULL)
    scan->func (url, TRUE, scan->user_data);
  return NULL;
}

/* Calls @func for every URL and @import of @css (a sheet, or with
 * @declarations a style=""), resolved against @base: the sanitizer reads
 * it, so what is fetched is what it will find when the tree is rewritten. */
static void
scan_css (const char *css,
          const char *base,
          gboolean    declarations,
          CssUrlFunc  func,
          gpointer    user_data)
{
  ScanPolicyData scan = { base, func, user_data };
  GlossCssPolicy policy = { scan_url, scan_import, FALSE, &scan };
  g_autofree char *ignored = NULL;

  if (declarations)
    ignored = _gloss_css_sanitize_declarations (css, -1, &policy);
  else
    ignored = _gloss_css_sanitize_sheet (css, -1, &policy);
}

typedef struct
{
  GTask *task;
  guint  depth;
  gboolean imports_only;
} ScanContext;

static void
request_from_css (const char *url,
                  gboolean    is_import,
                  gpointer    user_data)
{
  ScanContext *ctx = user_data;

  if (is_import && ctx->depth < MAX_IMPORT_DEPTH)
    request (ctx->task, url, TRUE, ctx->depth + 1);
  else if (!is_import && !ctx->imports_only)
    request (ctx->task, url, FALSE, 0);
}

static void
scan_sheet_imports (GTask    *task,
                    Resource *sheet)
{
  ScanContext ctx = { task, sheet->depth, TRUE };

  scan_css (sheet->css, sheet->url, FALSE, request_from_css, &ctx);
}

static gboolean
is_stylesheet_link (xmlNode *node)
{
  return gloss_html_is_element (node, "link") && gloss_html_rel_has (node, "stylesheet");
}

static char *
node_base (InlineData *data)
{
  return g_strdup ((const char *) data->doc->URL);
}

/* Visits every element under @node, with a function per kind of reference. */
typedef gboolean (*ElementFunc) (GTask *task, xmlNode *node);

/* @func may remove the node it is given (a <link> becomes a <style>) and
 * then returns FALSE. */
static void
walk (GTask       *task,
      xmlNode     *node,
      ElementFunc  func)
{
  xmlNode *next;

  for (; node != NULL; node = next)
    {
      next = node->next;
      if (node->type == XML_ELEMENT_NODE && func (task, node))
        walk (task, node->children, func);
    }
}

static gboolean
request_styles (GTask   *task,
                xmlNode *node)
{
  InlineData *data = g_task_get_task_data (task);
  ScanContext ctx = { task, 0, TRUE };
  g_autofree char *base = node_base (data);

  if (is_stylesheet_link (node))
    {
      g_autofree char *href = gloss_html_get_attr (node, "href");
      request (task, href, TRUE, 1);
    }
  else if (gloss_html_is_element (node, "style"))
    {
      g_autofree char *css = (char *) xmlNodeGetContent (node);
      scan_css (css, base, FALSE, request_from_css, &ctx);
    }
  return TRUE;
}

static gboolean
request_media (GTask   *task,
               xmlNode *node)
{
  InlineData *data = g_task_get_task_data (task);
  ScanContext ctx = { task, MAX_IMPORT_DEPTH, FALSE };
  g_autofree char *base = node_base (data);

  if (gloss_html_is_element (node, "img"))
    {
      g_autofree char *src = gloss_html_get_attr (node, "src");
      g_autofree char *srcset = gloss_html_get_attr (node, "srcset");
      g_autofree char *best = _gloss_dom_pick_srcset (srcset, base);

      /* One image per <img>: the srcset's best candidate replaces src. */
      if (best != NULL)
        {
          xmlSetProp (node, (const xmlChar *) "src", (const xmlChar *) best);
          g_free (src);
          src = g_steal_pointer (&best);
        }
      xmlUnsetProp (node, (const xmlChar *) "srcset");
      xmlUnsetProp (node, (const xmlChar *) "sizes");
      request (task, src, FALSE, 0);
    }
  else if (gloss_html_is_element (node, "video"))
    {
      g_autofree char *poster = gloss_html_get_attr (node, "poster");
      request (task, poster, FALSE, 0);
    }
  if (!data->full_page)
    return TRUE;
  if (gloss_html_is_element (node, "style"))
    {
      g_autofree char *css = (char *) xmlNodeGetContent (node);
      scan_css (css, base, FALSE, request_from_css, &ctx);
    }
  if (xmlHasProp (node, (const xmlChar *) "style"))
    {
      g_autofree char *css = gloss_html_get_attr (node, "style");
      scan_css (css, base, TRUE, request_from_css, &ctx);
    }
  return TRUE;
}

static void
request_stylesheet_media (GTask *task)
{
  InlineData *data = g_task_get_task_data (task);
  g_autoptr(GList) values = g_hash_table_get_values (data->resources);

  /* Requesting adds to the table: iterate over a copy of its values. */
  for (GList *l = values; l != NULL; l = l->next)
    {
      Resource *resource = l->data;
      ScanContext ctx = { task, MAX_IMPORT_DEPTH, FALSE };

      if (resource->css != NULL)
        scan_css (resource->css, resource->url, FALSE, request_from_css, &ctx);
    }
}

static char *
sniff_mime_type (GlossResponse *response)
{
  gsize size;
  const guchar *bytes = g_bytes_get_data (response->body, &size);
  g_autofree char *guessed = g_content_type_guess (NULL, bytes, MIN (size, 4096), NULL);
  char *mime = g_content_type_get_mime_type (guessed);

  if (response->content_type != NULL &&
      (g_str_has_prefix (response->content_type, "image/") ||
       g_str_has_prefix (response->content_type, "font/") ||
       g_str_has_prefix (response->content_type, "application/font") ||
       g_str_has_prefix (response->content_type, "application/x-font") ||
       g_str_equal (response->content_type, "text/css")))
    {
      /* Servers that say image/ while sending an HTML error page exist. */
      if (mime != NULL && g_str_equal (mime, "text/html"))
        return mime;
      g_free (mime);
      return g_strdup (response->content_type);
    }
  return mime ? mime : g_strdup ("application/octet-stream");
}

/* Fonts are often sent as application/octet-stream: their first bytes say. */
static const char *
sniff_font (GlossResponse *response)
{
  gsize size;
  const char *bytes = g_bytes_get_data (response->body, &size);

  if (size < 4)
    return NULL;
  if (memcmp (bytes, "wOF2", 4) == 0)
    return "font/woff2";
  if (memcmp (bytes, "wOFF", 4) == 0)
    return "font/woff";
  if (memcmp (bytes, "OTTO", 4) == 0)
    return "font/otf";
  if (memcmp (bytes, "\0\1\0\0", 4) == 0 || memcmp (bytes, "true", 4) == 0)
    return "font/ttf";
  return NULL;
}

/* What a picture, font or media file is embedded as: an allowed type in
 * its usual name, or what was sent. */
static char *
embedded_mime_type (GlossResponse *response)
{
  g_autofree char *mime_type = sniff_mime_type (response);
  const char *allowed = _gloss_css_allowed_mime_type (mime_type);

  if (allowed == NULL && !g_str_has_prefix (mime_type, "image/") &&
      !g_str_equal (mime_type, "text/html"))
    allowed = sniff_font (response);
  return g_strdup (allowed != NULL ? allowed : mime_type);
}

/* The archive embeds pictures, fonts and media of known types only; CSS
 * no SVG, which nothing sanitizes (an <img> runs no script in it). */
static gboolean
is_embeddable (const char *mime_type,
               gboolean    in_css)
{
  if (mime_type == NULL)
    return FALSE;
  if (_gloss_css_allowed_mime_type (mime_type) != NULL)
    return TRUE;
  if (in_css)
    return FALSE;
  return g_str_equal (mime_type, "image/svg+xml") || g_str_equal (mime_type, "image/bmp") ||
         g_str_equal (mime_type, "image/x-icon") || g_str_equal (mime_type, "image/vnd.microsoft.icon");
}

static void
leave_out (Resource   *resource,
           InlineData *data,
           char       *reason)
{
  g_free (resource->reason);
  resource->reason = reason;
  if (resource->spool_index >= 0)
    _gloss_spool_drop (data->spool, resource->spool_index);
  resource->spooled = FALSE;
}

static char *
over_cap_reason (InlineData *data,
                 Resource   *resource)
{
  g_autofree char *limit = g_format_size (data->max_bytes);

  return g_strdup_printf (_("%s would make the archive larger than its %s limit"),
                          resource->url, limit);
}

static void
store_response (InlineData    *data,
                Resource      *resource,
                GlossResponse *response)
{
  g_autofree char *mime_type = NULL;
  guint64 length;

  data->bytes += response->size;
  if (resource->is_css)
    {
      gsize size;
      const char *text = g_bytes_get_data (response->body, &size);

      resource->css = g_utf8_make_valid (text ? text : "", size);
      data->spooled += size;
      return;
    }
  mime_type = embedded_mime_type (response);
  if (g_str_equal (mime_type, "text/html"))
    {
      /* an error page in place of the picture */
      leave_out (resource, data, g_strdup_printf (_("%s sent a web page, not a picture"),
                                                  resource->url));
      return;
    }
  /* What the place it goes to may hold (a picture for <img>), then what an
   * archive may embed at all. */
  if (!is_embeddable (mime_type, FALSE) ||
      !_gloss_spool_set_content (data->spool, resource->spool_index, mime_type, response->size))
    {
      leave_out (resource, data, g_strdup_printf (_("%s is %s, which an archive does not embed"),
                                                  resource->url, mime_type));
      return;
    }
  resource->mime_type = g_strdup (mime_type);
  length = _gloss_spool_get_uri_length (data->spool, resource->spool_index);
  if (data->spooled + length > data->max_bytes)
    {
      leave_out (resource, data, over_cap_reason (data, resource));
      return;
    }
  data->spooled += length;
  resource->spooled = TRUE;
}

/* The placeholder of @url's data: URI, counted against the cap at every
 * use; NULL when it is missing, over the cap, or (@in_css) of a type CSS
 * may not embed. */
static const char *
data_uri (InlineData *data,
          const char *url,
          gboolean    in_css)
{
  Resource *resource = url ? g_hash_table_lookup (data->resources, url) : NULL;
  guint64 length;

  if (resource == NULL || !resource->spooled)
    return NULL;
  if (!is_embeddable (resource->mime_type, in_css))
    {
      g_free (resource->reason);
      resource->reason = g_strdup_printf (_("%s is a kind of file a stylesheet in an archive "
                                            "may not embed (%s)"), url, resource->mime_type);
      return NULL;
    }
  length = _gloss_spool_get_uri_length (data->spool, resource->spool_index);
  if (data->embedded + length > data->max_bytes)
    {
      g_free (resource->reason);
      resource->reason = over_cap_reason (data, resource);
      return NULL;
    }
  data->embedded += length;
  if (resource->placeholder == NULL)
    resource->placeholder = _gloss_spool_placeholder (data->spool, resource->spool_index);
  return resource->placeholder;
}

typedef struct
{
  InlineData *data;
  const char *base;
} RewriteContext;

static char *rewrite_sheet (InlineData *data, Resource *sheet);

/* Every URL of the CSS: a fragment and a data: picture or font of an
 * allowed type stay, what was fetched becomes its placeholder, the rest
 * is dropped with what holds it. */
static char *
rewrite_url (const char *href,
             gboolean    is_import,
             gpointer    user_data)
{
  RewriteContext *ctx = user_data;
  g_autofree char *url = NULL;
  const char *uri;

  switch (_gloss_css_url_kind (href))
    {
    case GLOSS_CSS_URL_LOCAL:
    case GLOSS_CSS_URL_DATA:
      return g_strdup (href);
    case GLOSS_CSS_URL_REMOTE:
      url = resolve_css_url (ctx->base, href);
      uri = data_uri (ctx->data, url, TRUE);
      return g_strdup (uri);
    default:
      return NULL;
    }
}

/* An @import becomes the sanitized text of its sheet. */
static char *
rewrite_import (const char *href,
                gpointer    user_data)
{
  RewriteContext *ctx = user_data;
  g_autofree char *url = NULL;
  Resource *sheet;

  if (_gloss_css_url_kind (href) == GLOSS_CSS_URL_DATA_CSS)
    url = g_strdup (href);
  else if (_gloss_css_url_kind (href) == GLOSS_CSS_URL_REMOTE)
    url = resolve_css_url (ctx->base, href);
  sheet = url ? g_hash_table_lookup (ctx->data->resources, url) : NULL;
  return sheet && sheet->css ? rewrite_sheet (ctx->data, sheet) : NULL;
}

/* @css (a sheet, or with @declarations a style="") written back by the
 * sanitizer: every reference a data: URI or gone, every @import its
 * sheet's text, and nothing that could end the <style>. */
static char *
rewrite_css (InlineData *data,
             const char *css,
             const char *base,
             gboolean    declarations)
{
  RewriteContext ctx = { data, base };
  GlossCssPolicy policy = { rewrite_url, rewrite_import, FALSE, &ctx };

  if (declarations)
    return _gloss_css_sanitize_declarations (css, -1, &policy);
  return _gloss_css_sanitize_sheet (css, -1, &policy);
}

static char *
rewrite_sheet (InlineData *data,
               Resource   *sheet)
{
  char *css;

  if (sheet->rewriting)
    return NULL;  /* an @import cycle */
  sheet->rewriting = TRUE;
  css = rewrite_css (data, sheet->css, sheet->url, FALSE);
  sheet->rewriting = FALSE;
  return css;
}

static void
set_text (xmlNode    *node,
          const char *text)
{
  while (node->children != NULL)
    gloss_html_remove_node (node->children);
  xmlAddChild (node, xmlNewText ((const xmlChar *) text));
}

static void
rewrite_url_attr (InlineData *data,
                  xmlNode    *node,
                  const char *name)
{
  g_autofree char *url = gloss_html_get_attr (node, name);
  const char *uri;

  if (url == NULL || g_str_has_prefix (url, "data:"))
    return;
  if ((uri = data_uri (data, url, FALSE)) != NULL)
    xmlSetProp (node, (const xmlChar *) name, (const xmlChar *) uri);
  else
    xmlUnsetProp (node, (const xmlChar *) name);
}

static void
inline_stylesheet_link (InlineData *data,
                        xmlNode    *link)
{
  g_autofree char *href = gloss_html_get_attr (link, "href");
  g_autofree char *media = gloss_html_get_attr (link, "media");
  Resource *sheet = href ? g_hash_table_lookup (data->resources, href) : NULL;
  g_autofree char *css = sheet && sheet->css ? rewrite_sheet (data, sheet) : NULL;
  xmlNode *style;

  if (css != NULL)
    {
      style = xmlNewDocNode (data->doc, NULL, (const xmlChar *) "style", NULL);
      if (media != NULL)
        xmlSetProp (style, (const xmlChar *) "media", (const xmlChar *) media);
      set_text (style, css);
      xmlAddPrevSibling (link, style);
    }
  gloss_html_remove_node (link);
}

static gboolean
rewrite_element (GTask   *task,
                 xmlNode *node)
{
  InlineData *data = g_task_get_task_data (task);
  g_autofree char *base = node_base (data);

  if (gloss_html_is_element (node, "img"))
    rewrite_url_attr (data, node, "src");
  else if (gloss_html_is_element (node, "video"))
    rewrite_url_attr (data, node, "poster");
  if (!data->full_page)
    return TRUE;
  if (is_stylesheet_link (node))
    {
      inline_stylesheet_link (data, node);
      return FALSE;
    }
  if (gloss_html_is_element (node, "style"))
    {
      g_autofree char *css = (char *) xmlNodeGetContent (node);
      g_autofree char *rewritten = rewrite_css (data, css, base, FALSE);
      set_text (node, rewritten);
    }
  else if (xmlHasProp (node, (const xmlChar *) "style"))
    {
      g_autofree char *css = gloss_html_get_attr (node, "style");
      g_autofree char *rewritten = rewrite_css (data, css, base, TRUE);

      if (*rewritten != '\0')
        xmlSetProp (node, (const xmlChar *) "style", (const xmlChar *) rewritten);
      else
        xmlUnsetProp (node, (const xmlChar *) "style");
    }
  return TRUE;
}

static int
compare_urls (gconstpointer a,
              gconstpointer b)
{
  const Resource *first = *(Resource **) a;
  const Resource *second = *(Resource **) b;

  return g_strcmp0 (first->url, second->url);
}

/* What the caller gets: the missing URLs, sorted, and why each is missing. */
static GlossInlineResult *
make_result (InlineData *data)
{
  GlossInlineResult *result = g_new0 (GlossInlineResult, 1);
  g_autoptr(GPtrArray) left_out = g_ptr_array_new ();
  GHashTableIter iter;
  Resource *resource;

  g_hash_table_iter_init (&iter, data->resources);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &resource))
    if (resource->reason != NULL)
      g_ptr_array_add (left_out, resource);
  g_ptr_array_sort (left_out, compare_urls);
  result->missing = g_ptr_array_new_with_free_func (g_free);
  result->reasons = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < left_out->len; i++)
    {
      resource = left_out->pdata[i];
      g_ptr_array_add (result->missing, g_strdup (resource->url));
      g_ptr_array_add (result->reasons, g_strdup (resource->reason));
    }
  result->timed_out = data->timed_out;
  return result;
}

void
_gloss_inline_result_free (GlossInlineResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->missing, g_ptr_array_unref);
  g_clear_pointer (&result->reasons, g_ptr_array_unref);
  g_free (result);
}

static gboolean
is_blank_text (const xmlChar *text)
{
  for (const xmlChar *p = text; p != NULL && *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* A picture that did not arrive and has no alt text shows nothing. */
static gboolean
is_empty_image (xmlNode *node)
{
  g_autofree char *alt = NULL;

  if (!gloss_html_is_element (node, "img") || xmlHasProp (node, (const xmlChar *) "src"))
    return FALSE;
  alt = gloss_html_get_attr (node, "alt");
  return is_blank_text ((const xmlChar *) alt);
}

/* What holds a picture and shows nothing of its own once the picture goes. */
static gboolean
is_empty_frame (xmlNode *node)
{
  if (!gloss_html_is_element (node, "figure") && !gloss_html_is_element (node, "picture") &&
      !gloss_html_is_element (node, "a"))
    return FALSE;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type != XML_TEXT_NODE || !is_blank_text (child->content))
      return FALSE;
  return TRUE;
}

static void
collect_empty_images (xmlNode   *node,
                      GPtrArray *images)
{
  for (; node != NULL; node = node->next)
    if (is_empty_image (node))
      g_ptr_array_add (images, node);
    else if (node->type == XML_ELEMENT_NODE)
      collect_empty_images (node->children, images);
}

/* In reader mode a lead picture or figure whose image could not be fetched
 * would leave an empty box (a figure's margins) in the text: it goes, with
 * the figure, picture or link it leaves empty. A picture with alt text
 * stays, for its text. */
static void
drop_empty_images (xmlNode *root)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new ();

  collect_empty_images (root->children, images);
  for (guint i = 0; i < images->len; i++)
    {
      xmlNode *node = images->pdata[i];
      xmlNode *parent = node->parent;

      gloss_html_remove_node (node);
      while (parent != root && is_empty_frame (parent))
        {
          node = parent;
          parent = node->parent;
          gloss_html_remove_node (node);
        }
    }
}

static void
rewrite_tree (GTask *task)
{
  InlineData *data = g_task_get_task_data (task);

  walk (task, data->root, rewrite_element);
  if (!data->full_page)
    drop_empty_images (data->root);
  g_task_return_pointer (task, make_result (data), (GDestroyNotify) _gloss_inline_result_free);
}

static void
finish_round (GTask *task)
{
  InlineData *data = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (data->styles_round)
    {
      data->styles_round = FALSE;
      request_stylesheet_media (task);
      walk (task, data->root, request_media);
      if (data->pending > 0)
        return;
    }
  rewrite_tree (task);
}

#define DEADLINE_SLACK_US (250 * 1000)

static char *
deadline_reason (InlineData *data,
                 Resource   *resource)
{
  guint seconds = gloss_fetcher_get_clip_timeout (data->fetcher);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s timed out: the clip’s limit of %u second was reached",
                                       "%s timed out: the clip’s limit of %u seconds was reached",
                                       seconds), resource->url, seconds);
}

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  FetchClosure *closure = user_data;
  g_autoptr(GTask) task = closure->task;
  Resource *resource = closure->resource;
  InlineData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossResponse) response = NULL;

  g_free (closure);
  response = gloss_fetcher_fetch_finish (GLOSS_FETCHER (source), result, &error);
  if (response != NULL)
    store_response (data, resource, response);
  else
    {
      g_debug ("Resource not inlined: %s", error->message);
      /* A request's own time-out is cut to the clip's: at the deadline it
       * may fire a moment before the clip's timer does. */
      if (g_error_matches (error, GLOSS_FETCH_ERROR, GLOSS_FETCH_ERROR_TIMED_OUT) &&
          g_get_monotonic_time () >= data->ends_at - DEADLINE_SLACK_US)
        data->timed_out = TRUE;
      leave_out (resource, data, data->timed_out ? deadline_reason (data, resource)
                                                 : g_strdup (error->message));
    }

  if (resource->css != NULL && !g_cancellable_is_cancelled (data->downloads))
    scan_sheet_imports (task, resource);
  data->done++;
  data->pending--;
  if (data->progress != NULL)
    data->progress (data->done, data->total, data->bytes, data->progress_data);
  if (data->pending == 0)
    finish_round (task);
}

/* The clip's time is up: what is still downloading is cancelled, and the
 * archive is made of what arrived. */
static gboolean
on_deadline (gpointer user_data)
{
  InlineData *data = user_data;

  g_debug ("Deadline reached with %u resources pending", data->pending);
  data->timed_out = TRUE;
  g_cancellable_cancel (data->downloads);
  g_clear_pointer (&data->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *caller,
                     GCancellable *downloads)
{
  g_cancellable_cancel (downloads);
}

static void
set_bounds (GTask        *task,
            GCancellable *cancellable,
            gint64        deadline)
{
  InlineData *data = g_task_get_task_data (task);
  gint64 left = deadline - g_get_monotonic_time ();

  data->ends_at = deadline;
  data->downloads = g_cancellable_new ();
  data->max_bytes = gloss_fetcher_get_max_archive_bytes (data->fetcher);
  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                  g_object_ref (data->downloads), g_object_unref);
    }
  data->deadline = g_timeout_source_new (MAX (left, 0) / 1000);
  g_source_set_callback (data->deadline, on_deadline, data, NULL);
  g_source_attach (data->deadline, g_task_get_context (task));
}

void
_gloss_inline_async (GlossFetcher        *fetcher,
                     xmlDoc              *doc,
                     xmlNode             *root,
                     gboolean             full_page,
                     GlossSpool          *spool,
                     gint64               deadline,
                     GlossInlineProgress  progress,
                     gpointer             progress_data,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  InlineData *data;

  g_return_if_fail (GLOSS_IS_FETCHER (fetcher));
  g_return_if_fail (doc != NULL && root != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, _gloss_inline_async);
  data = g_new0 (InlineData, 1);
  data->fetcher = g_object_ref (fetcher);
  data->doc = doc;
  data->root = root;
  data->full_page = full_page;
  data->spool = spool;
  data->progress = progress;
  data->progress_data = progress_data;
  data->resources = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) resource_free);
  data->styles_round = full_page;
  g_task_set_task_data (task, data, (GDestroyNotify) inline_data_free);
  set_bounds (task, cancellable, deadline);

  if (full_page)
    walk (task, root, request_styles);
  else
    walk (task, root, request_media);
  if (data->pending == 0)
    finish_round (task);
}

GlossInlineResult *
_gloss_inline_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
