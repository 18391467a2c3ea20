/* library-query.c — times the library index in-process, for bench/library
 *
 *   library-query DIR update [--runs N]
 *   library-query DIR change N [--runs N]
 *   library-query DIR change-named N [--runs N]
 *   library-query DIR search QUERY… [--limit N] [--runs N]
 *   library-query DIR list [--runs N]
 *   library-query DIR highlights [--runs N]
 *
 * Opens the index of the library in DIR once, as the window does, then
 * times each call with g_get_monotonic_time (): one run first (printed as
 * "first": the database's pages not yet in SQLite's cache), then --runs
 * more (5). `change N` saves N sidecars through libgloss (a tag added, as
 * `gloss tag` does) before each run and times the gloss_index_update () that
 * picks them up; `change-named N` the same, timing the
 * gloss_index_update_articles () of their ids that the window calls when
 * its folder monitor names them. Prints one line a figure:
 *
 *   NAME <tab> median ms <tab> min ms <tab> max ms <tab> first ms <tab> results
 *
 * and for a search, then, the same five of one search with no limit (one
 * run: its median, min, max and first are the same), for how many match.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-index.h"
#include "gloss-sidecar.h"

typedef struct
{
  GlossIndex *index;
  const char *dir;
  const char *query;
  guint       limit;
  guint       changes;
  GPtrArray  *sidecars;  /* paths, sorted, for `change` */
  GPtrArray  *changed;   /* the ids `change` changed last, NULL-terminated */
  guint       round;     /* which run this is, so each changes other sidecars */
} Bench;

/* One timed call: returns how many results (or changes) it had. */
typedef guint (*BenchCall) (Bench *bench);

static void G_GNUC_NORETURN
fail (const char *what,
      GError     *error)
{
  g_printerr ("library-query: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* @call once, then @runs times (maybe 0); the median, min, max and first in ms.
 * @prepare, when set, runs untimed before each call. */
static void
measure (Bench      *bench,
         BenchCall   prepare,
         BenchCall   call,
         guint       runs,
         GString    *line)
{
  g_autofree double *times = g_new (double, runs + 1);
  guint results = 0;

  for (guint i = 0; i <= runs; i++)
    {
      gint64 start;

      bench->round = i;
      if (prepare != NULL)
        prepare (bench);
      start = g_get_monotonic_time ();
      results = call (bench);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  if (runs == 0)
    {
      g_string_append_printf (line, "\t%.2f\t%.2f\t%.2f\t%.2f\t%u", times[0], times[0], times[0],
                              times[0], results);
      return;
    }
  qsort (times + 1, runs, sizeof (double), compare_doubles);
  g_string_append_printf (line, "\t%.2f\t%.2f\t%.2f\t%.2f\t%u", times[1 + runs / 2], times[1],
                          times[runs], times[0], results);
}

static void
print_measure (Bench      *bench,
               const char *name,
               BenchCall   prepare,
               BenchCall   call,
               guint       runs)
{
  g_autoptr(GString) line = g_string_new (name);

  measure (bench, prepare, call, runs, line);
  g_print ("%s\n", line->str);
}

static guint
call_update (Bench *bench)
{
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  if (!gloss_index_update (bench->index, &changed, &error))
    fail ("gloss_index_update", error);
  return changed;
}

static guint
call_update_named (Bench *bench)
{
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  if (!gloss_index_update_articles (bench->index, (const char * const *) bench->changed->pdata,
                                    &changed, &error))
    fail ("gloss_index_update_articles", error);
  return changed;
}

static guint
call_search (Bench *bench)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = gloss_index_search (bench->index, bench->query, bench->limit, &error);

  if (found == NULL)
    fail (bench->query, error);
  return found->len;
}

static guint
call_list (Bench *bench)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = gloss_index_list (bench->index, GLOSS_INDEX_SORT_SAVED, NULL, &error);

  if (found == NULL)
    fail ("gloss_index_list", error);
  return found->len;
}

static guint
call_highlights (Bench *bench)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = gloss_index_highlights (bench->index, NULL, NULL, NULL, &error);

  if (found == NULL)
    fail ("gloss_index_highlights", error);
  return found->len;
}

static GPtrArray *
find_sidecars (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) folder = g_dir_open (dir, 0, &error);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (folder == NULL)
    fail (dir, error);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_suffix (name, ".notes.json"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);
  return paths;
}

/* Saves @bench->changes sidecars with a tag more, spread over the library
 * and different ones each round. */
static guint
change_sidecars (Bench *bench)
{
  guint n = bench->sidecars->len;
  g_autofree char *tag = g_strdup_printf ("bench-%u", bench->round);

  g_clear_pointer (&bench->changed, g_ptr_array_unref);
  bench->changed = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < bench->changes; k++)
    {
      const char *path = bench->sidecars->pdata[(bench->round * bench->changes + k) * 7919 % n];
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossSidecar) sidecar = gloss_sidecar_load (path, &error);
      g_autofree char *name = g_path_get_basename (path);

      g_ptr_array_add (bench->changed, g_strndup (name, strlen (name) - strlen (".notes.json")));

      if (sidecar == NULL)
        fail (path, error);
      g_ptr_array_add (sidecar->tags, g_strdup (tag));
      if (!gloss_sidecar_save (sidecar, &error))
        fail (path, error);
    }
  g_ptr_array_add (bench->changed, NULL);
  return bench->changes;
}

static void
run_change (Bench     *bench,
            BenchCall  call,
            guint      runs)
{
  g_autofree char *name = g_strdup_printf (call == call_update ? "update, %u sidecars changed"
                                           : "update of the %u articles named",
                                           bench->changes);

  bench->sidecars = find_sidecars (bench->dir);
  if (bench->sidecars->len < bench->changes * (runs + 1))
    {
      g_printerr ("library-query: %u sidecars are too few to change %u in each of %u runs\n",
                  bench->sidecars->len, bench->changes, runs + 1);
      exit (1);
    }
  print_measure (bench, name, change_sidecars, call, runs);
  g_ptr_array_unref (bench->sidecars);
  g_clear_pointer (&bench->changed, g_ptr_array_unref);
}

/* The search as asked (--limit), then once with no limit: how many match
 * in all, and how long that takes. */
static void
run_search (Bench      *bench,
            const char *query,
            guint       runs)
{
  g_autoptr(GString) line = g_string_new (query);
  guint limit = bench->limit;

  bench->query = query;
  measure (bench, NULL, call_search, runs, line);
  bench->limit = 0;
  measure (bench, NULL, call_search, 0, line);
  bench->limit = limit;
  g_print ("%s\n", line->str);
}

static int
run (Bench  *bench,
     char  **args,
     guint   runs)
{
  const char *command = args[0];

  if (g_strcmp0 (command, "update") == 0 && args[1] == NULL)
    print_measure (bench, "update, nothing changed", NULL, call_update, runs);
  else if (g_strcmp0 (command, "change") == 0 && args[1] != NULL && args[2] == NULL &&
           (bench->changes = g_ascii_strtoull (args[1], NULL, 10)) > 0)
    run_change (bench, call_update, runs);
  else if (g_strcmp0 (command, "change-named") == 0 && args[1] != NULL && args[2] == NULL &&
           (bench->changes = g_ascii_strtoull (args[1], NULL, 10)) > 0)
    run_change (bench, call_update_named, runs);
  else if (g_strcmp0 (command, "search") == 0 && args[1] != NULL)
    for (guint i = 1; args[i] != NULL; i++)
      run_search (bench, args[i], runs);
  else if (g_strcmp0 (command, "list") == 0 && args[1] == NULL)
    print_measure (bench, "list", NULL, call_list, runs);
  else if (g_strcmp0 (command, "highlights") == 0 && args[1] == NULL)
    print_measure (bench, "highlights", NULL, call_highlights, runs);
  else
    {
      g_printerr ("library-query: unknown command; see bench/library-query.c\n");
      return 2;
    }
  return 0;
}

int
main (int    argc,
      char **argv)
{
  int runs = 5, limit = 20;
  g_auto(GStrv) rest = NULL;
  GOptionEntry entries[] = {
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Timed runs after the first (5)", "N" },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, "Results a search asks for (20, as gloss search)", "N" },
    /* As bytes: the queries are UTF-8 whatever the locale. */
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, "DIR COMMAND…" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR COMMAND… — time the library index");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossIndex) index = NULL;
  Bench bench = { 0 };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || rest == NULL ||
      rest[0] == NULL || rest[1] == NULL || runs < 1 || limit < 0)
    {
      g_printerr ("%s\n", error ? error->message : "Usage: library-query DIR COMMAND…");
      return 2;
    }
  if ((index = gloss_index_open (rest[0], &error)) == NULL)
    fail (rest[0], error);
  bench.index = index;
  bench.dir = rest[0];
  bench.limit = limit;
  return run (&bench, rest + 1, runs);
}
