/* gloss-spool.c — a clip's pictures, fonts and media kept on disk until the
 * archive is written
 *
 * A page of 40 pictures of 12 MB once held each picture, its base64 and the
 * archive all in memory, 4 GiB in all. Here a picture goes from the network
 * to a file, and from the file to the archive 48 KiB at a time.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gloss-spool-private.h"

#define CHUNK (48 * 1024)  /* a multiple of 3: base64 of each chunk stands alone */

typedef struct
{
  char    *path;
  char    *mime_type;  /* NULL until downloaded */
  guint64  size;
} Entry;

struct _GlossSpool
{
  char   *dir;
  char   *prefix;      /* "gloss-spool-<random>-": never in a page by chance */
  GArray *entries;     /* of Entry */
};

static void
entry_clear (Entry *entry)
{
  if (entry->path != NULL)
    g_unlink (entry->path);
  g_free (entry->path);
  g_free (entry->mime_type);
}

GlossSpool *
_gloss_spool_new (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  GlossSpool *self;
  char *dir;

  if ((dir = g_dir_make_tmp ("gloss-spool-XXXXXX", &local_error)) == NULL)
    {
      g_set_error (error, G_FILE_ERROR, local_error->code,
                   _("Could not make a folder for the pictures being downloaded: %s"),
                   local_error->message);
      return NULL;
    }
  self = g_new0 (GlossSpool, 1);
  self->dir = dir;
  self->prefix = g_strdup_printf ("gloss-spool-%08x%08x-", g_random_int (), g_random_int ());
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) entry_clear);
  return self;
}

void
_gloss_spool_free (GlossSpool *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->entries);
  g_rmdir (self->dir);
  g_free (self->dir);
  g_free (self->prefix);
  g_free (self);
}

guint
_gloss_spool_add (GlossSpool *self)
{
  Entry entry = { NULL, NULL, 0 };

  entry.path = g_strdup_printf ("%s/%u", self->dir, self->entries->len);
  g_array_append_val (self->entries, entry);
  return self->entries->len - 1;
}

static Entry *
get_entry (GlossSpool *self,
           guint       index)
{
  g_assert (index < self->entries->len);
  return &g_array_index (self->entries, Entry, index);
}

const char *
_gloss_spool_get_path (GlossSpool *self,
                       guint       index)
{
  return get_entry (self, index)->path;
}

/* The MIME type goes into the archive as it is: only a plain one will do. */
static gboolean
is_plain_mime_type (const char *mime_type)
{
  const char *slash = strchr (mime_type, '/');

  if (slash == NULL || slash == mime_type || slash[1] == '\0')
    return FALSE;
  for (const char *p = mime_type; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("/+-._", *p) == NULL)
      return FALSE;
  return TRUE;
}

/* What an archive embeds, as data: URIs: pictures, fonts and media only. A
 * data:text/html or data:application/xhtml+xml would be a page of its own,
 * with scripts, when opened. Old font types get their font/ name. */
static const char * const embedded_types[] = {
  "image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp",
  "image/svg+xml", "image/x-icon", "image/vnd.microsoft.icon", "image/apng", "image/jxl",
  "font/woff", "font/woff2", "font/ttf", "font/otf", "font/sfnt", "font/collection",
  "audio/mpeg", "audio/ogg", "audio/wav", "audio/webm", "audio/mp4", "audio/aac", "audio/flac",
  "video/mp4", "video/webm", "video/ogg", NULL
};

static const struct { const char *old; const char *font; } font_aliases[] = {
  { "application/font-woff", "font/woff" }, { "application/x-font-woff", "font/woff" },
  { "application/font-woff2", "font/woff2" }, { "application/x-font-ttf", "font/ttf" },
  { "application/x-font-truetype", "font/ttf" }, { "application/font-sfnt", "font/sfnt" },
  { "application/x-font-otf", "font/otf" }, { "application/x-font-opentype", "font/otf" },
  { "application/vnd.ms-opentype", "font/otf" },
};

const char *
_gloss_spool_embedded_type (const char *mime_type)
{
  if (mime_type == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (font_aliases); i++)
    if (g_ascii_strcasecmp (mime_type, font_aliases[i].old) == 0)
      return font_aliases[i].font;
  for (guint i = 0; embedded_types[i] != NULL; i++)
    if (g_ascii_strcasecmp (mime_type, embedded_types[i]) == 0)
      return embedded_types[i];
  return NULL;
}

gboolean
_gloss_spool_set_content (GlossSpool *self,
                          guint       index,
                          const char *mime_type,
                          guint64     size)
{
  Entry *entry = get_entry (self, index);
  const char *embedded = _gloss_spool_embedded_type (mime_type);

  g_clear_pointer (&entry->mime_type, g_free);
  entry->size = 0;
  if (embedded == NULL || !is_plain_mime_type (embedded))
    {
      g_unlink (entry->path);
      return FALSE;
    }
  entry->mime_type = g_strdup (embedded);
  entry->size = size;
  return TRUE;
}

void
_gloss_spool_drop (GlossSpool *self,
                   guint       index)
{
  Entry *entry = get_entry (self, index);

  g_unlink (entry->path);
  g_clear_pointer (&entry->mime_type, g_free);
  entry->size = 0;
}

guint64
_gloss_spool_get_uri_length (GlossSpool *self,
                             guint       index)
{
  Entry *entry = get_entry (self, index);

  return strlen ("data:;base64,") + strlen (entry->mime_type ? entry->mime_type : "") +
         (entry->size + 2) / 3 * 4;
}

char *
_gloss_spool_placeholder (GlossSpool *self,
                          guint       index)
{
  return g_strdup_printf ("%s%u", self->prefix, index);
}

static gboolean
write_counted (GlossAtomicFile  *file,
               const char       *data,
               gsize             length,
               guint64          *written,
               GError          **error)
{
  *written += length;
  return _gloss_atomic_file_write (file, data, length, error);
}

/* A short read only at the end: a short chunk mid-file would be padded. */
static gsize
read_chunk (FILE   *in,
            guchar *buffer)
{
  gsize total = 0, n;

  while (total < CHUNK && (n = fread (buffer + total, 1, CHUNK - total, in)) > 0)
    total += n;
  return total;
}

/* The data: URI of @entry, streamed from its file. */
static gboolean
write_uri (Entry            *entry,
           GlossAtomicFile  *file,
           guint64          *written,
           GError          **error)
{
  g_autofree char *head = g_strdup_printf ("data:%s;base64,", entry->mime_type);
  g_autofree guchar *raw = g_malloc (CHUNK);
  g_autofree char *encoded = g_malloc (CHUNK / 3 * 4 + 4);
  FILE *in;
  gsize n;
  gboolean ok = TRUE;

  if ((in = g_fopen (entry->path, "rb")) == NULL)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not read back the downloaded %s: %s"), entry->path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  ok = write_counted (file, head, strlen (head), written, error);
  while (ok && (n = read_chunk (in, raw)) > 0)
    {
      int state = 0, save = 0;
      gsize length = g_base64_encode_step (raw, n, FALSE, encoded, &state, &save);

      length += g_base64_encode_close (FALSE, encoded + length, &state, &save);
      ok = write_counted (file, encoded, length, written, error);
    }
  fclose (in);
  return ok;
}

/* Where the next placeholder starts in @html, and the entry it names. */
static const char *
find_placeholder (GlossSpool *self,
                  const char *html,
                  const char *end,
                  Entry     **entry,
                  const char **after)
{
  gsize prefix_length = strlen (self->prefix);

  for (const char *p = html; (p = g_strstr_len (p, end - p, self->prefix)) != NULL;
       p += prefix_length)
    {
      char *digits_end;
      guint64 index = g_ascii_strtoull (p + prefix_length, &digits_end, 10);

      if (digits_end == p + prefix_length || index >= self->entries->len)
        continue;
      *entry = get_entry (self, index);
      *after = digits_end;
      return p;
    }
  return NULL;
}

gboolean
_gloss_spool_write_html (GlossSpool       *self,
                         const char       *html,
                         gsize             length,
                         GlossAtomicFile  *file,
                         guint64          *written,
                         GError          **error)
{
  const char *end = html + length;
  const char *p = html;
  const char *hit, *after;
  Entry *entry;

  *written = 0;
  while ((hit = find_placeholder (self, p, end, &entry, &after)) != NULL)
    {
      if (!write_counted (file, p, hit - p, written, error))
        return FALSE;
      if (entry->mime_type != NULL && !write_uri (entry, file, written, error))
        return FALSE;
      p = after;
    }
  return write_counted (file, p, end - p, written, error);
}
