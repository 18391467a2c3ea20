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

#include "gloss-html.h"

#define PRESCAN_BYTES 4096

static const struct { const char *label; const char *charset; } charset_aliases[] = {
  { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" }, { "utf-8", "UTF-8" },
  /* A page can not really be UTF-16 when an ASCII <meta> said so. */
  { "utf-16", "UTF-8" }, { "utf-16le", "UTF-8" }, { "utf-16be", "UTF-8" },
  { "us-ascii", "WINDOWS-1252" }, { "ascii", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
  { "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" }, { "l1", "WINDOWS-1252" },
  { "cp1252", "WINDOWS-1252" }, { "x-cp1252", "WINDOWS-1252" }, { "windows-1252", "WINDOWS-1252" },
  { "iso-8859-9", "WINDOWS-1254" }, { "latin5", "WINDOWS-1254" },
  { "gbk", "GB18030" }, { "gb2312", "GB18030" }, { "x-gbk", "GB18030" }, { "chinese", "GB18030" },
  { "csgb2312", "GB18030" }, { "gb_2312-80", "GB18030" }, { "gb18030", "GB18030" },
  { "big5", "BIG5-HKSCS" }, { "big5-hkscs", "BIG5-HKSCS" },
  { "shift_jis", "CP932" }, { "shift-jis", "CP932" }, { "sjis", "CP932" }, { "x-sjis", "CP932" },
  { "windows-31j", "CP932" }, { "euc-kr", "CP949" }, { "ks_c_5601-1987", "CP949" },
};

static char *
normalize_charset (const char *label)
{
  g_autofree char *lower = NULL;

  if (label == NULL)
    return NULL;

  lower = g_ascii_strdown (label, -1);
  g_strdelimit (lower, "\"'", ' ');
  g_strstrip (lower);
  if (*lower == '\0')
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (charset_aliases); i++)
    if (g_str_equal (lower, charset_aliases[i].label))
      return g_strdup (charset_aliases[i].charset);

  return g_ascii_strup (lower, -1);
}

static char *
sniff_bom (const guchar *data,
           gsize         length,
           gsize        *bom_length)
{
  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    return (*bom_length = 3, g_strdup ("UTF-8"));
  if (length >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    return (*bom_length = 2, g_strdup ("UTF-16BE"));
  if (length >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    return (*bom_length = 2, g_strdup ("UTF-16LE"));
  *bom_length = 0;
  return NULL;
}

static char *
sniff_meta_charset (const char *data,
                    gsize       length)
{
  static GRegex *meta_regex;
  g_autoptr(GMatchInfo) match = NULL;
  gsize scan = MIN (length, PRESCAN_BYTES);

  if (g_once_init_enter (&meta_regex))
    g_once_init_leave (&meta_regex,
                       g_regex_new ("<meta[^>]+?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_:.\\-]+)",
                                    G_REGEX_CASELESS | G_REGEX_RAW | G_REGEX_OPTIMIZE, 0, NULL));

  if (g_regex_match_full (meta_regex, data, scan, 0, 0, &match, NULL))
    return g_match_info_fetch (match, 1);
  return NULL;
}

/* Converts with iconv, putting U+FFFD for every byte that does not decode. */
static char *
convert_lossy (const char *data,
               gsize       length,
               const char *charset)
{
  GIConv conv = g_iconv_open ("UTF-8", charset);
  GString *out;
  char buffer[4096];
  char *in = (char *) data;
  gsize in_left = length;

  if (conv == (GIConv) -1)
    return NULL;

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
  return g_string_free (out, FALSE);
}

char *
gloss_html_decode (const char *data,
                   gsize       length,
                   const char *header_charset,
                   char      **out_charset)
{
  g_autofree char *charset = NULL;
  g_autofree char *meta = NULL;
  char *result = NULL;
  gsize bom_length;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  charset = sniff_bom ((const guchar *) data, length, &bom_length);
  data += bom_length;
  length -= bom_length;

  if (charset == NULL)
    charset = normalize_charset (header_charset);
  if (charset == NULL)
    charset = normalize_charset (meta = sniff_meta_charset (data, length));
  if (charset == NULL)
    charset = g_strdup (g_utf8_validate (data, length, NULL) ? "UTF-8" : "WINDOWS-1252");

  if (g_str_equal (charset, "UTF-8"))
    result = g_utf8_make_valid (data, length);
  else
    result = convert_lossy (data, length, charset);

  if (result == NULL)
    {
      g_debug ("Unknown charset “%s”, reading the page as windows-1252", charset);
      g_free (charset);
      charset = g_strdup ("WINDOWS-1252");
      result = convert_lossy (data, length, charset);
    }

  if (out_charset != NULL)
    *out_charset = g_steal_pointer (&charset);
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

htmlDocPtr
gloss_html_parse (const char *utf8,
                  gsize       length)
{
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT;
  htmlDocPtr doc;

  g_return_val_if_fail (utf8 != NULL, NULL);

  if (length == 0)
    return NULL;
  doc = htmlReadMemory (utf8, (int) MIN (length, G_MAXINT), NULL, "UTF-8", options);
  if (doc != NULL)
    unnest_void_elements (xmlDocGetRootElement (doc));
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
