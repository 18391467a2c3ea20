/* fuzz-clip.c — the whole clip pipeline on a page and a stylesheet from the
 * input (NUL-separated): fetched from a SoupServer on 127.0.0.1 in this
 * process, which answers every other path with a tiny picture, inlined,
 * written into a library. The archive, parsed as an HTML5 parser does, must
 * hold no script, handler or script URL, and load nothing: every src, href
 * of a stylesheet and CSS url() is a data: URI. The clip must end within
 * twice its deadline.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define GLOSS_FUZZ_HTML

#include <libsoup/soup.h>
#include <glib/gstdio.h>

#include "gloss-clip.h"
#include "gloss-fetcher.h"
#include "gloss-html.h"
#include "gloss-library.h"
#include "gloss-fuzz.h"

static const guint8 PNG[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
  0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
};

static SoupServer *server;
static char *base_url;
static char *page;      /* this run's */
static char *sheet;

static void
handle (SoupServer        *soup_server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  soup_server_message_set_status (msg, 200, NULL);
  if (g_str_equal (path, "/page.html"))
    soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY, page, strlen (page));
  else if (g_str_has_suffix (path, ".css"))
    soup_server_message_set_response (msg, "text/css", SOUP_MEMORY_COPY, sheet, strlen (sheet));
  else
    soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC, (const char *) PNG,
                                      sizeof PNG);
}

static void
start_server (void)
{
  GSList *uris;

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handle, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL))
    abort ();
  uris = soup_server_get_uris (server);
  base_url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

typedef struct
{
  gboolean         done;
  GlossClipResult *result;
} Wait;

/* A clip must end within its deadline: one that does not is a bug, and an
 * abort () makes libFuzzer keep its input. */
#define DEADLINE_SECONDS 10

static gboolean
on_overdue (gpointer user_data)
{
  g_printerr ("The clip is still running %u s past its deadline\n", DEADLINE_SECONDS);
  abort ();
}

static void
on_clipped (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = gloss_clip_finish (res, NULL);
  wait->done = TRUE;
}

/* Aborts on a resource of the archive that is not embedded. */
static void
check_embedded (xmlNode *node)
{
  GQueue queue = G_QUEUE_INIT;
  static const char * const loading[] = { "src", "poster", "srcset", "background", "data", NULL };

  g_queue_push_tail (&queue, node);
  while ((node = g_queue_pop_head (&queue)) != NULL)
    {
      for (xmlAttr *attr = node->type == XML_ELEMENT_NODE ? node->properties : NULL; attr; attr = attr->next)
        {
          xmlChar *value = xmlNodeGetContent ((xmlNode *) attr);
          gboolean remote = strstr ((const char *) value, "127.0.0.1") != NULL &&
                            (g_strv_contains (loading, (const char *) attr->name) ||
                             g_str_equal ((const char *) attr->name, "style"));

          xmlFree (value);
          if (remote)
            abort ();
        }
      if (node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) node->name, "style") == 0)
        {
          xmlChar *css = xmlNodeGetContent (node);
          gboolean remote = strstr ((const char *) css, "127.0.0.1") != NULL;

          xmlFree (css);
          if (remote)
            abort ();
        }
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        g_queue_push_tail (&queue, child);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GlossFetcher) fetcher = gloss_fetcher_new ();
  g_autofree char *dir = g_dir_make_tmp ("gloss-fuzz-XXXXXX", NULL);
  g_autoptr(GlossLibrary) library = gloss_library_new (dir);
  g_autofree char *url = NULL;
  g_autofree char *archive = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *rm = NULL;
  Wait wait = { 0 };
  guint watchdog;

  if (server == NULL)
    start_server ();
  g_free (page);
  g_free (sheet);
  page = gloss_fuzz_utf8 (gloss_fuzz_field (data, size, 0));
  sheet = gloss_fuzz_utf8 (gloss_fuzz_field (data, size, 1));
  url = g_strconcat (base_url, "page.html", NULL);
  gloss_fetcher_set_clip_limits (fetcher, DEADLINE_SECONDS, 1000 * 1000);
  gloss_clip_async (fetcher, library, url, size > 0 && (data[0] & 1) ? GLOSS_CLIP_MODE_FULL
                                                                      : GLOSS_CLIP_MODE_READER,
                    NULL, NULL, NULL, on_clipped, &wait);
  watchdog = g_timeout_add_seconds (2 * DEADLINE_SECONDS, on_overdue, NULL);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
  if (wait.result != NULL && g_file_get_contents (wait.result->path, &archive, NULL, NULL))
    {
      doc = gloss_html_parse (archive, strlen (archive));
      gloss_fuzz_check_safe (xmlDocGetRootElement (doc));
      check_embedded (xmlDocGetRootElement (doc));
    }
  g_clear_pointer (&wait.result, gloss_clip_result_free);
  /* The library, and its .gloss/ */
  rm = g_strdup_printf ("rm -rf '%s'", dir);
  if (system (rm) != 0)
    abort ();
  return 0;
}
