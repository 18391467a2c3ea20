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

#include "gloss-i18n.h"
#include "gloss-ui-test.h"

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

int
main (int    argc,
      char **argv)
{
  /* The language first: the window's strings are translated as it is made. */
  gloss_i18n_init ();
  gloss_ui_test_init (&argc, &argv, "gloss-test-ui-language");
  g_test_add_func ("/ui/language/window-speaks-the-language", test_window_speaks_the_language);
  return g_test_run ();
}
