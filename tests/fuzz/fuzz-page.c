/* fuzz-page.c — any bytes as a web page: decode, parse, extract, sanitize,
 * build the archive; the archive, parsed again, must hold no script and no
 * event handler. The first byte picks reader or full mode. No network: the
 * inline step (the fetcher) is left out.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define GLOSS_FUZZ_HTML

#include "gloss-anchor.h"
#include "gloss-archive.h"
#include "gloss-html.h"
#include "gloss-page.h"
#include "gloss-fuzz.h"

#define URL "https://example.com/news/2026/article.html"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GlossClipMode mode = size > 0 && (data[0] & 1) ? GLOSS_CLIP_MODE_FULL : GLOSS_CLIP_MODE_READER;
  g_autoptr(GDateTime) saved = g_date_time_new_utc (2026, 12, 1, 10, 0, 0);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *utf8 = NULL;
  g_autofree char *archive = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GlossPage) page = NULL;
  g_autoptr(xmlDoc) doc = NULL;

  if ((utf8 = gloss_html_decode ((const char *) data, size, NULL, NULL, NULL)) == NULL ||
      (page = gloss_page_new_from_html (utf8, strlen (utf8), URL, mode, NULL)) == NULL)
    return 0;
  gloss_page_sanitize (page);
  /* A page whose markup never settles is refused, with a reason. */
  if ((archive = gloss_archive_build (page, URL, saved, missing, NULL)) == NULL)
    return 0;
  if ((doc = gloss_html_parse (archive, strlen (archive))) == NULL)
    abort ();
  gloss_fuzz_check_safe (xmlDocGetRootElement (doc));
  text = gloss_anchor_document_text (doc);
  return 0;
}
