/* gloss-i18n.h — the user's language, for every program of Gloss
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void gloss_i18n_init (void);

G_END_DECLS
