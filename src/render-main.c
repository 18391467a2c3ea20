/* render-main.c — gloss-render: a page as a browser shows it, after its scripts
 *
 *   gloss-render [--timeout SECONDS] URL
 *
 * Loads URL in a WebKitWebView with JavaScript on, waits for the page to
 * settle, scrolls it to wake lazy pictures, and prints
 * {"url": …, "title": …, "html": …} on stdout: the DOM as it then stands.
 * `gloss clip --render` and the window's clip run it (gloss-render.h) and put
 * what it prints through the same pipeline as a fetched page.
 *
 * The page is confined: an ephemeral network session (nothing kept on disk),
 * no pop-ups, no navigation once it has loaded, no downloads, no
 * notifications, camera or location, no media playing by itself, and the
 * reader's clicks do not reach it. WebKit draws and times only a page that is
 * on screen (hidden, it has no viewport, no animation frames and no
 * intersection observers), so the page is in a window of its own, which
 * says what it is doing and can be cancelled: gloss-render.c runs it on a
 * private display (xvfb-run) where it can, else on the reader's.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <webkit/webkit.h>

#include "gloss-fetcher.h"
#include "gloss-i18n.h"

#define DEFAULT_TIMEOUT  30
/* A page as large as a fetched one may be. */
#define MAX_HTML_BYTES   GLOSS_FETCH_DEFAULT_MAX_PAGE_BYTES
/* Beyond the page's own deadline: for a page whose scripts never yield. */
#define GRACE_SECONDS    3
/* The reader pressed Cancel or closed the window (gloss-render.c knows it). */
#define EXIT_CANCELLED   3

typedef struct
{
  GMainLoop     *loop;
  GtkWindow     *window;
  WebKitWebView *view;
  GCancellable  *cancellable;
  char          *url;
  guint          timeout;
  gint64         deadline;   /* monotonic µs */
  gboolean       committed;  /* the page is in: no navigation after this */
  gboolean       settling;   /* the settle script runs */
  guint          load_wait;  /* until the load finishes, or half the time is gone */
  guint          hard_stop;
  char          *error;
  int            status;
} Render;

/* Runs in an isolated world: the page's scripts can neither see nor change
 * it. Waits until neither the DOM's nodes and text nor the resources loaded
 * have changed for half a second (4 s at most: a ticking clock or a carousel
 * never rests), scrolls a screen at a time (at most 12) while the page grows
 * or moves, goes back to the top, waits again, and gives the DOM as HTML.
 * Everything stops at the deadline, whatever the page is still doing. */
static const char settle_script[] =
  "const end = Date.now() + budget;\n"
  "const sleep = ms => new Promise (done => setTimeout (done, ms));\n"
  "let changes = 0;\n"
  "new MutationObserver (() => changes++).observe (document,\n"
  "  { subtree: true, childList: true, characterData: true });\n"
  "async function quiet () {\n"
  "  const stop = Math.min (end, Date.now () + 4000);\n"
  "  let seen = -1, loaded = -1, still = 0;\n"
  "  while (Date.now () < stop && still < 5) {\n"
  "    const now = performance.getEntriesByType ('resource').length;\n"
  "    still = now === loaded && changes === seen ? still + 1 : 0;\n"
  "    loaded = now; seen = changes;\n"
  "    await sleep (100);\n"
  "  }\n"
  "}\n"
  "await quiet ();\n"
  "const page = document.scrollingElement || document.documentElement;\n"
  "for (let i = 0; i < 12 && Date.now () < end; i++) {\n"
  "  const height = page.scrollHeight, y = window.scrollY;\n"
  "  window.scrollBy (0, Math.max (window.innerHeight, 200));\n"
  "  await sleep (250);\n"
  "  if (window.scrollY === y && page.scrollHeight === height) break;\n"
  "}\n"
  "window.scrollTo (0, 0);\n"
  "await quiet ();\n"
  "const doctype = document.doctype ? new XMLSerializer ().serializeToString (document.doctype) : '';\n"
  "return doctype + document.documentElement.outerHTML;\n";

static void
render_fail (Render     *render,
             const char *message)
{
  if (render->error == NULL)
    render->error = g_strdup (message);
  render->status = EXIT_FAILURE;
  g_main_loop_quit (render->loop);
}

static void
print_page (Render     *render,
            const char *html)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  const char *title = webkit_web_view_get_title (render->view);
  const char *uri = webkit_web_view_get_uri (render->view);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, uri != NULL ? uri : render->url);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title != NULL ? title : "");
  json_builder_set_member_name (builder, "html");
  json_builder_add_string_value (builder, html);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  g_print ("%s\n", text);
}

static void
on_settled (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Render *render = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_call_async_javascript_function_finish (render->view,
                                                                                     result, &error);
  g_autofree char *html = NULL;
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (value == NULL || !jsc_value_is_string (value))
    {
      message = g_strdup_printf (_("could not read the page %s: %s"), render->url,
                                 error != NULL ? error->message : _("it has no document"));
      render_fail (render, message);
      return;
    }
  html = jsc_value_to_string (value);
  if (strlen (html) > MAX_HTML_BYTES)
    {
      message = g_strdup_printf (_("the page %s is larger than %d MiB once its scripts have run"),
                                 render->url, MAX_HTML_BYTES / (1024 * 1024));
      render_fail (render, message);
      return;
    }
  print_page (render, html);
  render->status = EXIT_SUCCESS;
  g_main_loop_quit (render->loop);
}

static void
settle (Render *render)
{
  gint64 left_ms = MAX (0, (render->deadline - g_get_monotonic_time ()) / 1000);
  g_autoptr(GVariant) args = NULL;
  GVariantDict dict;

  if (render->settling)
    return;
  render->settling = TRUE;
  g_clear_handle_id (&render->load_wait, g_source_remove);
  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "budget", "d", (double) left_ms);
  args = g_variant_ref_sink (g_variant_dict_end (&dict));
  webkit_web_view_call_async_javascript_function (render->view, settle_script, -1, args,
                                                  "gloss-render", NULL, render->cancellable,
                                                  on_settled, render);
}

static gboolean
on_load_wait_over (gpointer user_data)
{
  Render *render = user_data;

  render->load_wait = 0;
  if (render->committed)
    settle (render);
  else
    {
      g_autofree char *message = g_strdup_printf (_("%s did not start loading within %u seconds"),
                                                  render->url, render->timeout / 2);
      render_fail (render, message);
    }
  return G_SOURCE_REMOVE;
}

static gboolean
on_hard_stop (gpointer user_data)
{
  Render *render = user_data;
  g_autofree char *message = g_strdup_printf (_("the scripts of %s kept it busy past %u seconds"),
                                              render->url, render->timeout);

  render->hard_stop = 0;
  g_cancellable_cancel (render->cancellable);
  render_fail (render, message);
  return G_SOURCE_REMOVE;
}

static void
on_load_changed (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 Render          *render)
{
  const char *uri = webkit_web_view_get_uri (view);
  g_autofree char *message = NULL;

  g_debug ("Load event %d at %s", event, uri);
  if (event == WEBKIT_LOAD_COMMITTED && !render->committed
      && !g_str_has_prefix (uri, "http://") && !g_str_has_prefix (uri, "https://"))
    {
      /* WebKit gave up on it without a word: a port browsers never use. */
      message = g_strdup_printf (_("could not load %s: the browser engine refused it"), render->url);
      render_fail (render, message);
    }
  else if (event == WEBKIT_LOAD_COMMITTED)
    render->committed = TRUE;
  else if (event == WEBKIT_LOAD_FINISHED && render->committed)
    settle (render);
}

static gboolean
on_load_failed (WebKitWebView   *view,
                WebKitLoadEvent  event,
                const char      *failing_uri,
                GError          *error,
                Render          *render)
{
  g_autofree char *message = NULL;

  g_debug ("Load of %s failed: %s", failing_uri, error->message);
  /* A navigation refused after the page came in fails; the page stays. */
  if (render->committed)
    return TRUE;
  message = g_strdup_printf (_("could not load %s: %s"), render->url, error->message);
  render_fail (render, message);
  return TRUE;
}

static gboolean
on_decide_policy (WebKitWebView            *view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  Render                   *render)
{
  WebKitResponsePolicyDecision *response;

  switch (type)
    {
    case WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION:
      /* The page and its redirects; after that, neither it nor its frames
       * go anywhere else. */
      if (render->committed)
        webkit_policy_decision_ignore (decision);
      else
        webkit_policy_decision_use (decision);
      return TRUE;
    case WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION:
      webkit_policy_decision_ignore (decision);
      return TRUE;
    case WEBKIT_POLICY_DECISION_TYPE_RESPONSE:
      response = WEBKIT_RESPONSE_POLICY_DECISION (decision);
      /* What WebKit cannot show would be a download. */
      if (webkit_response_policy_decision_is_mime_type_supported (response))
        webkit_policy_decision_use (decision);
      else
        webkit_policy_decision_ignore (decision);
      return TRUE;
    default:
      return FALSE;
    }
}

static GtkWidget *
on_create (WebKitWebView          *view,
           WebKitNavigationAction *action,
           Render                 *render)
{
  return NULL;
}

static gboolean
on_permission_request (WebKitWebView           *view,
                       WebKitPermissionRequest *request,
                       Render                  *render)
{
  webkit_permission_request_deny (request);
  return TRUE;
}

static void
on_download_started (WebKitNetworkSession *session,
                     WebKitDownload       *download,
                     Render               *render)
{
  webkit_download_cancel (download);
}

static WebKitWebView *
confined_view_new (Render *render)
{
  g_autoptr(WebKitNetworkSession) session = webkit_network_session_new_ephemeral ();
  g_autoptr(WebKitWebsitePolicies) policies =
    webkit_website_policies_new_with_policies ("autoplay", WEBKIT_AUTOPLAY_DENY, NULL);
  WebKitWebView *view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                      "network-session", session,
                                      "website-policies", policies,
                                      NULL);
  WebKitSettings *settings = webkit_web_view_get_settings (view);

  g_object_set (settings,
                "enable-javascript", TRUE,
                "javascript-can-open-windows-automatically", FALSE,
                "media-playback-requires-user-gesture", TRUE,
                "enable-media-stream", FALSE,
                "enable-webrtc", FALSE,
                "enable-encrypted-media", FALSE,
                "enable-webaudio", FALSE,
                "enable-page-cache", FALSE,
                "enable-developer-extras", FALSE,
                NULL);
  g_signal_connect (session, "download-started", G_CALLBACK (on_download_started), render);
  g_signal_connect (view, "decide-policy", G_CALLBACK (on_decide_policy), render);
  g_signal_connect (view, "create", G_CALLBACK (on_create), render);
  g_signal_connect (view, "permission-request", G_CALLBACK (on_permission_request), render);
  g_signal_connect (view, "load-changed", G_CALLBACK (on_load_changed), render);
  g_signal_connect (view, "load-failed", G_CALLBACK (on_load_failed), render);
  /* The reader watches; a click would be a gesture the page could use. */
  gtk_widget_set_can_target (GTK_WIDGET (view), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (view), FALSE);
  return view;
}

static void
on_cancel (GtkButton *button,
           Render    *render)
{
  g_cancellable_cancel (render->cancellable);
  render_fail (render, _("cancelled"));
  render->status = EXIT_CANCELLED;
}

static gboolean
on_close_request (GtkWindow *window,
                  Render    *render)
{
  on_cancel (NULL, render);
  return TRUE;
}

static GtkWindow *
render_window_new (Render *render)
{
  g_autoptr(GUri) uri = g_uri_parse (render->url, G_URI_FLAGS_NONE, NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *title = adw_window_title_new (_("Reading the Page for Gloss"),
                                           uri != NULL && g_uri_get_host (uri) != NULL
                                           ? g_uri_get_host (uri) : render->url);

  gtk_header_bar_set_title_widget (GTK_HEADER_BAR (header), title);
  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), cancel);
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_cancel), render);
  gtk_window_set_titlebar (window, header);
  gtk_window_set_title (window, _("Reading the Page for Gloss"));
  gtk_window_set_default_size (window, 1024, 768);
  gtk_window_set_child (window, GTK_WIDGET (render->view));
  g_signal_connect (window, "close-request", G_CALLBACK (on_close_request), render);
  return window;
}

static gboolean
parse_arguments (int      *argc,
                 char   ***argv,
                 Render   *render)
{
  int timeout = DEFAULT_TIMEOUT;
  g_auto(GStrv) urls = NULL;
  GOptionEntry entries[] = {
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Give the page this many seconds in all (default 30)"), "SECONDS" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &urls, NULL, N_("URL") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, _("Print a web page as it stands after its scripts have run, for gloss clip --render."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("gloss-render: %s\n", error->message);
      return FALSE;
    }
  if (urls == NULL || urls[0] == NULL || urls[1] != NULL || timeout <= 0)
    {
      g_printerr ("gloss-render: %s\n", _("give one http or https URL, and a positive --timeout"));
      return FALSE;
    }
  if (!g_str_has_prefix (urls[0], "http://") && !g_str_has_prefix (urls[0], "https://"))
    {
      g_printerr (_("gloss-render: %s is not an http or https address\n"), urls[0]);
      return FALSE;
    }
  render->url = g_strdup (urls[0]);
  render->timeout = (guint) timeout;
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  Render render = { 0 };

  /* Ends with whatever started it (gloss, or xvfb-run for it). */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  if (getppid () == 1)
    return EXIT_FAILURE;
  gloss_i18n_init ();
  g_set_prgname ("gloss-render");
  if (!parse_arguments (&argc, &argv, &render))
    return 2;
  /* Its window is one of Gloss's, in the desktop's window list. */
  g_set_prgname (APPLICATION_ID);
  g_set_application_name (_("Gloss"));
  if (!gtk_init_check ())
    {
      g_printerr ("gloss-render: %s\n",
                  _("a page's scripts run only on a display: start it from a desktop session, or under xvfb-run"));
      return EXIT_FAILURE;
    }
  adw_init ();

  render.loop = g_main_loop_new (NULL, FALSE);
  render.cancellable = g_cancellable_new ();
  render.status = EXIT_FAILURE;
  render.deadline = g_get_monotonic_time () + (gint64) render.timeout * G_USEC_PER_SEC;
  render.view = confined_view_new (&render);
  render.window = render_window_new (&render);
  render.load_wait = g_timeout_add_seconds (MAX (1, render.timeout / 2), on_load_wait_over, &render);
  render.hard_stop = g_timeout_add_seconds (render.timeout + GRACE_SECONDS, on_hard_stop, &render);
  gtk_window_present (render.window);
  webkit_web_view_load_uri (render.view, render.url);
  g_main_loop_run (render.loop);

  if (render.error != NULL)
    g_printerr ("gloss-render: %s\n", render.error);
  g_clear_handle_id (&render.load_wait, g_source_remove);
  g_clear_handle_id (&render.hard_stop, g_source_remove);
  gtk_window_destroy (render.window);
  g_main_loop_unref (render.loop);
  g_object_unref (render.cancellable);
  g_free (render.error);
  g_free (render.url);
  return render.status;
}
