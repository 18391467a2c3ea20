/* test-search-provider.c — the library in the GNOME Shell's search: the
 * built gloss-window, started as D-Bus starts it for the Shell
 * (--gapplication-service), asked over the session bus what the Shell asks
 *
 * Runs under tests/ui/run-x11, which gives it a session bus of its own and
 * the accessibility bus: the window a result opens is found over AT-SPI,
 * as a screen reader (or a person looking) finds it.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/prctl.h>

#include <atspi/atspi.h>
#include <glib/gstdio.h>

#include "gloss-archive.h"
#include "gloss-extract.h"
#include "gloss-html.h"
#include "gloss-page.h"
#include "gloss-ui-test.h"

/* libatspi 2.46 declares no cleanup functions. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiAccessible, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiStateSet, g_object_unref)

#define BUS_NAME  "io.github.glossapp.Gloss"
#define PATH      "/io/github/glossapp/Gloss/SearchProvider"
#define INTERFACE "org.gnome.Shell.SearchProvider2"

#define COOLING   "Cooling the Data Centers of Tomorrow"
#define MUSHROOMS "A Field Guide to Mushrooms"
#define BREAD     "Tomorrow's Bread"

typedef struct
{
  char            *library;
  char            *cooling;     /* ids */
  char            *mushrooms;
  char            *bread;
  GSubprocess     *process;
  gboolean         exited;
  char            *stderr_path;
  GDBusConnection *bus;
  GDBusProxy      *provider;
} Fixture;

/* The library, made by the lib as a clip makes it */

static char *
add_article (const char *library,
             const char *title,
             const char *text,
             const char *source)
{
  g_autoptr(GlossPage) page = g_new0 (GlossPage, 1);
  g_autoptr(GDateTime) saved = g_date_time_new_utc (2026, 3, 14, 12, 0, 0);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *body = g_strdup_printf ("<html><body><div><p>%s</p></div></body></html>", text);
  g_autofree char *html = NULL;
  g_autofree char *id = gloss_archive_make_id (title, source);
  g_autofree char *name = g_strconcat (id, ".html", NULL);
  xmlNode *div;

  page->doc = gloss_html_parse (body, strlen (body));
  div = gloss_html_find_element (xmlDocGetRootElement (page->doc), "div");
  xmlUnlinkNode (div);
  page->content = div;
  page->mode = GLOSS_CLIP_MODE_READER;
  page->meta = g_new0 (GlossMetadata, 1);
  page->meta->title = g_strdup (title);
  page->meta->site_name = g_strdup ("Example News");
  html = gloss_archive_build (page, source, saved, missing, &error);
  g_assert_no_error (error);
  g_free (gloss_test_library_add (library, name, html));
  return g_steal_pointer (&id);
}

static void
add_note (const char *library,
          const char *id,
          const char *quote,
          const char *note)
{
  g_autofree char *archive = gloss_test_library_archive_path (library, id);
  g_autofree char *path = gloss_library_sidecar_path (archive);
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_load (path, NULL);
  g_autoptr(GError) error = NULL;
  GlossAnnotation *annotation = gloss_annotation_new ();

  annotation->exact = g_strdup (quote);
  annotation->color = g_strdup ("green");
  annotation->note = g_strdup (note);
  gloss_sidecar_add (sidecar, annotation);
  g_assert_true (gloss_sidecar_save (sidecar, &error));
  g_assert_no_error (error);
}

/* The service */

static void
die_with_test (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
on_process_waited (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Fixture *f = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  f->exited = TRUE;
}

static gboolean
process_exited (gpointer data)
{
  Fixture *f = data;

  return f->exited;
}

static gboolean
name_has_owner (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (f->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", BUS_NAME), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  /* Gone already: no point in waiting out the time. */
  g_assert_false (f->exited);
  return has_owner;
}

/* gloss-window, as the D-Bus service file starts it. */
static void
start_service (Fixture *f)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (g_getenv ("GLOSS_BINARY"));
  g_autofree char *program = g_build_filename (dir, "gloss-window", NULL);
  int fd;

  fd = g_file_open_tmp ("test-search-provider-stderr-XXXXXX", &f->stderr_path, &error);
  g_assert_no_error (error);
  close (fd);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_stderr_file_path (launcher, f->stderr_path);
  g_subprocess_launcher_set_child_setup (launcher, die_with_test, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "GLOSS_LIBRARY", f->library, TRUE);
  f->process = g_subprocess_launcher_spawn (launcher, &error, program, "--gapplication-service",
                                            NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (f->process, NULL, on_process_waited, f);
  gloss_test_wait_until (name_has_owner, f, 20, "gloss-window to take its name on the bus");

  f->provider = g_dbus_proxy_new_sync (f->bus,
                                       G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES |
                                       G_DBUS_PROXY_FLAGS_DO_NOT_CONNECT_SIGNALS |
                                       G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
                                       NULL, BUS_NAME, PATH, INTERFACE, NULL, &error);
  g_assert_no_error (error);
}

static char *
read_stderr (Fixture *f)
{
  g_autofree char *err = NULL;

  g_file_get_contents (f->stderr_path, &err, NULL, NULL);
  return err ? g_steal_pointer (&err) : g_strdup ("");
}

/* Quits as the app's menu does (app.quit closes the windows); fails the
 * test if it crashed or printed a warning or a critical. */
static void
stop_service (Fixture *f)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  reply = g_dbus_connection_call_sync (f->bus, BUS_NAME, "/io/github/glossapp/Gloss",
                                       "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", "quit", NULL, NULL), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
  gloss_test_wait_until (process_exited, f, 20, "gloss-window to quit");
  err = read_stderr (f);
  if (*err != '\0')
    g_test_message ("gloss-window printed:\n%s", err);
  g_assert_true (g_subprocess_get_if_exited (f->process));
  g_assert_cmpint (g_subprocess_get_exit_status (f->process), ==, 0);
  g_assert_null (strstr (err, "-WARNING **"));
  g_assert_null (strstr (err, "-CRITICAL **"));
}

/* The calls */

static GVariant *
call (Fixture    *f,
      const char *method,
      GVariant   *parameters)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply = g_dbus_proxy_call_sync (f->provider, method, parameters,
                                            G_DBUS_CALL_FLAGS_NONE, 20000, NULL, &error);

  g_assert_no_error (error);
  return reply;
}

/* The results for @terms (one string, split at spaces), joined by spaces. */
static char *
initial (Fixture    *f,
         const char *terms)
{
  g_auto(GStrv) split = g_strsplit (terms, " ", -1);
  g_autoptr(GVariant) reply = call (f, "GetInitialResultSet",
                                    g_variant_new ("(^as)", split));
  g_autofree const char **ids = NULL;

  g_variant_get (reply, "(^a&s)", &ids);
  return g_strjoinv (" ", (char **) ids);
}

static char *
subsearch (Fixture    *f,
           const char *previous,
           const char *terms)
{
  g_auto(GStrv) split_previous = g_strsplit (previous, " ", -1);
  g_auto(GStrv) split = g_strsplit (terms, " ", -1);
  g_autoptr(GVariant) reply = call (f, "GetSubsearchResultSet",
                                    g_variant_new ("(^as^as)", split_previous, split));
  g_autofree const char **ids = NULL;

  g_variant_get (reply, "(^a&s)", &ids);
  return g_strjoinv (" ", (char **) ids);
}

static void
assert_initial (Fixture    *f,
                const char *terms,
                const char *expected)
{
  g_autofree char *found = initial (f, terms);

  g_test_message ("%s: %s", terms, found);
  g_assert_cmpstr (found, ==, expected);
}

/* Each meta of @ids: its id, name and description, one a line. */
static char *
metas (Fixture            *f,
       const char * const *ids)
{
  g_autoptr(GVariant) reply = call (f, "GetResultMetas", g_variant_new ("(^as)", ids));
  g_autoptr(GVariant) list = g_variant_get_child_value (reply, 0);
  g_autoptr(GString) out = g_string_new (NULL);
  GVariantIter iter;
  GVariant *meta;

  g_variant_iter_init (&iter, list);
  while ((meta = g_variant_iter_next_value (&iter)) != NULL)
    {
      GVariantDict dict;
      const char *id = NULL, *name = NULL, *description = NULL, *icon = NULL;

      g_variant_dict_init (&dict, meta);
      g_assert_true (g_variant_dict_lookup (&dict, "id", "&s", &id));
      g_assert_true (g_variant_dict_lookup (&dict, "name", "&s", &name));
      g_assert_true (g_variant_dict_lookup (&dict, "description", "&s", &description));
      g_assert_true (g_variant_dict_lookup (&dict, "gicon", "&s", &icon));
      g_assert_cmpstr (description, !=, "");
      g_assert_null (strpbrk (description, "\x02\x03\n"));
      g_assert_cmpstr (icon, !=, "");
      g_string_append_printf (out, "%s|%s|%s\n", id, name, description);
      g_variant_dict_clear (&dict);
      g_variant_unref (meta);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The window, over AT-SPI */

static AtspiAccessible *
find_application (Fixture *f)
{
  g_autoptr(AtspiAccessible) desktop = atspi_get_desktop (0);
  int n = atspi_accessible_get_child_count (desktop, NULL);
  guint pid = g_ascii_strtoull (g_subprocess_get_identifier (f->process), NULL, 10);

  for (int i = 0; i < n; i++)
    {
      g_autoptr(AtspiAccessible) app = atspi_accessible_get_child_at_index (desktop, i, NULL);

      if (app != NULL && atspi_accessible_get_process_id (app, NULL) == pid)
        return g_steal_pointer (&app);
    }
  return NULL;
}

static guint
count_frames (Fixture *f)
{
  g_autoptr(AtspiAccessible) app = find_application (f);
  guint frames = 0;
  int n;

  if (app == NULL)
    return 0;
  atspi_accessible_set_cache_mask (app, ATSPI_CACHE_NONE);
  atspi_accessible_clear_cache (app);
  n = atspi_accessible_get_child_count (app, NULL);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(AtspiAccessible) child = atspi_accessible_get_child_at_index (app, i, NULL);

      if (child != NULL && atspi_accessible_get_role (child, NULL) == ATSPI_ROLE_FRAME)
        frames++;
    }
  return frames;
}

/* Whether a label under @accessible (but not in the library list), shown,
 * says @text. */
static gboolean
shows_label (AtspiAccessible *accessible,
             const char      *text,
             guint            depth)
{
  g_autofree char *name = atspi_accessible_get_name (accessible, NULL);
  AtspiRole role = atspi_accessible_get_role (accessible, NULL);
  int n;

  if (role == ATSPI_ROLE_LABEL && g_strcmp0 (name, text) == 0)
    {
      g_autoptr(AtspiStateSet) states = atspi_accessible_get_state_set (accessible);

      if (atspi_state_set_contains (states, ATSPI_STATE_VISIBLE))
        return TRUE;
    }
  if (depth > 64 || (role == ATSPI_ROLE_LIST && g_strcmp0 (name, "Articles") == 0))
    return FALSE;
  n = atspi_accessible_get_child_count (accessible, NULL);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(AtspiAccessible) child = atspi_accessible_get_child_at_index (accessible, i, NULL);

      if (child != NULL && shows_label (child, text, depth + 1))
        return TRUE;
    }
  return FALSE;
}

/* The accessible under @accessible with @role and @name, or NULL. */
static AtspiAccessible *
find_accessible (AtspiAccessible *accessible,
                 AtspiRole        role,
                 const char      *name,
                 guint            depth)
{
  g_autofree char *own_name = atspi_accessible_get_name (accessible, NULL);
  int n;

  if (atspi_accessible_get_role (accessible, NULL) == role && g_strcmp0 (own_name, name) == 0)
    return g_object_ref (accessible);
  if (depth > 64)
    return NULL;
  n = atspi_accessible_get_child_count (accessible, NULL);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(AtspiAccessible) child = atspi_accessible_get_child_at_index (accessible, i, NULL);
      AtspiAccessible *found = child ? find_accessible (child, role, name, depth + 1) : NULL;

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The library list shows the one article a note of which says "quokka":
 * the search's result. */
static gboolean
lists_quokka (gpointer data)
{
  Fixture *f = data;
  g_autoptr(AtspiAccessible) app = find_application (f);
  g_autoptr(AtspiAccessible) list = NULL;
  g_autoptr(AtspiAccessible) row = NULL;
  g_autofree char *name = NULL;

  if (app == NULL || (list = find_accessible (app, ATSPI_ROLE_LIST, "Articles", 0)) == NULL)
    return FALSE;
  atspi_accessible_clear_cache (list);
  if (atspi_accessible_get_child_count (list, NULL) != 1)
    return FALSE;
  row = atspi_accessible_get_child_at_index (list, 0, NULL);
  name = row ? atspi_accessible_get_name (row, NULL) : NULL;
  return name != NULL && g_str_has_prefix (name, MUSHROOMS);
}

static gboolean
has_frame (gpointer data)
{
  return count_frames (data) > 0;
}

/* The window says it shows @title: in its header, not only in the
 * library list (where every article is). */
static gboolean
shows_article (Fixture    *f,
               const char *title)
{
  g_autoptr(AtspiAccessible) app = find_application (f);

  return app != NULL && shows_label (app, title, 0);
}

static gboolean
shows_cooling (gpointer data)
{
  return shows_article (data, COOLING);
}

static void
test_provider (Fixture       *f,
               gconstpointer  data)
{
  static const char * const hostile[] = {
    "\"", "NOT", "*", "\"NOT OR*", "AND OR", "tag:", "before:2024-13-45", "has:", "(", "-",
    "NEAR(", "^", "seawater\"", NULL,
  };
  g_autofree char *tomorrow = NULL;
  g_autofree char *narrowed = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *described = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *head = NULL;
  g_auto(GStrv) lines = NULL;
  const char *ids[4];

  /* Started for the Shell, it shows nothing until asked to. */
  g_assert_cmpuint (count_frames (f), ==, 0);

  /* A word of the title (whole, or as it is being typed), of the text
   * only, of a note only, of nothing */
  assert_initial (f, "mushrooms", f->mushrooms);
  assert_initial (f, "Mushr", f->mushrooms);
  assert_initial (f, "seawater", f->cooling);
  assert_initial (f, "quokka", f->mushrooms);
  assert_initial (f, "field quokka", f->mushrooms);
  assert_initial (f, "xylophonist", "");
  assert_initial (f, "seawater xylophonist", "");
  /* What a user can type is never a query error: a list, maybe empty */
  for (guint i = 0; hostile[i] != NULL; i++)
    g_free (initial (f, hostile[i]));
  assert_initial (f, "\"", "");
  assert_initial (f, "*", "");
  assert_initial (f, "seawater\"", f->cooling);

  /* A subsearch narrows the results it is given */
  tomorrow = initial (f, "tomorrow");
  g_assert_nonnull (strstr (tomorrow, f->cooling));
  g_assert_nonnull (strstr (tomorrow, f->bread));
  narrowed = subsearch (f, tomorrow, "tomorrow bread");
  g_assert_cmpstr (narrowed, ==, f->bread);
  kept = subsearch (f, f->cooling, "tomorrow");
  g_assert_cmpstr (kept, ==, f->cooling);

  /* Metas: of a result (the words of its match), of an article this
   * search did not find (where from, and when); none of an unknown id */
  assert_initial (f, "seawater", f->cooling);
  ids[0] = f->cooling;
  ids[1] = "no-such-article-00000000";
  ids[2] = f->mushrooms;
  ids[3] = NULL;
  described = metas (f, ids);
  g_test_message ("%s", described);
  lines = g_strsplit (described, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  head = g_strdup_printf ("%s|%s|", f->cooling, COOLING);
  g_assert_true (g_str_has_prefix (lines[0], head));
  g_assert_nonnull (strstr (lines[0], "Engineers in Finland pipe seawater through the server halls."));
  expected = g_strdup_printf ("%s|%s|Example News · 14 Mar 2026", f->mushrooms, MUSHROOMS);
  g_assert_cmpstr (lines[1], ==, expected);

  /* Activating a result opens it in a window */
  g_assert_false (shows_article (f, COOLING));
  g_variant_unref (call (f, "ActivateResult",
                         g_variant_new ("(s^asu)", f->cooling,
                                        (const char * const[]) { "seawater", NULL }, 0)));
  gloss_test_wait_until (has_frame, f, 20, "a window");
  gloss_test_wait_until (shows_cooling, f, 20, "the window to show the article");
  g_assert_false (shows_article (f, MUSHROOMS));

  /* "Search in Gloss" shows the library search with those words */
  g_variant_unref (call (f, "LaunchSearch",
                         g_variant_new ("(^asu)", (const char * const[]) { "quokka", NULL }, 0)));
  gloss_test_wait_until (lists_quokka, f, 10, "the library list to show what “quokka” finds");
}

/* libatspi, the observer, warns of the cache GTK 4 does not offer it;
 * that is no warning of ours. Instead of GTest's handler, which says
 * "Bail out!" to TAP. */
static void
log_atspi_warning (const char     *log_domain,
                   GLogLevelFlags  log_level,
                   const char     *message,
                   gpointer        user_data)
{
  g_test_message ("libatspi: %s", message);
}

static gboolean
log_is_fatal (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
  return g_strcmp0 (log_domain, "dbind") != 0;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->library = gloss_test_library_new ();
  f->cooling = add_article (f->library, COOLING,
                            "Engineers in Finland pipe seawater through the server halls.",
                            "https://example.com/cooling");
  f->mushrooms = add_article (f->library, MUSHROOMS,
                              "Chanterelles grow near birch trees in late summer.",
                              "https://example.com/mushrooms");
  f->bread = add_article (f->library, BREAD, "Sourdough needs time and a warm kitchen.",
                          "https://example.com/bread");
  add_note (f->library, f->mushrooms, "near birch trees", "Ask about the quokka trip");
  f->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  /* Each test case starts with no fatal handler. */
  g_test_log_set_fatal_handler (log_is_fatal, NULL);
  g_assert_cmpint (atspi_init (), >=, 0);
  start_service (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  stop_service (f);
  g_unlink (f->stderr_path);
  g_clear_object (&f->provider);
  g_clear_object (&f->process);
  g_clear_object (&f->bus);
  g_free (f->stderr_path);
  g_free (f->cooling);
  g_free (f->mushrooms);
  g_free (f->bread);
  gloss_test_library_free (f->library);
}

int
main (int    argc,
      char **argv)
{
  gloss_ui_test_init (&argc, &argv, "gloss-test-search-provider");
  g_log_set_handler ("dbind", G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL, log_atspi_warning, NULL);
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("No session bus: run under tests/ui/run-x11");
      return g_test_run ();
    }
  g_test_add ("/search-provider/shell", Fixture, NULL, fixture_setup, test_provider,
              fixture_teardown);

  return g_test_run ();
}
