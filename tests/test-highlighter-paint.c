/* test-highlighter-paint.c — src/web/highlighter.js paints in a real
 * WebKitWebView: the CSS highlight registry, pixels on screen, clicks,
 * flashing and scrolling; part of test-highlighter (its view and helpers are
 * in test-highlighter.c)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-highlighter-private.h"

/* (3) Painting */

static const char paint_page[] =
  "<!DOCTYPE html><html><head><title>Paint</title>"
  "<style>body { font: 32px/1.5 sans-serif; margin: 20px; background: white; color: black; }"
  "</style></head><body>\n"
  "<h1>Clouds</h1>\n"
  "<p>First <em>emphasised</em> words and a <a href=\"https://example.com/\">link</a>.</p>\n"
  "<p>Second paragraph, with <b>çà 云 👍🏽</b> text.</p>\n"
  "<ul>\n<li>Milk</li>\n<li>Bread <strong>and</strong> butter</li>\n</ul>\n"
  "<p id=\"plain\">Plain words on a white page</p>\n"
  "</body></html>";

typedef struct
{
  const char *id;
  const char *color;
  const char *exact;
} PaintCase;

static const PaintCase paint_cases[] = {
  { "a", "yellow", "words and a link.\nSecond" },   /* across paragraphs */
  { "b", "green", "link.\nSecond paragraph" },      /* overlaps a */
  { "c", "yellow", "and a link" },                  /* inside a, same colour */
  { "d", "blue", "Milk\nBread and" },               /* list items... */
  { "e", "pink", "çà 云 👍🏽" },                      /* non-ASCII, astral */
};

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The painted highlights as the registry holds them: "colour:text" of every
 * range, sorted, joined by "|". */
static const char registry_script[] =
  "[...CSS.highlights.entries ()]"
  "  .filter (([name]) => name.startsWith ('gloss-'))"
  "  .flatMap (([name, h]) => [...h].map ((r) => name.slice (6) + ':' + r.toString ()))"
  "  .sort ().join ('|')";

/* Page state that painting must not change. */
static char *
page_state (void)
{
  return evaluate_string (WORLD,
                          "JSON.stringify ([gloss.text (), document.body.innerText,"
                          "  document.body.innerHTML, document.body.scrollHeight,"
                          "  [...document.body.querySelectorAll ('*')].map ((e) => {"
                          "    const r = e.getBoundingClientRect ();"
                          "    return [r.x, r.y, r.width, r.height]; })])");
}

static gboolean
flash_is_over (gpointer data)
{
  g_autofree char *size = evaluate_string (WORLD, "CSS.highlights.get ('gloss-flash').size");

  return g_str_equal (size, "0");
}

typedef struct
{
  gboolean    done;
  GdkTexture *texture;
  GError     *error;
} Snapshot;

static void
on_snapshot (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Snapshot *snapshot = user_data;

  snapshot->texture = webkit_web_view_get_snapshot_finish (WEBKIT_WEB_VIEW (source), result,
                                                           &snapshot->error);
  snapshot->done = TRUE;
}

/* How many pixels of the visible page, within @rect (CSS pixels), are
 * clearly yellow: the colour of the "gloss-yellow" highlight on white. */
static guint
count_yellow_pixels (JsonObject *rect)
{
  Snapshot snapshot = { 0 };
  g_autofree guchar *pixels = NULL;
  int width, height, x0, y0, x1, y1;
  gsize stride;
  guint count = 0;

  webkit_web_view_get_snapshot (fixture.view, WEBKIT_SNAPSHOT_REGION_VISIBLE,
                                WEBKIT_SNAPSHOT_OPTIONS_NONE, NULL, on_snapshot, &snapshot);
  gloss_test_wait (&snapshot.done, WAIT_SECONDS, "a snapshot");
  g_assert_no_error (snapshot.error);

  width = gdk_texture_get_width (snapshot.texture);
  height = gdk_texture_get_height (snapshot.texture);
  stride = (gsize) width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (snapshot.texture, pixels, stride);   /* CAIRO_FORMAT_ARGB32 */
  g_object_unref (snapshot.texture);

  x0 = CLAMP ((int) json_object_get_double_member (rect, "x"), 0, width);
  y0 = CLAMP ((int) json_object_get_double_member (rect, "y"), 0, height);
  x1 = CLAMP (x0 + (int) json_object_get_double_member (rect, "width"), 0, width);
  y1 = CLAMP (y0 + (int) json_object_get_double_member (rect, "height"), 0, height);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 pixel = *(guint32 *) (pixels + y * stride + x * 4);
        guint r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

        if (r > 200 && g > 170 && b < 190 && r - b > 60)
          count++;
      }
  return count;
}

typedef struct
{
  JsonObject *rect;
  gboolean    shown;
} YellowWait;

static gboolean
yellow_is_shown (gpointer data)
{
  YellowWait *wait = data;
  guint count = count_yellow_pixels (wait->rect);

  return wait->shown ? count > 100 : count == 0;
}

/* Waits until the view shows yellow within @rect (or, unless @shown, none):
 * a highlight is painted on the next frame, not when paint () returns. */
static void
wait_yellow (JsonObject *rect,
             gboolean    shown)
{
  YellowWait wait = { rect, shown };

  gloss_test_wait_until (yellow_is_shown, &wait, WAIT_SECONDS,
                         shown ? "the highlight to show" : "the highlight to go");
}

static gboolean
message_id_is (JsonObject *message,
                          gpointer    data)
{
  return g_strcmp0 (json_object_get_string_member (message, "id"), data) == 0;
}

/* Sends a synthetic mouse event @type ("click" with @button 0,
 * "contextmenu" with 2) to the middle of @rect. */
static void
mouse_event_at_middle_of (JsonObject *rect,
                          const char *type,
                          int         button)
{
  double x = json_object_get_double_member (rect, "x") + json_object_get_double_member (rect, "width") / 2;
  double y = json_object_get_double_member (rect, "y") + json_object_get_double_member (rect, "height") / 2;
  g_autofree char *done = NULL;
  char xs[G_ASCII_DTOSTR_BUF_SIZE], ys[G_ASCII_DTOSTR_BUF_SIZE];

  done = evaluate_string (WORLD,
                          "document.elementFromPoint (%s, %s).dispatchEvent ("
                          "  new MouseEvent ('%s', { bubbles: true, button: %d,"
                          "    clientX: %s, clientY: %s })); 'sent'",
                          g_ascii_dtostr (xs, sizeof xs, x), g_ascii_dtostr (ys, sizeof ys, y),
                          type, button, xs, ys);
  g_assert_cmpstr (done, ==, "sent");
}

static void
click_at_middle_of (JsonObject *rect)
{
  mouse_event_at_middle_of (rect, "click", 0);
}

void
test_paint (void)
{
  g_autofree char *text = c_document_text (paint_page);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *registry = NULL;
  g_autofree char *painted_ids = NULL;
  g_autoptr(GString) list = g_string_new ("[");
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) rect_c = NULL;
  g_autoptr(JsonNode) rect_plain = NULL;
  g_autofree char *expected_registry = NULL;
  g_autofree char *result = NULL;
  JsonObject *ready;
  JsonObject *activate;
  gint64 start, end;

  ready = load_page (paint_page);
  g_test_message ("Custom Highlight API: %s",
                  json_object_get_boolean_member (ready, "highlightApi") ? "yes" : "no");
  g_assert_true (json_object_get_boolean_member (ready, "highlightApi"));
  before = page_state ();

  for (guint i = 0; i < G_N_ELEMENTS (paint_cases); i++)
    {
      gloss_test_find_unique (text, paint_cases[i].exact, &start, &end);
      g_string_append_printf (list, "%s{\"id\": \"%s\", \"color\": \"%s\", \"start\": %"
                              G_GINT64_FORMAT ", \"end\": %" G_GINT64_FORMAT "}",
                              i > 0 ? ", " : "", paint_cases[i].id, paint_cases[i].color,
                              start, end);
      g_ptr_array_add (expected, g_strdup_printf ("%s:%s", paint_cases[i].color,
                                                  paint_cases[i].exact));
    }
  g_string_append (list, "]");
  g_ptr_array_sort (expected, compare_strings);
  g_ptr_array_add (expected, NULL);
  expected_registry = g_strjoinv ("|", (char **) expected->pdata);

  result = evaluate_string (WORLD, "gloss.paint (%s)", list->str);
  g_assert_cmpstr (result, ==, "5");

  /* Each highlight covers exactly its text, across nodes and paragraphs */
  registry = evaluate_string (WORLD, "%s", registry_script);
  g_assert_cmpstr (registry, ==, expected_registry);

  /* and nothing of the page changed: text model, innerText, DOM, layout */
  after = page_state ();
  g_assert_cmpstr (after, ==, before);

  /* painted () lists them in document order */
  painted_ids = evaluate_string (WORLD, "gloss.painted ().map ((h) => h.id).join ()");
  g_assert_cmpstr (painted_ids, ==, "a,c,b,e,d");

  /* It shows: yellow pixels where a yellow highlight is, none once it is gone */
  gloss_test_find_unique (text, "Plain words on a white page", &start, &end);
  g_free (result);
  result = evaluate_string (WORLD, "gloss.paint ([{ id: 'plain', color: 'yellow', start: %"
                            G_GINT64_FORMAT ", end: %" G_GINT64_FORMAT " }])", start, end);
  g_assert_cmpstr (result, ==, "1");
  rect_plain = evaluate_json (WORLD, "gloss.scrollTo ('plain')");
  assert_rect_visible (json_node_get_object (rect_plain));
  wait_yellow (json_node_get_object (rect_plain), TRUE);
  g_assert_cmpuint (count_yellow_pixels (json_node_get_object (rect_plain)), >, 100);
  assert_evaluates_to ("gloss.unpaint ('plain')", "true");
  wait_yellow (json_node_get_object (rect_plain), FALSE);
  g_assert_cmpuint (count_yellow_pixels (json_node_get_object (rect_plain)), ==, 0);

  /* A click on the overlap of a and c activates the inner one, c */
  assert_evaluates_to ("window.scrollTo (0, 0); 'scrolled'", "scrolled");
  rect_c = evaluate_json (WORLD, "gloss.scrollTo ('c')");
  click_at_middle_of (json_node_get_object (rect_c));
  activate = wait_message ("activate", message_id_is, (gpointer) "c");
  assert_rect_visible (json_object_get_object_member (activate, "rect"));

  /* A right-click there says which highlight it is on, for the context menu */
  mouse_event_at_middle_of (json_node_get_object (rect_c), "contextmenu", 2);
  wait_message ("context", message_id_is, (gpointer) "c");

  /* A right-click outside every highlight is on none, and a click there
   * activates nothing */
  fixture.next_message = fixture.messages->len;
  {
    g_autoptr(JsonNode) rect_h1 = evaluate_json (WORLD,
                                                 "(() => { const b = document.querySelector ('h1')"
                                                 "  .getBoundingClientRect ();"
                                                 "  return { x: b.x, y: b.y, width: b.width,"
                                                 "           height: b.height }; }) ()");
    guint n_messages;

    mouse_event_at_middle_of (json_node_get_object (rect_h1), "contextmenu", 2);
    wait_message ("context", message_id_is, NULL);
    n_messages = fixture.messages->len;
    click_at_middle_of (json_node_get_object (rect_h1));
    /* A check that no message comes: nothing to wait on but time. */
    gloss_test_run_for (300);
    for (guint i = n_messages; i < fixture.messages->len; i++)
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (
                         g_ptr_array_index (fixture.messages, i)), "type"), !=, "activate");
  }

  /* Flash shows it above the colours for a moment */
  assert_evaluates_to ("gloss.flash ('d')", "true");
  g_free (result);
  result = evaluate_string (WORLD, "[...CSS.highlights.get ('gloss-flash')].map (String).join ()");
  g_assert_cmpstr (result, ==, "Milk\nBread and");
  gloss_test_wait_until (flash_is_over, NULL, 10, "the flash to end");

  /* Unpainting one leaves the others; repainting an id moves it */
  g_free (result);
  result = evaluate_string (WORLD, "[gloss.unpaint ('c'), gloss.unpaint ('c'), gloss.flash ('c'),"
                                   " gloss.scrollTo ('c')].join ()");
  g_assert_cmpstr (result, ==, "true,false,false,");
  g_free (registry);
  registry = evaluate_string (WORLD, "%s", registry_script);
  g_assert_cmpstr (registry, ==,
                   "blue:Milk\nBread and|green:link.\nSecond paragraph|"
                   "pink:çà 云 👍🏽|yellow:words and a link.\nSecond");
  gloss_test_find_unique (text, "emphasised", &start, &end);
  g_free (result);
  result = evaluate_string (WORLD, "gloss.paint ([{ id: 'a', color: 'purple', start: %"
                            G_GINT64_FORMAT ", end: %" G_GINT64_FORMAT " }])", start, end);
  g_free (registry);
  registry = evaluate_string (WORLD, "%s", registry_script);
  g_assert_cmpstr (registry, ==,
                   "blue:Milk\nBread and|green:link.\nSecond paragraph|"
                   "pink:çà 云 👍🏽|purple:emphasised");

  /* clear () removes them all, and still nothing of the page changed */
  g_free (result);
  result = evaluate_string (WORLD, "gloss.clear (); gloss.painted ().length");
  g_assert_cmpstr (result, ==, "0");
  g_free (registry);
  registry = evaluate_string (WORLD, "%s", registry_script);
  g_assert_cmpstr (registry, ==, "");
  g_free (after);
  assert_evaluates_to ("window.scrollTo (0, 0); 'scrolled'", "scrolled");
  after = page_state ();
  g_assert_cmpstr (after, ==, before);
}

/* scrollTo () brings a highlight far down the page into view */
void
test_scroll (void)
{
  g_autoptr(GString) html = g_string_new ("<body>");
  g_autofree char *text = NULL;
  g_autofree char *result = NULL;
  g_autoptr(JsonNode) rect = NULL;
  gint64 start, end;
  g_autofree char *inner_height = NULL;
  double y, height;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (html, "<p>Paragraph number %u of a long article.</p>\n", i);
  g_string_append (html, "</body>");
  text = c_document_text (html->str);

  load_page (html->str);
  gloss_test_find_unique (text, "number 180 of", &start, &end);
  result = evaluate_string (WORLD, "gloss.paint ([{ id: 'far', color: 'green', start: %"
                            G_GINT64_FORMAT ", end: %" G_GINT64_FORMAT " }])", start, end);
  g_assert_cmpstr (result, ==, "1");
  rect = evaluate_json (WORLD, "gloss.scrollTo ('far')");
  g_assert_nonnull (rect);
  y = json_object_get_double_member (json_node_get_object (rect), "y");
  inner_height = evaluate_string (WORLD, "window.innerHeight");
  height = g_ascii_strtod (inner_height, NULL);
  g_test_message ("highlight at y = %g of %g", y, height);
  g_assert_cmpfloat (y, >=, 0);
  g_assert_cmpfloat (y, <, height);
  g_free (result);
  result = evaluate_string (WORLD, "String (window.scrollY > 1000)");
  g_assert_cmpstr (result, ==, "true");
}
