/* fuzz-import.c — an export from elsewhere (a CSV, JSON, bookmarks, a zip of
 * them): read it whatever it holds; every entry read must go through the
 * queue's JSON and come back the same.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-import-private.h"
#include "gloss-fuzz.h"

/* What the queue keeps of @entry reads back as it was. */
static void
check_queue_round_trip (GlossImportEntry *entry)
{
  g_autoptr(JsonObject) written = gloss_import_entry_to_json (entry);
  g_autoptr(GlossImportEntry) again = gloss_import_entry_from_json (written);

  if (entry->url == NULL)
    return;
  if (again == NULL || g_strcmp0 (again->url, entry->url) != 0
      || again->highlights->len != entry->highlights->len || again->tags->len != entry->tags->len)
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GlossImportFile) file = _gloss_import_read_data ("/fuzz/export", (const char *) data,
                                                              size, NULL);

  if (file == NULL)
    return 0;
  for (guint i = 0; i < file->entries->len; i++)
    check_queue_round_trip (file->entries->pdata[i]);
  return 0;
}
