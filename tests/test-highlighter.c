/* test-highlighter.c — src/web/highlighter.js in a real WebKitWebView: the
 * shared anchoring vectors, selections, validation, and the isolation of the
 * "gloss" script world from the page; painting is in test-highlighter-paint.c
 * and the caret in test-highlighter-caret.c, the same program (one web
 * process for all)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb: xvfb-run -a -s "-screen 0 1280x1024x24" test-highlighter
 */
#include "config.h"

#include <string.h>

#include "gloss-anchor.h"
#include "gloss-html.h"
#include "test-highlighter-private.h"

Fixture fixture;
static JsonParser *vectors;

/* Messages from the script */

static void
on_script_message (WebKitUserContentManager *ucm,
                   JSCValue                 *value,
                   gpointer                  user_data)
{
  g_autofree char *json = jsc_value_to_json (value, 0);
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_assert_nonnull (json);
  node = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_test_message ("message: %s", json);
  g_ptr_array_add (fixture.messages, node);
}

typedef struct
{
  const char *type;
  gboolean  (*matches) (JsonObject *message, gpointer data);
  gpointer    data;
  JsonObject *found;
} MessageWait;

static gboolean
message_arrived (gpointer data)
{
  MessageWait *wait = data;

  for (; fixture.next_message < fixture.messages->len; fixture.next_message++)
    {
      JsonObject *message = json_node_get_object (g_ptr_array_index (fixture.messages,
                                                                     fixture.next_message));

      if (g_strcmp0 (json_object_get_string_member (message, "type"), wait->type) == 0 &&
          (wait->matches == NULL || wait->matches (message, wait->data)))
        {
          wait->found = message;
          fixture.next_message++;
          return TRUE;
        }
    }
  return FALSE;
}

/* The next message of @type (for which @matches holds), skipping others. */
JsonObject *
wait_message (const char *type,
              gboolean  (*matches) (JsonObject *message, gpointer data),
              gpointer    data)
{
  MessageWait wait = { type, matches, data, NULL };
  g_autofree char *what = g_strdup_printf ("a \"%s\" message from the script", type);

  gloss_test_wait_until (message_arrived, &wait, WAIT_SECONDS, what);
  return wait.found;
}

/* Whether any message received so far has @type and member "id" @id. */
static gboolean
has_message_with_id (const char *type,
                     const char *id)
{
  for (guint i = 0; i < fixture.messages->len; i++)
    {
      JsonObject *message = json_node_get_object (g_ptr_array_index (fixture.messages, i));

      if (g_strcmp0 (json_object_get_string_member_with_default (message, "type", ""), type) == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (message, "id", ""), id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Evaluating JavaScript */

/* Runs @script in @world (NULL: the page's); the value or, when it throws, the error. */
static JSCValue *
evaluate (const char  *world,
          const char  *script,
          GError     **error)
{
  return gloss_test_evaluate (fixture.view, world, script, error);
}

static G_GNUC_PRINTF (2, 0) JSCValue *
evaluate_valist (const char *world,
                 const char *format,
                 va_list     args)
{
  g_autofree char *script = g_strdup_vprintf (format, args);
  g_autoptr(GError) error = NULL;
  JSCValue *value = evaluate (world, script, &error);

  g_assert_no_error (error);
  return value;
}

G_GNUC_PRINTF (2, 3) char *
evaluate_string (const char *world,
                 const char *format,
                 ...)
{
  g_autoptr(JSCValue) value = NULL;
  va_list args;

  va_start (args, format);
  value = evaluate_valist (world, format, args);
  va_end (args);
  return jsc_value_to_string (value);
}

/* The value of a script as JSON, parsed (NULL for undefined). */
G_GNUC_PRINTF (2, 3) JsonNode *
evaluate_json (const char *world,
               const char *format,
               ...)
{
  g_autoptr(JSCValue) value = NULL;
  va_list args;

  va_start (args, format);
  value = evaluate_valist (world, format, args);
  va_end (args);
  return gloss_test_value_to_json (value);
}

/* Asserts that @script, run in the gloss world, gives @expected as a string. */
void
assert_evaluates_to (const char *script,
                     const char *expected)
{
  g_autofree char *result = evaluate_string (WORLD, "%s", script);

  g_assert_cmpstr (result, ==, expected);
}

/* Asserts that @script throws, and that the message names what is wrong. */
static void
assert_throws (const char *script,
               const char *wanted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = evaluate (WORLD, script, &error);

  g_test_message ("%s → %s", script, error != NULL ? error->message : "no error");
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, wanted));
}

/* Loading a page */

/* Loads @html and waits until it has loaded and the script reported ready;
 * returns that "ready" message. */
JsonObject *
load_page (const char *html)
{
  JsonObject *ready;

  fixture.next_message = fixture.messages->len;
  webkit_web_view_load_html (fixture.view, html, "about:blank");
  gloss_test_wait_load_finished (fixture.view, "the page to load");
  ready = wait_message ("ready", NULL, NULL);
  g_assert_cmpint (json_object_get_int_member (ready, "version"), ==, 1);
  return ready;
}

/* The text model of @html as the C side computes it. */
char *
c_document_text (const char *html)
{
  g_autoptr(xmlDoc) doc = gloss_html_parse (html, strlen (html));

  g_assert_nonnull (doc);
  return gloss_anchor_document_text (doc);
}

/* Asserts that @description ({exact, prefix, suffix, start, end}) is what
 * gloss_anchor_describe () gives for [@start, @end) of @text. */
static void
assert_describes (JsonObject *description,
                  const char *text,
                  gint64      start,
                  gint64      end)
{
  g_autofree char *exact = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;

  gloss_anchor_describe (text, start, end, &exact, &prefix, &suffix);
  g_assert_cmpint (json_object_get_int_member (description, "start"), ==, start);
  g_assert_cmpint (json_object_get_int_member (description, "end"), ==, end);
  g_assert_cmpstr (json_object_get_string_member (description, "exact"), ==, exact);
  g_assert_cmpstr (json_object_get_string_member (description, "prefix"), ==, prefix);
  g_assert_cmpstr (json_object_get_string_member (description, "suffix"), ==, suffix);
}

void
assert_rect_visible (JsonObject *rect)
{
  g_assert_nonnull (rect);
  g_assert_cmpfloat (json_object_get_double_member (rect, "width"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (rect, "height"), >, 0);
}

/* (1) The shared anchoring vectors, each one a test */

static void
test_vector (gconstpointer data)
{
  JsonObject *vector = (JsonObject *) data;
  JsonNode *selector = json_object_get_member (vector, "selector");
  JsonObject *expected = json_object_get_object_member (vector, "expected");
  const char *text = json_object_get_string_member (vector, "text");
  g_autofree char *selector_json = json_to_string (selector, FALSE);
  g_autofree char *js_text = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(JsonNode) many = NULL;
  JsonObject *anchored;
  JsonObject *ready;

  ready = load_page (json_object_get_string_member (vector, "html"));
  g_assert_cmpint (json_object_get_int_member (ready, "length"), ==, g_utf8_strlen (text, -1));

  js_text = evaluate_string (WORLD, "gloss.text ()");
  g_assert_cmpstr (js_text, ==, text);

  result = evaluate_json (WORLD, "gloss.anchor (%s)", selector_json);
  g_assert_nonnull (result);
  anchored = json_node_get_object (result);
  g_assert_cmpstr (json_object_get_string_member (anchored, "method"), ==,
                   json_object_get_string_member (expected, "method"));
  if (g_str_equal (json_object_get_string_member (expected, "method"), "orphan"))
    {
      g_assert_false (json_object_has_member (anchored, "start"));
    }
  else
    {
      gint64 start = json_object_get_int_member (expected, "start");
      gint64 end = json_object_get_int_member (expected, "end");
      g_autoptr(JsonNode) description = NULL;

      g_assert_cmpint (json_object_get_int_member (anchored, "start"), ==, start);
      g_assert_cmpint (json_object_get_int_member (anchored, "end"), ==, end);

      /* and describing where it landed gives what C gives */
      description = evaluate_json (WORLD, "gloss.describe (%" G_GINT64_FORMAT ", %"
                                   G_GINT64_FORMAT ")", start, end);
      assert_describes (json_node_get_object (description), text, start, end);
    }

  /* anchorAll () agrees with anchor () */
  many = evaluate_json (WORLD, "gloss.anchorAll ([%s, %s])", selector_json, selector_json);
  g_assert_true (json_node_equal (json_array_get_element (json_node_get_array (many), 1), result));
}

/* Beyond the vectors: random texts and damaged quotes of every length (so
 * the bit-vector search runs over one and many blocks), anchored by C and by
 * the script, must agree to the code point. */

static const char * const words[] = {
  "the", "cloud", "droplets", "of", "water", "café", "très", "云", "水滴", "👍🏽",
  "👨‍👩‍👧", "a", "an", "bridge", "spring", "engineers", "committee", "fox", "dog",
};

static const char * const spaces[] = { " ", " ", " ", " ", "\n", "\n    ", "\u00a0", "  " };

static char *
random_text (GRand *rand,
             guint  n_words)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append (text, spaces[g_rand_int_range (rand, 0, G_N_ELEMENTS (spaces))]);
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
  return g_string_free (text, FALSE);
}

/* @quote with @n_edits random edits (code points replaced, inserted, removed). */
static char *
damage (GRand      *rand,
        const char *quote,
        guint       n_edits)
{
  static const gunichar alphabet[] = { 'a', 'e', 'o', 'x', ' ', 0x00e9, 0x4e91, 0x1f44d };
  glong length = 0;
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (quote, -1, &length);
  g_autoptr(GArray) edited = g_array_new (FALSE, FALSE, sizeof (gunichar));

  g_array_append_vals (edited, chars, length);
  for (guint i = 0; i < n_edits && edited->len > 1; i++)
    {
      guint at = g_rand_int_range (rand, 0, edited->len);
      gunichar c = alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet))];

      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0:
          g_array_index (edited, gunichar, at) = c;
          break;
        case 1:
          g_array_insert_val (edited, at, c);
          break;
        default:
          g_array_remove_index (edited, at);
          break;
        }
    }
  return g_ucs4_to_utf8 ((gunichar *) edited->data, edited->len, NULL, NULL, NULL);
}

static void
test_agrees_with_c (void)
{
  static const guint lengths[] = { 3, 7, 12, 31, 32, 33, 63, 64, 65, 100, 200, 400, 900, 1500 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);
  g_autofree char *text = random_text (rand, 2000);
  g_autofree char *html = g_strdup_printf ("<body><p>%s</p></body>", text);
  g_autofree char *js_text = NULL;
  g_autofree char *selectors_json = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) selectors = NULL;
  g_autoptr(JsonNode) results = NULL;
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64) * 3);
  glong text_length = g_utf8_strlen (text, -1);
  guint counts[4] = { 0, };
  JsonArray *array;

  load_page (html);
  js_text = evaluate_string (WORLD, "gloss.text ()");
  g_assert_cmpstr (js_text, ==, text);

  json_builder_begin_array (builder);
  for (guint i = 0; i < 300; i++)
    {
      guint length = lengths[i % G_N_ELEMENTS (lengths)];
      gint64 start = g_rand_int_range (rand, 0, text_length - length);
      gint64 end = start + length;
      guint max_edits = MIN (length / 5, 256);
      g_autofree char *exact = NULL;
      g_autofree char *prefix = NULL;
      g_autofree char *suffix = NULL;
      g_autofree char *damaged = NULL;
      gint64 stored_start, stored_end, found[3] = { -1, -1, -1 };

      gloss_anchor_describe (text, start, end, &exact, &prefix, &suffix);
      /* From no edit to a few beyond the limit */
      damaged = damage (rand, exact, g_rand_int_range (rand, 0, max_edits + 3));
      /* A stored position that holds, moved, or none */
      switch (i % 3)
        {
        case 0:
          stored_start = start, stored_end = end;
          break;
        case 1:
          stored_start = MAX (0, start + g_rand_int_range (rand, -200, 200));
          stored_end = stored_start + length;
          break;
        default:
          stored_start = stored_end = -1;
          break;
        }

      found[0] = gloss_anchor_find (text, damaged, prefix, suffix, stored_start, stored_end,
                                    &found[1], &found[2]);
      if (found[0] == GLOSS_ANCHOR_ORPHAN)
        found[1] = found[2] = -1;
      counts[found[0]]++;
      g_array_append_val (expected, found);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "exact");
      json_builder_add_string_value (builder, damaged);
      json_builder_set_member_name (builder, "prefix");
      json_builder_add_string_value (builder, prefix);
      json_builder_set_member_name (builder, "suffix");
      json_builder_add_string_value (builder, suffix);
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, stored_start);
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, stored_end);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  g_test_message ("C anchored %u by position, %u by quote, %u fuzzy, %u orphans",
                  counts[GLOSS_ANCHOR_POSITION], counts[GLOSS_ANCHOR_QUOTE],
                  counts[GLOSS_ANCHOR_FUZZY], counts[GLOSS_ANCHOR_ORPHAN]);
  g_assert_cmpuint (counts[GLOSS_ANCHOR_FUZZY], >, 50);

  selectors = json_builder_get_root (builder);
  selectors_json = json_to_string (selectors, FALSE);
  results = evaluate_json (WORLD, "gloss.anchorAll (%s)", selectors_json);
  array = json_node_get_array (results);
  g_assert_cmpuint (json_array_get_length (array), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      const gint64 *want = &g_array_index (expected, gint64, i * 3);
      JsonObject *got = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (got, "method"),
                     gloss_anchor_method_to_string (want[0])) != 0 ||
          json_object_get_int_member_with_default (got, "start", -1) != want[1] ||
          json_object_get_int_member_with_default (got, "end", -1) != want[2])
        {
          g_autofree char *selector = json_to_string (json_array_get_element (
                                                        json_node_get_array (selectors), i), FALSE);
          g_test_message ("case %u differs: %s", i, selector);
        }
      g_assert_cmpstr (json_object_get_string_member (got, "method"), ==,
                       gloss_anchor_method_to_string (want[0]));
      g_assert_cmpint (json_object_get_int_member_with_default (got, "start", -1), ==, want[1]);
      g_assert_cmpint (json_object_get_int_member_with_default (got, "end", -1), ==, want[2]);
    }
}

/* (2) Selections made from C read back as C describes them */

static const char selection_page[] =
  "<!DOCTYPE html><html><head><title>Selection</title></head><body>\n"
  "<h1>Clouds</h1>\n"
  "<p>First <em>emphasised</em> words and a <a href=\"https://example.com/\">link</a>.</p>\n"
  "<p>Second paragraph, with <b>çà 云 👍🏽</b> text.</p>\n"
  "<ul><li>Milk</li><li>Bread <strong>and</strong> butter</li></ul>\n"
  "<script>document.title = 'page scripts ran';</script>\n"
  "<noscript>Shown, since scripts are off, but not in the text model</noscript>\n"
  "</body></html>";

/* Defines at (s) and after (s): [text node, UTF-16 offset] where s starts and
 * ends; the cases then set the range r. */
static const char selection_prelude[] =
  "const find = (s) => {"
  "  const walker = document.createTreeWalker (document.body, NodeFilter.SHOW_TEXT);"
  "  for (let node; (node = walker.nextNode ()) !== null;) {"
  "    const i = node.data.indexOf (s);"
  "    if (i >= 0) return [node, i];"
  "  }"
  "  throw new Error ('no text node holds ' + s);"
  "};"
  "const at = (s) => find (s);"
  "const after = (s) => { const [node, i] = find (s); return [node, i + s.length]; };"
  "const r = document.createRange ();";

typedef struct
{
  const char *range_script;   /* sets r */
  const char *exact;          /* what it selects, unique in the text */
} SelectionCase;

static const SelectionCase selection_cases[] = {
  /* text node to text node, across paragraphs and inline markup */
  { "r.setStart (...at ('words and')); r.setEnd (...after ('Second'));",
    "words and a link.\nSecond" },
  /* within one text node, non-ASCII and an astral code point with its modifier */
  { "r.setStart (...at ('çà')); r.setEnd (...after ('👍🏽'));", "çà 云 👍🏽" },
  /* element boundaries: around two list items */
  { "r.setStartBefore (document.querySelector ('li'));"
    "r.setEndAfter (document.querySelectorAll ('li')[1]);",
    "MilkBread and butter" },
  /* from the start of a paragraph element into bold text */
  { "r.setStart (document.querySelectorAll ('p')[1], 0); r.setEnd (...after ('云'));",
    "Second paragraph, with çà 云" },
  /* from the end of an emphasis element to inside a link: the space it
   * starts with is layout, not part of the quote */
  { "r.setStartAfter (document.querySelector ('em')); r.setEnd (...after ('li'));",
    "words and a li" },
  /* a paragraph as a triple-click takes it, with the white space after it */
  { "r.setStart (document.querySelectorAll ('p')[1], 0);"
    "r.setEnd (document.querySelector ('ul'), 0);",
    "Second paragraph, with çà 云 👍🏽 text." },
};

typedef struct
{
  gint64 start;
  gint64 end;
} Span;

static gboolean
selection_message_matches (JsonObject *message,
                           gpointer    data)
{
  Span *span = data;

  return !json_object_get_boolean_member (message, "empty") &&
         json_object_get_int_member (message, "start") == span->start &&
         json_object_get_int_member (message, "end") == span->end;
}

static void
test_selection (void)
{
  g_autofree char *text = c_document_text (selection_page);
  g_autofree char *js_text = NULL;
  g_autofree char *title = NULL;
  g_autoptr(JsonNode) none = NULL;

  load_page (selection_page);
  js_text = evaluate_string (WORLD, "gloss.text ()");
  g_assert_cmpstr (js_text, ==, text);
  title = evaluate_string (WORLD, "document.title");
  g_assert_cmpstr (title, ==, "Selection");

  for (guint i = 0; i < G_N_ELEMENTS (selection_cases); i++)
    {
      const SelectionCase *c = &selection_cases[i];
      g_autoptr(JsonNode) selection = NULL;
      JsonObject *object;
      JsonObject *message;
      Span span;

      g_test_message ("selecting \"%s\"", c->exact);
      gloss_test_find_unique (text, c->exact, &span.start, &span.end);
      selection = evaluate_json (WORLD,
                                 "(() => { %s %s"
                                 "  const s = window.getSelection ();"
                                 "  s.removeAllRanges (); s.addRange (r);"
                                 "  return gloss.selection ();"
                                 "}) ()", selection_prelude, c->range_script);
      g_assert_nonnull (selection);
      object = json_node_get_object (selection);
      assert_describes (object, text, span.start, span.end);
      assert_rect_visible (json_object_get_object_member (object, "rect"));

      /* and the same arrives as a message */
      message = wait_message ("selection", selection_message_matches, &span);
      assert_describes (message, text, span.start, span.end);
      assert_rect_visible (json_object_get_object_member (message, "rect"));
    }

  /* Nothing selected */
  none = evaluate_json (WORLD, "window.getSelection ().removeAllRanges (); gloss.selection ()");
  g_assert_true (none == NULL || JSON_NODE_HOLDS_NULL (none));
  g_assert_true (json_object_get_boolean_member (wait_message ("selection", NULL, NULL), "empty"));
  if (none != NULL)
    json_node_unref (g_steal_pointer (&none));

  /* A selection of nothing but a hidden element's text is no selection
   * (with page scripts off, WebKit drops <script> but shows <noscript>) */
  none = evaluate_json (WORLD,
                        "(() => { const r = document.createRange ();"
                        "  r.selectNodeContents (document.querySelector ('noscript'));"
                        "  const s = window.getSelection ();"
                        "  s.removeAllRanges (); s.addRange (r);"
                        "  return gloss.selection (); }) ()");
  g_assert_true (none == NULL || JSON_NODE_HOLDS_NULL (none));
}

/* Everything received from C is checked; a bad call throws and changes nothing */
static void
test_validation (void)
{
  g_autofree char *result = NULL;

  load_page ("<body><p>Short text.</p></body>");

  assert_throws ("gloss.anchor ()", "selector must be an object");
  assert_throws ("gloss.anchor ('text')", "selector must be an object");
  assert_throws ("gloss.anchor ({ exact: 5 })", "selector.exact must be a string");
  assert_throws ("gloss.anchor ({ exact: 'a', prefix: 1 })", "selector.prefix must be a string");
  assert_throws ("gloss.anchor ({ exact: 'a', start: 1.5 })", "selector.start must be an integer");
  assert_throws ("gloss.anchor ({ exact: 'a', end: '3' })", "selector.end must be an integer");
  assert_throws ("gloss.anchorAll ({})", "anchorAll takes an array");
  assert_throws ("gloss.describe (-1, 2)", "is not within the text");
  assert_throws ("gloss.describe (3, 2)", "is not within the text");
  assert_throws ("gloss.describe (0, 12)", "is not within the text");
  assert_throws ("gloss.describe ('0', 2)", "must be integers");
  assert_throws ("gloss.paint ({})", "paint takes an array");
  assert_throws ("gloss.paint ([null])", "a highlight must be an object");
  assert_throws ("gloss.paint ([{ id: '', color: 'yellow', start: 0, end: 1 }])", "an id must be");
  assert_throws ("gloss.paint ([{ id: 7, color: 'yellow', start: 0, end: 1 }])", "an id must be");
  assert_throws ("gloss.paint ([{ id: 'x'.repeat (300), color: 'yellow', start: 0, end: 1 }])",
                 "an id must be");
  assert_throws ("gloss.paint ([{ id: 'x', color: 'red', start: 0, end: 1 }])", "color must be");
  assert_throws ("gloss.paint ([{ id: 'x', color: 'yellow', start: 0, end: 99 }])",
                 "is not within the text");
  assert_throws ("gloss.paint ([{ id: 'x', color: 'yellow', start: 2, end: 2 }])", "is empty");
  assert_throws ("gloss.unpaint (42)", "an id must be");
  assert_throws ("gloss.flash ()", "an id must be");
  assert_throws ("gloss.scrollTo ('x', 'yes')", "smooth must be a boolean");
  /* The API is frozen */
  assert_evaluates_to ("gloss.text = null; delete gloss.anchor; typeof gloss.text + typeof gloss.anchor",
                       "functionfunction");
  assert_throws ("'use strict'; gloss.paint = null", "readonly");

  /* A list with one bad entry paints none of it */
  assert_throws ("gloss.paint ([{ id: 'ok', color: 'yellow', start: 0, end: 5 },"
                 "             { id: 'bad', color: 'yellow', start: 0, end: 50 }])",
                 "is not within the text");
  result = evaluate_string (WORLD, "gloss.painted ().length + ':' +"
                                   " CSS.highlights.get ('gloss-yellow').size");
  g_assert_cmpstr (result, ==, "0:0");

  /* Empty quote: orphan, as in C */
  g_free (result);
  result = evaluate_string (WORLD, "JSON.stringify (gloss.anchor ({ exact: '', start: 0, end: 0 }))");
  g_assert_cmpstr (result, ==, "{\"method\":\"orphan\"}");
}

/* (4) The page's world cannot reach the handler, the gloss world can */

static const char hostile_page[] =
  "<!DOCTYPE html><html><head><title>Hostile</title>"
  "<script>document.title = 'page scripts ran';"
  " window.webkit.messageHandlers.gloss.postMessage ({ type: 'activate', id: 'evil' });"
  "</script></head>"
  "<body onload=\"window.webkit.messageHandlers.gloss.postMessage ({ type: 'activate', id: 'evil' })\">"
  "<p>Nothing to see.</p>"
  "<img src=\"data:,\" onerror=\"document.title = 'handlers ran'\">"
  "</body></html>";

/* Named elements shadow properties of document and of forms, in every
 * script world: <img name="body"> makes document.body that picture. The
 * highlighter uses the DOM as its prototypes define it, so its text model
 * is still the page's and painting still works. */
static void
test_clobbering (void)
{
  const char *html = "<body><img name=\"body\"><img name=\"createRange\">"
                     "<form name=\"readyState\"><img name=\"firstChild\"><img name=\"nextSibling\">"
                     "<p>Inside a form whose pictures are named after Node properties.</p></form>"
                     "<p>The clouds drift over the valley.</p></body>";
  g_autofree char *c_text = c_document_text (html);
  g_autofree char *js_text = NULL;
  g_autofree char *clobbered = NULL;
  JsonObject *ready = load_page (html);

  clobbered = evaluate_string (PAGE_WORLD, "String (document.body instanceof HTMLImageElement)");
  g_assert_cmpstr (clobbered, ==, "true");
  g_assert_cmpint (json_object_get_int_member (ready, "length"), ==, g_utf8_strlen (c_text, -1));
  js_text = evaluate_string (WORLD, "gloss.text ()");
  g_assert_cmpstr (js_text, ==, c_text);
  g_assert_nonnull (strstr (js_text, "drift over the valley"));
}

static void
test_isolation (void)
{
  g_autofree char *title = NULL;
  g_autofree char *page_webkit = NULL;
  g_autofree char *page_gloss = NULL;
  g_autofree char *attempt = NULL;
  g_autofree char *our_webkit = NULL;
  g_autofree char *clobbered = NULL;
  JsonObject *ready;

  ready = load_page (hostile_page);
  /* The "ready" message came through from the gloss world. */
  g_assert_nonnull (ready);

  title = evaluate_string (PAGE_WORLD, "document.title");
  g_assert_cmpstr (title, ==, "Hostile");
  page_webkit = evaluate_string (PAGE_WORLD, "typeof window.webkit");
  g_assert_cmpstr (page_webkit, ==, "undefined");
  page_gloss = evaluate_string (PAGE_WORLD, "typeof gloss");
  g_assert_cmpstr (page_gloss, ==, "undefined");
  attempt = evaluate_string (PAGE_WORLD,
                             "(() => { try {"
                             "  window.webkit.messageHandlers.gloss.postMessage ("
                             "    { type: 'activate', id: 'evil' });"
                             "  return 'posted';"
                             "} catch (e) { return 'failed: ' + e.name; } }) ()");
  g_assert_cmpstr (attempt, ==, "failed: TypeError");

  our_webkit = evaluate_string (WORLD, "typeof window.webkit.messageHandlers.gloss.postMessage");
  g_assert_cmpstr (our_webkit, ==, "function");

  /* A message posted from the gloss world arrives; nothing from the page did */
  assert_evaluates_to ("(() => { const r = document.createRange ();"
                       "  r.selectNodeContents (document.querySelector ('p'));"
                       "  window.getSelection ().addRange (r); return 'selected'; }) ()",
                       "selected");
  g_assert_cmpstr (json_object_get_string_member (wait_message ("selection", NULL, NULL), "exact"),
                   ==, "Nothing to see.");
  /* A check that no message comes: nothing to wait on but time. */
  gloss_test_run_for (300);
  g_assert_false (has_message_with_id ("activate", "evil"));

  /* Elements named like our globals change nothing in the gloss world */
  load_page ("<body><p id=\"gloss\">A</p><p id=\"webkit\">B</p></body>");
  clobbered = evaluate_string (WORLD, "typeof gloss.anchor + ' ' + gloss.text () + ' ' +"
                                      " typeof window.webkit.messageHandlers.gloss.postMessage");
  g_assert_cmpstr (clobbered, ==, "function AB function");
}

/* Setting up */

static char *
read_highlighter (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "src", "web",
                                                 "highlighter.js", NULL);
  g_autoptr(GError) error = NULL;
  char *source = NULL;

  if (!g_file_get_contents (path, &source, NULL, &error))
    g_error ("Cannot read %s: %s", path, error->message);
  return source;
}

static void
set_up_view (void)
{
  g_autoptr(WebKitNetworkSession) session = webkit_network_session_new_ephemeral ();
  g_autoptr(WebKitSettings) settings = webkit_settings_new ();
  g_autoptr(WebKitUserScript) script = NULL;
  g_autofree char *source = read_highlighter ();

  fixture.messages = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  webkit_settings_set_enable_javascript_markup (settings, FALSE);

  fixture.ucm = webkit_user_content_manager_new ();
  g_signal_connect (fixture.ucm, "script-message-received::gloss",
                    G_CALLBACK (on_script_message), NULL);
  g_assert_true (webkit_user_content_manager_register_script_message_handler (fixture.ucm,
                                                                              "gloss", WORLD));
  script = webkit_user_script_new_for_world (source, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_END,
                                             WORLD, NULL, NULL);
  webkit_user_content_manager_add_script (fixture.ucm, script);

  fixture.view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                               "network-session", session,
                               "settings", settings,
                               "user-content-manager", fixture.ucm,
                               NULL);

  fixture.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1024, 768);
  gtk_window_set_child (GTK_WINDOW (fixture.window), GTK_WIDGET (fixture.view));
  gtk_window_present (GTK_WINDOW (fixture.window));
}

static void
add_vector_tests (void)
{
  vectors = gloss_test_load_anchoring_vectors ();
  g_assert_cmpuint (json_array_get_length (gloss_test_anchoring_cases (vectors)), >, 0);
  gloss_test_add_anchoring_tests (vectors, "/highlighter/vector", test_vector);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_set_prgname ("gloss-test-highlighter");
  gtk_test_init (&argc, &argv, NULL);

  add_vector_tests ();
  g_test_add_func ("/highlighter/agrees-with-c", test_agrees_with_c);
  g_test_add_func ("/highlighter/selection", test_selection);
  g_test_add_func ("/highlighter/paint", test_paint);
  g_test_add_func ("/highlighter/scroll", test_scroll);
  g_test_add_func ("/highlighter/place-caret", test_place_caret);
  g_test_add_func ("/highlighter/collapse-selection", test_collapse_selection);
  g_test_add_func ("/highlighter/key-reports-selection", test_key_reports_selection);
  g_test_add_func ("/highlighter/validation", test_validation);
  g_test_add_func ("/highlighter/isolation", test_isolation);
  g_test_add_func ("/highlighter/clobbering", test_clobbering);

  set_up_view ();
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (fixture.window));
  g_object_unref (fixture.ucm);
  g_ptr_array_unref (fixture.messages);
  g_object_unref (vectors);
  return status;
}
