/* gloss-fuzz.h — what every libFuzzer target of Gloss shares
 *
 * A target is one C file with LLVMFuzzerTestOneInput(). Criticals are
 * fatal: a g_return_if_fail() that fires on some input is a bug found.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A critical (or a warning) aborts, so that libFuzzer keeps the input. */
static GLogWriterOutput
abort_on_critical (GLogLevelFlags   level,
                   const GLogField *fields,
                   gsize            n_fields,
                   gpointer         user_data)
{
  /* Debugging output would cost more than the code fuzzed. */
  if (!(level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)))
    return G_LOG_WRITER_HANDLED;
  g_log_writer_standard_streams (level, fields, n_fields, user_data);
  abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_log_set_writer_func (abort_on_critical, NULL, NULL);
  return 0;
}

/* The @n-th of the NUL-separated fields of @data (a copy, NUL-terminated),
 * or "" when there are fewer. */
static inline char *
gloss_fuzz_field (const uint8_t *data,
                  size_t         size,
                  guint          n)
{
  const char *start = (const char *) data, *end = start + size;

  for (guint i = 0; i < n && start < end; i++)
    {
      const char *nul = memchr (start, '\0', end - start);

      start = nul ? nul + 1 : end;
    }
  {
    const char *nul = memchr (start, '\0', end - start);

    return g_strndup (start, (nul ? nul : end) - start);
  }
}

/* @text as valid UTF-8: what every entry point of libgloss expects. */
static inline char *
gloss_fuzz_utf8 (char *text)
{
  char *valid = g_utf8_make_valid (text, -1);

  g_free (text);
  return valid;
}
