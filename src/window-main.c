/* window-main.c — gloss-window: the GNOME application, started by `gloss`
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gloss-application.h"
#include "gloss-i18n.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GlossApplication) app = NULL;

  gloss_i18n_init ();

  /* Named like the command the user typed, in --help and in the shell. */
  g_set_prgname ("gloss");
  app = gloss_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
