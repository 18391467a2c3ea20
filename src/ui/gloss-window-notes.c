/* gloss-window-notes.c — highlighting in the window: the annotator of the
 * article shown, the notes pane beside it, and exporting notes
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-sidecar.h"
#include "gloss-window-private.h"

/* The library's rows */

static void
update_item_counts (GlossWindow        *self,
                    GlossLibraryItem   *item,
                    const GlossSidecar *sidecar)
{
  gloss_library_item_set_highlights (item, sidecar != NULL ? sidecar->annotations->len : 0);
  if (sidecar != NULL)
    {
      gloss_library_item_set_tags (item, (const char * const *) sidecar->tags->pdata);
      _gloss_window_queue_update_tags (self);
    }
}

void
_gloss_window_sidecar_changed (GlossWindow *self,
                               const char  *id,
                               const char  *sidecar_path)
{
  g_autofree char *data = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  GlossLibraryItem *item;
  gsize length;

  if ((item = gloss_library_model_find (self->model, id)) == NULL)
    return;
  /* Only read, as the library does: a broken file is dealt with on opening. */
  if (g_file_get_contents (sidecar_path, &data, &length, &error))
    {
      if ((sidecar = gloss_sidecar_parse (sidecar_path, data, length, &error)) == NULL)
        {
          g_debug ("Not counting the notes of %s: %s", id, error->message);
          return;
        }
    }
  else if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return;
  update_item_counts (self, item, sidecar);
}

/* The annotator of the article shown */

static void
on_annotator_changed (GlossWindow *self)
{
  GlossLibraryItem *item = _gloss_window_get_current_item (self);

  gloss_annotations_pane_refresh (self->annotations_pane);
  if (item != NULL && self->annotator != NULL)
    update_item_counts (self, item, gloss_annotator_get_article (self->annotator)->sidecar);
  /* A re-clip elsewhere (`gloss clip`) lists a version in the merged sidecar. */
  _gloss_window_update_versions (self);
}

static void
on_pane_changed (GlossWindow *self)
{
  if (self->annotator != NULL)
    gloss_annotator_save (self->annotator);
  on_annotator_changed (self);
}

static void
on_annotation_activated (GlossWindow *self,
                         const char  *id)
{
  if (self->annotator != NULL)
    _gloss_window_reveal_annotation (self, id);
}

static void
on_attach_requested (GlossWindow *self,
                     const char  *id)
{
  if (self->annotator != NULL)
    gloss_annotator_attach (self->annotator, id);
}

static void
clear_annotator (GlossWindow *self)
{
  gloss_annotations_pane_set_article (self->annotations_pane, NULL);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "annotate", NULL);
  if (self->annotator != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->annotator, self);
      g_clear_object (&self->annotator);
    }
  if (self->versions_section != NULL)
    _gloss_window_update_versions (self);
}

/* The annotator has just been made: the page is not painted yet. */
static void
reveal_when_painted (GlossWindow  *self,
                     GlossArticle *article)
{
  g_autofree char *id = g_steal_pointer (&self->reveal_pending);
  GlossAnnotation *annotation = gloss_sidecar_find (article->sidecar, id);

  /* An orphan opens in the version it was made on, which the window knows. */
  if (annotation != NULL && annotation->orphaned)
    _gloss_window_reveal_annotation (self, id);
  else if (annotation != NULL)
    gloss_annotator_reveal_after_paint (self->annotator, id);
}

static void
on_article_opened (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GlossArticle *article = gloss_library_open_article_finish (result, &error);
  GlossLibraryItem *item;

  /* A request that was replaced comes back cancelled, and leaves the newer one be. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->opening);
  if (article == NULL)
    {
      _gloss_window_show_toast (self, adw_toast_new (error->message));
      return;
    }
  /* Another article was chosen meanwhile. */
  item = _gloss_window_get_current_item (self);
  if (item == NULL || g_strcmp0 (gloss_library_item_get_id (item), article->info->id) != 0
      || self->annotator != NULL)
    {
      gloss_article_free (article);
      return;
    }
  self->annotator = gloss_annotator_new (gloss_article_view_get_web_view (self->article_view),
                                         self->highlighter, article, self->toast_overlay);
  g_signal_connect_swapped (self->annotator, "changed", G_CALLBACK (on_annotator_changed), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "annotate",
                                  gloss_annotator_get_action_group (self->annotator));
  gloss_annotations_pane_set_article (self->annotations_pane, article);
  _gloss_window_update_notes_actions (self);
  _gloss_window_update_versions (self);
  if (self->reveal_pending != NULL)
    reveal_when_painted (self, article);
}

void
_gloss_window_annotate_item (GlossWindow      *self,
                             GlossLibraryItem *item)
{
  const char *id = item != NULL ? gloss_library_item_get_id (item) : NULL;

  if (self->annotator != NULL && id != NULL
      && g_strcmp0 (gloss_annotator_get_article (self->annotator)->info->id, id) == 0)
    return;
  clear_annotator (self);
  g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  if (item != NULL)
    {
      /* Read and parsed off the main thread: a large archive takes a while. */
      self->opening = g_cancellable_new ();
      gloss_library_open_article_async (gloss_library_item_get_path (item), self->opening,
                                        on_article_opened, g_object_ref (self));
    }
  _gloss_window_update_notes_actions (self);
}

gboolean
_gloss_window_open_highlight (GlossWindow *self,
                              const char  *article,
                              const char  *annotation)
{
  GlossLibraryItem *item = gloss_library_model_find (self->model, article);
  gboolean annotating;

  g_clear_pointer (&self->reveal_pending, g_free);
  if (item == NULL)
    return FALSE;
  annotating = self->annotator != NULL
               && g_strcmp0 (gloss_annotator_get_article (self->annotator)->info->id, article) == 0;
  /* Set before opening: the article may already be on its way. */
  if (annotation != NULL && !annotating)
    self->reveal_pending = g_strdup (annotation);
  gloss_window_open_article (self, article);
  if (annotation != NULL && annotating)
    _gloss_window_reveal_annotation (self, annotation);
  return TRUE;
}

void
_gloss_window_update_notes_actions (GlossWindow *self)
{
  gboolean annotating = self->annotator != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->annotations_pane), annotating);
  gtk_widget_set_sensitive (self->notes_button, annotating);
  if (!annotating)
    adw_flap_set_reveal_flap (self->notes_flap, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-notes", annotating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-notes", annotating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-all-notes",
                                 gloss_library_model_count_articles (self->model) > 0);
}

/* Actions */

static void
focus_pane_when_mapped (GtkWidget   *pane,
                        GlossWindow *self)
{
  g_signal_handlers_disconnect_by_func (pane, focus_pane_when_mapped, self);
  gtk_widget_child_focus (pane, GTK_DIR_TAB_FORWARD);
}

static void
toggle_notes (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GtkWidget *pane = GTK_WIDGET (self->annotations_pane);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean reveal;

  if (self->annotator == NULL)
    return;
  reveal = !adw_flap_get_reveal_flap (self->notes_flap);
  adw_flap_set_reveal_flap (self->notes_flap, reveal);
  /* From the keyboard, the pane opened is where the reader goes next, and
   * the pane closed gives the focus back to the article. */
  g_signal_handlers_disconnect_by_func (pane, focus_pane_when_mapped, self);
  if (reveal && gtk_widget_get_mapped (pane))
    gtk_widget_child_focus (pane, GTK_DIR_TAB_FORWARD);
  else if (reveal)
    g_signal_connect (pane, "map", G_CALLBACK (focus_pane_when_mapped), self);
  else if (focus != NULL && gtk_widget_is_ancestor (focus, pane))
    gtk_widget_grab_focus (GTK_WIDGET (self->article_view));
}

static void
on_notes_exported (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gloss_export_save_finish (result, &error))
    _gloss_window_show_toast (self, adw_toast_new_format (_("Could not export the notes: %s"),
                                                          error->message));
  else
    _gloss_window_show_toast (self, adw_toast_new (_("Notes exported")));
}

static void
on_export_notes_response (GtkNativeDialog *dialog,
                          int              response,
                          GlossWindow     *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *markdown = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->annotator != NULL
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    {
      if ((path = g_file_get_path (file)) == NULL)
        _gloss_window_show_toast (self, adw_toast_new (_("Choose a file on this computer")));
      else if ((markdown = gloss_article_export (gloss_annotator_get_article (self->annotator),
                                                 GLOSS_EXPORT_FORMAT_MARKDOWN, NULL,
                                                 &error)) == NULL)
        _gloss_window_show_toast (self,
                                  adw_toast_new_format (_("Could not export the notes: %s"),
                                                        error->message));
      else
        /* The file chooser asked before replacing a file. */
        gloss_export_save_async (path, markdown, TRUE, NULL, on_notes_exported, g_object_ref (self));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_notes (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;

  if (self->annotator == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Export Notes"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  name = gloss_article_export_file_name (gloss_annotator_get_article (self->annotator),
                                         GLOSS_EXPORT_FORMAT_MARKDOWN);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Markdown"));
  gtk_file_filter_add_mime_type (filter, "text/markdown");
  gtk_file_filter_add_suffix (filter, "md");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_notes_response),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Export All: a toast that counts the articles done and can cancel. */

typedef struct
{
  GWeakRef      window;
  AdwToast     *toast;
  GCancellable *cancellable;
} ExportAll;

static void
export_all_free (ExportAll *export)
{
  g_weak_ref_clear (&export->window);
  g_clear_object (&export->toast);
  g_clear_object (&export->cancellable);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportAll, export_all_free)

static void
on_export_all_progress (guint    done,
                        guint    total,
                        gpointer user_data)
{
  ExportAll *export = user_data;
  g_autofree char *title = g_strdup_printf (_("Exporting notes: %'u of %'u articles"), done, total);

  adw_toast_set_title (export->toast, title);
}

static void
on_export_all_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ExportAll) export = user_data;
  g_autoptr(GlossWindow) self = g_weak_ref_get (&export->window);
  g_autoptr(GlossLibraryExport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint written;

  adw_toast_dismiss (export->toast);
  report = gloss_library_export_all_finish (GLOSS_LIBRARY (source), result, &error);
  if (report == NULL || self == NULL)
    return;  /* cancelled, or the window is gone */
  for (guint i = 0; i < report->failed->len; i++)
    g_warning ("%s", ((GError *) report->failed->pdata[i])->message);
  written = report->written->len;
  if (report->failed->len > 0)
    _gloss_window_show_toast (self,
                              adw_toast_new_format (_("Could not export all the notes: %s"),
                                                    ((GError *) report->failed->pdata[0])->message));
  else if (written == 0)
    _gloss_window_show_toast (self, adw_toast_new (_("No article has notes to export")));
  else
    {
      g_autofree char *title = g_strdup_printf (ngettext ("Notes of %'u article exported",
                                                          "Notes of %'u articles exported",
                                                          written),
                                                written);

      _gloss_window_show_toast (self, adw_toast_new (title));
    }
}

/* Every article's notes into @folder, in the background, with a toast that
 * counts and can cancel. */
static void
export_all_into (GlossWindow *self,
                 const char  *folder)
{
  ExportAll *export = g_new0 (ExportAll, 1);

  g_weak_ref_init (&export->window, self);
  export->cancellable = g_cancellable_new ();
  export->toast = adw_toast_new (_("Exporting notes…"));
  adw_toast_set_timeout (export->toast, 0);
  adw_toast_set_button_label (export->toast, _("_Cancel"));
  g_signal_connect_object (export->toast, "button-clicked", G_CALLBACK (g_cancellable_cancel),
                           export->cancellable, G_CONNECT_SWAPPED);
  _gloss_window_show_toast (self, g_object_ref (export->toast));
  gloss_library_export_all_async (self->library, folder, GLOSS_EXPORT_FORMAT_MARKDOWN, NULL, FALSE,
                                  on_export_all_progress, export, export->cancellable,
                                  on_export_all_done, export);
}

static void
on_export_all_response (GtkNativeDialog *dialog,
                        int              response,
                        GlossWindow     *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    {
      if ((path = g_file_get_path (folder)) == NULL)
        _gloss_window_show_toast (self, adw_toast_new (_("Choose a folder on this computer")));
      else
        export_all_into (self, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_all_notes (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Export All Notes"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_all_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The notebook */

static void
on_notebook_highlight_activated (GlossWindow *self,
                                 const char  *article,
                                 const char  *annotation)
{
  if (!_gloss_window_open_highlight (self, article, annotation))
    {
      _gloss_window_show_toast (self, adw_toast_new (_("The article of this highlight is no "
                                                       "longer in the library")));
      return;
    }
  gtk_window_present (GTK_WINDOW (self));
}

static void
show_highlights (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  /* One notebook a window; its own window, so that the article it opens is
   * not hidden behind it. */
  if (self->notebook == NULL)
    {
      g_set_weak_pointer (&self->notebook, gloss_notebook_new (self->library_dir));
      gtk_window_set_application (GTK_WINDOW (self->notebook),
                                  gtk_window_get_application (GTK_WINDOW (self)));
      g_signal_connect_object (self->notebook, "highlight-activated",
                               G_CALLBACK (on_notebook_highlight_activated), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (self->notebook));
}

static void
add_accel (GtkWidgetClass  *widget_class,
           guint            keyval,
           GdkModifierType  mods,
           const char      *action)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, mods, action, NULL);
}

void
_gloss_window_class_init_notes (GtkWidgetClass *widget_class)
{
  g_type_ensure (GLOSS_TYPE_ANNOTATIONS_PANE);

  gtk_widget_class_bind_template_child (widget_class, GlossWindow, notes_flap);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, annotations_pane);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, notes_button);

  gtk_widget_class_install_action (widget_class, "win.toggle-notes", NULL, toggle_notes);
  gtk_widget_class_install_action (widget_class, "win.export-notes", NULL, export_notes);
  gtk_widget_class_install_action (widget_class, "win.export-all-notes", NULL, export_all_notes);
  gtk_widget_class_install_action (widget_class, "win.show-highlights", NULL, show_highlights);

  /* F10 opens the main menu; Delete moves the article to the trash. */
  add_accel (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.toggle-notes");
  add_accel (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "annotate.highlight");
  add_accel (widget_class, GDK_KEY_h, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "annotate.add-note");
  /* Menu and Shift+F10 would be the keys, but the article view keeps them. */
  add_accel (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "annotate.popover");
  add_accel (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "annotate.popover");
  add_accel (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "annotate.next-highlight");
  add_accel (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "annotate.previous-highlight");
  add_accel (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK, "annotate.delete-highlight");
  add_accel (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-notes");
  /* Ctrl+Shift+H is Highlight and Add Note already. */
  add_accel (widget_class, GDK_KEY_h, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.show-highlights");
}

void
_gloss_window_init_notes (GlossWindow *self)
{
  self->highlighter = gloss_highlighter_new (gloss_article_view_get_web_view (self->article_view));
  g_signal_connect_swapped (self->annotations_pane, "changed",
                            G_CALLBACK (on_pane_changed), self);
  g_signal_connect_swapped (self->annotations_pane, "annotation-activated",
                            G_CALLBACK (on_annotation_activated), self);
  g_signal_connect_swapped (self->annotations_pane, "attach-requested",
                            G_CALLBACK (on_attach_requested), self);
  _gloss_window_update_notes_actions (self);
}

void
_gloss_window_dispose_notes (GlossWindow *self)
{
  g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  if (self->annotations_pane != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->annotations_pane, self);
      clear_annotator (self);
    }
  g_clear_object (&self->highlighter);
  g_clear_pointer (&self->reveal_pending, g_free);
  /* It opens articles in this window: it goes with it. */
  if (self->notebook != NULL)
    gtk_window_destroy (GTK_WINDOW (self->notebook));
  g_clear_weak_pointer (&self->notebook);
}
