/* fuzz-encoding.c — any bytes, with any charset label (the input's first
 * line), decoded as a browser would: the text that comes out is valid UTF-8.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-html.h"
#include "gloss-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *newline = memchr (data, '\n', size);
  gsize label_length = newline ? (gsize) ((const uint8_t *) newline - data) : 0;
  g_autofree char *label = g_strndup ((const char *) data, label_length);
  const char *body = (const char *) data + (newline ? label_length + 1 : 0);
  gsize body_length = size - (newline ? label_length + 1 : 0);
  g_autofree char *charset = NULL;
  g_autofree char *text = gloss_html_decode (body, body_length, *label ? label : NULL, &charset, NULL);

  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    abort ();
  return 0;
}
