/* gloss-css.c — the CSS tokenizer of CSS Syntax Level 3 (§3.3, §4), and
 * the pieces that write tokens back
 *
 * The input is first decoded to code points, preprocessed as §3.3 says;
 * every consume function below then moves forward by at least one code
 * point, so tokenizing is linear and never reads past the end.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-css-private.h"

#define EOF_CHAR ((gunichar) -1)
#define REPLACEMENT 0xFFFD

typedef struct
{
  gunichar *chars;
  gsize     length;
  gsize     pos;
} Input;

/* §3.3: CR LF, CR and FF become LF; NUL, surrogates and bytes that are no
 * UTF-8 become U+FFFD. */
static void
input_init (Input      *in,
            const char *css,
            gssize      length)
{
  gsize size = length < 0 ? strlen (css) : (gsize) length;
  const char *p = css;
  const char *end = css + size;

  in->chars = g_new (gunichar, size + 1);
  in->length = 0;
  in->pos = 0;
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          c = REPLACEMENT;
          p++;
        }
      else
        p = g_utf8_next_char (p);
      if (c == '\r' && p < end && *p == '\n')
        p++;
      if (c == '\r' || c == '\f')
        c = '\n';
      if (c == 0)
        c = REPLACEMENT;
      in->chars[in->length++] = c;
    }
}

static gunichar
peek (const Input *in,
      gsize        ahead)
{
  return in->pos + ahead < in->length ? in->chars[in->pos + ahead] : EOF_CHAR;
}

static gunichar
next (Input *in)
{
  gunichar c = peek (in, 0);

  if (in->pos < in->length)
    in->pos++;
  return c;
}

static gboolean
is_whitespace (gunichar c)
{
  return c == '\n' || c == '\t' || c == ' ';
}

static gboolean
is_hex (gunichar c)
{
  return c < 0x80 && g_ascii_isxdigit ((char) c);
}

static gboolean
is_digit (gunichar c)
{
  return c >= '0' && c <= '9';
}

static gboolean
is_name_start (gunichar c)
{
  return c != EOF_CHAR &&
         ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80);
}

static gboolean
is_name (gunichar c)
{
  return is_name_start (c) || is_digit (c) || c == '-';
}

static gboolean
is_non_printable (gunichar c)
{
  return c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F;
}

/* §4.3.8 */
static gboolean
valid_escape (gunichar first,
              gunichar second)
{
  return first == '\\' && second != '\n';
}

/* §4.3.9 */
static gboolean
starts_ident (gunichar first,
              gunichar second,
              gunichar third)
{
  if (first == '-')
    return is_name_start (second) || second == '-' || valid_escape (second, third);
  if (is_name_start (first))
    return TRUE;
  return valid_escape (first, second);
}

/* §4.3.10 */
static gboolean
starts_number (gunichar first,
               gunichar second,
               gunichar third)
{
  if (first == '+' || first == '-')
    return is_digit (second) || (second == '.' && is_digit (third));
  if (first == '.')
    return is_digit (second);
  return is_digit (first);
}

/* §4.3.7, after the backslash. */
static gunichar
consume_escape (Input *in)
{
  gunichar c = next (in);
  gunichar value = 0;

  if (c == EOF_CHAR)
    return REPLACEMENT;
  if (!is_hex (c))
    return c;
  value = g_ascii_xdigit_value ((char) c);
  for (int n = 1; n < 6 && is_hex (peek (in, 0)); n++)
    value = value * 16 + g_ascii_xdigit_value ((char) next (in));
  if (is_whitespace (peek (in, 0)))
    next (in);
  if (value == 0 || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF)
    return REPLACEMENT;
  return value;
}

/* §4.3.11 */
static char *
consume_name (Input *in)
{
  GString *name = g_string_new (NULL);

  for (;;)
    {
      gunichar c = peek (in, 0);

      if (is_name (c))
        g_string_append_unichar (name, next (in));
      else if (valid_escape (c, peek (in, 1)))
        {
          next (in);
          g_string_append_unichar (name, consume_escape (in));
        }
      else
        break;
    }
  return g_string_free (name, FALSE);
}

static void
consume_digits (Input   *in,
                GString *repr)
{
  while (is_digit (peek (in, 0)))
    g_string_append_c (repr, (char) next (in));
}

/* §4.3.12; *integer tells the type. */
static char *
consume_number (Input    *in,
                gboolean *integer)
{
  GString *repr = g_string_new (NULL);

  *integer = TRUE;
  if (peek (in, 0) == '+' || peek (in, 0) == '-')
    g_string_append_c (repr, (char) next (in));
  consume_digits (in, repr);
  if (peek (in, 0) == '.' && is_digit (peek (in, 1)))
    {
      g_string_append_c (repr, (char) next (in));
      consume_digits (in, repr);
      *integer = FALSE;
    }
  if ((peek (in, 0) == 'e' || peek (in, 0) == 'E') &&
      (is_digit (peek (in, 1)) ||
       ((peek (in, 1) == '+' || peek (in, 1) == '-') && is_digit (peek (in, 2)))))
    {
      g_string_append_c (repr, (char) next (in));
      if (!is_digit (peek (in, 0)))
        g_string_append_c (repr, (char) next (in));
      consume_digits (in, repr);
      *integer = FALSE;
    }
  return g_string_free (repr, FALSE);
}

static GlossCssToken
make (GlossCssTokenType  type,
      char              *value)
{
  GlossCssToken token = { type, value, NULL, FALSE };

  return token;
}

/* §4.3.3 */
static GlossCssToken
consume_numeric (Input *in)
{
  gboolean integer;
  GlossCssToken token = make (GLOSS_CSS_NUMBER, consume_number (in, &integer));

  token.is_id = integer;
  if (starts_ident (peek (in, 0), peek (in, 1), peek (in, 2)))
    {
      token.type = GLOSS_CSS_DIMENSION;
      token.unit = consume_name (in);
    }
  else if (peek (in, 0) == '%')
    {
      next (in);
      token.type = GLOSS_CSS_PERCENTAGE;
    }
  return token;
}

/* §4.3.14 */
static void
consume_bad_url_remnants (Input *in)
{
  for (;;)
    {
      gunichar c = next (in);

      if (c == ')' || c == EOF_CHAR)
        return;
      if (valid_escape (c, peek (in, 0)))
        consume_escape (in);
    }
}

static void
skip_whitespace (Input *in)
{
  while (is_whitespace (peek (in, 0)))
    next (in);
}

/* §4.3.6, after "url(". An unclosed url( at the end is still a URL. */
static GlossCssToken
consume_url (Input *in)
{
  GString *url = g_string_new (NULL);

  skip_whitespace (in);
  for (;;)
    {
      gunichar c = next (in);

      if (c == ')' || c == EOF_CHAR)
        break;
      if (is_whitespace (c))
        {
          skip_whitespace (in);
          if (peek (in, 0) == ')' || peek (in, 0) == EOF_CHAR)
            {
              next (in);
              break;
            }
          consume_bad_url_remnants (in);
          g_string_free (url, TRUE);
          return make (GLOSS_CSS_BAD_URL, NULL);
        }
      if (c == '"' || c == '\'' || c == '(' || is_non_printable (c) ||
          (c == '\\' && !valid_escape (c, peek (in, 0))))
        {
          consume_bad_url_remnants (in);
          g_string_free (url, TRUE);
          return make (GLOSS_CSS_BAD_URL, NULL);
        }
      g_string_append_unichar (url, c == '\\' ? consume_escape (in) : c);
    }
  return make (GLOSS_CSS_URL, g_string_free (url, FALSE));
}

/* §4.3.4 */
static GlossCssToken
consume_ident_like (Input *in)
{
  char *name = consume_name (in);

  if (g_ascii_strcasecmp (name, "url") == 0 && peek (in, 0) == '(')
    {
      next (in);
      while (is_whitespace (peek (in, 0)) && is_whitespace (peek (in, 1)))
        next (in);
      if (peek (in, 0) == '"' || peek (in, 0) == '\'' ||
          (is_whitespace (peek (in, 0)) && (peek (in, 1) == '"' || peek (in, 1) == '\'')))
        return make (GLOSS_CSS_FUNCTION, name);
      g_free (name);
      return consume_url (in);
    }
  if (peek (in, 0) == '(')
    {
      next (in);
      return make (GLOSS_CSS_FUNCTION, name);
    }
  return make (GLOSS_CSS_IDENT, name);
}

/* §4.3.5, after the opening quote. */
static GlossCssToken
consume_string (Input    *in,
                gunichar  ending)
{
  GString *string = g_string_new (NULL);

  for (;;)
    {
      gunichar c = peek (in, 0);

      if (c == ending || c == EOF_CHAR)
        {
          next (in);
          break;
        }
      if (c == '\n')
        {
          g_string_free (string, TRUE);
          return make (GLOSS_CSS_BAD_STRING, NULL);
        }
      next (in);
      if (c == '\\')
        {
          if (peek (in, 0) == EOF_CHAR)
            continue;
          if (peek (in, 0) == '\n')
            next (in);
          else
            g_string_append_unichar (string, consume_escape (in));
          continue;
        }
      g_string_append_unichar (string, c);
    }
  return make (GLOSS_CSS_STRING, g_string_free (string, FALSE));
}

static GlossCssToken
delim (gunichar c)
{
  char text[8] = { 0 };

  g_unichar_to_utf8 (c, text);
  return make (GLOSS_CSS_DELIM, g_strdup (text));
}

static void
consume_comments (Input *in)
{
  while (peek (in, 0) == '/' && peek (in, 1) == '*')
    {
      in->pos += 2;
      while (in->pos < in->length && !(peek (in, 0) == '*' && peek (in, 1) == '/'))
        in->pos++;
      in->pos = MIN (in->pos + 2, in->length);
    }
}

static GlossCssToken
consume_hash (Input *in)
{
  GlossCssToken token;

  if (!is_name (peek (in, 0)) && !valid_escape (peek (in, 0), peek (in, 1)))
    return delim ('#');
  token.is_id = starts_ident (peek (in, 0), peek (in, 1), peek (in, 2));
  token.type = GLOSS_CSS_HASH;
  token.value = consume_name (in);
  token.unit = NULL;
  return token;
}

/* §4.3.1, after the comments; the first code point is consumed. */
static GlossCssToken
consume_token (Input    *in,
               gunichar  c)
{
  switch (c)
    {
    case '\n': case '\t': case ' ':
      skip_whitespace (in);
      return make (GLOSS_CSS_WHITESPACE, NULL);
    case '"': case '\'':
      return consume_string (in, c);
    case '#':
      return consume_hash (in);
    case '(': return make (GLOSS_CSS_LEFT_PAREN, NULL);
    case ')': return make (GLOSS_CSS_RIGHT_PAREN, NULL);
    case '[': return make (GLOSS_CSS_LEFT_SQUARE, NULL);
    case ']': return make (GLOSS_CSS_RIGHT_SQUARE, NULL);
    case '{': return make (GLOSS_CSS_LEFT_CURLY, NULL);
    case '}': return make (GLOSS_CSS_RIGHT_CURLY, NULL);
    case ',': return make (GLOSS_CSS_COMMA, NULL);
    case ':': return make (GLOSS_CSS_COLON, NULL);
    case ';': return make (GLOSS_CSS_SEMICOLON, NULL);
    case '+': case '.':
      break;
    case '-':
      if (!starts_number (c, peek (in, 0), peek (in, 1)) && peek (in, 0) == '-' &&
          peek (in, 1) == '>')
        {
          in->pos += 2;
          return make (GLOSS_CSS_CDC, NULL);
        }
      if (!starts_number (c, peek (in, 0), peek (in, 1)) &&
          starts_ident (c, peek (in, 0), peek (in, 1)))
        {
          in->pos--;
          return consume_ident_like (in);
        }
      break;
    case '<':
      if (peek (in, 0) == '!' && peek (in, 1) == '-' && peek (in, 2) == '-')
        {
          in->pos += 3;
          return make (GLOSS_CSS_CDO, NULL);
        }
      return delim (c);
    case '@':
      if (starts_ident (peek (in, 0), peek (in, 1), peek (in, 2)))
        return make (GLOSS_CSS_AT_KEYWORD, consume_name (in));
      return delim (c);
    case '\\':
      if (!valid_escape (c, peek (in, 0)))
        return delim (c);
      in->pos--;
      return consume_ident_like (in);
    default:
      if (is_digit (c))
        break;
      if (is_name_start (c))
        {
          in->pos--;
          return consume_ident_like (in);
        }
      return delim (c);
    }

  /* '+', '-', '.' and digits */
  if (starts_number (c, peek (in, 0), peek (in, 1)))
    {
      in->pos--;
      return consume_numeric (in);
    }
  return delim (c);
}

static void
token_clear (GlossCssToken *token)
{
  g_free (token->value);
  g_free (token->unit);
}

GArray *
_gloss_css_tokenize (const char *css,
                     gssize      length)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (GlossCssToken));
  Input in;

  g_array_set_clear_func (tokens, (GDestroyNotify) token_clear);
  g_return_val_if_fail (css != NULL, tokens);

  input_init (&in, css, length);
  for (;;)
    {
      GlossCssToken token;
      gunichar c;

      consume_comments (&in);
      if ((c = next (&in)) == EOF_CHAR)
        break;
      token = consume_token (&in, c);
      g_array_append_val (tokens, token);
    }
  g_free (in.chars);
  return tokens;
}

static void
append_hex_escape (GString  *out,
                   gunichar  c)
{
  g_string_append_printf (out, "\\%x ", c);
}

/* A name whose first code point may be a digit (a hash, a unit's tail). */
static void
append_name_from (GString    *out,
                  const char *name,
                  gboolean    ident)
{
  gunichar first = 0;
  guint index = 0;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p), index++)
    {
      gunichar c = g_utf8_get_char (p);

      if (index == 0)
        first = c;
      if (c < 0x20 || c == 0x7F || c == '<' || c == '&' ||
          (ident && is_digit (c) && (index == 0 || (index == 1 && first == '-'))))
        append_hex_escape (out, c);
      else if (is_name (c))
        g_string_append_unichar (out, c);
      else
        {
          g_string_append_c (out, '\\');
          g_string_append_unichar (out, c);
        }
    }
}

void
_gloss_css_append_ident (GString    *out,
                         const char *ident)
{
  if (g_str_equal (ident, "-"))
    g_string_append (out, "\\-");
  else
    append_name_from (out, ident, TRUE);
}

void
_gloss_css_append_name (GString    *out,
                        const char *name)
{
  append_name_from (out, name, FALSE);
}

void
_gloss_css_append_string (GString    *out,
                          const char *string)
{
  g_string_append_c (out, '"');
  for (const char *p = string; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20 || c == 0x7F || c == '<' || c == '&')
        append_hex_escape (out, c);
      else
        g_string_append_unichar (out, c);
    }
  g_string_append_c (out, '"');
}

/* As the URL parser does: no white space or control character counts, and
 * the scheme is case-insensitive. */
static char *
url_head (const char *url,
          gsize       max)
{
  GString *head = g_string_new (NULL);

  for (const char *p = url; *p != '\0' && head->len < max; p++)
    if ((guchar) *p > 0x20 && *p != 0x7F)
      g_string_append_c (head, g_ascii_tolower (*p));
  return g_string_free (head, FALSE);
}

static const struct { const char *given; const char *embedded; } mime_types[] = {
  { "image/png", "image/png" }, { "image/apng", "image/png" },
  { "image/jpeg", "image/jpeg" }, { "image/jpg", "image/jpeg" }, { "image/pjpeg", "image/jpeg" },
  { "image/gif", "image/gif" }, { "image/webp", "image/webp" }, { "image/avif", "image/avif" },
  { "font/woff", "font/woff" }, { "application/font-woff", "font/woff" },
  { "application/x-font-woff", "font/woff" },
  { "font/woff2", "font/woff2" }, { "application/font-woff2", "font/woff2" },
  { "application/x-font-woff2", "font/woff2" },
  { "font/ttf", "font/ttf" }, { "font/sfnt", "font/ttf" }, { "application/x-font-ttf", "font/ttf" },
  { "application/x-font-truetype", "font/ttf" }, { "application/font-sfnt", "font/ttf" },
  { "font/otf", "font/otf" }, { "application/x-font-otf", "font/otf" },
  { "application/x-font-opentype", "font/otf" }, { "application/vnd.ms-opentype", "font/otf" },
};

const char *
_gloss_css_allowed_mime_type (const char *mime_type)
{
  g_autofree char *lower = NULL;
  gsize length;

  if (mime_type == NULL)
    return NULL;
  /* "image/png; charset=binary" */
  length = strcspn (mime_type, ";");
  lower = g_ascii_strdown (mime_type, length);
  g_strstrip (lower);
  for (guint i = 0; i < G_N_ELEMENTS (mime_types); i++)
    if (g_str_equal (lower, mime_types[i].given))
      return mime_types[i].embedded;
  return NULL;
}

/* The media type of a data: URL, lower case, without parameters. */
static char *
data_url_mime_type (const char *head)
{
  const char *type = head + strlen ("data:");
  gsize length = strcspn (type, ";,");

  return g_strndup (type, length);
}

GlossCssUrlKind
_gloss_css_url_kind (const char *url)
{
  g_autofree char *head = url_head (url, 64);
  g_autofree char *mime = NULL;
  gsize scheme_length = strcspn (head, ":/?#");

  if (head[0] == '#')
    return GLOSS_CSS_URL_LOCAL;
  if (head[scheme_length] != ':')
    return GLOSS_CSS_URL_REMOTE;
  if (g_str_has_prefix (head, "http:") || g_str_has_prefix (head, "https:"))
    return GLOSS_CSS_URL_REMOTE;
  if (!g_str_has_prefix (head, "data:"))
    return GLOSS_CSS_URL_REFUSED;
  mime = data_url_mime_type (head);
  if (g_str_equal (mime, "text/css"))
    return GLOSS_CSS_URL_DATA_CSS;
  /* Only the type as written in the URL counts: a browser takes it from there. */
  if (_gloss_css_allowed_mime_type (mime) != NULL &&
      g_str_equal (_gloss_css_allowed_mime_type (mime), mime))
    return GLOSS_CSS_URL_DATA;
  return GLOSS_CSS_URL_REFUSED;
}

char *
_gloss_css_decode_data_url (const char *url)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (url));
  const char *comma = strchr (trimmed, ',');
  g_autofree char *header = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  if (comma == NULL || g_ascii_strncasecmp (trimmed, "data:", 5) != 0)
    return NULL;
  header = g_ascii_strdown (trimmed, comma - trimmed);
  bytes = g_uri_unescape_bytes (comma + 1, -1, NULL, NULL);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  if (g_str_has_suffix (header, ";base64"))
    {
      g_autofree char *text = g_strndup (data, size);
      g_autofree guchar *decoded = g_base64_decode (text, &size);

      return g_utf8_make_valid ((const char *) decoded, size);
    }
  return g_utf8_make_valid (data, size);
}
