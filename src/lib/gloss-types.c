/* gloss-types.c — the shared enums' names
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-types.h"

const char *
gloss_clip_mode_to_string (GlossClipMode mode)
{
  return mode == GLOSS_CLIP_MODE_FULL ? "full" : "reader";
}

gboolean
gloss_clip_mode_from_string (const char    *string,
                             GlossClipMode *mode)
{
  g_return_val_if_fail (mode != NULL, FALSE);

  if (g_strcmp0 (string, "reader") == 0)
    *mode = GLOSS_CLIP_MODE_READER;
  else if (g_strcmp0 (string, "full") == 0)
    *mode = GLOSS_CLIP_MODE_FULL;
  else
    return FALSE;
  return TRUE;
}
