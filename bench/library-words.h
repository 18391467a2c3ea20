/* library-words.h — the vocabulary bench/library-generate writes articles from
 *
 * Word lists made up for the benchmark (no corpus was copied), commonest
 * words first in each list, so that a skewed pick gives text whose word
 * frequencies look like a real language's.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Words the driver (bench/library) searches for. The rare word is put into
 * about one article in 1,000, the phrase into part of the energy articles,
 * and the note word into some notes and nowhere in any article's text. */
#define LIBRARY_COMMON_WORD "people"
#define LIBRARY_RARE_WORD   "axolotl"
#define LIBRARY_PHRASE      "heat pump"
#define LIBRARY_NOTE_WORD   "marginalia"

typedef struct
{
  const char        *name;
  const char *const *words;    /* the topic's own words, NULL-terminated */
  const char *const *phrases;  /* set phrases of the topic */
  const char        *tag;
} LibraryTopic;

typedef struct
{
  const char        *code;        /* BCP 47, for <html lang> and the metadata */
  gboolean           spaced;      /* words are separated by spaces (not Chinese, Japanese) */
  const char *const *function;    /* articles, prepositions, particles… */
  const char *const *general;     /* content words, commonest first */
  const char *const *endings;     /* what ends a sentence (Japanese predicates), or NULL */
  const char *const *given_names;
  const char *const *family_names;
  const char        *and_word;    /* between the last two authors */
  const char        *percent;     /* after a number: " percent", " Prozent", " %" */
  const char        *full_stop;
  const char        *comma;
  const char        *open_quote;
  const char        *close_quote;
} LibraryLanguage;

typedef struct
{
  const char *name;
  const char *domain;
  const char *language;  /* the code of its language */
} LibrarySite;

extern const LibraryLanguage library_languages[];
extern const guint           library_n_languages;
extern const LibraryTopic    library_topics[];
extern const guint           library_n_topics;
extern const LibrarySite     library_sites[];
extern const guint           library_n_sites;
extern const char *const     library_notes[];       /* what readers write beside a highlight */
extern const char *const     library_page_notes[];
extern const char *const     library_extra_tags[];  /* tags of no topic: to-read, work… */

G_END_DECLS
