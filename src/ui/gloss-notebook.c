/* gloss-notebook.c — the notebook: every highlight of the library in one window
 *
 * The highlights come from the library's index (gloss_index_highlights),
 * read in a worker thread: a search or a filter asks again, cancelling the
 * question before it, and the answer fills the list in one splice, so that
 * 20,000 highlights cost one "items-changed" and the rows shown.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-export.h"
#include "gloss-highlight-popover.h"
#include "gloss-index.h"
#include "gloss-notebook.h"
#include "gloss-notebook-item.h"
#include "gloss-notebook-row.h"
#include "gloss-ui.h"

struct _GlossNotebook
{
  AdwWindow        parent_instance;

  /* Template */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkSearchEntry  *search_entry;
  GtkWidget       *color_box;
  GtkDropDown     *tag_dropdown;
  GtkStack        *stack;
  GtkListView     *list_view;
  AdwStatusPage   *status_page;

  char            *library_dir;
  char            *sort;           /* "newest" or "article": the sort property */
  const char      *color;          /* the colour filter (static), or NULL for all */
  GListStore      *store;          /* GlossNotebookItem, as shown */
  GtkStringList   *tags;           /* "All Tags", then the library's tags */
  GCancellable    *querying;       /* the question on its way, or NULL */
  GCancellable    *cancellable;    /* the rest, until dispose */
  gboolean         loaded;         /* an answer is shown, for the question last asked */
  gboolean         index_fresh;    /* brought up to date once */
  gboolean         tags_asked;
  gboolean         shown_by_article;
  gboolean         shown_filtered; /* the answer shown is for a search or a filter */
  char            *shown_error;    /* why the last question had no answer */
  GPtrArray       *pending;        /* the answer's items not in the store yet */
  guint            n_pending;      /* of them, in the store */
  guint            pending_id;     /* adds them, a step at a time */
  char            *last_toast;
};

G_DEFINE_FINAL_TYPE (GlossNotebook, gloss_notebook, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_LIBRARY_DIR,
  PROP_SORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  HIGHLIGHT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const colors[] = { "yellow", "green", "blue", "pink", "purple" };

static void
show_toast (GlossNotebook *self,
            AdwToast      *toast)
{
  g_free (self->last_toast);
  self->last_toast = g_strdup (adw_toast_get_title (toast));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* What the window shows */

static void
show_empty (GlossNotebook *self)
{
  if (self->shown_error != NULL)
    {
      adw_status_page_set_title (self->status_page, _("No Matching Highlights"));
      adw_status_page_set_description (self->status_page, self->shown_error);
    }
  else if (self->shown_filtered)
    {
      adw_status_page_set_title (self->status_page, _("No Matching Highlights"));
      adw_status_page_set_description (self->status_page,
                                       _("Try other words, another colour or another tag"));
    }
  else
    {
      adw_status_page_set_title (self->status_page, _("No Highlights Yet"));
      adw_status_page_set_description (self->status_page,
                                       _("Select a passage of an article to highlight it: "
                                         "every highlight of the library is gathered here"));
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* The answer shown, counting what is still on its way into the store. */
static guint
n_answered (GlossNotebook *self)
{
  return self->pending != NULL ? self->pending->len
                               : g_list_model_get_n_items (G_LIST_MODEL (self->store));
}

static gpointer
dup_answered (GlossNotebook *self,
              guint          position)
{
  return self->pending != NULL ? g_object_ref (self->pending->pdata[position])
                               : g_list_model_get_item (G_LIST_MODEL (self->store), position);
}

static void
update_state (GlossNotebook *self)
{
  guint n = n_answered (self);
  g_autofree char *subtitle = NULL;

  if (n > 0)
    /* Translators: %'u is the number with the language's digit grouping
     * (20,379 in English); keep the ' in the translation. */
    subtitle = g_strdup_printf (ngettext ("%'u highlight", "%'u highlights", n), n);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notebook.export", n > 0);
  if (n > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (self->loaded || self->index_fresh)
    show_empty (self);
  /* Until the first answer, the spinner stays. */
}

/* Asking the index, in a worker thread */

typedef struct
{
  char     *library;
  char     *text;
  char     *color;
  char     *tag;
  gboolean  update;
  gboolean  only_if_changed;  /* no answer when nothing changed in the folder */
  gboolean  by_article;
} Query;

static void
query_free (Query *query)
{
  g_free (query->library);
  g_free (query->text);
  g_free (query->color);
  g_free (query->tag);
  g_free (query);
}

typedef struct
{
  char                *key;       /* the title's, to sort by */
  GlossIndexHighlight *highlight;
} Keyed;

static int
compare_keyed (gconstpointer a,
               gconstpointer b)
{
  const Keyed *ka = a, *kb = b;
  int order = strcmp (ka->key, kb->key);

  if (order == 0)
    order = g_strcmp0 (ka->highlight->article, kb->highlight->article);
  /* Within an article, the order they were made in: mostly the order read. */
  if (order == 0)
    order = g_strcmp0 (ka->highlight->created, kb->highlight->created);
  return order;
}

/* Sorts @highlights by their article's title, then by when they were made. */
static void
sort_by_article (GPtrArray *highlights)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GArray) keyed = g_array_sized_new (FALSE, FALSE, sizeof (Keyed), highlights->len);

  for (guint i = 0; i < highlights->len; i++)
    {
      GlossIndexHighlight *highlight = highlights->pdata[i];
      Keyed entry = { g_hash_table_lookup (keys, highlight->article), highlight };

      if (entry.key == NULL)
        {
          entry.key = g_utf8_collate_key (highlight->title ? highlight->title : "", -1);
          g_hash_table_insert (keys, highlight->article, entry.key);
        }
      g_array_append_val (keyed, entry);
    }
  g_array_sort (keyed, compare_keyed);
  for (guint i = 0; i < keyed->len; i++)
    highlights->pdata[i] = g_array_index (keyed, Keyed, i).highlight;
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Query *query = task_data;
  g_autoptr(GlossIndex) index = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  GPtrArray *items;
  GError *error = NULL;
  guint changed = 0;

  if ((index = gloss_index_open (query->library, &error)) == NULL
      || (query->update && !gloss_index_update (index, &changed, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (query->only_if_changed && changed == 0)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  highlights = gloss_index_highlights (index, query->text, query->color, query->tag, &error);
  if (highlights == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (query->by_article)
    sort_by_article (highlights);
  /* The items take the highlights. */
  g_ptr_array_set_free_func (highlights, NULL);
  items = g_ptr_array_new_full (highlights->len, g_object_unref);
  for (guint i = 0; i < highlights->len; i++)
    g_ptr_array_add (items, gloss_notebook_item_new (highlights->pdata[i]));
  g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

static void load_tags (GlossNotebook *self);

/* TRUE while there are more to add. */
static gboolean
add_step (gpointer user_data)
{
  GlossNotebook *self = user_data;
  guint in_store = self->n_pending;
  guint n = MIN (gloss_ui_list_step (in_store), self->pending->len - in_store);

  g_list_store_splice (self->store, in_store, 0, self->pending->pdata + in_store, n);
  self->n_pending += n;
  if (self->n_pending < self->pending->len)
    return G_SOURCE_CONTINUE;
  self->pending_id = 0;
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  return G_SOURCE_REMOVE;
}

static void
show_answer (GlossNotebook *self,
             GPtrArray     *items,
             gboolean       by_article,
             gboolean       filtered)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  self->shown_by_article = by_article;
  self->shown_filtered = filtered;
  g_clear_pointer (&self->shown_error, g_free);
  g_clear_handle_id (&self->pending_id, g_source_remove);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  /* What the window shows at once, the rest in steps (gloss_ui_list_step ()). */
  self->n_pending = MIN (gloss_ui_list_step (0), items->len);
  g_list_store_splice (self->store, 0, n_old, items->pdata, self->n_pending);
  if (self->n_pending < items->len)
    {
      self->pending = g_ptr_array_ref (items);
      self->pending_id = g_timeout_add (GLOSS_UI_LIST_STEP_MS, add_step, self);
    }
  g_debug ("Notebook shows %u highlights", items->len);
}

static void
on_queried (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GlossNotebook) self = user_data;
  Query *query = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  /* A question asked again meanwhile leaves the newer one be. */
  if (g_task_get_cancellable (G_TASK (result)) != self->querying)
    return;
  g_clear_object (&self->querying);
  items = g_task_propagate_pointer (G_TASK (result), &error);
  if (items == NULL && error == NULL)
    return;  /* nothing changed */
  self->loaded = TRUE;
  if (query->update)
    self->index_fresh = error == NULL;
  if (items != NULL)
    show_answer (self, items, query->by_article,
                 *query->text != '\0' || query->color != NULL || query->tag != NULL);
  else
    {
      /* Half a phrase, a lone NOT: said on the empty page. */
      g_clear_handle_id (&self->pending_id, g_source_remove);
      g_clear_pointer (&self->pending, g_ptr_array_unref);
      g_list_store_remove_all (self->store);
      g_free (self->shown_error);
      self->shown_error = g_strdup (error->message);
      g_debug ("No highlights for the notebook: %s", error->message);
    }
  update_state (self);
  if (!self->tags_asked && self->index_fresh)
    load_tags (self);
}

static char *
selected_tag (GlossNotebook *self)
{
  guint selected = gtk_drop_down_get_selected (self->tag_dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return g_strdup (gtk_string_list_get_string (self->tags, selected));
}

/* Asks the index for the highlights that the search and filters want. With
 * @refresh, it reads the folder first, and answers only if something changed. */
static void
ask (GlossNotebook *self,
     gboolean       refresh)
{
  g_autoptr(GTask) task = NULL;
  Query *query = g_new0 (Query, 1);

  g_cancellable_cancel (self->querying);
  g_clear_object (&self->querying);
  self->querying = g_cancellable_new ();
  query->library = g_strdup (self->library_dir);
  query->text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  query->color = g_strdup (self->color);
  query->tag = selected_tag (self);
  query->update = refresh || !self->index_fresh;
  query->only_if_changed = refresh && self->loaded;
  query->by_article = g_strcmp0 (self->sort, "article") == 0;
  if (!refresh)
    self->loaded = FALSE;
  task = g_task_new (NULL, self->querying, on_queried, g_object_ref (self));
  g_task_set_source_tag (task, ask);
  g_task_set_task_data (task, query, (GDestroyNotify) query_free);
  g_task_run_in_thread (task, query_thread);
}

/* The tags of the library, for the tag filter: once, after the first answer */

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static void
tags_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GlossIndex) index = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;

  if ((index = gloss_index_open (task_data, &error)) == NULL
      || (entries = gloss_index_list (index, GLOSS_INDEX_SORT_TITLE, NULL, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      GlossIndexEntry *entry = entries->pdata[i];

      for (guint j = 0; entry->tags[j] != NULL; j++)
        if (g_hash_table_add (seen, entry->tags[j]))
          g_ptr_array_add (tags, g_strdup (entry->tags[j]));
    }
  g_ptr_array_sort (tags, compare_tags);
  g_ptr_array_add (tags, NULL);
  g_task_return_pointer (task, g_ptr_array_steal (tags, NULL), (GDestroyNotify) g_strfreev);
}

static void
on_tags_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GlossNotebook) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = g_task_propagate_pointer (G_TASK (result), &error);

  if (tags == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No tags for the notebook: %s", error->message);
      return;
    }
  gtk_string_list_splice (self->tags, 1, g_list_model_get_n_items (G_LIST_MODEL (self->tags)) - 1,
                          (const char * const *) tags);
  gtk_widget_set_visible (GTK_WIDGET (self->tag_dropdown), tags[0] != NULL);
}

static void
load_tags (GlossNotebook *self)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, on_tags_loaded, g_object_ref (self));

  self->tags_asked = TRUE;
  g_task_set_source_tag (task, load_tags);
  g_task_set_task_data (task, g_strdup (self->library_dir), g_free);
  g_task_run_in_thread (task, tags_thread);
}

/* The search and the filters */

static void
on_filters_changed (GlossNotebook *self)
{
  ask (self, FALSE);
}

static void
on_search_activate (GlossNotebook *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
    gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
}

static void
on_search_stopped (GlossNotebook *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_color_toggled (GtkToggleButton *button,
                  GlossNotebook   *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  self->color = g_object_get_data (G_OBJECT (button), "gloss-color");
  ask (self, FALSE);
}

static GtkWidget *
add_color_toggle (GlossNotebook   *self,
                  GtkToggleButton *group,
                  const char      *color)
{
  const char *name = color ? gloss_ui_color_label (color) : _("All Colours");
  GtkWidget *button = gtk_toggle_button_new ();

  if (color != NULL)
    {
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_button_set_child (GTK_BUTTON (button), check);
      g_object_bind_property (button, "active", check, "visible", G_BINDING_SYNC_CREATE);
      gtk_widget_add_css_class (button, "gloss-color-button");
      gtk_widget_add_css_class (button, color);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
    }
  else
    /* Translators: the colour filter's first button: highlights of every colour */
    gtk_button_set_label (GTK_BUTTON (button), _("All"));
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
  g_object_set_data (G_OBJECT (button), "gloss-color", (gpointer) color);
  g_signal_connect (button, "toggled", G_CALLBACK (on_color_toggled), self);
  gtk_box_append (GTK_BOX (self->color_box), button);
  return button;
}

static void
add_color_toggles (GlossNotebook *self)
{
  GtkWidget *all = add_color_toggle (self, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    add_color_toggle (self, GTK_TOGGLE_BUTTON (all), colors[i]);
  /* Before "toggled" would ask: the first question is asked once mapped. */
  g_signal_handlers_block_by_func (all, on_color_toggled, self);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (all), TRUE);
  g_signal_handlers_unblock_by_func (all, on_color_toggled, self);
}

/* Back in the notebook after highlighting in the window: what changed shows. */
static void
on_active_changed (GlossNotebook *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)) && self->loaded && self->querying == NULL)
    ask (self, TRUE);
}

/* The list */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, gloss_notebook_row_new ());
}

/* Whether the item at @position starts its article's group. */
static gboolean
starts_group (GlossNotebook *self,
              guint          position)
{
  g_autoptr(GlossNotebookItem) previous = NULL;
  g_autoptr(GlossNotebookItem) item = NULL;

  if (position == 0)
    return TRUE;
  previous = g_list_model_get_item (G_LIST_MODEL (self->store), position - 1);
  item = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  if (previous == NULL || item == NULL)
    return TRUE;
  return g_strcmp0 (gloss_notebook_item_get_highlight (previous)->article,
                    gloss_notebook_item_get_highlight (item)->article) != 0;
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          GlossNotebook            *self)
{
  gboolean first = self->shown_by_article
                   && starts_group (self, gtk_list_item_get_position (list_item));

  gloss_notebook_row_set_item (GLOSS_NOTEBOOK_ROW (gtk_list_item_get_child (list_item)),
                               gtk_list_item_get_item (list_item), self->shown_by_article, first);
}

static void
on_row_activated (GlossNotebook *self,
                  guint          position)
{
  g_autoptr(GlossNotebookItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  const GlossIndexHighlight *highlight;

  if (item == NULL)
    return;
  highlight = gloss_notebook_item_get_highlight (item);
  g_signal_emit (self, signals[HIGHLIGHT_ACTIVATED], 0, highlight->article, highlight->id);
}

/* Export… */

typedef struct
{
  char      *path;
  GPtrArray *items;   /* GlossNotebookItem: what was shown */
} Export;

static void
export_free (Export *export)
{
  g_free (export->path);
  g_ptr_array_unref (export->items);
  g_free (export);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *export = task_data;
  g_autoptr(GPtrArray) highlights = g_ptr_array_sized_new (export->items->len);
  g_autofree char *markdown = NULL;
  GError *error = NULL;

  for (guint i = 0; i < export->items->len; i++)
    g_ptr_array_add (highlights,
                     (gpointer) gloss_notebook_item_get_highlight (export->items->pdata[i]));
  markdown = gloss_export_highlights_markdown (highlights);
  /* The file chooser asked before replacing a file. */
  if (gloss_export_save (export->path, markdown, TRUE, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GlossNotebook) self = user_data;
  Export *export = g_task_get_task_data (G_TASK (result));
  g_autofree char *name = g_filename_display_basename (export->path);
  g_autoptr(GError) error = NULL;
  guint n = export->items->len;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    show_toast (self, adw_toast_new_format (ngettext ("%'u highlight exported to “%s”",
                                                      "%'u highlights exported to “%s”", n),
                                            n, name));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, adw_toast_new_format (_("Could not export the highlights to “%s”: %s"),
                                            name, error->message));
}

void
_gloss_notebook_export_to (GlossNotebook *self,
                           const char    *path)
{
  g_autoptr(GTask) task = NULL;
  Export *export = g_new0 (Export, 1);
  guint n = n_answered (self);

  g_return_if_fail (GLOSS_IS_NOTEBOOK (self));
  g_return_if_fail (path != NULL);

  export->path = g_strdup (path);
  export->items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (export->items, dup_answered (self, i));
  task = g_task_new (NULL, self->cancellable, on_exported, g_object_ref (self));
  g_task_set_source_tag (task, _gloss_notebook_export_to);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    GlossNotebook   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    {
      if ((path = g_file_get_path (file)) == NULL)
        show_toast (self, adw_toast_new (_("Choose a file on this computer")));
      else
        _gloss_notebook_export_to (self, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossNotebook *self = GLOSS_NOTEBOOK (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Export Highlights"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  /* Translators: the file name an export of the notebook is offered */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Highlights.md"));
  gtk_file_filter_set_name (filter, _("Markdown"));
  gtk_file_filter_add_mime_type (filter, "text/markdown");
  gtk_file_filter_add_suffix (filter, "md");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
focus_search (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (GLOSS_NOTEBOOK (widget)->search_entry));
}

/* GObject */

static void
gloss_notebook_constructed (GObject *object)
{
  GlossNotebook *self = GLOSS_NOTEBOOK (object);

  G_OBJECT_CLASS (gloss_notebook_parent_class)->constructed (object);

  g_return_if_fail (self->library_dir != NULL);
  ask (self, FALSE);
}

static void
gloss_notebook_dispose (GObject *object)
{
  GlossNotebook *self = GLOSS_NOTEBOOK (object);

  g_cancellable_cancel (self->querying);
  g_clear_object (&self->querying);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pending_id, g_source_remove);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_NOTEBOOK);

  G_OBJECT_CLASS (gloss_notebook_parent_class)->dispose (object);
}

static void
gloss_notebook_finalize (GObject *object)
{
  GlossNotebook *self = GLOSS_NOTEBOOK (object);

  g_clear_object (&self->store);
  g_clear_object (&self->tags);
  g_free (self->library_dir);
  g_free (self->sort);
  g_free (self->shown_error);
  g_free (self->last_toast);

  G_OBJECT_CLASS (gloss_notebook_parent_class)->finalize (object);
}

static void
gloss_notebook_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GlossNotebook *self = GLOSS_NOTEBOOK (object);

  switch (prop_id)
    {
    case PROP_LIBRARY_DIR:
      g_value_set_string (value, self->library_dir);
      break;
    case PROP_SORT:
      g_value_set_string (value, self->sort);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_sort (GlossNotebook *self,
          const char    *sort)
{
  if (g_strcmp0 (sort, "article") != 0)
    sort = "newest";
  if (g_strcmp0 (self->sort, sort) == 0)
    return;
  g_free (self->sort);
  self->sort = g_strdup (sort);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
  /* Not before the first question: constructed asks it. */
  if (self->loaded || self->querying != NULL)
    ask (self, FALSE);
}

static void
gloss_notebook_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GlossNotebook *self = GLOSS_NOTEBOOK (object);

  switch (prop_id)
    {
    case PROP_LIBRARY_DIR:
      self->library_dir = g_value_dup_string (value);
      break;
    case PROP_SORT:
      set_sort (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_notebook_class_init (GlossNotebookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gloss_notebook_constructed;
  object_class->dispose = gloss_notebook_dispose;
  object_class->finalize = gloss_notebook_finalize;
  object_class->get_property = gloss_notebook_get_property;
  object_class->set_property = gloss_notebook_set_property;

  properties[PROP_LIBRARY_DIR] =
    g_param_spec_string ("library-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL, "newest",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (article id, annotation id) */
  signals[HIGHLIGHT_ACTIVATED] =
    g_signal_new ("highlight-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossapp/Gloss/gloss-notebook.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossNotebook, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossNotebook, window_title);
  gtk_widget_class_bind_template_child (widget_class, GlossNotebook, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossNotebook, color_box);
  gtk_widget_class_bind_template_child (widget_class, GlossNotebook, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossNotebook, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossNotebook, list_view);
  gtk_widget_class_bind_template_child (widget_class, GlossNotebook, status_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filters_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stopped);
  gtk_widget_class_bind_template_callback (widget_class, setup_row);
  gtk_widget_class_bind_template_callback (widget_class, bind_row);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "notebook.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "notebook.find", NULL, focus_search);
  gtk_widget_class_install_property_action (widget_class, "notebook.sort", "sort");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "notebook.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "notebook.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
gloss_notebook_init (GlossNotebook *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  self->sort = g_strdup ("newest");
  self->cancellable = g_cancellable_new ();
  self->store = g_list_store_new (GLOSS_TYPE_NOTEBOOK_ITEM);
  self->tags = gtk_string_list_new ((const char * const []) { _("All Tags"), NULL });

  gtk_widget_init_template (GTK_WIDGET (self));
  gloss_highlight_style_ensure (gtk_widget_get_display (GTK_WIDGET (self)));

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (self->tags));
  gtk_widget_set_visible (GTK_WIDGET (self->tag_dropdown), FALSE);
  g_signal_connect_swapped (self->tag_dropdown, "notify::selected",
                            G_CALLBACK (on_filters_changed), self);
  add_color_toggles (self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed), NULL);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->search_entry));
  update_state (self);
}

GlossNotebook *
gloss_notebook_new (const char *library_dir)
{
  g_return_val_if_fail (library_dir != NULL, NULL);

  return g_object_new (GLOSS_TYPE_NOTEBOOK, "library-dir", library_dir, NULL);
}

const char *
gloss_notebook_get_library_dir (GlossNotebook *self)
{
  g_return_val_if_fail (GLOSS_IS_NOTEBOOK (self), NULL);

  return self->library_dir;
}

const char *
gloss_notebook_get_sort (GlossNotebook *self)
{
  g_return_val_if_fail (GLOSS_IS_NOTEBOOK (self), NULL);

  return self->sort;
}

guint
_gloss_notebook_get_n_shown (GlossNotebook *self)
{
  g_return_val_if_fail (GLOSS_IS_NOTEBOOK (self), 0);

  return n_answered (self);
}

gboolean
_gloss_notebook_get_loaded (GlossNotebook *self)
{
  g_return_val_if_fail (GLOSS_IS_NOTEBOOK (self), FALSE);

  return self->loaded && self->querying == NULL;
}

const char *
_gloss_notebook_get_last_toast (GlossNotebook *self)
{
  g_return_val_if_fail (GLOSS_IS_NOTEBOOK (self), NULL);

  return self->last_toast;
}
