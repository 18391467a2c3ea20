/* gloss-import-csv.c — CSV as the services export it
 *
 * One record at a time, so that a 10,000-row export is never held twice,
 * and with the physical line each record starts on: a quoted field may
 * hold newlines, and "line 12" must be the line a text editor shows.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gloss-import-private.h"

struct _GlossCsv
{
  const char *at;
  const char *end;
  guint       line;   /* of at */
};

GlossCsv *
_gloss_csv_new (const char *data,
                gsize       length)
{
  GlossCsv *csv = g_new0 (GlossCsv, 1);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  csv->at = data;
  csv->end = data + length;
  csv->line = 1;
  return csv;
}

void
_gloss_csv_free (GlossCsv *csv)
{
  g_free (csv);
}

/* Past a line end at csv->at (LF, CRLF or a lone CR); FALSE when none is there. */
static gboolean
skip_line_end (GlossCsv *csv)
{
  if (csv->at < csv->end && *csv->at == '\r')
    {
      csv->at++;
      if (csv->at < csv->end && *csv->at == '\n')
        csv->at++;
      csv->line++;
      return TRUE;
    }
  if (csv->at < csv->end && *csv->at == '\n')
    {
      csv->at++;
      csv->line++;
      return TRUE;
    }
  return FALSE;
}

/* A "…" field: csv->at is past its opening quote. What follows the
 * closing quote up to the separator is kept, as spreadsheets do. */
static char *
read_quoted (GlossCsv  *csv,
             guint      started,
             GError   **error)
{
  GString *field = g_string_new (NULL);

  for (;;)
    {
      if (csv->at >= csv->end)
        {
          g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_MALFORMED,
                       _("The quoted field that starts on line %u is never closed"), started);
          g_string_free (field, TRUE);
          return NULL;
        }
      if (*csv->at == '"')
        {
          csv->at++;
          if (csv->at < csv->end && *csv->at == '"')
            {
              g_string_append_c (field, '"');
              csv->at++;
              continue;
            }
          break;
        }
      if (*csv->at == '\n' || (*csv->at == '\r' && (csv->at + 1 >= csv->end || csv->at[1] != '\n')))
        csv->line++;
      g_string_append_c (field, *csv->at++);
    }
  while (csv->at < csv->end && *csv->at != ',' && *csv->at != '\n' && *csv->at != '\r')
    g_string_append_c (field, *csv->at++);
  return g_string_free (field, FALSE);
}

static char *
read_plain (GlossCsv *csv)
{
  const char *start = csv->at;

  while (csv->at < csv->end && *csv->at != ',' && *csv->at != '\n' && *csv->at != '\r')
    csv->at++;
  return g_strndup (start, csv->at - start);
}

GPtrArray *
_gloss_csv_next (GlossCsv  *csv,
                 guint     *line,
                 GError   **error)
{
  g_autoptr(GPtrArray) record = NULL;

  /* Blank lines between records are no records. */
  while (skip_line_end (csv))
    ;
  if (csv->at >= csv->end)
    return NULL;
  *line = csv->line;
  record = g_ptr_array_new_with_free_func (g_free);
  for (;;)
    {
      char *field;

      if (*csv->at == '"')
        {
          csv->at++;
          if ((field = read_quoted (csv, *line, error)) == NULL)
            return NULL;
        }
      else
        field = read_plain (csv);
      g_ptr_array_add (record, field);
      if (csv->at < csv->end && *csv->at == ',')
        {
          csv->at++;
          if (csv->at >= csv->end || *csv->at == '\n' || *csv->at == '\r')
            g_ptr_array_add (record, g_strdup (""));
          else
            continue;
        }
      skip_line_end (csv);
      return g_steal_pointer (&record);
    }
}

GHashTable *
_gloss_csv_header_new (GPtrArray *names)
{
  GHashTable *header = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (names->pdata[i]));
      char *name = g_utf8_strdown (trimmed, -1);

      /* The first of two columns of one name wins. */
      if (g_hash_table_contains (header, name))
        g_free (name);
      else
        g_hash_table_insert (header, name, GUINT_TO_POINTER (i + 1));
    }
  return header;
}

const char *
_gloss_csv_field (GHashTable *header,
                  GPtrArray  *record,
                  const char *name)
{
  guint column = GPOINTER_TO_UINT (g_hash_table_lookup (header, name));

  if (column == 0 || column > record->len)
    return NULL;
  return record->pdata[column - 1];
}

gboolean
_gloss_csv_has (GHashTable         *header,
                const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (!g_hash_table_contains (header, names[i]))
      return FALSE;
  return TRUE;
}
