/* The server's copy of the page gives way to Dash's, served from the package.

   The document arrives with the page rendered on the server (<div id="server-page">),
   readable before any script runs. When Dash has rendered the same page (its <main>
   is in #react-entry-point), the copy is removed in the same frame, before the
   browser paints (a CSS rule in timeline.css already hides it), so nothing moves and
   no id is on the page twice. */
(function () {
  "use strict";
  var copy = document.getElementById("server-page");
  var app = document.getElementById("react-entry-point");
  if (!copy || !app) {
    return;
  }
  function handOver() {
    if (app.querySelector(".site-main")) {
      observer.disconnect();
      if (copy.parentNode) {
        copy.parentNode.removeChild(copy);
      }
    }
  }
  var observer = new MutationObserver(handOver);
  observer.observe(app, {childList: true, subtree: true});
  handOver();
})();
