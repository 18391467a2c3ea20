/* gloss-sidecar-private.h — the sidecar's writer queue, for the library
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-sidecar.h"

G_BEGIN_DECLS

/* Runs @func for @task in a worker thread once every sidecar save asked for
 * before has landed: a reader started after a save sees what it wrote. */
void _gloss_sidecar_run_after_saves (GTask           *task,
                                     GTaskThreadFunc  func);

G_END_DECLS
