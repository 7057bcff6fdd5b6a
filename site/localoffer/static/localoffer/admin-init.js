// Starts the Wagtail admin widgets and panels whose templates (templates/wagtailadmin/) carry
// their options in data attributes instead of an inline <script>, which the admin's
// Content-Security-Policy forbids (localoffer/headers.py). Also for forms added later.
(function () {
  "use strict";
  var constructors = { InlinePanel: true, MultipleChooserPanel: true };

  function start(element) {
    if (element.dataset.loStarted) return;
    var name = element.dataset.loInit;
    var target = window[name];
    if (typeof target !== "function") return;
    element.dataset.loStarted = "1";
    var options = JSON.parse(element.dataset.loOptions || "{}");
    if (constructors[name]) {
      new target(options); // eslint-disable-line no-new
    } else {
      target(element.dataset.loTarget, options);
    }
  }

  function startAll(root) {
    if (root.matches && root.matches("[data-lo-init]")) start(root);
    if (root.querySelectorAll) root.querySelectorAll("[data-lo-init]").forEach(start);
  }

  function begin() {
    startAll(document);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(startAll);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", begin);
  } else {
    begin();
  }
})();
