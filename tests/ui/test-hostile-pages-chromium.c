/* test-hostile-pages-chromium.c — one headless Chromium for all the cases,
 * driven over its DevTools pipe (--remote-debugging-pipe: JSON messages
 * ended by NUL, on file descriptors 3 and 4), so a page costs a navigation
 * and not a browser start (0.8 s each here)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib-unix.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>
#include <json-glib/json-glib.h>

#include "gloss-test-utils.h"
#include "test-hostile-pages-private.h"

struct _HostileChromium
{
  GSubprocess      *process;
  char             *profile;
  GOutputStream    *to_browser;
  GDataInputStream *from_browser;
  GCancellable     *cancellable;
  GHashTable       *replies;     /* id → JsonNode */
  gint64            next_id;
  char             *session;
  guint             loads;       /* Page.loadEventFired seen */
  gboolean          gone;
};

static void read_next (HostileChromium *self);

static void
on_message (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  HostileChromium *self = user_data;
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *line = g_data_input_stream_read_upto_finish (G_DATA_INPUT_STREAM (source),
                                                                 result, &length, &error);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  if (line == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        self->gone = TRUE;
      return;
    }
  /* the NUL that ended it */
  g_data_input_stream_read_byte (self->from_browser, NULL, NULL);
  node = json_from_string (line, NULL);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      object = json_node_get_object (node);
      if (json_object_has_member (object, "id"))
        g_hash_table_insert (self->replies,
                             g_memdup2 (&(gint64) { json_object_get_int_member (object, "id") },
                                        sizeof (gint64)),
                             json_node_ref (node));
      else if (g_strcmp0 (json_object_get_string_member_with_default (object, "method", ""),
                          "Page.loadEventFired") == 0)
        self->loads++;
      else if (g_strcmp0 (json_object_get_string_member_with_default (object, "method", ""),
                          "Inspector.targetCrashed") == 0)
        self->gone = TRUE;
    }
  read_next (self);
}

static void
read_next (HostileChromium *self)
{
  static const char nul[1] = { '\0' };

  g_data_input_stream_read_upto_async (self->from_browser, nul, 1, G_PRIORITY_DEFAULT,
                                       self->cancellable, on_message, self);
}

typedef struct
{
  HostileChromium *self;
  gint64           id;
  guint           *counter;
  guint            target;
} Awaited;

static gboolean
has_reply (gpointer data)
{
  Awaited *a = data;

  return a->self->gone || g_hash_table_contains (a->self->replies, &a->id);
}

static gboolean
has_count (gpointer data)
{
  Awaited *a = data;

  return a->self->gone || *a->counter >= a->target;
}

typedef struct
{
  GlossTestPredicate predicate;
  gpointer           data;
  gboolean           timed_out;
} Deadline;

static gboolean
on_deadline (gpointer data)
{
  ((Deadline *) data)->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Like gloss_test_wait_until, but a time-out is an answer, not a failure:
 * one page that hangs Chromium is that page's failure. */
static gboolean
wait_for (GlossTestPredicate predicate,
          gpointer           data,
          guint              ms)
{
  Deadline deadline = { predicate, data, FALSE };
  guint id = g_timeout_add (ms, on_deadline, &deadline);

  while (!predicate (data) && !deadline.timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!deadline.timed_out)
    g_source_remove (id);
  return predicate (data);
}

/* Sends @method with @params (floating or owned, nullable) in the tab's
 * session (or to the browser when @browser); the reply's "result", or NULL. */
static JsonNode *
call (HostileChromium *self,
      gboolean         browser,
      const char      *method,
      JsonNode        *params,
      guint            timeout_ms,
      GError         **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) message = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) reply = NULL;
  Awaited awaited = { self, ++self->next_id };
  JsonObject *object;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, awaited.id);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, method);
  if (!browser && self->session != NULL)
    {
      json_builder_set_member_name (builder, "sessionId");
      json_builder_add_string_value (builder, self->session);
    }
  json_builder_set_member_name (builder, "params");
  if (params != NULL)
    json_builder_add_value (builder, params);
  else
    {
      json_builder_begin_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  message = json_builder_get_root (builder);
  text = json_to_string (message, FALSE);

  if (self->gone ||
      !g_output_stream_write_all (self->to_browser, text, strlen (text) + 1, NULL, NULL, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE, "Chromium has gone away");
      return NULL;
    }
  if (!wait_for (has_reply, &awaited, timeout_ms))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "%s: no answer from Chromium in %u ms",
                   method, timeout_ms);
      return NULL;
    }
  if (self->gone && !g_hash_table_contains (self->replies, &awaited.id))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE, "%s: Chromium has gone away", method);
      return NULL;
    }
  g_hash_table_steal_extended (self->replies, &awaited.id, NULL, (gpointer *) &reply);
  object = json_node_get_object (reply);
  if (json_object_has_member (object, "error"))
    {
      JsonObject *e = json_object_get_object_member (object, "error");
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", method,
                   json_object_get_string_member_with_default (e, "message", "failed"));
      return NULL;
    }
  return json_node_copy (json_object_get_member (object, "result"));
}

static JsonNode *
params_new (const char *first_name,
            ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      char kind = name[0];  /* "s:url", "b:flatten" */
      json_builder_set_member_name (builder, name + 2);
      if (kind == 's')
        json_builder_add_string_value (builder, va_arg (args, const char *));
      else
        json_builder_add_boolean_value (builder, va_arg (args, gboolean));
    }
  va_end (args);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

HostileChromium *
hostile_chromium_new (char **why)
{
  g_autofree char *binary = g_find_program_in_path ("chromium");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) target = NULL;
  g_autoptr(JsonNode) attached = NULL;
  g_autoptr(JsonNode) enabled = NULL;
  HostileChromium *self;
  int to_browser[2], from_browser[2];
  g_autofree char *profile_arg = NULL;

  if (binary == NULL)
    {
      *why = g_strdup ("chromium is not installed (apt-get install chromium)");
      return NULL;
    }
  self = g_new0 (HostileChromium, 1);
  self->replies = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) json_node_unref);
  self->cancellable = g_cancellable_new ();
  self->profile = g_dir_make_tmp ("gloss-hostile-chromium-XXXXXX", NULL);
  profile_arg = g_strconcat ("--user-data-dir=", self->profile, NULL);
  g_assert_true (g_unix_open_pipe (to_browser, FD_CLOEXEC, NULL));
  g_assert_true (g_unix_open_pipe (from_browser, FD_CLOEXEC, NULL));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_take_fd (launcher, to_browser[0], 3);
  g_subprocess_launcher_take_fd (launcher, from_browser[1], 4);
  self->process = g_subprocess_launcher_spawn (launcher, &error, binary,
                                               "--headless=new", "--no-sandbox", "--disable-gpu",
                                               "--remote-debugging-pipe", profile_arg,
                                               "--no-first-run", "--no-default-browser-check",
                                               "--disable-extensions", "--disable-sync",
                                               "--disable-background-networking",
                                               "--disable-component-update", "--mute-audio",
                                               "--disable-features=Translate,MediaRouter,"
                                               "OptimizationHints,AutofillServerCommunication",
                                               "about:blank", NULL);
  /* The child has its ends (or failed): close ours of its ends. */
  g_clear_object (&launcher);
  if (self->process == NULL)
    {
      *why = g_strdup_printf ("chromium did not start: %s", error->message);
      close (to_browser[1]);
      close (from_browser[0]);
      hostile_chromium_free (self);
      return NULL;
    }
  self->to_browser = g_unix_output_stream_new (to_browser[1], TRUE);
  self->from_browser = g_data_input_stream_new (g_unix_input_stream_new (from_browser[0], TRUE));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (self->from_browser), TRUE);
  g_object_unref (g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (self->from_browser)));
  read_next (self);

  target = call (self, TRUE, "Target.createTarget", params_new ("s:url", "about:blank", NULL),
                 30000, &error);
  if (target != NULL)
    attached = call (self, TRUE, "Target.attachToTarget",
                     params_new ("s:targetId",
                                 json_object_get_string_member (json_node_get_object (target),
                                                                "targetId"),
                                 "b:flatten", TRUE, NULL),
                     10000, &error);
  if (attached != NULL)
    {
      self->session = g_strdup (json_object_get_string_member (json_node_get_object (attached),
                                                               "sessionId"));
      enabled = call (self, FALSE, "Page.enable", NULL, 10000, &error);
    }
  if (enabled == NULL)
    {
      *why = g_strdup_printf ("chromium does not answer on its DevTools pipe: %s",
                              error ? error->message : "?");
      hostile_chromium_free (self);
      return NULL;
    }
  return self;
}

void
hostile_chromium_free (HostileChromium *self)
{
  if (self == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  if (self->to_browser != NULL)
    g_output_stream_close (self->to_browser, NULL, NULL);
  if (self->process != NULL)
    {
      /* Closing the pipe asks it to quit; it is our own child either way. */
      g_subprocess_force_exit (self->process);
      g_subprocess_wait (self->process, NULL, NULL);
    }
  g_clear_object (&self->process);
  g_clear_object (&self->to_browser);
  g_clear_object (&self->from_browser);
  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->replies);
  if (self->profile != NULL)
    gloss_test_remove_tree (self->profile);
  g_free (self->profile);
  g_free (self->session);
  g_free (self);
}

gboolean
hostile_chromium_eval (HostileChromium *self,
                       const char      *expression,
                       guint            timeout_ms,
                       GError         **error)
{
  g_autoptr(JsonNode) result = call (self, FALSE, "Runtime.evaluate",
                                     params_new ("s:expression", expression,
                                                 "b:awaitPromise", TRUE,
                                                 "b:returnByValue", TRUE, NULL),
                                     timeout_ms, error);
  return result != NULL;
}

char *
hostile_chromium_visit (HostileChromium *self,
                        const char      *uri,
                        const char      *settle,
                        GError         **error)
{
  g_autoptr(JsonNode) navigated = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *expression = NULL;
  Awaited loaded = { self, 0, &self->loads, 0 };
  JsonObject *value;

  /* about:blank first: the previous page's timers and refreshes stop there,
   * and its late load event is not taken for this page's. */
  loaded.target = self->loads + 1;
  navigated = call (self, FALSE, "Page.navigate", params_new ("s:url", "about:blank", NULL),
                    10000, error);
  if (navigated == NULL)
    return NULL;
  wait_for (has_count, &loaded, 5000);
  g_clear_pointer (&navigated, json_node_unref);

  loaded.target = self->loads + 1;
  navigated = call (self, FALSE, "Page.navigate", params_new ("s:url", uri, NULL), 10000, error);
  if (navigated == NULL)
    return NULL;
  if (!wait_for (has_count, &loaded, 15000))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "no load event in 15 s");
      return NULL;
    }
  expression = g_strdup_printf ("(async () => { %s })()", settle);
  result = call (self, FALSE, "Runtime.evaluate",
                 params_new ("s:expression", expression, "b:awaitPromise", TRUE,
                             "b:returnByValue", TRUE, NULL),
                 15000, error);
  if (result == NULL)
    return NULL;
  if (json_object_has_member (json_node_get_object (result), "exceptionDetails"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the settle script threw");
      return NULL;
    }
  value = json_object_get_object_member (json_node_get_object (result), "result");
  return g_strdup (json_object_get_string_member_with_default (value, "value", ""));
}
