/* gloss-text.h — plain text of an HTML subtree, as a reader reads it */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* The text under @node with one newline between block elements (p, div,
 * headings, li, blockquote, pre, figure/figcaption, table rows, br…), inline
 * whitespace collapsed to single spaces (kept as is inside <pre>), no leading
 * or trailing blank lines, no doubled newlines. Text inside script, style,
 * noscript and template is skipped. Returns UTF-8. */
char *gloss_text_from_node (xmlNode *node);

G_END_DECLS
