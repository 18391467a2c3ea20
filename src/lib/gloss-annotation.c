/* gloss-annotation.c — one highlight, with its note: a W3C Web Annotation
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-annotation.h"
#include "gloss-json-private.h"
#include "gloss-utils-private.h"

#define W3C_CONTEXT "http://www.w3.org/ns/anno.jsonld"

const char * const gloss_annotation_colors[] = { "yellow", "green", "blue", "pink", "purple", NULL };

/* Members written in this order; any others follow in the order they came. */
static const char * const annotation_keys[] = {
  "@context", "id", "type", "motivation", "created", "modified", "body", "target",
  "gloss:orphaned", NULL
};
static const char * const body_keys[] = { "type", "value", "format", "purpose", NULL };
static const char * const target_keys[] = { "source", "styleClass", "selector", "state", NULL };
static const char * const state_keys[] = { "type", "sourceDate", NULL };

GlossAnnotation *
gloss_annotation_new (void)
{
  GlossAnnotation *annotation = g_new0 (GlossAnnotation, 1);
  g_autofree char *uuid = g_uuid_string_random ();

  annotation->id = g_strconcat ("urn:uuid:", uuid, NULL);
  annotation->created = _gloss_now_iso8601 ();
  annotation->modified = g_strdup (annotation->created);
  annotation->color = g_strdup ("yellow");
  annotation->prefix = g_strdup ("");
  annotation->suffix = g_strdup ("");
  annotation->start = annotation->end = -1;
  return annotation;
}

GlossAnnotation *
gloss_annotation_copy (const GlossAnnotation *annotation)
{
  GlossAnnotation *copy = g_new0 (GlossAnnotation, 1);

  copy->id = g_strdup (annotation->id);
  copy->created = g_strdup (annotation->created);
  copy->modified = g_strdup (annotation->modified);
  copy->color = g_strdup (annotation->color);
  copy->note = g_strdup (annotation->note);
  copy->exact = g_strdup (annotation->exact);
  copy->prefix = g_strdup (annotation->prefix);
  copy->suffix = g_strdup (annotation->suffix);
  copy->start = annotation->start;
  copy->end = annotation->end;
  copy->orphaned = annotation->orphaned;
  copy->source_date = g_strdup (annotation->source_date);
  copy->json = annotation->json ? json_object_ref (annotation->json) : NULL;
  return copy;
}

void
gloss_annotation_free (GlossAnnotation *annotation)
{
  if (annotation == NULL)
    return;
  g_free (annotation->id);
  g_free (annotation->created);
  g_free (annotation->modified);
  g_free (annotation->color);
  g_free (annotation->note);
  g_free (annotation->exact);
  g_free (annotation->prefix);
  g_free (annotation->suffix);
  g_free (annotation->source_date);
  g_clear_pointer (&annotation->json, json_object_unref);
  g_free (annotation);
}

gboolean
gloss_annotation_is_color (const char *color)
{
  return color != NULL && g_strv_contains (gloss_annotation_colors, color);
}

void
gloss_annotation_set_source_date (GlossAnnotation *annotation,
                                  const char      *saved)
{
  g_return_if_fail (annotation != NULL);

  if (g_strcmp0 (annotation->source_date, saved) == 0)
    return;
  g_free (annotation->source_date);
  annotation->source_date = g_strdup (saved);
}

void
gloss_annotation_touch (GlossAnnotation *annotation)
{
  g_free (annotation->modified);
  annotation->modified = _gloss_now_iso8601 ();
}

/* Reading: every member is checked for its type; a wrong one is an error
 * rather than a silent default, since the file is then not ours to rewrite. */

static gboolean
get_position (JsonObject  *object,
              const char  *member,
              gint64      *out,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” of a TextPositionSelector is not a position"), member);
      return FALSE;
    }
  *out = json_node_get_int (node);
  return TRUE;
}

static JsonObject *
get_object (JsonObject  *object,
            const char  *member,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” is not an object"), member);
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
read_selector (GlossAnnotation  *annotation,
               JsonObject       *selector,
               GError          **error)
{
  const char *type = _gloss_json_string_or (selector, "type", "");

  if (g_str_equal (type, "TextQuoteSelector"))
    return _gloss_json_read_string (selector, "exact", TRUE, &annotation->exact, error) &&
           _gloss_json_read_string (selector, "prefix", FALSE, &annotation->prefix, error) &&
           _gloss_json_read_string (selector, "suffix", FALSE, &annotation->suffix, error);
  if (g_str_equal (type, "TextPositionSelector"))
    return get_position (selector, "start", &annotation->start, error) &&
           get_position (selector, "end", &annotation->end, error);
  return TRUE;  /* another tool's selector: kept as it is on rewrite */
}

/* target.state: a TimeState is ours to read; any other state travels along. */
static gboolean
read_state (GlossAnnotation  *annotation,
            JsonObject       *target,
            GError          **error)
{
  JsonNode *node = json_object_get_member (target, "state");
  JsonObject *state;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;
  state = json_node_get_object (node);
  if (g_strcmp0 (_gloss_json_string_or (state, "type", ""), "TimeState") != 0)
    return TRUE;
  return _gloss_json_read_string (state, "sourceDate", FALSE, &annotation->source_date, error);
}

static gboolean
read_target (GlossAnnotation  *annotation,
             JsonObject       *target,
             GError          **error)
{
  JsonNode *selectors = json_object_get_member (target, "selector");

  if (!_gloss_json_read_string (target, "styleClass", FALSE, &annotation->color, error) ||
      !read_state (annotation, target, error))
    return FALSE;
  if (selectors != NULL && JSON_NODE_HOLDS_OBJECT (selectors))
    return read_selector (annotation, json_node_get_object (selectors), error);
  if (selectors == NULL || !JSON_NODE_HOLDS_ARRAY (selectors))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("the target has no selector"));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (selectors)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (selectors), i);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("a selector is not an object"));
          return FALSE;
        }
      if (!read_selector (annotation, json_node_get_object (node), error))
        return FALSE;
    }
  if (annotation->exact == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("the target has no TextQuoteSelector"));
      return FALSE;
    }
  return TRUE;
}

/* The body that holds the user's note: the object, or in an array the first
 * TextualBody. */
static JsonObject *
note_body (JsonObject *annotation)
{
  JsonNode *body = json_object_get_member (annotation, "body");

  if (body != NULL && JSON_NODE_HOLDS_OBJECT (body))
    return json_node_get_object (body);
  if (body != NULL && JSON_NODE_HOLDS_ARRAY (body))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (body)); i++)
      {
        JsonNode *node = json_array_get_element (json_node_get_array (body), i);
        if (JSON_NODE_HOLDS_OBJECT (node) &&
            g_strcmp0 (_gloss_json_string_or (json_node_get_object (node), "type", ""),
                       "TextualBody") == 0)
          return json_node_get_object (node);
      }
  return NULL;
}

GlossAnnotation *
gloss_annotation_from_json (JsonObject  *object,
                            GError     **error)
{
  g_autoptr(GlossAnnotation) annotation = g_new0 (GlossAnnotation, 1);
  JsonObject *target, *body;
  GError *local_error = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  annotation->start = annotation->end = -1;
  annotation->json = json_object_ref (object);
  if (!_gloss_json_read_string (object, "id", TRUE, &annotation->id, error) ||
      !_gloss_json_read_string (object, "created", FALSE, &annotation->created, error) ||
      !_gloss_json_read_string (object, "modified", FALSE, &annotation->modified, error))
    return NULL;
  if ((target = get_object (object, "target", &local_error)) == NULL)
    {
      if (local_error == NULL)
        g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” is missing"), "target");
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (!read_target (annotation, target, error))
    return NULL;
  if ((body = note_body (object)) != NULL && !_gloss_json_read_string (body, "value", FALSE, &annotation->note, error))
    return NULL;
  annotation->orphaned = _gloss_json_boolean_or (object, "gloss:orphaned", FALSE);
  if (annotation->created == NULL)
    annotation->created = g_strdup (annotation->modified ? annotation->modified : "");
  if (annotation->modified == NULL)
    annotation->modified = g_strdup (annotation->created);
  if (annotation->color == NULL)
    annotation->color = g_strdup ("yellow");
  if (annotation->prefix == NULL)
    annotation->prefix = g_strdup ("");
  if (annotation->suffix == NULL)
    annotation->suffix = g_strdup ("");
  return g_steal_pointer (&annotation);
}

/* Writing */

static JsonObject *
body_to_json (const GlossAnnotation *annotation,
              JsonObject            *old_body)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "type", "TextualBody");
  json_object_set_string_member (body, "value", annotation->note);
  json_object_set_string_member (body, "format", "text/markdown");
  json_object_set_string_member (body, "purpose", "commenting");
  _gloss_json_copy_unknown (body, old_body, body_keys);
  return body;
}

static JsonNode *
selectors_to_json (const GlossAnnotation *annotation,
                   JsonObject            *old_target)
{
  JsonArray *selectors = json_array_new ();
  JsonObject *quote = json_object_new ();
  JsonNode *old = old_target ? json_object_get_member (old_target, "selector") : NULL;
  JsonNode *result;

  json_object_set_string_member (quote, "type", "TextQuoteSelector");
  json_object_set_string_member (quote, "exact", annotation->exact ? annotation->exact : "");
  json_object_set_string_member (quote, "prefix", annotation->prefix ? annotation->prefix : "");
  json_object_set_string_member (quote, "suffix", annotation->suffix ? annotation->suffix : "");
  json_array_add_object_element (selectors, quote);
  if (annotation->start >= 0 && annotation->end >= annotation->start)
    {
      JsonObject *position = json_object_new ();
      json_object_set_string_member (position, "type", "TextPositionSelector");
      json_object_set_int_member (position, "start", annotation->start);
      json_object_set_int_member (position, "end", annotation->end);
      json_array_add_object_element (selectors, position);
    }
  /* Selectors of other kinds (another tool's) travel along untouched. */
  for (guint i = 0; old && JSON_NODE_HOLDS_ARRAY (old) &&
                    i < json_array_get_length (json_node_get_array (old)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (old), i);
      const char *type = JSON_NODE_HOLDS_OBJECT (node)
                         ? _gloss_json_string_or (json_node_get_object (node), "type", "")
                         : "";
      if (!g_str_equal (type, "TextQuoteSelector") && !g_str_equal (type, "TextPositionSelector"))
        json_array_add_element (selectors, json_node_copy (node));
    }
  result = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (result, selectors);
  return result;
}

static JsonNode *
state_to_json (const GlossAnnotation *annotation,
               JsonObject            *old_target)
{
  JsonNode *old = old_target ? json_object_get_member (old_target, "state") : NULL;
  JsonObject *state;
  JsonNode *node;

  if (annotation->source_date == NULL)
    return old ? json_node_copy (old) : NULL;
  state = json_object_new ();
  json_object_set_string_member (state, "type", "TimeState");
  json_object_set_string_member (state, "sourceDate", annotation->source_date);
  if (old != NULL && JSON_NODE_HOLDS_OBJECT (old))
    _gloss_json_copy_unknown (state, json_node_get_object (old), state_keys);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, state);
  return node;
}

static JsonObject *
target_to_json (const GlossAnnotation *annotation,
                const char            *source,
                JsonObject            *old_target)
{
  JsonObject *target = json_object_new ();
  JsonNode *state = state_to_json (annotation, old_target);

  if (source != NULL)
    json_object_set_string_member (target, "source", source);
  else if (old_target != NULL && json_object_has_member (old_target, "source"))
    json_object_set_member (target, "source", json_object_dup_member (old_target, "source"));
  json_object_set_string_member (target, "styleClass", annotation->color);

  json_object_set_member (target, "selector", selectors_to_json (annotation, old_target));
  if (state != NULL)
    json_object_set_member (target, "state", state);
  _gloss_json_copy_unknown (target, old_target, target_keys);
  return target;
}

JsonObject *
gloss_annotation_to_json (const GlossAnnotation *annotation,
                          const char            *source)
{
  JsonObject *object = json_object_new ();
  JsonObject *old = annotation->json;
  JsonObject *old_target = old && json_object_has_member (old, "target") &&
                           JSON_NODE_HOLDS_OBJECT (json_object_get_member (old, "target"))
                           ? json_object_get_object_member (old, "target") : NULL;

  g_return_val_if_fail (annotation != NULL, NULL);

  json_object_set_string_member (object, "@context", W3C_CONTEXT);
  json_object_set_string_member (object, "id", annotation->id);
  json_object_set_string_member (object, "type", "Annotation");
  json_object_set_string_member (object, "motivation", annotation->note ? "commenting" : "highlighting");
  json_object_set_string_member (object, "created", annotation->created);
  json_object_set_string_member (object, "modified", annotation->modified);
  if (annotation->note != NULL)
    json_object_set_object_member (object, "body", body_to_json (annotation, old ? note_body (old) : NULL));
  json_object_set_object_member (object, "target", target_to_json (annotation, source, old_target));
  if (annotation->orphaned)
    json_object_set_boolean_member (object, "gloss:orphaned", TRUE);
  _gloss_json_copy_unknown (object, old, annotation_keys);
  return object;
}
