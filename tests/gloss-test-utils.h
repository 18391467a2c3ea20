/* gloss-test-utils.h — what every test program shares: waits with a time-out,
 * fixture libraries, the loopback HTTP server and, built with
 * GLOSS_TEST_WITH_WEBKIT, JavaScript in a WebKitWebView
 *
 * Lib and cli tests link libgloss-test-utils.a, which has no WebKit in it;
 * tests that drive a web view link libgloss-test-utils-webkit.a, built from
 * the same source with GLOSS_TEST_WITH_WEBKIT defined.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gloss-clip.h"
#include "gloss-fetcher.h"
#include "gloss-library.h"
#include "gloss-page.h"
#include "gloss-sidecar.h"
#include "gloss-test-server.h"

#ifdef GLOSS_TEST_WITH_WEBKIT
#include <webkit/webkit.h>
#endif

G_BEGIN_DECLS

/* Waiting on a condition, always with a time limit */

typedef gboolean (*GlossTestPredicate) (gpointer data);

/* Iterates the default main context until @predicate (@data) holds; fails
 * the test, naming @what, after @seconds. The predicate is also checked
 * every 20 ms, so it may look at plain state nothing signals. */
void      gloss_test_wait_until          (GlossTestPredicate  predicate,
                                          gpointer            data,
                                          guint               seconds,
                                          const char         *what);
/* gloss_test_wait_until () on a gboolean that a callback sets. */
void      gloss_test_wait                (gboolean           *flag,
                                          guint               seconds,
                                          const char         *what);
/* Waits until the caller holds the last reference to @object (deferred
 * work, such as WebKit's, has let go of it), e.g. before
 * g_assert_finalize_object (). */
void      gloss_test_wait_last_ref       (gpointer            object,
                                          const char         *what);
/* Waits until the wall clock has passed into the next second, so that a
 * timestamp with one-second resolution taken now is later than any taken
 * before the call. */
void      gloss_test_wait_next_second    (void);
/* Iterates the main context for @ms milliseconds. Only for a test that
 * checks that something does NOT happen: there is no condition to wait on. */
void      gloss_test_run_for             (guint               ms);

/* Test data */

/* tests/data/site/@name, served by the test server. */
char     *gloss_test_site_path           (const char         *name);
char     *gloss_test_read_site_file      (const char         *name,
                                          gsize              *length);
/* The contents of tests/data/@folder/@name. */
char     *gloss_test_read_data_file      (const char         *folder,
                                          const char         *name,
                                          gsize              *length);
char     *gloss_test_make_temp_dir       (void);
void      gloss_test_remove_tree         (const char         *path);

/* The anchoring vectors that C and JavaScript share (tests/data/anchoring.json),
 * read and checked for their version; g_object_unref () it after g_test_run (). */
JsonParser *gloss_test_load_anchoring_vectors (void);
/* Their cases. */
JsonArray *gloss_test_anchoring_cases     (JsonParser         *vectors);
/* Adds @test for each case of @vectors, as @prefix/<its name>. */
void      gloss_test_add_anchoring_tests (JsonParser         *vectors,
                                          const char         *prefix,
                                          GTestDataFunc       test);

/* Where the only occurrence of @needle lies in @text, in code points:
 * [@start, @end). Asserts that there is exactly one. */
void      gloss_test_find_unique         (const char         *text,
                                          const char         *needle,
                                          gint64             *start,
                                          gint64             *end);

/* Fixture libraries */

/* A new, empty library folder; remove it with gloss_test_library_free (). */
char     *gloss_test_library_new         (void);
/* Writes @contents as @name (an archive, a sidecar) into @library; returns
 * its path. */
char     *gloss_test_library_add         (const char         *library,
                                          const char         *name,
                                          const char         *contents);
/* Clips @path of @server into @library (asserting it works); returns the
 * article's id: its archive is @library/<id>.html. */
char     *gloss_test_library_clip        (const char         *library,
                                          GlossTestServer    *server,
                                          const char         *path,
                                          GlossClipMode       mode);
/* @library/@id.html, the archive of the article @id. */
char     *gloss_test_library_archive_path (const char         *library,
                                           const char         *id);
/* The annotation of @sidecar whose quote is @exact, or NULL. */
GlossAnnotation *gloss_test_find_by_exact (GlossSidecar       *sidecar,
                                           const char         *exact);
/* Clips @url into @library, waiting with the main loop turning. */
GlossClipResult *gloss_test_clip         (GlossFetcher       *fetcher,
                                          GlossLibrary       *library,
                                          const char         *url,
                                          GlossClipMode       mode,
                                          GError            **error);
/* How many archives (*.html) are in @library, as a person would count them. */
guint     gloss_test_library_count_archives (const char       *library);
/* Removes @library and everything in it, and frees the string. */
void      gloss_test_library_free        (char               *library);

/* Zips the files under @folder, named by their paths inside it, into the
 * new zip @zip_path, as a service ships its export. */
void      gloss_test_zip_folder          (const char         *folder,
                                          const char         *zip_path);

/* The gloss command */

/* A launcher for the built gloss (GLOSS_BINARY) as a user runs it on
 * @library: no display, a UTF-8 locale, its output piped. */
GSubprocessLauncher *gloss_test_gloss_launcher (const char         *library);
/* Runs gloss with @args (NULL-terminated, without the program's name) on
 * @library while the main loop keeps turning (a test server keeps serving),
 * and returns its exit status; *@out and *@err (nullable) get what it
 * printed. A gloss that crashes fails the test. */
int       gloss_test_run_gloss           (const char         *library,
                                          const char * const *args,
                                          char              **out,
                                          char              **err);

#ifdef GLOSS_TEST_WITH_WEBKIT

/* A web view */

/* Waits until @view has finished the load just started; fails after 60 s. */
void      gloss_test_wait_load_finished  (WebKitWebView      *view,
                                          const char         *what);
/* Runs @script in the script world @world (NULL: the page's) and waits for
 * its value; when it throws, returns NULL and sets @error. */
JSCValue *gloss_test_evaluate            (WebKitWebView      *view,
                                          const char         *world,
                                          const char         *script,
                                          GError            **error);
/* The value of @script as a string; asserts that it does not throw. */
char     *gloss_test_evaluate_string     (WebKitWebView      *view,
                                          const char         *world,
                                          const char         *script);
/* Runs @body as an async function in @world, with @args (a{sv}, nullable,
 * floating) as its variables: tests pass text as data, never as code. */
JSCValue *gloss_test_call                (WebKitWebView      *view,
                                          const char         *world,
                                          const char         *body,
                                          GVariant           *args,
                                          GError            **error);
char     *gloss_test_call_string         (WebKitWebView      *view,
                                          const char         *world,
                                          const char         *body,
                                          GVariant           *args);
/* A value as JSON, parsed (NULL for undefined). */
JsonNode *gloss_test_value_to_json       (JSCValue           *value);

#endif

G_END_DECLS
