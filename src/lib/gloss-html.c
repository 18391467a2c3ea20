/* gloss-html.c — decoding and parsing HTML pages
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <gumbo.h>
#include <libxml/HTMLtree.h>

#include <glib/gi18n-lib.h>

#include "gloss-encoding-private.h"
#include "gloss-html.h"

#define PRESCAN_BYTES 4096

static const GlossEncoding *
sniff_bom (const guchar *data,
           gsize         length,
           gsize        *bom_length)
{
  *bom_length = 0;
  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    return (*bom_length = 3, _gloss_encoding_for_label ("utf-8"));
  if (length >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    return (*bom_length = 2, _gloss_encoding_for_label ("utf-16be"));
  if (length >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    return (*bom_length = 2, _gloss_encoding_for_label ("utf-16le"));
  return NULL;
}

/* The first <meta> in the first 4 KiB whose charset names an encoding; one
 * that names none is skipped, as the standard's prescan does. */
static const GlossEncoding *
sniff_meta_charset (const char  *data,
                    gsize        length,
                    char       **label_out)
{
  static GRegex *meta_regex;
  g_autoptr(GMatchInfo) match = NULL;
  gsize scan = MIN (length, PRESCAN_BYTES);

  if (g_once_init_enter (&meta_regex))
    g_once_init_leave (&meta_regex,
                       g_regex_new ("<meta[^>]+?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_:.\\-]+)",
                                    G_REGEX_CASELESS | G_REGEX_RAW | G_REGEX_OPTIMIZE, 0, NULL));

  for (g_regex_match_full (meta_regex, data, scan, 0, 0, &match, NULL);
       g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *label = g_match_info_fetch (match, 1);
      const GlossEncoding *encoding = _gloss_encoding_for_label (label);

      if (encoding == NULL)
        continue;
      *label_out = g_steal_pointer (&label);
      /* An ASCII <meta> can not really be in UTF-16. */
      if (g_str_has_prefix (encoding->name, "UTF-16"))
        return _gloss_encoding_for_label ("utf-8");
      return encoding;
    }
  return NULL;
}

/* UTF-16 without a byte order mark and undeclared: ASCII markup leaves every
 * other byte zero. */
static const GlossEncoding *
sniff_utf16 (const guchar *data,
             gsize         length)
{
  gsize scan = MIN (length, 512) & ~(gsize) 1;
  guint even = 0, odd = 0;

  for (gsize i = 0; i < scan; i += 2)
    {
      even += data[i] == 0;
      odd += data[i + 1] == 0;
    }
  if (scan >= 16 && odd > scan * 2 / 5 && even == 0)
    return _gloss_encoding_for_label ("utf-16le");
  if (scan >= 16 && even > scan * 2 / 5 && odd == 0)
    return _gloss_encoding_for_label ("utf-16be");
  return NULL;
}

/* A U+0000 would end the text early: it becomes U+FFFD, as browsers show it. */
static GString *
replace_nul (GString *out)
{
  for (char *nul; (nul = memchr (out->str, '\0', out->len)) != NULL;)
    {
      gsize at = nul - out->str;

      g_string_erase (out, at, 1);
      g_string_insert (out, at, "\xEF\xBF\xBD");
    }
  return out;
}

static char *
make_valid_utf8 (const char *data,
                 gsize       length)
{
  g_autoptr(GString) text = replace_nul (g_string_new_len (data, length));

  return g_utf8_make_valid (text->str, text->len);
}

/* Converts with iconv, putting U+FFFD for every byte that does not decode. */
static char *
convert_lossy (const char          *data,
               gsize                length,
               const GlossEncoding *encoding,
               GError             **error)
{
  GIConv conv = g_iconv_open ("UTF-8", encoding->iconv);
  GString *out;
  char buffer[4096];
  char *in = (char *) data;
  gsize in_left = length;

  if (conv == (GIConv) -1)
    {
      g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION,
                   _("it is in %s, which this system can not convert"), encoding->name);
      return NULL;
    }

  out = g_string_sized_new (length + length / 2);
  while (in_left > 0)
    {
      char *outp = buffer;
      gsize out_left = sizeof buffer;
      gsize r = g_iconv (conv, &in, &in_left, &outp, &out_left);

      g_string_append_len (out, buffer, outp - buffer);
      if (r != (gsize) -1)
        continue;
      if (errno == E2BIG)
        continue;
      /* EILSEQ or EINVAL: an invalid or truncated sequence */
      g_string_append (out, "\xEF\xBF\xBD");
      in++;
      in_left--;
      g_iconv (conv, NULL, NULL, NULL, NULL);
    }
  g_iconv_close (conv);
  return g_string_free (replace_nul (out), FALSE);
}

/* The standard's encoding sniffing; @label is what the page said, if it did. */
static const GlossEncoding *
find_encoding (const char **data,
               gsize       *length,
               const char  *header_charset,
               char       **label)
{
  const GlossEncoding *encoding;
  gsize bom_length;

  if ((encoding = sniff_bom ((const guchar *) *data, *length, &bom_length)) != NULL)
    {
      *data += bom_length;
      *length -= bom_length;
      return encoding;
    }
  if ((encoding = _gloss_encoding_for_label (header_charset)) != NULL)
    return (*label = g_strdup (header_charset), encoding);
  if (header_charset != NULL)
    g_debug ("Ignoring the charset “%s”: the Encoding standard has no such label", header_charset);
  if ((encoding = sniff_meta_charset (*data, *length, label)) != NULL)
    return encoding;
  if ((encoding = sniff_utf16 ((const guchar *) *data, *length)) != NULL)
    return encoding;
  return _gloss_encoding_for_label (g_utf8_validate (*data, *length, NULL) ? "utf-8"
                                                                           : "windows-1252");
}

char *
gloss_html_decode (const char  *data,
                   gsize        length,
                   const char  *header_charset,
                   char       **out_charset,
                   GError     **error)
{
  const GlossEncoding *encoding;
  g_autofree char *label = NULL;
  char *result;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  encoding = find_encoding (&data, &length, header_charset, &label);
  if (encoding->iconv == NULL)
    {
      g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION,
                   _("it says it is in %s, an encoding that no browser reads"), label);
      return NULL;
    }
  if (g_str_equal (encoding->iconv, "UTF-8"))
    result = make_valid_utf8 (data, length);
  else if ((result = convert_lossy (data, length, encoding, error)) == NULL)
    return NULL;

  if (out_charset != NULL)
    *out_charset = g_strdup (encoding->iconv);
  return result;
}

/* Moves @node's children into its place and frees it. By hand, since
 * xmlAddPrevSibling merges text nodes and would free the one we hold. */
static xmlNode *
unwrap (xmlNode *node)
{
  xmlNode *first = node->children;
  xmlNode *last = node->last;

  for (xmlNode *child = first; child != NULL; child = child->next)
    child->parent = node->parent;
  first->prev = node->prev;
  last->next = node->next;
  if (node->prev != NULL)
    node->prev->next = first;
  else
    node->parent->children = first;
  if (node->next != NULL)
    node->next->prev = last;
  else
    node->parent->last = last;
  node->children = node->last = NULL;
  node->prev = node->next = NULL;
  node->parent = NULL;
  xmlFreeNode (node);
  return first;
}

/* Below @limit, elements that hold something give their place to what they
 * hold: the text and pictures stay, in order, the nesting goes. */
static void
flatten_under (xmlNode *limit)
{
  xmlNode *node = limit->children;

  while (node != NULL)
    {
      if (node->type == XML_ELEMENT_NODE && node->children != NULL)
        node = unwrap (node);
      else
        node = node->next;
    }
}

/* Pages nested thousands deep (by mistake or to break readers) would
 * overflow the stack of every recursive walk over the tree. Like Blink's
 * parser, which stops nesting at 512, the tree stops at MAX_DEPTH. Iterative:
 * the tree may be 100,000 deep here. */
static void
flatten_deep_nesting (xmlNode *root)
{
  xmlNode *node = root;
  guint depth = 0;

  while (node != NULL)
    {
      if (node->type == XML_ELEMENT_NODE && depth >= GLOSS_HTML_MAX_DEPTH && node->children)
        flatten_under (node);
      if (node->type == XML_ELEMENT_NODE && node->children != NULL)
        {
          node = node->children;
          depth++;
          continue;
        }
      while (node != NULL && node->next == NULL && node != root)
        {
          node = node->parent;
          depth--;
        }
      node = node == root || node == NULL ? NULL : node->next;
    }
}

/* Where a tag's name ends: at white space, '/' or '>', as the tokenizer says. */
static const char *
tag_name_end (const char *p,
              const char *end)
{
  while (p < end && !g_ascii_isspace (*p) && *p != '/' && *p != '>')
    p++;
  return p;
}

static gboolean
name_in (const char          *name,
         gsize                length,
         const char * const  *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (strlen (list[i]) == length && g_ascii_strncasecmp (name, list[i], length) == 0)
      return TRUE;
  return FALSE;
}

/* Elements whose start tag opens no level: void ones, and those the parser
 * closes by itself when the next one starts (<p><p>, <li><li>). */
static const char * const flat_elements[] = {
  "area", "base", "basefont", "bgsound", "br", "col", "embed", "hr", "img", "input", "keygen",
  "link", "meta", "param", "source", "track", "wbr", "p", "li", "dt", "dd", "option",
  "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "rb", "rt", "rp", "rtc", "colgroup",
  "caption", "html", "head", "body", NULL
};

/* Elements whose content is text up to their end tag. */
static const char * const raw_text_elements[] = {
  "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
  NULL
};

/* Where the tag starting at @p ('<') ends, past its '>': a quoted value may
 * hold a '>'. */
static const char *
tag_end (const char *p,
         const char *end)
{
  gboolean after_equals = FALSE;
  char quote = 0;

  for (p++; p < end; p++)
    {
      if (quote != 0)
        quote = *p == quote ? 0 : quote;
      else if (after_equals && (*p == '"' || *p == '\''))
        quote = *p;
      else if (*p == '>')
        return p + 1;
      if (*p == '=')
        after_equals = TRUE;
      else if (!g_ascii_isspace (*p))
        after_equals = FALSE;
    }
  return end;
}

static const char *
skip_raw_text (const char *p,
               const char *end,
               const char *name,
               gsize       length)
{
  for (; p + 2 + length <= end; p++)
    if (p[0] == '<' && p[1] == '/' && g_ascii_strncasecmp (p + 2, name, length) == 0)
      return p;
  return end;
}

/* The page with the start and end tags past @limit levels of nesting left
 * out, the text between them kept; NULL when it does not nest that deep.
 * An HTML5 tree builder looks through its stack of open elements at every
 * tag, so a page 100,000 levels deep would take it hours; browsers stop
 * nesting at 512 too. This counts levels roughly, from the tags alone. */
static GString *
limit_nesting (const char *html,
               gsize       length,
               guint       limit)
{
  const char *end = html + length;
  const char *p = html;
  const char *copied = html;
  GString *out = NULL;
  guint depth = 0, dropped = 0;

  while ((p = memchr (p, '<', end - p)) != NULL)
    {
      gboolean closing = p + 1 < end && p[1] == '/';
      const char *name = p + (closing ? 2 : 1);
      const char *name_end = tag_name_end (name, end);
      const char *after;
      gsize name_length = name_end - name;

      if (p + 3 < end && strncmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p + 4, end - p - 4, "-->");
          p = close != NULL ? close + 3 : end;
          continue;
        }
      if (name >= end || !g_ascii_isalpha (*name))
        {
          p++;
          continue;
        }
      if ((after = tag_end (p, end)) == end)
        break;
      if (!closing && name_in (name, name_length, raw_text_elements))
        {
          p = skip_raw_text (after, end, name, name_length);
          continue;
        }
      if (!closing && name_length == 9 && g_ascii_strncasecmp (name, "plaintext", 9) == 0)
        break;
      if (name_in (name, name_length, flat_elements) || (!closing && after[-2] == '/'))
        {
          p = after;
          continue;
        }
      if (closing ? dropped == 0 : depth < limit)
        {
          depth = closing ? (depth > 0 ? depth - 1 : 0) : depth + 1;
          p = after;
          continue;
        }
      /* Past the limit: this tag is left out. */
      dropped = closing ? dropped - 1 : dropped + 1;
      if (out == NULL)
        out = g_string_sized_new (length);
      g_string_append_len (out, copied, p - copied);
      p = copied = after;
    }
  if (out != NULL)
    g_string_append_len (out, copied, end - copied);
  return out;
}

static const xmlChar *
svg_name (const char *lower)
{
  GumboStringPiece piece = { lower, strlen (lower) };
  const char *adjusted = gumbo_normalize_svg_tagname (&piece);

  return (const xmlChar *) (adjusted != NULL ? adjusted : lower);
}

/* The element's name as the HTML5 tree builder gives it: lower case, but
 * SVG's camelCase names ("linearGradient") as the SVG namespace spells them. */
static xmlNode *
new_element (xmlDoc       *doc,
             GumboElement *element)
{
  GumboStringPiece piece = element->original_tag;
  g_autofree char *lower = NULL;
  xmlNode *node;

  if (element->tag != GUMBO_TAG_UNKNOWN && element->tag_namespace != GUMBO_NAMESPACE_SVG)
    return xmlNewDocNode (doc, NULL, (const xmlChar *) gumbo_normalized_tagname (element->tag),
                          NULL);
  gumbo_tag_from_original_text (&piece);
  if (piece.length == 0 && element->tag != GUMBO_TAG_UNKNOWN)
    lower = g_strdup (gumbo_normalized_tagname (element->tag));
  else
    lower = g_ascii_strdown (piece.length > 0 ? piece.data : "span", piece.length > 0 ? (gssize) piece.length : -1);
  if (element->tag_namespace == GUMBO_NAMESPACE_SVG)
    node = xmlNewDocNode (doc, NULL, svg_name (lower), NULL);
  else
    node = xmlNewDocNode (doc, NULL, (const xmlChar *) lower, NULL);
  return node;
}

/* "xlink:href", "xml:lang", "xmlns:xlink": one name, as the serializer writes it. */
static char *
attribute_name (GumboAttribute *attr)
{
  switch (attr->attr_namespace)
    {
    case GUMBO_ATTR_NAMESPACE_XLINK:
      return g_strconcat ("xlink:", attr->name, NULL);
    case GUMBO_ATTR_NAMESPACE_XML:
      return g_strconcat ("xml:", attr->name, NULL);
    case GUMBO_ATTR_NAMESPACE_XMLNS:
      if (g_str_equal (attr->name, "xmlns"))
        return g_strdup ("xmlns");
      return g_strconcat ("xmlns:", attr->name, NULL);
    case GUMBO_ATTR_NAMESPACE_NONE:
    default:
      return g_strdup (attr->name);
    }
}

static xmlNode *
convert_element (xmlDoc       *doc,
                 GumboElement *element)
{
  xmlNode *node = new_element (doc, element);

  if (element->tag_namespace == GUMBO_NAMESPACE_SVG)
    gloss_html_set_namespace (node, GLOSS_HTML_NS_SVG);
  else if (element->tag_namespace == GUMBO_NAMESPACE_MATHML)
    gloss_html_set_namespace (node, GLOSS_HTML_NS_MATHML);
  for (guint i = 0; i < element->attributes.length; i++)
    {
      GumboAttribute *attr = element->attributes.data[i];
      g_autofree char *name = attribute_name (attr);

      /* xmlNewProp takes the value as text: no entity is decoded twice. */
      xmlNewProp (node, (const xmlChar *) name, (const xmlChar *) attr->value);
    }
  return node;
}

/* The content of <script> and <style> is CDATA, as libxml2's parser made it. */
static gboolean
holds_cdata (GumboNode *parent)
{
  return parent->type == GUMBO_NODE_ELEMENT &&
         parent->v.element.tag_namespace == GUMBO_NAMESPACE_HTML &&
         (parent->v.element.tag == GUMBO_TAG_SCRIPT || parent->v.element.tag == GUMBO_TAG_STYLE);
}

static xmlNode *
convert_node (xmlDoc    *doc,
              GumboNode *node)
{
  const xmlChar *text = (const xmlChar *) node->v.text.text;

  switch (node->type)
    {
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
      return convert_element (doc, &node->v.element);
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_WHITESPACE:
    case GUMBO_NODE_CDATA:
      if (holds_cdata (node->parent))
        return xmlNewCDataBlock (doc, text, (int) strlen ((const char *) text));
      return xmlNewDocText (doc, text);
    case GUMBO_NODE_COMMENT:
      return xmlNewDocComment (doc, text);
    case GUMBO_NODE_DOCUMENT:
    default:
      return NULL;
    }
}

typedef struct
{
  GumboNode *node;
  guint      next;
  xmlNode   *xml;
} Frame;

/* Depth first, with a stack of our own: no recursion, whatever the depth. */
static void
convert_tree (xmlDoc    *doc,
              GumboNode *root)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  Frame frame = { root, 0, convert_node (doc, root) };

  xmlDocSetRootElement (doc, frame.xml);
  g_array_append_val (stack, frame);
  while (stack->len > 0)
    {
      Frame *top = &g_array_index (stack, Frame, stack->len - 1);
      GumboVector *children = &top->node->v.element.children;
      GumboNode *child;
      xmlNode *xml;

      if (top->next >= children->length)
        {
          g_array_set_size (stack, stack->len - 1);
          continue;
        }
      child = children->data[top->next++];
      if ((xml = convert_node (doc, child)) == NULL)
        continue;
      xmlAddChild (top->xml, xml);
      if (child->type == GUMBO_NODE_ELEMENT || child->type == GUMBO_NODE_TEMPLATE)
        {
          Frame next = { child, 0, xml };
          g_array_append_val (stack, next);
        }
    }
}

static void
convert_doctype (xmlDoc        *doc,
                 GumboDocument *document)
{
  if (!document->has_doctype)
    return;
  xmlCreateIntSubset (doc, (const xmlChar *) document->name,
                      *document->public_identifier ? (const xmlChar *) document->public_identifier
                                                   : NULL,
                      *document->system_identifier ? (const xmlChar *) document->system_identifier
                                                   : NULL);
}

htmlDocPtr
gloss_html_parse (const char *utf8,
                  gsize       length)
{
  GumboOptions options = kGumboDefaultOptions;
  g_autoptr(GString) limited = NULL;
  GumboOutput *output;
  htmlDocPtr doc;

  g_return_val_if_fail (utf8 != NULL, NULL);

  if (length == 0)
    return NULL;
  /* Errors are not kept: nothing reads them. */
  options.max_errors = 0;
  if ((limited = limit_nesting (utf8, length, GLOSS_HTML_MAX_DEPTH)) != NULL)
    {
      utf8 = limited->str;
      length = limited->len;
    }
  output = gumbo_parse_with_options (&options, utf8, length);
  doc = htmlNewDocNoDtD (NULL, NULL);
  convert_doctype (doc, &output->document->v.document);
  convert_tree (doc, output->root);
  gumbo_destroy_output (&options, output);
  flatten_deep_nesting (xmlDocGetRootElement (doc));
  return doc;
}

GlossHtmlNamespace
gloss_html_namespace (xmlNode *node)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE || node->line > GLOSS_HTML_NS_MATHML)
    return GLOSS_HTML_NS_HTML;
  return (GlossHtmlNamespace) node->line;
}

void
gloss_html_set_namespace (xmlNode            *node,
                          GlossHtmlNamespace  ns)
{
  g_return_if_fail (node != NULL && node->type == XML_ELEMENT_NODE);

  node->line = (unsigned short) ns;
}

gboolean
gloss_html_rel_has (xmlNode    *node,
                    const char *token)
{
  g_autofree char *rel = gloss_html_get_attr (node, "rel");
  g_auto(GStrv) tokens = NULL;

  if (rel == NULL)
    return FALSE;
  /* The HTML standard's ASCII white space, and ASCII case-insensitive. */
  tokens = g_strsplit_set (rel, " \t\n\f\r", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (g_ascii_strcasecmp (tokens[i], token) == 0)
      return TRUE;
  return FALSE;
}

gboolean
gloss_html_is_element (xmlNode    *node,
                       const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

char *
gloss_html_get_attr (xmlNode    *node,
                     const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

xmlNode *
gloss_html_find_element (xmlNode    *root,
                         const char *name)
{
  for (xmlNode *child = root; child != NULL; child = child->next)
    {
      xmlNode *found;

      if (gloss_html_is_element (child, name))
        return child;
      if (child->type == XML_ELEMENT_NODE &&
          (found = gloss_html_find_element (child->children, name)) != NULL)
        return found;
    }
  return NULL;
}

xmlNode *
gloss_html_body (xmlDoc *doc)
{
  return gloss_html_find_element (xmlDocGetRootElement (doc), "body");
}

void
gloss_html_remove_node (xmlNode *node)
{
  xmlUnlinkNode (node);
  xmlFreeNode (node);
}

/* The HTML standard's serialization of a tree, escaping more than it asks:
 * in attribute values & < > and ", in text & < and >, so that no value
 * or text reads as markup to any parser, even after a raw text element
 * ended early. Only HTML <style> is written raw (no entity means anything
 * in CSS); a "</style" in it becomes "<\/style", the same to CSS. */
static const char * const serialize_void_elements[] = {
  "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
  "keygen", "link", "meta", "param", "source", "track", "wbr", NULL
};

static void
append_escaped (GString    *out,
                const char *text,
                gboolean    attribute)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"':
        if (attribute)
          g_string_append (out, "&quot;");
        else
          g_string_append_c (out, '"');
        break;
      default: g_string_append_c (out, *p);
      }
}

static void
append_raw_style (GString    *out,
                  const char *css)
{
  for (const char *p = css; *p != '\0'; p++)
    {
      if (p[0] == '<' && p[1] == '/' && g_ascii_strncasecmp (p + 2, "style", 5) == 0)
        {
          g_string_append (out, "<\\/");
          p++;
          continue;
        }
      g_string_append_c (out, *p);
    }
}

static gboolean
is_void (xmlNode *node)
{
  if (gloss_html_namespace (node) != GLOSS_HTML_NS_HTML)
    return FALSE;
  for (guint i = 0; serialize_void_elements[i] != NULL; i++)
    if (g_ascii_strcasecmp ((const char *) node->name, serialize_void_elements[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_raw_style (xmlNode *node)
{
  return node != NULL && gloss_html_is_element (node, "style") &&
         gloss_html_namespace (node) == GLOSS_HTML_NS_HTML;
}

static void
append_start_tag (GString *out,
                  xmlNode *node)
{
  g_string_append_c (out, '<');
  g_string_append (out, (const char *) node->name);
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      xmlChar *value = xmlNodeGetContent ((xmlNode *) attr);

      g_string_append_c (out, ' ');
      if (attr->ns != NULL && attr->ns->prefix != NULL)
        g_string_append_printf (out, "%s:", (const char *) attr->ns->prefix);
      g_string_append (out, (const char *) attr->name);
      g_string_append (out, "=\"");
      append_escaped (out, value != NULL ? (const char *) value : "", TRUE);
      g_string_append_c (out, '"');
      xmlFree (value);
    }
  g_string_append_c (out, '>');
}

/* A comment that could end early or open something is left out. */
static void
append_comment (GString    *out,
                const char *text)
{
  if (strstr (text, "--") != NULL || strchr (text, '<') != NULL || strchr (text, '>') != NULL ||
      g_str_has_suffix (text, "-") || g_str_has_prefix (text, "-"))
    return;
  g_string_append_printf (out, "<!--%s-->", text);
}

/* Writes what @node is, without its children, or for the end, its end tag. */
static void
append_node (GString *out,
             xmlNode *node)
{
  const char *content = (const char *) node->content;

  switch (node->type)
    {
    case XML_ELEMENT_NODE:
      append_start_tag (out, node);
      break;
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      if (content == NULL)
        break;
      if (is_raw_style (node->parent))
        append_raw_style (out, content);
      else
        append_escaped (out, content, FALSE);
      break;
    case XML_COMMENT_NODE:
      append_comment (out, content != NULL ? content : "");
      break;
    case XML_DTD_NODE:
      /* The parser skips the newline: it only makes the file read better. */
      g_string_append_printf (out, "<!DOCTYPE %s>\n", node->name ? (const char *) node->name : "html");
      break;
    default:
      /* Processing instructions and entity references: HTML has none. */
      break;
    }
}

static gboolean
has_children (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE && node->children != NULL && !is_void (node);
}

static void
append_end (GString *out,
            xmlNode *node)
{
  if (node->type == XML_ELEMENT_NODE && !is_void (node))
    g_string_append_printf (out, "</%s>", (const char *) node->name);
}

/* Depth first without recursion: the tree may be deep. */
static void
append_tree (GString *out,
             xmlNode *root)
{
  xmlNode *node = root;

  while (node != NULL)
    {
      append_node (out, node);
      if (has_children (node))
        {
          node = node->children;
          continue;
        }
      append_end (out, node);
      while (node != root && node->next == NULL)
        {
          node = node->parent;
          append_end (out, node);
        }
      node = node == root ? NULL : node->next;
    }
}

char *
gloss_html_serialize (xmlDoc  *doc,
                      xmlNode *node)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (doc != NULL || node != NULL, NULL);

  if (node != NULL)
    append_tree (out, node);
  else
    for (xmlNode *child = doc->children; child != NULL; child = child->next)
      append_tree (out, child);
  return g_string_free (out, FALSE);
}
