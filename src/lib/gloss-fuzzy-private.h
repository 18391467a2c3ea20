/* gloss-fuzzy-private.h — bounded edit distance search over code points
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A quote prepared for the search: which rows of it hold each code point. */
typedef struct _GlossFuzzyPattern GlossFuzzyPattern;

GlossFuzzyPattern *_gloss_fuzzy_pattern_new      (const gunichar          *chars,
                                                  gsize                    length);
void               _gloss_fuzzy_pattern_free     (GlossFuzzyPattern       *pattern);
void               _gloss_fuzzy_compute_scores   (const GlossFuzzyPattern *pattern,
                                                  const gunichar          *text,
                                                  gsize                    length,
                                                  gboolean                 anchored,
                                                  gsize                    max_edits,
                                                  gsize                   *scores);
gsize              _gloss_fuzzy_find_match_start (const GlossFuzzyPattern *reversed,
                                                  const gunichar          *text,
                                                  gsize                    end,
                                                  gsize                    max_edits,
                                                  gsize                   *edits);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossFuzzyPattern, _gloss_fuzzy_pattern_free)

G_END_DECLS
