/* gloss-ui.c — what every part of the UI needs before its first widget
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "gloss-resources.h"
#include "gloss-ui.h"

/* The GTK and libadwaita types the templates name. GtkBuilder finds a
 * type that is not registered yet by guessing its get_type function and
 * looking it up among every symbol of every library loaded (WebKit's
 * too): a fifth of the first window's making, 20 ms. */
static void
ensure_template_types (void)
{
  GType types[] = {
    ADW_TYPE_ACTION_ROW, ADW_TYPE_COMBO_ROW, ADW_TYPE_FLAP, ADW_TYPE_HEADER_BAR,
    ADW_TYPE_PREFERENCES_GROUP, ADW_TYPE_PREFERENCES_PAGE, ADW_TYPE_STATUS_PAGE,
    ADW_TYPE_TOAST_OVERLAY, ADW_TYPE_WINDOW_TITLE, GTK_TYPE_ADJUSTMENT, GTK_TYPE_BOX,
    GTK_TYPE_BOX_LAYOUT, GTK_TYPE_BUTTON, GTK_TYPE_DROP_DOWN, GTK_TYPE_ENTRY, GTK_TYPE_IMAGE,
    GTK_TYPE_INSCRIPTION, GTK_TYPE_LABEL, GTK_TYPE_LIST_VIEW, GTK_TYPE_MENU_BUTTON,
    GTK_TYPE_POPOVER, GTK_TYPE_PROGRESS_BAR, GTK_TYPE_REVEALER, GTK_TYPE_SCROLLED_WINDOW,
    GTK_TYPE_SEARCH_BAR, GTK_TYPE_SEARCH_ENTRY, GTK_TYPE_SEPARATOR,
    GTK_TYPE_SIGNAL_LIST_ITEM_FACTORY, GTK_TYPE_SPIN_BUTTON, GTK_TYPE_SPINNER, GTK_TYPE_STACK,
    GTK_TYPE_STACK_PAGE, GTK_TYPE_STRING_LIST, GTK_TYPE_SWITCH, GTK_TYPE_TEXT_VIEW,
    GTK_TYPE_TOGGLE_BUTTON,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_type_ensure (types[i]);
}

void
gloss_ui_init (void)
{
  static gsize registered = 0;
  static gboolean styled = FALSE;
  GdkDisplay *display;

  if (g_once_init_enter (&registered))
    {
      /* Registered here, not by a constructor that a static link could drop. */
      gloss_register_resource ();
      ensure_template_types ();
      g_once_init_leave (&registered, 1);
    }

  /* The application registers resources before GTK has a display; the style
   * sheet follows on the next call, once there is one. */
  display = gdk_display_get_default ();
  if (!styled && display != NULL)
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, "/io/github/glossapp/Gloss/gloss.css");
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      styled = TRUE;
    }
}

gboolean
gloss_ui_is_web_url (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (text == NULL)
    return FALSE;
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0;
}

const char *
gloss_ui_color_label (const char *color)
{
  if (g_strcmp0 (color, "green") == 0)
    return _("Green");
  if (g_strcmp0 (color, "blue") == 0)
    return _("Blue");
  if (g_strcmp0 (color, "pink") == 0)
    return _("Pink");
  if (g_strcmp0 (color, "purple") == 0)
    return _("Purple");
  return _("Yellow");
}

char *
gloss_ui_format_time (const char *iso8601)
{
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) local = NULL;
  GTimeSpan ago;
  int n;  /* under 60, 24 or 30: the translators' strings say %d */

  if (iso8601 == NULL || (then = g_date_time_new_from_iso8601 (iso8601, NULL)) == NULL)
    return g_strdup ("");
  ago = g_date_time_difference (now, then);
  if (ago < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Just now"));
  if (ago < G_TIME_SPAN_HOUR)
    {
      n = (int) (ago / G_TIME_SPAN_MINUTE);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", n), n);
    }
  if (ago < G_TIME_SPAN_DAY)
    {
      n = (int) (ago / G_TIME_SPAN_HOUR);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", n), n);
    }
  if (ago < 30 * G_TIME_SPAN_DAY)
    {
      n = (int) (ago / G_TIME_SPAN_DAY);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", n), n);
    }
  local = g_date_time_to_local (then);
  /* Translators: a date, see g_date_time_format (); %-d is the day
   * without padding (%e pads it with a space) */
  return g_date_time_format (local, _("%-d %B %Y"));
}

/* A GtkListView (GTK 4.8) keeps a row widget for up to 200 items around
 * what it shows, and making, binding and laying out one costs about 1 ms:
 * the rows a window shows come first (20 fill a list 1,200 pixels high),
 * so it draws them at once, then 16 a step until there are 200 rows, then
 * the rest in large steps, which cost the sorted and filtered models a
 * pass each and make no rows. (One step of 10,000 held the window for
 * 450 ms; a first step of 50, about 80 ms.) */
#define FIRST_STEP  20
#define ROW_STEP    16
#define ROWS_MADE   200
#define LARGE_STEP  2500

guint
gloss_ui_list_step (guint in_list)
{
  if (in_list == 0)
    return FIRST_STEP;
  return in_list < ROWS_MADE ? ROW_STEP : LARGE_STEP;
}
