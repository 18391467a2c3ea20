/* gloss-library-item.c — one article of the library, or one being clipped
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-library-item.h"

struct _GlossLibraryItem
{
  GObject           parent_instance;

  GlossArchiveInfo *info;
  GdkTexture       *thumbnail;
  guint             highlights;
  double            progress_read;
  GStrv             tags;
  char             *snippet;    /* while a search finds it in the index */

  /* While clipping */
  char             *location;
  char             *mode;
  GCancellable     *cancellable;
  double            fraction;
  char             *status;
};

G_DEFINE_FINAL_TYPE (GlossLibraryItem, gloss_library_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_THUMBNAIL,
  PROP_HIGHLIGHTS,
  PROP_CLIPPING,
  PROP_FRACTION,
  PROP_STATUS,
  PROP_SNIPPET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gloss_library_item_finalize (GObject *object)
{
  GlossLibraryItem *self = GLOSS_LIBRARY_ITEM (object);

  g_clear_pointer (&self->info, gloss_archive_info_free);
  g_clear_object (&self->thumbnail);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->tags, g_strfreev);
  g_free (self->location);
  g_free (self->mode);
  g_free (self->status);
  g_free (self->snippet);

  G_OBJECT_CLASS (gloss_library_item_parent_class)->finalize (object);
}

static void
gloss_library_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GlossLibraryItem *self = GLOSS_LIBRARY_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, gloss_library_item_get_title (self));
      break;
    case PROP_THUMBNAIL:
      g_value_set_object (value, self->thumbnail);
      break;
    case PROP_HIGHLIGHTS:
      g_value_set_uint (value, self->highlights);
      break;
    case PROP_CLIPPING:
      g_value_set_boolean (value, gloss_library_item_get_clipping (self));
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_SNIPPET:
      g_value_set_string (value, self->snippet);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_library_item_class_init (GlossLibraryItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_library_item_finalize;
  object_class->get_property = gloss_library_item_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_THUMBNAIL] =
    g_param_spec_object ("thumbnail", NULL, NULL, GDK_TYPE_TEXTURE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIGHLIGHTS] =
    g_param_spec_uint ("highlights", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIPPING] =
    g_param_spec_boolean ("clipping", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNIPPET] =
    g_param_spec_string ("snippet", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_library_item_init (GlossLibraryItem *self)
{
  self->progress_read = -1.0;
}

GlossLibraryItem *
gloss_library_item_new_for_info (GlossArchiveInfo *info,
                                 GdkTexture       *thumbnail)
{
  GlossLibraryItem *self;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (thumbnail == NULL || GDK_IS_TEXTURE (thumbnail), NULL);

  self = g_object_new (GLOSS_TYPE_LIBRARY_ITEM, NULL);
  self->info = info;
  g_set_object (&self->thumbnail, thumbnail);
  return self;
}

GlossLibraryItem *
gloss_library_item_new_clipping (const char   *location,
                                 const char   *mode,
                                 GCancellable *cancellable)
{
  GlossLibraryItem *self;

  g_return_val_if_fail (location != NULL, NULL);
  g_return_val_if_fail (G_IS_CANCELLABLE (cancellable), NULL);

  self = g_object_new (GLOSS_TYPE_LIBRARY_ITEM, NULL);
  self->location = g_strdup (location);
  self->mode = g_strdup (mode);
  self->cancellable = g_object_ref (cancellable);
  self->status = g_strdup (_("Downloading the page…"));
  return self;
}

#define INFO_FIELD(field) (self->info != NULL ? self->info->field : NULL)

const char *
gloss_library_item_get_id (GlossLibraryItem *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), NULL);
  return INFO_FIELD (id);
}

const char *
gloss_library_item_get_path (GlossLibraryItem *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), NULL);
  return INFO_FIELD (path);
}

void
gloss_library_item_set_thumbnail (GlossLibraryItem *self,
                                  GdkTexture       *thumbnail)
{
  g_return_if_fail (GLOSS_IS_LIBRARY_ITEM (self));
  g_return_if_fail (thumbnail == NULL || GDK_IS_TEXTURE (thumbnail));

  if (g_set_object (&self->thumbnail, thumbnail))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAIL]);
}

const char *
gloss_library_item_get_title (GlossLibraryItem *self)
{
  const char *title;

  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), NULL);

  title = INFO_FIELD (title);
  if (title != NULL && *title)
    return title;
  if (self->info != NULL)
    return self->info->id;
  /* A clip in progress: the address, without the scheme nobody reads. */
  if (g_str_has_prefix (self->location, "https://"))
    return self->location + strlen ("https://");
  if (g_str_has_prefix (self->location, "http://"))
    return self->location + strlen ("http://");
  return self->location;
}

const char *
gloss_library_item_get_site (GlossLibraryItem *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), NULL);
  return INFO_FIELD (site);
}

const char *
gloss_library_item_get_author (GlossLibraryItem *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), NULL);
  return INFO_FIELD (author);
}

const char *
gloss_library_item_get_source (GlossLibraryItem *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), NULL);
  return self->info != NULL ? self->info->source : self->location;
}

const char *
gloss_library_item_get_saved (GlossLibraryItem *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), NULL);
  return INFO_FIELD (saved);
}

const char *
gloss_library_item_get_published (GlossLibraryItem *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), NULL);
  return INFO_FIELD (published);
}

GdkTexture *
gloss_library_item_get_thumbnail (GlossLibraryItem *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), NULL);
  return self->thumbnail;
}

static GDateTime *
parse_date (const char *text)
{
  GDateTime *date;

  if (text == NULL || *text == '\0')
    return NULL;
  if ((date = g_date_time_new_from_iso8601 (text, NULL)) != NULL)
    return date;
  /* A bare date, as many sites publish. */
  if (strlen (text) >= 10)
    {
      g_autofree char *day = g_strdup_printf ("%.10sT00:00:00Z", text);
      return g_date_time_new_from_iso8601 (day, NULL);
    }
  return NULL;
}

char *
gloss_library_item_dup_date_label (GlossLibraryItem *self)
{
  g_autoptr(GDateTime) date = NULL;

  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), NULL);

  date = parse_date (gloss_library_item_get_published (self));
  if (date == NULL)
    date = parse_date (gloss_library_item_get_saved (self));
  if (date == NULL)
    return NULL;
  /* Translators: a date in the library list, see strftime(3) */
  return g_date_time_format (date, _("%-d %b %Y"));
}

char *
gloss_library_item_dup_subtitle (GlossLibraryItem *self)
{
  g_autofree char *date = NULL;
  g_autofree char *host = NULL;
  g_autofree char *highlights = NULL;
  GPtrArray *parts;
  const char *site;

  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), NULL);

  if (gloss_library_item_get_clipping (self))
    return g_strdup (self->status);

  parts = g_ptr_array_new ();
  site = gloss_library_item_get_site (self);
  if ((site == NULL || *site == '\0') && gloss_library_item_get_source (self) != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (gloss_library_item_get_source (self),
                                         G_URI_FLAGS_NONE, NULL);
      if (uri != NULL && g_uri_get_host (uri) != NULL)
        site = host = g_strdup (g_uri_get_host (uri));
    }
  if (site != NULL && *site)
    g_ptr_array_add (parts, (gpointer) site);
  if ((date = gloss_library_item_dup_date_label (self)) != NULL)
    g_ptr_array_add (parts, date);
  if (self->highlights > 0)
    {
      highlights = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u highlight", "%'u highlights",
                                                 self->highlights),
                                    self->highlights);
      g_ptr_array_add (parts, highlights);
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) g_ptr_array_free (parts, FALSE));
}

char *
gloss_library_item_dup_tags_label (GlossLibraryItem *self)
{
  GString *label;

  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), NULL);

  if (self->tags == NULL || self->tags[0] == NULL)
    return NULL;
  /* As the search takes them: "#cloud" finds the tag only. */
  label = g_string_new (NULL);
  for (guint i = 0; self->tags[i] != NULL; i++)
    g_string_append_printf (label, "%s#%s", i > 0 ? " · " : "", self->tags[i]);
  return g_string_free (label, FALSE);
}

static gboolean
field_matches (const char *field,
               const char *casefolded_query)
{
  g_autofree char *folded = NULL;

  if (field == NULL)
    return FALSE;
  folded = g_utf8_casefold (field, -1);
  return strstr (folded, casefolded_query) != NULL;
}

static gboolean
tags_match (GlossLibraryItem *self,
            const char       *casefolded_query)
{
  /* "#cloud" looks for the tag only. */
  const char *tag_query = casefolded_query[0] == '#' ? casefolded_query + 1 : casefolded_query;

  for (guint i = 0; self->tags != NULL && self->tags[i] != NULL; i++)
    if (field_matches (self->tags[i], tag_query))
      return TRUE;
  return FALSE;
}

gboolean
gloss_library_item_matches (GlossLibraryItem *self,
                            const char       *casefolded_query)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), FALSE);

  if (casefolded_query == NULL || *casefolded_query == '\0')
    return TRUE;
  if (casefolded_query[0] == '#')
    return tags_match (self, casefolded_query);
  return field_matches (gloss_library_item_get_title (self), casefolded_query)
         || field_matches (gloss_library_item_get_site (self), casefolded_query)
         || field_matches (gloss_library_item_get_author (self), casefolded_query)
         || field_matches (gloss_library_item_get_source (self), casefolded_query)
         || tags_match (self, casefolded_query);
}

double
gloss_library_item_get_progress (GlossLibraryItem *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), -1.0);
  return self->progress_read;
}

void
gloss_library_item_set_progress_read (GlossLibraryItem *self,
                                      double            progress)
{
  g_return_if_fail (GLOSS_IS_LIBRARY_ITEM (self));
  self->progress_read = progress;
}

const char * const *
gloss_library_item_get_tags (GlossLibraryItem *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), NULL);
  return (const char * const *) self->tags;
}

void
gloss_library_item_set_tags (GlossLibraryItem   *self,
                             const char * const *tags)
{
  g_return_if_fail (GLOSS_IS_LIBRARY_ITEM (self));

  g_strfreev (self->tags);
  self->tags = g_strdupv ((char **) tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

guint
gloss_library_item_get_highlights (GlossLibraryItem *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), 0);
  return self->highlights;
}

const char *
gloss_library_item_get_snippet (GlossLibraryItem *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), NULL);

  return self->snippet;
}

void
gloss_library_item_set_snippet (GlossLibraryItem *self,
                                const char       *snippet)
{
  g_return_if_fail (GLOSS_IS_LIBRARY_ITEM (self));

  if (g_strcmp0 (self->snippet, snippet) == 0)
    return;
  g_free (self->snippet);
  self->snippet = g_strdup (snippet);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNIPPET]);
}

void
gloss_library_item_set_highlights (GlossLibraryItem *self,
                                   guint             highlights)
{
  g_return_if_fail (GLOSS_IS_LIBRARY_ITEM (self));

  if (self->highlights == highlights)
    return;
  self->highlights = highlights;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHTS]);
}

gboolean
gloss_library_item_get_clipping (GlossLibraryItem *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), FALSE);
  return self->info == NULL;
}

const char *
gloss_library_item_get_location (GlossLibraryItem *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), NULL);
  return self->location;
}

const char *
gloss_library_item_get_mode (GlossLibraryItem *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), NULL);
  return self->mode;
}

GCancellable *
gloss_library_item_get_cancellable (GlossLibraryItem *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), NULL);
  return self->cancellable;
}

double
gloss_library_item_get_fraction (GlossLibraryItem *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), 0.0);
  return self->fraction;
}

const char *
gloss_library_item_get_status (GlossLibraryItem *self)
{
  g_return_val_if_fail (GLOSS_IS_LIBRARY_ITEM (self), NULL);
  return self->status;
}

void
gloss_library_item_set_progress (GlossLibraryItem *self,
                                 double            fraction,
                                 const char       *status)
{
  g_return_if_fail (GLOSS_IS_LIBRARY_ITEM (self));

  fraction = CLAMP (fraction, 0.0, 1.0);
  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (g_strcmp0 (status, self->status) != 0)
    {
      g_free (self->status);
      self->status = g_strdup (status);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

void
gloss_library_item_cancel (GlossLibraryItem *self)
{
  g_return_if_fail (GLOSS_IS_LIBRARY_ITEM (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}
