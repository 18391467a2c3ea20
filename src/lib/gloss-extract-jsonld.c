/* gloss-extract-jsonld.c — reader-mode extraction: schema.org metadata from JSON-LD
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "gloss-extract-private.h"
#include "gloss-json-private.h"

/* JSON-LD lives in raw script text, where pages often leave entities. */
static char *
decode_entities (const char *text)
{
  static const struct { const char *name; const char *value; } named[] = {
    { "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" }, { "quot;", "\"" }, { "apos;", "'" },
    { "nbsp;", " " }, { "#39;", "'" }, { "rsquo;", "\u2019" }, { "lsquo;", "\u2018" },
    { "rdquo;", "\u201D" }, { "ldquo;", "\u201C" }, { "mdash;", "\u2014" },
    { "ndash;", "\u2013" }, { "hellip;", "\u2026" },
  };
  GString *out;

  if (text == NULL || strchr (text, '&') == NULL)
    return g_strdup (text);

  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      gboolean done = FALSE;

      if (*p != '&')
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (p[1] == '#' && p[2] != '#')
        {
          char *end;
          gboolean hex = p[2] == 'x' || p[2] == 'X';
          gulong c = strtoul (p + (hex ? 3 : 2), &end, hex ? 16 : 10);

          if (*end == ';' && c > 0 && c < 0x110000 && end > p + 2 && c != 39)
            {
              g_string_append_unichar (out, (gunichar) c);
              p = end;
              done = TRUE;
            }
        }
      for (guint i = 0; !done && i < G_N_ELEMENTS (named); i++)
        if (g_str_has_prefix (p + 1, named[i].name))
          {
            g_string_append (out, named[i].value);
            p += strlen (named[i].name);
            done = TRUE;
          }
      if (!done)
        g_string_append_c (out, '&');
    }
  return g_string_free (out, FALSE);
}

/* JSON-LD ----------------------------------------------------------------- */

void
_gloss_extract_linked_data_clear (LinkedData *ld)
{
  g_clear_pointer (&ld->headline, g_free);
  g_clear_pointer (&ld->authors, g_ptr_array_unref);
  g_clear_pointer (&ld->published, g_free);
  g_clear_pointer (&ld->site_name, g_free);
  g_clear_pointer (&ld->description, g_free);
  g_clear_pointer (&ld->image, g_free);
  g_clear_pointer (&ld->url, g_free);
  g_clear_pointer (&ld->language, g_free);
  g_clear_pointer (&ld->article_body, g_free);
  g_clear_pointer (&ld->website_name, g_free);
}

static char *
json_string (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *decoded = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  decoded = decode_entities (json_node_get_string (node));
  return _gloss_extract_dup_nonblank (decoded);
}

/* "NewsArticle", "schema:NewsArticle" or "https://schema.org/NewsArticle". */
static const char *
type_basename (const char *type)
{
  const char *cut = strrchr (type, '/');

  if (cut == NULL)
    cut = strrchr (type, ':');
  return cut != NULL ? cut + 1 : type;
}

static gboolean
is_article_type_name (const char *type)
{
  static const char * const extra[] = {
    "Report", "APIReference", "BlogPosting", "LiveBlogPosting", "SocialMediaPosting",
    "DiscussionForumPosting", "Recipe", "Review", "CreativeWork",
  };
  const char *base = type_basename (type);

  if (g_str_has_suffix (base, "Article"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    if (strcmp (base, extra[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
object_has_type (JsonObject *object,
                 gboolean  (*predicate) (const char *type))
{
  JsonNode *type = json_object_get_member (object, "@type");

  if (type == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (type) && json_node_get_value_type (type) == G_TYPE_STRING)
    return predicate (json_node_get_string (type));
  if (JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *array = json_node_get_array (type);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING &&
              predicate (json_node_get_string (item)))
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
is_website_type_name (const char *type)
{
  const char *base = type_basename (type);

  return strcmp (base, "WebSite") == 0;
}

static void
add_person (GPtrArray *authors,
            JsonNode  *node)
{
  g_autofree char *name = NULL;

  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        add_person (authors, json_array_get_element (array, i));
      return;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonNode *inner = json_object_get_member (object, "name");

      if (inner != NULL && !JSON_NODE_HOLDS_VALUE (inner))
        {
          add_person (authors, inner);
          return;
        }
      name = json_string (object, "name");
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *decoded = decode_entities (json_node_get_string (node));

      name = _gloss_extract_dup_nonblank (decoded);
    }

  /* Some sites put the author's page there instead of a name. */
  if (name == NULL || strstr (name, "://") != NULL)
    return;
  for (guint i = 0; i < authors->len; i++)
    if (g_utf8_collate (g_ptr_array_index (authors, i), name) == 0)
      return;
  g_ptr_array_add (authors, g_steal_pointer (&name));
}

static char *
json_image_url (JsonNode *node)
{
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return _gloss_extract_dup_nonblank (json_node_get_string (node));
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      return json_array_get_length (array) > 0
             ? json_image_url (json_array_get_element (array, 0)) : NULL;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      char *url = json_string (object, "url");

      return url != NULL ? url : json_string (object, "contentUrl");
    }
  return NULL;
}

static char *
json_name_of (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_string (json_node_get_object (node), "name");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) &&
      json_array_get_length (json_node_get_array (node)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (node), 0);

      if (JSON_NODE_HOLDS_OBJECT (first))
        return json_string (json_node_get_object (first), "name");
    }
  return json_string (object, member);
}

static char *
json_url_of (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      char *id = json_string (json_node_get_object (node), "@id");

      return id != NULL ? id : json_string (json_node_get_object (node), "url");
    }
  return json_string (object, member);
}

static void
read_article (LinkedData *ld,
              JsonObject *object)
{
  if (ld->found_article)
    return;
  ld->found_article = TRUE;
  _gloss_extract_set_once (&ld->headline, json_string (object, "headline"));
  _gloss_extract_set_once (&ld->headline, json_string (object, "name"));
  if (object_has_type (object, is_article_type_name))
    {
      add_person (ld->authors, json_object_get_member (object, "author"));
      if (ld->authors->len == 0)
        add_person (ld->authors, json_object_get_member (object, "creator"));
    }
  _gloss_extract_set_once (&ld->published, json_string (object, "datePublished"));
  _gloss_extract_set_once (&ld->published, json_string (object, "dateCreated"));
  _gloss_extract_set_once (&ld->site_name, json_name_of (object, "publisher"));
  _gloss_extract_set_once (&ld->description, json_string (object, "description"));
  _gloss_extract_set_once (&ld->image, json_image_url (json_object_get_member (object, "image")));
  _gloss_extract_set_once (&ld->image,
                           json_image_url (json_object_get_member (object, "thumbnailUrl")));
  _gloss_extract_set_once (&ld->url, json_url_of (object, "mainEntityOfPage"));
  _gloss_extract_set_once (&ld->url, json_string (object, "url"));
  _gloss_extract_set_once (&ld->language, json_string (object, "inLanguage"));
  _gloss_extract_set_once (&ld->article_body, json_string (object, "articleBody"));
}

static void
visit_linked_data (LinkedData *ld,
                   JsonNode   *node,
                   guint       depth)
{
  JsonObject *object;
  JsonNode *child;

  if (node == NULL || depth > 4)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        visit_linked_data (ld, json_array_get_element (array, i), depth + 1);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;

  object = json_node_get_object (node);
  if (object_has_type (object, is_article_type_name))
    read_article (ld, object);
  else if (object_has_type (object, is_website_type_name))
    _gloss_extract_set_once (&ld->website_name, json_string (object, "name"));

  if ((child = json_object_get_member (object, "@graph")) != NULL)
    visit_linked_data (ld, child, depth + 1);
  if ((child = json_object_get_member (object, "mainEntity")) != NULL)
    visit_linked_data (ld, child, depth + 1);
}

/* Pages wrap JSON-LD in comments or CDATA, and leave raw newlines and tabs
 * inside strings; a browser-side consumer would shrug, so do we. */
static char *
repair_json (const char *text)
{
  GString *out = g_string_new (NULL);
  char *result;

  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (out, (guchar) *p < 0x20 ? ' ' : *p);
  result = g_strstrip (g_string_free (out, FALSE));

  for (guint round = 0; round < 2; round++)
    {
      static const char * const openers[] = { "<!--", "//<![CDATA[", "<![CDATA[", "/*<![CDATA[*/" };
      static const char * const closers[] = { "-->", "//]]>", "]]>", "/*]]>*/", ";" };

      for (guint i = 0; i < G_N_ELEMENTS (openers); i++)
        if (g_str_has_prefix (result, openers[i]))
          memmove (result, result + strlen (openers[i]), strlen (result) - strlen (openers[i]) + 1);
      for (guint i = 0; i < G_N_ELEMENTS (closers); i++)
        if (g_str_has_suffix (result, closers[i]))
          result[strlen (result) - strlen (closers[i])] = '\0';
      g_strstrip (result);
    }
  return result;
}

void
_gloss_extract_read_linked_data (LinkedData *ld,
                                 GPtrArray  *scripts)
{
  for (guint i = 0; i < scripts->len; i++)
    {
      const char *text = g_ptr_array_index (scripts, i);
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (text == NULL)
        continue;
      if (!_gloss_json_load_bounded (parser, text, -1, NULL))
        {
          g_autofree char *repaired = repair_json (text);

          if (!_gloss_json_load_bounded (parser, repaired, -1, NULL))
            {
              g_debug ("Skipping JSON-LD that does not parse");
              continue;
            }
        }
      visit_linked_data (ld, json_parser_get_root (parser), 0);
    }
}
