/* gloss-window-search.c — the library search: what the list shows at once,
 * and what the index finds in the text, the highlights and the notes,
 * asked off the main thread
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-index.h"
#include "gloss-window-private.h"

/* The articles a search shows from the index, at most. */
#define SEARCH_LIMIT 500

/* What the search shows: the titles, sites and authors that match at once,
 * and what the index finds in the text, the highlights and the notes as
 * soon as it answers; of the articles with the tag chosen, if one is. */
gboolean
_gloss_window_filter_item (gpointer object,
             gpointer user_data)
{
  GlossWindow *self = user_data;

  if (!_gloss_window_tag_filter_matches (self, object))
    return FALSE;
  return gloss_library_item_matches (object, self->search_folded)
         || (self->search_hits != NULL
             && g_hash_table_contains (self->search_hits, gloss_library_item_get_id (object)));
}

/* What the index found of an article */
typedef struct
{
  char  *snippet;
  guint  rank;     /* 1 for the best */
} SearchHit;

static void
search_hit_free (SearchHit *hit)
{
  g_free (hit->snippet);
  g_free (hit);
}

guint
_gloss_window_search_rank (GlossWindow      *self,
                           GlossLibraryItem *item)
{
  const char *id = gloss_library_item_get_id (item);
  SearchHit *hit;

  if (self->search_hits == NULL || id == NULL
      || (hit = g_hash_table_lookup (self->search_hits, id)) == NULL)
    return 0;
  return hit->rank;
}

/* Searching the index, off the main thread */

typedef struct
{
  char     *library;
  char     *query;
  gboolean  update;
} IndexSearch;

static void
index_search_free (IndexSearch *search)
{
  g_free (search->library);
  g_free (search->query);
  g_free (search);
}

static void
index_search_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  IndexSearch *search = task_data;
  g_autoptr(GlossIndex) index = NULL;
  GError *error = NULL;
  GPtrArray *found;

  if ((index = gloss_index_open (search->library, &error)) == NULL
      || (search->update && !gloss_index_update (index, NULL, &error))
      || (found = gloss_index_search (index, search->query, SEARCH_LIMIT, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, found, (GDestroyNotify) g_ptr_array_unref);
}

static void
show_snippets (GlossWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->model);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GlossLibraryItem) item = g_list_model_get_item (model, i);
      const char *id = gloss_library_item_get_id (item);
      SearchHit *hit = self->search_hits != NULL && id != NULL
                       ? g_hash_table_lookup (self->search_hits, id) : NULL;

      gloss_library_item_set_snippet (item, hit != NULL ? hit->snippet : NULL);
    }
}

static void
set_search_hits (GlossWindow *self,
                 GHashTable  *hits)
{
  gboolean ranked = self->search_hits != NULL || hits != NULL;

  g_clear_pointer (&self->search_hits, g_hash_table_unref);
  self->search_hits = hits;
  show_snippets (self);
  /* What the index ranks best comes first. */
  if (ranked)
    gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  _gloss_window_update_state (self);
}

static void
on_index_searched (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = g_task_propagate_pointer (G_TASK (result), &error);
  GHashTable *hits;

  if (g_task_get_cancellable (G_TASK (result)) != self->searching)
    return;
  g_clear_object (&self->searching);
  if (found == NULL)
    {
      /* Half a phrase, a lone NOT: what is typed is not done yet. */
      g_debug ("No search of the index: %s", error->message);
      _gloss_window_update_state (self);
      return;
    }
  self->index_fresh = TRUE;
  hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) search_hit_free);
  for (guint i = 0; i < found->len; i++)
    {
      GlossIndexEntry *entry = found->pdata[i];
      SearchHit *hit = g_new0 (SearchHit, 1);

      hit->snippet = g_steal_pointer (&entry->snippet);
      hit->rank = i + 1;
      g_hash_table_insert (hits, g_steal_pointer (&entry->id), hit);
    }
  set_search_hits (self, hits);
}

static void
search_index (GlossWindow *self,
              const char  *query)
{
  IndexSearch *search;
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->searching);
  g_clear_object (&self->searching);
  if (*query == '\0')
    {
      self->index_fresh = FALSE;
      set_search_hits (self, NULL);
      return;
    }
  search = g_new0 (IndexSearch, 1);
  self->searching = g_cancellable_new ();
  search->library = g_strdup (gloss_library_get_dir (self->library));
  search->query = g_strdup (query);
  /* The folder was read into the index once for this search. */
  search->update = !self->index_fresh;
  task = g_task_new (NULL, self->searching, on_index_searched, g_object_ref (self));
  g_task_set_task_data (task, search, (GDestroyNotify) index_search_free);
  g_task_run_in_thread (task, index_search_thread);
}

void
_gloss_window_search_changed (GlossWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->library_search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search_folded, g_free);
  if (*stripped)
    self->search_folded = g_utf8_casefold (stripped, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  search_index (self, stripped);
  _gloss_window_update_state (self);
}

void
_gloss_window_search_stopped (GlossWindow *self)
{
  gtk_search_bar_set_search_mode (self->library_search_bar, FALSE);
}

void
_gloss_window_search_activate (GlossWindow *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
    }
}
