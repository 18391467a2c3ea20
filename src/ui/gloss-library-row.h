/* gloss-library-row.h — a row of the library list */
#pragma once

#include <gtk/gtk.h>

#include "gloss-library-item.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_LIBRARY_ROW (gloss_library_row_get_type ())
G_DECLARE_FINAL_TYPE (GlossLibraryRow, gloss_library_row, GLOSS, LIBRARY_ROW, GtkWidget)

GtkWidget        *gloss_library_row_new      (void);
GlossLibraryItem *gloss_library_row_get_item (GlossLibraryRow  *self);
void              gloss_library_row_set_item (GlossLibraryRow  *self,
                                              GlossLibraryItem *item);
/* Names the list's row that holds @self (its parent) by the title and the
 * site shown, for assistive technologies. */
void              gloss_library_row_label_parent (GlossLibraryRow *self);

G_END_DECLS
