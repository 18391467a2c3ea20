/* gloss-sanitize-private.h — the allow-list that makes an archive safe to open */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

typedef enum
{
  GLOSS_SANITIZE_READER, /* article content: semantic elements only, no style, no class */
  GLOSS_SANITIZE_FULL,   /* a whole page: layout elements, class, id and style kept */
} GlossSanitizeMode;

/* Removes from the subtree at @root (an element; for full mode usually <html>)
 * everything that is not on the allow-list: script, noscript, template, iframe,
 * frame, object, embed, applet, form controls, base and meta refresh (with
 * their content); unknown elements are unwrapped, their children kept;
 * every on… handler and any attribute not allowed; every URL
 * attribute whose scheme is not http, https, mailto or (for media) data:image/…,
 * and fragment links. <form> elements are unwrapped (their text stays), their
 * controls dropped. SVG is kept without script, foreignObject, animation or
 * external references. In full mode a style attribute or <style> element that
 * holds "expression(" or "javascript:" is dropped. */
void _gloss_sanitize (xmlNode           *root,
                      GlossSanitizeMode  mode);

G_END_DECLS
