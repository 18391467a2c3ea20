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

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>

#include "gloss-cli-private.h"
#include "gloss-fetcher.h"
#include "gloss-library.h"
#include "gloss-native.h"

typedef enum
{
  RUN_HOST,
  RUN_HELP,
  RUN_INSTALL,
  RUN_UNINSTALL,
} NativeCommand;

static void
print_native_help (void)
{
  g_print ("%s\n  gloss native-host [--library DIR]\n  gloss native-host --install | --uninstall\n\n%s\n%s\n\n%s\n",
           _("Usage:"),
           _("Answers the Gloss browser extension on standard input and output, in the "
             "native-messaging protocol (see the README). Browsers start it themselves."),
           _("Other arguments, which browsers add, are ignored."),
           _("--install tells Firefox, Chromium and Google Chrome of this user where to "
             "find the host (this gloss); --uninstall takes that back."));
}

/* Where each browser looks for one user's hosts, and how its manifest
 * names the extension allowed to talk to the host. */
static const struct
{
  const char *config_dir;  /* under the user's configuration folder, or home for Firefox */
  const char *key;
  const char *origin;
} browsers[] = {
  { ".mozilla/native-messaging-hosts", "allowed_extensions", GECKO_EXTENSION_ID },
  { "chromium/NativeMessagingHosts", "allowed_origins", "chrome-extension://" CHROMIUM_EXTENSION_ID "/" },
  { "google-chrome/NativeMessagingHosts", "allowed_origins", "chrome-extension://" CHROMIUM_EXTENSION_ID "/" },
};

static char *
manifest_path (guint browser)
{
  const char *base = browser == 0 ? g_get_home_dir () : g_get_user_config_dir ();

  return g_build_filename (base, browsers[browser].config_dir, NATIVE_HOST_NAME ".json", NULL);
}

/* The link browsers start: gloss answers as the host under this name. */
static char *
host_link_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "gloss", "gloss-native-host", NULL);
}

static char *
manifest_text (guint       browser,
               const char *program)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  _gloss_cli_add_string_member (builder, "name", NATIVE_HOST_NAME);
  _gloss_cli_add_string_member (builder, "description", "Gloss: clip pages from the browser into your library");
  _gloss_cli_add_string_member (builder, "path", program);
  _gloss_cli_add_string_member (builder, "type", "stdio");
  json_builder_set_member_name (builder, browsers[browser].key);
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, browsers[browser].origin);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, TRUE);
}

static gboolean
write_host_link (const char  *link,
                 GError     **error)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", error);
  g_autofree char *dir = g_path_get_dirname (link);
  g_autoptr(GFile) file = g_file_new_for_path (link);

  if (self == NULL)
    return FALSE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", dir, g_strerror (errno));
      return FALSE;
    }
  /* Only ever our own link: a file of something else there is left alone. */
  if (g_file_test (link, G_FILE_TEST_IS_SYMLINK) && g_unlink (link) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", link, g_strerror (errno));
      return FALSE;
    }
  return g_file_make_symbolic_link (file, self, NULL, error);
}

static int
install_host (void)
{
  g_autofree char *link = host_link_path ();
  g_autoptr(GError) error = NULL;

  if (!write_host_link (link, &error))
    {
      g_printerr (_("gloss native-host: could not make %s: %s\n"), link, error->message);
      return EXIT_FAILURE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (browsers); i++)
    {
      g_autofree char *path = manifest_path (i);
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *text = manifest_text (i, link);

      if (g_mkdir_with_parents (dir, 0755) != 0
          || !g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
        {
          g_printerr (_("gloss native-host: could not write %s: %s\n"), path,
                      error != NULL ? error->message : g_strerror (errno));
          return EXIT_FAILURE;
        }
      g_print ("%s\n", path);
    }
  return EXIT_SUCCESS;
}

static int
uninstall_host (void)
{
  g_autofree char *link = host_link_path ();
  int status = EXIT_SUCCESS;

  for (guint i = 0; i <= G_N_ELEMENTS (browsers); i++)
    {
      g_autofree char *path = i < G_N_ELEMENTS (browsers) ? manifest_path (i) : g_strdup (link);

      if (g_unlink (path) == 0)
        g_print ("%s\n", path);
      else if (errno != ENOENT)
        {
          g_printerr (_("gloss native-host: could not remove %s: %s\n"), path, g_strerror (errno));
          status = EXIT_FAILURE;
        }
    }
  return status;
}

static NativeCommand
parse_arguments (int    argc,
                 char **argv,
                 char **library)
{
  for (int i = 1; i < argc; i++)
    {
      const char *value = NULL;

      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        return RUN_HELP;
      if (g_str_equal (argv[i], "--install"))
        return RUN_INSTALL;
      if (g_str_equal (argv[i], "--uninstall"))
        return RUN_UNINSTALL;
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
  return RUN_HOST;
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

  switch (parse_arguments (argc, argv, &library_opt))
    {
    case RUN_HELP:
      print_native_help ();
      return EXIT_SUCCESS;
    case RUN_INSTALL:
      return install_host ();
    case RUN_UNINSTALL:
      return uninstall_host ();
    case RUN_HOST:
      break;
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
