/* test-css.c — the CSS tokenizer against spec vectors, and the sanitizer
 * against the tricks of issue 11
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-css-private.h"
#include "gloss-html.h"
#include "gloss-sanitize-private.h"

#define PICTURE "data:image/png;base64,T0s="
#define IMPORTED "p.imported{color:green}"

static const char * const type_names[] = {
  "ident", "function", "at", "hash", "string", "bad-string", "url", "bad-url", "delim",
  "number", "percentage", "dimension", "ws", "cdo", "cdc", ":", ";", ",", "[", "]", "(", ")",
  "{", "}",
};

/* "ident(a) ws function(url) string(x) )" */
static char *
describe (const char *css)
{
  g_autoptr(GArray) tokens = _gloss_css_tokenize (css, -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < tokens->len; i++)
    {
      const GlossCssToken *t = &g_array_index (tokens, GlossCssToken, i);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, type_names[t->type]);
      if (t->value != NULL)
        g_string_append_printf (out, "(%s%s%s)", t->value, t->unit ? "|" : "",
                                t->unit ? t->unit : "");
    }
  return g_string_free (out, FALSE);
}

static void
assert_tokens (const char *css,
               const char *expected)
{
  g_autofree char *tokens = describe (css);

  g_assert_cmpstr (tokens, ==, expected);
}

static void
test_tokenize_basics (void)
{
  g_autoptr(GArray) nul = NULL;

  assert_tokens ("a{color:red}", "ident(a) { ident(color) : ident(red) }");
  assert_tokens ("", "");
  assert_tokens ("/* only a comment */", "");
  assert_tokens ("a/**/b", "ident(a) ident(b)");
  assert_tokens ("/* unclosed", "");
  assert_tokens ("@media #id #1a", "at(media) ws hash(id) ws hash(1a)");
  assert_tokens ("<!-- -->", "cdo ws cdc");
  assert_tokens ("12 -3.5 +.5 1e3 2E-2 50% 10px -1.5em", "number(12) ws number(-3.5) ws "
                 "number(+.5) ws number(1e3) ws number(2E-2) ws percentage(50) ws "
                 "dimension(10|px) ws dimension(-1.5|em)");
  assert_tokens ("1e 1-x --custom -webkit-x", "dimension(1|e) ws dimension(1|-x) ws "
                 "ident(--custom) ws ident(-webkit-x)");
  assert_tokens ("a,b;c:d[e](f)", "ident(a) , ident(b) ; ident(c) : ident(d) [ ident(e) ] "
                 "( ident(f) )");
  assert_tokens ("$ ! \\\n", "delim($) ws delim(!) ws delim(\\) ws");
  assert_tokens ("a\r\nb\fc", "ident(a) ws ident(b) ws ident(c)");
  /* NUL is U+FFFD, a name code point */
  nul = _gloss_css_tokenize ("a\0b", 3);
  g_assert_cmpuint (nul->len, ==, 1);
  g_assert_cmpstr (g_array_index (nul, GlossCssToken, 0).value, ==, "a\xef\xbf\xbd" "b");
}

static void
test_tokenize_escapes (void)
{
  assert_tokens ("u\\72l(x)", "url(x)");
  assert_tokens ("\\75 rl(x)", "url(x)");
  assert_tokens ("@\\69mport", "at(import)");
  assert_tokens ("e\\78pression(", "function(expression)");
  assert_tokens ("expr\\65 ssion", "ident(expression)");
  assert_tokens ("\\000000 \\110000 \\d800", "ident(\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd)");
  assert_tokens ("\\41\\42 C", "ident(ABC)");
  assert_tokens ("a\\", "ident(a\xef\xbf\xbd)");
  assert_tokens ("\"a\\\nb\" 'c\\\"d' \"\\3c /style\"", "string(ab) ws string(c\"d) ws "
                 "string(</style)");
  assert_tokens ("\"unclosed", "string(unclosed)");
  assert_tokens ("\"bad\nx", "bad-string ws ident(x)");
  assert_tokens ("\"a\\", "string(a)");
}

static void
test_tokenize_urls (void)
{
  assert_tokens ("url( x.png )", "url(x.png)");
  assert_tokens ("URL(x.png)", "url(x.png)");
  assert_tokens ("url(\"x.png\")", "function(url) string(x.png) )");
  assert_tokens ("url(  'x.png')", "function(url) ws string(x.png) )");
  assert_tokens ("url(http://x", "url(http://x)");
  assert_tokens ("url(http://x ", "url(http://x)");
  assert_tokens ("url(a b) c", "bad-url ws ident(c)");
  assert_tokens ("url(a(b)) c", "bad-url ) ws ident(c)");
  assert_tokens ("url(a\"b) c", "bad-url ws ident(c)");
  assert_tokens ("url(a\\)b)", "url(a)b)");
  assert_tokens ("url(a\\\nb)", "bad-url");
  assert_tokens ("url(\x01)", "bad-url");
}

static char *
policy_url (const char *url,
            gboolean    is_import,
            gpointer    user_data)
{
  switch (_gloss_css_url_kind (url))
    {
    case GLOSS_CSS_URL_LOCAL:
    case GLOSS_CSS_URL_DATA:
      return g_strdup (url);
    case GLOSS_CSS_URL_REMOTE:
      return g_str_has_prefix (url, "http://ok/") ? g_strdup (PICTURE) : NULL;
    default:
      return NULL;
    }
}

static char *
policy_import (const char *url,
               gpointer    user_data)
{
  return g_str_equal (url, "http://ok/sheet.css") ? g_strdup (IMPORTED) : NULL;
}

static const GlossCssPolicy policy = { policy_url, policy_import, FALSE, NULL };

/* No URL but data: of an allowed type or a fragment, none of what issue 11
 * names, nothing that ends a <style> or makes a character reference. */
static void
assert_safe (const char *css)
{
  g_autofree char *lower = g_ascii_strdown (css, -1);
  static const char * const forbidden[] = {
    "http", "expression", "behavior", "binding", "@import", "javascript", "</", "<!", "&",
    "data:text", "svg", NULL
  };

  for (guint i = 0; forbidden[i] != NULL; i++)
    if (strstr (lower, forbidden[i]) != NULL)
      g_error ("\"%s\" left in: %s", forbidden[i], css);
  for (const char *p = lower; (p = strstr (p, "url(")) != NULL; p++)
    if (!g_str_has_prefix (p, "url(\"data:image/png") && !g_str_has_prefix (p, "url(\"data:font/") &&
        !g_str_has_prefix (p, "url(\"#"))
      g_error ("a URL left in: %s", css);
}

static void
assert_sheet (const char *css,
              const char *expected)
{
  g_autofree char *out = _gloss_css_sanitize_sheet (css, -1, &policy);

  assert_safe (out);
  g_assert_cmpstr (out, ==, expected);
}

static void
assert_declarations (const char *css,
                     const char *expected)
{
  g_autofree char *out = _gloss_css_sanitize_declarations (css, -1, &policy);

  assert_safe (out);
  g_assert_cmpstr (out, ==, expected);
}

static void
test_sanitize_imports (void)
{
  assert_sheet ("@import url(http://x/a.css)\np{color:red}", "");
  assert_sheet ("@import url(http://x/a.css) p{color:red}", "");
  assert_sheet ("@import\"http://x/a.css\";p{color:red}", "p{color:red}\n");
  assert_sheet ("@\\69mport 'http://x/a.css';p{color:red}", "p{color:red}\n");
  assert_sheet ("@import url(data:text/css,@import%20'http://x/a.css');", "");
  assert_sheet ("@import 'http://ok/sheet.css';p{color:red}",
                "\n" IMPORTED "\n\np{color:red}\n");
  assert_sheet ("@import url(\"http://ok/sheet.css\") screen and (min-width: 3px);",
                "@media screen and (min-width: 3px){\n" IMPORTED "\n}\n");
  assert_sheet ("@import url(http://ok/sheet.css) layer(base) supports(display: grid) print;",
                "@layer base{@supports (display: grid){@media print{\n" IMPORTED "\n}}}\n");
  /* Inside a block @import is no import. */
  assert_sheet ("@media print{@import 'http://ok/sheet.css';p{color:red}}",
                "@media print{p{color:red}\n}\n");
  assert_sheet ("@charset \"utf-8\";@namespace svg url(http://www.w3.org/2000/svg);a{b:c}",
                "a{b:c}\n");
}

static void
test_sanitize_urls (void)
{
  assert_declarations ("background: u\\72l(http://x)", "");
  assert_declarations ("background: \\75 rl(http://x); color: red", "color:red");
  assert_declarations ("background: url(http://x", "");
  assert_declarations ("background: url(http://ok/a.png", "background:url(\"" PICTURE "\")");
  assert_declarations ("background: #fff url('http://ok/a.png') no-repeat",
                       "background:#fff url(\"" PICTURE "\") no-repeat");
  assert_declarations ("background: url(javascript:alert(1))", "");
  assert_declarations ("background: url('java\\9script:alert(1)')", "");
  assert_declarations ("background: url(data:text/html,<script>x</script>)", "");
  assert_declarations ("background: url(data:image/svg+xml,<svg onload=x>)", "");
  assert_declarations ("background: url(data:image/png;base64,AA==)",
                       "background:url(\"data:image/png;base64,AA==\")");
  assert_declarations ("fill: url(#gradient)", "fill:url(\"#gradient\")");
  assert_declarations ("background: image-set(\"http://x\" 1x)", "");
  assert_declarations ("background: image-set(\"http://ok/a.png\" 1x, url(http://ok/b) 2x)",
                       "background:image-set(url(\"" PICTURE "\") 1x, url(\"" PICTURE "\") 2x)");
  assert_declarations ("background: -webkit-image-set(url(http://x) 1x)", "");
  assert_declarations ("background: image-set(\"http://ok/a\" type(\"image/avif\"))",
                       "background:image-set(url(\"" PICTURE "\") type(\"image/avif\"))");
  assert_declarations ("background: image(\"http://x\")", "");
  assert_declarations ("background: cross-fade(url(http://x) 50%, red)", "");
  assert_declarations ("background: element(#x)", "");
  assert_declarations ("background: src(\"http://x\")", "");
  assert_declarations ("background: url(\"http://ok/a\" crossorigin)", "");
  assert_sheet ("@font-face{font-family:F;src:url(http://x/f.woff2) format(\"woff2\")}",
                "@font-face{font-family:F}\n");
  assert_sheet ("@font-face{font-family:F;src:url(http://x/a.woff2) format(\"woff2\"),"
                "url(http://ok/b.woff) format(\"woff\"),local(F)}",
                "@font-face{font-family:F;src:url(\"" PICTURE "\") format(\"woff\"),local(F)}\n");
  assert_sheet ("a[href=x]{background:url(http://ok/a)}", "a[href=x]{background:url(\""
                PICTURE "\")}\n");
  assert_sheet ("a:not(url(http://x)){color:red}", "");
  assert_sheet ("@supports (background: url(http://x)) {p{color:red}}", "");
}

static void
test_sanitize_var (void)
{
  assert_declarations ("--u: url(http://x); color: red", "color:red");
  assert_declarations ("--u: url(http://ok/a)", "");
  assert_declarations ("--u: image-set(\"http://x\" 1x)", "");
  assert_declarations ("--Brand-Color: #c00; --font: \"Inter\", sans-serif",
                       "--Brand-Color:#c00;--font:\"Inter\", sans-serif");
  assert_declarations ("--empty:;--block:{a:b}", "--empty:;--block:{a:b}");
  assert_declarations ("background: image-set(var(--u) 1x)", "");
  /* A string a custom property could hand on as a URL */
  assert_declarations ("--pic: \"http://x/a.png\"; color: red", "color:red");
  assert_declarations ("--pic: \"//x/a.png\"", "");
  assert_declarations ("--font: \"Inter\", serif", "--font:\"Inter\", serif");
  assert_declarations ("background-image: var(--u)", "");
  assert_declarations ("cursor: var(--c), auto", "");
  assert_declarations ("background: image(attr(data-u))", "");
  assert_declarations ("content: attr(data-u url)", "");
  assert_declarations ("content: attr(title)", "content:attr(title)");
  assert_declarations ("color: var(--brand, red); margin: env(safe-area-inset-top)",
                       "color:var(--brand, red);margin:env(safe-area-inset-top)");
  assert_declarations ("background: var(--x, url(http://x))", "");
}

static void
test_sanitize_active (void)
{
  assert_declarations ("width: expression(alert(1)); color: red", "color:red");
  assert_declarations ("width: e\\78pression(alert(1))", "");
  assert_declarations ("width: calc(1px + expression(1))", "");
  assert_declarations ("behavior: url(x.htc)", "");
  assert_declarations ("BEHAVIOR: url(http://ok/x.htc)", "");
  assert_declarations ("-moz-binding: url(http://ok/x.xml#y)", "");
  assert_declarations ("-\\6doz-binding: none", "");
  assert_declarations ("content: \"javascript:alert(1)\"", "");
  assert_sheet ("p{color:red}\n</style><script>alert(1)</script>", "p{color:red}\n");
  assert_sheet ("p::after{content:\"</style><script>alert(1)</script>\"}",
                "p::after{content:\"\\3c /style>\\3c script>alert(1)\\3c /script>\"}\n");
  assert_sheet ("p{a:b}<!--q{c:d}-->", "p{a:b}\nq{c:d}\n");
  assert_sheet ("a<\\/b{c:d} a</**/b{c:d}", "a<\\/b{c:d}\na<b{c:d}\n");
  /* A character reference the browser would decode in style="" never
   * appears: "&" is escaped or kept apart from a name. */
  assert_declarations ("background: url&lpar;http://x&rpar;", "");
  assert_declarations ("font-family: \"a&amp;b\"", "font-family:\"a\\26 amp;b\"");
}

static void
test_sanitize_structure (void)
{
  assert_sheet ("@media screen and (max-width: 600px) { .a > .b { margin: 0 auto !important } }",
                "@media screen and (max-width: 600px){.a > .b{margin:0 auto!important}\n}\n");
  assert_sheet ("@keyframes spin { from { transform: rotate(0deg) } 50% { opacity: .5 } }",
                "@keyframes spin{from{transform:rotate(0deg)}\n50%{opacity:.5}\n}\n");
  assert_sheet ("@page :first { margin: 1in }", "@page :first{margin:1in}\n");
  assert_sheet ("@layer base, theme;", "@layer base, theme;\n");
  assert_sheet ("@font-feature-values F { @swash { a: 1 } } @unknown x;p{}q{r:s}", "q{r:s}\n");
  assert_sheet ("p { color: red; .nested { color: blue } margin: 0 }", "p{color:red;margin:0}\n");
  assert_sheet ("p { color: red", "p{color:red}\n");
  assert_sheet ("p { width: calc(1px + (2px", "p{width:calc(1px + (2px))}\n");
  assert_sheet ("} p { color: red }", "");
  assert_sheet ("a ) b { c: d } e { f: g }", "e{f:g}\n");
  assert_sheet ("p{margin:1px -2px;x:1 - 2;y:a -b}", "p{margin:1px -2px;x:1 - 2;y:a -b}\n");
  assert_sheet ("p{x:a/**/b;y:1/**/2;z:#a/**/b}", "p{x:a/**/b;y:1/**/2;z:#a/**/b}\n");
  assert_sheet ("p{x:1\\65 3;y:1\\65 -2;z:-0.01em 2ex 1e-x}",
                "p{x:1\\65 3;y:1\\65 -2;z:-0.01em 2ex 1e-x}\n");
  assert_sheet ("\\31 23{a:b}", "\\31 23{a:b}\n");
}

/* Thousands of open blocks, or unclosed ones, take no stack and no time. */
static void
test_sanitize_deep (void)
{
  GString *deep = g_string_new ("p{width:");
  g_autofree char *out = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "calc(");
  out = _gloss_css_sanitize_sheet (deep->str, deep->len, &policy);
  g_assert_cmpstr (out, ==, "");
  g_free (g_steal_pointer (&out));
  g_string_assign (deep, "");
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "@media x{");
  out = _gloss_css_sanitize_sheet (deep->str, deep->len, &policy);
  g_assert_cmpstr (out, ==, "");
  g_string_free (deep, TRUE);
}

/* Read back, the output holds no URL but the policy's, nothing active. */
static void
assert_tokens_safe (const char *css)
{
  g_autoptr(GArray) tokens = _gloss_css_tokenize (css, -1);

  g_assert_true (g_utf8_validate (css, -1, NULL));
  g_assert_null (strstr (css, "</"));
  g_assert_null (strstr (css, "<!"));
  g_assert_null (strchr (css, '&'));
  for (guint i = 0; i < tokens->len; i++)
    {
      const GlossCssToken *t = &g_array_index (tokens, GlossCssToken, i);
      g_autofree char *lower = t->value ? g_ascii_strdown (t->value, -1) : g_strdup ("");

      g_assert_cmpint (t->type, !=, GLOSS_CSS_URL);
      g_assert_cmpint (t->type, !=, GLOSS_CSS_BAD_URL);
      g_assert_cmpint (t->type, !=, GLOSS_CSS_BAD_STRING);
      if (t->type == GLOSS_CSS_AT_KEYWORD)
        g_assert_cmpstr (lower, !=, "import");
      if (t->type == GLOSS_CSS_FUNCTION)
        g_assert_null (strstr (lower, "expression"));
      if (t->type == GLOSS_CSS_FUNCTION && g_str_equal (lower, "url"))
        {
          const GlossCssToken *url = &g_array_index (tokens, GlossCssToken, i + 1);

          g_assert_cmpint (url->type, ==, GLOSS_CSS_STRING);
          g_assert_true (g_str_equal (url->value, PICTURE) || url->value[0] == '#');
        }
    }
}

/* What the sanitizer wrote, it writes again the same. */
static void
assert_idempotent (const char *css,
                   gboolean    sheet)
{
  g_autofree char *again = sheet ? _gloss_css_sanitize_sheet (css, -1, &policy)
                                 : _gloss_css_sanitize_declarations (css, -1, &policy);

  g_assert_cmpstr (again, ==, css);
}

/* Every byte sequence gives well-formed, safe CSS. */
static void
test_sanitize_random (void)
{
  static const char * const pieces[] = {
    "url(", "http://x", "\\", "\"", "'", "(", ")", "{", "}", "[", "]", ";", ":", ",", "@import",
    "image-set(", "var(--u)", "--u", "expression(", "\n", " ", "<", "/", "!", "-", "&", "#",
    "e", "1", ".", "%", "\\75 ", "/*", "*/", "<!--", "-->", "a", "p", "@media", "\xc3",
  };
  GRand *rand = g_rand_new_with_seed (11);

  for (guint round = 0; round < 3000; round++)
    {
      GString *css = g_string_new (NULL);
      g_autofree char *sheet = NULL;
      g_autofree char *declarations = NULL;

      for (guint i = g_rand_int_range (rand, 1, 40); i > 0; i--)
        g_string_append (css, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      sheet = _gloss_css_sanitize_sheet (css->str, css->len, &policy);
      declarations = _gloss_css_sanitize_declarations (css->str, css->len, &policy);
      assert_tokens_safe (sheet);
      assert_tokens_safe (declarations);
      assert_idempotent (sheet, TRUE);
      assert_idempotent (declarations, FALSE);
      g_string_free (css, TRUE);
    }
  g_rand_free (rand);
}

static void
test_data_urls (void)
{
  g_autofree char *plain = _gloss_css_decode_data_url ("data:text/css,p%7Bcolor:red%7D");
  g_autofree char *base64 = _gloss_css_decode_data_url ("data:text/css;base64,cHt9");

  g_assert_cmpstr (plain, ==, "p{color:red}");
  g_assert_cmpstr (base64, ==, "p{}");
  g_assert_cmpint (_gloss_css_url_kind ("DATA:text/CSS,x"), ==, GLOSS_CSS_URL_DATA_CSS);
  g_assert_cmpint (_gloss_css_url_kind ("data:font/woff2;base64,AA"), ==, GLOSS_CSS_URL_DATA);
  g_assert_cmpint (_gloss_css_url_kind ("data:image/svg+xml,<svg/>"), ==, GLOSS_CSS_URL_REFUSED);
  g_assert_cmpint (_gloss_css_url_kind ("data:application/xhtml+xml,x"), ==,
                   GLOSS_CSS_URL_REFUSED);
  g_assert_cmpint (_gloss_css_url_kind ("j\tavascript:x"), ==, GLOSS_CSS_URL_REFUSED);
  g_assert_cmpint (_gloss_css_url_kind ("../a.png"), ==, GLOSS_CSS_URL_REMOTE);
  g_assert_cmpstr (_gloss_css_allowed_mime_type ("application/x-font-woff"), ==, "font/woff");
  g_assert_cmpstr (_gloss_css_allowed_mime_type ("IMAGE/PNG; charset=binary"), ==, "image/png");
  g_assert_null (_gloss_css_allowed_mime_type ("image/svg+xml"));
  g_assert_null (_gloss_css_allowed_mime_type ("text/html"));
}

/* The HTML parser decodes character references in style="" before the CSS
 * sanitizer reads it, as a browser does: "u&#114;l(" is "url(" to both. */
static void
test_character_references (void)
{
  static const char *page =
    "<html><head><style>p{color:red}</style></head><body>"
    "<p style=\"background:u&#114;l(http://x/a.png)\">a</p>"
    "<p style=\"background:url&#40;http://x/b.png&#41;;color:blue\">b</p>"
    "<p style=\"width:e&#x78;pression(alert(1))\">c</p>"
    "<p style=\"background:url&lpar;http://x/c.png&rpar;\">d</p>"
    "<p style=\"color:green&semi;background:url(&quot;javascript:alert(1)&quot;)\">e</p>"
    "<p style=\"behavior&colon;url(x.htc)\">f</p>"
    "</body></html>";
  g_autoptr(xmlDoc) doc = gloss_html_parse (page, strlen (page));
  xmlNode *html = xmlDocGetRootElement (doc);
  g_autofree char *out = NULL;
  g_autofree char *lower = NULL;

  _gloss_sanitize (html, GLOSS_SANITIZE_FULL);
  out = gloss_html_serialize (doc, html);
  lower = g_ascii_strdown (out, -1);
  g_assert_null (strstr (lower, "expression"));
  g_assert_null (strstr (lower, "javascript"));
  g_assert_null (strstr (lower, "behavior"));
  g_assert_null (strstr (lower, "&lpar;"));
  /* The decoded url( is a URL to the CSS sanitizer too (&lpar; is "(" to
   * an HTML5 parser): kept, quoted, for the inliner to fetch or drop. */
  g_assert_nonnull (strstr (out, "<p style=\"background:url(&quot;http://x/a.png&quot;)\">a</p>"));
  g_assert_nonnull (strstr (out, "<p style=\"background:url(&quot;http://x/b.png&quot;);color:blue\">b</p>"));
  g_assert_nonnull (strstr (out, "<p>c</p><p style=\"background:url(&quot;http://x/c.png&quot;)\">d</p>"
                                 "<p style=\"color:green\">e</p><p>f</p>"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/css/tokenize/basics", test_tokenize_basics);
  g_test_add_func ("/css/tokenize/escapes", test_tokenize_escapes);
  g_test_add_func ("/css/tokenize/urls", test_tokenize_urls);
  g_test_add_func ("/css/sanitize/imports", test_sanitize_imports);
  g_test_add_func ("/css/sanitize/urls", test_sanitize_urls);
  g_test_add_func ("/css/sanitize/var", test_sanitize_var);
  g_test_add_func ("/css/sanitize/active", test_sanitize_active);
  g_test_add_func ("/css/sanitize/structure", test_sanitize_structure);
  g_test_add_func ("/css/sanitize/deep", test_sanitize_deep);
  g_test_add_func ("/css/sanitize/random", test_sanitize_random);
  g_test_add_func ("/css/data-urls", test_data_urls);
  g_test_add_func ("/css/character-references", test_character_references);

  return g_test_run ();
}
