/* test-archive-view.c — a clipped archive opened in a real WebKitWebView makes
 * no request at all, and still shows its pictures
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "gloss-test-utils.h"

static void
assert_opens_offline (GlossClipMode  mode,
                      const char    *path)
{
  g_autoptr(GlossTestServer) server = gloss_test_server_new ();
  char *library = gloss_test_library_new ();
  g_autofree char *id = gloss_test_library_clip (library, server, path, mode);
  g_autofree char *archive = gloss_test_library_archive_path (library, id);
  g_autoptr(WebKitNetworkSession) session = webkit_network_session_new_ephemeral ();
  g_autofree char *uri = g_filename_to_uri (archive, NULL, NULL);
  g_autofree char *images = NULL;
  g_autofree char *text = NULL;
  WebKitWebView *view;
  GtkWidget *window;
  guint hits_before;

  view = g_object_new (WEBKIT_TYPE_WEB_VIEW, "network-session", session, NULL);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 768);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));

  hits_before = gloss_test_server_total_hits (server);
  webkit_web_view_load_uri (view, uri);
  gloss_test_wait_load_finished (view, "the archive to load");
  /* Gives late loads (fonts, lazy images, prefetches) their chance: a check
   * that nothing happens, so there is nothing to wait on but time. */
  gloss_test_run_for (1000);

  g_assert_cmpuint (gloss_test_server_total_hits (server), ==, hits_before);
  images = gloss_test_evaluate_string (view, NULL,
                                       "Array.from(document.images)"
                                       ".filter(i => i.complete && i.naturalWidth > 0)"
                                       ".length + '/' + document.images.length");
  text = gloss_test_evaluate_string (view, NULL, "document.body.innerText");
  if (mode == GLOSS_CLIP_MODE_READER)
    {
      g_assert_cmpstr (images, ==, "3/3");
      g_assert_nonnull (strstr (text, "Alibaba is planning to build a data center in Silicon Valley"));
    }
  else
    g_assert_nonnull (strstr (text, "The proof press arrived on a pallet"));

  gtk_window_destroy (GTK_WINDOW (window));
  gloss_test_library_free (library);
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
