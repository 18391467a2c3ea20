/* test-annotate-pane.c — the article of test-annotate reopened in a new
 * view, an orphaned annotation, and the annotations pane on it; part of
 * test-annotate (its open article and helpers are in test-annotate.c)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-annotation-row.h"
#include "gloss-annotations-pane.h"
#include "test-annotate-private.h"

/* Reopened in a new view, every highlight is painted at the same text */
void
test_reopen (void)
{
  g_autoptr(GlossSidecar) disk = load_disk ();
  g_autoptr(JsonNode) painted = NULL;
  JsonArray *array;

  close_viewer ();
  open_viewer (disk->annotations->len);

  painted = call_json (WORLD,
                       "const chars = [...gloss.text ()];"
                       "return gloss.painted ().map ((h) => ({ id: h.id, color: h.color,"
                       "  start: h.start, end: h.end, text: chars.slice (h.start, h.end).join ('') }));",
                       NULL);
  array = json_node_get_array (painted);
  g_assert_cmpuint (json_array_get_length (array), ==, disk->annotations->len);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      GlossAnnotation *annotation = gloss_sidecar_find (disk,
                                                        json_object_get_string_member (object, "id"));

      g_assert_nonnull (annotation);
      g_assert_cmpstr (json_object_get_string_member (object, "text"), ==, annotation->exact);
      g_assert_cmpstr (json_object_get_string_member (object, "color"), ==, annotation->color);
      g_assert_cmpint (json_object_get_int_member (object, "start"), ==, annotation->start);
      g_assert_cmpint (json_object_get_int_member (object, "end"), ==, annotation->end);
    }
}

/* An annotation whose text is gone is kept, marked orphaned, not painted */
void
test_orphan (void)
{
  g_autoptr(GlossSidecar) disk = load_disk ();
  GlossAnnotation *orphan = gloss_annotation_new ();
  g_autofree char *orphan_id = g_strdup (orphan->id);
  GlossArticle *article;
  guint n = disk->annotations->len;

  orphan->color = g_strdup ("blue");
  orphan->exact = g_strdup ("a sentence that this article never had in it at all");
  orphan->prefix = g_strdup ("");
  orphan->suffix = g_strdup ("");
  gloss_sidecar_add (disk, orphan);
  g_assert_true (gloss_sidecar_save (disk, NULL));

  close_viewer ();
  open_viewer (n);
  article = gloss_annotator_get_article (viewer.annotator);
  g_assert_nonnull (gloss_sidecar_find (article->sidecar, orphan_id));
  g_assert_true (gloss_sidecar_find (article->sidecar, orphan_id)->orphaned);
  wait_painted (orphan_id, NULL);
}

/* The annotations pane on the same article */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type,
             gboolean (*accept) (GtkWidget *widget))
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (accept == NULL || accept (widget)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, accept);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_orphan_row (GtkWidget *widget)
{
  GlossAnnotationItem *item = gloss_annotation_row_get_item (GLOSS_ANNOTATION_ROW (widget));

  return item != NULL && gloss_annotation_item_get_orphaned (item);
}

static gboolean
is_anchored_row (GtkWidget *widget)
{
  GlossAnnotationItem *item = gloss_annotation_row_get_item (GLOSS_ANNOTATION_ROW (widget));

  return item != NULL && !gloss_annotation_item_get_orphaned (item);
}

static gboolean
pane_shows_anchored_row (gpointer pane)
{
  return find_widget (pane, GLOSS_TYPE_ANNOTATION_ROW, is_anchored_row) != NULL;
}

static gboolean
model_has_n (gpointer data)
{
  GListModel *model = data;

  return g_list_model_get_n_items (model) == GPOINTER_TO_UINT (g_object_get_data (data, "want"));
}

static void
wait_n_items (GListModel *model,
              guint       n)
{
  g_object_set_data (G_OBJECT (model), "want", GUINT_TO_POINTER (n));
  gloss_test_wait_until (model_has_n, model, WAIT_SECONDS, "the pane's list");
}

static void
on_pane_changed (GlossAnnotationsPane *pane,
                 gpointer              user_data)
{
  gloss_annotator_save (viewer.annotator);
}

typedef struct
{
  const char *id;
  const char *note;
} NoteWait;

static gboolean
disk_note_is (gpointer data)
{
  NoteWait *wait = data;
  g_autoptr(GlossSidecar) disk = load_disk ();
  GlossAnnotation *annotation = wait->id ? gloss_sidecar_find (disk, wait->id) : NULL;

  if (wait->id == NULL)
    return g_strcmp0 (disk->note, wait->note) == 0;
  return annotation != NULL && g_strcmp0 (annotation->note, wait->note) == 0;
}

void
test_pane (void)
{
  GlossArticle *article = gloss_annotator_get_article (viewer.annotator);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *pane = gloss_annotations_pane_new ();
  GListModel *highlights, *orphans;
  GtkWidget *row, *drop_down, *search, *note_view;
  GlossAnnotationItem *item;
  g_autofree char *row_id = NULL;
  g_autofree char *orphan_id = NULL;
  g_autoptr(GlossSidecar) disk = NULL;
  guint n_anchored = 0, n_pink = 0;
  NoteWait note_wait;

  for (guint i = 0; i < article->sidecar->annotations->len; i++)
    {
      GlossAnnotation *annotation = article->sidecar->annotations->pdata[i];

      n_anchored += !annotation->orphaned;
      n_pink += !annotation->orphaned && g_str_equal (annotation->color, "pink");
    }
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 900);
  gtk_window_set_child (GTK_WINDOW (window), pane);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (pane, "changed", G_CALLBACK (on_pane_changed), NULL);
  g_signal_connect_swapped (viewer.annotator, "changed",
                            G_CALLBACK (gloss_annotations_pane_refresh), pane);
  gloss_annotations_pane_set_article (GLOSS_ANNOTATIONS_PANE (pane), article);
  gloss_annotations_pane_set_library_tags (GLOSS_ANNOTATIONS_PANE (pane),
                                           (const char * const[]) { "clouds", "science", NULL });
  highlights = gloss_annotations_pane_get_highlights (GLOSS_ANNOTATIONS_PANE (pane));
  orphans = gloss_annotations_pane_get_orphans (GLOSS_ANNOTATIONS_PANE (pane));
  g_assert_cmpuint (g_list_model_get_n_items (highlights), ==, n_anchored);
  g_assert_cmpuint (g_list_model_get_n_items (orphans), ==, 1);
  gloss_test_wait_until (pane_shows_anchored_row, pane, WAIT_SECONDS, "the pane's rows");

  /* Filter by colour, search in notes */
  drop_down = find_widget (pane, GTK_TYPE_DROP_DOWN, NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), 4);   /* Pink */
  g_assert_cmpuint (g_list_model_get_n_items (highlights), ==, n_pink);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), 0);
  search = find_widget (pane, GTK_TYPE_SEARCH_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (search), "back AGAIN");
  wait_n_items (highlights, 1);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  wait_n_items (highlights, n_anchored);

  /* A note edited in place is saved */
  gloss_test_wait_until (pane_shows_anchored_row, pane, WAIT_SECONDS, "the pane's rows");
  row = find_widget (pane, GLOSS_TYPE_ANNOTATION_ROW, is_anchored_row);
  g_assert_nonnull (row);
  item = gloss_annotation_row_get_item (GLOSS_ANNOTATION_ROW (row));
  row_id = g_strdup (gloss_annotation_item_get_id (item));
  note_view = find_widget (row, GTK_TYPE_TEXT_VIEW, NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (note_view)),
                            "Written in the pane — ünïcödé", -1);
  note_wait = (NoteWait) { row_id, "Written in the pane — ünïcödé" };
  gloss_test_wait_until (disk_note_is, &note_wait, WAIT_SECONDS, "the pane's note on disk");

  /* The page note */
  note_view = find_widget (pane, GTK_TYPE_TEXT_VIEW, NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (note_view)),
                            "# About this page\n\nRead it twice.", -1);
  note_wait = (NoteWait) { NULL, "# About this page\n\nRead it twice." };
  gloss_test_wait_until (disk_note_is, &note_wait, WAIT_SECONDS, "the page note on disk");

  /* Deleting an orphan */
  row = find_widget (pane, GLOSS_TYPE_ANNOTATION_ROW, is_orphan_row);
  g_assert_nonnull (row);
  orphan_id = g_strdup (gloss_annotation_item_get_id (gloss_annotation_row_get_item (
                                                        GLOSS_ANNOTATION_ROW (row))));
  g_assert_true (gtk_widget_activate_action (row, "row.delete", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (orphans), ==, 0);
  disk = load_disk ();
  g_assert_null (gloss_sidecar_find (disk, orphan_id));
  g_assert_true (has_tombstone (disk, orphan_id));

  g_signal_handlers_disconnect_by_data (viewer.annotator, pane);
  gloss_annotations_pane_set_article (GLOSS_ANNOTATIONS_PANE (pane), NULL);
  gloss_ui_test_destroy_window (GTK_WINDOW (window));
}
