/* gloss-native.c — the native-messaging protocol: framing, checking each
 * request, and answering it with the clip pipeline
 *
 * What a browser sends is a page like any other: the same parser, sanitizer
 * and caps as a fetched one. Nothing in it is run.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "gloss-anchor.h"
#include "gloss-archive.h"
#include "gloss-annotation.h"
#include "gloss-article.h"
#include "gloss-clip.h"
#include "gloss-fetcher.h"
#include "gloss-json-private.h"
#include "gloss-library.h"
#include "gloss-native.h"
#include "gloss-sidecar.h"
#include "gloss-utils-private.h"

#define MAX_URL_BYTES       (8 * 1024)
#define MAX_TITLE_BYTES     (4 * 1024)
#define MAX_QUOTE_BYTES     (64 * 1024)
#define MAX_CONTEXT_BYTES   (4 * 1024)
#define MAX_MISSING_LISTED  100

G_DEFINE_QUARK (gloss-native-error-quark, gloss_native_error)

static void
resource_free (GlossNativeResource *resource)
{
  g_free (resource->url);
  g_free (resource->content_type);
  g_clear_pointer (&resource->body, g_bytes_unref);
  g_free (resource);
}

void
gloss_native_request_free (GlossNativeRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->url);
  g_free (request->title);
  g_free (request->html);
  g_free (request->exact);
  g_free (request->prefix);
  g_free (request->suffix);
  g_clear_pointer (&request->resources, g_ptr_array_unref);
  g_free (request);
}

char *
gloss_native_read_message (GInputStream  *input,
                           gsize         *length,
                           GCancellable  *cancellable,
                           GError       **error)
{
  guint32 size;
  gsize got = 0;
  g_autofree char *data = NULL;

  if (!g_input_stream_read_all (input, &size, sizeof size, &got, cancellable, error))
    return NULL;
  if (got == 0)
    return NULL;
  if (got < sizeof size)
    {
      g_set_error (error, GLOSS_NATIVE_ERROR, GLOSS_NATIVE_ERROR_FRAMING,
                   _("The message ended inside its length"));
      return NULL;
    }
  if (size > GLOSS_NATIVE_MAX_MESSAGE)
    {
      g_autofree char *limit = g_format_size_full (GLOSS_NATIVE_MAX_MESSAGE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, GLOSS_NATIVE_ERROR, GLOSS_NATIVE_ERROR_TOO_LARGE,
                   _("A message of %u bytes is over the %s limit"), size, limit);
      return NULL;
    }
  data = g_malloc (size + 1);
  if (!g_input_stream_read_all (input, data, size, &got, cancellable, error))
    return NULL;
  if (got < size)
    {
      g_set_error (error, GLOSS_NATIVE_ERROR, GLOSS_NATIVE_ERROR_FRAMING,
                   _("The message ended after %zu of its %u bytes"), got, size);
      return NULL;
    }
  data[size] = '\0';
  *length = size;
  return g_steal_pointer (&data);
}

gboolean
gloss_native_write_message (GOutputStream *output,
                            JsonNode      *message,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize length;
  guint32 size;

  json_generator_set_root (generator, message);
  text = json_generator_to_data (generator, &length);
  size = (guint32) length;
  return g_output_stream_write_all (output, &size, sizeof size, NULL, cancellable, error) &&
         g_output_stream_write_all (output, text, length, NULL, cancellable, error) &&
         g_output_stream_flush (output, cancellable, error);
}

static gboolean
invalid (GError    **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError    **error,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (GLOSS_NATIVE_ERROR, GLOSS_NATIVE_ERROR_INVALID,
                                                format, args));
  va_end (args);
  return FALSE;
}

/* The string @member, at most @max bytes; absent or null is an error only
 * when @required, and so is an empty one then. */
static gboolean
read_field (JsonObject  *object,
            const char  *member,
            gboolean     required,
            gsize        max,
            char       **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if ((node == NULL || JSON_NODE_HOLDS_NULL (node)) && required)
    return invalid (error, _("“%s” is missing"), member);
  if (!_gloss_json_read_string (object, member, FALSE, out, NULL))
    return invalid (error, _("“%s” must be a string"), member);
  if (required && (*out == NULL || **out == '\0'))
    return invalid (error, _("“%s” is missing"), member);
  if (*out != NULL && strlen (*out) > max)
    {
      g_autofree char *limit = g_format_size_full (max, G_FORMAT_SIZE_IEC_UNITS);

      return invalid (error, _("“%s” is over the %s limit"), member, limit);
    }
  return TRUE;
}

/* @member when it is an object; absent or null, NULL with no error. */
static gboolean
read_object (JsonObject  *object,
             const char  *member,
             JsonObject **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("“%s” must be an object or null"), member);
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
read_selection (JsonObject         *object,
                GlossNativeRequest *request,
                GError            **error)
{
  JsonObject *selection;

  if (!read_object (object, "selection", &selection, error))
    return FALSE;
  if (selection == NULL)
    return TRUE;
  return read_field (selection, "exact", TRUE, MAX_QUOTE_BYTES, &request->exact, error) &&
         read_field (selection, "prefix", FALSE, MAX_CONTEXT_BYTES, &request->prefix, error) &&
         read_field (selection, "suffix", FALSE, MAX_CONTEXT_BYTES, &request->suffix, error);
}

static gboolean
read_resource (const char         *url,
               JsonNode           *value,
               GlossNativeRequest *request,
               GError            **error)
{
  GlossNativeResource *resource;
  const char *uri;
  char *content_type = NULL;
  GBytes *body;

  if (!_gloss_is_web_url (url) || strlen (url) > MAX_URL_BYTES)
    return invalid (error, _("The resource “%.200s” is not a web address"), url);
  if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING ||
      g_ascii_strncasecmp ((uri = json_node_get_string (value)), "data:", 5) != 0)
    return invalid (error, _("The resource %.200s must be a data: URI"), url);
  if ((body = soup_uri_decode_data_uri (uri, &content_type)) == NULL)
    return invalid (error, _("The resource %.200s is not a readable data: URI"), url);
  resource = g_new0 (GlossNativeResource, 1);
  resource->url = g_strdup (url);
  resource->content_type = content_type;
  resource->body = body;
  g_ptr_array_add (request->resources, resource);
  return TRUE;
}

static gboolean
read_resources (JsonObject         *object,
                GlossNativeRequest *request,
                GError            **error)
{
  JsonObject *resources;
  JsonObjectIter iter;
  const char *url;
  JsonNode *value;

  if (!read_object (object, "resources", &resources, error))
    return FALSE;
  if (resources == NULL)
    return TRUE;
  if (json_object_get_size (resources) > GLOSS_NATIVE_MAX_RESOURCES)
    return invalid (error, _("%u resources are more than the %u a clip may send"),
                    json_object_get_size (resources), GLOSS_NATIVE_MAX_RESOURCES);
  json_object_iter_init (&iter, resources);
  while (json_object_iter_next (&iter, &url, &value))
    if (!read_resource (url, value, request, error))
      return FALSE;
  return TRUE;
}

static gboolean
read_mode (JsonObject         *object,
           GlossNativeRequest *request,
           GError            **error)
{
  g_autofree char *mode = NULL;

  if (!read_field (object, "mode", FALSE, 16, &mode, error))
    return FALSE;
  if (mode == NULL || g_str_equal (mode, "reader"))
    request->mode = GLOSS_CLIP_MODE_READER;
  else if (g_str_equal (mode, "full"))
    request->mode = GLOSS_CLIP_MODE_FULL;
  else
    return invalid (error, _("“mode” is “reader” or “full”, not “%s”"), mode);
  return TRUE;
}

static gboolean
read_clip (JsonObject         *object,
           GlossNativeRequest *request,
           GError            **error)
{
  if (!read_field (object, "url", TRUE, MAX_URL_BYTES, &request->url, error) ||
      !read_field (object, "title", FALSE, MAX_TITLE_BYTES, &request->title, error) ||
      !read_field (object, "html", TRUE, GLOSS_FETCH_DEFAULT_MAX_PAGE_BYTES, &request->html, error) ||
      !read_mode (object, request, error))
    return FALSE;
  if (!_gloss_is_web_url (request->url))
    return invalid (error, _("“%s” is not a web address Gloss can clip"), request->url);
  return read_selection (object, request, error) && read_resources (object, request, error);
}

GlossNativeRequest *
gloss_native_request_parse (const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GlossNativeRequest) request = g_new0 (GlossNativeRequest, 1);
  g_autoptr(GError) local = NULL;
  g_autofree char *type = NULL;
  JsonNode *root;
  JsonObject *object;

  if (!_gloss_json_load_bounded (parser, data, length, &local))
    {
      g_set_error (error, GLOSS_NATIVE_ERROR, GLOSS_NATIVE_ERROR_MALFORMED,
                   _("The message is not JSON: %s"), local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, GLOSS_NATIVE_ERROR, GLOSS_NATIVE_ERROR_MALFORMED,
                   _("The message is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);
  request->resources = g_ptr_array_new_with_free_func ((GDestroyNotify) resource_free);
  if (!read_field (object, "type", TRUE, 32, &type, error))
    return NULL;
  if (g_str_equal (type, "ping"))
    request->type = GLOSS_NATIVE_PING;
  else if (g_str_equal (type, "clip"))
    {
      request->type = GLOSS_NATIVE_CLIP;
      if (!read_clip (object, request, error))
        return NULL;
    }
  else
    {
      invalid (error, _("“%.32s” is not a message type Gloss knows (ping, clip)"), type);
      return NULL;
    }
  return g_steal_pointer (&request);
}

JsonNode *
gloss_native_error_reply (const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "error");
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static JsonNode *
pong_reply (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "pong");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

typedef struct
{
  GlossLibrary       *library;
  GlossNativeRequest *request;
  GlossClipResult    *clip;
  char               *annotation;  /* the selection's highlight */
  gboolean            orphaned;    /* found nowhere in the article */
  char               *notes_error; /* it could not be saved: why */
} AnswerData;

static void
answer_data_free (AnswerData *data)
{
  g_clear_object (&data->library);
  g_clear_pointer (&data->clip, gloss_clip_result_free);
  g_free (data->annotation);
  g_free (data->notes_error);
  g_free (data);
}

static JsonNode *
clipped_reply (AnswerData *data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GlossClipResult *clip = data->clip;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "clipped");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, clip->id);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, clip->path);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, clip->title);
  json_builder_set_member_name (builder, "annotation");
  if (data->annotation != NULL)
    json_builder_add_string_value (builder, data->annotation);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "orphaned");
  json_builder_add_boolean_value (builder, data->orphaned);
  /* The selection's sidecar problem, else the pipeline's (a re-clip's). */
  if (data->notes_error != NULL || clip->notes_error != NULL)
    {
      json_builder_set_member_name (builder, "notes_error");
      json_builder_add_string_value (builder, data->notes_error != NULL ? data->notes_error
                                                                        : clip->notes_error);
    }
  json_builder_set_member_name (builder, "missing");
  json_builder_begin_array (builder);
  for (guint i = 0; i < MIN (clip->missing->len, MAX_MISSING_LISTED); i++)
    json_builder_add_string_value (builder, clip->missing->pdata[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The highlight already there at the same words, made by clipping the same
 * selection again. */
static GlossAnnotation *
find_same (GlossSidecar          *sidecar,
           const GlossAnnotation *annotation)
{
  for (guint i = 0; i < sidecar->annotations->len; i++)
    {
      GlossAnnotation *other = sidecar->annotations->pdata[i];

      if (other->start == annotation->start && other->end == annotation->end &&
          other->orphaned == annotation->orphaned &&
          g_strcmp0 (other->exact, annotation->exact) == 0)
        return other;
    }
  return NULL;
}

/* In a worker: the selection becomes the article's highlight. */
static void
add_selection (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AnswerData *data = task_data;
  GlossNativeRequest *request = data->request;
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GlossAnnotation) annotation = NULL;
  GlossAnnotation *same;
  GlossAnchorMethod method;
  GError *error = NULL;

  if ((article = gloss_library_open_article (data->clip->path, &error)) == NULL)
    {
      data->notes_error = g_strdup (error->message);
      g_clear_error (&error);
      g_task_return_boolean (task, TRUE);
      return;
    }
  annotation = gloss_anchor_new_annotation (article->text, request->exact, request->prefix,
                                            request->suffix, &method);
  gloss_annotation_set_source_date (annotation, article->info->saved);
  data->orphaned = method == GLOSS_ANCHOR_ORPHAN;
  if ((same = find_same (article->sidecar, annotation)) != NULL)
    {
      data->annotation = g_strdup (same->id);
      g_task_return_boolean (task, TRUE);
      return;
    }
  data->annotation = g_strdup (annotation->id);
  gloss_sidecar_add (article->sidecar, g_steal_pointer (&annotation));
  gloss_article_describe_archive (article);
  if (!gloss_sidecar_save (article->sidecar, &error))
    {
      data->notes_error = g_strdup (error->message);
      g_clear_pointer (&data->annotation, g_free);
      g_clear_error (&error);
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_selection_added (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  g_task_return_pointer (task, clipped_reply (g_task_get_task_data (task)),
                         (GDestroyNotify) json_node_unref);
}

static void
on_clipped (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AnswerData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GTask *selection;

  if ((data->clip = gloss_clip_finish (result, &error)) == NULL)
    {
      g_task_return_pointer (task, gloss_native_error_reply (error->message),
                             (GDestroyNotify) json_node_unref);
      return;
    }
  if (data->request->exact == NULL)
    {
      on_selection_added (NULL, NULL, g_steal_pointer (&task));
      return;
    }
  selection = g_task_new (NULL, NULL, on_selection_added, g_steal_pointer (&task));
  g_task_set_task_data (selection, data, NULL);
  g_task_run_in_thread (selection, add_selection);
  g_object_unref (selection);
}

void
gloss_native_answer_async (GlossFetcher        *fetcher,
                           GlossLibrary        *library,
                           GlossNativeRequest  *request,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  AnswerData *data;

  g_return_if_fail (GLOSS_IS_FETCHER (fetcher));
  g_return_if_fail (GLOSS_IS_LIBRARY (library));
  g_return_if_fail (request != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_native_answer_async);
  if (request->type == GLOSS_NATIVE_PING)
    {
      g_task_return_pointer (task, pong_reply (), (GDestroyNotify) json_node_unref);
      g_object_unref (task);
      return;
    }
  data = g_new0 (AnswerData, 1);
  data->library = g_object_ref (library);
  data->request = request;
  g_task_set_task_data (task, data, (GDestroyNotify) answer_data_free);
  for (guint i = 0; i < request->resources->len; i++)
    {
      GlossNativeResource *resource = request->resources->pdata[i];

      gloss_fetcher_provide (fetcher, resource->url, resource->content_type, resource->body);
    }
  gloss_clip_html_async (fetcher, library, request->html, request->url, request->title,
                         request->mode, NULL, NULL, cancellable, on_clipped, task);
}

JsonNode *
gloss_native_answer_finish (GAsyncResult *result)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}
