/* test-anchor.c — the text model and anchoring, against the shared vectors
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "gloss-anchor.h"
#include "gloss-annotation.h"
#include "gloss-html.h"
#include "gloss-test-utils.h"

/* tests/data/anchoring.json is also run by the JavaScript highlighter, so
 * each case is one test here and a failure names the vector. */
static JsonParser *vectors;

static const char *
member_string (JsonObject *object,
               const char *name)
{
  if (!json_object_has_member (object, name) || json_object_get_null_member (object, name))
    return NULL;
  return json_object_get_string_member (object, name);
}

static void
test_vector (gconstpointer data)
{
  JsonObject *vector = (JsonObject *) data;
  JsonObject *selector = json_object_get_object_member (vector, "selector");
  JsonObject *expected = json_object_get_object_member (vector, "expected");
  const char *html = json_object_get_string_member (vector, "html");
  g_autoptr(xmlDoc) doc = gloss_html_parse (html, strlen (html));
  g_autofree char *text = NULL;
  GlossAnchorMethod method;
  gint64 start = -1, end = -1;

  g_assert_nonnull (doc);
  text = gloss_anchor_document_text (doc);
  g_assert_cmpstr (text, ==, json_object_get_string_member (vector, "text"));

  method = gloss_anchor_find (text,
                              member_string (selector, "exact"),
                              member_string (selector, "prefix"),
                              member_string (selector, "suffix"),
                              json_object_get_int_member (selector, "start"),
                              json_object_get_int_member (selector, "end"),
                              &start, &end);

  g_assert_cmpstr (gloss_anchor_method_to_string (method), ==,
                   json_object_get_string_member (expected, "method"));
  if (method == GLOSS_ANCHOR_ORPHAN)
    return;
  g_assert_cmpint (start, ==, json_object_get_int_member (expected, "start"));
  g_assert_cmpint (end, ==, json_object_get_int_member (expected, "end"));
}

static void
add_vector_tests (void)
{
  vectors = gloss_test_load_anchoring_vectors ();
  gloss_test_add_anchoring_tests (vectors, "/anchor/vector", test_vector);
}

static void
assert_describes (const char *text,
                  gint64      start,
                  gint64      end,
                  const char *expected_exact,
                  const char *expected_prefix,
                  const char *expected_suffix)
{
  g_autofree char *exact = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;

  gloss_anchor_describe (text, start, end, &exact, &prefix, &suffix);
  g_assert_cmpstr (exact, ==, expected_exact);
  g_assert_cmpstr (prefix, ==, expected_prefix);
  g_assert_cmpstr (suffix, ==, expected_suffix);
}

static void
test_describe_edges (void)
{
  const char *text = "Clouds are made of tiny droplets.";

  assert_describes (text, 0, 6, "Clouds", "", " are made of tiny droplets.");
  assert_describes (text, 24, 33, "droplets.", "Clouds are made of tiny ", "");
  assert_describes (text, 0, 33, text, "", "");
  assert_describes (text, 7, 7, "", "Clouds ", "are made of tiny droplets.");
  assert_describes ("", 0, 0, "", "", "");
}

static void
test_describe_context_length (void)
{
  g_autofree char *before = g_strnfill (40, 'a');
  g_autofree char *after = g_strnfill (40, 'b');
  g_autofree char *text = g_strconcat (before, "X", after, NULL);
  g_autofree char *prefix = g_strnfill (GLOSS_ANNOTATION_CONTEXT_LENGTH, 'a');
  g_autofree char *suffix = g_strnfill (GLOSS_ANNOTATION_CONTEXT_LENGTH, 'b');

  assert_describes (text, 40, 41, "X", prefix, suffix);
}

static void
test_describe_code_points (void)
{
  GString *before = g_string_new (NULL);
  GString *after = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;

  /* 40 emoji, astral, then a decomposed é: the context is 32 code points, not bytes or
   * UTF-16 units, and may cut a combining sequence. */
  for (guint i = 0; i < 40; i++)
    g_string_append (before, "😀");
  for (guint i = 0; i < 20; i++)
    g_string_append (after, "e\xCC\x81");
  text = g_strconcat (before->str, "中文", after->str, NULL);
  prefix = g_strdup (before->str + 8 * 4);
  suffix = g_strndup (after->str, 16 * 3);

  assert_describes (text, 40, 42, "中文", prefix, suffix);
  g_free (prefix);
  g_free (suffix);
  prefix = g_strconcat (before->str + 9 * 4, "中", NULL);
  suffix = g_strndup (after->str + 1, 2 + 15 * 3 + 1);
  assert_describes (text, 41, 43, "文e", prefix, suffix);

  g_string_free (before, TRUE);
  g_string_free (after, TRUE);
}

static void
test_describe_then_find (void)
{
  const char *text = "To be, or not to be, that is the question: to be.";
  g_autofree char *exact = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  gint64 start = -1, end = -1;

  gloss_anchor_describe (text, 14, 19, &exact, &prefix, &suffix);
  g_assert_cmpstr (exact, ==, "to be");
  g_assert_cmpint (gloss_anchor_find (text, exact, prefix, suffix, -1, -1, &start, &end), ==,
                   GLOSS_ANCHOR_QUOTE);
  g_assert_cmpint (start, ==, 14);
  g_assert_cmpint (end, ==, 19);
}

static void
test_find_empty_exact (void)
{
  gint64 start = -1, end = -1;

  g_assert_cmpint (gloss_anchor_find ("some text", "", NULL, NULL, 0, 0, &start, &end), ==,
                   GLOSS_ANCHOR_ORPHAN);
  g_assert_cmpint (gloss_anchor_find ("", "text", NULL, NULL, -1, -1, &start, &end), ==,
                   GLOSS_ANCHOR_ORPHAN);
}

static void
test_find_long_quote_fuzzy (void)
{
  GString *old = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *exact = NULL;
  gint64 start = -1, end = -1;

  /* Longer than one 64-row word of the bit-parallel matcher, edits in several words. */
  for (guint i = 0; i < 30; i++)
    g_string_append_printf (old, "Sentence number %u of the long highlight. ", i);
  exact = g_strdup (old->str);
  g_string_prepend (old, "Some new opening words. ");
  g_string_replace (old, "number 1", "No. 1", 0);
  g_string_append (old, "And a new ending.");
  text = g_string_free (g_steal_pointer (&old), FALSE);

  g_assert_cmpint (gloss_anchor_find (text, exact, NULL, NULL, 0, strlen (exact), &start, &end),
                   ==, GLOSS_ANCHOR_FUZZY);
  g_assert_cmpint (start, ==, strlen ("Some new opening words. "));
  g_assert_cmpint (end, ==, strlen (text) - strlen ("And a new ending."));
}

static void
assert_quote (const char *text,
              const char *quote,
              guint       expected_count,
              gint64      expected_start,
              gint64      expected_end)
{
  gint64 start = -1, end = -1;

  g_assert_cmpuint (gloss_anchor_find_quote (text, quote, &start, &end), ==, expected_count);
  g_assert_cmpint (start, ==, expected_start);
  g_assert_cmpint (end, ==, expected_end);
}

static void
test_find_quote_whitespace (void)
{
  const char *text = "\n  The first\n   paragraph.\nThe\u00a0second\tone.\n";

  assert_quote (text, "first paragraph", 1, 7, 25);
  assert_quote (text, "  first \n paragraph  ", 1, 7, 25);
  assert_quote (text, "paragraph. The second", 1, 16, 37);
  assert_quote (text, "second one.", 1, 31, 42);
  /* A run of white space is at least one: none does not match it. */
  assert_quote (text, "firstparagraph", 0, -1, -1);
  assert_quote (text, "The first", 1, 3, 12);
}

static void
test_find_quote_code_points (void)
{
  assert_quote ("😀 云是由 水滴组成", "水滴", 1, 6, 8);
  assert_quote ("cafe\xCC\x81 noir", "noir", 1, 6, 10);
}

static void
test_find_quote_ambiguous (void)
{
  assert_quote ("one, two, one, two", "two", 2, -1, -1);
  assert_quote ("one,  two, one,\ntwo", "one, two", 2, -1, -1);
  /* Overlapping places count too: the user has to say more. */
  assert_quote ("aaa", "aa", 2, -1, -1);
}

static void
test_find_quote_not_found (void)
{
  assert_quote ("one, two", "three", 0, -1, -1);
  assert_quote ("one, two", "Two", 0, -1, -1);
  assert_quote ("one, two", "", 0, -1, -1);
  assert_quote ("one, two", " \n ", 0, -1, -1);
  assert_quote ("", "one", 0, -1, -1);
}

static void
test_method_names (void)
{
  g_assert_cmpstr (gloss_anchor_method_to_string (GLOSS_ANCHOR_ORPHAN), ==, "orphan");
  g_assert_cmpstr (gloss_anchor_method_to_string (GLOSS_ANCHOR_POSITION), ==, "position");
  g_assert_cmpstr (gloss_anchor_method_to_string (GLOSS_ANCHOR_QUOTE), ==, "quote");
  g_assert_cmpstr (gloss_anchor_method_to_string (GLOSS_ANCHOR_FUZZY), ==, "fuzzy");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  add_vector_tests ();
  g_test_add_func ("/anchor/describe/edges", test_describe_edges);
  g_test_add_func ("/anchor/describe/context-length", test_describe_context_length);
  g_test_add_func ("/anchor/describe/code-points", test_describe_code_points);
  g_test_add_func ("/anchor/describe/then-find", test_describe_then_find);
  g_test_add_func ("/anchor/find/empty-exact", test_find_empty_exact);
  g_test_add_func ("/anchor/find/long-quote-fuzzy", test_find_long_quote_fuzzy);
  g_test_add_func ("/anchor/find-quote/whitespace", test_find_quote_whitespace);
  g_test_add_func ("/anchor/find-quote/code-points", test_find_quote_code_points);
  g_test_add_func ("/anchor/find-quote/ambiguous", test_find_quote_ambiguous);
  g_test_add_func ("/anchor/find-quote/not-found", test_find_quote_not_found);
  g_test_add_func ("/anchor/method-names", test_method_names);

  status = g_test_run ();
  g_clear_object (&vectors);
  return status;
}
