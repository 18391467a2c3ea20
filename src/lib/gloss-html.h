/* gloss-html.h — decoding and parsing HTML pages */
#pragma once

#include <glib.h>
#include <libxml/HTMLparser.h>

G_BEGIN_DECLS

/* Converts the bytes of an HTML page to UTF-8. The charset comes from, in
 * order: a byte order mark, @header_charset (from Content-Type, may be NULL),
 * a <meta charset> or <meta http-equiv> in the first 4 KiB, valid UTF-8, and
 * finally windows-1252, as browsers do. Labels are mapped the way the WHATWG
 * Encoding standard maps them (latin1 → windows-1252, gbk/gb2312 → gb18030).
 * Bytes that do not decode become U+FFFD; never fails. */
char *gloss_html_decode (const char *data,
                         gsize       length,
                         const char *header_charset,
                         char      **out_charset);

/* Parses UTF-8 HTML in libxml2's recover mode, with no network access.
 * Returns NULL only for empty input. */
htmlDocPtr gloss_html_parse (const char *utf8,
                             gsize       length);

/* Helpers shared by the modules that walk parsed pages. */
gboolean    gloss_html_is_element    (xmlNode    *node,
                                      const char *name);
char       *gloss_html_get_attr      (xmlNode    *node,
                                      const char *name);
xmlNode    *gloss_html_find_element  (xmlNode    *root,
                                      const char *name);
xmlNode    *gloss_html_body          (xmlDoc     *doc);
void        gloss_html_remove_node   (xmlNode    *node);
char       *gloss_html_serialize     (xmlDoc     *doc,
                                      xmlNode    *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

G_END_DECLS
