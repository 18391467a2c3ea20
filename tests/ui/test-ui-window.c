/* test-ui-window.c — the window on a library of fixture archives: the list,
 * opening, remembering, searching, sorting, typography, find, delete and undo,
 * and every action reachable from the keyboard
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "gloss-library-row.h"
#include "gloss-sidecar.h"
#include "gloss-ui-test.h"

typedef struct
{
  GlossTestServer *server;
  char            *library;
  char            *seed;   /* clipped second: the newest */
  char            *full;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gloss_ui_test_reset_settings ();
  f->server = gloss_test_server_new ();
  f->library = gloss_test_library_new ();
  f->full = gloss_test_library_clip (f->library, f->server, "/full.html", GLOSS_CLIP_MODE_FULL);
  /* Saved times have a resolution of one second. */
  gloss_test_wait_next_second ();
  f->seed = gloss_test_library_clip (f->library, f->server, "/seed.html", GLOSS_CLIP_MODE_READER);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gloss_test_library_free (f->library);
  gloss_test_server_free (f->server);
  g_free (f->seed);
  g_free (f->full);
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (GLOSS_IS_LIBRARY_ROW (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static gboolean
shows_two_rows (gpointer window)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (_gloss_window_get_list_view (window)), rows);
  return rows->len == 2;
}

static GlossLibraryItem *
selection_item (GlossWindow *window,
                guint        position)
{
  GListModel *model = G_LIST_MODEL (_gloss_window_get_selection (window));
  g_autoptr(GlossLibraryItem) item = g_list_model_get_item (model, position);

  return item;
}

/* What the window shows in place of an article, seen by the user. The
 * article view sits under the version banner, in the content stack. */
static const char *
shown_status_title (GlossWindow *window)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (
                                 GTK_WIDGET (_gloss_window_get_article_view (window)),
                                 GTK_TYPE_STACK));
  GtkWidget *page = gtk_stack_get_visible_child (stack);

  if (!ADW_IS_STATUS_PAGE (page) || !gtk_widget_get_mapped (page))
    return NULL;
  return adw_status_page_get_title (ADW_STATUS_PAGE (page));
}

typedef struct
{
  GlossWindow *window;
  gboolean     seen_loading;  /* mapped, the library still being read */
} LoadingWait;

/* Until the library has been read, the window never claims it is empty. */
static gboolean
loaded_never_empty (gpointer data)
{
  LoadingWait *wait = data;

  if (_gloss_window_get_loaded (wait->window))
    return TRUE;
  g_assert_cmpstr (_gloss_window_get_visible_page (wait->window), ==, "loading");
  if (gtk_widget_get_mapped (GTK_WIDGET (wait->window)))
    {
      g_assert_cmpstr (shown_status_title (wait->window), ==, "Loading Library…");
      wait->seen_loading = TRUE;
    }
  return FALSE;
}

static GlossWindow *
open_window_watching_load (const char *library,
                           gboolean   *seen_loading)
{
  LoadingWait wait = { g_object_ref_sink (gloss_window_new_for_library (NULL, library)), FALSE };

  /* Not one main loop iteration yet: the library is being read. */
  g_assert_false (_gloss_window_get_loaded (wait.window));
  g_assert_cmpstr (_gloss_window_get_visible_page (wait.window), ==, "loading");
  gtk_window_present (GTK_WINDOW (wait.window));
  gloss_test_wait_until (loaded_never_empty, &wait, 60, "the library to be read");
  *seen_loading = wait.seen_loading;
  return wait.window;
}

static gboolean
window_mapped (gpointer window)
{
  return gtk_widget_get_mapped (window);
}

static void
test_empty_library (void)
{
  char *library = gloss_test_library_new ();
  GlossWindow *window;
  gboolean seen_loading;

  gloss_ui_test_reset_settings ();
  window = open_window_watching_load (library, &seen_loading);
  gloss_test_wait_until (window_mapped, window, 30, "the window to show");

  g_assert_cmpstr (_gloss_window_get_visible_page (window), ==, "empty");
  g_assert_cmpstr (shown_status_title (window), ==, "Paste a link to clip your first article");
  g_assert_false (gtk_widget_get_visible (adw_flap_get_flap (_gloss_window_get_flap (window))));
  /* Nothing to find or delete without an article. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  g_assert_false (gloss_article_view_get_find_visible (_gloss_window_get_article_view (window)));

  gloss_ui_test_close_window (window);
  gloss_test_library_free (library);
}

#define BIG_LIBRARY 300

/* A big library takes seconds to read: meanwhile the window says it is
 * loading, never "Paste a link to clip your first article". */
static void
test_loading_library (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *archive = gloss_test_library_archive_path (f->library, f->seed);
  g_autofree char *contents = NULL;
  GlossWindow *window;
  gboolean seen_loading;

  g_assert_true (g_file_get_contents (archive, &contents, NULL, NULL));
  for (guint i = 0; i < BIG_LIBRARY; i++)
    {
      g_autofree char *name = g_strdup_printf ("copy-%03u-%08x.html", i, i);

      g_free (gloss_test_library_add (f->library, name, contents));
    }
  window = open_window_watching_load (f->library, &seen_loading);
  g_assert_true (seen_loading);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (_gloss_window_get_selection (window))),
                    ==, BIG_LIBRARY + 2);
  g_assert_cmpstr (_gloss_window_get_visible_page (window), ==, "choose");
  gloss_ui_test_close_window (window);
}

static void
test_library_lists_and_opens (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *last = NULL;
  GlossWindow *window;
  GlossLibraryItem *first;
  WebKitWebView *view;

  window = gloss_ui_test_open_window (f->library);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (_gloss_window_get_selection (window))),
                    ==, 2);
  g_assert_cmpstr (_gloss_window_get_visible_page (window), ==, "choose");

  /* Newest first, with the archive's metadata. */
  first = selection_item (window, 0);
  g_assert_cmpstr (gloss_library_item_get_id (first), ==, f->seed);
  g_assert_cmpstr (gloss_library_item_get_title (first), ==,
                   "Alibaba’s First Foot On U.S. Soil Is A Data Center In Silicon Valley");
  g_assert_cmpstr (gloss_library_item_get_site (first), ==, "Fast Company");
  g_assert_nonnull (gloss_library_item_get_thumbnail (first));
  g_assert_cmpstr (gloss_library_item_get_id (selection_item (window, 1)), ==, f->full);

  /* The list really shows them. */
  gloss_test_wait_until (shows_two_rows, window, 10, "the list to show its rows");
  collect_rows (GTK_WIDGET (_gloss_window_get_list_view (window)), rows);
  g_assert_cmpuint (rows->len, ==, 2);

  /* Selecting opens. */
  gtk_single_selection_set_selected (_gloss_window_get_selection (window), 0);
  gloss_ui_test_wait_article (window, f->seed);
  g_assert_cmpstr (_gloss_window_get_visible_page (window), ==, "article");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Gloss");
  view = gloss_article_view_get_web_view (_gloss_window_get_article_view (window));
  title = gloss_test_evaluate_string (view, NULL, "document.title");
  g_assert_cmpstr (title, ==, "Alibaba’s First Foot On U.S. Soil Is A Data Center In Silicon Valley");
  text = gloss_test_evaluate_string (view, NULL, "document.body.innerText");
  g_assert_nonnull (strstr (text, "Alibaba is planning to build a data center in Silicon Valley"));
  g_assert_nonnull (strstr (text, "John Paul Titlow"));

  last = g_settings_get_string (settings, "last-article");
  g_assert_cmpstr (last, ==, f->seed);
  gloss_ui_test_close_window (window);

  /* Closed and reopened: back where the user was. */
  window = gloss_ui_test_open_window (f->library);
  gloss_ui_test_wait_article (window, f->seed);
  g_assert_cmpstr (_gloss_window_get_visible_page (window), ==, "article");
  gloss_ui_test_close_window (window);
}

/* What the window saves on closing: a sidebar hidden, not folded away. */
static gboolean
sidebar_hidden_unfolded (gpointer window)
{
  AdwFlap *flap = _gloss_window_get_flap (window);

  return adw_flap_get_reveal_progress (flap) == 0.0 && !adw_flap_get_folded (flap);
}

static void
test_window_state_remembered (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GlossWindow *window;
  int width, height;

  window = gloss_ui_test_open_window (f->library);
  gtk_window_set_default_size (GTK_WINDOW (window), 1010, 700);
  adw_flap_set_reveal_flap (_gloss_window_get_flap (window), FALSE);
  gloss_test_wait_until (sidebar_hidden_unfolded, window, 10, "the sidebar to hide");
  gloss_ui_test_close_window (window);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1010);
  g_assert_false (g_settings_get_boolean (settings, "sidebar-visible"));

  window = gloss_ui_test_open_window (f->library);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1010);
  g_assert_cmpint (height, ==, 700);
  g_assert_false (adw_flap_get_reveal_flap (_gloss_window_get_flap (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL);
  g_assert_true (adw_flap_get_reveal_flap (_gloss_window_get_flap (window)));
  gloss_ui_test_close_window (window);
}

typedef struct
{
  const char *text;
  gboolean    searched;
} SearchWait;

static void
on_search_changed (GtkSearchEntry *entry,
                   SearchWait     *wait)
{
  /* Replacing the text empties it first, which searches at once. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), wait->text) == 0)
    wait->searched = TRUE;
}

/* Types @text into the library's search @entry and waits until it searches
 * for it: a search entry waits a little after the last key before it does. */
static void
search (GtkWidget  *entry,
        const char *text)
{
  GtkWidget *search_entry = gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_ENTRY);
  SearchWait wait = { text, FALSE };
  gulong id;

  g_assert_nonnull (search_entry);
  id = g_signal_connect_after (search_entry, "search-changed", G_CALLBACK (on_search_changed),
                               &wait);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gloss_test_wait (&wait.searched, 10, "the search entry to search");
  g_signal_handler_disconnect (search_entry, id);
}

typedef struct
{
  GlossWindow *window;
  const char  *first;
  const char  *second;
} RankWait;

static gboolean
ranked_first (gpointer data)
{
  RankWait *wait = data;
  GListModel *shown = G_LIST_MODEL (_gloss_window_get_selection (wait->window));

  return g_list_model_get_n_items (shown) == 2
         && g_strcmp0 (gloss_library_item_get_id (selection_item (wait->window, 0)), wait->first) == 0
         && g_strcmp0 (gloss_library_item_get_id (selection_item (wait->window, 1)), wait->second) == 0
         && gloss_library_item_get_snippet (selection_item (wait->window, 1)) != NULL;
}

static gboolean
found_only (gpointer data)
{
  RankWait *wait = data;
  GListModel *shown = G_LIST_MODEL (_gloss_window_get_selection (wait->window));

  return g_list_model_get_n_items (shown) == 1
         && g_strcmp0 (gloss_library_item_get_id (selection_item (wait->window, 0)), wait->first) == 0
         && gloss_library_item_get_snippet (selection_item (wait->window, 0)) != NULL;
}

static void
test_search_and_sort (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GListModel *shown;
  GlossWindow *window;
  GtkWidget *entry;

  window = gloss_ui_test_open_window (f->library);
  shown = G_LIST_MODEL (_gloss_window_get_selection (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search-library", NULL);
  entry = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_true (GTK_IS_EDITABLE (entry));
  search (entry, "letterpress");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_cmpstr (gloss_library_item_get_id (selection_item (window, 0)), ==, f->full);

  search (entry, "FAST COMPANY");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_cmpstr (gloss_library_item_get_id (selection_item (window, 0)), ==, f->seed);

  search (entry, "no such words anywhere");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);

  search (entry, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);

  /* "Alibaba…" before "Field Notes…" by title; by date published, 2024 before 2015. */
  g_settings_set_string (settings, "sort-order", "title");
  g_assert_cmpstr (gloss_library_item_get_id (selection_item (window, 0)), ==, f->seed);
  g_settings_set_string (settings, "sort-order", "published");
  g_assert_cmpstr (gloss_library_item_get_id (selection_item (window, 0)), ==, f->full);

  /* A search ranks: "first" is in the seed's title, in the other's text
   * only, and the index's best comes before the date order. */
  search (entry, "first");
  {
    RankWait wait = { window, f->seed, f->full };

    gloss_test_wait_until (ranked_first, &wait, 10, "the title's match first");
  }
  search (entry, "");
  g_assert_cmpstr (gloss_library_item_get_id (selection_item (window, 0)), ==, f->full);

  gloss_ui_test_close_window (window);
}

static gboolean
body_style_is (gpointer data)
{
  const char **want = data;
  WebKitWebView *view = (WebKitWebView *) want[0];
  g_autofree char *script = g_strdup_printf ("getComputedStyle(document.body).%s", want[1]);
  g_autofree char *value = gloss_test_evaluate_string (view, NULL, script);

  return strstr (value, want[2]) != NULL;
}

static void
assert_body_style (WebKitWebView *view,
                   const char    *property,
                   const char    *value)
{
  const char *want[] = { (const char *) view, property, value };

  gloss_test_wait_until (body_style_is, want, 10, value);
}

static void
test_typography (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  AdwStyleManager *style = adw_style_manager_get_default ();
  GlossWindow *window;
  WebKitWebView *view;

  window = gloss_ui_test_open_window (f->library);
  g_assert_true (gloss_window_open_article (window, f->seed));
  gloss_ui_test_wait_article (window, f->seed);
  view = gloss_article_view_get_web_view (_gloss_window_get_article_view (window));

  assert_body_style (view, "fontSize", "18px");
  assert_body_style (view, "fontFamily", "Serif");
  assert_body_style (view, "backgroundColor", "rgb(255, 255, 255)");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  g_assert_cmpint (g_settings_get_int (settings, "reader-font-size"), ==, 22);
  assert_body_style (view, "fontSize", "22px");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL);
  assert_body_style (view, "fontSize", "20px");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-reset", NULL);
  assert_body_style (view, "fontSize", "18px");

  g_settings_set_string (settings, "reader-font", "sans");
  assert_body_style (view, "fontFamily", "Cantarell");
  g_settings_set_string (settings, "reader-width", "wide");
  assert_body_style (view, "maxWidth", "990px");  /* (52 + 3) em of 18 px */

  g_settings_set_string (settings, "reader-theme", "sepia");
  assert_body_style (view, "backgroundColor", "rgb(245, 236, 217)");
  g_settings_set_string (settings, "reader-theme", "dark");
  assert_body_style (view, "backgroundColor", "rgb(30, 30, 30)");

  /* "Follow system" follows the style manager both ways. */
  g_settings_set_string (settings, "reader-theme", "system");
  assert_body_style (view, "backgroundColor", "rgb(255, 255, 255)");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  assert_body_style (view, "backgroundColor", "rgb(30, 30, 30)");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  assert_body_style (view, "backgroundColor", "rgb(255, 255, 255)");

  gloss_ui_test_close_window (window);
}

typedef struct
{
  guint    matches;
  gboolean found;
} FindWait;

static void
on_found (WebKitFindController *find,
          guint                 matches,
          FindWait             *w)
{
  w->matches = matches;
  w->found = TRUE;
}

static void
test_find_in_article (Fixture       *f,
                      gconstpointer  data)
{
  GlossWindow *window;
  GlossArticleView *article;
  WebKitFindController *find;
  GtkWidget *entry;
  FindWait w = { 0 };

  window = gloss_ui_test_open_window (f->library);
  g_assert_true (gloss_window_open_article (window, f->seed));
  gloss_ui_test_wait_article (window, f->seed);
  article = _gloss_window_get_article_view (window);
  find = webkit_web_view_get_find_controller (gloss_article_view_get_web_view (article));
  g_signal_connect (find, "found-text", G_CALLBACK (on_found), &w);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  g_assert_true (gloss_article_view_get_find_visible (article));
  entry = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "data center");
  gloss_test_wait (&w.found, 10, "the find controller");
  g_assert_cmpuint (w.matches, >=, 2);

  w.found = FALSE;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find-next", NULL);
  gloss_test_wait (&w.found, 10, "the next match");

  g_signal_handlers_disconnect_by_data (find, &w);
  gloss_ui_test_close_window (window);
}

static gboolean
trash_holds (gpointer data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "Trash", "files", data, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_delete_with_undo (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *name = g_strconcat (f->seed, ".html", NULL);
  g_autofree char *path = g_build_filename (f->library, name, NULL);
  GlossLibraryModel *model;
  GlossWindow *window;

  window = gloss_ui_test_open_window (f->library);
  model = _gloss_window_get_model (window);
  g_assert_true (gloss_window_open_article (window, f->seed));
  gloss_ui_test_wait_article (window, f->seed);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-article", NULL));
  g_assert_cmpuint (gloss_library_model_count_articles (model), ==, 1);
  g_assert_cmpstr (_gloss_window_get_visible_page (window), ==, "choose");
  g_assert_nonnull (strstr (_gloss_window_get_last_toast (window), "moved to the trash"));
  /* Until the toast goes, undo is possible: nothing has moved yet. */
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", "s", f->seed));
  g_assert_cmpuint (gloss_library_model_count_articles (model), ==, 2);
  gloss_ui_test_wait_article (window, f->seed);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Deleted again, and the window closes before the toast does: it goes to the trash. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-article", NULL));
  gloss_ui_test_close_window (window);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (trash_holds (name));
}

/* Every action has a shortcut, and the shortcuts window lists every shortcut. */
static gboolean
help_overlay_lists (GPtrArray       *accels,
                    guint            keyval,
                    GdkModifierType  mods)
{
  for (guint i = 0; i < accels->len; i++)
    {
      guint k;
      GdkModifierType m;

      if (gtk_accelerator_parse (accels->pdata[i], &k, &m)
          && gdk_keyval_to_lower (k) == gdk_keyval_to_lower (keyval) && m == mods)
        return TRUE;
    }
  return FALSE;
}

static void
check_shortcuts (GListModel *shortcuts,
                 GPtrArray  *listed,
                 GHashTable *with_shortcut)
{
  GtkEventController *controller = GTK_EVENT_CONTROLLER (shortcuts);

  for (guint i = 0; i < g_list_model_get_n_items (shortcuts); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, i);
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
      GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
      g_autofree char *label = gtk_shortcut_trigger_to_string (trigger);
      const char *name;
      guint keyval;

      if (!GTK_IS_KEYVAL_TRIGGER (trigger) || !GTK_IS_NAMED_ACTION (action))
        continue;
      name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
      keyval = gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger));
      g_test_message ("%s → %s", label, name);
      if (!g_str_has_prefix (name, "win.") && !g_str_has_prefix (name, "annotate.")
          && !g_str_has_prefix (name, "settings.") && !g_str_equal (name, "window.close"))
        continue;
      /* WebKit hands the keys it gets to a hidden GtkTextView, whose own F7
       * aborts GTK 4.8: F7 is caught on its way down, before the article. */
      if (keyval == GDK_KEY_F7)
        g_assert_cmpint (gtk_event_controller_get_propagation_phase (controller), ==,
                         GTK_PHASE_CAPTURE);
      g_hash_table_add (with_shortcut, g_strdup (name));
      /* Alternative keys of one action (Ctrl+= for Ctrl++) need not all be listed. */
      if (keyval == GDK_KEY_equal || keyval == GDK_KEY_KP_Add || keyval == GDK_KEY_KP_Subtract
          || keyval == GDK_KEY_KP_0 || keyval == GDK_KEY_KP_Enter)
        continue;
      if (!help_overlay_lists (listed, keyval, gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))))
        g_error ("The shortcuts window does not list %s", label);
    }
}

static void
test_keyboard (void)
{
  char *library = gloss_test_library_new ();
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) with_shortcut = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GListModel) controllers = NULL;
  GObject *overlay;
  GlossWindow *window;
  const char *action_name;
  const GVariantType *parameter_type;
  const char *property_name;
  GType owner;
  /* Reached otherwise: by the toast's buttons, or the menu. */
  /* The versions are chosen from the Versions submenu (a date each) and left
   * with the banner's button: keyboard users reach both, neither needs a key. */
  const char *no_key[] = { "win.clip-url", "win.undo-delete", "win.export-all-notes",
                           "win.show-version", "win.show-current-version", "win.import", NULL };

  gloss_ui_test_reset_settings ();
  window = gloss_ui_test_open_window (library);

  builder = gtk_builder_new_from_resource ("/io/github/glossapp/Gloss/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  for (GSList *l = gtk_builder_get_objects (builder), *o = l; o != NULL; o = o->next)
    {
      if (GTK_IS_SHORTCUTS_SHORTCUT (o->data))
        {
          g_autofree char *accel = NULL;
          g_auto(GStrv) parts = NULL;

          g_object_get (o->data, "accelerator", &accel, NULL);
          parts = g_strsplit (accel, " ", -1);
          for (guint i = 0; parts[i] != NULL; i++)
            g_ptr_array_add (listed, g_strdup (parts[i]));
        }
      if (o->next == NULL)
        g_slist_free (l);
    }
  g_assert_cmpuint (listed->len, >=, 15);
  gtk_window_destroy (GTK_WINDOW (overlay));

  /* The class's shortcuts live in a shortcut controller of the window. */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, c);

      if (GTK_IS_SHORTCUT_CONTROLLER (controller))
        check_shortcuts (G_LIST_MODEL (controller), listed, with_shortcut);
    }

  for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (window), i, &owner,
                                                   &action_name, &parameter_type,
                                                   &property_name); i++)
    {
      if (!g_str_has_prefix (action_name, "win.") || g_strv_contains (no_key, action_name))
        continue;
      if (!g_hash_table_contains (with_shortcut, action_name))
        g_error ("%s has no keyboard shortcut", action_name);
    }
  g_assert_true (g_hash_table_contains (with_shortcut, "win.clip"));
  g_assert_true (g_hash_table_contains (with_shortcut, "win.paste-link"));
  g_assert_true (g_hash_table_contains (with_shortcut, "win.find"));
  g_assert_true (g_hash_table_contains (with_shortcut, "win.zoom-in"));
  g_assert_true (g_hash_table_contains (with_shortcut, "settings.caret-browsing"));

  gloss_ui_test_close_window (window);
  gloss_test_library_free (library);
}

static gboolean
progress_on_disk (gpointer path)
{
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_load (path, NULL);

  return sidecar != NULL && sidecar->progress > 0.9;
}

static gboolean
progress_above (gpointer data)
{
  GlossWindow *window = data;

  return gloss_article_view_get_progress (_gloss_window_get_article_view (window)) > 0.9;
}

static gboolean
scrolled_down (gpointer data)
{
  WebKitWebView *view = data;
  g_autofree char *y = gloss_test_evaluate_string (view, NULL, "String(window.scrollY > 100)");

  return g_str_equal (y, "true");
}

typedef struct
{
  GlossWindow *window;
  guint        count;
} CountWait;

static gboolean
article_count_is (gpointer data)
{
  CountWait *w = data;

  return gloss_library_model_count_articles (_gloss_window_get_model (w->window)) == w->count;
}

/* `gloss clip` in a terminal, or a file removed in a file manager, shows at once. */
static void
test_library_follows_folder (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  CountWait w;

  w.window = gloss_ui_test_open_window (f->library);
  id = gloss_test_library_clip (f->library, f->server, "/missing-image.html",
                                GLOSS_CLIP_MODE_READER);
  w.count = 3;
  gloss_test_wait_until (article_count_is, &w, 10, "the new archive to be listed");
  g_assert_nonnull (gloss_library_model_find (_gloss_window_get_model (w.window), id));

  g_assert_true (gloss_window_open_article (w.window, id));
  path = gloss_test_library_archive_path (f->library, id);
  g_assert_cmpint (g_unlink (path), ==, 0);
  w.count = 2;
  gloss_test_wait_until (article_count_is, &w, 10, "the removed archive to go");
  g_assert_cmpstr (_gloss_window_get_visible_page (w.window), ==, "choose");

  gloss_ui_test_close_window (w.window);
}

static gboolean
index_read (gpointer window)
{
  return _gloss_window_get_loaded (window)
         && !gloss_library_model_get_stale (_gloss_window_get_model (window));
}

typedef struct
{
  GlossWindow *window;
  const char  *id;
  const char  *tag;     /* the article has it; NULL: the article is not listed */
} ItemWait;

static gboolean
item_is (gpointer data)
{
  ItemWait *w = data;
  GlossLibraryItem *item = gloss_library_model_find (_gloss_window_get_model (w->window), w->id);
  const char * const *tags;

  if (w->tag == NULL)
    return item == NULL;
  tags = item != NULL ? gloss_library_item_get_tags (item) : NULL;
  return tags != NULL && g_strv_contains (tags, w->tag);
}

static void
wait_item (GlossWindow *window,
           const char  *id,
           const char  *tag,
           const char  *what)
{
  ItemWait w = { window, id, tag };

  gloss_test_wait_until (item_is, &w, 15, what);
}

static void
on_command_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  guint *running = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error);
  g_assert_no_error (error);
  (*running)--;
}

/* `gloss ARGS…` in a process of its own, the window's loop running meanwhile. */
static void
run_gloss (guint       *running,
           const char  *library,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("GLOSS_BINARY"));
  va_start (args, library);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, "--library");
  g_ptr_array_add (argv, (gpointer) library);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  (*running)++;
  g_subprocess_wait_check_async (process, NULL, on_command_done, running);
}

static gboolean
none_running (gpointer data)
{
  return *(guint *) data == 0;
}

/* The list is the index's at once, then what changed while no window
 * watched (a sync tool's tag, an archive gone, one new); then the command
 * line and the window use the index at the same time. */
static void
test_index_follows_the_files (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *seed_archive = gloss_test_library_archive_path (f->library, f->seed);
  g_autofree char *seed_sidecar = gloss_library_sidecar_path (seed_archive);
  g_autofree char *full_archive = gloss_test_library_archive_path (f->library, f->full);
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = NULL;
  GlossWindow *window;
  GtkWidget *entry;
  guint running = 0;

  window = gloss_ui_test_open_window (f->library);
  gloss_test_wait_until (index_read, window, 15, "the index to read the library");
  gloss_ui_test_close_window (window);

  sidecar = gloss_sidecar_load (seed_sidecar, &error);
  g_assert_no_error (error);
  g_ptr_array_insert (sidecar->tags, 0, g_strdup ("synced"));
  g_assert_true (gloss_sidecar_save (sidecar, &error));
  g_assert_cmpint (g_unlink (full_archive), ==, 0);
  fresh = gloss_test_library_clip (f->library, f->server, "/missing-image.html",
                                   GLOSS_CLIP_MODE_READER);

  window = gloss_ui_test_open_window (f->library);
  wait_item (window, f->seed, "synced", "the tag added while no window watched");
  wait_item (window, f->full, NULL, "the archive removed while no window watched to go");
  g_assert_nonnull (gloss_library_model_find (_gloss_window_get_model (window), fresh));

  /* Two commands at once, and the window following what they write. */
  run_gloss (&running, f->library, "tag", fresh, "+river", NULL);
  run_gloss (&running, f->library, "search", "delta", NULL);
  gloss_test_wait_until (none_running, &running, 30, "the commands to finish");
  wait_item (window, fresh, "river", "the tag the command line added");

  /* The window's search finds the new article by a word of its text. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search-library", NULL);
  entry = gtk_window_get_focus (GTK_WINDOW (window));
  search (entry, "snowmelt");
  {
    RankWait wait = { window, fresh, NULL };

    gloss_test_wait_until (found_only, &wait, 10, "the new article found by its text");
  }
  gloss_ui_test_close_window (window);
}

/* Reading progress and highlight counts live in the sidecar. */
static void
test_sidecar_progress_and_highlights (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *name = g_strconcat (f->full, ".html", NULL);
  g_autofree char *archive = g_build_filename (f->library, name, NULL);
  g_autofree char *seed_name = g_strconcat (f->seed, ".html", NULL);
  g_autofree char *seed_archive = g_build_filename (f->library, seed_name, NULL);
  g_autofree char *seed_sidecar = gloss_library_sidecar_path (seed_archive);
  g_autofree char *notes_path = gloss_library_sidecar_path (archive);
  g_autoptr(GlossSidecar) notes = gloss_sidecar_new (notes_path);
  g_autoptr(GlossSidecar) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *tags = NULL;
  GlossLibraryItem *item;
  GlossWindow *window;
  WebKitWebView *view;

  /* Two highlights and a tag on the full-page article. */
  notes->archive = g_strdup (name);
  gloss_sidecar_add (notes, gloss_annotation_new ());
  gloss_sidecar_add (notes, gloss_annotation_new ());
  g_ptr_array_add (notes->tags, g_strdup ("printing"));
  g_assert_true (gloss_sidecar_save (notes, &error));
  g_assert_no_error (error);

  window = gloss_ui_test_open_window (f->library);
  item = gloss_library_model_find (_gloss_window_get_model (window), f->full);
  g_assert_cmpuint (gloss_library_item_get_highlights (item), ==, 2);
  subtitle = gloss_library_item_dup_subtitle (item);
  g_assert_nonnull (strstr (subtitle, "2 highlights"));
  g_assert_null (strstr (subtitle, "printing"));
  tags = gloss_library_item_dup_tags_label (item);
  g_assert_cmpstr (tags, ==, "#printing");
  g_assert_true (gloss_library_item_matches (item, "#printing"));
  g_assert_false (gloss_library_item_matches (gloss_library_model_find (_gloss_window_get_model (window),
                                                                        f->seed), "#printing"));

  /* Read to the end, close: the place is saved … */
  g_assert_true (gloss_window_open_article (window, f->seed));
  gloss_ui_test_wait_article (window, f->seed);
  view = gloss_article_view_get_web_view (_gloss_window_get_article_view (window));
  g_free (gloss_test_evaluate_string (view, NULL,
                                      "window.scrollTo(0, document.documentElement.scrollHeight);"
                                      " 'ok'"));
  gloss_test_wait_until (progress_above, window, 10, "the reading progress");
  gloss_ui_test_close_window (window);

  /* Saved off the main thread: on disk once that has landed. */
  gloss_test_wait_until (progress_on_disk, (gpointer) seed_sidecar, 10, "the progress on disk");
  saved = gloss_sidecar_load (seed_sidecar, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (saved->progress, >, 0.9);
  g_assert_cmpstr (saved->archive, ==, seed_name);
  g_assert_nonnull (saved->source);

  /* … and found again. */
  window = gloss_ui_test_open_window (f->library);
  gloss_ui_test_wait_article (window, f->seed);
  view = gloss_article_view_get_web_view (_gloss_window_get_article_view (window));
  gloss_test_wait_until (scrolled_down, view, 10, "the view to scroll back");
  gloss_ui_test_close_window (window);
}

/* How far an empty lead figure (what archives clipped before a missing
 * picture was left out hold) pushes the text under the header down. */
static const char lead_gap_script[] =
  "const figure = document.querySelector ('header + figure');"
  "const next = figure.nextElementSibling;"
  "const before = next.getBoundingClientRect ().top;"
  "figure.remove ();"
  "const after = next.getBoundingClientRect ().top;"
  "return String (Math.round (before - after));";

static void
test_missing_lead_image_gap (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *archive = gloss_test_library_archive_path (f->library, f->seed);
  g_autofree char *contents = NULL;
  g_autofree char *gap = NULL;
  g_autoptr(GString) old = NULL;
  const char *id = "lead-gone-0badf00d";
  char *header_end;
  GlossWindow *window;

  g_assert_true (g_file_get_contents (archive, &contents, NULL, NULL));
  header_end = strstr (contents, "</header>\n");
  g_assert_nonnull (header_end);
  old = g_string_new_len (contents, header_end + strlen ("</header>\n") - contents);
  g_string_append (old, "<figure><img alt=\"\"></figure>\n");
  g_string_append (old, header_end + strlen ("</header>\n"));
  g_free (gloss_test_library_add (f->library, "lead-gone-0badf00d.html", old->str));

  window = gloss_ui_test_open_window (f->library);
  g_assert_true (gloss_window_open_article (window, id));
  gloss_ui_test_wait_article (window, id);
  gap = gloss_test_call_string (gloss_article_view_get_web_view (_gloss_window_get_article_view (window)),
                                NULL, lead_gap_script, NULL);
  g_assert_cmpstr (gap, ==, "0");
  gloss_ui_test_close_window (window);
}

/* A sidecar a sync tool dropped in, nested 100,000 levels deep, used to
 * crash the window at every start. */
static void
test_hostile_sidecar (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *name = g_strconcat (f->full, ".notes.json", NULL);
  g_autofree char *path = g_build_filename (f->library, name, NULL);
  g_autoptr(GString) deep = g_string_new ("{ \"gloss\": 1, \"x\": ");
  GlossWindow *window;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append (deep, " }");
  g_assert_true (g_file_set_contents (path, deep->str, -1, NULL));

  window = gloss_ui_test_open_window (f->library);
  gloss_test_wait_until (shows_two_rows, window, 10, "both articles in the list");
  g_assert_cmpuint (gloss_library_item_get_highlights (gloss_library_model_find (_gloss_window_get_model (window),
                                                                                 f->full)), ==, 0);
  g_assert_true (gloss_window_open_article (window, f->seed));
  gloss_ui_test_wait_article (window, f->seed);
  gloss_ui_test_close_window (window);
}

int
main (int    argc,
      char **argv)
{
  gloss_ui_test_init (&argc, &argv, "gloss-test-ui-window");

  g_test_add_func ("/ui/window/empty-library", test_empty_library);
  g_test_add ("/ui/window/loading-library", Fixture, NULL,
              fixture_setup, test_loading_library, fixture_teardown);
  g_test_add ("/ui/window/library-lists-and-opens", Fixture, NULL,
              fixture_setup, test_library_lists_and_opens, fixture_teardown);
  g_test_add ("/ui/window/state-remembered", Fixture, NULL,
              fixture_setup, test_window_state_remembered, fixture_teardown);
  g_test_add ("/ui/window/search-and-sort", Fixture, NULL,
              fixture_setup, test_search_and_sort, fixture_teardown);
  g_test_add ("/ui/window/typography", Fixture, NULL,
              fixture_setup, test_typography, fixture_teardown);
  g_test_add ("/ui/window/find-in-article", Fixture, NULL,
              fixture_setup, test_find_in_article, fixture_teardown);
  g_test_add ("/ui/window/delete-with-undo", Fixture, NULL,
              fixture_setup, test_delete_with_undo, fixture_teardown);
  g_test_add ("/ui/window/sidecar-progress-and-highlights", Fixture, NULL,
              fixture_setup, test_sidecar_progress_and_highlights, fixture_teardown);
  g_test_add ("/ui/window/index-follows-the-files", Fixture, NULL,
              fixture_setup, test_index_follows_the_files, fixture_teardown);
  g_test_add ("/ui/window/library-follows-folder", Fixture, NULL,
              fixture_setup, test_library_follows_folder, fixture_teardown);
  g_test_add ("/ui/window/missing-lead-image-gap", Fixture, NULL,
              fixture_setup, test_missing_lead_image_gap, fixture_teardown);
  g_test_add ("/ui/window/hostile-sidecar", Fixture, NULL,
              fixture_setup, test_hostile_sidecar, fixture_teardown);
  g_test_add_func ("/ui/window/keyboard", test_keyboard);

  return g_test_run ();
}
