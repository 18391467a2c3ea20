/* gloss-thumbnails.h — the library list's small pictures, made in a thread
 * and kept in the library's index
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss-library-item.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_THUMBNAILS (gloss_thumbnails_get_type ())
G_DECLARE_FINAL_TYPE (GlossThumbnails, gloss_thumbnails, GLOSS, THUMBNAILS, GObject)

GlossThumbnails *gloss_thumbnails_new     (const char       *library_dir);
/* Gives @item its picture soon, from the index or else from its archive's
 * lead image (then stored in the index for the next time). Asking again
 * for an item that has one, or is waiting for one, does nothing. */
void             gloss_thumbnails_request (GlossThumbnails  *self,
                                           GlossLibraryItem *item);

/* The picture of a lead image (a data: URI), a centred square; NULL when
 * there is none or it can not be read. Blocking: call it in a thread. */
GdkTexture      *gloss_thumbnail_from_data_uri (const char  *data_uri);

G_END_DECLS
