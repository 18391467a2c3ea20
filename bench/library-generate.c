/* library-generate.c — writes a large, realistic library for bench/library
 *
 *   library-generate DIR [--count N] [--seed S] [--annotated FRACTION]
 *                        [--highlights MEAN] [--sidecars all|annotated] [--jobs N]
 *   library-generate DIR --check
 *
 * Every archive is built by libgloss itself (a GlossPage made of generated
 * text, through gloss_archive_build ()), so it is what a clip writes; every
 * sidecar is a GlossSidecar serialized by libgloss, its highlights described
 * from the archive's own text model, as `gloss annotate` does. A clip always
 * writes a sidecar, so by default every article has one (tags, reading
 * progress); --annotated of them (0.1) also hold highlights and notes.
 * The same seed gives the same library, whatever --jobs. --check reads a
 * library back as Gloss reads it (archive info, sidecar, every highlight at
 * its position) and says what is wrong.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <utime.h>
#include <glib/gstdio.h>

#include "gloss-anchor.h"
#include "gloss-annotation.h"
#include "gloss-archive.h"
#include "gloss-article.h"
#include "gloss-extract.h"
#include "gloss-html.h"
#include "gloss-page.h"
#include "gloss-sidecar.h"

#include "library-words.h"

/* Saved dates run over these years, more of them recent. */
#define FIRST_SAVED "2016-01-01T00:00:00Z"
#define LAST_SAVED  "2026-11-01T00:00:00Z"
#define MIN_WORDS 300
#define MAX_WORDS 5000
#define MAX_HIGHLIGHTS 80
#define RARE_WORD_CHANCE 0.001

typedef struct
{
  const char *dir;
  guint       count;
  guint       seed;
  double      annotated;
  double      mean_highlights;
  gboolean    all_sidecars;
  guint       jobs;
  gboolean    check;
} Options;

/* One article while it is made. */
typedef struct
{
  GRand                 *rand;
  guint                  number;
  const LibraryLanguage *language;
  const LibraryTopic    *topic;
  const LibrarySite     *site;
  gboolean               rare_word;     /* the rare word still has to go in */
  GPtrArray             *sentences;     /* plain text of each sentence, for highlights */
  char                  *title;
  char                  *source;
  char                  *id;
  GDateTime             *saved;
} Article;

typedef struct
{
  guint archives;
  guint sidecars;
  guint highlights;
  guint notes;
  guint64 bytes;
} Totals;

static const Options *options;
static GMutex totals_lock;
static Totals totals;
static GHashTable *list_lengths;  /* word list → its length, filled before any thread */

/* Word lists */

static guint
list_length (const char *const *list)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (list_lengths, list));
}

static void
add_list (const char *const *list)
{
  if (list != NULL)
    g_hash_table_insert (list_lengths, (gpointer) list,
                         GUINT_TO_POINTER (g_strv_length ((char **) list)));
}

static void
count_word_lists (void)
{
  list_lengths = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < library_n_languages; i++)
    {
      const LibraryLanguage *language = &library_languages[i];

      add_list (language->function);
      add_list (language->general);
      add_list (language->endings);
      add_list (language->given_names);
      add_list (language->family_names);
    }
  for (guint i = 0; i < library_n_topics; i++)
    {
      add_list (library_topics[i].words);
      add_list (library_topics[i].phrases);
    }
  add_list (library_notes);
  add_list (library_page_notes);
  add_list (library_extra_tags);
}

/* Any word of @list, the first ones more often: rank r comes with a chance
 * near 1 / (r + q) (a Zipf–Mandelbrot law, as word frequencies follow). */
static const char *
pick_skewed (GRand             *rand,
             const char *const *list)
{
  guint n = list_length (list);
  double q = 1.0 + n / 20.0;
  guint i = q * pow ((n + q) / q, g_rand_double (rand)) - q;

  return list[MIN (i, n - 1)];
}

static const char *
pick (GRand             *rand,
      const char *const *list)
{
  return list[g_rand_int_range (rand, 0, list_length (list))];
}

static gboolean
chance (GRand  *rand,
        double  probability)
{
  return g_rand_double (rand) < probability;
}

/* Sentences */

static void
append_capitalized (GString    *out,
                    const char *word)
{
  gunichar first = g_utf8_get_char (word);

  g_string_append_unichar (out, g_unichar_toupper (first));
  g_string_append (out, g_utf8_next_char (word));
}

static void
append_person (GString *out,
               Article *article)
{
  const LibraryLanguage *language = article->language;
  const char *given = pick (article->rand, language->given_names);
  const char *family = pick (article->rand, language->family_names);

  if (language->spaced)
    g_string_append_printf (out, "%s %s", given, family);
  else
    g_string_append_printf (out, "%s%s", family, given);
}

static void
append_number (GString *out,
               Article *article)
{
  GRand *rand = article->rand;

  if (chance (rand, 0.5))
    g_string_append_printf (out, "%d", g_rand_int_range (rand, 1950, 2027));
  else
    g_string_append_printf (out, "%d%s", g_rand_int_range (rand, 2, 98), article->language->percent);
}

/* One word of running text: a function word, a word of the topic, a name,
 * a number, or any content word. */
static void
append_word (GString *out,
             Article *article)
{
  GRand *rand = article->rand;
  const LibraryLanguage *language = article->language;
  double kind = g_rand_double (rand);

  if (kind < 0.40)
    g_string_append (out, pick_skewed (rand, language->function));
  else if (kind < 0.41)
    append_person (out, article);
  else if (kind < 0.43)
    append_number (out, article);
  else if (article->topic != NULL && kind < 0.61)
    g_string_append (out, pick_skewed (rand, article->topic->words));
  else
    g_string_append (out, pick_skewed (rand, language->general));
}

static char *
make_spaced_sentence (Article  *article,
                      gboolean  in_body)
{
  GRand *rand = article->rand;
  guint n = g_rand_int_range (rand, 6, 29);
  guint phrase_at = chance (rand, 0.15) ? (guint) g_rand_int_range (rand, 1, n) : G_MAXUINT;
  guint rare_at = in_body && article->rare_word ? (guint) g_rand_int_range (rand, 1, n) : G_MAXUINT;
  g_autoptr(GString) words = g_string_new (NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (words, ' ');
      if (i == rare_at)
        g_string_append (words, LIBRARY_RARE_WORD);
      else if (i == phrase_at && article->topic != NULL)
        g_string_append (words, pick (rand, article->topic->phrases));
      else
        append_word (words, article);
      if (i + 1 < n && chance (rand, 0.06))
        g_string_append (words, article->language->comma);
    }
  if (rare_at != G_MAXUINT)
    article->rare_word = FALSE;
  append_capitalized (out, words->str);
  g_string_append (out, chance (rand, 0.03) ? "?" : article->language->full_stop);
  return g_string_free (out, FALSE);
}

/* Chinese and Japanese: no spaces; Japanese puts a particle after each noun
 * and a predicate last. */
static char *
make_unspaced_sentence (Article *article)
{
  GRand *rand = article->rand;
  const LibraryLanguage *language = article->language;
  guint n = g_rand_int_range (rand, 3, 9);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (chance (rand, 0.05))
        append_person (out, article);
      else
        g_string_append (out, pick_skewed (rand, language->general));
      if (language->endings != NULL || chance (rand, 0.5))
        g_string_append (out, pick_skewed (rand, language->function));
      if (i + 1 < n && chance (rand, 0.12))
        g_string_append (out, language->comma);
    }
  if (language->endings != NULL)
    g_string_append (out, pick (rand, language->endings));
  else
    g_string_append (out, pick_skewed (rand, language->general));
  g_string_append (out, language->full_stop);
  return g_string_free (out, FALSE);
}

/* A sentence of the body, kept for highlights to quote. */
static const char *
make_sentence (Article *article)
{
  char *sentence = article->language->spaced ? make_spaced_sentence (article, TRUE)
                                             : make_unspaced_sentence (article);

  g_ptr_array_add (article->sentences, sentence);
  return sentence;
}

/* A run of words: a heading, a title. */
static char *
make_words (Article *article,
            guint    n)
{
  const LibraryLanguage *language = article->language;
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) word = g_string_new (NULL);

      if (i > 0 && language->spaced)
        g_string_append_c (out, ' ');
      if (article->topic != NULL && chance (article->rand, 0.4))
        g_string_append (word, pick_skewed (article->rand, article->topic->words));
      else
        g_string_append (word, pick_skewed (article->rand, language->general));
      if (i == 0)
        append_capitalized (out, word->str);
      else
        g_string_append (out, word->str);
    }
  return g_string_free (out, FALSE);
}

/* The article's body */

/* The sentence as HTML, a word of it now and then emphasized or linked (the
 * text model is the same: markup adds no text). */
static void
append_sentence_html (GString    *html,
                      Article    *article,
                      const char *sentence)
{
  g_auto(GStrv) words = NULL;
  guint marked;

  if (!article->language->spaced || !chance (article->rand, 0.12))
    {
      g_autofree char *escaped = g_markup_escape_text (sentence, -1);
      g_string_append (html, escaped);
      return;
    }
  words = g_strsplit (sentence, " ", -1);
  marked = g_rand_int_range (article->rand, 0, g_strv_length (words));
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (words[i], -1);

      if (i > 0)
        g_string_append_c (html, ' ');
      if (i != marked)
        g_string_append (html, escaped);
      else if (chance (article->rand, 0.5))
        g_string_append_printf (html, "<em>%s</em>", escaped);
      else
        g_string_append_printf (html, "<a href=\"https://www.%s/%u\">%s</a>",
                                article->site->domain, g_rand_int (article->rand), escaped);
    }
}

static guint
count_words (const LibraryLanguage *language,
             const char            *sentence)
{
  guint n = 1;

  if (!language->spaced)
    return g_utf8_strlen (sentence, -1) / 2;
  for (const char *p = sentence; *p; p++)
    n += *p == ' ';
  return n;
}

/* Returns how many words it wrote (sentences, for unspaced languages, count
 * as many words as they have tokens, about 2 characters each). */
static guint
append_paragraph (GString *html,
                  Article *article,
                  guint    sentences)
{
  guint words = 0;

  g_string_append (html, "<p>");
  for (guint i = 0; i < sentences; i++)
    {
      const char *sentence = make_sentence (article);

      if (i > 0 && article->language->spaced)
        g_string_append_c (html, ' ');
      append_sentence_html (html, article, sentence);
      words += count_words (article->language, sentence);
    }
  g_string_append (html, "</p>\n");
  return words;
}

static guint
append_quote_block (GString *html,
                    Article *article)
{
  const LibraryLanguage *language = article->language;
  const char *sentence = make_sentence (article);
  g_autofree char *escaped = g_markup_escape_text (sentence, -1);

  g_string_append_printf (html, "<blockquote><p>%s%s%s</p></blockquote>\n",
                          language->open_quote, escaped, language->close_quote);
  return 20;
}

static guint
append_list (GString *html,
             Article *article)
{
  guint items = g_rand_int_range (article->rand, 3, 7);

  g_string_append (html, "<ul>\n");
  for (guint i = 0; i < items; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (make_sentence (article), -1);
      g_string_append_printf (html, "<li>%s</li>\n", escaped);
    }
  g_string_append (html, "</ul>\n");
  return items * 15;
}

/* A small picture, as a clip embeds one: a 24-bit BMP (a format every browser
 * shows, and simple to write), a gradient with some noise, in a data: URI. */
static char *
make_picture (GRand *rand)
{
  guint width = g_rand_int_range (rand, 96, 161), height = width * 2 / 3;
  guint row = (width * 3 + 3) & ~3u, size = 54 + row * height;
  g_autofree guchar *bmp = g_malloc0 (size);
  guint8 r = g_rand_int (rand), g = g_rand_int (rand), b = g_rand_int (rand);
  g_autofree char *base64 = NULL;
  const guint32 header[] = { size, 0, 54, 40, width, height, 1 | (24 << 16), 0, row * height,
                             2835, 2835, 0, 0 };

  bmp[0] = 'B';
  bmp[1] = 'M';
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      guint32 le = GUINT32_TO_LE (header[i]);
      memcpy (bmp + 2 + 4 * i, &le, 4);
    }
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        guchar *pixel = bmp + 54 + y * row + x * 3;
        guint noise = g_rand_int_range (rand, 0, 24);
        pixel[0] = (b + x + noise) & 0xff;
        pixel[1] = (g + y + noise) & 0xff;
        pixel[2] = (r + x + y) & 0xff;
      }
  base64 = g_base64_encode (bmp, size);
  return g_strconcat ("data:image/bmp;base64,", base64, NULL);
}

static void
append_figure (GString *html,
               Article *article)
{
  g_autofree char *src = make_picture (article->rand);
  g_autofree char *caption = make_words (article, g_rand_int_range (article->rand, 3, 9));
  g_autofree char *escaped = g_markup_escape_text (caption, -1);

  g_string_append_printf (html, "<figure><img src=\"%s\" alt=\"%s\"><figcaption>%s</figcaption>"
                          "</figure>\n", src, escaped, escaped);
}

/* Lengths from 300 to 5,000 words, evenly on a log scale (a median near
 * 1,200 words, as articles people save). */
static guint
pick_length (GRand *rand)
{
  return MIN_WORDS * pow ((double) MAX_WORDS / MIN_WORDS, g_rand_double (rand));
}

static char *
make_body (Article *article)
{
  GRand *rand = article->rand;
  guint target = pick_length (rand), words = 0, pictures = 0, since_heading = 0;
  GString *html = g_string_new ("<!DOCTYPE html><html><body><div>\n");

  if (chance (rand, 0.3))
    append_figure (html, article);
  if (chance (rand, 0.1))
    pictures = g_rand_int_range (rand, 2, 6);
  while (words < target)
    {
      double kind = g_rand_double (rand);

      if (since_heading > 3 && chance (rand, 0.25))
        {
          g_autofree char *heading = make_words (article, g_rand_int_range (rand, 2, 7));
          g_autofree char *escaped = g_markup_escape_text (heading, -1);

          g_string_append_printf (html, "<h2>%s</h2>\n", escaped);
          since_heading = 0;
        }
      if (kind < 0.04)
        words += append_quote_block (html, article);
      else if (kind < 0.08)
        words += append_list (html, article);
      else if (kind < 0.10 && pictures > 0 && pictures--)
        append_figure (html, article);
      else
        words += append_paragraph (html, article, g_rand_int_range (rand, 2, 7));
      since_heading++;
    }
  g_string_append (html, "</div></body></html>\n");
  return g_string_free (html, FALSE);
}

/* Who, what, where and when */

static const LibraryLanguage *
pick_language (GRand *rand)
{
  static const double shares[] = { 0.80, 0.08, 0.07, 0.03, 0.02 };  /* en de fr zh ja */
  double r = g_rand_double (rand);

  for (guint i = 0; i < library_n_languages; i++)
    if ((r -= shares[i]) < 0)
      return &library_languages[i];
  return &library_languages[0];
}

static const LibrarySite *
pick_site (GRand                 *rand,
           const LibraryLanguage *language)
{
  guint n = 0, which;

  for (guint i = 0; i < library_n_sites; i++)
    n += g_str_equal (library_sites[i].language, language->code);
  which = g_rand_int_range (rand, 0, n);
  for (guint i = 0; i < library_n_sites; i++)
    if (g_str_equal (library_sites[i].language, language->code) && which-- == 0)
      return &library_sites[i];
  g_assert_not_reached ();
  return NULL;
}

static char *
make_byline (Article *article)
{
  const LibraryLanguage *language = article->language;
  double r = g_rand_double (article->rand);
  guint authors = r < 0.1 ? 0 : r < 0.8 ? 1 : r < 0.95 ? 2 : 3;
  GString *out;

  if (authors == 0)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i < authors; i++)
    {
      if (i > 0 && i + 1 == authors)
        g_string_append_printf (out, language->spaced ? " %s " : "%s", language->and_word);
      else if (i > 0)
        g_string_append (out, language->spaced ? ", " : "、");
      append_person (out, article);
    }
  return g_string_free (out, FALSE);
}

/* Between FIRST_SAVED and LAST_SAVED, denser towards the end, as a library
 * grows. */
static GDateTime *
pick_saved (GRand *rand)
{
  g_autoptr(GDateTime) first = g_date_time_new_from_iso8601 (FIRST_SAVED, NULL);
  g_autoptr(GDateTime) last = g_date_time_new_from_iso8601 (LAST_SAVED, NULL);
  GTimeSpan span = g_date_time_difference (last, first);

  return g_date_time_add (first, (GTimeSpan) (span * sqrt (g_rand_double (rand))));
}

/* Mostly a few days before it was saved, sometimes years; as a date-time
 * with an offset, or a bare date; unknown for some. */
static char *
make_published (Article *article)
{
  GRand *rand = article->rand;
  double days = chance (rand, 0.8) ? g_rand_double_range (rand, 0, 10)
                                   : g_rand_double_range (rand, 10, 2000);
  g_autoptr(GDateTime) date = g_date_time_add_seconds (article->saved, -days * 86400);

  if (chance (rand, 0.12))
    return NULL;
  if (chance (rand, 0.3))
    return g_date_time_format (date, "%Y-%m-%d");
  return g_date_time_format (date, "%Y-%m-%dT%H:%M:00+00:00");
}

static char *
make_source (Article *article)
{
  g_autofree char *slug = gloss_archive_slugify (article->title);
  g_autofree char *date = g_date_time_format (article->saved, "%Y/%m");

  if (g_str_equal (slug, "article"))
    return g_strdup_printf ("https://www.%s/%s/%u.html", article->site->domain, date,
                            article->number);
  return g_strdup_printf ("https://www.%s/%s/%s-%u", article->site->domain, date, slug,
                          article->number);
}

/* English headlines from patterns: {t} a word of the topic, {p} a phrase
 * of it, {g} any content word, {n} a person. */
static const char *const headlines[] = {
  "How the {t} {g} the {p}", "Why {p} matters for {g}", "The {g} of {t}",
  "{t}, {t} and the {g}", "Inside the {t} {g}", "What {g} {g} about {p}",
  "{n} on the {g} of {t}", "A {g} {t} for the {g}", "The {t} {g} nobody {g}",
  "After the {p}, a {g} {g}", "Is {p} the {g} {g}?", "The long {g} of {t}",
  "{g} and {t}: the {g} of {p}", "{n} wants to {g} the {t}", "Ten {g} about {t}", NULL
};

static void
append_placeholder (GString *out,
                    Article *article,
                    char     kind)
{
  switch (kind)
    {
    case 't': g_string_append (out, pick_skewed (article->rand, article->topic->words)); break;
    case 'p': g_string_append (out, pick (article->rand, article->topic->phrases)); break;
    case 'g': g_string_append (out, pick_skewed (article->rand, article->language->general)); break;
    case 'n': append_person (out, article); break;
    default: g_assert_not_reached ();
    }
}

static char *
make_headline (Article *article)
{
  const char *pattern = headlines[g_rand_int_range (article->rand, 0, G_N_ELEMENTS (headlines) - 1)];
  g_autoptr(GString) words = g_string_new (NULL);
  GString *out = g_string_new (NULL);

  for (const char *p = pattern; *p; p++)
    {
      if (p[0] == '{' && p[1] != '\0' && p[2] == '}')
        {
          append_placeholder (words, article, p[1]);
          p += 2;
        }
      else
        g_string_append_c (words, *p);
    }
  append_capitalized (out, words->str);
  return g_string_free (out, FALSE);
}

static char *
make_title (Article *article)
{
  g_autofree char *words = NULL;
  g_autofree char *rest = NULL;

  if (article->topic != NULL)
    return make_headline (article);
  words = make_words (article, g_rand_int_range (article->rand, 3, 9));
  if (!article->language->spaced || !chance (article->rand, 0.2))
    return g_steal_pointer (&words);
  rest = make_words (article, g_rand_int_range (article->rand, 2, 6));
  return g_strdup_printf ("%s: %s", words, rest);
}

/* Archives */

static GlossMetadata *
make_metadata (Article *article)
{
  GlossMetadata *meta = g_new0 (GlossMetadata, 1);

  meta->title = g_strdup (article->title);
  meta->byline = make_byline (article);
  meta->site_name = g_strdup (article->site->name);
  meta->published = make_published (article);
  meta->language = g_strdup (article->language->code);
  meta->description = article->language->spaced ? make_spaced_sentence (article, FALSE)
                                                : make_unspaced_sentence (article);
  meta->canonical_url = g_strdup (article->source);
  return meta;
}

/* The page a clip would have extracted: metadata and a <div> of content. */
static GlossPage *
make_page (Article *article)
{
  GlossPage *page = g_new0 (GlossPage, 1);
  g_autofree char *body = NULL;

  page->url = g_strdup (article->source);
  page->mode = GLOSS_CLIP_MODE_READER;
  page->meta = make_metadata (article);
  body = make_body (article);
  page->doc = gloss_html_parse (body, strlen (body));
  page->content = gloss_html_find_element (gloss_html_body (page->doc), "div");
  xmlUnlinkNode (page->content);
  gloss_page_sanitize (page);
  return page;
}

static void
set_mtime (const char *path,
           GDateTime  *when)
{
  struct utimbuf times = { g_date_time_to_unix (when), g_date_time_to_unix (when) };

  if (utime (path, &times) != 0)
    g_printerr ("library-generate: could not date %s: %s\n", path, g_strerror (errno));
}

static gboolean
write_file (const char  *path,
            const char  *data,
            GDateTime   *mtime,
            GError     **error)
{
  if (!g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_NONE, 0644, error))
    return FALSE;
  set_mtime (path, mtime);
  g_mutex_lock (&totals_lock);
  totals.bytes += strlen (data);
  g_mutex_unlock (&totals_lock);
  return TRUE;
}

static char *
write_archive (Article  *article,
               GError  **error)
{
  g_autoptr(GlossPage) page = make_page (article);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *html = gloss_archive_build (page, article->source, article->saved, missing,
                                               error);
  g_autofree char *path = NULL;

  if (html == NULL)
    return NULL;
  article->id = gloss_archive_make_id (article->title, article->source);
  path = g_strdup_printf ("%s/%s.html", options->dir, article->id);
  if (!write_file (path, html, article->saved, error))
    return NULL;
  return g_steal_pointer (&html);
}

/* Sidecars */

static char *
format_time (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S.000Z");
}

/* A random (version 4) UUID from the article's generator, so a seed gives
 * the same ids. */
static char *
make_urn (GRand *rand)
{
  guint32 w[4];

  for (guint i = 0; i < 4; i++)
    w[i] = g_rand_int (rand);
  return g_strdup_printf ("urn:uuid:%08x-%04x-4%03x-%04x-%04x%08x", w[0], w[1] >> 16,
                          w[1] & 0xfff, 0x8000 | (w[2] & 0x3fff), w[2] >> 16, w[3]);
}

/* Part of a sentence, as people select: a few words of it or all of it
 * (for Chinese and Japanese, whole sentences). A sentence already quoted is
 * not quoted again while there are others. */
static char *
pick_quote (Article    *article,
            GHashTable *quoted)
{
  GRand *rand = article->rand;
  guint which = g_rand_int_range (rand, 0, article->sentences->len);
  const char *sentence;
  g_auto(GStrv) words = NULL;
  guint n, from, length = g_rand_int_range (rand, 3, 13);

  for (guint tries = 0; tries < 8 && g_hash_table_contains (quoted, GUINT_TO_POINTER (which)); tries++)
    which = g_rand_int_range (rand, 0, article->sentences->len);
  g_hash_table_add (quoted, GUINT_TO_POINTER (which));
  sentence = article->sentences->pdata[which];
  if (!article->language->spaced || chance (rand, 0.4))
    return g_strdup (sentence);
  words = g_strsplit (sentence, " ", -1);
  n = g_strv_length (words);
  length = MIN (n, length);
  from = g_rand_int_range (rand, 0, n - length + 1);
  g_free (words[from + length]);
  words[from + length] = NULL;
  return g_strjoinv (" ", words + from);
}

static const char *
pick_color (GRand *rand)
{
  static const char *const colors[] = { "yellow", "yellow", "yellow", "yellow", "yellow",
                                        "green", "green", "blue", "blue", "pink", "purple" };

  return colors[g_rand_int_range (rand, 0, G_N_ELEMENTS (colors))];
}

static char *
make_note (GRand *rand)
{
  if (chance (rand, 0.04))
    return g_strdup_printf ("Keep with the other %s on this.", LIBRARY_NOTE_WORD);
  return g_strdup (pick (rand, library_notes));
}

/* A highlight on @quote, found in @text (the archive's text model) and
 * described from there as `gloss annotate` describes it. */
static GlossAnnotation *
make_highlight (Article    *article,
                const char *text,
                const char *quote,
                const char *saved)
{
  GRand *rand = article->rand;
  const char *found = strstr (text, quote);
  g_autoptr(GDateTime) created = NULL;
  GlossAnnotation *annotation;
  gint64 start;

  if (found == NULL)
    g_error ("library-generate: “%s” is not in the text of %s", quote, article->id);
  start = g_utf8_pointer_to_offset (text, found);
  annotation = gloss_annotation_new ();
  g_free (annotation->id);
  annotation->id = make_urn (rand);
  g_clear_pointer (&annotation->prefix, g_free);
  g_clear_pointer (&annotation->suffix, g_free);
  g_clear_pointer (&annotation->exact, g_free);
  annotation->start = start;
  annotation->end = start + g_utf8_strlen (quote, -1);
  gloss_anchor_describe (text, annotation->start, annotation->end, &annotation->exact,
                         &annotation->prefix, &annotation->suffix);
  g_free (annotation->color);
  annotation->color = g_strdup (pick_color (rand));
  if (chance (rand, 0.35))
    annotation->note = make_note (rand);
  created = g_date_time_add_seconds (article->saved, g_rand_double_range (rand, 60, 90 * 86400.0));
  g_free (annotation->created);
  annotation->created = format_time (created);
  g_free (annotation->modified);
  annotation->modified = g_strdup (annotation->created);
  gloss_annotation_set_source_date (annotation, saved);
  return annotation;
}

static guint
pick_highlight_count (GRand *rand)
{
  /* Exponential around the mean: many articles with a few, some with dozens. */
  double n = -options->mean_highlights * log (1.0 - g_rand_double (rand));

  return CLAMP ((guint) n, 1, MAX_HIGHLIGHTS);
}

static void
add_highlights (GlossSidecar *sidecar,
                Article      *article,
                const char   *html)
{
  g_autoptr(xmlDoc) doc = gloss_html_parse (html, strlen (html));
  g_autofree char *text = gloss_anchor_document_text (doc);
  g_autofree char *saved = g_date_time_format (article->saved, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr(GHashTable) quoted = g_hash_table_new (NULL, NULL);
  guint n = pick_highlight_count (article->rand);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *quote = pick_quote (article, quoted);
      GlossAnnotation *annotation = make_highlight (article, text, quote, saved);

      g_mutex_lock (&totals_lock);
      totals.highlights++;
      totals.notes += annotation->note != NULL;
      g_mutex_unlock (&totals_lock);
      gloss_sidecar_add (sidecar, annotation);
    }
  if (chance (article->rand, 0.3))
    sidecar->note = g_strdup (pick (article->rand, library_page_notes));
}

static void
add_tags (GlossSidecar *sidecar,
          Article      *article)
{
  GRand *rand = article->rand;

  if (chance (rand, 0.6))
    g_ptr_array_add (sidecar->tags, g_strdup (article->topic ? article->topic->tag
                                                             : article->language->code));
  if (chance (rand, 0.3))
    g_ptr_array_add (sidecar->tags, g_strdup (pick (rand, library_extra_tags)));
  if (chance (rand, 0.1))
    g_ptr_array_add (sidecar->tags, g_strdup (library_topics[g_rand_int_range (rand, 0, library_n_topics)].tag));
}

/* When the sidecar was last written: its latest highlight, or the clip. */
static GDateTime *
last_change (GlossSidecar *sidecar,
             GDateTime    *saved)
{
  const char *latest = NULL;

  for (guint i = 0; i < sidecar->annotations->len; i++)
    {
      GlossAnnotation *annotation = sidecar->annotations->pdata[i];
      if (latest == NULL || strcmp (annotation->modified, latest) > 0)
        latest = annotation->modified;
    }
  return latest ? g_date_time_new_from_iso8601 (latest, NULL) : g_date_time_ref (saved);
}

static gboolean
write_sidecar (Article     *article,
               const char  *html,
               gboolean     annotated,
               GError     **error)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.notes.json", options->dir, article->id);
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_new (path);
  g_autofree char *data = NULL;
  g_autoptr(GDateTime) last = NULL;

  sidecar->archive = g_strconcat (article->id, ".html", NULL);
  sidecar->source = g_strdup (article->source);
  sidecar->title = g_strdup (article->title);
  sidecar->saved = g_date_time_format (article->saved, "%Y-%m-%dT%H:%M:%SZ");
  sidecar->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, html, -1);
  if (chance (article->rand, 0.35))
    add_tags (sidecar, article);
  if (chance (article->rand, 0.5))
    sidecar->progress = chance (article->rand, 0.4) ? 1.0 : g_rand_double (article->rand);
  if (annotated)
    add_highlights (sidecar, article, html);
  data = gloss_sidecar_to_data (sidecar);
  last = last_change (sidecar, article->saved);
  return write_file (path, data, last, error);
}

/* Reading back */

/* Every highlight must still lie where it was described: read back as
 * Gloss reads an article, at its position with the same text. */
static guint
check_highlights (const char *archive,
                  const char *sidecar_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossArticle) article = gloss_article_open (archive, sidecar_path, &error);
  guint wrong = 0;

  if (article == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < article->sidecar->annotations->len; i++)
    {
      GlossAnnotation *annotation = article->sidecar->annotations->pdata[i];
      gint64 start, end;

      if (gloss_anchor_find (article->text, annotation->exact, annotation->prefix,
                             annotation->suffix, annotation->start, annotation->end,
                             &start, &end) != GLOSS_ANCHOR_POSITION)
        {
          g_printerr ("%s: %s does not anchor at its position\n", sidecar_path, annotation->id);
          wrong++;
        }
    }
  g_mutex_lock (&totals_lock);
  totals.highlights += article->sidecar->annotations->len;
  g_mutex_unlock (&totals_lock);
  return wrong;
}

static guint
check_article (const char *archive)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossArchiveInfo) info = gloss_archive_read_info (archive, &error);
  g_autofree char *sidecar_path = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;

  if (info == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  totals.archives++;
  sidecar_path = g_strdup_printf ("%.*s.notes.json", (int) strlen (archive) - 5, archive);
  if (!g_file_test (sidecar_path, G_FILE_TEST_EXISTS))
    return 0;
  if ((sidecar = gloss_sidecar_read (sidecar_path, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  totals.sidecars++;
  return sidecar->annotations->len > 0 ? check_highlights (archive, sidecar_path) : 0;
}

static int
check_library (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (options->dir, 0, &error);
  const char *name;
  guint wrong = 0;

  if (dir == NULL)
    {
      g_printerr ("library-generate: %s\n", error->message);
      return 1;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".html"))
      {
        g_autofree char *path = g_build_filename (options->dir, name, NULL);
        wrong += check_article (path);
      }
  g_print ("%u archives, %u sidecars, %u highlights read back; %u wrong\n", totals.archives,
           totals.sidecars, totals.highlights, wrong);
  return wrong == 0 ? 0 : 1;
}

/* One article */

static void
article_free (Article *article)
{
  g_rand_free (article->rand);
  g_ptr_array_unref (article->sentences);
  g_free (article->title);
  g_free (article->source);
  g_free (article->id);
  g_date_time_unref (article->saved);
  g_free (article);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Article, article_free)

static Article *
article_new (guint number)
{
  Article *article = g_new0 (Article, 1);
  guint32 seed[] = { options->seed, number };

  article->rand = g_rand_new_with_seed_array (seed, G_N_ELEMENTS (seed));
  article->number = number;
  article->language = pick_language (article->rand);
  article->site = pick_site (article->rand, article->language);
  if (g_str_equal (article->language->code, "en"))
    {
      article->topic = &library_topics[g_rand_int_range (article->rand, 0, library_n_topics)];
      article->rare_word = chance (article->rand, RARE_WORD_CHANCE);
    }
  article->sentences = g_ptr_array_new_null_terminated (64, g_free, TRUE);
  article->saved = pick_saved (article->rand);
  article->title = make_title (article);
  article->source = make_source (article);
  return article;
}

static gboolean
generate_one (guint    number,
              GError **error)
{
  g_autoptr(Article) article = article_new (number);
  gboolean annotated = chance (article->rand, options->annotated);
  g_autofree char *html = write_archive (article, error);

  if (html == NULL)
    return FALSE;
  if ((annotated || options->all_sidecars) && !write_sidecar (article, html, annotated, error))
    return FALSE;
  g_mutex_lock (&totals_lock);
  totals.archives++;
  totals.sidecars += annotated || options->all_sidecars;
  g_mutex_unlock (&totals_lock);
  return TRUE;
}

/* @number is the article's number plus one: a thread pool takes no NULL. */
static void
generate_in_thread (gpointer number,
                    gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  if (!generate_one (GPOINTER_TO_UINT (number) - 1, &error))
    g_error ("library-generate: %s", error->message);
}

static void
generate_all (void)
{
  g_autoptr(GError) error = NULL;
  GThreadPool *pool;

  if (options->jobs <= 1)
    {
      for (guint i = 0; i < options->count; i++)
        generate_in_thread (GUINT_TO_POINTER (i + 1), NULL);
      return;
    }
  pool = g_thread_pool_new (generate_in_thread, NULL, options->jobs, TRUE, &error);
  if (pool == NULL)
    g_error ("library-generate: %s", error->message);
  for (guint i = 0; i < options->count; i++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
}

static gboolean
parse_options (int       argc,
               char    **argv,
               Options  *out)
{
  g_autofree char *sidecars = NULL;
  int count = 10000, seed = 13, jobs = 1;
  gboolean check = FALSE;
  double annotated = 0.1, highlights = 20;
  g_auto(GStrv) rest = NULL;
  GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &count, "Articles to write (10000)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "The same seed gives the same library (13)", "S" },
    { "annotated", 0, 0, G_OPTION_ARG_DOUBLE, &annotated, "Share with highlights (0.1)", "F" },
    { "highlights", 0, 0, G_OPTION_ARG_DOUBLE, &highlights, "Mean highlights of those (20)", "N" },
    { "sidecars", 0, 0, G_OPTION_ARG_STRING, &sidecars, "all (as clips make them) or annotated", "WHICH" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, "Threads (1)", "N" },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check, "Write nothing: read DIR back through libgloss", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR — write a library to benchmark");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || rest == NULL || rest[1] != NULL ||
      count < 1 || jobs < 1 || annotated < 0 || annotated > 1 || highlights < 1 ||
      (sidecars != NULL && !g_str_equal (sidecars, "all") && !g_str_equal (sidecars, "annotated")))
    {
      g_printerr ("%s\n", error ? error->message : "Usage: library-generate DIR [OPTION…]");
      return FALSE;
    }
  out->dir = g_strdup (rest[0]);
  out->count = count;
  out->seed = seed;
  out->annotated = annotated;
  out->mean_highlights = highlights;
  out->all_sidecars = sidecars == NULL || g_str_equal (sidecars, "all");
  out->jobs = jobs;
  out->check = check;
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  static Options parsed;
  gint64 start = g_get_monotonic_time ();

  if (!parse_options (argc, argv, &parsed))
    return 2;
  options = &parsed;
  if (options->check)
    return check_library ();
  if (g_mkdir_with_parents (options->dir, 0755) != 0)
    {
      g_printerr ("library-generate: could not make %s: %s\n", options->dir, g_strerror (errno));
      return 1;
    }
  count_word_lists ();
  generate_all ();
  g_print ("%u archives, %u sidecars, %u highlights (%u with a note), %.1f MiB in %s, %.1f s\n",
           totals.archives, totals.sidecars, totals.highlights, totals.notes,
           totals.bytes / 1048576.0, options->dir, (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
