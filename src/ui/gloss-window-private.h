/* gloss-window-private.h — the window's insides, shared by gloss-window*.c
 * and looked at by the tests
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-annotator.h"
#include "gloss-annotations-pane.h"
#include "gloss-article-view.h"
#include "gloss-fetcher.h"
#include "gloss-library.h"
#include "gloss-library-model.h"
#include "gloss-notebook.h"
#include "gloss-thumbnails.h"
#include "gloss-window.h"

G_BEGIN_DECLS

struct _GlossWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkMenuButton        *clip_button;
  GtkWidget            *sidebar_button;
  GtkWidget            *search_button;
  AdwFlap              *flap;
  GtkSearchBar         *library_search_bar;
  GtkSearchEntry       *library_search_entry;
  GtkWidget            *tag_strip;
  GtkBox               *tag_box;
  GtkWidget            *all_tags_button;
  AdwStatusPage        *no_results_page;
  GtkStack             *sidebar_stack;
  GtkListView          *list_view;
  GtkStack             *content_stack;
  GlossArticleView     *article_view;
  GtkPopover           *clip_popover;
  GtkEntry             *clip_entry;
  GtkToggleButton      *reader_toggle;
  GtkToggleButton      *full_toggle;
  GtkWidget            *clip_confirm_button;
  AdwFlap              *notes_flap;
  GlossAnnotationsPane *annotations_pane;
  GtkWidget            *notes_button;
  GtkRevealer          *version_banner;
  GtkLabel             *version_label;
  GMenu                *versions_section;

  GSettings            *settings;
  GlossFetcher         *fetcher;
  GlossLibraryModel    *model;
  GtkSortListModel     *sorted;
  GtkFilterListModel   *filtered;
  GtkSingleSelection   *selection;
  GtkCustomSorter      *sorter;
  GtkCustomFilter      *filter;
  char                 *search_folded;
  GHashTable           *search_hits;  /* id → its snippet and rank: what the index found; NULL when
                                       * no search is shown */
  GCancellable         *searching;    /* the index search on its way */
  gboolean              index_fresh;  /* updated since the search began */
  int                   sort_order;   /* the sort-order setting */
  GStrv                 library_tags; /* every tag of the library, sorted: the chips */
  char                 *tag_filter;   /* the tag the list is kept to, or NULL */
  guint                 tags_update_id;
  GCancellable         *cancellable;

  char                 *library_dir;
  GlossLibrary         *library;      /* of library_dir: its files, and what changes in it */
  GlossThumbnails      *thumbnails;   /* the list's pictures, of library_dir */
  guint                 refresh_id;   /* brings the index up to date soon after files change */
  GHashTable           *changed_ids;  /* the articles whose files changed since */
  GHashTable           *touched_ids;  /* … and since the list's refresh began */
  GCancellable         *opening;      /* the article being opened for the annotator; NULL once open */
  GPtrArray            *clips;        /* GlossLibraryItem being clipped */
  GPtrArray            *trash;        /* GlossLibraryItem waiting for their undo toast */
  char                 *last_toast;
  gboolean              loaded;
  gboolean              restore_pending; /* the last article opens after the refresh */
  char                 *open_when_loaded; /* the article to open once the library is read */
  guint                 save_progress_id;

  GlossHighlighter     *highlighter;  /* of article_view, for the window's life */
  GlossAnnotator       *annotator;    /* of the article shown, or NULL */
  AdwToast             *caret_toast;  /* saying caret browsing went on or off; weak */
  GlossNotebook        *notebook;     /* every highlight of the library, while open; weak */
  char                 *reveal_pending; /* the highlight to scroll to once its article is open */
};

/* gloss-window-clip.c */
/* Asks whether to clip the saved pages @paths (which it takes) into the library. */
void                _gloss_window_offer_pages          (GlossWindow      *self,
                                                        GStrv             paths);

/* gloss-window-folder.c */
/* Watches the folder of library_dir, anew. */
void                _gloss_window_watch_library        (GlossWindow      *self);

/* gloss-window-search.c */
gboolean            _gloss_window_filter_item          (gpointer          object,
                                                        gpointer          user_data);
void                _gloss_window_search_changed       (GlossWindow      *self);
/* Where the index ranks @item in the search shown: 1 for the best; 0 when
 * it found nothing there, or no search is shown. */
guint               _gloss_window_search_rank          (GlossWindow      *self,
                                                        GlossLibraryItem *item);
void                _gloss_window_search_stopped       (GlossWindow      *self);
void                _gloss_window_search_activate      (GlossWindow      *self);

/* gloss-window-import.c */
void                _gloss_window_class_init_import    (GtkWidgetClass   *widget_class);
/* Imports the exports at @paths into the library, with a toast that counts
 * and can stop, and a dialog that says what came in. */
void                _gloss_window_import_files         (GlossWindow        *self,
                                                        const char * const *paths);
/* Files opened with Gloss, or dropped on it, that are not its archives
 * (@paths, which it takes): exports of other services are offered for
 * import; the rest (saved pages) are offered to be added when @ask_pages
 * (_gloss_window_offer_pages ()), else clipped at once. */
void                _gloss_window_offer_files          (GlossWindow      *self,
                                                        GStrv             paths,
                                                        gboolean          ask_pages);
/* Clips what an earlier import left in the library's queue. */
void                _gloss_window_resume_import        (GlossWindow      *self);

/* gloss-window-tags.c */
void                _gloss_window_class_init_tags      (GtkWidgetClass   *widget_class);
void                _gloss_window_init_tags            (GlossWindow      *self);
void                _gloss_window_dispose_tags         (GlossWindow      *self);
/* Whether @item has the tag the list is kept to (TRUE when none is). */
gboolean            _gloss_window_tag_filter_matches   (GlossWindow      *self,
                                                        GlossLibraryItem *item);
/* Keeps the list to the articles tagged @tag; NULL: every article. */
void                _gloss_window_set_tag_filter       (GlossWindow      *self,
                                                        const char       *tag);
/* The items' tags changed, or the items: the chips and the notes pane's
 * completions follow, soon. */
void                _gloss_window_queue_update_tags    (GlossWindow      *self);
/* TRUE when the sidebar should say nothing matches; words it to match. */
gboolean            _gloss_window_update_no_results    (GlossWindow      *self);

/* gloss-window.c */
/* Selects @item's row and scrolls to it; FALSE when the list does not show it. */
gboolean            _gloss_window_select_item          (GlossWindow      *self,
                                                        GlossLibraryItem *item);
void                _gloss_window_show_toast           (GlossWindow      *self,
                                                        AdwToast         *toast);
GlossLibraryItem   *_gloss_window_get_current_item     (GlossWindow      *self);
void                _gloss_window_show_item            (GlossWindow      *self,
                                                        GlossLibraryItem *item);
void                _gloss_window_update_state         (GlossWindow      *self);
void                _gloss_window_load_library         (GlossWindow      *self);

/* gloss-window-actions.c */
void                _gloss_window_class_init_actions   (GtkWidgetClass   *widget_class);
void                _gloss_window_flush_trash          (GlossWindow      *self);

/* gloss-window-notes.c */
void                _gloss_window_class_init_notes     (GtkWidgetClass   *widget_class);
void                _gloss_window_init_notes           (GlossWindow      *self);
void                _gloss_window_dispose_notes        (GlossWindow      *self);
/* Ties the annotator to @item's article, unless it already is; NULL for none. */
void                _gloss_window_annotate_item        (GlossWindow      *self,
                                                        GlossLibraryItem *item);
/* A sidecar of the library changed on disk: the row shows its new counts. */
void                _gloss_window_sidecar_changed      (GlossWindow      *self,
                                                        const char       *id,
                                                        const char       *sidecar_path);
void                _gloss_window_update_notes_actions (GlossWindow      *self);
/* Opens the article @article and scrolls to its highlight @annotation (NULL:
 * only opens it); FALSE when there is no such article. */
gboolean            _gloss_window_open_highlight       (GlossWindow      *self,
                                                        const char       *article,
                                                        const char       *annotation);

/* gloss-window-caret.c */
void                _gloss_window_init_caret           (GlossWindow      *self);

/* gloss-window-clip.c */
/* gloss-window-versions.c */
void                _gloss_window_class_init_versions  (GtkWidgetClass   *widget_class);
void                _gloss_window_init_versions        (GlossWindow      *self);
/* The Versions submenu and the banner, for the article open now. */
void                _gloss_window_update_versions      (GlossWindow      *self);
/* Shows the kept version @name ("20261126T100000Z", its file's name without
 * .html; NULL or "": the current one). */
gboolean            _gloss_window_show_version         (GlossWindow      *self,
                                                        const char       *name);
/* Scrolls to the highlight @id, in the version it was made on when it is
 * orphaned in the current one. */
void                _gloss_window_reveal_annotation    (GlossWindow      *self,
                                                        const char       *id);

void                _gloss_window_class_init_clip      (GtkWidgetClass   *widget_class);
void                _gloss_window_init_clip            (GlossWindow      *self);

/* For the tests */

GlossLibraryModel  *_gloss_window_get_model            (GlossWindow *self);
GtkListView        *_gloss_window_get_list_view        (GlossWindow *self);
GtkSingleSelection *_gloss_window_get_selection        (GlossWindow *self);
GlossArticleView   *_gloss_window_get_article_view     (GlossWindow *self);
const char         *_gloss_window_get_visible_page     (GlossWindow *self);
/* TRUE once the library folder has been read. */
gboolean            _gloss_window_get_loaded           (GlossWindow *self);
/* The title of the last toast shown, for tests. */
const char         *_gloss_window_get_last_toast       (GlossWindow *self);
GtkPopover         *_gloss_window_get_clip_popover     (GlossWindow *self);
GtkEditable        *_gloss_window_get_clip_entry       (GlossWindow *self);
AdwFlap            *_gloss_window_get_flap             (GlossWindow *self);
guint               _gloss_window_get_n_clips          (GlossWindow *self);
GlossAnnotator     *_gloss_window_get_annotator        (GlossWindow *self);
GlossHighlighter   *_gloss_window_get_highlighter      (GlossWindow *self);
AdwFlap            *_gloss_window_get_notes_flap       (GlossWindow *self);
/* The notebook window, while it is open, or NULL. */
GlossNotebook      *_gloss_window_get_notebook         (GlossWindow *self);
GlossAnnotationsPane *_gloss_window_get_annotations_pane (GlossWindow *self);

G_END_DECLS
