/* progress.js — reports how far the reader has scrolled, 0 to 1.
 *
 * Runs in the isolated "gloss" world; the page can neither see nor call it.
 * The article view saves the value to the sidecar and scrolls back to it the
 * next time the article opens.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
(function () {
  'use strict';

  let pending = 0;

  function fraction () {
    const max = document.documentElement.scrollHeight - window.innerHeight;
    if (max <= 0)
      return 1;
    return Math.min(1, Math.max(0, window.scrollY / max));
  }

  function report () {
    pending = 0;
    window.webkit.messageHandlers.progress.postMessage(fraction());
  }

  window.addEventListener('scroll', function () {
    if (!pending)
      pending = window.setTimeout(report, 200);
  }, { passive: true });
})();
