/* gloss-i18n.c — the user's language, for every program of Gloss
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "gloss-i18n.h"

/* The locale of the environment, and Gloss's translations: those
 * installed, or GLOSS_LOCALEDIR's (a build tree's, for its tests). */
void
gloss_i18n_init (void)
{
  const char *dir = g_getenv ("GLOSS_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
