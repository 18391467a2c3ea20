/* gloss-notebook.h — the notebook: every highlight of the library in one
 * window, searched, filtered by colour and tag, sorted newest first or by
 * article, exported as Markdown
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_NOTEBOOK (gloss_notebook_get_type ())
G_DECLARE_FINAL_TYPE (GlossNotebook, gloss_notebook, GLOSS, NOTEBOOK, AdwWindow)

/* The notebook of the library in @library_dir. It reads the library's index
 * in a worker thread, and emits "highlight-activated" (the article's id, the
 * annotation's id) when a highlight is chosen. */
GlossNotebook *gloss_notebook_new               (const char    *library_dir);
const char    *gloss_notebook_get_library_dir   (GlossNotebook *self);
/* "newest" (newest first) or "article" (by article, in the order of their
 * titles, each article's highlights in the order they were made). */
const char    *gloss_notebook_get_sort          (GlossNotebook *self);

/* For the tests */

/* How many highlights the list shows; FALSE from get_loaded until the first
 * query and after a change of search or filter, until its answer is shown. */
guint          _gloss_notebook_get_n_shown      (GlossNotebook *self);
gboolean       _gloss_notebook_get_loaded       (GlossNotebook *self);
/* Writes the Markdown of what is shown to @path, as Export… does. */
void           _gloss_notebook_export_to        (GlossNotebook *self,
                                                 const char    *path);
/* The title of the last toast shown, or NULL. */
const char    *_gloss_notebook_get_last_toast   (GlossNotebook *self);

G_END_DECLS
