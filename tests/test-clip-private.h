/* test-clip-private.h — what test-clip.c shares with the clip tests in
 * its other files (test-clip-pictures.c)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/tree.h>

#include "gloss-clip.h"
#include "gloss-test-utils.h"

typedef struct
{
  GlossTestServer *server;
  GlossFetcher    *fetcher;
  char            *library;
  GlossLibrary    *library_object;  /* of library, for the clip */
  gboolean         done;
  GlossClipResult *result;
  GError          *error;
  guint64          page_bytes;
  guint            resources_done;
  guint            resources_total;
  GCancellable    *cancel_at_resources;
  guint            cancel_after_done;  /* resources fetched before cancelling */
} Fixture;

void     fixture_setup     (Fixture       *f,
                            gconstpointer  data);
void     fixture_teardown  (Fixture       *f,
                            gconstpointer  data);
/* Clips @path of the test server into the fixture's library. */
void     clip              (Fixture       *f,
                            const char    *path,
                            GlossClipMode  mode);
char    *read_archive      (Fixture       *f);
/* The archive's text, white space collapsed. */
char    *archive_text      (xmlDoc        *doc);
/* Whether @doc holds the bytes of tests/data/site/@file as a picture. */
gboolean has_image_bytes   (xmlDoc        *doc,
                            const char    *file);

void     add_picture_tests (void);
