/* gloss-cli.c — the `gloss <subcommand>` command line, no display needed
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "gloss-cli.h"
#include "gloss-clip.h"
#include "gloss-library.h"
#include "gloss-text.h"
#include "gloss-html.h"

#define EXIT_USAGE 2

typedef int (*SubcommandFunc) (int argc, char **argv);

static int run_clip    (int argc, char **argv);
static int run_extract (int argc, char **argv);

static const struct
{
  const char     *name;
  SubcommandFunc  run;
} subcommands[] = {
  { "clip", run_clip },
  { "extract", run_extract },
};

gboolean
gloss_cli_is_subcommand (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_strcmp0 (name, subcommands[i].name) == 0)
      return TRUE;
  return FALSE;
}

int
gloss_cli_run (int    argc,
               char **argv)
{
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_strcmp0 (argv[1], subcommands[i].name) == 0)
      return subcommands[i].run (argc - 1, argv + 1);
  g_printerr (_("gloss: unknown command “%s”\n"), argv[1]);
  return EXIT_USAGE;
}

/* Parses options; on a usage error prints it and returns FALSE. */
static gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("gloss: %s\n", error->message);
      g_printerr (_("Run “gloss %s --help” to see the options.\n"), g_get_prgname ());
      return FALSE;
    }
  return TRUE;
}

static void
usage_error (const char *command,
             const char *message)
{
  g_printerr ("gloss %s: %s\n", command, message);
  g_printerr (_("Run “gloss %s --help” to see the options.\n"), command);
}

typedef struct
{
  GMainLoop  *loop;
  GAsyncResult *result;
} Waiter;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
  g_main_loop_quit (waiter->loop);
}

/* Runs the main loop until the async call given @waiter finishes. */
static GAsyncResult *
wait_for (Waiter *waiter)
{
  g_main_loop_run (waiter->loop);
  g_main_loop_unref (waiter->loop);
  return waiter->result;
}

static gboolean stderr_is_terminal;

static void
show_progress (const GlossClipProgress *progress,
               gpointer                 user_data)
{
  const char *location = user_data;
  g_autofree char *size = g_format_size (progress->bytes);

  if (!stderr_is_terminal)
    return;
  if (progress->stage == GLOSS_CLIP_STAGE_RESOURCES && progress->resources_total > 0)
    g_printerr ("\r\033[K%s — %s, %u/%u %s", location, size, progress->resources_done,
                progress->resources_total, _("resources"));
  else if (progress->stage == GLOSS_CLIP_STAGE_SAVING)
    g_printerr ("\r\033[K%s — %s, %s", location, size, _("saving"));
  else
    g_printerr ("\r\033[K%s — %s", location, size);
}

static void
clear_progress (void)
{
  if (stderr_is_terminal)
    g_printerr ("\r\033[K");
}

static JsonNode *
clip_result_to_json (GlossClipResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, result->id);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, result->path);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, result->title);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, result->source);
  json_builder_set_member_name (builder, "replaced");
  json_builder_add_boolean_value (builder, result->replaced);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, result->size);
  json_builder_set_member_name (builder, "missing");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->missing->len; i++)
    json_builder_add_string_value (builder, result->missing->pdata[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static GlossFetcher *
make_fetcher (int timeout)
{
  GlossFetcher *fetcher = gloss_fetcher_new ();

  if (timeout > 0)
    gloss_fetcher_set_timeouts (fetcher, MIN (timeout, GLOSS_FETCH_DEFAULT_CONNECT_TIMEOUT),
                                timeout);
  return fetcher;
}

static int
run_clip (int    argc,
          char **argv)
{
  g_autofree char *mode_name = NULL;
  g_autofree char *library_opt = NULL;
  g_autofree char *library = NULL;
  g_auto(GStrv) locations = NULL;
  gboolean json = FALSE;
  int timeout = 0;
  GOptionEntry entries[] = {
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &mode_name, N_("reader (the article, default) or full (the whole page)"), "MODE" },
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, &library_opt, N_("Library folder"), "DIR" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print id, path, title and missing resources as JSON"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Give up on a download after this many seconds (default 30)"), "SECONDS" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &locations, NULL, N_("URL…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("URL… — save web articles as offline archives"));
  g_autoptr(GlossFetcher) fetcher = NULL;
  g_autoptr(JsonArray) results = json_array_new ();
  GlossClipMode mode = GLOSS_CLIP_MODE_READER;
  int status = EXIT_SUCCESS;

  g_set_prgname ("clip");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (locations == NULL || locations[0] == NULL)
    return usage_error ("clip", _("give at least one URL to clip")), EXIT_USAGE;
  if (mode_name != NULL && !gloss_clip_mode_from_string (mode_name, &mode))
    return usage_error ("clip", _("--mode is “reader” or “full”")), EXIT_USAGE;

  library = gloss_library_resolve_dir (library_opt);
  fetcher = make_fetcher (timeout);
  stderr_is_terminal = isatty (STDERR_FILENO);
  for (guint i = 0; locations[i] != NULL; i++)
    {
      Waiter waiter = { g_main_loop_new (NULL, FALSE), NULL };
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GlossClipResult) clip = NULL;
      g_autoptr(GError) error = NULL;

      gloss_clip_async (fetcher, library, locations[i], mode, show_progress, locations[i], NULL,
                        on_done, &waiter);
      result = wait_for (&waiter);
      clear_progress ();
      if ((clip = gloss_clip_finish (result, &error)) == NULL)
        {
          g_printerr ("gloss: %s\n", error->message);
          status = EXIT_FAILURE;
          continue;
        }
      if (json)
        json_array_add_element (results, clip_result_to_json (clip));
      else
        g_print ("%s\n", clip->path);
    }
  if (json)
    {
      g_autoptr(JsonNode) root = json_node_init_array (json_node_alloc (), results);
      print_json (root);
    }
  return status;
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static char *
page_html (GlossPage *page)
{
  GString *html = g_string_new (NULL);
  xmlNode *root = page->content ? page->content : gloss_html_body (page->doc);

  for (xmlNode *child = root ? root->children : NULL; child != NULL; child = child->next)
    {
      g_autofree char *part = gloss_html_serialize (page->doc, child);
      g_string_append (html, part);
    }
  return g_string_free (html, FALSE);
}

static JsonNode *
page_to_json (GlossPage  *page,
              const char *html,
              const char *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GlossMetadata *meta = page->meta;

  json_builder_begin_object (builder);
  add_string_member (builder, "url", page->url);
  add_string_member (builder, "title", meta->title);
  add_string_member (builder, "byline", meta->byline);
  add_string_member (builder, "site_name", meta->site_name);
  add_string_member (builder, "published", meta->published);
  add_string_member (builder, "language", meta->language);
  add_string_member (builder, "description", meta->description);
  add_string_member (builder, "lead_image", meta->lead_image);
  add_string_member (builder, "canonical_url", meta->canonical_url);
  add_string_member (builder, "html", html);
  add_string_member (builder, "text", text);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static int
run_extract (int    argc,
             char **argv)
{
  g_autofree char *base_url = NULL;
  g_autofree char *format = NULL;
  g_autofree char *mode_name = NULL;
  g_autofree char *library_opt = NULL;
  g_auto(GStrv) locations = NULL;
  int timeout = 0;
  GOptionEntry entries[] = {
    { "base-url", 'b', 0, G_OPTION_ARG_STRING, &base_url, N_("Resolve the page’s links against URL (for saved files)"), "URL" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("text (default), html or json"), "FORMAT" },
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &mode_name, N_("reader (the article, default) or full (the whole page)"), "MODE" },
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, &library_opt, N_("Library folder (not used by extract)"), "DIR" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Give up on a download after this many seconds (default 30)"), "SECONDS" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &locations, NULL, N_("URL|FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("URL|FILE — print the article a page holds"));
  g_autoptr(GlossFetcher) fetcher = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GlossPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *text = NULL;
  GlossClipMode mode = GLOSS_CLIP_MODE_READER;
  Waiter waiter;

  g_set_prgname ("extract");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (locations == NULL || locations[0] == NULL || locations[1] != NULL)
    return usage_error ("extract", _("give one URL or file")), EXIT_USAGE;
  if (format == NULL)
    format = g_strdup ("text");
  if (!g_str_equal (format, "text") && !g_str_equal (format, "html") && !g_str_equal (format, "json"))
    return usage_error ("extract", _("--format is “text”, “html” or “json”")), EXIT_USAGE;
  if (mode_name != NULL && !gloss_clip_mode_from_string (mode_name, &mode))
    return usage_error ("extract", _("--mode is “reader” or “full”")), EXIT_USAGE;

  fetcher = make_fetcher (timeout);
  waiter = (Waiter) { g_main_loop_new (NULL, FALSE), NULL };
  gloss_page_load_async (fetcher, locations[0], base_url, mode, NULL, NULL, NULL, on_done, &waiter);
  result = wait_for (&waiter);
  if ((page = gloss_page_load_finish (result, &error)) == NULL)
    {
      g_printerr ("gloss: %s\n", error->message);
      return EXIT_FAILURE;
    }

  text = gloss_text_from_node (page->content ? page->content : gloss_html_body (page->doc));
  if (g_str_equal (format, "text"))
    g_print ("%s\n", text);
  else if (g_str_equal (format, "html"))
    g_print ("%s\n", html = page_html (page));
  else
    {
      g_autoptr(JsonNode) root = NULL;

      html = page_html (page);
      root = page_to_json (page, html, text);
      print_json (root);
    }
  return EXIT_SUCCESS;
}
