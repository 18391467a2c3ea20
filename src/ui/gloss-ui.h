/* gloss-ui.h — what every part of the UI needs before its first widget */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the UI's resources, and its style sheet once GTK has a display.
 * Main thread only; cheap to call again. */
void gloss_ui_init (void);

/* TRUE for an http(s) URL, the only kind Gloss clips from the network. */
gboolean gloss_ui_is_web_url (const char *text);

/* The name of a highlight colour ("green") as the user reads it: "Green". */
const char *gloss_ui_color_label (const char *color);

/* How long ago @iso8601 was, as a person says it ("3 days ago"), or its
 * date once it is a month or more ago; "" for NULL or what does not parse. */
char *gloss_ui_format_time (const char *iso8601);

/* How many items to add to a list a GtkListView shows, with @in_list in
 * it already, so that no step holds the window: see gloss-ui.c. */
guint gloss_ui_list_step (guint in_list);
/* The pause between two steps. */
#define GLOSS_UI_LIST_STEP_MS 10

G_END_DECLS
