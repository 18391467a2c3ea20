/* gloss-article-view.c — an archive shown in a locked-down WebKitWebView
 *
 * Offline by construction: every layer below blocks the network on its own,
 * because each one covers a hole the others leave (see HEADLESS.md):
 *  - archives arrive through the gloss: scheme with a strict CSP header, and
 *    the view has the same policy as its default-content-security-policy;
 *  - a content filter blocks every http(s) and ws(s) load;
 *  - decide-policy lets through nothing but the article itself, so iframes,
 *    <object> and meta refresh go nowhere, and clicked links go to the browser;
 *  - page scripts never run, DNS is never prefetched, the session is ephemeral.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "gloss-article-view.h"
#include "gloss-versions.h"

#define GLOSS_SCHEME        "gloss"
#define GLOSS_WORLD         "gloss"
#define GLOSS_ARTICLE_PREFIX "gloss://article/"
#define OFFLINE_FILTER_ID   "gloss-offline"
#define OFFLINE_FILTER_JSON \
  "[{\"trigger\":{\"url-filter\":\"^https?://\"},\"action\":{\"type\":\"block\"}}," \
  " {\"trigger\":{\"url-filter\":\"^wss?://\"},\"action\":{\"type\":\"block\"}}]"

struct _GlossArticleView
{
  GtkWidget       parent_instance;

  GtkWidget      *search_bar;
  GtkWidget      *search_entry;
  GtkWidget      *match_label;
  WebKitWebView  *web_view;

  GSettings      *settings;
  GCancellable   *cancellable;
  GlossLibrary   *library;
  char           *article_id;
  char           *version;            /* an earlier archive in <id>.versions/, or NULL */
  gboolean        filter_ready;
  double          progress;           /* how far the reader is, 0–1 */
  double          restore_progress;   /* where to scroll once loaded, < 0 for the top */
};

G_DEFINE_FINAL_TYPE (GlossArticleView, gloss_article_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARTICLE_ID,
  PROP_VERSION,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Compiled once per process; every view adds the same filter. */
static WebKitUserContentFilter *offline_filter;

static gboolean
is_valid_id (const char *id)
{
  if (id == NULL || *id == '\0' || *id == '.')
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.'))
      return FALSE;
  return TRUE;
}

char *
gloss_article_view_dup_uri_for_id (const char *id)
{
  g_return_val_if_fail (is_valid_id (id), NULL);

  return g_strconcat (GLOSS_ARTICLE_PREFIX, id, NULL);
}

/* gloss://article/<id>[/<version>][#fragment] → <id> (and <version>), or NULL */
static char *
parse_uri (const char  *uri,
           char       **version)
{
  g_autofree char *path = NULL;
  g_autofree char *id = NULL;
  const char *slash;

  if (version != NULL)
    *version = NULL;
  if (uri == NULL || !g_str_has_prefix (uri, GLOSS_ARTICLE_PREFIX))
    return NULL;
  uri += strlen (GLOSS_ARTICLE_PREFIX);
  path = g_strndup (uri, strcspn (uri, "#"));
  slash = strchr (path, '/');
  id = slash ? g_strndup (path, slash - path) : g_strdup (path);
  if (!is_valid_id (id) || (slash != NULL && !is_valid_id (slash + 1)))
    return NULL;
  if (version != NULL && slash != NULL)
    *version = g_strdup (slash + 1);
  return g_steal_pointer (&id);
}

/* The page the view shows now: its article, in the version it shows. */
static gboolean
is_shown (GlossArticleView *self,
          const char       *uri)
{
  g_autofree char *version = NULL;
  g_autofree char *id = parse_uri (uri, &version);

  return id != NULL && g_strcmp0 (id, self->article_id) == 0 && g_strcmp0 (version, self->version) == 0;
}

/* The gloss: scheme */

static void
on_archive_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WebKitURISchemeRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(WebKitURISchemeResponse) response = NULL;
  SoupMessageHeaders *headers;

  bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  if (bytes == NULL)
    {
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  stream = g_memory_input_stream_new_from_bytes (bytes);
  response = webkit_uri_scheme_response_new (stream, g_bytes_get_size (bytes));
  webkit_uri_scheme_response_set_content_type (response, "text/html");
  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  soup_message_headers_append (headers, "Content-Security-Policy", GLOSS_ARTICLE_VIEW_CSP);
  soup_message_headers_append (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_append (headers, "Referrer-Policy", "no-referrer");
  webkit_uri_scheme_response_set_http_headers (response, headers);
  webkit_uri_scheme_request_finish_with_response (request, response);
}

static void
handle_gloss_request (WebKitURISchemeRequest *request,
                      gpointer                user_data)
{
  WebKitWebView *web_view = webkit_uri_scheme_request_get_web_view (request);
  GlossArticleView *self = web_view ? g_object_get_data (G_OBJECT (web_view), "gloss-article-view")
                                    : NULL;
  const char *uri = webkit_uri_scheme_request_get_uri (request);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  /* Only our own views, only the article they show, only from the library. */
  if (self == NULL || self->library == NULL || !is_shown (self, uri))
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                             "Refused %s",
                                             webkit_uri_scheme_request_get_uri (request));
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  path = gloss_library_archive_path (self->library, self->article_id);
  if (self->version != NULL)
    {
      g_autofree char *dir = gloss_versions_dir (path);
      g_autofree char *name = g_strconcat (self->version, ".html", NULL);

      g_free (path);
      path = g_build_filename (dir, name, NULL);
    }
  file = g_file_new_for_path (path);
  g_file_load_bytes_async (file, NULL, on_archive_read, g_object_ref (request));
}

static void
ensure_scheme (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      WebKitWebContext *context = webkit_web_context_get_default ();

      webkit_web_context_register_uri_scheme (context, GLOSS_SCHEME, handle_gloss_request,
                                              NULL, NULL);
      webkit_security_manager_register_uri_scheme_as_secure (
        webkit_web_context_get_security_manager (context), GLOSS_SCHEME);
      g_once_init_leave (&registered, 1);
    }
}

/* Loading */

static void
really_load (GlossArticleView *self)
{
  g_autofree char *uri = NULL;

  if (self->article_id == NULL)
    {
      webkit_web_view_load_html (self->web_view, "", NULL);
      return;
    }
  uri = gloss_article_view_dup_uri_for_id (self->article_id);
  if (self->version != NULL)
    {
      g_autofree char *current = g_steal_pointer (&uri);
      uri = g_strconcat (current, "/", self->version, NULL);
    }
  g_debug ("Loading %s", uri);
  webkit_web_view_load_uri (self->web_view, uri);
}

static void
on_filter_saved (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GlossArticleView) self = user_data;
  g_autoptr(GError) error = NULL;
  WebKitUserContentFilter *filter;

  filter = webkit_user_content_filter_store_save_finish (WEBKIT_USER_CONTENT_FILTER_STORE (source),
                                                         result, &error);
  if (filter == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* CSP and decide-policy still keep the view offline. */
      g_warning ("Could not compile the offline content filter: %s", error->message);
    }
  else
    {
      if (offline_filter == NULL)
        offline_filter = webkit_user_content_filter_ref (filter);
      webkit_user_content_manager_add_filter (
        webkit_web_view_get_user_content_manager (self->web_view), filter);
      webkit_user_content_filter_unref (filter);
    }

  self->filter_ready = TRUE;
  if (self->article_id != NULL)
    really_load (self);
}

static void
ensure_filter (GlossArticleView *self)
{
  g_autofree char *dir = NULL;
  g_autoptr(WebKitUserContentFilterStore) store = NULL;
  g_autoptr(GBytes) json = NULL;

  if (offline_filter != NULL)
    {
      webkit_user_content_manager_add_filter (
        webkit_web_view_get_user_content_manager (self->web_view), offline_filter);
      self->filter_ready = TRUE;
      return;
    }

  dir = g_build_filename (g_get_user_cache_dir (), "gloss", "content-filters", NULL);
  store = webkit_user_content_filter_store_new (dir);
  json = g_bytes_new_static (OFFLINE_FILTER_JSON, strlen (OFFLINE_FILTER_JSON));
  webkit_user_content_filter_store_save (store, OFFLINE_FILTER_ID, json, self->cancellable,
                                         on_filter_saved, g_object_ref (self));
}

/* Policy */

static gboolean
is_external_scheme (const char *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  return scheme != NULL && (g_ascii_strcasecmp (scheme, "http") == 0
                            || g_ascii_strcasecmp (scheme, "https") == 0
                            || g_ascii_strcasecmp (scheme, "mailto") == 0);
}

static gboolean
on_decide_policy (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  GlossArticleView         *self)
{
  WebKitNavigationAction *action;
  const char *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (
    WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));

  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION && is_shown (self, uri))
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  /* The empty page shown when no article is open. */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION && self->article_id == NULL
      && g_strcmp0 (uri, "about:blank") == 0)
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  g_debug ("Refused navigation to %s", uri);
  webkit_policy_decision_ignore (decision);

  if (webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED
      && webkit_navigation_action_is_user_gesture (action)
      && is_external_scheme (uri))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
    }
  return TRUE;
}

/* The menu keeps copying; reload, new windows, downloads, the inspector
 * and "Copy Link with Highlight" (a link into a gloss: page) go. */
static gboolean
is_kept (WebKitContextMenuItem *item)
{
  switch (webkit_context_menu_item_get_stock_action (item))
    {
    case WEBKIT_CONTEXT_MENU_ACTION_COPY:
    case WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD:
    case WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_TO_CLIPBOARD:
    case WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL:
      return TRUE;
    default:
      return webkit_context_menu_item_is_separator (item);
    }
}

/* The article takes no drops of its own: a link dropped on it goes on to
 * the window, which clips it. (WebKit's drop target would have the page
 * navigate, which it may not, and WebKit 2.50 finishes a drop inside the
 * page with more than one action, a Gdk-CRITICAL.) Dragging out of the
 * article is untouched. */
static void
refuse_drops (GtkWidget *web_view)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (web_view);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET_ASYNC (controller) || GTK_IS_DROP_TARGET (controller))
        gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_NONE);
    }
}

/* Connected first, it sees only WebKit's items: what other handlers add
 * (the annotator's) comes after it and stays. */
static gboolean
on_context_menu (WebKitWebView       *web_view,
                 WebKitContextMenu   *menu,
                 WebKitHitTestResult *hit_test,
                 GlossArticleView    *self)
{
  g_autoptr(GList) items = g_list_copy (webkit_context_menu_get_items (menu));

  for (GList *l = items; l != NULL; l = l->next)
    if (!is_kept (l->data))
      webkit_context_menu_remove (menu, l->data);
  return FALSE;
}

/* After every handler: a separator first, last or after another has
 * nothing to separate, and an empty menu is not shown. */
static gboolean
on_context_menu_after (WebKitWebView       *web_view,
                       WebKitContextMenu   *menu,
                       WebKitHitTestResult *hit_test,
                       GlossArticleView    *self)
{
  g_autoptr(GList) items = g_list_copy (webkit_context_menu_get_items (menu));
  WebKitContextMenuItem *pending = NULL;
  gboolean after_item = FALSE;

  for (GList *l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuItem *item = l->data;

      if (!webkit_context_menu_item_is_separator (item))
        {
          after_item = TRUE;
          pending = NULL;
        }
      else if (!after_item || pending != NULL)
        webkit_context_menu_remove (menu, item);
      else
        pending = item;
    }
  if (pending != NULL)
    webkit_context_menu_remove (menu, pending);
  return webkit_context_menu_get_n_items (menu) == 0;
}

/* GTK 4.8 leaves the keyboard focus in the closed menu: give it back to
 * the page, unless what the menu did took it (a note editor). */
static void
on_context_menu_dismissed (WebKitWebView    *web_view,
                           GlossArticleView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (web_view));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER_MENU) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (web_view));
}

/* Reading progress */

static void
set_progress (GlossArticleView *self,
              double            progress)
{
  progress = CLAMP (progress, 0.0, 1.0);
  if (progress == self->progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static void
on_progress_message (WebKitUserContentManager *ucm,
                     JSCValue                 *value,
                     GlossArticleView         *self)
{
  if (self->article_id != NULL && jsc_value_is_number (value))
    set_progress (self, jsc_value_to_double (value));
}

static void
on_load_changed (WebKitWebView    *web_view,
                 WebKitLoadEvent   event,
                 GlossArticleView *self)
{
  g_autofree char *script = NULL;
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (event != WEBKIT_LOAD_FINISHED || self->article_id == NULL || self->restore_progress <= 0.0)
    return;

  /* Back where the reader left off. */
  g_ascii_dtostr (number, sizeof number, self->restore_progress);
  script = g_strdup_printf ("window.scrollTo(0, %s * (document.documentElement.scrollHeight"
                            " - window.innerHeight)); true", number);
  webkit_web_view_evaluate_javascript (web_view, script, -1, GLOSS_WORLD, NULL, NULL, NULL, NULL);
  set_progress (self, self->restore_progress);
  self->restore_progress = -1.0;
}

double
gloss_article_view_get_progress (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), 0.0);

  return self->progress;
}

/* Typography */

typedef struct
{
  const char *scheme, *bg, *fg, *muted, *link, *rule, *accent, *code_bg, *selection;
} Palette;

static const Palette light_palette = {
  "light", "#ffffff", "#1e1e1e", "#5e5c64", "#1a5fb4", "#deddda", "#3584e4", "#f6f5f4",
  "rgba(53,132,228,0.25)",
};
static const Palette sepia_palette = {
  "light", "#f5ecd9", "#3b2f22", "#786450", "#8a4b0f", "#e3d5b8", "#b5835a", "#ece0c6",
  "rgba(181,131,90,0.3)",
};
static const Palette dark_palette = {
  "dark", "#1e1e1e", "#deddda", "#9a9996", "#78aeed", "#3d3846", "#62a0ea", "#2a2a2a",
  "rgba(98,160,234,0.35)",
};

static const Palette *
current_palette (GlossArticleView *self)
{
  switch (g_settings_get_enum (self->settings, "reader-theme"))
    {
    case 1:
      return &light_palette;
    case 2:
      return &sepia_palette;
    case 3:
      return &dark_palette;
    default:
      return adw_style_manager_get_dark (adw_style_manager_get_default ()) ? &dark_palette
                                                                           : &light_palette;
    }
}

char *
gloss_article_view_build_style (GlossArticleView *self)
{
  static const char *serif = "'Noto Serif', 'DejaVu Serif', Georgia, serif";
  static const char *sans = "Cantarell, 'Noto Sans', 'DejaVu Sans', system-ui, sans-serif";
  static const int widths[] = { 32, 40, 52 };
  const Palette *p;
  g_autoptr(GBytes) css = NULL;
  int width;

  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  p = current_palette (self);
  width = widths[CLAMP (g_settings_get_enum (self->settings, "reader-width"), 0, 2)];
  css = g_resources_lookup_data ("/io/github/glossapp/Gloss/reader.css",
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (css != NULL);

  /* width is the text column; the body adds 1.5em of padding on each side. */
  return g_strdup_printf (":root {\n"
                          "  --gloss-font: %s;\n  --gloss-heading-font: %s;\n"
                          "  --gloss-size: %dpx;\n  --gloss-width: %dem;\n"
                          "  --gloss-scheme: %s;\n  --gloss-bg: %s;\n  --gloss-fg: %s;\n"
                          "  --gloss-muted: %s;\n  --gloss-link: %s;\n  --gloss-rule: %s;\n"
                          "  --gloss-accent: %s;\n  --gloss-code-bg: %s;\n"
                          "  --gloss-selection: %s;\n}\n%.*s",
                          g_settings_get_enum (self->settings, "reader-font") == 1 ? sans : serif,
                          sans,
                          g_settings_get_int (self->settings, "reader-font-size"),
                          width + 3,
                          p->scheme, p->bg, p->fg, p->muted, p->link, p->rule, p->accent,
                          p->code_bg, p->selection,
                          (int) g_bytes_get_size (css),
                          (const char *) g_bytes_get_data (css, NULL));
}

static void
update_style (GlossArticleView *self)
{
  WebKitUserContentManager *ucm = webkit_web_view_get_user_content_manager (self->web_view);
  g_autofree char *css = gloss_article_view_build_style (self);
  WebKitUserStyleSheet *sheet;
  GdkRGBA bg;

  sheet = webkit_user_style_sheet_new (css, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                       WEBKIT_USER_STYLE_LEVEL_USER, NULL, NULL);
  webkit_user_content_manager_remove_all_style_sheets (ucm);
  webkit_user_content_manager_add_style_sheet (ucm, sheet);
  webkit_user_style_sheet_unref (sheet);

  /* No white flash before a dark page paints. */
  if (gdk_rgba_parse (&bg, current_palette (self)->bg))
    webkit_web_view_set_background_color (self->web_view, &bg);
}

/* Find in article */

static void
on_search_changed (GtkSearchEntry   *entry,
                   GlossArticleView *self)
{
  WebKitFindController *find = webkit_web_view_get_find_controller (self->web_view);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  if (*text == '\0')
    {
      webkit_find_controller_search_finish (find);
      gtk_label_set_label (GTK_LABEL (self->match_label), "");
      return;
    }
  webkit_find_controller_search (find, text,
                                 WEBKIT_FIND_OPTIONS_CASE_INSENSITIVE
                                 | WEBKIT_FIND_OPTIONS_WRAP_AROUND,
                                 G_MAXUINT);
}

static void
on_found_text (WebKitFindController *find,
               guint                 match_count,
               GlossArticleView     *self)
{
  g_autofree char *label = NULL;

  gtk_widget_remove_css_class (self->search_entry, "error");
  if (match_count != G_MAXUINT)
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u match", "%'u matches", match_count),
                             match_count);
  gtk_label_set_label (GTK_LABEL (self->match_label), label ? label : "");
}

static void
on_failed_to_find (WebKitFindController *find,
                   GlossArticleView     *self)
{
  gtk_widget_add_css_class (self->search_entry, "error");
  gtk_label_set_label (GTK_LABEL (self->match_label), _("No matches"));
}

static void
on_search_mode (GtkSearchBar     *bar,
                GParamSpec       *pspec,
                GlossArticleView *self)
{
  if (!gtk_search_bar_get_search_mode (bar))
    {
      webkit_find_controller_search_finish (webkit_web_view_get_find_controller (self->web_view));
      gtk_widget_grab_focus (GTK_WIDGET (self->web_view));
    }
}

void
gloss_article_view_find (GlossArticleView *self)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  gtk_widget_grab_focus (self->search_entry);
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

void
gloss_article_view_stop_find (GlossArticleView *self)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), FALSE);
}

void
gloss_article_view_find_next (GlossArticleView *self)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  webkit_find_controller_search_next (webkit_web_view_get_find_controller (self->web_view));
}

void
gloss_article_view_find_previous (GlossArticleView *self)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  webkit_find_controller_search_previous (webkit_web_view_get_find_controller (self->web_view));
}

gboolean
gloss_article_view_get_find_visible (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), FALSE);

  return gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (self->search_bar));
}

/* GObject */

static void
gloss_article_view_dispose (GObject *object)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  /* WebKit may hold on to the view a little longer; nothing may call back into us. */
  if (self->web_view != NULL)
    {
      WebKitUserContentManager *ucm = webkit_web_view_get_user_content_manager (self->web_view);

      g_signal_handlers_disconnect_by_data (ucm, self);
      webkit_user_content_manager_unregister_script_message_handler (ucm, "progress", GLOSS_WORLD);
      g_signal_handlers_disconnect_by_data (webkit_web_view_get_find_controller (self->web_view),
                                            self);
      g_signal_handlers_disconnect_by_data (self->web_view, self);
      g_object_set_data (G_OBJECT (self->web_view), "gloss-article-view", NULL);
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->web_view = NULL;
  g_clear_object (&self->settings);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (gloss_article_view_parent_class)->dispose (object);
}

static void
gloss_article_view_finalize (GObject *object)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (object);

  g_clear_object (&self->cancellable);
  g_free (self->article_id);
  g_free (self->version);

  G_OBJECT_CLASS (gloss_article_view_parent_class)->finalize (object);
}

static void
gloss_article_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE_ID:
      g_value_set_string (value, self->article_id);
      break;
    case PROP_VERSION:
      g_value_set_string (value, self->version);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_article_view_class_init (GlossArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_article_view_dispose;
  object_class->finalize = gloss_article_view_finalize;
  object_class->get_property = gloss_article_view_get_property;

  properties[PROP_ARTICLE_ID] =
    g_param_spec_string ("article-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] =
    g_param_spec_string ("version", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "articleview");
}

static void
gloss_article_view_init (GlossArticleView *self)
{
  g_autoptr(WebKitNetworkSession) session = webkit_network_session_new_ephemeral ();
  g_autoptr(WebKitUserContentManager) ucm = webkit_user_content_manager_new ();
  g_autoptr(WebKitSettings) settings = NULL;
  g_autoptr(GBytes) progress_js = NULL;
  WebKitUserScript *script;
  GtkWidget *close_button;
  GtkWidget *box;

  ensure_scheme ();
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APPLICATION_ID);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  /* Find bar */
  self->search_entry = gtk_search_entry_new ();
  gtk_widget_set_hexpand (self->search_entry, TRUE);
  gtk_widget_set_size_request (self->search_entry, 260, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Find in Article"), -1);
  g_object_set (self->search_entry, "placeholder-text", _("Find in article"), NULL);
  self->match_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->match_label, "dim-label");
  gtk_widget_add_css_class (self->match_label, "numeric");
  /* GtkSearchBar's own close button has no accessible name in GTK 4.8. */
  close_button = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_set_tooltip_text (close_button, _("Close"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (close_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close Find Bar"), -1);
  gtk_widget_add_css_class (close_button, "flat");
  gtk_widget_add_css_class (close_button, "circular");
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), self->search_entry);
  gtk_box_append (GTK_BOX (box), self->match_label);
  gtk_box_append (GTK_BOX (box), close_button);
  self->search_bar = gtk_search_bar_new ();
  gtk_search_bar_set_child (GTK_SEARCH_BAR (self->search_bar), box);
  gtk_search_bar_connect_entry (GTK_SEARCH_BAR (self->search_bar),
                                GTK_EDITABLE (self->search_entry));
  g_signal_connect_swapped (close_button, "clicked",
                            G_CALLBACK (gloss_article_view_stop_find), self);
  gtk_widget_set_parent (self->search_bar, GTK_WIDGET (self));
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->search_entry, "activate",
                            G_CALLBACK (gloss_article_view_find_next), self);
  g_signal_connect_swapped (self->search_entry, "next-match",
                            G_CALLBACK (gloss_article_view_find_next), self);
  g_signal_connect_swapped (self->search_entry, "previous-match",
                            G_CALLBACK (gloss_article_view_find_previous), self);
  g_signal_connect (self->search_bar, "notify::search-mode-enabled",
                    G_CALLBACK (on_search_mode), self);

  /* Our script, in its own world: the page can not see or call it. */
  self->restore_progress = -1.0;
  progress_js = g_resources_lookup_data ("/io/github/glossapp/Gloss/progress.js",
                                         G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (progress_js != NULL);
  script = webkit_user_script_new_for_world (g_bytes_get_data (progress_js, NULL),
                                             WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_END,
                                             GLOSS_WORLD, NULL, NULL);
  webkit_user_content_manager_add_script (ucm, script);
  webkit_user_script_unref (script);
  g_signal_connect (ucm, "script-message-received::progress",
                    G_CALLBACK (on_progress_message), self);
  webkit_user_content_manager_register_script_message_handler (ucm, "progress", GLOSS_WORLD);

  /* The web view */
  settings = webkit_settings_new_with_settings ("enable-javascript-markup", FALSE,
                                                "enable-developer-extras", FALSE,
                                                "enable-html5-local-storage", FALSE,
                                                "enable-html5-database", FALSE,
                                                "enable-webgl", FALSE,
                                                "enable-webaudio", FALSE,
                                                "enable-media-stream", FALSE,
                                                "enable-webrtc", FALSE,
                                                "enable-back-forward-navigation-gestures", FALSE,
                                                "javascript-can-open-windows-automatically", FALSE,
                                                "enable-smooth-scrolling", TRUE,
                                                NULL);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  webkit_settings_set_enable_dns_prefetching (settings, FALSE);
  G_GNUC_END_IGNORE_DEPRECATIONS
  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "network-session", session,
                                 "user-content-manager", ucm,
                                 "settings", settings,
                                 "default-content-security-policy", GLOSS_ARTICLE_VIEW_CSP,
                                 "vexpand", TRUE,
                                 "hexpand", TRUE,
                                 NULL);
  /* WebKit draws the caret and moves it with the keys. */
  g_settings_bind (self->settings, "caret-browsing", settings, "enable-caret-browsing",
                   G_SETTINGS_BIND_GET);
  g_object_set_data (G_OBJECT (self->web_view), "gloss-article-view", self);
  refuse_drops (GTK_WIDGET (self->web_view));
  gtk_widget_set_parent (GTK_WIDGET (self->web_view), GTK_WIDGET (self));
  g_signal_connect (self->web_view, "decide-policy", G_CALLBACK (on_decide_policy), self);
  g_signal_connect (self->web_view, "context-menu", G_CALLBACK (on_context_menu), self);
  g_signal_connect_after (self->web_view, "context-menu", G_CALLBACK (on_context_menu_after), self);
  g_signal_connect (self->web_view, "context-menu-dismissed",
                    G_CALLBACK (on_context_menu_dismissed), self);
  g_signal_connect (self->web_view, "load-changed", G_CALLBACK (on_load_changed), self);
  g_signal_connect (webkit_web_view_get_find_controller (self->web_view), "found-text",
                    G_CALLBACK (on_found_text), self);
  g_signal_connect (webkit_web_view_get_find_controller (self->web_view), "failed-to-find-text",
                    G_CALLBACK (on_failed_to_find), self);
  gtk_search_bar_set_key_capture_widget (GTK_SEARCH_BAR (self->search_bar), NULL);

  g_signal_connect_swapped (self->settings, "changed::reader-font", G_CALLBACK (update_style), self);
  g_signal_connect_swapped (self->settings, "changed::reader-font-size",
                            G_CALLBACK (update_style), self);
  g_signal_connect_swapped (self->settings, "changed::reader-width", G_CALLBACK (update_style), self);
  g_signal_connect_swapped (self->settings, "changed::reader-theme", G_CALLBACK (update_style), self);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (update_style), self);
  update_style (self);
  ensure_filter (self);
}

GtkWidget *
gloss_article_view_new (void)
{
  return g_object_new (GLOSS_TYPE_ARTICLE_VIEW, NULL);
}

void
gloss_article_view_set_library (GlossArticleView *self,
                                GlossLibrary     *library)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  g_set_object (&self->library, library);
}

void
gloss_article_view_load (GlossArticleView *self,
                         const char       *id)
{
  gloss_article_view_load_at (self, id, -1.0);
}

void
gloss_article_view_load_at (GlossArticleView *self,
                            const char       *id,
                            double            progress)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));
  g_return_if_fail (id == NULL || is_valid_id (id));

  if (g_strcmp0 (id, self->article_id) == 0 && id != NULL)
    return;
  g_free (self->article_id);
  self->article_id = g_strdup (id);
  if (self->version != NULL)
    {
      g_clear_pointer (&self->version, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
    }
  self->restore_progress = progress;
  self->progress = 0.0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE_ID]);

  /* Nothing loads before the content filter is in place. */
  if (self->filter_ready)
    really_load (self);
}

void
gloss_article_view_load_version (GlossArticleView *self,
                                 const char       *version)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));
  g_return_if_fail (version == NULL || is_valid_id (version));

  if (self->article_id == NULL || g_strcmp0 (version, self->version) == 0)
    return;
  g_free (self->version);
  self->version = g_strdup (version);
  /* An earlier version opens at the top; its reading is not progress. */
  self->restore_progress = -1.0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
  if (self->filter_ready)
    really_load (self);
}

const char *
gloss_article_view_get_version (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  return self->version;
}

const char *
gloss_article_view_get_article_id (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  return self->article_id;
}

WebKitWebView *
gloss_article_view_get_web_view (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  return self->web_view;
}
