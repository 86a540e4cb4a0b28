/*
 * Screen readers hear what changed when HTMX swaps a view in place (the map's or a territory's selectors):
 * the new element's data-announce text (French, written by the server) goes into the page's live region
 * #annonce (role="status"). Focus stays on the selector the visitor used.
 */
(function () {
  "use strict";

  document.addEventListener("htmx:afterSettle", function (event) {
    var live = document.getElementById("annonce");
    var target = event.detail && event.detail.target;
    // An outerHTML swap replaces the target: read the element now in the page under the same id.
    var swapped = target && target.id ? document.getElementById(target.id) : null;
    var text = swapped ? swapped.getAttribute("data-announce") : null;
    if (!live || !text) {
      return;
    }
    live.textContent = "";
    // A new text node after a tick: the same sentence twice in a row is still announced.
    window.setTimeout(function () {
      live.textContent = text;
    }, 50);
  });
})();
