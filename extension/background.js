// background.js — the toolbar button and the context menu: the page as the
// browser rendered it goes to `gloss native-host` (see the README for the
// protocol), and the answer comes back as the button's badge and title.
"use strict";

const HOST = "io.github.glossapp.gloss";
const api = globalThis.browser ?? globalThis.chrome;
// What a clip may send along: pictures the site serves only with cookies.
const MAX_RESOURCE_BYTES = 4 * 1024 * 1024;
const MAX_RESOURCES_BYTES = 32 * 1024 * 1024;

api.runtime.onInstalled.addListener(() => {
  api.contextMenus.create({ id: "clip", title: "Clip to Gloss", contexts: ["page", "link", "image"] });
  api.contextMenus.create({ id: "clip-full", title: "Clip to Gloss (whole page)", contexts: ["page"] });
  api.contextMenus.create({ id: "highlight", title: "Highlight in Gloss", contexts: ["selection"] });
});

// Runs in the page: its DOM after scripts, its selection as a
// TextQuoteSelector, and the pictures it shows, read with the page's own
// credentials. Nothing of the page runs in the extension.
async function capturePage(maxResource, maxTotal) {
  const context = 32;
  let selection = null;
  const range = document.getSelection()?.rangeCount ? document.getSelection().getRangeAt(0) : null;
  if (range && !range.collapsed) {
    const exact = range.toString();
    const before = document.createRange();
    before.setStart(document.body, 0);
    before.setEnd(range.startContainer, range.startOffset);
    const after = document.createRange();
    after.setStart(range.endContainer, range.endOffset);
    after.setEnd(document.body, document.body.childNodes.length);
    selection = { exact, prefix: before.toString().slice(-context), suffix: after.toString().slice(0, context) };
  }
  const resources = {};
  let total = 0;
  for (const img of Array.from(document.images).slice(0, 200)) {
    const url = img.currentSrc || img.src;
    if (!/^https?:/.test(url) || url in resources)
      continue;
    try {
      const response = await fetch(url, { credentials: "include" });
      const blob = await response.blob();
      if (!response.ok || blob.size > maxResource || total + blob.size > maxTotal)
        continue;
      total += blob.size;
      resources[url] = await new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result);
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(blob);
      });
    } catch (e) {
      // Gloss fetches it itself, or lists it missing.
    }
  }
  const doctype = document.doctype ? "<!DOCTYPE html>" : "";
  return { url: location.href, title: document.title, html: doctype + document.documentElement.outerHTML,
           selection, resources };
}

function report(tabId, text, title) {
  api.action.setBadgeText({ tabId, text });
  api.action.setTitle({ tabId, title });
}

async function clipTab(tab, mode) {
  report(tab.id, "…", "Clipping to Gloss…");
  try {
    const [{ result: page }] = await api.scripting.executeScript({
      target: { tabId: tab.id }, func: capturePage, args: [MAX_RESOURCE_BYTES, MAX_RESOURCES_BYTES],
    });
    const answer = await api.runtime.sendNativeMessage(HOST, { type: "clip", mode, ...page });
    if (answer?.type === "clipped") {
      report(tab.id, "✓", `Clipped to Gloss: ${answer.title}`);
      return answer;
    }
    report(tab.id, "!", `Gloss could not clip this page: ${answer?.message ?? "no answer"}`);
    return answer;
  } catch (e) {
    report(tab.id, "!", `Gloss could not be reached (${e.message}). Is Gloss installed with its native host?`);
    return { type: "error", message: String(e.message) };
  }
}

api.action.onClicked.addListener((tab) => clipTab(tab, "reader"));
api.contextMenus.onClicked.addListener((info, tab) => {
  clipTab(tab, info.menuItemId === "clip-full" ? "full" : "reader");
});
globalThis.glossClipTab = clipTab;  // for tests driving the worker over DevTools
