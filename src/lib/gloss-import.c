/* gloss-import.c — what other services export, read into entries: one per
 * article, with its tags, states and highlights
 *
 * The format is found from the file itself, never from its name: a zip's
 * parts, a CSV's header names, a JSON document's keys, an HTML file's
 * doctype. Columns are read by name, so that a service adding or moving one
 * does not shift every value. A row that can not be used is left out with
 * its line and the reason; the rest is read.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gloss-annotation.h"
#include "gloss-import-private.h"
#include "gloss-json-private.h"
#include "gloss-utils-private.h"

G_DEFINE_QUARK (gloss-import-error-quark, gloss_import_error)

static const struct
{
  const char *id;
  const char *name;
} formats[] = {
  [GLOSS_IMPORT_POCKET] = { "pocket", N_("Pocket") },
  [GLOSS_IMPORT_POCKET_HTML] = { "pocket-html", N_("Pocket (before 2024)") },
  [GLOSS_IMPORT_OMNIVORE] = { "omnivore", N_("Omnivore") },
  [GLOSS_IMPORT_WALLABAG] = { "wallabag", N_("Wallabag") },
  [GLOSS_IMPORT_INSTAPAPER] = { "instapaper", N_("Instapaper") },
  [GLOSS_IMPORT_READWISE] = { "readwise", N_("Readwise highlights") },
  [GLOSS_IMPORT_READWISE_READER] = { "readwise-reader", N_("Readwise Reader") },
  [GLOSS_IMPORT_RAINDROP] = { "raindrop", N_("Raindrop") },
  [GLOSS_IMPORT_NETSCAPE] = { "netscape", N_("Bookmarks") },
};

const char *
gloss_import_format_to_string (GlossImportFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (formats), NULL);
  return formats[format].id;
}

const char *
gloss_import_format_get_name (GlossImportFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (formats), NULL);
  return _(formats[format].name);
}

/* Entries */

GlossImportHighlight *
gloss_import_highlight_new (const char *quote)
{
  GlossImportHighlight *highlight = g_new0 (GlossImportHighlight, 1);

  highlight->quote = g_strdup (quote);
  highlight->tags = g_ptr_array_new_with_free_func (g_free);
  highlight->offset = -1;
  return highlight;
}

void
gloss_import_highlight_free (GlossImportHighlight *highlight)
{
  if (highlight == NULL)
    return;
  g_free (highlight->quote);
  g_free (highlight->note);
  g_free (highlight->color);
  g_clear_pointer (&highlight->created, g_date_time_unref);
  g_ptr_array_unref (highlight->tags);
  g_free (highlight->xpath);
  g_free (highlight->prefix);
  g_free (highlight->suffix);
  g_free (highlight);
}

GlossImportEntry *
gloss_import_entry_new (void)
{
  GlossImportEntry *entry = g_new0 (GlossImportEntry, 1);

  entry->tags = g_ptr_array_new_with_free_func (g_free);
  entry->highlights = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_import_highlight_free);
  entry->progress = -1;
  return entry;
}

void
gloss_import_entry_free (GlossImportEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->url);
  g_free (entry->title);
  g_free (entry->author);
  g_free (entry->content);
  g_free (entry->note);
  g_ptr_array_unref (entry->tags);
  g_clear_pointer (&entry->saved, g_date_time_unref);
  g_clear_pointer (&entry->published, g_date_time_unref);
  g_ptr_array_unref (entry->highlights);
  g_free (entry->origin);
  g_free (entry);
}

static gboolean
has_highlight (GlossImportEntry     *entry,
               GlossImportHighlight *highlight)
{
  for (guint i = 0; i < entry->highlights->len; i++)
    {
      GlossImportHighlight *mine = entry->highlights->pdata[i];

      if (g_strcmp0 (mine->quote, highlight->quote) == 0
          && g_strcmp0 (mine->note, highlight->note) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
take_string (char **mine,
             char **theirs)
{
  if (*mine == NULL || **mine == '\0')
    {
      g_free (*mine);
      *mine = g_steal_pointer (theirs);
    }
}

static void
take_date (GDateTime **mine,
           GDateTime **theirs,
           gboolean    earliest)
{
  if (*theirs == NULL)
    return;
  if (*mine == NULL || (earliest && g_date_time_compare (*theirs, *mine) < 0))
    {
      g_clear_pointer (mine, g_date_time_unref);
      *mine = g_steal_pointer (theirs);
    }
}

/* The same article from two rows or two files: what either says is kept,
 * the first's where both say something, and the earliest saved date. */
void
gloss_import_entry_merge (GlossImportEntry *entry,
                          GlossImportEntry *other)
{
  g_return_if_fail (entry != NULL && other != NULL);

  take_string (&entry->url, &other->url);
  take_string (&entry->title, &other->title);
  take_string (&entry->author, &other->author);
  take_string (&entry->content, &other->content);
  take_string (&entry->note, &other->note);
  take_date (&entry->saved, &other->saved, TRUE);
  take_date (&entry->published, &other->published, FALSE);
  for (guint i = 0; i < other->tags->len; i++)
    _gloss_import_add_tag (entry, other->tags->pdata[i]);
  entry->archived |= other->archived;
  entry->starred |= other->starred;
  entry->progress = MAX (entry->progress, other->progress);
  while (other->highlights->len > 0)
    {
      GlossImportHighlight *highlight = g_ptr_array_steal_index (other->highlights, 0);

      if (has_highlight (entry, highlight))
        gloss_import_highlight_free (highlight);
      else
        g_ptr_array_add (entry->highlights, highlight);
    }
}

void
_gloss_import_add_tag (GlossImportEntry *entry,
                       const char       *tag)
{
  _gloss_import_add_label (entry->tags, tag);
}

void
_gloss_import_add_label (GPtrArray  *tags,
                         const char *tag)
{
  g_autofree char *trimmed = NULL;

  if (tag == NULL)
    return;
  trimmed = g_strstrip (g_strdup (tag));
  if (*trimmed == '\0' || !g_utf8_validate (trimmed, -1, NULL))
    return;
  for (guint i = 0; i < tags->len; i++)
    if (g_strcmp0 (tags->pdata[i], trimmed) == 0)
      return;
  g_ptr_array_add (tags, g_steal_pointer (&trimmed));
}

void
_gloss_import_add_tags (GlossImportEntry *entry,
                        const char       *tags,
                        const char       *separators)
{
  g_auto(GStrv) parts = NULL;

  if (tags == NULL)
    return;
  parts = g_strsplit_set (tags, separators, -1);
  for (guint i = 0; parts[i] != NULL; i++)
    _gloss_import_add_tag (entry, parts[i]);
}

/* Values */

static gboolean
all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c))
      return FALSE;
  return TRUE;
}

/* ISO 8601 as the services write it ("2024-03-05T10:11:12.000Z",
 * "2019-03-04T12:30:00+0200", "2023-11-02 08:15:00+00:00", "2024-03-05"),
 * or Unix seconds; without a zone, UTC. NULL when it is none of these. */
GDateTime *
_gloss_import_parse_date (const char *text)
{
  g_autofree char *copy = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *date;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return NULL;
  if (all_digits (copy))
    {
      gint64 seconds = g_ascii_strtoll (copy, NULL, 10);

      /* Milliseconds, as some exports write them. */
      if (strlen (copy) >= 13)
        seconds /= 1000;
      return g_date_time_new_from_unix_utc (seconds);
    }
  if (strlen (copy) == 10 && copy[4] == '-' && copy[7] == '-')
    {
      g_autofree char *midnight = g_strconcat (copy, "T00:00:00Z", NULL);
      date = g_date_time_new_from_iso8601 (midnight, utc);
    }
  else
    {
      if (strlen (copy) > 10 && copy[10] == ' ')
        copy[10] = 'T';
      date = g_date_time_new_from_iso8601 (copy, utc);
    }
  if (date == NULL)
    return NULL;
  {
    GDateTime *in_utc = g_date_time_to_utc (date);

    g_date_time_unref (date);
    return in_utc;
  }
}

/* A date member: a string as _gloss_import_parse_date () reads, or a number
 * of Unix seconds. */
GDateTime *
_gloss_import_json_date (JsonObject *object,
                         const char *member)
{
  gint64 seconds = _gloss_json_int_or (object, member, -1);

  if (seconds >= 0)
    return g_date_time_new_from_unix_utc (seconds);
  return _gloss_import_parse_date (_gloss_json_string_or (object, member, NULL));
}

/* The five colours of Gloss, from the names and hues other apps use. */
char *
_gloss_import_map_color (const char *color)
{
  static const struct { const char *from; const char *to; } map[] = {
    { "orange", "yellow" }, { "red", "pink" }, { "magenta", "pink" }, { "violet", "purple" },
    { "cyan", "blue" }, { "teal", "green" },
  };
  g_autofree char *lower = NULL;

  if (color == NULL || *color == '\0')
    return NULL;
  lower = g_ascii_strdown (g_strstrip (g_strdup (color)), -1);
  if (gloss_annotation_is_color (lower))
    return g_steal_pointer (&lower);
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (strcmp (lower, map[i].from) == 0)
      return g_strdup (map[i].to);
  return NULL;
}

char *
_gloss_import_collapse_spaces (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *c = text != NULL ? text : ""; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);

      if (g_unichar_isspace (u) || u == 0x00A0)
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, u);
        }
    }
  return g_string_free (out, FALSE);
}

/* Tallies */

GlossImportTally *
gloss_import_tally_new (void)
{
  GlossImportTally *tally = g_new0 (GlossImportTally, 1);

  tally->orphans = g_ptr_array_new_with_free_func (g_free);
  tally->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) _gloss_import_problem_free);
  return tally;
}

void
gloss_import_tally_free (GlossImportTally *tally)
{
  if (tally == NULL)
    return;
  g_ptr_array_unref (tally->orphans);
  g_ptr_array_unref (tally->problems);
  g_free (tally);
}

void
gloss_import_tally_add (GlossImportTally *into,
                         GlossImportTally *from)
{
  into->added += from->added;
  into->queued += from->queued;
  into->merged += from->merged;
  into->unchanged += from->unchanged;
  into->highlights += from->highlights;
  into->anchored += from->anchored;
  into->orphaned += from->orphaned;
  into->failed += from->failed;
  while (from->orphans->len > 0)
    g_ptr_array_add (into->orphans, g_ptr_array_steal_index (from->orphans, 0));
  while (from->problems->len > 0)
    g_ptr_array_add (into->problems, g_ptr_array_steal_index (from->problems, 0));
}

/* The reader */

char *
_gloss_import_origin (GlossImportReader *reader,
                      guint              line)
{
  if (line == 0)
    return g_strdup (reader->name);
  /* In JSON, the entry's place in the list: its lines say little. */
  if (reader->by_entry)
    return g_strdup_printf (_("%s, entry %u"), reader->name, line);
  return g_strdup_printf ("%s:%u", reader->name, line);
}

void
_gloss_import_problem (GlossImportReader *reader,
                       guint              line,
                       gboolean           skipped,
                       const char        *format,
                       ...)
{
  GlossImportProblem *problem = g_new0 (GlossImportProblem, 1);
  va_list args;

  va_start (args, format);
  problem->reason = g_strdup_vprintf (format, args);
  va_end (args);
  problem->origin = _gloss_import_origin (reader, line);
  problem->skipped = skipped;
  g_ptr_array_add (reader->file->problems, problem);
}

void
_gloss_import_problem_free (GlossImportProblem *problem)
{
  g_free (problem->origin);
  g_free (problem->reason);
  g_free (problem);
}

GlossImportEntry *
_gloss_import_find (GlossImportReader *reader,
                    const char        *url)
{
  return url != NULL ? g_hash_table_lookup (reader->by_url, url) : NULL;
}

/* A URL as the export wrote it, trimmed; NULL with a problem when it is
 * not a web address (a bookmarklet, "place:", a typo). */
static gboolean
check_url (GlossImportReader *reader,
           GlossImportEntry  *entry,
           guint              line)
{
  g_autoptr(GUri) uri = NULL;

  if (entry->url != NULL)
    g_strstrip (entry->url);
  if (entry->url == NULL || *entry->url == '\0')
    {
      /* Readwise's highlights name their article by title alone. */
      if (reader->file->format == GLOSS_IMPORT_READWISE && entry->title != NULL)
        return TRUE;
      _gloss_import_problem (reader, line, TRUE, _("It has no web address"));
      return FALSE;
    }
  uri = g_uri_parse (entry->url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || !_gloss_is_web_url (entry->url) || g_uri_get_host (uri) == NULL
      || *g_uri_get_host (uri) == '\0')
    {
      _gloss_import_problem (reader, line, TRUE, _("“%s” is not a web address Gloss can clip"),
                             entry->url);
      return FALSE;
    }
  return TRUE;
}

void
_gloss_import_add (GlossImportReader *reader,
                   GlossImportEntry  *entry,
                   guint              line)
{
  GlossImportEntry *same;
  const char *key;

  if (!check_url (reader, entry, line))
    {
      gloss_import_entry_free (entry);
      return;
    }
  key = entry->url != NULL ? entry->url : entry->title;
  if ((same = g_hash_table_lookup (reader->by_url, key)) != NULL)
    {
      /* Pocket's highlights name their article again: that is no duplicate. */
      if (line > 0)
        _gloss_import_problem (reader, line, FALSE,
                               _("The same article as %s: merged with it"), same->origin);
      gloss_import_entry_merge (same, entry);
      gloss_import_entry_free (entry);
      return;
    }
  entry->origin = _gloss_import_origin (reader, line);
  entry->format = reader->file->format;
  g_hash_table_insert (reader->by_url, g_strdup (key), entry);
  g_ptr_array_add (reader->file->entries, entry);
}

/* The file */

void
gloss_import_file_free (GlossImportFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_ptr_array_unref (file->entries);
  g_ptr_array_unref (file->problems);
  g_free (file);
}

static gboolean
read_zip (GlossImportReader *reader,
          const char        *data,
          gsize              length,
          GError           **error)
{
  g_autoptr(GHashTable) parts = _gloss_import_unzip (data, length, error);

  if (parts == NULL)
    return FALSE;
  if (_gloss_import_read_pocket_zip (reader, parts, error)
      || _gloss_import_read_omnivore_zip (reader, parts, error))
    return TRUE;
  if (error == NULL || *error == NULL)
    g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_UNKNOWN_FORMAT,
                 _("It is a zip, but not an export of Pocket or Omnivore: it has neither "
                   "part_000000.csv nor metadata_*.json"));
  return FALSE;
}

static gboolean
read_text (GlossImportReader *reader,
           const char        *data,
           gsize              length,
           GError           **error)
{
  static const GlossImportSniff readers[] = {
    _gloss_import_read_wallabag, _gloss_import_read_html, _gloss_import_read_csv,
  };

  if (length == 0)
    {
      g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_UNKNOWN_FORMAT,
                   _("The file is empty"));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    if (readers[i] (reader, data, length, error))
      return TRUE;
    else if (*error != NULL)
      return FALSE;
  g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_UNKNOWN_FORMAT,
               _("It is none of the exports Gloss reads (Pocket, Omnivore, Wallabag, Instapaper, "
                 "Readwise, Raindrop, bookmarks)"));
  return FALSE;
}

static GMappedFile *
map_file (const char  *path,
          GError     **error)
{
  GStatBuf info;

  if (g_stat (path, &info) != 0)
    {
      int saved = errno;

      g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_UNREADABLE, "%s",
                   g_strerror (saved));
      return NULL;
    }
  if (!S_ISREG (info.st_mode))
    {
      g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_UNREADABLE,
                   _("It is not a file"));
      return NULL;
    }
  if ((guint64) info.st_size > GLOSS_IMPORT_MAX_FILE)
    {
      g_autofree char *size = g_format_size (info.st_size);

      g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_TOO_LARGE,
                   _("It is %s, more than any export Gloss reads"), size);
      return NULL;
    }
  return g_mapped_file_new (path, FALSE, error);
}

GlossImportFile *
_gloss_import_read_data (const char  *path,
                         const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(GlossImportFile) file = g_new0 (GlossImportFile, 1);
  g_autoptr(GHashTable) by_url = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *name = g_path_get_basename (path);
  GlossImportReader reader = { file, name, by_url };
  g_autoptr(GError) local = NULL;
  gboolean read;

  file->path = g_strdup (path);
  file->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_import_entry_free);
  file->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) _gloss_import_problem_free);
  /* The readers look at the error they are given: never NULL, whatever the caller passed. */
  if (_gloss_import_is_zip (data, length))
    read = read_zip (&reader, data, length, &local);
  else
    read = read_text (&reader, data, length, &local);
  if (!read)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&file);
}

/* Reads @path, whatever export it is. The error names no file: the caller
 * puts it with the file's name. */
GlossImportFile *
gloss_import_read (const char    *path,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GMappedFile) mapped = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if ((mapped = map_file (path, error)) == NULL
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return _gloss_import_read_data (path, g_mapped_file_get_contents (mapped),
                                  g_mapped_file_get_length (mapped), error);
}

/* Entries as JSON: what `gloss import --json` prints and the queue keeps */

static void
set_string (JsonObject *object,
            const char *member,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static void
set_date (JsonObject *object,
          const char *member,
          GDateTime  *date)
{
  g_autofree char *text = date != NULL ? g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ") : NULL;

  set_string (object, member, text);
}

static JsonArray *
strings_to_json (GPtrArray *strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < strings->len; i++)
    json_array_add_string_element (array, strings->pdata[i]);
  return array;
}

static JsonObject *
highlight_to_json (GlossImportHighlight *highlight)
{
  JsonObject *object = json_object_new ();

  set_string (object, "quote", highlight->quote);
  set_string (object, "note", highlight->note);
  set_string (object, "color", highlight->color);
  set_date (object, "created", highlight->created);
  json_object_set_array_member (object, "tags", strings_to_json (highlight->tags));
  return object;
}

/* Everything but the article's text (the queue only holds web addresses). */
JsonObject *
gloss_import_entry_to_json (GlossImportEntry *entry)
{
  JsonObject *object = json_object_new ();
  JsonArray *highlights = json_array_new ();

  set_string (object, "url", entry->url);
  set_string (object, "title", entry->title);
  set_string (object, "author", entry->author);
  json_object_set_array_member (object, "tags", strings_to_json (entry->tags));
  set_date (object, "saved", entry->saved);
  set_date (object, "published", entry->published);
  json_object_set_boolean_member (object, "archived", entry->archived);
  json_object_set_boolean_member (object, "starred", entry->starred);
  if (entry->progress >= 0)
    json_object_set_double_member (object, "progress", entry->progress);
  else
    json_object_set_null_member (object, "progress");
  json_object_set_boolean_member (object, "content", entry->content != NULL);
  set_string (object, "note", entry->note);
  for (guint i = 0; i < entry->highlights->len; i++)
    json_array_add_object_element (highlights, highlight_to_json (entry->highlights->pdata[i]));
  json_object_set_array_member (object, "highlights", highlights);
  set_string (object, "from", entry->origin);
  return object;
}

static char *
dup_member (JsonObject *object,
            const char *member)
{
  const char *value = _gloss_json_string_or (object, member, NULL);

  return value != NULL ? g_strdup (value) : NULL;
}

static void
read_strings (JsonObject *object,
              const char *member,
              GPtrArray  *into)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (node), i);

      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
        _gloss_import_add_label (into, json_node_get_string (item));
    }
}

static GlossImportHighlight *
highlight_from_json (JsonObject *object)
{
  const char *quote = _gloss_json_string_or (object, "quote", NULL);
  GlossImportHighlight *highlight;

  if (quote == NULL)
    return NULL;
  highlight = gloss_import_highlight_new (quote);
  highlight->note = dup_member (object, "note");
  highlight->color = _gloss_import_map_color (_gloss_json_string_or (object, "color", NULL));
  highlight->created = _gloss_import_parse_date (_gloss_json_string_or (object, "created", NULL));
  read_strings (object, "tags", highlight->tags);
  return highlight;
}

/* An entry gloss_import_entry_to_json () wrote; NULL when @object has no url. */
GlossImportEntry *
gloss_import_entry_from_json (JsonObject *object)
{
  g_autoptr(GlossImportEntry) entry = gloss_import_entry_new ();
  JsonNode *progress = json_object_get_member (object, "progress");
  JsonNode *highlights = json_object_get_member (object, "highlights");

  if ((entry->url = dup_member (object, "url")) == NULL)
    return NULL;
  entry->title = dup_member (object, "title");
  entry->author = dup_member (object, "author");
  read_strings (object, "tags", entry->tags);
  entry->saved = _gloss_import_parse_date (_gloss_json_string_or (object, "saved", NULL));
  entry->published = _gloss_import_parse_date (_gloss_json_string_or (object, "published", NULL));
  entry->archived = _gloss_json_boolean_or (object, "archived", FALSE);
  entry->starred = _gloss_json_boolean_or (object, "starred", FALSE);
  if (progress != NULL && JSON_NODE_HOLDS_VALUE (progress)
      && json_node_get_value_type (progress) == G_TYPE_DOUBLE)
    entry->progress = CLAMP (json_node_get_double (progress), 0, 1);
  entry->note = dup_member (object, "note");
  entry->origin = dup_member (object, "from");
  if (highlights != NULL && JSON_NODE_HOLDS_ARRAY (highlights))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (highlights)); i++)
      {
        JsonNode *item = json_array_get_element (json_node_get_array (highlights), i);
        GlossImportHighlight *highlight;

        if (JSON_NODE_HOLDS_OBJECT (item)
            && (highlight = highlight_from_json (json_node_get_object (item))) != NULL)
          g_ptr_array_add (entry->highlights, highlight);
      }
  return g_steal_pointer (&entry);
}
