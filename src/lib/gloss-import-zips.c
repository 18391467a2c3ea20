/* gloss-import-zips.c — the zipped exports: Pocket (2024–2025) and Omnivore
 *
 * Pocket's zip: part_000000.csv, … (title,url,time_added,tags,status) and
 * annotations/part_000000.json, [{url, title, highlights: [{quote,
 * created_at}]}]. Omnivore's: metadata_<start>_to_<end>.json (an array of
 * articles), content/<slug>.html (the readable text), highlights/<slug>.md
 * ("> quote" lines, a "#label" line, a note, blank-line separated).
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

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names of @parts that start with @prefix and end with @suffix, sorted. */
static GPtrArray *
find_parts (GHashTable *parts,
            const char *prefix,
            const char *suffix)
{
  GPtrArray *names = g_ptr_array_new ();
  GHashTableIter iter;
  const char *name;

  g_hash_table_iter_init (&iter, parts);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    {
      const char *base = strrchr (name, '/') != NULL ? strrchr (name, '/') + 1 : name;
      gboolean in_folder = strchr (prefix, '/') != NULL;

      if (g_str_has_prefix (in_folder ? name : base, prefix) && g_str_has_suffix (name, suffix)
          && (in_folder || base == name))
        g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_sort (names, compare_names);
  return names;
}

static gboolean
load_json (GlossImportReader *reader,
           GBytes            *bytes,
           const char        *part,
           JsonParser        *parser,
           GError           **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(GError) local = NULL;

  if (_gloss_json_load_bounded (parser, data, length, &local))
    return TRUE;
  g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_MALFORMED,
               _("%s in the zip is not JSON: %s"), part, local->message);
  return FALSE;
}

/* The members of @root, an array of objects; NULL (and an error) otherwise. */
static JsonArray *
object_array (JsonNode    *root,
              const char  *part,
              GError     **error)
{
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    return json_node_get_array (root);
  g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_MALFORMED,
               _("%s in the zip is not a list of articles"), part);
  return NULL;
}

typedef void (*ObjectFunc) (GlossImportReader *reader,
                            GHashTable        *parts,
                            JsonObject        *object);

/* Each object of each JSON part named @names (lists of objects), to @func. */
static gboolean
read_object_lists (GlossImportReader  *reader,
                   GHashTable         *parts,
                   GPtrArray          *names,
                   ObjectFunc          func,
                   GError            **error)
{
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonArray *objects;

      if (!load_json (reader, g_hash_table_lookup (parts, names->pdata[i]), names->pdata[i],
                      parser, error)
          || (objects = object_array (json_parser_get_root (parser), names->pdata[i], error)) == NULL)
        return FALSE;
      for (guint j = 0; j < json_array_get_length (objects); j++)
        if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (objects, j)))
          func (reader, parts, json_array_get_object_element (objects, j));
    }
  return TRUE;
}

/* Pocket */

static void
add_pocket_highlights (GlossImportReader *reader,
                       GHashTable        *parts,
                       JsonObject        *article)
{
  const char *url = _gloss_json_string_or (article, "url", NULL);
  JsonNode *list = json_object_get_member (article, "highlights");
  GlossImportEntry *entry = gloss_import_entry_new ();

  entry->url = g_strdup (url);
  entry->title = g_strdup (_gloss_json_string_or (article, "title", NULL));
  if (list != NULL && JSON_NODE_HOLDS_ARRAY (list))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
      {
        JsonNode *node = json_array_get_element (json_node_get_array (list), i);
        const char *quote;
        GlossImportHighlight *highlight;

        if (!JSON_NODE_HOLDS_OBJECT (node)
            || (quote = _gloss_json_string_or (json_node_get_object (node), "quote", NULL)) == NULL
            || *quote == '\0')
          continue;
        highlight = gloss_import_highlight_new (quote);
        highlight->created = _gloss_import_json_date (json_node_get_object (node), "created_at");
        g_ptr_array_add (entry->highlights, highlight);
      }
  _gloss_import_add (reader, entry, 0);
}

static gboolean
read_pocket_annotations (GlossImportReader *reader,
                         GHashTable        *parts,
                         GError           **error)
{
  g_autoptr(GPtrArray) names = find_parts (parts, "annotations/part_", ".json");

  return read_object_lists (reader, parts, names, add_pocket_highlights, error);
}

gboolean
_gloss_import_read_pocket_zip (GlossImportReader *reader,
                               GHashTable        *parts,
                               GError           **error)
{
  g_autoptr(GPtrArray) names = find_parts (parts, "part_", ".csv");
  char *file_name = reader->name;

  if (names->len == 0)
    return FALSE;
  reader->file->format = GLOSS_IMPORT_POCKET;
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *part_name = g_strdup_printf ("%s/%s", file_name, (char *) names->pdata[i]);
      gboolean read;

      /* Lines are the part's: "pocket.zip/part_000001.csv:12". */
      reader->name = part_name;
      read = _gloss_import_read_pocket_part (reader, g_hash_table_lookup (parts, names->pdata[i]),
                                             error);
      reader->name = file_name;
      if (read)
        continue;
      if (error == NULL || *error == NULL)
        g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_MALFORMED,
                     _("%s in the zip is not a Pocket list: its header lacks title, url, "
                       "time_added or status"), (char *) names->pdata[i]);
      return FALSE;
    }
  return read_pocket_annotations (reader, parts, error);
}

/* Omnivore */

static void
append_line (char       **text,
             const char  *line)
{
  char *longer = *text == NULL ? g_strdup (line) : g_strconcat (*text, "\n", line, NULL);

  g_free (*text);
  *text = longer;
}

/* "> quote" lines make a highlight (a run of them, one); "#label" lines
 * after it are tags; any other text until the next quote is its note. */
static void
parse_highlights (GlossImportEntry *entry,
                  const char       *markdown)
{
  g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);
  GlossImportHighlight *current = NULL;
  gboolean in_quote = FALSE;
  guint blank = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strchomp (lines[i]);

      if (*line == '>')
        {
          const char *text = line[1] == ' ' ? line + 2 : line + 1;

          if (!in_quote)
            {
              current = gloss_import_highlight_new (NULL);
              g_ptr_array_add (entry->highlights, current);
            }
          append_line (&current->quote, text);
          in_quote = TRUE;
          blank = 0;
          continue;
        }
      in_quote = FALSE;
      if (*line == '\0')
        blank++;
      else if (current != NULL && *line == '#' && line[1] != '#' && line[1] != ' '
               && current->note == NULL)
        _gloss_import_add_label (current->tags, line + 1);
      else if (current != NULL)
        {
          if (current->note != NULL && blank > 0)
            append_line (&current->note, "");
          append_line (&current->note, line);
          blank = 0;
        }
    }
}

static char *
part_text (GHashTable *parts,
           const char *folder,
           const char *slug,
           const char *suffix)
{
  g_autofree char *name = g_strconcat (folder, "/", slug, suffix, NULL);
  GBytes *bytes = g_hash_table_lookup (parts, name);
  gsize length;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return g_utf8_make_valid (data, length);
}

static void
add_omnivore_labels (GlossImportEntry *entry,
                     JsonObject       *article)
{
  JsonNode *labels = json_object_get_member (article, "labels");

  if (labels == NULL || !JSON_NODE_HOLDS_ARRAY (labels))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (labels)); i++)
    {
      JsonNode *label = json_array_get_element (json_node_get_array (labels), i);

      /* A plain name, or an object {name, color} in some exports. */
      if (JSON_NODE_HOLDS_VALUE (label) && json_node_get_value_type (label) == G_TYPE_STRING)
        _gloss_import_add_tag (entry, json_node_get_string (label));
      else if (JSON_NODE_HOLDS_OBJECT (label))
        _gloss_import_add_tag (entry, _gloss_json_string_or (json_node_get_object (label),
                                                              "name", NULL));
    }
}

static void
add_omnivore_article (GlossImportReader *reader,
                      GHashTable        *parts,
                      JsonObject        *article)
{
  GlossImportEntry *entry = gloss_import_entry_new ();
  const char *slug = _gloss_json_string_or (article, "slug", NULL);
  JsonNode *progress = json_object_get_member (article, "readingProgress");
  g_autofree char *highlights = NULL;

  entry->url = g_strdup (_gloss_json_string_or (article, "url", NULL));
  entry->title = g_strdup (_gloss_json_string_or (article, "title", NULL));
  entry->author = g_strdup (_gloss_json_string_or (article, "author", NULL));
  entry->saved = _gloss_import_json_date (article, "savedAt");
  entry->published = _gloss_import_json_date (article, "publishedAt");
  entry->archived = g_strcmp0 (_gloss_json_string_or (article, "state", NULL), "ARCHIVED") == 0;
  if (progress != NULL && JSON_NODE_HOLDS_VALUE (progress)
      && json_node_get_value_type (progress) != G_TYPE_STRING)
    entry->progress = CLAMP (json_node_get_double (progress) / 100, 0, 1);
  add_omnivore_labels (entry, article);
  /* A slug with a "/" would reach into another folder of the zip. */
  if (slug != NULL && strchr (slug, '/') == NULL)
    {
      entry->content = part_text (parts, "content", slug, ".html");
      if ((highlights = part_text (parts, "highlights", slug, ".md")) != NULL)
        parse_highlights (entry, highlights);
    }
  _gloss_import_add (reader, entry, 0);
}

gboolean
_gloss_import_read_omnivore_zip (GlossImportReader *reader,
                                 GHashTable        *parts,
                                 GError           **error)
{
  g_autoptr(GPtrArray) names = find_parts (parts, "metadata_", ".json");

  if (names->len == 0)
    return FALSE;
  reader->file->format = GLOSS_IMPORT_OMNIVORE;
  return read_object_lists (reader, parts, names, add_omnivore_article, error);
}
