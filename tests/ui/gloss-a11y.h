/* gloss-a11y.h — the window's accessible tree as AT-SPI presents it, for
 * the window's tests: finding a control by its role and accessible name
 * (what a screen reader would announce), as a person finds it by sight
 *
 * It asks GTK's AT-SPI bridge over the accessibility bus (started with the
 * session bus by tests/ui/run-x11 or tests/ui/run-wayland), asynchronously,
 * so the test's own main loop answers; each accessible is matched with its
 * widget by walking the widget tree alongside.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  GtkWidget *widget;   /* a reference */
  char      *role;     /* AT-SPI's role name: "button", "toggle button", "label"… */
  char      *name;
  gboolean   checked;  /* checked or pressed */
  gboolean   focusable;
} GlossAccessible;

/* Connects to the accessibility bus. FALSE (with @error set) when there is
 * none, and then the test is skipped. */
gboolean         gloss_a11y_init        (GError        **error);
/* Every accessible under @root that AT-SPI presents, depth first; none
 * until GTK has presented the window (gloss_a11y_find waits for that). */
GPtrArray       *gloss_a11y_list        (GtkWidget      *root);
/* The widget under @root presented with @role and @name (a mnemonic's
 * label without its underline: "Add Note"), waiting up to
 * five seconds for it to be shown; fails the test when there is none. */
GtkWidget       *gloss_a11y_find        (GtkWidget      *root,
                                         const char     *role,
                                         const char     *name);
/* …or NULL when there is none now. */
GtkWidget       *gloss_a11y_lookup      (GtkWidget      *root,
                                         const char     *role,
                                         const char     *name);
void             gloss_accessible_free  (GlossAccessible *accessible);

G_END_DECLS
