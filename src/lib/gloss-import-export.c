/* gloss-import-export.c — the library written out in other services'
 * formats, so that nobody is locked in: Wallabag's JSON, bookmarks HTML
 * (every browser), Raindrop's CSV
 *
 * Each is a file the service imports, and one Gloss imports back (the
 * tests read every one again with gloss_import_read ()).
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gloss-annotation.h"
#include "gloss-archive.h"
#include "gloss-article.h"
#include "gloss-html.h"
#include "gloss-import-private.h"
#include "gloss-json-private.h"
#include "gloss-library.h"
#include "gloss-sidecar.h"
#include "gloss-utils-private.h"

static gboolean
has_tag (GlossSidecar *sidecar,
         const char   *tag)
{
  for (guint i = 0; i < sidecar->tags->len; i++)
    if (g_strcmp0 (sidecar->tags->pdata[i], tag) == 0)
      return TRUE;
  return FALSE;
}

/* The tags to write: all but those the format has a field for. */
static GPtrArray *
tags_but (GlossSidecar       *sidecar,
          const char * const *states)
{
  GPtrArray *tags = g_ptr_array_new ();

  for (guint i = 0; i < sidecar->tags->len; i++)
    if (!g_strv_contains (states, sidecar->tags->pdata[i]))
      g_ptr_array_add (tags, sidecar->tags->pdata[i]);
  return tags;
}

static char *
unix_seconds (const char *iso)
{
  g_autoptr(GDateTime) date = _gloss_import_parse_date (iso);

  return g_strdup_printf ("%" G_GINT64_FORMAT, date != NULL ? g_date_time_to_unix (date) : 0);
}

/* The article's own HTML: the archive's <article> without the header Gloss
 * wrote into it. */
static char *
article_html (GlossArticle *article)
{
  g_autofree char *data = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *content, *header;
  gsize length;

  if (!g_file_get_contents (article->info->path, &data, &length, NULL)
      || (doc = gloss_html_parse (data, length)) == NULL
      || (content = gloss_html_find_element (xmlDocGetRootElement (doc), "article")) == NULL)
    return g_strdup ("");
  if ((header = gloss_html_find_element (content->children, "header")) != NULL)
    gloss_html_remove_node (header);
  {
    GString *out = g_string_new (NULL);

    for (xmlNode *child = content->children; child != NULL; child = child->next)
      {
        g_autofree char *part = gloss_html_serialize (doc, child);

        g_string_append (out, part);
      }
    return g_string_free (out, FALSE);
  }
}

/* Wallabag */

static JsonArray *
strings_array (GPtrArray *strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < strings->len; i++)
    json_array_add_string_element (array, strings->pdata[i]);
  return array;
}

static JsonObject *
wallabag_annotation (GlossAnnotation *annotation)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "text", annotation->note != NULL ? annotation->note : "");
  json_object_set_string_member (object, "quote", annotation->exact);
  json_object_set_array_member (object, "ranges", json_array_new ());
  json_object_set_string_member (object, "created_at", annotation->created);
  json_object_set_string_member (object, "updated_at", annotation->modified);
  return object;
}

static JsonObject *
wallabag_entry (GlossArticle *article)
{
  GlossArchiveInfo *info = article->info;
  GlossSidecar *sidecar = article->sidecar;
  JsonObject *object = json_object_new ();
  JsonArray *annotations = json_array_new ();
  JsonArray *authors = json_array_new ();
  g_autoptr(GPtrArray) tags = tags_but (sidecar, (const char *[]) { "archived", "starred", NULL });
  g_autofree char *content = article_html (article);

  json_object_set_string_member (object, "title", info->title != NULL ? info->title : "");
  json_object_set_string_member (object, "url", info->source);
  json_object_set_string_member (object, "given_url", info->source);
  json_object_set_boolean_member (object, "is_archived", has_tag (sidecar, "archived"));
  json_object_set_boolean_member (object, "is_starred", has_tag (sidecar, "starred"));
  json_object_set_string_member (object, "content", content);
  json_object_set_string_member (object, "created_at", info->saved);
  if (info->published != NULL)
    json_object_set_string_member (object, "published_at", info->published);
  if (info->author != NULL)
    json_array_add_string_element (authors, info->author);
  json_object_set_array_member (object, "published_by", authors);
  json_object_set_array_member (object, "tags", strings_array (tags));
  for (guint i = 0; i < sidecar->annotations->len; i++)
    json_array_add_object_element (annotations, wallabag_annotation (sidecar->annotations->pdata[i]));
  json_object_set_array_member (object, "annotations", annotations);
  if (info->language != NULL)
    json_object_set_string_member (object, "language", info->language);
  json_object_set_string_member (object, "mimetype", "text/html");
  return object;
}

static char *
wallabag_item (GlossArticle *article,
               guint         index)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_node_take_object (node, wallabag_entry (article));
  text = _gloss_json_to_data (node);
  g_strchomp (text);
  return g_strconcat (index > 0 ? ",\n" : "[\n", text, NULL);
}

/* Bookmarks */

static char *
netscape_item (GlossArticle *article,
               guint         index)
{
  GlossArchiveInfo *info = article->info;
  g_autoptr(GPtrArray) tags = tags_but (article->sidecar, (const char *[]) { NULL });
  g_autofree char *href = g_markup_escape_text (info->source, -1);
  g_autofree char *title = g_markup_escape_text (info->title != NULL ? info->title : info->source, -1);
  g_autofree char *joined = NULL;
  g_autofree char *tag_attr = NULL;
  g_autofree char *added = unix_seconds (info->saved);
  GString *out = g_string_new (NULL);

  g_ptr_array_add (tags, NULL);
  joined = g_strjoinv (",", (char **) tags->pdata);
  tag_attr = g_markup_escape_text (joined, -1);
  if (index == 0)
    g_string_append (out, "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n"
                          "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=UTF-8\">\n"
                          "<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n");
  g_string_append_printf (out, "    <DT><A HREF=\"%s\" ADD_DATE=\"%s\" TAGS=\"%s\">%s</A>\n", href,
                          added, tag_attr, title);
  if (article->sidecar->note != NULL && *article->sidecar->note != '\0')
    {
      g_autofree char *note = g_markup_escape_text (article->sidecar->note, -1);

      g_string_append_printf (out, "    <DD>%s\n", note);
    }
  return g_string_free (out, FALSE);
}

/* Raindrop */

static void
append_csv_field (GString    *out,
                  const char *value,
                  gboolean    last)
{
  g_string_append_c (out, '"');
  for (const char *c = value != NULL ? value : ""; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append (out, last ? "\"\n" : "\",");
}

static char *
raindrop_highlights (GlossSidecar *sidecar)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < sidecar->annotations->len; i++)
    {
      GlossAnnotation *annotation = sidecar->annotations->pdata[i];

      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "Highlight:%s", annotation->exact);
      if (annotation->note != NULL)
        {
          g_autofree char *note = g_strdelimit (g_strdup (annotation->note), "\n", ' ');

          g_string_append_printf (out, "\nNote:%s", note);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
raindrop_item (GlossArticle *article,
               guint         index)
{
  GlossArchiveInfo *info = article->info;
  g_autoptr(GPtrArray) tags = tags_but (article->sidecar, (const char *[]) { "starred", NULL });
  g_autofree char *joined = NULL;
  g_autofree char *highlights = raindrop_highlights (article->sidecar);
  g_autofree char *id = g_strdup_printf ("%u", index + 1);
  GString *out = g_string_new (index == 0 ? "id,title,note,excerpt,url,folder,tags,created,cover,"
                                            "highlights,favorite\n" : NULL);

  g_ptr_array_add (tags, NULL);
  joined = g_strjoinv (", ", (char **) tags->pdata);
  append_csv_field (out, id, FALSE);
  append_csv_field (out, info->title, FALSE);
  append_csv_field (out, article->sidecar->note, FALSE);
  append_csv_field (out, info->description, FALSE);
  append_csv_field (out, info->source, FALSE);
  append_csv_field (out, "Unsorted", FALSE);
  append_csv_field (out, joined, FALSE);
  append_csv_field (out, info->saved, FALSE);
  append_csv_field (out, "", FALSE);
  append_csv_field (out, highlights, FALSE);
  append_csv_field (out, has_tag (article->sidecar, "starred") ? "true" : "false", TRUE);
  return g_string_free (out, FALSE);
}

typedef char *(*ItemFunc) (GlossArticle *article,
                           guint         index);

static ItemFunc
item_func (GlossImportFormat format)
{
  switch (format)
    {
    case GLOSS_IMPORT_WALLABAG:
      return wallabag_item;
    case GLOSS_IMPORT_NETSCAPE:
      return netscape_item;
    case GLOSS_IMPORT_RAINDROP:
      return raindrop_item;
    default:
      return NULL;
    }
}

static const char *
closing (GlossImportFormat format,
         guint             written)
{
  if (format == GLOSS_IMPORT_WALLABAG)
    return written > 0 ? "\n]\n" : "[]\n";
  if (format == GLOSS_IMPORT_NETSCAPE)
    return written > 0 ? "</DL><p>\n"
                       : "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<TITLE>Bookmarks</TITLE>\n"
                         "<H1>Bookmarks</H1>\n<DL><p>\n</DL><p>\n";
  return written > 0 ? "" : "id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite\n";
}

/* Every article of @library, in the order of their files, written to @out as @format
 * (Wallabag, Netscape bookmarks or Raindrop's CSV). Blocking. An archive
 * that can not be read is left out, and counted in *@skipped. */
gboolean
gloss_import_export_library (GlossLibrary       *library,
                             GlossImportFormat   format,
                             GOutputStream      *out,
                             guint              *written,
                             guint              *skipped,
                             GCancellable       *cancellable,
                             GError            **error)
{
  g_autoptr(GPtrArray) archives = NULL;
  ItemFunc item = item_func (format);
  const char *end;

  g_return_val_if_fail (GLOSS_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  *written = *skipped = 0;
  archives = gloss_library_list_archives (library);
  for (guint i = 0; i < archives->len; i++)
    {
      g_autofree char *sidecar = gloss_library_sidecar_path (archives->pdata[i]);
      g_autoptr(GlossArticle) article = gloss_article_read (archives->pdata[i], sidecar, NULL);
      g_autofree char *text = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (article == NULL || !_gloss_is_web_url (article->info->source))
        {
          (*skipped)++;
          continue;
        }
      text = item (article, *written);
      if (!g_output_stream_write_all (out, text, strlen (text), NULL, cancellable, error))
        return FALSE;
      (*written)++;
    }
  end = closing (format, *written);
  return g_output_stream_write_all (out, end, strlen (end), NULL, cancellable, error);
}
