/* gloss-cli-library.c — `gloss list`, `gloss search`, `gloss highlights`
 * and `gloss reindex`:
 * the library through its index, brought up to date first
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "gloss-annotation.h"
#include "gloss-cli-private.h"
#include "gloss-index.h"
#include "gloss-library.h"

/* The index of the library --library (or the default) names, up to date;
 * NULL when it can not be had, the reason printed. */
static GlossIndex *
open_index (const char *library_opt,
            gboolean    rebuild)
{
  g_autofree char *dir = gloss_library_resolve_dir (library_opt);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossIndex) index = gloss_index_open (dir, &error);

  if (index != NULL && (rebuild ? gloss_index_rebuild (index, &error)
                                : gloss_index_update (index, NULL, &error)))
    return g_steal_pointer (&index);
  g_printerr ("gloss: %s\n", error->message);
  return NULL;
}

/* The snippet with its match between [ and ]. */
static char *
plain_snippet (const char *snippet)
{
  g_autoptr(GString) text = g_string_new (snippet);

  g_string_replace (text, GLOSS_INDEX_MATCH_START, "[", 0);
  g_string_replace (text, GLOSS_INDEX_MATCH_END, "]", 0);
  g_string_replace (text, "\n", " ", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_entry (JsonBuilder     *builder,
           GlossIndexEntry *entry)
{
  json_builder_begin_object (builder);
  _gloss_cli_add_string_member (builder, "id", entry->id);
  _gloss_cli_add_string_member (builder, "title", entry->title);
  _gloss_cli_add_string_member (builder, "byline", entry->byline);
  _gloss_cli_add_string_member (builder, "site", entry->site);
  _gloss_cli_add_string_member (builder, "source", entry->source);
  _gloss_cli_add_string_member (builder, "saved", entry->saved);
  _gloss_cli_add_string_member (builder, "published", entry->published);
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; entry->tags[i] != NULL; i++)
    json_builder_add_string_value (builder, entry->tags[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "highlights");
  json_builder_add_int_value (builder, entry->n_highlights);
  json_builder_set_member_name (builder, "notes");
  json_builder_add_int_value (builder, entry->n_notes);
  if (entry->snippet != NULL)
    {
      g_autofree char *snippet = plain_snippet (entry->snippet);

      _gloss_cli_add_string_member (builder, "snippet", snippet);
    }
  json_builder_end_object (builder);
}

static void
print_entries_json (GPtrArray *entries)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    add_entry (builder, entries->pdata[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  _gloss_cli_print_json (root);
}

/* One line an article: id, then title — site; the snippet under it. All
 * printed at once: g_print() flushes, and 10,000 writes took longer than
 * the list. */
static void
print_entries_text (GPtrArray *entries)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      GlossIndexEntry *entry = entries->pdata[i];

      g_string_append_printf (text, "%s\t%s%s%s\n", entry->id, entry->title ? entry->title : "",
                              entry->site ? " — " : "", entry->site ? entry->site : "");
      if (entry->snippet != NULL)
        {
          g_autofree char *snippet = plain_snippet (entry->snippet);

          g_string_append_printf (text, "\t%s\n", snippet);
        }
    }
  g_print ("%s", text->str);
}

static void
print_entries (GPtrArray *entries,
               gboolean   json)
{
  if (json)
    print_entries_json (entries);
  else
    print_entries_text (entries);
}

static gboolean
parse_sort (const char     *name,
            GlossIndexSort *sort)
{
  static const char * const names[] = { "saved", "published", "title" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        *sort = i;
        return TRUE;
      }
  return name == NULL;
}

int
_gloss_cli_run_list (int    argc,
                     char **argv)
{
  g_autofree char *library_opt = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *sort_name = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the articles as JSON"), NULL },
    { "tag", 't', 0, G_OPTION_ARG_STRING, &tag, N_("Only the articles with this tag"), "TAG" },
    { "sort", 's', 0, G_OPTION_ARG_STRING, &sort_name, N_("saved (newest first, default), published or title"), "ORDER" },
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, &library_opt, N_("Library folder"), "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _gloss_cli_context_new ("list");
  g_autoptr(GlossIndex) index = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  GlossIndexSort sort = GLOSS_INDEX_SORT_SAVED;

  g_set_prgname ("list");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_gloss_cli_parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return _gloss_cli_usage_error ("list", _("it takes no arguments")), EXIT_USAGE;
  if (!parse_sort (sort_name, &sort))
    return _gloss_cli_usage_error ("list", _("--sort is saved, published or title")), EXIT_USAGE;
  if ((index = open_index (library_opt, FALSE)) == NULL)
    return EXIT_FAILURE;
  if ((found = gloss_index_list (index, sort, tag, &error)) == NULL)
    {
      g_printerr ("gloss: %s\n", error->message);
      return EXIT_FAILURE;
    }
  print_entries (found, json);
  return EXIT_SUCCESS;
}

int
_gloss_cli_run_search (int    argc,
                       char **argv)
{
  g_autofree char *library_opt = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *query = NULL;
  gboolean json = FALSE;
  int limit = 20;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the articles found as JSON"), NULL },
    { "tag", 't', 0, G_OPTION_ARG_STRING, &tag, N_("Only the articles with this tag"), "TAG" },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("At most this many articles (default 20; 0: all)"), "N" },
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, &library_opt, N_("Library folder"), "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _gloss_cli_context_new ("search");
  g_autoptr(GlossIndex) index = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  g_set_prgname ("search");
  g_option_context_set_description (context,
    _("Words, \"a phrase\", prefix*, AND, OR and NOT; filters: tag:TAG site:SITE has:notes "
      "has:highlights color:COLOR before:YYYY-MM-DD after:YYYY-MM-DD"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_gloss_cli_parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 2)
    return _gloss_cli_usage_error ("search", _("give what to search for")), EXIT_USAGE;
  if (limit < 0)
    return _gloss_cli_usage_error ("search", _("--limit is 0 or more")), EXIT_USAGE;
  query = g_strjoinv (" ", argv + 1);
  if (tag != NULL)
    {
      g_autofree char *words = g_steal_pointer (&query);

      query = g_strdup_printf ("%s tag:%s", words, tag);
    }
  if ((index = open_index (library_opt, FALSE)) == NULL)
    return EXIT_FAILURE;
  if ((found = gloss_index_search (index, query, limit, &error)) == NULL)
    {
      g_printerr ("gloss: %s\n", error->message);
      return EXIT_FAILURE;
    }
  print_entries (found, json);
  return EXIT_SUCCESS;
}

static void
print_highlights_json (GPtrArray *highlights)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < highlights->len; i++)
    {
      GlossIndexHighlight *highlight = highlights->pdata[i];

      json_builder_begin_object (builder);
      _gloss_cli_add_string_member (builder, "article", highlight->article);
      _gloss_cli_add_string_member (builder, "title", highlight->title);
      _gloss_cli_add_string_member (builder, "id", highlight->id);
      _gloss_cli_add_string_member (builder, "color", highlight->color);
      _gloss_cli_add_string_member (builder, "quote", highlight->quote);
      _gloss_cli_add_string_member (builder, "note", highlight->note);
      _gloss_cli_add_string_member (builder, "created", highlight->created);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  _gloss_cli_print_json (root);
}

/* The quote, its note under it, and where it is: gloss://open/ID#HIGHLIGHT. */
static void
print_highlights_text (GPtrArray *highlights)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < highlights->len; i++)
    {
      GlossIndexHighlight *highlight = highlights->pdata[i];

      g_string_append_printf (text, "%s“%s” (%s)\n", i > 0 ? "\n" : "", highlight->quote,
                              highlight->color);
      if (highlight->note != NULL)
        g_string_append_printf (text, "  %s\n", highlight->note);
      g_string_append_printf (text, "  %s — gloss://open/%s#%s\n",
                              highlight->title ? highlight->title : "", highlight->article,
                              highlight->id);
    }
  /* At once, as the articles are. */
  g_print ("%s", text->str);
}

int
_gloss_cli_run_highlights (int    argc,
                           char **argv)
{
  g_autofree char *library_opt = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *color = NULL;
  g_autofree char *query = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the highlights as JSON"), NULL },
    { "color", 'c', 0, G_OPTION_ARG_STRING, &color, N_("Only the highlights in this colour"), "COLOR" },
    { "tag", 't', 0, G_OPTION_ARG_STRING, &tag, N_("Only the highlights of articles with this tag"), "TAG" },
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, &library_opt, N_("Library folder"), "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _gloss_cli_context_new ("highlights");
  g_autoptr(GlossIndex) index = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  g_set_prgname ("highlights");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_gloss_cli_parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (color != NULL && !gloss_annotation_is_color (color))
    return _gloss_cli_usage_error ("highlights", _("--color is yellow, green, blue, pink or purple")), EXIT_USAGE;
  query = g_strjoinv (" ", argv + 1);
  if ((index = open_index (library_opt, FALSE)) == NULL)
    return EXIT_FAILURE;
  if ((found = gloss_index_highlights (index, query, color, tag, &error)) == NULL)
    {
      g_printerr ("gloss: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (json)
    print_highlights_json (found);
  else
    print_highlights_text (found);
  return EXIT_SUCCESS;
}

int
_gloss_cli_run_reindex (int    argc,
                        char **argv)
{
  g_autofree char *library_opt = NULL;
  GOptionEntry entries[] = {
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, &library_opt, N_("Library folder"), "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _gloss_cli_context_new ("reindex");
  g_autoptr(GlossIndex) index = NULL;

  g_set_prgname ("reindex");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_gloss_cli_parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return _gloss_cli_usage_error ("reindex", _("it takes no arguments")), EXIT_USAGE;
  if ((index = open_index (library_opt, TRUE)) == NULL)
    return EXIT_FAILURE;
  return EXIT_SUCCESS;
}
