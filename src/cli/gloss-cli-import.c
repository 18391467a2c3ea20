/* gloss-cli-import.c — `gloss import FILE…`: other services' exports
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-cli-private.h"
#include "gloss-import.h"

static void
add_date_member (JsonBuilder *builder,
                 const char  *name,
                 GDateTime   *date)
{
  g_autofree char *text = date != NULL ? g_date_time_format_iso8601 (date) : NULL;

  _gloss_cli_add_string_member (builder, name, text);
}

static void
add_highlights (JsonBuilder      *builder,
                GlossImportEntry *entry)
{
  json_builder_set_member_name (builder, "highlights");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entry->highlights->len; i++)
    {
      GlossImportHighlight *highlight = entry->highlights->pdata[i];

      json_builder_begin_object (builder);
      _gloss_cli_add_string_member (builder, "quote", highlight->quote);
      _gloss_cli_add_string_member (builder, "note", highlight->note);
      _gloss_cli_add_string_member (builder, "color", highlight->color);
      add_date_member (builder, "created", highlight->created);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_entry (JsonBuilder      *builder,
           GlossImportEntry *entry)
{
  json_builder_begin_object (builder);
  _gloss_cli_add_string_member (builder, "url", entry->url);
  _gloss_cli_add_string_member (builder, "title", entry->title);
  _gloss_cli_add_string_member (builder, "author", entry->author);
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entry->tags->len; i++)
    json_builder_add_string_value (builder, entry->tags->pdata[i]);
  json_builder_end_array (builder);
  add_date_member (builder, "saved", entry->saved);
  add_date_member (builder, "published", entry->published);
  json_builder_set_member_name (builder, "archived");
  json_builder_add_boolean_value (builder, entry->archived);
  json_builder_set_member_name (builder, "starred");
  json_builder_add_boolean_value (builder, entry->starred);
  json_builder_set_member_name (builder, "progress");
  if (entry->progress >= 0)
    json_builder_add_double_value (builder, entry->progress);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "content");
  json_builder_add_boolean_value (builder, entry->content != NULL);
  _gloss_cli_add_string_member (builder, "note", entry->note);
  add_highlights (builder, entry);
  _gloss_cli_add_string_member (builder, "from", entry->origin);
  json_builder_end_object (builder);
}

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
    add_entry (builder, file->entries->pdata[i]);
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

int
_gloss_cli_run_import (int    argc,
                       char **argv)
{
  g_autofree char *library_opt = NULL;
  gboolean dry_run = FALSE;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Read the exports and say what they hold; change nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print what was read as JSON"), NULL },
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, &library_opt, N_("Library folder"), "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _gloss_cli_context_new ("import");
  g_autoptr(GPtrArray) files = NULL;

  g_set_prgname ("import");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_gloss_cli_parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 2)
    return _gloss_cli_usage_error ("import", _("name the export files to import")), EXIT_USAGE;
  if ((files = read_files (argv + 1)) == NULL)
    return EXIT_FAILURE;
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < files->len; i++)
        add_file (builder, files->pdata[i]);
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      _gloss_cli_print_json (root);
    }
  else
    for (guint i = 0; i < files->len; i++)
      print_file (files->pdata[i]);
  if (!dry_run)
    {
      g_printerr (_("gloss: importing into the library comes next; for now run with --dry-run\n"));
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}
