/* gloss-identity.c — which article a clip is: the URL hashed into its id
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gloss-identity.h"

/* Parameters that say how the reader arrived, not what they read. */
static const char * const tracking_parameters[] = {
  "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid",
  "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", NULL
};

/* Host prefixes of the same site's mobile and AMP editions. */
static const char * const edition_prefixes[] = { "www.", "m.", "mobile.", "amp.", NULL };

static const char * const paging_parameters[] = { "page", "paged", "pg", NULL };

static gboolean
is_web_url (const char *url)
{
  return url != NULL && (g_ascii_strncasecmp (url, "http://", 7) == 0 ||
                         g_ascii_strncasecmp (url, "https://", 8) == 0);
}

static gboolean
is_tracking (const char *parameter)
{
  g_autofree char *name = g_ascii_strdown (parameter, strcspn (parameter, "="));

  return g_str_has_prefix (name, "utm_") || g_strv_contains (tracking_parameters, name);
}

char *
gloss_identity_clean_url (const char *url)
{
  g_autofree char *base = NULL;
  g_auto(GStrv) parameters = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_null_terminated (0, NULL, TRUE);
  g_autofree char *query = NULL;
  const char *mark;

  g_return_val_if_fail (url != NULL, NULL);

  base = g_strndup (url, strcspn (url, "#"));
  if (!is_web_url (base) || (mark = strchr (base, '?')) == NULL)
    return g_steal_pointer (&base);
  parameters = g_strsplit (mark + 1, "&", -1);
  for (guint i = 0; parameters[i] != NULL; i++)
    if (*parameters[i] != '\0' && !is_tracking (parameters[i]))
      g_ptr_array_add (kept, parameters[i]);
  if (kept->len == g_strv_length (parameters))
    return g_steal_pointer (&base);
  /* pdata is NULL until something is added. */
  query = kept->len > 0 ? g_strjoinv ("&", (char **) kept->pdata) : g_strdup ("");
  return g_strdup_printf ("%.*s%s%s", (int) (mark - base), base, kept->len ? "?" : "", query);
}

/* Plausibility */

typedef struct
{
  char *host;   /* lower case, edition prefixes removed */
  char *path;   /* AMP markers and the final "/" removed: "" at the root */
  char *query;  /* "" when none */
} Address;

static void
address_clear (Address *address)
{
  g_free (address->host);
  g_free (address->path);
  g_free (address->query);
}

static char *
site_host (const char *host)
{
  g_autofree char *lower = g_ascii_strdown (host, -1);
  const char *site = lower;
  gboolean stripped = TRUE;

  while (stripped)
    {
      stripped = FALSE;
      for (guint i = 0; edition_prefixes[i] != NULL; i++)
        if (g_str_has_prefix (site, edition_prefixes[i]) && strchr (site + strlen (edition_prefixes[i]), '.'))
          {
            site += strlen (edition_prefixes[i]);
            stripped = TRUE;
          }
    }
  return g_strndup (site, strlen (site) - (g_str_has_suffix (site, ".") ? 1 : 0));
}

/* /amp/x, /x/amp and /x/amp/ are the AMP edition of /x. */
static char *
edition_path (const char *path)
{
  GString *out = g_string_new (path);

  if (g_str_has_prefix (out->str, "/amp/"))
    g_string_erase (out, 0, strlen ("/amp"));
  while (out->len > 0 && out->str[out->len - 1] == '/')
    g_string_truncate (out, out->len - 1);
  if (g_str_has_suffix (out->str, "/amp"))
    g_string_truncate (out, out->len - strlen ("/amp"));
  while (out->len > 0 && out->str[out->len - 1] == '/')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/* The query without the AMP switches (amp, amp=1, outputType=amp). */
static char *
edition_query (const char *query)
{
  g_auto(GStrv) parameters = g_strsplit (query ? query : "", "&", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parameters[i] != NULL; i++)
    {
      if (*parameters[i] == '\0' || g_str_equal (parameters[i], "amp") ||
          g_str_has_prefix (parameters[i], "amp=") || g_str_equal (parameters[i], "outputType=amp"))
        continue;
      if (out->len > 0)
        g_string_append_c (out, '&');
      g_string_append (out, parameters[i]);
    }
  return g_string_free (out, FALSE);
}

static gboolean
parse_address (const char *url,
               Address    *out)
{
  g_autofree char *clean = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;

  memset (out, 0, sizeof *out);
  if (!is_web_url (url))
    return FALSE;
  clean = gloss_identity_clean_url (url);
  if (!g_uri_split (clean, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL, NULL,
                    &host, NULL, &path, &query, NULL, NULL) || host == NULL || *host == '\0')
    return FALSE;
  out->host = site_host (host);
  out->path = edition_path (path);
  out->query = edition_query (query);
  return TRUE;
}

static guint
page_number (const char *digits)
{
  char *end = NULL;
  guint64 n = digits && g_ascii_isdigit (*digits) ? g_ascii_strtoull (digits, &end, 10) : 0;

  return end != NULL && (*end == '\0' || *end == '/' || *end == '&') && n <= G_MAXUINT ? (guint) n : 0;
}

/* The page of a paged article: ?page=N, ?paged=N, ?pg=N or …/page/N; 0 when none. */
static guint
paging (const Address *address)
{
  g_auto(GStrv) parameters = g_strsplit (address->query, "&", -1);
  const char *segment = strstr (address->path, "/page/");

  for (guint i = 0; parameters[i] != NULL; i++)
    for (guint j = 0; paging_parameters[j] != NULL; j++)
      {
        gsize length = strlen (paging_parameters[j]);

        if (g_ascii_strncasecmp (parameters[i], paging_parameters[j], length) == 0 &&
            parameters[i][length] == '=')
          return page_number (parameters[i] + length + 1);
      }
  return segment != NULL ? page_number (segment + strlen ("/page/")) : 0;
}

static gboolean
is_home (const Address *address)
{
  return *address->path == '\0' && *address->query == '\0';
}

gboolean
gloss_identity_canonical_is_plausible (const char *address,
                                       const char *canonical)
{
  Address page, claimed;
  gboolean plausible;

  g_return_val_if_fail (address != NULL, FALSE);

  if (canonical == NULL || !parse_address (address, &page))
    return FALSE;
  if (!parse_address (canonical, &claimed))
    {
      address_clear (&page);
      return FALSE;
    }
  plausible = g_str_equal (page.host, claimed.host)
              && !(is_home (&claimed) && !is_home (&page))
              && !(paging (&page) >= 2 && paging (&claimed) != paging (&page));
  address_clear (&page);
  address_clear (&claimed);
  return plausible;
}

char *
gloss_identity_url (const char *address,
                    const char *canonical)
{
  g_return_val_if_fail (address != NULL, NULL);

  if (gloss_identity_canonical_is_plausible (address, canonical))
    return gloss_identity_clean_url (canonical);
  return gloss_identity_clean_url (address);
}

gboolean
gloss_identity_is_same_article (const char *identity,
                                const char *source,
                                const char *recorded_source,
                                const char *recorded_canonical)
{
  g_autofree char *recorded_identity = NULL;
  g_autofree char *clean_source = NULL;
  g_autofree char *clean_recorded = NULL;

  g_return_val_if_fail (identity != NULL, FALSE);

  if (recorded_source == NULL)
    return FALSE;
  /* The same address clipped again, whatever its canonical link says now. */
  clean_recorded = gloss_identity_clean_url (recorded_source);
  clean_source = source ? gloss_identity_clean_url (source) : NULL;
  if (g_strcmp0 (clean_source, clean_recorded) == 0)
    return TRUE;
  recorded_identity = is_web_url (recorded_source)
                      ? gloss_identity_url (recorded_source, recorded_canonical)
                      : g_strdup (recorded_canonical);
  return g_strcmp0 (recorded_identity, identity) == 0;
}
