/* The timeline page's "Download" links follow the view: each is its export path with the
   page's current query string. Registered with ClientsideFunction("downloads", "links")
   in app/pages/timeline/downloads.py; the paths are in the links' own href. */
(function () {
  "use strict";
  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.downloads = {
    links: function (search) {
      var links = document.querySelectorAll(".download-links a");
      var query = (search || "").replace(/^\?/, "");
      var out = [];
      for (var i = 0; i < links.length; i++) {
        var path = links[i].getAttribute("href").split("?")[0];
        out.push(query ? path + "?" + query : path);
      }
      return out;
    }
  };
})();
