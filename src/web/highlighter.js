/* highlighter.js — anchoring and painting of highlights in the article view
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs in the isolated script world "gloss" of the article view (injected with
 * webkit_user_script_new_for_world ()); page scripts never run, so this is the
 * only JavaScript in the page, and the page's world can see neither the
 * `gloss` object nor window.webkit.
 *
 * The text model and the anchoring algorithm are those of
 * src/lib/gloss-anchor.c, rule for rule; tests/data/anchoring.json pins them
 * down for both implementations, and tests/test-highlighter.c runs those
 * vectors here, inside WebKit. Keep the two in step.
 *
 * TEXT MODEL
 *   The concatenation, in document order, of every text node under <body>,
 *   except inside script, style, noscript and template. Positions count
 *   Unicode code points (not UTF-16 units), end exclusive. Painting adds no
 *   node to the document (CSS Custom Highlight API), so it never changes the
 *   text model, document.body.innerText or the layout.
 *
 * C → JS: webkit_web_view_evaluate_javascript (view, "gloss.…(…)", -1, "gloss", …)
 *   Arguments are JSON literals. Every argument is validated: a call with a
 *   bad argument throws a TypeError or RangeError (the evaluation fails with
 *   a GError naming it) and changes nothing.
 *
 *   gloss.version                     → 1
 *   gloss.text ()                     → string, the text model
 *   gloss.anchor (selector)           → {start, end, method} or {method: "orphan"}
 *       selector: {exact: string, prefix?: string|null, suffix?: string|null,
 *                  start?: integer|null, end?: integer|null}  (-1/null: no position)
 *       method: "position" | "quote" | "fuzzy" | "orphan"
 *   gloss.anchorAll ([selector, …])   → [result, …], the same for many
 *   gloss.describe (start, end)       → {exact, prefix, suffix, start, end}
 *       0 ≤ start ≤ end ≤ length; prefix and suffix are up to 32 code points.
 *   gloss.selection ()                → {exact, prefix, suffix, start, end, rect} or null
 *       null when nothing, or nothing of the text model, is selected. The
 *       range is exactly what is selected (white space included).
 *   gloss.paint ([{id, color, start, end}, …])   → number of highlights painted
 *       id: non-empty string (≤ 256 characters); color: "yellow" | "green" |
 *       "blue" | "pink" | "purple"; 0 ≤ start < end ≤ length. Adds each one,
 *       replacing any painted highlight with the same id; others stay. All or
 *       nothing: one bad entry and none is painted. Returns 0 when the CSS
 *       Custom Highlight API is missing ("ready" says highlightApi: false;
 *       WebKitGTK 2.50 has it, so there is no <mark> fallback).
 *   gloss.unpaint (id)                → true if it was painted
 *   gloss.clear ()                    → removes every highlight
 *   gloss.flash (id)                  → true if painted; blinks it briefly
 *   gloss.scrollTo (id, smooth?)      → rect of the highlight after scrolling, or null
 *   gloss.painted ()                  → [{id, color, start, end}, …] in document order
 *   gloss.placeCaret ()               → true if the caret moved
 *       Caret browsing (WebKit's enable-caret-browsing) shows the collapsed
 *       selection as a caret. One in view (where a click put it) or a
 *       selection stays; else the caret goes to the start of the first
 *       paragraph that starts in view (of the first line in view if none does).
 *   gloss.collapseSelection ()        → true; the selection becomes a caret
 *       where its focus was (where the keyboard extended it to)
 *
 *   A rect is {x, y, width, height} in CSS pixels relative to the top left of
 *   the view's viewport (multiply by the view's zoom level for widget pixels).
 *
 * JS → C: window.webkit.messageHandlers.gloss.postMessage (message), one of
 *   {type: "ready", version: 1, highlightApi: boolean, length: integer}
 *       once per document, when the script is set up and the body parsed;
 *       length is the text model's length.
 *   {type: "selection", empty: false, pointer, exact, prefix, suffix, start, end, rect}
 *   {type: "selection", empty: true}
 *       when the selection changes (debounced, 150 ms; never twice the same),
 *       and at once on a key press, so that a key acting on the selection
 *       (Ctrl+H) finds C told of what the keys before it selected.
 *       pointer: whether the pointer (else the keyboard) made it.
 *   {type: "activate", id: string, rect}
 *       on a primary click on a painted highlight while nothing is selected;
 *       id is the innermost (shortest) highlight under the pointer, rect the
 *       line box of it that was clicked. The click itself goes on (a link
 *       under it still reaches decide-policy).
 *   {type: "context", id: string | null}
 *       on every "contextmenu" event, before the context menu is asked for:
 *       the innermost highlight under the pointer, or null.
 *   C must still validate every message: it cannot come from the page, whose
 *   world has no handler, but it is data all the same.
 */
'use strict';

(() => {
  /* Injected once per document; an element with id="gloss" does not count. */
  if (Object.getOwnPropertyDescriptor(globalThis, 'gloss') !== undefined)
    return;

  const VERSION = 1;
  /* GLOSS_ANNOTATION_CONTEXT_LENGTH */
  const CONTEXT_LENGTH = 32;
  /* A fuzzy match may have floor(m / 5) edits, and never more than 256. */
  const FUZZY_EDITS_DIVISOR = 5;
  const FUZZY_EDITS_MAX = 256;
  const COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'];
  const HIDDEN_ELEMENTS = new Set(['script', 'style', 'noscript', 'template']);
  const MAX_ID_LENGTH = 256;
  const SELECTION_DELAY_MS = 150;
  const FLASH_MS = 300;
  const FLASH_TIMES = 2;

  /* The DOM as its prototypes define it, captured now: a page's named
   * elements (<img name="body">, <form name="createRange">, a form's
   * <img name="firstChild">) shadow properties of document and of forms, in
   * every script world, but not these. */
  const getterOf = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
  const bodyOf = getterOf(Document.prototype, 'body');
  const headOf = getterOf(Document.prototype, 'head');
  const rootOf = getterOf(Document.prototype, 'documentElement');
  const readyStateOf = getterOf(Document.prototype, 'readyState');
  const createRange = Document.prototype.createRange;
  const createElement = Document.prototype.createElement;
  const caretRangeFromPoint = Document.prototype.caretRangeFromPoint;
  const listen = EventTarget.prototype.addEventListener;
  const firstChildOf = getterOf(Node.prototype, 'firstChild');
  const nextSiblingOf = getterOf(Node.prototype, 'nextSibling');
  const parentOf = getterOf(Node.prototype, 'parentNode');
  const typeOf = getterOf(Node.prototype, 'nodeType');
  const localNameOf = getterOf(Element.prototype, 'localName');
  const newRange = () => createRange.call(document);

  const highlightApi = typeof Highlight === 'function' &&
                       typeof CSS === 'object' && CSS.highlights !== undefined;

  /* Validation of what C sends */

  function fail(Type, message) {
    throw new Type(`gloss: ${message}`);
  }

  function checkString(value, what) {
    if (typeof value !== 'string')
      fail(TypeError, `${what} must be a string`);
    return value;
  }

  function checkOptionalString(value, what) {
    if (value === undefined || value === null)
      return '';
    return checkString(value, what);
  }

  /* An integer, or -1 for none. */
  function checkOptionalPosition(value, what) {
    if (value === undefined || value === null)
      return -1;
    if (!Number.isSafeInteger(value))
      fail(TypeError, `${what} must be an integer or null`);
    return value;
  }

  function checkRange(start, end, length) {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end))
      fail(TypeError, 'start and end must be integers');
    if (start < 0 || start > end || end > length)
      fail(RangeError, `[${start}, ${end}) is not within the text (length ${length})`);
  }

  function checkId(id) {
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH)
      fail(TypeError, `an id must be a non-empty string of at most ${MAX_ID_LENGTH} characters`);
    return id;
  }

  function checkObject(value, what) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      fail(TypeError, `${what} must be an object`);
    return value;
  }

  /* Code points */

  function codePoints(string) {
    const chars = [];
    for (const c of string)
      chars.push(c.codePointAt(0));
    return chars;
  }

  /* The same set as gloss-anchor.c's is_space (): U+0009–U+000D and the
   * Unicode categories Zs, Zl and Zp. */
  const UNICODE_SPACE = /^[\p{Zs}\p{Zl}\p{Zp}]$/u;

  function isSpace(c) {
    if (c >= 0x09 && c <= 0x0d)
      return true;
    if (c < 0x80)
      return c === 0x20;
    return UNICODE_SPACE.test(String.fromCodePoint(c));
  }

  /* The text model */

  function isHidden(element) {
    return HIDDEN_ELEMENTS.has(localNameOf.call(element).toLowerCase());
  }

  /* Built on demand and kept until the document changes:
   *   text     the text model, as a JavaScript string
   *   chars    its code points
   *   offsets  offsets[i]: where code point i starts in text (UTF-16 units);
   *            offsets[length] = text.length
   *   nodes    the text nodes, in order; starts[k] is where nodes[k] starts
   *            (code points); index maps a node to k */
  let model = null;
  const observer = new MutationObserver(() => { model = null; });

  function buildModel() {
    const nodes = [];
    const starts = [];
    const index = new Map();
    const parts = [];
    const chars = [];
    const offsets = [];
    const body = bodyOf.call(document);
    let offset = 0;

    /* Iterative, so that a deeply nested page cannot exhaust the stack. */
    let node = body !== null ? firstChildOf.call(body) : null;
    while (node !== null) {
      const type = typeOf.call(node);
      if (type === Node.TEXT_NODE || type === Node.CDATA_SECTION_NODE) {
        index.set(node, nodes.length);
        nodes.push(node);
        starts.push(chars.length);
        parts.push(node.data);
        for (const c of node.data) {
          offsets.push(offset);
          chars.push(c.codePointAt(0));
          offset += c.length;
        }
      }
      if (type === Node.ELEMENT_NODE && firstChildOf.call(node) !== null && !isHidden(node)) {
        node = firstChildOf.call(node);
        continue;
      }
      while (node !== body && nextSiblingOf.call(node) === null)
        node = parentOf.call(node);
      node = node !== body ? nextSiblingOf.call(node) : null;
    }
    offsets.push(offset);

    return { text: parts.join(''), chars, offsets, nodes, starts, index };
  }

  function getModel() {
    /* Records not yet delivered mean the cached model may be stale. */
    if (observer.takeRecords().length > 0)
      model = null;
    if (model === null) {
      model = buildModel();
      observer.observe(document, { childList: true, subtree: true, characterData: true });
    }
    return model;
  }

  /* Code point offset within a text node → UTF-16 offset. */
  function unitOffset(data, points) {
    let units = 0;
    for (const c of data) {
      if (points-- <= 0)
        break;
      units += c.length;
    }
    return units;
  }

  /* The number of code points of a string, counted as for..of does. */
  function pointCount(string) {
    let count = 0;
    for (let i = 0; i < string.length; i += string.codePointAt(i) > 0xffff ? 2 : 1)
      count++;
    return count;
  }

  /* The text position of a DOM boundary point: the code points of the text
   * model before it. */
  function positionOf(m, container, offset) {
    const k = m.index.get(container);
    if (k !== undefined)
      return m.starts[k] + pointCount(container.data.slice(0, offset));

    /* Elsewhere: the start of the first text node at or after the point. */
    const point = newRange();
    point.setStart(container, offset);
    let low = 0;
    let high = m.nodes.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (point.comparePoint(m.nodes[middle], 0) < 0)
        low = middle + 1;
      else
        high = middle;
    }
    return low < m.nodes.length ? m.starts[low] : m.chars.length;
  }

  /* The index of the last node starting at or before position (or, with
   * strict, strictly before it), -1 if none. */
  function lastNodeBefore(m, position, strict) {
    let low = 0;
    let high = m.nodes.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (strict ? m.starts[middle] < position : m.starts[middle] <= position)
        low = middle + 1;
      else
        high = middle;
    }
    return low - 1;
  }

  /* A DOM Range for [start, end) of the text model, 0 ≤ start < end ≤ length.
   * It starts in the node holding the first code point and ends in the one
   * holding the last, so it never spills into a neighbouring paragraph. */
  function domRange(m, start, end) {
    const range = newRange();
    const first = m.nodes[lastNodeBefore(m, start, false)];
    const last = m.nodes[lastNodeBefore(m, end, true)];
    const firstStart = m.starts[m.index.get(first)];
    const lastStart = m.starts[m.index.get(last)];

    range.setStart(first, unitOffset(first.data, start - firstStart));
    range.setEnd(last, unitOffset(last.data, end - lastStart));
    return range;
  }

  function rectOf(rect) {
    return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
  }

  /* Anchoring: see gloss-anchor.c */

  function matchesAt(text, at, pattern) {
    if (at + pattern.length > text.length)
      return false;
    for (let i = 0; i < pattern.length; i++)
      if (text[at + i] !== pattern[i])
        return false;
    return true;
  }

  /* Text with every run of white space turned into one space; chars[i]
   * stands for the original [starts[i], starts[i + 1]). */
  function collapse(chars) {
    const out = [];
    const starts = [];
    let i = 0;
    while (i < chars.length) {
      starts.push(i);
      if (isSpace(chars[i])) {
        while (i < chars.length && isSpace(chars[i]))
          i++;
        out.push(0x20);
      } else {
        out.push(chars[i++]);
      }
    }
    starts.push(chars.length);
    return { chars: out, starts };
  }

  /* How much of the prefix's end and the suffix's start surround [start, end). */
  function contextScore(selector, start, end) {
    const { text, prefix, suffix } = selector;
    let before = 0;
    let after = 0;
    while (before < prefix.length && before < start &&
           prefix[prefix.length - 1 - before] === text[start - 1 - before])
      before++;
    while (after < suffix.length && end + after < text.length &&
           suffix[after] === text[end + after])
      after++;
    return before + after;
  }

  function distanceFrom(start, oldStart) {
    return oldStart < 0 ? 0 : Math.abs(start - oldStart);
  }

  /* Fewest edits, then the most context, then nearest the old position, then
   * first in the document. */
  function isBetter(candidate, best) {
    if (best === null)
      return true;
    if (candidate.edits !== best.edits)
      return candidate.edits < best.edits;
    if (candidate.context !== best.context)
      return candidate.context > best.context;
    if (candidate.distance !== best.distance)
      return candidate.distance < best.distance;
    return candidate.start < best.start;
  }

  function positionHolds(selector, start, end) {
    return start >= 0 && end - start === selector.exact.length &&
           matchesAt(selector.text, start, selector.exact);
  }

  function findExact(selector, oldStart) {
    const { text, exact } = selector;
    let best = null;
    for (let i = 0; i + exact.length <= text.length; i++) {
      if (text[i] !== exact[0] || !matchesAt(text, i, exact))
        continue;
      const candidate = {
        start: i, end: i + exact.length, edits: 0,
        context: contextScore(selector, i, i + exact.length),
        distance: distanceFrom(i, oldStart),
      };
      if (isBetter(candidate, best))
        best = candidate;
    }
    return best;
  }

  /* Myers' bit-vector approximate matching (J. ACM 46(3), 1999) over blocks
   * of 32 pattern rows (Hyyrö 2003), as gloss-anchor.c does with 64. Unlike
   * the C code this computes every block of every column, so all scores are
   * exact; the C code may report any score above the edit limit as limit + 1,
   * which selects the same candidates (they all lie at or under the limit). */
  const WORD_BITS = 32;
  const HIGH_BIT = 0x80000000 | 0;

  class Pattern {
    constructor(chars) {
      this.length = chars.length;
      this.nBlocks = Math.ceil(chars.length / WORD_BITS);
      this.none = new Uint32Array(this.nBlocks);
      this.peq = new Map();
      chars.forEach((c, i) => {
        let rows = this.peq.get(c);
        if (rows === undefined) {
          rows = new Uint32Array(this.nBlocks);
          this.peq.set(c, rows);
        }
        rows[Math.floor(i / WORD_BITS)] |= 1 << (i % WORD_BITS);
      });
    }

    /* The rows of the pattern holding c, block by block. */
    rows(c) {
      return this.peq.get(c) ?? this.none;
    }
  }

  function popcount(x) {
    x >>>= 0;
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    x = (x + (x >>> 4)) & 0x0f0f0f0f;
    return Math.imul(x, 0x01010101) >>> 24;
  }

  /* One column of block b: hin is the score change entering its top row, the
   * result the change leaving its bottom row. */
  function advanceBlock(pv, mv, b, eqIn, hin) {
    const p = pv[b] | 0;
    const m = mv[b] | 0;
    let eq = eqIn | 0;
    const xv = eq | m;
    if (hin < 0)
      eq |= 1;
    const xh = ((((eq & p) + p) | 0) ^ p) | eq;
    let ph = m | ~(xh | p);
    let mh = p & xh;
    let hout = 0;
    if (ph & HIGH_BIT)
      hout = 1;
    else if (mh & HIGH_BIT)
      hout = -1;
    ph <<= 1;
    mh <<= 1;
    if (hin < 0)
      mh |= 1;
    else if (hin > 0)
      ph |= 1;
    pv[b] = mh | ~(xv | ph);
    mv[b] = ph & xv;
    return hout;
  }

  /* scores[j], j in 0..text.length: the edit distance between the pattern and
   * the best substring of text ending at j or, when anchored, [0, j). */
  function computeScores(pattern, text, anchored) {
    const nBlocks = pattern.nBlocks;
    const pv = new Uint32Array(nBlocks).fill(0xffffffff);
    const mv = new Uint32Array(nBlocks);
    const bottoms = new Float64Array(nBlocks);
    const lastRow = (pattern.length - 1) % WORD_BITS;
    /* The padding rows under the pattern's last one. */
    const padding = lastRow === WORD_BITS - 1 ? 0 : (~0 << (lastRow + 1));
    const scores = new Uint32Array(text.length + 1);

    for (let b = 0; b < nBlocks; b++)
      bottoms[b] = (b + 1) * WORD_BITS;
    scores[0] = pattern.length;
    for (let j = 0; j < text.length; j++) {
      const eq = pattern.rows(text[j]);
      let h = anchored ? 1 : 0;
      for (let b = 0; b < nBlocks; b++) {
        h = advanceBlock(pv, mv, b, eq[b], h);
        bottoms[b] += h;
      }
      scores[j + 1] = bottoms[nBlocks - 1] - popcount(pv[nBlocks - 1] & padding) +
                      popcount(mv[nBlocks - 1] & padding);
    }
    return scores;
  }

  /* Where the best match ending at end starts: the anchored search of the
   * reversed pattern over the reversed text before end; of equally good
   * starts, the earliest. */
  function findMatchStart(reversed, text, end, maxEdits) {
    const window = Math.min(end, reversed.length + maxEdits);
    const backwards = new Array(window);
    for (let i = 0; i < window; i++)
      backwards[i] = text[end - 1 - i];
    const scores = computeScores(reversed, backwards, true);
    let best = 0;
    for (let i = 1; i <= window; i++)
      if (scores[i] <= scores[best])
        best = i;
    return { start: end - best, edits: scores[best] };
  }

  /* Matches within maxEdits edits, white space collapsed on both sides; each
   * local minimum of the score (the last end of a plateau) is a candidate. */
  function findFuzzy(selector, oldStart) {
    const text = collapse(selector.text);
    const exact = collapse(selector.exact);
    const collapsed = {
      text: text.chars,
      exact: exact.chars,
      prefix: collapse(selector.prefix).chars,
      suffix: collapse(selector.suffix).chars,
    };
    const maxEdits = Math.min(Math.floor(exact.chars.length / FUZZY_EDITS_DIVISOR),
                              FUZZY_EDITS_MAX);
    const n = text.chars.length;

    if (!exact.chars.some((c) => !isSpace(c)) || n === 0)
      return null;

    const pattern = new Pattern(exact.chars);
    const reversed = new Pattern([...exact.chars].reverse());
    const scores = computeScores(pattern, text.chars, false);
    let descending = true;
    let best = null;

    for (let j = 1; j <= n; j++) {
      if (scores[j] !== scores[j - 1])
        descending = scores[j] < scores[j - 1];
      if (!descending || scores[j] > maxEdits || (j < n && scores[j + 1] <= scores[j]))
        continue;

      const match = findMatchStart(reversed, text.chars, j, maxEdits);
      const candidate = {
        start: text.starts[match.start],
        end: text.starts[j],
        edits: match.edits,
        context: contextScore(collapsed, match.start, j),
        distance: 0,
      };
      candidate.distance = distanceFrom(candidate.start, oldStart);
      if (isBetter(candidate, best))
        best = candidate;
    }
    return best;
  }

  /* gloss_anchor_find () on code point arrays. */
  function anchorChars(text, exact, prefix, suffix, start, end) {
    const selector = { text, exact, prefix, suffix };

    /* An empty highlight has nothing to show wherever it lands. */
    if (exact.length === 0)
      return { method: 'orphan' };
    if (end < 0)
      start = -1;

    if (positionHolds(selector, start, end))
      return { start, end, method: 'position' };
    let match = findExact(selector, start);
    if (match !== null)
      return { start: match.start, end: match.end, method: 'quote' };
    match = findFuzzy(selector, start);
    if (match !== null)
      return { start: match.start, end: match.end, method: 'fuzzy' };
    return { method: 'orphan' };
  }

  function anchor(selector) {
    checkObject(selector, 'a selector');
    const exact = checkString(selector.exact, 'selector.exact');
    const prefix = checkOptionalString(selector.prefix, 'selector.prefix');
    const suffix = checkOptionalString(selector.suffix, 'selector.suffix');
    const start = checkOptionalPosition(selector.start, 'selector.start');
    const end = checkOptionalPosition(selector.end, 'selector.end');

    return anchorChars(getModel().chars, codePoints(exact), codePoints(prefix),
                       codePoints(suffix), start, end);
  }

  function describeIn(m, start, end) {
    const before = Math.max(0, start - CONTEXT_LENGTH);
    const after = Math.min(m.chars.length, end + CONTEXT_LENGTH);
    const slice = (a, b) => m.text.slice(m.offsets[a], m.offsets[b]);
    return {
      exact: slice(start, end),
      prefix: slice(before, start),
      suffix: slice(end, after),
      start,
      end,
    };
  }

  /* The selection */

  function currentSelection() {
    const selection = window.getSelection();
    if (selection === null || selection.rangeCount === 0 || selection.isCollapsed)
      return null;

    const range = selection.getRangeAt(0);
    const m = getModel();
    let start = positionOf(m, range.startContainer, range.startOffset);
    let end = positionOf(m, range.endContainer, range.endOffset);
    /* A triple-click takes the paragraph with the white space after it:
     * the quote is the words, not the layout around them. */
    while (start < end && isSpace(m.chars[start]))
      start++;
    while (end > start && isSpace(m.chars[end - 1]))
      end--;
    if (end <= start)
      return null;
    return { ...describeIn(m, start, end), rect: rectOf(range.getBoundingClientRect()) };
  }

  /* Painting, with one Highlight per colour (and one for flashing) in the
   * document's highlight registry, styled by ::highlight() rules in a style
   * element of <head>, outside the text model. Colours are translucent, so
   * overlapping highlights show through each other. */
  const STYLE = `
::highlight(gloss-yellow) { background-color: rgba(250, 220, 40, 0.45); }
::highlight(gloss-green) { background-color: rgba(80, 200, 90, 0.38); }
::highlight(gloss-blue) { background-color: rgba(60, 140, 240, 0.35); }
::highlight(gloss-pink) { background-color: rgba(240, 90, 160, 0.35); }
::highlight(gloss-purple) { background-color: rgba(150, 90, 220, 0.35); }
::highlight(gloss-flash) { background-color: rgba(255, 120, 0, 0.55); }
`;

  /* id → {id, color, start, end, range} */
  const painted = new Map();
  const registry = new Map();
  let styleElement = null;
  let flashing = null;

  function setUpPainting() {
    if (!highlightApi || styleElement !== null)
      return;
    styleElement = createElement.call(document, 'style');
    styleElement.id = 'gloss-highlights';
    styleElement.textContent = STYLE;
    (headOf.call(document) ?? rootOf.call(document)).appendChild(styleElement);
    for (const name of [...COLORS, 'flash']) {
      const highlight = new Highlight();
      /* Flashing shows above the colours. */
      highlight.priority = name === 'flash' ? 1 : 0;
      CSS.highlights.set(`gloss-${name}`, highlight);
      registry.set(name, highlight);
    }
  }

  function paint(list) {
    if (!Array.isArray(list))
      fail(TypeError, 'paint takes an array');
    const m = getModel();
    const checked = list.map((item) => {
      checkObject(item, 'a highlight');
      const id = checkId(item.id);
      if (!COLORS.includes(item.color))
        fail(TypeError, `color must be one of ${COLORS.join(', ')}`);
      checkRange(item.start, item.end, m.chars.length);
      if (item.start === item.end)
        fail(RangeError, `highlight ${id} is empty`);
      return { id, color: item.color, start: item.start, end: item.end };
    });
    if (!highlightApi)
      return 0;

    setUpPainting();
    for (const item of checked) {
      unpaint(item.id);
      item.range = domRange(m, item.start, item.end);
      registry.get(item.color).add(item.range);
      painted.set(item.id, item);
    }
    return checked.length;
  }

  function unpaint(id) {
    checkId(id);
    const item = painted.get(id);
    if (item === undefined)
      return false;
    registry.get(item.color).delete(item.range);
    painted.delete(id);
    return true;
  }

  function clear() {
    for (const id of [...painted.keys()])
      unpaint(id);
  }

  function stopFlashing() {
    if (flashing === null)
      return;
    clearTimeout(flashing.timer);
    registry.get('flash').clear();
    flashing = null;
  }

  function flash(id) {
    checkId(id);
    const item = painted.get(id);
    if (item === undefined)
      return false;
    stopFlashing();
    let steps = FLASH_TIMES * 2;
    const step = () => {
      if (steps-- <= 0) {
        stopFlashing();
        return;
      }
      if (steps % 2 === 1)
        registry.get('flash').add(item.range);
      else
        registry.get('flash').clear();
      flashing.timer = setTimeout(step, FLASH_MS);
    };
    flashing = { timer: 0 };
    step();
    return true;
  }

  function scrollTo(id, smooth) {
    checkId(id);
    if (smooth !== undefined && typeof smooth !== 'boolean')
      fail(TypeError, 'smooth must be a boolean');
    const item = painted.get(id);
    if (item === undefined)
      return null;
    /* Its first line a third of the way down the view. */
    const rect = item.range.getBoundingClientRect();
    window.scrollTo({
      top: Math.max(0, window.scrollY + rect.top - window.innerHeight / 3),
      left: window.scrollX,
      behavior: smooth ? 'smooth' : 'auto',
    });
    return rectOf(item.range.getBoundingClientRect());
  }

  function paintedList() {
    return [...painted.values()]
      .sort((a, b) => a.start - b.start || a.end - b.end)
      .map(({ id, color, start, end }) => ({ id, color, start, end }));
  }

  /* The caret */

  /* The first client rect of the character at (node, offset), or of the
   * point itself at the end of the node; null when it is not laid out. */
  function pointRect(node, offset) {
    const range = newRange();
    range.setStart(node, offset);
    if (typeOf.call(node) === Node.TEXT_NODE && offset < node.data.length)
      range.setEnd(node, offset + 1);
    const rects = range.getClientRects();
    return rects.length > 0 ? rects[0] : null;
  }

  function isInView(rect) {
    return rect !== null && rect.bottom > 0 && rect.top < window.innerHeight &&
           rect.right > 0 && rect.left < window.innerWidth;
  }

  /* The nearest ancestor laid out as a block: the paragraph of a node. */
  function blockOf(node) {
    const root = rootOf.call(document);
    let element = parentOf.call(node);
    while (element !== root && getComputedStyle(element).display.startsWith('inline'))
      element = parentOf.call(element);
    return element;
  }

  /* The start of the first line in view of @node's paragraph, from the
   * first of its lines that is wholly below the top of the view. */
  function firstLineInView(node) {
    const range = newRange();
    range.selectNodeContents(node);
    const left = blockOf(node).getBoundingClientRect().left;
    for (const rect of range.getClientRects()) {
      if (!isInView(rect) || rect.top < 0)
        continue;
      const point = caretRangeFromPoint.call(document, Math.max(left, 0) + 1,
                                             rect.top + rect.height / 2);
      return point !== null ? { node: point.startContainer, offset: point.startOffset } : null;
    }
    return null;
  }

  function nodeRect(node) {
    const range = newRange();
    range.selectNodeContents(node);
    return range.getBoundingClientRect();
  }

  /* Where a caret put in view goes: the start of the first paragraph that
   * starts in view; else the first line in view. */
  function caretStartInView() {
    let previous = null;
    let fallback = null;
    for (const node of getModel().nodes) {
      const offset = node.data.search(/\S/);
      if (offset < 0)
        continue;
      const start = pointRect(node, offset);
      if (start !== null && start.top >= window.innerHeight)
        break;
      if (isInView(start) && (previous === null || !blockOf(node).contains(previous)))
        return { node, offset };
      if (fallback === null && isInView(nodeRect(node)))
        fallback = node;
      previous = node;
    }
    return fallback !== null ? firstLineInView(fallback) : null;
  }

  function placeCaret() {
    const selection = window.getSelection();
    if (selection.rangeCount > 0 && (!selection.isCollapsed ||
                                     isInView(pointRect(selection.focusNode,
                                                        selection.focusOffset))))
      return false;
    const start = caretStartInView();
    if (start === null)
      return false;
    selection.collapse(start.node, start.offset);
    return true;
  }

  function collapseSelection() {
    const selection = window.getSelection();
    if (selection.rangeCount > 0)
      selection.collapse(selection.focusNode, selection.focusOffset);
    return true;
  }

  /* Messages to C */

  function post(message) {
    try {
      window.webkit.messageHandlers.gloss.postMessage(message);
    } catch (error) {
      console.error('gloss: cannot post a message:', error);
    }
  }

  /* The innermost (shortest) highlight under (x, y), the later painted of
   * equals, with its line box there: {item, rect}, or null. */
  function highlightAt(x, y) {
    let hit = null;
    for (const item of painted.values()) {
      for (const rect of item.range.getClientRects()) {
        if (x < rect.left || x > rect.right || y < rect.top || y > rect.bottom)
          continue;
        if (hit === null || item.end - item.start <= hit.item.end - hit.item.start)
          hit = { item, rect };
        break;
      }
    }
    return hit;
  }

  /* A click on a highlight. */
  function onClick(event) {
    if (event.button !== 0 || painted.size === 0)
      return;
    const selection = window.getSelection();
    if (selection !== null && !selection.isCollapsed)
      return;

    const hit = highlightAt(event.clientX, event.clientY);
    if (hit !== null)
      post({ type: 'activate', id: hit.item.id, rect: rectOf(hit.rect) });
  }

  /* A right-click: which highlight it is on, told before WebKit asks the
   * window for the context menu (the message goes first, on the same
   * channel). */
  function onContextMenu(event) {
    const hit = highlightAt(event.clientX, event.clientY);
    post({ type: 'context', id: hit === null ? null : hit.item.id });
  }

  let selectionTimer = 0;
  let lastSelection = null;

  function reportSelection() {
    selectionTimer = 0;
    const current = currentSelection();
    const message = current === null
      ? { type: 'selection', empty: true }
      : { type: 'selection', empty: false, pointer: byPointer, ...current };
    const key = JSON.stringify(message);
    if (key === lastSelection)
      return;
    lastSelection = key;
    post(message);
  }

  /* A selection being dragged out is reported once the button is let go:
   * the popover then comes up once, where the selection ends, and not
   * under the pointer on the way. Whether the pointer or the keyboard made
   * it goes with it: the window shows the popover only for the pointer, so
   * that Shift+arrows keep the keyboard. */
  let dragging = false;
  let byPointer = true;

  function onSelectionChange() {
    clearTimeout(selectionTimer);
    if (!dragging)
      selectionTimer = setTimeout(reportSelection, SELECTION_DELAY_MS);
  }

  function onPointerDown(event) {
    if (event.button === 0)
      dragging = true;
  }

  function onPointerUp(event) {
    if (!dragging || (event.type === 'pointerup' && event.button !== 0))
      return;
    dragging = false;
    byPointer = true;
    onSelectionChange();
  }

  /* The key may be one that acts on the selection (Ctrl+H): C hears of
   * the selection the keys before it made now, not 150 ms later. */
  function onKeyDown() {
    byPointer = false;
    if (dragging)
      return;
    clearTimeout(selectionTimer);
    reportSelection();
  }

  function onReady() {
    setUpPainting();
    post({ type: 'ready', version: VERSION, highlightApi, length: getModel().chars.length });
  }

  /* The API, read-only */

  const api = {
    version: VERSION,
    text: () => getModel().text,
    anchor,
    anchorAll(selectors) {
      if (!Array.isArray(selectors))
        fail(TypeError, 'anchorAll takes an array');
      return selectors.map(anchor);
    },
    describe(start, end) {
      const m = getModel();
      checkRange(start, end, m.chars.length);
      return describeIn(m, start, end);
    },
    selection: currentSelection,
    paint,
    unpaint,
    clear,
    flash,
    scrollTo,
    painted: paintedList,
    placeCaret,
    collapseSelection,
  };
  Object.freeze(api);
  Object.defineProperty(globalThis, 'gloss', { value: api, enumerable: true });

  listen.call(document, 'click', onClick, true);
  listen.call(document, 'contextmenu', onContextMenu, true);
  listen.call(document, 'selectionchange', onSelectionChange);
  listen.call(window, 'pointerdown', onPointerDown, true);
  listen.call(window, 'pointerup', onPointerUp, true);
  listen.call(window, 'pointercancel', onPointerUp, true);
  listen.call(window, 'keydown', onKeyDown, true);
  if (readyStateOf.call(document) === 'loading')
    listen.call(document, 'DOMContentLoaded', onReady, { once: true });
  else
    onReady();
})();
