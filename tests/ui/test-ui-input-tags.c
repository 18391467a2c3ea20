/* test-ui-input-tags.c — the tag filter of the library's sidebar with a
 * real pointer and keyboard: a chip clicked keeps the list to its articles
 * and clicked again shows them all, combined with a search, `tag:` typed
 * in the search, and a tag added in the notes pane becoming a chip
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-archive.h"
#include "gloss-library.h"
#include "gloss-sidecar.h"
#include "test-ui-input-private.h"

typedef struct
{
  Fixture *f;
  guint    n;
  int      width;
} Wait;

/* Gives the article @id the tags @tags (NULL-terminated). */
static void
tag_article (Fixture            *f,
             const char         *id,
             const char * const *tags)
{
  g_autofree char *archive = gloss_test_library_archive_path (f->library, id);
  g_autofree char *path = gloss_library_sidecar_path (archive);
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_load (path, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (sidecar);
  for (guint i = 0; tags[i] != NULL; i++)
    g_ptr_array_add (sidecar->tags, g_strdup (tags[i]));
  g_assert_true (gloss_sidecar_save (sidecar, &error));
  g_assert_no_error (error);
}

static char *
title_of (Fixture    *f,
          const char *id)
{
  g_autofree char *archive = gloss_test_library_archive_path (f->library, id);
  g_autoptr(GlossArchiveInfo) info = gloss_archive_read_info (archive, NULL);

  g_assert_nonnull (info);
  return g_strdup (info->title);
}

/* Three articles: the seed tagged cloud, the letterpress printing, the
 * river cloud and maps; the window opens on no article. f->sidecar holds
 * the letterpress's id, f->id the seed's. */
static void
tags_fixture_setup (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const seed_tags[] = { "cloud", NULL };
  static const char * const press_tags[] = { "printing", NULL };
  static const char * const river_tags[] = { "cloud", "maps", NULL };
  g_autofree char *river = NULL;

  if (input_skipped ())
    return;
  gloss_ui_test_reset_settings ();
  f->server = gloss_test_server_new ();
  f->library = gloss_test_library_new ();
  f->id = gloss_test_library_clip (f->library, f->server, "/seed.html", GLOSS_CLIP_MODE_READER);
  f->sidecar = gloss_test_library_clip (f->library, f->server, "/full.html",
                                        GLOSS_CLIP_MODE_READER);
  river = gloss_test_library_clip (f->library, f->server, "/missing-image.html",
                                   GLOSS_CLIP_MODE_READER);
  tag_article (f, f->id, seed_tags);
  tag_article (f, f->sidecar, press_tags);
  tag_article (f, river, river_tags);

  input_start_window (f);
}

static gboolean
list_shows (gpointer data)
{
  Wait *wait = data;

  return g_list_model_get_n_items (G_LIST_MODEL (_gloss_window_get_selection (wait->f->window)))
         == wait->n;
}

static void
wait_listed (Fixture    *f,
             guint       n,
             const char *what)
{
  Wait wait = { f, n, 0 };

  gloss_test_wait_until (list_shows, &wait, 10, what);
}

static GtkWidget *
find_chip (Fixture    *f,
           const char *tag)
{
  return gloss_a11y_find (GTK_WIDGET (f->window), "button", tag);
}

static void
click_chip (Fixture    *f,
            const char *tag)
{
  gloss_input_click (f->input, find_chip (f, tag));
}

static gboolean
has_width (gpointer data)
{
  Wait *wait = data;

  /* (The window's frame takes a few pixels of the size asked.) */
  return ABS (gtk_widget_get_width (GTK_WIDGET (wait->f->window)) - wait->width) <= 20;
}

static void
resize (Fixture *f,
        int      width,
        int      height)
{
  Wait wait = { f, 0, width };

  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  gloss_test_wait_until (has_width, &wait, 5, "the window to take its new size");
  gloss_test_run_for (300);
}

static void
shoot (Fixture    *f,
       const char *name)
{
  gloss_test_run_for (300);
  input_screenshot (f, name);
}

/* Screenshots for a person to look at: the strip narrow, light and dark. */
static void
look_narrow_and_dark (Fixture *f)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (f->window), &width, &height);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  shoot (f, "tags-dark");
  resize (f, 380, 760);
  /* Folded, the sidebar is a flap over the content: shown as a person would. */
  adw_flap_set_reveal_flap (_gloss_window_get_flap (f->window), TRUE);
  shoot (f, "tags-narrow-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  shoot (f, "tags-narrow");
  resize (f, width, height);
}

/* A chip keeps the list to its tag's articles, at once; clicked again, or
 * All, shows them all. */
static void
test_tags_filter (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *seed = NULL;
  g_autofree char *press = NULL;
  GtkWidget *window;
  GtkWidget *printing;

  if (input_skipped ())
    return;
  window = GTK_WIDGET (f->window);
  seed = title_of (f, f->id);
  press = title_of (f, f->sidecar);
  wait_listed (f, 3, "every article");
  printing = find_chip (f, "printing");
  find_chip (f, "cloud");
  find_chip (f, "maps");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_chip (f, "All"))));
  /* The rows say their tags. */
  gloss_a11y_find (window, "label", "#cloud · #maps");
  gloss_a11y_find (window, "label", "#printing");
  shoot (f, "tags");

  gloss_input_click (f->input, printing);
  wait_listed (f, 1, "only the article tagged printing");
  gloss_a11y_find (window, "label", press);
  g_assert_null (gloss_a11y_lookup (window, "label", seed));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (printing)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_chip (f, "All"))));
  shoot (f, "tags-printing");
  look_narrow_and_dark (f);

  gloss_input_click (f->input, printing);
  wait_listed (f, 3, "every article again once the chip is clicked again");
  gloss_a11y_find (window, "label", seed);
  gloss_a11y_find (window, "label", press);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_chip (f, "All"))));

  click_chip (f, "cloud");
  wait_listed (f, 2, "the two articles tagged cloud");
  gloss_a11y_find (window, "label", seed);
  g_assert_null (gloss_a11y_lookup (window, "label", press));
  click_chip (f, "All");
  wait_listed (f, 3, "every article once All is clicked");
}

static gboolean
search_has_keyboard (gpointer data)
{
  Fixture *f = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && GTK_IS_TEXT (focus)
         && gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL;
}

static void
start_search (Fixture *f)
{
  gloss_input_click (f->input, gloss_a11y_find (GTK_WIDGET (f->window), "button",
                                                "Search Library"));
  gloss_test_wait_until (search_has_keyboard, f, 5, "the library's search to take the keyboard");
}

/* A chip and a search together: the sidebar says which tag the search was
 * kept to when nothing matches; `tag:` typed still searches the index. */
static void
test_tags_and_search (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *window;

  if (input_skipped ())
    return;
  window = GTK_WIDGET (f->window);
  wait_listed (f, 3, "every article");
  click_chip (f, "printing");
  wait_listed (f, 1, "only the article tagged printing");
  start_search (f);
  gloss_input_type (f->input, "alibaba");
  gloss_a11y_find (window, "label", "No article tagged “printing” matches the search");
  wait_listed (f, 0, "no article tagged printing about Alibaba");
  shoot (f, "tags-no-match");
  click_chip (f, "cloud");
  wait_listed (f, 1, "the article tagged cloud about Alibaba");
  click_chip (f, "All");
  gloss_input_click (f->input, gloss_a11y_find (window, "button", "Search Library"));
  wait_listed (f, 3, "every article once the search is closed");

  start_search (f);
  gloss_input_type (f->input, "tag:maps");
  wait_listed (f, 1, "the article the index finds tagged maps");
  gloss_a11y_find (window, "label", "#cloud · #maps");
}

static gboolean
pane_shown (gpointer data)
{
  Fixture *f = data;

  return adw_flap_get_reveal_flap (_gloss_window_get_notes_flap (f->window))
         && gtk_widget_get_mapped (GTK_WIDGET (_gloss_window_get_annotations_pane (f->window)));
}

static gboolean
has_keyboard_inside (gpointer widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* A tag typed into the notes pane is at once a chip of the sidebar, and
 * filters like the others. */
static void
test_tags_new_tag (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *seed = NULL;
  GtkWidget *window, *entry;

  if (input_skipped ())
    return;
  window = GTK_WIDGET (f->window);
  seed = title_of (f, f->id);
  wait_listed (f, 3, "every article");
  g_assert_null (gloss_a11y_lookup (window, "button", "art"));
  gloss_input_click (f->input, gloss_a11y_find (window, "label", seed));
  gloss_ui_test_wait_article (f->window, f->id);
  gloss_test_wait_until ((GlossTestPredicate) gloss_highlighter_get_ready,
                         _gloss_window_get_highlighter (f->window), 30, "the highlighter");
  gloss_input_key (f->input, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  gloss_test_wait_until (pane_shown, f, 5, "the notes pane");

  entry = gloss_a11y_find (window, "text box", "Tags");
  gloss_input_click (f->input, entry);
  gloss_test_wait_until (has_keyboard_inside, entry, 5, "the tags entry to take the keyboard");
  gloss_input_key (f->input, GDK_KEY_End, 0);
  /* First in the strip's order, so in sight without scrolling it. */
  gloss_input_type (f->input, ", art");
  gloss_input_key (f->input, GDK_KEY_Return, 0);

  find_chip (f, "art");
  gloss_a11y_find (window, "label", "#cloud · #art");
  shoot (f, "tags-new");
  click_chip (f, "art");
  wait_listed (f, 1, "only the article just tagged art");
  gloss_a11y_find (window, "label", seed);
}

void
input_add_tags_tests (void)
{
  g_test_add ("/input/tags-filter", Fixture, NULL, tags_fixture_setup, test_tags_filter,
              input_fixture_teardown);
  g_test_add ("/input/tags-search", Fixture, NULL, tags_fixture_setup, test_tags_and_search,
              input_fixture_teardown);
  g_test_add ("/input/tags-new", Fixture, NULL, tags_fixture_setup, test_tags_new_tag,
              input_fixture_teardown);
}
