/* gloss-library-model.h — the articles of a library folder, as a GListModel */
#pragma once

#include <gio/gio.h>

#include "gloss-library-item.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_LIBRARY_MODEL (gloss_library_model_get_type ())
G_DECLARE_FINAL_TYPE (GlossLibraryModel, gloss_library_model, GLOSS, LIBRARY_MODEL, GObject)

GlossLibraryModel *gloss_library_model_new            (void);
/* Reads the articles of @library in a thread, from its index as it is when
 * that has them (else from every archive), and replaces the contents,
 * adding the items in @order (the list's own): those a window shows first;
 * finishes once the last is in. */
void               gloss_library_model_load_async     (GlossLibraryModel   *self,
                                                       GlossLibrary        *library,
                                                       GCompareDataFunc     order,
                                                       gpointer             order_data,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           gloss_library_model_load_finish    (GlossLibraryModel   *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* Brings the library's index up to date in a thread (the files changed
 * while no window watched them), then drops the items gone, replaces
 * those clipped again, adds the new ones, and gives the others their
 * counts and tags as the index has them. The items whose ids are in @keep
 * when the index has answered stay as they are: @keep (may be NULL) is
 * the caller's, who adds to it what changed since (a folder monitor's
 * news is fresher than what the index read). */
void               gloss_library_model_refresh_async  (GlossLibraryModel   *self,
                                                       GlossLibrary        *library,
                                                       GHashTable          *keep,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           gloss_library_model_refresh_finish (GlossLibraryModel   *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* TRUE when the items were read from the index as it was, and no refresh
 * has finished since: they may say less than the files. */
gboolean           gloss_library_model_get_stale      (GlossLibraryModel   *self);
/* Reads one archive in a thread; the item is not added. */
void               gloss_library_model_read_item_async  (const char          *path,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GlossLibraryItem  *gloss_library_model_read_item_finish (GAsyncResult        *result,
                                                         GError             **error);

/* Adds @item, replacing an article of the same id. */
void               gloss_library_model_add            (GlossLibraryModel   *self,
                                                       GlossLibraryItem    *item);
void               gloss_library_model_remove         (GlossLibraryModel   *self,
                                                       GlossLibraryItem    *item);
GlossLibraryItem  *gloss_library_model_find           (GlossLibraryModel   *self,
                                                       const char          *id);
/* Articles, not counting clips in progress. */
guint              gloss_library_model_count_articles (GlossLibraryModel   *self);

G_END_DECLS
