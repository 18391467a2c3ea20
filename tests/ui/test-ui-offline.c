/* test-ui-offline.c — the offline guarantee: an archive that points at a
 * loopback server in every way a page can makes no request at all while the
 * window shows it, and its scripts never run
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-ui-test.h"

#define ARCHIVE_ID "every-way-to-reach-the-network-0badc0de"

/* No CSP <meta> of its own: the view's layers must do all the work. */
static char *
hostile_archive (GlossTestServer *server)
{
  g_autofree char *base = gloss_test_server_url (server, "");
  g_autofree char *ws = NULL;
  g_autoptr(GString) html = g_string_new (NULL);

  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  ws = g_strconcat ("ws", base + strlen ("http"), NULL);

  g_string_append_printf (html,
    "<!DOCTYPE html>\n<html lang=\"en\"><head>\n<meta charset=\"utf-8\">\n"
    "<title>Every way to reach the network</title>\n"
    "<meta name=\"gloss:source\" content=\"%1$s/hostile-source.html\">\n"
    "<meta name=\"gloss:saved\" content=\"2026-01-01T00:00:00Z\">\n"
    "<meta name=\"gloss:mode\" content=\"full\">\n"
    "<meta http-equiv=\"refresh\" content=\"0; url=%1$s/refresh\">\n"
    "<link rel=\"stylesheet\" href=\"%1$s/css/style.css\">\n"
    "<link rel=\"prefetch\" href=\"%1$s/prefetch\">\n"
    "<link rel=\"preload\" as=\"image\" href=\"%1$s/preload.png\">\n"
    "<link rel=\"preconnect\" href=\"%1$s/\">\n"
    "<link rel=\"dns-prefetch\" href=\"%1$s/\">\n"
    "<link rel=\"icon\" href=\"%1$s/favicon.ico\">\n"
    "<style>@import url(\"%1$s/css/imported.css\");\n"
    "@font-face { font-family: Remote; src: url(\"%1$s/fonts/test.woff2\") format(\"woff2\"); }\n"
    "body { font-family: Remote; background: url(\"%1$s/images/bg.png\"); }</style>\n"
    "<script src=\"%1$s/js/tracker.js\"></script>\n"
    "<script>document.title = 'script ran'; fetch('%1$s/fetch');"
    " new WebSocket('%2$s/ws');</script>\n"
    "</head><body>\n"
    "<h1 style=\"font-family: Remote\">Nothing here may load</h1>\n"
    "<p id=\"text\">The quick brown fox stays offline.</p>\n"
    "<img src=\"%1$s/images/chart.png\" alt=\"chart\">\n"
    "<img srcset=\"%1$s/images/hero-400.png 400w, %1$s/images/hero-800.png 800w\" sizes=\"100vw\""
    " alt=\"hero\">\n"
    "<picture><source srcset=\"%1$s/images/hero-1600.png\"><img src=\"%1$s/images/hero-800.png\""
    " alt=\"picture\"></picture>\n"
    "<img src=\"%1$s/lazy.png\" loading=\"lazy\" alt=\"lazy\">\n"
    "<div style=\"background-image: url('%1$s/inline-bg.png'); height: 20px\"></div>\n"
    "<iframe src=\"%1$s/frame.html\"></iframe>\n"
    "<object data=\"%1$s/object.html\"></object>\n"
    "<embed src=\"%1$s/embed.html\">\n"
    "<video poster=\"%1$s/poster.png\" src=\"%1$s/video.webm\" preload=\"auto\"></video>\n"
    "<audio src=\"%1$s/audio.ogg\" preload=\"auto\"></audio>\n"
    "<svg width=\"10\" height=\"10\"><image href=\"%1$s/svg-image.png\" width=\"10\""
    " height=\"10\"/></svg>\n"
    "<img src=\"data:,\" onerror=\"new Image().src = '%1$s/onerror'\" alt=\"\">\n"
    "<p><a id=\"link\" href=\"%1$s/link\">a link</a></p>\n"
    "</body></html>\n", base, ws);
  return g_string_free (g_steal_pointer (&html), FALSE);
}

static char *
write_archive (GlossTestServer *server,
               const char      *library)
{
  g_autofree char *html = hostile_archive (server);

  return gloss_test_library_add (library, ARCHIVE_ID ".html", html);
}

static gboolean
reached_server (gpointer server)
{
  return gloss_test_server_total_hits (server) >= 5;
}

/* The fixture is honest: in a WebKitWebView with no protection it does reach
 * the server. Otherwise a zero below would prove nothing. */
static void
test_fixture_reaches_network (void)
{
  g_autoptr(GlossTestServer) server = gloss_test_server_new ();
  char *library = gloss_test_library_new ();
  g_autofree char *path = write_archive (server, library);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(WebKitNetworkSession) session = webkit_network_session_new_ephemeral ();
  WebKitWebView *view = g_object_new (WEBKIT_TYPE_WEB_VIEW, "network-session", session, NULL);
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  webkit_web_view_load_uri (view, uri);
  gloss_test_wait_load_finished (view, "the unprotected page to load");
  gloss_test_wait_until (reached_server, server, 10, "the unprotected page to reach the server");

  g_test_message ("Unprotected view: %u requests", gloss_test_server_total_hits (server));
  g_assert_cmpuint (gloss_test_server_total_hits (server), >=, 5);

  gtk_window_destroy (GTK_WINDOW (window));
  gloss_test_library_free (library);
}

static void
test_window_view_is_offline (void)
{
  g_autoptr(GlossTestServer) server = gloss_test_server_new ();
  char *library = gloss_test_library_new ();
  g_autofree char *path = write_archive (server, library);
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *uri = gloss_article_view_dup_uri_for_id (ARCHIVE_ID);
  g_autofree char *scripts = NULL;
  GlossWindow *window;
  WebKitWebView *view;

  gloss_ui_test_reset_settings ();
  window = gloss_ui_test_open_window (library);
  g_assert_cmpuint (gloss_library_model_count_articles (_gloss_window_get_model (window)), ==, 1);

  g_assert_true (gloss_window_open_article (window, ARCHIVE_ID));
  gloss_ui_test_wait_article (window, ARCHIVE_ID);
  view = gloss_article_view_get_web_view (_gloss_window_get_article_view (window));
  /* Fonts, lazy images, prefetches and the meta refresh get their chance:
   * a check that nothing happens, so there is nothing to wait on but time. */
  gloss_test_run_for (2000);

  g_assert_cmpuint (gloss_test_server_total_hits (server), ==, 0);

  /* It did load, it is still the article, and none of its scripts ran. */
  g_assert_cmpstr (webkit_web_view_get_uri (view), ==, uri);
  title = gloss_test_evaluate_string (view, NULL, "document.title");
  g_assert_cmpstr (title, ==, "Every way to reach the network");
  text = gloss_test_evaluate_string (view, NULL, "document.getElementById('text').textContent");
  g_assert_cmpstr (text, ==, "The quick brown fox stays offline.");
  /* With script markup off, <script> never even becomes an element. */
  scripts = gloss_test_evaluate_string (view, NULL, "String(document.scripts.length)");
  g_assert_cmpstr (scripts, ==, "0");

  /* Scrolling through everything (lazy loading) changes nothing either (a
   * check that nothing happens: only time). */
  g_free (gloss_test_evaluate_string (view, NULL,
                                      "window.scrollTo(0, document.body.scrollHeight); 'ok'"));
  gloss_test_run_for (1000);
  g_assert_cmpuint (gloss_test_server_total_hits (server), ==, 0);

  gloss_ui_test_close_window (window);
  gloss_test_library_free (library);
}

/* The view refuses anything but the article it was asked to show. */
static void
test_view_refuses_other_documents (void)
{
  g_autoptr(GlossTestServer) server = gloss_test_server_new ();
  char *library = gloss_test_library_new ();
  g_autofree char *path = write_archive (server, library);
  g_autofree char *url = gloss_test_server_url (server, "/seed.html");
  g_autofree char *file_uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *expected = gloss_article_view_dup_uri_for_id (ARCHIVE_ID);
  GlossWindow *window;
  WebKitWebView *view;

  gloss_ui_test_reset_settings ();
  window = gloss_ui_test_open_window (library);
  g_assert_true (gloss_window_open_article (window, ARCHIVE_ID));
  gloss_ui_test_wait_article (window, ARCHIVE_ID);
  view = gloss_article_view_get_web_view (_gloss_window_get_article_view (window));

  webkit_web_view_load_uri (view, url);
  webkit_web_view_load_uri (view, file_uri);
  webkit_web_view_load_uri (view, "gloss://article/another-article-00000000");
  /* Refused loads leave no trace to wait on: a check that nothing happens. */
  gloss_test_run_for (1000);
  g_assert_cmpstr (webkit_web_view_get_uri (view), ==, expected);
  g_assert_cmpuint (gloss_test_server_total_hits (server), ==, 0);

  gloss_ui_test_close_window (window);
  gloss_test_library_free (library);
}

int
main (int    argc,
      char **argv)
{
  gloss_ui_test_init (&argc, &argv, "gloss-test-ui-offline");

  g_test_add_func ("/ui/offline/fixture-reaches-network", test_fixture_reaches_network);
  g_test_add_func ("/ui/offline/window-view-is-offline", test_window_view_is_offline);
  g_test_add_func ("/ui/offline/refuses-other-documents", test_view_refuses_other_documents);

  return g_test_run ();
}
