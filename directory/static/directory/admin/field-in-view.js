// A "Missing: …" link names a field by its id (#id_equipment), often in a tab that is not
// open. Wagtail's focus controller opens the tab and focuses the field, but the tab's text
// areas then grow to fit their text, and the scroll that brought the field into view is lost:
// the cursor is in a field the editor cannot see. So the field is kept in view until its tab
// has settled, unless the editor scrolls, types or clicks first. The same for a page opened
// at #id_<field> (the dashboard's links).
(function () {
  "use strict";
  var SETTLE_MS = 1500;
  var INTERRUPTIONS = ["wheel", "touchstart", "keydown", "mousedown"];

  function keepInView(field) {
    var area = field.closest("[role=tabpanel]") || field.form || document.body;
    var done = false;
    var observer = new ResizeObserver(function () {
      window.requestAnimationFrame(centre);
    });

    // "instant": the admin scrolls smoothly, and a smooth scroll is cut short by the next
    // resize.
    function centre() {
      if (!done) field.scrollIntoView({ block: "center", behavior: "instant" });
    }

    function stop() {
      done = true;
      observer.disconnect();
      INTERRUPTIONS.forEach(function (name) {
        window.removeEventListener(name, stop, true);
      });
    }

    INTERRUPTIONS.forEach(function (name) {
      window.addEventListener(name, stop, { capture: true, passive: true });
    });
    observer.observe(area);
    window.setTimeout(function () {
      centre();
      stop();
    }, SETTLE_MS);
  }

  document.addEventListener("w-focus:focused", function (event) {
    if (event.target instanceof HTMLElement) keepInView(event.target);
  });

  function fromAddress() {
    var id = window.location.hash.slice(1);
    if (id.indexOf("id_") !== 0) return;
    var field = document.getElementById(id);
    if (field) keepInView(field);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fromAddress);
  } else {
    fromAddress();
  }
})();
