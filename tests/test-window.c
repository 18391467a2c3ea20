/* test-window.c — the window opens and greets a first-time user
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "gloss-window.h"

static void
find_status_pages (GtkWidget *widget,
                   GPtrArray *found)
{
  if (ADW_IS_STATUS_PAGE (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_status_pages (child, found);
}

static void
test_window_greets (void)
{
  GlossWindow *window = g_object_ref_sink (gloss_window_new (NULL));
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  AdwStatusPage *page;

  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);

  find_status_pages (GTK_WIDGET (window), pages);
  g_assert_cmpuint (pages->len, ==, 1);
  page = pages->pdata[0];
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page)));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "Welcome to Gloss");
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "gloss clip URL"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/greets", test_window_greets);

  return g_test_run ();
}
