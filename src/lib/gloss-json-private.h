/* gloss-json-private.h — reading JSON from elsewhere, and the sidecar's JSON
 * helpers shared by gloss-annotation.c and gloss-sidecar.c */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* json_parser_load_from_data() for JSON from elsewhere: refuses, with a reason,
 * nesting deeper than any real sidecar or JSON-LD needs (json-glib would
 * recurse until the stack overflows), and keeps a string holding U+0000
 * whole, with U+FFFD in its place, where json-glib would cut it there;
 * bytes that are not UTF-8 become U+FFFD too. */
gboolean _gloss_json_load_bounded   (JsonParser          *parser,
                                     const char          *data,
                                     gssize               length,
                                     GError             **error);

/* The value of @member of @object when it is a string (a number, a
 * boolean), else @fallback: json-glib's _with_default () getters are
 * critical about a member of another type, which a file from elsewhere
 * may well hold. */
const char *_gloss_json_string_or   (JsonObject          *object,
                                     const char          *member,
                                     const char          *fallback);
gint64   _gloss_json_int_or         (JsonObject          *object,
                                     const char          *member,
                                     gint64               fallback);
gboolean _gloss_json_boolean_or     (JsonObject          *object,
                                     const char          *member,
                                     gboolean             fallback);

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

/* @root as text, indented by two, with a final newline. json-glib writes a
 * double it prints without a point as "2e+85.0", which is no JSON (a file
 * Gloss wrote would not read again): such a value is moved by one unit in
 * the last place, which prints with one. */
char    *_gloss_json_to_data        (JsonNode            *root);

G_END_DECLS
