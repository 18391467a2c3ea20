/* test-ui-language.c — the window in the user's language: run once with
 * LANGUAGE=de and once with LANGUAGE=zh_CN (tests/ui/meson.build), it shows
 * the first start's page, its buttons' tooltips and its main menu
 * translated, and saves a screenshot of each for a person to look at
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation.h"
#include "gloss-i18n.h"
#include "gloss-library.h"
#include "gloss-sidecar.h"
#include "gloss-ui.h"
#include "gloss-ui-test.h"
#include "gloss-window-private.h"

/* A string of the window, shown as @shown: translated, as the catalogue
 * translates it. */
static void
assert_translated (const char *shown,
                   const char *english)
{
  g_assert_cmpstr (shown, ==, g_dgettext (GETTEXT_PACKAGE, english));
  g_assert_cmpstr (shown, !=, english);
}

/* The main menu's button: the one menu button of the window with a menu
 * model (the Clip button has a popover). */
static GtkMenuButton *
find_main_menu (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)))
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_main_menu (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
first_start_shown (gpointer window)
{
  GtkWidget *page = gloss_ui_test_find_widget (window, ADW_TYPE_STATUS_PAGE, TRUE);

  return page != NULL
         && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (page)),
                       g_dgettext (GETTEXT_PACKAGE, "Loading Library…")) != 0;
}

static char *
first_menu_label (GMenuModel *menu)
{
  g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  GMenuModel *items = section != NULL ? section : menu;
  char *label = NULL;

  g_menu_model_get_item_attribute (items, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label);
  return label;
}

static void
test_window_speaks_the_language (void)
{
  g_autofree char *library = gloss_test_library_new ();
  g_autofree char *file = g_strdup_printf ("language-%s.png", g_getenv ("LANGUAGE"));
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "screenshots", file, NULL);
  GlossWindow *window = gloss_ui_test_open_window (library);
  GtkMenuButton *menu_button;
  AdwStatusPage *page;
  g_autofree char *first_item = NULL;

  gloss_ui_test_reset_settings ();
  gloss_test_wait_until (first_start_shown, window, 10, "the library to load");
  page = ADW_STATUS_PAGE (gloss_ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, TRUE));
  g_assert_nonnull (page);
  assert_translated (adw_status_page_get_title (page), "Paste a link to clip your first article");
  menu_button = find_main_menu (GTK_WIDGET (window));
  g_assert_nonnull (menu_button);
  assert_translated (gtk_widget_get_tooltip_text (GTK_WIDGET (menu_button)), "Main Menu");
  first_item = first_menu_label (gtk_menu_button_get_menu_model (menu_button));
  assert_translated (first_item, "_Theme");

  gloss_test_run_for (300);
  gloss_ui_test_save_png (GTK_WIDGET (window), path);
  gloss_ui_test_close_window (window);
  gloss_test_library_free (g_steal_pointer (&library));
}

/* What a reader of each language sees: a number past a thousand, grouped
 * as the language groups it, and a date with the language's month. */
typedef struct
{
  const char *language;
  const char *highlights;  /* 1,234 of them */
  const char *date;        /* 2 March 2015 */
} Expected;

static const Expected expected[] = {
  { "de", "1.234 Markierungen", "2. März 2015" },
  { "zh_CN", "1,234 个高亮", "2015年3月2日" },
};

/* Gives the article @id @n highlights. */
static void
highlight_many (const char *library,
                const char *id,
                guint       n)
{
  g_autofree char *archive = gloss_test_library_archive_path (library, id);
  g_autofree char *path = gloss_library_sidecar_path (archive);
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_load (path, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (sidecar);
  for (guint i = 0; i < n; i++)
    {
      GlossAnnotation *annotation = gloss_annotation_new ();

      annotation->exact = g_strdup_printf ("Alibaba %u", i);
      annotation->color = g_strdup ("yellow");
      gloss_sidecar_add (sidecar, annotation);
    }
  g_assert_true (gloss_sidecar_save (sidecar, &error));
  g_assert_no_error (error);
}

static gboolean
notebook_loaded (gpointer window)
{
  GlossNotebook *notebook = _gloss_window_get_notebook (window);

  return notebook != NULL && gtk_widget_get_mapped (GTK_WIDGET (notebook))
         && _gloss_notebook_get_loaded (notebook);
}

static void
test_numbers_and_dates (void)
{
  const char *locale = g_getenv ("GLOSS_TEST_LOCALE");
  const Expected *want = NULL;
  g_autoptr(GlossTestServer) server = NULL;
  g_autofree char *library = NULL;
  g_autofree char *id = NULL;
  g_autofree char *date = NULL;
  GlossWindow *window;
  GtkWidget *title;

  if (locale == NULL)
    {
      g_test_skip ("No locale made for the language: install the locales package");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (g_str_equal (expected[i].language, g_getenv ("LANGUAGE")))
      want = &expected[i];
  g_assert_nonnull (want);

  date = gloss_ui_format_time ("2015-03-02T10:00:00Z");
  g_assert_cmpstr (date, ==, want->date);

  server = gloss_test_server_new ();
  library = gloss_test_library_new ();
  id = gloss_test_library_clip (library, server, "/seed.html", GLOSS_CLIP_MODE_READER);
  highlight_many (library, id, 1234);
  window = gloss_ui_test_open_window (library);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-highlights", NULL);
  gloss_test_wait_until (notebook_loaded, window, 60, "the notebook");
  title = gloss_ui_test_find_widget (GTK_WIDGET (_gloss_window_get_notebook (window)),
                                     ADW_TYPE_WINDOW_TITLE, TRUE);
  g_assert_nonnull (title);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==, want->highlights);
  gtk_window_destroy (GTK_WINDOW (_gloss_window_get_notebook (window)));
  gloss_ui_test_close_window (window);
  gloss_test_library_free (g_steal_pointer (&library));
}

int
main (int    argc,
      char **argv)
{
  /* The language first: the window's strings are translated as it is made. */
  gloss_i18n_init ();
  gloss_ui_test_init (&argc, &argv, "gloss-test-ui-language");
  g_test_add_func ("/ui/language/window-speaks-the-language", test_window_speaks_the_language);
  g_test_add_func ("/ui/language/numbers-and-dates", test_numbers_and_dates);
  return g_test_run ();
}
