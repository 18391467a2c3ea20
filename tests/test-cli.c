/* test-cli.c — `gloss clip` and `gloss extract` as a user runs them, no display
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "gloss-test-utils.h"

typedef struct
{
  GlossTestServer *server;
  char            *library;
  char            *out;
  char            *err;
  int              status;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = gloss_test_server_new ();
  f->library = gloss_test_library_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gloss_test_server_free (f->server);
  gloss_test_library_free (f->library);
  g_free (f->out);
  g_free (f->err);
}

/* Runs gloss with @args (NULL-terminated) while the server keeps serving. */
static void
run_gloss (Fixture    *f,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list list;

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  va_start (list, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (list, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (list);
  g_ptr_array_add (args, NULL);
  f->status = gloss_test_run_gloss (f->library, (const char * const *) args->pdata, &f->out, &f->err);
}

static guint
count_lines (const char *text)
{
  guint lines = 0;

  for (const char *p = text; *p; p++)
    lines += *p == '\n';
  return lines;
}

static void
test_clip_prints_path (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/seed.html");
  g_autofree char *path = NULL;
  g_autofree char *archive = NULL;

  run_gloss (f, "clip", url, NULL);
  g_assert_cmpint (f->status, ==, 0);
  path = g_strstrip (g_strdup (f->out));
  g_assert_true (g_str_has_prefix (path, f->library));
  g_assert_true (g_file_get_contents (path, &archive, NULL, NULL));
  g_assert_nonnull (strstr (archive, "Alibaba is planning to build a data center in Silicon Valley"));
  g_assert_cmpstr (f->err, ==, "");  /* no progress line when stderr is not a terminal */
}

static void
test_clip_json (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/missing-image.html");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *clip;
  JsonArray *missing;

  run_gloss (f, "clip", "--json", "--library", f->library, url, NULL);
  g_assert_cmpint (f->status, ==, 0);
  json_parser_load_from_data (parser, f->out, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, 1);
  clip = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_cmpstr (json_object_get_string_member (clip, "title"), ==, "Where the River Meets the Sea");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (clip, "id"),
                                   "where-the-river-meets-the-sea-"));
  g_assert_true (g_file_test (json_object_get_string_member (clip, "path"), G_FILE_TEST_IS_REGULAR));
  missing = json_object_get_array_member (clip, "missing");
  g_assert_cmpuint (json_array_get_length (missing), ==, 1);
  g_assert_true (g_str_has_suffix (json_array_get_string_element (missing, 0), "/does-not-exist.png"));
}

static JsonObject *
first_clip (JsonParser *parser,
            const char *out)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
}

/* --timeout is the whole clip's: stalled pictures are left out, the
 * archive is saved, and the report says which and why. */
static void
test_clip_deadline (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GString) page = g_string_new ("<html><body><article><h1>Stalled</h1>");
  g_autofree char *url = gloss_test_server_url (f->server, "/stalled.html");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *left_out;
  JsonObject *clip;
  gint64 start;

  for (guint i = 0; i < 12; i++)
    g_string_append_printf (page, "<p>Paragraph %u waits for a picture that never comes, and "
                                  "says so at length.</p><img src=\"/stalled/%u.png\">", i, i);
  g_string_append (page, "</article></body></html>");
  gloss_test_server_set_page (f->server, "/stalled.html", page->str);

  start = g_get_monotonic_time ();
  run_gloss (f, "clip", "--timeout", "2", "--json", url, NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 12 * G_USEC_PER_SEC);
  g_assert_cmpint (f->status, ==, 0);
  clip = first_clip (parser, f->out);
  g_assert_true (json_object_get_boolean_member (clip, "timed_out"));
  left_out = json_object_get_array_member (clip, "left_out");
  g_assert_cmpuint (json_array_get_length (left_out), ==, 12);
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (left_out, 0),
                                                           "reason"), "timed out"));

  run_gloss (f, "clip", "--timeout", "2", url, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->err, "saved without 12 resources"));
  g_assert_nonnull (strstr (f->err, "timed out"));
  g_assert_nonnull (strstr (f->err, "and 2 more"));
}

static void
test_clip_max_size (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/plates.html");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *archive = NULL;
  JsonObject *clip;

  gloss_test_server_set_page (f->server, "/plates.html",
                              "<html><body><article><h1>Plates</h1><p>Two plates of the harbour, "
                              "drawn by hand, with a caption long enough to read.</p>"
                              "<img src=\"/generated/600000/a.png\">"
                              "<img src=\"/generated/600000/b.png\"></article></body></html>");
  run_gloss (f, "clip", "--max-size", "1", "--json", url, NULL);
  g_assert_cmpint (f->status, ==, 0);
  clip = first_clip (parser, f->out);
  g_assert_cmpint (json_object_get_int_member (clip, "size"), <=, 1000 * 1000);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (clip, "left_out")), ==, 1);
  g_assert_true (g_file_get_contents (json_object_get_string_member (clip, "path"), &archive,
                                      NULL, NULL));
  g_assert_nonnull (strstr (archive, "data:image/png;base64,"));
  g_assert_false (json_object_get_boolean_member (clip, "timed_out"));
}

/* A page with no text is no archive: exit 1, naming the page. */
static void
test_clip_no_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) deep = g_string_new ("<html><body>");
  g_autofree char *blank = gloss_test_server_url (f->server, "/blank.html");
  g_autofree char *deep_url = gloss_test_server_url (f->server, "/deep.html");

  gloss_test_server_set_page (f->server, "/blank.html", "<html><body><div></div></body></html>");
  run_gloss (f, "clip", "--mode", "full", blank, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, blank));
  g_assert_nonnull (strstr (f->err, "no text"));

  for (guint i = 0; i < 5000; i++)
    g_string_append (deep, "<div>");
  g_string_append (deep, "<p>Still here, five thousand levels down, with enough words to read "
                         "as an article paragraph.</p></body></html>");
  gloss_test_server_set_page (f->server, "/deep.html", deep->str);
  run_gloss (f, "clip", "--mode", "full", deep_url, NULL);
  g_assert_cmpint (f->status, ==, 0);
  run_gloss (f, "clip", deep_url, NULL);
  g_assert_cmpint (f->status, ==, 0);
}

static void
test_clip_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *not_found = gloss_test_server_url (f->server, "/status/404");
  g_autofree char *big = gloss_test_server_url (f->server, "/big");
  g_autofree char *slow = gloss_test_server_url (f->server, "/slow");
  g_autofree char *pdf = gloss_test_server_url (f->server, "/document.pdf");
  g_autoptr(GDir) dir = NULL;

  run_gloss (f, "clip", not_found, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_cmpuint (count_lines (f->err), ==, 1);
  g_assert_nonnull (strstr (f->err, not_found));
  g_assert_nonnull (strstr (f->err, "404"));
  g_assert_cmpstr (f->out, ==, "");

  run_gloss (f, "clip", big, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "larger than"));

  run_gloss (f, "clip", "--timeout", "1", slow, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "did not answer"));

  run_gloss (f, "clip", pdf, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "not a web page"));

  run_gloss (f, "clip", "not a url", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "not a url"));

  dir = g_dir_open (f->library, 0, NULL);
  g_assert_null (dir ? g_dir_read_name (dir) : NULL);
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  run_gloss (f, "clip", NULL);
  g_assert_cmpint (f->status, ==, 2);
  run_gloss (f, "clip", "--mode", "sideways", "https://example.com/", NULL);
  g_assert_cmpint (f->status, ==, 2);
  g_assert_nonnull (strstr (f->err, "--mode"));
  run_gloss (f, "clip", "--no-such-option", "https://example.com/", NULL);
  g_assert_cmpint (f->status, ==, 2);
  run_gloss (f, "extract", "--format", "pdf", "https://example.com/", NULL);
  g_assert_cmpint (f->status, ==, 2);

  run_gloss (f, "clip", "--help", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->out, "--mode"));
}

/* `gloss --help` names every command, `gloss help COMMAND` gives its
 * options, `gloss --version` the version; none needs a display. */
static void
test_help_and_version (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const commands[] = {
    "clip", "extract", "annotate", "export", "tag", "list", "search", "highlights", "import",
    "reindex",
  };
  g_autofree char *version = g_strdup_printf ("gloss %s\n", PACKAGE_VERSION);

  run_gloss (f, "--help", NULL);
  g_assert_cmpint (f->status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n  %-11s ", commands[i]);

      g_assert_nonnull (strstr (f->out, line));
    }
  g_assert_nonnull (strstr (f->out, "gloss help COMMAND"));
  g_assert_cmpstr (f->err, ==, "");

  run_gloss (f, "help", "search", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->out, "QUERY"));
  g_assert_nonnull (strstr (f->out, "--tag"));
  run_gloss (f, "help", "nonesuch", NULL);
  g_assert_cmpint (f->status, ==, 2);
  g_assert_nonnull (strstr (f->err, "“nonesuch” is not a command"));
  run_gloss (f, "help", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->out, "reindex"));

  run_gloss (f, "--version", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->out, ==, version);
  g_assert_cmpstr (f->err, ==, "");
}

/* In the user's language: the commands listed in German and in Chinese,
 * an error too. */
static void
test_speaks_the_language (Fixture       *f,
                          gconstpointer  data)
{
  static const struct { const char *language, *commands, *no_library; } languages[] = {
    { "de", "Befehle, die kein Fenster benötigen:", "gibt es keine Bibliothek" },
    { "zh_CN", "命令（无需窗口）：", "没有资料库" },
  };
  g_autofree char *lang = g_strdup (g_getenv ("LANG"));

  g_setenv ("LANG", "C.UTF-8", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_setenv ("LANGUAGE", languages[i].language, TRUE);
      run_gloss (f, "--help", NULL);
      g_assert_cmpint (f->status, ==, 0);
      g_assert_nonnull (strstr (f->out, languages[i].commands));
      g_assert_null (strstr (f->out, "Commands, which need no window"));
      /* What users type stays as it is. */
      g_assert_nonnull (strstr (f->out, "\n  reindex "));
      run_gloss (f, "list", "--library", "/nonexistent/gloss-library", NULL);
      g_assert_cmpint (f->status, ==, 1);
      g_assert_nonnull (strstr (f->err, languages[i].no_library));
    }
  g_setenv ("LANGUAGE", "en", TRUE);
  if (lang != NULL)
    g_setenv ("LANG", lang, TRUE);
  else
    g_unsetenv ("LANG");
}

static void
test_extract (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/seed.html");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *page;

  run_gloss (f, "extract", url, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->out, "As promised, the biggest Internet company in China"));
  /* Block elements on lines of their own. */
  g_assert_nonnull (strstr (f->out, "data-first.\n"));
  g_assert_null (strstr (f->out, "<p>"));

  run_gloss (f, "extract", "--format", "json", url, NULL);
  g_assert_cmpint (f->status, ==, 0);
  json_parser_load_from_data (parser, f->out, -1, &error);
  g_assert_no_error (error);
  page = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (page, "title"), ==,
                   "Alibaba’s First Foot On U.S. Soil Is A Data Center In Silicon Valley");
  g_assert_cmpstr (json_object_get_string_member (page, "byline"), ==, "John Paul Titlow");
  g_assert_cmpstr (json_object_get_string_member (page, "published"), ==, "2015-03-02T10:00:00-05:00");
  g_assert_cmpstr (json_object_get_string_member (page, "site_name"), ==, "Fast Company");
  g_assert_nonnull (strstr (json_object_get_string_member (page, "html"), "<p>"));
  g_assert_nonnull (strstr (json_object_get_string_member (page, "text"), "Alibaba is planning"));
}

static void
test_extract_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = gloss_test_site_path ("charset-gbk.html");

  run_gloss (f, "extract", "--format", "html", "--base-url", "https://news.example.cn/a/1.html",
             path, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_true (g_utf8_validate (f->out, -1, NULL));
  g_assert_cmpuint (gloss_test_server_total_hits (f->server), ==, 0);

  run_gloss (f, "extract", "/nonexistent/page.html", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "/nonexistent/page.html"));
}

/* Clips the seed page; returns the archive's id. */
/* A re-clip of a changed page says, on stderr and in --json, where the
 * previous version was kept; a highlight made with `gloss annotate` records
 * the version it was made on. */
static void
test_reclip_keeps_version (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/river.html");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL, *sidecar_path = NULL, *sidecar = NULL;
  JsonObject *clip;
  const char *kept;

  gloss_test_server_set_page (f->server, "/river.html",
    "<html><head><title>The River</title></head><body><article><h1>The River</h1>"
    "<p>The river floods the lower town every spring, and every spring the town rebuilds.</p>"
    "</article></body></html>");
  run_gloss (f, "clip", url, NULL);
  g_assert_cmpint (f->status, ==, 0);
  path = g_strstrip (g_strdup (f->out));
  run_gloss (f, "annotate", path, "--quote", "every spring the town rebuilds", NULL);
  g_assert_cmpint (f->status, ==, 0);
  sidecar_path = gloss_library_sidecar_path (path);
  g_assert_true (g_file_get_contents (sidecar_path, &sidecar, NULL, NULL));
  g_assert_nonnull (strstr (sidecar, "\"type\" : \"TimeState\""));
  g_assert_nonnull (strstr (sidecar, "\"sourceDate\" : \""));

  gloss_test_wait_next_second ();
  gloss_test_server_set_page (f->server, "/river.html",
    "<html><head><title>The River</title></head><body><article><h1>The River</h1>"
    "<p>The new levee has kept the lower town dry for three springs running.</p>"
    "</article></body></html>");
  run_gloss (f, "clip", url, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->err, "the previous version was kept as "));
  g_assert_nonnull (strstr (f->err, ".versions/"));

  gloss_test_wait_next_second ();
  gloss_test_server_set_page (f->server, "/river.html",
    "<html><head><title>The River</title></head><body><article><h1>The River</h1>"
    "<p>The levee held again this year.</p></article></body></html>");
  run_gloss (f, "clip", "--json", url, NULL);
  g_assert_cmpint (f->status, ==, 0);
  json_parser_load_from_data (parser, f->out, -1, &error);
  g_assert_no_error (error);
  clip = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_true (json_object_get_boolean_member (clip, "replaced"));
  kept = json_object_get_string_member (clip, "previous_version");
  g_assert_nonnull (kept);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (json_object_get_int_member (clip, "orphaned"), ==, 1);

  /* Clipped again unchanged: nothing kept, and null says so. */
  run_gloss (f, "clip", "--json", url, NULL);
  g_assert_cmpint (f->status, ==, 0);
  json_parser_load_from_data (parser, f->out, -1, &error);
  g_assert_no_error (error);
  clip = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (clip, "previous_version")));
}

static char *
clip_seed (Fixture *f)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/seed.html");
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;

  run_gloss (f, "clip", url, NULL);
  g_assert_cmpint (f->status, ==, 0);
  path = g_strstrip (g_strdup (f->out));
  base = g_path_get_basename (path);
  return g_strndup (base, strlen (base) - strlen (".html"));
}

static void
test_annotate_and_export (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id = clip_seed (f);
  g_autofree char *url = gloss_test_server_url (f->server, "/seed.html");
  g_autofree char *home = gloss_test_make_temp_dir ();
  g_autofree char *vault = g_build_filename (home, "vault", NULL);
  g_autofree char *inside = g_build_filename (f->library, "vault", NULL);
  g_autofree char *exported = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *first, *second, *third;

  /* Out of document order on purpose; by id, by URL. */
  run_gloss (f, "annotate", id, "--quote", "it’s an open question whether the company can win "
             "over more foreign clients", "--color", "pink", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_true (g_str_has_prefix (f->out, "urn:uuid:"));
  run_gloss (f, "annotate", url, "--quote", "Alibaba is   entering the U.S.\ndata-first", NULL);
  g_assert_cmpint (f->status, ==, 0);
  run_gloss (f, "annotate", id, "--quote", "the company’s answer to Amazon Web Services",
             "--color", "green", "--note", "The real story: *cloud*, not shopping.", NULL);
  g_assert_cmpint (f->status, ==, 0);

  run_gloss (f, "export", id, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_true (g_str_has_prefix (f->out, "---\n"));
  g_assert_nonnull (strstr (f->out, "author: \"John Paul Titlow\""));
  first = strstr (f->out, "> Alibaba is entering the U.S. data-first");
  second = strstr (f->out, "> the company’s answer to Amazon Web Services");
  third = strstr (f->out, "> it’s an open question");
  g_assert_true (first != NULL && second != NULL && third != NULL);
  g_assert_true (first < second && second < third);
  g_assert_nonnull (strstr (second, "The real story: *cloud*, not shopping."));
  g_assert_nonnull (strstr (f->out, "gloss://open/"));

  run_gloss (f, "export", "--format", "json", id, NULL);
  g_assert_cmpint (f->status, ==, 0);
  json_parser_load_from_data (parser, f->out, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, 3);

  /* Never into the library itself */
  run_gloss (f, "export", "--all", "--output", inside, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "inside the library"));
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));

  run_gloss (f, "export", "--all", "--output", vault, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_true (g_str_has_suffix (g_strstrip (f->out),
                                   "vault/alibabas-first-foot-on-u-s-soil-is-a-data-center-in-silicon.md"));
  g_assert_true (g_file_get_contents (f->out, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, "> the company’s answer to Amazon Web Services"));
  gloss_test_remove_tree (home);
}

static void
test_annotate_errors (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = clip_seed (f);
  g_autofree char *sidecar = NULL;
  g_autofree char *kept = NULL;
  const char *broken = "{ \"gloss\": 1, \"annotations\": [ {";

  run_gloss (f, "annotate", id, "--quote", "Alibaba", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "times"));
  run_gloss (f, "annotate", id, "--quote", "words that are not in the article", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "not in the article"));
  run_gloss (f, "annotate", "no-such-article", "--quote", "x", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "no-such-article"));
  run_gloss (f, "annotate", id, "--quote", "data-first", "--color", "mauve", NULL);
  g_assert_cmpint (f->status, ==, 2);
  run_gloss (f, "annotate", id, NULL);
  g_assert_cmpint (f->status, ==, 2);

  /* A sidecar that does not parse is kept, and nothing is written. */
  sidecar = g_strdup_printf ("%s/%s.notes.json", f->library, id);
  g_assert_true (g_file_set_contents (sidecar, broken, -1, NULL));
  run_gloss (f, "annotate", id, "--quote", "Alibaba is entering the U.S. data-first", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, ".corrupt-"));
  g_assert_false (g_file_test (sidecar, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GDir) dir = g_dir_open (f->library, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (dir)) != NULL)
      if (strstr (name, ".corrupt-") != NULL)
        {
          g_autofree char *path = g_build_filename (f->library, name, NULL);
          g_assert_true (g_file_get_contents (path, &kept, NULL, NULL));
        }
  }
  g_assert_cmpstr (kept, ==, broken);
}

/* The library through its index: search, list, reindex */

static JsonArray *
parse_array (Fixture    *f,
             JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, f->out, -1, &error);
  g_assert_no_error (error);
  return json_node_get_array (json_parser_get_root (parser));
}

static void
test_search_and_list (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = clip_seed (f);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *found;
  JsonObject *first;

  run_gloss (f, "annotate", id, "--quote", "the company’s answer to Amazon Web Services",
             "--color", "green", "--note", "Costs matter more than features", NULL);
  g_assert_cmpint (f->status, ==, 0);

  run_gloss (f, "search", "alibaba", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_true (g_str_has_prefix (f->out, id));
  g_assert_nonnull (strstr (f->out, "[Alibaba"));

  /* A word only in the note, as JSON. */
  run_gloss (f, "search", "--json", "costs", NULL);
  g_assert_cmpint (f->status, ==, 0);
  found = parse_array (f, parser);
  g_assert_cmpuint (json_array_get_length (found), ==, 1);
  first = json_array_get_object_element (found, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, id);
  g_assert_nonnull (strstr (json_object_get_string_member (first, "snippet"), "[Costs]"));

  run_gloss (f, "search", "color:green", "has:notes", NULL);
  g_assert_true (g_str_has_prefix (f->out, id));
  run_gloss (f, "search", "color:pink", NULL);
  g_assert_cmpstr (f->out, ==, "");

  /* The notebook */
  run_gloss (f, "highlights", "--color", "green", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_true (g_str_has_prefix (f->out, "“the company’s answer to Amazon Web Services” (green)\n"
                                           "  Costs matter more than features\n"));
  g_assert_nonnull (strstr (f->out, "gloss://open/"));
  run_gloss (f, "highlights", "--json", "features", NULL);
  found = parse_array (f, parser);
  g_assert_cmpuint (json_array_get_length (found), ==, 1);
  run_gloss (f, "highlights", "--color", "orange", NULL);
  g_assert_cmpint (f->status, ==, 2);

  /* Tags */
  run_gloss (f, "tag", id, "+cloud", "+draft", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->out, ==, "cloud\ndraft\n");
  run_gloss (f, "tag", id, "-draft", NULL);
  g_assert_cmpstr (f->out, ==, "cloud\n");
  run_gloss (f, "search", "tag:cloud", NULL);
  g_assert_true (g_str_has_prefix (f->out, id));
  run_gloss (f, "tag", id, "cloud", NULL);
  g_assert_cmpint (f->status, ==, 2);

  run_gloss (f, "list", "--json", NULL);
  g_assert_cmpint (f->status, ==, 0);
  found = parse_array (f, parser);
  g_assert_cmpuint (json_array_get_length (found), ==, 1);
  first = json_array_get_object_element (found, 0);
  g_assert_cmpint (json_object_get_int_member (first, "highlights"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (first, "notes"), ==, 1);
}

static void
test_search_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = clip_seed (f);
  g_autofree char *db = g_build_filename (f->library, ".gloss", "index.db", NULL);
  g_autoptr(GError) error = NULL;

  run_gloss (f, "search", "\"data center", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "a quotation mark opens a phrase that does not end"));
  run_gloss (f, "search", NULL);
  g_assert_cmpint (f->status, ==, 2);
  run_gloss (f, "list", "--sort", "size", NULL);
  g_assert_cmpint (f->status, ==, 2);

  /* An index made of garbage is made again. */
  g_assert_true (g_file_set_contents (db, "not a database", -1, &error));
  run_gloss (f, "reindex", NULL);
  g_assert_cmpint (f->status, ==, 0);
  run_gloss (f, "search", "\"data center\"", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_true (g_str_has_prefix (f->out, id));
}

static char *
import_fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

/* `gloss import`: what it read, what it left out and where (the physical
 * line, a quoted field spanning lines), what it did; usage errors. */
static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *raindrop = import_fixture ("raindrop.csv");
  g_autofree char *wallabag = import_fixture ("wallabag.json");
  g_autofree char *random_json = import_fixture ("random.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *result;

  run_gloss (f, "import", "--dry-run", raindrop, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->out, "raindrop.csv: Raindrop, 5 articles with 3 highlights"));
  g_assert_nonnull (strstr (f->out, "raindrop.csv:10: left out: “http://[not-an-ipv6/path” is "
                                    "not a web address"));
  g_assert_nonnull (strstr (f->out, "raindrop.csv:11: The date"));
  g_assert_nonnull (strstr (f->out, "Would add 0 articles from the exports’ text\n"));
  g_assert_nonnull (strstr (f->out, "Would clip 5 web addresses\n"));
  g_assert_nonnull (strstr (f->out, "Would bring 3 highlights\n"));

  run_gloss (f, "import", "--json", wallabag, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, f->out, -1, NULL));
  result = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (result, "added"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (result, "highlights"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (result, "orphaned"), ==, 0);
  run_gloss (f, "list", NULL);
  g_assert_cmpuint (count_lines (f->out), ==, 3);

  run_gloss (f, "import", random_json, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "random.json"));
  g_assert_nonnull (strstr (f->err, "not a Wallabag export"));
  run_gloss (f, "import", "--dry-run", NULL);
  g_assert_cmpint (f->status, ==, 2);
  run_gloss (f, "import", "/nonexistent/export.csv", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "/nonexistent/export.csv"));
}

static guint
count_in (const char *dir,
          const char *suffix)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    n += g_str_has_suffix (name, suffix);
  return n;
}

static gboolean
one_clipped (gpointer library)
{
  return count_in (library, ".html") >= 1;
}

typedef struct
{
  char     *err;
  int       status;
  gboolean  done;
} Interrupted;

static void
on_interrupted_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Interrupted *run = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, NULL, &run->err, NULL);
  run->status = g_subprocess_get_if_exited (G_SUBPROCESS (source))
                ? g_subprocess_get_exit_status (G_SUBPROCESS (source))
                : 128 + g_subprocess_get_term_sig (G_SUBPROCESS (source));
  run->done = TRUE;
}

/* Ctrl+C in `gloss import`: it stops, says the rest stays queued, and the
 * next `gloss import` clips the rest. */
static void
test_import_interrupted (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *exports = gloss_test_make_temp_dir ();
  g_autofree char *csv_path = g_build_filename (exports, "pocket.csv", NULL);
  g_autofree char *queue = g_build_filename (f->library, ".gloss", "queue", NULL);
  g_autoptr(GSubprocessLauncher) launcher = gloss_test_gloss_launcher (f->library);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  GString *csv = g_string_new ("title,url,time_added,tags,status\n");
  Interrupted run = { 0 };
  guint left;

  /* One site, five pages: a second apart, for the politeness of it. */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *page = g_strdup_printf ("/delayed/page-%u.html", i);
      g_autofree char *html = g_strdup_printf ("<!doctype html><title>Page %u</title><article>"
                                               "<h1>Page %u</h1><p>The text of page %u, long "
                                               "enough to be an article of its own, and then "
                                               "some more words.</p></article>", i, i, i);
      g_autofree char *url = gloss_test_server_url (f->server, page);

      gloss_test_server_set_page (f->server, page, html);
      g_string_append_printf (csv, "Page %u,%s,%u,,unread\n", i, url, 1700000000 + i);
    }
  g_assert_true (g_file_set_contents (csv_path, csv->str, -1, NULL));
  g_string_free (csv, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("GLOSS_BINARY"), "import",
                                         csv_path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_interrupted_done, &run);
  gloss_test_wait_until (one_clipped, f->library, 30, "the first page clipped");
  g_subprocess_send_signal (process, SIGINT);
  gloss_test_wait (&run.done, 30, "gloss import to stop");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "Stopping: what is not clipped yet stays in the queue"));
  left = count_in (queue, ".json");
  g_assert_cmpuint (left, >=, 1);
  /* Nothing lost: every page clipped or queued. The one being written when
   * the clip was stopped may be both, and is clipped again next time. */
  g_assert_cmpuint (count_in (f->library, ".html") + left, >=, 5);
  g_assert_cmpuint (count_in (f->library, ".html") + left, <=, 6);

  run_gloss (f, "import", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpuint (count_in (queue, ".json"), ==, 0);
  g_assert_cmpuint (count_in (f->library, ".html"), ==, 5);
  g_free (run.err);
  gloss_test_remove_tree (exports);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/cli/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("clip-prints-path", test_clip_prints_path);
  ADD ("clip-json", test_clip_json);
  ADD ("clip-deadline", test_clip_deadline);
  ADD ("clip-max-size", test_clip_max_size);
  ADD ("clip-no-text", test_clip_no_text);
  ADD ("clip-errors", test_clip_errors);
  ADD ("usage-errors", test_usage_errors);
  ADD ("help-and-version", test_help_and_version);
  ADD ("speaks-the-language", test_speaks_the_language);
  ADD ("extract", test_extract);
  ADD ("extract-file", test_extract_file);
  ADD ("annotate-and-export", test_annotate_and_export);
  ADD ("reclip-keeps-version", test_reclip_keeps_version);
  ADD ("annotate-errors", test_annotate_errors);
  ADD ("search-and-list", test_search_and_list);
  ADD ("search-errors", test_search_errors);
  ADD ("import", test_import);
  ADD ("import-interrupted", test_import_interrupted);
#undef ADD

  return g_test_run ();
}
