/* gloss-json.c — reading JSON that came from elsewhere: bounded, and the
 * sidecar's helpers (gloss-json-private.h)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <math.h>

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "gloss-json-private.h"

/* json-glib recurses once per level: a file nested 100,000 deep would
 * overflow the stack. Nothing Gloss reads needs more than a few levels. */
#define MAX_DEPTH 64

/* How deep @data nests, and whether a string in it holds \u0000, which
 * json-glib would turn into the end of a C string. */
static guint
scan (const char *data,
      gsize       length,
      gboolean   *has_nul)
{
  guint depth = 0, deepest = 0;
  gboolean in_string = FALSE;

  *has_nul = FALSE;
  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string && c == '\\')
        {
          if (i + 5 < length && data[i + 1] == 'u' && memcmp (data + i + 2, "0000", 4) == 0)
            *has_nul = TRUE;
          i++;
        }
      else if (c == '"')
        in_string = !in_string;
      else if (!in_string && (c == '{' || c == '['))
        {
          depth++;
          deepest = MAX (deepest, depth);
        }
      else if (!in_string && (c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return deepest;
}

/* U+0000 becomes U+FFFD, the same length as an escape: the text after it
 * is kept, and the character shows where something was. */
static char *
replace_nul_escapes (const char *data,
                     gsize       length)
{
  char *copy = g_strndup (data, length);
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    if (in_string && copy[i] == '\\')
      {
        if (i + 5 < length && copy[i + 1] == 'u' && memcmp (copy + i + 2, "0000", 4) == 0)
          memcpy (copy + i + 2, "fffd", 4);
        i++;
      }
    else if (copy[i] == '"')
      in_string = !in_string;
  return copy;
}

gboolean
_gloss_json_load_bounded (JsonParser  *parser,
                          const char  *data,
                          gssize       length,
                          GError     **error)
{
  g_autofree char *replaced = NULL;
  gboolean has_nul;
  gsize size = length < 0 ? strlen (data) : (gsize) length;

  if (scan (data, size, &has_nul) > MAX_DEPTH)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("it is nested more than %d levels deep"), MAX_DEPTH);
      return FALSE;
    }
  if (has_nul)
    data = replaced = replace_nul_escapes (data, size);
  /* json-glib takes bytes that are not UTF-8 inside a string, writes them
   * back, and then refuses to read what it wrote: they become U+FFFD. */
  if (!g_utf8_validate_len (data, size, NULL))
    {
      char *valid = g_utf8_make_valid (data, size);

      g_free (replaced);
      data = replaced = valid;
      size = strlen (valid);
    }
  return json_parser_load_from_data (parser, data, size, error);
}

gboolean
_gloss_json_read_string (JsonObject  *object,
                         const char  *member,
                         gboolean     required,
                         char       **out,
                         GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” is missing"), member);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” is not a string"), member);
      return FALSE;
    }
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

void
_gloss_json_copy_unknown (JsonObject         *to,
                          JsonObject         *from,
                          const char * const *known)
{
  g_autoptr(GList) members = from ? json_object_get_members (from) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data) && !json_object_has_member (to, l->data))
      json_object_set_member (to, l->data, json_object_dup_member (from, l->data));
}

static JsonNode *
value_member (JsonObject *object,
              const char *member,
              GType       type)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type
         ? node : NULL;
}

const char *
_gloss_json_string_or (JsonObject *object,
                       const char *member,
                       const char *fallback)
{
  JsonNode *node = value_member (object, member, G_TYPE_STRING);

  return node ? json_node_get_string (node) : fallback;
}

gint64
_gloss_json_int_or (JsonObject *object,
                    const char *member,
                    gint64      fallback)
{
  JsonNode *node = value_member (object, member, G_TYPE_INT64);

  return node ? json_node_get_int (node) : fallback;
}

gboolean
_gloss_json_boolean_or (JsonObject *object,
                        const char *member,
                        gboolean    fallback)
{
  JsonNode *node = value_member (object, member, G_TYPE_BOOLEAN);

  return node ? json_node_get_boolean (node) : fallback;
}

/* Writing */

static void
fix_double (JsonNode *node)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  double value = json_node_get_double (node);

  g_ascii_dtostr (text, sizeof text, value);
  if (strchr (text, '.') == NULL && strpbrk (text, "eE") != NULL)
    json_node_set_double (node, nextafter (value, 0.0));
}

static void
fix_doubles (JsonNode *node)
{
  g_autoptr(GList) members = NULL;
  JsonArray *array;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        fix_double (node);
      break;
    case JSON_NODE_ARRAY:
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        fix_doubles (json_array_get_element (array, i));
      break;
    case JSON_NODE_OBJECT:
      members = json_object_get_members (json_node_get_object (node));
      for (GList *l = members; l != NULL; l = l->next)
        fix_doubles (json_object_get_member (json_node_get_object (node), l->data));
      break;
    case JSON_NODE_NULL:
      break;
    }
}

char *
_gloss_json_to_data (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;

  fix_doubles (root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);
  /* A final newline, as text files have. */
  return g_strconcat (data, "\n", NULL);
}
