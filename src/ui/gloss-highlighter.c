/* gloss-highlighter.c — the C side of src/web/highlighter.js in a WebKitWebView
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Data goes to the script only as arguments of
 * webkit_web_view_call_async_javascript_function (): a string, or a JSON
 * text the function body parses. No user text is ever pasted into a script.
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "gloss-highlighter.h"

#define MESSAGE_HANDLER  "gloss"
#define SCRIPT_VERSION   1
#define MAX_ID_LENGTH    256
#define MAX_MESSAGE_SIZE (16 * 1024 * 1024)
/* Far beyond any page, small enough that the arithmetic below stays exact. */
#define MAX_COORDINATE   1e7

struct _GlossHighlighter
{
  GObject                   parent_instance;

  WebKitWebView            *view;
  WebKitUserContentManager *ucm;
  WebKitUserScript         *script;
  gulong                    message_handler_id;
  gulong                    load_handler_id;
  gboolean                  registered;

  gboolean                  ready;
  guint                     text_length;
  GlossSelection           *selection;
  char                     *context_id;  /* the highlight right-clicked last */
};

G_DEFINE_FINAL_TYPE (GlossHighlighter, gloss_highlighter, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (GlossSelection, gloss_selection, gloss_selection_copy, gloss_selection_free)

enum {
  PROP_0,
  PROP_VIEW,
  PROP_READY,
  N_PROPS
};

enum {
  READY,
  SELECTION_CHANGED,
  HIGHLIGHT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GlossSelection *
gloss_selection_copy (const GlossSelection *selection)
{
  GlossSelection *copy;

  g_return_val_if_fail (selection != NULL, NULL);

  copy = g_new (GlossSelection, 1);
  *copy = *selection;
  copy->exact = g_strdup (selection->exact);
  copy->prefix = g_strdup (selection->prefix);
  copy->suffix = g_strdup (selection->suffix);
  return copy;
}

void
gloss_selection_free (GlossSelection *selection)
{
  if (selection == NULL)
    return;
  g_free (selection->exact);
  g_free (selection->prefix);
  g_free (selection->suffix);
  g_free (selection);
}

/* Validating messages */

static gboolean
get_integer (JsonObject *object,
             const char *name,
             gint64     *out)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
get_number (JsonObject *object,
            const char *name,
            double     *out)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else
    return FALSE;
  return isfinite (*out) && fabs (*out) <= MAX_COORDINATE;
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_boolean (JsonObject *object,
             const char *name,
             gboolean   *out)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* A rect of the script (CSS pixels, relative to the viewport) in widget
 * coordinates, clamped to the view so that a popover can point at it. */
static gboolean
rect_from_json (GlossHighlighter *self,
                JsonNode         *node,
                GdkRectangle     *out)
{
  WebKitSettings *settings = webkit_web_view_get_settings (self->view);
  JsonObject *object;
  double x, y, width, height, zoom = 1.0;
  int view_width, view_height, x0, y0, x1, y1;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  if (!get_number (object, "x", &x) || !get_number (object, "y", &y) ||
      !get_number (object, "width", &width) || !get_number (object, "height", &height) ||
      width < 0 || height < 0)
    return FALSE;

  if (!webkit_settings_get_zoom_text_only (settings))
    zoom = webkit_web_view_get_zoom_level (self->view);
  view_width = MAX (1, gtk_widget_get_width (GTK_WIDGET (self->view)));
  view_height = MAX (1, gtk_widget_get_height (GTK_WIDGET (self->view)));

  x0 = CLAMP ((int) floor (x * zoom), 0, view_width - 1);
  y0 = CLAMP ((int) floor (y * zoom), 0, view_height - 1);
  x1 = CLAMP ((int) ceil ((x + width) * zoom), x0 + 1, view_width);
  y1 = CLAMP ((int) ceil ((y + height) * zoom), y0 + 1, view_height);
  *out = (GdkRectangle) { x0, y0, x1 - x0, y1 - y0 };
  return TRUE;
}

static gboolean
is_valid_id (const char *id)
{
  return id != NULL && *id != '\0' && g_utf8_strlen (id, -1) <= MAX_ID_LENGTH;
}

static void
handle_ready (GlossHighlighter *self,
              JsonObject       *message)
{
  gint64 version, length;
  gboolean highlight_api;

  if (!get_integer (message, "version", &version) || version != SCRIPT_VERSION ||
      !get_boolean (message, "highlightApi", &highlight_api) ||
      !get_integer (message, "length", &length) || length < 0 || length > G_MAXUINT)
    {
      g_debug ("Highlighter: dropping a malformed ready message");
      return;
    }
  if (!highlight_api)
    g_message ("This WebKit cannot paint highlights (no CSS Custom Highlight API)");

  self->ready = TRUE;
  self->text_length = (guint) length;
  g_clear_pointer (&self->selection, gloss_selection_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
  g_signal_emit (self, signals[READY], 0, self->text_length);
}

static void
handle_selection (GlossHighlighter *self,
                  JsonObject       *message)
{
  g_autoptr(GlossSelection) selection = NULL;
  const char *exact, *prefix, *suffix;
  gboolean empty;
  gint64 start, end;
  GdkRectangle rect;

  if (!get_boolean (message, "empty", &empty))
    goto malformed;

  if (empty)
    {
      if (self->selection == NULL)
        return;
      g_clear_pointer (&self->selection, gloss_selection_free);
      g_signal_emit (self, signals[SELECTION_CHANGED], 0, NULL);
      return;
    }

  exact = get_string (message, "exact");
  prefix = get_string (message, "prefix");
  suffix = get_string (message, "suffix");
  if (exact == NULL || prefix == NULL || suffix == NULL ||
      !get_integer (message, "start", &start) || !get_integer (message, "end", &end) ||
      start < 0 || end <= start || (self->ready && end > self->text_length) ||
      g_utf8_strlen (exact, -1) != end - start ||
      g_utf8_strlen (prefix, -1) > GLOSS_ANNOTATION_CONTEXT_LENGTH ||
      g_utf8_strlen (suffix, -1) > GLOSS_ANNOTATION_CONTEXT_LENGTH ||
      !rect_from_json (self, json_object_get_member (message, "rect"), &rect))
    goto malformed;

  selection = g_new0 (GlossSelection, 1);
  selection->exact = g_strdup (exact);
  selection->prefix = g_strdup (prefix);
  selection->suffix = g_strdup (suffix);
  selection->start = start;
  selection->end = end;
  selection->rect = rect;
  /* Optional: one that does not say counts as the pointer's. */
  if (!get_boolean (message, "pointer", &selection->by_pointer))
    selection->by_pointer = TRUE;

  g_clear_pointer (&self->selection, gloss_selection_free);
  self->selection = g_steal_pointer (&selection);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0, self->selection);
  return;

malformed:
  g_debug ("Highlighter: dropping a malformed selection message");
}

static void
handle_activate (GlossHighlighter *self,
                 JsonObject       *message)
{
  const char *id = get_string (message, "id");
  GdkRectangle rect;

  if (!is_valid_id (id) || !rect_from_json (self, json_object_get_member (message, "rect"), &rect))
    {
      g_debug ("Highlighter: dropping a malformed activate message");
      return;
    }
  g_signal_emit (self, signals[HIGHLIGHT_ACTIVATED], 0, id, &rect);
}

static void
handle_context (GlossHighlighter *self,
                JsonObject       *message)
{
  JsonNode *node = json_object_get_member (message, "id");
  const char *id = get_string (message, "id");

  g_clear_pointer (&self->context_id, g_free);
  if (is_valid_id (id))
    self->context_id = g_strdup (id);
  else if (node == NULL || !JSON_NODE_HOLDS_NULL (node))
    g_debug ("Highlighter: dropping a malformed context message");
}

static void
on_script_message (WebKitUserContentManager *ucm,
                   JSCValue                 *value,
                   gpointer                  user_data)
{
  GlossHighlighter *self = user_data;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *message;
  const char *type;

  if (!jsc_value_is_object (value) || (json = jsc_value_to_json (value, 0)) == NULL ||
      strlen (json) > MAX_MESSAGE_SIZE)
    {
      g_debug ("Highlighter: dropping a message that is not a small object");
      return;
    }
  node = json_from_string (json, &error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_debug ("Highlighter: dropping a message that is not a JSON object: %s",
               error != NULL ? error->message : "");
      return;
    }
  message = json_node_get_object (node);
  type = get_string (message, "type");

  if (g_strcmp0 (type, "ready") == 0)
    handle_ready (self, message);
  else if (!self->ready)
    g_debug ("Highlighter: dropping a \"%s\" message before \"ready\"", type ? type : "?");
  else if (g_strcmp0 (type, "selection") == 0)
    handle_selection (self, message);
  else if (g_strcmp0 (type, "activate") == 0)
    handle_activate (self, message);
  else if (g_strcmp0 (type, "context") == 0)
    handle_context (self, message);
  else
    g_debug ("Highlighter: dropping a message of unknown type");
}

static void
on_load_changed (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 gpointer         user_data)
{
  GlossHighlighter *self = user_data;

  if (event != WEBKIT_LOAD_COMMITTED)
    return;
  /* A new document: its script will say when it is ready. */
  self->text_length = 0;
  g_clear_pointer (&self->selection, gloss_selection_free);
  g_clear_pointer (&self->context_id, g_free);
  if (self->ready)
    {
      self->ready = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
    }
}

/* Setting up */

static GBytes *
load_script (void)
{
  const char *path = g_getenv (GLOSS_HIGHLIGHTER_JS_ENV);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  bytes = g_resources_lookup_data (GLOSS_HIGHLIGHTER_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes != NULL)
    return bytes;
  if (path != NULL)
    {
      char *data = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &data, &length, &error))
        return g_bytes_new_take (data, length);
      g_critical ("Could not read %s: %s", path, error->message);
      return NULL;
    }
  g_critical ("The highlighter script is neither in the resources (%s) nor named by $%s",
              GLOSS_HIGHLIGHTER_RESOURCE, GLOSS_HIGHLIGHTER_JS_ENV);
  return NULL;
}

static void
gloss_highlighter_constructed (GObject *object)
{
  GlossHighlighter *self = GLOSS_HIGHLIGHTER (object);
  g_autoptr(GBytes) source = NULL;
  g_autofree char *text = NULL;

  G_OBJECT_CLASS (gloss_highlighter_parent_class)->constructed (object);

  g_assert (WEBKIT_IS_WEB_VIEW (self->view));
  self->ucm = g_object_ref (webkit_web_view_get_user_content_manager (self->view));

  if ((source = load_script ()) != NULL)
    {
      /* The script wants a NUL-terminated string. */
      text = g_strndup (g_bytes_get_data (source, NULL), g_bytes_get_size (source));
      self->script = webkit_user_script_new_for_world (text,
                                                       WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                                       WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_END,
                                                       GLOSS_HIGHLIGHTER_WORLD, NULL, NULL);
      webkit_user_content_manager_add_script (self->ucm, self->script);
    }

  /* Connected first, so that no message is missed. */
  self->message_handler_id =
    g_signal_connect (self->ucm, "script-message-received::" MESSAGE_HANDLER,
                      G_CALLBACK (on_script_message), self);
  self->registered =
    webkit_user_content_manager_register_script_message_handler (self->ucm, MESSAGE_HANDLER,
                                                                 GLOSS_HIGHLIGHTER_WORLD);
  if (!self->registered)
    g_critical ("The view already has a \"%s\" message handler: one highlighter per view",
                MESSAGE_HANDLER);
  self->load_handler_id = g_signal_connect (self->view, "load-changed",
                                            G_CALLBACK (on_load_changed), self);
}

static void
gloss_highlighter_dispose (GObject *object)
{
  GlossHighlighter *self = GLOSS_HIGHLIGHTER (object);

  if (self->ucm != NULL)
    {
      g_clear_signal_handler (&self->message_handler_id, self->ucm);
      if (self->registered)
        webkit_user_content_manager_unregister_script_message_handler (self->ucm, MESSAGE_HANDLER,
                                                                       GLOSS_HIGHLIGHTER_WORLD);
      self->registered = FALSE;
      if (self->script != NULL)
        webkit_user_content_manager_remove_script (self->ucm, self->script);
    }
  g_clear_pointer (&self->script, webkit_user_script_unref);
  g_clear_object (&self->ucm);
  if (self->view != NULL)
    g_clear_signal_handler (&self->load_handler_id, self->view);
  g_clear_object (&self->view);
  g_clear_pointer (&self->selection, gloss_selection_free);
  g_clear_pointer (&self->context_id, g_free);

  G_OBJECT_CLASS (gloss_highlighter_parent_class)->dispose (object);
}

static void
gloss_highlighter_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GlossHighlighter *self = GLOSS_HIGHLIGHTER (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_highlighter_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GlossHighlighter *self = GLOSS_HIGHLIGHTER (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      self->view = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_highlighter_class_init (GlossHighlighterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = gloss_highlighter_constructed;
  object_class->dispose = gloss_highlighter_dispose;
  object_class->get_property = gloss_highlighter_get_property;
  object_class->set_property = gloss_highlighter_set_property;

  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL, WEBKIT_TYPE_WEB_VIEW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[READY] =
    g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GLOSS_TYPE_SELECTION | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[HIGHLIGHT_ACTIVATED] =
    g_signal_new ("highlight-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, GDK_TYPE_RECTANGLE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
gloss_highlighter_init (GlossHighlighter *self)
{
}

GlossHighlighter *
gloss_highlighter_new (WebKitWebView *view)
{
  g_return_val_if_fail (WEBKIT_IS_WEB_VIEW (view), NULL);

  return g_object_new (GLOSS_TYPE_HIGHLIGHTER, "view", view, NULL);
}

WebKitWebView *
gloss_highlighter_get_view (GlossHighlighter *self)
{
  g_return_val_if_fail (GLOSS_IS_HIGHLIGHTER (self), NULL);

  return self->view;
}

gboolean
gloss_highlighter_get_ready (GlossHighlighter *self)
{
  g_return_val_if_fail (GLOSS_IS_HIGHLIGHTER (self), FALSE);

  return self->ready;
}

guint
gloss_highlighter_get_text_length (GlossHighlighter *self)
{
  g_return_val_if_fail (GLOSS_IS_HIGHLIGHTER (self), 0);

  return self->text_length;
}

const GlossSelection *
gloss_highlighter_get_selection (GlossHighlighter *self)
{
  g_return_val_if_fail (GLOSS_IS_HIGHLIGHTER (self), NULL);

  return self->selection;
}

const char *
gloss_highlighter_get_context_highlight (GlossHighlighter *self)
{
  g_return_val_if_fail (GLOSS_IS_HIGHLIGHTER (self), NULL);

  return self->context_id;
}

/* Calling the script */

typedef struct
{
  char     *body;
  GVariant *args;
  guint     attempts;
} CallData;

static void
call_data_free (CallData *data)
{
  g_free (data->body);
  g_clear_pointer (&data->args, g_variant_unref);
  g_free (data);
}

static void on_called (GObject *source, GAsyncResult *result, gpointer user_data);

static void
start_call (GTask *task)
{
  GlossHighlighter *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);

  data->attempts++;
  webkit_web_view_call_async_javascript_function (self->view, data->body, -1, data->args,
                                                  GLOSS_HIGHLIGHTER_WORLD, NULL,
                                                  g_task_get_cancellable (task), on_called, task);
}

/* WebKit now and then answers "Unsupported result type" for a plain value,
 * most often just after a page loaded; the same call then succeeds. A value
 * that really can not be returned fails every time. */
static gboolean
should_retry (GTask        *task,
              const GError *error)
{
  CallData *data = g_task_get_task_data (task);

  return g_error_matches (error, WEBKIT_JAVASCRIPT_ERROR, WEBKIT_JAVASCRIPT_ERROR_INVALID_RESULT) &&
         data->attempts < 3;
}

static void
on_called (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autofree char *json = NULL;
  GError *error = NULL;
  JsonNode *node;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (source),
                                                                 result, &error);
  if (value == NULL && should_retry (task, error))
    {
      g_debug ("Calling the highlighter again after: %s", error->message);
      g_error_free (error);
      start_call (g_steal_pointer (&task));
      return;
    }
  if (value == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (jsc_value_is_undefined (value) || (json = jsc_value_to_json (value, 0)) == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  node = json_from_string (json, &error);
  if (node == NULL && error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
}

/* Runs @body as an async function in the "gloss" world with @args (a{sv},
 * floating or not) as its variables; the task returns what it returns, as a
 * JsonNode (NULL for undefined). */
static void
call (GlossHighlighter    *self,
      const char          *body,
      GVariant            *args,
      gpointer             source_tag,
      GCancellable        *cancellable,
      GAsyncReadyCallback  callback,
      gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  CallData *data = g_new0 (CallData, 1);

  data->body = g_strdup (body);
  data->args = args != NULL ? g_variant_ref_sink (args) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);
  g_task_set_source_tag (task, source_tag);
  start_call (task);
}

static JsonNode *
call_finish (GlossHighlighter  *self,
             GAsyncResult      *result,
             gpointer           source_tag,
             GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Whether @result holds a value at all: FALSE with @error set if not. */
static gboolean
finish_boolean (GlossHighlighter  *self,
                GAsyncResult      *result,
                gpointer           source_tag,
                GError           **error)
{
  g_autoptr(JsonNode) node = NULL;
  GError *local_error = NULL;

  node = call_finish (self, result, source_tag, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static void
add_selector (JsonBuilder           *builder,
              const GlossAnnotation *annotation)
{
  json_builder_set_member_name (builder, "selector");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "exact");
  json_builder_add_string_value (builder, annotation->exact ? annotation->exact : "");
  json_builder_set_member_name (builder, "prefix");
  json_builder_add_string_value (builder, annotation->prefix ? annotation->prefix : "");
  json_builder_set_member_name (builder, "suffix");
  json_builder_add_string_value (builder, annotation->suffix ? annotation->suffix : "");
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, annotation->end >= 0 ? annotation->start : -1);
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, annotation->end >= 0 ? annotation->end : -1);
  json_builder_end_object (builder);
}

/* {id, color, selector}; a colour another tool wrote and Gloss does not
 * know is shown in yellow rather than not at all. */
static void
add_annotation (JsonBuilder           *builder,
                const GlossAnnotation *annotation)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, annotation->id);
  json_builder_set_member_name (builder, "color");
  json_builder_add_string_value (builder, gloss_annotation_is_color (annotation->color)
                                          ? annotation->color : "yellow");
  add_selector (builder, annotation);
  json_builder_end_object (builder);
}

static GVariant *
json_argument (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *json = json_to_string (root, FALSE);
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "json", "s", json);
  return g_variant_dict_end (&dict);
}

static GVariant *
id_argument (const char *id)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "id", "s", id);
  return g_variant_dict_end (&dict);
}

static const char paint_sidecar_body[] =
  "const list = JSON.parse (json);"
  "const results = gloss.anchorAll (list.map ((a) => a.selector));"
  "const paint = [];"
  "const orphans = [];"
  "results.forEach ((r, i) => {"
  "  if (r.method === 'orphan')"
  "    orphans.push (list[i].id);"
  "  else"
  "    paint.push ({ id: list[i].id, color: list[i].color, start: r.start, end: r.end });"
  "});"
  "gloss.clear ();"
  "return { painted: gloss.paint (paint), orphans };";

void
gloss_highlighter_paint_sidecar_async (GlossHighlighter    *self,
                                       GlossSidecar        *sidecar,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_if_fail (GLOSS_IS_HIGHLIGHTER (self));
  g_return_if_fail (sidecar != NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < sidecar->annotations->len; i++)
    {
      const GlossAnnotation *annotation = sidecar->annotations->pdata[i];

      /* The script refuses such an id, and with it the whole list. */
      if (!is_valid_id (annotation->id))
        continue;
      add_annotation (builder, annotation);
    }
  json_builder_end_array (builder);

  call (self, paint_sidecar_body, json_argument (builder),
        gloss_highlighter_paint_sidecar_async, cancellable, callback, user_data);
}

gboolean
gloss_highlighter_paint_sidecar_finish (GlossHighlighter  *self,
                                        GAsyncResult      *result,
                                        guint             *n_painted,
                                        GStrv             *orphaned_ids,
                                        GError           **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GStrvBuilder) orphans = g_strv_builder_new ();
  JsonObject *object;
  JsonNode *orphans_node;
  gint64 painted;

  node = call_finish (self, result, gloss_highlighter_paint_sidecar_async, error);
  if (node == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             "The highlighter returned nothing");
      return FALSE;
    }
  object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  orphans_node = object != NULL ? json_object_get_member (object, "orphans") : NULL;
  if (object == NULL || !get_integer (object, "painted", &painted) || painted < 0 ||
      orphans_node == NULL || !JSON_NODE_HOLDS_ARRAY (orphans_node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The highlighter returned something unexpected");
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (orphans_node)); i++)
    {
      JsonNode *id = json_array_get_element (json_node_get_array (orphans_node), i);

      if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
        g_strv_builder_add (orphans, json_node_get_string (id));
    }

  if (n_painted != NULL)
    *n_painted = (guint) MIN (painted, G_MAXUINT);
  if (orphaned_ids != NULL)
    *orphaned_ids = g_strv_builder_end (orphans);
  return TRUE;
}

static const char paint_body[] =
  "const a = JSON.parse (json);"
  "const r = gloss.anchor (a.selector);"
  "if (r.method === 'orphan') {"
  "  gloss.unpaint (a.id);"
  "  return false;"
  "}"
  "return gloss.paint ([{ id: a.id, color: a.color, start: r.start, end: r.end }]) === 1;";

void
gloss_highlighter_paint_async (GlossHighlighter      *self,
                               const GlossAnnotation *annotation,
                               GCancellable          *cancellable,
                               GAsyncReadyCallback    callback,
                               gpointer               user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_if_fail (GLOSS_IS_HIGHLIGHTER (self));
  g_return_if_fail (annotation != NULL && is_valid_id (annotation->id));

  add_annotation (builder, annotation);
  call (self, paint_body, json_argument (builder), gloss_highlighter_paint_async,
        cancellable, callback, user_data);
}

gboolean
gloss_highlighter_paint_finish (GlossHighlighter  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  return finish_boolean (self, result, gloss_highlighter_paint_async, error);
}

void
gloss_highlighter_unpaint_async (GlossHighlighter    *self,
                                 const char          *id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (GLOSS_IS_HIGHLIGHTER (self));
  g_return_if_fail (is_valid_id (id));

  call (self, "return gloss.unpaint (id);", id_argument (id),
        gloss_highlighter_unpaint_async, cancellable, callback, user_data);
}

gboolean
gloss_highlighter_unpaint_finish (GlossHighlighter  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  return finish_boolean (self, result, gloss_highlighter_unpaint_async, error);
}

void
gloss_highlighter_flash_async (GlossHighlighter    *self,
                               const char          *id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (GLOSS_IS_HIGHLIGHTER (self));
  g_return_if_fail (is_valid_id (id));

  call (self, "return gloss.flash (id);", id_argument (id),
        gloss_highlighter_flash_async, cancellable, callback, user_data);
}

gboolean
gloss_highlighter_flash_finish (GlossHighlighter  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  return finish_boolean (self, result, gloss_highlighter_flash_async, error);
}

void
gloss_highlighter_scroll_to_async (GlossHighlighter    *self,
                                   const char          *id,
                                   gboolean             smooth,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (GLOSS_IS_HIGHLIGHTER (self));
  g_return_if_fail (is_valid_id (id));

  /* (WebKit 2.50 refuses a boolean argument.) */
  call (self, smooth ? "return gloss.scrollTo (id, true);" : "return gloss.scrollTo (id, false);",
        id_argument (id),
        gloss_highlighter_scroll_to_async, cancellable, callback, user_data);
}

gboolean
gloss_highlighter_scroll_to_finish (GlossHighlighter  *self,
                                    GAsyncResult      *result,
                                    GdkRectangle      *rect,
                                    GError           **error)
{
  g_autoptr(JsonNode) node = NULL;
  GdkRectangle found;

  node = call_finish (self, result, gloss_highlighter_scroll_to_async, error);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (!rect_from_json (self, node, &found))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The highlighter returned something unexpected");
      return FALSE;
    }
  if (rect != NULL)
    *rect = found;
  return TRUE;
}

void
gloss_highlighter_clear_selection_async (GlossHighlighter    *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (GLOSS_IS_HIGHLIGHTER (self));

  call (self, "return gloss.collapseSelection ();", NULL,
        gloss_highlighter_clear_selection_async, cancellable, callback, user_data);
}

gboolean
gloss_highlighter_clear_selection_finish (GlossHighlighter  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  return finish_boolean (self, result, gloss_highlighter_clear_selection_async, error);
}

void
gloss_highlighter_place_caret_async (GlossHighlighter    *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (GLOSS_IS_HIGHLIGHTER (self));

  call (self, "return gloss.placeCaret ();", NULL,
        gloss_highlighter_place_caret_async, cancellable, callback, user_data);
}

gboolean
gloss_highlighter_place_caret_finish (GlossHighlighter  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  return finish_boolean (self, result, gloss_highlighter_place_caret_async, error);
}
