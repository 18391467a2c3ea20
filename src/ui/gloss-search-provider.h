/* gloss-search-provider.h — the library in the GNOME Shell's search
 * (org.gnome.Shell.SearchProvider2, on the application's own bus name)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-application.h"

G_BEGIN_DECLS

#define GLOSS_SEARCH_PROVIDER_PATH "/io/github/glossapp/Gloss/SearchProvider"

#define GLOSS_TYPE_SEARCH_PROVIDER (gloss_search_provider_get_type ())
G_DECLARE_FINAL_TYPE (GlossSearchProvider, gloss_search_provider, GLOSS, SEARCH_PROVIDER, GObject)

/* Results open in @application's window; @application is not referenced
 * (it owns the provider). */
GlossSearchProvider *gloss_search_provider_new      (GlossApplication     *application);
gboolean             gloss_search_provider_export   (GlossSearchProvider  *self,
                                                     GDBusConnection      *connection,
                                                     GError              **error);
void                 gloss_search_provider_unexport (GlossSearchProvider  *self);

G_END_DECLS
