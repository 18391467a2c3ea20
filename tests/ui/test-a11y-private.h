/* test-a11y-private.h — what test-a11y.c shares with test-a11y-bus.c, which
 * starts an accessibility bus of the test's own
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

typedef struct
{
  char        *dir;
  char        *address;
  GSubprocess *daemon;
  GSubprocess *registry;
} A11yBus;

/* Run in each process this test starts, so that none outlives a test that
 * aborts (and keeps meson waiting on its output). */
void     die_with_test  (gpointer  data);
/* A dbus-daemon and a registry of our own; NULL, and *@why set, when this
 * machine has none to start. */
A11yBus *a11y_bus_start (char    **why);
void     a11y_bus_free  (A11yBus  *bus);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (A11yBus, a11y_bus_free)
