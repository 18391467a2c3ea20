/* gloss-application.h */
#pragma once

#include <adwaita.h>

#include "gloss-window.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_APPLICATION (gloss_application_get_type ())
G_DECLARE_FINAL_TYPE (GlossApplication, gloss_application, GLOSS, APPLICATION, AdwApplication)

GlossApplication *gloss_application_new        (void);
/* The window results open in: the active one, else a new one. */
GlossWindow      *gloss_application_get_window (GlossApplication *self);

G_END_DECLS
