/* gloss-json-private.h — reading and writing the sidecar's JSON, shared by
 * gloss-annotation.c and gloss-sidecar.c */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Sets *@out to a copy of the string @member of @object. An absent (or null)
 * member is an error only when @required; a member of another type always is. */
gboolean _gloss_json_read_string    (JsonObject          *object,
                                     const char          *member,
                                     gboolean             required,
                                     char               **out,
                                     GError             **error);

/* Copies into @to every member of @from (which may be NULL) that is not in
 * @known and not already in @to, in @from's order: what Gloss does not know
 * survives a rewrite. */
void     _gloss_json_copy_unknown   (JsonObject          *to,
                                     JsonObject          *from,
                                     const char * const  *known);

G_END_DECLS
