/* gloss-import-html.c — exports that are HTML: bookmarks in the Netscape
 * format (every browser, Pinboard, Linkding, Shaarli), and Pocket's
 * ril_export.html from before 2024
 *
 * Bookmark files are not well-formed (<DT> is never closed, <p> stray
 * inside <DL>): they are parsed as a browser parses them, with the HTML5
 * tree builder, and read from the tree. A bookmark's folders, outermost
 * first, become its tags.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gloss-html.h"
#include "gloss-import-private.h"

static char *
text_of (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strstrip (g_strdup ((const char *) content));

  xmlFree (content);
  return text;
}

static xmlNode *
previous_element (xmlNode *node)
{
  for (node = node->prev; node != NULL; node = node->prev)
    if (node->type == XML_ELEMENT_NODE)
      return node;
  return NULL;
}

static xmlNode *
next_element (xmlNode *node)
{
  for (node = node->next; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      return node;
  return NULL;
}

/* The folders of a bookmark: each <DL> it is in that follows an <H3>. */
static void
add_folders (GlossImportEntry *entry,
             xmlNode          *link)
{
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);

  for (xmlNode *node = link->parent; node != NULL; node = node->parent)
    {
      xmlNode *heading;

      if (gloss_html_is_element (node, "dl") && (heading = previous_element (node)) != NULL
          && gloss_html_is_element (heading, "h3"))
        g_ptr_array_insert (folders, 0, text_of (heading));
    }
  for (guint i = 0; i < folders->len; i++)
    _gloss_import_add_tag (entry, folders->pdata[i]);
}

/* TAGS="a,b" as browsers and Pinboard write it; "a b" as Shaarli does. */
static void
add_tag_attribute (GlossImportEntry *entry,
                   xmlNode          *link)
{
  g_autofree char *tags = gloss_html_get_attr (link, "tags");

  if (tags != NULL)
    _gloss_import_add_tags (entry, tags, strchr (tags, ',') != NULL ? "," : " ");
}

/* <DT><A …>title</A> <DD>a description: the page note. */
static char *
description_of (xmlNode *link)
{
  xmlNode *term = link->parent;
  xmlNode *next;

  if (!gloss_html_is_element (term, "dt") || (next = next_element (term)) == NULL)
    return NULL;
  if (!gloss_html_is_element (next, "dd"))
    return NULL;
  return text_of (next);
}

static void
add_bookmark (GlossImportReader *reader,
              xmlNode           *link)
{
  GlossImportEntry *entry = gloss_import_entry_new ();
  g_autofree char *added = gloss_html_get_attr (link, "add_date");
  g_autofree char *description = NULL;

  entry->url = gloss_html_get_attr (link, "href");
  entry->title = text_of (link);
  if (added != NULL)
    entry->saved = _gloss_import_parse_date (added);
  add_folders (entry, link);
  add_tag_attribute (entry, link);
  if ((description = description_of (link)) != NULL && *description != '\0')
    entry->note = g_steal_pointer (&description);
  /* The parsed tree keeps no lines: the problems name the link. */
  _gloss_import_add (reader, entry, 0);
}

/* Pocket's list: <h1>Unread</h1><ul><li><a href time_added tags>, then
 * <h1>Read Archive</h1> and its <ul>. */
static void
add_pocket_link (GlossImportReader *reader,
                 xmlNode           *link)
{
  GlossImportEntry *entry = gloss_import_entry_new ();
  g_autofree char *added = gloss_html_get_attr (link, "time_added");
  g_autofree char *tags = gloss_html_get_attr (link, "tags");
  xmlNode *list = link->parent != NULL ? link->parent->parent : NULL;
  xmlNode *heading = list != NULL ? previous_element (list) : NULL;

  entry->url = gloss_html_get_attr (link, "href");
  entry->title = text_of (link);
  entry->saved = _gloss_import_parse_date (added);
  _gloss_import_add_tags (entry, tags, ",");
  if (heading != NULL && gloss_html_is_element (heading, "h1"))
    {
      g_autofree char *section = text_of (heading);

      entry->archived = g_ascii_strcasecmp (section, "Read Archive") == 0;
    }
  _gloss_import_add (reader, entry, 0);
}

static void
add_links (GlossImportReader *reader,
           xmlNode           *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (gloss_html_is_element (child, "a") && xmlHasProp (child, (const xmlChar *) "href"))
        {
          if (reader->file->format == GLOSS_IMPORT_POCKET_HTML)
            add_pocket_link (reader, child);
          else
            add_bookmark (reader, child);
        }
      else
        add_links (reader, child);
    }
}

static gboolean
starts_with_doctype (const char *data,
                     gsize       length,
                     const char *doctype)
{
  gsize skip = length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

  while (skip < length && g_ascii_isspace (data[skip]))
    skip++;
  return length - skip >= strlen (doctype)
         && g_ascii_strncasecmp (data + skip, doctype, strlen (doctype)) == 0;
}

/* Which of the two, from the file's first 4 KiB. */
static gboolean
sniff (GlossImportReader *reader,
       const char        *data,
       gsize              length)
{
  g_autofree char *head = g_ascii_strdown (data, MIN (length, 4096));

  if (starts_with_doctype (data, length, "<!DOCTYPE NETSCAPE-Bookmark-file-1"))
    reader->file->format = GLOSS_IMPORT_NETSCAPE;
  else if (strstr (head, "<title>pocket export</title>") != NULL
           || (strstr (head, "<html") != NULL && strstr (head, " time_added=") != NULL))
    reader->file->format = GLOSS_IMPORT_POCKET_HTML;
  else
    return FALSE;
  return TRUE;
}

gboolean
_gloss_import_read_html (GlossImportReader *reader,
                         const char        *data,
                         gsize              length,
                         GError           **error)
{
  g_autofree char *utf8 = NULL;
  g_autoptr(xmlDoc) doc = NULL;

  if (!sniff (reader, data, length))
    return FALSE;
  if ((utf8 = gloss_html_decode (data, length, NULL, NULL, error)) == NULL)
    return FALSE;
  if ((doc = gloss_html_parse (utf8, strlen (utf8))) == NULL || xmlDocGetRootElement (doc) == NULL)
    return TRUE;
  add_links (reader, xmlDocGetRootElement (doc));
  return TRUE;
}
