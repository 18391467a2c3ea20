/* gloss-css-private.h — CSS read as a browser reads it, and written back safe
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The tokens of CSS Syntax Level 3, §4. Comments make no token. */
typedef enum
{
  GLOSS_CSS_IDENT,
  GLOSS_CSS_FUNCTION,     /* value: the name, without "(" */
  GLOSS_CSS_AT_KEYWORD,   /* value: the name, without "@" */
  GLOSS_CSS_HASH,         /* value: the name, without "#"; is_id for the "id" type */
  GLOSS_CSS_STRING,
  GLOSS_CSS_BAD_STRING,
  GLOSS_CSS_URL,          /* value: the URL of an unquoted url(…) */
  GLOSS_CSS_BAD_URL,
  GLOSS_CSS_DELIM,        /* value: the one character */
  GLOSS_CSS_NUMBER,       /* value: its text, as written; is_id for an integer */
  GLOSS_CSS_PERCENTAGE,   /* value: the number's text */
  GLOSS_CSS_DIMENSION,    /* value: the number's text; unit */
  GLOSS_CSS_WHITESPACE,
  GLOSS_CSS_CDO,
  GLOSS_CSS_CDC,
  GLOSS_CSS_COLON,
  GLOSS_CSS_SEMICOLON,
  GLOSS_CSS_COMMA,
  GLOSS_CSS_LEFT_SQUARE,
  GLOSS_CSS_RIGHT_SQUARE,
  GLOSS_CSS_LEFT_PAREN,
  GLOSS_CSS_RIGHT_PAREN,
  GLOSS_CSS_LEFT_CURLY,
  GLOSS_CSS_RIGHT_CURLY,
} GlossCssTokenType;

typedef struct
{
  GlossCssTokenType  type;
  char              *value;   /* UTF-8, escapes decoded; NULL for punctuation */
  char              *unit;    /* dimensions only */
  gboolean           is_id;
} GlossCssToken;

/* The tokens of @css (@length bytes, or -1 for NUL-terminated), after the
 * spec's preprocessing (CR LF, CR and FF are LF; NUL and invalid UTF-8 are
 * U+FFFD). A pure function of its input: it reads nothing past @length and
 * takes time and memory linear in it. An array of GlossCssToken. */
GArray     *_gloss_css_tokenize             (const char *css,
                                             gssize      length);

/* Writes a token back so that it reads as the same token, with "<" and "&"
 * escaped wherever they can be. */
void        _gloss_css_append_ident         (GString    *out,
                                             const char *ident);
/* A hash's name, which may start with a digit. */
void        _gloss_css_append_name          (GString    *out,
                                             const char *name);
void        _gloss_css_append_string        (GString    *out,
                                             const char *string);

/* What a URL found in CSS is, after white space and control characters are
 * removed the way a browser's URL parser does. */
typedef enum
{
  GLOSS_CSS_URL_REFUSED,   /* javascript:, data:text/html, any other scheme */
  GLOSS_CSS_URL_LOCAL,     /* "#fragment": a reference into the document */
  GLOSS_CSS_URL_REMOTE,    /* http:, https: or relative: to be fetched */
  GLOSS_CSS_URL_DATA,      /* data: of a type allowed in an archive's CSS */
  GLOSS_CSS_URL_DATA_CSS,  /* data:text/css: a sheet to read, never to embed */
} GlossCssUrlKind;

GlossCssUrlKind _gloss_css_url_kind         (const char *url);

/* The type a picture or font of @mime_type is embedded as in CSS
 * (application/font-woff is font/woff, …), or NULL when it may not be:
 * PNG, JPEG, GIF, WebP, AVIF; WOFF, WOFF2, TrueType, OpenType. SVG is
 * refused: nothing sanitizes SVG documents. */
const char *_gloss_css_allowed_mime_type    (const char *mime_type);

/* The text of a data:text/css URL, or NULL. */
char       *_gloss_css_decode_data_url      (const char *url);

/* Returns what replaces @url (already decoded from the CSS) in the output,
 * or NULL to drop what holds it: the declaration, or with keep_imports the
 * @import (@is_import then). */
typedef char *(*GlossCssUrlFunc)    (const char *url,
                                     gboolean    is_import,
                                     gpointer    user_data);
/* Returns the sanitized text of the sheet that "@import @url" loads, to be
 * spliced in its place, or NULL to drop the @import. */
typedef char *(*GlossCssImportFunc) (const char *url,
                                     gpointer    user_data);

typedef struct
{
  GlossCssUrlFunc    url;
  GlossCssImportFunc import;       /* NULL: every @import is dropped */
  gboolean           keep_imports; /* write "@import url(…)" back, its URL through url */
  gpointer           user_data;
} GlossCssPolicy;

/* A stylesheet (<style>, a fetched or imported sheet), written back from its
 * tokens: only the rules and declarations that are safe, every URL through
 * @policy. The result never holds "</", "<!" or "&", so it fits in a
 * <style> or an attribute. */
char       *_gloss_css_sanitize_sheet        (const char           *css,
                                              gssize                length,
                                              const GlossCssPolicy *policy);
/* A declaration list, as in style="": the same rules. */
char       *_gloss_css_sanitize_declarations (const char           *css,
                                              gssize                length,
                                              const GlossCssPolicy *policy);
/* Whether every url() of an attribute value (an SVG fill="url(#g)") points
 * inside the document. */
gboolean    _gloss_css_value_is_local        (const char           *value);

G_END_DECLS
