/* gloss-fuzz.h — what every libFuzzer target of Gloss shares
 *
 * A target is one C file with LLVMFuzzerTestOneInput(). Criticals are
 * fatal: a g_return_if_fail() that fires on some input is a bug found.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A critical (or a warning) aborts, so that libFuzzer keeps the input. */
static GLogWriterOutput
abort_on_critical (GLogLevelFlags   level,
                   const GLogField *fields,
                   gsize            n_fields,
                   gpointer         user_data)
{
  /* Debugging output would cost more than the code fuzzed. */
  if (!(level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)))
    return G_LOG_WRITER_HANDLED;
  g_log_writer_standard_streams (level, fields, n_fields, user_data);
  abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_log_set_writer_func (abort_on_critical, NULL, NULL);
  return 0;
}

/* The @n-th of the NUL-separated fields of @data (a copy, NUL-terminated),
 * or "" when there are fewer. */
static inline char *
gloss_fuzz_field (const uint8_t *data,
                  size_t         size,
                  guint          n)
{
  const char *start = (const char *) data, *end = start + size;

  for (guint i = 0; i < n && start < end; i++)
    {
      const char *nul = memchr (start, '\0', end - start);

      start = nul ? nul + 1 : end;
    }
  {
    const char *nul = memchr (start, '\0', end - start);

    return g_strndup (start, (nul ? nul : end) - start);
  }
}

/* @text as valid UTF-8: what every entry point of libgloss expects. */
static inline char *
gloss_fuzz_utf8 (char *text)
{
  char *valid = g_utf8_make_valid (text, -1);

  g_free (text);
  return valid;
}

#ifdef GLOSS_FUZZ_HTML
#include <libxml/tree.h>

static const char * const url_attributes[] = {
  "href", "src", "srcset", "action", "formaction", "poster", "background", "cite", "data",
  "xlink:href", "ping", NULL
};

/* The value as a browser's URL parser reads it: tabs and newlines removed,
 * leading spaces and controls trimmed, the scheme in any case. */
static inline gboolean
gloss_fuzz_is_script_url (xmlAttr *attr)
{
  xmlChar *value = xmlNodeGetContent ((xmlNode *) attr);
  GString *url = g_string_new (NULL);
  gboolean script;

  for (const char *p = value ? (const char *) value : ""; *p; p++)
    if (*p != '\t' && *p != '\n' && *p != '\r' && !(url->len == 0 && (guchar) *p <= 0x20))
      g_string_append_c (url, g_ascii_tolower (*p));
  xmlFree (value);
  script = g_str_has_prefix (url->str, "javascript:") || g_str_has_prefix (url->str, "vbscript:");
  g_string_free (url, TRUE);
  return script;
}

/* Aborts on what an archive must never hold, as an HTML5 parser (the one
 * gloss_html_parse () uses) builds it: a script, an event handler, a
 * javascript: or vbscript: URL. */
static inline void
gloss_fuzz_check_safe (xmlNode *node)
{
  GQueue queue = G_QUEUE_INIT;

  g_queue_push_tail (&queue, node);
  while ((node = g_queue_pop_head (&queue)) != NULL)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          if (g_ascii_strcasecmp ((const char *) node->name, "script") == 0)
            abort ();
          for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
            if (g_ascii_strncasecmp ((const char *) attr->name, "on", 2) == 0 ||
                (g_strv_contains (url_attributes, (const char *) attr->name) &&
                 gloss_fuzz_is_script_url (attr)))
              abort ();
        }
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        g_queue_push_tail (&queue, child);
    }
}
#endif
