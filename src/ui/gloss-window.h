/* gloss-window.h — the main window: library sidebar, article view, clipping */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_WINDOW (gloss_window_get_type ())
G_DECLARE_FINAL_TYPE (GlossWindow, gloss_window, GLOSS, WINDOW, AdwApplicationWindow)

GlossWindow *gloss_window_new                 (GtkApplication *application);
/* @library_dir NULL resolves it as the command line does. */
GlossWindow *gloss_window_new_for_library     (GtkApplication *application,
                                               const char     *library_dir);
const char  *gloss_window_get_library_dir     (GlossWindow    *self);

/* An http(s) URL or an .html file clips it; gloss://open/ID opens that article. */
void         gloss_window_open_location       (GlossWindow    *self,
                                               const char     *location);
/* Files opened with Gloss (from the file manager, or `gloss FILE…`): an
 * archive of the library opens, the others are offered for the library. */
void         gloss_window_open_files          (GlossWindow        *self,
                                               const char * const *paths);
/* @mode is "reader" or "full"; NULL is the clip-mode setting. */
void         gloss_window_clip                (GlossWindow    *self,
                                               const char     *location,
                                               const char     *mode);
/* Opens the article with that id; FALSE when there is none. */
gboolean     gloss_window_open_article        (GlossWindow    *self,
                                               const char     *id);
/* The same for a window that may still be reading its library: the article
 * opens once it is read (instead of the last one read), and a toast says so
 * when there is no such article. */
void         gloss_window_open_article_when_loaded (GlossWindow *self,
                                                    const char  *id);
/* Shows the library search with @text in it. */
void         gloss_window_search_library      (GlossWindow    *self,
                                               const char     *text);

G_END_DECLS
