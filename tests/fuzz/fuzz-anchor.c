/* fuzz-anchor.c — anchoring a highlight in a text: the input is text, exact,
 * prefix and suffix, NUL-separated, and its length picks the stored
 * position. A range found must lie in the text, and describing it must give
 * selectors that find it again.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-anchor.h"
#include "gloss-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = gloss_fuzz_utf8 (gloss_fuzz_field (data, size, 0));
  g_autofree char *exact = gloss_fuzz_utf8 (gloss_fuzz_field (data, size, 1));
  g_autofree char *prefix = gloss_fuzz_utf8 (gloss_fuzz_field (data, size, 2));
  g_autofree char *suffix = gloss_fuzz_utf8 (gloss_fuzz_field (data, size, 3));
  g_autofree char *found_exact = NULL;
  g_autofree char *found_prefix = NULL;
  g_autofree char *found_suffix = NULL;
  gint64 length = g_utf8_strlen (text, -1);
  gint64 start = (gint64) (size % 97) - 1, end = start + (gint64) strlen (exact);
  gint64 out_start = -1, out_end = -1, again_start, again_end;

  if (gloss_anchor_find (text, exact, prefix, suffix, start, end, &out_start, &out_end) ==
      GLOSS_ANCHOR_ORPHAN)
    {
      gloss_anchor_find_quote (text, exact, &out_start, &out_end);
      return 0;
    }
  if (out_start < 0 || out_end < out_start || out_end > length)
    abort ();
  if (out_end == out_start)
    return 0;
  gloss_anchor_describe (text, out_start, out_end, &found_exact, &found_prefix, &found_suffix);
  if (gloss_anchor_find (text, found_exact, found_prefix, found_suffix, out_start, out_end,
                         &again_start, &again_end) != GLOSS_ANCHOR_POSITION)
    abort ();
  return 0;
}
