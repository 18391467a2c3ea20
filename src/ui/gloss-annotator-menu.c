/* gloss-annotator-menu.c — the annotator's items in the article's context
 * menu, from its actions: a selection's colours and "Add Note"; a
 * highlight's colours, its note and "Delete Highlight"
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotator-private.h"
#include "gloss-ui.h"

static WebKitContextMenuItem *
action_item (GlossAnnotator *self,
             const char     *name,
             const char     *label,
             GVariant       *target)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  return webkit_context_menu_item_new_from_gaction (action, label, target);
}

/* The colours, as a submenu: the menu stays short. */
static WebKitContextMenuItem *
colors_item (GlossAnnotator *self,
             const char     *label)
{
  g_autoptr(WebKitContextMenu) colors = webkit_context_menu_new ();

  for (guint i = 0; gloss_annotation_colors[i] != NULL; i++)
    webkit_context_menu_append (colors,
                                action_item (self, "highlight-color",
                                             gloss_ui_color_label (gloss_annotation_colors[i]),
                                             g_variant_new_string (gloss_annotation_colors[i])));
  return webkit_context_menu_item_new_with_submenu (label, colors);
}

static void
append_selection_items (GlossAnnotator    *self,
                        WebKitContextMenu *menu)
{
  webkit_context_menu_append (menu, webkit_context_menu_item_new_separator ());
  /* Translators: a verb, the context menu's item that highlights the
   * selected text (its submenu has the colours) */
  webkit_context_menu_append (menu, colors_item (self, _("Highlight")));
  webkit_context_menu_append (menu, action_item (self, "add-note", _("Add Note"), NULL));
}

/* The actions act on the current highlight: the one right-clicked becomes it. */
static void
append_highlight_items (GlossAnnotator        *self,
                        WebKitContextMenu     *menu,
                        const GlossAnnotation *annotation)
{
  _gloss_annotator_set_current (self, annotation);
  _gloss_annotator_update_actions (self);
  webkit_context_menu_append (menu, webkit_context_menu_item_new_separator ());
  webkit_context_menu_append (menu, colors_item (self, _("Colour")));
  webkit_context_menu_append (menu, action_item (self, "add-note",
                                                 annotation->note != NULL ? _("Edit Note")
                                                                          : _("Add Note"),
                                                 NULL));
  webkit_context_menu_append (menu, action_item (self, "delete-highlight", _("Delete Highlight"),
                                                 NULL));
}

/* After WebKit's own items (Copy), which the article view has filtered
 * already; it tidies the separators once every handler has run. While
 * something is selected the actions act on the selection, so a highlight
 * gets its items only when nothing is. */
static gboolean
on_context_menu (WebKitWebView       *view,
                 WebKitContextMenu   *menu,
                 WebKitHitTestResult *hit_test,
                 GlossAnnotator      *self)
{
  const char *id = gloss_highlighter_get_context_highlight (self->highlighter);
  GlossAnnotation *annotation;

  if (self->read_only)
    return FALSE;
  if (gloss_highlighter_get_selection (self->highlighter) != NULL)
    {
      if (webkit_hit_test_result_context_is_selection (hit_test))
        append_selection_items (self, menu);
    }
  else if ((annotation = _gloss_annotator_find (self, id)) != NULL)
    {
      append_highlight_items (self, menu, annotation);
    }
  return FALSE;
}

void
_gloss_annotator_init_menu (GlossAnnotator *self)
{
  g_signal_connect (self->view, "context-menu", G_CALLBACK (on_context_menu), self);
}
