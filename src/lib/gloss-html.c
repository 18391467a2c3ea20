/* gloss-html.c — decoding and parsing HTML pages
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <errno.h>
#include <string.h>
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

/* libxml2 2.9 does not know that source, track, embed, wbr and keygen are
 * empty, so it nests what follows them inside them (<picture><source><img>
 * puts the <img> in the <source>). Their children really are their
 * following siblings; this gives them back, in order. */
static const char * const void_elements[] = {
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
  "track", "wbr", "keygen", NULL
};

static gboolean
is_void_element (xmlNode *node)
{
  for (guint i = 0; void_elements[i]; i++)
    if (gloss_html_is_element (node, void_elements[i]))
      return TRUE;
  return FALSE;
}

static void
unnest_void_elements (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *child;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (!is_void_element (node))
        {
          unnest_void_elements (node->children);
          continue;
        }
      /* Last first: xmlAddNextSibling keeps them in order that way. */
      while ((child = node->last) != NULL)
        {
          xmlUnlinkNode (child);
          xmlAddNextSibling (node, child);
        }
    }
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

htmlDocPtr
gloss_html_parse (const char *utf8,
                  gsize       length)
{
  /* XML_PARSE_HUGE (libxml2 2.9 has no HTML_PARSE_HUGE; the bit is the same
   * option) lifts the parser's limit of 256 levels, past which it dropped
   * everything deeper, text and all. */
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT | XML_PARSE_HUGE;
  htmlDocPtr doc;

  g_return_val_if_fail (utf8 != NULL, NULL);

  if (length == 0)
    return NULL;
  doc = htmlReadMemory (utf8, (int) MIN (length, G_MAXINT), NULL, "UTF-8", options);
  if (doc != NULL && xmlDocGetRootElement (doc) != NULL)
    {
      flatten_deep_nesting (xmlDocGetRootElement (doc));
      unnest_void_elements (xmlDocGetRootElement (doc));
    }
  return doc;
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

char *
gloss_html_serialize (xmlDoc  *doc,
                      xmlNode *node)
{
  xmlOutputBuffer *out = xmlAllocOutputBuffer (NULL);
  char *result;

  if (node == NULL)
    htmlDocContentDumpFormatOutput (out, doc, "UTF-8", 0);
  else
    htmlNodeDumpFormatOutput (out, doc, node, "UTF-8", 0);
  xmlOutputBufferFlush (out);
  result = g_strndup ((const char *) xmlOutputBufferGetContent (out),
                      xmlOutputBufferGetSize (out));
  xmlOutputBufferClose (out);
  return result;
}
