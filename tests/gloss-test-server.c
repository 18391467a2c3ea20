/* gloss-test-server.c — a real HTTP server on 127.0.0.1 for the tests
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "gloss-test-utils.h"

#define DELAYED_IMAGES 12

struct _GlossTestServer
{
  SoupServer *server;
  GUri       *base;
  GHashTable *hits;        /* path → count */
  guint       total_hits;
  guint       in_flight;
  guint       max_concurrent;
  GPtrArray  *stalled;     /* messages that never get an answer */
  GHashTable *pages;       /* path → Response set by the test */
};

typedef struct
{
  char   *content_type;
  GBytes *body;
} Response;

static void
response_free (Response *response)
{
  g_free (response->content_type);
  g_bytes_unref (response->body);
  g_free (response);
}

static const char *
content_type_for (const char *path)
{
  static const struct { const char *suffix, *type; } types[] = {
    { ".html", "text/html" }, { ".css", "text/css" }, { ".png", "image/png" },
    { ".jpg", "image/jpeg" }, { ".woff2", "font/woff2" }, { ".js", "text/javascript" },
    { ".txt", "text/plain" }, { ".svg", "image/svg+xml" },
  };

  if (g_str_equal (path, "/charset-header.html"))
    return "text/html; charset=windows-1252";
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_has_suffix (path, types[i].suffix))
      return types[i].type;
  return "application/octet-stream";
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         const char        *body,
         gsize              length)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, length);
}

static void
serve_file (SoupServerMessage *msg,
            const char        *path)
{
  g_autofree char *file = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (strstr (path, "..") != NULL)
    return respond (msg, 403, "text/plain", "no", 2);
  file = gloss_test_site_path (path + 1);
  if (!g_file_get_contents (file, &contents, &length, NULL))
    return respond (msg, 404, "text/html", "<h1>Not Found</h1>", 18);
  respond (msg, 200, content_type_for (path), contents, length);
}

static void
serve_redirect (SoupServerMessage *msg,
                const char        *path)
{
  guint64 n = g_ascii_strtoull (path + strlen ("/redirect/"), NULL, 10);
  g_autofree char *next = n > 0 ? g_strdup_printf ("/redirect/%" G_GUINT64_FORMAT, n - 1)
                                : g_strdup ("/seed.html");

  soup_server_message_set_redirect (msg, 302, next);
}

static void
serve_status (SoupServerMessage *msg,
              const char        *path)
{
  guint status = (guint) g_ascii_strtoull (path + strlen ("/status/"), NULL, 10);
  const char *body = "<html><body><h1>Error</h1><p>This page could not be served.</p></body></html>";

  respond (msg, status, "text/html", body, strlen (body));
}

static void
serve_big (SoupServerMessage *msg,
           gboolean           declared)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *chunk = g_malloc (1024 * 1024);

  memset (chunk, 'a', 1024 * 1024);
  memcpy (chunk, "<html><body><p>", 15);
  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_content_type (headers, "text/html", NULL);
  if (declared)
    {
      /* Claims more than it sends: the client must refuse on the header alone. */
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CONTENT_LENGTH);
      soup_message_headers_set_content_length (headers, 512 * 1024 * 1024);
      soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, 1024);
      return;
    }
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  for (int i = 0; i < 30; i++)
    soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, 1024 * 1024);
  soup_message_body_complete (body);
}

static void
serve_gallery (SoupServerMessage *msg)
{
  GString *html = g_string_new ("<!DOCTYPE html><html><head><title>A Gallery of Colours</title></head>"
                                "<body><article><h1>A Gallery of Colours</h1>");

  for (int i = 0; i < DELAYED_IMAGES; i++)
    g_string_append_printf (html,
                            "<p>Plate %d of the collection, shown here as the painter hung it in "
                            "the long gallery, with the light falling from the left.</p>"
                            "<figure><img src=\"/delayed/%d.png\" alt=\"Plate %d\"></figure>",
                            i, i, i);
  g_string_append (html, "</article></body></html>");
  respond (msg, 200, "text/html", html->str, html->len);
  g_string_free (html, TRUE);
}

typedef struct
{
  GlossTestServer   *self;
  SoupServerMessage *msg;
  guint              timeout_id;
  GBytes            *body;          /* a page the test set; NULL: a picture */
  char              *content_type;
} Delayed;

static void
delayed_free (Delayed *delayed)
{
  g_clear_handle_id (&delayed->timeout_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (delayed->msg, delayed);
  delayed->self->in_flight--;
  g_object_unref (delayed->msg);
  g_clear_pointer (&delayed->body, g_bytes_unref);
  g_free (delayed->content_type);
  g_free (delayed);
}

static gboolean
finish_delayed (gpointer user_data)
{
  Delayed *delayed = user_data;
  g_autofree char *png = NULL;
  gsize length;

  delayed->timeout_id = 0;
  if (delayed->body != NULL)
    {
      const char *body = g_bytes_get_data (delayed->body, &length);

      respond (delayed->msg, 200, delayed->content_type, body, length);
    }
  else
    {
      png = gloss_test_read_site_file ("images/chart.png", &length);
      respond (delayed->msg, 200, "image/png", png, length);
    }
  soup_server_message_unpause (delayed->msg);
  delayed_free (delayed);
  return G_SOURCE_REMOVE;
}

/* The client went away (a cancelled clip): nothing left to answer. */
static void
on_delayed_disconnected (SoupServerMessage *msg,
                     Delayed           *delayed)
{
  delayed_free (delayed);
}

/* /delayed/…: answered 50 ms later, counted while in flight: a picture,
 * or the page the test set there. */
static void
serve_delayed (GlossTestServer   *self,
               SoupServerMessage *msg,
               const char        *path)
{
  Delayed *delayed = g_new0 (Delayed, 1);
  Response *page = g_hash_table_lookup (self->pages, path);

  if (page != NULL)
    {
      delayed->body = g_bytes_ref (page->body);
      delayed->content_type = g_strdup (page->content_type);
    }

  delayed->self = self;
  delayed->msg = g_object_ref (msg);
  self->in_flight++;
  self->max_concurrent = MAX (self->max_concurrent, self->in_flight);
  soup_server_message_pause (msg);
  g_signal_connect (msg, "disconnected", G_CALLBACK (on_delayed_disconnected), delayed);
  delayed->timeout_id = g_timeout_add (50, finish_delayed, delayed);
}

/* /generated/SIZE/NAME.png: a PNG signature and SIZE bytes in all. */
static void
serve_generated (SoupServerMessage *msg,
                 const char        *path)
{
  static const char png[] = "\x89PNG\r\n\x1a\n";
  gsize size = (gsize) g_ascii_strtoull (path + strlen ("/generated/"), NULL, 10);
  char *body = g_malloc0 (MAX (size, sizeof png));

  memcpy (body, png, sizeof png - 1);
  for (gsize i = sizeof png - 1; i < size; i++)
    body[i] = (char) (i * 7);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_TAKE, body, size);
}

/* /beacon/…: what a hostile page's payload asks for. Something plausible for
 * what it pretends to be, so that a browser that fetches it goes on to use
 * it; what matters is that the request was counted. */
static void
serve_beacon (SoupServerMessage *msg,
              const char        *path)
{
  /* GIF89a, 1×1, one transparent pixel (split where a hex escape would run on) */
  static const char gif[] = "GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff"
                            "!\xf9\x04\x01\x00\x00\x00\x00" ",\x00\x00\x00\x00\x01\x00\x01"
                            "\x00\x00\x02\x02" "D\x01\x00" ";";
  static const struct { const char *suffix, *type, *body; } kinds[] = {
    { ".css", "text/css", "p { color: inherit }" },
    { ".js", "text/javascript", "document.title = 'PWNED';" },
    { ".html", "text/html", "<!DOCTYPE html><title>PWNED</title><p>beacon</p>" },
    { ".svg", "image/svg+xml",
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_has_suffix (path, kinds[i].suffix))
      return respond (msg, 200, kinds[i].type, kinds[i].body, strlen (kinds[i].body));
  respond (msg, 200, "image/gif", gif, sizeof gif - 1);
}

static void
stall (GlossTestServer   *self,
       SoupServerMessage *msg)
{
  soup_server_message_pause (msg);
  g_ptr_array_add (self->stalled, g_object_ref (msg));
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  GlossTestServer *self = user_data;
  guint hits = GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, path));

  g_hash_table_insert (self->hits, g_strdup (path), GUINT_TO_POINTER (hits + 1));
  self->total_hits++;

  if (g_str_has_prefix (path, "/delayed/"))
    serve_delayed (self, msg, path);
  else if (g_hash_table_contains (self->pages, path))
    {
      Response *response = g_hash_table_lookup (self->pages, path);
      gsize length;
      const char *body = g_bytes_get_data (response->body, &length);
      respond (msg, 200, response->content_type, body, length);
    }
  else if (g_str_has_prefix (path, "/redirect/"))
    serve_redirect (msg, path);
  else if (g_str_has_prefix (path, "/status/"))
    serve_status (msg, path);
  else if (g_str_equal (path, "/document.pdf"))
    respond (msg, 200, "application/pdf", "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", 15);
  else if (g_str_equal (path, "/big") || g_str_equal (path, "/big-declared"))
    serve_big (msg, g_str_equal (path, "/big-declared"));
  else if (g_str_equal (path, "/slow") || g_str_equal (path, "/slow.png") ||
           g_str_has_prefix (path, "/stalled/"))
    stall (self, msg);
  else if (g_str_has_prefix (path, "/generated/"))
    serve_generated (msg, path);
  else if (g_str_equal (path, "/gallery.html"))
    serve_gallery (msg);
  else if (g_str_has_prefix (path, "/beacon/"))
    serve_beacon (msg, path);
  else
    serve_file (msg, g_str_equal (path, "/") ? "/seed.html" : path);
}

GlossTestServer *
gloss_test_server_new (void)
{
  GlossTestServer *self = g_new0 (GlossTestServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  self->server = soup_server_new ("server-header", "GlossTest", NULL);
  self->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->stalled = g_ptr_array_new_with_free_func (g_object_unref);
  self->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) response_free);
  soup_server_add_handler (self->server, NULL, handle, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->base = g_uri_ref (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self;
}

void
gloss_test_server_free (GlossTestServer *self)
{
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_ptr_array_unref (self->stalled);
  g_hash_table_unref (self->hits);
  g_hash_table_unref (self->pages);
  g_uri_unref (self->base);
  g_free (self);
}

char *
gloss_test_server_url (GlossTestServer *self,
                       const char      *path)
{
  return g_strdup_printf ("http://127.0.0.1:%d%s", g_uri_get_port (self->base), path);
}

void
gloss_test_server_set_page (GlossTestServer *self,
                            const char      *path,
                            const char      *html)
{
  gloss_test_server_set_response (self, path, "text/html; charset=utf-8", html, strlen (html));
}

void
gloss_test_server_set_response (GlossTestServer *self,
                                const char      *path,
                                const char      *content_type,
                                const char      *body,
                                gsize            length)
{
  Response *response = g_new0 (Response, 1);

  response->content_type = g_strdup (content_type);
  response->body = g_bytes_new (body, length);
  g_hash_table_insert (self->pages, g_strdup (path), response);
}

guint
gloss_test_server_hits (GlossTestServer *self,
                        const char      *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, path));
}

guint
gloss_test_server_hits_under (GlossTestServer *self,
                              const char      *prefix)
{
  GHashTableIter iter;
  gpointer path, count;
  guint hits = 0;

  g_hash_table_iter_init (&iter, self->hits);
  while (g_hash_table_iter_next (&iter, &path, &count))
    if (g_str_has_prefix (path, prefix))
      hits += GPOINTER_TO_UINT (count);
  return hits;
}

guint
gloss_test_server_total_hits (GlossTestServer *self)
{
  return self->total_hits;
}

guint
gloss_test_server_max_concurrent (GlossTestServer *self)
{
  return self->max_concurrent;
}
