/* test-annotate.c — highlighting and annotating in a real WebKitWebView:
 * GlossHighlighter, GlossHighlightPopover and GlossAnnotator against the
 * sidecar on disk; reopening, orphans and the annotations pane are in
 * test-annotate-pane.c, the same program (the tests run in order, each on
 * what the one before left)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb: xvfb-run -a -s "-screen 0 1280x1024x24" test-annotate
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "gloss-anchor.h"
#include "gloss-highlight-popover.h"
#include "gloss-ui.h"
#include "test-annotate-private.h"

static const char article_html[] =
  "<!DOCTYPE html>\n"
  "<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
  "<title>Clouds and Bridges</title>\n"
  "<meta name=\"author\" content=\"Ada Example\">\n"
  "<meta name=\"gloss:source\" content=\"https://example.com/clouds\">\n"
  "<meta name=\"gloss:saved\" content=\"2026-11-26T10:00:00Z\">\n"
  "<meta name=\"gloss:mode\" content=\"reader\">\n"
  "<style>body { font: 18px/1.5 sans-serif; margin: 24px; max-width: 40em; }</style>\n"
  "</head><body><article>\n"
  "<h1>Clouds and Bridges</h1>\n"
  "<p>The quick brown fox watches the clouds drift over the valley.</p>\n"
  "<p>Clouds form when <em>warm, moist air</em> rises and <strong>cools below its "
  "<a href=\"https://example.com/dew\">dew point</a></strong>, so droplets condense.</p>\n"
  "<p>Second paragraph: engineers in the committee argued about the bridge for years.</p>\n"
  "<ul>\n<li>Steel cables</li>\n<li>Concrete <b>towers</b> and decks</li>\n</ul>\n"
  "<p lang=\"fr\">Un café très naïve — 云 水滴 👍🏽 à Zürich.</p>\n"
  "<p>Last words of the article, far from the others.</p>\n"
  "</article></body></html>";

static char *library;
static char *archive_path;
static char *sidecar_path;
static char *text;          /* the text model, as C computes it */
Viewer viewer;

/* JavaScript */

/* Runs @body as a function in @world, with @args (a{sv}, nullable, floating)
 * as its variables: the test passes text as data too, never as code. */
static char *
call_string (const char *world,
             const char *body,
             GVariant   *args)
{
  return gloss_test_call_string (viewer.view, world, body, args);
}

JsonNode *
call_json (const char *world,
           const char *body,
           GVariant   *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = gloss_test_call (viewer.view, world, body, args, &error);

  g_assert_no_error (error);
  return gloss_test_value_to_json (value);
}

static GVariant *
strings_args (const char *name1,
              const char *value1,
              const char *name2,
              const char *value2)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, name1, "s", value1);
  if (name2 != NULL)
    g_variant_dict_insert (&dict, name2, "s", value2);
  return g_variant_dict_end (&dict);
}

/* The sidecar on disk */

static gboolean
saves_landed (gpointer data)
{
  return viewer.annotator == NULL || !gloss_annotator_get_saving (viewer.annotator);
}

/* Saves run off the main thread: what is on disk once they have landed. */
GlossSidecar *
load_disk (void)
{
  g_autoptr(GError) error = NULL;
  GlossSidecar *sidecar;

  gloss_test_wait_until (saves_landed, NULL, WAIT_SECONDS, "the saves to land");
  sidecar = gloss_sidecar_load (sidecar_path, &error);

  g_assert_no_error (error);
  return sidecar;
}

gboolean
has_tombstone (GlossSidecar *sidecar,
               const char   *id)
{
  for (guint i = 0; i < sidecar->deleted->len; i++)
    if (g_strcmp0 (((GlossTombstone *) sidecar->deleted->pdata[i])->id, id) == 0)
      return TRUE;
  return FALSE;
}

/* Opening the article */

static void
on_ready (GlossHighlighter *highlighter,
          guint             length,
          gpointer          user_data)
{
  viewer.n_ready++;
}

static void
on_selection_changed (GlossHighlighter *highlighter,
                      GlossSelection   *selection,
                      gpointer          user_data)
{
  viewer.n_selections++;
  g_free (viewer.last_exact);
  viewer.last_exact = selection != NULL ? g_strdup (selection->exact) : NULL;
}

static void
on_highlight_activated (GlossHighlighter   *highlighter,
                        const char         *id,
                        const GdkRectangle *rect,
                        gpointer            user_data)
{
  g_assert_nonnull (id);
  g_assert_cmpint (rect->width, >, 0);
  g_assert_cmpint (rect->height, >, 0);
  viewer.n_activations++;
}

static void
on_changed (GlossAnnotator *annotator,
            gpointer        user_data)
{
  viewer.n_changed++;
}

static gboolean
is_painted_count (gpointer data)
{
  g_autofree char *count = call_string (WORLD, "return gloss.painted ().length;", NULL);

  return g_ascii_strtoull (count, NULL, 10) == GPOINTER_TO_UINT (data);
}

/* A window with the article in a view, the highlighter and the annotator;
 * returns once the script is ready and @n_painted highlights are painted. */
void
open_viewer (guint n_painted)
{
  g_autoptr(WebKitNetworkSession) session = webkit_network_session_new_ephemeral ();
  g_autoptr(WebKitSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  GlossArticle *article;

  memset (&viewer, 0, sizeof viewer);
  settings = webkit_settings_new_with_settings ("enable-javascript-markup", FALSE,
                                                "enable-developer-extras", FALSE, NULL);
  viewer.view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                              "network-session", session,
                              "settings", settings,
                              NULL);
  viewer.overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (viewer.overlay, GTK_WIDGET (viewer.view));
  viewer.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (viewer.window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (viewer.window), GTK_WIDGET (viewer.overlay));
  gtk_window_present (GTK_WINDOW (viewer.window));

  viewer.highlighter = gloss_highlighter_new (viewer.view);
  g_signal_connect (viewer.highlighter, "ready", G_CALLBACK (on_ready), NULL);
  g_signal_connect (viewer.highlighter, "selection-changed", G_CALLBACK (on_selection_changed), NULL);
  g_signal_connect (viewer.highlighter, "highlight-activated",
                    G_CALLBACK (on_highlight_activated), NULL);

  article = gloss_library_open_article (archive_path, &error);
  g_assert_no_error (error);
  viewer.annotator = gloss_annotator_new (viewer.view, viewer.highlighter, article,
                                          viewer.overlay);
  g_signal_connect (viewer.annotator, "changed", G_CALLBACK (on_changed), NULL);
  gtk_widget_insert_action_group (viewer.window, "annotate",
                                  gloss_annotator_get_action_group (viewer.annotator));

  uri = g_filename_to_uri (archive_path, NULL, &error);
  g_assert_no_error (error);
  webkit_web_view_load_uri (viewer.view, uri);
  gloss_test_wait_load_finished (viewer.view, "the article to load");
  gloss_test_wait_until ((GlossTestPredicate) gloss_highlighter_get_ready, viewer.highlighter,
                         WAIT_SECONDS, "the highlighter to be ready");
  g_assert_cmpuint (gloss_highlighter_get_text_length (viewer.highlighter), ==,
                    g_utf8_strlen (text, -1));
  gloss_test_wait_until (is_painted_count, GUINT_TO_POINTER (n_painted), WAIT_SECONDS,
                         "the stored highlights to be painted");
}

void
close_viewer (void)
{
  g_autoptr(GlossHighlightPopover) popover = g_object_ref (gloss_annotator_get_popover (viewer.annotator));

  g_assert_finalize_object (viewer.annotator);
  g_assert_finalize_object (viewer.highlighter);
  /* Unparented from the view. (Not asserted finalized: on GTK 4.8 a popover
   * whose GtkTextView had the focus keeps one reference we do not own.) */
  g_assert_null (gtk_widget_get_parent (GTK_WIDGET (popover)));
  gloss_ui_test_destroy_window (GTK_WINDOW (viewer.window));
  g_clear_pointer (&viewer.last_exact, g_free);
  memset (&viewer, 0, sizeof viewer);
}

/* Selecting and choosing */

static const char select_body[] =
  "const find = (s) => {"
  "  const walker = document.createTreeWalker (document.body, NodeFilter.SHOW_TEXT);"
  "  for (let node; (node = walker.nextNode ()) !== null;) {"
  "    const i = node.data.indexOf (s);"
  "    if (i >= 0) return [node, i];"
  "  }"
  "  throw new Error ('no text node holds ' + s);"
  "};"
  "const [first, i] = find (from);"
  "const [last, j] = find (to);"
  "const r = document.createRange ();"
  "r.setStart (first, i);"
  "r.setEnd (last, j + to.length);"
  "const s = window.getSelection ();"
  "s.removeAllRanges ();"
  "s.addRange (r);"
  "return r.toString ();";

static gboolean
selection_is (gpointer data)
{
  return g_strcmp0 (viewer.last_exact, data) == 0;
}

/* Selects from the start of @from to the end of @to (each within one text
 * node) and waits for the highlighter to report it as @exact. */
static void
select_text (const char *from,
             const char *to,
             const char *exact)
{
  g_autofree char *selected = NULL;
  GtkWidget *popover = GTK_WIDGET (gloss_annotator_get_popover (viewer.annotator));

  selected = call_string (WORLD, select_body, strings_args ("from", from, "to", to));
  g_test_message ("selected \"%s\"", selected);
  gloss_test_wait_until (selection_is, (gpointer) exact, WAIT_SECONDS,
                         "the selection to be reported");
  /* and the popover comes up at it */
  gloss_test_wait_until ((GlossTestPredicate) gtk_widget_get_visible, popover, WAIT_SECONDS,
                         "the popover");
}

static gboolean
selection_is_empty (gpointer data)
{
  return viewer.last_exact == NULL;
}

typedef struct
{
  const char *exact;
  const char *color;   /* NULL: gone */
} DiskWait;

static gboolean
disk_has (gpointer data)
{
  DiskWait *wait = data;
  g_autoptr(GlossSidecar) sidecar = load_disk ();
  GlossAnnotation *annotation = gloss_test_find_by_exact (sidecar, wait->exact);

  if (wait->color == NULL)
    return annotation == NULL;
  return annotation != NULL && g_strcmp0 (annotation->color, wait->color) == 0;
}

static void
wait_disk (const char *exact,
           const char *color)
{
  DiskWait wait = { exact, color };

  gloss_test_wait_until (disk_has, &wait, WAIT_SECONDS, "the sidecar on disk");
}

typedef struct
{
  const char *id;
  const char *color;   /* NULL: not painted */
} PaintWait;

static gboolean
is_painted (gpointer data)
{
  PaintWait *wait = data;
  g_autofree char *color = call_string (WORLD,
                                        "const h = gloss.painted ().find ((h) => h.id === id);"
                                        "return h ? h.color : 'none';",
                                        strings_args ("id", wait->id, NULL, NULL));

  return g_strcmp0 (color, wait->color ? wait->color : "none") == 0;
}

void
wait_painted (const char *id,
              const char *color)
{
  PaintWait wait = { id, color };

  gloss_test_wait_until (is_painted, &wait, WAIT_SECONDS, "the highlight to be painted");
}

/* Selects, picks @color in the popover, and checks the sidecar on disk and
 * the page; returns the new annotation's id. */
static char *
highlight (const char *from,
           const char *to,
           const char *exact,
           const char *color)
{
  GlossHighlightPopover *popover = gloss_annotator_get_popover (viewer.annotator);
  g_autoptr(GlossSidecar) disk = NULL;
  g_autofree char *painted = NULL;
  GlossAnnotation *annotation;
  gint64 start, end;

  select_text (from, to, exact);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popover), "highlight.color", "s", color));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* On disk at once, with selectors that are those of C's text model */
  disk = load_disk ();
  annotation = gloss_test_find_by_exact (disk, exact);
  g_assert_nonnull (annotation);
  gloss_test_find_unique (text, exact, &start, &end);
  g_assert_cmpstr (annotation->color, ==, color);
  g_assert_cmpint (annotation->start, ==, start);
  g_assert_cmpint (annotation->end, ==, end);
  g_assert_null (annotation->note);
  g_assert_true (g_str_has_prefix (annotation->id, "urn:uuid:"));
  g_assert_nonnull (gloss_sidecar_find (gloss_annotator_get_article (viewer.annotator)->sidecar,
                                        annotation->id));

  /* painted over exactly that text, and the selection gone */
  wait_painted (annotation->id, color);
  painted = call_string (WORLD,
                         "const h = gloss.painted ().find ((h) => h.id === id);"
                         "return [...gloss.text ()].slice (h.start, h.end).join ('');",
                         strings_args ("id", annotation->id, NULL, NULL));
  g_assert_cmpstr (painted, ==, exact);
  gloss_test_wait_until (selection_is_empty, NULL, WAIT_SECONDS, "the selection to be cleared");
  return g_strdup (annotation->id);
}

static gboolean
activated_since (gpointer data)
{
  return viewer.n_activations > GPOINTER_TO_UINT (data);
}

/* A primary click in the middle of the highlight @id, as a user's; waits
 * for the popover to come up for it. */
static void
click_highlight (const char *id)
{
  GtkWidget *popover = GTK_WIDGET (gloss_annotator_get_popover (viewer.annotator));
  guint n = viewer.n_activations;
  g_autofree char *done = NULL;

  done = call_string (WORLD,
                      "const rect = gloss.scrollTo (id);"
                      "const x = rect.x + rect.width / 2;"
                      "const y = rect.y + rect.height / 2;"
                      "document.elementFromPoint (x, y).dispatchEvent ("
                      "  new MouseEvent ('click', { bubbles: true, button: 0,"
                      "                             clientX: x, clientY: y }));"
                      "return 'clicked';",
                      strings_args ("id", id, NULL, NULL));
  g_assert_cmpstr (done, ==, "clicked");
  gloss_test_wait_until (activated_since, GUINT_TO_POINTER (n), WAIT_SECONDS,
                         "the click on a highlight");
  gloss_test_wait_until ((GlossTestPredicate) gtk_widget_get_visible, popover, WAIT_SECONDS,
                         "the popover");
  g_assert_cmpstr (gloss_annotator_get_current (viewer.annotator), ==, id);
}

/* Tests */

static const char *colors[] = { "yellow", "green", "blue", "pink", "purple" };

typedef struct
{
  const char *from;
  const char *to;
  const char *exact;
} Passage;

static const Passage passages[] = {
  /* within a paragraph */
  { "quick", "fox", "quick brown fox" },
  /* across two paragraphs */
  { "over the valley", "Clouds form", "over the valley.\nClouds form" },
  /* across emphasis, strong and a link */
  { "moist air", "dew", "moist air rises and cools below its dew" },
  /* non-ASCII, an astral code point with its modifier */
  { "café", "👍🏽", "café très naïve — 云 水滴 👍🏽" },
  /* across list items and bold */
  { "cables", "towers", "cables\nConcrete towers" },
};

static char *ids[G_N_ELEMENTS (passages) + 1];

static void
test_create (void)
{
  g_autoptr(GlossSidecar) disk = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (passages); i++)
    ids[i] = highlight (passages[i].from, passages[i].to, passages[i].exact, colors[i]);

  /* Overlapping the first two: "fox watches ... drift" */
  ids[G_N_ELEMENTS (passages)] = highlight ("fox watches", "drift", "fox watches the clouds drift",
                                            "green");

  disk = load_disk ();
  g_assert_cmpuint (disk->annotations->len, ==, G_N_ELEMENTS (ids));
  g_assert_true (is_painted_count (GUINT_TO_POINTER (G_N_ELEMENTS (ids))));
  g_assert_false (gloss_annotator_get_unsaved (viewer.annotator));
}

/* Types @note into the popover's note editor and closes it with Done. */
static void
write_note (const char *note)
{
  GlossHighlightPopover *popover = gloss_annotator_get_popover (viewer.annotator);
  GtkTextView *text_view;

  g_assert_true (gloss_highlight_popover_get_editing (popover));
  text_view = gloss_ui_test_find_text_view (GTK_WIDGET (popover));
  g_assert_nonnull (text_view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view), note, -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popover), "highlight.save-note", NULL));
  g_assert_false (gloss_highlight_popover_get_editing (popover));
}

static void
test_note (void)
{
  GlossHighlightPopover *popover = gloss_annotator_get_popover (viewer.annotator);
  g_autoptr(GlossSidecar) disk = NULL;
  g_autoptr(GlossSidecar) disk2 = NULL;
  g_autoptr(GlossSidecar) disk3 = NULL;
  GlossAnnotation *annotation;
  g_autofree char *raw = NULL;
  const char *exact = "engineers in the committee";

  /* "Add Note" on a selection highlights it (last colour) and opens the note */
  select_text ("engineers", "committee", exact);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popover), "highlight.note", NULL));
  write_note ("Who *were* they? <b>not html</b> — «quoted»");
  disk = load_disk ();
  annotation = gloss_test_find_by_exact (disk, exact);
  g_assert_nonnull (annotation);
  g_assert_cmpstr (annotation->color, ==, "green");   /* the last one chosen */
  g_assert_cmpstr (annotation->note, ==, "Who *were* they? <b>not html</b> — «quoted»");
  g_file_get_contents (sidecar_path, &raw, NULL, NULL);
  g_assert_nonnull (strstr (raw, "\"commenting\""));
  wait_painted (annotation->id, "green");

  /* A click on it: Edit Note changes it; a colour recolours it */
  click_highlight (annotation->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popover), "highlight.note", NULL));
  write_note ("Edited note");
  disk2 = load_disk ();
  g_assert_cmpstr (gloss_sidecar_find (disk2, annotation->id)->note, ==, "Edited note");

  click_highlight (annotation->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popover), "highlight.color", "s", "purple"));
  wait_disk (exact, "purple");
  wait_painted (annotation->id, "purple");

  /* Emptying the note removes it */
  click_highlight (annotation->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popover), "highlight.note", NULL));
  write_note ("  ");
  disk3 = load_disk ();
  g_assert_null (gloss_sidecar_find (disk3, annotation->id)->note);
  g_assert_cmpuint (disk3->annotations->len, ==, G_N_ELEMENTS (ids) + 1);
  gtk_widget_activate_action (GTK_WIDGET (popover), "highlight.note", NULL);
  write_note ("Back again");
}

static void
test_delete_undo (void)
{
  GlossHighlightPopover *popover = gloss_annotator_get_popover (viewer.annotator);
  GActionGroup *actions = gloss_annotator_get_action_group (viewer.annotator);
  g_autoptr(GlossSidecar) before = load_disk ();
  g_autoptr(GlossSidecar) deleted = NULL;
  g_autoptr(GlossSidecar) restored = NULL;
  GlossAnnotation *original = gloss_test_find_by_exact (before, passages[3].exact);
  GlossAnnotation *back;

  g_assert_nonnull (original);
  click_highlight (original->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popover), "highlight.delete", NULL));

  deleted = load_disk ();
  g_assert_null (gloss_test_find_by_exact (deleted, passages[3].exact));
  g_assert_true (has_tombstone (deleted, original->id));
  g_assert_cmpuint (deleted->annotations->len, ==, before->annotations->len - 1);
  wait_painted (original->id, NULL);
  g_assert_true (g_action_group_get_action_enabled (actions, "undo-delete"));

  /* Undo ("Undo" on the toast) */
  g_action_group_activate_action (actions, "undo-delete", NULL);
  restored = load_disk ();
  back = gloss_test_find_by_exact (restored, passages[3].exact);
  g_assert_nonnull (back);
  g_assert_cmpstr (back->color, ==, original->color);
  g_assert_cmpint (back->start, ==, original->start);
  g_assert_cmpint (back->end, ==, original->end);
  g_assert_cmpstr (back->created, ==, original->created);
  g_assert_cmpuint (restored->annotations->len, ==, before->annotations->len);
  wait_painted (back->id, original->color);
  g_assert_false (g_action_group_get_action_enabled (actions, "undo-delete"));
}

/* Keyboard: next and previous go in document order; delete the current one */
static void
test_keyboard (void)
{
  GActionGroup *actions = gloss_annotator_get_action_group (viewer.annotator);
  GlossArticle *article = gloss_annotator_get_article (viewer.annotator);
  g_autoptr(GPtrArray) ordered = gloss_article_annotations_in_order (article);
  g_autoptr(GlossSidecar) disk = NULL;
  const char *first = ((GlossAnnotation *) ordered->pdata[0])->id;
  const char *second = ((GlossAnnotation *) ordered->pdata[1])->id;
  const char *last = ((GlossAnnotation *) ordered->pdata[ordered->len - 1])->id;
  g_autofree char *doomed = NULL;

  /* from the last, next wraps to the first */
  gloss_annotator_reveal (viewer.annotator, last);
  g_assert_cmpstr (gloss_annotator_get_current (viewer.annotator), ==, last);
  g_action_group_activate_action (actions, "next-highlight", NULL);
  g_assert_cmpstr (gloss_annotator_get_current (viewer.annotator), ==, first);
  g_action_group_activate_action (actions, "next-highlight", NULL);
  g_assert_cmpstr (gloss_annotator_get_current (viewer.annotator), ==, second);
  g_action_group_activate_action (actions, "previous-highlight", NULL);
  g_action_group_activate_action (actions, "previous-highlight", NULL);
  g_assert_cmpstr (gloss_annotator_get_current (viewer.annotator), ==, last);

  /* Highlight with the keyboard, in a chosen colour, then delete it */
  select_text ("Last words", "article", "Last words of the article");
  g_action_group_activate_action (actions, "highlight-color", g_variant_new_string ("blue"));
  wait_disk ("Last words of the article", "blue");
  doomed = g_strdup (gloss_annotator_get_current (viewer.annotator));
  wait_painted (doomed, "blue");
  g_assert_true (g_action_group_get_action_enabled (actions, "delete-highlight"));
  g_action_group_activate_action (actions, "delete-highlight", NULL);
  wait_disk ("Last words of the article", NULL);
  wait_painted (doomed, NULL);
  disk = load_disk ();
  g_assert_true (has_tombstone (disk, doomed));
}

/* A save that fails keeps the change, says so, and is retried */
static void
test_save_failure (void)
{
  g_autoptr(GlossSidecar) disk = NULL;
  g_autofree char *blocker = g_build_filename (sidecar_path, "blocker", NULL);
  g_autofree char *saved = NULL;
  GlossArticle *article = gloss_annotator_get_article (viewer.annotator);
  GlossAnnotation *annotation;
  g_autofree char *id = NULL;

  /* A directory where the file was: rename () over it fails, even as root */
  g_assert_true (g_file_get_contents (sidecar_path, &saved, NULL, NULL));
  g_assert_cmpint (g_unlink (sidecar_path), ==, 0);
  g_assert_cmpint (g_mkdir (sidecar_path, 0755), ==, 0);
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  /* The file monitor reports it, and the delayed reload finds no file to
   * merge: nothing is to happen, so nothing to wait on but time. */
  gloss_test_run_for (300);

  select_text ("about the", "bridge", "about the bridge");
  g_action_group_activate_action (gloss_annotator_get_action_group (viewer.annotator),
                                  "highlight", NULL);
  gloss_test_wait_until (saves_landed, NULL, WAIT_SECONDS, "the save to fail");
  g_assert_true (gloss_annotator_get_unsaved (viewer.annotator));
  annotation = gloss_test_find_by_exact (article->sidecar, "about the bridge");
  g_assert_nonnull (annotation);
  id = g_strdup (annotation->id);
  wait_painted (id, "blue");

  /* The folder is fixed; the next change saves both */
  g_assert_cmpint (g_unlink (blocker), ==, 0);
  g_assert_cmpint (g_rmdir (sidecar_path), ==, 0);
  /* Again: that the annotator does nothing on its own, so only time. */
  gloss_test_run_for (300);
  g_assert_true (gloss_annotator_get_unsaved (viewer.annotator));
  click_highlight (id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (gloss_annotator_get_popover (viewer.annotator)),
                                             "highlight.color", "s", "yellow"));
  gloss_test_wait_until (saves_landed, NULL, WAIT_SECONDS, "the save to land");
  g_assert_false (gloss_annotator_get_unsaved (viewer.annotator));
  disk = load_disk ();
  g_assert_nonnull (gloss_sidecar_find (disk, id));
  g_assert_cmpstr (gloss_sidecar_find (disk, id)->color, ==, "yellow");
  g_assert_nonnull (gloss_test_find_by_exact (disk, passages[0].exact));
}

/* Another program writes the sidecar while it is open: merged, not lost */
static gboolean
memory_has (gpointer data)
{
  GlossArticle *article = gloss_annotator_get_article (viewer.annotator);

  return gloss_sidecar_find (article->sidecar, data) != NULL;
}

static void
test_external_change (void)
{
  GlossArticle *article = gloss_annotator_get_article (viewer.annotator);
  g_autoptr(GlossSidecar) theirs = load_disk ();
  g_autoptr(GlossSidecar) disk = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *temporary = g_strconcat (sidecar_path, ".sync-tmp", NULL);
  g_autofree char *new_id = NULL;
  g_autofree char *mine_id = NULL;
  GlossAnnotation *added = gloss_annotation_new ();
  GlossAnnotation *mine;
  guint n_changed = viewer.n_changed;

  /* An edit in memory not yet saved (as the pane's typing may be) */
  mine = gloss_test_find_by_exact (article->sidecar, passages[0].exact);
  mine_id = g_strdup (mine->id);
  g_free (mine->note);
  mine->note = g_strdup ("typed, not saved yet");
  gloss_annotation_touch (mine);

  /* Theirs: the file as on disk, with one more annotation, written the way
   * sync tools do (a temporary file renamed over it) */
  added->color = g_strdup ("pink");
  gloss_test_find_unique (text, "drift over the valley", &added->start, &added->end);
  gloss_anchor_describe (text, added->start, added->end, &added->exact, &added->prefix,
                         &added->suffix);
  new_id = g_strdup (added->id);
  gloss_sidecar_add (theirs, added);
  g_free (theirs->path);
  theirs->path = g_strdup (temporary);
  g_assert_true (gloss_sidecar_save (theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_rename (temporary, sidecar_path), ==, 0);

  gloss_test_wait_until (memory_has, new_id, WAIT_SECONDS, "the external change to be merged");
  g_assert_cmpuint (viewer.n_changed, >, n_changed);
  wait_painted (new_id, "pink");
  /* nothing typed was lost */
  g_assert_cmpstr (gloss_sidecar_find (article->sidecar, mine_id)->note, ==,
                   "typed, not saved yet");

  /* and the next save writes both */
  gloss_annotator_save (viewer.annotator);
  disk = load_disk ();
  g_assert_nonnull (gloss_sidecar_find (disk, new_id));
  g_assert_cmpstr (gloss_sidecar_find (disk, mine_id)->note, ==, "typed, not saved yet");
}

/* The command line adds highlights while the window makes its own: every
 * one of both ends up on disk, and the window shows the others'. */
typedef struct
{
  GPtrArray *ids;      /* printed by the processes that succeeded */
  guint      running;
} Processes;

static void
on_annotate_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Processes *processes = user_data;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (G_SUBPROCESS (source)), ==, 0);
  g_ptr_array_add (processes->ids, g_strdup (g_strstrip (out)));
  processes->running--;
  g_object_unref (source);
}

static gboolean
processes_done (gpointer data)
{
  return ((Processes *) data)->running == 0;
}

static gboolean
memory_has_all (gpointer data)
{
  GPtrArray *wanted = data;

  for (guint i = 0; i < wanted->len; i++)
    if (!memory_has (wanted->pdata[i]))
      return FALSE;
  return TRUE;
}

static void
test_cli_alongside (void)
{
  static const char *quotes[] = { "in the committee argued", "about the bridge for years",
                                  "Steel cables", "and decks", "so droplets condense",
                                  "far from the others" };
  Processes processes = { g_ptr_array_new_with_free_func (g_free), G_N_ELEMENTS (quotes) };
  g_autoptr(GlossSidecar) disk = NULL;
  g_autofree char *mine1 = NULL;
  g_autofree char *mine2 = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      g_autoptr(GError) error = NULL;
      GSubprocess *process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                               &error, g_getenv ("GLOSS_BINARY"), "annotate",
                                               archive_path, "--quote", quotes[i], NULL);

      g_assert_no_error (error);
      g_subprocess_communicate_utf8_async (process, NULL, NULL, on_annotate_done, &processes);
    }
  mine1 = highlight ("Second", "engineers", "Second paragraph: engineers", "blue");
  mine2 = highlight ("Un", "café", "Un café", "purple");
  gloss_test_wait_until (processes_done, &processes, WAIT_SECONDS, "the gloss annotate processes");

  gloss_test_wait_until (memory_has_all, processes.ids, WAIT_SECONDS,
                         "the window to take in the command line's highlights");
  wait_painted (processes.ids->pdata[0], "yellow");
  disk = load_disk ();
  for (guint i = 0; i < processes.ids->len; i++)
    g_assert_nonnull (gloss_sidecar_find (disk, processes.ids->pdata[i]));
  g_assert_nonnull (gloss_sidecar_find (disk, mine1));
  g_assert_nonnull (gloss_sidecar_find (disk, mine2));
  g_ptr_array_unref (processes.ids);
}

/* "Copy Notes as Markdown" */
typedef struct
{
  gboolean  done;
  char     *text;
} ClipboardRead;

static void
on_clipboard_read (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  read->done = TRUE;
}

static void
test_copy_notes (void)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (viewer.view));
  ClipboardRead read = { 0 };

  g_action_group_activate_action (gloss_annotator_get_action_group (viewer.annotator),
                                  "copy-notes", NULL);
  gdk_clipboard_read_text_async (clipboard, NULL, on_clipboard_read, &read);
  gloss_test_wait (&read.done, WAIT_SECONDS, "the clipboard");
  g_assert_nonnull (read.text);
  g_test_message ("%s", read.text);
  g_assert_true (g_str_has_prefix (read.text, "---\n"));
  g_assert_nonnull (strstr (read.text, "Clouds and Bridges"));
  g_assert_nonnull (strstr (read.text, "Back again"));
  g_assert_nonnull (strstr (read.text, "naïve"));
  g_free (read.text);
}

/* The page cannot reach the handler; malformed messages are dropped */
static void
test_isolation (void)
{
  g_autofree char *page = NULL;
  g_autofree char *ours = NULL;
  guint n_activations = viewer.n_activations;
  guint n_selections = viewer.n_selections;

  page = call_string (PAGE_WORLD,
                      "try {"
                      "  window.webkit.messageHandlers.gloss.postMessage ("
                      "    { type: 'activate', id: 'urn:x', rect: { x: 1, y: 1, width: 5, height: 5 } });"
                      "  return 'posted';"
                      "} catch (e) {"
                      "  return 'blocked: ' + (typeof window.webkit) + ', ' + (typeof gloss);"
                      "}", NULL);
  g_assert_cmpstr (page, ==, "blocked: undefined, undefined");

  /* From our own world, messages C must refuse */
  ours = call_string (WORLD,
                      "const post = (m) => window.webkit.messageHandlers.gloss.postMessage (m);"
                      "const rect = { x: 1, y: 2, width: 3, height: 4 };"
                      "post ('activate');"
                      "post ({ type: 'activate', id: '', rect });"
                      "post ({ type: 'activate', id: 'x'.repeat (300), rect });"
                      "post ({ type: 'activate', id: 'ok', rect: { x: 'a', y: 2, width: 3, height: 4 } });"
                      "post ({ type: 'activate', id: 'ok', rect: { x: 1, y: 2, width: -3, height: 4 } });"
                      "post ({ type: 'activate', id: 'ok', rect: { x: 1e300, y: 2, width: 3, height: 4 } });"
                      "post ({ type: 'selection', empty: false, exact: 'abc', prefix: '', suffix: '',"
                      "        start: 5, end: 9, rect });"
                      "post ({ type: 'selection', empty: false, exact: 'abc', prefix: '', suffix: '',"
                      "        start: -1, end: 2, rect });"
                      "post ({ type: 'selection', empty: false, exact: 'abc', prefix: '', suffix: '',"
                      "        start: 1e9, end: 1e9 + 3, rect });"
                      "post ({ type: 'selection', empty: false, exact: 'abc', prefix: 'x'.repeat (40),"
                      "        suffix: '', start: 0, end: 3, rect });"
                      "post ({ type: 'selection', empty: 'no' });"
                      "post ({ type: 'ready', version: 2, highlightApi: true, length: 3 });"
                      "post ({ type: 'bogus' });"
                      "post (null);"
                      "return 'sent';", NULL);
  g_assert_cmpstr (ours, ==, "sent");
  /* A check that C acts on none of them: nothing to wait on but time. */
  gloss_test_run_for (500);
  g_assert_cmpuint (viewer.n_activations, ==, n_activations);
  g_assert_cmpuint (viewer.n_selections, ==, n_selections);
  g_assert_cmpuint (viewer.n_ready, ==, 1);
  g_assert_cmpuint (gloss_highlighter_get_text_length (viewer.highlighter), ==,
                    g_utf8_strlen (text, -1));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossArticle) article = NULL;
  int status;

  g_set_prgname ("test-annotate");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gloss_ui_init ();

  library = gloss_test_library_new ();
  archive_path = gloss_test_library_add (library, "clouds-and-bridges-0123abcd.html", article_html);
  sidecar_path = gloss_library_sidecar_path (archive_path);
  article = gloss_library_open_article (archive_path, &error);
  g_assert_no_error (error);
  text = g_strdup (article->text);
  g_assert_cmpuint (article->sidecar->annotations->len, ==, 0);

  open_viewer (0);

  g_test_add_func ("/annotate/create", test_create);
  g_test_add_func ("/annotate/note", test_note);
  g_test_add_func ("/annotate/delete-undo", test_delete_undo);
  g_test_add_func ("/annotate/keyboard", test_keyboard);
  g_test_add_func ("/annotate/save-failure", test_save_failure);
  g_test_add_func ("/annotate/external-change", test_external_change);
  g_test_add_func ("/annotate/copy-notes", test_copy_notes);
  g_test_add_func ("/annotate/isolation", test_isolation);
  g_test_add_func ("/annotate/reopen", test_reopen);
  g_test_add_func ("/annotate/orphan", test_orphan);
  g_test_add_func ("/annotate/pane", test_pane);
  g_test_add_func ("/annotate/cli-alongside", test_cli_alongside);
  status = g_test_run ();

  close_viewer ();
  gloss_test_library_free (g_steal_pointer (&library));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_free (ids[i]);
  g_free (text);
  g_free (sidecar_path);
  g_free (archive_path);
  return status;
}
