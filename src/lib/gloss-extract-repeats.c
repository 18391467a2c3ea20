/* gloss-extract-repeats.c — reader-mode extraction: captions a page prints twice
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-extract-private.h"
#include "gloss-html.h"

/* Repeats ------------------------------------------------------------------ */

#define MIN_REPEAT_KEY 24

static gboolean
has_block_child (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE &&
        !(_gloss_extract_tag_flags (child) & (TAG_PHRASING | TAG_MEDIA)) &&
        !gloss_html_is_element (child, "hr"))
      return TRUE;
  return FALSE;
}

static gboolean
is_caption_name (xmlNode *node)
{
  g_autofree char *names = _gloss_extract_class_and_id (node);

  return gloss_html_is_element (node, "figure") || gloss_html_is_element (node, "figcaption") ||
         (names != NULL && _gloss_extract_matches (PATTERN_CAPTION, names));
}

/* The innermost blocks of text that sit in a caption or a gallery. */
static void
collect_caption_blocks (xmlNode   *node,
                        gboolean   in_caption,
                        GPtrArray *blocks)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      gboolean caption;

      if (child->type != XML_ELEMENT_NODE || INFO (child) == NULL || INFO (child)->text_len == 0 ||
          gloss_html_is_element (child, "pre") || gloss_html_is_element (child, "table") ||
          (_gloss_extract_tag_flags (child) & TAG_PHRASING))
        continue;
      caption = in_caption || is_caption_name (child);
      if (!has_block_child (child))
        {
          if (caption)
            g_ptr_array_add (blocks, child);
        }
      else
        collect_caption_blocks (child, caption, blocks);
    }
}

/* Galleries and responsive layouts print a caption twice, or once in full
 * and once cut short: a caption whose text repeats an earlier caption, or
 * starts one, goes. */
void
_gloss_extract_remove_repeated_blocks (xmlNode *article)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  collect_caption_blocks (article, FALSE, blocks);
  for (guint i = 0; i < blocks->len; i++)
    {
      xmlNode *block = g_ptr_array_index (blocks, i);
      g_autofree char *text = NULL;
      char *key;
      gboolean repeated = FALSE;
      gsize key_len;

      if (INFO (block)->text_len < MIN_REPEAT_KEY)
        continue;
      text = _gloss_extract_node_text (block);
      key = _gloss_extract_text_key (text);
      key_len = strlen (key);
      for (guint k = 0; k < keys->len && !repeated && key_len >= MIN_REPEAT_KEY; k++)
        repeated = strncmp (g_ptr_array_index (keys, k), key, key_len) == 0;
      if (repeated)
        {
          _gloss_extract_remove_measured (block);
          g_free (key);
        }
      else
        g_ptr_array_add (keys, key);
    }
}
