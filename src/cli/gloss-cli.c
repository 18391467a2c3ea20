/* gloss-cli.c — the `gloss <subcommand>` command line, no display needed
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "gloss-anchor.h"
#include "gloss-annotation.h"
#include "gloss-archive.h"
#include "gloss-article.h"
#include "gloss-cli.h"
#include "gloss-cli-private.h"
#include "gloss-clip.h"
#include "gloss-render.h"
#include "gloss-extract.h"
#include "gloss-fetcher.h"
#include "gloss-html.h"
#include "gloss-library.h"
#include "gloss-page.h"
#include "gloss-sidecar.h"
#include "gloss-text.h"

#define MAX_REASONS_SHOWN 10

typedef int (*SubcommandFunc) (int argc, char **argv);

static int run_clip     (int argc, char **argv);
static int run_extract  (int argc, char **argv);
static int run_annotate (int argc, char **argv);
static int run_export   (int argc, char **argv);
static int run_tag      (int argc, char **argv);

static const struct
{
  const char     *name;
  SubcommandFunc  run;
  const char     *usage;  /* its arguments — what it does */
} subcommands[] = {
  { "clip", run_clip, N_("URL… — save web articles as offline archives") },
  { "extract", run_extract, N_("URL|FILE — print the article a page holds") },
  { "annotate", run_annotate, N_("ARTICLE — highlight a passage of an article, with a note") },
  { "export", run_export, N_("ARTICLE|--all — export highlights and notes") },
  { "tag", run_tag, N_("ARTICLE +TAG… -TAG… — add and remove tags") },
  { "list", _gloss_cli_run_list, N_("— list the articles of the library") },
  { "search", _gloss_cli_run_search, N_("QUERY — search the articles, their highlights and notes") },
  { "highlights", _gloss_cli_run_highlights,
    N_("[QUERY] — every highlight in the library, newest first") },
  { "import", _gloss_cli_run_import,
    N_("FILE… — bring in articles and highlights from Pocket, Omnivore, Wallabag, Instapaper, Readwise, Raindrop or bookmarks") },
  { "reindex", _gloss_cli_run_reindex, N_("— make the library’s index again from its files") },
  { "native-host", _gloss_cli_run_native_host,
    N_("— answer the Gloss browser extension (browsers start it)") },
};

/* What `gloss` itself answers, with no window: help and its version. */
static const char * const own_words[] = { "help", "--help", "-h", "-?", "--version", NULL };

gboolean
gloss_cli_is_subcommand (const char *name)
{
  if (name != NULL && g_strv_contains (own_words, name))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_strcmp0 (name, subcommands[i].name) == 0)
      return TRUE;
  return FALSE;
}

GOptionContext *
_gloss_cli_context_new (const char *command)
{
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_strcmp0 (command, subcommands[i].name) == 0)
      return g_option_context_new (_(subcommands[i].usage));
  g_return_val_if_reached (NULL);
}

static int
print_help (void)
{
  g_autoptr(GString) help = g_string_new (NULL);

  g_string_append_printf (help, "%s\n  gloss [URL|FILE…]\n  gloss COMMAND [OPTION…]\n\n", _("Usage:"));
  g_string_append_printf (help, "%s\n\n%s\n",
                          _("Without a command, opens the window; each URL or .html file given is "
                            "clipped into the library."),
                          _("Commands, which need no window:"));
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    g_string_append_printf (help, "  %-11s %s\n", subcommands[i].name, _(subcommands[i].usage));
  g_string_append_printf (help, "\n%s\n%s\n%s\n",
                          _("Run “gloss help COMMAND” (or “gloss COMMAND --help”) for its options."),
                          _("Run “gloss --help-gapplication” for the window’s own options."),
                          _("Run “gloss --version” for the version."));
  g_print ("%s", help->str);
  return 0;
}

/* `gloss help [COMMAND]` */
static int
run_help (int    argc,
          char **argv)
{
  if (argc < 2)
    return print_help ();
  if (argc > 2 || g_strv_contains (own_words, argv[1]) || !gloss_cli_is_subcommand (argv[1]))
    {
      g_printerr (_("gloss help: “%s” is not a command; run “gloss --help” for the list.\n"), argv[1]);
      return EXIT_USAGE;
    }
  return gloss_cli_run (3, (char *[]) { argv[0], argv[1], (char *) "--help", NULL });
}

int
gloss_cli_run (int    argc,
               char **argv)
{
  if (g_strcmp0 (argv[1], "--version") == 0)
    {
      g_print ("gloss %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_strcmp0 (argv[1], "help") == 0)
    return run_help (argc - 1, argv + 1);
  if (g_strv_contains (own_words, argv[1]))
    return print_help ();
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_strcmp0 (argv[1], subcommands[i].name) == 0)
      return subcommands[i].run (argc - 1, argv + 1);
  g_printerr (_("gloss: unknown command “%s”\n"), argv[1]);
  return EXIT_USAGE;
}

/* Parses options; on a usage error prints it and returns FALSE. */
gboolean
_gloss_cli_parse_options (GOptionContext  *context,
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

void
_gloss_cli_usage_error (const char *command,
                        const char *message)
{
  g_printerr ("gloss %s: %s\n", command, message);
  g_printerr (_("Run “gloss %s --help” to see the options.\n"), command);
}

void
_gloss_cli_on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GlossCliWaiter *waiter = user_data;

  waiter->result = g_object_ref (result);
  g_main_loop_quit (waiter->loop);
}

GAsyncResult *
_gloss_cli_wait_for (GlossCliWaiter *waiter)
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
    /* Translators: progress of `gloss clip`: "…example.com/a — 2.1 MB, 3/12 resources",
     * the pictures, fonts and styles fetched */
    g_printerr ("\r\033[K%s — %s, %u/%u %s", location, size, progress->resources_done,
                progress->resources_total, _("resources"));
  else if (progress->stage == GLOSS_CLIP_STAGE_RENDERING)
    /* Translators: progress of `gloss clip --render`, the page's JavaScript running */
    g_printerr ("\r\033[K%s — %s", location, _("running its scripts"));
  else if (progress->stage == GLOSS_CLIP_STAGE_SAVING)
    /* Translators: progress of `gloss clip`, the archive being written to disk */
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
  /* The archive replaced, kept in <id>.versions/; null when none was. */
  json_builder_set_member_name (builder, "previous_version");
  if (result->kept_version != NULL)
    json_builder_add_string_value (builder, result->kept_version);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, result->size);
  json_builder_set_member_name (builder, "annotations");
  json_builder_add_int_value (builder, result->annotations);
  json_builder_set_member_name (builder, "moved");
  json_builder_add_int_value (builder, result->moved);
  json_builder_set_member_name (builder, "orphaned");
  json_builder_add_int_value (builder, result->orphaned);
  json_builder_set_member_name (builder, "missing");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->missing->len; i++)
    json_builder_add_string_value (builder, result->missing->pdata[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "left_out");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->missing->len; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, result->missing->pdata[i]);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, result->missing_reasons->pdata[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "timed_out");
  json_builder_add_boolean_value (builder, result->timed_out);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
_gloss_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* On stderr: stdout is for the paths, which scripts read. */
static void
report_notes (GlossClipResult *clip)
{
  if (clip->kept_version != NULL)
    g_printerr (_("%s: the previous version was kept as %s\n"), clip->id, clip->kept_version);
  else if (clip->replaced)
    g_printerr (_("%s: the article has not changed since it was last saved\n"), clip->id);
  if (clip->notes_error != NULL)
    g_printerr (_("gloss: the archive was saved, but not its notes: %s\n"), clip->notes_error);
  else if (clip->replaced && clip->annotations > 0)
    g_printerr (_("%s: %u highlights, %u moved, %u not found in the new version (kept)\n"),
                clip->id, clip->annotations, clip->moved, clip->orphaned);
}

GlossLibrary *
_gloss_cli_open_library (const char *library_opt)
{
  g_autofree char *dir = gloss_library_resolve_dir (library_opt);
  GlossLibrary *library = gloss_library_new (dir);

  gloss_library_sweep (library);
  return library;
}

/* A quote as an error line shows it: a long one is cut. */
static char *
echo_quote (const char *quote)
{
  const guint max = 80;

  if (g_utf8_strlen (quote, -1) <= max)
    return g_strdup (quote);
  return g_strconcat (g_utf8_substring (quote, 0, max - 1), "…", NULL);
}

/* What was left out of an archive, and why, on stderr. */
static void
report_missing (GlossClipResult *clip)
{
  guint shown = MIN (clip->missing->len, MAX_REASONS_SHOWN);

  if (clip->missing->len == 0)
    return;
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%s: saved without %u resource:\n",
                           "%s: saved without %u resources:\n", clip->missing->len),
              clip->id, clip->missing->len);
  for (guint i = 0; i < shown; i++)
    g_printerr ("  %s\n", (char *) clip->missing_reasons->pdata[i]);
  if (clip->missing->len > shown)
    g_printerr (_("  and %u more (see --json)\n"), clip->missing->len - shown);
}

/* @timeout bounds the whole clip; a single download gets at most the
 * default time of one. */
static GlossFetcher *
make_fetcher (int timeout,
              int max_size_mb)
{
  GlossFetcher *fetcher = gloss_fetcher_new ();
  guint64 max_bytes = max_size_mb > 0 ? (guint64) max_size_mb * 1000 * 1000
                                      : GLOSS_FETCH_DEFAULT_MAX_ARCHIVE_BYTES;

  if (timeout > 0)
    gloss_fetcher_set_timeouts (fetcher, MIN (timeout, GLOSS_FETCH_DEFAULT_CONNECT_TIMEOUT),
                                MIN (timeout, GLOSS_FETCH_DEFAULT_TIMEOUT));
  gloss_fetcher_set_clip_limits (fetcher, timeout > 0 ? (guint) timeout
                                                      : GLOSS_FETCH_DEFAULT_CLIP_TIMEOUT,
                                 max_bytes);
  return fetcher;
}

static int
run_clip (int    argc,
          char **argv)
{
  g_autofree char *mode_name = NULL;
  g_autofree char *library_opt = NULL;
  g_autoptr(GlossLibrary) library = NULL;
  g_auto(GStrv) locations = NULL;
  gboolean json = FALSE;
  gboolean render = FALSE;
  int timeout = 0;
  int max_size = 0;
  GOptionEntry entries[] = {
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &mode_name, N_("reader (the article, default) or full (the whole page)"), "MODE" },
    { "render", 'r', 0, G_OPTION_ARG_NONE, &render, N_("Run the page's scripts first, in a small window of its own (needs a display); without it, only pages whose text needs them are run"), NULL },
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, &library_opt, N_("Library folder"), "DIR" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print id, path, title and missing resources as JSON"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Give each clip this many seconds in all (default 60); what has not arrived by then is left out"), "SECONDS" },
    { "max-size", 0, 0, G_OPTION_ARG_INT, &max_size, N_("Embed at most this many megabytes of pictures, fonts and styles in an archive (default 100)"), "MB" },
    /* Translators: what `gloss clip` takes, in its usage line */
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &locations, NULL, N_("URL…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _gloss_cli_context_new ("clip");
  g_autoptr(GlossFetcher) fetcher = NULL;
  g_autoptr(JsonArray) results = json_array_new ();
  GlossClipMode mode = GLOSS_CLIP_MODE_READER;
  int status = EXIT_SUCCESS;

  g_set_prgname ("clip");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_gloss_cli_parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (locations == NULL || locations[0] == NULL)
    return _gloss_cli_usage_error ("clip", _("give at least one URL to clip")), EXIT_USAGE;
  if (mode_name != NULL && !gloss_clip_mode_from_string (mode_name, &mode))
    return _gloss_cli_usage_error ("clip", _("--mode is “reader” or “full”")), EXIT_USAGE;
  if (timeout < 0 || max_size < 0)
    return _gloss_cli_usage_error ("clip", _("--timeout and --max-size take a positive number")), EXIT_USAGE;

  library = _gloss_cli_open_library (library_opt);
  fetcher = make_fetcher (timeout, max_size);
  stderr_is_terminal = isatty (STDERR_FILENO);
  for (guint i = 0; locations[i] != NULL; i++)
    {
      GlossCliWaiter waiter = { g_main_loop_new (NULL, FALSE), NULL };
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GlossClipResult) clip = NULL;
      g_autoptr(GError) error = NULL;

      gloss_clip_rendered_async (fetcher, library, locations[i], mode,
                                 render ? GLOSS_RENDER_ALWAYS : GLOSS_RENDER_IF_NEEDED,
                                 (guint) MIN (timeout, GLOSS_RENDER_DEFAULT_TIMEOUT),
                                 show_progress, locations[i], NULL, _gloss_cli_on_done, &waiter);
      result = _gloss_cli_wait_for (&waiter);
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
      if (!json)
        report_missing (clip);
      report_notes (clip);
    }
  if (json)
    {
      g_autoptr(JsonNode) root = json_node_init_array (json_node_alloc (), results);
      _gloss_cli_print_json (root);
    }
  return status;
}

void
_gloss_cli_add_string_member (JsonBuilder *builder,
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
  _gloss_cli_add_string_member (builder, "url", page->url);
  _gloss_cli_add_string_member (builder, "title", meta->title);
  _gloss_cli_add_string_member (builder, "byline", meta->byline);
  _gloss_cli_add_string_member (builder, "site_name", meta->site_name);
  _gloss_cli_add_string_member (builder, "published", meta->published);
  _gloss_cli_add_string_member (builder, "language", meta->language);
  _gloss_cli_add_string_member (builder, "description", meta->description);
  _gloss_cli_add_string_member (builder, "lead_image", meta->lead_image);
  _gloss_cli_add_string_member (builder, "canonical_url", meta->canonical_url);
  _gloss_cli_add_string_member (builder, "html", html);
  _gloss_cli_add_string_member (builder, "text", text);
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
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Give up on the page after this many seconds (default 15)"), "SECONDS" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &locations, NULL, N_("URL|FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _gloss_cli_context_new ("extract");
  g_autoptr(GlossFetcher) fetcher = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GlossPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *text = NULL;
  GlossClipMode mode = GLOSS_CLIP_MODE_READER;
  GlossCliWaiter waiter;

  g_set_prgname ("extract");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_gloss_cli_parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (locations == NULL || locations[0] == NULL || locations[1] != NULL)
    return _gloss_cli_usage_error ("extract", _("give one URL or file")), EXIT_USAGE;
  if (format == NULL)
    format = g_strdup ("text");
  if (!g_str_equal (format, "text") && !g_str_equal (format, "html") && !g_str_equal (format, "json"))
    return _gloss_cli_usage_error ("extract", _("--format is “text”, “html” or “json”")), EXIT_USAGE;
  if (mode_name != NULL && !gloss_clip_mode_from_string (mode_name, &mode))
    return _gloss_cli_usage_error ("extract", _("--mode is “reader” or “full”")), EXIT_USAGE;

  fetcher = make_fetcher (timeout, 0);
  waiter = (GlossCliWaiter) { g_main_loop_new (NULL, FALSE), NULL };
  gloss_page_load_async (fetcher, locations[0], base_url, mode, GLOSS_PAGE_LOAD_NONE, NULL, NULL,
                         NULL, _gloss_cli_on_done, &waiter);
  result = _gloss_cli_wait_for (&waiter);
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
      _gloss_cli_print_json (root);
    }
  return EXIT_SUCCESS;
}

static GlossArticle *
open_article (GlossLibrary *library,
              const char   *article)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GlossArticle *opened;

  if ((path = gloss_library_find_archive (library, article, &error)) == NULL ||
      (opened = gloss_library_open_article (path, &error)) == NULL)
    {
      g_printerr ("gloss: %s\n", error->message);
      return NULL;
    }
  return opened;
}

static int
save_sidecar (GlossArticle *article)
{
  g_autoptr(GError) error = NULL;

  gloss_article_describe_archive (article);
  if (!gloss_sidecar_save (article->sidecar, &error))
    {
      g_printerr ("gloss: %s\n", error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}

static GlossAnnotation *
annotation_for_quote (GlossArticle *article,
                      const char   *quote)
{
  GlossAnnotation *annotation;
  gint64 start, end;
  guint count = gloss_anchor_find_quote (article->text, quote, &start, &end);

  if (count == 0)
    {
      g_autofree char *echo = echo_quote (quote);
      g_printerr (_("gloss: “%s” is not in the article %s\n"), echo, article->info->id);
      return NULL;
    }
  if (count > 1)
    {
      g_autofree char *echo = echo_quote (quote);
      g_printerr (_("gloss: “%s” occurs %u times in the article %s; quote more of it so that "
                    "it is unique\n"), echo, count, article->info->id);
      return NULL;
    }
  annotation = gloss_annotation_new ();
  g_clear_pointer (&annotation->prefix, g_free);
  g_clear_pointer (&annotation->suffix, g_free);
  gloss_anchor_describe (article->text, start, end, &annotation->exact, &annotation->prefix,
                         &annotation->suffix);
  annotation->start = start;
  annotation->end = end;
  gloss_annotation_set_source_date (annotation, article->info->saved);
  return annotation;
}

static int
run_annotate (int    argc,
              char **argv)
{
  g_autofree char *library_opt = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *note = NULL;
  g_autofree char *color = NULL;
  g_auto(GStrv) articles = NULL;
  GOptionEntry entries[] = {
    { "quote", 'q', 0, G_OPTION_ARG_STRING, &quote, N_("The passage to highlight, as it reads in the article"), "TEXT" },
    { "note", 'n', 0, G_OPTION_ARG_STRING, &note, N_("A note on it (Markdown)"), "TEXT" },
    { "color", 'c', 0, G_OPTION_ARG_STRING, &color, N_("yellow (default), green, blue, pink or purple"), "COLOR" },
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, &library_opt, N_("Library folder"), "DIR" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &articles, NULL, N_("ARTICLE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _gloss_cli_context_new ("annotate");
  g_autoptr(GlossLibrary) library = NULL;
  g_autoptr(GlossArticle) article = NULL;
  GlossAnnotation *annotation;

  g_set_prgname ("annotate");
  g_option_context_set_description (context, _("ARTICLE is an id, an archive path or the URL it was clipped from."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_gloss_cli_parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (articles == NULL || articles[0] == NULL || articles[1] != NULL)
    return _gloss_cli_usage_error ("annotate", _("give one article")), EXIT_USAGE;
  if (quote == NULL || *g_strstrip (quote) == '\0')
    return _gloss_cli_usage_error ("annotate", _("--quote is required")), EXIT_USAGE;
  if (color != NULL && !gloss_annotation_is_color (color))
    return _gloss_cli_usage_error ("annotate", _("--color is yellow, green, blue, pink or purple")), EXIT_USAGE;

  library = _gloss_cli_open_library (library_opt);
  if ((article = open_article (library, articles[0])) == NULL)
    return EXIT_FAILURE;
  if ((annotation = annotation_for_quote (article, quote)) == NULL)
    return EXIT_FAILURE;
  if (color != NULL)
    {
      g_free (annotation->color);
      annotation->color = g_strdup (color);
    }
  if (note != NULL && *note)
    annotation->note = g_strdup (note);
  gloss_sidecar_add (article->sidecar, annotation);
  if (save_sidecar (article) != EXIT_SUCCESS)
    return EXIT_FAILURE;
  g_print ("%s\n", annotation->id);
  return EXIT_SUCCESS;
}

/* Adds (+TAG) or removes (-TAG) one tag; FALSE when @change is neither. */
static gboolean
change_tag (GlossSidecar *sidecar,
            const char   *change)
{
  g_autofree char *tag = g_strstrip (g_strdup (change + 1));
  guint index;
  gboolean present;

  if ((change[0] != '+' && change[0] != '-') || *tag == '\0')
    return FALSE;
  present = g_ptr_array_find_with_equal_func (sidecar->tags, tag, g_str_equal, &index);
  if (change[0] == '+' && !present)
    g_ptr_array_add (sidecar->tags, g_steal_pointer (&tag));
  else if (change[0] == '-' && present)
    g_ptr_array_remove_index (sidecar->tags, index);
  return TRUE;
}

static int
run_tag (int    argc,
         char **argv)
{
  g_autofree char *library_opt = NULL;
  GOptionEntry entries[] = {
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &library_opt, N_("Library folder"), "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _gloss_cli_context_new ("tag");
  g_autoptr(GlossLibrary) library = NULL;
  g_autoptr(GlossArticle) article = NULL;
  GlossSidecar *sidecar;

  g_set_prgname ("tag");
  g_option_context_set_description (context, _("ARTICLE is an id, an archive path or the URL it was clipped from."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* -TAG is no option. */
  g_option_context_set_ignore_unknown_options (context, TRUE);
  if (!_gloss_cli_parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 3)
    return _gloss_cli_usage_error ("tag", _("give one article, then +TAG or -TAG")), EXIT_USAGE;
  library = _gloss_cli_open_library (library_opt);
  if ((article = open_article (library, argv[1])) == NULL)
    return EXIT_FAILURE;
  sidecar = article->sidecar;
  for (int i = 2; i < argc; i++)
    if (!change_tag (sidecar, argv[i]))
      return _gloss_cli_usage_error ("tag", _("each tag is given as +TAG or -TAG")), EXIT_USAGE;
  if (save_sidecar (article) != EXIT_SUCCESS)
    return EXIT_FAILURE;
  for (guint i = 0; i < sidecar->tags->len && sidecar->tags->pdata[i] != NULL; i++)
    g_print ("%s\n", (char *) sidecar->tags->pdata[i]);
  return EXIT_SUCCESS;
}

typedef struct
{
  GlossExportFormat  format;
  char              *template_text;
  gboolean           force;
} ExportOptions;

static gboolean
write_output (GlossLibrary         *library,
              const char           *path,
              const char           *text,
              const ExportOptions  *options,
              GError              **error)
{
  if (path == NULL)
    {
      g_print ("%s", text);
      return TRUE;
    }
  if (gloss_library_contains (library, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Did not write %s: it is inside the library; choose a file outside it"), path);
      return FALSE;
    }
  return gloss_export_save (path, text, options->force, error);
}

static int
export_one (const char          *library_opt,
            const char          *name,
            const char          *output,
            const ExportOptions *options)
{
  g_autoptr(GlossLibrary) library = _gloss_cli_open_library (library_opt);
  g_autoptr(GlossArticle) article = open_article (library, name);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (article == NULL)
    return EXIT_FAILURE;
  /* In memory only: exporting never rewrites the sidecar. */
  gloss_article_reanchor (article, NULL, NULL);
  if ((text = gloss_article_export (article, options->format, options->template_text,
                                    &error)) == NULL ||
      !write_output (library, output, text, options, &error))
    {
      g_printerr ("gloss: %s\n", error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        g_printerr (_("Choose another file, or add --force to replace it.\n"));
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}

static int
export_all (const char          *library_opt,
            const char          *output,
            const ExportOptions *options)
{
  g_autoptr(GlossLibrary) library = _gloss_cli_open_library (library_opt);
  g_autoptr(GlossLibraryExport) report = NULL;
  g_autoptr(GError) error = NULL;
  GlossCliWaiter waiter = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GAsyncResult) result = NULL;

  gloss_library_export_all_async (library, output, options->format, options->template_text,
                                  options->force, NULL, NULL, NULL, _gloss_cli_on_done, &waiter);
  result = _gloss_cli_wait_for (&waiter);
  if ((report = gloss_library_export_all_finish (library, result, &error)) == NULL)
    {
      g_printerr ("gloss: %s\n", error->message);
      return EXIT_FAILURE;
    }
  for (guint i = 0; i < report->written->len; i++)
    g_print ("%s\n", (const char *) report->written->pdata[i]);
  for (guint i = 0; i < report->failed->len; i++)
    g_printerr ("gloss: %s\n", ((GError *) report->failed->pdata[i])->message);
  return report->failed->len > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

static int
run_export (int    argc,
            char **argv)
{
  g_autofree char *library_opt = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *template_file = NULL;
  g_auto(GStrv) articles = NULL;
  gboolean all = FALSE;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Every article with notes, one file each, into the --output folder; with a service’s format, every article into one file"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("markdown (default) or json (W3C Web Annotations); with --all also wallabag, netscape (bookmarks) or csv (Raindrop’s)"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to this file (with --all: this folder) instead of printing"), "PATH" },
    { "template", 't', 0, G_OPTION_ARG_FILENAME, &template_file, N_("Lay out the Markdown with this template"), "FILE" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing file even if Gloss did not export it"), NULL },
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, &library_opt, N_("Library folder"), "DIR" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &articles, NULL, N_("ARTICLE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _gloss_cli_context_new ("export");
  g_autofree char *template_text = NULL;
  ExportOptions options = { GLOSS_EXPORT_FORMAT_MARKDOWN, NULL, FALSE };

  g_set_prgname ("export");
  g_option_context_set_description (context, _("ARTICLE is an id, an archive path or the URL it was clipped from."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_gloss_cli_parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (all == (articles != NULL && articles[0] != NULL) || (articles != NULL && articles[0] && articles[1]))
    return _gloss_cli_usage_error ("export", _("give one article, or --all")), EXIT_USAGE;
  if (all && _gloss_cli_is_service_format (format))
    return _gloss_cli_export_for_service (library_opt, format, output, force);
  if (format != NULL && !g_str_equal (format, "markdown") && !g_str_equal (format, "json"))
    return _gloss_cli_usage_error ("export", _("--format is “markdown” or “json”, or with --all "
                                               "“wallabag”, “netscape” or “csv”")), EXIT_USAGE;
  if (all && output == NULL)
    return _gloss_cli_usage_error ("export", _("--all needs --output FOLDER")), EXIT_USAGE;
  if (template_file != NULL)
    {
      g_autoptr(GError) error = NULL;
      if (!g_file_get_contents (template_file, &template_text, NULL, &error))
        {
          g_printerr ("gloss: %s\n", error->message);
          return EXIT_FAILURE;
        }
    }
  if (g_strcmp0 (format, "json") == 0)
    options.format = GLOSS_EXPORT_FORMAT_JSON;
  options.template_text = template_text;
  options.force = force;
  if (all)
    return export_all (library_opt, output, &options);
  return export_one (library_opt, articles[0], output, &options);
}
