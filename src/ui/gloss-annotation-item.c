/* gloss-annotation-item.c — one highlight in the annotations pane's list
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation-item.h"
#include "gloss-ui.h"

struct _GlossAnnotationItem
{
  GObject   parent_instance;

  char     *id;
  char     *color;
  char     *quote;
  char     *note;
  char     *modified;
  gboolean  orphaned;
};

G_DEFINE_FINAL_TYPE (GlossAnnotationItem, gloss_annotation_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_COLOR,
  PROP_QUOTE,
  PROP_NOTE,
  PROP_TIME,
  PROP_ORPHANED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gloss_annotation_item_finalize (GObject *object)
{
  GlossAnnotationItem *self = GLOSS_ANNOTATION_ITEM (object);

  g_free (self->id);
  g_free (self->color);
  g_free (self->quote);
  g_free (self->note);
  g_free (self->modified);

  G_OBJECT_CLASS (gloss_annotation_item_parent_class)->finalize (object);
}

static void
gloss_annotation_item_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  GlossAnnotationItem *self = GLOSS_ANNOTATION_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    case PROP_QUOTE:
      g_value_set_string (value, self->quote);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_TIME:
      g_value_take_string (value, gloss_annotation_item_dup_time (self));
      break;
    case PROP_ORPHANED:
      g_value_set_boolean (value, self->orphaned);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotation_item_class_init (GlossAnnotationItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_annotation_item_finalize;
  object_class->get_property = gloss_annotation_item_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUOTE] = g_param_spec_string ("quote", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] = g_param_spec_string ("time", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORPHANED] = g_param_spec_boolean ("orphaned", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_annotation_item_init (GlossAnnotationItem *self)
{
}

GlossAnnotationItem *
gloss_annotation_item_new (const GlossAnnotation *annotation)
{
  GlossAnnotationItem *self;

  g_return_val_if_fail (annotation != NULL, NULL);

  self = g_object_new (GLOSS_TYPE_ANNOTATION_ITEM, NULL);
  self->id = g_strdup (annotation->id);
  self->color = g_strdup (gloss_annotation_is_color (annotation->color) ? annotation->color
                                                                         : "yellow");
  self->quote = g_strdup (annotation->exact ? annotation->exact : "");
  self->note = g_strdup (annotation->note);
  self->modified = g_strdup (annotation->modified ? annotation->modified : annotation->created);
  self->orphaned = annotation->orphaned;
  return self;
}

const char *
gloss_annotation_item_get_id (GlossAnnotationItem *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_ITEM (self), NULL);
  return self->id;
}

const char *
gloss_annotation_item_get_color (GlossAnnotationItem *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_ITEM (self), NULL);
  return self->color;
}

const char *
gloss_annotation_item_get_quote (GlossAnnotationItem *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_ITEM (self), NULL);
  return self->quote;
}

const char *
gloss_annotation_item_get_note (GlossAnnotationItem *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_ITEM (self), NULL);
  return self->note;
}

gboolean
gloss_annotation_item_get_orphaned (GlossAnnotationItem *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_ITEM (self), FALSE);
  return self->orphaned;
}

char *
gloss_annotation_item_dup_time (GlossAnnotationItem *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_ITEM (self), NULL);

  return gloss_ui_format_time (self->modified);
}
