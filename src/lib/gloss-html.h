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

/* Parses UTF-8 HTML as a browser does, with gumbo's HTML5 tree builder,
 * into a libxml2 tree: element names as the tree builder gives them (lower
 * case; SVG's camelCase), foreign elements marked (gloss_html_namespace()),
 * attributes in foreign namespaces named "xlink:href", "xml:lang",
 * "xmlns:xlink". The content of HTML <script> and <style> is a CDATA node.
 * At any depth: tags past GLOSS_HTML_MAX_DEPTH levels are left out and what
 * is nested deeper than that is flattened (its text kept, in order), so that
 * walking the tree recursively is safe. Returns NULL only for empty input. */
htmlDocPtr gloss_html_parse (const char *utf8,
                             gsize       length);

/* The namespace an element is in, for the HTML5 parser. libxml2's HTML
 * trees have none: it is kept in the node's line field, which libxml2
 * copies with the node and our trees do not otherwise use. */
typedef enum
{
  GLOSS_HTML_NS_HTML,
  GLOSS_HTML_NS_SVG,
  GLOSS_HTML_NS_MATHML,
} GlossHtmlNamespace;

GlossHtmlNamespace gloss_html_namespace     (xmlNode            *node);
void               gloss_html_set_namespace (xmlNode            *node,
                                             GlossHtmlNamespace  ns);

/* Whether @node's rel attribute holds @token, as a set of space-separated
 * tokens compared ASCII case-insensitively ("Alternate  StyleSheet"). */
gboolean gloss_html_rel_has (xmlNode    *node,
                             const char *token);

/* Writes @node (or the whole @doc when @node is NULL) as HTML, our way: the
 * HTML standard's serialization, attribute values escaping & < > ",
 * text & < >, raw text only in HTML <style>, no end tag for void elements,
 * comments that could end early left out. Never recursive. */
char *gloss_html_serialize (xmlDoc  *doc,
                            xmlNode *node);

/* Helpers shared by the modules that walk parsed pages. */
gboolean    gloss_html_is_element    (xmlNode    *node,
                                      const char *name);
char       *gloss_html_get_attr      (xmlNode    *node,
                                      const char *name);
xmlNode    *gloss_html_find_element  (xmlNode    *root,
                                      const char *name);
xmlNode    *gloss_html_body          (xmlDoc     *doc);
void        gloss_html_remove_node   (xmlNode    *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

G_END_DECLS
