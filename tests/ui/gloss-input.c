/* gloss-input.c — real pointer and keyboard input for the window's tests
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include <gdk/x11/gdkx.h>
#include <gdk/wayland/gdkwayland.h>
#include <X11/extensions/XTest.h>

#include "gloss-input.h"
#include "gloss-test-utils.h"

#define REMOTE_DESKTOP_BUS_NAME "org.gnome.Mutter.RemoteDesktop"
#define REMOTE_DESKTOP_SESSION "org.gnome.Mutter.RemoteDesktop.Session"

/* Linux input event codes of the buttons (linux/input-event-codes.h). */
#define EVDEV_BTN_LEFT 0x110
#define EVDEV_BTN_RIGHT 0x111
#define EVDEV_BTN_MIDDLE 0x112
/* XKB keycodes are evdev codes plus 8. */
#define XKB_EVDEV_OFFSET 8

/* How long a step of input waits for GTK to take it: a frame or two. */
#define SETTLE_MS 40

struct _GlossInput
{
  GdkDisplay      *display;
  /* X11 */
  Display         *xdisplay;
  /* Wayland: a RemoteDesktop session, alive as long as this connection. */
  GDBusConnection *bus;
  char            *session;
};

/* Wayland */

static gboolean
remote_desktop_call (GlossInput  *input,
                     const char  *method,
                     GVariant    *args,
                     GError     **error)
{
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_sync (input->bus, REMOTE_DESKTOP_BUS_NAME, input->session,
                                       REMOTE_DESKTOP_SESSION, method, args, NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, error);
  return reply != NULL;
}

static void
remote_desktop_notify (GlossInput *input,
                       const char *method,
                       GVariant   *args)
{
  g_autoptr(GError) error = NULL;

  if (!remote_desktop_call (input, method, args, &error))
    g_error ("mutter's RemoteDesktop refused %s: %s", method, error->message);
}

static gboolean
start_remote_desktop (GlossInput  *input,
                      GError     **error)
{
  g_autoptr(GVariant) reply = NULL;

  input->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
  if (input->bus == NULL)
    return FALSE;
  reply = g_dbus_connection_call_sync (input->bus, REMOTE_DESKTOP_BUS_NAME,
                                       "/org/gnome/Mutter/RemoteDesktop",
                                       "org.gnome.Mutter.RemoteDesktop", "CreateSession",
                                       NULL, G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE,
                                       5000, NULL, error);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(o)", &input->session);
  if (!remote_desktop_call (input, "Start", NULL, error))
    return FALSE;
  /* mutter makes the session's keyboard at its first key, and a window
   * that was given the focus before that never gets the keyboard's focus:
   * no key would reach it. So a Shift tap now, before the test's windows
   * map. */
  return remote_desktop_call (input, "NotifyKeyboardKeysym",
                              g_variant_new ("(ub)", GDK_KEY_Shift_L, TRUE), error)
         && remote_desktop_call (input, "NotifyKeyboardKeysym",
                                 g_variant_new ("(ub)", GDK_KEY_Shift_L, FALSE), error);
}

/* Creating and freeing */

GlossInput *
gloss_input_new (GdkDisplay  *display,
                 GError     **error)
{
  GlossInput *input = g_new0 (GlossInput, 1);
  int event_base, error_base, major, minor;

  input->display = display;
  if (GDK_IS_X11_DISPLAY (input->display))
    {
      input->xdisplay = gdk_x11_display_get_xdisplay (input->display);
      if (XTestQueryExtension (input->xdisplay, &event_base, &error_base, &major, &minor))
        return input;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "the X server has no XTEST extension");
    }
  else if (GDK_IS_WAYLAND_DISPLAY (input->display))
    {
      if (start_remote_desktop (input, error))
        return input;
      g_prefix_error (error, "no RemoteDesktop session from mutter: ");
    }
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 "no way to send input on a %s", G_OBJECT_TYPE_NAME (input->display));
  gloss_input_free (input);
  return NULL;
}

void
gloss_input_free (GlossInput *input)
{
  if (input == NULL)
    return;
  if (input->session != NULL)
    remote_desktop_call (input, "Stop", NULL, NULL);
  g_clear_object (&input->bus);
  g_free (input->session);
  g_free (input);
}

const char *
gloss_input_get_backend (GlossInput *input)
{
  return input->xdisplay != NULL ? "X11 (XTEST)" : "Wayland (mutter RemoteDesktop)";
}

/* Where things are */

/* The point (@x, @y) of @widget in the coordinates of its surface. */
static GdkSurface *
widget_point_in_surface (GtkWidget *widget,
                         double     x,
                         double     y,
                         double    *surface_x,
                         double    *surface_y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double dx, dy;

  g_assert_nonnull (native);
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (native, &dx, &dy);
  *surface_x = point.x + dx;
  *surface_y = point.y + dy;
  return gtk_native_get_surface (native);
}

/* The toplevel @surface is in (itself, or its popups' root) and where its
 * origin lies in that toplevel. */
static GdkSurface *
surface_origin (GdkSurface *surface,
                double     *x,
                double     *y)
{
  *x = 0;
  *y = 0;
  while (GDK_IS_POPUP (surface))
    {
      *x += gdk_popup_get_position_x (GDK_POPUP (surface));
      *y += gdk_popup_get_position_y (GDK_POPUP (surface));
      surface = gdk_popup_get_parent (GDK_POPUP (surface));
    }
  return surface;
}

static GdkDevice *
pointer_device (GlossInput *input)
{
  return gdk_seat_get_pointer (gdk_display_get_default_seat (input->display));
}

/* Where the pointer is, in the coordinates of the toplevel of the surface
 * it is over; that toplevel, or NULL when it is over none of ours. */
static GdkSurface *
pointer_position (GlossInput *input,
                  double     *x,
                  double     *y)
{
  double surface_x, surface_y, origin_x, origin_y;
  GdkSurface *under = gdk_device_get_surface_at_position (pointer_device (input),
                                                          &surface_x, &surface_y);
  GdkSurface *toplevel;

  if (under == NULL)
    return NULL;
  toplevel = surface_origin (under, &origin_x, &origin_y);
  *x = surface_x + origin_x;
  *y = surface_y + origin_y;
  return toplevel;
}

/* Moving */

static void
x11_move (GlossInput *input,
          GdkSurface *surface,
          double      x,
          double      y)
{
  Window child;
  int root_x, root_y;

  XTranslateCoordinates (input->xdisplay, gdk_x11_surface_get_xid (surface),
                         DefaultRootWindow (input->xdisplay), (int) floor (x), (int) floor (y),
                         &root_x, &root_y, &child);
  XTestFakeMotionEvent (input->xdisplay, -1, root_x, root_y, CurrentTime);
  XFlush (input->xdisplay);
}

typedef struct
{
  GlossInput *input;
  GdkSurface *toplevel;
  double      x;
  double      y;
} PointerWait;

static gboolean
pointer_is_at (gpointer data)
{
  PointerWait *wait = data;
  double x, y;

  return pointer_position (wait->input, &x, &y) == wait->toplevel
         && fabs (x - wait->x) < 1 && fabs (y - wait->y) < 1;
}

static gboolean
pointer_on_toplevel (gpointer data)
{
  PointerWait *wait = data;
  double x, y;

  return pointer_position (wait->input, &x, &y) == wait->toplevel;
}

static void
wayland_move_by (GlossInput *input,
                 double      dx,
                 double      dy)
{
  remote_desktop_notify (input, "NotifyPointerMotionRelative", g_variant_new ("(dd)", dx, dy));
}

/* Nothing tells a Wayland client where its window is on the screen: from
 * the top left corner, move the pointer across the screen until it is over
 * @toplevel. */
static void
wayland_find_toplevel (GlossInput *input,
                       GdkSurface *toplevel,
                       double     *origin_x,
                       double     *origin_y)
{
  const int step = 40;
  PointerWait wait = { input, toplevel };
  double x, y;

  wayland_move_by (input, -100000, -100000);
  for (int row = 0; row < 60; row++)
    for (int column = 0; column < 80; column++)
      {
        wayland_move_by (input, column == 0 ? -100000 : step, column == 0 ? (row == 0 ? 0 : step) : 0);
        for (int i = 0; i < 10 && !pointer_on_toplevel (&wait); i++)
          gloss_test_run_for (1);
        if (pointer_position (input, &x, &y) == toplevel)
          {
            /* The pointer is at (column, row) steps from the corner. */
            *origin_x = column * step - x;
            *origin_y = row * step - y;
            return;
          }
      }
  g_error ("the pointer never came over the window");
}

/* Moves by what is left to go, as often as it takes: where GTK says the
 * pointer is may be old (a popover that moved under a still pointer), and
 * is right again once the pointer has moved. */
static void
wayland_move_to (GlossInput  *input,
                 PointerWait *wait)
{
  double now_x, now_y, origin_x, origin_y;

  for (int i = 0; i < 5 && !pointer_is_at (wait); i++)
    {
      if (pointer_position (input, &now_x, &now_y) != wait->toplevel)
        wayland_find_toplevel (input, wait->toplevel, &origin_x, &origin_y);
      pointer_position (input, &now_x, &now_y);
      wayland_move_by (input, wait->x - now_x, wait->y - now_y);
      for (int j = 0; j < 10 && !pointer_is_at (wait); j++)
        gloss_test_run_for (SETTLE_MS);
    }
}

void
gloss_input_move_to (GlossInput *input,
                     GtkWidget  *widget,
                     double      x,
                     double      y)
{
  double surface_x, surface_y, origin_x, origin_y;
  GdkSurface *surface = widget_point_in_surface (widget, x, y, &surface_x, &surface_y);
  PointerWait wait = { input };

  wait.toplevel = surface_origin (surface, &origin_x, &origin_y);
  wait.x = floor (surface_x) + origin_x;
  wait.y = floor (surface_y) + origin_y;
  if (input->xdisplay != NULL)
    {
      /* A hand comes to rest in more than one step: GTK takes in what the
       * last press left (a popover's grab ending) before the next press. */
      x11_move (input, surface, surface_x + 2, surface_y + 2);
      gloss_test_run_for (SETTLE_MS);
      x11_move (input, surface, surface_x, surface_y);
    }
  else
    wayland_move_to (input, &wait);
  gloss_test_wait_until (pointer_is_at, &wait, 5, "the pointer to arrive");
  gloss_test_run_for (SETTLE_MS);
}

/* Buttons */

static guint
evdev_button (guint button)
{
  switch (button)
    {
    case 1: return EVDEV_BTN_LEFT;
    case 2: return EVDEV_BTN_MIDDLE;
    case 3: return EVDEV_BTN_RIGHT;
    default: g_error ("no button %u", button);
    }
}

static void
send_button (GlossInput *input,
             guint       button,
             gboolean    press)
{
  if (input->xdisplay != NULL)
    {
      XTestFakeButtonEvent (input->xdisplay, button, press, CurrentTime);
      XFlush (input->xdisplay);
    }
  else
    remote_desktop_notify (input, "NotifyPointerButton",
                           g_variant_new ("(ib)", evdev_button (button), press));
}

void
gloss_input_button (GlossInput *input,
                    guint       button,
                    gboolean    press)
{
  send_button (input, button, press);
  gloss_test_run_for (SETTLE_MS);
}

void
gloss_input_click_at (GlossInput *input,
                      GtkWidget  *widget,
                      double      x,
                      double      y,
                      guint       button,
                      guint       count)
{
  gloss_input_move_to (input, widget, x, y);
  /* One quick run of clicks, well inside the double-click time even on a
   * loaded machine: GTK counts them from the server's timestamps. */
  for (guint i = 0; i < count; i++)
    {
      send_button (input, button, TRUE);
      send_button (input, button, FALSE);
    }
  gloss_test_run_for (SETTLE_MS);
}

static gboolean
is_hovered (gpointer widget)
{
  return (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_PRELIGHT) != 0;
}

void
gloss_input_click (GlossInput *input,
                   GtkWidget  *widget)
{
  g_autofree char *what = g_strdup_printf ("the %s under the pointer to show it",
                                           G_OBJECT_TYPE_NAME (widget));

  /* As a person does: onto the middle, and only once it shows the hover
   * (a popover may still be settling where it goes). */
  for (int i = 0; i < 5 && !is_hovered (widget); i++)
    {
      gloss_input_move_to (input, widget, gtk_widget_get_width (widget) / 2.0,
                           gtk_widget_get_height (widget) / 2.0);
      for (int j = 0; j < 10 && !is_hovered (widget); j++)
        gloss_test_run_for (SETTLE_MS);
    }
  gloss_test_wait_until (is_hovered, widget, 1, what);
  gloss_input_button (input, 1, TRUE);
  gloss_input_button (input, 1, FALSE);
}

void
gloss_input_drag (GlossInput *input,
                  GtkWidget  *widget,
                  double      x1,
                  double      y1,
                  double      x2,
                  double      y2)
{
  const int steps = 8;

  gloss_input_move_to (input, widget, x1, y1);
  gloss_input_button (input, 1, TRUE);
  for (int i = 1; i <= steps; i++)
    gloss_input_move_to (input, widget, x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps);
  gloss_input_button (input, 1, FALSE);
}

/* Where (@x, @y) of @widget is on the screen. On Wayland, found by
 * sweeping the pointer across the screen onto its window. */
static void
screen_point (GlossInput *input,
              GtkWidget  *widget,
              double      x,
              double      y,
              double     *screen_x,
              double     *screen_y)
{
  double surface_x, surface_y, origin_x, origin_y, toplevel_x, toplevel_y;
  GdkSurface *surface = widget_point_in_surface (widget, x, y, &surface_x, &surface_y);
  GdkSurface *toplevel = surface_origin (surface, &origin_x, &origin_y);
  Window child;
  int root_x, root_y;

  if (input->xdisplay != NULL)
    {
      XTranslateCoordinates (input->xdisplay, gdk_x11_surface_get_xid (surface),
                             DefaultRootWindow (input->xdisplay), (int) floor (surface_x),
                             (int) floor (surface_y), &root_x, &root_y, &child);
      *screen_x = root_x;
      *screen_y = root_y;
      return;
    }
  wayland_find_toplevel (input, toplevel, &toplevel_x, &toplevel_y);
  *screen_x = toplevel_x + origin_x + floor (surface_x);
  *screen_y = toplevel_y + origin_y + floor (surface_y);
}

void
gloss_input_drag_to (GlossInput *input,
                     GtkWidget  *from,
                     double      x1,
                     double      y1,
                     GtkWidget  *to,
                     double      x2,
                     double      y2)
{
  const int steps = 12;
  double start_x, start_y, end_x, end_y;

  screen_point (input, to, x2, y2, &end_x, &end_y);
  screen_point (input, from, x1, y1, &start_x, &start_y);
  gloss_input_move_to (input, from, x1, y1);
  gloss_input_button (input, 1, TRUE);
  for (int i = 1; i <= steps; i++)
    {
      if (input->xdisplay != NULL)
        {
          XTestFakeMotionEvent (input->xdisplay, -1,
                                (int) (start_x + (end_x - start_x) * i / steps),
                                (int) (start_y + (end_y - start_y) * i / steps), CurrentTime);
          XFlush (input->xdisplay);
        }
      else
        wayland_move_by (input, (end_x - start_x) / steps, (end_y - start_y) / steps);
      gloss_test_run_for (SETTLE_MS);
    }
  gloss_test_run_for (200);
  gloss_input_button (input, 1, FALSE);
}

/* Keys */

/* The keycode that types @keyval, and whether Shift must be held for it. */
static guint
keycode_for (GlossInput *input,
             guint       keyval,
             gboolean   *shift)
{
  g_autofree GdkKeymapKey *keys = NULL;
  int n_keys = 0;
  int best = -1;

  if (gdk_display_map_keyval (input->display, keyval, &keys, &n_keys))
    for (int i = 0; i < n_keys; i++)
      if (keys[i].group == 0 && keys[i].level <= 1 && (best < 0 || keys[i].level < keys[best].level))
        best = i;
  if (best < 0)
    g_error ("no key types %s", gdk_keyval_name (keyval));
  *shift = keys[best].level == 1;
  return keys[best].keycode;
}

static void
send_keycode (GlossInput *input,
              guint       keycode,
              gboolean    press)
{
  if (input->xdisplay != NULL)
    {
      XTestFakeKeyEvent (input->xdisplay, keycode, press, CurrentTime);
      XFlush (input->xdisplay);
    }
  else
    remote_desktop_notify (input, "NotifyKeyboardKeycode",
                           g_variant_new ("(ub)", keycode - XKB_EVDEV_OFFSET, press));
}

static void
send_modifiers (GlossInput      *input,
                GdkModifierType  modifiers,
                gboolean         press)
{
  static const struct { GdkModifierType mask; guint keyval; } keys[] = {
    { GDK_SHIFT_MASK, GDK_KEY_Shift_L },
    { GDK_CONTROL_MASK, GDK_KEY_Control_L },
    { GDK_ALT_MASK, GDK_KEY_Alt_L },
  };
  gboolean shift;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (modifiers & keys[i].mask)
      send_keycode (input, keycode_for (input, keys[i].keyval, &shift), press);
}

void
gloss_input_key_hold (GlossInput      *input,
                      guint            keyval,
                      GdkModifierType  modifiers,
                      guint            ms)
{
  gboolean shift;
  guint keycode = keycode_for (input, keyval, &shift);

  if (shift)
    modifiers |= GDK_SHIFT_MASK;
  send_modifiers (input, modifiers, TRUE);
  send_keycode (input, keycode, TRUE);
  if (ms > 0)
    gloss_test_run_for (ms);
  send_keycode (input, keycode, FALSE);
  send_modifiers (input, modifiers, FALSE);
  gloss_test_run_for (SETTLE_MS);
}

void
gloss_input_key (GlossInput      *input,
                 guint            keyval,
                 GdkModifierType  modifiers)
{
  gloss_input_key_hold (input, keyval, modifiers, 0);
}

void
gloss_input_type (GlossInput *input,
                  const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    gloss_input_key (input, gdk_unicode_to_keyval (g_utf8_get_char (p)), 0);
}

/* Screenshots */

/* The part of the screen @widget covers (the whole screen for NULL), in
 * the root window's coordinates. */
static void
screen_area (GlossInput   *input,
             GtkWidget    *widget,
             GdkRectangle *area)
{
  Window root = DefaultRootWindow (input->xdisplay);
  double surface_x, surface_y;
  GdkSurface *surface;
  XWindowAttributes attributes;
  Window child;

  if (widget == NULL)
    {
      XGetWindowAttributes (input->xdisplay, root, &attributes);
      *area = (GdkRectangle) { 0, 0, attributes.width, attributes.height };
      return;
    }
  surface = widget_point_in_surface (widget, 0, 0, &surface_x, &surface_y);
  XTranslateCoordinates (input->xdisplay, gdk_x11_surface_get_xid (surface), root,
                         (int) surface_x, (int) surface_y, &area->x, &area->y, &child);
  area->width = gtk_widget_get_width (widget);
  area->height = gtk_widget_get_height (widget);
}

static gboolean
x11_screenshot (GlossInput *input,
                GtkWidget  *widget,
                const char *path)
{
  GdkRectangle area;
  XImage *image;
  cairo_surface_t *surface;
  cairo_status_t status;

  screen_area (input, widget, &area);
  image = XGetImage (input->xdisplay, DefaultRootWindow (input->xdisplay), area.x, area.y,
                     area.width, area.height, AllPlanes, ZPixmap);
  if (image == NULL || image->bits_per_pixel != 32)
    return FALSE;
  surface = cairo_image_surface_create_for_data ((unsigned char *) image->data,
                                                 CAIRO_FORMAT_RGB24, image->width,
                                                 image->height, image->bytes_per_line);
  status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
  XDestroyImage (image);
  return status == CAIRO_STATUS_SUCCESS;
}

gboolean
gloss_input_screenshot (GlossInput *input,
                        GtkWidget  *widget,
                        const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0755);
  if (input->xdisplay == NULL || !x11_screenshot (input, widget, path))
    return FALSE;
  g_test_message ("Screenshot of the screen: %s", path);
  return TRUE;
}
