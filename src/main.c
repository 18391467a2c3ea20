/* main.c — `gloss`: a subcommand that needs no display, or the window
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "gloss-cli.h"
#include "gloss-i18n.h"
#include "gloss-render.h"

int
main (int    argc,
      char **argv)
{
  g_autofree char *program = NULL;

  gloss_i18n_init ();

  /* The link browsers start for the extension (see src/meson.build). */
  if (g_str_has_suffix (argv[0], "/gloss-native-host") || g_str_equal (argv[0], "gloss-native-host"))
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();

      g_ptr_array_add (args, argv[0]);
      g_ptr_array_add (args, (char *) "native-host");
      for (int i = 1; i <= argc; i++)
        g_ptr_array_add (args, argv[i]);
      return gloss_cli_run (argc + 1, (char **) args->pdata);
    }

  if (argc > 1 && gloss_cli_is_subcommand (argv[1]))
    return gloss_cli_run (argc, argv);

  program = gloss_helper_program ("gloss-window", "GLOSS_WINDOW_PROGRAM");
  argv[0] = program;
  execv (program, argv);
  g_printerr (_("gloss: could not start the window (%s): %s\n"), program, g_strerror (errno));
  return 1;
}
