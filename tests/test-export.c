/* test-export.c — Markdown and JSON export, read back with a real CommonMark parser
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <cmark.h>
#include <json-glib/json-glib.h>

#include "gloss-export.h"
#include "gloss-index.h"

static const char * const tricky_quotes[] = {
  "Plain words, with a comma. And a period.",
  "*stars* and **strong** and a * lone one",
  "_under_ and __double__ but snake_case_name stays",
  "# not a heading",
  "#hashtag and C# and issue #42",
  "> not a nested quote, and a > b",
  "[a link](https://example.com) and [ref] and ![image](x.png) and [[wiki]]",
  "`code` and ``double `ticks` `` and ```fence",
  "```",
  "~~~",
  "<b>bold</b> <!-- comment --> <https://example.com> <me@example.com>",
  "&amp; &copy; &#169; &#x1F600; AT&T R&D &nope",
  "1. not a list",
  "2015. A year alone",
  "3) not a list either",
  "- not a bullet",
  "+ not a bullet",
  "* not a bullet",
  "---",
  "***",
  "___",
  "- - -",
  "===",
  "Trailing two spaces  ",
  "Trailing backslash\\",
  "Backslash \\* before a star and \\\\ two",
  "    four spaces of indentation",
  "\tleading tab and trailing tab\t",
  "a | table | row |",
  "|---|---|",
  "~~struck~~ and ~one~ and ~100 people",
  "==highlight== and a == b and %%comment%%",
  "Costs $5 and $10, or $x$ in math",
  "Block id ^abc123 and x^2",
  "Unicode: Alibaba’s “quotes” — em dash, 中文, emoji 😀, combining é",
  "\u00a0non-breaking space first",
  "Several   inner    spaces",
  NULL,
};

/* CommonMark */

static void
append_inline_text (GString    *out,
                    cmark_node *node)
{
  for (cmark_node *child = cmark_node_first_child (node); child; child = cmark_node_next (child))
    switch (cmark_node_get_type (child))
      {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_INLINE:
        g_string_append (out, cmark_node_get_literal (child));
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        g_string_append_c (out, '\n');
        break;
      default:
        append_inline_text (out, child);
      }
}

/* The text of a block: its paragraphs joined by newlines. */
static char *
block_text (cmark_node *block)
{
  GString *out = g_string_new (NULL);

  for (cmark_node *child = cmark_node_first_child (block); child; child = cmark_node_next (child))
    {
      if (child != cmark_node_first_child (block))
        g_string_append_c (out, '\n');
      if (cmark_node_get_type (child) == CMARK_NODE_PARAGRAPH)
        append_inline_text (out, child);
      else
        g_string_append_printf (out, "<unexpected %s>", cmark_node_get_type_string (child));
    }
  return g_string_free (out, FALSE);
}

/* The text of a paragraph or a heading. */
static char *
inline_text (cmark_node *node)
{
  GString *out = g_string_new (NULL);

  append_inline_text (out, node);
  return g_string_free (out, FALSE);
}

/* What a blockquote of @exact must read: its non-blank lines, exactly. */
static char *
expected_quote (const char *exact)
{
  g_auto(GStrv) lines = g_strsplit (exact, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][strspn (lines[i], " \t")] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, lines[i]);
    }
  return g_string_free (out, FALSE);
}

static void
assert_escape_round_trips (const char *text)
{
  g_autofree char *escaped = gloss_markdown_escape (text);
  cmark_node *document = cmark_parse_document (escaped, strlen (escaped), CMARK_OPT_DEFAULT);
  g_autofree char *parsed = block_text (document);

  if (g_strcmp0 (parsed, text) != 0)
    g_test_message ("escaped as: %s", escaped);
  g_assert_cmpstr (parsed, ==, text);
  cmark_node_free (document);
}

/* Annotations */

static GlossAnnotation *
make_annotation (const char *id,
                 const char *exact,
                 const char *note,
                 const char *color,
                 gboolean    orphaned)
{
  GlossAnnotation *annotation = gloss_annotation_new ();

  g_free (annotation->id);
  annotation->id = g_strdup (id);
  g_free (annotation->created);
  annotation->created = g_strdup ("2026-11-26T10:00:00.000Z");
  g_free (annotation->modified);
  annotation->modified = g_strdup ("2026-11-26T10:05:00.000Z");
  g_free (annotation->color);
  annotation->color = g_strdup (color);
  annotation->note = g_strdup (note);
  annotation->exact = g_strdup (exact);
  annotation->orphaned = orphaned;
  return annotation;
}

static GPtrArray *
new_annotations (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_annotation_free);
}

static const GlossExportArticle plain_article = {
  .id = "an-article-0123abcd",
  .title = "An article",
  .source = "https://example.com/article",
};

/* The Markdown after the front matter, as Obsidian reads it. */
static const char *
markdown_body (const char *markdown)
{
  const char *end;

  if (!g_str_has_prefix (markdown, "---\n"))
    return markdown;
  end = strstr (markdown + 4, "\n---\n");
  g_assert_nonnull (end);
  return end + 5;
}

static char *
front_matter (const char *markdown)
{
  const char *end;

  g_assert_true (g_str_has_prefix (markdown, "---\n"));
  end = strstr (markdown + 4, "\n---\n");
  g_assert_nonnull (end);
  return g_strndup (markdown + 4, end - markdown - 3);
}

/* The value of a double-quoted YAML scalar, as a YAML parser reads it;
 * NULL when @line is not "key: "value"". */
static char *
yaml_string (const char *line,
             const char *key)
{
  g_autofree char *prefix = g_strdup_printf ("%s: \"", key);
  GString *out = g_string_new (NULL);
  const char *p;

  if (!g_str_has_prefix (line, prefix))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  for (p = line + strlen (prefix); *p != '"'; p++)
    {
      g_assert_cmpint (*p, !=, '\0');
      if (*p != '\\')
        {
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      if (*p == 'n')
        g_string_append_c (out, '\n');
      else if (*p == 't')
        g_string_append_c (out, '\t');
      else if (*p == 'u')
        {
          g_autofree char *hex = g_strndup (p + 1, 4);
          g_string_append_unichar (out, g_ascii_strtoull (hex, NULL, 16));
          p += 4;
        }
      else
        {
          g_assert_true (*p == '"' || *p == '\\');
          g_string_append_c (out, *p);
        }
    }
  g_assert_cmpstr (p + 1, ==, "");
  return g_string_free (out, FALSE);
}

/* Lines of @text from @first to @last, 1-based as cmark counts them. */
static void
assert_lines_start_with (const char *text,
                         int         first,
                         int         last,
                         const char *start)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (int i = first; i <= last; i++)
    {
      g_assert_cmpuint (i, <=, g_strv_length (lines));
      if (!g_str_has_prefix (lines[i - 1], start))
        g_test_message ("line %d: %s", i, lines[i - 1]);
      g_assert_true (g_str_has_prefix (lines[i - 1], start));
    }
}

/* Every highlight's blockquote reads back as its text, in order, with ">"
 * on every line of it. Returns the number of blockquotes. */
static guint
assert_quotes_read_back (const char *markdown,
                         GPtrArray  *annotations)
{
  const char *body = markdown_body (markdown);
  cmark_node *document = cmark_parse_document (body, strlen (body), CMARK_OPT_DEFAULT);
  guint n = 0;

  for (cmark_node *node = cmark_node_first_child (document); node; node = cmark_node_next (node))
    {
      const GlossAnnotation *annotation;
      g_autofree char *text = NULL;
      g_autofree char *expected = NULL;

      if (cmark_node_get_type (node) != CMARK_NODE_BLOCK_QUOTE)
        continue;
      g_assert_cmpuint (n, <, annotations->len);
      annotation = g_ptr_array_index (annotations, n++);
      text = block_text (node);
      expected = expected_quote (annotation->exact);
      g_assert_cmpstr (text, ==, expected);
      assert_lines_start_with (body, cmark_node_get_start_line (node),
                               cmark_node_get_end_line (node), ">");
    }
  cmark_node_free (document);
  return n;
}

/* Escaping */

static void
test_escape_readable (void)
{
  const char * const unchanged[] = {
    "Hello, world. It costs 3.5 million (approx.)!",
    "snake_case_name and a_b",
    "AT&T and R&D",
    "C# and F#",
    "a - b + c = d, 100% sure, a > b, x^2",
    "Alibaba’s first foot on U.S. soil",
    "11 Main, an online marketplace",
    NULL,
  };
  const struct { const char *text, *escaped; } escaped[] = {
    { "1. First", "1\\. First" },
    { "- item", "\\- item" },
    { "+ item", "\\+ item" },
    { "# Title", "\\# Title" },
    { "> quote", "\\> quote" },
    { "*bold* and _em_", "\\*bold\\* and \\_em\\_" },
    { "[link](url)", "\\[link\\](url)" },
    { "`code`", "\\`code\\`" },
    { "<b>", "\\<b>" },
    { "&amp;", "\\&amp;" },
    { "a\\b", "a\\\\b" },
    { "ends  ", "ends &#32;" },
    { " starts", "&#32;starts" },
    { "two\nlines", "two&#10;lines" },
    /* Obsidian's own syntax, which CommonMark would leave alone */
    { "~~struck~~", "\\~\\~struck\\~\\~" },
    { "==marked== a=b", "\\==marked\\== a=b" },
    { "%%hidden%% 5%", "\\%%hidden\\%% 5%" },
    { "$x$", "\\$x\\$" },
    { "a #tag", "a \\#tag" },
    { "text ^block", "text \\^block" },
    { "a|b", "a\\|b" },
  };

  for (guint i = 0; unchanged[i] != NULL; i++)
    {
      g_autofree char *result = gloss_markdown_escape (unchanged[i]);
      g_assert_cmpstr (result, ==, unchanged[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (escaped); i++)
    {
      g_autofree char *result = gloss_markdown_escape (escaped[i].text);
      g_assert_cmpstr (result, ==, escaped[i].escaped);
    }
}

static void
test_escape_round_trip (void)
{
  for (guint i = 0; tricky_quotes[i] != NULL; i++)
    assert_escape_round_trips (tricky_quotes[i]);
  assert_escape_round_trips ("a line\nand another");
  assert_escape_round_trips ("   ");
}

/* Random lines made of what Markdown is made of: whatever the order, the
 * text must come back. */
static void
test_escape_random (void)
{
  static const char * const atoms[] = {
    "*", "_", "`", "#", ">", "<", "[", "]", "(", ")", "!", "&", ";", "\\", "-", "+", "=", "|",
    "~", "$", "%", "^", ":", ".", "1", "12", "a", "b", "amp", "#x41", " ", "  ", "\t", "é", "’",
    "<a>", "http://x.y", "@", "\"", "'",
  };

  for (guint i = 0; i < 5000; i++)
    {
      GString *text = g_string_new (NULL);
      guint length = g_test_rand_int_range (1, 14);
      g_autofree char *line = NULL;

      for (guint j = 0; j < length; j++)
        g_string_append (text, atoms[g_test_rand_int_range (0, G_N_ELEMENTS (atoms))]);
      line = g_string_free (text, FALSE);
      assert_escape_round_trips (line);
    }
}

/* The default layout */

static void
test_markdown_quotes (void)
{
  g_autoptr(GPtrArray) annotations = new_annotations ();
  g_autofree char *markdown = NULL;
  g_autoptr(GError) error = NULL;
  char id[64];

  for (guint i = 0; tricky_quotes[i] != NULL; i++)
    {
      g_snprintf (id, sizeof id, "urn:uuid:00000000-0000-4000-8000-%012u", i);
      g_ptr_array_add (annotations, make_annotation (id, tricky_quotes[i], NULL, "yellow", FALSE));
    }
  g_ptr_array_add (annotations,
                   make_annotation ("urn:uuid:multi", "First paragraph, *with* markup.\n\n"
                                    "# Second paragraph\n  \n- third\n1. fourth\n> fifth",
                                    NULL, "green", FALSE));
  g_ptr_array_add (annotations,
                   make_annotation ("urn:uuid:lines", "line one  \nline two\\\n   line three",
                                    NULL, "blue", FALSE));
  markdown = gloss_export_markdown (&plain_article, annotations, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assert_quotes_read_back (markdown, annotations), ==, annotations->len);
  /* A blank line of the quote is written ">", not "> ". */
  g_assert_nonnull (strstr (markdown, "> First paragraph, \\*with\\* markup.\n>\n> \\# Second"));
  g_assert_null (strstr (markdown, "> \n"));
}

static void
test_markdown_front_matter (void)
{
  const char * const tags[] = { "cloud", "#china", "a: b", NULL };
  const char *title = "Say \"hi\": a #1 \\ story";
  GlossExportArticle article = {
    .id = "say-hi-0123abcd",
    .title = title,
    .author = "- Someone, & co",
    .site = "[Site]",
    .source = "https://example.com/a?b=c#d",
    .saved = "2026-11-26T10:00:00Z",
    .tags = tags,
  };
  g_autofree char *markdown = gloss_export_markdown (&article, NULL, NULL, NULL);
  g_autofree char *yaml = front_matter (markdown);
  g_auto(GStrv) lines = g_strsplit (yaml, "\n", -1);
  g_autofree char *parsed_title = yaml_string (lines[0], "title");
  g_autofree char *parsed_author = yaml_string (lines[1], "author");
  g_autofree char *parsed_site = yaml_string (lines[2], "site");
  g_autofree char *parsed_source = yaml_string (lines[3], "source");
  g_autofree char *parsed_saved = yaml_string (lines[4], "saved");

  g_assert_cmpstr (lines[0], ==, "title: \"Say \\\"hi\\\": a #1 \\\\ story\"");
  g_assert_cmpstr (parsed_title, ==, title);
  g_assert_cmpstr (parsed_author, ==, article.author);
  g_assert_cmpstr (parsed_site, ==, article.site);
  g_assert_cmpstr (parsed_source, ==, article.source);
  /* No published date: no line for it. */
  g_assert_cmpstr (parsed_saved, ==, article.saved);
  g_assert_null (strstr (yaml, "published"));
  g_assert_cmpstr (lines[5], ==, "tags:");
  g_assert_cmpstr (lines[6], ==, "  - \"cloud\"");
  g_assert_cmpstr (lines[7], ==, "  - \"#china\"");
  g_assert_cmpstr (lines[8], ==, "  - \"a: b\"");
  g_assert_cmpstr (lines[9], ==, "");
  g_assert_null (lines[10]);
}

static void
test_markdown_front_matter_escapes (void)
{
  GlossExportArticle article = { .id = "x", .title = "tab\there\nnew line \u2028 \x01 end" };
  g_autofree char *markdown = gloss_export_markdown (&article, NULL, NULL, NULL);
  g_autofree char *yaml = front_matter (markdown);
  g_auto(GStrv) lines = g_strsplit (yaml, "\n", -1);
  g_autofree char *parsed = yaml_string (lines[0], "title");

  g_assert_cmpstr (lines[0], ==, "title: \"tab\\there\\nnew line \\u2028 \\u0001 end\"");
  g_assert_cmpstr (parsed, ==, article.title);
}

/* The paragraph after a blockquote holds the note; the one after that the
 * colour and the link. */
static void
assert_highlight_layout (cmark_node            *quote,
                         const GlossAnnotation *annotation,
                         const char            *article_id)
{
  cmark_node *node = cmark_node_next (quote);
  g_autofree char *fragment = g_uri_escape_string (annotation->id, ":@", FALSE);
  g_autofree char *url = g_strdup_printf ("gloss://open/%s#%s", article_id, fragment);
  g_autofree char *color_line = NULL;
  cmark_node *link;

  if (annotation->note != NULL)
    {
      g_autofree char *note = inline_text (node);
      g_assert_cmpint (cmark_node_get_type (node), ==, CMARK_NODE_PARAGRAPH);
      g_assert_cmpstr (note, ==, annotation->note);
      node = cmark_node_next (node);
    }
  g_assert_cmpint (cmark_node_get_type (node), ==, CMARK_NODE_PARAGRAPH);
  color_line = inline_text (node);
  g_assert_true (g_str_has_prefix (color_line, "— "));
  g_assert_nonnull (strstr (color_line, annotation->color));
  link = cmark_node_last_child (node);
  g_assert_cmpint (cmark_node_get_type (link), ==, CMARK_NODE_LINK);
  g_assert_cmpstr (cmark_node_get_url (link), ==, url);
}

static void
test_markdown_layout (void)
{
  g_autoptr(GPtrArray) annotations = new_annotations ();
  GlossExportArticle article = plain_article;
  g_autofree char *markdown = NULL;
  const char *body;
  cmark_node *document, *node;
  g_autofree char *page_note = NULL;
  guint quotes = 0, headings = 0;

  article.note = "A page note with *emphasis*.\n\n";
  g_ptr_array_add (annotations, make_annotation ("urn:uuid:a", "First", "A note", "yellow", FALSE));
  g_ptr_array_add (annotations, make_annotation ("urn:uuid:b", "Second", NULL, "green", FALSE));
  g_ptr_array_add (annotations, make_annotation ("urn:uuid:c", "Gone", "Was here", "pink", TRUE));
  markdown = gloss_export_markdown (&article, annotations, NULL, NULL);
  body = markdown_body (markdown);
  g_assert_true (g_str_has_suffix (markdown, ")\n"));
  g_assert_false (g_str_has_suffix (markdown, "\n\n"));
  document = cmark_parse_document (body, strlen (body), CMARK_OPT_DEFAULT);

  node = cmark_node_first_child (document);
  g_assert_cmpint (cmark_node_get_type (node), ==, CMARK_NODE_PARAGRAPH);
  g_assert_cmpint (cmark_node_get_type (cmark_node_last_child (node)), ==, CMARK_NODE_TEXT);
  page_note = inline_text (node);
  g_assert_cmpstr (page_note, ==, "A page note with emphasis.");
  g_assert_nonnull (strstr (body, "A page note with *emphasis*.\n\n## Highlights\n\n> First\n"));

  for (node = cmark_node_next (node); node; node = cmark_node_next (node))
    if (cmark_node_get_type (node) == CMARK_NODE_HEADING)
      {
        g_autofree char *text = inline_text (node);
        const char *expected = headings++ == 0 ? "Highlights" : "Not found in the current version";

        g_assert_cmpint (cmark_node_get_heading_level (node), ==, 2);
        g_assert_cmpstr (text, ==, expected);
        /* Orphans last: the second heading comes after both found highlights. */
        g_assert_cmpuint (quotes, ==, headings == 1 ? 0 : 2);
      }
    else if (cmark_node_get_type (node) == CMARK_NODE_BLOCK_QUOTE)
      assert_highlight_layout (node, g_ptr_array_index (annotations, quotes++), article.id);
  g_assert_cmpuint (quotes, ==, 3);
  g_assert_cmpuint (headings, ==, 2);
  cmark_node_free (document);
}

static void
test_markdown_link_escaped (void)
{
  g_autoptr(GPtrArray) annotations = new_annotations ();
  GlossExportArticle article = { .id = "odd id(1)" };
  g_autofree char *markdown = NULL;

  g_ptr_array_add (annotations, make_annotation ("urn:x:a b)c&amp;", "Quote", NULL, "blue", FALSE));
  markdown = gloss_export_markdown (&article, annotations, NULL, NULL);
  g_assert_nonnull (strstr (markdown, "(gloss://open/odd%20id%281%29#urn:x:a%20b%29c%26amp;)"));
}

static void
test_markdown_empty (void)
{
  g_autoptr(GPtrArray) annotations = new_annotations ();
  GlossExportArticle article = { .id = "x" };
  g_autofree char *nothing = gloss_export_markdown (&article, annotations, NULL, NULL);
  g_autofree char *note_only = NULL;

  g_assert_cmpstr (nothing, ==, "");
  article.note = "Just a note";
  note_only = gloss_export_markdown (&article, NULL, NULL, NULL);
  g_assert_cmpstr (note_only, ==, "Just a note\n");
}

/* The notebook: highlights of several articles */

static GlossIndexHighlight *
make_highlight (const char *article,
                const char *title,
                const char *id,
                const char *quote,
                const char *note,
                const char *color)
{
  GlossIndexHighlight *highlight = g_new0 (GlossIndexHighlight, 1);

  highlight->article = g_strdup (article);
  highlight->title = g_strdup (title);
  highlight->id = g_strdup (id);
  highlight->quote = g_strdup (quote);
  highlight->note = g_strdup (note);
  highlight->color = g_strdup (color);
  highlight->created = g_strdup ("2026-11-26T10:00:00.000Z");
  return highlight;
}

static GPtrArray *
notebook_highlights (void)
{
  GPtrArray *highlights = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_index_highlight_free);

  /* Newest first, as the notebook shows them: the articles interleave. */
  g_ptr_array_add (highlights, make_highlight ("cloud-0123abcd", "Costs [and] *stars* #1",
                                               "urn:uuid:a1", "# not a heading\n\n> nor a quote",
                                               "First line of the note\nsecond line\n\n- a list item",
                                               "green"));
  g_ptr_array_add (highlights, make_highlight ("bikes-4567ef01", "Bikes", "urn:uuid:b1",
                                               "Teach repairs", NULL, "yellow"));
  g_ptr_array_add (highlights, make_highlight ("cloud-0123abcd", "Costs [and] *stars* #1",
                                               "urn:uuid:a2", "1. not a list `code`", NULL, "pink"));
  return highlights;
}

/* Checks the heading of an article at @node: level 2, the title as a link
 * to the article. */
static void
assert_article_heading (cmark_node *node,
                        const char *title,
                        const char *article)
{
  g_autofree char *url = g_strdup_printf ("gloss://open/%s", article);
  g_autofree char *text = NULL;
  cmark_node *link = cmark_node_first_child (node);

  g_assert_cmpint (cmark_node_get_type (node), ==, CMARK_NODE_HEADING);
  g_assert_cmpint (cmark_node_get_heading_level (node), ==, 2);
  g_assert_cmpint (cmark_node_get_type (link), ==, CMARK_NODE_LINK);
  g_assert_null (cmark_node_next (link));
  g_assert_cmpstr (cmark_node_get_url (link), ==, url);
  text = inline_text (link);
  g_assert_cmpstr (text, ==, title);
}

/* The blockquote at @node reads @quote; after it come the note's blocks
 * (@note_blocks of them) and the line with the colour, the day and the link
 * back. Returns the node after that line. */
static cmark_node *
assert_notebook_highlight (cmark_node                *node,
                           const GlossIndexHighlight *highlight,
                           guint                      note_blocks)
{
  g_autofree char *read = block_text (node);
  g_autofree char *expected = expected_quote (highlight->quote);
  g_autofree char *fragment = g_uri_escape_string (highlight->id, ":@", FALSE);
  g_autofree char *url = g_strdup_printf ("gloss://open/%s#%s", highlight->article, fragment);
  g_autofree char *line = NULL;

  g_assert_cmpint (cmark_node_get_type (node), ==, CMARK_NODE_BLOCK_QUOTE);
  g_assert_cmpstr (read, ==, expected);
  for (guint i = 0; i <= note_blocks; i++)
    node = cmark_node_next (node);
  g_assert_cmpint (cmark_node_get_type (node), ==, CMARK_NODE_PARAGRAPH);
  line = inline_text (node);
  g_assert_true (g_str_has_prefix (line, "— "));
  g_assert_nonnull (strstr (line, highlight->color));
  g_assert_nonnull (strstr (line, "2026-11-26"));
  g_assert_cmpstr (cmark_node_get_url (cmark_node_last_child (node)), ==, url);
  return cmark_node_next (node);
}

/* Grouped by article in the order the articles first come, the titles and
 * the quotes escaped, a note of several lines kept as its Markdown. */
static void
test_notebook_markdown (void)
{
  g_autoptr(GPtrArray) highlights = notebook_highlights ();
  g_autofree char *markdown = gloss_export_highlights_markdown (highlights);
  cmark_node *document = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  cmark_node *node = cmark_node_first_child (document);
  g_autofree char *note = NULL;

  g_assert_true (g_str_has_suffix (markdown, ")\n"));
  g_assert_false (g_str_has_suffix (markdown, "\n\n"));
  /* "> " on every line of a quote. */
  g_assert_nonnull (strstr (markdown, "> \\# not a heading\n>\n> \\> nor a quote\n"));
  g_assert_nonnull (strstr (markdown, "\n\nFirst line of the note\nsecond line\n\n- a list item\n\n"));

  assert_article_heading (node, "Costs [and] *stars* #1", "cloud-0123abcd");
  node = cmark_node_next (node);
  /* The note: a paragraph of two lines, then its list. */
  note = inline_text (cmark_node_next (node));
  g_assert_cmpstr (note, ==, "First line of the note\nsecond line");
  g_assert_cmpint (cmark_node_get_type (cmark_node_next (cmark_node_next (node))), ==, CMARK_NODE_LIST);
  node = assert_notebook_highlight (node, highlights->pdata[0], 2);
  node = assert_notebook_highlight (node, highlights->pdata[2], 0);
  assert_article_heading (node, "Bikes", "bikes-4567ef01");
  node = assert_notebook_highlight (cmark_node_next (node), highlights->pdata[1], 0);
  g_assert_null (node);
  cmark_node_free (document);
}

static void
test_notebook_markdown_empty (void)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *markdown = gloss_export_highlights_markdown (none);
  g_autoptr(GPtrArray) untitled = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_index_highlight_free);
  g_autofree char *titled_by_id = NULL;

  g_assert_cmpstr (markdown, ==, "");
  /* No title: the heading is the id, which can still be followed. */
  g_ptr_array_add (untitled, make_highlight ("odd id(1)", NULL, "urn:x:a b", "Quote", NULL, "blue"));
  titled_by_id = gloss_export_highlights_markdown (untitled);
  g_assert_true (g_str_has_prefix (titled_by_id, "## [odd id(1)](gloss://open/odd%20id%281%29)\n\n> Quote\n"));
  g_assert_nonnull (strstr (titled_by_id, "(gloss://open/odd%20id%281%29#urn:x:a%20b)"));
}

/* Templates */

static void
test_template_render (void)
{
  g_autoptr(GPtrArray) annotations = new_annotations ();
  const char * const tags[] = { "cloud", "china", NULL };
  GlossExportArticle article = plain_article;
  const char *template =
    "# {{ title }}\n"
    "Tags: {{tags}} · {{author}}|\n"
    "{{#highlights}}\n"
    "{{quote}}\n"
    "  {{/highlights}}  \n"
    "{{#highlights}}- {{text}} ({{color}}, {{note}}, {{orphaned}}, {{created}}) {{link}}\n"
    "{{/highlights}}"
    "end {{id}}";
  const char *expected =
    "# *Raw* title\n"
    "Tags: cloud, china · |\n"
    "> \\*a\\*\n"
    ">\n"
    "> b\n"
    "> \\# c\n"
    "- *a*\n\nb (yellow, **n**, false, 2026-11-26T10:00:00.000Z) "
    "gloss://open/an-article-0123abcd#urn:uuid:1\n"
    "- # c (pink, , true, 2026-11-26T10:00:00.000Z) gloss://open/an-article-0123abcd#urn:uuid:2\n"
    "end an-article-0123abcd";
  g_autofree char *markdown = NULL;
  g_autoptr(GError) error = NULL;

  article.title = "*Raw* title";
  article.tags = tags;
  g_ptr_array_add (annotations,
                   make_annotation ("urn:uuid:1", "*a*\n\nb", "**n**", "yellow", FALSE));
  g_ptr_array_add (annotations, make_annotation ("urn:uuid:2", "# c", NULL, "pink", TRUE));
  markdown = gloss_export_markdown (&article, annotations, template, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (markdown, ==, expected);
}

static void
test_template_file (void)
{
  g_autoptr(GPtrArray) annotations = new_annotations ();
  g_autofree char *template_path = g_test_build_filename (G_TEST_DIST, "data", "export",
                                                          "template.md", NULL);
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "data", "export",
                                                          "template-expected.md", NULL);
  g_autofree char *template = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *markdown = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (annotations,
                   make_annotation ("urn:uuid:1", "Some *quoted* text\nin two lines",
                                    "My note", "green", FALSE));
  g_ptr_array_add (annotations,
                   make_annotation ("urn:uuid:2", "1. Another", NULL, "yellow", FALSE));
  g_file_get_contents (template_path, &template, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (expected_path, &expected, NULL, &error);
  g_assert_no_error (error);
  markdown = gloss_export_markdown (&plain_article, annotations, template, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (markdown, ==, expected);
  g_assert_cmpuint (assert_quotes_read_back (markdown, annotations), ==, 2);
}

static void
test_template_errors (void)
{
  const struct { const char *template, *message; } cases[] = {
    { "# {{title}}\n{{titel}}", "“{{titel}}” on line 2" },
    { "{{#highlights}}\n{{quote}}\n", "“{{#highlights}}” on line 1 but never closes" },
    { "{{/highlights}}", "closes “{{/highlights}}” on line 1" },
    { "{{#notes}}{{/notes}}", "unknown section “{{#notes}}”" },
    { "{{#highlights}}{{#highlights}}{{/highlights}}{{/highlights}}", "again" },
    { "a\nb {{title", "“{{” on line 2" },
    { "{{quote}}", "“{{quote}}” on line 1 outside {{#highlights}}" },
    { "{{}}", "unknown field “{{}}”" },
  };
  g_autoptr(GPtrArray) annotations = new_annotations ();

  g_ptr_array_add (annotations, make_annotation ("urn:uuid:1", "x", NULL, "yellow", FALSE));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *markdown = gloss_export_markdown (&plain_article, annotations,
                                                         cases[i].template, &error);

      g_assert_null (markdown);
      g_assert_error (error, GLOSS_EXPORT_ERROR, GLOSS_EXPORT_ERROR_TEMPLATE);
      if (strstr (error->message, cases[i].message) == NULL)
        g_test_message ("message: %s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

/* JSON */

static void
test_json (void)
{
  g_autoptr(GPtrArray) annotations = new_annotations ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *first, *body;
  JsonArray *array;

  g_ptr_array_add (annotations,
                   make_annotation ("urn:uuid:1", "Quote *one*", "A note", "green", FALSE));
  g_ptr_array_add (annotations, make_annotation ("urn:uuid:2", "Quote two", NULL, "yellow", TRUE));
  json = gloss_export_json (&plain_article, annotations);
  g_assert_true (g_str_has_prefix (json, "[\n  {\n    \"@context\""));
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      JsonObject *target = json_object_get_object_member (object, "target");
      JsonArray *selectors = json_object_get_array_member (target, "selector");
      JsonObject *quote = json_array_get_object_element (selectors, 0);
      const GlossAnnotation *annotation = g_ptr_array_index (annotations, i);

      g_assert_cmpstr (json_object_get_string_member (object, "@context"), ==,
                       "http://www.w3.org/ns/anno.jsonld");
      g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "Annotation");
      g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, annotation->id);
      g_assert_cmpstr (json_object_get_string_member (target, "source"), ==, plain_article.source);
      g_assert_cmpstr (json_object_get_string_member (target, "styleClass"), ==, annotation->color);
      g_assert_cmpstr (json_object_get_string_member (quote, "type"), ==, "TextQuoteSelector");
      g_assert_cmpstr (json_object_get_string_member (quote, "exact"), ==, annotation->exact);
    }
  first = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "motivation"), ==, "commenting");
  body = json_object_get_object_member (first, "body");
  g_assert_cmpstr (json_object_get_string_member (body, "value"), ==, "A note");
  g_assert_cmpstr (json_object_get_string_member (body, "format"), ==, "text/markdown");
  g_assert_false (json_object_has_member (json_array_get_object_element (array, 1), "body"));
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (array, 1),
                                                 "gloss:orphaned"));
}

/* The seed article, three highlights */

static char *
seed_markdown (GPtrArray *annotations)
{
  const char * const tags[] = { "cloud", "china", NULL };
  const GlossExportArticle article = {
    .id = "alibabas-first-foot-on-u-s-soil-is-a-data-center-in-silicon-3c9f2e71",
    .title = "Alibaba’s First Foot On U.S. Soil Is A Data Center In Silicon Valley",
    .author = "John Paul Titlow",
    .site = "Fast Company",
    .source = "https://www.fastcompany.com/3043421/alibabas-first-foot-on-us-soil-is-a-data-"
              "center-in-silicon-valley",
    .published = "2015-03-04",
    .saved = "2026-11-26T10:00:00Z",
    .tags = tags,
    .note = "Alibaba goes abroad **data-first**: cloud before consumers.\n\n"
            "See also [[Cloud market share]].",
  };

  g_ptr_array_add (annotations,
                   make_annotation ("urn:uuid:5b0d7c1e-3f7a-4c55-9d1e-2a6f8b9c0d11",
                                    "Alibaba is planning to build a data center in Silicon "
                                    "Valley–its first outside of China, according to the New "
                                    "York Times.",
                                    "The headline fact.", "yellow", FALSE));
  g_ptr_array_add (annotations,
                   make_annotation ("urn:uuid:8e2a4f90-1b3c-4d5e-8f70-9a1b2c3d4e52",
                                    "Alibaba, the so-called Amazon of China and No. 3 on our most "
                                    "innovative companies of 2015 list, is focused primarily on "
                                    "e-commerce and–like its unofficial American "
                                    "counterpart–has its hands in a number of other, seemingly "
                                    "unrelated businesses, including cloud services.",
                                    NULL, "blue", FALSE));
  g_ptr_array_add (annotations,
                   make_annotation ("urn:uuid:c4f1e2d3-7a8b-4c9d-a0e1-f2a3b4c5d6e7",
                                    "Huge as Alibaba may be in China, its ability to capture "
                                    "marketshare overseas is by no means guaranteed. Explains "
                                    "the Times:\n\nThough Alibaba has a significant share of the "
                                    "market selling computing services to businesses in China, "
                                    "it’s an open question whether the company can win over "
                                    "more foreign clients.",
                                    "Cost is the lever: *a labor force primarily in China*.\n\n"
                                    "- staff who speak English\n- software in other languages",
                                    "green", FALSE));
  return gloss_export_markdown (&article, annotations, NULL, NULL);
}

static void
test_seed_article (void)
{
  g_autoptr(GPtrArray) annotations = new_annotations ();
  g_autofree char *markdown = seed_markdown (annotations);
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "data", "export",
                                                          "seed-expected.md", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *article_path = g_test_build_filename (G_TEST_DIST, "data", "export",
                                                         "seed-article.txt", NULL);
  g_autofree char *article_text = NULL;
  g_autoptr(GError) error = NULL;

  /* GLOSS_EXPORT_SEED=FILE writes the export there, to read it or to update
   * the expected one after a deliberate change. */
  if (g_getenv ("GLOSS_EXPORT_SEED") != NULL)
    g_file_set_contents (g_getenv ("GLOSS_EXPORT_SEED"), markdown, -1, NULL);
  g_file_get_contents (expected_path, &expected, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (markdown, ==, expected);
  g_assert_cmpuint (assert_quotes_read_back (markdown, annotations), ==, 3);
  /* The quotes are the article's own words. */
  g_file_get_contents (article_path, &article_text, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < annotations->len; i++)
    {
      const GlossAnnotation *annotation = g_ptr_array_index (annotations, i);
      g_assert_nonnull (strstr (article_text, annotation->exact));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/escape/readable", test_escape_readable);
  g_test_add_func ("/export/escape/round-trip", test_escape_round_trip);
  g_test_add_func ("/export/escape/random", test_escape_random);
  g_test_add_func ("/export/markdown/quotes", test_markdown_quotes);
  g_test_add_func ("/export/markdown/front-matter", test_markdown_front_matter);
  g_test_add_func ("/export/markdown/front-matter-escapes", test_markdown_front_matter_escapes);
  g_test_add_func ("/export/markdown/layout", test_markdown_layout);
  g_test_add_func ("/export/markdown/link-escaped", test_markdown_link_escaped);
  g_test_add_func ("/export/markdown/empty", test_markdown_empty);
  g_test_add_func ("/export/notebook/markdown", test_notebook_markdown);
  g_test_add_func ("/export/notebook/empty", test_notebook_markdown_empty);
  g_test_add_func ("/export/template/render", test_template_render);
  g_test_add_func ("/export/template/file", test_template_file);
  g_test_add_func ("/export/template/errors", test_template_errors);
  g_test_add_func ("/export/json", test_json);
  g_test_add_func ("/export/seed-article", test_seed_article);

  return g_test_run ();
}
