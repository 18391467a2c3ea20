/* gloss-fuzzy.c — bounded edit distance search, for anchoring a quote the
 * page no longer holds word for word
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-fuzzy-private.h"

#define WORD_BITS 64

/* Myers' bit-vector approximate matching (J. ACM 46(3), 1999), over words of
 * 64 pattern rows stacked as in Hyyrö (2003) and edlib, so a quote of any
 * length costs ceil(m / 64) word operations per code point of text. */
struct _GlossFuzzyPattern
{
  gsize       length;
  gsize       n_blocks;
  guint       ascii[128];  /* symbol of each ASCII code point, 0 if not in the pattern */
  GHashTable *others;      /* the same for the rest */
  guint64    *peq;         /* n_blocks words per symbol: rows holding it */
};

void
_gloss_fuzzy_pattern_free (GlossFuzzyPattern *pattern)
{
  g_hash_table_unref (pattern->others);
  g_free (pattern->peq);
  g_free (pattern);
}

static guint
pattern_symbol (const GlossFuzzyPattern *pattern,
                gunichar                 c)
{
  if (c < G_N_ELEMENTS (pattern->ascii))
    return pattern->ascii[c];
  return GPOINTER_TO_UINT (g_hash_table_lookup (pattern->others, GUINT_TO_POINTER (c)));
}

GlossFuzzyPattern *
_gloss_fuzzy_pattern_new (const gunichar *chars,
                          gsize           length)
{
  GlossFuzzyPattern *pattern = g_new0 (GlossFuzzyPattern, 1);
  guint n_symbols = 0;

  g_assert (length > 0);

  pattern->length = length;
  pattern->n_blocks = (length + WORD_BITS - 1) / WORD_BITS;
  pattern->others = g_hash_table_new (NULL, NULL);
  /* Symbol 0, for code points not in the pattern, matches no row. */
  pattern->peq = g_new0 (guint64, (length + 1) * pattern->n_blocks);

  for (gsize i = 0; i < length; i++)
    {
      guint symbol = pattern_symbol (pattern, chars[i]);

      if (symbol == 0)
        {
          symbol = ++n_symbols;
          if (chars[i] < G_N_ELEMENTS (pattern->ascii))
            pattern->ascii[chars[i]] = symbol;
          else
            g_hash_table_insert (pattern->others, GUINT_TO_POINTER (chars[i]),
                                 GUINT_TO_POINTER (symbol));
        }
      pattern->peq[symbol * pattern->n_blocks + i / WORD_BITS] |=
        G_GUINT64_CONSTANT (1) << (i % WORD_BITS);
    }
  return pattern;
}

/* One column of one block: @hin is the score change entering its top row,
 * the result the change leaving its bottom row. */
static inline int
advance_block (guint64 *pv,
               guint64 *mv,
               guint64  eq,
               int      hin)
{
  const guint64 high = G_GUINT64_CONSTANT (1) << (WORD_BITS - 1);
  guint64 xv = eq | *mv;
  guint64 xh, ph, mh;
  int hout = 0;

  if (hin < 0)
    eq |= 1;
  xh = (((eq & *pv) + *pv) ^ *pv) | eq;
  ph = *mv | ~(xh | *pv);
  mh = *pv & xh;
  if (ph & high)
    hout = 1;
  else if (mh & high)
    hout = -1;
  ph <<= 1;
  mh <<= 1;
  if (hin < 0)
    mh |= 1;
  else if (hin > 0)
    ph |= 1;
  *pv = mh | ~(xv | ph);
  *mv = ph & xv;
  return hout;
}

/* Ukkonen's cut-off, as in edlib: only the blocks that can hold a cell within
 * @max_edits are computed, which keeps long quotes cheap. Returns the new
 * last block after a column whose last block's bottom changed by @h. */
static gsize
adjust_band (gsize          last_block,
             gsize          n_blocks,
             gsize          max_edits,
             const guint64 *eq,
             int            h,
             guint64       *pv,
             guint64       *mv,
             gint64        *bottoms)
{
  gint64 limit = (gint64) MIN (max_edits, G_MAXINT32);

  if (last_block + 1 < n_blocks && bottoms[last_block] - h <= limit &&
      ((eq[last_block + 1] & 1) || h < 0))
    {
      /* Its previous column is unknown but above max_edits: take the largest
       * it can be, one more per row. */
      last_block++;
      pv[last_block] = ~G_GUINT64_CONSTANT (0);
      mv[last_block] = 0;
      bottoms[last_block] = bottoms[last_block - 1] - h + WORD_BITS;
      bottoms[last_block] += advance_block (&pv[last_block], &mv[last_block], eq[last_block], h);
      return last_block;
    }

  /* A block whose bottom is a whole block beyond max_edits has no cell within it. */
  while (last_block > 0 && bottoms[last_block] >= limit + WORD_BITS)
    last_block--;
  return last_block;
}

/* Sets @scores[j], for j in 0..@length, to the edit distance between the
 * pattern and the best substring of @text ending at j, or when @anchored, the
 * substring [0, j). A score above @max_edits may be given as max_edits + 1. */
void
_gloss_fuzzy_compute_scores (const GlossFuzzyPattern *pattern,
                             const gunichar          *text,
                             gsize                    length,
                             gboolean                 anchored,
                             gsize                    max_edits,
                             gsize                   *scores)
{
  gsize n_blocks = pattern->n_blocks;
  g_autofree guint64 *pv = g_new (guint64, n_blocks);
  g_autofree guint64 *mv = g_new0 (guint64, n_blocks);
  g_autofree gint64 *bottoms = g_new (gint64, n_blocks);
  guint last_row = (pattern->length - 1) % WORD_BITS;
  /* The padding rows under the pattern's last one, whose deltas are not its. */
  guint64 padding = last_row == WORD_BITS - 1 ? 0 : ~G_GUINT64_CONSTANT (0) << (last_row + 1);
  gsize last_block = n_blocks - 1;

  if (!anchored)
    last_block = MIN (n_blocks, max_edits / WORD_BITS + 1) - 1;
  for (gsize b = 0; b < n_blocks; b++)
    {
      pv[b] = ~G_GUINT64_CONSTANT (0);
      bottoms[b] = (gint64) ((b + 1) * WORD_BITS);
    }

  scores[0] = pattern->length;
  for (gsize j = 0; j < length; j++)
    {
      const guint64 *eq = pattern->peq + pattern_symbol (pattern, text[j]) * n_blocks;
      int h = anchored ? 1 : 0;
      gint64 last;

      for (gsize b = 0; b <= last_block; b++)
        {
          h = advance_block (&pv[b], &mv[b], eq[b], h);
          bottoms[b] += h;
        }
      if (!anchored)
        last_block = adjust_band (last_block, n_blocks, max_edits, eq, h, pv, mv, bottoms);

      /* Each padding row adds at most one: skip counting when even that is too far. */
      last = bottoms[n_blocks - 1] - (WORD_BITS - 1 - last_row);
      if (last_block < n_blocks - 1 || last > (gint64) MIN (max_edits, G_MAXINT32))
        {
          scores[j + 1] = max_edits + 1;
          continue;
        }
      last = bottoms[n_blocks - 1] - __builtin_popcountll (pv[n_blocks - 1] & padding) +
             __builtin_popcountll (mv[n_blocks - 1] & padding);
      scores[j + 1] = (gsize) last;
    }
}

/* Where the best match ending at @end starts: the anchored search of the
 * reversed pattern over the reversed text before @end. Of equally good
 * starts, the earliest, so the match covers the edits at its edge. */
gsize
_gloss_fuzzy_find_match_start (const GlossFuzzyPattern *reversed,
                               const gunichar          *text,
                               gsize                    end,
                               gsize                    max_edits,
                               gsize                   *edits)
{
  gsize window = MIN (end, reversed->length + max_edits);
  g_autofree gunichar *backwards = g_new (gunichar, window + 1);
  g_autofree gsize *scores = g_new (gsize, window + 1);
  gsize best = 0;

  for (gsize i = 0; i < window; i++)
    backwards[i] = text[end - 1 - i];
  _gloss_fuzzy_compute_scores (reversed, backwards, window, TRUE, max_edits, scores);
  for (gsize i = 1; i <= window; i++)
    if (scores[i] <= scores[best])
      best = i;
  *edits = scores[best];
  return end - best;
}
