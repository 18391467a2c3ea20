/* test-ui-versions.c — an article clipped twice, in the real window: the
 * Versions menu shows the earlier version read-only under a banner, and a
 * highlight orphaned by the re-clip opens in the version it was made on
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb: xvfb-run -a -s "-screen 0 1280x1024x24" test-ui-versions
 */
#include "config.h"

#include <string.h>

#include "gloss-anchor.h"
#include "gloss-article.h"
#include "gloss-library.h"
#include "gloss-sidecar.h"
#include "gloss-ui-test.h"

#define PAGE_HEAD "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">" \
  "<title>The Harbour Wall</title></head><body><article><h1>The Harbour Wall</h1>" \
  "<p>The old harbour wall was built in 1871 from granite quarried on the far side of the bay, " \
  "and it has outlasted every storm the town remembers.</p>"
#define GONE "the lighthouse at its end leans a little more every spring"
#define PAGE_ONE PAGE_HEAD "<p>The council will spend two million pounds on repairs next year, " \
  "mostly because " GONE ".</p></article></body></html>"
#define PAGE_TWO PAGE_HEAD "<p>The council has dropped its repair plan after a survey found " \
  "the footings sound.</p></article></body></html>"

typedef struct
{
  GlossTestServer *server;
  char            *library;
  char            *id;
  char            *first_saved;
  char            *orphan_id;
  GlossWindow     *window;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autofree char *archive = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *annotation = gloss_annotation_new ();
  gint64 start, end;

  gloss_ui_test_reset_settings ();
  f->server = gloss_test_server_new ();
  f->library = gloss_test_library_new ();
  gloss_test_server_set_page (f->server, "/story.html", PAGE_ONE);
  f->id = gloss_test_library_clip (f->library, f->server, "/story.html", GLOSS_CLIP_MODE_READER);
  archive = gloss_test_library_archive_path (f->library, f->id);

  /* A highlight made on the first version, as the window makes them. */
  article = gloss_library_open_article (archive, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_anchor_find_quote (article->text, GONE, &start, &end), ==, 1);
  g_clear_pointer (&annotation->prefix, g_free);
  g_clear_pointer (&annotation->suffix, g_free);
  gloss_anchor_describe (article->text, start, end, &annotation->exact, &annotation->prefix,
                         &annotation->suffix);
  annotation->start = start;
  annotation->end = end;
  gloss_annotation_set_source_date (annotation, article->info->saved);
  f->orphan_id = g_strdup (annotation->id);
  f->first_saved = g_strdup (article->info->saved);
  gloss_sidecar_add (article->sidecar, annotation);
  g_assert_true (gloss_sidecar_save (article->sidecar, NULL));

  /* The site rewrites the article; it is clipped again a second later (or,
   * by a script, within the same second: the two then share a saved date). */
  if (!GPOINTER_TO_INT (data))
    gloss_test_wait_next_second ();
  gloss_test_server_set_page (f->server, "/story.html", PAGE_TWO);
  g_free (gloss_test_library_clip (f->library, f->server, "/story.html", GLOSS_CLIP_MODE_READER));

  f->window = gloss_ui_test_open_window (f->library);
  g_assert_true (gloss_window_open_article (f->window, f->id));
  gloss_ui_test_wait_article (f->window, f->id);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gloss_ui_test_close_window (f->window);
  gloss_test_library_free (f->library);
  gloss_test_server_free (f->server);
  g_free (f->id);
  g_free (f->first_saved);
  g_free (f->orphan_id);
}

static WebKitWebView *
web_view (Fixture *f)
{
  return gloss_article_view_get_web_view (_gloss_window_get_article_view (f->window));
}

typedef struct
{
  Fixture    *f;
  gboolean    earlier;   /* an earlier version, or the current one */
  const char *painted;   /* an id that must be painted there, or NULL */
} VersionWait;

static gboolean
version_shown (gpointer data)
{
  VersionWait *w = data;
  GlossArticleView *view = _gloss_window_get_article_view (w->f->window);
  g_autofree char *found = NULL;

  if ((gloss_article_view_get_version (view) != NULL) != w->earlier ||
      webkit_web_view_is_loading (web_view (w->f)))
    return FALSE;
  if (w->painted == NULL)
    return TRUE;
  found = gloss_test_call_string (web_view (w->f), "gloss",
                                  "return String (gloss.painted ().some ((h) => h.id === id));",
                                  g_variant_new_parsed ("{'id': <%s>}", w->painted));
  return g_str_equal (found, "true");
}

static void
wait_version (Fixture    *f,
              gboolean    earlier,
              const char *painted)
{
  VersionWait w = { f, earlier, painted };

  gloss_test_wait_until (version_shown, &w, 60, earlier ? "the earlier version" : "the current version");
}

static gboolean
page_has (Fixture    *f,
          const char *text)
{
  g_autofree char *found = gloss_test_call_string (web_view (f), "gloss",
                                                   "return String (gloss.text ().includes (text));",
                                                   g_variant_new_parsed ("{'text': <%s>}", text));

  return g_str_equal (found, "true");
}

/* The Versions menu lists the earlier version; choosing it shows that text,
 * read-only, under a banner with the way back. */
static void
test_show_earlier_version (Fixture       *f,
                           gconstpointer  data)
{
  GlossAnnotator *annotator = _gloss_window_get_annotator (f->window);
  GActionGroup *annotate = gloss_annotator_get_action_group (annotator);
  g_autoptr(GVariant) target = NULL;
  const char *label;

  g_assert_cmpint (g_menu_model_get_n_items (G_MENU_MODEL (f->window->versions_section)), ==, 2);
  g_assert_false (gtk_revealer_get_reveal_child (f->window->version_banner));
  g_assert_false (page_has (f, GONE));

  /* What the menu's item for it activates */
  target = g_menu_model_get_item_attribute_value (G_MENU_MODEL (f->window->versions_section), 1,
                                                  G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
  g_assert_nonnull (target);
  gtk_widget_activate_action_variant (GTK_WIDGET (f->window), "win.show-version", target);
  wait_version (f, TRUE, NULL);
  g_assert_true (page_has (f, GONE));
  g_assert_true (gtk_revealer_get_reveal_child (f->window->version_banner));
  label = gtk_label_get_text (f->window->version_label);
  g_assert_true (g_str_has_prefix (label, "You are reading the version saved on "));

  /* Reading only: a selection makes no highlight there. */
  gloss_ui_test_select_text (f->window, "granite quarried");
  g_assert_false (g_action_group_get_action_enabled (annotate, "highlight"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gloss_annotator_get_popover (annotator))));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-current-version", NULL);
  wait_version (f, FALSE, NULL);
  g_assert_false (page_has (f, GONE));
  g_assert_false (gtk_revealer_get_reveal_child (f->window->version_banner));
  g_assert_true (gloss_sidecar_find (gloss_annotator_get_article (annotator)->sidecar,
                                     f->orphan_id)->orphaned);
}

/* Activating the orphaned highlight in the notes pane opens the version it
 * was made on, where it is painted at its passage. */
static void
test_orphan_opens_in_its_version (Fixture       *f,
                                  gconstpointer  data)
{
  GlossAnnotator *annotator = _gloss_window_get_annotator (f->window);
  GlossAnnotation *orphan = gloss_sidecar_find (gloss_annotator_get_article (annotator)->sidecar,
                                                f->orphan_id);

  g_assert_true (orphan->orphaned);
  g_assert_cmpstr (orphan->source_date, ==, f->first_saved);
  g_signal_emit_by_name (_gloss_window_get_annotations_pane (f->window), "annotation-activated",
                         f->orphan_id);
  wait_version (f, TRUE, f->orphan_id);
  g_assert_true (gtk_revealer_get_reveal_child (f->window->version_banner));
  g_assert_cmpstr (gloss_annotator_get_current (annotator), ==, f->orphan_id);
  /* Still orphaned in the article: the earlier version is not news about it. */
  g_assert_true (orphan->orphaned);
}

int
main (int    argc,
      char **argv)
{
  gloss_ui_test_init (&argc, &argv, "gloss-test-ui-versions");

  g_test_add ("/ui/versions/show-earlier-version", Fixture, NULL,
              fixture_setup, test_show_earlier_version, fixture_teardown);
  g_test_add ("/ui/versions/same-second", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_show_earlier_version, fixture_teardown);
  g_test_add ("/ui/versions/orphan-opens-in-its-version", Fixture, NULL,
              fixture_setup, test_orphan_opens_in_its_version, fixture_teardown);
  return g_test_run ();
}
