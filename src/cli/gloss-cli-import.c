/* gloss-cli-import.c — `gloss import FILE…`: other services' exports
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <signal.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <gio/gunixoutputstream.h>

#include "gloss-cli-private.h"
#include "gloss-fetcher.h"
#include "gloss-import.h"
#include "gloss-library.h"

static void
add_problems (JsonBuilder     *builder,
              GlossImportFile *file)
{
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < file->problems->len; i++)
    {
      GlossImportProblem *problem = file->problems->pdata[i];

      json_builder_begin_object (builder);
      _gloss_cli_add_string_member (builder, "where", problem->origin);
      _gloss_cli_add_string_member (builder, "reason", problem->reason);
      json_builder_set_member_name (builder, "skipped");
      json_builder_add_boolean_value (builder, problem->skipped);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_file (JsonBuilder     *builder,
          GlossImportFile *file)
{
  json_builder_begin_object (builder);
  _gloss_cli_add_string_member (builder, "file", file->path);
  _gloss_cli_add_string_member (builder, "format", gloss_import_format_to_string (file->format));
  json_builder_set_member_name (builder, "articles");
  json_builder_begin_array (builder);
  for (guint i = 0; i < file->entries->len; i++)
    {
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (node, gloss_import_entry_to_json (file->entries->pdata[i]));
      json_builder_add_value (builder, node);
    }
  json_builder_end_array (builder);
  add_problems (builder, file);
  json_builder_end_object (builder);
}

static guint
count_highlights (GlossImportFile *file)
{
  guint n = 0;

  for (guint i = 0; i < file->entries->len; i++)
    n += ((GlossImportEntry *) file->entries->pdata[i])->highlights->len;
  return n;
}

static void
print_file (GlossImportFile *file)
{
  g_autofree char *name = g_path_get_basename (file->path);
  guint highlights = count_highlights (file);
  g_autofree char *articles = g_strdup_printf (ngettext ("%'u article", "%'u articles",
                                                         file->entries->len),
                                               file->entries->len);
  g_autofree char *marks = g_strdup_printf (ngettext ("%'u highlight", "%'u highlights", highlights),
                                            highlights);

  /* Translators: "pocket.zip: Pocket, 9 articles with 3 highlights" */
  g_print (_("%s: %s, %s with %s\n"), name, gloss_import_format_get_name (file->format),
           articles, marks);
  for (guint i = 0; i < file->problems->len; i++)
    {
      GlossImportProblem *problem = file->problems->pdata[i];

      /* Translators: a row of an export left out, or read with less: where, and why */
      g_print (problem->skipped ? _("  %s: left out: %s\n") : _("  %s: %s\n"),
               problem->origin, problem->reason);
    }
}

/* Every file read first: one that can not be read stops the import before
 * anything is written. */
static GPtrArray *
read_files (char **paths)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_import_file_free);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      GlossImportFile *file = gloss_import_read (paths[i], NULL, &error);

      if (file == NULL)
        {
          /* Translators: gloss import could not read a file: which, and why */
          g_printerr (_("gloss: can not import %s: %s\n"), paths[i], error->message);
          return NULL;
        }
      g_ptr_array_add (files, file);
    }
  return g_steal_pointer (&files);
}

static void
print_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      GlossImportProblem *problem = problems->pdata[i];

      /* Translators: an article an import could not bring in: where it came from, and why */
      g_printerr (_("  %s: %s\n"), problem->origin, problem->reason);
    }
}

static void
print_tally (GlossImportTally *tally,
             gboolean          dry_run)
{
  if (dry_run)
    {
      /* Translators: what `gloss import --dry-run` would do, a line each */
      g_print (ngettext ("Would add %'u article from the exports’ text\n",
                         "Would add %'u articles from the exports’ text\n", tally->added),
               tally->added);
      g_print (ngettext ("Would clip %'u web address\n", "Would clip %'u web addresses\n",
                         tally->queued), tally->queued);
      g_print (ngettext ("Would add to %'u article already in the library\n",
                         "Would add to %'u articles already in the library\n", tally->merged),
               tally->merged);
      g_print (ngettext ("Would bring %'u highlight\n", "Would bring %'u highlights\n",
                         tally->highlights), tally->highlights);
    }
  else
    {
      /* Translators: what `gloss import` did, a line each */
      g_print (ngettext ("Added %'u article\n", "Added %'u articles\n", tally->added),
               tally->added);
      if (tally->queued > 0)
        g_print (ngettext ("%'u web address left to clip (run gloss import again)\n",
                           "%'u web addresses left to clip (run gloss import again)\n",
                           tally->queued), tally->queued);
      g_print (ngettext ("Added to %'u article already in the library\n",
                         "Added to %'u articles already in the library\n", tally->merged),
               tally->merged);
      g_print (ngettext ("%'u highlight imported\n", "%'u highlights imported\n",
                         tally->highlights), tally->highlights);
    }
  if (tally->unchanged > 0)
    g_print (ngettext ("%'u article already had all of it\n",
                       "%'u articles already had all of it\n", tally->unchanged),
             tally->unchanged);
  for (guint i = 0; i < tally->orphans->len; i++)
    /* Translators: a highlight an import could not place in its article's text (it is kept) */
    g_print (_("  not found in the text, kept: %s\n"), (char *) tally->orphans->pdata[i]);
  if (tally->failed > 0)
    {
      g_printerr (ngettext ("%'u article could not be imported:\n",
                            "%'u articles could not be imported:\n", tally->failed),
                  tally->failed);
      print_problems (tally->problems);
    }
}

static gboolean stderr_is_terminal;

static void
show_progress (guint    done,
               guint    total,
               gpointer user_data)
{
  if (!stderr_is_terminal)
    return;
  g_printerr ("\r");
  /* Translators: progress on the terminal: "Clipping 12 of 340…" */
  g_printerr (_("%s %'u of %'u…"), (const char *) user_data, done, total);
}

static gboolean
on_interrupt (gpointer user_data)
{
  g_printerr (_("\nStopping: what is not clipped yet stays in the queue, for the next "
                "gloss import or the window.\n"));
  g_cancellable_cancel (user_data);
  /* Kept until the queue is done with: a second Ctrl+C is no kill. */
  return G_SOURCE_CONTINUE;
}

static GlossImportTally *
import_files (GlossLibrary *library,
              GlossFetcher *fetcher,
              GPtrArray    *files,
              gboolean      dry_run,
              GError      **error)
{
  GlossCliWaiter waiter = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GAsyncResult) result = NULL;

  gloss_import_async (library, fetcher, g_ptr_array_ref (files), dry_run, show_progress,
                      (gpointer) _("Importing"), NULL, _gloss_cli_on_done, &waiter);
  result = _gloss_cli_wait_for (&waiter);
  if (stderr_is_terminal)
    g_printerr ("\n");
  return gloss_import_finish (result, error);
}

/* Works through the queue until it is done, or Ctrl+C. */
static GlossImportTally *
clip_queued (GlossLibrary *library,
             GlossFetcher *fetcher,
             gboolean      retry_failed,
             GError      **error)
{
  GlossCliWaiter waiter = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint interrupt = g_unix_signal_add (SIGINT, on_interrupt, cancellable);

  gloss_import_run_queue_async (library, fetcher, retry_failed, show_progress,
                                (gpointer) _("Clipping"), cancellable, _gloss_cli_on_done, &waiter);
  result = _gloss_cli_wait_for (&waiter);
  g_source_remove (interrupt);
  if (stderr_is_terminal)
    g_printerr ("\n");
  return gloss_import_run_queue_finish (result, error);
}

static void
print_json (GPtrArray        *files,
            GlossImportTally *tally)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; files != NULL && i < files->len; i++)
    add_file (builder, files->pdata[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "added");
  json_builder_add_int_value (builder, tally->added);
  json_builder_set_member_name (builder, "queued");
  json_builder_add_int_value (builder, tally->queued);
  json_builder_set_member_name (builder, "merged");
  json_builder_add_int_value (builder, tally->merged);
  json_builder_set_member_name (builder, "unchanged");
  json_builder_add_int_value (builder, tally->unchanged);
  json_builder_set_member_name (builder, "highlights");
  json_builder_add_int_value (builder, tally->highlights);
  json_builder_set_member_name (builder, "orphaned");
  json_builder_add_int_value (builder, tally->orphaned);
  json_builder_set_member_name (builder, "failed");
  json_builder_begin_array (builder);
  for (guint i = 0; i < tally->problems->len; i++)
    {
      GlossImportProblem *problem = tally->problems->pdata[i];

      json_builder_begin_object (builder);
      _gloss_cli_add_string_member (builder, "where", problem->origin);
      _gloss_cli_add_string_member (builder, "reason", problem->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  _gloss_cli_print_json (root);
}

/* The other way */

static const struct
{
  const char        *name;
  GlossImportFormat  format;
} service_formats[] = {
  { "wallabag", GLOSS_IMPORT_WALLABAG },
  { "netscape", GLOSS_IMPORT_NETSCAPE },
  { "csv", GLOSS_IMPORT_RAINDROP },
};

gboolean
_gloss_cli_is_service_format (const char *format)
{
  for (guint i = 0; format != NULL && i < G_N_ELEMENTS (service_formats); i++)
    if (g_str_equal (format, service_formats[i].name))
      return TRUE;
  return FALSE;
}

/* @output, new or replaced with --force, never in the library: its stream. */
static GOutputStream *
open_output (GlossLibrary  *library,
             const char    *output,
             gboolean       force,
             GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);
  g_autofree char *parent = g_path_get_dirname (output);

  if (gloss_library_contains (library, parent))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s is inside the library folder: choose a file outside it"), output);
      return NULL;
    }
  if (force)
    return G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error));
  return G_OUTPUT_STREAM (g_file_create (file, G_FILE_CREATE_NONE, NULL, error));
}

int
_gloss_cli_export_for_service (const char *library_opt,
                               const char *format,
                               const char *output,
                               gboolean    force)
{
  g_autoptr(GlossLibrary) library = _gloss_cli_open_library (library_opt);
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  GlossImportFormat kind = GLOSS_IMPORT_WALLABAG;
  guint written, skipped;

  for (guint i = 0; i < G_N_ELEMENTS (service_formats); i++)
    if (g_str_equal (format, service_formats[i].name))
      kind = service_formats[i].format;
  if (output == NULL)
    out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  else if ((out = open_output (library, output, force, &error)) == NULL)
    {
      g_printerr ("gloss: %s\n", error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        g_printerr (_("Choose another file, or add --force to replace it.\n"));
      return EXIT_FAILURE;
    }
  if (!gloss_import_export_library (library, kind, out, &written, &skipped, NULL, &error)
      || !g_output_stream_close (out, NULL, &error))
    {
      g_printerr ("gloss: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (output != NULL)
    g_printerr (ngettext ("%'u article exported to %s\n", "%'u articles exported to %s\n", written),
                written, output);
  if (skipped > 0)
    g_printerr (ngettext ("%'u archive could not be read, and is not in the export\n",
                          "%'u archives could not be read, and are not in the export\n", skipped),
                skipped);
  return EXIT_SUCCESS;
}

int
_gloss_cli_run_import (int    argc,
                       char **argv)
{
  g_autofree char *library_opt = NULL;
  gboolean dry_run = FALSE, json = FALSE, retry_failed = FALSE, queue_only = FALSE;
  GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Read the exports and say what they would add; change nothing"), NULL },
    { "retry-failed", 0, 0, G_OPTION_ARG_NONE, &retry_failed, N_("Clip again what an earlier import could not"), NULL },
    { "queue-only", 0, 0, G_OPTION_ARG_NONE, &queue_only, N_("Leave the web addresses queued, for the window or a later gloss import, instead of clipping them now"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print what was read and done as JSON"), NULL },
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, &library_opt, N_("Library folder"), "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _gloss_cli_context_new ("import");
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GlossLibrary) library = NULL;
  g_autoptr(GlossFetcher) fetcher = NULL;
  g_autoptr(GlossImportTally) tally = NULL;
  g_autoptr(GlossImportTally) clipped = NULL;
  g_autoptr(GError) error = NULL;

  g_set_prgname ("import");
  g_option_context_set_description (context, _("Exports are read from the files themselves: a "
                                               "Pocket or Omnivore zip, a Wallabag JSON file, a CSV "
                                               "of Instapaper, Readwise or Raindrop, a bookmarks "
                                               "HTML file. What is only a web address is clipped; "
                                               "Ctrl+C leaves the rest queued. Without files, "
                                               "clips what is queued."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_gloss_cli_parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 2 && (dry_run || queue_only))
    return _gloss_cli_usage_error ("import", _("--dry-run and --queue-only need export files")), EXIT_USAGE;
  if ((files = read_files (argv + 1)) == NULL)
    return EXIT_FAILURE;
  stderr_is_terminal = isatty (STDERR_FILENO);
  library = _gloss_cli_open_library (library_opt);
  fetcher = gloss_fetcher_new ();
  if ((tally = import_files (library, fetcher, files, dry_run, &error)) == NULL)
    {
      g_printerr ("gloss: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (!dry_run && !queue_only)
    {
      if ((clipped = clip_queued (library, fetcher, retry_failed, &error)) == NULL)
        {
          g_printerr ("gloss: %s\n", error->message);
          return EXIT_FAILURE;
        }
      /* What was queued and is now clipped counts once, as added. */
      tally->queued = 0;
      gloss_import_tally_add (tally, clipped);
    }
  if (json)
    print_json (files, tally);
  else
    {
      for (guint i = 0; i < files->len; i++)
        print_file (files->pdata[i]);
      print_tally (tally, dry_run);
    }
  return tally->failed > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
