/* test-extract.c — reader-mode metadata, main content and plain text
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-extract.h"
#include "gloss-html.h"
#include "gloss-test-utils.h"
#include "gloss-text.h"

static xmlDoc *
parse_string (const char *html)
{
  return gloss_html_parse (html, strlen (html));
}

static xmlDoc *
load_page (const char *name)
{
  gsize length;
  g_autofree char *data = gloss_test_read_data_file ("extract", name, &length);
  g_autofree char *utf8 = NULL;

  utf8 = gloss_html_decode (data, length, NULL, NULL, NULL);
  return gloss_html_parse (utf8, strlen (utf8));
}

/* The plain text a reader gets from @name, plus its metadata. */
static char *
extract_text (const char     *name,
              GlossMetadata **out_meta)
{
  g_autoptr(xmlDoc) doc = load_page (name);
  g_autoptr(GlossMetadata) meta = gloss_metadata_extract (doc, "https://example.org/page");
  xmlNode *content = gloss_extract_content (doc, meta);
  char *text;

  g_assert_nonnull (content);
  g_assert_true (content->parent == NULL);
  g_assert_true (content->doc == doc);
  g_assert_true (gloss_html_is_element (content, "div"));
  text = gloss_text_from_node (content);
  xmlFreeNode (content);
  if (out_meta != NULL)
    *out_meta = g_steal_pointer (&meta);
  return text;
}

#define assert_contains(haystack, needle) \
  g_assert_nonnull (strstr ((haystack), (needle)))
#define assert_lacks(haystack, needle) \
  g_assert_null (strstr ((haystack), (needle)))

/* Content ------------------------------------------------------------------ */

static void
test_comments_after_article (void)
{
  g_autofree char *text = extract_text ("comments-after-article.html", NULL);

  assert_contains (text, "For three hundred years the river ran west of the mill");
  assert_contains (text, "a week of rain loosened the bank above the weir");
  assert_contains (text, "the surveyor's careful pencil notes");
  assert_contains (text, "only the mill race, dry and full of nettles");
  assert_lacks (text, "My grandfather fished");
  assert_lacks (text, "3 comments");
  assert_lacks (text, "Post comment");
  assert_lacks (text, "All rights reserved");
  assert_lacks (text, "Weather");
  /* The title heading repeats the metadata and goes in the archive's header. */
  assert_lacks (text, "How the river changed course");
}

static void
test_newsletter_in_body (void)
{
  g_autofree char *text = extract_text ("newsletter-in-body.html", NULL);

  assert_contains (text, "she dances, and the other workers read the dance like a map");
  assert_contains (text, "The waggle run points the way");
  assert_contains (text, "Karl von Frisch decoded the dance");
  assert_contains (text, "feeling the vibrations of the dancer");
  assert_lacks (text, "Nature Notes newsletter");
  assert_lacks (text, "Sign up for our weekly email");
  assert_lacks (text, "Advertisement");
  assert_lacks (text, "Subscribe");
}

static void
test_article_split_across_siblings (void)
{
  g_autofree char *text = extract_text ("article-split-across-siblings.html", NULL);

  assert_contains (text, "The last keeper left the Skerry light in 1987");
  assert_contains (text, "three men at a time had lived on the rock");
  assert_contains (text, "Supplies came by boat once a fortnight");
  assert_contains (text, "a technician who flew in by helicopter");
  assert_contains (text, "\nAutomation\n");
  /* The figure between the two blocks is part of the story, caption too. */
  assert_contains (text, "The Skerry light at dusk, photographed in 1979.");
  assert_lacks (text, "Most read");
  assert_lacks (text, "Ten best beaches");
  assert_lacks (text, "History");
}

static void
test_related_stories (void)
{
  g_autofree char *text = extract_text ("related-stories.html", NULL);

  assert_contains (text, "On Sunday mornings the centre of the city falls silent");
  assert_contains (text, "Sunday has become their best day of the week");
  assert_contains (text, "The council will review the scheme in the autumn");
  /* A list of facts in the story stays, each item on its own line. */
  assert_contains (text, "\nClosures run from 6 a.m. to 2 p.m. every Sunday.\n");
  assert_contains (text, "\nBuses and bicycles still use the main streets.\n");
  assert_lacks (text, "Council approves new cycle lanes");
  assert_lacks (text, "Market hall reopens");
  assert_lacks (text, "Read more");
}

/* A short post ahead of a long comment thread: the retries that keep the
 * comments must not win with them. */
static void
test_short_post_long_comments (void)
{
  g_autofree char *text = extract_text ("short-post-long-comments.html", NULL);

  assert_contains (text, "Our open threads give readers a place to raise questions");
  assert_contains (text, "Ask away in the comments below");
  assert_lacks (text, "When is the best time to prune");
  assert_lacks (text, "basket press with an oak cage");
  assert_lacks (text, "Comments");
}

/* A block that opens with a "related" heading lists other pages, even when
 * their teasers outweigh the story. */
static void
test_related_heading_block (void)
{
  g_autofree char *text = extract_text ("related-heading-block.html", NULL);

  assert_contains (text, "To live a true experience of love is one of the great pleasures");
  assert_contains (text, "Only the one who cares for themselves can find a love that lasts.");
  assert_lacks (text, "You may like these too");
  assert_lacks (text, "Life asks us for optimism");
  assert_lacks (text, "What holds a family together");
  assert_lacks (text, "Gratitude for life is in the details");
  assert_lacks (text, "Most read");
  assert_lacks (text, "Strength to win");
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* A gallery prints its caption in full twice and once cut short; the
 * caption is kept (captions are content), once. */
static void
test_repeated_caption (void)
{
  g_autofree char *text = extract_text ("repeated-caption.html", NULL);

  assert_contains (text, "The harbour wall at Porthkerry will be rebuilt before the spring");
  assert_contains (text, "before the crab season opens in April.");
  g_assert_cmpuint (count_occurrences (text, "Workers inspect the damaged harbour wall"), ==, 1);
  assert_contains (text, "tore a gap in its seaward face.");
  assert_lacks (text, "November…");
}

/* Paragraphs of links to other stories go; a source address, a short
 * source label and the prose around them stay. */
static void
test_link_paragraphs (void)
{
  g_autofree char *text = extract_text ("link-paragraphs.html", NULL);

  assert_contains (text, "the town has counted its swifts");
  assert_contains (text, "This year the count found 212 nesting pairs");
  assert_contains (text, "The full count, street by street, is published by the parish council.");
  assert_contains (text, "https://parish.example.org/swifts/2020");
  assert_contains (text, "Bird Survey");
  assert_lacks (text, "Swallows return early");
  assert_lacks (text, "Why the cuckoo is falling silent");
  assert_lacks (text, "The secret life of the house martins");
  assert_lacks (text, "DON'T MISS");
  assert_lacks (text, "Share this on WhatsApp");
  assert_lacks (text, "Click here to subscribe");
}

/* An embedded post is quoted content even in a block named "social"; the
 * card that pops up over a name in the text is not, the name is. */
static void
test_embedded_post_and_hover_card (void)
{
  g_autofree char *text = extract_text ("embedded-post-and-hover-card.html", NULL);

  assert_contains (text, "said councillor Ann Hale, who chairs the transport committee.");
  assert_contains (text, "The council really paid for this slogan");
  assert_contains (text, "The council said it would keep the posters up");
  assert_lacks (text, "Hale backs plan for new bypass");
  assert_lacks (text, "County budget set to rise");
}

static void
test_content_is_unlinked_div_in_doc (void)
{
  g_autoptr(xmlDoc) doc = load_page ("comments-after-article.html");
  g_autoptr(GlossMetadata) meta = gloss_metadata_extract (doc, "https://example.org/");
  xmlNode *content = gloss_extract_content (doc, meta);
  g_autofree char *html = gloss_html_serialize (doc, content);

  g_assert_nonnull (content);
  g_assert_cmpstr ((const char *) content->name, ==, "div");
  g_assert_null (content->parent);
  assert_lacks (html, "<script");
  assert_lacks (html, "<form");
  assert_contains (html, "<p>");
  xmlFreeNode (content);
}

static void
test_no_content (void)
{
  g_autoptr(xmlDoc) doc = parse_string ("<html><head><title>x</title></head><body></body></html>");
  g_autoptr(GlossMetadata) meta = gloss_metadata_extract (doc, NULL);

  g_assert_null (gloss_extract_content (doc, meta));
}

/* Text written straight into a <div> with <br><br> between paragraphs. */
static void
test_br_paragraphs (void)
{
  const char *html =
    "<html><body><div id='story'>"
    "Paragraph one is here, and it is long enough to be counted as real prose by anyone."
    "<br><br>Paragraph two follows, with commas, clauses, and a sense of its own importance."
    "<br><br>Paragraph three closes the piece, quietly, as good paragraphs often do in the end."
    "<br><br>Paragraph four is a coda, added because the story needs more than five hundred "
    "characters before an extractor believes it, which is fair enough, really, isn't it?"
    "<br><br>Paragraph five is here only for good measure, with one more comma, or two, or three."
    "</div><div class='sidebar'><a href='/x'>Elsewhere on the site</a></div></body></html>";
  g_autoptr(xmlDoc) doc = parse_string (html);
  g_autoptr(GlossMetadata) meta = gloss_metadata_extract (doc, NULL);
  xmlNode *content = gloss_extract_content (doc, meta);
  g_autofree char *text = NULL;

  g_assert_nonnull (content);
  text = gloss_text_from_node (content);
  assert_contains (text, "Paragraph one is here");
  assert_contains (text, "real prose by anyone.\nParagraph two follows");
  assert_contains (text, "in the end.\nParagraph four");
  assert_lacks (text, "Elsewhere on the site");
  xmlFreeNode (content);
}

/* Metadata ----------------------------------------------------------------- */

static void
test_jsonld_metadata (void)
{
  g_autoptr(GlossMetadata) meta = NULL;
  g_autofree char *text = extract_text ("jsonld-metadata.html", &meta);

  g_assert_cmpstr (meta->title, ==, "The comet returns after 71 years");
  g_assert_cmpstr (meta->byline, ==, "Ada Lovelace, Grace Hopper and Mary Somerville");
  g_assert_cmpstr (meta->site_name, ==, "The Daily Example");
  g_assert_cmpstr (meta->published, ==, "2024-03-05T08:30:00Z");
  g_assert_cmpstr (meta->language, ==, "en-GB");
  g_assert_cmpstr (meta->description, ==, "Astronomers watch an old friend come back.");
  g_assert_cmpstr (meta->lead_image, ==, "https://example.org/images/comet.jpg");
  g_assert_cmpstr (meta->canonical_url, ==, "https://example.org/news/2024/comet-return");
  g_assert_cmpstr (meta->article_body, ==, "The comet is back.");

  /* Title and byline are printed by the archive, not repeated in the body. */
  assert_lacks (text, "The comet returns after 71 years");
  assert_lacks (text, "By Ada Lovelace");
  assert_contains (text, "Astronomers around the world turned their telescopes");
  assert_contains (text, "if the skies are dark and the weather is kind.");
}

static void
test_opengraph_only (void)
{
  g_autoptr(xmlDoc) doc = load_page ("opengraph-only.html");
  g_autoptr(GlossMetadata) meta = gloss_metadata_extract (doc, "https://example.fr/x?utm=1");

  g_assert_cmpstr (meta->title, ==, "Le retour des cigognes");
  g_assert_cmpstr (meta->site_name, ==, "Le Petit Exemple");
  g_assert_cmpstr (meta->description, ==, "Les cigognes reviennent en Alsace.");
  g_assert_cmpstr (meta->lead_image, ==, "https://cdn.example.fr/cigogne.jpg");
  g_assert_cmpstr (meta->canonical_url, ==, "https://www.example.fr/nature/cigognes");
  g_assert_cmpstr (meta->published, ==, "2023-02-14");
  g_assert_cmpstr (meta->language, ==, "fr-FR");
  g_assert_cmpstr (meta->byline, ==, "Jeanne Martin");
  g_assert_null (meta->article_body);
}

static void
test_title_suffix (void)
{
  g_autoptr(xmlDoc) doc = load_page ("title-suffix.html");
  g_autoptr(GlossMetadata) meta = gloss_metadata_extract (doc, "https://travel.example/bridges");

  g_assert_cmpstr (meta->title, ==, "Bridges of the old town");
  g_assert_cmpstr (meta->byline, ==, "Anna Berger");
  g_assert_cmpstr (meta->published, ==, "2022-09-01T10:00:00+02:00");
  g_assert_cmpstr (meta->language, ==, "de-AT");
  g_assert_cmpstr (meta->description, ==, "A walk across seven bridges.");
  g_assert_cmpstr (meta->canonical_url, ==, "https://travel.example/bridges");
  g_assert_null (meta->lead_image);
}

static void
test_title_cleaning (void)
{
  static const struct { const char *head; const char *expected; } cases[] = {
    /* No heading to help: the site suffix goes. */
    { "<title>Ten ways to cook rice | Kitchen Daily</title>", "Ten ways to cook rice" },
    /* Site first, story second. */
    { "<title>Kitchen Daily | Ten ways to cook rice</title>", "Ten ways to cook rice" },
    /* A dash inside the story title is not a separator. */
    { "<title>Covid-19 vaccines explained</title>", "Covid-19 vaccines explained" },
    /* The <h1> matching part of the title wins. */
    { "<title>Rice - Ten ways - Kitchen Daily</title></head><body><h1>Rice - Ten ways</h1>",
      "Rice - Ten ways" },
    /* A short title stays whole rather than losing half its words. */
    { "<title>Hello - World</title>", "Hello - World" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = g_strdup_printf ("<html><head>%s</body></html>", cases[i].head);
      g_autoptr(xmlDoc) doc = parse_string (html);
      g_autoptr(GlossMetadata) meta = gloss_metadata_extract (doc, NULL);

      g_assert_cmpstr (meta->title, ==, cases[i].expected);
    }
}

static void
test_broken_jsonld (void)
{
  const char *html =
    "<html><head><title>Fallback</title>"
    "<script type='application/ld+json'>{ \"@type\": \"Article\", \"headline\": </script>"
    "<script type='application/ld+json'><!--\n{\"@type\":\"BlogPosting\",\"headline\":"
    "\"Tabs\tand\nnewlines &amp; entities\",\"author\":{\"@type\":\"Person\",\"name\":\"Solo Writer\"}}"
    "\n--></script></head><body></body></html>";
  g_autoptr(xmlDoc) doc = parse_string (html);
  g_autoptr(GlossMetadata) meta = gloss_metadata_extract (doc, "https://example.org/a");

  g_assert_cmpstr (meta->title, ==, "Tabs and newlines & entities");
  g_assert_cmpstr (meta->byline, ==, "Solo Writer");
  g_assert_cmpstr (meta->canonical_url, ==, "https://example.org/a");
}

static void
test_empty_metadata (void)
{
  g_autoptr(xmlDoc) doc = parse_string ("<html><body><p>nothing</p></body></html>");
  g_autoptr(GlossMetadata) meta = gloss_metadata_extract (doc, NULL);

  g_assert_cmpstr (meta->title, ==, "");
  g_assert_null (meta->byline);
  g_assert_null (meta->published);
  g_assert_null (meta->lead_image);
}

/* Plain text --------------------------------------------------------------- */

static char *
text_of (const char *html)
{
  g_autoptr(xmlDoc) doc = parse_string (html);

  return gloss_text_from_node (gloss_html_body (doc));
}

static void
test_text_blocks (void)
{
  g_autofree char *text = text_of (
    "<body>\n  <h2>  A   heading </h2>\n<p>One <b>bold</b>\n   word.</p><p>Two</p>"
    "<ul><li>first</li><li>second <i>item</i></li></ul>"
    "<div><div><p>Deep</p></div></div>"
    "<figure><img src='x.png'><figcaption>A caption</figcaption></figure>"
    "<p>Line<br>break</p><table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"
    "<script>var hidden = 1;</script><style>p{}</style><noscript>no</noscript></body>");

  g_assert_cmpstr (text, ==,
                   "A heading\nOne bold word.\nTwo\nfirst\nsecond item\nDeep\nA caption\n"
                   "Line\nbreak\na b\nc");
}

static void
test_text_pre (void)
{
  g_autofree char *text = text_of (
    "<body><p>Code:</p><pre>int main ()\n{\n    return 0;\n}\n</pre><p>after</p></body>");

  g_assert_cmpstr (text, ==, "Code:\nint main ()\n{\n    return 0;\n}\nafter");
}

static void
test_text_trim_and_nbsp (void)
{
  g_autofree char *text = text_of (
    "<body>\n\n<div>\n <p>\u00A0 Hello&nbsp;&nbsp;world \u00A0</p>\n</div><p></p><br><br>\n</body>");

  g_assert_cmpstr (text, ==, "Hello world");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/extract/content/comments-after-article", test_comments_after_article);
  g_test_add_func ("/extract/content/newsletter-in-body", test_newsletter_in_body);
  g_test_add_func ("/extract/content/article-split-across-siblings",
                   test_article_split_across_siblings);
  g_test_add_func ("/extract/content/related-stories", test_related_stories);
  g_test_add_func ("/extract/content/short-post-long-comments", test_short_post_long_comments);
  g_test_add_func ("/extract/content/related-heading-block", test_related_heading_block);
  g_test_add_func ("/extract/content/repeated-caption", test_repeated_caption);
  g_test_add_func ("/extract/content/link-paragraphs", test_link_paragraphs);
  g_test_add_func ("/extract/content/embedded-post-and-hover-card",
                   test_embedded_post_and_hover_card);
  g_test_add_func ("/extract/content/unlinked-div", test_content_is_unlinked_div_in_doc);
  g_test_add_func ("/extract/content/no-content", test_no_content);
  g_test_add_func ("/extract/content/br-paragraphs", test_br_paragraphs);
  g_test_add_func ("/extract/metadata/jsonld", test_jsonld_metadata);
  g_test_add_func ("/extract/metadata/opengraph-only", test_opengraph_only);
  g_test_add_func ("/extract/metadata/title-suffix", test_title_suffix);
  g_test_add_func ("/extract/metadata/title-cleaning", test_title_cleaning);
  g_test_add_func ("/extract/metadata/broken-jsonld", test_broken_jsonld);
  g_test_add_func ("/extract/metadata/empty", test_empty_metadata);
  g_test_add_func ("/extract/text/blocks", test_text_blocks);
  g_test_add_func ("/extract/text/pre", test_text_pre);
  g_test_add_func ("/extract/text/trim-and-nbsp", test_text_trim_and_nbsp);

  return g_test_run ();
}
