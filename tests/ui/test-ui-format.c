/* test-ui-format.c — how the window writes times: "5 minutes ago", and a
 * date past a month
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-ui.h"

/* gloss_ui_format_time () of the moment @seconds ago */
static char *
format_ago (gint64 seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, (double) -seconds);
  g_autofree char *iso8601 = g_date_time_format_iso8601 (then);

  return gloss_ui_format_time (iso8601);
}

static void
assert_ago (gint64      seconds,
            const char *expected)
{
  g_autofree char *text = format_ago (seconds);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_relative_times (void)
{
  g_autofree char *old = format_ago (40 * 24 * 3600);
  g_autofree char *none = gloss_ui_format_time (NULL);
  g_autofree char *bad = gloss_ui_format_time ("yesterday");

  assert_ago (20, "Just now");
  assert_ago (60 + 5, "1 minute ago");
  assert_ago (5 * 60 + 5, "5 minutes ago");
  assert_ago (3600 + 5, "1 hour ago");
  assert_ago (3 * 3600 + 5, "3 hours ago");
  assert_ago (2 * 24 * 3600 + 5, "2 days ago");
  /* Past a month: the date itself. */
  g_assert_cmpstr (old, !=, "");
  g_assert_null (strstr (old, "ago"));
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (bad, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/format/relative-times", test_relative_times);
  return g_test_run ();
}
