/* gloss-import-tables.c — the exports that are one CSV: Pocket's parts,
 * Instapaper, Readwise (highlights, and Reader's library) and Raindrop
 *
 * Each is known by the names in its header row, and read by them.
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

typedef void (*RowFunc) (GlossImportReader *reader,
                         GHashTable        *header,
                         GPtrArray         *row,
                         guint              line);

static const char * const pocket_columns[] = { "title", "url", "time_added", "status", NULL };
static const char * const instapaper_columns[] = { "url", "title", "selection", "folder", NULL };
static const char * const readwise_columns[] = { "highlight", "book title", NULL };
static const char * const reader_columns[] = { "title", "url", "document tags", "saved date", NULL };
static const char * const raindrop_columns[] = { "id", "title", "url", "folder", "tags", "created",
                                                 NULL };

static char *
copy_field (GHashTable *header,
            GPtrArray  *row,
            const char *name)
{
  const char *value = _gloss_csv_field (header, row, name);

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

/* A date column; one that does not read is a warning, not a lost row. */
static GDateTime *
date_field (GlossImportReader *reader,
            GHashTable        *header,
            GPtrArray         *row,
            const char        *name,
            guint              line)
{
  const char *value = _gloss_csv_field (header, row, name);
  GDateTime *date;

  if (value == NULL || *value == '\0')
    return NULL;
  if ((date = _gloss_import_parse_date (value)) == NULL)
    _gloss_import_problem (reader, line, FALSE, _("The date “%s” (%s) is not a date: left out"),
                           value, name);
  return date;
}

static GlossImportEntry *
entry_from_row (GHashTable *header,
                GPtrArray  *row,
                const char *url_column,
                const char *title_column)
{
  GlossImportEntry *entry = gloss_import_entry_new ();

  entry->url = copy_field (header, row, url_column);
  entry->title = copy_field (header, row, title_column);
  return entry;
}

static void
pocket_row (GlossImportReader *reader,
            GHashTable        *header,
            GPtrArray         *row,
            guint              line)
{
  GlossImportEntry *entry = entry_from_row (header, row, "url", "title");

  entry->saved = date_field (reader, header, row, "time_added", line);
  _gloss_import_add_tags (entry, _gloss_csv_field (header, row, "tags"), "|");
  entry->archived = g_strcmp0 (_gloss_csv_field (header, row, "status"), "archive") == 0;
  _gloss_import_add (reader, entry, line);
}

/* Instapaper's folders: three are states, any other is the user's own. */
static void
instapaper_folder (GlossImportEntry *entry,
                   const char       *folder)
{
  if (folder == NULL || *folder == '\0' || g_ascii_strcasecmp (folder, "Unread") == 0)
    return;
  if (g_ascii_strcasecmp (folder, "Archive") == 0)
    entry->archived = TRUE;
  else if (g_ascii_strcasecmp (folder, "Starred") == 0)
    entry->starred = TRUE;
  else
    _gloss_import_add_tag (entry, folder);
}

/* ["cloud","long read"], a JSON array in a field; or plain words. */
static void
add_json_tags (GlossImportEntry *entry,
               const char       *tags)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (tags == NULL || *tags == '\0')
    return;
  if (!_gloss_json_load_bounded (parser, tags, -1, NULL)
      || !JSON_NODE_HOLDS_ARRAY (root = json_parser_get_root (parser)))
    {
      _gloss_import_add_tags (entry, tags, ",");
      return;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      JsonNode *tag = json_array_get_element (json_node_get_array (root), i);

      if (JSON_NODE_HOLDS_VALUE (tag) && json_node_get_value_type (tag) == G_TYPE_STRING)
        _gloss_import_add_tag (entry, json_node_get_string (tag));
    }
}

static void
instapaper_row (GlossImportReader *reader,
                GHashTable        *header,
                GPtrArray         *row,
                guint              line)
{
  GlossImportEntry *entry = entry_from_row (header, row, "url", "title");
  const char *selection = _gloss_csv_field (header, row, "selection");

  entry->saved = date_field (reader, header, row, "timestamp", line);
  instapaper_folder (entry, _gloss_csv_field (header, row, "folder"));
  add_json_tags (entry, _gloss_csv_field (header, row, "tags"));
  if (selection != NULL && *g_strstrip ((char *) selection) != '\0')
    g_ptr_array_add (entry->highlights, gloss_import_highlight_new (selection));
  _gloss_import_add (reader, entry, line);
}

static void
add_labels (GPtrArray  *tags,
            const char *field)
{
  g_auto(GStrv) parts = field != NULL ? g_strsplit (field, ",", -1) : NULL;

  for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
    _gloss_import_add_label (tags, parts[i]);
}

/* One row, one highlight; the rows of one article share its title. */
static void
readwise_row (GlossImportReader *reader,
              GHashTable        *header,
              GPtrArray         *row,
              guint              line)
{
  GlossImportEntry *entry = entry_from_row (header, row, "url", "book title");
  const char *quote = _gloss_csv_field (header, row, "highlight");
  GlossImportHighlight *highlight;

  const char *book = _gloss_csv_field (header, row, "amazon book id");

  if (quote == NULL || *quote == '\0')
    {
      _gloss_import_problem (reader, line, TRUE, _("It has no highlight"));
      gloss_import_entry_free (entry);
      return;
    }
  /* Kindle's highlights are in the same file: Gloss keeps web articles. */
  if ((book != NULL && *book != '\0')
      || g_strcmp0 (_gloss_csv_field (header, row, "location type"), "location") == 0)
    {
      _gloss_import_problem (reader, line, TRUE, _("It is a highlight in a book, not in a web article"));
      gloss_import_entry_free (entry);
      return;
    }
  entry->author = copy_field (header, row, "book author");
  highlight = gloss_import_highlight_new (quote);
  highlight->note = copy_field (header, row, "note");
  highlight->color = _gloss_import_map_color (_gloss_csv_field (header, row, "color"));
  highlight->created = date_field (reader, header, row, "highlighted at", line);
  add_labels (highlight->tags, _gloss_csv_field (header, row, "tags"));
  g_ptr_array_add (entry->highlights, highlight);
  _gloss_import_add_tags (entry, _gloss_csv_field (header, row, "document tags"), ",");
  _gloss_import_add (reader, entry, line);
}

/* Reader writes its tags as a Python list: ['cloud', 'ai']. */
static void
add_python_tags (GlossImportEntry *entry,
                 const char       *tags)
{
  g_autofree char *inner = NULL;
  g_auto(GStrv) parts = NULL;

  if (tags == NULL)
    return;
  inner = g_strstrip (g_strdup (tags));
  if (*inner == '[' && inner[strlen (inner) - 1] == ']')
    {
      inner[strlen (inner) - 1] = '\0';
      memmove (inner, inner + 1, strlen (inner));
    }
  parts = g_strsplit (inner, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);
      gsize length = strlen (tag);

      if (length >= 2 && (*tag == '\'' || *tag == '"') && tag[length - 1] == *tag)
        {
          tag[length - 1] = '\0';
          tag++;
        }
      _gloss_import_add_tag (entry, tag);
    }
}

static void
reader_row (GlossImportReader *reader,
            GHashTable        *header,
            GPtrArray         *row,
            guint              line)
{
  GlossImportEntry *entry = entry_from_row (header, row, "url", "title");
  const char *progress = _gloss_csv_field (header, row, "reading progress");
  const char *location = _gloss_csv_field (header, row, "location");

  /* The feed holds what Reader's subscriptions brought, not what was saved. */
  if (g_strcmp0 (location, "feed") == 0)
    {
      _gloss_import_problem (reader, line, TRUE, _("It is in Reader’s feed: it was never saved"));
      gloss_import_entry_free (entry);
      return;
    }

  entry->saved = date_field (reader, header, row, "saved date", line);
  add_python_tags (entry, _gloss_csv_field (header, row, "document tags"));
  entry->archived = g_strcmp0 (location, "archive") == 0;
  if (progress != NULL && *progress != '\0')
    entry->progress = CLAMP (g_ascii_strtod (progress, NULL), 0, 1);
  _gloss_import_add (reader, entry, line);
}

/* Raindrop's highlights field: "Highlight:" lines, each with the lines that
 * follow it, and an optional "Note:" line. */
static void
add_raindrop_highlights (GlossImportEntry *entry,
                         const char       *field)
{
  g_auto(GStrv) lines = NULL;
  GlossImportHighlight *current = NULL;

  if (field == NULL)
    return;
  lines = g_strsplit (field, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strchomp (lines[i]);

      if (g_str_has_prefix (line, "Highlight:"))
        {
          current = gloss_import_highlight_new (g_strstrip (line + strlen ("Highlight:")));
          g_ptr_array_add (entry->highlights, current);
        }
      else if (current != NULL && g_str_has_prefix (line, "Note:"))
        current->note = g_strdup (g_strstrip (line + strlen ("Note:")));
      else if (current != NULL && current->note == NULL && *line != '\0')
        {
          char *longer = g_strconcat (current->quote, "\n", line, NULL);

          g_free (current->quote);
          current->quote = longer;
        }
    }
}

static void
raindrop_row (GlossImportReader *reader,
              GHashTable        *header,
              GPtrArray         *row,
              guint              line)
{
  GlossImportEntry *entry = entry_from_row (header, row, "url", "title");
  const char *folder = _gloss_csv_field (header, row, "folder");

  entry->saved = date_field (reader, header, row, "created", line);
  entry->note = copy_field (header, row, "note");
  /* "Unsorted" is where Raindrop puts what has no collection. */
  if (g_strcmp0 (folder, "Unsorted") != 0)
    _gloss_import_add_tag (entry, folder);
  _gloss_import_add_tags (entry, _gloss_csv_field (header, row, "tags"), ",");
  entry->starred = g_strcmp0 (_gloss_csv_field (header, row, "favorite"), "true") == 0;
  add_raindrop_highlights (entry, _gloss_csv_field (header, row, "highlights"));
  _gloss_import_add (reader, entry, line);
}

static const struct
{
  const char * const *columns;
  GlossImportFormat   format;
  RowFunc             row;
} tables[] = {
  /* Instapaper before Reader: Reader's columns do not include a selection. */
  { readwise_columns, GLOSS_IMPORT_READWISE, readwise_row },
  { instapaper_columns, GLOSS_IMPORT_INSTAPAPER, instapaper_row },
  { reader_columns, GLOSS_IMPORT_READWISE_READER, reader_row },
  { raindrop_columns, GLOSS_IMPORT_RAINDROP, raindrop_row },
  { pocket_columns, GLOSS_IMPORT_POCKET, pocket_row },
};

static gint
find_table (GHashTable *header)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (_gloss_csv_has (header, tables[i].columns))
      return i;
  return -1;
}

static gboolean
read_rows (GlossImportReader *reader,
           GlossCsv          *csv,
           GHashTable        *header,
           RowFunc            row_func,
           GError           **error)
{
  guint columns = g_hash_table_size (header);
  GPtrArray *row;
  guint line;

  while ((row = _gloss_csv_next (csv, &line, error)) != NULL)
    {
      if (row->len < columns)
        _gloss_import_problem (reader, line, TRUE,
                               ngettext ("It has %u field where the header names %u",
                                         "It has %u fields where the header names %u", row->len),
                               row->len, columns);
      else
        row_func (reader, header, row, line);
      g_ptr_array_unref (row);
    }
  return error == NULL || *error == NULL;
}

/* One CSV of any of the formats in tables; with @only, that one alone (the
 * parts of Pocket's zip). */
static gboolean
read_table (GlossImportReader *reader,
            const char        *data,
            gsize              length,
            gint               only,
            GError           **error)
{
  g_autoptr(GlossCsv) csv = _gloss_csv_new (data, length);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GHashTable) header = NULL;
  guint line;
  gint table;

  if (!g_utf8_validate_len (data, length, NULL))
    return FALSE;
  if ((names = _gloss_csv_next (csv, &line, NULL)) == NULL || names->len < 2)
    return FALSE;
  header = _gloss_csv_header_new (names);
  if ((table = find_table (header)) < 0 || (only >= 0 && table != only))
    return FALSE;
  reader->file->format = tables[table].format;
  return read_rows (reader, csv, header, tables[table].row, error);
}

gboolean
_gloss_import_read_csv (GlossImportReader *reader,
                        const char        *data,
                        gsize              length,
                        GError           **error)
{
  return read_table (reader, data, length, -1, error);
}

/* A part_000000.csv of Pocket's zip; FALSE (with no error) when the part
 * is something else. */
gboolean
_gloss_import_read_pocket_part (GlossImportReader *reader,
                                GBytes            *bytes,
                                GError           **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return read_table (reader, data, length, G_N_ELEMENTS (tables) - 1, error);
}
