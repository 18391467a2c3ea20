/* test-hostile-pages-private.h — what the three files of test-hostile-pages
 * share: an archive read as an HTML5 parser reads it, and headless Chromium
 * driven over its DevTools pipe
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What is wrong with @html read by gumbo (an HTML5 parser, as a browser
 * reads the file): each problem a "kind: detail" line appended to
 * @problems. @loopback is "127.0.0.1:PORT", which no resource may name.
 * *@title gets the text of the document's title, as document.title would
 * give it. */
void       hostile_check_archive   (const char *html,
                                    const char *loopback,
                                    GPtrArray  *problems,
                                    char      **title);

/* White space collapsed and trimmed, as document.title does. */
char      *hostile_collapse_space  (const char *text);

typedef struct _HostileChromium HostileChromium;

/* Headless Chromium with one tab, or NULL (and @why) when there is none. */
HostileChromium *hostile_chromium_new   (char           **why);
void             hostile_chromium_free  (HostileChromium *chromium);
/* Loads @uri in the tab, waits for its load event and then for @settle (an
 * async function body) to return; its value as a string, or NULL and @error. */
char            *hostile_chromium_visit (HostileChromium *chromium,
                                         const char      *uri,
                                         const char      *settle,
                                         GError         **error);
/* Evaluates @expression in the tab (a promise is awaited), up to @timeout_ms. */
gboolean         hostile_chromium_eval  (HostileChromium *chromium,
                                         const char      *expression,
                                         guint            timeout_ms,
                                         GError         **error);

G_END_DECLS
