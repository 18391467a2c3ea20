/* fuzz-url.c — resolving a link and picking from a srcset as a browser
 * does: the input is a base URL and an href (or srcset), NUL-separated. A
 * URL resolved must resolve to itself again.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-dom-private.h"
#include "gloss-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *base = gloss_fuzz_utf8 (gloss_fuzz_field (data, size, 0));
  g_autofree char *href = gloss_fuzz_utf8 (gloss_fuzz_field (data, size, 1));
  g_autofree char *resolved = _gloss_dom_resolve_url (base, href);
  g_autofree char *picked = _gloss_dom_pick_srcset (href, base);
  g_autofree char *again = NULL;

  if (picked != NULL && !g_utf8_validate (picked, -1, NULL))
    abort ();
  if (resolved == NULL)
    return 0;
  again = _gloss_dom_resolve_url (NULL, resolved);
  if (again == NULL || strcmp (again, resolved) != 0)
    abort ();
  return 0;
}
