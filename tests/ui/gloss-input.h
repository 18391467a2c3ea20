/* gloss-input.h — real pointer and keyboard input for the window's tests
 *
 * Events go through the display server, as a person's do: on X11 through
 * XTEST, on Wayland through mutter's RemoteDesktop D-Bus API (a headless
 * mutter started by tests/ui/run-wayland). GTK receives them from the
 * server like any other; nothing here calls into a widget.
 *
 * Points are given in a widget's own coordinates, found from the widget
 * tree (or, inside the article, from the page's layout), never hard-coded.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _GlossInput GlossInput;

/* Input into @display. Returns NULL and sets @error when the display
 * server offers no way in (then the test is skipped). Make it before the
 * test's windows map: under mutter, a window focused before the input's
 * keyboard exists never receives its keys. */
GlossInput *gloss_input_new          (GdkDisplay      *display,
                                      GError         **error);
void        gloss_input_free         (GlossInput      *input);
/* "X11 (XTEST)" or "Wayland (mutter RemoteDesktop)". */
const char *gloss_input_get_backend  (GlossInput      *input);

/* Moves the pointer onto (@x, @y) of @widget, which must be mapped, and
 * waits until the display server has put it there. */
void        gloss_input_move_to      (GlossInput      *input,
                                      GtkWidget       *widget,
                                      double           x,
                                      double           y);
/* Presses or releases @button (1 left, 2 middle, 3 right). */
void        gloss_input_button       (GlossInput      *input,
                                      guint            button,
                                      gboolean         press);
/* Moves onto (@x, @y) of @widget and clicks @button @count times (2 is a
 * double-click). */
void        gloss_input_click_at     (GlossInput      *input,
                                      GtkWidget       *widget,
                                      double           x,
                                      double           y,
                                      guint            button,
                                      guint            count);
/* Moves onto the middle of @widget and, once it shows the pointer over it
 * (GTK's hover state), clicks it with the left button. */
void        gloss_input_click        (GlossInput      *input,
                                      GtkWidget       *widget);
/* Presses the left button at (@x1, @y1) of @widget, moves in steps to
 * (@x2, @y2) and releases it there. */
void        gloss_input_drag         (GlossInput      *input,
                                      GtkWidget       *widget,
                                      double           x1,
                                      double           y1,
                                      double           x2,
                                      double           y2);
/* Drags from (@x1, @y1) of @from to (@x2, @y2) of @to, in another window,
 * say, and drops there. While the drag lasts the display server, not GTK,
 * knows where the pointer is, so the steps are timed, not waited for. */
void        gloss_input_drag_to      (GlossInput      *input,
                                      GtkWidget       *from,
                                      double           x1,
                                      double           y1,
                                      GtkWidget       *to,
                                      double           x2,
                                      double           y2);
/* Presses and releases @keyval with @modifiers (Shift, Control, Alt) held. */
void        gloss_input_key          (GlossInput      *input,
                                      guint            keyval,
                                      GdkModifierType  modifiers);
/* The same, holding @keyval down for @ms before letting go, as a person
 * does: a popover a key opens must be up before the key is released on
 * Wayland (GTK 4.8 asks for its grab with the serial of the last key event,
 * and mutter grants one only for a press). */
void        gloss_input_key_hold     (GlossInput      *input,
                                      guint            keyval,
                                      GdkModifierType  modifiers,
                                      guint            ms);
/* Types @text, one key at a time. */
void        gloss_input_type         (GlossInput      *input,
                                      const char      *text);

/* Saves what the screen shows where @widget is (popovers over it and all;
 * the whole screen for NULL) to @path as PNG. FALSE where the display
 * server gives clients no picture of the screen (Wayland). */
gboolean    gloss_input_screenshot   (GlossInput      *input,
                                      GtkWidget       *widget,
                                      const char      *path);

G_END_DECLS
