/* gloss-html.h — decoding and parsing HTML pages */
#pragma once

#include <glib.h>
#include <libxml/HTMLparser.h>

G_BEGIN_DECLS

/* Converts the bytes of an HTML page to UTF-8, following the WHATWG Encoding
 * standard's sniffing: a byte order mark, @header_charset (from
 * Content-Type, may be NULL), a <meta charset> or <meta http-equiv> in the
 * first 4 KiB, UTF-16 recognized by its zero bytes, valid UTF-8, and finally
 * windows-1252, as browsers do. Labels are looked up as the standard says
 * (latin1 → windows-1252, utf-16 → UTF-16LE, gbk → gb18030); a label it does
 * not know, such as utf-7, is ignored. Bytes that do not decode become
 * U+FFFD. Fails, saying why, only for an encoding no browser reads
 * (ISO-2022-KR, HZ) or one the system can not convert. @out_charset gets the
 * iconv name of the encoding used ("UTF-8", "WINDOWS-1252"). */
char *gloss_html_decode (const char  *data,
                         gsize        length,
                         const char  *header_charset,
                         char       **out_charset,
                         GError     **error);

/* How deep the tree of a parsed page goes at most. */
#define GLOSS_HTML_MAX_DEPTH 512

/* Parses UTF-8 HTML in libxml2's recover mode, with no network access, at
 * any depth; what is nested deeper than GLOSS_HTML_MAX_DEPTH is flattened
 * (its text kept, in order), so that walking the tree recursively is safe.
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
