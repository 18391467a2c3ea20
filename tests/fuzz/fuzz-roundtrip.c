/* fuzz-roundtrip.c — the differential target: any page, parsed as an HTML5
 * parser does, sanitized (full mode) and serialized, then parsed, sanitized
 * and serialized again, must settle: a third round changes nothing, and
 * what an HTML5 parser builds from it holds no script, handler or script
 * URL. A tree that changed between rounds is how mutation XSS gets in.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define GLOSS_FUZZ_HTML

#include "gloss-html.h"
#include "gloss-sanitize-private.h"
#include "gloss-fuzz.h"

static char *
round_trip (const char *html)
{
  g_autoptr(xmlDoc) doc = gloss_html_parse (html, strlen (html));
  xmlNode *root;

  if (doc == NULL || (root = xmlDocGetRootElement (doc)) == NULL)
    return NULL;
  _gloss_sanitize (root, GLOSS_SANITIZE_FULL);
  return gloss_html_serialize (doc, xmlDocGetRootElement (doc));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *utf8 = gloss_fuzz_utf8 (g_strndup ((const char *) data, size));
  g_autofree char *first = round_trip (utf8);
  g_autofree char *second = first ? round_trip (first) : NULL;
  g_autofree char *third = second ? round_trip (second) : NULL;
  g_autoptr(xmlDoc) doc = NULL;

  if (second == NULL)
    return 0;
  if (third == NULL || strcmp (second, third) != 0)
    abort ();
  doc = gloss_html_parse (second, strlen (second));
  gloss_fuzz_check_safe (xmlDocGetRootElement (doc));
  return 0;
}
