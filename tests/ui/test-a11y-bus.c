/* test-a11y-bus.c — an accessibility bus of test-a11y's own: a dbus-daemon
 * and at-spi2-registryd, started for the test and stopped with it
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>

#include "gloss-test-utils.h"
#include "gloss-ui-test.h"
#include "test-a11y-private.h"

#define REGISTRY "org.a11y.atspi.Registry"

/* The accessibility bus */

/* Run in each process this test starts, so that none outlives a test that
 * aborts (and keeps meson waiting on its output). */
void
die_with_test (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}


static const char * const registry_paths[] = {
  "/usr/libexec/at-spi2-registryd",
  "/usr/lib/at-spi2-core/at-spi2-registryd",
  "/usr/lib/at-spi2/at-spi2-registryd",
};

/* %s: the folder of the socket */
static const char bus_config[] =
  "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
  " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
  "<busconfig>\n"
  "  <type>accessibility</type>\n"
  "  <listen>unix:path=%s/bus</listen>\n"
  "  <auth>EXTERNAL</auth>\n"
  "  <policy context=\"default\">\n"
  "    <allow user=\"*\"/>\n"
  "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
  "    <allow eavesdrop=\"true\"/>\n"
  "    <allow own=\"*\"/>\n"
  "  </policy>\n"
  "</busconfig>\n";

void
a11y_bus_free (A11yBus *bus)
{
  if (bus->registry != NULL)
    {
      g_subprocess_force_exit (bus->registry);
      g_subprocess_wait (bus->registry, NULL, NULL);
      g_object_unref (bus->registry);
    }
  if (bus->daemon != NULL)
    {
      g_subprocess_force_exit (bus->daemon);
      g_subprocess_wait (bus->daemon, NULL, NULL);
      g_object_unref (bus->daemon);
    }
  if (bus->dir != NULL)
    gloss_test_remove_tree (bus->dir);
  g_free (bus->dir);
  g_free (bus->address);
  g_free (bus);
}


/* A dbus-daemon and a registry of our own; NULL, and *@why set, when this
 * machine has none to start. */
A11yBus *
a11y_bus_start (char **why)
{
  g_autoptr(A11yBus) bus = g_new0 (A11yBus, 1);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *daemon_path = g_find_program_in_path ("dbus-daemon");
  g_autofree char *config = NULL;
  g_autofree char *config_text = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  const char *registry_path = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (registry_paths); i++)
    if (g_file_test (registry_paths[i], G_FILE_TEST_IS_EXECUTABLE))
      registry_path = registry_paths[i];
  if (daemon_path == NULL || registry_path == NULL)
    {
      *why = g_strdup ("no dbus-daemon or at-spi2-registryd (packages dbus, at-spi2-core)");
      return NULL;
    }

  bus->dir = gloss_test_make_temp_dir ();
  config = g_build_filename (bus->dir, "bus.conf", NULL);
  config_text = g_strdup_printf (bus_config, bus->dir);
  g_assert_true (g_file_set_contents (config, config_text, -1, NULL));

  /* It says it cannot raise its file limit, which is of no matter here. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_test, NULL, NULL);
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  bus->daemon = g_subprocess_launcher_spawn (launcher, &error, daemon_path, "--nofork",
                                             "--config-file", config, "--print-address=1",
                                             NULL);
  if (bus->daemon == NULL)
    {
      *why = g_strdup_printf ("dbus-daemon does not start: %s", error->message);
      return NULL;
    }
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bus->daemon));
  line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  if (line == NULL)
    {
      *why = g_strdup ("dbus-daemon printed no address (see its messages above)");
      return NULL;
    }
  bus->address = g_steal_pointer (&line);

  g_clear_object (&launcher);
  /* It says that it runs on stdout, which is TAP's. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_test, NULL, NULL);
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_setenv (launcher, "AT_SPI_BUS_ADDRESS", bus->address, TRUE);
  bus->registry = g_subprocess_launcher_spawn (launcher, &error, registry_path, NULL);
  if (bus->registry == NULL)
    {
      *why = g_strdup_printf ("at-spi2-registryd does not start: %s", error->message);
      return NULL;
    }

  connection = g_dbus_connection_new_for_address_sync (bus->address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  if (connection == NULL)
    {
      *why = g_strdup_printf ("the accessibility bus takes no connection: %s", error->message);
      return NULL;
    }
  for (guint i = 0; i < 100 && !gloss_ui_test_bus_has_name (connection, REGISTRY); i++)
    g_usleep (100 * 1000);
  if (!gloss_ui_test_bus_has_name (connection, REGISTRY))
    {
      *why = g_strdup ("at-spi2-registryd did not take its name on the bus");
      return NULL;
    }
  g_dbus_connection_close_sync (connection, NULL, NULL);
  return g_steal_pointer (&bus);
}

