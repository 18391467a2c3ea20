/* test-import.c — reading other services' exports (gloss-import)
 *
 * Each fixture of tests/data/import/ is read and compared with what
 * manifest.json says it holds: its format, every article with its tags,
 * dates, states and highlights, and the rows left out by line. A folder
 * NAME.zip.d is zipped into NAME.zip first, as the service ships it.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gloss-import.h"
#include "gloss-test-utils.h"

static JsonArray *fixtures;
static char *temp_dir;

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

/* NAME.zip.d → TEMP/NAME.zip */
static char *
make_zip (const char *dir_name)
{
  g_autofree char *dir = data_path (dir_name);
  g_autofree char *zip_name = g_strndup (dir_name, strlen (dir_name) - strlen (".d"));
  char *path = g_build_filename (temp_dir, zip_name, NULL);

  gloss_test_zip_folder (dir, path);
  return path;
}

static char *
fixture_path (const char *name)
{
  return g_str_has_suffix (name, ".zip.d") ? make_zip (name) : data_path (name);
}

static const char *
string_or_null (JsonObject *object,
                const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? json_node_get_string (node) : NULL;
}

static char *
date_string (GDateTime *date)
{
  return date != NULL ? g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

static void
check_tags (GPtrArray  *got,
            JsonArray  *expected,
            const char *what)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) got_text = g_string_new (NULL);
  g_autoptr(GString) expected_text = g_string_new (NULL);

  for (guint i = 0; i < got->len; i++)
    g_ptr_array_add (sorted, g_strdup (got->pdata[i]));
  g_ptr_array_sort (sorted, compare_strings);
  for (guint i = 0; i < sorted->len; i++)
    g_string_append_printf (got_text, "%s|", (char *) sorted->pdata[i]);
  for (guint i = 0; i < json_array_get_length (expected); i++)
    g_string_append_printf (expected_text, "%s|", json_array_get_string_element (expected, i));
  if (strcmp (got_text->str, expected_text->str) != 0)
    g_error ("%s: tags %s, expected %s", what, got_text->str, expected_text->str);
}

static void
check_highlight (GlossImportHighlight *got,
                 JsonObject           *expected,
                 const char           *what)
{
  g_autofree char *created = date_string (got->created);

  g_assert_cmpstr (got->quote, ==, string_or_null (expected, "quote"));
  g_assert_cmpstr (got->note, ==, string_or_null (expected, "note"));
  g_assert_cmpstr (got->color, ==, string_or_null (expected, "color"));
  g_assert_cmpstr (created, ==, string_or_null (expected, "created"));
  if (json_object_has_member (expected, "tags"))
    check_tags (got->tags, json_object_get_array_member (expected, "tags"), what);
}

static void
check_article (GlossImportEntry *got,
               JsonObject       *expected)
{
  JsonObject *state = json_object_get_object_member (expected, "state");
  JsonArray *highlights = json_object_get_array_member (expected, "highlights");
  JsonNode *progress = json_object_get_member (state, "progress");
  g_autofree char *saved = date_string (got->saved);
  const char *title = string_or_null (expected, "title");

  g_assert_cmpstr (got->url, ==, string_or_null (expected, "url"));
  g_assert_cmpstr (got->title != NULL && *got->title ? got->title : NULL, ==, title);
  check_tags (got->tags, json_object_get_array_member (expected, "tags"), got->origin);
  g_assert_cmpstr (saved, ==, string_or_null (expected, "saved"));
  g_assert_cmpint (got->archived, ==, json_object_get_boolean_member (state, "archived"));
  g_assert_cmpint (got->starred, ==, json_object_get_boolean_member (state, "starred"));
  if (JSON_NODE_HOLDS_NULL (progress))
    g_assert_cmpfloat (got->progress, <, 0);
  else
    g_assert_cmpfloat_with_epsilon (got->progress, json_node_get_double (progress), 1e-6);
  g_assert_cmpuint (got->highlights->len, ==, json_array_get_length (highlights));
  for (guint i = 0; i < got->highlights->len; i++)
    check_highlight (got->highlights->pdata[i], json_array_get_object_element (highlights, i),
                     got->origin);
}

/* Every line the manifest lists as an error is a row left out, with that line. */
static void
check_errors (GlossImportFile *file,
              JsonArray       *errors)
{
  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonObject *error = json_array_get_object_element (errors, i);
      gint64 line = json_object_get_int_member (error, "line");
      g_autofree char *suffix = g_strdup_printf (":%" G_GINT64_FORMAT, line);
      gboolean found = FALSE;

      for (guint j = 0; j < file->problems->len && !found; j++)
        {
          GlossImportProblem *problem = file->problems->pdata[j];

          found = problem->skipped && g_str_has_suffix (problem->origin, suffix);
        }
      if (!found)
        g_error ("%s: line %" G_GINT64_FORMAT " (%s) is not reported as left out", file->path,
                 line, json_object_get_string_member (error, "reason"));
    }
}

static void
test_fixture (gconstpointer data)
{
  JsonObject *fixture = (JsonObject *) data;
  const char *name = json_object_get_string_member (fixture, "file");
  const char *format = string_or_null (fixture, "format");
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossImportFile) file = gloss_import_read (path, NULL, &error);
  JsonArray *articles;

  if (format == NULL)
    {
      g_assert_null (file);
      g_assert_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_UNKNOWN_FORMAT);
      g_test_message ("%s: %s", name, error->message);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_import_format_to_string (file->format), ==, format);
  articles = json_object_get_array_member (fixture, "articles");
  for (guint i = 0; i < file->entries->len && i < json_array_get_length (articles); i++)
    check_article (file->entries->pdata[i], json_array_get_object_element (articles, i));
  g_assert_cmpuint (file->entries->len, ==, json_array_get_length (articles));
  check_errors (file, json_object_get_array_member (fixture, "errors"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *manifest = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  manifest = data_path ("manifest.json");
  g_assert_true (json_parser_load_from_file (parser, manifest, NULL));
  fixtures = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "fixtures");
  temp_dir = gloss_test_make_temp_dir ();
  for (guint i = 0; i < json_array_get_length (fixtures); i++)
    {
      JsonObject *fixture = json_array_get_object_element (fixtures, i);
      g_autofree char *test_path = g_strdup_printf ("/import/read/%s",
                                                    json_object_get_string_member (fixture, "file"));

      g_test_add_data_func (test_path, fixture, test_fixture);
    }
  status = g_test_run ();
  gloss_test_remove_tree (temp_dir);
  return status;
}
