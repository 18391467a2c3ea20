/* gloss-fetcher.c — GlossFetcher: downloading pages and resources with libsoup
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "gloss-fetcher.h"

#define READ_CHUNK (64 * 1024)
#define SNIFF_BYTES 4096

struct _GlossFetcher
{
  GObject      parent_instance;
  SoupSession *session;
  guint        connect_timeout;
  guint        total_timeout;
  gsize        max_page_bytes;
  gsize        max_resource_bytes;
  guint        per_host_limit;
  guint        clip_timeout;
  guint64      max_archive_bytes;
  GHashTable  *hosts;            /* host → HostSlot */
  GHashTable  *provided;         /* URL → Provided: answered without a request */
};

G_DEFINE_FINAL_TYPE (GlossFetcher, gloss_fetcher, G_TYPE_OBJECT)

typedef struct
{
  guint  active;
  GQueue waiting;                /* of GTask */
} HostSlot;

typedef struct
{
  char   *content_type;
  GBytes *body;
} Provided;

typedef struct
{
  GlossFetcher       *fetcher;
  GUri               *uri;
  gboolean            is_page;
  char               *host;      /* resources only: the per-host slot held */
  GCancellable       *cancellable; /* ours: cancelled by the caller's or the timer */
  GCancellable       *caller_cancellable;
  gulong              cancelled_id;
  GSource            *timeout;
  guint               timeout_seconds;
  gboolean            timed_out;
  guint               redirects;
  SoupMessage        *message;
  GInputStream       *stream;
  GByteArray         *buffer;     /* the body; downloading to a file, its head */
  guint64             received;
  char               *path;       /* downloading to this file */
  GOutputStream      *file;
  GBytes             *chunk;      /* being written to the file */
  GlossFetchProgress  progress;
  gpointer            progress_data;
} FetchData;

G_DEFINE_QUARK (gloss-fetch-error-quark, gloss_fetch_error)

static void start_request (GTask *task);

void
gloss_response_free (GlossResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->url);
  g_free (response->content_type);
  g_free (response->charset);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response);
}

static void
host_slot_free (HostSlot *slot)
{
  g_queue_clear_full (&slot->waiting, g_object_unref);
  g_free (slot);
}

static void
provided_free (Provided *provided)
{
  g_free (provided->content_type);
  g_bytes_unref (provided->body);
  g_free (provided);
}

static void
gloss_fetcher_finalize (GObject *object)
{
  GlossFetcher *self = GLOSS_FETCHER (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->hosts, g_hash_table_unref);
  g_clear_pointer (&self->provided, g_hash_table_unref);
  G_OBJECT_CLASS (gloss_fetcher_parent_class)->finalize (object);
}

static void
gloss_fetcher_class_init (GlossFetcherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_fetcher_finalize;
}

static void
gloss_fetcher_init (GlossFetcher *self)
{
  self->session = soup_session_new_with_options ("user-agent", GLOSS_USER_AGENT,
                                                 "timeout", GLOSS_FETCH_DEFAULT_CONNECT_TIMEOUT,
                                                 "max-conns-per-host", GLOSS_FETCH_DEFAULT_PER_HOST,
                                                 NULL);
  self->connect_timeout = GLOSS_FETCH_DEFAULT_CONNECT_TIMEOUT;
  self->total_timeout = GLOSS_FETCH_DEFAULT_TIMEOUT;
  self->max_page_bytes = GLOSS_FETCH_DEFAULT_MAX_PAGE_BYTES;
  self->max_resource_bytes = GLOSS_FETCH_DEFAULT_MAX_RESOURCE_BYTES;
  self->per_host_limit = GLOSS_FETCH_DEFAULT_PER_HOST;
  self->clip_timeout = GLOSS_FETCH_DEFAULT_CLIP_TIMEOUT;
  self->max_archive_bytes = GLOSS_FETCH_DEFAULT_MAX_ARCHIVE_BYTES;
  self->hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) host_slot_free);
  self->provided = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) provided_free);
}

GlossFetcher *
gloss_fetcher_new (void)
{
  return g_object_new (GLOSS_TYPE_FETCHER, NULL);
}

void
gloss_fetcher_set_timeouts (GlossFetcher *self,
                            guint         connect_seconds,
                            guint         total_seconds)
{
  g_return_if_fail (GLOSS_IS_FETCHER (self));

  g_object_set (self->session, "timeout", connect_seconds, NULL);
  self->connect_timeout = connect_seconds;
  self->total_timeout = total_seconds;
}

void
gloss_fetcher_set_max_bytes (GlossFetcher *self,
                             gsize         max_page_bytes,
                             gsize         max_resource_bytes)
{
  g_return_if_fail (GLOSS_IS_FETCHER (self));

  self->max_page_bytes = max_page_bytes;
  self->max_resource_bytes = max_resource_bytes;
}

void
gloss_fetcher_set_clip_limits (GlossFetcher *self,
                               guint         timeout_seconds,
                               guint64       max_archive_bytes)
{
  g_return_if_fail (GLOSS_IS_FETCHER (self));
  g_return_if_fail (timeout_seconds > 0);

  self->clip_timeout = timeout_seconds;
  self->max_archive_bytes = max_archive_bytes;
}

guint
gloss_fetcher_get_clip_timeout (GlossFetcher *self)
{
  g_return_val_if_fail (GLOSS_IS_FETCHER (self), 0);

  return self->clip_timeout;
}

guint64
gloss_fetcher_get_max_archive_bytes (GlossFetcher *self)
{
  g_return_val_if_fail (GLOSS_IS_FETCHER (self), 0);

  return self->max_archive_bytes;
}

static void
fetch_data_free (FetchData *data)
{
  if (data->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (data->caller_cancellable, data->cancelled_id);
      g_object_unref (data->caller_cancellable);
    }
  if (data->timeout != NULL)
    {
      g_source_destroy (data->timeout);
      g_source_unref (data->timeout);
    }
  g_clear_pointer (&data->uri, g_uri_unref);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->message);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  g_clear_object (&data->file);
  g_clear_pointer (&data->chunk, g_bytes_unref);
  g_free (data->path);
  g_clear_object (&data->fetcher);
  g_free (data->host);
  g_free (data);
}

static gsize
max_bytes (FetchData *data)
{
  return data->is_page ? data->fetcher->max_page_bytes : data->fetcher->max_resource_bytes;
}

static char *
uri_string (FetchData *data)
{
  return g_uri_to_string_partial (data->uri, G_URI_HIDE_PASSWORD);
}

/* Lets the next resource waiting for the same host start. */
static void
release_host (FetchData *data)
{
  HostSlot *slot;
  GTask *next;

  if (data->host == NULL)
    return;
  slot = g_hash_table_lookup (data->fetcher->hosts, data->host);
  g_clear_pointer (&data->host, g_free);
  g_assert (slot != NULL && slot->active > 0);
  slot->active--;
  if ((next = g_queue_pop_head (&slot->waiting)) != NULL)
    {
      slot->active++;
      start_request (next);  /* takes the queue's reference */
    }
}

static void
fail (GTask  *task,
      GError *error)
{
  FetchData *data = g_task_get_task_data (task);

  if (data->timed_out)
    {
      g_autofree char *url = uri_string (data);

      g_clear_error (&error);
      error = g_error_new (GLOSS_FETCH_ERROR, GLOSS_FETCH_ERROR_TIMED_OUT,
                           _("%s did not answer within %u seconds"),
                           url, data->timeout_seconds);
    }
  else if (g_cancellable_is_cancelled (g_task_get_cancellable (task)) &&
           !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&error);
      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
    }
  release_host (data);
  g_task_return_error (task, error);
}

static void
fail_with (GTask      *task,
           int         code,
           const char *format,
           ...) G_GNUC_PRINTF (3, 4);

static void
fail_with (GTask      *task,
           int         code,
           const char *format,
           ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fail (task, g_error_new_literal (GLOSS_FETCH_ERROR, code, message));
  g_free (message);
}

static void
fail_network (GTask  *task,
              GError *error)
{
  FetchData *data = g_task_get_task_data (task);
  g_autofree char *url = uri_string (data);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || data->timed_out)
    {
      fail (task, error);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    fail_with (task, GLOSS_FETCH_ERROR_TIMED_OUT, _("%s did not answer within %u seconds"),
               url, data->fetcher->connect_timeout);
  else
    fail_with (task, GLOSS_FETCH_ERROR_NETWORK, _("Could not reach %s: %s"), url, error->message);
  g_error_free (error);
}

static void
succeed (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  GlossResponse *response = g_new0 (GlossResponse, 1);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->message);
  GHashTable *params = NULL;
  const char *content_type = soup_message_headers_get_content_type (headers, &params);

  response->url = uri_string (data);
  response->content_type = content_type ? g_ascii_strdown (content_type, -1) : NULL;
  response->charset = params ? g_strdup (g_hash_table_lookup (params, "charset")) : NULL;
  response->body = g_byte_array_free_to_bytes (g_steal_pointer (&data->buffer));
  response->size = data->received;
  g_clear_pointer (&params, g_hash_table_unref);
  release_host (data);
  g_task_return_pointer (task, response, (GDestroyNotify) gloss_response_free);
}

static gboolean
looks_like_html (const char *content_type)
{
  return content_type == NULL ||
         g_str_equal (content_type, "text/html") ||
         g_str_equal (content_type, "application/xhtml+xml") ||
         g_str_equal (content_type, "application/octet-stream") ||
         g_str_equal (content_type, "text/plain");  /* misconfigured servers; sniffed later */
}

static void on_read (GObject *source, GAsyncResult *result, gpointer user_data);

static void
read_next (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   data->cancellable, on_read, task);
}

static void
fail_file (GTask  *task,
           GError *error)
{
  FetchData *data = g_task_get_task_data (task);
  g_autofree char *url = uri_string (data);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      fail (task, error);
      return;
    }
  fail_with (task, GLOSS_FETCH_ERROR_NETWORK, _("Could not keep %s in %s: %s"), url, data->path,
             error->message);
  g_error_free (error);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  FetchData *data = g_task_get_task_data (task);
  GError *error = NULL;

  g_clear_pointer (&data->chunk, g_bytes_unref);
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      fail_file (task, error);
      g_object_unref (task);
      return;
    }
  read_next (task);
}

static void
finish_body (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (data->file != NULL && !g_output_stream_close (data->file, NULL, &error))
    {
      fail_file (task, error);
      return;
    }
  succeed (task);
}

/* Downloading to a file: the first bytes stay in memory for sniffing, the
 * chunk goes to the file, the next read follows once it is written. */
static gboolean
keep_chunk (GTask  *task,
            GBytes *chunk)
{
  FetchData *data = g_task_get_task_data (task);
  gsize size;
  const guint8 *bytes = g_bytes_get_data (chunk, &size);

  data->received += size;
  if (data->file == NULL)
    {
      g_byte_array_append (data->buffer, bytes, size);
      return FALSE;
    }
  if (data->buffer->len < SNIFF_BYTES)
    g_byte_array_append (data->buffer, bytes, MIN (size, SNIFF_BYTES - data->buffer->len));
  data->chunk = g_bytes_ref (chunk);
  g_output_stream_write_all_async (data->file, bytes, size, G_PRIORITY_DEFAULT,
                                   data->cancellable, on_written, g_object_ref (task));
  return TRUE;
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      fail_network (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      finish_body (task);
      return;
    }
  if (data->received + g_bytes_get_size (chunk) > max_bytes (data))
    {
      g_autofree char *url = uri_string (data);
      g_autofree char *limit = g_format_size_full (max_bytes (data), G_FORMAT_SIZE_IEC_UNITS);

      fail_with (task, GLOSS_FETCH_ERROR_TOO_LARGE, _("%s is larger than the %s limit"), url, limit);
      return;
    }
  if (keep_chunk (task, chunk))
    return;
  if (data->progress != NULL)
    data->progress (data->received, data->progress_data);
  read_next (g_steal_pointer (&task));
}

/* Opens the file a download goes to, on the first successful answer. */
static gboolean
open_file (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GFile) file = NULL;
  GError *error = NULL;

  if (data->path == NULL)
    return TRUE;
  file = g_file_new_for_path (data->path);
  data->file = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                                NULL, &error));
  if (data->file == NULL)
    {
      fail_file (task, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
follow_redirect (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->message);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autofree char *url = uri_string (data);
  GUri *next;

  if (location == NULL)
    return FALSE;
  if (++data->redirects > GLOSS_FETCH_MAX_REDIRECTS)
    {
      fail_with (task, GLOSS_FETCH_ERROR_TOO_MANY_REDIRECTS,
                 _("%s redirected more than %d times"), url, GLOSS_FETCH_MAX_REDIRECTS);
      return TRUE;
    }
  next = g_uri_parse_relative (data->uri, location, G_URI_FLAGS_ENCODED, NULL);
  if (next == NULL || (g_strcmp0 (g_uri_get_scheme (next), "http") != 0 &&
                       g_strcmp0 (g_uri_get_scheme (next), "https") != 0))
    {
      fail_with (task, GLOSS_FETCH_ERROR_INVALID_URL,
                 _("%s redirected to “%s”, which is not a web address"), url, location);
      g_clear_pointer (&next, g_uri_unref);
      return TRUE;
    }
  g_debug ("Redirect %u: %s → %s", data->redirects, url, location);
  g_uri_unref (data->uri);
  data->uri = next;
  g_clear_object (&data->message);
  start_request (g_object_ref (task));
  return TRUE;
}

static gboolean
check_response (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->message);
  guint status = soup_message_get_status (data->message);
  goffset length = soup_message_headers_get_content_length (headers);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autofree char *url = uri_string (data);
  g_autofree char *type = content_type ? g_ascii_strdown (content_type, -1) : NULL;

  if (status >= 400)
    fail_with (task, GLOSS_FETCH_ERROR_HTTP, _("%s could not be downloaded: the server answered %u %s"),
               url, status, soup_message_get_reason_phrase (data->message));
  else if (status < 200 || status >= 300)
    fail_with (task, GLOSS_FETCH_ERROR_HTTP, _("%s could not be downloaded: unexpected answer %u %s"),
               url, status, soup_message_get_reason_phrase (data->message));
  else if (length > 0 && (gsize) length > max_bytes (data))
    {
      g_autofree char *limit = g_format_size_full (max_bytes (data), G_FORMAT_SIZE_IEC_UNITS);

      fail_with (task, GLOSS_FETCH_ERROR_TOO_LARGE, _("%s is larger than the %s limit"), url, limit);
    }
  else if (data->is_page && !looks_like_html (type))
    fail_with (task, GLOSS_FETCH_ERROR_NOT_HTML, _("%s is not a web page (it is %s)"), url, type);
  else
    return TRUE;
  return FALSE;
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  GError *error = NULL;
  guint status;

  data->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (data->stream == NULL)
    {
      fail_network (task, error);
      return;
    }
  status = soup_message_get_status (data->message);
  if (SOUP_STATUS_IS_REDIRECTION (status) && status != 304)
    {
      g_clear_object (&data->stream);
      if (follow_redirect (task))
        return;
    }
  if (!check_response (task) || !open_file (task))
    return;
  data->buffer = g_byte_array_new ();
  read_next (g_steal_pointer (&task));
}

static gboolean
on_timeout (gpointer user_data)
{
  FetchData *data = user_data;

  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);
  g_clear_pointer (&data->timeout, g_source_unref);
  return G_SOURCE_REMOVE;
}

/* Takes a reference on @task. The time limit counts from the first request,
 * not from the time a resource waited for its host. */
static void
start_request (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  if (data->timeout == NULL && !data->timed_out)
    {
      /* No request outlives the clip it is for. */
      data->timeout_seconds = MIN (data->fetcher->total_timeout, data->fetcher->clip_timeout);
      data->timeout = g_timeout_source_new_seconds (data->timeout_seconds);
      g_source_set_callback (data->timeout, on_timeout, data, NULL);
      g_source_attach (data->timeout, g_task_get_context (task));
    }

  if (g_cancellable_is_cancelled (data->cancellable))
    {
      fail (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled")));
      g_object_unref (task);
      return;
    }
  data->message = soup_message_new_from_uri (SOUP_METHOD_GET, data->uri);
  soup_message_add_flags (data->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (data->message);
  soup_message_headers_replace (headers, "Accept", data->is_page
                                ? "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"
                                : "image/avif,image/webp,image/png,image/*;q=0.9,text/css,*/*;q=0.8");
  soup_message_headers_replace (headers, "Accept-Language", "en-US,en;q=0.7,*;q=0.5");
  soup_session_send_async (data->fetcher->session, data->message, G_PRIORITY_DEFAULT,
                           data->cancellable, on_sent, task);
}

static void
on_caller_cancelled (GCancellable *caller,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

/* @url, when it is an http or https address with a host; else NULL. */
static GUri *
parse_web_uri (const char *url)
{
  GUri *uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  if (host != NULL && *host != '\0' &&
      (g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0))
    return uri;
  g_clear_pointer (&uri, g_uri_unref);
  return NULL;
}

static GTask *
fetch_task_new (GlossFetcher  *self,
                const char    *url,
                gboolean       is_page,
                GCancellable  *cancellable,
                GAsyncReadyCallback callback,
                gpointer       user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  FetchData *data = g_new0 (FetchData, 1);

  g_task_set_source_tag (task, gloss_fetcher_fetch_page_async);
  data->fetcher = g_object_ref (self);
  data->is_page = is_page;
  data->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  if ((data->uri = parse_web_uri (url)) == NULL)
    {
      g_task_return_new_error (task, GLOSS_FETCH_ERROR, GLOSS_FETCH_ERROR_INVALID_URL,
                               _("“%s” is not a valid web address"), url);
      g_object_unref (task);
      return NULL;
    }

  if (cancellable != NULL)
    {
      /* Runs the handler at once if @cancellable already is cancelled. */
      data->caller_cancellable = g_object_ref (cancellable);
      data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                  g_object_ref (data->cancellable), g_object_unref);
    }
  return task;
}

void
gloss_fetcher_fetch_page_async (GlossFetcher        *self,
                                const char          *url,
                                GlossFetchProgress   progress,
                                gpointer             progress_data,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  FetchData *data;

  g_return_if_fail (GLOSS_IS_FETCHER (self));
  g_return_if_fail (url != NULL);

  if ((task = fetch_task_new (self, url, TRUE, cancellable, callback, user_data)) == NULL)
    return;
  data = g_task_get_task_data (task);
  data->progress = progress;
  data->progress_data = progress_data;
  start_request (task);
}

static void
queue_resource (GlossFetcher *self,
                GTask        *task)
{
  FetchData *data = g_task_get_task_data (task);
  HostSlot *slot;

  data->host = g_strdup_printf ("%s:%d", g_uri_get_host (data->uri), g_uri_get_port (data->uri));
  if ((slot = g_hash_table_lookup (self->hosts, data->host)) == NULL)
    g_hash_table_insert (self->hosts, g_strdup (data->host), slot = g_new0 (HostSlot, 1));
  if (slot->active < self->per_host_limit)
    {
      slot->active++;
      start_request (task);
    }
  else
    g_queue_push_tail (&slot->waiting, task);
}

gboolean
gloss_fetcher_provide (GlossFetcher *self,
                       const char   *url,
                       const char   *content_type,
                       GBytes       *body)
{
  g_autoptr(GUri) uri = NULL;
  Provided *provided;

  g_return_val_if_fail (GLOSS_IS_FETCHER (self), FALSE);
  g_return_val_if_fail (url != NULL && body != NULL, FALSE);

  if ((uri = parse_web_uri (url)) == NULL)
    return FALSE;
  provided = g_new0 (Provided, 1);
  provided->content_type = content_type ? g_ascii_strdown (content_type, -1) : NULL;
  provided->body = g_bytes_ref (body);
  g_hash_table_replace (self->provided, g_uri_to_string_partial (uri, G_URI_HIDE_PASSWORD),
                        provided);
  return TRUE;
}

static void
return_provided (GTask    *task,
                 Provided *provided)
{
  FetchData *data = g_task_get_task_data (task);
  GlossResponse *response;
  gsize size = g_bytes_get_size (provided->body);
  GError *error = NULL;

  if (size > max_bytes (data))
    {
      g_autofree char *url = uri_string (data);
      g_autofree char *limit = g_format_size_full (max_bytes (data), G_FORMAT_SIZE_IEC_UNITS);

      fail_with (task, GLOSS_FETCH_ERROR_TOO_LARGE, _("%s is larger than the %s limit"), url, limit);
      return;
    }
  if (data->path != NULL &&
      !g_file_set_contents_full (data->path, g_bytes_get_data (provided->body, NULL), size,
                                 G_FILE_SET_CONTENTS_NONE, 0600, &error))
    {
      fail_file (task, error);
      return;
    }
  response = g_new0 (GlossResponse, 1);
  response->url = uri_string (data);
  response->content_type = g_strdup (provided->content_type);
  response->body = data->path ? g_bytes_new_from_bytes (provided->body, 0, MIN (size, SNIFF_BYTES))
                              : g_bytes_ref (provided->body);
  response->size = size;
  g_task_return_pointer (task, response, (GDestroyNotify) gloss_response_free);
}

/* A resource the caller provided is answered at once; any other waits for
 * its host. */
static void
start_resource (GlossFetcher *self,
                GTask        *task)
{
  FetchData *data = g_task_get_task_data (task);
  g_autofree char *url = uri_string (data);
  Provided *provided = g_hash_table_lookup (self->provided, url);

  if (provided == NULL)
    {
      queue_resource (self, task);
      return;
    }
  return_provided (task, provided);
  g_object_unref (task);
}

void
gloss_fetcher_fetch_resource_async (GlossFetcher        *self,
                                    const char          *url,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (GLOSS_IS_FETCHER (self));
  g_return_if_fail (url != NULL);

  if ((task = fetch_task_new (self, url, FALSE, cancellable, callback, user_data)) != NULL)
    start_resource (self, task);
}

void
gloss_fetcher_download_resource_async (GlossFetcher        *self,
                                       const char          *url,
                                       const char          *path,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;
  FetchData *data;

  g_return_if_fail (GLOSS_IS_FETCHER (self));
  g_return_if_fail (url != NULL && path != NULL);

  if ((task = fetch_task_new (self, url, FALSE, cancellable, callback, user_data)) == NULL)
    return;
  data = g_task_get_task_data (task);
  data->path = g_strdup (path);
  start_resource (self, task);
}

GlossResponse *
gloss_fetcher_fetch_finish (GlossFetcher  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
