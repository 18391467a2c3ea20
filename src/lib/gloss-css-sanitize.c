/* gloss-css-sanitize.c — CSS written back from its tokens, keeping only
 * what is safe in an archive
 *
 * Nothing of the input is copied: every rule, declaration and value is
 * written again from tokens (gloss-css.c), so what a browser reads is what
 * was checked. The rules:
 *
 * - At-rules: @media, @supports, @container, @layer, @scope, @starting-style
 *   keep their rules; @font-face, @page, @counter-style, @property,
 *   @font-palette-values their declarations; @keyframes (and its prefixed
 *   names) its keyframes. @import goes to the policy (spliced, or kept for
 *   the inliner's pass); every other at-rule (@charset, @namespace, …) goes.
 * - Declarations go when the property is behavior or a binding, when the
 *   value holds expression(), "javascript:" or "vbscript:", a bad URL or
 *   string, or a URL the policy refuses. URLs are url tokens, url() and
 *   src() with a string, and the strings directly inside image-set(),
 *   -webkit-image-set(), image(), cross-fade(); element() and paint() go.
 *   @font-face src keeps those of its comma-separated sources that pass.
 * - var(): a custom property (--x) may not hold a URL of any kind (url
 *   token, url(), src(), image-set(), …, nor a string that reads as one:
 *   "//x", "/x", "scheme:…"), so what var() substitutes is never a URL; a var(), env() or attr() inside an image function (image-set(
 *   var(--u) 1x)) drops the declaration, and so does var() or env() in a
 *   property that takes only pictures or sources: background-image,
 *   list-style(-image), border-image(-source), mask(-image), mask-border,
 *   cursor, src, shape-outside and their -webkit- forms. attr() may only
 *   name an attribute (attr(title)): it then gives a string, never a URL.
 * - Selectors and at-rule preludes may hold no URL at all.
 * - Blocks nest at most MAX_DEPTH deep; deeper ones go.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-css-private.h"

#define MAX_DEPTH 32

typedef struct
{
  const GlossCssToken  *t;
  guint                 n;
  const GlossCssPolicy *policy;
} Sheet;

/* Where a value is written, and what was last written, to know when two
 * tokens need a comment between them to stay two (CSS Syntax §9). */
typedef struct
{
  GString *s;
  gint     last;        /* a GlossCssTokenType, or -1 */
  char     last_delim;
} Out;

typedef struct
{
  gboolean custom;        /* a custom property: no URL at all */
  gboolean no_urls;       /* a selector or prelude */
  gboolean strings_urls;  /* directly inside an image function */
  guint    image_depth;   /* inside an image function, at any depth */
  gboolean has_var;
} Ctx;

static const char * const image_functions[] = {
  "image-set", "-webkit-image-set", "image", "-webkit-image", "cross-fade", "-webkit-cross-fade",
  "-moz-image-rect", NULL
};

static const char * const url_only_properties[] = {
  "background-image", "list-style", "list-style-image", "border-image", "border-image-source",
  "-webkit-border-image", "mask", "mask-image", "mask-border", "mask-border-source",
  "-webkit-mask", "-webkit-mask-image", "-webkit-mask-box-image",
  "-webkit-mask-box-image-source", "cursor", "src", "shape-outside", NULL
};

static gboolean
in_list (const char * const *list,
         const char         *name)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (g_str_equal (list[i], name))
      return TRUE;
  return FALSE;
}

static gboolean
is_type (const Sheet       *s,
         guint              i,
         GlossCssTokenType  type)
{
  return i < s->n && s->t[i].type == type;
}

static gboolean
is_opener (GlossCssTokenType type)
{
  return type == GLOSS_CSS_FUNCTION || type == GLOSS_CSS_LEFT_PAREN ||
         type == GLOSS_CSS_LEFT_SQUARE || type == GLOSS_CSS_LEFT_CURLY;
}

static GlossCssTokenType
closer_of (GlossCssTokenType type)
{
  if (type == GLOSS_CSS_LEFT_SQUARE)
    return GLOSS_CSS_RIGHT_SQUARE;
  if (type == GLOSS_CSS_LEFT_CURLY)
    return GLOSS_CSS_RIGHT_CURLY;
  return GLOSS_CSS_RIGHT_PAREN;
}

/* The index of the token that closes the block opened at @i, or @end when
 * it runs to the end. Only the innermost block's own closer closes it (§5). */
static guint
block_end (const Sheet *s,
           guint        i,
           guint        end)
{
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (GlossCssTokenType));

  for (; i < end; i++)
    {
      GlossCssTokenType type = s->t[i].type;

      if (is_opener (type))
        {
          GlossCssTokenType closer = closer_of (type);
          g_array_append_val (expected, closer);
        }
      else if (expected->len > 0 &&
               type == g_array_index (expected, GlossCssTokenType, expected->len - 1))
        {
          g_array_set_size (expected, expected->len - 1);
          if (expected->len == 0)
            return i;
        }
    }
  return end;
}

/* The next component value after the one at @i. */
static guint
skip_value (const Sheet *s,
            guint        i,
            guint        end)
{
  if (is_opener (s->t[i].type))
    return MIN (block_end (s, i, end) + 1, end);
  return i + 1;
}

/* The first @type at the top level from @i on, or @end. */
static guint
find_top_level (const Sheet       *s,
                guint              i,
                guint              end,
                GlossCssTokenType  type)
{
  while (i < end && s->t[i].type != type)
    i = skip_value (s, i, end);
  return i;
}

static gboolean
is_word_like (gint type)
{
  return type == GLOSS_CSS_IDENT || type == GLOSS_CSS_FUNCTION || type == GLOSS_CSS_URL ||
         type == GLOSS_CSS_BAD_URL || type == GLOSS_CSS_NUMBER ||
         type == GLOSS_CSS_PERCENTAGE || type == GLOSS_CSS_DIMENSION || type == GLOSS_CSS_CDC;
}

static gboolean
is_numeric (gint type)
{
  return type == GLOSS_CSS_NUMBER || type == GLOSS_CSS_PERCENTAGE ||
         type == GLOSS_CSS_DIMENSION;
}

/* CSS Syntax §9: the pairs that would read as one token. */
static gboolean
needs_separator (const Out         *o,
                 GlossCssTokenType  type,
                 char               delim)
{
  gboolean word = is_word_like (type) || delim == '-';

  switch (o->last)
    {
    case GLOSS_CSS_IDENT:
      return word || type == GLOSS_CSS_LEFT_PAREN;
    case GLOSS_CSS_AT_KEYWORD:
    case GLOSS_CSS_HASH:
    case GLOSS_CSS_DIMENSION:
      return word;
    case GLOSS_CSS_NUMBER:
      return (word && delim != '-') || delim == '%';
    case GLOSS_CSS_DELIM:
      if (o->last_delim == '#' || o->last_delim == '-')
        return word && type != GLOSS_CSS_CDC;
      if (o->last_delim == '@')
        return (word && !is_numeric (type) && type != GLOSS_CSS_CDC);
      if (o->last_delim == '.' || o->last_delim == '+')
        return is_numeric (type);
      if (o->last_delim == '/')
        return delim == '*';
      return FALSE;
    default:
      return FALSE;
    }
}

/* Appends @text as a token of @type; never lets "<" meet "/" or "!", so no
 * "</style" or "<!--" can appear ("&" is never written). */
static void
emit (Out               *o,
      GlossCssTokenType  type,
      char               delim,
      const char        *text)
{
  char last = o->s->len > 0 ? o->s->str[o->s->len - 1] : '\0';

  if (needs_separator (o, type, delim))
    g_string_append (o->s, "/**/");
  else if (last == '<' && (text[0] == '/' || text[0] == '!'))
    g_string_append_c (o->s, ' ');
  g_string_append (o->s, text);
  o->last = type;
  o->last_delim = delim;
}

static void
emit_space (Out *o)
{
  if (o->s->len > 0 && o->s->str[o->s->len - 1] != ' ')
    g_string_append_c (o->s, ' ');
  o->last = GLOSS_CSS_WHITESPACE;
}

static void
emit_url (Out        *o,
          const char *url)
{
  GString *text = g_string_new ("url(");

  _gloss_css_append_string (text, url);
  g_string_append_c (text, ')');
  emit (o, GLOSS_CSS_FUNCTION, 0, text->str);
  o->last = GLOSS_CSS_RIGHT_PAREN;
  g_string_free (text, TRUE);
}

static gboolean
unit_reads_as_exponent (const char *unit)
{
  const char *p = unit + 1;

  if (unit[0] != 'e' && unit[0] != 'E')
    return FALSE;
  if (*p == '+' || *p == '-')
    p++;
  return g_ascii_isdigit (*p);
}

/* A plain token, written back; FALSE for those that cannot be. */
static gboolean
emit_token (Out                 *o,
            const GlossCssToken *t)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char delim = 0;

  switch (t->type)
    {
    case GLOSS_CSS_IDENT:
      _gloss_css_append_ident (text, t->value);
      break;
    case GLOSS_CSS_AT_KEYWORD:
      g_string_append_c (text, '@');
      _gloss_css_append_ident (text, t->value);
      break;
    case GLOSS_CSS_HASH:
      g_string_append_c (text, '#');
      if (t->is_id)
        _gloss_css_append_ident (text, t->value);
      else
        _gloss_css_append_name (text, t->value);
      break;
    case GLOSS_CSS_STRING:
      _gloss_css_append_string (text, t->value);
      break;
    case GLOSS_CSS_DELIM:
      /* A lone backslash would escape what follows it; "&" is nothing in
       * CSS without nesting, and could start a character reference in an
       * attribute. */
      if (t->value[0] == '\\' || t->value[0] == '&')
        return FALSE;
      delim = t->value[0];
      g_string_append (text, t->value);
      break;
    case GLOSS_CSS_NUMBER:
      g_string_append (text, t->value);
      break;
    case GLOSS_CSS_PERCENTAGE:
      g_string_append_printf (text, "%s%%", t->value);
      break;
    case GLOSS_CSS_DIMENSION:
      g_string_append (text, t->value);
      /* "1\65 3" is 1 with the unit "e3", not 1e3 */
      if (unit_reads_as_exponent (t->unit))
        g_string_append_printf (text, "\\%x ", t->unit[0]);
      _gloss_css_append_name (text, t->unit + unit_reads_as_exponent (t->unit));
      break;
    case GLOSS_CSS_COLON: g_string_append_c (text, ':'); break;
    case GLOSS_CSS_SEMICOLON: g_string_append_c (text, ';'); break;
    case GLOSS_CSS_COMMA: g_string_append_c (text, ','); break;
    default:
      return FALSE;
    }
  emit (o, t->type, delim, text->str);
  return TRUE;
}

/* "javascript:" and "vbscript:" as a URL parser would see them. */
static gboolean
names_script (const char *text)
{
  g_autoptr(GString) squeezed = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p > 0x20 && *p != 0x7F)
      g_string_append_c (squeezed, g_ascii_tolower (*p));
  return strstr (squeezed->str, "javascript:") != NULL ||
         strstr (squeezed->str, "vbscript:") != NULL;
}

/* A URL found in a value: through the policy, or refused. */
static gboolean
emit_policy_url (const Sheet *s,
                 Out         *o,
                 const Ctx   *ctx,
                 const char  *url)
{
  g_autofree char *replacement = NULL;

  if (ctx->custom || ctx->no_urls || s->policy == NULL || s->policy->url == NULL)
    return FALSE;
  replacement = s->policy->url (url, FALSE, s->policy->user_data);
  if (replacement == NULL)
    return FALSE;
  emit_url (o, replacement);
  return TRUE;
}

/* url("…") and src("…"): one string, nothing else. */
static gboolean
url_function_string (const Sheet  *s,
                     guint         i,
                     guint         end,
                     const char  **url)
{
  while (is_type (s, i, GLOSS_CSS_WHITESPACE) && i < end)
    i++;
  if (i >= end || s->t[i].type != GLOSS_CSS_STRING)
    return FALSE;
  *url = s->t[i].value;
  for (i++; is_type (s, i, GLOSS_CSS_WHITESPACE) && i < end; i++)
    ;
  return i == end;
}

/* attr(name): a string, whatever the attribute holds. */
static gboolean
attr_is_plain (const Sheet *s,
               guint        i,
               guint        end)
{
  guint idents = 0;

  for (; i < end; i++)
    {
      if (s->t[i].type == GLOSS_CSS_IDENT)
        idents++;
      else if (s->t[i].type != GLOSS_CSS_WHITESPACE)
        return FALSE;
    }
  return idents == 1;
}

static gboolean walk_values (const Sheet *s, guint i, guint end, Out *o, Ctx *ctx, guint depth);

static gboolean
walk_function (const Sheet *s,
               guint        i,
               guint        close,
               Out         *o,
               Ctx         *ctx,
               guint        depth)
{
  g_autofree char *name = g_ascii_strdown (s->t[i].value, -1);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean image = in_list (image_functions, name);
  gboolean strings_urls = ctx->strings_urls;
  const char *url;
  gboolean ok;

  if (strstr (name, "expression") != NULL || g_str_equal (name, "element") ||
      g_str_equal (name, "-moz-element") || g_str_equal (name, "paint"))
    return FALSE;
  if (g_str_equal (name, "url") || g_str_equal (name, "src"))
    return url_function_string (s, i + 1, close, &url) && emit_policy_url (s, o, ctx, url);
  if (g_str_equal (name, "var") || g_str_equal (name, "env") || g_str_equal (name, "attr"))
    {
      if (ctx->image_depth > 0 || (g_str_equal (name, "attr") && !attr_is_plain (s, i + 1, close)))
        return FALSE;
      ctx->has_var = ctx->has_var || !g_str_equal (name, "attr");
    }
  if (image && (ctx->custom || ctx->no_urls))
    return FALSE;

  _gloss_css_append_ident (text, s->t[i].value);
  g_string_append_c (text, '(');
  emit (o, GLOSS_CSS_FUNCTION, 0, text->str);
  ctx->strings_urls = image;
  ctx->image_depth += image;
  ok = walk_values (s, i + 1, close, o, ctx, depth + 1);
  ctx->image_depth -= image;
  ctx->strings_urls = strings_urls;
  emit (o, GLOSS_CSS_RIGHT_PAREN, 0, ")");
  return ok;
}

static gboolean
walk_block (const Sheet *s,
            guint        i,
            guint        close,
            Out         *o,
            Ctx         *ctx,
            guint        depth)
{
  GlossCssTokenType type = s->t[i].type;
  GlossCssTokenType closer = closer_of (type);
  gboolean strings_urls = ctx->strings_urls;
  gboolean ok;

  /* {} in a value only makes sense in a custom property. */
  if (type == GLOSS_CSS_LEFT_CURLY && !ctx->custom)
    return FALSE;
  emit (o, type, 0, type == GLOSS_CSS_LEFT_PAREN ? "(" : type == GLOSS_CSS_LEFT_SQUARE ? "[" : "{");
  ctx->strings_urls = FALSE;
  ok = walk_values (s, i + 1, close, o, ctx, depth + 1);
  ctx->strings_urls = strings_urls;
  emit (o, closer, 0, closer == GLOSS_CSS_RIGHT_PAREN ? ")" :
                      closer == GLOSS_CSS_RIGHT_SQUARE ? "]" : "}");
  return ok;
}

/* Writes the component values of [@i, @end) to @o; FALSE when one of them
 * makes the whole unsafe. Blocks that run to @end are closed. */
/* A string a custom property could hand to something that loads it. */
static gboolean
looks_like_url (const char *text)
{
  const char *colon = strchr (text, ':');

  while (g_ascii_isspace (*text))
    text++;
  if (*text == '/' || *text == '\\' || strstr (text, "//") != NULL)
    return TRUE;
  /* "scheme:" — letters, digits, + - . before the first colon */
  if (colon == NULL || colon == text || !g_ascii_isalpha (*text))
    return FALSE;
  for (const char *p = text; p < colon; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '-' && *p != '.')
      return FALSE;
  return TRUE;
}

static gboolean
walk_values (const Sheet *s,
             guint        i,
             guint        end,
             Out         *o,
             Ctx         *ctx,
             guint        depth)
{
  if (depth > MAX_DEPTH)
    return FALSE;
  while (i < end)
    {
      const GlossCssToken *t = &s->t[i];
      guint close = is_opener (t->type) ? block_end (s, i, end) : i;
      gboolean ok;

      switch (t->type)
        {
        case GLOSS_CSS_WHITESPACE:
          emit_space (o);
          ok = TRUE;
          break;
        case GLOSS_CSS_URL:
          ok = emit_policy_url (s, o, ctx, t->value);
          break;
        case GLOSS_CSS_STRING:
          if (ctx->strings_urls)
            ok = emit_policy_url (s, o, ctx, t->value);
          else
            ok = !names_script (t->value) && !(ctx->custom && looks_like_url (t->value)) &&
                 emit_token (o, t);
          break;
        case GLOSS_CSS_IDENT:
          ok = !names_script (t->value) && emit_token (o, t);
          break;
        case GLOSS_CSS_FUNCTION:
          ok = walk_function (s, i, close, o, ctx, depth);
          break;
        case GLOSS_CSS_LEFT_PAREN:
        case GLOSS_CSS_LEFT_SQUARE:
        case GLOSS_CSS_LEFT_CURLY:
          ok = walk_block (s, i, close, o, ctx, depth);
          break;
        default:
          /* Bad strings and URLs, CDO, CDC and a closer that closes nothing
           * fail here. */
          ok = emit_token (o, t);
          break;
        }
      if (!ok)
        return FALSE;
      i = close + 1;
    }
  return TRUE;
}

static void
trim (const Sheet *s,
      guint       *start,
      guint       *end)
{
  while (*start < *end && s->t[*start].type == GLOSS_CSS_WHITESPACE)
    (*start)++;
  while (*end > *start && s->t[*end - 1].type == GLOSS_CSS_WHITESPACE)
    (*end)--;
}

/* A selector or an at-rule's prelude, with no URL; NULL when unsafe. */
static char *
write_prelude (const Sheet *s,
               guint        start,
               guint        end)
{
  Out o = { g_string_new (NULL), -1, 0 };
  Ctx ctx = { .no_urls = TRUE };

  trim (s, &start, &end);
  if (!walk_values (s, start, end, &o, &ctx, 0))
    {
      g_string_free (o.s, TRUE);
      return NULL;
    }
  return g_string_free (o.s, FALSE);
}

static gboolean
is_denied_property (const char *name)
{
  return strstr (name, "behavior") != NULL || strstr (name, "binding") != NULL;
}

/* Old Internet Explorer read "expr", a comment, "ession(" as expression():
 * no value may spell it even with comments or spaces between. */
static gboolean
hides_expression (const char *value)
{
  g_autoptr(GString) squeezed = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (p[0] == '/' && p[1] == '*' && p[2] == '*' && p[3] == '/')
        p += 3;
      else if (*p != ' ')
        g_string_append_c (squeezed, g_ascii_tolower (*p));
    }
  return strstr (squeezed->str, "expression") != NULL;
}

/* "!important" at the end of [@start, *@end): taken off, and said. */
static gboolean
take_important (const Sheet *s,
                guint        start,
                guint       *end)
{
  guint i = *end;

  if (i <= start || s->t[i - 1].type != GLOSS_CSS_IDENT ||
      g_ascii_strcasecmp (s->t[i - 1].value, "important") != 0)
    return FALSE;
  for (i--; i > start && s->t[i - 1].type == GLOSS_CSS_WHITESPACE; i--)
    ;
  if (i <= start || s->t[i - 1].type != GLOSS_CSS_DELIM || !g_str_equal (s->t[i - 1].value, "!"))
    return FALSE;
  *end = i - 1;
  trim (s, &start, end);
  return TRUE;
}

/* @font-face src: the sources that pass, or FALSE when none does. */
static gboolean
walk_sources (const Sheet *s,
              guint        i,
              guint        end,
              Out         *o,
              Ctx         *ctx)
{
  gboolean any = FALSE;

  while (i < end)
    {
      guint comma = find_top_level (s, i, end, GLOSS_CSS_COMMA);
      guint start = i, stop = comma;
      Out source = { g_string_new (NULL), -1, 0 };

      trim (s, &start, &stop);
      if (start < stop && walk_values (s, start, stop, &source, ctx, 1))
        {
          if (any)
            g_string_append_c (o->s, ',');
          g_string_append (o->s, source.s->str);
          any = TRUE;
        }
      g_string_free (source.s, TRUE);
      i = comma + 1;
    }
  return any;
}

/* name: value, written to @out, or nothing when it is unsafe. */
static void
write_declaration (const Sheet *s,
                   guint        name,
                   guint        start,
                   guint        end,
                   gboolean     font_face,
                   GString     *out)
{
  g_autofree char *property = g_ascii_strdown (s->t[name].value, -1);
  Ctx ctx = { .custom = g_str_has_prefix (property, "--") };
  Out o = { g_string_new (NULL), -1, 0 };
  gboolean important;
  gboolean ok;

  trim (s, &start, &end);
  important = take_important (s, start, &end);
  if (is_denied_property (property))
    ok = FALSE;
  else if (font_face && g_str_equal (property, "src"))
    ok = walk_sources (s, start, end, &o, &ctx);
  else
    ok = walk_values (s, start, end, &o, &ctx, 0);
  ok = ok && (o.s->len > 0 || ctx.custom) && !hides_expression (o.s->str);
  ok = ok && !(ctx.has_var && in_list (url_only_properties, property));
  if (ok)
    {
      if (out->len > 0 && out->str[out->len - 1] != '{')
        g_string_append_c (out, ';');
      _gloss_css_append_ident (out, ctx.custom ? s->t[name].value : property);
      g_string_append_c (out, ':');
      g_string_append (out, o.s->str);
      if (important)
        g_string_append (out, "!important");
    }
  g_string_free (o.s, TRUE);
}

/* What is not a declaration ends at a ";" or after a {} block (a nested
 * rule, an at-rule), as CSS Syntax with nesting reads it. */
static guint
skip_non_declaration (const Sheet *s,
                      guint        i,
                      guint        end)
{
  while (i < end && s->t[i].type != GLOSS_CSS_SEMICOLON)
    {
      if (s->t[i].type == GLOSS_CSS_LEFT_CURLY)
        return block_end (s, i, end) + 1;
      i = skip_value (s, i, end);
    }
  return i + 1;
}

static void
write_declarations (const Sheet *s,
                    guint        i,
                    guint        end,
                    gboolean     font_face,
                    GString     *out)
{
  while (i < end)
    {
      guint colon = i + 1;
      guint stop;

      if (s->t[i].type == GLOSS_CSS_WHITESPACE || s->t[i].type == GLOSS_CSS_SEMICOLON)
        {
          i++;
          continue;
        }
      while (is_type (s, colon, GLOSS_CSS_WHITESPACE) && colon < end)
        colon++;
      if (s->t[i].type != GLOSS_CSS_IDENT || colon >= end || s->t[colon].type != GLOSS_CSS_COLON)
        {
          i = skip_non_declaration (s, i, end);
          continue;
        }
      stop = find_top_level (s, colon + 1, end, GLOSS_CSS_SEMICOLON);
      write_declaration (s, i, colon + 1, stop, font_face, out);
      i = stop + 1;
    }
}

static void write_rules (const Sheet *s, guint i, guint end, guint depth, GString *out);

/* A block of rules or declarations, after its prelude; nothing when it is
 * empty. */
static void
write_block (const Sheet *s,
             const char  *head,
             guint        open,
             guint        close,
             guint        depth,
             gboolean     rules,
             gboolean     font_face,
             GString     *out)
{
  g_autoptr(GString) body = g_string_new (NULL);

  if (depth + 1 > MAX_DEPTH)
    return;
  if (rules)
    write_rules (s, open + 1, close, depth + 1, body);
  else
    write_declarations (s, open + 1, close, font_face, body);
  if (body->len == 0)
    return;
  g_string_append_printf (out, "%s{%s}\n", head, body->str);
}

static guint
write_qualified_rule (const Sheet *s,
                      guint        i,
                      guint        end,
                      guint        depth,
                      GString     *out)
{
  guint open = find_top_level (s, i, end, GLOSS_CSS_LEFT_CURLY);
  guint close;
  g_autofree char *selector = NULL;

  if (open >= end)
    return end;  /* a prelude without a block is dropped, to the end (§5.4.3) */
  close = block_end (s, open, end);
  selector = write_prelude (s, i, open);
  if (selector != NULL && *selector != '\0')
    write_block (s, selector, open, close, depth, FALSE, FALSE, out);
  return close + 1;
}

/* The URL of "@import url(…) …" and where what follows it starts. */
static const char *
import_url (const Sheet *s,
            guint        i,
            guint        end,
            guint       *rest)
{
  const char *url = NULL;

  while (i < end && s->t[i].type == GLOSS_CSS_WHITESPACE)
    i++;
  if (i >= end)
    return NULL;
  if (s->t[i].type == GLOSS_CSS_URL || s->t[i].type == GLOSS_CSS_STRING)
    url = s->t[i].value;
  else if (s->t[i].type == GLOSS_CSS_FUNCTION &&
           (g_ascii_strcasecmp (s->t[i].value, "url") == 0 ||
            g_ascii_strcasecmp (s->t[i].value, "src") == 0))
    {
      guint close = block_end (s, i, end);

      if (!url_function_string (s, i + 1, close, &url))
        return NULL;
      i = close;
    }
  *rest = i + 1;
  return url;
}

/* layer, layer(…) and supports(…) after an @import's URL, then media. */
static gboolean
split_import_conditions (const Sheet *s,
                         guint        i,
                         guint        end,
                         char       **layer,
                         char       **supports,
                         char       **media)
{
  while (i < end && s->t[i].type == GLOSS_CSS_WHITESPACE)
    i++;
  if (i < end && s->t[i].type == GLOSS_CSS_IDENT &&
      g_ascii_strcasecmp (s->t[i].value, "layer") == 0)
    *layer = g_strdup ((i++, ""));
  else if (i < end && s->t[i].type == GLOSS_CSS_FUNCTION &&
           g_ascii_strcasecmp (s->t[i].value, "layer") == 0)
    {
      guint close = block_end (s, i, end);

      if ((*layer = write_prelude (s, i + 1, close)) == NULL)
        return FALSE;
      i = close + 1;
    }
  while (i < end && s->t[i].type == GLOSS_CSS_WHITESPACE)
    i++;
  if (i < end && s->t[i].type == GLOSS_CSS_FUNCTION &&
      g_ascii_strcasecmp (s->t[i].value, "supports") == 0)
    {
      guint close = block_end (s, i, end);
      g_autofree char *condition = write_prelude (s, i + 1, close);

      if (condition == NULL)
        return FALSE;
      *supports = g_strdup_printf ("(%s)", condition);
      i = close + 1;
    }
  *media = write_prelude (s, i, end);
  return *media != NULL;
}

static void
splice_import (const char *layer,
               const char *supports,
               const char *media,
               const char *css,
               GString    *out)
{
  if (layer != NULL)
    g_string_append_printf (out, "@layer%s%s{", *layer ? " " : "", layer);
  if (supports != NULL)
    g_string_append_printf (out, "@supports %s{", supports);
  if (*media != '\0')
    g_string_append_printf (out, "@media %s{", media);
  g_string_append_printf (out, "\n%s\n", css);
  if (*media != '\0')
    g_string_append (out, "}");
  if (supports != NULL)
    g_string_append (out, "}");
  if (layer != NULL)
    g_string_append (out, "}");
  g_string_append_c (out, '\n');
}

static void
write_import (const Sheet *s,
              guint        i,
              guint        end,
              GString     *out)
{
  const GlossCssPolicy *policy = s->policy;
  g_autofree char *layer = NULL;
  g_autofree char *supports = NULL;
  g_autofree char *media = NULL;
  g_autofree char *css = NULL;
  guint rest;
  const char *url = import_url (s, i, end, &rest);

  if (url == NULL || policy == NULL || !split_import_conditions (s, rest, end, &layer,
                                                                 &supports, &media))
    return;
  if (policy->keep_imports && policy->url != NULL)
    {
      g_autofree char *kept = policy->url (url, TRUE, policy->user_data);
      g_autofree char *conditions = write_prelude (s, rest, end);

      if (kept == NULL || conditions == NULL)
        return;
      g_string_append (out, "@import url(");
      _gloss_css_append_string (out, kept);
      g_string_append_printf (out, ")%s%s;\n", *conditions ? " " : "", conditions);
    }
  else if (policy->import != NULL && (css = policy->import (url, policy->user_data)) != NULL)
    splice_import (layer, supports, media, css, out);
}

static const char * const rule_block_at_rules[] = {
  "media", "supports", "container", "layer", "scope", "starting-style",
  "keyframes", "-webkit-keyframes", "-moz-keyframes", "-o-keyframes", NULL
};

static const char * const declaration_block_at_rules[] = {
  "font-face", "page", "counter-style", "property", "font-palette-values", NULL
};

static guint
write_at_rule (const Sheet *s,
               guint        i,
               guint        end,
               guint        depth,
               GString     *out)
{
  g_autofree char *name = g_ascii_strdown (s->t[i].value, -1);
  guint stop = i + 1;
  gboolean has_block;
  guint close;
  g_autofree char *prelude = NULL;
  g_autoptr(GString) head = g_string_new ("@");

  while (stop < end && s->t[stop].type != GLOSS_CSS_SEMICOLON &&
         s->t[stop].type != GLOSS_CSS_LEFT_CURLY)
    stop = skip_value (s, stop, end);
  has_block = stop < end && s->t[stop].type == GLOSS_CSS_LEFT_CURLY;
  close = has_block ? block_end (s, stop, end) : stop;

  if (g_str_equal (name, "import") && !has_block && depth == 0)
    write_import (s, i + 1, stop, out);
  else if ((prelude = write_prelude (s, i + 1, stop)) == NULL)
    ;
  else if (g_str_equal (name, "layer") && !has_block)
    g_string_append_printf (out, "@layer %s;\n", prelude);
  else if (has_block && (in_list (rule_block_at_rules, name) ||
                         in_list (declaration_block_at_rules, name)))
    {
      _gloss_css_append_ident (head, name);
      if (*prelude != '\0')
        g_string_append_printf (head, " %s", prelude);
      write_block (s, head->str, stop, close, depth, in_list (rule_block_at_rules, name),
                   g_str_equal (name, "font-face"), out);
    }
  return close + 1;
}

static void
write_rules (const Sheet *s,
             guint        i,
             guint        end,
             guint        depth,
             GString     *out)
{
  while (i < end)
    {
      switch (s->t[i].type)
        {
        case GLOSS_CSS_WHITESPACE:
        case GLOSS_CSS_CDO:
        case GLOSS_CSS_CDC:
        case GLOSS_CSS_SEMICOLON:
          i++;
          break;
        case GLOSS_CSS_AT_KEYWORD:
          i = write_at_rule (s, i, end, depth, out);
          break;
        default:
          i = write_qualified_rule (s, i, end, depth, out);
          break;
        }
    }
}

static char *
sanitize (const char           *css,
          gssize                length,
          const GlossCssPolicy *policy,
          gboolean              sheet)
{
  g_autoptr(GArray) tokens = NULL;
  GString *out = g_string_new (NULL);
  Sheet s;

  g_return_val_if_fail (css != NULL, g_string_free (out, FALSE));

  tokens = _gloss_css_tokenize (css, length);
  s.t = (const GlossCssToken *) tokens->data;
  s.n = tokens->len;
  s.policy = policy;
  if (sheet)
    write_rules (&s, 0, s.n, 0, out);
  else
    write_declarations (&s, 0, s.n, FALSE, out);
  return g_string_free (out, FALSE);
}

char *
_gloss_css_sanitize_sheet (const char           *css,
                           gssize                length,
                           const GlossCssPolicy *policy)
{
  return sanitize (css, length, policy, TRUE);
}

char *
_gloss_css_sanitize_declarations (const char           *css,
                                  gssize                length,
                                  const GlossCssPolicy *policy)
{
  return sanitize (css, length, policy, FALSE);
}

gboolean
_gloss_css_value_is_local (const char *value)
{
  g_autoptr(GArray) tokens = _gloss_css_tokenize (value, -1);
  Sheet s = { (const GlossCssToken *) tokens->data, tokens->len, NULL };

  for (guint i = 0; i < s.n; i++)
    {
      const GlossCssToken *t = &s.t[i];
      const char *url = NULL;

      if (t->type == GLOSS_CSS_BAD_URL || t->type == GLOSS_CSS_BAD_STRING)
        return FALSE;
      if (t->type == GLOSS_CSS_URL)
        url = t->value;
      else if (t->type == GLOSS_CSS_FUNCTION &&
               (g_ascii_strcasecmp (t->value, "url") == 0 ||
                g_ascii_strcasecmp (t->value, "src") == 0))
        {
          guint close = block_end (&s, i, s.n);

          if (!url_function_string (&s, i + 1, close, &url))
            return FALSE;
        }
      else if (t->type == GLOSS_CSS_FUNCTION)
        {
          g_autofree char *name = g_ascii_strdown (t->value, -1);

          if (in_list (image_functions, name))
            return FALSE;
        }
      if (url != NULL && _gloss_css_url_kind (url) != GLOSS_CSS_URL_LOCAL)
        return FALSE;
    }
  return TRUE;
}
