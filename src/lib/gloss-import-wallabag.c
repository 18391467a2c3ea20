/* gloss-import-wallabag.c — Wallabag's JSON export
 *
 * An array of entries: title, url (given_url, origin_url), is_archived,
 * is_starred, content (the article's HTML), created_at, published_at,
 * published_by, tags, annotations ({text, quote, ranges: [{start,
 * startOffset, end, endOffset}]}). Older exports write the booleans as
 * "0"/"1" and the dates with "+0200" offsets.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gloss-import-private.h"
#include "gloss-json-private.h"

/* true, 1 or "1" (and "true"). */
static gboolean
read_flag (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return json_node_get_boolean (node);
    case G_TYPE_INT64:
      return json_node_get_int (node) != 0;
    case G_TYPE_STRING:
      return g_strcmp0 (json_node_get_string (node), "1") == 0
             || g_ascii_strcasecmp (json_node_get_string (node), "true") == 0;
    default:
      return FALSE;
    }
}

static const char *
first_string (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node)
      || json_array_get_length (json_node_get_array (node)) == 0)
    return NULL;
  node = json_array_get_element (json_node_get_array (node), 0);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
add_tags (GlossImportEntry *entry,
          JsonObject       *object)
{
  JsonNode *node = json_object_get_member (object, "tags");

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *tag = json_array_get_element (json_node_get_array (node), i);

      /* A name; in some versions an object {label, slug}. */
      if (JSON_NODE_HOLDS_VALUE (tag) && json_node_get_value_type (tag) == G_TYPE_STRING)
        _gloss_import_add_tag (entry, json_node_get_string (tag));
      else if (JSON_NODE_HOLDS_OBJECT (tag))
        _gloss_import_add_tag (entry, _gloss_json_string_or (json_node_get_object (tag),
                                                              "label", NULL));
    }
}

static GlossImportHighlight *
read_annotation (JsonObject *object)
{
  const char *quote = _gloss_json_string_or (object, "quote", NULL);
  const char *note = _gloss_json_string_or (object, "text", NULL);
  JsonNode *ranges = json_object_get_member (object, "ranges");
  GlossImportHighlight *highlight;

  if (quote == NULL || *quote == '\0')
    return NULL;
  highlight = gloss_import_highlight_new (quote);
  if (note != NULL && *note != '\0')
    highlight->note = g_strdup (note);
  highlight->created = _gloss_import_json_date (object, "created_at");
  if (ranges != NULL && JSON_NODE_HOLDS_ARRAY (ranges)
      && json_array_get_length (json_node_get_array (ranges)) > 0
      && JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (ranges), 0)))
    {
      JsonObject *range = json_array_get_object_element (json_node_get_array (ranges), 0);

      highlight->xpath = g_strdup (_gloss_json_string_or (range, "start", NULL));
      highlight->offset = _gloss_json_int_or (range, "startOffset", -1);
    }
  return highlight;
}

static void
add_annotations (GlossImportEntry *entry,
                 JsonObject       *object)
{
  JsonNode *node = json_object_get_member (object, "annotations");

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (node), i);
      GlossImportHighlight *highlight;

      if (JSON_NODE_HOLDS_OBJECT (item)
          && (highlight = read_annotation (json_node_get_object (item))) != NULL)
        g_ptr_array_add (entry->highlights, highlight);
    }
}

static void
add_entry (GlossImportReader *reader,
           JsonObject        *object,
           guint              index)
{
  GlossImportEntry *entry = gloss_import_entry_new ();
  const char *url = _gloss_json_string_or (object, "url", NULL);

  if (url == NULL || *url == '\0')
    url = _gloss_json_string_or (object, "given_url", NULL);
  entry->url = g_strdup (url);
  entry->title = g_strdup (_gloss_json_string_or (object, "title", NULL));
  entry->author = g_strdup (first_string (object, "published_by"));
  entry->content = g_strdup (_gloss_json_string_or (object, "content", NULL));
  entry->saved = _gloss_import_json_date (object, "created_at");
  entry->published = _gloss_import_json_date (object, "published_at");
  entry->archived = read_flag (object, "is_archived");
  entry->starred = read_flag (object, "is_starred");
  add_tags (entry, object);
  add_annotations (entry, object);
  /* JSON has no lines worth naming: the entry's place in the list. */
  _gloss_import_add (reader, entry, index + 1);
}

static gboolean
is_wallabag_entry (JsonNode *node)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  return json_object_has_member (object, "url")
         && (json_object_has_member (object, "is_archived")
             || json_object_has_member (object, "given_url"));
}

gboolean
_gloss_import_read_wallabag (GlossImportReader *reader,
                             const char        *data,
                             gsize              length,
                             GError           **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  const char *start = data;
  JsonArray *entries;
  JsonNode *root;

  while (start < data + length && g_ascii_isspace (*start))
    start++;
  if (start >= data + length || (*start != '[' && *start != '{'))
    return FALSE;
  parser = json_parser_new ();
  if (!_gloss_json_load_bounded (parser, data, length, &local))
    {
      g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_MALFORMED,
                   _("It is not valid JSON: %s"), local->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root)
      || json_array_get_length (entries = json_node_get_array (root)) == 0
      || !is_wallabag_entry (json_array_get_element (entries, 0)))
    {
      g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_UNKNOWN_FORMAT,
                   _("It is JSON, but not a Wallabag export (a list of entries, each with a url "
                     "and is_archived)"));
      return FALSE;
    }
  reader->file->format = GLOSS_IMPORT_WALLABAG;
  reader->by_entry = TRUE;
  for (guint i = 0; i < json_array_get_length (entries); i++)
    if (is_wallabag_entry (json_array_get_element (entries, i)))
      add_entry (reader, json_array_get_object_element (entries, i), i);
    else
      _gloss_import_problem (reader, i + 1, TRUE, _("It is not an article with a url"));
  return TRUE;
}
