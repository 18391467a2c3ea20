/* gloss-cli-private.h — what the subcommands' files share
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "gloss-types.h"

G_BEGIN_DECLS

#define EXIT_USAGE 2

/* Parses options; on a usage error prints it and returns FALSE. */
/* The options of `gloss @command`, its usage line from the commands' table. */
GOptionContext *_gloss_cli_context_new (const char *command);
gboolean _gloss_cli_parse_options (GOptionContext  *context,
                                   int             *argc,
                                   char          ***argv);
/* "gloss COMMAND: MESSAGE" and where to see the options, on stderr. */
void     _gloss_cli_usage_error   (const char      *command,
                                   const char      *message);
/* @name: @value, or null when @value is NULL. */
void     _gloss_cli_add_string_member (JsonBuilder *builder,
                                       const char  *name,
                                       const char  *value);
/* The library of --library (or where it is set), with what writers that died
 * left behind swept away. */
GlossLibrary *_gloss_cli_open_library (const char *library_opt);

/* An async call run to its end: pass _gloss_cli_on_done and the waiter as
 * its callback, then _gloss_cli_wait_for () runs the main loop until then. */
typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} GlossCliWaiter;

void          _gloss_cli_on_done      (GObject         *source,
                                       GAsyncResult    *result,
                                       gpointer         user_data);
GAsyncResult *_gloss_cli_wait_for     (GlossCliWaiter  *waiter);

/* @node, pretty, on stdout. */
void     _gloss_cli_print_json    (JsonNode        *node);

/* gloss-cli-library.c: list, search, highlights, reindex */
int      _gloss_cli_run_list      (int              argc,
                                   char           **argv);
int      _gloss_cli_run_search    (int              argc,
                                   char           **argv);
int      _gloss_cli_run_highlights (int             argc,
                                    char          **argv);
int      _gloss_cli_run_reindex   (int              argc,
                                   char           **argv);

/* gloss-cli-import.c */
/* wallabag, netscape or csv: the formats of `gloss export --all` for other services. */
gboolean _gloss_cli_is_service_format (const char      *format);
int      _gloss_cli_export_for_service (const char     *library_opt,
                                        const char     *format,
                                        const char     *output,
                                        gboolean        force);
int      _gloss_cli_run_import    (int              argc,
                                   char           **argv);

/* gloss-cli-native.c */
int      _gloss_cli_run_native_host (int            argc,
                                     char         **argv);

G_END_DECLS
