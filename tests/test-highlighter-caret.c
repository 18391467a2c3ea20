/* test-highlighter-caret.c — src/web/highlighter.js and caret browsing: where
 * gloss.placeCaret () puts the caret, what it leaves alone, the caret a
 * highlighted selection leaves behind, and a selection made with keys told
 * at once; part of test-highlighter (its view and helpers are in
 * test-highlighter.c)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-highlighter-private.h"

/* Paragraphs far enough apart that the view holds one or two; #long is
 * taller than the view. */
static const char caret_page[] =
  "<!DOCTYPE html><html><head><title>Caret</title>"
  "<style>body { font: 20px/1.5 sans-serif; margin: 20px; }"
  "  p { margin: 0 0 900px; } #long { width: 300px; }</style></head><body>\n"
  "<p id=\"first\">First paragraph.</p>\n"
  "<p id=\"second\">Second paragraph, <em>with</em> more.</p>\n"
  "<p id=\"third\"><em>Third</em> paragraph starts with emphasis.</p>\n"
  "<p id=\"fourth\">   Fourth, after spaces.</p>\n"
  "<p id=\"long\"></p>\n"
  "<noscript>Hidden words.</noscript>\n"
  "</body></html>";

/* The caret as "word@offset": the first word of its text node and where in
 * that node it is; else "selection:" and what is selected. */
static const char caret_script[] =
  "(() => { const s = window.getSelection ();"
  "  if (s.rangeCount === 0) return 'none';"
  "  if (!s.isCollapsed) return 'selection:' + String (s);"
  "  return s.focusNode.data.trim ().split (/\\W/)[0] + '@' + s.focusOffset; }) ()";

static void
scroll_to (const char *id,
           int         offset)
{
  g_autofree char *done = evaluate_string (WORLD,
                                           "window.scrollTo (0, document.getElementById ('%s')"
                                           ".offsetTop + %d); 'done'", id, offset);
}

/* Scrolls to @id (+ @offset pixels), runs @setup, then gloss.placeCaret ():
 * asserts what it returns; gives where the caret is then (caret_script). */
static char *
place_caret (const char *id,
             int         offset,
             const char *setup,
             const char *moved)
{
  g_autofree char *result = NULL;

  scroll_to (id, offset);
  g_free (evaluate_string (WORLD, "%s; 'done'", setup));
  result = evaluate_string (WORLD, "String (gloss.placeCaret ())");
  g_assert_cmpstr (result, ==, moved);
  return evaluate_string (WORLD, "%s", caret_script);
}

static void
assert_places (const char *id,
               int         offset,
               const char *setup,
               const char *moved,
               const char *caret)
{
  g_autofree char *where = place_caret (id, offset, setup, moved);

  g_test_message ("at #%s%+d after “%s”: caret %s", id, offset, setup, where);
  g_assert_cmpstr (where, ==, caret);
}

static const char no_selection[] = "window.getSelection ().removeAllRanges ()";
static const char caret_in_second[] =
  "window.getSelection ().collapse (document.getElementById ('second').firstChild, 4)";
static const char first_selected[] =
  "window.getSelection ().selectAllChildren (document.getElementById ('first'))";

/* Whether the caret is in view at the start of a line of #long. */
static const char at_line_start[] =
  "(() => { const s = window.getSelection ();"
  "  const r = document.createRange ();"
  "  r.setStart (s.focusNode, s.focusOffset);"
  "  r.setEnd (s.focusNode, s.focusOffset + 1);"
  "  const c = r.getClientRects ()[0];"
  "  const p = document.getElementById ('long').getBoundingClientRect ();"
  "  return String (c.top >= 0 && c.bottom <= window.innerHeight &&"
  "                 Math.abs (c.left - p.left) < 1); }) ()";

void
test_place_caret (void)
{
  g_autofree char *in_long = NULL;

  load_page (caret_page);
  g_free (evaluate_string (WORLD, "document.getElementById ('long').textContent ="
                                  " 'Many words in a narrow column. '.repeat (200); 'done'"));

  /* The first paragraph that starts in view, at its first letter */
  assert_places ("first", -20, no_selection, "true", "First@0");
  assert_places ("third", -100, no_selection, "true", "Third@0");
  assert_places ("fourth", -100, no_selection, "true", "Fourth@3");

  /* A caret in view stays where it is (a click put it there)… */
  assert_places ("second", -100, caret_in_second, "false", "Second@4");
  /* …one out of view goes to what is in view… */
  assert_places ("third", -100, "", "true", "Third@0");
  /* …and a selection stays, in view or not */
  assert_places ("fourth", -100, first_selected, "false", "selection:First paragraph.");

  /* No paragraph starts in view: the first line wholly in view, from its start */
  in_long = place_caret ("long", 2000, no_selection, "true");
  g_test_message ("in #long: caret %s", in_long);
  g_assert_true (g_str_has_prefix (in_long, "Many@"));
  assert_evaluates_to (at_line_start, "true");
}

/* Highlighting leaves a caret where the keyboard took the selection to, so
 * that caret browsing goes on from there. */
void
test_collapse_selection (void)
{
  load_page (caret_page);
  scroll_to ("second", -100);
  /* Selected backwards, from "more" to "paragraph": the focus is at the start */
  g_free (evaluate_string (WORLD, "(() => { const p = document.getElementById ('second');"
                                  "  window.getSelection ()"
                                  "    .setBaseAndExtent (p.lastChild, 5, p.firstChild, 7);"
                                  "  return 'done'; }) ()"));
  assert_evaluates_to ("String (window.getSelection ())", "paragraph, with more");
  assert_evaluates_to ("String (gloss.collapseSelection ())", "true");
  assert_evaluates_to (caret_script, "Second@7");
  /* Nothing selected: nothing to collapse */
  g_free (evaluate_string (WORLD, "%s; 'done'", no_selection));
  assert_evaluates_to ("String (gloss.collapseSelection ())", "true");
  assert_evaluates_to (caret_script, "none");
}

/* A key press tells C of the selection at once, as the keyboard's: the key
 * may be Ctrl+H, which must find what the keys before it selected. */
void
test_key_reports_selection (void)
{
  JsonObject *message;

  load_page (caret_page);
  scroll_to ("second", -100);
  g_free (evaluate_string (WORLD, "window.getSelection ().selectAllChildren ("
                                  "  document.getElementById ('second'));"
                                  "window.dispatchEvent (new KeyboardEvent ('keydown',"
                                  "  { key: 'h', ctrlKey: true }));"
                                  "'done'"));
  /* Here before the script's answer, not 150 ms later */
  g_assert_cmpuint (fixture.next_message, <, fixture.messages->len);
  message = wait_message ("selection", NULL, NULL);
  g_assert_false (json_object_get_boolean_member (message, "empty"));
  g_assert_false (json_object_get_boolean_member (message, "pointer"));
  g_assert_cmpstr (json_object_get_string_member (message, "exact"), ==,
                   "Second paragraph, with more.");
}
