/* gloss-extract-private.h — what the files of the reader-mode extractor share
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every extraction attempt measures a copy of the page's body once and keeps
 * a NodeInfo in each element's _private, so the passes in
 * gloss-extract-score.c, gloss-extract-clean.c and gloss-extract-repeats.c
 * read counts instead of walking subtrees again.
 */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

#include "gloss-extract.h"

G_BEGIN_DECLS

/* Each attempt relaxes one of these, like Readability's retry flags. */
enum
{
  FLAG_STRIP_UNLIKELY      = 1 << 0,
  FLAG_WEIGHT_CLASSES      = 1 << 1,
  FLAG_CLEAN_CONDITIONALLY = 1 << 2,
};

enum
{
  TAG_REMOVE   = 1 << 0,  /* never content */
  TAG_BLOCK    = 1 << 1,  /* keeps a <div> from being read as a paragraph */
  TAG_PHRASING = 1 << 2,  /* may sit inside a paragraph */
  TAG_SCORE    = 1 << 3,  /* a paragraph that votes for its ancestors */
  TAG_MEDIA    = 1 << 4,  /* content without text */
  TAG_HEADING  = 1 << 5,
  TAG_BOILER   = 1 << 6,  /* page furniture, dropped when stripping */
};

typedef struct
{
  double   score;
  double   link_len;
  guint    text_len;
  guint    commas;
  guint    heading_len;
  guint    n_p;
  guint    n_img;
  guint    n_li;
  guint    n_input;
  guint    n_embed;
  guint    n_media;
  gboolean candidate;
} NodeInfo;

#define INFO(node) ((NodeInfo *) (node)->_private)

typedef struct
{
  xmlDoc              *doc;
  const GlossMetadata *meta;
  guint                flags;
  GPtrArray           *chunks;       /* NodeInfo blocks, freed with the attempt */
  NodeInfo            *chunk;
  guint                chunk_used;
  GPtrArray           *candidates;
  gboolean             in_comments;  /* the winner sits in a comment thread */
} Attempt;

typedef enum
{
  PATTERN_UNLIKELY,
  PATTERN_MAYBE,
  PATTERN_NEGATIVE,
  PATTERN_POSITIVE,
  PATTERN_SHARE,
  PATTERN_BYLINE,
  PATTERN_COMMENTS,
  PATTERN_RELATED,
  PATTERN_CAPTION,
  N_PATTERNS
} Pattern;

typedef struct
{
  char      *headline;
  GPtrArray *authors;
  char      *published;
  char      *site_name;
  char      *description;
  char      *image;
  char      *url;
  char      *language;
  char      *article_body;
  gboolean   found_article;
  char      *website_name;
} LinkedData;

/* gloss-extract-node.c: text helpers, tag flags, patterns, node counts */
gboolean  _gloss_extract_is_blank        (const char *s);
char     *_gloss_extract_collapse_spaces (const char *text);
char     *_gloss_extract_node_text       (xmlNode *node);
char     *_gloss_extract_text_key        (const char *text);
guint     _gloss_extract_count_words     (const char *text);
char     *_gloss_extract_dup_nonblank    (const char *text);
void      _gloss_extract_set_once        (char **slot,
                                          char  *value);
guint     _gloss_extract_tag_flags       (xmlNode *node);
gboolean  _gloss_extract_matches         (Pattern     pattern,
                                          const char *text);
char     *_gloss_extract_class_and_id    (xmlNode *node);
int       _gloss_extract_class_weight    (Attempt *a,
                                          xmlNode *node);
void      _gloss_extract_clear_private   (xmlNode *node);
double    _gloss_extract_link_density    (xmlNode *node);
void      _gloss_extract_measure         (Attempt *a,
                                          xmlNode *node);
void      _gloss_extract_remove_measured (xmlNode *node);

/* gloss-extract-jsonld.c */
void _gloss_extract_linked_data_clear (LinkedData *ld);
void _gloss_extract_read_linked_data  (LinkedData *ld,
                                       GPtrArray  *scripts);

/* gloss-extract-score.c: preparing, scoring and gathering */
gboolean  _gloss_extract_holds_quote             (xmlNode *node);
gboolean  _gloss_extract_is_related_heading_text (xmlNode *node);
gboolean  _gloss_extract_is_related_name         (xmlNode *node);
void      _gloss_extract_prune                   (Attempt  *a,
                                                  xmlNode  *node,
                                                  gboolean  in_table);
gboolean  _gloss_extract_is_whitespace_node      (xmlNode *node);
void      _gloss_extract_restructure             (Attempt *a,
                                                  xmlNode *node);
void      _gloss_extract_score_tree              (Attempt *a,
                                                  xmlNode *node);
guint     _gloss_extract_count_element_children  (xmlNode *node);
xmlNode  *_gloss_extract_pick_top_candidate      (Attempt *a);
xmlNode  *_gloss_extract_gather_article          (Attempt *a,
                                                  xmlNode *root,
                                                  xmlNode *top);

/* gloss-extract-clean.c */
void _gloss_extract_clean_conditionally     (Attempt *a,
                                             xmlNode *node,
                                             xmlNode *article);
void _gloss_extract_clean_furniture         (Attempt *a,
                                             xmlNode *node,
                                             xmlNode *article);
void _gloss_extract_remove_title_and_byline (Attempt *a,
                                             xmlNode *article);

/* gloss-extract-repeats.c */
void _gloss_extract_remove_repeated_blocks (xmlNode *article);

G_END_DECLS
