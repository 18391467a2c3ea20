/* gloss-library-item.h — one article of the library, or one being clipped */
#pragma once

#include <gtk/gtk.h>

#include "gloss-archive.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_LIBRARY_ITEM (gloss_library_item_get_type ())
G_DECLARE_FINAL_TYPE (GlossLibraryItem, gloss_library_item, GLOSS, LIBRARY_ITEM, GObject)

/* Takes @info; @thumbnail may be NULL. */
GlossLibraryItem *gloss_library_item_new_for_info     (GlossArchiveInfo *info,
                                                       GdkTexture       *thumbnail);
/* A placeholder for a clip in progress: @location is what is being clipped. */
GlossLibraryItem *gloss_library_item_new_clipping     (const char       *location,
                                                       const char       *mode,
                                                       GCancellable     *cancellable);

const char       *gloss_library_item_get_id           (GlossLibraryItem *self);
const char       *gloss_library_item_get_path         (GlossLibraryItem *self);
const char       *gloss_library_item_get_title        (GlossLibraryItem *self);
const char       *gloss_library_item_get_site         (GlossLibraryItem *self);
const char       *gloss_library_item_get_author       (GlossLibraryItem *self);
const char       *gloss_library_item_get_source       (GlossLibraryItem *self);
const char       *gloss_library_item_get_saved        (GlossLibraryItem *self);
const char       *gloss_library_item_get_published    (GlossLibraryItem *self);
GdkTexture       *gloss_library_item_get_thumbnail    (GlossLibraryItem *self);
/* @thumbnail may be NULL. */
void              gloss_library_item_set_thumbnail    (GlossLibraryItem *self,
                                                       GdkTexture       *thumbnail);
/* "26 Nov 2026"-style date: published when known, else saved. */
char             *gloss_library_item_dup_date_label   (GlossLibraryItem *self);
char             *gloss_library_item_dup_subtitle     (GlossLibraryItem *self);
/* "#cloud · #energy"; NULL when the article has no tag. */
char             *gloss_library_item_dup_tags_label   (GlossLibraryItem *self);
gboolean          gloss_library_item_matches          (GlossLibraryItem *self,
                                                       const char       *casefolded_query);

/* From the sidecar: reading progress (0–1, < 0 when never opened) and tags. */
double            gloss_library_item_get_progress     (GlossLibraryItem *self);
void              gloss_library_item_set_progress_read (GlossLibraryItem *self,
                                                        double            progress);
const char * const *gloss_library_item_get_tags       (GlossLibraryItem *self);
void              gloss_library_item_set_tags         (GlossLibraryItem *self,
                                                       const char * const *tags);
/* Words of the article around what the search now shown found in it, the
 * match between GLOSS_INDEX_MATCH_START and _END; NULL when none. */
const char       *gloss_library_item_get_snippet      (GlossLibraryItem *self);
void              gloss_library_item_set_snippet      (GlossLibraryItem *self,
                                                       const char       *snippet);
guint             gloss_library_item_get_highlights   (GlossLibraryItem *self);
void              gloss_library_item_set_highlights   (GlossLibraryItem *self,
                                                       guint             highlights);

/* Clipping state */
gboolean          gloss_library_item_get_clipping     (GlossLibraryItem *self);
const char       *gloss_library_item_get_location     (GlossLibraryItem *self);
const char       *gloss_library_item_get_mode         (GlossLibraryItem *self);
GCancellable     *gloss_library_item_get_cancellable  (GlossLibraryItem *self);
double            gloss_library_item_get_fraction     (GlossLibraryItem *self);
const char       *gloss_library_item_get_status       (GlossLibraryItem *self);
void              gloss_library_item_set_progress     (GlossLibraryItem *self,
                                                       double            fraction,
                                                       const char       *status);
void              gloss_library_item_cancel           (GlossLibraryItem *self);

G_END_DECLS
