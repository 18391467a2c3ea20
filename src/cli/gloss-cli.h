/* gloss-cli.h — the `gloss <subcommand>` command line, no display needed */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean gloss_cli_is_subcommand (const char *name);
/* Runs `gloss @argv[1] …`; returns the exit status (0 done, 1 failed, 2 usage). */
int      gloss_cli_run           (int         argc,
                                  char      **argv);

G_END_DECLS
