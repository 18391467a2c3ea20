/* main.c — `gloss`: the window, or a subcommand that needs no display
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "gloss-application.h"
#include "gloss-cli.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GlossApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Subcommands never touch GTK, so they run with no display. */
  if (argc > 1 && gloss_cli_is_subcommand (argv[1]))
    return gloss_cli_run (argc, argv);

  app = gloss_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
