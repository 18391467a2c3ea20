/* test-native.c — the native-messaging host: its framing, what it refuses,
 * and a clip sent by a browser, with its selection and the pictures only the
 * browser could fetch
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-anchor.h"
#include "gloss-annotation.h"
#include "gloss-article.h"
#include "gloss-fetcher.h"
#include "gloss-library.h"
#include "gloss-native.h"
#include "gloss-sidecar.h"
#include "gloss-test-server.h"
#include "gloss-test-utils.h"

/* A 1×1 PNG, as the extension would send a picture it fetched. */
#define PIXEL_DATA_URI "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="

static GBytes *
frame (const char *json)
{
  GByteArray *bytes = g_byte_array_new ();
  guint32 length = strlen (json);

  g_byte_array_append (bytes, (const guint8 *) &length, sizeof length);
  g_byte_array_append (bytes, (const guint8 *) json, length);
  return g_byte_array_free_to_bytes (bytes);
}

static GInputStream *
stream_of (GBytes *bytes)
{
  return g_memory_input_stream_new_from_bytes (bytes);
}

static void
test_framing (void)
{
  g_autoptr(GBytes) first = frame ("{\"type\":\"ping\"}");
  g_autoptr(GByteArray) both = g_byte_array_new ();
  g_autoptr(GBytes) joined = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  char *message;
  gsize length;

  g_byte_array_append (both, g_bytes_get_data (first, NULL), g_bytes_get_size (first));
  g_byte_array_append (both, g_bytes_get_data (first, NULL), g_bytes_get_size (first));
  joined = g_bytes_new (both->data, both->len);
  input = stream_of (joined);
  for (guint i = 0; i < 2; i++)
    {
      message = gloss_native_read_message (input, &length, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (message, ==, "{\"type\":\"ping\"}");
      g_assert_cmpuint (length, ==, strlen (message));
      g_free (message);
    }
  /* The end of input between two messages is the end, not an error. */
  g_assert_null (gloss_native_read_message (input, &length, NULL, &error));
  g_assert_no_error (error);
}

static void
assert_read_fails (GBytes     *bytes,
                   int         code,
                   const char *words)
{
  g_autoptr(GInputStream) input = stream_of (bytes);
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_null (gloss_native_read_message (input, &length, NULL, &error));
  g_assert_error (error, GLOSS_NATIVE_ERROR, code);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_broken_frames (void)
{
  guint32 huge = GLOSS_NATIVE_MAX_MESSAGE + 1, claims = 100;
  g_autoptr(GBytes) over = g_bytes_new (&huge, sizeof huge);
  g_autoptr(GBytes) half_length = g_bytes_new (&claims, 2);
  g_autoptr(GByteArray) short_body = g_byte_array_new ();
  g_autoptr(GBytes) cut = NULL;

  /* Refused from its length alone: nothing of it is read. */
  assert_read_fails (over, GLOSS_NATIVE_ERROR_TOO_LARGE, "MiB limit");
  assert_read_fails (half_length, GLOSS_NATIVE_ERROR_FRAMING, "length");
  g_byte_array_append (short_body, (const guint8 *) &claims, sizeof claims);
  g_byte_array_append (short_body, (const guint8 *) "{\"type\"", 7);
  cut = g_bytes_new (short_body->data, short_body->len);
  assert_read_fails (cut, GLOSS_NATIVE_ERROR_FRAMING, "7 of its 100 bytes");
}

static void
assert_refused (const char *json,
                int         code,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossNativeRequest) request = gloss_native_request_parse (json, strlen (json), &error);

  g_assert_null (request);
  g_assert_error (error, GLOSS_NATIVE_ERROR, code);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static void
test_refused (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);

  assert_refused ("{\"type\":", GLOSS_NATIVE_ERROR_MALFORMED, "not JSON");
  assert_refused ("[1,2]", GLOSS_NATIVE_ERROR_MALFORMED, "not a JSON object");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  assert_refused (deep->str, GLOSS_NATIVE_ERROR_MALFORMED, "not JSON");
  assert_refused ("{}", GLOSS_NATIVE_ERROR_INVALID, "“type” is missing");
  assert_refused ("{\"type\":\"run\",\"command\":\"rm -rf ~\"}", GLOSS_NATIVE_ERROR_INVALID,
                  "“run” is not a message type");
  assert_refused ("{\"type\":\"clip\",\"url\":\"javascript:alert(1)\",\"html\":\"<p>x</p>\"}",
                  GLOSS_NATIVE_ERROR_INVALID, "is not a web address");
  assert_refused ("{\"type\":\"clip\",\"url\":\"https://example.org/\"}",
                  GLOSS_NATIVE_ERROR_INVALID, "“html” is missing");
  assert_refused ("{\"type\":\"clip\",\"url\":\"https://example.org/\",\"html\":7}",
                  GLOSS_NATIVE_ERROR_INVALID, "“html” must be a string");
  assert_refused ("{\"type\":\"clip\",\"url\":\"https://example.org/\",\"html\":\"<p>x</p>\","
                  "\"mode\":\"all\"}", GLOSS_NATIVE_ERROR_INVALID, "not “all”");
  assert_refused ("{\"type\":\"clip\",\"url\":\"https://example.org/\",\"html\":\"<p>x</p>\","
                  "\"selection\":{\"prefix\":\"a\"}}", GLOSS_NATIVE_ERROR_INVALID, "“exact” is missing");
  assert_refused ("{\"type\":\"clip\",\"url\":\"https://example.org/\",\"html\":\"<p>x</p>\","
                  "\"resources\":{\"https://example.org/a.png\":\"file:///etc/passwd\"}}",
                  GLOSS_NATIVE_ERROR_INVALID, "must be a data: URI");
  assert_refused ("{\"type\":\"clip\",\"url\":\"https://example.org/\",\"html\":\"<p>x</p>\","
                  "\"resources\":{\"file:///etc/passwd\":\"data:,x\"}}",
                  GLOSS_NATIVE_ERROR_INVALID, "is not a web address");
}

typedef struct
{
  GlossTestServer *server;
  char            *folder;
  GlossLibrary    *library;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = gloss_test_server_new ();
  f->folder = gloss_test_library_new ();
  f->library = gloss_library_new (f->folder);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->library);
  gloss_test_library_free (f->folder);
  gloss_test_server_free (f->server);
}

static void
on_answered (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static JsonObject *
answer (Fixture    *f,
        const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossNativeRequest) request = gloss_native_request_parse (json, strlen (json), &error);
  g_autoptr(GlossFetcher) fetcher = gloss_fetcher_new ();
  g_autoptr(GAsyncResult) result = NULL;
  JsonNode *reply;
  JsonObject *object;

  g_assert_no_error (error);
  gloss_native_answer_async (fetcher, f->library, request, NULL, on_answered, &result);
  gloss_test_wait_until (has_result, &result, 30, "the answer");
  reply = gloss_native_answer_finish (result);
  g_assert_nonnull (reply);
  object = json_object_ref (json_node_get_object (reply));
  json_node_unref (reply);
  return object;
}

/* The page as the browser rendered it: text that only its scripts wrote,
 * a picture the site serves only with the reader's cookies. */
static char *
clip_message (Fixture    *f,
              const char *exact)
{
  g_autofree char *page = gloss_test_server_url (f->server, "/members/story.html");
  g_autofree char *picture = gloss_test_server_url (f->server, "/members/chart.png");
  g_autoptr(GString) html = g_string_new ("<html><head><title>Members only</title></head><body>"
                                          "<article><h1>Members only</h1>");
  g_autofree char *escaped = NULL;
  g_autofree char *selection = NULL;

  for (guint i = 0; i < 6; i++)
    g_string_append_printf (html, "<p>Paragraph %u of the story that a script wrote into the "
                            "page after the reader logged in, long enough to be an article.</p>", i);
  g_string_append_printf (html, "<p><img src='%s' alt='chart'> The chart shows the results.</p>"
                          "<p>Paragraph 3 of the story comes back at the end.</p>"
                          "</article></body></html>", picture);
  escaped = g_strescape (html->str, NULL);
  selection = exact == NULL ? g_strdup ("null")
            : g_strdup_printf ("{\"exact\":\"%s\",\"prefix\":\"The chart shows the results. \","
                               "\"suffix\":\" comes back at the end.\"}", exact);
  return g_strdup_printf ("{\"type\":\"clip\",\"url\":\"%s\",\"title\":\"Members only\","
                          "\"html\":\"%s\",\"mode\":\"reader\",\"selection\":%s,"
                          "\"resources\":{\"%s\":\"%s\"}}",
                          page, escaped, selection, picture, PIXEL_DATA_URI);
}

static void
test_clip_with_selection (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *message = clip_message (f, "Paragraph 3 of the story");
  g_autoptr(JsonObject) reply = answer (f, message);
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(GlossArticle) article = NULL;
  g_autofree char *archive = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *highlight;

  g_assert_cmpstr (json_object_get_string_member (reply, "type"), ==, "clipped");
  g_assert_cmpstr (json_object_get_string_member (reply, "title"), ==, "Members only");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (reply, "missing")), ==, 0);
  /* The picture came from the browser: the site was never asked for it. */
  g_assert_cmpuint (gloss_test_server_hits (f->server, "/members/chart.png"), ==, 0);
  g_assert_true (g_file_get_contents (json_object_get_string_member (reply, "path"), &archive,
                                      NULL, &error));
  g_assert_nonnull (strstr (archive, "data:image/png;base64,"));
  g_assert_null (strstr (archive, "<script"));

  article = gloss_library_open_article (json_object_get_string_member (reply, "path"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (article->sidecar->annotations->len, ==, 1);
  highlight = article->sidecar->annotations->pdata[0];
  g_assert_cmpstr (highlight->id, ==, json_object_get_string_member (reply, "annotation"));
  g_assert_false (highlight->orphaned);
  g_assert_cmpstr (highlight->exact, ==, "Paragraph 3 of the story");
  /* Of the two places with those words, the one its context names. */
  g_assert_nonnull (strstr (highlight->prefix, "shows the results."));

  /* The same selection clipped again is the same highlight, not a second. */
  again = answer (f, message);
  g_assert_cmpstr (json_object_get_string_member (again, "annotation"), ==, highlight->id);
  g_clear_pointer (&article, gloss_article_free);
  article = gloss_library_open_article (json_object_get_string_member (again, "path"), &error);
  g_assert_cmpuint (article->sidecar->annotations->len, ==, 1);
}

/* A re-clip whose sidecar can not be read says so in its reply, and the
 * sidecar is kept, unchanged, where the reply says. */
static void
test_notes_error_in_reply (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *message = clip_message (f, NULL);
  g_autoptr(JsonObject) reply = answer (f, message);
  g_autoptr(JsonObject) again = NULL;
  g_autofree char *base = NULL;
  g_autofree char *sidecar = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *aside = NULL;
  const char *path = json_object_get_string_member (reply, "path");
  const char *said, *where;
  const char *garbled = "{\"@context\": [not json";

  g_assert_cmpstr (json_object_get_string_member (reply, "type"), ==, "clipped");
  g_assert_false (json_object_has_member (reply, "notes_error"));
  g_assert_true (g_str_has_suffix (path, ".html"));
  base = g_strndup (path, strlen (path) - strlen (".html"));
  sidecar = g_strconcat (base, ".notes.json", NULL);
  g_assert_true (g_file_set_contents (sidecar, garbled, -1, NULL));

  again = answer (f, message);
  g_assert_cmpstr (json_object_get_string_member (again, "type"), ==, "clipped");
  said = json_object_get_string_member_with_default (again, "notes_error", "");
  where = strstr (said, "kept, unchanged, as ");
  g_assert_nonnull (where);
  aside = g_strndup (where + strlen ("kept, unchanged, as "),
                     strcspn (where + strlen ("kept, unchanged, as "), ";"));
  g_assert_true (g_str_has_prefix (aside, base));
  g_assert_true (g_file_get_contents (aside, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, garbled);
}

static void
test_clip_error_is_a_reply (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JsonObject) reply = answer (f, "{\"type\":\"clip\",\"url\":\"https://example.org/empty\","
                                           "\"html\":\"<html><body><div> </div></body></html>\"}");
  g_autoptr(GPtrArray) archives = NULL;

  g_assert_cmpstr (json_object_get_string_member (reply, "type"), ==, "error");
  g_assert_nonnull (strstr (json_object_get_string_member (reply, "message"), "https://example.org/empty"));
  archives = gloss_library_list_archives (f->library);
  g_assert_cmpuint (archives->len, ==, 0);
}

/* The host as a browser starts it: arguments of the browser's own, one
 * message after another on a pipe, an oversized one ending the talk. */
static void
test_host_process (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = gloss_test_gloss_launcher (f->folder);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GByteArray) input = g_byte_array_new ();
  g_autoptr(GBytes) ping = frame ("{\"type\":\"ping\"}");
  g_autoptr(GBytes) bad = frame ("{\"type\":\"exec\"}");
  g_autoptr(GBytes) in = NULL, out = NULL, err = NULL;
  g_autoptr(GInputStream) replies = NULL;
  g_autoptr(GError) error = NULL;
  guint32 huge = G_MAXUINT32;
  const char *expected[] = { "\"pong\"", "not a message type", "MiB limit" };

  g_byte_array_append (input, g_bytes_get_data (ping, NULL), g_bytes_get_size (ping));
  g_byte_array_append (input, g_bytes_get_data (bad, NULL), g_bytes_get_size (bad));
  g_byte_array_append (input, (const guint8 *) &huge, sizeof huge);
  g_byte_array_append (input, g_bytes_get_data (ping, NULL), g_bytes_get_size (ping));
  in = g_bytes_new (input->data, input->len);
  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                   G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("GLOSS_BINARY"), "native-host",
                                         "chrome-extension://abcdefghijklmnop/", "--parent-window=0",
                                         NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (process, in, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  /* Nothing after the oversized message is read: its last ping gets no pong. */
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  replies = stream_of (out);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gsize length;
      g_autofree char *reply = gloss_native_read_message (replies, &length, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (reply);
      if (strstr (reply, expected[i]) == NULL)
        g_error ("reply %u, %s, does not say %s", i, reply, expected[i]);
    }
  g_assert_null (gloss_native_read_message (replies, &(gsize) { 0 }, NULL, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/native/framing", test_framing);
  g_test_add_func ("/native/broken-frames", test_broken_frames);
  g_test_add_func ("/native/refused", test_refused);
  g_test_add ("/native/clip-with-selection", Fixture, NULL, fixture_set_up,
              test_clip_with_selection, fixture_tear_down);
  g_test_add ("/native/notes-error-in-reply", Fixture, NULL, fixture_set_up,
              test_notes_error_in_reply, fixture_tear_down);
  g_test_add ("/native/clip-error-is-a-reply", Fixture, NULL, fixture_set_up,
              test_clip_error_is_a_reply, fixture_tear_down);
  g_test_add ("/native/host-process", Fixture, NULL, fixture_set_up,
              test_host_process, fixture_tear_down);
  return g_test_run ();
}
