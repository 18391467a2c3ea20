/* gloss-window-clip.c — clipping from the window: the clip popover, paste,
 * drop, `gloss URL` from another instance, and rows that show progress
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "gloss-clip.h"
#include "gloss-render.h"
#include "gloss-ui.h"
#include "gloss-window-private.h"

/* Clipping */

typedef struct
{
  GlossWindow      *self;
  GlossLibraryItem *item;
  char             *left_out;  /* what the archive was saved without, for a toast */
} ClipJob;

static void
clip_job_free (ClipJob *job)
{
  g_object_unref (job->self);
  g_object_unref (job->item);
  g_free (job->left_out);
  g_free (job);
}

/* "Saved without 3 pictures or styles: the clip took too long" — the first
 * reason stands for the rest in a toast; `gloss clip --json` lists them all. */
static char *
describe_left_out (GlossClipResult *clip)
{
  guint count = clip->missing->len;
  g_autofree char *reason = NULL;

  if (count == 0)
    return NULL;
  if (clip->timed_out)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Saved without %u picture or style: the clip took too long",
                                         "Saved without %u pictures or styles: the clip took too long",
                                         count), count);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Saved without %u picture or style: %s",
                                       "Saved without %u pictures or styles; the first: %s",
                                       count), count,
                          reason = g_markup_escape_text (clip->missing_reasons->pdata[0], -1));
}

static char *
location_label (const char *location)
{
  g_autoptr(GUri) uri = g_uri_parse (location, G_URI_FLAGS_NONE, NULL);

  if (uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri))
    return g_strdup (g_uri_get_host (uri));
  if (uri != NULL && g_strcmp0 (g_uri_get_scheme (uri), "file") == 0)
    return g_path_get_basename (g_uri_get_path (uri));
  return g_path_get_basename (location);
}

static void
on_clip_progress (const GlossClipProgress *progress,
                  gpointer                 user_data)
{
  GlossLibraryItem *item = user_data;
  g_autofree char *status = NULL;
  double fraction = 0.0;

  switch (progress->stage)
    {
    case GLOSS_CLIP_STAGE_PAGE:
      status = g_strdup (_("Downloading the page…"));
      break;
    case GLOSS_CLIP_STAGE_RESOURCES:
      /* Translators: progress of a clip, "images and styles 3 of 12" */
      status = g_strdup_printf (_("Pictures and styles %u of %u"),
                                progress->resources_done, progress->resources_total);
      fraction = progress->resources_total > 0
               ? 0.1 + 0.85 * progress->resources_done / progress->resources_total
               : 0.5;
      break;
    case GLOSS_CLIP_STAGE_RENDERING:
      status = g_strdup (_("Running the page’s scripts…"));
      fraction = 0.05;
      break;
    case GLOSS_CLIP_STAGE_SAVING:
      status = g_strdup (_("Saving…"));
      fraction = 1.0;
      break;
    default:
      g_assert_not_reached ();
    }
  gloss_library_item_set_progress (item, fraction, status);
}

static void
finish_clip (GlossWindow      *self,
             GlossLibraryItem *placeholder)
{
  g_ptr_array_remove (self->clips, placeholder);
  gloss_library_model_remove (self->model, placeholder);
}

static void
on_clip_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ClipJob *job = user_data;
  GlossWindow *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLibraryItem) item = gloss_library_model_read_item_finish (result, &error);
  gboolean reload;

  if (self->model == NULL)
    goto out;
  finish_clip (self, job->item);
  if (item == NULL)
    {
      _gloss_window_show_toast (self, adw_toast_new_format (_("Could not read the new article: %s"),
                                              error->message));
      _gloss_window_update_state (self);
      goto out;
    }

  /* Clipping the open article again shows the new copy. */
  reload = g_strcmp0 (gloss_article_view_get_article_id (self->article_view),
                      gloss_library_item_get_id (item)) == 0;
  gloss_library_model_add (self->model, item);
  if (job->left_out != NULL)
    _gloss_window_show_toast (self, adw_toast_new (job->left_out));
  if (reload)
    gloss_article_view_load (self->article_view, NULL);
  gloss_window_open_article (self, gloss_library_item_get_id (item));

out:
  clip_job_free (job);
}

static void
on_clipped (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ClipJob *job = user_data;
  GlossWindow *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossClipResult) clip = gloss_clip_finish (result, &error);
  const char *location = gloss_library_item_get_location (job->item);

  if (clip != NULL && self->model != NULL)
    {
      job->left_out = describe_left_out (clip);
      /* Read its header back in a thread, like every other article. */
      gloss_library_model_read_item_async (clip->path, NULL, on_clip_read, job);
      return;
    }

  if (self->model != NULL)
    {
      finish_clip (self, job->item);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *site = location_label (location);
          g_autoptr(GString) reason = g_string_new (error->message);
          AdwToast *toast;

          /* The whole URL is too long for a toast; its site says enough. */
          g_string_replace (reason, location, site, 0);
          g_debug ("Clip of %s failed: %s", location, error->message);
          toast = adw_toast_new (reason->str);
          adw_toast_set_timeout (toast, 10);
          adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
          adw_toast_set_button_label (toast, _("_Retry"));
          adw_toast_set_action_name (toast, "win.clip-url");
          adw_toast_set_action_target_value (toast,
                                             g_variant_new ("(ss)", location,
                                                            gloss_library_item_get_mode (job->item)));
          _gloss_window_show_toast (self, toast);
        }
      _gloss_window_update_state (self);
    }
  clip_job_free (job);
}

void
gloss_window_clip (GlossWindow *self,
                   const char  *location,
                   const char  *mode)
{
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GlossLibraryItem) item = NULL;
  g_autofree char *default_mode = NULL;
  GlossClipMode clip_mode = GLOSS_CLIP_MODE_READER;
  ClipJob *job;

  g_return_if_fail (GLOSS_IS_WINDOW (self));
  g_return_if_fail (location != NULL);

  if (mode == NULL)
    mode = default_mode = g_settings_get_string (self->settings, "clip-mode");
  gloss_clip_mode_from_string (mode, &clip_mode);

  cancellable = g_cancellable_new ();
  item = gloss_library_item_new_clipping (location, gloss_clip_mode_to_string (clip_mode),
                                          cancellable);
  g_ptr_array_add (self->clips, g_object_ref (item));
  gloss_library_model_add (self->model, item);
  _gloss_window_update_state (self);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  /* Show the row and its progress, even over the article in a narrow window:
   * the article opens, and the sidebar folds away again, when the clip is done. */
  adw_flap_set_reveal_flap (self->flap, TRUE);

  job = g_new0 (ClipJob, 1);
  job->self = g_object_ref (self);
  job->item = g_object_ref (item);
  g_debug ("Clipping %s (%s)", location, mode);
  /* A page whose text its scripts write is run in gloss-render first. */
  gloss_clip_rendered_async (self->fetcher, self->library, location, clip_mode,
                             GLOSS_RENDER_IF_NEEDED, GLOSS_RENDER_DEFAULT_TIMEOUT,
                             on_clip_progress, job->item, cancellable, on_clipped, job);
}

/* gloss://clip?url=<encoded URL>[&mode=full], from a bookmarklet or a
 * browser: that URL clipped here. */
static void
clip_link (GlossWindow *self,
           const char  *link)
{
  g_autoptr(GUri) uri = g_uri_parse (link, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;
  const char *url, *mode;

  if (uri != NULL && g_uri_get_query (uri) != NULL)
    params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  url = params != NULL ? g_hash_table_lookup (params, "url") : NULL;
  mode = params != NULL ? g_hash_table_lookup (params, "mode") : NULL;
  if (url == NULL || !gloss_ui_is_web_url (url))
    {
      _gloss_window_show_toast (self, adw_toast_new_format (_("“%s” names no web address to clip"),
                                                            link));
      return;
    }
  gloss_window_clip (self, url, g_strcmp0 (mode, "full") == 0 ? "full" : "reader");
}

void
gloss_window_open_location (GlossWindow *self,
                            const char  *location)
{
  g_return_if_fail (GLOSS_IS_WINDOW (self));
  g_return_if_fail (location != NULL);

  if (g_str_has_prefix (location, "gloss://open/"))
    {
      g_autofree char *id = g_strdup (location + strlen ("gloss://open/"));
      g_autofree char *annotation = NULL;
      char *hash = strchr (id, '#');

      /* #<annotation id>, percent-encoded as the Markdown export writes it. */
      if (hash != NULL)
        {
          *hash = '\0';
          annotation = g_uri_unescape_string (hash + 1, NULL);
        }
      /* `gloss gloss://open/ID` starts a window that is still reading the
       * library: the article opens once it is read, at its top. */
      if (annotation == NULL || !self->loaded)
        gloss_window_open_article_when_loaded (self, id);
      else if (!_gloss_window_open_highlight (self, id, annotation))
        _gloss_window_show_toast (self,
                                  adw_toast_new_format (_("There is no article “%s” in the library"),
                                                        id));
      return;
    }
  if (g_str_has_prefix (location, "gloss://clip"))
    {
      clip_link (self, location);
      return;
    }
  gloss_window_clip (self, location, NULL);
}

/* Files opened with Gloss */

/* The id of @path when it is an archive of the library itself. */
static char *
library_archive_id (GlossWindow *self,
                    const char  *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *real_dir = realpath (dir, NULL);
  g_autofree char *real_library = realpath (self->library_dir, NULL);
  g_autofree char *id = NULL;

  if (real_dir == NULL || real_library == NULL || g_strcmp0 (real_dir, real_library) != 0)
    return NULL;
  if (gloss_library_classify (name, &id) != GLOSS_LIBRARY_FILE_ARCHIVE)
    return NULL;
  return g_steal_pointer (&id);
}

typedef struct
{
  GlossWindow *self;
  GStrv        paths;
} ImportOffer;

static void
import_offer_free (gpointer data,
                   GClosure *closure)
{
  ImportOffer *offer = data;

  g_object_unref (offer->self);
  g_strfreev (offer->paths);
  g_free (offer);
}

static void
on_import_response (AdwMessageDialog *dialog,
                    const char       *response,
                    ImportOffer      *offer)
{
  if (g_strcmp0 (response, "add") != 0)
    return;
  for (guint i = 0; offer->paths[i] != NULL; i++)
    gloss_window_clip (offer->self, offer->paths[i], NULL);
}

/* Asks whether to clip @paths (which it takes) into the library. */
void
_gloss_window_offer_pages (GlossWindow *self,
                           GStrv        paths)
{
  guint n = g_strv_length (paths);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  ImportOffer *offer = g_new0 (ImportOffer, 1);

  if (n == 1)
    {
      g_autofree char *name = g_filename_display_basename (paths[0]);

      adw_message_dialog_format_heading (dialog, _("Add “%s” to the Library?"), name);
    }
  else
    adw_message_dialog_format_heading (dialog, ngettext ("Add %u File to the Library?",
                                                         "Add %u Files to the Library?", n), n);
  adw_message_dialog_set_body (dialog, ngettext ("Gloss keeps its own copy of the page, where you "
                                                 "can highlight passages and take notes. The file "
                                                 "stays as it is.",
                                                 "Gloss keeps its own copy of each page, where you "
                                                 "can highlight passages and take notes. The files "
                                                 "stay as they are.", n));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add");
  adw_message_dialog_set_close_response (dialog, "cancel");
  offer->self = g_object_ref (self);
  offer->paths = paths;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_import_response), offer,
                         import_offer_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
gloss_window_open_files (GlossWindow        *self,
                         const char * const *paths)
{
  g_autoptr(GStrvBuilder) others = g_strv_builder_new ();
  GStrv offered;

  g_return_if_fail (GLOSS_IS_WINDOW (self));
  g_return_if_fail (paths != NULL);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *id = library_archive_id (self, paths[i]);

      if (id != NULL)
        gloss_window_open_article_when_loaded (self, id);
      else
        g_strv_builder_add (others, paths[i]);
    }
  offered = g_strv_builder_end (others);
  /* An export of another service is imported, a saved page clipped. */
  if (offered[0] == NULL)
    g_strfreev (offered);
  else
    _gloss_window_offer_files (self, offered, TRUE);
}

/* The clip popover, paste and drop */

static void
on_clip_entry_changed (GlossWindow *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->clip_entry)));

  g_strstrip (text);

  gtk_widget_set_sensitive (self->clip_confirm_button, gloss_ui_is_web_url (text));
}

static void
on_clip_confirm (GlossWindow *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->clip_entry)));

  g_strstrip (text);

  if (!gloss_ui_is_web_url (text))
    return;
  gtk_popover_popdown (self->clip_popover);
  gloss_window_clip (self, text,
                     gtk_toggle_button_get_active (self->full_toggle) ? "full" : "reader");
  gtk_editable_set_text (GTK_EDITABLE (self->clip_entry), "");
}

static void
on_popover_clipboard_text (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);

  if (text == NULL || self->model == NULL)
    return;
  g_strstrip (text);
  if (gloss_ui_is_web_url (text)
      && *gtk_editable_get_text (GTK_EDITABLE (self->clip_entry)) == '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->clip_entry), text);
      gtk_editable_select_region (GTK_EDITABLE (self->clip_entry), 0, -1);
    }
}

static void
on_clip_popover_show (GlossWindow *self)
{
  g_autofree char *mode = g_settings_get_string (self->settings, "clip-mode");

  gtk_toggle_button_set_active (g_str_equal (mode, "full") ? self->full_toggle
                                                           : self->reader_toggle, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->clip_entry));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), NULL,
                                 on_popover_clipboard_text, g_object_ref (self));
}

static void
on_paste_text (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);

  if (self->model == NULL)
    return;
  if (text != NULL && gloss_ui_is_web_url (g_strstrip (text)))
    gloss_window_clip (self, text, NULL);
  else
    _gloss_window_show_toast (self,
                              adw_toast_new (_("Copy the address of a web page first, "
                                               "then paste it here")));
}

static gboolean
clip_dropped (GlossWindow *self,
              const char  *location)
{
  if (!gloss_ui_is_web_url (location))
    return FALSE;
  gloss_window_clip (self, location, NULL);
  return TRUE;
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GlossWindow   *self)
{
  gboolean any = FALSE;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      g_autoptr(GSList) files = gdk_file_list_get_files (g_value_get_boxed (value));
      g_autoptr(GStrvBuilder) local = g_strv_builder_new ();

      for (GSList *l = files; l != NULL; l = l->next)
        {
          g_autofree char *path = g_file_get_path (l->data);
          g_autofree char *uri = g_file_get_uri (l->data);

          if (path != NULL)
            g_strv_builder_add (local, path);
          else
            any |= clip_dropped (self, uri);
        }
      /* An export is offered for import; a saved page is clipped from its
       * file at once, like `gloss clip FILE.html`. */
      {
        GStrv paths = g_strv_builder_end (local);

        if (paths[0] != NULL)
          {
            _gloss_window_offer_files (self, paths, FALSE);
            any = TRUE;
          }
        else
          g_strfreev (paths);
      }
    }
  else if (G_VALUE_HOLDS_STRING (value) && g_value_get_string (value) != NULL)
    {
      /* text/uri-list or plain text: one link a line. */
      g_auto(GStrv) lines = g_strsplit (g_value_get_string (value), "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        any |= clip_dropped (self, g_strstrip (lines[i]));
    }
  if (!any)
    _gloss_window_show_toast (self, adw_toast_new (_("Drop a link or an .html file to clip it")));
  return any;
}

/* Actions */

static void
clip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_menu_button_popup (GLOSS_WINDOW (widget)->clip_button);
}

static void
clip_url_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  const char *location, *mode;

  g_variant_get (parameter, "(&s&s)", &location, &mode);
  gloss_window_clip (GLOSS_WINDOW (widget), location, *mode ? mode : NULL);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_paste_text,
                                 g_object_ref (widget));
}

void
_gloss_window_init_clip (GlossWindow *self)
{
  GtkDropTarget *drop;
  GType drop_types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };

  /* Links and .html files dropped anywhere in the window are clipped. */
  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

void
_gloss_window_class_init_clip (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_clip_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_clip_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_clip_confirm);

  gtk_widget_class_install_action (widget_class, "win.clip", NULL, clip_action);
  gtk_widget_class_install_action (widget_class, "win.clip-url", "(ss)", clip_url_action);
  gtk_widget_class_install_action (widget_class, "win.paste-link", NULL, paste_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.clip", NULL);
  /* Bubble phase: an entry with the focus pastes into itself first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK,
                                       "win.paste-link", NULL);
}
