/* Keyboard and navigation helpers, served from the package with the app.

   1. The event list is keyboard-navigable: Tab reaches each event link, and the up and
      down arrow keys move between rows (Home/End to the first and last).
   2. Links with the class "spa-link" (the header's navigation and language switch,
      which carry aria-current) navigate inside the app without reloading, the way
      dcc.Link does: push the new URL and tell Dash's Location components. */
(function () {
  "use strict";

  document.addEventListener("keydown", function (event) {
    var link = event.target;
    if (!link || !link.classList || !link.classList.contains("row-link")) {
      return;
    }
    var keys = {ArrowDown: 1, ArrowUp: -1, Home: "first", End: "last"};
    var move = keys[event.key];
    if (move === undefined || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var table = link.closest("table");
    if (!table) {
      return;
    }
    var links = Array.prototype.slice.call(table.querySelectorAll("a.row-link"));
    var index = links.indexOf(link);
    var next = move === "first" ? 0 : move === "last" ? links.length - 1 : index + move;
    if (next >= 0 && next < links.length) {
      event.preventDefault();
      links[next].focus();
    }
  });

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) {
      return;
    }
    var link = event.target.closest ? event.target.closest("a.spa-link") : null;
    if (!link || link.target || link.origin !== window.location.origin) {
      return;
    }
    event.preventDefault();
    var href = link.pathname + link.search + link.hash;
    if (href !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.pushState({}, "", href);
      window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    }
    window.scrollTo(0, 0);
  });
})();
