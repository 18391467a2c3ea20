/* tracker.js — a stand-in for an analytics script; clipping must never keep it. */
window.fcTracker = {
  init: function (options) { this.options = options; },
  pageView: function () { new Image().src = '/tr?ev=PageView&u=' + encodeURIComponent(location.href); },
  scrollDepth: function (marks) { this.marks = marks; }
};
