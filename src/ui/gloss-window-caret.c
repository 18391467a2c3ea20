/* gloss-window-caret.c — caret browsing: F7 puts a caret in the article that
 * the arrow keys move and Shift+arrows extend, so that a passage can be
 * selected and highlighted (Ctrl+H, Ctrl+Return) with the keyboard alone
 *
 * WebKit draws and moves the caret (the article view binds its
 * enable-caret-browsing to the caret-browsing setting); the window turns it
 * on and off, says so, and puts the caret in view.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-window-private.h"

static void
on_caret_placed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gloss_highlighter_place_caret_finish (GLOSS_HIGHLIGHTER (source), result, &error) &&
      error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not put the caret in view: %s", error->message);
}

/* Where the reader arrives in the article: a caret in view stays (a click
 * put it there), else it goes to the first paragraph in view. */
static void
place_caret (GlossWindow *self)
{
  if (!g_settings_get_boolean (self->settings, "caret-browsing") ||
      !gloss_highlighter_get_ready (self->highlighter))
    return;
  gloss_highlighter_place_caret_async (self->highlighter, NULL, on_caret_placed, NULL);
}

static void
on_caret_browsing_changed (GlossWindow *self)
{
  gboolean on = g_settings_get_boolean (self->settings, "caret-browsing");
  AdwToast *toast;

  /* F7 pressed twice says the last state, not both in turn. */
  if (self->caret_toast != NULL)
    adw_toast_dismiss (self->caret_toast);
  toast = adw_toast_new (on ? _("Caret browsing on: select with Shift and the arrow keys")
                            : _("Caret browsing off"));
  g_set_weak_pointer (&self->caret_toast, toast);
  _gloss_window_show_toast (self, toast);

  if (!on || _gloss_window_get_current_item (self) == NULL)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (gloss_article_view_get_web_view (self->article_view)));
  place_caret (self);
}

void
_gloss_window_init_caret (GlossWindow *self)
{
  WebKitWebView *web_view = gloss_article_view_get_web_view (self->article_view);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkShortcut *f7 = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F7, 0),
                                      gtk_named_action_new ("settings.caret-browsing"));

  /* F7 is caught on its way down, before it can reach the article view:
   * WebKitGTK passes every key to a hidden GtkTextView of its own to find
   * editing commands, and that text view's own F7 binding
   * (toggle-cursor-visible) hides a cursor GTK 4.8 goes on blinking, which
   * aborts (gtktextview.c, blink_cb: assertion cursor_visible). */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), f7);
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect_object (focus, "enter", G_CALLBACK (place_caret), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (web_view), focus);
  g_signal_connect_swapped (self->settings, "changed::caret-browsing",
                            G_CALLBACK (on_caret_browsing_changed), self);
}
