/* gloss-search-provider.c — the library in the GNOME Shell's search
 *
 * The Shell asks at every key typed in the Activities overview, and may
 * start us for it (D-Bus activation, --gapplication-service). Every search
 * reads the index in a thread and answers the call when it returns, so a
 * window of this process never waits on it; the application is held while
 * a call is unanswered, so that a service started for it does not quit
 * before it answers.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "gloss-index.h"
#include "gloss-library.h"
#include "gloss-search-provider.h"
#include "gloss-window.h"

/* The Shell shows a handful; more only costs snippets. */
#define MAX_RESULTS 20

static const char interface_xml[] =
  "<node>"
  "  <interface name='org.gnome.Shell.SearchProvider2'>"
  "    <method name='GetInitialResultSet'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetSubsearchResultSet'>"
  "      <arg type='as' name='previous_results' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetResultMetas'>"
  "      <arg type='as' name='identifiers' direction='in'/>"
  "      <arg type='aa{sv}' name='metas' direction='out'/>"
  "    </method>"
  "    <method name='ActivateResult'>"
  "      <arg type='s' name='identifier' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "    <method name='LaunchSearch'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

struct _GlossSearchProvider
{
  GObject           parent_instance;

  GlossApplication *application;   /* owns us */
  GDBusConnection  *connection;
  guint             registration;
  GHashTable       *metas;         /* id → a{sv}, of the results given since the
                                    * last initial search */
};

G_DEFINE_FINAL_TYPE (GlossSearchProvider, gloss_search_provider, G_TYPE_OBJECT)

/* One call, from its arrival to its answer */

typedef struct
{
  GDBusMethodInvocation *invocation;
  char                  *library_dir;
  char                  *query;      /* a search, or NULL */
  char                 **keep;       /* a subsearch: the previous results, or NULL */
  char                 **ids;        /* GetResultMetas: the ids to look up */
} Call;

static void
call_free (Call *call)
{
  g_clear_object (&call->invocation);
  g_free (call->library_dir);
  g_free (call->query);
  g_strfreev (call->keep);
  g_strfreev (call->ids);
  g_free (call);
}

static Call *
call_new (GDBusMethodInvocation *invocation)
{
  Call *call = g_new0 (Call, 1);

  call->invocation = g_object_ref (invocation);
  /* Where the window would look, read again at each call: the setting or
   * $GLOSS_LIBRARY may have changed since the last. */
  call->library_dir = gloss_library_resolve_dir (NULL);
  return call;
}

static void
finish_call (GlossSearchProvider *self,
             Call                *call,
             GVariant            *value)
{
  g_dbus_method_invocation_return_value (call->invocation, value);
  call_free (call);
  g_application_release (G_APPLICATION (self->application));
}

/* The query */

static gboolean
has_alnum (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* The index's syntax has no way to escape a quotation mark, and a term
 * that is "NOT", "tag:x" or "x*" would be read as more than a word. */
static gboolean
needs_quotes (const char *word)
{
  return strpbrk (word, " :*") != NULL
         || g_str_equal (word, "AND") || g_str_equal (word, "OR") || g_str_equal (word, "NOT");
}

/* The index query for the Shell's @terms: each term a word (its last
 * letters may be missing, as while typing), never an operator, a filter or
 * a query error; NULL when no term has a letter or digit to look for. */
static char *
make_query (const char * const *terms)
{
  g_autoptr(GString) query = g_string_new (NULL);

  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_autofree char *word = g_strdelimit (g_strdup (terms[i]), "\"\t\n\r", ' ');

      g_strstrip (word);
      if (!has_alnum (word))
        continue;
      if (query->len > 0)
        g_string_append_c (query, ' ');
      /* A prefix: the Shell searches while the word is being typed. */
      if (needs_quotes (word))
        g_string_append_printf (query, "\"%s\"", word);
      else
        g_string_append_printf (query, "%s*", word);
    }
  return query->len > 0 ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
}

/* The index, in a thread */

/* The index of @library_dir, brought up to date; NULL with no error when
 * there is no library yet. */
static GlossIndex *
open_index (const char  *library_dir,
            GError     **error)
{
  g_autoptr(GlossIndex) index = NULL;

  if (!g_file_test (library_dir, G_FILE_TEST_IS_DIR))
    return NULL;
  index = gloss_index_open (library_dir, error);
  if (index == NULL || !gloss_index_update (index, NULL, error))
    return NULL;
  return g_steal_pointer (&index);
}

static GPtrArray *
look_up (Call    *call,
         GError **error)
{
  g_autoptr(GlossIndex) index = open_index (call->library_dir, error);
  g_autoptr(GPtrArray) entries = NULL;

  if (index == NULL)
    return NULL;
  if (call->query != NULL)
    return gloss_index_search (index, call->query, MAX_RESULTS, error);

  /* Metas of results this process did not give (it was started again
   * since): the index has no look-up by id, and lists fast enough. */
  entries = gloss_index_list (index, GLOSS_INDEX_SORT_SAVED, NULL, error);
  for (guint i = entries ? entries->len : 0; i > 0; i--)
    {
      GlossIndexEntry *entry = entries->pdata[i - 1];

      if (!g_strv_contains ((const char * const *) call->ids, entry->id))
        g_ptr_array_remove_index (entries, i - 1);
    }
  return g_steal_pointer (&entries);
}

static void
look_up_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *entries = look_up (task_data, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else if (entries == NULL)
    g_task_return_pointer (task, NULL, NULL);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

/* Metas */

static GDateTime *
parse_date (const char *text)
{
  g_autofree char *day = NULL;
  GDateTime *date;

  if (text == NULL || *text == '\0')
    return NULL;
  if ((date = g_date_time_new_from_iso8601 (text, NULL)) != NULL)
    return date;
  /* A bare date, as many sites publish. */
  if (strlen (text) < 10)
    return NULL;
  day = g_strdup_printf ("%.10sT00:00:00Z", text);
  return g_date_time_new_from_iso8601 (day, NULL);
}

/* The snippet as plain text on one line, or NULL when it has nothing. */
static char *
plain_snippet (const char *snippet)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean space = FALSE;

  /* Byte by byte: the marks and the spaces are never part of a longer
   * UTF-8 sequence. */
  for (const char *p = snippet; p != NULL && *p != '\0'; p++)
    {
      if (*p == GLOSS_INDEX_MATCH_START[0] || *p == GLOSS_INDEX_MATCH_END[0])
        continue;
      if (g_ascii_isspace (*p))
        {
          space = text->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (text, ' ');
      space = FALSE;
      g_string_append_c (text, *p);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* The words around the match, else (the match is the title, shown
 * already, or this is no search's result) where it is from and when. */
static char *
describe (GlossIndexEntry *entry)
{
  g_autoptr(GDateTime) date = parse_date (entry->published);
  g_autofree char *snippet = plain_snippet (entry->snippet);
  g_autofree char *day = NULL;
  const char *site = entry->site != NULL && *entry->site ? entry->site : NULL;

  if (snippet != NULL && g_strcmp0 (snippet, entry->title) != 0)
    return g_steal_pointer (&snippet);
  if (date == NULL)
    date = parse_date (entry->saved);
  /* Translators: a date in the library list, see strftime(3) */
  day = date ? g_date_time_format (date, _("%-d %b %Y")) : NULL;
  if (site != NULL && day != NULL)
    return g_strdup_printf ("%s · %s", site, day);
  return g_strdup (site ? site : day ? day : "");
}

static GVariant *
entry_meta (GlossIndexEntry *entry)
{
  g_autoptr(GIcon) icon = g_themed_icon_new (APPLICATION_ID);
  g_autofree char *icon_string = g_icon_to_string (icon);
  g_autofree char *description = describe (entry);
  GVariantDict meta;

  g_variant_dict_init (&meta, NULL);
  g_variant_dict_insert (&meta, "id", "s", entry->id);
  g_variant_dict_insert (&meta, "name", "s",
                         entry->title != NULL && *entry->title ? entry->title : entry->id);
  g_variant_dict_insert (&meta, "description", "s", description);
  g_variant_dict_insert (&meta, "gicon", "s", icon_string);
  return g_variant_ref_sink (g_variant_dict_end (&meta));
}

static void
remember_metas (GlossSearchProvider *self,
                GPtrArray           *entries)
{
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      GlossIndexEntry *entry = entries->pdata[i];

      /* A search's meta, with the words of its match, is kept over the
       * list's, without them. */
      if (!g_hash_table_contains (self->metas, entry->id))
        g_hash_table_insert (self->metas, g_strdup (entry->id), entry_meta (entry));
    }
}

static void
return_metas (GlossSearchProvider *self,
              Call                *call)
{
  GVariantBuilder metas;

  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));
  /* An id that is not (or no longer) in the library is left out. */
  for (guint i = 0; call->ids[i] != NULL; i++)
    {
      GVariant *meta = g_hash_table_lookup (self->metas, call->ids[i]);

      if (meta != NULL)
        g_variant_builder_add_value (&metas, meta);
    }
  finish_call (self, call, g_variant_new ("(aa{sv})", &metas));
}

/* Answers */

static GPtrArray *
look_up_finish (GAsyncResult  *result,
                Call          *call)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = g_task_propagate_pointer (G_TASK (result), &error);

  /* The Shell shows no message of ours: a search that can not be made
   * finds nothing. */
  if (error != NULL)
    g_debug ("Search provider: %s: %s", call->query ? call->query : "metas", error->message);
  return entries;
}

static void
on_searched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GlossSearchProvider *self = GLOSS_SEARCH_PROVIDER (source);
  Call *call = user_data;
  g_autoptr(GPtrArray) entries = look_up_finish (result, call);
  GVariantBuilder ids;

  remember_metas (self, entries);
  g_variant_builder_init (&ids, G_VARIANT_TYPE ("as"));
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      GlossIndexEntry *entry = entries->pdata[i];

      /* A subsearch narrows the results shown, in the new order. */
      if (call->keep == NULL || g_strv_contains ((const char * const *) call->keep, entry->id))
        g_variant_builder_add (&ids, "s", entry->id);
    }
  finish_call (self, call, g_variant_new ("(as)", &ids));
}

static void
on_metas_looked_up (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GlossSearchProvider *self = GLOSS_SEARCH_PROVIDER (source);
  Call *call = user_data;
  g_autoptr(GPtrArray) entries = look_up_finish (result, call);

  remember_metas (self, entries);
  return_metas (self, call);
}

static void
run_in_thread (GlossSearchProvider *self,
               Call                *call,
               GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, call);

  g_task_set_task_data (task, call, NULL);
  g_task_run_in_thread (task, look_up_thread);
}

static void
search (GlossSearchProvider   *self,
        GDBusMethodInvocation *invocation,
        const char * const    *terms,
        const char * const    *previous)
{
  Call *call = call_new (invocation);

  call->query = make_query (terms);
  call->keep = previous ? g_strdupv ((char **) previous) : NULL;
  if (call->query == NULL)
    {
      finish_call (self, call, g_variant_new ("(as)", NULL));
      return;
    }
  run_in_thread (self, call, on_searched);
}

static void
get_result_metas (GlossSearchProvider   *self,
                  GDBusMethodInvocation *invocation,
                  const char * const    *ids)
{
  Call *call = call_new (invocation);

  call->ids = g_strdupv ((char **) ids);
  for (guint i = 0; ids[i] != NULL; i++)
    if (!g_hash_table_contains (self->metas, ids[i]))
      {
        run_in_thread (self, call, on_metas_looked_up);
        return;
      }
  return_metas (self, call);
}

static GlossWindow *
present_window (GlossSearchProvider *self,
                guint32              timestamp)
{
  GlossWindow *window = gloss_application_get_window (self->application);

  gtk_window_present_with_time (GTK_WINDOW (window), timestamp);
  return window;
}

static void
handle_method_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *object_path,
                    const char            *interface_name,
                    const char            *method_name,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  GlossSearchProvider *self = user_data;
  g_autofree const char **terms = NULL;
  g_autofree const char **strings = NULL;
  const char *id;
  guint32 timestamp;

  /* Released by finish_call (), or below for the calls answered at once. */
  g_application_hold (G_APPLICATION (self->application));
  if (g_str_equal (method_name, "GetInitialResultSet"))
    {
      g_variant_get (parameters, "(^a&s)", &terms);
      /* A new search: the metas of the last one are not asked for again. */
      g_hash_table_remove_all (self->metas);
      search (self, invocation, terms, NULL);
    }
  else if (g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      g_variant_get (parameters, "(^a&s^a&s)", &strings, &terms);
      search (self, invocation, terms, strings);
    }
  else if (g_str_equal (method_name, "GetResultMetas"))
    {
      g_variant_get (parameters, "(^a&s)", &strings);
      get_result_metas (self, invocation, strings);
    }
  else if (g_str_equal (method_name, "ActivateResult"))
    {
      g_variant_get (parameters, "(&s^a&su)", &id, &terms, &timestamp);
      gloss_window_open_article_when_loaded (present_window (self, timestamp), id);
      g_dbus_method_invocation_return_value (invocation, NULL);
      g_application_release (G_APPLICATION (self->application));
    }
  else if (g_str_equal (method_name, "LaunchSearch"))
    {
      g_autofree char *text = NULL;

      g_variant_get (parameters, "(^a&su)", &terms, &timestamp);
      text = g_strjoinv (" ", (char **) terms);
      gloss_window_search_library (present_window (self, timestamp), text);
      g_dbus_method_invocation_return_value (invocation, NULL);
      g_application_release (G_APPLICATION (self->application));
    }
  else
    g_assert_not_reached ();
}

static const GDBusInterfaceVTable vtable = { handle_method_call };

static GDBusInterfaceInfo *
interface_info (void)
{
  static GDBusNodeInfo *node;

  /* The XML is ours: it parses. */
  if (g_once_init_enter (&node))
    g_once_init_leave (&node, g_dbus_node_info_new_for_xml (interface_xml, NULL));
  return node->interfaces[0];
}

gboolean
gloss_search_provider_export (GlossSearchProvider  *self,
                              GDBusConnection      *connection,
                              GError              **error)
{
  g_return_val_if_fail (GLOSS_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (self->registration == 0, FALSE);

  self->registration = g_dbus_connection_register_object (connection, GLOSS_SEARCH_PROVIDER_PATH,
                                                          interface_info (), &vtable, self, NULL,
                                                          error);
  if (self->registration == 0)
    return FALSE;
  self->connection = g_object_ref (connection);
  return TRUE;
}

void
gloss_search_provider_unexport (GlossSearchProvider *self)
{
  g_return_if_fail (GLOSS_IS_SEARCH_PROVIDER (self));

  if (self->registration != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration);
  self->registration = 0;
  g_clear_object (&self->connection);
}

static void
gloss_search_provider_dispose (GObject *object)
{
  GlossSearchProvider *self = GLOSS_SEARCH_PROVIDER (object);

  gloss_search_provider_unexport (self);
  g_clear_pointer (&self->metas, g_hash_table_unref);

  G_OBJECT_CLASS (gloss_search_provider_parent_class)->dispose (object);
}

static void
gloss_search_provider_class_init (GlossSearchProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gloss_search_provider_dispose;
}

static void
gloss_search_provider_init (GlossSearchProvider *self)
{
  self->metas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_variant_unref);
}

GlossSearchProvider *
gloss_search_provider_new (GlossApplication *application)
{
  GlossSearchProvider *self;

  g_return_val_if_fail (GLOSS_IS_APPLICATION (application), NULL);

  self = g_object_new (GLOSS_TYPE_SEARCH_PROVIDER, NULL);
  self->application = application;
  return self;
}
