/* fuzz-css.c — any text as a stylesheet (first byte even) or a style=""
 * (odd), through the one CSS sanitizer, with every URL "fetched" as a tiny
 * picture and every @import as a small sheet. What comes out must hold no
 * "</", "<!" or "&", no expression() and no @import rule, read as tokens;
 * every URL in it must be data:, and it must settle: sanitized twice, a third time changes
 * nothing (the first may still lay out spliced imports differently).
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-css-private.h"
#include "gloss-fuzz.h"

#define PICTURE "data:image/png;base64,iVBORw0KGgo="

static char *
fetch_url (const char *url,
           gboolean    is_import,
           gpointer    user_data)
{
  return _gloss_css_url_kind (url) == GLOSS_CSS_URL_REFUSED ? NULL : g_strdup (PICTURE);
}

static char *
fetch_import (const char *url,
              gpointer    user_data)
{
  return g_strdup ("p{color:red}");
}

static char *
sanitize (const char *css,
          gboolean    declarations)
{
  GlossCssPolicy policy = { fetch_url, fetch_import, FALSE, NULL };

  return declarations ? _gloss_css_sanitize_declarations (css, -1, &policy)
                      : _gloss_css_sanitize_sheet (css, -1, &policy);
}

/* Every URL-bearing token of @css is a data: URI, and a sheet has no
 * @import rule left (an @import that does not start a rule, in a value or a
 * prelude, is none). */
static void
check_tokens (const char *css,
              gboolean    declarations)
{
  g_autoptr(GArray) tokens = _gloss_css_tokenize (css, -1);
  gboolean rule_start = TRUE, in_at_rule = FALSE;
  gint depth = 0;

  for (guint i = 0; i < tokens->len; i++)
    {
      GlossCssToken *token = &g_array_index (tokens, GlossCssToken, i);
      gboolean significant = token->type != GLOSS_CSS_WHITESPACE && token->type != GLOSS_CSS_CDO &&
                             token->type != GLOSS_CSS_CDC;

      if (token->type == GLOSS_CSS_URL && !g_str_has_prefix (token->value, "data:"))
        abort ();
      if (token->type == GLOSS_CSS_FUNCTION && g_ascii_strcasecmp (token->value, "url") == 0 &&
          i + 1 < tokens->len &&
          g_array_index (tokens, GlossCssToken, i + 1).type == GLOSS_CSS_STRING &&
          !g_str_has_prefix (g_array_index (tokens, GlossCssToken, i + 1).value, "data:"))
        abort ();
      if (token->type == GLOSS_CSS_FUNCTION && g_ascii_strcasecmp (token->value, "expression") == 0)
        abort ();
      if (declarations || !significant)
        continue;
      /* At the top level a rule starts the sheet, or follows a block or an
       * at-rule's ";" (a ";" in a selector is only part of it). */
      if (depth == 0 && rule_start && token->type == GLOSS_CSS_AT_KEYWORD &&
          g_ascii_strcasecmp (token->value, "import") == 0)
        abort ();
      if (depth == 0 && rule_start)
        in_at_rule = token->type == GLOSS_CSS_AT_KEYWORD;
      /* A ";" inside (), [] or a function is no end of a rule. */
      depth += token->type == GLOSS_CSS_LEFT_CURLY || token->type == GLOSS_CSS_LEFT_PAREN ||
               token->type == GLOSS_CSS_LEFT_SQUARE || token->type == GLOSS_CSS_FUNCTION ? 1 :
               token->type == GLOSS_CSS_RIGHT_CURLY || token->type == GLOSS_CSS_RIGHT_PAREN ||
               token->type == GLOSS_CSS_RIGHT_SQUARE ? -1 : 0;
      rule_start = depth == 0 && (token->type == GLOSS_CSS_RIGHT_CURLY ||
                                  (token->type == GLOSS_CSS_SEMICOLON && in_at_rule));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  gboolean declarations = size > 0 && (data[0] & 1);
  g_autofree char *css = g_strndup ((const char *) data, size);
  g_autofree char *once = sanitize (css, declarations);
  g_autofree char *twice = NULL;
  g_autofree char *thrice = NULL;

  if (once == NULL)
    return 0;
  if (strstr (once, "</") || strstr (once, "<!") || strchr (once, '&'))
    abort ();
  check_tokens (once, declarations);
  twice = sanitize (once, declarations);
  thrice = twice ? sanitize (twice, declarations) : NULL;
  if (twice == NULL || thrice == NULL || strcmp (twice, thrice) != 0)
    abort ();
  return 0;
}
