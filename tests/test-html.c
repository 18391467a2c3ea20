/* test-html.c — charset detection and parsing
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-html.h"

static void
assert_decodes (const char *bytes,
                gsize       length,
                const char *header_charset,
                const char *expected_charset,
                const char *expected_text)
{
  g_autofree char *charset = NULL;
  g_autofree char *utf8 = gloss_html_decode (bytes, length, header_charset, &charset);

  g_assert_cmpstr (charset, ==, expected_charset);
  g_assert_true (g_utf8_validate (utf8, -1, NULL));
  if (strstr (utf8, expected_text) == NULL)
    g_error ("“%s” does not hold “%s”", utf8, expected_text);
}

static void
test_bom_wins (void)
{
  const char page[] = "\xEF\xBB\xBF<meta charset=\"gbk\"><p>caf\xC3\xA9</p>";

  assert_decodes (page, sizeof page - 1, "iso-8859-1", "UTF-8", "<p>café</p>");
}

static void
test_header_charset (void)
{
  /* “quoted” in windows-1252 */
  const char page[] = "<p>\x93quoted\x94 \x80 5</p>";

  assert_decodes (page, sizeof page - 1, "ISO-8859-1", "WINDOWS-1252", "“quoted” € 5");
}

static void
test_meta_charset (void)
{
  /* 中文 in GBK, declared only in the page */
  const char page[] = "<html><head><meta http-equiv=\"Content-Type\" "
                      "content=\"text/html; charset=gb2312\"></head><p>\xD6\xD0\xCE\xC4</p>";

  assert_decodes (page, sizeof page - 1, NULL, "GB18030", "<p>中文</p>");
}

static void
test_undeclared (void)
{
  const char utf8[] = "<p>na\xC3\xAFve</p>";
  const char latin[] = "<p>na\xEFve</p>";

  assert_decodes (utf8, sizeof utf8 - 1, NULL, "UTF-8", "naïve");
  assert_decodes (latin, sizeof latin - 1, NULL, "WINDOWS-1252", "naïve");
}

static void
test_invalid_bytes_replaced (void)
{
  const char page[] = "<p>ok \xFF\xFE\xFD end</p>";
  g_autofree char *utf8 = gloss_html_decode (page, sizeof page - 1, "utf-8", NULL);

  g_assert_true (g_utf8_validate (utf8, -1, NULL));
  g_assert_nonnull (strstr (utf8, "ok "));
  g_assert_nonnull (strstr (utf8, " end"));
}

static void
test_unknown_label_falls_back (void)
{
  const char page[] = "<meta charset=\"x-no-such-charset\"><p>caf\xE9</p>";

  assert_decodes (page, sizeof page - 1, NULL, "WINDOWS-1252", "café");
}

static void
test_parse_ignores_meta_after_decoding (void)
{
  /* Already UTF-8: the parser must not re-decode because of the <meta>. */
  const char *page = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>日本語</p></body></html>";
  g_autoptr(xmlDoc) doc = gloss_html_parse (page, strlen (page));
  g_autofree char *text = (char *) xmlNodeGetContent (gloss_html_body (doc));

  g_assert_cmpstr (text, ==, "日本語");
  g_assert_null (gloss_html_parse ("", 0));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/html/bom-wins", test_bom_wins);
  g_test_add_func ("/html/header-charset", test_header_charset);
  g_test_add_func ("/html/meta-charset", test_meta_charset);
  g_test_add_func ("/html/undeclared", test_undeclared);
  g_test_add_func ("/html/invalid-bytes-replaced", test_invalid_bytes_replaced);
  g_test_add_func ("/html/unknown-label-falls-back", test_unknown_label_falls_back);
  g_test_add_func ("/html/parse-ignores-meta-after-decoding", test_parse_ignores_meta_after_decoding);

  return g_test_run ();
}
