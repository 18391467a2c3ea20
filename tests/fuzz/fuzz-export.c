/* fuzz-export.c — Markdown export of any highlight and note, through the
 * default layout and through a template: the input is template, quote,
 * note, title and tag, NUL-separated.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-annotation.h"
#include "gloss-export.h"
#include "gloss-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *template_text = gloss_fuzz_utf8 (gloss_fuzz_field (data, size, 0));
  g_autofree char *title = gloss_fuzz_utf8 (gloss_fuzz_field (data, size, 3));
  g_autofree char *tag = gloss_fuzz_utf8 (gloss_fuzz_field (data, size, 4));
  const char *tags[] = { tag, NULL };
  GlossExportArticle article = {
    .id = "an-article-12345678", .title = title, .source = "https://example.com/a",
    .saved = "2026-12-01T10:00:00Z", .tags = tags, .note = title,
  };
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_annotation_free);
  GlossAnnotation *annotation = gloss_annotation_new ();
  g_autofree char *plain = NULL;
  g_autofree char *templated = NULL;
  g_autofree char *json = NULL;

  annotation->exact = gloss_fuzz_utf8 (gloss_fuzz_field (data, size, 1));
  annotation->note = gloss_fuzz_utf8 (gloss_fuzz_field (data, size, 2));
  g_ptr_array_add (annotations, annotation);
  plain = gloss_export_markdown (&article, annotations, NULL, NULL);
  if (plain == NULL)
    abort ();
  templated = gloss_export_markdown (&article, annotations, template_text, NULL);
  json = gloss_export_json (&article, annotations);
  return 0;
}
