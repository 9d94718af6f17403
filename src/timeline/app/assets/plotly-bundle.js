/* Plotly for dcc.Graph from the page's preload, served from the package.

   dcc.Graph loads Plotly when its first chart mounts, from window._dashPlotlyJSURL,
   which Dash's renderer sets to Plotly's full 4.8 MB bundle. The page's head preloads
   the app's own bundle (only the trace types the app draws; <link id="plotly-bundle">),
   so the download starts with the page; this points Dash at it, and keeps the renderer
   from pointing it back. */
(function () {
  "use strict";
  var link = document.getElementById("plotly-bundle");
  if (!link || !link.href) {
    return;
  }
  var url = link.href;
  Object.defineProperty(window, "_dashPlotlyJSURL", {
    configurable: false,
    get: function () { return url; },
    set: function () {}
  });
})();
