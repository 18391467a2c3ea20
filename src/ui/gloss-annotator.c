/* gloss-annotator.c — highlighting and annotating in the article view
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-annotator-private.h"

/* A sync tool writes in bursts: read the file once it is quiet. */
#define RELOAD_DELAY_MS 150
#define UNDO_TIMEOUT_S  8

G_DEFINE_FINAL_TYPE (GlossAnnotator, gloss_annotator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UNSAVED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GlossSidecar *
sidecar (GlossAnnotator *self)
{
  return self->article->sidecar;
}

GlossAnnotation *
_gloss_annotator_find (GlossAnnotator *self,
                       const char     *id)
{
  return id != NULL ? gloss_sidecar_find (sidecar (self), id) : NULL;
}

void
_gloss_annotator_show_toast (GlossAnnotator *self,
                             AdwToast       *toast)
{
  if (self->toasts != NULL)
    adw_toast_overlay_add_toast (self->toasts, toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
set_unsaved (GlossAnnotator *self,
             gboolean        unsaved)
{
  if (self->unsaved == unsaved)
    return;
  self->unsaved = unsaved;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNSAVED]);
}

GlossAnnotation *
_gloss_annotator_current_annotation (GlossAnnotator *self)
{
  GlossAnnotation *annotation = NULL;

  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    annotation = _gloss_annotator_find (self, self->target_id);
  if (annotation == NULL)
    annotation = _gloss_annotator_find (self, self->current_id);
  return annotation;
}

static gboolean
has_anchored (GlossAnnotator *self)
{
  GPtrArray *annotations = sidecar (self)->annotations;

  for (guint i = 0; i < annotations->len; i++)
    if (!((GlossAnnotation *) annotations->pdata[i])->orphaned)
      return TRUE;
  return FALSE;
}

static void
set_enabled (GlossAnnotator *self,
             const char     *name,
             gboolean        enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
_gloss_annotator_update_actions (GlossAnnotator *self)
{
  gboolean selected = !self->read_only && gloss_highlighter_get_selection (self->highlighter) != NULL;
  gboolean current = !self->read_only && _gloss_annotator_current_annotation (self) != NULL;

  set_enabled (self, "highlight", selected);
  set_enabled (self, "highlight-color", selected || current);
  set_enabled (self, "add-note", selected || current);
  set_enabled (self, "popover", selected || current);
  set_enabled (self, "delete-highlight", current);
  set_enabled (self, "next-highlight", has_anchored (self));
  set_enabled (self, "previous-highlight", has_anchored (self));
  set_enabled (self, "undo-delete", !self->read_only && self->deleted != NULL);
  set_enabled (self, "retry-save", self->unsaved);
}

void
_gloss_annotator_set_current (GlossAnnotator        *self,
                              const GlossAnnotation *annotation)
{
  if (annotation == NULL)
    return;
  g_free (self->current_id);
  self->current_id = g_strdup (annotation->id);
  self->current_start = annotation->start;
}

/* Saving */

static char *
checksum_of (const char *data,
             gsize       length)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

static void
on_retry_clicked (AdwToast       *toast,
                  GlossAnnotator *self)
{
  gloss_annotator_save (self);
}

static void
on_save_toast_dismissed (AdwToast       *toast,
                         GlossAnnotator *self)
{
  if (self->save_toast == toast)
    g_clear_object (&self->save_toast);
}

static void
report_save_error (GlossAnnotator *self,
                   const GError   *error)
{
  AdwToast *toast;

  g_message ("%s", error->message);
  if (self->save_toast != NULL)
    adw_toast_dismiss (self->save_toast);
  toast = adw_toast_new (_("Could not save your notes: Gloss keeps them and tries again at "
                           "your next change"));
  adw_toast_set_button_label (toast, _("_Retry"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_retry_clicked), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_save_toast_dismissed), self, 0);
  g_set_object (&self->save_toast, toast);
  _gloss_annotator_show_toast (self, toast);
}

typedef struct
{
  GWeakRef      self;
  guint         number;   /* which save of the annotator's this is */
  GApplication *app;      /* held while the save runs: quitting waits for it */
} SaveWait;

/* The file as written is ours, so the monitor's report of it is not news;
 * when the save merged in what other writers had saved meanwhile, show it. */
static void
took_merged (GlossAnnotator *self,
             gboolean        merged)
{
  const char *written = sidecar (self)->base;

  g_free (self->known_checksum);
  self->known_checksum = written ? checksum_of (written, strlen (written)) : NULL;
  if (!merged)
    return;
  g_signal_emit (self, signals[CHANGED], 0);
  gloss_annotator_repaint (self);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveWait *wait = user_data;
  g_autoptr(GlossAnnotator) self = g_weak_ref_get (&wait->self);
  g_autoptr(GError) error = NULL;
  gboolean merged;
  gboolean saved = gloss_sidecar_save_finish (self && self->article ? sidecar (self) : NULL,
                                              result, &merged, &error);
  gboolean latest = self != NULL && wait->number == self->saves_asked;

  g_weak_ref_clear (&wait->self);
  if (wait->app != NULL)
    {
      g_application_release (wait->app);
      g_object_unref (wait->app);
    }
  g_free (wait);
  if (self == NULL)
    return;
  self->saves_pending--;
  if (self->article == NULL)
    return;
  if (!saved)
    {
      set_unsaved (self, TRUE);
      report_save_error (self, error);
    }
  else
    took_merged (self, merged);
  if (saved && latest)
    {
      /* The last change asked for is on disk, so every earlier one is too. */
      if (self->save_toast != NULL)
        adw_toast_dismiss (self->save_toast);
      set_unsaved (self, FALSE);
    }
  _gloss_annotator_update_actions (self);
}

void
gloss_annotator_save (GlossAnnotator *self)
{
  SaveWait *wait;

  g_return_if_fail (GLOSS_IS_ANNOTATOR (self));

  wait = g_new0 (SaveWait, 1);
  g_weak_ref_init (&wait->self, self);
  wait->number = ++self->saves_asked;
  /* The last window closed (the reading progress saved as it closes) must
   * not end the process before the notes are on disk. */
  if ((wait->app = g_application_get_default ()) != NULL)
    g_application_hold (g_object_ref (wait->app));
  self->saves_pending++;
  gloss_sidecar_save_async (sidecar (self), NULL, on_saved, wait);
}

/* After every change to the sidecar in memory. */
void
_gloss_annotator_commit (GlossAnnotator *self)
{
  gloss_annotator_save (self);
  _gloss_annotator_update_actions (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Painting */

static void
on_painted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gloss_highlighter_paint_finish (GLOSS_HIGHLIGHTER (source), result, &error) &&
      error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not paint a highlight: %s", error->message);
}

void
_gloss_annotator_paint (GlossAnnotator        *self,
                        const GlossAnnotation *annotation)
{
  if (!gloss_highlighter_get_ready (self->highlighter))
    return;
  gloss_highlighter_paint_async (self->highlighter, annotation, self->cancellable,
                                 on_painted, NULL);
}

static void
on_unpainted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gloss_highlighter_unpaint_finish (GLOSS_HIGHLIGHTER (source), result, &error) &&
      error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not unpaint a highlight: %s", error->message);
}

static void
on_sidecar_painted (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GlossAnnotator *self = user_data;
  g_auto(GStrv) orphans = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *annotations;
  gboolean changed = FALSE;
  guint painted = 0;

  if (!gloss_highlighter_paint_sidecar_finish (GLOSS_HIGHLIGHTER (source), result, &painted,
                                               &orphans, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not paint the highlights: %s", error->message);
      return;
    }

  annotations = sidecar (self)->annotations;
  /* In an earlier version, what anchors where is not news about the article. */
  for (guint i = 0; !self->read_only && i < annotations->len; i++)
    {
      GlossAnnotation *annotation = annotations->pdata[i];
      gboolean orphaned = g_strv_contains ((const char * const *) orphans, annotation->id);

      if (annotation->orphaned != orphaned)
        {
          annotation->orphaned = orphaned;
          changed = TRUE;
        }
    }
  g_debug ("Painted %u highlights, %u orphaned", painted, g_strv_length (orphans));
  _gloss_annotator_update_actions (self);
  /* A paint that anchored nothing has nothing to reveal: it was of the page
   * before, the empty one, while the article loads. The next one is. */
  if (self->reveal_after_paint != NULL && painted > 0)
    {
      g_autofree char *id = g_steal_pointer (&self->reveal_after_paint);
      gloss_annotator_reveal (self, id);
    }
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

void
gloss_annotator_repaint (GlossAnnotator *self)
{
  g_return_if_fail (GLOSS_IS_ANNOTATOR (self));

  if (!gloss_highlighter_get_ready (self->highlighter))
    return;
  /* The object stays alive: the cancellable is cancelled in dispose. */
  gloss_highlighter_paint_sidecar_async (self->highlighter, sidecar (self), self->cancellable,
                                         on_sidecar_painted, self);
}

static void
on_ready (GlossHighlighter *highlighter,
          guint             length,
          GlossAnnotator   *self)
{
  gloss_annotator_repaint (self);
}

void
_gloss_annotator_clear_selection (GlossAnnotator *self)
{
  gloss_highlighter_clear_selection_async (self->highlighter, self->cancellable, NULL, NULL);
}

/* Creating, changing, deleting */

GlossAnnotation *
_gloss_annotator_create (GlossAnnotator       *self,
                         const GlossSelection *selection,
                         const char           *color)
{
  GlossAnnotation *annotation = gloss_annotation_new ();

  annotation->color = g_strdup (color);
  annotation->exact = g_strdup (selection->exact);
  annotation->prefix = g_strdup (selection->prefix);
  annotation->suffix = g_strdup (selection->suffix);
  annotation->start = selection->start;
  annotation->end = selection->end;
  gloss_annotation_set_source_date (annotation, self->article->info->saved);
  gloss_sidecar_add (sidecar (self), annotation);

  g_free (self->last_color);
  self->last_color = g_strdup (color);
  _gloss_annotator_set_current (self, annotation);
  _gloss_annotator_commit (self);
  _gloss_annotator_paint (self, annotation);
  _gloss_annotator_clear_selection (self);
  return annotation;
}

void
_gloss_annotator_set_color (GlossAnnotator  *self,
                            GlossAnnotation *annotation,
                            const char      *color)
{
  g_free (self->last_color);
  self->last_color = g_strdup (color);
  if (g_strcmp0 (annotation->color, color) == 0)
    return;
  g_free (annotation->color);
  annotation->color = g_strdup (color);
  gloss_annotation_touch (annotation);
  _gloss_annotator_commit (self);
  _gloss_annotator_paint (self, annotation);
}

static void
on_undo_toast_dismissed (AdwToast       *toast,
                         GlossAnnotator *self)
{
  if (self->undo_toast == toast)
    {
      g_clear_object (&self->undo_toast);
      g_clear_pointer (&self->deleted, gloss_annotation_free);
      _gloss_annotator_update_actions (self);
    }
}

void
_gloss_annotator_undo_delete (GlossAnnotator *self)
{
  g_autoptr(GlossAnnotation) fresh = NULL;
  GlossAnnotation *annotation;

  if (self->deleted == NULL)
    return;
  annotation = g_steal_pointer (&self->deleted);
  /* Under a new id: the old one has a tombstone, which wins every merge,
   * so a synced copy would delete it again. */
  fresh = gloss_annotation_new ();
  g_free (annotation->id);
  annotation->id = g_steal_pointer (&fresh->id);
  gloss_annotation_touch (annotation);
  gloss_sidecar_add (sidecar (self), annotation);
  _gloss_annotator_set_current (self, annotation);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  _gloss_annotator_commit (self);
  _gloss_annotator_paint (self, annotation);
}

static void
on_undo_clicked (AdwToast       *toast,
                 GlossAnnotator *self)
{
  _gloss_annotator_undo_delete (self);
}

void
_gloss_annotator_delete (GlossAnnotator *self,
                         const char     *id)
{
  g_autofree char *owned_id = g_strdup (id);
  GlossAnnotation *annotation = _gloss_annotator_find (self, owned_id);
  AdwToast *toast;

  if (annotation == NULL)
    return;
  g_clear_pointer (&self->deleted, gloss_annotation_free);
  self->deleted = gloss_annotation_copy (annotation);
  gloss_sidecar_remove (sidecar (self), owned_id);
  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  _gloss_annotator_commit (self);
  if (gloss_highlighter_get_ready (self->highlighter))
    gloss_highlighter_unpaint_async (self->highlighter, owned_id, self->cancellable,
                                     on_unpainted, NULL);

  if (self->undo_toast != NULL)
    {
      /* Its dismissal would forget the highlight just deleted. */
      g_signal_handlers_disconnect_by_data (self->undo_toast, self);
      adw_toast_dismiss (self->undo_toast);
      g_clear_object (&self->undo_toast);
    }
  toast = adw_toast_new (_("Highlight deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, UNDO_TIMEOUT_S);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed), self, 0);
  self->undo_toast = g_object_ref (toast);
  _gloss_annotator_update_actions (self);
  _gloss_annotator_show_toast (self, toast);
}

/* The popover */

void
_gloss_annotator_popup_for_highlight (GlossAnnotator        *self,
                                      const GlossAnnotation *annotation,
                                      const GdkRectangle    *rect)
{
  g_clear_pointer (&self->target_selection, gloss_selection_free);
  g_free (self->target_id);
  self->target_id = g_strdup (annotation->id);
  _gloss_annotator_set_current (self, annotation);
  gloss_highlight_popover_set_highlight (self->popover, annotation->color,
                                         annotation->note != NULL);
  gloss_highlight_popover_popup_at (self->popover, rect);
  _gloss_annotator_update_actions (self);
}

/* What the popover's buttons act on: @selection, to be highlighted. */
void
_gloss_annotator_target_selection (GlossAnnotator       *self,
                                   const GlossSelection *selection)
{
  g_clear_pointer (&self->target_selection, gloss_selection_free);
  self->target_selection = gloss_selection_copy (selection);
  g_clear_pointer (&self->target_id, g_free);
  gloss_highlight_popover_set_highlight (self->popover, NULL, FALSE);
}

static void
on_selection_changed (GlossHighlighter *highlighter,
                      GlossSelection   *selection,
                      GlossAnnotator   *self)
{
  gboolean editing = gloss_highlight_popover_get_editing (self->popover);

  _gloss_annotator_update_actions (self);
  if (editing || self->read_only)
    return;
  if (selection == NULL)
    {
      if (self->target_selection != NULL && gtk_widget_get_visible (GTK_WIDGET (self->popover)))
        gtk_popover_popdown (GTK_POPOVER (self->popover));
      g_clear_pointer (&self->target_selection, gloss_selection_free);
      return;
    }

  _gloss_annotator_target_selection (self, selection);
  /* The popover takes the keyboard: a selection being made with
   * Shift+arrows keeps it, and is highlighted with Ctrl+H or the menu. */
  if (selection->by_pointer)
    gloss_highlight_popover_popup_at (self->popover, &selection->rect);
  else if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
on_highlight_activated (GlossHighlighter   *highlighter,
                        const char         *id,
                        const GdkRectangle *rect,
                        GlossAnnotator     *self)
{
  GlossAnnotation *annotation = _gloss_annotator_find (self, id);

  if (annotation == NULL || gloss_highlight_popover_get_editing (self->popover) || self->read_only)
    return;
  _gloss_annotator_popup_for_highlight (self, annotation, rect);
}

static void
on_color_chosen (GlossHighlightPopover *popover,
                 const char            *color,
                 GlossAnnotator        *self)
{
  GlossAnnotation *annotation = _gloss_annotator_find (self, self->target_id);

  if (self->target_selection != NULL)
    {
      g_autoptr(GlossSelection) selection = g_steal_pointer (&self->target_selection);

      _gloss_annotator_create (self, selection, color);
    }
  else if (annotation != NULL)
    {
      _gloss_annotator_set_color (self, annotation, color);
    }
  gtk_popover_popdown (GTK_POPOVER (popover));
}

void
_gloss_annotator_on_note_requested (GlossHighlightPopover *popover,
                                    GlossAnnotator        *self)
{
  GlossAnnotation *annotation = _gloss_annotator_find (self, self->target_id);

  if (self->target_selection != NULL)
    {
      g_autoptr(GlossSelection) selection = g_steal_pointer (&self->target_selection);

      annotation = _gloss_annotator_create (self, selection, self->last_color);
      g_free (self->target_id);
      self->target_id = g_strdup (annotation->id);
    }
  if (annotation == NULL)
    return;
  gloss_highlight_popover_edit_note (popover, annotation->note);
}

static void
on_note_edited (GlossHighlightPopover *popover,
                const char            *text,
                GlossAnnotator        *self)
{
  GlossAnnotation *annotation = _gloss_annotator_find (self, self->target_id);
  const char *note = text != NULL && *text != '\0' ? text : NULL;

  if (annotation == NULL || g_strcmp0 (annotation->note, note) == 0)
    return;
  g_free (annotation->note);
  annotation->note = g_strdup (note);
  gloss_annotation_touch (annotation);
  _gloss_annotator_commit (self);
}

static void
on_copy_requested (GlossHighlightPopover *popover,
                   GlossAnnotator        *self)
{
  GlossAnnotation *annotation = _gloss_annotator_find (self, self->target_id);
  const char *text = NULL;

  if (self->target_selection != NULL)
    text = self->target_selection->exact;
  else if (annotation != NULL)
    text = annotation->exact;
  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self->view)), text);
  gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
on_delete_requested (GlossHighlightPopover *popover,
                     GlossAnnotator        *self)
{
  _gloss_annotator_delete (self, self->target_id);
}

/* Watching the file */

static void
read_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GlossSidecar *theirs = gloss_sidecar_read (task_data, &error);

  if (theirs == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, theirs, (GDestroyNotify) gloss_sidecar_free);
}

static void
on_reloaded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GlossAnnotator *self = GLOSS_ANNOTATOR (source);
  g_autoptr(GlossSidecar) theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *checksum = NULL;

  if ((theirs = g_task_propagate_pointer (G_TASK (result), &error)) == NULL)
    {
      /* Gone or half there (mid-rename): a complete write comes with its own event. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Not merging %s: %s", (char *) g_task_get_task_data (G_TASK (result)),
                   error->message);
      return;
    }
  if (self->article == NULL)
    return;
  checksum = checksum_of (theirs->base, strlen (theirs->base));
  if (g_strcmp0 (checksum, self->known_checksum) == 0)
    return;
  g_debug ("Merging %s, changed on disk", theirs->path);
  gloss_sidecar_rebase (sidecar (self), theirs);
  g_free (self->known_checksum);
  self->known_checksum = g_steal_pointer (&checksum);
  /* Only our unsaved edits are worth a write: writing back what was merged
   * would make two open copies of Gloss answer each other forever. */
  if (self->unsaved)
    gloss_annotator_save (self);
  _gloss_annotator_update_actions (self);
  g_signal_emit (self, signals[CHANGED], 0);
  gloss_annotator_repaint (self);
}

/* Read and parsed in a worker; merged here. */
static gboolean
reload (gpointer user_data)
{
  GlossAnnotator *self = user_data;
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_reloaded, NULL);

  self->reload_source = 0;
  g_task_set_task_data (task, g_strdup (sidecar (self)->path), g_free);
  g_task_run_in_thread (task, read_in_thread);
  return G_SOURCE_REMOVE;
}

static void
on_file_changed (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event,
                 GlossAnnotator    *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
      g_clear_handle_id (&self->reload_source, g_source_remove);
      self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload, self);
      break;
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    default:
      break;
    }
}

static void
watch (GlossAnnotator *self)
{
  g_autoptr(GFile) file = g_file_new_for_path (sidecar (self)->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  if (g_file_get_contents (sidecar (self)->path, &data, &length, NULL))
    self->known_checksum = checksum_of (data, length);
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_message ("Not watching %s: %s", sidecar (self)->path, error->message);
      return;
    }
  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (on_file_changed), self, 0);
}

/* The object */

static void
gloss_annotator_dispose (GObject *object)
{
  GlossAnnotator *self = GLOSS_ANNOTATOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
  if (self->highlighter != NULL)
    g_signal_handlers_disconnect_by_data (self->highlighter, self);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  if (self->popover != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->popover, self);
      /* Closed before it goes: GTK 4.8 keeps the grab of a popover taken
       * away open, and the window took no more clicks. */
      if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
        gtk_popover_popdown (GTK_POPOVER (self->popover));
      gtk_widget_unparent (GTK_WIDGET (self->popover));
      self->popover = NULL;
    }
  if (self->undo_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_toast, self);
  if (self->save_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->save_toast, self);
  g_clear_object (&self->undo_toast);
  g_clear_object (&self->save_toast);
  g_clear_object (&self->highlighter);
  g_clear_object (&self->view);
  g_clear_object (&self->toasts);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (gloss_annotator_parent_class)->dispose (object);
}

static void
gloss_annotator_finalize (GObject *object)
{
  GlossAnnotator *self = GLOSS_ANNOTATOR (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->article, gloss_article_free);
  g_clear_pointer (&self->target_selection, gloss_selection_free);
  g_clear_pointer (&self->deleted, gloss_annotation_free);
  g_free (self->target_id);
  g_free (self->current_id);
  g_free (self->last_color);
  g_free (self->reveal_after_paint);
  g_free (self->known_checksum);

  G_OBJECT_CLASS (gloss_annotator_parent_class)->finalize (object);
}

static void
gloss_annotator_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GlossAnnotator *self = GLOSS_ANNOTATOR (object);

  switch (prop_id)
    {
    case PROP_UNSAVED:
      g_value_set_boolean (value, self->unsaved);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotator_class_init (GlossAnnotatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gloss_annotator_dispose;
  object_class->finalize = gloss_annotator_finalize;
  object_class->get_property = gloss_annotator_get_property;

  properties[PROP_UNSAVED] =
    g_param_spec_boolean ("unsaved", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gloss_annotator_init (GlossAnnotator *self)
{
  self->cancellable = g_cancellable_new ();
  self->last_color = g_strdup ("yellow");
  self->current_start = -1;
}

GlossAnnotator *
gloss_annotator_new (WebKitWebView    *view,
                     GlossHighlighter *highlighter,
                     GlossArticle     *article,
                     AdwToastOverlay  *toasts)
{
  GlossAnnotator *self;

  g_return_val_if_fail (WEBKIT_IS_WEB_VIEW (view), NULL);
  g_return_val_if_fail (GLOSS_IS_HIGHLIGHTER (highlighter), NULL);
  g_return_val_if_fail (gloss_highlighter_get_view (highlighter) == view, NULL);
  g_return_val_if_fail (article != NULL && article->sidecar != NULL, NULL);
  g_return_val_if_fail (toasts == NULL || ADW_IS_TOAST_OVERLAY (toasts), NULL);

  self = g_object_new (GLOSS_TYPE_ANNOTATOR, NULL);
  self->view = g_object_ref (view);
  self->highlighter = g_object_ref (highlighter);
  self->article = article;
  self->toasts = toasts != NULL ? g_object_ref (toasts) : NULL;

  self->popover = GLOSS_HIGHLIGHT_POPOVER (gloss_highlight_popover_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (view));
  g_signal_connect (self->popover, "color-chosen", G_CALLBACK (on_color_chosen), self);
  g_signal_connect (self->popover, "note-requested",
                    G_CALLBACK (_gloss_annotator_on_note_requested), self);
  g_signal_connect (self->popover, "note-edited", G_CALLBACK (on_note_edited), self);
  g_signal_connect (self->popover, "copy-requested", G_CALLBACK (on_copy_requested), self);
  g_signal_connect (self->popover, "delete-requested", G_CALLBACK (on_delete_requested), self);

  _gloss_annotator_init_actions (self);
  _gloss_annotator_init_menu (self);

  g_signal_connect (highlighter, "ready", G_CALLBACK (on_ready), self);
  g_signal_connect (highlighter, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect (highlighter, "highlight-activated", G_CALLBACK (on_highlight_activated), self);

  watch (self);
  _gloss_annotator_update_actions (self);
  gloss_annotator_repaint (self);
  return self;
}

void
gloss_annotator_reveal_after_paint (GlossAnnotator *self,
                                    const char     *id)
{
  g_return_if_fail (GLOSS_IS_ANNOTATOR (self));

  g_free (self->reveal_after_paint);
  self->reveal_after_paint = g_strdup (id);
}

void
gloss_annotator_set_read_only (GlossAnnotator *self,
                               gboolean        read_only)
{
  g_return_if_fail (GLOSS_IS_ANNOTATOR (self));

  self->read_only = !!read_only;
  if (read_only && gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  _gloss_annotator_update_actions (self);
}

gboolean
gloss_annotator_get_read_only (GlossAnnotator *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATOR (self), FALSE);

  return self->read_only;
}

GlossArticle *
gloss_annotator_get_article (GlossAnnotator *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATOR (self), NULL);

  return self->article;
}

GActionGroup *
gloss_annotator_get_action_group (GlossAnnotator *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATOR (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

GlossHighlightPopover *
gloss_annotator_get_popover (GlossAnnotator *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATOR (self), NULL);

  return self->popover;
}

gboolean
gloss_annotator_get_saving (GlossAnnotator *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATOR (self), FALSE);

  return self->saves_pending > 0;
}

gboolean
gloss_annotator_get_unsaved (GlossAnnotator *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATOR (self), FALSE);

  return self->unsaved;
}

const char *
gloss_annotator_get_current (GlossAnnotator *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATOR (self), NULL);

  return self->current_id;
}
