/* gloss-text.c — plain text of an HTML subtree, as a reader reads it
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-html.h"
#include "gloss-text.h"

typedef struct
{
  GString  *out;
  gboolean  want_newline;  /* a block boundary was crossed since the last text */
  gboolean  want_space;    /* collapsed whitespace waits for the next word */
  guint     pre_depth;
} TextWriter;

/* Elements that start on a line of their own. Table cells are not blocks:
 * a row reads as one line with its cells separated by spaces. */
static const char * const block_names[] = {
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
  "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
  "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
  "html", "legend", "li", "listing", "main", "menu", "nav", "ol", "p", "plaintext",
  "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "xmp",
};

static const char * const skipped_names[] = {
  "script", "style", "noscript", "template", "head", "title",
};

static gboolean
name_in (const xmlChar      *name,
         const char * const *names,
         gsize               n_names)
{
  for (gsize i = 0; i < n_names; i++)
    if (g_ascii_strcasecmp ((const char *) name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_block (xmlNode *node)
{
  return name_in (node->name, block_names, G_N_ELEMENTS (block_names));
}

/* Emits what the pending flags ask for before the next visible character. */
static void
flush_pending (TextWriter *w)
{
  if (w->out->len == 0)
    {
      w->want_newline = w->want_space = FALSE;
      return;
    }
  if (w->want_newline)
    {
      if (w->out->str[w->out->len - 1] != '\n')
        g_string_append_c (w->out, '\n');
    }
  else if (w->want_space)
    {
      char last = w->out->str[w->out->len - 1];

      if (last != ' ' && last != '\n')
        g_string_append_c (w->out, ' ');
    }
  w->want_newline = w->want_space = FALSE;
}

static void
append_collapsed (TextWriter *w,
                  const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      const char *run = p;

      if (g_ascii_isspace (*p))
        {
          w->want_space = TRUE;
          continue;
        }
      /* U+00A0 is a visible space in a reader's eyes: keep it as a plain one. */
      if ((guchar) p[0] == 0xC2 && (guchar) p[1] == 0xA0)
        {
          w->want_space = TRUE;
          p++;
          continue;
        }
      while (p[1] != '\0' && !g_ascii_isspace (p[1]) &&
             !((guchar) p[1] == 0xC2 && (guchar) p[2] == 0xA0))
        p++;
      flush_pending (w);
      g_string_append_len (w->out, run, p - run + 1);
    }
}

static void
append_preformatted (TextWriter *w,
                     const char *text)
{
  if (*text == '\0')
    return;
  flush_pending (w);
  /* The line break that opens a <pre> is not content; keep lines single. */
  if (*text == '\n' && (w->out->len == 0 || w->out->str[w->out->len - 1] == '\n'))
    text++;
  g_string_append (w->out, text);
}

static void walk_children (TextWriter *w,
                           xmlNode    *node);

static gboolean
is_cell (xmlNode *node)
{
  return gloss_html_is_element (node, "td") || gloss_html_is_element (node, "th");
}

static gboolean
is_preformatted (xmlNode *node)
{
  return gloss_html_is_element (node, "pre") || gloss_html_is_element (node, "textarea") ||
         gloss_html_is_element (node, "listing") || gloss_html_is_element (node, "xmp");
}

static void
walk_element (TextWriter *w,
              xmlNode    *node)
{
  gboolean block, pre;

  if (name_in (node->name, skipped_names, G_N_ELEMENTS (skipped_names)))
    return;
  if (gloss_html_is_element (node, "br"))
    {
      w->want_newline = TRUE;
      return;
    }

  block = is_block (node);
  pre = is_preformatted (node);
  if (block)
    w->want_newline = TRUE;
  else if (is_cell (node))
    w->want_space = TRUE;

  w->pre_depth += pre;
  walk_children (w, node);
  w->pre_depth -= pre;

  if (block)
    w->want_newline = TRUE;
  else if (is_cell (node))
    w->want_space = TRUE;
}

static void
walk_node (TextWriter *w,
           xmlNode    *node)
{
  switch (node->type)
    {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      if (node->content == NULL)
        break;
      if (w->pre_depth > 0)
        append_preformatted (w, (const char *) node->content);
      else
        append_collapsed (w, (const char *) node->content);
      break;

    case XML_ELEMENT_NODE:
      walk_element (w, node);
      break;

    case XML_DOCUMENT_NODE:
    case XML_HTML_DOCUMENT_NODE:
      walk_children (w, node);
      break;

    default:
      break;
    }
}

static void
walk_children (TextWriter *w,
               xmlNode    *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    walk_node (w, child);
}

char *
gloss_text_from_node (xmlNode *node)
{
  TextWriter w = { g_string_new (NULL), FALSE, FALSE, 0 };

  g_return_val_if_fail (node != NULL, NULL);

  walk_node (&w, node);

  /* A <pre> may end in its own newline or spaces: the text is trimmed. */
  while (w.out->len > 0 && g_ascii_isspace (w.out->str[w.out->len - 1]))
    g_string_truncate (w.out, w.out->len - 1);
  return g_string_free (w.out, FALSE);
}
