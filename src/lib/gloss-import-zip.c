/* gloss-import-zip.c — the parts of a zipped export, read into memory
 *
 * A zip from elsewhere may claim any size, hold a part that unpacks to
 * gigabytes, or name parts "../../.bashrc". Nothing of it is written to
 * disk; parts are kept in memory up to a bound each and in all.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>

#include "gloss-import-private.h"

#define READ_BLOCK (64 * 1024)

gboolean
_gloss_import_is_zip (const char *data,
                      gsize       length)
{
  return length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0;
}

static void
archive_error (struct archive  *zip,
               GError         **error)
{
  g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_UNREADABLE,
               _("The zip can not be read: %s"),
               archive_error_string (zip) != NULL ? archive_error_string (zip) : _("it is broken"));
}

/* A name that stays inside the zip, "/" separated, without "./". */
static char *
clean_name (const char *name)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  if (name == NULL || *name == '/' || !g_utf8_validate (name, -1, NULL))
    return NULL;
  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (strcmp (parts[i], "..") == 0)
        return NULL;
      if (*parts[i] != '\0' && strcmp (parts[i], ".") != 0)
        g_ptr_array_add (kept, parts[i]);
    }
  g_ptr_array_add (kept, NULL);
  return g_strjoinv ("/", (char **) kept->pdata);
}

static GBytes *
read_part (struct archive  *zip,
           const char      *name,
           guint64         *total,
           GError         **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 block[READ_BLOCK];
  la_ssize_t n;

  while ((n = archive_read_data (zip, block, sizeof block)) > 0)
    {
      *total += n;
      if (bytes->len + n > GLOSS_IMPORT_MAX_PART || *total > GLOSS_IMPORT_MAX_ZIP)
        {
          g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_TOO_LARGE,
                       _("“%s” in the zip unpacks to more than any export holds"), name);
          return NULL;
        }
      g_byte_array_append (bytes, block, n);
    }
  if (n < 0)
    {
      archive_error (zip, error);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static gboolean
read_parts (struct archive  *zip,
            GHashTable      *parts,
            GError         **error)
{
  struct archive_entry *entry;
  guint64 total = 0;
  int status;

  while ((status = archive_read_next_header (zip, &entry)) == ARCHIVE_OK)
    {
      g_autofree char *name = clean_name (archive_entry_pathname_utf8 (entry) != NULL
                                          ? archive_entry_pathname_utf8 (entry)
                                          : archive_entry_pathname (entry));
      GBytes *bytes;

      if (archive_entry_filetype (entry) != AE_IFREG)
        continue;
      if (name == NULL)
        {
          g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_MALFORMED,
                       _("The zip holds a part named “%s”, outside of the zip"),
                       archive_entry_pathname (entry));
          return FALSE;
        }
      if ((bytes = read_part (zip, name, &total, error)) == NULL)
        return FALSE;
      g_hash_table_replace (parts, g_steal_pointer (&name), bytes);
    }
  if (status != ARCHIVE_EOF)
    {
      archive_error (zip, error);
      return FALSE;
    }
  return TRUE;
}

GHashTable *
_gloss_import_unzip (const char  *data,
                     gsize        length,
                     GError     **error)
{
  struct archive *zip = archive_read_new ();
  g_autoptr(GHashTable) parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_bytes_unref);
  gboolean read;

  archive_read_support_format_zip (zip);
  if (archive_read_open_memory (zip, data, length) != ARCHIVE_OK)
    {
      archive_error (zip, error);
      archive_read_free (zip);
      return NULL;
    }
  read = read_parts (zip, parts, error);
  archive_read_free (zip);
  return read ? g_steal_pointer (&parts) : NULL;
}
