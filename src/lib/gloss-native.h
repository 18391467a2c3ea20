/* gloss-native.h — the native-messaging protocol the browser extension (and
 * any other client) speaks with `gloss native-host`
 *
 * Each message is a 32-bit length in the machine's byte order, then that
 * many bytes of UTF-8 JSON. Requests:
 *   {"type":"ping"}  →  {"type":"pong","version":"…"}
 *   {"type":"clip","url":…,"title":…,"html":…,"mode":"reader"|"full",
 *    "selection":{"exact":…,"prefix":…,"suffix":…}|null,
 *    "resources":{"<url>":"data:…"}|null}
 *     →  {"type":"clipped","id":…,"path":…,"title":…,
 *         "annotation":"urn:uuid:…"|null,"orphaned":false,"missing":[…]}
 * and any failure → {"type":"error","message":…}.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gloss-types.h"

G_BEGIN_DECLS

/* What Chromium and Firefox let an extension send to a host, and what they
 * take back from one. */
#define GLOSS_NATIVE_MAX_MESSAGE   (64 * 1024 * 1024)
#define GLOSS_NATIVE_MAX_REPLY     (1024 * 1024)
#define GLOSS_NATIVE_MAX_RESOURCES 500

#define GLOSS_NATIVE_ERROR (gloss_native_error_quark ())

typedef enum
{
  GLOSS_NATIVE_ERROR_FRAMING,    /* the input ended inside a message */
  GLOSS_NATIVE_ERROR_TOO_LARGE,  /* a message over GLOSS_NATIVE_MAX_MESSAGE */
  GLOSS_NATIVE_ERROR_MALFORMED,  /* not JSON, or not an object */
  GLOSS_NATIVE_ERROR_INVALID,    /* a type or a field the protocol does not have */
} GlossNativeError;

GQuark gloss_native_error_quark (void);

typedef enum
{
  GLOSS_NATIVE_PING,
  GLOSS_NATIVE_CLIP,
} GlossNativeType;

typedef struct
{
  GlossNativeType type;
  char           *url;
  char           *title;      /* may be NULL */
  char           *html;
  GlossClipMode   mode;
  char           *exact;      /* the selection; NULL when there is none */
  char           *prefix;
  char           *suffix;
  GPtrArray      *resources;  /* of GlossNativeResource */
} GlossNativeRequest;

typedef struct
{
  char   *url;
  char   *content_type;
  GBytes *body;
} GlossNativeResource;

void gloss_native_request_free (GlossNativeRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossNativeRequest, gloss_native_request_free)

/* Reads one message (blocking). At the end of the input, between two
 * messages, returns NULL with no error. */
char     *gloss_native_read_message  (GInputStream  *input,
                                      gsize         *length,
                                      GCancellable  *cancellable,
                                      GError       **error);
gboolean  gloss_native_write_message (GOutputStream *output,
                                      JsonNode      *message,
                                      GCancellable  *cancellable,
                                      GError       **error);

/* Checks every field of the message @data: a type the protocol has, a web
 * address, HTML within the page cap, a selection and resources of the
 * right shapes (each resource a data: URI). */
GlossNativeRequest *gloss_native_request_parse (const char  *data,
                                                gsize        length,
                                                GError     **error);

JsonNode *gloss_native_error_reply (const char *message);

/* Answers @request: a ping at once; a clip through the normal pipeline
 * (gloss_clip_html_async) with @request's resources provided to @fetcher,
 * then the selection, if any, as the article's highlight. The reply is
 * always a message: a failure is an "error" reply. */
void      gloss_native_answer_async  (GlossFetcher        *fetcher,
                                      GlossLibrary        *library,
                                      GlossNativeRequest  *request,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
JsonNode *gloss_native_answer_finish (GAsyncResult        *result);

G_END_DECLS
