/* gloss-export.c — notes out of Gloss: Markdown (CommonMark) and JSON
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gloss-export.h"
#include "gloss-json-private.h"
#include "gloss-utils-private.h"

/* Characters of a link that Markdown or a URI would read as syntax are
 * percent-encoded; these stay as they are. */
#define LINK_CHARS_ALLOWED ":@!$'+,;="

G_DEFINE_QUARK (gloss-export-error-quark, gloss_export_error)

/* Escaping
 *
 * The quoted text must come back exactly from a CommonMark parser, yet stay
 * readable as plain text. So only what could start markup is escaped, with a
 * backslash (every ASCII punctuation character may take one):
 * - anywhere: \ ` * [ ] < | ~ $ (code, emphasis, links, HTML, autolinks,
 *   tables, strikethrough and Obsidian's math);
 * - _ unless between two letters or digits (snake_case cannot emphasise);
 * - & only when it starts what looks like an entity or character reference;
 * - # at the start or after a space (headings, Obsidian's #tags), ^ likewise
 *   (Obsidian's block ids), == and %% (Obsidian's highlights and comments);
 * - at the start of a line: > - + and the "." or ")" of "1." (blockquotes,
 *   lists, thematic breaks).
 * Leading and trailing spaces or tabs, which a parser strips, and control
 * characters (a newline in one line of text) become numeric character
 * references. */

static gboolean
is_blank_char (char c)
{
  return c == ' ' || c == '\t';
}

static gboolean
looks_like_entity (const char *text,
                   gsize       len,
                   gsize       i)
{
  gsize j = i + 1;

  if (j < len && text[j] == '#')
    j++;
  if (j >= len || !g_ascii_isalnum (text[j]))
    return FALSE;
  while (j < len && g_ascii_isalnum (text[j]))
    j++;
  return j < len && text[j] == ';';
}

/* "1." or "12)" at the start of a line followed by a space or the end. */
static gboolean
ends_list_number (const char *text,
                  gsize       len,
                  gsize       i)
{
  if (i == 0 || (i + 1 < len && !is_blank_char (text[i + 1])))
    return FALSE;
  for (gsize j = 0; j < i; j++)
    if (!g_ascii_isdigit (text[j]))
      return FALSE;
  return TRUE;
}

static gboolean
needs_backslash (const char *text,
                 gsize       len,
                 gsize       i)
{
  char c = text[i];
  char prev = i > 0 ? text[i - 1] : '\0';
  char next = i + 1 < len ? text[i + 1] : '\0';
  gboolean word_start = i == 0 || is_blank_char (prev);

  switch (c)
    {
    case '\\': case '`': case '*': case '[': case ']': case '<': case '|': case '~': case '$':
      return TRUE;
    case '_':
      return !g_ascii_isalnum (prev) || !g_ascii_isalnum (next);
    case '&':
      return looks_like_entity (text, len, i);
    case '#': case '^':
      return word_start;
    case '=': case '%':
      return next == c;
    case '>': case '-': case '+':
      return i == 0;
    case '.': case ')':
      return ends_list_number (text, len, i);
    default:
      return FALSE;
    }
}

static gboolean
needs_reference (const char *text,
                 gsize       len,
                 gsize       i)
{
  guchar c = text[i];

  if (is_blank_char (c))
    return i == 0 || i == len - 1;
  return c < 0x20;
}

static void
append_escaped (GString    *out,
                const char *text,
                gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (needs_reference (text, len, i))
        g_string_append_printf (out, "&#%d;", (guchar) text[i]);
      else if (needs_backslash (text, len, i))
        g_string_append_printf (out, "\\%c", text[i]);
      else
        g_string_append_c (out, text[i]);
    }
}

char *
gloss_markdown_escape (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) + 16);
  append_escaped (out, text, strlen (text));
  return g_string_free (out, FALSE);
}

static gboolean
is_blank_line (const char *line,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!is_blank_char (line[i]))
      return FALSE;
  return TRUE;
}

/* Each line of @exact is a paragraph of the blockquote; a paragraph cannot
 * be empty, so blank lines only separate. Ends without a newline. */
static void
append_quote (GString    *out,
              const char *exact)
{
  const char *line = exact ? exact : "";
  gboolean first = TRUE;

  while (line != NULL)
    {
      const char *end = strchr (line, '\n');
      gsize len = end ? (gsize) (end - line) : strlen (line);

      if (!is_blank_line (line, len))
        {
          g_string_append (out, first ? "> " : "\n>\n> ");
          append_escaped (out, line, len);
          first = FALSE;
        }
      line = end ? end + 1 : NULL;
    }
  if (first)
    g_string_append_c (out, '>');
}

/* Front matter */

static gboolean
is_present (const char *value)
{
  return value != NULL && *value != '\0';
}

/* A double-quoted YAML scalar: safe whatever the value holds (colons, #,
 * quotes, a leading "-", "[" or "&"). */
static void
append_yaml_string (GString    *out,
                    const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029)
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  g_string_append_c (out, '"');
}

static void
append_yaml_field (GString    *out,
                   const char *key,
                   const char *value)
{
  if (!is_present (value))
    return;
  g_string_append_printf (out, "%s: ", key);
  append_yaml_string (out, value);
  g_string_append_c (out, '\n');
}

static void
append_front_matter (GString                  *out,
                     const GlossExportArticle *article)
{
  GString *fields = g_string_new (NULL);

  append_yaml_field (fields, "title", article->title);
  append_yaml_field (fields, "author", article->author);
  append_yaml_field (fields, "site", article->site);
  append_yaml_field (fields, "source", article->source);
  append_yaml_field (fields, "published", article->published);
  append_yaml_field (fields, "saved", article->saved);
  if (article->tags != NULL && article->tags[0] != NULL)
    {
      g_string_append (fields, "tags:\n");
      for (guint i = 0; article->tags[i] != NULL; i++)
        {
          g_string_append (fields, "  - ");
          append_yaml_string (fields, article->tags[i]);
          g_string_append_c (fields, '\n');
        }
    }
  if (fields->len > 0)
    g_string_append_printf (out, "---\n%s---\n\n", fields->str);
  g_string_free (fields, TRUE);
}

/* The default layout */

/* gloss://open/<article id>, and #<annotation id> unless @annotation_id is NULL. */
static char *
open_link (const char *article_id,
           const char *annotation_id)
{
  g_autofree char *id = NULL;
  g_autofree char *fragment = NULL;

  if (!is_present (article_id))
    return g_strdup ("");
  id = g_uri_escape_string (article_id, LINK_CHARS_ALLOWED, FALSE);
  if (annotation_id == NULL)
    return g_strdup_printf ("gloss://open/%s", id);
  fragment = g_uri_escape_string (annotation_id, LINK_CHARS_ALLOWED, FALSE);
  return g_strdup_printf ("gloss://open/%s#%s", id, fragment);
}

static char *
annotation_link (const GlossExportArticle *article,
                 const GlossAnnotation    *annotation)
{
  return open_link (article->id, annotation->id ? annotation->id : "");
}

/* Markdown written by the user goes in as it is, only without trailing
 * blank lines, so that the layout around it keeps its spacing. */
static void
append_markdown_block (GString    *out,
                       const char *markdown)
{
  g_autofree char *trimmed = g_strchomp (g_strdup (markdown));

  if (*trimmed != '\0')
    g_string_append_printf (out, "%s\n\n", trimmed);
}

static void
append_highlight (GString                  *out,
                  const GlossExportArticle *article,
                  const GlossAnnotation    *annotation)
{
  g_autofree char *link = annotation_link (article, annotation);

  append_quote (out, annotation->exact);
  g_string_append (out, "\n\n");
  if (annotation->note != NULL)
    append_markdown_block (out, annotation->note);
  g_string_append_printf (out, "— %s", annotation->color ? annotation->color : "yellow");
  if (*link != '\0')
    g_string_append_printf (out, " · [%s](%s)", _("Open in Gloss"), link);
  g_string_append (out, "\n\n");
}

static void
append_highlights (GString                  *out,
                   const GlossExportArticle *article,
                   GPtrArray                *annotations,
                   gboolean                  orphaned,
                   const char               *heading)
{
  gboolean any = FALSE;

  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      const GlossAnnotation *annotation = g_ptr_array_index (annotations, i);

      if (!annotation->orphaned != !orphaned)
        continue;
      if (!any)
        g_string_append_printf (out, "## %s\n\n", heading);
      any = TRUE;
      append_highlight (out, article, annotation);
    }
}

/* One newline at the end, not a blank line. */
static void
trim_trailing_blank_lines (GString *out)
{
  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);
}

static char *
export_default (const GlossExportArticle *article,
                GPtrArray                *annotations)
{
  GString *out = g_string_new (NULL);

  append_front_matter (out, article);
  if (article->note != NULL)
    append_markdown_block (out, article->note);
  append_highlights (out, article, annotations, FALSE, _("Highlights"));
  append_highlights (out, article, annotations, TRUE, _("Not found in the current version"));
  trim_trailing_blank_lines (out);
  return g_string_free (out, FALSE);
}

/* The notebook: highlights of many articles */

static void
append_article_heading (GString                   *out,
                        const GlossExportHighlight *highlight)
{
  const char *title = is_present (highlight->title) ? highlight->title : highlight->article;
  g_autofree char *link = open_link (highlight->article, NULL);
  g_autoptr(GString) one_line = g_string_new (title);

  /* A heading is one line, whatever the title holds. */
  g_string_replace (one_line, "\n", " ", 0);
  g_string_append (out, "## [");
  append_escaped (out, one_line->str, one_line->len);
  g_string_append_printf (out, "](%s)\n\n", link);
}

static void
append_notebook_highlight (GString                   *out,
                           const GlossExportHighlight *highlight)
{
  g_autofree char *link = open_link (highlight->article, highlight->id ? highlight->id : "");

  append_quote (out, highlight->quote);
  g_string_append (out, "\n\n");
  if (highlight->note != NULL)
    append_markdown_block (out, highlight->note);
  g_string_append_printf (out, "— %s", highlight->color ? highlight->color : "yellow");
  /* The day is enough to find it again; the time is in the sidecar. */
  if (highlight->created != NULL && strlen (highlight->created) >= 10)
    g_string_append_printf (out, " · %.10s", highlight->created);
  if (*link != '\0')
    g_string_append_printf (out, " · [%s](%s)", _("Open in Gloss"), link);
  g_string_append (out, "\n\n");
}

char *
gloss_export_highlights_markdown (GPtrArray *highlights)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (highlights != NULL, NULL);

  /* Articles in the order they first come, each with all of its highlights. */
  for (guint i = 0; i < highlights->len; i++)
    {
      GlossExportHighlight *highlight = highlights->pdata[i];
      const char *article = highlight->article ? highlight->article : "";
      GPtrArray *group = g_hash_table_lookup (groups, article);

      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (groups, (gpointer) article, group);
          g_ptr_array_add (order, group);
        }
      g_ptr_array_add (group, highlight);
    }
  for (guint i = 0; i < order->len; i++)
    {
      GPtrArray *group = order->pdata[i];

      append_article_heading (out, group->pdata[0]);
      for (guint j = 0; j < group->len; j++)
        append_notebook_highlight (out, group->pdata[j]);
    }
  trim_trailing_blank_lines (out);
  return g_string_free (out, FALSE);
}

/* Templates: text with {{field}}s and one kind of section,
 * {{#highlights}}…{{/highlights}}. A section tag alone on its line takes the
 * line with it, as in Mustache, so that templates can be written one tag a
 * line without leaving blank lines behind. */

static const char * const article_fields[] = {
  "title", "author", "site", "source", "published", "saved", "tags", "note", "id", NULL
};
static const char * const highlight_fields[] = {
  "quote", "text", "note", "color", "link", "created", "modified", "orphaned", NULL
};

typedef enum
{
  PIECE_TEXT,
  PIECE_FIELD,
  PIECE_HIGHLIGHTS,
} PieceKind;

typedef struct
{
  PieceKind  kind;
  char      *text;      /* the text, or the field's name */
  GPtrArray *children;  /* of a section */
} Piece;

typedef struct
{
  const char *text;
  gsize       pos;
} TemplateParser;

static void
piece_free (Piece *piece)
{
  g_free (piece->text);
  g_clear_pointer (&piece->children, g_ptr_array_unref);
  g_free (piece);
}

static Piece *
piece_new (PieceKind   kind,
           const char *text,
           gssize      len)
{
  Piece *piece = g_new0 (Piece, 1);

  piece->kind = kind;
  piece->text = len < 0 ? g_strdup (text) : g_strndup (text, len);
  if (kind == PIECE_HIGHLIGHTS)
    piece->children = g_ptr_array_new_with_free_func ((GDestroyNotify) piece_free);
  return piece;
}

static guint
line_number (const char *text,
             gsize       pos)
{
  guint line = 1;

  for (gsize i = 0; i < pos; i++)
    if (text[i] == '\n')
      line++;
  return line;
}

static void
add_text (GPtrArray  *pieces,
          const char *text,
          gsize       len)
{
  if (len > 0)
    g_ptr_array_add (pieces, piece_new (PIECE_TEXT, text, len));
}

/* Where the text before a section tag at @start should end, and the parse
 * resume after the tag ending at @end: the whole line when the tag is alone
 * on it. */
static void
take_standalone_line (TemplateParser *parser,
                      gsize           start,
                      gsize           end,
                      gsize          *text_end,
                      gsize          *resume)
{
  const char *t = parser->text;
  gsize before = start;
  gsize after = end;

  *text_end = start;
  *resume = end;
  while (before > parser->pos && is_blank_char (t[before - 1]))
    before--;
  while (is_blank_char (t[after]))
    after++;
  if ((before == 0 || t[before - 1] == '\n') && (t[after] == '\n' || t[after] == '\0'))
    {
      *text_end = before;
      *resume = t[after] == '\n' ? after + 1 : after;
    }
}

static gboolean
check_field (TemplateParser  *parser,
             const char      *name,
             gboolean         in_loop,
             gsize            start,
             GError         **error)
{
  gboolean in_highlight = g_strv_contains (highlight_fields, name);

  if (g_strv_contains (article_fields, name) || (in_loop && in_highlight))
    return TRUE;
  if (in_highlight)
    g_set_error (error, GLOSS_EXPORT_ERROR, GLOSS_EXPORT_ERROR_TEMPLATE,
                 _("The template uses “{{%s}}” on line %u outside {{#highlights}}…{{/highlights}}, "
                   "the only place where it has a value"),
                 name, line_number (parser->text, start));
  else
    g_set_error (error, GLOSS_EXPORT_ERROR, GLOSS_EXPORT_ERROR_TEMPLATE,
                 _("The template uses an unknown field “{{%s}}” on line %u"),
                 name, line_number (parser->text, start));
  return FALSE;
}

static gboolean parse_pieces (TemplateParser  *parser,
                              GPtrArray       *pieces,
                              gssize           loop_start,
                              GError         **error);

/* The tag {{@name}} spans @start to @end. Returns FALSE on an error; sets
 * @closed when the tag ends the section being parsed. */
static gboolean
parse_tag (TemplateParser  *parser,
           GPtrArray       *pieces,
           const char      *name,
           gsize            start,
           gsize            end,
           gssize           loop_start,
           gboolean        *closed,
           GError         **error)
{
  gsize text_end, resume;
  Piece *section;

  if (name[0] != '#' && name[0] != '/')
    {
      add_text (pieces, parser->text + parser->pos, start - parser->pos);
      parser->pos = end;
      if (!check_field (parser, name, loop_start >= 0, start, error))
        return FALSE;
      g_ptr_array_add (pieces, piece_new (PIECE_FIELD, name, -1));
      return TRUE;
    }
  if (!g_str_equal (name + 1, "highlights"))
    {
      g_set_error (error, GLOSS_EXPORT_ERROR, GLOSS_EXPORT_ERROR_TEMPLATE,
                   _("The template uses an unknown section “{{%s}}” on line %u; "
                     "the only one is {{#highlights}}"),
                   name, line_number (parser->text, start));
      return FALSE;
    }
  if ((name[0] == '#') == (loop_start >= 0))
    {
      g_set_error (error, GLOSS_EXPORT_ERROR, GLOSS_EXPORT_ERROR_TEMPLATE,
                   name[0] == '#'
                   ? _("The template opens “{{%s}}” again on line %u, "
                       "inside the one opened on line %u")
                   : _("The template closes “{{%s}}” on line %u, but no section is open"),
                   name, line_number (parser->text, start),
                   line_number (parser->text, MAX (loop_start, 0)));
      return FALSE;
    }
  take_standalone_line (parser, start, end, &text_end, &resume);
  add_text (pieces, parser->text + parser->pos, text_end - parser->pos);
  parser->pos = resume;
  if (name[0] == '/')
    {
      *closed = TRUE;
      return TRUE;
    }
  section = piece_new (PIECE_HIGHLIGHTS, name + 1, -1);
  g_ptr_array_add (pieces, section);
  return parse_pieces (parser, section->children, start, error);
}

/* Parses until the end of the template, or with @loop_start >= 0 (where
 * the section opened) until the section closes. */
static gboolean
parse_pieces (TemplateParser  *parser,
              GPtrArray       *pieces,
              gssize           loop_start,
              GError         **error)
{
  for (;;)
    {
      const char *open = strstr (parser->text + parser->pos, "{{");
      const char *close = open ? strstr (open + 2, "}}") : NULL;
      g_autofree char *name = NULL;
      gboolean closed = FALSE;

      if (open == NULL)
        break;
      if (close == NULL)
        {
          g_set_error (error, GLOSS_EXPORT_ERROR, GLOSS_EXPORT_ERROR_TEMPLATE,
                       _("The template opens “{{” on line %u but never closes it with “}}”"),
                       line_number (parser->text, open - parser->text));
          return FALSE;
        }
      name = g_strstrip (g_strndup (open + 2, close - open - 2));
      if (!parse_tag (parser, pieces, name, open - parser->text, close + 2 - parser->text,
                      loop_start, &closed, error))
        return FALSE;
      if (closed)
        return TRUE;
    }
  add_text (pieces, parser->text + parser->pos, strlen (parser->text + parser->pos));
  parser->pos += strlen (parser->text + parser->pos);
  if (loop_start >= 0)
    {
      g_set_error (error, GLOSS_EXPORT_ERROR, GLOSS_EXPORT_ERROR_TEMPLATE,
                   _("The template opens “{{#highlights}}” on line %u but never closes it "
                     "with “{{/highlights}}”"),
                   line_number (parser->text, loop_start));
      return FALSE;
    }
  return TRUE;
}

static char *
article_value (const GlossExportArticle *article,
               const char               *name)
{
  const char *value = NULL;

  if (g_str_equal (name, "tags"))
    return article->tags ? g_strjoinv (", ", (char **) article->tags) : g_strdup ("");
  if (g_str_equal (name, "title"))
    value = article->title;
  else if (g_str_equal (name, "author"))
    value = article->author;
  else if (g_str_equal (name, "site"))
    value = article->site;
  else if (g_str_equal (name, "source"))
    value = article->source;
  else if (g_str_equal (name, "published"))
    value = article->published;
  else if (g_str_equal (name, "saved"))
    value = article->saved;
  else if (g_str_equal (name, "note"))
    value = article->note;
  else if (g_str_equal (name, "id"))
    value = article->id;
  return g_strdup (value ? value : "");
}

static char *
highlight_value (const GlossExportArticle *article,
                 const GlossAnnotation    *annotation,
                 const char               *name)
{
  const char *value = NULL;

  if (g_str_equal (name, "quote"))
    {
      GString *quote = g_string_new (NULL);
      append_quote (quote, annotation->exact);
      return g_string_free (quote, FALSE);
    }
  if (g_str_equal (name, "link"))
    return annotation_link (article, annotation);
  if (g_str_equal (name, "orphaned"))
    return g_strdup (annotation->orphaned ? "true" : "false");
  if (g_str_equal (name, "text"))
    value = annotation->exact;
  else if (g_str_equal (name, "note"))
    value = annotation->note;
  else if (g_str_equal (name, "color"))
    value = annotation->color;
  else if (g_str_equal (name, "created"))
    value = annotation->created;
  else if (g_str_equal (name, "modified"))
    value = annotation->modified;
  return g_strdup (value ? value : "");
}

static void
render_pieces (GString                  *out,
               GPtrArray                *pieces,
               const GlossExportArticle *article,
               GPtrArray                *annotations,
               const GlossAnnotation    *annotation)
{
  for (guint i = 0; i < pieces->len; i++)
    {
      const Piece *piece = g_ptr_array_index (pieces, i);
      g_autofree char *value = NULL;

      switch (piece->kind)
        {
        case PIECE_TEXT:
          g_string_append (out, piece->text);
          break;
        case PIECE_FIELD:
          if (annotation != NULL && g_strv_contains (highlight_fields, piece->text))
            value = highlight_value (article, annotation, piece->text);
          else
            value = article_value (article, piece->text);
          g_string_append (out, value);
          break;
        case PIECE_HIGHLIGHTS:
          for (guint j = 0; annotations != NULL && j < annotations->len; j++)
            render_pieces (out, piece->children, article, annotations,
                           g_ptr_array_index (annotations, j));
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static char *
export_template (const GlossExportArticle  *article,
                 GPtrArray                 *annotations,
                 const char                *template_text,
                 GError                   **error)
{
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) piece_free);
  TemplateParser parser = { template_text, 0 };
  GString *out;

  if (!parse_pieces (&parser, pieces, -1, error))
    return NULL;
  out = g_string_new (NULL);
  render_pieces (out, pieces, article, annotations, NULL);
  return g_string_free (out, FALSE);
}

char *
gloss_export_markdown (const GlossExportArticle  *article,
                       GPtrArray                 *annotations,
                       const char                *template_text,
                       GError                   **error)
{
  g_return_val_if_fail (article != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (template_text != NULL)
    return export_template (article, annotations, template_text, error);
  return export_default (article, annotations);
}

char *
gloss_export_json (const GlossExportArticle *article,
                   GPtrArray                *annotations)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  g_return_val_if_fail (article != NULL, NULL);

  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    json_array_add_object_element (array,
                                   gloss_annotation_to_json (g_ptr_array_index (annotations, i),
                                                             article->source));
  json_node_take_array (root, array);
  return _gloss_json_to_data (root);
}

/* Replacing an export must never replace anything else. */

#define MAX_EXPORT_BYTES (64 * 1024 * 1024)

static gboolean
is_markdown_export (const char *text)
{
  const char *end;

  if (strstr (text, "](gloss://open/") != NULL)
    return TRUE;
  if (!g_str_has_prefix (text, "---\n") || (end = strstr (text + 4, "\n---\n")) == NULL)
    return FALSE;
  return g_strstr_len (text, end - text, "\nsource: ") != NULL &&
         g_strstr_len (text, end - text, "\nsaved: ") != NULL;
}

static gboolean
is_json_export (const char *text,
                gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *array;

  if (!_gloss_json_load_bounded (parser, text, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return FALSE;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          g_strcmp0 (_gloss_json_string_or (json_node_get_object (node), "type", NULL),
                     "Annotation") != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
gloss_export_is_previous (const char *path)
{
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
      !_gloss_read_file_bounded (path, MAX_EXPORT_BYTES, &text, &length, NULL))
    return FALSE;
  return length == 0 || is_markdown_export (text) || is_json_export (text, length);
}

gboolean
gloss_export_save (const char  *path,
                   const char  *text,
                   gboolean     overwrite,
                   GError     **error)
{
  g_return_val_if_fail (path != NULL && text != NULL, FALSE);

  if (!overwrite && g_file_test (path, G_FILE_TEST_EXISTS) && !gloss_export_is_previous (path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("Did not write %s: a file that Gloss did not export is already there"), path);
      return FALSE;
    }
  return _gloss_write_file_atomic (path, text, strlen (text), error);
}

typedef struct
{
  char     *path;
  char     *text;
  gboolean  overwrite;
} SaveData;

static void
save_data_free (SaveData *save)
{
  g_free (save->path);
  g_free (save->text);
  g_free (save);
}

static void
save_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SaveData *save = task_data;
  GError *error = NULL;

  if (gloss_export_save (save->path, save->text, save->overwrite, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
gloss_export_save_async (const char          *path,
                         const char          *text,
                         gboolean             overwrite,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *save;

  g_return_if_fail (path != NULL && text != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_export_save_async);
  save = g_new0 (SaveData, 1);
  save->path = g_strdup (path);
  save->text = g_strdup (text);
  save->overwrite = overwrite;
  g_task_set_task_data (task, save, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_in_thread);
}

gboolean
gloss_export_save_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
