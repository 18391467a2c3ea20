/* gloss-cli-native.c — `gloss native-host`: the browser extension's
 * native-messaging host (the protocol is in gloss-native.h)
 *
 * The browser starts it with arguments of its own (the extension's origin,
 * the host manifest's path, a parent window), which are not ours to refuse.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>

#include "gloss-cli-private.h"
#include "gloss-fetcher.h"
#include "gloss-library.h"
#include "gloss-native.h"

static void
print_native_help (void)
{
  g_print ("%s\n  gloss native-host [--library DIR]\n\n%s\n%s\n", _("Usage:"),
           _("Answers the Gloss browser extension on standard input and output, in the "
             "native-messaging protocol (see the README). Browsers start it themselves."),
           _("Other arguments, which browsers add, are ignored."));
}

/* FALSE when the help was asked for. */
static gboolean
parse_arguments (int    argc,
                 char **argv,
                 char **library)
{
  for (int i = 1; i < argc; i++)
    {
      const char *value = NULL;

      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        return FALSE;
      if (g_str_equal (argv[i], "--library") && i + 1 < argc)
        value = argv[++i];
      else if (g_str_has_prefix (argv[i], "--library="))
        value = argv[i] + strlen ("--library=");
      if (value != NULL)
        {
          g_free (*library);
          *library = g_strdup (value);
        }
    }
  return TRUE;
}

static JsonNode *
answer (GlossLibrary *library,
        const char   *message,
        gsize         length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossNativeRequest) request = gloss_native_request_parse (message, length, &error);
  g_autoptr(GlossFetcher) fetcher = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GlossCliWaiter waiter = { g_main_loop_new (NULL, FALSE), NULL };

  if (request == NULL)
    return gloss_native_error_reply (error->message);
  /* One fetcher a request: what a page sent along is for that page only. */
  fetcher = gloss_fetcher_new ();
  gloss_native_answer_async (fetcher, library, request, NULL, _gloss_cli_on_done, &waiter);
  result = _gloss_cli_wait_for (&waiter);
  return gloss_native_answer_finish (result);
}

static gboolean
reply (GOutputStream *output,
       JsonNode      *message)
{
  g_autoptr(GError) error = NULL;

  if (gloss_native_write_message (output, message, NULL, &error))
    return TRUE;
  g_printerr (_("gloss native-host: could not answer the browser: %s\n"), error->message);
  return FALSE;
}

int
_gloss_cli_run_native_host (int    argc,
                            char **argv)
{
  g_autofree char *library_opt = NULL;
  g_autoptr(GlossLibrary) library = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GOutputStream) output = NULL;
  int protocol;

  if (!parse_arguments (argc, argv, &library_opt))
    {
      print_native_help ();
      return EXIT_SUCCESS;
    }
  /* Standard output carries the protocol alone: anything else printed goes
   * to standard error. */
  protocol = dup (STDOUT_FILENO);
  dup2 (STDERR_FILENO, STDOUT_FILENO);
  input = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  output = g_unix_output_stream_new (protocol, TRUE);
  library = _gloss_cli_open_library (library_opt);
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) answered = NULL;
      gsize length = 0;
      g_autofree char *message = gloss_native_read_message (input, &length, NULL, &error);

      if (message == NULL && error == NULL)
        return EXIT_SUCCESS;
      /* After a broken frame nothing that follows can be trusted. */
      if (message == NULL)
        {
          g_autoptr(JsonNode) refused = gloss_native_error_reply (error->message);

          g_printerr ("gloss native-host: %s\n", error->message);
          reply (output, refused);
          return EXIT_FAILURE;
        }
      answered = answer (library, message, length);
      if (!reply (output, answered))
        return EXIT_FAILURE;
    }
}
