/* fuzz-sidecar.c — two sidecars from elsewhere (the input, split at its
 * first NUL): parse each, merge them both ways, rebase one on the other;
 * what Gloss writes must parse again.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-sidecar.h"
#include "gloss-fuzz.h"

static GlossSidecar *
parse (const char *text)
{
  return gloss_sidecar_parse ("/fuzz/an-article-12345678.notes.json", text, strlen (text), NULL);
}

/* What Gloss writes, Gloss reads. */
static void
check_round_trip (GlossSidecar *sidecar)
{
  g_autofree char *written = gloss_sidecar_to_data (sidecar);
  g_autoptr(GlossSidecar) again = parse (written);

  if (again == NULL || again->annotations->len != sidecar->annotations->len)
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *first = gloss_fuzz_field (data, size, 0);
  g_autofree char *second = gloss_fuzz_field (data, size, 1);
  g_autoptr(GlossSidecar) a = parse (first);
  g_autoptr(GlossSidecar) b = parse (second);

  if (a == NULL)
    return 0;
  check_round_trip (a);
  if (b == NULL)
    return 0;
  gloss_sidecar_merge (a, b);
  check_round_trip (a);
  gloss_sidecar_rebase (b, a);
  check_round_trip (b);
  return 0;
}
