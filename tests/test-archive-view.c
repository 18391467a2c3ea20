/* test-archive-view.c — a clipped archive opened in a real WebKitWebView makes
 * no request at all, and still shows its pictures
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "gloss-clip.h"
#include "gloss-fetcher.h"
#include "gloss-library.h"
#include "gloss-test-server.h"

typedef struct
{
  gboolean   done;
  GlossClipResult *clip;
  GError    *error;
  JSCValue  *value;
} Waits;

static void
on_clipped (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Waits *w = user_data;

  w->clip = gloss_clip_finish (result, &w->error);
  w->done = TRUE;
}

static void
on_load_changed (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 gpointer         user_data)
{
  Waits *w = user_data;

  if (event == WEBKIT_LOAD_FINISHED)
    w->done = TRUE;
}

static void
on_evaluated (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Waits *w = user_data;

  w->value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, &w->error);
  w->done = TRUE;
}

static gboolean
on_settled (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static char *
evaluate (WebKitWebView *view,
          const char    *script)
{
  Waits w = { 0 };
  char *result;

  webkit_web_view_evaluate_javascript (view, script, -1, NULL, NULL, NULL, on_evaluated, &w);
  gloss_test_wait (&w.done, 30, script);
  g_assert_no_error (w.error);
  result = jsc_value_to_string (w.value);
  g_object_unref (w.value);
  return result;
}

static GlossClipResult *
clip_seed (GlossTestServer *server,
           const char      *library,
           GlossClipMode    mode,
           const char      *path)
{
  g_autoptr(GlossFetcher) fetcher = gloss_fetcher_new ();
  g_autofree char *url = gloss_test_server_url (server, path);
  g_autoptr(GlossLibrary) library_object = gloss_library_new (library);
  Waits w = { 0 };

  gloss_clip_async (fetcher, library_object, url, mode, NULL, NULL, NULL, on_clipped, &w);
  gloss_test_wait (&w.done, 60, "the clip");
  g_assert_no_error (w.error);
  return w.clip;
}

static void
assert_opens_offline (GlossClipMode  mode,
                      const char    *path)
{
  g_autoptr(GlossTestServer) server = gloss_test_server_new ();
  g_autofree char *library = gloss_test_make_temp_dir ();
  g_autoptr(GlossClipResult) clip = clip_seed (server, library, mode, path);
  g_autoptr(WebKitNetworkSession) session = webkit_network_session_new_ephemeral ();
  g_autofree char *uri = g_filename_to_uri (clip->path, NULL, NULL);
  g_autofree char *images = NULL;
  g_autofree char *text = NULL;
  WebKitWebView *view;
  GtkWidget *window;
  guint hits_before;
  gboolean settled = FALSE;
  Waits w = { 0 };

  view = g_object_new (WEBKIT_TYPE_WEB_VIEW, "network-session", session, NULL);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 768);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));

  hits_before = gloss_test_server_total_hits (server);
  g_signal_connect (view, "load-changed", G_CALLBACK (on_load_changed), &w);
  webkit_web_view_load_uri (view, uri);
  gloss_test_wait (&w.done, 60, "the archive to load");
  /* Give late loads (fonts, lazy images, prefetches) their chance. */
  g_timeout_add (1000, on_settled, &settled);
  gloss_test_wait (&settled, 5, "the page to settle");

  g_assert_cmpuint (gloss_test_server_total_hits (server), ==, hits_before);
  images = evaluate (view, "Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0)"
                           ".length + '/' + document.images.length");
  text = evaluate (view, "document.body.innerText");
  if (mode == GLOSS_CLIP_MODE_READER)
    {
      g_assert_cmpstr (images, ==, "3/3");
      g_assert_nonnull (strstr (text, "Alibaba is planning to build a data center in Silicon Valley"));
    }
  else
    g_assert_nonnull (strstr (text, "The proof press arrived on a pallet"));

  gtk_window_destroy (GTK_WINDOW (window));
  gloss_test_remove_tree (library);
}

static void
test_reader_archive_offline (void)
{
  assert_opens_offline (GLOSS_CLIP_MODE_READER, "/seed.html");
}

static void
test_full_archive_offline (void)
{
  assert_opens_offline (GLOSS_CLIP_MODE_FULL, "/full.html");
}

int
main (int    argc,
      char **argv)
{
  g_set_prgname ("gloss-test-archive-view");
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/archive-view/reader-offline", test_reader_archive_offline);
  g_test_add_func ("/archive-view/full-offline", test_full_archive_offline);

  return g_test_run ();
}
