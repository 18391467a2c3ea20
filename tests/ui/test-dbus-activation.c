/* test-dbus-activation.c — Gloss started as GNOME starts it: the desktop
 * file says DBusActivatable, so the launcher (or the Shell's search) asks
 * the session bus to activate io.github.glossapp.Gloss, and the bus starts
 * the program its service file names
 *
 * A private session bus (GTestDBus) reads the built service file, its
 * program moved to the build tree; a window is asked for over the bus and
 * seen there, then the app quits as its menu would. gloss:// links, as a
 * browser hands them to `gloss`, start it or go to the Gloss running.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "gloss-ui-test.h"

#define APP_PATH "/io/github/glossapp/Gloss"

/* The build tree's data folder: next to src/, where gloss is built. */
static char *
build_path (const char *folder,
            const char *name)
{
  g_autofree char *src = g_path_get_dirname (g_getenv ("GLOSS_BINARY"));
  g_autofree char *root = g_path_get_dirname (src);

  return g_build_filename (root, folder, name, NULL);
}

/* The built service file, its program in the build tree, in @dir. */
static void
write_service (const char *dir)
{
  g_autofree char *name = g_strconcat (APPLICATION_ID, ".service", NULL);
  g_autofree char *built = build_path ("data", name);
  g_autofree char *text = NULL;
  g_autofree char *src = g_path_get_dirname (g_getenv ("GLOSS_BINARY"));
  g_autofree char *program = g_build_filename (src, "gloss-window", NULL);
  g_autofree char *exec = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GKeyFile) service = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (built, &text, NULL, &error));
  g_assert_true (g_key_file_load_from_data (service, text, -1, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_key_file_get_string (service, "D-BUS Service", "Name", NULL), ==,
                   APPLICATION_ID);
  exec = g_key_file_get_string (service, "D-BUS Service", "Exec", &error);
  g_assert_no_error (error);
  /* As installed: gloss-window from LIBEXECDIR, as a service. */
  g_assert_true (g_str_has_suffix (exec, "/gloss-window --gapplication-service"));
  moved = g_strdup_printf ("%s --gapplication-service", program);
  g_key_file_set_string (service, "D-BUS Service", "Exec", moved);
  g_assert_true (g_key_file_save_to_file (service, path, &error));
  g_assert_no_error (error);
}

static void
assert_desktop_file_activatable (void)
{
  g_autofree char *name = g_strconcat (APPLICATION_ID, ".desktop", NULL);
  g_autofree char *path = build_path ("data", name);
  g_autoptr(GKeyFile) desktop = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_key_file_load_from_file (desktop, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  g_assert_true (g_key_file_get_boolean (desktop, "Desktop Entry", "DBusActivatable", &error));
  g_assert_no_error (error);
}

static gboolean
name_gone (gpointer bus)
{
  return !gloss_ui_test_bus_has_name (bus, APPLICATION_ID);
}

/* A window of the app, as GtkApplication puts each on the bus. */
static gboolean
window_on_bus (gpointer bus)
{
  g_autoptr(GVariant) reply = NULL;
  const char *xml = NULL;

  reply = g_dbus_connection_call_sync (bus, APPLICATION_ID, APP_PATH "/window",
                                       "org.freedesktop.DBus.Introspectable", "Introspect", NULL,
                                       G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                                       NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(&s)", &xml);
  return xml != NULL && strstr (xml, "<node name=\"") != NULL;
}

static GDBusConnection *
connect_to (GTestDBus *dbus)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus;

  bus = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (dbus),
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);
  return bus;
}

static void
call_app (GDBusConnection *bus,
          const char      *interface,
          const char      *method,
          GVariant        *parameters)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (bus, APPLICATION_ID, APP_PATH, interface, method,
                                       parameters, NULL, G_DBUS_CALL_FLAGS_NONE, 60000, NULL,
                                       &error);
  g_assert_no_error (error);
}

/* Activate, as a launcher does with a DBusActivatable app, starts it
 * through its service file and opens a window; app.quit ends it. */
static void
test_activated_by_the_bus (void)
{
  g_autofree char *library = gloss_test_library_new ();
  g_autofree char *services = g_dir_make_tmp ("gloss-test-services-XXXXXX", NULL);
  /* Kept to the end of the process: its last unref checks that nothing
   * holds the session bus, and GTK, in this process, may. */
  GTestDBus *dbus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autofree char *service = NULL;

  assert_desktop_file_activatable ();
  write_service (services);
  /* What the bus gives the program it starts: this environment. */
  g_setenv ("GLOSS_LIBRARY", library, TRUE);
  g_test_dbus_add_service_dir (dbus, services);
  g_test_dbus_up (dbus);
  bus = connect_to (dbus);
  g_assert_false (gloss_ui_test_bus_has_name (bus, APPLICATION_ID));

  call_app (bus, "org.freedesktop.Application", "Activate",
            g_variant_new_parsed ("(@a{sv} {},)"));
  g_assert_true (gloss_ui_test_bus_has_name (bus, APPLICATION_ID));
  gloss_test_wait_until (window_on_bus, bus, 30, "a window of the activated app on the bus");

  call_app (bus, "org.gtk.Actions", "Activate", g_variant_new_parsed ("('quit', @av [], @a{sv} {})"));
  gloss_test_wait_until (name_gone, bus, 30, "the app to quit and leave the bus");

  g_dbus_connection_close_sync (bus, NULL, NULL);
  g_test_dbus_stop (dbus);
  service = g_strconcat (services, "/" APPLICATION_ID ".service", NULL);
  g_unlink (service);
  g_rmdir (services);
  gloss_test_library_free (g_steal_pointer (&library));
}

typedef struct
{
  const char *library;
  guint       archives;
} Library;

static gboolean
has_archives (gpointer data)
{
  Library *library = data;

  return gloss_test_library_count_archives (library->library) == library->archives;
}

static gboolean
process_ended (gpointer process)
{
  return g_subprocess_get_identifier (process) == NULL;
}

/* `gloss LINK`, as the desktop starts it for a link it hands to Gloss. */
static GSubprocess *
start_gloss (GTestDBus  *dbus,
             const char *library,
             const char *log,
             const char *link)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS",
                                g_test_dbus_get_bus_address (dbus), TRUE);
  g_subprocess_launcher_setenv (launcher, "GLOSS_LIBRARY", library, TRUE);
  /* gloss_ui_test_init () points this process at its own accessibility bus. */
  g_subprocess_launcher_unsetenv (launcher, "AT_SPI_BUS_ADDRESS");
  g_subprocess_launcher_setenv (launcher, "DISPLAY", gdk_display_get_name (gdk_display_get_default ()), TRUE);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("GLOSS_BINARY"), link, NULL);
  g_assert_no_error (error);
  return process;
}

static char *
clip_link (GlossTestServer *server,
           const char      *path)
{
  g_autofree char *url = gloss_test_server_url (server, path);
  g_autofree char *escaped = g_uri_escape_string (url, NULL, FALSE);

  return g_strconcat ("gloss://clip?url=", escaped, NULL);
}

static char *
name_owner (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = NULL;
  char *owner = NULL;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetNameOwner",
                                       g_variant_new ("(s)", APPLICATION_ID), G_VARIANT_TYPE ("(s)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(s)", &owner);
  return owner;
}

static void
assert_quiet_log (const char *log)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (log, &text, NULL, NULL));
  g_assert_null (strstr (text, "CRITICAL"));
  g_assert_null (strstr (text, "Gloss-WARNING"));
  g_assert_null (strstr (text, "Gtk-WARNING"));
}

/* Links a browser or a bookmarklet hands over: with no Gloss running, the
 * first starts it and is clipped there; the next ones go to that instance,
 * and their own process ends at once. */
static void
test_links (void)
{
  g_autoptr(GlossTestServer) server = gloss_test_server_new ();
  g_autofree char *library = gloss_test_library_new ();
  g_autofree char *log = g_strconcat (library, ".log", NULL);
  GTestDBus *dbus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GSubprocess) first = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *open = NULL;
  g_autofree char *seed = clip_link (server, "/seed.html");
  g_autofree char *full = clip_link (server, "/full.html");
  Library one = { library, 1 }, two = { library, 2 };

  g_test_dbus_up (dbus);
  bus = connect_to (dbus);

  first = start_gloss (dbus, library, log, seed);
  gloss_test_wait_until (has_archives, &one, 60, "the article of the first gloss://clip link");
  gloss_test_wait_until (window_on_bus, bus, 30, "the window the link started");
  owner = name_owner (bus);
  g_assert_nonnull (owner);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *second_log = g_strconcat (log, ".second", NULL);
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GSubprocess) second = NULL;
      g_autofree char *now = NULL;
      const char *name;

      if (i == 1)
        {
          dir = g_dir_open (library, 0, NULL);
          while ((name = g_dir_read_name (dir)) != NULL && open == NULL)
            if (g_str_has_suffix (name, ".html"))
              open = g_strdup_printf ("gloss://open/%.*s", (int) strlen (name) - 5, name);
        }
      second = start_gloss (dbus, library, second_log, i == 0 ? full : open);
      gloss_test_wait_until (process_ended, second, 30, "the second gloss to hand its link over");
      g_assert_true (g_subprocess_get_if_exited (second));
      g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 0);
      assert_quiet_log (second_log);
      g_unlink (second_log);
      now = name_owner (bus);
      g_assert_cmpstr (now, ==, owner);
      if (i == 0)
        gloss_test_wait_until (has_archives, &two, 60, "the second link clipped in the running Gloss");
    }
  g_assert_cmpuint (gloss_test_library_count_archives (library), ==, 2);

  call_app (bus, "org.gtk.Actions", "Activate", g_variant_new_parsed ("('quit', @av [], @a{sv} {})"));
  gloss_test_wait_until (process_ended, first, 30, "the first gloss to quit");
  g_assert_cmpint (g_subprocess_get_exit_status (first), ==, 0);
  assert_quiet_log (log);
  g_unlink (log);
  g_dbus_connection_close_sync (bus, NULL, NULL);
  g_test_dbus_stop (dbus);
  gloss_test_library_free (g_steal_pointer (&library));
}

int
main (int    argc,
      char **argv)
{
  gloss_ui_test_init (&argc, &argv, "gloss-test-dbus-activation");
  g_test_add_func ("/ui/dbus-activation/activated-by-the-bus", test_activated_by_the_bus);
  g_test_add_func ("/ui/dbus-activation/links", test_links);
  return g_test_run ();
}
