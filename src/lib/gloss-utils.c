/* gloss-utils.c — small helpers shared inside libgloss
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "gloss-utils-private.h"

#define TEMPORARY_MARK ".gloss-tmp-"
#define MAX_LINKS 40

struct _GlossAtomicFile
{
  char *target;     /* the file replaced */
  char *temporary;
  int   fd;
  mode_t mode;      /* the target's, or -1 for a new file */
};

const char *
_gloss_write_error_reason (int saved_errno)
{
  switch (saved_errno)
    {
    case ENOSPC: return _("the disk is full");
    case EDQUOT: return _("your disk quota is used up");
    case EROFS: return _("the disk is read-only");
    case EACCES:
    case EPERM: return _("you do not have permission to write there");
    default: return g_strerror (saved_errno);
    }
}

static gboolean
set_write_error (GError    **error,
                 int         saved_errno,
                 const char *path)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Could not write %s: %s"), path, _gloss_write_error_reason (saved_errno));
  return FALSE;
}

/* Follows symbolic links at @path to the file they name (which need not exist
 * yet); a loop is an error. */
static char *
resolve_links (const char  *path,
               GError     **error)
{
  g_autofree char *current = g_strdup (path);

  for (guint i = 0; i < MAX_LINKS; i++)
    {
      g_autofree char *link = g_file_read_link (current, NULL);
      g_autofree char *dir = NULL;

      if (link == NULL)
        return g_steal_pointer (&current);
      dir = g_path_get_dirname (current);
      g_free (current);
      current = g_path_is_absolute (link) ? g_steal_pointer (&link) : g_build_filename (dir, link, NULL);
    }
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_LOOP,
               _("Could not write %s: it is a link that leads to itself"), path);
  return NULL;
}

static char *
temporary_template (const char *target)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *name = g_path_get_basename (target);
  g_autofree char *temporary = g_strdup_printf (".%s" TEMPORARY_MARK "XXXXXX", name);

  return g_build_filename (dir, temporary, NULL);
}

static gboolean
make_folder (const char  *target,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (target);

  if (g_mkdir_with_parents (dir, 0755) == 0)
    return TRUE;
  return set_write_error (error, errno, target);
}

GlossAtomicFile *
_gloss_atomic_file_new (const char  *path,
                        GError     **error)
{
  g_autofree char *target = NULL;
  GlossAtomicFile *self;
  struct stat info;

  g_return_val_if_fail (path != NULL, NULL);

  if ((target = resolve_links (path, error)) == NULL || !make_folder (target, error))
    return NULL;
  if (g_stat (target, &info) == 0 && !S_ISREG (info.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Could not write %s: %s is not a regular file"), path, target);
      return NULL;
    }
  self = g_new0 (GlossAtomicFile, 1);
  self->target = g_steal_pointer (&target);
  self->temporary = temporary_template (self->target);
  self->mode = g_stat (self->target, &info) == 0 ? (info.st_mode & 07777) : (mode_t) -1;
  self->fd = g_mkstemp_full (self->temporary, O_RDWR | O_CLOEXEC, 0644);
  /* Held until the rename: a sweeper that can take it knows the writer died. */
  if (self->fd < 0 || flock (self->fd, LOCK_EX) != 0)
    {
      set_write_error (error, errno, self->target);
      _gloss_atomic_file_abort (self);
      return NULL;
    }
  return self;
}

const char *
_gloss_atomic_file_get_target (GlossAtomicFile *self)
{
  return self->target;
}

gboolean
_gloss_atomic_file_write (GlossAtomicFile  *self,
                          const void       *data,
                          gsize             length,
                          GError          **error)
{
  const char *p = data;

  while (length > 0)
    {
      gssize written = write (self->fd, p, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        return set_write_error (error, errno, self->target);
      p += written;
      length -= written;
    }
  return TRUE;
}

static void
sync_folder (const char *target)
{
  g_autofree char *dir = g_path_get_dirname (target);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

gboolean
_gloss_atomic_file_commit (GlossAtomicFile  *self,
                           GError          **error)
{
  gboolean done = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->mode != (mode_t) -1 && fchmod (self->fd, self->mode) != 0)
    set_write_error (error, errno, self->target);
  else if (fsync (self->fd) != 0)
    set_write_error (error, errno, self->target);
  else if (g_rename (self->temporary, self->target) != 0)
    set_write_error (error, errno, self->target);
  else
    {
      done = TRUE;
      sync_folder (self->target);
      g_clear_pointer (&self->temporary, g_free);
    }
  _gloss_atomic_file_abort (self);
  return done;
}

void
_gloss_atomic_file_abort (GlossAtomicFile *self)
{
  if (self == NULL)
    return;
  if (self->temporary != NULL && self->fd >= 0)
    g_unlink (self->temporary);
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->target);
  g_free (self->temporary);
  g_free (self);
}

gboolean
_gloss_write_file_atomic (const char  *path,
                          const char  *data,
                          gsize        length,
                          GError     **error)
{
  GlossAtomicFile *file;

  g_assert (path != NULL);

  if ((file = _gloss_atomic_file_new (path, error)) == NULL)
    return FALSE;
  if (!_gloss_atomic_file_write (file, data, length, error))
    {
      _gloss_atomic_file_abort (file);
      return FALSE;
    }
  return _gloss_atomic_file_commit (file, error);
}

gboolean
_gloss_read_file_bounded (const char  *path,
                          gsize        max_bytes,
                          char       **contents,
                          gsize       *length,
                          GError     **error)
{
  struct stat info;

  g_return_val_if_fail (path != NULL && contents != NULL, FALSE);

  if (g_stat (path, &info) == 0 && S_ISREG (info.st_mode) && (guint64) info.st_size > max_bytes)
    {
      g_autofree char *size = g_format_size (info.st_size);
      g_autofree char *max = g_format_size (max_bytes);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("it is %s, more than the %s Gloss reads"), size, max);
      return FALSE;
    }
  return g_file_get_contents (path, contents, length, error);
}

/* Older Gloss wrote through g_file_set_contents(): "<id>.html.ABC123". Such
 * a file has no lock to ask, so only an old one is taken for dead. */
#define LEGACY_AGE_SECONDS (60 * 60)
/* A writer creates its file, then locks it: one this young may be between. */
#define MIN_AGE_SECONDS 5

static gboolean
is_legacy_temporary (const char *name)
{
  g_autofree char *base = NULL;
  const char *dot = strrchr (name, '.');

  if (dot == NULL || strlen (dot + 1) != 6)
    return FALSE;
  for (const char *p = dot + 1; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  base = g_strndup (name, dot - name);
  return g_str_has_suffix (base, ".html") || g_str_has_suffix (base, ".notes.json");
}

static gboolean
is_dead_writers (const char *path,
                 gboolean    legacy)
{
  struct stat by_name, by_fd;
  gboolean dead;
  int fd;

  if (legacy)
    return g_lstat (path, &by_name) == 0 && S_ISREG (by_name.st_mode) &&
           time (NULL) - by_name.st_mtime > LEGACY_AGE_SECONDS;
  if ((fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0)) < 0)
    return FALSE;
  /* Still the same file under that name (not renamed into place meanwhile). */
  dead = flock (fd, LOCK_EX | LOCK_NB) == 0 && fstat (fd, &by_fd) == 0 &&
         time (NULL) - by_fd.st_mtime >= MIN_AGE_SECONDS &&
         g_lstat (path, &by_name) == 0 && by_fd.st_ino == by_name.st_ino &&
         by_fd.st_dev == by_name.st_dev;
  close (fd);
  return dead;
}

guint
_gloss_sweep_temporary_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint swept = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      gboolean ours = *name == '.' && strstr (name, TEMPORARY_MARK) != NULL;
      gboolean legacy = !ours && is_legacy_temporary (name);
      g_autofree char *path = NULL;

      if (!ours && !legacy)
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (is_dead_writers (path, legacy) && g_unlink (path) == 0)
        swept++;
    }
  return swept;
}

char *
_gloss_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *seconds = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  /* Milliseconds: two edits within a second must still order. */
  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (now) / 1000);
}

gboolean
_gloss_is_web_url (const char *url)
{
  return url != NULL && (g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://"));
}
