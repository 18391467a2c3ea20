/* test-clip.c — the clip pipeline against a real HTTP server on 127.0.0.1
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <libxml/HTMLtree.h>

#include "gloss-anchor.h"
#include "gloss-article.h"
#include "gloss-archive.h"
#include "gloss-clip.h"
#include "gloss-sidecar.h"
#include "gloss-html.h"
#include "gloss-text.h"
#include "gloss-test-utils.h"
#include "test-clip-private.h"


void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = gloss_test_server_new ();
  f->fetcher = gloss_fetcher_new ();
  f->library = gloss_test_library_new ();
  f->library_object = gloss_library_new (f->library);
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->result, gloss_clip_result_free);
  g_clear_error (&f->error);
  g_clear_object (&f->fetcher);
  g_clear_object (&f->cancel_at_resources);
  gloss_test_server_free (f->server);
  g_clear_object (&f->library_object);
  gloss_test_library_free (f->library);
}

static void
on_progress (const GlossClipProgress *progress,
             gpointer                 user_data)
{
  Fixture *f = user_data;

  if (progress->stage == GLOSS_CLIP_STAGE_PAGE)
    f->page_bytes = progress->bytes;
  if (progress->stage == GLOSS_CLIP_STAGE_RESOURCES)
    {
      /* Monotonic: a progress bar must never run backwards. */
      g_assert_cmpuint (progress->resources_done, >=, f->resources_done);
      f->resources_done = progress->resources_done;
      f->resources_total = progress->resources_total;
      if (f->cancel_at_resources != NULL && progress->resources_done >= f->cancel_after_done)
        g_cancellable_cancel (f->cancel_at_resources);
    }
}

static void
on_clipped (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *f = user_data;

  f->result = gloss_clip_finish (result, &f->error);
  f->done = TRUE;
}

static void
clip_location (Fixture       *f,
               const char    *location,
               GlossClipMode  mode)
{
  g_clear_pointer (&f->result, gloss_clip_result_free);
  g_clear_error (&f->error);
  f->done = FALSE;
  f->resources_done = f->resources_total = 0;
  gloss_clip_async (f->fetcher, f->library_object, location, mode, on_progress, f,
                    f->cancel_at_resources, on_clipped, f);
  gloss_test_wait (&f->done, 60, location);
}

void
clip (Fixture       *f,
      const char    *path,
      GlossClipMode  mode)
{
  g_autofree char *url = gloss_test_server_url (f->server, path);

  clip_location (f, url, mode);
}

/* Archives and sidecars alike. */
static guint
library_file_count (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->library, 0, NULL);
  const char *name;
  guint count = 0;

  /* .gloss/ holds the library's locks and cache, not the user's files. */
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    count += !g_str_equal (name, ".gloss");
  return count;
}

char *
read_archive (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_no_error (f->error);
  g_assert_nonnull (f->result);
  g_file_get_contents (f->result->path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static xmlDoc *
parse_archive (Fixture *f)
{
  g_autofree char *html = read_archive (f);

  return gloss_html_parse (html, strlen (html));
}

/* The archive's text as a reader sees it, whitespace collapsed. */
char *
archive_text (xmlDoc *doc)
{
  g_autofree char *text = gloss_text_from_node (gloss_html_body (doc));
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
}

static char *
collapse (const char *line)
{
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *trimmed = g_strstrip (g_strdup (line));

  return g_regex_replace_literal (spaces, trimmed, -1, 0, " ", 0, NULL);
}

static void
assert_lines_present (const char *text,
                      const char *expected_file)
{
  g_autofree char *expected = gloss_test_read_site_file (expected_file, NULL);
  g_auto(GStrv) lines = g_strsplit (expected, "\n", -1);
  guint checked = 0;

  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *line = collapse (lines[i]);
      if (*line == '\0')
        continue;
      if (strstr (text, line) == NULL)
        g_error ("Missing from the archive (%s line %u): %s", expected_file, i + 1, line);
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
}

static void
assert_lines_absent (const char *text,
                     const char *phrases_file)
{
  g_autofree char *phrases = gloss_test_read_site_file (phrases_file, NULL);
  g_auto(GStrv) lines = g_strsplit (phrases, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *line = collapse (lines[i]);
      if (*line != '\0' && strstr (text, line) != NULL)
        g_error ("Boilerplate left in the archive (%s line %u): %s", phrases_file, i + 1, line);
    }
}

/* Every attribute that makes a browser load something. */
static gboolean
is_loading_attribute (xmlNode    *node,
                      const char *name)
{
  if (g_str_equal (name, "src") || g_str_equal (name, "srcset") || g_str_equal (name, "poster") ||
      g_str_equal (name, "style") || g_str_equal (name, "background") || g_str_equal (name, "data"))
    return TRUE;
  if (gloss_html_is_element (node, "link") && g_str_equal (name, "href"))
    {
      g_autofree char *rel = gloss_html_get_attr (node, "rel");
      return g_strcmp0 (rel, "canonical") != 0;
    }
  return FALSE;
}

static void
assert_no_remote_loads (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
        {
          g_autofree char *value = gloss_html_get_attr (node, (const char *) attr->name);
          if (is_loading_attribute (node, (const char *) attr->name) && value != NULL &&
              (strstr (value, "http:") || strstr (value, "https:") || strstr (value, "//")))
            g_error ("<%s %s=\"%.80s\"> loads from the network", node->name, attr->name, value);
        }
      if (gloss_html_is_element (node, "style"))
        {
          g_autofree char *css = (char *) xmlNodeGetContent (node);
          g_assert_null (strstr (css, "http:"));
          g_assert_null (strstr (css, "https:"));
        }
      g_assert_false (gloss_html_is_element (node, "script"));
      g_assert_false (gloss_html_is_element (node, "iframe"));
      assert_no_remote_loads (node->children);
    }
}

static void
collect_images (xmlNode   *node,
                GPtrArray *sources)
{
  for (; node != NULL; node = node->next)
    {
      if (gloss_html_is_element (node, "img"))
        g_ptr_array_add (sources, gloss_html_get_attr (node, "src"));
      collect_images (node->children, sources);
    }
}

/* True when one <img> of @doc holds exactly the bytes of the site's @file. */
gboolean
has_image_bytes (xmlDoc     *doc,
                 const char *file)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expected = NULL;
  gsize expected_length;

  expected = gloss_test_read_site_file (file, &expected_length);
  collect_images (xmlDocGetRootElement (doc), sources);
  for (guint i = 0; i < sources->len; i++)
    {
      const char *src = sources->pdata[i];
      const char *comma = src ? strchr (src, ',') : NULL;
      g_autofree guchar *bytes = NULL;
      gsize length;

      if (src == NULL || !g_str_has_prefix (src, "data:image/png;base64,") || comma == NULL)
        continue;
      bytes = g_base64_decode (comma + 1, &length);
      if (length == expected_length && memcmp (bytes, expected, length) == 0)
        return TRUE;
    }
  return FALSE;
}

static char *
meta_content (xmlDoc     *doc,
              const char *name)
{
  xmlNode *head = gloss_html_find_element (xmlDocGetRootElement (doc), "head");

  for (xmlNode *node = head->children; node != NULL; node = node->next)
    {
      g_autofree char *node_name = gloss_html_get_attr (node, "name");
      g_autofree char *property = gloss_html_get_attr (node, "property");
      g_autofree char *http_equiv = gloss_html_get_attr (node, "http-equiv");

      if (!gloss_html_is_element (node, "meta"))
        continue;
      if (g_strcmp0 (node_name, name) == 0 || g_strcmp0 (property, name) == 0 ||
          g_strcmp0 (http_equiv, name) == 0)
        return gloss_html_get_attr (node, "content");
    }
  return NULL;
}

static void
test_seed_article (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/seed.html");
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *source = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *csp = NULL;
  g_autoptr(GDateTime) saved_time = NULL;
  xmlNode *head, *first;

  clip (f, "/seed.html", GLOSS_CLIP_MODE_READER);
  g_assert_no_error (f->error);
  g_assert_true (g_str_has_prefix (f->result->id, "alibabas-first-foot-on-u-s-soil-is-a-data-center"));
  g_assert_true (g_str_has_suffix (f->result->path, ".html"));
  g_assert_false (f->result->replaced);
  g_assert_cmpuint (f->result->missing->len, ==, 0);
  g_assert_cmpstr (f->result->title, ==,
                   "Alibaba’s First Foot On U.S. Soil Is A Data Center In Silicon Valley");

  doc = parse_archive (f);
  text = archive_text (doc);
  assert_lines_present (text, "seed.expected.txt");
  assert_lines_absent (text, "seed.boilerplate.txt");
  assert_no_remote_loads (xmlDocGetRootElement (doc));

  /* The lazy hero arrives as its best srcset candidate, byte for byte. */
  g_assert_true (has_image_bytes (doc, "images/hero-1600.png"));
  g_assert_true (has_image_bytes (doc, "images/chart.png"));
  g_assert_cmpuint (gloss_test_server_hits (f->server, "/js/tracker.js"), ==, 0);

  /* The header DESIGN.md fixes: charset first, then the CSP. */
  head = gloss_html_find_element (xmlDocGetRootElement (doc), "head");
  first = xmlFirstElementChild (head);
  g_assert_true (gloss_html_is_element (first, "meta") &&
                 xmlHasProp (first, (const xmlChar *) "charset"));
  csp = gloss_html_get_attr (xmlNextElementSibling (first), "content");
  g_assert_cmpstr (csp, ==, "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                            "font-src data:; media-src data:");
  source = meta_content (doc, "gloss:source");
  g_assert_cmpstr (source, ==, url);
  mode = meta_content (doc, "gloss:mode");
  g_assert_cmpstr (mode, ==, "reader");
  saved = meta_content (doc, "gloss:saved");
  saved_time = g_date_time_new_from_iso8601 (saved, NULL);
  g_assert_nonnull (saved_time);
  g_assert_true (g_str_has_suffix (saved, "Z"));

  /* Progress reached the end of every resource. */
  g_assert_cmpuint (f->page_bytes, >, 0);
  g_assert_cmpuint (f->resources_total, >=, 2);
  g_assert_cmpuint (f->resources_done, ==, f->resources_total);
}

static void
test_reclip_replaces_archive (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *first_path = NULL;
  g_autofree char *sidecar_path = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  const char *notes = "{\"gloss\": 1, \"note\": \"mine\", \"other-tool\": true}\n";

  clip (f, "/seed.html", GLOSS_CLIP_MODE_READER);
  g_assert_no_error (f->error);
  first_path = g_strdup (f->result->path);
  sidecar_path = g_strdup_printf ("%s/%s.notes.json", f->library, f->result->id);
  /* The first clip made the sidecar. */
  g_assert_true (g_file_test (sidecar_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_set_contents (sidecar_path, notes, -1, NULL));

  clip (f, "/seed.html", GLOSS_CLIP_MODE_READER);
  g_assert_no_error (f->error);
  g_assert_true (f->result->replaced);
  g_assert_null (f->result->notes_error);
  g_assert_cmpstr (f->result->path, ==, first_path);
  sidecar = gloss_sidecar_load (sidecar_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sidecar->note, ==, "mine");
  g_assert_true (json_object_get_boolean_member (sidecar->json, "other-tool"));
  g_assert_true (g_str_has_suffix (f->result->path, sidecar->archive));
  g_assert_cmpuint (library_file_count (f), ==, 2);
}

static void
test_redirects (Fixture       *f,
                gconstpointer  data)
{
  clip (f, "/redirect/3", GLOSS_CLIP_MODE_READER);
  g_assert_no_error (f->error);
  g_assert_true (g_str_has_prefix (f->result->id, "alibabas-first-foot"));

  clip (f, "/redirect/11", GLOSS_CLIP_MODE_READER);
  g_assert_error (f->error, GLOSS_FETCH_ERROR, GLOSS_FETCH_ERROR_TOO_MANY_REDIRECTS);
  g_assert_nonnull (strstr (f->error->message, "/redirect/"));
  g_assert_cmpuint (library_file_count (f), ==, 2);  /* the first clip's archive and sidecar */
}

static void
assert_fails (Fixture    *f,
              const char *path,
              int         code,
              const char *reason)
{
  g_autofree char *url = gloss_test_server_url (f->server, path);

  clip (f, path, GLOSS_CLIP_MODE_READER);
  g_assert_error (f->error, GLOSS_FETCH_ERROR, code);
  /* The message names the URL and the reason. */
  if (strstr (f->error->message, url) == NULL || strstr (f->error->message, reason) == NULL)
    g_error ("“%s” should name %s and “%s”", f->error->message, url, reason);
  g_assert_cmpuint (library_file_count (f), ==, 0);
}

static void
test_http_errors (Fixture       *f,
                  gconstpointer  data)
{
  assert_fails (f, "/status/404", GLOSS_FETCH_ERROR_HTTP, "404 Not Found");
  assert_fails (f, "/status/503", GLOSS_FETCH_ERROR_HTTP, "503");
  assert_fails (f, "/document.pdf", GLOSS_FETCH_ERROR_NOT_HTML, "application/pdf");
}

static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  gloss_fetcher_set_max_bytes (f->fetcher, 256 * 1024, 64 * 1024);
  assert_fails (f, "/big", GLOSS_FETCH_ERROR_TOO_LARGE, "256");
  assert_fails (f, "/big-declared", GLOSS_FETCH_ERROR_TOO_LARGE, "limit");
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();

  gloss_fetcher_set_timeouts (f->fetcher, 1, 1);
  assert_fails (f, "/slow", GLOSS_FETCH_ERROR_TIMED_OUT, "did not answer within 1 seconds");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static void
test_bad_addresses (Fixture       *f,
                    gconstpointer  data)
{
  clip_location (f, "http://gloss-test.invalid/article", GLOSS_CLIP_MODE_READER);
  g_assert_error (f->error, GLOSS_FETCH_ERROR, GLOSS_FETCH_ERROR_NETWORK);
  g_assert_nonnull (strstr (f->error->message, "gloss-test.invalid"));

  clip_location (f, "ftp://example.com/file.html", GLOSS_CLIP_MODE_READER);
  g_assert_error (f->error, GLOSS_PAGE_ERROR, GLOSS_PAGE_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (f->error->message, "ftp://example.com/file.html"));

  clip_location (f, "http://", GLOSS_CLIP_MODE_READER);
  g_assert_error (f->error, GLOSS_FETCH_ERROR, GLOSS_FETCH_ERROR_INVALID_URL);
  g_assert_cmpuint (library_file_count (f), ==, 0);
}

static void
assert_page_text (Fixture    *f,
                  const char *page,
                  const char *expected)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *text = NULL;

  clip (f, page, GLOSS_CLIP_MODE_READER);
  g_assert_no_error (f->error);
  doc = parse_archive (f);
  text = archive_text (doc);
  assert_lines_present (text, expected);
}

static void
test_charsets (Fixture       *f,
               gconstpointer  data)
{
  assert_page_text (f, "/charset-gbk.html", "charset-gbk.expected.txt");
  assert_page_text (f, "/charset-1252.html", "charset-1252.expected.txt");
  assert_page_text (f, "/charset-header.html", "charset-header.expected.txt");
}

static void
serve (Fixture    *f,
       const char *path,
       const char *content_type,
       const char *body,
       gsize       length)
{
  gloss_test_server_set_response (f->server, path, content_type, body, length);
}

/* What the issue saw: U+FFFD garbage, mojibake, and "…is empty". */
static void
test_charset_labels (Fixture       *f,
                     gconstpointer  data)
{
  const char utf8[] = "<html><head><title>Zürich</title></head><body><article><h1>Zürich</h1>"
                      "<p>Die Straßenbahn fährt + hält ~ überall, sagt Andrée Kälin.</p>"
                      "<p>Eine zweite Zeile, damit es ein Artikel ist, über Züge.</p>"
                      "</article></body></html>";
  g_autoptr(GString) utf16 = g_string_new (NULL);
  g_autofree gunichar2 *units = g_utf8_to_utf16 (utf8, -1, NULL, NULL, NULL);
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *text = NULL;

  for (gunichar2 *u = units; *u; u++)
    g_string_append_c (g_string_append_c (utf16, *u & 0xFF), *u >> 8);
  serve (f, "/utf7.html", "text/html; charset=utf-7", utf8, strlen (utf8));
  serve (f, "/unknown.html", "text/html; charset=x-no-such-thing", utf8, strlen (utf8));
  serve (f, "/utf16.html", "text/html; charset=utf-16le", utf16->str, utf16->len);
  for (guint i = 0; i < 3; i++)
    {
      const char *path = (const char *[]) { "/utf7.html", "/unknown.html", "/utf16.html" }[i];

      clip (f, path, GLOSS_CLIP_MODE_READER);
      g_assert_no_error (f->error);
      g_clear_pointer (&doc, xmlFreeDoc);
      g_clear_pointer (&text, g_free);
      doc = parse_archive (f);
      text = archive_text (doc);
      if (strstr (text, "Die Straßenbahn fährt + hält ~ überall, sagt Andrée Kälin.") == NULL)
        g_error ("%s decoded wrong: “%s”", path, text);
    }
}

static void
test_refused_encoding (Fixture       *f,
                       gconstpointer  data)
{
  const char page[] = "<html><body><p>\x1B$)C\x0E!!\x0F</p></body></html>";
  g_autofree char *url = gloss_test_server_url (f->server, "/kr.html");

  serve (f, "/kr.html", "text/html; charset=iso-2022-kr", page, sizeof page - 1);
  clip (f, "/kr.html", GLOSS_CLIP_MODE_FULL);
  g_assert_error (f->error, GLOSS_PAGE_ERROR, GLOSS_PAGE_ERROR_ENCODING);
  g_assert_nonnull (strstr (f->error->message, url));
  g_assert_nonnull (strstr (f->error->message, "iso-2022-kr"));
  g_assert_cmpuint (library_file_count (f), ==, 0);
}

static char *
nested_article (guint depth)
{
  GString *html = g_string_new ("<html><head><title>Deep</title></head><body>");

  for (guint i = 0; i < depth; i++)
    g_string_append (html, "<div>");
  for (guint i = 0; i < 6; i++)
    g_string_append_printf (html, "<p>Paragraph %u of the deep article, long enough to read as "
                                  "prose, with commas, and more words in it.</p>", i);
  for (guint i = 0; i < depth; i++)
    g_string_append (html, "</div>");
  g_string_append (html, "</body></html>");
  return g_string_free (html, FALSE);
}

/* Nested past libxml2's 256 levels, the text was lost: reader mode found no
 * article and full mode saved an empty archive. */
static void
test_deep_nesting (Fixture       *f,
                   gconstpointer  data)
{
  guint depth = GPOINTER_TO_UINT (data);
  g_autofree char *page = nested_article (depth);

  gloss_test_server_set_page (f->server, "/deep.html", page);
  for (GlossClipMode mode = GLOSS_CLIP_MODE_READER; mode <= GLOSS_CLIP_MODE_FULL; mode++)
    {
      g_autoptr(xmlDoc) doc = NULL;
      g_autofree char *text = NULL;

      clip (f, "/deep.html", mode);
      g_assert_no_error (f->error);
      doc = parse_archive (f);
      text = archive_text (doc);
      g_assert_nonnull (strstr (text, "Paragraph 0 of the deep article"));
      g_assert_nonnull (strstr (text, "Paragraph 5 of the deep article"));
    }
}

/* An archive with no text is never saved. */
static void
test_no_text (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *url = gloss_test_server_url (f->server, "/blank.html");

  gloss_test_server_set_page (f->server, "/blank.html",
                              "<html><head><title>Blank</title><script>var a = 1;</script>"
                              "</head><body><div><span> </span></div></body></html>");
  clip (f, "/blank.html", GLOSS_CLIP_MODE_FULL);
  g_assert_error (f->error, GLOSS_PAGE_ERROR, GLOSS_PAGE_ERROR_NO_CONTENT);
  g_assert_nonnull (strstr (f->error->message, url));
  g_assert_cmpuint (library_file_count (f), ==, 0);
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint count = 0;

  for (const char *p = text; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    count++;
  return count;
}

static void
assert_reasons (Fixture    *f,
                guint       count,
                const char *reason)
{
  g_assert_cmpuint (f->result->missing->len, ==, count);
  g_assert_cmpuint (f->result->missing_reasons->len, ==, count);
  for (guint i = 0; i < count; i++)
    {
      const char *text = f->result->missing_reasons->pdata[i];

      /* Each reason names its URL and says why. */
      if (strstr (text, f->result->missing->pdata[i]) == NULL || strstr (text, reason) == NULL)
        g_error ("“%s” should name %s and say “%s”", text,
                 (char *) f->result->missing->pdata[i], reason);
    }
}

/* A page of big pictures: what the archive embeds stops at its cap, in
 * document order; the rest is listed missing, and the text is all there. */
static void
test_archive_cap (Fixture       *f,
                  gconstpointer  data)
{
  const guint64 cap = 1000 * 1000;
  g_autoptr(GString) page = g_string_new ("<html><head><title>Plates</title></head><body>"
                                          "<article><h1>Plates</h1>");
  g_autofree char *html = NULL;

  for (guint i = 0; i < 8; i++)
    g_string_append_printf (page, "<p>Plate %u shows the harbour at dawn, its cranes and its "
                                  "boats, drawn by hand.</p><img src=\"/generated/%u/%u.png\" "
                                  "alt=\"Plate %u\">", i, i == 0 ? 2000000 : 300000, i, i);
  g_string_append (page, "</article></body></html>");
  gloss_test_server_set_page (f->server, "/plates.html", page->str);
  gloss_fetcher_set_clip_limits (f->fetcher, 60, cap);

  clip (f, "/plates.html", GLOSS_CLIP_MODE_READER);
  g_assert_no_error (f->error);
  /* 2 MB alone is over the cap; then two of 400 KB in base64 fit. */
  assert_reasons (f, 6, "limit");
  html = read_archive (f);
  g_assert_cmpuint (f->result->size, ==, strlen (html));
  g_assert_cmpuint (f->result->size, <=, cap + 64 * 1024);
  g_assert_cmpuint (count_occurrences (html, "data:image/png;base64,"), ==, 2);
  g_assert_nonnull (strstr (html, "alt=\"Plate 0\""));
  g_assert_nonnull (strstr (html, "Plate 7 shows the harbour"));
  g_assert_null (strstr (html, "gloss-spool-"));
}

/* The sidecar's checksum is of the archive as written, pictures and all
 * (the archive is read back without their bytes). */
static void
assert_sidecar_checksum (Fixture *f)
{
  g_autofree char *sidecar_path = g_strdup_printf ("%s/%s.notes.json", f->library, f->result->id);
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *archive = NULL;
  g_autofree char *sha256 = NULL;
  gsize length;

  sidecar = gloss_sidecar_load (sidecar_path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (f->result->path, &archive, &length, NULL));
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) archive, length);
  g_assert_cmpstr (sidecar->sha256, ==, sha256);
}

/* The big picture that does fit arrives byte for byte, through the spool. */
static void
test_spooled_bytes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *src = NULL;
  g_autofree guchar *bytes = NULL;
  gsize length;
  xmlNode *img;

  gloss_test_server_set_page (f->server, "/one.html",
                              "<html><body><article><h1>One</h1><p>A single plate, large, with a "
                              "caption long enough to be an article of its own.</p>"
                              "<img src=\"/generated/1000001/big.png\" alt=\"Big\"></article>"
                              "</body></html>");
  clip (f, "/one.html", GLOSS_CLIP_MODE_READER);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->result->missing->len, ==, 0);
  doc = parse_archive (f);
  img = gloss_html_find_element (gloss_html_body (doc), "img");
  src = gloss_html_get_attr (img, "src");
  g_assert_true (g_str_has_prefix (src, "data:image/png;base64,"));
  bytes = g_base64_decode (src + strlen ("data:image/png;base64,"), &length);
  g_assert_cmpuint (length, ==, 1000001);
  g_assert_cmpmem (bytes, 8, "\x89PNG\r\n\x1a\n", 8);
  for (gsize i = 8; i < length; i++)
    if (bytes[i] != (guchar) (i * 7))
      g_error ("byte %" G_GSIZE_FORMAT " differs", i);
  assert_sidecar_checksum (f);
}

/* Twelve pictures that never arrive: the clip still ends at its deadline,
 * with the text and the picture that did arrive, and says what is missing. */
static void
test_deadline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GString) page = g_string_new ("<html><head><title>Stalled</title></head><body>"
                                          "<article><h1>Stalled</h1>"
                                          "<img src=\"/images/chart.png\" alt=\"Chart\">");
  g_autofree char *html = NULL;
  gint64 start;

  for (guint i = 0; i < 12; i++)
    g_string_append_printf (page, "<p>Paragraph %u waits for a picture that never comes, and "
                                  "says so at length.</p><img src=\"/stalled/%u.png\" "
                                  "alt=\"Stalled %u\">", i, i, i);
  g_string_append (page, "</article></body></html>");
  gloss_test_server_set_page (f->server, "/stalled.html", page->str);
  gloss_fetcher_set_clip_limits (f->fetcher, 2, GLOSS_FETCH_DEFAULT_MAX_ARCHIVE_BYTES);

  start = g_get_monotonic_time ();
  clip (f, "/stalled.html", GLOSS_CLIP_MODE_READER);
  /* 12 stalled pictures took 45–60 s in waves of 4; now the clip's 2 s, and a margin. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_no_error (f->error);
  g_assert_true (f->result->timed_out);
  assert_reasons (f, 12, "timed out");
  html = read_archive (f);
  g_assert_nonnull (strstr (html, "Paragraph 11 waits"));
  g_assert_nonnull (strstr (html, "alt=\"Stalled 0\""));
  g_assert_cmpuint (count_occurrences (html, "data:image/png;base64,"), ==, 1);
}

static void
test_hostile_page (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *html = NULL;
  g_autofree char *lower = NULL;

  assert_page_text (f, "/hostile.html", "hostile.expected.txt");
  html = read_archive (f);
  lower = g_ascii_strdown (html, -1);
  g_assert_null (strstr (lower, "<script"));
  g_assert_null (strstr (lower, "javascript:"));
  g_assert_null (strstr (lower, "<iframe"));
  g_assert_null (strstr (lower, "<object"));
  g_assert_null (strstr (lower, "<embed"));
  g_assert_null (strstr (lower, "<form"));
  g_assert_null (strstr (lower, "http-equiv=\"refresh\""));
  g_assert_null (strstr (lower, "<base"));
  g_assert_null (strstr (lower, " onload="));
  g_assert_null (strstr (lower, " onerror="));
  g_assert_null (strstr (lower, " onclick="));
  doc = parse_archive (f);
  assert_no_remote_loads (xmlDocGetRootElement (doc));
}

static void
test_full_page (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *html = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *text = NULL;

  clip (f, "/full.html", GLOSS_CLIP_MODE_FULL);
  g_assert_no_error (f->error);
  html = read_archive (f);
  doc = gloss_html_parse (html, strlen (html));
  mode = meta_content (doc, "gloss:mode");
  g_assert_cmpstr (mode, ==, "full");
  assert_no_remote_loads (xmlDocGetRootElement (doc));
  text = archive_text (doc);
  assert_lines_present (text, "full.expected.txt");
  /* Stylesheet, @import, background and font all travelled into the file. */
  g_assert_null (strstr (html, "rel=\"stylesheet\""));
  g_assert_null (strstr (html, "@import"));
  g_assert_nonnull (strstr (html, "data:image/png;base64,"));
  g_assert_nonnull (strstr (html, "data:font/woff2;base64,"));
  g_assert_cmpuint (gloss_test_server_hits (f->server, "/css/imported.css"), ==, 1);
  g_assert_cmpuint (gloss_test_server_hits (f->server, "/fonts/test.woff2"), ==, 1);
  g_assert_cmpuint (f->result->missing->len, ==, 0);
}

static void
test_missing_resource (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *html = NULL;
  g_autofree char *missing_url = gloss_test_server_url (f->server, "/images/does-not-exist.png");

  clip (f, "/missing-image.html", GLOSS_CLIP_MODE_READER);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->result->missing->len, ==, 1);
  g_assert_cmpstr (f->result->missing->pdata[0], ==, missing_url);
  html = read_archive (f);
  /* The alt text stays for the reader; the broken address does not. */
  g_assert_nonnull (strstr (html, "alt=\"A map of the river delta\""));
  g_assert_null (strstr (html, "src=\"http"));
  doc = gloss_html_parse (html, strlen (html));
  g_assert_true (has_image_bytes (doc, "images/chart.png"));
}


static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  f->cancel_at_resources = g_cancellable_new ();
  clip (f, "/gallery.html", GLOSS_CLIP_MODE_READER);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (library_file_count (f), ==, 0);
}

static guint
delayed_hits (Fixture *f)
{
  guint hits = 0;

  for (int i = 0; i < 12; i++)
    {
      g_autofree char *path = g_strdup_printf ("/delayed/%d.png", i);
      hits += gloss_test_server_hits (f->server, path);
    }
  return hits;
}

/* Cancelled while pictures download: the ones still waiting for their
 * host are never requested. */
static void
test_cancel_while_downloading (Fixture       *f,
                               gconstpointer  data)
{
  f->cancel_at_resources = g_cancellable_new ();
  f->cancel_after_done = 1;
  clip (f, "/gallery.html", GLOSS_CLIP_MODE_READER);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (library_file_count (f), ==, 0);
  g_assert_cmpuint (delayed_hits (f), <=, GLOSS_FETCH_DEFAULT_PER_HOST + 1);
}

static void
test_per_host_limit (Fixture       *f,
                     gconstpointer  data)
{
  clip (f, "/gallery.html", GLOSS_CLIP_MODE_READER);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->resources_total, ==, 12);
  g_assert_cmpuint (gloss_test_server_max_concurrent (f->server), >=, 2);
  g_assert_cmpuint (gloss_test_server_max_concurrent (f->server), <=, GLOSS_FETCH_DEFAULT_PER_HOST);
}

static void
test_local_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = gloss_test_site_path ("charset-1252.html");
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *text = NULL;

  clip_location (f, path, GLOSS_CLIP_MODE_READER);
  g_assert_no_error (f->error);
  doc = parse_archive (f);
  text = archive_text (doc);
  assert_lines_present (text, "charset-1252.expected.txt");

  clip_location (f, "/nonexistent/page.html", GLOSS_CLIP_MODE_READER);
  g_assert_error (f->error, GLOSS_PAGE_ERROR, GLOSS_PAGE_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (f->error->message, "/nonexistent/page.html"));
}

#define STORY_HEAD "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">" \
  "<title>The Harbour Wall</title></head><body><article><h1>The Harbour Wall</h1>"
#define STORY_TAIL "</article></body></html>"
#define STORY_P1 "<p>The old harbour wall was built in 1871 from granite quarried on the far side " \
  "of the bay, and it has outlasted every storm the town remembers.</p>"
#define STORY_P2 "<p>Engineers who surveyed it last winter found the mortar sound, the footings " \
  "dry, and the capstones barely worn by a century and a half of spray.</p>"
#define STORY_P3 "<p>The council will nonetheless spend two million pounds on repairs next year, " \
  "mostly on the lighthouse at its end, which leans a little more every spring.</p>"

static void
highlight (GlossSidecar *sidecar,
           const char   *text,
           const char   *quote)
{
  GlossAnnotation *annotation = gloss_annotation_new ();
  gint64 start, end;

  g_assert_cmpuint (gloss_anchor_find_quote (text, quote, &start, &end), ==, 1);
  g_clear_pointer (&annotation->prefix, g_free);
  g_clear_pointer (&annotation->suffix, g_free);
  gloss_anchor_describe (text, start, end, &annotation->exact, &annotation->prefix, &annotation->suffix);
  annotation->start = start;
  annotation->end = end;
  gloss_sidecar_add (sidecar, annotation);
}

/* The site edits its article between two clips: highlights follow the text,
 * and the one whose passage was cut is kept, marked orphaned. */
static void
test_reclip_keeps_highlights (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GlossSidecar) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sidecar_path = NULL;
  GlossAnnotation *moved, *edited, *gone;

  gloss_test_server_set_page (f->server, "/story.html", STORY_HEAD STORY_P1 STORY_P2 STORY_P3 STORY_TAIL);
  clip (f, "/story.html", GLOSS_CLIP_MODE_READER);
  g_assert_no_error (f->error);
  article = gloss_library_open_article (f->result->path, &error);
  g_assert_no_error (error);
  highlight (article->sidecar, article->text, "it has outlasted every storm the town remembers");
  highlight (article->sidecar, article->text, "found the mortar sound, the footings dry");
  highlight (article->sidecar, article->text, "which leans a little more every spring");
  gloss_sidecar_save (article->sidecar, &error);
  g_assert_no_error (error);
  sidecar_path = g_strdup (article->sidecar->path);

  /* A new first paragraph, a word changed inside the second highlight, the
   * third paragraph cut. */
  gloss_test_server_set_page (f->server, "/story.html", STORY_HEAD
    "<p>Updated: this article was corrected after publication to reflect the survey's findings.</p>"
    STORY_P1
    "<p>Engineers who surveyed it last winter found the mortar solid, the footings "
    "dry, and the capstones barely worn by a century and a half of spray.</p>" STORY_TAIL);
  clip (f, "/story.html", GLOSS_CLIP_MODE_READER);
  g_assert_no_error (f->error);
  g_assert_true (f->result->replaced);
  g_assert_null (f->result->notes_error);
  g_assert_cmpuint (f->result->annotations, ==, 3);
  g_assert_cmpuint (f->result->moved, ==, 2);
  g_assert_cmpuint (f->result->orphaned, ==, 1);

  after = gloss_sidecar_load (sidecar_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->annotations->len, ==, 3);
  moved = after->annotations->pdata[0];
  edited = after->annotations->pdata[1];
  gone = after->annotations->pdata[2];
  g_assert_cmpstr (moved->exact, ==, "it has outlasted every storm the town remembers");
  g_assert_cmpint (moved->start, >, ((GlossAnnotation *) article->sidecar->annotations->pdata[0])->start);
  g_assert_false (moved->orphaned);
  g_assert_cmpstr (edited->exact, ==, "found the mortar solid, the footings dry");
  g_assert_false (edited->orphaned);
  g_assert_true (gone->orphaned);
  g_assert_cmpstr (gone->exact, ==, "which leans a little more every spring");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  add_picture_tests ();

#define ADD(name, func) \
  g_test_add ("/clip/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("seed-article", test_seed_article);
  ADD ("reclip-replaces-archive", test_reclip_replaces_archive);
  ADD ("reclip-keeps-highlights", test_reclip_keeps_highlights);
  ADD ("redirects", test_redirects);
  ADD ("http-errors", test_http_errors);
  ADD ("too-large", test_too_large);
  ADD ("timeout", test_timeout);
  ADD ("bad-addresses", test_bad_addresses);
  ADD ("charsets", test_charsets);
  ADD ("hostile-page", test_hostile_page);
  ADD ("full-page", test_full_page);
  ADD ("missing-resource", test_missing_resource);
  ADD ("cancel", test_cancel);
  ADD ("cancel-while-downloading", test_cancel_while_downloading);
  ADD ("per-host-limit", test_per_host_limit);
  ADD ("local-file", test_local_file);
  ADD ("charset-labels", test_charset_labels);
  ADD ("refused-encoding", test_refused_encoding);
  ADD ("no-text", test_no_text);
  ADD ("archive-cap", test_archive_cap);
  ADD ("spooled-bytes", test_spooled_bytes);
  ADD ("deadline", test_deadline);
#undef ADD
  g_test_add ("/clip/deep-nesting/300", Fixture, GUINT_TO_POINTER (300), fixture_setup,
              test_deep_nesting, fixture_teardown);
  g_test_add ("/clip/deep-nesting/5000", Fixture, GUINT_TO_POINTER (5000), fixture_setup,
              test_deep_nesting, fixture_teardown);
  g_test_add ("/clip/deep-nesting/100000", Fixture, GUINT_TO_POINTER (100000), fixture_setup,
              test_deep_nesting, fixture_teardown);

  return g_test_run ();
}
