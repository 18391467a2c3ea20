/* gloss-versions.c — the earlier archives of an article, kept by a re-clip
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gloss-json-private.h"
#include "gloss-utils-private.h"
#include "gloss-versions.h"

#define VERSIONS_SUFFIX ".versions"
/* How gloss_archive_build () writes the date an archive was saved. */
#define SAVED_MARK "<meta name=\"gloss:saved\" content=\""

static const char * const version_keys[] = { "archive", "saved", "sha256", NULL };

GlossVersion *
gloss_version_new (const char *archive,
                   const char *saved,
                   const char *sha256)
{
  GlossVersion *version = g_new0 (GlossVersion, 1);

  version->archive = g_strdup (archive);
  version->saved = g_strdup (saved);
  version->sha256 = g_strdup (sha256);
  return version;
}

GlossVersion *
gloss_version_copy (const GlossVersion *version)
{
  GlossVersion *copy = gloss_version_new (version->archive, version->saved, version->sha256);

  copy->json = version->json ? json_object_ref (version->json) : NULL;
  return copy;
}

void
gloss_version_free (GlossVersion *version)
{
  if (version == NULL)
    return;
  g_free (version->archive);
  g_free (version->saved);
  g_free (version->sha256);
  g_clear_pointer (&version->json, json_object_unref);
  g_free (version);
}

char *
gloss_versions_dir (const char *archive_path)
{
  gsize length;

  g_return_val_if_fail (archive_path != NULL, NULL);

  length = strlen (archive_path) - (g_str_has_suffix (archive_path, ".html") ? strlen (".html") : 0);
  return g_strdup_printf ("%.*s%s", (int) length, archive_path, VERSIONS_SUFFIX);
}

/* Keeping one */

/* The value of gloss:saved in @html, or NULL; *@end is where it ends. */
static char *
find_saved (const char  *html,
            const char **end)
{
  const char *start = strstr (html, SAVED_MARK);
  const char *quote;

  if (start == NULL || (quote = strchr (start + strlen (SAVED_MARK), '"')) == NULL)
    return NULL;
  start += strlen (SAVED_MARK);
  if (end != NULL)
    *end = quote;
  return g_strndup (start, quote - start);
}

/* The same archive, but for when it was saved: @old_head and @new_head are
 * the first bytes of each (where gloss:saved is). */
static gboolean
same_head (const char *old_html,
           const char *new_html)
{
  const char *old_end = NULL, *new_end = NULL;
  g_autofree char *old_saved = find_saved (old_html, &old_end);
  g_autofree char *new_saved = find_saved (new_html, &new_end);
  gsize old_head, new_head;

  if (old_saved == NULL || new_saved == NULL)
    return g_str_equal (old_html, new_html);
  old_head = old_end - strlen (old_saved) - old_html;
  new_head = new_end - strlen (new_saved) - new_html;
  return old_head == new_head && strncmp (old_html, new_html, old_head) == 0 &&
         g_str_equal (old_end, new_end);
}

#define CHUNK (64 * 1024)

/* Up to CHUNK bytes of @stream into @buffer (CHUNK + 1), NUL-terminated. */
static gssize
read_chunk (GInputStream *stream,
            char         *buffer)
{
  gsize got = 0;

  if (!g_input_stream_read_all (stream, buffer, CHUNK, &got, NULL, NULL))
    return -1;
  buffer[got] = '\0';
  return got;
}

gboolean
gloss_versions_same_archive (const char *path,
                             const char *other_path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  g_autoptr(GInputStream) a = G_INPUT_STREAM (g_file_read (file, NULL, NULL));
  g_autoptr(GInputStream) b = G_INPUT_STREAM (g_file_read (other, NULL, NULL));
  g_autofree char *chunk_a = g_malloc (CHUNK + 1);
  g_autofree char *chunk_b = g_malloc (CHUNK + 1);
  gboolean first = TRUE;

  g_return_val_if_fail (path != NULL && other_path != NULL, FALSE);

  if (a == NULL || b == NULL)
    return FALSE;
  for (;;)
    {
      gssize got_a = read_chunk (a, chunk_a), got_b = read_chunk (b, chunk_b);

      if (got_a < 0 || got_b < 0)
        return FALSE;
      /* gloss:saved is in the head, and its two values have the same length. */
      if (first ? !same_head (chunk_a, chunk_b)
                : got_a != got_b || memcmp (chunk_a, chunk_b, got_a) != 0)
        return FALSE;
      if (got_a < CHUNK)
        return got_b == got_a;
      first = FALSE;
    }
}

/* What gloss:saved says in the head of the file at @path, and its SHA-256,
 * read by chunks. FALSE (with errno's reason) when it can not be read. */
static gboolean
describe_file (const char  *path,
               char       **saved,
               char       **sha256,
               GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GInputStream) stream = G_INPUT_STREAM (g_file_read (file, NULL, error));
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *chunk = g_malloc (CHUNK + 1);
  gssize got;

  if (stream == NULL)
    return FALSE;
  *saved = NULL;
  while ((got = read_chunk (stream, chunk)) > 0)
    {
      if (*saved == NULL)
        *saved = find_saved (chunk, NULL);
      g_checksum_update (checksum, (const guchar *) chunk, got);
      if (got < CHUNK)
        break;
    }
  *sha256 = g_strdup (g_checksum_get_string (checksum));
  return got >= 0;
}

/* 2026-11-26T10:00:00Z → 20261126T100000Z: no colons, for every file system. */
static char *
file_stamp (const char *saved,
            const char *path)
{
  g_autoptr(GDateTime) date = saved ? g_date_time_new_from_iso8601 (saved, NULL) : NULL;
  g_autoptr(GDateTime) utc = NULL;
  GStatBuf st;

  if (date == NULL && g_stat (path, &st) == 0)
    date = g_date_time_new_from_unix_utc (st.st_mtime);
  if (date == NULL)
    date = g_date_time_new_now_utc ();
  utc = g_date_time_to_utc (date);
  return g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
}

/* <id>.versions/<stamp>.html, or <stamp>-2.html… when that is taken. */
static char *
free_name (const char *dir,
           const char *stamp)
{
  g_autofree char *name = g_strconcat (stamp, ".html", NULL);
  char *path = g_build_filename (dir, name, NULL);

  for (guint n = 2; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_free (name);
      g_free (path);
      name = g_strdup_printf ("%s-%u.html", stamp, n);
      path = g_build_filename (dir, name, NULL);
    }
  return path;
}

/* A second name for the same file: no copy, and <id>.html never goes missing
 * (a rename would leave a moment without it, which a watching window would
 * take for a deletion). Where the file system has no hard links, a copy. */
static gboolean
keep_file (const char  *archive_path,
           const char  *kept_path,
           GError     **error)
{
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;

  if (link (archive_path, kept_path) == 0)
    return TRUE;
  g_debug ("No hard link for %s (%s): copying it", kept_path, g_strerror (errno));
  from = g_file_new_for_path (archive_path);
  to = g_file_new_for_path (kept_path);
  return g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, error);
}

GlossVersion *
gloss_versions_keep (const char  *archive_path,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *kept_path = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *archive = NULL;
  g_autofree char *dir_name = NULL;

  g_return_val_if_fail (archive_path != NULL, NULL);

  if (!describe_file (archive_path, &saved, &sha256, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return NULL;
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Could not keep the previous version of %s: %s"), archive_path, local_error->message);
      return NULL;
    }
  stamp = file_stamp (saved, archive_path);
  dir = gloss_versions_dir (archive_path);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not keep the previous version of %s: could not create the folder %s: %s"),
                   archive_path, dir, g_strerror (saved_errno));
      return NULL;
    }
  kept_path = free_name (dir, stamp);
  if (!keep_file (archive_path, kept_path, &local_error))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Could not keep the previous version of %s as %s: %s"),
                   archive_path, kept_path, local_error->message);
      return NULL;
    }
  dir_name = g_path_get_basename (dir);
  archive = g_build_filename (dir_name, strrchr (kept_path, G_DIR_SEPARATOR) + 1, NULL);
  return gloss_version_new (archive, saved, sha256);
}

void
gloss_versions_add (GPtrArray          *versions,
                    const GlossVersion *version)
{
  g_return_if_fail (versions != NULL && version != NULL && version->archive != NULL);

  for (guint i = 0; i < versions->len; i++)
    if (g_strcmp0 (((GlossVersion *) versions->pdata[i])->archive, version->archive) == 0)
      return;
  g_ptr_array_add (versions, gloss_version_copy (version));
}

GlossVersion *
gloss_versions_find (GPtrArray  *versions,
                     const char *saved)
{
  g_return_val_if_fail (versions != NULL, NULL);

  for (guint i = 0; saved != NULL && i < versions->len; i++)
    if (g_strcmp0 (((GlossVersion *) versions->pdata[i])->saved, saved) == 0)
      return versions->pdata[i];
  return NULL;
}

static gint
compare_saved (gconstpointer a,
               gconstpointer b)
{
  const GlossVersion *x = *(GlossVersion **) a;
  const GlossVersion *y = *(GlossVersion **) b;
  int by_saved = g_strcmp0 (x->saved, y->saved);

  return by_saved != 0 ? by_saved : g_strcmp0 (x->archive, y->archive);
}

void
gloss_versions_merge (GPtrArray *versions,
                      GPtrArray *other)
{
  g_return_if_fail (versions != NULL && other != NULL);

  for (guint i = 0; i < other->len; i++)
    gloss_versions_add (versions, other->pdata[i]);
  g_ptr_array_sort (versions, compare_saved);
}

/* In the sidecar */

gboolean
_gloss_versions_read (JsonObject  *root,
                      GPtrArray   *versions,
                      GError     **error)
{
  JsonNode *node = json_object_get_member (root, "versions");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” is not a list"), "versions");
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GlossVersion) version = g_new0 (GlossVersion, 1);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("version %u is not an object"), i + 1);
          return FALSE;
        }
      object = json_node_get_object (element);
      if (!_gloss_json_read_string (object, "archive", TRUE, &version->archive, error) ||
          !_gloss_json_read_string (object, "saved", FALSE, &version->saved, error) ||
          !_gloss_json_read_string (object, "sha256", FALSE, &version->sha256, error))
        return FALSE;
      version->json = json_object_ref (object);
      gloss_versions_add (versions, version);
    }
  return TRUE;
}

JsonArray *
_gloss_versions_to_json (GPtrArray *versions)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < versions->len; i++)
    {
      GlossVersion *version = versions->pdata[i];
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "archive", version->archive);
      if (version->saved != NULL)
        json_object_set_string_member (object, "saved", version->saved);
      if (version->sha256 != NULL)
        json_object_set_string_member (object, "sha256", version->sha256);
      _gloss_json_copy_unknown (object, version->json, version_keys);
      json_array_add_object_element (array, object);
    }
  return array;
}
