/* gloss-encoding-private.h — the WHATWG Encoding standard's labels
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;    /* as the standard spells it: "windows-1252", "UTF-16LE" */
  const char *iconv;   /* the iconv converter that decodes it; NULL for "replacement" */
} GlossEncoding;

/* The encoding a label names ("latin1" → windows-1252, "utf-16" → UTF-16LE),
 * after trimming ASCII whitespace and case, or NULL for a label the standard
 * does not know (utf-7, x-no-such-charset): such a label is to be ignored. */
const GlossEncoding *_gloss_encoding_for_label (const char *label);

G_END_DECLS
